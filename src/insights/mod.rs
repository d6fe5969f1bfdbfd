//! Insights: a local report over the loaded history and what this engine has seen, for a
//! period `[from, to)` observed at `now` (records after `now` do not exist yet):
//! - contact reasons: the intents and topics of the period's tickets, each bucketed
//!   transactional or relational, with the previous period of the same length beside them
//!   (seed 003: list why customers contact you, bucket the reasons);
//! - relational moments caught and missed: of the tickets assessed relational or critical,
//!   which got a snippet of the advised tone, a routine one or none, and what followed;
//! - CSAT, repeat-contact rate and NPS by band and by route followed or not.
//!
//! A figure with nothing to stand on is `value: null` with a `noData` saying why, never 0.

mod csv;
mod outcomes;
mod reasons;

pub use csv::to_csv;
pub use outcomes::{Figure, Group, Moments, Slice};
pub use reasons::{ContactReasons, ReasonCount};

use crate::engine::Engine;
use crate::input::{err, object, Result};
use crate::outreach::required_instant;
use crate::seen::iso;
use crate::time::MS_PER_DAY;
use crate::util::owned;
use serde::Serialize;
use serde_json::Value;

/// After a ticket: how long another contact counts as a repeat, a CSAT survey as its rating,
/// and an NPS answer as its outcome.
pub const REPEAT_DAYS: i64 = 30;
pub const CSAT_DAYS: i64 = 30;
pub const NPS_DAYS: i64 = 90;
/// The longest period a report covers (ten years).
pub const MAX_DAYS: i64 = 3660;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Options {
    pub from: i64,
    pub to: i64,
    pub now: i64,
}

impl Options {
    /// `{ from, to, now }`, each an ISO-8601 date or epoch milliseconds. The period must end
    /// after it starts and start before `now`.
    pub fn from_json(v: &Value) -> Result<Options> {
        let o = object(v, "options")?;
        o.only(&["from", "to", "now"])?;
        let (from, to, now) = (
            required_instant(&o, "from")?,
            required_instant(&o, "to")?,
            required_instant(&o, "now")?,
        );
        let date = crate::time::format_date;
        if to <= from {
            return err(
                "options.to",
                format!(
                    "the period ends before it starts ({} is not after {})",
                    iso(to),
                    iso(from)
                ),
            );
        }
        if from > now {
            return err(
                "options.from",
                format!(
                    "the period starts after now ({}): nothing has happened in it yet",
                    date(now)
                ),
            );
        }
        if to - from > MAX_DAYS * MS_PER_DAY {
            return err(
                "options.to",
                format!("the period is longer than {MAX_DAYS} days"),
            );
        }
        Ok(Options { from, to, now })
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Period {
    pub from: String,
    pub to: String,
    pub now: String,
    /// The period of the same length just before, that trends compare with.
    pub previous_from: String,
    pub previous_to: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Insights {
    pub period: Period,
    pub contact_reasons: ContactReasons,
    pub moments: Moments,
    /// Tickets assessed in the period, by band: transactional, relational, critical.
    pub by_band: Vec<Group>,
    /// By route: `followed` (a snippet of the band's tone was sent), `notFollowed` (only
    /// snippets of another tone), `noSnippet` (none sent through Rapport).
    pub by_route: Vec<Group>,
    /// What the report could not say, and why (empty when every section has data).
    pub notes: Vec<String>,
}

/// The report at `o.now`.
pub fn insights(e: &Engine, o: &Options) -> Insights {
    debug_assert!(
        e.store().settled(),
        "history read between chunks without Engine::settle"
    );
    let seen = e.seen();
    let span = o.to - o.from;
    let contact_reasons = reasons::contact_reasons(e, &seen, o);
    let slices = outcomes::slices(e, &seen, o);
    let moments = outcomes::moments(&slices, o);
    let by_band = outcomes::by_band(&slices, o);
    let by_route = outcomes::by_route(&slices, o);
    let mut notes = Vec::new();
    if contact_reasons.tickets == 0 {
        notes.push(owned("no tickets in this period: no contact reasons"));
    }
    if slices.is_empty() {
        notes.push(owned(
            "no ticket was assessed in this period: moments, bands and routes come from the assessments this engine made (or imported with importLearning)"),
        );
    }
    let surveys = e.store().counts().surveys;
    let ticket_csat = e
        .store()
        .customers
        .iter()
        .any(|c| c.tickets.iter().any(|t| t.csat.is_some()));
    if surveys == 0 && !ticket_csat {
        notes.push(owned(
            "the history holds no surveys and no rated tickets: CSAT and NPS have no data",
        ));
    }
    Insights {
        period: Period {
            from: iso(o.from),
            to: iso(o.to),
            now: iso(o.now),
            previous_from: iso(o.from - span),
            previous_to: iso(o.from),
        },
        contact_reasons,
        moments,
        by_band,
        by_route,
        notes,
    }
}

impl Engine {
    /// `{ from, to, now }` → the report (`crate::insights`).
    pub fn insights(&self, options: &Value) -> Result<Insights> {
        self.readable()?;
        Ok(insights(self, &Options::from_json(options)?))
    }
}
