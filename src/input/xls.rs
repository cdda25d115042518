//! Excel 97-2003 workbooks (`.xls`, and WPS's `.et` saved that way) → grid. Such a file is a compound
//! file (read with the `cfb` crate) whose `Workbook` stream is a run of BIFF8 records: the globals
//! (shared strings, number formats, cell styles, the worksheets' places), then each worksheet's cells
//! and merged ranges. Excel 5.0/95 workbooks are the same records in BIFF5 (a `Book` stream): their
//! text is in the code page the `CODEPAGE` record names (GBK on a Chinese system), each string in its
//! cell's record rather than shared, and they have no merged cells. Numbers are shown through their
//! number format ([`numfmt`]) as in `.xlsx`; formulas by their cached value. A stream encrypted with
//! Excel's default password is decrypted first ([`encryption`]). Every read is bounds-checked: a short
//! or lying record ends the read with a "damaged" message, never a panic.
//!
//! The same compound file holds old Word documents and password-protected Office files;
//! [`compound_kind`] tells them apart.

use std::io::{Cursor, Read};

use rust_decimal::Decimal;

use super::charset::{self, Bom, Errors};
use super::{numfmt, Cells, Kind, ReadError};
use crate::grid::Pos;

mod encryption;

const KIND: Kind = Kind::Xls;

/// What a compound file holds, by its streams; `None` when it is too damaged to open.
pub fn compound_kind(bytes: &[u8]) -> Option<Kind> {
    let file = open(bytes)?;
    Some(if file.is_stream("/EncryptedPackage") {
        Kind::Encrypted
    } else if file.is_stream("/Workbook") || file.is_stream("/Book") {
        Kind::Xls
    } else if file.is_stream("/WordDocument") {
        Kind::Doc
    } else {
        Kind::Compound
    })
}

/// A compound file opened.
fn open(bytes: &[u8]) -> Option<cfb::CompoundFile<Cursor<&[u8]>>> {
    cfb::CompoundFile::open(Cursor::new(bytes)).ok()
}

pub fn read(bytes: &[u8], all: &mut Cells) -> Result<(), ReadError> {
    let mut file = open(bytes).ok_or_else(|| damaged("复合文件结构无法解析"))?;
    // `Book` is Excel 5.0/95's stream; stream names are compared without case (`WORKBOOK`).
    let name = ["/Workbook", "/Book"]
        .into_iter()
        .find(|n| file.is_stream(n))
        .ok_or_else(|| damaged("缺少 Workbook 数据流"))?;
    let mut stream = Vec::new();
    file.open_stream(name)
        .and_then(|mut s| s.read_to_end(&mut stream))
        .map_err(|_| damaged("Workbook 数据流无法读取"))?;
    unlock(&mut stream)?;
    let globals = globals(&stream)?;
    // Each worksheet's records run to its EOF and never into the next worksheet's: a sheet listed
    // twice, or listed at another's place, is not read over and over (the stream is read once at most).
    let mut starts: Vec<usize> = globals.sheets.iter().map(|s| s.0).collect();
    starts.sort_unstable();
    starts.dedup();
    let mut read = std::collections::HashSet::new();
    for (offset, name, hidden) in globals.sheets.iter().filter(|s| read.insert(s.0)) {
        let next = starts.partition_point(|&s| s <= *offset);
        let end = starts.get(next).map_or(stream.len(), |&next| next.min(stream.len()));
        all.part(name, *hidden)?;
        worksheet(all, stream.get(..end).unwrap_or_default(), *offset, &globals)?;
    }
    Ok(())
}

/// The stream decrypted when its globals carry a FILEPASS record of RC4 with Excel's default
/// password; refused as encrypted when it asks for another.
fn unlock(stream: &mut [u8]) -> Result<(), ReadError> {
    let found = records(stream, 0).take_while(|&(kind, _)| kind != EOF).find(|&(kind, _)| kind == FILEPASS);
    let Some((_, data)) = found else { return Ok(()) };
    let key = encryption::Rc4Header::parse(data).and_then(|header| header.default_key());
    let key = key.ok_or(ReadError::Encrypted(KIND))?;
    key.decrypt(stream);
    Ok(())
}

fn damaged(detail: &str) -> ReadError {
    ReadError::Damaged { kind: KIND, detail: detail.to_owned() }
}

/// The records of a stream from `offset`: (type, data), until the stream ends or a record is short.
fn records(stream: &[u8], offset: usize) -> impl Iterator<Item = (u16, &[u8])> {
    let mut at = offset;
    std::iter::from_fn(move || {
        let head = stream.get(at..at + 4)?;
        let kind = u16::from_le_bytes([head[0], head[1]]);
        let len = usize::from(u16::from_le_bytes([head[2], head[3]]));
        let data = stream.get(at + 4..at + 4 + len)?;
        at += 4 + len;
        Some((kind, data))
    })
}

const BOF: u16 = 0x0809;
const EOF: u16 = 0x000A;
const CONTINUE: u16 = 0x003C;
const FILEPASS: u16 = 0x002F;
const DATEMODE: u16 = 0x0022;
const FORMAT: u16 = 0x041E;
const XF: u16 = 0x00E0;
const BOUNDSHEET: u16 = 0x0085;
const SST: u16 = 0x00FC;
const LABELSST: u16 = 0x00FD;
const LABEL: u16 = 0x0204;
const RSTRING: u16 = 0x00D6;
const NUMBER: u16 = 0x0203;
const RK: u16 = 0x027E;
const MULRK: u16 = 0x00BD;
const FORMULA: u16 = 0x0006;
const STRING: u16 = 0x0207;
const BOOLERR: u16 = 0x0205;
const MERGEDCELLS: u16 = 0x00E5;
const CODEPAGE: u16 = 0x0042;

/// What the globals say.
struct Globals {
    strings: Vec<String>,
    /// The number format of each cell style (XF), in order.
    formats: numfmt::Styles,
    /// The worksheets: stream offset, name, and whether hidden.
    sheets: Vec<(usize, String, bool)>,
    date1904: bool,
    /// BIFF5 (Excel 5.0/95): strings are bytes in the code page `encoding` labels, not UTF-16.
    biff5: bool,
    encoding: &'static str,
}

impl Globals {
    /// A string of the version's kind at `at` in `data`: BIFF8's counted UTF-16 (`wide_count` says
    /// whether the count is 16-bit), or BIFF5's counted bytes in the workbook's code page.
    fn string(&self, data: &[u8], at: usize, wide_count: bool) -> Option<String> {
        if !self.biff5 {
            let mut chars = Chars::new(vec![data]).at(at);
            return if wide_count { chars.unicode_string() } else { chars.short_string() };
        }
        let (len, start) =
            if wide_count { (usize::from(u16_at(data, at)?), at + 2) } else { (usize::from(*data.get(at)?), at + 1) };
        let bytes = data.get(start..start + len).or_else(|| data.get(start..))?;
        charset::decode(bytes, self.encoding, Errors::Replace, Bom::Keep)
    }
}

/// The WHATWG label of a BIFF5 code page's encoding (Windows code page numbers; 1252 when unknown).
fn code_page(page: u16) -> &'static str {
    match page {
        936 => "gbk",
        950 => "big5",
        932 => "shift_jis",
        949 => "euc-kr",
        874 => "windows-874",
        1200 => "utf-16le",
        1250 => "windows-1250",
        1251 => "windows-1251",
        1253 => "windows-1253",
        1254 => "windows-1254",
        1255 => "windows-1255",
        1256 => "windows-1256",
        1257 => "windows-1257",
        1258 => "windows-1258",
        10000 | 32768 => "macintosh",
        _ => "windows-1252",
    }
}

fn globals(stream: &[u8]) -> Result<Globals, ReadError> {
    let mut records = records(stream, 0).peekable();
    // The version is the BOF's: BIFF8 (0x0600) or BIFF5 (0x0500), whichever stream it is in.
    let biff5 = match records.next() {
        Some((BOF, data)) if u16_at(data, 0) == Some(0x0600) => false,
        Some((BOF, data)) if u16_at(data, 0) == Some(0x0500) => true,
        Some((BOF, _)) => return Err(damaged("文件头记录的版本不认识")),
        _ => return Err(damaged("缺少文件头记录")),
    };
    let mut custom = std::collections::HashMap::new();
    let mut xf_formats = Vec::new();
    let mut globals = Globals {
        strings: Vec::new(),
        formats: numfmt::Styles::default(),
        sheets: Vec::new(),
        date1904: false,
        biff5,
        encoding: "windows-1252",
    };
    while let Some((kind, data)) = records.next() {
        match kind {
            EOF => break,
            DATEMODE => globals.date1904 = u16_at(data, 0) == Some(1),
            CODEPAGE if biff5 => globals.encoding = code_page(u16_at(data, 0).unwrap_or(1252)),
            FORMAT => {
                // BIFF5's code is a one-byte count and bytes; BIFF8's a 16-bit count and UTF-16.
                if let (Some(id), Some(code)) = (u16_at(data, 0), globals.string(data, 2, !biff5)) {
                    custom.insert(u32::from(id), code);
                }
            }
            XF => xf_formats.push(u16_at(data, 2).unwrap_or(0)),
            BOUNDSHEET => {
                // A worksheet (type 0; not a chart or a macro sheet), its name a short string.
                if let (Some(&0), Some(offset)) = (data.get(5), u32_at(data, 0)) {
                    let name = globals.string(data, 6, false).unwrap_or_default();
                    globals.sheets.push((offset as usize, name, data.get(4) != Some(&0)));
                }
            }
            SST => {
                let mut segments = vec![data];
                while let Some(&(CONTINUE, more)) = records.peek() {
                    segments.push(more);
                    records.next();
                }
                globals.strings = shared_strings(segments);
            }
            _ => {}
        }
    }
    globals.formats = numfmt::Styles::new(xf_formats.into_iter().map(u32::from), &custom);
    Ok(globals)
}

/// The shared strings; strings past a damaged one are left out.
fn shared_strings(segments: Vec<&[u8]>) -> Vec<String> {
    let mut chars = Chars::new(segments).at(8);
    let unique = chars.segments.first().and_then(|d| u32_at(d, 4)).unwrap_or(0) as usize;
    let mut strings = Vec::with_capacity(unique.min(65_536));
    for _ in 0..unique {
        match chars.rich_string() {
            Some(s) => strings.push(s),
            None => break,
        }
    }
    strings
}

/// One worksheet's cells and merges, from its BOF at `offset`.
fn worksheet(sheet: &mut Cells, stream: &[u8], offset: usize, globals: &Globals) -> Result<(), ReadError> {
    let mut records = records(stream, offset).peekable();
    if !matches!(records.next(), Some((BOF, _))) {
        return Err(damaged("工作表的位置有误"));
    }
    // A chart or another object embedded in the worksheet: its own BOF … EOF, none of the sheet's cells.
    let mut embedded = 0usize;
    // A formula whose value is text: its cell, waiting for the STRING record after it.
    let mut pending: Option<Pos> = None;
    while let Some((kind, data)) = records.next() {
        let at = |d: &[u8]| Some(Pos::new(usize::from(u16_at(d, 0)?), usize::from(u16_at(d, 2)?)));
        let style = |d: &[u8], i: usize| usize::from(u16_at(d, i).unwrap_or(0));
        if kind == BOF {
            embedded += 1;
            continue;
        }
        if embedded > 0 {
            embedded -= usize::from(kind == EOF);
            continue;
        }
        let cell = match kind {
            EOF => break,
            // Text through its format's text section (`_(@_)` pads a label, as the sheet shows it).
            LABELSST => {
                if let Some((pos, i)) = at(data).zip(u32_at(data, 6)) {
                    let text = globals.strings.get(i as usize).map_or("", String::as_str);
                    put_label(sheet, pos, text, style(data, 4), globals)?;
                }
                None
            }
            LABEL | RSTRING => {
                if let Some((pos, text)) = at(data).zip(globals.string(data, 6, true)) {
                    put_label(sheet, pos, &text, style(data, 4), globals)?;
                }
                None
            }
            NUMBER => {
                if let Some((pos, n)) = at(data).zip(f64_at(data, 6)) {
                    put_number(sheet, pos, Ok(n), style(data, 4), globals)?;
                }
                None
            }
            RK => {
                if let Some((pos, rk)) = at(data).zip(u32_at(data, 6)) {
                    put_number(sheet, pos, Err(rk), style(data, 4), globals)?;
                }
                None
            }
            MULRK => {
                if let Some(first) = at(data) {
                    let count = data.len().saturating_sub(6) / 6;
                    for i in 0..count {
                        let base = 4 + i * 6;
                        if let Some(rk) = u32_at(data, base + 2) {
                            put_number(sheet, Pos::new(first.row, first.col + i), Err(rk), style(data, base), globals)?;
                        }
                    }
                }
                None
            }
            FORMULA => {
                let value = data.get(6..14);
                match value {
                    Some(v) if v[6] == 0xFF && v[7] == 0xFF => match v[0] {
                        0 => {
                            pending = at(data);
                            None
                        }
                        1 => at(data).map(|p| (p, (if v[2] == 1 { "TRUE" } else { "FALSE" }).to_owned())),
                        2 => at(data).map(|p| (p, error_text(v[2]).to_owned())),
                        _ => None,
                    },
                    Some(_) => {
                        if let Some((pos, n)) = at(data).zip(f64_at(data, 6)) {
                            put_number(sheet, pos, Ok(n), style(data, 4), globals)?;
                        }
                        None
                    }
                    None => None,
                }
            }
            STRING => {
                let mut segments = vec![data];
                while let Some(&(CONTINUE, more)) = records.peek() {
                    segments.push(more);
                    records.next();
                }
                let text =
                    if globals.biff5 { globals.string(data, 0, true) } else { Chars::new(segments).unicode_string() };
                pending.take().zip(text)
            }
            BOOLERR => at(data).zip(data.get(6..8).map(|v| match v[1] {
                0 => (if v[0] == 1 { "TRUE" } else { "FALSE" }).to_owned(),
                _ => error_text(v[0]).to_owned(),
            })),
            MERGEDCELLS => {
                let count = usize::from(u16_at(data, 0).unwrap_or(0));
                for i in 0..count {
                    let r = |k: usize| u16_at(data, 2 + i * 8 + k).map(usize::from);
                    if let (Some(r0), Some(r1), Some(c0), Some(c1)) = (r(0), r(2), r(4), r(6)) {
                        if r1 >= r0 && c1 >= c0 {
                            sheet.merge(Pos::new(r0, c0), r1 - r0 + 1, c1 - c0 + 1)?;
                        }
                    }
                }
                None
            }
            _ => None,
        };
        if let Some((pos, text)) = cell {
            let text = if text.contains('\r') { text.replace("\r\n", "\n") } else { text };
            sheet.put(pos.row, pos.col, &text)?;
        }
    }
    Ok(())
}

/// About the length of a number as shown (`1,234,567.89`): the room made for it where cells are held.
const SHOWN_ROOM: usize = 24;

/// A stored number (a float, or an RK number) put at `pos` as the format of cell style `xf` shows it,
/// written where the cell's text is held; a float no decimal holds, as its text.
fn put_number(
    sheet: &mut Cells,
    pos: Pos,
    number: Result<f64, u32>,
    xf: usize,
    globals: &Globals,
) -> Result<(), ReadError> {
    let decimal = match number {
        Ok(n) => numfmt::float(n).ok_or(n),
        Err(rk) => rk_number(rk),
    };
    match decimal {
        Ok(d) => {
            let format = globals.formats.get(xf).unwrap_or(&numfmt::GENERAL);
            sheet.put_with(pos.row, pos.col, SHOWN_ROOM, |held| format.show_into(d, globals.date1904, held))
        }
        Err(n) => sheet.put(pos.row, pos.col, &float(n)),
    }
}

/// A text put at `pos` as the format of cell style `xf` shows it, written where the cell's text is
/// held.
fn put_label(sheet: &mut Cells, pos: Pos, text: &str, xf: usize, globals: &Globals) -> Result<(), ReadError> {
    let format = globals.formats.get(xf);
    sheet.put_with(pos.row, pos.col, text.len(), |held| match format {
        Some(format) => format.text_into(text, held),
        None => held.push_str(text),
    })
}

/// A stored float as the shortest text that reads back to it (`24.089999999999996`, `0.98`).
fn float(n: f64) -> String {
    if n.is_finite() {
        format!("{n}")
    } else {
        "#NUM!".to_owned()
    }
}

/// An RK number: an integer or the top of a float, either perhaps divided by 100 (a float that is no
/// decimal number: the float).
fn rk_number(rk: u32) -> Result<Decimal, f64> {
    let cents = rk & 1 != 0;
    let value = if rk & 2 != 0 {
        Decimal::from((rk as i32) >> 2)
    } else {
        let n = f64::from_bits(u64::from(rk & 0xFFFF_FFFC) << 32);
        numfmt::float(n).ok_or(n)?
    };
    Ok((if cents { value / Decimal::ONE_HUNDRED } else { value }).normalize())
}

fn error_text(code: u8) -> &'static str {
    match code {
        0x00 => "#NULL!",
        0x07 => "#DIV/0!",
        0x0F => "#VALUE!",
        0x17 => "#REF!",
        0x1D => "#NAME?",
        0x24 => "#NUM!",
        _ => "#N/A",
    }
}

fn u16_at(data: &[u8], i: usize) -> Option<u16> {
    data.get(i..i + 2).map(|b| u16::from_le_bytes([b[0], b[1]]))
}

fn u32_at(data: &[u8], i: usize) -> Option<u32> {
    data.get(i..i + 4).map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

fn f64_at(data: &[u8], i: usize) -> Option<f64> {
    data.get(i..i + 8).and_then(|b| b.try_into().ok()).map(f64::from_le_bytes)
}

/// A cursor over a record and its CONTINUE records. Characters of a string that cross into the next
/// record start it with a new flags byte (whether the rest is one or two bytes a character).
struct Chars<'a> {
    segments: Vec<&'a [u8]>,
    seg: usize,
    off: usize,
}

impl<'a> Chars<'a> {
    fn new(segments: Vec<&'a [u8]>) -> Self {
        Chars { segments, seg: 0, off: 0 }
    }

    fn at(mut self, off: usize) -> Self {
        self.off = off;
        self
    }

    /// Moves to the next segment when this one is used up; `false` at the end.
    fn ready(&mut self) -> bool {
        while self.off >= self.segments.get(self.seg).map_or(0, |s| s.len()) {
            if self.seg + 1 >= self.segments.len() {
                return false;
            }
            self.seg += 1;
            self.off = 0;
        }
        true
    }

    fn byte(&mut self) -> Option<u8> {
        if !self.ready() {
            return None;
        }
        let b = self.segments[self.seg][self.off];
        self.off += 1;
        Some(b)
    }

    fn u16(&mut self) -> Option<u16> {
        Some(u16::from_le_bytes([self.byte()?, self.byte()?]))
    }

    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes([self.byte()?, self.byte()?, self.byte()?, self.byte()?]))
    }

    fn skip(&mut self, mut n: usize) -> Option<()> {
        while n > 0 {
            if !self.ready() {
                return None;
            }
            let take = n.min(self.segments[self.seg].len() - self.off);
            self.off += take;
            n -= take;
        }
        Some(())
    }

    /// `count` characters, one or two bytes each as `wide` says, re-read from a flags byte at each
    /// segment boundary.
    fn chars(&mut self, count: usize, mut wide: bool) -> Option<String> {
        let mut units = Vec::with_capacity(count.min(8192));
        for _ in 0..count {
            if self.off >= self.segments.get(self.seg).map_or(0, |s| s.len()) {
                if !self.ready() {
                    return None;
                }
                wide = self.byte()? & 1 != 0;
            }
            units.push(if wide { self.u16()? } else { u16::from(self.byte()?) });
        }
        Some(String::from_utf16_lossy(&units))
    }

    /// An XLUnicodeString: a 16-bit count, flags, the characters.
    /// A short string (a sheet's name): a one-byte count, flags, the characters.
    fn short_string(&mut self) -> Option<String> {
        let count = usize::from(self.byte()?);
        let wide = self.byte()? & 1 != 0;
        self.chars(count, wide)
    }

    fn unicode_string(&mut self) -> Option<String> {
        let count = usize::from(self.u16()?);
        let wide = self.byte()? & 1 != 0;
        self.chars(count, wide)
    }

    /// A shared string: a count, flags, maybe rich-text runs and phonetic data, which are skipped.
    fn rich_string(&mut self) -> Option<String> {
        let count = usize::from(self.u16()?);
        let flags = self.byte()?;
        let runs = if flags & 0x08 != 0 { usize::from(self.u16()?) } else { 0 };
        let ext = if flags & 0x04 != 0 { self.u32()? as usize } else { 0 };
        let text = self.chars(count, flags & 1 != 0)?;
        self.skip(runs * 4)?;
        self.skip(ext)?;
        Some(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rk_numbers() {
        assert_eq!(rk_number((9876 << 2) | 3).map(|n| n.to_string()).as_deref(), Ok("98.76"));
        assert_eq!(rk_number((7 << 2) | 2).map(|n| n.to_string()).as_deref(), Ok("7"));
        assert_eq!(rk_number(((-5i32 as u32) << 2) | 2).map(|n| n.to_string()).as_deref(), Ok("-5"));
        // 1.0 as a float: its top 32 bits are 0x3FF00000.
        assert_eq!(rk_number(0x3FF0_0000).map(|n| n.to_string()).as_deref(), Ok("1"));
        assert_eq!(rk_number(0x3FF0_0000 | 1).map(|n| n.to_string()).as_deref(), Ok("0.01"));
    }

    #[test]
    fn strings_across_continue_records() {
        // "项目名称" as four wide characters, split after two; the CONTINUE repeats the flags byte and
        // switches to one byte a character for "ab".
        let first = [5u8, 0, 1, 0x79, 0x98, 0xEE, 0x76];
        let second = [0u8, b'a', b'b', b'c'];
        let mut chars = Chars::new(vec![&first, &second]);
        assert_eq!(chars.unicode_string().as_deref(), Some("项目abc"));
        // A short record gives nothing, not a panic.
        assert_eq!(Chars::new(vec![&[9u8, 0, 0, b'a'][..]]).unicode_string(), None);
    }

    #[test]
    fn not_a_workbook() {
        assert!(matches!(
            read(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 short", &mut Cells::default()),
            Err(ReadError::Damaged { .. })
        ));
        assert_eq!(compound_kind(b"\xD0\xCF\x11\xE0"), None);
    }
}
