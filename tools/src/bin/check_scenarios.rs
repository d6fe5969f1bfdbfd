//! An independent check of the whole judgement on history-aware scenarios none of our fitting,
//! tuning or rule writing read: by default `data/judgement/checks/blind-scenarios-7/` (160
//! scenarios written and labelled blind on 2026-12-05 by two more helper sessions; the first
//! six sets are spent: their misses were read in sessions 21, 22, 23, 24, 33 and 34, see the
//! README there). Prints band
//! agreement, tickets two bands off, the expected snippet kind first, must-cite reasons
//! present, the band confusion, and how many pairs come out right on both sides.
//! Usage: cargo run --release -p rapport-tools --bin check-scenarios [-- <dir>] [--verbose]
//! (`RJ_ALL=1` with `--verbose` lists every scenario, as in `evaluate`)
#[path = "../intervals.rs"]
mod intervals;
#[path = "../judgement.rs"]
#[allow(dead_code)]
mod judgement;
#[path = "../judgement_eval.rs"]
#[allow(dead_code)]
mod judgement_eval;
#[path = "../eval_data.rs"]
#[allow(dead_code)]
mod rapport_eval;

use intervals::{pair_key, scenario_intervals, Outcome};
use judgement::{band_index, BANDS};
use judgement_eval::{assess, missing_cites, snippet_kind, ByConfidence};
use std::collections::BTreeMap;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Some(bad) = args
        .iter()
        .find(|a| a.starts_with('-') && *a != "--verbose")
    {
        fail(&format!(
            "unknown option {bad} (usage: check-scenarios [<dir>] [--verbose])"
        ));
    }
    let verbose = args.iter().any(|a| a == "--verbose");
    let dir = args
        .iter()
        .find(|a| !a.starts_with('-'))
        .cloned()
        .unwrap_or_else(|| rapport_eval::repo("data/judgement/checks/blind-scenarios-7"));
    let all = judgement::check_set(&dir).unwrap_or_else(|why| fail(&why));
    let (mut agree, mut two_off, mut kind_ok, mut cite_ok, mut cite_n) = (0, 0, 0, 0, 0);
    let mut confusion = [[0usize; 3]; 3];
    let mut right: BTreeMap<&str, bool> = BTreeMap::new();
    let mut by_confidence = ByConfidence::default();
    let mut outcomes: Vec<Outcome> = Vec::new();
    for sc in &all {
        let (band, top, reasons, confidence) = assess(sc, None);
        by_confidence.add(confidence, band == sc.band);
        let (t, p) = (band_index(&sc.band), band_index(&band));
        confusion[t as usize][p as usize] += 1;
        agree += (t == p) as usize;
        two_off += ((t - p).abs() == 2) as usize;
        kind_ok += (snippet_kind(&top) == sc.snippet_kind) as usize;
        right.insert(&sc.id, t == p);
        let missing = missing_cites(sc, &reasons);
        cite_n += sc.must_cite.len();
        cite_ok += sc.must_cite.len() - missing.len();
        outcomes.push((
            pair_key(sc),
            t == p,
            snippet_kind(&top) == sc.snippet_kind,
            sc.must_cite.len() - missing.len(),
            sc.must_cite.len(),
        ));
        if verbose
            && (std::env::var("RJ_ALL").is_ok()
                || t != p
                || snippet_kind(&top) != sc.snippet_kind
                || !missing.is_empty())
        {
            println!(
                "  {} expected {} / {}, got {band} / {} ({top}), missing {missing:?} {reasons:?}",
                sc.id,
                sc.band,
                sc.snippet_kind,
                snippet_kind(&top)
            );
        }
    }
    let n = all.len().max(1) as f64;
    let pct = |x: usize, n: f64| format!("{:.1}% of {}", 100.0 * x as f64 / n, n as usize);
    println!("blind scenarios ({dir}):");
    println!("    band agreement               {}", pct(agree, n));
    println!("    two bands off                {two_off}");
    println!("    expected snippet kind first  {}", pct(kind_ok, n));
    println!(
        "    must-cite reasons present    {}",
        pct(cite_ok, cite_n.max(1) as f64)
    );
    println!("    band agreement by confidence: {}", by_confidence.line());
    println!("    95% intervals: {}", scenario_intervals(&outcomes));
    println!(
        "    band confusion (rows = label, cols = engine: transactional, relational, critical)"
    );
    for (i, name) in BANDS.iter().enumerate() {
        println!("      {name:<14} {:?}", confusion[i]);
    }
    for kind in ["same_text", "same_history"] {
        let pairs: Vec<_> = all
            .iter()
            .filter(|s| s.pair_kind.as_deref() == Some(kind))
            .filter_map(|s| {
                s.pair
                    .as_deref()
                    .filter(|p| s.id.as_str() < *p)
                    .map(|p| (&s.id, p))
            })
            .collect();
        let both = pairs
            .iter()
            .filter(|(a, b)| right[a.as_str()] && right.get(b).copied().unwrap_or(false))
            .count();
        println!(
            "    {kind} pairs with both bands right  {both} of {}",
            pairs.len()
        );
    }
}

fn fail(why: &str) -> ! {
    eprintln!("check-scenarios: {why}");
    std::process::exit(1)
}
