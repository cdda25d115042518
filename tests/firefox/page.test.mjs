// The page's main path in Firefox ESR (Debian's firefox-esr, driven over WebDriver BiDi by
// puppeteer-core): ready, a real Ctrl+V paste of the fixture with its findings on their cells, an edit
// re-checked and undone. Government desktops run Firefox ESRs; the rest of the browser tests run in
// Chromium. Run: node --test tests/firefox/   (make test runs it; FIREFOX overrides the browser's path)
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { serve } from '../../scripts/serve.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const FIXTURE = readFileSync(join(root, 'tests/fixtures/000_7b7c0afb335e079f.txt'), 'utf8');

let browser;
let server;
let base;

before(async () => {
  server = await serve(0);
  base = `http://127.0.0.1:${server.address().port}`;
  browser = await puppeteer.launch({ browser: 'firefox', executablePath: process.env.FIREFOX ?? '/usr/bin/firefox-esr', headless: true });
});

after(async () => {
  await browser?.close();
  server?.close();
});

test('in Firefox ESR the page is ready, a real paste shows the findings on their cells, an edit is re-checked and undone', async () => {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.setViewport({ width: 1400, height: 900 });
  await page.goto(`${base}/www/`);
  await page.waitForSelector('html[data-ready=true]');
  // The fixture onto the clipboard as a user copies it (Firefox gives a synthetic paste event an empty
  // clipboard): selected in a text area of its own, Ctrl+C, then Ctrl+V on the page.
  await page.evaluate((text) => {
    const area = document.createElement('textarea');
    area.id = 'clip';
    area.value = text;
    document.body.append(area);
    area.select();
  }, FIXTURE);
  await page.keyboard.down('Control');
  await page.keyboard.press('c');
  await page.keyboard.up('Control');
  await page.evaluate(() => {
    document.getElementById('clip').remove();
    document.activeElement?.blur();
  });
  await page.keyboard.down('Control');
  await page.keyboard.press('v');
  await page.keyboard.up('Control');
  await page.waitForFunction(() => document.querySelectorAll('article.sheet').length === 4);
  assert.equal(await page.$eval('#counts', (e) => e.textContent), '错误 6 · 警告 12 · 提示 1');
  const cellClass = (a1) => page.$eval(`.t[data-cell="${a1}"]`, (e) => e.parentElement.className);
  assert.match(await cellClass('G53'), /error/);
  // An edit: typed into the cell, re-checked at once; undone by the page's undo.
  await page.click('.t[data-cell="G53"]');
  await page.keyboard.down('Control');
  await page.keyboard.press('a');
  await page.keyboard.up('Control');
  await page.keyboard.type('100');
  await page.waitForFunction(() => document.querySelector('#counts').textContent === '错误 5 · 警告 12 · 提示 1');
  assert.doesNotMatch(await cellClass('G53'), /error/);
  await page.click('#undo');
  await page.waitForFunction(() => document.querySelector('#counts').textContent === '错误 6 · 警告 12 · 提示 1');
  assert.equal(await page.$eval('.t[data-cell="G53"]', (e) => e.textContent), '95');
  assert.deepEqual(errors, []);
  await page.close();
});
