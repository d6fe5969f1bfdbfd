// The extension (test build, out/extension-test/) in headless Chromium from Debian's package:
// launchPersistentContext with --load-extension, a local server for the desks' pages (the real
// osTicket and FreeScout pages in tests/hosts/, our fixtures for the SaaS desks), and a
// record of every request that leaves 127.0.0.1.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM } from '../browser/chromium.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
export const EXTENSION = path.resolve(here, '../../out/extension-test');
export const HOSTS = path.resolve(here, '../hosts');
export const SHOTS = path.resolve(here, '../../out/screenshots');

// paths shaped like the desks' own, so URL-based ids work
const ROUTES = [
  [/^\/hosts\/(.+)$/, (m) => path.join(HOSTS, m[1])],
  // where osTicket's queue links lead (tickets.php?id=…): a ticket page of it
  [/^\/scp\/tickets\.php$/, () => path.join(HOSTS, 'osticket/ticket-189325.html')],
  [/^\/conversation\/\d+\/\d+/, () => path.join(here, 'fixtures/helpscout.html')],
  [/^\/app\/accounts\/\d+\/conversations\/\d+/, () => path.join(here, 'fixtures/chatwoot.html')],
  [/^\/agent\/tickets\/\d+/, () => path.join(here, 'fixtures/zendesk.html')],
  [/^\/a\/tickets\/\d+/, () => path.join(here, 'fixtures/freshdesk.html')],
  [/^\/fixtures\/([\w.-]+)$/, (m) => path.join(here, 'fixtures', m[1])],
];

export function deskServer() {
  const server = http.createServer((req, res) => {
    const p = new URL(req.url, 'http://127.0.0.1').pathname;
    for (const [re, file] of ROUTES) {
      const m = re.exec(p);
      if (!m) continue;
      const f = path.normalize(file(m));
      if (fs.existsSync(f) && fs.statSync(f).isFile()) {
        res.writeHead(200, { 'content-type': f.endsWith('.html') ? 'text/html; charset=utf-8' : 'application/octet-stream' });
        return res.end(fs.readFileSync(f));
      }
    }
    res.writeHead(404);
    res.end();
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** `timeZone`: the browser's own zone (IANA), for pages and content scripts alike. */
export async function launchWithExtension({ timeZone } = {}) {
  if (!fs.existsSync(path.join(EXTENSION, 'manifest.json'))) throw new Error('build the test extension first: node scripts/build-extension.mjs --test-hosts');
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-ext-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    ignoreDefaultArgs: ['--disable-extensions', '--disable-component-extensions-with-background-pages'],
    args: [`--disable-extensions-except=${EXTENSION}`, `--load-extension=${EXTENSION}`, '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
      '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1280, height: 900 },
    ...(timeZone ? { timezoneId: timeZone, env: { ...process.env, TZ: timeZone } } : {}),
  });
  const left = [];
  context.on('request', (r) => {
    const u = new URL(r.url());
    if (!['127.0.0.1'].includes(u.hostname) && !['chrome-extension:', 'data:', 'blob:'].includes(u.protocol)) left.push(r.url());
  });
  let [worker] = context.serviceWorkers();
  worker ??= await context.waitForEvent('serviceworker');
  const id = new URL(worker.url()).host;
  return { context, worker, id, left, close: async () => { await context.close(); fs.rmSync(profile, { recursive: true, force: true }); } };
}

/** What the content script reads on the tab showing `url` (asked through the service worker). */
export async function snapshotOf(worker, url) {
  return worker.evaluate(async (url) => {
    for (let i = 0; i < 50; i++) {
      const [tab] = await chrome.tabs.query({ url });
      if (tab) {
        const s = await chrome.tabs.sendMessage(tab.id, { type: 'snapshot' }).catch(() => null);
        if (s) return s;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    return null;
  }, url);
}
