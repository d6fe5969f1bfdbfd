//! History records (contract v1 of PRODUCT.md) and their validation from JSON-shaped input.

use crate::input::{object, Obj, Result};
use crate::util::Interner;
use serde_json::Value;
use std::rc::Rc;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct CustomerRecord {
    pub id: Option<String>,
    pub email: Option<String>,
    pub name: Option<String>,
    pub since: Option<i64>,
    pub birthday: Option<i64>,
    pub tier: Option<Rc<str>>,
    pub lifetime_value: Option<f64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TicketRecord {
    pub id: Box<str>,
    pub created_at: i64,
    pub solved_at: MaybeTime,
    pub channel: Option<Rc<str>>,
    pub subject: Option<Box<str>>,
    /// Customer satisfaction 1..5.
    pub csat: MaybeNumber,
    pub tags: Box<[String]>,
    /// Length of the conversation (chat or call), seconds: one of the channel-preference inputs.
    pub duration_seconds: MaybeNumber,
    /// The topics of the subject and tags, worked out the first time an assessment asks
    /// (every open ticket of the customer would otherwise read them again).
    pub topics: TopicCache,
    /// The subject as `text::same_problem` reads it, read on first use.
    pub problem: ProblemCache,
}

/// An optional number in 8 bytes, where `Option<f64>` takes 16: NaN is none (no input holds
/// a NaN: JSON has none, and the readers refuse what is not a finite number). With the other
/// lean fields of `TicketRecord` (boxed strings, `MaybeTime`) a ticket costs 80 bytes in the
/// .wasm instead of 112 (`node benches/store-memory.mjs`, whose figures are in `record_index.rs`).
#[derive(Clone, Copy)]
pub struct MaybeNumber(f64);

impl MaybeNumber {
    pub const NONE: MaybeNumber = MaybeNumber(f64::NAN);

    pub fn get(self) -> Option<f64> {
        (!self.0.is_nan()).then_some(self.0)
    }

    pub fn is_some(self) -> bool {
        !self.0.is_nan()
    }
}

impl From<Option<f64>> for MaybeNumber {
    fn from(v: Option<f64>) -> Self {
        MaybeNumber(v.filter(|x| !x.is_nan()).unwrap_or(f64::NAN))
    }
}

impl PartialEq for MaybeNumber {
    fn eq(&self, o: &Self) -> bool {
        self.get() == o.get()
    }
}

impl std::fmt::Debug for MaybeNumber {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.get().fmt(f)
    }
}

/// An optional time (ms since 1970) in 8 bytes: `i64::MIN` is none (dates are read within
/// years 1900 to 2200, far above it: `time::parse_iso`).
#[derive(Clone, Copy, PartialEq)]
pub struct MaybeTime(i64);

impl MaybeTime {
    pub const NONE: MaybeTime = MaybeTime(i64::MIN);

    pub fn get(self) -> Option<i64> {
        (self.0 != i64::MIN).then_some(self.0)
    }
}

impl From<Option<i64>> for MaybeTime {
    fn from(v: Option<i64>) -> Self {
        MaybeTime(v.filter(|x| *x != i64::MIN).unwrap_or(i64::MIN))
    }
}

impl std::fmt::Debug for MaybeTime {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.get().fmt(f)
    }
}

/// Topic labels as bits (`TextAnalyzer::topic_mask`), once known: bit 31 says it is known.
/// Four bytes on each of up to a million records. A cache: it never makes two records differ.
#[derive(Debug, Clone, Default)]
pub struct TopicCache(std::cell::Cell<u32>);

impl TopicCache {
    const KNOWN: u32 = 1 << 31;

    pub fn get_or(&self, compute: impl FnOnce() -> u32) -> u32 {
        let v = self.0.get();
        if v & Self::KNOWN != 0 {
            return v & !Self::KNOWN;
        }
        let m = compute() & !Self::KNOWN;
        self.0.set(m | Self::KNOWN);
        m
    }
}

impl PartialEq for TopicCache {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

/// A ticket's subject as `text::same_problem` compares it (`Earlier`), read once like the
/// topics: each assessment of a large account's ticket compares it with thousands of earlier
/// ones. A cache, so never part of the record's equality.
#[derive(Debug, Clone, Default)]
pub struct ProblemCache(std::cell::OnceCell<crate::text::same_problem::Earlier>);

impl ProblemCache {
    pub fn get_or(
        &self,
        read: impl FnOnce() -> crate::text::same_problem::Earlier,
    ) -> &crate::text::same_problem::Earlier {
        self.0.get_or_init(read)
    }
}

impl PartialEq for ProblemCache {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl TicketRecord {
    /// The text a past ticket's topics are read from: its subject and tags.
    pub fn topic_text(&self) -> String {
        let mut s = self.subject.as_deref().unwrap_or_default().to_string();
        for t in &self.tags {
            s.push(' ');
            s.push_str(t);
        }
        s
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct OrderRecord {
    pub id: String,
    pub at: i64,
    pub total: Option<f64>,
    pub currency: Option<Rc<str>>,
    pub items: Vec<Rc<str>>,
    pub status: Option<Rc<str>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SurveyKind {
    Nps,
    Csat,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SurveyRecord {
    pub at: i64,
    pub kind: SurveyKind,
    pub score: f64,
}

/// Who a record belongs to: an id, an email, or both.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CustomerRef {
    pub id: Option<String>,
    pub email: Option<String>,
}

/// Largest amount accepted as a lifetime value or an order total: beyond it is a unit error.
pub const MAX_AMOUNT: f64 = 1e9;

fn customer_ref(o: &Obj) -> Result<CustomerRef> {
    let id = o.opt_id("customerId")?;
    let email = o.opt_email("customerEmail")?;
    if id.is_none() && email.is_none() {
        return crate::input::err(&o.at("customerId"), "is required (or customerEmail)");
    }
    Ok(CustomerRef { id, email })
}

/// Records are read from JSON-shaped values; `strings` shares their repetitive short fields.
pub fn customer(v: &Value, path: &str, strings: &mut Interner) -> Result<CustomerRecord> {
    let o = object(v, path)?;
    let id = o.opt_id("id")?;
    let email = o.opt_email("email")?;
    if id.is_none() && email.is_none() {
        return crate::input::err(&o.at("id"), "is required (or email)");
    }
    Ok(CustomerRecord {
        id,
        email,
        name: o.opt_name("name")?,
        since: o.opt_date("since")?,
        birthday: o.opt_date("birthday")?,
        tier: o
            .opt_str("tier")?
            .map(|s| s.trim().to_lowercase())
            .filter(|s| !s.is_empty())
            .map(|s| strings.share(&s)),
        lifetime_value: o.opt_num("lifetimeValue", 0.0, MAX_AMOUNT)?,
    })
}

pub fn ticket(
    v: &Value,
    path: &str,
    strings: &mut Interner,
) -> Result<(CustomerRef, TicketRecord)> {
    let o = object(v, path)?;
    let who = customer_ref(&o)?;
    let created_at = o.req_date("createdAt")?;
    let solved_at = o.opt_date("solvedAt")?;
    if let Some(s) = solved_at {
        if s < created_at {
            return crate::input::err(&o.at("solvedAt"), "is before createdAt");
        }
    }
    Ok((
        who,
        TicketRecord {
            id: o.req_id("id")?.into(),
            created_at,
            solved_at: solved_at.into(),
            channel: o
                .opt_str("channel")?
                .map(|c| c.trim().to_lowercase())
                .filter(|c| !c.is_empty())
                .map(|c| strings.share(&c)),
            subject: o.opt_str("subject")?.map(String::into_boxed_str),
            csat: o.opt_num("csat", 1.0, 5.0)?.into(),
            tags: o.opt_strings("tags")?.into_boxed_slice(),
            duration_seconds: o.opt_num("durationSeconds", 0.0, 30.0 * 86_400.0)?.into(),
            topics: TopicCache::default(),
            problem: ProblemCache::default(),
        },
    ))
}

pub fn order(v: &Value, path: &str, strings: &mut Interner) -> Result<(CustomerRef, OrderRecord)> {
    let o = object(v, path)?;
    let who = customer_ref(&o)?;
    Ok((
        who,
        OrderRecord {
            id: o.req_id("id")?,
            at: o.req_date("at")?,
            total: o.opt_num("total", 0.0, MAX_AMOUNT)?,
            currency: o.opt_str("currency")?.map(|c| strings.share(&c)),
            items: o
                .opt_strings("items")?
                .iter()
                .map(|i| strings.share(i))
                .collect(),
            status: o.opt_str("status")?.map(|c| strings.share(&c)),
        },
    ))
}

pub fn survey(v: &Value, path: &str) -> Result<(CustomerRef, SurveyRecord)> {
    let o = object(v, path)?;
    let who = customer_ref(&o)?;
    let kind = match o.req_str("kind")?.trim().to_lowercase().as_str() {
        "nps" => SurveyKind::Nps,
        "csat" => SurveyKind::Csat,
        other => {
            return crate::input::err(
                &o.at("kind"),
                format!(
                    "expected \"nps\" or \"csat\", got \"{}\"",
                    crate::util::clip(other, 20)
                ),
            )
        }
    };
    let (lo, hi) = if kind == SurveyKind::Nps {
        (0.0, 10.0)
    } else {
        (1.0, 5.0)
    };
    let score = o
        .opt_num("score", lo, hi)?
        .ok_or_else(|| crate::input::InputError {
            path: o.at("score"),
            message: "is required".into(),
        })?;
    Ok((
        who,
        SurveyRecord {
            at: o.req_date("at")?,
            kind,
            score,
        },
    ))
}
