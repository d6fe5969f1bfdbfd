// Completes pkg/ after wasm-pack: a Node entry that loads the .wasm itself (so
// `import { Engine } from "rapport"` works with no bundler), the package README, and a
// package.json with exports for Node and browsers.
import fs from 'node:fs';
const pkg = new URL('../pkg/', import.meta.url);
const cargo = fs.readFileSync(new URL('../Cargo.toml', import.meta.url), 'utf8');
const version = /^version\s*=\s*"([^"]+)"/m.exec(cargo)[1];

const NODE_ENTRY = `// Node entry: instantiates the WebAssembly synchronously from the file beside this one.
import { readFileSync } from 'node:fs';
import { initSync } from './rapport.js';
initSync({ module: readFileSync(new URL('./rapport_bg.wasm', import.meta.url)) });
export * from './rapport.js';
export { default } from './rapport.js';
`;
// the ticket-side engine, and the full one (outreach and insights) for the reporting pages
for (const dir of ['', 'insights/']) fs.writeFileSync(new URL(`${dir}rapport_node.js`, pkg), NODE_ENTRY);
// wasm-bindgen puts each `inline_js` in its own module under snippets/: a request the browser
// finds only after rapport.js has arrived (one more round trip on every cold start). Inline
// them into rapport.js and drop the folder.
for (const dir of ['', 'insights/']) {
  const at = new URL(dir, pkg);
  const glue = new URL('rapport.js', at);
  let js = fs.readFileSync(glue, 'utf8');
  js = js.replace(/^import \{ ([\w, ]+) \} from '\.\/(snippets\/[^']+\.js)';\n/gm, (_, names, file) => {
    const body = fs.readFileSync(new URL(file, at), 'utf8').replace(/^export function /gm, 'function ');
    for (const n of names.split(', ')) if (!new RegExp(`^function ${n}\\(`, 'm').test(body)) throw new Error(`finish-pkg: ${file} does not define ${n}`);
    return `// from ${file}\n${body.trim()}\n`;
  });
  // any other form (`import * as x from "./snippets/…"`, which wasm-bindgen writes for an import
  // it can call directly) would be a request the folder no longer answers
  if (/from ['"]\.\/snippets\//.test(js)) throw new Error('finish-pkg: an import from snippets/ is left in rapport.js');
  // containment (src/bindings/containment.js says why): the exported Engine becomes a guarded
  // subclass of wasm-bindgen's; the glue internals it reads must be there
  for (const name of ['export class Engine {', 'const EngineFinalization', 'function __wbg_finalize_init(', 'function __wbg_get_imports(', 'wasmModule']) {
    if (!js.includes(name)) throw new Error(`finish-pkg: the glue has no ${name} (wasm-bindgen changed?): containment cannot be added`);
  }
  js = js.replace('export class Engine {', 'class Engine {') + fs.readFileSync(new URL('../src/bindings/containment.js', import.meta.url), 'utf8');
  fs.writeFileSync(glue, js);
  const types = new URL('rapport.d.ts', at);
  fs.appendFileSync(types, `
/** A call the engine could not complete because of an internal error, not the input: \`RAPPORT_RESTARTED\` (the module was restarted and every engine rebuilt with what was loaded into it; this call had no effect) or \`RAPPORT_LOST\` (this engine could not be rebuilt: create a new one). */
export class RapportError extends Error {
  readonly code: "RAPPORT_RESTARTED" | "RAPPORT_LOST";
}
/** How many times the module was instantiated afresh after an internal error. */
export function restartCount(): number;
`);
  fs.rmSync(new URL('snippets/', at), { recursive: true, force: true });
}
fs.copyFileSync(new URL('../npm/README.md', import.meta.url), new URL('README.md', pkg));
// the widget and its shared panel, beside the engine they load (widget/ inside the package)
fs.mkdirSync(new URL('widget/', pkg), { recursive: true });
// rapport-outreach.js and the charts load the insights build (insights/ beside the engine)
const WIDGET = ['rapport-panel.js', 'panel.js', 'engine.js', 'history-db.js', 'file-stream.js', 'engine-protocol.js', 'engine-worker.js', 'engine-client.js', 'import-view.js', 'rapport-import.js', 'rapport-outreach.js', 'outreach-list.js', 'charts.js', 'insights-view.js'];
for (const f of WIDGET) fs.copyFileSync(new URL(`../widget/${f}`, import.meta.url), new URL(`widget/${f}`, pkg));
fs.copyFileSync(new URL('../LICENSE', import.meta.url), new URL('LICENSE', pkg));
const manifest = {
  name: 'rapport',
  version,
  description: 'Scores the relational opportunity of help-desk tickets in the browser: score, band, route, reasons with evidence, follow-up and channel advice. WebAssembly; no data leaves the page.',
  license: 'MIT',
  type: 'module',
  keywords: ['customer-service', 'help-desk', 'sentiment', 'support', 'webassembly', 'wasm'],
  engines: { node: '>=20' },
  files: ['rapport_bg.wasm', 'rapport_bg.wasm.d.ts', 'rapport.js', 'rapport.d.ts', 'rapport_node.js', 'insights/', 'widget/', 'README.md', 'LICENSE'],
  main: './rapport_node.js',
  module: './rapport.js',
  types: './rapport.d.ts',
  exports: {
    '.': {
      types: './rapport.d.ts',
      node: './rapport_node.js',
      default: './rapport.js',
    },
    './rapport_bg.wasm': './rapport_bg.wasm',
    // the full engine: everything of '.', plus outreach and insights (a larger .wasm)
    './insights': {
      types: './insights/rapport.d.ts',
      node: './insights/rapport_node.js',
      default: './insights/rapport.js',
    },
    './insights/rapport_bg.wasm': './insights/rapport_bg.wasm',
    './widget': './widget/rapport-panel.js',
    './widget/panel': './widget/panel.js',
    './widget/history-db': './widget/history-db.js',
    './widget/file-stream': './widget/file-stream.js',
    // the engine in a worker: the page's handle, the worker itself (served as a file), the import queue
    './widget/engine-client': './widget/engine-client.js',
    './widget/engine-protocol': './widget/engine-protocol.js',
    './widget/engine-worker.js': './widget/engine-worker.js',
    './widget/import-view': './widget/import-view.js',
    './widget/import': './widget/rapport-import.js',
    './widget/outreach': './widget/rapport-outreach.js',
    './widget/outreach-list': './widget/outreach-list.js',
    './widget/insights-view': './widget/insights-view.js',
    './package.json': './package.json',
  },
  sideEffects: ['./rapport_node.js'],
};
fs.writeFileSync(new URL('package.json', pkg), JSON.stringify(manifest, null, 2) + '\n');
