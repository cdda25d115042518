//! Checks of each indicator row: its cells, its score against the rules, its 偏差原因, its values.

use std::collections::BTreeSet;

use rust_decimal::Decimal;

use super::{below, name, pos, Ctx, Finding};
use crate::finding::Code;
use crate::model::{text, Category, Indicator};
use crate::score::{Evaluation, Judgement};
use crate::value::{show, Num, Value};

/// Each indicator with its evaluation and index.
fn rows<'a>(ctx: &Ctx<'a>) -> impl Iterator<Item = (usize, &'a Indicator, &'a Evaluation)> {
    let rows = ctx.sheet.indicators.as_ref().map(|t| t.rows.as_slice()).unwrap_or(&[]);
    rows.iter().zip(&ctx.scores.indicators).enumerate().map(|(i, (row, eval))| (i, row, eval))
}

/// Whether a row is scored by criteria, not against a target (the evaluation framework's 项目决策 and
/// 项目管理 rows): its blank or unjudgeable target is what the layout has there.
fn by_criteria(ctx: &Ctx, row: &Indicator) -> bool {
    crate::read::family::by_criteria(ctx.sheet.layout, row)
}

/// The stated score and weight, when both are numbers and the score is within range.
fn scored(eval: &Evaluation) -> Option<(Decimal, Decimal)> {
    let (score, weight) = (eval.score?, eval.weight?);
    (score >= Decimal::ZERO && score <= weight).then_some((score, weight))
}

/// A finding on an indicator's 得分 cell, with the score it should have.
fn on_score(code: Code, i: usize, row: &Indicator, message: String, expected: String) -> Finding {
    Finding::new(code, message).at_opt(pos(&row.score)).field(format!("indicators[{i}].score")).fix(expected)
}

/// The message of an unmet quantitative target: what was given (`却得满分 10`, `填报 8 分`) and what the
/// proportion gives.
fn unmet_message(row: &Indicator, eval: &Evaluation, given: String, exact: Decimal) -> String {
    format!(
        "{}：“{}”完成值 {} 未达到指标值 {}，{given}；按 {} 应为 {}。",
        name(&row.score),
        row.display_name(),
        row.actual_text(),
        row.target_text(),
        formula(row, eval),
        show(exact)
    )
}

/// I001: an indicator's 分值 or 得分 is blank or not a number, where the table has that column.
/// Basis: 财预〔2020〕10号 附1; every indicator carries its weight and its score.
pub fn cells_blank(ctx: &Ctx, out: &mut Vec<Finding>) {
    let Some(table) = &ctx.sheet.indicators else { return };
    let columns = [(&table.columns.weight, "weight"), (&table.columns.score, "score")];
    let merged = merged_scores(&table.rows, table.columns.weight.is_none());
    for (i, row, _) in rows(ctx) {
        for (cell, label, field) in [(&row.weight, "分值", "weight"), (&row.score, "得分", "score")] {
            // A layout without a 分值 column (20/80) has no weight to fill in.
            if columns.iter().any(|(c, f)| *f == field && c.is_none()) {
                continue;
            }
            if field == "score" && merged[i] {
                continue;
            }
            let problem = match crate::model::num(cell) {
                Num::Blank | Num::Dash => "未填写".to_owned(),
                Num::Invalid => format!("“{}”不是数字", text(cell)),
                Num::Number(_) => continue,
            };
            let message = format!("{}：“{}”的{label}{problem}。", name(cell), row.display_name());
            out.push(
                Finding::new(Code::IndicatorCellBlank, message)
                    .at_opt(pos(cell).or(pos(&row.name)))
                    .field(format!("indicators[{i}].{field}")),
            );
        }
    }
}

/// Which rows' blank 得分 is a merged cell's, in a table with no 分值 column (Hubei's 20/80 forms score
/// each 二级 block once, its 得分 merged down its rows; pasted, the rows under the first are blank): a
/// blank score under a scored row of the same 二级, or anywhere in a 一级 whose stated scores already
/// make up the points its label declares (`效益指标(30分)`: 10 + 10 + 10).
fn merged_scores(rows: &[Indicator], no_weights: bool) -> Vec<bool> {
    let pos = |cell: &Option<crate::model::Cell>| cell.as_ref().map(|c| c.pos);
    let score = |row: &Indicator| crate::model::num(&row.score).number();
    (0..rows.len())
        .map(|i| {
            let row = &rows[i];
            if !no_weights || score(row).is_some() || !crate::model::num(&row.score).is_blank() {
                return false;
            }
            let above = |same: &dyn Fn(&Indicator) -> bool| rows[..i].iter().any(|r| same(r) && score(r).is_some());
            let same_level2 = |r: &Indicator| pos(&r.level2).is_some() && pos(&r.level2) == pos(&row.level2);
            let same_level1 = |r: &Indicator| pos(&r.level1).is_some() && pos(&r.level1) == pos(&row.level1);
            let made_up =
                row.level1.as_ref().and_then(|l| crate::model::declared_points(l.text())).is_some_and(|points| {
                    rows.iter().filter(|r| same_level1(r)).filter_map(score).sum::<Decimal>() == points
                });
            above(&same_level2) || (made_up && above(&same_level1))
        })
        .collect()
}

/// I002: 得分 is above 分值 or below 0.
/// Basis: a score lies between 0 and the weight.
pub fn score_in_range(ctx: &Ctx, out: &mut Vec<Finding>) {
    for (i, row, eval) in rows(ctx) {
        let (Some(score), Some(weight)) = (eval.score, eval.weight) else { continue };
        if score > weight || score < Decimal::ZERO {
            let message = format!(
                "{}：“{}”得分 {} 超出 0 至分值 {} 的范围。",
                name(&row.score),
                row.display_name(),
                show(score),
                show(weight)
            );
            out.push(on_score(Code::ScoreOutOfRange, i, row, message, show(eval.rule_score)));
        }
    }
}

/// I011: the target or the completion is blank but a score above 0 is given; one finding a row, on
/// the first blank cell, naming both when both are blank. Basis: without a target and a completion
/// nothing can be scored.
pub fn blank_value_scored(ctx: &Ctx, out: &mut Vec<Finding>) {
    for (i, row, eval) in rows(ctx) {
        if by_criteria(ctx, row) {
            continue;
        }
        let Some(score) = eval.score.filter(|s| *s > Decimal::ZERO) else { continue };
        let blanks: Vec<(&Option<crate::model::Cell>, &str, &str)> =
            [(&eval.target, &row.target, "年度指标值", "target"), (&eval.actual, &row.actual, "实际完成值", "actual")]
                .into_iter()
                // A value the table has no column for is not blank: the layout has no place for it.
                .filter(|(value, cell, ..)| **value == Value::Blank && cell.is_some())
                .map(|(_, cell, label, field)| (cell, label, field))
                .collect();
        let Some(&(cell, _, field)) = blanks.first() else { continue };
        let labels: Vec<&str> = blanks.iter().map(|b| b.1).collect();
        let message =
            format!("{}：“{}”的{}为空，却给了 {} 分。", name(cell), row.display_name(), labels.join("和"), show(score));
        out.push(
            Finding::new(Code::BlankValueScored, message)
                .at_opt(pos(cell).or(pos(&row.score)))
                .field(format!("indicators[{i}].{field}"))
                .expected("0"),
        );
    }
}

/// The proportion a message shows: `完成值 95 ÷ 指标值 98 × 分值 10`.
fn formula(row: &Indicator, eval: &Evaluation) -> String {
    let number = |v: &Value| match v {
        Value::Quantity(q) => show(q.number),
        _ => String::new(),
    };
    let weight = eval.weight.map(show).unwrap_or_default();
    if eval.direction == Some(crate::score::Direction::Reverse) {
        format!("指标值 {} ÷ 完成值 {} × 分值 {weight}", number(&eval.target), number(&eval.actual))
    } else if eval.direction == Some(crate::score::Direction::Zero) {
        format!("指标值为 0 而完成值为 {}，记 0 分", row.actual_text())
    } else {
        format!("完成值 {} ÷ 指标值 {} × 分值 {weight}", number(&eval.actual), number(&eval.target))
    }
}

/// I003: a quantitative target is not met, yet the indicator has full marks.
/// Basis: 财预〔2020〕10号, "未完成指标值的，按照完成值与指标值的比例记分".
pub fn unmet_full_marks(ctx: &Ctx, out: &mut Vec<Finding>) {
    for (i, row, eval) in rows(ctx) {
        let (Some(exact), Some((score, weight))) = (eval.exact, scored(eval)) else { continue };
        if eval.judgement == Judgement::NotMet && ctx.profile.agrees(score, weight) && below(ctx.profile, exact, weight)
        {
            let message = unmet_message(row, eval, format!("却得满分 {}", show(score)), exact);
            out.push(on_score(Code::UnmetFullMarks, i, row, message, show(exact)));
        }
    }
}

/// I004: a quantitative target is not met and the score (below full marks) is not the proportional one.
/// Basis: 财预〔2020〕10号, "按照完成值与指标值的比例记分"; reverse indicators by target ÷ completion.
pub fn unmet_not_proportional(ctx: &Ctx, out: &mut Vec<Finding>) {
    for (i, row, eval) in rows(ctx) {
        let (Some(exact), Some((score, weight))) = (eval.exact, scored(eval)) else { continue };
        if eval.judgement == Judgement::NotMet
            && !ctx.profile.agrees(score, weight)
            && !ctx.profile.agrees(score, exact)
        {
            let message = unmet_message(row, eval, format!("填报 {} 分", show(score)), exact);
            out.push(on_score(Code::UnmetNotProportional, i, row, message, show(exact)));
        }
    }
}

/// I005: a quantitative target is met but points were deducted.
/// Basis: 财预〔2020〕10号, "完成指标值的，记该指标所赋全部分值".
pub fn met_but_deducted(ctx: &Ctx, out: &mut Vec<Finding>) {
    for (i, row, eval) in rows(ctx) {
        let (Some(_), Some((score, weight))) = (eval.exact, scored(eval)) else { continue };
        if eval.judgement == Judgement::Met && below(ctx.profile, score, weight) {
            let message = format!(
                "{}：“{}”完成值 {} 已达到指标值 {}，应得满分 {}，填报 {} 分。",
                name(&row.score),
                row.display_name(),
                row.actual_text(),
                row.target_text(),
                show(weight),
                show(score)
            );
            out.push(on_score(Code::MetButDeducted, i, row, message, show(weight)));
        }
    }
}

/// I012: a qualitative indicator's score is outside the band of its judged level.
/// Basis: 财预〔2020〕10号, 达成 80–100%, 部分达成 60–80%, 未达成 0–60% of the weight.
pub fn qualitative_band(ctx: &Ctx, out: &mut Vec<Finding>) {
    for (i, row, eval) in rows(ctx) {
        let (Some((lo, hi)), Some((score, _))) = (eval.band, scored(eval)) else { continue };
        if below(ctx.profile, score, lo) || below(ctx.profile, hi, score) {
            let band = format!("{}–{}", show(lo), show(hi));
            let message = format!(
                "{}：“{}”判定为{}（“{}”），得分应在 {band} 分之间，填报 {} 分。",
                name(&row.score),
                row.display_name(),
                eval.judgement.label(),
                row.actual_text(),
                show(score)
            );
            out.push(
                Finding::new(Code::QualitativeOutOfBand, message)
                    .at_opt(pos(&row.score))
                    .field(format!("indicators[{i}].score"))
                    .expected(band),
            );
        }
    }
}

/// I006: a 偏差原因 is required (target not or partly met, or a score below its weight) but missing. The
/// reason goes in the row's reason column; a layout without one (20/80) has one reasons row under the
/// table, required when any target is missed or the budget is not fully executed. Words that fill a
/// cell but say nothing (无, /, 暂无, 无偏差) are no reason. Basis: 财预〔2020〕10号, "对未完成绩效目标或
/// 偏离绩效目标较大的项目要分析并说明原因".
pub fn reason_missing(ctx: &Ctx, out: &mut Vec<Finding>) {
    let has_column = ctx.sheet.indicators.as_ref().is_some_and(|t| t.columns.reason.is_some());
    let mut missed: Vec<String> = Vec::new();
    for (i, row, eval) in rows(ctx) {
        let unmet = matches!(eval.judgement, Judgement::NotMet | Judgement::Partly);
        let deducted = matches!((eval.score, eval.weight), (Some(s), Some(w)) if below(ctx.profile, s, w));
        if !(unmet || deducted) {
            continue;
        }
        let why = if unmet {
            format!("完成值 {} 未达到指标值 {}", row.actual_text(), row.target_text())
        } else {
            format!("得分 {} 低于分值 {}", show(eval.score.unwrap_or_default()), show(eval.weight.unwrap_or_default()))
        };
        if !has_column {
            missed.push(format!("“{}”{why}", row.display_name()));
        } else if !eval.has_reason {
            let message = format!("{}：“{}”{why}，须填写偏差原因分析。", name(&row.reason), row.display_name());
            out.push(
                Finding::new(Code::ReasonMissing, message)
                    .at_opt(pos(&row.reason).or(pos(&row.actual)))
                    .field(format!("indicators[{i}].reason")),
            );
        }
    }
    if has_column {
        return;
    }
    let Some(block) = &ctx.sheet.reasons else { return };
    let budget = &ctx.scores.budget;
    if let Some(rate) = budget.rate.filter(|r| *r < Decimal::ONE_HUNDRED) {
        missed.push(format!("预算执行率 {}%", show(crate::score::round2(rate))));
    }
    if missed.is_empty() || crate::judge::says_a_reason(text(&block.value)) {
        return;
    }
    let at = block.value.as_ref().map_or(block.label.pos, |c| c.pos);
    let message = format!("{at}：{}，须在“{}”一栏说明原因。", missed.join("；"), block.label.text());
    out.push(Finding::new(Code::ReasonMissing, message).at(at).field("reasons"));
}

/// I007: a 偏差原因 is written although the target is met with full marks and not far exceeded.
/// Basis: a deviation analysis belongs to indicators that deviate; here it contradicts the score.
pub fn reason_without_deviation(ctx: &Ctx, out: &mut Vec<Finding>) {
    for (i, row, eval) in rows(ctx) {
        let Some((score, weight)) = scored(eval) else { continue };
        if eval.has_reason && eval.judgement == Judgement::Met && !eval.far_above && !below(ctx.profile, score, weight)
        {
            let message = format!(
                "{}：“{}”完成值 {} 已达到指标值 {} 且得满分，却写有偏差原因“{}”。",
                name(&row.reason),
                row.display_name(),
                row.actual_text(),
                row.target_text(),
                text(&row.reason)
            );
            out.push(
                Finding::new(Code::ReasonWithoutDeviation, message)
                    .at_opt(pos(&row.reason))
                    .field(format!("indicators[{i}].reason")),
            );
        }
    }
}

/// I008: the completion's unit differs from the target's (`篇次` vs `件`).
/// Basis: a completion is measured in the target's unit, or the two cannot be compared.
pub fn unit_mismatch(ctx: &Ctx, out: &mut Vec<Finding>) {
    for (i, row, eval) in rows(ctx) {
        let (Value::Quantity(t), Value::Quantity(c)) = (&eval.target, &eval.actual) else { continue };
        if !t.unit.is_empty() && !c.unit.is_empty() && t.unit != c.unit {
            let message = format!(
                "{}：“{}”完成值单位“{}”与指标值单位“{}”不一致。",
                name(&row.actual),
                row.display_name(),
                c.unit,
                t.unit
            );
            out.push(
                Finding::new(Code::UnitMismatch, message)
                    .at_opt(pos(&row.actual))
                    .field(format!("indicators[{i}].actual"))
                    .expected(t.unit.clone()),
            );
        }
    }
}

/// I009: the completion is written as a bound (`≥470000人次`), not as the value achieved.
/// Basis: 实际完成值 is what was achieved; the number is used, but the cell should state it exactly.
pub fn completion_bound(ctx: &Ctx, out: &mut Vec<Finding>) {
    for (i, row, eval) in rows(ctx) {
        let Value::Quantity(c) = &eval.actual else { continue };
        let Some(cmp) = c.cmp.filter(|&cmp| cmp != crate::value::Cmp::Eq) else { continue };
        // A sign or a word (`≥470000人次`, `不少于`), or a round number (`100余人`).
        let written = row.actual_text();
        let how = if written.contains(['≥', '≤', '>', '<', '＞', '＜', '≧', '≦']) || written.contains("于") {
            format!("带有“{}”", cmp.symbol())
        } else {
            "是概数".to_owned()
        };
        let message = format!(
            "{}：“{}”完成值写作“{written}”，{how}，应填写实际数值；按 {}{} 计分。",
            name(&row.actual),
            row.display_name(),
            show(c.number),
            c.unit
        );
        out.push(
            Finding::new(Code::CompletionBound, message)
                .at_opt(pos(&row.actual))
                .field(format!("indicators[{i}].actual"))
                .fix(format!("{}{}", show(c.number), c.unit)),
        );
    }
}

/// I010: the completion is at or above the profile's far-above multiple of the target (130%) and no
/// reason is given. Never deducted automatically. Basis: 偏离绩效目标较大 needs a reason (广西 practice).
pub fn far_above(ctx: &Ctx, out: &mut Vec<Finding>) {
    for (i, row, eval) in rows(ctx) {
        if eval.far_above && !eval.has_reason {
            let message = format!(
                "{}：“{}”完成值 {} 达到指标值 {} 的 {}% 以上，超额较大，须说明原因（指标值是否偏低）。",
                name(&row.reason),
                row.display_name(),
                row.actual_text(),
                row.target_text(),
                show(ctx.profile.far_above_ratio * Decimal::ONE_HUNDRED)
            );
            out.push(
                Finding::new(Code::FarAbove, message)
                    .at_opt(pos(&row.reason).or(pos(&row.actual)))
                    .field(format!("indicators[{i}].reason")),
            );
        }
    }
}

/// I013: the 二级指标 is not one of its 一级's (数量/质量/时效/成本 under 产出, and so on), or a 二级
/// 经济效益指标 holds indicators that say nothing economic (`全市安全度汛`: a social benefit).
/// Basis: 财预〔2020〕10号 indicator system. Reported once per 二级 cell.
pub fn level2_belongs(ctx: &Ctx, out: &mut Vec<Finding>) {
    let mut seen = BTreeSet::new();
    not_economic(ctx, &mut seen, out);
    for (i, row, _) in rows(ctx) {
        let (Some(level1), Some(level2)) = (&row.level1, &row.level2) else { continue };
        let category = row.category();
        if category == Category::Other || !seen.insert(level2.pos) {
            continue;
        }
        let also = crate::read::family::of(ctx.sheet.layout).also_holds;
        let held = also.iter().any(|(c, other)| *c == category && other.holds_level2(level2.text()));
        if !category.holds_level2(level2.text()) && !held {
            let valid: Vec<String> = category.level2().iter().map(|l| format!("{l}指标")).collect();
            let message = format!(
                "{}：二级指标“{}”不属于一级指标“{}”，应为{}之一。",
                level2.pos,
                level2.text(),
                level1.text(),
                valid.join("、")
            );
            out.push(
                Finding::new(Code::Level2Mismatch, message).at(level2.pos).field(format!("indicators[{i}].level2")),
            );
        }
    }
}

/// The 经济效益指标 cells whose every indicator says nothing economic in its name, target or completion
/// ([`crate::model::ECONOMIC`]): one finding on the 二级 cell.
fn not_economic(ctx: &Ctx, seen: &mut BTreeSet<crate::grid::Pos>, out: &mut Vec<Finding>) {
    let mut groups: Vec<(&crate::model::Cell, Vec<&Indicator>)> = Vec::new();
    for (_, row, _) in rows(ctx) {
        let Some(level2) = row.level2.as_ref().filter(|c| crate::text::label_key(c.text()).starts_with("经济效益"))
        else {
            continue;
        };
        match groups.iter_mut().find(|(c, _)| c.pos == level2.pos) {
            Some((_, rows)) => rows.push(row),
            None => groups.push((level2, vec![row])),
        }
    }
    for (level2, members) in groups {
        let says = |row: &&Indicator| {
            let all = format!("{}{}{}", text(&row.name), row.target_text(), row.actual_text());
            crate::model::ECONOMIC.iter().any(|w| all.contains(w))
        };
        if members.iter().any(says) || !seen.insert(level2.pos) {
            continue;
        }
        let names: Vec<String> = members.iter().map(|r| format!("“{}”", r.display_name())).collect();
        let message = format!(
            "{}：二级指标“{}”下的{}没有经济方面的内容（收入、产值、成本、节约资金等），似应归入社会效益或其他二级指标。",
            level2.pos,
            level2.text(),
            names.join("、")
        );
        out.push(Finding::new(Code::Level2Mismatch, message).at(level2.pos).field("indicators.level2"));
    }
}

/// I016: where the table has a 得分系数 column (Chongqing), 指标得分 is not 得分系数 × 指标权重, or the
/// coefficient is not what the completion gives: 100% for a met target, the completion's share of it
/// for a missed one. Basis: 重庆 部门整体绩效自评表, 指标得分 = 得分系数 × 指标权重.
pub fn coefficient_matches(ctx: &Ctx, out: &mut Vec<Finding>) {
    for (i, row, eval) in rows(ctx) {
        let Some(cell) = row.coefficient.as_ref() else { continue };
        let Some(written) = crate::value::parse_rate(cell.text()).map(|r| r.percent) else { continue };
        let (Some(weight), Some(score)) = (eval.weight, eval.score) else { continue };
        let product = |percent: Decimal| crate::score::round2(percent * weight / Decimal::ONE_HUNDRED);
        // A coefficient written as a fraction (`1`, `0.7274`) under its `(%)` head is that share.
        let stated = if written <= Decimal::ONE && ctx.profile.agrees(score, product(written * Decimal::ONE_HUNDRED)) {
            written * Decimal::ONE_HUNDRED
        } else {
            written
        };
        let product = product(stated);
        if !ctx.profile.agrees(score, product) {
            let message = format!(
                "{}：“{}”得分系数 {}% × 指标权重 {} 应为 {}，填报指标得分 {}。",
                name(&row.score),
                row.display_name(),
                show(stated),
                show(weight),
                show(product),
                show(score)
            );
            out.push(
                Finding::new(Code::CoefficientMismatch, message)
                    .at_opt(pos(&row.score))
                    .field(format!("indicators[{i}].score"))
                    .fix(show(product)),
            );
            continue;
        }
        // The coefficient the completion gives, for a quantitative indicator: 100% when met, else the share.
        let (Value::Quantity(t), Value::Quantity(c)) = (&eval.target, &eval.actual) else { continue };
        let (_, _, ratio) = crate::score::judge_quantity(t, c);
        let wanted = crate::score::round2(ratio.min(Decimal::ONE) * Decimal::ONE_HUNDRED);
        if !ctx.profile.agrees(stated, wanted) {
            let message = format!(
                "{}：“{}”完成值 {}，指标值 {}，得分系数应为 {}%，填报 {}%。",
                cell.pos,
                row.display_name(),
                row.actual_text(),
                row.target_text(),
                show(wanted),
                show(stated)
            );
            out.push(
                Finding::new(Code::CoefficientMismatch, message)
                    .at(cell.pos)
                    .field(format!("indicators[{i}].coefficient"))
                    .fix(format!("{}%", show(wanted))),
            );
        }
    }
}

/// I014: a target or completion that cannot be read (`≥abc`), or a completion that cannot be judged
/// against its target. Basis: RULES.md §2 value notation; such an indicator is left as stated.
pub fn unreadable(ctx: &Ctx, out: &mut Vec<Finding>) {
    for (i, row, eval) in rows(ctx).filter(|(_, row, _)| !by_criteria(ctx, row)) {
        for (value, cell, label, field) in
            [(&eval.target, &row.target, "年度指标值", "target"), (&eval.actual, &row.actual, "实际完成值", "actual")]
        {
            if *value == Value::Unreadable {
                let message = format!("{}：“{}”的{label}“{}”无法识别。", name(cell), row.display_name(), text(cell));
                out.push(
                    Finding::new(Code::Unreadable, message).at_opt(pos(cell)).field(format!("indicators[{i}].{field}")),
                );
            }
        }
        let both_written = !matches!(eval.target, Value::Blank | Value::Unreadable)
            && !matches!(eval.actual, Value::Blank | Value::Unreadable);
        if both_written && eval.judgement == Judgement::Unknown {
            let message = format!(
                "{}：无法判断“{}”的完成值“{}”是否达到指标值“{}”，按填报得分计。",
                name(&row.actual),
                row.display_name(),
                row.actual_text(),
                row.target_text()
            );
            out.push(
                Finding::new(Code::Unreadable, message)
                    .at_opt(pos(&row.actual))
                    .field(format!("indicators[{i}].actual")),
            );
        }
    }
}

/// I015: a completion or target written as a fraction against a percentage (`0.98` against `≥95%`),
/// as an Excel percent cell pasted as a value: read as 98%, and said; never an error for the notation.
/// Basis: a percentage indicator is written in percent.
pub fn value_as_fraction(ctx: &Ctx, out: &mut Vec<Finding>) {
    for (i, row, eval) in rows(ctx) {
        let Some(which) = eval.fraction else { continue };
        let (cell, label, field) = match which {
            crate::score::Fraction::Actual => (&row.actual, "实际完成值", "actual"),
            crate::score::Fraction::Target => (&row.target, "年度指标值", "target"),
        };
        let value = match (which, &eval.actual, &eval.target) {
            (crate::score::Fraction::Actual, Value::Quantity(q), _)
            | (crate::score::Fraction::Target, _, Value::Quantity(q)) => {
                format!("{}%", show(q.number))
            }
            _ => continue,
        };
        let message =
            format!("{}：“{}”的{label}“{}”写作小数，按 {value} 读取。", name(cell), row.display_name(), text(cell));
        out.push(
            Finding::new(Code::ValueAsFraction, message)
                .at_opt(pos(cell))
                .field(format!("indicators[{i}].{field}"))
                .fix(value),
        );
    }
}
