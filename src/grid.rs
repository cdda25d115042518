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

impl fmt::Display for Pos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut letters = Vec::new();
        let mut n = self.col + 1;
        while n > 0 {
            let rem = (n - 1) % 26;
            letters.push(b'A' + rem as u8);
            n = (n - 1) / 26;
        }
        letters.reverse();
        // The letters are ASCII by construction.
        f.write_str(std::str::from_utf8(&letters).unwrap_or("?"))?;
        write!(f, "{}", self.row + 1)
    }
}

/// Rows of cells, ragged as pasted: a cell past the end of its row reads as empty.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Grid {
    rows: Vec<Vec<String>>,
}

impl Grid {
    /// A grid from rows of cells.
    pub fn from_rows(rows: Vec<Vec<String>>) -> Self {
        Grid { rows }
    }

    /// Reads delimited text, choosing the delimiter: a tab wherever the text has one, else a comma
    /// when the text looks like CSV (`hint` is the file name, if any).
    pub fn parse(text: &str, hint: Option<&str>) -> Self {
        let csv_name = hint.is_some_and(|n| n.to_ascii_lowercase().ends_with(".csv"));
        let delimiter = if text.contains('\t') || !(csv_name || text.contains(',')) {
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
        };
        Self::parse_delimited(text, delimiter)
    }

    /// Reads text separated by `delimiter`, honouring Excel's quoting. A quote that opens a field but
    /// never closes it properly is taken as a literal character, as Excel does when pasting.
    pub fn parse_delimited(text: &str, delimiter: char) -> Self {
        let mut rows = Vec::new();
        let mut row: Vec<String> = Vec::new();
        let mut rest = text;
        let mut at_field_start = true;
        let mut field = String::new();
        loop {
            if at_field_start {
                if let Some(after) = rest.strip_prefix('"') {
                    if let Some((value, remaining)) = quoted_field(after, delimiter) {
                        field = value;
                        rest = remaining;
                        at_field_start = false;
                        continue;
                    }
                }
            }
            // Unquoted run up to the next delimiter or line break.
            let end = rest.find([delimiter, '\n', '\r']).unwrap_or(rest.len());
            field.push_str(&rest[..end]);
            rest = &rest[end..];
            let mut chars = rest.chars();
            match chars.next() {
                None => {
                    row.push(std::mem::take(&mut field));
                    rows.push(std::mem::take(&mut row));
                    break;
                }
                Some(c) if c == delimiter => {
                    row.push(std::mem::take(&mut field));
                    rest = chars.as_str();
                    at_field_start = true;
                }
                Some(c) => {
                    row.push(std::mem::take(&mut field));
                    rows.push(std::mem::take(&mut row));
                    rest = chars.as_str();
                    if c == '\r' {
                        rest = rest.strip_prefix('\n').unwrap_or(rest);
                    }
                    at_field_start = true;
                }
            }
        }
        // A final line break does not start another row.
        if rows.len() > 1
            && rows.last().is_some_and(|r| r.len() == 1 && r[0].is_empty())
            && text.ends_with(['\n', '\r'])
        {
            rows.pop();
        }
        Grid { rows }
    }

    /// How many rows the grid has.
    pub fn height(&self) -> usize {
        self.rows.len()
    }

    /// The cells of one row (empty past the end).
    pub fn row(&self, row: usize) -> &[String] {
        self.rows.get(row).map(Vec::as_slice).unwrap_or(&[])
    }

    /// The text of one cell; empty when the cell is past the end of its row or of the grid.
    pub fn get(&self, pos: Pos) -> &str {
        self.row(pos.row).get(pos.col).map(String::as_str).unwrap_or("")
    }

    /// The rows, in order.
    pub fn rows(&self) -> &[Vec<String>] {
        &self.rows
    }
}

/// Reads the body of a quoted field (after its opening quote). Returns the value and the text after
/// the field's closing quote, or `None` if the quote does not close right before a delimiter, a line
/// break or the end: then the quote was a literal.
fn quoted_field(body: &str, delimiter: char) -> Option<(String, &str)> {
    let mut value = String::new();
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
            None => return Some((value, after)),
            Some(c) if c == delimiter || c == '\n' || c == '\r' => return Some((value, after)),
            Some(_) => return None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(text: &str) -> Vec<Vec<String>> {
        Grid::parse(text, None).rows
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
        assert_eq!(Grid::parse("a", Some("x.CSV")).rows, vec![vec!["a"]]);
        assert_eq!(cells("a,\"215,457.6\"\nb,c"), vec![vec!["a", "215,457.6"], vec!["b", "c"]]);
        // A tab-separated paste whose text holds commas stays tab-separated.
        assert_eq!(cells("a,b\tc"), vec![vec!["a,b", "c"]]);
        // Prose with a comma on one line of many is not CSV.
        assert_eq!(cells("x\ny\nz,w\nv"), vec![vec!["x"], vec!["y"], vec!["z,w"], vec!["v"]]);
    }

    #[test]
    fn get_past_the_end_is_empty() {
        let g = Grid::parse("a\tb\nc", None);
        assert_eq!(g.get(Pos::new(0, 1)), "b");
        assert_eq!(g.get(Pos::new(1, 1)), "");
        assert_eq!(g.get(Pos::new(7, 7)), "");
    }
}
