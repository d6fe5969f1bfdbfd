// @ts-check
// Service worker: remembers what each help-desk tab shows (in session storage, as the worker
// may sleep), answers the side panel, relays Insert to the tab's content script, and registers
// the content scripts for self-hosted desks the agent has granted. No network requests.
// The messages it takes and sends are listed in messages.js.
import { toContent, toPages } from './messages.js';
import { CONTENT_FILES } from './content-files.js';

chrome.sidePanel?.setPanelBehavior({ openPanelOnActionClick: true }).catch(() => {});

const key = (tabId) => `page:${tabId}`;

/** @returns {Promise<(import('./messages.js').PageSnapshot & { tabId: number, at: number }) | null>} */
async function pageOf(tabId) {
  const v = await chrome.storage.session.get(key(tabId));
  return /** @type {any} */ (v[key(tabId)]) ?? null;
}

/** The desk tab the panel should follow: the active tab if it shows a desk, else the last one. */
async function targetTab(windowId) {
  const [active] = await chrome.tabs.query(windowId ? { active: true, windowId } : { active: true, lastFocusedWindow: true });
  if (active && (await pageOf(active.id))?.desk) return active.id;
  // a web page without the content script (a self-hosted desk not granted yet): follow it, so
  // the panel can offer to enable Rapport there
  if (active?.url && /^https?:/.test(active.url) && !(await pageOf(active.id))) return active.id;
  const { lastDeskTab } = /** @type {{ lastDeskTab?: number }} */ (await chrome.storage.session.get('lastDeskTab'));
  return lastDeskTab ?? active?.id ?? null;
}

/** A message from one of our own pages (side panel, options), not from a content script: a
 * content script's sender URL is the desk page's. */
const fromExtensionPage = (sender) => sender?.id === chrome.runtime.id && String(sender.url ?? '').startsWith(`chrome-extension://${chrome.runtime.id}/`);

/** A message from our content script in the top frame of a tab showing that page (a page's own
 * scripts cannot message us at all: no externally_connectable). */
const fromContentScript = (sender) => sender?.id === chrome.runtime.id && sender.tab?.id != null && (sender.frameId ?? 0) === 0
  && !String(sender.url ?? '').startsWith('chrome-extension:');

const refused = { ok: false, reason: 'only links the help desk page itself lists, on its own site, are opened' };

/**
 * Opens a queue link in the desk's tab, only if it is an http(s) URL on the origin the tab shows
 * and the tab's own content script reads it as one of the page's queue links now. A desk page
 * names these links, so a page could name chrome://settings, file:///, javascript: or another
 * site: none of them is opened.
 */
async function openDeskLink(tabId, url) {
  const tab = await chrome.tabs.get(tabId).catch(() => null);
  let target = null, here = null;
  try { target = new URL(String(url)); here = new URL(tab?.url ?? ''); } catch { return refused; }
  if (!/^https?:$/.test(target.protocol) || !/^https?:$/.test(here.protocol) || target.origin !== here.origin) return refused;
  const page = await chrome.tabs.sendMessage(tabId, toContent.snapshot(), { frameId: 0 }).catch(() => null);
  if (!page?.queue?.some((q) => q.url === target.href)) return refused;
  await chrome.tabs.update(tabId, { url: target.href });
  return { ok: true };
}

chrome.runtime.onMessage.addListener((/** @type {import('./messages.js').ToWorker} */ msg, sender, reply) => {
  (async () => {
    switch (msg?.type) {
      case 'page': {
        if (!fromContentScript(sender)) return null;
        const tabId = sender.tab.id;
        await chrome.storage.session.set({ [key(tabId)]: { ...msg.snapshot, tabId, at: Date.now() }, ...(msg.snapshot.desk ? { lastDeskTab: tabId } : {}) });
        chrome.runtime.sendMessage(toPages.pageUpdated(tabId)).catch(() => {});
        return null;
      }
      case 'get-page': {
        const tabId = msg.tabId ?? (await targetTab(msg.windowId));
        if (tabId == null) return null;
        // ask the tab for a fresh reading; fall back to the last one it sent
        const fresh = await chrome.tabs.sendMessage(tabId, toContent.snapshot()).catch(() => null);
        if (fresh) return { ...fresh, tabId };
        const stored = await pageOf(tabId);
        if (stored) return stored;
        const tab = await chrome.tabs.get(tabId).catch(() => null);
        return tab?.url ? { desk: null, url: tab.url, tabId } : null;
      }
      case 'insert':
        if (!fromExtensionPage(sender)) return { ok: false, reason: 'not allowed' };
        return chrome.tabs.sendMessage(msg.tabId, toContent.insert(msg.ticketId, msg.text)).catch((e) => ({ ok: false, reason: e.message }));
      case 'open':
        // the side panel asks, for the tab it follows
        if (!fromExtensionPage(sender)) return { ok: false, reason: 'not allowed' };
        return openDeskLink(Number(msg.tabId), msg.url);
      case 'enable-site':
        return enableSite(msg.origin, msg.tabId);
      case 'forget':
        await chrome.storage.session.clear();
        chrome.runtime.sendMessage(toPages.forgotten()).catch(() => {});
        return null;
      default:
        return null;
    }
  })().then(reply, (e) => reply({ ok: false, reason: e.message }));
  return true;
});

/** After the agent granted `origin` (chrome.permissions.request in the panel or options):
 * run the content script there from now on, and in the open tab now. */
async function enableSite(origin, tabId) {
  if (!(await chrome.permissions.contains({ origins: [`${origin}/*`] }))) return { ok: false, reason: 'permission not granted' };
  const id = `desk-${origin.replace(/[^a-z0-9]/gi, '_')}`;
  const existing = await chrome.scripting.getRegisteredContentScripts({ ids: [id] });
  if (!existing.length) await chrome.scripting.registerContentScripts([{ id, matches: [`${origin}/*`], js: CONTENT_FILES, runAt: 'document_idle', persistAcrossSessions: true }]);
  if (tabId != null) await chrome.scripting.executeScript({ target: { tabId }, files: CONTENT_FILES }).catch(() => {});
  return { ok: true };
}

// a revoked origin stops getting the content script
chrome.permissions.onRemoved.addListener(async ({ origins = [] }) => {
  const ids = origins.map((o) => `desk-${o.replace(/\/\*$/, '').replace(/[^a-z0-9]/gi, '_')}`);
  if (ids.length) await chrome.scripting.unregisterContentScripts({ ids }).catch(() => {});
});

chrome.tabs.onRemoved.addListener((tabId) => { chrome.storage.session.remove(key(tabId)); });
