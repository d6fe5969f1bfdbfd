// The options page's imports (test build, out/extension-test/): a generated large export dropped
// on the page streams into the engine's worker with a moving progress bar and no long task on
// the page; Cancel keeps exactly what the report says; a reload replays the kept part; Remove
// takes it out again. The same worker and queue as the demo and the widget (tests/browser/).
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { launchWithExtension, SHOTS } from './harness.mjs';
import { bigCsv } from '../browser/big-csv.mjs';
import { WATCH_IMPORT, dropFiles, progressGaps, rendererPeak, rowsUpTo } from '../browser/import-helpers.mjs';

const x = await launchWithExtension();
fs.mkdirSync(SHOTS, { recursive: true });
test.after(() => x.close());
const big = bigCsv();
const num = (s) => Number(s.replace(/,/g, ''));

/** Waits until the totals line says `n` tickets (the whole number, not a part of another). */
const ticketsShown = (o, n, timeout = 60000) => o.waitForFunction((n) => new RegExp(`(^|\\D)${n} tickets`).test(document.getElementById('totals').textContent), n, { timeout });

/** The totals line as numbers: what the agent sees of the engine's history. */
async function totals(o) {
  const t = await o.textContent('#totals');
  const m = /(\d+) customers, (\d+) tickets, (\d+) orders, (\d+) surveys from (\d+) file/.exec(t);
  assert.ok(m, `totals: ${t}`);
  return { customers: +m[1], tickets: +m[2], orders: +m[3], surveys: +m[4], files: +m[5] };
}

test(`options page: a ${Math.round(big.bytes / 1e6)} MB export streams in the worker; Cancel keeps what the report says; a reload replays it; Remove takes it out`, async () => {
  const o = await x.context.newPage();
  const problems = [];
  o.on('pageerror', (e) => problems.push(e.message));
  o.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  await o.addInitScript(WATCH_IMPORT);
  await o.setViewportSize({ width: 1000, height: 1000 });
  await o.goto(`chrome-extension://${x.id}/options.html`);
  await o.waitForFunction(() => / customers, /.test(document.getElementById('totals').textContent), null, { timeout: 30000 });
  const before = await totals(o);

  await o.evaluate(() => { window.__longTasks = []; window.__progress = []; window.__since = performance.now(); });
  const peakBefore = rendererPeak();
  await dropFiles(o, [big.path], '#drop');
  await o.waitForFunction(() => document.querySelector('#report progress')?.value > 0, null, { timeout: 30000 });
  assert.match(await o.textContent('#report .ri-file .ri-line:not(.ri-head)'), /of \d+\.\d MB · [\d,]+ records · /);
  await o.screenshot({ path: path.join(SHOTS, 'extension-options-import-progress.png') });
  await o.waitForFunction((n) => document.querySelector('#report progress').value >= n, big.bytes * 0.3, { timeout: 180000 });
  await o.click('#report .ri-cancel');
  await o.waitForFunction(() => document.querySelector('#report .ri-file')?.dataset.state === 'stopped', null, { timeout: 60000 });

  // the report: where it stopped, and what was added and rejected up to there
  const line = num(/after line ([\d,]+)/.exec(await o.textContent('#report .ri-file .ri-line:not(.ri-head)'))[1]);
  const { rows, bad } = rowsUpTo(line);
  const head = await o.textContent('#report .ri-file .ri-head');
  const [, added, rejected] = /: ([\d,]+) added, [\d,]+ updated, ([\d,]+) rejected/.exec(head).map((v, i) => (i ? num(v) : v));
  assert.equal(rejected, bad, head);
  // the engine holds exactly that (the totals are redrawn after the report): the tickets read
  // up to there, and the customers they name (added counts both)
  await ticketsShown(o, before.tickets + rows - bad);
  const after = await totals(o);
  assert.equal(added, rows - bad + after.customers - before.customers, head);
  assert.equal(after.files, before.files + 1);
  assert.match(await o.textContent('#stored'), /\(stopped part-way\)/);
  // the stored size is the part kept, of the whole file's
  const kept = /([\d.]+) MB of ([\d.]+) MB/.exec(await o.textContent('#stored'));
  assert.ok(kept, await o.textContent('#stored'));
  assert.equal(Number(kept[2]), Number((big.bytes / 1e6).toFixed(1)));
  assert.ok(Number(kept[1]) < Number(kept[2]) * 0.95 && Number(kept[1]) >= Number(kept[2]) * 0.25, kept[0]);

  const long = await o.evaluate(() => window.__longTasks.filter((t) => t.start >= window.__since));
  assert.ok(long.every((t) => t.ms <= 100), `long tasks on the options page: ${JSON.stringify(long)}`);
  const p = await progressGaps(o);
  assert.ok(p.updates >= 5 && p.gap <= 250, `${p.updates} updates, longest gap ${p.gap} ms`);
  assert.ok(p.stopMs != null && p.stopMs <= 5000, `the row said it stopped ${p.stopMs} ms after Cancel`);
  // the renderer's peak (the extension's pages and the options page's worker) stays under
  // twice the file's size
  const fileMb = big.bytes / 2 ** 20;
  const peak = rendererPeak();
  console.log(`# options page: stopped after line ${line} (${added} added, ${rejected} rejected); ${p.updates} progress updates, longest gap ${p.gap} ms, stopped ${p.stopMs} ms after Cancel; long tasks ${JSON.stringify(long)}; renderer peak ${peakBefore.toFixed(0)} → ${peak.toFixed(0)} MB for a ${fileMb.toFixed(0)} MB file`);
  assert.ok(peak < 2 * fileMb, `the renderer's peak was ${peak.toFixed(0)} MB for a ${fileMb.toFixed(0)} MB file`);
  await o.screenshot({ path: path.join(SHOTS, 'extension-options-import-stopped.png') });

  // a reload replays the kept part in the worker: the same history
  await o.reload();
  await ticketsShown(o, after.tickets);
  assert.deepEqual(await totals(o), after);
  const replayed = rendererPeak();
  console.log(`# options page: after the reload replayed the stopped part: renderer peak ${replayed.toFixed(0)} MB`);
  assert.ok(replayed < 2 * fileMb, `the renderer's peak was ${replayed.toFixed(0)} MB after the replay, for a ${fileMb.toFixed(0)} MB file`);

  // Remove: the file and what it added are gone
  await o.click(`#stored button[aria-label="Remove ${path.basename(big.path)}"]`);
  await ticketsShown(o, before.tickets);
  assert.deepEqual(await totals(o), before);
  assert.deepEqual(problems, []);
  await o.close();
});

test('options page: a file of an unknown shape is refused before it is read, with the reason', async () => {
  const o = await x.context.newPage();
  await o.goto(`chrome-extension://${x.id}/options.html`);
  await o.waitForFunction(() => / customers, /.test(document.getElementById('totals').textContent), null, { timeout: 30000 });
  await o.setInputFiles('#files', { name: 'photo.csv', mimeType: 'text/csv', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]) });
  await o.waitForFunction(() => document.querySelector('#report .ri-file')?.dataset.state === 'error', null, { timeout: 20000 });
  assert.match(await o.textContent('#report [role=alert]'), /refused before reading it: it is not text/);
  await o.close();
});
