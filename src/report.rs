//! Sheets, scores and findings → the report other tools read, and its text rendering.
//!
//! The JSON names are a contract (schemaVersion 1): `sheets[]` with `projectName`, `year`, `findings[]`,
//! `totals`, `grade`; top-level `findings[]` for problems outside any sheet. Decimals are strings.

use std::fmt::Write;

use rust_decimal::Decimal;
use serde::Serialize;

use crate::finding::{Finding, Severity};
use crate::model::{text, Cell, Sheet};
use crate::score::{Judgement, Scores};
use crate::value::show;

/// The version of the report's shape; bumped when a name changes meaning or goes away.
pub const SCHEMA_VERSION: u32 = 1;

/// The result of checking one input.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Report {
    /// The report's shape version.
    pub schema_version: u32,
    /// The input's name (a file name), if it has one.
    pub source: Option<String>,
    /// The name of the scoring profile used.
    pub profile: String,
    /// One entry per sheet found, in input order.
    pub sheets: Vec<SheetReport>,
    /// Problems outside any sheet: an unreadable input, no sheet found.
    pub findings: Vec<Finding>,
    /// Counts over the whole input.
    pub counts: Counts,
}

/// How many findings of each severity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Errors.
    pub error: usize,
    /// Warnings.
    pub warning: usize,
    /// Infos.
    pub info: usize,
}

impl Counts {
    fn of<'a>(findings: impl IntoIterator<Item = &'a Finding>) -> Counts {
        let mut counts = Counts::default();
        for f in findings {
            match f.severity {
                Severity::Error => counts.error += 1,
                Severity::Warning => counts.warning += 1,
                Severity::Info => counts.info += 1,
            }
        }
        counts
    }

    /// The counts as the summary's three cells.
    fn cells(&self) -> [String; 3] {
        [self.error.to_string(), self.warning.to_string(), self.info.to_string()]
    }

    /// Adds another's counts to these.
    pub fn add(&mut self, other: Counts) {
        self.error += other.error;
        self.warning += other.warning;
        self.info += other.info;
    }
}

/// One sheet: what it says, what the rules make of it, what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SheetReport {
    /// The sheet's number, from 1.
    pub index: usize,
    /// First row of the sheet in the input, from 1.
    pub first_row: usize,
    /// Last row, from 1.
    pub last_row: usize,
    /// 项目名称.
    pub project_name: Option<String>,
    /// 主管部门.
    pub department: Option<String>,
    /// 实施单位.
    pub implementer: Option<String>,
    /// The year, e.g. `2023`.
    pub year: Option<String>,
    /// The layout the sheet was read as: `central`, `20/80`, `sichuan-2023`, `department` or `unknown`.
    pub layout: &'static str,
    /// The layout's Chinese name.
    pub layout_label: &'static str,
    /// The labels that told the layout, as written (none for the central one, the default).
    pub layout_evidence: Vec<String>,
    /// Whether the sheet has scores to total and grade: false for a layout of no scores and for one
    /// not known, whose totals and grades would mislead and are not shown.
    pub scored: bool,
    /// The name of the profile the sheet was scored by: the one chosen, or its layout's.
    pub profile: String,
    /// The money unit of the funds block (`万元` or `元`).
    pub unit: Option<String>,
    /// The budget execution.
    pub budget: BudgetReport,
    /// The indicators, with their rule-based scores.
    pub indicators: Vec<IndicatorReport>,
    /// Stated, computed and rule-based totals.
    pub totals: TotalsReport,
    /// Stated, computed and rule-based grades.
    pub grade: GradeReport,
    /// The findings, sorted by cell.
    pub findings: Vec<Finding>,
    /// Counts of the findings.
    pub counts: Counts,
}

/// The budget execution row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BudgetReport {
    /// 分值.
    pub points: String,
    /// The stated 执行率 as written.
    pub stated_rate: Option<String>,
    /// B/A in percent, to 2 decimals.
    pub computed_rate: Option<String>,
    /// The stated 得分.
    pub stated_score: Option<String>,
    /// min(rate, 100%) × 分值, to 2 decimals.
    pub rule_score: Option<String>,
    /// The cell of the stated 得分.
    pub score_cell: Option<String>,
}

/// One indicator row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct IndicatorReport {
    /// The row in the input, from 1.
    pub row: usize,
    /// 一级指标 (inherited from above).
    pub level1: String,
    /// 二级指标 (inherited from above).
    pub level2: String,
    /// 三级指标.
    pub name: String,
    /// 年度指标值.
    pub target: String,
    /// 实际完成值.
    pub actual: String,
    /// 分值 as written.
    pub weight: String,
    /// 得分 as written.
    pub score: String,
    /// 偏差原因分析.
    pub reason: String,
    /// `met`, `partly`, `notMet` or `unknown`.
    pub judgement: &'static str,
    /// The score by the rules (quantitative), or the stated score held inside its band (qualitative).
    pub rule_score: String,
    /// For a qualitative indicator: the band of its judged level, e.g. `8–10`.
    pub band: Option<String>,
    /// The cell of the stated 得分.
    pub score_cell: Option<String>,
}

/// The totals.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TotalsReport {
    /// The stated 分值 total.
    pub stated_weight: Option<String>,
    /// Σ 分值, the budget execution's included.
    pub computed_weight: String,
    /// The stated 得分 total.
    pub stated_score: Option<String>,
    /// Σ 得分, the budget execution's included.
    pub computed_score: String,
    /// Σ rule-based scores, the budget execution's included.
    pub rule_score: String,
}

/// The grades.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GradeReport {
    /// The stated 评分等级.
    pub stated: Option<String>,
    /// The grade of the computed total.
    pub computed: String,
    /// The grade of the rule-based total.
    pub by_rule: String,
}

fn opt_text(cell: &Option<Cell>) -> Option<String> {
    cell.as_ref().filter(|c| !c.is_blank()).map(|c| c.text().to_owned())
}

fn opt_show(d: Option<Decimal>) -> Option<String> {
    d.map(show)
}

fn judgement_name(j: Judgement) -> &'static str {
    match j {
        Judgement::Met => "met",
        Judgement::Partly => "partly",
        Judgement::NotMet => "notMet",
        Judgement::Unknown => "unknown",
    }
}

impl SheetReport {
    /// The report of one sheet; `index` counts from 1.
    pub fn new(index: usize, sheet: &Sheet, scores: &Scores, mut findings: Vec<Finding>, profile: &str) -> SheetReport {
        for f in &mut findings {
            f.sheet = Some(index);
        }
        let header_value = |field: &Option<crate::model::Field>| field.as_ref().and_then(|f| opt_text(&f.value));
        let total = sheet.funds.as_ref().and_then(|f| f.total.as_ref());
        let b = &scores.budget;
        let rows = sheet.indicators.as_ref().map(|t| t.rows.as_slice()).unwrap_or(&[]);
        let indicators = rows
            .iter()
            .zip(&scores.indicators)
            .map(|(row, eval)| IndicatorReport {
                row: row.row + 1,
                level1: text(&row.level1).to_owned(),
                level2: text(&row.level2).to_owned(),
                name: text(&row.name).to_owned(),
                target: row.target_text().into_owned(),
                // As written, with a split layout's 度量单位, but not lent to a fraction (`0.95`).
                actual: if eval.fraction == Some(crate::score::Fraction::Actual) {
                    text(&row.actual).to_owned()
                } else {
                    row.actual_text().into_owned()
                },
                weight: text(&row.weight).to_owned(),
                score: text(&row.score).to_owned(),
                reason: text(&row.reason).to_owned(),
                judgement: judgement_name(eval.judgement),
                rule_score: show(eval.rule_score),
                band: eval.band.map(|(lo, hi)| format!("{}–{}", show(lo), show(hi))),
                score_cell: row.score.as_ref().map(|c| c.pos.a1()),
            })
            .collect();
        SheetReport {
            index,
            first_row: sheet.rows.0 + 1,
            last_row: sheet.rows.1 + 1,
            project_name: header_value(&sheet.header.project),
            department: header_value(&sheet.header.department),
            implementer: header_value(&sheet.header.implementer),
            year: sheet.year.as_ref().map(|(y, _)| y.clone()),
            layout: sheet.layout.name(),
            layout_label: sheet.layout.label(),
            layout_evidence: sheet.evidence.clone(),
            scored: sheet.layout != crate::model::Layout::Unknown
                && crate::read::family::of(sheet.layout).budget != crate::read::family::BudgetAs::Unscored,
            profile: profile.to_owned(),
            unit: sheet.funds.as_ref().map(|f| f.unit.clone()),
            budget: BudgetReport {
                points: show(b.points),
                stated_rate: total.and_then(|t| opt_text(&t.rate)),
                computed_rate: b.rate.map(|r| show(crate::score::round2(r))),
                stated_score: opt_show(b.stated_score),
                rule_score: opt_show(b.rule_score),
                score_cell: total.and_then(|t| t.score.as_ref()).map(|c| c.pos.a1()),
            },
            indicators,
            totals: TotalsReport {
                stated_weight: opt_show(scores.stated_weight),
                computed_weight: show(scores.computed_weight),
                stated_score: opt_show(scores.stated_score),
                computed_score: show(scores.computed_score),
                rule_score: show(scores.rule_score),
            },
            grade: GradeReport {
                stated: scores.stated_grade.clone(),
                computed: scores.computed_grade.to_owned(),
                by_rule: scores.rule_grade.to_owned(),
            },
            counts: Counts::of(&findings),
            findings,
        }
    }
}

/// A report in short: per sheet its project, scores, grades and counts. For a list of hundreds of
/// sheets, where the findings themselves are not needed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Summary {
    /// One line per sheet.
    pub sheets: Vec<SheetSummary>,
    /// Counts over the whole input.
    pub counts: Counts,
}

/// The columns of a batch's summary table: one row per form.
pub const SUMMARY_HEADER: [&str; 12] = [
    "文件",
    "表",
    "项目名称",
    "实施单位",
    "填报得分",
    "按规则得分",
    "填报等级",
    "按规则等级",
    "错误",
    "警告",
    "提示",
    "说明",
];

/// One sheet in short.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SheetSummary {
    /// The sheet's number, from 1.
    pub index: usize,
    /// 项目名称.
    pub project_name: Option<String>,
    /// 实施单位 (or the 预算单位 of a department-wide sheet).
    pub implementer: Option<String>,
    /// The stated 得分 total.
    pub stated_score: Option<String>,
    /// Σ rule-based scores.
    pub rule_score: String,
    /// The stated 评分等级.
    pub stated_grade: Option<String>,
    /// The grade of the rule-based total.
    pub rule_grade: String,
    /// Counts of the sheet's findings.
    pub counts: Counts,
}

impl Report {
    /// The report in short.
    pub fn summary(&self) -> Summary {
        let sheets = self
            .sheets
            .iter()
            .map(|s| SheetSummary {
                index: s.index,
                project_name: s.project_name.clone(),
                implementer: s.implementer.clone(),
                stated_score: s.totals.stated_score.clone(),
                rule_score: s.totals.rule_score.clone(),
                stated_grade: s.grade.stated.clone(),
                rule_grade: s.grade.by_rule.clone(),
                counts: s.counts,
            })
            .collect();
        Summary { sheets, counts: self.counts }
    }

    /// One row per sheet for a batch's summary table ([`SUMMARY_HEADER`]), under the file's name; a
    /// file with no sheet gets one row with its findings' counts and the first finding's message.
    pub fn summary_rows(&self, file: &str) -> Vec<[String; 12]> {
        if self.sheets.is_empty() {
            return vec![self.no_sheet_row(file)];
        }
        self.sheets.iter().map(|s| s.summary_row(file)).collect()
    }

    /// The summary row of a file with no sheet: its counts and why.
    pub fn no_sheet_row(&self, file: &str) -> [String; 12] {
        let note = self.findings.first().map(|f| f.message.clone()).unwrap_or_default();
        let [e, w, i] = self.counts.cells();
        [
            file.to_owned(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            e,
            w,
            i,
            note,
        ]
    }

    /// A report from its sheets and the findings outside them.
    pub fn new(source: Option<String>, profile: String, sheets: Vec<SheetReport>, findings: Vec<Finding>) -> Report {
        let counts = Counts::of(sheets.iter().flat_map(|s| &s.findings).chain(&findings));
        Report { schema_version: SCHEMA_VERSION, source, profile, sheets, findings, counts }
    }

    /// The report as pretty JSON.
    pub fn to_json(&self) -> String {
        pretty(self)
    }

    /// The report as pretty JSON with `sheets` (each sheet's [`SheetReport::write_json`], joined by
    /// `,\n`) as its sheets: the JSON of a report whose sheets were written as each was checked, and not
    /// kept. The same text as [`Report::to_json`] of the whole.
    pub fn json_around(&self, sheets: String) -> String {
        let json = pretty(self);
        match json.split_once(SHEETS_EMPTY) {
            // Put around the sheets where they are, not copied: they may be most of a large file's memory.
            Some((head, tail)) if !sheets.is_empty() => {
                let open = format!("{head}\"sheets\": [\n");
                let mut out = sheets;
                out.reserve_exact(open.len() + tail.len() + 4);
                out.insert_str(0, &open);
                out.push_str("\n  ]");
                out.push_str(tail);
                out
            }
            _ => json,
        }
    }

    /// The findings as CSV for Excel (UTF-8 with a byte-order mark, so Excel reads the Chinese): one line
    /// a finding, sheet by sheet, with the project's name, the cell, the code, the severity, the message
    /// and the expected value.
    pub fn findings_csv(&self) -> String {
        let mut rows = vec![["表", "项目名称", "单元格", "代码", "级别", "说明", "应为"].map(String::from)];
        let sheets = self.sheets.iter().map(|s| (Some(s), &s.findings));
        for (sheet, findings) in std::iter::once((None, &self.findings)).chain(sheets) {
            for f in findings {
                rows.push([
                    sheet.map(|s| s.index.to_string()).unwrap_or_default(),
                    sheet.and_then(|s| s.project_name.clone()).unwrap_or_default(),
                    f.cell.clone().unwrap_or_default(),
                    f.code.to_owned(),
                    f.severity.label().to_owned(),
                    f.message.clone(),
                    f.expected.clone().unwrap_or_default(),
                ]);
            }
        }
        format!("\u{feff}{}", crate::grid::write_for_excel(&rows, ','))
    }

    /// A readable Chinese summary: per sheet its layout, totals, grades and findings with cell and
    /// expected value; `verbose` adds each finding's basis (依据).
    pub fn to_text(&self, verbose: bool) -> String {
        let mut out = self.text_head(self.sheets.len(), verbose);
        for s in &self.sheets {
            s.write_text(&mut out, verbose);
        }
        out
    }

    /// The text report's first lines: the source, how many sheets (`sheets`: the report may be one whose
    /// sheets were handed out one by one), the counts, the findings outside any sheet.
    pub fn text_head(&self, sheets: usize, verbose: bool) -> String {
        let mut out = String::new();
        let source = self.source.as_deref().unwrap_or("输入");
        let c = &self.counts;
        let _ = writeln!(out, "{source}：{sheets} 张自评表，错误 {}，警告 {}，提示 {}", c.error, c.warning, c.info);
        for f in &self.findings {
            write_finding(&mut out, f, verbose);
        }
        out
    }
}

impl SheetReport {
    /// The sheet's row in a batch's summary table ([`SUMMARY_HEADER`]), under the file's name.
    pub fn summary_row(&self, file: &str) -> [String; 12] {
        let [e, w, i] = self.counts.cells();
        [
            file.to_owned(),
            self.index.to_string(),
            self.project_name.clone().unwrap_or_default(),
            self.implementer.clone().unwrap_or_default(),
            self.totals.stated_score.clone().unwrap_or_default(),
            self.totals.rule_score.clone(),
            self.grade.stated.clone().unwrap_or_default(),
            self.grade.by_rule.clone(),
            e,
            w,
            i,
            String::new(),
        ]
    }

    /// The sheet's report as pretty JSON one array in, as it stands among a report's sheets, written at
    /// the end of `out`.
    pub fn write_json(&self, out: &mut String) {
        for (i, line) in pretty(self).lines().enumerate() {
            if i > 0 {
                out.push('\n');
            }
            out.push_str("    ");
            out.push_str(line);
        }
    }

    /// Writes the sheet's part of the text report.
    pub fn write_text(&self, out: &mut String, verbose: bool) {
        let s = self;
        let name = s.project_name.as_deref().or(s.implementer.as_deref()).unwrap_or("（未填项目名称）");
        let year = s.year.as_deref().map(|y| format!("（{y}年度）")).unwrap_or_default();
        let _ = writeln!(out, "\n表 {} {name}{year}  第 {}–{} 行", s.index, s.first_row, s.last_row);
        if s.layout != "central" {
            let _ = writeln!(out, "  版式 {}（评分配置 {}）", s.layout_label, s.profile);
        }
        let t = &s.totals;
        if !s.scored {
            for f in &s.findings {
                write_finding(out, f, verbose);
            }
            return;
        }
        let _ = writeln!(
            out,
            "  分值 填报 {} / 计算 {}；得分 填报 {} / 计算 {} / 按规则 {}；等级 填报 {} / 计算 {} / 按规则 {}",
            t.stated_weight.as_deref().unwrap_or("—"),
            t.computed_weight,
            t.stated_score.as_deref().unwrap_or("—"),
            t.computed_score,
            t.rule_score,
            s.grade.stated.as_deref().unwrap_or("—"),
            s.grade.computed,
            s.grade.by_rule
        );
        if s.findings.is_empty() {
            let _ = writeln!(out, "  未发现问题");
        }
        for f in &s.findings {
            write_finding(out, f, verbose);
        }
    }
}

fn write_finding(out: &mut String, f: &Finding, verbose: bool) {
    let cell = f.cell.as_deref().map(|c| format!("{c:<5}")).unwrap_or_else(|| "     ".into());
    let expected = match f.expected.as_deref() {
        Some(e) if f.message.contains(e) => String::new(),
        Some(e) if e.chars().count() > 30 => format!("（应为 {}…）", e.chars().take(30).collect::<String>()),
        Some(e) => format!("（应为 {e}）"),
        None => String::new(),
    };
    let _ = writeln!(out, "  {} {} {cell} {}{expected}", f.severity.label(), f.code, f.message);
    if verbose {
        let _ = writeln!(out, "             依据：{}", f.basis);
    }
}

/// What a report of no sheets has in its JSON for them, where [`Report::json_around`] puts them.
const SHEETS_EMPTY: &str = "\"sheets\": []";

/// A value as pretty JSON (two spaces a level).
fn pretty(value: &impl Serialize) -> String {
    // Serialising plain structs of strings and numbers cannot fail.
    serde_json::to_string_pretty(value).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"))
}
