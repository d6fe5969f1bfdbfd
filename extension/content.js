// @ts-check
// Content script: reads the help-desk page with the adapters and relays what it sees to the
// extension; puts snippet text into the desk's reply editor when the side panel asks. It loads
// no WASM, injects nothing into the page's own world and never writes page data as HTML.
'use strict';
(() => {
  if (globalThis.__rapportContent) return; // injected twice (static + runtime registration)
  globalThis.__rapportContent = true;
  const A = globalThis.RapportAdapters;
  let generic = [];
  let zone = ''; // the zone the agent says the desk prints its times in (options)
  let last = '';

  const extra = () => generic.filter((g) => location.origin === g.origin).map((g) => A.fromSelectors(g));

  function report(force) {
    let snap;
    try {
      snap = A.snapshot(document, extra(), { zone });
    } catch (e) {
      snap = { desk: null, url: location.href, error: String(e?.message ?? e) };
    }
    const key = JSON.stringify(snap);
    if (!force && key === last) return;
    last = key;
    /** @type {import('./messages.js').PageMessage} */
    const msg = { type: 'page', snapshot: snap };
    chrome.runtime.sendMessage(msg).catch(() => {});
  }

  let timer = 0;
  const soon = () => { clearTimeout(timer); timer = setTimeout(() => report(false), 250); };

  chrome.runtime.onMessage.addListener((/** @type {import('./messages.js').ToContent} */ msg, _sender, reply) => {
    if (msg?.type === 'snapshot') {
      reply(A.snapshot(document, extra(), { zone }));
    } else if (msg?.type === 'insert') {
      const a = A.detect(document, extra());
      // the text was written for one ticket: the page must still show that ticket
      const shown = a ? A.snapshot(document, extra(), { zone })?.ticket?.id : null;
      if (!a) reply({ ok: false, reason: 'no help desk recognised on this page' });
      else if (msg.ticketId == null || String(shown) !== String(msg.ticketId)) reply({ ok: false, reason: 'the page now shows another ticket; nothing was inserted' });
      else reply(A.insertText(a, document, String(msg.text ?? '')));
      soon();
    }
    return false;
  });

  // single-page desks change ticket without a page load: follow the URL and the DOM
  addEventListener('popstate', soon);
  addEventListener('hashchange', soon);
  // typing in the reply editor changes the DOM on every key: those changes are not the ticket
  const inEditor = (n) => (n.nodeType === 1 ? n : n.parentElement)?.closest?.('[contenteditable="true"], textarea');
  new MutationObserver((records) => { if (records.some((r) => !inEditor(r.target))) soon(); })
    .observe(document.documentElement, { childList: true, subtree: true, characterData: true });
  let href = location.href;
  setInterval(() => { if (location.href !== href) { href = location.href; soon(); } }, 400);

  chrome.storage.local.get(['genericAdapters', 'deskTimeZone']).then((/** @type {{ genericAdapters?: any[], deskTimeZone?: string }} */ v) => { generic = v.genericAdapters ?? []; zone = v.deskTimeZone ?? ''; report(true); }, () => report(true));
  chrome.storage.onChanged.addListener((c, area) => {
    if (area !== 'local' || !(c.genericAdapters || c.deskTimeZone)) return;
    if (c.genericAdapters) generic = /** @type {any[]} */ (c.genericAdapters.newValue) ?? [];
    if (c.deskTimeZone) zone = /** @type {string} */ (c.deskTimeZone.newValue) ?? '';
    report(true);
  });
})();
