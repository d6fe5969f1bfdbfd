//! One cue's hits and misses on the judgement corpus, train and dev only (never test): the
//! counts per split, and the rows of one split it misses (FN) or fires on wrongly (FP). With
//! `--patterns-only` the learned model is left out, to see what the phrase patterns of
//! `data/cues.txt` catch on their own: the patterns added on 2026-12-01 were written from the
//! train split's rows listed this way, and dev was only counted.
//! An emotion is named `emotion.<name>` (`emotion.distress`): found where its strength reaches
//! 0.2, the bar at which the engine lists it as a reason.
//! Usage: cargo run --release -p rapport-tools --bin cue-misses -- <cue> [--patterns-only]
//!        [--split train|dev] [--quiet]
#[path = "../judgement.rs"]
mod judgement;
#[path = "../eval_data.rs"]
mod rapport_eval;
use judgement::{Counts, Split, CUE_LABELS};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    // `Cues::values` is in `CUES` order, of which `CUE_LABELS` is the start; `Emotions::values`
    // in `EMOTIONS` order
    let arg = args.first().map(String::as_str).unwrap_or("");
    let emotion = arg
        .strip_prefix("emotion.")
        .and_then(|e| rapport::text::EMOTIONS.iter().position(|l| *l == e));
    let at = CUE_LABELS
        .iter()
        .position(|l| *l == arg)
        .or(emotion)
        .unwrap_or_else(|| {
            panic!(
                "usage: cue-misses <{}|emotion.<{}>> [--patterns-only] [--split train|dev] [--quiet]",
                CUE_LABELS.join("|"),
                rapport::text::EMOTIONS.join("|")
            )
        });
    let cue = match emotion {
        Some(e) => rapport::text::EMOTIONS[e],
        None => CUE_LABELS[at],
    };
    let mut an = rapport::text::TextAnalyzer::builtin();
    if args.iter().any(|a| a == "--patterns-only") {
        an.judge = Default::default();
    }
    let list: Split = match rapport_eval::option::<String>("--split").as_deref() {
        Some("dev") => Split::Dev,
        _ => Split::Train,
    };
    let quiet = args.iter().any(|a| a == "--quiet");
    let mut counts = [Counts::default(); 2];
    for m in judgement::messages() {
        if m.split == Split::Test {
            continue;
        }
        let s = an.analyze(&m.text);
        let (got, truth) = match emotion {
            Some(e) => (
                s.emotions.values()[e] >= 0.2,
                m.emotions.iter().any(|x| x == cue),
            ),
            None => (s.cues.values()[at] > 0.0, m.has(cue)),
        };
        counts[(m.split == Split::Dev) as usize].add(got, truth);
        if got != truth && m.split == list && !quiet {
            println!(
                "{} {} [{}] {}",
                if got { "FP" } else { "FN" },
                m.hard_negative.as_deref().unwrap_or("-"),
                m.intent,
                m.text
                    .replace('\n', " ")
                    .chars()
                    .take(220)
                    .collect::<String>()
            );
        }
    }
    for (name, c) in ["train", "dev"].iter().zip(counts) {
        println!(
            "{cue} {name}: {} right, {} false fires, {} missed, F1 {:.3}",
            c.tp,
            c.fp,
            c.fn_,
            c.f1()
        );
    }
}
