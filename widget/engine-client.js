// The page's handle on the engine in its worker (engine-worker.js), one per package base:
// `engine.call('assess', [ticket, options])` is one round trip; `engine.importFile(file, opts,
// onProgress)` streams a file in the worker and can be cancelled. Used by the demo, the widget
// (<rapport-import>, and <rapport-panel worker>) and the extension's options page.
import { engineClient } from './engine-protocol.js';
import { DEFAULT_BASE } from './engine.js';

const workers = new Map();

function folder(base) {
  const u = new URL(base, document.baseURI).href;
  return u.endsWith('/') ? u : `${u}/`;
}

/** The worker engine for the package at `base` (rapport.js, rapport_bg.wasm): the same one for
 * the same base. `workerUrl`: where engine-worker.js is served (default: beside this file); `compiled`: a
 * WebAssembly.Module (or a promise of one) the page compiled already; `worker`: a Worker the page
 * started on engine-worker.js already (a worker takes tens of milliseconds to boot: the demo
 * starts it from the page's head, while the document is still parsed). */
export function workerEngine(base = DEFAULT_BASE, { workerUrl = new URL('./engine-worker.js', import.meta.url), compiled, worker } = {}) {
  const dir = folder(base);
  if (!workers.has(dir)) {
    const client = engineClient(worker ?? new Worker(workerUrl, { type: 'module', name: 'rapport-engine' }));
    const ready = Promise.resolve(compiled).catch(() => undefined).then((m) => client.call('init', [dir, m])).catch((e) => {
      workers.delete(dir); // a later call may try again (after the page's owner fixed the CSP)
      if (/Content Security Policy|wasm-unsafe-eval/i.test(e.message)) throw new Error("the engine's worker may not run WebAssembly: its script-src needs 'wasm-unsafe-eval' (see the README)");
      throw e;
    });
    const api = {
      ready,
      /** One call to the engine: an Engine method (assess, assessQueue, feedback, loadHistory,
       * historyStats, …) or the worker's own (reset, restore). */
      call: (method, args = [], onProgress) => ready.then(() => client.call(method, args, onProgress)),
      /** Streams `file` into the engine: `{ done, cancel }`; `done` resolves to the import's
       * result (`stopped` set when cancelled), `onProgress({ bytes, total, records, rejected, elapsedMs })`. */
      importFile(file, opts, onProgress) {
        let id = null;
        let cancelled = false;
        const done = ready.then(() => {
          const p = client.call('importFile', [file, opts], onProgress);
          id = p.id;
          if (cancelled) client.cancel(id);
          return p;
        });
        return { done, cancel: () => { cancelled = true; if (id !== null) client.cancel(id); } };
      },
      terminate: () => { workers.delete(dir); client.terminate(); },
    };
    workers.set(dir, api);
  }
  return workers.get(dir);
}
