//! Filled snippets written for the JS side as one string table and one list of numbers, which
//! `src/wire/snippet_tape.js` turns back into the same objects the JSON would give.
//!
//! Why: in the browser, `JSON.parse` of five filled snippets cost about 9 µs per assessment
//! (a third of what filling adds). Building the objects in JS from substrings of one decoded
//! string costs about 1.5 µs (measured in Node on the support corpus), and writing the tape
//! needs no escaping. Strings that come from the library or the code (ids, titles, tones, fact
//! names, named sources) are not carried at all: the reader holds them in a dictionary made
//! once per library, and hands out the same JS strings each time (fewer objects for the GC).
//!
//! Layout, per assessment: the number of snippets, then for each snippet, in order:
//! `id category title tone` (strings), `relevance` (number), `text` (string), `has_html`
//! (0 or 1) and `html` (string, when 1), the number of facts used then `fact value source`
//! for each, the number of missing facts then each name. A string is either `-(k + 1)` for
//! entry `k` of the dictionary, or the end of its span of `text` in UTF-16 code units (JS
//! string indices), starting where the previous span ended.

use crate::engine::Assessment;
use crate::snippets::{fact_index, FilledSnippet, Snippet, Source, Tone, FACTS, NAMED_SOURCES};

const TONES: [Tone; 3] = [Tone::Concise, Tone::Personal, Tone::Ownership];
const FIRST_FACT: usize = TONES.len();
const FIRST_SOURCE: usize = FIRST_FACT + FACTS.len();
const FIRST_SNIPPET: usize = FIRST_SOURCE + NAMED_SOURCES.len();

/// The strings a tape refers to by number: the tones, the fact names, the named sources, then
/// the id, category and title of each snippet of `lib`.
pub fn dictionary(lib: &[Snippet]) -> Vec<&str> {
    let mut d = Vec::with_capacity(FIRST_SNIPPET + 3 * lib.len());
    d.extend(TONES.map(Tone::as_str));
    d.extend_from_slice(FACTS);
    d.extend_from_slice(&NAMED_SOURCES);
    for s in lib {
        d.extend([&*s.id, &*s.category, &*s.title]);
    }
    d
}

#[derive(Debug, Default, Clone, PartialEq)]
pub struct Tape {
    /// The strings not in the dictionary, one after the other.
    pub text: String,
    /// Counts, relevances and strings (dictionary entries or span ends).
    pub nums: Vec<f64>,
    /// Length of `text` in UTF-16 code units.
    units: usize,
    /// Whether `str` counts UTF-16 units: only for an assessment whose strings are not all
    /// ASCII (for ASCII, units are bytes).
    counting: bool,
}

impl Tape {
    /// Empties the tape; its buffers keep their room.
    pub fn clear(&mut self) {
        self.text.clear();
        self.nums.clear();
        self.units = 0;
    }

    /// Moves one assessment's snippets, filled from `lib`, onto the tape. The assessment keeps
    /// an empty `snippets` list, so the key stays in its place in the JSON and the reader
    /// fills it in.
    pub fn take_from(&mut self, a: &mut Assessment, lib: &[Snippet]) {
        self.push(&a.snippets, lib);
        a.snippets.clear();
    }

    /// Whether any assessment on the tape has snippets.
    pub fn has_snippets(&self) -> bool {
        self.nums.iter().any(|&n| n != 0.0)
    }

    /// Appends one assessment's snippets.
    pub fn push(&mut self, snippets: &[FilledSnippet], lib: &[Snippet]) {
        let (bytes, nums, units) = (self.text.len(), self.nums.len(), self.units);
        self.write(snippets, lib);
        if !self.text.as_bytes()[bytes..].is_ascii() {
            // written as if bytes were units: again, counting
            self.text.truncate(bytes);
            self.nums.truncate(nums);
            self.units = units;
            self.counting = true;
            self.write(snippets, lib);
            self.counting = false;
        }
    }

    fn write(&mut self, snippets: &[FilledSnippet], lib: &[Snippet]) {
        self.nums.push(snippets.len() as f64);
        for s in snippets {
            // the library's own strings by number (checked: the snippet is the one at `index`)
            match lib.get(s.index) {
                Some(l)
                    if std::rc::Rc::ptr_eq(&l.id, &s.id)
                        && std::rc::Rc::ptr_eq(&l.category, &s.category)
                        && std::rc::Rc::ptr_eq(&l.title, &s.title) =>
                {
                    let k = FIRST_SNIPPET + 3 * s.index;
                    self.entry(k);
                    self.entry(k + 1);
                    self.entry(k + 2);
                }
                _ => {
                    self.str(&s.id);
                    self.str(&s.category);
                    self.str(&s.title);
                }
            }
            self.entry(s.tone as usize);
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
                match fact_index(f.fact) {
                    Some(k) => self.entry(FIRST_FACT + k),
                    None => self.str(f.fact),
                }
                self.str(&f.value);
                match &f.source {
                    Source::Named(k) if (*k as usize) < NAMED_SOURCES.len() => {
                        self.entry(FIRST_SOURCE + *k as usize)
                    }
                    other => self.str(other.as_str()),
                }
            }
            self.nums.push(s.missing_facts.len() as f64);
            for m in &s.missing_facts {
                self.str(m);
            }
        }
    }

    /// Dictionary entry `k`.
    fn entry(&mut self, k: usize) {
        self.nums.push(-(k as f64) - 1.0);
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
    use crate::snippets::{builtin_library, FactUsed, Source};
    use proptest::prelude::*;
    use std::rc::Rc;

    /// The reader's logic (snippet_tape.js), in Rust, building the JSON the objects would
    /// stringify to: what the tests compare with serde's JSON of the same snippets.
    fn read(t: &Tape, dict: &[&str]) -> Vec<serde_json::Value> {
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
                            let e = nums();
                            if e < 0.0 {
                                return Value::String(dict[(-e - 1.0) as usize].to_string());
                            }
                            let s = String::from_utf16(&units[at..e as usize]).unwrap();
                            at = e as usize;
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

    /// Snippet `index` of `lib`, filled; an index past the library makes one of its own (its
    /// strings must then travel on the tape).
    fn snippet(
        lib: &[Snippet],
        index: usize,
        text: &str,
        value: &str,
        html: bool,
        missing: usize,
    ) -> FilledSnippet {
        let (id, category, title) = match lib.get(index) {
            Some(s) => (s.id.clone(), s.category.clone(), s.title.clone()),
            None => ("own".into(), "team".into(), "Ours é".into()),
        };
        FilledSnippet {
            index,
            id,
            category,
            title,
            tone: TONES[index % 3],
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
                    source: Source::Named(3),
                },
                FactUsed {
                    fact: "not.a.fact",
                    value: Rc::from(""),
                    source: Source::Named(200),
                },
            ],
            missing_facts: (0..missing).map(|i| format!("fact_{i}")).collect(),
        }
    }

    #[test]
    fn reads_back_as_the_json_would() {
        let lib = builtin_library();
        let batches = [
            vec![],
            vec![snippet(&lib, 3, "Hi José, 👋 thanks", "José", true, 2)],
            vec![
                snippet(&lib, 0, "Hi Ann,\n\"quoted\"", "Ann", false, 0),
                snippet(&lib, 999, "", "", false, 1),
                snippet(&lib, lib.len() - 1, "x", "y", false, 0),
            ],
        ];
        let mut t = Tape::default();
        for b in &batches {
            t.push(b, &lib);
        }
        let got = read(&t, &dictionary(&lib));
        let want: Vec<serde_json::Value> = batches
            .iter()
            .map(|b| serde_json::to_value(b).unwrap())
            .collect();
        assert_eq!(got, want);
        // ends are in UTF-16 units: the emoji counts two, "é" one
        assert_eq!(t.units, t.text.encode_utf16().count());
        // the library's strings and the known names stay off the text
        assert!(!t.text.contains(&*lib[3].title) && !t.text.contains("customer.first_name"));
        assert!(t.text.contains("Ours é") && t.text.contains("input"));
        for tone in TONES {
            assert_eq!(serde_json::to_value(tone).unwrap(), tone.as_str());
        }
    }

    #[test]
    fn a_snippet_from_another_library_travels_as_text() {
        // the same index in a different library: its strings are not the dictionary's
        let lib = builtin_library();
        let other = builtin_library();
        let b = vec![snippet(&other, 2, "t", "v", false, 0)];
        let mut t = Tape::default();
        t.push(&b, &lib);
        assert_eq!(
            read(&t, &dictionary(&lib))[0],
            serde_json::to_value(&b).unwrap()
        );
        assert!(t.text.contains(&*other[2].id));
    }

    proptest! {
        #[test]
        fn any_text_reads_back(text in any::<String>(), value in any::<String>(), html: bool, missing in 0usize..3, index in 0usize..50) {
            let lib = builtin_library();
            let b = vec![snippet(&lib, index, &text, &value, html, missing), snippet(&lib, index / 2, &value, &text, !html, 0)];
            let mut t = Tape::default();
            t.push(&b, &lib);
            t.push(&b[1..], &lib);
            let dict = dictionary(&lib);
            let got = read(&t, &dict);
            prop_assert_eq!(&got[0], &serde_json::to_value(&b).unwrap());
            prop_assert_eq!(&got[1], &serde_json::to_value(&b[1..]).unwrap());
        }
    }
}
