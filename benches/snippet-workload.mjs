// The workload both snippet benches time (snippets.mjs, snippets-ab.mjs): 500 customers with
// four past tickets and four orders each, and 2,000 open tickets, each a thread of three
// customer messages and an agent reply drawn from the generator's support corpus.
import fs from 'node:fs';

export const now = '2026-11-23T12:00:00Z';
export const TICKETS = 2000;

export function history() {
  const h = { customers: [], tickets: [], orders: [], surveys: [] };
  for (let i = 0; i < 500; i++) {
    h.customers.push({ id: `c${i}`, name: `Customer ${i} Smith`, since: `20${10 + (i % 15)}-0${1 + (i % 9)}-1${i % 10}`, tier: ['gold', 'silver', 'basic'][i % 3], lifetimeValue: (i * 37) % 6000 });
    for (let k = 0; k < 4; k++) {
      h.tickets.push({ id: `h${i}_${k}`, customerId: `c${i}`, createdAt: `2026-${String(1 + ((i + k) % 11)).padStart(2, '0')}-15`, solvedAt: `2026-${String(1 + ((i + k) % 11)).padStart(2, '0')}-16`, subject: ['Late delivery', 'Charged twice', 'Password reset', 'Invoice copy'][k], csat: 1 + ((i + k) % 5), channel: ['email', 'chat'][k % 2] });
      h.orders.push({ id: `o${i}_${k}`, customerId: `c${i}`, at: `2026-0${1 + k}-0${1 + (i % 9)}`, total: 20 + k * 30, items: [['Espresso machine', 'Coffee beans', 'Mug', 'Grinder'][k]] });
    }
  }
  return h;
}

/** The open tickets, from the support corpus at `corpusPath` (a JSON array of texts). */
export function tickets(corpusPath) {
  const texts = JSON.parse(fs.readFileSync(corpusPath, 'utf8'));
  return Array.from({ length: TICKETS }, (_, i) => ({
    id: `t${i}`, channel: 'email', createdAt: '2026-11-22T09:00:00Z', customer: { id: `c${i % 500}` },
    messages: [
      { from: 'customer', text: texts[(3 * i) % texts.length] },
      { from: 'agent', text: 'Thanks for reaching out, I am looking into it.' },
      { from: 'customer', text: texts[(3 * i + 1) % texts.length] },
      { from: 'customer', text: texts[(3 * i + 2) % texts.length] },
    ],
  }));
}
