//! Checks of the totals row and the grade (评分等级).

use super::{Ctx, Finding};
use crate::finding::Code;
use crate::model::Cell;
use crate::value::show;

fn totals_cell<'a>(ctx: &Ctx<'a>, pick: fn(&'a crate::model::Totals) -> &'a Option<Cell>) -> Option<&'a Cell> {
    ctx.sheet.totals.as_ref().and_then(|t| pick(t).as_ref())
}

/// What a total adds up, for messages: `各指标分值与预算执行分值 10 `, or the indicators alone where the
/// budget execution is one of them (an evaluation form's 预算执行率 row).
pub(super) fn added(s: &crate::score::Scores, what: &str, budget: Option<rust_decimal::Decimal>) -> String {
    if s.budget.row.is_some() {
        return format!("各指标{what}");
    }
    let budget = budget.map(show).unwrap_or_else(|| "（空）".into());
    format!("各指标{what}与预算执行{what} {budget} ")
}

/// T001: the stated 分值 total is not Σ indicator 分值 + budget 分值.
/// Basis: the totals row adds up the rows above it.
pub fn stated_weight_total(ctx: &Ctx, out: &mut Vec<Finding>) {
    let s = ctx.scores;
    let (Some(cell), Some(stated)) = (totals_cell(ctx, |t| &t.weight), s.stated_weight) else { return };
    if !ctx.profile.agrees(stated, s.computed_weight) {
        let message = format!(
            "{}：分值合计填写 {}，{}相加为 {}。",
            cell.pos,
            show(stated),
            added(s, "分值", Some(s.budget.points)),
            show(s.computed_weight)
        );
        out.push(
            Finding::new(Code::StatedWeightTotal, message)
                .at(cell.pos)
                .field("totals.weight")
                .fix(show(s.computed_weight)),
        );
    }
}

/// T002: the stated 得分 total is not Σ indicator 得分 + budget 得分.
/// Basis: the totals row adds up the rows above it.
pub fn stated_score_total(ctx: &Ctx, out: &mut Vec<Finding>) {
    let s = ctx.scores;
    // The totals row's cell, else the header's `自评总分`.
    let header = ctx.sheet.header_total.as_ref().and_then(|f| f.value.as_ref());
    let cell = totals_cell(ctx, |t| &t.score).filter(|c| c.num().number().is_some()).or(header);
    let (Some(cell), Some(stated)) = (cell, s.stated_score) else { return };
    if !ctx.profile.agrees(stated, s.computed_score) {
        let message = format!(
            "{}：得分合计填写 {}，{}相加为 {}。",
            cell.pos,
            show(stated),
            added(s, "得分", s.budget.stated_score),
            show(s.computed_score)
        );
        out.push(
            Finding::new(Code::StatedScoreTotal, message)
                .at(cell.pos)
                .field("totals.score")
                .fix(show(s.computed_score)),
        );
    }
}

/// R001: the stated 评分等级 is not the grade of the stated 得分 total (or of the computed total when
/// none is stated). Basis: 财预〔2020〕10号, 优 ≥ 90, 良 80–90, 中 60–80, 差 < 60.
pub fn stated_grade(ctx: &Ctx, out: &mut Vec<Finding>) {
    let s = ctx.scores;
    let Some(field) = &ctx.sheet.grade else { return };
    let (Some(grade), Some(cell)) = (&s.stated_grade, field.value.as_ref()) else {
        return;
    };
    let total = s.stated_score.unwrap_or(s.computed_score);
    let expected = ctx.profile.grade(total);
    if grade != expected {
        let message =
            format!("{}：评分等级填写“{}”，总分 {} 对应的等级为“{expected}”。", cell.pos, cell.text(), show(total));
        let finding = Finding::new(Code::StatedGrade, message).at(cell.pos).field("grade");
        // Written after its label in one cell (`评分等级：良`), the grade is not the cell's whole text: the
        // value is said, not written over the label.
        out.push(if cell.pos == field.label.pos { finding.expected(expected) } else { finding.fix(expected) });
    }
}

/// R002: the grade of the rule-based total differs from the stated grade.
/// Basis: 财预〔2020〕10号 scoring rules applied to every indicator.
pub fn rule_grade(ctx: &Ctx, out: &mut Vec<Finding>) {
    let s = ctx.scores;
    let (Some(grade), Some(cell)) = (&s.stated_grade, ctx.sheet.grade.as_ref().and_then(|g| g.value.as_ref())) else {
        return;
    };
    if grade != s.rule_grade {
        let message = format!(
            "{}：按评分规则计算总分为 {}，等级应为“{}”，填写为“{}”。",
            cell.pos,
            show(s.rule_score),
            s.rule_grade,
            cell.text()
        );
        out.push(Finding::new(Code::RuleGrade, message).at(cell.pos).field("grade").expected(s.rule_grade));
    }
}
