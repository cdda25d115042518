//! The 年度总体目标 block: 预期目标 and 实际完成情况, each one cell or several rows of text.

use super::{Keys, SheetReader};
use crate::model::{Cell, Goals};
use crate::text::has;

/// Whether a key opens the goals block: `年度总体目标`, Sichuan's `项目基本情况` with its `项目年度目标` /
/// `年度目标完成情况` columns, or Chongqing's `绩效目标` row over `年初绩效目标` / `全年目标实际完成情况`.
pub(super) fn is_block_label(key: &str) -> bool {
    has(key, "总体目标") || key == "项目基本情况" || key == "绩效目标"
}

/// Whether a key heads the expected goal's column (`预期目标`, `年初设定目标`, `年度绩效目标`).
fn is_expected_label(key: &str) -> bool {
    const HEADS: &[&str] = &[
        "预期目标",
        "年度目标",
        "项目年度目标",
        "年初设定目标",
        "设定目标",
        "年初目标",
        "年度绩效目标",
        "年初绩效目标",
    ];
    HEADS.iter().any(|l| key.starts_with(l)) && !has(key, "完成")
}

/// Whether a key heads the achieved goal's column (`实际完成情况`, `年度总体目标完成情况综述`): a short
/// label, never a goal's own text (`已完成年度目标`).
fn is_actual_label(key: &str) -> bool {
    const HEADS: &[&str] = &[
        "实际完成",
        "年度目标完成情况",
        "目标完成情况",
        "年度总体目标完成情况",
        "总体目标完成情况",
        "全年实际完成情况",
        "全年目标实际完成情况",
    ];
    key.chars().count() <= 16 && HEADS.iter().any(|l| key.starts_with(l))
}

impl SheetReader<'_> {
    pub(super) fn goals_header(&mut self, r: usize, keys: &Keys) {
        if self.sheet.goals.is_some() {
            return;
        }
        let col = keys.iter().find(|(_, k)| is_block_label(k)).map_or(0, |(c, _)| *c);
        self.sheet.goals = Some(Goals { label: self.cell(r, col), expected: None, actual: None });
        // `年度总体目标 | 目标… | 完成…` with no column heads: the goals stand on the label's own row.
        let heads: Vec<_> = keys.iter().filter(|(c, _)| *c != col).cloned().collect();
        if !self.goal_columns(&heads) && keys.iter().any(|(c, _)| *c != col) {
            self.goal_rows.push(r);
        }
    }

    fn goal_columns(&mut self, keys: &Keys) -> bool {
        let expected = keys.iter().find(|(_, k)| is_expected_label(k)).map(|(c, _)| *c);
        let actual = keys.iter().find(|(_, k)| is_actual_label(k)).map(|(c, _)| *c);
        if expected.is_some() || actual.is_some() {
            self.goals_columns = (expected.or(self.goals_columns.0), actual.or(self.goals_columns.1));
            return true;
        }
        false
    }

    pub(super) fn goal_row(&mut self, r: usize, keys: &Keys) {
        if !self.goal_columns(keys) {
            self.goal_rows.push(r);
        }
    }

    pub(super) fn build_goals(&mut self) {
        let Some(goals) = &self.sheet.goals else { return };
        let label_col = goals.label.pos.col;
        let label_row = goals.label.pos.row;
        let (expected_col, actual_col) = self.goals_columns;
        let mut expected: Option<Cell> = None;
        let mut actual: Option<Cell> = None;
        for &r in &self.goal_rows {
            for &(col, _) in self.rows.row(r) {
                if col == label_col && r == label_row {
                    continue;
                }
                let cell = self.cell(r, col);
                let slot = if actual_col.is_some_and(|a| col >= a) || (actual_col.is_none() && expected.is_some()) {
                    &mut actual
                } else {
                    &mut expected
                };
                match slot {
                    Some(existing) => {
                        *existing = Cell::new(existing.pos, format!("{}\n{}", existing.text(), cell.text()))
                    }
                    None => *slot = Some(cell),
                }
            }
        }
        // A blank goal points at the cell under its column label; with no row under it (a sheet that ends
        // there), at none: the goal is missing all the same.
        let text_row = self.goal_rows.first().copied().or((label_row < self.end).then_some(label_row + 1));
        let blank = |col: Option<usize>| Some(self.cell(text_row?, col?));
        let expected = expected.or_else(|| blank(expected_col));
        let actual = actual.or_else(|| blank(actual_col));
        if let Some(goals) = &mut self.sheet.goals {
            goals.expected = expected;
            goals.actual = actual;
        }
    }
}
