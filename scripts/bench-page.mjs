// Measures the page in headless Chromium, for the README (a benchmark, not a test): the wasm's size,
// the time from opening the file:// page to ready, from a paste to the drawn forms, from an edit to the
// redrawn form, the engine in wasm against native on the same 10,000-sheet paste, and a workbook of 200
// forms read and checked by our wasm against SheetJS (npm `xlsx`) only reading it, in the same page.
// Usage: node scripts/bench-page.mjs   (make bench-page; it runs the native bench with cargo)
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { serve } from './serve.mjs';

const root = new URL('..', import.meta.url).pathname;
// SheetJS, the comparison, is installed by the bench when it runs (never by `make test`): the npm
// release the README quotes, beside the locked test dependencies, not saved into package.json.
const SHEETJS = 'xlsx@0.18.5';
if (!existsSync(`${root}node_modules/xlsx/dist/xlsx.full.min.js`)) {
  execFileSync('npm', ['install', '--no-save', '--no-audit', '--no-fund', SHEETJS], { cwd: root, stdio: 'inherit' });
}
const FIXTURE = readFileSync(`${root}tests/fixtures/000_7b7c0afb335e079f.txt`, 'utf8');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x) => `${x.toFixed(1)} ms`;
const kb = (n) => `${(n / 1024).toFixed(0)} KiB`;

const sizes = (path) => {
  const bytes = readFileSync(`${root}${path}`);
  return `${kb(bytes.length)} raw, ${kb(gzipSync(bytes, { level: 9 }).length)} gzip`;
};
console.log(`pkg/selfeval_bg.wasm: ${sizes('pkg/selfeval_bg.wasm')}`);
console.log(`pkg/selfeval.html (self-contained): ${sizes('pkg/selfeval.html')}`);

const server = await serve(0);
const base = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
async function open(url) {
  const page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
  await page.goto(url);
  await page.waitForSelector('html[data-ready=true]');
  return page;
}
// Waits for the next frame to be produced after the work, so layout and paint are counted.
const NEXT_FRAME = () => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));

// Ready: navigation start to the engine started and the empty page drawn, in fresh contexts.
// Its parts, since navigation start: the HTML parsed up to the wasm's data block, the wasm decoded, its
// compiling done (it runs while the rest is parsed), the HTML parsed, the engine instantiated, ready,
// and the first paint (the browser paints once the page's scripts have run).
const ready = [];
const parts = { parsedWasm: [], decoded: [], parsed: [], compiled: [], instantiated: [], painted: [] };
for (let i = 0; i < 9; i++) {
  const page = await open(`file://${root}pkg/selfeval.html`);
  const t = await page.evaluate(() => ({
    ...window.selfevalTimings,
    parsed: performance.getEntriesByType('navigation')[0].domInteractive,
    painted: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
  }));
  ready.push(t.readySinceNavigation);
  for (const key of Object.keys(parts)) parts[key].push(t[key]);
  await page.context().close();
}
// The floor beside it: a page of one paragraph, opened the same way, to its HTML parsed.
const floorPage = `${root}target/bench/blank.html`;
mkdirSync(`${root}target/bench`, { recursive: true });
writeFileSync(floorPage, '<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>空白</title><p>空白</p>');
const floor = [];
for (let i = 0; i < 9; i++) {
  const page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
  await page.goto(`file://${floorPage}`);
  floor.push(await page.evaluate(() => performance.getEntriesByType('navigation')[0].domInteractive));
  await page.context().close();
}
console.log(`file:// page open → ready: median ${ms(median(ready))} (of ${ready.map((x) => x.toFixed(0)).join(', ')}); a blank page, parsed: median ${ms(median(floor))}`);
const names = {
  parsedWasm: 'HTML up to the wasm',
  decoded: 'wasm decoded',
  parsed: 'HTML parsed',
  compiled: 'wasm unzipped and compiled',
  instantiated: 'engine instantiated',
  painted: 'first paint',
};
console.log(`  its parts, medians since navigation start: ${Object.entries(names).map(([k, name]) => `${name} ${ms(median(parts[k]))}`).join(', ')}, ready ${ms(median(ready))}`);

// Paste → drawn: the paste event's work (read, check, draw) and up to the next frame, on a page that has
// settled: for about 200 ms after ready the batch worker warms up on the other core (what a user pastes
// then shares the cores with it; printed apart, as the first paste on a page just ready).
// A paste of the fixture on `page`: its script time and the time to the next frame.
const pasteTimed = (page) =>
  page.evaluate(
    async ([text, nextFrame]) => {
      const data = new DataTransfer();
      data.setData('text/plain', text);
      const t0 = performance.now();
      document.body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
      const t1 = performance.now();
      await new Function(`return (${nextFrame})()`)();
      return [t1 - t0, performance.now() - t0];
    },
    [FIXTURE, NEXT_FRAME.toString()],
  );
const first = await pasteTimed(await open(`${base}/www/`));
const page = await open(`${base}/www/`);
await page.waitForSelector('html[data-worker=warm]');
const pastes = [];
const pasteFrames = [];
for (let i = 0; i < 9; i++) {
  const [work, frame] = await pasteTimed(page);
  pastes.push(work);
  pasteFrames.push(frame);
}
console.log(`paste of the fixture → 4 forms drawn: median ${ms(median(pastes))} of script, ${ms(median(pasteFrames))} to the next frame; the first paste on a page just ready (the worker warming up): ${ms(first[0])} of script, ${ms(first[1])} to the next frame`);

// Edit → redrawn: typing in a cell (the input event's check and redraw), and up to the next frame. The
// cell is G53 of the fixture's second form, on the fixture (4 forms), on that form pasted alone and in a
// paste of 40 forms: the three pages are edited in turn, so the machine's noise falls on all alike.
const lines = FIXTURE.split('\n');
const titles = lines.flatMap((line, i) => (line.startsWith('财政项目支出绩效自评表') ? [i] : []));
const secondForm = lines.slice(titles[1], titles[2]).join('\n');
const pasted = async (text) => {
  const p = await open(`${base}/www/`);
  await p.evaluate((text) => {
    const data = new DataTransfer();
    data.setData('text/plain', text);
    document.body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
  return p;
};
const editPages = { fixture: page, one: await pasted(secondForm), forty: await pasted(FIXTURE.repeat(10)) };
// G53 of the second form: row 53 of the fixture, counted from the form's first row in each paste.
const editCells = { fixture: 'G53', one: `G${53 - titles[1]}`, forty: 'G53' };
const editTimes = { fixture: [], one: [], forty: [] };
const editFrames = [];
const editChecks = [];
for (let i = 0; i < 21; i++) {
  for (const [name, p] of Object.entries(editPages)) {
    const [work, frame, check] = await p.evaluate(
      async ([cell, value, nextFrame]) => {
        const editor = document.querySelector(`.t[data-cell="${cell}"]`);
        editor.focus();
        editor.textContent = value;
        const t0 = performance.now();
        editor.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText' }));
        const t1 = performance.now();
        await new Function(`return (${nextFrame})()`)();
        return [t1 - t0, performance.now() - t0, window.selfevalTimings.check];
      },
      [editCells[name], i % 2 ? '100' : '95', NEXT_FRAME.toString()],
    );
    editTimes[name].push(work);
    if (name === 'fixture') {
      editFrames.push(frame);
      editChecks.push(check);
    }
  }
}
console.log(
  `edit of a cell → form redrawn: median ${ms(median(editTimes.fixture))} of script (${ms(median(editChecks))} of it in the check), ${ms(median(editFrames))} to the next frame`,
);
const [one, forty] = [median(editTimes.one), median(editTimes.forty)];
console.log(`the same edit in a paste of 1 form: ${ms(one)} of script; of 40 forms: ${ms(forty)}; 40 ÷ 1: ${(forty / one).toFixed(2)}×`);
for (const p of [editPages.one, editPages.forty]) await p.context().close();

// The engine on 10,000 sheets: checkTextSummary in the page's wasm against check_text + summary natively on
// one thread, as wasm runs
// (the summary keeps the crossing small, so the engine is what is timed), then the whole JSON report.
const big = FIXTURE.repeat(2500);
const wasm = await page.evaluate(async (text) => {
  const engine = await import('/pkg/selfeval.js');
  await engine.default();
  const best = (run) => {
    const times = [];
    // The first runs are compiled by Liftoff; the best of several is the optimised code.
    for (let i = 0; i < 10; i++) {
      const t0 = performance.now();
      run();
      times.push(performance.now() - t0);
    }
    return Math.min(...times);
  };
  return {
    summary: best(() => {
      if (engine.checkTextSummary(text, null).sheets.length !== 10000) throw new Error('not 10,000 sheets');
    }),
    json: best(() => engine.checkTextJson(text, null)),
  };
}, big);

// A workbook of 200 forms (the fixture 50 times, saved by LibreOffice as an .xlsx with percent-formatted
// numbers), made once into target/bench/.
const bench = `${root}target/bench/`;
const book = `${bench}forms-200.xlsx`;
if (!existsSync(book)) {
  mkdirSync(bench, { recursive: true });
  writeFileSync(`${bench}forms-200.csv`, FIXTURE.repeat(50));
  execFileSync('soffice', [`-env:UserInstallation=file://${bench}profile`, '--headless', '--infilter=CSV:9,34,76,1,,2052,false,true,,,false,,false',
    '--convert-to', 'xlsx:Calc MS Excel 2007 XML', '--outdir', bench, `${bench}forms-200.csv`], { stdio: 'ignore' });
}
// A batch of 500 forms (125 files) in the worker: its time, and the longest the main thread was late
// for a 10 ms timer meanwhile (counted from the moment the page has the files).
const batchPage = await open(`${base}/www/`);
// The page warms its batch worker up when idle after start; a user opens files after that.
await batchPage.waitForSelector('html[data-worker=warm]');
await batchPage.evaluate(() => {
  window.late = 0;
  document.querySelector('#file').addEventListener('change', () => {
    window.t0 = performance.now();
    let last = performance.now();
    window.ticker = setInterval(() => {
      const now = performance.now();
      window.late = Math.max(window.late, now - last - 10);
      last = now;
    }, 10);
  }, { capture: true, once: true });
});
await batchPage.setInputFiles('#file', Array.from({ length: 125 }, (_, i) => ({ name: `u${i}.txt`, mimeType: 'text/plain', buffer: Buffer.from(FIXTURE) })));
await batchPage.waitForFunction(() => document.querySelector('#batch-status').textContent.startsWith('已检查 125/125'), null, { timeout: 120000 });
const batchRun = await batchPage.evaluate(() => ({ time: performance.now() - window.t0, late: window.late }));
console.log(`batch of 500 forms (125 files) in the page's worker: ${ms(batchRun.time)}, ${(500 / (batchRun.time / 1000)).toFixed(0)} forms/s; main thread at most ${ms(batchRun.late)} late for a 10 ms timer`);
await page.addScriptTag({ url: '/node_modules/xlsx/dist/xlsx.full.min.js' });
const workbook = await page.evaluate(async (url) => {
  const bytes = new Uint8Array(await (await fetch(url)).arrayBuffer());
  const engine = await import('/pkg/selfeval.js');
  const times = (run) => {
    const all = [];
    for (let i = 0; i < 12; i++) {
      const t0 = performance.now();
      run();
      all.push(performance.now() - t0);
    }
    // The first runs warm the JIT and the wasm tiers; the median of the rest is the steady cost.
    const rest = all.slice(2).sort((a, b) => a - b);
    return rest[Math.floor(rest.length / 2)];
  };
  let sheets = 0;
  const ours = times(() => {
    sheets = engine.checkBytes('forms-200.xlsx', bytes, null).sheets.length;
  });
  const sheetjs = times(() => window.XLSX.read(bytes, { type: 'array' }));
  return { ours, sheetjs, sheets, size: bytes.length };
}, '/target/bench/forms-200.xlsx');
await browser.close();
server.close();
console.log(
  `workbook of ${workbook.sheets} forms (${kb(workbook.size)} .xlsx): read and checked by our wasm ${ms(workbook.ours)}, ` +
    `SheetJS ${window_version()} only reading it ${ms(workbook.sheetjs)}: ours ${(workbook.sheetjs / workbook.ours).toFixed(1)}× faster`,
);
const native = Number(
  execFileSync('cargo', ['bench', '--quiet', '--locked', '--bench', 'throughput', '--', '--summary-10k'], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  }).trim(),
);
const mb = (Buffer.byteLength(big) / 1e6).toFixed(1);
console.log(`10,000 sheets (${mb} MB), the engine (check + summary): wasm ${ms(wasm.summary)}, native ${ms(native)}, wasm/native ${(wasm.summary / native).toFixed(2)}×`);
console.log(`10,000 sheets, the whole report as JSON text into JS (checkTextJson): wasm ${ms(wasm.json)}`);

function window_version() {
  return `xlsx@${JSON.parse(readFileSync(`${root}node_modules/xlsx/package.json`, 'utf8')).version}`;
}
