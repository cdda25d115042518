//! Grid → sheet models.
//!
//! Everything is found by its label, never by a fixed row or column: a sheet starts at its title line,
//! each block at its label (项目资金 / 预算执行情况 / 年度预算申请, 年度总体目标, 三级指标, 评分等级), each
//! column at its header label. Value cells may stand one column off their header (a merged label cell
//! pasted as two): the offset that leaves no value outside a column is taken, per block.
//!
//! One file per block (`header`, `funds`, `goals`, `indicators`) reads its rows into the model; the
//! published layout families and what each requires are data in [`family`].

pub mod family;
mod funds;
mod goals;
mod header;
mod indicators;

use std::borrow::Cow;

use crate::grid::{Grid, Pos};
use crate::model::*;
use crate::text::{has, is_blank, label_key};

/// Reads every sheet of a grid. A grid with no recognisable sheet gives none.
pub fn read(grid: &Grid) -> Vec<Sheet> {
    read_all(grid).0
}

/// Reads every sheet of a grid, and names the other forms it holds (a workbook from a budget system
/// has 绩效目标申报表, 监控表 and the like beside the 自评表): their title cells, which are not read.
pub fn read_all(grid: &Grid) -> (Vec<Sheet>, Vec<Cell>) {
    let (sheets, others) = read_lazily(grid);
    (sheets.collect(), others)
}

/// The sheets of a grid, each read when asked for, and the other forms' titles. Only the rows of the
/// sheet being read have their label keys at a time, so a paste of thousands of sheets is read in the
/// memory of one.
pub fn read_lazily(grid: &Grid) -> (Sheets<'_>, Vec<Cell>) {
    // What each row is, for the split: a title, another form's title, an anchor of some kind.
    // One vector of keys serves every row in turn.
    let mut keys = Vec::new();
    let flags: Vec<RowFlags> = (0..grid.height())
        .map(|r| {
            keys.clear();
            keys.extend(row_keys(grid, r));
            RowFlags::of(&keys)
        })
        .collect();
    // Each part of the grid (a worksheet) is split on its own: no form spans two.
    let mut bounds: Vec<usize> = std::iter::once(0).chain(grid.breaks().iter().copied()).collect();
    bounds.push(flags.len());
    let (mut ranges, mut others) = (Vec::new(), Vec::new());
    for part in bounds.windows(2).filter(|w| w[0] < w[1]) {
        let (r, o) = split(&flags[part[0]..part[1]]);
        ranges.extend(r.into_iter().map(|(s, e)| (s + part[0], e + part[0])));
        others.extend(o.into_iter().map(|r| r + part[0]));
    }
    let others = others
        .into_iter()
        .filter_map(|r| {
            let &(col, _) = keys_of(grid, r).iter().find(|(_, k)| names_other_form(k))?;
            let pos = Pos::new(r, col);
            Some(Cell::new(pos, grid.get(pos).trim()))
        })
        .collect();
    (Sheets { grid, ranges, next: 0 }, others)
}

/// The label keys of one row's written cells, with their columns.
fn keys_of(grid: &Grid, r: usize) -> Vec<(usize, Cow<'_, str>)> {
    row_keys(grid, r).collect()
}

/// [`keys_of`] as they come, for a caller that keeps them in a vector of its own.
fn row_keys(grid: &Grid, r: usize) -> impl Iterator<Item = (usize, Cow<'_, str>)> {
    grid.filled(r).filter(|(_, text)| !is_blank(text)).map(|(col, text)| (col, key_of(text)))
}

/// The sheets of a grid, read one at a time ([`read_lazily`]).
pub struct Sheets<'g> {
    grid: &'g Grid,
    ranges: Vec<(usize, usize)>,
    next: usize,
}

impl Sheets<'_> {
    /// The first and last row of each sheet, in order, read or not.
    pub fn ranges(&self) -> &[(usize, usize)] {
        &self.ranges
    }
}

impl Iterator for Sheets<'_> {
    type Item = Sheet;

    fn next(&mut self) -> Option<Sheet> {
        let &rows = self.ranges.get(self.next)?;
        self.next += 1;
        Some(read_sheet(self.grid, rows))
    }
}

/// Reads the sheet in `rows` (its first and last row), one of the ranges of [`Sheets::ranges`].
pub fn read_sheet(grid: &Grid, rows: (usize, usize)) -> Sheet {
    let keys = RowKeys { start: rows.0, rows: (rows.0..=rows.1).map(|r| keys_of(grid, r)).collect() };
    SheetReader::new(grid, &keys, rows.0, rows.1).read()
}

/// The label keys of one sheet's rows, by their row in the grid: only the sheet being read has its
/// keys, so a paste of thousands of sheets is read in the memory of one.
struct RowKeys<'g> {
    start: usize,
    rows: Vec<Vec<(usize, Cow<'g, str>)>>,
}

impl<'g> RowKeys<'g> {
    /// The keys of row `r`; none outside the sheet.
    fn row(&self, r: usize) -> &Keys<'g> {
        r.checked_sub(self.start).and_then(|i| self.rows.get(i)).map_or(&[], Vec::as_slice)
    }

    /// The keys of the sheet's rows after row `r`, in order.
    fn after(&self, r: usize) -> impl Iterator<Item = &Keys<'g>> {
        self.rows.iter().skip((r + 1).saturating_sub(self.start)).map(Vec::as_slice)
    }
}

/// What a row is, for splitting a grid into sheets.
#[derive(Clone, Copy, Default)]
struct RowFlags {
    title: bool,
    other: bool,
    anchor: Option<u8>,
    /// The row heads a column of scores (得分): what a self-evaluation has and other forms have not.
    scored: bool,
}

impl RowFlags {
    fn of(keys: &Keys) -> Self {
        let title = is_title(keys);
        let scored = keys.iter().any(|(_, k)| k.starts_with("得分") || k.starts_with("自评得分"));
        RowFlags { title, other: !title && is_other_title(keys), anchor: anchor_kind(keys), scored }
    }
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

/// Whether a row holds a sheet title: a short cell naming the 自评表 (`自评价表`, `自评情况表` too), on a
/// row of its own (at most one other cell, such as `附件2`): an indicator named `自评表报送及时性` stands
/// in a row of values and starts no sheet.
fn is_title(keys: &Keys) -> bool {
    keys.len() <= 2 && keys.iter().any(|(_, k)| names_self_evaluation(k) && k.chars().count() <= 40)
}

/// Whether a key names a self-evaluation form: 自评 … 表, or a title that ends in 自评 (`项目支出绩效
/// 自评`, `…绩效自评(2021年度)`: the form's name without its 表).
fn names_self_evaluation(key: &str) -> bool {
    key.find("自评").is_some_and(|i| key[i..].contains('表'))
        || (has(key, "绩效") && {
            let bare = crate::text::without_brackets(key);
            bare.ends_with("自评") && bare.chars().count() >= 6
        })
}

/// Whether a row holds the title of another form (项目支出绩效目标申报表, 绩效运行监控表, 评审报告): a
/// short cell on a row of its own that names a form of the budget's work (its words say 绩效, 项目, 预算,
/// 资金 or 支出, and it ends in 表 or 报告), not a sentence (no sentence punctuation, none of the words
/// that point at a table: `项目情况详见下表` is prose), and not a 自评表. Its rows up to the next title are that form's, not a 自评表's.
fn is_other_title(keys: &Keys) -> bool {
    keys.len() <= 2 && keys.iter().any(|(_, k)| names_other_form(k))
}

fn names_other_form(key: &str) -> bool {
    let key =
        key.trim_end_matches(['）', ')']).trim_start_matches(|c: char| c.is_ascii_digit() || "附件:：".contains(c));
    let chars = key.chars().count();
    (4..=40).contains(&chars)
        && (key.ends_with('表') || key.ends_with("报告"))
        && ["绩效", "项目", "预算", "资金", "支出"].iter().any(|w| has(key, w))
        && !key.contains(['，', ',', '。', '；', ';', '：', ':'])
        && !["见", "如下", "下表", "上表", "附表"].iter().any(|w| has(key, w))
        && !names_self_evaluation(key)
}

/// Which of a sheet's parts a row's label belongs to (a label only a sheet has): 0 the header (项目名称, 预算单位名称), 1 the funds
/// block, 2 the indicator table.
fn anchor_kind(keys: &Keys) -> Option<u8> {
    keys.iter().find_map(|(_, k)| {
        if k.starts_with("项目名称") || k.starts_with("预算单位名称") {
            Some(0)
        } else if funds::is_block_label(k) || has(k, "年度资金总额") {
            Some(1)
        } else if k == "三级指标" {
            Some(2)
        } else {
            None
        }
    })
}

/// Row ranges of the sheets, and the rows of other forms' titles. A sheet starts at a title line (or at
/// the first anchor when titles are missing) and ends before the next title of any form. A title with no
/// sheet content before the next title joins that sheet. The rows of another form are no sheet's.
fn split(rows: &[RowFlags]) -> (Vec<(usize, usize)>, Vec<usize>) {
    let titled: Vec<usize> = (0..rows.len()).filter(|&r| rows[r].title || rows[r].other).collect();
    // Another form's title over rows that score (a 得分 column) names a self-evaluation all the same
    // (a province may title it 项目支出绩效目标完成情况表): it starts a sheet.
    // The lists of rows are in order: the next one after a row is found by halving (a paste of
    // thousands of sheets has thousands of starts).
    let next = |list: &[usize], r: usize| list.get(list.partition_point(|&t| t <= r)).copied();
    let scores = |r: usize| {
        let end = next(&titled, r).unwrap_or(rows.len());
        (r..end).any(|i| rows[i].scored)
    };
    let others: Vec<usize> = (0..rows.len()).filter(|&r| rows[r].other && !scores(r)).collect();
    let mut starts: Vec<usize> = (0..rows.len()).filter(|&r| rows[r].title || (rows[r].other && scores(r))).collect();
    // Without a title, the first anchor starts a sheet where no other form's title stands above it and
    // a funds block or an indicator table follows: 项目名称 alone heads many tables (a worksheet listing
    // projects), those two only a 自评表.
    let untitled_end = starts.first().into_iter().chain(others.first()).copied().min().unwrap_or(rows.len());
    let first_anchor = (0..others.first().copied().unwrap_or(rows.len()))
        .find(|&r| rows[r].anchor.is_some())
        .filter(|&a| a >= untitled_end || (a..untitled_end).any(|r| rows[r].anchor.is_some_and(|k| k > 0)));
    match (starts.first(), first_anchor) {
        (_, None) if starts.is_empty() => return (Vec::new(), others),
        (None, Some(a)) => starts.push(a),
        (Some(&t), Some(a)) if a < t => starts.insert(0, a),
        _ => {}
    }
    // Where each sheet's rows end: before the next start of any form.
    let end_of = |s: usize| next(&starts, s).into_iter().chain(next(&others, s)).min().unwrap_or(rows.len());
    // A start whose range holds no anchor (a repeated title line) joins the next sheet, when the next
    // start is a sheet's.
    let mut ranges: Vec<(usize, usize)> = Vec::with_capacity(starts.len());
    let mut pending: Option<usize> = None;
    for (i, &s) in starts.iter().enumerate() {
        let end = end_of(s);
        let start = pending.take().unwrap_or(s);
        let joins_next = starts.get(i + 1) == Some(&end);
        if !joins_next || (s..end).any(|r| rows[r].anchor.is_some()) {
            ranges.push((start, end - 1));
        } else {
            pending = Some(start);
        }
    }
    (ranges, others)
}

/// Which block the rows being read belong to.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Phase {
    Top,
    Funds,
    Goals,
    Indicators,
}

/// Reads one sheet: walks its rows once, hands each to the block it belongs to, then builds the blocks.
struct SheetReader<'a> {
    grid: &'a Grid,
    rows: &'a RowKeys<'a>,
    start: usize,
    end: usize,
    sheet: Sheet,
    evidence: family::Evidence,
    funds_rows: Vec<usize>,
    /// Every column with a label in the funds block's header rows, whether the reader knows the label
    /// or not: a value under any of them stands in a column.
    funds_labelled: Vec<usize>,
    goals_columns: (Option<usize>, Option<usize>),
    goal_rows: Vec<usize>,
    table_rows: Vec<usize>,
    /// Likewise for the indicator table's header rows.
    table_labelled: Vec<usize>,
}

impl<'a> SheetReader<'a> {
    fn new(grid: &'a Grid, rows: &'a RowKeys<'a>, start: usize, end: usize) -> Self {
        SheetReader {
            grid,
            rows,
            start,
            end,
            sheet: Sheet { rows: (start, end), ..Sheet::default() },
            evidence: family::Evidence::default(),
            funds_rows: Vec::new(),
            funds_labelled: Vec::new(),
            goals_columns: (None, None),
            goal_rows: Vec::new(),
            table_rows: Vec::new(),
            table_labelled: Vec::new(),
        }
    }

    fn cell(&self, row: usize, col: usize) -> Cell {
        Cell::new(Pos::new(row, col), self.grid.get(Pos::new(row, col)).trim())
    }

    fn read(mut self) -> Sheet {
        let mut phase = Phase::Top;
        let rows = self.rows;
        for (r, keys) in (self.start..=self.end).map(|r| (r, rows.row(r))) {
            if keys.is_empty() {
                continue;
            }
            // In the indicator table only a row's label can tell a family (the rows under it: 偏差大或
            // 目标未完成原因分析, 评价结论); its cells are values and names.
            let labels = if phase == Phase::Indicators { &keys[..1] } else { keys };
            self.evidence.collect(self.grid, r, labels);
            if self.sheet.title.is_none() && is_title(keys) {
                let col = keys.iter().find(|(_, k)| names_self_evaluation(k)).map_or(0, |(c, _)| *c);
                self.sheet.title = Some(self.cell(r, col));
            }
            if self.sheet.year.is_none() && phase == Phase::Top {
                self.find_year(r, keys);
            }
            // A header row, or the second row of a two-row header, before any row of the table.
            if self.table_rows.is_empty() && indicators::is_header(keys) {
                self.indicator_header(r, keys);
                phase = Phase::Indicators;
                continue;
            }
            // The table's header again, under rows of it (a page break, a second block of the table
            // with its own points): no row of it.
            if phase == Phase::Indicators && indicators::is_header(keys) {
                self.indicator_block_label(r, keys);
                continue;
            }
            // A row with values in the indicator table's columns is one of its rows, whatever its
            // names say (`项目资金到位率`, `结果应用情况`, `总体目标完成率` are indicators, not blocks).
            if phase == Phase::Indicators && self.holds_table_values(r) {
                self.table_rows.push(r);
                continue;
            }
            let funds_label = keys.iter().find(|(_, k)| funds::is_block_label(k)).map(|(c, _)| *c);
            if let Some(col) = funds_label.filter(|_| self.sheet.funds.is_none() && self.opens_funds(r)) {
                self.funds_header(r, keys, col);
                phase = Phase::Funds;
                continue;
            }
            if phase == Phase::Funds && self.funds_columns(r, keys) {
                continue;
            }
            let goals_label = keys.iter().any(|(_, k)| goals::is_block_label(k));
            if goals_label && self.sheet.goals.is_none() && phase != Phase::Indicators {
                self.goals_header(r, keys);
                phase = Phase::Goals;
                continue;
            }
            if self.indicator_block_label(r, keys) {
                continue;
            }
            let first = keys.first().map(|(c, k)| (*c, k.as_ref()));
            if let Some(&(col, ref key)) = keys.iter().find(|(_, k)| is_grade_label(k)) {
                self.sheet.grade = Some(self.grade_field(r, col, key, keys));
                // `总分(100分) | 100 | 自评等级 | 优`: the totals and the grade on one row.
                if phase == Phase::Indicators && first.is_some_and(|(_, k)| indicators::is_total_label(k)) {
                    self.table_rows.push(r);
                }
                continue;
            }
            if let Some((col, key)) = first {
                if indicators::is_reasons_label(key) {
                    if self.sheet.reasons.is_none() {
                        self.sheet.reasons = Some(self.field(r, col, keys));
                    }
                    continue;
                }
                if is_closing_label(key) {
                    continue;
                }
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
        let (layout, evidence) = family::decide(&self.sheet, &self.evidence);
        self.sheet.layout = layout;
        self.sheet.evidence = evidence;
        self.sheet
    }

    /// Whether row `r` has something written under one of the indicator table's value columns.
    fn holds_table_values(&self, r: usize) -> bool {
        let Some(table) = &self.sheet.indicators else { return false };
        let c = &table.columns;
        [&c.nature, &c.target, &c.unit, &c.actual, &c.weight, &c.score, &c.coefficient, &c.adjusted]
            .iter()
            .filter_map(|cell| col_of(cell))
            .any(|col| !is_blank(self.grid.get(Pos::new(r, col))))
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
}

impl SheetReader<'_> {
    /// The grade's field: the cell beside its label, or, written in the label's own cell after a colon
    /// (`评分等级：优`), that cell with the words after the colon.
    fn grade_field(&self, r: usize, col: usize, key: &str, keys: &Keys) -> Field {
        match key.split_once(':').map(|(_, after)| after).filter(|after| !after.is_empty()) {
            Some(_) => {
                let cell = self.cell(r, col);
                let text = cell.text().split_once([':', '：']).map_or("", |(_, v)| v).trim().to_owned();
                Field { label: cell.clone(), value: Some(Cell::new(cell.pos, text)) }
            }
            None => self.field(r, col, keys),
        }
    }
}

fn is_grade_label(key: &str) -> bool {
    ["评分等级", "绩效等级", "自评等级", "评价等级", "综合评级", "自评结果等级"].iter().any(|l| key.starts_with(l))
}

/// Rows under the table that close a sheet without being part of it: conclusions, problems, measures,
/// signatures (Sichuan's 评价结论 / 存在问题 / 改进措施, the 20/80 family's 改进措施及结果应用方案).
fn is_closing_label(key: &str) -> bool {
    [
        "评价结论",
        "存在问题",
        "改进措施",
        "结果应用",
        "其他需要说明",
        "项目负责人",
        "财务负责人",
        "单位负责人",
        "填表人",
        "联系电话",
        "备注",
    ]
    .iter()
    .any(|l| key.starts_with(l))
}

/// Whether a key is one of the labels a value cell never holds.
fn is_label(key: &str) -> bool {
    header::is_label(key) || is_grade_label(key)
}

/// Whether a cell reads as a number or a dash rather than a row label.
fn is_numberish(key: &str) -> bool {
    !matches!(crate::value::parse_num(key), crate::value::Num::Invalid)
}

fn col_of(cell: &Option<Cell>) -> Option<usize> {
    cell.as_ref().map(|c| c.pos.col)
}

fn shifted(col: usize, offset: isize) -> Option<usize> {
    col.checked_add_signed(offset)
}

/// The column offset (0, +1 or −1) of a block's rows against its header's labelled columns `cols`. A
/// shift is taken only for a reason: at offset 0 some written cells of the rows stand under no label at
/// all (beyond the header's last column, or in a gap), and the shift leaves fewer of them so. Each row's
/// own label column (the second of each pair) does not count. A blank cell somewhere (one 三级 left
/// empty) is no reason to move the whole table. Ties keep 0.
fn best_offset(grid: &Grid, rows: impl Iterator<Item = (usize, usize)> + Clone, cols: &[usize]) -> isize {
    let Some(&last) = cols.iter().max() else { return 0 };
    let first = cols.iter().copied().min().unwrap_or(0);
    // Written cells at columns no header covers, if the rows were shifted by `offset`.
    let orphans = |offset: isize| -> usize {
        rows.clone()
            .map(|(r, label_col)| {
                grid.filled(r)
                    .filter(|&(c, text)| c != label_col && c >= first && !is_blank(text))
                    .filter(|&(c, _)| c.checked_add_signed(-offset).is_none_or(|c| !cols.contains(&c) && c <= last + 1))
                    .count()
            })
            .sum()
    };
    let at_zero = orphans(0);
    if at_zero == 0 {
        return 0;
    }
    let mut best = (0, at_zero);
    for offset in [1, -1] {
        let n = orphans(offset);
        if n < best.1 {
            best = (offset, n);
        }
    }
    best.0
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(super) fn sheets(text: &str) -> Vec<Sheet> {
        read(&Grid::parse(text, None))
    }

    #[test]
    fn no_sheet_in_unrelated_text() {
        assert!(sheets("姓名\t年龄\n张三\t30").is_empty());
        assert!(sheets("").is_empty());
    }

    #[test]
    fn titles() {
        for title in [
            "财政项目支出绩效自评表",
            "项目支出绩效自评价表",
            "2022年度部门整体支出绩效自评情况表",
            "绩效自评结果表",
            "水旱灾害防御股项目支出绩效自评",
            "项目支出绩效自评(2021年度)",
        ] {
            assert!(is_title(&[(0, Cow::Borrowed(title))]), "{title}");
        }
        for other in ["自评得分", "项目支出绩效目标申报表", "评分表", "自评"] {
            assert!(!is_title(&[(0, Cow::Borrowed(other))]), "{other}");
        }
        let row: Vec<(usize, Cow<str>)> = ["自评表报送及时性", "及时", "及时", "10", "10"]
            .iter()
            .enumerate()
            .map(|(c, k)| (c + 2, Cow::Borrowed(*k)))
            .collect();
        assert!(!is_title(&row), "an indicator row is no title");
    }

    #[test]
    fn other_forms_titles() {
        for title in ["项目支出绩效目标申报表", "2023年度绩效运行监控表", "附件3项目支出绩效目标表", "项目评审报告"]
        {
            assert!(names_other_form(title), "{title}");
        }
        for not in
            ["财政项目支出绩效自评表", "项目情况详见下表", "评分表", "项目资金(万元)", "支出", "附表1:项目支出表"]
        {
            assert!(!names_other_form(not), "{not}");
        }
    }

    #[test]
    fn sheets_split_at_titles_and_repeated_titles_join() {
        let text =
            "财政项目支出绩效自评表\n项目名称\tA\n\n财政项目支出绩效自评表\n财政项目支出绩效自评表\n项目名称\tB\n";
        let got = sheets(text);
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].rows, (0, 2));
        assert_eq!(got[1].rows, (3, 5));
        assert_eq!(got[1].header.project.as_ref().unwrap().value.as_ref().unwrap().text(), "B");
    }

    #[test]
    fn shifted_funds_values_align_by_header() {
        let text = "项目资金（万元）\t\t\t年初预算数\t全年预算数\t全年执行数\t分数\t执行率\t得分\t\n\
                    \t\t年度资金总额\t\t77.32\t77.32\t77.32\t10\t100\t10\n";
        let got = sheets(text);
        let funds = got[0].funds.as_ref().unwrap();
        let total = funds.total.as_ref().unwrap();
        assert_eq!(total.initial.as_ref().unwrap().text(), "77.32");
        assert_eq!(total.score.as_ref().unwrap().text(), "10");
        assert_eq!(total.score.as_ref().unwrap().pos.a1(), "J2");
        assert_eq!(funds.unit, "万元");
    }
}
