// The engine's memory per imported ticket, in the real .wasm under Node: a ticket export
// shaped like tests/browser/big-csv.mjs (ids unique, customers cycling over 5,000 emails)
// fed through importCsvChunk in 128K pieces as the worker does; prints the wasm memory
// before and after, and bytes per ticket. Usage: node benches/store-memory.mjs [rows] [pkg dir]
import { readFileSync } from 'node:fs';
import path from 'node:path';

const rows = Number(process.argv[2] ?? 500000);
const dir = path.resolve(process.argv[3] ?? new URL('../pkg', import.meta.url).pathname);
const { initSync, Engine } = await import(path.join(dir, 'rapport.js'));
const wasm = initSync({ module: readFileSync(path.join(dir, 'rapport_bg.wasm')) });
const SUBJECTS = ['Cannot log in', '"Still cannot log in, reset link expired"', 'Tracking not updating', 'Grinder noise ☕', 'Refund for order', 'Address change 🏠'];
const CHANNELS = ['email', 'chat', 'phone'];
let csv = 'Ticket ID,Requester email,Subject,Created at,Solved at,Channel,CSAT\n';
const e = new Engine();
const before = wasm.memory.buffer.byteLength;
const t0 = performance.now();
for (let i = 0; i < rows; i++) {
  const day = String(1 + (i % 28)).padStart(2, '0');
  csv += `Z-${i},customer${i % 5000}@example.com,${SUBJECTS[i % SUBJECTS.length]},2026-11-${day}T12:00:00Z,2026-11-${day}T16:48:00Z,${CHANNELS[i % 3]},${1 + (i % 5)}\n`;
  if (csv.length >= 131072) { e.importCsvChunk('tickets', csv); csv = ''; }
}
e.importCsvChunk('tickets', csv);
const report = e.finishCsv();
const ms = performance.now() - t0;
const after = wasm.memory.buffer.byteLength;
console.log(`${rows} tickets (${report.totals?.tickets ?? '?'} kept) in ${(ms / 1000).toFixed(1)} s: wasm memory ${(before / 1e6).toFixed(1)} → ${(after / 1e6).toFixed(1)} MB, ${((after - before) / rows).toFixed(0)} B per ticket`);
