//! Where the cues' false fires come from (phrase pattern or learned model), per split, train
//! and dev only. Usage: cargo run --release -p rapport-tools --bin fire-sources [-- --hard]
#[path = "../judgement.rs"]
mod judgement;
#[path = "../eval_data.rs"]
#[allow(dead_code)]
mod rapport_eval;
use judgement::{Split, CUE_LABELS};
use std::collections::BTreeMap;

fn main() {
    let hard = std::env::args().any(|a| a == "--hard");
    let show = std::env::args().any(|a| a == "--show");
    let an = rapport::text::TextAnalyzer::builtin();
    let mut t: BTreeMap<(String, &str, &str, &str), usize> = BTreeMap::new();
    for m in judgement::messages() {
        if m.split == Split::Test || (hard && m.hard_negative.is_none()) {
            continue;
        }
        let s = an.analyze(&m.text);
        for &c in CUE_LABELS {
            let sig = format!("cue.{c}");
            let ms: Vec<_> = s.matches.iter().filter(|x| x.signal == sig).collect();
            if ms.is_empty() {
                continue;
            }
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
