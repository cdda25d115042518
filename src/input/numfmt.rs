//! A workbook's numbers as the user sees them. A cell stores `0.98` and shows `98%` because its number
//! format is `0%`; it stores `24.089999999999996` and shows `24.09` because General shows 15
//! significant digits; it stores `45291` and shows `2023/12/31`. The checker must read what the user
//! reads, so the readers of `.xlsx` and `.xls` pass every number through its format here.
//!
//! Covered: General; digits with `0`, `#` and `?`, decimals and thousands separators; percent;
//! sections for negatives, zero and text; literals (`"万元"`, `\x`, `_x`, `*x`, `[$¥-804]`); colours
//! and conditions dropped; dates and times (`yyyy"年"m"月"d"日"`, `h:mm`, `上午/下午`). What is not
//! covered (fractions, scientific notation) shows as General, never as a wrong number. Arithmetic is
//! decimal, never floating point.

use rust_decimal::prelude::*;

/// The code of a built-in number format, as Excel shows it on a Chinese system.
pub fn builtin(id: u32) -> &'static str {
    match id {
        1 => "0",
        2 => "0.00",
        3 => "#,##0",
        4 => "#,##0.00",
        5 | 37 => "#,##0;-#,##0",
        6 | 38 => "#,##0;[Red]-#,##0",
        7 | 39 => "#,##0.00;-#,##0.00",
        8 | 40 => "#,##0.00;[Red]-#,##0.00",
        9 => "0%",
        10 => "0.00%",
        14 => "yyyy/m/d",
        15 => "d-mmm-yy",
        16 => "d-mmm",
        17 => "mmm-yy",
        18 => "h:mm AM/PM",
        19 => "h:mm:ss AM/PM",
        20 => "h:mm",
        21 => "h:mm:ss",
        22 => "yyyy/m/d h:mm",
        27 | 36 | 50 | 57 => "yyyy\"年\"m\"月\"",
        28 | 29 | 54 | 58 => "m\"月\"d\"日\"",
        30 => "m-d-yy",
        31 | 52 | 53 => "yyyy\"年\"m\"月\"d\"日\"",
        32 => "h\"时\"mm\"分\"",
        33 => "h\"时\"mm\"分\"ss\"秒\"",
        34 | 55 => "AM/PMh\"时\"mm\"分\"",
        35 | 56 => "AM/PMh\"时\"mm\"分\"ss\"秒\"",
        45 => "mm:ss",
        46 => "[h]:mm:ss",
        49 => "@",
        _ => "General",
    }
}

/// `value` (a number as the file stores it: `0.98`, `2.4E-2`) shown in the format `code`. A value
/// that is not a number is returned as it is.
pub fn format(value: &str, code: &str, date1904: bool) -> String {
    let Some(number) = parse(value) else { return value.to_owned() };
    // Excel keeps 15 significant digits and formats what it keeps: `166330.77499999999` in `0.00` is
    // `166330.78`, as Excel and LibreOffice show it, not `.77`.
    let number = fifteen(number);
    if code.eq_ignore_ascii_case("general") {
        return general(number);
    }
    let sections = split_sections(code);
    let (section, number, sign) = match sections.len() {
        _ if number.is_sign_negative() && !number.is_zero() && sections.len() >= 2 => (sections[1], -number, ""),
        3.. if number.is_zero() => (sections[2], number, ""),
        _ if number.is_sign_negative() && !number.is_zero() => (sections[0], -number, "-"),
        _ => (sections[0], number, ""),
    };
    let tokens = tokens(section);
    if tokens.iter().any(|t| matches!(t, Token::Date(_))) {
        return date(number, &tokens, date1904).unwrap_or_else(|| general(number));
    }
    let digits = tokens.iter().any(|t| matches!(t, Token::Digits(_)));
    if !digits || tokens.iter().any(|t| matches!(t, Token::Text | Token::Unsupported)) {
        let literal: String =
            tokens.iter().filter_map(|t| if let Token::Literal(s) = t { Some(s.as_str()) } else { None }).collect();
        // `@` or a format with no digits (`"-"` for zero) shows its literals; General shows the number.
        return if !digits
            && !literal.is_empty()
            && !tokens.iter().any(|t| matches!(t, Token::Text | Token::Unsupported))
        {
            literal
        } else {
            format!("{sign}{}", general(number))
        };
    }
    format!("{sign}{}", number_in(number, &tokens))
}

/// A stored number: plain or scientific.
fn parse(value: &str) -> Option<Decimal> {
    let value = value.trim();
    if value.contains(['e', 'E']) {
        Decimal::from_scientific(value).ok()
    } else {
        Decimal::from_str_exact(value).ok()
    }
}

/// General: at most 15 significant digits (what Excel keeps), no trailing zeros.
pub fn general(number: Decimal) -> String {
    fifteen(number).normalize().to_string()
}

/// A number at most 15 significant digits long, as Excel keeps it (the digits past are rounded off,
/// half away from zero; an integer's are kept).
fn fifteen(number: Decimal) -> Decimal {
    let digits = number.mantissa().unsigned_abs().checked_ilog10().map_or(1, |d| d + 1);
    match digits.checked_sub(15) {
        Some(extra) if extra > 0 && number.scale() > 0 => {
            number.round_dp_with_strategy(number.scale().saturating_sub(extra), RoundingStrategy::MidpointAwayFromZero)
        }
        _ => number,
    }
}

/// The sections of a format code, split at `;` outside quotes and brackets.
fn split_sections(code: &str) -> Vec<&str> {
    let mut sections = Vec::new();
    let (mut start, mut quoted, mut bracket, mut escaped) = (0, false, false, false);
    for (i, c) in code.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if !quoted => escaped = true,
            '"' => quoted = !quoted,
            '[' if !quoted => bracket = true,
            ']' if !quoted => bracket = false,
            ';' if !quoted && !bracket => {
                sections.push(&code[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    sections.push(&code[start..]);
    sections
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Literal(String),
    /// A run of digit placeholders and separators: `#,##0.00`.
    Digits(String),
    Percent,
    /// A date or time part: `yyyy`, `m`, `AM/PM`, `[h]`.
    Date(String),
    /// `@`: the cell's text.
    Text,
    /// Fractions and scientific notation: shown as General.
    Unsupported,
}

fn tokens(section: &str) -> Vec<Token> {
    let chars: Vec<char> = section.chars().collect();
    let mut out = Vec::new();
    let literal = |out: &mut Vec<Token>, s: &str| match out.last_mut() {
        Some(Token::Literal(l)) => l.push_str(s),
        _ => out.push(Token::Literal(s.to_owned())),
    };
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '"' => {
                let end = chars[i + 1..].iter().position(|&c| c == '"').map_or(chars.len(), |p| i + 1 + p);
                literal(&mut out, &chars[i + 1..end].iter().collect::<String>());
                i = end + 1;
                continue;
            }
            '\\' => {
                if let Some(&next) = chars.get(i + 1) {
                    literal(&mut out, &next.to_string());
                }
                i += 2;
                continue;
            }
            '_' => {
                literal(&mut out, " ");
                i += 2;
                continue;
            }
            '*' => {
                i += 2;
                continue;
            }
            '[' => {
                let end = chars[i..].iter().position(|&c| c == ']').map_or(chars.len(), |p| i + p);
                let inner: String = chars[i + 1..end].iter().collect();
                let lower = inner.to_ascii_lowercase();
                if let Some(currency) = inner.strip_prefix('$') {
                    literal(&mut out, currency.split('-').next().unwrap_or(""));
                } else if matches!(lower.as_str(), "h" | "hh" | "m" | "mm" | "s" | "ss") {
                    out.push(Token::Date(format!("[{lower}]")));
                }
                i = end + 1;
                continue;
            }
            '0' | '#' | '?' | ',' | '.' if starts_digits(&chars, i) => {
                let end =
                    (i..chars.len()).find(|&j| !matches!(chars[j], '0' | '#' | '?' | ',' | '.')).unwrap_or(chars.len());
                out.push(Token::Digits(chars[i..end].iter().collect()));
                i = end;
                continue;
            }
            '%' => out.push(Token::Percent),
            '@' => out.push(Token::Text),
            'E' | 'e' if matches!(chars.get(i + 1), Some('+' | '-')) => out.push(Token::Unsupported),
            '/' if matches!(out.last(), Some(Token::Digits(_))) => out.push(Token::Unsupported),
            'y' | 'Y' | 'm' | 'M' | 'd' | 'D' | 'h' | 'H' | 's' | 'S' => {
                let lower = c.to_ascii_lowercase();
                let end = (i..chars.len()).find(|&j| chars[j].to_ascii_lowercase() != lower).unwrap_or(chars.len());
                out.push(Token::Date(std::iter::repeat_n(lower, end - i).collect()));
                i = end;
                continue;
            }
            'A' | 'a' if chars[i..].iter().take(5).collect::<String>().eq_ignore_ascii_case("am/pm") => {
                out.push(Token::Date("am/pm".to_owned()));
                i += 5;
                continue;
            }
            'G' | 'g' if chars[i..].iter().take(7).collect::<String>().eq_ignore_ascii_case("general") => {
                out.push(Token::Unsupported);
                i += 7;
                continue;
            }
            c => literal(&mut out, &c.to_string()),
        }
        i += 1;
    }
    out
}

/// Whether a digit run starts at `i`: a placeholder, or a separator right before one.
fn starts_digits(chars: &[char], i: usize) -> bool {
    matches!(chars[i], '0' | '#' | '?') || chars.get(i + 1).is_some_and(|c| matches!(c, '0' | '#' | '?'))
}

/// The number laid out by the digit run (the first one; later runs are dropped) among the literals.
fn number_in(number: Decimal, tokens: &[Token]) -> String {
    let percents = tokens.iter().filter(|t| matches!(t, Token::Percent)).count();
    let mut number = number;
    for _ in 0..percents {
        number *= Decimal::ONE_HUNDRED;
    }
    let mut out = String::new();
    let mut placed = false;
    for token in tokens {
        match token {
            Token::Literal(s) => out.push_str(s),
            Token::Percent => out.push('%'),
            Token::Digits(run) if !placed => {
                out.push_str(&digits(number, run));
                placed = true;
            }
            _ => {}
        }
    }
    out
}

/// A non-negative number by a digit run: decimals between its `0`s and all its placeholders after the
/// point, at least its `0`s before it, thousands grouped when a `,` stands among them.
fn digits(number: Decimal, run: &str) -> String {
    let (int_part, frac_part) = run.split_once('.').unwrap_or((run, ""));
    let max_dp = frac_part.chars().filter(|c| matches!(c, '0' | '#' | '?')).count() as u32;
    let min_dp = frac_part.chars().filter(|&c| c == '0').count();
    let min_int = int_part.chars().filter(|&c| c == '0').count();
    let group = int_part.trim_end_matches(',').contains(',');
    let rounded = number.round_dp_with_strategy(max_dp, RoundingStrategy::MidpointAwayFromZero);
    let text = format!("{:.*}", max_dp as usize, rounded);
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let mut frac = frac.to_owned();
    while frac.len() > min_dp && frac.ends_with('0') {
        frac.pop();
    }
    let int = if int == "0" && min_int == 0 { "" } else { int };
    let mut int = format!("{int:0>min_int$}");
    if group {
        int = grouped(&int);
    }
    if frac.is_empty() {
        int
    } else {
        format!("{int}.{frac}")
    }
}

fn grouped(int: &str) -> String {
    let mut out = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A date serial (days since 1899-12-31, Excel's 1900 leap-year slip kept) shown by date tokens.
fn date(serial: Decimal, tokens: &[Token], date1904: bool) -> Option<String> {
    let seconds_total = (serial * Decimal::from(86_400)).round().to_i64()?;
    let (mut days, secs) = (seconds_total.div_euclid(86_400), seconds_total.rem_euclid(86_400));
    if date1904 {
        days += 1462;
    }
    if !(0..=2_958_465).contains(&days) {
        return None;
    }
    // Serial 60 is the 29 February 1900 that Excel counts and the calendar lacks.
    let (y, m, d) = if days == 60 { (1900, 2, 29) } else { civil(days - if days > 60 { 1 } else { 0 }) };
    let (h, min, s) = (secs / 3600, secs / 60 % 60, secs % 60);
    let twelve = tokens.iter().any(|t| matches!(t, Token::Date(p) if p == "am/pm"));
    let mut out = String::new();
    for (i, token) in tokens.iter().enumerate() {
        match token {
            Token::Literal(l) => out.push_str(l),
            Token::Date(p) => {
                let minute = p.starts_with('m') && is_minute(tokens, i);
                let width = p.len();
                let two = |n: i64| if width >= 2 { format!("{n:02}") } else { n.to_string() };
                out.push_str(&match p.as_str() {
                    "am/pm" => (if h < 12 { "上午" } else { "下午" }).to_owned(),
                    "[h]" | "[hh]" => (days * 24 + h).to_string(),
                    "[m]" | "[mm]" => (days * 1440 + h * 60 + min).to_string(),
                    "[s]" | "[ss]" => (days * 86_400 + secs).to_string(),
                    _ if p.starts_with('y') => {
                        if width <= 2 {
                            format!("{:02}", y % 100)
                        } else {
                            y.to_string()
                        }
                    }
                    _ if minute => two(min),
                    _ if p.starts_with('m') => two(m),
                    _ if p.starts_with('d') => two(d),
                    _ if p.starts_with('h') && twelve => two(if h % 12 == 0 { 12 } else { h % 12 }),
                    _ if p.starts_with('h') => two(h),
                    _ => two(s),
                });
            }
            Token::Digits(run) => out.push_str(run),
            Token::Percent => out.push('%'),
            _ => {}
        }
    }
    Some(out)
}

/// Whether the `m` at `i` is minutes: right after an hour or right before seconds.
fn is_minute(tokens: &[Token], i: usize) -> bool {
    let date_at = |j: usize| match tokens.get(j) {
        Some(Token::Date(p)) => Some(p.as_str()),
        _ => None,
    };
    let before = (0..i).rev().find_map(date_at);
    let after = (i + 1..tokens.len()).find_map(date_at);
    before.is_some_and(|p| p.starts_with('h') || p.starts_with("[h")) || after.is_some_and(|p| p.starts_with('s'))
}

/// The calendar date `days` after 1899-12-31 (day 1 is 1900-01-01).
fn civil(days: i64) -> (i64, i64, i64) {
    // Days since 1970-01-01, then Howard Hinnant's civil_from_days.
    let z = days - 25_568 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_as_shown() {
        let cases = [
            ("0.98", "0%", "98%"),
            ("0.9876", "0.00%", "98.76%"),
            ("1", "0%", "100%"),
            ("0.955", "0.0%", "95.5%"),
            ("24.089999999999996", "General", "24.09"),
            ("0.30000000000000004", "General", "0.3"),
            ("1.5E-2", "General", "0.015"),
            ("12345.678", "#,##0.00", "12,345.68"),
            ("1234567", "#,##0", "1,234,567"),
            ("2.5", "0", "3"),
            ("-2.5", "0", "-3"),
            ("0.5", "#.00", ".50"),
            ("3", "0.0#", "3.0"),
            ("3.456", "0.0#", "3.46"),
            ("-12", "#,##0.00;[Red](#,##0.00)", "(12.00)"),
            ("0", "0.00;-0.00;\"-\"", "-"),
            ("98", "0\"分\"", "98分"),
            ("120.5", "0.00\"万元\"", "120.50万元"),
            ("1000", "[$¥-804]#,##0", "¥1,000"),
            ("7", "@", "7"),
            ("0.25", "# ?/?", "0.25"),
            ("abc", "0%", "abc"),
            // Excel's 15-digit step before the format: a stored `…77499999999` shows as `.78`.
            ("166330.77499999999", "0.00", "166330.78"),
            ("166330.77499999999", "#,##0.00", "166,330.78"),
            ("0.12344999999999999", "0.0000", "0.1235"),
            ("166330.774", "0.00", "166330.77"),
        ];
        for (value, code, shown) in cases {
            assert_eq!(format(value, code, false), shown, "{value} in {code}");
        }
    }

    #[test]
    fn dates_as_shown() {
        let cases = [
            ("45291", "yyyy/m/d", "2023/12/31"),
            ("45291", builtin(31), "2023年12月31日"),
            ("45292.5", "yyyy-mm-dd hh:mm", "2024-01-01 12:00"),
            ("45292.75", builtin(18), "6:00 下午"),
            ("60", "yyyy-mm-dd", "1900-02-29"),
            ("61", "yyyy-mm-dd", "1900-03-01"),
            ("1", "yyyy-mm-dd", "1900-01-01"),
            ("0.0625", "h:mm", "1:30"),
            ("1.5", "[h]:mm:ss", "36:00:00"),
            ("45000", "yy.m", "23.3"),
        ];
        for (value, code, shown) in cases {
            assert_eq!(format(value, code, false), shown, "{value} in {code}");
        }
        assert_eq!(format("43829", "yyyy-mm-dd", true), "2023-12-31");
    }

    #[test]
    fn builtins() {
        assert_eq!(format("0.9", builtin(9), false), "90%");
        assert_eq!(format("0.9", builtin(0), false), "0.9");
        assert_eq!(format("1234.5", builtin(4), false), "1,234.50");
    }
}
