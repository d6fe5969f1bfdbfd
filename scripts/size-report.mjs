// Size of what ships: raw, gzip and brotli bytes of the .wasm and the JS glue, against the
// budget in PRODUCT.md (.wasm gzipped ≤ 300 KB, stretch ≤ 150 KB). Exits 1 over budget.
// The budget is the ticket-side engine's (pkg/rapport_bg.wasm, what every agent page loads);
// the full engine with outreach and insights (pkg/insights/, loaded only by the reporting pages:
// the Insights page, the Today tab, <rapport-outreach>) is reported beside it with its cost.
import fs from 'node:fs';
import zlib from 'node:zlib';

export const BUDGET = 300 * 1024;
export const STRETCH = 150 * 1024;
const FILES = ['pkg/rapport_bg.wasm', 'pkg/rapport.js', 'pkg/rapport_node.js', 'pkg/insights/rapport_bg.wasm', 'pkg/insights/rapport.js'];

/** [{ file, raw, gzip, brotli }] of the package as built in pkg/. */
export function sizes() {
  return FILES.map((file) => {
    const buf = fs.readFileSync(new URL(`../${file}`, import.meta.url));
    return {
      file,
      raw: buf.length,
      gzip: zlib.gzipSync(buf, { level: 9 }).length,
      brotli: zlib.brotliCompressSync(buf, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    };
  });
}

export const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

export function verdict(wasmGzip) {
  return wasmGzip <= STRETCH ? 'within the stretch budget' : wasmGzip <= BUDGET ? 'within budget (stretch 150 KB)' : 'OVER BUDGET';
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = sizes();
  console.log('size: file                     raw        gzip -9    brotli -11');
  for (const r of rows) console.log(`size: ${r.file.padEnd(24)} ${kb(r.raw).padStart(10)} ${kb(r.gzip).padStart(10)} ${kb(r.brotli).padStart(12)}`);
  const wasm = rows[0].gzip;
  console.log(`size: .wasm gzipped ${kb(wasm)} vs budget 300 KB: ${verdict(wasm)}`);
  const full = rows.find((r) => r.file === 'pkg/insights/rapport_bg.wasm').gzip;
  console.log(`size: the reporting pages' engine (outreach, insights) ${kb(full)} gzipped: ${kb(full - wasm)} more, loaded only by those pages`);
  process.exit(wasm <= BUDGET ? 0 : 1);
}
