// History files the agent loaded, kept in this origin's IndexedDB so a reload restores them
// without asking again; `forgetAll` erases them. Used by the demo desk (and any page embedding
// the widget); nothing here leaves the browser.
const STORE = 'imports';

function open(name) {
  return new Promise((resolve, reject) => {
    const r = indexedDB.open(name, 1);
    r.onupgradeneeded = () => r.result.createObjectStore(STORE, { keyPath: 'id', autoIncrement: true });
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}

async function run(name, mode, f) {
  const db = await open(name);
  try {
    return await new Promise((resolve, reject) => {
      const t = db.transaction(STORE, mode);
      const req = f(t.objectStore(STORE));
      t.oncomplete = () => resolve(req?.result);
      t.onerror = () => reject(t.error);
    });
  } finally {
    db.close();
  }
}

export function historyDb(name = 'rapport-history') {
  return {
    /** Keeps one loaded file: `{ name, kind: 'json' | 'customers' | 'tickets' | 'orders' | 'surveys', text }`. */
    save: (file) => run(name, 'readwrite', (s) => s.add({ ...file, bytes: file.text.length, at: Date.now() })),
    /** Removes one kept file by its id. */
    remove: (id) => run(name, 'readwrite', (s) => s.delete(id)),
    /** Every kept file, oldest first. */
    list: () => run(name, 'readonly', (s) => s.getAll()),
    /** Loads every kept file into `engine` (in streamed chunks); returns how many. */
    async restoreInto(engine) {
      const files = await this.list();
      for (const f of files) {
        if (f.kind === 'json') {
          for (const part of slices(f.text)) engine.loadHistoryChunk(part);
          engine.finishHistory();
        } else {
          for (const part of slices(f.text)) engine.importCsvChunk(f.kind, part);
          engine.finishCsv();
        }
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
