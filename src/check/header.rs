//! Checks of the header (项目名称 · 主管部门 · 实施单位 · 年度) and the 年度总体目标 block.

use super::{Ctx, Finding};
use crate::finding::Code;
use crate::model::{text, Field, Header};
use crate::read::family::{required, HeaderItem};
use crate::text::strip_markup;

/// The header's three named fields, each with its label and its report field.
fn named_fields(h: &Header) -> [(HeaderItem, &Option<Field>, &'static str, &'static str); 3] {
    [
        (HeaderItem::Project, &h.project, "项目名称", "header.projectName"),
        (HeaderItem::Department, &h.department, "主管部门", "header.department"),
        (HeaderItem::Implementer, &h.implementer, "实施单位", "header.implementer"),
    ]
}

/// Whether the header's template lacks a row rather than the filler a value: two of its three named
/// fields stand, so a third with no label at all was never on the form.
fn template_lacks(h: &Header) -> bool {
    named_fields(h).iter().filter(|(_, f, ..)| f.is_some()).count() >= 2
}

/// H001: a header field the sheet's layout requires (项目名称, 主管部门, 实施单位, the year) is missing
/// or blank, or one it does not require stands with its label and nothing beside it. A year that only a
/// 填报日期 could suggest is H002's, and a row the form's template never had is H003's. Basis: 财预〔2020〕
/// 10号 附1, and each layout family's own header (RULES.md §6); a sheet that does not say whose project
/// and which year cannot be filed.
pub fn header_missing(ctx: &Ctx, out: &mut Vec<Finding>) {
    let sheet = ctx.sheet;
    let h = &sheet.header;
    let needed = |item: &HeaderItem| required(sheet.layout).contains(item);
    if needed(&HeaderItem::Year) && sheet.year.is_none() && h.date.is_none() {
        out.push(
            Finding::new(Code::HeaderMissing, "未注明年度，标题下应有“(20XX年度)”。")
                .at_opt(sheet.title.as_ref().map(|c| c.pos))
                .field("header.year"),
        );
    }
    for (item, field, label, name) in named_fields(h) {
        match field {
            None if needed(&item) && !template_lacks(h) => out.push(
                Finding::new(Code::HeaderMissing, format!("表头缺少“{label}”一栏。"))
                    .at_opt(sheet.title.as_ref().map(|c| c.pos))
                    .field(name),
            ),
            // A field the layout does not require is still unfilled when its label stands with nothing
            // beside it.
            Some(f) if f.value.as_ref().is_none_or(|v| v.is_blank()) => {
                // On the cell to write it in, where there is one.
                let at = f.value.as_ref().map_or(f.label.pos, |v| v.pos);
                out.push(Finding::new(Code::HeaderMissing, format!("{at}：“{label}”未填写。")).at(at).field(name))
            }
            _ => {}
        }
    }
}

/// H003: a header field the layout requires has no label at all, while two of the three named fields
/// stand: the form's template has no such row (Anhui's 2019 绩效目标自评表 has no 实施单位), which is not
/// the filler's mistake; it is said, not counted as an error. Basis: the registry's.
pub fn header_field_absent(ctx: &Ctx, out: &mut Vec<Finding>) {
    let sheet = ctx.sheet;
    let h = &sheet.header;
    if !template_lacks(h) {
        return;
    }
    for (item, field, label, name) in named_fields(h) {
        if field.is_none() && required(sheet.layout).contains(&item) {
            out.push(
                Finding::new(
                    Code::HeaderFieldAbsent,
                    format!("表头没有“{label}”一栏（所用模板可能不含此栏），未核对。"),
                )
                .at_opt(first_label(h).or(sheet.title.as_ref().map(|c| c.pos)))
                .field(name),
            );
        }
    }
}

/// The header's first label cell, in the form's order.
fn first_label(h: &crate::model::Header) -> Option<crate::grid::Pos> {
    [&h.project, &h.department, &h.implementer].into_iter().flatten().map(|f| f.label.pos).min()
}

/// H002: no year is stated, and the sheet has only a 填报日期, which is when it was filled in, not the
/// year it evaluates; the year is not guessed from it. Basis: the year is the title's `(20XX年度)`.
pub fn year_only_dated(ctx: &Ctx, out: &mut Vec<Finding>) {
    let sheet = ctx.sheet;
    let Some(date) = sheet.header.date.as_ref().filter(|_| sheet.year.is_none()) else { return };
    let at = sheet.title.as_ref().map_or(date.label.pos, |c| c.pos);
    out.push(
        Finding::new(
            Code::YearOnlyDated,
            format!(
                "{at}：标题未注明评价年度，只有填报日期“{}”；年度不据填报日期推断，请在标题注明“(20XX年度)”。",
                text(&date.value)
            ),
        )
        .at(at)
        .field("header.year"),
    );
}

/// A template's instruction left in a cell instead of an answer: `对照年度目标，说明…(100字以内)`.
fn is_template_prompt(text: &str) -> bool {
    // Most goals are prose with no `字` at all: no key is made of them.
    if !text.contains('字') {
        return false;
    }
    let key = crate::text::label_key(text);
    key.contains("字以内)") || key.contains("字以内）")
}

/// G001: 预期目标 or 实际完成情况 of the 年度总体目标 is blank or still holds the template's instruction, or the block is missing from a layout
/// that has one (the 20/80 family's form has none).
/// Basis: 财预〔2020〕10号 附1; the overall goal and what was achieved are part of every sheet.
pub fn goals_blank(ctx: &Ctx, out: &mut Vec<Finding>) {
    let Some(goals) = &ctx.sheet.goals else {
        if !crate::read::family::has_goals(ctx.sheet.layout) {
            return;
        }
        out.push(Finding::new(Code::GoalBlank, "缺少“年度总体目标”部分（预期目标与实际完成情况）。").field("goals"));
        return;
    };
    for (cell, label, field) in
        [(&goals.expected, "预期目标", "goals.expected"), (&goals.actual, "实际完成情况", "goals.actual")]
    {
        if cell.as_ref().is_none_or(|c| strip_markup(c.text()).trim().is_empty() || is_template_prompt(c.text())) {
            let at = cell.as_ref().map_or(goals.label.pos, |c| c.pos);
            out.push(
                Finding::new(Code::GoalBlank, format!("{at}：年度总体目标的“{label}”未填写。")).at(at).field(field),
            );
        }
    }
}
