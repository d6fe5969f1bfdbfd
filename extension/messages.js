// @ts-check
// Every message between the extension's parts, in one list: who sends it, who answers, what it
// carries. The service worker, the side panel and the options page build them with the
// functions below; the content script (a classic script, which cannot import) writes the same
// literals, typed by these JSDoc types. `tsc` checks all of them (make test-extension).

/** What a tab's content script reads off the desk page (adapters/core.js `snapshot`).
 * @typedef {{ desk: string | null, url: string, error?: string, ticket?: { id: string | number } | null,
 *   queue?: { id?: string | number, url: string }[], [more: string]: unknown }} PageSnapshot */

/** To the service worker (chrome.runtime.sendMessage), with what it answers:
 * @typedef {{ type: 'page', snapshot: PageSnapshot }} PageMessage
 *   content script: what the tab shows now (answer: null)
 * @typedef {{ type: 'get-page', tabId?: number | null, windowId?: number }} GetPageMessage
 *   side panel: the page of the tab it follows (answer: the snapshot with its tabId, or null)
 * @typedef {{ type: 'insert', tabId: number, ticketId: string | number, text: string }} InsertMessage
 *   side panel: put a snippet into the tab's reply editor (answer: { ok, reason? })
 * @typedef {{ type: 'open', tabId: number, url: string }} OpenMessage
 *   side panel: open one of the page's queue links in its tab (answer: { ok, reason? })
 * @typedef {{ type: 'enable-site', origin: string, tabId?: number }} EnableSiteMessage
 *   side panel, options: read a self-hosted desk the agent granted (answer: { ok, reason? })
 * @typedef {{ type: 'forget' }} ForgetMessage
 *   options: everything was erased; drop the tabs' pages too (answer: null)
 * @typedef {PageMessage | GetPageMessage | InsertMessage | OpenMessage | EnableSiteMessage | ForgetMessage} ToWorker
 */

/** To a tab's content script (chrome.tabs.sendMessage), from the service worker:
 * @typedef {{ type: 'snapshot' }} SnapshotRequest
 *   answer: the page's PageSnapshot now
 * @typedef {{ type: 'insert', ticketId: string | number, text: string }} InsertInTab
 *   answer: { ok, reason? }; refused when the page shows another ticket
 * @typedef {SnapshotRequest | InsertInTab} ToContent
 */

/** From the service worker to the extension's own pages (chrome.runtime.sendMessage):
 * @typedef {{ type: 'page-updated', tabId: number }} PageUpdated
 * @typedef {{ type: 'forgotten' }} Forgotten
 * @typedef {PageUpdated | Forgotten} ToPages
 */

/** @typedef {{ ok: boolean, reason?: string }} Outcome */

export const toWorker = {
  /** @param {PageSnapshot} snapshot @returns {PageMessage} */
  page: (snapshot) => ({ type: 'page', snapshot }),
  /** @param {number | null | undefined} tabId @param {number | undefined} windowId @returns {GetPageMessage} */
  getPage: (tabId, windowId) => ({ type: 'get-page', tabId, windowId }),
  /** @param {number} tabId @param {string | number} ticketId @param {string} text @returns {InsertMessage} */
  insert: (tabId, ticketId, text) => ({ type: 'insert', tabId, ticketId, text }),
  /** @param {number} tabId @param {string} url @returns {OpenMessage} */
  open: (tabId, url) => ({ type: 'open', tabId, url }),
  /** @param {string} origin @param {number} [tabId] @returns {EnableSiteMessage} */
  enableSite: (origin, tabId) => ({ type: 'enable-site', origin, tabId }),
  /** @returns {ForgetMessage} */
  forget: () => ({ type: 'forget' }),
};

export const toContent = {
  /** @returns {SnapshotRequest} */
  snapshot: () => ({ type: 'snapshot' }),
  /** @param {string | number} ticketId @param {string} text @returns {InsertInTab} */
  insert: (ticketId, text) => ({ type: 'insert', ticketId, text }),
};

export const toPages = {
  /** @param {number} tabId @returns {PageUpdated} */
  pageUpdated: (tabId) => ({ type: 'page-updated', tabId }),
  /** @returns {Forgotten} */
  forgotten: () => ({ type: 'forgotten' }),
};
