// <rapport-panel>: the embeddable widget. One script tag registers it:
//   <script type="module" src="/rapport/widget/rapport-panel.js"></script>
//   <rapport-panel agent="Maya"></rapport-panel>
// The host gives it a ticket (property `ticket`, or the `ticket` attribute as JSON) and history
// (property `history`); it shows the assessment in its own shadow DOM and fires
// `rapport-insert` when the agent inserts a snippet, so the host can put the text in its editor.
// See the README's "Widget" section for the whole API. With the `worker` attribute the panel
// assesses through the engine in a worker (engine-client.js), the one <rapport-import> streams
// large files into, and redraws after each import.
import { loadEngine, DEFAULT_BASE } from './engine.js';
import { workerEngine } from './engine-client.js';
import { renderPanel, sheet, el } from './panel.js';

// The page's rules cannot match inside the shadow root, but they do match the host element
// itself (`aside * {…}`, `rapport-panel {…}`) and win over `:host`; what they set there would
// be inherited inward. So the inner root resets every inherited property again (`all` leaves
// out direction and unicode-bidi), and every size is in px: `html { font-size: 8px }` is the
// page's rem, not ours.
const HOST_CSS = `:host { all: initial; display: block; contain: content; }
:host([hidden]) { display: none; }
.rp-root { all: initial; display: block; direction: ltr; unicode-bidi: isolate;
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1d232a; text-align: left;
  text-transform: none; letter-spacing: normal; word-spacing: normal; white-space: normal; text-indent: 0;
  font-style: normal; font-weight: 400; font-variant: normal; text-shadow: none; visibility: visible; cursor: auto; }
.rp-status { font: 13px/1.4 system-ui, sans-serif; color: #4a5560; margin: 0; padding: 4px 0; }
.rp-status:empty { display: none; }
.rp-error { color: #a3202b; }`;

export class RapportPanel extends HTMLElement {
  static observedAttributes = ['ticket', 'agent', 'snippets', 'now', 'base'];
  /** Where the package (rapport.js, rapport_bg.wasm) lives, for every panel without `base`. */
  static base = globalThis.RAPPORT_BASE ?? DEFAULT_BASE;

  #ticket = null;
  #history = [];
  #assessment = null;
  #root;
  #body;
  #status;
  #pending = Promise.resolve();
  #queued = false;
  #force = false;
  /** What the shown panel was drawn from (ticket, history loads, learning, options): a second
   * request for the same draw (a ticket set while the first was loading) emits nothing new. */
  #drawnKey = '';
  #loads = 0;
  #learned = 0;
  /** Counts the tickets set: an action drawn for an earlier one is refused. */
  #generation = 0;

  constructor() {
    super();
    this.#root = this.attachShadow({ mode: 'open' });
    this.#root.adoptedStyleSheets = [sheet(HOST_CSS)];
    this.#status = el('p', { class: 'rp-status', role: 'status', 'aria-live': 'polite' }, 'Rapport: waiting for a ticket.');
    this.#body = el('div');
    this.#root.append(el('div', { class: 'rp-root', part: 'root' }, this.#status, this.#body));
    // a page may set `ticket` or `history` before this element was defined (a classic script
    // before the module): those landed as own properties that hide the accessors; take them up
    for (const k of ['history', 'ticket']) {
      if (Object.prototype.hasOwnProperty.call(this, k)) {
        const v = this[k];
        delete this[k];
        this[k] = v;
      }
    }
  }

  /** The engine this panel uses (shared by the panels of a page with the same base); with the
   * `worker` attribute, the worker's handle (`call(method, args)` → a promise). */
  get ready() {
    const base = this.getAttribute('base') ?? RapportPanel.base;
    if (this.hasAttribute('worker')) { const w = workerEngine(base); return w.ready.then(() => w); }
    return loadEngine(base).then(({ engine }) => engine);
  }

  /** The engine's three calls the panel makes, each one round trip in worker mode. */
  async #engine() {
    const e = await this.ready;
    if (!this.hasAttribute('worker')) return { loadHistory: async (h) => e.loadHistory(h), assess: async (t, o) => e.assess(t, o), feedback: async (f) => e.feedback(f) };
    return { loadHistory: (h) => e.call('loadHistory', [h]), assess: (t, o) => e.call('assess', [t, o]), feedback: (f) => e.call('feedback', [f]) };
  }

  #onImport = () => { if (this.#ticket) { this.#loads++; this.#refresh(); } };
  connectedCallback() { if (this.hasAttribute('worker')) document.addEventListener('rapport-import', this.#onImport); }
  disconnectedCallback() { document.removeEventListener('rapport-import', this.#onImport); }

  /** The open ticket, in the engine's Ticket shape. Setting it assesses and redraws. */
  get ticket() { return this.#ticket; }
  set ticket(t) {
    this.#ticket = t ?? null;
    this.#generation++;
    // the previous ticket's panel goes at once: its Insert must never reach this ticket
    this.#clear();
    this.#refresh();
  }

  /** History to load (the engine's History shape); loads add up and never duplicate. */
  set history(h) {
    this.#history.push(h);
    this.#refresh();
  }

  /** The latest assessment shown, or null. */
  get assessment() { return this.#assessment; }

  attributeChangedCallback(name, _old, value) {
    if (name === 'ticket') {
      try {
        this.ticket = value ? JSON.parse(value) : null;
      } catch (e) {
        this.#ticket = null;
        this.#generation++;
        this.#fail(`the ticket attribute is not JSON: ${e.message}`);
      }
    } else if (this.#ticket) {
      this.#refresh();
    }
  }

  /** Assess again (e.g. after the host changed the history another way). */
  refresh() { return this.#refresh(true); }

  #options() {
    const o = { snippets: Number(this.getAttribute('snippets') ?? 3) };
    if (this.getAttribute('agent')) o.agent = this.getAttribute('agent');
    if (this.getAttribute('now')) o.now = this.getAttribute('now');
    return o;
  }

  #refresh(force = false) {
    // one assessment at a time, in the order asked for; changes made while one waits to start
    // (ticket and history set together on load) are drawn once
    this.#force ||= force;
    if (this.#queued) return this.#pending;
    this.#queued = true;
    this.#pending = this.#pending.then(() => { this.#queued = false; return this.#draw(); })
      .catch((e) => this.#fail(e.message ?? String(e)));
    return this.#pending;
  }

  #clear() {
    this.#assessment = null;
    this.#drawnKey = '';
    this.#body.replaceChildren();
  }

  async #draw() {
    if (!this.#ticket && !this.#history.length) {
      this.#clear();
      this.#status.textContent = 'Rapport: waiting for a ticket.';
      this.#status.classList.remove('rp-error');
      return;
    }
    this.#status.textContent = 'Rapport: loading…';
    const engine = await this.#engine();
    while (this.#history.length) {
      const report = await engine.loadHistory(this.#history.shift());
      this.#loads++;
      this.#emit('rapport-history', report);
    }
    const ticket = this.#ticket;
    const generation = this.#generation;
    if (!ticket) {
      this.#clear();
      this.#status.textContent = 'Rapport: waiting for a ticket.';
      this.#status.classList.remove('rp-error');
      return;
    }
    const key = JSON.stringify([generation, this.#loads, this.#learned, this.#options()]);
    const force = this.#force;
    this.#force = false;
    if (!force && this.#assessment && key === this.#drawnKey) {
      this.#status.textContent = this.#statusLine(this.#assessment);
      return; // already on show: drawn while this request waited (one event per ticket drawn)
    }
    this.#clear(); // whatever happens next, nothing of an earlier draw stays clickable
    const a = await engine.assess(ticket, this.#options());
    // a ticket set while the worker answered: its own draw follows, this one is dropped
    if (generation !== this.#generation) return;
    this.#assessment = a;
    this.#drawnKey = key;
    this.#status.textContent = this.#statusLine(a);
    this.#status.classList.remove('rp-error');
    // each action carries the ticket it was drawn for, and is refused for any other
    const act = (action) => (sn) => this.#act(sn, action, a, generation);
    renderPanel(this.#body, a, {
      messages: this.hasAttribute('quote') ? ticket.messages : undefined,
      customer: ticket.customer,
      onInsert: act('inserted'),
      onDismiss: act('dismissed'),
    });
    this.#emit('rapport-assessed', a);
  }

  #statusLine(a) { return a.truncated?.length ? `Rapport: ${a.truncated.join('; ')}.` : ''; }

  async #act(sn, action, drawn, generation) {
    if (generation !== this.#generation || this.#assessment !== drawn) {
      const message = 'that suggestion was for another ticket; nothing was inserted';
      this.#emit('rapport-error', { message });
      return;
    }
    const engine = await this.#engine();
    await engine.feedback({ ticketId: drawn.ticketId, snippetId: sn.id, action });
    if (action === 'inserted') {
      this.#emit('rapport-insert', { ticketId: drawn.ticketId, snippetId: sn.id, text: sn.text });
    } else {
      this.#emit('rapport-dismiss', { ticketId: drawn.ticketId, snippetId: sn.id });
      this.#learned++;
      await this.#refresh(); // the ranking has learned from it
      this.#root.querySelector('.rp-insert')?.focus();
    }
  }

  #emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  #fail(message) {
    // a failure never leaves an earlier ticket's panel (and its Insert) on show
    this.#clear();
    this.#status.textContent = `Rapport could not assess this ticket: ${message}`;
    this.#status.classList.add('rp-error');
    this.#emit('rapport-error', { message });
  }
}

// Registering twice (two script tags, two copies) does no harm: the first definition stays.
if (!customElements.get('rapport-panel')) customElements.define('rapport-panel', RapportPanel);
