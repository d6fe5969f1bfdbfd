//! Train and dev messages with the features the engine's learned model reads, as TSV (split, id,
//! the seven cue labels, hard negative, routine, feature hashes); the test split is skipped before
//! anything is read. For `tools/data/feature_budget.py`.
#![allow(dead_code)]
use rapport::text::judge::JudgeModel;
use rapport::text::TextAnalyzer;
#[path = "../src/judgement.rs"]
mod judgement;
#[path = "../src/eval_data.rs"]
mod rapport_eval;
use judgement::Split;

fn main() {
    let mut an = TextAnalyzer::builtin();
    an.judge = JudgeModel::default();
    let cues = judgement::CUE_LABELS;
    for m in judgement::messages() {
        let split = match m.split {
            Split::Train => "train",
            Split::Dev => "dev",
            _ => continue,
        };
        let labels: Vec<&str> = cues
            .iter()
            .map(|c| if m.has(c) { "1" } else { "0" })
            .collect();
        let hashes: Vec<String> = judgement::model_features(&an, &m.text)
            .iter()
            .map(|f| f.hash.to_string())
            .collect();
        println!(
            "{split}\t{}\t{}\t{}\t{}\t{}",
            m.id,
            labels.join(" "),
            m.hard_negative.is_some() as u8,
            m.routine as u8,
            hashes.join(" ")
        );
    }
}
