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

use crate::grid::{Grid, Merge, Pos};

/// The largest span honoured; a bigger `rowspan`/`colspan` is clamped, so a hostile value cannot make a
/// huge grid.
const MAX_SPAN: usize = 100;
/// The most columns a row may have.
const MAX_COLS: usize = 256;

/// Reads every table of an HTML fragment into one grid (tables one after another, a blank row between),
/// with the merged ranges. `None` when the HTML holds no table cell.
pub fn parse(html: &str) -> Option<(Grid, Vec<Merge>)> {
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut merges = Vec::new();
    // Columns of the current table taken by rowspans from above: (column, rows still covered).
    let mut covered: Vec<usize> = Vec::new();
    let mut row: Option<Vec<String>> = None;
    let mut cell: Option<(String, usize, usize, bool)> = None;
    let mut col = 0;
    let mut skip_until: Option<&'static str> = None;
    let mut found = false;

    for token in tokens(html) {
        if let Some(end) = skip_until {
            if matches!(token, Token::Tag { name, closing: true, .. } if name == end) {
                skip_until = None;
            }
            continue;
        }
        match token {
            Token::Text(text) => {
                if let Some((content, ..)) = &mut cell {
                    // Line breaks in the source are white space; only `<br>` and block ends break lines.
                    decode_into(&text.replace(['\n', '\r', '\t'], " "), content);
                }
            }
            Token::Tag { name, closing, attrs } => match (name.as_str(), closing) {
                ("script", false) => skip_until = Some("script"),
                ("style", false) => skip_until = Some("style"),
                ("table", false) => {
                    if !rows.is_empty() {
                        rows.push(Vec::new());
                    }
                    covered.clear();
                }
                ("tr", false) => {
                    finish_cell(&mut cell, &mut row, &mut merges, &mut covered, rows.len(), &mut col);
                    end_row(&mut row, &mut rows, &mut covered);
                    row = Some(Vec::new());
                    col = 0;
                }
                ("tr", true) | ("table", true) => {
                    finish_cell(&mut cell, &mut row, &mut merges, &mut covered, rows.len(), &mut col);
                    end_row(&mut row, &mut rows, &mut covered);
                    if name == "table" {
                        covered.clear();
                    }
                }
                ("td" | "th", false) => {
                    finish_cell(&mut cell, &mut row, &mut merges, &mut covered, rows.len(), &mut col);
                    if row.is_none() {
                        row = Some(Vec::new());
                        col = 0;
                    }
                    let span = |key: &str| {
                        attr(attrs, key).and_then(|v| v.trim().parse::<usize>().ok()).unwrap_or(1).clamp(1, MAX_SPAN)
                    };
                    let ignore_colspan =
                        attr(attrs, "style").is_some_and(|s| s.replace(' ', "").contains("mso-ignore:colspan"));
                    cell = Some((String::new(), span("rowspan"), span("colspan"), ignore_colspan));
                    found = true;
                }
                ("td" | "th", true) => {
                    finish_cell(&mut cell, &mut row, &mut merges, &mut covered, rows.len(), &mut col);
                }
                ("br", _) => {
                    if let Some((content, ..)) = &mut cell {
                        content.push('\n');
                    }
                }
                ("p" | "div" | "li", true) => {
                    if let Some((content, ..)) = &mut cell {
                        content.push('\n');
                    }
                }
                _ => {}
            },
        }
    }
    finish_cell(&mut cell, &mut row, &mut merges, &mut covered, rows.len(), &mut col);
    end_row(&mut row, &mut rows, &mut covered);
    found.then(|| (Grid::from_rows(&rows), merges))
}

/// Ends the current row, if one is open: it joins the grid, and the rows still covered by spans from
/// above drop by one.
fn end_row(row: &mut Option<Vec<String>>, rows: &mut Vec<Vec<String>>, covered: &mut [usize]) {
    if let Some(r) = row.take() {
        rows.push(r);
        for c in covered.iter_mut() {
            *c = c.saturating_sub(1);
        }
    }
}

/// Places a finished cell in its row: past the columns taken by rowspans from above, its text in the
/// first column, empty cells in the rest of its span.
fn finish_cell(
    cell: &mut Option<(String, usize, usize, bool)>,
    row: &mut Option<Vec<String>>,
    merges: &mut Vec<Merge>,
    covered: &mut Vec<usize>,
    row_index: usize,
    col: &mut usize,
) {
    let Some((content, rowspan, colspan, ignore_colspan)) = cell.take() else { return };
    let row = row.get_or_insert_with(Vec::new);
    while covered.get(*col).is_some_and(|&n| n > 0) {
        *col += 1;
    }
    if *col >= MAX_COLS {
        return;
    }
    let colspan = colspan.min(MAX_COLS - *col);
    let text = tidy(&content);
    if row.len() < *col {
        row.resize(*col, String::new());
    }
    // The cells a span covers are padded in only when a later cell needs them, so a hostile span
    // cannot make a huge grid.
    row.push(text);
    if covered.len() < *col + colspan {
        covered.resize(*col + colspan, 0);
    }
    for c in &mut covered[*col..*col + colspan] {
        // The current row is counted too: the count drops by one at the end of each row.
        *c = (*c).max(rowspan);
    }
    let cols = if ignore_colspan { 1 } else { colspan };
    if rowspan > 1 || cols > 1 {
        merges.push(Merge { at: Pos::new(row_index, *col), rows: rowspan, cols });
    }
    *col += colspan;
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
        parse(html).expect("a table").0.to_rows()
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
        let (g, merges) = parse(html).unwrap();
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
        let (g, merges) = parse(html).unwrap();
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
        assert!(parse("<p>no table</p>").is_none());
        assert!(parse("").is_none());
    }

    #[test]
    fn huge_spans_are_clamped() {
        let (g, merges) = parse("<table><tr><td colspan=999999 rowspan=999999>a</td><td>b</td></tr></table>").unwrap();
        assert_eq!(g.to_rows()[0].len(), MAX_SPAN + 1);
        assert_eq!(merges, vec![Merge { at: Pos::new(0, 0), rows: MAX_SPAN, cols: MAX_SPAN }]);
        let many = "<tr><td colspan=100>x</td></tr>".repeat(1000);
        let (g, _) = parse(&format!("<table>{many}</table>")).unwrap();
        assert!(g.to_rows().iter().all(|r| r.len() == 1));
    }
}
