//! Fits the first-reply model (`src/reply/learned.rs`) on the train split of the labelled
//! scenarios and writes `data/reply_fit.tsv`, which `build.rs` embeds. Multinomial logistic
//! regression over the named features of `reply::learned::feature_names` (the rules' pick among
//! them), an L1 penalty on the weights (not the biases) so that few features weigh anything,
//! minimised by accelerated proximal gradient (FISTA) from zero: deterministic. The penalty
//! is picked on dev from a fixed grid (ties: the larger, sparser one); test is never read.
//! Usage: cargo run --release -p rapport-tools --bin fit-reply [-- --lambda 0.002]
//!
//! Besides the scenarios, the train messages labelled routine count (a quarter each) as rows
//! whose first reply is the plain answer, and dev's routine messages are the second figure the
//! penalty is picked on (the mean of the two).
//!
//! The model picks only among the kinds the assessment shows evidence for
//! (`reply::eligible`), and the rules' call on a clear signal stands (`reply::binding`): the
//! model refines the calls made on faint evidence.
//!
//! Measured 2026-12-01 on the sixth-pass corpus (498 train and 149 dev scenarios, 1,818 and 637
//! routine messages), cue model of 1,400 features: the rules alone pick the labelled kind on
//! 72.5% of the train and 77.9% of the dev scenarios, and answer 94.1% and 86.8% of the
//! routine messages plainly; the fitted model (lambda 0.001, 41 features weigh) 78.7% and
//! 83.9%, 96.9% and 90.9%. On the way there:
//! - fitted on the scenarios alone, free to overrule any call, it gave dev 85.2% but changed
//!   the rules' reply on 765 of the 4,532 train messages ("close this chat pls" became a churn
//!   save) and read "I received the wrong item in my last order." as a plain answer;
//! - with the routine messages but still free, 81.9% and 94.7%, and the same wrong-item call;
//! - fitted with presence features for every reason and the customer's weight, it learned
//!   corpus accidents ("long tenure, no apology").

#[path = "../judgement.rs"]
mod judgement;
#[path = "../eval_data.rs"]
mod rapport_eval;

use judgement::Split;
use rapport::engine::AssessOptions;
use rapport::reply::{self, learned, Reply, REPLIES};
use rapport::Engine;

struct Row {
    /// How much the row counts in the fit.
    weight: f64,
    x: Vec<f64>,
    y: usize,
    rule: usize,
    /// The rules' pick stands whatever the model says (`reply::binding`).
    binding: bool,
    /// The kinds the model may pick (`reply::eligible`).
    eligible: Vec<bool>,
}

/// Penalties tried, per mean cross-entropy.
const GRID: [f64; 5] = [0.0005, 0.001, 0.002, 0.004, 0.008];
const ITERATIONS: usize = 4000;

fn row(
    e: &Engine,
    ticket: &serde_json::Value,
    now: i64,
    y: Reply,
    weight: f64,
    names: &[String],
) -> Row {
    let a = e
        .assess_with(
            ticket,
            &AssessOptions {
                snippets: 0,
                ..AssessOptions::at(now)
            },
        )
        .unwrap_or_else(|err| panic!("{}: {err}", ticket["id"]));
    let x = a.reply_inputs();
    let rule = reply::rules(&x);
    Row {
        weight,
        x: names
            .iter()
            .map(|n| learned::feature(n, &x, rule))
            .collect(),
        y: y as usize,
        rule: rule as usize,
        binding: reply::binding(&x, rule),
        eligible: REPLIES.iter().map(|r| reply::eligible(&x, r.1)).collect(),
    }
}

/// The labelled scenarios of `split`.
fn scenario_rows(split: Split, names: &[String]) -> Vec<Row> {
    let mut out = Vec::new();
    for s in judgement::scenarios().iter().filter(|s| s.split == split) {
        let Some(y) = Reply::parse(&s.snippet_kind) else {
            continue;
        };
        let mut e = Engine::new(None).unwrap();
        if !s.history.is_null() {
            e.load_history(&s.history).expect("scenario history");
        }
        let now = rapport::time::parse_iso(&s.now).expect("scenario now");
        out.push(row(&e, &s.ticket, now, y, 1.0, names));
    }
    out
}

/// The messages of `split` labelled routine (a simple request, nothing at risk), without
/// history: their first reply is the plain answer. The scenarios alone hold few of them, and a
/// model fitted on the scenarios alone changed the rules' reply on 17% of the train messages,
/// "close this chat pls" to a churn save among them.
fn routine_rows(split: Split, names: &[String]) -> Vec<Row> {
    let e = Engine::new(None).unwrap();
    judgement::messages()
        .iter()
        .filter(|m| m.split == split && m.routine)
        .map(|m| {
            let t = serde_json::json!({"id": m.id, "customer": {}, "messages": [{"from": "customer", "text": m.text}]});
            row(&e, &t, 1_795_000_000_000, Reply::PlainAnswer, ROUTINE_WEIGHT, names)
        })
        .collect()
}

/// What a routine message counts for in the fit, against 1 for a scenario (as in fit-score).
/// At 0.1, dev gave scenarios 83.2% and routine messages 90.6% (mean 86.9); at 0.25, 81.9% and
/// 94.7% (88.3).
const ROUTINE_WEIGHT: f64 = 0.25;

/// Weights `[kind][feature]` and biases `[kind]`.
struct Model {
    w: Vec<Vec<f64>>,
    b: Vec<f64>,
}

impl Model {
    fn scores(&self, x: &[f64]) -> Vec<f64> {
        self.w
            .iter()
            .zip(&self.b)
            .map(|(w, b)| b + w.iter().zip(x).map(|(a, v)| a * v).sum::<f64>())
            .collect()
    }

    /// As the engine picks (`learned::pick`): the highest score if it beats the rules' pick by
    /// more than `margin`, else the rules' pick.
    fn pick(&self, r: &Row, margin: f64) -> usize {
        if r.binding {
            return r.rule;
        }
        let s = self.scores(&r.x);
        let mut best = r.rule;
        for (k, v) in s.iter().enumerate() {
            if *v > s[best] && r.eligible[k] {
                best = k;
            }
        }
        if s[best] > s[r.rule] + margin {
            best
        } else {
            r.rule
        }
    }
}

fn accuracy(m: &Model, rows: &[Row]) -> f64 {
    accuracy_at(m, rows, 0.0)
}

fn accuracy_at(m: &Model, rows: &[Row], margin: f64) -> f64 {
    rows.iter().filter(|r| m.pick(r, margin) == r.y).count() as f64 / rows.len().max(1) as f64
}

fn fit(rows: &[Row], features: usize, lambda: f64) -> Model {
    let k = REPLIES.len();
    let n: f64 = rows.iter().map(|r| r.weight).sum();
    // step 1/L, L bounding the curvature of the mean softmax cross-entropy: max ‖x‖² / 2
    let l = rows
        .iter()
        .map(|r| 1.0 + r.x.iter().map(|v| v * v).sum::<f64>())
        .fold(1.0, f64::max)
        / 2.0;
    let step = 1.0 / l;
    let zero = || Model {
        w: vec![vec![0.0; features]; k],
        b: vec![0.0; k],
    };
    let (mut m, mut t) = (zero(), 1.0f64);
    let mut y = zero();
    for _ in 0..ITERATIONS {
        // gradient of the mean cross-entropy at y
        let mut gw = vec![vec![0.0; features]; k];
        let mut gb = vec![0.0; k];
        for r in rows {
            let s = y.scores(&r.x);
            let top = s.iter().cloned().fold(f64::MIN, f64::max);
            let e: Vec<f64> = s.iter().map(|v| (v - top).exp()).collect();
            let z: f64 = e.iter().sum();
            for c in 0..k {
                let g = r.weight * (e[c] / z - (c == r.y) as u8 as f64) / n;
                gb[c] += g;
                for (j, v) in r.x.iter().enumerate() {
                    if *v != 0.0 {
                        gw[c][j] += g * v;
                    }
                }
            }
        }
        // proximal step: gradient, then soft threshold (the L1 penalty) on the weights
        let mut next = zero();
        for c in 0..k {
            next.b[c] = y.b[c] - step * gb[c];
            for j in 0..features {
                let v = y.w[c][j] - step * gw[c][j];
                next.w[c][j] = v.signum() * (v.abs() - step * lambda).max(0.0);
            }
        }
        let t2 = (1.0 + (1.0 + 4.0 * t * t).sqrt()) / 2.0;
        let mom = (t - 1.0) / t2;
        for c in 0..k {
            y.b[c] = next.b[c] + mom * (next.b[c] - m.b[c]);
            for j in 0..features {
                y.w[c][j] = next.w[c][j] + mom * (next.w[c][j] - m.w[c][j]);
            }
        }
        m = next;
        t = t2;
    }
    m
}

fn main() {
    let intents: Vec<String> = rapport::text::TextAnalyzer::builtin()
        .taxonomy
        .iter()
        .map(|d| d.id.clone())
        .collect();
    let intents: Vec<&str> = intents.iter().map(String::as_str).collect();
    let names = learned::feature_names(&intents);
    let dev = scenario_rows(Split::Dev, &names);
    let dev_routine = routine_rows(Split::Dev, &names);
    let mut train = scenario_rows(Split::Train, &names);
    let n_train = train.len();
    train.extend(routine_rows(Split::Train, &names));
    let (train_sc, train_routine) = train.split_at(n_train);
    let rules_acc =
        |rs: &[Row]| rs.iter().filter(|r| r.rule == r.y).count() as f64 / rs.len() as f64;
    eprintln!(
        "fit-reply: {} train and {} dev scenarios, {} train and {} dev routine messages, {} features",
        train_sc.len(),
        dev.len(),
        train_routine.len(),
        dev_routine.len(),
        names.len(),
    );
    eprintln!(
        "fit-reply: the rules alone: scenarios train {:.1}%, dev {:.1}%; routine messages answered plainly train {:.1}%, dev {:.1}%",
        100.0 * rules_acc(train_sc),
        100.0 * rules_acc(&dev),
        100.0 * rules_acc(train_routine),
        100.0 * rules_acc(&dev_routine)
    );
    let report = |what: &str, m: &Model| {
        let dv = (accuracy(m, &dev), accuracy(m, &dev_routine));
        eprintln!(
            "fit-reply: {what}: scenarios train {:.1}%, dev {:.1}%; routine plainly train {:.1}%, dev {:.1}%",
            100.0 * accuracy(m, train_sc),
            100.0 * dv.0,
            100.0 * accuracy(m, train_routine),
            100.0 * dv.1
        );
        dv
    };
    let grid: Vec<f64> = match rapport_eval::option::<f64>("--lambda") {
        Some(l) => vec![l],
        None => GRID.to_vec(),
    };
    // picked on dev by the mean of the two figures: a model that reads the scenarios better by
    // answering routine requests with apologies and saves is no better
    let mut best: Option<(f64, f64, Model)> = None;
    for lambda in grid {
        let m = fit(&train, names.len(), lambda);
        let used = (0..names.len())
            .filter(|j| m.w.iter().any(|w| w[*j] != 0.0))
            .count();
        let (a, b) = report(&format!("lambda {lambda}, {used} features weigh"), &m);
        if best.as_ref().is_none_or(|x| (a + b) / 2.0 >= x.1) {
            best = Some((lambda, (a + b) / 2.0, m));
        }
    }
    let (lambda, _, mut m) = best.unwrap();
    // weights as build.rs embeds them: steps of 0.01 (REPLY_STEP)
    let round = |v: f64| (v * 100.0).round() / 100.0;
    for v in m.w.iter_mut().flatten().chain(m.b.iter_mut()) {
        *v = round(*v);
    }
    report(&format!("as embedded (lambda {lambda}, steps of 0.01)"), &m);
    for margin in [0.5, 1.0, 1.5, 2.0] {
        eprintln!(
            "fit-reply: overruling the rules only by more than {margin}: scenarios dev {:.1}%, routine plainly dev {:.1}%",
            100.0 * accuracy_at(&m, &dev, margin),
            100.0 * accuracy_at(&m, &dev_routine, margin)
        );
    }
    let mut out = format!(
        "# written by tools/src/bin/fit_reply.rs (lambda {lambda}); read by build.rs\nkinds\t{}\nbias\t{}\n",
        REPLIES.iter().map(|r| r.0).collect::<Vec<_>>().join(" "),
        m.b.iter().map(|v| round(*v).to_string()).collect::<Vec<_>>().join(" ")
    );
    for (j, name) in names.iter().enumerate() {
        let pairs: Vec<String> = (0..REPLIES.len())
            .filter(|c| round(m.w[*c][j]) != 0.0)
            .map(|c| format!("{c}:{}", round(m.w[c][j])))
            .collect();
        if !pairs.is_empty() {
            out.push_str(&format!("{name}\t{}\n", pairs.join(" ")));
        }
    }
    let path = rapport_eval::repo("data/reply_fit.tsv");
    std::fs::write(&path, out).unwrap();
    eprintln!("fit-reply: wrote {path} (lambda {lambda})");
}
