//! Feedback and what is learned from it: what was proposed for each ticket (so feedback is
//! learned in its situation), the feedback log, and the learning's export and import.

use super::{Engine, FeedbackAction};
use crate::history::records::CustomerRef;
use crate::history::store::Rejected;
use crate::input::{array, object, InputError, Result};
use crate::seen::Seen;
use crate::snippets::learning::{self, Learning};
use crate::snippets::FilledSnippet;
use serde::Serialize;
use serde_json::Value;
use std::collections::VecDeque;

#[derive(Debug, Clone, PartialEq)]
pub struct FeedbackEvent {
    pub ticket_id: String,
    /// Whose ticket, when the page said (`customer: { id?, email? }`): two desks both at #1001.
    pub customer: Option<CustomerRef>,
    pub snippet_id: String,
    pub action: FeedbackAction,
    pub at: Option<i64>,
    pub text: Option<String>,
}
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FeedbackReceipt {
    /// Events recorded so far in this engine.
    pub recorded: usize,
}

/// Feedback kept in memory; the oldest events go first beyond this many.
pub const MAX_FEEDBACK: usize = 100_000;
/// What `import_learning` read: the rows kept, and each row left out with where and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LearningImport {
    pub imported: usize,
    pub rejected: Vec<Rejected>,
}

impl Engine {
    pub(super) fn remember(
        &self,
        ticket: &str,
        customer: &CustomerRef,
        situation: String,
        filled: &[FilledSnippet],
    ) {
        let same = |x: &CustomerRef, y: &CustomerRef| self.same_customer(x, y);
        self.proposed
            .borrow_mut()
            .remember(ticket, customer, situation, filled, &same);
    }

    pub fn learning(&self) -> &Learning {
        &self.learning
    }

    /// What was learned: the rankings' rows, then what was seen (`crate::seen`).
    pub fn export_learning(&self) -> LearningRows<'_> {
        LearningRows {
            ranking: self.learning.export(),
            seen: self.seen.borrow(),
        }
    }

    /// Replaces what is learned with exported rows (both kinds). A bad row is left out and
    /// reported with its index, field and reason, and the good rows are read; when every row
    /// is bad, what was learned stays as it was (an empty list still empties it). An input
    /// that is not a list is an error, and changes nothing.
    pub fn import_learning(&mut self, v: &Value) -> Result<LearningImport> {
        // one pass: a ranking row goes to the rankings, a row with a `record` to what was
        // seen (a row that is no object at all is refused by the first)
        let (mut tallies, mut seen, mut rejected) = (Vec::new(), Seen::default(), Vec::new());
        let rows = array(v, "learning")?;
        for (i, row) in rows.iter().enumerate() {
            let read = match Learning::row(row, i) {
                Ok(Some(t)) => {
                    tallies.push(t);
                    Ok(())
                }
                Ok(None) => seen.row(row, i, &|x, y| self.same_customer(x, y)),
                Err(e) => Err(e),
            };
            if let Err(e) = read {
                rejected.push(Rejected {
                    kind: "learning".into(),
                    index: i,
                    field: e.path,
                    reason: e.message,
                });
            }
        }
        let imported = rows.len() - rejected.len();
        if imported > 0 || rejected.is_empty() {
            self.learning = Learning::from_rows(tallies);
            *self.seen.borrow_mut() = seen;
            // the snippets set aside on a ticket were taught by the feedback replaced here
            self.proposed.borrow_mut().clear_dismissals();
        }
        Ok(LearningImport { imported, rejected })
    }

    /// Whether two references name one customer: by `seen::same_customer`, or because the
    /// history holds them as one (an id on one page, the address on another).
    pub(crate) fn same_customer(&self, x: &CustomerRef, y: &CustomerRef) -> bool {
        crate::seen::same_customer(x, y)
            || self
                .store
                .resolve(x)
                .is_some_and(|i| self.store.resolve(y) == Some(i))
    }

    /// Forgets what feedback taught and what the engine has seen.
    pub fn reset_learning(&mut self) {
        self.learning = Learning::default();
        *self.seen.borrow_mut() = Default::default();
        // the snippets set aside on a ticket were taught by feedback too
        self.proposed.borrow_mut().clear_dismissals();
    }

    /// Validates and records an agent's response to a snippet.
    pub fn feedback(&mut self, event: &Value) -> Result<FeedbackReceipt> {
        let o = object(event, "feedback")?;
        o.only(&[
            "ticketId",
            "customer",
            "snippetId",
            "action",
            "at",
            "text",
            "agent",
        ])?;
        let action = match o.req_str("action")?.as_str() {
            "inserted" => FeedbackAction::Inserted,
            "edited" => FeedbackAction::Edited,
            "dismissed" => FeedbackAction::Dismissed,
            other => {
                return Err(InputError {
                    path: o.at("action"),
                    message: format!(
                        "expected \"inserted\", \"edited\" or \"dismissed\", got \"{}\"",
                        crate::util::clip(other, 20)
                    ),
                }
                .into())
            }
        };
        let customer = match o.get("customer") {
            Some(c) => {
                let c = object(c, &o.at("customer"))?;
                // (the ticket's customer object as `assess` took it; a misspelt key is refused)
                c.only(&["id", "email", "name"])?;
                let r = CustomerRef {
                    id: c.opt_id("id")?,
                    email: c.opt_email("email")?,
                };
                // one that names no one is no customer: else it would read as every
                // customer's ticket of that number (`seen::SentByTicket::on`)
                (!r.names_no_one()).then_some(r)
            }
            None => None,
        };
        let mut e = FeedbackEvent {
            ticket_id: o.req_id("ticketId")?,
            customer,
            snippet_id: o.req_id("snippetId")?,
            action,
            at: o.opt_date("at")?,
            text: o.opt_str("text")?,
        };
        // learn in the situation the snippet was proposed in, when it was proposed on this
        // customer's ticket; a feedback that names no customer is about the ticket of this
        // number assessed last (the one the agent has open)
        let same = |x: &CustomerRef, y: &CustomerRef| self.same_customer(x, y);
        let mut proposed = self.proposed.borrow_mut();
        let (situation, share) = match proposed.find(&e.ticket_id, e.customer.as_ref(), &same) {
            Some(p) => {
                e.customer.get_or_insert_with(|| p.customer.clone());
                if e.action == FeedbackAction::Dismissed {
                    p.dismiss(&e.snippet_id);
                }
                let proposed = p.text_of(&e.snippet_id);
                let share = match (e.action, proposed, e.text.as_deref()) {
                    (FeedbackAction::Edited, Some(a), Some(b)) => Some(learning::edit_share(a, b)),
                    _ => None,
                };
                (p.situation.clone(), share)
            }
            None => ("any".to_string(), None),
        };
        if let (FeedbackAction::Inserted | FeedbackAction::Edited, Some(c)) =
            (e.action, &e.customer)
        {
            // taken back on each of her proposals (two references the history joined can
            // have made two; the next assessment folds them)
            proposed.take_back(&e.ticket_id, c, &e.snippet_id, &same);
        }
        drop(proposed);
        self.learning
            .record(&situation, &e.snippet_id, e.action, share);
        self.note_sent(&e);
        // a ring: the oldest event goes in O(1) (`Vec::remove(0)` moved all 100,000 others)
        if self.feedback.len() >= MAX_FEEDBACK {
            self.feedback.pop_front();
        }
        self.feedback.push_back(e);
        Ok(FeedbackReceipt {
            recorded: self.feedback.len(),
        })
    }

    pub fn feedback_events(&self) -> &VecDeque<FeedbackEvent> {
        &self.feedback
    }

    /// A snippet sent (inserted or edited) is what insights measure; one sent from the
    /// outreach list is a contact with that customer.
    fn note_sent(&self, e: &FeedbackEvent) {
        if e.action == FeedbackAction::Dismissed {
            return;
        }
        // (the lean build lists no outreach, so nothing sent there is an outreach contact)
        #[cfg(feature = "outreach")]
        {
            let outreached = self.outreached.borrow();
            if let Some((_, who)) = outreached.1.iter().find(|x| x.0 == e.ticket_id) {
                self.seen.borrow_mut().contacted(crate::seen::Contact {
                    customer: who.clone(),
                    at: e.at.unwrap_or(outreached.0),
                });
                return;
            }
        }
        let tone = self
            .library()
            .iter()
            .find(|s| *s.id == *e.snippet_id)
            .map(|s| s.tone);
        let mut seen = self.seen.borrow_mut();
        // named by neither the feedback nor a proposal: the customer of the ticket's latest
        // record by the time it was sent, if any
        let customer = e.customer.clone().unwrap_or_else(|| {
            seen.get(&e.ticket_id, |a| e.at.is_none_or(|t| a.at <= t))
                .map(|a| a.customer.clone())
                .unwrap_or_default()
        });
        seen.sent(crate::seen::Sent {
            ticket_id: e.ticket_id.clone(),
            customer,
            snippet_id: e.snippet_id.clone(),
            tone,
            edited: e.action == FeedbackAction::Edited,
            at: e.at,
        });
    }
}

/// The rows of `export_learning`: the ranking tallies, then what the engine saw (written
/// from its record as it is serialized), as one JSON array.
pub struct LearningRows<'a> {
    pub ranking: Vec<learning::LearnedRow>,
    pub seen: std::cell::Ref<'a, crate::seen::Seen>,
}

impl LearningRows<'_> {
    pub fn len(&self) -> usize {
        self.ranking.len() + self.seen.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl Serialize for LearningRows<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut seq = s.serialize_seq(Some(self.len()))?;
        for r in &self.ranking {
            seq.serialize_element(r)?;
        }
        self.seen.serialize_rows(&mut seq)?;
        seq.end()
    }
}
