// <rapport-panel> embedded in a plain third-party page (tests/browser/fixtures/third-party.html)
// with loud styles of its own and the widget's script tag twice: two panels, style isolation
// both ways, the insert event into the host's editor, and customer text never as markup.
import test from 'node:test';
import assert from 'node:assert/strict';
import { suite, watchedPage, SHOTS } from './chromium.mjs';

const { base, browser } = await suite();

const inPanel = (page, id, fn, arg) => page.evaluate(([id, fn, arg]) => new Function('root', 'arg', `return (${fn})(root, arg)`)(document.getElementById(id).shadowRoot, arg), [id, fn.toString(), arg]);

test('two panels on a third-party page, isolated styles, insert into the host editor', async () => {
  const { page, problems } = await watchedPage(browser);
  await page.setViewportSize({ width: 1280, height: 1000 });
  await page.goto(`${base}/tests/browser/fixtures/third-party.html`);
  await page.waitForFunction(() => ['panel', 'second'].every((id) => document.getElementById(id).shadowRoot?.querySelector('.rp-panel')));
  assert.equal(await inPanel(page, 'panel', (r) => r.querySelector('.rp-band').textContent), 'Critical');
  assert.equal(await inPanel(page, 'second', (r) => r.querySelector('.rp-band').textContent), 'Transactional');
  assert.equal(await inPanel(page, 'second', (r) => r.querySelectorAll('.rp-snippet').length), 2, 'the snippets attribute is honoured');
  // registered once although the script came twice
  assert.equal(await page.evaluate(() => customElements.get('rapport-panel').name), 'RapportPanel');
  // the host's loud rules do not reach in ...
  const inside = await inPanel(page, 'panel', (r) => {
    const b = getComputedStyle(r.querySelector('.rp-insert'));
    const p = getComputedStyle(r.querySelector('.rp-panel'));
    return { bg: b.backgroundColor, size: b.fontSize, display: p.display, font: p.fontFamily };
  });
  assert.notEqual(inside.bg, 'rgb(255, 105, 180)');
  assert.notEqual(inside.size, '22px');
  assert.notEqual(inside.display, 'none');
  assert.doesNotMatch(inside.font, /Georgia/);
  // ... and the panel's do not leak out
  assert.equal(await page.evaluate(() => getComputedStyle(document.getElementById('host-button')).backgroundColor), 'rgb(255, 105, 180)');
  assert.equal(await page.evaluate(() => document.querySelectorAll('.rp-panel').length), 0);
  await page.screenshot({ path: new URL('widget-fixture.png', SHOTS).pathname, fullPage: true });
  // Insert: the host gets the event and puts the text in its own editor
  const text = await inPanel(page, 'panel', (r) => r.querySelector('.rp-snippet-text').textContent);
  await page.evaluate(() => document.getElementById('panel').shadowRoot.querySelector('.rp-insert').click());
  await page.waitForFunction(() => window.__inserted);
  assert.equal(await page.inputValue('#editor'), text);
  assert.match(text, /^Hi Kim,/);
  assert.deepEqual(problems, []);
});

test('the ticket as a property: customer text stays text, a bad ticket is an error in the panel', async () => {
  const { page, problems } = await watchedPage(browser);
  await page.goto(`${base}/tests/browser/fixtures/third-party.html`);
  await page.waitForFunction(() => document.getElementById('panel').shadowRoot?.querySelector('.rp-panel'));
  await page.evaluate(() => {
    const p = document.getElementById('panel');
    p.ticket = { id: 'X-1', customer: { name: '<b>Eve</b>' }, messages: [{ from: 'customer', text: 'you charged me twice <img src=x onerror="window.__pwned=1"> <script>window.__pwned=2</script>' }] };
  });
  await page.waitForFunction(() => document.getElementById('panel').assessment?.ticketId === 'X-1');
  assert.equal(await inPanel(page, 'panel', (r) => r.querySelectorAll('img, script, b').length), 0);
  assert.ok((await inPanel(page, 'panel', (r) => r.querySelector('.rp-quote').textContent)).includes('<img src=x'));
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  const error = page.evaluate(() => new Promise((resolve) => document.addEventListener('rapport-error', (e) => resolve(e.detail.message), { once: true })));
  await page.evaluate(() => { document.getElementById('panel').ticket = { id: '', messages: 'nope' }; });
  assert.match(await error, /ticket/);
  assert.match(await inPanel(page, 'panel', (r) => r.querySelector('.rp-status').textContent), /ticket/);
  assert.deepEqual(problems.filter((p) => !/rapport-error|ticket/.test(p)), []);
});

test('ticket A shown, ticket B cannot be assessed: the panel is cleared and A\'s Insert can never emit A\'s text', async () => {
  const { page, problems } = await watchedPage(browser);
  await page.goto(`${base}/tests/browser/fixtures/third-party.html`);
  await page.waitForFunction(() => document.getElementById('panel').assessment?.ticketId === 'A-1');
  const aText = await inPanel(page, 'panel', (r) => r.querySelector('.rp-snippet-text').textContent);
  assert.match(aText, /Kim/);
  // keep a handle on A's Insert button, as a stale handler would
  await page.evaluate(() => {
    window.__inserts = [];
    document.addEventListener('rapport-insert', (e) => window.__inserts.push(e.detail));
    window.__staleInsert = document.getElementById('panel').shadowRoot.querySelector('.rp-insert');
  });
  const failed = page.evaluate(() => new Promise((resolve) => document.addEventListener('rapport-error', (e) => resolve(e.detail.message), { once: true })));
  // an id over 200 characters: the engine refuses this ticket
  await page.evaluate(() => { document.getElementById('panel').ticket = { id: 'B'.repeat(300), customer: { name: 'Bo' }, messages: [{ from: 'customer', text: 'where is my parcel' }] }; });
  assert.match(await failed, /identifier longer than 200/);
  assert.equal(await inPanel(page, 'panel', (r) => r.querySelectorAll('.rp-insert, .rp-snippet, .rp-panel').length), 0, 'nothing of A stays on show');
  assert.equal(await page.evaluate(() => document.getElementById('panel').assessment), null);
  assert.match(await inPanel(page, 'panel', (r) => r.querySelector('.rp-status').textContent), /could not assess this ticket/);
  await page.evaluate(() => window.__staleInsert.click());
  await page.waitForTimeout(100);
  assert.deepEqual(await page.evaluate(() => window.__inserts), [], 'the stale button inserts nothing');
  // a long ticket is read in part, and says so, rather than refused
  await page.evaluate(() => { document.getElementById('panel').ticket = { id: 'C-1', customer: { name: 'Cy' }, messages: [{ from: 'customer', text: 'You sent the wrong item. ' + 'x'.repeat(217000) }] }; });
  await page.waitForFunction(() => document.getElementById('panel').assessment?.ticketId === 'C-1');
  assert.match(await inPanel(page, 'panel', (r) => r.querySelector('.rp-status').textContent), /only the first 200000/);
  // a lone surrogate is read as U+FFFD
  await page.evaluate(() => { document.getElementById('panel').ticket = { id: 'D-1', customer: { name: 'Di' }, messages: [{ from: 'customer', text: 'broken \ud83d lamp' }] }; });
  await page.waitForFunction(() => document.getElementById('panel').assessment?.ticketId === 'D-1');
  // ticket = null clears
  await page.evaluate(() => { document.getElementById('panel').ticket = null; });
  await page.waitForFunction(() => document.getElementById('panel').shadowRoot.querySelector('.rp-status').textContent.includes('waiting'));
  assert.equal(await inPanel(page, 'panel', (r) => r.querySelectorAll('.rp-insert').length), 0);
  assert.deepEqual(problems.filter((p) => !/rapport-error|ticket|identifier/.test(p)), []);
});

test('a ticket and history set before the element is defined are taken up, and assessed once', async () => {
  const { page, problems } = await watchedPage(browser);
  await page.goto(`${base}/tests/browser/fixtures/early-ticket.html`);
  await page.waitForFunction(() => document.getElementById('early').assessment?.ticketId === 'E-1');
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => window.__assessed), 1);
  assert.match(await inPanel(page, 'early', (r) => r.querySelector('.rp-snippet-text')?.textContent ?? ''), /Lee/);
  assert.deepEqual(problems, []);
});
