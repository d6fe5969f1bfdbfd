// Two builds of the package loading one history JSON (loadHistoryText) in one Node process,
// alternating, so that a change is measured against the build before it on the same machine
// at the same moment (this machine's speed changes between sessions by up to 3×).
// Usage: node --max-old-space-size=4000 benches/load-ab.mjs <history.json> <pkg A> <pkg B> [rounds]
import { readFileSync } from 'node:fs';
import path from 'node:path';

const [file, a, b, rounds = 3] = process.argv.slice(2);
if (!file || !a || !b) throw new Error('usage: node benches/load-ab.mjs <history.json> <pkg A> <pkg B> [rounds]');
const text = readFileSync(file, 'utf8');
const load = async (dir) => {
  const m = await import(`${path.resolve(dir, 'rapport.js')}?${dir}`);
  m.initSync({ module: readFileSync(path.resolve(dir, 'rapport_bg.wasm')) });
  return m;
};
const builds = [['A', await load(a)], ['B', await load(b)]];
for (let r = 0; r < Number(rounds); r++) {
  for (const [name, m] of builds) {
    const e = new m.Engine();
    const t0 = performance.now();
    const report = e.loadHistoryText(text);
    console.log(`${name} (${name === 'A' ? a : b}): ${(performance.now() - t0).toFixed(0)} ms, ${report.totals.tickets} tickets`);
    e.free();
  }
}
