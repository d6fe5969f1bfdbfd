// Minimal page: loads the engine from the npm package build (pkg/), assesses the typed ticket
// against a small bundled history, and shows score, band, route, reasons with evidence
// highlighted, follow-up and channel. Customer text is only ever set as textContent.
import init, { Engine } from '../pkg/rapport.js';

const HISTORY = {
  customers: [
    { id: 'c1', email: 'ana@example.com', name: 'Ana Silva', since: '2019-03-02', tier: 'gold', lifetimeValue: 5400 },
    { id: 'c2', email: 'ben@example.com', name: 'Ben Okafor', since: '2026-11-15' },
  ],
  tickets: [
    { id: 'h1', customerId: 'c1', createdAt: '2026-11-02T10:00:00Z', channel: 'email', subject: 'Late delivery', csat: 1 },
    { id: 'h2', customerId: 'c1', createdAt: '2026-11-12T10:00:00Z', channel: 'email', subject: 'Order still late', csat: 1 },
  ],
  orders: [
    { id: 'o1', customerId: 'c1', at: '2026-10-28T10:00:00Z', total: 180, items: ['Espresso machine'] },
    { id: 'o2', customerId: 'c2', at: '2026-11-15T10:00:00Z', total: 35, items: ['Coffee beans'] },
  ],
  surveys: [{ customerId: 'c1', at: '2026-11-14T12:00:00Z', kind: 'nps', score: 3 }],
};

const $ = (id) => document.getElementById(id);
const el = (tag, cls, text) => {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
};

/** The message with the reasons' spans wrapped in <mark>, built from text nodes only. */
function highlighted(text, spans) {
  const frag = document.createDocumentFragment();
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  let at = 0;
  for (const s of sorted) {
    if (s.start < at) continue; // overlapping spans: the first wins
    frag.append(text.slice(at, s.start));
    frag.append(el('mark', '', text.slice(s.start, s.end)));
    at = s.end;
  }
  frag.append(text.slice(at));
  return frag;
}

function show(a, text) {
  $('result').hidden = false;
  $('score').textContent = String(a.score);
  $('score').className = `chip ${a.band}`;
  $('band').textContent = a.band;
  $('band').className = `band ${a.band}`;
  $('route').textContent = `route: ${a.route}`;
  const list = $('reasons');
  list.replaceChildren();
  for (const r of a.reasons) {
    const li = el('li');
    li.append(el('span', 'points', (r.points > 0 ? '+' : '') + r.points), ' ', el('strong', '', r.label), ' ', el('span', 'evidence', `— ${r.evidence}`));
    list.append(li);
  }
  const spans = a.reasons.flatMap((r) => r.spans).filter((s) => s.message === 0);
  $('quoted').replaceChildren(highlighted(text, spans));
  $('follow-up').textContent = a.followUp ? `Follow up in ${a.followUp.inDays} day(s): ${a.followUp.reason}.` : 'No follow-up needed.';
  $('channel').textContent = `Answer on ${a.channel.channel}: ${a.channel.reason}.`;
  const snippets = $('snippets');
  snippets.replaceChildren();
  for (const sn of a.snippets) {
    const li = el('li', 'snippet');
    const head = el('div', 'snippet-head');
    head.append(el('strong', '', sn.title), ' ', el('span', 'evidence', `${sn.tone} · fits ${Math.round(sn.relevance * 100)}%`));
    const facts = sn.factsUsed.map((f) => `${f.fact} from ${f.source}`).join('; ');
    li.append(head, el('pre', 'snippet-text', sn.text), el('p', 'evidence', facts ? `Uses ${facts}.` : 'Uses no customer facts.'));
    snippets.append(li);
  }
}

const t0 = performance.now();
await init();
const engine = new Engine();
engine.loadHistory(HISTORY);
$('status').textContent = `Engine ready in ${Math.round(performance.now() - t0)} ms.`;

$('ticket-form').addEventListener('submit', (ev) => {
  ev.preventDefault();
  const text = $('message').value;
  const customer = $('customer').value ? { id: $('customer').value } : {};
  try {
    const a = engine.assess({ id: 'typed', channel: 'email', customer, messages: [{ from: 'customer', text }] }, { now: '2026-11-23T12:00:00Z', agent: 'Maya', snippets: 3 });
    show(a, text);
    $('status').textContent = `Scored ${a.score}: ${a.band}.`;
  } catch (e) {
    $('status').textContent = `Could not assess: ${e.message}`;
  }
});
