// pkg/API.md's examples are what the functions do: every ```js block is run as a module against the
// package (the examples' `import … from 'selfeval'` is the committed pkg/), with node:assert in scope.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import init from '../../pkg/selfeval.js';

const root = new URL('../../', import.meta.url);
const api = readFileSync(new URL('pkg/API.md', root), 'utf8');
const blocks = [...api.matchAll(/^```js\n([\s\S]*?)^```$/gm)].map((m) => m[1]);
// In Node, the wasm is given as bytes; the examples' own `await init()` then finds it loaded.
await init({ module_or_path: readFileSync(new URL('pkg/selfeval_bg.wasm', root)) });

test('API.md has an example for every export', () => {
  const dts = readFileSync(new URL('pkg/selfeval.d.ts', root), 'utf8');
  const exported = [...dts.matchAll(/^export function (\w+)/gm)].map((m) => m[1]);
  for (const name of exported) assert.match(api, new RegExp(`\`${name}[(\`]`), `${name} is documented`);
  assert.ok(blocks.length >= 8);
});

const dir = mkdtempSync(join(tmpdir(), 'selfeval-api-'));
const pkg = new URL('pkg/selfeval.js', root).href;
blocks.forEach((code, i) => {
  const heading = api.slice(0, api.indexOf(code)).match(/^## (.*)$/gm)?.pop() ?? '';
  test(`API.md example ${i + 1} (${heading.replace('## ', '')})`, async () => {
    const file = join(dir, `example-${i + 1}.mjs`);
    writeFileSync(file, `import assert from 'node:assert/strict';\n${code.replaceAll("from 'selfeval'", `from '${pkg}'`)}`);
    await import(pathToFileURL(file).href);
  });
});

after(() => rmSync(dir, { recursive: true, force: true }));
