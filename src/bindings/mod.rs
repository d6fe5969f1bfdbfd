//! The binding layer: the only module that knows wasm-bindgen. It converts JS values to the
//! core's JSON-shaped input and back, and turns every error into a JS `Error` whose message
//! names the field. The core never panics on input; nothing here unwraps.

#[cfg(feature = "outreach")]
mod outreach;
mod outreach_types;
mod types;

use crate::engine::{AssessOptions, Engine as Core};
use crate::wire::tape::Tape;
use serde::Serialize;
use serde_json::Value;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;

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
}

/// A queue's ticket that could not be assessed, in its place in the result.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct QueueError {
    index: usize,
    ticket_id: Option<String>,
    error: String,
}

/// JS value → JSON-shaped input. Going through `JSON.stringify` gives the semantics JS users
/// expect (Dates become ISO strings, `undefined` fields vanish) and turns what JSON cannot hold
/// — cycles, BigInt — into a clear error instead of a crash; serde_json bounds the nesting.
fn input(v: JsValue, what: &str) -> Result<Value, JsError> {
    if v.is_undefined() || v.is_null() {
        return Ok(Value::Null);
    }
    // JSON over CUT_ABOVE units has its long strings cut in JS before it crosses: a 100 MB
    // message would be copied and parsed whole (200 MB of wasm memory, kept for good); cut
    // strings stay long enough for the core to see and say that they were cut
    let text = stringify(&v, CUT_ABOVE, 2 * crate::input::MAX_TEXT as u32 + 2, what)?;
    serde_json::from_str::<Value>(&crate::input::replace_lone_surrogates(&text))
        .map_err(|e| fail(format!("{what}: cannot be read as JSON ({e})")))
}

const CUT_ABOVE: u32 = 1 << 22;

/// A JS value as JSON text (`JSON.stringify`): cycles and BigInts become clear errors.
fn input_text(v: JsValue, what: &str) -> Result<String, JsError> {
    stringify(&v, u32::MAX, 0, what)
}

fn stringify(v: &JsValue, limit: u32, cut: u32, what: &str) -> Result<String, JsError> {
    if v.is_undefined() || v.is_null() {
        return Err(fail(format!("{what}: is required")));
    }
    json_text(v, limit, cut)
        .map_err(|e| {
            fail(format!(
                "{what}: cannot be read as JSON ({})",
                js_error_text(&e)
            ))
        })?
        // a function or a symbol has no JSON: stringify gives undefined
        .ok_or_else(|| fail(format!("{what}: cannot be read as JSON")))
}

/// A text argument: a JS string, checked before anything is copied (anything else used to
/// reach the wasm as a pointer to nothing, or be copied and never freed).
fn text_arg(v: TextArg, what: &str) -> Result<String, JsError> {
    let v: JsValue = v.into();
    v.as_string()
        .ok_or_else(|| fail(format!("{what}: expected a string, got {}", js_type(&v))))
}

/// More messages than this in one ticket are refused before the ticket crosses: the latest
/// `MAX_MESSAGES` of a longer thread are read, but a million would be copied and parsed first.
const MAX_THREAD: u32 = 10 * crate::ticket::MAX_MESSAGES as u32;

fn thread_limit(v: &JsValue, what: &str) -> Result<(), JsError> {
    let n = longest_thread(v).unwrap_or(0);
    if n > MAX_THREAD {
        return Err(fail(format!(
            "{what}: a thread of {n} messages; more than {MAX_THREAD} are refused (the latest {} of a long thread are read)",
            crate::ticket::MAX_MESSAGES
        )));
    }
    Ok(())
}

fn js_error_text(e: &JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .and_then(|e| e.message().as_string())
        .unwrap_or_else(|| "not serialisable".into())
}

/// Result → plain JS objects, through one `JSON.parse` of ASCII text (`crate::wire::ascii_json`):
/// fast for large batches, and never a two-byte JS string.
fn output<T: Serialize + ?Sized, O: JsCast>(v: &T) -> Result<O, JsError> {
    let text = crate::wire::ascii_json::to_string(v)
        .map_err(|e| fail(format!("could not convert the result: {e}")))?;
    js_sys::JSON::parse(&text)
        .map(JsCast::unchecked_into)
        .map_err(|_| fail("could not convert the result"))
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

fn fail(e: impl std::fmt::Display) -> JsError {
    JsError::new(&e.to_string())
}

fn options_of(options: Option<AssessOptionsArg>) -> Result<AssessOptions, JsError> {
    let v = match options {
        Some(o) => {
            let o: JsValue = o.into();
            // NaN and Infinity become null in JSON.stringify: the core refuses a null now
            input(o, "options")?
        }
        None => Value::Null,
    };
    AssessOptions::from_json(&v, js_sys::Date::now() as i64).map_err(fail)
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

    /// Loads customers, tickets, orders and surveys. Bad records are reported in `rejected`
    /// and skipped; the rest are kept. Loading the same records again does not duplicate them.
    #[wasm_bindgen(js_name = loadHistory)]
    pub fn load_history(&mut self, history: HistoryArg) -> Result<LoadReportOut, JsError> {
        // through JSON text, streamed record by record: no tree of the whole history
        let text = input_text(history.into(), "history")?;
        output(&self.core.load_history_text(&text).map_err(fail)?)
    }

    /// Loads history from JSON text (a file's contents), record by record: for large files
    /// this skips building JS objects and keeps memory to the store itself.
    #[wasm_bindgen(js_name = loadHistoryText)]
    pub fn load_history_text(&mut self, text: TextArg) -> Result<LoadReportOut, JsError> {
        let text = text_arg(text, "text")?;
        output(&self.core.load_history_text(&text).map_err(fail)?)
    }

    /// Loads a CSV export of one kind: "customers", "tickets", "orders" or "surveys". Columns
    /// are matched by their usual names in help-desk and shop exports, or by `mapping`
    /// (`{ createdAt: "Opened on" }`). Bad rows are reported with their line and column; the
    /// rest are kept.
    #[wasm_bindgen(js_name = importCsv)]
    pub fn import_csv(
        &mut self,
        kind: TextArg,
        text: TextArg,
        mapping: Option<CsvMappingArg>,
    ) -> Result<LoadReportOut, JsError> {
        let kind = text_arg(kind, "kind")?;
        let text = text_arg(text, "text")?;
        let m = match mapping {
            Some(m) => Some(input(m.into(), "mapping")?),
            None => None,
        };
        output(
            &self
                .core
                .import_csv(&kind, &text, m.as_ref())
                .map_err(fail)?,
        )
    }

    /// One chunk of history JSON read piece by piece (e.g. from `file.stream()`): records are
    /// loaded as they complete, so a large file is never one string. Returns the records read
    /// so far. End with `finishHistory()` for the report.
    #[wasm_bindgen(js_name = loadHistoryChunk)]
    pub fn load_history_chunk(&mut self, chunk: TextArg) -> Result<u32, JsError> {
        let chunk = text_arg(chunk, "chunk")?;
        Ok(self.core.load_history_chunk(&chunk).map_err(fail)? as u32)
    }

    /// Ends a chunked history load and returns its report.
    #[wasm_bindgen(js_name = finishHistory)]
    pub fn finish_history(&mut self) -> Result<LoadReportOut, JsError> {
        output(&self.core.finish_history().map_err(fail)?)
    }

    /// One chunk of a CSV export read piece by piece (e.g. from `file.stream()`): complete rows
    /// are loaded at once, a row split between chunks waits for the next. Returns the rows read
    /// so far, for progress. End with `finishCsv()` for the report.
    #[wasm_bindgen(js_name = importCsvChunk)]
    pub fn import_csv_chunk(
        &mut self,
        kind: TextArg,
        chunk: TextArg,
        mapping: Option<CsvMappingArg>,
    ) -> Result<u32, JsError> {
        let kind = text_arg(kind, "kind")?;
        let chunk = text_arg(chunk, "chunk")?;
        let m = match mapping {
            Some(m) => Some(input(m.into(), "mapping")?),
            None => None,
        };
        Ok(self
            .core
            .import_csv_chunk(&kind, &chunk, m.as_ref())
            .map_err(fail)? as u32)
    }

    /// Rows or records rejected so far by the chunked import in progress (`importCsvChunk` or
    /// `loadHistoryChunk`), for progress: the import goes on; `finishCsv()` / `finishHistory()`
    /// give them all, with where and why. 0 when no import is in progress.
    #[wasm_bindgen(js_name = importRejected)]
    pub fn import_rejected(&self) -> u32 {
        self.core.import_rejected() as u32
    }

    /// Ends a chunked CSV import: the last row is read and the report returned.
    #[wasm_bindgen(js_name = finishCsv)]
    pub fn finish_csv(&mut self) -> Result<LoadReportOut, JsError> {
        output(&self.core.finish_csv().map_err(fail)?)
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

    /// The snippet library: id, category, title, tone and template of each.
    #[wasm_bindgen(js_name = snippetLibrary)]
    pub fn snippet_library(&self) -> Result<SnippetInfosOut, JsError> {
        #[derive(serde::Serialize)]
        struct Info<'a> {
            id: &'a str,
            category: &'a str,
            title: &'a str,
            tone: crate::snippets::Tone,
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

    /// Replaces what is learned with exported rows; returns how many rows were read.
    #[wasm_bindgen(js_name = importLearning)]
    pub fn import_learning(&mut self, rows: LearnedRowsArg) -> Result<u32, JsError> {
        let v = input(rows.into(), "learning")?;
        self.core
            .import_learning(&v)
            .map(|n| n as u32)
            .map_err(fail)
    }

    /// Forgets everything feedback taught and everything the engine saw.
    #[wasm_bindgen(js_name = resetLearning)]
    pub fn reset_learning(&mut self) {
        self.core.reset_learning();
    }

    /// How many records the engine holds.
    #[wasm_bindgen(js_name = historyStats)]
    pub fn history_stats(&self) -> Result<HistoryStatsOut, JsError> {
        output(&self.core.store().counts())
    }
}

/// Calls `f` on each string of a JS array, in order, and collects the results. One `join` and
/// one UTF-8 conversion for the whole batch (per-element conversions dominated small texts);
/// the separator is a control character no text should hold, and a batch that holds it anyway
/// is converted element by element.
fn map_texts<R>(v: JsValue, mut f: impl FnMut(&str) -> R) -> Result<Vec<R>, JsError> {
    const SEP: char = '\u{1F}';
    if !js_sys::Array::is_array(&v) {
        return Err(fail(format!(
            "texts: expected an array of strings, got {}",
            js_type(&v)
        )));
    }
    // one call into JS checks every element and joins them (a crossing per element cost 5%)
    let joined = join_strings(&v, SEP.encode_utf8(&mut [0; 4]));
    let joined = match joined.as_f64() {
        Some(i) => {
            let i = i as u32;
            let bad = js_sys::Reflect::get_u32(&v, i).unwrap_or(JsValue::UNDEFINED);
            return Err(fail(format!(
                "texts[{i}]: expected a string, got {}",
                js_type(&bad)
            )));
        }
        None => joined.as_string().unwrap_or_default(),
    };
    let n = js_sys::Array::from(&v).length() as usize;
    if n == 0 {
        return Ok(Vec::new());
    }
    let mut out = Vec::with_capacity(n);
    if joined.bytes().filter(|&b| b == SEP as u8).count() + 1 == n {
        for (i, s) in joined.split(SEP).enumerate() {
            check_len(s, || format!("texts[{i}]"))?;
            out.push(f(s));
        }
        return Ok(out);
    }
    // a text holds the separator itself: convert element by element
    for (i, t) in js_sys::Array::from(&v).iter().enumerate() {
        let s = t.as_string().unwrap_or_default();
        check_len(&s, || format!("texts[{i}]"))?;
        out.push(f(&s));
    }
    Ok(out)
}

#[wasm_bindgen(inline_js = "
export function json_text(v, limit, n) {
  const s = JSON.stringify(v);
  if (typeof s !== 'string' || s.length <= limit) return s;
  return JSON.stringify(v, (k, x) => typeof x !== 'string' || x.length <= n ? x : x.slice(0, n - (x.charCodeAt(n - 1) >> 10 === 54 ? 1 : 0)));
}
export function longest_thread(v) {
  const n = (t) => (t !== null && typeof t === 'object' && Array.isArray(t.messages) ? t.messages.length : 0);
  if (!Array.isArray(v)) return n(v);
  let m = 0;
  for (const t of v) m = Math.max(m, n(t));
  return m;
}
")]
extern "C" {
    /// `JSON.stringify(v)`; above `limit` UTF-16 units, again with strings longer than `n` cut
    /// to about `n` (never between the halves of a surrogate pair).
    #[wasm_bindgen(catch)]
    fn json_text(v: &JsValue, limit: u32, n: u32) -> Result<Option<String>, JsValue>;
    /// The most messages in a ticket, or in any ticket of an array, read without copying.
    // (catch: called through the glue, so finish-pkg can inline this module)
    #[wasm_bindgen(catch)]
    fn longest_thread(v: &JsValue) -> Result<u32, JsValue>;
}

#[wasm_bindgen(
    inline_js = "export function join_strings(a, sep) { for (let i = 0; i < a.length; i++) if (typeof a[i] !== 'string') return i; return a.join(sep); }"
)]
extern "C" {
    /// The strings of `a` joined by `sep`, or the index of the first element that is not a string.
    fn join_strings(a: &JsValue, sep: &str) -> JsValue;
}

/// `what` names the text in the error; it is built only when there is one.
fn check_len(s: &str, what: impl Fn() -> String) -> Result<(), JsError> {
    if s.len() > 4 * crate::input::MAX_TEXT {
        return Err(fail(format!(
            "{}: text longer than {} characters",
            what(),
            crate::input::MAX_TEXT
        )));
    }
    Ok(())
}

fn js_type(v: &JsValue) -> String {
    if v.is_null() {
        "null".into()
    } else if v.is_undefined() {
        "undefined".into()
    } else {
        v.js_typeof()
            .as_string()
            .unwrap_or_else(|| "a value".into())
    }
}
