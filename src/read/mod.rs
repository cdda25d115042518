//! Grid → sheet models.
//!
//! Everything is found by its label, never by a fixed row or column: a sheet starts at its title line,
//! each block at its label (项目资金, 年度总体目标, 三级指标, 评分等级), each column at its header label.
//! Value cells may stand one column off their header (a merged label cell pasted as two): the offset
//! that puts the most values under their headers is taken, per block.

use crate::grid::{Grid, Pos};
use crate::model::*;
use std::borrow::Cow;

use crate::text::label_key;

/// Reads every sheet of a grid. A grid with no recognisable sheet gives none.
pub fn read(grid: &Grid) -> Vec<Sheet> {
    let rows: Vec<Vec<(usize, Cow<str>)>> = (0..grid.height())
        .map(|r| {
            grid.cells(r)
                .enumerate()
                .filter(|(_, text)| !text.trim().is_empty())
                .map(|(col, text)| (col, key_of(text)))
                .collect()
        })
        .collect();
    split(&rows).into_iter().map(|(start, end)| SheetReader::new(grid, &rows, start, end).read()).collect()
}

type Keys<'g> = [(usize, Cow<'g, str>)];

/// The longest cell, in bytes, that can be a label; longer cells are prose (goals, reasons) and get
/// the key [`PROSE`], so that no label is found inside a paragraph and long cells cost nothing here.
const MAX_LABEL_BYTES: usize = 120;
const PROSE: &str = "…";

fn key_of(text: &str) -> Cow<'_, str> {
    if text.len() > MAX_LABEL_BYTES {
        Cow::Borrowed(PROSE)
    } else {
        label_key(text)
    }
}

/// Whether a row holds a sheet title: a short cell naming the 自评表.
fn is_title(keys: &Keys) -> bool {
    keys.iter().any(|(_, k)| k.contains("自评表") && k.chars().count() <= 40)
}

/// Whether a row holds a label only a sheet has.
fn is_anchor(keys: &Keys) -> bool {
    keys.iter().any(|(_, k)| {
        k.starts_with("项目名称") || k.starts_with("项目资金") || k == "三级指标" || k.contains("年度资金总额")
    })
}

/// Row ranges of the sheets: each starts at a title line (or at the first anchor when titles are missing)
/// and ends before the next. A title with no sheet content before the next title joins that sheet.
fn split(rows: &[Vec<(usize, Cow<'_, str>)>]) -> Vec<(usize, usize)> {
    let Some(last) = rows.len().checked_sub(1) else { return Vec::new() };
    let mut starts: Vec<usize> = (0..rows.len()).filter(|&r| is_title(&rows[r])).collect();
    let first_anchor = (0..rows.len()).find(|&r| is_anchor(&rows[r]));
    match (starts.first(), first_anchor) {
        (_, None) if starts.is_empty() => return Vec::new(),
        (None, Some(a)) => starts.push(a),
        (Some(&t), Some(a)) if a < t => starts.insert(0, a),
        _ => {}
    }
    // A start whose range holds no anchor (a repeated title line) joins the next sheet.
    let mut merged: Vec<usize> = Vec::with_capacity(starts.len());
    let mut pending: Option<usize> = None;
    for (i, &s) in starts.iter().enumerate() {
        let end = starts.get(i + 1).copied().unwrap_or(rows.len());
        let start = pending.take().unwrap_or(s);
        if i + 1 == starts.len() || (s..end).any(|r| is_anchor(&rows[r])) {
            merged.push(start);
        } else {
            pending = Some(start);
        }
    }
    merged.iter().enumerate().map(|(i, &s)| (s, merged.get(i + 1).map_or(last, |&n| n - 1))).collect()
}

const HEADER_LABELS: &[(&str, HeaderField)] = &[
    ("项目名称", HeaderField::Project),
    ("主管部门", HeaderField::Department),
    ("主管单位", HeaderField::Department),
    ("实施单位", HeaderField::Implementer),
    ("项目单位", HeaderField::Implementer),
    ("预算单位", HeaderField::Implementer),
];

#[derive(Clone, Copy)]
enum HeaderField {
    Project,
    Department,
    Implementer,
}

/// Which block the rows being read belong to.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Phase {
    Top,
    Funds,
    Goals,
    Indicators,
}

struct SheetReader<'a> {
    grid: &'a Grid,
    rows: &'a [Vec<(usize, Cow<'a, str>)>],
    start: usize,
    end: usize,
    sheet: Sheet,
    funds_rows: Vec<usize>,
    goals_columns: (Option<usize>, Option<usize>),
    goal_rows: Vec<usize>,
    table_rows: Vec<usize>,
}

impl<'a> SheetReader<'a> {
    fn new(grid: &'a Grid, rows: &'a [Vec<(usize, Cow<'a, str>)>], start: usize, end: usize) -> Self {
        SheetReader {
            grid,
            rows,
            start,
            end,
            sheet: Sheet { rows: (start, end), ..Sheet::default() },
            funds_rows: Vec::new(),
            goals_columns: (None, None),
            goal_rows: Vec::new(),
            table_rows: Vec::new(),
        }
    }

    fn cell(&self, row: usize, col: usize) -> Cell {
        Cell { pos: Pos::new(row, col), text: self.grid.get(Pos::new(row, col)).trim().to_owned() }
    }

    fn read(mut self) -> Sheet {
        let mut phase = Phase::Top;
        let rows = self.rows;
        for (r, keys) in rows.iter().enumerate().take(self.end + 1).skip(self.start) {
            if keys.is_empty() {
                continue;
            }
            self.detect_family(keys);
            if self.sheet.title.is_none() && is_title(keys) {
                let col = keys.iter().find(|(_, k)| k.contains("自评表")).map_or(0, |(c, _)| *c);
                self.sheet.title = Some(self.cell(r, col));
            }
            if self.sheet.year.is_none() && matches!(phase, Phase::Top) {
                self.find_year(r, keys);
            }
            if keys.iter().any(|(_, k)| k.starts_with("项目资金")) {
                self.funds_header(r, keys);
                phase = Phase::Funds;
                continue;
            }
            if keys.iter().any(|(_, k)| k.contains("总体目标")) {
                self.goals_header(r, keys);
                phase = Phase::Goals;
                continue;
            }
            if is_indicator_header(keys) {
                self.indicator_header(r, keys);
                phase = Phase::Indicators;
                continue;
            }
            if let Some(&(col, _)) = keys.iter().find(|(_, k)| is_grade_label(k)) {
                self.sheet.grade = Some(self.field(r, col, keys));
                continue;
            }
            if self.header_fields(r, keys) {
                continue;
            }
            match phase {
                Phase::Top => {}
                Phase::Funds => self.funds_rows.push(r),
                Phase::Goals => self.goal_row(r, keys),
                Phase::Indicators => self.table_rows.push(r),
            }
        }
        self.build_funds();
        self.build_goals();
        self.build_indicators();
        self.sheet
    }

    fn detect_family(&mut self, keys: &Keys) {
        if self.sheet.family.is_some() {
            return;
        }
        for (_, k) in keys {
            if k == "指标性质" || k == "度量单位" || k.starts_with("预算执行情况(") || k.starts_with("绩效指标(")
            {
                self.sheet.family = Some(Family::Sichuan2023);
            } else if k.contains("20分*执行率") || k.contains("20分×执行率") {
                self.sheet.family = Some(Family::HubeiPre2021);
            }
        }
    }

    /// A year such as `(2023年度)` in a short cell above the funds block.
    fn find_year(&mut self, r: usize, keys: &Keys) {
        for (col, key) in keys {
            if key.chars().count() > 40 {
                continue;
            }
            if let Some(year) = year_in(key) {
                self.sheet.year = Some((year, self.cell(r, *col)));
                return;
            }
        }
    }

    /// Reads 项目名称 / 主管部门 / 实施单位 labels in a row; whether the row held any.
    fn header_fields(&mut self, r: usize, keys: &Keys) -> bool {
        let mut found = false;
        for &(col, ref key) in keys {
            let Some((label, field)) = HEADER_LABELS.iter().find(|(l, _)| key.starts_with(l)) else { continue };
            found = true;
            let rest = key[label.len()..].trim_start_matches(':');
            let value = if rest.is_empty() {
                self.field(r, col, keys)
            } else {
                // `项目名称：某项目` in one cell.
                let cell = self.cell(r, col);
                let text = cell.text.split_once([':', '：']).map_or("", |(_, v)| v).trim().to_owned();
                Field { label: cell.clone(), value: (!text.is_empty()).then_some(Cell { pos: cell.pos, text }) }
            };
            let slot = match field {
                HeaderField::Project => &mut self.sheet.header.project,
                HeaderField::Department => &mut self.sheet.header.department,
                HeaderField::Implementer => &mut self.sheet.header.implementer,
            };
            if slot.is_none() {
                *slot = Some(value);
            }
        }
        found
    }

    /// The label at `col` and the first non-empty cell to its right, unless that is another label. When
    /// nothing is written before the next label (or the row's end), the value is the blank cell right of
    /// the label: where it is to be written.
    fn field(&self, r: usize, col: usize, keys: &Keys) -> Field {
        let next = keys.iter().find(|(c, _)| *c > col);
        let value = match next {
            Some((c, k)) if !is_label(k) => Some(self.cell(r, *c)),
            Some((c, _)) if *c == col + 1 => None,
            _ => Some(self.cell(r, col + 1)),
        };
        Field { label: self.cell(r, col), value }
    }

    fn funds_header(&mut self, r: usize, keys: &Keys) {
        let (label_col, label_key) = keys.iter().find(|(_, k)| k.starts_with("项目资金")).cloned().unwrap_or_default();
        let unit = if label_key.contains("万元") {
            "万元"
        } else if label_key.contains("元") {
            "元"
        } else {
            "万元"
        };
        let mut columns = FundsRow {
            label: self.cell(r, label_col),
            initial: None,
            budget: None,
            executed: None,
            points: None,
            rate: None,
            score: None,
        };
        for &(col, ref key) in keys {
            let slot = if key.starts_with("得分") {
                &mut columns.score
            } else if key.contains("执行率") {
                &mut columns.rate
            } else if key.starts_with("年初预算") {
                &mut columns.initial
            } else if key.contains("执行数") {
                &mut columns.executed
            } else if key.contains("预算数") || key.starts_with("全年预算") || key.starts_with("调整后预算")
            {
                &mut columns.budget
            } else if key.starts_with("分值") || key.starts_with("分数") || key.starts_with("权重") {
                &mut columns.points
            } else {
                continue;
            };
            if slot.is_none() {
                *slot = Some(self.cell(r, col));
            }
        }
        if self.sheet.funds.is_none() {
            self.sheet.funds = Some(Funds { header: columns, unit: unit.to_owned(), total: None, parts: Vec::new() });
        }
    }

    fn build_funds(&mut self) {
        let Some(funds) = &self.sheet.funds else { return };
        let c = &funds.header;
        let value_cols: Vec<usize> = c.values().iter().filter_map(|c| col_of(c)).collect();
        let labelled: Vec<(usize, usize, FundsRowKind)> = self
            .funds_rows
            .iter()
            .filter_map(|&r| {
                let (col, key) = self.rows[r].iter().find(|(_, k)| !is_numberish(k))?;
                Some((r, *col, funds_row_kind(key)?))
            })
            .collect();
        let offset = best_offset(self.grid, labelled.iter().map(|&(r, col, _)| (r, col)), &value_cols, &[]);
        let at = |header: &Option<Cell>, r: usize, label_col: usize| {
            let col = shifted(col_of(header)?, offset)?;
            (col != label_col).then(|| self.cell(r, col))
        };
        let mut total = None;
        let mut parts = Vec::new();
        for &(r, label_col, kind) in &labelled {
            let row = FundsRow {
                label: self.cell(r, label_col),
                initial: at(&c.initial, r, label_col),
                budget: at(&c.budget, r, label_col),
                executed: at(&c.executed, r, label_col),
                points: at(&c.points, r, label_col),
                rate: at(&c.rate, r, label_col),
                score: at(&c.score, r, label_col),
            };
            match kind {
                FundsRowKind::Total if total.is_none() => total = Some(row),
                FundsRowKind::Total => {}
                FundsRowKind::Part => parts.push(row),
            }
        }
        if let Some(funds) = &mut self.sheet.funds {
            funds.total = total;
            funds.parts = parts;
        }
    }

    fn goals_header(&mut self, r: usize, keys: &Keys) {
        if self.sheet.goals.is_some() {
            return;
        }
        let col = keys.iter().find(|(_, k)| k.contains("总体目标")).map_or(0, |(c, _)| *c);
        self.sheet.goals = Some(Goals { label: self.cell(r, col), expected: None, actual: None });
        self.goal_columns(keys);
    }

    fn goal_columns(&mut self, keys: &Keys) -> bool {
        let expected = keys.iter().find(|(_, k)| k.starts_with("预期目标")).map(|(c, _)| *c);
        let actual = keys.iter().find(|(_, k)| k.starts_with("实际完成")).map(|(c, _)| *c);
        if expected.is_some() || actual.is_some() {
            self.goals_columns = (expected.or(self.goals_columns.0), actual.or(self.goals_columns.1));
            return true;
        }
        false
    }

    fn goal_row(&mut self, r: usize, keys: &Keys) {
        if !self.goal_columns(keys) {
            self.goal_rows.push(r);
        }
    }

    fn build_goals(&mut self) {
        let Some(goals) = &self.sheet.goals else { return };
        let label_col = goals.label.pos.col;
        let label_row = goals.label.pos.row;
        let (expected_col, actual_col) = self.goals_columns;
        let mut expected: Option<Cell> = None;
        let mut actual: Option<Cell> = None;
        for &r in &self.goal_rows {
            for &(col, _) in &self.rows[r] {
                if col == label_col && r == label_row {
                    continue;
                }
                let cell = self.cell(r, col);
                let slot = if actual_col.is_some_and(|a| col >= a) || (actual_col.is_none() && expected.is_some()) {
                    &mut actual
                } else {
                    &mut expected
                };
                match slot {
                    Some(existing) => {
                        existing.text.push('\n');
                        existing.text.push_str(&cell.text);
                    }
                    None => *slot = Some(cell),
                }
            }
        }
        // A blank goal points at the cell under its column label.
        let text_row = self.goal_rows.first().copied().unwrap_or(label_row + 1).min(self.end);
        let blank = |col: Option<usize>| col.map(|c| self.cell(text_row, c));
        let expected = expected.or_else(|| blank(expected_col));
        let actual = actual.or_else(|| blank(actual_col));
        if let Some(goals) = &mut self.sheet.goals {
            goals.expected = expected;
            goals.actual = actual;
        }
    }

    fn indicator_header(&mut self, r: usize, keys: &Keys) {
        if self.sheet.indicators.is_some() {
            return;
        }
        let mut columns = IndicatorColumns::default();
        for &(col, ref key) in keys {
            let slot = if key == "一级指标" {
                &mut columns.level1
            } else if key == "二级指标" {
                &mut columns.level2
            } else if key == "三级指标" {
                &mut columns.level3
            } else if key.contains("完成值") || key.starts_with("实际完成") || key == "实际值" {
                &mut columns.actual
            } else if key.contains("指标值") || key.contains("目标值") {
                &mut columns.target
            } else if key.starts_with("得分") {
                &mut columns.score
            } else if key.starts_with("分值") || key.starts_with("分数") || key.starts_with("权重") {
                &mut columns.weight
            } else if key.contains("原因") {
                &mut columns.reason
            } else {
                continue;
            };
            if slot.is_none() {
                *slot = Some(self.cell(r, col));
            }
        }
        // A 一级 header written as `-` (or anything else) is the column left of 二级指标.
        if columns.level1.is_none() {
            let left = col_of(&columns.level2).or(col_of(&columns.level3).map(|c| c.saturating_sub(1)));
            if let Some(col) = left.and_then(|c| c.checked_sub(1)) {
                columns.level1 = Some(self.cell(r, col));
            }
        }
        self.sheet.indicators = Some(Indicators { columns, rows: Vec::new() });
    }

    fn build_indicators(&mut self) {
        let Some(table) = &self.sheet.indicators else { return };
        let c = &table.columns;
        let label_cols: Vec<usize> = [&c.level1, &c.level2, &c.level3].iter().filter_map(|c| col_of(c)).collect();
        let value_cols: Vec<usize> =
            [&c.target, &c.actual, &c.weight, &c.score, &c.reason].iter().filter_map(|c| col_of(c)).collect();
        let rows = self.table_rows.iter().map(|&r| (r, usize::MAX));
        // 一级 and 二级 are blank on merged continuation rows; only 三级 is written on every row.
        // A shift never moves 三级 onto the 一级/二级 columns: in an unfilled table those are the only
        // written cells, and they are not indicator names.
        let parents: Vec<usize> = [&c.level1, &c.level2].iter().filter_map(|c| col_of(c)).collect();
        let label_offset =
            best_offset(self.grid, rows.clone(), &col_of(&c.level3).into_iter().collect::<Vec<_>>(), &parents);
        let shifted_labels: Vec<usize> = label_cols.iter().filter_map(|&c| shifted(c, label_offset)).collect();
        let value_offset = best_offset(self.grid, rows, &value_cols, &shifted_labels);
        let at = |header: &Option<Cell>, r: usize, offset: isize| Some(self.cell(r, shifted(col_of(header)?, offset)?));
        let mut indicators = Vec::new();
        let mut totals = None;
        let (mut level1, mut level2): (Option<Cell>, Option<Cell>) = (None, None);
        for &r in &self.table_rows {
            let l1 = at(&c.level1, r, label_offset);
            let l2 = at(&c.level2, r, label_offset);
            let row = Indicator {
                row: r,
                level1: None,
                level2: None,
                name: at(&c.level3, r, label_offset),
                target: at(&c.target, r, value_offset),
                actual: at(&c.actual, r, value_offset),
                weight: at(&c.weight, r, value_offset),
                score: at(&c.score, r, value_offset),
                reason: at(&c.reason, r, value_offset),
            };
            let blank = |cell: &Option<Cell>| cell.as_ref().is_none_or(Cell::is_blank);
            let labelled_total = self.rows[r].iter().any(|(_, k)| is_total_label(k));
            let unlabelled_total = blank(&l1)
                && blank(&l2)
                && blank(&row.name)
                && blank(&row.target)
                && blank(&row.actual)
                && (num(&row.weight).number().is_some() || num(&row.score).number().is_some());
            if labelled_total || unlabelled_total {
                totals = Some(Totals { row: r, weight: row.weight, score: row.score });
                break;
            }
            if let Some(cell) = l1.filter(|c| !c.is_blank()) {
                level1 = Some(cell);
                level2 = None;
            }
            if let Some(cell) = l2.filter(|c| !c.is_blank()) {
                level2 = Some(cell);
            }
            let says_something =
                [&row.name, &row.target, &row.actual, &row.weight, &row.score].iter().any(|c| !blank(c));
            if says_something {
                indicators.push(Indicator { level1: level1.clone(), level2: level2.clone(), ..row });
            }
        }
        self.sheet.totals = totals;
        if let Some(table) = &mut self.sheet.indicators {
            table.rows = indicators;
        }
    }
}

#[derive(Clone, Copy)]
enum FundsRowKind {
    Total,
    Part,
}

fn funds_row_kind(key: &str) -> Option<FundsRowKind> {
    if key.contains("资金总额") || key.starts_with("合计") || key == "总计" {
        Some(FundsRowKind::Total)
    } else if key.starts_with("其中") || ["财政拨款", "结转", "其他资金", "财政资金"].iter().any(|w| key.contains(w))
    {
        Some(FundsRowKind::Part)
    } else {
        None
    }
}

fn is_indicator_header(keys: &Keys) -> bool {
    let has = |label: &str| keys.iter().any(|(_, k)| k == label);
    has("三级指标") || (has("二级指标") && keys.iter().any(|(_, k)| k.starts_with("分值") || k.starts_with("得分")))
}

fn is_grade_label(key: &str) -> bool {
    ["评分等级", "绩效等级", "自评等级", "评价等级", "综合评级"].iter().any(|l| key.starts_with(l))
}

fn is_total_label(key: &str) -> bool {
    ["总分", "合计", "总计", "总得分"].iter().any(|l| key.starts_with(l))
}

/// Whether a key is one of the labels a value cell never holds.
fn is_label(key: &str) -> bool {
    HEADER_LABELS.iter().any(|(l, _)| key.starts_with(l)) || is_grade_label(key)
}

/// Whether a cell reads as a number or a dash rather than a row label.
fn is_numberish(key: &str) -> bool {
    !matches!(crate::value::parse_num(key), crate::value::Num::Invalid)
}

/// A four-digit year followed by 年, as in `(2023年度)`.
fn year_in(key: &str) -> Option<String> {
    let bytes = key.as_bytes();
    key.match_indices('年').find_map(|(i, _)| {
        let digits = bytes.get(i.checked_sub(4)?..i)?;
        let before = i.checked_sub(5).and_then(|b| bytes.get(b));
        (digits.iter().all(u8::is_ascii_digit) && !before.is_some_and(u8::is_ascii_digit))
            .then(|| String::from_utf8_lossy(digits).into_owned())
    })
}

fn col_of(cell: &Option<Cell>) -> Option<usize> {
    cell.as_ref().map(|c| c.pos.col)
}

fn shifted(col: usize, offset: isize) -> Option<usize> {
    col.checked_add_signed(offset)
}

/// The column offset (0, +1 or −1) that puts the most non-empty cells of `rows` under the header
/// columns `cols`; a row's own label column (the second of each pair) and the `labels` columns do not
/// count, since values never stand there. Ties keep 0.
fn best_offset(
    grid: &Grid,
    rows: impl Iterator<Item = (usize, usize)> + Clone,
    cols: &[usize],
    labels: &[usize],
) -> isize {
    let filled = |offset: isize| -> usize {
        rows.clone()
            .map(|(r, label_col)| {
                cols.iter()
                    .filter_map(|&c| shifted(c, offset))
                    .filter(|&c| c != label_col && !labels.contains(&c) && !grid.get(Pos::new(r, c)).trim().is_empty())
                    .count()
            })
            .sum()
    };
    let mut best = (0, filled(0));
    for offset in [1, -1] {
        let n = filled(offset);
        if n > best.1 {
            best = (offset, n);
        }
    }
    best.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sheets(text: &str) -> Vec<Sheet> {
        read(&Grid::parse(text, None))
    }

    #[test]
    fn years() {
        assert_eq!(year_in("(2023年度)").as_deref(), Some("2023"));
        assert_eq!(year_in("2021年度财政项目支出绩效自评表").as_deref(), Some("2021"));
        assert_eq!(year_in("12023年"), None);
        assert_eq!(year_in("年"), None);
        assert_eq!(year_in("第年"), None);
    }

    #[test]
    fn no_sheet_in_unrelated_text() {
        assert!(sheets("姓名\t年龄\n张三\t30").is_empty());
        assert!(sheets("").is_empty());
    }

    #[test]
    fn sheets_split_at_titles_and_repeated_titles_join() {
        let text =
            "财政项目支出绩效自评表\n项目名称\tA\n\n财政项目支出绩效自评表\n财政项目支出绩效自评表\n项目名称\tB\n";
        let got = sheets(text);
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].rows, (0, 2));
        assert_eq!(got[1].rows, (3, 5));
        assert_eq!(got[1].header.project.as_ref().unwrap().value.as_ref().unwrap().text, "B");
    }

    #[test]
    fn a_sheet_without_title_is_read_from_its_first_label() {
        let got = sheets("说明\n项目名称\tX\n主管部门\t\t实施单位\tY");
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].rows, (1, 2));
        let h = &got[0].header;
        // Blank: the cell beside the label, where the value is to be written.
        let department = h.department.as_ref().unwrap().value.as_ref().unwrap();
        assert_eq!((department.pos, department.text.as_str()), (Pos::new(2, 1), ""));
        assert_eq!(h.implementer.as_ref().unwrap().value.as_ref().unwrap().text, "Y");
        // A label right beside a label has no cell for its value.
        let got = sheets("项目名称\t主管部门\tX");
        assert!(got[0].header.project.as_ref().unwrap().value.is_none());
    }

    #[test]
    fn header_value_in_the_label_cell() {
        let got = sheets("项目名称：某项目\t");
        assert_eq!(got[0].header.project.as_ref().unwrap().value.as_ref().unwrap().text, "某项目");
    }

    #[test]
    fn shifted_funds_values_align_by_header() {
        let text = "项目资金（万元）\t\t\t年初预算数\t全年预算数\t全年执行数\t分数\t执行率\t得分\t\n\
                    \t\t年度资金总额\t\t77.32\t77.32\t77.32\t10\t100\t10\n";
        let got = sheets(text);
        let funds = got[0].funds.as_ref().unwrap();
        let total = funds.total.as_ref().unwrap();
        assert_eq!(total.initial.as_ref().unwrap().text, "77.32");
        assert_eq!(total.score.as_ref().unwrap().text, "10");
        assert_eq!(total.score.as_ref().unwrap().pos.a1(), "J2");
        assert_eq!(funds.unit, "万元");
    }
}
