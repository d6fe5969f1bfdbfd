//! Contact reasons: why customers wrote in the period, as intents and topics, each bucketed
//! transactional or relational, beside the previous period of the same length (seed 003: list
//! the reasons, bucket them, route the relational ones in-house).
//!
//! A ticket this engine assessed keeps the intent read from its whole thread; any other is
//! read from its subject and tags (each distinct text once). Topics come from the subject and
//! tags (`data/topics.txt`). An intent read without confidence is counted as `unclear` rather
//! than guessed.

use super::Options;
use crate::engine::Engine;
use crate::seen::Index;
use crate::seen::Seen;
use crate::text::Kind;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReasonCount {
    pub id: String,
    /// `transactional`, `relational` or `unclear`.
    pub bucket: &'static str,
    /// Tickets in the period, and in the previous period of the same length.
    pub count: usize,
    pub previous: usize,
    pub change: i64,
    /// `up`, `down`, `flat`, `new` (none before) or `gone` (none now).
    pub trend: &'static str,
    /// The change in percent of the previous count (absent when there was none).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub change_pct: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ContactReasons {
    /// Tickets opened in the period (known to the history or assessed here), and before.
    pub tickets: usize,
    pub previous_tickets: usize,
    /// The two buckets (and `unclear`): tickets by the kind of their intent.
    pub buckets: Vec<ReasonCount>,
    /// Most frequent first.
    pub intents: Vec<ReasonCount>,
    /// A topic is relational when most of its period's tickets have a relational intent.
    pub topics: Vec<ReasonCount>,
    /// Tickets with nothing to read an intent from (no subject, no tags, not assessed here).
    pub unread: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub no_data: Option<String>,
}

/// Counts of one reason: this period, the previous one, and (this period) how many of its
/// tickets had a sure intent and how many of those were relational.
#[derive(Default, Clone, Copy)]
struct Tally {
    count: usize,
    previous: usize,
    sure: usize,
    relational: usize,
}

impl Tally {
    fn add(&mut self, current: bool, kind: Option<Kind>) {
        if !current {
            self.previous += 1;
            return;
        }
        self.count += 1;
        if let Some(k) = kind {
            self.sure += 1;
            self.relational += (k == Kind::Relational) as usize;
        }
    }
}

fn bucket_of(k: Option<Kind>) -> &'static str {
    match k {
        Some(Kind::Transactional) => "transactional",
        Some(Kind::Relational) => "relational",
        None => "unclear",
    }
}

fn row(id: String, bucket: &'static str, t: Tally) -> ReasonCount {
    let change = t.count as i64 - t.previous as i64;
    ReasonCount {
        id,
        bucket,
        count: t.count,
        previous: t.previous,
        change,
        trend: match (t.previous, t.count) {
            (0, 0) => "flat",
            (0, _) => "new",
            (_, 0) => "gone",
            _ if change > 0 => "up",
            _ if change < 0 => "down",
            _ => "flat",
        },
        change_pct: (t.previous > 0)
            .then(|| (1000.0 * change as f64 / t.previous as f64).round() / 10.0),
    }
}

/// Most frequent first, then by name.
fn sorted(mut v: Vec<ReasonCount>) -> Vec<ReasonCount> {
    crate::util::sort_by(&mut v, |a, b| {
        b.count
            .cmp(&a.count)
            .then(b.previous.cmp(&a.previous))
            .then(a.id.cmp(&b.id))
    });
    v
}

pub fn contact_reasons(e: &Engine, seen: &Seen, o: &Options) -> ContactReasons {
    let (store, text, now) = (e.store(), e.analyzer(), o.now);
    let start = o.from - (o.to - o.from);
    let in_range = |at: i64| at >= start && at < o.to && at <= now;
    // intent id → tally; `None` kind: unsure
    let mut intent_ix = Index::default();
    let mut intents: Vec<(String, Option<Kind>, Tally)> = Vec::new();
    let labels = &text.topics.labels;
    let mut topics = vec![Tally::default(); labels.len()];
    let mut buckets = [Tally::default(); 3];
    // what a subject reads as, each distinct text once
    let mut read_ix = Index::default();
    let mut read: Vec<(String, Option<Kind>)> = Vec::new();
    let (mut tickets, mut previous_tickets, mut unread) = (0, 0, 0);

    let mut count = |current: bool, intent: Option<(&str, Option<Kind>)>, mask: u32| {
        if current {
            tickets += 1;
        } else {
            previous_tickets += 1;
        }
        let kind = intent.and_then(|x| x.1);
        match intent {
            None => unread += current as usize,
            Some((id, k)) => {
                let id = if k.is_some() { id } else { "unclear" };
                let i = intent_ix.add(id, intents.len());
                if i == intents.len() {
                    intents.push((crate::util::owned(id), k, Tally::default()));
                }
                intents[i].2.add(current, k);
                buckets[match k {
                    Some(Kind::Transactional) => 0,
                    Some(Kind::Relational) => 1,
                    None => 2,
                }]
                .add(current, k);
            }
        }
        for (b, t) in topics.iter_mut().enumerate() {
            if mask & (1 << b) != 0 {
                t.add(current, kind);
            }
        }
    };

    for (i, h) in store.customers.iter().enumerate() {
        for t in h.tickets.iter().filter(|t| in_range(t.created_at)) {
            let current = t.created_at >= o.from;
            let mask = t
                .topics
                .get_or(|| text.topic_mask(&t.topic_text()).unwrap_or(0));
            let intent = match seen.get(t.id(), |a| store.may_be(i, &a.customer)) {
                Some(a) => Some((a.intent.as_str(), (!a.unsure).then_some(a.kind))),
                None => {
                    let words = t.topic_text();
                    if words.trim().is_empty() {
                        None
                    } else {
                        let k = read_ix.add(&words, read.len());
                        if k == read.len() {
                            let i = text.analyze(&words).intent;
                            read.push((i.id, (!i.unsure).then_some(i.kind)));
                        }
                        Some((read[k].0.as_str(), read[k].1))
                    }
                }
            };
            count(current, intent, mask);
        }
    }
    // tickets assessed here that the history does not hold as that customer's (the open queue,
    // a desk with no export loaded, another desk's ticket of the same number)
    for a in seen
        .assessed
        .iter()
        .filter(|a| in_range(a.at) && store.ticket_for(&a.ticket_id, &a.customer).is_none())
        .filter(|a| seen.is_latest(a, o.now, &|x, y| e.same_customer(x, y)))
    {
        let kind = (!a.unsure).then_some(a.kind);
        count(a.at >= o.from, Some((a.intent.as_str(), kind)), 0);
    }

    let majority = |t: &Tally| {
        if t.sure == 0 {
            None
        } else if 2 * t.relational > t.sure {
            Some(Kind::Relational)
        } else {
            Some(Kind::Transactional)
        }
    };
    let topic_rows = labels
        .iter()
        .zip(&topics)
        .filter(|(_, t)| t.count + t.previous > 0)
        .map(|(l, t)| row(l.clone(), bucket_of(majority(t)), *t))
        .collect();
    ContactReasons {
        tickets,
        previous_tickets,
        buckets: ["transactional", "relational", "unclear"]
            .iter()
            .zip(buckets)
            .map(|(b, t)| row(crate::util::owned(b), b, t))
            .collect(),
        intents: sorted(
            intents
                .into_iter()
                .map(|(id, k, t)| row(id, bucket_of(k), t))
                .collect(),
        ),
        topics: sorted(topic_rows),
        unread,
        no_data: (tickets == 0).then(|| crate::util::owned("no tickets in this period")),
    }
}
