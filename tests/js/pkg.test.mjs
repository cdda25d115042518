// The committed pkg/ (what portals import and the page loads) gives the native engine's report.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { execFileSync, spawnSync } from 'node:child_process';
import init, {
  codes,
  checkText, checkBytes, checkHtml, checkTextJson, readText, readHtml, readFile, blankForm, exampleText, checkForm, toTsv,
  toXlsx, maxFileBytes, checkTextSummary, readFiles,
  findingsCsv, builtinProfiles, insertRow, removeRow, fillComputed,
} from '../../pkg/selfeval.js';

const root = new URL('../../', import.meta.url);
const fixturePath = new URL('tests/fixtures/000_7b7c0afb335e079f.txt', root);
await init({ module_or_path: readFileSync(new URL('pkg/selfeval_bg.wasm', root)) });

test('pkg/ is built from the current sources', () => {
  const now = execFileSync('bash', [new URL('scripts/pkg-source.sh', root).pathname]).toString();
  const built = readFileSync(new URL('pkg/BUILT_FROM', root), 'utf8');
  assert.equal(built, now, 'pkg/ is stale: run scripts/build-wasm.sh and commit pkg/');
});

test('pkg/selfeval.html is bundled from the current www/ and pkg/', () => {
  const run = spawnSync('node', [new URL('scripts/bundle.mjs', root).pathname, '--check'], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
});

test('the page\'s state: read, check and draw, export', () => {
  const fixture = readFileSync(fixturePath, 'utf8');
  const input = readText(fixture);
  assert.deepEqual(input.merges, []);
  assert.equal(exampleText(), fixture);
  const { report, views } = checkForm(input, null);
  assert.deepEqual(report.counts, { error: 6, warning: 12, info: 1 });
  assert.equal(views.length, 4);
  const cell = views[0].cells.find((c) => c.row === 24 && c.col === 6);
  assert.deepEqual(cell, { row: 24, col: 6, name: 'G25', label: 'G25 部门人员满意度 得分', rows: 1, cols: 1, kind: 'value', rule: '9.69', fill: '9.69' });
  assert.deepEqual(views[0].columns, ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I']);
  // The text export reads back to the same cells; the findings CSV has one line a finding.
  assert.deepEqual(readText(toTsv(input)).rows.map((r) => r.join('\t').replace(/\t+$/, '')), input.rows.map((r) => r.join('\t').replace(/\t+$/, '')));
  assert.equal(findingsCsv(input, null).trim().split('\n').length, 20);
  // A table in HTML keeps its merges; a file that is not text throws a Chinese message.
  const html = readHtml('<table><tr><td colspan=2 rowspan=2>财政项目支出绩效自评表</td></tr></table>');
  assert.deepEqual(html.merges, [{ row: 0, col: 0, rows: 2, cols: 2 }]);
  assert.throws(() => readFile('a.csv', new Uint8Array([0xcf, 0xee, 0xff])), /不是 UTF-8、GBK 编码/);
  assert.throws(() => checkForm({ rows: 'no' }, null), /表格数据格式不对/);
  assert.equal(checkForm(blankForm(), null).report.sheets.length, 1);
  // Rows come and go with their merges; computed values fill a blank form.
  const merged = { rows: [['a'], ['b'], ['c']], merges: [{ row: 0, col: 0, rows: 2, cols: 1 }] };
  assert.deepEqual(insertRow(merged, 0, 2), { rows: [['a'], ['', ''], ['b'], ['c']], merges: [{ row: 0, col: 0, rows: 3, cols: 1 }], breaks: [] });
  assert.deepEqual(removeRow(merged, 2).rows, [['a'], ['b']]);
  // The breaks between a workbook's worksheets follow the rows too.
  assert.deepEqual(insertRow({ ...merged, breaks: [2] }, 0, 1).breaks, [3]);
  assert.deepEqual(removeRow({ ...merged, breaks: [2] }, 0).breaks, [1]);
  const blank = blankForm();
  blank.rows[5][4] = '50';
  blank.rows[5][5] = '45';
  const { input: filled, filled: count } = fillComputed(blank, null);
  assert.equal(filled.rows[5][7], '90%');
  assert.ok(count >= 3);
  // Thousands of sheets are reported in full and drawn in part.
  const many = checkForm(readText(fixture.repeat(3)), null, 5);
  assert.equal(many.report.sheets.length, 12);
  assert.equal(many.views.length, 5);
  assert.deepEqual(builtinProfiles().map((p) => p.name), ['central', 'twenty-eighty', 'sichuan-2023', 'hubei-pre2021', 'evaluation', 'chongqing-department']);
  assert.ok(builtinProfiles().every((p) => p.label.length > 0));
  // The registry: every code with its title and basis, as every finding carries its basis.
  const registry = codes();
  assert.ok(registry.some((c) => c.code === 'I003' && c.severity === 'error' && c.basis.includes('财预〔2020〕10号')));
  const finding = checkForm(readText(fixture), null, 5).report.sheets[2].findings.find((f) => f.code === 'I003');
  assert.equal(finding.basis, registry.find((c) => c.code === 'I003').basis);
  assert.equal(finding.fixable, true);
  assert.equal(JSON.parse(checkTextJson(fixture, null)).counts.error, 6);
});

test('workbooks and documents are read, and the Excel export reads back to the same report', () => {
  const office = (name) => new Uint8Array(readFileSync(new URL(`tests/fixtures/office/${name}`, root)));
  const text = checkForm(readText(readFileSync(fixturePath, 'utf8')), null).report;
  for (const name of ['fixture.xlsx', 'fixture.xls', 'fixture.ods', 'fixture-merged.docx']) {
    const input = readFile(name, office(name), null);
    assert.deepEqual(checkForm(input, null).report.counts, text.counts, name);
  }
  // A workbook of two worksheets has a break where the second begins.
  const book = toXlsx(readText(readFileSync(fixturePath, 'utf8')), null);
  assert.ok(book instanceof Uint8Array);
  const back = readFile('导出.xlsx', book, null);
  assert.equal(back.breaks.length, 1);
  assert.deepEqual(checkForm(back, null).report.sheets.map((s) => s.findings), text.sheets.map((s) => s.findings));
  assert.ok(maxFileBytes() >= 20 * 1024 * 1024);
  assert.throws(() => readFile('bomb.xlsx', new Uint8Array(readFileSync(new URL('tests/fixtures/hostile/bomb.xlsx', root))), null), /压缩比/);
});

test('text in a named encoding is decoded by the browser\'s TextDecoder as the command decodes it', () => {
  // The wasm carries no encoding tables of its own (src/input/charset.rs): these are its decoders.
  const gbk = new Uint8Array([0xcf, 0xee, 0xc4, 0xbf, 0x09, 0xa1, 0xdd, 0x39, 0x38, 0x25]); // 项目\t≥98%
  assert.deepEqual(readFile('a.csv', gbk).rows, [['项目', '≥98%']]);
  // A chosen encoding: Big5's 中 (A4 A4); a UTF-8 byte-order mark dropped; an unknown label ignored.
  assert.deepEqual(readFile('a.txt', new Uint8Array([0xa4, 0xa4]), 'big5').rows, [['中']]);
  assert.deepEqual(readFile('a.txt', new Uint8Array([0xef, 0xbb, 0xbf, 0x61]), 'utf-8').rows, [['a']]);
  assert.deepEqual(readFile('a.txt', gbk, 'no-such').rows, [['项目', '≥98%']]);
  // A single-file web page in the charset its part names.
  const mht = ['MIME-Version: 1.0', 'Content-Type: multipart/related; boundary="b"', '', '--b',
    'Content-Type: text/html; charset="gb2312"', 'Content-Transfer-Encoding: quoted-printable', '',
    '<table><tr><td>=CF=EE=C4=BF</td></tr></table>', '--b--', ''].join('\r\n');
  assert.deepEqual(readFile('a.mht', new TextEncoder().encode(mht)).rows, [['项目']]);
});

test('files read together are one input within one set of bounds, each broken one named with why', () => {
  const fixture = new Uint8Array(readFileSync(fixturePath));
  const read = readFiles([
    { name: 'a.tsv', bytes: fixture },
    { name: '空.xlsx', bytes: new Uint8Array(0) },
    { name: 'b.xls', bytes: new Uint8Array(readFileSync(new URL('tests/fixtures/office/fixture.xls', root))) },
  ], null);
  assert.deepEqual(read.failed.map((f) => f.name), ['空.xlsx']);
  assert.match(read.failed[0].message, /文件是空的（0 字节），不是一个完整的Excel 工作簿/);
  assert.deepEqual(read.files.map((f) => f.name), ['a.tsv', 'b.xls']);
  const one = checkForm(readText(readFileSync(fixturePath, 'utf8')), null).report.counts;
  const both = checkForm(read.input, null).report.counts;
  assert.equal(both.error, 2 * one.error);
  assert.equal(read.input.breaks[0], read.files[1].row - 1);
  const none = readFiles([{ name: '空.docx', bytes: new Uint8Array(0) }], null);
  assert.equal(none.input, null);
  assert.match(none.failed[0].message, /Word 文档/);
});

test('the TypeScript types name the report, not any', () => {
  const dts = readFileSync(new URL('pkg/selfeval.d.ts', root), 'utf8');
  for (const fn of ['checkText', 'checkHtml', 'checkBytes']) {
    assert.match(dts, new RegExp(`export function ${fn}\\([^)]*\\): Report;`));
  }
  assert.match(dts, /export interface Report \{/);
});

test('every interface of the types has exactly the keys the functions really return', () => {
  const dts = readFileSync(new URL('pkg/selfeval.d.ts', root), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
  const fields = (name) => {
    const body = dts.match(new RegExp(`export interface ${name}(?: extends \\w+)? \\{([^}]*)\\}`))?.[1];
    assert.ok(body, `interface ${name} in selfeval.d.ts`);
    return [...body.matchAll(/(\w+)\??\s*:/g)].map((m) => m[1]).sort();
  };
  const fixture = readFileSync(fixturePath, 'utf8');
  const report = checkText(fixture, null);
  const sheet = report.sheets[0];
  const { views } = checkForm(readText(fixture), null);
  const summary = checkTextSummary(fixture, null);
  const real = {
    Report: report, SheetReport: sheet, Finding: sheet.findings[0], Counts: report.counts, BudgetReport: sheet.budget,
    IndicatorReport: sheet.indicators[0], TotalsReport: sheet.totals, GradeReport: sheet.grade, Input: readText(fixture),
    Merge: readHtml('<table><tr><td colspan=2>a</td></tr></table>').merges[0], ViewCell: views[0].cells[0],
    SheetView: views[0], Checked: checkForm(readText(fixture), null), Filled: fillComputed(blankForm(), null),
    Summary: summary, SheetSummary: summary.sheets[0], BuiltinProfile: builtinProfiles()[0], CodeSpec: codes()[0],
  };
  for (const [name, value] of Object.entries(real)) assert.deepEqual(Object.keys(value).sort(), fields(name), name);
  // And the error every function throws.
  assert.deepEqual(fields('SelfevalError'), ['code']);
  assert.throws(() => checkForm({ rows: 'no' }, null), (e) => e instanceof Error && e.code === 'SELFEVAL_INPUT');
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
  const binary = checkBytes('book.xlsx', new Uint8Array([0x50, 0x4b, 3, 4, 0x14, 0, 0xcf, 0xee]), null);
  assert.equal(binary.findings[0].code, 'D001');
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

test('checkTextSummary gives each sheet in short', () => {
  const summary = checkTextSummary(readFileSync(fixturePath, 'utf8'), null);
  assert.deepEqual(summary.counts, { error: 6, warning: 12, info: 1 });
  assert.deepEqual(summary.sheets[3], {
    index: 4, projectName: '统战融媒体工作经费', implementer: '上海市同舟服务中心', statedScore: '98', ruleScore: '112.8', statedGrade: '优', ruleGrade: '优',
    counts: { error: 3, warning: 4, info: 0 },
  });
});
