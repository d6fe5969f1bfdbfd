//! The Engine: owns the configuration, the text analyzer, the history Store and the feedback
//! log, and turns a ticket into an Assessment. Inputs are JSON-shaped values (what the binding
//! layer converts JS objects into); `now` is always an input, so results are reproducible.
//!
//! One room per concern, each an `impl Engine` block: `assess.rs` (a ticket → an Assessment),
//! `load.rs` (history loads and imports, whole or in chunks), `library.rs` (the snippet library
//! and macro imports), `feedback.rs` (feedback, what was learned), `proposals.rs` (what was
//! proposed on each customer's ticket).

mod assess;
mod feedback;
mod library;
mod load;
mod proposals;

pub use assess::{AssessOptions, Assessment};
pub use feedback::{FeedbackEvent, FeedbackReceipt, LearningImport, LearningRows, MAX_FEEDBACK};
pub use library::{LibraryReport, Unmapped};
pub use proposals::{MAX_DISMISSED, MAX_PROPOSED, MAX_PROPOSED_PER_NUMBER};
// (defined with the learning it feeds: the engine uses it, learning does not reach back up)
pub use crate::snippets::learning::FeedbackAction;

use crate::config::Config;
use crate::history::csv_import::CsvImport;
use crate::history::Store;
use crate::input::Result;
use crate::snippets::learning::Learning;
use crate::snippets::Snippet;
use crate::text::{TextAnalyzer, TextSignals};
use proposals::Proposals;
use serde_json::Value;
use std::cell::RefCell;
use std::collections::VecDeque;

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
    proposed: RefCell<Proposals>,
    /// A chunked CSV import in progress (`import_csv_chunk` … `finish_csv`).
    csv: Option<CsvImport>,
    /// A chunked JSON load in progress (`load_history_chunk` … `finish_history`).
    json: Option<crate::history::store::JsonImport>,
    /// The bytes of each chunked import that wait for the rest of their code point.
    csv_bytes: crate::utf8_pieces::Utf8Pieces,
    json_bytes: crate::utf8_pieces::Utf8Pieces,
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
            csv_bytes: Default::default(),
            json_bytes: Default::default(),
            seen: Default::default(),
            #[cfg(feature = "outreach")]
            outreached: Default::default(),
            #[cfg(feature = "outreach")]
            outreach_library: Default::default(),
        })
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
}
