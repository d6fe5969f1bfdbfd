// Writes the demo help desk's sample data (www/data/sample.json and sample-import.csv):
// 60 customers of a coffee-equipment shop with consistent histories (tenure, tiers, birthdays,
// orders, past tickets with channels and CSAT, NPS answers) and 30 open tickets written to
// cover every band, both intent kinds and every cue; customers for every outreach reason, and
// `seen` (what this browser assessed and sent before, for engine.importLearning) for insights. Deterministic: a seeded generator and
// dates relative to a fixed demo clock, so the demo scores the same every day.
//   node www/data/build-sample.mjs
import fs from 'node:fs';

export const NOW = '2026-11-23T12:00:00Z';
const now = Date.parse(NOW);
const DAY = 86_400_000;
let seed = 20261123;
const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const pick = (a) => a[Math.floor(rnd() * a.length)];
const iso = (ms) => new Date(ms).toISOString().replace('.000Z', 'Z');
const day = (ms) => iso(ms).slice(0, 10);

const FIRST = ['Ana', 'Ben', 'Chloé', 'Dmitri', 'Eva', 'Farid', 'Grace', 'Hiro', 'Ines', 'Jonas', 'Kemi', 'Liam', 'Mina', 'Nikos', 'Olga', 'Pedro', 'Quinn', 'Rosa', 'Sami', 'Tara', 'Uma', 'Victor', 'Wen', 'Ximena', 'Yusuf', 'Zoe', 'Aaron', 'Bea', 'Carlos', 'Dana'];
const LAST = ['Silva', 'Okafor', 'Martin', 'Ivanov', 'Schmidt', 'Haddad', 'Kim', 'Tanaka', 'García', 'Berg', 'Adeyemi', 'Walsh', 'Cohen', 'Papadakis', 'Novak', 'Costa', 'Reyes', 'Rossi', 'Nguyen', 'Shah'];
const PRODUCTS = ['Espresso machine', 'Burr grinder', 'Milk frother', 'Coffee beans 1 kg', 'Descaler', 'Pour-over kettle', 'Tamper', 'Cups set', 'Water filter', 'Travel mug'];
const SUBJECTS = ['Where is my order?', 'Grinder makes a noise', 'Charged twice', 'Invoice copy', 'Password reset', 'Parcel arrived damaged', 'How to descale', 'Change delivery address', 'Warranty question', 'Refund status'];
const CHANNELS = ['email', 'email', 'chat', 'phone', 'chat'];

const customers = [], tickets = [], orders = [], surveys = [];
for (let i = 0; i < 60; i++) {
  const first = FIRST[i % FIRST.length], last = LAST[(i * 7) % LAST.length];
  const id = `c${String(i + 1).padStart(3, '0')}`;
  const tenureDays = i < 8 ? 10 + Math.floor(rnd() * 40) : 120 + Math.floor(rnd() * 3000);
  const since = now - tenureDays * DAY;
  const nOrders = i < 8 ? 1 : 2 + Math.floor(rnd() * 12);
  let ltv = 0;
  for (let k = 0; k < nOrders; k++) {
    const at = since + Math.floor(((k + 1) / (nOrders + 1)) * (now - since - 2 * DAY));
    const items = [pick(PRODUCTS)];
    if (rnd() < 0.3) items.push(pick(PRODUCTS));
    const total = Math.round((20 + rnd() * 400) * 100) / 100;
    ltv += total;
    orders.push({ id: `o${id.slice(1)}-${k + 1}`, customerId: id, at: iso(at), total, currency: 'EUR', items, status: 'delivered' });
  }
  const nTickets = i < 8 ? 0 : Math.floor(rnd() * 4);
  for (let k = 0; k < nTickets; k++) {
    const at = now - Math.floor((20 + rnd() * 400) * DAY);
    tickets.push({ id: `h${id.slice(1)}-${k + 1}`, customerId: id, createdAt: iso(at), solvedAt: iso(at + Math.floor((0.2 + rnd() * 3) * DAY)), channel: pick(CHANNELS), subject: pick(SUBJECTS), csat: 3 + Math.floor(rnd() * 3) });
  }
  if (i >= 8 && rnd() < 0.5) surveys.push({ customerId: id, at: iso(now - Math.floor((10 + rnd() * 200) * DAY)), kind: 'nps', score: 6 + Math.floor(rnd() * 5) });
  const tier = ltv > 2500 ? 'gold' : ltv > 900 ? 'silver' : 'basic';
  const birthday = `19${60 + Math.floor(rnd() * 40)}-${String(1 + Math.floor(rnd() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rnd() * 28)).padStart(2, '0')}`;
  customers.push({ id, email: `${first.normalize('NFD').replace(/[^A-Za-z]/g, '').toLowerCase()}.${last.normalize('NFD').replace(/[^A-Za-z]/g, '').toLowerCase()}@example.com`, name: `${first} ${last}`, since: day(since), birthday, tier, lifetimeValue: Math.round(ltv) });
}
const C = (n) => customers[n - 1];

// Stories the open tickets need, written into the histories of particular customers.
const story = {
  // a loyal gold customer whose last two tickets were about the same late delivery, rated 1
  repeat: (c, subject) => {
    c.tier = 'gold'; c.lifetimeValue = Math.max(c.lifetimeValue, 4200); c.since = day(now - 2900 * DAY);
    tickets.push({ id: `h${c.id.slice(1)}-r1`, customerId: c.id, createdAt: iso(now - 9 * DAY), solvedAt: iso(now - 8 * DAY), channel: 'email', subject, csat: 1 });
    tickets.push({ id: `h${c.id.slice(1)}-r2`, customerId: c.id, createdAt: iso(now - 4 * DAY), solvedAt: iso(now - 3 * DAY), channel: 'email', subject: `Re: ${subject}`, csat: 1 });
  },
  detractor: (c) => surveys.push({ customerId: c.id, at: iso(now - 6 * DAY), kind: 'nps', score: 2 }),
  promoter: (c) => surveys.push({ customerId: c.id, at: iso(now - 30 * DAY), kind: 'nps', score: 10 }),
  birthday: (c, inDays) => { const d = new Date(now + inDays * DAY); c.birthday = `1985-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`; },
  anniversary: (c, years) => { c.since = day(now - Math.round(years * 365.25) * DAY + 2 * DAY); },
};
story.repeat(C(9), 'Espresso machine delivery late');
story.detractor(C(9));
story.repeat(C(10), 'Charged twice for order');
story.repeat(C(11), 'Grinder stopped working');
story.promoter(C(12)); C(12).tier = 'gold';
story.birthday(C(13), 2);
story.anniversary(C(14), 5);
story.detractor(C(15));
story.promoter(C(16));

// Outreach: customers with no open ticket, one for each reason to contact them before they
// write (engine.outreach), the numbers worked out for NOW.
const seen = [];
const ago = (days) => iso(now - days * DAY);
story.birthday(C(35), 3);
story.anniversary(C(36), 3);
{
  // the 10th order, two days ago
  const c = C(37);
  const mine = orders.filter((o) => o.customerId === c.id);
  for (let k = mine.length; k < 10; k++) orders.push({ id: `o${c.id.slice(1)}-m${k + 1}`, customerId: c.id, at: ago(2 + (9 - k) * 25), total: 35, currency: 'EUR', items: ['Coffee beans 1 kg'], status: 'delivered' });
}
surveys.push({ customerId: C(38).id, at: ago(12), kind: 'nps', score: 3 }); // a detractor nobody called
tickets.push({ id: 'h039-c1', customerId: C(39).id, createdAt: ago(6), solvedAt: ago(5), channel: 'email', subject: 'Grinder arrived scratched', csat: 1 });
tickets.push({ id: 'h040-c1', customerId: C(40).id, createdAt: ago(7), solvedAt: ago(4), channel: 'email', subject: 'Courier damaged my parcel', csat: 3, tags: ['complaint'] });
tickets.push({ id: 'h041-r1', customerId: C(41).id, createdAt: ago(30), solvedAt: ago(29), channel: 'chat', subject: 'Descaler leaking', csat: 3 });
tickets.push({ id: 'h041-r2', customerId: C(41).id, createdAt: ago(10), solvedAt: ago(6), channel: 'chat', subject: 'Descaler still leaking', csat: 4 });
{
  // a gold customer who ordered every 20 days and stopped 150 days ago: the account is going dark
  const c = C(42);
  for (let i = orders.length - 1; i >= 0; i--) if (orders[i].customerId === c.id) orders.splice(i, 1);
  for (let k = 0; k < 8; k++) orders.push({ id: `o042-d${k + 1}`, customerId: c.id, at: ago(150 + (7 - k) * 20), total: 180, currency: 'EUR', items: ['Coffee beans 1 kg', 'Descaler'], status: 'delivered' });
  c.tier = 'gold'; c.lifetimeValue = 1440;
}
// what this browser saw before (as engine.exportLearning() writes it; the demo imports it with
// importLearning): a critical ticket assessed 3 days ago whose follow-up was due yesterday
tickets.push({ id: 'h043-f1', customerId: C(43).id, createdAt: ago(3), solvedAt: ago(2), channel: 'phone', subject: 'Espresso machine stopped mid-shot', csat: 2 });
seen.push({ record: 'assessment', ticketId: 'h043-f1', customerId: C(43).id, customerName: C(43).name, at: ago(2.9), score: 78, band: 'critical', intent: 'complaint', intentKind: 'relational', followUpDays: 1, followUpReason: 'check tomorrow that the fix held and the customer feels looked after' });
seen.push({ record: 'sent', ticketId: 'h043-f1', snippetId: 'apology-make-good', tone: 'ownership', action: 'inserted', at: ago(2.9) });
// Insights: 20 past tickets of customers 44..60 assessed here, 85 to 28 days ago. Two in three
// got a snippet of the advised tone and were rated 4-5, answered once, NPS 9 three weeks later;
// the others got a routine snippet or none, were rated 2-3, wrote again 10 days later, NPS 5.
const PAST = { transactional: ['Where is my order?', 'track_order', 'transactional', 'order-status', 'concise', 20],
  relational: ['Grinder arrived scratched', 'complaint', 'relational', 'check-in-after-fix', 'personal', 50],
  critical: ['Charged twice, third time I write', 'complaint', 'relational', 'apology-make-good', 'ownership', 78] };
for (let k = 0; k < 20; k++) {
  const c = C(44 + (k % 17));
  const band = ['transactional', 'relational', 'relational', 'critical'][k % 4];
  const [subject, intent, intentKind, snippetId, tone, score] = PAST[band];
  const at = now - (85 - 3 * k) * DAY;
  const id = `h${c.id.slice(1)}-p${k + 1}`;
  const answer = k % 5 === 4 ? 'none' : k % 3 === 0 && band !== 'transactional' ? 'routine' : 'caught';
  tickets.push({ id, customerId: c.id, createdAt: iso(at), solvedAt: iso(at + DAY / 2), channel: 'email', subject, csat: answer === 'caught' ? 4 + (k % 2) : 2 + (k % 2) });
  seen.push({ record: 'assessment', ticketId: id, customerId: c.id, customerName: c.name, at: iso(at + 3_600_000), score, band, intent, intentKind, ...(band === 'transactional' ? {} : { followUpDays: band === 'critical' ? 1 : 3, followUpReason: 'check in that everything is fine' }) });
  if (answer !== 'none') seen.push({ record: 'sent', ticketId: id, snippetId: answer === 'routine' ? 'order-status' : snippetId, tone: answer === 'routine' ? 'concise' : tone, action: 'inserted', at: iso(at + 2 * 3_600_000) });
  if (answer !== 'caught') tickets.push({ id: `${id}-again`, customerId: c.id, createdAt: iso(at + 10 * DAY), solvedAt: iso(at + 11 * DAY), channel: 'email', subject: `Re: ${subject}` });
  surveys.push({ customerId: c.id, at: iso(at + 20 * DAY), kind: 'nps', score: answer === 'caught' ? 9 : 5 });
}

const T = (n, hoursAgo, channel, subject, ...msgs) => ({
  id: `T-${1000 + n}`, subject, channel, createdAt: iso(now - hoursAgo * 3_600_000),
  customer: { id: C(n).id, email: C(n).email, name: C(n).name },
  messages: msgs.map(([from, text, hAgo = hoursAgo], k) => ({ from, text, at: iso(now - (hAgo - k * 0.1) * 3_600_000), ...(from === 'agent' ? { author: 'Maya' } : {}) })),
});
const open = [
  T(9, 5, 'email', 'THIRD time: where is my espresso machine?', ['customer', 'This is the THIRD time I am writing about this. My espresso machine was supposed to arrive two weeks ago, you keep promising and nothing happens. I have been a customer for years and I am seriously thinking of taking my business elsewhere.']),
  T(10, 3, 'email', 'Charged twice AGAIN', ['customer', 'You charged me twice for the same order, again! I already reported this last week and nobody fixed it. I want my money back today.']),
  T(11, 8, 'chat', 'Grinder still broken', ['customer', 'My grinder stopped working again after your "repair". Nobody answered my last two messages.'], ['agent', 'Sorry to hear that, I am checking with the workshop.', 7], ['customer', 'Still waiting. This is ridiculous, I need it for my café tomorrow.', 2]),
  T(15, 6, 'email', 'Cancel my account', ['customer', 'Please cancel my account and delete my card details. I am switching to another shop, your service has gone downhill.']),
  T(1, 30, 'email', 'Parcel arrived damaged', ['customer', 'The box arrived crushed and the milk frother inside is broken. Very disappointing for a first order.']),
  T(17, 26, 'email', 'Wrong item delivered', ['customer', 'I ordered the burr grinder but received a travel mug instead. Can you send the right item?']),
  T(18, 50, 'email', 'No answer for a week', ['customer', 'I wrote a week ago about my refund and heard nothing.', 170], ['customer', 'Hello? Is anyone reading these?', 60], ['customer', 'Third message now. I still have no refund and no reply.', 50]),
  T(12, 4, 'email', 'You are the best', ['customer', 'Just wanted to say thank you! The new espresso machine is amazing and your team was so helpful. I have already recommended you to all my friends.']),
  T(13, 20, 'chat', 'Gift for my birthday', ['customer', 'My birthday is this week and I am treating myself to a new grinder. Which one would you recommend for espresso?']),
  T(14, 28, 'email', 'Five years with you', ['customer', 'I realised I have been ordering from you for five years now. Could I get the descaler I always buy added to a subscription?']),
  T(16, 12, 'email', 'Loyal customer question', ['customer', 'I have been a loyal customer for years and I love your beans. Is there a loyalty discount for regular orders?']),
  T(19, 40, 'email', 'Moving house', ['customer', 'We just moved to a new house and had a baby last month, so life is hectic! Please send my next order to the new address: 12 Harbour Road.']),
  T(20, 18, 'email', 'Confused by the manual', ['customer', 'I do not understand the descaling instructions at all. Step 4 makes no sense and I am afraid of breaking the machine.']),
  T(21, 3, 'chat', 'Urgent: machine leaking', ['customer', 'URGENT: the machine is leaking water all over the counter, what do I do?']),
  T(22, 2, 'email', 'Password reset', ['customer', 'Hi, I forgot my password. Can you send me a reset link please?']),
  T(23, 6, 'email', 'Where is my order?', ['customer', 'Hello, could you tell me where my order is? The tracking page has not changed since Monday.']),
  T(24, 9, 'email', 'Invoice copy', ['customer', 'Could you send me a copy of the invoice for my last order? I need it for my accounts.']),
  T(25, 11, 'chat', 'Change delivery address', ['customer', 'Can I change the delivery address for the order I placed this morning?']),
  T(26, 14, 'email', 'Payment methods', ['customer', 'Which payment methods do you accept? Can I pay by bank transfer?']),
  T(27, 16, 'email', 'Opening hours', ['customer', 'What are the opening hours of your shop in Lisbon?']),
  T(28, 20, 'email', 'Cancel an order', ['customer', 'Please cancel order o028-1, I ordered the wrong colour.']),
  T(29, 22, 'email', 'Refund status', ['customer', 'When will my refund arrive? I returned the kettle last week.']),
  T(30, 7, 'chat', 'Warranty', ['customer', 'How long is the warranty on the burr grinder?']),
  T(2, 5, 'email', 'Delivery time', ['customer', 'How long does delivery take to Porto?']),
  T(3, 30, 'email', 'Complaint about courier', ['customer', 'The courier was rude and left the parcel in the rain. The beans are soaked. Not happy at all.']),
  T(31, 1, 'email', 'Thanks for the quick fix', ['customer', 'Thanks, the replacement part arrived and everything works now. Great service.']),
  T(32, 36, 'email', 'Account locked', ['customer', 'My account is locked after too many login attempts, please unlock it.']),
  T(33, 10, 'email', 'Discount code not working', ['customer', 'The discount code from your newsletter does not work at checkout. It says invalid. Annoying.']),
  T(34, 15, 'email', 'Subscription pause', ['customer', 'Can I pause my bean subscription for December? We are travelling.']),
  T(4, 4, 'email', 'Still no reply, cancelling', ['customer', 'I have emailed three times about my broken kettle and nobody replies. If I do not hear back today I will cancel everything and leave a review about this.']),
];

// A CSV the demo offers for "bring your own history": a ticket export (the usual help-desk
// headers) with two recent, badly rated contacts of the customer behind the password reset,
// which should lift that ticket's score, and four bad rows the import must report.
const d = (days) => iso(now - days * DAY);
const csv = [
  'Ticket ID,Requester email,Subject,Created at,Solved at,Channel,CSAT',
  `Z-501,${C(22).email},Cannot log in,${d(6)},${d(5.8)},email,1`,
  `Z-502,${C(22).email},"Still cannot log in, reset link expired",${d(3)},${d(2.9)},chat,1`,
  `Z-503,${C(23).email},Tracking not updating,${d(20)},${d(19)},email,4`,
  `Z-504,not-an-email,Invoice,${d(8)},${d(7)},email,5`,
  `Z-505,${C(24).email},Refund,last Tuesday,,email,3`,
  `Z-506,${C(25).email},Grinder noise,${d(9)},${d(8)},phone,9`,
  `Z-507,${C(26).email},Address change,${d(4)},${d(5)},email,4`,
].join('\r\n') + '\r\n';

const dir = new URL('./', import.meta.url);
fs.writeFileSync(new URL('sample.json', dir), JSON.stringify({ now: NOW, history: { customers, tickets, orders, surveys }, open, seen }, null, 1) + '\n');
fs.writeFileSync(new URL('sample-import.csv', dir), csv);
console.log(`sample.json: ${customers.length} customers, ${tickets.length} past tickets, ${orders.length} orders, ${surveys.length} surveys, ${open.length} open tickets, ${seen.length} rows of what the engine saw; sample-import.csv: 7 ticket rows, 4 of them bad`);
