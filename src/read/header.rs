//! The header: 项目名称 · 主管部门 · 实施单位 in their variants, the year from the title, 填报日期.

use super::{Keys, SheetReader};
use crate::model::{Cell, Field};
use std::sync::OnceLock;

use crate::text::{has, holds_any, without_brackets, Needles};

#[derive(Clone, Copy)]
enum HeaderField {
    Project,
    Department,
    Implementer,
    Date,
    /// A total stated in the header (`自评总分`, `自评得分`).
    Total,
}

/// Header labels as written, after brackets (`(盖章)`, `(代码)`) and a trailing colon are taken off.
const HEADER_LABELS: &[(&str, HeaderField)] = &[
    ("项目名称", HeaderField::Project),
    ("项目名", HeaderField::Project),
    ("主管部门", HeaderField::Department),
    ("主管单位", HeaderField::Department),
    ("主管部门名称", HeaderField::Department),
    ("主管部门及代码", HeaderField::Department),
    ("实施单位", HeaderField::Implementer),
    ("项目实施单位", HeaderField::Implementer),
    ("实施单位名称", HeaderField::Implementer),
    ("项目单位", HeaderField::Implementer),
    ("预算单位", HeaderField::Implementer),
    ("预算单位名称", HeaderField::Implementer),
    ("单位名称", HeaderField::Implementer),
    ("填报单位", HeaderField::Implementer),
    ("部门名称", HeaderField::Implementer),
    // A department-wide form's unit (`部门 | 某中心`): the 部门 it evaluates is the one that spends.
    ("部门", HeaderField::Implementer),
    ("资金使用单位", HeaderField::Implementer),
    ("转移支付名称", HeaderField::Project),
    ("专项资金名称", HeaderField::Project),
    ("转移支付项目名称", HeaderField::Project),
    ("中央主管部门", HeaderField::Department),
    ("地方主管部门", HeaderField::Department),
    ("项目主管部门", HeaderField::Department),
    ("自评总分", HeaderField::Total),
    ("自评得分", HeaderField::Total),
    ("自评总得分", HeaderField::Total),
    ("填报日期", HeaderField::Date),
    ("填表日期", HeaderField::Date),
];

/// What may follow a header label in the same label cell: `项目名称及编码`, `主管部门代码`.
const LABEL_TAILS: &[&str] = &["", "及代码", "及编码", "及编号", "代码", "编码", "名称", "全称"];

/// The field a whole label names, if it is a header label (with one of [`LABEL_TAILS`]). A label that
/// offers alternatives (`预算部门、单位名称`, `项目单位/实施单位`) names the field of the first it knows.
fn label_field(label: &str) -> Option<HeaderField> {
    let one = |label: &str| {
        HEADER_LABELS
            .iter()
            .find(|(l, _)| label.strip_prefix(l).is_some_and(|tail| LABEL_TAILS.contains(&tail)))
            .map(|(_, field)| *field)
    };
    // `一级预算单位名称`, `二级预算单位名称`: the unit at a level of the budget.
    let unlevelled = label.split_once('级').filter(|(level, _)| level.chars().count() <= 1).map(|(_, rest)| rest);
    one(label).or_else(|| label.split(['、', '/']).find_map(one)).or_else(|| unlevelled.and_then(one))
}

/// The header label a cell starts with, and where its own text goes on (`单位名称:某局` holds its value).
fn header_label(key: &str) -> Option<(HeaderField, usize)> {
    // Every header label holds one of these; most cells hold none and need no more looking at.
    static ROOTS: OnceLock<Needles> = OnceLock::new();
    if !holds_any(&ROOTS, &["项目名", "部门", "单位", "日期", "转移支付", "自评", "资金名称"], key) {
        return None;
    }
    if let Some(field) = label_field(&without_brackets(key)) {
        return Some((field, key.len()));
    }
    // `项目名称:某项目` in one cell: the label, a colon, the value.
    let (head, _) = key.split_once(':')?;
    label_field(&without_brackets(head)).map(|field| (field, head.len() + 1))
}

/// Whether a key is a header label (a value cell never holds one).
pub(super) fn is_label(key: &str) -> bool {
    header_label(key).is_some()
}

impl SheetReader<'_> {
    /// Reads the header labels of a row; whether the row held any.
    pub(super) fn header_fields(&mut self, r: usize, keys: &Keys) -> bool {
        let mut found = false;
        for &(col, ref key) in keys {
            let Some((field, rest_at)) = header_label(key) else { continue };
            found = true;
            let value = if rest_at >= key.len() { self.field(r, col, keys) } else { self.inline_field(r, col) };
            let slot = match field {
                HeaderField::Project => &mut self.sheet.header.project,
                HeaderField::Department => &mut self.sheet.header.department,
                HeaderField::Implementer => &mut self.sheet.header.implementer,
                HeaderField::Date => &mut self.sheet.header.date,
                HeaderField::Total => &mut self.sheet.header_total,
            };
            if slot.is_none() {
                *slot = Some(value);
            }
        }
        found
    }

    /// A label that holds its value (`单位名称：某局  填报日期：2021年3月`): the value is the text after
    /// the colon, up to the next label in the same cell, which is read as a field of its own.
    fn inline_field(&mut self, r: usize, col: usize) -> Field {
        let cell = self.cell(r, col);
        let after = cell.text().split_once([':', '：']).map_or("", |(_, v)| v);
        let (value, next) = split_at_next_label(after);
        if let Some((label, rest)) = next {
            if self.sheet.header.date.is_none() && label == "填报日期" {
                let text = rest.trim().to_owned();
                self.sheet.header.date =
                    Some(Field { label: cell.clone(), value: (!text.is_empty()).then_some(Cell::new(cell.pos, text)) });
            }
        }
        let text = value.trim().to_owned();
        Field { label: cell.clone(), value: (!text.is_empty()).then_some(Cell::new(cell.pos, text)) }
    }

    /// A year such as `(2023年度)` or `2022年度项目支出绩效自评表` in a short cell above the funds block;
    /// never a 填报日期.
    pub(super) fn find_year(&mut self, r: usize, keys: &Keys) {
        for (col, key) in keys {
            if key.chars().count() > 40 || is_date_cell(key) {
                continue;
            }
            let titled = has(key, "自评") || has(key, "绩效");
            if let Some(year) = year_in(key, titled).or_else(|| year_after_label(key)) {
                self.sheet.year = Some((year, self.cell(r, *col)));
                return;
            }
        }
    }
}

/// The text before the next header label inside a cell, and that label with what follows it.
fn split_at_next_label(text: &str) -> (&str, Option<(&'static str, &str)>) {
    let found = HEADER_LABELS
        .iter()
        .filter_map(|(l, _)| text.find(l).map(|i| (i, *l)))
        .min_by_key(|(i, l)| (*i, usize::MAX - l.len()));
    match found {
        Some((i, label)) => {
            let rest = &text[i + label.len()..];
            (&text[..i], Some((label, rest.trim_start_matches([':', '：', ' ']))))
        }
        None => (text, None),
    }
}

/// The year of a `年度：2022` or `评价年度：2022年` cell; not a date.
fn year_after_label(key: &str) -> Option<String> {
    let (label, value) = key.split_once(':')?;
    if !label.ends_with("年度") {
        return None;
    }
    let digits: String = value.chars().take_while(char::is_ascii_digit).collect();
    // `2023年3月` is a date, not a year.
    let month_follows =
        value[digits.len()..].strip_prefix('年').is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()));
    (digits.len() == 4 && !month_follows).then_some(digits)
}

/// Whether a cell states a date rather than the sheet's year (`填报日期：2021年3月5日`).
fn is_date_cell(key: &str) -> bool {
    ["日期", "填报时间", "填表时间"].iter().any(|w| has(key, w))
}

/// A four-digit year followed by 年度 (`(2023年度)`), or by 年 alone in a title (`2022年项目支出绩效
/// 自评表`); never one followed by a month (`2021年3月`).
fn year_in(key: &str, titled: bool) -> Option<String> {
    let bytes = key.as_bytes();
    key.match_indices('年').find_map(|(i, _)| {
        let digits = bytes.get(i.checked_sub(4)?..i)?;
        let before = i.checked_sub(5).and_then(|b| bytes.get(b));
        let after = &key[i + '年'.len_utf8()..];
        // `2023年度`; `(2023年)` in brackets of its own; any year in a title but a date's (`2021年3月`).
        let bracketed = before == Some(&b'(') && after.starts_with(')');
        let of_year =
            after.starts_with('度') || bracketed || (titled && !after.starts_with(|c: char| c.is_ascii_digit()));
        (digits.iter().all(u8::is_ascii_digit) && !before.is_some_and(u8::is_ascii_digit) && of_year)
            .then(|| String::from_utf8_lossy(digits).into_owned())
    })
}

#[cfg(test)]
mod tests {
    use super::super::tests::sheets;
    use super::*;
    use crate::grid::Pos;
    use crate::text::label_key;

    /// The label key of a header label, for tests and callers that match labels.
    fn header_key(text: &str) -> Option<&'static str> {
        let key = label_key(text);
        let (field, _) = header_label(&key)?;
        Some(match field {
            HeaderField::Project => "项目名称",
            HeaderField::Department => "主管部门",
            HeaderField::Implementer => "实施单位",
            HeaderField::Date => "填报日期",
            HeaderField::Total => "自评总分",
        })
    }

    #[test]
    fn header_variants() {
        let table = [
            ("项目名称", Some("项目名称")),
            ("项目名称：", Some("项目名称")),
            ("项目名称及编码", Some("项目名称")),
            ("主管部门(盖章)", Some("主管部门")),
            ("主管部门（盖章）:", Some("主管部门")),
            ("主管部门及代码", Some("主管部门")),
            ("项目实施单位", Some("实施单位")),
            ("实施单位（盖章）", Some("实施单位")),
            ("实施单位名称", Some("实施单位")),
            ("预算单位名称", Some("实施单位")),
            ("单位名称：某县财政局", Some("实施单位")),
            ("部门", Some("实施单位")),
            ("预算部门、单位名称", Some("实施单位")),
            ("一级预算单位名称", Some("实施单位")),
            ("级预算单位名称", Some("实施单位")),
            ("一级指标", None),
            ("项目单位/实施单位", Some("实施单位")),
            ("主管部门/单位", Some("主管部门")),
            ("填报日期", Some("填报日期")),
            ("资金使用单位", Some("实施单位")),
            ("转移支付(项目)名称", Some("项目名称")),
            ("专项资金名称", Some("项目名称")),
            ("中央主管部门", Some("主管部门")),
            ("地方主管部门", Some("主管部门")),
            ("项目主管部门:", Some("主管部门")),
            ("自评总分:", Some("自评总分")),
            ("项目资金（万元）", None),
            ("项目属性", None),
            ("项目类别", None),
            ("实施单位负责人", None),
            ("部门负责人", None),
            ("预算部门、项目类别", None),
        ];
        for (text, want) in table {
            assert_eq!(header_key(text), want, "{text}");
        }
    }

    #[test]
    fn years() {
        let table = [
            ("(2023年度)", false, Some("2023")),
            ("（ 2023年度）", false, Some("2023")),
            ("2022年度项目支出绩效自评表", true, Some("2022")),
            ("2021年项目支出绩效自评表", true, Some("2021")),
            ("2021年3月5日", false, None),
            ("2021年3月", true, None),
            ("12023年度", false, None),
            ("评价年度：2022年", false, Some("2022")),
            ("年度:2023", false, Some("2023")),
            ("填报年度：2023年3月", false, None),
            ("年", false, None),
            ("(2023年)", false, Some("2023")),
            ("（2023年）", false, Some("2023")),
            ("(2023年3月)", false, None),
        ];
        for (key, titled, want) in table {
            let key = label_key(key);
            let got = if is_date_cell(&key) { None } else { year_in(&key, titled).or_else(|| year_after_label(&key)) };
            assert_eq!(got.as_deref(), want, "{key}");
        }
    }

    #[test]
    fn the_year_is_never_taken_from_the_date() {
        let got = sheets("项目支出绩效自评表\n单位名称：某县财政局  填报日期：2021年3月5日\n项目名称\tX");
        assert_eq!(got[0].year, None);
        let h = &got[0].header;
        assert_eq!(h.implementer.as_ref().unwrap().value.as_ref().unwrap().text(), "某县财政局");
        assert_eq!(h.date.as_ref().unwrap().value.as_ref().unwrap().text(), "2021年3月5日");
        let got = sheets("2022年度项目支出绩效自评表\n填报日期\t2023年2月\n项目名称\tX");
        assert_eq!(got[0].year.as_ref().map(|(y, _)| y.as_str()), Some("2022"));
    }

    #[test]
    fn a_sheet_without_title_is_read_from_its_first_label() {
        // Untitled, a sheet starts at 项目名称 when a funds block or an indicator table follows it.
        assert!(sheets("说明\n项目名称\tX\n主管部门\t\t实施单位\tY").is_empty(), "项目名称 alone heads many tables");
        let got = sheets("说明\n项目名称\tX\n主管部门\t\t实施单位\tY\n三级指标");
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].rows, (1, 3));
        let h = &got[0].header;
        // Blank: the cell beside the label, where the value is to be written.
        let department = h.department.as_ref().unwrap().value.as_ref().unwrap();
        assert_eq!((department.pos, department.text()), (Pos::new(2, 1), ""));
        assert_eq!(h.implementer.as_ref().unwrap().value.as_ref().unwrap().text(), "Y");
        // A label right beside a label has no cell for its value.
        let got = sheets("项目名称\t主管部门\tX\n三级指标");
        assert!(got[0].header.project.as_ref().unwrap().value.is_none());
    }

    #[test]
    fn header_value_in_the_label_cell() {
        let got = sheets("项目名称：某项目\t\n三级指标");
        assert_eq!(got[0].header.project.as_ref().unwrap().value.as_ref().unwrap().text(), "某项目");
    }
}
