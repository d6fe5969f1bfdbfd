//! History JSON (`{ customers?, tickets?, orders?, surveys? }`) read record by record, whole or
//! in chunks: the outer object and its lists are read by a small state machine that keeps its
//! state across chunk ends (so every split gives the same result), and each record is parsed
//! and loaded on its own by serde_json. The text is never held whole, nor as a tree.

use super::store::{LoadReport, Rejected, Store};
use super::RecordKind;
use crate::input::{self, InputError};
use serde_json::Value;

/// Nesting allowed inside one record; a deeper record is rejected on its own (serde_json
/// stops at 128 levels, and one such record must not stop the load).
pub const MAX_RECORD_DEPTH: u32 = 64;
/// Bytes allowed for one record: a longer one is rejected without being held.
pub const MAX_RECORD_BYTES: usize = 4 * crate::input::MAX_TEXT + 65_536;

#[derive(Debug, Clone, Copy, PartialEq, Default)]
enum At {
    /// Before the opening `{` (a BOM and blanks allowed).
    #[default]
    Start,
    /// After `{`: a key or `}`.
    FirstKey,
    /// After `,` in the object: a key.
    Key,
    /// Inside a key's quotes.
    KeyText,
    Colon,
    /// After `:`: the list.
    List,
    /// After a list: `,` or `}`.
    AfterList,
    /// After `[`: a record or `]`.
    FirstItem,
    /// After `,` in a list: a record.
    Item,
    /// Inside a record.
    Record,
    /// After a record: `,` or `]`.
    AfterItem,
    /// After the closing `}`: blanks only.
    End,
}

/// History JSON fed in chunks; `push` each, then `finish` for the report.
#[derive(Default)]
pub struct JsonImport {
    at: At,
    /// Text not yet used up: the key or record in progress.
    buf: String,
    /// In `buf`: where the current key or record starts.
    start: usize,
    /// A record's state: bracket depth, inside a string, after a backslash, a scalar record.
    depth: u32,
    in_str: bool,
    esc: bool,
    scalar: bool,
    /// The last string at the record's top level (offsets in it), the one in effect where
    /// it nests too deep, and the record's length so far.
    key_at: (usize, usize),
    deep_key: Option<(usize, usize)>,
    len: usize,
    /// The list being read (customers until a key names one: no record comes before a key).
    kind: RecordKind,
    index: usize,
    /// Lines read so far (for errors), and whether any text came at all.
    line: usize,
    started: bool,
    failed: bool,
    report: LoadReport,
}

impl JsonImport {
    /// Stops the load; the message says what of it was kept (the records before the fault
    /// stay, and a caller who is not told would load the file again, or give up on all of it).
    fn fail<T>(&mut self, message: String) -> input::Result<T> {
        self.failed = true;
        let kept = self.kept();
        Err(InputError {
            path: "history".into(),
            message: format!(
                "cannot be read as JSON ({message}, line {}); {kept}",
                self.line + 1
            ),
        }
        .into())
    }

    /// Records of the file loaded so far: a customer created for a record is not one.
    fn kept_records(&self) -> usize {
        let r = &self.report;
        self.records() - r.rejected.len() - r.customers_from_records
    }

    /// What a stopped load kept, in words.
    fn kept(&self) -> String {
        match self.kept_records() {
            0 => "nothing was loaded".to_string(),
            1 => "the record before it was kept".to_string(),
            n => format!("the {n} records before it were kept"),
        }
    }

    /// `tickets[12]`: built without `format!`, which cost about 930 instructions a record, 5%
    /// of a load (callgrind, 2026-12-07).
    fn path(&self) -> String {
        let (name, mut digits) = (self.kind.name(), itoa::Buffer::new());
        let index = digits.format(self.index);
        let mut s = String::with_capacity(name.len() + index.len() + 2);
        s.push_str(name);
        s.push('[');
        s.push_str(index);
        s.push(']');
        s
    }

    pub fn push(&mut self, store: &mut Store, chunk: &str) -> input::Result<()> {
        // the tickets are put in order at the end (`Store::settle` says why); an error ends the
        // load, and the records loaded before it stay, in order
        let r = self.scan(store, chunk);
        if r.is_err() {
            store.settle();
        }
        // every error ends the load, and says what it kept if anything (`fail`'s say it always)
        r.map_err(|mut e| {
            if !self.failed && self.kept_records() > 0 {
                e.message = format!("{}; {}", e.message, self.kept());
            }
            e
        })
    }

    fn scan(&mut self, store: &mut Store, chunk: &str) -> input::Result<()> {
        if self.failed {
            return self.fail("the load stopped at an earlier error".into());
        }
        let mut chunk = chunk;
        if !self.started && !chunk.is_empty() {
            self.started = true;
            chunk = chunk.strip_prefix('\u{feff}').unwrap_or(chunk);
        }
        let base = self.buf.len();
        self.buf.push_str(chunk);
        let mut i = base;
        while i < self.buf.len() {
            if matches!(self.at, At::Record) && self.in_str && !self.esc {
                // a string's plain bytes at once, up to what the byte loop must see: the loop
                // costs about 27 instructions a byte, a quarter of a load (callgrind, 2026-12-07)
                let rest = &self.buf.as_bytes()[i..];
                let n = rest
                    .iter()
                    .position(|&c| matches!(c, b'"' | b'\\' | b'\n'))
                    .unwrap_or(rest.len());
                self.len += n;
                i += n;
                if i == self.buf.len() {
                    break;
                }
            }
            let b = self.buf.as_bytes()[i];
            if b == b'\n' {
                self.line += 1;
            }
            let blank = matches!(b, b' ' | b'\t' | b'\r' | b'\n');
            match self.at {
                At::Record => {
                    if self.record_byte(store, b, i)? {
                        continue; // a scalar ended at this byte: read it again after the record
                    }
                }
                At::KeyText => {
                    if self.esc {
                        self.esc = false;
                    } else if b == b'\\' {
                        self.esc = true;
                    } else if b == b'"' {
                        self.at = At::Colon;
                        self.key(i)?;
                    }
                }
                _ if blank => {}
                At::Start if b == b'{' => self.at = At::FirstKey,
                At::Start => {
                    return Err(InputError {
                        path: "history".into(),
                        message: "expected an object { customers, tickets, orders, surveys }"
                            .into(),
                    }
                    .into())
                }
                At::FirstKey | At::Key if b == b'"' => {
                    self.at = At::KeyText;
                    self.start = i;
                }
                At::FirstKey if b == b'}' => self.at = At::End,
                At::Colon if b == b':' => self.at = At::List,
                At::List if b == b'[' => self.at = At::FirstItem,
                At::List => {
                    return Err(InputError {
                        path: format!("history.{}", self.kind.name()),
                        message: "expected an array".into(),
                    }
                    .into())
                }
                At::AfterList if b == b',' => self.at = At::Key,
                At::AfterList if b == b'}' => self.at = At::End,
                At::FirstItem if b == b']' => self.at = At::AfterList,
                At::FirstItem | At::Item => {
                    self.begin_record(b, i);
                    continue; // the record reads its first byte itself
                }
                At::AfterItem if b == b',' => {
                    self.index += 1;
                    self.at = At::Item;
                }
                At::AfterItem if b == b']' => {
                    self.index += 1;
                    self.at = At::AfterList;
                }
                At::AfterItem => {
                    let after = self.path();
                    return self.fail(format!("expected , or ] after {after}"));
                }
                At::End => return self.fail("text after the end".into()),
                _ => return self.fail("a character out of place".into()),
            }
            i += 1;
        }
        // keep only what is still needed: the key or record in progress
        let keep = match self.at {
            At::KeyText => self.start,
            At::Record if self.len <= MAX_RECORD_BYTES => self.start,
            _ => self.buf.len(),
        };
        self.buf.drain(..keep);
        self.start -= keep.min(self.start);
        Ok(())
    }

    /// A key has closed at `end`: it names the list that follows (escapes read as JSON does).
    fn key(&mut self, end: usize) -> input::Result<()> {
        let text = &self.buf[self.start..=end];
        // as a Value, not a String: serde's own "expected a string" errors would bring the
        // float formatter into the .wasm (+10 KB gzipped, measured)
        let key = match serde_json::from_str(text) {
            Ok(Value::String(k)) => k,
            Ok(_) => String::new(),
            Err(_) => return self.fail("a key that is not a JSON string".into()),
        };
        match RecordKind::from_name(&key) {
            Some(k) => {
                self.kind = k;
                self.index = 0;
                Ok(())
            }
            None => Err(InputError {
                path: format!("history.{}", crate::util::clip(&key, 30)),
                message: "is not a list of history; expected customers, tickets, orders or surveys"
                    .into(),
            }
            .into()),
        }
    }

    fn begin_record(&mut self, b: u8, i: usize) {
        self.at = At::Record;
        self.start = i;
        self.depth = 0;
        self.deep_key = None;
        self.key_at = (0, 0);
        self.len = 0;
        self.in_str = false;
        self.esc = false;
        self.scalar = !matches!(b, b'{' | b'[' | b'"');
    }

    /// One byte of a record at `i`. Returns true when a scalar record ended just before it
    /// (the byte belongs to what follows the record).
    fn record_byte(&mut self, store: &mut Store, b: u8, i: usize) -> input::Result<bool> {
        self.len += 1;
        if self.in_str {
            if self.esc {
                self.esc = false;
            } else if b == b'\\' {
                self.esc = true;
            } else if b == b'"' {
                self.in_str = false;
                if self.depth == 0 {
                    self.end_record(store, i + 1)?;
                } else if self.depth == 1 {
                    self.key_at = (self.key_at.0, i - self.start);
                }
            }
            return Ok(false);
        }
        match b {
            b'"' => {
                self.in_str = true;
                self.key_at.0 = i + 1 - self.start;
            }
            b'{' | b'[' => {
                self.depth += 1;
                if self.depth > MAX_RECORD_DEPTH && self.deep_key.is_none() {
                    // the record's field (the last key read at its top level) that nests so
                    self.deep_key = Some(self.key_at);
                }
            }
            b'}' | b']' if self.depth > 0 => {
                self.depth -= 1;
                if self.depth == 0 {
                    self.end_record(store, i + 1)?;
                }
            }
            b',' | b']' | b'}' | b' ' | b'\t' | b'\r' | b'\n' if self.scalar => {
                if b == b'\n' {
                    self.line -= 1; // counted again when the byte is read after the record
                }
                self.end_record(store, i)?;
                return Ok(true);
            }
            _ => {}
        }
        Ok(false)
    }

    /// The record from `start` to `end` is complete: parse it and load it, or reject it.
    fn end_record(&mut self, store: &mut Store, end: usize) -> input::Result<()> {
        self.at = At::AfterItem;
        let path = self.path();
        let reject = |me: &mut Self, field: String, reason: String| {
            me.report.rejected.push(Rejected {
                kind: me.kind.name().to_string(),
                index: me.index,
                field,
                reason,
            })
        };
        if self.len > MAX_RECORD_BYTES {
            let reason = format!("longer than {MAX_RECORD_BYTES} bytes");
            reject(self, path, reason);
            return Ok(());
        }
        if let Some((a, b)) = self.deep_key {
            let key = self.buf.get(self.start + a..self.start + b).unwrap_or("");
            let field = format!("{path}.{}", crate::util::clip(key, 30));
            reject(
                self,
                field,
                format!("nested more than {MAX_RECORD_DEPTH} levels deep"),
            );
            return Ok(());
        }
        let text = &self.buf[self.start..end];
        // half of an emoji alone (`JSON.stringify` writes it as an escape serde_json refuses)
        // is read as U+FFFD, as `assess` reads it, not a load stopped halfway
        let read =
            serde_json::from_str(text).or_else(|e| match input::replace_lone_surrogates(text) {
                std::borrow::Cow::Owned(t) => serde_json::from_str(&t),
                std::borrow::Cow::Borrowed(_) => Err(e),
            });
        let v: Value = match read {
            Ok(v) => v,
            Err(e) => return self.fail(format!("{path}: {e}")),
        };
        if let Err(e) = store.load_record(self.kind, &v, &path, &mut self.report) {
            reject(self, e.path, e.message);
        }
        Ok(())
    }

    /// Records rejected so far (the report has them all at `finish`).
    pub fn rejected(&self) -> usize {
        self.report.rejected.len()
    }

    /// Records read so far, for progress.
    pub fn records(&self) -> usize {
        let (a, u) = (&self.report.added, &self.report.updated);
        a.customers
            + a.tickets
            + a.orders
            + a.surveys
            + u.customers
            + u.tickets
            + u.orders
            + u.surveys
            + self.report.rejected.len()
    }

    /// Ends the load. `stopped`: it was cut short on purpose (an import cancelled part-way),
    /// so a document that ends early is no error: the records read whole are kept and reported.
    pub fn finish(mut self, store: &mut Store, stopped: bool) -> input::Result<LoadReport> {
        store.settle();
        if (self.at != At::End && !stopped) || self.failed {
            let what = self.kept();
            let line = self.line + 1;
            self.failed = true;
            return Err(InputError {
                path: "history".into(),
                message: format!("cannot be read as JSON (it ends before the history object closes, line {line}); {what}"),
            }.into());
        }
        self.report.totals = store.counts();
        Ok(std::mem::take(&mut self.report))
    }
}
