//! A workbook's numbers as the user sees them. A cell stores `0.98` and shows `98%` because its number
//! format is `0%`; it stores `24.089999999999996` and shows `24.09` because General shows 15
//! significant digits; it stores `45291` and shows `2023/12/31`. The checker must read what the user
//! reads, so the readers of `.xlsx` and `.xls` pass every number through its format here.
//!
//! Numbers are first rounded to Excel's 15 significant digits, as Excel does before formatting (a
//! stored `166330.77499999999` shows `166330.78` in `0.00`). Covered: General; digits with `0`, `#`
//! and `?` (which pads with spaces), decimals, thousands separators and thousands scaling (`#,##0,`);
//! literals between digits (`###\-####`); percent; sections for negatives, zero and text, empty
//! sections shown empty, conditional sections (`[<0]…`, `[>=100]…`) chosen as Excel chooses them;
//! literals (`"万元"`, `\x`, `_x`, `*x`, `[$¥-804]`); colours dropped; dates and times
//! (`yyyy"年"m"月"d"日"`, `h:mm`, `上午/下午`, `AM/PM`, `A/P`, `[h]` elapsed), month and day names in
//! the format's locale (`[$-409]` English, `[$-411]` Japanese, Chinese otherwise: `mmm` → `3月`,
//! `ddd` → `周三`, `dddd` → `星期三`), era years (`e`, `ggg`); text through the text section (`_(@_)`).
//! What is not covered (fractions, scientific notation, `[DBNum1]` numerals) shows as General,
//! never as a wrong number. Arithmetic is decimal, never floating point.

use std::fmt::Write as _;

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

/// A format code read once, to show every cell of its style: its sections, each with its tokens.
#[derive(Debug, Clone)]
pub struct Format {
    /// General (or no code at all): 15 significant digits, nothing else.
    general: bool,
    sections: Vec<Section>,
}

/// General, for a cell whose style names no format.
pub static GENERAL: Format = Format { general: true, sections: Vec::new() };

impl Format {
    pub fn new(code: &str) -> Self {
        let general = code.trim().is_empty() || code.eq_ignore_ascii_case("general");
        Format { general, sections: if general { Vec::new() } else { split_sections(code) } }
    }

    /// `value` (a number as the file stores it: `0.98`, `2.4E-2`) shown in this format. A value that
    /// is not a number is returned as it is.
    pub fn number(&self, value: &str, date1904: bool) -> String {
        let mut out = String::new();
        self.number_into(value, date1904, &mut out);
        out
    }

    /// `value` shown in this format, written at the end of `out`.
    pub(crate) fn number_into(&self, value: &str, date1904: bool, out: &mut String) {
        match parse(value) {
            Some(number) => self.show_into(number, date1904, out),
            None => out.push_str(value),
        }
    }

    /// A number shown in this format, written at the end of `out` (a reader writes it where the cell's
    /// text is held, with no text of its own).
    pub(crate) fn show_into(&self, number: Decimal, date1904: bool, out: &mut String) {
        // Excel keeps 15 significant digits and formats what it keeps: `166330.77499999999` in `0.00`
        // is `166330.78`, as Excel and LibreOffice show it, not `.77`.
        let number = fifteen(number);
        if self.general {
            return general_into(number, out);
        }
        let (section, unsigned) = choose(&self.sections, number);
        let tokens = &section.tokens;
        // An empty section shows nothing: `#,##0;;` hides negatives and zero.
        if tokens.is_empty() {
            return;
        }
        let (number, sign) = match number.is_sign_negative() && !number.is_zero() {
            true if unsigned => (-number, ""),
            true => (-number, "-"),
            false => (number, ""),
        };
        if tokens.iter().any(|t| matches!(t, Token::Date(_))) {
            return match date(number, tokens, date1904, section.locale) {
                Some(shown) => out.push_str(&shown),
                None => general_into(number, out),
            };
        }
        let digits = tokens.iter().any(|t| matches!(t, Token::Digits(_) | Token::General));
        let unsupported = tokens.iter().any(|t| matches!(t, Token::Unsupported));
        if !digits && !unsupported {
            // A format with no digits (`"-"` for zero) shows its literals; `@` alone, the number.
            let begin = out.len();
            out.extend(tokens.iter().filter_map(|t| if let Token::Literal(s) = t { Some(s.as_str()) } else { None }));
            if out.len() > begin {
                return;
            }
        }
        out.push_str(sign);
        match digits && !unsupported {
            true => number_in(number, &section.layout, out),
            false => general_into(number, out),
        }
    }

    /// `text` (a cell's text) shown in this format: through its text section (the fourth, or the last
    /// when it holds `@`), as `_(@_)` pads a label; a format with no text section shows it as it is.
    /// It is written at the end of `out`.
    pub(crate) fn text_into(&self, text: &str, out: &mut String) {
        let section = match self.sections.len() {
            4 => &self.sections[3],
            _ => match self.sections.last() {
                Some(last) if last.tokens.contains(&Token::Text) => last,
                _ => return out.push_str(text),
            },
        };
        out.extend(section.tokens.iter().map(|t| match t {
            Token::Literal(s) => s.as_str(),
            Token::Text => text,
            _ => "",
        }));
    }
}

/// The number format of each cell style of a workbook (an `.xls` XF, an `.xlsx` `cellXfs` entry),
/// each format compiled once: a workbook's styles are many (Excel writes 21 before any cell's) and
/// their formats few.
#[derive(Default)]
pub(crate) struct Styles {
    formats: Vec<Format>,
    /// Each style's format, as its place in `formats`.
    of_style: Vec<usize>,
}

impl Styles {
    /// The styles whose format ids are `ids`, in order; an id is a built-in format or one of the
    /// workbook's own `custom` codes.
    pub(crate) fn new(ids: impl IntoIterator<Item = u32>, custom: &std::collections::HashMap<u32, String>) -> Self {
        let mut styles = Styles::default();
        // The ids compiled, in the order of `formats`: few, so looked through.
        let mut compiled = Vec::new();
        for id in ids {
            let at = compiled.iter().position(|&c| c == id).unwrap_or_else(|| {
                let code = custom.get(&id).map_or_else(|| builtin(id), String::as_str);
                styles.formats.push(Format::new(code));
                compiled.push(id);
                compiled.len() - 1
            });
            styles.of_style.push(at);
        }
        styles
    }

    /// The number format of cell style `style`; `None` for a style the workbook does not have.
    pub(crate) fn get(&self, style: usize) -> Option<&Format> {
        self.of_style.get(style).map(|&at| &self.formats[at])
    }
}

/// One section of a format code: its text without the condition and locale, read as tokens; its
/// condition (`[<0]`, `[>=100]`), and its locale (`[$-409]`: the language of month and day names).
#[derive(Debug, Clone, Default, PartialEq)]
struct Section {
    tokens: Vec<Token>,
    /// The tokens' digit placeholders and literals, for a number.
    layout: Layout,
    condition: Option<(Comparison, Decimal)>,
    locale: Locale,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Comparison {
    Less,
    LessEqual,
    Greater,
    GreaterEqual,
    Equal,
    NotEqual,
}

/// The language month and day names, and the era, are shown in.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
enum Locale {
    #[default]
    Chinese,
    English,
    Japanese,
}

impl Comparison {
    fn holds(self, x: Decimal, c: Decimal) -> bool {
        match self {
            Comparison::Less => x < c,
            Comparison::LessEqual => x <= c,
            Comparison::Greater => x > c,
            Comparison::GreaterEqual => x >= c,
            Comparison::Equal => x == c,
            Comparison::NotEqual => x != c,
        }
    }
}

/// The section that shows `number`, and whether it shows it without its minus sign. Without
/// conditions: the second section is for negatives (unsigned), the third for zero, the first for
/// the rest; a last section with `@` is for text only. With conditions, as Excel does: the first
/// section whose condition holds, else the one after the conditional ones; a section shows a negative
/// number unsigned when nothing but negatives can reach it (`[<0]`, or the rest after `[>=-1]`).
fn choose(sections: &[Section], number: Decimal) -> (&Section, bool) {
    let text_last =
        sections.len() < 4 && sections.len() > 1 && sections.last().is_some_and(|s| s.tokens.contains(&Token::Text));
    let numeric = &sections[..sections.len() - usize::from(text_last)];
    let first = &numeric[0];
    let second = numeric.get(1);
    let (c1, c2) = (first.condition, second.and_then(|s| s.condition));
    if c1.is_none() && c2.is_none() {
        return match numeric.len() {
            2.. if number.is_sign_negative() && !number.is_zero() => (&numeric[1], true),
            3.. if number.is_zero() => (&numeric[2], false),
            _ => (first, false),
        };
    }
    let holds = |c: Option<(Comparison, Decimal)>, x: Decimal| c.is_some_and(|(op, v)| op.holds(x, v));
    // Where each section's numbers come from: a non-negative number that reaches it means signed.
    let reaches = |index: usize, x: Decimal| match index {
        0 => holds(c1, x),
        1 if c2.is_some() => !holds(c1, x) && holds(c2, x),
        1 => !holds(c1, x),
        _ => !holds(c1, x) && !holds(c2, x),
    };
    let index = if holds(c1, number) {
        0
    } else if holds(c2, number) {
        1
    } else if c1.is_some() && c2.is_some() {
        2
    } else {
        1
    };
    let section = numeric.get(index).unwrap_or(first);
    let probes = [c1, c2].into_iter().flatten().flat_map(|(_, v)| {
        let v = v.abs();
        let step = Decimal::new(1, 9);
        [v, v + step, (v - step).max(Decimal::ZERO)]
    });
    let signed =
        [Decimal::ZERO, Decimal::from(1_000_000_000_000_000i64)].into_iter().chain(probes).any(|x| reaches(index, x));
    (section, !signed)
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

/// A short text written on the stack, not in an allocation of its own: a number's digits on their way
/// to a cell. It holds 32 bytes, any number a decimal holds with its sign and point; writing more is
/// an error.
#[derive(Default)]
pub(crate) struct Short {
    bytes: [u8; 32],
    len: usize,
}

impl Short {
    pub(crate) fn as_str(&self) -> &str {
        std::str::from_utf8(&self.bytes[..self.len]).unwrap_or_default()
    }
}

impl std::fmt::Write for Short {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        let end = self.len + s.len();
        self.bytes.get_mut(self.len..end).ok_or(std::fmt::Error)?.copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }
}

/// A stored float as the decimal its shortest text reads back as (`0.98`, not `0.97999…`): what a
/// spreadsheet keeps of it. `None` for a float no decimal holds (not finite, or too large or too
/// small for 28 digits).
pub(crate) fn float(n: f64) -> Option<Decimal> {
    // Most stored numbers are short decimals (`5`, `0.98`, `1234.5`): the fewest decimals k with an
    // integer m whose m / 10^k is the float. Both are exact in a float and the division rounds
    // correctly, so m·10^-k reads back as the float; with at most 15 digits no other decimal of as few
    // does, so it is the shortest text's decimal, found with no text.
    if n.abs() < 1e15 {
        let mut scale = 1.0;
        for k in 0..=10 {
            let m = (n * scale).round();
            if m.abs() < 1e15 && m / scale == n {
                return Some(Decimal::new(m as i64, k));
            }
            scale *= 10.0;
        }
    }
    let mut short = Short::default();
    write!(short, "{n}").ok()?;
    Decimal::from_str_exact(short.as_str()).ok()
}

/// General: at most 15 significant digits (what Excel keeps), no trailing zeros.
pub fn general(number: Decimal) -> String {
    let mut out = String::new();
    general_into(number, &mut out);
    out
}

/// General, written at the end of `out`.
fn general_into(number: Decimal, out: &mut String) {
    decimal_into(fifteen(number).normalize(), out);
}

/// A decimal's digits, its sign and its point (`-0.98`, `1234`), written at the end of `out`: as
/// `Decimal`'s `Display` writes it, without its padding and precision.
fn decimal_into(number: Decimal, out: &mut String) {
    let mut digits = [0u8; 40];
    let mut at = digits.len();
    let mut rest = number.mantissa().unsigned_abs();
    let scale = number.scale() as usize;
    // At least one digit before the point, and every digit the scale says comes after it.
    while rest > 0 || digits.len() - at <= scale {
        at -= 1;
        digits[at] = b'0' + (rest % 10) as u8;
        rest /= 10;
    }
    if number.is_sign_negative() {
        out.push('-');
    }
    let point = digits.len() - scale;
    out.extend(digits[at..point].iter().map(|&d| char::from(d)));
    if scale > 0 {
        out.push('.');
        out.extend(digits[point..].iter().map(|&d| char::from(d)));
    }
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

/// The sections of a format code, split at `;` outside quotes and brackets, each with its condition
/// and locale taken out of its text.
fn split_sections(code: &str) -> Vec<Section> {
    let mut parts = Vec::new();
    let (mut start, mut quoted, mut bracket, mut escaped) = (0, false, false, false);
    for (i, c) in code.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if !quoted => escaped = true,
            '"' => quoted = !quoted,
            '[' if !quoted => bracket = true,
            ']' if !quoted => bracket = false,
            ';' if !quoted && !bracket => {
                parts.push(&code[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&code[start..]);
    parts.into_iter().map(section).collect()
}

/// A section's brackets read: `[<0]` its condition, `[$-409]` its locale (the currency of
/// `[$¥-804]` stays in the text); colours and the rest stay for [`tokens`] to drop.
fn section(part: &str) -> Section {
    let mut section = Section::default();
    let mut rest = part;
    let mut text = String::new();
    while let Some(open) = rest.find('[') {
        // A bracket inside quotes is text: stop at the first quote before it.
        if rest[..open].contains(['"', '\\']) {
            break;
        }
        let Some(close) = rest[open..].find(']').map(|c| open + c) else { break };
        let inner = &rest[open + 1..close];
        text.push_str(&rest[..open]);
        let comparison = [
            ("<=", Comparison::LessEqual),
            (">=", Comparison::GreaterEqual),
            ("<>", Comparison::NotEqual),
            ("<", Comparison::Less),
            (">", Comparison::Greater),
            ("=", Comparison::Equal),
        ]
        .into_iter()
        .find(|(op, _)| inner.starts_with(op));
        if let Some((op, comparison)) = comparison {
            if let Ok(value) = inner[op.len()..].trim().parse::<Decimal>() {
                section.condition = Some((comparison, value));
            }
        } else if let Some(currency) = inner.strip_prefix('$') {
            let (symbol, lcid) = currency.split_once('-').unwrap_or((currency, ""));
            // The language is the low 16 bits of the locale id: 0x409 English, 0x411 Japanese.
            match u32::from_str_radix(lcid, 16).map(|id| id & 0x3FF) {
                Ok(0x09) => section.locale = Locale::English,
                Ok(0x11) => section.locale = Locale::Japanese,
                _ => {}
            }
            if !symbol.is_empty() {
                text.push_str(&rest[open..=close]);
            }
        } else {
            text.push_str(&rest[open..=close]);
        }
        rest = &rest[close + 1..];
    }
    text.push_str(rest);
    section.tokens = tokens(&text);
    section.layout = Layout::of(&section.tokens);
    section
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
    /// `General` among literals (`General" 元"`).
    General,
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
    let starts =
        |i: usize, word: &str| chars[i..].iter().take(word.len()).collect::<String>().eq_ignore_ascii_case(word);
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
            _ if starts(i, "general") => {
                out.push(Token::General);
                i += 7;
                continue;
            }
            _ if starts(i, "am/pm") || starts(i, "a/p") => {
                let len = if starts(i, "am/pm") { 5 } else { 3 };
                out.push(Token::Date(chars[i..i + len].iter().collect()));
                i += len;
                continue;
            }
            // Years, months, days, hours, minutes, seconds; `e` the year of the era, `g` its name.
            'y' | 'Y' | 'm' | 'M' | 'd' | 'D' | 'h' | 'H' | 's' | 'S' | 'e' | 'g' | 'G' => {
                let lower = c.to_ascii_lowercase();
                let end = (i..chars.len()).find(|&j| chars[j].to_ascii_lowercase() != lower).unwrap_or(chars.len());
                out.push(Token::Date(std::iter::repeat_n(lower, end - i).collect()));
                i = end;
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

/// A place of a number's layout: a digit placeholder (`0` shows a zero, `?` a space, `#` nothing
/// where the number has no digit), the decimal point, or text.
#[derive(Debug, Clone, PartialEq)]
enum Place {
    Int(char),
    Frac(char),
    Point,
    Text(String),
    General,
}

/// A section's digit placeholders and the literals between them, read once for every number the
/// section shows.
#[derive(Debug, Clone, Default, PartialEq)]
struct Layout {
    places: Vec<Place>,
    /// The decimal placeholders' kinds (`0`, `#`, `?`), in order.
    fracs: Vec<char>,
    /// The integer placeholders' kinds, in order.
    ints: Vec<char>,
    /// `%` signs: each multiplies by 100.
    percents: usize,
    /// Separators after the last integer placeholder: each divides by 1,000.
    scale: usize,
    /// A separator between integer placeholders: thousands are grouped.
    group: bool,
}

impl Layout {
    fn of(tokens: &[Token]) -> Self {
        let mut layout = Layout::default();
        let mut point = false;
        for token in tokens {
            match token {
                Token::Literal(s) => layout.places.push(Place::Text(s.clone())),
                Token::Percent => {
                    layout.percents += 1;
                    layout.places.push(Place::Text("%".to_owned()));
                }
                Token::General => layout.places.push(Place::General),
                Token::Digits(run) => {
                    let run: Vec<char> = run.chars().collect();
                    for (i, &c) in run.iter().enumerate() {
                        match c {
                            '.' if !point => {
                                point = true;
                                layout.places.push(Place::Point);
                            }
                            '.' => layout.places.push(Place::Text(".".to_owned())),
                            ',' if point => {}
                            ',' => {
                                // Between placeholders it groups thousands; after the last one it scales.
                                let later = run[i + 1..]
                                    .iter()
                                    .take_while(|&&c| c != '.')
                                    .any(|c| matches!(c, '0' | '#' | '?'));
                                if later {
                                    layout.group = true;
                                } else {
                                    layout.scale += 1;
                                }
                            }
                            c if point => {
                                layout.fracs.push(c);
                                layout.places.push(Place::Frac(c));
                            }
                            c => {
                                layout.ints.push(c);
                                layout.places.push(Place::Int(c));
                            }
                        }
                    }
                }
                _ => {}
            }
        }
        layout
    }
}

/// The (non-negative) number laid out by its format's digit placeholders with the literals between
/// them: `###\-####` puts `123-4567`, `#,##0.00` groups thousands, a `,` after the last integer
/// placeholder divides by 1,000, each `%` multiplies by 100.
fn number_in(number: Decimal, layout: &Layout, out: &mut String) {
    let mut number = number;
    for _ in 0..layout.percents {
        number *= Decimal::ONE_HUNDRED;
    }
    for _ in 0..layout.scale {
        number /= Decimal::ONE_THOUSAND;
    }
    let max_dp = layout.fracs.len();
    let rounded = number.round_dp_with_strategy(max_dp as u32, RoundingStrategy::MidpointAwayFromZero);
    let mut short = Short::default();
    let long;
    let text = match write!(short, "{rounded:.max_dp$}") {
        Ok(()) => short.as_str(),
        Err(_) => {
            long = format!("{rounded:.max_dp$}");
            &long
        }
    };
    let (int, frac) = text.split_once('.').unwrap_or((text, ""));
    let int = if int == "0" { &[][..] } else { int.as_bytes() };
    let frac = frac.as_bytes();
    // The integer digits fill their placeholders from the right; digits beyond them go to the first.
    // Placeholder k's digits are `int[start..end]`; one with none shows its filler (`0` a zero, `?` a
    // space, `#` nothing).
    let (n, p) = (int.len(), layout.ints.len());
    let digits_of = |k: usize| match k {
        0 => (0, n.saturating_sub(p - 1)),
        _ if n + k >= p => (n + k - p, n + k - p + 1),
        _ => (0, 0),
    };
    // Thousands are grouped by the digits shown, counted from the right: a comma follows each digit
    // with a multiple of three still to come.
    let shown = |k: usize| match digits_of(k) {
        (start, end) if end > start => end - start,
        _ => usize::from(layout.ints[k] == '0'),
    };
    let mut to_come: usize = (0..p).map(shown).sum();
    let mut digit = |out: &mut String, c: char| {
        out.push(c);
        to_come -= 1;
        if layout.group && to_come > 0 && to_come % 3 == 0 {
            out.push(',');
        }
    };
    // Decimals: trailing zeros go where the placeholder is `#` (nothing) or `?` (a space).
    let mut last = frac.len();
    while last > 0 && frac[last - 1] == b'0' && layout.fracs[last - 1] != '0' {
        last -= 1;
    }
    let begin = out.len();
    let (mut k, mut f) = (0, 0);
    for place in &layout.places {
        match place {
            Place::Int(_) => {
                let (start, end) = digits_of(k);
                int[start..end].iter().for_each(|&c| digit(out, char::from(c)));
                match layout.ints[k] {
                    '0' if end == start => digit(out, '0'),
                    '?' if end == start => out.push(' '),
                    _ => {}
                }
                k += 1;
            }
            Place::Frac(_) => {
                match (f < last, layout.fracs[f]) {
                    (true, _) => out.push(char::from(frac[f])),
                    (false, '?') => out.push(' '),
                    _ => {}
                }
                f += 1;
            }
            Place::Point => out.push('.'),
            Place::Text(s) => out.push_str(s),
            Place::General => general_into(number, out),
        }
    }
    if layout.ints.is_empty() && !int.is_empty() && !layout.places.contains(&Place::General) {
        // `.00` with no integer placeholder still shows the integer, before the point.
        let at = out[begin..].find('.').map_or(begin, |at| begin + at);
        out.insert_str(at, std::str::from_utf8(int).unwrap_or_default());
    }
}

/// A date serial (days since 1899-12-31, Excel's 1900 leap-year slip kept) shown by date tokens,
/// month and day names in `locale`'s words. Elapsed time (`[h]:mm`) counts from the serial itself,
/// in either date system.
fn date(serial: Decimal, tokens: &[Token], date1904: bool, locale: Locale) -> Option<String> {
    let seconds_total = (serial * Decimal::from(86_400)).round().to_i64()?;
    let (elapsed, secs) = (seconds_total.div_euclid(86_400), seconds_total.rem_euclid(86_400));
    let days = elapsed + if date1904 { 1462 } else { 0 };
    if !(0..=2_958_465).contains(&days) {
        return None;
    }
    // Serial 60 is the 29 February 1900 that Excel counts and the calendar lacks.
    let (y, m, d) = if days == 60 { (1900, 2, 29) } else { civil(days - if days > 60 { 1 } else { 0 }) };
    // Excel's day 1 (1 January 1900) is a Sunday.
    let weekday = (days + 6).rem_euclid(7) as usize;
    let (h, min, s) = (secs / 3600, secs / 60 % 60, secs % 60);
    let twelve = tokens
        .iter()
        .any(|t| matches!(t, Token::Date(p) if p.eq_ignore_ascii_case("am/pm") || p.eq_ignore_ascii_case("a/p")));
    let mut out = String::new();
    for (i, token) in tokens.iter().enumerate() {
        match token {
            Token::Literal(l) => out.push_str(l),
            Token::Date(p) => {
                let minute = p.starts_with('m') && is_minute(tokens, i);
                let width = p.len();
                let two = |n: i64| if width >= 2 { format!("{n:02}") } else { n.to_string() };
                out.push_str(&match p.as_str() {
                    _ if p.eq_ignore_ascii_case("am/pm") => match (locale, h < 12) {
                        (Locale::Chinese, true) => "上午".to_owned(),
                        (Locale::Chinese, false) => "下午".to_owned(),
                        (_, true) => "AM".to_owned(),
                        (_, false) => "PM".to_owned(),
                    },
                    // `A/P` keeps the case it is written in.
                    _ if p.eq_ignore_ascii_case("a/p") => p[if h < 12 { 0..1 } else { 2..3 }].to_owned(),
                    "[h]" | "[hh]" => (elapsed * 24 + h).to_string(),
                    "[m]" | "[mm]" => (elapsed * 1440 + h * 60 + min).to_string(),
                    "[s]" | "[ss]" => (elapsed * 86_400 + secs).to_string(),
                    _ if p.starts_with('y') => {
                        if width <= 2 {
                            format!("{:02}", y % 100)
                        } else {
                            y.to_string()
                        }
                    }
                    _ if p.starts_with('e') || p.starts_with('g') => era(p, (y, m, d), locale),
                    _ if minute => two(min),
                    _ if p.starts_with('m') && width >= 3 => month_name(m as usize, width, locale),
                    _ if p.starts_with('m') => two(m),
                    _ if p.starts_with('d') && width >= 3 => day_name(weekday, width, locale),
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

/// `mmm` (short), `mmmm` (full) and `mmmmm` (first letter) month names.
fn month_name(m: usize, width: usize, locale: Locale) -> String {
    const ENGLISH: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    const CHINESE: [&str; 12] =
        ["一月", "二月", "三月", "四月", "五月", "六月", "七月", "八月", "九月", "十月", "十一月", "十二月"];
    let i = m.clamp(1, 12) - 1;
    match (locale, width) {
        (Locale::English, 3) => ENGLISH[i][..3].to_owned(),
        (Locale::English, 4) => ENGLISH[i].to_owned(),
        (Locale::English, _) => ENGLISH[i][..1].to_owned(),
        (Locale::Chinese, 4) => CHINESE[i].to_owned(),
        (Locale::Chinese, 5) => CHINESE[i].chars().next().map(String::from).unwrap_or_default(),
        _ => format!("{m}月"),
    }
}

/// `ddd` (short) and `dddd` (full) day names; `weekday` 0 is Sunday.
fn day_name(weekday: usize, width: usize, locale: Locale) -> String {
    const ENGLISH: [&str; 7] = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
    const CHINESE: [&str; 7] = ["日", "一", "二", "三", "四", "五", "六"];
    const JAPANESE: [&str; 7] = ["日", "月", "火", "水", "木", "金", "土"];
    match (locale, width) {
        (Locale::English, 3) => ENGLISH[weekday][..3].to_owned(),
        (Locale::English, _) => ENGLISH[weekday].to_owned(),
        (Locale::Chinese, 3) => format!("周{}", CHINESE[weekday]),
        (Locale::Chinese, _) => format!("星期{}", CHINESE[weekday]),
        (Locale::Japanese, 3) => JAPANESE[weekday].to_owned(),
        (Locale::Japanese, _) => format!("{}曜日", JAPANESE[weekday]),
    }
}

/// `e` the year of the era and `g` its name (`g` a letter, `gg` a character, `ggg` the name): in
/// Japanese, the imperial era (令和3年 is 2021); elsewhere `e` is the year and `g` nothing.
fn era(p: &str, date: (i64, i64, i64), locale: Locale) -> String {
    /// An era: the day it began, its letter, its one character and its name.
    struct Era(Date, &'static str, &'static str, &'static str);
    type Date = (i64, i64, i64);
    const ERAS: [Era; 5] = [
        Era((2019, 5, 1), "R", "令", "令和"),
        Era((1989, 1, 8), "H", "平", "平成"),
        Era((1926, 12, 25), "S", "昭", "昭和"),
        Era((1912, 7, 30), "T", "大", "大正"),
        Era((1868, 9, 8), "M", "明", "明治"),
    ];
    let found = ERAS.iter().find(|Era(start, ..)| date >= *start).filter(|_| locale == Locale::Japanese);
    match (found, p.starts_with('e')) {
        (Some(Era(start, ..)), true) if p.len() >= 2 => format!("{:02}", date.0 - start.0 + 1),
        (Some(Era(start, ..)), true) => (date.0 - start.0 + 1).to_string(),
        (Some(Era(_, letter, one, name)), false) => match p.len() {
            1 => (*letter).to_owned(),
            2 => (*one).to_owned(),
            _ => (*name).to_owned(),
        },
        (None, true) => date.0.to_string(),
        (None, false) => String::new(),
    }
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

/// An ISO 8601 date and time as a workbook stores it in a date cell (`2021-01-01T10:10:10`, `2021-01-01`,
/// `10:10:10`), as the serial its number format shows.
pub fn iso_serial(iso: &str, date1904: bool) -> Option<String> {
    let iso = iso.trim().trim_end_matches('Z');
    let (day, time) = match iso.split_once('T') {
        Some((day, time)) => (Some(day), Some(time)),
        None if iso.contains(':') => (None, Some(iso)),
        None => (Some(iso), None),
    };
    let days = match day {
        Some(day) => {
            let mut parts = day.splitn(3, '-').map(|p| p.parse::<i64>().ok());
            let (y, m, d) = (parts.next()??, parts.next()??, parts.next()??);
            if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
                return None;
            }
            // Days from 1899-12-30 (Excel's day 0 once its 29 February 1900 is past), by Howard Hinnant's
            // days_from_civil.
            let (y, m) = if m <= 2 { (y - 1, m + 9) } else { (y, m - 3) };
            let era = y.div_euclid(400);
            let yoe = y - era * 400;
            let doe = yoe * 365 + yoe / 4 - yoe / 100 + (153 * m + 2) / 5 + d - 1;
            let unix = era * 146_097 + doe - 719_468;
            let serial = unix + 25_569;
            let serial = if serial <= 60 { serial - 1 } else { serial };
            serial - if date1904 { 1462 } else { 0 }
        }
        None => 0,
    };
    let seconds = match time {
        Some(time) => {
            let mut parts = time.splitn(3, ':');
            let h: Decimal = parts.next()?.parse().ok()?;
            let m: Decimal = parts.next().unwrap_or("0").parse().ok()?;
            let s: Decimal = parts.next().unwrap_or("0").parse().ok()?;
            h * Decimal::from(3600) + m * Decimal::from(60) + s
        }
        None => Decimal::ZERO,
    };
    Some((Decimal::from(days) + seconds / Decimal::from(86_400)).normalize().to_string())
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

    fn format(value: &str, code: &str, date1904: bool) -> String {
        Format::new(code).number(value, date1904)
    }

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
            // Literals between placeholders, as a telephone number is written.
            ("1234567", "###\\-####", "123-4567"),
            ("5551234", "[<=9999999]###\\-####;\\(###\\)\\ ###\\-####", "555-1234"),
            // Conditions: a section only negatives reach drops the sign; others keep it.
            ("-5", "[<0]\"neg \"0;0", "neg 5"),
            ("-2", "[>=-1]0;0", "2"),
            ("-2", "[>=1]0;0", "-2"),
            ("-12.3", "[=0]?;#,##0.00", "-12.30"),
            ("5", "[<0]\"neg \"0;0", "5"),
            // Empty sections show nothing.
            ("-5", "#,###;;", ""),
            ("0", "#,###;;", ""),
            ("1234", "#,###;;", "1,234"),
            // `?` pads with a space; accounting's zero is a dash in spaces.
            ("0", "_(* #,##0_);_(* (#,##0);_(* \"-\"??_);_(@_)", " -   "),
            ("0.5", "0.0?", "0.5 "),
            // A comma after the last placeholder counts thousands.
            ("1234567", "#,##0,", "1,235"),
            ("12", "General\" 元\"", "12 元"),
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
        // Elapsed time counts from the serial in either date system.
        assert_eq!(format("1.5", "[h]:mm:ss", true), "36:00:00");
    }

    #[test]
    fn names_and_eras_as_shown() {
        // 45000 is Wednesday 15 March 2023; 44197 is 1 January 2021.
        let cases = [
            ("45000", "mmm-yy", "3月-23"),
            ("45000", builtin(15), "15-3月-23"),
            ("45000", "mmmm", "三月"),
            ("45000", "[$-409]mmmm d, yyyy", "March 15, 2023"),
            ("45000", "[$-409]mmm", "Mar"),
            ("45000", "dddd", "星期三"),
            ("45000", "ddd", "周三"),
            ("45000", "[$-409]dddd", "Wednesday"),
            ("44197", "[$-411]ggge\"年\"m\"月\"d\"日\"", "令和3年1月1日"),
            ("32000", "[$-411]gge", "昭62"),
            ("45292.75", "h:mm A/P", "6:00 P"),
            ("45292.25", "h:mm a/p", "6:00 a"),
            ("45292.75", "[$-409]h:mm AM/PM", "6:00 PM"),
        ];
        for (value, code, shown) in cases {
            assert_eq!(format(value, code, false), shown, "{value} in {code}");
        }
    }

    #[test]
    fn text_through_its_section() {
        let accounting = "_(* #,##0_);_(* (#,##0);_(* \"-\"??_);_(@_)";
        let text = |code: &str, text: &str| {
            let mut out = String::new();
            Format::new(code).text_into(text, &mut out);
            out
        };
        assert_eq!(text(accounting, "Gas"), " Gas ");
        assert_eq!(text("0.00", "abc"), "abc");
        assert_eq!(text("0;0;0;\"[\"@\"]\"", "x"), "[x]");
        assert_eq!(text("0;;;", "x"), "");
    }

    #[test]
    fn a_text_format_shows_a_number_as_general() {
        for value in ["-5.5", "166330.77499999999", "0.98", "45291"] {
            assert_eq!(format(value, "@", false), format(value, "General", false), "{value}");
        }
        assert_eq!(GENERAL.number("24.089999999999996", false), "24.09");
    }

    #[test]
    fn iso_dates_as_serials() {
        assert_eq!(iso_serial("2023-12-31", false).as_deref(), Some("45291"));
        assert_eq!(iso_serial("2023-12-31", true).as_deref(), Some("43829"));
        assert_eq!(iso_serial("12:00:00", false).as_deref(), Some("0.5"));
        assert_eq!(iso_serial("2023-13-01", false), None);
        assert_eq!(
            format(&iso_serial("2021-01-01T10:10:10", false).unwrap(), "yyyy-mm-dd h:mm:ss", false),
            "2021-01-01 10:10:10"
        );
    }

    #[test]
    fn builtins() {
        assert_eq!(format("0.9", builtin(9), false), "90%");
        assert_eq!(format("0.9", builtin(0), false), "0.9");
        assert_eq!(format("1234.5", builtin(4), false), "1,234.50");
    }

    /// The shortest text's decimal, by way of the text: what `float` finds without one.
    fn by_text(n: f64) -> Option<Decimal> {
        Decimal::from_str_exact(&n.to_string()).ok()
    }

    #[test]
    fn floats_read_as_their_shortest_text() {
        let mut cases = vec![
            0.98,
            5.0,
            -1234.5,
            0.1 + 0.2,
            "166330.77499999999".parse().unwrap(),
            1e-7,
            123456789012345.6,
            1e15,
            2.5e-11,
        ];
        cases.extend([f64::MAX, f64::MIN_POSITIVE, 1e300, 0.0, 999999999999999.0, 0.30000000000000004]);
        // A spread of magnitudes and digit counts, from a fixed seed.
        let mut seed = 0x9E37_79B9_7F4A_7C15u64;
        for _ in 0..20_000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let digits = (seed % 1_000_000_007) as f64;
            let shift = 10f64.powi((seed >> 40) as i32 % 14 - 3);
            cases.extend([digits / shift, -(digits * shift), f64::from_bits(seed)]);
        }
        for n in cases {
            assert_eq!(float(n), by_text(n), "{n:e}");
            if let Some(d) = float(n) {
                assert_eq!((d.mantissa(), d.scale()), by_text(n).map(|t| (t.mantissa(), t.scale())).unwrap(), "{n:e}");
            }
        }
    }

    #[test]
    fn decimals_written_as_display_writes_them() {
        for text in [
            "0",
            "-0",
            "0.05",
            "-0.98",
            "1234",
            "1234.500",
            "-79228162514264337593543950335",
            "0.0000000000000000000000000001",
        ] {
            let number: Decimal = text.parse().unwrap();
            let mut out = String::from("…");
            decimal_into(number, &mut out);
            assert_eq!(out, format!("…{number}"), "{text}");
        }
    }
}
