// The minimal www/ page in real headless Chromium: the engine loads from the built package,
// a typed ticket is assessed, reasons show with their evidence highlighted, customer text is
// never interpreted as HTML, nothing is requested beyond 127.0.0.1, and no console error.
import test from 'node:test';
import assert from 'node:assert/strict';
import { serve } from '../../scripts/serve.mjs';
import { launch, watchedPage } from './chromium.mjs';

const server = await serve(0);
const base = `http://127.0.0.1:${server.address().port}`;
const browser = await launch();
test.after(async () => { await browser.close(); server.close(); });

test('assesses a typed ticket, highlights evidence, history changes the band', async () => {
  const { page, problems } = await watchedPage(browser);
  await page.goto(`${base}/www/`);
  await page.waitForFunction(() => document.getElementById('status').textContent.startsWith('Engine ready'));
  await page.selectOption('#customer', 'c1');
  await page.fill('#message', 'This is the THIRD time I write: you charged me twice and nobody answered!!!');
  await page.click('#assess');
  await page.waitForSelector('#result:not([hidden])');
  assert.equal(await page.textContent('#band'), 'critical');
  const score = Number(await page.textContent('#score'));
  const marks = await page.$$eval('#quoted mark', (ms) => ms.map((m) => m.textContent));
  assert.ok(marks.some((m) => /charged me twice/.test(m)), `marks: ${marks}`);
  assert.ok(marks.some((m) => /THIRD time/.test(m)), `marks: ${marks}`);
  const snippets = await page.$$eval('#snippets .snippet-text', (ps) => ps.map((p) => p.textContent));
  assert.equal(snippets.length, 3);
  assert.match(snippets[0], /^Hi Ana,/);
  for (const t of snippets) assert.doesNotMatch(t, /\{\{|\{%|Hi ,/);
  const points = await page.$$eval('#reasons .points', (ps) => ps.map((p) => Number(p.textContent)));
  assert.equal(points.reduce((a, b) => a + b, 0), score);

  await page.selectOption('#customer', '');
  await page.fill('#message', 'How do I reset my password?');
  await page.click('#assess');
  await page.waitForFunction(() => document.getElementById('band').textContent === 'transactional');
  assert.deepEqual(problems, []);
});

test('customer text is shown as text, never as markup', async () => {
  const { page, problems } = await watchedPage(browser);
  await page.goto(`${base}/www/`);
  await page.waitForFunction(() => document.getElementById('status').textContent.startsWith('Engine ready'));
  const evil = '<img src=x onerror="window.__pwned=1"> you charged me twice <script>window.__pwned=2</script>';
  await page.fill('#message', evil);
  await page.click('#assess');
  await page.waitForSelector('#result:not([hidden])');
  assert.equal(await page.$('#quoted img'), null);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.ok((await page.textContent('#quoted')).includes('<img src=x'));
  assert.deepEqual(problems.filter((p) => !p.includes('/x')), []);
});
