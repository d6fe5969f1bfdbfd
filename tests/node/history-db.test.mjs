// widget/history-db.js restores kept files in slices: a slice must never end between the two
// halves of a surrogate pair, or an emoji on the boundary comes back as "��" after a reload.
import test from 'node:test';
import assert from 'node:assert/strict';
import { slices } from '../../widget/history-db.js';
import { breakCounter, byteChunks, firstBreak, lastBreak } from '../../widget/file-stream.js';
import { importRapport } from './harness.mjs';

test('slices never cut a surrogate pair and join back to the text', () => {
  const size = 1 << 20;
  // the emoji's high half is the last unit of the first slice as a plain cut would make it
  const text = 'a'.repeat(size - 1) + '😀' + 'b'.repeat(10);
  const parts = [...slices(text)];
  assert.equal(parts.join(''), text);
  for (const p of parts) assert.ok(p.isWellFormed(), 'no lone surrogate in a slice');
  assert.equal(parts[0].length, size - 1);
  // small sizes, emoji everywhere, including a slice of one pair
  const t = '😀x😀😀é𝄞'.repeat(50);
  for (const n of [1, 2, 3, 5, 7]) {
    const ps = [...slices(t, n)];
    assert.equal(ps.join(''), t, `size ${n}`);
    assert.ok(ps.every((p) => p.isWellFormed() && p.length > 0), `size ${n}`);
  }
});

test('a customer name with an emoji on a slice boundary survives a restore', async () => {
  const { Engine } = await importRapport();
  const e = new Engine();
  const head = 'Customer ID,Email,Name\n';
  const pad = 'c0,pad@example.com,' + 'x'.repeat(100) + '\n';
  const text = head + pad + 'c1,ana@example.com,Ana 😀 Silva\n';
  const at = text.indexOf('😀');
  for (const part of slices(text, at + 1)) e.importCsvChunk('customers', part);
  e.finishCsv();
  const a = e.assess({ id: 'T', customer: { id: 'c1' }, messages: [{ from: 'customer', text: 'hi' }] }, { now: '2026-11-23T12:00:00Z' });
  assert.equal(a.customer.name, 'Ana 😀 Silva');
});

test('byteChunks: the bytes in order, cut at `limit`; a stream without BYOB gives its own chunks', async () => {
  const bytes = new TextEncoder().encode('héllo 😀 '.repeat(5000));
  const read = async (blob, opts) => {
    const out = [];
    // each piece is good until the next is asked for: copied at once
    for await (const p of byteChunks(blob, opts)) out.push(p.slice());
    return Buffer.concat(out);
  };
  assert.deepEqual(await read(new Blob([bytes]), { size: 1000 }), Buffer.from(bytes));
  assert.deepEqual(await read(new Blob([bytes]), { size: 1000, limit: 12345 }), Buffer.from(bytes.subarray(0, 12345)));
  assert.equal((await read(new Blob([bytes]), { limit: 0 })).length, 0);
  // a blob whose stream is not a byte stream (no BYOB reader): its chunks, cut at the limit
  const plain = { stream: () => new ReadableStream({ start(c) { c.enqueue(bytes.subarray(0, 7000)); c.enqueue(bytes.subarray(7000)); c.close(); } }) };
  assert.deepEqual(await read(plain), Buffer.from(bytes));
  assert.deepEqual(await read(plain, { limit: 9000 }), Buffer.from(bytes.subarray(0, 9000)));
});

test('a name with an emoji cut anywhere between byte chunks comes back whole', async () => {
  const { Engine } = await importRapport();
  const bytes = new TextEncoder().encode('\uFEFFCustomer ID,Email,Name\nc1,ana@example.com,Ana 😀 Silva\n');
  const at = bytes.indexOf(0xf0); // the emoji's first byte
  for (const cut of [at, at + 1, at + 2, at + 3, at + 4]) {
    const e = new Engine();
    e.importCsvChunk('customers', bytes.subarray(0, cut));
    e.importCsvChunk('customers', bytes.subarray(cut));
    e.finishCsv();
    const a = e.assess({ id: 'T', customer: { id: 'c1' }, messages: [{ from: 'customer', text: 'hi' }] }, { now: '2026-11-23T12:00:00Z' });
    assert.equal(a.customer.name, 'Ana 😀 Silva', `cut at byte ${cut}`);
  }
});

test('CSV line breaks in bytes: LF, CRLF and CR alone; a CR at the end waits for the next byte', () => {
  const b = (s) => new TextEncoder().encode(s);
  assert.equal(lastBreak(b('a,b\nc,d\ne')), 8);
  assert.equal(lastBreak(b('a,b\r\nc,d\r\ne')), 10);
  assert.equal(lastBreak(b('a,b\rc,d\re')), 8, 'a Mac export: CR alone');
  assert.equal(lastBreak(b('a,b\nc,d\r')), 4, 'a CR last may be half of a CRLF');
  assert.equal(lastBreak(b('a,b\nc,d\r\n'), 8), 4, 'a CR before the cut that an LF follows is not a break');
  assert.equal(lastBreak(b('abc')), 0);
  assert.equal(firstBreak(b('a\r\nb\nc')), 3);
  assert.equal(firstBreak(b('a\rb')), 2);
  assert.equal(firstBreak(b('ab\r')), 0);
  assert.equal(firstBreak(b('a\nb\nc'), 2), 4);
  // counted in pieces cut anywhere, a CRLF split between two pieces is one break
  const text = 'h\r\nr1\r\nr2\rr3\nr4\r\n';
  for (let cut = 0; cut <= text.length; cut++) {
    const c = breakCounter();
    c.add(b(text.slice(0, cut)));
    c.add(b(text.slice(cut)));
    assert.equal(c.done(), 5, `cut at ${cut}`);
  }
  const c = breakCounter();
  c.add(b('a\rb\r'));
  assert.equal(c.done(), 2, 'a CR at the very end of the file is a break');
});
