//! What hostile files cost: each built in memory (`tests/common/hostile.rs`, the files of
//! `tests/bounds.rs`), read and checked as `selfeval check` does, with its wall time and the most heap
//! it held, beside the fixture's workbook in the same run (the peer: what a real form costs). Run with
//! `cargo bench --bench hostile`; the README quotes it.

#[path = "../tests/common/mod.rs"]
mod common;

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::time::{Duration, Instant};

use common::hostile::{ods, xls, xls_sheet, xlsx};
use selfeval::Profile;

/// The system allocator, counting the bytes held and the most held since the last [`reset`].
struct Counting;

static HELD: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let held = HELD.fetch_add(layout.size(), Relaxed) + layout.size();
        PEAK.fetch_max(held, Relaxed);
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        HELD.fetch_sub(layout.size(), Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Reads and checks `bytes` as the command does; its time and the most heap it held beyond what was
/// held before.
fn measure(name: &str, bytes: &[u8]) -> (Duration, usize, String) {
    let before = HELD.load(Relaxed);
    PEAK.store(before, Relaxed);
    let start = Instant::now();
    let report = selfeval::check_bytes(name, bytes, &Profile::default());
    let time = start.elapsed();
    let peak = PEAK.load(Relaxed) - before;
    let answer = match report.findings.iter().find(|f| f.code == "D001") {
        Some(f) => format!("D001 {}", f.message.chars().skip(name.chars().count() + 1).take(26).collect::<String>()),
        None => format!("read: {} sheets, {} findings", report.sheets.len(), report.findings.len()),
    };
    (time, peak, answer)
}

fn main() {
    // Text that does not compress (a zip's ratio bound would stop a run of one letter first): `n`
    // characters of the CJK block, by a linear congruential generator.
    let long = |n: usize| {
        let mut x: u32 = 12345;
        (0..n)
            .map(|_| {
                x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
                char::from_u32(0x4E00 + (x >> 16) % 20_000).unwrap_or('项')
            })
            .collect::<String>()
    };
    let rows = |n: usize, cell: &dyn Fn(usize) -> String| -> String {
        format!(
            "<sheetData>{}</sheetData>",
            (1..=n).map(|r| format!(r#"<row r="{r}">{}</row>"#, cell(r))).collect::<String>()
        )
    };
    let shared = |r: usize| format!(r#"<c r="A{r}" t="s"><v>0</v></c>"#);
    let mb = long(1 << 20);
    let thirty = long(30_000);
    let one_cell = rows(1, &shared);
    // 200 rows of 999 merges side by side (A1:B1, C1:D1, …), a cell in each row.
    let col = selfeval::grid::column_name;
    let merges: String = (1..=200)
        .flat_map(|r| (0..999).map(move |k| format!(r#"<mergeCell ref="{}{r}:{}{r}"/>"#, col(2 * k), col(2 * k + 1))))
        .collect();
    let many_rows = rows(200, &shared);
    let ods_table = |repeat_rows: &str, cell: &str| {
        format!(
            r#"<table:table><table:table-row table:number-rows-repeated="{repeat_rows}">{cell}</table:table-row></table:table>"#
        )
    };
    let cases: Vec<(&str, &str, Vec<u8>)> = vec![
        (
            "the fixture (peer)",
            "fixture.xlsx",
            std::fs::read("tests/fixtures/office/fixture.xlsx").expect("the fixture"),
        ),
        ("a 1 MB shared string in 3,000 cells", "a.xlsx", xlsx(&[0], &[rows(3000, &shared)], &[&mb])),
        ("a 30,000-character shared string in 1,500 cells", "a.xlsx", xlsx(&[0], &[rows(1500, &shared)], &[&thirty])),
        (
            "an .ods cell of 1 MB repeated 200 × 20",
            "a.ods",
            ods(&ods_table(
                "200",
                &format!(
                    r#"<table:table-cell table:number-columns-repeated="20" office:value-type="string"><text:p>{mb}</text:p></table:table-cell>"#
                ),
            )),
        ),
        (
            "an empty merged .ods cell repeated 10⁹ × 10⁹",
            "a.ods",
            ods(&ods_table(
                "1000000000",
                r#"<table:table-cell table:number-columns-repeated="1000000000" table:number-rows-spanned="2" table:number-columns-spanned="2"/>"#,
            )),
        ),
        (
            "40,000 cells each alone on its row in column XFD",
            "a.xlsx",
            xlsx(&[0], &[rows(40_000, &|r| format!(r#"<c r="XFD{r}" t="s"><v>0</v></c>"#))], &["x"]),
        ),
        (
            "one worksheet listed 20,000 times",
            "a.xlsx",
            xlsx(&vec![0; 20_000], std::slice::from_ref(&one_cell), &["项目名称"]),
        ),
        (
            "an .xls worksheet listed 300,000 times",
            "a.xls",
            xls(|at| vec![at; 300_000], &[xls_sheet(&[(0, 0, "x"), (1, 1, "y")])]),
        ),
        (
            "199,800 merged ranges (under the bound)",
            "a.xlsx",
            xlsx(&[0], &[format!("{many_rows}<mergeCells>{merges}</mergeCells>")], &["x"]),
        ),
        (
            "1,000,000 merged ranges",
            "a.xlsx",
            xlsx(
                &[0],
                &[format!("{one_cell}<mergeCells>{}</mergeCells>", r#"<mergeCell ref="A1:B2"/>"#.repeat(1_000_000))],
                &["x"],
            ),
        ),
        (
            "a clipboard table of rowspan=65535 colspan=1000, 1.7 MB",
            "a.html",
            format!("<table>{}</table>", "<tr><td rowspan=65535 colspan=1000>x</td></tr>".repeat(37_000)).into_bytes(),
        ),
        ("a 60 MB line of tabs", "a.txt", vec![b'\t'; 60 << 20]),
    ];
    // The Excel export of a workbook of 199,800 merged ranges: the merges are written once each.
    let (grid, merged) = selfeval::read_bytes("a.xlsx", &cases[8].2).expect("under the bounds");
    let start = Instant::now();
    let book = selfeval::export::xlsx(&grid, &merged, &Profile::default()).expect("written");
    println!(
        "export of {} merged ranges: {:.1} ms, {} KB",
        merged.len(),
        start.elapsed().as_secs_f64() * 1e3,
        book.len() / 1024
    );
    println!("| input | file | answer | time | most heap held |");
    println!("|---|---|---|---|---|");
    for (what, name, bytes) in &cases {
        let runs: Vec<(Duration, usize, String)> = (0..3).map(|_| measure(name, bytes)).collect();
        let time = runs.iter().map(|r| r.0).min().unwrap_or_default();
        let peak = runs.iter().map(|r| r.1).max().unwrap_or_default();
        let size = bytes.len();
        let size = if size >= 1 << 20 {
            format!("{:.1} MB", size as f64 / (1 << 20) as f64)
        } else {
            format!("{:.1} KB", size as f64 / 1024.0)
        };
        println!(
            "| {what} | {size} | {} | {:.1} ms | {:.1} MB |",
            runs[0].2,
            time.as_secs_f64() * 1e3,
            peak as f64 / (1 << 20) as f64
        );
    }
}
