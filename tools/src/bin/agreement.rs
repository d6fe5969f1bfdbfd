//! How far a second, independent reader agrees with the corpus's labels, beside how far the
//! engine does, on the same rows: the ceiling the judgement targets can be read against.
//! Reads `data/judgement/agreement/*.jsonl` (`{id, intent, cues, emotions, routine}`, one line
//! per row, labelled from the text and LABELS.md alone, without the corpus's labels or the
//! engine's output). Only train and dev rows may be there: a test row is refused.
//! Usage: cargo run --release -p rapport-tools --bin agreement

#[path = "../judgement.rs"]
mod judgement;
#[path = "../eval_data.rs"]
#[allow(dead_code)]
mod rapport_eval;

use judgement::{Counts, Split, CUE_LABELS, RELATIONAL_INTENTS};
use rapport::text::TextAnalyzer;
use std::collections::HashMap;

fn main() {
    let corpus: HashMap<String, judgement::Message> = judgement::messages()
        .into_iter()
        .map(|m| (m.id.clone(), m))
        .collect();
    let dir = rapport_eval::repo("data/judgement/agreement");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {dir}: {e}"))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    files.sort();
    let an = TextAnalyzer::builtin();
    for path in files {
        let text = rapport_eval::read(&path.to_string_lossy());
        let (mut reader, mut engine): (Vec<Counts>, Vec<Counts>) = (
            CUE_LABELS.iter().map(|_| Counts::default()).collect(),
            CUE_LABELS.iter().map(|_| Counts::default()).collect(),
        );
        let (mut hard_reader, mut hard_engine) = (Counts::default(), Counts::default());
        let (mut n, mut kind_reader, mut kind_engine) = (0, 0, 0);
        for (i, line) in text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
        {
            let v: serde_json::Value = serde_json::from_str(line)
                .unwrap_or_else(|e| panic!("{}:{}: {e}", path.display(), i + 1));
            let id = v["id"].as_str().unwrap_or_default();
            let m = corpus
                .get(id)
                .unwrap_or_else(|| panic!("{}:{}: no corpus row {id}", path.display(), i + 1));
            assert!(
                m.split != Split::Test,
                "{}:{}: {id} is in the frozen test part",
                path.display(),
                i + 1
            );
            let cues: Vec<&str> = v["cues"]
                .as_array()
                .map(|a| a.iter().filter_map(|c| c.as_str()).collect())
                .unwrap_or_default();
            let s = an.analyze(&m.text);
            for (k, &c) in CUE_LABELS.iter().enumerate() {
                // as evaluate counts a cue: its strength above zero (CUE_LABELS is CUES' head)
                let fired = s.cues.values()[k] > 0.0;
                reader[k].add(cues.contains(&c), m.has(c));
                engine[k].add(fired, m.has(c));
                if m.hard_negative.is_some() {
                    hard_reader.add(cues.contains(&c), m.has(c));
                    hard_engine.add(fired, m.has(c));
                }
            }
            let rel = |intent: &str| RELATIONAL_INTENTS.contains(&intent);
            kind_reader +=
                (rel(v["intent"].as_str().unwrap_or_default()) == m.relational()) as usize;
            kind_engine +=
                ((s.intent.kind == rapport::text::Kind::Relational) == m.relational()) as usize;
            n += 1;
        }
        println!(
            "{} ({n} rows): F1 against the corpus's labels",
            path.display()
        );
        println!("    {:<12} {:>14} {:>14}", "cue", "second reader", "engine");
        for (k, c) in CUE_LABELS.iter().enumerate() {
            println!(
                "    {c:<12} {:>8.3} ({:>3}) {:>8.3} ({:>3})",
                reader[k].f1(),
                reader[k].tp + reader[k].fn_,
                engine[k].f1(),
                engine[k].tp + engine[k].fn_
            );
        }
        println!(
            "    precision on hard-negative rows: second reader {:.1}% of {}, engine {:.1}% of {}",
            100.0 * hard_reader.precision(),
            hard_reader.tp + hard_reader.fp,
            100.0 * hard_engine.precision(),
            hard_engine.tp + hard_engine.fp
        );
        println!(
            "    intent kind: second reader {:.1}%, engine {:.1}%",
            100.0 * kind_reader as f64 / n.max(1) as f64,
            100.0 * kind_engine as f64 / n.max(1) as f64
        );
    }
}
