// Small SVG charts built with DOM APIs (createElementNS; no library, no markup parsed), for the
// insights pages of the demo desk and the extension. Each chart is a <figure> with a caption,
// an <svg role="img"> whose <title> and <desc> say every value in words, and the values also
// written next to the bars. A figure without data gets no bar at all, only the words "no data"
// and why: a 0 bar would claim a measurement that was never made.

const NS = 'http://www.w3.org/2000/svg';
let serial = 0;

/** An SVG element; string children become text nodes. */
export function svg(tag, attrs = {}, ...children) {
  const e = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined && v !== null && v !== false) e.setAttribute(k, String(v));
  for (const c of children) if (c !== undefined && c !== null) e.append(c);
  return e;
}

function html(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined && v !== null && v !== false) e.setAttribute(k, String(v));
  for (const c of children) if (c !== undefined && c !== null) e.append(c);
  return e;
}

/** Cuts a label to `n` characters (the whole label stays in the row's <title>). */
const clip = (s, n) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

const LEGEND_ITEM = 124;
const legendRows = (items, w) => Math.ceil(items.length / Math.max(1, Math.floor((w - 8) / LEGEND_ITEM)));
/** Swatches and names, as many to a line as fit. */
function drawLegend(root, items, w) {
  const per = Math.max(1, Math.floor((w - 8) / LEGEND_ITEM));
  items.forEach((l, i) => root.append(svg('g', { class: 'rc-legend', transform: `translate(${8 + (i % per) * LEGEND_ITEM},${4 + Math.floor(i / per) * 18})` },
    svg('rect', { class: `rc-bar ${l.cls}`, width: 12, height: 12, rx: 2 }), svg('text', { x: 16, y: 10, class: 'rc-small' }, l.name))));
}

function frame(id, title, summary, w, h) {
  const n = ++serial;
  const tid = `rc-t${n}`, did = `rc-d${n}`;
  const root = svg('svg', { class: 'rc-svg', viewBox: `0 0 ${w} ${h}`, width: w, height: h, role: 'img', 'aria-labelledby': `${tid} ${did}` },
    svg('title', { id: tid }, title), svg('desc', { id: did }, summary));
  const fig = html('figure', { class: 'rc-figure', 'data-figure': id }, html('figcaption', { class: 'rc-caption' }, title), root);
  return { fig, root };
}

/**
 * Horizontal bars, one row per group, one or more bars per row (e.g. this period and the
 * previous one). spec: { id, title, rows: [{ key, label, sub?: a second, smaller line, bars:
 * [{ value: number|null, cls, text, name }], noData?, note? }], domain: [lo, hi], legend?: [{ cls, name }], width = 560, labelWidth,
 * valueWidth }. A bar whose value is null is not drawn; its row says "no data".
 */
export function barChart(spec) {
  const { id, title, rows, domain: [lo, hi], legend = [], width: W = 560 } = spec;
  const labelW = spec.labelWidth ?? 140, valueW = spec.valueWidth ?? 150;
  const k = Math.max(1, ...rows.map((r) => r.bars.length));
  const barH = k === 1 ? 18 : 12, rowH = k * barH + 12;
  const top = 6 + legendRows(legend, W) * 18, axisH = 18;
  const H = top + rows.length * rowH + axisH;
  const area = W - labelW - valueW;
  const x = (v) => labelW + ((Math.min(hi, Math.max(lo, v)) - lo) / (hi - lo)) * area;
  const x0 = x(Math.max(lo, Math.min(hi, 0)));
  const words = rows.map((r) => r.noData ? `${r.label}: no data (${r.noData})` : `${r.label}: ${r.bars.map((b) => `${b.name ? `${b.name} ` : ''}${b.value === null ? 'no data' : b.text}`).join(', ')}`).join('; ');
  const { fig, root } = frame(id, title, `${words}.`, W, H);
  drawLegend(root, legend, W);
  // gridlines at the ends and at zero, with their values under the axis
  const ticks = [...new Set([lo, 0, hi].filter((t) => t >= lo && t <= hi))];
  for (const t of ticks) {
    root.append(svg('line', { class: t === 0 ? 'rc-zero' : 'rc-grid', x1: x(t), x2: x(t), y1: top - 2, y2: H - axisH + 2 }),
      svg('text', { class: 'rc-small rc-tick', x: x(t), y: H - 4, 'text-anchor': t === lo ? 'start' : t === hi ? 'end' : 'middle' }, spec.tick?.(t) ?? String(t)));
  }
  rows.forEach((r, i) => {
    const y = top + i * rowH;
    const g = svg('g', { class: 'rc-row', 'data-group': r.key, ...(r.noData ? { 'data-nodata': r.noData } : {}) },
      svg('title', {}, r.noData ? `${r.label}: no data (${r.noData})` : `${r.label}: ${r.bars.map((b) => b.value === null ? 'no data' : `${b.name ? `${b.name} ` : ''}${b.text}`).join(', ')}${r.note ? `; ${r.note}` : ''}`),
      svg('text', { class: 'rc-label', x: labelW - 8, y: y + rowH / 2 + (r.sub ? -2 : 4), 'text-anchor': 'end' }, clip(r.label, Math.floor(labelW / 7.2))),
      r.sub ? svg('text', { class: 'rc-small', x: labelW - 8, y: y + rowH / 2 + 11, 'text-anchor': 'end' }, clip(r.sub, Math.floor(labelW / 6.5))) : null);
    if (r.noData) {
      g.append(svg('text', { class: 'rc-nodata', x: x0 + 6, y: y + rowH / 2 + 4 }, 'no data'));
    } else {
      r.bars.forEach((b, j) => {
        const by = y + 6 + j * barH;
        if (b.value === null) {
          g.append(svg('text', { class: 'rc-nodata rc-small', x: x0 + 6, y: by + barH - 3 }, 'no data'));
          return;
        }
        const xv = x(b.value);
        const [x1, x2] = xv >= x0 ? [x0, xv] : [xv, x0];
        // a true zero is still a measurement: a hairline shows it was measured
        g.append(svg('rect', { class: `rc-bar ${b.cls ?? ''}`, x: x1, y: by, width: Math.max(1.5, x2 - x1), height: barH - 2, rx: 2, 'data-value': b.value }));
        g.append(svg('text', { class: j === 0 ? 'rc-value' : 'rc-value rc-small', x: Math.max(x2, x0) + 5, y: by + barH - 4 }, b.text));
      });
    }
    root.append(g);
  });
  const notes = rows.filter((r) => r.noData).map((r) => html('li', {}, `${r.label}: no data, ${r.noData}.`));
  if (notes.length) fig.append(html('ul', { class: 'rc-notes' }, ...notes));
  return fig;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** "2026-09-01…" → "1 Sep" (no locale data needed). */
export const shortDate = (iso) => `${Number(iso.slice(8, 10))} ${MONTHS[Number(iso.slice(5, 7)) - 1]}`;

/**
 * Stacked columns over time. spec: { id, title, columns: [{ label, parts: { key: count } }],
 * series: [{ key, name, cls }], width = 560 }. Totals are written above each column.
 */
export function stackedColumns(spec) {
  const { id, title, columns, series, width: W = 560 } = spec;
  const left = 30, top = 10 + legendRows(series, W) * 18, bottom = 34, H = 220;
  const colW = (W - left - 8) / Math.max(1, columns.length);
  const max = Math.max(1, ...columns.map((c) => series.reduce((n, s) => n + (c.parts[s.key] ?? 0), 0)));
  const y = (v) => H - bottom - (v / max) * (H - top - bottom - 14);
  const words = columns.map((c) => `${c.label}: ${series.map((s) => `${c.parts[s.key] ?? 0} ${s.name.toLowerCase()}`).join(', ')}`).join('; ');
  const { fig, root } = frame(id, title, `${words}.`, W, H);
  drawLegend(root, series, W);
  root.append(svg('line', { class: 'rc-zero', x1: left, x2: W - 4, y1: y(0), y2: y(0) }),
    svg('text', { class: 'rc-small rc-tick', x: left - 4, y: y(max) + 4, 'text-anchor': 'end' }, String(max)),
    svg('text', { class: 'rc-small rc-tick', x: left - 4, y: y(0) + 4, 'text-anchor': 'end' }, '0'));
  const every = Math.ceil(columns.length / 8); // date labels that do not collide
  columns.forEach((c, i) => {
    const cx = left + i * colW;
    let acc = 0;
    const total = series.reduce((n, s) => n + (c.parts[s.key] ?? 0), 0);
    const g = svg('g', { class: 'rc-col', 'data-from': c.label },
      svg('title', {}, `${c.label}: ${series.map((s) => `${c.parts[s.key] ?? 0} ${s.name.toLowerCase()}`).join(', ')}`));
    for (const s of series) {
      const v = c.parts[s.key] ?? 0;
      if (!v) continue;
      g.append(svg('rect', { class: `rc-bar ${s.cls}`, x: cx + colW * 0.15, width: colW * 0.7, y: y(acc + v), height: y(acc) - y(acc + v), 'data-series': s.key, 'data-value': v }));
      acc += v;
    }
    g.append(svg('text', { class: 'rc-small rc-total', x: cx + colW / 2, y: y(total) - 3, 'text-anchor': 'middle' }, String(total)));
    if (i % every === 0) g.append(svg('text', { class: 'rc-small rc-tick', x: cx + colW / 2, y: H - bottom + 14, 'text-anchor': 'middle' }, shortDate(c.label)));
    root.append(g);
  });
  return fig;
}

/** Saves `text` as a file through a Blob URL: nothing goes over the network. */
export function download(text, name, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = html('a', { href: url, download: name });
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The charts' styles (for a page or a shadow root); colours come from classes, so no inline
 * style is needed (a strict style-src CSP forbids them). */
export const CHARTS_CSS = `
.rc-figure { margin: 0; min-width: 0; }
.rc-caption { font-weight: 600; font-size: .9rem; margin: 0 0 .25rem; }
.rc-svg { display: block; max-width: 100%; height: auto; overflow: visible; }
.rc-svg text { font: 12px system-ui, -apple-system, "Segoe UI", sans-serif; fill: #1d232a; }
.rc-svg .rc-small { font-size: 11px; fill: #4a5560; }
.rc-svg .rc-value { font-weight: 600; font-variant-numeric: tabular-nums; }
.rc-svg .rc-nodata { font-style: italic; fill: #6b4b00; }
.rc-grid { stroke: #e3e7eb; } .rc-zero { stroke: #8995a0; }
.rc-bar { fill: #1f5fbf; }
.rc-transactional { fill: #2f6b3a; } .rc-relational { fill: #b07400; } .rc-critical { fill: #a3202b; } .rc-unclear { fill: #8995a0; }
.rc-previous { fill-opacity: .35; }
.rc-caught, .rc-followed { fill: #2f6b3a; } .rc-other { fill: #3f8fa6; } .rc-routine, .rc-notFollowed { fill: #b07400; } .rc-none, .rc-noSnippet { fill: #8995a0; }
.rc-notes { margin: .2rem 0 0; padding-left: 1.1rem; font-size: .8rem; color: #6b4b00; }
`;
