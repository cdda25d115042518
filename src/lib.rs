//! selfeval: reads, checks and scores 财政项目支出绩效自评表 (fiscal project expenditure performance
//! self-evaluation sheets).
//!
//! Data flows one way, one module per step:
//! bytes → [`decode`] → text → [`grid`] → cells → [`read`] → [`model`] sheets → [`score`] →
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
pub mod decode;
pub mod finding;
pub mod grid;
pub mod html;
pub mod model;
pub mod profile;
pub mod read;
pub mod report;
pub mod score;
pub mod text;
pub mod value;
#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use finding::{Code, Finding, Severity};
pub use grid::Grid;
pub use profile::{Profile, ProfileError};
pub use report::Report;

/// Checks pasted or loaded text: every sheet in it, scored by `profile`.
pub fn check_text(text: &str, profile: &Profile) -> Report {
    check_grid(&Grid::parse(text, None), None, profile)
}

/// Checks a file's bytes; `name` is the file name (it tells a `.csv` apart and names the report).
/// Bytes that are not text give a report with one finding that says why.
pub fn check_bytes(name: &str, bytes: &[u8], profile: &Profile) -> Report {
    match decode::decode(bytes) {
        Ok(text) => check_grid(&Grid::parse(&text, Some(name)), Some(name.to_owned()), profile),
        Err(e) => Report::new(
            Some(name.to_owned()),
            profile.name.clone(),
            Vec::new(),
            vec![Finding::new(Code::Undecodable, format!("{name}：{}", e.message()))],
        ),
    }
}

/// Checks a clipboard's HTML (Excel, WPS, Word put the table there with its merged cells); when the
/// HTML holds no table, its text is checked as a paste.
pub fn check_html(html: &str, profile: &Profile) -> Report {
    match html::parse(html) {
        Some((grid, _merges)) => check_grid(&grid, None, profile),
        None => check_text(&text::strip_markup(html), profile),
    }
}

/// Checks a grid of cells, however it was obtained (text, a clipboard's HTML table, a workbook).
pub fn check_grid(grid: &Grid, source: Option<String>, profile: &Profile) -> Report {
    let sheets = read::read(grid);
    let mut outside = Vec::new();
    if sheets.is_empty() {
        outside.push(Finding::new(
            Code::NoSheet,
            "未找到财政项目支出绩效自评表：输入中没有“绩效自评表”标题，也没有“项目名称”“项目资金”“三级指标”等表头。请粘贴整张自评表。",
        ));
    }
    let reports = sheets
        .iter()
        .enumerate()
        .map(|(i, sheet)| {
            let scores = score::score(sheet, profile);
            let findings = check::check(sheet, &scores, profile);
            report::SheetReport::new(i + 1, sheet, &scores, findings)
        })
        .collect();
    Report::new(source, profile.name.clone(), reports, outside)
}
