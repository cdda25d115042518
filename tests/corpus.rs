//! The corpus of real published forms (`tests/corpus/`, see its README): every finding a reviewer
//! expects is found (same code, same row), and no error is given that is not expected.
//!
//! `make corpus` runs this with the table printed: per form, the errors and warnings given, the
//! expected ones found, and the wrong errors (the goal is none).

use std::fmt::Write;
use std::path::Path;

use selfeval::{check_bytes, Profile, Severity};

/// One expected finding: severity word, code, row (from 1), and the line it came from.
struct Expected {
    severity: String,
    code: String,
    row: usize,
    line: String,
}

/// The expected findings of a form and its family.
fn expectations(text: &str) -> (Vec<Expected>, String) {
    let mut family = String::new();
    let mut expected = Vec::new();
    for line in text.lines() {
        if let Some(f) = line.strip_prefix("# family:") {
            family = f.trim().to_owned();
        }
        let mut words = line.split_whitespace();
        let (Some(severity @ ("error" | "warning")), Some(code), Some(cell)) =
            (words.next(), words.next(), words.next())
        else {
            continue;
        };
        let digits: String = cell.chars().skip_while(|c| c.is_ascii_alphabetic()).collect();
        let row = digits.parse().unwrap_or_else(|_| panic!("bad cell in: {line}"));
        expected.push(Expected { severity: severity.to_owned(), code: code.to_owned(), row, line: line.to_owned() });
    }
    (expected, family)
}

#[test]
fn corpus_forms_give_the_expected_findings_and_no_wrong_error() {
    let forms = corpus_forms();
    assert!(!forms.is_empty(), "no forms in tests/corpus");
    let mut table = String::new();
    let mut problems = Vec::new();
    let (mut all_errors, mut all_warnings, mut all_expected, mut all_found, mut all_wrong) = (0, 0, 0, 0, 0);
    let _ = writeln!(
        table,
        "{:<44} {:<16} {:>6} {:>8} {:>14} {:>12}",
        "form", "layout", "errors", "warnings", "expected found", "wrong errors"
    );
    for form in &forms {
        let stem = form.file_stem().unwrap().to_string_lossy().into_owned();
        let bytes = std::fs::read(form).unwrap();
        let expect_text = std::fs::read_to_string(form.with_extension("expect"))
            .unwrap_or_else(|_| panic!("{stem}: no .expect beside the .tsv"));
        let (expected, _family) = expectations(&expect_text);
        let report = check_bytes(&format!("{stem}.tsv"), &bytes, &Profile::default());
        let given: Vec<_> = report.findings.iter().chain(report.sheets.iter().flat_map(|s| &s.findings)).collect();
        let mut found = 0;
        for e in &expected {
            if given.iter().any(|f| f.code == e.code && f.row == Some(e.row)) {
                found += 1;
            } else {
                problems.push(format!("{stem}: missed {}", e.line));
            }
        }
        let mut wrong = 0;
        for f in given.iter().filter(|f| f.severity == Severity::Error) {
            let listed = expected.iter().any(|e| e.severity == "error" && e.code == f.code && Some(e.row) == f.row);
            if !listed {
                wrong += 1;
                problems.push(format!(
                    "{stem}: wrong error {} {}: {}",
                    f.code,
                    f.cell.as_deref().unwrap_or("-"),
                    f.message
                ));
            }
        }
        let errors = given.iter().filter(|f| f.severity == Severity::Error).count();
        let warnings = given.iter().filter(|f| f.severity == Severity::Warning).count();
        let layouts: Vec<&str> = report.sheets.iter().map(|s| s.layout).collect();
        let _ = writeln!(
            table,
            "{stem:<44} {:<16} {errors:>6} {warnings:>8} {:>14} {wrong:>12}",
            layouts.join(","),
            format!("{found}/{}", expected.len())
        );
        all_errors += errors;
        all_warnings += warnings;
        all_expected += expected.len();
        all_found += found;
        all_wrong += wrong;
    }
    let _ = writeln!(
        table,
        "{:<44} {:<16} {all_errors:>6} {all_warnings:>8} {:>14} {all_wrong:>12}",
        format!("total ({} forms)", forms.len()),
        "",
        format!("{all_found}/{all_expected}")
    );
    println!("{table}");
    assert!(problems.is_empty(), "{table}\n{}", problems.join("\n"));
}

/// The findings of a report as `code@cell`, sorted.
fn codes(report: &selfeval::Report) -> Vec<String> {
    let mut all: Vec<String> = report
        .findings
        .iter()
        .chain(report.sheets.iter().flat_map(|s| &s.findings))
        .map(|f| format!("{}@{}", f.code, f.cell.as_deref().unwrap_or("-")))
        .collect();
    all.sort();
    all
}

/// The same form as another office suite or another person would give it is read the same: a blank
/// column in front (every cell one column right), full-width brackets and colons where it has
/// half-width ones (and back), and the table pasted as HTML. Reading is by labels, never positions.
#[test]
fn corpus_forms_read_the_same_however_they_are_laid_out() {
    let profile = Profile::default();
    for form in corpus_forms() {
        let text = std::fs::read_to_string(&form).unwrap();
        let name = form.file_name().unwrap().to_string_lossy().into_owned();
        let base = codes(&selfeval::check_text(&text, &profile));
        // One column to the right: the same codes, each cell one letter on.
        let shifted: String = text.lines().map(|l| format!("\t{l}\n")).collect();
        let moved: Vec<String> = base
            .iter()
            .map(|c| {
                let (code, cell) = c.split_once('@').unwrap();
                if cell == "-" {
                    return c.clone();
                }
                let letters: String = cell.chars().take_while(|c| c.is_ascii_alphabetic()).collect();
                let col = letters.bytes().fold(0usize, |a, b| a * 26 + usize::from(b - b'A' + 1));
                format!("{code}@{}{}", selfeval::grid::column_name(col), &cell[letters.len()..])
            })
            .collect();
        let mut moved = moved;
        moved.sort();
        assert_eq!(codes(&selfeval::check_text(&shifted, &profile)), moved, "{name}: a blank column in front");
        // Full-width punctuation for half-width, and back.
        let swap = |s: &str, pairs: &[(char, char)]| {
            s.chars().map(|c| pairs.iter().find(|p| p.0 == c).map_or(c, |p| p.1)).collect::<String>()
        };
        let wide = swap(&text, &[('(', '（'), (')', '）'), (':', '：'), ('%', '％')]);
        let narrow = swap(&text, &[('（', '('), ('）', ')'), ('：', ':')]);
        for (variant, what) in [(wide, "full-width"), (narrow, "half-width")] {
            let got = codes(&selfeval::check_text(&variant, &profile));
            // A markup finding may quote the text; the codes and cells stay.
            assert_eq!(got, base, "{name}: {what} punctuation");
        }
        // As an HTML table: pasted (what Excel puts on the clipboard), and saved as a web page.
        let html = html_table(&text);
        assert_eq!(codes(&selfeval::check_html(&html, &profile)), base, "{name}: pasted as HTML");
        let page = format!("<html><body>{html}</body></html>");
        assert_eq!(codes(&check_bytes("form.html", page.as_bytes(), &profile)), base, "{name}: a web page");
    }
}

/// The real forms of `tests/corpus`, in order.
fn corpus_forms() -> Vec<std::path::PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut forms: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/corpus")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "tsv"))
        .collect();
    forms.sort();
    forms
}

/// A form's cells as an HTML table, as its text's quoting gives them (a quoted cell may hold line breaks).
fn html_table(text: &str) -> String {
    let escape = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
    let rows: String = selfeval::Grid::parse(text, None)
        .to_rows()
        .iter()
        .map(|r| format!("<tr>{}</tr>", r.iter().map(|c| format!("<td>{}</td>", escape(c))).collect::<String>()))
        .collect();
    format!("<table>{rows}</table>")
}

/// A way of writing a form, by name.
type Rewrite = (&'static str, fn(&str) -> String);

/// More ways a form is written that change nothing it says, beside those of the test above: Windows line
/// ends, full-width digits, `>=` typed for `≥`, blank rows and columns after it. Each real form, so
/// rewritten, gives the same findings on the same cells; after blank rows, the same codes (a form cut
/// right under its goals' heads then has a blank row for its missing goals to point at).
#[test]
fn equivalent_rewrites_of_each_real_form_give_the_same_findings() {
    let profile = Profile::default();
    let rewrites: [Rewrite; 4] = [
        ("Windows line ends", |t| t.replace('\n', "\r\n")),
        ("full-width digits", |t| {
            t.chars()
                .map(|c| if c.is_ascii_digit() { char::from_u32(c as u32 - 0x30 + 0xFF10).unwrap() } else { c })
                .collect()
        }),
        ("comparators as typed", |t| t.replace('≥', ">=").replace('≤', "<=")),
        ("blank rows and columns after it", |t| {
            let lines: String = t.lines().map(|l| format!("{l}\t\t\n")).collect();
            format!("{lines}\n\n\t\t\n")
        }),
    ];
    let code_only =
        |found: &[String]| found.iter().map(|c| c.split('@').next().unwrap_or("").to_owned()).collect::<Vec<_>>();
    let mut problems = Vec::new();
    for form in corpus_forms() {
        let stem = form.file_stem().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&form).unwrap();
        let want = codes(&selfeval::check_text(&text, &profile));
        for (name, rewrite) in &rewrites {
            let got = codes(&selfeval::check_text(&rewrite(&text), &profile));
            let differs =
                if name.starts_with("blank rows") { code_only(&got) != code_only(&want) } else { got != want };
            if differs {
                problems.push(format!("{stem}, {name}: {want:?} became {got:?}"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Each real form pasted after the fixture's four forms (one paste of five forms) is read as its own
/// sheet and gives the same findings, its rows moved down by the fixture's.
#[test]
fn each_real_form_after_other_forms_gives_its_own_findings() {
    let fixture =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/000_7b7c0afb335e079f.txt"))
            .unwrap();
    let fixture = format!("{}\n", fixture.trim_end_matches(['\n', '\r']));
    let offset = fixture.lines().count();
    let mut problems = Vec::new();
    for form in corpus_forms() {
        let stem = form.file_stem().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&form).unwrap();
        let alone = check_bytes("form.tsv", text.as_bytes(), &Profile::default());
        let after = check_bytes("forms.tsv", format!("{fixture}{text}").as_bytes(), &Profile::default());
        let rows = |sheets: &[selfeval::report::SheetReport], by: usize| -> Vec<(String, Option<usize>)> {
            let mut out: Vec<_> = sheets
                .iter()
                .flat_map(|s| s.findings.iter().map(|f| (f.code.to_owned(), f.row.map(|r| r - by))))
                .collect();
            out.sort();
            out
        };
        let (want, got) = (rows(&alone.sheets, 0), rows(after.sheets.get(4..).unwrap_or(&[]), offset));
        if after.sheets.len() != 4 + alone.sheets.len() || got != want {
            problems.push(format!("{stem}: {} sheets; {want:?} became {got:?}", after.sheets.len()));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
