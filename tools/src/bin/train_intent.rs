//! Trains the intent model embedded in the crate (data/intent_model.tsv) in the domain-neutral
//! taxonomy (`rapport::text::default_taxonomy`) from two sources: the train split of the
//! project's own corpus (data/judgement/messages, free text in 12 kinds of business, each row
//! counted `OURS_WEIGHT` times) and the Bitext customer-support utterances (CDLA-Sharing-1.0,
//! github.com/bitext/customer-support-llm-chatbot-training-dataset) with their intents mapped
//! by `BITEXT_TO_NEUTRAL`. Bitext rows whose text hashes to 0 mod 5, and the corpus's dev and
//! test parts, are held out for `evaluate` and never seen here.
//! Usage: cargo run --release -p rapport-tools --bin train-intent [path/to/bitext.csv]
//!
//! The embedded model was trained on the sixth-pass corpus (cfff381). Retrained on the
//! ninth-pass one (session 47, 2026-12-06; this tool on 0d880dd writes it, 17,381 lines, +1.5
//! KB of the .wasm gzipped after `build.rs` prunes it) and measured beside it, not kept:
//! - `evaluate`, dev: intent 56.1 → 60.7% of 1,899 (train 62.4 → 68.3%), intent kind 91.5 →
//!   91.3% (phone 93.5 → 93.5%, chat 93.3 → 92.8%); Bitext held-out kind 98.60 → 98.71%,
//!   intent 97.84 → 97.95%; scenarios dev band, snippet kind, must-cite and two off unchanged
//!   (89.4, 90.0, 95.3%, 3), train band 89.7 → 89.5%, snippet kind 90.1 → 89.9%.
//! - the spent blind sets 1–6 summed: band +4 scenarios of 960, snippet kind +7, must-cite −2
//!   cites; the unspent sets 7–10, read once (data/judgement/checks/README.md): band +1 of 480,
//!   snippet kind +4, must-cite −1, two off the same.
//! - but five behaviours the tests hold were lost: a praise letter ("Been using @Ledgerly_app
//!   since uni… Still the best invoicing tool out there ❤️") read as transactional, a thank-you
//!   letter telling a fault ("Hats off to Priya: our router was faulty twice…") read as a
//!   product question (53%, unsure), so its mistake was no longer settled; "cancel pls" read
//!   as leaving at 0.95; the texts of two mechanism tests (an unsure intent lowering confidence,
//!   a new question after a ticket solved to the customer's liking) no longer reach their
//!   mechanism; and a widow's call about her husband's car insurance got reassurance, not
//!   condolence, first (112 of 170 bereavement probes, the floor 113).
//!   Removing words that only fill a spoken sentence ("um", "er", a word said twice) before
//!   the model reads them, and retraining, read dev phone rows 93.5 → 93.0%: not kept either.
//! Retrained again on the tenth-pass corpus (session 48, 19,178 lines kept), with 540a3eb's
//! cue model: dev intent 55.9 → 60.0% of 2,131, but intent kind 91.9 → 91.7% (phone 93.4 →
//! 93.8%, chat 94.0 → 93.8%); scenarios train band 89.5 → 89.1%, dev snippet kind 90.0 → 89.4%
//! (one scenario), the spent blind sets' band 79.8 → 80.1 on average. Not kept: the kind, which
//! the targets read, did not move, and the five behaviours above were not checked again.

#[path = "../judgement.rs"]
mod judgement;
#[path = "../eval_data.rs"]
mod rapport_eval;

/// Each corpus row counts this many times beside Bitext's templated sentences: free text is
/// what the engine reads (checked on the corpus's dev part: kind and intent accuracy).
const OURS_WEIGHT: usize = 4;

use rapport::text::intent::{features, softmax, words};
use rapport::text::tokens::tokenize;

/// Weights smaller than this are left out of the shipped model (size; measured accuracy-neutral).
const PRUNE: f32 = 0.25;
use std::collections::HashMap;

fn main() {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(rapport_eval::bitext_path);
    let rows = rapport_eval::bitext_rows(&path);
    let mut train: Vec<(String, String)> = rows
        .iter()
        .filter(|r| !r.held_out)
        .map(|r| (r.text.clone(), r.intent.clone()))
        .collect();
    let ours: Vec<_> = judgement::messages()
        .into_iter()
        .filter(|m| m.split == judgement::Split::Train)
        .collect();
    for _ in 0..OURS_WEIGHT {
        train.extend(ours.iter().map(|m| (m.text.clone(), m.intent.clone())));
    }
    let mut classes: Vec<String> = rapport::text::default_taxonomy()
        .into_iter()
        .map(|d| d.id)
        .collect();
    classes.sort();
    for (_, i) in &train {
        assert!(classes.contains(i), "intent {i} is not in the taxonomy");
    }
    let ci: HashMap<&str, usize> = classes
        .iter()
        .enumerate()
        .map(|(i, c)| (c.as_str(), i))
        .collect();
    let k = classes.len();
    // Feature ids
    let mut fid: HashMap<String, usize> = HashMap::new();
    let data: Vec<(Vec<usize>, usize)> = train
        .iter()
        .map(|(text, intent)| {
            let f = features(&words(&tokenize(text)));
            let ids = f
                .into_iter()
                .map(|x| {
                    let n = fid.len();
                    *fid.entry(x).or_insert(n)
                })
                .collect();
            (ids, ci[intent.as_str()])
        })
        .collect();
    let nf = fid.len();
    let mut w = vec![0f32; nf * k];
    let mut b = vec![0f32; k];
    let (lr, l2, epochs) = (0.2f32, 1e-4f32, 30);
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut seed = 0x9E37_79B9_7F4A_7C15u64;
    for epoch in 0..epochs {
        // deterministic Fisher–Yates shuffle (xorshift)
        for i in (1..order.len()).rev() {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            order.swap(i, (seed % (i as u64 + 1)) as usize);
        }
        let rate = lr / (1.0 + epoch as f32 * 0.1);
        let mut loss = 0f32;
        for &n in &order {
            let (ids, y) = &data[n];
            let mut logits = b.clone();
            for &f in ids {
                for c in 0..k {
                    logits[c] += w[f * k + c];
                }
            }
            let p = softmax(&logits);
            loss -= p[*y].max(1e-9).ln();
            for c in 0..k {
                let g = p[c] - if c == *y { 1.0 } else { 0.0 };
                b[c] -= rate * g;
                for &f in ids {
                    let wi = &mut w[f * k + c];
                    *wi -= rate * (g + l2 * *wi);
                }
            }
        }
        eprintln!("epoch {epoch}: mean loss {:.4}", loss / data.len() as f32);
    }
    let mut names: Vec<(&String, &usize)> = fid.iter().collect();
    names.sort();
    let mut out = String::new();
    out.push_str("# Intent model: multinomial logistic regression over words and word pairs.\n");
    out.push_str("# Trained by tools/src/bin/train_intent.rs on the train split of data/judgement (MIT) and the\n");
    out.push_str("# Bitext customer-support utterances (CDLA-Sharing-1.0) mapped to the domain-neutral taxonomy;\n");
    out.push_str(&format!(
        "# {} training rows ({} of ours, counted {OURS_WEIGHT}x); Bitext rows whose text hashes to 0 mod 5 are held out.\n",
        data.len(),
        ours.len()
    ));
    out.push_str(&format!("classes\t{}\n", classes.join("\t")));
    out.push_str(&format!(
        "bias\t{}\n",
        b.iter()
            .map(|x| format!("{x:.2}"))
            .collect::<Vec<_>>()
            .join("\t")
    ));
    let mut kept = 0;
    for (name, &f) in names {
        let pairs: Vec<String> = (0..k)
            .filter(|&c| w[f * k + c].abs() >= PRUNE)
            .map(|c| format!("{c}:{:.2}", w[f * k + c]))
            .collect();
        if !pairs.is_empty() {
            kept += 1;
            out.push_str(&format!("{name}\t{}\n", pairs.join(" ")));
        }
    }
    std::fs::write(
        concat!(env!("CARGO_MANIFEST_DIR"), "/../data/intent_model.tsv"),
        out,
    )
    .expect("write data/intent_model.tsv");
    eprintln!("{nf} features, {kept} kept; wrote data/intent_model.tsv");
}
