// Headless Chromium from Debian's package, driven by playwright-core (no browser download).
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import test from 'node:test';
import { serve } from '../../scripts/serve.mjs';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p));

export function launch() {
  if (!CHROMIUM) throw new Error('Chromium not found: run scripts/bootstrap.sh (apt package chromium)');
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A page that records console errors, page errors and every request that is not to 127.0.0.1. */
export async function watchedPage(browser) {
  const page = await browser.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (!['127.0.0.1'].includes(u.hostname) && u.protocol !== 'data:' && u.protocol !== 'blob:') problems.push(`request left the machine: ${r.url()}`);
  });
  return { page, problems };
}

/** Where tests save screenshots (git-ignored). */
export const SHOTS = new URL('../../out/screenshots/', import.meta.url);

/** One suite's fixture: the repository served on 127.0.0.1 and one browser, both closed after
 * the suite's tests. */
export async function suite() {
  fs.mkdirSync(SHOTS, { recursive: true });
  const server = await serve(0);
  const browser = await launch();
  test.after(async () => { await browser.close(); server.close(); });
  return { base: `http://127.0.0.1:${server.address().port}`, browser };
}
