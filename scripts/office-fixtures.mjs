// Remakes tests/fixtures/office/: the text fixture saved by a real office suite (LibreOffice, headless)
// in every format the checker opens, so the readers are tested on files an office suite wrote, not on
// files we wrote ourselves. Usage: node scripts/office-fixtures.mjs (installs LibreOffice when missing).
//
// - fixture.{xlsx,xls,ods,html}: the text imported by Calc with "detect special numbers" on, so `98%`
//   becomes the number 0.98 formatted as a percent and `24.09` a number (formula evaluation off, so a
//   target written `=100%` stays text).
// - fixture-merged.{docx,xlsx}: the same cells as an HTML table in which, on the rows of a few cells
//   (the title, the header, the goals), a cell spans the empty cells after it as the form's merged cells
//   do, opened by Writer and by Calc: a Word table with `gridSpan`, a workbook with merged ranges.
// - corpus/*.xlsx: each real form of tests/corpus saved by Calc the same way.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const fixture = join(root, 'tests/fixtures/000_7b7c0afb335e079f.txt');
const out = join(root, 'tests/fixtures/office');
mkdirSync(out, { recursive: true });

if (!existsSync('/usr/bin/soffice')) {
  execFileSync('apt-get', ['update', '-qq']);
  execFileSync('apt-get', ['install', '-y', '-qq', 'libreoffice-calc-nogui', 'libreoffice-writer-nogui'], { stdio: 'inherit' });
}

const work = mkdtempSync(join(tmpdir(), 'office-'));
const profile = `file://${join(work, 'profile')}`;
function soffice(input, filter, target) {
  const args = [`-env:UserInstallation=${profile}`, '--headless', '--norestore'];
  if (filter) args.push(`--infilter=${filter}`);
  execFileSync('soffice', [...args, '--convert-to', target, '--outdir', work, input], { stdio: 'pipe' });
}

// Tab-separated, UTF-8, from line 1, Chinese (2052), quoted fields not forced to text, special numbers
// detected, spaces kept, formulas not evaluated.
const csvImport = 'CSV:9,34,76,1,,2052,false,true,,,false,,false';
copyFileSync(fixture, join(work, 'fixture.csv'));
for (const target of ['xlsx:Calc MS Excel 2007 XML', 'xls:MS Excel 97', 'ods:calc8', 'html:HTML (StarCalc)']) {
  soffice(join(work, 'fixture.csv'), csvImport, target);
}

// The HTML table: on a row of at most four cells, a cell spans the empty cells after it, up to the next
// cell with text. Rows of the indicator table keep their cells: an empty 偏差原因分析 is a cell of its own.
const escape = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const rows = readFileSync(fixture, 'utf8').replace(/\r/g, '').split('\n');
const width = Math.max(...rows.map((r) => r.split('\t').length));
const body = rows.map((line) => {
  const cells = line.split('\t');
  while (cells.length < width) cells.push('');
  const tds = [];
  const few = cells.filter((c) => c !== '').length <= 4;
  for (let i = 0; i < cells.length; ) {
    let span = 1;
    if (few && cells[i] !== '') while (i + span < cells.length && cells[i + span] === '') span++;
    tds.push(`<td${span > 1 ? ` colspan="${span}"` : ''}>${escape(cells[i])}</td>`);
    i += span;
  }
  return `<tr>${tds.join('')}</tr>`;
});
writeFileSync(join(work, 'fixture-merged.html'),
  `<!DOCTYPE html><html><head><meta charset="utf-8"></head><body><table border="1">\n${body.join('\n')}\n</table></body></html>\n`);
soffice(join(work, 'fixture-merged.html'), 'HTML (StarWriter)', 'docx:MS Word 2007 XML');
soffice(join(work, 'fixture-merged.html'), 'calc_HTML_WebQuery', 'xlsx:Calc MS Excel 2007 XML');

for (const name of ['fixture.xlsx', 'fixture.xls', 'fixture.ods', 'fixture.html', 'fixture-merged.docx', 'fixture-merged.xlsx']) {
  copyFileSync(join(work, name), join(out, name));
}

// Each real form of the corpus, saved by Calc as a workbook the same way.
mkdirSync(join(out, 'corpus'), { recursive: true });
for (const tsv of readdirSync(join(root, 'tests/corpus')).filter((n) => n.endsWith('.tsv'))) {
  const base = tsv.replace(/\.tsv$/, '');
  copyFileSync(join(root, 'tests/corpus', tsv), join(work, `${base}.csv`));
  soffice(join(work, `${base}.csv`), csvImport, 'xlsx:Calc MS Excel 2007 XML');
  copyFileSync(join(work, `${base}.xlsx`), join(out, 'corpus', `${base}.xlsx`));
}
console.log(`wrote ${out}: ${execFileSync('soffice', ['--version']).toString().trim()}`);
