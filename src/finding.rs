//! Findings and the registry of their codes.
//!
//! Every check has one code here with its severity, a Chinese title and its basis (依据), so that the
//! page, the README and other tools read one list. Findings are data, never errors.

use serde::Serialize;

use crate::grid::Pos;

/// How much a finding matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The sheet is wrong by the rules.
    Error,
    /// Likely wrong, or against common practice; a reviewer should look.
    Warning,
    /// Worth knowing; nothing to fix.
    Info,
}

impl Severity {
    /// The Chinese word for the severity.
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "错误",
            Severity::Warning => "警告",
            Severity::Info => "提示",
        }
    }
}

/// What the registry says of one code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct CodeSpec {
    /// The stable code, e.g. `I003`.
    pub code: &'static str,
    /// Its severity.
    pub severity: Severity,
    /// What it finds, in Chinese.
    pub title: &'static str,
    /// The rule it rests on (依据).
    pub basis: &'static str,
}

macro_rules! codes {
    ($($(#[$doc:meta])* $name:ident = $code:literal, $severity:ident, $title:literal, $basis:literal;)*) => {
        /// The code of a finding. See [`Code::spec`] for its severity, title and basis.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Code {
            $($(#[$doc])* $name,)*
        }

        impl Code {
            /// Every code, in registry order.
            pub const ALL: &'static [Code] = &[$(Code::$name,)*];

            /// The registry entry of the code.
            pub fn spec(self) -> CodeSpec {
                match self {
                    $(Code::$name => CodeSpec {
                        code: $code,
                        severity: Severity::$severity,
                        title: $title,
                        basis: $basis,
                    },)*
                }
            }
        }
    };
}

codes! {
    /// The input is not text the engine can read.
    Undecodable = "D001", Error, "文件无法读取", "可读取：Excel 工作簿（.xlsx、.xls）、OpenDocument 电子表格（.ods）、Word 文档（.docx）、网页（.html、.mht）、文本（UTF-8、UTF-16、GBK）";
    /// No 自评表 anywhere in the input.
    NoSheet = "L001", Error, "未找到自评表", "财预〔2020〕10号 附1 自评表格式";
    /// A sheet whose funds block and indicator table could not be found: nothing else is checked.
    UnknownLayout = "L002", Error, "无法识别的版式", "已支持的版式：中央模板及其变体、20/80 版式、四川 2023 年版、部门整体支出、重庆部门整体、决策·管理·产出·效益评价框架、不计分的指标表（RULES.md §6）";
    /// A required block is missing: the 年度资金总额 row, the indicator table or the totals row.
    BlockMissing = "L003", Error, "缺少必要部分", "财预〔2020〕10号 附1 自评表格式";
    /// A header label of the indicator table that is not the template's (`-` for 一级指标, 分数 for 分值).
    NonstandardLabel = "L004", Info, "表头名称不规范", "财预〔2020〕10号 附1 自评表格式";
    /// The budget execution's points the sheet declares differ from those of the profile the user chose.
    LayoutProfile = "L005", Info, "评分配置与本表版式不同", "本表版式的预算执行分值（如 20/80 版式 20 分）与所选评分配置不同";
    /// The same sheet pasted twice.
    DuplicateSheet = "L006", Info, "重复的自评表", "同一张表粘贴了两次，只需保留一份";
    /// The form has targets and completions but no 分值 or 得分 column: its scores are not checked.
    NoScores = "L008", Info, "本表不计分", "本表只有指标值与完成值、没有分值和得分栏（如武汉蔡甸 2021 年版），只核对资金、完成情况与原因";
    /// The input holds other forms (申报表, 监控表…) beside the 自评表; they are named, not checked.
    OtherForms = "L007", Info, "其他表格未检查", "只检查绩效自评表；绩效目标申报表、监控表等其他表格不在检查范围内";
    /// 项目名称, 主管部门, 实施单位 or the year is missing.
    HeaderMissing = "H001", Error, "表头信息缺失", "财预〔2020〕10号 附1 自评表格式";
    /// The year is not stated anywhere but in 填报日期, which does not tell it.
    YearOnlyDated = "H002", Info, "未注明年度", "年度以标题“(20XX年度)”为准，填报日期不代表评价年度";
    /// A header field the layout asks for has no label at all, while the header's other fields are there:
    /// the form's template has no such row, which is not the filler's mistake.
    HeaderFieldAbsent = "H003", Info, "表头没有该栏", "所用模板的表头没有此栏（如 2019 年部分省份模板无“实施单位”），无法核对";
    /// The stated 执行率 is not B/A at the precision it is written in.
    RateMismatch = "F001", Error, "执行率与 B/A 不符", "自评表 执行率(B/A)";
    /// The budget execution score is not min(执行率, 100%) × 分值.
    BudgetScoreMismatch = "F002", Error, "预算执行得分不符", "执行率×该指标分值，最高不得超过分值上限（海淀 2016 等通行做法）";
    /// 年度资金总额 is not the sum of its 其中 rows.
    FundsNotSum = "F003", Error, "资金总额与其中各项之和不符", "年度资金总额 = 当年财政拨款 + 上年结转资金 + 其他资金";
    /// More was spent than budgeted.
    OverExecuted = "F004", Warning, "执行数大于预算数", "自评表 全年执行数(B) ≤ 全年预算数(A)";
    /// A required cell of the 年度资金总额 row is blank.
    FundsCellBlank = "F005", Error, "资金行必填项为空", "财预〔2020〕10号 附1 自评表格式";
    /// 年初预算数 differs from 全年预算数 (the budget was adjusted).
    InitialDiffers = "F006", Info, "年初预算数与全年预算数不同", "执行率以全年预算数(A)为分母";
    /// The 执行率 is written as a fraction (`0.8618` for 86.18%), as an Excel percent cell pasted as a value.
    RateAsFraction = "F007", Info, "执行率写成小数", "执行率(B/A) 以百分数填写；0.8618 即 86.18%";
    /// The execution rate is below the profile's threshold and the budget row's 原因 is empty.
    BudgetReasonMissing = "F008", Error, "预算执行率偏低未说明原因", "四川 2023 年版：预算执行率未达到 90% 的需说明原因（阈值见评分配置）";
    /// 预期目标 or 实际完成情况 is blank.
    GoalBlank = "G001", Warning, "年度总体目标未填写", "财预〔2020〕10号 附1 自评表格式";
    /// Σ 分值 of the indicators and the budget execution is not 100.
    WeightTotal = "W001", Error, "分值合计不为 100", "财预〔2020〕10号：总分 100 分";
    /// The 一级 split differs from the profile's.
    WeightSplit = "W002", Warning, "一级指标分值与标准不同", "财预〔2020〕10号：原则上产出 50、效益 30、满意度 10、预算执行率 10";
    /// A 一级 label declares a weight its rows do not add up to.
    DeclaredWeight = "W003", Error, "一级指标标注分值与合计不符", "一级指标标注分值应等于其下各指标分值之和";
    /// No 满意度 indicator.
    NoSatisfaction = "W004", Info, "无满意度指标", "财预〔2020〕10号：满意度指标原则上 10 分";
    /// Where the table has no 分值 column: the scores under a label add up to more than it declares.
    ScoreAboveDeclared = "W005", Error, "得分超过标注分值", "标注的分值（如“年度绩效目标(80分)”“产出指标(60分)”）是其下得分的上限";
    /// The stated 分值 total is not the computed one.
    StatedWeightTotal = "T001", Error, "分值合计填写错误", "合计 = 各指标分值 + 预算执行分值";
    /// The stated 得分 total is not the computed one.
    StatedScoreTotal = "T002", Error, "得分合计填写错误", "合计 = 各指标得分 + 预算执行得分";
    /// The stated 评分等级 is not the grade of the stated total.
    StatedGrade = "R001", Error, "评分等级与总分不符", "财预〔2020〕10号：优 ≥ 90，良 80–90，中 60–80，差 < 60";
    /// The grade of the rule-based total differs from the stated grade.
    RuleGrade = "R002", Warning, "按规则计分后等级不同", "财预〔2020〕10号 评分规则";
    /// An indicator's 分值 or 得分 is blank.
    IndicatorCellBlank = "I001", Error, "指标分值或得分为空", "财预〔2020〕10号 附1 自评表格式";
    /// 得分 above 分值 or below 0.
    ScoreOutOfRange = "I002", Error, "得分超出分值范围", "得分应在 0 与分值之间";
    /// The target is not met but the indicator has full marks.
    UnmetFullMarks = "I003", Error, "未完成指标却得满分", "财预〔2020〕10号：未完成指标值的，按照完成值与指标值的比例记分";
    /// The target is not met and the score is not the proportional one.
    UnmetNotProportional = "I004", Warning, "未完成指标得分与按比例计分不符", "财预〔2020〕10号：按照完成值与指标值的比例记分";
    /// The target is met but points were deducted.
    MetButDeducted = "I005", Warning, "已完成指标却扣分", "财预〔2020〕10号：完成指标值的，记该指标所赋全部分值";
    /// A 偏差原因 is required but missing.
    ReasonMissing = "I006", Error, "缺少偏差原因分析", "财预〔2020〕10号：对未完成绩效目标或偏离绩效目标较大的项目要分析并说明原因";
    /// A 偏差原因 is written although the target is met with full marks.
    ReasonWithoutDeviation = "I007", Warning, "已完成且满分却填写偏差原因", "偏差原因用于未完成或偏离较大的指标";
    /// The completion's unit is not the target's.
    UnitMismatch = "I008", Warning, "完成值与指标值单位不一致", "完成值须与指标值同口径";
    /// The completion is written as a bound (≥/≤), not a value.
    CompletionBound = "I009", Warning, "完成值写成区间", "实际完成值应为实际数值";
    /// The completion is far above the target and no reason is given.
    FarAbove = "I010", Warning, "大幅超额完成未说明原因", "偏离绩效目标较大的要说明原因（超额阈值见评分配置，如广西 130%）";
    /// A target or completion is blank but a score is given.
    BlankValueScored = "I011", Error, "指标值或完成值为空却有得分", "无完成值无法计分";
    /// A qualitative indicator's score is outside the band of its judged level.
    QualitativeOutOfBand = "I012", Warning, "定性指标得分超出档次范围", "财预〔2020〕10号：达成 80–100%，部分达成 60–80%，未达成 0–60%";
    /// 二级指标 is not one of its 一级's.
    Level2Mismatch = "I013", Warning, "二级指标不属于其一级指标", "财预〔2020〕10号 指标体系";
    /// A target or completion that cannot be read or judged.
    Unreadable = "I014", Info, "指标值无法识别", "RULES.md §2 指标值写法";
    /// A target or completion written as a fraction against a percentage (`0.98` against `≥95%`).
    ValueAsFraction = "I015", Info, "完成值或指标值写成小数", "百分比指标以百分数填写；0.98 即 98%（Excel 百分比单元格按数值粘贴所致）";
    /// 指标得分 is not 得分系数 × 指标权重, or 得分系数 is not what the completion gives (Chongqing).
    CoefficientMismatch = "I016", Error, "得分系数或指标得分不符", "重庆部门整体绩效自评表：指标得分 = 得分系数 × 指标权重；完成指标值的系数为 100%，未完成的按完成值与指标值的比例";
    /// HTML markup inside a cell.
    Markup = "X001", Warning, "单元格含 HTML 标记", "自评表应为纯文本";
}

/// The registry as a Markdown table, one row a code: code, severity, title, basis. The README's table
/// of findings is this text (a test keeps them equal), and `selfeval codes` prints it.
pub fn codes_table() -> String {
    let mut out = String::from("| code | severity | 名称 | 依据 |\n|---|---|---|---|\n");
    for code in Code::ALL {
        let s = code.spec();
        let severity = match s.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        };
        out.push_str(&format!("| {} | {severity} | {} | {} |\n", s.code, s.title, s.basis.replace('|', "\\|")));
    }
    out
}

/// One finding: what is wrong, where, and what the cell should say.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Finding {
    /// The stable code, e.g. `I003`.
    pub code: &'static str,
    /// error, warning or info.
    pub severity: Severity,
    /// What is wrong, in Chinese, naming the cell and the numbers.
    pub message: String,
    /// The sheet, counted from 1; `None` for a problem outside any sheet.
    pub sheet: Option<usize>,
    /// The A1-style cell, e.g. `G25`.
    pub cell: Option<String>,
    /// The row, counted from 1.
    pub row: Option<usize>,
    /// The column, counted from 1.
    pub col: Option<usize>,
    /// The field of the sheet model, e.g. `indicators[8].score`.
    pub field: Option<String>,
    /// What the cell should say, where that can be computed.
    pub expected: Option<String>,
    /// Whether `expected` is what the finding's cell itself should hold, so that writing it there fixes
    /// the finding (a one-click fix); false where it describes a range or another cell.
    pub fixable: bool,
    /// The rule the finding rests on (依据), from the registry.
    pub basis: &'static str,
}

impl Finding {
    /// A finding of `code` with its message, not yet placed.
    pub fn new(code: Code, message: impl Into<String>) -> Self {
        let spec = code.spec();
        Finding {
            code: spec.code,
            severity: spec.severity,
            message: message.into(),
            sheet: None,
            cell: None,
            row: None,
            col: None,
            field: None,
            expected: None,
            fixable: false,
            basis: spec.basis,
        }
    }

    /// Places the finding at a cell.
    pub fn at(mut self, pos: Pos) -> Self {
        self.cell = Some(pos.a1());
        self.row = Some(pos.row + 1);
        self.col = Some(pos.col + 1);
        self
    }

    /// Places the finding at a cell, if there is one.
    pub fn at_opt(self, pos: Option<Pos>) -> Self {
        match pos {
            Some(pos) => self.at(pos),
            None => self,
        }
    }

    /// Names the field of the sheet model.
    pub fn field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }

    /// Gives what the sheet should say instead (a range, a split, another cell's value).
    pub fn expected(mut self, expected: impl Into<String>) -> Self {
        self.expected = Some(expected.into());
        self
    }

    /// Gives the value the finding's own cell should hold: writing it there fixes the finding.
    pub fn fix(mut self, value: impl Into<String>) -> Self {
        self.expected = Some(value.into());
        self.fixable = true;
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn codes_are_unique_and_documented() {
        let mut seen = HashSet::new();
        for code in Code::ALL {
            let spec = code.spec();
            assert!(seen.insert(spec.code), "duplicate {}", spec.code);
            assert!(!spec.title.is_empty() && !spec.basis.is_empty());
        }
    }

    #[test]
    fn placing_a_finding() {
        let f = Finding::new(Code::Markup, "m").at(Pos::new(6, 2)).field("goals.expected").expected("x");
        assert_eq!((f.cell.as_deref(), f.row, f.col), (Some("C7"), Some(7), Some(3)));
        assert_eq!(f.severity, Severity::Warning);
    }
}
