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
    /// Past tickets opened in the 30 days before `now` (the current one excluded).
    pub contacts_30d: Vec<PastTicket>,
    /// Past tickets in the last 180 days on a topic this ticket shares.
    pub same_topic: Vec<PastTicket>,
    pub birthday_in_days: Option<i64>,
    pub anniversary_in_days: Option<i64>,
    /// Years as a customer at the coming anniversary.
    pub anniversary_years: Option<i64>,
    /// Set when the latest order (within 30 days) is a milestone: the 10th, 25th, 50th, 100th…
    pub milestone_order: Option<usize>,
    pub channels: Vec<ChannelStat>,
}

const MILESTONES: &[usize] = &[10, 25, 50, 100, 250, 500, 1000];

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
    let orders: Vec<_> = h.orders.iter().filter(|o| o.at <= now).collect();
    let first_order = orders.iter().map(|o| o.at).min();
    let since = p.since.filter(|s| *s <= now).or(first_order);
    f.tenure_days = since.map(|s| (now - s).div_euclid(MS_PER_DAY));
    f.since = since.map(format_date);
    f.order_count = orders.len();
    let summed: f64 = orders.iter().filter_map(|o| o.total).sum();
    f.lifetime_value = match p.lifetime_value {
        Some(v) => Some(v),
        None if orders.iter().any(|o| o.total.is_some()) => {
            f.lifetime_value_from_orders = true;
            Some(summed)
        }
        None => None,
    };
    if let Some(last) = orders
        .iter()
        .max_by(|a, b| a.at.cmp(&b.at).then(a.id.cmp(&b.id)))
    {
        f.last_order = Some(OrderRef {
            id: last.id.clone(),
            date: format_date(last.at),
            items: last.items.clone(),
            total: last.total,
            currency: last.currency.clone(),
        });
        if now - last.at <= 30 * MS_PER_DAY && MILESTONES.contains(&orders.len()) {
            f.milestone_order = Some(orders.len());
        }
    }

    // CSAT from tickets and CSAT surveys: the latest answer counts; at the same moment a
    // ticket's before a survey's, and of two tickets the greater id (the order of their
    // sources as text, "CSAT survey" < "ticket …")
    let ticket_csat = h
        .tickets
        .iter()
        .filter(|t| t.created_at <= now && t.id != current_ticket_id)
        .filter_map(|t| Some((t.solved_at.unwrap_or(t.created_at).min(now), t.csat?, t)))
        .max_by(|a, b| a.0.cmp(&b.0).then(a.2.id.cmp(&b.2.id)));
    let survey_csat = h
        .surveys
        .iter()
        .filter(|s| s.kind == SurveyKind::Csat && s.at <= now)
        .max_by_key(|s| s.at);
    f.last_csat = match (ticket_csat, survey_csat) {
        (Some((at, c, t)), s) if s.is_none_or(|s| s.at <= at) => {
            Some((at, c, format!("ticket {}", t.id)))
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
    // the store keeps tickets oldest first (`CustomerHistory::tickets`): those up to `now`
    // are a prefix, the last 180 days the end of it, read backwards for newest first
    let upto = h.tickets.partition_point(|t| t.created_at <= now);
    let previous = &h.tickets[..upto];
    let is_past = |t: &&super::records::TicketRecord| t.id != current_ticket_id;
    f.previous_ticket = previous.iter().rev().find(is_past).map(past);
    let from = previous.partition_point(|t| now - t.created_at > 180 * MS_PER_DAY);
    let recent = || previous[from..].iter().rev().filter(is_past);
    f.contacts_30d = recent()
        .take_while(|t| now - t.created_at <= 30 * MS_PER_DAY)
        .map(past)
        .collect();
    if let Some(same_topic) = same_topic {
        f.same_topic = recent().filter(|t| same_topic(t)).map(past).collect();
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

    // contacts per channel, in the order channels first appear
    let mut by_channel: Vec<(&str, Vec<&super::records::TicketRecord>)> = Vec::new();
    let mut slot: crate::util::FastMap<String, usize> = Default::default();
    for t in previous.iter().filter(is_past) {
        if let Some(c) = t.channel.as_deref() {
            let k = match slot.get(c) {
                Some(&k) => k,
                None => {
                    slot.insert(c.to_string(), by_channel.len());
                    by_channel.push((c, Vec::new()));
                    by_channel.len() - 1
                }
            };
            by_channel[k].1.push(t);
        }
    }
    f.channels = by_channel
        .into_iter()
        .map(|(channel, ts)| {
            let cs: Vec<f64> = ts.iter().filter_map(|t| t.csat).collect();
            let ds: Vec<f64> = ts.iter().filter_map(|t| t.duration_seconds).collect();
            ChannelStat {
                channel: channel.to_string(),
                contacts: ts.len(),
                mean_csat: (!cs.is_empty())
                    .then(|| crate::util::round2(cs.iter().sum::<f64>() / cs.len() as f64)),
                mean_duration_seconds: (!ds.is_empty())
                    .then(|| (ds.iter().sum::<f64>() / ds.len() as f64).round()),
            }
        })
        .collect();
    crate::util::sort_long_by(&mut f.channels, |a, b| {
        b.contacts.cmp(&a.contacts).then(a.channel.cmp(&b.channel))
    });
    f
}

/// One past ticket as evidence (not inlined: it is built in three places, once per list).
#[inline(never)]
fn past_ticket(t: &super::records::TicketRecord, now: i64) -> PastTicket {
    PastTicket {
        id: t.id.clone(),
        subject: t.subject.clone(),
        created_at: format_date(t.created_at),
        solved_at: t.solved_at.filter(|s| *s <= now).map(format_date),
        csat: t.csat,
    }
}
