// The demo desk's Outreach list and Insights page in headless Chromium: every outreach reason
// of the sample shows with its points and evidence, Insert opens a new message and the customer
// drops out of the list as contacted, the Insights page draws a chart per figure with the
// engine's values and "no data" (never a bar) where the report has none, and the exports are
// the engine's. The expected values come from the same engine build run here in Node on the
// same inputs. Every test fails on a console error or a request that leaves 127.0.0.1.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { suite, watchedPage, SHOTS } from './chromium.mjs';

const { base, browser } = await suite();
const { Engine } = await import('../../pkg/insights/rapport_node.js');
const { Engine: Lean } = await import('../../pkg/rapport_node.js');
const sample = JSON.parse(fs.readFileSync(new URL('../../www/data/sample.json', import.meta.url), 'utf8'));
const DAY = 86_400_000;

/** The reporting engine as the demo builds it: the sample, and what the inbox's engine saw
 * (it assessed the 30 open tickets at the demo's clock) with the sample's `seen` rows. */
function expectedEngine() {
  const inbox = new Lean();
  inbox.loadHistory(sample.history);
  inbox.assessQueue(sample.open, { now: sample.now, snippets: 0 });
  const e = new Engine();
  e.loadHistory(sample.history);
  e.importLearning([...sample.seen, ...inbox.exportLearning()]);
  return e;
}
const periodOf = (days) => ({ from: new Date(Date.parse(sample.now) - days * DAY).toISOString(), to: sample.now, now: sample.now });

const ALL_REASONS = ['outreach.follow_up_due', 'outreach.detractor', 'outreach.low_csat', 'outreach.unchecked_close', 'outreach.fix_check',
  'outreach.going_dark', 'outreach.birthday', 'outreach.anniversary', 'outreach.milestone_order', 'outreach.value'];
const PLACEHOLDER = /\{\{|\{%|#\{|%\{|\}\}|Hi ,/;

async function desk(hash = '') {
  const w = await watchedPage(browser);
  await w.page.setViewportSize({ width: 1440, height: 1000 });
  await w.page.goto(`${base}/www/${hash}`);
  // attached, not visible: on #/insights the desk (and its queue) is hidden once the page shows
  await w.page.waitForSelector('#queue li a[data-score]', { state: 'attached' });
  return w;
}
async function openOutreach(page) {
  await page.click('#tab-outreach');
  await page.waitForSelector('#outreach .ro-entry');
}
const entries = (page) => page.$$eval('#outreach .ro-entry', (ls) => ls.map((l) => ({
  id: l.dataset.outreach,
  score: Number(l.querySelector('.ro-score').textContent),
  reasons: [...l.querySelectorAll('.ro-reason')].map((r) => ({ signal: r.dataset.signal, points: Number(r.querySelector('.ro-points').textContent), text: r.textContent })),
  channel: l.querySelector('.ro-channel').textContent,
  snippet: l.querySelector('.ro-snippet-text')?.textContent ?? null,
})));

test('the Outreach list: every reason of the sample, each with its points and evidence, the channel and the filled snippet', async () => {
  const { page, problems } = await desk();
  // the inbox's cold start does not load the insights build; the Outreach tab does
  const before = await page.evaluate(() => performance.getEntriesByType('resource').map((r) => r.name).filter((n) => n.includes('/insights/')));
  assert.deepEqual(before, []);
  await openOutreach(page);
  assert.ok(await page.evaluate(() => performance.getEntriesByType('resource').some((r) => r.name.endsWith('/pkg/insights/rapport_bg.wasm'))));
  const shown = await entries(page);
  const want = expectedEngine().outreach({ now: sample.now, agent: 'Maya Lopes', limit: 30 });
  assert.deepEqual(shown.map((x) => x.id), want.map((x) => x.id), 'the engine\u2019s list, in its order');
  assert.deepEqual([...new Set(shown.flatMap((x) => x.reasons.map((r) => r.signal)))].sort(), [...ALL_REASONS].sort(), 'every reason shows');
  for (const [i, x] of shown.entries()) {
    const w = want[i];
    assert.equal(x.score, x.reasons.reduce((n, r) => n + r.points, 0), `${x.id}: the score is the sum of the points shown`);
    assert.deepEqual(x.reasons.map((r) => [r.signal, r.points]), w.reasons.map((r) => [r.signal, r.points]));
    for (const [k, r] of x.reasons.entries()) assert.ok(r.text.includes(w.reasons[k].evidence), `${x.id}: evidence of ${r.signal}`);
    assert.equal(x.channel, `By ${w.channel.channel}: ${w.channel.reason}.`);
    assert.equal(x.snippet, w.snippet.text);
    assert.doesNotMatch(x.snippet, PLACEHOLDER);
    assert.match(x.snippet, new RegExp(`^Hi ${w.customer.name.split(' ')[0]},`));
  }
  // customers with an open ticket are in the queue already, not here
  const open = new Set(sample.open.map((t) => `outreach:${t.customer.id}`));
  assert.ok(shown.every((x) => !open.has(x.id)));
  assert.match(await page.textContent('#outreach-status'), /2026-11-23/);
  await page.screenshot({ path: new URL('demo-outreach.png', SHOTS).pathname });
  assert.deepEqual(problems, []);
});

test('Insert opens a new message with the snippet, and the customer drops out of the list as contacted', async () => {
  const { page, problems } = await desk();
  await openOutreach(page);
  const before = await entries(page);
  const target = before.find((x) => x.reasons[0].signal === 'outreach.detractor');
  assert.ok(target, 'a detractor is listed');
  await page.click(`#outreach .ro-entry[data-outreach="${target.id}"] .ro-insert`);
  await page.waitForSelector('#compose:not([hidden]) #compose-text');
  assert.equal(await page.inputValue('#compose-text'), target.snippet);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'compose-text');
  const c = sample.history.customers.find((x) => `outreach:${x.id}` === target.id);
  assert.equal(await page.inputValue('#compose-to'), `${c.name} <${c.email}>`);
  assert.match(await page.textContent('#compose-why'), /Detractor/);
  assert.ok(await page.$eval('#ticket', (e) => e.hidden) && await page.$eval('#welcome', (e) => e.hidden));
  await page.waitForFunction((id) => !document.querySelector(`#outreach [data-outreach="${id}"]`) && document.querySelector('#outreach .ro-entry'), target.id);
  const after = await entries(page);
  assert.deepEqual(after.map((x) => x.id), before.map((x) => x.id).filter((id) => id !== target.id));
  assert.equal(await page.textContent('#outreach-count'), `(${before.length - 1})`);
  await page.screenshot({ path: new URL('demo-outreach-compose.png', SHOTS).pathname });
  await page.click('#compose-send');
  assert.match(await page.textContent('#compose-sent'), new RegExp(`Sent to ${c.name}`));
  // the contact is kept when the reporting engine takes the inbox's rows again
  await page.click('#tab-queue');
  await page.click('#queue li:first-child a');
  await page.waitForSelector('#rapport .rp-panel');
  await page.click('#tab-outreach');
  await page.waitForFunction(() => !/Loading/.test(document.getElementById('outreach-status').textContent));
  assert.deepEqual((await entries(page)).map((x) => x.id), after.map((x) => x.id));
  assert.deepEqual(problems, []);
});

/** What each chart row shows: bar values (data-value) or the "no data" mark. */
const chartRows = (page, figure) => page.$$eval(`[data-figure="${figure}"] .rc-row`, (rows) => rows.map((r) => ({
  group: r.dataset.group, noData: r.dataset.nodata ?? null,
  values: [...r.querySelectorAll('rect')].map((x) => Number(x.dataset.value)),
  text: r.textContent,
})));

async function checkFigures(page, report) {
  const groups = [['moments', report.moments.groups], ['byBand', report.byBand], ['byRoute', report.byRoute]];
  for (const [prefix, list] of groups) {
    if (prefix === 'moments' && report.moments.noData) continue;
    for (const metric of ['csat', 'repeatRate', 'nps']) {
      const rows = await chartRows(page, `${prefix}.${metric}`);
      assert.deepEqual(rows.map((r) => r.group), list.map((g) => g.group), `${prefix}.${metric}: a row per group`);
      for (const [i, g] of list.entries()) {
        const f = g[metric];
        if (f.value === null) {
          assert.deepEqual(rows[i].values, [], `${prefix}.${metric} ${g.group}: no bar for no data`);
          assert.equal(rows[i].noData, f.noData);
          assert.match(rows[i].text, /no data/);
        } else {
          assert.deepEqual(rows[i].values, [f.value], `${prefix}.${metric} ${g.group}`);
          assert.equal(rows[i].noData, null);
        }
      }
    }
  }
}

test('the Insights page: a chart per figure with the engine\u2019s values, no data shown as such, accessible charts', async () => {
  const { page, problems } = await desk('#/insights');
  await page.waitForSelector('#insights-report [data-figure="byRoute.nps"]');
  assert.ok(await page.$eval('main.desk', (e) => e.hidden && getComputedStyle(e).display === 'none'), 'the desk gives way to the page');
  const e = expectedEngine();
  const report = e.insights(periodOf(90));
  const figures = await page.$$eval('#insights-report [data-figure]', (fs) => fs.map((f) => f.dataset.figure));
  assert.deepEqual(figures, ['contactReasons.buckets', 'contactReasons.intents', 'contactReasons.topics', 'moments.timeline',
    'moments.csat', 'moments.repeatRate', 'moments.nps', 'byBand.csat', 'byBand.repeatRate', 'byBand.nps', 'byRoute.csat', 'byRoute.repeatRate', 'byRoute.nps']);
  // every chart is an image with a title and a description that says its values in words
  const a11y = await page.$$eval('#insights-report svg.rc-svg', (ss) => ss.map((s) => {
    const [t, d] = s.getAttribute('aria-labelledby').split(' ').map((id) => s.querySelector(`#${id}`)?.textContent ?? '');
    return { role: s.getAttribute('role'), t, d };
  }));
  assert.equal(a11y.length, figures.length);
  for (const x of a11y) assert.ok(x.role === 'img' && x.t && x.d.length > 20, JSON.stringify(x));
  // the buckets: this period and the previous one, with the trend in words
  const buckets = await chartRows(page, 'contactReasons.buckets');
  assert.deepEqual(buckets.map((b) => [b.group, ...b.values]), report.contactReasons.buckets.map((b) => [b.id, b.count, b.previous]));
  const rel = report.contactReasons.buckets.find((b) => b.id === 'relational');
  assert.match(buckets.find((b) => b.group === 'relational').text, rel.trend === 'new' ? /\(new\)/ : /▲|▼|=/);
  assert.deepEqual((await chartRows(page, 'contactReasons.intents')).map((r) => r.group), report.contactReasons.intents.map((r) => r.id));
  // caught and missed: the tiles and the timeline's columns
  assert.equal(await page.textContent('[data-tile="caught"] strong'), String(report.moments.caught));
  assert.equal(await page.textContent('[data-tile="missed"] strong'), String(report.moments.missed));
  const columns = await page.$$eval('[data-figure="moments.timeline"] .rc-col', (cs) => cs.map((c) => Object.fromEntries([...c.querySelectorAll('rect')].map((r) => [r.dataset.series, Number(r.dataset.value)]))));
  assert.deepEqual(columns, report.moments.timeline.map((t) => Object.fromEntries(['caught', 'other', 'routine', 'none'].filter((k) => t[k]).map((k) => [k, t[k]]))));
  await checkFigures(page, report);
  // the sample has one group with no data in this period: it is drawn as such
  assert.ok(report.moments.groups.some((g) => g.csat.value === null));
  await page.screenshot({ path: new URL('demo-insights.png', SHOTS).pathname, fullPage: true });
  // the last 30 days: fewer tickets, more figures without data, none of them a bar
  await page.selectOption('#insights-days', '30');
  const short = e.insights(periodOf(30));
  await page.waitForFunction((n) => document.querySelector('.ri-period')?.textContent.includes(`${n} ticket(s)`), short.contactReasons.tickets);
  await checkFigures(page, short);
  const empty = [...short.byBand, ...short.byRoute].flatMap((g) => ['csat', 'repeatRate', 'nps'].map((m) => g[m])).filter((f) => f.value === null);
  assert.ok(empty.length >= 4, 'the short period leaves figures without data');
  assert.equal(await page.$$eval('#insights-report .rc-row[data-nodata] rect', (r) => r.length), 0);
  await page.screenshot({ path: new URL('demo-insights-30-days.png', SHOTS).pathname, fullPage: true });
  assert.deepEqual(problems, []);
});

test('Insights exports: CSV and JSON are the engine\u2019s, downloaded from a Blob', async () => {
  const { page, problems } = await desk('#/insights');
  await page.waitForSelector('#insights-report .ri-csv');
  const e = expectedEngine();
  const read = async (button) => {
    const [d] = await Promise.all([page.waitForEvent('download'), page.click(button)]);
    assert.match(d.url(), /^blob:/);
    return { name: d.suggestedFilename(), text: fs.readFileSync(await d.path(), 'utf8') };
  };
  const csv = await read('#insights-report .ri-csv');
  assert.equal(csv.name, 'rapport-demo-insights-2026-08-25-2026-11-23.csv');
  assert.equal(csv.text, e.insightsCsv(periodOf(90)));
  const json = await read('#insights-report .ri-json');
  assert.match(json.name, /\.json$/);
  assert.deepEqual(JSON.parse(json.text), e.insights(periodOf(90)));
  assert.deepEqual(problems, []);
});
