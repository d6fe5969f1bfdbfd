//! Reply snippets: the template language, the library (built-in and team), the facts a
//! snippet is filled from, ranking for the ticket at hand, safe rendering, macro import and
//! local learning from feedback.

pub mod learning;
pub mod macros;
pub mod tape;
pub mod template;

use crate::history::CustomerFacts;
use crate::input::{array, err, object, Result};
use crate::reply::{Reply, REPLIES};
use crate::score::Band;
use crate::text::{Kind, TextSignals};
use serde::Serialize;
use serde_json::Value as Json;
use std::cell::OnceCell;
use std::rc::Rc;
use template::{Template, Value};

pub const BUILTIN_LIBRARY: &str = include_str!("../../data/snippets.json");

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Tone {
    /// Transactional: short, exact, no flourishes.
    Concise,
    /// Relational: name, past interactions, thanks.
    Personal,
    /// Critical: ownership and make-good first.
    Ownership,
}

impl Tone {
    /// The name serde writes (lowercase).
    pub fn as_str(self) -> &'static str {
        match self {
            Tone::Concise => "concise",
            Tone::Personal => "personal",
            Tone::Ownership => "ownership",
        }
    }
}

/// The situations a snippet fits; an empty list means "any".
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Fits {
    /// Bit `band as u8`: the bands it is meant for.
    pub bands: u8,
    /// Intent ids as `name_hash`es: compared with the ticket's few likely intents for every
    /// snippet of every ticket.
    pub intents: Vec<u64>,
    /// Bit `kind as u8`: the intent kinds it is meant for.
    pub kinds: u8,
    /// Bit `i` stands for `text::CUES[i]` (names are checked on loading; fit runs for every
    /// snippet of every ticket, so it tests bits rather than compares strings).
    pub cues: u8,
    /// Bit `i`: `text::EMOTIONS[i]`.
    pub emotions: u8,
    /// Bit `i`: `MOMENTS[i]`.
    pub moments: u16,
    /// Ticket topics (`delivery`, `billing`, `refund`, `damage`…, see data/topics.txt) that make
    /// the snippet more specific: "charged twice" and "arrived damaged" are both our mistake.
    /// As `name_hash`es.
    pub topics: Vec<u64>,
    /// `hash_bits` of `intents` and of `topics`: most snippets share no intent or topic with a
    /// ticket, and one AND tells so without reading the lists.
    pub intent_bits: u64,
    pub topic_bits: u64,
}

/// One bit per hash (its low six bits), or-ed together: a filter with no false negatives.
pub fn hash_bits(hashes: impl IntoIterator<Item = u64>) -> u64 {
    hashes.into_iter().fold(0, |m, h| m | 1 << (h & 63))
}

/// A name (intent id, topic label) as a 64-bit hash, for comparing without strings.
pub fn name_hash(name: &str) -> u64 {
    crate::util::fnv(crate::util::FNV_START, name.as_bytes())
}

#[derive(Debug, Clone, PartialEq)]
pub struct Snippet {
    pub id: Rc<str>,
    pub category: Rc<str>,
    pub title: Rc<str>,
    pub tone: Tone,
    pub fits: Fits,
    /// Facts without which the snippet makes no sense (it is demoted and flagged without them).
    pub requires: Vec<String>,
    /// The kind of first reply it is (`crate::reply`): ranked first when the assessment
    /// advises that kind. None for a team snippet that does not say.
    pub reply: Option<Reply>,
    pub body: String,
    pub template: Template,
}

pub const MOMENTS: &[&str] = &[
    "birthday",
    "anniversary",
    "milestone_order",
    "repeat_topic",
    "unhappy_last_time",
    "long_tenure",
    "new_customer",
    "unknown_customer",
    "recent_contacts",
    "high_value",
    "promoter",
    "detractor",
];

/// The names as bits of their positions in `all` (names not in it were refused before).
fn mask_of(names: &[String], all: &[&str]) -> u32 {
    names
        .iter()
        .filter_map(|n| all.iter().position(|a| a == n))
        .fold(0, |m, i| m | 1 << i)
}

const _: () = assert!(MOMENTS.len() <= 16, "moment masks are u16");

/// Bit `i` of a moment mask: `MOMENTS[i]`. Evaluated when compiling (every use is in a
/// constant), so a name missing from `MOMENTS` stops the build.
const fn moment_bit(name: &str) -> u16 {
    let mut i = 0;
    while i < MOMENTS.len() {
        let (a, b) = (MOMENTS[i].as_bytes(), name.as_bytes());
        if a.len() == b.len() {
            let mut k = 0;
            while k < a.len() && a[k] == b[k] {
                k += 1;
            }
            if k == a.len() {
                return 1 << i;
            }
        }
        i += 1;
    }
    panic!("not a moment name")
}

fn strings(o: &crate::input::Obj, key: &str, allowed: Option<&[&str]>) -> Result<Vec<String>> {
    let list = o.opt_strings(key)?;
    if let Some(allowed) = allowed {
        for (i, s) in list.iter().enumerate() {
            if !allowed.contains(&s.as_str()) {
                return err(
                    &format!("{}[{i}]", o.at(key)),
                    format!("\"{s}\" is not one of {}", allowed.join(", ")),
                );
            }
        }
    }
    Ok(list)
}

/// Reads one snippet; errors name the snippet's field and, for the body, line and column.
pub fn snippet(v: &Json, path: &str) -> Result<Snippet> {
    let o = object(v, path)?;
    o.only(&[
        "id", "category", "title", "tone", "reply", "fits", "requires", "body",
    ])?;
    let reply = match o.opt_str("reply")? {
        None => None,
        Some(name) => Some(Reply::parse(&name).ok_or_else(|| crate::input::InputError {
            path: o.at("reply"),
            message: format!(
                "expected one of {}, got \"{name}\"",
                REPLIES.map(|r| r.0).join(", ")
            ),
        })?),
    };
    let id: Rc<str> = o.req_id("id")?.into();
    let tone = match o.opt_str("tone")?.as_deref() {
        None | Some("personal") => Tone::Personal,
        Some("concise") => Tone::Concise,
        Some("ownership") => Tone::Ownership,
        Some(other) => {
            return err(
                &o.at("tone"),
                format!("expected \"concise\", \"personal\" or \"ownership\", got \"{other}\""),
            )
        }
    };
    let mut fits = Fits::default();
    if let Some(f) = o.get("fits") {
        let fo = object(f, &o.at("fits"))?;
        fo.only(&[
            "bands", "intents", "kinds", "cues", "emotions", "moments", "topics",
        ])?;
        fits.bands = strings(
            &fo,
            "bands",
            Some(&["transactional", "relational", "critical"]),
        )?
        .iter()
        .fold(0, |m, b| {
            m | band_bit(match b.as_str() {
                "critical" => Band::Critical,
                "relational" => Band::Relational,
                _ => Band::Transactional,
            })
        });
        fits.kinds = strings(&fo, "kinds", Some(&["transactional", "relational"]))?
            .iter()
            .filter_map(|k| Kind::parse(k))
            .fold(0, |m, k| m | kind_bit(k));
        fits.intents = strings(&fo, "intents", None)?
            .iter()
            .map(|n| name_hash(n))
            .collect();
        fits.cues = mask_of(
            &strings(&fo, "cues", Some(&crate::text::CUES))?,
            &crate::text::CUES,
        ) as u8;
        fits.emotions = mask_of(
            &strings(&fo, "emotions", Some(&crate::text::EMOTIONS))?,
            &crate::text::EMOTIONS,
        ) as u8;
        fits.moments = mask_of(&strings(&fo, "moments", Some(MOMENTS))?, MOMENTS) as u16;
        fits.topics = strings(&fo, "topics", None)?
            .iter()
            .map(|n| name_hash(n))
            .collect();
        fits.intent_bits = hash_bits(fits.intents.iter().copied());
        fits.topic_bits = hash_bits(fits.topics.iter().copied());
    }
    let body = o.req_str("body")?;
    let template = Template::parse(&body).map_err(|e| crate::input::InputError {
        path: o.at("body"),
        message: e.to_string(),
    })?;
    for p in template.paths() {
        if !is_known_fact(&p) {
            return err(
                &o.at("body"),
                format!("unknown fact `{p}`; facts: {}", FACTS.join(", ")),
            );
        }
    }
    let requires = strings(&o, "requires", Some(FACTS))?;
    Ok(Snippet {
        id,
        category: o
            .opt_str("category")?
            .as_deref()
            .unwrap_or("general")
            .into(),
        title: o.opt_str("title")?.unwrap_or_default().into(),
        tone,
        fits,
        requires,
        reply,
        body,
        template,
    })
}

/// A library from JSON: an array of snippets. Ids must be unique.
pub fn library(v: &Json, path: &str) -> Result<Vec<Snippet>> {
    let list = array(v, path)?;
    let mut out: Vec<Snippet> = Vec::with_capacity(list.len());
    for (i, item) in list.iter().enumerate() {
        let s = snippet(item, &format!("{path}[{i}]"))?;
        if out.iter().any(|x| x.id == s.id) {
            return err(
                &format!("{path}[{i}].id"),
                format!("\"{}\" is used twice", s.id),
            );
        }
        out.push(s);
    }
    Ok(out)
}

pub fn builtin_library() -> Vec<Snippet> {
    let v: Json = serde_json::from_str(BUILTIN_LIBRARY).expect("data/snippets.json is JSON");
    library(&v, "snippets").expect("the built-in library is valid")
}

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
const TICKET: u8 = 0;
const TICKET_HISTORY: u8 = 1;
const ORDER_HISTORY: u8 = 2;
const OPTIONS_AGENT: u8 = 3;
const ASSESSMENT: u8 = 4;

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

const N_FACTS: usize = FACTS.len();

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
    shown: [OnceCell<Rc<str>>; N_FACTS],
}

/// Position of a fact in `FACTS`: templates look facts up by name dozens of times per ticket,
/// so by a perfect hash of the name's length and end bytes (checked when compiling: see
/// `FACT_TABLE`) and one comparison.
fn fact_index(path: &str) -> Option<usize> {
    let b = path.as_bytes();
    if b.is_empty() {
        return None;
    }
    let i = FACT_TABLE[fact_hash(b)] as usize;
    (i < FACTS.len() && FACTS[i] == path).then_some(i)
}

const fn fact_hash(b: &[u8]) -> usize {
    (b.len() * 28 + b[b.len() - 1] as usize * 52 + b[0] as usize) % 64
}

/// `fact_hash` → index in `FACTS` (`u8::MAX`: none). A new fact that collides with another
/// stops the build here: change the multipliers in `fact_hash`.
const FACT_TABLE: [u8; 64] = {
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
}

fn text(s: &str) -> Value {
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
            "customer.first_name" => (
                text(name()?.split_whitespace().next()?.trim_end_matches(',')),
                cust(),
            ),
            "customer.email" => (text(t.customer_email?), named(TICKET)),
            "customer.tier" => (
                text(crate::signals::history::capitalise(f.tier.as_deref()?).as_ref()),
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
                Value::Number(f.contacts_30d.len() as f64),
                named(TICKET_HISTORY),
            ),
            "last_order.id" => {
                let o = f.last_order.as_ref()?;
                (text(&o.id), order_src(&o.id))
            }
            "last_order.date" => {
                let o = f.last_order.as_ref()?;
                (
                    Value::Date(crate::time::parse_iso(&o.date).ok()?),
                    order_src(&o.id),
                )
            }
            "last_order.items" => {
                let o = f.last_order.as_ref().filter(|o| !o.items.is_empty())?;
                (
                    Value::List(o.items.iter().map(|i| i.to_string()).collect()),
                    order_src(&o.id),
                )
            }
            "last_order.total" => {
                let o = f.last_order.as_ref()?;
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

    fn slot(&self, path: &str) -> Option<&(Value, Source)> {
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

/// A fact a filled snippet used, and where it came from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FactUsed {
    pub fact: &'static str,
    pub value: Rc<str>,
    pub source: Source,
}

/// A snippet filled for one ticket.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FilledSnippet {
    /// Position in the library it was filled from.
    #[serde(skip)]
    pub index: usize,
    pub id: Rc<str>,
    pub category: Rc<str>,
    pub title: Rc<str>,
    pub tone: Tone,
    /// 0..1: how well the snippet fits this ticket (learning included).
    pub relevance: f64,
    /// Plain text, ready for the reply box.
    pub text: Rc<str>,
    /// The same, HTML-escaped, with line breaks as `<br>` (when asked for with `html: true`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub html: Option<String>,
    pub facts_used: Vec<FactUsed>,
    /// Facts the snippet wanted and the history did not have (its fallbacks were used).
    pub missing_facts: Vec<String>,
}

/// What the ticket is, for matching snippets.
pub struct Situation<'a> {
    pub band: Band,
    /// The first reply the assessment advises: snippets of that kind rank first.
    pub reply: Reply,
    pub signals: &'a TextSignals,
    pub facts: &'a CustomerFacts,
    /// Moments from the assessment's reasons (`repeat_topic`, `birthday`…), as bits of
    /// `MOMENTS`.
    pub moments: u16,
    /// The ticket's topics, as `name_hash`es.
    pub topics: Vec<u64>,
    /// The likely intents (the model's pick and its alternatives): `name_hash` and probability.
    pub intents: Vec<(u64, f64)>,
    // worked out once here, read by `fit` for every snippet
    /// The cues in `text::CUES` order.
    cues: [f64; 8],
    /// The emotions in `text::EMOTIONS` order.
    emotions: [f64; 5],
    band_bit: u8,
    kind_bit: u8,
    /// `hash_bits` of `intents` and `topics`.
    intent_bits: u64,
    topic_bits: u64,
    /// The customer voiced a mistake, a churn threat or effort: no advocacy ask.
    failed: bool,
}

fn band_bit(b: Band) -> u8 {
    1 << b as u8
}

fn kind_bit(k: Kind) -> u8 {
    1 << k as u8
}

impl<'a> Situation<'a> {
    pub fn new(
        band: Band,
        reply: Reply,
        signals: &'a TextSignals,
        facts: &'a CustomerFacts,
        moments: u16,
        topics: &[String],
    ) -> Self {
        let i = &signals.intent;
        let topics: Vec<u64> = topics.iter().map(|t| name_hash(t)).collect();
        let intents: Vec<(u64, f64)> = std::iter::once((name_hash(&i.id), i.confidence))
            .chain(
                i.alternatives
                    .iter()
                    .map(|a| (name_hash(&a.id), a.confidence)),
            )
            .collect();
        let (c, e) = (&signals.cues, &signals.emotions);
        // in `text::CUES` order
        let cues = [
            c.mistake,
            c.churn,
            c.effort,
            c.praise,
            c.loyalty,
            c.celebration,
            c.loss,
            c.life_event,
        ];
        Situation {
            band,
            reply,
            signals,
            facts,
            moments,
            cues,
            emotions: [
                e.frustration,
                e.distress,
                e.confusion,
                e.urgency,
                e.gratitude,
            ],
            intent_bits: hash_bits(intents.iter().map(|x| x.0)),
            topic_bits: hash_bits(topics.iter().copied()),
            band_bit: band_bit(band),
            kind_bit: kind_bit(i.kind),
            // (CUES: mistake, churn, effort, praise, …)
            failed: cues[..3].iter().any(|c| *c >= 0.4),
            topics,
            intents,
        }
    }

    /// Probability that the ticket's intent is one of `ids` (summed over the likely intents).
    fn probability_of(&self, ids: &[u64]) -> f64 {
        let p: f64 = self
            .intents
            .iter()
            .filter(|(h, _)| ids.contains(h))
            .map(|(_, p)| p)
            .sum();
        crate::util::smaller(p, 1.0)
    }

    /// The learning key: similar tickets share it (band and the main cue, else the intent).
    pub fn key(&self) -> String {
        let c = &self.signals.cues;
        let cues = [
            ("mistake", c.mistake),
            ("churn", c.churn),
            ("effort", c.effort),
            ("praise", c.praise),
            ("celebration", c.celebration),
            ("loss", c.loss),
        ];
        let main = cues
            .iter()
            .filter(|x| x.1 >= 0.4)
            .max_by(|a, b| a.1.total_cmp(&b.1))
            .map_or(self.signals.intent.id.as_str(), |x| x.0);
        // concat, not format!: one allocation, for every ticket assessed with snippets
        [self.band.as_str(), ":", main].concat()
    }
}

fn band_tone(b: Band) -> Tone {
    match b {
        Band::Transactional => Tone::Concise,
        Band::Relational => Tone::Personal,
        Band::Critical => Tone::Ownership,
    }
}

/// How well a snippet fits, 0..1 before learning. What the customer says comes first: a
/// snippet that declares cues, intents or emotions fits as strongly as the best of them is
/// present. History moments add to that (or carry a moment-only snippet such as a birthday
/// wish); a band the snippet is not meant for weighs it down; the tone should suit the band.
pub fn fit(s: &Snippet, x: &Situation) -> f64 {
    use crate::util::{larger, smaller};
    let f = &s.fits;
    let content_declared = f.cues != 0 || f.emotions != 0 || !f.intents.is_empty();
    // the strongest of the values whose bits are set
    let strongest = |bits: u8, values: &[f64]| {
        let (mut m, mut best) = (bits, 0.0);
        while m != 0 {
            if let Some(v) = values.get(m.trailing_zeros() as usize) {
                best = larger(best, *v);
            }
            m &= m - 1;
        }
        best
    };
    // a cue the customer voiced is meaningful even when faint; an intent counts by how likely
    // the model thinks it is (summed over the snippet's intents)
    let cue = strongest(f.cues, &x.cues);
    let cue = if cue > 0.0 {
        smaller(0.2 + cue, 1.0)
    } else {
        0.0
    };
    let intent = if f.intent_bits & x.intent_bits == 0 {
        0.0
    } else {
        0.9 * x.probability_of(&f.intents)
    };
    let emotion = smaller(strongest(f.emotions, &x.emotions) * 1.2, 1.0);
    let content = larger(larger(cue, intent), emotion);
    let moment = f.moments & x.moments != 0;
    let mut score = match (content_declared, f.moments == 0) {
        (true, _) if content < 0.15 => 0.05,
        (true, _) => 0.35 + 0.6 * smaller(content, 1.0),
        (false, false) if moment => 0.6,
        (false, false) => 0.0,
        (false, true) => 0.3,
    };
    if content_declared && f.moments != 0 {
        score += if moment { 0.15 } else { -0.05 };
    }
    if f.bands != 0 {
        score = if f.bands & x.band_bit != 0 {
            score + 0.08
        } else {
            score * 0.5
        };
    }
    if f.kinds != 0 && f.kinds & x.kind_bit == 0 {
        score *= 0.8;
    }
    if !f.topics.is_empty() {
        // a snippet written for one topic ("we charged you twice") is wrong for another
        if f.topic_bits & x.topic_bits != 0 && f.topics.iter().any(|t| x.topics.contains(t)) {
            score += 0.1;
        } else if x.topics.is_empty() {
            // no topic recognised in the ticket: not a different topic, only an unconfirmed one
            score *= 0.8;
        } else {
            score *= 0.4;
        }
    }
    if s.tone == band_tone(x.band) {
        score += 0.05;
    }
    // an advocacy ask (a review, a referral) is for a customer we have not just failed: a
    // courteous "thanks for the quick reply" before a complaint must not bring one up
    if f.cues & 0b1000 != 0 && x.failed {
        score *= 0.3;
    }
    // the best possible sum is about 1.25: scale rather than clip, so strong fits stay ordered
    larger(smaller(score / 1.25, 1.0), 0.0)
}

/// The moments an assessment shows, as snippet `fits.moments` names.
pub fn moments(f: &CustomerFacts, reasons: &[crate::signals::Reason], value_high: f64) -> u16 {
    // the reasons that stand for a moment, and its name in `fits.moments`
    const FROM_REASONS: [(&str, u16); 8] = [
        ("moment.birthday", moment_bit("birthday")),
        ("moment.anniversary", moment_bit("anniversary")),
        ("moment.milestone_order", moment_bit("milestone_order")),
        ("history.repeat_topic", moment_bit("repeat_topic")),
        ("history.csat_low", moment_bit("unhappy_last_time")),
        ("history.recent_contacts", moment_bit("recent_contacts")),
        ("history.nps_promoter", moment_bit("promoter")),
        ("history.nps_detractor", moment_bit("detractor")),
    ];
    const LONG_TENURE: u16 = moment_bit("long_tenure");
    const HIGH_VALUE: u16 = moment_bit("high_value");
    const UNKNOWN: u16 = moment_bit("unknown_customer");
    const NEW: u16 = moment_bit("new_customer");
    let mut m = FROM_REASONS
        .iter()
        .filter(|(signal, _)| reasons.iter().any(|r| r.signal == *signal))
        .fold(0, |m, (_, bit)| m | bit);
    if f.tenure_days.is_some_and(|d| d >= 2 * 365) {
        m |= LONG_TENURE;
    }
    if f.lifetime_value.is_some_and(|v| v >= value_high) {
        m |= HIGH_VALUE;
    }
    if !f.known {
        m |= UNKNOWN;
    } else if f.order_count <= 1 && f.tenure_days.is_none_or(|d| d < 60) {
        m |= NEW;
    }
    m
}

/// Cleans what missing facts may leave behind, so no reply reads "Hi ," or holds a lone "-":
/// spaces before punctuation, doubled spaces, empty parentheses and quotes, dash-only lines,
/// runs of blank lines. One pass per line (it runs for every snippet of every ticket).
pub fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank_run = 0;
    let mut line = String::with_capacity(128);
    for raw in text.lines() {
        line.clear();
        let mut chars = raw.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                // empty pairs left by a missing fact: "()", "\"\"", "“”"
                '(' | '"' | '“'
                    if chars.peek()
                        == Some(&match c {
                            '(' => ')',
                            '"' => '"',
                            _ => '”',
                        }) =>
                {
                    chars.next();
                }
                ' ' if line.is_empty() || line.ends_with(' ') => {}
                ',' | '.' | '!' | '?' | ':' | ';' => {
                    if line.ends_with(' ') {
                        line.pop();
                    }
                    if !(c == ',' && line.ends_with(',')) {
                        line.push(c);
                    }
                }
                c => line.push(c),
            }
        }
        let l = line.trim_end();
        if matches!(l, "-" | "–" | "—" | "*" | "•" | "," | ":") {
            continue;
        }
        if l.is_empty() {
            blank_run += 1;
            if blank_run > 1 {
                continue;
            }
        } else {
            blank_run = 0;
        }
        out.push_str(l);
        out.push('\n');
    }
    out.trim().to_string()
}

/// Text a customer must never see from us: template syntax, a lone dash line, "Hi ,".
/// It runs on every snippet filled, so it looks at eight bytes at a time for any byte that
/// can end a bad pair (`{`, `}`, `%`, `,`) or start a dash, and only such words byte by byte.
pub fn is_broken(text: &str) -> bool {
    use crate::util::{word_at, word_eq as eq};
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let end = (i + 8).min(b.len());
        if let Some(w) = word_at(b, i) {
            // every byte that matches has its bit set (and a few above a match may too): only
            // those are checked. `,` and `-` differ in the low bit only, so one test finds both;
            // any non-ASCII byte stands for the lead of a long dash.
            const LO: u64 = 0x0101_0101_0101_0101;
            let mut m = eq(w, b'{') | eq(w, b'}') | eq(w, b'%') | eq(w & !LO, b',') | (w & LO << 7);
            while m != 0 {
                if broken_at(text, i + (m.trailing_zeros() / 8) as usize) {
                    return true;
                }
                m &= m - 1;
            }
        } else if (i..end).any(|k| broken_at(text, k)) {
            return true;
        }
        i = end;
    }
    text.trim().is_empty()
}

/// Whether the byte at `i` ends a bad pair (`{{`, `{%`, `#{`, `%{`, `}}`, `%}`, " ,") or is
/// a dash alone on its line.
fn broken_at(text: &str, i: usize) -> bool {
    let b = text.as_bytes();
    let prev = if i > 0 { b[i - 1] } else { 0 };
    match b[i] {
        b'{' => matches!(prev, b'{' | b'#' | b'%'),
        b'%' => prev == b'{',
        b'}' => matches!(prev, b'}' | b'%'),
        b',' => prev == b' ',
        b'-' => alone_on_its_line(text, i, 1),
        // "–", "—"
        0xE2 => {
            matches!(
                (b.get(i + 1), b.get(i + 2)),
                (Some(0x80), Some(0x93 | 0x94))
            ) && alone_on_its_line(text, i, 3)
        }
        _ => false,
    }
}

/// Whether the `len` bytes at `at` are all their line holds, but for white space.
fn alone_on_its_line(text: &str, at: usize, len: usize) -> bool {
    let blank = |c: &char| *c != '\n';
    text[..at]
        .chars()
        .rev()
        .take_while(blank)
        .all(char::is_whitespace)
        && text[at + len..]
            .chars()
            .take_while(blank)
            .all(char::is_whitespace)
}

/// HTML for a plain text: every character escaped, line breaks as `<br>`.
pub fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' => out.push_str("<br>"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// What a snippet of the advised reply kind gains in the ranking (not in its relevance). The
/// team's dismissals of it in a situation withdraw it in proportion, so a team that keeps
/// choosing another kind gets that one first.
const LIFT: f64 = 0.3;
/// A snippet of the advised kind is lifted only if it fits the ticket this well: a plain
/// answer about invoices is no answer to a question about opening hours.
const REPLY_MIN_FIT: f64 = 0.2;

/// Fills and ranks the library for one ticket: the `n` most relevant, never a broken one.
/// `key` is the situation's learning key (`Situation::key`); `set_aside`, the snippets dismissed on
/// this ticket, come after every other one.
#[allow(clippy::too_many_arguments)]
pub fn rank(
    lib: &[Snippet],
    x: &Situation,
    key: &str,
    sheet: &FactSheet,
    learned: &learning::Learning,
    set_aside: &[Rc<str>],
    n: usize,
    with_html: bool,
) -> Vec<FilledSnippet> {
    if n == 0 {
        return Vec::new();
    }
    let learned = learned.in_situation(key);
    // the ranking key: relevance, lifted by LIFT for a snippet of the advised reply kind that
    // fits at all, so the judgement decides the first snippet and the fit orders within it
    let relevance_of = |s: &Snippet| {
        let r = fit(s, x) + learned.adjustment(&s.id);
        crate::util::larger(crate::util::smaller(r, 1.0), 0.0)
    };
    let score = |(i, s): (usize, &Snippet)| {
        let r = relevance_of(s);
        // dismissed on this very ticket: after every other one (keys of others are 0..1.3)
        if set_aside.iter().any(|d| **d == *s.id) {
            return (r - 2.0, i);
        }
        if s.reply != Some(x.reply) || r < REPLY_MIN_FIT {
            return (r, i);
        }
        // a team that keeps dismissing it here withdraws the lift: untouched up to 0.4 of the
        // largest learned shift (an odd dismissal or two), gone at 0.7 of it (a habit: about
        // ten dismissals with learning::PRIOR at 4)
        let shift = -learned.adjustment(&s.id) / learning::MAX_SHIFT;
        let kept = crate::util::larger(crate::util::smaller((0.7 - shift) / 0.3, 1.0), 0.0);
        (r + LIFT * kept, i)
    };
    // on the stack for a library of usual size: one allocation fewer per ticket
    let mut on_stack = [(0.0, 0); 64];
    let mut on_heap = Vec::new();
    let scored: &mut [(f64, usize)] = if lib.len() <= on_stack.len() {
        for (slot, v) in on_stack.iter_mut().zip(lib.iter().enumerate().map(score)) {
            *slot = v;
        }
        &mut on_stack[..lib.len()]
    } else {
        on_heap.extend(lib.iter().enumerate().map(score));
        &mut on_heap
    };
    let mut left = scored.len();
    let lookup = |p: &str| sheet.get(p);
    let mut out = Vec::with_capacity(n);
    // snippets that lack a fact they require: offered only after every complete one, so one
    // never ranks first while a complete one fits
    let mut demoted: Vec<FilledSnippet> = Vec::new();
    // one rendering (text and lists) for every snippet: the filled text is copied out once
    let mut r = template::Rendering::default();
    // the best remaining snippet, picked one at a time (ties: library order): only a few are
    // ever taken, so this does less than sorting the whole library, which may be long
    // at most 2n renderings: a library whose every fitting snippet lacks a fact must not be
    // rendered whole for every ticket
    while out.len() < n && out.len() + demoted.len() < 2 * n {
        let mut best: Option<(f64, usize, usize)> = None;
        for (k, &(r, i)) in scored[..left].iter().enumerate() {
            if best.is_none_or(|b| r > b.0 || (r == b.0 && i < b.1)) {
                best = Some((r, i, k));
            }
        }
        let Some((_, i, k)) = best else { break };
        left -= 1;
        scored.swap(k, left);
        let s = &lib[i];
        // (worked out again for the few taken rather than kept beside every key)
        let relevance = relevance_of(s);
        template::render_into(&s.template, &lookup, &mut r);
        // a template rendered with every fact it asked for is as tidy as it was written
        let tidied;
        let text = if r.missing.is_empty() {
            r.text.trim()
        } else {
            tidied = tidy(&r.text);
            &tidied
        };
        if is_broken(text) {
            continue;
        }
        let text: Rc<str> = text.into();
        let missing = &mut r.missing;
        for p in &s.requires {
            if !sheet.has(p) && !missing.contains(&p.as_str()) {
                missing.push(p);
            }
        }
        // a snippet missing what it requires, or printing around a gap, is demoted and flagged
        let complete = missing.is_empty();
        let relevance = if complete { relevance } else { relevance * 0.3 };
        let to = if complete { &mut out } else { &mut demoted };
        to.push(FilledSnippet {
            index: i,
            id: s.id.clone(),
            category: s.category.clone(),
            title: s.title.clone(),
            tone: s.tone,
            relevance: crate::util::round2(relevance),
            html: with_html.then(|| html(&text)),
            text,
            facts_used: {
                let mut used = Vec::with_capacity(r.used.len());
                used.extend(r.used.iter().filter_map(|p| {
                    let i = fact_index(p)?;
                    let (v, src) = sheet.slot(p)?;
                    let value = sheet.shown[i]
                        .get_or_init(|| match v {
                            // text is shown as it is: the fact's own string, shared
                            Value::Text(t) => t.clone(),
                            v => {
                                let mut text = String::new();
                                v.render_into(&mut text);
                                text.into()
                            }
                        })
                        .clone();
                    Some(FactUsed {
                        fact: FACTS[i],
                        value,
                        source: src.clone(),
                    })
                }));
                used
            },
            missing_facts: missing.iter().map(|m| m.to_string()).collect(),
        });
    }
    // both lists are in the order picked: best key first
    out.extend(demoted.into_iter().take(n - out.len()));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_library_is_large_and_valid() {
        let lib = builtin_library();
        assert!(lib.len() >= 40, "{}", lib.len());
        for cat in [
            "apology",
            "ownership",
            "churn_save",
            "birthday",
            "anniversary",
            "welcome_back",
            "check_in",
            "praise",
            "feedback_request",
            "order_status",
            "password_reset",
            "invoice",
        ] {
            assert!(lib.iter().any(|s| &*s.category == cat), "no {cat} snippet");
        }
    }

    #[test]
    fn fact_index_finds_every_fact_and_nothing_else() {
        for (i, f) in FACTS.iter().enumerate() {
            assert_eq!(fact_index(f), Some(i), "{f}");
        }
        for p in [
            "",
            "x",
            "customer",
            "customer.nam",
            "customer.namE",
            "band.",
            "ticket.idx",
        ] {
            assert_eq!(fact_index(p), None, "{p}");
        }
    }

    #[test]
    fn tidy_removes_gaps() {
        assert_eq!(
            tidy("Hi ,\n\n\n-\nThanks  for () it ."),
            "Hi,\n\nThanks for it."
        );
        assert!(
            is_broken("Hi {{ name }}")
                && is_broken("a\n-\nb")
                && is_broken("Hi , there")
                && !is_broken("Hi, there")
        );
    }

    #[test]
    fn html_escapes_everything() {
        assert_eq!(
            html("<b>\"x\" & 'y'</b>\nz"),
            "&lt;b&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/b&gt;<br>z"
        );
    }

    #[test]
    fn library_errors_name_snippet_field_and_position() {
        let e = library(&serde_json::json!([{"id": "a", "body": "ok"}, {"id": "b", "body": "Hi\n{{ customer.first_name | nope }}"}]), "snippets").unwrap_err();
        assert_eq!(e.path, "snippets[1].body");
        assert!(e.message.starts_with("line 2, column"), "{}", e.message);
        let e = library(
            &serde_json::json!([{"id": "a", "body": "{{ customer.shoe_size }}"}]),
            "snippets",
        )
        .unwrap_err();
        assert!(e.message.contains("unknown fact"), "{e}");
        let e = library(
            &serde_json::json!([{"id": "a", "body": "x"}, {"id": "a", "body": "y"}]),
            "snippets",
        )
        .unwrap_err();
        assert_eq!(e.path, "snippets[1].id");
        let e = library(
            &serde_json::json!([{"id": "a", "body": "x", "fits": {"bands": ["urgent"]}}]),
            "snippets",
        )
        .unwrap_err();
        assert_eq!(e.path, "snippets[0].fits.bands[0]");
    }
}
