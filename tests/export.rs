//! The corrected form saved as Excel: read back, it gives the same report; opened by a real office
//! suite (LibreOffice, headless), it shows the same values; its findings are notes and a list.

mod common;

use std::io::Read;
use std::process::Command;

use selfeval::{check_bytes, export, read_bytes, Grid, Profile, Report};

const FIXTURE: &str = include_str!("fixtures/000_7b7c0afb335e079f.txt");

fn exported(text: &str) -> Vec<u8> {
    export::xlsx(&Grid::parse(text, None), &[], &Profile::default()).unwrap()
}

fn without_source(mut report: Report) -> String {
    report.source = None;
    report.to_json()
}

fn part(book: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(book)).unwrap();
    let mut text = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut text).unwrap();
    text
}

#[test]
fn reading_the_export_back_gives_the_same_report() {
    let book = exported(FIXTURE);
    let back = check_bytes("导出.xlsx", &book, &Profile::default());
    let text = check_bytes("fixture.txt", FIXTURE.as_bytes(), &Profile::default());
    assert_eq!(back.sheets.len(), 4);
    assert_eq!(without_source(back), without_source(text));
    // And the cells themselves, but for the trailing blanks a workbook does not keep.
    let trim = |rows: Vec<Vec<String>>| -> Vec<Vec<String>> {
        rows.into_iter()
            .map(|mut r| {
                while r.last().is_some_and(|c| c.is_empty()) {
                    r.pop();
                }
                r
            })
            .collect()
    };
    let (grid, _) = read_bytes("导出.xlsx", &book).unwrap();
    let form_rows = grid.breaks()[0];
    assert_eq!(trim(grid.to_rows()[..form_rows].to_vec()), trim(Grid::parse(FIXTURE, None).to_rows()));
}

#[test]
fn findings_are_notes_and_a_list_and_numbers_are_numbers() {
    let book = exported(FIXTURE);
    let report = check_bytes("fixture.txt", FIXTURE.as_bytes(), &Profile::default());
    let notes = part(&book, "xl/comments1.xml");
    let workbook = part(&book, "xl/workbook.xml");
    assert!(workbook.contains(r#"name="自评表""#) && workbook.contains(r#"name="问题清单""#));
    let list = part(&book, "xl/worksheets/sheet2.xml");
    let escape = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;");
    for finding in report.sheets.iter().flat_map(|s| &s.findings) {
        let cell = finding.cell.as_deref().unwrap();
        assert!(notes.contains(&format!(r#"ref="{cell}""#)), "a note on {cell}");
        assert!(list.contains(&escape(&finding.message)), "{cell} in the list");
    }
    let sheet = part(&book, "xl/worksheets/sheet1.xml");
    // The form's merges are drawn (the title across the form), and 24.09 is a number, not text.
    assert!(sheet.contains("<mergeCell "));
    assert!(sheet.contains("<v>24.09</v>"));
    let styles = part(&book, "xl/styles.xml");
    assert!(styles.contains(r#"formatCode="0.00""#) && styles.contains(r#"formatCode="0%""#));
    // A correct form gets no notes.
    let valid = exported(common::VALID);
    let zip = zip::ZipArchive::new(std::io::Cursor::new(&valid)).unwrap();
    assert!(zip.index_for_name("xl/worksheets/sheet1.xml").is_some());
    assert!(zip.index_for_name("xl/comments1.xml").is_none());
}

#[test]
fn libreoffice_opens_the_export_and_shows_the_same_values() {
    let soffice = ["/usr/bin/soffice", "/usr/local/bin/soffice"].into_iter().find(|p| std::path::Path::new(p).exists());
    let soffice = soffice
        .expect("LibreOffice is needed for this test: apt-get install libreoffice-calc-nogui (make test-deps does)");
    let dir = std::env::temp_dir().join(format!("selfeval-export-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let input = dir.join("导出.xlsx");
    std::fs::write(&input, exported(FIXTURE)).unwrap();
    // Tab-separated, UTF-8, cells as shown: what a user sees in the workbook.
    let status = Command::new(soffice)
        .arg(format!("-env:UserInstallation=file://{}", dir.join("profile").display()))
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):9,34,76,1,,0,false,true,true",
        ])
        .arg("--outdir")
        .arg(&dir)
        .arg(&input)
        .output()
        .unwrap();
    assert!(status.status.success(), "{}", String::from_utf8_lossy(&status.stderr));
    let shown = std::fs::read_to_string(dir.join("导出.csv")).unwrap();
    let rows = |text: &str| -> Vec<Vec<String>> {
        Grid::parse(text, None)
            .to_rows()
            .into_iter()
            .map(|r| r.into_iter().map(|c| c.trim().to_owned()).collect::<Vec<_>>())
            .map(|mut r| {
                while r.last().is_some_and(|c| c.is_empty()) {
                    r.pop();
                }
                r
            })
            .collect()
    };
    let mut want = rows(FIXTURE);
    while want.last().is_some_and(|r| r.is_empty()) {
        want.pop();
    }
    assert_eq!(rows(&shown), want);
    let _ = std::fs::remove_dir_all(&dir);
}
