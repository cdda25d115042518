//! Cell text → values: amounts, scores, rates, and the notation of targets (年度指标值) and completions
//! (实际完成值), per RULES.md §2.
//!
//! Every number is a [`Decimal`]; nothing here is a float. Full-width characters, thousands separators
//! and HTML markup are tolerated, since real pasted sheets hold all of them.

use std::borrow::Cow;
use std::str::FromStr;

use rust_decimal::Decimal;

use crate::text::{label_key, strip_markup};

/// A comparator in front of (or, as `以上`/`以内`, behind) a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cmp {
    /// `≥`, `>=`, 不低于, 不少于, 大于等于, 以上.
    Ge,
    /// `>`, 大于, 高于, 超过.
    Gt,
    /// `≤`, `<=`, 不高于, 不超过, 小于等于, 以内, 以下.
    Le,
    /// `<`, 小于, 低于.
    Lt,
    /// `=`, 等于.
    Eq,
}

impl Cmp {
    /// The symbol shown in messages.
    pub fn symbol(self) -> &'static str {
        match self {
            Cmp::Ge => "≥",
            Cmp::Gt => ">",
            Cmp::Le => "≤",
            Cmp::Lt => "<",
            Cmp::Eq => "=",
        }
    }

    /// Whether the comparator bounds from above (`≤`, `<`).
    pub fn is_upper_bound(self) -> bool {
        matches!(self, Cmp::Le | Cmp::Lt)
    }
}

/// Comparator words and signs before a number, longest first so that 大于等于 wins over 大于.
const PREFIXES: &[(&str, Cmp)] = &[
    ("大于或等于", Cmp::Ge),
    ("小于或等于", Cmp::Le),
    ("大于等于", Cmp::Ge),
    ("小于等于", Cmp::Le),
    ("不低于", Cmp::Ge),
    ("不少于", Cmp::Ge),
    ("不小于", Cmp::Ge),
    ("不高于", Cmp::Le),
    ("不超过", Cmp::Le),
    ("不多于", Cmp::Le),
    ("不大于", Cmp::Le),
    ("至少", Cmp::Ge),
    ("最多", Cmp::Le),
    ("大于", Cmp::Gt),
    ("高于", Cmp::Gt),
    ("超过", Cmp::Gt),
    ("多于", Cmp::Gt),
    ("小于", Cmp::Lt),
    ("低于", Cmp::Lt),
    ("少于", Cmp::Lt),
    ("等于", Cmp::Eq),
    (">=", Cmp::Ge),
    ("<=", Cmp::Le),
    ("=>", Cmp::Ge),
    ("=<", Cmp::Le),
    ("==", Cmp::Eq),
    ("≥", Cmp::Ge),
    ("≤", Cmp::Le),
    (">", Cmp::Gt),
    ("<", Cmp::Lt),
    ("=", Cmp::Eq),
];

/// Comparator words behind a number and its unit, longer first. A deadline or a time limit bounds from
/// above: `9月前`, `10月底前` (by then), `3天内` (within).
const SUFFIXES: &[(&str, Cmp)] = &[
    ("及以上", Cmp::Ge),
    ("及以下", Cmp::Le),
    ("以上", Cmp::Ge),
    ("以内", Cmp::Le),
    ("之内", Cmp::Le),
    ("以下", Cmp::Le),
    ("之前", Cmp::Le),
    ("以前", Cmp::Le),
    ("底前", Cmp::Le),
    ("前", Cmp::Le),
    ("内", Cmp::Le),
];

/// Words after a value's unit that say nothing of the value: `100%完成`, `98%左右`.
const NOISE: &[&str] = &["已完成", "完成", "左右"];

/// The longest unit a quantity may carry (`篇次`, `万人次`, `%`); anything longer is prose.
const MAX_UNIT_CHARS: usize = 8;

/// A number with an optional comparator and unit: `≥98%`, `1份`, `不少于1000篇次`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quantity {
    /// The comparator as written, if any.
    pub cmp: Option<Cmp>,
    /// The number, scaled by a leading 万/亿 of the unit.
    pub number: Decimal,
    /// The unit after the number, without 万/亿 and comparator words; empty when none.
    pub unit: String,
}

/// What a target or completion cell says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    /// Nothing written.
    Blank,
    /// A number, maybe with a comparator and a unit.
    Quantity(Quantity),
    /// Text to be judged by its words (及时, 提升, 不超成本预算): qualitative.
    Text(String),
    /// A comparator with no number after it, or a number that cannot be read (`≥abc`, `1.2.3%`).
    Unreadable,
}

/// Reads a target or completion cell.
pub fn parse_value(raw: &str) -> Value {
    let stripped = strip_markup(raw);
    let cleaned = label_key(&stripped);
    if cleaned.is_empty() {
        return Value::Blank;
    }
    // A note in brackets after a quantity (`≥95%（含）`, `96%（抽检）`) says nothing of its value.
    if let Some(open) = cleaned.rfind('(').filter(|&at| at > 0 && cleaned.ends_with(')')) {
        if let quantity @ Value::Quantity(_) = parse_value(&cleaned[..open]) {
            return quantity;
        }
    }
    let (prefix, rest) = match PREFIXES.iter().find(|(p, _)| cleaned.starts_with(p)) {
        Some((p, cmp)) => (Some(*cmp), &cleaned[p.len()..]),
        None => (None, cleaned.as_ref()),
    };
    let Some((number, tail)) = leading_number(rest) else {
        return if prefix.is_some() { Value::Unreadable } else { Value::Text(cleaned.into_owned()) };
    };
    // `100%完成`, `98%左右`: words after the unit that do not change the value.
    let tail = NOISE.iter().find_map(|w| tail.strip_suffix(w)).unwrap_or(tail);
    let (suffix, unit) = match SUFFIXES.iter().find(|(s, _)| tail.ends_with(s)) {
        Some((s, cmp)) => (Some(*cmp), &tail[..tail.len() - s.len()]),
        None => (None, tail),
    };
    if !is_unit(unit) {
        // A number inside prose ("2023年底前完成") is judged as text.
        return if prefix.is_some() && unit.chars().any(|c| c.is_ascii_digit() || c == '.') {
            Value::Unreadable
        } else {
            Value::Text(cleaned.to_string())
        };
    }
    // `100余人`, `20多次`: more than the number (the unit is what follows).
    let (over, unit) = match unit.strip_prefix(['余', '多']) {
        Some(rest) if !rest.is_empty() => (Some(Cmp::Gt), rest),
        _ => (None, unit),
    };
    let (number, unit) = scale_by_unit(number, unit);
    Value::Quantity(Quantity { cmp: prefix.or(suffix).or(over), number, unit: unit.to_owned() })
}

/// A number at the start of `s` (sign, digits, thousands separators, one decimal point) and the rest.
fn leading_number(s: &str) -> Option<(Decimal, &str)> {
    let bytes = s.as_bytes();
    let mut end = 0;
    if matches!(bytes.first(), Some(b'-' | b'+')) {
        end = 1;
    }
    let digits_start = end;
    let mut seen_point = false;
    while end < bytes.len() {
        match bytes[end] {
            b'0'..=b'9' => end += 1,
            b',' if end > digits_start && bytes.get(end + 1).is_some_and(u8::is_ascii_digit) && !seen_point => end += 1,
            b'.' if !seen_point && end > digits_start && bytes.get(end + 1).is_some_and(u8::is_ascii_digit) => {
                seen_point = true;
                end += 1
            }
            _ => break,
        }
    }
    if end == digits_start {
        return None;
    }
    let number = parse_plain_number(&s[..end])?;
    Some((number, &s[end..]))
}

/// Parses `-1,234.50` exactly; `None` when it is not such a number or does not fit a [`Decimal`].
fn parse_plain_number(s: &str) -> Option<Decimal> {
    let plain: Cow<str> =
        if s.contains([',', '+']) { s.chars().filter(|&c| c != ',' && c != '+').collect() } else { s.into() };
    if plain.is_empty() || plain == "-" || plain.len() > 40 {
        return None;
    }
    Decimal::from_str(&plain).ok()
}

fn is_unit(unit: &str) -> bool {
    unit.chars().count() <= MAX_UNIT_CHARS
        && !unit.chars().any(|c| c.is_ascii_digit() || "，,。;；:、.()[]{}".contains(c))
}

/// `50万人次` is 500000 人次: a leading 万 or 亿 of the unit scales the number.
fn scale_by_unit(number: Decimal, unit: &str) -> (Decimal, &str) {
    let (factor, rest) = if let Some(rest) = unit.strip_prefix('万') {
        (Decimal::from(10_000), rest)
    } else if let Some(rest) = unit.strip_prefix('亿') {
        (Decimal::from(100_000_000), rest)
    } else {
        return (number, unit);
    };
    match number.checked_mul(factor) {
        Some(scaled) if !rest.is_empty() => (scaled, rest),
        _ => (number, unit),
    }
}

/// What a quantity's unit multiplied its number by (`≥5万元`: 10000), 1 when nothing: a completion
/// written without its unit (`5`) is in the target's, and is scaled alike.
pub fn unit_scale(raw: &str) -> Decimal {
    let stripped = strip_markup(raw);
    let cleaned = label_key(&stripped);
    let rest = PREFIXES.iter().find_map(|(p, _)| cleaned.strip_prefix(p)).unwrap_or(&cleaned);
    let Some((number, tail)) = leading_number(rest) else { return Decimal::ONE };
    let tail = SUFFIXES.iter().find_map(|(s, _)| tail.strip_suffix(s)).unwrap_or(tail);
    match scale_by_unit(number, tail) {
        (scaled, _) if !number.is_zero() => scaled.checked_div(number).unwrap_or(Decimal::ONE),
        _ => Decimal::ONE,
    }
}

/// A decimal as shown to users: no trailing zeros (`18.80` → `18.8`, `10.00` → `10`).
pub fn show(d: Decimal) -> String {
    d.normalize().to_string()
}

/// What an amount, score or weight cell says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Num {
    /// Nothing written.
    Blank,
    /// `-`, `—` or `/`: not applicable, as in the 其中 rows' 分值 and 得分.
    Dash,
    /// A number; a trailing `分`, `万元` or `元` is allowed.
    Number(Decimal),
    /// Text that is not a number.
    Invalid,
}

impl Num {
    /// The number, if the cell holds one.
    pub fn number(&self) -> Option<Decimal> {
        match self {
            Num::Number(n) => Some(*n),
            _ => None,
        }
    }

    /// Whether nothing was written (a dash counts as written).
    pub fn is_blank(&self) -> bool {
        matches!(self, Num::Blank)
    }
}

/// Reads an amount, a score or a weight: `215,457.6`, `１０`, `10分`, `-`.
pub fn parse_num(raw: &str) -> Num {
    let cleaned = label_key(raw);
    if cleaned.is_empty() {
        return Num::Blank;
    }
    if cleaned.chars().all(|c| c == '-' || c == '/' || c == '\\') {
        return Num::Dash;
    }
    // An amount with its unit (`150万`, `150万元` in a 万元 block), a score with its (`10分`).
    let body = ["万元", "元", "分", "万"].iter().find_map(|u| cleaned.strip_suffix(u)).unwrap_or(&cleaned);
    match leading_number(body) {
        Some((n, "")) => Num::Number(n),
        _ => Num::Invalid,
    }
}

/// A rate as written: `99%`, `86.19%`, `100`. The value is in percent; `decimals` is how many digits
/// were written after the point, the precision the rate is compared at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rate {
    /// The rate in percent.
    pub percent: Decimal,
    /// Digits written after the decimal point.
    pub decimals: u32,
}

/// Reads an execution rate (执行率); `None` when the cell is not a number or percentage.
pub fn parse_rate(raw: &str) -> Option<Rate> {
    let cleaned = label_key(raw);
    let body = cleaned.strip_suffix('%').unwrap_or(&cleaned);
    match leading_number(body) {
        Some((n, "")) => Some(Rate { percent: n, decimals: n.scale() }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    fn q(cmp: Option<Cmp>, n: &str, unit: &str) -> Value {
        Value::Quantity(Quantity { cmp, number: d(n), unit: unit.into() })
    }

    #[test]
    fn quantities() {
        let table: &[(&str, Value)] = &[
            ("≥98%", q(Some(Cmp::Ge), "98", "%")),
            ("=100%", q(Some(Cmp::Eq), "100", "%")),
            (">=90%", q(Some(Cmp::Ge), "90", "%")),
            ("＞＝９０％", q(Some(Cmp::Ge), "90", "%")),
            ("≧95％", q(Some(Cmp::Ge), "95", "%")),
            ("1份", q(None, "1", "份")),
            ("0次", q(None, "0", "次")),
            ("≥1000篇次", q(Some(Cmp::Ge), "1000", "篇次")),
            ("≥20.00%", q(Some(Cmp::Ge), "20.00", "%")),
            ("不低于95%", q(Some(Cmp::Ge), "95", "%")),
            ("不少于 5 个", q(Some(Cmp::Ge), "5", "个")),
            ("大于等于90%", q(Some(Cmp::Ge), "90", "%")),
            ("不高于5%", q(Some(Cmp::Le), "5", "%")),
            ("不超过3天", q(Some(Cmp::Le), "3", "天")),
            ("小于等于2次", q(Some(Cmp::Le), "2", "次")),
            ("5%以内", q(Some(Cmp::Le), "5", "%")),
            ("100人次以上", q(Some(Cmp::Ge), "100", "人次")),
            ("≤5%以内", q(Some(Cmp::Le), "5", "%")),
            ("<3%", q(Some(Cmp::Lt), "3", "%")),
            ("大于80分", q(Some(Cmp::Gt), "80", "分")),
            ("215,457.6元", q(None, "215457.6", "元")),
            ("50万人次", q(None, "500000", "人次")),
            ("1.5亿元", q(None, "150000000", "元")),
            ("5万", q(None, "5", "万")),
            ("-5%", q(None, "-5", "%")),
            ("98", q(None, "98", "")),
            ("100%完成", q(None, "100", "%")),
            ("3个已完成", q(None, "3", "个")),
            ("<p>≥95%</p>", q(Some(Cmp::Ge), "95", "%")),
            ("9月前", q(Some(Cmp::Le), "9", "月")),
            ("100余人", q(Some(Cmp::Gt), "100", "人")),
            ("≥95%（含）", q(Some(Cmp::Ge), "95", "%")),
            ("96%(抽检)", q(None, "96", "%")),
            ("20多次", q(Some(Cmp::Gt), "20", "次")),
            ("3多", q(None, "3", "多")),
            ("10月底前", q(Some(Cmp::Le), "10", "月")),
            ("6月之前", q(Some(Cmp::Le), "6", "月")),
            ("3天内", q(Some(Cmp::Le), "3", "天")),
            ("30个工作日之内", q(Some(Cmp::Le), "30", "个工作日")),
        ];
        for (raw, want) in table {
            assert_eq!(&parse_value(raw), want, "{raw}");
        }
    }

    #[test]
    fn unit_scales() {
        for (raw, scale) in [("≥5万元", "10000"), ("1.5亿元", "100000000"), ("≥98%", "1"), ("5万", "1"), ("及时", "1")]
        {
            assert_eq!(unit_scale(raw), d(scale), "{raw}");
        }
    }

    #[test]
    fn qualitative_and_unreadable() {
        for raw in ["及时", "提升", "不超成本预算", "按计划节点及时完成", "2023年12月底前完成", "符合标准"]
        {
            assert!(matches!(parse_value(raw), Value::Text(_)), "{raw}");
        }
        for raw in ["≥", "≥abc", "不低于良好", ">=1.2.3%"] {
            assert_eq!(parse_value(raw), Value::Unreadable, "{raw}");
        }
        assert_eq!(parse_value("  \u{3000}"), Value::Blank);
        assert_eq!(parse_value("<p></p>"), Value::Blank);
    }

    #[test]
    fn numbers() {
        let table: &[(&str, Num)] = &[
            ("24.09", Num::Number(d("24.09"))),
            ("215,457.6", Num::Number(d("215457.6"))),
            ("１０", Num::Number(d("10"))),
            ("10分", Num::Number(d("10"))),
            ("85.15万元", Num::Number(d("85.15"))),
            ("150万", Num::Number(d("150"))),
            (" 0.00 ", Num::Number(d("0.00"))),
            ("-", Num::Dash),
            ("—", Num::Dash),
            ("－－", Num::Dash),
            ("/", Num::Dash),
            ("", Num::Blank),
            ("十", Num::Invalid),
            ("1,2", Num::Number(d("12"))),
            ("12,", Num::Invalid),
            ("1.2.3", Num::Invalid),
            ("99999999999999999999999999999999999", Num::Invalid),
        ];
        for (raw, want) in table {
            assert_eq!(&parse_num(raw), want, "{raw}");
        }
    }

    #[test]
    fn rates_keep_their_precision() {
        assert_eq!(parse_rate("99%"), Some(Rate { percent: d("99"), decimals: 0 }));
        assert_eq!(parse_rate("86.19％"), Some(Rate { percent: d("86.19"), decimals: 2 }));
        assert_eq!(parse_rate("100"), Some(Rate { percent: d("100"), decimals: 0 }));
        assert_eq!(parse_rate("99.10%"), Some(Rate { percent: d("99.10"), decimals: 2 }));
        assert_eq!(parse_rate("高"), None);
        assert_eq!(parse_rate(""), None);
    }
}
