// Text analysis throughput and accuracy, Rapport against the npm packages a web developer
// would otherwise pick, in ONE Node process: vader-sentiment, sentiment (AFINN) and
// wink-sentiment, over (a) the 4,200 human-rated VADER tweets and (b) a ≥ 1 MB support-style
// corpus from the repo's generator. Each tool runs RUNS times after a warm-up, round-robin so
// drift hits all alike; the median, min and max are reported. Pearson r is against the human
// means of the tweets. Usage (after `make pkg`): node benches/peers.mjs corpus.json [--write]
// `make bench` runs it and rewrites its section of BENCHMARKS.md (benches/section.mjs).
import fs from 'node:fs';
import { writeSection, BENCH } from './section.mjs';
import os from 'node:os';
import vader from 'vader-sentiment';
import Sentiment from 'sentiment';
import wink from 'wink-sentiment';
import { importRapport, root } from '../tests/node/harness.mjs';
import { sizes, kb, verdict } from '../scripts/size-report.mjs';

const RUNS = Number(process.env.RUNS ?? 7);
const { Engine } = await importRapport();
const engine = new Engine();
const afinn = new Sentiment();

const tweetsPath = `${root}/data/public/vader/tweets_GroundTruth.txt`;
const tweetRows = fs.readFileSync(tweetsPath, 'utf8').split('\n').filter(Boolean).map((l) => l.split('\t'));
const tweets = { name: 'VADER tweets', texts: tweetRows.map((r) => r[2]), human: tweetRows.map((r) => Number(r[1])) };
const corpusFile = process.argv[2];
const support = { name: 'support corpus (generator)', texts: JSON.parse(fs.readFileSync(corpusFile, 'utf8')) };
for (const c of [tweets, support]) c.bytes = c.texts.reduce((n, t) => n + Buffer.byteLength(t), 0);

// Each tool: a batch runner (for timing) and a score per text (for accuracy).
const tools = [
  { name: 'rapport sentiments() batch', rapport: true, run: (ts) => engine.sentiments(ts), score: (ts) => Array.from(engine.sentiments(ts)) },
  { name: 'rapport analyzeTexts() batch', rapport: true, run: (ts) => engine.analyzeTexts(ts), score: (ts) => engine.analyzeTexts(ts).map((s) => s.sentiment.compound) },
  { name: 'rapport analyzeText() per call', rapport: true, run: (ts) => { for (const t of ts) engine.analyzeText(t); }, score: (ts) => ts.map((t) => engine.analyzeText(t).sentiment.compound) },
  { name: 'vader-sentiment', run: (ts) => { for (const t of ts) vader.SentimentIntensityAnalyzer.polarity_scores(t); }, score: (ts) => ts.map((t) => vader.SentimentIntensityAnalyzer.polarity_scores(t).compound) },
  { name: 'sentiment (AFINN)', run: (ts) => { for (const t of ts) afinn.analyze(t); }, score: (ts) => ts.map((t) => afinn.analyze(t).comparative) },
  { name: 'wink-sentiment', run: (ts) => { for (const t of ts) wink(t); }, score: (ts) => ts.map((t) => wink(t).normalizedScore) },
];

function pearson(xs, ys) {
  const n = xs.length, mx = xs.reduce((a, b) => a + b) / n, my = ys.reduce((a, b) => a + b) / n;
  let c = 0, vx = 0, vy = 0;
  for (let i = 0; i < n; i++) { c += (xs[i] - mx) * (ys[i] - my); vx += (xs[i] - mx) ** 2; vy += (ys[i] - my) ** 2; }
  return c / Math.sqrt(vx * vy);
}

const results = [];
for (const corpus of [tweets, support]) {
  for (const t of tools) t.run(corpus.texts); // warm-up
  const times = tools.map(() => []);
  for (let r = 0; r < RUNS; r++) {
    tools.forEach((t, i) => {
      const s = performance.now();
      t.run(corpus.texts);
      times[i].push((performance.now() - s) / 1000);
    });
  }
  tools.forEach((t, i) => {
    const ts = times[i].sort((a, b) => a - b);
    const med = ts[Math.floor(ts.length / 2)];
    results.push({ corpus: corpus.name, tool: t.name, rapport: !!t.rapport, median: med, min: ts[0], max: ts[ts.length - 1],
      textsPerSec: corpus.texts.length / med, mbPerSec: corpus.bytes / med / 1e6, n: corpus.texts.length, bytes: corpus.bytes });
  });
}
const r = Object.fromEntries(tools.map((t) => [t.name, pearson(t.score(tweets.texts), tweets.human)]));

const lines = [];
const out = (s = '') => { lines.push(s); console.log(s); };
for (const corpus of [tweets, support]) {
  const rows = results.filter((x) => x.corpus === corpus.name);
  const fast = rows.find((x) => x.tool === 'rapport sentiments() batch');
  const full = rows.find((x) => x.tool === 'rapport analyzeTexts() batch');
  out(`### ${corpus.name}: ${corpus.texts.length} texts, ${(corpus.bytes / 1e6).toFixed(2)} MB, median of ${RUNS} runs after a warm-up`);
  out('');
  out('| tool | texts/s (median) | spread min–max texts/s | MB/s | sentiments() ÷ tool | analyzeTexts() ÷ tool | Pearson r on tweets |');
  out('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const x of rows) {
    out(`| ${x.tool} | ${Math.round(x.textsPerSec).toLocaleString('en')} | ${Math.round(x.n / x.max).toLocaleString('en')}–${Math.round(x.n / x.min).toLocaleString('en')} | ${x.mbPerSec.toFixed(2)} | ${(fast.textsPerSec / x.textsPerSec).toFixed(2)}× | ${(full.textsPerSec / x.textsPerSec).toFixed(2)}× | ${r[x.tool].toFixed(4)} |`);
  }
  out('');
}
const best = Object.entries(r).filter(([k]) => !k.startsWith('rapport')).sort((a, b) => b[1] - a[1])[0];
out(`Pearson r on the tweets: Rapport ${r['rapport sentiments() batch'].toFixed(4)}; best peer ${best[0]} ${best[1].toFixed(4)}. AFINN is scored by \`comparative\`, wink by \`normalizedScore\`, VADER and Rapport by \`compound\`.`);
const s = sizes();
out('');
out('### Size of what ships');
out('');
out('| file | raw | gzip -9 | brotli -11 |');
out('| --- | ---: | ---: | ---: |');
for (const x of s) out(`| ${x.file} | ${kb(x.raw)} | ${kb(x.gzip)} | ${kb(x.brotli)} |`);
out('');
out(`The .wasm gzipped is ${kb(s[0].gzip)} against the 300 KB budget: ${verdict(s[0].gzip)}.`);

if (process.argv.includes('--write')) {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const head = [
    'Generated by `make bench` (benches/peers.mjs, snippets.mjs, cold-start.mjs): each replaces only its own section, between `<!-- bench:… -->` markers; do not edit inside them by hand.',
    '',
    `- date: ${new Date().toISOString()}`,
    `- machine: ${cpu}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.platform()} ${os.release()}`,
    `- runtime: Node ${process.version}; rapport from the packed package (pkg/), peers from npm: vader-sentiment, sentiment, wink-sentiment at the versions in package-lock.json`,
    `- command: \`make bench\` (= \`node benches/peers.mjs out/bench/support-corpus.json --write\` after \`make pkg\` and the generator)`,
    '',
    '`sentiments()` is the sentiment-only batch call (a Float64Array of compound scores), the same job the peers do.',
    '`analyzeTexts()` and `analyzeText()` also compute emotions, the intent with its kind, cues and matches.',
    '',
  ];
  writeSection(BENCH, 'peers', head.concat(lines));
}
