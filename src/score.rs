//! Sheet model → scores by the rules (RULES.md §3).
//!
//! For every indicator: what its target and completion say, whether the target is met, and the score
//! the rules give. For the sheet: the budget execution's rate and score, the stated, computed and
//! rule-based totals, and their grades. Checks compare what the sheet states with these.

use rust_decimal::{Decimal, RoundingStrategy};

use crate::model::{num, text, Indicator, Sheet};
use crate::profile::Profile;
use crate::text::{label_key, strip_markup};
use crate::value::{parse_rate, parse_value, Cmp, Quantity, Rate, Value};

/// Whether an indicator's target is met.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Judgement {
    /// 达成.
    Met,
    /// 部分达成.
    Partly,
    /// 未达成.
    NotMet,
    /// Cannot be judged from what is written.
    Unknown,
}

impl Judgement {
    /// The Chinese word.
    pub fn label(self) -> &'static str {
        match self {
            Judgement::Met => "达成",
            Judgement::Partly => "部分达成",
            Judgement::NotMet => "未达成",
            Judgement::Unknown => "无法判断",
        }
    }
}

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
    /// Whether a 偏差原因 is written.
    pub has_reason: bool,
    /// The score counted in the rule-based total: `exact`, or the stated score held inside `band`.
    pub rule_score: Decimal,
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
    let budget = budget(sheet, profile);
    let indicators: Vec<Evaluation> =
        sheet.indicators.as_ref().map(|t| t.rows.iter().map(|i| evaluate(i, profile)).collect()).unwrap_or_default();
    let computed_weight = sum(indicators.iter().filter_map(|e| e.weight).chain([budget.points]));
    let computed_score = sum(indicators.iter().filter_map(|e| e.score).chain(budget.stated_score));
    let rule_score = sum(indicators.iter().map(|e| e.rule_score).chain(budget.rule_score));
    let totals = sheet.totals.as_ref();
    Scores {
        stated_weight: totals.and_then(|t| num(&t.weight).number()),
        stated_score: totals.and_then(|t| num(&t.score).number()),
        stated_grade: sheet
            .grade
            .as_ref()
            .and_then(|g| g.value.as_ref())
            .filter(|c| !c.is_blank())
            .map(|c| normalise_grade(&c.text)),
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
    let key = label_key(raw);
    for grade in ["优", "良", "中", "差"] {
        if key == grade || key == format!("{grade}秀") || key == format!("{grade}好") || key == format!("{grade}等")
        {
            return grade.to_owned();
        }
    }
    key.into_owned()
}

fn budget(sheet: &Sheet, profile: &Profile) -> Budget {
    let total = sheet.funds.as_ref().and_then(|f| f.total.as_ref());
    let points = total.and_then(|t| num(&t.points).number()).unwrap_or(profile.budget_points);
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
    }
}

/// Evaluates one indicator.
pub fn evaluate(indicator: &Indicator, profile: &Profile) -> Evaluation {
    let target = parse_value(text(&indicator.target));
    let actual = parse_value(text(&indicator.actual));
    let weight = num(&indicator.weight).number();
    let score = num(&indicator.score).number();
    let has_reason = !strip_markup(text(&indicator.reason)).trim().is_empty();
    let mut eval = Evaluation {
        judgement: Judgement::Unknown,
        direction: None,
        exact: None,
        band: None,
        far_above: false,
        has_reason,
        rule_score: Decimal::ZERO,
        target,
        actual,
        weight,
        score,
    };
    let w = weight.unwrap_or(Decimal::ZERO).max(Decimal::ZERO);
    match (&eval.target, &eval.actual) {
        (Value::Blank, _) | (_, Value::Blank) => {
            // Nothing to score against: the rules give nothing.
            eval.rule_score = Decimal::ZERO;
            return eval;
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
        (Value::Quantity(_) | Value::Text(_), Value::Text(c)) => {
            let target_text = match &eval.target {
                Value::Text(t) => t.as_str(),
                _ => "",
            };
            eval.judgement = judge_text(target_text, c);
        }
        _ => {}
    }
    let bands = &profile.qualitative_bands;
    let band = match eval.judgement {
        Judgement::Met => Some(bands.met),
        Judgement::Partly => Some(bands.partly),
        Judgement::NotMet => Some(bands.not_met),
        Judgement::Unknown => None,
    };
    let stated = score.unwrap_or(Decimal::ZERO);
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

/// Words of a completion that say the target was not met.
const NOT_MET_WORDS: &[&str] = &["未达", "未完成", "没有", "不及时", "未", "不达", "不符合", "否", "滞后", "延期"];
/// Words that say it was met.
const MET_WORDS: &[&str] = &["达成", "已完成", "完成", "达到", "符合", "实现", "及时", "满足", "合格", "良好", "显著"];
/// Negated excess (未超, 不超): within a limit, which is met.
const WITHIN_WORDS: &[&str] = &["未超", "不超", "没有超", "无超"];

/// Judges a qualitative completion against its target (RULES.md §2): repeating the target or saying
/// 达成/完成/达到/符合/是 is met; 部分 is partly met; 未/没有/不及时/未达 is not met; else unknown.
pub fn judge_text(target: &str, completion: &str) -> Judgement {
    let (target, completion) = (strip_markup(target), strip_markup(completion));
    let t = label_key(&target);
    let c = label_key(&completion);
    if c.is_empty() {
        return Judgement::Unknown;
    }
    if c == t
        || (!t.is_empty()
            && c.contains(&*t)
            && !c.contains("部分")
            && !NOT_MET_WORDS.iter().any(|w| c.contains(w) && !t.contains(w)))
    {
        return Judgement::Met;
    }
    if c.contains("部分") {
        return Judgement::Partly;
    }
    if WITHIN_WORDS.iter().any(|w| c.contains(w)) {
        return Judgement::Met;
    }
    if NOT_MET_WORDS.iter().any(|w| c.contains(w)) {
        return Judgement::NotMet;
    }
    if c == "是" || MET_WORDS.iter().any(|w| c.contains(w)) {
        return Judgement::Met;
    }
    Judgement::Unknown
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
        ];
        for &(t, c, judgement, direction, ratio) in table {
            let (j, dir, r) = judge_quantity(&q(t), &q(c));
            assert_eq!((j, dir, r), (judgement, direction, d(ratio)), "{t} vs {c}");
        }
    }

    #[test]
    fn qualitative_judgements() {
        use Judgement::*;
        let table: &[(&str, &str, Judgement)] = &[
            ("及时", "及时", Met),
            ("不超成本预算", "不超成本预算", Met),
            ("提升", "有所提升", Met),
            ("及时", "不及时", NotMet),
            ("提升", "部分提升", Partly),
            ("及时", "部分完成", Partly),
            ("达成预期指标", "未达到预期", NotMet),
            ("保障", "没有保障", NotMet),
            ("不超成本预算", "未超预算", Met),
            ("符合标准", "已完成", Met),
            ("是", "是", Met),
            ("有效", "是", Met),
            ("及时", "一般", Unknown),
            ("及时", "", Unknown),
            ("<p>提升</p>", "提升", Met),
        ];
        for &(t, c, want) in table {
            assert_eq!(judge_text(t, c), want, "{t} vs {c}");
        }
    }

    #[test]
    fn rounding_is_half_up() {
        assert_eq!(round2(d("9.685")), d("9.69"));
        assert_eq!(round2(d("9.684")), d("9.68"));
        assert_eq!(round2(d("18.8")), d("18.80"));
    }
}
