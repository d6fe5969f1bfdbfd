// The SaaS and SPA desks, from tests/hosts/SAAS-SELECTORS.md (sources and confidence
// there): Zendesk Agent Workspace, Freshdesk, Help Scout, Zammad and Chatwoot. Each has a
// fixture in tests/extension/fixtures/ written from that markup.
'use strict';
(() => {
  const R = RapportAdapters;

  // Zendesk keeps every open ticket's panel in the DOM: scope to the active tab's ticket.
  const zendeskScope = (doc) => {
    const id = doc.querySelector('[data-test-id="header-tab"][aria-current="page"]')?.dataset.entityId
      ?? /\/agent\/(?:tickets|workspaces)\/(\d+)/.exec(doc.location.href)?.[1];
    return (id && doc.querySelector(`[data-ticket-id="${CSS.escape(id)}"]`)) || null;
  };
  R.register({
    id: 'zendesk',
    name: 'Zendesk',
    urls: [/\.zendesk\.com\/agent\//],
    detect: ['[data-test-id="omni-log-container"]', 'article[data-test-id="omni-log-comment-item"]'],
    ticket: {
      scope: zendeskScope,
      id: [(scope) => scope.getAttribute('data-ticket-id'), { url: /\/agent\/(?:tickets|workspaces)\/(\d+)/ }],
      subject: [{ sel: '[data-test-id="omni-header-subject"]', prop: 'value' }, { sel: 'input[aria-label="Subject"]', prop: 'value' }, '[data-test-id="ticket-pane-subject"]', 'h1[data-test-id="ticket-subject"]'],
      customerName: '[data-test-id="ticket-system-field-requester-select"]',
      customerEmail: '[data-test-id="ticket-system-field-requester-email"]',
      messages: {
        sel: 'article[data-test-id="omni-log-comment-item"]',
        kinds: [['has:[data-test-id="omni-log-internal-note-tag"]', 'note'], ['[aria-label^="Internal note"]', 'note'], ['has:div[data-test-id="omni-log-item-message"][type="agent"]', 'agent'], ['*', 'customer']],
        author: ['[data-test-id="omni-log-comment-user-link"]', '[data-test-id="omni-log-item-sender"]'],
        time: { sel: 'time[data-test-id^="timestamp-"][datetime]', attr: 'datetime' },
        body: ['[data-test-id="omni-log-message-content"]', 'div[data-test-id="omni-log-item-message"]:not([aria-hidden="true"])'],
        order: 'oldest-first',
      },
      editor: ['[data-test-id="omnicomposer-rich-text-ckeditor"][contenteditable="true"]', '[data-test-id^="omnicomposer-"][contenteditable="true"]'],
    },
    queue: {
      rows: 'tr[data-garden-id="tables.row"][data-test-id="generic-table-row"]',
      id: [{ sel: 'a[href*="/agent/tickets/"]', attr: 'href', re: /tickets\/(\d+)/ }],
      subject: 'a[href*="/agent/tickets/"]',
      customerName: '[data-test-id="generic-table-cells-requester"]',
      link: 'a[href*="/agent/tickets/"]',
    },
  });

  R.register({
    id: 'freshdesk',
    name: 'Freshdesk',
    urls: [/\.freshdesk\.com\/a\/tickets\//],
    detect: ['.ticket-details__item', '.ticket-subject-heading'],
    ticket: {
      id: [{ url: /\/a\/tickets\/(\d+)/ }, '.breadcrumb__item.active'],
      // the heading holds badges and buttons: its first text line is the subject
      subject: { sel: '.ticket-subject-heading', text: 'first' },
      customerName: ['.sender-info [data-test-id="user-name"]', '.requester-wrap [data-test-id="user-name"]'],
      customerEmail: { sel: 'a[href^="mailto:"]', attr: 'href', re: /^mailto:([^?]+)/ },
      messages: {
        sel: '.ticket-details__item',
        kinds: [['.ticket-details__privatenote', 'note'], ['.ticket-details__requestor', 'customer'], ['*', 'agent']],
        author: '[data-test-id="user-name"]',
        time: { sel: 'time[datetime]', attr: 'datetime' },
        body: ['.ticket-details__item__content', '.text__content', '.ticket-details__right'],
        order: 'oldest-first',
      },
      editor: ['div.fr-element.fr-view[contenteditable="true"]'],
    },
  });

  R.register({
    id: 'helpscout',
    name: 'Help Scout',
    urls: [/secure\.helpscout\.net\/conversation\//],
    detect: ['article.thread[id^="thread-"]', '[data-cy="ConvoEditor"]'],
    ticket: {
      id: { url: /\/conversation\/\d+\/(\d+)/ },
      subject: '[data-cy="EditableTextarea"]',
      customerName: ['[data-cy="CustomerProfile.Name"]', '.customer-name'],
      customerEmail: [{ sel: '[data-cy="CustomerProfile.Email"]' }, { sel: 'a[href^="mailto:"]', attr: 'href', re: /^mailto:([^?]+)/ }],
      messages: {
        sel: 'article.thread[id^="thread-"]',
        kinds: [['.note', 'note'], ['.customer', 'customer'], ['.message, .reply, .staff', 'agent'], ['.lineitem', null]],
        author: 'section.threadHeader section.meta strong',
        time: { sel: 'time[datetime]', attr: 'datetime' },
        body: 'section.messageBody',
        order: 'oldest-first',
      },
      editor: ['[data-cy="ConvoEditor"] [contenteditable="true"]', '[data-cy="ConvoEditor"][contenteditable="true"]'],
    },
  });

  // Zammad keeps a pane per open ticket tab: only `.content.active` is the one on screen.
  R.register({
    id: 'zammad',
    name: 'Zammad',
    urls: [/#ticket\/zoom\/\d+/],
    detect: ['.content.active .ticket-article-item', '.content.active .ticketZoom-header'],
    ticket: {
      scope: (doc) => doc.querySelector('.content.active'),
      id: [{ sel: '.ticketZoom-header .ticket-number' }, { url: /#ticket\/zoom\/(\d+)/ }],
      subject: '.ticketZoom-header .ticket-title-update.js-objectTitle',
      customerName: (scope) => {
        const v = scope.querySelector('.ticket-article-item.customer .article-meta.top .article-meta-row .article-meta-value');
        return v ? R.textOf(v).replace(/<[^>]*>|\s*\S+@\S+\s*$/g, '').trim() : '';
      },
      customerEmail: '.ticket-article-item.customer .article-meta.top .article-meta-row .article-meta-value .text-muted',
      messages: {
        sel: '.ticket-article-item[data-id]',
        kinds: [['.is-internal', 'note'], ['.customer', 'customer'], ['.agent', 'agent']],
        author: { sel: '.article-meta.top .article-meta-row .article-meta-value', text: 'first' },
        time: { sel: '.task-subline time[datetime]', attr: 'datetime' },
        body: '.textBubble-content .richtext-content',
        order: 'oldest-first',
      },
      editor: ['.article-new .articleNewEdit-body[contenteditable="true"]'],
    },
    queue: {
      scope: (doc) => doc.querySelector('.content.active'),
      rows: '.table-overview .js-tableBody tr[data-id]',
      id: { sel: ':scope', attr: 'data-id' },
      subject: 'td a[href*="ticket/zoom"]',
      customerName: 'td.customer, td[data-column="customer"]',
      link: 'a[href*="ticket/zoom"]',
    },
  });

  R.register({
    id: 'chatwoot',
    name: 'Chatwoot',
    urls: [/\/app\/accounts\/\d+\/.*conversations\/\d+/],
    detect: ['.conversation-panel [data-message-id]', '.reply-box .ProseMirror-woot-style'],
    ticket: {
      id: { url: /\/conversations\/(\d+)/ },
      subject: (scope) => R.textOf(scope.querySelector('[data-bubble-name="email"] section'))?.match(/Subject:\s*(.+)/)?.[1] ?? '',
      customerName: ['.contact--profile h3', '.conversation-header .user--name', '.conversation.active .conversation--user'],
      customerEmail: { sel: '.contact--profile a[href^="mailto:"], .contact-info a[href^="mailto:"]', attr: 'href', re: /^mailto:([^?]+)/ },
      messages: {
        sel: '.conversation-panel [id^="message"][data-message-id]',
        kinds: [['has:.bg-n-solid-amber', 'note'], ['has:.i-lucide-lock-keyhole', 'note'], ['has:.bg-n-slate-4', 'customer'], ['has:.bg-n-solid-blue', 'agent']],
        time: { sel: 'time', attr: 'datetime' },
        body: ['[data-bubble-name="text"]', '[data-bubble-name="email"]', '.message-text__wrap .text-content'],
        order: 'oldest-first',
      },
      editor: ['.reply-box .ProseMirror-woot-style[contenteditable="true"]', '.reply-box textarea'],
    },
  });
})();
