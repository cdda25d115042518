//! Any file, whole: the door that tells the kind by content, the zip and compound-file containers, the
//! .xls records (a compound file has no checksum, so mutations reach the Workbook stream), single-file
//! web pages. Seeded with the office suite's saves of the fixture (tests/fixtures/office).
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "wrap.rs"]
mod wrap;

fuzz_target!(|data: &[u8]| {
    let name = match data.first() {
        Some(b) if b % 3 == 0 => "input.xls",
        Some(b) if b % 3 == 1 => "input.mht",
        _ => "input.docx",
    };
    wrap::check(name, data);
});
