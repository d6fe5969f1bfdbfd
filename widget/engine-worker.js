// The engine in a module Web Worker: it owns the Engine, so a large import (or the replay of
// kept files after a reload) never blocks the page. The page talks to it through
// engine-protocol.js. Started by engine-client.js; `init(base)` says where rapport.js is.
import { serveEngine } from './engine-protocol.js';
import { historyDb, sniffFile } from './history-db.js';

let module = null;
let engine = null;
let wasm = null;           // the instance's exports, for its memory's size
const given = [];          // histories given whole (loadHistory): a rebuild loads them again
const running = new Map(); // call id → { cancelled } for the imports under way
// the page asks for progress at least every 250 ms; 50 leaves room for a piece that stalls (once
// a run, one 128K piece took 113–132 ms at ~500K tickets: most likely a table of the store growing)
const PROGRESS_MS = 50;
const KEEP_PIECE = 1 << 20; // code units per stored piece (4 MB pieces made no difference to the peak)
const WRITES_IN_FLIGHT = 4;  // stored pieces queued at most: 4 × 2 MB held while IndexedDB catches up
const FEED_PIECE = 128 << 10; // code units fed at once: a few ms of work, so progress and calls are never held long

const rows = (r) => r.customers + r.tickets + r.orders + r.surveys;

/** Counts the bytes going through (for "bytes read of the total"). */
function byteCounter(state) {
  return new TransformStream({ transform(chunk, c) { state.bytes += chunk.byteLength; c.enqueue(chunk); } });
}

/** How many times `ch` occurs in `s`. */
function count(s, ch) {
  let n = 0;
  for (let i = s.indexOf(ch); i !== -1; i = s.indexOf(ch, i + 1)) n++;
  return n;
}

/** Streams `file` into the engine. `opts`: `{ kind: 'auto' | a CSV kind, keep: database name or
 * null }`. Answers `{ name, kind, report, stopped, bytes, total, records, fileId }`; `stopped` when
 * cancelled: what was read up to the last whole row is kept (and stored), the rest is not. */
async function importFile(file, opts = {}, ctx) {
  const head = await file.slice(0, 64 << 10).text();
  const shape = sniffFile(file.name, head, opts.kind ?? 'auto');
  if (shape.refused) throw new Error(`refused before reading it: ${shape.refused}`);
  const { kind } = shape;
  const json = kind === 'json';
  const job = { cancelled: false };
  running.set(ctx.id, job);
  const store = opts.keep ? historyDb(opts.keep) : null;
  const fileId = store ? await store.begin({ name: file.name, kind, bytes: file.size }) : null;
  const started = performance.now();
  const state = { bytes: 0 };
  let records = 0, seq = 0, keep = '', lastProgress = 0;
  let carry = '';          // CSV: the text after the last line break, fed with the next chunk
  let header = null;       // CSV: the header line (fed alone: a header that names no field fails at once)
  let lines = 0;           // CSV: line breaks fed after the header, for "stopped after line N"
  // One import from the first chunk to the last: the rejected rows so far are asked of it
  // (importRejected). It used to be finished and restarted every 8 MB for them, and each
  // finish put every customer's tickets in order: 160–310 ms at a time in the worker, gaps
  // in the progress above 250 ms.
  // up to WRITES_IN_FLIGHT writes queued while the next pieces are read: a slow IndexedDB
  // write must not stall the progress (writes took 100–400 ms each under load; with one in
  // flight, the widget's longest gap between updates reached 233 ms in a loaded test run)
  const writing = [];
  const flushKeep = async (force) => {
    if (!store || !keep || !(force || keep.length >= KEEP_PIECE)) return;
    if (writing.length >= WRITES_IN_FLIGHT) await writing.shift();
    const w = store.append(fileId, seq++, keep);
    w.catch(() => {}); // seen when awaited, below or at the end
    writing.push(w);
    keep = '';
  };
  const feedCsv = (text) => {
    if (header === null) {
      const nl = text.indexOf('\n');
      header = nl < 0 ? text : text.slice(0, nl + 1);
      engine.importCsvChunk(kind, header); // a header that names no field throws here, on the first chunk
      if (store) keep += header;
      text = text.slice(header.length);
    }
    if (!text) return;
    records = engine.importCsvChunk(kind, text);
    if (store) keep += text;
    lines += count(text, '\n');
  };
  try {
    const reader = file.stream().pipeThrough(byteCounter(state)).pipeThrough(new TextDecoderStream()).getReader();
    let fedBytes = 0;      // bytes of the file the engine has taken (within a chunk: in proportion)
    let lastYield = performance.now();
    const progress = (now, more) => ctx.progress({ bytes: Math.round(fedBytes), total: file.size, records, rejected: engine.importRejected(), elapsedMs: now - started, ...more });
    const tick = async () => {
      const now = performance.now();
      if (now - lastProgress >= PROGRESS_MS) {
        lastProgress = now;
        progress(now);
      }
      // let waiting calls in (an assessment, a cancel) at least every 50 ms
      if (now - lastYield > 50) { await new Promise((r) => setTimeout(r)); lastYield = performance.now(); }
    };
    read: for (;;) {
      const before = state.bytes;
      const { value, done } = await reader.read();
      if (done) break;
      if (job.cancelled) { await reader.cancel(); break; }
      // a read can bring megabytes: fed in pieces, with progress and a chance to cancel between.
      // The pieces are slices of the chunk (no copy); a CSV's partial last line is fed just
      // before the next chunk's first piece (the engine joins them), so only whole lines are
      // ever in when a cancel is seen
      const text = value;
      const end = json ? text.length : text.lastIndexOf('\n') + 1;
      if (!json && end === 0) { carry += text; continue; } // no line ends in this chunk
      for (let at = 0; at < end;) {
        let to = Math.min(end, at + FEED_PIECE);
        if (json) {
          if (to < end && text.charCodeAt(to - 1) >= 0xd800 && text.charCodeAt(to - 1) <= 0xdbff) to--; // never between a surrogate pair
          records = engine.loadHistoryChunk(text.slice(at, to));
          if (store) keep += text.slice(at, to);
        } else {
          if (to < end) to = text.lastIndexOf('\n', to - 1) + 1 > at ? text.lastIndexOf('\n', to - 1) + 1 : text.indexOf('\n', to) + 1;
          let piece = text.slice(at, to);
          if (carry && header === null) piece = carry + piece; // a header longer than a chunk: read it whole
          else if (carry) feedCsv(carry);
          carry = '';
          feedCsv(piece);
        }
        at = to;
        fedBytes = before + (state.bytes - before) * (at / text.length);
        await flushKeep(false);
        await tick();
        if (job.cancelled) { await reader.cancel(); break read; }
      }
      if (!json) carry = text.slice(end);
      fedBytes = json || !carry ? state.bytes : fedBytes;
    }
    // a Cancel from here on comes too late: the whole file was read and is kept
    const cancelled = job.cancelled;
    if (!cancelled && carry) feedCsv(carry);
    if (!cancelled) {
      fedBytes = state.bytes;
      // all read: the import's end puts each customer's tickets in time order (about a
      // second for 2M tickets), said so the full bar does not look stuck
      progress(performance.now(), { finishing: true });
    }
    await flushKeep(true);
    await Promise.all(writing);
    const report = json ? engine.finishHistory() : engine.finishCsv();
    // the last line read whole (CSV), for "stopped after line N"
    const lastLine = json ? null : 1 + lines;
    const stopped = cancelled ? { bytes: Math.round(fedBytes), line: lastLine } : null;
    // a stopped file keeps the part read: its size is that part's (and of how much)
    await store?.finish(fileId, { status: stopped ? 'stopped' : 'complete', stopped, ...(stopped ? { bytes: stopped.bytes, total: file.size } : {}), summary: { added: rows(report.added), updated: rows(report.updated), rejected: report.rejected.length } });
    return { name: file.name, kind, report, stopped, bytes: Math.round(fedBytes), total: file.size, records, fileId, elapsedMs: performance.now() - started };
  } catch (e) {
    // a failed import keeps nothing of its file in storage (what the engine took stays until a rebuild)
    try { json ? engine.finishHistory() : engine.finishCsv(); } catch { /* no import was open */ }
    if (store) await store.remove(fileId);
    throw e;
  } finally {
    running.delete(ctx.id);
  }
}

const own = {
  /** `compiled`: the page's WebAssembly.Module if it compiled one already (the demo's head does). */
  async init(base, compiled) {
    module ??= await import(new URL('rapport.js', base).href);
    wasm = await module.default({ module_or_path: compiled ?? new URL('rapport_bg.wasm', base).href });
    engine = new module.Engine();
    return { methods: Object.getOwnPropertyNames(module.Engine.prototype) };
  },
  /** The engine's WebAssembly memory in bytes (it grows with the history and never shrinks). */
  memory: () => wasm.memory.buffer.byteLength,
  /** A fresh, empty engine (to rebuild without a file: "Undo this file", forget). */
  reset() {
    engine?.free();
    engine = new module.Engine();
    return true;
  },
  importFile,
  /** Line `n` (1-based) of `file`, for a rejected row's link; read as a stream, clipped. */
  async lineOf(file, n) {
    const reader = file.stream().pipeThrough(new TextDecoderStream()).getReader();
    let line = 1, text = '';
    for (let r = await reader.read(); !r.done; r = await reader.read()) {
      let at = 0;
      while (line < n) {
        const nl = r.value.indexOf('\n', at);
        if (nl < 0) break;
        line++;
        at = nl + 1;
      }
      if (line < n) continue;
      text += r.value.slice(at);
      const end = text.indexOf('\n');
      if (end >= 0 || text.length > 2000) { await reader.cancel(); return text.slice(0, end >= 0 ? Math.min(end, 2000) : 2000).replace(/\r$/, ''); }
    }
    if (line < n) throw new Error(`the file has no line ${n}`);
    return text;
  },
  cancel(id) {
    const job = running.get(id);
    if (job) job.cancelled = true;
    return !!job;
  },
  loadHistory(history) {
    const report = engine.loadHistory(history);
    given.push(history);
    return report;
  },
  /** A fresh engine with the histories given whole and the files kept in `db` but `except`
   * ("Undo this file"); what it learned from the agent is carried over unless `learning: false`. */
  async rebuild(db, except = [], opts = {}, ctx) {
    // called without options, the call's context arrives third
    if (typeof opts?.progress === 'function') [opts, ctx] = [{}, opts];
    const learned = (opts.learning ?? true) ? engine.exportLearning() : [];
    own.reset();
    for (const h of given) engine.loadHistory(h);
    const r = db ? await own.restore(db, except, ctx) : { files: 0 };
    if (learned.length) engine.importLearning(learned);
    return { files: r.files, stats: engine.historyStats() };
  },
  /** Replays the files kept in database `db` (but `except` ids), chunk by chunk, with progress. */
  async restore(db, except = [], ctx) {
    const kept = historyDb(db);
    const total = (await kept.list()).filter((f) => !except.includes(f.id)).reduce((n, f) => n + (f.bytes ?? 0), 0);
    let files = 0;
    const n = await kept.restoreInto(engine, { except, onFile: () => ctx?.progress({ files: ++files, total }) });
    return { files: n, stats: engine.historyStats() };
  },
};

// every other call is the Engine method of that name (assess, assessQueue, feedback, loadHistory, …)
serveEngine(self, new Proxy(own, {
  get(target, name) {
    if (name in target) return target[name];
    if (!engine || typeof engine[name] !== 'function' || name === 'free') return undefined;
    return (...args) => engine[name](...args.slice(0, -1)); // the last argument is the call's context
  },
}));
