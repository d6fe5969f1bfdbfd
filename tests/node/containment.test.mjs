// Containment, on the packed package: hostile inputs are clear errors that never trap the
// instance, and a trap that still happens (forced here by scribbling over the engine's memory,
// as a bug in the engine would) fails only its own call: the module is restarted and every
// engine answers as before (src/bindings/containment.js).
import test from 'node:test';
import assert from 'node:assert/strict';
import { importRapport } from './harness.mjs';

const rapport = await importRapport();
const { Engine, RapportError, restartCount, initSync } = rapport;
const now = '2026-11-23T12:00:00Z';
const ticket = (id, customer, text) => ({ id, subject: 'Order', channel: 'email', createdAt: '2026-11-23T09:00:00Z', customer, messages: [{ from: 'customer', text }] });
const historyA = {
  customers: [{ id: 'c1', name: 'Ana Silva', email: 'ana@example.com', since: '2019-03-02', tier: 'gold', lifetimeValue: 5400 }],
  tickets: [{ id: 'p1', customerId: 'c1', createdAt: '2026-11-01T10:00:00Z', subject: 'Charged twice', csat: 1 }],
  orders: [{ id: 'o1', customerId: 'c1', at: '2026-10-30T10:00:00Z', total: 389, items: ['Espresso machine'] }],
};
const csvB = 'Ticket ID,Requester email,Subject,Created at,CSAT\nZ-1,bo@example.com,Cannot log in,2026-11-17T12:00:00Z,1\nZ-2,bo@example.com,Still cannot log in,2026-11-20T12:00:00Z,1\n';
const mine = [{ id: 'ours', tone: 'personal', fits: { bands: ['relational', 'critical'] }, body: 'Hi {{ customer.first_name }}, this one is ours to fix.' }];

/** Makes the instance trap on its next call, the way a memory-safety bug in it would. */
function scribble() {
  const memory = initSync().memory; // the instance's exports (initialised already)
  new Uint8Array(memory.buffer).fill(0xff, 1 << 20, (1 << 20) + (1 << 18));
}

function setUp() {
  const a = new Engine({ weights: { 'cue.mistake': 30 } });
  a.loadHistory(historyA);
  a.loadSnippets(mine, { replace: false });
  const first = a.assess(ticket('T1', { id: 'c1' }, 'You charged me twice for the espresso machine!'), { now, snippets: 5 });
  a.feedback({ ticketId: 'T1', snippetId: first.snippets[1].id, action: 'inserted' });
  const b = new Engine();
  b.importCsvChunk('tickets', csvB.slice(0, 40));
  b.importCsvChunk('tickets', csvB.slice(40));
  b.finishCsv();
  return { a, b };
}
const answers = ({ a, b }) => JSON.stringify([
  a.assess(ticket('T2', { id: 'c1' }, 'Charged twice AGAIN, third time I write'), { now, snippets: 5 }),
  b.assess(ticket('T3', { email: 'bo@example.com' }, 'still locked out of my account'), { now, snippets: 3 }),
  a.exportLearning().filter((r) => !r.record),
  b.historyStats(),
]);

test('a trap fails only its own call: the module restarts and every engine answers as before', () => {
  const engines = setUp();
  const want = answers(engines);
  const restarts = restartCount();
  scribble();
  assert.throws(() => engines.a.assess(ticket('T9', { id: 'c1' }, 'hello'), { now }), (e) => e instanceof RapportError && e.code === 'RAPPORT_RESTARTED' && /internal error in assess/.test(e.message));
  assert.equal(restartCount(), restarts + 1);
  assert.equal(answers(engines), want, 'both engines hold what was loaded, with what they learned');
  // a new engine on the restarted module is a normal one
  const fresh = setUp();
  assert.equal(answers(fresh), want);
  // a trap during a load: that load had no effect, the rest was kept
  scribble();
  assert.throws(() => engines.b.loadHistory({ customers: [{ id: 'zz' }] }), RapportError);
  assert.equal(answers(engines), want);
});

test('more than a thousand traps in a row: Node lives on, memory stays flat, the answers stay the same', () => {
  const engines = setUp();
  const want = answers(engines);
  const rss = process.memoryUsage().rss;
  for (let i = 0; i < 1050; i++) {
    scribble();
    assert.throws(() => engines.b.assess(ticket('T', {}, 'x'), { now }), RapportError);
  }
  assert.equal(answers(engines), want);
  const grown = (process.memoryUsage().rss - rss) / 2 ** 20;
  assert.ok(grown < 300, `rss grew ${grown.toFixed(0)} MB`);
});

test('10,000 hostile calls interleaved with normal ones: each a clear error, no restart, then the same answers as a fresh engine', () => {
  const e = new Engine();
  e.loadHistory(historyA);
  const restarts = restartCount();
  const long = 'I was charged twice. '.repeat(11_000); // 231,000 characters
  const nested = '{% if a %}'.repeat(5_000) + 'x' + '{% endif %}'.repeat(5_000);
  const chained = `{% if ${Array(10_000).fill('a').join(' and ')} %}x{% endif %}`;
  const hostile = [
    () => e.importMacros({ format: 'zendesk', macros: [{ id: 'm', body: '{%}' }] }),
    () => e.loadSnippets([{ id: 'x', body: '{{ customer.name | default: "éééé", x! }}' }]),
    () => e.loadSnippets([{ id: 'deep', body: nested }]),
    () => e.loadSnippets([{ id: 'chain', body: chained }]),
    () => e.importCsv('tickets', 42),
    () => e.importCsvChunk('tickets', new Uint8Array(16)),
    () => e.loadHistoryChunk({}),
    () => e.loadHistoryText(null),
    () => e.assess(ticket('T1', { id: 'c1' }, long), { now }),
    () => e.assess(ticket('T\ud800', { id: 'c1' }, 'lone \udc00 surrogate'), { now }),
    () => e.assess({ id: 'x'.repeat(300), customer: {}, messages: [] }, { now }),
    () => e.assess(ticket('T2', {}, 'hi'), { now: NaN }),
    () => e.assess(ticket('T2', {}, 'hi'), { now: Infinity }),
    () => e.assessQueue([ticket('Q1', {}, 'hi'), { id: 'Q2', customer: {}, channel: 'email', messages: [] }, 7], { now }),
    () => e.loadHistory({ customers: 'x' }),
    () => e.feedback({ ticketId: 'nope', snippetId: 'x', action: 'loved' }),
  ];
  const normal = () => e.assess(ticket('N', { id: 'c1' }, 'Where is my order?'), { now });
  const expected = normal();
  for (let i = 0; i < 10_000; i++) {
    try {
      hostile[i % hostile.length]();
    } catch (err) {
      // a clear error about the input, never the engine stopping
      assert.ok(!(err instanceof RapportError), `${i % hostile.length}: ${err.message}`);
      assert.doesNotMatch(String(err), /unreachable|RuntimeError|memory access|recursive use|null pointer/);
    }
    if (i % 50 === 0) assert.deepEqual(normal(), expected);
  }
  assert.equal(restartCount(), restarts, 'no hostile input trapped the instance');
  const fresh = new Engine();
  fresh.loadHistory(historyA);
  // the hostile templates were refused, so the library is the built-in one in both
  const t = ticket('F', { id: 'c1' }, 'You charged me twice, I am cancelling!');
  assert.deepEqual(e.assess(t, { now, snippets: 5 }), fresh.assess(t, { now, snippets: 5 }));
});

test('an engine whose loads were too large to keep is lost after a restart, and says so on every call; the others are rebuilt', () => {
  const engines = setUp();
  const want = answers(engines);
  // 65 million characters of history text (JSON whitespace between two customers): more than the
  // 64 million an engine keeps to be rebuilt (JOURNAL_LIMIT in src/bindings/containment.js)
  const big = new Engine();
  big.loadHistoryChunk('{"customers": [{"id": "k1", "name": "Kim"}');
  for (let i = 0; i < 13; i++) big.loadHistoryChunk(' '.repeat(5e6));
  big.loadHistoryChunk(', {"id": "k2"}]}');
  big.finishHistory();
  assert.equal(big.historyStats().customers, 2);
  scribble();
  assert.throws(() => engines.a.assess(ticket('T9', { id: 'c1' }, 'hello'), { now }), (e) => e.code === 'RAPPORT_RESTARTED');
  for (const call of [() => big.historyStats(), () => big.assess(ticket('K', { id: 'k1' }, 'hi'), { now })]) {
    assert.throws(call, (e) => e instanceof RapportError && e.code === 'RAPPORT_LOST' && /too large to keep/.test(e.message) && /create a new engine/.test(e.message));
  }
  assert.equal(answers(engines), want, 'the engines small enough to keep are rebuilt as they were');
  big.free(); // freeing a lost engine is allowed (it holds nothing): it threw 'null pointer passed to rust'
  assert.throws(() => big.historyStats(), (e) => e.code === 'RAPPORT_LOST');
});

test('a rebuild loads what each call was given then, not what a reused buffer or object holds at the restart', () => {
  const e = new Engine();
  // a file read through one reused buffer (widget/file-stream.js does), then a history object
  // reused for the next batch
  const bytes = new TextEncoder().encode(JSON.stringify({ customers: [{ id: 'A', name: 'Alice Amber' }, { id: 'B', name: 'Bruno Byrne' }] }));
  const half = Math.ceil(bytes.length / 2);
  const buf = new Uint8Array(half);
  for (let at = 0; at < bytes.length; at += half) {
    const part = bytes.subarray(at, at + half);
    buf.set(part);
    e.loadHistoryChunk(buf.subarray(0, part.length));
  }
  e.finishHistory();
  const batch = { customers: [{ id: 'C', name: 'Carla Cyan' }] };
  e.loadHistory(batch);
  batch.customers[0] = { id: 'D', name: 'Dora Dune' };
  e.loadHistory(batch);
  const names = () => ['A', 'B', 'C', 'D'].map((id) => e.assess(ticket(`T-${id}`, { id }, 'hi'), { now }).customer.name).join();
  const before = names();
  assert.equal(before, 'Alice Amber,Bruno Byrne,Carla Cyan,Dora Dune');
  buf.fill(0x20);
  batch.customers[0] = { id: 'E', name: 'Eve' };
  scribble();
  assert.throws(() => e.historyStats(), (err) => err.code === 'RAPPORT_RESTARTED');
  assert.equal(e.historyStats().customers, 4);
  assert.equal(names(), before);
});

test('a chunk too large to copy is refused before it is, and a string cut inside a character is joined again', () => {
  const e = new Engine();
  const restarts = restartCount();
  // a 4 GB chunk cannot be copied into the module's memory: it trapped the module
  assert.throws(() => e.loadHistoryChunk(new Uint8Array(2 ** 28 + 1)), (err) => !(err instanceof RapportError) && /chunk: 268435457 bytes; a chunk holds at most 268435456/.test(err.message));
  assert.equal(restartCount(), restarts);
  // text.slice(i, i + n) cuts between the two halves of an emoji: each half became U+FFFD
  const json = JSON.stringify({ customers: [{ id: 'z', name: 'Zoë 😀 Lee' }] });
  const cut = json.indexOf('😀') + 1;
  for (const load of [(c) => e.loadHistoryChunk(c)]) {
    load(json.slice(0, cut));
    load(json.slice(cut));
  }
  e.finishHistory();
  const csv = 'Customer ID,Email,First name\nq,q@x.org,Ana 😀\n';
  const at = csv.indexOf('😀') + 1;
  e.importCsvChunk('customers', csv.slice(0, at));
  e.importCsvChunk('customers', csv.slice(at));
  e.finishCsv();
  const name = (id) => e.assess(ticket(`T-${id}`, { id }, 'hi'), { now }).customer.name;
  assert.equal(name('z'), 'Zoë 😀 Lee');
  assert.equal(name('q'), 'Ana 😀');
  // a first half the file ends with stays a lone half: U+FFFD, as before
  e.loadHistoryChunk('{"customers": [{"id": "w", "name": "W ');
  e.loadHistoryChunk('\ud83d');
  e.loadHistoryChunk('"}]}');
  e.finishHistory();
  assert.equal(name('w'), 'W \ufffd');
});

test('a texts array whose getter throws is a clear error and leaves the engine working', () => {
  const e = new Engine();
  const texts = ['hello', 'world'];
  Object.defineProperty(texts, 1, { get() { throw new Error('not loaded yet'); } });
  for (const call of [() => e.analyzeTexts(texts), () => e.sentiments(texts)]) {
    assert.throws(call, (err) => !(err instanceof RapportError) && /texts: cannot be read \(not loaded yet\)/.test(err.message));
  }
  // it left the engine's borrow taken: every later call failed with "recursive use of an object"
  assert.equal(e.historyStats().customers, 0);
  assert.equal(e.analyzeTexts(['fine']).length, 1);
});

test('a Node Buffer reused for the next chunk is kept as it was, and half a character held before bytes stays where it was', () => {
  const e = new Engine();
  const text = JSON.stringify({ customers: [{ id: 'A', name: 'Alice Amber' }] });
  const buf = Buffer.alloc(text.length);
  buf.write(text);
  e.loadHistoryChunk(buf); // a Buffer's slice() is a view of it: the journal copies instead
  e.finishHistory();
  buf.fill(0x20);
  scribble();
  assert.throws(() => e.historyStats(), (err) => err.code === 'RAPPORT_RESTARTED');
  assert.equal(e.assess(ticket('T-A', { id: 'A' }, 'hi'), { now }).customer.name, 'Alice Amber');
  // a string chunk ending in half an emoji, then the rest as bytes: the half is given before
  // the bytes (it was given after them, at the finish: "text after the end", no report)
  e.loadHistoryChunk('{"customers": [{"id": "h", "name": "H \ud83d');
  e.loadHistoryChunk(new TextEncoder().encode('"}]}'));
  assert.equal(e.finishHistory().added.customers, 1);
  assert.equal(e.assess(ticket('T-h', { id: 'h' }, 'hi'), { now }).customer.name, 'H \ufffd');
});
