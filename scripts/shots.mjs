// Screenshots of the page for a person to look at: the fixture at desktop and narrow widths, a finding's
// tooltip, a new form, and the A4 print view as PDF. Writes target/shots/. Usage: node scripts/shots.mjs
import { mkdirSync, readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { serve } from './serve.mjs';

const out = new URL('../target/shots/', import.meta.url).pathname;
mkdirSync(out, { recursive: true });
const server = await serve(0);
const url = `http://127.0.0.1:${server.address().port}/www/`;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});

async function page(width, height = 900) {
  const p = await (await browser.newContext({ viewport: { width, height } })).newPage();
  await p.goto(`${url}#example`);
  await p.waitForSelector('html[data-ready=true]');
  return p;
}

const desktop = await page(1400);
await desktop.screenshot({ path: `${out}desktop.png` });
await desktop.focus('.t[data-cell="G78"]');
await desktop.locator('.t[data-cell="G78"]').scrollIntoViewIfNeeded();
await desktop.screenshot({ path: `${out}desktop-finding.png` });
await desktop.pdf({ path: `${out}print.pdf`, format: 'A4' });
// By keyboard from a fresh start: the skip link's focus, a finding in the list focused by Tab, its cell.
const keys = await page(1400);
await keys.keyboard.press('Tab');
await keys.screenshot({ path: `${out}keyboard-skip.png` });
await keys.keyboard.press('Enter');
for (let i = 0; i < 3; i++) await keys.keyboard.press('Tab');
await keys.screenshot({ path: `${out}keyboard-finding.png` });
await keys.keyboard.press('Enter');
await keys.screenshot({ path: `${out}keyboard-cell.png` });
const narrow = await page(400, 860);
await narrow.screenshot({ path: `${out}narrow.png` });
await narrow.locator('#sheet-1 .form').scrollIntoViewIfNeeded();
await narrow.screenshot({ path: `${out}narrow-form.png` });
// The print view at A4's width (210 mm at 96 dpi).
const print = await page(794, 1123);
await print.emulateMedia({ media: 'print' });
await print.screenshot({ path: `${out}print.png`, fullPage: true });
const blank = await page(1400);
await blank.click('#new');
await blank.screenshot({ path: `${out}new-form.png`, fullPage: true });
// Real forms of other families, pasted: each layout named in its heading, its findings with their basis.
for (const [form, shot] of [
  ['100_yunnan_shidian-xinxing-jingying-zhuti', 'twenty-eighty'],
  ['1101_ningxia_yinchuan-liuzhong-chuzhong-gongyong', 'evaluation'],
  ['1403_hunan_hengshan-xianji-chubeiliang', 'no-scores'],
]) {
  const family = await page(1400);
  await family.click('#clear');
  const text = readFileSync(new URL(`../tests/corpus/${form}.tsv`, import.meta.url), 'utf8');
  await family.evaluate((text) => {
    const data = new DataTransfer();
    data.setData('text/plain', text);
    document.body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
  await family.screenshot({ path: `${out}${shot}.png`, fullPage: true });
}
// Two files opened at once (a workbook and a Word document saved by LibreOffice): the summary names each
// sheet's file, and so does each sheet's heading.
const files = await page(1400);
const office = (name) => ({ name, mimeType: 'application/octet-stream', buffer: readFileSync(new URL(`../tests/fixtures/office/${name}`, import.meta.url)) });
await files.setInputFiles('#file', [office('fixture.xlsx'), office('fixture-merged.docx')]);
await files.waitForFunction(() => document.querySelectorAll('article.sheet').length === 8);
await files.screenshot({ path: `${out}files.png` });
// The example portal embedding <selfeval-form> under a strict policy.
const portal = await (await browser.newContext({ viewport: { width: 1200, height: 900 } })).newPage();
await portal.goto(`${url.replace('/www/', '/www/portal.html')}`);
await portal.waitForFunction(() => customElements.get('selfeval-form'));
await portal.click('#example');
await portal.waitForFunction(() => document.querySelector('#counts').textContent.includes('张自评表'));
await portal.screenshot({ path: `${out}portal.png` });
// A batch of 40 files checked in the worker: progress, summary, exports.
const batchPage = await page(1400);
await batchPage.click('#clear');
const fixture = readFileSync(new URL('../tests/fixtures/000_7b7c0afb335e079f.txt', import.meta.url));
await batchPage.setInputFiles('#file', Array.from({ length: 40 }, (_, i) => ({ name: `单位${i + 1}.txt`, mimeType: 'text/plain', buffer: fixture })));
await batchPage.waitForFunction(() => document.querySelector('#batch-status').textContent.startsWith('已检查 40/40'));
await batchPage.waitForFunction(() => document.querySelectorAll('#batch-table tbody tr').length === 160);
await batchPage.screenshot({ path: `${out}batch.png` });
await browser.close();
server.close();
console.log(`screenshots in ${out}`);
