//! The `selfeval check` command: output and exit status.

mod common;

use std::path::PathBuf;
use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_selfeval")).args(args).output().expect("run selfeval")
}

fn temp(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("selfeval-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

const FIXTURE: &str = "tests/fixtures/000_7b7c0afb335e079f.txt";

#[test]
fn errors_exit_1_with_a_chinese_summary() {
    let out = run(&["check", FIXTURE]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("4 张自评表，错误 6，警告 12，提示 1"), "{text}");
    assert!(text.contains("错误 I003 G78"), "{text}");
    assert!(text.contains("应为 9.68"), "{text}");
}

#[test]
fn a_clean_sheet_exits_0() {
    let path = temp("valid.txt", common::VALID.as_bytes());
    let out = run(&["check", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));
    assert!(String::from_utf8(out.stdout).unwrap().contains("未发现问题"));
}

#[test]
fn json_output_is_the_report() {
    let out = run(&["check", "--json", FIXTURE]);
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["schemaVersion"], 1);
    assert_eq!(json["sheets"][3]["totals"]["computedWeight"], "115");
    assert_eq!(json["sheets"][3]["totals"]["computedScore"], "113");
    // Several files give an array of reports.
    let out = run(&["check", "--json", FIXTURE, FIXTURE]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json.as_array().map(Vec::len), Some(2));
}

#[test]
fn a_profile_changes_the_scoring() {
    let profile = temp("split.json", r#"{"weights": {"产出": 60, "效益": 20}}"#.as_bytes());
    let out = run(&["check", "--json", "--profile", profile.to_str().unwrap(), FIXTURE]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let first: Vec<&str> =
        json["sheets"][0]["findings"].as_array().unwrap().iter().map(|f| f["code"].as_str().unwrap()).collect();
    assert_eq!(first, ["I004"]);
}

#[test]
fn unreadable_input_exits_2() {
    assert_eq!(run(&["check", "no/such/file.txt"]).status.code(), Some(2));
    let binary = temp("book.xlsx", b"PK\x03\x04\x14\x00\xCF\xEE");
    let out = run(&["check", binary.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8(out.stdout).unwrap().contains("损坏或不完整"));
    let bad = temp("bad.json", b"{\"budget\": 1}");
    let out = run(&["check", "--profile", bad.to_str().unwrap(), FIXTURE]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8(out.stderr).unwrap().contains("评分配置无效"));
    assert_eq!(run(&[]).status.code(), Some(2));
    assert_eq!(run(&["lint", FIXTURE]).status.code(), Some(2));
    assert_eq!(run(&["check", "--color", FIXTURE]).status.code(), Some(2));
}

#[test]
fn a_folder_is_walked_in_parallel_with_a_summary() {
    let dir = std::env::temp_dir().join(format!("selfeval-cli-batch-{}", std::process::id()));
    let sub = dir.join("二级单位");
    std::fs::create_dir_all(&sub).unwrap();
    for name in ["fixture.xlsx", "fixture-merged.docx", "fixture.ods"] {
        std::fs::copy(format!("tests/fixtures/office/{name}"), sub.join(name)).unwrap();
    }
    std::fs::copy(FIXTURE, dir.join("a.txt")).unwrap();
    std::fs::write(dir.join("valid.tsv"), common::VALID).unwrap();
    // Office's lock file, a hidden file and a picture are not forms.
    std::fs::write(dir.join("~$fixture.xlsx"), b"lock").unwrap();
    std::fs::write(dir.join(".hidden.txt"), b"x").unwrap();
    std::fs::write(dir.join("photo.jpg"), b"\xFF\xD8").unwrap();
    // The summary is written into the folder checked: it is not read as an input of the run.
    let summary = dir.join("汇总.csv");
    let out = run(&["check", "--jobs", "2", "--summary", summary.to_str().unwrap(), dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.matches("4 张自评表，错误 6，警告 12，提示 1").count(), 4, "{text}");
    assert!(text.contains("valid.tsv：1 张自评表，错误 0"));
    assert!(!text.contains("~$") && !text.contains("photo") && !text.contains("hidden"));
    let csv = std::fs::read_to_string(&summary).unwrap();
    let rows: Vec<&str> = csv.lines().collect();
    assert!(rows[0].starts_with("\u{feff}文件,表,项目名称,实施单位,填报得分,按规则得分"));
    assert_eq!(rows.len(), 1 + 4 * 4 + 1, "one row a form: {csv}");
    assert!(rows.iter().any(|r| r.contains("fixture.ods,3,统战文化推广经费,上海市同舟服务中心,98,99.68,优,优,2,3,1")));
    // As JSON, an array of the reports, streamed as they are done.
    std::fs::remove_file(&summary).unwrap();
    let out = run(&["check", "--json", dir.to_str().unwrap()]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json.as_array().unwrap().len(), 5);
    // A folder with nothing to check, and a bad --jobs, are usage errors.
    let empty = dir.join("空");
    std::fs::create_dir_all(&empty).unwrap();
    assert_eq!(run(&["check", empty.to_str().unwrap()]).status.code(), Some(2));
    assert_eq!(run(&["check", "--jobs", "0", FIXTURE]).status.code(), Some(2));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_streamed_text_report_is_the_whole_report() {
    // The command writes a file's text report sheet by sheet without keeping the sheets; it must read
    // as the report the library makes whole.
    let text = std::fs::read_to_string(FIXTURE).unwrap().repeat(3);
    let path = temp("three.txt", text.as_bytes());
    let out = run(&["check", "--verbose", path.to_str().unwrap()]);
    let mut whole = selfeval::check_text(&text, &selfeval::Profile::default());
    whole.source = Some(path.to_str().unwrap().to_owned());
    assert_eq!(String::from_utf8(out.stdout).unwrap(), format!("{}\n", whole.to_text(true)));
    // A file that cannot be read is reported the same way too.
    let pdf = temp("a.pdf", b"%PDF-1.7");
    let out = String::from_utf8(run(&["check", pdf.to_str().unwrap()]).stdout).unwrap();
    assert!(out.contains("0 张自评表，错误 1") && out.contains("PDF"), "{out}");
}

#[test]
fn the_streamed_json_report_is_the_whole_report() {
    // The JSON report is written sheet by sheet too (160 forms: on the threads, in blocks), around
    // sheets not kept; byte for byte the library's whole report.
    for (name, text) in
        [("forty.txt", std::fs::read_to_string(FIXTURE).unwrap().repeat(40)), ("none.txt", "无表\n".into())]
    {
        let path = temp(name, text.as_bytes());
        let path = path.to_str().unwrap();
        for jobs in ["1", "2"] {
            let out = run(&["check", "--json", "--jobs", jobs, path]);
            let mut whole = selfeval::check_text(&text, &selfeval::Profile::default());
            whole.source = Some(path.to_owned());
            assert!(
                String::from_utf8(out.stdout).unwrap() == format!("{}\n", whole.to_json()),
                "{name}, --jobs {jobs}"
            );
        }
    }
}

#[test]
fn a_file_of_many_forms_reads_the_same_on_any_number_of_threads() {
    // 160 forms: more than a block, so a lone file's forms are checked on the threads `--jobs` gives.
    let text = std::fs::read_to_string(FIXTURE).unwrap().repeat(40);
    let path = temp("forty.txt", text.as_bytes());
    let path = path.to_str().unwrap();
    let one = run(&["check", "--verbose", "--jobs", "1", path]);
    let mut whole = selfeval::check_text(&text, &selfeval::Profile::default());
    whole.source = Some(path.to_owned());
    assert_eq!(String::from_utf8(one.stdout.clone()).unwrap(), format!("{}\n", whole.to_text(true)));
    for jobs in ["2", "5"] {
        let many = run(&["check", "--verbose", "--jobs", jobs, path]);
        assert!(many.stdout == one.stdout, "--jobs {jobs} reports otherwise than --jobs 1");
        assert_eq!(many.status.code(), one.status.code());
    }
}

/// A project named as a formula (`=HYPERLINK(…)`), and a target written `=100%`: the summary CSV and the
/// findings CSV that Excel opens carry them as text (a leading `'`, which Excel does not show), and
/// read back they are the user's text again; the JSON report keeps them raw.
#[test]
fn exports_that_excel_opens_are_inert() {
    let hostile = "=HYPERLINK(\"http://example.invalid\",\"点击\")";
    let form = common::edit(common::VALID, &[("B3", hostile), ("D13", "=100%"), ("E13", "98%")]);
    let path = temp("公式.txt", form.as_bytes());
    let summary = path.with_file_name("公式汇总.csv");
    let out = run(&["check", "--summary", summary.to_str().unwrap(), path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let csv = std::fs::read_to_string(&summary).unwrap();
    assert!(csv.contains("\"'=HYPERLINK(") && !csv.contains(",=HYPERLINK") && !csv.contains(",\"=HYPERLINK"), "{csv}");
    let back = selfeval::Grid::parse(csv.trim_start_matches('\u{feff}'), Some("x.csv")).to_rows();
    assert!(back.iter().any(|row| row.iter().any(|c| c == hostile)), "{back:?}");
    let report = selfeval::check_text(&form, &selfeval::Profile::default());
    let findings = report.findings_csv();
    assert!(findings.contains("'=HYPERLINK(") && !findings.contains(",\"=HYPERLINK"), "{findings}");
    assert!(report.to_json().contains("\"projectName\": \"=HYPERLINK("), "the JSON stays raw");
    std::fs::remove_file(&summary).unwrap();
}

/// `selfeval grid --json FILE`'s parsed output.
fn grid_json(path: &str) -> serde_json::Value {
    let out = run(&["grid", "--json", path]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("grid --json is JSON")
}

#[test]
fn grid_shows_the_fixtures_workbook_as_its_text() {
    let book = grid_json("tests/fixtures/office/fixture.xlsx");
    let text = grid_json(FIXTURE);
    assert_eq!(book["files"][0]["kind"], "xlsx");
    assert_eq!(text["files"][0]["kind"], "text");
    assert_eq!(book["files"][0]["error"], serde_json::Value::Null);
    let rows = |v: &serde_json::Value| -> Vec<Vec<String>> {
        serde_json::from_value(v["files"][0]["sheets"][0]["rows"].clone()).unwrap()
    };
    let (book_rows, text_rows) = (rows(&book), rows(&text));
    assert_eq!(book_rows.len(), text_rows.len());
    // The same cells, where Calc's import kept a number's value but not its writing (`0.00` → `0`,
    // `100%` → `100.00%`).
    let same = |a: &str, b: &str| {
        let number = |s: &str| s.strip_suffix('%').unwrap_or(s).parse::<rust_decimal::Decimal>().ok();
        a == b || (a.ends_with('%') == b.ends_with('%') && number(a).is_some() && number(a) == number(b))
    };
    for (r, (a, b)) in book_rows.iter().zip(&text_rows).enumerate() {
        assert_eq!(a.len(), b.len(), "row {}", r + 1);
        for (c, (x, y)) in a.iter().zip(b).enumerate() {
            assert!(same(x, y), "row {} column {c}: {x:?} in the workbook, {y:?} in the text", r + 1);
        }
    }
    assert_eq!(book["files"][0]["sheets"].as_array().unwrap().len(), 1);
    // The text form lists each worksheet by name with its cells by column.
    let out = run(&["grid", "tests/fixtures/office/fixture.xlsx"]);
    let shown = String::from_utf8(out.stdout).unwrap();
    assert!(shown.contains("工作表“fixture”：104 行") && shown.contains("7  A=项目名称  C=信息化运维项目"), "{shown}");
}

#[test]
fn grid_lists_every_worksheet_hidden_ones_marked_and_check_leaves_them_out() {
    let rel = |i: usize| format!(r#"<Relationship Id="r{i}" Type="x/worksheet" Target="worksheets/s{i}.xml"/>"#);
    let sheet = |text: &str| {
        format!(
            r#"<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>{text}</t></is></c></row></sheetData><mergeCells><mergeCell ref="A1:B2"/></mergeCells></worksheet>"#
        )
    };
    let book = common::zip(&[
        ("xl/workbook.xml", r#"<workbook><sheets><sheet name="空" r:id="r4"/><sheet name="表一" r:id="r1"/><sheet name="底稿" state="hidden" r:id="r2"/><sheet name="表三" r:id="r3"/></sheets></workbook>"#.as_bytes()),
        ("xl/_rels/workbook.xml.rels", format!("<Relationships>{}{}{}{}</Relationships>", rel(1), rel(2), rel(3), rel(4)).as_bytes()),
        ("xl/worksheets/s4.xml", b"<worksheet><sheetData/></worksheet>".as_slice()),
        ("xl/worksheets/s1.xml", sheet("一").as_bytes()),
        ("xl/worksheets/s2.xml", sheet("二").as_bytes()),
        ("xl/worksheets/s3.xml", sheet("三").as_bytes()),
    ]);
    let path = temp("hidden.xlsx", &book);
    let json = grid_json(path.to_str().unwrap());
    let sheets = json["files"][0]["sheets"].as_array().unwrap();
    // An empty worksheet is listed, with no rows; the next one keeps its own.
    assert_eq!((&sheets[0]["name"], &sheets[0]["rows"]), (&serde_json::json!("空"), &serde_json::json!([])));
    let sheets = &sheets[1..];
    let names: Vec<(&str, bool, &str)> = sheets
        .iter()
        .map(|s| (s["name"].as_str().unwrap(), s["hidden"].as_bool().unwrap(), s["rows"][0][0].as_str().unwrap()))
        .collect();
    assert_eq!(names, [("表一", false, "一"), ("底稿", true, "二"), ("表三", false, "三")]);
    assert!(sheets.iter().all(|s| s["merges"] == serde_json::json!([[0, 0, 1, 1]])));
    // What is checked is the visible worksheets alone.
    let (grid, _) = selfeval::read_bytes("hidden.xlsx", &book).unwrap();
    assert_eq!(grid.to_rows(), vec![vec!["一"], vec![], vec!["三"]]);
    // An .ods table hidden by its style (`table:display="false"`) is hidden as well.
    let table = |name: &str, style: &str, text: &str| {
        format!(
            r#"<table:table table:name="{name}" table:style-name="{style}"><table:table-row><table:table-cell office:value-type="string"><text:p>{text}</text:p></table:table-cell></table:table-row></table:table>"#
        )
    };
    let content = format!(
        r#"<office:document-content><office:automatic-styles><style:style style:name="ta1" style:family="table"><style:table-properties table:display="true"/></style:style><style:style style:name="ta2" style:family="table"><style:table-properties table:display="false"/></style:style></office:automatic-styles><office:body><office:spreadsheet>{}{}</office:spreadsheet></office:body></office:document-content>"#,
        table("甲", "ta1", "一"),
        table("乙", "ta2", "二")
    );
    let ods = common::zip(&[
        ("mimetype", b"application/vnd.oasis.opendocument.spreadsheet"),
        ("content.xml", content.as_bytes()),
    ]);
    let path = temp("hidden.ods", &ods);
    let json = grid_json(path.to_str().unwrap());
    assert_eq!(json["files"][0]["sheets"][1]["name"], "乙");
    assert_eq!(json["files"][0]["sheets"][1]["hidden"], true);
    assert_eq!(selfeval::read_bytes("hidden.ods", &ods).unwrap().0.to_rows(), vec![vec!["一"]]);
    // A file that cannot be read is listed with why, and the status is 2.
    let out = run(&["grid", "--json", temp("empty.xlsx", b"").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["files"][0]["kind"], "xlsx");
    assert!(json["files"][0]["error"].as_str().unwrap().contains("空的"));
}

#[test]
fn a_second_workbook_pr_keeps_the_1904_date_system() {
    let book = |pr: &str| {
        common::zip(&[
            ("xl/workbook.xml", format!(r#"<workbook>{pr}<sheets><sheet name="a" r:id="r1"/></sheets></workbook>"#).as_bytes()),
            ("xl/_rels/workbook.xml.rels", br#"<Relationships><Relationship Id="r1" Type="x/worksheet" Target="worksheets/s1.xml"/></Relationships>"#.as_slice()),
            ("xl/styles.xml", br#"<styleSheet><cellXfs><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>"#.as_slice()),
            ("xl/worksheets/s1.xml", br#"<worksheet><sheetData><row r="1"><c r="A1" s="1"><v>45000</v></c></row></sheetData></worksheet>"#.as_slice()),
        ])
    };
    let shown = |bytes: &[u8]| selfeval::read_bytes("a.xlsx", bytes).unwrap().0.to_rows()[0][0].clone();
    let y1900 = shown(&book(""));
    let y1904 = shown(&book(r#"<workbookPr date1904="1"/>"#));
    assert_ne!(y1900, y1904);
    // Excel writes `x15:workbookPr` after the first; it says nothing of dates.
    assert_eq!(shown(&book(r#"<workbookPr date1904="1"/><x15:workbookPr chartTrackingRefBase="1"/>"#)), y1904);
}
