//! The zip archives that `.xlsx`, `.ods` and `.docx` files are, read within the bounds of
//! [`limits`]: each part is inflated through a counter, so a part that inflates past the total or the
//! ratio allowed stops the read at that point, whatever the archive's own headers claim.

use std::io::{Cursor, Read};

use zip::result::ZipError;
use zip::ZipArchive;

use super::{limits, Kind, ReadError};

/// An open archive of a known kind.
pub struct Archive<'a> {
    zip: ZipArchive<Cursor<&'a [u8]>>,
    kind: Kind,
    inflated: u64,
    /// What all parts may inflate to: [`limits::MAX_INFLATED_BYTES`].
    budget: u64,
}

/// What a zip archive holds: a workbook, a document, or something else.
pub fn kind(bytes: &[u8]) -> Result<Kind, ReadError> {
    let mut archive = Archive::open(bytes, Kind::Zip)?;
    let has = |archive: &Archive, name: &str| archive.stored_name(name).is_some();
    Ok(if has(&archive, "xl/workbook.xml") {
        Kind::Xlsx
    } else if has(&archive, "xl/workbook.bin") {
        Kind::Xlsb
    } else if has(&archive, "word/document.xml") {
        Kind::Docx
    } else if has(&archive, "content.xml") {
        // Only its start is read: a `mimetype` part is a line, and one that inflates has no allowance
        // of its own.
        let mimetype = archive.start("mimetype", 256)?;
        if mimetype.windows(17).any(|w| w == b"opendocument.text") {
            Kind::Odt
        } else {
            Kind::Ods
        }
    } else {
        // A package that keeps its main part elsewhere says where in its relationships; what the part
        // is, its root element tells (a binary workbook has none).
        match archive.main_part()? {
            Some(part) if part.to_ascii_lowercase().ends_with(".bin") => Kind::Xlsb,
            Some(part) => match root_name(&archive.start(&part, 4096)?) {
                Some(b"workbook") => Kind::Xlsx,
                _ => Kind::Zip,
            },
            None => Kind::Zip,
        }
    })
}

/// The local name of the first element in the start of an XML part, past its declaration and
/// comments.
fn root_name(xml: &[u8]) -> Option<&[u8]> {
    let mut rest = xml;
    loop {
        let at = rest.iter().position(|&b| b == b'<')?;
        rest = &rest[at + 1..];
        if !matches!(rest.first(), Some(b'?' | b'!')) {
            let end = rest.iter().position(|b| b.is_ascii_whitespace() || matches!(b, b'>' | b'/'))?;
            let name = &rest[..end];
            return Some(name.iter().rposition(|&b| b == b':').map_or(name, |c| &name[c + 1..]));
        }
    }
}

impl<'a> Archive<'a> {
    /// Opens `bytes` as an archive of `kind` (named in the errors).
    pub fn open(bytes: &'a [u8], kind: Kind) -> Result<Self, ReadError> {
        let zip = ZipArchive::new(Cursor::new(bytes))
            .map_err(|_| damaged(kind, "压缩结构不完整，可能在下载或复制时被截断".to_owned()))?;
        Ok(Archive { zip, kind, inflated: 0, budget: limits::MAX_INFLATED_BYTES })
    }

    /// The name the archive gives the part `name`: itself, or the one that differs only in case or in
    /// `\` for `/` (part names are case-insensitive, and some writers use backslashes).
    fn stored_name(&self, name: &str) -> Option<String> {
        if self.zip.index_for_name(name).is_some() {
            return Some(name.to_owned());
        }
        let plain = |n: &str| n.replace('\\', "/").trim_start_matches('/').to_ascii_lowercase();
        let wanted = plain(name);
        self.zip.file_names().find(|n| plain(n) == wanted).map(str::to_owned)
    }

    /// The part `name` as text, `None` when the archive has no such part.
    pub fn text(&mut self, name: &str) -> Result<Option<String>, ReadError> {
        let kind = self.kind;
        let Some(stored) = self.stored_name(name) else { return Ok(None) };
        let mut part = match self.zip.by_name(&stored) {
            Ok(part) => part,
            Err(ZipError::FileNotFound) => return Ok(None),
            Err(e) => return Err(error(kind, name, e)),
        };
        let stored = part.compressed_size().max(1);
        let allowed = self.budget.saturating_sub(self.inflated);
        // Inflated a chunk at a time, each bound checked as it grows: a bomb stops within a chunk of
        // the bound it passes, not after it has filled memory.
        let mut bytes = Vec::new();
        let mut chunk = vec![0u8; 64 << 10];
        loop {
            let n = part.read(&mut chunk).map_err(|_| damaged(kind, format!("{name} 解压出错")))?;
            if n == 0 {
                break;
            }
            bytes.extend_from_slice(&chunk[..n]);
            let read = bytes.len() as u64;
            if read > allowed {
                return Err(ReadError::Inflates { part: name.to_owned(), ratio: false });
            }
            if read > limits::RATIO_FROM_BYTES && read / stored > limits::MAX_RATIO {
                return Err(ReadError::Inflates { part: name.to_owned(), ratio: true });
            }
        }
        self.inflated += bytes.len() as u64;
        match String::from_utf8(bytes) {
            Ok(text) => Ok(Some(text)),
            Err(_) => Err(ReadError::Damaged { kind, detail: format!("{name} 不是 UTF-8 文本") }),
        }
    }

    /// The first `max` bytes of the part `name` (empty when there is no such part), inflated no further.
    pub fn start(&mut self, name: &str, max: u64) -> Result<Vec<u8>, ReadError> {
        let kind = self.kind;
        let Some(stored) = self.stored_name(name) else { return Ok(Vec::new()) };
        let part = match self.zip.by_name(&stored) {
            Ok(part) => part,
            Err(ZipError::FileNotFound) => return Ok(Vec::new()),
            Err(e) => return Err(error(kind, name, e)),
        };
        let mut bytes = Vec::new();
        part.take(max).read_to_end(&mut bytes).map_err(|_| damaged(kind, format!("{name} 解压出错")))?;
        self.inflated += bytes.len() as u64;
        Ok(bytes)
    }

    /// The package's main part, as its relationships (`_rels/.rels`) name it: `xl/workbook.xml`, or
    /// wherever the writer put it.
    pub fn main_part(&mut self) -> Result<Option<String>, ReadError> {
        let Some(rels) = self.text("_rels/.rels")? else { return Ok(None) };
        let mut main = None;
        // A broken relationships part names no main part; the fixed names are tried then.
        let _ = super::xml::walk(&rels, |node| {
            if let super::xml::Node::Open { name, .. } = node {
                let office = name.attr("Type").is_some_and(|t| t.ends_with("/officeDocument"));
                if let (b"Relationship", true, Some(target)) = (name.name(), office, name.attr("Target")) {
                    main = Some(target.trim_start_matches('/').to_owned());
                    return false;
                }
            }
            true
        });
        Ok(main)
    }

    /// The part `name`, which the file must have.
    pub fn required(&mut self, name: &str) -> Result<String, ReadError> {
        let kind = self.kind;
        self.text(name)?.ok_or_else(|| ReadError::Damaged { kind, detail: format!("缺少 {name}") })
    }
}

/// A zip error: a password, or damage.
fn error(kind: Kind, name: &str, e: ZipError) -> ReadError {
    match e {
        ZipError::UnsupportedArchive(ZipError::PASSWORD_REQUIRED) | ZipError::InvalidPassword => {
            ReadError::Encrypted(kind)
        }
        ZipError::UnsupportedArchive(_) => damaged(kind, format!("{name} 使用了不支持的压缩方式")),
        _ => damaged(kind, format!("{name} 无法解压")),
    }
}

fn damaged(kind: Kind, detail: String) -> ReadError {
    ReadError::Damaged { kind, detail }
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    fn zip(parts: &[(&str, &[u8])]) -> Vec<u8> {
        let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (name, bytes) in parts {
            writer.start_file(*name, zip::write::SimpleFileOptions::default()).unwrap();
            writer.write_all(bytes).unwrap();
        }
        writer.finish().unwrap().into_inner()
    }

    #[test]
    fn parts_together_stop_at_the_budget() {
        // Two parts of 600 bytes each under a budget of 1000: the first reads, the second stops.
        let bytes = zip(&[("a.xml", &[b'a'; 600]), ("b.xml", &[b'b'; 600])]);
        let mut archive = Archive::open(&bytes, Kind::Xlsx).unwrap();
        archive.budget = 1000;
        assert_eq!(archive.text("a.xml").unwrap().unwrap().len(), 600);
        assert_eq!(archive.text("missing.xml"), Ok(None));
        assert_eq!(archive.text("b.xml"), Err(ReadError::Inflates { part: "b.xml".into(), ratio: false }));
        assert!(ReadError::Inflates { part: "b.xml".into(), ratio: false }.message("x").contains("256 MB"));
    }

    #[test]
    fn kinds_by_their_parts() {
        assert_eq!(kind(&zip(&[("xl/workbook.xml", b"")])), Ok(Kind::Xlsx));
        assert_eq!(kind(&zip(&[("word/document.xml", b"")])), Ok(Kind::Docx));
        assert_eq!(kind(&zip(&[("xl/workbook.bin", b"")])), Ok(Kind::Xlsb));
        let ods = zip(&[("mimetype", b"application/vnd.oasis.opendocument.spreadsheet"), ("content.xml", b"")]);
        assert_eq!(kind(&ods), Ok(Kind::Ods));
        assert_eq!(kind(&zip(&[("a.txt", b"")])), Ok(Kind::Zip));
        assert!(matches!(kind(b"PK\x03\x04broken"), Err(ReadError::Damaged { .. })));
    }
}
