// The JavaScript's lint (make lint): ESLint's recommended rules, each file with the globals of where it
// runs. The glue wasm-bindgen writes (pkg/selfeval.js) is generated and left out.
import js from '@eslint/js';
import globals from 'globals';

export default [
  { ignores: ['pkg/selfeval.js', 'pkg/selfeval.html', 'node_modules/', 'target/'] },
  js.configs.recommended,
  // The forms' own words put a full-width space between a sheet's number and its name (U+3000 in `表 1 …`).
  { rules: { 'no-irregular-whitespace': ['error', { skipTemplates: true }] } },
  { files: ['www/**/*.js', 'pkg/element.js'], languageOptions: { globals: globals.browser } },
  // Node scripts and tests; the functions they hand to a page run in the browser.
  { files: ['scripts/**/*.mjs', 'tests/**/*.mjs'], languageOptions: { globals: { ...globals.node, ...globals.browser } } },
];
