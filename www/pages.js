// The demo desk's reporting pages, loaded by app.js on first use (they bring the larger
// insights engine, which the inbox's cold start should not wait for): the Outreach list and
// the new message it opens (outreach.js), and the Insights page (insights.js).
import { setupReporting } from './reporting.js';
import { setupOutreach, routeCompose, drawOutreach } from './outreach.js';
import { setupInsights, routeInsights } from './insights.js';
import { OUTREACH_CSS } from '../pkg/widget/outreach-list.js';
import { INSIGHTS_CSS } from '../pkg/widget/insights-view.js';

// a constructed sheet: the page's CSP allows no inline <style>
const css = new CSSStyleSheet();
css.replaceSync(OUTREACH_CSS + INSIGHTS_CSS);
document.adoptedStyleSheets = [...document.adoptedStyleSheets, css];

export { drawOutreach };

/** `{ state, kept }` from app.js. */
export function setup(context) {
  setupReporting(context);
  setupOutreach(context);
  setupInsights(context);
}

/** Shows or hides the pages for `hash`; true when the hash is one of theirs. */
export function route(hash) {
  const insights = routeInsights(hash);
  const compose = routeCompose(hash);
  return insights || compose;
}
