// osTicket (v1.18 staff panel): selectors from tests/hosts/README.md, checked against the
// real pages it rendered. Entries are oldest first; .thread-event rows are not messages.
'use strict';
(() => {
  // queue columns are admin-configurable: find them by their header's data-id
  const column = (dataId, sel) => (row, doc) => {
    const ths = [...(row.closest('table')?.querySelectorAll('thead th') ?? [])];
    const i = ths.findIndex((th) => th.getAttribute('data-id') === dataId);
    const td = i >= 0 ? row.children[i] : null;
    return td ? RapportAdapters.textOf(sel ? td.querySelector(sel) : td) : '';
  };
  RapportAdapters.register({
    id: 'osticket',
    name: 'osTicket',
    urls: [/\/scp\/tickets\.php/],
    detect: ['#thread-items .thread-entry', 'table.list.queue.tickets', 'form#reply[data-lock-object-id^="ticket/"]'],
    ticket: {
      scope: (doc) => (doc.querySelector('#thread-items') ? doc : null),
      id: { sel: '.sticky.bar h2 > a[href^="tickets.php?id="]', re: /#\s*(\d+)/ },
      subject: '.tixTitle > h3',
      customerName: 'table.ticket_info span[id^="user-"][id$="-name"]',
      customerEmail: 'table.ticket_info span[id^="user-"][id$="-email"]',
      // the ticket's Source row ("Email", "Phone", "Web", "API", "Other"), as the channel the
      // engine knows; "Other" says nothing
      channel: (root) => ({ email: 'email', phone: 'phone', web: 'web', api: 'api' })[RapportAdapters.textOf(root.querySelector('#field_source')).toLowerCase()] ?? '',
      messages: {
        sel: '#thread-items .thread-entry',
        kinds: [['.message', 'customer'], ['.response', 'agent'], ['.note', 'note']],
        author: ':scope > .header b',
        time: { sel: '.header time[datetime]', attr: 'datetime' },
        body: ':scope > .thread-body',
        order: 'oldest-first',
      },
      editor: ['form#reply .redactor-in[contenteditable="true"]', 'form#reply textarea#response'],
      editorSource: 'form#reply textarea#response',
    },
    queue: {
      rows: 'table.list.queue.tickets > tbody > tr',
      id: [column('1', 'a.preview'), 'td:nth-child(2) a.preview'],
      subject: [column('3', 'span.truncate > a'), 'td:nth-child(4) span.truncate > a'],
      customerName: [column('4'), 'td:nth-child(5)'],
      link: 'a.preview',
    },
  });
})();
