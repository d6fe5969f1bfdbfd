//! The binding layer: the only module that knows wasm-bindgen. It converts JS values to the
//! core's JSON-shaped input and back, and turns every error into a JS `Error` whose message
//! names the field. The core never panics on input; nothing here unwraps.

mod types;

use crate::engine::Engine as Core;
use serde::Serialize;
use serde_json::Value;
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
    #[wasm_bindgen(typescript_type = "LoadReport")]
    pub type LoadReportOut;
    #[wasm_bindgen(typescript_type = "Assessment")]
    pub type AssessmentOut;
    #[wasm_bindgen(typescript_type = "Assessment[]")]
    pub type AssessmentsOut;
    #[wasm_bindgen(typescript_type = "TextSignals")]
    pub type TextSignalsOut;
    #[wasm_bindgen(typescript_type = "TextSignals[]")]
    pub type TextSignalsListOut;
    #[wasm_bindgen(typescript_type = "FeedbackReceipt")]
    pub type FeedbackReceiptOut;
    #[wasm_bindgen(typescript_type = "HistoryStats")]
    pub type HistoryStatsOut;
}

/// JS value → JSON-shaped input. Going through `JSON.stringify` gives the semantics JS users
/// expect (Dates become ISO strings, `undefined` fields vanish) and turns what JSON cannot hold
/// — cycles, BigInt — into a clear error instead of a crash; serde_json bounds the nesting.
fn input(v: JsValue, what: &str) -> Result<Value, JsError> {
    if v.is_undefined() || v.is_null() {
        return Ok(Value::Null);
    }
    let text = js_sys::JSON::stringify(&v)
        .map_err(|e| {
            fail(format!(
                "{what}: cannot be read as JSON ({})",
                js_error_text(&e)
            ))
        })?
        .as_string()
        .ok_or_else(|| fail(format!("{what}: cannot be read as JSON")))?;
    serde_json::from_str::<Value>(&text)
        .map_err(|e| fail(format!("{what}: cannot be read as JSON ({e})")))
}

fn js_error_text(e: &JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .and_then(|e| e.message().as_string())
        .unwrap_or_else(|| "not serialisable".into())
}

/// Result → plain JS objects, through one `JSON.parse` (fast for large batches).
fn output<T: Serialize, O: JsCast>(v: &T) -> Result<O, JsError> {
    let text =
        serde_json::to_string(v).map_err(|e| fail(format!("could not convert the result: {e}")))?;
    js_sys::JSON::parse(&text)
        .map(JsCast::unchecked_into)
        .map_err(|_| fail("could not convert the result"))
}

fn fail(e: impl std::fmt::Display) -> JsError {
    JsError::new(&e.to_string())
}

/// `now` from options: an ISO string or epoch milliseconds; the current time when absent.
fn now_of(options: Value) -> Result<i64, JsError> {
    match options {
        Value::Null => Ok(js_sys::Date::now() as i64),
        Value::Object(o) => {
            for k in o.keys() {
                if k != "now" {
                    return Err(fail(format!("options.{k}: unknown option; expected now")));
                }
            }
            match o.get("now") {
                None | Some(Value::Null) => Ok(js_sys::Date::now() as i64),
                Some(Value::String(s)) => {
                    crate::time::parse_iso(s).map_err(|m| fail(format!("options.now: {m}")))
                }
                Some(Value::Number(n)) => match n.as_f64() {
                    Some(x) if x.is_finite() && x.abs() < 1e15 => Ok(x as i64),
                    _ => Err(fail("options.now: expected epoch milliseconds")),
                },
                Some(other) => Err(fail(format!(
                    "options.now: expected an ISO-8601 string or epoch milliseconds, got {}",
                    crate::input::describe(other)
                ))),
            }
        }
        other => Err(fail(format!(
            "options: expected an object like {{ now }}, got {}",
            crate::input::describe(&other)
        ))),
    }
}

/// Scores help-desk tickets for relational opportunity, with reasons, route, follow-up and
/// channel advice, from the ticket's words and the customer history loaded into it.
#[wasm_bindgen]
pub struct Engine {
    core: Core,
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
            .map(|core| Engine { core })
            .map_err(fail)
    }

    /// Loads customers, tickets, orders and surveys. Bad records are reported in `rejected`
    /// and skipped; the rest are kept. Loading the same records again does not duplicate them.
    #[wasm_bindgen(js_name = loadHistory)]
    pub fn load_history(&mut self, history: HistoryArg) -> Result<LoadReportOut, JsError> {
        let v = input(history.into(), "history")?;
        output(&self.core.load_history(&v).map_err(fail)?)
    }

    /// Assesses one open ticket.
    pub fn assess(
        &self,
        ticket: TicketArg,
        options: Option<AssessOptionsArg>,
    ) -> Result<AssessmentOut, JsError> {
        let now = now_of(match options {
            Some(o) => input(o.into(), "options")?,
            None => Value::Null,
        })?;
        let v = input(ticket.into(), "ticket")?;
        output(&self.core.assess(&v, now).map_err(fail)?)
    }

    /// Assesses many tickets in one call; results are in input order.
    #[wasm_bindgen(js_name = assessQueue)]
    pub fn assess_queue(
        &self,
        tickets: TicketsArg,
        options: Option<AssessOptionsArg>,
    ) -> Result<AssessmentsOut, JsError> {
        let now = now_of(match options {
            Some(o) => input(o.into(), "options")?,
            None => Value::Null,
        })?;
        let v = input(tickets.into(), "tickets")?;
        output(&self.core.assess_queue(&v, now).map_err(fail)?)
    }

    /// Sentiment, emotions, intent and cues of one text.
    #[wasm_bindgen(js_name = analyzeText)]
    pub fn analyze_text(&self, text: TextArg) -> Result<TextSignalsOut, JsError> {
        let text: JsValue = text.into();
        let s = text
            .as_string()
            .ok_or_else(|| fail(format!("text: expected a string, got {}", js_type(&text))))?;
        check_len(&s, "text")?;
        output(&self.core.analyze_text(&s))
    }

    /// The same for many texts, in input order.
    #[wasm_bindgen(js_name = analyzeTexts)]
    pub fn analyze_texts(&self, texts: TextsArg) -> Result<TextSignalsListOut, JsError> {
        let v: JsValue = texts.into();
        let arr: &js_sys::Array = v.dyn_ref().ok_or_else(|| {
            fail(format!(
                "texts: expected an array of strings, got {}",
                js_type(&v)
            ))
        })?;
        let mut out = Vec::with_capacity(arr.length() as usize);
        for (i, t) in arr.iter().enumerate() {
            let s = t.as_string().ok_or_else(|| {
                fail(format!(
                    "texts[{i}]: expected a string, got {}",
                    js_type(&t)
                ))
            })?;
            check_len(&s, &format!("texts[{i}]"))?;
            out.push(self.core.analyze_text(&s));
        }
        output(&out)
    }

    /// Sentiment only, for many texts: the VADER-style `compound` (−1..1) of each, in input
    /// order — the fast path for scoring large batches (no emotions, intent or cues).
    pub fn sentiments(&self, texts: TextsArg) -> Result<js_sys::Float64Array, JsError> {
        let strings = strings_of(texts.into())?;
        let lex = &self.core.analyzer().lexicon;
        let out: Vec<f64> = strings.iter().map(|t| crate::text::sentiment::polarity(t, lex).compound).collect();
        Ok(js_sys::Float64Array::from(&out[..]))
    }

    /// Records what the agent did with a snippet.
    pub fn feedback(&mut self, event: FeedbackArg) -> Result<FeedbackReceiptOut, JsError> {
        let v = input(event.into(), "feedback")?;
        output(&self.core.feedback(&v).map_err(fail)?)
    }

    /// How many records the engine holds.
    #[wasm_bindgen(js_name = historyStats)]
    pub fn history_stats(&self) -> Result<HistoryStatsOut, JsError> {
        output(&self.core.store().counts())
    }
}

/// A JS array of strings as Rust strings. One `join` and one UTF-8 conversion for the whole
/// batch (per-element conversions dominated small texts); the separator is a character no
/// text should hold, and a batch that holds it anyway is converted element by element.
fn strings_of(v: JsValue) -> Result<Vec<String>, JsError> {
    const SEP: char = '\u{1F}';
    let arr: &js_sys::Array = v.dyn_ref().ok_or_else(|| fail(format!("texts: expected an array of strings, got {}", js_type(&v))))?;
    let n = arr.length() as usize;
    for (i, t) in arr.iter().enumerate() {
        if !t.is_string() {
            return Err(fail(format!("texts[{i}]: expected a string, got {}", js_type(&t))));
        }
    }
    let joined = arr.join(&SEP.to_string()).as_string().unwrap_or_default();
    let parts: Vec<String> = if n == 0 {
        Vec::new()
    } else {
        joined.split(SEP).map(str::to_string).collect()
    };
    let parts = if parts.len() == n { parts } else { arr.iter().map(|t| t.as_string().unwrap_or_default()).collect() };
    for (i, s) in parts.iter().enumerate() {
        check_len(s, &format!("texts[{i}]"))?;
    }
    Ok(parts)
}

fn check_len(s: &str, what: &str) -> Result<(), JsError> {
    if s.len() > 4 * crate::input::MAX_TEXT {
        return Err(fail(format!(
            "{what}: text longer than {} characters",
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
