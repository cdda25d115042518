//! Checks of the weights (分值): their total, their split over the 一级指标, declared weights.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::{Ctx, Finding};
use crate::finding::Code;
use crate::grid::Pos;
use crate::model::{declared_points, Category};
use crate::score::Evaluation;
use crate::value::show;

const HUNDRED: Decimal = Decimal::ONE_HUNDRED;

/// Where a weight finding points: the stated 分值 total, else the table's first 一级 cell.
fn weight_total_pos(ctx: &Ctx) -> Option<Pos> {
    let totals = ctx.sheet.totals.as_ref().and_then(|t| t.weight.as_ref()).map(|c| c.pos);
    totals.or_else(|| first_level1(ctx))
}

/// The first 一级指标 cell of the table, where findings of the whole table's weights point.
fn first_level1(ctx: &Ctx) -> Option<Pos> {
    let table = ctx.sheet.indicators.as_ref()?;
    table.rows.iter().find_map(|r| r.level1.as_ref()).map(|c| c.pos).or(table.columns.level1.as_ref().map(|c| c.pos))
}

/// W001: Σ indicator 分值 + budget execution 分值 is not 100.
/// Basis: 财预〔2020〕10号, a sheet is scored out of 100.
pub fn total_is_100(ctx: &Ctx, out: &mut Vec<Finding>) {
    let Some(table) = &ctx.sheet.indicators else { return };
    if table.rows.is_empty() || table.columns.weight.is_none() || ctx.scores.computed_weight == HUNDRED {
        return;
    }
    let budget = ctx.scores.budget.points;
    let message = if ctx.scores.budget.row.is_some() {
        // The budget execution is one of the indicators (an evaluation form's 预算执行率 row).
        format!("各指标分值之和为 {}，应为 100。", show(ctx.scores.computed_weight))
    } else {
        let indicators = ctx.scores.computed_weight.checked_sub(budget).unwrap_or_default();
        format!(
            "各指标分值之和 {} 加预算执行分值 {} 为 {}，应为 100。",
            show(indicators),
            show(budget),
            show(ctx.scores.computed_weight)
        )
    };
    out.push(
        Finding::new(Code::WeightTotal, message).at_opt(weight_total_pos(ctx)).field("totals.weight").expected("100"),
    );
}

/// W002: the 一级 split (产出 · 效益 · 满意度 · 预算执行) differs from the profile's, where the profile sets
/// one (the Sichuan and 20/80 profiles do not).
/// Basis: 财预〔2020〕10号, "原则上" 50 · 30 · 10 · 10; the split may be adjusted, so a warning.
pub fn split_matches_profile(ctx: &Ctx, out: &mut Vec<Finding>) {
    let Some(table) = &ctx.sheet.indicators else { return };
    let Some(w) = &ctx.profile.weights else { return };
    if table.rows.is_empty() {
        return;
    }
    let mut sums: BTreeMap<Category, Decimal> = BTreeMap::new();
    if table.columns.weight.is_some() {
        for (row, eval) in table.rows.iter().zip(&ctx.scores.indicators) {
            let entry = sums.entry(row.category()).or_default();
            *entry = entry.checked_add(eval.weight.unwrap_or_default()).unwrap_or(*entry);
        }
    } else {
        // Without a 分值 column the 一级 labels' declared points are the weights (`产出指标(50分)`).
        let mut seen = std::collections::BTreeSet::new();
        for row in &table.rows {
            let Some(cell) = row.level1.as_ref().filter(|c| seen.insert(c.pos)) else { continue };
            let Some(points) = declared_points(cell.text()) else { return };
            let entry = sums.entry(row.category()).or_default();
            *entry = entry.checked_add(points).unwrap_or(*entry);
        }
        if sums.is_empty() {
            return;
        }
    }
    let standard =
        [(Category::Output, w.output), (Category::Benefit, w.benefit), (Category::Satisfaction, w.satisfaction)];
    let budget = ctx.scores.budget.points;
    let differing = standard.iter().find(|(c, points)| sums.get(c).copied().unwrap_or_default() != *points);
    let budget_differs = budget != ctx.profile.budget_points;
    if differing.is_none() && !budget_differs && !sums.contains_key(&Category::Other) {
        return;
    }
    let mut stated: Vec<String> = standard
        .iter()
        .map(|(c, _)| format!("{} {}", c.name(), show(sums.get(c).copied().unwrap_or_default())))
        .collect();
    if let Some(other) = sums.get(&Category::Other) {
        stated.push(format!("其他 {}", show(*other)));
    }
    stated.push(format!("预算执行 {}", show(budget)));
    let mut wanted: Vec<String> = standard.iter().map(|(c, p)| format!("{} {}", c.name(), show(*p))).collect();
    wanted.push(format!("预算执行 {}", show(ctx.profile.budget_points)));
    let at = first_level1(ctx);
    let message = format!("一级指标分值为 {}，与评分配置的 {} 不同。", stated.join("、"), wanted.join("、"));
    out.push(Finding::new(Code::WeightSplit, message).at_opt(at).field("indicators").expected(wanted.join("、")));
}

/// Each 一级 and 二级 label that declares points (`产出指标(50分)`, `数量指标(10分)`): its cell, its text,
/// the points, and the sum of `value` over the rows under it.
fn declared_groups(ctx: &Ctx, value: fn(&Evaluation) -> Decimal) -> Vec<(Pos, String, Decimal, Decimal)> {
    let Some(table) = &ctx.sheet.indicators else { return Vec::new() };
    let mut groups: BTreeMap<Pos, (String, Decimal)> = BTreeMap::new();
    for (row, eval) in table.rows.iter().zip(&ctx.scores.indicators) {
        for cell in [&row.level1, &row.level2].into_iter().flatten() {
            let entry = groups.entry(cell.pos).or_insert_with(|| (cell.text().to_owned(), Decimal::ZERO));
            entry.1 = entry.1.checked_add(value(eval)).unwrap_or(entry.1);
        }
    }
    let label_cell = |at: Pos, label: &str| crate::model::Cell::new(at, label);
    groups
        .into_iter()
        .filter_map(|(at, (label, sum))| Some((at, label.clone(), table.declared(&label_cell(at, &label))?, sum)))
        .collect()
}

/// W003: a 一级 label declares its weight (`产出指标(50分)`) and its rows do not add up to it.
/// Basis: a declared weight is the sum of the weights under it.
pub fn declared_weights(ctx: &Ctx, out: &mut Vec<Finding>) {
    let Some(table) = &ctx.sheet.indicators else { return };
    if table.columns.weight.is_none() {
        return;
    }
    for (at, label, declared, sum) in declared_groups(ctx, |e| e.weight.unwrap_or_default()) {
        if declared != sum {
            let message = format!("{at}：“{label}”标注 {} 分，其下各指标分值之和为 {}。", show(declared), show(sum));
            out.push(Finding::new(Code::DeclaredWeight, message).at(at).field("indicators.level1").expected(show(sum)));
        }
    }
}

/// W005: in a table without a 分值 column (the 20/80 family), the scores under a label that declares
/// points add up to more than it declares: each 一级 (`产出指标(60分)`) and the whole block
/// (`年度绩效目标(80分)`). Basis: declared points are the most its indicators can score.
pub fn scores_within_declared(ctx: &Ctx, out: &mut Vec<Finding>) {
    let Some(table) = &ctx.sheet.indicators else { return };
    if table.columns.weight.is_some() {
        return;
    }
    let all = ctx
        .scores
        .indicators
        .iter()
        .fold(Decimal::ZERO, |a, e| a.checked_add(e.score.unwrap_or_default()).unwrap_or(a));
    let block =
        ctx.sheet.indicator_points.as_ref().map(|(points, cell)| (cell.pos, cell.text().to_owned(), *points, all));
    for (at, label, declared, sum) in declared_groups(ctx, |e| e.score.unwrap_or_default()).into_iter().chain(block) {
        if sum > declared && !ctx.profile.agrees(sum, declared) {
            let message = format!(
                "{at}：“{label}”标注 {} 分，其下各指标得分之和为 {}，超过标注分值。",
                show(declared),
                show(sum)
            );
            out.push(
                Finding::new(Code::ScoreAboveDeclared, message).at(at).field("indicators").expected(show(declared)),
            );
        }
    }
}

/// W004: the sheet has no 满意度 indicator.
/// Basis: 财预〔2020〕10号 gives 满意度 10 points in principle.
pub fn has_satisfaction(ctx: &Ctx, out: &mut Vec<Finding>) {
    let Some(table) = &ctx.sheet.indicators else { return };
    // A 满意度 indicator: under 满意度指标, under a 二级 of satisfaction (the evaluation framework puts it
    // under 项目效益), or named so in a table without 一级 (Chongqing's).
    let satisfaction = |r: &crate::model::Indicator| {
        r.category() == Category::Satisfaction
            || r.level2.as_ref().is_some_and(|c| Category::Satisfaction.holds_level2(c.text()))
            || (r.level1.is_none() && r.name.as_ref().is_some_and(|c| c.text().contains("满意")))
    };
    if !table.rows.is_empty() && !table.rows.iter().any(satisfaction) {
        let at = table.columns.level1.as_ref().map(|c| c.pos);
        out.push(Finding::new(Code::NoSatisfaction, "指标表中没有满意度指标。").at_opt(at).field("indicators"));
    }
}
