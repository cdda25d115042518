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
use crate::model::{Cell, Family, Sheet};
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

/// A check: reads the context, pushes findings.
type Check = fn(&Ctx, &mut Vec<Finding>);

/// Every check, in the order of the sheet's blocks.
const CHECKS: &[Check] = &[
    layout::hubei_layout,
    layout::blocks_missing,
    layout::nonstandard_labels,
    layout::markup,
    header::header_missing,
    funds::cells_blank,
    funds::rate_matches,
    funds::score_matches,
    funds::total_is_sum,
    funds::over_executed,
    funds::initial_differs,
    header::goals_blank,
    weights::total_is_100,
    weights::split_matches_profile,
    weights::declared_weights,
    weights::has_satisfaction,
    totals::stated_weight_total,
    totals::stated_score_total,
    totals::stated_grade,
    totals::rule_grade,
    indicator::cells_blank,
    indicator::score_in_range,
    indicator::blank_value_scored,
    indicator::unmet_full_marks,
    indicator::unmet_not_proportional,
    indicator::met_but_deducted,
    indicator::qualitative_band,
    indicator::reason_missing,
    indicator::reason_without_deviation,
    indicator::unit_mismatch,
    indicator::completion_bound,
    indicator::far_above,
    indicator::level2_belongs,
    indicator::unreadable,
];

/// Runs every check on one sheet; findings come sorted by cell (unplaced ones first).
pub fn check(sheet: &Sheet, scores: &Scores, profile: &Profile) -> Vec<Finding> {
    let mut findings = Vec::new();
    if sheet.family == Some(Family::Sichuan2023) {
        findings.push(
            Finding::new(
                Code::OtherLayout,
                "此表为四川 2023 年版式（含“指标性质”“度量单位”列，分“预算执行情况”“绩效指标”两部分），暂不支持按该版式校验。",
            )
            .at_opt(sheet.title.as_ref().map(|c| c.pos)),
        );
        return findings;
    }
    let ctx = Ctx { sheet, scores, profile };
    for check in CHECKS {
        check(&ctx, &mut findings);
    }
    findings.sort_by_key(|f| (f.row, f.col));
    findings
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
