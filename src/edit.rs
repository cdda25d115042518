//! Edits of a form as a whole: rows inserted and removed with the merged ranges around them, and the
//! values the rules compute written into the blank cells that should hold them.
//!
//! The page keeps its cells as rows of text with the merges of a clipboard's table; a cell's own text is
//! edited in place there, and everything else that changes the shape or fills the form is here.

use crate::grid::Merge;
use crate::grid::{Grid, Pos};
use crate::Profile;

/// Inserts a blank row of `width` cells after row `after`; merges below move down, merges across it grow.
pub fn insert_row(rows: &mut Vec<Vec<String>>, merges: &mut [Merge], after: usize, width: usize) {
    let at = (after + 1).min(rows.len());
    rows.insert(at, vec![String::new(); width]);
    for m in merges {
        if m.at.row >= at {
            m.at.row += 1;
        } else if m.at.row + m.rows > at {
            m.rows += 1;
        }
    }
}

/// Removes row `row`; merges below move up, merges across it shrink, a merge of that row alone goes.
pub fn remove_row(rows: &mut Vec<Vec<String>>, merges: &mut Vec<Merge>, row: usize) {
    if row >= rows.len() {
        return;
    }
    rows.remove(row);
    merges.retain(|m| !(m.at.row == row && m.rows == 1));
    for m in merges {
        if m.at.row > row {
            m.at.row -= 1;
        } else if m.at.row + m.rows > row {
            m.rows -= 1;
        }
    }
}

/// Writes into each blank cell the value arithmetic or the rules give it (执行率, the budget score,
/// quantitative indicator scores, the totals, the grade); returns how many cells were filled. A filled
/// score changes the totals computed from it, so the cells filled here are filled again until nothing
/// changes (a few rounds: scores, then totals, then the grade).
pub fn fill_computed(rows: &mut [Vec<String>], merges: &[Merge], breaks: &[usize], profile: &Profile) -> usize {
    let mut filled: Vec<Pos> = Vec::new();
    for _ in 0..5 {
        let (_, views) = crate::check_form(&Grid::from_rows(rows).with_breaks(breaks.to_vec()), merges, profile);
        let mut changed = false;
        for cell in views.iter().flat_map(|v| &v.cells) {
            let Some(fill) = &cell.fill else { continue };
            let pos = Pos::new(cell.row, cell.col);
            let row = &mut rows[cell.row];
            if row.len() <= cell.col {
                row.resize(cell.col + 1, String::new());
            }
            let current = &mut row[cell.col];
            if current == fill || (!current.trim().is_empty() && !filled.contains(&pos)) {
                continue;
            }
            current.clone_from(fill);
            if !filled.contains(&pos) {
                filled.push(pos);
            }
            changed = true;
        }
        if !changed {
            break;
        }
    }
    filled.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str) -> Vec<Vec<String>> {
        Grid::parse(text, None).to_rows()
    }

    #[test]
    fn rows_move_merges() {
        let mut r = rows("a\nb\nc\nd");
        let mut merges =
            vec![Merge { at: Pos::new(0, 0), rows: 2, cols: 1 }, Merge { at: Pos::new(2, 0), rows: 1, cols: 2 }];
        insert_row(&mut r, &mut merges, 0, 3);
        assert_eq!(r[1], ["", "", ""]);
        assert_eq!((merges[0].rows, merges[1].at.row), (3, 3));
        remove_row(&mut r, &mut merges, 3);
        assert_eq!(r.len(), 4);
        assert_eq!(merges.len(), 1, "a merge of the removed row alone goes");
        remove_row(&mut r, &mut merges, 1);
        assert_eq!((merges[0].at.row, merges[0].rows), (0, 2));
        remove_row(&mut r, &mut merges, 99);
        assert_eq!(r.len(), 3);
    }

    #[test]
    fn the_blank_form_fills_scores_then_totals_then_grade() {
        let mut r = rows(crate::BLANK_FORM);
        let find = |r: &Vec<Vec<String>>, label: &str| r.iter().position(|row| row.iter().any(|c| c == label)).unwrap();
        let (total, first, totals) = (find(&r, "年度资金总额"), find(&r, "数量指标"), find(&r, "总分"));
        r[total][4] = "50".into();
        r[total][5] = "45".into();
        for (col, text) in [(2, "培训人次"), (3, "≥100人次"), (4, "90人次"), (5, "90")] {
            r[first][col] = text.into();
        }
        let n = fill_computed(&mut r, &[], &[], &Profile::default());
        assert_eq!([&r[total][7], &r[total][8], &r[first][6]], ["90%", "9", "81"]);
        // 81 + 9 is 90: the total and its grade follow the filled scores.
        assert_eq!([&r[totals][5], &r[totals][6]], ["100", "90"]);
        assert_eq!(r[find(&r, "评分等级")][1], "优");
        assert_eq!(n, 6);
        // What the user wrote stays; a second fill has nothing to do.
        assert_eq!(fill_computed(&mut r, &[], &[], &Profile::default()), 0);
    }
}
