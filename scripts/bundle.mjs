// Writes pkg/selfeval.html: the page of www/ as one self-contained file (wasm gzipped as base64, script and
// style inlined) that works opened straight from disk or an intranet share (file://), where Chromium
// refuses to fetch the .wasm or load a module script by URL. Its Content-Security-Policy allows exactly
// its own inline script and style (by hash) and wasm, and no request at all.
//
// Usage: node scripts/bundle.mjs [--check]   (--check: fail if the committed file differs)
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const root = new URL('..', import.meta.url);
const read = (path) => readFileSync(new URL(path, root));
const OUT = 'pkg/selfeval.html';

export function bundle() {
  const glue = read('pkg/selfeval.js').toString();
  const names = [...glue.matchAll(/^export function (\w+)/gm)].map((m) => m[1]);
  const engine = glue
    .replace(/^export function /gm, 'function ')
    .replace(/^export \{ initSync, __wbg_init as default \};$/m, '');
  if (/^export /m.test(engine)) throw new Error('pkg/selfeval.js exports something the bundle does not know');
  const IMPORT = "import init, * as engine from '../pkg/selfeval.js';";
  const app = read('www/app.js').toString();
  if (!app.includes(IMPORT)) throw new Error(`www/app.js must start with: ${IMPORT}`);
  const wasm = gzipSync(read('pkg/selfeval_bg.wasm'), { level: 9 }).toString('base64');
  // Run as soon as the wasm's data block is parsed, before the glue and the app are: the wasm is decoded
  // and compiled as it is unzipped, which the browser does on other threads while it parses the rest.
  // The wasm stands gzipped (half the text to parse) in a data block (never run as script): decoding it
  // natively is much faster than a string literal through atob.
  const early = [
    'window.selfevalTimings = { parsedWasm: performance.now() };',
    "const selfevalBase64 = document.getElementById('selfeval-wasm').textContent;",
    'const selfevalZipped = Uint8Array.fromBase64',
    '  ? Uint8Array.fromBase64(selfevalBase64)',
    '  : Uint8Array.from(atob(selfevalBase64), (c) => c.charCodeAt(0));',
    'window.selfevalTimings.decoded = performance.now();',
    "const selfevalWasm = new Blob([selfevalZipped]).stream().pipeThrough(new DecompressionStream('gzip'));",
    "globalThis.SELFEVAL_MODULE = WebAssembly.compileStreaming(new Response(selfevalWasm, { headers: { 'Content-Type': 'application/wasm' } }));",
  ].join('\n');
  const script = [
    engine,
    // The engine's names are taken before the app's block, whose own names may shadow them.
    `const selfevalEngine = { ${names.join(', ')} };`,
    '{',
    app.replace(IMPORT, 'const engine = selfevalEngine;\nconst init = __wbg_init;'),
    '}',
  ].join('\n');
  const style = read('www/style.css').toString();
  const hash = (text) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
  const csp = `default-src 'none'; script-src ${hash(early)} ${hash(script)} 'wasm-unsafe-eval'; worker-src blob:; style-src ${hash(style)}; img-src data:; base-uri 'none'; form-action 'none'`;
  // The engine's glue as text, for the batch worker (started from a Blob: nothing is fetched from file://).
  if (/<\/script/i.test(glue)) throw new Error('pkg/selfeval.js holds </script: it cannot stand in a data block');
  let html = read('www/index.html').toString();
  const swap = (from, to) => {
    if (!html.includes(from)) throw new Error(`www/index.html no longer has: ${from}`);
    html = html.replace(from, () => to);
  };
  swap(/content="default-src[^"]*"/.exec(html)?.[0] ?? 'content="default-src', `content="${csp}"`);
  swap('<link rel="stylesheet" href="style.css">', `<style>${style}</style>`);
  swap(
    '<script type="module" src="app.js"></script>',
    `<script type="application/octet-stream" id="selfeval-wasm">${wasm}</script>\n<script>${early}</script>\n<script type="text/plain" id="selfeval-glue">${glue}</script>\n<script type="module">${script}</script>`,
  );
  return html;
}

const html = bundle();
if (process.argv.includes('--check')) {
  if (read(OUT).toString() !== html) {
    console.error(`${OUT} is stale: run \`make pkg\` (or node scripts/bundle.mjs) and commit it`);
    process.exit(1);
  }
} else {
  writeFileSync(new URL(OUT, root), html);
  console.log(`${OUT}: ${html.length} bytes`);
}
