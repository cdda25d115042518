//! The real fixture (four Shanghai 2023 forms) gives exactly the findings of RULES.md §5, and a
//! corrected copy gives only the warnings it should.

mod common;

use common::{check, edit, findings};

const FIXTURE: &str = include_str!("fixtures/000_7b7c0afb335e079f.txt");

/// `(code, cell, expected)` of every finding of one sheet, in the report's order.
fn sheet_findings(report: &selfeval::Report, sheet: usize) -> Vec<(&str, String, Option<String>)> {
    report.sheets[sheet]
        .findings
        .iter()
        .map(|f| (f.code, f.cell.clone().unwrap_or_default(), f.expected.clone()))
        .collect()
}

fn e(code: &'static str, cell: &str, expected: Option<&str>) -> (&'static str, String, Option<String>) {
    (code, cell.to_owned(), expected.map(str::to_owned))
}

const SPLIT: &str = "产出 50、效益 30、满意度 10、预算执行 10";

#[test]
fn the_fixture_gives_the_findings_of_rules_section_5() {
    let report = check(FIXTURE);
    assert!(report.findings.is_empty());
    let names: Vec<_> = report.sheets.iter().map(|s| s.project_name.as_deref().unwrap_or("")).collect();
    assert_eq!(names, ["信息化运维项目", "统战研究经费", "统战文化推广经费", "统战融媒体工作经费"]);
    assert!(report.sheets.iter().all(|s| s.year.as_deref() == Some("2023")));

    // 1. 信息化运维项目: split 60/20/10; 部门人员满意度 95% vs ≥98%, 8 given, 9.69 by rule.
    assert_eq!(sheet_findings(&report, 0), [e("W002", "A17", Some(SPLIT)), e("I004", "G25", Some("9.69"))]);
    // 2. 统战研究经费: completion ≥100人次 is a bound; a reason on a met target; stated total 95 vs 100.
    assert_eq!(
        sheet_findings(&report, 1),
        [
            e("W002", "A43", Some(SPLIT)),
            e("I009", "E43", Some("100人次")),
            e("I007", "H52", None),
            e("T002", "G53", Some("100")),
        ]
    );
    // 3. 统战文化推广经费: markup in both goals; header `-`; met but 13/15; unmet with 10/10 and no reason.
    let third = sheet_findings(&report, 2);
    let codes: Vec<(&str, &str)> = third.iter().map(|(c, cell, _)| (*c, cell.as_str())).collect();
    assert_eq!(
        codes,
        [("X001", "B68"), ("X001", "E68"), ("L004", "A69"), ("I005", "G76"), ("I003", "G78"), ("I006", "H78")]
    );
    assert_eq!(third[2].2.as_deref(), Some("一级指标"));
    assert_eq!(third[3].2.as_deref(), Some("15"));
    assert_eq!(third[4].2.as_deref(), Some("9.68"));
    // 4. 统战融媒体工作经费: Σ 分值 115; stated totals 100/98 vs 115/113; 篇次 vs 件; a bound; 18.8 not 19.
    assert_eq!(
        sheet_findings(&report, 3),
        [
            e("W002", "A96", Some("产出 50、效益 30、满意度 10、预算执行 10")),
            e("I008", "E96", Some("篇次")),
            e("I009", "E100", Some("470000人次")),
            e("I004", "G100", Some("18.8")),
            e("W001", "F103", Some("100")),
            e("T001", "F103", Some("115")),
            e("T002", "G103", Some("113")),
        ]
    );
    let totals: Vec<_> =
        report.sheets.iter().map(|s| (s.totals.computed_weight.as_str(), s.totals.computed_score.as_str())).collect();
    assert_eq!(totals, [("100", "98"), ("100", "100"), ("100", "98"), ("115", "113")]);
    let rule: Vec<_> = report.sheets.iter().map(|s| s.totals.rule_score.as_str()).collect();
    assert_eq!(rule, ["99.69", "100", "99.68", "112.8"]);
    assert!(report.sheets.iter().all(|s| s.grade.stated.as_deref() == Some("优") && s.grade.by_rule == "优"));
    // Errors only where §5 names them: form 2 (1), form 3 (2), form 4 (3).
    let errors: Vec<_> = report.sheets.iter().map(|s| s.counts.error).collect();
    assert_eq!(errors, [0, 1, 2, 3]);
}

#[test]
fn the_whole_report_matches_its_reviewed_snapshot() {
    insta::assert_snapshot!("fixture_report", check(FIXTURE).to_json());
}

#[test]
fn a_corrected_copy_gives_only_the_split_warnings() {
    let strip = |a1: &str, row: usize, col: usize| {
        let line = FIXTURE.lines().nth(row - 1).unwrap();
        let cell = line.split('\t').nth(col).unwrap();
        (a1.to_owned(), selfeval::text::strip_markup(cell).into_owned())
    };
    let goals = [strip("B68", 68, 1), strip("E68", 68, 4)];
    let mut edits: Vec<(&str, &str)> = vec![
        // Form 1: the proportional score, and the total it changes.
        ("G25", "9.69"),
        ("G26", "99.69"),
        // Form 2: the exact completion, no reason on a met target, the right total.
        ("E43", "100人次"),
        ("H52", ""),
        ("G53", "100"),
        // Form 3: full marks for the met target, the proportional score and a reason for the unmet one.
        ("G76", "15"),
        ("H76", ""),
        ("G78", "9.68"),
        ("H78", "受众群体不同，满意度略低"),
        ("G79", "99.68"),
        ("A69", "一级指标"),
        // Form 4: weights that add up to 100, the target's unit, the exact completion and its score.
        ("F96", "10"),
        ("G96", "10"),
        ("E96", "1000篇次"),
        ("E100", "470000人次"),
        ("G100", "18.8"),
        ("G103", "97.8"),
    ];
    edits.extend(goals.iter().map(|(a1, text)| (a1.as_str(), text.as_str())));
    let report = check(&edit(FIXTURE, &edits));
    assert_eq!(findings(&report), ["W002@A17", "W002@A43", "W002@A96"]);
    let totals: Vec<_> = report.sheets.iter().map(|s| s.totals.rule_score.as_str()).collect();
    assert_eq!(totals, ["99.69", "100", "99.68", "97.8"]);
}

#[test]
fn the_fixture_pasted_as_html_gives_the_same_report() {
    let escape = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
    let rows: String = FIXTURE
        .lines()
        .map(|line| {
            let cells: String = line.split('\t').map(|c| format!("<td>{}</td>", escape(c))).collect();
            format!("<tr>{cells}</tr>\n")
        })
        .collect();
    let html = format!("<html><body><!--StartFragment--><table>\n{rows}</table><!--EndFragment--></body></html>");
    let from_html = selfeval::check_html(&html, &selfeval::Profile::default());
    assert_eq!(findings(&from_html), findings(&check(FIXTURE)));
    assert_eq!(from_html.sheets[3].totals, check(FIXTURE).sheets[3].totals);
    // Saved as a web page (Excel's and WPS's "网页"), in UTF-8 or GBK, the file reads the same.
    let page = format!("<html><head><meta charset=\"gb2312\"><style>td{{mso-number-format:\\@}}</style></head>{html}");
    let profile = selfeval::Profile::default();
    assert_eq!(findings(&selfeval::check_bytes("表.htm", page.as_bytes(), &profile)), findings(&check(FIXTURE)));
    let (gbk, _, _) = encoding_rs::GBK.encode(&page);
    assert_eq!(findings(&selfeval::check_bytes("表.html", &gbk, &profile)), findings(&check(FIXTURE)));
    // Text that merely mentions a table is still text.
    let mentions = format!("{FIXTURE}\n说明\t<table> 标签不是表格");
    assert_eq!(findings(&selfeval::check_bytes("表.txt", mentions.as_bytes(), &profile)), findings(&check(FIXTURE)));
}

#[test]
fn exports_read_back() {
    let report = check(FIXTURE);
    // The findings CSV: a header, then one line a finding, each naming its sheet's project and cell.
    let csv = report.findings_csv();
    assert!(csv.starts_with('\u{feff}'));
    let rows = selfeval::Grid::parse(&csv['\u{feff}'.len_utf8()..], Some("findings.csv")).to_rows();
    let total = report.counts.error + report.counts.warning + report.counts.info;
    assert_eq!(rows.len(), 1 + total);
    assert_eq!(rows[0][..3], ["表", "项目名称", "单元格"]);
    let first = &report.sheets[0].findings[0];
    assert_eq!(rows[1][..5], ["1", "信息化运维项目", first.cell.as_deref().unwrap(), first.code, "警告"]);
    assert_eq!(rows[1][5], first.message);
    // The sheet written back as tab-separated text checks the same.
    let grid = selfeval::Grid::parse(FIXTURE, None);
    let tsv = selfeval::grid::write_delimited(&grid.to_rows(), '\t');
    assert_eq!(check(&tsv).to_json(), report.to_json());
}

#[test]
fn the_fixture_saved_as_gbk_reads_the_same() {
    // What Excel or WPS on a Chinese Windows writes for "text" or "CSV".
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(FIXTURE);
    assert!(!unmappable);
    let report = selfeval::check_bytes("自评表.txt", &gbk, &selfeval::Profile::default());
    let utf8 = selfeval::check_bytes("自评表.txt", FIXTURE.as_bytes(), &selfeval::Profile::default());
    assert_eq!(report.to_json(), utf8.to_json());
}
