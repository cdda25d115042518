//! Bytes and pastes → a grid of cells and its merged ranges: one door for every kind of input, one
//! module a format. Text (`decode`: UTF-8, UTF-16, GBK) is delimited cells; HTML (`html`: a clipboard's
//! table, a web page saved from Excel, WPS or Word) keeps its merges. What comes out is the same grid
//! whatever came in, so the rest of the pipeline does not know the format.

pub mod decode;
pub mod html;

use crate::grid::{Grid, Merge};
use crate::text;

/// Reads a file's bytes into a grid and its merged ranges; `name` is the file name (it tells a `.csv`
/// apart). Text is delimited cells; a web page (Excel's, WPS's or Word's "网页" save) is read by its
/// table, as a clipboard's HTML is, merges and all.
pub fn read_bytes(name: &str, bytes: &[u8]) -> Result<(Grid, Vec<Merge>), decode::DecodeError> {
    let text = decode::decode(bytes)?;
    let page = text.trim_start().starts_with('<') && text.to_ascii_lowercase().contains("<table");
    Ok(page.then(|| html::parse(&text)).flatten().unwrap_or_else(|| (Grid::parse(&text, Some(name)), Vec::new())))
}

/// Reads a clipboard's HTML (Excel, WPS and Word put the table there with its merged cells) into a
/// grid and its merged ranges; HTML that holds no table is read as pasted text.
pub fn read_html(html: &str) -> (Grid, Vec<Merge>) {
    html::parse(html).unwrap_or_else(|| (Grid::parse(&text::strip_markup(html), None), Vec::new()))
}

/// Reads a paste: the clipboard's HTML when it holds a table (Excel, WPS and Word put one there, with
/// its merged cells), else its plain text. `None` when the paste holds neither.
pub fn read_paste(html: &str, text: &str) -> Option<(Grid, Vec<Merge>)> {
    html::parse(html).or_else(|| (!text.trim().is_empty()).then(|| (Grid::parse(text, None), Vec::new())))
}
