// <rapport-import>: drop zone and import queue for large history files, beside <rapport-panel worker>.
//   <script type="module" src="/rapport/widget/rapport-import.js"></script>
//   <rapport-import keep="my-desk-history"></rapport-import>
//   <rapport-panel worker agent="Maya"></rapport-panel>
// Files stream into the engine's worker (engine-worker.js, served beside this file), each with
// its progress bar, Cancel, report and "Undo this file". With `keep`, files are kept in this
// origin's IndexedDB under that name and replayed (in the worker) when the page loads again.
// Events (bubbling, composed): `rapport-import` { name, kind, report, stopped } after each file,
// `rapport-error` { message }. Panels with the `worker` attribute redraw after each.
import { DEFAULT_BASE } from './engine.js';
import { workerEngine } from './engine-client.js';
import { importQueue, dropZone, IMPORT_CSS } from './import-view.js';
import { historyDb } from './history-db.js';
import { sheet, el } from './panel.js';

const HOST_CSS = `:host { all: initial; display: block; contain: content; }
:host([hidden]) { display: none; }
.ri-root { all: initial; display: block; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1d232a; }
.ri-drop { border: 2px dashed #9aa7b3; border-radius: 8px; padding: 10px; display: grid; gap: 6px; }
.ri-drop.over { border-color: #1f5fa8; background: #eef4fb; }
.ri-drop label { font-weight: 600; font-size: 13px; }
.ri-status { margin: 4px 0; font-size: 13px; color: #4a5560; }
${IMPORT_CSS}`;

/** Replays a page's kept files once per worker and database, whichever element asks first. */
const restored = new Map();

export class RapportImport extends HTMLElement {
  static base = globalThis.RAPPORT_BASE ?? DEFAULT_BASE;
  #root;
  #status;
  #list;
  #kind;
  #queue = null;

  constructor() {
    super();
    this.#root = this.attachShadow({ mode: 'open' });
    this.#root.adoptedStyleSheets = [sheet(HOST_CSS)];
    const input = el('input', { type: 'file', multiple: true, accept: '.json,.csv,application/json,text/csv', id: 'ri-files' });
    this.#kind = el('select', { id: 'ri-kind' }, ...['auto', 'customers', 'tickets', 'orders', 'surveys'].map((k) => el('option', { value: k }, k === 'auto' ? 'guess from the columns' : k)));
    const drop = el('div', { class: 'ri-drop', part: 'drop' },
      el('label', { for: 'ri-files' }, 'Choose or drop history files (JSON or CSV)'), input,
      el('label', { for: 'ri-kind' }, 'A CSV file holds'), this.#kind);
    this.#status = el('p', { class: 'ri-status', role: 'status', 'aria-live': 'polite' });
    this.#list = el('div');
    this.#root.append(el('div', { class: 'ri-root', part: 'root' }, drop, this.#status, this.#list));
    input.addEventListener('change', () => { this.add([...input.files]); input.value = ''; });
    dropZone(drop, (files) => this.add(files));
  }

  get #engine() { return workerEngine(this.getAttribute('base') ?? RapportImport.base); }
  get #keep() { return this.getAttribute('keep') || null; }

  /** The worker's handle, once the kept files (if any) are replayed into it. */
  get ready() {
    const engine = this.#engine;
    const keep = this.#keep;
    if (!keep) return engine.ready.then(() => engine);
    const key = `${keep}\n${this.getAttribute('base') ?? RapportImport.base}`;
    if (!restored.has(key)) {
      this.#status.textContent = 'Restoring the files kept in this browser…';
      restored.set(key, engine.call('restore', [keep, []]).then((r) => {
        this.#status.textContent = r.files ? `Restored ${r.files} file(s) kept in this browser.` : '';
        if (r.files) this.#emit('rapport-import', { restored: r.files });
        return engine;
      }));
    }
    return restored.get(key);
  }

  connectedCallback() { this.ready.catch((e) => this.#fail(e.message)); }

  /** Queues `files` (File objects); resolves when they are all settled. */
  async add(files) {
    const engine = await this.ready.catch((e) => { this.#fail(e.message); return null; });
    if (!engine) return;
    this.#queue ??= importQueue(this.#list, {
      engine,
      options: () => ({ kind: this.#kind.value, keep: this.#keep }),
      busy: (on) => { this.#status.textContent = on ? 'Loading in the background; assessments use the history loaded so far.' : ''; },
      onSettled: (r) => (r.error ? this.#emit('rapport-error', { message: `${r.name}: ${r.error}` }) : this.#emit('rapport-import', { name: r.name, kind: r.kind, report: r.report, stopped: r.stopped })),
      onUndo: this.#keep ? (r) => this.#undo(r) : null,
    });
    return this.#queue.add(files);
  }

  /** "Undo this file": the engine is rebuilt from the histories the page gave and the other
   * kept files (what the agent taught it is carried over). Without `keep` the files are not
   * kept, so there is nothing to rebuild from: the button is not offered. */
  async #undo(r) {
    await historyDb(this.#keep).remove(r.fileId);
    await this.#engine.call('rebuild', [this.#keep, []]);
    this.#emit('rapport-import', { name: r.name, undone: true });
  }

  #emit(type, detail) { this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true })); }
  #fail(message) {
    this.#status.textContent = `Rapport could not load files: ${message}`;
    this.#emit('rapport-error', { message });
  }
}

if (!customElements.get('rapport-import')) customElements.define('rapport-import', RapportImport);
