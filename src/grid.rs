//! Text → grid of cells.
//!
//! A paste from Excel, WPS or Word is tab-separated text: one line a row, a tab between cells, and a cell
//! that holds a line break, a tab or a quote written Excel-style as a double-quoted field (`""` for a
//! quote). A `.csv` file is the same with commas. Merged ranges arrive as empty cells. Positions are
//! kept: rows and columns count from 0 here and are shown from 1 (`C7`) in findings.

use std::fmt;

/// A cell's place in the grid: row and column, both counted from 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pos {
    /// Row index, from 0 (the first line of the paste).
    pub row: usize,
    /// Column index, from 0 (column `A`).
    pub col: usize,
}

impl Pos {
    /// A position from a row and a column, both counted from 0.
    pub fn new(row: usize, col: usize) -> Self {
        Pos { row, col }
    }

    /// The A1-style name of the cell, as a spreadsheet shows it (`C7`).
    pub fn a1(&self) -> String {
        self.to_string()
    }
}

/// A column's letters, as a spreadsheet heads it (`A`, …, `Z`, `AA`); `col` counts from 0.
pub fn column_name(col: usize) -> String {
    let mut letters = Vec::new();
    let mut n = col + 1;
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

impl fmt::Display for Pos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", column_name(self.col), self.row + 1)
    }
}

/// A merged range: its top-left cell and how many rows and columns it covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Merge {
    /// The top-left cell.
    pub at: Pos,
    /// Rows covered, at least 1.
    pub rows: usize,
    /// Columns covered, at least 1.
    pub cols: usize,
}

/// Rows of cells, ragged as pasted: a cell past the end of its row reads as empty.
///
/// The cells' texts live in one buffer and each cell is a span of it, so reading a paste of thousands
/// of sheets costs a few allocations, not one per cell. Only the cells a row holds are stored, each with
/// its column: a workbook's lone cell in column XFD costs one cell, not the 16,384 before it.
///
/// A grid may be made of parts that no form spans (a workbook's worksheets, the files opened
/// together): `breaks` are the rows where a part after the first begins.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Grid {
    text: String,
    /// The cells held, row by row, each row's in column order.
    cells: Vec<Held>,
    row_starts: Vec<u32>,
    breaks: Vec<usize>,
}

/// What made [`Grid::parse_bounded`] stop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TooMuch {
    /// More cells than allowed.
    Cells,
    /// A cell's text longer than allowed, at the cell.
    CellText(Pos),
    /// A cell past the last column allowed.
    Columns,
}

/// A cell held: its column and its text's start and end in the grid's text, all 32 bits, since no
/// input read is 4 GB (`input::limits`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Held {
    col: u32,
    start: u32,
    end: u32,
}

impl Grid {
    /// A grid from rows of cells.
    pub fn from_rows<R: AsRef<[S]>, S: AsRef<str>>(rows: &[R]) -> Self {
        let mut grid = Grid::default();
        for row in rows {
            grid.row_starts.push(span(grid.cells.len()));
            for (col, cell) in row.as_ref().iter().enumerate() {
                grid.push(col, cell.as_ref());
            }
        }
        grid
    }

    /// A grid of `height` rows over `text`, from its cells at (row, column, start, end in `text`),
    /// sorted by row and then column, no place twice.
    pub(crate) fn from_placed(text: String, height: usize, placed: impl IntoIterator<Item = [u32; 4]>) -> Self {
        let placed = placed.into_iter();
        let cells = Vec::with_capacity(placed.size_hint().0);
        let mut grid = Grid { text, cells, row_starts: Vec::with_capacity(height), ..Grid::default() };
        for [row, col, start, end] in placed {
            while grid.row_starts.len() <= row as usize {
                grid.row_starts.push(span(grid.cells.len()));
            }
            grid.cells.push(Held { col, start, end });
        }
        while grid.row_starts.len() < height {
            grid.row_starts.push(span(grid.cells.len()));
        }
        grid
    }

    /// Adds a cell at `col` to the last row.
    fn push(&mut self, col: usize, text: &str) {
        let start = span(self.text.len());
        self.text.push_str(text);
        self.cells.push(Held { col: span(col), start, end: span(self.text.len()) });
    }

    /// Reads delimited text, choosing the delimiter: a tab wherever the text has one, else a comma
    /// when the text looks like CSV (`hint` is the file name, if any).
    pub fn parse(text: &str, hint: Option<&str>) -> Self {
        Self::parse_delimited(text, Self::delimiter(text, hint))
    }

    /// The delimiter of a text: a tab wherever the text has one, else a comma when the text looks like
    /// CSV (`hint` is the file name, if any).
    fn delimiter(text: &str, hint: Option<&str>) -> char {
        let csv_name = hint.is_some_and(|n| n.to_ascii_lowercase().ends_with(".csv"));
        if text.contains('\t') || !(csv_name || text.contains(',')) {
            '\t'
        } else if csv_name {
            ','
        } else {
            // No tab and no .csv name: a comma-separated text only if most lines have commas.
            let lines = text.lines().filter(|l| !l.trim().is_empty());
            let (mut with, mut all) = (0usize, 0usize);
            for line in lines {
                all += 1;
                with += usize::from(line.contains(','));
            }
            if all > 0 && with * 2 > all {
                ','
            } else {
                '\t'
            }
        }
    }

    /// Reads text separated by `delimiter`, honouring Excel's quoting. A quote that opens a field but
    /// never closes it properly is taken as a literal character, as Excel does when pasting.
    pub fn parse_delimited(text: &str, delimiter: char) -> Self {
        Self::parse_within(text, delimiter, (usize::MAX, usize::MAX, usize::MAX)).unwrap_or_default()
    }

    /// Reads text as [`Grid::parse`] does, making at most `max.0` cells (empty ones included) of at
    /// most `max.1` characters each, each row at most `max.2` cells wide: past one it stops at once and
    /// says which.
    pub(crate) fn parse_bounded(text: &str, hint: Option<&str>, max: (usize, usize, usize)) -> Result<Self, TooMuch> {
        Self::parse_within(text, Self::delimiter(text, hint), max)
    }

    fn parse_within(text: &str, delimiter: char, max: (usize, usize, usize)) -> Result<Self, TooMuch> {
        let (max_cells, max_chars, max_cols) = max;
        let mut grid = Grid { text: String::with_capacity(text.len()), row_starts: vec![0], ..Grid::default() };
        let mut col = 0;
        let mut rest = text;
        let mut at_field_start = true;
        let mut field_start = 0;
        loop {
            if at_field_start {
                field_start = grid.text.len();
                if let Some(after) = rest.strip_prefix('"') {
                    match quoted_field(after, delimiter, &mut grid.text) {
                        Some(remaining) => {
                            rest = remaining;
                            at_field_start = false;
                            continue;
                        }
                        None => grid.text.truncate(field_start),
                    }
                }
            }
            // Unquoted run up to the next delimiter or line break.
            let end = rest.find([delimiter, '\n', '\r']).unwrap_or(rest.len());
            grid.text.push_str(&rest[..end]);
            rest = &rest[end..];
            // `'=100%`: Excel's mark of text before what would read as a formula ([`inert`]) is no
            // part of the cell.
            let field = &grid.text[field_start..];
            if field.starts_with('\'') && field[1..].starts_with(FORMULA_STARTS) {
                grid.text.remove(field_start);
            }
            let field = &grid.text[field_start..];
            if field.len() > max_chars && field.chars().count() > max_chars {
                return Err(TooMuch::CellText(Pos::new(grid.row_starts.len() - 1, col)));
            }
            if grid.cells.len() >= max_cells {
                return Err(TooMuch::Cells);
            }
            if col >= max_cols {
                return Err(TooMuch::Columns);
            }
            grid.cells.push(Held { col: span(col), start: span(field_start), end: span(grid.text.len()) });
            col += 1;
            let mut chars = rest.chars();
            match chars.next() {
                None => break,
                Some(c) if c == delimiter => rest = chars.as_str(),
                Some(c) => {
                    grid.row_starts.push(span(grid.cells.len()));
                    col = 0;
                    rest = chars.as_str();
                    if c == '\r' {
                        rest = rest.strip_prefix('\n').unwrap_or(rest);
                    }
                }
            }
            at_field_start = true;
        }
        // A final line break does not start another row.
        let last = grid.row_starts.last().map_or(0, |&s| s as usize);
        let last_is_empty = grid.cells.len() == last + 1 && grid.cells[last].start == grid.cells[last].end;
        if grid.row_starts.len() > 1 && last_is_empty && text.ends_with(['\n', '\r']) {
            grid.row_starts.pop();
            grid.cells.pop();
        }
        Ok(grid)
    }

    /// The grid with parts that begin at rows `breaks` (no form spans two parts).
    pub fn with_breaks(mut self, mut breaks: Vec<usize>) -> Self {
        breaks.sort_unstable();
        breaks.dedup();
        breaks.retain(|&b| b > 0);
        self.breaks = breaks;
        self
    }

    /// The rows where a part after the first begins, in order.
    pub fn breaks(&self) -> &[usize] {
        &self.breaks
    }

    /// How many rows the grid has.
    pub fn height(&self) -> usize {
        self.row_starts.len()
    }

    /// The cells row `row` holds, in column order.
    fn held(&self, row: usize) -> &[Held] {
        let Some(&start) = self.row_starts.get(row) else { return &[] };
        let end = self.row_starts.get(row + 1).map_or(self.cells.len(), |&e| e as usize);
        &self.cells[start as usize..end]
    }

    fn text_of(&self, held: &Held) -> &str {
        &self.text[held.start as usize..held.end as usize]
    }

    /// How many cells row `row` has: up to its last cell held.
    pub fn width(&self, row: usize) -> usize {
        self.held(row).last().map_or(0, |h| h.col as usize + 1)
    }

    /// The texts of one row's cells, from column A to its last cell held, a cell not held read as empty
    /// (none past the end of the grid). A far cell makes this as long as the sheet is wide: to look at
    /// what a row holds, [`Grid::filled`] costs what it holds.
    pub fn cells(&self, row: usize) -> impl Iterator<Item = &str> + '_ {
        let mut held = self.held(row).iter().peekable();
        (0..self.width(row)).map(move |col| match held.peek() {
            Some(h) if h.col as usize == col => self.text_of(held.next().expect("peeked")),
            _ => "",
        })
    }

    /// The cells of one row that hold text, with their columns, in column order.
    pub fn filled(&self, row: usize) -> impl Iterator<Item = (usize, &str)> + '_ {
        self.held(row).iter().filter(|h| h.end > h.start).map(|h| (h.col as usize, self.text_of(h)))
    }

    /// The text of one cell; empty when the cell is past the end of its row or of the grid.
    pub fn get(&self, pos: Pos) -> &str {
        let held = self.held(pos.row);
        let col = span(pos.col);
        // A row read from text holds every cell up to its last, each at its own index.
        let found = match held.get(pos.col) {
            Some(h) if h.col == col => Some(h),
            _ => held.binary_search_by_key(&col, |h| h.col).ok().map(|i| &held[i]),
        };
        found.map_or("", |h| self.text_of(h))
    }

    /// How many cells the grid has when every row is as wide as its last cell: what the rows cost where
    /// each is an array (the page's state).
    pub fn dense_cells(&self) -> usize {
        (0..self.height()).map(|r| self.width(r)).sum()
    }

    /// The rows as owned cells, for tests and exports.
    pub fn to_rows(&self) -> Vec<Vec<String>> {
        (0..self.height()).map(|r| self.cells(r).map(str::to_owned).collect()).collect()
    }
}

/// A text offset as a cell's span end. Inputs are bounded far below 4 GB (`input::limits`); a bigger
/// offset is clamped rather than wrapped.
fn span(offset: usize) -> u32 {
    u32::try_from(offset).unwrap_or(u32::MAX)
}

/// Writes rows as delimited text that Excel and WPS paste back cell for cell (and that [`Grid::parse`]
/// reads back): a cell holding the delimiter, a line break or a quote is quoted Excel-style. Lines end
/// with `\r\n`, as Excel writes them; trailing empty cells are dropped.
pub fn write_delimited<R: AsRef<[S]>, S: AsRef<str>>(rows: &[R], delimiter: char) -> String {
    let mut out = String::new();
    for row in rows {
        let cells = row.as_ref();
        let used = cells.iter().rposition(|c| !c.as_ref().is_empty()).map_or(0, |i| i + 1);
        for (i, cell) in cells[..used].iter().enumerate() {
            if i > 0 {
                out.push(delimiter);
            }
            let cell = cell.as_ref();
            if cell.contains([delimiter, '\n', '\r', '"']) {
                out.push('"');
                out.push_str(&cell.replace('"', "\"\""));
                out.push('"');
            } else {
                out.push_str(cell);
            }
        }
        out.push_str("\r\n");
    }
    out
}

/// The characters a cell's text may not start with in a file Excel opens: it would read the cell as a
/// formula (`=HYPERLINK(…)` as a project's name) or break it (a tab, a carriage return).
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A cell as Excel is to show it, the text it is: one that starts as a formula would gets a leading `'`,
/// Excel's mark of text (OWASP's rule against formula injection), which Excel does not show; a number
/// (`-5`, `+3.2`) stays a number. A form's own `=100%` or `-` keeps its text.
pub fn inert(cell: &str) -> std::borrow::Cow<'_, str> {
    let number = cell.parse::<rust_decimal::Decimal>().is_ok();
    if cell.starts_with(FORMULA_STARTS) && !number {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

/// [`write_delimited`] for a file or a clipboard that Excel or WPS opens: each cell [`inert`]. Read
/// back ([`Grid::parse`]) it gives the cells as they were.
pub fn write_for_excel<R: AsRef<[S]>, S: AsRef<str>>(rows: &[R], delimiter: char) -> String {
    let inert: Vec<Vec<std::borrow::Cow<'_, str>>> =
        rows.iter().map(|r| r.as_ref().iter().map(|c| inert(c.as_ref())).collect()).collect();
    write_delimited(&inert, delimiter)
}

/// Reads the body of a quoted field (after its opening quote) into `value`. Returns the text after the
/// field's closing quote, or `None` if the quote does not close right before a delimiter, a line break
/// or the end: then the quote was a literal.
fn quoted_field<'t>(body: &'t str, delimiter: char, value: &mut String) -> Option<&'t str> {
    let mut rest = body;
    loop {
        let quote = rest.find('"')?;
        value.push_str(&rest[..quote]);
        let after = &rest[quote + 1..];
        match after.chars().next() {
            Some('"') => {
                value.push('"');
                rest = &after[1..];
            }
            None => return Some(after),
            Some(c) if c == delimiter || c == '\n' || c == '\r' => return Some(after),
            Some(_) => return None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_text_reads_back() {
        let rows = vec![
            vec!["项目名称", "", "a\tb", ""],
            vec!["", "line\nbreak", "say \"hi\"", "x"],
            vec!["", "", "", ""],
            vec!["plain"],
        ];
        let text = write_delimited(&rows, '\t');
        assert_eq!(text, "项目名称\t\t\"a\tb\"\r\n\t\"line\nbreak\"\t\"say \"\"hi\"\"\"\tx\r\n\r\nplain\r\n");
        let back = Grid::parse(&text, None).to_rows();
        assert_eq!(back[1], ["", "line\nbreak", "say \"hi\"", "x"]);
        assert_eq!(back[0][..3], ["项目名称", "", "a\tb"]);
        assert_eq!(back[3], ["plain"]);
        let csv = write_delimited(&[["a,b", "c"]], ',');
        assert_eq!(csv, "\"a,b\",c\r\n");
    }

    #[test]
    fn cells_for_excel_are_inert_and_read_back_as_written() {
        for (cell, shown) in [
            ("=HYPERLINK(\"http://x\",\"点击\")", "'=HYPERLINK(\"http://x\",\"点击\")"),
            ("+1+1", "'+1+1"),
            ("-", "'-"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("=100%", "'=100%"),
            ("\t缩进", "'\t缩进"),
        ] {
            assert_eq!(inert(cell), shown, "{cell}");
        }
        for cell in ["-5", "+3.2", "100", "≥95%", "项目名称", "", "'引号"] {
            assert_eq!(inert(cell), cell, "{cell}");
        }
        let rows = vec![vec!["=1+1", "-", "-5", "@x", "a\tb", "'引号"], vec!["\r回车", "=100%", "", "", "", ""]];
        for delimiter in ['\t', ','] {
            let text = write_for_excel(&rows, delimiter);
            assert!(!text.contains("\t=") && !text.starts_with('='), "{text:?}");
            let back = Grid::parse_delimited(&text, delimiter).to_rows();
            assert_eq!(back[0], rows[0], "{delimiter:?}");
            assert_eq!(back[1][..2], rows[1][..2], "{delimiter:?}");
        }
    }

    fn cells(text: &str) -> Vec<Vec<String>> {
        Grid::parse(text, None).to_rows()
    }

    #[test]
    fn a1_names() {
        assert_eq!(Pos::new(0, 0).a1(), "A1");
        assert_eq!(Pos::new(6, 2).a1(), "C7");
        assert_eq!(Pos::new(9, 25).a1(), "Z10");
        assert_eq!(Pos::new(0, 26).a1(), "AA1");
        assert_eq!(Pos::new(0, 701).a1(), "ZZ1");
        assert_eq!(Pos::new(0, 702).a1(), "AAA1");
    }

    #[test]
    fn tabs_and_lines() {
        assert_eq!(cells("a\tb\n\tc\n"), vec![vec!["a", "b"], vec!["", "c"]]);
        assert_eq!(cells("a\r\nb\rc"), vec![vec!["a"], vec!["b"], vec!["c"]]);
        assert_eq!(cells(""), vec![vec![""]]);
        assert_eq!(cells("\n\nx"), vec![vec![""], vec![""], vec!["x"]]);
    }

    #[test]
    fn excel_quoting() {
        assert_eq!(cells("\"two\nlines\"\tb\nc"), vec![vec!["two\nlines", "b"], vec!["c"]]);
        assert_eq!(cells("\"say \"\"hi\"\"\"\tx"), vec![vec!["say \"hi\"", "x"]]);
        // A quote that does not close before a delimiter is literal.
        assert_eq!(cells("\"abc\" def\tx"), vec![vec!["\"abc\" def", "x"]]);
        assert_eq!(cells("\"open\tx\ny"), vec![vec!["\"open", "x"], vec!["y"]]);
        // A quote inside a field is literal.
        assert_eq!(cells("5\"\tx"), vec![vec!["5\"", "x"]]);
    }

    #[test]
    fn csv_is_detected() {
        assert_eq!(cells("a,b\nc,d"), vec![vec!["a", "b"], vec!["c", "d"]]);
        assert_eq!(Grid::parse("a", Some("x.CSV")).to_rows(), vec![vec!["a"]]);
        assert_eq!(cells("a,\"215,457.6\"\nb,c"), vec![vec!["a", "215,457.6"], vec!["b", "c"]]);
        // A tab-separated paste whose text holds commas stays tab-separated.
        assert_eq!(cells("a,b\tc"), vec![vec!["a,b", "c"]]);
        // Prose with a comma on one line of many is not CSV.
        assert_eq!(cells("x\ny\nz,w\nv"), vec![vec!["x"], vec!["y"], vec!["z,w"], vec!["v"]]);
    }

    #[test]
    fn from_rows_keeps_cells() {
        let g = Grid::from_rows(&[vec!["a", "b"], vec![], vec!["c"]]);
        assert_eq!(g.to_rows(), vec![vec!["a", "b"], vec![], vec!["c"]]);
        assert_eq!(g.get(Pos::new(2, 0)), "c");
    }

    #[test]
    fn get_past_the_end_is_empty() {
        let g = Grid::parse("a\tb\nc", None);
        assert_eq!(g.get(Pos::new(0, 1)), "b");
        assert_eq!(g.get(Pos::new(1, 1)), "");
        assert_eq!(g.get(Pos::new(7, 7)), "");
    }
}
