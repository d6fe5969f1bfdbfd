//! Trains the learned cue, kind and routine model (`src/text/judge.rs`) and writes
//! `data/judgement_model.bin`. Deterministic: the same data gives the same bytes.
//!
//! Reads: the train split of `data/judgement/messages` (every label), the Bitext rows outside
//! its held-out fifth (kind, churn, routine: their intents mapped below), and three fifths of
//! BANKING77 (mistake and churn, for the intents mapped below). Picks each head's threshold,
//! and the probability under which a phrase pattern's hit is vetoed, on the dev split (by
//! F1 for cues and emotions, RJ_BETA to change it), the mistake head's keeping 97% precision on a fourth fifth of
//! BANKING77. Never reads the test split nor BANKING77's held-out fifth.
//! Usage: cargo run --release -p rapport-tools --bin train-judgement [-- --top 400]

#[path = "../judgement.rs"]
mod judgement;
#[path = "../eval_data.rs"]
mod rapport_eval;

use judgement::{Split, CUE_LABELS};
use rapport::text::judge::{self, Feature, JudgeModel};
use rapport::text::tokens::tokenize;
use rapport::text::{Kind, TextAnalyzer};
use rapport_eval::*;

const HEADS: [&str; 11] = [
    "mistake",
    "churn",
    "effort",
    "praise",
    "loyalty",
    "celebration",
    "loss",
    "relational",
    "routine",
    "distress",
    "frustration",
];

/// One training row: its features, and per head a target (None: this row says nothing of it).
struct Row {
    features: Vec<u32>,
    target: [Option<bool>; 11],
    weight: f32,
}

/// The message's features as the engine makes them: words and the labels of the phrase
/// patterns (of the analyzer without a learned model) that matched.
fn feats(an: &TextAnalyzer, text: &str) -> Vec<u32> {
    let t = tokenize(text);
    let hits = an.patterns.find(&t);
    let labels: Vec<&str> = hits
        .iter()
        .map(|h| an.patterns.labels[h.label].as_str())
        .collect();
    judge::features_with(&t, &labels)
        .iter()
        .map(|f| f.hash)
        .collect()
}

fn main() {
    let top: usize = std::env::args()
        .skip_while(|a| a != "--top")
        .nth(1)
        .and_then(|x| x.parse().ok())
        .unwrap_or(1500);
    let msgs = judgement::messages();
    // the weight of a Bitext or BANKING77 row beside one of ours (RJ_EXT to change it)
    let ext_weight: f32 = std::env::var("RJ_EXT")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0.5);
    // the phrase patterns alone: the embedded learned model left out
    let mut an = TextAnalyzer::builtin();
    an.judge = JudgeModel::default();
    let mut rows = Vec::new();
    for m in msgs.iter().filter(|m| m.split == Split::Train) {
        let mut target = [None; 11];
        for (i, c) in CUE_LABELS.iter().enumerate() {
            target[i] = Some(m.has(c));
        }
        target[7] = Some(m.relational());
        target[8] = Some(m.routine);
        target[9] = Some(m.emotions.iter().any(|e| e == "distress"));
        target[10] = Some(m.emotions.iter().any(|e| e == "frustration"));
        rows.push(Row {
            features: feats(&an, &m.text),
            target,
            weight: 1.0,
        });
    }
    let ours = rows.len();

    // Bitext (CDLA-Sharing-1.0): kind from the taxonomy, churn for delete_account, routine for
    // the plain transactional intents. Its other cues are not labelled: left out of those heads.
    for r in bitext_rows(&bitext_path())
        .into_iter()
        .filter(|r| !r.held_out)
    {
        let mut target = [None; 11];
        target[1] = Some(r.source_intent == "delete_account");
        let kind = an.kind_of(&r.intent);
        target[7] = Some(kind == Kind::Relational);
        if !matches!(
            r.source_intent.as_str(),
            "payment_issue" | "complaint" | "delete_account"
        ) {
            target[8] = Some(kind == Kind::Transactional);
        }
        rows.push(Row {
            features: feats(&an, &r.text),
            target,
            weight: ext_weight,
        });
    }
    // BANKING77 (CC BY 4.0): the bank's own mistakes vs questions that sound like them
    let mut bank_dev: Vec<(String, bool)> = Vec::new();
    for (text, cat) in banking77(&banking77_path()) {
        match fnv(text.trim()) % 5 {
            0 => continue, // held out for evaluate
            1 => {
                // the mistake head's threshold must keep its precision here (never trained on)
                if BANKING77_MISTAKES.contains(&cat.as_str())
                    || BANKING77_NOT_MISTAKES.contains(&cat.as_str())
                {
                    bank_dev.push((text.clone(), BANKING77_MISTAKES.contains(&cat.as_str())));
                }
                continue;
            }
            _ => {}
        }
        let mut target = [None; 11];
        if BANKING77_MISTAKES.contains(&cat.as_str()) {
            target[0] = Some(true);
        } else if BANKING77_NOT_MISTAKES.contains(&cat.as_str()) {
            target[0] = Some(false);
        }
        if cat == "terminate_account" {
            target[1] = Some(true);
        }
        if target.iter().any(Option::is_some) {
            rows.push(Row {
                features: feats(&an, &text),
                target,
                weight: ext_weight,
            });
        }
    }
    eprintln!(
        "train-judgement: {ours} corpus rows (train split), {} rows in all",
        rows.len()
    );

    // the phrase patterns' hits on dev, to pick the veto with them
    let dev: Vec<_> = msgs.iter().filter(|m| m.split == Split::Dev).collect();
    let dev_feats: Vec<Vec<Feature>> = dev
        .iter()
        .map(|m| {
            feats(&an, &m.text)
                .into_iter()
                .map(|hash| Feature {
                    hash,
                    token: 0,
                    len: 0,
                })
                .collect()
        })
        .collect();
    let dev_signals: Vec<_> = dev.iter().map(|m| an.analyze(&m.text)).collect();
    let dev_patterns: Vec<rapport::text::Cues> = dev_signals.iter().map(|s| s.cues).collect();
    let dev_emotions: Vec<rapport::text::Emotions> =
        dev_signals.iter().map(|s| s.emotions).collect();

    let mut df: std::collections::HashMap<u32, u32> = std::collections::HashMap::new();
    for r in &rows {
        for f in &r.features {
            *df.entry(*f).or_default() += 1;
        }
    }
    // Fit each head on every feature; keep the `top` features most important to any head (a
    // feature's weight times the rows it is in, over the head's largest such product); fit
    // each head again on those alone, so they take up what the dropped ones carried.
    let full: Vec<_> = (0..HEADS.len()).map(|h| fit(&rows, h, None).1).collect();
    let mut importance: std::collections::HashMap<u32, f32> = std::collections::HashMap::new();
    for w in &full {
        let max = w
            .iter()
            .map(|(k, v)| v.abs() * df[k] as f32)
            .fold(1e-6, f32::max);
        for (k, v) in w {
            let x = v.abs() * df[k] as f32 / max;
            let e = importance.entry(*k).or_default();
            *e = e.max(x);
        }
    }
    let mut ranked: Vec<(u32, f32)> = importance.into_iter().collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    ranked.truncate(top);
    let mut shared: Vec<u32> = ranked.iter().map(|x| x.0).collect();
    shared.sort_unstable();
    let keep: std::collections::HashSet<u32> = shared.iter().copied().collect();
    let mut heads = Vec::new();
    for (h, name) in HEADS.iter().enumerate() {
        let (bias, w) = fit(&rows, h, Some(&keep));
        let max = shared
            .iter()
            .map(|k| w.get(k).map_or(0.0, |v| v.abs()))
            .fold(1e-6, f32::max);
        let scale = max / 127.0;
        let q: Vec<i8> = shared
            .iter()
            .map(|k| {
                (w.get(k).copied().unwrap_or(0.0) / scale)
                    .round()
                    .clamp(-127.0, 127.0) as i8
            })
            .collect();
        heads.push((name.to_string(), bias, scale, 0.5f32, 0.0f32, q));
    }
    // thresholds and vetoes on dev, with the quantized model
    let model = JudgeModel::parse(&judge::write(&heads, &shared)).expect("reads back");
    let probs: Vec<Vec<f32>> = dev_feats
        .iter()
        .map(|f| model.score(f).iter().map(|s| s.probability).collect())
        .collect();
    let bank_probs: Vec<(f32, bool, bool)> = bank_dev
        .iter()
        .map(|(text, y)| {
            let f: Vec<Feature> = feats(&an, text)
                .into_iter()
                .map(|hash| Feature {
                    hash,
                    token: 0,
                    len: 0,
                })
                .collect();
            (
                model.score(&f)[0].probability,
                an.analyze(text).cues.mistake > 0.0,
                *y,
            )
        })
        .collect();
    let bank_precision = |t: f32, veto: f32| {
        let (mut tp, mut fp) = (0, 0);
        for &(p, pattern, y) in &bank_probs {
            if p >= t || (pattern && p >= veto) {
                if y {
                    tp += 1
                } else {
                    fp += 1
                }
            }
        }
        tp as f64 / (tp + fp).max(1) as f64
    };
    for (h, name) in HEADS.iter().enumerate() {
        let truth: Vec<bool> = dev
            .iter()
            .map(|m| match h {
                7 => m.relational(),
                8 => m.routine,
                9 | 10 => m.emotions.iter().any(|e| e == name),
                _ => m.has(name),
            })
            .collect();
        let pattern: Vec<bool> = dev_patterns
            .iter()
            .zip(&dev_emotions)
            .map(|(c, e)| match *name {
                "distress" => e.distress >= 0.2,
                "frustration" => e.frustration >= 0.2,
                "mistake" => c.mistake > 0.0,
                "churn" => c.churn > 0.0,
                "effort" => c.effort > 0.0,
                "praise" => c.praise > 0.0,
                "loyalty" => c.loyalty > 0.0,
                "celebration" => c.celebration > 0.0,
                "loss" => c.loss > 0.0,
                _ => false,
            })
            .collect();
        // thresholds from 0.6: below, a short message's few words make confident nonsense
        // (the fallback, if no threshold keeps a constraint, is the strictest)
        // RJ_BETA: the F-measure's beta. 1 (F1, the measure the targets use) by default:
        // F0.5 was the default before; on the dev part it gave cue F1 0.02–0.06 lower for
        // hard-negative precision 50.0% instead of 41.7%, and band agreement 77.2% vs 78.5%
        let beta: f64 = std::env::var("RJ_BETA")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(1.0);
        let mut best = (f64::MIN, 0.95f32, 0.0f32);
        for ti in 12..20 {
            let t = ti as f32 * 0.05;
            for vi in 0..20 {
                let veto = vi as f32 * 0.025;
                if veto >= t {
                    continue;
                }
                let pred: Vec<bool> = (0..dev.len())
                    .map(|i| probs[i][h] >= t || (pattern[i] && probs[i][h] >= veto))
                    .collect();
                // cues and emotions: F-beta (beta above); the kind and routine: accuracy
                let score = if h == 7 || h == 8 {
                    accuracy(&pred, &truth)
                } else {
                    fbeta(&pred, &truth, beta)
                };
                if h == 0 && bank_precision(t, veto) < 0.97 {
                    continue;
                }
                if score > best.0 + 1e-9 {
                    best = (score, t, veto);
                }
            }
        }
        let only = |pred: Vec<bool>| {
            if h == 7 || h == 8 {
                accuracy(&pred, &truth)
            } else {
                f1(&pred, &truth)
            }
        };
        let model_only = (2..19)
            .map(|ti| only(probs.iter().map(|p| p[h] >= ti as f32 * 0.05).collect()))
            .fold(0.0, f64::max);
        eprintln!(
            "  {name:<12} dev: patterns alone {:.3}, model alone (best threshold) {:.3}",
            only(pattern.clone()),
            model_only
        );
        heads[h].3 = best.1;
        heads[h].4 = best.2;
        eprintln!(
            "  {name:<12} dev {} {:.3} at threshold {:.2}, veto {:.3}; {} weights",
            if h == 7 || h == 8 {
                "accuracy"
            } else {
                "F-beta"
            },
            best.0,
            best.1,
            best.2,
            heads[h].5.iter().filter(|q| **q != 0).count()
        );
    }
    let bytes = judge::write(&heads, &shared);
    let out = repo("data/judgement_model.bin");
    std::fs::write(&out, &bytes).expect("write the model");
    eprintln!("train-judgement: wrote {out} ({} bytes)", bytes.len());
}

/// Logistic regression for head `h` by Adagrad over presence features, L2-regularised (1e-2:
/// on the dev part with the third-pass corpus, 1e-4 gave mistake F-beta 0.800, churn 0.816,
/// effort 0.781, loyalty 0.690; 1e-2 gave 0.805, 0.839, 0.815, 0.774; 3e-2 and 1e-1 were
/// mixed, lower on mistake); rows
/// whose target for `h` is unknown are skipped; positives weighted up by the square root of
/// the class ratio. Deterministic order (a fixed xorshift shuffle).
fn fit(
    rows: &[Row],
    h: usize,
    keep: Option<&std::collections::HashSet<u32>>,
) -> (f32, std::collections::HashMap<u32, f32>) {
    use std::collections::HashMap;
    let used: Vec<&Row> = rows.iter().filter(|r| r.target[h].is_some()).collect();
    let pos = used
        .iter()
        .filter(|r| r.target[h] == Some(true))
        .count()
        .max(1);
    let neg = (used.len() - pos).max(1);
    let pos_w = ((neg as f32) / (pos as f32)).sqrt().max(1.0);
    let (mut w, mut g2): (HashMap<u32, f32>, HashMap<u32, f32>) = (HashMap::new(), HashMap::new());
    let (mut b, mut bg2) = (0f32, 1e-6f32);
    let env = |k: &str, d: f32| {
        std::env::var(k)
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(d)
    };
    let (lr, l2) = (env("RJ_LR", 0.3), env("RJ_L2", 1e-2));
    let mut order: Vec<usize> = (0..used.len()).collect();
    let mut seed = 0x9e37_79b9_7f4a_7c15u64 ^ h as u64;
    for _ in 0..env("RJ_EPOCHS", 25.0) as usize {
        for i in (1..order.len()).rev() {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            order.swap(i, (seed % (i as u64 + 1)) as usize);
        }
        for &i in &order {
            let r = used[i];
            let y = r.target[h] == Some(true);
            let z = b + r
                .features
                .iter()
                .map(|f| w.get(f).copied().unwrap_or(0.0))
                .sum::<f32>();
            let p = 1.0 / (1.0 + (-z).exp());
            let g = (p - if y { 1.0 } else { 0.0 }) * r.weight * if y { pos_w } else { 1.0 };
            bg2 += g * g;
            b -= lr * g / bg2.sqrt();
            for f in &r.features {
                if keep.is_some_and(|k| !k.contains(f)) {
                    continue;
                }
                let wf = w.entry(*f).or_insert(0.0);
                let gf = g + l2 * *wf;
                let acc = g2.entry(*f).or_insert(1e-6);
                *acc += gf * gf;
                *wf -= lr * gf / acc.sqrt();
            }
        }
    }
    (b, w)
}

fn f1(pred: &[bool], truth: &[bool]) -> f64 {
    let tp = pred.iter().zip(truth).filter(|(p, t)| **p && **t).count() as f64;
    let fp = pred.iter().zip(truth).filter(|(p, t)| **p && !**t).count() as f64;
    let fneg = pred.iter().zip(truth).filter(|(p, t)| !**p && **t).count() as f64;
    if tp == 0.0 {
        return 0.0;
    }
    2.0 * tp / (2.0 * tp + fp + fneg)
}

fn fbeta(pred: &[bool], truth: &[bool], beta: f64) -> f64 {
    let tp = pred.iter().zip(truth).filter(|(p, t)| **p && **t).count() as f64;
    let fp = pred.iter().zip(truth).filter(|(p, t)| **p && !**t).count() as f64;
    let fneg = pred.iter().zip(truth).filter(|(p, t)| !**p && **t).count() as f64;
    let b2 = beta * beta;
    if tp == 0.0 {
        return 0.0;
    }
    (1.0 + b2) * tp / ((1.0 + b2) * tp + b2 * fneg + fp)
}

fn accuracy(pred: &[bool], truth: &[bool]) -> f64 {
    pred.iter().zip(truth).filter(|(p, t)| p == t).count() as f64 / truth.len().max(1) as f64
}
