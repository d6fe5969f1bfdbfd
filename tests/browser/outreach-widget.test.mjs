// <rapport-outreach> on the third-party fixture page (tests/browser/fixtures/third-party.html,
// beside two <rapport-panel>s): the list from the insights build in its shadow root, host
// styles kept out, customer text as text, Insert as an event the host opens a message with,
// the contacted customer dropping out, and the agent's learning (the panel's open ticket)
// taking a customer off the list.
import test from 'node:test';
import assert from 'node:assert/strict';
import { suite, watchedPage, SHOTS } from './chromium.mjs';

const { base, browser } = await suite();

const inside = (page, fn, arg) => page.evaluate(([fn, arg]) => new Function('root', 'arg', `return (${fn})(root, arg)`)(document.getElementById('outreach').shadowRoot, arg), [fn.toString(), arg]);
const listed = (page) => inside(page, (r) => [...r.querySelectorAll('.ro-entry')].map((e) => [e.dataset.outreach, e.dataset.signals]));

test('<rapport-outreach> on a third-party page: the list, isolated styles, text only, Insert into the host\u2019s editor, contacted drops out', async () => {
  const { page, problems } = await watchedPage(browser);
  await page.setViewportSize({ width: 1280, height: 1000 });
  await page.goto(`${base}/tests/browser/fixtures/third-party.html`);
  await page.waitForFunction(() => document.getElementById('outreach').shadowRoot?.querySelectorAll('.ro-entry').length === 3
    && document.getElementById('panel').shadowRoot?.querySelector('.rp-panel'));
  assert.equal(await page.evaluate(() => customElements.get('rapport-outreach').name), 'RapportOutreach');
  // the insights build, loaded beside the package's ticket-side engine
  assert.ok(await page.evaluate(() => performance.getEntriesByType('resource').some((r) => r.name.endsWith('/pkg/insights/rapport_bg.wasm'))));
  // Kim: CSAT 1 (25) + value 10 × 4800 / 9000 (5); Dee: NPS 2, 30 × (1 − 2/12) = 25, and her 900 is under a
  // quarter of the fitted valueHigh (9,000 since session 23: 2,250), so no value reason; Lou: a
  // birthday in 3 days (10), no value beside it (value is never alone)
  assert.deepEqual(await listed(page), [
    ['outreach:k1', 'outreach.low_csat outreach.value'],
    ['outreach:d1', 'outreach.detractor'],
    ['outreach:l1', 'outreach.birthday'],
  ]);
  assert.deepEqual(await page.evaluate(() => document.getElementById('outreach').entries.map((x) => [x.score, x.reasons.map((r) => r.points)])),
    [[30, [25, 5]], [25, [25]], [10, [10]]]);
  // the points and evidence of each reason, the channel
  const kim = await inside(page, (r) => r.querySelector('[data-outreach="outreach:k1"]').textContent);
  assert.match(kim, /\+25 Unhappy, not called back — CSAT 1 of 5 on 2026-11-16 \(ticket p1\)/);
  assert.match(kim, /By phone: email has not worked for them/);
  // a name with markup is text
  assert.equal(await inside(page, (r) => r.querySelectorAll('img, script').length), 0);
  assert.match(await inside(page, (r) => r.querySelector('[data-outreach="outreach:l1"] .ro-who').textContent), /<img src=x/);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  // the host's loud rules do not reach in, the list's do not leak out
  const look = await inside(page, (r) => ({ list: getComputedStyle(r.querySelector('.ro-list')).display, bg: getComputedStyle(r.querySelector('.ro-insert')).backgroundColor, font: getComputedStyle(r.querySelector('.ro-list')).fontFamily }));
  assert.notEqual(look.list, 'none');
  assert.notEqual(look.bg, 'rgb(255, 105, 180)');
  assert.doesNotMatch(look.font, /Georgia/);
  assert.equal(await page.evaluate(() => document.querySelectorAll('.ro-list, .ro-entry').length), 0);
  await page.screenshot({ path: new URL('widget-outreach.png', SHOTS).pathname, fullPage: true });

  // Insert: the event carries the entry id and the text; the host opens a message with it
  const text = await inside(page, (r) => r.querySelector('[data-outreach="outreach:d1"] .ro-snippet-text').textContent);
  assert.match(text, /^Hi Dee,/);
  await inside(page, (r) => r.querySelector('[data-outreach="outreach:d1"] .ro-insert').click());
  await page.waitForFunction(() => window.__outreachInserted);
  const detail = await page.evaluate(() => window.__outreachInserted);
  assert.deepEqual({ id: detail.id, text: detail.text, snippetId: detail.snippetId }, { id: 'outreach:d1', text, snippetId: 'outreach-detractor' });
  assert.equal(await page.inputValue('#editor'), text);
  await page.waitForFunction(() => document.getElementById('outreach').shadowRoot.querySelectorAll('.ro-entry').length === 2);
  assert.deepEqual((await listed(page)).map((x) => x[0]), ['outreach:k1', 'outreach:l1'], 'Dee was contacted');

  // what the panel's engine saw (Kim's open ticket A-1, assessed just now) takes Kim off the
  // list: she is in the queue already. Dee stays contacted.
  await page.evaluate(async () => {
    const engine = await document.getElementById('panel').ready;
    document.getElementById('outreach').learning = engine.exportLearning();
  });
  await page.waitForFunction(() => document.getElementById('outreach').shadowRoot.querySelectorAll('.ro-entry').length === 1);
  assert.deepEqual((await listed(page)).map((x) => x[0]), ['outreach:l1']);
  assert.deepEqual(problems, []);
});

test('<rapport-outreach> says it waits for history, and reports bad options as an error', async () => {
  const { page, problems } = await watchedPage(browser);
  await page.goto(`${base}/tests/browser/fixtures/third-party.html`);
  await page.waitForFunction(() => document.getElementById('outreach').shadowRoot?.querySelector('.ro-entry'));
  const made = await page.evaluate(async () => {
    const o = document.createElement('rapport-outreach');
    o.setAttribute('now', '2026-11-23T12:00:00Z');
    document.body.append(o);
    await o.refresh();
    return o.shadowRoot.textContent;
  });
  assert.match(made, /waiting for history/);
  const error = page.evaluate(() => new Promise((resolve) => document.addEventListener('rapport-error', (e) => resolve(e.detail.message), { once: true })));
  await page.evaluate(() => document.getElementById('outreach').setAttribute('limit', '0'));
  assert.match(await error, /limit/);
  assert.equal(await inside(page, (r) => r.querySelectorAll('.ro-entry').length), 0, 'nothing of the earlier list stays');
  assert.match(await inside(page, (r) => r.querySelector('.rp-status').textContent), /could not draw the outreach list: .*limit/);
  assert.deepEqual(problems, []);
});
