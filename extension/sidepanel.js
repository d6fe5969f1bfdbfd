// The side panel: compiles the engine (WASM runs only in extension pages), loads the agent's
// stored history and learned state, and follows the help-desk tab: the open ticket's
// assessment with Insert and Dismiss, or the page's queue by opportunity.
import { renderPanel, chip, sheet, el, BAND_LABEL } from './panel.js';
import { openEngine, loadInto, saveLearning } from './db.js';
import { setupToday } from './today.js';
import { toWorker } from './messages.js';
import { ADAPTERS } from './content-files.js';

document.adoptedStyleSheets = [sheet()];
const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(location.search);
// `now` and `tab` pin the clock and the followed tab (for tests and screenshots)
const NOW = params.get('now') ?? undefined;
const PINNED_TAB = params.has('tab') ? Number(params.get('tab')) : undefined;
let engine = null;
let current = null; // the snapshot shown

const send = (/** @type {import('./messages.js').ToWorker} */ msg) => chrome.runtime.sendMessage(msg);
const options = (extra) => ({ ...(NOW ? { now: NOW } : {}), ...extra });

async function start() {
  engine = await openEngine();
  await loadInto(engine);
  setupToday(() => engine); // the Today tab takes what this engine saw
  const { agentName } = await chrome.storage.local.get('agentName');
  engine.agentName = agentName;
  await refresh();
}

async function refresh() {
  const windowId = (await chrome.windows?.getCurrent?.().catch(() => null))?.id;
  const page = await send(toWorker.getPage(PINNED_TAB, windowId));
  current = page;
  draw(page);
}

function showMissing(list) {
  $('missing').hidden = !list?.length;
  $('missing').replaceChildren(...(list ?? []).map((m) => el('li', {}, `Not found on this page: ${m}`)));
}

function draw(page) {
  const view = $('view');
  current = page;
  $('desk').textContent = page?.deskName ? `· ${page.deskName}` : '';
  showMissing(page?.missing);
  if (!page?.desk) {
    $('status').textContent = 'Open a ticket or a ticket list in your help desk.';
    view.replaceChildren(enableSiteBox(page));
    return;
  }
  if (page.ticket) {
    const t = page.ticket;
    // the previous ticket's panel goes first: if this one cannot be assessed, nothing of the
    // last customer's (their reply, their Insert) may stay on show
    view.replaceChildren();
    let a;
    try {
      a = engine.assess(t, options({ snippets: 3, ...(engine.agentName ? { agent: engine.agentName } : {}) }));
    } catch (e) {
      $('status').textContent = `Rapport could not assess this ticket (${t.subject || t.id}): ${e.message}`;
      view.replaceChildren(el('p', { class: 'rp-error', role: 'alert' }, 'No suggestions for this ticket. Nothing from another ticket is shown.'));
      return;
    }
    // remembered for this browser session, so the queue page can score it by its words
    chrome.storage.session.set({ [`thread:${t.id}`]: t });
    // what the engine saw (this assessment and its follow-up) is kept, so the Today tab lists the
    // follow-up after the panel is reopened too
    saveLearning(engine).catch(() => {});
    $('status').textContent = `${t.subject || t.id}${a.truncated?.length ? ` (${a.truncated.join('; ')})` : ''}`;
    // every action names the tab and ticket it was drawn for; it is refused if either changed
    const stillShown = () => current?.tabId === page.tabId && current?.ticket?.id === t.id;
    renderPanel(view, a, {
      messages: t.messages,
      customer: t.customer,
      onInsert: async (sn) => {
        if (!stillShown()) { $('status').textContent = 'That suggestion was for another ticket: nothing was inserted.'; return; }
        const r = await send(toWorker.insert(page.tabId, t.id, sn.text));
        if (r?.ok) {
          engine.feedback({ ticketId: t.id, customer: t.customer, snippetId: sn.id, action: 'inserted' });
          await saveLearning(engine);
        }
        $('status').textContent = r?.ok ? `Inserted “${sn.title}” into the reply.` : `Could not insert: ${r?.reason ?? 'the page did not answer'}.`;
      },
      onDismiss: async (sn) => {
        if (!stillShown()) return;
        engine.feedback({ ticketId: t.id, customer: t.customer, snippetId: sn.id, action: 'dismissed' });
        await saveLearning(engine);
        draw(current);
        $('status').textContent = `Dismissed “${sn.title}”.`;
      },
    });
    return;
  }
  if (page.queue?.length) {
    drawQueue(page, view);
    return;
  }
  $('status').textContent = `${page.deskName}: no ticket on this page.`;
  view.replaceChildren();
}

/** The page's queue by opportunity. Tickets opened earlier in this session are scored on their
 * conversation; the others on their subject, the only text a queue page shows. */
async function drawQueue(page, view) {
  const seen = await chrome.storage.session.get(page.queue.map((q) => `thread:${q.id}`));
  const tickets = page.queue.map((q) => seen[`thread:${q.id}`] ?? { id: q.id, subject: q.subject, customer: q.customer, messages: [] });
  const results = engine.assessQueue(tickets, options({ snippets: 0 }));
  // a ticket that cannot be read is listed last, with why, and never blanks the queue
  const unread = results.filter((a) => a.error).map((a) => ({ a, q: page.queue[a.index] }));
  const scored = results.map((a, i) => ({ a, q: page.queue[i] })).filter((x) => !x.a.error)
    .sort((x, y) => y.a.score - x.a.score);
  $('status').textContent = `${scored.length} tickets on this page, by opportunity.`;
  view.replaceChildren(el('ol', { class: 'rp-queue', 'aria-label': 'Tickets by opportunity' }, ...scored.map(({ a, q }) =>
    el('li', { 'data-ticket': q.id, 'data-score': a.score },
      chip(a.score, a.band), ' ',
      q.url ? el('a', { href: q.url, onclick: async (ev) => {
        ev.preventDefault();
        const r = await send(toWorker.open(page.tabId, q.url));
        if (!r?.ok) $('status').textContent = `Not opened: ${r?.reason ?? 'no answer'}.`;
      } }, q.subject) : el('span', {}, q.subject),
      el('span', { class: 'muted' }, ` · ${q.customer?.name ?? ''} · ${BAND_LABEL[a.band]}${a.reasons[0] ? ` · ${a.reasons[0].label}` : ''}${seen[`thread:${q.id}`] ? '' : ' · subject only'}`))),
    ...unread.map(({ a, q }) => el('li', { 'data-ticket': q?.id ?? '', class: 'rp-unread' },
      el('span', {}, q?.subject || q?.id || `ticket ${a.index + 1}`),
      el('span', { class: 'muted' }, ` · could not be assessed: ${a.error}`)))));
}

/** Which desk the tab shows, read once with the access the toolbar click gave (activeTab):
 * the adapters' DOM signatures, run in the content script's isolated world. */
async function detectDesk(tabId) {
  if (tabId == null || !chrome.scripting) return null;
  try {
    await chrome.scripting.executeScript({ target: { tabId }, files: ADAPTERS });
    const [r] = await chrome.scripting.executeScript({ target: { tabId }, func: () => globalThis.RapportAdapters?.detect(document)?.name ?? null });
    return r?.result ?? null;
  } catch {
    return null; // no access to this tab yet
  }
}

/** For a self-hosted desk the extension has no access to yet: ask for it, for this site only. */
function enableSiteBox(page) {
  let origin = null;
  try { origin = page?.url ? new URL(page.url).origin : null; } catch { /* not a web page */ }
  if (!origin || !/^https?:/.test(origin)) return el('p', { class: 'muted' }, 'Rapport reads osTicket, FreeScout, Zendesk, Freshdesk, Help Scout, Zammad and Chatwoot pages, and any desk you describe in Options.');
  const intro = el('p', {}, `If ${origin} is your help desk (osTicket, FreeScout, Zammad, Chatwoot or another self-hosted desk), let Rapport read its pages. Only this site; nothing is sent anywhere.`);
  // with the toolbar click's access, say which desk the page looks like before asking
  detectDesk(page.tabId).then((name) => { if (name) intro.textContent = `This page looks like ${name} at ${origin}. Let Rapport read this site's pages? Only this site; nothing is sent anywhere.`; });
  return el('div', {},
    intro,
    el('button', { type: 'button', class: 'rp-insert', onclick: async () => {
      const granted = await chrome.permissions.request({ origins: [`${origin}/*`] });
      if (!granted) { $('status').textContent = 'Not granted.'; return; }
      await send(toWorker.enableSite(origin, page.tabId));
      setTimeout(refresh, 500);
    } }, `Use Rapport on ${origin}`));
}

chrome.runtime.onMessage.addListener((/** @type {import('./messages.js').ToPages} */ msg) => {
  if (msg?.type === 'page-updated' && engine && (PINNED_TAB == null || msg.tabId === PINNED_TAB)) refresh();
  if (msg?.type === 'forgotten') location.reload();
});
chrome.tabs?.onActivated?.addListener(() => engine && PINNED_TAB == null && refresh());

start().catch((e) => { $('status').textContent = `Rapport could not start: ${e.message}`; console.error(e); });
