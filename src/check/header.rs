//! Checks of the header (项目名称 · 主管部门 · 实施单位 · 年度) and the 年度总体目标 block.

use super::{Ctx, Finding};
use crate::finding::Code;
use crate::model::Field;
use crate::text::strip_markup;

/// H001: 项目名称, 主管部门, 实施单位 or the year is missing or blank.
/// Basis: 财预〔2020〕10号 附1; a sheet that does not say whose project and which year cannot be filed.
pub fn header_missing(ctx: &Ctx, out: &mut Vec<Finding>) {
    let sheet = ctx.sheet;
    let h = &sheet.header;
    let fields: [(&Option<Field>, &str, &str); 3] = [
        (&h.project, "项目名称", "header.projectName"),
        (&h.department, "主管部门", "header.department"),
        (&h.implementer, "实施单位", "header.implementer"),
    ];
    for (field, label, name) in fields {
        match field {
            None => out.push(
                Finding::new(Code::HeaderMissing, format!("表头缺少“{label}”一栏。"))
                    .at_opt(sheet.title.as_ref().map(|c| c.pos))
                    .field(name),
            ),
            Some(f) if f.value.as_ref().is_none_or(|v| v.is_blank()) => {
                // On the cell to write it in, where there is one.
                let at = f.value.as_ref().map_or(f.label.pos, |v| v.pos);
                out.push(Finding::new(Code::HeaderMissing, format!("{at}：“{label}”未填写。")).at(at).field(name))
            }
            Some(_) => {}
        }
    }
    if sheet.year.is_none() {
        out.push(
            Finding::new(Code::HeaderMissing, "未注明年度，标题下应有“(20XX年度)”。")
                .at_opt(sheet.title.as_ref().map(|c| c.pos))
                .field("header.year"),
        );
    }
}

/// G001: 预期目标 or 实际完成情况 of the 年度总体目标 is blank.
/// Basis: 财预〔2020〕10号 附1; the overall goal and what was achieved are part of every sheet.
pub fn goals_blank(ctx: &Ctx, out: &mut Vec<Finding>) {
    let Some(goals) = &ctx.sheet.goals else {
        out.push(Finding::new(Code::GoalBlank, "缺少“年度总体目标”部分（预期目标与实际完成情况）。").field("goals"));
        return;
    };
    for (cell, label, field) in
        [(&goals.expected, "预期目标", "goals.expected"), (&goals.actual, "实际完成情况", "goals.actual")]
    {
        if cell.as_ref().is_none_or(|c| strip_markup(&c.text).trim().is_empty()) {
            let at = cell.as_ref().map_or(goals.label.pos, |c| c.pos);
            out.push(
                Finding::new(Code::GoalBlank, format!("{at}：年度总体目标的“{label}”未填写。")).at(at).field(field),
            );
        }
    }
}
