//! Checks of the 项目资金 block: execution rate, budget execution score, sums, blanks.

use rust_decimal::{Decimal, RoundingStrategy};

use super::{name, pos, Ctx, Finding};
use crate::finding::Code;
use crate::model::Layout;
use crate::model::{num, text, Cell, FundsRow, InlineBreakdown};
use crate::score::round2;
use crate::text::has;
use crate::value::{show, Num, Rate};

/// The row the budget execution is scored on ([`crate::model::Funds::scored`]).
fn total<'a>(ctx: &Ctx<'a>) -> Option<&'a FundsRow> {
    ctx.sheet.funds.as_ref()?.scored()
}

/// F005: a required cell of the 年度资金总额 row is blank: 全年预算数, 全年执行数, 分值, 执行率 or 得分.
/// Basis: 财预〔2020〕10号 附1; without them the budget execution cannot be scored.
pub fn cells_blank(ctx: &Ctx, out: &mut Vec<Finding>) {
    let Some(row) = total(ctx) else { return };
    let required: [(&Option<Cell>, &str, &str); 5] = [
        (&row.budget, "全年预算数", "budget"),
        (&row.executed, "全年执行数", "executed"),
        (&row.points, "分值", "points"),
        (&row.rate, "执行率", "rate"),
        (&row.score, "得分", "score"),
    ];
    // A block that declares its points (`预算执行情况(20分)`) has no 分值 column to fill in; one whose
    // budget is scored on an indicator row, or not at all, has neither 分值 nor 得分 of its own.
    let declared = ctx.sheet.funds.as_ref().is_some_and(|f| f.declared_points.is_some());
    let scored_here = crate::read::family::of(ctx.sheet.layout).budget == crate::read::family::BudgetAs::Block;
    for (cell, label, field) in required {
        if field == "points" && declared && cell.is_none() {
            continue;
        }
        if matches!(field, "points" | "score") && !scored_here && cell.as_ref().is_none_or(|c| c.is_blank()) {
            continue;
        }
        let message = match num(cell) {
            Num::Blank | Num::Dash if cell.is_none() => format!("{}：年度资金总额行缺少“{label}”一栏。", row.label.pos),
            Num::Blank | Num::Dash => format!("{}：年度资金总额的“{label}”未填写。", name(cell)),
            Num::Invalid if field != "rate" => {
                format!("{}：年度资金总额的“{label}”“{}”不是数字。", name(cell), text(cell))
            }
            _ => continue,
        };
        let finding = Finding::new(Code::FundsCellBlank, message)
            .at_opt(pos(cell).or(Some(row.label.pos)))
            .field(format!("funds.total.{field}"));
        // What the rules put in a blank cell they determine: the rate B/A, the budget score, the points.
        let budget = &ctx.scores.budget;
        let value = match field {
            "rate" if cell.is_some() => budget.rate.map(|r| format!("{}%", show(round2(r)))),
            "score" if cell.is_some() => budget.rule_score.map(show),
            "points" if cell.is_some() => Some(show(budget.points)),
            _ => None,
        };
        out.push(match value {
            Some(v) => finding.fix(v),
            None => finding,
        });
    }
}

/// How a stated rate reads against B/A.
enum RateReading {
    /// It is B/A at the precision written, or within the tolerance.
    Agrees,
    /// It is B/A written as a fraction (`0.8618` for 86.18%): an Excel percent cell pasted as a value.
    Fraction,
    /// It is not B/A.
    Differs,
}

/// Reads a stated rate against the computed one (in percent), at the precision it is written in,
/// rounded either way (`99%` stands for 99.10%; `86.19%` for 86.18%).
fn read_rate(ctx: &Ctx, stated: Rate, computed: Decimal) -> RateReading {
    let at_precision = |value: Decimal, dp: u32, truth: Decimal| {
        let floor = truth.round_dp_with_strategy(dp, RoundingStrategy::ToNegativeInfinity);
        let ceil = truth.round_dp_with_strategy(dp, RoundingStrategy::ToPositiveInfinity);
        floor <= value && value <= ceil
    };
    if at_precision(stated.percent, stated.decimals, computed) || ctx.profile.agrees(stated.percent, computed) {
        return RateReading::Agrees;
    }
    let fraction = computed.checked_div(Decimal::ONE_HUNDRED).unwrap_or_default();
    let as_percent = stated.percent.checked_mul(Decimal::ONE_HUNDRED);
    if stated.percent <= Decimal::new(15, 1)
        && !stated.percent.is_zero()
        && (at_precision(stated.percent, stated.decimals, fraction)
            || as_percent.is_some_and(|p| ctx.profile.agrees(p, computed)))
    {
        return RateReading::Fraction;
    }
    RateReading::Differs
}

/// F001: the stated 执行率 is not B/A (全年执行数 ÷ 全年预算数). It is compared at the precision it is
/// written in, rounded either way (`99%` stands for 99.10%; `86.19%` for 86.18%), or within the
/// tolerance; a fraction that is B/A (`0.8618`) is F007's, not this. Basis: the template's column
/// 执行率(B/A); A is the adjusted 全年预算数.
pub fn rate_matches(ctx: &Ctx, out: &mut Vec<Finding>) {
    let Some(row) = total(ctx) else { return };
    let (Some(computed), Some(cell)) = (ctx.scores.budget.rate, &row.rate) else { return };
    if cell.is_blank() {
        return;
    }
    let expected = format!("{}%", show(round2(computed)));
    let formula = format!("{}÷{}", text(&row.executed), text(&row.budget));
    let Some(stated) = ctx.scores.budget.stated_rate else {
        let message = format!("{}：执行率“{}”无法识别，按 {formula} 应为 {expected}。", cell.pos, cell.text());
        out.push(Finding::new(Code::RateMismatch, message).at(cell.pos).field("funds.total.rate").fix(expected));
        return;
    };
    if let RateReading::Differs = read_rate(ctx, stated, computed) {
        let message = format!(
            "{}：执行率填写 {}，按 全年执行数÷全年预算数 = {formula} 计算为 {expected}。",
            cell.pos,
            cell.text()
        );
        out.push(Finding::new(Code::RateMismatch, message).at(cell.pos).field("funds.total.rate").fix(expected));
    }
}

/// F007: the 执行率 is B/A written as a fraction (`0.8618` for 86.18%), as an Excel percent cell pasted
/// as a value: read as the percentage, and said, never an error for the notation alone.
/// Basis: 执行率(B/A) is a percentage.
pub fn rate_as_fraction(ctx: &Ctx, out: &mut Vec<Finding>) {
    let Some(row) = total(ctx) else { return };
    let (Some(computed), Some(cell), Some(stated)) = (ctx.scores.budget.rate, &row.rate, ctx.scores.budget.stated_rate)
    else {
        return;
    };
    if let RateReading::Fraction = read_rate(ctx, stated, computed) {
        let percent = show(stated.percent * Decimal::ONE_HUNDRED);
        let message = format!(
            "{}：执行率写作小数 {}，按 {percent}% 读取（B/A 为 {}%）。",
            cell.pos,
            cell.text(),
            show(round2(computed))
        );
        out.push(
            Finding::new(Code::RateAsFraction, message)
                .at(cell.pos)
                .field("funds.total.rate")
                .fix(format!("{}%", show(round2(computed)))),
        );
    }
}

/// F002: the budget execution 得分 is not min(执行率, 100%) × 分值, to 2 decimals within the tolerance.
/// A score rounded to a whole number changes the total, so it is an error too. Basis: 执行率×该指标分值，
/// 最高不得超过分值上限 (海淀 2016 and common practice).
pub fn score_matches(ctx: &Ctx, out: &mut Vec<Finding>) {
    let budget = &ctx.scores.budget;
    // The cell the score is written in: the funds row's, or the indicator row's that holds the budget.
    let (cell, field) = match budget.row {
        Some(i) => (
            ctx.sheet.indicators.as_ref().and_then(|t| t.rows.get(i)).and_then(|r| r.score.as_ref()),
            format!("indicators[{i}].score"),
        ),
        None => (total(ctx).and_then(|r| r.score.as_ref()), "funds.total.score".to_owned()),
    };
    let (Some(cell), Some(rule), Some(stated)) = (cell, budget.rule_score, budget.stated_score) else { return };
    if ctx.profile.agrees(stated, rule) {
        return;
    }
    let rate = budget.rate.map(|r| show(round2(r.min(Decimal::ONE_HUNDRED)))).unwrap_or_default();
    let rounding = if stated.fract().is_zero()
        && stated == rule.round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero)
    {
        "，疑似取整"
    } else {
        ""
    };
    let message = format!(
        "{}：预算执行得分填写 {}，按 执行率 {rate}% × 分值 {} 应为 {}{rounding}。",
        cell.pos,
        show(stated),
        show(budget.points),
        show(rule)
    );
    out.push(Finding::new(Code::BudgetScoreMismatch, message).at(cell.pos).field(field).fix(show(rule)));
}

/// F003: 年度资金总额 is not the sum of its 其中 rows, per column (年初预算数, 全年预算数, 全年执行数), and
/// per breakdown where the block breaks the total down more than one way (按收入性质分, 按支出性质分).
/// Basis: 年度资金总额 = 当年财政拨款 + 上年结转资金 + 其他资金.
pub fn total_is_sum(ctx: &Ctx, out: &mut Vec<Finding>) {
    let Some(funds) = &ctx.sheet.funds else { return };
    let Some(total) = &funds.total else { return };
    inline_sums(ctx, total, &funds.inline, out);
    type Column = fn(&FundsRow) -> &Option<Cell>;
    let columns: [(Column, &str, &str); 3] = [
        (|r| &r.initial, "年初预算数", "initial"),
        (|r| &r.budget, "全年预算数", "budget"),
        (|r| &r.executed, "全年执行数", "executed"),
    ];
    let mut groups: Vec<usize> = funds.parts.iter().map(|p| p.group).collect();
    groups.dedup();
    // A department-wide form's sub-rows are summed only where their breakdown is labelled.
    if ctx.sheet.layout == Layout::Department {
        groups.retain(|&g| g > 0);
    }
    for group in groups {
        for (column, label, field) in columns {
            let Some(stated) = num(column(total)).number() else { continue };
            let rows: Vec<(&FundsRow, Decimal)> = funds
                .parts
                .iter()
                .filter(|p| p.group == group && !p.sub)
                .filter_map(|p| Some((p, num(column(p)).number()?)))
                .collect();
            if rows.is_empty() {
                continue;
            }
            let Some(sum) = add_up(rows.iter().map(|r| r.1)) else { continue };
            // A breakdown of one part nested under it (`其中：中央补助` under 当年财政拨款) is counted once:
            // the template's own parts adding up is a sum that agrees.
            let top = add_up(rows.iter().filter(|r| is_template_part(r.0.label.text())).map(|r| r.1));
            if !ctx.profile.agrees(stated, sum) && !top.is_some_and(|t| ctx.profile.agrees(stated, t)) {
                let parts: Vec<Decimal> = rows.iter().map(|r| r.1).collect();
                let shown: Vec<String> = parts.iter().map(|p| show(*p)).collect();
                let message = format!(
                    "{}：年度资金总额的{label}为 {}，其中各项之和为 {}（{}）。",
                    name(column(total)),
                    show(stated),
                    show(sum),
                    shown.join("+")
                );
                out.push(
                    Finding::new(Code::FundsNotSum, message)
                        .at_opt(pos(column(total)))
                        .field(format!("funds.total.{field}"))
                        .fix(show(sum)),
                );
            }
        }
    }
}

/// F003 for breakdowns written inside their label cells, which say no column: each breakdown's amount
/// must be one of the total row's (年初预算数, 全年预算数 or 全年执行数), and its parts must add up to it.
fn inline_sums(ctx: &Ctx, total: &FundsRow, breakdowns: &[InlineBreakdown], out: &mut Vec<Finding>) {
    let columns = [("年初预算数", &total.initial), ("全年预算数", &total.budget), ("全年执行数", &total.executed)];
    let totals: Vec<(&str, Decimal)> = columns.iter().filter_map(|(l, c)| Some((*l, num(c).number()?))).collect();
    for (i, breakdown) in breakdowns.iter().enumerate() {
        let (cell, Some(stated)) = &breakdown.head else { continue };
        let label = cell.text().split([':', '：']).next().unwrap_or("").trim();
        let field = format!("funds.inline[{i}]");
        if !totals.is_empty() && !totals.iter().any(|(_, t)| ctx.profile.agrees(*stated, *t)) {
            let shown: Vec<String> = totals.iter().map(|(l, t)| format!("{l} {}", show(*t))).collect();
            let message = format!(
                "{}：{label}合计 {}，与年度资金总额（{}）都不相同。",
                cell.pos.a1(),
                show(*stated),
                shown.join("、")
            );
            out.push(Finding::new(Code::FundsNotSum, message).at(cell.pos).field(field.clone()));
        }
        let amounts: Vec<Decimal> = breakdown.parts.iter().filter_map(|p| p.1).collect();
        let Some(sum) = add_up(amounts.iter().copied()).filter(|_| !amounts.is_empty()) else { continue };
        if !ctx.profile.agrees(*stated, sum) {
            let shown: Vec<String> = amounts.iter().map(|a| show(*a)).collect();
            let message = format!(
                "{}：{label}合计 {}，其下各项之和为 {}（{}）。",
                cell.pos.a1(),
                show(*stated),
                show(sum),
                shown.join("+")
            );
            out.push(Finding::new(Code::FundsNotSum, message).at(cell.pos).field(field));
        }
    }
}

/// The sum of amounts; `None` when it does not fit a decimal.
fn add_up(mut amounts: impl Iterator<Item = Decimal>) -> Option<Decimal> {
    amounts.try_fold(Decimal::ZERO, |acc, a| acc.checked_add(a))
}

/// The template's own 其中 rows, the sources a total is made of: 当年财政拨款, 上年结转资金, 其他资金 (and
/// their usual variants).
fn is_template_part(label: &str) -> bool {
    ["财政拨款", "财政资金", "结转", "其他资金", "自有资金", "单位资金", "社会资金", "专户"]
        .iter()
        .any(|w| has(label, w))
}

/// F004: more was executed than budgeted (全年执行数 > 全年预算数) in a row of the funds block.
/// Basis: spending is bounded by the adjusted budget; an excess needs explaining.
pub fn over_executed(ctx: &Ctx, out: &mut Vec<Finding>) {
    let Some(funds) = &ctx.sheet.funds else { return };
    let rows = funds.total.iter().map(|r| (r, "funds.total".to_owned()));
    let parts = funds.parts.iter().enumerate().map(|(i, r)| (r, format!("funds.parts[{i}]")));
    for (row, field) in rows.chain(parts) {
        let (Some(a), Some(b)) = (num(&row.budget).number(), num(&row.executed).number()) else { continue };
        if b > a {
            let message = format!(
                "{}：{}的全年执行数 {} 大于全年预算数 {}。",
                name(&row.executed),
                crate::text::fold(row.label.text()),
                show(b),
                show(a)
            );
            out.push(
                Finding::new(Code::OverExecuted, message).at_opt(pos(&row.executed)).field(format!("{field}.executed")),
            );
        }
    }
}

/// F006: 年初预算数 differs from 全年预算数: the budget was adjusted during the year, and the rate is
/// taken against the adjusted one. Basis: 执行率 = B/A with A the 全年预算数.
pub fn initial_differs(ctx: &Ctx, out: &mut Vec<Finding>) {
    // The 年度资金总额 row's own amounts, wherever the execution is scored.
    let Some(row) = ctx.sheet.funds.as_ref().and_then(|f| f.total.as_ref()) else { return };
    let (Some(initial), Some(budget)) = (num(&row.initial).number(), num(&row.budget).number()) else { return };
    if initial != budget {
        let message = format!(
            "{}：年初预算数 {} 与全年预算数 {} 不同（预算有调整），执行率以全年预算数计算。",
            name(&row.initial),
            show(initial),
            show(budget)
        );
        out.push(Finding::new(Code::InitialDiffers, message).at_opt(pos(&row.initial)).field("funds.total.initial"));
    }
}

/// F008: the execution rate is below the profile's threshold (Sichuan 2023: 90%) and the budget row's
/// 原因 says nothing, where the layout has that column. Basis: the Sichuan 2023 template, "预算执行率未
/// 达到90%的需说明原因"; the threshold is a profile setting.
pub fn reason_below_threshold(ctx: &Ctx, out: &mut Vec<Finding>) {
    let (Some(row), Some(threshold), Some(rate)) =
        (total(ctx), ctx.profile.budget_reason_below, ctx.scores.budget.rate)
    else {
        return;
    };
    let Some(cell) = &row.reason else { return };
    if rate < threshold && !crate::judge::says_a_reason(cell.text()) {
        let message =
            format!("{}：预算执行率 {}% 低于 {}%，须在“原因”一栏说明。", cell.pos, show(round2(rate)), show(threshold));
        out.push(Finding::new(Code::BudgetReasonMissing, message).at(cell.pos).field("funds.total.reason"));
    }
}
