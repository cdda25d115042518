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
mod charset;
pub mod decode;
mod docx;
pub mod html;
mod mht;
mod numfmt;
mod ods;
mod xls;
mod xlsx;
mod xml;

use crate::grid::{Grid, Merge, Pos, TooMuch};
use crate::text;

/// The bounds on what reading one file, one paste or the files opened together may cost. Each is
/// counted where cells are made ([`Cells`]), so a bound stops the work within its first excess: a
/// shared string or a repeated cell is counted each time it is placed, and a cell costs what it holds,
/// wherever it stands.
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
    /// The most cells one read may make (a form has a few hundred; 10,000 forms pasted, 2 million).
    pub const MAX_CELLS: usize = 2_000_000;
    /// The most bytes of cell text one read may make, after shared strings and repeats are expanded.
    pub const MAX_TEXT_BYTES: usize = 128 << 20;
    /// The most characters one cell may hold: Excel's own bound on a cell.
    pub const MAX_CELL_CHARS: usize = 32_767;
    /// The most merged ranges one read may make.
    pub const MAX_MERGES: usize = 200_000;
    /// The most cells the merged ranges of one read may cover together.
    pub const MAX_MERGED_CELLS: usize = 4_000_000;
    /// The most rows or columns one merged range may cover.
    pub const MAX_SPAN: usize = 1000;
    /// The most worksheets (and files opened together) one read may have.
    pub const MAX_SHEETS: usize = 4096;
    /// The most rows one read may have, the empty rows between cells included (8 worksheets' worth).
    pub const MAX_ROWS: usize = 8 << 20;
    /// A worksheet's rows and columns, as Excel has them: a cell placed outside is a damaged file.
    pub const SHEET_ROWS: usize = 1 << 20;
    /// See [`SHEET_ROWS`].
    pub const SHEET_COLS: usize = 1 << 14;
}

/// Which of [`limits`] a read passed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Bound {
    /// [`limits::MAX_CELLS`].
    Cells,
    /// [`limits::MAX_TEXT_BYTES`].
    Text,
    /// [`limits::MAX_CELL_CHARS`], at the cell named (in its worksheet).
    CellText(String),
    /// [`limits::MAX_MERGES`].
    Merges,
    /// [`limits::MAX_MERGED_CELLS`].
    MergedCells,
    /// [`limits::MAX_SHEETS`].
    Sheets,
    /// [`limits::MAX_ROWS`].
    Rows,
    /// A cell outside [`limits::SHEET_ROWS`] × [`limits::SHEET_COLS`].
    Outside,
    /// Rows so wide (a lone cell far to the right) that, each as an array of all its cells, they pass
    /// [`limits::MAX_CELLS`]: the page holds rows so, the command does not. The farthest column.
    Spread(usize),
}

impl Bound {
    fn message(&self) -> String {
        use limits::*;
        const MB: usize = 1 << 20;
        let keep = "请只保留自评表所在的工作表或表格后另存，或分成几个文件。";
        match self {
            Bound::Cells => format!("文件中的单元格超过 {MAX_CELLS} 个（一张自评表只有几百个），超过了可读取的上限。{keep}"),
            Bound::Text => format!("文件中单元格的文字合计超过 {} MB，超过了可读取的上限。{keep}", MAX_TEXT_BYTES / MB),
            Bound::CellText(at) => format!(
                "单元格 {at} 的文字超过 {MAX_CELL_CHARS} 个字符（Excel 一个单元格的上限），不像是自评表的内容，已停止读取。"
            ),
            Bound::Merges => format!("文件中的合并单元格超过 {MAX_MERGES} 处，超过了可读取的上限。{keep}"),
            Bound::MergedCells => {
                format!("文件中合并单元格覆盖的单元格合计超过 {MAX_MERGED_CELLS} 个，超过了可读取的上限。{keep}")
            }
            Bound::Sheets => format!("文件中的工作表超过 {MAX_SHEETS} 张，超过了可读取的上限。{keep}"),
            Bound::Rows => format!("文件的行数合计超过 {MAX_ROWS} 行，超过了可读取的上限。{keep}"),
            Bound::Spread(col) => format!(
                "文件中的单元格散布得很宽（最远到第 {} 列），在本页展开后超过 {MAX_CELLS} 个单元格，本页无法显示。请删除远处的单元格后另存，或用 selfeval check 命令检查此文件。",
                col + 1
            ),
            Bound::Outside => format!(
                "文件中有单元格位于工作表的范围（{SHEET_ROWS} 行、{SHEET_COLS} 列）之外，文件可能已损坏或是恶意构造的。"
            ),
        }
    }
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
    /// An Excel 2.x–4.0 worksheet (BIFF2 to BIFF4, no compound file): not read.
    XlsOld,
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
            Kind::XlsOld => "Excel 2.x–4.0 工作表（.xls）",
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
    /// The read passed one of [`limits`].
    Bound(Bound),
    /// The file has nothing in it (no byte, or only white space and zero bytes): of the kind its name
    /// says, if any, and its size.
    Empty {
        /// What the file's name says it is.
        kind: Option<Kind>,
        /// Its size.
        bytes: usize,
    },
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
            ReadError::Bound(bound) => bound.message(),
            ReadError::Empty { kind, bytes } => format!(
                "文件是空的（{}），{}可能在保存、下载或复制时出错。请重新保存或下载后再打开。",
                if *bytes == 0 { "0 字节".to_owned() } else { format!("{bytes} 字节，只有空白") },
                kind.map_or_else(String::new, |k| format!("不是一个完整的{}，", k.name()))
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
        Kind::Xlsb | Kind::XlsOld => "请在 Excel 或 WPS 表格中打开，另存为“Excel 工作簿（*.xlsx）”后打开。",
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
    if bytes.iter().all(|&b| b.is_ascii_whitespace() || b == 0) {
        return Err(ReadError::Empty { kind: named_kind(name), bytes: bytes.len() });
    }
    match kind_of(name, bytes)? {
        Kind::Text => read_text_file(name, bytes, encoding).map(|(grid, merges, _)| (grid, merges)),
        kind => {
            let mut cells = Cells::default();
            read_workbook(name, kind, bytes, &mut cells)?;
            Ok(cells.finish())
        }
    }
}

/// Reads a workbook or a document of `kind` into `cells`; a kind that is not read says so.
fn read_workbook(name: &str, kind: Kind, bytes: &[u8], cells: &mut Cells) -> Result<(), ReadError> {
    match kind {
        Kind::Xlsx => xlsx::read(bytes, cells),
        Kind::Ods => ods::read(bytes, cells),
        Kind::Docx => docx::read(bytes, cells),
        Kind::Xls => xls::read(bytes, cells),
        Kind::Encrypted => Err(ReadError::Encrypted(encrypted_kind(name))),
        kind => Err(ReadError::Unsupported(kind)),
    }
}

/// A worksheet as the reader saw it (`selfeval grid`): its name, whether it is hidden, its cells as
/// shown, row by row, and its merged ranges, rows and columns from 0 in the worksheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Worksheet {
    /// The worksheet's name (a document's or a text's: the file's name).
    pub name: String,
    /// Whether the workbook hides it (it is not checked).
    pub hidden: bool,
    /// Its cells, each row up to its last cell with text.
    pub rows: Vec<Vec<String>>,
    /// Its merged ranges.
    pub merges: Vec<Merge>,
}

/// What a file is, by its content, in the words of `selfeval grid --json`: `xlsx`, `xls`, `ods`,
/// `docx`, `html`, `mht`, `text` or `pdf` (a kind not read is named by the nearest of these).
pub fn kind_name(name: &str, bytes: &[u8]) -> &'static str {
    let named = || match named_kind(name) {
        Some(Kind::Docx | Kind::Doc) => "docx",
        Some(Kind::Xls) => "xls",
        Some(Kind::Ods) => "ods",
        Some(Kind::Xlsx) => "xlsx",
        _ => "text",
    };
    if bytes.iter().all(|&b| b.is_ascii_whitespace() || b == 0) {
        return named();
    }
    match kind_of(name, bytes) {
        Ok(Kind::Text) => text_kind(&String::from_utf8_lossy(&bytes[..bytes.len().min(1 << 16)])),
        Ok(Kind::Xlsx | Kind::Xlsb) => "xlsx",
        Ok(Kind::Xls | Kind::XlsOld | Kind::Compound) => "xls",
        Ok(Kind::Ods) => "ods",
        Ok(Kind::Docx | Kind::Doc | Kind::Odt | Kind::Rtf) => "docx",
        Ok(Kind::Pdf) => "pdf",
        Ok(Kind::Zip | Kind::Encrypted) | Err(_) => match named() {
            "text" => "xlsx",
            kind => kind,
        },
    }
}

/// Every worksheet of a file in its order, hidden ones too (marked), as the readers saw them: what
/// `selfeval grid` shows, to tell why a form was read as it was. A document or a text is one
/// worksheet named as the file.
pub fn read_worksheets(name: &str, bytes: &[u8]) -> Result<Vec<Worksheet>, ReadError> {
    if bytes.len() > limits::MAX_FILE_BYTES {
        return Err(ReadError::TooLarge { bytes: bytes.len() });
    }
    if bytes.iter().all(|&b| b.is_ascii_whitespace() || b == 0) {
        return Err(ReadError::Empty { kind: named_kind(name), bytes: bytes.len() });
    }
    // A part with no name of its own (a document's, a text's) is named as LibreOffice names it: by the
    // file's name without its extension.
    let file = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let file = file.rsplit_once('.').map_or(file, |(stem, _)| stem);
    match kind_of(name, bytes)? {
        Kind::Text => {
            let (grid, merges, _) = read_text_file(name, bytes, None)?;
            let mut cells = Cells::default();
            cells.append(&grid, &merges)?;
            Ok(cells.worksheets(file))
        }
        kind => {
            let mut cells = Cells { whole: true, ..Cells::default() };
            read_workbook(name, kind, bytes, &mut cells)?;
            Ok(cells.worksheets(file))
        }
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
    // Excel 2.x–4.0: a bare stream of records whose first is a BOF of BIFF2 (0x0009), BIFF3 (0x0209) or
    // BIFF4 (0x0409), of the length those have.
    if let [0x09, 0x00 | 0x02 | 0x04, len @ (4 | 6 | 8 | 16), 0x00, ..] = bytes {
        if bytes.len() >= 4 + usize::from(*len) {
            return Ok(Kind::XlsOld);
        }
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

/// The office file a file's name says it is, for when its content cannot (encrypted, or too damaged or
/// empty to tell); not a text or a kind not read, whose content would have said so.
fn named_kind(name: &str) -> Option<Kind> {
    kind_named(name).filter(|kind| matches!(kind, Kind::Docx | Kind::Doc | Kind::Xls | Kind::Xlsx | Kind::Ods))
}

/// Every file name ending the readers know, with the kind it names and the media type a file chooser
/// may know it by: the one list behind the kind an unreadable file is told by, the folders the command
/// walks, and the page's and the portal's file choosers ([`file_accept`]). Those not read (`.pdf`,
/// `.xlsb`, `.odt`, `.doc`) are in it so that a user who picks one, or an auditor's folder that holds
/// one, hears how to save it.
pub const FILE_ENDINGS: [(&str, Kind, &str); 18] = [
    ("xlsx", Kind::Xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ("xlsm", Kind::Xlsx, "application/vnd.ms-excel.sheet.macroEnabled.12"),
    ("xls", Kind::Xls, "application/vnd.ms-excel"),
    ("et", Kind::Xls, ""),
    ("ods", Kind::Ods, "application/vnd.oasis.opendocument.spreadsheet"),
    ("docx", Kind::Docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ("doc", Kind::Doc, "application/msword"),
    ("wps", Kind::Doc, ""),
    ("htm", Kind::Text, "text/html"),
    ("html", Kind::Text, "text/html"),
    ("mht", Kind::Text, "message/rfc822"),
    ("mhtml", Kind::Text, "multipart/related"),
    ("txt", Kind::Text, "text/plain"),
    ("tsv", Kind::Text, "text/tab-separated-values"),
    ("csv", Kind::Text, "text/csv"),
    ("pdf", Kind::Pdf, "application/pdf"),
    ("xlsb", Kind::Xlsb, "application/vnd.ms-excel.sheet.binary.macroEnabled.12"),
    ("odt", Kind::Odt, "application/vnd.oasis.opendocument.text"),
];

/// The kind a file's name ends with (in any case), if it is one of [`FILE_ENDINGS`].
pub fn kind_named(name: &str) -> Option<Kind> {
    let (_, ending) = name.rsplit_once('.')?;
    FILE_ENDINGS.iter().find(|(e, _, _)| e.eq_ignore_ascii_case(ending)).map(|&(_, kind, _)| kind)
}

/// What a file chooser accepts (its `accept` attribute): every ending of [`FILE_ENDINGS`], then each
/// media type once.
pub fn file_accept() -> String {
    let endings = FILE_ENDINGS.iter().map(|(e, _, _)| format!(".{e}"));
    let mut types: Vec<&str> = Vec::new();
    for &(_, _, t) in &FILE_ENDINGS {
        if !t.is_empty() && !types.contains(&t) {
            types.push(t);
        }
    }
    endings.chain(types.into_iter().map(str::to_owned)).collect::<Vec<_>>().join(",")
}

/// Reads a file as [`read_bytes`] does, taking its bytes: a UTF-8 text file becomes its text without a
/// copy (a file of thousands of sheets is then held once, not twice, while its grid is made).
pub fn read_owned(name: &str, bytes: Vec<u8>) -> Result<(Grid, Vec<Merge>), ReadError> {
    let empty = bytes.iter().all(|&b| b.is_ascii_whitespace() || b == 0);
    if !empty
        && bytes.len() <= limits::MAX_FILE_BYTES
        && matches!(kind_of(name, &bytes), Ok(Kind::Text))
        && !bytes.starts_with(&[0xEF, 0xBB, 0xBF])
    {
        match String::from_utf8(bytes) {
            Ok(text) => return text_grid(name, text).map(|(grid, merges, _)| (grid, merges)),
            Err(e) => return read_bytes(name, e.as_bytes()),
        }
    }
    read_bytes(name, &bytes)
}

/// A text file: a web page or a single-file web page (MHT) saved from Excel, WPS or Word is read by its
/// tables; anything else is delimited cells.
fn read_text_file(
    name: &str,
    bytes: &[u8],
    encoding: Option<&str>,
) -> Result<(Grid, Vec<Merge>, &'static str), ReadError> {
    let text = match encoding.and_then(|label| decode::decode_as(bytes, label)) {
        Some(text) => text,
        None => decode::decode(bytes)?,
    };
    text_grid(name, text)
}

/// Decoded text as a grid: a web page's tables, or delimited cells; and which it was (`mht`, `html`,
/// `text`).
fn text_grid(name: &str, text: String) -> Result<(Grid, Vec<Merge>, &'static str), ReadError> {
    if let Some(page) = mht::html_part(&text) {
        if let Some((grid, merges)) = html::parse(&page)? {
            return Ok((grid, merges, "mht"));
        }
    }
    if text_kind(&text) == "html" {
        if let Some((grid, merges)) = html::parse(&text)? {
            return Ok((grid, merges, "html"));
        }
    }
    Ok((read_text(&text, Some(name))?, Vec::new(), "text"))
}

/// Whether a text is a single-file web page, a web page with a table, or text. The table is looked for
/// without lowering a copy of the whole text (a paste of thousands of sheets).
fn text_kind(text: &str) -> &'static str {
    let head = text.trim_start().as_bytes();
    if head.get(..12).is_some_and(|h| h.eq_ignore_ascii_case(b"mime-version"))
        || mht::html_part(&text[..(0..=text.len().min(4096)).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0)])
            .is_some()
    {
        "mht"
    } else if text.trim_start().starts_with('<')
        && text.as_bytes().windows(6).any(|w| w.eq_ignore_ascii_case(b"<table"))
    {
        "html"
    } else {
        "text"
    }
}

/// Reads pasted or loaded text as delimited cells (tab-separated as Excel, WPS and Word copy them, or
/// CSV: `hint` is the file name, if any), within [`limits`].
pub fn read_text(text: &str, hint: Option<&str>) -> Result<Grid, ReadError> {
    let max = (limits::MAX_CELLS, limits::MAX_CELL_CHARS, limits::SHEET_COLS);
    Grid::parse_bounded(text, hint, max).map_err(|e| match e {
        TooMuch::Cells => ReadError::Bound(Bound::Cells),
        TooMuch::CellText(at) => ReadError::Bound(Bound::CellText(at.a1())),
        TooMuch::Columns => ReadError::Bound(Bound::Outside),
    })
}

/// Files read together: one below the other with a blank row between, each a part no form spans, all
/// of them within one set of [`limits`]. Gives the grid with its merges and each file's first row, or
/// `None` when no file could be read, and why each file that could not be read could not; the others
/// are read all the same.
pub fn read_files<'a>(
    files: impl IntoIterator<Item = (&'a str, &'a [u8])>,
    encoding: Option<&str>,
) -> (Option<Joined>, Vec<(String, ReadError)>) {
    let mut all = Cells::default();
    let (mut starts, mut failed) = (Vec::new(), Vec::new());
    for (name, bytes) in files {
        let read = read_bytes_as(name, bytes, encoding).and_then(|(grid, merges)| all.append(&grid, &merges));
        match read {
            Ok(row) => starts.push((name.to_owned(), row)),
            Err(e) => failed.push((name.to_owned(), e)),
        }
    }
    if starts.is_empty() {
        return (None, failed);
    }
    let (grid, merges) = all.finish();
    (Some(Joined { grid, merges, files: starts }), failed)
}

/// The files read together ([`read_files`]).
#[derive(Debug)]
pub struct Joined {
    /// Their cells, one file below the other.
    pub grid: Grid,
    /// Their merged ranges, in the grid's rows.
    pub merges: Vec<Merge>,
    /// Each file read, by name, with the row it begins at (from 0).
    pub files: Vec<(String, usize)>,
}

/// Whether the page can hold `grid` as it holds rows, each an array of all its cells up to its last:
/// a grid of far cells (16,384 columns for one cell in XFD) cannot.
pub fn fits_page(grid: &Grid) -> Result<(), ReadError> {
    if grid.dense_cells() > limits::MAX_CELLS {
        let far = (0..grid.height()).map(|r| grid.width(r)).max().unwrap_or(0);
        return Err(ReadError::Bound(Bound::Spread(far.saturating_sub(1))));
    }
    Ok(())
}

/// Reads a clipboard's HTML (Excel, WPS and Word put the table there with its merged cells) into a
/// grid and its merged ranges; HTML that holds no table is read as pasted text.
pub fn read_html(html: &str) -> Result<(Grid, Vec<Merge>), ReadError> {
    match html::parse(html)? {
        Some(read) => Ok(read),
        None => Ok((read_text(&text::strip_markup(html), None)?, Vec::new())),
    }
}

/// Reads a paste: the clipboard's HTML when it holds a table (Excel, WPS and Word put one there, with
/// its merged cells), else its plain text. `None` when the paste holds neither.
pub fn read_paste(html: &str, text: &str) -> Result<Option<(Grid, Vec<Merge>)>, ReadError> {
    if let Some(read) = html::parse(html)? {
        return Ok(Some(read));
    }
    if text.trim().is_empty() {
        return Ok(None);
    }
    Ok(Some((read_text(text, None)?, Vec::new())))
}

/// The cells of one read as the readers make them: placed by position, a part (a worksheet, a file) at
/// a time, the merges with them. Every bound of [`limits`] but the file's and the archive's is counted
/// here, as each cell and merge is made, so no reader can make more than the bounds allow. A cell
/// costs its text, wherever it stands: only cells with text are stored.
#[derive(Debug, Default)]
pub(crate) struct Cells {
    text: String,
    /// Each cell: its row (in the whole read), its column, its text's start and end in `text`; in the
    /// order placed (a later cell at the same place wins).
    placed: Vec<[u32; 4]>,
    merges: Vec<Merge>,
    breaks: Vec<usize>,
    /// The current part's first row, the rows it has, and where its cells and merges begin.
    origin: usize,
    part_rows: usize,
    part_placed: usize,
    part_merges: usize,
    parts: usize,
    merged_cells: usize,
    /// Each part read: its name, whether it is hidden, and its first row in the whole read.
    named: Vec<(String, bool, usize)>,
    /// Whether each worksheet is kept whole, as `selfeval grid` shows it: hidden worksheets too, and
    /// merges past the last cell with text (the checker needs neither); and whether the current part is
    /// one left out.
    whole: bool,
    skip: bool,
}

impl Cells {
    /// Begins the next part (a worksheet, a table, a file): below the last one with a blank row between,
    /// a part no form spans. A part that held no cell takes no rows, and its merges go.
    fn part(&mut self, name: &str, hidden: bool) -> Result<(), ReadError> {
        self.skip = hidden && !self.whole;
        if self.skip {
            return Ok(());
        }
        if self.held_nothing() {
            self.merges.truncate(self.part_merges);
            self.part_rows = 0;
        } else {
            let end = self.origin + self.part_rows;
            self.breaks.push(end);
            self.origin = end + 1;
            self.part_rows = 0;
            self.part_placed = self.placed.len();
            self.part_merges = self.merges.len();
        }
        self.parts += 1;
        if self.parts > limits::MAX_SHEETS {
            return Err(ReadError::Bound(Bound::Sheets));
        }
        self.named.push((name.to_owned(), hidden, self.origin));
        Ok(())
    }

    /// Whether the current part holds nothing: no cell with text (and, kept whole, no merge).
    fn held_nothing(&self) -> bool {
        self.placed.len() == self.part_placed && (!self.whole || self.merges.len() == self.part_merges)
    }

    /// Makes sure the current part has at least `rows` rows (a table's empty last rows).
    fn reach(&mut self, rows: usize) -> Result<(), ReadError> {
        if rows > self.part_rows {
            if rows > limits::SHEET_ROWS {
                return Err(ReadError::Bound(Bound::Outside));
            }
            if self.origin + rows > limits::MAX_ROWS {
                return Err(ReadError::Bound(Bound::Rows));
            }
            self.part_rows = rows;
        }
        Ok(())
    }

    /// Puts `text` at row `row`, column `col` of the current part (both from 0); empty text is not
    /// stored (a blank cell reads as empty anyway).
    fn put(&mut self, row: usize, col: usize, text: &str) -> Result<(), ReadError> {
        self.put_with(row, col, text.len(), |held| held.push_str(text))
    }

    /// Puts the text `write` writes (about `room` bytes) at row `row`, column `col` of the current
    /// part, as [`Cells::put`] puts one: a number shown in its format is written where the cell's text
    /// is held, with no text of its own on the way.
    fn put_with(
        &mut self,
        row: usize,
        col: usize,
        room: usize,
        write: impl FnOnce(&mut String),
    ) -> Result<(), ReadError> {
        if self.skip {
            return Ok(());
        }
        let start = self.text.len();
        // Refused before it is written: a long text never grows what is held past the bound.
        if start + room > limits::MAX_TEXT_BYTES {
            return Err(ReadError::Bound(Bound::Text));
        }
        if self.text.capacity() - start < room {
            // Grown by doubling, but never past the bound: the text held stays within it.
            let room = (2 * self.text.capacity()).clamp(start + room, limits::MAX_TEXT_BYTES);
            self.text.reserve_exact(room - start);
        }
        write(&mut self.text);
        let end = self.text.len();
        if end == start {
            return Ok(());
        }
        if let Err(e) = self.bounded(row, col, start) {
            self.text.truncate(start);
            return Err(e);
        }
        let abs = self.origin + row;
        self.placed.push([abs, col, start, end].map(|n| n as u32));
        Ok(())
    }

    /// Refuses the cell just written at row `row`, column `col` (its text from `start`) when it is past
    /// a bound.
    fn bounded(&mut self, row: usize, col: usize, start: usize) -> Result<(), ReadError> {
        if col >= limits::SHEET_COLS {
            return Err(ReadError::Bound(Bound::Outside));
        }
        self.reach(row + 1)?;
        if self.placed.len() >= limits::MAX_CELLS {
            return Err(ReadError::Bound(Bound::Cells));
        }
        if self.text.len() > limits::MAX_TEXT_BYTES {
            return Err(ReadError::Bound(Bound::Text));
        }
        let text = &self.text[start..];
        if text.len() > limits::MAX_CELL_CHARS && text.chars().count() > limits::MAX_CELL_CHARS {
            return Err(ReadError::Bound(Bound::CellText(Pos::new(row, col).a1())));
        }
        Ok(())
    }

    /// Adds a merged range of the current part, its size clamped to [`limits::MAX_SPAN`]; a single
    /// cell is no merge.
    fn merge(&mut self, at: Pos, rows: usize, cols: usize) -> Result<(), ReadError> {
        let (rows, cols) = (rows.clamp(1, limits::MAX_SPAN), cols.clamp(1, limits::MAX_SPAN));
        if (rows == 1 && cols == 1) || self.skip {
            return Ok(());
        }
        if at.row >= limits::SHEET_ROWS || at.col >= limits::SHEET_COLS {
            return Err(ReadError::Bound(Bound::Outside));
        }
        if self.merges.len() >= limits::MAX_MERGES {
            return Err(ReadError::Bound(Bound::Merges));
        }
        self.merged_cells += rows * cols;
        if self.merged_cells > limits::MAX_MERGED_CELLS {
            return Err(ReadError::Bound(Bound::MergedCells));
        }
        if self.whole {
            self.reach(at.row + rows)?;
        }
        self.merges.push(Merge { at: Pos::new(self.origin + at.row, at.col), rows, cols });
        Ok(())
    }

    /// Adds a grid read on its own, with its merges and its parts, as the next part; gives the row it
    /// begins at. A grid past a bound adds nothing.
    fn append(&mut self, grid: &Grid, merges: &[Merge]) -> Result<usize, ReadError> {
        let before = (self.text.len(), self.placed.len(), self.merges.len(), self.breaks.len(), self.parts);
        let named = self.named.len();
        let state = (self.origin, self.part_rows, self.part_placed, self.part_merges, self.merged_cells);
        let added = self.part("", false).and_then(|()| {
            self.parts += grid.breaks().len();
            if self.parts > limits::MAX_SHEETS {
                return Err(ReadError::Bound(Bound::Sheets));
            }
            for row in 0..grid.height() {
                for (col, text) in grid.filled(row) {
                    self.put(row, col, text)?;
                }
            }
            self.reach(grid.height())?;
            merges.iter().try_for_each(|m| self.merge(m.at, m.rows, m.cols))?;
            let origin = self.origin;
            self.breaks.extend(grid.breaks().iter().map(|b| b + origin));
            Ok(origin)
        });
        if added.is_err() {
            self.text.truncate(before.0);
            self.placed.truncate(before.1);
            self.merges.truncate(before.2);
            self.breaks.truncate(before.3);
            self.parts = before.4;
            self.named.truncate(named);
            (self.origin, self.part_rows, self.part_placed, self.part_merges, self.merged_cells) = state;
        }
        added
    }

    /// The parts read, each a worksheet named as the reader named it (a part without a name, a
    /// document's or a text's, by `file`).
    fn worksheets(mut self, file: &str) -> Vec<Worksheet> {
        let named = std::mem::take(&mut self.named);
        let (grid, merges) = self.finish();
        let height = grid.height();
        named
            .iter()
            .enumerate()
            .map(|(i, (name, hidden, first))| {
                // A part ends before the blank row that stands before the next part; a part that begins
                // where the next does held nothing.
                let end = match named.get(i + 1) {
                    Some(next) if next.2 == *first => *first,
                    Some(next) => next.2 - 1,
                    None => height.max(*first),
                };
                let rows = (*first..end).map(|r| grid.cells(r).map(str::to_owned).collect()).collect();
                let merges = merges
                    .iter()
                    .filter(|m| (*first..end).contains(&m.at.row))
                    .map(|m| Merge { at: Pos::new(m.at.row - first, m.at.col), ..*m })
                    .collect();
                let name = if name.is_empty() { file.to_owned() } else { name.clone() };
                Worksheet { name, hidden: *hidden, rows, merges }
            })
            .collect()
    }

    /// The grid, with the merges that start among its rows with text; the place of a part after the
    /// first is a break.
    fn finish(mut self) -> (Grid, Vec<Merge>) {
        if self.held_nothing() {
            self.merges.truncate(self.part_merges);
        }
        let mut height = self.placed.iter().map(|p| p[0] as usize + 1).max().unwrap_or(0);
        if self.whole && !self.held_nothing() {
            height = height.max(self.origin + self.part_rows);
        }
        // Readers place cells in order, all but a few files: then nothing moves. A later cell at the
        // same place wins (the sort is stable).
        if !self.placed.is_sorted_by_key(|p| (p[0], p[1])) {
            self.placed.sort_by_key(|p| (p[0], p[1]));
        }
        self.placed.dedup_by(|later, earlier| {
            let same = later[..2] == earlier[..2];
            if same {
                *earlier = *later;
            }
            same
        });
        let grid = Grid::from_placed(self.text, height, self.placed);
        let merges = self.merges.into_iter().filter(|m| m.at.row < height).collect();
        self.breaks.retain(|&b| b < height);
        (grid.with_breaks(self.breaks), merges)
    }
}

/// Walks the XML of `part` of a file of `kind`; broken XML is a damaged file.
fn walk<'a>(kind: Kind, part: &str, xml: &'a str, visit: impl FnMut(xml::Node<'a>) -> bool) -> Result<(), ReadError> {
    xml::walk(xml, visit)
        .map_err(|xml::XmlError(at)| ReadError::Damaged {
            kind, detail: format!("{part} 在第 {at} 字节处不完整")
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_files_kind_by_its_name() {
        assert_eq!(kind_named("表.XLSX"), Some(Kind::Xlsx));
        assert_eq!(kind_named("a.b.et"), Some(Kind::Xls));
        assert_eq!(kind_named("说明.mhtml"), Some(Kind::Text));
        assert_eq!(kind_named("xlsx"), None, "a name with no ending");
        assert_eq!(kind_named("图.png"), None);
        // Only an office file is told by its name alone: a text's or a PDF's content says what it is.
        assert_eq!(named_kind("空.docx"), Some(Kind::Docx));
        assert_eq!(named_kind("空.txt"), None);
        assert_eq!(named_kind("空.pdf"), None);
    }

    #[test]
    fn a_file_chooser_accepts_every_ending_and_each_media_type_once() {
        let accept = file_accept();
        let items: Vec<&str> = accept.split(',').collect();
        for (ending, _, media) in FILE_ENDINGS {
            assert!(items.contains(&format!(".{ending}").as_str()), "{ending}");
            assert!(media.is_empty() || items.iter().filter(|i| **i == media).count() == 1, "{media}");
        }
        assert_eq!(items.len(), FILE_ENDINGS.len() + 15, "18 endings and 15 distinct media types: {accept}");
    }
}
