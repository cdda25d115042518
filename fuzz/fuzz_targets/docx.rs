//! The .docx reader: fuzzed bytes as the document's body XML.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "wrap.rs"]
mod wrap;

fuzz_target!(|data: &[u8]| {
    wrap::check("input.docx", &wrap::zip(&[], "word/document.xml", data));
});
