//! One cue's hits and misses on the judgement corpus, train and dev only (never test): the
//! counts per split, and the rows of one split it misses (FN) or fires on wrongly (FP). With
//! `--patterns-only` the learned model is left out, to see what the phrase patterns of
//! `data/cues.txt` catch on their own: the patterns added on 2026-12-01 were written from the
//! train split's rows listed this way, and dev was only counted.
//! Usage: cargo run --release -p rapport-tools --bin cue-misses -- <cue> [--patterns-only]
//!        [--split train|dev] [--quiet]
#[path = "../judgement.rs"]
mod judgement;
#[path = "../eval_data.rs"]
mod rapport_eval;
use judgement::{Counts, Split, CUE_LABELS};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    // `Cues::values` is in `CUES` order, of which `CUE_LABELS` is the start
    let at = args
        .first()
        .and_then(|c| CUE_LABELS.iter().position(|l| l == c))
        .unwrap_or_else(|| {
            panic!(
                "usage: cue-misses <{}> [--patterns-only] [--split train|dev] [--quiet]",
                CUE_LABELS.join("|")
            )
        });
    let cue = CUE_LABELS[at];
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
        let got = s.cues.values()[at] > 0.0;
        let truth = m.has(cue);
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
