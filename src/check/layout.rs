//! Checks of the sheet's layout: its family, its blocks, its header labels, markup in its cells.

use super::{Ctx, Finding};
use crate::finding::Code;
use crate::model::{Cell, Family};
use crate::text::{has_markup, label_key};

/// L005: a Hubei sheet (budget execution worth 20 points, `得分(20分*执行率)`) read with a profile that
/// gives the budget execution other points. Basis: RULES.md §1; the Hubei family scores budget × 20.
pub fn hubei_layout(ctx: &Ctx, out: &mut Vec<Finding>) {
    if ctx.sheet.family == Some(Family::HubeiPre2021) && ctx.profile.budget_points != rust_decimal::Decimal::from(20) {
        let at = ctx.sheet.funds.as_ref().map(|f| f.header.label.pos);
        out.push(
            Finding::new(
                Code::HubeiLayout,
                format!(
                    "此表为湖北（2021 年前）版式，预算执行 20 分；当前评分配置为 {} 分，可改用湖北配置（budgetPoints: 20）。",
                    ctx.profile.budget_points
                ),
            )
            .at_opt(at),
        );
    }
}

/// L003: a required block is missing: the 年度资金总额 row, the indicator table, the totals row.
/// Basis: 财预〔2020〕10号 附1, the template every sheet follows.
pub fn blocks_missing(ctx: &Ctx, out: &mut Vec<Finding>) {
    let sheet = ctx.sheet;
    let at = sheet.title.as_ref().map(|c| c.pos);
    match &sheet.funds {
        None => out.push(
            Finding::new(Code::BlockMissing, "缺少“项目资金”部分（年度资金总额、执行率、得分）。")
                .at_opt(at)
                .field("funds"),
        ),
        Some(funds) if funds.total.is_none() => out.push(
            Finding::new(Code::BlockMissing, format!("{}：项目资金部分缺少“年度资金总额”行。", funds.header.label.pos))
                .at(funds.header.label.pos)
                .field("funds.total"),
        ),
        Some(_) => {}
    }
    match &sheet.indicators {
        None => out.push(
            Finding::new(Code::BlockMissing, "缺少绩效指标表（一级指标、二级指标、三级指标……）。")
                .at_opt(at)
                .field("indicators"),
        ),
        Some(table) if table.rows.is_empty() => out.push(
            Finding::new(Code::BlockMissing, "绩效指标表没有任何指标行。")
                .at_opt(table.columns.level3.as_ref().map(|c| c.pos))
                .field("indicators"),
        ),
        Some(_) => {}
    }
    if sheet.totals.is_none() {
        let last = sheet.indicators.as_ref().and_then(|t| t.rows.last()).and_then(|r| r.score.as_ref()).map(|c| c.pos);
        out.push(
            Finding::new(Code::BlockMissing, "缺少合计行（分值合计与得分合计），表格可能不完整。")
                .at_opt(last.or(at))
                .field("totals"),
        );
    }
}

/// L004: a header label of the indicator table that is not the template's, such as `-` for 一级指标
/// or 分数 for 分值. Basis: 财预〔2020〕10号 附1 column names.
pub fn nonstandard_labels(ctx: &Ctx, out: &mut Vec<Finding>) {
    let Some(table) = &ctx.sheet.indicators else { return };
    let c = &table.columns;
    let expected: [(&Option<Cell>, &str, &str); 5] = [
        (&c.level1, "一级指标", "indicators.columns.level1"),
        (&c.target, "年度指标值", "indicators.columns.target"),
        (&c.actual, "实际完成值", "indicators.columns.actual"),
        (&c.weight, "分值", "indicators.columns.weight"),
        (&c.reason, "偏差原因分析", "indicators.columns.reason"),
    ];
    for (cell, standard, field) in expected {
        let Some(cell) = cell else { continue };
        let key = label_key(&cell.text);
        if key != standard && !(standard == "偏差原因分析" && key.starts_with("偏差原因")) {
            let shown = if cell.is_blank() { "（空白）".to_owned() } else { format!("“{}”", cell.text) };
            out.push(
                Finding::new(
                    Code::NonstandardLabel,
                    format!("{}：表头写作{shown}，标准表头为“{standard}”。", cell.pos),
                )
                .at(cell.pos)
                .field(field)
                .expected(standard),
            );
        }
    }
}

/// X001: HTML markup (`<p>`, `<br>`) inside a text cell, left by a web form or an export.
/// Basis: a sheet is plain text; markup shows as code to readers.
pub fn markup(ctx: &Ctx, out: &mut Vec<Finding>) {
    let sheet = ctx.sheet;
    let mut cells: Vec<(&Cell, String)> = Vec::new();
    let header = [
        ("project", &sheet.header.project),
        ("department", &sheet.header.department),
        ("implementer", &sheet.header.implementer),
    ];
    for (name, field) in header {
        if let Some(value) = field.as_ref().and_then(|f| f.value.as_ref()) {
            cells.push((value, format!("header.{name}")));
        }
    }
    if let Some(goals) = &sheet.goals {
        cells.extend(goals.expected.iter().map(|c| (c, "goals.expected".to_owned())));
        cells.extend(goals.actual.iter().map(|c| (c, "goals.actual".to_owned())));
    }
    if let Some(table) = &sheet.indicators {
        for (i, row) in table.rows.iter().enumerate() {
            let own = [("name", &row.name), ("target", &row.target), ("actual", &row.actual), ("reason", &row.reason)];
            for (name, cell) in own {
                cells.extend(cell.iter().map(|c| (c, format!("indicators[{i}].{name}"))));
            }
        }
    }
    for (cell, field) in cells {
        if has_markup(&cell.text) {
            out.push(
                Finding::new(
                    Code::Markup,
                    format!("{}：单元格含 HTML 标记（如 <p>），应删除标记只保留文字。", cell.pos),
                )
                .at(cell.pos)
                .field(field)
                .expected(crate::text::strip_markup(&cell.text)),
            );
        }
    }
}
