//! Checks of the sheet's layout: its family, its blocks, its header labels, markup in its cells.

use super::{Ctx, Finding};
use crate::finding::Code;
use crate::model::{Cell, Layout, Sheet};
use crate::text::{has_markup, label_key};

/// L002: the sheet's funds block and indicator table were both not found, so it is of no layout the
/// checker reads; the finding says what was found instead of a cascade of errors.
/// Basis: the layouts read are those of RULES.md §6.
pub fn unknown_layout(sheet: &Sheet) -> Finding {
    let mut found: Vec<&str> = Vec::new();
    let h = &sheet.header;
    for (field, name) in [(&h.project, "项目名称"), (&h.department, "主管部门"), (&h.implementer, "单位名称")]
    {
        if field.is_some() {
            found.push(name);
        }
    }
    if sheet.funds.is_some() {
        found.push("资金栏（无资金总额行）");
    }
    if sheet.goals.is_some() {
        found.push("年度总体目标");
    }
    if let Some(table) = &sheet.indicators {
        let c = &table.columns;
        found.push(if c.actual.is_none() {
            "指标表（无实际完成值列）"
        } else if c.score.is_none() && c.weight.is_none() {
            "指标表（无分值、得分列）"
        } else {
            "指标表（无指标行）"
        });
    }
    let title = sheet.title.as_ref().map(|c| format!("“{}”", c.text())).unwrap_or_else(|| "此表".to_owned());
    let found = if found.is_empty() {
        "其中没有可识别的栏目".to_owned()
    } else {
        format!("只找到 {}", found.join("、"))
    };
    let at = sheet.title.as_ref().map(|c| c.pos).unwrap_or(crate::grid::Pos::new(sheet.rows.0, 0));
    Finding::new(
        Code::UnknownLayout,
        format!(
            "{title}的版式无法识别：{found}；未找到资金栏（年度资金总额）与含完成值和得分的指标表，故未作其他校验。"
        ),
    )
    .at(at)
}

/// L005: the profile the sheet is scored by (the one the user chose, or its layout's) gives the budget
/// execution other points than the sheet declares (`预算执行情况(20分)`, `得分(20分*执行率)`).
/// Basis: each layout family scores the budget execution by its own points.
pub fn layout_profile(ctx: &Ctx, out: &mut Vec<Finding>) {
    let Some(funds) = &ctx.sheet.funds else { return };
    let Some(declared) = funds.declared_points else { return };
    if ctx.profile.budget_points != declared {
        let whose = if ctx.profile.chosen { "所选评分配置" } else { "按本表版式（" };
        let tail = if ctx.profile.chosen { "" } else { "）的评分配置" };
        out.push(
            Finding::new(
                Code::LayoutProfile,
                format!(
                    "{}：此表标注预算执行 {} 分；{whose}{}{tail}为 {} 分。",
                    funds.header.label.pos,
                    crate::value::show(declared),
                    if ctx.profile.chosen { "" } else { ctx.sheet.layout.label() },
                    crate::value::show(ctx.profile.budget_points)
                ),
            )
            .at(funds.header.label.pos),
        );
    }
}

/// L008: the form has targets and completions but no 分值 or 得分 column: said once, and no score,
/// weight or total is checked. Basis: such templates exist (武汉 蔡甸 2021); they are read for what
/// they hold.
pub fn no_scores(ctx: &Ctx, out: &mut Vec<Finding>) {
    if ctx.sheet.layout != Layout::NoScores {
        return;
    }
    let at = ctx.sheet.indicators.as_ref().and_then(|t| t.columns.actual.as_ref()).map(|c| c.pos);
    out.push(
        Finding::new(
            Code::NoScores,
            "本表只有指标值与完成值，没有分值和得分栏：只核对资金、各指标是否完成及偏差原因，不核对得分与总分。",
        )
        .at_opt(at)
        .field("indicators"),
    );
}

/// L003: a required block is missing: the 年度资金总额 row, the indicator table, the totals row (where
/// the table has scores to total).
/// Basis: 财预〔2020〕10号 附1, the template every sheet follows.
pub fn blocks_missing(ctx: &Ctx, out: &mut Vec<Finding>) {
    let sheet = ctx.sheet;
    let at = sheet.title.as_ref().map(|c| c.pos);
    // A layout that scores its budget as an indicator row needs no funds block.
    let funds_needed = crate::read::family::of(sheet.layout).budget != crate::read::family::BudgetAs::Row;
    match &sheet.funds {
        None if !funds_needed => {}
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
    // A table with neither 分值 nor 得分 column has nothing to total.
    let scored = sheet.indicators.as_ref().is_none_or(|t| t.columns.score.is_some() || t.columns.weight.is_some());
    if sheet.totals.is_none() && sheet.header_total.is_none() && scored {
        let last = sheet.indicators.as_ref().and_then(|t| t.rows.last()).and_then(|r| r.score.as_ref()).map(|c| c.pos);
        out.push(
            Finding::new(Code::BlockMissing, "缺少合计行（分值合计与得分合计），表格可能不完整。")
                .at_opt(last.or(at))
                .field("totals"),
        );
    }
}

/// L004: a header label of the indicator table that is not the template's, such as `-` for 一级指标
/// or 分数 for 分值. The variants in wide use (`年度指标值(A)`, `权重`, `全年实际值`, `未完成原因分析`) are
/// not flagged, nor anything in a layout whose own labels differ. Basis: 财预〔2020〕10号 附1 column names.
pub fn nonstandard_labels(ctx: &Ctx, out: &mut Vec<Finding>) {
    if ctx.sheet.layout != Layout::Central {
        return;
    }
    let Some(table) = &ctx.sheet.indicators else { return };
    let c = &table.columns;
    let expected: [(&Option<Cell>, &str, &[&str], &str); 5] = [
        (&c.level1, "一级指标", &["一级指标"], "indicators.columns.level1"),
        (
            &c.target,
            "年度指标值",
            &["年度指标值", "指标值", "年度目标值", "目标值", "预期指标值"],
            "indicators.columns.target",
        ),
        (&c.actual, "实际完成值", &["实际完成值", "完成值", "实际值", "全年实际值"], "indicators.columns.actual"),
        (&c.weight, "分值", &["分值", "权重", "指标分值"], "indicators.columns.weight"),
        (&c.reason, "偏差原因分析", &["原因"], "indicators.columns.reason"),
    ];
    for (cell, standard, accepted, field) in expected {
        let Some(cell) = cell else { continue };
        let key = label_key(cell.text());
        let bare: String = key.split(['(', ')']).step_by(2).collect();
        let ok =
            if standard == "偏差原因分析" { bare.contains("原因") } else { accepted.contains(&bare.as_str()) };
        if !ok {
            let shown = if cell.is_blank() { "（空白）".to_owned() } else { format!("“{}”", cell.text()) };
            out.push(
                Finding::new(
                    Code::NonstandardLabel,
                    format!("{}：表头写作{shown}，标准表头为“{standard}”。", cell.pos),
                )
                .at(cell.pos)
                .field(field)
                .fix(standard),
            );
        }
    }
}

/// Where a text cell stands in the report's sheet: its path is written only for a cell with a finding.
enum Field {
    Header(&'static str),
    Goals(&'static str),
    Indicator(usize, &'static str),
}

impl Field {
    fn path(&self) -> String {
        match self {
            Field::Header(name) => format!("header.{name}"),
            Field::Goals(name) => format!("goals.{name}"),
            Field::Indicator(i, name) => format!("indicators[{i}].{name}"),
        }
    }
}

/// X001: HTML markup (`<p>`, `<br>`) inside a text cell, left by a web form or an export.
/// Basis: a sheet is plain text; markup shows as code to readers.
pub fn markup(ctx: &Ctx, out: &mut Vec<Finding>) {
    let sheet = ctx.sheet;
    let mut cells: Vec<(&Cell, Field)> = Vec::new();
    let header = [
        ("project", &sheet.header.project),
        ("department", &sheet.header.department),
        ("implementer", &sheet.header.implementer),
    ];
    for (name, field) in header {
        if let Some(value) = field.as_ref().and_then(|f| f.value.as_ref()) {
            cells.push((value, Field::Header(name)));
        }
    }
    if let Some(goals) = &sheet.goals {
        cells.extend(goals.expected.iter().map(|c| (c, Field::Goals("expected"))));
        cells.extend(goals.actual.iter().map(|c| (c, Field::Goals("actual"))));
    }
    if let Some(table) = &sheet.indicators {
        for (i, row) in table.rows.iter().enumerate() {
            let own = [("name", &row.name), ("target", &row.target), ("actual", &row.actual), ("reason", &row.reason)];
            for (name, cell) in own {
                cells.extend(cell.iter().map(|c| (c, Field::Indicator(i, name))));
            }
        }
    }
    for (cell, field) in cells {
        if has_markup(cell.text()) {
            out.push(
                Finding::new(
                    Code::Markup,
                    format!("{}：单元格含 HTML 标记（如 <p>），应删除标记只保留文字。", cell.pos),
                )
                .at(cell.pos)
                .field(field.path())
                .fix(crate::text::strip_markup(cell.text())),
            );
        }
    }
}
