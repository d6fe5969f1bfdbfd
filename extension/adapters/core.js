// Adapters read a help-desk page: the open ticket (id, subject, customer, messages with author
// kind, time and text, the reply editor) or the queue of open tickets. An adapter is data —
// selectors, plus small hooks where a desk needs them — registered here, so adding a desk is a
// small change. Extraction degrades gracefully: a missing email or time is listed in
// `missing`, never fatal. Runs in the content script's isolated world; reads the DOM only.
'use strict';
(() => {
  const adapters = [];

  // source line breaks are text only where CSS keeps them (osTicket's pre-wrap bodies);
  // elsewhere they are whitespace, and <br> and blocks make the lines
  function keepsBreaks(el) {
    if (!el) return false;
    if (el.closest('pre, textarea')) return true;
    const ws = getComputedStyle(el).whiteSpace;
    return ws.startsWith('pre') || ws === 'break-spaces';
  }

  /** Text of an element: its rendered lines (block breaks kept), trimmed; '' if absent. */
  function textOf(node) {
    if (!node) return '';
    const parts = [];
    const walk = (n) => {
      if (n.nodeType === 3) parts.push(keepsBreaks(n.parentElement) ? n.nodeValue : n.nodeValue.replace(/\s+/g, ' '));
      else if (n.nodeType === 1) {
        const tag = n.tagName;
        if (tag === 'SCRIPT' || tag === 'STYLE' || tag === 'TEMPLATE' || n.getAttribute('aria-hidden') === 'true') return;
        if (tag === 'BR') { parts.push('\n'); return; }
        const block = /^(P|DIV|LI|TR|H[1-6]|BLOCKQUOTE|PRE|SECTION|ARTICLE|UL|OL|TABLE)$/.test(tag);
        if (block) parts.push('\n');
        for (const c of n.childNodes) walk(c);
        if (block) parts.push('\n');
      }
    };
    walk(node);
    return parts.join('').replace(/[ \t\u00a0]+/g, ' ').replace(/ *\n */g, '\n').replace(/\n{3,}/g, '\n\n').trim();
  }

  /** First non-empty direct text node of an element (FreeScout's customer cell). */
  function firstText(node) {
    if (!node) return '';
    for (const c of node.childNodes) if (c.nodeType === 3 && c.nodeValue.trim()) return c.nodeValue.trim();
    return '';
  }

  /**
   * Reads one field. `spec` is a selector string (text), a function (root, doc) → value, or
   * { sel, attr, re, text: 'first' | 'lines', url: RegExp } — `url` reads the location instead.
   */
  function read(spec, root, doc) {
    if (!spec) return '';
    if (typeof spec === 'function') return spec(root, doc) ?? '';
    if (typeof spec === 'string') spec = { sel: spec };
    if (Array.isArray(spec)) {
      for (const s of spec) { const v = read(s, root, doc); if (v) return v; }
      return '';
    }
    let v;
    if (spec.url) {
      v = spec.url.exec(doc.location.href)?.[1] ?? '';
    } else {
      const el = spec.sel === ':scope' ? root : root.querySelector(spec.sel);
      if (!el) return '';
      v = spec.attr ? (el.getAttribute(spec.attr) ?? '') : spec.prop ? String(el[spec.prop] ?? '') : spec.text === 'first' ? firstText(el) : textOf(el);
    }
    v = String(v).trim();
    if (spec.re) v = spec.re.exec(v)?.[1]?.trim() ?? '';
    return v;
  }

  // a time that names its zone or offset: ISO with Z or ±hh:mm, or "… UTC" / "… GMT+2"
  const ZONED = /(?:\dZ|[+-]\d{2}:?\d{2}|\b(?:UTC|GMT)(?:[+-]\d{1,2}(?::?\d{2})?)?)\s*$/i;

  /** Minutes east of UTC of IANA zone `zone` at instant `t` (ms). */
  function offsetAt(zone, t) {
    const f = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    const p = Object.fromEntries(f.formatToParts(new Date(t)).map((x) => [x.type, Number(x.value)]));
    return (Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(t / 1000) * 1000) / 60000;
  }

  /**
   * An ISO time from what a desk shows. A time that states its zone is read as stated. A wall
   * time ("Nov 18, 2026 09:14", as FreeScout prints in the agent's profile zone) is read in
   * `zone` (IANA) when the page or the agent says which; otherwise '' (unknown): the browser's
   * own zone may not be the desk's, and a guess would shift every time by the difference.
   */
  function isoTime(raw, zone) {
    raw = String(raw ?? '').trim();
    if (!raw) return '';
    if (ZONED.test(raw)) {
      const t = Date.parse(raw);
      return Number.isFinite(t) ? new Date(t).toISOString() : '';
    }
    if (!zone) return '';
    // the wall time as if it were UTC, then moved by the zone's offset at that moment
    const wall = Date.parse(/^\d{4}-\d{2}-\d{2}[T ]\d/.test(raw) ? `${raw.replace(' ', 'T')}Z` : `${raw} UTC`);
    if (!Number.isFinite(wall)) return '';
    try {
      let t = wall - offsetAt(zone, wall) * 60000;
      t = wall - offsetAt(zone, t) * 60000; // again, in case the first guess crossed a DST change
      return new Date(t).toISOString();
    } catch {
      return ''; // not a zone Intl knows
    }
  }

  const EMAIL = /[^\s<>"'(),;:]+@[^\s<>"'(),;:]+\.[A-Za-z]{2,}/;

  function kindOf(el, kinds) {
    for (const [sel, kind] of kinds) {
      if (sel.startsWith('has:') ? el.querySelector(sel.slice(4)) : el.matches(sel)) return kind;
    }
    return null;
  }

  /** The open ticket on the page, or null when the adapter sees none. `opts.zone`: the zone the
   * agent says the desk's times are in, for a desk whose pages do not say. */
  function extractTicket(a, doc, opts = {}) {
    const t = a.ticket;
    if (!t) return null;
    const scope = (t.scope ? t.scope(doc) : doc) ?? null;
    if (!scope) return null;
    const rows = [...scope.querySelectorAll(t.messages.sel)];
    if (!rows.length && !read(t.subject, scope, doc)) return null;
    const missing = [];
    const messages = [];
    const zone = read(t.timeZone, scope, doc) || opts.zone || '';
    for (const row of rows) {
      const from = kindOf(row, t.messages.kinds);
      if (!from) continue; // system events, activity lines
      const text = read(t.messages.body, row, doc);
      if (!text) continue;
      const rawTime = read(t.messages.time, row, doc);
      const at = isoTime(rawTime, zone);
      const author = read(t.messages.author, row, doc);
      const m = { from, text };
      if (author) m.author = author;
      if (at) m.at = at;
      else if (rawTime && !zone && !ZONED.test(rawTime)) missing.push(`time of message ${messages.length + 1} (the page does not say its time zone: set it in Rapport's options)`);
      else missing.push(`time of message ${messages.length + 1}`);
      messages.push(m);
    }
    if (t.messages.order === 'newest-first') messages.reverse();
    const ticket = {
      id: read(t.id, scope, doc),
      subject: read(t.subject, scope, doc),
      customer: {},
      messages,
    };
    const name = read(t.customerName, scope, doc);
    let email = read(t.customerEmail, scope, doc);
    email = EMAIL.exec(email)?.[0] ?? '';
    if (name) ticket.customer.name = name; else missing.push('customer name');
    if (email) ticket.customer.email = email.toLowerCase(); else missing.push('customer email');
    if (!ticket.id) missing.push('ticket id');
    const channel = read(t.channel, scope, doc);
    if (channel) ticket.channel = channel;
    if (messages.length) ticket.createdAt = messages[0].at;
    if (!ticket.createdAt) delete ticket.createdAt;
    if (!ticket.id) ticket.id = `${a.id}:${doc.location.pathname}${doc.location.hash}`;
    ticket.id = `${a.id}:${ticket.id}`.replace(new RegExp(`^${a.id}:${a.id}:`), `${a.id}:`);
    if (!messages.some((m) => m.from === 'customer')) missing.push('customer messages');
    return { ticket, missing, editor: !!findEditor(a, doc) };
  }

  /** The queue of open tickets the page lists, or null. */
  function extractQueue(a, doc) {
    const q = a.queue;
    if (!q) return null;
    const scope = (q.scope ? q.scope(doc) : doc) ?? null;
    const rows = scope ? [...scope.querySelectorAll(q.rows)] : [];
    if (!rows.length) return null;
    const tickets = [];
    for (const row of rows) {
      const id = read(q.id, row, doc);
      const subject = read(q.subject, row, doc);
      if (!id && !subject) continue;
      const t = { id: `${a.id}:${id || subject}`, number: id, subject, customer: {} };
      const name = read(q.customerName, row, doc);
      if (name) t.customer.name = name;
      const link = q.link ? row.querySelector(q.link) : null;
      if (link?.href) t.url = link.href;
      tickets.push(t);
    }
    return { tickets };
  }

  function findEditor(a, doc) {
    const sels = a.ticket?.editor ?? [];
    const scope = (a.ticket?.scope ? a.ticket.scope(doc) : doc) ?? doc;
    for (const s of sels) {
      const el = scope.querySelector(s);
      if (el) return el;
    }
    return null;
  }

  const BLOCK = /^(P|DIV|LI|H[1-6]|BLOCKQUOTE|PRE)$/;

  /**
   * Puts the caret where typing at the end of a rich editor goes: inside its last block (Redactor
   * and Summernote keep every line in a <p>), not after it. An empty last block (Redactor's
   * <p></p>) is used, not left as a blank line above the text. Returns the element the caret is in.
   */
  function caretAtEnd(el, doc) {
    let at = el;
    let last = el.lastChild;
    while (last && last.nodeType === 3 && !last.nodeValue.trim()) last = last.previousSibling;
    if (last?.nodeType === 1 && BLOCK.test(last.tagName)) {
      at = last;
      // an empty paragraph gets the placeholder a browser gives one, so the caret can sit in it
      if (!last.textContent.replace(/\u200b/g, '').trim() && !last.querySelector('img')) last.replaceChildren(doc.createElement('br'));
    }
    const range = doc.createRange();
    if (at !== el && at.lastChild?.nodeName === 'BR' && !at.textContent.replace(/\u200b/g, '').trim()) range.setStartBefore(at.lastChild);
    else { range.selectNodeContents(at); range.collapse(false); }
    const sel = doc.getSelection();
    sel.removeAllRanges();
    sel.addRange(range);
    return at;
  }

  /**
   * Puts `text` into the desk's reply editor the way typing would, so the desk's own editor
   * registers it: a textarea gets its value through the native setter plus input/change
   * events; a contenteditable editor gets `insertText` (beforeinput + input), with a manual
   * insert and an input event when the browser refuses the command.
   */
  function insertText(a, doc, text) {
    const el = findEditor(a, doc);
    if (!el) return { ok: false, reason: 'no reply editor on this page' };
    el.focus();
    if (el instanceof HTMLTextAreaElement || el instanceof HTMLInputElement) {
      const proto = el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
      const setter = Object.getOwnPropertyDescriptor(proto, 'value').set;
      const before = el.value;
      setter.call(el, before.trim() ? `${before.replace(/\s+$/, '')}\n\n${text}` : text);
      el.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: text }));
      el.dispatchEvent(new Event('change', { bubbles: true }));
    } else {
      const lead = textOf(el) ? '\n\n' : '';
      const block = caretAtEnd(el, doc);
      const done = doc.execCommand('insertText', false, lead + text);
      if (!done || !textOf(el).includes(text.split('\n')[0])) {
        for (const [i, line] of (lead + text).split('\n').entries()) {
          if (i) block.append(doc.createElement('br'));
          block.append(doc.createTextNode(line));
        }
        caretAtEnd(el, doc);
        el.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: text }));
      }
      // keep a desk's hidden source textarea (Redactor, Summernote) in step, as their own
      // sync would
      const source = a.ticket.editorSource && doc.querySelector(a.ticket.editorSource);
      if (source) {
        source.value = el.innerHTML;
        source.dispatchEvent(new Event('change', { bubbles: true }));
      }
    }
    return { ok: true };
  }

  /** The adapter whose DOM signature the page shows (URL hints first), or null. */
  function detect(doc, extra = []) {
    const url = doc.location.href;
    const all = [...extra, ...adapters];
    const hinted = all.filter((a) => a.urls?.some((r) => r.test(url)));
    for (const a of [...hinted, ...all.filter((a) => !hinted.includes(a))]) {
      if (a.detect.some((s) => doc.querySelector(s))) return a;
    }
    return null;
  }

  /** Everything the side panel needs from this page. */
  function snapshot(doc, extra = [], opts = {}) {
    const a = detect(doc, extra);
    if (!a) return { desk: null, url: doc.location.href };
    const ticket = extractTicket(a, doc, opts);
    return { desk: a.id, deskName: a.name, url: doc.location.href, title: doc.title, ...(ticket ? ticket : {}), queue: ticket ? null : extractQueue(a, doc)?.tickets ?? null };
  }

  /** An adapter from the generic selectors an agent enters in the options page. */
  function fromSelectors(c) {
    const kinds = [];
    if (c.noteSelector) kinds.push([c.noteSelector, 'note']);
    if (c.agentSelector) kinds.push([c.agentSelector, 'agent']);
    kinds.push([c.customerSelector || '*', 'customer']);
    return {
      id: 'generic', name: c.name || 'Custom desk', detect: [c.messageSelector], urls: [],
      ticket: {
        id: c.idSelector || { url: /(\d+)(?!.*\d)/ }, subject: c.subjectSelector, customerName: c.nameSelector, customerEmail: c.emailSelector,
        messages: { sel: c.messageSelector, kinds, body: c.bodySelector || ':scope', author: c.authorSelector, time: c.timeSelector ? { sel: c.timeSelector, attr: c.timeAttribute || undefined } : undefined, order: c.newestFirst ? 'newest-first' : 'oldest-first' },
        editor: [c.editorSelector].filter(Boolean),
      },
    };
  }

  globalThis.RapportAdapters = { register: (a) => adapters.push(a), list: () => adapters.slice(), detect, snapshot, insertText, extractTicket, extractQueue, fromSelectors, textOf, isoTime };
})();
