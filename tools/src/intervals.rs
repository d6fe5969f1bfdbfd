//! How sure a figure is: 95% bootstrap intervals of a figure over the rows it was measured on,
//! rows that belong together (a same-text or same-history pair of scenarios) drawn together.
//! A target that a figure misses, or meets, by less than half its interval's width is not known
//! to be missed or met: the frozen test part's 167 scenarios come in 89 pairs and singles, and
//! its band agreement reads about five points either way.
//!
//! Deterministic (a fixed xorshift seed), so two runs print the same intervals. `evaluate`
//! prints them per split (`message_intervals`, `scenario_intervals`), `check-scenarios` per set.

use crate::judgement::{Counts, Message, Scenario, Split, CUE_LABELS};
use crate::judgement_eval::cue;

/// Draws of the rows.
pub const DRAWS: usize = 1000;

/// The 2.5th and 97.5th percentiles of `stat` over `DRAWS` resamples of `items`: clusters
/// (items with the same `cluster` key) drawn with replacement, as many as there are.
pub fn interval<T>(
    items: &[T],
    cluster: impl Fn(&T) -> String,
    stat: impl Fn(&[&T]) -> f64,
) -> (f64, f64) {
    let mut groups: Vec<Vec<&T>> = Vec::new();
    let mut index: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for it in items {
        let g = *index.entry(cluster(it)).or_insert_with(|| {
            groups.push(Vec::new());
            groups.len() - 1
        });
        groups[g].push(it);
    }
    if groups.is_empty() {
        return (0.0, 0.0);
    }
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut values: Vec<f64> = (0..DRAWS)
        .map(|_| {
            let mut draw: Vec<&T> = Vec::with_capacity(items.len());
            for _ in 0..groups.len() {
                draw.extend(&groups[(next() % groups.len() as u64) as usize]);
            }
            stat(&draw)
        })
        .collect();
    values.sort_by(f64::total_cmp);
    let at = |q: f64| values[((q * DRAWS as f64) as usize).min(DRAWS - 1)];
    (at(0.025), at(0.975))
}

/// "84.4–93.8%" for a share, ".761–.824" otherwise.
pub fn show((lo, hi): (f64, f64), percent: bool) -> String {
    if percent {
        format!("{:.1}–{:.1}%", 100.0 * lo, 100.0 * hi)
    } else {
        format!("{}–{}", three(lo), three(hi))
    }
}

/// ".793" (no leading zero, as the F1 columns are read).
fn three(x: f64) -> String {
    let s = format!("{x:.3}");
    s.strip_prefix('0').map(String::from).unwrap_or(s)
}

/// How sure the split's cue F1s and hard-negative precision are: each message drawn alone.
pub fn message_intervals(s: Split, rows: &[(&Message, rapport::text::TextSignals)]) -> String {
    let rows: Vec<(usize, &Message, &rapport::text::TextSignals)> = rows
        .iter()
        .enumerate()
        .map(|(i, (m, sig))| (i, *m, sig))
        .collect();
    let counts = |v: &[&(usize, &Message, &rapport::text::TextSignals)], name: &str, hard: bool| {
        let mut c = Counts::default();
        for (_, m, sig) in v.iter().filter(|r| !hard || r.1.hard_negative.is_some()) {
            c.add(cue(&sig.cues, name), m.has(name));
        }
        c
    };
    let f1s: Vec<String> = CUE_LABELS
        .iter()
        .map(|&name| {
            let i = interval(&rows, |r| r.0.to_string(), |v| counts(v, name, false).f1());
            format!("{name} {}", show(i, false))
        })
        .collect();
    let hard = interval(
        &rows,
        |r| r.0.to_string(),
        |v| {
            let mut c = Counts::default();
            for &name in CUE_LABELS {
                let x = counts(v, name, true);
                (c.tp, c.fp) = (c.tp + x.tp, c.fp + x.fp);
            }
            c.precision()
        },
    );
    format!(
        "    95% intervals, {} ({} draws of its rows): F1 {}; hard-negative precision {}",
        s.name(),
        DRAWS,
        f1s.join(", "),
        show(hard, true)
    )
}

/// One scenario's outcome, for `scenario_intervals`: its pair's key (a pair is drawn whole),
/// band right, snippet kind right, must-cite reasons present and asked for.
pub type Outcome = (String, bool, bool, usize, usize);

/// The key a scenario and its pair share: the smaller id.
pub fn pair_key(sc: &Scenario) -> String {
    match &sc.pair {
        Some(p) if *p < sc.id => p.clone(),
        _ => sc.id.clone(),
    }
}

/// "band 84.4–94.3%, snippet kind …, must-cite … (1000 draws of its 86 pairs and single
/// scenarios)": how sure the scenario figures are.
pub fn scenario_intervals(outcomes: &[Outcome]) -> String {
    let share = |f: fn(&Outcome) -> (usize, usize)| {
        let sum = move |v: &[&Outcome]| {
            let (a, b) = v
                .iter()
                .map(|o| f(o))
                .fold((0, 0), |x, y| (x.0 + y.0, x.1 + y.1));
            a as f64 / b.max(1) as f64
        };
        show(interval(outcomes, |o| o.0.clone(), sum), true)
    };
    let pairs: std::collections::BTreeSet<&str> = outcomes.iter().map(|o| o.0.as_str()).collect();
    format!(
        "band {}, snippet kind {}, must-cite {} ({DRAWS} draws of its {} pairs and single scenarios)",
        share(|o| (o.1 as usize, 1)),
        share(|o| (o.2 as usize, 1)),
        share(|o| (o.3, o.4)),
        pairs.len()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_interval_holds_the_figure_and_narrows_with_more_rows() {
        let share = |v: &[&bool]| v.iter().filter(|b| ***b).count() as f64 / v.len() as f64;
        // 90 right of 100, each row its own cluster
        let few: Vec<bool> = (0..100).map(|i| i % 10 != 0).collect();
        let (lo, hi) = interval(&few, |_| "x".to_string(), share);
        assert_eq!(
            (lo, hi),
            (0.9, 0.9),
            "one cluster: every draw is the whole set"
        );
        let (lo, hi) = interval(&few, |b| format!("{:p}", b), share);
        assert!(lo < 0.9 && 0.9 < hi && lo > 0.8 && hi < 0.97, "{lo} {hi}");
        let many: Vec<bool> = (0..2000).map(|i| i % 10 != 0).collect();
        let (lo2, hi2) = interval(&many, |b| format!("{:p}", b), share);
        assert!(hi2 - lo2 < (hi - lo) / 2.0, "{lo2} {hi2} against {lo} {hi}");
    }

    #[test]
    fn pairs_drawn_together_widen_the_interval() {
        // 50 pairs whose two rows agree: half as many independent rows as it seems
        let rows: Vec<(usize, bool)> = (0..100).map(|i| (i / 2, (i / 2) % 5 != 0)).collect();
        let share = |v: &[&(usize, bool)]| v.iter().filter(|r| r.1).count() as f64 / v.len() as f64;
        let alone = interval(&rows, |r| format!("{:p}", r), share);
        let paired = interval(&rows, |r| r.0.to_string(), share);
        assert!(
            paired.1 - paired.0 > alone.1 - alone.0,
            "{paired:?} {alone:?}"
        );
        assert_eq!(show((0.8441, 0.9375), true), "84.4–93.8%");
        assert_eq!(show((0.7614, 0.8249), false), ".761–.825");
    }
}
