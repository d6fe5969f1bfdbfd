//! An independent check of the cues on a set none of our fitting or pattern writing read:
//! `data/judgement/checks/lookalikes-80.jsonl` (80 messages written and labelled blind by a
//! helper session on 2026-12-02, half look-alikes with no cue, half a real cue beside
//! look-alike words). Prints, per cue, right / false fires / missed, and the fires on the rows
//! that have no cue. Usage: cargo run --release -p rapport-tools --bin check-set [-- <file>]
#[path = "../eval_data.rs"]
#[allow(dead_code)]
mod rapport_eval;

fn main() {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| rapport_eval::repo("data/judgement/checks/lookalikes-80.jsonl"));
    let an = rapport::text::TextAnalyzer::builtin();
    let rows: Vec<serde_json::Value> = rapport_eval::read(&path)
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("a JSON object per line"))
        .collect();
    let cues = ["mistake", "churn", "praise"];
    let mut counts = [[0usize; 3]; 3];
    let mut on_none = 0;
    for r in &rows {
        let s = an.analyze(r["text"].as_str().expect("text"));
        let got = [s.cues.mistake, s.cues.churn, s.cues.praise].map(|x| x > 0.0);
        let labels: Vec<&str> = r["cues"]
            .as_array()
            .expect("cues")
            .iter()
            .filter_map(|c| c.as_str())
            .collect();
        for (i, c) in cues.iter().enumerate() {
            let truth = labels.contains(c);
            let k = match (got[i], truth) {
                (true, true) => 0,
                (true, false) => 1,
                (false, true) => 2,
                (false, false) => continue,
            };
            counts[i][k] += 1;
        }
        if labels.is_empty() {
            on_none += got.iter().filter(|g| **g).count();
        }
    }
    println!("check-set {path}: {} rows", rows.len());
    for (c, [tp, fp, fn_]) in cues.iter().zip(counts) {
        println!("  {c:<8} {tp} right, {fp} false fires, {fn_} missed");
    }
    let none = rows
        .iter()
        .filter(|r| r["cues"].as_array().is_some_and(|a| a.is_empty()))
        .count();
    println!("  cue fires on the {none} rows with no cue: {on_none}");
}
