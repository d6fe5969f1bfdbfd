// History at scale in headless Chromium: loading 10k, 100k and 1M generated records as JSON
// (loadHistoryText) and as CSV (importCsvChunk per kind), with the renderer's peak memory when
// the file is streamed (loadHistoryChunk / importCsvChunk from fetch's stream), then
// assessQueue of 10,000 open tickets and single assess calls against each store, then
// outreach and insights over the whole store; and the same files through the deliveries' worker
// path (File objects streamed by the engine's module worker), beside the direct path.
// Medians of RUNS runs, a fresh Engine each run and a fresh browser per size and format.
// Usage: make bench-history   (generates the data, builds the package, runs this)
import fs from 'node:fs';
import { writeSection, BENCH_HISTORY } from './section.mjs';
import path from 'node:path';
import { serve } from '../scripts/serve.mjs';
import { launch } from '../tests/browser/chromium.mjs';

const RUNS = Number(process.env.RUNS ?? 5);
const SIZES = (process.env.SIZES ?? '1000,10000,100000').split(',').map(Number);
const root = new URL('..', import.meta.url).pathname;
const server = await serve(0);
const base = `http://127.0.0.1:${server.address().port}`;

/** Renderer processes now running (pid → peak resident memory, VmHWM, in MB). */
function renderers() {
  const out = new Map();
  for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      if (!fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--type=renderer')) continue;
      const kb = Number(/VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
      out.set(pid, kb / 1024);
    } catch { /* gone */ }
  }
  return out;
}

/** The renderer's peak memory for one load of `dir` in `format`, in a browser of its own:
 * the page fetches the files, loads them into one Engine, and stops. */
async function peakOfOneLoad(dir, format) {
  const before = renderers();
  const browser = await launch();
  const page = await browser.newPage();
  await page.goto(`${base}/www/data/`).catch(() => {});
  const wasmMb = await page.evaluate(async ({ dir, format }) => {
    const m = await import('/pkg/rapport.js');
    const wasm = await m.default({ module_or_path: '/pkg/rapport_bg.wasm' });
    const engine = new m.Engine();
    if (format === 'json') {
      const reader = (await fetch(`/${dir}/history.json`)).body.pipeThrough(new TextDecoderStream()).getReader();
      for (let r = await reader.read(); !r.done; r = await reader.read()) engine.loadHistoryChunk(r.value);
      engine.finishHistory();
    } else {
      // read as a stream, as a page does with File.stream(): the file is never one string
      for (const k of ['customers', 'tickets', 'orders', 'surveys']) {
        const reader = (await fetch(`/${dir}/${k}.csv`)).body.pipeThrough(new TextDecoderStream()).getReader();
        for (let r = await reader.read(); !r.done; r = await reader.read()) engine.importCsvChunk(k, r.value);
        engine.finishCsv();
      }
    }
    window.__engine = engine; // kept alive while the peak is read
    return wasm.memory.buffer.byteLength / 2 ** 20;
  }, { dir, format });
  // the renderers this browser started (nothing else runs Chromium meanwhile)
  const peak = Math.max(0, ...[...renderers()].filter(([pid]) => !before.has(pid)).map(([, mb]) => mb));
  await browser.close();
  return { peak, wasmMb };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The same files through the deliveries' path (issue 18): picked as File objects (disk-backed,
 * as a drop gives them), streamed by the engine's module worker (widget/engine-client.js →
 * engine-worker.js: File.stream() read as bytes → the chunk loaders), in a browser of its
 * own: the time from the first file to the last one's report, and the renderer's peak. */
async function workerLoad(dir, format) {
  const before = renderers();
  const browser = await launch();
  const page = await browser.newPage();
  await page.goto(`${base}/www/data/`).catch(() => {});
  await page.evaluate(() => { const i = document.createElement('input'); i.type = 'file'; i.multiple = true; i.id = 'pick'; document.body.append(i); });
  const files = format === 'json' ? ['history.json'] : ['customers.csv', 'tickets.csv', 'orders.csv', 'surveys.csv'];
  await page.setInputFiles('#pick', files.map((f) => path.join(root, dir, f)));
  const r = await page.evaluate(async () => {
    const { workerEngine } = await import('/pkg/widget/engine-client.js');
    const engine = workerEngine('/pkg/');
    await engine.ready;
    const t0 = performance.now();
    for (const f of document.getElementById('pick').files) await engine.importFile(f, { kind: 'auto' }).done;
    const ms = performance.now() - t0;
    const s = await engine.call('historyStats');
    return { ms, records: s.customers + s.tickets + s.orders + s.surveys, wasmMb: (await engine.call('memory')) / 2 ** 20 };
  });
  const peak = Math.max(0, ...[...renderers()].filter(([pid]) => !before.has(pid)).map(([, mb]) => mb));
  await browser.close();
  return { ...r, peak };
}
const rows = [];
const queueRows = [];
const planRows = [];
const workerRows = [];
const chromium = {}; // label → { json, csv, queue0, queue5 } medians in ms, for the native ratios
const LABEL = { 1000: '10k', 10000: '100k', 100000: '1M' };
for (const n of SIZES) {
  const dir = `out/bench/h${n}`;
  if (!fs.existsSync(path.join(root, dir, 'history.json'))) throw new Error(`${dir} missing: run make bench-history`);
  for (const format of ['json', 'csv']) {
    const browser = await launch();
    const page = await browser.newPage();
    await page.goto(`${base}/www/data/`).catch(() => {});
    const r = await page.evaluate(async ({ dir, format, RUNS, withQueue }) => {
      // the run that times outreach and insights needs the reporting pages' engine (the same
      // code for loads and assessments, plus those two)
      const at = withQueue ? '/pkg/insights/' : '/pkg/';
      const m = await import(`${at}rapport.js`);
      await m.default({ module_or_path: `${at}rapport_bg.wasm` });
      // CSV in 4 MB chunks, as a page reading File.stream() would pass it
      const chunked = (engine, kind, text) => { for (let i = 0; i < text.length; i += 4e6) engine.importCsvChunk(kind, text.slice(i, i + 4e6)); engine.finishCsv(); };
      const files = format === 'json' ? ['history.json'] : ['customers.csv', 'tickets.csv', 'orders.csv', 'surveys.csv'];
      const texts = await Promise.all(files.map((f) => fetch(`/${dir}/${f}`).then((x) => x.text())));
      const bytes = texts.reduce((s, t) => s + t.length, 0);
      const times = [];
      let engine, records;
      for (let i = 0; i < RUNS; i++) {
        engine?.free();
        engine = new m.Engine();
        const t0 = performance.now();
        if (format === 'json') engine.loadHistoryText(texts[0]);
        else files.forEach((f, k) => chunked(engine, f.replace('.csv', ''), texts[k]));
        times.push(performance.now() - t0);
        const s = engine.historyStats();
        records = s.customers + s.tickets + s.orders + s.surveys;
      }
      const out = { times, bytes, records };
      if (withQueue) {
        const open = await fetch(`/${dir}/open.json`).then((x) => x.json());
        const now = '2026-11-23T12:00:00Z';
        for (const snippets of [0, 5]) {
          const q = [];
          for (let i = 0; i < RUNS; i++) { const t0 = performance.now(); engine.assessQueue(open, { now, snippets }); q.push(performance.now() - t0); }
          out[`queue${snippets}`] = q;
        }
        // outreach and insights over the whole store, with the engine's record now holding
        // the queue's 10,000 assessments; the period is the last month (its tickets, the
        // month before for the trend, and the assessments just made)
        const plan = { outreach: [], insights: [] };
        const period = { from: '2026-10-24T12:00:00Z', to: '2026-11-24T12:00:00Z', now };
        for (let i = 0; i < RUNS; i++) {
          let t0 = performance.now();
          const list = engine.outreach({ now, limit: 20 });
          plan.outreach.push(performance.now() - t0);
          t0 = performance.now();
          const report = engine.insights(period);
          plan.insights.push(performance.now() - t0);
          out.planShape = { listed: list.length, topScore: list[0]?.score ?? null, periodTickets: report.contactReasons.tickets, assessed: report.byBand.reduce((s, g) => s + g.tickets, 0) };
        }
        out.plan = plan;
        const single = [];
        for (let i = 0; i < 2000; i++) { const t0 = performance.now(); engine.assess(open[i % open.length], { now }); single.push(performance.now() - t0); }
        single.sort((a, b) => a - b);
        out.single = { p50: single[1000], p95: single[1900] };
        out.open = open.length;
      }
      return out;
    }, { dir, format, RUNS, withQueue: format === 'json' });
    await browser.close();
    const { peak, wasmMb } = await peakOfOneLoad(dir, format);
    const med = median(r.times);
    const viaWorker = [];
    for (let i = 0; i < Math.min(RUNS, 3); i++) viaWorker.push(await workerLoad(dir, format));
    const wmed = median(viaWorker.map((w) => w.ms));
    if (viaWorker.some((w) => w.records !== viaWorker[0].records)) throw new Error('the worker loads disagree on the records');
    workerRows.push(`| ${viaWorker[0].records.toLocaleString('en')} | ${format.toUpperCase()} | ${(r.bytes / 1e6).toFixed(1)} MB | ${med.toFixed(0)} ms, peak ${peak.toFixed(0)} MB | ${wmed.toFixed(0)} ms (${Math.min(...viaWorker.map((w) => w.ms)).toFixed(0)}–${Math.max(...viaWorker.map((w) => w.ms)).toFixed(0)}), peak ${median(viaWorker.map((w) => w.peak)).toFixed(0)} MB | ${(wmed / med).toFixed(2)}× |`);
    const c = (chromium[LABEL[n]] ??= {});
    c[format] = med;
    if (r.queue0) Object.assign(c, { queue0: median(r.queue0), queue5: median(r.queue5) });
    rows.push(`| ${r.records.toLocaleString('en')} | ${format.toUpperCase()} | ${(r.bytes / 1e6).toFixed(1)} MB | ${med.toFixed(0)} ms (${Math.min(...r.times).toFixed(0)}–${Math.max(...r.times).toFixed(0)}) | ${(r.bytes / 1e6 / (med / 1000)).toFixed(0)} MB/s | ${Math.round(r.records / (med / 1000)).toLocaleString('en')} | ${peak.toFixed(0)} MB | ${wasmMb.toFixed(0)} MB |`);
    if (r.plan) {
      Object.assign(c, { outreach: median(r.plan.outreach), insights: median(r.plan.insights) });
      planRows.push(`| ${r.records.toLocaleString('en')} | ${median(r.plan.outreach).toFixed(0)} ms (${Math.min(...r.plan.outreach).toFixed(0)}–${Math.max(...r.plan.outreach).toFixed(0)}) | ${median(r.plan.insights).toFixed(0)} ms (${Math.min(...r.plan.insights).toFixed(0)}–${Math.max(...r.plan.insights).toFixed(0)}) | ${r.planShape.listed} listed, top score ${r.planShape.topScore}; ${r.planShape.periodTickets.toLocaleString('en')} tickets in the period, ${r.planShape.assessed.toLocaleString('en')} assessed |`);
      console.error(`[bench-history] ${n} customers: outreach ${median(r.plan.outreach).toFixed(0)} ms, insights ${median(r.plan.insights).toFixed(0)} ms`);
    }
    if (r.queue0) queueRows.push(`| ${r.records.toLocaleString('en')} | ${median(r.queue0).toFixed(0)} ms | ${median(r.queue5).toFixed(0)} ms | ${r.single.p50.toFixed(2)} ms | ${r.single.p95.toFixed(2)} ms |`);
    console.error(`[bench-history] ${n} customers ${format}: ${med.toFixed(0)} ms`);
  }
}
server.close();
const lines = [
  `### History at scale in headless Chromium (generated history, median of ${RUNS} runs)`,
  '',
  '| records | format | input | load (min–max) | throughput | records/s | renderer peak RSS, one load | of which WASM memory |',
  '| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  ...rows,
  '',
  '| records | format | input | direct: page thread, text in memory | through the worker: File → stream → worker (min–max), renderer peak | worker ÷ direct |',
  '| ---: | --- | ---: | ---: | ---: | ---: |',
  ...workerRows,
  '',
  '| store (records) | assessQueue 10,000, snippets: 0 | assessQueue 10,000, snippets: 5 | assess p50 | assess p95 |',
  '| ---: | ---: | ---: | ---: | ---: |',
  ...queueRows,
  '',
  '| store (records) | outreach, limit 20 (min–max) | insights, one month (min–max) | what they covered |',
  '| ---: | ---: | ---: | --- |',
  ...planRows,
  '',
  'Budgets: outreach and insights over 1M records ≤ 1 s each (stretch ≤ 200 ms). 1M records loaded in ≤ 3 s with ≤ 500 MB peak (stretch ≤ 1 s); assessQueue of 10,000 tickets against 1M records ≤ 1 s (stretch ≤ 200 ms); assess p95 ≤ 1 ms.',
  ...nativeSection(),
];

/** The same core natively, from criterion's medians (`cargo bench -p rapport-bench --bench
 * history`, which make bench-history runs first), and Chromium ÷ native for each. */
function nativeSection() {
  const est = (id) => {
    try {
      return JSON.parse(fs.readFileSync(path.join(process.env.CARGO_TARGET_DIR || path.join(root, 'target'), 'criterion', id, 'new/estimates.json'), 'utf8')).median.point_estimate / 1e6;
    } catch { return null; }
  };
  const labels = Object.values(LABEL).filter((l) => est(`load/json/${l}`) != null);
  if (!labels.length) return ['', '(No criterion results in target/criterion: run `make bench-history` for the native figures.)'];
  const ms = (x) => (x == null ? '–' : x >= 1000 ? `${(x / 1000).toFixed(3)} s` : `${x.toFixed(1)} ms`);
  const what = [['load JSON text', 'load/json', 'json'], ['load CSV (four files)', 'load/csv', 'csv'],
    ['assessQueue 10,000 tickets, snippets: 0', 'assess_queue_10k/snippets0', 'queue0'], ['assessQueue 10,000 tickets, snippets: 5', 'assess_queue_10k/snippets5', 'queue5'],
    ['outreach, limit 20', 'plan/outreach', 'outreach'], ['insights, one month', 'plan/insights', 'insights']];
  return [
    '',
    '### The same core natively (criterion medians, `cargo bench -p rapport-bench --bench history`), and Chromium ÷ native',
    '',
    `| what | ${labels.map((l) => `${l} records`).join(' | ')} | Chromium ÷ native, ${labels.at(-1)} |`,
    `| --- | ${labels.map(() => '---:').join(' | ')} | ---: |`,
    ...what.map(([name, id, key]) => {
      const last = labels.at(-1);
      const ratio = chromium[last]?.[key] != null && est(`${id}/${last}`) ? `${(chromium[last][key] / est(`${id}/${last}`)).toFixed(2)}×` : '–';
      return `| ${name} | ${labels.map((l) => ms(est(`${id}/${l}`))).join(' | ')} | ${ratio} |`;
    }),
  ];
}
console.log(lines.join('\n'));
if (process.argv.includes('--write')) writeSection(BENCH_HISTORY, 'history', lines);
