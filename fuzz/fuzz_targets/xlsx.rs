//! The .xlsx reader: fuzzed bytes as a worksheet, its shared strings or its styles (the first byte
//! chooses), inside an otherwise well-formed workbook.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "wrap.rs"]
mod wrap;

const WORKBOOK: &[u8] = br#"<workbook><workbookPr date1904="0"/><sheets><sheet name="a" r:id="r1"/></sheets></workbook>"#;
const RELS: &[u8] = br#"<Relationships><Relationship Id="r1" Type="x/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="r2" Type="x/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="r3" Type="x/styles" Target="styles.xml"/></Relationships>"#;
const SHEET: &[u8] = br#"<worksheet><sheetData><row r="1"><c r="A1" t="s" s="1"><v>0</v></c><c r="B1" s="1"><v>0.98</v></c></row></sheetData></worksheet>"#;
const STRINGS: &[u8] = "<sst><si><t>财政项目支出绩效自评表</t></si></sst>".as_bytes();
const STYLES: &[u8] = br#"<styleSheet><numFmts><numFmt numFmtId="170" formatCode="0.0%"/></numFmts><cellXfs><xf numFmtId="0"/><xf numFmtId="170"/></cellXfs></styleSheet>"#;

fuzz_target!(|data: &[u8]| {
    let Some((&choice, data)) = data.split_first() else { return };
    let mut parts = vec![
        ("xl/workbook.xml", WORKBOOK),
        ("xl/_rels/workbook.xml.rels", RELS),
        ("xl/worksheets/sheet1.xml", SHEET),
        ("xl/sharedStrings.xml", STRINGS),
        ("xl/styles.xml", STYLES),
    ];
    let fuzzed = parts.remove(2 + usize::from(choice) % 3).0;
    wrap::check("input.xlsx", &wrap::zip(&parts, fuzzed, data));
});
