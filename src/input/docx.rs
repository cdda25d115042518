//! Word documents (`.docx`, and WPS's saves in that format) → grid. The body is read in order: a
//! paragraph with text is a row of one cell (the title `2023年度项目支出绩效自评表`, the year, `单位名称：…`
//! before a table are found there as in a paste), a table is its rows, and a blank row stands between
//! two tables. Cells are placed on the table's grid: `gridBefore` skips columns, `gridSpan` spans them,
//! `vMerge` continues a cell down; both spans become merges. A cell's paragraphs and breaks are its
//! line breaks; a table inside a cell is read as lines of that cell. Deleted text, field codes and text
//! boxes are not the document's text and are left out.

use std::collections::HashMap;

use super::archive::Archive;
use super::xml::Node;
use super::{walk, Cells, Kind, ReadError};
use crate::grid::Pos;

const KIND: Kind = Kind::Docx;

pub fn read(bytes: &[u8], cells: &mut Cells) -> Result<(), ReadError> {
    let mut zip = Archive::open(bytes, KIND)?;
    let document = zip.required("word/document.xml")?;
    // The document is one part, named by its file.
    cells.part("", false)?;
    let mut reader = Reader { cells: std::mem::take(cells), ..Reader::default() };
    walk(KIND, "document.xml", &document, |node| reader.step(node))?;
    *cells = reader.cells;
    if let Some(e) = reader.failed {
        return Err(e);
    }
    for (at, rows, cols) in reader.merges.into_values() {
        cells.merge(at, rows, cols)?;
    }
    Ok(())
}

/// A cell being read: its text, its span, and whether it continues the cell above (`vMerge`).
#[derive(Default)]
struct Cell {
    text: String,
    paragraphs: usize,
    span: usize,
    restart: bool,
    continues: bool,
}

#[derive(Default)]
struct Reader {
    cells: Cells,
    /// The next free row.
    row: usize,
    /// Tables open, the outermost first (a table in a cell is read as that cell's lines).
    depth: usize,
    last_was_table: bool,
    /// The current table row's next column.
    col: usize,
    /// Text of a paragraph outside any table.
    paragraph: Option<String>,
    cell: Option<Cell>,
    in_text: bool,
    /// Inside a paragraph's tab stops (`w:tabs`).
    in_tabs: bool,
    /// Depth inside a text box, whose text is not the body's.
    in_box: usize,
    /// Vertical merges still open, by column: their top-left, rows and columns.
    merges: HashMap<usize, (Pos, usize, usize)>,
    failed: Option<ReadError>,
}

impl Reader {
    fn step(&mut self, node: Node) -> bool {
        match node {
            Node::Open { name, empty } => match name.name() {
                b"txbxContent" if !empty => self.in_box += 1,
                _ if self.in_box > 0 => {}
                b"tbl" if !empty => {
                    self.depth += 1;
                    if self.depth == 1 {
                        self.row += usize::from(self.last_was_table);
                        for (at, rows, cols) in std::mem::take(&mut self.merges).into_values() {
                            self.close(at, rows, cols);
                        }
                    }
                }
                b"tr" if self.depth == 1 && !empty => self.col = 0,
                b"gridBefore" if self.depth == 1 && self.cell.is_none() => self.col += name.count("val").unwrap_or(0),
                b"tc" if self.depth == 1 && !empty => self.cell = Some(Cell { span: 1, ..Cell::default() }),
                b"gridSpan" if self.depth == 1 => {
                    if let Some(cell) = &mut self.cell {
                        cell.span = name.count("val").unwrap_or(1).clamp(1, super::limits::MAX_SPAN);
                    }
                }
                b"vMerge" if self.depth == 1 => {
                    if let Some(cell) = &mut self.cell {
                        let restart = name.attr("val").is_some_and(|v| v == "restart");
                        (cell.restart, cell.continues) = (restart, !restart);
                    }
                }
                b"p" if !empty => match &mut self.cell {
                    Some(cell) => {
                        if cell.paragraphs > 0 {
                            cell.text.push('\n');
                        }
                        cell.paragraphs += 1;
                    }
                    None if self.depth == 0 => self.paragraph = Some(String::new()),
                    None => {}
                },
                b"t" if !empty => self.in_text = true,
                // A run's `<w:tab/>` is a tab; a paragraph's `<w:tabs><w:tab w:pos=…/></w:tabs>` defines
                // tab stops, no text.
                b"tabs" if !empty => self.in_tabs = true,
                b"tab" if !self.in_tabs => self.push("\t"),
                b"br" | b"cr" => self.push("\n"),
                _ => {}
            },
            Node::Close(n) => match n.as_slice() {
                b"txbxContent" => self.in_box = self.in_box.saturating_sub(1),
                _ if self.in_box > 0 => {}
                b"t" => self.in_text = false,
                b"tabs" => self.in_tabs = false,
                b"p" if self.depth == 0 => {
                    if let Some(text) = self.paragraph.take().filter(|t| !t.trim().is_empty()) {
                        self.place(self.row, 0, &text);
                        self.row += 1;
                        self.last_was_table = false;
                    }
                }
                b"tc" if self.depth == 1 => self.end_cell(),
                b"tr" if self.depth == 1 => self.row += 1,
                b"tbl" => {
                    self.depth = self.depth.saturating_sub(1);
                    self.last_was_table = self.depth == 0;
                }
                _ => {}
            },
            Node::Text(t) if self.in_text && self.in_box == 0 => self.push(&t),
            Node::Text(_) => {}
        }
        self.failed.is_none()
    }

    fn push(&mut self, text: &str) {
        if let Some(cell) = &mut self.cell {
            cell.text.push_str(text);
        } else if let Some(paragraph) = &mut self.paragraph {
            paragraph.push_str(text);
        }
    }

    /// Places a finished cell: a continuation lengthens the merge above it; any other cell stands at
    /// its column, and ends the merge that was open there.
    fn end_cell(&mut self) {
        let Some(cell) = self.cell.take() else { return };
        let col = self.col;
        self.col = self.col.saturating_add(cell.span);
        if cell.continues {
            if let Some(merge) = self.merges.get_mut(&col) {
                merge.1 += 1;
                return;
            }
        }
        if let Some((at, rows, cols)) = self.merges.remove(&col) {
            self.close(at, rows, cols);
        }
        let at = Pos::new(self.row, col);
        if cell.restart {
            self.merges.insert(col, (at, 1, cell.span));
        } else if cell.span > 1 {
            self.close(at, 1, cell.span);
        }
        self.place(at.row, at.col, &cell.text);
    }

    fn place(&mut self, row: usize, col: usize, text: &str) {
        if let Err(e) = self.cells.put(row, col, text) {
            self.failed = Some(e);
        }
    }

    /// A merged range that is complete.
    fn close(&mut self, at: Pos, rows: usize, cols: usize) {
        if let Err(e) = self.cells.merge(at, rows, cols) {
            self.failed = Some(e);
        }
    }
}
