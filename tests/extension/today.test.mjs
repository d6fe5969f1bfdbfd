// The extension's reporting views (test build, out/extension-test/): the options page's
// insights (honest "no data" on an empty profile, then the demo's sample history and what a
// browser saw, drawn as a chart per figure with the engine's values), and the side panel's
// Today tab (the outreach list for the loaded history, the full engine loaded only when the
// tab is opened, Insert opening a message and keeping the customer off the list across a
// reload). The expected values come from the same engine build run here in Node. Fails on a
// console error and on any request leaving 127.0.0.1.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { launchWithExtension, SHOTS } from './harness.mjs';

const x = await launchWithExtension();
fs.mkdirSync(SHOTS, { recursive: true });
test.after(() => x.close());

const { Engine } = await import('../../pkg/insights/rapport_node.js');
const sample = JSON.parse(fs.readFileSync(new URL('../../www/data/sample.json', import.meta.url), 'utf8'));
const NOW = sample.now; // the demo's clock: the sample's dates are relative to it
const DAY = 86_400_000;
const period = (days) => ({ from: new Date(Date.parse(NOW) - days * DAY).toISOString(), to: NOW, now: NOW });
const ALL_REASONS = ['outreach.follow_up_due', 'outreach.detractor', 'outreach.low_csat', 'outreach.unchecked_close', 'outreach.fix_check',
  'outreach.going_dark', 'outreach.birthday', 'outreach.anniversary', 'outreach.milestone_order', 'outreach.value'];

/** The engine the extension should build: the stored sample history and the imported rows. */
function expected() {
  const e = new Engine();
  e.loadHistory(sample.history);
  e.importLearning(sample.seen);
  return e;
}

async function page(file, width = 1280) {
  const p = await x.context.newPage();
  const errors = [];
  // what the page fetched (resource timing is empty in extension pages)
  p.fetched = [];
  p.on('request', (r) => p.fetched.push(r.url()));
  p.on('pageerror', (e) => errors.push(e.message));
  p.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await p.setViewportSize({ width, height: 900 });
  await p.goto(`chrome-extension://${x.id}/${file}?now=${NOW}`);
  return { p, errors };
}
const rowsOf = (p, figure) => p.$$eval(`[data-figure="${figure}"] .rc-row`, (rows) => rows.map((r) => ({
  group: r.dataset.group, noData: r.dataset.nodata ?? null, values: [...r.querySelectorAll('rect')].map((b) => Number(b.dataset.value)),
})));

test('options: insights say "no data" on an empty profile, then chart the loaded history with the engine\u2019s values', async () => {
  const { p, errors } = await page('options.html');
  await p.waitForFunction(() => /0 customers/.test(document.getElementById('totals').textContent));
  // the full engine is not loaded with the page
  assert.ok(p.fetched.some((u) => u.endsWith('/engine/rapport_bg.wasm')), JSON.stringify(p.fetched));
  assert.equal(p.fetched.some((u) => u.includes('/engine/insights/')), false);
  await p.click('#insights-show');
  await p.waitForSelector('#insights-report .ri-report');
  const empty = await p.$$eval('#insights-report .ri-nodata', (ns) => ns.map((n) => n.textContent));
  const none = new Engine().insights(period(90));
  assert.deepEqual(empty, [none.contactReasons.noData, none.moments.noData].filter(Boolean).map((w) => `No data: ${w}.`));
  assert.equal(empty[0], 'No data: no tickets in this period.');
  // every band and route figure is "no data", none a bar
  assert.equal(await p.$$eval('#insights-report .rc-row[data-nodata]', (r) => r.length), 18);
  assert.equal(await p.$$eval('#insights-report rect', (r) => r.length), 0, 'no bar at all when nothing was measured');

  // the demo's sample as history files, and what a browser saw as learning
  await p.setInputFiles('#files', { name: 'sample-history.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(sample.history)) });
  await p.waitForFunction(() => /added/.test(document.getElementById('report').textContent));
  await p.setInputFiles('#import-learning', { name: 'seen.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(sample.seen)) });
  await p.waitForFunction((n) => document.getElementById('status').textContent.includes(`Imported ${n} learned row(s)`), sample.seen.length);
  await p.click('#insights-show');
  // (the empty report drawn above also has byBand and byRoute figures: wait for one only data draws)
  await p.waitForSelector('#insights-report [data-figure="contactReasons.buckets"]');
  const report = expected().insights(period(90));
  assert.deepEqual(await p.$$eval('#insights-report [data-figure]', (fs) => fs.map((f) => f.dataset.figure)), ['contactReasons.buckets', 'contactReasons.intents',
    'contactReasons.topics', 'moments.timeline', 'moments.csat', 'moments.repeatRate', 'moments.nps', 'byBand.csat', 'byBand.repeatRate', 'byBand.nps',
    'byRoute.csat', 'byRoute.repeatRate', 'byRoute.nps']);
  assert.deepEqual((await rowsOf(p, 'contactReasons.buckets')).map((r) => [r.group, ...r.values]), report.contactReasons.buckets.map((b) => [b.id, b.count, b.previous]));
  for (const [prefix, groups] of [['moments', report.moments.groups], ['byBand', report.byBand], ['byRoute', report.byRoute]]) {
    for (const m of ['csat', 'repeatRate', 'nps']) {
      const rows = await rowsOf(p, `${prefix}.${m}`);
      assert.deepEqual(rows.map((r) => r.values), groups.map((g) => (g[m].value === null ? [] : [g[m].value])), `${prefix}.${m}`);
      assert.deepEqual(rows.map((r) => r.noData), groups.map((g) => g[m].noData ?? null), `${prefix}.${m}: no data as the report says`);
    }
  }
  assert.equal(await p.textContent('[data-tile="caught"] strong'), String(report.moments.caught));
  await p.$eval('#h-insights', (h) => h.scrollIntoView());
  await p.screenshot({ path: path.join(SHOTS, 'extension-options-insights.png'), fullPage: true });
  // the CSV export is the engine's
  const [d] = await Promise.all([p.waitForEvent('download'), p.click('#insights-report .ri-csv')]);
  assert.equal(fs.readFileSync(await d.path(), 'utf8'), expected().insightsCsv(period(90)));
  assert.deepEqual(errors, []);
  await p.close();
});

test('side panel Today tab: the outreach list for the loaded history, Insert opens a message, the customer stays off the list', async () => {
  // (runs after the options test above, which stored the sample history and learning)
  const { p, errors } = await page('sidepanel.html', 420);
  await p.waitForFunction(() => document.getElementById('status').textContent !== 'Loading…');
  assert.ok(p.fetched.some((u) => u.endsWith('/engine/rapport_bg.wasm')), JSON.stringify(p.fetched));
  assert.equal(p.fetched.some((u) => u.includes('/engine/insights/')), false, 'the full engine waits for the tab');
  await p.click('#tab-today');
  await p.waitForSelector('#today .ro-entry');
  assert.ok(p.fetched.some((u) => u.endsWith('/engine/insights/rapport_bg.wasm')), JSON.stringify(p.fetched));
  assert.ok(await p.$eval('#view', (v) => getComputedStyle(v).display === 'none'), 'the ticket view gives way');
  const want = expected().outreach({ now: NOW, limit: 30 });
  const shown = await p.$$eval('#today .ro-entry', (ls) => ls.map((l) => ({ id: l.dataset.outreach, signals: l.dataset.signals.split(' '), points: [...l.querySelectorAll('.ro-points')].map((s) => Number(s.textContent)), text: l.querySelector('.ro-snippet-text')?.textContent })));
  assert.deepEqual(shown.map((s) => s.id), want.map((w) => w.id));
  assert.deepEqual(shown.map((s) => s.points), want.map((w) => w.reasons.map((r) => r.points)));
  assert.deepEqual(shown.map((s) => s.text), want.map((w) => w.snippet.text));
  assert.deepEqual([...new Set(shown.flatMap((s) => s.signals))].sort(), [...ALL_REASONS].sort(), 'every reason of the sample');
  assert.match(await p.textContent('#today-status'), new RegExp(`${want.length} customer\\(s\\) to contact on 2026-11-23`));
  await p.screenshot({ path: path.join(SHOTS, 'extension-today.png') });

  const target = shown[0];
  await p.click(`#today .ro-entry[data-outreach="${target.id}"] .ro-insert`);
  await p.waitForSelector('#today-draft:not([hidden]) textarea');
  assert.equal(await p.inputValue('#today-draft-text'), target.text);
  await p.waitForFunction((id) => !document.querySelector(`#today [data-outreach="${id}"]`) && document.querySelector('#today .ro-entry'), target.id);
  await p.screenshot({ path: path.join(SHOTS, 'extension-today-draft.png') });
  const stored = await p.evaluate(() => chrome.storage.local.get('outreachContacts'));
  assert.equal(stored.outreachContacts.length, 1);
  // a new panel (the agent closed and reopened it): still contacted
  await p.reload();
  await p.click('#tab-today');
  await p.waitForSelector('#today .ro-entry');
  const again = await p.$$eval('#today .ro-entry', (ls) => ls.map((l) => l.dataset.outreach));
  assert.deepEqual(again, want.map((w) => w.id).filter((id) => id !== target.id));
  // back to the ticket view
  await p.click('#tab-ticket');
  assert.ok(await p.$eval('#today', (t) => t.hidden) && await p.$eval('#status', (s) => getComputedStyle(s).display !== 'none'));
  assert.deepEqual(errors, []);
  await p.close();
});

test('no request left 127.0.0.1', () => {
  assert.deepEqual(x.left, []);
});
