//! JS values in and out of the bindings: arguments checked and turned into the core's
//! JSON-shaped input (through `JSON.stringify`, bounded), results turned into plain JS objects
//! (one `JSON.parse` of ASCII text), errors into JS `Error`s that name the field.

use super::{AssessOptionsArg, TextArg};
use crate::engine::AssessOptions;
use serde::Serialize;
use serde_json::Value;
use wasm_bindgen::prelude::*;

/// JS value → JSON-shaped input. Going through `JSON.stringify` gives the semantics JS users
/// expect (Dates become ISO strings, `undefined` fields vanish) and turns what JSON cannot hold
/// — cycles, BigInt — into a clear error instead of a crash; serde_json bounds the nesting.
pub(super) fn input(v: JsValue, what: &str) -> Result<Value, JsError> {
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
pub(super) fn input_text(v: JsValue, what: &str) -> Result<String, JsError> {
    stringify(&v, u32::MAX, 0, what)
}

pub(super) fn stringify(v: &JsValue, limit: u32, cut: u32, what: &str) -> Result<String, JsError> {
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
pub(super) fn text_arg(v: TextArg, what: &str) -> Result<String, JsError> {
    let v: JsValue = v.into();
    v.as_string()
        .ok_or_else(|| fail(format!("{what}: expected a string, got {}", js_type(&v))))
}

/// More messages than this in one ticket are refused before the ticket crosses: the latest
/// `MAX_MESSAGES` of a longer thread are read, but a million would be copied and parsed first.
const MAX_THREAD: u32 = 10 * crate::ticket::MAX_MESSAGES as u32;

pub(super) fn thread_limit(v: &JsValue, what: &str) -> Result<(), JsError> {
    let n = longest_thread(v).unwrap_or(0);
    if n > MAX_THREAD {
        return Err(fail(format!(
            "{what}: a thread of {n} messages; more than {MAX_THREAD} are refused (the latest {} of a long thread are read)",
            crate::ticket::MAX_MESSAGES
        )));
    }
    Ok(())
}

pub(super) fn js_error_text(e: &JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .and_then(|e| e.message().as_string())
        .unwrap_or_else(|| "not serialisable".into())
}

/// Result → plain JS objects, through one `JSON.parse` of ASCII text (`crate::wire::ascii_json`):
/// fast for large batches, and never a two-byte JS string.
pub(super) fn output<T: Serialize + ?Sized, O: JsCast>(v: &T) -> Result<O, JsError> {
    let text = crate::wire::ascii_json::to_string(v)
        .map_err(|e| fail(format!("could not convert the result: {e}")))?;
    js_sys::JSON::parse(&text)
        .map(JsCast::unchecked_into)
        .map_err(|_| fail("could not convert the result"))
}

pub(super) fn fail(e: impl std::fmt::Display) -> JsError {
    JsError::new(&e.to_string())
}

pub(super) fn options_of(options: Option<AssessOptionsArg>) -> Result<AssessOptions, JsError> {
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

/// Calls `f` on each string of a JS array, in order, and collects the results. One `join` and
/// one UTF-8 conversion for the whole batch (per-element conversions dominated small texts);
/// the separator is a control character no text should hold, and a batch that holds it anyway
/// is converted element by element.
pub(super) fn map_texts<R>(v: JsValue, mut f: impl FnMut(&str) -> R) -> Result<Vec<R>, JsError> {
    let mut out = Vec::new();
    each_text(v, &mut |n, s| {
        if out.is_empty() {
            out.reserve_exact(n);
        }
        out.push(f(s));
    })?;
    Ok(out)
}

/// `map_texts`' work, once for every kind of result (`f` is given the number of texts, then
/// a text): -0.38 KB gzipped .wasm (2026-12-04)
fn each_text(v: JsValue, f: &mut dyn FnMut(usize, &str)) -> Result<(), JsError> {
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
        return Ok(());
    }
    if joined.bytes().filter(|&b| b == SEP as u8).count() + 1 == n {
        for (i, s) in joined.split(SEP).enumerate() {
            check_len(s, || format!("texts[{i}]"))?;
            f(n, s);
        }
        return Ok(());
    }
    // a text holds the separator itself: convert element by element
    for (i, t) in js_sys::Array::from(&v).iter().enumerate() {
        let s = t.as_string().unwrap_or_default();
        check_len(&s, || format!("texts[{i}]"))?;
        f(n, &s);
    }
    Ok(())
}

#[wasm_bindgen(inline_js = "
export function json_text(v, limit, n) {
  // a history's customers first, whatever the object's own key order: a load reads records in
  // the text's order, and one read before its own customer is filed by its email under another
  // (fromEntries, not Object.assign: an own '__proto__' key stays a key, refused by the load)
  if (v !== null && typeof v === 'object' && typeof v.toJSON !== 'function' && Object.prototype.hasOwnProperty.call(v, 'customers')) v = Object.fromEntries([['customers', null], ...Object.entries(v)]);
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
    /// `JSON.stringify(v)` (an object with `customers` has them first); above `limit` UTF-16
    /// units, again with strings longer than `n` cut to about `n` (never between the halves of
    /// a surrogate pair).
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
pub(super) fn check_len(s: &str, what: impl Fn() -> String) -> Result<(), JsError> {
    if crate::input::too_long(s) {
        return Err(fail(format!(
            "{}: text longer than {} characters",
            what(),
            crate::input::MAX_TEXT
        )));
    }
    Ok(())
}

pub(super) fn js_type(v: &JsValue) -> String {
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
