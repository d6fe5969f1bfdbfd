//! What was seen, as the rows of `exportLearning` and back (`importLearning`): each row carries
//! a `record` field (`assessment`, `sent`, `contact`), which the ranking rows do not have.

#[cfg(test)]
use super::same_customer;
use super::{Assessed, Contact, Same, Seen, Sent};
use crate::history::records::CustomerRef;
use crate::input::{err, object, InputError, Obj, Result};
use crate::score::{Band, FollowUp};
use crate::snippets::Tone;
use crate::text::Kind;
use serde::ser::SerializeSeq;
use serde::Serialize;
use serde_json::Value;

impl Seen {
    /// The rows of an export, written one by one as they are serialized (nothing copied).
    pub fn export(&self) -> SeenRows<'_> {
        SeenRows(self)
    }

    /// Writes each row as an element of `seq`.
    pub fn serialize_rows<S: SerializeSeq>(
        &self,
        seq: &mut S,
    ) -> std::result::Result<(), S::Error> {
        for a in &self.assessed {
            seq.serialize_element(&SeenRow::Assessment {
                ticket_id: &a.ticket_id,
                customer_id: a.customer.id.as_deref(),
                customer_email: a.customer.email.as_deref(),
                customer_name: a.name.as_deref(),
                at: iso(a.at),
                score: a.score,
                band: a.band,
                intent: &a.intent,
                intent_kind: a.kind,
                unsure: a.unsure,
                follow_up_days: a.follow_up.as_ref().map(|f| f.in_days),
                follow_up_reason: a.follow_up.as_ref().map(|f| f.reason.as_str()),
                closed: a.closed,
            })?;
        }
        for s in &self.sent {
            seq.serialize_element(&SeenRow::Sent {
                ticket_id: &s.ticket_id,
                customer_id: s.customer.id.as_deref(),
                customer_email: s.customer.email.as_deref(),
                snippet_id: &s.snippet_id,
                tone: s.tone,
                action: if s.edited { "edited" } else { "inserted" },
                at: s.at.map(iso),
            })?;
        }
        for c in &self.contacts {
            seq.serialize_element(&SeenRow::Contact {
                customer_id: c.customer.id.as_deref(),
                customer_email: c.customer.email.as_deref(),
                at: iso(c.at),
            })?;
        }
        Ok(())
    }

    /// Reads the rows of an export that carry a `record` (the others are the rankings',
    /// `Learning::import` reads them). A bad row is left out and returned with its index and
    /// error (which names the row and field, `learning[i].…`); the others are read.
    #[cfg(test)]
    pub fn import(v: &Value) -> Result<(Seen, Vec<(usize, Box<InputError>)>)> {
        let mut seen = Seen::default();
        let mut bad = Vec::new();
        for (i, row) in crate::input::array(v, "learning")?.iter().enumerate() {
            if let Err(e) = seen.row(row, i, &same_customer) {
                bad.push((i, e));
            }
        }
        Ok((seen, bad))
    }

    /// Reads one row of an export into `self` (nothing for a ranking row).
    pub(crate) fn row(&mut self, row: &Value, i: usize, same: Same) -> Result<()> {
        let o = object(row, &format!("learning[{i}]"))?;
        let record = o
            .get("record")
            .map(|r| r.as_str().unwrap_or("").to_string());
        match o.pick("record", record, &["assessment", "sent", "contact"])? {
            None => {}
            Some(0) => self.assessed_by(assessment(&o)?, same),
            Some(1) => {
                o.only(&[
                    "record",
                    "ticketId",
                    "customerId",
                    "customerEmail",
                    "snippetId",
                    "tone",
                    "action",
                    "at",
                ])?;
                let action = Some(o.req_str("action")?);
                let edited = o.pick("action", action, &["inserted", "edited"])? == Some(1);
                let tone = o.opt_str("tone")?;
                self.sent(Sent {
                    ticket_id: o.req_id("ticketId")?,
                    // (an export of before session 53 names no customer: any one's ticket)
                    customer: CustomerRef {
                        id: o.opt_id("customerId")?,
                        email: o.opt_email("customerEmail")?,
                    },
                    snippet_id: o.req_id("snippetId")?,
                    tone: match o.pick("tone", tone, &["concise", "personal", "ownership"])? {
                        None => None,
                        Some(0) => Some(Tone::Concise),
                        Some(1) => Some(Tone::Personal),
                        Some(_) => Some(Tone::Ownership),
                    },
                    edited,
                    at: o.opt_date("at")?,
                });
            }
            Some(_) => {
                o.only(&["record", "customerId", "customerEmail", "at"])?;
                self.contacted(Contact {
                    customer: customer_ref(&o)?,
                    at: o.req_date("at")?,
                });
            }
        }
        Ok(())
    }
}

fn customer_ref(o: &Obj) -> Result<CustomerRef> {
    let r = CustomerRef {
        id: o.opt_id("customerId")?,
        email: o.opt_email("customerEmail")?,
    };
    if r.names_no_one() {
        return err(&o.at("customerId"), "is required (or customerEmail)");
    }
    Ok(r)
}

fn assessment(o: &Obj) -> Result<Assessed> {
    o.only(&[
        "record",
        "ticketId",
        "customerId",
        "customerEmail",
        "customerName",
        "at",
        "score",
        "band",
        "intent",
        "intentKind",
        "unsure",
        "followUpDays",
        "followUpReason",
        "closed",
    ])?;
    let band = Some(o.req_str("band")?);
    let band = match o.pick("band", band, &["transactional", "relational", "critical"])? {
        Some(0) => Band::Transactional,
        Some(1) => Band::Relational,
        _ => Band::Critical,
    };
    let kind = Kind::parse(&o.req_str("intentKind")?).ok_or_else(|| InputError {
        path: o.at("intentKind"),
        message: "expected \"transactional\" or \"relational\"".into(),
    })?;
    let follow_up = match o.opt_num("followUpDays", 0.0, 365.0)? {
        Some(d) => Some(FollowUp {
            in_days: d as u32,
            reason: o.opt_str("followUpReason")?.unwrap_or_default(),
        }),
        None => None,
    };
    Ok(Assessed {
        ticket_id: o.req_id("ticketId")?,
        // a ticket from an unknown sender is assessed (and exported) with no customer
        customer: CustomerRef {
            id: o.opt_id("customerId")?,
            email: o.opt_email("customerEmail")?,
        },
        name: o.opt_str("customerName")?,
        at: o.req_date("at")?,
        score: o.opt_num("score", 0.0, 100.0)?.unwrap_or(0.0) as i32,
        band,
        intent: o.req_str("intent")?,
        kind,
        unsure: o.flag("unsure")?,
        follow_up,
        closed: o.flag("closed")?,
    })
}

/// What was seen, as export rows (`Seen::export`).
pub struct SeenRows<'a>(&'a Seen);

impl Serialize for SeenRows<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.0.len()))?;
        self.0.serialize_rows(&mut seq)?;
        seq.end()
    }
}

/// One exported row of what was seen, borrowing from the record.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "record", rename_all = "lowercase")]
pub enum SeenRow<'a> {
    #[serde(rename_all = "camelCase")]
    Assessment {
        ticket_id: &'a str,
        #[serde(skip_serializing_if = "Option::is_none")]
        customer_id: Option<&'a str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        customer_email: Option<&'a str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        customer_name: Option<&'a str>,
        at: String,
        score: i32,
        band: Band,
        intent: &'a str,
        intent_kind: Kind,
        #[serde(skip_serializing_if = "std::ops::Not::not")]
        unsure: bool,
        #[serde(skip_serializing_if = "Option::is_none")]
        follow_up_days: Option<u32>,
        #[serde(skip_serializing_if = "Option::is_none")]
        follow_up_reason: Option<&'a str>,
        #[serde(skip_serializing_if = "std::ops::Not::not")]
        closed: bool,
    },
    #[serde(rename_all = "camelCase")]
    Sent {
        ticket_id: &'a str,
        #[serde(skip_serializing_if = "Option::is_none")]
        customer_id: Option<&'a str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        customer_email: Option<&'a str>,
        snippet_id: &'a str,
        #[serde(skip_serializing_if = "Option::is_none")]
        tone: Option<Tone>,
        action: &'static str,
        #[serde(skip_serializing_if = "Option::is_none")]
        at: Option<String>,
    },
    #[serde(rename_all = "camelCase")]
    Contact {
        #[serde(skip_serializing_if = "Option::is_none")]
        customer_id: Option<&'a str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        customer_email: Option<&'a str>,
        at: String,
    },
}

/// `YYYY-MM-DDTHH:MM:SSZ` (whole seconds; the milliseconds are kept when there are some), so
/// an export reads back to the same instant.
pub fn iso(ms: i64) -> String {
    let mut s = String::with_capacity(24);
    crate::time::push_date(&mut s, ms);
    let t = ms.rem_euclid(crate::time::MS_PER_DAY);
    let (h, m, sec, milli) = (t / 3_600_000, t / 60_000 % 60, t / 1000 % 60, t % 1000);
    for (sep, v) in [('T', h), (':', m), (':', sec)] {
        s.push(sep);
        crate::util::push_digits(&mut s, v as u64, 2);
    }
    if milli != 0 {
        s.push('.');
        crate::util::push_digits(&mut s, milli as u64, 3);
    }
    s.push('Z');
    s
}
