// The demo help desk: an inbox scored by Rapport, a ticket view with the conversation and a
// reply box, and the Rapport panel (the same one the widget and the extension show). Sample
// data from data/sample.json; the agent can add their own history files. Customer text is
// only ever set as textContent. The engine runs in a worker (pkg/widget/engine-worker.js): each
// assessment is one round trip, and a large file streams in without blocking this page. Only the
// first queue of a page with nothing kept is scored here, while the worker starts (firstQueue).
import { renderPanel, chip, highlighted, spansByMessage, BAND_LABEL, el, sheet, thousands } from '../pkg/widget/panel.js';
import { historyDb } from '../pkg/widget/history-db.js';
import { workerEngine } from '../pkg/widget/engine-client.js';
import { importQueue, dropZone, IMPORT_CSS } from '../pkg/widget/import-view.js';
import initHere, { Engine as EngineHere } from '../pkg/rapport.js';

const kept = historyDb('rapport-demo');
// A note in localStorage that files were kept: opening IndexedDB on a fresh profile took
// ~40 ms of the cold start, so a page that never kept anything does not wait for it.
const KEPT_NOTE = 'rapport-demo-kept';
const note = (on) => { try { on ? localStorage.setItem(KEPT_NOTE, '1') : localStorage.removeItem(KEPT_NOTE); } catch { /* no storage: IndexedDB is asked each time */ } };
const mayHaveKept = () => { try { return localStorage.getItem(KEPT_NOTE) !== null; } catch { return true; } };

const AGENT = 'Maya Lopes';
const $ = (id) => document.getElementById(id);
// engine: the worker's handle; generation counts rebuilds (reporting.js rebuilds its own after one)
const state = { engine: null, generation: 0, now: null, open: [], queue: [], current: null, importing: false };
const call = (method, ...args) => state.engine.call(method, args);

document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet(), sheet(IMPORT_CSS)];

// Outreach and Insights (www/pages.js) load on first use: they bring the larger insights
// engine, which the inbox's cold start should not wait for
let pagesModule = null;
const pages = () => (pagesModule ??= import('./pages.js').then((m) => { m.setup({ state, kept }); return m; }));
const REPORTING_ROUTE = /^#\/(insights$|compose\/)/;

const age = (iso) => {
  const h = Math.max(0, (Date.parse(state.now) - Date.parse(iso)) / 3_600_000);
  return h < 1 ? 'just now' : h < 48 ? `${Math.round(h)} h ago` : `${Math.round(h / 24)} days ago`;
};

function drawQueue() {
  const list = $('queue');
  const byId = new Map(state.open.map((t) => [t.id, t]));
  list.replaceChildren(...state.queue.map((a) => {
    const t = byId.get(a.ticketId);
    const current = state.current?.id === t.id;
    return el('li', { class: `queue-item${current ? ' current' : ''}` },
      el('a', { href: `#/ticket/${encodeURIComponent(t.id)}`, 'aria-current': current ? 'page' : undefined, 'data-ticket': t.id, 'data-score': a.score },
        chip(a.score, a.band),
        el('span', { class: 'q-main' },
          el('span', { class: 'q-subject' }, t.subject),
          el('span', { class: 'q-meta' }, `${t.customer.name} · ${BAND_LABEL[a.band]} · ${t.channel} · ${age(t.createdAt)}`))));
  }));
  $('queue-count').textContent = `(${state.queue.length})`;
}

async function scoreQueue() {
  // the queue needs scores only; snippets are filled when a ticket is opened
  showQueue(await call('assessQueue', state.open, { now: state.now, snippets: 0 }));
}

function showQueue(results) {
  // a ticket the engine cannot read is left out of the queue and said in the console
  for (const r of results) if (r.error) console.warn(`Rapport could not assess ticket ${r.ticketId ?? r.index}: ${r.error}`);
  state.queue = results.filter((r) => !r.error)
    // ties by id in code-unit order: localeCompare's first call sets up ICU collation, which
    // took about 20 ms of a cold page
    .sort((a, b) => b.score - a.score || (a.ticketId < b.ticketId ? -1 : a.ticketId > b.ticketId ? 1 : 0));
  performance.mark('rapport-queue-assessed');
  drawQueue();
}

/** The first queue of a page with nothing kept, scored by an engine of this page's own while the
 * worker's thread starts: the worker's global scope came up 86–162 ms after navigation on this
 * 2-core machine, however early the head created it, and then had its engine to build, so the
 * page waited for it to about 330 ms (benches/cold-start.mjs). This engine reads the same
 * sample with the same build, then is freed (its instance's memory stays with the page); every
 * later call, the loading of files included, goes to the worker, which loads the sample too. */
async function firstQueue(compiled, sample) {
  await initHere({ module_or_path: await compiled });
  performance.mark('rapport-engine-ready');
  performance.mark('rapport-inputs-ready');
  const engine = new EngineHere();
  performance.mark('rapport-engine-built');
  try {
    const data = await sample;
    engine.loadHistory(data.history);
    performance.mark('rapport-history-loaded');
    return engine.assessQueue(data.open, { now: data.now, snippets: 0 });
  } finally {
    engine.free();
  }
}

async function drawTicket() {
  const t = state.current;
  $('welcome').hidden = !!t;
  $('ticket').hidden = !t;
  $('rapport').hidden = !t;
  if (!t) return;
  const a = await call('assess', t, { now: state.now, agent: AGENT, snippets: 3 });
  if (state.current !== t) return; // the agent moved on while the worker answered
  $('ticket-title').textContent = `${t.subject} · ${t.id}`;
  const c = a.customer;
  const facts = [t.customer.name, t.customer.email, c.tier && `${c.tier} tier`, c.tenureDays != null && `customer for ${Math.floor(c.tenureDays / 365.25)} years`, c.orderCount != null && `${c.orderCount} orders`].filter(Boolean);
  $('ticket-meta').textContent = `${facts.join(' · ')} · via ${t.channel}`;
  const spans = spansByMessage(a);
  $('conversation').replaceChildren(...t.messages.map((m, i) => el('li', { class: `msg msg-${m.from}` },
    el('p', { class: 'msg-head' }, m.from === 'customer' ? t.customer.name : m.from === 'agent' ? (m.author ?? 'Agent') : 'Internal note', ` · ${age(m.at ?? t.createdAt)}`),
    el('p', { class: 'msg-text' }, spans.has(i) ? highlighted(m.text, spans.get(i)) : m.text))));
  renderPanel($('rapport'), a, {
    customer: t.customer,
    onInsert: (sn) => {
      call('feedback', { ticketId: t.id, snippetId: sn.id, action: 'inserted' });
      const box = $('reply');
      box.value = box.value.trim() ? `${box.value.trimEnd()}\n\n${sn.text}` : sn.text;
      box.dispatchEvent(new Event('input', { bubbles: true }));
      box.focus();
      $('status').textContent = `Inserted “${sn.title}”.`;
    },
    onDismiss: async (sn) => {
      await call('feedback', { ticketId: t.id, snippetId: sn.id, action: 'dismissed' });
      $('status').textContent = `Dismissed “${sn.title}”; the ranking has learned from it.`;
      await drawTicket();
      $('rapport').querySelector('.rp-insert')?.focus();
    },
  });
}

function route() {
  const own = REPORTING_ROUTE.test(location.hash);
  // once loaded, the pages also hide themselves when the hash is not theirs
  if (own || pagesModule) pages().then((p) => p.route(location.hash));
  if (own) {
    state.current = null;
    drawQueue();
    return;
  }
  const m = /^#\/ticket\/(.+)$/.exec(location.hash);
  const id = m && decodeURIComponent(m[1]);
  const t = state.open.find((x) => x.id === id) ?? null;
  if (t !== state.current) $('reply').value = '';
  state.current = t;
  drawQueue();
  drawTicket();
  if (t) document.title = `${t.subject} · Rapport demo desk`;
}

/** The scores before an import, to say afterwards which changed, naming the customer. */
let before = null;
const queueImport = () => importQueue($('import-files'), {
  engine: state.engine,
  options: () => ({ kind: $('csv-kind').value, keep: 'rapport-demo' }),
  busy: (on) => {
    state.importing = on;
    if (on) {
      note(true); // a tab closed mid-import leaves a file kept: the next start must look for it
      before ??= new Map(state.queue.map((a) => [a.ticketId, a.score]));
      $('status').textContent = 'Loading your files in the background; the queue shows the history as loaded so far.';
    }
  },
  onSettled: async (r, { left }) => {
    if (!r.error) note(true);
    await afterImport(r.error ? `${r.name} was not loaded.` : `${r.name}: ${r.stopped ? 'stopped; what was read before is kept' : 'loaded'}.`, left);
  },
  onUndo: async (r) => {
    await kept.remove(r.fileId);
    await rebuild();
    await afterImport(`Undid ${r.name}: the history was rebuilt from the sample and your other files.`);
  },
});
let imports = null;

async function afterImport(said, left = 0) {
  const was = before ?? new Map(state.queue.map((a) => [a.ticketId, a.score]));
  if (!left) before = null;
  await scoreQueue();
  const names = new Map(state.open.map((t) => [t.id, t.customer.name]));
  const changed = state.queue.filter((a) => was.get(a.ticketId) !== a.score)
    .map((a) => `${names.get(a.ticketId)} (${a.ticketId}) ${was.get(a.ticketId)} → ${a.score}`);
  $('import-changed').textContent = changed.length ? `Scores updated: ${changed.join(', ')}.` : 'No score changed.';
  if (state.current) await drawTicket();
  $('kept').textContent = `${(await kept.list()).length} file(s) kept in this browser.`;
  await drawStats();
  $('status').textContent = `${said} ${changed.length} score(s) changed.${left ? ` ${left} more file(s) to load.` : ''}`;
  redrawOutreach();
}

/** What the engine holds now, in words (the report of a stopped import can be checked against it). */
async function drawStats() {
  const [h, bytes] = await Promise.all([call('historyStats'), call('memory')]);
  const n = thousands;
  $('history-stats').textContent = `History in use: ${n(h.customers)} customers, ${n(h.tickets)} tickets, ${n(h.orders)} orders, ${n(h.surveys)} surveys; the engine holds ${Math.round(bytes / 2 ** 20)} MB.`;
}

/** The outreach list on show follows the history (its engine is rebuilt from the kept files). */
const redrawOutreach = () => { if (!$('outreach-panel').hidden) pages().then((p) => p.drawOutreach()); };

/** The engine rebuilt in the worker: the sample history, then the kept files chunk by chunk;
 * what it learned from the agent is carried over unless the agent asked to forget. */
async function rebuild(learning = true) {
  state.generation++;
  return (await call('rebuild', 'rapport-demo', [], { learning })).files;
}

async function start() {
  // marks for benches/cold-start.mjs: where the time from navigation to a scored queue goes
  performance.mark('rapport-start');
  // the inline script in the page's head started compiling the .wasm and fetching the sample already
  const boot = window.rapportBoot ?? {};
  // a worker that failed before this page listened (its error event is gone) is started again here
  const startWorker = () => { state.engine = workerEngine(new URL('../pkg/', import.meta.url), { compiled: boot.module, worker: boot.workerFailed ? undefined : boot.worker }); };
  const sample = boot.sample ?? fetch('data/sample.json').then((r) => r.json());
  const mayKeep = boot.kept ?? mayHaveKept();
  // nothing kept: the sample alone makes the first queue, so this page can score it (firstQueue);
  // if that fails (a CSP that allows WebAssembly only in the worker), the worker scores it
  const here = !mayKeep && boot.module ? firstQueue(boot.module, sample).catch((e) => {
    // without the sample nothing is scored, here or there: start() says so
    sample.then(() => console.warn(`Rapport scores the first queue in its worker: ${e.message}`), () => {});
    return null;
  }) : null;
  if (!here) startWorker();
  const [data, files] = await Promise.all([sample, mayKeep ? kept.list().catch(() => null) : []]);
  if (files?.length === 0 && mayKeep) note(false); // nothing is kept after all: the next start is the fast one
  state.sample = data;
  state.now = data.now;
  state.open = data.open;
  // the worker's engine gets the sample as soon as it is up; calls run there in the order sent
  const first = here && await here;
  if (here) startWorker();
  const loaded = call('loadHistory', state.sample.history);
  loaded.catch(() => {}); // awaited below; a failure is said there
  let restored = 0;
  if (first) {
    showQueue(first);
    // the worker's engine assesses the queue too: what it has seen (the open tickets, their
    // customers) is what Outreach and Insights read (exportLearning)
    call('assessQueue', state.open, { now: state.now, snippets: 0 }).catch(() => {});
  } else {
    await state.engine.ready;
    performance.mark('rapport-engine-ready');
    performance.mark('rapport-inputs-ready');
    // the kept files replay in the worker, so the page stays responsive while they do
    if (files?.length) $('status').textContent = `Restoring ${files.length} file(s) you loaded before…`;
    performance.mark('rapport-engine-built');
    await loaded;
    restored = files?.length ? (await call('restore', 'rapport-demo', [])).files : 0;
    performance.mark('rapport-history-loaded');
    await scoreQueue();
  }
  performance.mark('rapport-queue-scored');
  document.documentElement.dataset.queueScoredMs = String(Math.round(performance.now()));
  document.documentElement.dataset.firstQueue = first ? 'page' : 'worker'; // for the tests
  $('status').textContent = `${state.open.length} tickets scored in ${Math.round(performance.now())} ms from page load.${restored ? ` Restored ${restored} file(s) you loaded before (kept in this browser).` : ''}`;
  $('kept').textContent = restored ? `${restored} file(s) kept in this browser.` : 'Nothing kept in this browser.';
  addEventListener('hashchange', route);
  route();
  await loaded;
  drawStats();
}

$('reply-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const t = state.current, text = $('reply').value.trim();
  if (!t || !text) return;
  t.messages.push({ from: 'agent', author: AGENT, text, at: state.now });
  $('reply').value = '';
  await scoreQueue();
  await drawTicket();
  $('status').textContent = 'Reply sent (in this demo it is only added to the conversation).';
});
// the inbox's two lists: open tickets, and outreach (customers to contact before they write)
const tabs = [$('tab-queue'), $('tab-outreach')];
function selectTab(tab) {
  for (const t of tabs) {
    t.setAttribute('aria-selected', String(t === tab));
    t.tabIndex = t === tab ? 0 : -1;
    $(t.getAttribute('aria-controls')).hidden = t !== tab;
  }
  if (tab.id === 'tab-outreach') pages().then((p) => p.drawOutreach());
}
for (const t of tabs) {
  t.addEventListener('click', () => selectTab(t));
  // the tab pattern: arrows move between the tabs, Tab moves into the list
  t.addEventListener('keydown', (ev) => {
    if (ev.key !== 'ArrowRight' && ev.key !== 'ArrowLeft') return;
    const next = tabs[(tabs.indexOf(t) + 1) % tabs.length];
    next.focus();
    selectTab(next);
  });
}
function importFiles(files) {
  // a new batch after the last one settled starts a fresh list; during one, files queue up
  if (!imports || !state.importing) { imports = queueImport(); $('import-changed').textContent = ''; }
  return imports.add(files);
}
$('files').addEventListener('change', (ev) => { importFiles([...ev.target.files]); ev.target.value = ''; });
$('forget').addEventListener('click', async () => {
  await kept.forgetAll();
  note(false);
  await rebuild(false);
  await scoreQueue();
  if (state.current) await drawTicket();
  $('import-files').replaceChildren();
  $('import-changed').textContent = '';
  $('kept').textContent = 'Nothing kept in this browser.';
  await drawStats();
  $('status').textContent = 'Forgot the files you loaded; back to the sample data.';
  redrawOutreach();
});
dropZone($('drop'), importFiles);

start().catch((e) => { $('status').textContent = `Could not start: ${e.message}`; throw e; });
