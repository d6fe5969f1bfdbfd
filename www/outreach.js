// The demo desk's Outreach list (a tab beside the open tickets: who to contact today, why,
// by which channel, with the filled snippet) and the new message an Insert opens. Insert
// records the contact in the reporting engine (engine.feedback with the entry's id), so the
// customer drops out of the list. Customer text is only ever set as text or a field's value.
import { renderOutreach } from '../pkg/widget/outreach-list.js';
import { reportingEngine } from './reporting.js';

const $ = (id) => document.getElementById(id);
const AGENT = 'Maya Lopes';
/** Messages opened by Insert in this tab, by outreach id (the list no longer holds them). */
const drafts = new Map();
let ctx = null;

/** `{ state }` from app.js. */
export function setupOutreach(context) {
  ctx = context;
}

/** Draws the list for the demo's clock (the same fixed `now` the inbox is assessed at). */
export async function drawOutreach() {
  const box = $('outreach');
  $('outreach-status').textContent = 'Loading the outreach list…';
  try {
    const engine = await reportingEngine();
    const entries = engine.outreach({ now: ctx.state.now, agent: AGENT, limit: 30 });
    $('outreach-count').textContent = `(${entries.length})`;
    $('outreach-status').textContent = `${entries.length} customer(s) without an open ticket to contact today, ${ctx.state.now.slice(0, 10)}.`;
    renderOutreach(box, entries, { onInsert: (x) => insert(x, engine) });
  } catch (e) {
    $('outreach-status').textContent = `Could not draw the outreach list: ${e.message}`;
    throw e;
  }
}

async function insert(x, engine) {
  // the contact: off the list from now on (and counted by insights)
  engine.feedback({ ticketId: x.id, snippetId: x.snippet.id, action: 'inserted' });
  drafts.set(x.id, x);
  location.hash = `#/compose/${encodeURIComponent(x.id)}`;
  await drawOutreach();
  $('status').textContent = `New message to ${x.customer.name ?? x.customer.email} opened; they are off today\u2019s list.`;
}

/** `#/compose/<id>`: the new message Insert opened. Returns whether the hash was ours. */
export function routeCompose(hash) {
  const m = /^#\/compose\/(.+)$/.exec(hash);
  $('compose').hidden = !m;
  if (!m) return false;
  const x = drafts.get(decodeURIComponent(m[1]));
  for (const id of ['ticket', 'rapport', 'welcome']) $(id).hidden = true;
  $('compose-form').hidden = !x;
  $('compose-sent').textContent = '';
  if (!x) {
    $('compose-title').textContent = 'New message';
    $('compose-meta').textContent = 'This draft is gone: drafts live in this tab only. Open the Outreach list and Insert again.';
    return true;
  }
  const c = x.customer;
  $('compose-title').textContent = `New message to ${c.name ?? c.email ?? c.id}`;
  $('compose-meta').textContent = `${c.email ?? 'no email on file'} · suggested channel: ${x.channel.channel} (${x.channel.reason})`;
  $('compose-to').value = c.email ? `${c.name ?? ''} <${c.email}>`.trim() : (c.name ?? c.id);
  $('compose-subject').value = x.snippet.title;
  $('compose-text').value = x.snippet.text;
  $('compose-why').replaceChildren(...x.reasons.map((r) => {
    const li = document.createElement('li');
    li.textContent = `${r.points > 0 ? '+' : ''}${r.points} ${r.label}: ${r.evidence}`;
    return li;
  }));
  $('compose-text').focus();
  return true;
}

$('compose-form').addEventListener('submit', (ev) => {
  ev.preventDefault();
  const to = $('compose-to').value;
  $('compose-sent').textContent = `Sent to ${to} (in this demo it is only shown here).`;
  $('compose-form').hidden = true;
});
