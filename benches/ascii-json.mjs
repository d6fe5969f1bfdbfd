// What a page does with an assessQueue result, for the two JSON writers bench-assess compares:
// the bindings hand the text to JavaScript (wasm-bindgen decodes the UTF-8 from the WASM
// memory with TextDecoder) and JSON.parse it. ascii_json escapes every character outside
// ASCII; serde_json writes them as they are, which makes the whole text a two-byte string.
// Usage: cargo run --release -q -p rapport-tools --bin bench-assess -- out/bench/support-corpus.json --write-json out/bench
//        node benches/ascii-json.mjs out/bench
import fs from 'node:fs';

const dir = process.argv[2] ?? 'out/bench';
const RUNS = 31;
const decoder = new TextDecoder('utf-8', { ignoreBOM: true, fatal: true });
const files = { ascii_json: `${dir}/queue-ascii.json`, serde_json: `${dir}/queue-serde.json` };
const bytes = Object.fromEntries(Object.entries(files).map(([k, f]) => [k, new Uint8Array(fs.readFileSync(f))]));
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const times = { ascii_json: [], serde_json: [] };
let check = null;
// interleaved, so both see the same machine
for (let i = 0; i < RUNS; i++) {
  for (const k of Object.keys(files)) {
    const t0 = performance.now();
    const v = JSON.parse(decoder.decode(bytes[k]));
    times[k].push(performance.now() - t0);
    if (i === 0) {
      const s = JSON.stringify(v);
      if (check === null) check = s;
      else if (s !== check) throw new Error('the two texts are not the same value');
    }
  }
}
const a = median(times.ascii_json), s = median(times.serde_json);
console.log(`decode + JSON.parse, median of ${RUNS}: ascii_json ${a.toFixed(1)} ms (${bytes.ascii_json.length} bytes), serde_json ${s.toFixed(1)} ms (${bytes.serde_json.length} bytes): serde_json ÷ ascii_json ${(s / a).toFixed(2)}×`);
