//! The .ods reader: fuzzed bytes as the spreadsheet's content XML.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "wrap.rs"]
mod wrap;

const MIMETYPE: &[u8] = b"application/vnd.oasis.opendocument.spreadsheet";

fuzz_target!(|data: &[u8]| {
    wrap::check("input.ods", &wrap::zip(&[("mimetype", MIMETYPE)], "content.xml", data));
});
