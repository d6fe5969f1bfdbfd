// The engine in a module Web Worker: it owns the Engine, so a large import (or the replay of
// kept files after a reload) never blocks the page. The page talks to it through
// engine-protocol.js. Started by engine-client.js; `init(base)` says where rapport.js is.
import { serveEngine } from './engine-protocol.js';
import { historyDb, sniffFile } from './history-db.js';
import { breakCounter, byteChunks, firstBreak, lastBreak } from './file-stream.js';

let module = null;
let engine = null;
let wasm = null;           // the instance's exports, for its memory's size
const given = [];          // histories given whole (loadHistory): a rebuild loads them again
const running = new Map(); // call id → { cancelled } for the imports under way
// the page asks for progress at least every 250 ms; 50 leaves room for a piece that stalls (once
// a run, one 128K piece took 113–132 ms at ~500K tickets: most likely a table of the store growing)
const PROGRESS_MS = 50;
// how often a kept file's record is told how far the import got (for a tab closed mid-way)
const MARK_BYTES = 1 << 20;
const FEED_PIECE = 128 << 10; // bytes fed at once: a few ms of work, so progress and calls are never held long
// bytes asked of the file at a time: a read of a megabyte could wait long enough (while
// IndexedDB copies the same file) to leave a gap of 250 ms in the progress
const READ_SIZE = 256 << 10;

const rows = (r) => r.customers + r.tickets + r.orders + r.surveys;

/** Streams `file` into the engine. `opts`: `{ kind: 'auto' | a CSV kind, keep: database name or
 * null }`. Answers `{ name, kind, report, stopped, bytes, total, records, fileId }`; `stopped` when
 * cancelled: what was read up to the last whole row is kept (and stored), the rest is not. */
async function importFile(file, opts = {}, ctx) {
  const job = { cancelled: false };
  running.set(ctx.id, job); // first: a Cancel sent at once is not lost
  try {
    return await importStream(file, opts, ctx, job);
  } finally {
    running.delete(ctx.id);
  }
}

async function importStream(file, opts, ctx, job) {
  const head = await file.slice(0, 64 << 10).text();
  const shape = sniffFile(file.name, head, opts.kind ?? 'auto');
  if (shape.refused) throw new Error(`refused before reading it: ${shape.refused}`);
  const { kind } = shape;
  const json = kind === 'json';
  const store = opts.keep ? historyDb(opts.keep) : null;
  const fileId = store ? await store.begin({ name: file.name, kind, bytes: file.size }) : null;
  // the kept copy is the File itself: IndexedDB copies its bytes in the browser, not in this
  // worker (kept as text, 1 MB pieces built here and cloned into IndexedDB, the renderer's peak
  // grew by 80-198 MB beyond the engine's store for a 191 MB export cancelled at 40%)
  const saving = store?.attach(fileId, file);
  saving?.catch(() => {}); // seen when awaited at the end
  const started = performance.now();
  let records = 0, lastProgress = 0;
  // bytes of the file the engine has taken, in order: where a stop cut it (always after a line
  // break in a CSV). The engine is fed the file's bytes, never JS strings (`utf8_pieces.rs`)
  let fed = 0;
  let carry = [];          // CSV: the bytes after the last line break (copies), fed before the next piece
  let header = false;      // CSV: the header line was fed (alone: a header that names no field fails at once)
  const lines = breakCounter(); // CSV: line breaks fed, for "stopped after line N"
  // One import from the first chunk to the last: the rejected rows so far are asked of it
  // (importRejected). It used to be finished and restarted every 8 MB for them, and each
  // finish put every customer's tickets in order: 160–310 ms at a time in the worker, gaps
  // in the progress above 250 ms.
  let marking = null, marked = 0;
  const markFed = () => {
    if (!store || marking || fed - marked < MARK_BYTES) return;
    marked = fed;
    marking = store.mark(fileId, { fed }).catch(() => {}).finally(() => { marking = null; });
  };
  const feedCsv = (bytes) => {
    if (!header) {
      const brk = firstBreak(bytes);
      const end = brk || bytes.length;
      engine.importCsvChunk(kind, bytes.subarray(0, end)); // a header that names no field throws here, once whole
      fed += end;
      header = brk > 0;
      lines.add(bytes.subarray(0, end));
      bytes = bytes.subarray(end);
    }
    if (!bytes.length) return;
    records = engine.importCsvChunk(kind, bytes);
    fed += bytes.length;
    lines.add(bytes);
  };
  try {
    let lastYield = performance.now();
    const progress = (now, more) => ctx.progress({ bytes: fed, total: file.size, records, rejected: engine.importRejected(), elapsedMs: now - started, ...more });
    const tick = async () => {
      const now = performance.now();
      if (now - lastProgress >= PROGRESS_MS) {
        lastProgress = now;
        progress(now);
      }
      // let waiting calls in (an assessment, a cancel) at least every 50 ms
      if (now - lastYield > 50) { await new Promise((r) => setTimeout(r)); lastYield = performance.now(); }
    };
    const chunks = byteChunks(file, { size: READ_SIZE });
    read: for await (const bytes of chunks) {
      if (job.cancelled) break;
      // a read brings up to READ_SIZE bytes: fed in pieces, with progress and a chance to cancel
      // between. The pieces are views of the read (no copy; the read's buffer is reused, so
      // what waits for the next read is copied out); a CSV's partial last line is fed just
      // before the next read's first piece (the engine joins them), so only whole lines are
      // ever in when a cancel is seen
      const end = json ? bytes.length : lastBreak(bytes);
      if (!json && end === 0) { carry.push(bytes.slice()); continue; } // no line ends in this read
      for (let at = 0; at < end;) {
        let to = Math.min(end, at + FEED_PIECE);
        if (json) {
          records = engine.loadHistoryChunk(bytes.subarray(at, to));
          fed += to - at;
        } else {
          if (to < end) {
            const before = lastBreak(bytes, to);
            to = before > at ? before : firstBreak(bytes, to);
          }
          // the line the last read left unfinished, then whole lines (the engine joins them)
          for (const c of carry) feedCsv(c);
          carry = [];
          feedCsv(bytes.subarray(at, to));
        }
        at = to;
        markFed();
        await tick();
        if (job.cancelled) break read;
      }
      if (!json && end < bytes.length) carry.push(bytes.slice(end));
    }
    // a Cancel from here on comes too late: the whole file was read and is kept
    const cancelled = job.cancelled;
    await chunks.return?.();
    if (!cancelled) for (const c of carry) feedCsv(c);
    if (!cancelled) {
      // all read: the import's end puts each customer's tickets in time order (about a
      // second for 2M tickets), said so the full bar does not look stuck
      progress(performance.now(), { finishing: true });
    }
    await saving;
    await marking;
    // a stopped file keeps only the part fed (the whole File was put in at the start)
    if (cancelled && store) await store.attach(fileId, file.slice(0, fed));
    const report = json ? engine.finishHistory(cancelled) : engine.finishCsv();
    // the last line read whole (CSV), for "stopped after line N"
    const lastLine = json ? null : lines.done();
    const stopped = cancelled ? { bytes: fed, line: lastLine } : null;
    // a stopped file keeps the part read: its size is that part's (and of how much)
    await store?.mark(fileId, { fed: cancelled ? fed : null, status: stopped ? 'stopped' : 'complete', stopped, ...(stopped ? { bytes: stopped.bytes, total: file.size } : {}), summary: { added: rows(report.added), updated: rows(report.updated), rejected: report.rejected.length } });
    return { name: file.name, kind, report, stopped, bytes: fed, total: file.size, records, fileId, elapsedMs: performance.now() - started };
  } catch (e) {
    // a failed import keeps nothing of its file in storage (what the engine took stays until a rebuild)
    try { json ? engine.finishHistory() : engine.finishCsv(); } catch { /* no import was open */ }
    if (store) await store.remove(fileId);
    throw e;
  }
}

let starting = null; // the engine's first init, under way or done

async function start(base, compiled) {
  module ??= await import(new URL('rapport.js', base).href);
  wasm = await module.default({ module_or_path: compiled ?? new URL('rapport_bg.wasm', base).href });
  engine = new module.Engine();
  return { methods: Object.getOwnPropertyNames(module.Engine.prototype) };
}

const own = {
  /** `compiled`: the page's WebAssembly.Module if it compiled one already (the demo's head does).
   * Once started, later calls share the first one's engine: the demo's head sends `init` as soon
   * as its .wasm is compiled (id 0, no one waits on the answer), and app.js sends it again. One
   * that failed is tried again by the next. */
  init(base, compiled) {
    starting ??= start(base, compiled).catch((e) => { starting = null; throw e; });
    return starting;
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
