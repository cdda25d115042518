// The page: reads what the user gives it, asks the engine (Rust, in wasm) to check it, and draws the
// result. Data flows one way: an action changes `state.input` → `check()` asks the engine → `draw()`
// renders. Nothing here decides anything about a sheet: reading, checking, scoring, the layout of the
// form and the exports all come from the engine. Every text from the input is put in the page as text
// (textContent), never as markup.

import init, * as engine from '../pkg/selfeval.js';

const STORE = 'selfeval:v1';
// Forms drawn in full; beyond this the summary table lists every sheet.
const MAX_DRAWN = 40;
// Rows of the summary table.
const MAX_SUMMARY = 2000;
const SEVERITY = { error: '错误', warning: '警告', info: '提示' };
// The profile choice that lets each sheet's layout choose (the engine's default).
const AUTO = 'auto';

const $ = (id) => document.getElementById(id);
// Times of the page's start and of its last check, for the benchmark (the one-file page sets the first).
const timings = (window.selfevalTimings ??= {});

const state = {
  input: null, // { rows: string[][], merges: Merge[], breaks: number[] }: what the user has given and edited
  source: '', // where it came from, for the status line and file names
  files: [], // files opened together: [{ name, row }], each file's first row (from 0); empty for one
  profileName: AUTO,
  profileJson: null, // null: each sheet scored by its layout's profile
  checked: null, // { report, views } from the engine
};
const history = [];

// ---- the engine ----

// Checks the whole input; or, given the row of an edit, only the sheet it is in (when that sheet is drawn
// and stays one sheet over the same rows): the sheet's report and view replace the old ones. What one
// sheet says of another (a copy of it) waits for the whole check at a pause. The sheet re-checked, or null.
function check(row = null) {
  const t0 = performance.now();
  const sheet = row === null ? null : checkSheetOf(row);
  if (sheet === null) state.checked = state.input ? engine.checkForm(state.input, state.profileJson, MAX_DRAWN) : null;
  timings.check = performance.now() - t0;
  timings.checkedSheet = sheet;
  return sheet;
}

function checkSheetOf(row) {
  const views = state.checked?.views ?? [];
  const at = views.findIndex((v) => v.firstRow <= row && row <= v.lastRow);
  // One sheet alone: the whole check is the sheet's.
  if (at < 0 || state.checked.report.sheets.length < 2) return null;
  const old = views[at];
  const within = (r) => old.firstRow <= r && r <= old.lastRow;
  const part = {
    rows: state.input.rows.slice(old.firstRow, old.lastRow + 1),
    merges: state.input.merges.filter((m) => within(m.row)),
    breaks: state.input.breaks.filter(within),
  };
  const { report, views: [view] } = engine.checkPart(part, old.firstRow, old.index, state.profileJson);
  if (report.sheets.length !== 1 || report.findings.length || view.firstRow !== old.firstRow || view.lastRow !== old.lastRow) return null;
  const whole = state.checked.report;
  whole.sheets[at] = report.sheets[0];
  views[at] = view;
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of [...whole.findings, ...whole.sheets.flatMap((s) => s.findings)]) counts[f.severity] += 1;
  whole.counts = counts;
  return at;
}

// ---- actions: each changes the state, then checks, draws and saves ----

function snapshot() {
  return JSON.stringify({ input: state.input, source: state.source, files: state.files });
}

function remember() {
  history.push(snapshot());
  if (history.length > 50) history.shift();
}

// Checks (unless `checked` is a check already made), draws and saves; whether the save worked. An
// edit's change of the counts is announced: at once, or for typing (`announce: 'typing'`) at a pause,
// so that each keystroke is not talked over.
function update({ redraw = true, keepFocus = null, announce = false, row = null, checked = null } = {}) {
  // A check already made (in the worker, for a large input) is taken as it is.
  if (checked) state.checked = checked;
  const only = checked ? null : check(row);
  announceCounts(announce);
  if (redraw || structureChanged(only)) draw(keepFocus);
  else decorate(only);
  $('undo').disabled = history.length === 0;
  return save();
}

// Rows beyond which a check takes long enough (hundreds of sheets) to say so first.
const LONG_INPUT = 5000;

function load(input, source, note, files = [], checked = null) {
  if (checked) {
    loaded(input, source, note, files, checked);
  } else if (input.rows.length > LONG_INPUT) {
    say(`正在检查 ${input.rows.length} 行……`);
    // The message is painted before the check starts.
    requestAnimationFrame(() => setTimeout(() => loaded(input, source, note, files)));
  } else {
    loaded(input, source, note, files);
  }
}

function loaded(input, source, note, files, checked = null) {
  remember();
  state.input = input;
  state.source = source;
  state.files = files;
  const saved = update({ checked });
  const counts = state.checked.report.counts;
  const sheets = state.checked.report.sheets.length;
  const read = `${note}：${sheets} 张自评表，错误 ${counts.error}，警告 ${counts.warning}，提示 ${counts.info}。`;
  say(saved ? read : `${read}${NOT_SAVED}`, saved ? 'info' : 'error');
}

function undo() {
  const previous = history.pop();
  if (!previous) return;
  const saved = JSON.parse(previous);
  state.input = saved.input;
  state.source = saved.source;
  state.files = saved.files ?? [];
  update({ announce: true });
  say('已撤销。');
}

function clearAll() {
  remember();
  state.input = null;
  state.source = '';
  try {
    localStorage.removeItem(STORE);
  } catch {
    // Storage unavailable: nothing was saved.
  }
  update();
  say('已清除本页和浏览器中保存的内容。如需恢复，请点“撤销”。');
}

// An edit re-checks its own sheet at once, and the whole input at a pause in the typing.
let pendingEdit = null;
const WHOLE_AFTER = 800;

// Writes a cell of the state, growing the grid to reach it.
function setCell(row, col, text) {
  const rows = state.input.rows;
  while (rows.length <= row) rows.push([]);
  while (rows[row].length <= col) rows[row].push('');
  rows[row][col] = text;
}

function editCell(row, col, text) {
  setCell(row, col, text);
  clearTimeout(pendingEdit);
  update({ redraw: false, keepFocus: { row, col }, announce: 'typing', row });
  if (state.checked.report.sheets.length > 1) pendingEdit = setTimeout(() => update({ redraw: false, announce: 'typing' }), WHOLE_AFTER);
}

// The files' first rows follow a row inserted or removed above them.
function shiftFiles(from, by) {
  for (const file of state.files) if (file.row > from) file.row += by;
}

function insertRow(after, width) {
  remember();
  state.input = engine.insertRow(state.input, after, width);
  shiftFiles(after, 1);
  update({ keepFocus: { row: after + 1, col: 0 }, announce: true });
}

function removeRow(row) {
  remember();
  state.input = engine.removeRow(state.input, row);
  shiftFiles(row, -1);
  update({ announce: true });
}

// A finding's expected value written into its cell: a one-click fix, undone like any edit.
function applyFix(f) {
  remember();
  const [row, col] = [f.row - 1, f.col - 1];
  setCell(row, col, f.expected);
  update({ keepFocus: { row, col }, announce: true });
  say(`已将 ${f.cell} 改为“${f.expected}”。如需恢复，请点“撤销”。`);
}

function fillComputed() {
  remember();
  const { input, filled } = engine.fillComputed(state.input, state.profileJson);
  state.input = input;
  update({ announce: true });
  say(filled ? `已填入 ${filled} 个计算值。` : '没有需要填入的空白单元格。');
}

function text(row, col) {
  return state.input.rows[row]?.[col] ?? '';
}

// ---- saving and restoring ----

const NOT_SAVED = '无法自动保存：内容超出浏览器的存储空间（或存储不可用）。请用“导出表格”保存，以免刷新后丢失。';

function save() {
  if (!state.input) return true;
  const saved = { input: state.input, source: state.source, files: state.files, profileName: state.profileName, profileJson: state.profileJson };
  try {
    localStorage.setItem(STORE, JSON.stringify(saved));
    return true;
  } catch {
    // What is saved is older than what is shown: a reload must not bring it back as if it were the work.
    try {
      localStorage.removeItem(STORE);
    } catch {
      // Storage unavailable altogether.
    }
    say(NOT_SAVED, 'error');
    return false;
  }
}

function restore() {
  let saved;
  try {
    saved = JSON.parse(localStorage.getItem(STORE) || 'null');
  } catch {
    saved = null;
  }
  if (!saved?.input?.rows) return false;
  state.input = { rows: saved.input.rows, merges: saved.input.merges || [], breaks: saved.input.breaks || [] };
  state.source = saved.source || '';
  state.files = saved.files || [];
  if (saved.profileJson) setProfile(saved.profileName, saved.profileJson, { quiet: true });
  try {
    update();
  } catch (error) {
    // Storage edited by hand or by another version: start empty rather than not at all.
    state.input = null;
    say(`上次保存的内容无法读取，已忽略（${error.message}）。`, 'error');
    return false;
  }
  say('已恢复上次的内容（自动保存在本浏览器中）。');
  return true;
}

// ---- input: paste, files, drag and drop ----

function onPaste(event) {
  const data = event.clipboardData;
  if (!data) return;
  // A single value pasted into a cell is an edit of that cell; anything else is a new sheet.
  const inCell = event.target instanceof Element && event.target.closest('.t');
  if (inCell && !/[\t\n]/.test(data.getData('text/plain').trim())) {
    // A cell that is not plain text only would take the clipboard's markup: its text goes in instead.
    if (!PLAIN_TEXT_CELLS) {
      event.preventDefault();
      document.execCommand('insertText', false, data.getData('text/plain'));
    }
    return;
  }
  event.preventDefault();
  // A large paste is read and checked in the worker, as a file is.
  const html = data.getData('text/html');
  const text = data.getData('text/plain');
  if (largePaste(html, text) && typeof Worker !== 'undefined') {
    pasteInWorker(html, text);
    return;
  }
  try {
    const input = engine.readClipboard(data);
    if (input) load(input, '粘贴的内容', '已读取粘贴的内容');
    else say('剪贴板里没有文字或表格。', 'error');
  } catch (error) {
    say(`无法读取粘贴的内容：${error.message}`, 'error');
  }
}

// Characters of a paste beyond which it is read and checked in the worker (a form is a few thousand),
// as is a paste of more than LONG_INPUT lines.
const LARGE_PASTE = 1 << 20;

function largePaste(html, text) {
  if (html.length + text.length > LARGE_PASTE) return true;
  let lines = 0;
  for (let at = text.indexOf('\n'); at >= 0 && lines <= LONG_INPUT; at = text.indexOf('\n', at + 1)) lines += 1;
  return lines > LONG_INPUT;
}

async function pasteInWorker(html, text) {
  say('正在读取粘贴的内容……');
  let done;
  try {
    done = await readInWorker({ paste: { html, text } });
  } catch (error) {
    if (error !== SUPERSEDED) say(`无法读取粘贴的内容：${error.message}`, 'error');
    return;
  }
  if (done.read.input) load(done.read.input, '粘贴的内容', '已读取粘贴的内容', [], done.checked);
  else say('剪贴板里没有文字或表格。', 'error');
}

// The files last opened, kept to read them again in another encoding.
let lastFiles = [];
// More files than this, or a file bigger than BATCH_BYTES, are checked as a batch in a worker.
const BATCH_FILES = 4;
const BATCH_BYTES = 1024 * 1024;

// Opens files (the picker's or dropped ones, several at once): each is read by the engine by its
// content (workbook, document, web page or text); together they become one input, each file a part no
// form spans, and each sheet is shown with its file's name. A file that cannot be read is named with
// why; the others are still read, and what was on the page stays when none is.
async function openFiles(list) {
  const files = [...(list ?? [])];
  if (!files.length) return;
  const max = engine.maxFileBytes();
  const read = [];
  const failed = [];
  for (const file of files) {
    if (file.size > max) {
      failed.push(`无法读取 ${file.name}：文件有 ${Math.round(file.size / 1048576)} MB，大于可读取的上限 ${max / 1048576} MB。`);
      continue;
    }
    try {
      read.push({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) });
    } catch (error) {
      failed.push(`无法读取 ${file.name}：${error.message}`);
    }
  }
  if (read.length >= BATCH_FILES || read.some((f) => f.bytes.length > BATCH_BYTES)) {
    startBatch(read, failed);
    return;
  }
  lastFiles = read;
  readFiles(read, failed);
}

// ---- batches: many files checked in a Web Worker, the page answering throughout ----

// The worker runs the engine's own glue code with this driver after it: it checks each file in short
// (one summary row per form; the report does not cross) and posts it as soon as it is done.
const WORKER_DRIVER = `
let ready = false;
self.onmessage = ({ data }) => {
  if (!ready) {
    initSync({ module: data.module });
    ready = true;
  }
  // Files opened on the page, and large pastes, are read here, so that no input can take the page: what
  // the engine could not read comes back as its message; a trap of the engine (the instance is then
  // spent) as null.
  if (data.read || data.paste) {
    try {
      const read = data.read ? readFiles(data.read, data.encoding) : { input: readPaste(data.paste.html, data.paste.text) ?? null, files: [], failed: [] };
      // A large input is checked here too, so that the page only draws it.
      const large = read.input && read.input.rows.length > data.checkFrom;
      self.postMessage({ read, checked: large ? checkForm(read.input, data.profileJson, data.drawn) : null });
    } catch (error) {
      console.error(error);
      self.postMessage({ read: null, failure: typeof error.code === 'string' ? error.message : null });
    }
    return;
  }
  // A warm-up, so that the engine's code is compiled before a batch comes, and optimised: V8 runs wasm
  // with its baseline compiler first and optimises what runs hot on background threads, which during a
  // batch took the cores the page's frames needed. Checked a few dozen times, the example gets the hot
  // code optimised while the page is idle.
  if (data.warm) {
    for (let n = 0; n < 40; n++) checkFileSummary('warm.txt', data.warm, null);
    self.postMessage({ warmed: true });
    return;
  }
  data.files.forEach((file, i) => {
    let result;
    try {
      result = checkFileSummary(file.name, file.bytes, data.profileJson);
    } catch (error) {
      result = { rows: [[file.name, '', '', '', '', '', '', '', '1', '0', '0', error.message]], counts: { error: 1, warning: 0, info: 0 } };
    }
    self.postMessage({ i, ...result });
  });
  self.postMessage({ done: true });
};`;

const batch = { worker: null, files: [], rows: [], done: 0, counts: { error: 0, warning: 0, info: 0 }, pending: [], flush: null, finished: false };
let workerParts = null;

// The engine's glue as text and the compiled wasm, for workers: from the one-file page's data blocks,
// or fetched beside the page. Compiled once.
async function engineForWorkers() {
  if (!workerParts) {
    const block = document.getElementById('selfeval-glue');
    const glue = block ? block.textContent : await (await fetch(new URL('../pkg/selfeval.js', import.meta.url))).text();
    // The one-file page's module, compiled as it was parsed; else the wasm beside the page.
    const module = await (globalThis.SELFEVAL_MODULE ?? WebAssembly.compileStreaming(fetch(new URL('../pkg/selfeval_bg.wasm', import.meta.url))));
    // A classic worker (a module worker from a Blob is refused on a file:// page): the glue's exports
    // become plain functions, and it is never asked to find the wasm by its own URL.
    const classic = glue
      .replace(/^export function /gm, 'function ')
      .replace(/^export \{[^}]*\};?$/gm, '')
      .replace(/import\.meta\.url/g, 'self.location.href');
    const url = URL.createObjectURL(new Blob([classic, WORKER_DRIVER], { type: 'text/javascript' }));
    workerParts = { url, module };
  }
  return workerParts;
}

// A worker started and warmed up ahead of need (when the page is idle after start, and after each batch),
// so that a batch starts on compiled code: compiling it while the batch runs made the main thread stall.
let spareWorker = null; // Promise<Worker | null>

async function startWorker() {
  const { url, module } = await engineForWorkers();
  const worker = new Worker(url);
  const warmed = new Promise((done) => {
    worker.onmessage = ({ data }) => data.warmed && done();
  });
  worker.postMessage({ module, warm: new TextEncoder().encode(engine.exampleText()) });
  await warmed;
  document.documentElement.dataset.worker = 'warm';
  return worker;
}

// Runs `f` when the page is idle (or in 200 ms where the browser cannot say).
const whenIdle = (f) => (window.requestIdleCallback ?? ((g) => setTimeout(g, 200)))(f);

// V8 compiles each wasm function the first time it runs: on a page just ready, a first paste took 3–5×
// the next one's time. The example read and checked once when the page is first idle compiles the paste's
// path on this thread, before the batch worker warms up on the other core.
function warmEngine() {
  whenIdle(() => {
    try {
      engine.checkForm(engine.readText(engine.exampleText()), null, MAX_DRAWN);
    } catch (error) {
      console.error(error);
    }
    prepareWorker();
  });
}

function prepareWorker() {
  if (spareWorker || typeof Worker === 'undefined') return;
  whenIdle(() => {
    // Not while a batch runs: it would compete with it.
    if (!spareWorker && !batch.worker) spareWorker = startWorker().catch(() => null);
  });
}

async function startBatch(files, failed = []) {
  cancelBatch(false);
  clearTimeout(batch.flush);
  Object.assign(batch, { files, rows: [], done: 0, counts: { error: 0, warning: 0, info: 0 }, pending: [], flush: null, finished: false });
  $('batch').hidden = false;
  $('batch-table').tBodies[0].replaceChildren();
  $('batch-cancel').disabled = false;
  for (const id of ['batch-csv', 'batch-xlsx']) $(id).disabled = true;
  batchProgress(failed);
  try {
    const { module } = await engineForWorkers();
    // The warmed worker when there is one (waiting for it if it is warming), else a new one.
    const spare = spareWorker;
    spareWorker = null;
    delete document.documentElement.dataset.worker;
    const worker = (spare && (await spare)) || (await startWorker());
    batch.worker = worker;
    // A result still on its way when the batch was cancelled or replaced is not this batch's.
    worker.onmessage = ({ data }) => {
      if (batch.worker !== worker) return;
      if (data.done) finishBatch(failed);
      else batchResult(data, failed);
    };
    worker.onerror = (event) => {
      cancelBatch(false);
      say(`批量检查出错：${event.message}`, 'error');
    };
    worker.postMessage({ module, files: files.map(({ name, bytes }) => ({ name, bytes })), profileJson: state.profileJson });
  } catch (error) {
    say(`无法启动批量检查：${error.message}`, 'error');
  }
}

function batchResult({ i, rows, counts }, failed) {
  batch.done += 1;
  for (const key of Object.keys(batch.counts)) batch.counts[key] += counts[key];
  // A result only waits here: its rows are made when they join the table. Results come faster than
  // frames, and making every file's rows as it came put a frame's worth of them in one long frame.
  for (const row of rows) {
    batch.rows.push(row);
    if (batch.rows.length <= MAX_SUMMARY) batch.pending.push([i, row]);
  }
  // The rows join the table a few times a second, not at every file: each join lays the table out again.
  if (!batch.flush) batch.flush = setTimeout(() => flushBatch(failed), 250);
}

// Rows that join the table at a time, one lot a frame: a batch done before its first flush put its 500
// rows in at once, and laying them out kept the page from answering for 150 ms (lots run back to back
// are laid out together, so each waits for the next frame).
const FLUSH_ROWS = 20;

// Moves waiting rows into the table, a lot at a time, until none waits.
function flushBatch(failed) {
  clearTimeout(batch.flush);
  batch.flush = null;
  $('batch-table').tBodies[0].append(...batch.pending.splice(0, FLUSH_ROWS).map(([i, row]) => batchRow(i, row)));
  batchProgress(failed);
  if (batch.pending.length) batch.flush = setTimeout(() => flushBatch(failed), 16);
  else if (batch.finished) say(`批量检查完成：${$('batch-status').textContent}`);
}

// A summary row of the batch table: its file opens as forms.
function batchRow(i, [file, ...cells]) {
  return el('tr', { class: Number(cells[7]) ? 'has-error' : '' },
    el('td', {}, el('button', { type: 'button', class: 'link', text: file, title: `打开 ${file} 查看各表`, onclick: () => openBatchFile(i) })),
    ...cells.map((text, c) => el('td', { class: [0, 3, 4, 7, 8, 9].includes(c) ? 'num' : '', text })),
  );
}

function batchProgress(failed) {
  const total = batch.files.length;
  $('batch-progress').max = total;
  $('batch-progress').value = batch.done;
  const c = batch.counts;
  const forms = batch.rows.filter((r) => r[1] !== '').length;
  $('batch-status').textContent = `已检查 ${batch.done}/${total} 个文件，${forms} 张自评表，错误 ${c.error}，警告 ${c.warning}，提示 ${c.info}。${failed.join(' ')}`;
}

function finishBatch(failed) {
  // The worker stays, warm, for the next batch: starting one costs the page a stall.
  spareWorker ??= Promise.resolve(batch.worker);
  batch.worker = null;
  $('batch-cancel').disabled = true;
  for (const id of ['batch-csv', 'batch-xlsx']) $(id).disabled = false;
  // The rows still waiting join at the next lot, not in the task of the last result (a lot and the
  // page's redraw in one frame with the last results made the longest stall of a batch).
  batch.finished = true;
  if (batch.pending.length) {
    clearTimeout(batch.flush);
    batch.flush = setTimeout(() => flushBatch(failed), 16);
  } else flushBatch(failed);
}

// Stops the worker at once; what was checked stays listed.
function cancelBatch(tell = true) {
  if (!batch.worker) return;
  batch.worker.terminate();
  flushBatch([]);
  batch.worker = null;
  $('batch-cancel').disabled = true;
  for (const id of ['batch-csv', 'batch-xlsx']) $(id).disabled = false;
  if (tell) say(`已取消批量检查：已检查 ${batch.done}/${batch.files.length} 个文件。`);
  prepareWorker();
}

// A file of the batch opened as forms, to see and fix its findings.
function openBatchFile(i) {
  const file = batch.files[i];
  lastFiles = [file];
  readFiles([file]);
  $('forms').scrollIntoView?.();
}

// Reads the files' bytes with the encoding chosen for text, in a worker, and loads what could be read.
async function readFiles(files, failed = []) {
  const named = (list) => (list.length > 1 ? `${list[0].name} 等 ${list.length} 个文件` : list[0]?.name);
  say(`正在读取 ${named(files)}……`);
  let done;
  try {
    done = await readInWorker({ read: files.map(({ name, bytes }) => ({ name, bytes })), encoding: $('encoding').value || null });
  } catch (error) {
    if (error !== SUPERSEDED) say(`无法读取 ${named(files)}：${error.message} ${failed.join(' ')}`, 'error');
    return;
  }
  const { read, checked } = done;
  for (const { name, message } of read.failed) failed.push(`无法读取 ${name}：${message}`);
  if (!read.input) {
    say(failed.join(' '), 'error');
    return;
  }
  const source = named(read.files);
  load(read.input, source, `已读取 ${source}`, read.files.length > 1 ? read.files : [], checked);
  if (failed.length) say(`${$('status').textContent} ${failed.join(' ')}`, 'error');
}

// The worker that reads files, started at the first file; a read that outlives this is stopped.
const READ_SECONDS = 60;
const SUPERSEDED = new Error('superseded');
let reading = null; // { worker, module, cancel }

// Reads files (`{ read, encoding }`) or a paste (`{ paste: { html, text } }`) in the worker; a large
// input is checked there too. Gives `{ read, checked }`.
async function readInWorker(message) {
  reading?.cancel(SUPERSEDED);
  const { url, module } = await engineForWorkers();
  reading ??= { worker: new Worker(url), module, cancel: () => {} };
  const current = reading;
  return new Promise((resolve, reject) => {
    // The worker is stopped, and the next read starts another: after a trap its engine is spent.
    const stop = (error) => {
      clearTimeout(timer);
      current.worker.terminate();
      if (reading === current) reading = null;
      reject(error);
    };
    const timer = setTimeout(() => stop(new Error(`读取超过 ${READ_SECONDS} 秒仍未完成，已停止。文件可能过大，或是恶意构造的文件。`)), READ_SECONDS * 1000);
    current.cancel = stop;
    current.worker.onmessage = ({ data }) => {
      if (!('read' in data)) return;
      clearTimeout(timer);
      current.cancel = () => {};
      if (data.read) resolve(data);
      else stop(new Error(data.failure ?? '读取时检查引擎出错，文件可能已损坏或是恶意构造的。请在原软件中打开后另存，再打开另存的文件。'));
    };
    current.worker.onerror = (event) => {
      event.preventDefault();
      stop(new Error('读取时检查引擎停止运行（内存不足或文件有误），文件可能过大、已损坏或是恶意构造的。'));
    };
    current.worker.postMessage({ module: current.module, ...message, checkFrom: LONG_INPUT, profileJson: state.profileJson, drawn: MAX_DRAWN });
  });
}

// The name of the file a sheet came from, when several were opened.
function fileOf(sheet) {
  let name = null;
  for (const file of state.files) if (file.row + 1 <= sheet.firstRow) name = file.name;
  return name;
}

// ---- profiles ----

function setProfile(name, json, { quiet = false } = {}) {
  try {
    if (json !== null) engine.checkText('', json);
  } catch (error) {
    say(`评分配置无法使用：${error.message}`, 'error');
    return false;
  }
  state.profileName = name;
  state.profileJson = json;
  const select = $('profile');
  if (![...select.options].some((o) => o.value === name)) select.add(new Option(name, name));
  select.value = name;
  if (!quiet) {
    update();
    say(`已改用评分配置“${select.selectedOptions[0].text}”。`);
  }
  return true;
}

function builtinProfiles() {
  const profiles = engine.builtinProfiles();
  const select = $('profile');
  select.add(new Option('按版式自动选择', AUTO));
  for (const p of profiles) select.add(new Option(p.label || p.name, p.name));
  select.addEventListener('change', () => {
    if (select.value === AUTO) return setProfile(AUTO, null);
    const chosen = profiles.find((p) => p.name === select.value);
    if (chosen) setProfile(chosen.name, chosen.json);
  });
  $('profile-file').addEventListener('change', async (event) => {
    const file = event.target.files[0];
    event.target.value = '';
    if (file) setProfile(file.name, await file.text());
  });
}

// ---- exports ----

function download(name, type, content) {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function baseName() {
  const first = state.checked?.report.sheets[0]?.projectName;
  return (first || state.source || '自评表').replace(/\.[a-z]+$/i, '').replace(/[\\/:*?"<>|\s]+/g, '_').slice(0, 60);
}

const exports = {
  'export-tsv': () => download(`${baseName()}.txt`, 'text/plain;charset=utf-8', '\ufeff' + engine.toTsv(state.input)),
  'export-xlsx': () => {
    try {
      const book = engine.toXlsx(state.input, state.profileJson);
      download(`${baseName()}.xlsx`, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', book);
      say('已导出 Excel：问题以批注标在单元格上，并按级别着色；第二张工作表是问题清单。');
    } catch (error) {
      say(error.message, 'error');
    }
  },
  'batch-csv': () => download('批量检查汇总.csv', 'text/csv;charset=utf-8', engine.summaryCsv(batch.rows)),
  'batch-xlsx': () =>
    download('批量检查汇总.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', engine.summaryXlsx(batch.rows)),
  'batch-cancel': () => cancelBatch(),
  'export-json': () =>
    download(`${baseName()}-检查报告.json`, 'application/json', JSON.stringify(state.checked.report, null, 2)),
  'export-csv': () =>
    download(`${baseName()}-问题清单.csv`, 'text/csv;charset=utf-8', engine.findingsCsv(state.input, state.profileJson)),
  'copy-tsv': async () => {
    try {
      await navigator.clipboard.writeText(engine.toTsv(state.input));
      say('已复制，可在 Excel 或 WPS 中粘贴。');
    } catch {
      say('浏览器不允许写入剪贴板，请改用“导出表格”。', 'error');
    }
  },
  print: () => window.print(),
};

// ---- drawing ----

function say(message, kind = 'info') {
  const status = $('status');
  status.textContent = message;
  status.className = kind;
}

// The counts of findings the user was last told of (by the status line or an announcement).
let toldCounts = null;
let announceTimer = null;

// Says, to a screen reader, how edits changed the counts of findings since it last said them
// ("错误减少 1 项，现有错误 2 项"); nothing when they did not change. A load is told by the status line.
function announceCounts(when) {
  clearTimeout(announceTimer);
  const tell = () => {
    const [before, after] = [toldCounts, state.checked?.report.counts ?? null];
    toldCounts = after;
    if (!before || !after) return;
    const changes = Object.entries(SEVERITY)
      .filter(([key]) => before[key] !== after[key])
      .map(([key, word]) => `${word}${after[key] < before[key] ? '减少' : '增加'} ${Math.abs(after[key] - before[key])} 项，现有${word} ${after[key]} 项`);
    if (changes.length) $('announce').textContent = `${changes.join('；')}。`;
    // An action (not typing) is always answered, so that its effect is never left unsaid.
    else if (when !== 'typing') $('announce').textContent = `问题数未变：错误 ${after.error} 项，警告 ${after.warning} 项，提示 ${after.info} 项。`;
  };
  if (!when) toldCounts = state.checked?.report.counts ?? null;
  else if (when === 'typing') announceTimer = setTimeout(tell, 600);
  else tell();
}

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = value;
    else if (key.startsWith('data-') || key.startsWith('aria-') || key === 'role') node.setAttribute(key, value);
    else node[key] = value;
  }
  node.append(...children.filter((c) => c !== null && c !== undefined));
  return node;
}

// The shape of each drawn form; a change of it (a new sheet, a new merge) needs a full redraw.
let drawnShapes = [];
const shape = (v) => `${v.firstRow}-${v.lastRow}-${v.width}:` + v.cells.map((c) => `${c.row},${c.col},${c.rows},${c.cols},${c.kind}`).join(';');
const shapes = () => (state.checked?.views ?? []).map(shape);

// Whether the forms' shape changed: of sheet `only` (an edit's), or of any.
function structureChanged(only = null) {
  if (only !== null) return shape(state.checked.views[only]) !== drawnShapes[only];
  const now = shapes();
  return now.length !== drawnShapes.length || now.some((s, i) => s !== drawnShapes[i]);
}

// Cells by "row,col" (covered cells point at their merge's cell), filled by draw().
let cellMap = new Map();

function draw(keepFocus) {
  const forms = $('forms');
  forms.replaceChildren();
  cellMap = new Map();
  const has = Boolean(state.input);
  $('empty').hidden = has;
  for (const id of ['fill', 'copy-tsv', 'export-tsv', 'export-xlsx', 'export-json', 'export-csv', 'print', 'clear']) $(id).disabled = !has;
  if (has) {
    const views = state.checked.views.slice(0, MAX_DRAWN);
    for (const view of views) forms.append(drawSheet(view));
    const sheets = state.checked.report.sheets.length;
    if (sheets > views.length) {
      forms.append(el('p', { class: 'more', text: `共 ${sheets} 张自评表，这里画出前 ${views.length} 张；每张的得分和问题数见上方汇总表和右侧问题清单。` }));
    }
  }
  drawnShapes = shapes();
  decoratedSheets = [];
  decoratedWhole = '';
  decorate();
  if (keepFocus) focusCell(keepFocus.row, keepFocus.col, true);
}

// Whether a cell can be edited as plain text only (`contentEditable = 'plaintext-only'`: Chromium, and
// Firefox since 136; older Firefox ESRs refuse the value). Where not, a cell is plainly editable and a
// paste into it is made plain text by the page (onPaste).
const PLAIN_TEXT_CELLS = (() => {
  const probe = document.createElement('div');
  try {
    probe.contentEditable = 'plaintext-only';
  } catch {
    return false;
  }
  return probe.contentEditable === 'plaintext-only';
})();

function drawSheet(view) {
  const table = el('table', { class: 'form' });
  const head = el('tr', {}, el('th', { class: 'corner', scope: 'col' }, el('span', { class: 'sr', text: '行号' })));
  for (const name of view.columns) head.append(el('th', { class: 'colname', text: name, scope: 'col' }));
  table.append(el('thead', {}, head));
  // Every row gets its <tr>, even one whose cells are all covered by merges from above.
  const rows = new Map();
  for (let r = view.firstRow; r <= view.lastRow; r++) rows.set(r, el('tr', {}, rowHead(r, view.width)));
  const body = el('tbody', {}, ...rows.values());
  for (const cell of view.cells) {
    const editor = el('div', {
      class: 't',
      contentEditable: PLAIN_TEXT_CELLS ? 'plaintext-only' : 'true',
      spellcheck: false,
      text: text(cell.row, cell.col),
      'data-row': cell.row,
      'data-col': cell.col,
      'data-cell': cell.name,
      role: 'textbox',
      'aria-multiline': 'true',
      'aria-label': cell.label,
    });
    const td = el('td', { class: cell.kind, rowSpan: cell.rows, colSpan: cell.cols }, editor);
    for (let r = cell.row; r < cell.row + cell.rows; r++) {
      for (let c = cell.col; c < cell.col + cell.cols; c++) cellMap.set(`${r},${c}`, td);
    }
    rows.get(cell.row).append(td);
  }
  table.append(body);
  return el(
    'article',
    { class: 'sheet', id: `sheet-${view.index}`, 'data-sheet': view.index },
    el('h2', { class: 'sheet-title' }),
    el('p', { class: 'scores' }),
    el('ul', { class: 'sheet-findings' }),
    el('div', { class: 'scroll' }, table),
  );
}

function rowHead(row, width) {
  return el(
    'th',
    { class: 'rowname', scope: 'row' },
    el('span', { text: String(row + 1) }),
    el('span', { class: 'row-tools' },
      el('button', { type: 'button', class: 'add', text: '+', title: `在第 ${row + 1} 行下方插入一行`, 'aria-label': `在第 ${row + 1} 行下方插入一行`, onclick: () => insertRow(row, width) }),
      el('button', { type: 'button', class: 'remove', text: '−', title: `删除第 ${row + 1} 行`, 'aria-label': `删除第 ${row + 1} 行`, onclick: () => removeRow(row) }),
    ),
  );
}

// Findings, rule scores, fills and totals onto the drawn forms, without touching what the user types.
// Only what changed is written, so an edit costs little layout; after an edit of one sheet (`only`, its
// place), only that sheet's cells, heading, summary row and findings are looked at.
let decoratedSheets = []; // per sheet, what its heading, summary row and findings were drawn from
let decoratedWhole = ''; // the findings outside the sheets and the number of forms drawn
const sheetKey = (s) => JSON.stringify([s.index, s.findings, s.totals, s.grade, s.budget, s.projectName, s.year, s.layout, s.profile]);

function decorate(only = null) {
  const report = state.checked?.report;
  const views = (state.checked?.views ?? []).slice(0, MAX_DRAWN);
  for (const [i, view] of views.entries()) if (only === null || i === only) decorateCells(view, report.sheets[i]);
  if (only !== null) {
    const sheet = report.sheets[only];
    const key = sheetKey(sheet);
    if (key === decoratedSheets[only]) return;
    decoratedSheets[only] = key;
    decorateSheet(sheet);
    $('summary-table').tBodies[0]?.rows[only]?.replaceWith(summaryRow(sheet, state.files.length > 1));
    $('finding-list').querySelector(`section[data-sheet="${sheet.index}"]`)?.replaceWith(sheetFindings(sheet));
    drawCounts(report);
    return;
  }
  const keys = report?.sheets.map(sheetKey) ?? [];
  const whole = JSON.stringify([report?.findings, views.length]);
  if (whole === decoratedWhole && keys.length === decoratedSheets.length && keys.every((k, i) => k === decoratedSheets[i])) return;
  decoratedSheets = keys;
  decoratedWhole = whole;
  for (const sheet of report?.sheets.slice(0, MAX_DRAWN) ?? []) decorateSheet(sheet);
  drawSummary(report);
  drawFindings(report);
}

// A drawn form's cells: each with the findings on it (a merged cell, those on any cell it covers).
function decorateCells(view, sheet) {
  const byCell = new Map();
  for (const f of sheet.findings) {
    if (f.row === null || f.col === null) continue;
    const key = `${f.row - 1},${f.col - 1}`;
    byCell.set(key, [...(byCell.get(key) ?? []), f]);
  }
  const seen = new Set();
  for (const cell of view.cells) {
    const td = cellMap.get(`${cell.row},${cell.col}`);
    if (!td || seen.has(td)) continue;
    seen.add(td);
    const findings = [];
    for (let r = cell.row; r < cell.row + cell.rows; r++) {
      for (let c = cell.col; c < cell.col + cell.cols; c++) findings.push(...(byCell.get(`${r},${c}`) ?? []));
    }
    decorateCell(td, cell, findings);
  }
}

function decorateCell(td, cell, findings) {
  const worst = ['error', 'warning', 'info'].find((s) => findings.some((f) => f.severity === s));
  const className = cell.kind + (worst ? ` ${worst}` : '');
  if (td.className !== className) td.className = className;
  const editor = td.firstChild;
  editor.findings = findings;
  setAttribute(editor, 'aria-describedby', worst ? 'tip' : null);
  setAttribute(editor, 'aria-invalid', worst ? String(worst === 'error') : null);
  setAttribute(editor, 'data-fill', cell.fill);
  let rule = td.querySelector('.rule');
  if (cell.rule === null) {
    rule?.remove();
    return;
  }
  if (!rule) {
    rule = el('span', { class: 'rule' });
    td.append(rule);
  }
  const label = `规则 ${cell.rule}`;
  if (rule.textContent !== label) {
    rule.textContent = label;
    rule.title = cell.rule.includes('–') ? '定性指标：按完成程度应得分的区间' : '按评分规则应得的分值';
  }
}

function setAttribute(node, name, value) {
  if (value === null) node.removeAttribute(name);
  else if (node.getAttribute(name) !== value) node.setAttribute(name, value);
}

function decorateSheet(sheet) {
  const article = document.getElementById(`sheet-${sheet.index}`);
  if (!article) return;
  const name = sheet.projectName ?? sheet.implementer ?? '（未填项目名称）';
  article.querySelector('.sheet-title').textContent = `表 ${sheet.index}　${name}${sheet.year ? `（${sheet.year}年度）` : ''}`;
  const t = sheet.totals;
  const g = sheet.grade;
  const b = sheet.budget;
  const layout = ['版式', `${sheet.layoutLabel}（评分配置 ${sheet.profile}）`];
  const file = fileOf(sheet);
  const counts = ['问题', `错误 ${sheet.counts.error} · 警告 ${sheet.counts.warning} · 提示 ${sheet.counts.info}`];
  // A sheet with no scores (of no known layout, or a form without them) has no totals to show.
  const parts = !sheet.scored ? [layout, counts] : [
    layout,
    ['分值', `填报 ${t.statedWeight ?? '—'} · 计算 ${t.computedWeight}`],
    ['得分', `填报 ${t.statedScore ?? '—'} · 计算 ${t.computedScore} · 按规则 ${t.ruleScore}`],
    ['等级', `填报 ${g.stated ?? '—'} · 计算 ${g.computed} · 按规则 ${g.byRule}`],
    ['预算执行', `执行率 ${b.computedRate === null ? '—' : `${b.computedRate}%`} · 按规则得分 ${b.ruleScore ?? '—'}`],
    counts,
  ];
  if (file) parts.unshift(['文件', file]);
  article.querySelector('.scores').replaceChildren(...parts.map(([k, v]) => el('span', {}, el('b', { text: k }), ` ${v}`)));
  const loose = sheet.findings.filter((f) => f.row === null);
  article.querySelector('.sheet-findings').replaceChildren(...loose.map((f) => el('li', { class: f.severity, title: `依据：${f.basis}`, text: `${SEVERITY[f.severity]} ${f.code}　${f.message}` })));
}

function drawSummary(report) {
  const show = report && report.sheets.length > 1;
  $('summary').hidden = !show;
  if (!show) return;
  const files = state.files.length > 1;
  const heads = ['表', ...(files ? ['文件'] : []), '项目名称', '填报得分', '计算得分', '按规则得分', '等级（填报 / 按规则）', '错误', '警告', '提示'];
  const head = el('tr', {}, ...heads.map((h) => el('th', { text: h, scope: 'col' })));
  const rows = report.sheets.slice(0, MAX_SUMMARY).map((s) => summaryRow(s, files));
  if (report.sheets.length > MAX_SUMMARY) {
    rows.push(el('tr', {}, el('td', { colSpan: heads.length, class: 'more', text: `共 ${report.sheets.length} 张，这里列出前 ${MAX_SUMMARY} 张；全部见“导出报告 JSON”。` })));
  }
  $('summary-table').replaceChildren(el('thead', {}, head), el('tbody', {}, ...rows));
}

function summaryRow(s, files) {
  return el('tr', { class: s.counts.error ? 'has-error' : '' },
    el('td', {}, el('a', { href: `#sheet-${s.index}`, text: String(s.index), 'aria-label': `表 ${s.index}` })),
    files ? el('td', { text: fileOf(s) ?? '' }) : null,
    el('td', { text: s.projectName ?? '（未填）' }),
    el('td', { class: 'num', text: s.totals.statedScore ?? '—' }),
    el('td', { class: 'num', text: s.totals.computedScore }),
    el('td', { class: 'num', text: s.totals.ruleScore }),
    el('td', { text: `${s.grade.stated ?? '—'} / ${s.grade.byRule}` }),
    el('td', { class: 'num', text: String(s.counts.error) }),
    el('td', { class: 'num', text: String(s.counts.warning) }),
    el('td', { class: 'num', text: String(s.counts.info) }),
  );
}

function drawCounts(report) {
  const c = report.counts;
  $('counts').textContent = `错误 ${c.error} · 警告 ${c.warning} · 提示 ${c.info}`;
}

function drawFindings(report) {
  $('findings').hidden = !report;
  if (!report) return;
  drawCounts(report);
  const groups = [];
  if (report.findings.length) groups.push(findingGroup('输入', report.findings));
  for (const sheet of report.sheets.slice(0, MAX_DRAWN)) groups.push(sheetFindings(sheet));
  if (report.sheets.length > MAX_DRAWN) {
    groups.push(el('p', { class: 'more', text: `其余 ${report.sheets.length - MAX_DRAWN} 张表的问题见“导出问题清单 CSV”。` }));
  }
  $('finding-list').replaceChildren(...groups);
}

function sheetFindings(sheet) {
  const group = findingGroup(`表 ${sheet.index} ${sheet.projectName ?? ''}`, sheet.findings);
  group.dataset.sheet = sheet.index;
  return group;
}

function findingGroup(title, findings) {
  const list = el('ol');
  for (const f of findings) {
    const label = `${SEVERITY[f.severity]} ${f.cell ?? ''}`;
    const item = el('li', { class: f.severity },
      el('button', { type: 'button', class: 'go', disabled: f.row === null, 'data-key': findingKey(f), onclick: () => goToFinding(f) },
        el('span', { class: 'where', text: label }), el('span', { class: 'code', text: f.code }), el('span', { class: 'msg', text: f.message })),
      el('span', { class: 'basis', text: `依据：${f.basis}` }));
    if (f.fixable && f.row !== null) {
      item.append(el('button', { type: 'button', class: 'fix', text: `改为 ${f.expected}`, title: `把 ${f.cell} 改为“${f.expected}”`, onclick: () => applyFix(f) }));
    }
    list.append(item);
  }
  if (!findings.length) list.append(el('li', { class: 'ok', text: '未发现问题' }));
  return el('section', {}, el('h3', { text: title }), list);
}

// The finding a cell was opened from, to go back to it with Escape.
let cameFrom = null;

function findingKey(f) {
  return `${f.code} ${f.cell ?? ''}`;
}

function goToFinding(f) {
  cameFrom = findingKey(f);
  focusCell(f.row - 1, f.col - 1);
}

// Back from a cell to the findings list: to the finding it was opened from while it is still listed,
// else to the list's first finding.
function backToFindings() {
  const list = $('finding-list');
  const button = [...list.querySelectorAll('button.go')].find((b) => b.dataset.key === cameFrom) ?? list.querySelector('button.go:not(:disabled)');
  (button ?? $('findings')).focus();
}

function focusCell(row, col, caretAtEnd = false) {
  const td = cellMap.get(`${row},${col}`);
  if (!td) return;
  const editor = td.firstChild;
  editor.focus({ preventScroll: caretAtEnd });
  if (!caretAtEnd) td.scrollIntoView({ block: 'center', inline: 'center' });
  const range = document.createRange();
  range.selectNodeContents(editor);
  range.collapse(false);
  const selection = getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
}

// ---- the tooltip: a cell's findings on hover and on keyboard focus ----

function showTip(editor) {
  const findings = editor?.findings ?? [];
  const tip = $('tip');
  if (!findings.length) {
    tip.hidden = true;
    return;
  }
  tip.replaceChildren(...findings.map((f) => el('p', { class: f.severity },
    el('b', { text: `${SEVERITY[f.severity]} ${f.code}` }), ` ${f.message}`, el('small', { text: `依据：${f.basis}` }))));
  tip.hidden = false;
  const box = editor.getBoundingClientRect();
  const left = Math.min(box.left, window.innerWidth - tip.offsetWidth - 8);
  const below = box.bottom + 6 + tip.offsetHeight < window.innerHeight;
  tip.style.left = `${Math.max(8, left)}px`;
  tip.style.top = `${below ? box.bottom + 6 : Math.max(8, box.top - tip.offsetHeight - 6)}px`;
}

// ---- wiring ----

function wire() {
  // Whatever goes wrong is said, in Chinese, and the work already saved stays saved.
  // A trap of the engine (`unreachable`, `memory access out of bounds`) is said as what it means.
  const fail = (error, message) => {
    const trapped = error instanceof WebAssembly.RuntimeError || /^(RuntimeError: )?(unreachable|memory access out of bounds|Out of memory)/.test(message);
    const why = trapped ? '检查引擎内部出错（可能是输入过大或内容异常）' : message;
    say(`出现意外错误：${why}。已输入的内容仍保存在本浏览器中；可导出表格后刷新页面。`, 'error');
  };
  addEventListener('error', (event) => fail(event.error, event.message));
  addEventListener('unhandledrejection', (event) => fail(event.reason, event.reason?.message ?? String(event.reason)));
  // An edit still waiting for its re-check is saved when the page goes away.
  addEventListener('pagehide', save);
  // The findings list sticks below the tool bar, whose height depends on the width.
  const bar = document.querySelector('.bar');
  new ResizeObserver(() => document.documentElement.style.setProperty('--bar-height', `${bar.offsetHeight}px`)).observe(bar);
  document.addEventListener('paste', onPaste);
  $('file').addEventListener('change', (event) => {
    const files = [...event.target.files];
    event.target.value = '';
    openFiles(files);
  });
  $('encoding').addEventListener('change', () => {
    if (lastFiles.length) readFiles(lastFiles);
  });
  document.addEventListener('dragover', (event) => {
    event.preventDefault();
    document.body.classList.add('dragging');
  });
  document.addEventListener('dragleave', (event) => {
    if (!event.relatedTarget) document.body.classList.remove('dragging');
  });
  document.addEventListener('drop', (event) => {
    event.preventDefault();
    document.body.classList.remove('dragging');
    openFiles(event.dataTransfer.files);
  });
  // Skip links: past the tool bar to the forms, or past the forms to the findings.
  for (const link of document.querySelectorAll('a.skip')) {
    link.addEventListener('click', (event) => {
      event.preventDefault();
      const target = $(link.getAttribute('href').slice(1));
      if (target.id === 'findings') backToFindings();
      else (target.querySelector('.t') ?? $('empty')).focus();
    });
  }
  $('load-example').addEventListener('click', () => load(engine.readText(engine.exampleText()), '示例（上海 2023 年四张自评表）', '已载入示例'));
  $('new').addEventListener('click', () => {
    load(engine.blankForm(), '新建自评表', '已新建空白自评表');
    say('已新建空白自评表：点任一单元格即可填写，灰色数字是按公式算出的值，可用“填入计算值”填入。');
  });
  $('fill').addEventListener('click', fillComputed);
  $('undo').addEventListener('click', undo);
  $('clear').addEventListener('click', clearAll);
  for (const [id, action] of Object.entries(exports)) $(id).addEventListener('click', action);

  const forms = $('forms');
  // The cell typed in since it was entered, known from the edits themselves: an edit whose cell is not
  // it is the first since the cell was entered, and the page's state before it is what an undo takes
  // back. Not from focus events alone: Firefox gave no focusin to a cell refocused after a download had
  // taken the focus, and an edit went unrecorded.
  let typedIn = null;
  forms.addEventListener('focusin', (event) => {
    if (!event.target.classList?.contains('t')) return;
    typedIn = null;
    showTip(event.target);
  });
  forms.addEventListener('focusout', (event) => {
    if (typedIn === event.target) typedIn = null;
    $('tip').hidden = true;
  });
  forms.addEventListener('input', (event) => {
    const editor = event.target;
    if (!editor.classList?.contains('t')) return;
    if (typedIn !== editor) {
      // The state as it was before this edit: the input event comes before the page takes the change.
      remember();
      typedIn = editor;
    }
    editCell(Number(editor.dataset.row), Number(editor.dataset.col), editor.innerText.replace(/\n$/, ''));
    // Placed at the next frame, so the edit does not wait for a layout of its own.
    requestAnimationFrame(() => {
      if (document.activeElement?.classList.contains('t')) showTip(document.activeElement);
    });
  });
  forms.addEventListener('mouseover', (event) => {
    const editor = event.target.closest?.('td')?.querySelector('.t');
    if (editor && editor.findings?.length) showTip(editor);
  });
  forms.addEventListener('mouseout', (event) => {
    if (!event.relatedTarget?.closest?.('td') && document.activeElement?.classList.contains('t') !== true) $('tip').hidden = true;
  });
  document.addEventListener('keydown', (event) => {
    const inCell = event.target.classList?.contains('t');
    // Ctrl+Z undoes the page's last change, also in a cell not typed in since it was entered (the
    // browser's own undo has nothing there to take back).
    const untouched = inCell && typedIn !== event.target;
    if ((!inCell || untouched) && (event.ctrlKey || event.metaKey) && !event.shiftKey && event.key.toLowerCase() === 'z') {
      event.preventDefault();
      undo();
    }
    if (event.key === 'Escape') {
      $('tip').hidden = true;
      if (inCell && !$('findings').hidden) backToFindings();
    }
    // As in Excel: Enter goes to the cell below, Shift+Enter above, Alt+Enter breaks the line.
    if (inCell && event.key === 'Enter' && !event.altKey && !event.ctrlKey && !event.metaKey && !event.isComposing) {
      event.preventDefault();
      const td = event.target.parentElement;
      const row = Number(event.target.dataset.row);
      focusCell(event.shiftKey ? row - 1 : row + td.rowSpan, Number(event.target.dataset.col), true);
    } else if (inCell && event.key === 'Enter' && event.altKey) {
      event.preventDefault();
      document.execCommand('insertText', false, '\n');
    }
  });
}

async function start() {
  try {
    // The one-file page began compiling its wasm while the rest of it was parsed (scripts/bundle.mjs);
    // served, the engine fetches and compiles it as it streams.
    const module = await globalThis.SELFEVAL_MODULE;
    timings.compiled = performance.now();
    await init(module ? { module_or_path: module } : undefined);
    timings.instantiated = performance.now();
  } catch (error) {
    say(`检查程序无法启动：${error.message}。请使用新版的 Chrome、Edge、Firefox 或 Safari。`, 'error');
    return;
  }
  builtinProfiles();
  // The file chooser takes the kinds of file the engine knows (its one list of them).
  $('file').accept = engine.fileAccept();
  wire();
  if (!restore()) {
    draw();
    // `#example` names no element (the button is `load-example`), so the first Tab still reaches the skip links.
    if (location.hash === '#example') $('load-example').click();
  }
  // For the benchmark: time from navigation start to ready.
  timings.readySinceNavigation = performance.now();
  document.documentElement.dataset.ready = 'true';
  warmEngine();
}

start();
