// What filling snippets costs: assessQueue and assess over the same tickets with `snippets: 0`
// and with the default 5, in alternating rounds after a warm-up, on the workload of
// snippet-workload.mjs.
// Usage (after `make pkg` and the generator): node benches/snippets.mjs out/bench/support-corpus.json
import { writeSection, BENCH } from './section.mjs';
import { importRapport } from '../tests/node/harness.mjs';
import * as workload from './snippet-workload.mjs';

const RUNS = Number(process.env.RUNS ?? 11);
const corpus = process.argv.find((a) => a.endsWith('.json')) ?? 'out/bench/support-corpus.json';
// packs and installs the package once, here; the processes below import it as installed
const { Engine } = await importRapport();
const { now } = workload;
// The two settings are timed in alternating rounds (0 then 5, 5 then 0, …) after a warm-up, so
// that drift in the machine's speed falls on both alike; each round also gives a ratio.
function paired(run) {
  run(0);
  run(5);
  const t = { 0: [], 5: [] };
  for (let r = 0; r < RUNS; r++) {
    for (const n of r % 2 ? [5, 0] : [0, 5]) {
      const s = performance.now();
      run(n);
      t[n].push(performance.now() - s);
    }
  }
  const ratios = t[0].map((x, i) => t[5][i] / x);
  return { without: stats(t[0]), withFive: stats(t[5]), ratio: stats(ratios).med };
}
function stats(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return { med: s[Math.floor(s.length / 2)], min: s[0], max: s[s.length - 1] };
}
// Two ways of calling: the whole queue in one batch, and one `assess` per ticket (what the
// ticket view does when the agent opens a ticket, the moment snippets are shown).
const modes = [
  ['assessQueue (one batch)', (e, tickets, n) => e.assessQueue(tickets, { now, snippets: n })],
  ['assess (one call per ticket)', (e, tickets, n) => { for (const t of tickets) e.assess(t, { now, snippets: n }); }],
];
// Each way of calling runs in a Node process of its own: after a 2,000-ticket batch the same
// process's per-call figures came out a few points worse (the heaps the batch left behind),
// which says more about the order of the bench than about either call.
const only = process.argv.indexOf('--mode');
if (only > 0) {
  const [, run] = modes[Number(process.argv[only + 1])];
  const e = new Engine();
  e.loadHistory(workload.history());
  const tickets = workload.tickets(corpus);
  console.log(JSON.stringify(paired((n) => run(e, tickets, n))));
  process.exit(0);
}
const { execFileSync } = await import('node:child_process');
const lines = [
  `### Filling snippets (${workload.TICKETS} tickets against 500 customers, ${RUNS} alternating rounds, each call in a fresh process)`,
  '',
  '| call | snippets: 0, ms | snippets: 5, ms | µs per ticket (0 → 5) | added by snippets (median of the rounds\' ratios) |',
  '| --- | ---: | ---: | ---: | ---: |',
];
modes.forEach(([name], k) => {
  const out = execFileSync(process.execPath, [new URL(import.meta.url).pathname, corpus, '--mode', String(k)], { encoding: 'utf8', env: { ...process.env, RAPPORT_PACKED_READY: '1' } });
  const { without, withFive, ratio } = JSON.parse(out.trim().split('\n').pop());
  const per = (x) => (x.med * 1000 / workload.TICKETS).toFixed(1);
  lines.push(`| ${name} | ${without.med.toFixed(1)} (${without.min.toFixed(1)}–${without.max.toFixed(1)}) | ${withFive.med.toFixed(1)} (${withFive.min.toFixed(1)}–${withFive.max.toFixed(1)}) | ${per(without)} → ${per(withFive)} | ${((ratio - 1) * 100).toFixed(1)}% |`);
});
lines.push('', 'Budget: filling the top 5 snippets adds ≤ 20% to assess time.');
console.log(lines.join('\n'));
if (process.argv.includes('--write')) writeSection(BENCH, 'snippets', lines);
