// The judgement figures of any build of the package on the project's own corpus, so that two
// versions can be compared on the same rows: band agreement on the scenarios and F1 of the
// mistake and churn cues on the messages, per split (the split of tools/src/judgement.rs).
// Usage: node benches/judgement-compare.mjs <pkg dir>
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const dir = path.resolve(process.argv[2] ?? 'pkg');
const { Engine } = await import(pathToFileURL(path.join(dir, 'rapport_node.js')).href);
const root = new URL('../data/judgement/', import.meta.url);
const rows = (sub) => fs.readdirSync(new URL(sub, root)).filter((f) => f.endsWith('.jsonl')).sort()
  .flatMap((f) => fs.readFileSync(new URL(`${sub}${f}`, root), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l)));
// FNV-1a 64 of "seed/key", as tools/src/eval_data.rs
const split = (key) => {
  let h = 0xcbf29ce484222325n;
  for (const b of Buffer.from(`rapport-judgement-2026-11-30/${key}`)) h = ((h ^ BigInt(b)) * 0x100000001b3n) & 0xffffffffffffffffn;
  const r = Number(h % 10n);
  return r <= 5 ? 'train' : r <= 7 ? 'dev' : 'test';
};
const out = {};
const cell = (s) => (out[s] ??= { n: 0, agree: 0, twoOff: 0, cues: { mistake: [0, 0, 0], churn: [0, 0, 0] } });
const B = { transactional: 0, relational: 1, critical: 2 };
for (const sc of rows('scenarios/')) {
  const key = sc.pair && sc.pair < sc.id ? sc.pair : sc.id;
  const c = cell(split(key));
  const e = new Engine();
  e.loadHistory(sc.history);
  const a = e.assess(sc.ticket, { now: sc.now, snippets: 0 });
  const d = Math.abs(B[a.band] - B[sc.expected.band]);
  c.n++; c.agree += d === 0; c.twoOff += d === 2;
}
const e = new Engine();
for (const m of rows('messages/')) {
  const c = cell(split(m.id));
  const cues = e.analyzeText(m.text).cues;
  for (const k of ['mistake', 'churn']) {
    const p = cues[k] > 0, t = m.cues.includes(k);
    c.cues[k][0] += p && t; c.cues[k][1] += p && !t; c.cues[k][2] += !p && t;
  }
}
const f1 = ([tp, fp, fn]) => (2 * tp / Math.max(1, 2 * tp + fp + fn)).toFixed(3);
for (const s of ['train', 'dev', 'test']) {
  const c = out[s];
  console.log(`${s}: band agreement ${(100 * c.agree / c.n).toFixed(1)}% of ${c.n}, two bands off ${c.twoOff}; F1 mistake ${f1(c.cues.mistake)}, churn ${f1(c.cues.churn)}`);
}
