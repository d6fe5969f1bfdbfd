//! CustomerFacts: what the history says about one customer at the moment `now` — value,
//! health, recurrence, moments and channel preference. Records dated after `now` are ignored,
//! so an assessment at a given `now` is reproducible.

use super::records::SurveyKind;
use super::store::CustomerHistory;
use crate::time::{days_until_yearly, format_date, MS_PER_DAY};
use serde::Serialize;
use std::rc::Rc;

/// One past ticket cited as evidence.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PastTicket {
    pub id: String,
    pub subject: Option<String>,
    pub created_at: String,
    pub solved_at: Option<String>,
    pub csat: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OrderRef {
    pub id: String,
    pub date: String,
    pub items: Vec<Rc<str>>,
    pub total: Option<f64>,
    pub currency: Option<Rc<str>>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rating {
    pub score: f64,
    /// The record it comes from: `ticket h2`, `CSAT survey`, `NPS survey`.
    pub source: String,
    pub date: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ChannelStat {
    pub channel: String,
    pub contacts: usize,
    pub mean_csat: Option<f64>,
    pub mean_duration_seconds: Option<f64>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CustomerFacts {
    pub known: bool,
    pub customer_id: Option<String>,
    pub name: Option<String>,
    pub tier: Option<Rc<str>>,
    pub tenure_days: Option<i64>,
    /// Customer since (ISO date): the profile's date, or the first order's.
    pub since: Option<String>,
    pub lifetime_value: Option<f64>,
    /// Whether the lifetime value was given or summed from orders.
    pub lifetime_value_from_orders: bool,
    pub order_count: usize,
    pub last_order: Option<OrderRef>,
    /// The latest CSAT answer (1..5).
    pub last_csat: Option<Rating>,
    /// The latest NPS answer (0..10) and the one before it.
    pub nps: Option<Rating>,
    pub nps_previous: Option<f64>,
    /// The most recent earlier ticket (any age).
    pub previous_ticket: Option<PastTicket>,
    /// Past tickets opened in the 30 days before `now` (the current one excluded), newest
    /// first: the latest `LISTED` of them (a large account has hundreds).
    pub contacts_30d: Vec<PastTicket>,
    /// How many past tickets were opened in those 30 days: all of them, listed or not.
    pub contacts_30d_count: usize,
    /// Past tickets in the last 180 days on a topic this ticket shares, newest first: the
    /// latest `LISTED` of them.
    pub same_topic: Vec<PastTicket>,
    /// How many past tickets in those 180 days share a topic: all of them, listed or not.
    pub same_topic_count: usize,
    pub birthday_in_days: Option<i64>,
    pub anniversary_in_days: Option<i64>,
    /// Years as a customer at the coming anniversary.
    pub anniversary_years: Option<i64>,
    /// Set when the latest order (within 30 days) is a milestone: the 10th, 25th, 50th, 100th…
    pub milestone_order: Option<usize>,
    pub channels: Vec<ChannelStat>,
}

const MILESTONES: &[usize] = &[10, 25, 50, 100, 250, 500, 1000];

/// How many tickets `contacts_30d` and `same_topic` list: the newest, beside the count of all.
/// A B2B account or a relay address has hundreds of contacts a month; listing each in every
/// assessment cost more than the assessment itself (issue 15), and the reasons cite at most 3.
pub const LISTED: usize = 20;

/// `same_topic` tells whether a past ticket shares a topic with the current one (`None`: the
/// current ticket has no topic).
pub fn facts(
    h: &CustomerHistory,
    current_ticket_id: &str,
    same_topic: Option<&dyn Fn(&super::records::TicketRecord) -> bool>,
    now: i64,
) -> CustomerFacts {
    let p = &h.profile;
    let mut f = CustomerFacts {
        known: true,
        customer_id: p.id.clone(),
        name: p.name.clone(),
        tier: p.tier.clone(),
        ..Default::default()
    };
    // the orders up to `now` in one pass (a large account has tens of thousands): how many,
    // the first, the sum of their totals in record order, and the latest (of one moment, the
    // greatest id; ids are compared only on such a tie)
    let (mut count, mut summed, mut totalled) = (0usize, 0.0f64, false);
    let mut first_order: Option<i64> = None;
    let mut latest: Option<&super::records::OrderRecord> = None;
    for o in h.orders.iter().filter(|o| o.at <= now) {
        count += 1;
        if let Some(t) = o.total {
            summed += t;
            totalled = true;
        }
        first_order = Some(first_order.map_or(o.at, |f| f.min(o.at)));
        if latest.is_none_or(|l| o.at.cmp(&l.at).then_with(|| o.id.cmp(&l.id)).is_ge()) {
            latest = Some(o);
        }
    }
    let since = p.since.filter(|s| *s <= now).or(first_order);
    f.tenure_days = since.map(|s| (now - s).div_euclid(MS_PER_DAY));
    f.since = since.map(format_date);
    f.order_count = count;
    f.lifetime_value = match p.lifetime_value {
        Some(v) => Some(v),
        None if totalled => {
            f.lifetime_value_from_orders = true;
            Some(summed)
        }
        None => None,
    };
    if let Some(last) = latest {
        f.last_order = Some(OrderRef {
            id: last.id.clone(),
            date: format_date(last.at),
            items: last.items.clone(),
            total: last.total,
            currency: last.currency.clone(),
        });
        if now - last.at <= 30 * MS_PER_DAY && MILESTONES.contains(&count) {
            f.milestone_order = Some(count);
        }
    }

    // the store keeps tickets oldest first (`CustomerHistory::tickets`): those up to `now`
    // are a prefix
    let upto = h.tickets.partition_point(|t| t.created_at <= now);
    let previous = &h.tickets[..upto];
    let is_past = |t: &&super::records::TicketRecord| t.id() != current_ticket_id;

    // CSAT from tickets and CSAT surveys: the latest answer counts; at the same moment a
    // ticket's before a survey's, and of two tickets the greater id (the order of their
    // sources as text, "CSAT survey" < "ticket …"), compared only on such a tie
    let ticket_csat = previous
        .iter()
        .filter_map(|t| {
            Some((
                t.solved_at.get().unwrap_or(t.created_at).min(now),
                t.csat.get()?,
                t,
            ))
        })
        .filter(|x| is_past(&x.2))
        .max_by(|a, b| a.0.cmp(&b.0).then_with(|| a.2.id().cmp(b.2.id())));
    let survey_csat = h
        .surveys
        .iter()
        .filter(|s| s.kind == SurveyKind::Csat && s.at <= now)
        .max_by_key(|s| s.at);
    f.last_csat = match (ticket_csat, survey_csat) {
        (Some((at, c, t)), s) if s.is_none_or(|s| s.at <= at) => {
            Some((at, c, format!("ticket {}", t.id())))
        }
        (_, Some(s)) => Some((s.at, s.score, "CSAT survey".to_string())),
        _ => None,
    }
    .map(|(at, score, source)| Rating {
        score,
        source,
        date: format_date(at),
    });

    // the latest NPS answer and the one before, as the last two of a stable sort by time
    let (mut last, mut before) = (None, None);
    for s in h.surveys.iter() {
        if s.kind != SurveyKind::Nps || s.at > now {
            continue;
        }
        if last.is_none_or(|l: &super::records::SurveyRecord| s.at >= l.at) {
            before = last.replace(s);
        } else if before.is_none_or(|b: &super::records::SurveyRecord| s.at >= b.at) {
            before = Some(s);
        }
    }
    if let Some(last) = last {
        f.nps = Some(Rating {
            score: last.score,
            source: "NPS survey".into(),
            date: format_date(last.at),
        });
        f.nps_previous = before.map(|b| b.score);
    }

    let past = |t: &super::records::TicketRecord| past_ticket(t, now);
    // the last 180 days are the end of `previous`, read backwards for newest first; every one
    // is counted, the newest `LISTED` listed
    f.previous_ticket = previous.iter().rev().find(is_past).map(past);
    let from = previous.partition_point(|t| now - t.created_at > 180 * MS_PER_DAY);
    let recent = || previous[from..].iter().rev().filter(is_past);
    for t in recent().take_while(|t| now - t.created_at <= 30 * MS_PER_DAY) {
        if f.contacts_30d_count < LISTED {
            f.contacts_30d.push(past(t));
        }
        f.contacts_30d_count += 1;
    }
    if let Some(same_topic) = same_topic {
        for t in recent().filter(|t| same_topic(t)) {
            if f.same_topic_count < LISTED {
                f.same_topic.push(past(t));
            }
            f.same_topic_count += 1;
        }
    }

    f.birthday_in_days = p.birthday.map(|b| days_until_yearly(b, now));
    if let Some(s) = since {
        let d = days_until_yearly(s, now);
        let years = (now + d * MS_PER_DAY - s) / (365 * MS_PER_DAY + MS_PER_DAY / 4);
        if years >= 1 {
            f.anniversary_in_days = Some(d);
            f.anniversary_years = Some(years);
        }
    }

    // contacts per channel, in the order channels first appear, in one pass over every past
    // ticket: sums in record order, the channel's slot found by the shared string's address
    // among the first few channels (a store's channels are a handful, shared by
    // `util::Interner`), else by name
    struct Acc<'a> {
        channel: &'a str,
        contacts: usize,
        csat: (f64, usize),
        duration: (f64, usize),
    }
    let mut by_channel: Vec<Acc> = Vec::new();
    let mut slot: crate::util::FastMap<String, usize> = Default::default();
    let mut seen: Vec<(*const u8, usize)> = Vec::new();
    for t in previous.iter().filter(is_past) {
        let Some(c) = t.channel.as_deref() else {
            continue;
        };
        let at = c.as_ptr();
        let k = match seen.iter().find(|s| s.0 == at) {
            Some(&(_, k)) => k,
            None => {
                let k = match slot.get(c) {
                    Some(&k) => k,
                    None => {
                        slot.insert(c.to_string(), by_channel.len());
                        by_channel.push(Acc {
                            channel: c,
                            contacts: 0,
                            csat: (0.0, 0),
                            duration: (0.0, 0),
                        });
                        by_channel.len() - 1
                    }
                };
                if seen.len() < 8 {
                    seen.push((at, k));
                }
                k
            }
        };
        let a = &mut by_channel[k];
        a.contacts += 1;
        if let Some(x) = t.csat.get() {
            a.csat = (a.csat.0 + x, a.csat.1 + 1);
        }
        if let Some(x) = t.duration_seconds.get() {
            a.duration = (a.duration.0 + x, a.duration.1 + 1);
        }
    }
    f.channels = by_channel
        .into_iter()
        .map(|a| ChannelStat {
            channel: a.channel.to_string(),
            contacts: a.contacts,
            mean_csat: (a.csat.1 > 0).then(|| crate::util::round2(a.csat.0 / a.csat.1 as f64)),
            mean_duration_seconds: (a.duration.1 > 0)
                .then(|| (a.duration.0 / a.duration.1 as f64).round()),
        })
        .collect();
    crate::util::sort_long_by(
        &mut f.channels,
        |a, b| b.contacts.cmp(&a.contacts).then(a.channel.cmp(&b.channel)),
        |_, _| {},
    );
    f
}

/// One past ticket as evidence (not inlined: it is built in three places, once per list).
#[inline(never)]
fn past_ticket(t: &super::records::TicketRecord, now: i64) -> PastTicket {
    PastTicket {
        id: t.id().to_string(),
        subject: t.subject().map(str::to_string),
        created_at: format_date(t.created_at),
        solved_at: t.solved_at.get().filter(|s| *s <= now).map(format_date),
        csat: t.csat.get(),
    }
}
