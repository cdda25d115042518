//! The JavaScript binding: the only module that knows about JavaScript.
//!
//! It holds no logic: it calls the engine and converts its report to plain JS objects (maps as objects,
//! missing values as `null`). A malformed profile becomes a thrown `Error`; findings are data.

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::{Profile, Report};

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

fn to_js(report: &Report) -> Result<JsValue, JsError> {
    let serializer =
        serde_wasm_bindgen::Serializer::new().serialize_missing_as_null(true).serialize_maps_as_objects(true);
    report.serialize(&serializer).map_err(|e| JsError::new(&e.to_string()))
}

/// Checks pasted text; `profileJson` is a scoring profile (JSON), or null for the central one.
#[wasm_bindgen(js_name = checkText)]
pub fn check_text(text: &str, profile_json: Option<String>) -> Result<JsValue, JsError> {
    to_js(&crate::check_text(text, &profile(profile_json)?))
}

/// Checks a clipboard's HTML (`text/html` of a paste from Excel, WPS or Word).
#[wasm_bindgen(js_name = checkHtml)]
pub fn check_html(html: &str, profile_json: Option<String>) -> Result<JsValue, JsError> {
    to_js(&crate::check_html(html, &profile(profile_json)?))
}

/// Checks a file's bytes; `name` is the file name.
#[wasm_bindgen(js_name = checkBytes)]
pub fn check_bytes(name: &str, bytes: &[u8], profile_json: Option<String>) -> Result<JsValue, JsError> {
    to_js(&crate::check_bytes(name, bytes, &profile(profile_json)?))
}
