// Cold start of the demo help desk in headless Chromium: from navigation to the first scored
// queue (30 tickets against 60 customers), in a fresh browser context each run (no cache).
// Prints the median and spread of RUNS runs, and where the time goes, from the page's marks.
// Usage (after `make pkg`): node benches/cold-start.mjs [--write]
import { writeSection, BENCH } from './section.mjs';
import { spawn } from 'node:child_process';
import { launch } from '../tests/browser/chromium.mjs';

const RUNS = Number(process.env.RUNS ?? 9);
// The page is served as `make demo` serves it: scripts/serve.mjs in a process of its own (in
// this one, Playwright's traffic held up its replies by tens of milliseconds).
const server = spawn(process.execPath, [new URL('../scripts/serve.mjs', import.meta.url).pathname], { env: { ...process.env, PORT: '0' }, stdio: ['ignore', 'pipe', 'inherit'] });
const url = await new Promise((resolve, reject) => {
  server.stdout.on('data', (d) => { const m = /http:\/\/127\.0\.0\.1:\d+\/www\//.exec(String(d)); if (m) resolve(m[0]); });
  server.on('exit', (code) => reject(new Error(`serve.mjs exited (${code})`)));
});
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
server.kill();
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
if (process.argv.includes('--write')) writeSection(BENCH, 'cold-start', lines);
