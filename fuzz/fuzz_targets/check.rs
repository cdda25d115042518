//! Any bytes, read as a file of any kind and as clipboard HTML: the engine must not panic, and its report must serialise.
#![no_main]

use libfuzzer_sys::fuzz_target;
use selfeval::{check_bytes, Profile};

fuzz_target!(|data: &[u8]| {
    let profile = Profile::default();
    let name = if data.first().is_some_and(|b| b & 1 == 1) { "input.csv" } else { "input.txt" };
    let report = check_bytes(name, data, &profile);
    let _ = report.to_json();
    let _ = report.to_text();
    // The same input as a clipboard's HTML.
    let html = selfeval::check_html(&String::from_utf8_lossy(data), &profile);
    let _ = html.to_json();
});
