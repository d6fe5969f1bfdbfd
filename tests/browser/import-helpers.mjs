// What the large-import tests share across the demo, the widget and the extension: a drop of
// path-backed files (the page never gets them as one string from the test), a record of every
// main-thread long task and every progress update, and the renderers' peak memory.
import fs from 'node:fs';

/** Before the page's scripts: long tasks (PerformanceObserver 'longtask'), once a progress bar
 * appears the time of each change of its value, and when a Cancel button was clicked. */
export const WATCH_IMPORT = () => {
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longTasks.push({ start: Math.round(e.startTime), ms: Math.round(e.duration) });
  }).observe({ type: 'longtask', buffered: true });
  window.__progress = [];
  const seen = new WeakMap();
  const look = (root) => {
    // the first file row that says it stopped, after a Cancel
    if (window.__cancelAt != null && window.__stoppedAt == null && root.querySelector('.ri-file[data-state="stopped"]')) window.__stoppedAt = performance.now();
    for (const bar of root.querySelectorAll('progress')) {
      if (seen.get(bar) !== bar.value) { seen.set(bar, bar.value); window.__progress.push({ t: performance.now(), value: bar.value, max: bar.max }); }
    }
    for (const host of root.querySelectorAll('*')) if (host.shadowRoot) look(host.shadowRoot);
  };
  // progress values are properties, not attributes: sampled every animation frame, as a user sees them
  const tick = () => { if (document.body) look(document); requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
  // inside a shadow root too (the event's first target)
  window.__cancelAt = null;
  window.__stoppedAt = null;
  addEventListener('click', (e) => { if (e.composedPath()[0]?.classList?.contains('ri-cancel')) window.__cancelAt ??= performance.now(); }, true);
};

/** Drops the files at `paths` on `target` (a selector; `shadowHost` if inside a shadow root): a
 * file input of the test's own takes the paths, and a DragEvent carries its File objects. */
export async function dropFiles(page, paths, target, shadowHost = null) {
  await page.evaluate(() => {
    const i = document.createElement('input');
    i.type = 'file'; i.multiple = true; i.id = '__test-pick'; i.hidden = true;
    document.body.append(i);
  });
  await page.setInputFiles('#__test-pick', paths);
  await page.evaluate(([target, shadowHost]) => {
    const input = document.getElementById('__test-pick');
    const dt = new DataTransfer();
    for (const f of input.files) dt.items.add(f);
    input.remove();
    const root = shadowHost ? document.querySelector(shadowHost).shadowRoot : document;
    root.querySelector(target).dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true, composed: true }));
  }, [target, shadowHost]);
}

/** The longest gap between progress updates while bytes were read (ms), and how many updates;
 * after a Cancel, nothing is read: `stopMs` is the time from the click to the file's row saying
 * it stopped (null if it never did). */
export async function progressGaps(page) {
  const { p, cancelAt, stoppedAt } = await page.evaluate(() => ({ p: window.__progress, cancelAt: window.__cancelAt, stoppedAt: window.__stoppedAt }));
  const moving = p.filter((x) => x.value > 0 && x.value < x.max && (cancelAt == null || x.t <= cancelAt));
  let gap = 0;
  for (let i = 1; i < moving.length; i++) gap = Math.max(gap, moving[i].t - moving[i - 1].t);
  const stopMs = cancelAt == null || stoppedAt == null ? null : Math.round(stoppedAt - cancelAt);
  return { updates: moving.length, gap: Math.round(gap), stopMs, values: moving.map((x) => x.value) };
}

/** Peak resident memory (VmHWM, MB) of each Chromium renderer started by this test process
 * (its descendants only: other Chromiums on the machine are not counted). */
export function ownRenderers() {
  const parent = new Map();
  const pids = fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  for (const pid of pids) {
    try { parent.set(pid, /^\d+ \(.*\) \S+ (\d+)/s.exec(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'))[1]); } catch { /* gone */ }
  }
  const mine = (pid) => { for (let p = pid; p && p !== '1' && p !== '0'; p = parent.get(p)) if (p === String(process.pid)) return true; return false; };
  const out = new Map();
  for (const pid of pids) {
    try {
      if (!mine(pid) || !fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--type=renderer')) continue;
      out.set(pid, Number(/VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024);
    } catch { /* gone */ }
  }
  return out;
}

/** The highest peak (VmHWM, MiB) among this test's Chromium renderers. The bound is on
 * it: under twice the file's size, page and worker included, from before the drop through the
 * reload that replays the kept file. */
export function rendererPeak() {
  const peaks = [...ownRenderers().values()];
  if (!peaks.length || !(Math.max(...peaks) > 0)) throw new Error('no renderer of this test was found to measure');
  return Math.max(...peaks);
}

/** The rows of the generated export up to file line `line` (header is line 1): rows read and
 * the rejected ones among them (bigCsv's rule: row i is bad when i % 997 === 500). */
export function rowsUpTo(line) {
  const rows = line - 1;
  const bad = rows > 500 ? Math.floor((rows - 501) / 997) + 1 : 0;
  return { rows, bad };
}
