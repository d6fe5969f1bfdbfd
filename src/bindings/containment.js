
// ---- Containment (appended to rapport.js by scripts/finish-pkg.mjs; it reads the glue's own
// `Engine`, `EngineFinalization`, `wasmModule`, `__wbg_get_imports` and `__wbg_finalize_init`).
// The engine never panics on input (tests/hostile.rs, make fuzz), but if a call still traps
// (a WebAssembly.RuntimeError, or a RangeError from a stack the VM ran out of), the instance is
// not trusted again: its shadow stack and borrow flags stay where the trap left them, and every
// later call would fail or, worse, answer from a half-changed state. So the call fails with a
// RapportError that says so, the module is instantiated afresh, and every live engine is rebuilt
// on the new instance from what was loaded into it (its journal: config, history, snippets,
// macros) and what it learned (its exported learning, or its feedback when that cannot be read),
// with its latest assessments made again (ASSESS_KEPT) so feedback on them learns as before.
// An engine whose inputs were too large to keep (JOURNAL_LIMIT) is lost instead, and says so.

/** A call the engine could not complete because of an internal error, not the input. */
export class RapportError extends Error {
  constructor(message, code, cause) {
    super(message, { cause });
    this.name = 'RapportError';
    this.code = code;
  }
}

// what an engine keeps to be rebuilt: at most this many characters of loaded text, and of it
// at most this many bytes copied from byte chunks (a file fed through one buffer: copies held
// up to 64 MB raised the renderer's peak on a 191 MB import from 319 to 394 MB)
const JOURNAL_LIMIT = 64e6;
const BYTES_KEPT = 8 << 20;
// calls that change what an engine holds, replayed in order on a new instance
const LOADS = new Set(['loadHistory', 'loadHistoryText', 'loadHistoryChunk', 'finishHistory', 'importCsv', 'importCsvChunk', 'finishCsv', 'loadSnippets', 'importMacros']);
const LEARNS = new Set(['feedback', 'importLearning', 'resetLearning', 'assess']);
// the latest assessments kept to be made again (what feedback on them is learned against, and
// the engine's record of them): at most this many
const ASSESS_KEPT = 500;
const RAW = {};
const live = new Set();
let restarts = 0;

const poisoned = (e) => e instanceof WebAssembly.RuntimeError || e instanceof RangeError;
// what the journal keeps of an argument: its content as it was at the call, not the caller's
// object or buffer (a file read through one reused buffer, a history object reused for the next
// batch, would otherwise rebuild the engine with whatever they hold at the restart). Objects
// are kept as their JSON, which is all the bindings read of them, and counted in the limit.
// Assessments keep the caller's ticket (copying every ticket would cost assess a second
// JSON.stringify; a reused ticket object only changes which assessment is made again).
class Kept {
  constructor(json) { this.json = json; }
}
// (a Node Buffer's slice() is a view of the caller's memory: copied through the constructor)
const kept = (a) => (ArrayBuffer.isView(a) ? new Uint8Array(a) : a !== null && typeof a === 'object' ? new Kept(JSON.stringify(a)) : a);
const given = (a) => (a instanceof Kept ? JSON.parse(a.json) : a);
const keptSize = (a) => (typeof a === 'string' ? a.length : ArrayBuffer.isView(a) ? a.byteLength : a instanceof Kept ? a.json.length : 0);
// one chunk is copied whole into the module's memory: a larger one is refused before it is
// (a 4 GB Uint8Array trapped the module when the copy could not be allocated)
const CHUNK_MAX = 1 << 28;
// the chunked calls, and where their chunk is; the call that finishes each
const CHUNKED = { loadHistoryChunk: 0, importCsvChunk: 1 };
const FINISHES = { finishHistory: 'loadHistoryChunk', finishCsv: 'importCsvChunk' };
const isHigh = (u) => u >= 0xd800 && u <= 0xdbff;
const TEXTS = new Set(['analyzeTexts', 'sentiments']);

class GuardedEngine extends Engine {
  constructor(config) {
    try {
      super(config);
    } catch (e) {
      if (!poisoned(e)) throw e;
      restart(e);
      throw new RapportError(`Rapport stopped on an internal error while starting (${e.message}); it was restarted: create the engine again`, 'RAPPORT_RESTARTED', e);
    }
    this.__rapport = { config, journal: [], learned: [], assessed: 0, size: 0, lost: null };
    live.add(new WeakRef(this));
  }

  free() {
    for (const r of live) if (r.deref() === this) live.delete(r);
    // a lost engine holds no instance memory any more (its pointer was given up in restart)
    if (this.__wbg_ptr) super.free();
  }
}

let lastTrap = '';

function guard(name) {
  const raw = Engine.prototype[name];
  RAW[name] = raw;
  GuardedEngine.prototype[name] = function (...args) {
    const s = this.__rapport;
    if (s?.lost) throw new RapportError(s.lost, 'RAPPORT_LOST');
    // a half of a character held back from a string chunk is given where it was (a lone half:
    // U+FFFD) before a chunk of bytes and before the import ends, not after them
    const held = s?.held;
    if (held && (FINISHES[name] === held.name || (held.name === name && typeof args[CHUNKED[name]] !== 'string'))) {
      s.held = null;
      call(this, held.name, held.args);
    }
    if (s && name in CHUNKED) args = chunkIn(s, name, args);
    // texts read element by element inside the module: a getter that throws there (a Proxy,
    // a lazy array) left the engine's borrow taken and every later call failing, so the array
    // is read here first
    if (TEXTS.has(name) && Array.isArray(args[0])) {
      try {
        args = [args[0].slice(), ...args.slice(1)];
      } catch (e) {
        throw new Error(`texts: cannot be read (${e?.message ?? e})`);
      }
    }
    if (name !== 'assessQueue') return call(this, name, args);
    try {
      return call(this, name, args);
    } catch (e) {
      if (e instanceof RapportError || !Array.isArray(args[0]) || !/^tickets: /.test(e.message)) throw e;
      return queueOneByOne(this, args[0], args.slice(1));
    }
  };
}

/** `assessQueue` when the queue cannot cross whole (one ticket's thread too long, or nested too
 * deep to read): each ticket on its own, the ones that cannot cross reported in their places
 * like any unreadable ticket, so that one bad ticket never blanks the queue. Only on that
 * error: the queue crosses as one JSON text otherwise, which is the fast way. */
function queueOneByOne(e, tickets, rest) {
  return tickets.map((t, index) => {
    try {
      const [a] = call(e, 'assessQueue', [[t], ...rest]);
      return a.error === undefined ? a : { index, ticketId: a.ticketId, error: a.error.replace(/^tickets\[0\]/, `tickets[${index}]`) };
    } catch (err) {
      if (err instanceof RapportError || !/^tickets: /.test(err.message)) throw err;
      const id = t?.id;
      const ticketId = typeof id === 'string' ? id : typeof id === 'number' && Number.isFinite(id) ? String(id) : undefined;
      return { index, ticketId, error: err.message.replace(/^tickets: /, `tickets[${index}]: `).replace(`tickets[${index}]: a thread`, `tickets[${index}].messages: a thread`) };
    }
  });
}

/** A chunk as the engine is given it: refused when too large to copy, and a string cut between
 * the two halves of a character (text.slice(i, i + n) does) joined again: the first half waits
 * for the next chunk, where it used to become two U+FFFD. */
function chunkIn(s, name, args) {
  const at = CHUNKED[name];
  let c = args[at];
  const n = typeof c === 'string' ? c.length : ArrayBuffer.isView(c) ? c.byteLength : 0;
  if (n > CHUNK_MAX) {
    throw new Error(`chunk: ${n} ${typeof c === 'string' ? 'characters' : 'bytes'}; a chunk holds at most ${CHUNK_MAX}: pass the file in smaller chunks`);
  }
  if (typeof c !== 'string') return args;
  if (s.held?.name === name) c = s.held.args[at] + c;
  s.held = null;
  if (c.length && isHigh(c.charCodeAt(c.length - 1))) {
    const rest = [...args];
    rest[at] = c.slice(-1);
    s.held = { name, args: rest };
    c = c.slice(0, -1);
  }
  const out = [...args];
  out[at] = c;
  return out;
}

/** Calls the engine's own method, restarting the module if it traps, and keeps what the call
 * loaded or learned for a rebuild. */
function call(e, name, args) {
  const s = e.__rapport;
  let out;
  try {
    out = RAW[name].apply(e, args);
  } catch (err) {
    if (!poisoned(err)) throw err;
    restart(err);
    throw new RapportError(`Rapport stopped on an internal error in ${name} (${err.message}); it was restarted with what was loaded before this call, which had no effect`, 'RAPPORT_RESTARTED', err);
  }
  if (s && LOADS.has(name) && s.journal) {
    const bytes = args.reduce((n, a) => n + (ArrayBuffer.isView(a) ? a.byteLength : 0), 0);
    let copy = null;
    if ((s.bytes = (s.bytes ?? 0) + bytes) <= BYTES_KEPT) {
      try { copy = args.map(kept); } catch { copy = null; }
    }
    s.size += copy ? copy.reduce((n, a) => n + keptSize(a), 0) : Infinity;
    if (s.size > JOURNAL_LIMIT) s.journal = null; // too large to keep: not rebuilt after a restart
    else s.journal.push([name, copy]);
  } else if (s && LEARNS.has(name)) {
    if (name === 'importLearning' || name === 'resetLearning') s.learned = s.learned.filter(([n]) => n === 'assess');
    let copy = args;
    if (name !== 'assess') try { copy = args.map(kept); } catch { copy = args; }
    s.learned.push([name, copy]);
    if (name === 'assess' && ++s.assessed > ASSESS_KEPT) {
      s.learned.splice(s.learned.findIndex(([n]) => n === 'assess'), 1);
      s.assessed -= 1;
    }
  }
  return out;
}
for (const name of Object.getOwnPropertyNames(Engine.prototype)) {
  if (name === 'constructor' || name === 'free' || name.startsWith('__') || typeof Engine.prototype[name] !== 'function') continue;
  guard(name);
}

/** Instantiates the module afresh and rebuilds every live engine on it. An engine whose
 * rebuild traps again is lost, and the others are rebuilt on yet another instance. */
function restart(cause) {
  lastTrap = cause?.message ?? String(cause);
  const engines = [];
  for (const r of live) {
    const e = r.deref();
    if (!e) { live.delete(r); continue; }
    // what it learned, read from the old instance while it can still be read (when it cannot,
    // its feedback is replayed instead, after the assessments it was given on)
    let rows = null;
    if (!e.__rapport.lost) {
      try { rows = RAW.exportLearning.call(e); } catch { rows = null; }
    }
    engines.push([e, rows]);
    e.__destroy_into_raw(); // the old pointer means nothing on the new instance
  }
  for (let attempt = 0; ; attempt++) {
    restarts += 1;
    __wbg_finalize_init(new WebAssembly.Instance(wasmModule, __wbg_get_imports()), wasmModule);
    const failed = engines.find(([e, rows]) => !rebuild(e, rows));
    if (!failed) return;
    failed[0].__rapport.lost = `Rapport could not rebuild this engine after an internal error (${lastTrap}): create a new engine and load it again`;
    for (const [e] of engines) if (e.__wbg_ptr) e.__destroy_into_raw();
    if (attempt > engines.length) return;
  }
}

/** Rebuilds `e` on the current instance: false if that trapped (the instance is poisoned). */
function rebuild(e, rows) {
  const s = e.__rapport;
  if (s.lost) return true;
  if (!s.journal) {
    s.lost = `Rapport was restarted after an internal error (${lastTrap}) and this engine's history was too large to keep for it: create a new engine and load the history again`;
    return true;
  }
  const replay = (name, args) => {
    try { RAW[name].apply(e, args); } catch (err) { if (poisoned(err)) throw err; }
  };
  try {
    const fresh = new Engine(s.config);
    const ptr = fresh.__destroy_into_raw();
    e.__wbg_ptr = ptr;
    EngineFinalization.register(e, ptr, e);
    for (const [name, args] of s.journal) replay(name, args.map(given));
    if (rows) RAW.importLearning.call(e, rows);
    // the assessments kept, again: feedback on them is learned in their situation (and, with
    // no rows read, what it learned is replayed in the order it came)
    for (const [name, args] of s.learned) if (!rows || name === 'assess') replay(name, args.map(given));
    return true;
  } catch (err) {
    if (poisoned(err)) return false;
    s.lost = `Rapport could not rebuild this engine after an internal error (${lastTrap}; then ${err.message}): create a new engine`;
    return true;
  }
}

/** How many times the module was instantiated afresh after an internal error. */
export function restartCount() {
  return restarts;
}

export { GuardedEngine as Engine };
