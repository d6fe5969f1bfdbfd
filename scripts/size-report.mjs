// Size of what ships: raw, gzip and brotli bytes of the .wasm and the JS glue, against the
// budget in PRODUCT.md (.wasm gzipped ≤ 300 KB, stretch ≤ 150 KB). Exits 1 over budget.
import fs from 'node:fs';
import zlib from 'node:zlib';

const BUDGET = 300 * 1024;
const STRETCH = 150 * 1024;
const files = ['pkg/rapport_bg.wasm', 'pkg/rapport.js', 'pkg/rapport_node.js'];
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
let wasmGz = 0;
console.log('size: file                     raw        gzip -9    brotli -11');
for (const f of files) {
  const buf = fs.readFileSync(new URL(`../${f}`, import.meta.url));
  const gz = zlib.gzipSync(buf, { level: 9 }).length;
  const br = zlib.brotliCompressSync(buf, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  if (f.endsWith('.wasm')) wasmGz = gz;
  console.log(`size: ${f.padEnd(24)} ${kb(buf.length).padStart(10)} ${kb(gz).padStart(10)} ${kb(br).padStart(12)}`);
}
const verdict = wasmGz <= STRETCH ? 'within the stretch budget' : wasmGz <= BUDGET ? 'within budget (stretch 150 KB)' : 'OVER BUDGET';
console.log(`size: .wasm gzipped ${kb(wasmGz)} vs budget 300 KB: ${verdict}`);
process.exit(wasmGz <= BUDGET ? 0 : 1);
