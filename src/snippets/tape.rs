//! Filled snippets written for the JS side as one string table and one list of numbers, which
//! `src/bindings/snippet_tape.js` turns back into the same objects the JSON would give.
//!
//! Why: in the browser, `JSON.parse` of five filled snippets cost about 9 µs per assessment
//! (a third of what filling adds). Building the objects in JS from substrings of one decoded
//! string costs about 1.5 µs (measured in Node on the support corpus), and writing the tape
//! needs no escaping.
//!
//! Layout, per assessment: the number of snippets, then for each snippet, in order:
//! `id category title tone` (strings), `relevance` (number), `text` (string), `has_html`
//! (0 or 1) and `html` (string, when 1), the number of facts used then `fact value source`
//! for each, the number of missing facts then each name. A string is the end of its span in
//! UTF-16 code units (JS string indices); it starts where the previous one ended.

use super::FilledSnippet;
use crate::engine::Assessment;

#[derive(Debug, Default, Clone, PartialEq)]
pub struct Tape {
    /// Every string, one after the other.
    pub text: String,
    /// Counts, relevances and string ends.
    pub nums: Vec<f64>,
    /// Length of `text` in UTF-16 code units.
    units: usize,
    /// Whether `str` counts UTF-16 units: only for an assessment whose strings are not all
    /// ASCII (for ASCII, units are bytes).
    counting: bool,
}

impl Tape {
    /// The assessments' snippets, moved onto a new tape (see `refill`).
    pub fn take(list: &mut [Assessment]) -> Tape {
        let mut tape = Tape::default();
        tape.refill(list);
        tape
    }

    /// Empties the tape (its buffers are kept, for the next call) and moves the assessments'
    /// snippets onto it. Each assessment keeps an empty `snippets` list, so the key stays in
    /// its place in the JSON and the reader fills it in.
    pub fn refill(&mut self, list: &mut [Assessment]) {
        self.text.clear();
        self.nums.clear();
        self.units = 0;
        let snippets: usize = list.iter().map(|a| a.snippets.len()).sum();
        // a typical snippet: about 400 bytes of strings and 16 numbers
        self.text.reserve(snippets * 512);
        self.nums.reserve(list.len() + snippets * 16);
        for a in list {
            self.push(&a.snippets);
            a.snippets.clear();
        }
    }

    /// Appends one assessment's snippets.
    pub fn push(&mut self, snippets: &[FilledSnippet]) {
        let (bytes, nums, units) = (self.text.len(), self.nums.len(), self.units);
        self.write(snippets);
        if !self.text.as_bytes()[bytes..].is_ascii() {
            // written as if bytes were units: again, counting
            self.text.truncate(bytes);
            self.nums.truncate(nums);
            self.units = units;
            self.counting = true;
            self.write(snippets);
            self.counting = false;
        }
    }

    fn write(&mut self, snippets: &[FilledSnippet]) {
        self.nums.push(snippets.len() as f64);
        for s in snippets {
            self.str(&s.id);
            self.str(&s.category);
            self.str(&s.title);
            self.str(s.tone.as_str());
            self.nums.push(s.relevance);
            self.str(&s.text);
            match &s.html {
                Some(h) => {
                    self.nums.push(1.0);
                    self.str(h);
                }
                None => self.nums.push(0.0),
            }
            self.nums.push(s.facts_used.len() as f64);
            for f in &s.facts_used {
                self.str(f.fact);
                self.str(&f.value);
                self.str(f.source.as_str());
            }
            self.nums.push(s.missing_facts.len() as f64);
            for m in &s.missing_facts {
                self.str(m);
            }
        }
    }

    fn str(&mut self, s: &str) {
        self.text.push_str(s);
        self.units += if self.counting {
            crate::util::utf16_len(s)
        } else {
            s.len()
        };
        self.nums.push(self.units as f64);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::snippets::{FactUsed, Source, Tone};
    use proptest::prelude::*;
    use std::rc::Rc;

    /// The reader's logic (snippet_tape.js), in Rust, building the JSON the objects would
    /// stringify to: what the tests compare with serde's JSON of the same snippets.
    fn read(t: &Tape) -> Vec<serde_json::Value> {
        use serde_json::{json, Value};
        let units: Vec<u16> = t.text.encode_utf16().collect();
        let (mut i, mut at) = (0usize, 0usize);
        let mut out = Vec::new();
        while i < t.nums.len() {
            let mut num = || {
                i += 1;
                t.nums[i - 1]
            };
            let n = num() as usize;
            let mut list = Vec::new();
            for _ in 0..n {
                let mut strs = |k: usize, nums: &mut dyn FnMut() -> f64| -> Vec<Value> {
                    (0..k)
                        .map(|_| {
                            let end = nums() as usize;
                            let s = String::from_utf16(&units[at..end]).unwrap();
                            at = end;
                            Value::String(s)
                        })
                        .collect()
                };
                let head = strs(4, &mut num);
                let relevance = num();
                let text = strs(1, &mut num).remove(0);
                let mut o = json!({"id": head[0], "category": head[1], "title": head[2],
                    "tone": head[3], "relevance": relevance, "text": text});
                if num() == 1.0 {
                    o["html"] = strs(1, &mut num).remove(0);
                }
                let nf = num() as usize;
                let facts: Vec<Value> = (0..nf)
                    .map(|_| {
                        let f = strs(3, &mut num);
                        json!({"fact": f[0], "value": f[1], "source": f[2]})
                    })
                    .collect();
                o["factsUsed"] = Value::Array(facts);
                let nm = num() as usize;
                o["missingFacts"] = Value::Array(strs(nm, &mut num));
                list.push(o);
            }
            out.push(Value::Array(list));
        }
        out
    }

    fn snippet(text: &str, value: &str, html: bool, missing: usize) -> FilledSnippet {
        FilledSnippet {
            id: "welcome-back".into(),
            category: "loyalty".into(),
            title: "Welcome back".into(),
            tone: Tone::Personal,
            relevance: 0.87,
            text: text.into(),
            html: html.then(|| format!("<p>{text}</p>")),
            facts_used: vec![
                FactUsed {
                    fact: "customer.first_name",
                    value: Rc::from(value),
                    source: Source::Record("customer c1".into()),
                },
                FactUsed {
                    fact: "agent.name",
                    value: Rc::from("Sam"),
                    source: Source::Named("options"),
                },
            ],
            missing_facts: (0..missing).map(|i| format!("fact_{i}")).collect(),
        }
    }

    #[test]
    fn reads_back_as_the_json_would() {
        let batches = [
            vec![],
            vec![snippet("Hi José, 👋 thanks", "José", true, 2)],
            vec![
                snippet("Hi Ann,\n\"quoted\"", "Ann", false, 0),
                snippet("", "", false, 1),
            ],
        ];
        let mut t = Tape::default();
        for b in &batches {
            t.push(b);
        }
        let got = read(&t);
        let want: Vec<serde_json::Value> = batches
            .iter()
            .map(|b| serde_json::to_value(b).unwrap())
            .collect();
        assert_eq!(got, want);
        // ends are in UTF-16 units: the emoji counts two, "é" one
        assert_eq!(t.units, t.text.encode_utf16().count());
        for tone in [Tone::Concise, Tone::Personal, Tone::Ownership] {
            assert_eq!(serde_json::to_value(tone).unwrap(), tone.as_str());
        }
    }

    proptest! {
        #[test]
        fn any_text_reads_back(text in any::<String>(), value in any::<String>(), html: bool, missing in 0usize..3) {
            let b = vec![snippet(&text, &value, html, missing), snippet(&value, &text, !html, 0)];
            let mut t = Tape::default();
            t.push(&b);
            t.push(&b[1..]);
            let got = read(&t);
            prop_assert_eq!(&got[0], &serde_json::to_value(&b).unwrap());
            prop_assert_eq!(&got[1], &serde_json::to_value(&b[1..]).unwrap());
        }
    }
}
