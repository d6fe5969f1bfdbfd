//! What followed each ticket this engine assessed in the period: the snippets sent on it
//! (which tone), its CSAT, whether the customer came back within 30 days, and their next NPS
//! answer. Grouped by moment caught or missed, by band and by route.
//!
//! A window still open at `now` is pending, not a "no": a ticket assessed last week has not
//! had its 30 days to come back, and counting it as "no repeat" would flatter the rate.

use super::{Options, CSAT_DAYS, NPS_DAYS, REPEAT_DAYS};
use crate::engine::Engine;
use crate::history::records::{CustomerRef, SurveyKind};
use crate::score::Band;
use crate::seen::Index;
use crate::seen::Seen;
use crate::snippets::Tone;
use crate::time::MS_PER_DAY;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Outcome<T> {
    Known(T),
    /// Not yet: its window is still open at `now`.
    Pending,
    /// Its window closed without one.
    Missing,
}

/// One assessed ticket of the period.
#[derive(Debug, Clone, PartialEq)]
pub struct Slice {
    pub at: i64,
    pub band: Band,
    /// Tones of the snippets sent on it: bit 0 concise, 1 personal, 2 ownership, 3 a snippet
    /// the library no longer holds.
    pub tones: u8,
    pub csat: Outcome<f64>,
    pub repeat: Outcome<bool>,
    pub nps: Outcome<f64>,
}

fn tone_bit(t: Option<Tone>) -> u8 {
    match t {
        Some(Tone::Concise) => 1,
        Some(Tone::Personal) => 2,
        Some(Tone::Ownership) => 4,
        None => 8,
    }
}

fn advised(b: Band) -> u8 {
    tone_bit(Some(match b {
        Band::Transactional => Tone::Concise,
        Band::Relational => Tone::Personal,
        Band::Critical => Tone::Ownership,
    }))
}

/// The assessed tickets of the period with their outcomes.
pub fn slices(e: &Engine, seen: &Seen, o: &Options) -> Vec<Slice> {
    let (store, now) = (e.store(), o.now);
    // a slice takes the tones of the snippets sent on its own customer's ticket
    let sent =
        crate::seen::SentByTicket::new(seen.sent.iter().filter(|s| s.at.is_none_or(|a| a <= now)));
    let same = |x: &CustomerRef, y: &CustomerRef| e.same_customer(x, y);
    // the assessments of each customer (stored ones as `#index`), to see a repeat the history
    // does not hold yet
    let who = |a: &crate::seen::Assessed| match store.resolve(&a.customer) {
        Some(i) => Some(format!("#{i}")),
        None => a.customer.id.clone().or(a.customer.email.clone()),
    };
    let mut by_customer = Index::default();
    let mut times: Vec<Vec<(i64, &str)>> = Vec::new();
    for a in seen.assessed.iter().filter(|a| a.at <= now) {
        if let Some(k) = who(a) {
            let i = by_customer.add(&k, times.len());
            if i == times.len() {
                times.push(Vec::new());
            }
            times[i].push((a.at, &a.ticket_id));
        }
    }
    let within = |t: i64, at: i64, days: i64| t > at && t <= at + days * MS_PER_DAY && t <= now;
    let open = |at: i64, days: i64| at + days * MS_PER_DAY > now;
    let mut out = Vec::new();
    // (one ticket's records made before the history joined its customer's two names: the
    // latest alone, `Seen::is_latest`)
    for a in seen
        .assessed
        .iter()
        .filter(|a| a.at >= o.from && a.at < o.to && a.at <= now)
        .filter(|a| seen.is_latest(a, now, &same))
    {
        let h = store.resolve(&a.customer).map(|i| store.get(i));
        let at = a.at;
        // its own rating (when it was rated by now), else a CSAT survey soon after
        let own = store.ticket_for(&a.ticket_id, &a.customer).and_then(|t| {
            t.csat
                .get()
                .filter(|_| t.solved_at.get().unwrap_or(t.created_at) <= now)
        });
        let survey = |kind: SurveyKind, days: i64| {
            h.and_then(|h| {
                h.surveys
                    .iter()
                    .filter(|s| s.kind == kind && within(s.at, at, days))
                    .min_by_key(|s| s.at)
                    .map(|s| s.score)
            })
        };
        let csat = match own.or_else(|| survey(SurveyKind::Csat, CSAT_DAYS)) {
            Some(c) => Outcome::Known(c),
            None if open(at, CSAT_DAYS) => Outcome::Pending,
            None => Outcome::Missing,
        };
        let nps = match survey(SurveyKind::Nps, NPS_DAYS) {
            Some(n) => Outcome::Known(n),
            None if open(at, NPS_DAYS) => Outcome::Pending,
            None => Outcome::Missing,
        };
        let repeat = if open(at, REPEAT_DAYS) {
            Outcome::Pending
        } else {
            let in_history = h.is_some_and(|h| {
                h.tickets
                    .iter()
                    .any(|t| t.id() != &*a.ticket_id && within(t.created_at, at, REPEAT_DAYS))
            });
            let assessed = who(a).and_then(|k| by_customer.get(&k)).is_some_and(|i| {
                times[i]
                    .iter()
                    .any(|(t, id)| *id != a.ticket_id && within(*t, at, REPEAT_DAYS))
            });
            Outcome::Known(in_history || assessed)
        };
        out.push(Slice {
            at,
            band: a.band,
            tones: sent.on(a, &same).fold(0, |t, s| t | tone_bit(s.tone)),
            csat,
            repeat,
            nps,
        });
    }
    out
}

/// A figure and how many tickets it stands on; `value: null` with `noData` when none.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Figure {
    pub value: Option<f64>,
    /// Tickets it stands on.
    pub n: usize,
    /// Tickets whose window is still open at `now` (not counted in `n`).
    pub pending: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub no_data: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Group {
    pub group: &'static str,
    pub tickets: usize,
    /// Mean CSAT (1..5) of the ticket, or of a CSAT survey within 30 days after it.
    pub csat: Figure,
    /// Share (0..1) of tickets followed by another contact within 30 days.
    pub repeat_rate: Figure,
    /// NPS (−100..100: % promoters − % detractors) of the first answers within 90 days after.
    pub nps: Figure,
}

/// One copy for every figure (kept out of line; each outcome read as a number, a repeat as
/// 0 or 1).
#[inline(never)]
fn figure(
    xs: &[&Slice],
    get: fn(&Slice) -> Outcome<f64>,
    value: fn(&[f64]) -> f64,
    what: &str,
) -> Figure {
    let mut known: Vec<f64> = Vec::new();
    let mut pending = 0;
    for s in xs {
        match get(s) {
            Outcome::Known(v) => known.push(v),
            Outcome::Pending => pending += 1,
            Outcome::Missing => {}
        }
    }
    let no_data = if xs.is_empty() {
        Some(crate::util::owned("no tickets in this group"))
    } else if known.is_empty() && pending > 0 {
        Some(format!(
            "no {what} yet: {pending} ticket(s) still in their window"
        ))
    } else if known.is_empty() {
        Some(format!("no {what} for these tickets"))
    } else {
        None
    };
    Figure {
        value: (!known.is_empty()).then(|| value(&known)),
        n: known.len(),
        pending,
        no_data,
    }
}

fn round(x: f64, places: i32) -> f64 {
    let k = 10f64.powi(places);
    (x * k).round() / k
}

/// The slices `f` keeps (out of line: one copy for the ten groups of the report).
#[inline(never)]
fn pick<'a>(slices: &[&'a Slice], f: &dyn Fn(&Slice) -> bool) -> Vec<&'a Slice> {
    slices.iter().copied().filter(|s| f(s)).collect()
}

pub fn group(name: &'static str, xs: &[&Slice]) -> Group {
    Group {
        group: name,
        tickets: xs.len(),
        csat: figure(
            xs,
            |s| s.csat,
            |v| round(v.iter().sum::<f64>() / v.len() as f64, 2),
            "CSAT",
        ),
        repeat_rate: figure(
            xs,
            |s| match s.repeat {
                Outcome::Known(r) => Outcome::Known(r as u8 as f64),
                Outcome::Pending => Outcome::Pending,
                Outcome::Missing => Outcome::Missing,
            },
            |v| round(v.iter().sum::<f64>() / v.len() as f64, 4),
            "repeat window closed",
        ),
        nps: figure(
            xs,
            |s| s.nps,
            |v| {
                let p = v.iter().filter(|n| **n >= 9.0).count() as f64;
                let d = v.iter().filter(|n| **n <= 6.0).count() as f64;
                round(100.0 * (p - d) / v.len() as f64, 1)
            },
            "NPS answer",
        ),
    }
}

/// How a relational or critical ticket was answered.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Answer {
    /// A snippet of the advised tone was sent.
    Caught,
    /// A relational snippet of the other tone (or one no longer in the library).
    Other,
    /// Only a routine (concise) one.
    Routine,
    /// None sent through Rapport.
    None,
}

pub fn answer(s: &Slice) -> Answer {
    let advised = advised(s.band);
    if s.tones & advised != 0 {
        Answer::Caught
    } else if s.tones & !advised & 0b1110 != 0 {
        Answer::Other
    } else if s.tones & 1 != 0 {
        Answer::Routine
    } else {
        Answer::None
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Bucket {
    /// The first day of the bucket (ISO date).
    pub from: String,
    pub caught: usize,
    pub other: usize,
    pub routine: usize,
    pub none: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Moments {
    /// Tickets assessed relational or critical in the period.
    pub assessed: usize,
    /// Answered with a snippet of the advised tone.
    pub caught: usize,
    /// Answered with a routine snippet or none.
    pub missed: usize,
    /// `caught`, `other` (a relational snippet of the other tone), `routine`, `none`.
    pub groups: Vec<Group>,
    /// The same counts over time: days for a period up to 14 days, weeks up to 26 weeks,
    /// else months of 30 days (or more, to stay within 60 buckets).
    pub timeline: Vec<Bucket>,
    pub bucket_days: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub no_data: Option<String>,
}

pub fn moments(slices: &[Slice], o: &Options) -> Moments {
    let all: Vec<&Slice> = slices.iter().collect();
    let m = pick(&all, &|s| s.band != Band::Transactional);
    let of = |a: Answer| pick(&m, &|s| answer(s) == a);
    let (caught, other, routine, none) = (
        of(Answer::Caught),
        of(Answer::Other),
        of(Answer::Routine),
        of(Answer::None),
    );
    let days = (o.to - o.from).div_euclid(MS_PER_DAY).max(1);
    let bucket_days = if days <= 14 {
        1
    } else if days <= 182 {
        7
    } else {
        30 * ((days + 30 * 60 - 1) / (30 * 60)).max(1)
    };
    let n = (days + bucket_days - 1) / bucket_days;
    let mut timeline: Vec<Bucket> = (0..n)
        .map(|k| Bucket {
            from: crate::time::format_date(o.from + k * bucket_days * MS_PER_DAY),
            caught: 0,
            other: 0,
            routine: 0,
            none: 0,
        })
        .collect();
    for s in &m {
        let k = ((s.at - o.from) / (bucket_days * MS_PER_DAY)) as usize;
        if let Some(b) = timeline.get_mut(k) {
            *match answer(s) {
                Answer::Caught => &mut b.caught,
                Answer::Other => &mut b.other,
                Answer::Routine => &mut b.routine,
                Answer::None => &mut b.none,
            } += 1;
        }
    }
    Moments {
        assessed: m.len(),
        caught: caught.len(),
        missed: routine.len() + none.len(),
        groups: vec![
            group("caught", &caught),
            group("other", &other),
            group("routine", &routine),
            group("none", &none),
        ],
        timeline,
        bucket_days,
        no_data: m.is_empty().then(|| {
            crate::util::owned("no ticket assessed relational or critical in this period")
        }),
    }
}

pub fn by_band(slices: &[Slice], _o: &Options) -> Vec<Group> {
    [
        (Band::Transactional, "transactional"),
        (Band::Relational, "relational"),
        (Band::Critical, "critical"),
    ]
    .into_iter()
    .map(|(b, name)| {
        let all: Vec<&Slice> = slices.iter().collect();
        group(name, &pick(&all, &|s| s.band == b))
    })
    .collect()
}

pub fn by_route(slices: &[Slice], _o: &Options) -> Vec<Group> {
    let all: Vec<&Slice> = slices.iter().collect();
    vec![
        group("followed", &pick(&all, &|s| s.tones & advised(s.band) != 0)),
        group(
            "notFollowed",
            &pick(&all, &|s| s.tones != 0 && s.tones & advised(s.band) == 0),
        ),
        group("noSnippet", &pick(&all, &|s| s.tones == 0)),
    ]
}
