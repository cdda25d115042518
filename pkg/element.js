// <selfeval-form>: the checker as one tag for a portal. Add the script and the tag:
//
//   <script type="module" src="/selfeval/element.js"></script>
//   <selfeval-form id="form"></selfeval-form>
//
// and give it a sheet: `form.text = …` (pasted text), `form.html = …` (a clipboard's HTML), or
// `await form.loadFile(file)` (any file the checker reads: .xlsx, .xls, .ods, .docx, .html, .mht, text).
// Text written inside the tag is read as a sheet too. It draws each sheet as its form inside a shadow
// root, every finding on its cell with its message, and a list of the findings; it fires `report`
// (detail: the Report) whenever the report changes, and `failure` (detail: the SelfevalError) when input
// cannot be read. The `profile` attribute or property takes a scoring profile's JSON. Styled through CSS
// custom properties: --selfeval-font, --selfeval-text, --selfeval-line, --selfeval-label,
// --selfeval-error, --selfeval-warning, --selfeval-info. Works under a strict Content-Security-Policy
// (`script-src 'self' 'wasm-unsafe-eval'`): no inline script or style, styles are a constructed sheet.
import init, { checkForm, fileAccept, readFile, readHtml, readText } from './selfeval.js';

const ready = init();

/** What a file chooser for the element should accept (its `accept` attribute): the endings and media
 * types of every kind of file the engine reads or tells how to save. */
export const accept = ready.then(() => fileAccept());

const SEVERITY = { error: '错误', warning: '警告', info: '提示' };
const RANK = { error: 0, warning: 1, info: 2 };

const sheet = new CSSStyleSheet();
sheet.replaceSync(`
:host { display: block; font: 14px/1.5 var(--selfeval-font, system-ui, "Microsoft YaHei", "PingFang SC", sans-serif);
  color: var(--selfeval-text, #1f2328); }
h3 { font-size: 1.05em; margin: 1em 0 .3em; }
.scores { margin: 0 0 .4em; color: #444; }
table { border-collapse: collapse; }
td { border: 1px solid var(--selfeval-line, #b8bfc7); padding: 2px 6px; vertical-align: middle; white-space: pre-wrap; }
tr.blank td { border: none; padding: 0; height: .5em; }
td.label { background: var(--selfeval-label, #eef1f4); font-weight: 600; }
td.title { border: none; text-align: center; font-weight: 700; font-size: 1.15em; }
td.error { box-shadow: inset 0 0 0 2px var(--selfeval-error, #c62828); }
td.warning { box-shadow: inset 0 0 0 2px var(--selfeval-warning, #b26a00); }
td.info { box-shadow: inset 0 0 0 2px var(--selfeval-info, #1565c0); }
ul { padding-left: 1.2em; margin: .4em 0 1em; }
li.error::marker { color: var(--selfeval-error, #c62828); }
li.warning::marker { color: var(--selfeval-warning, #b26a00); }
li.info::marker { color: var(--selfeval-info, #1565c0); }
.empty { color: #666; }
`);

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === null || value === undefined) continue;
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = value;
    else node.setAttribute(key, value);
  }
  node.append(...children.filter((c) => c !== null && c !== undefined));
  return node;
}

export class SelfevalForm extends HTMLElement {
  static observedAttributes = ['profile'];

  #input = null;
  #profile = null;
  #checked = null;

  constructor() {
    super();
    this.attachShadow({ mode: 'open' }).adoptedStyleSheets = [sheet];
  }

  connectedCallback() {
    if (!this.#input && this.textContent.trim()) this.text = this.textContent;
    else this.#draw();
  }

  attributeChangedCallback(name, _, value) {
    if (name === 'profile') this.profile = value;
  }

  /** The scoring profile's JSON, or null to score each sheet by its layout's profile. */
  get profile() {
    return this.#profile;
  }

  set profile(json) {
    this.#profile = json || null;
    this.#update();
  }

  /** Pasted text (tab-separated, as Excel and WPS copy). */
  set text(text) {
    this.#read(() => readText(String(text)));
  }

  /** A clipboard's HTML (Excel, WPS and Word put the table there with its merged cells). */
  set html(html) {
    this.#read(() => readHtml(String(html)));
  }

  /** Any file the checker reads; resolves to the report, rejects with the SelfevalError. */
  async loadFile(file) {
    const bytes = new Uint8Array(await file.arrayBuffer());
    await ready;
    const input = readFile(file.name, bytes, null);
    this.#input = input;
    this.#update();
    return this.report;
  }

  /** The report of what the element holds, or null. */
  get report() {
    return this.#checked?.report ?? null;
  }

  /** The input (cells, merges, breaks), for a portal to save or export. */
  get input() {
    return this.#input;
  }

  async #read(make) {
    await ready;
    try {
      this.#input = make();
    } catch (error) {
      this.dispatchEvent(new CustomEvent('failure', { detail: error }));
      return;
    }
    this.#update();
  }

  async #update() {
    await ready;
    if (!this.#input) return;
    try {
      this.#checked = checkForm(this.#input, this.#profile, 40);
    } catch (error) {
      this.dispatchEvent(new CustomEvent('failure', { detail: error }));
      return;
    }
    this.#draw();
    this.dispatchEvent(new CustomEvent('report', { detail: this.#checked.report }));
  }

  #draw() {
    const root = this.shadowRoot;
    if (!this.#checked) {
      root.replaceChildren(el('p', { class: 'empty', text: '尚未载入自评表。' }));
      return;
    }
    const { report, views } = this.#checked;
    const parts = [];
    if (!report.sheets.length) parts.push(el('p', { class: 'empty', text: '未找到自评表。' }));
    for (const finding of report.findings) parts.push(el('p', { class: finding.severity, text: `${SEVERITY[finding.severity]} ${finding.code} ${finding.message}` }));
    for (const view of views) {
      const sheet = report.sheets[view.index - 1];
      const onCell = new Map();
      for (const f of sheet.findings) {
        if (!f.cell) continue;
        const worst = onCell.get(f.cell);
        if (!worst || RANK[f.severity] < RANK[worst.severity]) onCell.set(f.cell, f);
      }
      const rows = new Map();
      for (const cell of view.cells) {
        if (!rows.has(cell.row)) rows.set(cell.row, []);
        const f = onCell.get(cell.name);
        const text = this.#input.rows[cell.row]?.[cell.col] ?? '';
        rows.get(cell.row).push(el('td', {
          class: [cell.kind === 'value' ? null : cell.kind, f?.severity].filter(Boolean).join(' ') || null,
          rowspan: cell.rows > 1 ? cell.rows : null, colspan: cell.cols > 1 ? cell.cols : null,
          title: f ? `${SEVERITY[f.severity]} ${f.code}：${f.message}` : null,
          'data-cell': cell.name,
        }, text));
      }
      const t = sheet.totals;
      parts.push(
        el('h3', { text: `表 ${sheet.index}　${sheet.projectName ?? '（未填项目名称）'}` }),
        el('p', { class: 'scores', text: `${sheet.layoutLabel}${sheet.scored ? ` · 得分 填报 ${t.statedScore ?? '—'} / 按规则 ${t.ruleScore} · 等级 ${sheet.grade.byRule}` : ''} · 错误 ${sheet.counts.error} 警告 ${sheet.counts.warning} 提示 ${sheet.counts.info}` }),
        el('table', {}, el('tbody', {}, ...[...rows.values()].map((cells) =>
          el('tr', { class: cells.every((td) => !td.textContent) ? 'blank' : null }, ...cells)))),
        el('ul', {}, ...sheet.findings.map((f) => el('li', { class: f.severity, text: `${SEVERITY[f.severity]} ${f.code}${f.cell ? ` ${f.cell}` : ''}：${f.message}` }))),
      );
    }
    root.replaceChildren(...parts);
  }
}

customElements.define('selfeval-form', SelfevalForm);
