//! Hostile files built in memory, for the bounds' tests (`tests/bounds.rs`) and their measure
//! (`benches/hostile.rs`): workbooks, spreadsheets and `.xls` streams of a few kilobytes that ask a
//! reader to make far more.
#![allow(dead_code)]

use super::zip;

/// A workbook of worksheets listed in order (the same part may be listed many times), with shared
/// strings.
pub fn xlsx(listed: &[usize], sheets: &[String], strings: &[&str]) -> Vec<u8> {
    let entries: String = listed
        .iter()
        .enumerate()
        .map(|(i, sheet)| format!(r#"<sheet name="s{i}" sheetId="{}" r:id="rId{sheet}"/>"#, i + 1))
        .collect();
    let rels: String = (0..sheets.len())
        .map(|i| format!(r#"<Relationship Id="rId{i}" Type="x/worksheet" Target="worksheets/sheet{i}.xml"/>"#))
        .collect();
    let sst: String = strings.iter().map(|s| format!("<si><t>{s}</t></si>")).collect();
    let book = format!("<workbook><sheets>{entries}</sheets></workbook>");
    let rels = format!(
        r#"<Relationships>{rels}<Relationship Id="rS" Type="x/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#
    );
    let sst = format!("<sst>{sst}</sst>");
    let mut parts: Vec<(String, Vec<u8>)> = vec![
        ("xl/workbook.xml".into(), book.into_bytes()),
        ("xl/_rels/workbook.xml.rels".into(), rels.into_bytes()),
        ("xl/sharedStrings.xml".into(), sst.into_bytes()),
    ];
    for (i, data) in sheets.iter().enumerate() {
        parts.push((format!("xl/worksheets/sheet{i}.xml"), format!("<worksheet>{data}</worksheet>").into_bytes()));
    }
    let borrowed: Vec<(&str, &[u8])> = parts.iter().map(|(n, b)| (n.as_str(), b.as_slice())).collect();
    zip(&borrowed)
}

/// An OpenDocument spreadsheet whose body (`office:spreadsheet`) is `tables`.
pub fn ods(tables: &str) -> Vec<u8> {
    let content = format!("<office:document-content><office:body><office:spreadsheet>{tables}</office:spreadsheet></office:body></office:document-content>");
    zip(&[("mimetype", b"application/vnd.oasis.opendocument.spreadsheet"), ("content.xml", content.as_bytes())])
}

/// An `.xls` Workbook stream: globals that list `listed` worksheet offsets (into the stream), then
/// the worksheets' BIFF8 records.
pub fn xls(listed: impl Fn(usize) -> Vec<usize>, worksheets: &[Vec<u8>]) -> Vec<u8> {
    use std::io::Write;
    let record = |kind: u16, data: &[u8]| [&kind.to_le_bytes()[..], &(data.len() as u16).to_le_bytes(), data].concat();
    let bof = |dt: u16| record(0x0809, &[&0x0600u16.to_le_bytes()[..], &dt.to_le_bytes(), &[0; 12]].concat());
    let eof = record(0x000A, &[]);
    let sheet_entry =
        |offset: usize| record(0x0085, &[&(offset as u32).to_le_bytes()[..], &[0, 0, 1, 0, b's']].concat());
    // The globals' length does not depend on the offsets: each entry is the same size.
    let count = listed(0).len();
    let globals_len = bof(5).len() + count * sheet_entry(0).len() + eof.len();
    let mut starts = Vec::new();
    let mut at = globals_len;
    for sheet in worksheets {
        starts.push(at);
        at += sheet.len();
    }
    let mut stream = bof(5);
    for offset in listed(starts[0]) {
        stream.extend(sheet_entry(offset));
    }
    stream.extend(&eof);
    worksheets.iter().for_each(|w| stream.extend(w));
    let mut file = cfb::CompoundFile::create(std::io::Cursor::new(Vec::new())).unwrap();
    file.create_stream("Workbook").unwrap().write_all(&stream).unwrap();
    file.into_inner().into_inner()
}

/// A worksheet's records: a LABEL of `text` at each of `cells`, and a chart's substream after the first.
pub fn xls_sheet(cells: &[(u16, u16, &str)]) -> Vec<u8> {
    let record = |kind: u16, data: &[u8]| [&kind.to_le_bytes()[..], &(data.len() as u16).to_le_bytes(), data].concat();
    let bof = |dt: u16| record(0x0809, &[&0x0600u16.to_le_bytes()[..], &dt.to_le_bytes(), &[0; 12]].concat());
    let label = |row: u16, col: u16, text: &str| {
        let data = [
            &row.to_le_bytes()[..],
            &col.to_le_bytes(),
            &[0, 0],
            &(text.len() as u16).to_le_bytes(),
            &[0],
            text.as_bytes(),
        ]
        .concat();
        record(0x0204, &data)
    };
    let mut sheet = bof(0x10);
    for (i, (row, col, text)) in cells.iter().enumerate() {
        sheet.extend(label(*row, *col, text));
        if i == 0 {
            // An embedded chart: its own BOF … EOF, with a cell record of its own at A1.
            sheet.extend(bof(0x20));
            sheet.extend(label(0, 0, "chart"));
            sheet.extend(record(0x000A, &[]));
        }
    }
    sheet.extend(record(0x000A, &[]));
    sheet
}
