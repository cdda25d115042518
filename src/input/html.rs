//! HTML table → grid of cells.
//!
//! Excel, WPS and Word put a copied range on the clipboard as an HTML table as well as text; the HTML
//! keeps merged cells (`rowspan`, `colspan`), which the text loses. Cells are laid out as a spreadsheet
//! would: a merged cell's text stands in its top-left cell and the cells it covers are empty, exactly as
//! in a tab-separated paste, and the merge itself is kept for drawing the form. Excel writes text that
//! overflows into empty neighbours as `colspan` with `mso-ignore:colspan`: that is not a merge.
//!
//! Only text is read. Tags other than the table's are dropped, `<script>` and `<style>` with their
//! content; `<br>` and block ends become line breaks; character references are decoded. Nothing in the
//! markup is ever run or kept as markup.

use super::{Cells, ReadError};
use crate::grid::{Grid, Merge, Pos};

/// The largest span honoured; a bigger `rowspan`/`colspan` is clamped, so a hostile value cannot make a
/// huge grid.
const MAX_SPAN: usize = 100;
/// The most columns a row may have.
const MAX_COLS: usize = 256;

/// Reads every table of an HTML fragment into one grid (tables one after another, a blank row between),
/// with the merged ranges, within the bounds of [`super::limits`]. `Ok(None)` when the HTML holds no
/// table cell.
pub fn parse(html: &str) -> Result<Option<(Grid, Vec<Merge>)>, ReadError> {
    let mut table = Table::default();
    let mut skip_until: Option<&'static str> = None;
    for token in tokens(html) {
        if let Some(end) = skip_until {
            if matches!(token, Token::Tag { name, closing: true, .. } if name == end) {
                skip_until = None;
            }
            continue;
        }
        match token {
            Token::Text(text) => {
                if let Some(cell) = &mut table.cell {
                    // Line breaks in the source are white space; only `<br>` and block ends break lines.
                    decode_into(&text.replace(['\n', '\r', '\t'], " "), &mut cell.content);
                }
            }
            Token::Tag { name, closing, attrs } => match (name.as_str(), closing) {
                ("script", false) => skip_until = Some("script"),
                ("style", false) => skip_until = Some("style"),
                ("table", false) => {
                    if table.rows > 0 {
                        table.rows += 1;
                    }
                    table.covered.clear();
                }
                ("tr", false) => {
                    table.end_row()?;
                    table.open = true;
                    table.col = 0;
                }
                ("tr", true) | ("table", true) => {
                    table.end_row()?;
                    if name == "table" {
                        table.covered.clear();
                    }
                }
                ("td" | "th", false) => {
                    table.end_cell()?;
                    if !table.open {
                        table.open = true;
                        table.col = 0;
                    }
                    let span = |key: &str| {
                        attr(attrs, key).and_then(|v| v.trim().parse::<usize>().ok()).unwrap_or(1).clamp(1, MAX_SPAN)
                    };
                    let ignore_colspan =
                        attr(attrs, "style").is_some_and(|s| s.replace(' ', "").contains("mso-ignore:colspan"));
                    table.cell = Some(Cell {
                        content: String::new(),
                        rowspan: span("rowspan"),
                        colspan: span("colspan"),
                        ignore_colspan,
                    });
                    table.found = true;
                }
                ("td" | "th", true) => table.end_cell()?,
                ("br", _) | ("p" | "div" | "li", true) => {
                    if let Some(cell) = &mut table.cell {
                        cell.content.push('\n');
                    }
                }
                _ => {}
            },
        }
    }
    table.end_row()?;
    Ok(table.found.then(|| table.cells.finish()))
}

/// A cell being read: its text, its spans, and whether its colspan is Excel's overflow, no merge.
struct Cell {
    content: String,
    rowspan: usize,
    colspan: usize,
    ignore_colspan: bool,
}

/// The tables read so far and where the reading stands in the current one.
#[derive(Default)]
struct Table {
    cells: Cells,
    /// Rows read (of all tables, with the blank rows between).
    rows: usize,
    /// Whether a row is open, and its next column.
    open: bool,
    col: usize,
    /// Columns of the current table taken by rowspans from above: rows still covered, by column.
    covered: Vec<usize>,
    cell: Option<Cell>,
    found: bool,
}

impl Table {
    /// Ends the current row, if one is open: the rows still covered by spans from above drop by one.
    fn end_row(&mut self) -> Result<(), ReadError> {
        self.end_cell()?;
        if std::mem::take(&mut self.open) {
            self.rows += 1;
            self.cells.reach(self.rows)?;
            for c in &mut self.covered {
                *c = c.saturating_sub(1);
            }
        }
        Ok(())
    }

    /// Places a finished cell in its row: past the columns taken by rowspans from above, its text in
    /// the first column; the cells its span covers stay empty.
    fn end_cell(&mut self) -> Result<(), ReadError> {
        let Some(cell) = self.cell.take() else { return Ok(()) };
        self.open = true;
        while self.covered.get(self.col).is_some_and(|&n| n > 0) {
            self.col += 1;
        }
        if self.col >= MAX_COLS {
            return Ok(());
        }
        let col = self.col;
        let colspan = cell.colspan.min(MAX_COLS - col);
        self.cells.put(self.rows, col, &tidy(&cell.content))?;
        if self.covered.len() < col + colspan {
            self.covered.resize(col + colspan, 0);
        }
        for c in &mut self.covered[col..col + colspan] {
            // The current row is counted too: the count drops by one at the end of each row.
            *c = (*c).max(cell.rowspan);
        }
        let cols = if cell.ignore_colspan { 1 } else { colspan };
        self.cells.merge(Pos::new(self.rows, col), cell.rowspan, cols)?;
        self.col += colspan;
        Ok(())
    }
}

/// Collapses the white space HTML ignores, keeping the line breaks from `<br>` and block ends.
fn tidy(content: &str) -> String {
    let lines: Vec<String> = content
        .split('\n')
        .map(|line| {
            line.split(|c: char| c.is_whitespace() && c != '\u{3000}')
                .filter(|w| !w.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    lines.join("\n").trim_matches('\n').to_owned()
}

enum Token<'a> {
    Text(&'a str),
    Tag { name: String, closing: bool, attrs: &'a str },
}

/// Splits HTML into text runs and tags; comments and declarations are dropped.
fn tokens(html: &str) -> impl Iterator<Item = Token<'_>> {
    let mut rest = html;
    std::iter::from_fn(move || loop {
        if rest.is_empty() {
            return None;
        }
        let Some(lt) = rest.find('<') else {
            let text = rest;
            rest = "";
            return Some(Token::Text(text));
        };
        if lt > 0 {
            let text = &rest[..lt];
            rest = &rest[lt..];
            return Some(Token::Text(text));
        }
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map_or("", |end| &after[end + 3..]);
            continue;
        }
        let starts_tag = {
            let b = rest.as_bytes();
            let first = if b.get(1) == Some(&b'/') { b.get(2) } else { b.get(1) };
            first.is_some_and(|c| c.is_ascii_alphabetic() || *c == b'!' || *c == b'?')
        };
        if !starts_tag {
            // `a < b` in text: not a tag.
            rest = &rest[1..];
            return Some(Token::Text("<"));
        }
        let body_end = rest.find('>').unwrap_or(rest.len());
        let body = &rest[1..body_end];
        rest = rest.get(body_end + 1..).unwrap_or("");
        if body.starts_with('!') || body.starts_with('?') {
            continue;
        }
        let (closing, body) = match body.strip_prefix('/') {
            Some(b) => (true, b),
            None => (false, body),
        };
        let name_end = body.find(|c: char| c.is_whitespace() || c == '/').unwrap_or(body.len());
        let name = body[..name_end].to_ascii_lowercase();
        return Some(Token::Tag { name, closing, attrs: &body[name_end..] });
    })
}

/// The value of attribute `key` (quoted or not) in a tag's attribute text.
fn attr<'a>(attrs: &'a str, key: &str) -> Option<&'a str> {
    let lower = attrs.to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = lower[from..].find(key) {
        let start = from + i;
        let before_ok =
            start == 0 || !lower.as_bytes()[start - 1].is_ascii_alphanumeric() && lower.as_bytes()[start - 1] != b'-';
        let after = lower[start + key.len()..].trim_start();
        if before_ok && after.starts_with('=') {
            let value_start = attrs.len() - after.len() + 1;
            let value = attrs[value_start..].trim_start();
            return Some(match value.chars().next() {
                Some(q @ ('"' | '\'')) => value[1..].split(q).next().unwrap_or(""),
                _ => value.split(|c: char| c.is_whitespace() || c == '>').next().unwrap_or(""),
            });
        }
        from = start + key.len();
    }
    None
}

/// Appends text with its character references decoded (`&amp;`, `&nbsp;`, `&#8805;`, `&#x2265;`).
fn decode_into(text: &str, out: &mut String) {
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest[1..].find(|c: char| c == ';' || c == '&' || c.is_whitespace()).map(|e| e + 1);
        let decoded =
            end.filter(|&e| rest.as_bytes().get(e) == Some(&b';')).and_then(|e| Some((reference(&rest[1..e])?, e)));
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
}

fn reference(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(code).filter(|&c| c != '\0');
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        "ge" => '≥',
        "le" => '≤',
        "times" => '×',
        "divide" => '÷',
        "mdash" => '—',
        "ndash" => '–',
        "hellip" => '…',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid(html: &str) -> Vec<Vec<String>> {
        parse(html).unwrap().expect("a table").0.to_rows()
    }

    #[test]
    fn plain_table() {
        let g = grid("<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>");
        assert_eq!(g, vec![vec!["a", "b"], vec!["c"]]);
    }

    #[test]
    fn spans_leave_empty_cells_and_are_kept_as_merges() {
        let html = "<table>\
            <tr><td rowspan=2>产出指标</td><td>数量指标</td><td>x</td></tr>\
            <tr><td colspan=\"2\">y</td><td>z</td></tr>\
            <tr><td>w</td></tr></table>";
        let (g, merges) = parse(html).unwrap().unwrap();
        assert_eq!(g.to_rows(), vec![vec!["产出指标", "数量指标", "x"], vec!["", "y", "", "z"], vec!["w"]]);
        assert_eq!(
            merges,
            vec![Merge { at: Pos::new(0, 0), rows: 2, cols: 1 }, Merge { at: Pos::new(1, 1), rows: 1, cols: 2 }]
        );
    }

    #[test]
    fn excel_overflow_is_not_a_merge() {
        let html =
            "<table><tr><td colspan=3 style='mso-ignore:colspan'>财政项目支出绩效自评表</td><td>b</td></tr></table>";
        let (g, merges) = parse(html).unwrap().unwrap();
        assert_eq!(g.to_rows(), vec![vec!["财政项目支出绩效自评表", "", "", "b"]]);
        assert_eq!(merges, vec![]);
    }

    #[test]
    fn text_markup_and_references() {
        let g = grid("<table><tr><td>第一行<br>第二行</td><td>&ge;98&#37; &amp; &#x2265;1</td><td><p>a</p><p>b</p></td></tr></table>");
        assert_eq!(g, vec![vec!["第一行\n第二行", "≥98% & ≥1", "a\nb"]]);
        let g = grid("<table><tr><td>  a \n  b </td><td>x &unknown; y &amp</td><td>1 < 2</td></tr></table>");
        assert_eq!(g, vec![vec!["a b", "x &unknown; y &amp", "1 < 2"]]);
    }

    #[test]
    fn hostile_markup_is_text_or_nothing() {
        let html = "<table><tr><td><script>alert(1)</script>x<img src=x onerror=alert(1)>\
                    <a href='javascript:alert(1)'>y</a></td><style>td{}</style></tr></table>";
        assert_eq!(grid(html), vec![vec!["xy"]]);
        let g = grid("<table><tr><td>&lt;script&gt;alert(1)&lt;/script&gt;</td></tr></table>");
        assert_eq!(g, vec![vec!["<script>alert(1)</script>"]]);
    }

    #[test]
    fn several_tables_and_excel_clipboard_noise() {
        let html = "<html><head><style>.xl65{mso-number-format:\"0%\"}</style></head><body><!--StartFragment-->\
                    <table><tr><td>a</td></tr></table><table><tr><th>b</th></tr></table><!--EndFragment--></body></html>";
        assert_eq!(grid(html), vec![vec!["a"], vec![], vec!["b"]]);
        assert!(parse("<p>no table</p>").unwrap().is_none());
        assert!(parse("").unwrap().is_none());
    }

    #[test]
    fn huge_spans_are_clamped() {
        let (g, merges) =
            parse("<table><tr><td colspan=999999 rowspan=999999>a</td><td>b</td></tr></table>").unwrap().unwrap();
        assert_eq!(g.to_rows()[0].len(), MAX_SPAN + 1);
        assert_eq!(merges, vec![Merge { at: Pos::new(0, 0), rows: MAX_SPAN, cols: MAX_SPAN }]);
        let many = "<tr><td colspan=100>x</td></tr>".repeat(1000);
        let (g, _) = parse(&format!("<table>{many}</table>")).unwrap().unwrap();
        assert!(g.to_rows().iter().all(|r| r.len() == 1));
    }
}
