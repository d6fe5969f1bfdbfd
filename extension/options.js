// Options: load history files (streamed into the engine's worker, with progress, Cancel and
// "Undo this file", kept in IndexedDB chunk by chunk), see what is stored, export/import learned
// rankings, describe another desk, forget everything. The engine lives in a module worker
// (engine-worker.js, shared with the demo and the widget), so a 200 MB export never freezes
// this page.
import { imports, forgetAll, stored, DB_NAME } from './db.js';
import { el } from './panel.js';
import { historyDb } from './history-db.js';
import { workerEngine } from './engine-client.js';
import { importQueue, dropZone, IMPORT_CSS } from './import-view.js';
import { toWorker } from './messages.js';

const $ = (id) => document.getElementById(id);
const engine = workerEngine('./engine/', { workerUrl: new URL('./engine-worker.js', import.meta.url) });

const css = new CSSStyleSheet();
css.replaceSync(IMPORT_CSS);
document.adoptedStyleSheets = [...document.adoptedStyleSheets, css];

// local time as 2026-12-01 13:05 (not toLocaleString: its first call loads locale data, a long
// task on this page when a file's import settles)
const two = (n) => String(n).padStart(2, '0');
const when = (t) => { const d = new Date(t); return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`; };
const kb = (n) => (n >= 1e6 ? `${(n / 1e6).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1e3))} KB`);

async function drawStored() {
  const s = await stored();
  const stats = await engine.call('historyStats');
  $('totals').textContent = `${stats.customers} customers, ${stats.tickets} tickets, ${stats.orders} orders, ${stats.surveys} surveys from ${s.imports.length} file(s), ${kb(s.bytes)}${s.usage != null ? `; this extension uses ${kb(s.usage)} of browser storage` : ''}.`;
  $('stored').replaceChildren(...s.imports.map((r) => el('tr', {},
    el('td', {}, r.name, r.status === 'stopped' ? ' (stopped part-way)' : ''), el('td', {}, r.kind), el('td', {}, r.total ? `${kb(r.bytes)} of ${kb(r.total)}` : kb(r.bytes)), el('td', {}, when(r.at)),
    el('td', {}, el('button', { type: 'button', 'aria-label': `Remove ${r.name}`, onclick: async () => { await imports.remove(r.id); await reload(); } }, 'Remove')))));
  $('learning-count').textContent = `${(await engine.call('exportLearning')).length} learned situation(s).`;
  const { genericAdapters = [] } = await chrome.storage.local.get('genericAdapters');
  $('generic-list').replaceChildren(...genericAdapters.map((g) => el('li', {}, `${g.origin}: messages “${g.messageSelector}”`)));
}

/** The worker's engine rebuilt from the kept files (replayed in the worker, chunk by chunk)
 * and the learned rankings the side panel saved. */
async function reload() {
  await engine.call('rebuild', [DB_NAME, [], { learning: false }]);
  const { learning } = await chrome.storage.local.get('learning');
  if (learning?.length) await engine.call('importLearning', [learning]);
  await drawStored();
}

let queue = null;
function load(files) {
  queue ??= importQueue($('report'), {
    engine,
    options: () => ({ kind: $('csv-kind').value, keep: DB_NAME }),
    busy: (on) => { $('status').textContent = on ? 'Loading in the background: you can keep using this page.' : ''; },
    onSettled: () => drawStored(),
    // "Undo this file": forget its kept copy and rebuild from the others (learning carried over)
    onUndo: async (r) => { await historyDb(DB_NAME).remove(r.fileId); await engine.call('rebuild', [DB_NAME, []]); await drawStored(); },
  });
  return queue.add(files);
}
$('files').addEventListener('change', (ev) => { load([...ev.target.files]); ev.target.value = ''; });
dropZone($('drop'), load);

$('agent').addEventListener('change', () => chrome.storage.local.set({ agentName: $('agent').value.trim() }));

$('export-learning').addEventListener('click', async () => {
  const blob = new Blob([JSON.stringify(await engine.call('exportLearning'), null, 1)], { type: 'application/json' });
  const a = el('a', { href: URL.createObjectURL(blob), download: 'rapport-learning.json' });
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
});
$('import-learning').addEventListener('change', async (ev) => {
  try {
    const r = await engine.call('importLearning', [JSON.parse(await ev.target.files[0].text())]);
    await chrome.storage.local.set({ learning: await engine.call('exportLearning') });
    // each row left out is named (its place in the file and why); the rest were read
    const left = r.rejected.slice(0, 5).map((x) => `${x.field}: ${x.reason}`).join('; ');
    $('status').textContent = `Imported ${r.imported} learned row(s).` + (r.rejected.length
      ? ` Left out ${r.rejected.length}: ${left}${r.rejected.length > 5 ? '; …' : ''}${r.imported ? '' : ' (what was learned before is kept)'}.`
      : '');
  } catch (e) {
    $('status').textContent = `Not imported: ${e.message}`;
  }
  await drawStored();
});

$('generic').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const g = Object.fromEntries([...new FormData(ev.target)].map(([k, v]) => [k, String(v).trim()]).filter(([, v]) => v));
  let origin;
  try { origin = new URL(g.origin).origin; } catch { $('status').textContent = 'The site must be a URL such as https://help.example.com'; return; }
  try { document.querySelector(g.messageSelector); } catch { $('status').textContent = `“${g.messageSelector}” is not a CSS selector.`; return; }
  const granted = await chrome.permissions.request({ origins: [`${origin}/*`] });
  if (!granted) { $('status').textContent = 'Access to the site was not granted; nothing saved.'; return; }
  const { genericAdapters = [] } = await chrome.storage.local.get('genericAdapters');
  await chrome.storage.local.set({ genericAdapters: [...genericAdapters.filter((x) => x.origin !== origin), { ...g, origin }] });
  await chrome.runtime.sendMessage(toWorker.enableSite(origin));
  $('status').textContent = `Saved; Rapport now reads ${origin}.`;
  await drawStored();
});

$('forget').addEventListener('click', async () => {
  await forgetAll();
  await reload();
  $('status').textContent = 'All data erased.';
});

chrome.storage.local.get('agentName').then(({ agentName }) => { $('agent').value = agentName ?? ''; });

// the desk's time zone: an IANA name Intl knows, or empty (times the page does not zone stay unknown)
$('zones').replaceChildren(...(Intl.supportedValuesOf?.('timeZone') ?? []).map((z) => el('option', { value: z })));
chrome.storage.local.get('deskTimeZone').then(({ deskTimeZone }) => { $('zone').value = deskTimeZone ?? ''; });
$('zone').addEventListener('change', async () => {
  const zone = $('zone').value.trim();
  try {
    if (zone) new Intl.DateTimeFormat('en', { timeZone: zone });
  } catch {
    $('status').textContent = `“${zone}” is not a time zone this browser knows; nothing was changed.`;
    return;
  }
  await chrome.storage.local.set({ deskTimeZone: zone });
  $('status').textContent = zone ? `Desk times are read in ${zone}.` : 'Desk times without a zone are left unknown.';
});
reload().catch((e) => { $('status').textContent = `Could not start: ${e.message}`; });
