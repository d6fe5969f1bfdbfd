//! Where the cues' false fires come from (phrase pattern or learned model), per split, train
//! and dev only. Usage: cargo run --release -p rapport-tools --bin fire-sources [-- --hard]
//! [--show]; `-- --kinds [KIND]` counts instead, per kind of hard negative (`hard_negative` in
//! the corpus), the cues fired right and wrong on them, and lists the wrong fires on KIND;
//! `-- --model-only` lists every cue the learned model alone found, train and dev, tab-separated;
//! `-- --critical-distress` every message read with distress at critical strength.
#[path = "../judgement.rs"]
mod judgement;
#[path = "../eval_data.rs"]
#[allow(dead_code)]
mod rapport_eval;
use judgement::{Split, CUE_LABELS};
use std::collections::BTreeMap;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--kinds") {
        return by_kind(args.get(i + 1).map(String::as_str));
    }
    if args.iter().any(|a| a == "--model-only") {
        return model_only();
    }
    if args.iter().any(|a| a == "--critical-distress") {
        return critical_distress();
    }
    let hard = std::env::args().any(|a| a == "--hard");
    let show = std::env::args().any(|a| a == "--show");
    let an = rapport::text::TextAnalyzer::builtin();
    let mut t: BTreeMap<(String, &str, &str, &str), usize> = BTreeMap::new();
    for m in judgement::messages() {
        if m.split == Split::Test || (hard && m.hard_negative.is_none()) {
            continue;
        }
        let s = an.analyze(&m.text);
        for (c, ms) in fired(&s) {
            let src = if ms.iter().all(|x| x.learned) {
                "model"
            } else if ms.iter().any(|x| x.learned) {
                "both"
            } else {
                "pattern"
            };
            let ok = if m.has(c) { "TP" } else { "FP" };
            *t.entry((c.to_string(), m.split.name(), ok, src))
                .or_default() += 1;
            if show && ok == "FP" && m.split == Split::Train {
                let w: Vec<_> = ms
                    .iter()
                    .map(|x| format!("{}{}", x.text, if x.learned { "*" } else { "" }))
                    .collect();
                println!(
                    "{c:<11} {src:<7} [{}] {}",
                    w.join("|"),
                    m.text
                        .chars()
                        .take(120)
                        .collect::<String>()
                        .replace('\n', " ")
                );
            }
        }
    }
    for ((c, sp, ok, src), n) in t {
        println!("{c:<12} {sp:<5} {ok} {src:<7} {n}");
    }
}

/// Every cue the model alone found, train and dev, as tab-separated rows: split, cue, TP or
/// FP, the cue's value, the message's sentiment (compound, positive share), the n-grams
/// quoted, the text.
fn model_only() {
    let an = rapport::text::TextAnalyzer::builtin();
    for m in judgement::messages() {
        if m.split == Split::Test {
            continue;
        }
        let s = an.analyze(&m.text);
        for (c, ms) in fired(&s) {
            if !ms.iter().all(|x| x.learned) {
                continue;
            }
            let w: Vec<_> = ms.iter().map(|x| x.text.as_str()).collect();
            println!(
                "{}\t{c}\t{}\t{:.2}\t{:.2}\t{:.2}\t{}\t{}",
                m.split.name(),
                if m.has(c) { "TP" } else { "FP" },
                s.cues.values()[CUE_LABELS.iter().position(|x| *x == c).unwrap()],
                s.sentiment.compound,
                s.sentiment.pos,
                w.join("|"),
                m.text.replace(['\n', '\t'], " ")
            );
        }
    }
}

/// Train and dev messages read with distress at critical strength (0.9 or more), with their
/// label, tab-separated: to compare two builds (`diff`).
fn critical_distress() {
    let an = rapport::text::TextAnalyzer::builtin();
    for m in judgement::messages()
        .iter()
        .filter(|m| m.split != Split::Test)
    {
        let d = an.analyze(&m.text).emotions.distress;
        if d >= 0.9 {
            println!(
                "{}	{}	{d:.2}	{}",
                m.split.name(),
                m.emotions.iter().any(|e| e == "distress"),
                m.text.replace(['\n', '\t'], " ")
            );
        }
    }
}

fn by_kind(show: Option<&str>) {
    let an = rapport::text::TextAnalyzer::builtin();
    let mut t: BTreeMap<(String, &str), (usize, usize)> = BTreeMap::new();
    for m in judgement::messages() {
        let Some(kind) = m
            .hard_negative
            .as_deref()
            .filter(|_| m.split != Split::Test)
        else {
            continue;
        };
        let s = an.analyze(&m.text);
        for (c, ms) in fired(&s) {
            let e = t.entry((kind.to_string(), c)).or_default();
            if m.has(c) {
                e.0 += 1;
            } else {
                e.1 += 1;
                if show == Some(kind) {
                    let w: Vec<_> = ms.iter().map(|x| x.text.as_str()).collect();
                    println!("  {c} [{}] {}", w.join("|"), m.text.replace('\n', " "));
                }
            }
        }
    }
    let mut rows: Vec<_> = t.into_iter().collect();
    rows.sort_by_key(|(_, (_, wrong))| std::cmp::Reverse(*wrong));
    for ((kind, c), (right, wrong)) in rows {
        println!("{kind:<40} {c:<12} right {right:>3} wrong {wrong:>3}");
    }
}

/// Each cue that fired on the text, with its matches.
fn fired(s: &rapport::text::TextSignals) -> Vec<(&'static str, Vec<&rapport::text::Match>)> {
    CUE_LABELS
        .iter()
        .map(|&c| {
            let sig = format!("cue.{c}");
            (
                c,
                s.matches
                    .iter()
                    .filter(|x| x.signal == sig)
                    .collect::<Vec<_>>(),
            )
        })
        .filter(|(_, ms)| !ms.is_empty())
        .collect()
}
