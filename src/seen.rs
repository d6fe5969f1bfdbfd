//! What this engine has seen, kept locally: the assessments it made (band, intent and the
//! follow-up each advised), the snippets agents sent from them (feedback "inserted" or
//! "edited"), and the customers contacted from the outreach list.
//!
//! Outreach reads it for follow-ups that fall due, for tickets still in the queue and for
//! contacts the loaded history does not know yet; insights reads it for the band of each
//! ticket and whether a snippet of the advised tone was sent. It is part of what the engine
//! learned, so it is exported, imported and forgotten with the snippet rankings
//! (`exportLearning`, `importLearning`, `resetLearning`): its rows carry a `record` field,
//! which the ranking rows do not have.

use crate::history::records::CustomerRef;
use crate::score::{Band, FollowUp};
use crate::snippets::Tone;
use crate::text::Kind;
use crate::util::FastMap;

/// Assessments kept; beyond, the oldest tenth is let go at once (an export of this many rows
/// is a few MB, which browser storage holds).
pub const MAX_ASSESSED: usize = 20_000;
/// Snippets sent and outreach contacts kept, each.
pub const MAX_SENT: usize = 20_000;

#[derive(Debug, Clone, PartialEq)]
pub struct Assessed {
    pub ticket_id: String,
    pub customer: CustomerRef,
    pub name: Option<String>,
    /// The `now` it was assessed at.
    pub at: i64,
    pub score: i32,
    pub band: Band,
    pub intent: String,
    pub kind: Kind,
    pub unsure: bool,
    pub follow_up: Option<FollowUp>,
    /// The ticket's status said it was solved or closed when it was assessed.
    pub closed: bool,
}

impl Assessed {
    /// When the advised follow-up falls due.
    pub fn due(&self) -> Option<i64> {
        self.follow_up
            .as_ref()
            .map(|f| self.at + f.in_days as i64 * crate::time::MS_PER_DAY)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Sent {
    pub ticket_id: String,
    /// Whose ticket it was: named by the feedback, else the customer of the ticket's latest
    /// assessment (empty: not known, and read as any customer's ticket of that number).
    pub customer: CustomerRef,
    pub snippet_id: String,
    /// The snippet's tone, looked up in the library when it was sent (`None`: not in it).
    pub tone: Option<Tone>,
    pub edited: bool,
    pub at: Option<i64>,
}

/// A customer contacted from the outreach list (a snippet of an entry sent).
#[derive(Debug, Clone, PartialEq)]
pub struct Contact {
    pub customer: CustomerRef,
    pub at: i64,
}

/// Strings to positions (0, 1, 2… as first seen). One wrapper around the map the store
/// already uses, its operations kept out of line: inlined at each use, a map operation costs
/// about a kilobyte of WebAssembly, and the .wasm has little room left (README, Speed and size).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Index(FastMap<String, usize>);

impl Index {
    #[inline(never)]
    pub fn get(&self, k: &str) -> Option<usize> {
        self.0.get(k).copied()
    }

    /// The position of `k`, given `next` if it is new.
    #[inline(never)]
    pub fn add(&mut self, k: &str, next: usize) -> usize {
        match self.0.get(k) {
            Some(&i) => i,
            None => {
                self.0.insert(k.to_string(), next);
                next
            }
        }
    }

    #[inline(never)]
    pub fn set(&mut self, k: &str, v: usize) {
        self.0.insert(k.to_string(), v);
    }

    pub fn clear(&mut self) {
        self.0.clear();
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Seen {
    pub assessed: Vec<Assessed>,
    /// Ticket id → position in `assessed` of its latest record. A ticket assessed again for
    /// the same customer replaces its record (the latest advice is the one that stands); the
    /// same id on another customer's ticket (two desks both at #1001) is another record.
    index: Index,
    /// Per record, the position of the one before it with the same ticket id (`usize::MAX`:
    /// none): the chain `index` starts.
    earlier: Vec<usize>,
    pub sent: Vec<Sent>,
    pub contacts: Vec<Contact>,
}

/// Whether two references name one customer.
pub type Same<'a> = &'a dyn Fn(&CustomerRef, &CustomerRef) -> bool;

/// Whether two references name the same customer: by id when both have one, else by email
/// when both have one; two with neither (a sender the page did not show) count as one.
pub fn same_customer(a: &CustomerRef, b: &CustomerRef) -> bool {
    match (&a.id, &b.id, &a.email, &b.email) {
        (Some(x), Some(y), _, _) => x == y,
        (_, _, Some(x), Some(y)) => x == y,
        (None, None, None, None) => true,
        _ => false,
    }
}

/// The snippets sent, by ticket number: outreach and insights ask which were sent on one
/// record's ticket (two desks' #1001 told apart by customer).
pub struct SentByTicket<'a> {
    index: Index,
    lists: Vec<Vec<&'a Sent>>,
}

impl<'a> SentByTicket<'a> {
    pub fn new(sent: impl Iterator<Item = &'a Sent>) -> Self {
        let (mut index, mut lists) = (Index::default(), Vec::<Vec<&Sent>>::new());
        for s in sent {
            let k = index.add(&s.ticket_id, lists.len());
            if k == lists.len() {
                lists.push(Vec::new());
            }
            lists[k].push(s);
        }
        SentByTicket { index, lists }
    }

    /// The snippets sent on the ticket of record `a`: the same number, and the same customer
    /// (`same`) unless either names none (a sender the page did not show, an export of before
    /// session 53), when the number alone says it.
    pub fn on<'s>(
        &'s self,
        a: &'s Assessed,
        same: Same<'s>,
    ) -> impl Iterator<Item = &'a Sent> + 's {
        let list = self
            .index
            .get(&a.ticket_id)
            .map_or(&[][..], |k| &self.lists[k][..]);
        list.iter().copied().filter(move |s| {
            s.customer.names_no_one() || a.customer.names_no_one() || same(&s.customer, &a.customer)
        })
    }
}

/// Puts record `i` of ticket `ticket` at the head of its chain (`Seen::earlier`), the one
/// before it behind it.
fn link(index: &mut Index, earlier: &mut Vec<usize>, ticket: &str, i: usize) {
    earlier.push(index.get(ticket).unwrap_or(usize::MAX));
    index.set(ticket, i);
}

impl Seen {
    pub fn assessed(&mut self, a: Assessed) {
        self.assessed_by(a, &same_customer)
    }

    /// Records an assessment, `same` telling whether two references are one customer (the
    /// engine's also asks its history, which knows an id and an address as one person).
    pub fn assessed_by(&mut self, a: Assessed, same: Same) {
        // the records of this ticket that are this customer's: the oldest takes the new one,
        // any other goes (the same customer named by id once and by email once, then by both)
        let mine = |s: &Self, i: usize| same(&s.assessed[i].customer, &a.customer);
        let (mut oldest, mut more) = (None, false);
        for i in self.chain(&a.ticket_id) {
            if mine(self, i) {
                more |= oldest.is_some();
                oldest = Some(i);
            }
        }
        if let Some(keep) = oldest {
            if more {
                let doomed: Vec<usize> = self
                    .chain(&a.ticket_id)
                    .filter(|&i| i != keep && mine(self, i))
                    .collect();
                // positions descending along the chain: each removal leaves the rest in place
                for i in doomed {
                    self.assessed.remove(i);
                }
                self.reindex();
            }
            self.assessed[keep] = a;
            return;
        }
        if self.assessed.len() >= MAX_ASSESSED {
            // by the time it was assessed, so the oldest advice goes first. A merge sort: 40,000
            // rows imported latest first took 23.1 s with the insertion sort, 67 ms with this
            // (release, `cargo run --release -p rapport-tools --example seen_import_desc`)
            crate::util::sort_long_by(&mut self.assessed, |x, y| x.at.cmp(&y.at), |_, _| {});
            self.assessed.drain(..MAX_ASSESSED / 10);
            self.reindex();
        }
        link(
            &mut self.index,
            &mut self.earlier,
            &a.ticket_id,
            self.assessed.len(),
        );
        self.assessed.push(a);
    }

    fn reindex(&mut self) {
        self.index.clear();
        self.earlier.clear();
        for (i, a) in self.assessed.iter().enumerate() {
            link(&mut self.index, &mut self.earlier, &a.ticket_id, i);
        }
    }

    /// The latest record (by the time it was made) of ticket `ticket_id` that `of` accepts
    /// (whose customer it is, made by when): the same ticket id can be two customers'
    /// tickets, and one's advice is never the other's.
    pub fn get(&self, ticket_id: &str, of: impl Fn(&Assessed) -> bool) -> Option<&Assessed> {
        let mut best: Option<&Assessed> = None;
        for a in self.chain(ticket_id).map(|i| &self.assessed[i]) {
            if of(a) && best.is_none_or(|b| a.at > b.at) {
                best = Some(a);
            }
        }
        best
    }

    /// Whether `a` (one of these records) is its customer's latest record of its ticket by
    /// `now`. Two records of one ticket made before the history knew that an id and an address
    /// are one person stay two until one is written again; outreach and insights read the
    /// latest alone, so one ticket is not advised or counted twice.
    pub fn is_latest(&self, a: &Assessed, now: i64, same: Same) -> bool {
        self.get(&a.ticket_id, |l| {
            l.at <= now && same(&l.customer, &a.customer)
        })
        .is_none_or(|l| std::ptr::eq(l, a))
    }

    /// The positions of ticket `ticket_id`'s records, latest put in first.
    fn chain(&self, ticket_id: &str) -> impl Iterator<Item = usize> + '_ {
        let next = |&i: &usize| self.earlier.get(i).copied().filter(|&k| k != usize::MAX);
        std::iter::successors(self.index.get(ticket_id), next).filter(|&i| i < self.assessed.len())
    }

    pub fn sent(&mut self, s: Sent) {
        if self.sent.len() >= MAX_SENT {
            self.sent.drain(..MAX_SENT / 10);
        }
        self.sent.push(s);
    }

    pub fn contacted(&mut self, c: Contact) {
        if self.contacts.len() >= MAX_SENT {
            self.contacts.drain(..MAX_SENT / 10);
        }
        self.contacts.push(c);
    }

    pub fn is_empty(&self) -> bool {
        self.assessed.is_empty() && self.sent.is_empty() && self.contacts.is_empty()
    }

    pub fn len(&self) -> usize {
        self.assessed.len() + self.sent.len() + self.contacts.len()
    }
}

#[path = "seen_rows.rs"]
mod rows;
pub use rows::{iso, SeenRow, SeenRows};

#[cfg(test)]
#[path = "seen_tests.rs"]
mod tests;
