/* tslint:disable */
/* eslint-disable */
export const memory: WebAssembly.Memory;
export const checkBytes: (a: number, b: number, c: number, d: number, e: number, f: number) => [number, number, number];
export const checkHtml: (a: number, b: number, c: number, d: number) => [number, number, number];
export const checkText: (a: number, b: number, c: number, d: number) => [number, number, number];
export const start: () => void;
export const __wbindgen_malloc: (a: number, b: number) => number;
export const __wbindgen_realloc: (a: number, b: number, c: number, d: number) => number;
export const __wbindgen_free: (a: number, b: number, c: number) => void;
export const __wbindgen_externrefs: WebAssembly.Table;
export const __externref_table_dealloc: (a: number) => void;
export const __wbindgen_start: () => void;
