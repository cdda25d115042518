//! Sheet model → scores by the rules (RULES.md §3).
//!
//! For every indicator: what its target and completion say, whether the target is met, and the score
//! the rules give. For the sheet: the budget execution's rate and score, the stated, computed and
//! rule-based totals, and their grades. Checks compare what the sheet states with these.

use std::borrow::Cow;

use rust_decimal::{Decimal, RoundingStrategy};

use crate::judge::{is_absence, is_achievement, judge_text, names_lower_is_better, says_a_reason};
use crate::model::{num, text, Indicator, Sheet};
use crate::profile::Profile;
use crate::read::family::{self, BudgetAs};
use crate::text::label_key;
use crate::value::{parse_rate, parse_value, unit_scale, Cmp, Quantity, Rate, Value};

pub use crate::judge::Judgement;

/// Which way a quantitative indicator counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// More is better (`≥98%`, `1份`).
    Positive,
    /// Less is better (`≤5%`).
    Reverse,
    /// The target is zero (`0次`): anything above it is not met.
    Zero,
}

/// The rule-based reading of one indicator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evaluation {
    /// What the target says.
    pub target: Value,
    /// What the completion says.
    pub actual: Value,
    /// The stated 分值, if it is a number.
    pub weight: Option<Decimal>,
    /// The stated 得分, if it is a number.
    pub score: Option<Decimal>,
    /// Whether the target is met.
    pub judgement: Judgement,
    /// For a quantitative indicator: its direction.
    pub direction: Option<Direction>,
    /// For a quantitative indicator: the score the rules give (met → weight, else proportional).
    pub exact: Option<Decimal>,
    /// For a qualitative indicator: the lowest and highest score of its judged band.
    pub band: Option<(Decimal, Decimal)>,
    /// Whether the completion is at or above the far-above multiple of the target.
    pub far_above: bool,
    /// Whether a 偏差原因 is written (words that say nothing, such as 无 or /, are none).
    pub has_reason: bool,
    /// Which value, if any, was written as a fraction against a percentage and read as one.
    pub fraction: Option<Fraction>,
    /// The score counted in the rule-based total: `exact`, or the stated score held inside `band`.
    pub rule_score: Decimal,
}

/// A value written as a fraction (`0.98`) where the other is a percentage (`≥95%`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fraction {
    /// The completion.
    Actual,
    /// The target.
    Target,
}

/// The budget execution by the rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Budget {
    /// 分值 of the budget execution: the stated one, or the profile's when blank.
    pub points: Decimal,
    /// B/A × 100, unrounded; `None` when A is not a positive number or B is missing.
    pub rate: Option<Decimal>,
    /// The stated 执行率.
    pub stated_rate: Option<Rate>,
    /// min(rate, 100%) × points, to 2 decimals.
    pub rule_score: Option<Decimal>,
    /// The stated 得分, if a number.
    pub stated_score: Option<Decimal>,
    /// Where the budget execution is an indicator row (the evaluation framework's 预算执行率), its index
    /// among the indicators: its 分值 and 得分 are the budget's, counted once, as an indicator.
    pub row: Option<usize>,
}

/// Everything the rules compute for one sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scores {
    /// The budget execution.
    pub budget: Budget,
    /// One evaluation per indicator, in the sheet's order.
    pub indicators: Vec<Evaluation>,
    /// The stated 分值 total.
    pub stated_weight: Option<Decimal>,
    /// The stated 得分 total.
    pub stated_score: Option<Decimal>,
    /// Σ indicator 分值 + budget 分值.
    pub computed_weight: Decimal,
    /// Σ indicator 得分 + budget 得分.
    pub computed_score: Decimal,
    /// Σ rule scores + budget rule score.
    pub rule_score: Decimal,
    /// The stated 评分等级, normalised to 优/良/中/差 where it says one of them.
    pub stated_grade: Option<String>,
    /// The grade of the computed total.
    pub computed_grade: &'static str,
    /// The grade of the rule-based total.
    pub rule_grade: &'static str,
}

/// Rounds to 2 decimals, half away from zero (四舍五入).
pub fn round2(d: Decimal) -> Decimal {
    d.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// Adds without overflow: a sum too large to hold stays at the largest value.
fn sum(values: impl Iterator<Item = Decimal>) -> Decimal {
    values.fold(Decimal::ZERO, |acc, v| {
        acc.checked_add(v).unwrap_or(if v.is_sign_negative() { Decimal::MIN } else { Decimal::MAX })
    })
}

const HUNDRED: Decimal = Decimal::ONE_HUNDRED;

/// Scores one sheet.
pub fn score(sheet: &Sheet, profile: &Profile) -> Scores {
    let rows = sheet.indicators.as_ref().map(|t| t.rows.as_slice()).unwrap_or(&[]);
    let mut indicators: Vec<Evaluation> = rows.iter().map(|i| evaluate(i, profile)).collect();
    // Rows scored by criteria, or in a table with no target and completion columns, have nothing the
    // rules could score them against: their stated score stands, within the weight.
    let valued = sheet.indicators.as_ref().is_some_and(|t| t.columns.target.is_some() || t.columns.actual.is_some());
    for (row, eval) in rows.iter().zip(indicators.iter_mut()) {
        if !valued || family::by_criteria(sheet.layout, row) {
            let stated = eval.score.unwrap_or_default().max(Decimal::ZERO);
            eval.rule_score = eval.weight.map_or(stated, |w| stated.min(w));
            (eval.exact, eval.band) = (None, None);
        }
    }
    let budget = match family::of(sheet.layout).budget {
        BudgetAs::Row => budget_row(sheet, rows, &mut indicators),
        BudgetAs::Block | BudgetAs::Unscored => budget(sheet, profile),
    };
    // The budget's own points and score, where they are not an indicator's already.
    let own = budget.row.is_none();
    // Without a 分值 column the indicators weigh what their block declares (`年度绩效目标(80分)`).
    let weighted = sheet.indicators.as_ref().is_some_and(|t| t.columns.weight.is_some());
    let declared = sheet.indicator_points.as_ref().map(|(points, _)| *points).filter(|_| !weighted);
    let budget_points = Some(budget.points).filter(|_| own);
    let computed_weight = sum(indicators.iter().filter_map(|e| e.weight).chain(declared).chain(budget_points));
    let computed_score = sum(indicators.iter().filter_map(|e| e.score).chain(budget.stated_score.filter(|_| own)));
    let rule_score = sum(indicators.iter().map(|e| e.rule_score).chain(budget.rule_score.filter(|_| own)));
    let totals = sheet.totals.as_ref();
    // The 得分 total: the totals row's, else one the header states (`自评总分`).
    let header_total = sheet.header_total.as_ref().and_then(|f| num(&f.value).number());
    Scores {
        stated_weight: totals.and_then(|t| num(&t.weight).number()),
        stated_score: totals.and_then(|t| num(&t.score).number()).or(header_total),
        stated_grade: sheet
            .grade
            .as_ref()
            .and_then(|g| g.value.as_ref())
            .filter(|c| !c.is_blank())
            .map(|c| normalise_grade(c.text())),
        computed_grade: profile.grade(computed_score),
        rule_grade: profile.grade(rule_score),
        budget,
        indicators,
        computed_weight,
        computed_score,
        rule_score,
    }
}

/// `优秀` → 优, `良好` → 良; anything else is kept as written.
fn normalise_grade(raw: &str) -> String {
    // `优（99分）`: the total beside the grade says nothing more of it.
    let folded = label_key(raw);
    let key = crate::text::without_brackets(&folded);
    for grade in ["优", "良", "中", "差"] {
        if key == grade || key == format!("{grade}秀") || key == format!("{grade}好") || key == format!("{grade}等")
        {
            return grade.to_owned();
        }
    }
    key.into_owned()
}

fn budget(sheet: &Sheet, profile: &Profile) -> Budget {
    let total = sheet.funds.as_ref().and_then(|f| f.scored());
    let declared = sheet.funds.as_ref().and_then(|f| f.declared_points);
    let points = total.and_then(|t| num(&t.points).number()).or(declared).unwrap_or(profile.budget_points);
    let a = total.and_then(|t| num(&t.budget).number());
    let b = total.and_then(|t| num(&t.executed).number());
    let rate = match (a, b) {
        (Some(a), Some(b)) if a > Decimal::ZERO => b.checked_div(a).and_then(|r| r.checked_mul(HUNDRED)),
        _ => None,
    };
    let rule_score = rate.and_then(|r| r.min(HUNDRED).checked_div(HUNDRED)?.checked_mul(points)).map(round2);
    Budget {
        points,
        rate,
        stated_rate: total.and_then(|t| parse_rate(text(&t.rate))),
        rule_score,
        stated_score: total.and_then(|t| num(&t.score).number()),
        row: None,
    }
}

/// Whether an indicator's name is the budget execution's (`预算执行率`, `资金执行率`).
pub fn names_budget_execution(name: &str) -> bool {
    let key = label_key(name);
    ["预算执行率", "资金执行率", "预算资金执行率", "项目资金执行率"].iter().any(|w| key.contains(w))
}

/// The budget execution of a layout that scores it as an indicator row (`预算执行率` under 项目管理):
/// that row's 分值 and 得分, against the funds block's rate where one stands, else the row's completion.
/// The row's rule score becomes the budget's.
fn budget_row(sheet: &Sheet, rows: &[Indicator], evals: &mut [Evaluation]) -> Budget {
    let found = rows.iter().position(|r| names_budget_execution(text(&r.name)) && num(&r.weight).number().is_some());
    let Some(i) = found else {
        return Budget {
            points: Decimal::ZERO,
            rate: None,
            stated_rate: None,
            rule_score: None,
            stated_score: None,
            row: None,
        };
    };
    let total = sheet.funds.as_ref().and_then(|f| f.scored());
    let a = total.and_then(|t| num(&t.budget).number());
    let b = total.and_then(|t| num(&t.executed).number());
    let from_funds = match (a, b) {
        (Some(a), Some(b)) if a > Decimal::ZERO => b.checked_div(a).and_then(|r| r.checked_mul(HUNDRED)),
        _ => None,
    };
    let written = parse_rate(text(&rows[i].actual));
    let rate = from_funds.or(written.map(|r| r.percent));
    let points = evals[i].weight.unwrap_or_default();
    let rule_score = rate.and_then(|r| r.min(HUNDRED).checked_div(HUNDRED)?.checked_mul(points)).map(round2);
    if let Some(rule) = rule_score {
        evals[i].exact = Some(rule);
        evals[i].rule_score = rule;
    }
    Budget { points, rate, stated_rate: written, rule_score, stated_score: evals[i].score, row: Some(i) }
}

/// Evaluates one indicator.
pub fn evaluate(indicator: &Indicator, profile: &Profile) -> Evaluation {
    // A fraction is told by the completion as written, before a 度量单位 column lends it a unit.
    let mut target = parse_value(&indicator.target_text());
    let mut actual = parse_value(text(&indicator.actual));
    let fraction = read_fractions(&mut target, &mut actual);
    // Else the completion with the 度量单位 it lends, when it lends one (else it was read above).
    if fraction != Some(Fraction::Actual) {
        if let Cow::Owned(with_unit) = indicator.actual_text() {
            actual = parse_value(&with_unit);
        }
    }
    if let Value::Quantity(t) = &mut target {
        if is_a_limit(indicator, t) {
            t.cmp = Some(Cmp::Le);
        }
    }
    // A completion written without its unit (`5` against `≥5万元`) is in the target's, scaled alike.
    if let (Value::Quantity(t), Value::Quantity(a)) = (&target, &mut actual) {
        if a.unit.is_empty() && !t.unit.is_empty() && fraction.is_none() {
            a.number = a.number.checked_mul(unit_scale(&indicator.target_text())).unwrap_or(a.number);
        }
    }
    let weight = num(&indicator.weight).number();
    let score = num(&indicator.score).number();
    let has_reason = says_a_reason(text(&indicator.reason));
    let mut eval = Evaluation {
        judgement: Judgement::Unknown,
        direction: None,
        exact: None,
        band: None,
        far_above: false,
        has_reason,
        fraction,
        rule_score: Decimal::ZERO,
        target,
        actual,
        weight,
        score,
    };
    // Without a weight (a layout with no 分值 column) nothing can be re-scored: the stated score stands.
    let stated = score.unwrap_or(Decimal::ZERO);
    let Some(w) = weight.map(|w| w.max(Decimal::ZERO)) else {
        eval.judgement = judge(&eval.target, &eval.actual);
        if let (Value::Quantity(t), Value::Quantity(c)) = (&eval.target, &eval.actual) {
            eval.direction = Some(judge_quantity(t, c).1);
        }
        eval.rule_score = if matches!(eval.target, Value::Blank) || matches!(eval.actual, Value::Blank) {
            Decimal::ZERO
        } else {
            stated.max(Decimal::ZERO)
        };
        return eval;
    };
    match (&eval.target, &eval.actual) {
        (Value::Blank, _) | (_, Value::Blank) => {
            // Nothing to score against: the rules give nothing.
            eval.rule_score = Decimal::ZERO;
            return eval;
        }
        // A year is a deadline (`2019年`: done within 2019), met or not: no proportion of years means
        // anything, so it is scored as a qualitative indicator is, by the band of its judgement.
        (Value::Quantity(t), Value::Quantity(c)) if is_year(t) && is_year(c) => {
            eval.judgement = if c.number <= t.number { Judgement::Met } else { Judgement::NotMet };
            eval.direction = Some(Direction::Reverse);
        }
        (Value::Quantity(t), Value::Quantity(c)) => {
            let (judgement, direction, ratio) = judge_quantity(t, c);
            eval.judgement = judgement;
            eval.direction = Some(direction);
            let exact = ratio.min(Decimal::ONE).max(Decimal::ZERO).checked_mul(w).map(round2).unwrap_or(w);
            eval.exact = Some(exact);
            eval.rule_score = exact;
            eval.far_above = direction == Direction::Positive
                && t.number > Decimal::ZERO
                && t.number.checked_mul(profile.far_above_ratio).is_some_and(|limit| c.number >= limit);
            return eval;
        }
        _ => eval.judgement = judge(&eval.target, &eval.actual),
    }
    let bands = &profile.qualitative_bands;
    let band = match eval.judgement {
        Judgement::Met => Some(bands.met),
        Judgement::Partly => Some(bands.partly),
        Judgement::NotMet => Some(bands.not_met),
        Judgement::Unknown => None,
    };
    eval.rule_score = match band {
        Some(band) => {
            let lo = round2(band.min.checked_mul(w).unwrap_or(Decimal::ZERO));
            let hi = round2(band.max.checked_mul(w).unwrap_or(w));
            eval.band = Some((lo, hi));
            stated.max(lo).min(hi)
        }
        None => stated.max(Decimal::ZERO).min(w),
    };
    eval
}

/// Whether a quantity is a calendar year (`2019年`).
fn is_year(q: &Quantity) -> bool {
    q.unit == "年" && q.number.is_integer() && (Decimal::from(1990)..=Decimal::from(2100)).contains(&q.number)
}

/// Units of a time limit and of money.
const DURATIONS: &[&str] = &["天", "日", "个工作日", "工作日", "小时", "分钟", "周", "个月"];
const MONEY: &[&str] = &["元", "万元", "亿元"];

/// Whether a target with no comparator is a limit not to exceed: a duration under 时效指标 (`3天`: done
/// within three days), an amount under 成本指标 (`90万元`: cost at most that), a month of the year
/// anywhere (`11月`: done by November; a month is a point in time, never an amount to reach), or any
/// target of a rate whose name says lower is better (`预算调整率 3%`, `受害率 5%`). Elsewhere a bare target
/// is a floor (`1份`), as RULES.md §2 says.
fn is_a_limit(indicator: &Indicator, target: &Quantity) -> bool {
    let level2 = text(&indicator.level2);
    let month = target.unit == "月" && target.number.is_integer() && target.number <= Decimal::from(12);
    target.cmp.is_none()
        && target.number > Decimal::ZERO
        && (month
            || names_lower_is_better(text(&indicator.name))
            || (level2.contains("时效") && DURATIONS.contains(&target.unit.as_str()))
            || (level2.contains("成本") && MONEY.contains(&target.unit.as_str())))
}

/// Whether a target is met, for any pair of values: quantities by their numbers, words by their
/// meaning ([`judge_text`]). A written target that wants an event not to happen (`无重大安全事故`) is
/// met by a zero (`0起`); a zero target by a completion that says none happened (`未发生`); a target of
/// achievement (`已完成`) by 100%.
fn judge(target: &Value, actual: &Value) -> Judgement {
    match (target, actual) {
        (Value::Blank, _) | (_, Value::Blank) | (Value::Unreadable, _) | (_, Value::Unreadable) => Judgement::Unknown,
        (Value::Quantity(t), Value::Quantity(c)) => judge_quantity(t, c).0,
        (Value::Quantity(t), Value::Text(c)) => judge_text("", c, t.number.is_zero()),
        (Value::Text(t), Value::Text(c)) => judge_text(t, c, false),
        (Value::Text(t), Value::Quantity(c)) => {
            if is_absence(t) {
                if c.number.is_zero() {
                    Judgement::Met
                } else {
                    Judgement::NotMet
                }
            } else if is_achievement(t) && c.unit == "%" && c.number >= Decimal::ONE_HUNDRED {
                Judgement::Met
            } else {
                Judgement::Unknown
            }
        }
    }
}

/// Reads a fraction against a percentage as the percentage (`0.98` against `≥95%` is 98%): an Excel
/// percent cell pasted as its value. Says which value it was. Not for a reverse target (`≤2%`), where
/// a small number is what is wanted.
fn read_fractions(target: &mut Value, actual: &mut Value) -> Option<Fraction> {
    let (Value::Quantity(t), Value::Quantity(c)) = (&mut *target, &mut *actual) else { return None };
    if [t.cmp, c.cmp].iter().flatten().any(|cmp| cmp.is_upper_bound()) {
        return None;
    }
    let is_fraction = |q: &Quantity| q.unit.is_empty() && q.number > Decimal::ZERO && q.number <= Decimal::new(15, 1);
    let as_percent = |q: &mut Quantity| {
        q.number = q.number.checked_mul(Decimal::ONE_HUNDRED).unwrap_or(q.number);
        q.unit = "%".to_owned();
    };
    if t.unit == "%" && t.number > Decimal::new(15, 1) && is_fraction(c) {
        as_percent(c);
        Some(Fraction::Actual)
    } else if c.unit == "%" && c.number > Decimal::new(15, 1) && is_fraction(t) {
        as_percent(t);
        Some(Fraction::Target)
    } else {
        None
    }
}

/// Judges a quantitative target: whether it is met, which way it counts, and the share of the weight
/// the rules give (1 when met; completion/target, or target/completion for a reverse indicator).
pub fn judge_quantity(target: &Quantity, actual: &Quantity) -> (Judgement, Direction, Decimal) {
    let (t, c) = (target.number, actual.number);
    let direction = match target.cmp {
        Some(cmp) if cmp.is_upper_bound() => Direction::Reverse,
        None | Some(Cmp::Eq) if t.is_zero() => Direction::Zero,
        _ => Direction::Positive,
    };
    let met = match (direction, target.cmp) {
        (Direction::Zero, _) => c <= Decimal::ZERO,
        (Direction::Reverse, Some(Cmp::Lt)) => c < t,
        (Direction::Reverse, _) => c <= t,
        (Direction::Positive, Some(Cmp::Gt)) => c > t,
        (Direction::Positive, _) => c >= t,
    };
    if met {
        return (Judgement::Met, direction, Decimal::ONE);
    }
    let ratio = match direction {
        Direction::Zero => Decimal::ZERO,
        Direction::Positive if t > Decimal::ZERO => c.checked_div(t).unwrap_or(Decimal::ZERO),
        Direction::Reverse if c > Decimal::ZERO && t >= Decimal::ZERO => t.checked_div(c).unwrap_or(Decimal::ZERO),
        _ => Decimal::ZERO,
    };
    (Judgement::NotMet, direction, ratio.max(Decimal::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    fn q(raw: &str) -> Quantity {
        match parse_value(raw) {
            Value::Quantity(q) => q,
            other => panic!("{raw}: {other:?}"),
        }
    }

    #[test]
    fn quantitative_judgements() {
        use Direction::*;
        use Judgement::*;
        let table: &[(&str, &str, Judgement, Direction, &str)] = &[
            ("≥98%", "95%", NotMet, Positive, "0.9693877551020408163265306122"),
            ("≥95%", "95%", Met, Positive, "1"),
            ("≥95%", "92%", NotMet, Positive, "0.9684210526315789473684210526"),
            ("≥500000人次", "470000人次", NotMet, Positive, "0.94"),
            ("1份", "1份", Met, Positive, "1"),
            ("1份", "2份", Met, Positive, "1"),
            ("=100%", "=100%", Met, Positive, "1"),
            ("=100%", "98%", NotMet, Positive, "0.98"),
            ("0次", "0次", Met, Zero, "1"),
            ("0次", "2次", NotMet, Zero, "0"),
            ("≤5%", "4%", Met, Reverse, "1"),
            ("≤5%", "10%", NotMet, Reverse, "0.5"),
            ("<5%", "5%", NotMet, Reverse, "1"),
            (">80分", "80分", NotMet, Positive, "1"),
            ("≥0", "0", Met, Positive, "1"),
            ("≥10", "-5", NotMet, Positive, "0"),
            // Deadlines: done by September is met in July, not in November.
            ("9月前", "7月", Met, Reverse, "1"),
            ("10月底前", "10月", Met, Reverse, "1"),
            ("9月前", "12月", NotMet, Reverse, "0.75"),
            ("3天内", "2天", Met, Reverse, "1"),
        ];
        for &(t, c, judgement, direction, ratio) in table {
            let (j, dir, r) = judge_quantity(&q(t), &q(c));
            assert_eq!((j, dir, r), (judgement, direction, d(ratio)), "{t} vs {c}");
        }
    }

    #[test]
    fn fractions_against_percentages() {
        // (target, completion as written, which is read as a fraction, the completion as read)
        let table: &[(&str, &str, Option<Fraction>, &str)] = &[
            ("≥95%", "0.98", Some(Fraction::Actual), "98%"),
            ("=100%", "1", Some(Fraction::Actual), "100%"),
            ("≥90%", "0.8618", Some(Fraction::Actual), "86.18%"),
            ("0.95", "98%", Some(Fraction::Target), "98%"),
            ("≥95%", "98%", None, "98%"),
            ("≥95%", "98", None, "98"),
            // A reverse target wants small numbers: 0.5 is not 50%.
            ("≤2%", "0.5", None, "0.5"),
            ("≥1.2%", "0.9", None, "0.9"),
            ("≥100人次", "0.98", None, "0.98"),
        ];
        for &(t, c, want, read) in table {
            let (mut target, mut actual) = (parse_value(t), parse_value(c));
            assert_eq!(read_fractions(&mut target, &mut actual), want, "{t} vs {c}");
            assert_eq!(actual, parse_value(read), "{t} vs {c}");
        }
    }

    #[test]
    fn a_bare_target_on_a_lower_is_better_name_is_a_ceiling() {
        let indicator = |name: &str, target: &str, actual: &str| Indicator {
            row: 0,
            level1: None,
            level2: None,
            name: Some(crate::model::Cell::new(crate::grid::Pos::new(0, 0), name)),
            nature: None,
            target: Some(crate::model::Cell::new(crate::grid::Pos::new(0, 1), target)),
            unit: None,
            actual: Some(crate::model::Cell::new(crate::grid::Pos::new(0, 2), actual)),
            weight: Some(crate::model::Cell::new(crate::grid::Pos::new(0, 3), "10")),
            score: Some(crate::model::Cell::new(crate::grid::Pos::new(0, 4), "10")),
            reason: None,
            coefficient: None,
        };
        let profile = Profile::default();
        for (name, target, actual, judgement) in [
            ("预算调整率", "3%", "0", Judgement::Met),
            ("结转结余率", "2%", "1.5%", Judgement::Met),
            ("林业有害生物成灾率", "4‰", "5‰", Judgement::NotMet),
            ("农作物受害率", "5%", "3%", Judgement::Met),
            // A name that says nothing of direction keeps the floor of RULES §2.
            ("资金到位率", "95%", "90%", Judgement::NotMet),
            ("资金到位率", "95%", "96%", Judgement::Met),
        ] {
            let eval = evaluate(&indicator(name, target, actual), &profile);
            assert_eq!(eval.judgement, judgement, "{name} {target} vs {actual}");
        }
        let eval = evaluate(&indicator("受害率", "5%", "10%"), &profile);
        assert_eq!((eval.direction, eval.exact), (Some(Direction::Reverse), Some(d("5"))));
    }

    #[test]
    fn a_year_is_a_deadline_scored_by_band() {
        let row = |target: &str, actual: &str, score: &str| Indicator {
            row: 0,
            level1: None,
            level2: None,
            name: None,
            nature: None,
            target: Some(crate::model::Cell::new(crate::grid::Pos::new(0, 1), target)),
            unit: None,
            actual: Some(crate::model::Cell::new(crate::grid::Pos::new(0, 2), actual)),
            weight: Some(crate::model::Cell::new(crate::grid::Pos::new(0, 3), "20")),
            score: Some(crate::model::Cell::new(crate::grid::Pos::new(0, 4), score)),
            reason: None,
            coefficient: None,
        };
        let profile = Profile::default();
        let late = evaluate(&row("2019年", "2020年", "10"), &profile);
        assert_eq!((late.judgement, late.exact, late.band), (Judgement::NotMet, None, Some((d("0"), d("12")))));
        let on_time = evaluate(&row("2019年", "2019年", "20"), &profile);
        assert_eq!((on_time.judgement, on_time.rule_score), (Judgement::Met, d("20")));
        // Twenty years is an amount, not a year.
        assert_eq!(evaluate(&row("20年", "19年", "19"), &profile).exact, Some(d("19")));
    }

    #[test]
    fn rounding_is_half_up() {
        assert_eq!(round2(d("9.685")), d("9.69"));
        assert_eq!(round2(d("9.684")), d("9.68"));
        assert_eq!(round2(d("18.8")), d("18.80"));
    }
}
