// The longest importCsvChunk calls of a ticket import fed in 128 KB pieces as the worker feeds
// them (a call that long leaves a gap in an import's progress), for each package build given.
// Usage: node --max-old-space-size=4000 benches/import-stalls.mjs [rows] <pkg dir>…
import { readFileSync } from 'node:fs';
import path from 'node:path';
const rows = Number(process.argv[2] ?? 1000000);
for (const dir of process.argv.slice(3)) {
  const m = await import(path.resolve(dir, 'rapport.js') + `?${dir}`);
  m.initSync({ module: readFileSync(path.resolve(dir, 'rapport_bg.wasm')) });
  const e = new m.Engine();
  const SUBJECTS = ['Cannot log in', 'Tracking not updating', 'Grinder noise ☕', 'Refund for order'];
  let csv = 'Ticket ID,Requester email,Subject,Created at,Solved at,Channel,CSAT\n';
  let worst = [], total = 0;
  const feed = (s) => { const t0 = performance.now(); e.importCsvChunk('tickets', s); const ms = performance.now() - t0; total += ms; worst.push([ms, i]); };
  var i;
  for (i = 0; i < rows; i++) {
    const day = String(1 + (i % 28)).padStart(2, '0');
    csv += `Z-${i},customer${i % 5000}@example.com,${SUBJECTS[i % 4]},2026-11-${day}T12:00:00Z,2026-11-${day}T16:48:00Z,email,${1 + (i % 5)}\n`;
    if (csv.length >= 131072) { feed(csv); csv = ''; }
  }
  feed(csv);
  worst.sort((a, b) => b[0] - a[0]);
  console.log(dir, `total ${total.toFixed(0)} ms; longest calls`, worst.slice(0, 5).map(([ms, at]) => `${ms.toFixed(0)} ms at ${at}`).join(', '));
}
