//! The Engine: owns the configuration, the text analyzer, the history Store and the feedback
//! log, and turns a ticket into an Assessment. Inputs are JSON-shaped values (what the binding
//! layer converts JS objects into); `now` is always an input, so results are reproducible.

use crate::config::Config;
use crate::history::{facts, CustomerFacts, LoadReport, Store};
use crate::input::{array, object, InputError, Result};
use crate::score::{self, Band, ChannelAdvice, FollowUp, Route};
use crate::signals::{self, history::HistoryContext, Reason};
use crate::text::sentiment::Sentiment;
use crate::text::{Cues, Emotions, Intent, Kind, Match, TextAnalyzer, TextSignals};
use crate::ticket::{self, Ticket};
use serde::Serialize;
use serde_json::Value;

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Assessment {
    pub ticket_id: String,
    /// 0..100, exactly the sum of `reasons[].points`.
    pub score: i32,
    pub band: Band,
    pub route: Route,
    /// Largest contributions first.
    pub reasons: Vec<Reason>,
    pub intent: Intent,
    pub sentiment: Sentiment,
    pub emotions: Emotions,
    pub cues: Cues,
    /// Every cue and emotion found in the customer's words, with its place.
    pub matches: Vec<Match>,
    pub customer: CustomerFacts,
    pub channel: ChannelAdvice,
    pub follow_up: Option<FollowUp>,
    /// Reply snippets ranked for this ticket (the snippet library is not part of this build yet).
    pub snippets: Vec<Value>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct FeedbackEvent {
    pub ticket_id: String,
    pub snippet_id: String,
    pub action: FeedbackAction,
    pub at: Option<i64>,
    pub text: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FeedbackAction {
    Inserted,
    Edited,
    Dismissed,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FeedbackReceipt {
    /// Events recorded so far in this engine.
    pub recorded: usize,
}

/// Feedback kept in memory; the oldest events go first beyond this many.
pub const MAX_FEEDBACK: usize = 100_000;

pub struct Engine {
    config: Config,
    text: TextAnalyzer,
    store: Store,
    feedback: Vec<FeedbackEvent>,
}

impl Engine {
    pub fn new(config: Option<&Value>) -> Result<Engine> {
        let config = match config {
            None | Some(Value::Null) => Config::default(),
            Some(v) => Config::from_json(v)?,
        };
        let text = config.analyzer();
        Ok(Engine {
            config,
            text,
            store: Store::default(),
            feedback: Vec::new(),
        })
    }

    pub fn load_history(&mut self, history: &Value) -> Result<LoadReport> {
        self.store.load_json(history)
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    pub fn analyzer(&self) -> &TextAnalyzer {
        &self.text
    }

    pub fn analyze_text(&self, text: &str) -> TextSignals {
        self.text.analyze(text)
    }

    pub fn assess(&self, ticket: &Value, now: i64) -> Result<Assessment> {
        let t = ticket::ticket(ticket, "ticket")?;
        Ok(self.assess_ticket(&t, now))
    }

    /// Assessments in input order. One malformed ticket fails the call with its index named,
    /// before any work is done.
    pub fn assess_queue(&self, tickets: &Value, now: i64) -> Result<Vec<Assessment>> {
        let list = array(tickets, "tickets")?;
        let parsed: Vec<Ticket> = list
            .iter()
            .enumerate()
            .map(|(i, v)| ticket::ticket(v, &format!("tickets[{i}]")))
            .collect::<Result<_>>()?;
        Ok(parsed.iter().map(|t| self.assess_ticket(t, now)).collect())
    }

    pub fn assess_ticket(&self, t: &Ticket, now: i64) -> Assessment {
        let mut texts = t.customer_texts();
        let subject_only;
        if texts.is_empty() {
            // Nothing from the customer yet (an outbound ticket): read the subject instead.
            subject_only = t.subject.clone().unwrap_or_default();
            texts.push((0, subject_only.as_str()));
        }
        let signals = self.text.analyze_thread(&texts);
        let w = |id: &str| self.config.weight(id);

        let first_text = texts.first().map(|x| x.1).unwrap_or("");
        let ticket_topics = self.text.topics_of(&format!(
            "{} {}",
            t.subject.as_deref().unwrap_or(""),
            first_text
        ));
        let facts = match self.store.resolve(&t.customer) {
            Some(i) => facts(
                self.store.get(i),
                &t.id,
                &ticket_topics,
                &|s| self.text.topics_of(s),
                now,
            ),
            None => CustomerFacts {
                known: false,
                name: t.customer_name.clone(),
                customer_id: t.customer.id.clone(),
                ..Default::default()
            },
        };
        let facts = CustomerFacts {
            name: facts.name.clone().or_else(|| t.customer_name.clone()),
            ..facts
        };

        let unanswered = t.unanswered_run();
        let c = &signals.cues;
        let triggered = signals.intent.kind == Kind::Relational
            || signals.sentiment.compound <= -0.3
            || [c.mistake, c.churn, c.effort, c.praise, c.life_event]
                .iter()
                .any(|x| *x > 0.0)
            || signals.emotions.frustration >= 0.4
            || signals.emotions.distress >= 0.3
            || facts.last_csat.as_ref().is_some_and(|x| x.score <= 2.0)
            || !facts.same_topic.is_empty()
            || facts.contacts_30d.len() >= 2
            || unanswered >= 2;

        let mut reasons = signals::text::reasons(&signals, &w, texts.len());
        reasons.extend(signals::text::unanswered(unanswered, &w));
        if let Some(opened) = t.opened_at() {
            reasons.extend(signals::text::time_open(
                (now - opened) as f64 / 3_600_000.0,
                &w,
            ));
        }
        let tier_share = |tier: &str| self.config.tiers.get(tier).copied();
        let hcx = HistoryContext {
            weights: &w,
            value_high: self.config.value_high,
            tier_share: &tier_share,
            triggered,
            mistake: c.mistake >= 0.4,
        };
        reasons.extend(signals::history::reasons(&facts, &hcx));
        // largest first; zero-point reasons (context) last; ties keep their order
        reasons.sort_by(|a, b| {
            (b.points != 0)
                .cmp(&(a.points != 0))
                .then(b.points.cmp(&a.points))
        });
        let score = score::total(&mut reasons);
        let band = score::band(
            score,
            self.config.relational_from,
            self.config.critical_from,
        );
        Assessment {
            ticket_id: t.id.clone(),
            score,
            band,
            route: band.route(),
            follow_up: score::follow_up(band, &signals),
            channel: score::channel(&facts, t.channel.as_deref(), band),
            reasons,
            intent: signals.intent,
            sentiment: signals.sentiment,
            emotions: signals.emotions,
            cues: signals.cues,
            matches: signals.matches,
            customer: facts,
            snippets: Vec::new(),
        }
    }

    /// Validates and records an agent's response to a snippet.
    pub fn feedback(&mut self, event: &Value) -> Result<FeedbackReceipt> {
        let o = object(event, "feedback")?;
        o.only(&["ticketId", "snippetId", "action", "at", "text", "agent"])?;
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
                })
            }
        };
        let e = FeedbackEvent {
            ticket_id: o.req_id("ticketId")?,
            snippet_id: o.req_id("snippetId")?,
            action,
            at: o.opt_date("at")?,
            text: o.opt_str("text")?,
        };
        if self.feedback.len() >= MAX_FEEDBACK {
            self.feedback.remove(0);
        }
        self.feedback.push(e);
        Ok(FeedbackReceipt {
            recorded: self.feedback.len(),
        })
    }

    pub fn feedback_events(&self) -> &[FeedbackEvent] {
        &self.feedback
    }
}
