//! The form view: merges inferred from text, taken from HTML, computed cells.

use selfeval::view::SheetView;
use selfeval::{check_form, Grid, Profile};

/// Draws a view as text: one line per row, `[text]` for a drawn cell with its span, `rule:`/`fill:` marks.
fn draw(grid: &Grid, view: &SheetView) -> String {
    let mut out = String::new();
    let mut row = usize::MAX;
    for cell in &view.cells {
        if cell.row != row {
            row = cell.row;
            out.push_str(&format!("\n{:>3}:", row + 1));
        }
        let text: String = grid.get(selfeval::grid::Pos::new(cell.row, cell.col)).chars().take(8).collect();
        out.push_str(&format!(" [{}", text));
        if cell.rows > 1 || cell.cols > 1 {
            out.push_str(&format!(" {}x{}", cell.rows, cell.cols));
        }
        if cell.kind != "value" {
            out.push_str(&format!(" {}", &cell.kind[..1]));
        }
        if let Some(r) = &cell.rule {
            out.push_str(&format!(" rule:{r}"));
        }
        if let Some(f) = &cell.fill {
            out.push_str(&format!(" fill:{f}"));
        }
        out.push(']');
    }
    out
}

fn fixture() -> Grid {
    Grid::parse(&std::fs::read_to_string("tests/fixtures/000_7b7c0afb335e079f.txt").unwrap(), None)
}

/// Every cell a finding points at is drawn, not covered by a merge.
fn findings_are_drawn(grid: &Grid) {
    let (report, views) = check_form(grid, &[], &Profile::default());
    for (sheet, view) in report.sheets.iter().zip(&views) {
        for f in &sheet.findings {
            let (Some(row), Some(col)) = (f.row, f.col) else { continue };
            assert!(
                view.cells.iter().any(|c| c.row + 1 == row && c.col + 1 == col),
                "{} at {:?} is covered",
                f.code,
                f.cell
            );
        }
    }
}

#[test]
fn fixture_forms_from_text() {
    let grid = fixture();
    let (_, views) = check_form(&grid, &[], &Profile::default());
    assert_eq!(views.len(), 4);
    insta::assert_snapshot!(views.iter().map(|v| draw(&grid, v)).collect::<String>());
    findings_are_drawn(&grid);
}

#[test]
fn html_merges_are_used_as_given() {
    let html = std::fs::read_to_string("tests/fixtures/000_7b7c0afb335e079f.txt").unwrap();
    let table: String = html
        .lines()
        .map(|l| format!("<tr>{}</tr>", l.split('\t').map(|c| format!("<td>{c}</td>")).collect::<String>()))
        .collect();
    // The same table with the first title merged over three columns and nothing else.
    let merged = table.replacen("<td>财政项目支出绩效自评表</td>", "<td colspan=3>财政项目支出绩效自评表</td>", 1);
    let (grid, merges) = selfeval::input::html::parse(&format!("<table>{merged}</table>")).unwrap().unwrap();
    let (_, views) = check_form(&grid, &merges, &Profile::default());
    let title = views[0].cells.iter().find(|c| c.kind == "title").unwrap();
    assert_eq!((title.rows, title.cols), (1, 3));
    // Merges given: none inferred, so the 一级 cells stand alone.
    assert!(views[0].cells.iter().all(|c| c.rows == 1));
    let (grid, merges) = selfeval::input::html::parse(&format!("<table>{table}</table>")).unwrap().unwrap();
    assert!(merges.is_empty());
    let (_, views) = check_form(&grid, &merges, &Profile::default());
    assert!(views[0].cells.iter().any(|c| c.rows > 1), "no merge in the HTML: they are inferred");
}

#[test]
fn blank_form_is_read_as_an_unfilled_form() {
    let grid = Grid::parse(selfeval::BLANK_FORM, None);
    let (report, views) = check_form(&grid, &[], &Profile::default());
    assert_eq!(report.sheets.len(), 1);
    insta::assert_snapshot!(draw(&grid, &views[0]));
    let codes: Vec<&str> = report.sheets[0].findings.iter().map(|f| f.code).collect();
    // What is missing is reported; nothing is misread (no 一级/二级 or weight-split findings).
    assert!(codes.iter().all(|c| ["H001", "F005", "G001", "L003"].contains(c)), "{codes:?}");
    findings_are_drawn(&grid);
}

#[test]
fn filling_the_blank_form_fills_its_computed_cells() {
    let mut rows = Grid::parse(selfeval::BLANK_FORM, None).to_rows();
    let row = |rows: &Vec<Vec<String>>, label: &str| rows.iter().position(|r| r.iter().any(|c| c == label)).unwrap();
    let total = row(&rows, "年度资金总额");
    rows[total][4] = "50".into();
    rows[total][5] = "45".into();
    let first = row(&rows, "数量指标");
    for (i, cells) in [["培训人次", "≥100人次", "90人次", "50"]].iter().enumerate() {
        for (j, text) in cells.iter().enumerate() {
            rows[first + i][2 + j] = (*text).into();
        }
    }
    let grid = Grid::from_rows(&rows);
    let (_, views) = check_form(&grid, &[], &Profile::default());
    let fill =
        |r: usize, c: usize| views[0].cells.iter().find(|x| x.row == r && x.col == c).and_then(|x| x.fill.clone());
    assert_eq!(fill(total, 7).as_deref(), Some("90%"));
    assert_eq!(fill(total, 8).as_deref(), Some("9"));
    assert_eq!(fill(first, 6).as_deref(), Some("45"));
    let totals = row(&rows, "总分");
    assert_eq!(fill(totals, 5).as_deref(), Some("60"));
}

#[test]
fn edited_fixtures_keep_findings_drawn() {
    let rows = fixture().to_rows();
    // Blank each cell of the first sheet in turn: the findings that follow still have their cells.
    for r in 0..28 {
        for c in 0..rows[r].len() {
            let mut edited = rows.clone();
            edited[r][c].clear();
            findings_are_drawn(&Grid::from_rows(&edited));
        }
    }
}

/// A screen reader names a value cell by the labels of its row and column, and any other cell by its name.
#[test]
fn cells_are_named_for_screen_readers() {
    let grid = fixture();
    let (_, views) = check_form(&grid, &[], &Profile::default());
    let label = |name: &str| views[0].cells.iter().find(|c| c.name == name).map(|c| c.label.clone()).unwrap();
    // The stated score of 部门人员满意度 (row 25), under the 得分 head.
    assert_eq!(label("G25"), "G25 部门人员满意度 得分");
    // A header value: named by the label beside it.
    assert_eq!(label("B7"), "B7 项目名称");
    // The funds total's 执行率: its row label and its column head.
    assert_eq!(label("H10"), "H10 年度资金总额 执行率");
    // A label is named as a cell.
    assert_eq!(label("A7"), "单元格 A7");
    // Form 3 heads 一级指标 with `-`, which names nothing: its values go by their row alone.
    let third = |name: &str| views[2].cells.iter().find(|c| c.name == name).map(|c| c.label.clone()).unwrap();
    assert_eq!(third("A70"), "单元格 A70");
}
