//! Reading the peer files (`../shared/peer-files/calamine`, calamine's own test files) with our readers
//! and with calamine's, natively, in the same run: every `.xlsx`, `.xls` and `.ods` both read, each read
//! in full (every worksheet, every cell as text: ours as shown, calamine's values through `Display`).
//! Times are the best of several runs. Prints the largest files one a line, then the totals.
//!
//! Run by `make bench` (`cargo run --release` in this folder); the README quotes it. An argument keeps
//! the files whose names contain it (`cargo run --release -- .xls`), to profile one.

use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use calamine::{open_workbook_auto_from_rs, Reader};

/// The allocator the `selfeval` command uses, so that the bench measures what the command runs.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const RUNS: usize = 7;

/// The best time of `RUNS` runs of `run`, and whether it succeeded; what it gives is dropped after the
/// clock stops.
fn best<T>(mut run: impl FnMut() -> Option<T>) -> Option<Duration> {
    let mut fastest = None;
    for _ in 0..RUNS {
        let start = Instant::now();
        let out = run()?;
        let elapsed = start.elapsed();
        drop(std::hint::black_box(out));
        fastest = Some(fastest.map_or(elapsed, |f: Duration| f.min(elapsed)));
    }
    fastest
}

/// Every worksheet's cells as text, as our readers give them.
fn ours(name: &str, bytes: &[u8]) -> Option<usize> {
    let sheets = selfeval::input::read_worksheets(name, bytes).ok()?;
    Some(sheets.iter().flat_map(|sheet| sheet.rows.iter().flatten()).map(String::len).sum())
}

/// Every worksheet's cells as text, as calamine gives them.
fn calamine(bytes: &[u8]) -> Option<usize> {
    let mut book = open_workbook_auto_from_rs(Cursor::new(bytes)).ok()?;
    let mut length = 0;
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).ok()?;
        length += range.rows().flatten().map(|cell| cell.to_string().len()).sum::<usize>();
    }
    Some(length)
}

fn peer_files() -> Vec<PathBuf> {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/peer-files/calamine");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&folder)
        .unwrap_or_else(|e| panic!("{}: {e}", folder.display()))
        .filter_map(|entry| Some(entry.ok()?.path()))
        .filter(|path| path.extension().is_some_and(|ext| ["xlsx", "xls", "ods"].contains(&&*ext.to_string_lossy())))
        .collect();
    files.sort();
    files
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    std::panic::set_hook(Box::new(|_| {}));
    let (mut rows, mut panicked) = (Vec::new(), Vec::new());
    let only = std::env::args().nth(1).unwrap_or_default();
    for path in peer_files().into_iter().filter(|path| path.to_string_lossy().contains(&only)) {
        let bytes = std::fs::read(&path).expect("a peer file");
        let name = path.file_name().unwrap_or_default().to_string_lossy().into_owned();
        // Ours first: a file made to exhaust memory (calamine's `OOM_alloc*.xls`) is refused by ours at
        // once and never given to calamine, which would take the machine's memory on it.
        let Some(a) = best(|| ours(&name, &bytes)) else { continue };
        // calamine panics on some of its own test files: that is a refusal here.
        match std::panic::catch_unwind(|| best(|| calamine(&bytes))) {
            Ok(Some(b)) => rows.push((name, bytes.len(), a, b)),
            Ok(None) => {}
            Err(_) => panicked.push(name),
        }
    }
    rows.sort_by_key(|row| std::cmp::Reverse(row.3));
    println!("{:<44} {:>9} {:>10} {:>10} {:>7}", "file (both read it)", "bytes", "ours ms", "calamine", "ratio");
    for (name, size, a, b) in rows.iter().take(12) {
        println!("{name:<44} {size:>9} {:>10.2} {:>10.2} {:>6.2}×", ms(*a), ms(*b), ms(*a) / ms(*b));
    }
    let (a, b): (Duration, Duration) = rows.iter().fold(Default::default(), |(a, b), row| (a + row.2, b + row.3));
    let slower = rows.iter().filter(|row| row.2 > row.3).count();
    println!(
        "all {} files: ours {:.1} ms, calamine {:.1} ms ({:.2}× calamine's time); ours slower on {slower}",
        rows.len(),
        ms(a),
        ms(b),
        ms(a) / ms(b)
    );
    if !panicked.is_empty() {
        println!("calamine panicked on {} files ours read: {}", panicked.len(), panicked.join(", "));
    }
}
