//! OpenDocument spreadsheets (`.ods`, LibreOffice's and WPS's) → grid. Every table in order, one below
//! the other with a blank row between. A cell's paragraphs are what the user sees (LibreOffice writes
//! `98.00%` there for a percent cell), so they are read as they are; a cell with a value and no text
//! (written by another program) shows its value. Repeated rows and cells (`number-rows-repeated`) are
//! expanded only where they hold something, spans become merges, comments are left out.

use rust_decimal::Decimal;

use super::archive::Archive;
use super::xml::Node;
use super::{limits, numfmt, walk, Bound, Cells, Kind, ReadError};
use crate::grid::Pos;

const KIND: Kind = Kind::Ods;

pub fn read(bytes: &[u8], cells: &mut Cells) -> Result<(), ReadError> {
    let mut zip = Archive::open(bytes, KIND)?;
    if zip.text("META-INF/manifest.xml")?.is_some_and(|m| m.contains("encryption-data")) {
        return Err(ReadError::Encrypted(KIND));
    }
    let content = zip.required("content.xml")?;
    let mut reader = Reader { sheet: std::mem::take(cells), ..Reader::default() };
    walk(KIND, "content.xml", &content, |node| reader.step(node))?;
    *cells = reader.sheet;
    reader.failed.map_or(Ok(()), Err)
}

/// A cell being read.
#[derive(Default)]
struct Cell {
    text: String,
    paragraphs: usize,
    value: Option<(String, String)>,
    repeat: usize,
    span: (usize, usize),
}

#[derive(Default)]
struct Reader {
    sheet: Cells,
    row: usize,
    col: usize,
    /// The cells of the current row: column, text, spans, repeats; placed when the row ends.
    cells: Vec<(usize, String, (usize, usize), usize)>,
    row_repeat: usize,
    cell: Option<Cell>,
    /// Depth inside a comment (`office:annotation`), whose text is not the cell's.
    in_comment: usize,
    failed: Option<ReadError>,
    /// The table styles that hide a table (`table:display="false"`), and the style being read.
    hiding: std::collections::HashSet<String>,
    style: Option<String>,
}

impl Reader {
    fn step(&mut self, node: Node) -> bool {
        match node {
            Node::Open { name, empty } => match name.name() {
                b"annotation" if !empty => self.in_comment += 1,
                _ if self.in_comment > 0 => {}
                b"style" if name.attr("family").is_some_and(|f| f == "table") => self.style = name.attr("name"),
                b"table-properties" if name.attr("display").is_some_and(|d| d == "false") => {
                    self.hiding.extend(self.style.clone());
                }
                b"table" if !empty => {
                    let hidden = name.attr("style-name").is_some_and(|s| self.hiding.contains(&s));
                    if let Err(e) = self.sheet.part(&name.attr("name").unwrap_or_default(), hidden) {
                        self.failed = Some(e);
                    }
                    self.row = 0;
                }
                b"table-row" => {
                    self.col = 0;
                    self.cells.clear();
                    self.row_repeat = name.count("number-rows-repeated").unwrap_or(1).max(1);
                    if empty {
                        self.end_row();
                    }
                }
                b"table-cell" | b"covered-table-cell" => {
                    let value = name.attr("value-type").map(|kind| {
                        let value = name.attr("value").or_else(|| name.attr("date-value")).unwrap_or_default();
                        (kind, value)
                    });
                    let cell = Cell {
                        value,
                        repeat: name.count("number-columns-repeated").unwrap_or(1).max(1),
                        span: (
                            name.count("number-rows-spanned").unwrap_or(1),
                            name.count("number-columns-spanned").unwrap_or(1),
                        ),
                        ..Cell::default()
                    };
                    if empty {
                        self.end_cell(cell);
                    } else {
                        self.cell = Some(cell);
                    }
                }
                // An empty `<text:p/>` is a blank line of the cell, as Calc shows it.
                b"p" | b"h" => {
                    if let Some(cell) = &mut self.cell {
                        if cell.paragraphs > 0 {
                            cell.text.push('\n');
                        }
                        cell.paragraphs += 1;
                    }
                }
                b"s" => self.push(&" ".repeat(name.count("c").unwrap_or(1).clamp(1, 1000))),
                b"tab" => self.push("\t"),
                b"line-break" => self.push("\n"),
                _ => {}
            },
            Node::Close(n) => match n.as_slice() {
                b"style" => self.style = None,
                b"annotation" => self.in_comment = self.in_comment.saturating_sub(1),
                _ if self.in_comment > 0 => {}
                b"table-cell" | b"covered-table-cell" => {
                    if let Some(cell) = self.cell.take() {
                        self.end_cell(cell);
                    }
                }
                b"table-row" => self.end_row(),
                _ => {}
            },
            Node::Text(t) => {
                if self.in_comment == 0 {
                    self.push(&t);
                }
            }
        }
        self.failed.is_none()
    }

    /// Adds to the cell's text, which may not grow past a cell's bound (`<text:s text:c="1000"/>`
    /// repeated makes a thousand spaces of a few bytes).
    fn push(&mut self, text: &str) {
        if let Some(cell) = &mut self.cell {
            if cell.text.len() + text.len() > 4 * limits::MAX_CELL_CHARS {
                self.failed = Some(ReadError::Bound(Bound::CellText(Pos::new(self.row, self.col).a1())));
                return;
            }
            cell.text.push_str(text);
        }
    }

    fn end_cell(&mut self, cell: Cell) {
        let text = if cell.paragraphs > 0 { cell.text } else { shown(cell.value) };
        if !text.is_empty() || cell.span != (1, 1) {
            self.cells.push((self.col, text, cell.span, cell.repeat));
        }
        self.col = self.col.saturating_add(cell.repeat);
    }

    /// Places the row's cells, as many times as the row repeats (a repeated empty row costs nothing).
    fn end_row(&mut self) {
        let repeat = if self.cells.is_empty() { 0 } else { self.row_repeat };
        for r in 0..repeat {
            for (col, text, span, times) in &self.cells {
                for c in 0..*times {
                    let at = Pos::new(self.row + r, col + c);
                    if let Err(e) =
                        self.sheet.put(at.row, at.col, text).and_then(|()| self.sheet.merge(at, span.0, span.1))
                    {
                        self.failed = Some(e);
                        return;
                    }
                }
            }
        }
        self.row = self.row.saturating_add(self.row_repeat);
        self.cells.clear();
    }
}

/// A value with no text: a percentage as a percent, a number in General, anything else as stored.
fn shown(value: Option<(String, String)>) -> String {
    let Some((kind, value)) = value else { return String::new() };
    match kind.as_str() {
        "percentage" => {
            value.parse::<Decimal>().map(|v| format!("{}%", numfmt::general(v * Decimal::ONE_HUNDRED))).unwrap_or(value)
        }
        "float" | "currency" => numfmt::GENERAL.number(&value, false),
        _ => value,
    }
}
