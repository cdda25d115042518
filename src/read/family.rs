//! The published layout families (RULES.md §6), as data: the labels that tell each one, what its header
//! must say, and the profile it is scored by when the user chose none.
//!
//! A family is never decided by a single label: each needs `min` of its evidence (distinct labels).
//! The central template is the default; a table of targets and completions without 分值 or 得分 columns
//! is the no-scores family, told by its columns; a sheet whose funds and indicator blocks were both not
//! found is of no known layout, and only that is said of it.
//!
//! What sets a family's checks apart is data here too: how its budget execution counts, which of its
//! 一级 carry criteria instead of targets, which checks do not apply to it.

use std::sync::OnceLock;

use crate::finding::Code;
use crate::grid::Grid;
use crate::model::{Category, Layout, Sheet};
use crate::profile::{Profile, BUILTIN};
use crate::text::Needles;

use super::Keys;

/// One family: its layout, the labels that tell it, how many of them it takes.
pub struct Family {
    /// The layout it reads as.
    pub layout: Layout,
    /// Labels of the family: each is a list of parts a label key must all contain; a part `=…` is the
    /// whole key, brackets aside (`=部门`: a header labelled 部门 alone, not 主管部门; `=项目决策` is
    /// `项目决策(10分)` too).
    pub evidence: &'static [&'static [&'static str]],
    /// How many distinct labels of `evidence` a sheet must have.
    pub min: usize,
    /// The header fields a sheet of the family must fill in.
    pub required: &'static [HeaderItem],
    /// Whether its form has a 年度总体目标 block.
    pub goals: bool,
    /// The name of its scoring profile ([`crate::profile::BUILTIN`]), used when the user chose none.
    pub profile: &'static str,
    /// How its budget execution counts in the total.
    pub budget: BudgetAs,
    /// Words of the 一级 labels whose rows carry criteria, not targets (`项目决策`, `项目管理`): a blank
    /// target there is normal.
    pub criteria: &'static [&'static str],
    /// 一级 categories that also hold another's 二级 (the evaluation framework's 项目效益 holds 满意度).
    pub also_holds: &'static [(Category, Category)],
    /// The checks that do not apply to its forms.
    pub skips: &'static [Code],
}

/// How a family's budget execution counts in the sheet's total.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BudgetAs {
    /// Its own block, whose 分值 and 得分 are added to the indicators' (财预〔2020〕10号).
    Block,
    /// An indicator row (`预算执行率` under 项目管理) scored against the funds block's rate; the funds
    /// block, where there is one, has no 分值 or 得分 of its own.
    Row,
    /// Not scored: the form has no scores.
    Unscored,
}

/// The checks a form without 分值 and 得分 columns cannot be given: every score, weight and total.
const SCORE_CHECKS: &[Code] = &[
    Code::BudgetScoreMismatch,
    Code::WeightTotal,
    Code::WeightSplit,
    Code::DeclaredWeight,
    Code::ScoreAboveDeclared,
    Code::StatedWeightTotal,
    Code::StatedScoreTotal,
    Code::StatedGrade,
    Code::RuleGrade,
    Code::IndicatorCellBlank,
    Code::ScoreOutOfRange,
    Code::UnmetFullMarks,
    Code::UnmetNotProportional,
    Code::MetButDeducted,
    Code::QualitativeOutOfBand,
    Code::BlankValueScored,
];

/// A field of the header a family may require.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeaderItem {
    /// 项目名称.
    Project,
    /// 主管部门.
    Department,
    /// 实施单位 (or 单位名称, 预算单位名称).
    Implementer,
    /// The year of the sheet.
    Year,
}

/// The families other than the central one, which is the default.
pub const FAMILIES: &[Family] = &[
    Family {
        layout: Layout::TwentyEighty,
        evidence: &[
            &["预算执行", "20分"],
            &["得分", "20分", "执行率"],
            &["绩效目标", "80分"],
            &["年初目标值"],
            &["偏差大或目标未完成"],
            &["改进措施及结果应用"],
            &["项目类别"],
            &["项目属性"],
        ],
        min: 2,
        required: &[HeaderItem::Project, HeaderItem::Implementer],
        goals: false,
        profile: "twenty-eighty",
        ..CENTRAL
    },
    Family {
        layout: Layout::Sichuan2023,
        evidence: &[
            &["报表编号"],
            &["预算执行情况", "10分"],
            &["绩效指标", "90分"],
            &["调整后预算"],
            &["预算执行数"],
            &["未完成原因"],
            &["评价结论"],
            &["存在问题"],
        ],
        min: 3,
        required: &[HeaderItem::Project, HeaderItem::Department, HeaderItem::Implementer, HeaderItem::Year],
        goals: true,
        profile: "sichuan-2023",
        ..CENTRAL
    },
    Family {
        layout: Layout::Department,
        evidence: &[
            &["部门整体"],
            &["预算单位名称"],
            &["预算部门"],
            &["=部门"],
            &["年度预算申请"],
            &["按收入性质分"],
            &["按支出性质分"],
        ],
        min: 2,
        required: &[HeaderItem::Implementer, HeaderItem::Year],
        goals: true,
        profile: "central",
        ..CENTRAL
    },
    Family {
        layout: Layout::ChongqingDepartment,
        evidence: &[
            &["得分系数"],
            &["指标权重"],
            &["是否核心指标"],
            &["执行率权重"],
            &["执行率得分"],
            &["调整指标值"],
            &["财政归口处室"],
            &["部门联系人"],
        ],
        min: 3,
        required: CENTRAL_REQUIRED,
        goals: true,
        profile: "chongqing-department",
        budget: BudgetAs::Block,
        criteria: &[],
        also_holds: &[],
        skips: &[Code::WeightSplit],
    },
    Family {
        layout: Layout::Evaluation,
        // The 一级 labels whole (their points aside): `项目管理制度健全性` is a central form's indicator.
        evidence: &[
            &["=项目决策"],
            &["=项目管理"],
            &["=项目过程"],
            &["=项目产出"],
            &["=项目效益"],
            &["=项目绩效"],
            &["自评分"],
            &["复核分"],
            &["考核分值"],
            &["参考分值"],
            &["评价标准"],
            &["评分标准"],
        ],
        min: 3,
        required: CENTRAL_REQUIRED,
        goals: false,
        profile: "evaluation",
        budget: BudgetAs::Row,
        criteria: &["决策", "管理", "过程"],
        also_holds: &[(Category::Benefit, Category::Satisfaction)],
        skips: &[Code::WeightSplit, Code::NonstandardLabel],
    },
    Family {
        layout: Layout::NoScores,
        // Told by its columns ([`decide`]), not by labels.
        evidence: &[],
        min: 0,
        required: CENTRAL_REQUIRED,
        goals: true,
        profile: "central",
        budget: BudgetAs::Unscored,
        criteria: &[],
        also_holds: &[],
        skips: SCORE_CHECKS,
    },
];

/// The central template: the default family.
const CENTRAL: Family = Family {
    layout: Layout::Central,
    evidence: &[],
    min: 0,
    required: CENTRAL_REQUIRED,
    goals: true,
    profile: "central",
    budget: BudgetAs::Block,
    criteria: &[],
    also_holds: &[],
    skips: &[],
};

/// The family of a layout (the central one for the central layout and for none).
pub fn of(layout: Layout) -> &'static Family {
    FAMILIES.iter().find(|f| f.layout == layout).unwrap_or(&CENTRAL)
}

/// The central template's requirements.
const CENTRAL_REQUIRED: &[HeaderItem] =
    &[HeaderItem::Project, HeaderItem::Department, HeaderItem::Implementer, HeaderItem::Year];

/// Whether an indicator of a sheet of `layout` is scored by criteria rather than against a target: a
/// row of the family's criteria 一级 (项目决策, 项目管理).
pub fn by_criteria(layout: Layout, row: &crate::model::Indicator) -> bool {
    let criteria = of(layout).criteria;
    row.level1.as_ref().is_some_and(|l| criteria.iter().any(|w| l.text().contains(w)))
}

/// The header fields a layout requires.
pub fn required(layout: Layout) -> &'static [HeaderItem] {
    match layout {
        Layout::Unknown => &[],
        other => of(other).required,
    }
}

/// Whether a layout's form has a 年度总体目标 block.
pub fn has_goals(layout: Layout) -> bool {
    of(layout).goals
}

/// The profile a layout is scored by when the user chose none.
pub fn profile(layout: Layout) -> &'static Profile {
    static PROFILES: OnceLock<(Profile, Vec<(Layout, Profile)>)> = OnceLock::new();
    let (central, families) = PROFILES.get_or_init(|| {
        let load = |name: &str| {
            let json = BUILTIN.iter().find(|(n, _)| *n == name).map_or("{}", |(_, json)| json);
            // The built-in profiles are tested to parse (`builtin_profiles_parse_under_their_names`).
            Profile { chosen: false, ..Profile::from_json(json).unwrap_or_default() }
        };
        (load(CENTRAL.profile), FAMILIES.iter().map(|f| (f.layout, load(f.profile))).collect())
    });
    families.iter().find(|(l, _)| *l == layout).map_or(central, |(_, p)| p)
}

/// The families' evidence as one set of needles: each entry (family, evidence) is met by a key that
/// holds all its parts (a mask of the set's needles) and, for a part `=…`, is that whole.
struct EvidenceIndex {
    parts: Needles,
    /// The entries, the `wholes` first that have no part but a whole key.
    entries: Vec<(usize, usize, u64, Option<&'static str>)>,
    wholes: usize,
}

fn evidence_index() -> &'static EvidenceIndex {
    static INDEX: OnceLock<EvidenceIndex> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut parts: Vec<&'static str> = Vec::new();
        let mut entries = Vec::new();
        for (f, family) in FAMILIES.iter().enumerate() {
            for (e, &evidence) in family.evidence.iter().enumerate() {
                let mut mask = 0u64;
                let mut whole = None;
                for &part in evidence {
                    if let Some(w) = part.strip_prefix('=') {
                        whole = Some(w);
                        continue;
                    }
                    let i = parts.iter().position(|&p| p == part).unwrap_or_else(|| {
                        parts.push(part);
                        parts.len() - 1
                    });
                    mask |= 1 << i;
                }
                entries.push((f, e, mask, whole));
            }
        }
        entries.sort_by_key(|&(_, _, mask, _)| mask != 0);
        let wholes = entries.iter().take_while(|&&(_, _, mask, _)| mask == 0).count();
        EvidenceIndex { parts: Needles::new(&parts), entries, wholes }
    })
}

/// The family labels seen in a sheet: per family, the distinct evidence entries met, each with the cell
/// text that met it.
#[derive(Debug, Default)]
pub struct Evidence {
    seen: Vec<(usize, usize, String)>,
}

impl Evidence {
    /// Notes every family label in a row.
    pub(super) fn collect(&mut self, grid: &Grid, row: usize, keys: &Keys) {
        for (col, key) in keys {
            // Labels are short and never numbers; most cells are one or the other.
            if key.chars().count() > 40 || key.starts_with(|c: char| c.is_ascii_digit() || c == '-') {
                continue;
            }
            let key = if key.contains('×') {
                std::borrow::Cow::Owned(key.replace('×', "*"))
            } else {
                std::borrow::Cow::Borrowed(key.as_ref())
            };
            let index = evidence_index();
            let found = index.parts.found(&key);
            // A key that holds no part can meet only the entries that are a whole key.
            let entries = if found == 0 { &index.entries[..index.wholes] } else { &index.entries[..] };
            for &(f, e, parts, whole) in entries {
                let met = found & parts == parts && whole.is_none_or(|w| crate::text::without_brackets(&key) == w);
                if met && !self.seen.iter().any(|s| s.0 == f && s.1 == e) {
                    let text = grid.get(crate::grid::Pos::new(row, *col)).trim().to_owned();
                    self.seen.push((f, e, text));
                }
            }
        }
    }

    fn of(&self, family: usize) -> impl Iterator<Item = &str> {
        self.seen.iter().filter(move |s| s.0 == family).map(|s| s.2.as_str())
    }
}

/// The layout of a read sheet, and the labels that told it.
pub(super) fn decide(sheet: &Sheet, evidence: &Evidence) -> (Layout, Vec<String>) {
    let funds_found = sheet.funds.as_ref().is_some_and(|f| f.total.is_some());
    let rows = sheet.indicators.as_ref().filter(|t| !t.rows.is_empty());
    let table = rows.filter(|t| t.columns.actual.is_some());
    let scored = table.is_some_and(|t| t.columns.score.is_some() || t.columns.weight.is_some());
    // Targets and completions with no column to score them in.
    let unscored = table.is_some_and(|t| !scored && t.columns.target.is_some());
    // 分值 and 得分 against criteria, with no completion column: an evaluation framework's scoring
    // sheet, read as such only where its labels say so.
    let graded =
        rows.is_some_and(|t| t.columns.actual.is_none() && t.columns.weight.is_some() && t.columns.score.is_some());
    let evaluation = FAMILIES.iter().position(|f| f.layout == Layout::Evaluation);
    let evaluated = graded && evaluation.is_some_and(|i| evidence.of(i).count() >= FAMILIES[i].min);
    if (!funds_found && !scored && !unscored && !evaluated) || misread(sheet) {
        return (Layout::Unknown, Vec::new());
    }
    let best = FAMILIES
        .iter()
        .enumerate()
        .filter(|(_, f)| !f.evidence.is_empty())
        .map(|(i, f)| (f, evidence.of(i).collect::<Vec<_>>()))
        .filter(|(f, seen)| seen.len() >= f.min)
        .max_by_key(|(_, seen)| seen.len());
    match best {
        Some((family, seen)) => (family.layout, seen.into_iter().map(str::to_owned).collect()),
        None if unscored => (Layout::NoScores, Vec::new()),
        None => (Layout::Central, Vec::new()),
    }
}

/// Whether the indicator table's 分值 or 得分 column was found but holds, in most rows, what is no
/// number (`20%` under `权重占比`, words): a layout whose columns mean something else than they seem.
/// Checked as read it would give an error on every row; better one finding that it is not known.
fn misread(sheet: &Sheet) -> bool {
    let Some(table) = &sheet.indicators else { return false };
    let rows = &table.rows;
    let not_numbers = |cell: fn(&crate::model::Indicator) -> &Option<crate::model::Cell>| {
        let invalid = rows.iter().filter(|r| matches!(crate::model::num(cell(r)), crate::value::Num::Invalid)).count();
        invalid * 2 > rows.len()
    };
    !rows.is_empty() && (not_numbers(|r| &r.weight) || not_numbers(|r| &r.score))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_family_has_its_profile() {
        for family in FAMILIES {
            assert!(BUILTIN.iter().any(|(n, _)| *n == family.profile), "{}", family.profile);
            assert_eq!(profile(family.layout).name, family.profile);
        }
        assert_eq!(profile(Layout::TwentyEighty).budget_points, rust_decimal::Decimal::from(20));
        assert!(!profile(Layout::TwentyEighty).chosen);
    }

    #[test]
    fn one_label_decides_no_family() {
        let one = super::super::tests::sheets(
            "项目名称\tX\n项目资金\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分\n年度资金总额\t1\t1\t1\t10\t100%\t10\n报表编号\t1\n",
        );
        assert_eq!(one[0].layout, Layout::Central);
    }

    #[test]
    fn indicator_names_that_begin_as_evaluation_labels_tell_no_family() {
        // Continuation rows start with their 三级 name: `项目管理制度健全性` is no 一级 项目管理.
        let text = "项目支出绩效自评表\n(2022年度)\n项目名称\tX\n项目资金(万元)\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分\n\
            年度资金总额\t1\t1\t1\t10\t100%\t10\n一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\n\
            产出指标\t质量指标\t项目决策程序规范性\t规范\t规范\t30\t30\n\t\t项目管理制度健全性\t健全\t健全\t30\t30\n\
            \t\t项目产出质量\t合格\t合格\t30\t30\n";
        assert_eq!(super::super::tests::sheets(text)[0].layout, Layout::Central);
        let evaluation = text
            .replace("产出指标\t质量指标\t项目决策程序规范性", "项目决策(30分)\t项目立项\t立项规范性")
            .replace("\t\t项目管理制度健全性", "项目管理(30分)\t财务管理\t制度健全性")
            .replace("\t\t项目产出质量", "项目产出(30分)\t质量指标\t产出质量");
        assert_eq!(super::super::tests::sheets(&evaluation)[0].layout, Layout::Evaluation);
    }

    #[test]
    fn a_header_labelled_bumen_alone_tells_a_department_wide_form() {
        let form = |unit: &str| {
            super::super::tests::sheets(&format!(
                "部门整体支出绩效自评表\n{unit}\t某中心\n预算资金(万元)\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分\n年度资金总额\t1\t1\t1\t10\t100%\t10\n"
            ))[0]
                .layout
        };
        assert_eq!(form("部门"), Layout::Department);
        // 主管部门 holds 部门 but is the project form's own field: one label (the title) decides nothing.
        assert_eq!(form("主管部门"), Layout::Central);
    }
}
