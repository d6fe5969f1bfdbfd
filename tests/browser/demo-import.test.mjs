// Large history files on the demo desk: a generated ticket export (tests/browser/big-csv.mjs,
// 200 MB unless RAPPORT_BIG_MB says otherwise) dropped on the page streams into the engine's
// worker. The progress bar moves, the main thread has no long task over 100 ms, the queue
// answers meanwhile, Cancel keeps exactly what the report says, and a reload replays it.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { suite, watchedPage, SHOTS } from './chromium.mjs';
import { bigCsv } from './big-csv.mjs';
import { WATCH_IMPORT, dropFiles, progressGaps, rendererPeak, rowsUpTo } from './import-helpers.mjs';

const { base, browser } = await suite();
const big = bigCsv();
const SAMPLE = new URL('../../www/data/sample-import.csv', import.meta.url).pathname;

async function desk() {
  const w = await watchedPage(browser);
  await w.page.setViewportSize({ width: 1440, height: 1000 });
  await w.page.addInitScript(WATCH_IMPORT);
  await w.page.goto(`${base}/www/`);
  await w.page.waitForSelector('#queue li a[data-score]');
  await w.page.waitForFunction(() => /History in use/.test(document.getElementById('history-stats').textContent));
  return w;
}
const stats = async (page) => {
  const t = await page.textContent('#history-stats');
  const n = (k) => Number(new RegExp(`([\\d,]+) ${k}`).exec(t)[1].replaceAll(',', ''));
  return { text: t.replace(/; the engine holds.*/, ''), customers: n('customers'), tickets: n('tickets'), engineMb: Number(/holds (\d+) MB/.exec(t)[1]) };
};
const state = (page, i = 0) => page.$eval(`#import-files .ri-file:nth-child(${i + 1})`, (li) => li.dataset.state);

test('a large export: the bar moves, no long task, the queue answers, Cancel keeps what the report says, a reload replays it', async () => {
  const { page, problems } = await desk();
  const before = await stats(page);
  const peakBefore = rendererPeak();
  // long tasks are reported late: only those that started after the drop count
  await page.evaluate(() => { window.__longTasks = []; window.__progress = []; window.__since = performance.now(); });
  const started = Date.now();
  await dropFiles(page, [big.path], '#drop');
  await page.waitForFunction(() => document.querySelector('#import-files progress')?.value > 0);
  assert.equal(await state(page), 'loading');
  // the queue and the panel stay usable: an assessment is answered between the file's chunks
  await page.click('#queue li:first-child a');
  await page.waitForSelector('#rapport .rp-panel', { timeout: 10000 });
  assert.equal(await state(page), 'loading', 'the panel was drawn while the file was still loading');
  assert.match(await page.textContent('#status'), /as loaded so far/);
  const line = await page.textContent('#import-files .ri-line:not(.ri-head)');
  assert.match(line, new RegExp(`^[\\d.]+ [MK]B of ${(big.bytes / 1e6).toFixed(1)} MB · [\\d,]+ records · [\\d,]+ rejected · (about \\d+ (s|min) left|estimating)`));
  await page.locator('.import').screenshot({ path: new URL('demo-import-progress.png', SHOTS).pathname });
  // Cancel at about 40%
  await page.waitForFunction((n) => document.querySelector('#import-files progress').value >= n, big.bytes * 0.4, { timeout: 120000 });
  await page.click('#import-files .ri-cancel');
  // the file's row settles first, then the queue, the counts and the status line follow
  await page.waitForFunction(() => /stopped; what was read before is kept/.test(document.getElementById('status').textContent), null, { timeout: 30000 });
  assert.equal(await state(page), 'stopped');
  const seconds = (Date.now() - started) / 1000;
  const head = await page.textContent('#import-files .ri-head');
  const said = await page.textContent('#import-files .ri-line:not(.ri-head)');
  const stoppedAt = Number(/after line ([\d,]+)/.exec(said)[1].replaceAll(',', ''));
  const { rows, bad } = rowsUpTo(stoppedAt);
  assert.ok(rows > big.rows * 0.3 && rows < big.rows, `stopped after ${rows} of ${big.rows} rows`);
  // the report says exactly what was kept: every row up to that line, the bad ones rejected,
  // each of the 5,000 customers once, nothing after it
  assert.match(head, new RegExp(`\\(tickets\\): ${(rows - bad + 5000).toLocaleString('en')} added, 0 updated, ${bad.toLocaleString('en')} rejected\\.`));
  const after = await stats(page);
  assert.equal(after.tickets, before.tickets + rows - bad);
  assert.equal(after.customers, before.customers + 5000);
  // the rejected rows listed are the generator's bad rows, by their lines in the file
  const lines = await page.$$eval('#import-files .ri-line-link', (bs) => bs.map((b) => Number(b.dataset.line)));
  assert.deepEqual(lines.slice(0, 5), [502, 1499, 2496, 3493, 4490]);
  await page.locator('.import').screenshot({ path: new URL('demo-import-stopped.png', SHOTS).pathname });

  // the main thread never froze, and the bar moved at least every 250 ms while bytes were read
  const long = await page.evaluate(() => window.__longTasks.filter((t) => t.start >= window.__since));
  assert.ok(long.every((t) => t.ms <= 100), `long tasks during the import: ${JSON.stringify(long)}`);
  const p = await progressGaps(page);
  assert.ok(p.updates >= 5, `${p.updates} progress updates`);
  for (let i = 1; i < p.values.length; i++) assert.ok(p.values[i] > p.values[i - 1], 'the bar only moves forward');
  assert.ok(p.gap <= 250, `the longest gap between progress updates was ${p.gap} ms`);
  // Cancel to the row saying it stopped (the import's end puts its tickets in time order)
  assert.ok(p.stopMs != null && p.stopMs <= 5000, `the row said it stopped ${p.stopMs} ms after Cancel`);
  // the renderer's peak (the page and the engine's worker) stays under twice the file's size;
  // measured with e08f9cb's bytes-only imports: 319 MB for this 191 MB file, of which 175 were
  // there before the drop and 127 are the engine's store (17 besides). Kept as text and fed as
  // strings, the peak was 399-536 MB: 80-198 MB of strings waiting for the collector
  const peak = rendererPeak();
  const fileMb = big.bytes / 2 ** 20;
  console.log(`# demo: cancelled at line ${stoppedAt} (${rows} rows) after ${seconds.toFixed(1)} s; ${p.updates} progress updates, longest gap ${p.gap} ms; long tasks ${JSON.stringify(long)}; renderer peak ${peakBefore.toFixed(0)} → ${peak.toFixed(0)} MB, engine memory ${before.engineMb} → ${after.engineMb} MB, for a ${fileMb.toFixed(0)} MB file: ${(peak - peakBefore - (after.engineMb - before.engineMb)).toFixed(0)} MB besides the store`);
  assert.ok(peak < 2 * fileMb, `the renderer's peak was ${peak.toFixed(0)} MB for a ${fileMb.toFixed(0)} MB file`);

  // a reload replays the kept (stopped) file: the same history
  await page.reload();
  await page.waitForSelector('#queue li a[data-score]');
  await page.waitForFunction(() => /History in use/.test(document.getElementById('history-stats').textContent));
  assert.equal((await stats(page)).text, after.text);
  assert.match(await page.textContent('#status'), /Restored 1 file/);
  const replayed = rendererPeak();
  console.log(`# demo: after the reload replayed the stopped part: renderer peak ${replayed.toFixed(0)} MB`);
  assert.ok(replayed < 2 * fileMb, `the renderer's peak was ${replayed.toFixed(0)} MB after the replay, for a ${fileMb.toFixed(0)} MB file`);

  // the same file again, uninterrupted: the same history as one whole load
  await dropFiles(page, [big.path], '#drop');
  // (a wait, not a bound the issue sets: on a slow machine the whole reload of this 191 MB file took just over 240 s, with this commit's package and with 685dd68's alike)
  await page.waitForFunction(() => /: loaded\./.test(document.getElementById('status').textContent), null, { timeout: 480000 });
  assert.equal(await state(page), 'done');
  const whole = await stats(page);
  assert.equal(whole.tickets, before.tickets + big.rows - big.bad);
  assert.equal(whole.customers, before.customers + 5000);
  // the whole file: 1.88M tickets, a store of 295 MB. The peak is then above twice the file
  // (499 MB measured), but what the load added to it is not (324 MB)
  const wholePeak = rendererPeak();
  console.log(`# demo: the whole file loaded: renderer peak ${peakBefore.toFixed(0)} → ${wholePeak.toFixed(0)} MB, engine memory ${before.engineMb} → ${whole.engineMb} MB`);
  assert.ok(wholePeak - peakBefore < 2 * fileMb, `the whole file added ${(wholePeak - peakBefore).toFixed(0)} MB to the renderer's peak, for a ${fileMb.toFixed(0)} MB file`);
  // Undo this file: the history is rebuilt from the sample and the other kept file
  await page.click('#import-files .ri-undo');
  await page.waitForFunction(() => document.querySelector('#import-files .ri-file').dataset.state === 'undone', null, { timeout: 120000 });
  assert.equal((await stats(page)).text, after.text);
  assert.match(await page.textContent('#kept'), /^1 file\(s\) kept/);
  await page.click('#forget');
  await page.waitForFunction(() => /Forgot/.test(document.getElementById('status').textContent));
  assert.equal((await stats(page)).text, before.text);
  assert.deepEqual(problems, []);
});

test('several files queued, each with its own report; an unknown shape is refused before it is read; a rejected row links to its line', async () => {
  const { page, problems } = await desk();
  const dir = fs.mkdtempSync('/tmp/rapport-import-');
  // a spreadsheet saved as .xlsx (a zip): binary from its first bytes
  const xlsx = `${dir}/tickets.xlsx`;
  fs.writeFileSync(xlsx, Buffer.concat([Buffer.from('PK\x03\x04\x14\x00\x06\x00'), Buffer.alloc(3e6, 7)]));
  const customers = `${dir}/customers.csv`;
  fs.writeFileSync(customers, 'Customer ID,First Name,Last Name,Email,Total Spent\n\'9001,Ada,Quist,ada.quist@example.com,120.50\n\'9002,Bo,Lind,bo.lind@example.com,abc\n');
  // an export from a Mac spreadsheet: lines broken by CR alone, and a UTF-8 BOM
  const mac = `${dir}/mac-customers.csv`;
  fs.writeFileSync(mac, '\uFEFFCustomer ID,First Name,Last Name,Email\r\'9101,Cy,Mäc,cy.mac@example.com\r\'9102,Di,Mäc,di.mac@example.com\r');
  // a shop's orders: one under an id the desk does not know, with Ada's email (a join to check)
  const orders = `${dir}/orders.csv`;
  fs.writeFileSync(orders, 'Order ID,Customer ID,Email,Created at,Total\nS-1,7777,ada.quist@example.com,2026-11-01,20\nS-2,9001,ada.quist@example.com,2026-11-02,25\n');
  await dropFiles(page, [SAMPLE, xlsx, customers, mac, orders], '#drop');
  await page.waitForFunction(() => ['done', 'error'].includes(document.querySelector('#import-files .ri-file:nth-child(5)')?.dataset.state), null, { timeout: 30000 });
  assert.deepEqual(await page.$$eval('#import-files .ri-file', (ls) => ls.map((l) => l.dataset.state)), ['done', 'error', 'done', 'done', 'done']);
  // the identities the load resolved by itself are shown for a person to check
  assert.equal(await page.textContent('#import-files .ri-file:nth-child(5) .ri-conflicts li'), 'customer 7777 is unknown; filed by email under 9001');
  assert.equal(await page.$$eval('#import-files .ri-conflicts', (c) => c.length), 1, 'only the orders file had one');
  assert.match(await page.textContent('#import-files .ri-file:nth-child(4) .ri-head'), /\(customers\): 2 added, 0 updated, 0 rejected/);
  assert.match(await page.textContent('#import-files .ri-file:nth-child(1) .ri-head'), /\(tickets\): 3 added, 0 updated, 4 rejected/);
  const refused = await page.textContent('#import-files .ri-file:nth-child(2) .ri-error');
  assert.match(refused, /refused before reading it: it is not text/);
  assert.equal(await page.$eval('#import-files .ri-file:nth-child(2) progress', (p) => p.value), 0, 'nothing of the refused file was read');
  assert.match(await page.textContent('#import-files .ri-file:nth-child(3) .ri-head'), /\(customers\): 1 added, 0 updated, 1 rejected/);
  // the report names the customers whose scores changed, not only the tickets
  assert.match(await page.textContent('#import-changed'), /Scores updated: .*[A-Z][a-z]+ [A-Z][a-z]+ \(T-1022\)/);
  // a rejected row's line, read from the file on click, as text
  await page.click('#import-files .ri-file:nth-child(1) .ri-line-link[data-line="5"]');
  await page.waitForSelector('#import-files .ri-row');
  assert.equal(await page.textContent('#import-files .ri-row'), 'Z-504,not-an-email,Invoice,2026-11-15T12:00:00Z,2026-11-16T12:00:00Z,email,5');
  await page.screenshot({ path: new URL('demo-import-queue.png', SHOTS).pathname, fullPage: true });
  fs.rmSync(dir, { recursive: true });
  assert.deepEqual(problems, []);
});

test('a customers export dropped after an orders export is loaded first, so the orders find their own customer', async () => {
  const { page, problems } = await desk();
  const dir = fs.mkdtempSync('/tmp/rapport-import-');
  // two people on one inbox; the son's order names his own id
  const orders = `${dir}/orders.csv`;
  fs.writeFileSync(orders, 'Order ID,Customer ID,Email,Created at,Total\nH-1,9501,home@example.com,2026-11-01,999\n');
  const customers = `${dir}/household-customers.csv`;
  fs.writeFileSync(customers, 'Customer ID,First Name,Last Name,Email\n9500,Mum,Holm,home@example.com\n9501,Son,Holm,home@example.com\n');
  await dropFiles(page, [orders, customers], '#drop');
  await page.waitForFunction(() => [...document.querySelectorAll('#import-files .ri-file')].slice(-2).every((l) => l.dataset.state === 'done'), null, { timeout: 30000 });
  const files = await page.$$eval('#import-files .ri-file', (ls) => ls.slice(-2).map((l) => [l.querySelector('.ri-head').textContent, l.querySelector('.ri-conflicts li')?.textContent ?? '']));
  // the list keeps the order they were dropped in; the customers went in first: mum keeps the
  // email, and the order is the son's, with no join to check
  assert.match(files[0][0], /^orders\.csv/);
  assert.equal(files[0][1], '');
  assert.equal(files[1][1], 'email home@example.com is on customer 9500 and customer 9501; both kept, the email finds 9500');
  fs.rmSync(dir, { recursive: true });
  assert.deepEqual(problems, []);
});

test('past 50 identities to check, the list stops and says there are more', async () => {
  const { page, problems } = await desk();
  const dir = fs.mkdtempSync('/tmp/rapport-import-');
  // 60 households, two ids on each inbox
  const customers = `${dir}/many-customers.csv`;
  const rows = Array.from({ length: 120 }, (_, k) => `${9600 + k},P${k},Holm,home${k >> 1}@example.com`);
  fs.writeFileSync(customers, `Customer ID,First Name,Last Name,Email\n${rows.join('\n')}\n`);
  await dropFiles(page, [customers], '#drop');
  await page.waitForFunction(() => document.querySelector('#import-files .ri-file:last-child')?.dataset.state === 'done', null, { timeout: 30000 });
  const summary = await page.textContent('#import-files .ri-file:last-child .ri-conflicts summary');
  assert.equal(summary, 'More than 50 identities to check in many-customers.csv');
  const lines = await page.$$eval('#import-files .ri-file:last-child .ri-conflicts li', (ls) => ls.map((l) => l.textContent));
  assert.equal(lines.length, 51);
  assert.equal(lines[0], 'email home0@example.com is on customer 9600 and customer 9601; both kept, the email finds 9600');
  assert.equal(lines[50], '… and more, not listed');
  fs.rmSync(dir, { recursive: true });
  assert.deepEqual(problems, []);
});
