//! The funds block: 项目资金 (central), 预算执行情况 (20/80, Sichuan), 年度预算申请 (department-wide).
//! Its column labels may stand on the block's label row or on the row below it.

use super::{best_offset, col_of, is_numberish, shifted, Keys, SheetReader};
use crate::model::{declared_points, Cell, Funds, FundsRow, InlineBreakdown};
use crate::text::has;

/// Labels that open the funds block.
const BLOCK_LABELS: &[&str] = &["项目资金", "预算执行情况", "年度预算申请", "预算资金", "资金情况", "预算执行(万元)"];

/// Whether a key can open the funds block: a short label (`项目资金（万元）`, `预算执行情况(万元)(20分)`).
/// It opens the block only where the block's columns are labelled beside or under it ([`SheetReader::
/// opens_funds`]), so a sentence that begins the same way (`项目资金主要用于…`) does not.
pub(super) fn is_block_label(key: &str) -> bool {
    key.chars().count() <= 20 && BLOCK_LABELS.iter().any(|l| key.starts_with(l))
}

#[derive(Clone, Copy)]
enum Column {
    Initial,
    Budget,
    Executed,
    Points,
    Rate,
    Score,
    Reason,
}

/// The column a funds header label names.
fn column(key: &str) -> Option<Column> {
    Some(if key.starts_with("得分") || key.starts_with("自评得分") || key.starts_with("执行率得分") {
        Column::Score
    } else if key.starts_with("执行率权重") || key.starts_with("执行率分值") {
        // Chongqing's: the points of the budget execution.
        Column::Points
    } else if has(key, "执行率") {
        Column::Rate
    } else if key.starts_with("年初预算") || key.starts_with("年初数") {
        Column::Initial
    } else if has(key, "执行数") || key.starts_with("实际支出") || key.starts_with("实际执行") {
        Column::Executed
    } else if key.starts_with("全年预算") || key.starts_with("调整后预算") || key.starts_with("预算数") {
        Column::Budget
    } else if has(key, "预算数") && !has(key, "(万元)") && !has(key, "(元)") {
        // `预算数(A)`; but `年度预算数(万元)` heads a group of amount columns, not one.
        Column::Budget
    } else if key.starts_with("分值") || key.starts_with("分数") || key.starts_with("权重") {
        Column::Points
    } else if key.starts_with("原因") || key.starts_with("偏差原因") || key.starts_with("未完成原因") {
        Column::Reason
    } else {
        return None;
    })
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum RowKind {
    Total,
    Part,
    /// `按收入性质分` / `按支出性质分`: a new breakdown of the total begins.
    Breakdown,
}

fn row_kind(key: &str) -> Option<RowKind> {
    if key.starts_with("按") && key.ends_with("分") {
        Some(RowKind::Breakdown)
    } else if has(key, "资金总额")
        || has(key, "总金额")
        || key.starts_with("合计")
        || key == "总计"
        || key == "总额"
        || key.starts_with("预算总额")
    {
        Some(RowKind::Total)
    } else if key.starts_with("其中")
        || [
            "财政拨款",
            "结转",
            "其他资金",
            "财政资金",
            "一般公共预算",
            "政府性基金",
            "基本支出",
            "项目支出",
            "专户",
            "事业收入",
            "上级",
            "本级",
        ]
        .iter()
        .any(|w| has(key, w))
    {
        Some(RowKind::Part)
    } else {
        None
    }
}

impl SheetReader<'_> {
    /// Whether a funds block label in row `r` opens the block: two of its column labels (预算数, 执行数,
    /// 执行率, 得分…) stand on that row or on the next written one.
    pub(super) fn opens_funds(&self, r: usize) -> bool {
        let labels = |row: &Keys| row.iter().filter(|(_, k)| !is_numberish(k) && column(k).is_some()).count();
        let next = self.rows.after(r).find(|row| !row.is_empty());
        labels(self.rows.row(r)) >= 2 || next.is_some_and(|row| labels(row) >= 2)
    }

    /// The block's label row: its label, its unit, the points it declares, and any column labels on it.
    pub(super) fn funds_header(&mut self, r: usize, keys: &Keys, label_col: usize) {
        if self.sheet.funds.is_some() {
            return;
        }
        let label_key = keys.iter().find(|(c, _)| *c == label_col).map(|(_, k)| k.as_ref()).unwrap_or("");
        let unit = if has(label_key, "万元") || !has(label_key, "元") { "万元" } else { "元" };
        let header = FundsRow {
            label: self.cell(r, label_col),
            group: 0,
            sub: false,
            initial: None,
            budget: None,
            executed: None,
            points: None,
            rate: None,
            score: None,
            reason: None,
        };
        self.sheet.funds = Some(Funds {
            header,
            unit: unit.to_owned(),
            declared_points: declared_points(label_key),
            total: None,
            parts: Vec::new(),
            inline: Vec::new(),
        });
        self.funds_columns(r, keys);
    }

    /// Column labels of the funds block in a row; whether the row held at least two of them (a row of
    /// column labels under the block's label).
    pub(super) fn funds_columns(&mut self, r: usize, keys: &Keys) -> bool {
        let found: Vec<(usize, Column, Option<rust_decimal::Decimal>)> = keys
            .iter()
            .filter(|(_, k)| !is_numberish(k))
            .filter_map(|(c, k)| Some((*c, column(k)?, declared_points(k))))
            .collect();
        if found.len() < 2 && self.sheet.funds.as_ref().is_some_and(|f| f.header.label.pos.row != r) {
            return false;
        }
        self.funds_labelled.extend(keys.iter().filter(|(_, k)| !is_numberish(k)).map(|(c, _)| *c));
        let cells: Vec<(Cell, Column, Option<rust_decimal::Decimal>)> =
            found.into_iter().map(|(c, col, points)| (self.cell(r, c), col, points)).collect();
        let Some(funds) = &mut self.sheet.funds else { return false };
        let any = !cells.is_empty();
        for (cell, col, points) in cells {
            let h = &mut funds.header;
            let slot = match col {
                Column::Initial => &mut h.initial,
                Column::Budget => &mut h.budget,
                Column::Executed => &mut h.executed,
                Column::Points => &mut h.points,
                Column::Rate => &mut h.rate,
                Column::Score => &mut h.score,
                Column::Reason => &mut h.reason,
            };
            if slot.is_none() {
                *slot = Some(cell);
            }
            // `得分(20分*执行率)`: the score column declares the points.
            if funds.declared_points.is_none() {
                funds.declared_points = points;
            }
        }
        any
    }

    /// The block's rows under its columns: the total, and the parts of each breakdown.
    pub(super) fn build_funds(&mut self) {
        // `年初预算数(A) | 全年执行数(B) | 执行率(B/A)` with no 全年预算数 column (海淀 2016): the budget the
        // rate is taken against is the one there is.
        if let Some(h) = self.sheet.funds.as_mut().map(|f| &mut f.header).filter(|h| h.budget.is_none()) {
            h.budget = h.initial.take();
        }
        let Some(funds) = &self.sheet.funds else { return };
        let c = &funds.header;
        let value_cols: Vec<usize> = c.values().iter().filter_map(|c| col_of(c)).collect();
        if value_cols.is_empty() {
            return;
        }
        let first_value = value_cols.iter().copied().min().unwrap_or(0);
        // A row's label: its first cell that is not a number, left of the values.
        let labelled: Vec<(usize, Option<usize>, Option<RowKind>)> = self
            .funds_rows
            .iter()
            .map(|&r| {
                let label = self.rows.row(r).iter().find(|(col, k)| !is_numberish(k) && *col < first_value.max(1) + 1);
                match label {
                    Some((col, key)) => (r, Some(*col), row_kind(key)),
                    None => (r, None, None),
                }
            })
            .collect();
        let header_label = funds.header.label.pos.col;
        let under_labels: Vec<usize> = self
            .funds_labelled
            .iter()
            .copied()
            .filter(|&c| c != header_label)
            .chain(value_cols.iter().copied())
            .collect();
        let offset =
            best_offset(self.grid, labelled.iter().map(|&(r, col, _)| (r, col.unwrap_or(usize::MAX))), &under_labels);
        let at = |header: &Option<Cell>, r: usize, label_col: Option<usize>| {
            let col = shifted(col_of(header)?, offset)?;
            (Some(col) != label_col).then(|| self.cell(r, col))
        };
        let block_label = funds.header.label.clone();
        let mut total = None;
        let mut parts = Vec::new();
        let mut group = 0;
        for &(r, label_col, kind) in &labelled {
            let row = FundsRow {
                label: label_col.map_or_else(|| block_label.clone(), |col| self.cell(r, col)),
                group,
                sub: false,
                initial: at(&c.initial, r, label_col),
                budget: at(&c.budget, r, label_col),
                executed: at(&c.executed, r, label_col),
                points: at(&c.points, r, label_col),
                rate: at(&c.rate, r, label_col),
                score: at(&c.score, r, label_col),
                reason: at(&c.reason, r, label_col),
            };
            let has_numbers = row.values().iter().any(|v| crate::model::num(v).number().is_some());
            match kind {
                Some(RowKind::Total) if total.is_none() => total = Some(row),
                Some(RowKind::Breakdown) => {
                    group += 1;
                    // `按收入性质分 | 一般公共预算 | 100 …`: the breakdown's first part on its own row.
                    if has_numbers {
                        parts.push(FundsRow { group, ..row });
                    }
                }
                Some(RowKind::Part) => {
                    let sub =
                        parts.last().is_some_and(|above: &FundsRow| breaks_down(above.label.text(), row.label.text()));
                    parts.push(FundsRow { sub, ..row })
                }
                // A row of numbers with no label of its own (the label merged from the block's): the
                // total, when none is labelled.
                None if label_col.is_none() && total.is_none() && has_numbers && parts.is_empty() => total = Some(row),
                _ => {}
            }
        }
        let inline = self.inline_breakdowns();
        if let Some(funds) = &mut self.sheet.funds {
            funds.total = total;
            funds.parts = parts;
            funds.inline = inline;
        }
    }

    /// Breakdowns written inside their label cells: a `按…分:amount` cell in a row of the block, and under
    /// it, in the same column, the `label:amount` cells of its parts, up to the first cell that is not one.
    fn inline_breakdowns(&self) -> Vec<InlineBreakdown> {
        let mut found = Vec::new();
        for (i, &r) in self.funds_rows.iter().enumerate() {
            for (col, key) in self.rows.row(r) {
                let Some((label, amount)) = labelled_amount(key) else { continue };
                if !(label.starts_with('按') && label.ends_with('分')) {
                    continue;
                }
                let parts = self.funds_rows[i + 1..]
                    .iter()
                    .map_while(|&below| {
                        let key = self.rows.row(below).iter().find(|(c, _)| c == col).map(|(_, k)| k)?;
                        let (_, amount) = labelled_amount(key)?;
                        Some((self.cell(below, *col), amount))
                    })
                    .collect();
                found.push(InlineBreakdown { head: (self.cell(r, *col), amount), parts });
            }
        }
        found
    }
}

/// Whether a 其中 row labelled `below` breaks down the one labelled `above` rather than the total: the
/// kinds of 财政拨款 (一般公共预算, 政府性基金, 国有资本经营预算) under a 财政拨款 row.
fn breaks_down(above: &str, below: &str) -> bool {
    const KINDS_OF_APPROPRIATION: &[&str] = &["一般公共预算", "政府性基金", "国有资本经营"];
    let below = crate::text::label_key(below);
    has(above, "财政拨款") && !below.starts_with("其中") && KINDS_OF_APPROPRIATION.iter().any(|k| below.starts_with(k))
}

/// A label and the amount written after its last colon (`其中:基本支出:900.47` → 900.47); the amount is
/// `None` when nothing follows the colon. `None` for a key with no colon, or with words after it.
fn labelled_amount(key: &str) -> Option<(&str, Option<rust_decimal::Decimal>)> {
    let (label, after) = key.rsplit_once(':')?;
    if after.is_empty() {
        return Some((label, None));
    }
    let amount: rust_decimal::Decimal = after.replace(',', "").parse().ok()?;
    Some((label, Some(amount)))
}
