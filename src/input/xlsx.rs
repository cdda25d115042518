//! Excel workbooks (`.xlsx`, `.xlsm`, and WPS's saves in that format) → grid. Every visible worksheet,
//! in the workbook's order, one below the other with a blank row between (several forms on one
//! worksheet, or one a worksheet, are then found by their titles). Each cell shows what the user sees:
//! shared and inline strings as written, numbers through their number format ([`numfmt`]), formulas
//! by their cached value. Merged ranges are kept.
//!
//! The parts are found through the workbook's relationships, not by fixed names, as the format says.

use std::collections::HashMap;

use super::archive::Archive;
use super::numfmt::{self, Styles};
use super::xml::Node;
use super::{walk, Cells, Kind, ReadError};
use crate::grid::Pos;

const KIND: Kind = Kind::Xlsx;

pub fn read(bytes: &[u8], all: &mut Cells) -> Result<(), ReadError> {
    let mut zip = Archive::open(bytes, KIND)?;
    // The workbook part is where the package's relationships say (`xl/workbook.xml` by custom, but a
    // minimal package may keep it at its root); its own relationships sit beside it, in `_rels/`.
    let main = zip.main_part()?.unwrap_or_else(|| "xl/workbook.xml".to_owned());
    let (dir, file) = main.rsplit_once('/').map_or(("", main.as_str()), |(d, f)| (d, f));
    let workbook = zip.required(&main)?;
    let rels_path = if dir.is_empty() { format!("_rels/{file}.rels") } else { format!("{dir}/_rels/{file}.rels") };
    let rels = relationships(&zip.text(&rels_path)?.unwrap_or_default(), dir)?;
    let part_of = |kind: &str, default: &str| {
        rels.values().find(|(k, _)| k == kind).map_or_else(|| default.to_owned(), |(_, target)| target.clone())
    };
    let strings = match zip.text(&part_of("sharedStrings", "xl/sharedStrings.xml"))? {
        Some(xml) => shared_strings(&xml)?,
        None => Vec::new(),
    };
    let styles = match zip.text(&part_of("styles", "xl/styles.xml"))? {
        Some(xml) => styles(&xml)?,
        None => Styles::default(),
    };
    let book = book(&workbook)?;
    let mut read = std::collections::HashSet::new();
    for (id, name, hidden) in book.sheets {
        let Some((_, path)) = rels.get(&id) else { continue };
        // A worksheet listed twice is one worksheet: it is read once.
        if !read.insert(path.as_str()) {
            continue;
        }
        let Some(xml) = zip.text(path)? else { continue };
        all.part(&name, hidden)?;
        worksheet(all, path, &xml, &strings, &styles, book.date1904)?;
    }
    Ok(())
}

/// A part's path with its `.` and `..` steps taken: a relationship may point outside `xl/`
/// (`../customXml/item1.xml`, `../sheets/sheet1.xml`).
fn resolved(path: &str) -> String {
    let mut steps: Vec<&str> = Vec::new();
    for step in path.split(['/', '\\']) {
        match step {
            "" | "." => {}
            ".." => {
                steps.pop();
            }
            step => steps.push(step),
        }
    }
    steps.join("/")
}

/// The workbook's relationships: id → (type's last word, part path inside the archive), targets
/// relative to the folder `dir` the workbook is in.
fn relationships(xml: &str, dir: &str) -> Result<HashMap<String, (String, String)>, ReadError> {
    let mut rels = HashMap::new();
    walk(KIND, "workbook.xml.rels", xml, |node| {
        if let Node::Open { name, .. } = node {
            if let (b"Relationship", Some(id), Some(target)) = (name.name(), name.attr("Id"), name.attr("Target")) {
                let kind = name.attr("Type").unwrap_or_default().rsplit('/').next().unwrap_or_default().to_owned();
                let path = match target.strip_prefix('/') {
                    Some(absolute) => absolute.to_owned(),
                    None => resolved(&format!("{dir}/{target}")),
                };
                rels.insert(id, (kind, path));
            }
        }
        true
    })?;
    Ok(rels)
}

struct Book {
    /// The worksheets in order: relationship id, name, and whether hidden.
    sheets: Vec<(String, String, bool)>,
    date1904: bool,
}

fn book(xml: &str) -> Result<Book, ReadError> {
    let mut book = Book { sheets: Vec::new(), date1904: false };
    walk(KIND, "workbook.xml", xml, |node| {
        if let Node::Open { name, .. } = node {
            match name.name() {
                b"sheet" => {
                    let hidden = name.attr("state").is_some_and(|s| s != "visible");
                    if let Some(id) = name.attr("id") {
                        book.sheets.push((id, name.attr("name").unwrap_or_default(), hidden));
                    }
                }
                // Only where it says so: a second `workbookPr` (Excel's `x15:workbookPr`) says nothing
                // of the date system and keeps the first's.
                b"workbookPr" => {
                    if let Some(v) = name.attr("date1904") {
                        book.date1904 = v == "1" || v == "true";
                    }
                }
                _ => {}
            }
        }
        true
    })?;
    Ok(book)
}

/// The text of each shared string, rich runs joined, phonetic runs (`rPh`) left out.
fn shared_strings(xml: &str) -> Result<Vec<String>, ReadError> {
    let mut strings = Vec::new();
    let mut text = Text::default();
    walk(KIND, "sharedStrings.xml", xml, |node| {
        if let Some(done) = text.step(&node, b"si") {
            strings.push(done);
        }
        true
    })?;
    Ok(strings)
}

/// Collects the `<t>` text inside an element (`si`, `is`), skipping phonetic runs.
#[derive(Default)]
struct Text {
    buf: String,
    in_t: bool,
    in_phonetic: bool,
}

impl Text {
    /// Feeds a node; gives the text when `outer` closes.
    fn step(&mut self, node: &Node, outer: &[u8]) -> Option<String> {
        match node {
            Node::Open { name, empty: false } if name.name() == b"t" => self.in_t = true,
            Node::Open { name, empty: false } if name.name() == b"rPh" => self.in_phonetic = true,
            Node::Close(n) if n == b"t" => self.in_t = false,
            Node::Close(n) if n == b"rPh" => self.in_phonetic = false,
            Node::Close(n) if n == outer => return Some(unescape(&std::mem::take(&mut self.buf))),
            Node::Text(t) if self.in_t && !self.in_phonetic => self.buf.push_str(t),
            _ => {}
        }
        None
    }
}

/// OOXML writes characters XML cannot hold as `_xHHHH_` (`_x000D_` for a carriage return); line
/// breaks become `\n`.
fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find("_x") {
        out.push_str(&rest[..i]);
        let code = rest.get(i + 2..i + 6).filter(|_| rest.get(i + 6..i + 7) == Some("_"));
        match code.and_then(|h| u32::from_str_radix(h, 16).ok()).and_then(char::from_u32) {
            Some(c) => {
                out.push(c);
                rest = &rest[i + 7..];
            }
            None => {
                out.push_str("_x");
                rest = &rest[i + 2..];
            }
        }
    }
    out.push_str(rest);
    out.replace("\r\n", "\n").replace('\r', "\n")
}

/// The number format of each cell style (`cellXfs`), from `styles.xml`.
fn styles(xml: &str) -> Result<Styles, ReadError> {
    let mut custom: HashMap<u32, String> = HashMap::new();
    let mut ids = Vec::new();
    let mut in_cell_xfs = false;
    walk(KIND, "styles.xml", xml, |node| {
        match node {
            Node::Open { name, empty } => match name.name() {
                b"numFmt" => {
                    if let (Some(id), Some(code)) = (name.count("numFmtId"), name.attr("formatCode")) {
                        custom.insert(id as u32, code);
                    }
                }
                b"cellXfs" => in_cell_xfs = !empty,
                b"xf" if in_cell_xfs => ids.push(name.count("numFmtId").unwrap_or(0) as u32),
                _ => {}
            },
            Node::Close(n) if n == b"cellXfs" => in_cell_xfs = false,
            _ => {}
        }
        true
    })?;
    Ok(numfmt::Styles::new(ids, &custom))
}

/// One worksheet's cells and merges.
fn worksheet(
    sheet: &mut Cells,
    path: &str,
    xml: &str,
    strings: &[String],
    styles: &Styles,
    date1904: bool,
) -> Result<(), ReadError> {
    let mut failed = None;
    let (mut row, mut col, mut next_row) = (0usize, 0usize, 0usize);
    let mut cell: Option<Cell> = None;
    let mut in_value = false;
    let mut inline = Text::default();
    walk(KIND, path, xml, |node| {
        match &node {
            Node::Open { name, empty } => match name.name() {
                b"row" => {
                    // A row without its number follows the one before.
                    let number =
                        name.attrs().find(|(k, _)| *k == b"r").and_then(|(_, v)| v.trim().parse::<usize>().ok());
                    row = number.map_or(next_row, |r| r.saturating_sub(1));
                    next_row = row + 1;
                    col = 0;
                }
                b"c" => {
                    let mut started =
                        Cell { at: Pos::new(row, col), kind: CellKind::Number, style: 0, value: String::new() };
                    for (key, value) in name.attrs() {
                        match key {
                            b"r" => {
                                if let Some(pos) = reference(&value) {
                                    started.at = pos;
                                }
                            }
                            b"s" => started.style = value.trim().parse().unwrap_or(0),
                            b"t" => started.kind = CellKind::of(&value),
                            _ => {}
                        }
                    }
                    (row, col) = (started.at.row, started.at.col + 1);
                    cell = (!empty).then_some(started);
                }
                b"v" => in_value = !empty,
                b"mergeCell" => {
                    if let Some((from, to)) = name.attr("ref").as_deref().and_then(range) {
                        let (rows, cols) = (to.row.saturating_sub(from.row) + 1, to.col.saturating_sub(from.col) + 1);
                        if let Err(e) = sheet.merge(from, rows, cols) {
                            failed = Some(e);
                            return false;
                        }
                    }
                }
                _ => {}
            },
            Node::Close(n) if n == b"v" => in_value = false,
            Node::Close(n) if n == b"c" => {
                if let Some(c) = cell.take() {
                    let room = c.room(strings);
                    let shown = |held: &mut String| c.shown_into(strings, styles, date1904, held);
                    if let Err(e) = sheet.put_with(c.at.row, c.at.col, room, shown) {
                        failed = Some(e);
                        return false;
                    }
                }
            }
            Node::Text(t) if in_value => {
                if let Some(c) = &mut cell {
                    c.value.push_str(t);
                }
            }
            _ => {}
        }
        if let Some(c) = &mut cell {
            if c.kind == CellKind::Inline {
                if let Some(text) = inline.step(&node, b"is") {
                    c.value = text;
                }
            }
        }
        true
    })?;
    failed.map_or(Ok(()), Err)
}

struct Cell {
    at: Pos,
    kind: CellKind,
    style: usize,
    value: String,
}

/// A cell's `t` attribute: what its value is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CellKind {
    /// `s`: an index into the shared strings.
    Shared,
    /// `str` (a formula's text) or `inlineStr`.
    Text,
    Inline,
    /// `b`: 1 or 0.
    Bool,
    /// `e` (an error such as `#DIV/0!`) or `d` (an ISO date): shown as stored.
    AsStored,
    /// An ISO 8601 date (`t="d"`), shown through its number format as the serial it is.
    Date,
    /// `n` or none: a number, shown through its format.
    Number,
}

impl CellKind {
    fn of(t: &str) -> Self {
        match t {
            "s" => CellKind::Shared,
            "str" => CellKind::Text,
            "inlineStr" => CellKind::Inline,
            "b" => CellKind::Bool,
            "e" => CellKind::AsStored,
            "d" => CellKind::Date,
            _ => CellKind::Number,
        }
    }
}

impl Cell {
    /// What the cell shows, written at the end of `out` (where the cells' text is held).
    fn shown_into(&self, strings: &[String], styles: &Styles, date1904: bool, out: &mut String) {
        let format = styles.get(self.style);
        let number = format.unwrap_or(&numfmt::GENERAL);
        match self.kind {
            // Text through its format's text section (`_(@_)` pads a label, as the sheet shows it).
            CellKind::Shared | CellKind::Text | CellKind::Inline => {
                let unescaped;
                let text = match self.kind {
                    CellKind::Shared => self.shared(strings).unwrap_or_default(),
                    _ => {
                        unescaped = unescape(&self.value);
                        &unescaped
                    }
                };
                match format {
                    Some(format) => format.text_into(text, out),
                    None => out.push_str(text),
                }
            }
            CellKind::Bool => out.push_str(if self.value.trim() == "1" { "TRUE" } else { "FALSE" }),
            CellKind::AsStored => out.push_str(&self.value),
            CellKind::Number if self.value.is_empty() => {}
            CellKind::Date => match numfmt::iso_serial(&self.value, date1904) {
                Some(serial) => number.number_into(&serial, date1904, out),
                None => out.push_str(&self.value),
            },
            CellKind::Number => number.number_into(&self.value, date1904, out),
        }
    }

    /// The shared string a `t="s"` cell names.
    fn shared<'a>(&self, strings: &'a [String]) -> Option<&'a str> {
        self.value.trim().parse::<usize>().ok().and_then(|i| strings.get(i)).map(String::as_str)
    }

    /// About how long what the cell shows is: the room made for it where cells are held.
    fn room(&self, strings: &[String]) -> usize {
        match self.kind {
            CellKind::Shared => self.shared(strings).map_or(0, str::len),
            _ => self.value.len() + SHOWN_ROOM,
        }
    }
}

/// About the length of a number as shown beyond its stored digits (`1,234,567.89`, a date's names).
const SHOWN_ROOM: usize = 16;

/// `B7` → row 6, column 1.
fn reference(a1: &str) -> Option<Pos> {
    let a1 = a1.trim().trim_start_matches('$');
    let split = a1.find(|c: char| c.is_ascii_digit())?;
    let (letters, digits) = a1.split_at(split);
    let letters = letters.trim_end_matches('$');
    if letters.is_empty() || letters.len() > 3 {
        return None;
    }
    let col = letters.bytes().try_fold(0usize, |n, b| {
        b.is_ascii_alphabetic().then(|| n * 26 + usize::from(b.to_ascii_uppercase() - b'A' + 1))
    })?;
    let row: usize = digits.parse().ok()?;
    (row >= 1).then(|| Pos::new(row - 1, col - 1))
}

/// `A1:D3` → its corners.
fn range(text: &str) -> Option<(Pos, Pos)> {
    let (from, to) = text.split_once(':').unwrap_or((text, text));
    let (from, to) = (reference(from)?, reference(to)?);
    (to.row >= from.row && to.col >= from.col).then_some((from, to))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references() {
        assert_eq!(reference("B7"), Some(Pos::new(6, 1)));
        assert_eq!(reference("$AA$10"), Some(Pos::new(9, 26)));
        assert_eq!(reference("7"), None);
        assert_eq!(reference("A0"), None);
        assert_eq!(range("A1:D3"), Some((Pos::new(0, 0), Pos::new(2, 3))));
        assert_eq!(range("D3:A1"), None);
    }

    #[test]
    fn escapes() {
        assert_eq!(unescape("a_x000D_\nb_x0009_c_xZZ"), "a\nb\tc_xZZ");
    }

    #[test]
    fn cells_shown_by_style() {
        let custom = [(164, "General"), (165, "0.00%"), (166, "@")].map(|(id, code)| (id, code.to_owned())).into();
        let styles = Styles::new([164, 165, 166], &custom);
        let strings = vec!["项目名称".to_owned()];
        // Written after what is already held, as the reader writes it.
        let shown = |kind: Option<&str>, style, value: &str| {
            let cell =
                Cell { at: Pos::new(0, 0), kind: CellKind::of(kind.unwrap_or("n")), style, value: value.to_owned() };
            let mut held = String::from("…");
            cell.shown_into(&strings, &styles, false, &mut held);
            held.split_off("…".len())
        };
        assert_eq!(shown(Some("s"), 0, "0"), "项目名称");
        assert_eq!(shown(None, 1, "0.9876"), "98.76%");
        assert_eq!(shown(None, 2, "24.089999999999996"), "24.09");
        assert_eq!(shown(Some("e"), 0, "#DIV/0!"), "#DIV/0!");
        assert_eq!(shown(Some("s"), 0, "9"), "");
    }
}
