//! The Engine: owns the configuration, the text analyzer, the history Store and the feedback
//! log, and turns a ticket into an Assessment. Inputs are JSON-shaped values (what the binding
//! layer converts JS objects into); `now` is always an input, so results are reproducible.

use crate::config::Config;
use crate::history::csv_import::CsvImport;
use crate::history::{facts, CustomerFacts, LoadReport, Store};
use crate::input::{array, object, InputError, Result};
use crate::reply::Reply;
use crate::score::{self, Band, ChannelAdvice, Confidence, FollowUp, Route};
use crate::signals::{self, history::HistoryContext, Reason};
use crate::snippets::learning::{self, Learning};
use crate::snippets::macros::{self, Format};
use crate::snippets::{self, FactSheet, FilledSnippet, Situation, Snippet, TicketInfo};
use crate::text::sentiment::Sentiment;
use crate::text::{Cues, Emotions, Intent, Match, TextAnalyzer, TextSignals};
use crate::ticket::{self, Ticket};
use serde::Serialize;
use serde_json::Value;
use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Assessment {
    pub ticket_id: String,
    /// 0..100, exactly the sum of `reasons[].points`.
    pub score: i32,
    pub band: Band,
    pub route: Route,
    /// The kind of reply to send first (`crate::reply`): the top snippet is of this kind
    /// whenever the library has one that fits.
    pub reply: Reply,
    /// How sure the band is: the score's margin to the band edges, and the intent's certainty.
    pub confidence: Confidence,
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
    /// Reply snippets ranked for this ticket, filled from the history.
    pub snippets: Vec<FilledSnippet>,
    /// What of the ticket was not read whole (absent when everything was).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub truncated: Vec<String>,
}

impl Assessment {
    /// What the first reply was chosen from (`crate::reply`), to weigh it again.
    pub fn reply_inputs(&self) -> crate::reply::Inputs<'_> {
        crate::reply::Inputs {
            band: self.band,
            cues: &self.cues,
            emotions: &self.emotions,
            intent: &self.intent,
            reasons: &self.reasons,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct FeedbackEvent {
    pub ticket_id: String,
    pub snippet_id: String,
    pub action: FeedbackAction,
    pub at: Option<i64>,
    pub text: Option<String>,
}

// (defined with the learning it feeds: the engine uses it, learning does not reach back up)
pub use crate::snippets::learning::FeedbackAction;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FeedbackReceipt {
    /// Events recorded so far in this engine.
    pub recorded: usize,
}

/// Feedback kept in memory; the oldest events go first beyond this many.
pub const MAX_FEEDBACK: usize = 100_000;

/// How to assess: when, for which agent, how many snippets.
#[derive(Debug, Clone, PartialEq)]
pub struct AssessOptions {
    pub now: i64,
    /// The agent's name, for snippets that sign off or introduce themselves.
    pub agent: Option<String>,
    /// How many snippets to fill (default 5; 0 for none).
    pub snippets: usize,
    /// Also render each snippet as escaped HTML (off by default: it doubles the output).
    pub html: bool,
}

impl AssessOptions {
    pub fn at(now: i64) -> AssessOptions {
        AssessOptions {
            now,
            agent: None,
            snippets: 5,
            html: false,
        }
    }

    /// `{ now?, agent?, snippets? }`; `now` is an ISO string or epoch ms, `clock` when absent.
    pub fn from_json(v: &Value, clock: i64) -> Result<AssessOptions> {
        let mut o = AssessOptions::at(clock);
        if v.is_null() {
            return Ok(o);
        }
        let obj = object(v, "options")?;
        obj.only(&["now", "agent", "snippets", "html"])?;
        o.now = match obj.map.get("now") {
            None => clock,
            Some(Value::Number(n)) => match n.as_f64() {
                Some(x) if x.is_finite() && x.abs() < 1e15 => x as i64,
                _ => {
                    return Err(InputError {
                        path: "options.now".into(),
                        message: "expected epoch milliseconds".into(),
                    })
                }
            },
            // NaN and Infinity reach here as null (JSON has no such numbers): a clock that
            // silently stood in for them would give results for a moment nobody asked for
            Some(Value::Null) => {
                return Err(InputError {
                    path: "options.now".into(),
                    message: "expected an ISO date or finite epoch milliseconds, got null (or NaN or Infinity); leave now out for the current time".into(),
                })
            }
            Some(_) => obj.opt_date("now")?.unwrap_or(clock),
        };
        o.agent = obj.opt_name("agent")?;
        if let Some(n) = obj.opt_num("snippets", 0.0, 50.0)? {
            o.snippets = n as usize;
        }
        o.html = match obj.get("html") {
            None => false,
            Some(Value::Bool(b)) => *b,
            Some(other) => {
                return Err(InputError {
                    path: "options.html".into(),
                    message: format!(
                        "expected true or false, got {}",
                        crate::input::describe(other)
                    ),
                })
            }
        };
        Ok(o)
    }
}

/// Proposals by ticket id, and ticket ids oldest first (to forget the oldest).
type ProposedLog = (crate::util::FastMap<Rc<str>, Proposed>, VecDeque<Rc<str>>);

/// What was proposed for a ticket, so feedback can be learned in its situation.
#[derive(Debug, Clone)]
struct Proposed {
    situation: String,
    /// The snippets' texts end to end. A copy, not the filled texts themselves: those are let
    /// go with the assessment, and a ticket assessed again writes over its own copy without
    /// allocating (holding the filled texts cost about 2 µs per `assess`, measured).
    texts: String,
    /// Each snippet's id and where its text ends in `texts`.
    ends: Vec<(Rc<str>, usize)>,
    /// Snippets an agent dismissed on this ticket: offered after every other one when the
    /// ticket is assessed again (the learned shift of one dismissal is small, by design, but
    /// "not this one" for this customer is meant at once).
    dismissed: Vec<Rc<str>>,
}

impl Proposed {
    fn text_of(&self, id: &str) -> Option<&str> {
        let k = self.ends.iter().position(|(x, _)| &**x == id)?;
        let start = if k == 0 { 0 } else { self.ends[k - 1].1 };
        self.texts.get(start..self.ends[k].1)
    }

    /// Writes the texts of `filled` over the ones held (their room is reused).
    fn fill(&mut self, filled: &[FilledSnippet]) {
        self.texts.clear();
        self.ends.clear();
        for f in filled {
            self.texts.push_str(&f.text);
            self.ends.push((f.id.clone(), self.texts.len()));
        }
    }
}

/// Proposals remembered for feedback; the oldest tickets go first beyond this many.
pub const MAX_PROPOSED: usize = 10_000;

pub struct Engine {
    config: Config,
    text: TextAnalyzer,
    store: Store,
    feedback: VecDeque<FeedbackEvent>,
    /// The snippet library, parsed on first use: a queue scored without snippets (the demo's
    /// first screen) never pays for it.
    library: std::cell::OnceCell<Vec<Snippet>>,
    /// Counts the library's changes (what a copy of its strings elsewhere is checked against).
    library_version: u64,
    learning: Learning,
    // assess takes &self (the JS API has no reason to lock the engine for it), so what it
    // proposes is remembered through a RefCell
    proposed: RefCell<ProposedLog>,
    /// A chunked CSV import in progress (`import_csv_chunk` … `finish_csv`).
    csv: Option<CsvImport>,
    /// A chunked JSON load in progress (`load_history_chunk` … `finish_history`).
    json: Option<crate::history::store::JsonImport>,
    /// What this engine has seen (assessments, snippets sent, outreach contacts): what
    /// outreach and insights read, learned with the rankings (`crate::seen`).
    seen: RefCell<crate::seen::Seen>,
    /// The latest outreach list's `now` and entries (id, customer), so a snippet sent from it
    /// (`feedback` with the entry's id) counts as a contact.
    #[cfg(feature = "outreach")]
    outreached: RefCell<(i64, Vec<(String, crate::history::records::CustomerRef)>)>,
    /// The proactive snippets, parsed on first use.
    #[cfg(feature = "outreach")]
    outreach_library: std::cell::OnceCell<Vec<Snippet>>,
}

/// The outcome of loading snippets or importing macros.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LibraryReport {
    /// Snippets in the library after the load.
    pub total: usize,
    pub added: Vec<String>,
    pub replaced: Vec<String>,
    /// Placeholders of imported macros we could not map: (macro id, placeholder).
    pub unmapped: Vec<Unmapped>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Unmapped {
    pub snippet_id: String,
    pub placeholder: String,
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
            feedback: VecDeque::new(),
            library: Default::default(),
            library_version: 0,
            learning: Learning::default(),
            proposed: RefCell::new(Default::default()),
            csv: None,
            json: None,
            seen: Default::default(),
            #[cfg(feature = "outreach")]
            outreached: Default::default(),
            #[cfg(feature = "outreach")]
            outreach_library: Default::default(),
        })
    }

    pub fn load_history(&mut self, history: &Value) -> Result<LoadReport> {
        self.store.load_json(history)
    }

    /// The same from JSON text, streamed record by record (for large files).
    pub fn load_history_text(&mut self, text: &str) -> Result<LoadReport> {
        self.store.load_json_text(text)
    }

    /// Loads a CSV export of one kind (`customers`, `tickets`, `orders`, `surveys`); see
    /// `history::csv_import`. `mapping` is `{ contractField: "Their Column" }`.
    pub fn import_csv(
        &mut self,
        kind: &str,
        text: &str,
        mapping: Option<&Value>,
    ) -> Result<LoadReport> {
        let mapping = csv_mapping(mapping)?;
        crate::history::csv_import::import(&mut self.store, kind, text, mapping)
    }

    /// One chunk of history JSON read piece by piece: records are loaded as they complete.
    /// Returns the records read so far. End with `finish_history`.
    pub fn load_history_chunk(&mut self, chunk: &str) -> Result<usize> {
        let imp = self.json.get_or_insert_with(Default::default);
        if let Err(e) = imp.push(&mut self.store, chunk) {
            self.json = None;
            return Err(e);
        }
        Ok(imp.records())
    }

    /// Records rejected so far by the chunked import in progress (CSV or JSON; 0 when none is):
    /// the import's progress can say how many without ending it.
    pub fn import_rejected(&self) -> usize {
        self.csv.as_ref().map_or(0, |i| i.rejected())
            + self.json.as_ref().map_or(0, |i| i.rejected())
    }

    /// Reads of the history (assess, outreach, insights) refuse a store a chunked import left
    /// out of order: a wrong "last ticket" would be worse than an error that says what to do.
    pub fn readable(&self) -> Result<()> {
        if self.store.settled() {
            Ok(())
        } else {
            crate::input::err(
                "history",
                "a chunked import left it out of order: call settle() (or finish the import) before reading it",
            )
        }
    }

    /// Puts the history loaded by chunks so far in order for reading. The chunk loaders leave
    /// that to their finish (doing it per chunk made large imports quadratic: see
    /// `Store::settle`), so a caller that reads between chunks (assess, outreach, insights)
    /// calls this first; the bindings do before every read.
    pub fn settle(&mut self) {
        self.store.settle();
    }

    /// Ends the chunked JSON load and gives its report.
    pub fn finish_history(&mut self) -> Result<LoadReport> {
        match self.json.take() {
            Some(imp) => imp.finish(&mut self.store),
            None => crate::input::err("loadHistoryChunk", "no history load in progress"),
        }
    }

    /// One chunk of a CSV export read piece by piece: rows are loaded as they complete.
    /// Returns the rows read so far. Another kind while an import is in progress is refused
    /// (and that import kept): starting anew would drop its last row and its report.
    pub fn import_csv_chunk(
        &mut self,
        kind: &str,
        chunk: &str,
        mapping: Option<&Value>,
    ) -> Result<usize> {
        let imp = match &mut self.csv {
            Some(imp) if imp.kind().name() == kind => imp,
            Some(imp) => {
                return crate::input::err(
                    "kind",
                    format!(
                        "an import of {} is in progress: call finishCsv() before importing {}",
                        imp.kind().name(),
                        crate::util::clip(kind, 20)
                    ),
                )
            }
            None => self
                .csv
                .insert(CsvImport::new(kind, csv_mapping(mapping)?)?),
        };
        if let Err(e) = imp.push(&mut self.store, chunk, false) {
            self.csv = None; // a header that names nothing: this import is over
            return Err(e);
        }
        Ok(imp.rows)
    }

    /// Ends the chunked CSV import and gives its report.
    pub fn finish_csv(&mut self) -> Result<LoadReport> {
        match self.csv.take() {
            Some(imp) => imp.finish(&mut self.store),
            None => crate::input::err("importCsvChunk", "no CSV import in progress"),
        }
    }

    /// The configuration in use, to change in place (the score fitter tries weights this way
    /// without reloading the history).
    pub fn config_mut(&mut self) -> &mut Config {
        &mut self.config
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    /// What this engine has seen (`crate::seen`).
    pub fn seen(&self) -> std::cell::Ref<'_, crate::seen::Seen> {
        self.seen.borrow()
    }

    /// The proactive snippets of `outreach`.
    #[cfg(feature = "outreach")]
    pub fn outreach_library(&self) -> &[Snippet] {
        self.outreach_library.get_or_init(crate::outreach::library)
    }

    /// Remembers the entries of an outreach list for `feedback`.
    #[cfg(feature = "outreach")]
    pub(crate) fn remember_outreach(
        &self,
        now: i64,
        entries: Vec<(String, crate::history::records::CustomerRef)>,
    ) {
        *self.outreached.borrow_mut() = (now, entries);
    }

    pub fn analyzer(&self) -> &TextAnalyzer {
        &self.text
    }

    /// The VADER-style compound sentiment (−1..1) of a text alone: the fast path for batches.
    pub fn sentiment(&self, text: &str) -> f64 {
        crate::text::sentiment::polarity(text, &self.text.lexicon).compound
    }

    pub fn analyze_text(&self, text: &str) -> TextSignals {
        self.text.analyze(text)
    }

    pub fn assess(&self, ticket: &Value, now: i64) -> Result<Assessment> {
        self.assess_with(ticket, &AssessOptions::at(now))
    }

    pub fn assess_with(&self, ticket: &Value, o: &AssessOptions) -> Result<Assessment> {
        self.readable()?;
        let t = ticket::ticket(ticket, "ticket")?;
        Ok(self.assess_ticket(&t, o))
    }

    /// Assessments in input order. One malformed ticket fails the call with its index named,
    /// before any work is done.
    pub fn assess_queue(&self, tickets: &Value, now: i64) -> Result<Vec<Assessment>> {
        self.assess_queue_with(tickets, &AssessOptions::at(now))
    }

    pub fn assess_queue_with(&self, tickets: &Value, o: &AssessOptions) -> Result<Vec<Assessment>> {
        let mut out = Vec::new();
        self.assess_each(tickets, o, |a| out.push(a))?;
        Ok(out)
    }

    /// As `assess_queue_with`, handing each assessment to `f` in input order as it is made:
    /// a caller that writes them out as it goes never holds the whole queue's assessments
    /// (for 10,000 tickets with snippets, tens of MB). Every ticket is checked first.
    pub fn assess_each(
        &self,
        tickets: &Value,
        o: &AssessOptions,
        mut f: impl FnMut(Assessment),
    ) -> Result<()> {
        self.readable()?;
        let list = array(tickets, "tickets")?;
        let parsed: Vec<Ticket> = list
            .iter()
            .enumerate()
            .map(|(i, v)| ticket::ticket(v, &format!("tickets[{i}]")))
            .collect::<Result<_>>()?;
        for t in &parsed {
            f(self.assess_ticket(t, o));
        }
        Ok(())
    }

    /// A queue where one bad ticket does not blank the rest: each ticket's assessment, or the
    /// error that names what is wrong with it (`tickets[i].…`), in input order. Only a
    /// `tickets` that is not an array fails the whole call.
    pub fn assess_each_or_error(
        &self,
        tickets: &Value,
        o: &AssessOptions,
        mut f: impl FnMut(usize, std::result::Result<Assessment, InputError>),
    ) -> Result<()> {
        self.readable()?;
        let list = array(tickets, "tickets")?;
        for (i, v) in list.iter().enumerate() {
            f(
                i,
                ticket::ticket(v, &format!("tickets[{i}]")).map(|t| self.assess_ticket(&t, o)),
            );
        }
        Ok(())
    }

    pub fn assess_ticket(&self, t: &Ticket, o: &AssessOptions) -> Assessment {
        debug_assert!(
            self.store.settled(),
            "history read between chunks without Engine::settle"
        );
        let now = o.now;
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
        let topic_text = [t.subject.as_deref().unwrap_or(""), first_text].join(" ");
        // past tickets' topics as bits, each read once and kept on its record
        let (ticket_topics, ticket_mask) = self.text.topics_and_mask(&topic_text);
        let same_problem = crate::text::same_problem::SameProblem::new(&topic_text);
        let same_topic = |r: &crate::history::records::TicketRecord| {
            let topic = match ticket_mask {
                Some(m) => {
                    r.topics
                        .get_or(|| self.text.topic_mask(&r.topic_text()).unwrap_or(0))
                        & m
                        != 0
                }
                None => self
                    .text
                    .topics_of(&r.topic_text())
                    .iter()
                    .any(|x| ticket_topics.contains(x)),
            };
            // the coarse topics, or the same reference or words (text::same_problem)
            topic
                || same_problem.matches_earlier(r.problem.get_or(|| {
                    crate::text::same_problem::Earlier::of(r.subject.as_deref().unwrap_or(""))
                }))
        };
        let facts = match self.store.resolve(&t.customer) {
            Some(i) => facts(self.store.get(i), &t.id, Some(&same_topic as _), now),
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
            mistake: c.mistake >= 0.4,
            churn: c.churn >= 0.4,
        };
        reasons.extend(signals::history::reasons(&facts, &hcx));
        signals::settle_thanked_contacts(&mut reasons, c, &signals.emotions);
        signals::amplify(&mut reasons, self.config.amplify_at);
        // largest first; zero-point reasons (context) last; ties keep their order
        crate::util::sort_by(&mut reasons, |a, b| {
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
        let follow_up = score::follow_up(band, &signals);
        let reply = crate::reply::first_reply(band, &signals, &reasons);
        let snippets = if o.snippets == 0 {
            Vec::new()
        } else {
            let situation = Situation::new(
                band,
                reply,
                &signals,
                &facts,
                snippets::moments(&facts, &reasons, self.config.value_high),
                &ticket_topics,
            );
            let info = TicketInfo {
                id: &t.id,
                subject: t.subject.as_deref(),
                channel: t.channel.as_deref(),
                customer_email: t.customer.email.as_deref(),
            };
            let sheet = FactSheet::new(
                &facts,
                &info,
                o.agent.as_deref(),
                band,
                &signals.intent.id,
                follow_up.as_ref().map(|f| f.in_days),
                self.config.value_high,
            );
            let key = situation.key();
            // (an empty Vec's clone allocates nothing: the usual ticket pays no more)
            let set_aside = match self.proposed.borrow().0.get(t.id.as_str()) {
                Some(p) => p.dismissed.clone(),
                None => Vec::new(),
            };
            let filled = snippets::rank(
                self.library(),
                &situation,
                &key,
                &sheet,
                &self.learning,
                &set_aside,
                o.snippets,
                o.html,
            );
            self.remember(&t.id, key, &filled);
            filled
        };
        // what outreach (the follow-up, the queue) and insights (the band) read later
        self.seen.borrow_mut().assessed(crate::seen::Assessed {
            ticket_id: t.id.clone(),
            customer: t.customer.clone(),
            name: facts.name.clone(),
            at: now,
            score,
            band,
            intent: signals.intent.id.clone(),
            kind: signals.intent.kind,
            unsure: signals.intent.unsure,
            follow_up: follow_up.clone(),
            closed: t.status.as_deref().is_some_and(|s| {
                ["solved", "closed", "resolved"]
                    .iter()
                    .any(|c| s.trim().eq_ignore_ascii_case(c))
            }),
        });
        Assessment {
            ticket_id: t.id.clone(),
            score,
            band,
            route: band.route(),
            reply,
            confidence: score::confidence(
                score,
                self.config.relational_from,
                self.config.critical_from,
                signals.intent.unsure,
            ),
            follow_up,
            channel: score::channel(&facts, t.channel.as_deref(), band),
            reasons,
            intent: signals.intent,
            sentiment: signals.sentiment,
            emotions: signals.emotions,
            cues: signals.cues,
            matches: signals.matches,
            customer: facts,
            snippets,
            truncated: t.truncated.clone(),
        }
    }

    fn remember(&self, ticket: &str, situation: String, filled: &[FilledSnippet]) {
        let mut guard = self.proposed.borrow_mut();
        let (map, order) = &mut *guard;
        if let Some(p) = map.get_mut(ticket) {
            p.situation = situation;
            p.fill(filled);
            return;
        }
        let mut proposed = Proposed {
            situation,
            texts: String::with_capacity(filled.iter().map(|f| f.text.len()).sum()),
            ends: Vec::with_capacity(filled.len()),
            dismissed: Vec::new(),
        };
        proposed.fill(filled);
        let key: Rc<str> = ticket.into();
        order.push_back(key.clone());
        map.insert(key, proposed);
        if order.len() > MAX_PROPOSED {
            if let Some(old) = order.pop_front() {
                map.remove(&old);
            }
        }
    }

    /// Replaces or extends the snippet library from JSON (an array of snippets). Nothing
    /// changes when any snippet is invalid; the error names it.
    pub fn load_snippets(&mut self, v: &Value, replace: bool) -> Result<LibraryReport> {
        let lib = snippets::library(v, "snippets")?;
        Ok(self.merge_library(lib, replace, Vec::new()))
    }

    fn merge_library(
        &mut self,
        lib: Vec<Snippet>,
        replace: bool,
        unmapped: Vec<Unmapped>,
    ) -> LibraryReport {
        let mut report = LibraryReport {
            unmapped,
            ..Default::default()
        };
        let library = self.library_mut();
        if replace {
            library.clear();
        }
        for s in lib {
            match library.iter_mut().find(|x| x.id == s.id) {
                Some(old) => {
                    report.replaced.push(s.id.to_string());
                    *old = s;
                }
                None => {
                    report.added.push(s.id.to_string());
                    library.push(s);
                }
            }
        }
        report.total = library.len();
        report
    }

    /// Imports help-desk macros `{ format, macros: [{ id, title?, body, fits? }], replace? }`
    /// into the library, reporting placeholders that could not be mapped.
    pub fn import_macros(&mut self, v: &Value) -> Result<LibraryReport> {
        let o = object(v, "macros")?;
        o.only(&["format", "macros", "replace"])?;
        let fmt = o.req_str("format")?;
        let format = Format::parse(&fmt).ok_or_else(|| InputError {
            path: o.at("format"),
            message: format!("\"{}\" is not a supported syntax; expected zendesk, helpscout, zammad, osticket or chatwoot", crate::util::clip(&fmt, 20)),
        })?;
        let replace = matches!(o.get("replace"), Some(Value::Bool(true)));
        let list = match o.get("macros") {
            Some(m) => array(m, &o.at("macros"))?,
            None => {
                return Err(InputError {
                    path: o.at("macros"),
                    message: "is required".into(),
                })
            }
        };
        let mut converted = Vec::with_capacity(list.len());
        let mut unmapped = Vec::new();
        for (i, m) in list.iter().enumerate() {
            let mo = object(m, &format!("macros.macros[{i}]"))?;
            mo.only(&["id", "title", "body", "fits", "category", "tone"])?;
            let id = mo.req_id("id")?;
            let c = macros::import(format, &mo.req_str("body")?);
            unmapped.extend(c.unmapped.iter().map(|p| Unmapped {
                snippet_id: id.clone(),
                placeholder: p.clone(),
            }));
            let mut obj = mo.map.clone();
            obj.insert("body".into(), Value::String(c.template));
            obj.entry("category")
                .or_insert_with(|| Value::String("team".into()));
            converted.push(Value::Object(obj));
        }
        let lib = snippets::library(&Value::Array(converted), "macros.macros")?;
        Ok(self.merge_library(lib, replace, unmapped))
    }

    pub fn library(&self) -> &[Snippet] {
        self.library.get_or_init(snippets::builtin_library)
    }

    /// Changes whenever the library may have.
    pub fn library_version(&self) -> u64 {
        self.library_version
    }

    fn library_mut(&mut self) -> &mut Vec<Snippet> {
        self.library_version += 1;
        self.library.get_or_init(snippets::builtin_library);
        self.library.get_mut().expect("initialised above")
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

    /// Replaces what is learned with exported rows (both kinds; nothing changes on an error).
    /// Returns the rows read.
    pub fn import_learning(&mut self, v: &Value) -> Result<usize> {
        let learning = Learning::import(v)?;
        let seen = crate::seen::Seen::import(v)?;
        self.learning = learning;
        *self.seen.borrow_mut() = seen;
        Ok(array(v, "learning")?.len())
    }

    /// Forgets what feedback taught and what the engine has seen.
    pub fn reset_learning(&mut self) {
        self.learning = Learning::default();
        *self.seen.borrow_mut() = Default::default();
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
        // learn in the situation the snippet was proposed in
        let (situation, share) = match self.proposed.borrow_mut().0.get_mut(e.ticket_id.as_str()) {
            Some(p) => {
                let on_ticket = p.dismissed.iter().position(|d| **d == *e.snippet_id);
                match (e.action, on_ticket) {
                    (FeedbackAction::Dismissed, None) => {
                        p.dismissed.push(e.snippet_id.as_str().into())
                    }
                    (FeedbackAction::Inserted | FeedbackAction::Edited, Some(k)) => {
                        p.dismissed.remove(k);
                    }
                    _ => {}
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
        self.seen.borrow_mut().sent(crate::seen::Sent {
            ticket_id: e.ticket_id.clone(),
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

/// A CSV column mapping as given: absent or null for none, else `{ field: "Column" }`.
fn csv_mapping(mapping: Option<&Value>) -> Result<Option<&serde_json::Map<String, Value>>> {
    match mapping {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Object(m)) => Ok(Some(m)),
        Some(_) => crate::input::err("mapping", "expected an object { field: \"Column\" }"),
    }
}
