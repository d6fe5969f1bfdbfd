// The demo desk's reporting engine: the insights build of Rapport (outreach and insights, a
// larger .wasm than the inbox's), loaded only when the Outreach list or the Insights page is
// first opened. It holds the same history as the inbox's engine (the sample and the files kept
// in this browser) and what the inbox's engine saw (its exportLearning rows, plus the sample's
// `seen`: what this browser assessed and sent before), so follow-ups it advised fall due here.
import { loadModule } from '../pkg/widget/engine.js';

let mod = null;        // the insights build's module, once loaded
let engine = null;     // the reporting engine
let builtFor = null;   // the inbox engine's generation (app.js counts its rebuilds) and kept files it was built from
let ctx = null;        // { state, kept } from app.js

/** Called once by app.js with its state and its store of kept files. */
export function setupReporting(context) {
  ctx = context;
}

async function load() {
  mod ??= await loadModule(new URL('../pkg/insights/', import.meta.url).href);
  return mod;
}

/** The contacts made from the outreach list: importLearning replaces everything the engine
 * saw, so these are carried over by hand each time the inbox's rows are brought in. */
const contacts = () => engine.exportLearning().filter((r) => r.record === 'contact');

/**
 * The reporting engine, up to date with the inbox: rebuilt when the inbox's engine was replaced
 * (the agent forgot their files) or the kept files changed, and given the inbox's latest rows.
 */
export async function reportingEngine() {
  const { Engine } = await load();
  const { state, kept } = ctx;
  const files = await kept.list().catch(() => []);
  const key = files.map((f) => f.id).join(',');
  let carried = [];
  if (!engine || builtFor?.generation !== state.generation || builtFor.key !== key) {
    // the same inbox engine with other files keeps its contacts; a forgotten one does not
    if (engine && builtFor.generation === state.generation) carried = contacts();
    engine?.free();
    engine = new Engine();
    engine.loadHistory(state.sample.history);
    await kept.restoreInto(engine);
    builtFor = { generation: state.generation, key };
  } else {
    carried = contacts();
  }
  engine.importLearning([...(state.sample.seen ?? []), ...await state.engine.call('exportLearning'), ...carried]);
  return engine;
}
