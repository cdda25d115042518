//! The form as the user corrected it, saved as a real Excel workbook (`.xlsx`, written by [`book`]).
//!
//! The first worksheet, 自评表, is the grid cell for cell at the same addresses (a finding's `G25` is
//! the workbook's G25), each sheet drawn as its form: merged cells (the input's own, else those the
//! form's layout implies), borders, labels shaded, wrapped text, column widths by content. Numbers are
//! written as numbers in a format that shows them exactly as they were written (`24.09` in `0.00`,
//! `98%` as 0.98 in `0%`), so that reading the workbook back gives the same text and the same report.
//! Every finding is a note on its cell, and the cell is filled by its severity. The second worksheet,
//! 问题清单, lists the findings.

mod book;

use std::collections::HashMap;

use book::{Align, Fill, Font, Number, Style, Value};

use crate::finding::{Finding, Severity};
use crate::grid::{Grid, Merge, Pos};
use crate::profile::Profile;

/// Columns are never narrower or wider than these, in characters.
const MIN_WIDTH: f64 = 6.0;
const MAX_WIDTH: f64 = 40.0;

/// The workbook's bytes for `grid` (with the input's `merges`) checked by `profile`; an error says why
/// the workbook could not be written, in Chinese.
pub fn xlsx(grid: &Grid, merges: &[Merge], profile: &Profile) -> Result<Vec<u8>, String> {
    let (report, views) = crate::check_form(grid, merges, profile);
    let mut form = book::Sheet::new("自评表");

    // What each cell is: its span, its role; covered cells are skipped.
    let mut spans: HashMap<Pos, (usize, usize, &str)> = HashMap::new();
    let mut covered = std::collections::HashSet::new();
    for view in &views {
        for cell in &view.cells {
            let at = Pos::new(cell.row, cell.col);
            spans.insert(at, (cell.rows, cell.cols, cell.kind));
            for r in cell.row..cell.row + cell.rows {
                for c in cell.col..cell.col + cell.cols {
                    if (r, c) != (cell.row, cell.col) {
                        covered.insert(Pos::new(r, c));
                    }
                }
            }
        }
    }
    let findings: Vec<&Finding> =
        report.findings.iter().chain(report.sheets.iter().flat_map(|s| s.findings.iter())).collect();
    let mut by_cell: HashMap<Pos, Vec<&Finding>> = HashMap::new();
    for f in &findings {
        // Findings count rows and columns from 1.
        if let (Some(row), Some(col)) = (f.row, f.col) {
            by_cell.entry(Pos::new(row.saturating_sub(1), col.saturating_sub(1))).or_default().push(f);
        }
    }

    let mut widths: Vec<f64> = Vec::new();
    let height = grid.height().max(by_cell.keys().map(|p| p.row + 1).max().unwrap_or(0));
    for row in 0..height {
        // A blank row inside a form (between the title and the year) is left blank, not boxed.
        let blank_row = grid.filled(row).all(|(_, c)| c.trim().is_empty());
        let width = grid.width(row).max(by_cell.keys().filter(|p| p.row == row).map(|p| p.col + 1).max().unwrap_or(0));
        for col in 0..width {
            let at = Pos::new(row, col);
            if covered.contains(&at) {
                continue;
            }
            let text = grid.get(at);
            let (rows, cols, kind) = spans.get(&at).copied().unwrap_or((1, 1, ""));
            let worst = by_cell.get(&at).and_then(|fs| fs.iter().map(|f| f.severity).min_by_key(|s| rank(*s)));
            if text.is_empty() && worst.is_none() && (kind.is_empty() || blank_row) {
                continue;
            }
            let number = as_number(text);
            let style = style(kind, worst, number.as_ref().map(|(_, n)| *n));
            if rows > 1 || cols > 1 {
                form.merge(row, col, rows, cols, style);
            }
            let value = match number {
                Some((value, _)) => Value::Number(value),
                None if text.is_empty() => Value::Blank,
                None => Value::Text(text.to_owned()),
            };
            form.cell(row, col, value, style);
            if let Some(fs) = by_cell.get(&at) {
                let note: Vec<String> = fs.iter().map(|f| note_line(f)).collect();
                form.note(row, col, note.join("\n"));
            }
            if cols == 1 && kind != "title" {
                if widths.len() <= col {
                    widths.resize(col + 1, MIN_WIDTH);
                }
                widths[col] = widths[col].max(display_width(text));
            }
        }
    }
    for (col, width) in widths.iter().enumerate() {
        form.width(col, width.clamp(MIN_WIDTH, MAX_WIDTH));
    }
    book::write(&[form, list(&report)]).map_err(|e| format!("无法生成 Excel 文件：{e}"))
}

/// A batch's summary (rows under [`crate::report::SUMMARY_HEADER`], as `Report::summary_rows` gives
/// them) as a workbook of one worksheet: scores and counts as numbers, the header frozen.
pub fn summary_xlsx(rows: &[Vec<String>]) -> Result<Vec<u8>, String> {
    let mut sheet = book::Sheet::new("汇总");
    sheet.frozen_header = true;
    let head = Style { font: Font::Bold, border: true, fill: Fill::Label, align: Align::Center, ..Style::default() };
    let widths = [28.0, 5.0, 28.0, 24.0, 9.0, 9.0, 8.0, 8.0, 6.0, 6.0, 6.0, 40.0];
    for (col, (name, width)) in crate::report::SUMMARY_HEADER.iter().zip(widths).enumerate() {
        sheet.cell(0, col, Value::Text((*name).to_owned()), head);
        sheet.width(col, width);
    }
    for (r, row) in rows.iter().enumerate() {
        for (col, text) in row.iter().enumerate() {
            let number =
                if col == 1 || (4..=5).contains(&col) || (8..=10).contains(&col) { as_number(text) } else { None };
            let style =
                Style { border: true, wrap: col == 11, number: number.as_ref().map(|(_, n)| *n), ..Style::default() };
            let value = match number {
                Some((v, _)) => Value::Number(v),
                None => Value::Text(text.clone()),
            };
            sheet.cell(r + 1, col, value, style);
        }
    }
    book::write(&[sheet]).map_err(|e| format!("无法生成 Excel 文件：{e}"))
}

/// Errors first.
fn rank(severity: Severity) -> u8 {
    match severity {
        Severity::Error => 0,
        Severity::Warning => 1,
        Severity::Info => 2,
    }
}

fn note_line(f: &Finding) -> String {
    let expected = f.expected.as_ref().map(|e| format!("（应为 {e}）")).unwrap_or_default();
    format!("【{}】{} {}{}", f.severity.label(), f.code, f.message, expected)
}

/// A cell's style: its role in the form (title, label, value, or outside any form), its worst
/// finding's fill, and its number format when it holds a number.
fn style(kind: &str, worst: Option<Severity>, number: Option<Number>) -> Style {
    let mut style = match kind {
        "title" => Style { font: Font::Title, align: Align::Center, ..Style::default() },
        "label" => Style {
            font: Font::Bold,
            align: Align::Center,
            wrap: true,
            border: true,
            fill: Fill::Label,
            ..Style::default()
        },
        "value" => Style { wrap: true, border: true, ..Style::default() },
        _ => Style::default(),
    };
    if number.is_some() {
        style.number = number;
        style.align = Align::Right;
    }
    style.fill = match worst {
        Some(Severity::Error) => Fill::Error,
        Some(Severity::Warning) => Fill::Warning,
        Some(Severity::Info) => Fill::Info,
        None => style.fill,
    };
    style
}

/// A cell written as a plain number (`24.09`, `-3`, `98%`, `19.00%`): the number the workbook stores
/// (as decimal text: `0.98` for `98%`) and the format that shows it as written. Text that only looks
/// like a number stays text: a leading zero (`007`), more digits than a spreadsheet keeps (a 项目编码),
/// a sign other than `-`.
fn as_number(text: &str) -> Option<(String, Number)> {
    let (digits, percent) = match text.strip_suffix('%') {
        Some(d) => (d, true),
        None => (text, false),
    };
    let unsigned = digits.strip_prefix('-').unwrap_or(digits);
    let (int, frac) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let plain = !int.is_empty()
        && int.bytes().all(|b| b.is_ascii_digit())
        && frac.bytes().all(|b| b.is_ascii_digit())
        && (int == "0" || !int.starts_with('0'))
        && !(unsigned.contains('.') && frac.is_empty())
        && int.len() + frac.len() <= 15;
    if !plain {
        return None;
    }
    let mut value = rust_decimal::Decimal::from_str_exact(digits).ok()?;
    if percent {
        value /= rust_decimal::Decimal::ONE_HUNDRED;
    }
    Some((value.normalize().to_string(), Number { decimals: frac.len() as u8, percent }))
}

/// How wide text shows, in characters of the default font: a Chinese character is two.
fn display_width(text: &str) -> f64 {
    let longest =
        text.lines().map(|l| l.chars().map(|c| if c.is_ascii() { 1.0 } else { 2.0 }).sum::<f64>()).fold(0.0, f64::max);
    longest + 2.0
}

/// The second worksheet: every finding, one a row.
fn list(report: &crate::Report) -> book::Sheet {
    let mut sheet = book::Sheet::new("问题清单");
    sheet.frozen_header = true;
    let head = Style { font: Font::Bold, border: true, fill: Fill::Label, ..Style::default() };
    let body = Style { wrap: true, border: true, ..Style::default() };
    let columns = [
        ("表", 6.0),
        ("项目名称", 24.0),
        ("单元格", 8.0),
        ("级别", 6.0),
        ("代码", 7.0),
        ("问题", 60.0),
        ("应为", 12.0),
        ("依据", 40.0),
    ];
    for (col, (name, width)) in columns.iter().enumerate() {
        sheet.cell(0, col, Value::Text((*name).to_owned()), head);
        sheet.width(col, *width);
    }
    let outside = report.findings.iter().map(|f| (None, f));
    let inside = report.sheets.iter().flat_map(|s| s.findings.iter().map(move |f| (Some(s), f)));
    for (i, (sheet_report, f)) in outside.chain(inside).enumerate() {
        let cells = [
            sheet_report.map(|s| s.index.to_string()).unwrap_or_default(),
            sheet_report.and_then(|s| s.project_name.clone()).unwrap_or_default(),
            f.cell.clone().unwrap_or_default(),
            f.severity.label().to_owned(),
            f.code.to_owned(),
            f.message.clone(),
            f.expected.clone().unwrap_or_default(),
            f.basis.to_owned(),
        ];
        for (col, text) in cells.into_iter().enumerate() {
            sheet.cell(i + 1, col, Value::Text(text), body);
        }
    }
    sheet
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_keep_how_they_were_written() {
        let shown = |text| as_number(text).map(|(v, n)| (v, n.code()));
        assert_eq!(shown("24.09"), Some(("24.09".to_owned(), "0.00".to_owned())));
        assert_eq!(shown("0.00"), Some(("0".to_owned(), "0.00".to_owned())));
        assert_eq!(shown("98%"), Some(("0.98".to_owned(), "0%".to_owned())));
        assert_eq!(shown("19.00%"), Some(("0.19".to_owned(), "0.00%".to_owned())));
        assert_eq!(shown("-3"), Some(("-3".to_owned(), "0".to_owned())));
        for text in ["007", "=100%", "≥98%", "1份", "", "1.", ".5", "5101002023000100001", "+3", "1e5", "-"] {
            assert_eq!(as_number(text), None, "{text}");
        }
    }
}
