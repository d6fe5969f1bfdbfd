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
    /// The id, the subject and the tags in one allocation (`TicketText`): `id()`, `subject()`,
    /// `tags()`.
    text: TicketText,
    pub created_at: i64,
    pub solved_at: MaybeTime,
    pub channel: Option<Rc<str>>,
    /// Customer satisfaction 1..5.
    pub csat: MaybeNumber,
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
/// lean fields of `TicketRecord` (its strings in one box, `MaybeTime`) a ticket costs 72 bytes
/// in the .wasm instead of 112 (`node benches/store-memory.mjs`, whose figures are in `record_index.rs`).
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

/// A ticket's id, subject and tags in one allocation: the id, then the subject, then each tag
/// after a NUL (so a tag with a NUL in it reads as two tags). Each ticket held three (the id, the
/// subject and the tags' list, each with the allocator's header and rounding); one saves about
/// 16 bytes a ticket (`node benches/store-memory.mjs`).
#[derive(Clone, PartialEq)]
struct TicketText {
    text: Box<str>,
    /// Where the id ends (ids are at most 200 characters: `Obj::opt_id`).
    id_end: u16,
    /// Where the subject ends, `NO_SUBJECT` for none (told apart from an empty one).
    subject_end: u32,
}

const NO_SUBJECT: u32 = u32::MAX;

impl TicketText {
    fn new(id: &str, subject: Option<&str>, tags: &[String]) -> TicketText {
        let mut s = String::with_capacity(
            id.len()
                + subject.map_or(0, str::len)
                + tags.iter().map(|t| t.len() + 1).sum::<usize>(),
        );
        s.push_str(id);
        let id_end = s.len() as u16;
        s.push_str(subject.unwrap_or_default());
        let subject_end = if subject.is_some() {
            s.len() as u32
        } else {
            NO_SUBJECT
        };
        for t in tags {
            s.push('\0');
            s.push_str(t);
        }
        TicketText {
            text: s.into_boxed_str(),
            id_end,
            subject_end,
        }
    }

    fn subject_end(&self) -> usize {
        if self.subject_end == NO_SUBJECT {
            self.id_end as usize
        } else {
            self.subject_end as usize
        }
    }
}

impl std::fmt::Debug for TicketText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.text.fmt(f)
    }
}

impl TicketRecord {
    pub fn id(&self) -> &str {
        &self.text.text[..self.text.id_end as usize]
    }

    pub fn subject(&self) -> Option<&str> {
        (self.text.subject_end != NO_SUBJECT)
            .then(|| &self.text.text[self.text.id_end as usize..self.text.subject_end()])
    }

    pub fn tags(&self) -> impl Iterator<Item = &str> {
        let rest = &self.text.text[self.text.subject_end()..];
        rest.split('\0').skip(1)
    }

    /// The text a past ticket's topics are read from: its subject and tags.
    pub fn topic_text(&self) -> String {
        let mut s = self.subject().unwrap_or_default().to_string();
        for t in self.tags() {
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

impl CustomerRef {
    /// Neither an id nor an email: a sender the page did not show.
    pub fn names_no_one(&self) -> bool {
        self.id.is_none() && self.email.is_none()
    }
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
            .map(|s| crate::util::lower(s.trim()))
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
            text: TicketText::new(
                &o.req_id("id")?,
                o.opt_str("subject")?.as_deref(),
                &o.opt_strings("tags")?,
            ),
            created_at,
            solved_at: solved_at.into(),
            channel: o
                .opt_str("channel")?
                .map(|c| crate::util::lower(c.trim()))
                .filter(|c| !c.is_empty())
                .map(|c| strings.share(&c)),
            csat: o.opt_num("csat", 1.0, 5.0)?.into(),
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
    let kind = match crate::util::lower(o.req_str("kind")?.trim()).as_str() {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn read(v: Value) -> TicketRecord {
        ticket(&v, "tickets[0]", &mut Interner::default())
            .unwrap()
            .1
    }

    #[test]
    fn a_tickets_id_subject_and_tags_share_one_allocation_and_read_back_whole() {
        let t = read(
            serde_json::json!({"id": " T-1 ", "customerId": "c", "createdAt": "2026-01-01",
            "subject": "Wrong size 👟", "tags": ["shoes", "", "a\u{0}b", "vip"]}),
        );
        assert_eq!(t.id(), "T-1");
        assert_eq!(t.subject(), Some("Wrong size 👟"));
        assert_eq!(t.tags().collect::<Vec<_>>(), ["shoes", "", "a", "b", "vip"]);
        assert_eq!(t.topic_text(), "Wrong size 👟 shoes  a b vip");
        // no subject is not an empty one; no tags is none
        let t =
            read(serde_json::json!({"id": "T-2", "customerId": "c", "createdAt": "2026-01-01"}));
        assert_eq!((t.id(), t.subject(), t.tags().count()), ("T-2", None, 0));
        let t = read(
            serde_json::json!({"id": "T-3", "customerId": "c", "createdAt": "2026-01-01", "subject": "", "tags": ["x"]}),
        );
        assert_eq!(
            (t.subject(), t.tags().collect::<Vec<_>>()),
            (Some(""), vec!["x"])
        );
        let long = "é".repeat(200);
        let t = read(
            serde_json::json!({"id": long, "customerId": "c", "createdAt": "2026-01-01", "subject": "s"}),
        );
        assert_eq!((t.id(), t.subject()), (&*long, Some("s")));
    }
}
