//! Any bytes, read as a file of any kind and as clipboard HTML: the engine must not panic, its report must
//! serialise, and each sheet's drawn form must cover its cells exactly once.
#![no_main]

use libfuzzer_sys::fuzz_target;
use selfeval::{check_bytes, check_form, read_html, Profile};

fuzz_target!(|data: &[u8]| {
    let profile = Profile::default();
    let name = if data.first().is_some_and(|b| b & 1 == 1) { "input.csv" } else { "input.txt" };
    let report = check_bytes(name, data, &profile);
    let _ = report.to_json();
    let _ = report.to_text(true);
    let _ = report.findings_csv();
    // The same input as a clipboard's HTML, drawn as forms (past a bound: refused, nothing to draw).
    let Ok((grid, merges)) = read_html(&String::from_utf8_lossy(data)) else { return };
    let (report, views) = check_form(&grid, &merges, &profile);
    let _ = report.to_json();
    for view in &views {
        let mut seen = vec![0u8; (view.last_row - view.first_row + 1) * view.width];
        for c in &view.cells {
            for r in c.row..c.row + c.rows {
                for col in c.col..c.col + c.cols {
                    seen[(r - view.first_row) * view.width + col] += 1;
                }
            }
        }
        assert!(seen.iter().all(|&n| n == 1), "a cell is drawn twice or not at all");
    }
});
