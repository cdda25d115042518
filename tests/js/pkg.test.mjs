// The committed pkg/ (what portals import and the page loads) gives the native engine's report.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { execFileSync, spawnSync } from 'node:child_process';
import init, { checkText, checkBytes, checkHtml } from '../../pkg/selfeval.js';

const root = new URL('../../', import.meta.url);
const fixturePath = new URL('tests/fixtures/000_7b7c0afb335e079f.txt', root);
await init({ module_or_path: readFileSync(new URL('pkg/selfeval_bg.wasm', root)) });

test('pkg/ is built from the current sources', () => {
  const now = execFileSync('bash', [new URL('scripts/pkg-source.sh', root).pathname]).toString();
  const built = readFileSync(new URL('pkg/BUILT_FROM', root), 'utf8');
  assert.equal(built, now, 'pkg/ is stale: run scripts/build-wasm.sh and commit pkg/');
});

test('the TypeScript types name the report, not any', () => {
  const dts = readFileSync(new URL('pkg/selfeval.d.ts', root), 'utf8');
  for (const fn of ['checkText', 'checkHtml', 'checkBytes']) {
    assert.match(dts, new RegExp(`export function ${fn}\\([^)]*\\): Report;`));
  }
  assert.match(dts, /export interface Report \{/);
});

test('checkText gives the fixture report of RULES.md §5', () => {
  const report = checkText(readFileSync(fixturePath, 'utf8'), null);
  assert.equal(report.schemaVersion, 1);
  assert.deepEqual(report.counts, { error: 6, warning: 12, info: 1 });
  assert.equal(report.sheets[3].totals.computedWeight, '115');
  assert.equal(report.sheets[3].totals.computedScore, '113');
  assert.equal(report.sheets[2].findings.find((f) => f.code === 'I003').expected, '9.68');
  // Missing values are null, not undefined.
  assert.equal(report.source, null);
});

test('checkBytes reads a file and reports undecodable bytes as a finding', () => {
  const ok = checkBytes('fixture.txt', readFileSync(fixturePath), null);
  assert.equal(ok.sheets.length, 4);
  const gbk = checkBytes('gbk.txt', new Uint8Array([0xcf, 0xee, 0xc4, 0xbf]), null);
  assert.equal(gbk.findings[0].code, 'D001');
});

test('checkHtml reads a clipboard table with merged cells', () => {
  const html = readFileSync(fixturePath, 'utf8')
    .split('\n')
    .map((line) => `<tr>${line.split('\t').map((c) => `<td>${c.replaceAll('&', '&amp;').replaceAll('<', '&lt;')}</td>`).join('')}</tr>`)
    .join('\n');
  const report = checkHtml(`<table>${html}</table>`, null);
  assert.deepEqual(report.counts, { error: 6, warning: 12, info: 1 });
});

test('a malformed profile throws a Chinese error; a valid one is used', () => {
  assert.throws(() => checkText('x', '{"budget": 1}'), /评分配置无效/);
  const report = checkText(readFileSync(fixturePath, 'utf8'), '{"weights": {"产出": 60, "效益": 20}}');
  assert.deepEqual(report.sheets[0].findings.map((f) => f.code), ['I004']);
});

test('the native command and the wasm package agree on the whole fixture report', () => {
  const args = ['run', '--release', '--quiet', '--', 'check', '--json', fixturePath.pathname];
  const cli = spawnSync('cargo', args, { cwd: root.pathname, encoding: 'utf8' });
  assert.equal(cli.status, 1, cli.stderr);
  const native = JSON.parse(cli.stdout);
  native.source = null;
  assert.deepEqual(checkText(readFileSync(fixturePath, 'utf8'), null), native);
});
