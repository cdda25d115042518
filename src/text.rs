//! Text normalisation shared by the reading steps: full-width folding, label keys, markup detection.

use std::borrow::Cow;
use std::sync::OnceLock;

/// Folds full-width ASCII forms (`（`, `：`, `１`, `％`, `＞`) to their ASCII twins, the ideographic space
/// to a space, dash variants to `-`, and `≧`/`≦` to `≥`/`≤`. Other characters are kept.
pub fn fold(s: &str) -> String {
    s.chars().map(fold_char).collect()
}

/// One character of [`fold`].
pub fn fold_char(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' | '\u{00A0}' => ' ',
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE63}' => '-',
        '\u{2267}' => '≥',
        // A box-drawing double line, typed for `=` in some forms' 指标性质.
        '\u{2550}' => '=',
        '\u{2266}' => '≤',
        '\u{FE6A}' => '%',
        _ => c,
    }
}

/// The key a label is matched by: folded, with every white space removed. Borrowed when the text is
/// already its own key, as most cells are.
pub fn label_key(s: &str) -> Cow<'_, str> {
    if is_own_key(s) {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(s.chars().map(fold_char).filter(|c| !c.is_whitespace()).collect())
    }
}

/// The bytes that may begin a character a key changes: ASCII white space and the lead bytes below.
const MAY_CHANGE: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = matches!(b as u8, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ' | 0xC2 | 0xE1 | 0xE2 | 0xE3 | 0xEF);
        b += 1;
    }
    table
};

/// Whether the text is its own [`label_key`]: no character folds and none is white space. Looked at by
/// bytes, for every cell is keyed: only a character whose UTF-8 starts with a byte that begins some
/// white space or folded character (`C2`: U+0080–00BF, `E1`: U+1000–1FFF, `E2`: U+2000–2FFF, `E3`:
/// U+3000–3FFF, `EF`: U+F000–FFFF) is decoded; a Chinese character (`E4`–`E9`) never is.
fn is_own_key(s: &str) -> bool {
    // Most keys have no such byte at all: found without a branch per byte.
    let bytes = s.as_bytes();
    if !bytes.iter().fold(false, |any, &b| any | MAY_CHANGE[usize::from(b)]) {
        return true;
    }
    let mut at = 0;
    while let Some(&lead) = bytes.get(at) {
        let len = match lead {
            0x00..=0x7F if MAY_CHANGE[usize::from(lead)] => return false,
            0x00..=0x7F => 1,
            0xC2 | 0xE1 | 0xE2 | 0xE3 | 0xEF => {
                let Some(c) = s[at..].chars().next() else { return false };
                if fold_char(c) != c || c.is_whitespace() {
                    return false;
                }
                c.len_utf8()
            }
            0x80..=0xDF => 2,
            0xE0..=0xEF => 3,
            _ => 4,
        };
        at += len;
    }
    true
}

/// A label's key without what only annotates it: brackets (`实施单位(盖章)`, `总分(100分)`) and a colon at
/// the end.
pub fn without_brackets(key: &str) -> Cow<'_, str> {
    if !key.contains(['(', ')', '[', ']', '【', '】']) {
        return Cow::Borrowed(key.trim_end_matches(':'));
    }
    let mut out = String::with_capacity(key.len());
    let mut depth = 0usize;
    for c in key.chars() {
        match c {
            '(' | '[' | '【' => depth += 1,
            ')' | ']' | '】' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out.truncate(out.trim_end_matches(':').len());
    Cow::Owned(out)
}

/// Whether the text holds an HTML tag such as `<p>`, `</span>` or `<br/>`.
pub fn has_markup(s: &str) -> bool {
    s.match_indices('<').any(|(i, _)| tag_len(&s[i..]).is_some())
}

/// The text with HTML tags removed, for comparing and showing what a cell says.
pub fn strip_markup(s: &str) -> Cow<'_, str> {
    if !has_markup(s) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        let tail = &rest[lt..];
        match tag_len(tail) {
            Some(len) => rest = &tail[len..],
            None => {
                out.push('<');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// The length of the tag at the start of `s`: `<`, an ASCII letter (or `/` and a letter), then up to
/// the first `>`, with no other `<` before it.
fn tag_len(s: &str) -> Option<usize> {
    let bytes = s.as_bytes();
    let name = if bytes.get(1) == Some(&b'/') { bytes.get(2) } else { bytes.get(1) };
    if !name?.is_ascii_alphabetic() {
        return None;
    }
    let end = bytes[1..].iter().position(|&b| b == b'>' || b == b'<')? + 1;
    (bytes[end] == b'>').then_some(end + 1)
}

/// Whether `text` contains `needle`: `str::contains` for the short texts of cells and labels, where
/// the standard search's set-up for each call costs more than the search (the reader asks it of every
/// cell, dozens of times). A candidate is compared only where the needle's first and last bytes stand;
/// a needle matched byte for byte in UTF-8 starts and ends on characters.
pub fn has(text: &str, needle: &str) -> bool {
    let (text, needle) = (text.as_bytes(), needle.as_bytes());
    let (Some(&first), Some(&last)) = (needle.first(), needle.last()) else { return true };
    let Some(starts) = text.len().checked_sub(needle.len()) else { return false };
    (0..=starts)
        .any(|at| text[at] == first && text[at + needle.len() - 1] == last && text[at..at + needle.len()] == *needle)
}

/// Whether a cell's text is blank (empty or white space): `trim().is_empty()` without trimming both
/// ends, for every cell of a paste is asked.
pub fn is_blank(text: &str) -> bool {
    text.chars().all(char::is_whitespace)
}

/// Whether `key` holds any of `words`, all looked for in one pass: `set` keeps their [`Needles`], made
/// at first use (a `static` beside the words).
pub fn holds_any(set: &'static OnceLock<Needles>, words: &[&'static str], key: &str) -> bool {
    set.get_or_init(|| Needles::new(words)).found(key) != 0
}

/// A fixed set of substrings (at most 64), all looked for in a key in one pass over its characters:
/// at each character only the needles that begin with it are compared. Reading a sheet asks of every
/// cell which of dozens of labels it holds; a `contains` per label costs a search set-up each.
pub struct Needles {
    needles: Vec<&'static str>,
    /// A bit for each first character's code modulo 256: most characters of a key begin no needle, and
    /// are passed over with one test.
    firsts: [u64; 4],
    /// Each needle's first character and index, sorted by character.
    by_first: Vec<(char, u8)>,
}

impl Needles {
    /// The set of `needles`; empty ones are never found. Panics past 64 needles (a programming error:
    /// the sets are the reader's own constants).
    pub fn new(needles: &[&'static str]) -> Self {
        assert!(needles.len() <= 64, "at most 64 needles");
        let mut by_first: Vec<(char, u8)> =
            needles.iter().enumerate().filter_map(|(i, n)| Some((n.chars().next()?, i as u8))).collect();
        by_first.sort_unstable();
        let mut firsts = [0; 4];
        for &(c, _) in &by_first {
            firsts[(u32::from(c) as usize >> 6) & 3] |= 1 << (u32::from(c) % 64);
        }
        Needles { needles: needles.to_vec(), firsts, by_first }
    }

    /// Which needles `key` contains: bit `i` for the `i`th.
    pub fn found(&self, key: &str) -> u64 {
        let mut bits = 0;
        for (at, c) in key.char_indices() {
            if self.firsts[(u32::from(c) as usize >> 6) & 3] & 1 << (u32::from(c) % 64) == 0 {
                continue;
            }
            let first = self.by_first.partition_point(|&(f, _)| f < c);
            for &(_, i) in self.by_first[first..].iter().take_while(|&&(f, _)| f == c) {
                if key[at..].starts_with(self.needles[usize::from(i)]) {
                    bits |= 1 << i;
                }
            }
        }
        bits
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding() {
        assert_eq!(fold("项目资金（万元）"), "项目资金(万元)");
        assert_eq!(fold("其中：当年"), "其中:当年");
        assert_eq!(fold("≧９８％"), "≥98%");
        assert_eq!(fold("＞＝90％"), ">=90%");
        assert_eq!(fold("—"), "-");
        assert_eq!(label_key(" 一级 指标\u{3000}"), "一级指标");
    }

    #[test]
    fn own_keys_are_told_by_bytes_as_by_characters() {
        let by_chars = |s: &str| s.chars().all(|c| fold_char(c) == c && !c.is_whitespace());
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let text = format!("项{c}a");
            assert_eq!(is_own_key(&text), by_chars(&text), "U+{:04X}", c as u32);
        }
        assert!(is_own_key("") && is_own_key("一级指标") && !is_own_key("一级 指标"));
    }

    #[test]
    fn has_is_contains() {
        let texts = ["", "执行率", "预算执行率(%)", "a", "ab", "执行", "年度资金总额", "总额资金", "aaa"];
        let needles = ["", "执行率", "执行", "a", "ab", "b", "资金总额", "率(", "aa", "预算执行率(%)x"];
        for text in texts {
            for needle in needles {
                assert_eq!(has(text, needle), text.contains(needle), "{text} ∋ {needle}");
            }
        }
    }

    #[test]
    fn needles_are_found_wherever_they_stand() {
        let set = Needles::new(&["预算执行", "20分", "执行率", "", "预算"]);
        assert_eq!(set.found("预算执行率(20分)"), 0b10111);
        assert_eq!(set.found("年度预算"), 0b10000);
        assert_eq!(set.found("执行"), 0);
        assert_eq!(set.found(""), 0);
        // Every needle against every cut of a label, as `contains` says.
        let label = "预算执行情况(20分)执行率";
        for (from, _) in label.char_indices() {
            let key = &label[from..];
            let expected = ["预算执行", "20分", "执行率", "", "预算"]
                .iter()
                .enumerate()
                .filter(|(_, n)| !n.is_empty() && key.contains(*n))
                .fold(0u64, |bits, (i, _)| bits | 1 << i);
            assert_eq!(set.found(key), expected, "{key}");
        }
    }

    #[test]
    fn markup() {
        for yes in ["<p>x</p>", "a<br/>b", "</span>", "<P class=x>"] {
            assert!(has_markup(yes), "{yes}");
        }
        for no in ["<5%", "≤<=5", "a < b > c", "<", "<p", "x<1>", "< p>"] {
            assert!(!has_markup(no), "{no}");
        }
        assert_eq!(strip_markup("<p>根据</p>"), "根据");
        assert_eq!(strip_markup("a<5%<br>b"), "a<5%b");
        assert_eq!(strip_markup("无标记 <5"), "无标记 <5");
    }
}
