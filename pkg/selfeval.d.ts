/* tslint:disable */
/* eslint-disable */

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



/**
 * Checks a file's bytes; `name` is the file name.
 */
export function checkBytes(name: string, bytes: Uint8Array | number[], profile_json?: string | null): Report;

/**
 * Checks a clipboard's HTML (`text/html` of a paste from Excel, WPS or Word).
 */
export function checkHtml(html: string, profile_json?: string | null): Report;

/**
 * Checks pasted text; `profileJson` is a scoring profile (JSON), or null for the central one.
 */
export function checkText(text: string, profile_json?: string | null): Report;

export function start(): void;

export type InitInput = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;

export interface InitOutput {
    readonly memory: WebAssembly.Memory;
    readonly checkBytes: (a: number, b: number, c: number, d: number, e: number, f: number) => [number, number, number];
    readonly checkHtml: (a: number, b: number, c: number, d: number) => [number, number, number];
    readonly checkText: (a: number, b: number, c: number, d: number) => [number, number, number];
    readonly start: () => void;
    readonly __wbindgen_malloc: (a: number, b: number) => number;
    readonly __wbindgen_realloc: (a: number, b: number, c: number, d: number) => number;
    readonly __wbindgen_free: (a: number, b: number, c: number) => void;
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
