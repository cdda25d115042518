// The JavaScript's lint (make lint): ESLint's recommended rules, each file with the globals of where it
// runs. The glue wasm-bindgen writes (pkg/selfeval.js) is generated and left out.
import js from '@eslint/js';
import globals from 'globals';

export default [
  { ignores: ['pkg/selfeval.js', 'pkg/selfeval.html', 'node_modules/', 'target/'] },
  js.configs.recommended,
  // The forms' own words put a full-width space between a sheet's number and its name (U+3000 in `表 1 …`).
  { rules: { 'no-irregular-whitespace': ['error', { skipTemplates: true }] } },
  // The page and the element run in what older government desktops ship, Chromium 86 and Firefox ESR
  // 115: class fields and `#private` they have (ES2022), not top-level await (Chromium 89) nor the
  // newer built-ins below.
  {
    files: ['www/**/*.js', 'pkg/element.js'],
    languageOptions: { ecmaVersion: 2022, sourceType: 'module', globals: globals.browser },
    rules: {
      'no-restricted-syntax': ['error', { selector: 'AwaitExpression:not(:function AwaitExpression)', message: 'Chromium 86 has no top-level await.' }],
      'no-restricted-globals': ['error', { name: 'structuredClone', message: 'Chromium 98 and later only.' }],
      'no-restricted-properties': [
        'error',
        ...['at', 'findLast', 'findLastIndex', 'toSorted', 'toReversed', 'toSpliced'].map((property) => ({ property, message: 'Not in Chromium 86.' })),
        { object: 'Object', property: 'hasOwn', message: 'Chromium 93 and later only.' },
      ],
    },
  },
  // Node scripts and tests; the functions they hand to a page run in the browser.
  { files: ['scripts/**/*.mjs', 'tests/**/*.mjs'], languageOptions: { globals: { ...globals.node, ...globals.browser } } },
];
