//! Shared by the reader targets: wraps fuzzed bytes as one part of an archive, so that the fuzzer
//! spends its time in the reader's XML and not on zip checksums it cannot forge, then checks the file
//! through the same door as a user's: it must not panic, and its report must serialise.
use std::io::{Cursor, Write};

use selfeval::{check_bytes, Profile};

#[allow(dead_code)] // the `file` target takes whole files
/// A zip (stored, not deflated) of `fixed` parts and `part` holding `data`.
pub fn zip(fixed: &[(&str, &[u8])], part: &str, data: &[u8]) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, bytes) in fixed.iter().copied().chain([(part, data)]) {
        writer.start_file(name, options).unwrap();
        writer.write_all(bytes).unwrap();
    }
    writer.finish().unwrap().into_inner()
}

/// Checks a file as the page and the command do.
pub fn check(name: &str, bytes: &[u8]) {
    let report = check_bytes(name, bytes, &Profile::default());
    let _ = report.to_json();
    let _ = report.to_text(true);
}
