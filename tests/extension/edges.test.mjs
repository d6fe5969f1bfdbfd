// The extension at its edges, in a browser whose own zone (Asia/Tokyo) is neither UTC nor the
// desks' (America/New_York): FreeScout's zoneless times, osTicket's Redactor editor and Source
// row, and which links the service worker agrees to open for a desk page.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { deskServer, launchWithExtension, snapshotOf, SHOTS } from './harness.mjs';

const server = await deskServer();
const base = `http://127.0.0.1:${server.address().port}`;
const x = await launchWithExtension({ timeZone: 'Asia/Tokyo' });
fs.mkdirSync(SHOTS, { recursive: true });
test.after(async () => { await x.close(); server.close(); });
const NOW = '2026-11-23T09:14:00Z'; // when the host pages were captured

async function openDesk(p) {
  const page = await x.context.newPage();
  await page.goto(base + p);
  return page;
}

async function panel() {
  const p = await x.context.newPage();
  const errors = [];
  p.on('pageerror', (e) => errors.push(e.message));
  p.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await p.setViewportSize({ width: 420, height: 900 });
  await p.goto(`chrome-extension://${x.id}/sidepanel.html?now=${NOW}`);
  return { p, errors };
}

/** The snapshot once `check` holds (the content script re-reads after a settings change). */
async function snapshotWhen(url, check) {
  for (let i = 0; i < 40; i++) {
    const s = await snapshotOf(x.worker, url);
    if (check(s)) return s;
    await new Promise((r) => setTimeout(r, 100));
  }
  return snapshotOf(x.worker, url);
}

test('FreeScout times: the page states no zone, so they are unknown (and said so) rather than read in the browser\'s zone; in the zone the agent gives, they are right whatever the browser\'s', async () => {
  const page = await openDesk('/hosts/freescout/conversation-1.html');
  // the browser really is elsewhere: the old reading would have put 08:12 in Tokyo
  assert.equal(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone), 'Asia/Tokyo');
  assert.equal(await page.evaluate(() => new Date(Date.parse('Nov 16, 2026 08:12')).toISOString()), '2026-11-15T23:12:00.000Z');
  let s = await snapshotOf(x.worker, page.url());
  assert.deepEqual(s.ticket.messages.map((m) => m.at ?? null), [null, null, null, null]);
  assert.equal(s.missing.length, 4);
  assert.match(s.missing[0], /does not say its time zone/);
  assert.equal(s.ticket.createdAt, undefined);
  // the agent's FreeScout profile zone, given in the options page
  const o = await x.context.newPage();
  await o.goto(`chrome-extension://${x.id}/options.html`);
  await o.fill('#zone', 'Not/AZone');
  await o.dispatchEvent('#zone', 'change');
  await o.waitForFunction(() => /not a time zone/.test(document.getElementById('status').textContent));
  await o.fill('#zone', 'America/New_York');
  await o.dispatchEvent('#zone', 'change');
  await o.waitForFunction(() => /read in America\/New_York/.test(document.getElementById('status').textContent));
  s = await snapshotWhen(page.url(), (v) => v?.ticket?.messages[0]?.at);
  // the same story in osTicket, which writes ISO UTC, has the first message at 13:12:44Z
  assert.deepEqual(s.ticket.messages.map((m) => m.at), ['2026-11-16T13:12:00.000Z', '2026-11-18T14:14:00.000Z', '2026-11-18T14:20:00.000Z', '2026-11-22T22:02:00.000Z']);
  assert.equal(s.ticket.createdAt, '2026-11-16T13:12:00.000Z');
  assert.deepEqual(s.missing, []);
  await o.fill('#zone', '');
  await o.dispatchEvent('#zone', 'change');
  await o.waitForFunction(() => /left unknown/.test(document.getElementById('status').textContent));
  await o.close();
  await page.close();
});

test('osTicket: the channel the page shows ("Source: Email") is read; Insert goes into Redactor\'s empty paragraph, no blank line above it, and the caret ends inside the last block', async () => {
  const desk = await openDesk('/hosts/osticket/ticket-189325.html');
  await desk.setViewportSize({ width: 1280, height: 900 });
  const s = await snapshotOf(x.worker, desk.url());
  assert.equal(s.ticket.channel, 'email');
  // the times osTicket states (ISO with an offset) do not depend on any zone
  assert.equal(s.ticket.messages[0].at, '2026-11-18T00:40:02.000Z');
  assert.equal(await desk.evaluate(() => document.querySelector('form#reply .redactor-in').innerHTML), '<p></p>');
  await desk.bringToFront();
  const { p, errors } = await panel();
  await p.waitForSelector('.rp-insert');
  assert.match(await p.textContent('.rp-channel'), /email/i);
  const text = await p.textContent('.rp-snippet:first-child .rp-snippet-text');
  await p.click('.rp-snippet:first-child .rp-insert');
  await p.waitForFunction(() => /Inserted/.test(document.getElementById('status').textContent));
  const ed = await desk.evaluate(() => {
    const el = document.querySelector('form#reply .redactor-in');
    const sel = document.getSelection();
    const at = sel.anchorNode?.nodeType === 3 ? sel.anchorNode.parentElement : sel.anchorNode;
    return {
      blocks: [...el.children].map((c) => [c.tagName, c.textContent]),
      loose: [...el.childNodes].filter((n) => n.nodeType === 3 && n.nodeValue.trim()).length,
      caretInLast: !!at && at !== el && el.lastElementChild.contains(at),
      caretAtEnd: sel.isCollapsed && sel.anchorOffset === (sel.anchorNode.nodeType === 3 ? sel.anchorNode.length : sel.anchorNode.childNodes.length),
      source: document.querySelector('form#reply textarea#response').value,
    };
  });
  await desk.screenshot({ path: path.join(SHOTS, 'extension-osticket-redactor-insert.png') });
  assert.equal(ed.loose, 0, `text outside any paragraph: ${JSON.stringify(ed.blocks)}`);
  assert.equal(ed.blocks[0][0], 'P');
  assert.equal(ed.blocks[0][1], text.split('\n')[0], `the greeting is the first paragraph: ${JSON.stringify(ed.blocks)}`);
  assert.ok(ed.caretInLast && ed.caretAtEnd, `caret: ${JSON.stringify(ed)}`);
  assert.match(ed.source, /^<p>Hi Brandon,/);
  assert.deepEqual(errors, []);
  await p.close();
  await desk.close();
});

test('queue links: the worker opens only an http(s) link of the desk\'s own origin that the page lists, asked by the panel; chrome://, file://, javascript: and another site are refused', async () => {
  const desk = await openDesk('/hosts/osticket/queue-open.html');
  const s = await snapshotOf(x.worker, desk.url());
  const link = s.queue[1].url;
  assert.ok(link.startsWith(`${base}/`), link);
  const { p } = await panel();
  const tabId = await x.worker.evaluate(async (url) => (await chrome.tabs.query({ url }))[0].id, desk.url());
  const open = (url) => p.evaluate(([tabId, url]) => chrome.runtime.sendMessage({ type: 'open', tabId, url }), [tabId, url]);
  for (const url of ['chrome://settings', 'file:///etc/passwd', 'javascript:alert(1)', 'https://evil.example/scp/tickets.php?id=2',
    `http://localhost:${server.address().port}/hosts/osticket/ticket-189325.html`, `${base}/hosts/osticket/ticket-774951.html?not=listed`]) {
    const r = await open(url);
    assert.equal(r.ok, false, url);
    assert.match(r.reason, /only links the help desk page itself lists/, url);
  }
  await p.waitForTimeout(200);
  assert.equal(desk.url(), `${base}/hosts/osticket/queue-open.html`, 'the desk tab stayed where it was');
  // a page's own scripts cannot ask at all, and neither can a page of another extension
  assert.equal(await desk.evaluate(() => typeof globalThis.chrome?.runtime?.sendMessage), 'undefined');
  // the listed link of the desk's own origin opens, in the desk's tab
  assert.deepEqual(await open(link), { ok: true });
  await desk.waitForURL(link);
  await p.close();
  await desk.close();
});
