//! Reading untrusted JSON-shaped input (from JS objects or files) with errors that name the
//! field: `ticket.messages[2].from: expected "customer", "agent" or "note", got "bot"`.

use serde_json::{Map, Value};
use std::fmt;

#[derive(Debug, Clone, PartialEq)]
pub struct InputError {
    /// Where: `ticket.messages[2].from`.
    pub path: String,
    /// What is wrong there.
    pub message: String,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

impl std::error::Error for InputError {}

/// Boxed, so that a `Result` of the many small reads (a flag, an id, a number) is a word or two
/// and each `?` moves a pointer: -3.43 KB gzipped .wasm (2026-12-04)
pub type Result<T> = std::result::Result<T, Box<InputError>>;

pub fn err<T>(path: &str, message: impl Into<String>) -> Result<T> {
    Err(error(path, message.into()))
}

/// `err`'s error, built out of line once rather than in each of its copies: -0.25 KB gzipped
/// .wasm (2026-12-04)
#[cold]
#[inline(never)]
fn error(path: &str, message: String) -> Box<InputError> {
    Box::new(InputError {
        path: path.to_string(),
        message,
    })
}

/// A short description of a JSON value for error messages.
pub fn describe(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => number_text(n),
        Value::String(s) => format!("\"{}\"", crate::util::clip(s, 30)),
        Value::Array(a) => format!("an array of {}", a.len()),
        Value::Object(_) => "an object".into(),
    }
}

/// An object being read, with its path for messages.
pub struct Obj<'a> {
    pub map: &'a Map<String, Value>,
    /// Its path; its list's when `index` is set (`element`).
    path: String,
    index: Option<usize>,
}

pub fn object<'a>(v: &'a Value, path: &str) -> Result<Obj<'a>> {
    match v {
        Value::Object(map) => Ok(Obj {
            map,
            path: path.to_string(),
            index: None,
        }),
        other => err(path, format!("expected an object, got {}", describe(other))),
    }
}

/// Element `i` of the list at `list`, an object; the index joins its path (`list[i]`) only when
/// an error says it (a `format!` per message was 1.1% of `bench-assess`'s instructions; with
/// this, -0.9%).
pub fn element<'a>(v: &'a Value, list: &str, i: usize) -> Result<Obj<'a>> {
    let Value::Object(map) = v else {
        return object(v, &format!("{list}[{i}]")); // its error, said once
    };
    Ok(Obj {
        map,
        path: list.to_string(),
        index: Some(i),
    })
}

pub fn array<'a>(v: &'a Value, path: &str) -> Result<&'a Vec<Value>> {
    match v {
        Value::Array(a) => Ok(a),
        other => err(path, format!("expected an array, got {}", describe(other))),
    }
}

/// JSON text with every unpaired surrogate escape (`\\ud800` alone, a low half first) made
/// `\\ufffd`. `JSON.stringify` writes a JS string's lone surrogate that way, and serde_json
/// refuses it: a ticket with one stray half of an emoji is read with U+FFFD in its place
/// instead of being refused. Text without such an escape is returned as it is.
pub fn replace_lone_surrogates(json: &str) -> std::borrow::Cow<'_, str> {
    fn unit(b: &[u8], at: usize) -> Option<u16> {
        if b.get(at) != Some(&b'\\') || b.get(at + 1) != Some(&b'u') {
            return None;
        }
        let hex = std::str::from_utf8(b.get(at + 2..at + 6)?).ok()?;
        u16::from_str_radix(hex, 16).ok()
    }
    let b = json.as_bytes();
    let mut bad = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'\\' {
            i += 1;
            continue;
        }
        match unit(b, i) {
            Some(u @ 0xD800..=0xDBFF) => match unit(b, i + 6) {
                Some(0xDC00..=0xDFFF) => i += 12,
                _ => {
                    let _ = u;
                    bad.push(i);
                    i += 6;
                }
            },
            Some(0xDC00..=0xDFFF) => {
                bad.push(i);
                i += 6;
            }
            Some(_) => i += 6,
            None => i += 2, // any other escape, \\ included, is two bytes
        }
    }
    if bad.is_empty() {
        return std::borrow::Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len());
    let mut last = 0;
    for at in bad {
        out.push_str(&json[last..at]);
        out.push_str("\\ufffd");
        last = at + 6;
    }
    out.push_str(&json[last..]);
    std::borrow::Cow::Owned(out)
}

/// Maximum length of one text field, in characters (a ticket message, a subject).
pub const MAX_TEXT: usize = 200_000;

/// Whether `s` has more than `MAX_TEXT` characters: the one rule for every text, here and at
/// the binding. Characters are counted only when the bytes could be too many (a rule that
/// once took 4 bytes a character for granted let 800,000 ASCII characters through).
pub fn too_long(s: &str) -> bool {
    s.len() > MAX_TEXT && s.chars().count() > MAX_TEXT
}

impl<'a> Obj<'a> {
    /// Out of line: inlined at its many callers (with the two forms of path) it cost the .wasm
    /// 1.6 KB gzipped (`make size`, 2026-12-04).
    #[inline(never)]
    pub fn at(&self, key: &str) -> String {
        match self.index {
            Some(i) => format!("{}[{i}].{key}", self.path),
            None => format!("{}.{key}", self.path),
        }
    }

    /// The value of `key`, treating `null` like absence.
    pub fn get(&self, key: &str) -> Option<&'a Value> {
        self.map.get(key).filter(|v| !v.is_null())
    }

    /// Rejects keys outside `known`, naming the first unknown one (catches typos in config).
    pub fn only(&self, known: &[&str]) -> Result<()> {
        for k in self.map.keys() {
            if !known.contains(&k.as_str()) {
                return err(
                    &self.at(k),
                    format!("unknown field; expected one of {}", known.join(", ")),
                );
            }
        }
        Ok(())
    }

    pub fn opt_str(&self, key: &str) -> Result<Option<String>> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::String(s)) => {
                if too_long(s) {
                    return err(
                        &self.at(key),
                        format!("text longer than {MAX_TEXT} characters"),
                    );
                }
                Ok(Some(s.clone()))
            }
            // ids are often numbers in exports: accept them as their decimal text
            Some(Value::Number(n)) => Ok(Some(number_text(n))),
            Some(other) => err(
                &self.at(key),
                format!("expected a string, got {}", describe(other)),
            ),
        }
    }

    /// `value` (read from `key`) as one of `choices`, by position; an error lists them. Kept
    /// out of line: one copy for every field that names a choice.
    #[inline(never)]
    pub fn pick(
        &self,
        key: &str,
        value: Option<String>,
        choices: &[&str],
    ) -> Result<Option<usize>> {
        let Some(s) = value else {
            return Ok(None);
        };
        if let Some(i) = choices.iter().position(|c| *c == s) {
            return Ok(Some(i));
        }
        let mut m = String::from("expected ");
        for (i, c) in choices.iter().enumerate() {
            if i > 0 {
                m.push_str(if i + 1 == choices.len() { " or " } else { ", " });
            }
            m.push('"');
            m.push_str(c);
            m.push('"');
        }
        m.push_str(", got \"");
        m.push_str(&crate::util::clip(&s, 30));
        m.push('"');
        err(&self.at(key), m)
    }

    /// `true` or `false`; absent (or null) is `false`.
    #[inline(never)]
    pub fn flag(&self, key: &str) -> Result<bool> {
        match self.get(key) {
            None => Ok(false),
            Some(Value::Bool(b)) => Ok(*b),
            Some(_) => err(&self.at(key), "expected true or false"),
        }
    }

    /// A person's name as it may be shown ("Hi {name},"): see `visible_name`.
    pub fn opt_name(&self, key: &str) -> Result<Option<String>> {
        Ok(self.opt_str(key)?.as_deref().and_then(visible_name))
    }

    pub fn req_str(&self, key: &str) -> Result<String> {
        match self.opt_str(key)? {
            Some(s) if !s.trim().is_empty() => Ok(s),
            Some(_) => err(&self.at(key), "must not be empty"),
            None => err(&self.at(key), "is required"),
        }
    }

    /// An identifier: trimmed, non-empty, at most 200 characters.
    pub fn opt_id(&self, key: &str) -> Result<Option<String>> {
        // a string read in place: one copy instead of two (`opt_str`'s and the trimmed one's),
        // a customer reference on every record of a load
        let owned;
        let s = match self.get(key) {
            Some(Value::String(s)) if !too_long(s) => s.as_str(),
            _ => match self.opt_str(key)? {
                None => return Ok(None),
                Some(s) => {
                    owned = s;
                    owned.as_str()
                }
            },
        };
        match s.trim() {
            "" => Ok(None),
            _ if s.chars().count() > 200 => {
                err(&self.at(key), "identifier longer than 200 characters")
            }
            t => Ok(Some(t.to_string())),
        }
    }

    pub fn req_id(&self, key: &str) -> Result<String> {
        match self.opt_id(key)? {
            Some(s) => Ok(s),
            None => err(&self.at(key), "is required"),
        }
    }

    pub fn opt_num(&self, key: &str, min: f64, max: f64) -> Result<Option<f64>> {
        let v = match self.get(key) {
            None => return Ok(None),
            Some(Value::Number(n)) => n.as_f64().unwrap_or(f64::NAN),
            // numbers exported as text ("4", "129.90")
            Some(Value::String(s)) if s.trim().is_empty() => return Ok(None),
            Some(Value::String(s)) => match crate::decimal::parse_f64(s.trim()) {
                Some(x) => x,
                None => {
                    return err(
                        &self.at(key),
                        format!(
                            "expected a number, got {}",
                            describe(&Value::String(s.clone()))
                        ),
                    )
                }
            },
            Some(other) => {
                return err(
                    &self.at(key),
                    format!("expected a number, got {}", describe(other)),
                )
            }
        };
        if !v.is_finite() || v < min || v > max {
            return err(
                &self.at(key),
                format!(
                    "{} is outside {}..{}",
                    crate::util::num(v, 3),
                    crate::util::num(min, 3),
                    crate::util::num(max, 3)
                ),
            );
        }
        Ok(Some(v))
    }

    /// An ISO-8601 date or date-time, as epoch milliseconds.
    pub fn opt_date(&self, key: &str) -> Result<Option<i64>> {
        match self.opt_str(key)? {
            None => Ok(None),
            Some(s) if s.trim().is_empty() => Ok(None),
            Some(s) => crate::time::parse_iso(&s)
                .map(Some)
                .or_else(|m| err(&self.at(key), m)),
        }
    }

    pub fn req_date(&self, key: &str) -> Result<i64> {
        match self.opt_date(key)? {
            Some(d) => Ok(d),
            None => err(&self.at(key), "is required (an ISO-8601 date)"),
        }
    }

    /// An email address, normalised for identity (trimmed, lower case); empty means absent.
    pub fn opt_email(&self, key: &str) -> Result<Option<String>> {
        match self.opt_str(key)? {
            Some(e) if !e.trim().is_empty() => match normalize_email(&e) {
                Some(n) => Ok(Some(n)),
                None => err(
                    &self.at(key),
                    format!("\"{}\" is not an email address", crate::util::clip(&e, 40)),
                ),
            },
            _ => Ok(None),
        }
    }

    /// A list of strings; a single string is taken as a list of one.
    pub fn opt_strings(&self, key: &str) -> Result<Vec<String>> {
        match self.get(key) {
            None => Ok(Vec::new()),
            Some(Value::String(s)) => Ok(vec![s.clone()]),
            Some(Value::Array(a)) => {
                // a loop, not a `collect` into a `Result`: -0.19 KB gzipped .wasm (2026-12-04)
                let mut out = Vec::with_capacity(a.len());
                for (i, v) in a.iter().enumerate() {
                    out.push(match v {
                        Value::String(s) => s.clone(),
                        Value::Number(n) => number_text(n),
                        Value::Object(o) => o
                            .get("name")
                            .or_else(|| o.get("title"))
                            .and_then(Value::as_str)
                            .map(str::to_string)
                            .unwrap_or_default(),
                        other => {
                            return err(
                                &format!("{}[{i}]", self.at(key)),
                                format!("expected a string, got {}", describe(other)),
                            )
                        }
                    });
                }
                Ok(out)
            }
            Some(other) => err(
                &self.at(key),
                format!("expected an array of strings, got {}", describe(other)),
            ),
        }
    }
}

/// A name fit to greet someone with: bidi controls removed (they reorder the text around the
/// name), blanks and invisible characters trimmed from both ends, and `None` when no visible
/// character is left (a name of U+200B or U+3164 alone would greet "Hi ,").
pub fn visible_name(s: &str) -> Option<String> {
    let bidi =
        |c: char| matches!(c as u32, 0x61C | 0x200E | 0x200F | 0x202A..=0x202E | 0x2066..=0x2069);
    let shown = |c: char| !c.is_whitespace() && !invisible(c);
    let name: String = s.split(bidi).collect();
    let start = name.find(shown)?;
    let end = name.rfind(shown).map_or(start, |i| {
        i + name[i..].chars().next().map_or(1, char::len_utf8)
    });
    Some(name[start..end].to_string())
}

/// Characters that show nothing: controls, Unicode's default-ignorable code points (format
/// characters, fillers, variation selectors, tags) and the blank braille pattern.
pub fn invisible(c: char) -> bool {
    const RANGES: [(u32, u32); 19] = [
        (0xAD, 0xAD),
        (0x34F, 0x34F),
        (0x61C, 0x61C),
        (0x115F, 0x1160),
        (0x17B4, 0x17B5),
        (0x180B, 0x180F),
        (0x200B, 0x200F),
        (0x202A, 0x202E),
        (0x2060, 0x206F),
        (0x2800, 0x2800),
        (0x3164, 0x3164),
        (0xFE00, 0xFE0F),
        (0xFEFF, 0xFEFF),
        (0xFFA0, 0xFFA0),
        (0xFFF0, 0xFFF8),
        (0x1BCA0, 0x1BCA3),
        (0x1D173, 0x1D17A),
        (0xE0000, 0xE0FFF),
        (0, 0x1F),
    ];
    let c = c as u32;
    (0x7F..=0x9F).contains(&c) || RANGES.iter().any(|&(lo, hi)| lo <= c && c <= hi)
}

/// Normalised email for identity: trimmed and lower-cased; None unless it looks like one.
pub fn normalize_email(s: &str) -> Option<String> {
    // the Kelvin sign is the one character whose lower case is ASCII ('k'): "\u{212A}ate@x.org"
    // would find kate@x.org's history, so it is no address (no real one holds it)
    if s.contains('\u{212A}') {
        return None;
    }
    let e = crate::util::lower(s.trim());
    let (local, domain) = e.split_once('@')?;
    // nor is one with a character that shows nothing (a control, a bidi mark, a zero width
    // space): it would look like another's, and it reaches the load report's lines as it is
    let odd = |c: char| c.is_whitespace() || invisible(c);
    (!local.is_empty() && !domain.is_empty() && !e.contains(odd)).then_some(e)
}

/// A JSON number given where text is expected (an id, a tag) as text, by the same number
/// writers as the results (`ascii_json`): serde_json's `Number` Display costs the .wasm code of
/// its own.
pub fn number_text(n: &serde_json::Number) -> String {
    match (n.as_i64(), n.as_u64(), n.as_f64()) {
        (Some(i), _, _) => itoa::Buffer::new().format(i).to_string(),
        (_, Some(u), _) => itoa::Buffer::new().format(u).to_string(),
        (_, _, Some(f)) if f.is_finite() => zmij::Buffer::new().format_finite(f).to_string(),
        _ => String::new(),
    }
}

#[cfg(test)]
#[path = "input_tests.rs"]
mod tests;
