//! The binding layer: the only module that knows wasm-bindgen. It converts JS values to the
//! core's JSON-shaped input and back, and turns every error into a JS `Error` whose message
//! names the field. The core never panics on input; nothing here unwraps.

mod convert;
mod history;
#[cfg(feature = "outreach")]
mod outreach;
mod outreach_types;
mod types;

use crate::engine::Engine as Core;
use crate::wire::tape::Tape;
use serde::Serialize;
use serde_json::Value;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;

// Talc instead of the standard library's dlmalloc: the module is 2.5 KB smaller gzipped
// (305,146 -> 302,624 bytes, build-pkg.sh), and `assess` no slower (`node
// benches/assess-ab.mjs` with dlmalloc's build as A, 41 rounds, three runs on 2026-12-04:
// p50 1.07x, 0.95x, 0.99x; p95 1.01x, 0.99x, 0.98x).
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

use convert::{
    check_len, fail, input, input_text, js_error_text, js_type, map_texts, options_of, output,
    text_arg, thread_limit,
};

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(typescript_type = "Config")]
    pub type ConfigArg;
    #[wasm_bindgen(typescript_type = "History")]
    pub type HistoryArg;
    #[wasm_bindgen(typescript_type = "Ticket")]
    pub type TicketArg;
    #[wasm_bindgen(typescript_type = "Ticket[]")]
    pub type TicketsArg;
    #[wasm_bindgen(typescript_type = "AssessOptions")]
    pub type AssessOptionsArg;
    #[wasm_bindgen(typescript_type = "FeedbackEvent")]
    pub type FeedbackArg;
    #[wasm_bindgen(typescript_type = "string")]
    pub type TextArg;
    #[wasm_bindgen(typescript_type = "string | Uint8Array")]
    pub type ChunkArg;
    #[wasm_bindgen(typescript_type = "string[]")]
    pub type TextsArg;
    #[wasm_bindgen(typescript_type = "CsvMapping")]
    pub type CsvMappingArg;
    #[wasm_bindgen(typescript_type = "LoadReport")]
    pub type LoadReportOut;
    #[wasm_bindgen(typescript_type = "Assessment")]
    pub type AssessmentOut;
    #[wasm_bindgen(typescript_type = "(Assessment | QueueError)[]")]
    pub type AssessmentsOut;
    #[wasm_bindgen(typescript_type = "TextSignals")]
    pub type TextSignalsOut;
    #[wasm_bindgen(typescript_type = "TextSignals[]")]
    pub type TextSignalsListOut;
    #[wasm_bindgen(typescript_type = "FeedbackReceipt")]
    pub type FeedbackReceiptOut;
    #[wasm_bindgen(typescript_type = "HistoryStats")]
    pub type HistoryStatsOut;
    #[wasm_bindgen(typescript_type = "SnippetSpec[]")]
    pub type SnippetsArg;
    #[wasm_bindgen(typescript_type = "{ replace?: boolean }")]
    pub type LoadSnippetsOptionsArg;
    #[wasm_bindgen(typescript_type = "MacroImport")]
    pub type MacroImportArg;
    #[wasm_bindgen(typescript_type = "LibraryReport")]
    pub type LibraryReportOut;
    #[wasm_bindgen(typescript_type = "SnippetInfo[]")]
    pub type SnippetInfosOut;
    #[wasm_bindgen(typescript_type = "LearningRow[]")]
    pub type LearnedRowsOut;
    #[wasm_bindgen(typescript_type = "LearningRow[]")]
    pub type LearnedRowsArg;
    #[wasm_bindgen(typescript_type = "LearningImport")]
    pub type LearningImportOut;
}

/// A queue's ticket that could not be assessed, in its place in the result.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct QueueError {
    index: usize,
    ticket_id: Option<String>,
    error: String,
}

#[wasm_bindgen(module = "/src/wire/snippet_tape.js")]
extern "C" {
    /// Builds the snippets of each assessment in `target` from the tape (`snippet_tape.js`).
    #[wasm_bindgen(catch)]
    fn attach_snippets(
        target: &JsValue,
        text: &str,
        nums: &[f64],
        dictionary: &js_sys::Array,
    ) -> Result<(), JsValue>;
}

impl Engine {
    /// The tape, emptied for this call's snippets.
    fn empty_tape(&self) -> Result<std::cell::RefMut<'_, Tape>, JsError> {
        let mut tape = self
            .tape
            .try_borrow_mut()
            .map_err(|_| fail("the engine is busy with another call"))?;
        tape.clear();
        Ok(tape)
    }

    /// Sets the snippets on the tape onto the assessments `v` (one, or an array) made from it.
    fn attach(&self, v: &JsValue, tape: &mut Tape) -> Result<(), JsError> {
        // no snippets anywhere (`snippets: 0`): the JSON's empty lists are already right
        if tape.has_snippets() {
            let dictionary = self.dictionary();
            attach_snippets(v, &tape.text, &tape.nums, &dictionary).map_err(|e| {
                fail(format!(
                    "could not convert the snippets: {}",
                    js_error_text(&e)
                ))
            })?;
        }
        // a large queue's tape is not kept
        if tape.text.capacity() > 1 << 20 {
            *tape = Tape::default();
        }
        Ok(())
    }

    /// The tape's dictionary (`crate::wire::tape::dictionary`) for the current library,
    /// made into JS strings once per library version.
    fn dictionary(&self) -> js_sys::Array {
        let version = self.core.library_version();
        let mut cached = self.dictionary.borrow_mut();
        match &*cached {
            Some((v, d)) if *v == version => d.clone(),
            _ => {
                let d: js_sys::Array = crate::wire::tape::dictionary(self.core.library())
                    .into_iter()
                    .map(JsValue::from_str)
                    .collect();
                *cached = Some((version, d.clone()));
                d
            }
        }
    }
}

/// Scores help-desk tickets for relational opportunity, with reasons, route, follow-up and
/// channel advice, from the ticket's words and the customer history loaded into it.
#[wasm_bindgen]
pub struct Engine {
    core: Core,
    /// Where assessments' snippets are written for JS, reused from call to call.
    tape: RefCell<Tape>,
    /// The tape's dictionary as JS strings, for the library version it was made from.
    dictionary: RefCell<Option<(u64, js_sys::Array)>>,
}

#[wasm_bindgen]
impl Engine {
    /// Throws an `Error` naming the field when the configuration is invalid.
    #[wasm_bindgen(constructor)]
    pub fn new(config: Option<ConfigArg>) -> Result<Engine, JsError> {
        let cfg = match config {
            Some(c) => input(c.into(), "config")?,
            None => Value::Null,
        };
        Core::new(Some(&cfg))
            .map(|core| Engine {
                core,
                tape: Default::default(),
                dictionary: Default::default(),
            })
            .map_err(fail)
    }

    /// Assesses one open ticket.
    pub fn assess(
        &mut self,
        ticket: TicketArg,
        options: Option<AssessOptionsArg>,
    ) -> Result<AssessmentOut, JsError> {
        self.core.settle(); // a read between an import's chunks sees the history in order
        let o = options_of(options)?;
        let ticket: JsValue = ticket.into();
        thread_limit(&ticket, "ticket")?;
        let v = input(ticket, "ticket")?;
        let mut a = self.core.assess_with(&v, &o).map_err(fail)?;
        let mut tape = self.empty_tape()?;
        tape.take_from(&mut a, self.core.library());
        let v: JsValue = output(&a)?;
        self.attach(&v, &mut tape)?;
        Ok(v.unchecked_into())
    }

    /// Assesses many tickets in one call; results are in input order.
    #[wasm_bindgen(js_name = assessQueue)]
    pub fn assess_queue(
        &mut self,
        tickets: TicketsArg,
        options: Option<AssessOptionsArg>,
    ) -> Result<AssessmentsOut, JsError> {
        self.core.settle();
        let o = options_of(options)?;
        let tickets: JsValue = tickets.into();
        thread_limit(&tickets, "tickets")?;
        let v = input(tickets, "tickets")?;
        // written out ticket by ticket: the JSON and the tape grow, each assessment is dropped
        // as soon as it is written (a 10,000-ticket queue never holds all its assessments)
        let mut tape = self.empty_tape()?;
        let lib = self.core.library();
        let mut json = b"[".to_vec();
        let mut written = Ok(());
        // a ticket that cannot be read is reported in its place ({ index, ticketId, error }),
        // and the others are assessed: one bad ticket never blanks a queue
        self.core
            .assess_each_or_error(&v, &o, |i, r| {
                if written.is_err() {
                    return;
                }
                if json.len() > 1 {
                    json.push(b',');
                }
                match r {
                    Ok(mut a) => {
                        tape.take_from(&mut a, lib);
                        written = crate::wire::ascii_json::append(&mut json, &a);
                    }
                    Err(e) => {
                        let id = v.get(i).and_then(|t| t.get("id")).and_then(|x| {
                            x.as_str()
                                .map(String::from)
                                .or_else(|| x.as_number().map(crate::input::number_text))
                        });
                        written = crate::wire::ascii_json::append(
                            &mut json,
                            &QueueError {
                                index: i,
                                ticket_id: id,
                                error: e.to_string(),
                            },
                        );
                    }
                }
            })
            .map_err(fail)?;
        written.map_err(|e| fail(format!("could not convert the result: {e}")))?;
        json.push(b']');
        let text = String::from_utf8(json).map_err(|_| fail("could not convert the result"))?;
        let list = js_sys::JSON::parse(&text).map_err(|_| fail("could not convert the result"))?;
        drop(text);
        self.attach(&list, &mut tape)?;
        Ok(list.unchecked_into())
    }

    /// Sentiment, emotions, intent and cues of one text.
    #[wasm_bindgen(js_name = analyzeText)]
    pub fn analyze_text(&self, text: TextArg) -> Result<TextSignalsOut, JsError> {
        let text: JsValue = text.into();
        let s = text
            .as_string()
            .ok_or_else(|| fail(format!("text: expected a string, got {}", js_type(&text))))?;
        check_len(&s, || "text".into())?;
        output(&self.core.analyze_text(&s))
    }

    /// The same for many texts, in input order.
    #[wasm_bindgen(js_name = analyzeTexts)]
    pub fn analyze_texts(&self, texts: TextsArg) -> Result<TextSignalsListOut, JsError> {
        let out = map_texts(texts.into(), |s| self.core.analyze_text(s))?;
        output(&out)
    }

    /// Sentiment only, for many texts: the VADER-style `compound` (−1..1) of each, in input
    /// order — the fast path for scoring large batches (no emotions, intent or cues).
    pub fn sentiments(&self, texts: TextsArg) -> Result<js_sys::Float64Array, JsError> {
        let out = map_texts(texts.into(), |t| self.core.sentiment(t))?;
        Ok(js_sys::Float64Array::from(&out[..]))
    }

    /// Records what the agent did with a snippet.
    pub fn feedback(&mut self, event: FeedbackArg) -> Result<FeedbackReceiptOut, JsError> {
        let v = input(event.into(), "feedback")?;
        output(&self.core.feedback(&v).map_err(fail)?)
    }

    /// Adds snippets to the library, or replaces it with `{ replace: true }`. Snippets with an
    /// id already in the library replace it. An invalid snippet changes nothing and the error
    /// names it, its field and, in a body, the line and column.
    #[wasm_bindgen(js_name = loadSnippets)]
    pub fn load_snippets(
        &mut self,
        snippets: SnippetsArg,
        options: Option<LoadSnippetsOptionsArg>,
    ) -> Result<LibraryReportOut, JsError> {
        let v = input(snippets.into(), "snippets")?;
        let o = match options {
            Some(o) => input(o.into(), "options")?,
            None => Value::Null,
        };
        let replace = match &o {
            Value::Null => false,
            Value::Object(m) => {
                if let Some(k) = m.keys().find(|k| *k != "replace") {
                    return Err(fail(format!(
                        "options.{k}: unknown option; expected replace"
                    )));
                }
                matches!(m.get("replace"), Some(Value::Bool(true)))
            }
            other => {
                return Err(fail(format!(
                    "options: expected an object like {{ replace }}, got {}",
                    crate::input::describe(other)
                )))
            }
        };
        output(&self.core.load_snippets(&v, replace).map_err(fail)?)
    }

    /// Imports help-desk macros (Zendesk, Help Scout, Zammad, osTicket, Chatwoot syntax).
    #[wasm_bindgen(js_name = importMacros)]
    pub fn import_macros(&mut self, spec: MacroImportArg) -> Result<LibraryReportOut, JsError> {
        let v = input(spec.into(), "macros")?;
        output(&self.core.import_macros(&v).map_err(fail)?)
    }

    /// The snippet library: id, category, title, tone, the kind of first reply it is (if it
    /// says) and template of each.
    #[wasm_bindgen(js_name = snippetLibrary)]
    pub fn snippet_library(&self) -> Result<SnippetInfosOut, JsError> {
        #[derive(serde::Serialize)]
        struct Info<'a> {
            id: &'a str,
            category: &'a str,
            title: &'a str,
            tone: crate::snippets::Tone,
            #[serde(skip_serializing_if = "Option::is_none")]
            reply: Option<crate::reply::Reply>,
            body: &'a str,
        }
        let rows: Vec<Info> = self
            .core
            .library()
            .iter()
            .map(|s| Info {
                id: &s.id,
                category: &s.category,
                title: &s.title,
                tone: s.tone,
                reply: s.reply,
                body: &s.body,
            })
            .collect();
        output(&rows)
    }

    /// What feedback has taught the ranking, and what the engine saw (assessments, snippets
    /// sent, outreach contacts: rows with a `record`), as JSON rows (for backup or another
    /// browser).
    #[wasm_bindgen(js_name = exportLearning)]
    pub fn export_learning(&self) -> Result<LearnedRowsOut, JsError> {
        output(&self.core.export_learning())
    }

    /// Replaces what is learned with exported rows: a bad row is left out and reported, the
    /// good ones are read; when every row is bad, what was learned stays as it was.
    #[wasm_bindgen(js_name = importLearning)]
    pub fn import_learning(&mut self, rows: LearnedRowsArg) -> Result<LearningImportOut, JsError> {
        let v = input(rows.into(), "learning")?;
        output(&self.core.import_learning(&v).map_err(fail)?)
    }

    /// Forgets everything feedback taught and everything the engine saw.
    #[wasm_bindgen(js_name = resetLearning)]
    pub fn reset_learning(&mut self) {
        self.core.reset_learning();
    }
}
