//! The facts a snippet is filled from (`customer.first_name`, `last_order.items`…): the list a
//! template may name, where each comes from, and the fact sheet built once per ticket.

use super::*;

/// The facts a template may use.
pub const FACTS: &[&str] = &[
    "customer.first_name",
    "customer.name",
    "customer.email",
    "customer.tier",
    "customer.tenure_years",
    "customer.since",
    "customer.value_band",
    "customer.preferred_channel",
    "orders.count",
    "last_order.id",
    "last_order.date",
    "last_order.items",
    "last_order.total",
    "previous_ticket.subject",
    "previous_ticket.date",
    "previous_ticket.outcome",
    "previous_ticket.csat",
    "contacts.recent",
    "moment.days_to_birthday",
    "moment.days_to_anniversary",
    "moment.anniversary_years",
    "agent.name",
    "agent.first_name",
    "ticket.id",
    "ticket.subject",
    "ticket.channel",
    "band",
    "intent",
    "followup.days",
];

pub fn is_known_fact(p: &str) -> bool {
    FACTS.contains(&p)
}

/// Where a fact comes from: a fixed part of the input ("ticket", "assessment") or a record
/// ("customer c1", "order L99"). Shared, not copied, between the snippets that cite it.
#[derive(Debug, Clone, PartialEq)]
pub enum Source {
    /// An index in `NAMED_SOURCES` (a number: written for JS as one, without comparing names).
    Named(u8),
    Record(Rc<str>),
}

/// The record-less sources a fact may cite (`Source::Named`).
pub const NAMED_SOURCES: [&str; 5] = [
    "ticket",
    "ticket history",
    "order history",
    "options.agent",
    "assessment",
];
pub(super) const TICKET: u8 = 0;
pub(super) const TICKET_HISTORY: u8 = 1;
pub(super) const ORDER_HISTORY: u8 = 2;
pub(super) const OPTIONS_AGENT: u8 = 3;
pub(super) const ASSESSMENT: u8 = 4;

impl Source {
    pub fn as_str(&self) -> &str {
        match self {
            Source::Named(i) => NAMED_SOURCES.get(*i as usize).copied().unwrap_or("input"),
            Source::Record(s) => s,
        }
    }
}

impl Serialize for Source {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl PartialEq<&str> for Source {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

pub(super) const N_FACTS: usize = FACTS.len();

/// What a snippet is filled from. Facts are worked out on first use and kept: a ticket's top
/// snippets read a handful of the facts, so the rest are never built.
pub struct FactSheet<'a> {
    f: &'a CustomerFacts,
    t: &'a TicketInfo<'a>,
    agent: Option<&'a str>,
    band: Band,
    intent: &'a str,
    follow_up_days: Option<u32>,
    value_high: f64,
    customer: OnceCell<Source>,
    slots: [OnceCell<Option<(Value, Source)>>; N_FACTS],
    /// Each fact as text, made once and shared by every snippet that cites it.
    pub(super) shown: [OnceCell<Rc<str>>; N_FACTS],
}

/// Position of a fact in `FACTS`: templates look facts up by name dozens of times per ticket,
/// so by a perfect hash of the name's length and end bytes (checked when compiling: see
/// `FACT_TABLE`) and one comparison.
pub(crate) fn fact_index(path: &str) -> Option<usize> {
    let b = path.as_bytes();
    if b.is_empty() {
        return None;
    }
    let i = FACT_TABLE[fact_hash(b)] as usize;
    (i < FACTS.len() && FACTS[i] == path).then_some(i)
}

pub(super) const fn fact_hash(b: &[u8]) -> usize {
    (b.len() * 28 + b[b.len() - 1] as usize * 52 + b[0] as usize) % 64
}

/// `fact_hash` → index in `FACTS` (`u8::MAX`: none). A new fact that collides with another
/// stops the build here: change the multipliers in `fact_hash`.
pub(super) const FACT_TABLE: [u8; 64] = {
    let mut t = [u8::MAX; 64];
    let mut i = 0;
    while i < FACTS.len() {
        let h = fact_hash(FACTS[i].as_bytes());
        assert!(t[h] == u8::MAX, "two facts share a fact_hash slot");
        t[h] = i as u8;
        i += 1;
    }
    t
};

pub struct TicketInfo<'a> {
    pub id: &'a str,
    pub subject: Option<&'a str>,
    pub channel: Option<&'a str>,
    pub customer_email: Option<&'a str>,
    /// Whether the ticket is about the customer's latest order (`last_order.*` are filled
    /// only then).
    pub last_order_in_view: bool,
}

pub(super) fn text(s: &str) -> Value {
    Value::Text(s.into())
}

impl<'a> FactSheet<'a> {
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        f: &'a CustomerFacts,
        t: &'a TicketInfo<'a>,
        agent: Option<&'a str>,
        band: Band,
        intent: &'a str,
        follow_up_days: Option<u32>,
        value_high: f64,
    ) -> FactSheet<'a> {
        FactSheet {
            f,
            t,
            agent: agent.map(str::trim).filter(|a| !a.is_empty()),
            band,
            intent,
            follow_up_days,
            value_high,
            customer: OnceCell::new(),
            slots: std::array::from_fn(|_| OnceCell::new()),
            shown: std::array::from_fn(|_| OnceCell::new()),
        }
    }

    fn customer_source(&self) -> Source {
        self.customer
            .get_or_init(|| match &self.f.customer_id {
                Some(c) => Source::Record(["customer ", c].concat().into()),
                None => Source::Named(TICKET),
            })
            .clone()
    }

    /// The customer's latest order, when the ticket is about it.
    fn last_order(&self) -> Option<&'a crate::history::facts::OrderRef> {
        self.f
            .last_order
            .as_ref()
            .filter(|_| self.t.last_order_in_view)
    }

    /// Works out one fact (`FACTS[i]`) and the record it comes from.
    fn compute(&self, i: usize) -> Option<(Value, Source)> {
        let (f, t) = (self.f, self.t);
        let cust = || self.customer_source();
        let named = Source::Named;
        let name = || f.name.as_deref().map(str::trim).filter(|n| !n.is_empty());
        // concat, not format!: these run for every fact a snippet shows
        let order_src = |id: &str| Source::Record(["order ", id].concat().into());
        let ticket_src = |id: &str| Source::Record(["ticket ", id].concat().into());
        Some(match FACTS[i] {
            "customer.name" => (text(name()?), cust()),
            // the first word, when it is one: a name that starts with markup or a digit
            // ("<img src=x>Lou") has no first name to greet, and the snippet's fallback is used
            "customer.first_name" => (
                text(
                    Some(name()?.split_whitespace().next()?.trim_end_matches(','))
                        .filter(|w| w.chars().next().is_some_and(char::is_alphabetic))?,
                ),
                cust(),
            ),
            "customer.email" => (text(t.customer_email?), named(TICKET)),
            "customer.tier" => (
                text(crate::util::capitalise(f.tier.as_deref()?).as_ref()),
                cust(),
            ),
            "customer.tenure_years" => (
                Value::Number((f.tenure_days? as f64 / 365.25).floor()),
                cust(),
            ),
            "customer.since" => (
                Value::Date(crate::time::parse_iso(f.since.as_deref()?).ok()?),
                cust(),
            ),
            "customer.value_band" => {
                let v = f.lifetime_value?;
                let band = if v >= self.value_high {
                    "high"
                } else if v >= self.value_high / 4.0 {
                    "medium"
                } else {
                    "low"
                };
                (text(band), cust())
            }
            "customer.preferred_channel" => (
                text(f.channels.first()?.channel.as_str()),
                named(TICKET_HISTORY),
            ),
            "orders.count" if f.known => {
                (Value::Number(f.order_count as f64), named(ORDER_HISTORY))
            }
            "contacts.recent" if f.known => (
                Value::Number(f.contacts_30d_count as f64),
                named(TICKET_HISTORY),
            ),
            "last_order.id" => {
                let o = self.last_order()?;
                (text(&o.id), order_src(&o.id))
            }
            "last_order.date" => {
                let o = self.last_order()?;
                (
                    Value::Date(crate::time::parse_iso(&o.date).ok()?),
                    order_src(&o.id),
                )
            }
            "last_order.items" => {
                let o = self.last_order().filter(|o| !o.items.is_empty())?;
                (
                    Value::List(o.items.iter().map(|i| i.to_string()).collect()),
                    order_src(&o.id),
                )
            }
            "last_order.total" => {
                let o = self.last_order()?;
                let mut total = crate::util::num(o.total?, 2);
                if let Some(c) = &o.currency {
                    total.push(' ');
                    total.push_str(c);
                }
                (text(&total), order_src(&o.id))
            }
            "previous_ticket.subject" => {
                let p = f.previous_ticket.as_ref()?;
                (text(p.subject.as_deref()?), ticket_src(&p.id))
            }
            "previous_ticket.date" => {
                let p = f.previous_ticket.as_ref()?;
                (
                    Value::Date(crate::time::parse_iso(&p.created_at).ok()?),
                    ticket_src(&p.id),
                )
            }
            "previous_ticket.outcome" => {
                let p = f.previous_ticket.as_ref()?;
                let solved = p.solved_at.as_deref()?;
                let outcome = match p.csat {
                    Some(c) => format!("solved on {solved}, rated {} of 5", crate::util::num(c, 1)),
                    None => format!("solved on {solved}"),
                };
                (text(&outcome), ticket_src(&p.id))
            }
            "previous_ticket.csat" => {
                let p = f.previous_ticket.as_ref()?;
                (Value::Number(p.csat?), ticket_src(&p.id))
            }
            "moment.days_to_birthday" => (Value::Number(f.birthday_in_days? as f64), cust()),
            "moment.days_to_anniversary" => (Value::Number(f.anniversary_in_days? as f64), cust()),
            "moment.anniversary_years" => (Value::Number(f.anniversary_years? as f64), cust()),
            "agent.name" => (text(self.agent?), named(OPTIONS_AGENT)),
            "agent.first_name" => {
                let a = self.agent?;
                (
                    text(a.split_whitespace().next().unwrap_or(a)),
                    named(OPTIONS_AGENT),
                )
            }
            "ticket.id" => (text(t.id), named(TICKET)),
            "ticket.subject" => (text(t.subject?), named(TICKET)),
            "ticket.channel" => (text(t.channel?), named(TICKET)),
            "band" => (text(self.band.as_str()), named(ASSESSMENT)),
            "intent" => (text(self.intent), named(ASSESSMENT)),
            "followup.days" => (
                Value::Number(self.follow_up_days? as f64),
                named(ASSESSMENT),
            ),
            _ => return None,
        })
    }

    pub(super) fn slot(&self, path: &str) -> Option<&(Value, Source)> {
        let i = fact_index(path)?;
        self.slots[i].get_or_init(|| self.compute(i)).as_ref()
    }

    pub fn get(&self, path: &str) -> Option<Value> {
        self.slot(path).map(|f| f.0.clone())
    }

    /// Whether the fact is there and not blank.
    pub fn has(&self, path: &str) -> bool {
        self.slot(path).is_some_and(|f| !f.0.is_empty())
    }
}
