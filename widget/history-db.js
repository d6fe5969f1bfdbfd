// History files the agent loaded, kept in this origin's IndexedDB so a reload restores them
// without asking again; `forgetAll` erases them. Used by the demo desk, any page embedding the
// widget, and the engine's worker (engine-worker.js), which keeps a file as the File itself (a
// Blob: IndexedDB copies its bytes outside the page) and replays its bytes as a stream, so that
// a large file is never a string. Nothing here leaves the browser.
import { byteChunks } from './file-stream.js';

const STORE = 'imports';
// { file, seq: 0, blob }: the file as given (`format: 'blob'` on its record), or, as kept before,
// { file, seq, text }: its text in order, each piece whole code points
const CHUNKS = 'chunks';

function open(name) {
  return new Promise((resolve, reject) => {
    // version 2 added the chunk store; files kept by version 1 keep their `text` and replay as before
    const r = indexedDB.open(name, 2);
    r.onupgradeneeded = () => {
      const db = r.result;
      if (!db.objectStoreNames.contains(STORE)) db.createObjectStore(STORE, { keyPath: 'id', autoIncrement: true });
      if (!db.objectStoreNames.contains(CHUNKS)) db.createObjectStore(CHUNKS, { keyPath: ['file', 'seq'] });
    };
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}

async function run(name, stores, mode, f) {
  const db = await open(name);
  try {
    return await new Promise((resolve, reject) => {
      const t = db.transaction(stores, mode);
      const req = f(t);
      t.oncomplete = () => resolve(req?.result);
      t.onerror = () => reject(t.error);
      // a write over the quota aborts at commit without an error event
      t.onabort = () => reject(t.error ?? new Error('the browser refused to keep the file (storage full?)'));
    });
  } finally {
    db.close();
  }
}

export function historyDb(name = 'rapport-history') {
  const db = {
    /** Keeps one loaded file given whole: `{ name, kind: 'json' | 'customers' | 'tickets' | 'orders' | 'surveys', text }`. */
    save: (file) => run(name, STORE, 'readwrite', (t) => t.objectStore(STORE).add({ ...file, bytes: file.text.length, at: Date.now() })),
    /** Starts keeping a file that is read as a stream: `{ name, kind, bytes }` → its id. Until
     * marked done, it is `partial` (a tab closed mid-import keeps the part marked fed). */
    begin: (file) => run(name, STORE, 'readwrite', (t) => t.objectStore(STORE).add({ ...file, chunks: 0, status: 'partial', at: Date.now() })),
    /** Keeps the bytes of a file begun with `begin`: the File (a Blob) itself, never read into
     * the page (the browser copies it). Until it is marked complete, only the part marked fed (`fed`, bytes) replays. */
    attach: (id, blob) => run(name, [STORE, CHUNKS], 'readwrite', (t) => {
      t.objectStore(CHUNKS).put({ file: id, seq: 0, blob });
      const s = t.objectStore(STORE);
      const g = s.get(id);
      g.onsuccess = () => g.result && s.put({ ...g.result, format: 'blob', fed: g.result.fed ?? 0 });
    }),
    /** Changes fields of a kept file's record: `{ fed }`, how many of its bytes were fed so far;
     * at the end `status` 'complete' or 'stopped', plus what to show of it. */
    mark: (id, fields) => run(name, STORE, 'readwrite', (t) => {
      const s = t.objectStore(STORE);
      const g = s.get(id);
      g.onsuccess = () => g.result && s.put({ ...g.result, ...fields });
    }),
    /** Removes one kept file (and its chunks) by its id. */
    remove: (id) => run(name, [STORE, CHUNKS], 'readwrite', (t) => {
      t.objectStore(STORE).delete(id);
      t.objectStore(CHUNKS).delete(IDBKeyRange.bound([id, 0], [id, Infinity]));
    }),
    /** Every kept file, oldest first (a chunked file without its text). */
    list: () => run(name, STORE, 'readonly', (t) => t.objectStore(STORE).getAll()),
    /** A chunked file's pieces, one read at a time: the whole file is never in memory. */
    async *pieces(file) {
      if (typeof file.text === 'string') return yield* slices(file.text);
      if (file.format === 'blob') {
        // the bytes the import had fed (all of them once complete), each piece a view good
        // until the next (restoreInto feeds it at once)
        const c = await run(name, CHUNKS, 'readonly', (t) => t.objectStore(CHUNKS).get([file.id, 0]));
        return c ? yield* byteChunks(c.blob, { limit: file.fed ?? Infinity }) : undefined;
      }
      for (let seq = 0; seq < (file.chunks ?? 0); seq++) {
        const c = await run(name, CHUNKS, 'readonly', (t) => t.objectStore(CHUNKS).get([file.id, seq]));
        if (c) yield c.text;
      }
    },
    /** Loads every kept file into `engine` (in chunks), but those whose id is in `except`;
     * `onFile(file, report)` after each. Returns how many were loaded. */
    async restoreInto(engine, { except = [], onFile } = {}) {
      const files = (await db.list()).filter((f) => !except.includes(f.id));
      for (const f of files) {
        const json = f.kind === 'json';
        let report = null, fed = false;
        // one file that cannot be replayed (a tab closed before any of it was kept, a JSON file
        // stopped mid-way) leaves what it loaded and the files after it are still replayed
        try {
          for await (const piece of db.pieces(f)) {
            json ? engine.loadHistoryChunk(piece) : engine.importCsvChunk(f.kind, piece);
            fed = true;
          }
          // a file stopped part-way (or left partial by a closed tab) ends where it was cut
          if (fed) report = json ? engine.finishHistory(f.status !== 'complete') : engine.finishCsv();
        } catch (e) {
          try { json ? engine.finishHistory() : engine.finishCsv(); } catch { /* already ended */ }
          report = { error: e.message };
        }
        await onFile?.(f, report);
      }
      return files.length;
    },
    /** Erases the whole database. */
    forgetAll: () => new Promise((resolve, reject) => {
      const r = indexedDB.deleteDatabase(name);
      r.onsuccess = () => resolve();
      r.onblocked = () => resolve();
      r.onerror = () => reject(r.error);
    }),
  };
  return db;
}

/** `text` in slices of about `size` UTF-16 units, never cut between the two halves of a
 * surrogate pair: a half on its own would reach the engine as U+FFFD ("😀" back as "��"). */
export function* slices(text, size = 1 << 20) {
  for (let i = 0; i < text.length;) {
    let end = Math.min(i + size, text.length);
    const unit = text.charCodeAt(end - 1);
    // a high surrogate last: its low half goes with the next slice
    if (end < text.length && unit >= 0xd800 && unit <= 0xdbff) end += end - 1 > i ? -1 : 1;
    yield text.slice(i, end);
    i = end;
  }
}

/** Which kind of records a CSV export holds: from its file name ("orders.csv"), else from its
 * header line. The page can let the agent say so instead. */
export function guessCsvKind(fileName, text) {
  const head = text.slice(0, text.indexOf('\n') >>> 0).toLowerCase();
  const file = fileName.toLowerCase();
  for (const k of ['surveys', 'orders', 'tickets', 'customers']) if (file.includes(k.slice(0, -1))) return k;
  if (/\bnps\b|survey/.test(head)) return 'surveys';
  if (/order|total|amount|items/.test(head)) return 'orders';
  if (/ticket|subject|csat|solved|requester/.test(head)) return 'tickets';
  return 'customers';
}

/** What a file holds, judged from its first bytes before it is read whole: `{ kind }` ('json'
 * or a CSV kind), or `{ refused }` with the reason. `chosen` is the kind the agent picked. */
export function sniffFile(fileName, head, chosen = 'auto') {
  const text = head.replace(/^\uFEFF/, '');
  if (!text.trim()) return { refused: 'the file is empty' };
  if (/[\0-\x08\x0e-\x1f]/.test(text.slice(0, 4096))) return { refused: 'it is not text (a spreadsheet, an archive or an image?): export it as CSV or JSON' };
  if (/\.json$/i.test(fileName) || /^\s*[{[]/.test(text)) {
    if (!/^\s*\{/.test(text)) return { refused: 'a history JSON file is an object ({ "customers": [...], "tickets": [...] }), this one is not' };
    return { kind: 'json' };
  }
  const first = text.slice(0, (text.indexOf('\n') + 1 || text.length + 1) - 1);
  if (!/[,;\t]/.test(first)) return { refused: 'its first line is not a CSV header (no comma, semicolon or tab)' };
  return { kind: chosen === 'auto' ? guessCsvKind(fileName, text) : chosen };
}
