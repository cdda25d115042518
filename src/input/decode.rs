//! Bytes → text.
//!
//! Files arrive as bytes with a name. UTF-8 is read with or without its byte-order mark; UTF-16 with a
//! byte-order mark (what Excel's "Unicode text" export writes) is read too. Bytes that are not UTF-8 are
//! read as GB18030 (a superset of GBK, what Excel and WPS on a Chinese Windows write for "CSV" and "text")
//! when every byte sequence is valid GB18030 and the text holds no control characters; anything else is
//! refused with a reason the user can act on.

use super::charset::{self, Bom, Errors};

/// Why bytes could not be read as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// The bytes are neither UTF-8 nor GB18030 text; `offset` is the first byte that is not UTF-8,
    /// counted from 0.
    NotUtf8 {
        /// Byte offset of the first invalid byte.
        offset: usize,
    },
    /// A UTF-16 text with a byte-order mark holds an unpaired surrogate or an odd byte.
    BadUtf16,
}

impl DecodeError {
    /// The message a user reads about the file `name`: what went wrong, and what to do with a file of
    /// its kind (a workbook, a Word document, a PDF).
    pub fn message(&self, name: &str) -> String {
        match self {
            DecodeError::NotUtf8 { offset } => format!(
                "文件不是文本文件，或不是 UTF-8、GBK 编码（第 {} 个字节起无法识别）。{}",
                offset + 1,
                advice(name)
            ),
            DecodeError::BadUtf16 => "文件带有 UTF-16 标记，但内容不是有效的 UTF-16 文本。".to_string(),
        }
    }
}

/// What to do with a file that is not text, by the kind its name says.
fn advice(name: &str) -> &'static str {
    let lower = name.to_ascii_lowercase();
    let ext = lower.rsplit_once('.').map_or("", |(_, e)| e);
    match ext {
        "xlsx" | "xlsm" | "xls" | "et" | "ods" => {
            "文件名表明这是电子表格，但内容不是可识别的 Excel、WPS 或 OpenDocument 工作簿，可能已损坏或扩展名有误：请在 Excel 或 WPS 中打开后另存为“Excel 工作簿（*.xlsx）”再打开。"
        }
        "docx" | "doc" | "wps" | "odt" | "rtf" => {
            "文件名表明这是文字文档，但内容不是可识别的 Word 文档，可能已损坏或扩展名有误：请在 Word 或 WPS 中打开后另存为“Word 文档（*.docx）”再打开。"
        }
        "pdf" => "这是 PDF 文件：请在原始的 Excel、WPS 或 Word 文件中复制自评表粘贴到本页；PDF 中的表格无法可靠读取。",
        _ => "请在 Excel、WPS 或 Word 中选中整张自评表复制后粘贴到本页，或另存为“文本文件（制表符分隔）”后打开。",
    }
}

/// Decodes bytes to text: UTF-8 (a leading byte-order mark is dropped), UTF-16 with a byte-order mark,
/// or GB18030 text.
pub fn decode(bytes: &[u8]) -> Result<String, DecodeError> {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return utf8(rest, 3);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return utf16(rest, u16::from_le_bytes);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return utf16(rest, u16::from_be_bytes);
    }
    utf8(bytes, 0)
}

/// Decodes bytes in the encoding the user chose (`utf-8`, `gbk`, `gb18030`, `utf-16le`, `utf-16be`:
/// any WHATWG label), for the rare text whose encoding is guessed wrong. A leading byte-order mark is
/// dropped; bytes the encoding cannot read become U+FFFD, so the user sees what went wrong.
pub fn decode_as(bytes: &[u8], label: &str) -> Option<String> {
    charset::decode(bytes, label, Errors::Replace, Bom::Remove)
}

fn utf8(bytes: &[u8], skipped: usize) -> Result<String, DecodeError> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.to_owned()),
        Err(e) if skipped == 0 => gb18030(bytes).ok_or(DecodeError::NotUtf8 { offset: e.valid_up_to() }),
        Err(e) => Err(DecodeError::NotUtf8 { offset: skipped + e.valid_up_to() }),
    }
}

/// GB18030 text, if the bytes are that: valid throughout, and no control characters but tab and line
/// breaks (a binary file such as a workbook has them).
fn gb18030(bytes: &[u8]) -> Option<String> {
    let text = charset::decode(bytes, "gb18030", Errors::Refuse, Bom::Keep)?;
    let binary = text.chars().any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'));
    (!binary).then_some(text)
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Result<String, DecodeError> {
    if bytes.len() % 2 != 0 {
        return Err(DecodeError::BadUtf16);
    }
    let units = bytes.chunks_exact(2).map(|pair| unit([pair[0], pair[1]]));
    char::decode_utf16(units).collect::<Result<String, _>>().map_err(|_| DecodeError::BadUtf16)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode("项目\t名称".as_bytes()).unwrap(), "项目\t名称");
        assert_eq!(decode(b"\xEF\xBB\xBFab").unwrap(), "ab");
    }

    #[test]
    fn utf16_with_bom() {
        assert_eq!(decode(b"\xFF\xFEa\x00\t").unwrap_err(), DecodeError::BadUtf16);
        assert_eq!(decode(b"\xFF\xFEa\x00\t\x00").unwrap(), "a\t");
        assert_eq!(decode(b"\xFE\xFF\x00a").unwrap(), "a");
        assert_eq!(decode(b"\xFF\xFE\x00\xD8").unwrap_err(), DecodeError::BadUtf16);
    }

    #[test]
    fn a_chosen_encoding_is_used() {
        // "项目" in GBK is mojibake as Windows-1252 would guess, and right when GBK is chosen.
        assert_eq!(decode_as(b"\xCF\xEE\xC4\xBF", "gbk").unwrap(), "项目");
        assert_eq!(decode_as("项目".as_bytes(), "utf-8").unwrap(), "项目");
        assert_eq!(decode_as(b"a\x00", "utf-16le").unwrap(), "a");
        assert!(decode_as(b"x", "no-such").is_none());
    }

    #[test]
    fn gbk_text_is_read() {
        // "项目\t名称" and "≥98%" in GBK, as Excel on a Chinese Windows saves a CSV.
        assert_eq!(decode(b"\xCF\xEE\xC4\xBF\t\xC3\xFB\xB3\xC6\r\n\xA1\xDD98%").unwrap(), "项目\t名称\r\n≥98%");
    }

    #[test]
    fn other_bytes_are_refused_with_the_offset() {
        // 0xFF is no GB18030 lead byte; a zip (an .xlsx) has control characters.
        let err = decode(b"ab\xCF\xEE\xFF").unwrap_err();
        assert_eq!(err, DecodeError::NotUtf8 { offset: 2 });
        assert!(err.message("a.txt").contains("第 3 个字节"));
        // The advice fits the kind of file: never Excel's for a Word document.
        assert!(err.message("表.xlsx").contains("不是可识别的 Excel"));
        assert!(err.message("表.docx").contains("不是可识别的 Word"));
        assert!(!err.message("表.docx").contains("Excel"));
        assert!(err.message("表.pdf").contains("PDF"));
        assert_eq!(decode(b"PK\x03\x04\x14\x00\xCF\xEE").unwrap_err(), DecodeError::NotUtf8 { offset: 6 });
        // After a UTF-8 byte-order mark, bad bytes are an error, not another encoding.
        assert_eq!(decode(b"\xEF\xBB\xBF\xCF\xEE").unwrap_err(), DecodeError::NotUtf8 { offset: 3 });
    }
}
