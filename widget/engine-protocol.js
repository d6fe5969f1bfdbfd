// The one message protocol between a page and the engine's worker (widget/engine-worker.js),
// shared by the demo, the widget and the extension:
//   page → worker   { id, method, args }                 a call; `method` is an Engine method or
//                                                        one of the worker's own (importFile, …)
//   worker → page   { id, result }                       its answer
//                   { id, error: { message, code? } }    or why it failed (code: RAPPORT_RESTARTED…)
//                   { id, progress }                     zero or more before the answer (imports)
// Cancel is itself a call: { method: 'cancel', args: [idOfTheImport] }.

/** The page's side: `call(method, args, onProgress)` → a promise of the result, with its `id`. */
export function engineClient(worker) {
  let next = 1; // from 1: id 0 is the demo head's own early `init` (www/index.html), answered to nobody
  const waiting = new Map();
  const failAll = (message) => {
    for (const w of waiting.values()) w.reject(new Error(message));
    waiting.clear();
  };
  worker.addEventListener('message', ({ data }) => {
    const w = waiting.get(data?.id);
    if (!w) return;
    if ('progress' in data) return void w.onProgress?.(data.progress);
    waiting.delete(data.id);
    if ('error' in data) w.reject(Object.assign(new Error(data.error.message), data.error.code ? { code: data.error.code } : {}));
    else w.resolve(data.result);
  });
  // a worker that cannot start (blocked by a CSP, missing file) rejects every call, said once
  worker.addEventListener('error', (e) => failAll(`the engine's worker failed: ${e.message || 'it could not be loaded (is engine-worker.js served, and does the page\'s CSP allow it in worker-src?)'}`));
  function call(method, args = [], onProgress) {
    const id = next++;
    const p = new Promise((resolve, reject) => waiting.set(id, { resolve, reject, onProgress }));
    worker.postMessage({ id, method, args });
    return Object.assign(p, { id });
  }
  return {
    call,
    /** Stops the import started by the call with this id (it answers with what was kept). */
    cancel: (id) => call('cancel', [id]),
    terminate: () => { worker.terminate(); failAll('the engine was closed'); },
  };
}

/** The worker's side: answers each call with `methods[method](...args, context)`, where
 * `context` is `{ id, progress(p) }`. Calls run in the order they came; an async method lets
 * later ones (an assessment, a cancel) run while it waits for its file. */
export function serveEngine(scope, methods) {
  scope.addEventListener('message', async ({ data }) => {
    const { id, method, args = [] } = data ?? {};
    const context = { id, progress: (progress) => scope.postMessage({ id, progress }) };
    try {
      if (typeof methods[method] !== 'function') throw new Error(`the engine has no method "${method}"`);
      scope.postMessage({ id, result: await methods[method](...args, context) });
    } catch (e) {
      scope.postMessage({ id, error: { message: e?.message ?? String(e), ...(e?.code ? { code: e.code } : {}) } });
    }
  });
}
