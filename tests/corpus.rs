//! The corpus of real published forms (`tests/corpus/`, see its README), whose expectations were written
//! from RULES.md by reviewers who never ran the checker on them: every listed finding is found (same
//! code, severity, cell and value), no error is given that is not listed, and each form is read as the
//! family its reviewer named. Then the mistakes fillers make are planted into the forms
//! (`tests/planted/mod.rs`), and each must be caught on its cell with nothing new at error level.
//!
//! `make corpus` runs this with the table printed, and its last line is the measure:
//! `corpus: N forms (K cut), E expected findings on content, F found, W wrong errors; planted: P caught of T`.

mod planted;

use std::fmt::Write;
use std::path::Path;
use std::str::FromStr;

use rust_decimal::Decimal;
use selfeval::{check_bytes, Finding, Profile, Severity};

/// One expected finding of a form's `.expect`.
pub struct Expected {
    severity: Severity,
    code: String,
    /// Row and column, from 1; `None` for `-` (a finding with no cell).
    cell: Option<(usize, usize)>,
    /// The value the cell should hold, where the line gives one (`=9.91`).
    value: Option<String>,
    line: String,
}

/// What a form's `.expect` says: its family, where its stored copy is cut, its findings.
pub struct Expectation {
    family: String,
    cut_after: Option<usize>,
    findings: Vec<Expected>,
}

/// Row and column (from 1) of an A1 reference.
pub fn a1(cell: &str) -> Option<(usize, usize)> {
    let letters: String = cell.chars().take_while(|c| c.is_ascii_uppercase()).collect();
    let row: usize = cell[letters.len()..].parse().ok()?;
    let col = letters.bytes().fold(0usize, |a, b| a * 26 + usize::from(b - b'A' + 1));
    (col > 0 && row > 0).then_some((row, col))
}

/// Reads an `.expect`; a line it cannot read fails the test with the line.
pub fn expectation(text: &str) -> Expectation {
    let mut e = Expectation { family: String::new(), cut_after: None, findings: Vec::new() };
    for line in text.lines() {
        if let Some(f) = line.strip_prefix("# family:") {
            e.family = f.trim().to_owned();
        }
        if let Some(cut) = line.strip_prefix("# cut: after row ") {
            e.cut_after = Some(cut.trim().parse().unwrap_or_else(|_| panic!("bad cut line: {line}")));
        }
        let mut words = line.split_whitespace();
        let severity = match words.next() {
            Some("error") => Severity::Error,
            Some("warning") => Severity::Warning,
            Some("info") => Severity::Info,
            _ => continue,
        };
        let (Some(code), Some(cell)) = (words.next(), words.next()) else { panic!("bad line: {line}") };
        let cell = if cell == "-" { None } else { Some(a1(cell).unwrap_or_else(|| panic!("bad cell in: {line}"))) };
        let value = words.next().and_then(|w| w.strip_prefix('=')).map(str::to_owned);
        e.findings.push(Expected { severity, code: code.to_owned(), cell, value, line: line.to_owned() });
    }
    e
}

/// A value as a number, where it is one (`9.91`, `86.18%`, `100分`).
fn number(value: &str) -> Option<Decimal> {
    let v = value.trim().trim_end_matches(['%', '分']);
    Decimal::from_str(v).ok()
}

/// Whether a given finding is the expected one: code, severity, cell, and the value where one is listed.
pub fn matches(e: &Expected, f: &Finding) -> bool {
    let cell = f.row.zip(f.col);
    let value = match (&e.value, &f.expected) {
        (None, _) => true,
        (Some(_), None) => false,
        (Some(want), Some(got)) => match (number(want), number(got)) {
            (Some(a), Some(b)) => a == b,
            _ => want == got,
        },
    };
    f.code == e.code && f.severity == e.severity && cell == e.cell && value
}

/// The codes of findings that, on a form whose stored copy is cut, only say it ends early: a block or
/// the totals row missing, weights and totals that cannot add up, a 满意度 block not reached.
const CUT_CODES: &[&str] = &["L003", "W001", "W002", "W003", "W004", "G001", "T001", "T002"];

/// The codes of blank cells, which on the row a cut copy ends in say only that the row was cut.
const BLANK_CODES: &[&str] = &["I001", "I011", "F005", "G001", "H001"];

/// The layout name a `# family:` line stands for.
fn layout_of(family: &str) -> &str {
    match family {
        "central-variant" => "central",
        other => other,
    }
}

/// What the corpus measures, form by form and in all.
#[derive(Default)]
pub struct Tally {
    forms: usize,
    cut: usize,
    expected: usize,
    found: usize,
    wrong: usize,
}

/// Checks every form against its expectation; the table, the problems, and the tally.
fn measure() -> (String, Vec<String>, Tally) {
    let forms = corpus_forms();
    assert!(!forms.is_empty(), "no forms in tests/corpus");
    let mut table = String::new();
    let mut problems = Vec::new();
    let mut tally = Tally::default();
    let _ = writeln!(
        table,
        "{:<52} {:<22} {:>6} {:>8} {:>5} {:>8} {:>6}",
        "form", "layout", "errors", "warnings", "cut", "found", "wrong"
    );
    for form in &forms {
        let stem = form.file_stem().unwrap().to_string_lossy().into_owned();
        let bytes = std::fs::read(form).unwrap();
        let expect_text = std::fs::read_to_string(form.with_extension("expect"))
            .unwrap_or_else(|_| panic!("{stem}: no .expect beside the .tsv"));
        let expect = expectation(&expect_text);
        let report = check_bytes(&format!("{stem}.tsv"), &bytes, &Profile::default());
        let given: Vec<&Finding> =
            report.findings.iter().chain(report.sheets.iter().flat_map(|s| &s.findings)).collect();
        let layouts: Vec<&str> = report.sheets.iter().map(|s| s.layout).collect();
        if layouts != [layout_of(&expect.family)] {
            problems.push(format!("{stem}: read as {layouts:?}, its reviewer says {}", expect.family));
        }
        let mut used = vec![false; given.len()];
        let mut found = 0;
        for e in &expect.findings {
            match given.iter().enumerate().position(|(i, f)| !used[i] && matches(e, f)) {
                Some(i) => {
                    used[i] = true;
                    found += 1;
                }
                None => problems.push(format!("{stem}: missed {}", e.line)),
            }
        }
        let (mut wrong, mut cut) = (0, 0);
        for (f, _) in given.iter().zip(&used).filter(|(_, used)| !**used) {
            let cell = f.cell.as_deref().unwrap_or("-");
            let on_cut_row = expect.cut_after.is_some() && f.row == expect.cut_after && BLANK_CODES.contains(&f.code);
            if (expect.cut_after.is_some() && CUT_CODES.contains(&f.code)) || on_cut_row {
                cut += 1;
            } else if f.severity == Severity::Error {
                wrong += 1;
                problems.push(format!("{stem}: wrong error {} {cell}: {}", f.code, f.message));
            } else if f.severity == Severity::Warning {
                println!("{stem}: unlisted warning {} {cell}: {}", f.code, f.message);
            }
        }
        let errors = given.iter().filter(|f| f.severity == Severity::Error).count();
        let warnings = given.iter().filter(|f| f.severity == Severity::Warning).count();
        let _ = writeln!(
            table,
            "{stem:<52} {:<22} {errors:>6} {warnings:>8} {cut:>5} {:>8} {wrong:>6}",
            layouts.join(","),
            format!("{found}/{}", expect.findings.len())
        );
        tally.forms += 1;
        tally.cut += usize::from(expect.cut_after.is_some());
        tally.expected += expect.findings.len();
        tally.found += found;
        tally.wrong += wrong;
    }
    (table, problems, tally)
}

/// The corpus and the planted mistakes, with the one line `make corpus` ends with.
#[test]
fn corpus_forms_give_the_expected_findings_and_planted_mistakes_are_caught() {
    let (table, mut problems, t) = measure();
    let planted = planted::plant_all(&corpus_forms());
    problems.extend(planted.problems.iter().cloned());
    println!("{table}");
    for p in &problems {
        println!("{p}");
    }
    println!(
        "corpus: {} forms ({} cut), {} expected findings on content, {} found, {} wrong errors; planted: {} caught of {}",
        t.forms, t.cut, t.expected, t.found, t.wrong, planted.caught, planted.tried
    );
    assert!(problems.is_empty(), "{} problems (above)", problems.len());
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
pub fn corpus_forms() -> Vec<std::path::PathBuf> {
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
