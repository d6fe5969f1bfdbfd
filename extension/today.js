// The side panel's "Today" tab: customers to contact before they write, for the history the
// agent loaded (the outreach list, shared with the demo and the widget). The full engine (the
// insights build, engine/insights/) is loaded only when the tab is first opened. What the
// panel's engine saw (assessments, snippets sent) comes over with its exportLearning rows;
// the customers contacted from this tab are kept in local storage (`outreachContacts`) so they
// stay off the list, and forget-all erases them with the rest.
import { el } from './panel.js';
import { renderOutreach, OUTREACH_CSS } from './outreach-list.js';
import { openEngine, loadInto } from './db.js';

const $ = (id) => document.getElementById(id);
const NOW = new URLSearchParams(location.search).get('now') ?? undefined;
let agentEngine = () => null; // the panel's engine, given by sidepanel.js
let full = null;              // the insights build's engine, once the tab was opened
let drawing = null;

// added when the tab is first shown: sidepanel.js sets the document's sheets after this
// module has run
const css = new CSSStyleSheet();
css.replaceSync(OUTREACH_CSS);

/** Called by sidepanel.js once its engine is ready. */
export function setupToday(getEngine) {
  agentEngine = getEngine;
}

async function engine() {
  if (!full) {
    full = await openEngine('./engine/insights/');
    await loadInto(full); // the stored history files and learning
  }
  // importLearning replaces what the engine saw: the panel's rows (stored + this session's),
  // then the contacts made from this tab
  const { outreachContacts = [] } = await chrome.storage.local.get('outreachContacts');
  const seen = agentEngine()?.exportLearning() ?? (await chrome.storage.local.get('learning')).learning ?? [];
  full.importLearning([...seen, ...outreachContacts]);
  return full;
}

async function draw() {
  const status = $('today-status');
  status.textContent = 'Loading today\u2019s list…';
  const e = await engine();
  const { agentName } = await chrome.storage.local.get('agentName');
  const now = NOW ?? new Date().toISOString();
  const entries = e.outreach({ now, limit: 30, ...(agentName ? { agent: agentName } : {}) });
  status.textContent = e.historyStats().customers
    ? `${entries.length} customer(s) to contact on ${now.slice(0, 10)}, from the history you loaded.`
    : 'No history loaded: add your customers, tickets, orders and surveys in Options.';
  renderOutreach($('today-list'), entries, { onInsert: (x) => insert(x, e), empty: 'Nobody to contact today.' });
}

async function insert(x, e) {
  // the contact: this customer is off the list from now on
  e.feedback({ ticketId: x.id, snippetId: x.snippet.id, action: 'inserted' });
  await chrome.storage.local.set({ outreachContacts: e.exportLearning().filter((r) => r.record === 'contact') });
  showDraft(x);
  await draw();
  $('today-status').textContent = `New message to ${x.customer.name ?? x.customer.email} below the tabs; they are off today\u2019s list.`;
}

/** The new message: the desk has no page for it open, so the text is given to copy. */
function showDraft(x) {
  const who = x.customer.name ?? x.customer.email ?? x.customer.id;
  const text = el('textarea', { id: 'today-draft-text', rows: 8, 'aria-label': `Message to ${who}` });
  text.value = x.snippet.text;
  const copied = el('span', { class: 'muted', role: 'status' });
  $('today-draft').replaceChildren(
    el('h2', {}, `New message to ${who}`),
    el('p', { class: 'muted' }, `${x.customer.email ?? 'no email on file'} · by ${x.channel.channel}: ${x.channel.reason}`),
    text,
    el('p', {}, el('button', { type: 'button', id: 'today-copy', onclick: async () => {
      text.select();
      try {
        await navigator.clipboard.writeText(text.value);
        copied.textContent = ' Copied.';
      } catch {
        copied.textContent = ' Selected: press Ctrl+C to copy.';
      }
    } }, 'Copy'), copied));
  $('today-draft').hidden = false;
  text.focus();
}

function select(tab) {
  const today = tab === 'today';
  document.body.dataset.tab = tab;
  $('tab-ticket').setAttribute('aria-selected', String(!today));
  $('tab-today').setAttribute('aria-selected', String(today));
  $('tab-ticket').tabIndex = today ? -1 : 0;
  $('tab-today').tabIndex = today ? 0 : -1;
  $('today').hidden = !today;
  if (today && !document.adoptedStyleSheets.includes(css)) document.adoptedStyleSheets = [...document.adoptedStyleSheets, css];
  if (today) {
    drawing = (drawing ?? Promise.resolve()).then(draw).catch((e) => {
      $('today-status').textContent = `Could not draw today\u2019s list: ${e.message}`;
      console.error(e);
    });
  }
}

$('tab-ticket').addEventListener('click', () => select('ticket'));
$('tab-today').addEventListener('click', () => select('today'));
for (const id of ['tab-ticket', 'tab-today']) {
  $(id).addEventListener('keydown', (ev) => {
    if (ev.key !== 'ArrowRight' && ev.key !== 'ArrowLeft') return;
    const next = id === 'tab-ticket' ? 'tab-today' : 'tab-ticket';
    $(next).focus();
    select(next.slice(4));
  });
}
