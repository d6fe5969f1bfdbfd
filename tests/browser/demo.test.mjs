// The demo help desk (www/) end to end in headless Chromium from Debian's package, driven by
// playwright-core. Every test fails on a console error, a page error or a request that leaves
// 127.0.0.1. Screenshots go to out/screenshots/ (git-ignored).
import test from 'node:test';
import assert from 'node:assert/strict';
import { suite, watchedPage, SHOTS } from './chromium.mjs';

const { base, browser } = await suite();

const PLACEHOLDER = /\{\{|\{%|#\{|%\{|\}\}|Hi ,|^\s*-\s*$/m;

async function desk() {
  const w = await watchedPage(browser);
  await w.page.setViewportSize({ width: 1440, height: 1000 });
  await w.page.goto(`${base}/www/`);
  await w.page.waitForSelector('#queue li a[data-score]');
  return w;
}
const queue = (page) => page.$$eval('#queue a[data-ticket]', (as) => as.map((a) => ({ id: a.dataset.ticket, score: Number(a.dataset.score), label: a.querySelector('.rp-chip').getAttribute('aria-label') })));
const scoreIn = async (page, id) => (await queue(page)).find((x) => x.id === id).score;
const snippetIds = (page) => page.$$eval('#rapport .rp-snippet', (ls) => ls.map((l) => l.dataset.snippet));

test('the queue holds every open ticket, ordered by score, each chip labelled with score and band', async () => {
  const { page, problems } = await desk();
  const q = await queue(page);
  assert.equal(q.length, 30);
  for (let i = 1; i < q.length; i++) assert.ok(q[i - 1].score >= q[i].score, `queue out of order at ${i}: ${q[i - 1].score} < ${q[i].score}`);
  assert.ok(q[0].score > q.at(-1).score);
  const bands = new Set(q.map((x) => /, (\w+)$/.exec(x.label)[1]));
  assert.deepEqual([...bands].sort(), ['Critical', 'Relational', 'Transactional']);
  await page.screenshot({ path: new URL('demo-inbox.png', SHOTS).pathname });
  assert.deepEqual(problems, []);
});

test('the first queue, scored by the page while the worker starts, is the one the worker scores', async () => {
  const { page, problems } = await desk();
  assert.equal(await page.evaluate(() => document.documentElement.dataset.firstQueue), 'page');
  const first = await queue(page);
  // "Forget my data" with nothing kept: the worker rebuilds the sample's engine and rescores
  await page.click('#forget');
  await page.waitForFunction(() => /Forgot/.test(document.getElementById('status').textContent));
  assert.deepEqual(await queue(page), first);
  // the worker has the sample too: a ticket opened shows the history the first queue read
  await page.click('#queue a[data-ticket="T-1022"]');
  await page.waitForSelector('#rapport .rp-snippet');
  assert.match(await page.textContent('#ticket-meta'), /orders/);
  assert.deepEqual(problems, []);
});

test('a critical ticket shows its reasons with the evidence highlighted in the message', async () => {
  const { page, problems } = await desk();
  await page.click('#queue li:first-child a');
  await page.waitForSelector('#rapport .rp-panel');
  assert.equal(await page.textContent('#rapport .rp-band'), 'Critical');
  // the confidence and the kind of first reply are shown in words
  assert.match(await page.textContent('#rapport .rp-confidence'), /^Confidence: (high|medium|low)/);
  assert.match(await page.textContent('#rapport .rp-reply'), /^First reply: \w/);
  const reasons = await page.$$eval('#rapport .rp-panel > .rp-reasons .rp-reason', (ls) => ls.map((l) => l.textContent));
  assert.equal(reasons.length, 3, 'the top three reasons come first');
  const marks = await page.$$eval('#conversation mark', (ms) => ms.map((m) => m.textContent));
  assert.ok(marks.length >= 2, `marks: ${marks}`);
  // each highlighted phrase is quoted as evidence by a reason
  const evidence = await page.$$eval('#rapport .rp-evidence', (es) => es.map((e) => e.textContent).join(' '));
  assert.ok(marks.some((m) => evidence.includes(m)), `marks ${marks} not in evidence ${evidence}`);
  await page.screenshot({ path: new URL('demo-critical-ticket.png', SHOTS).pathname, fullPage: true });
  assert.deepEqual(problems, []);
});

test('Insert fills the reply box with the filled snippet, no placeholder left', async () => {
  const { page, problems } = await desk();
  for (const id of ['T-1010', 'T-1013', 'T-1022']) {
    await page.goto(`${base}/www/#/ticket/${id}`);
    await page.waitForFunction((id) => document.getElementById('ticket-title')?.textContent.includes(id), id);
    const text = await page.textContent('#rapport .rp-snippet:first-child .rp-snippet-text');
    await page.click('#rapport .rp-snippet:first-child .rp-insert');
    const reply = await page.inputValue('#reply');
    assert.equal(reply, text);
    assert.doesNotMatch(reply, PLACEHOLDER);
    assert.ok(reply.length > 40);
    assert.equal(await page.evaluate(() => document.activeElement.id), 'reply');
  }
  assert.deepEqual(problems, []);
});

test('Dismiss sends feedback and changes the next ranking', async () => {
  const { page, problems } = await desk();
  await page.goto(`${base}/www/#/ticket/T-1010`);
  await page.waitForSelector('#rapport .rp-snippet');
  const before = await snippetIds(page);
  await page.click('#rapport .rp-snippet:first-child .rp-dismiss');
  await page.waitForFunction((first) => document.querySelector('#rapport .rp-snippet')?.dataset.snippet !== first, before[0]);
  const after = await snippetIds(page);
  assert.notEqual(after[0], before[0]);
  assert.ok(!after.includes(before[0]) || after.indexOf(before[0]) > 0, `${before} → ${after}`);
  assert.deepEqual(problems, []);
});

test('a CSV with bad rows: the report lists them by line and column, the good rows change scores', async () => {
  const { page, problems } = await desk();
  const scoreOf = (id) => scoreIn(page, id);
  const before = await scoreOf('T-1022');
  await page.setInputFiles('#files', new URL('../../www/data/sample-import.csv', import.meta.url).pathname);
  // the file is settled and the queue rescored once the demo says which scores changed
  await page.waitForFunction(() => document.getElementById('import-changed').textContent.length > 0);
  const summary = await page.textContent('#import-report .report p');
  assert.match(summary, /3 added, 0 updated, 4 rejected/);
  const rows = await page.$$eval('#import-report .rejected li', (ls) => ls.map((l) => l.textContent));
  assert.deepEqual(rows.map((r) => r.split(':')[0]), ['line 5, Requester email', 'line 6, Created at', 'line 7, CSAT', 'line 8, Solved at']);
  const after = await scoreOf('T-1022');
  assert.ok(after > before, `T-1022 ${before} → ${after}`);
  assert.match(await page.textContent('#import-report .changed'), /T-1022/);
  // the queue is re-sorted
  const q = await queue(page);
  for (let i = 1; i < q.length; i++) assert.ok(q[i - 1].score >= q[i].score);
  // a file that is not history is reported, not fatal
  await page.setInputFiles('#files', { name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"customers": [') });
  await page.waitForSelector('#import-report .report-error');
  assert.deepEqual(problems, []);
});

test('keyboard only: from the page top to a ticket and its Insert button', async () => {
  const { page, problems } = await desk();
  const focused = () => page.evaluate(() => {
    const a = document.activeElement;
    return { tag: a.tagName, ticket: a.dataset?.ticket ?? null, cls: a.className, visible: getComputedStyle(a).outlineStyle };
  });
  let f;
  for (let i = 0; i < 10; i++) {
    await page.keyboard.press('Tab');
    f = await focused();
    if (f.ticket) break;
  }
  assert.ok(f.ticket, 'a queue link is reachable by Tab');
  assert.equal(f.visible, 'solid', 'focus is visible');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#rapport .rp-insert');
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    f = await focused();
    if (f.cls.includes('rp-insert')) break;
  }
  assert.ok(f.cls.includes('rp-insert'), 'Insert is reachable by Tab');
  await page.keyboard.press('Enter');
  assert.ok((await page.inputValue('#reply')).length > 40);
  assert.deepEqual(problems, []);
});

test('loaded files are kept in IndexedDB across a reload, and "Forget my data" erases them', async () => {
  const { page, problems } = await desk();
  const scoreOf = (id) => scoreIn(page, id);
  const base = await scoreOf('T-1022');
  await page.setInputFiles('#files', new URL('../../www/data/sample-import.csv', import.meta.url).pathname);
  // the file is settled and the queue rescored once the demo says which scores changed
  await page.waitForFunction(() => document.getElementById('import-changed').textContent.length > 0);
  const raised = await scoreOf('T-1022');
  assert.ok(raised > base);
  await page.reload();
  await page.waitForSelector('#queue li a[data-score]');
  assert.equal(await scoreOf('T-1022'), raised, 'restored without importing again');
  assert.equal(await page.evaluate(() => document.documentElement.dataset.firstQueue), 'worker', 'kept files: the worker scores the first queue');
  assert.match(await page.textContent('#status'), /Restored 1 file/);
  await page.click('#forget');
  await page.waitForFunction(() => /Forgot/.test(document.getElementById('status').textContent));
  assert.equal(await scoreOf('T-1022'), base);
  // whatever version the page left it at (history-db.js is at 2: files and their chunks)
  const rows = await page.evaluate(() => new Promise((resolve, reject) => {
    const r = indexedDB.open('rapport-demo');
    r.onerror = () => reject(r.error);
    r.onsuccess = () => {
      const db = r.result;
      const stores = [...db.objectStoreNames];
      if (!stores.length) { db.close(); return resolve(0); }
      const t = db.transaction(stores);
      Promise.all(stores.map((s) => new Promise((ok) => { const q = t.objectStore(s).count(); q.onsuccess = () => ok(q.result); })))
        .then((n) => { db.close(); resolve(n.reduce((a, b) => a + b, 0)); });
    };
  }));
  assert.equal(rows, 0, 'nothing left in IndexedDB');
  await page.reload();
  await page.waitForSelector('#queue li a[data-score]');
  assert.equal(await scoreOf('T-1022'), base, 'still forgotten after a reload');
  assert.deepEqual(problems, []);
});
