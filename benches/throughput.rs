//! Throughput of parse + check + score (`check_text`) natively, on the fixture and on pastes of the
//! fixture repeated up to 10,000 sheets. Run with `cargo bench --bench throughput`; the README quotes it.
//! Times are the best of several runs, so a busy machine shows less noise.
//!
//! `check_text` checks a paste's sheets on all cores; beside it, the same on one thread (`check_each`
//! with one thread), which is also what WebAssembly runs.
//!
//! Beside them, in the same run, a floor: the time to split the same input into a grid of borrowed cell
//! slices (lines, then tabs), the least any reader must do; the ratio says how far the engine is from it.
//!
//! `-- --summary-10k` prints one number instead: the best time in ms of `check_text` + `summary` on
//! one thread on the 10,000-sheet paste, which `scripts/bench-page.mjs` compares with `checkTextSummary` in wasm.

use std::time::{Duration, Instant};

use selfeval::{check_text, Profile};

/// The allocator the `selfeval` command uses, so that the bench measures what the command runs.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const FIXTURE: &str = include_str!("../tests/fixtures/000_7b7c0afb335e079f.txt");

fn best_of(runs: usize, input: &str, profile: &Profile) -> (Duration, usize) {
    let mut best = Duration::MAX;
    let mut sheets = 0;
    for _ in 0..runs {
        let start = Instant::now();
        let report = check_text(input, profile);
        let elapsed = start.elapsed();
        sheets = report.sheets.len();
        std::hint::black_box(&report);
        best = best.min(elapsed);
    }
    (best, sheets)
}

/// Best time of the same check on one thread: `check_each`, its reports kept as `check_text` keeps them.
fn one_thread(runs: usize, input: &str, profile: &Profile) -> Duration {
    (0..runs)
        .map(|_| {
            let start = Instant::now();
            let grid = selfeval::Grid::parse(input, None);
            let mut reports = Vec::new();
            let (report, _) = selfeval::check_each(&grid, None, profile, 1, |r| reports.push(r));
            std::hint::black_box((&report, &reports));
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}

/// Best time of the same check on one thread with no report kept: `check_each` as the command runs it.
fn streamed(runs: usize, input: &str, profile: &Profile) -> Duration {
    (0..runs)
        .map(|_| {
            let start = Instant::now();
            let grid = selfeval::Grid::parse(input, None);
            let (report, _) = selfeval::check_each(&grid, None, profile, 1, |r| drop(std::hint::black_box(r)));
            std::hint::black_box(&report);
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}

/// Best time of `check_text` + `summary` on one thread (as WebAssembly runs it), the work
/// `checkTextSummary` does in wasm.
fn best_summary(runs: usize, input: &str, profile: &Profile) -> Duration {
    (0..runs)
        .map(|_| {
            let start = Instant::now();
            let grid = selfeval::Grid::parse(input, None);
            let mut sheets = Vec::new();
            let (mut report, _) = selfeval::check_each(&grid, None, profile, 1, |r| sheets.push(r));
            report.sheets = sheets;
            std::hint::black_box(report.summary());
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}

/// A workbook's bytes read (`read_bytes`) and checked (`check_bytes`), best times in ms: where the time
/// of a file goes, reading or checking.
fn workbook(path: &str, profile: &Profile) {
    let bytes = std::fs::read(path).expect("the workbook");
    let best = |run: &dyn Fn()| {
        (0..10)
            .map(|_| {
                let start = Instant::now();
                run();
                start.elapsed()
            })
            .min()
            .unwrap_or_default()
            .as_secs_f64()
            * 1e3
    };
    let read = best(&|| {
        std::hint::black_box(selfeval::read_bytes(path, &bytes).map(|(g, _)| g.height()).unwrap_or(0));
    });
    let all = best(&|| {
        std::hint::black_box(selfeval::check_bytes(path, &bytes, profile));
    });
    println!("{path}: read {read:.2} ms, read and check {all:.2} ms");
}

/// The floor: the input split into rows of borrowed cells, nothing allocated per cell but the row vectors.
fn floor(runs: usize, input: &str) -> Duration {
    (0..runs)
        .map(|_| {
            let start = Instant::now();
            let grid: Vec<Vec<&str>> = input.lines().map(|line| line.split('\t').collect()).collect();
            std::hint::black_box(&grid);
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}

fn main() {
    let profile = Profile::default();
    if let Some(path) = std::env::args().skip_while(|a| a != "--workbook").nth(1) {
        workbook(&path, &profile);
        return;
    }
    if std::env::args().any(|a| a == "--summary-10k") {
        println!("{:.1}", best_summary(5, &FIXTURE.repeat(2500), &profile).as_secs_f64() * 1e3);
        return;
    }
    let per_copy = check_text(FIXTURE, &profile).sheets.len();
    println!("check_text on all {} cores; beside it the same sheets on one thread (check_each)", selfeval::cores());
    println!(
        "{:>8} {:>8} {:>10} {:>8} {:>10} {:>8} {:>10} {:>8} {:>8}",
        "sheets", "MB", "time (ms)", "MB/s", "1 thread", "MB/s", "floor (ms)", "ratio", "1 thread"
    );
    let mut rows = Vec::new();
    for copies in [1usize, 250, 2500] {
        let input = FIXTURE.repeat(copies);
        let runs = if copies == 1 {
            200
        } else if copies == 250 {
            10
        } else {
            3
        };
        let (time, sheets) = best_of(runs, &input, &profile);
        assert_eq!(sheets, per_copy * copies);
        let one = one_thread(runs, &input, &profile).as_secs_f64();
        let mb = input.len() as f64 / 1e6;
        let secs = time.as_secs_f64();
        let floor = floor(runs, &input).as_secs_f64();
        println!(
            "{sheets:>8} {mb:>8.3} {:>10.3} {:>8.1} {:>10.3} {:>8.1} {:>10.3} {:>7.1}x {:>7.1}x",
            secs * 1e3,
            mb / secs,
            one * 1e3,
            mb / one,
            floor * 1e3,
            secs / floor,
            one / floor
        );
        rows.push((sheets, secs, one));
    }
    let input = FIXTURE.repeat(2500);
    let streamed = streamed(3, &input, &profile).as_secs_f64();
    println!(
        "10,000 sheets on one thread, each report dropped as made (as the command does): {:.1} ms, {:.1} MB/s",
        streamed * 1e3,
        input.len() as f64 / 1e6 / streamed
    );
    let (small, large) = (rows[1], rows[2]);
    println!(
        "10x input ({} → {} sheets) costs {:.2}x the time ({:.2}x on one thread)",
        small.0,
        large.0,
        large.1 / small.1,
        large.2 / small.2
    );
}
