// Loads the Rapport engine once per page (per base path): the package's rapport.js and
// rapport_bg.wasm, found relative to this file unless a base is given. Nothing else is fetched.

const modules = new Map();
const engines = new Map();

/** The package folder this file was served from (widget/ sits inside it). */
export const DEFAULT_BASE = new URL('../', import.meta.url).href;

function folder(base) {
  const u = new URL(base, document.baseURI).href;
  return u.endsWith('/') ? u : `${u}/`;
}

/** The package's module at `base` (rapport.js), its WebAssembly instantiated: the same
 * promise for the same base. The one loader of the pages (the widget, the extension's pages,
 * the demo's reporting pages); the worker has its own (engine-worker.js `init`). */
export function loadModule(base = DEFAULT_BASE) {
  const dir = folder(base);
  if (!modules.has(dir)) {
    modules.set(dir, (async () => {
      const module = await import(`${dir}rapport.js`);
      await module.default({ module_or_path: `${dir}rapport_bg.wasm` }).catch((e) => {
        // the most common cause on a host page, said so the page's owner knows the fix
        if (/Content Security Policy/i.test(e?.message)) throw new Error("this page's Content Security Policy does not let WebAssembly run: add 'wasm-unsafe-eval' to its script-src (see the README)");
        throw e;
      });
      return module;
    })());
    modules.get(dir).catch(() => modules.delete(dir)); // a later call may try again
  }
  return modules.get(dir);
}

/** `{ module, engine }` for the package at `base`; the same promise for the same base. */
export function loadEngine(base = DEFAULT_BASE) {
  const dir = folder(base);
  if (!engines.has(dir)) {
    engines.set(dir, loadModule(dir).then((module) => ({ module, engine: new module.Engine() })));
    engines.get(dir).catch(() => engines.delete(dir)); // a later call may try again
  }
  return engines.get(dir);
}
