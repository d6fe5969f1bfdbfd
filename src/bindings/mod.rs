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
        let lex = &self.core.analyzer().lexicon;
        let out = map_texts(texts.into(), |t| {
            crate::text::sentiment::polarity(t, lex).compound
        })?;
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
            let bad = js_sys::Reflect::get_u32(&v, i as u32).unwrap_or(JsValue::UNDEFINED);
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
