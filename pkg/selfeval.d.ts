/* tslint:disable */
/* eslint-disable */

/**
 * Checks a file's bytes; `name` is the file name.
 */
export function checkBytes(name: string, bytes: Uint8Array | number[], profile_json?: string | null): any;

/**
 * Checks a clipboard's HTML (`text/html` of a paste from Excel, WPS or Word).
 */
export function checkHtml(html: string, profile_json?: string | null): any;

/**
 * Checks pasted text; `profileJson` is a scoring profile (JSON), or null for the central one.
 */
export function checkText(text: string, profile_json?: string | null): any;

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
