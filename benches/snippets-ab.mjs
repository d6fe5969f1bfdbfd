// Interleaved A/B of two builds of the package on what filling snippets costs: both builds are
// loaded into one Node process, and each round times `snippets: 0` and `snippets: 5` on one
// build then the other (the order alternates), so drift in the machine's speed falls on both.
// Usage: node benches/snippets-ab.mjs dirA dirB [rounds]   (dirA/dirB: copies of pkg/ built
// from two versions; MODE=queue for assessQueue; MIN=1 to compare the fastest runs instead of
// the medians). The workload of snippet-workload.mjs.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as workload from './snippet-workload.mjs';

const dirs = process.argv.slice(2, 4).map((d) => path.resolve(d));
const ROUNDS = Number(process.argv[4] ?? 9);
const mods = [];
for (const d of dirs) mods.push(await import(pathToFileURL(path.join(d, 'rapport_node.js')).href));
const engines = mods.map((m) => { const e = new m.Engine(); e.loadHistory(workload.history()); return e; });
const tickets = workload.tickets(new URL('../out/bench/support-corpus.json', import.meta.url));
const { now } = workload;
const mode = process.env.MODE ?? 'call';
const run = (e, n) => {
  const s = performance.now();
  if (mode === 'call') for (const t of tickets) e.assess(t, { now, snippets: n });
  else e.assessQueue(tickets, { now, snippets: n });
  return performance.now() - s;
};
const res = engines.map(() => ({ 0: [], 5: [] }));
for (const e of engines) { run(e, 0); run(e, 5); }
for (let r = 0; r < ROUNDS; r++) for (const k of (r % 2 ? [0, 1] : [1, 0])) for (const n of [0, 5]) res[k][n].push(run(engines[k], n));
const med = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const pick = process.env.MIN ? (xs) => Math.min(...xs) : med;
dirs.forEach((d, k) => {
  const a = pick(res[k][0]), b = pick(res[k][5]);
  const ratios = res[k][0].map((x, i) => res[k][5][i] / x - 1);
  console.log(`${mode} ${d}: ${(a * 1000 / workload.TICKETS).toFixed(1)} -> ${(b * 1000 / workload.TICKETS).toFixed(1)} µs per ticket, +${((b / a - 1) * 100).toFixed(1)}% (median of the rounds' ratios ${(med(ratios) * 100).toFixed(1)}%)`);
});
