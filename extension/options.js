// Options: load history files (validated by the engine, kept in IndexedDB), see what is
// stored, export/import learned rankings, describe another desk, forget everything.
import { imports, openEngine, loadInto, forgetAll, stored } from './db.js';
import { el } from './panel.js';
import { guessCsvKind } from './history-db.js';

const $ = (id) => document.getElementById(id);
let engine;

function csvKind(name, text) {
  const chosen = $('csv-kind').value;
  return chosen === 'auto' ? guessCsvKind(name, text) : chosen;
}

const kb = (n) => (n >= 1e6 ? `${(n / 1e6).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1e3))} KB`);

async function drawStored() {
  const s = await stored();
  const stats = engine.historyStats();
  $('totals').textContent = `${stats.customers} customers, ${stats.tickets} tickets, ${stats.orders} orders, ${stats.surveys} surveys from ${s.imports.length} file(s), ${kb(s.bytes)}${s.usage != null ? `; this extension uses ${kb(s.usage)} of browser storage` : ''}.`;
  $('stored').replaceChildren(...s.imports.map((r) => el('tr', {},
    el('td', {}, r.name), el('td', {}, r.kind), el('td', {}, kb(r.bytes)), el('td', {}, new Date(r.at).toLocaleString()),
    el('td', {}, el('button', { type: 'button', 'aria-label': `Remove ${r.name}`, onclick: async () => { await imports.remove(r.id); await reload(); } }, 'Remove')))));
  $('learning-count').textContent = `${engine.exportLearning().length} learned situation(s).`;
  const { genericAdapters = [] } = await chrome.storage.local.get('genericAdapters');
  $('generic-list').replaceChildren(...genericAdapters.map((g) => el('li', {}, `${g.origin}: messages “${g.messageSelector}”`)));
}

async function reload() {
  engine = await openEngine();
  await loadInto(engine);
  await drawStored();
}

$('files').addEventListener('change', async (ev) => {
  const out = [];
  for (const f of ev.target.files) {
    const text = await f.text();
    try {
      let kind, report;
      if (/\.json$/i.test(f.name) || /^\s*[{[]/.test(text)) {
        kind = 'json';
        const v = JSON.parse(text);
        report = engine.loadHistory(v.history ?? v);
        await imports.add({ name: f.name, kind, text: JSON.stringify(v.history ?? v), bytes: text.length, at: Date.now(), report });
      } else {
        kind = csvKind(f.name, text);
        report = engine.importCsv(kind, text);
        await imports.add({ name: f.name, kind, text, bytes: text.length, at: Date.now(), report });
      }
      const sum = (c) => c.customers + c.tickets + c.orders + c.surveys;
      out.push(el('div', {}, el('p', {}, `${f.name} (${kind}): ${sum(report.added)} added, ${sum(report.updated)} updated, ${report.rejected.length} rejected.`),
        el('ul', {}, ...report.rejected.slice(0, 50).map((x) => el('li', {}, `${kind === 'json' ? `${x.kind}[${x.index}]` : `line ${x.index}`}${x.field ? `, ${x.field}` : ''}: ${x.reason}`)))));
    } catch (e) {
      out.push(el('p', { role: 'alert' }, `${f.name}: not loaded — ${e.message}`));
    }
  }
  $('report').replaceChildren(...out);
  ev.target.value = '';
  await drawStored();
});

$('agent').addEventListener('change', () => chrome.storage.local.set({ agentName: $('agent').value.trim() }));

$('export-learning').addEventListener('click', () => {
  const blob = new Blob([JSON.stringify(engine.exportLearning(), null, 1)], { type: 'application/json' });
  const a = el('a', { href: URL.createObjectURL(blob), download: 'rapport-learning.json' });
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
});
$('import-learning').addEventListener('change', async (ev) => {
  try {
    const n = engine.importLearning(JSON.parse(await ev.target.files[0].text()));
    await chrome.storage.local.set({ learning: engine.exportLearning() });
    $('status').textContent = `Imported ${n} learned row(s).`;
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
  await chrome.runtime.sendMessage({ type: 'enable-site', origin });
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
