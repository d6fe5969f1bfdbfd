// The options page's insights: the report of engine.insights over the stored history and what
// the side panel saw (its learning rows, with the contacts made from the Today tab), drawn with
// the same charts as the demo desk. The full engine (engine/insights/) is loaded only when the
// agent asks for the report. `?now=` pins the clock (tests, screenshots).
import { renderInsights, INSIGHTS_CSS } from './insights-view.js';
import { openEngine, loadInto } from './db.js';

const $ = (id) => document.getElementById(id);
const DAY = 86_400_000;
const NOW = new URLSearchParams(location.search).get('now') ?? undefined;

const css = new CSSStyleSheet();
css.replaceSync(INSIGHTS_CSS);
document.adoptedStyleSheets = [...document.adoptedStyleSheets, css];

async function show() {
  $('insights-status').textContent = 'Computing the report…';
  // a fresh engine each time: the history files and learning may have changed on this page
  const engine = await openEngine('./engine/insights/');
  try {
    await loadInto(engine);
    const { outreachContacts = [], learning = [] } = await chrome.storage.local.get(['outreachContacts', 'learning']);
    engine.importLearning([...learning, ...outreachContacts]);
    const now = NOW ?? new Date().toISOString();
    const opts = { from: new Date(Date.parse(now) - Number($('insights-days').value) * DAY).toISOString(), to: now, now };
    const report = engine.insights(opts);
    const csv = engine.insightsCsv(opts);
    renderInsights($('insights-report'), report, { csv: () => csv, name: 'rapport-insights' });
    $('insights-status').textContent = `As of ${now.slice(0, 10)}, from ${engine.historyStats().tickets} stored ticket(s) and what the side panel saw.`;
    $('insights-show').textContent = 'Refresh';
  } finally {
    engine.free();
  }
}

const run = () => show().catch((e) => { $('insights-status').textContent = `Could not compute the report: ${e.message}`; console.error(e); });
$('insights-show').addEventListener('click', run);
$('insights-days').addEventListener('change', () => { if ($('insights-report').firstChild) run(); });
