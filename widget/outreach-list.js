// The outreach list drawn as DOM: who to contact today, why (each reason with its points and
// the record it stands on), the suggested channel and the filled proactive snippet, with an
// Insert per entry. Shared by the demo desk, the <rapport-outreach> widget and the extension's
// Today tab. Customer text goes in as textContent only; nothing is parsed as HTML.
import { el } from './panel.js';

/** Short words for the reasons, for the entry's one-line summary (the label says the rest). */
export const OUTREACH_SHORT = {
  'outreach.follow_up_due': 'follow-up due',
  'outreach.detractor': 'detractor',
  'outreach.low_csat': 'low CSAT',
  'outreach.unchecked_close': 'closed without a check-in',
  'outreach.fix_check': 'did the fix hold?',
  'outreach.going_dark': 'going quiet',
  'outreach.birthday': 'birthday',
  'outreach.anniversary': 'anniversary',
  'outreach.milestone_order': 'milestone order',
  'outreach.value': 'valued customer',
};

const who = (c) => c.name || c.email || c.id || 'this customer';

/**
 * Draws `entries` (the result of `engine.outreach`) into `root`, replacing what was there.
 * options: { onInsert(entry), heading = 'Contact today', empty: text when the list is empty }
 */
export function renderOutreach(root, entries, options = {}) {
  const { onInsert, heading = 'Contact today', empty = 'Nobody to contact today: no reason fires for any customer without an open ticket.' } = options;
  const section = el('section', { class: 'ro-list', 'aria-label': heading });
  if (!entries.length) {
    section.append(el('p', { class: 'ro-empty' }, empty));
    root.replaceChildren(section);
    return section;
  }
  const list = el('ol', { class: 'ro-entries', 'aria-label': `${heading}, highest score first` });
  for (const x of entries) {
    const name = who(x.customer);
    const titleId = `ro-${x.id}`.replace(/[^A-Za-z0-9_-]/g, '_');
    const main = x.reasons.find((r) => r.signal !== 'outreach.value' && r.points > 0) ?? x.reasons[0];
    const sn = x.snippet;
    list.append(el('li', { class: 'ro-entry', 'data-outreach': x.id, 'data-signals': x.reasons.map((r) => r.signal).join(' '), 'aria-labelledby': titleId },
      el('div', { class: 'ro-head' },
        el('span', { class: 'ro-score', role: 'img', 'aria-label': `Score ${x.score}` }, String(x.score)),
        el('span', { class: 'ro-who' },
          el('strong', { id: titleId }, name),
          x.customer.email && x.customer.email !== name ? el('span', { class: 'ro-email' }, ` ${x.customer.email}`) : null,
          main ? el('span', { class: 'ro-main' }, OUTREACH_SHORT[main.signal] ?? main.label) : null)),
      el('ol', { class: 'ro-reasons', 'aria-label': `Why ${name}` }, ...x.reasons.map((r) => el('li', { class: 'ro-reason', 'data-signal': r.signal },
        el('span', { class: 'ro-points' }, `${r.points > 0 ? '+' : ''}${r.points}`), ' ',
        el('strong', {}, r.label),
        r.evidence ? el('span', { class: 'ro-evidence' }, ` — ${r.evidence}`) : null))),
      el('p', { class: 'ro-channel' }, `By ${x.channel.channel}: ${x.channel.reason}.`),
      sn ? el('div', { class: 'ro-snippet', 'data-snippet': sn.id },
        el('p', { class: 'ro-snippet-title' }, el('strong', {}, sn.title || sn.category), el('span', { class: 'ro-tone' }, ` · ${sn.tone}`)),
        el('p', { class: 'ro-snippet-text' }, sn.text),
        sn.missingFacts?.length ? el('p', { class: 'ro-missing' }, `Missing: ${sn.missingFacts.join(', ')}.`) : null,
        el('button', { type: 'button', class: 'ro-insert', 'aria-label': `Insert the message to ${name}`, onclick: () => onInsert?.(x) }, 'Insert'))
        : el('p', { class: 'ro-missing' }, 'No snippet for this reason: write to them in your own words.')));
  }
  section.append(list);
  root.replaceChildren(section);
  return section;
}

/** The list's styles; every rule is scoped under .ro-list (for a page or a shadow root). */
export const OUTREACH_CSS = `
.ro-list { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1d232a; text-align: left; }
.ro-entries { list-style: none; margin: 0; padding: 0; display: grid; gap: .6rem; }
.ro-entry { border: 1px solid #d9dee3; border-radius: .5rem; padding: .5rem .65rem; background: #fff; min-width: 0; }
.ro-head { display: flex; gap: .6rem; align-items: center; }
.ro-score { font-weight: 700; font-size: 1.1rem; min-width: 2.6rem; text-align: center; padding: .05rem .4rem; border-radius: 1rem; border: 2px solid #1f5fbf; color: #1f5fbf; font-variant-numeric: tabular-nums; }
.ro-who { display: flex; flex-wrap: wrap; gap: 0 .4rem; align-items: baseline; min-width: 0; }
.ro-email { color: #4a5560; font-size: .82rem; overflow-wrap: anywhere; }
.ro-main { flex-basis: 100%; color: #8a5a00; font-size: .82rem; font-weight: 600; text-transform: uppercase; letter-spacing: .04em; }
.ro-reasons { margin: .4rem 0 .2rem; padding-left: 1.2rem; font-size: .88rem; }
.ro-reason { margin: .15rem 0; overflow-wrap: anywhere; }
.ro-points { display: inline-block; min-width: 3ch; font-weight: 700; font-variant-numeric: tabular-nums; }
.ro-evidence, .ro-channel, .ro-tone, .ro-missing { color: #4a5560; }
.ro-channel { margin: .2rem 0; font-size: .88rem; }
.ro-missing { font-size: .8rem; margin: .2rem 0; }
.ro-snippet-title { margin: .3rem 0 0; font-size: .88rem; }
.ro-snippet-text { white-space: pre-wrap; background: #f6f7f9; border: 1px solid #d9dee3; border-radius: .35rem; padding: .45rem .6rem; margin: .3rem 0; font-size: .88rem; overflow-wrap: anywhere; }
.ro-list button { font: inherit; font-weight: 600; padding: .3rem .9rem; border-radius: .35rem; cursor: pointer; border: 1px solid #1f5fbf; background: #1f5fbf; color: #fff; }
.ro-list button:focus-visible { outline: 3px solid #f2a900; outline-offset: 2px; }
.ro-empty { color: #4a5560; }
`;
