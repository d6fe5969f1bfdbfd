// FreeScout (v1.8, Laravel): selectors from tests/hosts/README.md, checked against the real
// pages it rendered. Threads are newest first; the viewing agent's own threads read "you".
'use strict';
(() => {
  RapportAdapters.register({
    id: 'freescout',
    name: 'FreeScout',
    urls: [/\/conversation\/\d+/, /\/mailbox\/\d+/],
    detect: ['#conv-layout-main > .thread[data-thread_id]', 'table.table-conversations tr.conv-row'],
    ticket: {
      scope: (doc) => (doc.querySelector('#conv-layout-main') ? doc : null),
      id: ['#conv-subject .conv-numnav strong', { sel: 'form.form-reply input[name="conversation_id"]', attr: 'value' }],
      subject: ['#conv-subject .conv-subjtext > span', { sel: '#conv-subj-value', attr: 'value' }],
      customerName: '#conv-layout-customer a.customer-name',
      customerEmail: '#conv-layout-customer li.customer-email a.contact-main',
      messages: {
        sel: '#conv-layout-main > .thread[data-thread_id]',
        kinds: [['.thread-type-customer', 'customer'], ['.thread-type-message', 'agent'], ['.thread-type-note', 'note']],
        author: '.thread-person strong',
        // "Nov 18, 2026 09:14" in the agent's FreeScout profile zone, which the page states
        // nowhere: read in the zone the agent gives in Rapport's options, else unknown
        time: [{ sel: '.thread-info a.thread-date', attr: 'data-original-title' }, { sel: '.thread-info a.thread-date', attr: 'title' }],
        body: '.thread-body .thread-content',
        order: 'newest-first',
      },
      editor: ['form.form-reply .note-editable[contenteditable="true"]', 'form.form-reply textarea#body'],
      editorSource: 'form.form-reply textarea#body',
    },
    queue: {
      rows: 'table.table-conversations tr.conv-row[data-conversation_id]',
      id: { sel: 'td.conv-number a', re: /(\d+)/ },
      subject: 'td.conv-subject p:not(.conv-preview)',
      customerName: { sel: 'td.conv-customer > a', text: 'first' },
      link: 'td.conv-subject a, td.conv-number a',
    },
  });
})();
