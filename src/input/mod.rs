//! Bytes and pastes → a grid of cells and its merged ranges: one door for every kind of input, one
//! module a format. The kind of a file is told by its content (the magic bytes, then what a zip or a
//! compound file holds), its name only breaking ties. Text (`decode`: UTF-8, UTF-16, GBK) is delimited
//! cells; HTML and MHT (`html`, `mht`: a clipboard's table, a web page saved from Excel, WPS or Word)
//! keep their merges; workbooks (`xlsx`, `xls`, `ods`) give every worksheet's cells as the user sees
//! them; Word documents (`docx`) give their paragraphs and tables. What comes out is the same grid
//! whatever came in, so the rest of the pipeline does not know the format.
//!
//! Every bound on what a file may cost is in [`limits`]; a file past one gets a [`ReadError`] that
//! names the bound, never a hang or a crash.

mod archive;
pub mod decode;
mod docx;
pub mod html;
mod mht;
mod numfmt;
mod ods;
mod xls;
mod xlsx;
mod xml;

use crate::grid::{Grid, Merge};
use crate::text;

/// The bounds on what reading one file may cost.
pub mod limits {
    /// The largest file read, in bytes; the page refuses a bigger one before reading it.
    pub const MAX_FILE_BYTES: usize = 64 << 20;
    /// The most bytes the parts of one archive (`.xlsx`, `.ods`, `.docx`) may inflate to, together.
    pub const MAX_INFLATED_BYTES: u64 = 256 << 20;
    /// The highest ratio of a part's inflated size to its stored size, for parts over
    /// [`RATIO_FROM_BYTES`]: XML shrinks about 5 to 30 times, a zip bomb thousands of times.
    pub const MAX_RATIO: u64 = 500;
    /// Parts smaller than this are not held to [`MAX_RATIO`].
    pub const RATIO_FROM_BYTES: u64 = 1 << 20;
    /// The most cells one file may put in the grid (a form has a few hundred).
    pub const MAX_CELLS: usize = 2_000_000;
    /// The most rows or columns one merged range may cover.
    pub const MAX_SPAN: usize = 1000;
}

/// What a file holds, told by its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Text: delimited cells, a web page, a single-file web page.
    Text,
    /// An Excel workbook (`.xlsx`, `.xlsm`).
    Xlsx,
    /// An Excel binary workbook (`.xlsb`): not read.
    Xlsb,
    /// An Excel 97-2003 workbook (`.xls`).
    Xls,
    /// An OpenDocument spreadsheet (`.ods`).
    Ods,
    /// A Word document (`.docx`).
    Docx,
    /// A Word 97-2003 or WPS document (`.doc`, `.wps`): not read.
    Doc,
    /// An OpenDocument text (`.odt`): not read.
    Odt,
    /// A PDF: not read.
    Pdf,
    /// An RTF document: not read.
    Rtf,
    /// A zip archive that is none of the documents above.
    Zip,
    /// A password-protected Office file (an encrypted package inside a compound file).
    Encrypted,
    /// A compound file (the old Office container) that holds neither a workbook nor a document.
    Compound,
}

impl Kind {
    /// The kind's name as a user knows it.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Text => "文本文件",
            Kind::Xlsx => "Excel 工作簿（.xlsx）",
            Kind::Xlsb => "Excel 二进制工作簿（.xlsb）",
            Kind::Xls => "Excel 97-2003 工作簿（.xls）",
            Kind::Ods => "OpenDocument 电子表格（.ods）",
            Kind::Docx => "Word 文档（.docx）",
            Kind::Doc => "Word 97-2003 文档（.doc 或 WPS 文字 .wps）",
            Kind::Odt => "OpenDocument 文本（.odt）",
            Kind::Pdf => "PDF 文件",
            Kind::Rtf => "RTF 文档",
            Kind::Zip => "压缩文件（.zip）",
            Kind::Encrypted => "加密的 Office 文件",
            Kind::Compound => "Office 97-2003 格式的文件",
        }
    }
}

/// Why a file could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    /// Text that is neither UTF-8, UTF-16 nor GB18030.
    Decode(decode::DecodeError),
    /// A kind that is not read, with what to save it as.
    Unsupported(Kind),
    /// A password protects the file.
    Encrypted(Kind),
    /// The file is bigger than [`limits::MAX_FILE_BYTES`].
    TooLarge {
        /// The file's size, or as much of it as was read.
        bytes: usize,
    },
    /// An archive's parts inflate past [`limits::MAX_INFLATED_BYTES`] or [`limits::MAX_RATIO`]: a zip bomb.
    Inflates {
        /// The part being inflated when the bound was met.
        part: String,
        /// Whether the ratio was passed (else the total).
        ratio: bool,
    },
    /// More than [`limits::MAX_CELLS`] cells.
    TooManyCells,
    /// The file is of `kind` but broken (truncated, damaged): what the reader met.
    Damaged {
        /// What the file is.
        kind: Kind,
        /// What was wrong, in Chinese.
        detail: String,
    },
}

impl From<decode::DecodeError> for ReadError {
    fn from(e: decode::DecodeError) -> Self {
        ReadError::Decode(e)
    }
}

impl ReadError {
    /// The message a user reads about the file `name`: what went wrong, and what to do.
    pub fn message(&self, name: &str) -> String {
        const MB: usize = 1 << 20;
        match self {
            ReadError::Decode(e) => e.message(name),
            ReadError::Unsupported(kind) => format!("这是{}，本页不能直接读取。{}", kind.name(), save_as(*kind)),
            ReadError::Encrypted(kind) => format!(
                "这是{}，文件设有打开密码，无法读取。请在 Excel、WPS 或 Word 中打开后取消密码（文件 → 信息 → 保护 → 用密码进行加密，清空密码）另存，再打开另存的文件。",
                kind.name()
            ),
            ReadError::TooLarge { .. } => format!(
                "文件大于可读取的上限 {} MB。自评表一般不超过 1 MB：请只保留自评表所在的工作表或表格后另存，或分成几个文件。",
                limits::MAX_FILE_BYTES / MB
            ),
            ReadError::Inflates { part, ratio: false } => format!(
                "文件解压后超过 {} MB（在读取其中的 {part} 时达到上限），不像是自评表，可能已损坏或是恶意构造的压缩文件，已停止读取。",
                limits::MAX_INFLATED_BYTES as usize / MB
            ),
            ReadError::Inflates { part, ratio: true } => format!(
                "文件中的 {part} 解压后是压缩时的 {} 倍以上，超过正常文件的压缩比，可能是恶意构造的压缩文件，已停止读取。",
                limits::MAX_RATIO
            ),
            ReadError::TooManyCells => format!(
                "文件中的单元格超过 {} 个，超过了可读取的上限。请只保留自评表所在的工作表后另存。",
                limits::MAX_CELLS
            ),
            ReadError::Damaged { kind, detail } => format!(
                "这是{}，但文件已损坏或不完整（{detail}），无法读取。请在原软件中重新打开并另存后再试。",
                kind.name()
            ),
        }
    }
}

/// What to save a file of an unread kind as.
fn save_as(kind: Kind) -> &'static str {
    match kind {
        Kind::Doc | Kind::Odt | Kind::Rtf => {
            "请在 Word 或 WPS 文字中打开，另存为“Word 文档（*.docx）”后打开；或选中自评表的表格复制后粘贴到本页。"
        }
        Kind::Xlsb => "请在 Excel 或 WPS 表格中打开，另存为“Excel 工作簿（*.xlsx）”后打开。",
        Kind::Pdf => {
            "PDF 中的表格无法可靠读取：请找到自评表原始的 Excel、WPS 或 Word 文件打开，或从中复制自评表粘贴到本页。"
        }
        Kind::Zip => "请解压后打开其中的自评表文件（.xlsx、.xls、.ods、.docx、.html 或文本）。",
        _ => "请将自评表另存为 Excel 工作簿（*.xlsx）、Word 文档（*.docx）或网页（*.html）后打开。",
    }
}

/// Reads a file's bytes into a grid and its merged ranges; `name` is the file name (it tells a `.csv`
/// apart, and breaks ties the content leaves).
pub fn read_bytes(name: &str, bytes: &[u8]) -> Result<(Grid, Vec<Merge>), ReadError> {
    read_bytes_as(name, bytes, None)
}

/// Reads a file as [`read_bytes`] does, a text file in the `encoding` the user chose (a WHATWG label
/// such as `gbk`) rather than the one guessed; workbooks and documents say their own.
pub fn read_bytes_as(name: &str, bytes: &[u8], encoding: Option<&str>) -> Result<(Grid, Vec<Merge>), ReadError> {
    if bytes.len() > limits::MAX_FILE_BYTES {
        return Err(ReadError::TooLarge { bytes: bytes.len() });
    }
    match kind_of(name, bytes)? {
        Kind::Text => read_text_file(name, bytes, encoding),
        Kind::Xlsx => xlsx::read(bytes),
        Kind::Ods => ods::read(bytes),
        Kind::Docx => docx::read(bytes),
        Kind::Xls => xls::read(bytes),
        Kind::Encrypted => Err(ReadError::Encrypted(encrypted_kind(name))),
        kind => Err(ReadError::Unsupported(kind)),
    }
}

/// The kind of a file by its content.
fn kind_of(name: &str, bytes: &[u8]) -> Result<Kind, ReadError> {
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        // A zip too broken to look inside is what its name says it is.
        return archive::kind(bytes).map_err(|e| match e {
            ReadError::Damaged { kind: Kind::Zip, detail } => {
                ReadError::Damaged { kind: named_kind(name).unwrap_or(Kind::Zip), detail }
            }
            e => e,
        });
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return xls::compound_kind(bytes).ok_or_else(|| ReadError::Damaged {
            kind: named_kind(name).unwrap_or(Kind::Compound),
            detail: "文件结构不完整，可能在下载或复制时被截断".to_owned(),
        });
    }
    Ok(if bytes.starts_with(b"%PDF") {
        Kind::Pdf
    } else if bytes.starts_with(b"{\\rtf") {
        Kind::Rtf
    } else {
        Kind::Text
    })
}

/// What a password-protected file is, by its name (the encryption hides the rest).
fn encrypted_kind(name: &str) -> Kind {
    named_kind(name).unwrap_or(Kind::Encrypted)
}

/// The kind a file's name says, for when its content cannot (encrypted, or too damaged to tell).
fn named_kind(name: &str) -> Option<Kind> {
    let lower = name.to_ascii_lowercase();
    Some(match lower.rsplit_once('.').map_or("", |(_, e)| e) {
        "docx" => Kind::Docx,
        "doc" | "wps" => Kind::Doc,
        "xls" | "et" => Kind::Xls,
        "xlsx" | "xlsm" => Kind::Xlsx,
        "ods" => Kind::Ods,
        _ => return None,
    })
}

/// Reads a file as [`read_bytes`] does, taking its bytes: a UTF-8 text file becomes its text without a
/// copy (a file of thousands of sheets is then held once, not twice, while its grid is made).
pub fn read_owned(name: &str, bytes: Vec<u8>) -> Result<(Grid, Vec<Merge>), ReadError> {
    if bytes.len() <= limits::MAX_FILE_BYTES
        && matches!(kind_of(name, &bytes), Ok(Kind::Text))
        && !bytes.starts_with(&[0xEF, 0xBB, 0xBF])
    {
        match String::from_utf8(bytes) {
            Ok(text) => return Ok(text_grid(name, text)),
            Err(e) => return read_bytes(name, e.as_bytes()),
        }
    }
    read_bytes(name, &bytes)
}

/// A text file: a web page or a single-file web page (MHT) saved from Excel, WPS or Word is read by its
/// tables; anything else is delimited cells.
fn read_text_file(name: &str, bytes: &[u8], encoding: Option<&str>) -> Result<(Grid, Vec<Merge>), ReadError> {
    let text = match encoding.and_then(|label| decode::decode_as(bytes, label)) {
        Some(text) => text,
        None => decode::decode(bytes)?,
    };
    Ok(text_grid(name, text))
}

/// Decoded text as a grid: a web page's tables, or delimited cells.
fn text_grid(name: &str, text: String) -> (Grid, Vec<Merge>) {
    if let Some(page) = mht::html_part(&text) {
        if let Some(read) = html::parse(&page) {
            return read;
        }
    }
    // Looked for without lowering a copy of the whole text (a paste of thousands of sheets).
    let page =
        text.trim_start().starts_with('<') && text.as_bytes().windows(6).any(|w| w.eq_ignore_ascii_case(b"<table"));
    page.then(|| html::parse(&text)).flatten().unwrap_or_else(|| (Grid::parse(&text, Some(name)), Vec::new()))
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

/// Cells as a workbook or a document gives them, placed by position, with merges; becomes the grid.
/// Bounded by [`limits::MAX_CELLS`].
#[derive(Debug, Default)]
struct Sheet {
    rows: Vec<Vec<String>>,
    merges: Vec<Merge>,
    cells: usize,
    /// Where each part after the first begins (a workbook's worksheets): no form spans two.
    breaks: Vec<usize>,
}

impl Sheet {
    /// Puts `text` at row `row`, column `col` (both from 0); empty text is not stored (a blank cell
    /// reads as empty anyway).
    fn put(&mut self, row: usize, col: usize, text: String) -> Result<(), ReadError> {
        if text.is_empty() {
            return Ok(());
        }
        self.cells += 1;
        if self.cells > limits::MAX_CELLS || col >= 16_384 || row >= 1_048_576 {
            return Err(ReadError::TooManyCells);
        }
        if self.rows.len() <= row {
            self.rows.resize_with(row + 1, Vec::new);
        }
        let cells = &mut self.rows[row];
        if cells.len() <= col {
            cells.resize(col + 1, String::new());
        }
        cells[col] = text;
        Ok(())
    }

    /// Adds a merged range, its size clamped to [`limits::MAX_SPAN`]; a single cell is no merge.
    fn merge(&mut self, at: crate::grid::Pos, rows: usize, cols: usize) {
        let (rows, cols) = (rows.clamp(1, limits::MAX_SPAN), cols.clamp(1, limits::MAX_SPAN));
        if rows > 1 || cols > 1 {
            self.merges.push(Merge { at, rows, cols });
        }
    }

    /// Appends another worksheet below this one, a blank row between, its merges moved down with it; it
    /// is a part of its own, which no form spans.
    fn append(&mut self, other: Sheet) {
        if other.rows.is_empty() {
            return;
        }
        if !self.rows.is_empty() {
            self.breaks.push(self.rows.len());
            self.rows.push(Vec::new());
        }
        let offset = self.rows.len();
        self.merges.extend(
            other.merges.into_iter().map(|m| Merge { at: crate::grid::Pos::new(m.at.row + offset, m.at.col), ..m }),
        );
        self.rows.extend(other.rows);
        self.cells += other.cells;
    }

    /// The grid, with the merges that fall inside it.
    fn finish(self) -> (Grid, Vec<Merge>) {
        let height = self.rows.len();
        let merges = self.merges.into_iter().filter(|m| m.at.row < height).collect();
        (Grid::from_rows(&self.rows).with_breaks(self.breaks), merges)
    }
}

/// Walks the XML of `part` of a file of `kind`; broken XML is a damaged file.
fn walk<'a>(kind: Kind, part: &str, xml: &'a str, visit: impl FnMut(xml::Node<'a>) -> bool) -> Result<(), ReadError> {
    xml::walk(xml, visit)
        .map_err(|xml::XmlError(at)| ReadError::Damaged {
            kind, detail: format!("{part} 在第 {at} 字节处不完整")
        })
}
