//! Mistakes planted in real forms: the catalogue of what fillers get wrong, one entry per check, each
//! applied by this program to every complete form of the corpus where its check applies. A planted
//! mistake must give its finding on its cell, and nothing new at error level anywhere else: the form as
//! published is the baseline, so only what the plant changed counts.
//!
//! A plant is written the way a filler would make the mistake and nothing more: a score changed is
//! carried into the 得分 total (fillers add up what they wrote), a target missed comes with its reason,
//! so that each entry trips its own check only.

use std::collections::HashSet;
use std::path::PathBuf;

use rust_decimal::Decimal;
use selfeval::grid::Pos;
use selfeval::model::{num, text, Cell, Indicator, Sheet};
use selfeval::score::{Evaluation, Judgement, Scores};
use selfeval::value::{show, Cmp, Value};
use selfeval::{check_text, Finding, Grid, Profile, Severity};

/// What planting gave.
#[derive(Default)]
pub struct Planted {
    /// Mistakes planted.
    pub tried: usize,
    /// Mistakes whose finding was given on their cell with nothing new at error level.
    pub caught: usize,
    /// One line per mistake not caught, or caught with a new wrong error.
    pub problems: Vec<String>,
    /// Each entry of the catalogue with the families it was planted in.
    pub families: Vec<(&'static str, HashSet<String>)>,
}

/// One planted mistake: the cells changed, and the finding it must give.
struct Plant {
    edits: Vec<(Pos, String)>,
    code: &'static str,
    at: Pos,
}

/// What an entry reads to plant its mistake.
struct Form<'a> {
    sheet: &'a Sheet,
    scores: &'a Scores,
    /// The rows of the published form that have a finding of their own (left alone by the plants).
    busy: &'a HashSet<usize>,
}

type Entry = (&'static str, fn(&Form) -> Option<Plant>);

/// The catalogue: one entry per check a filler's mistake trips.
const CATALOGUE: &[Entry] = &[
    ("a blank header field (H001)", blank_department),
    ("a wrong 执行率 (F001)", wrong_rate),
    ("a wrong budget score (F002)", wrong_budget_score),
    ("a 其中 row that no longer adds up (F003)", wrong_part),
    ("a blank 执行率 (F005)", blank_rate),
    ("a blank goal (G001)", blank_goal),
    ("weights that add up to more than 100 (W001)", weight_over_100),
    ("a wrong 得分 total (T002)", wrong_score_total),
    ("a wrong 评分等级 (R001)", wrong_grade),
    ("a blank 得分 (I001)", blank_score),
    ("a score above its weight (I002)", score_above_weight),
    ("a missed target at full marks (I003)", missed_at_full_marks),
    ("a missed target scored by guess (I004)", missed_not_proportional),
    ("a met target deducted (I005)", met_deducted),
    ("a missed target without a reason (I006)", missed_without_reason),
    ("a reason on a met target at full marks (I007)", reason_though_met),
    ("a unit changed (I008)", unit_changed),
    ("a completion written as a bound (I009)", completion_bound),
    ("a completion far above the target with no reason (I010)", far_above),
    ("a blank completion that is scored (I011)", blank_completion),
    ("a 二级 moved under the wrong 一级 (I013)", level2_moved),
    ("markup pasted into a cell (X001)", markup_pasted),
];

/// Plants every entry of the catalogue into every complete form where it applies.
pub fn plant_all(forms: &[PathBuf]) -> Planted {
    let mut out =
        Planted { families: CATALOGUE.iter().map(|(w, _)| (*w, HashSet::new())).collect(), ..Default::default() };
    let profile = Profile::default();
    for form in forms {
        let stem = form.file_stem().unwrap().to_string_lossy().into_owned();
        let expect = std::fs::read_to_string(form.with_extension("expect")).unwrap_or_default();
        let expect = super::expectation(&expect);
        if expect.cut_after.is_some() || expect.family == "unknown" {
            continue;
        }
        let text = std::fs::read_to_string(form).unwrap();
        let rows = Grid::parse(&text, None).to_rows();
        let grid = Grid::from_rows(&rows);
        let sheets = selfeval::read::read(&grid);
        let [sheet] = sheets.as_slice() else { continue };
        let base = check_text(&text, &profile);
        let base_findings: Vec<&Finding> = base.sheets.iter().flat_map(|s| &s.findings).collect();
        let sheet_profile = selfeval::read::family::profile(sheet.layout);
        let scores = selfeval::score::score(sheet, sheet_profile);
        let busy: HashSet<usize> = base_findings.iter().filter_map(|f| f.row.map(|r| r - 1)).collect();
        let had: HashSet<(String, Option<usize>, Option<usize>)> =
            base_findings.iter().map(|f| (f.code.to_owned(), f.row, f.col)).collect();
        let ctx = Form { sheet, scores: &scores, busy: &busy };
        for (i, (what, make)) in CATALOGUE.iter().enumerate() {
            let Some(plant) = make(&ctx) else { continue };
            let at = (plant.code.to_owned(), Some(plant.at.row + 1), Some(plant.at.col + 1));
            if had.contains(&at) {
                continue;
            }
            out.tried += 1;
            out.families[i].1.insert(expect.family.clone());
            let mut changed = rows.clone();
            for (pos, value) in &plant.edits {
                while changed.len() <= pos.row {
                    changed.push(Vec::new());
                }
                let row = &mut changed[pos.row];
                while row.len() <= pos.col {
                    row.push(String::new());
                }
                row[pos.col] = value.clone();
            }
            let report = check_text(&selfeval::grid::write_delimited(&changed, '\t'), &profile);
            let given: Vec<&Finding> =
                report.findings.iter().chain(report.sheets.iter().flat_map(|s| &s.findings)).collect();
            let hit = given.iter().any(|f| (f.code.to_owned(), f.row, f.col) == at);
            let new_errors: Vec<String> = given
                .iter()
                .filter(|f| f.severity == Severity::Error)
                .filter(|f| {
                    (f.code.to_owned(), f.row, f.col) != at && !had.contains(&(f.code.to_owned(), f.row, f.col))
                })
                .map(|f| format!("{} {}", f.code, f.cell.as_deref().unwrap_or("-")))
                .collect();
            if hit && new_errors.is_empty() {
                out.caught += 1;
            } else {
                let edits: Vec<String> = plant.edits.iter().map(|(p, v)| format!("{}={v}", p.a1())).collect();
                out.problems.push(format!(
                    "{stem}: planted {what} [{}]: {}{}",
                    edits.join(", "),
                    if hit { String::new() } else { format!("no {} at {}", plant.code, plant.at.a1()) },
                    if new_errors.is_empty() { String::new() } else { format!(" new errors {new_errors:?}") }
                ));
            }
        }
    }
    out
}

fn cell_pos(cell: &Option<Cell>) -> Option<Pos> {
    cell.as_ref().map(|c| c.pos)
}

/// The stated 得分 total moved by `delta`, where the form states one: a filler adds up what was written.
fn carry(form: &Form, delta: Decimal, edits: &mut Vec<(Pos, String)>) {
    if let Some(cell) = form.sheet.totals.as_ref().and_then(|t| t.score.as_ref()) {
        if let Some(total) = cell.num().number() {
            edits.push((cell.pos, show(total + delta)));
        }
    }
}

/// The indicators with their evaluations whose rows have no finding in the published form.
fn quiet<'a>(form: &'a Form) -> impl Iterator<Item = (&'a Indicator, &'a Evaluation)> + 'a {
    let rows = form.sheet.indicators.as_ref().map(|t| t.rows.as_slice()).unwrap_or(&[]);
    rows.iter().zip(&form.scores.indicators).filter(|(r, _)| !form.busy.contains(&r.row))
}

/// A quantitative indicator met exactly as a floor (`≥N` or a bare `N`, N > 0, completed with at least
/// N in the same unit), at full marks, with a weight: the plain case a filler's mistake is made on.
fn met_floor<'a>(form: &'a Form) -> Option<(&'a Indicator, &'a Evaluation, Decimal, String)> {
    quiet(form).find_map(|(row, eval)| {
        let (Value::Quantity(t), Value::Quantity(a)) = (&eval.target, &eval.actual) else { return None };
        let floor = matches!(t.cmp, None | Some(Cmp::Ge));
        let simple = row.nature.is_none() && row.unit.is_none() && a.cmp.is_none() && eval.fraction.is_none();
        let full = eval.weight.is_some_and(|w| w > Decimal::ZERO) && eval.score == eval.weight;
        (floor && simple && full && eval.judgement == Judgement::Met && t.number > Decimal::ZERO && a.unit == t.unit)
            .then(|| (row, eval, t.number, t.unit.clone()))
    })
}

fn blank_department(form: &Form) -> Option<Plant> {
    let field = form.sheet.header.department.as_ref()?;
    let value = field.value.as_ref().filter(|v| !v.is_blank())?;
    // Blanked, a value that stood a few cells right of its label (a merged label) leaves nothing to
    // tell where it was: its place is the cell beside the label, where one writes it.
    let at = Pos::new(field.label.pos.row, field.label.pos.col + 1);
    Some(Plant { edits: vec![(value.pos, String::new())], code: "H001", at })
}

/// The 年度资金总额 row, where it has a budget, an execution and a stated rate that agree.
fn funds_total<'a>(form: &Form<'a>) -> Option<&'a selfeval::model::FundsRow> {
    let total = form.sheet.funds.as_ref()?.total.as_ref()?;
    let budget = form.scores.budget.rate?;
    (budget > Decimal::from(10) && !form.busy.contains(&total.label.pos.row)).then_some(total)
}

fn wrong_rate(form: &Form) -> Option<Plant> {
    let total = funds_total(form)?;
    let rate = total.rate.as_ref().filter(|c| !c.is_blank())?;
    let wrong = (form.scores.budget.rate? - Decimal::from(7)).round_dp(2);
    Some(Plant { edits: vec![(rate.pos, format!("{}%", show(wrong)))], code: "F001", at: rate.pos })
}

fn wrong_budget_score(form: &Form) -> Option<Plant> {
    let total = funds_total(form)?;
    let score = total.score.as_ref()?;
    let stated = score.num().number()?;
    let mut edits = vec![(score.pos, show(stated - Decimal::ONE))];
    carry(form, -Decimal::ONE, &mut edits);
    Some(Plant { edits, code: "F002", at: score.pos })
}

fn wrong_part(form: &Form) -> Option<Plant> {
    let funds = form.sheet.funds.as_ref()?;
    let total = funds_total(form)?;
    let part =
        funds.parts.iter().find(|p| p.group == 0 && num(&p.budget).number().is_some_and(|n| n > Decimal::ZERO))?;
    let cell = part.budget.as_ref()?;
    let at = cell_pos(&total.budget)?;
    Some(Plant { edits: vec![(cell.pos, show(cell.num().number()? + Decimal::ONE))], code: "F003", at })
}

fn blank_rate(form: &Form) -> Option<Plant> {
    let rate = funds_total(form)?.rate.as_ref().filter(|c| !c.is_blank())?;
    Some(Plant { edits: vec![(rate.pos, String::new())], code: "F005", at: rate.pos })
}

fn blank_goal(form: &Form) -> Option<Plant> {
    let actual = form.sheet.goals.as_ref()?.actual.as_ref().filter(|c| !c.is_blank())?;
    Some(Plant { edits: vec![(actual.pos, String::new())], code: "G001", at: actual.pos })
}

fn weight_over_100(form: &Form) -> Option<Plant> {
    let (row, eval, _, _) = met_floor(form)?;
    // Under a 一级 or 二级 that declares its points the raise would break that sum first (W003).
    let declares = [&row.level1, &row.level2]
        .iter()
        .any(|c| c.as_ref().is_some_and(|c| selfeval::model::declared_points(c.text()).is_some()));
    if declares {
        return None;
    }
    let totals = form.sheet.totals.as_ref()?;
    let weight_total = totals.weight.as_ref().filter(|c| c.num().number().is_some())?;
    let (w, s) = (row.weight.as_ref()?, row.score.as_ref()?);
    let five = Decimal::from(5);
    // The weight and its full score both raised, and both totals with them (a filler adds up what was
    // written): only the weights' sum is wrong now.
    let mut edits = vec![(w.pos, show(eval.weight? + five)), (s.pos, show(eval.score? + five))];
    edits.push((weight_total.pos, show(weight_total.num().number()? + five)));
    carry(form, five, &mut edits);
    Some(Plant { edits, code: "W001", at: weight_total.pos })
}

fn wrong_score_total(form: &Form) -> Option<Plant> {
    let cell = form.sheet.totals.as_ref()?.score.as_ref()?;
    let total = cell.num().number()?;
    Some(Plant { edits: vec![(cell.pos, show(total - Decimal::from(3)))], code: "T002", at: cell.pos })
}

fn wrong_grade(form: &Form) -> Option<Plant> {
    let value = form.sheet.grade.as_ref()?.value.as_ref().filter(|v| !v.is_blank())?;
    let total = form.scores.stated_score?;
    let wrong = if total >= Decimal::from(60) { "差" } else { "优" };
    Some(Plant { edits: vec![(value.pos, wrong.to_owned())], code: "R001", at: value.pos })
}

fn blank_score(form: &Form) -> Option<Plant> {
    let (row, eval, _, _) = met_floor(form)?;
    let score = row.score.as_ref()?;
    let mut edits = vec![(score.pos, String::new())];
    carry(form, -eval.score?, &mut edits);
    Some(Plant { edits, code: "I001", at: score.pos })
}

fn score_above_weight(form: &Form) -> Option<Plant> {
    let (row, eval, _, _) = met_floor(form)?;
    let score = row.score.as_ref()?;
    let mut edits = vec![(score.pos, show(eval.weight? + Decimal::from(2)))];
    carry(form, Decimal::from(2), &mut edits);
    Some(Plant { edits, code: "I002", at: score.pos })
}

/// The completion of a met floor set to 90% of its target, with a reason written where there is a
/// column for one; the score left (full marks) or set by `score`.
fn missed(form: &Form, score: fn(Decimal) -> Option<Decimal>, reason: bool, code: &'static str) -> Option<Plant> {
    let (row, eval, target, unit) = met_floor(form)?;
    let actual = row.actual.as_ref()?;
    let done = (target * Decimal::new(9, 1)).normalize();
    let mut edits = vec![(actual.pos, format!("{}{unit}", show(done)))];
    let cell = row.score.as_ref()?;
    let weight = eval.weight?;
    if let Some(new) = score(weight) {
        edits.push((cell.pos, show(new)));
        carry(form, new - eval.score?, &mut edits);
    }
    let reason_cell = row.reason.as_ref();
    if reason {
        if let Some(r) = reason_cell {
            edits.push((r.pos, "受项目进度影响，部分工作未能按期完成".to_owned()));
        }
    }
    let at = match code {
        "I006" => reason_cell?.pos,
        _ => cell.pos,
    };
    Some(Plant { edits, code, at })
}

fn missed_at_full_marks(form: &Form) -> Option<Plant> {
    missed(form, |_| None, true, "I003")
}

fn missed_not_proportional(form: &Form) -> Option<Plant> {
    // Half the weight where the rules give 90% of it.
    missed(form, |w| Some((w / Decimal::TWO).round_dp(2)), true, "I004")
}

fn missed_without_reason(form: &Form) -> Option<Plant> {
    // Scored as the rules say, only the reason left out.
    missed(form, |w| Some((w * Decimal::new(9, 1)).round_dp(2)), false, "I006")
}

fn met_deducted(form: &Form) -> Option<Plant> {
    let (row, eval, _, _) = met_floor(form)?;
    let score = row.score.as_ref()?;
    let mut edits = vec![(score.pos, show(eval.score? - Decimal::ONE))];
    carry(form, -Decimal::ONE, &mut edits);
    // A filler who deducts says why (else the missing reason is a second finding, I006).
    edits.push((row.reason.as_ref()?.pos, "部分工作质量有待提高".to_owned()));
    Some(Plant { edits, code: "I005", at: score.pos })
}

fn reason_though_met(form: &Form) -> Option<Plant> {
    let (row, _, _, _) = met_floor(form)?;
    let reason = row.reason.as_ref()?;
    Some(Plant {
        edits: vec![(reason.pos, "受疫情影响，部分工作未达预期".to_owned())], code: "I007", at: reason.pos
    })
}

fn unit_changed(form: &Form) -> Option<Plant> {
    let (row, _, target, unit) = met_floor(form)?;
    if unit.is_empty() || unit == "%" {
        return None;
    }
    let actual = row.actual.as_ref()?;
    let other = if unit == "件" { "份" } else { "件" };
    Some(Plant { edits: vec![(actual.pos, format!("{}{other}", show(target)))], code: "I008", at: actual.pos })
}

fn completion_bound(form: &Form) -> Option<Plant> {
    let (row, _, _, _) = met_floor(form)?;
    let actual = row.actual.as_ref()?;
    Some(Plant { edits: vec![(actual.pos, format!("≥{}", actual.text()))], code: "I009", at: actual.pos })
}

fn far_above(form: &Form) -> Option<Plant> {
    let (row, _, target, unit) = met_floor(form)?;
    if unit == "%" {
        return None;
    }
    let (actual, reason) = (row.actual.as_ref()?, row.reason.as_ref()?);
    if !reason.is_blank() {
        return None;
    }
    Some(Plant {
        edits: vec![(actual.pos, format!("{}{unit}", show(target * Decimal::TWO)))],
        code: "I010",
        at: reason.pos,
    })
}

fn blank_completion(form: &Form) -> Option<Plant> {
    let (row, _, _, _) = met_floor(form)?;
    let actual = row.actual.as_ref()?;
    Some(Plant { edits: vec![(actual.pos, String::new())], code: "I011", at: actual.pos })
}

fn level2_moved(form: &Form) -> Option<Plant> {
    let rows = form.sheet.indicators.as_ref()?.rows.as_slice();
    // Under a 一级 that names its category: one that holds only its points takes its 二级's.
    let named = |r: &Indicator| {
        r.level1.as_ref().is_some_and(|c| selfeval::model::Category::of(c.text()) == selfeval::model::Category::Output)
    };
    let cell = rows.iter().filter(|r| named(r)).filter_map(|r| r.level2.as_ref().filter(|c| c.pos.row == r.row)).find(
        |c| {
            selfeval::model::Category::owning(c.text()) == selfeval::model::Category::Output
                && !form.busy.contains(&c.pos.row)
        },
    )?;
    Some(Plant { edits: vec![(cell.pos, "社会效益指标".to_owned())], code: "I013", at: cell.pos })
}

fn markup_pasted(form: &Form) -> Option<Plant> {
    let expected = form.sheet.goals.as_ref()?.expected.as_ref().filter(|c| !c.is_blank())?;
    Some(Plant {
        edits: vec![(expected.pos, format!("<p>{}</p>", text(&Some(expected.clone()))))],
        code: "X001",
        at: expected.pos,
    })
}
