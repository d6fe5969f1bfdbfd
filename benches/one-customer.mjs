// One large customer in Node (a B2B account, a marketplace relay address): 20,000 tickets,
// 20,000 orders and 5,000 surveys on one customer, loaded as JSON text, then `assess` of
// tickets from that customer. Budgets (issue 15): load ≤ 1 s, assess median ≤ 5 ms.
// Usage: node benches/one-customer.mjs [--write]   (after make pkg; make bench-history runs it)
import { writeSection, BENCH_HISTORY } from './section.mjs';
import { Engine } from '../pkg/rapport_node.js';

const RUNS = Number(process.env.RUNS ?? 5);
const DAY = 86_400_000;
const NOW = Date.parse('2026-11-23T12:00:00Z');
const iso = (ms) => new Date(ms).toISOString().slice(0, 19) + 'Z';
const channels = ['email', 'chat', 'phone', 'web'];
const subjects = ['Invoice question', 'Delivery late', 'Refund for order', 'Password reset', 'Damaged item'];
// tickets over the last three years, newest first as help-desk exports list them
const tickets = Array.from({ length: 20_000 }, (_, i) => ({
  id: `T${i}`, customerId: 'acme', createdAt: iso(NOW - Math.floor(i * 1095 / 20_000) * DAY - (i % 7) * 3_600_000),
  solvedAt: iso(NOW - Math.floor(i * 1095 / 20_000) * DAY + 7_200_000), channel: channels[i % 4],
  subject: subjects[i % 5], csat: i % 3 ? undefined : 1 + (i % 5),
}));
const orders = Array.from({ length: 20_000 }, (_, i) => ({
  id: `O${i}`, customerId: 'acme', at: iso(NOW - ((i * 7919) % 1095) * DAY), total: 10 + (i % 90), currency: 'EUR', items: ['Widget'],
}));
const surveys = Array.from({ length: 5_000 }, (_, i) => ({
  customerId: 'acme', at: iso(NOW - i * 5 * 3_600_000), kind: i % 2 ? 'nps' : 'csat', score: i % 2 ? i % 11 : 1 + (i % 5),
}));
const text = JSON.stringify({ customers: [{ id: 'acme', email: 'desk@acme.example', name: 'Acme Ltd', since: '2015-01-01' }], tickets, orders, surveys });

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const loads = [];
let engine;
for (let i = 0; i < RUNS; i++) {
  engine?.free();
  engine = new Engine();
  const t0 = performance.now();
  const r = engine.loadHistoryText(text);
  loads.push(performance.now() - t0);
  if (r.rejected.length) throw new Error(`rejected: ${JSON.stringify(r.rejected.slice(0, 3))}`);
}
const ticket = (i) => ({
  id: `open-${i}`, subject: subjects[i % 5], channel: 'email', customer: { id: 'acme' },
  messages: [{ from: 'customer', text: 'The invoice for my last order is wrong again, please fix it.' }],
});
const times = [];
for (let i = 0; i < 200; i++) {
  const t0 = performance.now();
  engine.assess(ticket(i), { now: NOW });
  times.push(performance.now() - t0);
}
const a = engine.assess(ticket(0), { now: NOW });
const row = `| one customer: 20,000 tickets, 20,000 orders, 5,000 surveys (Node ${process.versions.node}) | load JSON ${median(loads).toFixed(0)} ms (budget ≤ 1,000) | assess median ${median(times).toFixed(2)} ms, p95 ${[...times].sort((x, y) => x - y)[190].toFixed(2)} ms (budget ≤ 5) | ${a.customer.contacts30dCount} contacts in 30 days, ${a.customer.sameTopicCount} on the same topic (the latest ${a.customer.contacts30d.length} of each listed) |`;
const lines = ['', '### One large customer in Node (median of ' + RUNS + ' loads, 200 assess calls)', '', '| history | load | assess | facts read |', '| --- | ---: | ---: | --- |', row];
console.log(lines.join('\n'));
if (process.argv.includes('--write')) writeSection(BENCH_HISTORY, 'one-customer', lines);
