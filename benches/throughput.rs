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

use selfeval::report::SheetReport;
use selfeval::{check_text, Profile, Report};

/// The allocator the `selfeval` command uses, so that the bench measures what the command runs.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const FIXTURE: &str = include_str!("../tests/fixtures/000_7b7c0afb335e079f.txt");

/// The best time of `runs` runs of `run`; what it gives is dropped after the clock stops.
fn best<T>(runs: usize, mut run: impl FnMut() -> T) -> Duration {
    (0..runs)
        .map(|_| {
            let start = Instant::now();
            let out = run();
            let elapsed = start.elapsed();
            drop(std::hint::black_box(out));
            elapsed
        })
        .min()
        .unwrap_or_default()
}

/// The check on one thread, as WebAssembly runs it: `check_each`, each sheet's report handed to `each`.
fn on_one_thread(input: &str, profile: &Profile, each: impl FnMut(SheetReport)) -> Report {
    selfeval::check_each(&selfeval::Grid::parse(input, None), None, profile, 1, each).0
}

/// Best time of `check_text` (all cores), and the sheets it found.
fn best_of(runs: usize, input: &str, profile: &Profile) -> (Duration, usize) {
    let mut sheets = 0;
    let time = best(runs, || {
        let report = check_text(input, profile);
        sheets = report.sheets.len();
        report
    });
    (time, sheets)
}

/// Best time of the same check on one thread, its reports kept as `check_text` keeps them.
fn one_thread(runs: usize, input: &str, profile: &Profile) -> Duration {
    best(runs, || {
        let mut reports = Vec::new();
        (on_one_thread(input, profile, |r| reports.push(r)), reports)
    })
}

/// Best time of the same check on one thread with no report kept, as the command runs it.
fn streamed(runs: usize, input: &str, profile: &Profile) -> Duration {
    best(runs, || on_one_thread(input, profile, |r| drop(std::hint::black_box(r))))
}

/// Best time of `check_text` + `summary` on one thread (as WebAssembly runs it), the work
/// `checkTextSummary` does in wasm.
fn best_summary(runs: usize, input: &str, profile: &Profile) -> Duration {
    best(runs, || {
        let mut sheets = Vec::new();
        let mut report = on_one_thread(input, profile, |r| sheets.push(r));
        report.sheets = sheets;
        report.summary()
    })
}

/// A workbook's bytes read (`read_bytes`) and checked (`check_bytes`), best times in ms: where the time
/// of a file goes, reading or checking.
fn workbook(path: &str, profile: &Profile) {
    let bytes = std::fs::read(path).expect("the workbook");
    let read = best(10, || selfeval::read_bytes(path, &bytes).map(|(g, _)| g.height()).unwrap_or(0));
    let all = best(10, || selfeval::check_bytes(path, &bytes, profile));
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!("{path}: read {:.2} ms, read and check {:.2} ms", ms(read), ms(all));
}

/// The floor: the input split into rows of borrowed cells, nothing allocated per cell but the row vectors.
fn floor(runs: usize, input: &str) -> Duration {
    best(runs, || input.lines().map(|line| line.split('\t').collect()).collect::<Vec<Vec<&str>>>())
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
    // The report written as the command writes it (each sheet's part on the thread that checked it), as
    // text and as JSON, on all cores: JSON is 8× the text's bytes.
    let grid = selfeval::Grid::parse(&input, None);
    let written = |json: bool| {
        best(3, || {
            let part = |sheet: SheetReport| {
                let mut out = String::new();
                match json {
                    true => sheet.write_json(&mut out),
                    false => sheet.write_text(&mut out, false),
                }
                out
            };
            let mut body = String::new();
            let (report, _) = selfeval::check_each_made(&grid, None, &profile, selfeval::cores(), part, |p| body += &p);
            match json {
                true => report.json_around(body),
                false => report.text_head(0, false) + &body,
            }
        })
        .as_secs_f64()
    };
    let (text, json) = (written(false), written(true));
    println!(
        "10,000 sheets checked and the report written (all cores): as text {:.1} ms, as JSON {:.1} ms (text ÷ JSON {:.2})",
        text * 1e3,
        json * 1e3,
        text / json
    );
    // The bounds (`input::limits`) counted as the 10,000 sheets are read, beside the same read with none.
    let bounded = best(5, || selfeval::input::read_text(&input, None).map(|g| g.height())).as_secs_f64();
    let unbounded = best(5, || selfeval::Grid::parse(&input, None).height()).as_secs_f64();
    println!(
        "reading the 10,000 sheets within the bounds: {:.1} ms; with none: {:.1} ms ({:+.1}%)",
        bounded * 1e3,
        unbounded * 1e3,
        (bounded / unbounded - 1.0) * 100.0
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
