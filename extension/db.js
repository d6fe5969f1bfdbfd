// The agent's history files and learned state, kept in this extension's own IndexedDB and
// chrome.storage.local: never synced, never sent. Shared by the side panel and the options page.
const DB = 'rapport';

function open() {
  return new Promise((resolve, reject) => {
    const r = indexedDB.open(DB, 1);
    r.onupgradeneeded = () => r.result.createObjectStore('imports', { keyPath: 'id', autoIncrement: true });
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}

async function tx(mode, f) {
  const db = await open();
  try {
    return await new Promise((resolve, reject) => {
      const t = db.transaction('imports', mode);
      const out = f(t.objectStore('imports'));
      t.oncomplete = () => resolve(out?.result ?? out);
      t.onerror = () => reject(t.error);
    });
  } finally {
    db.close();
  }
}

/** `{ id, name, kind: 'json' | 'customers' | 'tickets' | 'orders' | 'surveys', text, bytes, at, report }` */
export const imports = {
  all: () => tx('readonly', (s) => s.getAll()),
  add: (rec) => tx('readwrite', (s) => s.add(rec)),
  remove: (id) => tx('readwrite', (s) => s.delete(id)),
};

/** Loads every stored import into `engine`, in the order they were added. */
export async function loadInto(engine) {
  for (const rec of await imports.all()) {
    if (rec.kind === 'json') engine.loadHistory(JSON.parse(rec.text));
    else engine.importCsv(rec.kind, rec.text);
  }
  const { learning } = await chrome.storage.local.get('learning');
  if (learning?.length) engine.importLearning(learning);
}

export async function saveLearning(engine) {
  await chrome.storage.local.set({ learning: engine.exportLearning() });
}

/** Erases everything: the database, local and session storage. */
export async function forgetAll() {
  await new Promise((resolve, reject) => {
    const r = indexedDB.deleteDatabase(DB);
    r.onsuccess = r.onblocked = () => resolve();
    r.onerror = () => reject(r.error);
  });
  await chrome.storage.local.clear();
  await chrome.runtime.sendMessage({ type: 'forget' }).catch(() => {});
}

/** What is stored: the imports (without their text) and the bytes used. */
export async function stored() {
  const list = (await imports.all()).map(({ text, ...rest }) => rest);
  const est = await navigator.storage?.estimate?.().catch(() => null);
  const local = await chrome.storage.local.getBytesInUse?.(null).catch(() => 0);
  return { imports: list, bytes: list.reduce((n, r) => n + r.bytes, 0), usage: est?.usage ?? null, localBytes: local ?? 0 };
}

export async function openEngine(base = './engine/') {
  const m = await import(`${base}rapport.js`);
  await m.default({ module_or_path: new URL(`${base}rapport_bg.wasm`, import.meta.url) });
  return new m.Engine();
}
