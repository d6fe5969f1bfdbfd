// The import queue shared by the demo, <rapport-import> and the extension's options page: each
// dropped file gets a row with its own progress bar (bytes of the total, records, rows rejected
// so far, time left), a Cancel button, and then its report, with "Undo this file" and each
// rejected row's line one click away. Files go to the worker one after another (one engine).
// Customer text (file names, cells) is only ever set as text.
import { el, thousands as num } from './panel.js';

export const IMPORT_CSS = `.ri-files { list-style: none; margin: 8px 0; padding: 0; display: grid; gap: 8px; }
.ri-file { border: 1px solid #d5dbe1; border-radius: 6px; padding: 8px; background: #fff; }
.ri-file progress { width: 100%; height: 10px; }
.ri-line { margin: 2px 0; font-size: 13px; }
.ri-muted { color: #4a5560; }
.ri-error { color: #a3202b; }
.ri-actions button { font: inherit; font-size: 12px; margin-right: 6px; }
.ri-rejected { margin: 4px 0 0; padding-left: 18px; font-size: 12px; max-height: 160px; overflow: auto; }
.ri-conflicts { margin: 4px 0 0; font-size: 12px; color: #8a4b00; }
.ri-conflicts ul { margin: 2px 0 0; padding-left: 18px; max-height: 120px; overflow: auto; }
.ri-rejected button { font: inherit; background: none; border: 0; padding: 0; margin: 0; color: #1f5fa8; text-decoration: underline; cursor: pointer; }
.ri-row { display: block; white-space: pre-wrap; word-break: break-all; background: #f4f6f8; padding: 2px 4px; font: 12px ui-monospace, monospace; }`;

const mb = (n) => (n >= 1e6 ? `${(n / 1e6).toFixed(1)} MB` : n >= 1e3 ? `${Math.round(n / 1e3)} KB` : `${n} bytes`);
const sum = (c) => c.customers + c.tickets + c.orders + c.surveys;
function timeLeft({ bytes, total, elapsedMs }) {
  if (!bytes || elapsedMs < 300) return 'estimating the time left';
  const s = Math.ceil(((total - bytes) / bytes) * elapsedMs / 1000);
  return s < 60 ? `about ${s} s left` : `about ${Math.ceil(s / 60)} min left`;
}

/** The progress line of one file: what the bar shows, in words. */
export function progressText(p) {
  if (p.finishing) return `All ${mb(p.total)} read · ${num(p.records)} records · ${num(p.rejected)} rejected · putting the history in order…`;
  return `${mb(p.bytes)} of ${mb(p.total)} · ${num(p.records)} records · ${num(p.rejected)} rejected · ${timeLeft(p)}`;
}

/** Makes `zone` take dropped files (marked `over` while a drag is above it): `onFiles(files)`.
 * The demo, <rapport-import> and the extension's options page drop the same way. */
export function dropZone(zone, onFiles) {
  zone.addEventListener('dragover', (ev) => { ev.preventDefault(); zone.classList.add('over'); });
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', (ev) => { ev.preventDefault(); zone.classList.remove('over'); onFiles([...ev.dataTransfer.files]); });
}

/** A queue in `box`. `engine` is a workerEngine; `options()` gives each file's import options
 * (`{ kind, keep }`); `onSettled(result, { left })` after each file (`left`: files still to come); `onUndo(result)` for "Undo this file"
 * (the page rebuilds the engine without it and resolves when done). */
export function importQueue(box, { engine, options = () => ({}), onSettled = () => {}, onUndo = null, busy = () => {} }) {
  const list = el('ol', { class: 'ri-files', 'aria-label': 'Files being loaded' });
  box.replaceChildren(list);
  let chain = Promise.resolve();
  let pending = 0;

  function row(file) {
    const bar = el('progress', { max: String(file.size || 1), value: '0', 'aria-label': `Loading ${file.name}` });
    const line = el('p', { class: 'ri-line ri-muted' }, 'Waiting for the files before it.');
    const cancel = el('button', { type: 'button', class: 'ri-cancel' }, 'Cancel');
    const head = el('p', { class: 'ri-line ri-head' }, el('strong', {}, file.name), ` · ${mb(file.size)}`);
    const li = el('li', { class: 'ri-file report', 'data-state': 'waiting' }, head, bar, line, el('p', { class: 'ri-actions' }, cancel));
    return { li, head, bar, line, cancel };
  }

  function rejectedList(file, result) {
    const { report, kind } = result;
    if (!report.rejected.length) return null;
    const shown = report.rejected.slice(0, 50);
    return el('ul', { class: 'ri-rejected rejected', 'aria-label': `Rejected rows of ${file.name}` }, ...shown.map((x) => {
      const where = kind === 'json' ? `${x.kind}[${x.index}]` : `line ${num(x.index)}`;
      const li = el('li', {});
      // a CSV row's line is a link to the line itself, read from the file in the worker
      const link = kind === 'json' ? where : el('button', { type: 'button', class: 'ri-line-link', 'data-line': String(x.index), onclick: async () => {
        if (li.querySelector('.ri-row')) return;
        const text = await engine.call('lineOf', [file, x.index]).catch((e) => `(could not read it: ${e.message})`);
        li.append(el('code', { class: 'ri-row' }, text));
      } }, where);
      li.append(link, `${x.field ? `, ${x.field}` : ''}: ${x.reason}`);
      return li;
    }), report.rejected.length > shown.length ? el('li', {}, `… and ${num(report.rejected.length - shown.length)} more`) : null);
  }

  /** The identities the load resolved by itself (an unknown id filed by its email under
   * another customer, one email on two ids): a person has to check them, so they are shown. */
  function conflictList(file, result) {
    const lines = result.report.conflicts ?? [];
    if (!lines.length) return null;
    // past 50 lines the engine lists no more and says so in a last line (its count is unknown)
    const more = lines.length > 50 && /^… and more/.test(lines.at(-1));
    const n = more ? `More than ${num(lines.length - 1)} identities` : `${num(lines.length)} ${lines.length === 1 ? 'identity' : 'identities'}`;
    return el('details', { class: 'ri-conflicts', open: true },
      el('summary', {}, `${n} to check in ${file.name}`),
      el('ul', {}, ...lines.map((x) => el('li', {}, x))));
  }

  function settled(r, file, result) {
    r.li.dataset.state = result.stopped ? 'stopped' : 'done';
    r.bar.value = result.bytes;
    const { report } = result;
    const what = `${num(sum(report.added))} added, ${num(sum(report.updated))} updated, ${num(report.rejected.length)} rejected`;
    r.head.replaceChildren(el('strong', {}, file.name), ` (${result.kind === 'json' ? 'JSON' : result.kind}): ${what}.`);
    r.line.textContent = result.stopped
      ? `Stopped at ${mb(result.bytes)} of ${mb(result.total)}${result.stopped.line ? `, after line ${num(result.stopped.line)}` : ''}. What was read before is kept; the rest of the file was not loaded.`
      : `Loaded, ${mb(result.total)} in ${((result.elapsedMs ?? 0) / 1000).toFixed(1)} s.`;
    const actions = r.li.querySelector('.ri-actions');
    actions.replaceChildren();
    if (onUndo) {
      const undo = el('button', { type: 'button', class: 'ri-undo' }, 'Undo this file');
      undo.addEventListener('click', async () => {
        undo.disabled = true;
        await onUndo(result);
        r.li.dataset.state = 'undone';
        r.line.textContent = `Undone: ${file.name} was removed and the history rebuilt from the other files.`;
        actions.replaceChildren();
        r.li.querySelector('.ri-rejected')?.remove();
        r.li.querySelector('.ri-conflicts')?.remove();
      });
      actions.append(undo);
    }
    const rej = rejectedList(file, result);
    if (rej) r.li.append(rej);
    const conflicts = conflictList(file, result);
    if (conflicts) r.li.append(conflicts);
  }

  async function load(file, r) {
    r.li.dataset.state = 'loading';
    r.line.textContent = 'Reading…';
    let stopping = false;
    const job = engine.importFile(file, options(file), (p) => {
      r.bar.value = p.bytes;
      // all read: too late to cancel (what is left is putting it in order)
      if (p.finishing) r.cancel.disabled = true;
      if (!stopping) r.line.textContent = progressText(p);
    });
    r.cancel.addEventListener('click', () => { stopping = true; r.cancel.disabled = true; r.line.textContent = 'Stopping…'; job.cancel(); });
    try {
      const result = await job.done;
      settled(r, file, result);
      await onSettled(result, { left: pending - 1 });
    } catch (e) {
      r.li.dataset.state = 'error';
      r.li.classList.add('report-error');
      r.line.className = 'ri-line ri-error';
      r.line.setAttribute('role', 'alert');
      r.line.textContent = `Not loaded: ${e.message}`;
      r.li.querySelector('.ri-actions').replaceChildren();
      await onSettled({ name: file.name, error: e.message }, { left: pending - 1 });
    }
  }

  return {
    /** Queues `files`; resolves when they are all settled. */
    add(files) {
      const rows = [...files].map((f) => [f, row(f)]);
      list.append(...rows.map(([, r]) => r.li));
      // a customers export dropped beside others is loaded first (each keeps its place in the
      // list): a record read before its own customer is filed by its email under another one
      // (by its name alone, as `guessCsvKind` reads a name first)
      const first = ([f]) => (/customer/i.test(f.name) && !/survey|order|ticket/i.test(f.name) ? 0 : 1);
      for (const [f, r] of [...rows].sort((a, b) => first(a) - first(b))) {
        // a file still waiting is cancelled by taking it off the queue
        r.cancel.addEventListener('click', () => { if (r.li.dataset.state === 'waiting') { r.li.dataset.state = 'skipped'; r.line.textContent = 'Not loaded: cancelled before it started.'; r.cancel.remove(); } });
        pending++;
        busy(true);
        chain = chain.then(() => (r.li.dataset.state === 'skipped' ? null : load(f, r))).finally(() => { if (--pending === 0) busy(false); });
      }
      return chain;
    },
    get busy() { return pending > 0; },
  };
}
