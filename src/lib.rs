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
    match input::read_text(text, None) {
        Ok(grid) => check_grid(&grid, None, profile),
        Err(e) => refused_paste(&e, profile),
    }
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

/// The report of a paste that could not be read: one finding that says why.
fn refused_paste(error: &input::ReadError, profile: &Profile) -> Report {
    const PASTE: &str = "粘贴的内容";
    Report::new(None, profile.name.clone(), Vec::new(), vec![check::undecodable(PASTE, &error.message(PASTE))])
}

/// Checks a clipboard's HTML.
pub fn check_html(html: &str, profile: &Profile) -> Report {
    match read_html(html) {
        Ok((grid, _)) => check_grid(&grid, None, profile),
        Err(e) => refused_paste(&e, profile),
    }
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
    let outside = match merges {
        Some(merges) => each_sheet(grid, profile, |sheet, report| {
            views.push(view::view(grid, sheet, &report, merges));
            reports.push(report);
        }),
        None => each_report(grid, profile, cores(), &|report| report, |report| reports.push(report)),
    };
    (Report::new(source, profile.name.clone(), reports, outside), views)
}

/// Checks a grid one sheet at a time, handing each sheet's report to `each`, in order, as soon as it
/// is made and keeping none: a paste of thousands of sheets is checked in the memory of a few. Gives
/// the report of the rest: the findings outside any sheet, and the counts and number of sheets of the
/// whole. Sheets are checked on up to `threads` threads ([`cores`] for all; WebAssembly has one).
pub fn check_each(
    grid: &Grid,
    source: Option<String>,
    profile: &Profile,
    threads: usize,
    each: impl FnMut(report::SheetReport),
) -> (Report, usize) {
    check_each_made(grid, source, profile, threads, |report| report, each)
}

/// [`check_each`], with what `each` is handed made of each sheet's report by `made` on the thread that
/// checked it: a report's text or JSON written on the threads beside the next sheets' checks.
pub fn check_each_made<T: Send>(
    grid: &Grid,
    source: Option<String>,
    profile: &Profile,
    threads: usize,
    made: impl Fn(report::SheetReport) -> T + Sync,
    mut each: impl FnMut(T),
) -> (Report, usize) {
    let mut counts = Vec::new();
    let made = |report: report::SheetReport| (report.counts, made(report));
    let outside = each_report(grid, profile, threads, &made, |(c, t)| {
        counts.push(c);
        each(t);
    });
    let mut report = Report::new(source, profile.name.clone(), Vec::new(), outside);
    let sheets = counts.len();
    for c in counts {
        report.counts.add(c);
    }
    (report, sheets)
}

/// Reads, scores and checks each sheet of a grid in turn, handing it and its report to `each`; gives
/// the findings outside any sheet.
fn each_sheet(grid: &Grid, profile: &Profile, each: impl FnMut(&model::Sheet, report::SheetReport)) -> Vec<Finding> {
    let (sheets, others) = read::read_lazily(grid);
    in_turn(grid, sheets, &others, profile, each)
}

/// [`each_sheet`] of sheets already split.
fn in_turn(
    grid: &Grid,
    sheets: read::Sheets,
    others: &[model::Cell],
    profile: &Profile,
    mut each: impl FnMut(&model::Sheet, report::SheetReport),
) -> Vec<Finding> {
    let copies = copies(grid, sheets.ranges());
    let count = sheets.ranges().len();
    for (i, sheet) in sheets.enumerate() {
        let report = sheet_report(i, &sheet, copies[i], profile);
        each(&sheet, report);
    }
    outside(count, others)
}

/// The threads a paste is checked on natively: the machine's cores (asked once: the answer is read from
/// the process's CPU quota files). One in WebAssembly, where the page checks big batches in a worker.
pub fn cores() -> usize {
    static CORES: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *CORES.get_or_init(|| {
        if cfg!(target_arch = "wasm32") {
            1
        } else {
            std::thread::available_parallelism().map_or(1, |n| n.get())
        }
    })
}

/// Sheets a thread takes at a time: enough that handing them out costs nothing, few enough that the
/// reports waiting for their turn are those of a few sheets.
#[cfg(not(target_arch = "wasm32"))]
const BLOCK: usize = 16;

/// Like [`each_sheet`] without the sheets, on up to `threads` threads when the paste has more than
/// a block of sheets (`check_text` and `check_grid` use all cores).
fn each_report<T: Send>(
    grid: &Grid,
    profile: &Profile,
    threads: usize,
    made: &(impl Fn(report::SheetReport) -> T + Sync),
    mut each: impl FnMut(T),
) -> Vec<Finding> {
    let (sheets, others) = read::read_lazily(grid);
    #[cfg(not(target_arch = "wasm32"))]
    if threads > 1 && sheets.ranges().len() > BLOCK {
        on_threads(grid, sheets.ranges(), profile, threads, made, &mut each);
        return outside(sheets.ranges().len(), &others);
    }
    #[cfg(target_arch = "wasm32")]
    let _ = threads; // WebAssembly has one.
    in_turn(grid, sheets, &others, profile, |_, report| each(made(report)))
}

/// The reports of the sheets in `ranges`, made on `threads` threads: each takes the next block of
/// sheets, and the reports reach `each` in the sheets' order. A thread waits rather than run more than
/// a few blocks ahead of the next report due, so memory stays that of a few blocks whatever the paste.
#[cfg(not(target_arch = "wasm32"))]
fn on_threads<T: Send>(
    grid: &Grid,
    ranges: &[(usize, usize)],
    profile: &Profile,
    threads: usize,
    made: &(impl Fn(report::SheetReport) -> T + Sync),
    each: &mut impl FnMut(T),
) {
    let blocks = ranges.len().div_ceil(BLOCK);
    let copies = copies(grid, ranges);
    let block = |b: usize| -> Vec<T> {
        (b * BLOCK..((b + 1) * BLOCK).min(ranges.len()))
            .map(|i| made(sheet_report(i, &read::read_sheet(grid, ranges[i]), copies[i], profile)))
            .collect()
    };
    let window = 2 * threads;
    let next = std::sync::atomic::AtomicUsize::new(0);
    // The next block due to `each`, which a thread may not run `window` blocks ahead of.
    let due = (std::sync::Mutex::new(0usize), std::sync::Condvar::new());
    std::thread::scope(|scope| {
        let (send, receive) = std::sync::mpsc::channel();
        for _ in 0..threads.min(blocks) {
            let (send, next, due, block) = (send.clone(), &next, &due, &block);
            scope.spawn(move || loop {
                let b = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                if b >= blocks {
                    break;
                }
                let guard = due.0.lock().unwrap_or_else(|e| e.into_inner());
                drop(due.1.wait_while(guard, |d| b >= *d + window).unwrap_or_else(|e| e.into_inner()));
                if send.send((b, block(b))).is_err() {
                    break;
                }
            });
        }
        drop(send);
        let mut waiting = std::collections::BTreeMap::new();
        for (b, reports) in receive {
            waiting.insert(b, reports);
            let mut d = due.0.lock().unwrap_or_else(|e| e.into_inner());
            while let Some(reports) = waiting.remove(&*d) {
                reports.into_iter().for_each(&mut *each);
                *d += 1;
            }
            due.1.notify_all();
        }
    });
}

/// One sheet's report: scored, checked, and told whether it repeats an earlier sheet (`copy_of`, its
/// index).
fn sheet_report(i: usize, sheet: &model::Sheet, copy_of: Option<usize>, profile: &Profile) -> report::SheetReport {
    // A profile the user chose scores every sheet; else each sheet's layout says its own.
    let profile = if profile.chosen { profile } else { read::family::profile(sheet.layout) };
    let scores = score::score(sheet, profile);
    let mut findings = check::check(sheet, &scores, profile);
    if let Some(of) = copy_of {
        findings.insert(0, check::duplicate(sheet, i + 1, of + 1));
    }
    report::SheetReport::new(i + 1, sheet, &scores, findings, &profile.name)
}

/// For each sheet, the first earlier sheet that says the same cell for cell (a sheet pasted twice).
/// Sheets are grouped by a hash of their written cells, so that not every pair is compared.
fn copies(grid: &Grid, ranges: &[(usize, usize)]) -> Vec<Option<usize>> {
    let mut seen: std::collections::HashMap<u64, Vec<usize>> = std::collections::HashMap::new();
    ranges
        .iter()
        .enumerate()
        .map(|(i, &rows)| {
            let earlier = seen.entry(cells_hash(grid, rows)).or_default();
            let of = earlier.iter().copied().find(|&e| same_cells(grid, ranges[e], rows));
            earlier.push(i);
            of
        })
        .collect()
}

/// The findings outside any sheet: none found, other forms found.
fn outside(sheets: usize, others: &[model::Cell]) -> Vec<Finding> {
    let mut outside = Vec::new();
    if sheets == 0 {
        outside.push(check::no_sheet());
    }
    if !others.is_empty() {
        outside.push(check::other_forms(others));
    }
    outside
}

/// The rows of a sheet (its first and last row) that hold something.
fn written_rows(grid: &Grid, rows: (usize, usize)) -> impl Iterator<Item = usize> + '_ {
    (rows.0..=rows.1).filter(|&r| grid.filled(r).any(|(_, c)| !text::is_blank(c)))
}

/// What a row says: its written cells, trimmed, with their columns (so that two rows that differ only
/// in trailing blank cells say the same). Nothing is copied: every sheet of a paste is hashed.
fn written_cells(grid: &Grid, r: usize) -> impl Iterator<Item = (usize, &str)> + '_ {
    grid.filled(r).map(|(col, text)| (col, text.trim())).filter(|(_, text)| !text.is_empty())
}

/// A hash of what a sheet says, blank rows and trailing blank cells aside.
fn cells_hash(grid: &Grid, rows: (usize, usize)) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    for r in written_rows(grid, rows) {
        written_cells(grid, r).for_each(|cell| cell.hash(&mut hasher));
        // The end of a row: `a | b` on one row is not `a` above `b`.
        usize::MAX.hash(&mut hasher);
    }
    hasher.finish()
}

/// Whether two sheets say the same thing cell for cell (a sheet pasted twice); blank rows around them
/// do not count.
fn same_cells(grid: &Grid, a: (usize, usize), b: (usize, usize)) -> bool {
    let (mut a, mut b) = (written_rows(grid, a), written_rows(grid, b));
    loop {
        match (a.next(), b.next()) {
            (None, None) => return true,
            (Some(x), Some(y)) if written_cells(grid, x).eq(written_cells(grid, y)) => {}
            _ => return false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The reports of `each_report` on `threads` threads, in the order they reached it.
    fn reports(text: &str, threads: usize) -> (Vec<report::SheetReport>, Vec<Finding>) {
        let grid = Grid::parse(text, None);
        let mut reports = Vec::new();
        let outside = each_report(&grid, &Profile::default(), threads, &|r| r, |r| reports.push(r));
        (reports, outside)
    }

    #[test]
    fn sheets_checked_on_threads_report_as_on_one() {
        let fixture = include_str!("../tests/fixtures/000_7b7c0afb335e079f.txt");
        // Blocks of sheets that differ (a changed score), copies of earlier ones, and another form.
        let changed = fixture.replacen("\t10\t10\t", "\t10\t9\t", 1);
        let text = [fixture, &changed, "项目支出绩效目标申报表\n"].concat().repeat(3 * BLOCK);
        let (one, outside) = reports(&text, 1);
        assert_eq!(one.len(), 8 * 3 * BLOCK);
        assert!(one.iter().any(|r| r.findings.iter().any(|f| f.code == Code::DuplicateSheet.spec().code)));
        for threads in [2, 3, 7] {
            let (many, outside_many) = reports(&text, threads);
            let differ = many.iter().zip(&one).position(|(a, b)| a != b);
            assert!(many.len() == one.len() && differ.is_none(), "{threads} threads: sheet {differ:?} differs");
            assert_eq!(outside_many, outside);
        }
    }

    #[test]
    fn a_paste_of_few_sheets_is_checked_on_one_thread_alike() {
        let fixture = include_str!("../tests/fixtures/000_7b7c0afb335e079f.txt");
        assert_eq!(reports(fixture, 4), reports(fixture, 1));
        assert_eq!(reports("", 4).1, vec![check::no_sheet()]);
    }
}
