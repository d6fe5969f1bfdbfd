// @ts-check
// The agent's history files and learned state, kept in this extension's own IndexedDB and
// chrome.storage.local: never synced, never sent. Shared by the side panel and the options page.
import { historyDb } from './history-db.js';
import { toWorker } from './messages.js';
import { loadModule } from './engine.js';

// the same store as the widget's, in the extension's own origin (the options page's worker
// keeps the files it streams under the same name)
export const DB_NAME = 'rapport';
const db = historyDb(DB_NAME);

/** `{ id, name, kind: 'json' | 'customers' | 'tickets' | 'orders' | 'surveys', bytes, at, text }`, or
 * for a file streamed in chunks `{ …, chunks, status: 'partial' | 'complete' | 'stopped' }` */
export const imports = { all: db.list, add: db.save, remove: db.remove };

/** Loads every stored import into `engine`, in the order they were added, and the learning. */
export async function loadInto(engine) {
  await db.restoreInto(engine);
  const { learning } = /** @type {{ learning?: unknown[] }} */ (await chrome.storage.local.get('learning'));
  if (learning?.length) engine.importLearning(learning);
}

export async function saveLearning(engine) {
  await chrome.storage.local.set({ learning: engine.exportLearning() });
}

/** Erases everything: the database, local and session storage. */
export async function forgetAll() {
  await db.forgetAll();
  await chrome.storage.local.clear();
  await chrome.runtime.sendMessage(toWorker.forget()).catch(() => {});
}

/** What is stored: the imports (without their text) and the bytes used. */
export async function stored() {
  const list = (await imports.all()).map(({ text, ...rest }) => rest);
  const est = await navigator.storage?.estimate?.().catch(() => null);
  const local = await chrome.storage.local.getBytesInUse?.(null).catch(() => 0);
  return { imports: list, bytes: list.reduce((n, r) => n + r.bytes, 0), usage: est?.usage ?? null, localBytes: local ?? 0 };
}

export async function openEngine(base = './engine/') {
  const m = await loadModule(new URL(base, import.meta.url).href);
  return new m.Engine();
}
