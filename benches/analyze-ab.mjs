// Interleaved A/B of two builds of the package on analyzeTexts() throughput (the text analysis
// alone, no history): both builds in one Node process, rounds alternating which goes first.
// Usage: node benches/analyze-ab.mjs dirA dirB [rounds]   (copies of pkg/ from two versions;
// out/bench/support-corpus.json from `make bench`)
import path from 'node:path';
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
const dirs = process.argv.slice(2, 4).map((d) => path.resolve(d));
const ROUNDS = Number(process.argv[4] ?? 7);
const mods = [];
for (const d of dirs) mods.push(await import(pathToFileURL(path.join(d, 'rapport_node.js')).href));
const engines = mods.map((m) => new m.Engine());
const texts = JSON.parse(fs.readFileSync(new URL('../out/bench/support-corpus.json', import.meta.url), 'utf8'));
const times = [[], []];
const run = (k) => { const s = performance.now(); engines[k].analyzeTexts(texts); times[k].push(performance.now() - s); };
run(0); run(1); times[0].length = 0; times[1].length = 0;
for (let r = 0; r < ROUNDS; r++) for (const k of (r % 2 ? [0, 1] : [1, 0])) run(k);
const med = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
dirs.forEach((d, k) => console.log(`${path.basename(d)}: analyzeTexts median ${med(times[k]).toFixed(0)} ms (${(texts.length / med(times[k]) * 1000).toFixed(0)} texts/s)`));
console.log(`B ÷ A (time): ${(med(times[1]) / med(times[0])).toFixed(3)}×`);
