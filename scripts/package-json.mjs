// Completes pkg/package.json after wasm-pack writes it: what npm users and bundlers expect of a package
// (`exports` with the module, its types and the wasm; `files`; `sideEffects`), and a check that its major
// version is the report's schemaVersion (the policy of pkg/API.md).
// Usage: node scripts/package-json.mjs
import { readFileSync, writeFileSync } from 'node:fs';

const root = new URL('..', import.meta.url);
const path = new URL('pkg/package.json', root);
const pkg = JSON.parse(readFileSync(path, 'utf8'));
const schema = Number(readFileSync(new URL('src/report.rs', root), 'utf8').match(/const SCHEMA_VERSION: u32 = (\d+);/)[1]);
if (Number(pkg.version.split('.')[0]) !== schema) {
  throw new Error(`pkg version ${pkg.version}: its major must be the report's schemaVersion ${schema} (Cargo.toml's version)`);
}
const out = {
  name: pkg.name,
  version: pkg.version,
  description: pkg.description,
  license: pkg.license,
  type: 'module',
  main: './selfeval.js',
  types: './selfeval.d.ts',
  exports: {
    '.': { types: './selfeval.d.ts', import: './selfeval.js', default: './selfeval.js' },
    './element': './element.js',
    './selfeval_bg.wasm': './selfeval_bg.wasm',
    './package.json': './package.json',
  },
  files: ['selfeval.js', 'selfeval.d.ts', 'selfeval_bg.wasm', 'selfeval_bg.wasm.d.ts', 'element.js', 'API.md', 'README.md'],
  // Importing the module does nothing until init() is called; the element defines <selfeval-form>.
  sideEffects: ['./element.js'],
  keywords: ['绩效自评表', 'performance self-evaluation', 'wasm', 'checker'],
};
writeFileSync(path, `${JSON.stringify(out, null, 2)}\n`);
