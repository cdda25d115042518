//! Files of every kind a user has: the fixture as a real office suite saved it (tests/fixtures/office/,
//! remade by `node scripts/office-fixtures.mjs`), workbooks and documents built here to reach what
//! LibreOffice's saves do not (several worksheets, hidden ones, vertical merges), and hostile files.

mod common;

use std::io::{Cursor, Write};

use common::zip;

use selfeval::{check_bytes, read_bytes, Profile, Report};

const FIXTURE: &str = include_str!("fixtures/000_7b7c0afb335e079f.txt");

fn office(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/tests/fixtures/office/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn check(name: &str, bytes: &[u8]) -> Report {
    check_bytes(name, bytes, &Profile::default())
}

/// Each finding as (sheet, code, column, row counted from the sheet's first row), so that a file whose
/// table starts lower or higher (a web page drops leading blank rows) compares by the form's own cells.
fn relative(report: &Report) -> Vec<(usize, &'static str, Option<usize>, Option<usize>)> {
    let mut out: Vec<_> = report
        .sheets
        .iter()
        .flat_map(|s| s.findings.iter().map(move |f| (s.index, f.code, f.col, f.row.map(|r| r - s.first_row))))
        .collect();
    out.extend(report.findings.iter().map(|f| (0, f.code, f.col, f.row)));
    out
}

fn cells(bytes: &[u8], name: &str) -> Vec<Vec<String>> {
    read_bytes(name, bytes).unwrap().0.to_rows()
}

#[test]
fn the_fixture_saved_by_an_office_suite_gives_the_same_findings() {
    let text = check("fixture.txt", FIXTURE.as_bytes());
    assert_eq!(text.sheets.len(), 4);
    let want = relative(&text);
    for name in
        ["fixture.xlsx", "fixture.xls", "fixture.ods", "fixture.html", "fixture-merged.docx", "fixture-merged.xlsx"]
    {
        let report = check(name, &office(name));
        assert_eq!(relative(&report), want, "{name}");
        let cells =
            |r: &Report| r.sheets.iter().flat_map(|s| s.findings.iter().map(|f| f.cell.clone())).collect::<Vec<_>>();
        if name != "fixture.html" {
            // Workbooks and the document keep the rows where the text had them.
            assert_eq!(cells(&report), cells(&text), "{name}");
        }
    }
}

#[test]
fn numbers_read_as_the_user_sees_them() {
    // Calc saved `92%` as the number 0.92 in the format 0.00%, and `24.09` as a number.
    for name in ["fixture.xlsx", "fixture.xls", "fixture.ods"] {
        let all: Vec<String> = cells(&office(name), name).into_iter().flatten().collect();
        assert!(all.iter().any(|c| c == "92.00%"), "{name}");
        assert!(all.iter().any(|c| c == "24.09"), "{name}");
        assert!(!all.iter().any(|c| c == "0.92" || c.starts_with("24.0899")), "{name}");
    }
}

#[test]
fn merged_cells_come_with_the_grid() {
    for name in ["fixture-merged.docx", "fixture-merged.xlsx"] {
        let (grid, merges) = read_bytes(name, &office(name)).unwrap();
        // The title spans the form's ten columns; 项目名称 spans two.
        let title = merges.iter().find(|m| grid.get(m.at) == "财政项目支出绩效自评表").expect(name);
        assert_eq!((title.rows, title.cols), (1, 10), "{name}");
        assert!(merges.iter().any(|m| grid.get(m.at) == "项目名称" && m.cols == 2), "{name}");
    }
}

/// A zip of the given parts, deflated.
/// A workbook with the given worksheets (name, hidden, sheetData XML, merges XML), shared strings
/// and cell styles (number format ids).
fn workbook(sheets: &[(&str, bool, &str)], strings: &[&str], styles: &str) -> Vec<u8> {
    let mut book = String::from(
        r#"<workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>"#,
    );
    let mut rels = String::from("<Relationships>");
    let mut parts: Vec<(String, Vec<u8>)> = Vec::new();
    for (i, (name, hidden, data)) in sheets.iter().enumerate() {
        let state = if *hidden { r#" state="hidden""# } else { "" };
        book += &format!(r#"<sheet name="{name}" sheetId="{}"{state} r:id="rId{}"/>"#, i + 1, i + 1);
        rels += &format!(
            r#"<Relationship Id="rId{}" Type="http://x/worksheet" Target="worksheets/sheet{}.xml"/>"#,
            i + 1,
            i + 1
        );
        parts
            .push((format!("xl/worksheets/sheet{}.xml", i + 1), format!("<worksheet>{data}</worksheet>").into_bytes()));
    }
    book += "</sheets></workbook>";
    rels += r#"<Relationship Id="rS" Type="http://x/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rT" Type="http://x/styles" Target="/xl/styles.xml"/></Relationships>"#;
    let sst: String = strings.iter().map(|s| format!("<si><t>{s}</t></si>")).collect();
    parts.push(("xl/workbook.xml".into(), book.into_bytes()));
    parts.push(("xl/_rels/workbook.xml.rels".into(), rels.into_bytes()));
    parts.push(("xl/sharedStrings.xml".into(), format!("<sst>{sst}</sst>").into_bytes()));
    parts.push(("xl/styles.xml".into(), styles.as_bytes().to_vec()));
    let borrowed: Vec<(&str, &[u8])> = parts.iter().map(|(n, b)| (n.as_str(), b.as_slice())).collect();
    zip(&borrowed)
}

/// A worksheet's XML from tab-separated rows, every cell an inline string.
fn sheet_data(text: &str) -> String {
    let escape = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
    let rows: String = text
        .lines()
        .enumerate()
        .map(|(r, line)| {
            let cells: String = line
                .split('\t')
                .enumerate()
                .filter(|(_, c)| !c.is_empty())
                .map(|(c, v)| {
                    let a1 = format!("{}{}", (b'A' + c as u8) as char, r + 1);
                    format!(r#"<c r="{a1}" t="inlineStr"><is><t>{}</t></is></c>"#, escape(v))
                })
                .collect();
            format!(r#"<row r="{}">{cells}</row>"#, r + 1)
        })
        .collect();
    format!("<sheetData>{rows}</sheetData>")
}

#[test]
fn every_visible_worksheet_is_read_and_other_forms_are_named() {
    let first = sheet_data(FIXTURE.split("\n\n\n").next().unwrap_or(FIXTURE));
    let application = sheet_data("项目支出绩效目标申报表\n项目名称\t某项目\n三级指标\t指标值\n");
    let hidden = sheet_data("财政项目支出绩效自评表\n项目名称\t隐藏的表\n");
    let book = workbook(
        &[
            ("自评1", false, &first),
            ("申报", false, &application),
            ("隐藏", true, &hidden),
            ("自评2", false, &sheet_data(FIXTURE)),
        ],
        &[],
        "<styleSheet/>",
    );
    let report = check("book.xlsx", &book);
    let names: Vec<_> = report.sheets.iter().filter_map(|s| s.project_name.clone()).collect();
    assert!(!names.iter().any(|n| n == "隐藏的表"), "a hidden worksheet is not read: {names:?}");
    assert!(names.len() >= 5, "the first worksheet's forms and the fourth's: {names:?}");
    assert_eq!(report.findings.iter().filter(|f| f.code == "L007").count(), 1);
    assert!(report.findings.iter().any(|f| f.message.contains("项目支出绩效目标申报表")));
}

#[test]
fn cells_of_every_kind_in_a_workbook() {
    let data = r#"<sheetData>
        <row r="2"><c r="B2" t="s"><v>1</v></c><c r="C2" s="1"><v>0.955</v></c><c r="D2" s="2"><v>45291</v></c></row>
        <row><c t="str"><f>A1</f><v>公式_x000D_
文本</v></c><c t="b"><v>1</v></c><c t="e"><v>#DIV/0!</v></c><c s="3"><v>1234.5</v></c><c><v>24.089999999999996</v></c></row>
        </sheetData><mergeCells count="1"><mergeCell ref="B2:C3"/></mergeCells>"#;
    let styles = r#"<styleSheet><numFmts><numFmt numFmtId="170" formatCode="0.0%"/></numFmts>
        <cellStyleXfs><xf numFmtId="9"/></cellStyleXfs>
        <cellXfs><xf numFmtId="0"/><xf numFmtId="170"/><xf numFmtId="31"/><xf numFmtId="4"/></cellXfs></styleSheet>"#;
    let book = workbook(&[("表", false, data)], &["甲", "执行率"], styles);
    let (grid, merges) = read_bytes("b.xlsx", &book).unwrap();
    let rows = grid.to_rows();
    assert_eq!(rows[1], ["", "执行率", "95.5%", "2023年12月31日"]);
    assert_eq!(rows[2], ["公式\n文本", "TRUE", "#DIV/0!", "1,234.50", "24.09"]);
    assert_eq!(merges.len(), 1);
    assert_eq!((merges[0].at.a1(), merges[0].rows, merges[0].cols), ("B2".to_owned(), 2, 2));
}

#[test]
fn a_word_table_with_vertical_merges_and_title_paragraphs() {
    let tc = |text: &str, props: &str| {
        format!("<w:tc><w:tcPr>{props}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>")
    };
    let document = format!(
        "<w:document><w:body>\
         <w:p><w:r><w:t>财政项目支出绩效</w:t></w:r><w:r><w:t>自评表</w:t></w:r></w:p>\
         <w:p><w:r><w:delText>删去的</w:delText><w:t>(2023年度)</w:t></w:r></w:p>\
         <w:tbl><w:tr>{}{}</w:tr><w:tr>{}{}</w:tr>\
         <w:tr>{}<w:tc><w:p><w:r><w:t>第一行</w:t><w:br/><w:t>第二行</w:t></w:r></w:p>\
         <w:tbl><w:tr><w:tc><w:p><w:r><w:t>内表</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:tc></w:tr>\
         <w:tr><w:trPr><w:gridBefore w:val=\"1\"/></w:trPr>{}</w:tr></w:tbl>\
         </w:body></w:document>",
        tc("产出指标", "<w:vMerge w:val=\"restart\"/>"),
        tc("项目名称", "<w:gridSpan w:val=\"2\"/>"),
        tc("", "<w:vMerge/>"),
        tc("某项目", ""),
        tc("", "<w:vMerge w:val=\"continue\"/>"),
        tc("尾", ""),
    );
    let docx = zip(&[("word/document.xml", document.as_bytes())]);
    let (grid, merges) = read_bytes("a.docx", &docx).unwrap();
    let rows = grid.to_rows();
    assert_eq!(rows[0], ["财政项目支出绩效自评表"]);
    assert_eq!(rows[1], ["(2023年度)"]);
    assert_eq!(rows[2], ["产出指标", "项目名称"]);
    assert_eq!(rows[3], ["", "某项目"]);
    assert_eq!(rows[4], ["", "第一行\n第二行\n内表"]);
    assert_eq!(rows[5], ["", "尾"], "gridBefore skips a column");
    let mut spans: Vec<_> = merges.iter().map(|m| (m.at.a1(), m.rows, m.cols)).collect();
    spans.sort();
    assert_eq!(spans, [("A3".to_owned(), 3, 1), ("B3".to_owned(), 1, 2)]);
}

#[test]
fn a_single_file_web_page_reads_as_its_page() {
    let html = String::from_utf8(office("fixture.html")).unwrap();
    let encoded: String = html
        .bytes()
        .map(|b| if b == b'=' || b >= 0x80 { format!("={b:02X}") } else { (b as char).to_string() })
        .collect();
    let mht = format!(
        "MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"----=_NextPart_0\"\r\n\r\n------=_NextPart_0\r\n\
         Content-Type: text/html; charset=\"utf-8\"\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n{encoded}\r\n------=_NextPart_0--\r\n"
    );
    assert_eq!(relative(&check("表.mht", mht.as_bytes())), relative(&check("fixture.html", html.as_bytes())));
}

/// The one finding a file that cannot be read gets, and its message.
fn refused(name: &str, bytes: &[u8]) -> String {
    let report = check(name, bytes);
    assert!(report.sheets.is_empty(), "{name}");
    assert_eq!(report.findings.len(), 1, "{name}: {:?}", report.findings);
    assert_eq!(report.findings[0].code, "D001", "{name}");
    let message = report.findings[0].message.clone();
    assert!(!["invalid", "rror", "failed", "unexpected", "panic"].iter().any(|w| message.contains(w)), "{message}");
    message
}

#[test]
fn damaged_files_are_refused_with_a_reason() {
    for name in ["fixture.xlsx", "fixture.xls", "fixture.ods", "fixture-merged.docx"] {
        let bytes = office(name);
        for cut in [bytes.len() / 2, bytes.len() - 30, 600] {
            let message = refused(name, &bytes[..cut]);
            let kind = if name.ends_with(".docx") {
                "Word 文档"
            } else {
                "这是Excel 97-2003 工作簿|这是Excel 工作簿|OpenDocument"
            };
            assert!(
                kind.split('|').any(|k| message.contains(k)),
                "{name} cut at {cut} is named by its kind: {message}"
            );
            assert!(message.contains("损坏或不完整"), "{name} cut at {cut}: {message}");
        }
    }
}

#[test]
fn a_zip_bomb_stops_at_the_ratio() {
    // 20 MB of one byte deflates to about 20 KB: a ratio of 1000, where XML has 5 to 30.
    let book = [("xl/workbook.xml", br#"<workbook><sheets><sheet name="a" r:id="r1"/></sheets></workbook>"#.as_slice()),
        ("xl/_rels/workbook.xml.rels", br#"<Relationships><Relationship Id="r1" Type="x/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#.as_slice()),
        ("xl/worksheets/sheet1.xml", &vec![b' '; 20 << 20])];
    let bomb = zip(&book);
    assert!(bomb.len() < 1 << 20);
    let message = refused("bomb.xlsx", &bomb);
    assert!(message.contains("压缩比") && message.contains("sheet1.xml"), "{message}");
}

#[test]
fn files_that_are_not_read_say_what_they_are() {
    let compound = |stream: &str| {
        let mut file = cfb::CompoundFile::create(Cursor::new(Vec::new())).unwrap();
        file.create_stream(stream).unwrap().write_all(b"\x09\x08\x10\x00\x00\x06\x05\x00").unwrap();
        file.into_inner().into_inner()
    };
    let doc = refused("报告.doc", &compound("WordDocument"));
    assert!(doc.contains("Word") && !doc.contains("Excel"), "{doc}");
    let locked = refused("表.xlsx", &compound("EncryptedPackage"));
    assert!(locked.contains("密码") && locked.contains(".xlsx"), "{locked}");
    // An .xls whose globals hold FILEPASS: a password to open.
    let mut file = cfb::CompoundFile::create(Cursor::new(Vec::new())).unwrap();
    file.create_stream("Workbook").unwrap().write_all(b"\x09\x08\x04\x00\x00\x06\x05\x00\x2F\x00\x00\x00").unwrap();
    assert!(refused("表.xls", &file.into_inner().into_inner()).contains("密码"));
    let locked_ods = zip(&[
        ("mimetype", b"application/vnd.oasis.opendocument.spreadsheet"),
        ("META-INF/manifest.xml", b"<manifest:manifest><manifest:encryption-data/></manifest:manifest>"),
        ("content.xml", b"\x8f\x01"),
    ]);
    assert!(refused("表.ods", &locked_ods).contains("密码"));
    assert!(refused("表.xlsb", &zip(&[("xl/workbook.bin", b"")])).contains(".xlsb"));
    assert!(refused("表.docx", b"%PDF-1.7\n").contains("PDF"));
    assert!(refused("a.zip", &zip(&[("readme.txt", b"hi")])).contains("解压"));
    let odt = zip(&[("mimetype", b"application/vnd.oasis.opendocument.text"), ("content.xml", b"<x/>")]);
    assert!(refused("a.odt", &odt).contains(".docx"));
    // A file bigger than the bound is refused before anything is read.
    let big = vec![b'a'; selfeval::input::limits::MAX_FILE_BYTES + 1];
    assert!(refused("big.txt", &big).contains("上限"));
}

#[test]
fn the_content_decides_not_the_name() {
    // Text named .xlsx is read as text; a workbook named .txt as a workbook.
    let as_text = check("表.xlsx", FIXTURE.as_bytes());
    assert_eq!(as_text.sheets.len(), 4);
    let as_book = check("表.txt", &office("fixture.xlsx"));
    assert_eq!(relative(&as_book), relative(&check("fixture.txt", FIXTURE.as_bytes())));
}

#[test]
fn each_real_form_saved_as_a_workbook_gives_its_findings() {
    // tests/fixtures/office/corpus: each form of tests/corpus saved by Calc as .xlsx (percent cells
    // become percent-formatted numbers). The same codes on the same cells, but where Calc changed what
    // the form shows: it formats every percent it detects as 0.00%, so 401's stated 执行率 `99%` shows as
    // `99.00%`, which at that precision is not 65.07 ÷ 65.66 = 99.10% (F001, rightly); likewise 302's
    // `86%` as `86.00%` against 37.24 ÷ 43.2 = 86.20%, 902's `50%` as `50.00%` against 49.88%, 1400's
    // `60%` as `60.00%` against 171 ÷ 287 = 59.58%, 1401's `50%` as `50.00%` against 100 ÷ 202 = 49.50%,
    // and 1500's `22%` as `22.00%` against 27.9996 ÷ 127 = 22.05%.
    let dir = format!("{}/tests/corpus", env!("CARGO_MANIFEST_DIR"));
    let mut forms = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "tsv") {
            continue;
        }
        let stem = path.file_stem().unwrap().to_str().unwrap().to_owned();
        let cells = |r: &Report| -> Vec<(&'static str, Option<String>)> {
            r.sheets.iter().flat_map(|s| s.findings.iter().map(|f| (f.code, f.cell.clone()))).collect()
        };
        let text = check(&stem, &std::fs::read(&path).unwrap());
        let book = check(&stem, &office(&format!("corpus/{stem}.xlsx")));
        let mut want = cells(&text);
        let reformatted =
            [("401_", "H6"), ("302_", "G7"), ("902_", "F5"), ("1400_", "G6"), ("1401_", "G6"), ("1500_", "E7")];
        for (_, cell) in reformatted.iter().filter(|(form, _)| stem.starts_with(form)) {
            want.push(("F001", Some((*cell).into())));
        }
        let mut got = cells(&book);
        want.sort();
        got.sort();
        assert_eq!(got, want, "{stem}");
        forms += 1;
    }
    // Every form has its workbook, and every workbook its form.
    let books =
        std::fs::read_dir(format!("{}/tests/fixtures/office/corpus", env!("CARGO_MANIFEST_DIR"))).unwrap().count();
    assert_eq!((forms, books), (books, forms));
    assert!(forms >= 33);
}

/// The cells of a file built here.
fn rows_of(name: &str, bytes: &[u8]) -> Vec<Vec<String>> {
    read_bytes(name, bytes).unwrap_or_else(|e| panic!("{name}: {}", e.message(name))).0.to_rows()
}

#[test]
fn what_peers_files_showed_each_on_a_small_file() {
    // A paragraph's tab stops (`w:tabs`) are no text; a run's `<w:tab/>` is a tab.
    let document = r#"<w:document><w:body><w:tbl><w:tr><w:tc><w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/><w:tab w:val="right" w:pos="1440"/></w:tabs></w:pPr><w:r><w:t>a</w:t><w:tab/><w:t>b</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:body></w:document>"#;
    assert_eq!(rows_of("a.docx", &zip(&[("word/document.xml", document.as_bytes())])), vec![vec!["a\tb"]]);
    // A blank line inside an .ods cell (an empty `<text:p/>`) stays, as Calc shows it.
    let content = r#"<office:document-content><office:body><office:spreadsheet><table:table><table:table-row><table:table-cell office:value-type="string"><text:p>a</text:p><text:p/><text:p>b</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"#;
    let ods =
        zip(&[("mimetype", b"application/vnd.oasis.opendocument.spreadsheet"), ("content.xml", content.as_bytes())]);
    assert_eq!(rows_of("a.ods", &ods), vec![vec!["a\n\nb"]]);
    // Part names that differ in case or use backslashes, and a worksheet outside `xl/` reached through
    // the relationships, are found.
    let sheet = br#"<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>"#;
    for (target, stored) in [
        (r"worksheets\sheet1.xml", "xl/worksheets/Sheet1.xml"),
        ("../sheets/s1.xml", "sheets/s1.xml"),
        ("/XL/Worksheets/sheet1.xml", "xl/worksheets/sheet1.xml"),
    ] {
        let rels =
            format!(r#"<Relationships><Relationship Id="r1" Type="x/worksheet" Target="{target}"/></Relationships>"#);
        let book = zip(&[
            ("xl/workbook.xml", br#"<workbook><sheets><sheet name="a" r:id="r1"/></sheets></workbook>"#.as_slice()),
            ("xl/_rels/workbook.xml.rels", rels.as_bytes()),
            ("xl/SharedStrings.xml", "<sst><si><t>项目名称</t></si></sst>".as_bytes()),
            (stored, sheet.as_slice()),
        ]);
        assert_eq!(rows_of("a.xlsx", &book), vec![vec!["项目名称"]], "{target} stored as {stored}");
    }
    // An Excel 5.0/95 workbook (BIFF5 in a `Book` stream) is read: its text in the code page it names
    // (936, GBK), its labels in their records, its numbers through their formats. The same records in
    // a stream named `WORKBOOK` are found too (stream names have no case).
    let record = |kind: u16, data: &[u8]| [&kind.to_le_bytes()[..], &(data.len() as u16).to_le_bytes(), data].concat();
    let gbk = |s: &str| encoding_rs::GBK.encode(s).0.into_owned();
    let label = |row: u16, col: u16, text: &str| {
        let bytes = gbk(text);
        record(
            0x0204,
            &[&row.to_le_bytes()[..], &col.to_le_bytes(), &[0, 0], &(bytes.len() as u16).to_le_bytes(), &bytes]
                .concat(),
        )
    };
    let number = |row: u16, col: u16, xf: u16, n: f64| {
        record(0x0203, &[&row.to_le_bytes()[..], &col.to_le_bytes(), &xf.to_le_bytes(), &n.to_le_bytes()].concat())
    };
    let name = gbk("自评表");
    let format = gbk("0.00%");
    let xf = |format: u16| record(0x00E0, &[&[0, 0][..], &format.to_le_bytes(), &[0; 12]].concat());
    let globals_before = [
        record(0x0809, &[0x00, 0x05, 0x05, 0x00, 0, 0, 0, 0]),
        record(0x0042, &936u16.to_le_bytes()),
        record(0x041E, &[&[0xA4, 0x00, format.len() as u8][..], &format].concat()),
        xf(0),
        xf(0xA4),
    ]
    .concat();
    let boundsheet_len = 4 + 4 + 2 + 1 + name.len();
    let eof = record(0x000A, &[]);
    let sheet_at = (globals_before.len() + boundsheet_len + eof.len()) as u32;
    let globals = [
        globals_before,
        record(0x0085, &[&sheet_at.to_le_bytes()[..], &[0, 0, name.len() as u8], &name].concat()),
        eof.clone(),
    ]
    .concat();
    let sheet = [
        record(0x0809, &[0x00, 0x05, 0x10, 0x00, 0, 0, 0, 0]),
        label(0, 0, "项目名称"),
        label(0, 1, "预算执行率"),
        number(1, 1, 1, 0.9876),
        eof,
    ]
    .concat();
    for stream in ["Book", "WORKBOOK"] {
        let mut file = cfb::CompoundFile::create(Cursor::new(Vec::new())).unwrap();
        file.create_stream(stream).unwrap().write_all(&[globals.clone(), sheet.clone()].concat()).unwrap();
        let bytes = file.into_inner().into_inner();
        let sheets = selfeval::input::read_worksheets("表.xls", &bytes)
            .unwrap_or_else(|e| panic!("{stream}: {}", e.message("表.xls")));
        assert_eq!(sheets.len(), 1, "{stream}");
        assert_eq!(sheets[0].name, "自评表", "{stream}");
        assert_eq!(sheets[0].rows, vec![vec!["项目名称", "预算执行率"], vec!["", "98.76%"]], "{stream}");
    }
    // A minimal package keeps its workbook at its root, where `_rels/.rels` says. A date cell
    // (`t="d"`) shows through its format as the serial it is; a label through its format's text
    // section (`_(@_)` pads it, as Excel and LibreOffice show it).
    let rels = br#"<Relationships><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="book.xml"/></Relationships>"#;
    let book_rels = br#"<Relationships><Relationship Id="s1" Type="x/worksheet" Target="s.xml"/><Relationship Id="st" Type="x/styles" Target="styles.xml"/></Relationships>"#;
    let styles = r#"<styleSheet><numFmts><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/><numFmt numFmtId="165" formatCode="_(* #,##0_);_(* (#,##0);_(* &quot;-&quot;??_);_(@_)"/></numFmts><cellXfs><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="165"/></cellXfs></styleSheet>"#.as_bytes();
    let cells = br#"<worksheet><sheetData><row r="1"><c r="A1" t="d" s="1"><v>2023-12-31T00:00:00</v></c><c r="B1" t="inlineStr" s="2"><is><t>Gas</t></is></c><c r="C1" s="2"><v>0</v></c></row></sheetData><mergeCells><mergeCell ref="A3:B5"/></mergeCells></worksheet>"#;
    let minimal = zip(&[
        ("_rels/.rels", rels.as_slice()),
        ("book.xml", r#"<workbook><sheets><sheet name="表" r:id="s1"/></sheets></workbook>"#.as_bytes()),
        ("_rels/book.xml.rels", book_rels.as_slice()),
        ("styles.xml", styles),
        ("s.xml", cells.as_slice()),
    ]);
    assert_eq!(rows_of("a.xlsx", &minimal), vec![vec!["2023年12月31日", " Gas ", " -   "]]);
    // `selfeval grid` keeps a merge that lies past the last cell with text, as the sheet has it.
    let sheets = selfeval::input::read_worksheets("a.xlsx", &minimal).unwrap();
    let merges: Vec<_> = sheets[0].merges.iter().map(|m| (m.at.row, m.at.col, m.rows, m.cols)).collect();
    assert_eq!(merges, vec![(2, 0, 3, 2)]);
    // A workbook Excel encrypted with its default password (calamine's own file, read in place)
    // opens without one: its sheet's name, encrypted in the file, reads as LibreOffice shows it.
    let peer = |name: &str| {
        let path = format!("{}/../shared/peer-files/calamine/{name}", env!("CARGO_MANIFEST_DIR"));
        std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
    };
    let sheets = selfeval::input::read_worksheets("issue_385.xls", &peer("issue_385.xls")).unwrap();
    assert_eq!(sheets.iter().map(|s| s.name.as_str()).collect::<Vec<_>>(), ["Sheet1"]);
    // Excel 2.x–4.0 files are named for what they are, with what to save them as.
    let biff4 = refused("表.xls", b"\x09\x04\x06\x00\x00\x00\x10\x00\x00\x00\x0a\x00\x00\x00");
    assert!(biff4.contains("Excel 2.x–4.0") && biff4.contains(".xlsx"), "{biff4}");
}
