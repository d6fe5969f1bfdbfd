// The Rapport panel: one assessment drawn as DOM — score chip, band and route, the top reasons
// with their evidence, follow-up and channel advice, and reply snippets with Insert and
// Dismiss. Shared by the demo help desk, the <rapport-panel> widget and the extension's side
// panel. Every customer-supplied string goes in as textContent; nothing is parsed as HTML.

export const BAND_LABEL = { critical: 'Critical', relational: 'Relational', transactional: 'Transactional' };
// a shape as well as a colour, so the band never rests on colour alone
export const BAND_MARK = { critical: '▲', relational: '◆', transactional: '●' };
/** The call's confidence in words (never a bare number). */
export const CONFIDENCE_LABEL = {
  high: 'Confidence: high',
  medium: 'Confidence: medium: check the reasons',
  low: 'Confidence: low: read the ticket before you trust the band',
};

const bandWord = (b) => (Object.hasOwn(BAND_LABEL, b) ? BAND_LABEL[b] : typeof b === 'string' ? b : 'another band').toLowerCase();

/** Why the call is less than sure, in words, one clause per doubt of `a.doubts` (the score near
 * a band's edge, an intent read without certainty, a band that rests on what only the learned
 * model read, named by its reasons' labels); '' when there is none. A doubt this panel does not
 * know (a newer engine's) or cannot read still says there is one. */
export function doubtsText(a) {
  const label = (s) => a.reasons?.find?.((r) => r.signal === s)?.label ?? String(s).replace(/^\w+\./, '').replace(/_/g, ' ');
  const clauses = (Array.isArray(a.doubts) ? a.doubts : []).map((d) => {
    if (d?.kind === 'near_edge' && Number.isFinite(d.points)) {
      const n = Math.abs(d.points);
      if (n === 0) return `the score is on the line where ${bandWord(d.band)} starts`;
      return `the score is ${n} point${n === 1 ? '' : 's'} ${d.points < 0 ? 'below' : 'above'} where ${bandWord(d.band)} starts`;
    }
    if (d?.kind === 'intent_unsure') return 'what the customer asks was not read with certainty';
    if (d?.kind === 'model_alone') {
      const names = Array.isArray(d.signals) ? d.signals.map(label) : [];
      return `without what only the learned model read${names.length ? ` (${names.join(', ')})` : ''} it would be ${bandWord(d.band)}`;
    }
    return 'another doubt this panel cannot say';
  });
  return clauses.length ? `Why: ${clauses.join('; ')}.` : '';
}
export const REPLY_LABEL = {
  plain_answer: 'First reply: the plain answer, quickly',
  apology_makegood: 'First reply: apologise and make it good',
  ownership: 'First reply: take ownership, one person follows it through',
  churn_save: 'First reply: ask why, offer what fits, leave the door open',
  thanks_praise: 'First reply: thank them, personally',
  celebration: 'First reply: congratulate them',
  condolence: 'First reply: condolences first, then the practical help',
  reassure_distress: 'First reply: reassure, and say what happens next',
  complaint_acknowledge: 'First reply: acknowledge the complaint and own it',
  human_handoff: 'First reply: a person takes over',
};
export const ROUTE_LABEL = { steward: 'Steward: senior agent, own it end to end', 'personal-touch': 'Personal touch: take time, use the history', 'resolve-fast': 'Resolve fast: a short, exact answer' };

/** `n` with commas between thousands (1,234,567). Not `toLocaleString`: its first call in a page
 * loads the locale data, 40–95 ms on the main thread in our Chromium (a long task in the middle
 * of an import's first progress update). */
export function thousands(n) {
  const [whole, part] = String(n).split('.');
  return whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (part ? `.${part}` : '');
}

export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children) if (c !== undefined && c !== null) e.append(c);
  return e;
}

/** A score chip: the number, its band as a shape, and a label for screen readers. */
export function chip(score, band) {
  return el('span', { class: `rp-chip rp-${band}`, role: 'img', 'aria-label': `Score ${score} of 100, ${BAND_LABEL[band] ?? band}` },
    el('span', { class: 'rp-mark', 'aria-hidden': 'true' }, BAND_MARK[band] ?? ''), ` ${score}`);
}

/** `text` with the given spans (UTF-16 offsets) wrapped in <mark>, from text nodes only. */
export function highlighted(text, spans, title) {
  const frag = document.createDocumentFragment();
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  let at = 0;
  for (const s of sorted) {
    if (s.start < at || s.end > text.length) continue; // overlapping spans: the first wins
    frag.append(text.slice(at, s.start));
    frag.append(el('mark', { title: s.label ?? title }, text.slice(s.start, s.end)));
    at = s.end;
  }
  frag.append(text.slice(at));
  return frag;
}

/** Moves an offset off the second half of a surrogate pair, so a cut never splits a character. */
const whole = (text, i) => (i > 0 && i < text.length && /[\udc00-\udfff]/.test(text[i]) ? i - 1 : i);

/**
 * The windows of `text` worth quoting around `spans`: each from the start of the sentence the
 * match is in to the end of it, at most `reach` characters either side (cut at a space when the
 * sentence is longer); windows that meet are merged. [{ start, end }] in UTF-16 offsets.
 */
export function excerptWindows(text, spans, reach = 160) {
  const out = [];
  for (const s of [...spans].sort((x, y) => x.start - y.start)) {
    if (s.start < 0 || s.end > text.length || s.start > s.end) continue;
    const lo = Math.max(0, s.start - reach);
    const before = text.slice(lo, s.start);
    const stop = Math.max(...['. ', '! ', '? ', '\n'].map((p) => before.lastIndexOf(p)));
    let start = stop >= 0 ? lo + stop + (before[stop] === '\n' ? 1 : 2) : lo;
    if (stop < 0 && lo > 0) { const sp = before.indexOf(' '); if (sp >= 0) start = lo + sp + 1; }
    let end;
    if (s.end - s.start > 2 * reach) {
      // a match longer than a window (a whole message in capitals) is itself cut short
      const sp = text.lastIndexOf(' ', s.start + 2 * reach);
      end = sp > s.start ? sp : s.start + 2 * reach;
    } else {
      const hi = Math.min(text.length, s.end + reach);
      const after = text.slice(s.end, hi);
      const ends = ['. ', '! ', '? ', '\n'].map((p) => after.indexOf(p)).filter((k) => k >= 0);
      end = ends.length ? s.end + Math.min(...ends) + 1 : hi;
      if (!ends.length && hi < text.length) { const sp = after.lastIndexOf(' '); if (sp >= 0) end = s.end + sp; }
    }
    start = whole(text, start);
    end = whole(text, end);
    const last = out[out.length - 1];
    if (last && start <= last.end) last.end = Math.max(last.end, end);
    else out.push({ start, end });
  }
  return out;
}

/**
 * A customer message quoted as evidence: the sentences around the highlighted words, with an
 * ellipsis where the message goes on, and the whole message one click away (drawn on opening,
 * in a box of its own height, so a 10,000-character e-mail never stretches the panel).
 */
export function quote(text, spans) {
  const windows = text.length > 480 ? excerptWindows(text, spans) : [];
  // a short message, or one the windows nearly cover, is quoted whole
  const shown = windows.reduce((n, w) => n + w.end - w.start, 0);
  if (!windows.length || shown >= text.length - 40) return el('blockquote', { class: 'rp-quote' }, highlighted(text, spans));
  const box = el('blockquote', { class: 'rp-quote rp-excerpt' });
  windows.forEach((w, k) => {
    const raw = text.slice(w.start, w.end);
    const lead = raw.length - raw.trimStart().length;
    const inside = spans.filter((s) => s.start < w.end && s.end > w.start)
      .map((s) => ({ ...s, start: Math.max(0, s.start - w.start - lead), end: Math.min(raw.trim().length, s.end - w.start - lead) }));
    if (k) box.append('\n');
    if (w.start > 0) box.append('\u2026 ');
    box.append(highlighted(raw.trim(), inside));
    if (w.end < text.length) box.append(' \u2026');
  });
  const full = el('div', { class: 'rp-full-text' });
  const more = el('details', { class: 'rp-full' }, el('summary', {}, `The whole message (${thousands(text.length)} characters)`), full);
  more.addEventListener('toggle', () => { if (more.open && !full.firstChild) full.append(highlighted(text, spans)); });
  return el('div', { class: 'rp-quoted' }, box, more);
}

/** Spans of the reasons that quote a message, by message index, each with its reason label. */
export function spansByMessage(assessment, top = Infinity) {
  const by = new Map();
  for (const r of assessment.reasons.slice(0, top)) {
    for (const s of r.spans) {
      if (!by.has(s.message)) by.set(s.message, []);
      by.get(s.message).push({ ...s, label: r.label });
    }
  }
  return by;
}

// What Rust's `str::trim` takes off (Unicode White_Space), as the engine trims an id: JS's own
// trim also takes U+FEFF and keeps U+0085, so the two could disagree on whether ids match.
const RUST_SPACE = '[\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]';
const RUST_TRIM = new RegExp(`^${RUST_SPACE}+|${RUST_SPACE}+$`, 'g');

/**
 * When the history shown is filed under another customer id than the ticket's (the engine
 * found it by the ticket's email: one person in two systems, a shop's id beside a desk's, or
 * two people on one shared inbox look the same to it): `{ found, asked }`, the two ids, so the
 * agent is told before a snippet quotes that history. `null` when no history was found, the
 * ids agree, or either is missing.
 */
export function identityNote(ticketCustomer, facts) {
  const asked = ticketCustomer?.id == null ? '' : String(ticketCustomer.id).replace(RUST_TRIM, '');
  const found = facts?.customerId;
  if (!facts?.known || found == null || asked === '' || asked === String(found)) return null;
  return { found: String(found), asked };
}

/** The note's words, the ids isolated (<bdi>) so a right-to-left mark in one cannot turn the
 * sentence around; text nodes only. */
function identityLine({ found, asked }) {
  return el('p', { class: 'rp-identity', role: 'note' },
    'History found by this ticket\u2019s email: it is filed under customer ', el('bdi', {}, found),
    ', and the ticket names customer ', el('bdi', {}, asked),
    '. If two people share that address it may be someone else\u2019s; check before you use it.');
}

/**
 * Draws `assessment` into `root` (replacing what was there).
 * options: { onInsert(snippet), onDismiss(snippet), messages: ticket messages (to quote the
 * evidence in context when the host shows no conversation), customer: the ticket's customer
 * (to say when the history was found under another id), topReasons = 3, heading }
 */
export function renderPanel(root, a, options = {}) {
  const { onInsert, onDismiss, messages, customer, topReasons = 3, heading = 'Rapport' } = options;
  const identity = identityNote(customer, a.customer);
  const why = doubtsText(a);
  const top = a.reasons.filter((r) => r.points !== 0).slice(0, topReasons);
  const rest = a.reasons.filter((r) => !top.includes(r));
  const reason = (r) => el('li', { class: 'rp-reason' },
    el('span', { class: `rp-points ${r.points < 0 ? 'rp-neg' : ''}` }, `${r.points > 0 ? '+' : ''}${r.points}`), ' ',
    el('strong', {}, r.label),
    r.evidence ? el('span', { class: 'rp-evidence' }, ` — ${r.evidence}`) : null,
    r.source ? el('span', { class: 'rp-source' }, ` (${r.source})`) : null);

  const section = el('section', { class: 'rp-panel', 'aria-label': `${heading}: ticket ${a.ticketId}` });
  section.append(
    el('div', { class: 'rp-head' },
      chip(a.score, a.band),
      el('span', { class: `rp-band rp-${a.band}` }, BAND_LABEL[a.band] ?? a.band),
      el('span', { class: 'rp-route' }, ROUTE_LABEL[a.route] ?? a.route),
      a.confidence ? el('span', { class: `rp-confidence rp-conf-${a.confidence}` }, CONFIDENCE_LABEL[a.confidence] ?? a.confidence) : null,
      why ? el('span', { class: 'rp-doubts' }, why) : null,
      a.reply ? el('span', { class: 'rp-reply' }, REPLY_LABEL[a.reply] ?? a.reply) : null),
    el('h3', {}, 'Top reasons'),
    el('ol', { class: 'rp-reasons', 'aria-label': 'Top reasons, largest first' }, ...top.map(reason)),
  );
  if (identity) section.querySelector('.rp-head').after(identityLine(identity));
  if (rest.length) {
    section.append(el('details', { class: 'rp-more' }, el('summary', {}, `All ${a.reasons.length} reasons`), el('ol', { class: 'rp-reasons' }, ...rest.map(reason))));
  }
  if (messages) {
    // the words of the strongest reasons read from the text (history reasons carry their own
    // evidence above), so a third contact's "THIRD time" is quoted even when value and time
    // open outweigh it
    const by = spansByMessage({ reasons: a.reasons.filter((r) => r.points > 0 && r.spans.length) }, topReasons);
    // a broken promise quotes our own reply: it goes under a heading of its own
    // the engine's names for the customer's side of a thread (`ticket.rs`)
    const fromCustomer = (m) => ['customer', 'requester', 'contact', 'user', 'end-user'].includes(String(m.from).trim().toLowerCase());
    const of = (who) => [...by.keys()].filter((i) => messages[i] && fromCustomer(messages[i]) === who).map((i) => quote(messages[i].text, by.get(i)));
    const theirs = of(true);
    const ours = of(false);
    if (theirs.length) section.append(el('h3', {}, 'In the customer\u2019s words'), ...theirs);
    if (ours.length) section.append(el('h3', {}, 'In our earlier reply'), ...ours);
  }
  section.append(
    el('h3', {}, 'Next'),
    el('p', { class: 'rp-followup' }, a.followUp ? `Follow up in ${a.followUp.inDays} day${a.followUp.inDays === 1 ? '' : 's'}: ${a.followUp.reason}.` : 'No follow-up needed.'),
    el('p', { class: 'rp-channel' }, `Answer by ${a.channel.channel}: ${a.channel.reason}.`),
  );
  if (a.snippets.length) {
    const list = el('ol', { class: 'rp-snippets', 'aria-label': 'Suggested replies, best first' });
    for (const sn of a.snippets) {
      const facts = sn.factsUsed.map((f) => `${f.fact} (${f.source})`).join(', ');
      const titleId = `rp-s-${a.ticketId}-${sn.id}`.replace(/[^A-Za-z0-9_-]/g, '_');
      list.append(el('li', { class: 'rp-snippet', 'aria-labelledby': titleId, 'data-snippet': sn.id },
        el('div', { class: 'rp-snippet-head' },
          el('strong', { id: titleId }, sn.title || sn.category),
          el('span', { class: 'rp-fit' }, ` ${sn.tone} · fits ${Math.round(sn.relevance * 100)}%`)),
        el('p', { class: 'rp-snippet-text' }, sn.text),
        el('p', { class: 'rp-facts' }, facts ? `Uses ${facts}.` : 'Uses no customer facts.'),
        sn.missingFacts.length ? el('p', { class: 'rp-missing' }, `Missing: ${sn.missingFacts.join(', ')}.`) : null,
        el('div', { class: 'rp-actions' },
          el('button', { type: 'button', class: 'rp-insert', 'aria-label': `Insert: ${sn.title || sn.category}`, onclick: () => onInsert?.(sn) }, 'Insert'),
          el('button', { type: 'button', class: 'rp-dismiss', 'aria-label': `Dismiss: ${sn.title || sn.category}`, onclick: () => onDismiss?.(sn) }, 'Dismiss'))));
    }
    section.append(el('h3', {}, 'Reply snippets'), list);
  }
  root.replaceChildren(section);
  return section;
}

/** The styles as a constructed stylesheet, for `adoptedStyleSheets` of a document or a shadow
 * root: unlike a <style> element it works under a strict style-src CSP, as help desks have. */
export function sheet(extra = '') {
  const s = new CSSStyleSheet();
  s.replaceSync(PANEL_CSS + extra);
  return s;
}

/** The panel's styles, for a shadow root or a page; every rule is scoped under .rp-panel. */
export const PANEL_CSS = `
.rp-panel { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1d232a; background: #fff; text-align: left; }
.rp-panel h3 { font-size: 13px; text-transform: uppercase; letter-spacing: .05em; color: #4a5560; margin: 16px 0 6px; }
.rp-head { display: flex; flex-wrap: wrap; gap: 8px 12px; align-items: center; }
.rp-chip { white-space: nowrap; font-size: 24px; font-weight: 700; padding: 2px 10px; border-radius: 16px; border: 2px solid currentColor; font-variant-numeric: tabular-nums; }
.rp-mark { font-size: 14px; vertical-align: .15em; }
.rp-band { font-weight: 700; text-transform: uppercase; letter-spacing: .04em; }
.rp-route { color: #4a5560; flex-basis: 100%; }
.rp-confidence { color: #4a5560; flex-basis: 100%; font-size: 12px; }
.rp-reply { color: #24303a; flex-basis: 100%; font-size: 12px; font-weight: 600; }
.rp-conf-low { color: #8a4b00; }
.rp-doubts { color: #4a5560; flex-basis: 100%; font-size: 12px; }
.rp-identity { color: #8a4b00; font-size: 13px; margin: 8px 0 0; padding: 4px 8px; border-left: 3px solid currentColor; }
.rp-critical { color: #a3202b; } .rp-relational { color: #8a5a00; } .rp-transactional { color: #2f6b3a; }
.rp-reasons { margin: 0; padding-left: 20px; }
.rp-reason { margin: 4px 0; }
.rp-points { display: inline-block; min-width: 3ch; font-weight: 700; font-variant-numeric: tabular-nums; }
.rp-neg { color: #2f6b3a; }
.rp-evidence, .rp-source, .rp-fit, .rp-facts, .rp-missing, .rp-followup, .rp-channel { color: #4a5560; }
.rp-facts, .rp-missing { font-size: 13px; margin: 3px 0; }
.rp-quote { margin: 6px 0; padding: 6px 12px; border-left: 4px solid #d9dee3; white-space: pre-wrap; overflow-wrap: anywhere; }
.rp-full summary { cursor: pointer; color: #1f5fbf; font-size: 13px; }
.rp-full-text { white-space: pre-wrap; max-height: 320px; overflow: auto; padding: 6px 12px; border-left: 4px solid #d9dee3; overflow-wrap: anywhere; }
.rp-panel mark { background: #ffe08a; color: inherit; padding: 0 .1em; border-bottom: 2px solid #b88a00; }
.rp-more summary { cursor: pointer; color: #1f5fbf; margin-top: 6px; }
.rp-snippets { margin: 0; padding-left: 20px; }
.rp-snippet { margin: 8px 0 14px; }
.rp-snippet-text { white-space: pre-wrap; background: #f6f7f9; border: 1px solid #d9dee3; border-radius: 6px; padding: 8px 10px; margin: 5px 0; }
.rp-actions { display: flex; gap: 8px; }
.rp-panel button { font: inherit; font-weight: 600; padding: 5px 14px; border-radius: 6px; cursor: pointer; border: 1px solid #1f5fbf; }
.rp-insert { background: #1f5fbf; color: #fff; }
.rp-dismiss { background: #fff; color: #1f5fbf; }
.rp-panel button:focus-visible, .rp-panel summary:focus-visible { outline: 3px solid #f2a900; outline-offset: 2px; }
`;
