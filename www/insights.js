// The demo desk's Insights page (#/insights): the report of engine.insights over the sample
// history and what this browser saw, for the last 30, 90 or 180 days before the demo's clock,
// drawn as charts with CSV and JSON export (Blob downloads; nothing leaves the page).
import { renderInsights } from '../pkg/widget/insights-view.js';
import { reportingEngine } from './reporting.js';

const $ = (id) => document.getElementById(id);
const DAY = 86_400_000;
let ctx = null;

export function setupInsights(context) {
  ctx = context;
  $('insights-days').addEventListener('change', () => drawInsights());
}

export async function drawInsights() {
  const now = ctx.state.now;
  const days = Number($('insights-days').value);
  const opts = { from: new Date(Date.parse(now) - days * DAY).toISOString(), to: now, now };
  $('insights-status').textContent = 'Computing the report…';
  try {
    const engine = await reportingEngine();
    const report = engine.insights(opts);
    renderInsights($('insights-report'), report, { csv: () => engine.insightsCsv(opts), name: 'rapport-demo-insights' });
    $('insights-status').textContent = `Computed in this tab from the sample history and what this browser assessed and sent, as of ${now.slice(0, 10)}.`;
  } catch (e) {
    $('insights-status').textContent = `Could not compute the report: ${e.message}`;
    throw e;
  }
}

/** `#/insights`: the page instead of the desk. Returns whether the hash was ours. */
export function routeInsights(hash) {
  const on = hash === '#/insights';
  $('insights').hidden = !on;
  document.querySelector('main.desk').hidden = on;
  for (const a of document.querySelectorAll('.pages a')) {
    if ((a.getAttribute('href') === '#/insights') === on) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  if (on) {
    document.title = 'Insights · Rapport demo desk';
    drawInsights();
  }
  return on;
}
