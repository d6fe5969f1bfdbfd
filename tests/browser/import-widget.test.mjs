// <rapport-import> and <rapport-panel worker> on a third-party page served under exactly the
// README's policy for the widget with its worker (worker-src): a generated 200 MB export dropped
// on the element streams in the worker, the panel answers meanwhile, Cancel keeps what the
// event reports, a reload replays the kept file, and nothing violates the policy.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { suite, watchedPage, SHOTS } from './chromium.mjs';
import { serve } from '../../scripts/serve.mjs';
import { bigCsv } from './big-csv.mjs';
import { WATCH_IMPORT, dropFiles, progressGaps, rendererPeak, rowsUpTo } from './import-helpers.mjs';

const { browser } = await suite();
const README_CSP = [...fs.readFileSync(new URL('../../README.md', import.meta.url), 'utf8').matchAll(/^Content-Security-Policy: (.+)$/gm)]
  .map((m) => m[1]).find((p) => p.includes('worker-src'));
assert.ok(README_CSP, 'the README gives the policy for the widget with its worker');
const strict = await serve(0, { csp: README_CSP });
const base = `http://127.0.0.1:${strict.address().port}`;
test.after(() => strict.close());
const big = bigCsv();
const SAMPLE = new URL('../../www/data/sample-import.csv', import.meta.url).pathname;

async function hostPage() {
  const w = await watchedPage(browser);
  await w.page.setViewportSize({ width: 1100, height: 900 });
  await w.page.addInitScript(WATCH_IMPORT);
  await w.page.addInitScript(() => { window.__violations = []; document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`)); });
  await w.page.goto(`${base}/tests/browser/fixtures/import-widget.html`);
  await w.page.waitForFunction(() => document.getElementById('panel').shadowRoot.querySelector('.rp-panel'), null, { timeout: 20000 });
  return w;
}
const inImport = (page, fn, arg) => page.evaluate(([fn, arg]) => new Function('root', 'arg', `return (${fn})(root, arg)`)(document.getElementById('import').shadowRoot, arg), [fn.toString(), arg]);
const stats = (page) => page.evaluate(async () => (await document.getElementById('panel').ready).call('historyStats'));
const rowState = (page) => inImport(page, (r) => r.querySelector('.ri-file')?.dataset.state);

test(`under the README policy: a ${Math.round(big.bytes / 1e6)} MB export streams in the worker, the panel answers, Cancel keeps what was reported, a reload replays it`, async () => {
  const { page, problems } = await hostPage();
  // the panel assesses in the worker: its `ready` is the worker's handle
  assert.equal(await page.evaluate(async () => typeof (await document.getElementById('panel').ready).call), 'function');
  const before = await stats(page);
  // long tasks are reported late: only those that started after the drop count
  await page.evaluate(() => { window.__longTasks = []; window.__progress = []; window.__since = performance.now(); });
  const peakBefore = rendererPeak();
  await dropFiles(page, [big.path], '.ri-drop', '#import');
  await page.waitForFunction(() => document.getElementById('import').shadowRoot.querySelector('progress')?.value > 0);
  // a new ticket set meanwhile is assessed and drawn while the file is still loading
  await page.evaluate(() => { window.__assessed = null; document.getElementById('panel').ticket = { id: 'A-10', subject: 'Thanks!', channel: 'chat', customer: { email: 'wen.novak@example.com', name: 'Wen Novak' }, messages: [{ from: 'customer', text: 'Thank you, the grinder works perfectly now.' }] }; });
  await page.waitForFunction(() => window.__assessed?.ticketId === 'A-10', null, { timeout: 10000 });
  assert.equal(await rowState(page), 'loading');
  assert.match(await inImport(page, (r) => r.querySelector('.ri-file .ri-line:not(.ri-head)').textContent), new RegExp(`of ${(big.bytes / 1e6).toFixed(1)} MB · [\\d,]+ records · [\\d,]+ rejected`));
  await page.screenshot({ path: new URL('widget-import-progress.png', SHOTS).pathname });
  await page.waitForFunction((n) => document.getElementById('import').shadowRoot.querySelector('progress').value >= n, big.bytes * 0.4, { timeout: 120000 });
  await inImport(page, (r) => r.querySelector('.ri-cancel').click());
  await page.waitForFunction(() => window.__imports.some((d) => d.stopped), null, { timeout: 30000 });
  const detail = await page.evaluate(() => window.__imports.find((d) => d.stopped));
  const { rows, bad } = rowsUpTo(detail.stopped.line);
  assert.equal(detail.report.added.tickets, rows - bad);
  assert.equal(detail.report.rejected.length, bad);
  const after = await stats(page);
  assert.equal(after.tickets, before.tickets + rows - bad, 'the engine holds exactly what the event reported');
  const long = await page.evaluate(() => window.__longTasks.filter((t) => t.start >= window.__since));
  assert.ok(long.every((t) => t.ms <= 100), `long tasks: ${JSON.stringify(long)}`);
  const p = await progressGaps(page);
  assert.ok(p.updates >= 5 && p.gap <= 250, `${p.updates} updates, longest gap ${p.gap} ms`);
  assert.ok(p.stopMs != null && p.stopMs <= 5000, `the row said it stopped ${p.stopMs} ms after Cancel`);
  // the renderer's peak (page and worker) stays under twice the file's size
  const fileMb = big.bytes / 2 ** 20;
  const peak = rendererPeak();
  console.log(`# widget: stopped after line ${detail.stopped.line}; ${p.updates} progress updates, longest gap ${p.gap} ms, stopped ${p.stopMs} ms after Cancel; long tasks ${JSON.stringify(long)}; renderer peak ${peakBefore.toFixed(0)} → ${peak.toFixed(0)} MB for a ${fileMb.toFixed(0)} MB file`);
  assert.ok(peak < 2 * fileMb, `the renderer's peak was ${peak.toFixed(0)} MB for a ${fileMb.toFixed(0)} MB file`);
  await page.screenshot({ path: new URL('widget-import-stopped.png', SHOTS).pathname });

  // a reload replays the kept file in the worker: the same history
  await page.reload();
  await page.waitForFunction(() => window.__imports.some((d) => d.restored === 1), null, { timeout: 60000 });
  assert.deepEqual(await stats(page), after);
  const replayed = rendererPeak();
  console.log(`# widget: after the reload replayed the stopped part: renderer peak ${replayed.toFixed(0)} MB`);
  assert.ok(replayed < 2 * fileMb, `the renderer's peak was ${replayed.toFixed(0)} MB after the replay, for a ${fileMb.toFixed(0)} MB file`);
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  await page.evaluate(() => new Promise((r) => { const q = indexedDB.deleteDatabase('acme-history'); q.onsuccess = q.onblocked = r; }));
  assert.deepEqual(problems, []);
});

test('the panel in worker mode redraws after an import, and Undo this file puts its score back', async () => {
  const { page, problems } = await hostPage();
  // the points before the 0..100 clamp: Victor's third angry contact can be critical at 100
  // with or without his history, and the import must still show in what the panel explains
  const points = () => page.evaluate(() => window.__assessed?.reasons.filter((r) => r.signal !== 'clamp').reduce((n, r) => n + r.points, 0));
  await page.waitForFunction(() => window.__assessed);
  const first = await points();
  await dropFiles(page, [SAMPLE], '.ri-drop', '#import');
  await page.waitForFunction((s) => window.__imports.length && window.__assessed.reasons.filter((r) => r.signal !== 'clamp').reduce((n, r) => n + r.points, 0) !== s, first, { timeout: 20000 });
  const raised = await points();
  assert.ok(raised > first, `two failed logins with CSAT 1 add to Victor's reasons: ${first} → ${raised}`);
  assert.ok(await page.evaluate(() => window.__assessed.reasons.some((r) => r.signal === 'history.csat_low' && r.points > 0)), 'the imported CSAT 1 is a reason');
  await inImport(page, (r) => r.querySelector('.ri-undo').click());
  await page.waitForFunction(() => window.__imports.some((d) => d.undone), null, { timeout: 20000 });
  await page.waitForFunction((s) => window.__assessed.reasons.filter((r) => r.signal !== 'clamp').reduce((n, r) => n + r.points, 0) === s, first, { timeout: 20000 });
  assert.equal(await inImport(page, (r) => r.querySelector('.ri-file').dataset.state), 'undone');
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  assert.deepEqual(problems, []);
});
