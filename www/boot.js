// Starts the slow parts of the demo's cold start while the page is still being parsed: the
// .wasm is compiled as its bytes stream in, and the sample data is fetched, before app.js (a
// module, which runs only after the whole document) asks for them. A classic script in the
// head, so it runs first (the preload scanner has already found the other files meanwhile); a
// separate file, so the page's CSP needs no inline script. app.js does the same itself if
// this has not run.
window.rapportBoot = {
  module: WebAssembly.compileStreaming(fetch(new URL('../pkg/rapport_bg.wasm', document.baseURI))),
  sample: fetch(new URL('data/sample.json', document.baseURI)).then((r) => {
    if (!r.ok) throw new Error(`sample data: HTTP ${r.status}`);
    return r.json();
  }),
};
// a rejection is handled where app.js awaits it; keep the console quiet until then
window.rapportBoot.module.catch(() => {});
window.rapportBoot.sample.catch(() => {});
