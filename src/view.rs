//! Sheet → the form as it is drawn: which cells show, which are merged, what kind each is, and what the
//! rules say a computed cell should hold.
//!
//! A clipboard's HTML carries its merged ranges and they are used as they are. Pasted text has lost them,
//! so they are inferred from the sheet model the way the official form draws its blocks: a block label
//! (`项目资金`, `年度总体目标`) spans the rows of its block, a 一级/二级 cell spans its continuation rows,
//! and outside the funds and indicator tables a blank run joins the text before it. A cell the model reads
//! is never covered, so every finding keeps a cell of its own and every value a place to be typed.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use crate::grid::Merge;
use crate::grid::{column_name, Grid, Pos};
use crate::model::{Role, Sheet};
use crate::report::SheetReport;

/// One sheet as drawn.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SheetView {
    /// The sheet's number, from 1 (as in the report).
    pub index: usize,
    /// First row drawn, from 0.
    pub first_row: usize,
    /// Last row drawn, from 0.
    pub last_row: usize,
    /// Columns drawn, from column 0: at most [`MAX_DRAWN_COLS`].
    pub width: usize,
    /// The columns' letters, as a spreadsheet heads them (`A`, `B`, …).
    pub columns: Vec<String>,
    /// The cells drawn, row by row; a cell covered by a merge is not listed.
    pub cells: Vec<ViewCell>,
}

/// A drawn cell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ViewCell {
    /// Row, from 0.
    pub row: usize,
    /// Column, from 0.
    pub col: usize,
    /// The cell's name, as findings give it (`G25`).
    pub name: String,
    /// What a screen reader calls the cell: its name and, for a value, the labels of its row and column
    /// (`G25 部门人员满意度 得分`); a cell with neither is `单元格 G25`.
    pub label: String,
    /// Rows spanned, at least 1.
    pub rows: usize,
    /// Columns spanned, at least 1.
    pub cols: usize,
    /// `title`, `label` or `value`.
    pub kind: &'static str,
    /// What the rules give for a stated score (a score, or a band such as `8–10`), shown beside it.
    pub rule: Option<String>,
    /// What the cell should hold by arithmetic or rule, offered while it is blank.
    pub fill: Option<String>,
}

/// The most columns a sheet is drawn with (Excel 97-2003's 256, column IV): a form is a dozen wide,
/// and a stray cell far to its right would otherwise make every row of the drawing as wide as the
/// sheet. Cells past it are checked but not drawn.
pub const MAX_DRAWN_COLS: usize = 256;

/// Draws one sheet of `grid`; `merges` are the input's own merged ranges (from HTML), if any.
pub fn view(grid: &Grid, sheet: &Sheet, report: &SheetReport, merges: &[Merge]) -> SheetView {
    let (first, last) = sheet.rows;
    let mut roles: HashMap<Pos, Role> = HashMap::new();
    for (cell, role) in sheet.cells() {
        roles.entry(cell.pos).or_insert(role);
    }
    // The goals block's column heads (预期目标, 实际完成情况) stand on its label's row.
    if let Some(goals) = &sheet.goals {
        let row = goals.label.pos.row;
        for (col, text) in grid.filled(row) {
            if !text.trim().is_empty() {
                roles.entry(Pos::new(row, col)).or_insert(Role::Label);
            }
        }
    }
    let (rule, fill) = computed(sheet, report);
    // An indicator row's name (三级指标), which names its values where no label stands in the row.
    let names: HashMap<usize, Pos> = sheet
        .indicators
        .iter()
        .flat_map(|t| &t.rows)
        .filter_map(|i| i.name.as_ref().map(|c| (c.pos.row, c.pos)))
        .collect();

    let own: Vec<Merge> = merges.iter().copied().filter(|m| (first..=last).contains(&m.at.row)).collect();
    let written = (first..=last)
        .filter_map(|r| grid.filled(r).filter(|(_, c)| !c.trim().is_empty()).last().map(|(c, _)| c))
        .max();
    let width = written
        .into_iter()
        .chain(roles.keys().chain(fill.keys()).map(|p| p.col))
        .chain(own.iter().map(|m| m.at.col + m.cols - 1))
        .max()
        .map_or(1, |c| c + 1)
        .min(MAX_DRAWN_COLS);
    let blank = |pos: Pos| grid.get(pos).trim().is_empty() && !roles.contains_key(&pos);
    let merges = if own.is_empty() { infer(sheet, width, &blank, &roles, grid) } else { own };

    let mut spans: HashMap<Pos, (usize, usize)> = HashMap::new();
    let mut covered: HashSet<Pos> = HashSet::new();
    for m in merges {
        let rows = m.rows.min(last + 1 - m.at.row).max(1);
        let cols = m.cols.min(width.saturating_sub(m.at.col)).max(1);
        let area: Vec<Pos> = (m.at.row..m.at.row + rows)
            .flat_map(|r| (m.at.col..m.at.col + cols).map(move |c| Pos::new(r, c)))
            .collect();
        if area.iter().any(|p| covered.contains(p) || spans.contains_key(p)) {
            continue;
        }
        covered.extend(area.into_iter().filter(|p| *p != m.at));
        spans.insert(m.at, (rows, cols));
    }
    let cells = (first..=last)
        .flat_map(|row| (0..width).map(move |col| Pos::new(row, col)))
        .filter(|pos| !covered.contains(pos))
        .map(|pos| {
            let (rows, cols) = spans.get(&pos).copied().unwrap_or((1, 1));
            let kind = match roles.get(&pos) {
                Some(Role::Title) => "title",
                Some(Role::Label) => "label",
                _ => "value",
            };
            ViewCell {
                row: pos.row,
                col: pos.col,
                name: pos.a1(),
                label: accessible_name(grid, pos, kind, &roles, &names, first),
                rows,
                cols,
                kind,
                rule: rule.get(&pos).cloned(),
                fill: fill.get(&pos).cloned(),
            }
        })
        .collect();
    let columns = (0..width).map(column_name).collect();
    SheetView { index: report.index, first_row: first, last_row: last, width, columns, cells }
}

/// The cell's accessible name: for a value, the nearest label left of it in its row (on an indicator row,
/// where no label stands, the row's own 三级指标) and the nearest label above it in its column.
fn accessible_name(
    grid: &Grid,
    pos: Pos,
    kind: &str,
    roles: &HashMap<Pos, Role>,
    names: &HashMap<usize, Pos>,
    first: usize,
) -> String {
    let name = pos.a1();
    if kind != "value" {
        return format!("单元格 {name}");
    }
    // The nearest label's words: a label that says nothing (`-`) still ends the search.
    let nearest = |mut cells: Box<dyn Iterator<Item = Pos>>| {
        cells.find(|p| roles.get(p) == Some(&Role::Label)).and_then(|p| short(grid.get(p)))
    };
    let row = nearest(Box::new((0..pos.col).rev().map(|c| Pos::new(pos.row, c))))
        .or_else(|| names.get(&pos.row).filter(|name| name.col < pos.col).and_then(|&name| short(grid.get(name))));
    let column = nearest(Box::new((first..pos.row).rev().map(|r| Pos::new(r, pos.col))));
    match [row, column].into_iter().flatten().collect::<Vec<_>>() {
        words if words.is_empty() => format!("单元格 {name}"),
        words => format!("{name} {}", words.join(" ")),
    }
}

/// A label's text for a name: spaces and line breaks folded, at most 16 characters; `None` when it has
/// no word to say (blank, or only a mark such as `-` for 一级指标).
fn short(text: &str) -> Option<String> {
    let folded: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let cut: String = folded.chars().take(16).collect();
    cut.chars().any(char::is_alphanumeric).then(|| if folded.chars().count() > 16 { format!("{cut}…") } else { cut })
}

/// The rule values beside stated scores, and the values blank computed cells should hold.
fn computed(sheet: &Sheet, report: &SheetReport) -> (HashMap<Pos, String>, HashMap<Pos, String>) {
    let mut rule = HashMap::new();
    let mut fill = HashMap::new();
    if let Some(total) = sheet.funds.as_ref().and_then(|f| f.total.as_ref()) {
        if let (Some(cell), Some(rate)) = (&total.rate, &report.budget.computed_rate) {
            fill.insert(cell.pos, format!("{rate}%"));
        }
        if let (Some(cell), Some(score)) = (&total.score, &report.budget.rule_score) {
            rule.insert(cell.pos, score.clone());
            fill.insert(cell.pos, score.clone());
        }
    }
    let rows = sheet.indicators.as_ref().map_or(&[][..], |t| &t.rows[..]);
    for (row, scored) in rows.iter().zip(&report.indicators) {
        let Some(cell) = &row.score else { continue };
        rule.insert(cell.pos, scored.band.clone().unwrap_or_else(|| scored.rule_score.clone()));
        if scored.band.is_none() && scored.judgement != "unknown" {
            fill.insert(cell.pos, scored.rule_score.clone());
        }
    }
    if let Some(totals) = &sheet.totals {
        if let Some(cell) = &totals.weight {
            fill.insert(cell.pos, report.totals.computed_weight.clone());
        }
        if let Some(cell) = &totals.score {
            rule.insert(cell.pos, report.totals.rule_score.clone());
            fill.insert(cell.pos, report.totals.computed_score.clone());
        }
    }
    if let Some(grade) = &sheet.grade {
        let pos = grade.value.as_ref().map_or(Pos::new(grade.label.pos.row, grade.label.pos.col + 1), |c| c.pos);
        rule.insert(pos, report.grade.by_rule.clone());
        fill.insert(pos, report.grade.computed.clone());
    }
    (rule, fill)
}

/// The merged ranges of the official form, inferred for a sheet pasted as text. `free` tells a cell that
/// is blank and read by nothing, which a merge may cover.
fn infer(
    sheet: &Sheet,
    width: usize,
    free: &dyn Fn(Pos) -> bool,
    roles: &HashMap<Pos, Role>,
    grid: &Grid,
) -> Vec<Merge> {
    let (first, last) = sheet.rows;
    let mut merges = Vec::new();
    // Rows inside the funds and indicator tables keep their cells apart.
    let mut table_rows: HashSet<usize> = HashSet::new();

    if let Some(funds) = &sheet.funds {
        let label = funds.header.label.pos;
        let rows = funds.total.iter().chain(&funds.parts);
        let end = rows.clone().map(|r| r.label.pos.row).max().unwrap_or(label.row);
        let right = rows.map(|r| r.label.pos.col).min().filter(|&c| c > label.col).unwrap_or(label.col + 1);
        merges.extend(block(label, end, right, free));
        table_rows.extend(label.row..=end);
    }
    if let Some(goals) = &sheet.goals {
        let label = goals.label.pos;
        let end = sheet.indicators.as_ref().and_then(header_row).map_or(last, |r| r.saturating_sub(1));
        merges.extend(block(label, end.max(label.row), label.col + 1, free));
    }
    if let Some(table) = &sheet.indicators {
        let head = header_row(table).unwrap_or(first);
        let end = sheet.totals.as_ref().map_or(last, |t| t.row.saturating_sub(1));
        let c = &table.columns;
        // The columns 一级/二级 are written in, which a shifted paste may move off their heads.
        let column = |inherited: Option<Pos>, head: Option<Pos>| inherited.or(head).map(|p| p.col);
        let first_row = table.rows.first();
        let l1 = column(first_row.and_then(|i| i.level1.as_ref()).map(|c| c.pos), c.level1.as_ref().map(|c| c.pos));
        let l2 = column(first_row.and_then(|i| i.level2.as_ref()).map(|c| c.pos), c.level2.as_ref().map(|c| c.pos));
        let rows = head + 1..=end.max(head);
        if let Some(l1) = l1 {
            merges.extend(runs_down(rows.clone(), l1, None, free));
        }
        if let Some(l2) = l2 {
            merges.extend(runs_down(rows.clone(), l2, l1, free));
        }
        table_rows.extend(rows);
    }
    let taken: HashSet<Pos> = merges.iter().flat_map(area).collect();
    for row in (first..=last).filter(|r| !table_rows.contains(r)) {
        let mut col = 0;
        while col < width {
            let start = col;
            while col < width && free(Pos::new(row, col)) && !taken.contains(&Pos::new(row, col)) {
                col += 1;
            }
            if col == start {
                col += 1;
                continue;
            }
            // A blank run [start, col): it joins the text or the (blank) value cell before it, not a label.
            let before = start.checked_sub(1).map(|c| Pos::new(row, c));
            let joins = before.filter(|p| match roles.get(p) {
                Some(Role::Label) => false,
                Some(_) => !taken.contains(p),
                None => !taken.contains(p) && !grid.get(*p).trim().is_empty(),
            });
            match joins {
                Some(at) => merges.push(Merge { at, rows: 1, cols: col - at.col }),
                None if col - start > 1 => merges.push(Merge { at: Pos::new(row, start), rows: 1, cols: col - start }),
                None => {}
            }
        }
    }
    merges
}

fn header_row(table: &crate::model::Indicators) -> Option<usize> {
    let c = &table.columns;
    [&c.level3, &c.level2, &c.level1, &c.score].iter().find_map(|c| c.as_ref()).map(|c| c.pos.row)
}

/// The cells a merge covers, its own included.
fn area(m: &Merge) -> impl Iterator<Item = Pos> {
    let m = *m;
    (m.at.row..m.at.row + m.rows).flat_map(move |r| (m.at.col..m.at.col + m.cols).map(move |c| Pos::new(r, c)))
}

/// A block label over the rows below it, down to `end`, and over the columns left of `right`, as far as
/// the cells it would cover are free.
fn block(label: Pos, end: usize, right: usize, free: &dyn Fn(Pos) -> bool) -> Option<Merge> {
    let cols = (label.col + 1..right).take_while(|&c| free(Pos::new(label.row, c))).count() + 1;
    let rows =
        (label.row + 1..=end).take_while(|&r| (label.col..label.col + cols).all(|c| free(Pos::new(r, c)))).count() + 1;
    (rows > 1 || cols > 1).then_some(Merge { at: label, rows, cols })
}

/// Each written cell of `col` over the free cells below it; a run also ends where the column `parent`
/// (二级's 一级) starts a new group.
fn runs_down(
    rows: std::ops::RangeInclusive<usize>,
    col: usize,
    parent: Option<usize>,
    free: &dyn Fn(Pos) -> bool,
) -> Vec<Merge> {
    let mut merges: Vec<Merge> = Vec::new();
    let mut open: Option<Merge> = None;
    for row in rows {
        let pos = Pos::new(row, col);
        let new_group = parent.is_some_and(|p| !free(Pos::new(row, p)));
        match &mut open {
            Some(m) if free(pos) && !new_group => m.rows += 1,
            _ => {
                merges.extend(open.take().filter(|m| m.rows > 1));
                open = (!free(pos)).then_some(Merge { at: pos, rows: 1, cols: 1 });
            }
        }
    }
    merges.extend(open.filter(|m| m.rows > 1));
    merges
}
