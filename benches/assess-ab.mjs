// Interleaved A/B of two builds of the package on `assess` latency, one call per ticket with
// the default 5 snippets: both builds in one Node process, rounds alternating which goes first,
// every call timed; prints p50 and p95 of each build and the ratio B ÷ A.
// Usage: node benches/assess-ab.mjs dirA dirB [rounds]   (copies of pkg/ from two versions;
// the workload of snippet-workload.mjs, which needs out/bench/support-corpus.json from `make bench`;
// SNIPPETS=0 to time the judgement without filling snippets)
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as workload from './snippet-workload.mjs';

const dirs = process.argv.slice(2, 4).map((d) => path.resolve(d));
const ROUNDS = Number(process.argv[4] ?? 7);
const mods = [];
for (const d of dirs) mods.push(await import(pathToFileURL(path.join(d, 'rapport_node.js')).href));
const engines = mods.map((m) => { const e = new m.Engine(); e.loadHistory(workload.history()); return e; });
const tickets = workload.tickets(new URL('../out/bench/support-corpus.json', import.meta.url));
const { now } = workload;
const times = engines.map(() => []);
const run = (k) => {
  for (const t of tickets) {
    const s = performance.now();
    engines[k].assess(t, { now, snippets: Number(process.env.SNIPPETS ?? 5) });
    times[k].push(performance.now() - s);
  }
};
run(0); run(1); times[0].length = 0; times[1].length = 0; // warm-up
for (let r = 0; r < ROUNDS; r++) for (const k of (r % 2 ? [0, 1] : [1, 0])) run(k);
const q = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p * s.length))]; };
const stats = times.map((xs) => ({ p50: q(xs, 0.5), p95: q(xs, 0.95) }));
dirs.forEach((d, k) => console.log(`${path.basename(d)}: assess p50 ${(stats[k].p50 * 1000).toFixed(1)} µs, p95 ${(stats[k].p95 * 1000).toFixed(1)} µs over ${times[k].length} calls`));
console.log(`B ÷ A: p50 ${(stats[1].p50 / stats[0].p50).toFixed(2)}×, p95 ${(stats[1].p95 / stats[0].p95).toFixed(2)}×`);
