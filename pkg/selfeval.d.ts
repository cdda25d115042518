/* tslint:disable */
/* eslint-disable */

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



/**
 * The central template with nothing filled in: the page's "new form".
 */
export function blankForm(): Input;

/**
 * The profiles that come with selfeval, by name, as JSON the page can offer and the user can edit.
 */
export function builtinProfiles(): BuiltinProfile[];

/**
 * Checks a file's bytes; `name` is the file name.
 */
export function checkBytes(name: string, bytes: Uint8Array | number[], profile_json?: string | null): Report;

/**
 * A file checked in short, for a batch: one summary row per form (file, sheet, project, unit, stated
 * and rule score, grades, counts, a note for a file that could not be read) and the file's counts.
 * The report itself does not cross, so a worker can check hundreds of files cheaply.
 */
export function checkFileSummary(name: string, bytes: Uint8Array | number[], profile_json?: string | null): FileSummary;

/**
 * Checks the page's state and draws its sheets as forms, the first `drawn` of them (all when null):
 * a paste of thousands of sheets is reported in full but drawn in part. It runs at every keystroke:
 * about 2 ms for the fixture's four sheets.
 */
export function checkForm(input: Input, profile_json?: string | null, drawn?: number | null): Checked;

/**
 * Checks a clipboard's HTML (`text/html` of a paste from Excel, WPS or Word).
 */
export function checkHtml(html: string, profile_json?: string | null): Report;

/**
 * Checks and draws one part of the page's state: the rows of one sheet, which stand from row
 * `firstRow` of the whole (rows from 0), with the merges and breaks among them numbered as in the whole.
 * Findings and cells keep the whole's rows and names, so the page re-checks only the sheet an edit is
 * in; it re-checks the whole at a pause, for what one sheet says of another (a sheet pasted twice).
 * Its sheets are numbered from `index`, the place of the first in the whole.
 */
export function checkPart(input: Input, first_row: number, index: number, profile_json?: string | null): Checked;

/**
 * Checks pasted text; `profileJson` is a scoring profile (JSON), or null to score each sheet by the profile of its layout.
 */
export function checkText(text: string, profile_json?: string | null): Report;

/**
 * Checks pasted text and gives the report as JSON text (what the `selfeval check --json` command
 * prints): for a portal that stores or forwards the report, and cheaper to cross than objects.
 */
export function checkTextJson(text: string, profile_json?: string | null): string;

/**
 * Checks pasted text and gives the report in short: per sheet its project, scores, grades and
 * counts. For a portal listing hundreds of sheets.
 */
export function checkTextSummary(text: string, profile_json?: string | null): Summary;

/**
 * Every code of the registry with its severity, title and basis (依据).
 */
export function codes(): CodeSpec[];

/**
 * The real sheet of four Shanghai 2023 forms the page offers as an example.
 */
export function exampleText(): string;

/**
 * What a file chooser accepts (its `accept` attribute): the endings and media types of every kind of
 * file the readers read or tell how to save, from the engine's one list of them.
 */
export function fileAccept(): string;

/**
 * The input with every blank cell that arithmetic or the rules determine filled in (执行率, budget
 * score, quantitative scores, totals, grade), and how many cells that was.
 */
export function fillComputed(input: Input, profile_json?: string | null): Filled;

/**
 * The findings of the page's state as CSV for Excel.
 */
export function findingsCsv(input: Input, profile_json?: string | null): string;

/**
 * The input with a blank row of `width` cells after row `after` (rows from 0); merges follow.
 */
export function insertRow(input: Input, after: number, width: number): Input;

/**
 * The largest file read, in bytes: the page refuses a bigger one before reading it.
 */
export function maxFileBytes(): number;

/**
 * Reads a paste event's clipboard into the page's state: its HTML table with the merged cells when
 * there is one, else its text; `null` when it holds neither.
 */
export function readClipboard(data: DataTransfer): Input | undefined;

/**
 * Reads a file into the page's state: a workbook (`.xlsx`, `.xls`, `.ods`), a Word document
 * (`.docx`), a web page (`.html`, `.mht`) or text; `encoding` (a label such as `gbk`, or null to
 * guess) is for text whose encoding was guessed wrong. A file that cannot be read throws an error that
 * says why and what to do.
 */
export function readFile(name: string, bytes: Uint8Array | number[], encoding?: string | null): Input;

/**
 * Reads files together into the page's state, one below the other with a blank row between, each a
 * part no form spans, all within one set of bounds: a workbook, a document, a web page or text each
 * (`encoding` as for `readFile`). A file that cannot be read is named with why; the others are read.
 */
export function readFiles(files: FileBytes[], encoding?: string | null): FilesRead;

/**
 * Reads a clipboard's HTML into the page's state, with its merged ranges.
 */
export function readHtml(html: string): Input;

/**
 * Reads a paste's HTML and text as [`read_clipboard`] does, from the strings a clipboard gave (a worker
 * has no clipboard): its HTML table with the merged cells when there is one, else its text; `null` when
 * it holds neither.
 */
export function readPaste(html: string, text: string): Input | undefined;

/**
 * Reads pasted text into the page's state.
 */
export function readText(text: string): Input;

/**
 * The input without row `row` (from 0); merges follow.
 */
export function removeRow(input: Input, row: number): Input;

export function start(): void;

/**
 * A batch's summary rows as CSV for Excel (with its header and a byte-order mark).
 */
export function summaryCsv(rows: string[][]): string;

/**
 * A batch's summary rows as an Excel workbook.
 */
export function summaryXlsx(rows: string[][]): Uint8Array;

/**
 * The cells as tab-separated text that pastes back into Excel or WPS cell for cell.
 */
export function toTsv(input: Input): string;

/**
 * The page's state as an Excel workbook (`.xlsx` bytes): the forms as drawn, each finding a note on
 * its cell and a fill by severity, and a second worksheet listing the findings.
 */
export function toXlsx(input: Input, profile_json?: string | null): Uint8Array;

export type InitInput = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;

export interface InitOutput {
    readonly memory: WebAssembly.Memory;
    readonly blankForm: () => [number, number, number];
    readonly builtinProfiles: () => [number, number, number];
    readonly checkBytes: (a: number, b: number, c: number, d: number, e: number, f: number) => [number, number, number];
    readonly checkFileSummary: (a: number, b: number, c: number, d: number, e: number, f: number) => [number, number, number];
    readonly checkForm: (a: any, b: number, c: number, d: number) => [number, number, number];
    readonly checkHtml: (a: number, b: number, c: number, d: number) => [number, number, number];
    readonly checkPart: (a: any, b: number, c: number, d: number, e: number) => [number, number, number];
    readonly checkText: (a: number, b: number, c: number, d: number) => [number, number, number];
    readonly checkTextJson: (a: number, b: number, c: number, d: number) => [number, number, number, number];
    readonly checkTextSummary: (a: number, b: number, c: number, d: number) => [number, number, number];
    readonly codes: () => [number, number, number];
    readonly exampleText: () => [number, number];
    readonly fileAccept: () => [number, number];
    readonly fillComputed: (a: any, b: number, c: number) => [number, number, number];
    readonly findingsCsv: (a: any, b: number, c: number) => [number, number, number, number];
    readonly insertRow: (a: any, b: number, c: number) => [number, number, number];
    readonly maxFileBytes: () => number;
    readonly readClipboard: (a: any) => [number, number, number];
    readonly readFile: (a: number, b: number, c: number, d: number, e: number, f: number) => [number, number, number];
    readonly readFiles: (a: any, b: number, c: number) => [number, number, number];
    readonly readHtml: (a: number, b: number) => [number, number, number];
    readonly readPaste: (a: number, b: number, c: number, d: number) => [number, number, number];
    readonly readText: (a: number, b: number) => [number, number, number];
    readonly removeRow: (a: any, b: number) => [number, number, number];
    readonly start: () => void;
    readonly summaryCsv: (a: any) => [number, number, number, number];
    readonly summaryXlsx: (a: any) => [number, number, number, number];
    readonly toTsv: (a: any) => [number, number, number, number];
    readonly toXlsx: (a: any, b: number, c: number) => [number, number, number, number];
    readonly __wbindgen_malloc: (a: number, b: number) => number;
    readonly __wbindgen_realloc: (a: number, b: number, c: number, d: number) => number;
    readonly __wbindgen_free: (a: number, b: number, c: number) => void;
    readonly __wbindgen_exn_store: (a: number) => void;
    readonly __externref_table_alloc: () => number;
    readonly __wbindgen_externrefs: WebAssembly.Table;
    readonly __externref_table_dealloc: (a: number) => void;
    readonly __wbindgen_start: () => void;
}

export type SyncInitInput = BufferSource | WebAssembly.Module;

/**
 * Instantiates the given `module`, which can either be bytes or
 * a precompiled `WebAssembly.Module`.
 *
 * @param {{ module: SyncInitInput }} module - Passing `SyncInitInput` directly is deprecated.
 *
 * @returns {InitOutput}
 */
export function initSync(module: { module: SyncInitInput } | SyncInitInput): InitOutput;

/**
 * If `module_or_path` is {RequestInfo} or {URL}, makes a request and
 * for everything else, calls `WebAssembly.instantiate` directly.
 *
 * @param {{ module_or_path: InitInput | Promise<InitInput> }} module_or_path - Passing `InitInput` directly is deprecated.
 *
 * @returns {Promise<InitOutput>}
 */
export default function __wbg_init (module_or_path?: { module_or_path: InitInput | Promise<InitInput> } | InitInput | Promise<InitInput>): Promise<InitOutput>;
