/* tslint:disable */
/* eslint-disable */
export const memory: WebAssembly.Memory;
export const blankForm: () => [number, number, number];
export const builtinProfiles: () => [number, number, number];
export const checkBytes: (a: number, b: number, c: number, d: number, e: number, f: number) => [number, number, number];
export const checkForm: (a: any, b: number, c: number, d: number) => [number, number, number];
export const checkHtml: (a: number, b: number, c: number, d: number) => [number, number, number];
export const checkText: (a: number, b: number, c: number, d: number) => [number, number, number];
export const checkTextJson: (a: number, b: number, c: number, d: number) => [number, number, number, number];
export const checkTextSummary: (a: number, b: number, c: number, d: number) => [number, number, number];
export const exampleText: () => [number, number];
export const findingsCsv: (a: any, b: number, c: number) => [number, number, number, number];
export const readClipboard: (a: any) => [number, number, number];
export const readFile: (a: number, b: number, c: number, d: number) => [number, number, number];
export const readHtml: (a: number, b: number) => [number, number, number];
export const readText: (a: number, b: number) => [number, number, number];
export const start: () => void;
export const toTsv: (a: any) => [number, number, number, number];
export const __wbindgen_malloc: (a: number, b: number) => number;
export const __wbindgen_realloc: (a: number, b: number, c: number, d: number) => number;
export const __wbindgen_free: (a: number, b: number, c: number) => void;
export const __wbindgen_exn_store: (a: number) => void;
export const __externref_table_alloc: () => number;
export const __wbindgen_externrefs: WebAssembly.Table;
export const __externref_table_dealloc: (a: number) => void;
export const __wbindgen_start: () => void;
