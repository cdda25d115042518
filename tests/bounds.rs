//! Every bound of `input::limits`, each on a small hostile file or paste that passes it (and the
//! answer it gets) and on one just inside it that reads. The files are built here: what they cost
//! is what a few kilobytes can make the reader produce, not their size.

mod common;

use common::hostile::{ods, xls, xls_sheet, xlsx};
use common::zip;
use selfeval::input::{self, limits, Bound, ReadError};
use selfeval::{check_bytes, Profile};

/// The bound a file passes, or the cells and merges it reads to.
fn read(name: &str, bytes: &[u8]) -> Result<(selfeval::Grid, Vec<selfeval::Merge>), ReadError> {
    input::read_bytes(name, bytes)
}

fn bound(name: &str, bytes: &[u8]) -> Bound {
    match read(name, bytes) {
        Err(ReadError::Bound(bound)) => bound,
        other => panic!("{name}: no bound passed: {:?}", other.map(|(g, m)| (g.height(), m.len()))),
    }
}

#[test]
fn a_shared_string_used_many_times_counts_each_time() {
    // One string of 30,000 characters (under a cell's bound) in 1,500 cells: 135 MB of text from a
    // file of a few kilobytes, past the text bound.
    let long = "项".repeat(30_000);
    let cells: String = (1..=1500).map(|r| format!(r#"<row r="{r}"><c r="A{r}" t="s"><v>0</v></c></row>"#)).collect();
    let book = xlsx(&[0], &[format!("<sheetData>{cells}</sheetData>")], &[&long]);
    assert!(book.len() < 64 << 10, "{}", book.len());
    assert_eq!(bound("a.xlsx", &book), Bound::Text);
    // Used by a hundred cells it reads.
    let few: String = (1..=100).map(|r| format!(r#"<row r="{r}"><c r="A{r}" t="s"><v>0</v></c></row>"#)).collect();
    let (grid, _) = read("a.xlsx", &xlsx(&[0], &[format!("<sheetData>{few}</sheetData>")], &[&long])).unwrap();
    assert_eq!(grid.height(), 100);
    // A string past a cell's bound (Excel's 32,767 characters) is refused at its first cell.
    let huge = "a".repeat(limits::MAX_CELL_CHARS + 1);
    let one = r#"<sheetData><row r="3"><c r="B3" t="s"><v>0</v></c></row></sheetData>"#.to_owned();
    assert_eq!(bound("a.xlsx", &xlsx(&[0], std::slice::from_ref(&one), &[&huge])), Bound::CellText("B3".into()));
    let most = "a".repeat(limits::MAX_CELL_CHARS);
    assert_eq!(read("a.xlsx", &xlsx(&[0], &[one], &[&most])).unwrap().0.get(selfeval::grid::Pos::new(2, 1)), most);
}

#[test]
fn far_cells_cost_what_they_hold() {
    // 40,000 cells, each alone on its row in column XFD: 40,000 cells for the command, not 655
    // million; the page, which holds rows as arrays, is told why it cannot show them.
    let cells: String =
        (1..=40_000).map(|r| format!(r#"<row r="{r}"><c r="XFD{r}" t="s"><v>0</v></c></row>"#)).collect();
    let book = xlsx(&[0], &[format!("<sheetData>{cells}</sheetData>")], &["x"]);
    let (grid, _) = read("far.xlsx", &book).unwrap();
    assert_eq!((grid.height(), grid.width(0), grid.filled(0).count()), (40_000, 16_384, 1));
    assert_eq!(grid.get(selfeval::grid::Pos::new(39_999, 16_383)), "x");
    assert_eq!(input::fits_page(&grid), Err(ReadError::Bound(Bound::Spread(16_383))));
    assert!(ReadError::Bound(Bound::Spread(16_383)).message("").contains("16384"));
    assert_eq!(check_bytes("far.xlsx", &book, &Profile::default()).findings[0].code, "L001");
    // A few far cells fit the page.
    let few: String = (1..=3).map(|r| format!(r#"<row r="{r}"><c r="XFD{r}" t="s"><v>0</v></c></row>"#)).collect();
    let (grid, _) = read("far.xlsx", &xlsx(&[0], &[format!("<sheetData>{few}</sheetData>")], &["x"])).unwrap();
    assert_eq!(input::fits_page(&grid), Ok(()));
    // A cell past the last column is no cell of a worksheet.
    let outside =
        xlsx(&[0], &[r#"<sheetData><row r="1"><c r="XFE1" t="s"><v>0</v></c></row></sheetData>"#.into()], &["x"]);
    assert_eq!(bound("far.xlsx", &outside), Bound::Outside);
}

#[test]
fn a_worksheet_listed_many_times_is_read_once() {
    let data = format!("<sheetData>{}</sheetData>", r#"<row r="1"><c r="A1" t="s"><v>0</v></c></row>"#);
    let once = read("a.xlsx", &xlsx(&[0], std::slice::from_ref(&data), &["项目名称"])).unwrap().0;
    let listed = read("a.xlsx", &xlsx(&vec![0; 20_000], &[data], &["项目名称"])).unwrap().0;
    assert_eq!(listed, once);
}

#[test]
fn worksheets_are_counted_across_the_read() {
    let table = r#"<table:table><table:table-row><table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row></table:table>"#;
    assert_eq!(bound("many.ods", &ods(&table.repeat(limits::MAX_SHEETS + 1))), Bound::Sheets);
    let (grid, _) = read("many.ods", &ods(&table.repeat(100))).unwrap();
    assert_eq!((grid.height(), grid.breaks().len()), (199, 99));
}

#[test]
fn merges_are_counted_by_number_and_by_area() {
    let merges = |n: usize, range: &str| {
        let all = format!(r#"<mergeCell ref="{range}"/>"#).repeat(n);
        format!(r#"<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData><mergeCells>{all}</mergeCells>"#)
    };
    assert_eq!(bound("m.xlsx", &xlsx(&[0], &[merges(limits::MAX_MERGES + 1, "A1:B2")], &["x"])), Bound::Merges);
    // Each merge clamped to 1000 × 1000 cells: five of them pass the area.
    assert_eq!(bound("m.xlsx", &xlsx(&[0], &[merges(5, "A1:XFD1048576")], &["x"])), Bound::MergedCells);
    assert_eq!(read("m.xlsx", &xlsx(&[0], &[merges(1000, "A1:B2")], &["x"])).unwrap().1.len(), 1000);
}

#[test]
fn repeated_cells_are_counted_as_they_are_made() {
    // A merged empty cell repeated 10⁹ × 10⁹ times (a file of a few hundred bytes) stops at the
    // sheet's last column at once; repeated 10⁹ × 100 times, at the merges' bound.
    let spans = r#"<table:table><table:table-row table:number-rows-repeated="1000000000"><table:table-cell table:number-columns-repeated="1000000000" table:number-rows-spanned="2" table:number-columns-spanned="2"/></table:table-row></table:table>"#;
    assert_eq!(bound("r.ods", &ods(spans)), Bound::Outside);
    let spans =
        spans.replace(r#"table:number-columns-repeated="1000000000""#, r#"table:number-columns-repeated="100""#);
    assert_eq!(bound("r.ods", &ods(&spans)), Bound::Merges);
    // A cell of 30,000 characters repeated 300 × 20 times: 180 MB of text, past the text bound.
    let long = "a".repeat(30_000);
    let cell = format!(
        r#"<table:table-cell table:number-columns-repeated="20" office:value-type="string"><text:p>{long}</text:p></table:table-cell>"#
    );
    let table = format!(
        r#"<table:table><table:table-row table:number-rows-repeated="300">{cell}</table:table-row></table:table>"#
    );
    assert_eq!(bound("r.ods", &ods(&table)), Bound::Text);
    // A thousand spaces a few bytes each make no cell longer than a cell may be.
    let spaces = r#"<text:s text:c="1000"/>"#.repeat(40);
    let table = format!(
        r#"<table:table><table:table-row><table:table-cell><text:p>{spaces}</text:p></table:table-cell></table:table-row></table:table>"#
    );
    assert_eq!(bound("s.ods", &ods(&table)), Bound::CellText("A1".into()));
    // Repeated a few times, a cell reads as often as it is repeated.
    let cell = r#"<table:table-cell table:number-columns-repeated="3" office:value-type="string"><text:p>x</text:p></table:table-cell>"#;
    let table = format!(
        r#"<table:table><table:table-row table:number-rows-repeated="2">{cell}</table:table-row></table:table>"#
    );
    assert_eq!(read("r.ods", &ods(&table)).unwrap().0.to_rows(), vec![vec!["x"; 3]; 2]);
}

#[test]
fn rows_are_counted_across_worksheets() {
    // A cell in the last row of each of nine worksheets: nine million rows, past the rows' bound.
    let last = r#"<table:table><table:table-row table:number-rows-repeated="1048575"/><table:table-row><table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row></table:table>"#;
    assert_eq!(bound("rows.ods", &ods(&last.repeat(9))), Bound::Rows);
    let (grid, _) = read("rows.ods", &ods(&last.repeat(2))).unwrap();
    assert_eq!(grid.height(), 2 * (1 << 20) + 1);
}

#[test]
fn text_and_html_pastes_are_bounded() {
    // A line of two million tabs is two million and one cells; cells past a sheet's last column are
    // outside it, as in a workbook.
    assert_eq!(input::read_text(&"\t".repeat(limits::SHEET_COLS), None), Err(ReadError::Bound(Bound::Outside)));
    assert!(input::read_text(&"\t".repeat(limits::SHEET_COLS - 1), None).is_ok());
    let line = "\t".repeat(999);
    let tabs = format!("{line}\n").repeat(limits::MAX_CELLS / 1000 - 1) + &line + "\t";
    assert_eq!(input::read_text(&tabs, None), Err(ReadError::Bound(Bound::Cells)));
    assert!(input::read_text(&tabs[..tabs.len() - 1], None).is_ok());
    let report = selfeval::check_text(&tabs, &Profile::default());
    assert_eq!(report.findings[0].code, "D001");
    assert!(report.findings[0].message.contains("粘贴的内容") && report.findings[0].message.contains("上限"));
    // A quoted field of a megabyte is one cell past a cell's bound.
    let quoted = format!("a\t\"{}\"", "b".repeat(1 << 20));
    assert_eq!(input::read_text(&quoted, None), Err(ReadError::Bound(Bound::CellText("B1".into()))));
    // A clipboard table of 65535 × 1000 spans, clamped to 100 × 100 each: the merged area's bound
    // stops it before its end.
    let html = format!("<table>{}</table>", "<tr><td rowspan=65535 colspan=1000>x</td></tr>".repeat(40_000));
    assert_eq!(input::read_paste(&html, ""), Err(ReadError::Bound(Bound::MergedCells)));
    let html =
        format!("<table>{}</table>", format!("<tr>{}", "<td>x</td>".repeat(10)).repeat(limits::MAX_CELLS / 10 + 1));
    assert_eq!(input::read_paste(&html, ""), Err(ReadError::Bound(Bound::Cells)));
}

#[test]
fn the_files_opened_together_share_the_bounds() {
    // Each file a million cells with text (and no empty ones): two fit, a third does not.
    let rows = limits::MAX_CELLS / 200 - 1;
    let lot = format!("{}x\n", "x\t".repeat(99)).repeat(rows);
    let files = [("a.txt", lot.as_bytes()), ("b.txt", lot.as_bytes()), ("c.txt", lot.as_bytes()), ("d.txt", b"y")];
    let (read, failed) = input::read_files(files, None);
    let input::Joined { grid, files: starts, .. } = read.unwrap();
    // The third passes the bound and adds nothing; the fourth still reads.
    let names = |at: &[usize]| -> Vec<(String, usize)> {
        ["a.txt", "b.txt", "d.txt"].iter().zip(at).map(|(n, &r)| (n.to_string(), r)).collect()
    };
    assert_eq!(starts, names(&[0, rows + 1, 2 * rows + 2]));
    assert_eq!(failed, vec![("c.txt".to_owned(), ReadError::Bound(Bound::Cells))]);
    assert_eq!((grid.height(), grid.breaks()), (2 * rows + 3, [rows, 2 * rows + 1].as_slice()));
    assert_eq!(grid.get(selfeval::grid::Pos::new(2 * rows + 2, 0)), "y");
    let (read, failed) = input::read_files([("e.xlsx", b"".as_slice())], None);
    assert!(read.is_none() && failed.len() == 1);
}

#[test]
fn an_empty_or_nearly_empty_file_says_it_is_empty_and_what_it_should_be() {
    for (name, kind) in
        [("a.xlsx", "Excel 工作簿"), ("a.xls", "Excel 97-2003"), ("a.docx", "Word 文档"), ("a.ods", "OpenDocument")]
    {
        let report = check_bytes(name, b"", &Profile::default());
        assert_eq!(report.findings.len(), 1, "{name}");
        assert_eq!(report.findings[0].code, "D001", "{name}");
        let message = &report.findings[0].message;
        assert!(message.contains("空的") && message.contains(kind), "{name}: {message}");
    }
    assert!(check_bytes("a.txt", b"", &Profile::default()).findings[0].message.contains("0 字节"));
    // Nearly empty: white space or zero bytes only, as a failed download leaves.
    let blank = check_bytes("a.docx", b" \r\n\t ", &Profile::default());
    assert!(blank.findings[0].message.contains("5 字节，只有空白") && blank.findings[0].message.contains("Word 文档"));
    assert_eq!(check_bytes("a.xls", &[0; 512], &Profile::default()).findings[0].code, "D001");
    let owned = input::read_owned("a.ods", b"\n\n".to_vec());
    assert_eq!(owned.err(), Some(ReadError::Empty { kind: Some(input::Kind::Ods), bytes: 2 }));
    // One byte is no empty file.
    assert_eq!(check_bytes("a.txt", b"x", &Profile::default()).findings[0].code, "L001");
}

#[test]
fn an_ods_mimetype_has_no_allowance_of_its_own() {
    // A `mimetype` part that inflates a thousand times is looked at, not inflated.
    let bytes = zip(&[
        ("mimetype", &vec![b' '; 8 << 20]),
        ("content.xml", br#"<office:document-content><office:body><office:spreadsheet><table:table><table:table-row><table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"#),
    ]);
    assert_eq!(read("a.ods", &bytes).unwrap().0.to_rows(), vec![vec!["x"]]);
}

#[test]
fn an_xls_worksheet_listed_many_times_is_read_once_and_its_chart_is_not_its_cells() {
    let sheet = xls_sheet(&[(1, 1, "title"), (2, 0, "b")]);
    let once = read("a.xls", &xls(|at| vec![at], std::slice::from_ref(&sheet))).unwrap().0;
    assert_eq!(once.to_rows(), vec![vec![], vec!["", "title"], vec!["b"]]);
    // 300,000 entries at the one worksheet: the stream is read once, not 300,000 times.
    let listed = read("a.xls", &xls(|at| vec![at; 300_000], &[sheet])).unwrap().0;
    assert_eq!(listed, once);
}
