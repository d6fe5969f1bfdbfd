//! The project's own labelled corpus (`data/judgement/`, labels in `LABELS.md`) and its one
//! split. Each row falls in train, dev or test by a hash of its id with a fixed seed, so the
//! split never changes as rows are added elsewhere; a scenario pair falls whole on one side
//! (by the smaller of its two ids). The trainer reads train (and picks thresholds on dev);
//! nothing that fits or tunes reads test.
#![allow(dead_code)]

use serde_json::Value;

/// The seed of the split. Changing it is re-splitting: never done after a figure is quoted.
pub const SPLIT_SEED: &str = "rapport-judgement-2026-11-30";

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Split {
    Train,
    Dev,
    Test,
}

impl Split {
    pub fn name(self) -> &'static str {
        match self {
            Split::Train => "train",
            Split::Dev => "dev",
            Split::Test => "test",
        }
    }
}

/// 60% train, 20% dev, 20% test.
pub fn split_of(key: &str) -> Split {
    let h = crate::rapport_eval::fnv(&format!("{SPLIT_SEED}/{key}"));
    match h % 10 {
        0..=5 => Split::Train,
        6 | 7 => Split::Dev,
        _ => Split::Test,
    }
}

/// The cues the corpus labels: the engine's own list (`text::CUES`) without the legacy
/// `life_event`.
pub const CUE_LABELS: &[&str] = rapport::text::CUES.split_at(7).0;

/// The bands, lowest first.
pub const BANDS: [&str; 3] = ["transactional", "relational", "critical"];

/// A band's rank: two bands off is a distance of 2 (a label outside `BANDS` ranks as critical).
pub fn band_index(b: &str) -> i32 {
    BANDS.iter().position(|x| *x == b).unwrap_or(2) as i32
}

pub const RELATIONAL_INTENTS: [&str; 4] = [
    "cancel_relationship",
    "complaint",
    "feedback_praise",
    "human_agent",
];

#[derive(Debug, Clone)]
pub struct Message {
    pub id: String,
    pub text: String,
    pub style: String,
    pub domain: String,
    pub intent: String,
    pub cues: Vec<String>,
    pub emotions: Vec<String>,
    pub routine: bool,
    pub hard_negative: Option<String>,
    pub split: Split,
}

impl Message {
    pub fn relational(&self) -> bool {
        RELATIONAL_INTENTS.contains(&self.intent.as_str())
    }
    pub fn has(&self, cue: &str) -> bool {
        self.cues.iter().any(|c| c == cue)
    }
}

#[derive(Debug, Clone)]
pub struct Scenario {
    pub id: String,
    pub domain: String,
    pub now: String,
    pub ticket: Value,
    pub history: Value,
    pub band: String,
    pub must_cite: Vec<String>,
    pub snippet_kind: String,
    pub pair: Option<String>,
    pub pair_kind: Option<String>,
    pub split: Split,
}

/// The corpus in the repo; `RJ_CORPUS` points elsewhere (a frozen copy, to compare two
/// changes on the same rows while new ones are being written).
fn dir() -> String {
    std::env::var("RJ_CORPUS").unwrap_or_else(|_| crate::rapport_eval::repo("data/judgement"))
}

fn jsonl(sub: &str) -> Vec<(String, Value)> {
    jsonl_in(&format!("{}/{sub}", dir()))
}

/// Every row of the `.jsonl` files of directory `d`, files in name order, with its place.
fn jsonl_in(d: &str) -> Vec<(String, Value)> {
    let mut files: Vec<_> = std::fs::read_dir(d)
        .unwrap_or_else(|e| panic!("cannot read {d}: {e} (the corpus ships in the repo)"))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let v: Value = serde_json::from_str(line)
                .unwrap_or_else(|e| panic!("{}:{}: {e}", f.display(), i + 1));
            out.push((format!("{}:{}", f.display(), i + 1), v));
        }
    }
    out
}

/// The string field `k` of the row at `at`; a row without it stops with its place named.
fn field(v: &Value, at: &str, k: &str) -> String {
    v[k].as_str()
        .unwrap_or_else(|| panic!("{at}: no {k}"))
        .to_string()
}

fn strs(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|x| x.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default()
}

pub fn messages() -> Vec<Message> {
    jsonl("messages")
        .into_iter()
        .map(|(at, v)| {
            let s = |k: &str| field(&v, &at, k);
            let id = s("id");
            Message {
                split: split_of(&id),
                id,
                text: s("text"),
                style: s("style"),
                domain: s("domain"),
                intent: s("intent"),
                cues: strs(&v["cues"]),
                emotions: strs(&v["emotions"]),
                routine: v["routine"].as_bool().unwrap_or(false),
                hard_negative: v["hard_negative"].as_str().map(String::from),
            }
        })
        .collect()
}

pub fn scenarios() -> Vec<Scenario> {
    scenarios_in(&format!("{}/scenarios", dir()))
}

/// The scenarios of a check set in directory `d`, refused whole if it is not one: no such
/// directory, no scenario in it, an id used twice, a band outside `BANDS`, or a pair that
/// does not point back. `check-scenarios` reads a set through it, and so does `fit-score
/// --also` (a set fitted on must be as sound as one read).
pub fn check_set(d: &str) -> Result<Vec<Scenario>, String> {
    if !std::path::Path::new(d).is_dir() {
        return Err(format!(
            "cannot read {d}: not a directory of .jsonl scenario files"
        ));
    }
    let all = scenarios_in(d);
    if all.is_empty() {
        return Err(format!("no scenarios in {d}"));
    }
    let mut ids = std::collections::BTreeSet::new();
    for sc in &all {
        if !ids.insert(sc.id.as_str()) {
            return Err(format!("{}: the id is used twice", sc.id));
        }
        if !BANDS.contains(&sc.band.as_str()) {
            return Err(format!("{}: unknown band {:?}", sc.id, sc.band));
        }
        if let Some(p) = &sc.pair {
            if !all
                .iter()
                .any(|o| &o.id == p && o.pair.as_deref() == Some(sc.id.as_str()))
            {
                return Err(format!(
                    "{}: its pair {p} is missing or does not point back",
                    sc.id
                ));
            }
        }
    }
    Ok(all)
}

/// The scenarios of the `.jsonl` files in directory `d` (an independent check set too).
pub fn scenarios_in(d: &str) -> Vec<Scenario> {
    jsonl_in(d)
        .into_iter()
        .map(|(at, v)| {
            let s = |k: &str| field(&v, &at, k);
            let id = s("id");
            let pair = v["pair"].as_str().map(String::from);
            let key = match &pair {
                Some(p) if p < &id => p.clone(),
                _ => id.clone(),
            };
            let e = &v["expected"];
            Scenario {
                split: split_of(&key),
                id,
                domain: s("domain"),
                now: s("now"),
                ticket: v["ticket"].clone(),
                history: v["history"].clone(),
                band: e["band"]
                    .as_str()
                    .unwrap_or_else(|| panic!("{at}: no band"))
                    .to_string(),
                must_cite: strs(&e["must_cite"]),
                snippet_kind: e["snippet_kind"].as_str().unwrap_or("").to_string(),
                pair,
                pair_kind: v["pair_kind"].as_str().map(String::from),
            }
        })
        .collect()
}

/// True and false positives and false negatives of one label, for F1 and precision.
#[derive(Default, Clone, Copy)]
pub struct Counts {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
}

impl Counts {
    pub fn add(&mut self, pred: bool, truth: bool) {
        match (pred, truth) {
            (true, true) => self.tp += 1,
            (true, false) => self.fp += 1,
            (false, true) => self.fn_ += 1,
            _ => {}
        }
    }
    pub fn precision(&self) -> f64 {
        self.tp as f64 / (self.tp + self.fp).max(1) as f64
    }
    pub fn f1(&self) -> f64 {
        2.0 * self.tp as f64 / (2 * self.tp + self.fp + self.fn_).max(1) as f64
    }
}

/// A message's features as the engine's learned model makes them: its words and the labels of
/// the phrase patterns that matched (`text/learned.rs` does the same from the hits it has).
pub fn model_features(
    an: &rapport::text::TextAnalyzer,
    text: &str,
) -> Vec<rapport::text::judge::Feature> {
    let t = rapport::text::tokens::tokenize(text);
    let hits = an.patterns.find(&t);
    let labels: Vec<&str> = hits
        .iter()
        .map(|h| an.patterns.labels[h.label].as_str())
        .collect();
    rapport::text::judge::features_with(&t, &labels)
}
