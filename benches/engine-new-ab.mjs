// Interleaved A/B of `new Engine()` in two builds of the package (Node): each build's first
// construction (its functions compiled on their first call) and the median of ROUNDS more.
// Usage: node benches/engine-new-ab.mjs dirA dirB [rounds]   (copies of pkg/ from two versions)
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const dirs = process.argv.slice(2, 4).map((d) => path.resolve(d));
const ROUNDS = Number(process.argv[4] ?? 21);
const mods = [];
for (const d of dirs) mods.push(await import(pathToFileURL(path.join(d, 'rapport_node.js')).href));
const times = mods.map(() => []);
for (let r = 0; r <= ROUNDS; r++) {
  for (const k of (r % 2 ? [0, 1] : [1, 0])) {
    const s = performance.now();
    const e = new mods[k].Engine();
    times[k].push(performance.now() - s);
    e.free();
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
dirs.forEach((d, k) => console.log(`${path.basename(d)}: new Engine() first ${times[k][0].toFixed(1)} ms, then median ${median(times[k].slice(1)).toFixed(2)} ms over ${ROUNDS}`));
console.log(`B ÷ A (median): ${(median(times[1].slice(1)) / median(times[0].slice(1))).toFixed(2)}×`);
