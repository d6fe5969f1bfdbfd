// The demo help desk: an inbox scored by Rapport, a ticket view with the conversation and a
// reply box, and the Rapport panel (the same one the widget and the extension show). Sample
// data from data/sample.json; the agent can add their own history files. Customer text is
// only ever set as textContent.
import init, { Engine } from '../pkg/rapport.js';
import { renderPanel, chip, highlighted, spansByMessage, BAND_LABEL, el, sheet } from '../pkg/widget/panel.js';
import { historyDb, guessCsvKind } from '../pkg/widget/history-db.js';

const kept = historyDb('rapport-demo');
// A note in localStorage that files were kept: opening IndexedDB on a fresh profile took
// ~40 ms of the cold start, so a page that never kept anything does not wait for it.
const KEPT_NOTE = 'rapport-demo-kept';
const note = (on) => { try { on ? localStorage.setItem(KEPT_NOTE, '1') : localStorage.removeItem(KEPT_NOTE); } catch { /* no storage: IndexedDB is asked each time */ } };
const mayHaveKept = () => { try { return localStorage.getItem(KEPT_NOTE) !== null; } catch { return true; } };

const AGENT = 'Maya Lopes';
const $ = (id) => document.getElementById(id);
const state = { engine: null, now: null, open: [], queue: [], current: null };

document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet()];

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

function scoreQueue() {
  // the queue needs scores only; snippets are filled when a ticket is opened
  const results = state.engine.assessQueue(state.open, { now: state.now, snippets: 0 });
  // a ticket the engine cannot read is left out of the queue and said in the console
  for (const r of results) if (r.error) console.warn(`Rapport could not assess ticket ${r.ticketId ?? r.index}: ${r.error}`);
  state.queue = results.filter((r) => !r.error)
    // ties by id in code-unit order: localeCompare's first call sets up ICU collation, which
    // took about 20 ms of a cold page
    .sort((a, b) => b.score - a.score || (a.ticketId < b.ticketId ? -1 : a.ticketId > b.ticketId ? 1 : 0));
  performance.mark('rapport-queue-assessed');
  drawQueue();
}

function drawTicket() {
  const t = state.current;
  $('welcome').hidden = !!t;
  $('ticket').hidden = !t;
  $('rapport').hidden = !t;
  if (!t) return;
  const a = state.engine.assess(t, { now: state.now, agent: AGENT, snippets: 3 });
  $('ticket-title').textContent = `${t.subject} · ${t.id}`;
  const c = a.customer;
  const facts = [t.customer.name, t.customer.email, c.tier && `${c.tier} tier`, c.tenureDays != null && `customer for ${Math.floor(c.tenureDays / 365.25)} years`, c.orderCount != null && `${c.orderCount} orders`].filter(Boolean);
  $('ticket-meta').textContent = `${facts.join(' · ')} · via ${t.channel}`;
  const spans = spansByMessage(a);
  $('conversation').replaceChildren(...t.messages.map((m, i) => el('li', { class: `msg msg-${m.from}` },
    el('p', { class: 'msg-head' }, m.from === 'customer' ? t.customer.name : m.from === 'agent' ? (m.author ?? 'Agent') : 'Internal note', ` · ${age(m.at ?? t.createdAt)}`),
    el('p', { class: 'msg-text' }, spans.has(i) ? highlighted(m.text, spans.get(i)) : m.text))));
  renderPanel($('rapport'), a, {
    onInsert: (sn) => {
      state.engine.feedback({ ticketId: t.id, snippetId: sn.id, action: 'inserted' });
      const box = $('reply');
      box.value = box.value.trim() ? `${box.value.trimEnd()}\n\n${sn.text}` : sn.text;
      box.dispatchEvent(new Event('input', { bubbles: true }));
      box.focus();
      $('status').textContent = `Inserted “${sn.title}”.`;
    },
    onDismiss: (sn) => {
      state.engine.feedback({ ticketId: t.id, snippetId: sn.id, action: 'dismissed' });
      $('status').textContent = `Dismissed “${sn.title}”; the ranking has learned from it.`;
      drawTicket();
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

/** Which kind of records a CSV holds: as chosen, else guessed from its name and header. */
function csvKind(name, text) {
  const chosen = $('csv-kind').value;
  return chosen === 'auto' ? guessCsvKind(name, text) : chosen;
}

async function importFiles(files) {
  const before = new Map(state.queue.map((a) => [a.ticketId, a.score]));
  const out = [];
  for (const f of files) {
    try {
      const text = await f.text();
      let report, kind;
      if (/\.json$/i.test(f.name) || /^\s*[{[]/.test(text)) {
        kind = 'JSON';
        const v = JSON.parse(text);
        const json = JSON.stringify(v.history ?? v);
        report = state.engine.loadHistoryText(json);
        await kept.save({ name: f.name, kind: 'json', text: json });
      } else {
        kind = csvKind(f.name, text);
        report = state.engine.importCsv(kind, text);
        await kept.save({ name: f.name, kind, text });
      }
      note(true);
      out.push({ name: f.name, kind, report });
    } catch (e) {
      out.push({ name: f.name, error: e.message ?? String(e) });
    }
  }
  scoreQueue();
  const changed = state.queue.filter((a) => before.get(a.ticketId) !== a.score)
    .map((a) => `${a.ticketId} ${before.get(a.ticketId)} → ${a.score}`);
  const box = $('import-report');
  box.replaceChildren(...out.map((r) => {
    if (r.error) return el('div', { class: 'report report-error', role: 'alert' }, el('strong', {}, r.name), `: not loaded — ${r.error}`);
    const { added, updated, rejected } = r.report;
    const sum = (c) => c.customers + c.tickets + c.orders + c.surveys;
    return el('div', { class: 'report' },
      el('p', {}, el('strong', {}, r.name), ` (${r.kind}): ${sum(added)} added, ${sum(updated)} updated, ${rejected.length} rejected.`),
      rejected.length ? el('ul', { class: 'rejected', 'aria-label': `Rejected rows of ${r.name}` }, ...rejected.slice(0, 50).map((x) =>
        el('li', {}, `${r.kind === 'JSON' ? `${x.kind}[${x.index}]` : `line ${x.index}`}${x.field ? `, ${x.field}` : ''}: ${x.reason}`))) : null);
  }), el('p', { class: 'changed' }, changed.length ? `Scores updated: ${changed.join(', ')}.` : 'No score changed.'));
  if (state.current) drawTicket();
  $('kept').textContent = `${(await kept.list()).length} file(s) kept in this browser.`;
  $('status').textContent = `Imported ${out.length} file(s); ${changed.length} score(s) changed.`;
  redrawOutreach();
}

/** The outreach list on show follows the history (its engine is rebuilt from the kept files). */
const redrawOutreach = () => { if (!$('outreach-panel').hidden) pages().then((p) => p.drawOutreach()); };

/** A fresh engine with the sample history, plus the files kept in this browser. */
async function loadAll(withKept = true) {
  state.engine?.free();
  state.engine = new Engine();
  performance.mark('rapport-engine-built');
  state.engine.loadHistory(state.sample.history);
  return withKept ? kept.restoreInto(state.engine) : 0;
}

async function start() {
  // marks for benches/cold-start.mjs: where the time from navigation to a scored queue goes
  performance.mark('rapport-start');
  // the inline script in the page's head started compiling the .wasm and fetching the sample already
  const boot = window.rapportBoot ?? {};
  const [, data, files] = await Promise.all([
    init({ module_or_path: await (boot.module ?? new URL('../pkg/rapport_bg.wasm', import.meta.url)) }).then(() => performance.mark('rapport-engine-ready')),
    boot.sample ?? fetch('data/sample.json').then((r) => r.json()),
    (boot.kept ?? mayHaveKept()) ? kept.list().catch(() => []) : [],
  ]);
  performance.mark('rapport-inputs-ready');
  state.sample = data;
  state.now = data.now;
  state.open = data.open;
  const restored = await loadAll(files.length > 0);
  performance.mark('rapport-history-loaded');
  scoreQueue();
  performance.mark('rapport-queue-scored');
  document.documentElement.dataset.queueScoredMs = String(Math.round(performance.now()));
  $('status').textContent = `${state.open.length} tickets scored in ${Math.round(performance.now())} ms from page load.${restored ? ` Restored ${restored} file(s) you loaded before (kept in this browser).` : ''}`;
  $('kept').textContent = restored ? `${restored} file(s) kept in this browser.` : 'Nothing kept in this browser.';
  addEventListener('hashchange', route);
  route();
}

$('reply-form').addEventListener('submit', (ev) => {
  ev.preventDefault();
  const t = state.current, text = $('reply').value.trim();
  if (!t || !text) return;
  t.messages.push({ from: 'agent', author: AGENT, text, at: state.now });
  $('reply').value = '';
  scoreQueue();
  drawTicket();
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
$('files').addEventListener('change', (ev) => importFiles([...ev.target.files]));
$('forget').addEventListener('click', async () => {
  await kept.forgetAll();
  note(false);
  await loadAll(false);
  scoreQueue();
  if (state.current) drawTicket();
  $('import-report').replaceChildren();
  $('kept').textContent = 'Nothing kept in this browser.';
  $('status').textContent = 'Forgot the files you loaded; back to the sample data.';
  redrawOutreach();
});
const drop = $('drop');
drop.addEventListener('dragover', (ev) => { ev.preventDefault(); drop.classList.add('over'); });
drop.addEventListener('dragleave', () => drop.classList.remove('over'));
drop.addEventListener('drop', (ev) => { ev.preventDefault(); drop.classList.remove('over'); importFiles([...ev.dataTransfer.files]); });

start().catch((e) => { $('status').textContent = `Could not start: ${e.message}`; throw e; });
