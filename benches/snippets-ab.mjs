// Interleaved A/B of two builds of the package on what filling snippets costs: both builds are
// loaded into one Node process, and each round times `snippets: 0` and `snippets: 5` on one
// build then the other (the order alternates), so drift in the machine's speed falls on both.
// Usage: node benches/snippets-ab.mjs dirA dirB [rounds]   (dirA/dirB: copies of pkg/ built
// from two versions; MODE=queue for assessQueue; MIN=1 to compare the fastest runs instead of
// the medians). Tickets as benches/snippets.mjs builds them.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const dirs = process.argv.slice(2, 4).map((d) => path.resolve(d));
const ROUNDS = Number(process.argv[4] ?? 9);
const mods = [];
for (const d of dirs) mods.push(await import(pathToFileURL(path.join(d, 'rapport_node.js')).href));
const history = { customers: [], tickets: [], orders: [], surveys: [] };
for (let i = 0; i < 500; i++) {
  history.customers.push({ id: `c${i}`, name: `Customer ${i} Smith`, since: `20${10 + (i % 15)}-0${1 + (i % 9)}-1${i % 10}`, tier: ['gold', 'silver', 'basic'][i % 3], lifetimeValue: (i * 37) % 6000 });
  for (let k = 0; k < 4; k++) {
    history.tickets.push({ id: `h${i}_${k}`, customerId: `c${i}`, createdAt: `2026-${String(1 + ((i + k) % 11)).padStart(2, '0')}-15`, solvedAt: `2026-${String(1 + ((i + k) % 11)).padStart(2, '0')}-16`, subject: ['Late delivery', 'Charged twice', 'Password reset', 'Invoice copy'][k], csat: 1 + ((i + k) % 5), channel: ['email', 'chat'][k % 2] });
    history.orders.push({ id: `o${i}_${k}`, customerId: `c${i}`, at: `2026-0${1 + k}-0${1 + (i % 9)}`, total: 20 + k * 30, items: [['Espresso machine', 'Coffee beans', 'Mug', 'Grinder'][k]] });
  }
}
const engines = mods.map((m) => { const e = new m.Engine(); e.loadHistory(history); return e; });
const texts = JSON.parse(fs.readFileSync(new URL('../out/bench/support-corpus.json', import.meta.url), 'utf8'));
const tickets = Array.from({ length: 2000 }, (_, i) => ({
  id: `t${i}`, channel: 'email', createdAt: '2026-11-22T09:00:00Z', customer: { id: `c${i % 500}` },
  messages: [
    { from: 'customer', text: texts[(3 * i) % texts.length] },
    { from: 'agent', text: 'Thanks for reaching out, I am looking into it.' },
    { from: 'customer', text: texts[(3 * i + 1) % texts.length] },
    { from: 'customer', text: texts[(3 * i + 2) % texts.length] },
  ],
}));
const now = '2026-11-23T12:00:00Z';
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
  console.log(`${mode} ${d}: ${(a * 1000 / tickets.length).toFixed(1)} -> ${(b * 1000 / tickets.length).toFixed(1)} µs per ticket, +${((b / a - 1) * 100).toFixed(1)}% (median of the rounds' ratios ${(med(ratios) * 100).toFixed(1)}%)`);
});
