//! Outreach: the customers to contact today, before they write (seed 000: proactive check-ins
//! and follow-ups; the detractor nobody called back). Each customer's reasons are additive,
//! with points and the record they stand on, as in an assessment (score = Σ points); each
//! entry comes with a suggested channel and a proactive snippet filled from the history.
//! Customers with an open ticket are left out: they are in the queue already.
//!
//! One pass over the store finds the reasons (cheap facts only); the channel and the snippet,
//! which need the customer's full facts, are worked out for the entries listed.

mod options;
pub mod reasons;

use crate::engine::Engine;
use crate::history::records::CustomerRef;
use crate::history::{facts, CustomerFacts};
use crate::input::Result;
use crate::score::{self, Band, ChannelAdvice};
use crate::seen::Index;
use crate::signals::{Reason, SignalId};
use crate::snippets::{self, FactSheet, FilledSnippet, Snippet, TicketInfo};
use crate::time::MS_PER_DAY;
use reasons::{Cx, Journal};
use serde::Serialize;
use serde_json::Value;

pub use crate::signals::outreach::{default_points, SIGNALS};
pub use options::{instant, required_instant, Options, MAX_LIMIT, MAX_WITHIN};

/// The proactive snippets, one per reason (`category` = the reason's signal id).
pub const LIBRARY: &str = include_str!("../../data/outreach.json");

pub fn library() -> Vec<Snippet> {
    snippets::library(
        &serde_json::from_str(LIBRARY)
            .unwrap_or_else(|e| panic!("data/outreach.json is JSON: {e}")),
        "outreach",
    )
    .unwrap_or_else(|e| {
        panic!("data/outreach.json is a valid library (tests/outreach.rs fills each): {e}")
    })
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Customer {
    pub id: Option<String>,
    pub email: Option<String>,
    pub name: Option<String>,
}

/// One customer to contact.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Outreach {
    /// `outreach:` and the customer's id (or email): give it as `ticketId` to `feedback` when
    /// its snippet is sent, and the engine counts the customer as contacted.
    pub id: String,
    pub customer: Customer,
    /// Exactly the sum of `reasons[].points`.
    pub score: i32,
    /// Largest first.
    pub reasons: Vec<Reason>,
    pub channel: ChannelAdvice,
    /// The proactive snippet for the main reason, filled from the history. Boxed: an entry
    /// of 176 bytes (the snippet inline) made LLVM keep the `Option<Layout>` of every `Vec`'s
    /// deallocation in memory across the whole crate (+37 KB of code, +10.9 KB gzipped,
    /// measured); boxed, an entry is under the size that triggers it. Same JSON.
    pub snippet: Option<Box<FilledSnippet>>,
}

/// Who an entry is for: a customer of the store, or one only the engine's record knows.
enum Who<'a> {
    Stored(usize),
    Seen(&'a crate::seen::Assessed),
}

/// The ranked list at `o.now`.
pub fn outreach(e: &Engine, o: &Options, lib: &[Snippet]) -> Vec<Outreach> {
    let store = e.store();
    let seen = e.seen();
    let cfg = e.config();
    let now = o.now;
    let w = |id: &str| cfg.weight(id);
    let tier_share = |t: &str| cfg.tiers.get(t).copied();
    let analyzer = e.analyzer();
    let topics = |t: &crate::history::records::TicketRecord| {
        t.topics
            .get_or(|| analyzer.topic_mask(&t.topic_text()).unwrap_or(0))
    };
    let cx = Cx {
        now,
        within: o.within,
        weights: &w,
        value_high: cfg.value_high,
        tier_share: &tier_share,
        seen: &seen,
        store,
        topics: &topics,
    };

    // the engine's record by customer: stored ones by index, the others by id or email
    let mut journal: Vec<Journal> = Vec::new();
    let mut others = Index::default();
    let mut other: Vec<(Journal, &crate::seen::Assessed)> = Vec::new();
    if !seen.is_empty() {
        journal = vec![Journal::default(); store.customers.len()];
        let sent = crate::seen::SentByTicket::new(seen.sent.iter());
        let same = |x: &CustomerRef, y: &CustomerRef| e.same_customer(x, y);
        for a in seen.assessed.iter().filter(|a| a.at <= now) {
            if store.resolve(&a.customer).is_none() {
                if let Some(k) = key(&a.customer) {
                    if others.add(k, other.len()) == other.len() {
                        other.push((Journal::default(), a));
                    }
                }
            }
        }
        for a in seen.assessed.iter().filter(|a| a.at <= now) {
            // a ticket assessed again for the same customer (named another way, before the
            // history knew both names were theirs) is advised by its latest record alone
            let latest = seen.is_latest(a, now, &same);
            let solved = store
                .ticket_for(&a.ticket_id, &a.customer)
                .is_some_and(|t| t.solved_at.get().is_some_and(|s| s <= now));
            let open = latest
                && !a.closed
                && !solved
                && sent.on(a, &same).next().is_none()
                && now - a.at <= reasons::QUEUE_DAYS * MS_PER_DAY;
            let due = latest
                && a.due()
                    .is_some_and(|d| d <= now && now - d <= reasons::FOLLOW_UP_DAYS * MS_PER_DAY);
            if let Some(j) = slot(&mut journal, &mut other, &others, store, &a.customer) {
                j.contact = j.contact.max(Some(a.at));
                j.open |= open;
                if due && j.follow_up.is_none_or(|f| f.at < a.at) {
                    j.follow_up = Some(a);
                }
            }
        }
        for c in seen.contacts.iter().filter(|c| c.at <= now) {
            if let Some(j) = slot(&mut journal, &mut other, &others, store, &c.customer) {
                j.contact = j.contact.max(Some(c.at));
            }
        }
    }

    // the best `limit`, kept sorted by score (highest first), then by key: a bounded
    // insertion, so a long list of birthdays is never sorted whole
    let mut top: Ranked = Vec::with_capacity(o.limit + 1);
    for (i, h) in store.customers.iter().enumerate() {
        let j = journal.get(i).copied().unwrap_or_default();
        if let Some(rs) = reasons::reasons(i, h, j, &cx) {
            let k = h.profile.id.clone().or(h.profile.email.clone());
            offer(&mut top, o.limit, rs, k.unwrap_or_default(), Who::Stored(i));
        }
    }
    for (j, a) in &other {
        let quiet = j.contact.is_none_or(|c| c <= a.at);
        if let (false, Some(f), true) = (j.open, j.follow_up, quiet) {
            let k = crate::util::owned(key(&f.customer).unwrap_or_default());
            offer(
                &mut top,
                o.limit,
                vec![reasons::follow_up(f, &cx)],
                k,
                Who::Seen(a),
            );
        }
    }

    top.into_iter()
        .map(|(score, k, who, reasons)| {
            let facts = match who {
                Who::Stored(i) => facts(store.get(i), "", None, now),
                Who::Seen(a) => CustomerFacts {
                    customer_id: a.customer.id.clone(),
                    name: a.name.clone(),
                    ..Default::default()
                },
            };
            let customer = match who {
                Who::Stored(i) => {
                    let p = &store.get(i).profile;
                    Customer {
                        id: p.id.clone(),
                        email: p.email.clone(),
                        name: p.name.clone(),
                    }
                }
                Who::Seen(a) => Customer {
                    id: a.customer.id.clone(),
                    email: a.customer.email.clone(),
                    name: a.name.clone(),
                },
            };
            // a relationship at risk goes to a call when their channel has failed them
            let at_risk = reasons.iter().any(|r| {
                matches!(
                    r.signal,
                    SignalId::OutreachDetractor
                        | SignalId::OutreachLowCsat
                        | SignalId::OutreachUncheckedClose
                )
            });
            let band = if at_risk {
                Band::Critical
            } else {
                Band::Relational
            };
            let channel = score::channel(&facts, None, band);
            let id = format!("outreach:{k}");
            let snippet = fill(lib, &reasons, &facts, &id, &customer, &channel, o, e);
            Outreach {
                id,
                customer,
                score,
                reasons,
                channel,
                snippet,
            }
        })
        .collect()
}

type Ranked<'a> = Vec<(i32, String, Who<'a>, Vec<Reason>)>;

/// Puts a customer's reasons in the list if they rank among the best `limit`.
fn offer<'a>(top: &mut Ranked<'a>, limit: usize, mut rs: Vec<Reason>, k: String, who: Who<'a>) {
    crate::util::sort_by(&mut rs, |a, b| b.points.cmp(&a.points));
    let score = score::total(&mut rs);
    if score <= 0 {
        return;
    }
    let at = top.partition_point(|x| (-x.0, x.1.as_str()) < (-score, k.as_str()));
    if at < limit {
        top.insert(at, (score, k, who, rs));
        top.truncate(limit);
    }
}

/// The engine's record of the customer `r` names: in the store, or among the others.
fn slot<'j, 'a>(
    journal: &'j mut [Journal<'a>],
    other: &'j mut [(Journal<'a>, &'a crate::seen::Assessed)],
    others: &Index,
    store: &crate::history::Store,
    r: &CustomerRef,
) -> Option<&'j mut Journal<'a>> {
    match store.resolve(r) {
        Some(i) => journal.get_mut(i),
        None => {
            let k = others.get(key(r)?)?;
            other.get_mut(k).map(|x| &mut x.0)
        }
    }
}

/// The id, else the email, that names a customer.
fn key(r: &CustomerRef) -> Option<&str> {
    r.id.as_deref().or(r.email.as_deref())
}

/// The proactive snippet of the main reason (the one with the most points), filled.
#[allow(clippy::too_many_arguments)]
fn fill(
    lib: &[Snippet],
    reasons: &[Reason],
    facts: &CustomerFacts,
    id: &str,
    customer: &Customer,
    channel: &ChannelAdvice,
    o: &Options,
    e: &Engine,
) -> Option<Box<FilledSnippet>> {
    let main = reasons
        .iter()
        .filter(|r| r.signal != SignalId::OutreachValue && r.signal != SignalId::Clamp)
        .max_by_key(|r| r.points)?;
    let k = lib.iter().position(|s| *s.category == *main.signal.id())?;
    let info = TicketInfo {
        id,
        subject: None,
        channel: Some(channel.channel.as_str()),
        customer_email: customer.email.as_deref(),
        // an outreach message is about the customer, their latest order included
        last_order_in_view: true,
    };
    let sheet = FactSheet::new(
        facts,
        &info,
        o.agent.as_deref(),
        Band::Relational,
        "",
        None,
        e.config().value_high,
    );
    let signals = crate::text::TextSignals {
        sentiment: Default::default(),
        emotions: Default::default(),
        intent: crate::text::Intent {
            id: String::new(),
            kind: crate::text::Kind::Relational,
            confidence: 0.0,
            alternatives: Vec::new(),
            unsure: true,
        },
        cues: Default::default(),
        matches: Vec::new(),
        routine: 0.0,
        phrases: Default::default(),
        churn_set_aside: Vec::new(),
        situations: 0,
    };
    // (the proactive snippets declare no reply kind: the one given lifts none of them)
    let situation = snippets::Situation::new(
        Band::Relational,
        crate::reply::Reply::PlainAnswer,
        &signals,
        facts,
        0,
        &[],
    );
    let mut filled = snippets::rank(
        &lib[k..=k],
        &situation,
        main.signal.id(),
        &sheet,
        &Default::default(),
        &[],
        1,
        o.html,
    );
    filled.pop().map(Box::new)
}

impl Engine {
    /// `{ now, limit?, within?, agent?, html? }` → the customers to contact, ranked.
    pub fn outreach(&self, options: &Value) -> Result<Vec<Outreach>> {
        self.readable()?;
        Ok(self.outreach_with(&Options::from_json(options)?))
    }

    pub fn outreach_with(&self, o: &Options) -> Vec<Outreach> {
        debug_assert!(
            self.store().settled(),
            "history read between chunks without Engine::settle"
        );
        let list = outreach(self, o, self.outreach_library());
        self.remember_outreach(
            o.now,
            list.iter()
                .map(|x| {
                    let c = CustomerRef {
                        id: x.customer.id.clone(),
                        email: x.customer.email.clone(),
                    };
                    (x.id.clone(), c)
                })
                .collect(),
        );
        list
    }
}
