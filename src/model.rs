//! The sheet model: one 自评表 as its blocks (RULES.md §1), each value kept with the cell it came from.
//!
//! A value is an `Option<Cell>`: `None` when the sheet has no place for it (its column or row is missing),
//! `Some` with empty text when the place is there but blank. Findings point at these cells.

use rust_decimal::Decimal;

use crate::grid::Pos;
use crate::text::label_key;
use std::borrow::Cow;
use std::cell::OnceCell;

use crate::value::{parse_num, parse_value, Num};

/// A cell's text (trimmed) and where it stands. The number it holds is read once, when first asked
/// for: the scoring, the checks and the report each ask for a weight or a score again.
#[derive(Clone)]
pub struct Cell {
    /// Where the cell is in the pasted grid.
    pub pos: Pos,
    text: String,
    num: OnceCell<Num>,
}

impl Cell {
    /// A cell at `pos` that says `text` (trimmed by the caller).
    pub fn new(pos: Pos, text: impl Into<String>) -> Self {
        Cell { pos, text: text.into(), num: OnceCell::new() }
    }

    /// What it says, with surrounding white space trimmed.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Whether the cell says nothing.
    pub fn is_blank(&self) -> bool {
        self.text.is_empty()
    }

    /// The number it says ([`parse_num`]).
    pub fn num(&self) -> Num {
        *self.num.get_or_init(|| parse_num(&self.text))
    }
}

/// Cells are equal when they stand in the same place and say the same; whether their number was read
/// yet does not count.
impl PartialEq for Cell {
    fn eq(&self, other: &Self) -> bool {
        self.pos == other.pos && self.text == other.text
    }
}

impl Eq for Cell {}

impl std::fmt::Debug for Cell {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Cell").field("pos", &self.pos).field("text", &self.text).finish()
    }
}

/// The text of an optional cell; empty when there is none.
pub fn text(cell: &Option<Cell>) -> &str {
    cell.as_ref().map_or("", Cell::text)
}

/// The number an optional cell holds.
pub fn num(cell: &Option<Cell>) -> Num {
    cell.as_ref().map_or(Num::Blank, Cell::num)
}

/// One sheet of a paste.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sheet {
    /// First and last row of the sheet in the grid.
    pub rows: (usize, usize),
    /// The title cell (`财政项目支出绩效自评表`).
    pub title: Option<Cell>,
    /// The year, read from `(2023年度)`, and its cell.
    pub year: Option<(String, Cell)>,
    /// 项目名称 · 主管部门 · 实施单位.
    pub header: Header,
    /// The 项目资金 block.
    pub funds: Option<Funds>,
    /// The 年度总体目标 block.
    pub goals: Option<Goals>,
    /// The indicator table.
    pub indicators: Option<Indicators>,
    /// The totals row (分值 and 得分 totals).
    pub totals: Option<Totals>,
    /// The 评分等级 row.
    pub grade: Option<Field>,
    /// A total stated in the header (`自评总分: 99.68`, `自评得分 98`), where some layouts state it
    /// instead of (or beside) a totals row.
    pub header_total: Option<Field>,
    /// The 偏差大或目标未完成原因分析 row under the table, where a layout has no reason column (20/80).
    pub reasons: Option<Field>,
    /// The points the indicator block declares in its label (`年度绩效目标(80分)`, `绩效指标(90分)`).
    pub indicator_points: Option<(rust_decimal::Decimal, Cell)>,
    /// The published layout the sheet was read as.
    pub layout: Layout,
    /// The labels that told the layout, as written (empty for the central one, which is the default).
    pub evidence: Vec<String>,
}

/// What a cell of the model is to the form: the title, a label it prints, or a value the user writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The title and the year.
    Title,
    /// A header field's name, a column head, a row label.
    Label,
    /// A value.
    Value,
}

impl Sheet {
    /// Every cell the model reads, blank or not, with its role; an inherited 一级/二级 cell once, where
    /// it is written.
    pub fn cells(&self) -> Vec<(&Cell, Role)> {
        fn put<'a>(out: &mut Vec<(&'a Cell, Role)>, cells: &[&'a Option<Cell>], role: Role) {
            out.extend(cells.iter().filter_map(|c| c.as_ref()).map(|c| (c, role)));
        }
        let mut out = Vec::new();
        put(&mut out, &[&self.title], Role::Title);
        out.extend(self.year.as_ref().map(|(_, c)| (c, Role::Title)));
        let h = &self.header;
        for field in
            [&h.project, &h.department, &h.implementer, &h.date, &self.grade, &self.reasons].into_iter().flatten()
        {
            out.push((&field.label, Role::Label));
            put(&mut out, &[&field.value], Role::Value);
        }
        if let Some(funds) = &self.funds {
            out.push((&funds.header.label, Role::Label));
            put(&mut out, &funds.header.values(), Role::Label);
            for row in funds.total.iter().chain(&funds.parts) {
                out.push((&row.label, Role::Label));
                put(&mut out, &row.values(), Role::Value);
            }
        }
        if let Some(goals) = &self.goals {
            out.push((&goals.label, Role::Label));
            put(&mut out, &[&goals.expected, &goals.actual], Role::Value);
        }
        if let Some(table) = &self.indicators {
            let c = &table.columns;
            put(&mut out, &c.all(), Role::Label);
            for i in &table.rows {
                for inherited in [&i.level1, &i.level2] {
                    out.extend(inherited.as_ref().filter(|c| c.pos.row == i.row).map(|c| (c, Role::Value)));
                }
                let own =
                    [&i.name, &i.nature, &i.target, &i.unit, &i.actual, &i.weight, &i.score, &i.reason, &i.coefficient];
                put(&mut out, &own, Role::Value);
            }
            out.extend(table.level_points.iter().map(|(_, c)| (c, Role::Value)));
        }
        if let Some(t) = &self.totals {
            put(&mut out, &[&t.weight, &t.score], Role::Value);
        }
        out
    }
}

/// A labelled value: the label cell and the value beside it (blank when nothing is written; `None` when
/// there is no cell for it before the next label).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    /// The label cell, e.g. `主管部门`.
    pub label: Cell,
    /// The value: the first written cell right of the label, else the blank cell beside it; `None` when
    /// another label stands right beside it.
    pub value: Option<Cell>,
}

/// The header block.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Header {
    /// 项目名称.
    pub project: Option<Field>,
    /// 主管部门.
    pub department: Option<Field>,
    /// 实施单位 (单位名称, 预算单位名称 on a department-wide form).
    pub implementer: Option<Field>,
    /// 填报日期: not the year of the sheet, but said when the year is missing.
    pub date: Option<Field>,
}

/// The published layout families (RULES.md §6). What each one requires and how it is scored is data
/// in [`crate::read::family`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Layout {
    /// The central template of 财预〔2020〕10号 附1 and its variants (split target columns, 元, points
    /// in the 一级 labels): the default.
    #[default]
    Central,
    /// Yunnan's counties and Hubei before 2021: budget execution 20 points, indicators 80, no 分值 column.
    TwentyEighty,
    /// Sichuan 2023: 预算执行情况(10分) and 绩效指标(90分) blocks, 权重 columns, 未完成原因分析.
    Sichuan2023,
    /// 部门整体支出绩效自评表: a budget unit's whole spending, 年度预算申请 block.
    Department,
    /// Chongqing's 部门整体绩效自评表: one flat table of 指标权重 × 得分系数 = 指标得分, 执行率权重.
    ChongqingDepartment,
    /// The evaluation framework used as a 自评表: 项目决策 / 项目管理 / 项目产出 / 项目效益, the budget
    /// execution an indicator row, criteria rows without targets.
    Evaluation,
    /// Targets and completions without 分值 or 得分 columns: nothing to score.
    NoScores,
    /// A sheet whose blocks could not be found: nothing is checked but that.
    Unknown,
}

impl Layout {
    /// The stable name in reports: `central`, `20/80`, `sichuan-2023`, `department`, `unknown`.
    pub fn name(self) -> &'static str {
        match self {
            Layout::Central => "central",
            Layout::TwentyEighty => "20/80",
            Layout::Sichuan2023 => "sichuan-2023",
            Layout::Department => "department",
            Layout::ChongqingDepartment => "chongqing-department",
            Layout::Evaluation => "evaluation",
            Layout::NoScores => "no-scores",
            Layout::Unknown => "unknown",
        }
    }

    /// The Chinese name shown to users.
    pub fn label(self) -> &'static str {
        match self {
            Layout::Central => "中央模板（财预〔2020〕10号）",
            Layout::TwentyEighty => "预算执行 20 分 + 绩效目标 80 分（云南县区、湖北 2021 年前）",
            Layout::Sichuan2023 => "四川 2023 年版",
            Layout::Department => "部门整体支出绩效自评表",
            Layout::ChongqingDepartment => "重庆部门整体绩效自评表（指标权重 × 得分系数）",
            Layout::Evaluation => "决策·管理·产出·效益 评价框架",
            Layout::NoScores => "只有指标值与完成值、不计分的自评表",
            Layout::Unknown => "无法识别的版式",
        }
    }
}

/// The 项目资金 block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Funds {
    /// The header row: its label is the block's label cell (`项目资金(万元)`), its cells the column labels.
    pub header: FundsRow,
    /// The money unit from the label: `万元` or `元`.
    pub unit: String,
    /// The points the block declares in its label or its 得分 column (`预算执行情况(20分)`,
    /// `得分(20分*执行率)`), where there is no 分值 column.
    pub declared_points: Option<Decimal>,
    /// The 年度资金总额 row.
    pub total: Option<FundsRow>,
    /// The 其中 rows: 当年财政拨款, 上年结转资金, 其他资金.
    pub parts: Vec<FundsRow>,
    /// Breakdowns written inside their label cells, beside one another (Hunan's department-wide form).
    pub inline: Vec<InlineBreakdown>,
}

/// A breakdown of the total written inside its label cells, an amount after each label's colon
/// (`按支出性质分:1925.67`, then `其中:基本支出:900.47`, `项目支出:1025.20` below it in the same column).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InlineBreakdown {
    /// The `按…分` cell, and the amount it states (`None` when blank).
    pub head: (Cell, Option<Decimal>),
    /// Its parts below it, each with the amount it states.
    pub parts: Vec<(Cell, Option<Decimal>)>,
}

/// One row of the funds block: its label and its cells under each column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FundsRow {
    /// The row label, `年度资金总额`.
    pub label: Cell,
    /// Which breakdown of the total a 其中 row belongs to: 0, or 1, 2… where the block breaks the
    /// total down more than one way (`按收入性质分`, `按支出性质分` on a department-wide form).
    pub group: usize,
    /// Whether the row breaks down the 其中 row above it (`一般公共预算` under `其中:财政拨款`) rather than
    /// the total: it is not added into the total.
    pub sub: bool,
    /// 年初预算数.
    pub initial: Option<Cell>,
    /// 全年预算数 (A).
    pub budget: Option<Cell>,
    /// 全年执行数 (B).
    pub executed: Option<Cell>,
    /// 分值 (or 分数, 权重).
    pub points: Option<Cell>,
    /// 执行率 (B/A).
    pub rate: Option<Cell>,
    /// 得分.
    pub score: Option<Cell>,
    /// 原因: why the budget was not fully executed (Sichuan 2023 has the column).
    pub reason: Option<Cell>,
}

impl Funds {
    /// The row the budget execution is scored on: the 年度资金总额 row, or, where that row leaves its
    /// 执行率, 分值 and 得分 blank and one 其中 row states them (Chongqing's system scores 财政拨款), that
    /// row.
    pub fn scored(&self) -> Option<&FundsRow> {
        let total = self.total.as_ref()?;
        let written = |row: &FundsRow| {
            [&row.points, &row.rate, &row.score].iter().any(|c| c.as_ref().is_some_and(|c| !c.is_blank()))
        };
        if written(total) {
            return Some(total);
        }
        let mut scored = self.parts.iter().filter(|p| num(&p.score).number().is_some());
        match (scored.next(), scored.next()) {
            (Some(part), None) => Some(part),
            _ => Some(total),
        }
    }
}

impl FundsRow {
    /// The cells under the block's columns, in the form's order.
    pub fn values(&self) -> [&Option<Cell>; 7] {
        [&self.initial, &self.budget, &self.executed, &self.points, &self.rate, &self.score, &self.reason]
    }
}

/// The 年度总体目标 block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Goals {
    /// The block's label cell.
    pub label: Cell,
    /// 预期目标.
    pub expected: Option<Cell>,
    /// 实际完成情况.
    pub actual: Option<Cell>,
}

/// The indicator table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Indicators {
    /// The column label cells.
    pub columns: IndicatorColumns,
    /// The indicator rows, in order.
    pub rows: Vec<Indicator>,
    /// Points a 一级 or 二级 states in a 分值 column of its own beside it (`一级指标 | 分值 | 二级指标 |
    /// 分值 | 三级指标 | 分值 | 得分`): the label cell and the points cell.
    pub level_points: Vec<(Pos, Cell)>,
}

impl Indicators {
    /// The points a 一级 or 二级 label declares: in its own text (`产出指标(50分)`), or in its 分值 cell.
    pub fn declared(&self, label: &Cell) -> Option<Decimal> {
        declared_points(label.text())
            .or_else(|| self.level_points.iter().find(|(at, _)| *at == label.pos).and_then(|(_, c)| c.num().number()))
    }
}

/// The column label cells of the indicator table.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IndicatorColumns {
    /// 一级指标 (written `-` in some sheets).
    pub level1: Option<Cell>,
    /// 二级指标.
    pub level2: Option<Cell>,
    /// 三级指标.
    pub level3: Option<Cell>,
    /// 指标性质 (=, ≥, ≤) where the target is split over three columns.
    pub nature: Option<Cell>,
    /// 年度指标值.
    pub target: Option<Cell>,
    /// 度量单位, of both the target and the completion, where the target is split.
    pub unit: Option<Cell>,
    /// 实际完成值.
    pub actual: Option<Cell>,
    /// 分值.
    pub weight: Option<Cell>,
    /// 得分.
    pub score: Option<Cell>,
    /// 偏差原因分析.
    pub reason: Option<Cell>,
    /// 得分系数 (Chongqing): the share of the weight the indicator scores, 指标得分 = 得分系数 × 指标权重.
    pub coefficient: Option<Cell>,
    /// 调整指标值 (Chongqing): the target as adjusted during the year, which replaces 年初指标值 where written.
    pub adjusted: Option<Cell>,
    /// A 分值 column right of 一级指标, holding each 一级's points (an evaluation form's).
    pub level1_points: Option<Cell>,
    /// A 分值 column right of 二级指标.
    pub level2_points: Option<Cell>,
}

impl IndicatorColumns {
    /// Every column's head, in the order of the fields.
    pub fn all(&self) -> [&Option<Cell>; 14] {
        [
            &self.level1,
            &self.level2,
            &self.level3,
            &self.nature,
            &self.target,
            &self.unit,
            &self.actual,
            &self.weight,
            &self.score,
            &self.reason,
            &self.coefficient,
            &self.adjusted,
            &self.level1_points,
            &self.level2_points,
        ]
    }
}

/// One indicator row. 一级 and 二级 are the cells they were written in, inherited down merged ranges.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Indicator {
    /// The row in the grid.
    pub row: usize,
    /// 一级指标, from this row or the nearest row above that names it.
    pub level1: Option<Cell>,
    /// 二级指标, likewise inherited.
    pub level2: Option<Cell>,
    /// 三级指标: the indicator's name.
    pub name: Option<Cell>,
    /// 指标性质 (=, ≥, ≤), in a split-target layout.
    pub nature: Option<Cell>,
    /// 年度指标值.
    pub target: Option<Cell>,
    /// 度量单位, in a split-target layout.
    pub unit: Option<Cell>,
    /// 实际完成值.
    pub actual: Option<Cell>,
    /// 分值.
    pub weight: Option<Cell>,
    /// 得分.
    pub score: Option<Cell>,
    /// 偏差原因分析.
    pub reason: Option<Cell>,
    /// 得分系数, where the layout has one.
    pub coefficient: Option<Cell>,
}

impl Indicator {
    /// The 一级 category of the indicator. A 一级 cell that holds only its points (`(50分)`, the words
    /// lost in the published copy) is the category its 二级 belongs to (数量指标: 产出).
    pub fn category(&self) -> Category {
        let Some(level1) = &self.level1 else { return Category::Other };
        match Category::of(&level1.text) {
            Category::Other if crate::text::without_brackets(&label_key(&level1.text)).is_empty() => {
                self.level2.as_ref().map_or(Category::Other, |c| Category::owning(&c.text))
            }
            category => category,
        }
    }

    /// The target as one value: `指标性质` + `指标值` + `度量单位` where the target is split over three
    /// columns (`≥` `95` `%` → `≥95%`), else the target cell as written.
    pub fn target_text(&self) -> Cow<'_, str> {
        let target = text(&self.target);
        let (nature, unit) = (text(&self.nature), text(&self.unit));
        if (nature.is_empty() && unit.is_empty()) || target.is_empty() {
            return Cow::Borrowed(target);
        }
        Cow::Owned(format!("{}{target}{}", comparator_of(nature), unit_for(target, unit)))
    }

    /// The completion as one value: a bare number takes the 度量单位 of a split-target layout
    /// (`98` `%` → `98%`); else the completion cell as written.
    pub fn actual_text(&self) -> Cow<'_, str> {
        let actual = text(&self.actual);
        let unit = text(&self.unit);
        if unit.is_empty() || actual.is_empty() {
            return Cow::Borrowed(actual);
        }
        Cow::Owned(format!("{actual}{}", unit_for(actual, unit)))
    }

    /// A name for messages: the 三级 text, or the row number.
    pub fn display_name(&self) -> String {
        match &self.name {
            Some(c) if !c.is_blank() => crate::text::strip_markup(&c.text).into_owned(),
            _ => format!("第 {} 行指标", self.row + 1),
        }
    }
}

/// The totals row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Totals {
    /// The row in the grid.
    pub row: usize,
    /// The stated 分值 total.
    pub weight: Option<Cell>,
    /// The stated 得分 total.
    pub score: Option<Cell>,
}

/// The 一级指标 categories.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Category {
    /// 产出指标.
    Output,
    /// 效益指标.
    Benefit,
    /// 满意度指标.
    Satisfaction,
    /// Anything else.
    Other,
}

impl Category {
    /// The category a 一级 label names (`产出指标(50分)` is 产出; `项目产出`, the evaluation framework's
    /// name, too).
    pub fn of(label: &str) -> Category {
        let key = label_key(label);
        let key = key.strip_prefix("项目").unwrap_or(&key);
        if key.starts_with("产出") {
            Category::Output
        } else if key.starts_with("效益") {
            Category::Benefit
        } else if key.starts_with("满意度") {
            Category::Satisfaction
        } else {
            Category::Other
        }
    }

    /// The Chinese name.
    pub fn name(self) -> &'static str {
        match self {
            Category::Output => "产出",
            Category::Benefit => "效益",
            Category::Satisfaction => "满意度",
            Category::Other => "其他",
        }
    }

    /// The category whose 二级 a label is (`质量指标`: 产出), or `Other`.
    pub fn owning(level2: &str) -> Category {
        [Category::Output, Category::Benefit, Category::Satisfaction]
            .into_iter()
            .find(|c| c.holds_level2(level2))
            .unwrap_or(Category::Other)
    }

    /// Whether a 二级 label is one of the category's, as real forms write them: `数量指标`, `产出数量`
    /// (the 一级's name in front), `社会效益`, `社会效益效益指标` (a word written twice), `服务对象满意度指标等`,
    /// and under 满意度 any 二级 of satisfaction (`群众满意度`).
    pub fn holds_level2(self, level2: &str) -> bool {
        let key = label_key(level2);
        let key = crate::text::without_brackets(&key);
        let key = key.strip_suffix('等').unwrap_or(&key);
        let key = key.strip_suffix("指标").unwrap_or(key);
        let own = key.strip_prefix(self.name()).filter(|rest| !rest.is_empty()).unwrap_or(key);
        let own = LEVEL2_SYNONYMS.iter().find(|(other, _)| own.starts_with(other)).map_or(own, |(_, l)| l);
        self.level2().iter().any(|l| own.starts_with(l))
            || (self == Category::Satisfaction && has_satisfaction_word(key))
    }

    /// The valid 二级 labels of the category (without the 指标 suffix).
    pub fn level2(self) -> &'static [&'static str] {
        match self {
            Category::Output => &["数量", "质量", "时效", "成本"],
            Category::Benefit => &["经济效益", "社会效益", "生态效益", "可持续影响"],
            Category::Satisfaction => &["服务对象满意度"],
            Category::Other => &[],
        }
    }
}

/// 二级 names real forms use for a standard one: 环境效益 is 生态效益, 经济效果 经济效益.
const LEVEL2_SYNONYMS: &[(&str, &str)] =
    &[("环境效益", "生态效益"), ("社会效果", "社会效益"), ("经济效果", "经济效益")];

/// Words an economic benefit is told by: money, income, output, cost, markets. An indicator under
/// 经济效益指标 whose name and values hold none of them (`全市安全度汛`) is no economic benefit.
pub const ECONOMIC: &[&str] = &[
    "经济", "收入", "增收", "创收", "营收", "产值", "产量", "增产", "亩", "收益", "效益", "节约", "节省", "降低",
    "成本", "资金", "资产", "财产", "损失", "税", "利润", "销售", "价格", "投资", "融资", "贷款", "就业", "岗位", "元",
    "拉动", "带动", "消费", "营业", "增长", "交易", "产业", "贸易", "市场", "补贴", "补助", "费用", "开支", "支出",
    "收费", "租金", "出口", "招商", "企业", "生产", "GDP", "规模", "价值", "脱贫", "致富",
];

fn has_satisfaction_word(key: &str) -> bool {
    crate::text::has(key, "满意")
}

/// The comparator a 指标性质 cell stands for: `≥`, `≤`, `=`, or words such as 正向/反向/定性, which say
/// nothing a value needs (the comparator then stays as the 指标值 writes it).
fn comparator_of(nature: &str) -> Cow<'_, str> {
    // Some systems export the comparator with its code in front: `004 >=`, `005 <=`.
    let key = label_key(nature);
    let key = key.trim_start_matches(|c: char| c.is_ascii_digit());
    match parse_value(key) {
        crate::value::Value::Unreadable => Cow::Owned(key.to_owned()),
        _ => Cow::Borrowed(""),
    }
}

/// The unit to append to a value from a 度量单位 column: none when the value already carries a unit
/// (or is not a bare number), and none for units that only say what kind of value it is (定性).
fn unit_for<'u>(value: &str, unit: &'u str) -> &'u str {
    let unit = unit.trim();
    let bare_number = matches!(parse_num(value), Num::Number(_));
    let says_kind = ["定性", "/", "-", "—", "无"].contains(&unit);
    if bare_number && !says_kind {
        match unit {
            "百分比" | "百分率" => "%",
            _ => unit,
        }
    } else {
        ""
    }
}

/// The points a label declares, as in `产出指标(50分)`, `预算执行情况(万元)(20分)`, `得分(20分*执行率)`:
/// the number before the first `分` inside brackets, or a bracket that holds only a number (`产出指标(50)`).
pub fn declared_points(label: &str) -> Option<Decimal> {
    let key = label_key(label);
    let points = |inner: &str| match inner.find('分') {
        Some(end) => {
            let head = &inner[..end];
            let start = head.trim_end_matches(|c: char| c.is_ascii_digit() || c == '.').len();
            parse_num(&head[start..]).number()
        }
        None => parse_num(inner).number(),
    };
    // The points in brackets (`产出指标(50分)`); else, a bracket lost, at the label's end (`效益指标30分)`).
    key.split(['(', ')']).skip(1).step_by(2).find_map(points).or_else(|| {
        let tail = key.trim_end_matches(')').strip_suffix('分')?;
        let start = tail.trim_end_matches(|c: char| c.is_ascii_digit() || c == '.').len();
        (start < tail.len() && start > 0).then(|| parse_num(&tail[start..]).number()).flatten()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn categories() {
        assert_eq!(Category::of("产出指标"), Category::Output);
        assert_eq!(Category::of("效益指标（30分）"), Category::Benefit);
        assert_eq!(Category::of(" 满意度指标"), Category::Satisfaction);
        assert_eq!(Category::of("-"), Category::Other);
    }

    #[test]
    fn level2_names_real_forms_use() {
        for (level2, category) in [
            ("数量指标", Category::Output),
            ("产出数量", Category::Output),
            ("产出时效指标", Category::Output),
            ("社会效益", Category::Benefit),
            ("环境效益指标", Category::Benefit),
            ("服务对象满意度指标等", Category::Satisfaction),
            ("群众满意度", Category::Satisfaction),
        ] {
            assert!(category.holds_level2(level2), "{level2}");
            assert_eq!(Category::owning(level2), category, "{level2}");
        }
        for (level2, category) in
            [("社会效益指标", Category::Output), ("数量指标", Category::Benefit), ("项目立项", Category::Output)]
        {
            assert!(!category.holds_level2(level2), "{level2} under {category:?}");
        }
        assert_eq!(Category::of("项目产出(30分)"), Category::Output);
    }

    #[test]
    fn a_level1_of_points_only_is_its_level2s_category() {
        let cell = |text: &str| Some(Cell::new(Pos::new(0, 0), text));
        let row = |level1: &str, level2: &str| Indicator {
            row: 0,
            level1: cell(level1),
            level2: cell(level2),
            name: None,
            nature: None,
            target: None,
            unit: None,
            actual: None,
            weight: None,
            score: None,
            reason: None,
            coefficient: None,
        };
        assert_eq!(row("(50分)", "数量指标").category(), Category::Output);
        assert_eq!(row("(30分)", "经济效益指标").category(), Category::Benefit);
        // A 一级 that names its category keeps it, whatever its 二级 says.
        assert_eq!(row("产出指标(50分)", "社会效益指标").category(), Category::Output);
        assert_eq!(row("其他", "数量指标").category(), Category::Other);
    }

    #[test]
    fn declared_weights() {
        assert_eq!(declared_points("产出指标(50分)"), Some(Decimal::from(50)));
        assert_eq!(declared_points("效益指标（30分）"), Some(Decimal::from(30)));
        assert_eq!(declared_points("产出指标"), None);
        assert_eq!(declared_points("产出指标(五十分)"), None);
        assert_eq!(declared_points("预算执行情况（万元）（20分）"), Some(Decimal::from(20)));
        assert_eq!(declared_points("得分(20分*执行率)"), Some(Decimal::from(20)));
        assert_eq!(declared_points("年度绩效目标(80分)"), Some(Decimal::from(80)));
        assert_eq!(declared_points("项目资金（万元）"), None);
        assert_eq!(declared_points("效益指标30分)"), Some(Decimal::from(30)));
        assert_eq!(declared_points("满意度指标10分"), Some(Decimal::from(10)));
        assert_eq!(declared_points("总分"), None);
        assert_eq!(declared_points("得分"), None);
    }

    #[test]
    fn comparators_of_a_split_target() {
        for (nature, want) in
            [("≥", "≥"), ("≧", "≥"), ("═", "="), ("004 >=", ">="), ("005 <=", "<="), ("正向", ""), ("定性", "")]
        {
            assert_eq!(comparator_of(nature), want, "{nature}");
        }
    }
}
