// Interleaved A/B of the cold start of two versions of the demo page: both are served by one
// scripts/serve.mjs process and loaded alternately (ABBA…), each in a fresh browser context, so
// the machine's drift falls on both alike. Prints the medians of the page's marks.
// Usage (after `make pkg`): copy a variant beside www/index.html (say www/variant.html, with its
// own script if it differs), then  node benches/cold-start-ab.mjs index.html variant.html [pairs]
import { spawn } from 'node:child_process';
import { launch } from '../tests/browser/chromium.mjs';

const [a, b] = [process.argv[2], process.argv[3]];
if (!a || !b) throw new Error('usage: node benches/cold-start-ab.mjs pageA.html pageB.html [pairs]');
const PAIRS = Number(process.argv[4] ?? 12);
const MARKS = ['rapport-start', 'rapport-engine-ready', 'rapport-inputs-ready', 'rapport-engine-built', 'rapport-history-loaded', 'rapport-queue-assessed', 'rapport-queue-scored'];
const server = spawn(process.execPath, [new URL('../scripts/serve.mjs', import.meta.url).pathname], { env: { ...process.env, PORT: '0' }, stdio: ['ignore', 'pipe', 'inherit'] });
const base = await new Promise((resolve, reject) => {
  server.stdout.on('data', (d) => { const m = /http:\/\/127\.0\.0\.1:\d+\/www\//.exec(String(d)); if (m) resolve(m[0]); });
  server.on('exit', (code) => reject(new Error(`serve.mjs exited (${code})`)));
});
const browser = await launch();
async function once(page) {
  const ctx = await browser.newContext();
  const tab = await ctx.newPage();
  await tab.goto(base + page);
  await tab.waitForFunction(() => document.documentElement.dataset.queueScoredMs);
  const marks = await tab.evaluate((names) => Object.fromEntries(names.map((n) => [n, performance.getEntriesByName(n)[0]?.startTime])), MARKS);
  await ctx.close();
  return marks;
}
const runs = { [a]: [], [b]: [] };
await once(a); await once(b); // warm the server and the disk cache
for (let i = 0; i < PAIRS; i++) for (const p of (i % 2 ? [a, b] : [b, a])) runs[p].push(await once(p));
await browser.close();
server.kill();
const median = (xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
for (const p of [a, b]) {
  console.log(`${p}: ${MARKS.map((m) => `${m.replace('rapport-', '')} ${median(runs[p].map((r) => r[m])).toFixed(0)}`).join(' | ')}`);
  console.log(`  first scored queue, each run: ${runs[p].map((r) => r['rapport-queue-scored'].toFixed(0)).join(' ')}`);
}
