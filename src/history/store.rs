//! The history Store: customers matched by id or email (trimmed, case-insensitive), each with
//! their tickets, orders and surveys. Loading keeps every good record, reports every rejected
//! one with its place, field and reason, and never duplicates a record loaded twice.

pub use super::json_import::JsonImport;
use super::record_index::RecordIndex;
use super::records::{self, CustomerRecord, CustomerRef, OrderRecord, SurveyRecord, TicketRecord};
use super::RecordKind;
use crate::input::{self, array, object};
use crate::util::FastMap as HashMap;
use serde::Serialize;
use serde_json::{Map, Value};

#[derive(Debug, Clone, Default)]
pub struct CustomerHistory {
    pub profile: CustomerRecord,
    /// Oldest first (ties: greater id first), so the tickets before a moment are a prefix and
    /// the newest are read backwards from its end; kept so by `Store::settle`.
    pub tickets: Vec<TicketRecord>,
    pub orders: Vec<OrderRecord>,
    pub surveys: Vec<SurveyRecord>,
    /// Listed in `Store::unsorted`: its tickets wait for `settle`.
    unsorted: bool,
}

#[derive(Debug, Clone, Default)]
pub struct Store {
    pub customers: Vec<CustomerHistory>,
    by_id: HashMap<String, usize>,
    by_email: HashMap<String, usize>,
    tickets: RecordIndex,
    orders: RecordIndex,
    /// "customer time kind" → position in its surveys: a survey has no id of its own (a
    /// string key: the map type of `by_id`, so no new map code in the .wasm).
    surveys: HashMap<String, usize>,
    /// Customers whose tickets may be out of order since the last `settle`.
    unsorted: Vec<usize>,
    /// Shared copies of the records' repetitive short fields.
    strings: crate::util::Interner,
    /// Unknown customer ids whose records were filed by email under another customer → that
    /// customer: if the id's own customer comes later, the load says its records are elsewhere
    /// (the map type of `by_id`, so no new map code in the .wasm).
    joined: HashMap<String, usize>,
    /// An address several customers' current records give → those it does not find, in the
    /// order they gave it: when the customer it finds changes away from it, it finds the first
    /// of them still giving it (`give_email`). Without it a ticket from that address went on
    /// finding the customer who left it, and showed their name and orders. The queues live in
    /// `claim_queues`, found by address here: the map type of `by_id`, so no new map code in the
    /// .wasm (a `HashMap<String, Vec<usize>>` of its own cost about 1 KB gzipped).
    claims: HashMap<String, usize>,
    claim_queues: Vec<Vec<usize>>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Counts {
    pub customers: usize,
    pub tickets: usize,
    pub orders: usize,
    pub surveys: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rejected {
    /// `customers`, `tickets`, `orders` or `surveys`.
    pub kind: String,
    /// Index in the input array (0-based), or the CSV row.
    pub index: usize,
    /// The field at fault, e.g. `tickets[4].createdAt`.
    pub field: String,
    pub reason: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LoadReport {
    /// Records new to the store.
    pub added: Counts,
    /// Records that replaced or merged into one already there (same id, or same customer).
    pub updated: Counts,
    /// Records not loaded, each with where and why. The rest were kept.
    pub rejected: Vec<Rejected>,
    /// Customers created because a record named one the customers list did not have.
    pub customers_from_records: usize,
    /// Identity conflicts resolved on the way, e.g. one email on two customer ids, or a record
    /// of an unknown customer id filed by email under another id: 50 lines at most, then "… and
    /// more, not listed".
    pub conflicts: Vec<String>,
    /// What the store holds after this load.
    pub totals: Counts,
}

impl LoadReport {
    /// An identity conflict, said once. The first 50 are listed, then one line says there are
    /// more: a line per pair could run to thousands (one email on 5,000 pairs of ids).
    fn conflict(&mut self, line: String) {
        let n = self.conflicts.len();
        if n <= 50 && !self.conflicts.contains(&line) {
            self.conflicts.push(if n < 50 {
                line
            } else {
                "… and more, not listed".into()
            });
        }
    }
}

/// An id as the conflict lines show it: a character that shows nothing (a control: a newline
/// would start a line of its own in the command line's output; a bidi mark, which reorders
/// the line; a zero width space, which makes two ids look alike) as U+FFFD, written into the
/// line without a string of its own.
struct Shown<'a>(&'a str);

impl std::fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use std::fmt::Write;
        self.0.chars().try_for_each(|c| {
            f.write_char(match crate::input::invisible(c) {
                true => '\u{fffd}',
                false => c,
            })
        })
    }
}

impl Store {
    pub fn counts(&self) -> Counts {
        Counts {
            customers: self.customers.len(),
            tickets: self.tickets.len(),
            orders: self.orders.len(),
            surveys: self.surveys.len(),
        }
    }

    /// The customer a ticket or record refers to: by id first, then by email.
    pub fn resolve(&self, r: &CustomerRef) -> Option<usize> {
        r.id.as_ref()
            .and_then(|id| self.by_id.get(id))
            .or_else(|| r.email.as_ref().and_then(|e| self.by_email.get(e)))
            .copied()
    }

    pub fn get(&self, i: usize) -> &CustomerHistory {
        &self.customers[i]
    }

    /// A ticket record by its id, and the customer (index) it belongs to.
    pub fn ticket(&self, id: &str) -> Option<&TicketRecord> {
        self.ticket_of(id).map(|x| x.1)
    }

    pub fn ticket_of(&self, id: &str) -> Option<(usize, &TicketRecord)> {
        let id_at = |c: usize, k: usize| Some(self.customers.get(c)?.tickets.get(k)?.id());
        let (c, k) = self.tickets.get(id, id_at)?;
        Some((c, &self.customers[c].tickets[k]))
    }

    /// The stored ticket `id` when it is a ticket of the customer `who` names: the same id
    /// held under another customer is another ticket, another desk's #1001, and what was seen
    /// of one is never told of the other. A page that named no one leaves the id as the
    /// ticket's only identity: the stored ticket of that id.
    pub fn ticket_for(&self, id: &str, who: &CustomerRef) -> Option<&TicketRecord> {
        let (c, t) = self.ticket_of(id)?;
        self.may_be(c, who).then_some(t)
    }

    /// Whether `who` may be customer `c`: it names them, or it names no one (`ticket_for`).
    pub fn may_be(&self, c: usize, who: &CustomerRef) -> bool {
        who.names_no_one() || self.resolve(who) == Some(c)
    }

    /// An order by its id, and the customer (index) it belongs to.
    pub fn order_of(&self, id: &str) -> Option<(usize, &OrderRecord)> {
        let (c, k) = self.order_at(id)?;
        Some((c, &self.customers[c].orders[k]))
    }

    /// Where order `id` is: its customer and its place in their orders.
    fn order_at(&self, id: &str) -> Option<(usize, usize)> {
        let id_at = |c: usize, k: usize| Some(&*self.customers.get(c)?.orders.get(k)?.id);
        self.orders.get(id, id_at)
    }

    /// For rows of order `id` that come apart from its earlier rows in one CSV (an export sorted
    /// by date or product), which loaded it for customer `owner`: that order, its items taken
    /// out (moved, not copied: 40,000 items apart would copy each time), when the order is
    /// still that customer's and `row` names the same customer or none (then it is given
    /// theirs, and the order's date). `None`: it names another customer, whose order of the
    /// number it is (the later record wins, as side by side), or a load in between moved it.
    pub fn earlier_order(
        &mut self,
        id: &str,
        owner: usize,
        row: &mut Map<String, Value>,
    ) -> Option<OrderRecord> {
        let (c, k) = self.order_at(id)?;
        if c != owner {
            return None;
        }
        let given = |f: &str| {
            let v = row.get(f).and_then(Value::as_str).map(str::trim);
            v.filter(|s| !s.is_empty()).map(str::to_string)
        };
        let named = CustomerRef {
            id: given("customerId"),
            email: given("customerEmail").map(|e| crate::util::lower(&e)),
        };
        let dated = given("at").is_some();
        // an unknown id filed by email under this customer (`joined`) is this customer
        let joined = || self.joined.get(named.id.as_ref()?).copied();
        if !named.names_no_one() && self.resolve(&named).or_else(joined) != Some(owner) {
            return None;
        }
        // the rows are filed under the customer the order is, by the customer's own key
        let p = &self.customers[owner].profile;
        let (f, v) = match (&p.id, &p.email) {
            (Some(i), _) => ("customerId", i),
            (None, Some(e)) => ("customerEmail", e),
            _ => return None,
        };
        // (null reads as absent: `remove` on the row's map cost the .wasm 4.6 KB of B-tree code)
        for k in ["customerId", "customerEmail"] {
            row.insert(k.into(), Value::Null);
        }
        row.insert(f.into(), Value::String(v.clone()));
        let o = &mut self.customers[c].orders[k];
        if !dated {
            row.insert("at".into(), crate::time::format_date(o.at).into());
        }
        let items = std::mem::take(&mut o.items);
        Some(OrderRecord { items, ..o.clone() })
    }

    /// After the later rows of an order loaded, or failed to (`earlier_order`): the earlier
    /// rows' items come first, and its date and what the later rows left out are as the earlier
    /// said (failed, the order is as it was).
    pub fn join_order(&mut self, earlier: OrderRecord) {
        let Some((c, k)) = self.order_at(&earlier.id) else {
            return;
        };
        let o = &mut self.customers[c].orders[k];
        let mut items = earlier.items;
        items.append(&mut o.items);
        o.items = items;
        o.at = earlier.at;
        o.total = o.total.or(earlier.total);
        o.currency = o.currency.take().or(earlier.currency);
        o.status = o.status.take().or(earlier.status);
    }

    /// A customer new to the store; `email`, if given, through `give_email` (it may be taken).
    fn new_customer(
        &mut self,
        profile: CustomerRecord,
        email: Option<String>,
        report: &mut LoadReport,
    ) -> usize {
        let i = self.customers.len();
        if let Some(id) = &profile.id {
            self.by_id.insert(id.clone(), i);
        }
        if let Some(e) = &profile.email {
            self.by_email.insert(e.clone(), i);
        }
        let id = profile.id.clone();
        self.customers.push(CustomerHistory {
            profile,
            ..Default::default()
        });
        if let Some(e) = email {
            self.give_email(i, e, report);
        }
        // Its records, read before it, are under whoever owns their email, and the store cannot
        // tell them from that customer's own. Loaded again, each finds this customer by id and
        // moves (`upsert_by_id`); a survey, with no id, would be there twice.
        // (said once: the customer is known by its id from here on)
        if let Some(x) = id.and_then(|y| Some((self.joined.get(&y).copied()?, y))) {
            let (x, y) = x;
            report.conflict(format!(
                "customer {} came after its records, filed by email under {}: load them again",
                Shown(&y),
                Shown(self.customers[x].profile.id.as_deref().unwrap_or(""))
            ));
        }
        i
    }

    /// Adds or merges a customer; returns whether it was new.
    pub fn upsert_customer(&mut self, c: CustomerRecord, report: &mut LoadReport) -> bool {
        let by_id = c.id.as_ref().and_then(|id| self.by_id.get(id)).copied();
        let by_email = c.email.as_ref().and_then(|e| self.by_email.get(e)).copied();
        let target = match (by_id, by_email) {
            (Some(a), _) => Some(a),
            // another id on the address: another customer (two records in the source system,
            // a family inbox), who gets the address in turn (`give_email`)
            (None, Some(b)) => match (&self.customers[b].profile.id, &c.id) {
                (Some(x), Some(y)) if x != y => None,
                _ => Some(b),
            },
            (None, None) => None,
        };
        let mut c = c;
        let email = c.email.take();
        let i = match target {
            None => {
                self.new_customer(c, email, report);
                return true;
            }
            Some(i) => {
                let p = &mut self.customers[i].profile;
                if p.id.is_none() {
                    if let Some(id) = &c.id {
                        p.id = Some(id.clone());
                        self.by_id.insert(id.clone(), i);
                    }
                }
                // later values win, absent ones do not erase
                macro_rules! take {
                    ($f:ident) => {
                        if c.$f.is_some() {
                            p.$f = c.$f.clone();
                        }
                    };
                }
                take!(name);
                take!(since);
                take!(birthday);
                take!(tier);
                take!(lifetime_value);
                i
            }
        };
        if let Some(e) = email {
            self.give_email(i, e, report);
        }
        false
    }

    /// Customer `i`'s record gives address `e` now. An address finds the first customer whose
    /// current record gives it; the others wait in turn (`claims`) and get it when it is left.
    /// An address a customer has left still finds them, until another's record gives it.
    fn give_email(&mut self, i: usize, e: String, report: &mut LoadReport) {
        let old = self.customers[i].profile.email.replace(e.clone());
        if old.as_ref() == Some(&e) {
            return;
        }
        let id = |s: &Self, k: usize| {
            let p = &s.customers[k].profile;
            Shown(p.id.as_deref().unwrap_or("(no id)")).to_string()
        };
        match self.by_email.get(&e).copied() {
            Some(j) if j == i => {}
            // its holder's record gives another address now: it is this customer's
            Some(j) if self.customers[j].profile.email.as_ref() != Some(&e) => {
                let (x, y) = (id(self, j), id(self, i));
                report.conflict(format!("email {e} was customer {x}'s before they changed it and is customer {y}'s now; the email finds {y}"));
                self.by_email.insert(e.clone(), i);
            }
            Some(j) => {
                let (x, y) = (id(self, j), id(self, i));
                report.conflict(format!(
                    "email {e} is on customer {x} and customer {y}; both kept, the email finds {x}"
                ));
                let q = match self.claims.get(&e) {
                    Some(&q) => q,
                    None => {
                        self.claim_queues.push(Vec::new());
                        self.claims.insert(e.clone(), self.claim_queues.len() - 1);
                        self.claim_queues.len() - 1
                    }
                };
                self.claim_queues[q].push(i);
            }
            None => {
                self.by_email.insert(e.clone(), i);
            }
        }
        let Some(old) = old else {
            return;
        };
        // the address it left: the next customer whose record still gives it, if any
        // (a queue left empty stays, with its address: nothing is removed from the map)
        let Store {
            claims,
            claim_queues,
            customers,
            ..
        } = self;
        let next = claims.get(&old).and_then(|&q| {
            let q = &mut claim_queues[q];
            q.retain(|&k| k != i && customers[k].profile.email.as_ref() == Some(&old));
            q.first().copied()
        });
        if self.by_email.get(&old) != Some(&i) {
            return;
        }
        let x = id(self, i);
        match next {
            Some(j) => {
                let y = id(self, j);
                report.conflict(format!("email {old} was customer {x}'s before they changed it and is customer {y}'s now; the email finds {y}"));
                self.by_email.insert(old, j);
            }
            None => report.conflict(format!(
                "customer {x}: email changed from {old} to {e}; both find them"
            )),
        }
    }

    fn owner(&mut self, r: &CustomerRef, report: &mut LoadReport) -> usize {
        match self.resolve(r) {
            Some(i) => {
                // An id the store does not know, joined by its email to a customer with another
                // id: one person in two systems (a shop's id and a desk's), or two people on one
                // family inbox. Only the loader can tell, so the load that first files it so
                // says so, once per id (`joined`). A customer known by email alone takes the
                // first id it is given (as a customer record's would), so a second id on that
                // email is said too.
                if let Some(y) = &r.id {
                    match &self.customers[i].profile.id {
                        None => {
                            self.customers[i].profile.id = Some(y.clone());
                            self.by_id.insert(y.clone(), i);
                        }
                        // said for its first record: the id's later records cost a lookup
                        Some(x) if x != y && !self.joined.contains_key(y) => {
                            report.conflict(format!(
                                "customer {} is unknown; filed by email under {}",
                                Shown(y),
                                Shown(x)
                            ));
                            self.joined.insert(y.clone(), i);
                        }
                        _ => {}
                    }
                }
                i
            }
            None => {
                report.customers_from_records += 1;
                report.added.customers += 1;
                self.new_customer(
                    CustomerRecord {
                        id: r.id.clone(),
                        email: r.email.clone(),
                        ..Default::default()
                    },
                    None,
                    report,
                )
            }
        }
    }

    /// Puts a ticket in; the customer's tickets are in order again after `settle`.
    pub fn upsert_ticket(&mut self, r: CustomerRef, t: TicketRecord, report: &mut LoadReport) {
        let owner = self.owner(&r, report);
        let (added, k, moved) = upsert_by_id(
            &mut self.customers,
            &mut self.tickets,
            owner,
            t,
            |h| &mut h.tickets,
            |h| &h.tickets,
            |t| t.id(),
        );
        if let Some(from) = moved {
            let id = self.customers[owner].tickets[k].id();
            self.said_moved("ticket", id, from, owner, report);
        }
        // still in order when it sits between its neighbours (appended in time order, or
        // updated without moving): then nothing needs sorting
        let h = &mut self.customers[owner];
        let fits = |a: usize, b: usize| ticket_order(&h.tickets[a], &h.tickets[b]).is_lt();
        let in_order = (k == 0 || fits(k - 1, k)) && (k + 1 >= h.tickets.len() || fits(k, k + 1));
        if !in_order && !std::mem::replace(&mut h.unsorted, true) {
            self.unsorted.push(owner);
        }
        *if added {
            &mut report.added.tickets
        } else {
            &mut report.updated.tickets
        } += 1;
    }

    pub fn upsert_order(&mut self, r: CustomerRef, o: OrderRecord, report: &mut LoadReport) {
        let owner = self.owner(&r, report);
        let (added, k, moved) = upsert_by_id(
            &mut self.customers,
            &mut self.orders,
            owner,
            o,
            |h| &mut h.orders,
            |h| &h.orders,
            |o| &o.id,
        );
        if let Some(from) = moved {
            let id = &self.customers[owner].orders[k].id;
            self.said_moved("order", id, from, owner, report);
        }
        *if added {
            &mut report.added.orders
        } else {
            &mut report.updated.orders
        } += 1;
    }

    /// A record whose id another customer's record had: the later one wins, and the load says
    /// so (two desks or shops numbering alike would otherwise give one customer's record to
    /// the other without a word).
    fn said_moved(&self, what: &str, id: &str, from: usize, to: usize, report: &mut LoadReport) {
        let who = |c: usize| {
            let p = &self.customers[c].profile;
            Shown(p.id.as_deref().or(p.email.as_deref()).unwrap_or("(no id)")).to_string()
        };
        report.conflict(format!(
            "{what} {} was customer {}'s and is now customer {}'s: the later record wins",
            Shown(id),
            who(from),
            who(to)
        ));
    }

    pub fn upsert_survey(&mut self, r: CustomerRef, s: SurveyRecord, report: &mut LoadReport) {
        let owner = self.owner(&r, report);
        let list = &mut self.customers[owner].surveys;
        // a survey has no id: the same customer, time and kind is the same answer
        let key = format!(
            "{owner} {} {}",
            s.at,
            (s.kind == super::records::SurveyKind::Nps) as u8
        );
        match self.surveys.get(&key) {
            Some(&k) => {
                list[k] = s;
                report.updated.surveys += 1;
            }
            None => {
                self.surveys.insert(key, list.len());
                list.push(s);
                report.added.surveys += 1;
            }
        }
    }

    /// Puts the tickets of customers loaded into since the last call back in order (see
    /// `CustomerHistory::tickets`). Whole loads call it before returning; chunked imports only
    /// at their end, and the engine before a read between chunks: settling after every chunk
    /// re-sorted each customer touched, so an export not in time order loaded in quadratic
    /// time (200 MB of tickets over 5,000 customers: 10 MB took 0.8 s at the start, 11.7 s
    /// after 70 MB; `settle` per chunk, native, release).
    #[inline(never)] // called before every read of the bindings: one copy in the .wasm
    pub fn settle(&mut self) {
        for c in std::mem::take(&mut self.unsorted) {
            self.customers[c].unsorted = false;
            let index = &mut self.tickets;
            // listed only when a ticket landed out of order (see `upsert_ticket`); the index is
            // told where each one goes before any moves
            crate::util::sort_long_by(
                &mut self.customers[c].tickets,
                ticket_order,
                |tickets, order| {
                    let moves = order
                        .iter()
                        .enumerate()
                        .filter(|&(k, &from)| from as usize != k);
                    index.relocate(moves.map(|(k, &from)| {
                        (tickets[from as usize].id(), (c, from as usize), (c, k))
                    }));
                },
            );
        }
    }

    /// No customer's tickets wait for `settle`: reads see them in time order.
    pub fn settled(&self) -> bool {
        self.unsorted.is_empty()
    }

    /// Loads history JSON `{ customers?, tickets?, orders?, surveys? }`. A malformed shape is an
    /// error (nothing is loaded); a malformed record is reported and skipped.
    pub fn load_json(&mut self, v: &Value) -> input::Result<LoadReport> {
        let o = object(v, "history")?;
        o.only(&RecordKind::ALL.map(RecordKind::name))?;
        let mut lists: Vec<(RecordKind, &Vec<Value>)> = Vec::new();
        for k in RecordKind::ALL {
            if let Some(a) = o.get(k.name()) {
                lists.push((k, array(a, &format!("history.{}", k.name()))?));
            }
        }
        let mut report = LoadReport::default();
        for (kind, items) in lists {
            for (i, item) in items.iter().enumerate() {
                let path = format!("{}[{i}]", kind.name());
                if let Err(e) = self.load_record(kind, item, &path, &mut report) {
                    report.rejected.push(Rejected {
                        kind: kind.name().to_string(),
                        index: i,
                        field: e.path,
                        reason: e.message,
                    });
                }
            }
        }
        self.settle();
        report.totals = self.counts();
        Ok(report)
    }

    /// Loads history (contract v1) from JSON text, one record at a time: the text is never
    /// held as a tree, so a million records cost the store and little else. The same rules
    /// and report as `load_json`; malformed JSON is an error naming the line, and the records
    /// read before it stay loaded. `JsonImport` takes the same text in chunks.
    pub fn load_json_text(&mut self, text: &str) -> input::Result<LoadReport> {
        let mut imp = JsonImport::default();
        imp.push(self, text)?;
        imp.finish(self, false)
    }

    /// Validates one record of `kind` (`customers`, `tickets`, `orders`, `surveys`) and puts
    /// it in the store; errors name the field under `path`.
    pub fn load_record(
        &mut self,
        kind: RecordKind,
        item: &Value,
        path: &str,
        report: &mut LoadReport,
    ) -> input::Result<()> {
        match kind {
            RecordKind::Customers => records::customer(item, path, &mut self.strings).map(|c| {
                if self.upsert_customer(c, report) {
                    report.added.customers += 1;
                } else {
                    report.updated.customers += 1;
                }
            }),
            RecordKind::Tickets => records::ticket(item, path, &mut self.strings)
                .map(|(r, t)| self.upsert_ticket(r, t, report)),
            RecordKind::Orders => records::order(item, path, &mut self.strings)
                .map(|(r, x)| self.upsert_order(r, x, report)),
            RecordKind::Surveys => {
                records::survey(item, path).map(|(r, s)| self.upsert_survey(r, s, report))
            }
        }
    }
}

/// The order of a customer's tickets: oldest first, ties by id (greater first, so that read
/// backwards the newest come first with ties in id order).
pub fn ticket_order(a: &TicketRecord, b: &TicketRecord) -> std::cmp::Ordering {
    a.created_at.cmp(&b.created_at).then(b.id().cmp(a.id()))
}

/// Puts a record with an id under `owner`: replaces the record with the same id (moving it if
/// it belonged to another customer) or appends it. `index` maps id → (customer, position).
/// Returns whether the record is new, and its position in its customer's list.
fn upsert_by_id<T>(
    customers: &mut [CustomerHistory],
    index: &mut RecordIndex,
    owner: usize,
    record: T,
    list: fn(&mut CustomerHistory) -> &mut Vec<T>,
    read: fn(&CustomerHistory) -> &[T],
    id: fn(&T) -> &str,
) -> (bool, usize, Option<usize>) {
    let key = id(&record);
    let found = {
        let customers = &*customers;
        index.get(key, |c, k| Some(id(read(customers.get(c)?).get(k)?)))
    };
    match found {
        Some((c, k)) if c == owner => {
            list(&mut customers[c])[k] = record;
            (false, k, None)
        }
        Some((c, k)) => {
            // the record moved to another customer: its old copy leaves, the later ones move up
            let to = (owner, read(&customers[owner]).len());
            let old = read(&customers[c]);
            index.relocate(
                old.iter()
                    .enumerate()
                    .skip(k)
                    .map(|(j, r)| (id(r), (c, j), if j == k { to } else { (c, j - 1) })),
            );
            list(&mut customers[c]).remove(k);
            list(&mut customers[owner]).push(record);
            (false, to.1, Some(c))
        }
        None => {
            let to = read(&customers[owner]).len();
            index.insert_new(key, (owner, to));
            list(&mut customers[owner]).push(record);
            (true, to, None)
        }
    }
}

#[cfg(test)]
#[path = "store_tests.rs"]
mod tests;
