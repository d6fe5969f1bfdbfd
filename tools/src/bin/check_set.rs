//! An independent check of the cues on a set none of our fitting or pattern writing read:
//! `data/judgement/checks/lookalikes-80.jsonl` (80 messages written and labelled blind by a
//! helper session on 2026-12-02, half look-alikes with no cue, half a real cue beside
//! look-alike words), or another file of the same form (`{"text": …, "cues": [...]}` per
//! line, or `{"messages": [...], "cues": [...]}` for a thread of the customer's messages).
//! Prints, per cue, right / false fires / missed, and the fires on the rows that have no cue;
//! with `--list`, each row a cue is missed on (FN) or fires on wrongly (FP). Rows with an
//! `expected_reply` are also assessed as tickets with no history and the first reply compared.
//! Usage: cargo run --release -p rapport-tools --bin check-set [-- <file>] [--list]
#[path = "../eval_data.rs"]
#[allow(dead_code)]
mod rapport_eval;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let list = args.iter().any(|a| a == "--list");
    let path = args
        .iter()
        .find(|a| !a.starts_with("--"))
        .cloned()
        .unwrap_or_else(|| rapport_eval::repo("data/judgement/checks/lookalikes-80.jsonl"));
    let an = rapport::text::TextAnalyzer::builtin();
    let rows: Vec<serde_json::Value> = rapport_eval::read(&path)
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("a JSON object per line"))
        .collect();
    // the seven cues, in the order of `Cues::values` (not `life_event`, kept for old configurations)
    let cues = &rapport::text::CUES[..7];
    let mut counts = vec![[0usize; 3]; cues.len()];
    let mut on_none = 0;
    for r in &rows {
        let thread = thread_of(r);
        let numbered: Vec<(usize, &str)> = thread.iter().copied().enumerate().collect();
        let s = an.analyze_thread(&numbered);
        let text = thread.join(" || ");
        let values = s.cues.values();
        let labels: Vec<&str> = r["cues"]
            .as_array()
            .expect("cues")
            .iter()
            .filter_map(|c| c.as_str())
            .collect();
        for (i, c) in cues.iter().enumerate() {
            let (got, truth) = (values[i] > 0.0, labels.contains(c));
            let k = match (got, truth) {
                (true, true) => 0,
                (true, false) => 1,
                (false, true) => 2,
                (false, false) => continue,
            };
            counts[i][k] += 1;
            if list && k > 0 {
                println!("  {} {c}: {text}", if k == 1 { "FP" } else { "FN" });
            }
        }
        if labels.is_empty() {
            on_none += values[..cues.len()].iter().filter(|v| **v > 0.0).count();
        }
    }
    println!("check-set {path}: {} rows", rows.len());
    for (c, [tp, fp, fn_]) in cues.iter().zip(counts) {
        if tp + fp + fn_ > 0 {
            println!("  {c:<11} {tp} right, {fp} false fires, {fn_} missed");
        }
    }
    let none = rows
        .iter()
        .filter(|r| r["cues"].as_array().is_some_and(|a| a.is_empty()))
        .count();
    println!("  cue fires on the {none} rows with no cue: {on_none}");
    first_replies(&rows, list);
}

/// A row is one message (`text`) or a thread of the customer's messages (`messages`).
fn thread_of(r: &serde_json::Value) -> Vec<&str> {
    match r["messages"].as_array() {
        Some(m) => m
            .iter()
            .map(|t| t.as_str().expect("messages: strings"))
            .collect(),
        None => vec![r["text"].as_str().expect("text")],
    }
}

/// Rows with an `expected_reply` (the kind of first reply, as the scenarios' `snippet_kind`):
/// each message assessed as a ticket of a customer with no history, the advised reply compared.
fn first_replies(rows: &[serde_json::Value], list: bool) {
    let engine = rapport::Engine::new(None).expect("the built-in engine");
    let now = rapport::time::parse_iso("2026-11-23T12:00:00Z").unwrap();
    let (mut asked, mut agreed) = (0, 0);
    for r in rows {
        let Some(expected) = r["expected_reply"].as_str() else {
            continue;
        };
        let texts = thread_of(r);
        let messages: Vec<serde_json::Value> = texts
            .iter()
            .map(|t| serde_json::json!({"from": "customer", "text": t}))
            .collect();
        let ticket =
            serde_json::json!({"id": "T1", "customer": {"id": "n1"}, "messages": messages});
        let a = engine
            .assess(&ticket, now)
            .expect("a ticket of one customer");
        asked += 1;
        if a.reply.as_str() == expected {
            agreed += 1;
        } else if list {
            println!("  reply {expected}, got {}: {}", a.reply.as_str(), texts[0]);
        }
    }
    if asked > 0 {
        println!("  first reply as expected (no history): {agreed} of {asked}");
    }
}
