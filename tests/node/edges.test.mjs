// The engine's edges in JS (issue 15): non-strings where text is expected, limits checked
// before a large input is copied into the engine, and a `now` that is not a moment.
import test from 'node:test';
import assert from 'node:assert/strict';
import { importRapport } from './harness.mjs';

const { Engine, initSync } = await importRapport();
const ticket = (extra = {}) => ({ id: 'T', customer: {}, messages: [{ from: 'customer', text: 'Where is my parcel?' }], ...extra });

test('a value that is not a string is refused by name, and the engine carries on', () => {
  const e = new Engine();
  const bytes = new Uint8Array(1 << 20).fill(65);
  const calls = [
    [() => e.importCsv('tickets', bytes), /text: expected a string, got object/],
    [() => e.importCsv(7, 'a,b\n'), /kind: expected a string, got number/],
    // a chunk is a string or a file's bytes (Uint8Array), nothing else
    [() => e.importCsvChunk('tickets', new Uint16Array(8)), /chunk: expected a string or a Uint8Array, got object/],
    [() => e.importCsvChunk('tickets', undefined), /chunk: expected a string or a Uint8Array, got undefined/],
    [() => e.loadHistoryChunk({ customers: [] }), /chunk: expected a string or a Uint8Array, got object/],
    [() => e.loadHistoryText(null), /text: expected a string, got null/],
    [() => e.loadHistoryText(12), /text: expected a string, got number/],
  ];
  for (const [call, message] of calls) assert.throws(call, message);
  // nothing was left half-done or broken: normal calls still answer
  assert.equal(e.loadHistoryText('{"customers": [{"id": "c1"}]}').added.customers, 1);
  assert.equal(e.assess(ticket(), { now: '2026-11-23T12:00:00Z' }).ticketId, 'T');
});

test('chunks refused (not a string nor a Uint8Array) do not pile up in the engine', () => {
  const e = new Engine();
  const memory = () => initSync().memory.buffer.byteLength;
  const before = memory();
  const chunk = new Uint16Array(1 << 19).fill(65);
  for (let i = 0; i < 200; i++) assert.throws(() => e.importCsvChunk('tickets', chunk), /expected a string or a Uint8Array/);
  assert.ok(memory() - before < 16 << 20, `wasm memory grew by ${(memory() - before) >> 20} MB`);
});

test('a 100 MB message is cut before it crosses: memory stays small and the cut is said', () => {
  const e = new Engine();
  const memory = () => initSync().memory.buffer.byteLength;
  const before = memory();
  const long = 'You charged me twice. ' + 'x'.repeat(100e6);
  const a = e.assess(ticket({ messages: [{ from: 'customer', text: long }] }), { now: '2026-11-23T12:00:00Z' });
  assert.equal(a.truncated.length, 1, JSON.stringify(a.truncated));
  assert.ok(memory() - before < 32 << 20, `wasm memory grew by ${(memory() - before) >> 20} MB`);
});

test('a million-message ticket is refused before it is copied, in a queue too', () => {
  const e = new Engine();
  const messages = Array.from({ length: 1e6 }, () => ({ from: 'customer', text: 'hi' }));
  assert.throws(() => e.assess(ticket({ messages })), /ticket: a thread of 1000000 messages/);
  // in a queue, in its place: the other tickets are assessed (the whole queue used to throw)
  const deep = JSON.parse('['.repeat(200) + ']'.repeat(200));
  const q = e.assessQueue([ticket(), ticket({ id: 'long', messages }), ticket({ id: 9, meta: deep }), ticket()], { now: '2026-11-23T12:00:00Z' });
  assert.deepEqual(q.map((a) => a.band ?? a.index), ['transactional', 1, 2, 'transactional']);
  assert.equal(q[1].ticketId, 'long');
  assert.match(q[1].error, /^tickets\[1\]\.messages: a thread of 1000000 messages/);
  assert.equal(q[2].ticketId, '9');
  assert.match(q[2].error, /^tickets\[2\]: cannot be read as JSON \(recursion limit/);
  // 5,200 messages are still assessed on the latest 5,000
  const some = Array.from({ length: 5200 }, () => ({ from: 'customer', text: 'hi' }));
  assert.match(e.assess(ticket({ messages: some }), { now: '2026-11-23T12:00:00Z' }).truncated[0], /5200 messages/);
});

test('now of NaN or Infinity is refused naming options.now, not replaced by the clock', () => {
  const e = new Engine();
  for (const now of [NaN, Infinity, -Infinity, null]) {
    assert.throws(() => e.assess(ticket(), { now }), /options\.now: /, String(now));
    assert.throws(() => e.assessQueue([ticket()], { now }), /options\.now: /, String(now));
  }
  assert.equal(e.assess(ticket(), { now: 1795000000000 }).ticketId, 'T');
});

test('a history object loads the same whatever its keys\u2019 order: customers are read first', () => {
  // two people on one inbox; the son's order named before the customers list (a hostile read:
  // it was filed under his mother, and her ticket named his laptop)
  const orders = [{ id: 'o1', customerId: 'mum', customerEmail: 'home@example.com', at: '2026-10-01', total: 10, items: ['Tea'] },
    { id: 'o2', customerId: 'son', customerEmail: 'home@example.com', at: '2026-11-01', total: 999, items: ['Gaming laptop'] }];
  const customers = [{ id: 'mum', email: 'home@example.com' }, { id: 'son', email: 'home@example.com' }];
  const mum = { id: 'M', customer: { id: 'mum', email: 'home@example.com' }, messages: [{ from: 'customer', text: 'Where is my parcel?' }] };
  const now = '2026-11-23T12:00:00Z';
  for (const history of [{ orders, customers }, { customers, orders }]) {
    const e = new Engine();
    const r = e.loadHistory(history);
    assert.equal(r.added.orders, 2);
    assert.deepEqual(r.conflicts.filter((x) => /is unknown/.test(x)), [], JSON.stringify(r.conflicts));
    assert.equal(e.assess(mum, { now }).customer.lastOrder.id, 'o1', Object.keys(history).join());
    assert.equal(e.assess({ ...mum, customer: { id: 'son' } }, { now }).customer.lastOrder.id, 'o2');
  }
});

test('reading customers first keeps every other key, so an unknown one is still refused', () => {
  const e = new Engine();
  // JSON.parse makes "__proto__" an own key; copying it with Object.assign had dropped it
  assert.throws(() => e.loadHistory(JSON.parse('{"orders": [], "__proto__": [], "customers": []}')), /__proto__/);
  assert.throws(() => e.loadHistory({ customers: [], clients: [] }), /clients/);
});

test('an address two customers gave finds the later once the first moved away: Bob is not shown Ann', () => {
  // the shop's shared inbox was on Ann's and Bob's records; Ann's newer record gives her own
  // address. A ticket from the inbox is Bob's (it showed Ann's name and her order)
  const e = new Engine();
  e.loadHistory({
    customers: [{ id: 'ann', email: 'desk@shop.example', name: 'Ann Archer' }, { id: 'bob', email: 'desk@shop.example', name: 'Bob Baker' }],
    orders: [{ id: 'A-1', customerId: 'ann', at: '2026-11-01', items: ["Ann's reading glasses"] }],
  });
  const r = e.loadHistory({ customers: [{ id: 'ann', email: 'ann@own.example', name: 'Ann Archer' }] });
  assert.ok(r.conflicts.some((c) => c.includes("is customer bob's now")), JSON.stringify(r.conflicts));
  const a = e.assess({ id: 'T', customer: { email: 'desk@shop.example' }, messages: [{ from: 'customer', text: 'Where is my order?' }] }, { now: '2026-11-23T12:00:00Z', snippets: 5 });
  assert.equal(a.customer.name, 'Bob Baker');
  assert.ok(!JSON.stringify(a).includes('Ann'), JSON.stringify(a));
});
