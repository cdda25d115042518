//! Sheet model + scores → findings (RULES.md §4).
//!
//! Each check is one function with one code: it reads the model and the scores and pushes findings;
//! it never changes either, and no check depends on another's findings. One module per block.

mod funds;
mod header;
mod indicator;
mod layout;
mod totals;
mod weights;

use rust_decimal::Decimal;

use crate::finding::{Code, Finding};
use crate::grid::Pos;
use crate::model::{Cell, Layout, Sheet};
use crate::profile::Profile;
use crate::score::Scores;

/// What every check reads.
pub struct Ctx<'a> {
    /// The sheet as read.
    pub sheet: &'a Sheet,
    /// What the rules compute for it.
    pub scores: &'a Scores,
    /// The scoring settings.
    pub profile: &'a Profile,
}

/// A check: reads the context, pushes findings of its code.
type Check = fn(&Ctx, &mut Vec<Finding>);

/// Every check on a sheet with the code it gives, in the order of the sheet's blocks. The codes made
/// outside a sheet (D001, L001, L006) and the one that stops all others (L002) have their functions
/// below.
pub const CHECKS: &[(Code, Check)] = &[
    (Code::LayoutProfile, layout::layout_profile),
    (Code::NoScores, layout::no_scores),
    (Code::BlockMissing, layout::blocks_missing),
    (Code::NonstandardLabel, layout::nonstandard_labels),
    (Code::Markup, layout::markup),
    (Code::HeaderMissing, header::header_missing),
    (Code::YearOnlyDated, header::year_only_dated),
    (Code::HeaderFieldAbsent, header::header_field_absent),
    (Code::FundsCellBlank, funds::cells_blank),
    (Code::RateMismatch, funds::rate_matches),
    (Code::RateAsFraction, funds::rate_as_fraction),
    (Code::BudgetScoreMismatch, funds::score_matches),
    (Code::FundsNotSum, funds::total_is_sum),
    (Code::OverExecuted, funds::over_executed),
    (Code::InitialDiffers, funds::initial_differs),
    (Code::BudgetReasonMissing, funds::reason_below_threshold),
    (Code::GoalBlank, header::goals_blank),
    (Code::WeightTotal, weights::total_is_100),
    (Code::WeightSplit, weights::split_matches_profile),
    (Code::DeclaredWeight, weights::declared_weights),
    (Code::ScoreAboveDeclared, weights::scores_within_declared),
    (Code::NoSatisfaction, weights::has_satisfaction),
    (Code::StatedWeightTotal, totals::stated_weight_total),
    (Code::StatedScoreTotal, totals::stated_score_total),
    (Code::StatedGrade, totals::stated_grade),
    (Code::RuleGrade, totals::rule_grade),
    (Code::IndicatorCellBlank, indicator::cells_blank),
    (Code::ScoreOutOfRange, indicator::score_in_range),
    (Code::BlankValueScored, indicator::blank_value_scored),
    (Code::UnmetFullMarks, indicator::unmet_full_marks),
    (Code::UnmetNotProportional, indicator::unmet_not_proportional),
    (Code::MetButDeducted, indicator::met_but_deducted),
    (Code::QualitativeOutOfBand, indicator::qualitative_band),
    (Code::ReasonMissing, indicator::reason_missing),
    (Code::ReasonWithoutDeviation, indicator::reason_without_deviation),
    (Code::UnitMismatch, indicator::unit_mismatch),
    (Code::CompletionBound, indicator::completion_bound),
    (Code::FarAbove, indicator::far_above),
    (Code::Level2Mismatch, indicator::level2_belongs),
    (Code::Unreadable, indicator::unreadable),
    (Code::ValueAsFraction, indicator::value_as_fraction),
    (Code::CoefficientMismatch, indicator::coefficient_matches),
];

/// Runs every check on one sheet; findings come sorted by cell (unplaced ones first). A sheet of no
/// known layout gets one finding that says so and what was found, and nothing else.
pub fn check(sheet: &Sheet, scores: &Scores, profile: &Profile) -> Vec<Finding> {
    if sheet.layout == Layout::Unknown {
        return vec![layout::unknown_layout(sheet)];
    }
    let ctx = Ctx { sheet, scores, profile };
    let skips = crate::read::family::of(sheet.layout).skips;
    let mut findings = Vec::new();
    for (_, check) in CHECKS.iter().filter(|(code, _)| !skips.contains(code)) {
        check(&ctx, &mut findings);
    }
    findings.sort_by_key(|f| (f.row, f.col));
    findings
}

/// D001: the input cannot be read as text. Basis: the registry's.
pub fn undecodable(name: &str, why: &str) -> Finding {
    Finding::new(Code::Undecodable, format!("{name}：{why}"))
}

/// L001: nothing in the input is a 自评表.
pub fn no_sheet() -> Finding {
    Finding::new(
        Code::NoSheet,
        "未找到财政项目支出绩效自评表：输入中没有“绩效自评表”标题，也没有“项目名称”“项目资金”“三级指标”等表头。请粘贴整张自评表。",
    )
}

/// L007: the other forms in the input (a workbook's 申报表 and 监控表), by their titles: not checked.
pub fn other_forms(titles: &[Cell]) -> Finding {
    let named: Vec<String> = titles.iter().map(|t| format!("{}（{}）", t.text(), t.pos)).collect();
    Finding::new(
        Code::OtherForms,
        format!("输入中还有 {} 张不是绩效自评表的表格，未检查：{}。", titles.len(), named.join("、")),
    )
    .at(titles[0].pos)
}

/// L006: a sheet that repeats an earlier one cell for cell (pasted twice).
pub fn duplicate(sheet: &Sheet, index: usize, of: usize) -> Finding {
    let at = sheet.title.as_ref().map(|c| c.pos).or(Some(crate::grid::Pos::new(sheet.rows.0, 0)));
    Finding::new(Code::DuplicateSheet, format!("表 {index} 与表 {of} 内容完全相同，可能重复粘贴了。")).at_opt(at)
}

/// The position of an optional cell.
fn pos(cell: &Option<Cell>) -> Option<Pos> {
    cell.as_ref().map(|c| c.pos)
}

/// The A1 name of an optional cell, or `该处` when there is none, for messages.
fn name(cell: &Option<Cell>) -> String {
    cell.as_ref().map_or_else(|| "该处".to_owned(), |c| c.pos.a1())
}

/// Whether a stated value is below another by more than the tolerance.
fn below(profile: &Profile, value: Decimal, limit: Decimal) -> bool {
    limit.checked_sub(profile.tolerance).is_some_and(|l| value < l)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each check gives only its own code: the registry's pairs say what a check finds.
    #[test]
    fn each_check_gives_its_own_code() {
        let text = include_str!("../../tests/fixtures/000_7b7c0afb335e079f.txt");
        let profile = Profile::default();
        let mut seen = 0;
        for sheet in crate::read::read(&crate::grid::Grid::parse(text, None)) {
            let scores = crate::score::score(&sheet, &profile);
            let ctx = Ctx { sheet: &sheet, scores: &scores, profile: &profile };
            for (code, check) in CHECKS {
                let mut out = Vec::new();
                check(&ctx, &mut out);
                seen += out.len();
                assert!(out.iter().all(|f| f.code == code.spec().code), "{code:?}: {out:?}");
            }
        }
        assert!(seen > 10);
        let mut codes: Vec<&str> = CHECKS.iter().map(|(c, _)| c.spec().code).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), CHECKS.len(), "a code with two checks");
    }
}
