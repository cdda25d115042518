//! The indicator table: its header (一级/二级/三级指标, the target whole or split into 指标性质 / 指标值 /
//! 度量单位, the completion, 分值 or 权重, 得分, the reason), its rows, the totals row that ends it, and
//! the reasons row some layouts put under it instead of a column.

use std::sync::OnceLock;

use rust_decimal::Decimal;

use super::{best_offset, col_of, shifted, Keys, SheetReader};
use crate::model::{declared_points, num, Cell, Indicator, IndicatorColumns, Indicators, Totals};
use crate::text::{has, holds_any, label_key, strip_markup, Needles};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Column {
    Level1,
    Level2,
    Level3,
    Nature,
    Target,
    Unit,
    Actual,
    Weight,
    Score,
    Reason,
    Coefficient,
    Adjusted,
}

/// Words of header labels that describe a value rather than hold it: `指标值设置依据`, `上年完成值`,
/// `得分计算方法`, `指标赋分规则`, `佐证资料`. Such a column is none of the table's.
const DESCRIBING: &[&str] = &["依据", "上年", "方法", "规则", "说明", "佐证", "标准", "备注"];

/// The column an indicator header label names. The completion is tried before the target, since
/// `实际完成值` and `年度指标值` both end in 值.
fn column(key: &str) -> Option<Column> {
    static WORDS: OnceLock<Needles> = OnceLock::new();
    if holds_any(&WORDS, DESCRIBING, key) && !has(key, "原因") {
        return None;
    }
    Some(if key.starts_with("一级指标") {
        Column::Level1
    } else if key.starts_with("二级指标") {
        Column::Level2
    } else if key.starts_with("三级指标") || key.starts_with("指标名称") {
        Column::Level3
    } else if has(key, "得分系数") {
        // Before 得分: `得分系数(%)` is the share of the weight, not a score.
        Column::Coefficient
    } else if key.starts_with("调整指标值") || key.starts_with("调整后指标值") {
        Column::Adjusted
    } else if key.starts_with("指标性质") {
        Column::Nature
    } else if ["度量单位", "计量单位", "单位"].contains(&key) {
        Column::Unit
    } else if names_completion(key) {
        Column::Actual
    } else if has(key, "指标值") || has(key, "目标值") {
        Column::Target
    } else if own(key).starts_with("得分")
        || key.starts_with("自评得分")
        || key.starts_with("自评分")
        || has(key, "折算得分")
    {
        // `单项指标折算得分`: the weighted score that counts, beside a raw `单项指标得分` out of 100.
        Column::Score
    } else if ["分值", "分数", "权重", "满分"].iter().any(|w| own(key).starts_with(w)) || key.ends_with("分值")
    {
        Column::Weight
    } else if has(key, "原因") || key.starts_with("偏差") {
        Column::Reason
    } else {
        return None;
    })
}

/// A label without the `指标` it may start with (`指标得分`, `指标分值权重`: the indicator's 得分, 分值).
fn own(key: &str) -> &str {
    key.strip_prefix("指标").unwrap_or(key)
}

/// Whether a label names the completion column (`实际完成值(B)`, `完成值`, `全年实际值`).
fn names_completion(key: &str) -> bool {
    has(key, "完成值") || key.starts_with("实际完成") || key.starts_with("实际值") || key.starts_with("全年实际")
}

/// Whether a row is (a row of) the indicator table's header: it names 三级指标, or 二级指标 with a
/// score column, or the completion and the score among three or more column labels (the upper row
/// of a two-row header: `绩效指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析`).
pub(super) fn is_header(keys: &Keys) -> bool {
    let has = |label: &str| keys.iter().any(|(_, k)| k.starts_with(label));
    if has("三级指标") || (has("二级指标") && (has("分值") || has("得分"))) {
        return true;
    }
    // Most rows are the table's own: they name no completion column, and need no more looking at.
    if !keys.iter().any(|(_, k)| names_completion(k)) {
        return false;
    }
    let columns: Vec<Column> = keys.iter().filter_map(|(_, k)| column(k)).collect();
    let completion_and_score = columns.iter().any(|c| matches!(c, Column::Actual))
        && columns.iter().any(|c| matches!(c, Column::Score | Column::Weight));
    completion_and_score && columns.len() >= 3
}

/// Whether a row label opens the reasons row under the table (`偏差大或目标未完成原因分析`).
pub(super) fn is_reasons_label(key: &str) -> bool {
    key.starts_with("偏差") || key.starts_with("目标未完成原因") || key.starts_with("未完成原因")
}

/// Labels of the row that ends the table with the totals, whole (`总分`, `合计：`, `总分(100分)`), so that
/// an indicator named `合计完成率` is not one.
pub(super) fn is_total_label(key: &str) -> bool {
    const TOTALS: &[&str] =
        &["总分", "合计", "总计", "总得分", "自评总分", "综合得分", "得分合计", "合计得分", "总分值"];
    key.chars().count() <= 12 && TOTALS.contains(&crate::text::without_brackets(key).as_ref())
}

/// Labels of the indicator block that declare its points: `年度绩效目标(80分)`, `绩效指标(90分)`.
fn is_block_label(key: &str) -> bool {
    has(key, "绩效目标") || key.starts_with("绩效指标")
}

/// What a template leaves in a cell nobody filled in (`指标1:`, `指标2`, `……`), or what says "not
/// applicable" (`/`, `-`, `—`, `无`).
pub fn is_placeholder(text: &str) -> bool {
    let stripped = strip_markup(text);
    let key = label_key(&stripped);
    let key = key.trim_end_matches(':');
    if key.is_empty() || key.chars().all(|c| matches!(c, '/' | '\\' | '-' | '…' | '.' | '、' | '无')) {
        return true;
    }
    key.strip_prefix("指标").is_some_and(|rest| rest.chars().all(|c| c.is_ascii_digit()))
}

impl SheetReader<'_> {
    /// A row that only names the indicator block and its points (`年度绩效目标(80分)`); whether it was.
    pub(super) fn indicator_block_label(&mut self, r: usize, keys: &Keys) -> bool {
        let Some((col, points)) =
            keys.iter().find(|(_, k)| is_block_label(k)).and_then(|(c, k)| Some((*c, declared_points(k)?)))
        else {
            return false;
        };
        // Several blocks (`年度绩效目标1(40分)`, `年度绩效目标2(40分)`) declare the table's points together.
        match &mut self.sheet.indicator_points {
            None => self.sheet.indicator_points = Some((points, self.cell(r, col))),
            Some((total, first)) if first.pos.row != r => *total = total.checked_add(points).unwrap_or(*total),
            Some(_) => {}
        }
        keys.len() == 1
    }

    /// A header row of the indicator table. A second header row before any indicator row completes the
    /// first (a two-row header), its labels taking precedence: a label that spans the split columns
    /// below it (`年度指标值` over `指标性质 | 指标值 | 度量单位`) gives way to theirs.
    pub(super) fn indicator_header(&mut self, r: usize, keys: &Keys) {
        if self.sheet.indicators.is_some() && !self.table_rows.is_empty() {
            return;
        }
        self.indicator_block_label(r, keys);
        self.table_labelled.extend(keys.iter().map(|(c, _)| *c));
        let mut row = IndicatorColumns::default();
        let mut weights = Vec::new();
        for &(col, ref key) in keys {
            let Some(column) = column(key) else { continue };
            if column == Column::Weight {
                weights.push(col);
            }
            let slot = match column {
                Column::Level1 => &mut row.level1,
                Column::Level2 => &mut row.level2,
                Column::Level3 => &mut row.level3,
                Column::Nature => &mut row.nature,
                Column::Target => &mut row.target,
                Column::Unit => &mut row.unit,
                Column::Actual => &mut row.actual,
                Column::Weight => &mut row.weight,
                Column::Score => &mut row.score,
                Column::Reason => &mut row.reason,
                Column::Coefficient => &mut row.coefficient,
                Column::Adjusted => &mut row.adjusted,
            };
            if slot.is_none() {
                *slot = Some(self.cell(r, col));
            }
        }
        // Several 分值 columns, one right of each level (`一级指标 | 分值 | 二级指标 | 分值 | 三级指标 | 分值`): the
        // indicator's is the one after 三级指标, the others the levels' own points.
        if let (Some(l3), true) = (col_of(&row.level3), weights.len() > 1) {
            let between = |from: &Option<Cell>, to: Option<usize>| {
                let from = col_of(from)?;
                weights.iter().copied().find(|&w| w > from && to.is_none_or(|t| w < t))
            };
            row.level1_points = between(&row.level1, col_of(&row.level2).or(Some(l3))).map(|c| self.cell(r, c));
            row.level2_points = between(&row.level2, Some(l3)).map(|c| self.cell(r, c));
            row.weight = weights.iter().copied().find(|&w| w > l3).map(|c| self.cell(r, c));
        }
        let above = self.sheet.indicators.take().map(|t| t.columns).unwrap_or_default();
        let mut columns = IndicatorColumns {
            level1: row.level1.or(above.level1),
            level2: row.level2.or(above.level2),
            level3: row.level3.or(above.level3),
            nature: row.nature.or(above.nature),
            target: row.target.or(above.target),
            unit: row.unit.or(above.unit),
            actual: row.actual.or(above.actual),
            weight: row.weight.or(above.weight),
            score: row.score.or(above.score),
            reason: row.reason.or(above.reason),
            coefficient: row.coefficient.or(above.coefficient),
            adjusted: row.adjusted.or(above.adjusted),
            level1_points: row.level1_points.or(above.level1_points),
            level2_points: row.level2_points.or(above.level2_points),
        };
        // A 一级 header written as `-` (or anything else) is the column left of 二级指标.
        if columns.level1.is_none() {
            let left = col_of(&columns.level2).or(col_of(&columns.level3).map(|c| c.saturating_sub(1)));
            if let Some(col) = left.and_then(|c| c.checked_sub(1)) {
                columns.level1 = Some(self.cell(r, col));
            }
        }
        self.sheet.indicators = Some(Indicators { columns, rows: Vec::new(), level_points: Vec::new() });
    }

    pub(super) fn build_indicators(&mut self) {
        let Some(table) = &self.sheet.indicators else { return };
        let c = &table.columns;
        let all = c.all();
        // A table with no 一级 or 二级 column (Chongqing's) groups its rows under rows that only name
        // the group (`绩效指标`, `公共服务`): those are no indicators.
        let flat = c.level1.is_none() && c.level2.is_none();
        let cols: Vec<usize> =
            all.iter().filter_map(|c| col_of(c)).chain(self.table_labelled.iter().copied()).collect();
        let offset = best_offset(self.grid, self.table_rows.iter().map(|&r| (r, usize::MAX)), &cols);
        let at = |header: &Option<Cell>, r: usize| Some(self.cell(r, shifted(col_of(header)?, offset)?));
        let mut indicators = Vec::new();
        let mut level_points = Vec::new();
        let mut totals = None;
        let (mut level1, mut level2): (Option<Cell>, Option<Cell>) = (None, None);
        for &r in &self.table_rows {
            let l1 = at(&c.level1, r);
            let l2 = at(&c.level2, r);
            // The adjusted target, where one is written, is the target the year is judged by.
            let target = match at(&c.adjusted, r) {
                Some(adjusted) if !adjusted.is_blank() => Some(adjusted),
                _ => at(&c.target, r),
            };
            let row = Indicator {
                row: r,
                level1: None,
                level2: None,
                name: at(&c.level3, r),
                nature: at(&c.nature, r),
                target,
                unit: at(&c.unit, r),
                actual: at(&c.actual, r),
                weight: at(&c.weight, r),
                score: at(&c.score, r),
                reason: at(&c.reason, r),
                coefficient: at(&c.coefficient, r),
            };
            let blank = |cell: &Option<Cell>| cell.as_ref().is_none_or(Cell::is_blank);
            let labelled_total = self.rows.row(r).iter().any(|(_, k)| is_total_label(k));
            let unlabelled_total = blank(&l1)
                && blank(&l2)
                && blank(&row.name)
                && blank(&row.target)
                && blank(&row.actual)
                && (num(&row.weight).number().is_some() || num(&row.score).number().is_some());
            if labelled_total || unlabelled_total {
                totals = Some(self.totals(r, row.weight, row.score));
                break;
            }
            if let Some(cell) = l1.filter(|c| !c.is_blank()) {
                level_points.extend(at(&c.level1_points, r).map(|p| (cell.pos, p)));
                level1 = Some(cell);
                level2 = None;
            }
            if let Some(cell) = l2.filter(|c| !c.is_blank()) {
                level_points.extend(at(&c.level2_points, r).map(|p| (cell.pos, p)));
                level2 = Some(cell);
            }
            if is_indicator(&row) && !(flat && is_group_row(&row)) {
                indicators.push(Indicator { level1: level1.clone(), level2: level2.clone(), ..row });
            }
        }
        self.sheet.totals = totals;
        let indicators = without_subtotals(indicators);
        if let Some(table) = &mut self.sheet.indicators {
            table.rows = indicators;
            table.level_points = level_points;
        }
    }

    /// The totals row: the 分值 and 得分 totals under their columns; where the 得分 column holds no
    /// number (a 总分 row that writes its one total beside the label), the row's last number.
    fn totals(&self, r: usize, weight: Option<Cell>, score: Option<Cell>) -> Totals {
        let is_number = |cell: &Option<Cell>| num(cell).number().is_some();
        let score = if is_number(&score) || is_number(&weight) {
            score
        } else {
            self.rows
                .row(r)
                .iter()
                .rev()
                .find(|(_, k)| matches!(crate::value::parse_num(k), crate::value::Num::Number(_)))
                .map(|(col, _)| self.cell(r, *col))
                .or(score)
        };
        Totals { row: r, weight, score }
    }
}

/// Whether a table row is an indicator: it names one, or holds a value, and is not a template row
/// nobody filled in (`指标2` and nothing else), nor one marked not applicable (`/` throughout), nor a
/// part of the indicator above it (`其中：…` with a value but no weight or score of its own).
fn is_indicator(row: &Indicator) -> bool {
    let blank = |c: &Option<Cell>| c.as_ref().is_none_or(|c| is_placeholder(c.text()));
    let part = row.name.as_ref().is_some_and(|c| label_key(c.text()).starts_with("其中"));
    if part && blank(&row.weight) && blank(&row.score) {
        return false;
    }
    let values = [&row.target, &row.actual, &row.weight, &row.score];
    let written = |c: &&Option<Cell>| c.as_ref().is_some_and(|c| !c.is_blank());
    let real = |c: &&Option<Cell>| c.as_ref().is_some_and(|c| !is_placeholder(c.text()) || is_zero(c.text()));
    let named = real(&&row.name);
    // A row that names nothing and holds no target or completion is a template row even with a 0 in it
    // (`生态效益指标 | | | | 0`): only a weight or a score above nothing makes it an indicator.
    if !named && !real(&&row.target) && !real(&&row.actual) {
        let counts = |c: &&Option<Cell>| real(c) && !c.as_ref().is_some_and(|c| is_zero(c.text()));
        return counts(&&row.weight) || counts(&&row.score);
    }
    let any_value = values.iter().any(real);
    let not_applicable = values.iter().any(written) && !any_value;
    any_value || (named && !not_applicable)
}

/// Whether a row only names a group: a name and nothing in any value column.
fn is_group_row(row: &Indicator) -> bool {
    let blank = |c: &Option<Cell>| c.as_ref().is_none_or(Cell::is_blank);
    [&row.nature, &row.target, &row.unit, &row.actual, &row.weight, &row.score, &row.coefficient]
        .iter()
        .all(|c| blank(c))
}

/// The indicators without the rows that only add up the rows under them: a row numbered `一、` whose
/// score (or weight) is the sum of the `1、` `2、`… rows that follow it is a group's subtotal, not an
/// indicator of its own, and counting it too would count its points twice.
fn without_subtotals(rows: Vec<Indicator>) -> Vec<Indicator> {
    let name = |row: &Indicator| row.name.as_ref().map(|c| label_key(c.text()).into_owned()).unwrap_or_default();
    let numbered = |key: &str, digits: &dyn Fn(char) -> bool| {
        let count = key.chars().take_while(|&c| digits(c)).count();
        count > 0 && key.chars().nth(count).is_some_and(|c| matches!(c, '、' | '.' | ',' | ')'))
    };
    let chinese = |c: char| "一二三四五六七八九十".contains(c);
    let subtotal = |i: usize| {
        if !numbered(&name(&rows[i]), &chinese) {
            return false;
        }
        let children: Vec<&Indicator> =
            rows[i + 1..].iter().take_while(|r| numbered(&name(r), &|c: char| c.is_ascii_digit())).collect();
        let adds_up = |cell: fn(&Indicator) -> &Option<Cell>| {
            let own = num(cell(&rows[i])).number();
            let sum = children.iter().map(|r| num(cell(r)).number()).sum::<Option<Decimal>>();
            own.is_some() && own == sum
        };
        children.len() >= 2 && (adds_up(|r| &r.score) || adds_up(|r| &r.weight))
    };
    let drop: Vec<bool> = (0..rows.len()).map(subtotal).collect();
    rows.into_iter().zip(drop).filter(|(_, d)| !d).map(|(r, _)| r).collect()
}

fn is_zero(text: &str) -> bool {
    crate::value::parse_num(text).number() == Some(Decimal::ZERO)
}

#[cfg(test)]
mod tests {
    use super::super::tests::sheets;
    use super::*;

    #[test]
    fn indicator_heads() {
        use Column::*;
        let table = [
            ("年度指标值", Some(Target)),
            ("年度目标值", Some(Target)),
            ("年初目标值(A)", Some(Target)),
            ("指标值", Some(Target)),
            ("实际完成值(B)", Some(Actual)),
            ("全年实际值", Some(Actual)),
            ("完成值", Some(Actual)),
            ("指标实际完成值", Some(Actual)),
            ("分值", Some(Weight)),
            ("权重", Some(Weight)),
            ("指标分值权重", Some(Weight)),
            ("得分", Some(Score)),
            ("自评得分", Some(Score)),
            ("指标得分", Some(Score)),
            ("单项指标折算得分", Some(Score)),
            ("偏差原因分析及改进措施", Some(Reason)),
            ("未完成原因", Some(Reason)),
            ("得分计算方法", None),
            ("指标值设置依据", None),
            ("上年完成值", None),
        ];
        for (head, want) in table {
            assert_eq!(column(head), want, "{head}");
        }
    }

    #[test]
    fn placeholders() {
        for yes in ["指标1:", "指标2", "指标3：", "……", "…", "/", "-", "—", "", "无"] {
            assert!(is_placeholder(yes), "{yes}");
        }
        for no in ["指标值", "培训人数", "0", "≥95%", "指标体系完善"] {
            assert!(!is_placeholder(no), "{no}");
        }
    }

    #[test]
    fn unused_template_rows_are_not_indicators() {
        let text = "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析\n\
                    产出指标\t数量指标\t培训人数\t≥100人\t120人\t20\t20\t\n\
                    \t\t指标2\t\t\t\t\t\n\
                    \t\t……\t\t\t\t\t\n\
                    \t质量指标\t合格率\t/\t/\t/\t/\t\n\
                    \t\t未填的指标\t\t\t\t\t\n";
        let got = sheets(text);
        let names: Vec<&str> =
            got[0].indicators.as_ref().unwrap().rows.iter().map(|r| r.name.as_ref().unwrap().text()).collect();
        assert_eq!(names, ["培训人数", "未填的指标"]);
    }

    #[test]
    fn describing_columns_are_not_the_tables() {
        let text = "一级指标\t二级指标\t三级指标\t指标值设置依据\t年度指标值\t上年完成值\t实际完成值\t分值\t得分计算方法\t得分\n\
                    产出指标\t数量指标\t培训人数\t文件\t≥100人\t90人\t120人\t20\t按比例\t20\n\
                    \t\t其中：线上\t\t≥50人\t\t60人\t\t\t\n";
        let got = sheets(text);
        let table = got[0].indicators.as_ref().unwrap();
        let row = &table.rows[0];
        assert_eq!((row.target_text().as_ref(), row.actual_text().as_ref()), ("≥100人", "120人"));
        assert_eq!(row.score.as_ref().unwrap().text(), "20");
        assert_eq!(table.rows.len(), 1, "a 其中 part is not an indicator");
    }

    #[test]
    fn one_blank_name_does_not_shift_the_table() {
        let text = "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析\n\
                    产出指标\t数量指标\t培训人数\t≥100人\t120人\t20\t20\t\n\
                    \t\t\t≥3次\t3次\t20\t20\t\n\
                    满意度指标\t服务对象满意度指标\t满意度\t≥90%\t95%\t10\t10\t\n";
        let got = sheets(text);
        let rows = &got[0].indicators.as_ref().unwrap().rows;
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[0].name.as_ref().unwrap().text(), "培训人数");
        assert_eq!(rows[1].target.as_ref().unwrap().text(), "≥3次");
        assert_eq!(rows[2].level1.as_ref().unwrap().text(), "满意度指标");
    }

    #[test]
    fn split_target_columns_make_one_value() {
        let text = "一级指标\t二级指标\t三级指标\t指标性质\t指标值\t度量单位\t完成值\t权重\t得分\t未完成原因分析\n\
                    产出指标\t数量指标\t培训人数\t≥\t100\t人\t95\t20\t19\t天气原因\n";
        let got = sheets(text);
        let row = &got[0].indicators.as_ref().unwrap().rows[0];
        assert_eq!(row.target_text(), "≥100人");
        assert_eq!(row.actual_text(), "95人");
        assert_eq!(row.weight.as_ref().unwrap().text(), "20");
        assert_eq!(row.reason.as_ref().unwrap().text(), "天气原因");
    }

    #[test]
    fn total_labels_are_whole() {
        for yes in ["总分", "合计", "合计:", "总分(100分)", "自评总分"] {
            assert!(is_total_label(yes), "{yes}");
        }
        for no in ["合计完成率", "总分值控制", "总计划完成"] {
            assert!(!is_total_label(no), "{no}");
        }
    }

    #[test]
    fn a_total_beside_its_label() {
        let text = "一级指标\t二级指标\t三级指标\t年初目标值(A)\t实际完成值(B)\t得分\n\
                    产出指标\t数量指标\t户数\t15\t15\t30\n\
                    总分\t71.7\t\t\t\t\n";
        let got = sheets(text);
        let totals = got[0].totals.as_ref().unwrap();
        assert_eq!(totals.score.as_ref().unwrap().text(), "71.7");
    }
}
