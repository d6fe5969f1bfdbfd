//! Each cue pattern line of `data/cues.txt` on its own, against the labels of the judgement
//! corpus's TRAIN split: how many rows it fires on and how many of those carry its cue. A line
//! that fires mostly on rows without its cue is a look-alike trap; dropping or narrowing it is
//! decided here, on train, never on dev or test (dev is printed beside it to see the effect
//! carries over, not to choose).
//! A `not.X` line (a look-alike said outright) or a `plain.X` one is right on the rows without X. An emotion's
//! lines (`emotion.X`) are checked against the emotions labelled.
//! Usage: cargo run --release -p rapport-tools --bin pattern-precision [-- --min-fires 3]
//! `-- --probes FILE…` instead: each `emotion.distress` line against probe files
//! (`source<TAB>F|N<TAB>text`, as `data/judgement/checks/self-harm-probes.tsv`): the
//! disclosures and the look-alikes it fires on, every line listed.

#[path = "../judgement.rs"]
mod judgement;
#[path = "../eval_data.rs"]
mod rapport_eval;

use judgement::{Split, CUE_LABELS};
use rapport::text::patterns::{Pattern, PatternSet};
use rapport::text::tokens::tokenize;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--probes") {
        return probes(&args[i + 1..]);
    }
    let min: usize = rapport_eval::option("--min-fires").unwrap_or(3);
    let text = rapport_eval::read(&rapport_eval::repo("data/cues.txt"));
    let msgs = judgement::messages();
    let tokens: Vec<_> = msgs.iter().map(|m| tokenize(&m.text)).collect();
    let mut label = String::new();
    println!(
        "{:<12} {:>14} {:>14}  pattern",
        "cue", "train prec", "dev prec"
    );
    for line in text.lines() {
        let line = line.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        if let Some(l) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            label = l.to_string();
            continue;
        }
        // a `plain.X` line (a plain request the model misreads as X) is right where X is not
        let (cue, blocker) = match label.strip_prefix("not.").or(label.strip_prefix("plain.")) {
            Some(x) => (x, true),
            None => (label.as_str(), false),
        };
        // an emotion's lines are checked against the emotions labelled
        let emotion = cue.strip_prefix("emotion.");
        if emotion.is_none() && !CUE_LABELS.contains(&cue) {
            continue;
        }
        let has = |m: &judgement::Message| match emotion {
            Some(e) => m.emotions.iter().any(|x| x == e),
            None => m.has(cue),
        };
        // a line the engine would refuse is said, not skipped (a `~10` once vanished from here
        // while the engine's build refused it)
        let p = match Pattern::parse(line) {
            Ok(p) => p,
            Err(e) => {
                eprintln!("pattern-precision: data/cues.txt [{label}] {line:?}: {e}");
                std::process::exit(1);
            }
        };
        let mut set = PatternSet::default();
        set.add(&label, p);
        let mut cells = Vec::new();
        for split in [Split::Train, Split::Dev] {
            let (mut fired, mut right) = (0, 0);
            for (m, t) in msgs.iter().zip(&tokens) {
                if m.split != split || set.find(t).is_empty() {
                    continue;
                }
                fired += 1;
                right += (has(m) != blocker) as usize;
            }
            cells.push((fired, right));
        }
        let (f, r) = cells[0];
        if f < min {
            continue;
        }
        let cell = |(f, r): (usize, usize)| {
            format!("{:>5.0}% of {:<4}", 100.0 * r as f64 / f.max(1) as f64, f)
        };
        println!(
            "{label:<12} {:>14} {:>14}  {line}{}",
            cell((f, r)),
            cell(cells[1]),
            if (r as f64) < 0.5 * f as f64 {
                "   <- mostly wrong on train"
            } else {
                ""
            }
        );
    }
}

/// Each `emotion.distress` line's fires on probe rows: disclosures (F) and look-alikes (N).
fn probes(files: &[String]) {
    let rows: Vec<(bool, Vec<rapport::text::tokens::Token>)> = files
        .iter()
        .flat_map(|f| rapport_eval::probe_rows(f))
        .map(|(disclosure, text)| (disclosure, tokenize(&text)))
        .collect();
    let text = rapport_eval::read(&rapport_eval::repo("data/cues.txt"));
    let mut label = String::new();
    println!("{:>5} {:>5}  pattern (of {} probes)", "F", "N", rows.len());
    for line in text.lines() {
        let line = line.split('#').next().unwrap_or("").trim();
        if let Some(l) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            label = l.to_string();
            continue;
        }
        if line.is_empty() || label != "emotion.distress" {
            continue;
        }
        let mut set = PatternSet::default();
        set.add(
            &label,
            Pattern::parse(line).expect("the engine's own lines parse"),
        );
        let (mut f, mut n, mut which) = (0, 0, Vec::new());
        for (i, (disclosure, t)) in rows.iter().enumerate() {
            if !set.find(t).is_empty() {
                if *disclosure {
                    f += 1
                } else {
                    n += 1
                }
                which.push(i.to_string());
            }
        }
        // with RAPPORT_ROWS=1, the rows each line fires on (to find lines others cover)
        let rows_of = if std::env::var("RAPPORT_ROWS").is_ok_and(|v| v == "1") {
            format!("\t{}", which.join(","))
        } else {
            String::new()
        };
        println!("{f:>5} {n:>5}  {line}{rows_of}");
    }
}
