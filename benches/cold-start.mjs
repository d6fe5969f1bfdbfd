// Cold start of the demo help desk in headless Chromium: from navigation to the first scored
// queue (30 tickets against 60 customers), in a fresh browser context each run (no cache).
// Prints the median and spread of RUNS runs, and where the time goes, from the page's marks.
// Usage (after `make pkg`): node benches/cold-start.mjs [--write]
import fs from 'node:fs';
import { serve } from '../scripts/serve.mjs';
import { launch } from '../tests/browser/chromium.mjs';

const RUNS = Number(process.env.RUNS ?? 9);
const server = await serve(0);
const url = `http://127.0.0.1:${server.address().port}/www/`;
const browser = await launch();
const marks = ['domContentLoaded', 'rapport-start', 'rapport-engine-ready', 'rapport-inputs-ready', 'rapport-engine-built', 'rapport-history-loaded', 'rapport-queue-assessed', 'rapport-queue-scored'];
const runs = [];
for (let i = 0; i < RUNS + 1; i++) {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await page.goto(url);
  await page.waitForFunction(() => document.documentElement.dataset.queueScoredMs);
  const m = await page.evaluate((names) => Object.fromEntries(names.map((n) => [n, n === 'domContentLoaded'
    ? performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd
    : performance.getEntriesByName(n)[0]?.startTime])), marks);
  if (i > 0) runs.push(m); // the first run warms the server and the disk cache
  await ctx.close();
}
await browser.close();
server.close();
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const lines = [
  `### Cold start of the demo desk (headless Chromium ${browser.version?.() ?? ''}, fresh context per run, median of ${RUNS})`,
  '',
  '| from navigation to | median ms | min–max ms |',
  '| --- | ---: | ---: |',
  ...marks.map((n) => {
    const xs = runs.map((r) => r[n]);
    return `| ${n} | ${median(xs).toFixed(0)} | ${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)} |`;
  }),
  '',
  `First scored queue: ${median(runs.map((r) => r['rapport-queue-scored'])).toFixed(0)} ms (budget ≤ 200 ms, stretch ≤ 50 ms).`,
];
console.log(lines.join('\n'));
if (process.argv.includes('--write')) fs.appendFileSync(new URL('../BENCHMARKS.md', import.meta.url), '\n' + lines.join('\n') + '\n');
