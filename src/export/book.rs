//! A small writer of SpreadsheetML (`.xlsx`), enough for a form: worksheets of text and number cells,
//! merged ranges, column widths, a frozen header row, cell styles (font, fill, thin borders, alignment,
//! wrapping, number format) and notes (the comments part and the VML drawing Excel shows them by).
//!
//! Written here rather than with rust_xlsxwriter, which does all this and far more: measured, it made
//! the wasm 670 KB bigger (262 KB gzipped), two thirds of the module, for one button. The parts and
//! their order follow ECMA-376 Part 1 (§18.3.1.99 for the worksheet's children). Numbers are written as
//! the decimal text they were given (`<v>0.98</v>`), which is what the file stores: no float arithmetic.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::io::{Cursor, Write};

use crate::grid::column_name;

/// A cell's look. Fonts, fills and number formats are indices into the fixed lists below.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Style {
    pub font: Font,
    pub fill: Fill,
    pub border: bool,
    pub align: Align,
    pub wrap: bool,
    /// A number's format, or `None` for General.
    pub number: Option<Number>,
}

/// A number format that shows a number with `decimals` places, as a percent or not: `0.00`, `0%`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Number {
    pub decimals: u8,
    pub percent: bool,
}

impl Number {
    /// The format code.
    pub fn code(self) -> String {
        let places =
            if self.decimals > 0 { format!(".{}", "0".repeat(usize::from(self.decimals))) } else { String::new() };
        format!("0{places}{}", if self.percent { "%" } else { "" })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Font {
    #[default]
    Normal,
    Bold,
    Title,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Fill {
    #[default]
    None,
    Label,
    Error,
    Warning,
    Info,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Align {
    #[default]
    Left,
    Center,
    Right,
}

/// What a cell holds: text, or a number as decimal text.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Text(String),
    Number(String),
    Blank,
}

/// One worksheet.
#[derive(Debug, Default)]
pub struct Sheet {
    pub name: String,
    cells: BTreeMap<(usize, usize), (Value, Style)>,
    merges: Vec<(usize, usize, usize, usize)>,
    widths: BTreeMap<usize, f64>,
    notes: Vec<(usize, usize, String)>,
    /// Whether the first row stays in view when scrolling.
    pub frozen_header: bool,
}

impl Sheet {
    pub fn new(name: &str) -> Self {
        Sheet { name: name.to_owned(), ..Sheet::default() }
    }

    pub fn cell(&mut self, row: usize, col: usize, value: Value, style: Style) {
        self.cells.insert((row, col), (value, style));
    }

    /// Merges `rows` × `cols` cells from (row, col); the covered cells take the top-left one's style,
    /// so a merged range's borders are whole.
    pub fn merge(&mut self, row: usize, col: usize, rows: usize, cols: usize, style: Style) {
        self.merges.push((row, col, row + rows - 1, col + cols - 1));
        for r in row..row + rows {
            for c in col..col + cols {
                if (r, c) != (row, col) {
                    self.cells.insert((r, c), (Value::Blank, style));
                }
            }
        }
    }

    pub fn width(&mut self, col: usize, width: f64) {
        self.widths.insert(col, width);
    }

    pub fn note(&mut self, row: usize, col: usize, text: String) {
        self.notes.push((row, col, text));
    }
}

/// The workbook's bytes.
pub fn write(sheets: &[Sheet]) -> Result<Vec<u8>, zip::result::ZipError> {
    let mut styles = Styles::default();
    let mut parts: Vec<(String, String)> = Vec::new();
    let mut overrides = String::new();
    let mut book_sheets = String::new();
    let mut book_rels = String::new();
    let mut notes_parts = 0;
    for (i, sheet) in sheets.iter().enumerate() {
        let n = i + 1;
        let has_notes = !sheet.notes.is_empty();
        if has_notes {
            notes_parts += 1;
        }
        parts.push((format!("xl/worksheets/sheet{n}.xml"), worksheet(sheet, &mut styles, has_notes)));
        let _ = write!(
            overrides,
            r#"<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
        );
        let _ = write!(book_sheets, r#"<sheet name="{}" sheetId="{n}" r:id="rId{n}"/>"#, escape(&sheet.name));
        let _ =
            write!(book_rels, r#"<Relationship Id="rId{n}" Type="{REL}/worksheet" Target="worksheets/sheet{n}.xml"/>"#);
        if has_notes {
            let k = notes_parts;
            parts.push((format!("xl/comments{k}.xml"), comments(sheet)));
            parts.push((format!("xl/drawings/vmlDrawing{k}.vml"), vml(sheet, k)));
            parts.push((
                format!("xl/worksheets/_rels/sheet{n}.xml.rels"),
                format!(
                    r#"{DECL}<Relationships xmlns="{PKG_REL}"><Relationship Id="rId1" Type="{REL}/comments" Target="../comments{k}.xml"/><Relationship Id="rId2" Type="{REL}/vmlDrawing" Target="../drawings/vmlDrawing{k}.vml"/></Relationships>"#
                ),
            ));
            let _ = write!(
                overrides,
                r#"<Override PartName="/xl/comments{k}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"/>"#
            );
        }
    }
    let styles_n = sheets.len() + 1;
    let _ = write!(book_rels, r#"<Relationship Id="rId{styles_n}" Type="{REL}/styles" Target="styles.xml"/>"#);
    parts.push(("xl/styles.xml".into(), styles.xml()));
    parts.push((
        "xl/workbook.xml".into(),
        format!(r#"{DECL}<workbook xmlns="{MAIN}" xmlns:r="{REL}"><bookViews><workbookView/></bookViews><sheets>{book_sheets}</sheets></workbook>"#),
    ));
    parts.push((
        "xl/_rels/workbook.xml.rels".into(),
        format!(r#"{DECL}<Relationships xmlns="{PKG_REL}">{book_rels}</Relationships>"#),
    ));
    parts.push((
        "_rels/.rels".into(),
        format!(r#"{DECL}<Relationships xmlns="{PKG_REL}"><Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>"#),
    ));
    parts.push((
        "[Content_Types].xml".into(),
        format!(
            r#"{DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="vml" ContentType="application/vnd.openxmlformats-officedocument.vmlDrawing"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>{overrides}</Types>"#
        ),
    ));
    // The content types first, as Office writes them.
    parts.reverse();
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, xml) in &parts {
        zip.start_file(name.as_str(), zip::write::SimpleFileOptions::default())?;
        zip.write_all(xml.as_bytes())?;
    }
    Ok(zip.finish()?.into_inner())
}

const DECL: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#;
const MAIN: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL: &str = "http://schemas.openxmlformats.org/package/2006/relationships";

fn worksheet(sheet: &Sheet, styles: &mut Styles, has_notes: bool) -> String {
    let mut xml =
        format!(r#"{DECL}<worksheet xmlns="{MAIN}" xmlns:r="{REL}"><sheetViews><sheetView workbookViewId="0">"#);
    if sheet.frozen_header {
        xml.push_str(r#"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#);
    }
    xml.push_str(r#"</sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/>"#);
    if !sheet.widths.is_empty() {
        xml.push_str("<cols>");
        for (col, width) in &sheet.widths {
            let _ = write!(xml, r#"<col min="{0}" max="{0}" width="{width:.1}" customWidth="1"/>"#, col + 1);
        }
        xml.push_str("</cols>");
    }
    xml.push_str("<sheetData>");
    let mut row_open: Option<usize> = None;
    for (&(row, col), (value, style)) in &sheet.cells {
        if row_open != Some(row) {
            if row_open.is_some() {
                xml.push_str("</row>");
            }
            let _ = write!(xml, r#"<row r="{}">"#, row + 1);
            row_open = Some(row);
        }
        let reference = format!("{}{}", column_name(col), row + 1);
        let s = styles.index(*style);
        match value {
            Value::Text(text) => {
                let _ = write!(
                    xml,
                    r#"<c r="{reference}" s="{s}" t="inlineStr"><is><t xml:space="preserve">{}</t></is></c>"#,
                    escape(text)
                );
            }
            Value::Number(number) => {
                let _ = write!(xml, r#"<c r="{reference}" s="{s}"><v>{number}</v></c>"#);
            }
            Value::Blank => {
                let _ = write!(xml, r#"<c r="{reference}" s="{s}"/>"#);
            }
        }
    }
    if row_open.is_some() {
        xml.push_str("</row>");
    }
    xml.push_str("</sheetData>");
    if !sheet.merges.is_empty() {
        let _ = write!(xml, r#"<mergeCells count="{}">"#, sheet.merges.len());
        for (r0, c0, r1, c1) in &sheet.merges {
            let _ = write!(xml, r#"<mergeCell ref="{}{}:{}{}"/>"#, column_name(*c0), r0 + 1, column_name(*c1), r1 + 1);
        }
        xml.push_str("</mergeCells>");
    }
    xml.push_str(r#"<pageMargins left="0.5" right="0.5" top="0.75" bottom="0.75" header="0.3" footer="0.3"/><pageSetup paperSize="9" orientation="portrait"/>"#);
    if has_notes {
        xml.push_str(r#"<legacyDrawing r:id="rId2"/>"#);
    }
    xml.push_str("</worksheet>");
    xml
}

fn comments(sheet: &Sheet) -> String {
    let mut xml =
        format!(r#"{DECL}<comments xmlns="{MAIN}"><authors><author>selfeval</author></authors><commentList>"#);
    for (row, col, text) in &sheet.notes {
        let _ = write!(
            xml,
            r#"<comment ref="{}{}" authorId="0"><text><r><t xml:space="preserve">{}</t></r></text></comment>"#,
            column_name(*col),
            row + 1,
            escape(text)
        );
    }
    xml.push_str("</commentList></comments>");
    xml
}

/// The drawing Excel shows notes by: one hidden text box a note, anchored beside its cell.
fn vml(sheet: &Sheet, part: usize) -> String {
    let mut xml = format!(
        r##"<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel"><o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="{part}"/></o:shapelayout><v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>"##
    );
    for (i, (row, col, _)) in sheet.notes.iter().enumerate() {
        let id = part * 1024 + 1 + i;
        let _ = write!(
            xml,
            r##"<v:shape id="_x0000_s{id}" type="#_x0000_t202" style="position:absolute;margin-left:59.25pt;margin-top:1.5pt;width:180pt;height:80pt;z-index:{z};visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto"><v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/><v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox><x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>{c1}, 15, {r0}, 2, {c2}, 15, {r1}, 16</x:Anchor><x:AutoFill>False</x:AutoFill><x:Row>{row}</x:Row><x:Column>{col}</x:Column></x:ClientData></v:shape>"##,
            z = i + 1,
            c1 = col + 1,
            c2 = col + 4,
            r0 = row.saturating_sub(1),
            r1 = row + 4,
        );
    }
    xml.push_str("</xml>");
    xml
}

/// Text for XML: markup escaped, and characters XML 1.0 cannot hold written as OOXML's `_xHHHH_`.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' => out.push(c),
            '\r' => {}
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {
                let _ = write!(out, "_x{:04X}_", c as u32);
            }
            c => out.push(c),
        }
    }
    out
}

/// The cell styles used, each once.
#[derive(Default)]
struct Styles {
    used: Vec<Style>,
    index: HashMap<Style, usize>,
}

impl Styles {
    fn index(&mut self, style: Style) -> usize {
        if self.used.is_empty() {
            self.used.push(Style::default());
            self.index.insert(Style::default(), 0);
        }
        *self.index.entry(style).or_insert_with(|| {
            self.used.push(style);
            self.used.len() - 1
        })
    }

    fn xml(&mut self) -> String {
        self.index(Style::default());
        let mut formats: Vec<Number> = Vec::new();
        for s in &self.used {
            if let Some(number) = s.number {
                if !formats.contains(&number) {
                    formats.push(number);
                }
            }
        }
        let mut xml = format!(r#"{DECL}<styleSheet xmlns="{MAIN}">"#);
        if !formats.is_empty() {
            let _ = write!(xml, r#"<numFmts count="{}">"#, formats.len());
            for (i, code) in formats.iter().enumerate() {
                let _ = write!(xml, r#"<numFmt numFmtId="{}" formatCode="{}"/>"#, 164 + i, code.code());
            }
            xml.push_str("</numFmts>");
        }
        let font = |extra: &str, size: u32| {
            format!(r#"<font>{extra}<sz val="{size}"/><name val="宋体"/><family val="3"/><charset val="134"/></font>"#)
        };
        let _ = write!(xml, r#"<fonts count="3">{}{}{}</fonts>"#, font("", 10), font("<b/>", 10), font("<b/>", 16));
        let solid = |rgb: &str| {
            format!(
                r#"<fill><patternFill patternType="solid"><fgColor rgb="FF{rgb}"/><bgColor indexed="64"/></patternFill></fill>"#
            )
        };
        let _ = write!(
            xml,
            r#"<fills count="6"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>{}{}{}{}</fills>"#,
            solid("F2F2F2"),
            solid("FFC7CE"),
            solid("FFEB9C"),
            solid("DDEBF7")
        );
        let side = |name: &str| format!(r#"<{name} style="thin"><color auto="1"/></{name}>"#);
        let _ = write!(
            xml,
            r#"<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border><border>{}{}{}{}<diagonal/></border></borders>"#,
            side("left"),
            side("right"),
            side("top"),
            side("bottom")
        );
        xml.push_str(r#"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#);
        let _ = write!(xml, r#"<cellXfs count="{}">"#, self.used.len());
        for s in &self.used {
            let num = s.number.and_then(|n| formats.iter().position(|f| *f == n)).map_or(0, |i| 164 + i);
            let font = match s.font {
                Font::Normal => 0,
                Font::Bold => 1,
                Font::Title => 2,
            };
            let fill = match s.fill {
                Fill::None => 0,
                Fill::Label => 2,
                Fill::Error => 3,
                Fill::Warning => 4,
                Fill::Info => 5,
            };
            let horizontal = match s.align {
                Align::Left => "left",
                Align::Center => "center",
                Align::Right => "right",
            };
            let _ = write!(
                xml,
                r#"<xf numFmtId="{num}" fontId="{font}" fillId="{fill}" borderId="{}" xfId="0" applyNumberFormat="1" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1"><alignment horizontal="{horizontal}" vertical="center"{}/></xf>"#,
                u8::from(s.border),
                if s.wrap { r#" wrapText="1""# } else { "" }
            );
        }
        xml.push_str(r#"</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>"#);
        xml
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_for_xml() {
        assert_eq!(escape("a<b>&\"c\"\r\n\u{1}"), "a&lt;b&gt;&amp;&quot;c&quot;\n_x0001_");
    }

    #[test]
    fn styles_are_shared() {
        let mut styles = Styles::default();
        let bold = Style { font: Font::Bold, ..Style::default() };
        assert_eq!(styles.index(Style::default()), 0);
        assert_eq!(styles.index(bold), 1);
        assert_eq!(styles.index(bold), 1);
        let pct = Style { number: Some(Number { decimals: 0, percent: true }), ..Style::default() };
        assert_eq!(styles.index(pct), 2);
        let xml = styles.xml();
        assert!(xml.contains(r#"<numFmt numFmtId="164" formatCode="0%"/>"#));
        assert!(xml.contains(r#"<cellXfs count="3">"#));
    }
}
