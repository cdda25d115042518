//! selfeval: reads, checks and scores 财政项目支出绩效自评表 (fiscal project expenditure performance
//! self-evaluation sheets).
//!
//! Data flows one way, one module per step:
//! bytes → [`input`] (text, HTML) → [`grid`] → cells → [`read`] → [`model`] sheets → [`score`] →
//! [`check`] → [`report`]. Values are read by [`value`]; scoring settings come from a [`profile`].
//! Nothing here knows about JavaScript; every amount and score is a `rust_decimal::Decimal`.
//!
//! ```
//! let text = std::fs::read_to_string("tests/fixtures/000_7b7c0afb335e079f.txt").unwrap();
//! let report = selfeval::check_text(&text, &selfeval::Profile::default());
//! assert_eq!(report.sheets.len(), 4);
//! assert_eq!(report.sheets[3].totals.computed_weight, "115");
//! ```
#![deny(missing_docs)]

pub mod check;
pub mod edit;
pub mod export;
pub mod finding;
pub mod grid;
pub mod input;
pub mod judge;
pub mod model;
pub mod profile;
pub mod read;
pub mod report;
pub mod score;
pub mod text;
pub mod value;
pub mod view;
#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use finding::{Code, Finding, Severity};
pub use grid::{Grid, Merge};
pub use input::{read_bytes, read_html, read_paste};
pub use profile::{Profile, ProfileError};
pub use report::Report;

/// The central template (财预〔2020〕10号 附1) with nothing filled in, as tab-separated text: the page's
/// "new form".
pub const BLANK_FORM: &str = include_str!("blank.tsv");

/// Checks pasted or loaded text: every sheet in it, scored by `profile`.
pub fn check_text(text: &str, profile: &Profile) -> Report {
    check_grid(&Grid::parse(text, None), None, profile)
}

/// Checks a file's bytes; `name` is the file name (it tells a `.csv` apart and names the report).
/// Bytes that are not text give a report with one finding that says why.
pub fn check_bytes(name: &str, bytes: &[u8], profile: &Profile) -> Report {
    match read_bytes(name, bytes) {
        Ok((grid, _)) => check_grid(&grid, Some(name.to_owned()), profile),
        Err(e) => refused(name, &e, profile),
    }
}

/// The report of a file that could not be read: one finding that says why.
pub fn refused(name: &str, error: &input::ReadError, profile: &Profile) -> Report {
    Report::new(
        Some(name.to_owned()),
        profile.name.clone(),
        Vec::new(),
        vec![check::undecodable(name, &error.message(name))],
    )
}

/// Checks a clipboard's HTML.
pub fn check_html(html: &str, profile: &Profile) -> Report {
    check_grid(&read_html(html).0, None, profile)
}

/// Checks a grid of cells, however it was obtained (text, a clipboard's HTML table, a workbook).
pub fn check_grid(grid: &Grid, source: Option<String>, profile: &Profile) -> Report {
    run(grid, source, profile, None).0
}

/// Checks a grid and draws each sheet as its form; `merges` are the input's own merged ranges (a
/// clipboard's HTML has them, text has not).
pub fn check_form(grid: &Grid, merges: &[grid::Merge], profile: &Profile) -> (Report, Vec<view::SheetView>) {
    run(grid, None, profile, Some(merges))
}

fn run(
    grid: &Grid,
    source: Option<String>,
    profile: &Profile,
    merges: Option<&[grid::Merge]>,
) -> (Report, Vec<view::SheetView>) {
    let mut reports = Vec::new();
    let mut views = Vec::new();
    let outside = each_sheet(grid, profile, |sheet, report| {
        if let Some(merges) = merges {
            views.push(view::view(grid, sheet, &report, merges));
        }
        reports.push(report);
    });
    (Report::new(source, profile.name.clone(), reports, outside), views)
}

/// Checks a grid one sheet at a time, handing each sheet's report to `each` as soon as it is made and
/// keeping none: a paste of thousands of sheets is checked in the memory of a few. Gives the report of
/// the rest: the findings outside any sheet, and the counts and number of sheets of the whole.
pub fn check_each(
    grid: &Grid,
    source: Option<String>,
    profile: &Profile,
    mut each: impl FnMut(report::SheetReport),
) -> (Report, usize) {
    let mut counts = Vec::new();
    let mut sheets = 0;
    let outside = each_sheet(grid, profile, |_, report| {
        sheets += 1;
        counts.push(report.counts);
        each(report);
    });
    let mut report = Report::new(source, profile.name.clone(), Vec::new(), outside);
    for c in counts {
        report.counts.add(c);
    }
    (report, sheets)
}

/// Reads, scores and checks each sheet of a grid in turn, handing it and its report to `each`; gives
/// the findings outside any sheet.
fn each_sheet(
    grid: &Grid,
    profile: &Profile,
    mut each: impl FnMut(&model::Sheet, report::SheetReport),
) -> Vec<Finding> {
    let (sheets, others) = read::read_lazily(grid);
    // Sheets by a hash of their written cells, to find one pasted twice without comparing every pair;
    // an earlier sheet is kept as its number and its rows only.
    type Rows = (usize, usize);
    let mut seen: std::collections::HashMap<u64, Vec<(usize, Rows)>> = std::collections::HashMap::new();
    let mut count = 0;
    for (i, sheet) in sheets.enumerate() {
        count += 1;
        // A profile the user chose scores every sheet; else each sheet's layout says its own.
        let profile = if profile.chosen { profile } else { read::family::profile(sheet.layout) };
        let scores = score::score(&sheet, profile);
        let mut findings = check::check(&sheet, &scores, profile);
        let earlier = seen.entry(cells_hash(grid, sheet.rows)).or_default();
        if let Some(&(of, _)) = earlier.iter().find(|(_, rows)| same_cells(grid, *rows, sheet.rows)) {
            findings.insert(0, check::duplicate(&sheet, i + 1, of + 1));
        }
        earlier.push((i, sheet.rows));
        let report = report::SheetReport::new(i + 1, &sheet, &scores, findings, &profile.name);
        each(&sheet, report);
    }
    let mut outside = Vec::new();
    if count == 0 {
        outside.push(check::no_sheet());
    }
    if !others.is_empty() {
        outside.push(check::other_forms(&others));
    }
    outside
}

/// The rows of a sheet (its first and last row) that hold something, each as its trimmed cells.
fn written_rows(grid: &Grid, rows: (usize, usize)) -> impl Iterator<Item = Vec<&str>> + '_ {
    (rows.0..=rows.1).filter(|&r| grid.cells(r).any(|c| !c.trim().is_empty())).map(|r| {
        let mut cells: Vec<&str> = grid.cells(r).map(str::trim).collect();
        while cells.last() == Some(&"") {
            cells.pop();
        }
        cells
    })
}

/// A hash of what a sheet says, blank rows and trailing blank cells aside.
fn cells_hash(grid: &Grid, rows: (usize, usize)) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    written_rows(grid, rows).for_each(|row| row.hash(&mut hasher));
    hasher.finish()
}

/// Whether two sheets say the same thing cell for cell (a sheet pasted twice); blank rows around them
/// do not count.
fn same_cells(grid: &Grid, a: (usize, usize), b: (usize, usize)) -> bool {
    written_rows(grid, a).eq(written_rows(grid, b))
}
