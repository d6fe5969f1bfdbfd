// The insights report (engine.insights) drawn as charts a support lead can take in at a
// glance: why customers contact us (bucketed transactional / relational, against the previous
// period), relational moments caught and missed over time and what followed each, and CSAT,
// repeat-contact rate and NPS by band and by route. Shared by the demo desk's Insights page and
// the extension's options page. Every figure the report marks as "no data" is drawn as such.
import { barChart, stackedColumns, download, shortDate, CHARTS_CSS } from './charts.js';

const el = (tag, attrs = {}, ...children) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null) continue;
    if (k === 'class') e.className = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, String(v));
  }
  for (const c of children) if (c !== undefined && c !== null) e.append(c);
  return e;
};

export const GROUP_LABEL = {
  caught: 'Caught', other: 'Other tone', routine: 'Routine only', none: 'Nothing sent',
  transactional: 'Transactional', relational: 'Relational', critical: 'Critical',
  followed: 'Followed', notFollowed: 'Not followed', noSnippet: 'No snippet',
};
const BUCKET_LABEL = { transactional: 'Transactional', relational: 'Relational', unclear: 'Unclear' };

/** The three figures of every group, with their scales and how their values read. */
export const METRICS = [
  { key: 'csat', title: 'CSAT (1–5)', domain: [0, 5], fmt: (v) => v.toFixed(v % 1 ? 2 : 0).replace(/0$/, ''), ticks: (t) => String(t) },
  { key: 'repeatRate', title: 'Repeat contacts within 30 days', domain: [0, 1], fmt: (v) => `${Math.round(v * 100)}%`, ticks: (t) => `${t * 100}%` },
  { key: 'nps', title: 'NPS (−100 to 100)', domain: [-100, 100], fmt: (v) => `${v > 0 ? '+' : ''}${Math.round(v)}`, ticks: (t) => String(t) },
];

const humanId = (id) => id.replace(/[_-]+/g, ' ').replace(/^./, (c) => c.toUpperCase());

function trendText(r) {
  if (r.trend === 'new') return `${r.count} (new)`;
  if (r.trend === 'gone') return `0 (was ${r.previous})`;
  if (r.trend === 'flat') return `${r.count} (= ${r.previous})`;
  const arrow = r.trend === 'up' ? '▲' : '▼';
  return `${r.count} (${arrow} ${r.change > 0 ? '+' : ''}${r.change}${r.changePct != null ? `, ${r.changePct > 0 ? '+' : ''}${Math.round(r.changePct)}%` : ''})`;
}

/** A reasons chart: this period and the previous one, each bar in its bucket's colour. */
function reasonsChart(id, title, rows) {
  const max = Math.max(1, ...rows.flatMap((r) => [r.count, r.previous]));
  return barChart({
    id, title, domain: [0, max], labelWidth: 130, valueWidth: 170, width: 540,
    // the bucket is in the bar's colour and, for intents and topics, written under the label
    legend: [{ cls: 'rc-unclear', name: 'This period' }, { cls: 'rc-unclear rc-previous', name: 'Previous (pale)' },
      ...['transactional', 'relational', 'unclear'].map((b) => ({ cls: `rc-${b}`, name: BUCKET_LABEL[b] }))],
    rows: rows.map((r) => ({
      key: r.id, label: id.endsWith('buckets') ? BUCKET_LABEL[r.id] ?? r.id : humanId(r.id),
      sub: id.endsWith('buckets') ? undefined : r.bucket,
      bars: [{ value: r.count, cls: `rc-${r.bucket}`, text: trendText(r), name: 'this period' },
        { value: r.previous, cls: `rc-${r.bucket} rc-previous`, text: `${r.previous} before`, name: 'previous period' }],
    })),
  });
}

/** One chart per figure (CSAT, repeat rate, NPS) over `groups`. */
function metricCharts(prefix, groups) {
  return METRICS.map((m) => barChart({
    id: `${prefix}.${m.key}`, title: m.title, domain: m.domain, width: 360, labelWidth: 100, valueWidth: 120, tick: m.ticks,
    rows: groups.map((g) => {
      const f = g[m.key];
      const extra = `n=${f.n}${f.pending ? `, +${f.pending} open` : ''}`;
      return {
        key: g.group, label: GROUP_LABEL[g.group] ?? g.group, noData: f.value === null ? (f.noData ?? 'nothing to measure') : undefined,
        bars: [{ value: f.value, cls: `rc-${g.group}`, text: f.value === null ? '' : `${m.fmt(f.value)} ${extra}` }],
        note: `${g.tickets} ticket(s)${f.pending ? `; ${f.pending} still inside their window` : ''}`,
      };
    }),
  }));
}

const section = (id, title, intro, ...body) => el('section', { class: 'ri-section', 'aria-labelledby': id },
  el('h3', { id }, title), intro ? el('p', { class: 'ri-intro' }, intro) : null, ...body);

const noData = (why) => el('p', { class: 'ri-nodata', role: 'note' }, `No data: ${why}.`);

/**
 * Draws `report` into `root`. options: { csv: () => the CSV text (engine.insightsCsv with the
 * same options), name: file name stem for the exports }
 */
export function renderInsights(root, report, options = {}) {
  const { csv, name = 'rapport-insights' } = options;
  const p = report.period, cr = report.contactReasons, m = report.moments;
  const stem = `${name}-${p.from.slice(0, 10)}-${p.to.slice(0, 10)}`;
  const wrap = el('div', { class: 'ri-report' });
  wrap.append(
    el('div', { class: 'ri-top' },
      el('p', { class: 'ri-period' }, `${shortDate(p.from)} ${p.from.slice(0, 4)} – ${shortDate(p.to)} ${p.to.slice(0, 4)}: ${cr.tickets} ticket(s), against ${cr.previousTickets} in the ${shortDate(p.previousFrom)} – ${shortDate(p.previousTo)} period before.`),
      el('div', { class: 'ri-actions' },
        csv ? el('button', { type: 'button', class: 'ri-csv', onclick: () => download(csv(), `${stem}.csv`, 'text/csv') }, 'Export CSV') : null,
        el('button', { type: 'button', class: 'ri-json', onclick: () => download(JSON.stringify(report, null, 2), `${stem}.json`, 'application/json') }, 'Export JSON'))));

  wrap.append(section('ri-h-reasons', 'Why customers contact us',
    'Each ticket\u2019s reason, bucketed transactional (a task to get done) or relational (a feeling to look after), this period against the one before.',
    ...(cr.noData ? [noData(cr.noData)] : [
      el('div', { class: 'ri-grid ri-wide' },
        reasonsChart('contactReasons.buckets', 'Transactional vs relational', cr.buckets),
        reasonsChart('contactReasons.intents', 'By intent', cr.intents),
        reasonsChart('contactReasons.topics', 'By topic', cr.topics)),
      cr.unread ? el('p', { class: 'ri-intro' }, `${cr.unread} ticket(s) could not be read and are not counted.`) : null,
    ])));

  wrap.append(section('ri-h-moments', 'Relational moments caught and missed',
    'Tickets assessed relational or critical: caught when a snippet of the advised tone was sent; routine when only a concise one was; nothing sent when Rapport saw no reply.',
    ...(m.noData ? [noData(m.noData)] : [
      el('ul', { class: 'ri-tiles', 'aria-label': 'Moments in this period' },
        el('li', { 'data-tile': 'assessed' }, el('strong', {}, String(m.assessed)), ' assessed'),
        el('li', { 'data-tile': 'caught', class: 'ri-good' }, el('strong', {}, String(m.caught)), ' caught'),
        el('li', { 'data-tile': 'missed', class: 'ri-bad' }, el('strong', {}, String(m.missed)), ' missed')),
      el('div', { class: 'ri-grid ri-wide' }, stackedColumns({
        id: 'moments.timeline', title: `Caught and missed, by ${m.bucketDays === 1 ? 'day' : `${m.bucketDays}-day period`}`,
        columns: m.timeline.map((t) => ({ label: t.from, parts: t })),
        series: ['caught', 'other', 'routine', 'none'].map((k) => ({ key: k, name: GROUP_LABEL[k], cls: `rc-${k}` })),
      })),
      el('h4', {}, 'What followed each'),
      el('div', { class: 'ri-grid' }, ...metricCharts('moments', m.groups)),
    ])));

  wrap.append(section('ri-h-band', 'By band', 'CSAT, repeat contacts and NPS after the tickets of each band.',
    el('div', { class: 'ri-grid' }, ...metricCharts('byBand', report.byBand))));
  wrap.append(section('ri-h-route', 'Route followed or not', 'Followed: a snippet of the band\u2019s tone was sent; not followed: another one was; no snippet: none was sent through Rapport.',
    el('div', { class: 'ri-grid' }, ...metricCharts('byRoute', report.byRoute))));
  if (report.notes.length) wrap.append(section('ri-h-notes', 'What this report cannot say', null, el('ul', { class: 'ri-notes' }, ...report.notes.map((n) => el('li', {}, n)))));
  root.replaceChildren(wrap);
  return wrap;
}

/** Every figure the report holds, as `data-figure` ids: what a page must draw a chart for. */
export function figureIds(report) {
  const ids = [];
  if (!report.contactReasons.noData) ids.push('contactReasons.buckets', 'contactReasons.intents', 'contactReasons.topics');
  if (!report.moments.noData) ids.push('moments.timeline', ...METRICS.map((m) => `moments.${m.key}`));
  ids.push(...METRICS.map((m) => `byBand.${m.key}`), ...METRICS.map((m) => `byRoute.${m.key}`));
  return ids;
}

export const INSIGHTS_CSS = CHARTS_CSS + `
.ri-report { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1d232a; }
.ri-top { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center; justify-content: space-between; }
.ri-period { margin: 0; color: #4a5560; }
.ri-actions { display: flex; gap: .5rem; }
.ri-report button { font: inherit; font-weight: 600; padding: .3rem .9rem; border-radius: .35rem; cursor: pointer; border: 1px solid #1f5fbf; background: #fff; color: #1f5fbf; }
.ri-report button:focus-visible { outline: 3px solid #f2a900; outline-offset: 2px; }
.ri-section { border-top: 1px solid #d9dee3; margin-top: 1rem; padding-top: .5rem; }
.ri-section h3 { font-size: 1rem; margin: .25rem 0; }
.ri-section h4 { font-size: .9rem; margin: .75rem 0 .25rem; }
.ri-intro { color: #4a5560; font-size: .88rem; margin: 0 0 .5rem; max-width: 60rem; }
.ri-grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 21rem), 1fr)); gap: 1rem 1.5rem; align-items: start; }
.ri-wide { grid-template-columns: repeat(auto-fit, minmax(min(100%, 34rem), 1fr)); }
.ri-nodata { font-style: italic; color: #6b4b00; }
.ri-tiles { list-style: none; display: flex; gap: .75rem; padding: 0; margin: .25rem 0 .75rem; }
.ri-tiles li { border: 1px solid #d9dee3; border-radius: .5rem; padding: .3rem .8rem; }
.ri-tiles strong { font-size: 1.3rem; font-variant-numeric: tabular-nums; }
.ri-good strong { color: #2f6b3a; } .ri-bad strong { color: #a3202b; }
.ri-notes { color: #4a5560; }
`;
