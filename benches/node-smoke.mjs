// Quick timings of the packed package in Node (run after `make test-node`):
//   node benches/node-smoke.mjs
// new Engine, assess p50/p95 over 2,000 tickets against 50 customers × 20 tickets, a
// 1,000-ticket assessQueue, and analyzeText on a ~200 KB pasted text.
import { importRapport } from '../tests/node/harness.mjs';
const { Engine } = await importRapport();
let t0 = performance.now(); const e = new Engine(); const tNew = performance.now() - t0;
const tk = (i) => ({ id: 't' + i, customer: { id: 'c' + (i % 50) }, messages: [{ from: 'customer', text: 'This is the third time I write, you charged me twice for order ' + i + ' and nobody answered!!!' }, { from: 'agent', text: 'Sorry' }, { from: 'customer', text: 'Still waiting. Thanks for nothing.' }] });
const hist = { customers: [], tickets: [], orders: [] };
for (let i = 0; i < 50; i++) {
  hist.customers.push({ id: 'c' + i, since: '2020-01-01', tier: 'gold' });
  for (let k = 0; k < 20; k++) {
    hist.tickets.push({ id: `h${i}_${k}`, customerId: 'c' + i, createdAt: '2026-0' + (1 + k % 9) + '-10', subject: 'Late delivery of my parcel', csat: 1 + k % 5 });
    hist.orders.push({ id: `o${i}_${k}`, customerId: 'c' + i, at: '2026-01-01', total: 50 });
  }
}
e.loadHistory(hist);
const times = [];
for (let i = 0; i < 2000; i++) { const s = performance.now(); e.assess(tk(i), { now: '2026-11-23T12:00:00Z' }); times.push(performance.now() - s); }
times.sort((a, b) => a - b);
const q = Array.from({ length: 1000 }, (_, i) => tk(i));
t0 = performance.now(); e.assessQueue(q, { now: '2026-11-23T12:00:00Z' }); const tq = performance.now() - t0;
const big = 'You charged me twice and I am furious. '.repeat(5000);
t0 = performance.now(); e.analyzeText(big); const tb = performance.now() - t0;
console.log(`new Engine ${tNew.toFixed(1)} ms; assess p50 ${times[1000].toFixed(3)} ms, p95 ${times[1900].toFixed(3)} ms; assessQueue(1000) ${tq.toFixed(0)} ms; analyzeText(${big.length} chars) ${tb.toFixed(0)} ms`);
