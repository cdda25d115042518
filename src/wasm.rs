//! The JavaScript binding: the only module that knows about JavaScript.
//!
//! It holds no logic: it calls the engine and converts its results to plain JS objects (maps as objects,
//! missing values as `null`). A malformed profile or an unreadable file becomes a thrown `Error` with a
//! Chinese message and a stable `code` ([`Failure`]); findings are data.
//!
//! The page keeps an [`Input`] (the grid and its merged ranges) as its state: `readText`, `readHtml`,
//! `readFile` and `blankForm` make one, `checkForm` checks it and draws its forms, `toTsv` and
//! `findingsCsv` export it. `checkText`, `checkHtml` and `checkBytes` give the report alone.

use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

use crate::grid::Merge;
use crate::grid::{write_for_excel, Grid, Pos};
use crate::view::SheetView;
use crate::{Profile, Report};

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = r#"
/** A decimal, as a string: amounts and scores are exact, never floats. */
export type Decimal = string;
export type Severity = "error" | "warning" | "info";
export interface Finding {
  code: string; severity: Severity; message: string;
  sheet: number | null; cell: string | null; row: number | null; col: number | null;
  field: string | null; expected: string | null;
  /** Whether writing `expected` into `cell` fixes the finding (a one-click fix). */
  fixable: boolean;
  /** The rule the finding rests on (依据). */
  basis: string;
}
export interface Counts { error: number; warning: number; info: number; }
export interface BudgetReport {
  points: Decimal; statedRate: string | null; computedRate: Decimal | null;
  statedScore: Decimal | null; ruleScore: Decimal | null; scoreCell: string | null;
}
export interface IndicatorReport {
  row: number; level1: string; level2: string; name: string; target: string; actual: string;
  weight: string; score: string; reason: string;
  judgement: "met" | "partly" | "notMet" | "unknown"; ruleScore: Decimal; band: string | null;
  scoreCell: string | null;
}
export interface TotalsReport {
  statedWeight: Decimal | null; computedWeight: Decimal; statedScore: Decimal | null;
  computedScore: Decimal; ruleScore: Decimal;
}
export interface GradeReport { stated: string | null; computed: string; byRule: string; }
export interface SheetReport {
  index: number; firstRow: number; lastRow: number;
  projectName: string | null; department: string | null; implementer: string | null;
  year: string | null; unit: string | null;
  /** The layout read: its stable name, its Chinese name, the labels that told it. */
  layout: "central" | "20/80" | "sichuan-2023" | "department" | "chongqing-department" | "evaluation" | "no-scores" | "unknown";
  layoutLabel: string; layoutEvidence: string[];
  /** Whether the sheet has scores to total and grade (false for a form of no scores and for an unknown layout). */
  scored: boolean;
  /** The profile the sheet was scored by: the one chosen, or its layout's. */
  profile: string;
  budget: BudgetReport; indicators: IndicatorReport[]; totals: TotalsReport; grade: GradeReport;
  findings: Finding[]; counts: Counts;
}
export interface Report {
  schemaVersion: 1; source: string | null; profile: string;
  sheets: SheetReport[]; findings: Finding[]; counts: Counts;
}
/** A merged range: its top-left cell (rows and columns from 0) and its size. */
export interface Merge { row: number; col: number; rows: number; cols: number; }
/**
 * What the page holds: the cells, row by row, the merged ranges of a clipboard's table or a file, and
 * the rows where a part no form spans begins (a workbook's next worksheet, the next file opened).
 */
export interface Input { rows: string[][]; merges: Merge[]; breaks: number[]; }
export interface ViewCell {
  row: number; col: number; name: string; label: string; rows: number; cols: number; kind: "title" | "label" | "value";
  rule: string | null; fill: string | null;
}
export interface SheetView {
  index: number; firstRow: number; lastRow: number; width: number; columns: string[]; cells: ViewCell[];
}
export interface Checked { report: Report; views: SheetView[]; }
export interface Filled { input: Input; filled: number; }
export interface SheetSummary {
  index: number; projectName: string | null; implementer: string | null; statedScore: Decimal | null; ruleScore: Decimal;
  statedGrade: string | null; ruleGrade: string; counts: Counts;
}
export interface Summary { sheets: SheetSummary[]; counts: Counts; }
export interface BuiltinProfile { name: string; label: string; json: string; }
/** A code of the registry: what it finds and on what basis. */
export interface CodeSpec { code: string; severity: Severity; title: string; basis: string; }
/**
 * A file checked in short: one row per form under the columns 文件, 表, 项目名称, 实施单位, 填报得分,
 * 按规则得分, 填报等级, 按规则等级, 错误, 警告, 提示, 说明 (a file with no form gets one row saying why).
 */
export interface FileSummary { rows: string[][]; counts: Counts; }
/** A file to read: its name and its bytes. */
export interface FileBytes { name: string; bytes: Uint8Array; }
/** Files read together: their input (null when none could be read), where each begins (its first row,
 *  from 0), and why each of the others could not be read. */
export interface FilesRead {
  input: Input | null; files: { name: string; row: number }[]; failed: { name: string; message: string }[];
}
/** What every function throws: an Error with a Chinese `message` and a stable `code`. */
export interface SelfevalError extends Error {
  code: "SELFEVAL_PROFILE" | "SELFEVAL_INPUT" | "SELFEVAL_FILE" | "SELFEVAL_EXPORT" | "SELFEVAL_INTERNAL";
}
"#;

#[wasm_bindgen]
extern "C" {
    /// The report, typed for TypeScript as `Report`.
    #[wasm_bindgen(typescript_type = "Report")]
    pub type JsReport;
}

#[wasm_bindgen]
extern "C" {
    /// An [`Input`], typed for TypeScript.
    #[wasm_bindgen(typescript_type = "Input")]
    pub type JsInput;
    /// A [`Checked`], typed for TypeScript.
    #[wasm_bindgen(typescript_type = "Checked")]
    pub type JsChecked;
    /// A [`crate::report::Summary`], typed for TypeScript.
    #[wasm_bindgen(typescript_type = "Summary")]
    pub type JsSummary;
    /// What `fillComputed` gives, typed for TypeScript.
    #[wasm_bindgen(typescript_type = "Filled")]
    pub type JsFilled;
    /// The built-in profiles, typed for TypeScript.
    #[wasm_bindgen(typescript_type = "BuiltinProfile[]")]
    pub type JsProfiles;
    /// The registry of codes, typed for TypeScript.
    #[wasm_bindgen(typescript_type = "CodeSpec[]")]
    pub type JsCodes;
    /// A batch's summary rows, typed for TypeScript.
    #[wasm_bindgen(typescript_type = "string[][]")]
    pub type JsRows;
    /// The files `readFiles` reads, typed for TypeScript.
    #[wasm_bindgen(typescript_type = "FileBytes[]")]
    pub type JsFiles;
    /// What `readFiles` gives, typed for TypeScript.
    #[wasm_bindgen(typescript_type = "FilesRead")]
    pub type JsFilesRead;
    /// What `checkFileSummary` gives, typed for TypeScript.
    #[wasm_bindgen(typescript_type = "FileSummary")]
    pub type JsFileSummary;
}

/// The page's state: the cells and the merged ranges.
#[derive(Serialize, Deserialize)]
struct Input {
    rows: Vec<Vec<String>>,
    #[serde(default)]
    merges: Vec<JsMerge>,
    #[serde(default)]
    breaks: Vec<usize>,
}

#[derive(Serialize, Deserialize)]
struct JsMerge {
    row: usize,
    col: usize,
    rows: usize,
    cols: usize,
}

impl Input {
    fn from_js(value: JsInput) -> Result<(Grid, Vec<Merge>), Failure> {
        let (rows, merges, breaks) = Input::parts(value)?;
        Ok((Grid::from_rows(&rows).with_breaks(breaks), merges))
    }

    /// The rows, merges and breaks of a JS `Input`, to edit.
    fn parts(value: JsInput) -> Result<(Vec<Vec<String>>, Vec<Merge>, Vec<usize>), Failure> {
        let input: Input = serde_wasm_bindgen::from_value(value.into())
            .map_err(|e| Failure::new(Failure::INPUT, format!("表格数据格式不对：{e}")))?;
        let merges = input.merges.iter().map(|m| Merge { at: Pos::new(m.row, m.col), rows: m.rows, cols: m.cols });
        Ok((input.rows, merges.collect(), input.breaks))
    }

    fn to_js(rows: Vec<Vec<String>>, merges: &[Merge], breaks: &[usize]) -> Result<JsInput, Failure> {
        to_js(&Input::new(rows, merges, breaks))
    }

    fn of(grid: &Grid, merges: &[Merge]) -> Result<JsInput, Failure> {
        crate::input::fits_page(grid).map_err(|e| Failure::new(Failure::FILE, e.message("")))?;
        Input::to_js(grid.to_rows(), merges, grid.breaks())
    }

    fn new(rows: Vec<Vec<String>>, merges: &[Merge], breaks: &[usize]) -> Input {
        Input { rows, merges: merges.iter().map(JsMerge::of).collect(), breaks: breaks.to_vec() }
    }
}

impl JsMerge {
    fn of(m: &Merge) -> JsMerge {
        JsMerge { row: m.at.row, col: m.at.col, rows: m.rows, cols: m.cols }
    }
}

#[derive(Serialize)]
struct Checked<'a> {
    report: &'a Report,
    views: &'a [SheetView],
}

/// What a function throws: a JS `Error` whose `message` is Chinese, for the user, and whose `code` is
/// stable, for the program (see `SelfevalError` in the types).
pub struct Failure {
    code: &'static str,
    message: String,
}

impl Failure {
    /// A profile that is not valid JSON or not a profile.
    const PROFILE: &'static str = "SELFEVAL_PROFILE";
    /// An `Input` that is not one.
    const INPUT: &'static str = "SELFEVAL_INPUT";
    /// A file that cannot be read (its kind, damage, a password, a bound passed).
    const FILE: &'static str = "SELFEVAL_FILE";
    /// The Excel export could not be written.
    const EXPORT: &'static str = "SELFEVAL_EXPORT";
    /// A result that could not cross to JS: a defect of ours.
    const INTERNAL: &'static str = "SELFEVAL_INTERNAL";

    fn new(code: &'static str, message: String) -> Self {
        Failure { code, message }
    }
}

impl From<Failure> for JsValue {
    fn from(failure: Failure) -> JsValue {
        let error = js_sys::Error::new(&failure.message);
        // Setting a property on a fresh Error object cannot fail.
        let _ = js_sys::Reflect::set(&error, &JsValue::from_str("code"), &JsValue::from_str(failure.code));
        error.into()
    }
}

#[wasm_bindgen(start)]
fn start() {
    console_error_panic_hook::set_once();
}

fn profile(json: Option<String>) -> Result<Profile, Failure> {
    match json {
        Some(json) if !json.trim().is_empty() => {
            Profile::from_json(&json).map_err(|e| Failure::new(Failure::PROFILE, e.to_string()))
        }
        _ => Ok(Profile::default()),
    }
}

/// A value as JavaScript objects, by way of JSON text and one `JSON.parse`: a report of 200 forms
/// (1.2 MB as JSON) crosses in 1–2 ms so, against 5–8 ms object by object (serde-wasm-bindgen, which
/// reads what JavaScript gives the engine). Absent values are `null`, maps are objects.
fn to_js<T: JsCast>(value: &impl Serialize) -> Result<T, Failure> {
    let json = serde_json::to_string(value).map_err(|e| Failure::new(Failure::INTERNAL, e.to_string()))?;
    js_sys::JSON::parse(&json)
        .map(JsCast::unchecked_into)
        .map_err(|e| Failure::new(Failure::INTERNAL, format!("{e:?}")))
}

/// Checks pasted text; `profileJson` is a scoring profile (JSON), or null to score each sheet by the profile of its layout.
#[wasm_bindgen(js_name = checkText)]
pub fn check_text(text: &str, profile_json: Option<String>) -> Result<JsReport, Failure> {
    to_js(&crate::check_text(text, &profile(profile_json)?))
}

/// Checks a clipboard's HTML (`text/html` of a paste from Excel, WPS or Word).
#[wasm_bindgen(js_name = checkHtml)]
pub fn check_html(html: &str, profile_json: Option<String>) -> Result<JsReport, Failure> {
    to_js(&crate::check_html(html, &profile(profile_json)?))
}

/// Checks a file's bytes; `name` is the file name.
#[wasm_bindgen(js_name = checkBytes)]
pub fn check_bytes(name: &str, bytes: &[u8], profile_json: Option<String>) -> Result<JsReport, Failure> {
    to_js(&crate::check_bytes(name, bytes, &profile(profile_json)?))
}

/// Checks pasted text and gives the report as JSON text (what the `selfeval check --json` command
/// prints): for a portal that stores or forwards the report, and cheaper to cross than objects.
#[wasm_bindgen(js_name = checkTextJson)]
pub fn check_text_json(text: &str, profile_json: Option<String>) -> Result<String, Failure> {
    Ok(crate::check_text(text, &profile(profile_json)?).to_json())
}

/// Checks pasted text and gives the report in short: per sheet its project, scores, grades and
/// counts. For a portal listing hundreds of sheets.
#[wasm_bindgen(js_name = checkTextSummary)]
pub fn check_text_summary(text: &str, profile_json: Option<String>) -> Result<JsSummary, Failure> {
    to_js(&crate::check_text(text, &profile(profile_json)?).summary())
}

/// Reads pasted text into the page's state.
#[wasm_bindgen(js_name = readText)]
pub fn read_text(text: &str) -> Result<JsInput, Failure> {
    Input::of(&crate::input::read_text(text, None).map_err(pasted)?, &[])
}

/// Why a paste could not be read, for the user.
fn pasted(e: crate::input::ReadError) -> Failure {
    Failure::new(Failure::INPUT, e.message("粘贴的内容"))
}

/// Reads a clipboard's HTML into the page's state, with its merged ranges.
#[wasm_bindgen(js_name = readHtml)]
pub fn read_html(html: &str) -> Result<JsInput, Failure> {
    let (grid, merges) = crate::read_html(html).map_err(pasted)?;
    Input::of(&grid, &merges)
}

/// Reads a file into the page's state: a workbook (`.xlsx`, `.xls`, `.ods`), a Word document
/// (`.docx`), a web page (`.html`, `.mht`) or text; `encoding` (a label such as `gbk`, or null to
/// guess) is for text whose encoding was guessed wrong. A file that cannot be read throws an error that
/// says why and what to do.
#[wasm_bindgen(js_name = readFile)]
pub fn read_file(name: &str, bytes: &[u8], encoding: Option<String>) -> Result<JsInput, Failure> {
    let (grid, merges) = crate::input::read_bytes_as(name, bytes, encoding.as_deref())
        .map_err(|e| Failure::new(Failure::FILE, e.message(name)))?;
    Input::of(&grid, &merges)
}

/// Reads files together into the page's state, one below the other with a blank row between, each a
/// part no form spans, all within one set of bounds: a workbook, a document, a web page or text each
/// (`encoding` as for `readFile`). A file that cannot be read is named with why; the others are read.
#[wasm_bindgen(js_name = readFiles)]
pub fn read_files(files: JsFiles, encoding: Option<String>) -> Result<JsFilesRead, Failure> {
    #[derive(Serialize)]
    struct Named {
        name: String,
        row: usize,
    }
    #[derive(Serialize)]
    struct Failed {
        name: String,
        message: String,
    }
    #[derive(Serialize)]
    struct FilesRead {
        input: Option<Input>,
        files: Vec<Named>,
        failed: Vec<Failed>,
    }
    // Each file's bytes copied out at once (a Uint8Array read as a sequence crosses byte by byte).
    let field = |file: &JsValue, key: &str| js_sys::Reflect::get(file, &JsValue::from_str(key)).unwrap_or_default();
    let files: Vec<(String, Vec<u8>)> = js_sys::Array::from(&files.into())
        .iter()
        .map(|file| {
            let name = field(&file, "name").as_string().unwrap_or_default();
            (name, js_sys::Uint8Array::new(&field(&file, "bytes")).to_vec())
        })
        .collect();
    let (read, failed) = crate::input::read_files(
        files.iter().map(|(name, bytes)| (name.as_str(), bytes.as_slice())),
        encoding.as_deref(),
    );
    let mut failed: Vec<Failed> =
        failed.into_iter().map(|(name, e)| Failed { message: e.message(&name), name }).collect();
    let (input, files) = match read {
        Some(joined) => match crate::input::fits_page(&joined.grid) {
            Ok(()) => (
                Some(Input::new(joined.grid.to_rows(), &joined.merges, joined.grid.breaks())),
                joined.files.into_iter().map(|(name, row)| Named { name, row }).collect(),
            ),
            Err(e) => {
                let names: Vec<&str> = files.iter().map(|(name, _)| name.as_str()).collect();
                failed.push(Failed { name: names.join("、"), message: e.message("") });
                (None, Vec::new())
            }
        },
        None => (None, Vec::new()),
    };
    to_js(&FilesRead { input, files, failed })
}

/// The largest file read, in bytes: the page refuses a bigger one before reading it.
#[wasm_bindgen(js_name = maxFileBytes)]
pub fn max_file_bytes() -> usize {
    crate::input::limits::MAX_FILE_BYTES
}

/// The central template with nothing filled in: the page's "new form".
#[wasm_bindgen(js_name = blankForm)]
pub fn blank_form() -> Result<JsInput, Failure> {
    Input::of(&Grid::parse(crate::BLANK_FORM, None), &[])
}

/// What a file chooser accepts (its `accept` attribute): the endings and media types of every kind of
/// file the readers read or tell how to save, from the engine's one list of them.
#[wasm_bindgen(js_name = fileAccept)]
pub fn file_accept() -> String {
    crate::input::file_accept()
}

/// The real sheet of four Shanghai 2023 forms the page offers as an example.
#[wasm_bindgen(js_name = exampleText)]
pub fn example_text() -> String {
    include_str!("../tests/fixtures/000_7b7c0afb335e079f.txt").to_owned()
}

/// Reads a paste's HTML and text as [`read_clipboard`] does, from the strings a clipboard gave (a worker
/// has no clipboard): its HTML table with the merged cells when there is one, else its text; `null` when
/// it holds neither.
#[wasm_bindgen(js_name = readPaste)]
pub fn read_paste(html: &str, text: &str) -> Result<Option<JsInput>, Failure> {
    crate::read_paste(html, text).map_err(pasted)?.map(|(grid, merges)| Input::of(&grid, &merges)).transpose()
}

/// Reads a paste event's clipboard into the page's state: its HTML table with the merged cells when
/// there is one, else its text; `null` when it holds neither.
#[wasm_bindgen(js_name = readClipboard)]
pub fn read_clipboard(data: &web_sys::DataTransfer) -> Result<Option<JsInput>, Failure> {
    let html = data.get_data("text/html").unwrap_or_default();
    let text = data.get_data("text/plain").unwrap_or_default();
    read_paste(&html, &text)
}

/// Checks the page's state and draws its sheets as forms, the first `drawn` of them (all when null):
/// a paste of thousands of sheets is reported in full but drawn in part. It runs at every keystroke:
/// about 2 ms for the fixture's four sheets.
#[wasm_bindgen(js_name = checkForm)]
pub fn check_form(input: JsInput, profile_json: Option<String>, drawn: Option<usize>) -> Result<JsChecked, Failure> {
    let (grid, merges) = Input::from_js(input)?;
    let (report, views) = crate::check_form(&grid, &merges, &profile(profile_json)?);
    let views = &views[..drawn.unwrap_or(usize::MAX).min(views.len())];
    to_js(&Checked { report: &report, views })
}

/// Checks and draws one part of the page's state: the rows of one sheet, which stand from row
/// `firstRow` of the whole (rows from 0), with the merges and breaks among them numbered as in the whole.
/// Findings and cells keep the whole's rows and names, so the page re-checks only the sheet an edit is
/// in; it re-checks the whole at a pause, for what one sheet says of another (a sheet pasted twice).
/// Its sheets are numbered from `index`, the place of the first in the whole.
#[wasm_bindgen(js_name = checkPart)]
pub fn check_part(
    input: JsInput,
    first_row: usize,
    index: usize,
    profile_json: Option<String>,
) -> Result<JsChecked, Failure> {
    let (rows, merges, breaks) = Input::parts(input)?;
    let mut all = vec![Vec::new(); first_row];
    all.extend(rows);
    let grid = Grid::from_rows(&all).with_breaks(breaks);
    let (mut report, mut views) = crate::check_form(&grid, &merges, &profile(profile_json)?);
    let before = index.saturating_sub(1);
    for sheet in &mut report.sheets {
        sheet.index += before;
        sheet.findings.iter_mut().filter_map(|f| f.sheet.as_mut()).for_each(|n| *n += before);
    }
    views.iter_mut().for_each(|v| v.index += before);
    to_js(&Checked { report: &report, views: &views })
}

/// The input with a blank row of `width` cells after row `after` (rows from 0); merges follow.
#[wasm_bindgen(js_name = insertRow)]
pub fn insert_row(input: JsInput, after: usize, width: usize) -> Result<JsInput, Failure> {
    let (mut rows, mut merges, mut breaks) = Input::parts(input)?;
    crate::edit::insert_row(&mut rows, &mut merges, after, width);
    breaks.iter_mut().filter(|b| **b > after).for_each(|b| *b += 1);
    Input::to_js(rows, &merges, &breaks)
}

/// The input without row `row` (from 0); merges follow.
#[wasm_bindgen(js_name = removeRow)]
pub fn remove_row(input: JsInput, row: usize) -> Result<JsInput, Failure> {
    let (mut rows, mut merges, mut breaks) = Input::parts(input)?;
    crate::edit::remove_row(&mut rows, &mut merges, row);
    breaks.iter_mut().filter(|b| **b > row).for_each(|b| *b -= 1);
    Input::to_js(rows, &merges, &breaks)
}

/// The input with every blank cell that arithmetic or the rules determine filled in (执行率, budget
/// score, quantitative scores, totals, grade), and how many cells that was.
#[wasm_bindgen(js_name = fillComputed)]
pub fn fill_computed(input: JsInput, profile_json: Option<String>) -> Result<JsFilled, Failure> {
    #[derive(Serialize)]
    struct Filled {
        input: Input,
        filled: usize,
    }
    let (mut rows, merges, breaks) = Input::parts(input)?;
    let filled = crate::edit::fill_computed(&mut rows, &merges, &breaks, &profile(profile_json)?);
    to_js(&Filled { input: Input::new(rows, &merges, &breaks), filled })
}

/// The cells as tab-separated text that pastes back into Excel or WPS cell for cell.
#[wasm_bindgen(js_name = toTsv)]
pub fn to_tsv(input: JsInput) -> Result<String, Failure> {
    let (grid, _) = Input::from_js(input)?;
    Ok(write_for_excel(&grid.to_rows(), '\t'))
}

/// The page's state as an Excel workbook (`.xlsx` bytes): the forms as drawn, each finding a note on
/// its cell and a fill by severity, and a second worksheet listing the findings.
#[wasm_bindgen(js_name = toXlsx)]
pub fn to_xlsx(input: JsInput, profile_json: Option<String>) -> Result<Vec<u8>, Failure> {
    let (grid, merges) = Input::from_js(input)?;
    crate::export::xlsx(&grid, &merges, &profile(profile_json)?).map_err(|e| Failure::new(Failure::EXPORT, e))
}

/// A file checked in short, for a batch: one summary row per form (file, sheet, project, unit, stated
/// and rule score, grades, counts, a note for a file that could not be read) and the file's counts.
/// The report itself does not cross, so a worker can check hundreds of files cheaply.
#[wasm_bindgen(js_name = checkFileSummary)]
pub fn check_file_summary(name: &str, bytes: &[u8], profile_json: Option<String>) -> Result<JsFileSummary, Failure> {
    #[derive(Serialize)]
    struct FileSummary {
        rows: Vec<[String; 12]>,
        counts: crate::report::Counts,
    }
    let report = crate::check_bytes(name, bytes, &profile(profile_json)?);
    to_js(&FileSummary { rows: report.summary_rows(name), counts: report.counts })
}

/// A batch's summary rows as CSV for Excel (with its header and a byte-order mark).
#[wasm_bindgen(js_name = summaryCsv)]
pub fn summary_csv(rows: JsRows) -> Result<String, Failure> {
    let rows = summary_rows(rows)?;
    let mut all: Vec<Vec<String>> = vec![crate::report::SUMMARY_HEADER.iter().map(|h| (*h).to_owned()).collect()];
    all.extend(rows);
    Ok(format!("\u{feff}{}", write_for_excel(&all, ',')))
}

/// A batch's summary rows as an Excel workbook.
#[wasm_bindgen(js_name = summaryXlsx)]
pub fn summary_xlsx(rows: JsRows) -> Result<Vec<u8>, Failure> {
    crate::export::summary_xlsx(&summary_rows(rows)?).map_err(|e| Failure::new(Failure::EXPORT, e))
}

fn summary_rows(rows: JsRows) -> Result<Vec<Vec<String>>, Failure> {
    serde_wasm_bindgen::from_value(rows.into())
        .map_err(|e| Failure::new(Failure::INPUT, format!("汇总数据格式不对：{e}")))
}

/// The findings of the page's state as CSV for Excel.
#[wasm_bindgen(js_name = findingsCsv)]
pub fn findings_csv(input: JsInput, profile_json: Option<String>) -> Result<String, Failure> {
    let (grid, _) = Input::from_js(input)?;
    Ok(crate::check_grid(&grid, None, &profile(profile_json)?).findings_csv())
}

/// The profiles that come with selfeval, by name, as JSON the page can offer and the user can edit.
#[wasm_bindgen(js_name = builtinProfiles)]
pub fn builtin_profiles() -> Result<JsProfiles, Failure> {
    #[derive(Serialize)]
    struct Builtin {
        name: &'static str,
        label: String,
        json: &'static str,
    }
    let profiles: Vec<Builtin> = crate::profile::BUILTIN
        .iter()
        .map(|&(name, json)| Builtin {
            name,
            label: Profile::from_json(json).map(|p| p.label).unwrap_or_default(),
            json,
        })
        .collect();
    to_js(&profiles)
}

/// Every code of the registry with its severity, title and basis (依据).
#[wasm_bindgen]
pub fn codes() -> Result<JsCodes, Failure> {
    let specs: Vec<crate::finding::CodeSpec> = crate::Code::ALL.iter().map(|c| c.spec()).collect();
    to_js(&specs)
}

/// Talc instead of Rust's default dlmalloc: the engine allocates many small strings, and Talc is faster
/// at that in wasm (measured: see the README's benchmarks).
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
