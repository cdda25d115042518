//! The JavaScript binding: the only module that knows about JavaScript.
//!
//! It holds no logic: it calls the engine and converts its report to plain JS objects (maps as objects,
//! missing values as `null`). A malformed profile becomes a thrown `Error`; findings are data.

use serde::Serialize;
use wasm_bindgen::prelude::*;

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
  budget: BudgetReport; indicators: IndicatorReport[]; totals: TotalsReport; grade: GradeReport;
  findings: Finding[]; counts: Counts;
}
export interface Report {
  schemaVersion: 1; source: string | null; profile: string;
  sheets: SheetReport[]; findings: Finding[]; counts: Counts;
}
"#;

#[wasm_bindgen]
extern "C" {
    /// The report, typed for TypeScript as `Report`.
    #[wasm_bindgen(typescript_type = "Report")]
    pub type JsReport;
}

#[wasm_bindgen(start)]
fn start() {
    console_error_panic_hook::set_once();
}

fn profile(json: Option<String>) -> Result<Profile, JsError> {
    match json {
        Some(json) if !json.trim().is_empty() => Profile::from_json(&json).map_err(|e| JsError::new(&e.to_string())),
        _ => Ok(Profile::default()),
    }
}

fn to_js(report: &Report) -> Result<JsReport, JsError> {
    let serializer =
        serde_wasm_bindgen::Serializer::new().serialize_missing_as_null(true).serialize_maps_as_objects(true);
    report.serialize(&serializer).map(JsCast::unchecked_into).map_err(|e| JsError::new(&e.to_string()))
}

/// Checks pasted text; `profileJson` is a scoring profile (JSON), or null for the central one.
#[wasm_bindgen(js_name = checkText)]
pub fn check_text(text: &str, profile_json: Option<String>) -> Result<JsReport, JsError> {
    to_js(&crate::check_text(text, &profile(profile_json)?))
}

/// Checks a clipboard's HTML (`text/html` of a paste from Excel, WPS or Word).
#[wasm_bindgen(js_name = checkHtml)]
pub fn check_html(html: &str, profile_json: Option<String>) -> Result<JsReport, JsError> {
    to_js(&crate::check_html(html, &profile(profile_json)?))
}

/// Checks a file's bytes; `name` is the file name.
#[wasm_bindgen(js_name = checkBytes)]
pub fn check_bytes(name: &str, bytes: &[u8], profile_json: Option<String>) -> Result<JsReport, JsError> {
    to_js(&crate::check_bytes(name, bytes, &profile(profile_json)?))
}
