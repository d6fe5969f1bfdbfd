// <rapport-outreach>: who to contact today, as an embeddable element. One script tag:
//   <script type="module" src="/rapport/widget/rapport-outreach.js"></script>
//   <rapport-outreach agent="Maya" limit="10"></rapport-outreach>
// The host gives it history the way it gives <rapport-panel> history (the `history` property,
// adds up) and, if it has them, the rows the agent's engine learned (`learning`, from
// exportLearning: the assessments and snippets sent that make follow-ups due). It loads the
// insights build of the engine (insights/ in the package), draws the list in its shadow root
// and fires `rapport-outreach-insert` on Insert, so the host can open a new message.
import { loadEngine, DEFAULT_BASE } from './engine.js';
import { sheet, el } from './panel.js';
import { renderOutreach, OUTREACH_CSS } from './outreach-list.js';

const HOST_CSS = `:host { all: initial; display: block; contain: content; }
:host([hidden]) { display: none; }
.rp-status { font: 13px/1.4 system-ui, sans-serif; color: #4a5560; margin: 0; padding: .25rem 0; }
.rp-error { color: #a3202b; }` + OUTREACH_CSS;

const folder = (base) => {
  const u = new URL(base, document.baseURI).href;
  return u.endsWith('/') ? u : `${u}/`;
};

export class RapportOutreach extends HTMLElement {
  static observedAttributes = ['agent', 'now', 'limit', 'within', 'base'];
  /** Where the package lives (its insights/ folder holds the engine this element loads). */
  static base = globalThis.RAPPORT_BASE ?? DEFAULT_BASE;

  #history = [];
  #loaded = 0;
  #learning = null;
  #entries = [];
  #root;
  #body;
  #status;
  #pending = Promise.resolve();
  #queued = false;

  constructor() {
    super();
    this.#root = this.attachShadow({ mode: 'open' });
    this.#root.adoptedStyleSheets = [sheet(HOST_CSS)];
    this.#status = el('p', { class: 'rp-status', role: 'status', 'aria-live': 'polite' }, 'Rapport: loading…');
    this.#body = el('div');
    this.#root.append(this.#status, this.#body);
    // set before the element was defined: own properties that hide the accessors; take them up
    for (const k of ['history', 'learning']) {
      if (Object.prototype.hasOwnProperty.call(this, k)) {
        const v = this[k];
        delete this[k];
        this[k] = v;
      }
    }
  }

  connectedCallback() { this.#refresh(); }

  /** The insights engine this element uses (shared by the elements of a page with one base). */
  get ready() {
    return loadEngine(new URL('insights/', folder(this.getAttribute('base') ?? RapportOutreach.base)).href).then(({ engine }) => engine);
  }

  /** History to load (the engine's History shape); loads add up and never duplicate. */
  set history(h) {
    this.#history.push(h);
    this.#refresh();
  }

  /** What the agent's engine saw (`exportLearning()` rows); replaces the previous rows, and
   * keeps the customers contacted from this list. */
  set learning(rows) {
    this.#learning = rows ?? [];
    this.#refresh();
  }

  /** The entries shown (engine.outreach's result), or []. */
  get entries() { return this.#entries; }

  attributeChangedCallback() { if (this.isConnected) this.#refresh(); }

  /** Draw the list again (e.g. at a new `now`). */
  refresh() { return this.#refresh(); }

  #options() {
    const o = { now: this.getAttribute('now') || new Date().toISOString() };
    for (const k of ['limit', 'within']) if (this.getAttribute(k)) o[k] = Number(this.getAttribute(k));
    if (this.getAttribute('agent')) o.agent = this.getAttribute('agent');
    return o;
  }

  #refresh() {
    // one draw at a time, in order; changes made while one waits are drawn once
    if (this.#queued) return this.#pending;
    this.#queued = true;
    this.#pending = this.#pending.then(() => { this.#queued = false; return this.#draw(); })
      .catch((e) => this.#fail(e.message ?? String(e)));
    return this.#pending;
  }

  async #draw() {
    const engine = await this.ready;
    while (this.#history.length) {
      this.#emit('rapport-history', engine.loadHistory(this.#history.shift()));
      this.#loaded++;
    }
    if (!this.#loaded) {
      // an empty list would say "nobody to contact" before the host gave any history
      this.#status.textContent = 'Rapport: waiting for history.';
      return;
    }
    if (this.#learning) {
      // importLearning replaces what the engine saw: keep the contacts made from this list
      const contacts = engine.exportLearning().filter((r) => r.record === 'contact');
      engine.importLearning([...this.#learning, ...contacts]);
      this.#learning = null;
    }
    const entries = engine.outreach(this.#options());
    this.#entries = entries;
    this.#status.textContent = entries.length ? `${entries.length} customer${entries.length === 1 ? '' : 's'} to contact today.` : '';
    this.#status.classList.remove('rp-error');
    renderOutreach(this.#body, entries, { onInsert: (x) => this.#insert(x, entries) });
    this.#emit('rapport-outreach', entries);
  }

  async #insert(x, drawn) {
    // an entry of an earlier list (redrawn since) is refused: its customer may be contacted already
    if (drawn !== this.#entries || !x.snippet) return;
    const engine = await this.ready;
    engine.feedback({ ticketId: x.id, snippetId: x.snippet.id, action: 'inserted' });
    this.#emit('rapport-outreach-insert', { id: x.id, customer: x.customer, channel: x.channel.channel, snippetId: x.snippet.id, text: x.snippet.text });
    await this.#refresh(); // contacted: the entry drops out
    this.#root.querySelector('.ro-insert')?.focus();
  }

  #emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  #fail(message) {
    this.#entries = [];
    this.#body.replaceChildren();
    this.#status.textContent = `Rapport could not draw the outreach list: ${message}`;
    this.#status.classList.add('rp-error');
    this.#emit('rapport-error', { message });
  }
}

if (!customElements.get('rapport-outreach')) customElements.define('rapport-outreach', RapportOutreach);
