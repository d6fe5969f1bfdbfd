//! Prepares the built-in data files before they are embedded in the engine: comment lines go
//! (they document the data for people and cost the .wasm ~1 KB gzipped), and the intent
//! model's weights are rounded to one decimal with those under `INTENT_PRUNE` dropped.
//! Measured on the domain-neutral model (gzip -9 of the embedded file; `evaluate`, intent
//! accuracy on the corpus's dev part and kind on Bitext's held-out fifth): at 0.3, 28.3 KB,
//! 63.3% and 98.9%; at 0.5, 10.2 KB, 55.7% and 98.9%; at 0.7, 5.4 KB, 48.3% and 99.0%. The
//! intent's kind, which the band uses, barely moves (dev 89.6%, 87.9%, 88.1%); 0.5 keeps the
//! .wasm within its 300 KB budget. Retrained on the fourth-pass corpus (2026-12-01) the model
//! holds more features: 13.7 KB at 0.5 (dev intent 62.2%, kind 89.9%), 9.5 KB at 0.6 (58.1%,
//! 89.8%; the old model at 0.5: 55.4%, 88.6%), so 0.6. On the sixth-pass corpus (7,560
//! messages) 0.6 grew to 11.3 KB; 0.7 keeps 8.1 KB (dev intent 59.1% → 55.6%, kind 90.4% →
//! 89.9%, on the fifth-pass model); the 3.2 KB it frees keep the .wasm in its budget with
//! the retrained intent model and a cue model of 1,550 features (train_judgement.rs), so 0.7.
const INTENT_PRUNE: f64 = 0.7;

fn main() {
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    for f in ["cues.txt", "topics.txt", "intent_model.tsv"] {
        println!("cargo:rerun-if-changed=data/{f}");
        let text = std::fs::read_to_string(format!("data/{f}")).expect("data file");
        let mut kept = String::with_capacity(text.len());
        for l in text.lines().filter(|l| !l.trim_start().starts_with('#')) {
            if f == "intent_model.tsv" {
                if let Some(l) = intent_line(l) {
                    kept.push_str(&l);
                    kept.push('\n');
                }
            } else {
                kept.push_str(l);
                kept.push('\n');
            }
        }
        std::fs::write(format!("{out}/{f}"), kept).expect("OUT_DIR is writable");
    }
    println!("cargo:rerun-if-changed=build.rs");
    fitted_score(&out);
    vader_lexicon(&out);
}

/// `data/vader_lexicon.tsv` (word, tab, valence; 105 KB, 31.1 KB gzipped) front-coded: the
/// words sorted, each written as the length it shares with the one before (one digit, 0-9) and
/// the rest, one per line (`vader_words.txt`); the valences as one byte each, in the words'
/// order, indexing a table of the distinct values (`vader_valences.txt`: the table on the first
/// line, then the bytes). 19.2 KB gzipped instead of 31.1 (measured with gzip -9 on the files);
/// the engine decodes it once (`text::sentiment`). A word listed twice keeps its last valence,
/// as reading the file in order did.
fn vader_lexicon(out: &str) {
    println!("cargo:rerun-if-changed=data/vader_lexicon.tsv");
    let text = std::fs::read_to_string("data/vader_lexicon.tsv").expect("data/vader_lexicon.tsv");
    let mut words = std::collections::BTreeMap::new();
    for l in text.lines() {
        if let Some((w, v)) = l.split_once('\t') {
            assert!(
                !w.is_empty() && !w.contains('\n'),
                "vader_lexicon.tsv: bad word {w:?}"
            );
            words.insert(w, v.trim());
        }
    }
    let mut table: Vec<&str> = words.values().copied().collect();
    table.sort_by(|a, b| {
        a.parse::<f64>()
            .unwrap()
            .total_cmp(&b.parse::<f64>().unwrap())
    });
    table.dedup();
    assert!(
        table.len() <= 90,
        "more distinct valences than one printable byte holds"
    );
    let (mut list, mut codes, mut prev) = (String::new(), String::new(), "");
    for (w, v) in &words {
        // bytes shared with the word before, at most 9 (one digit), at a char boundary
        let mut shared = w
            .bytes()
            .zip(prev.bytes())
            .take_while(|(a, b)| a == b)
            .count()
            .min(9);
        while !w.is_char_boundary(shared) {
            shared -= 1;
        }
        list.push(char::from(b'0' + shared as u8));
        list.push_str(&w[shared..]);
        list.push('\n');
        codes.push(char::from(
            0x21 + table.iter().position(|t| t == v).unwrap() as u8,
        ));
        prev = w;
    }
    std::fs::write(format!("{out}/vader_words.txt"), list).expect("OUT_DIR is writable");
    std::fs::write(
        format!("{out}/vader_valences.txt"),
        format!("{}\n{codes}", table.join(" ")),
    )
    .expect("OUT_DIR is writable");
}

/// `data/score_fit.json` (written by tools/src/bin/fit_score.rs) as Rust constants: read at
/// compile time, the engine parses no JSON to know its defaults.
fn fitted_score(out: &str) {
    println!("cargo:rerun-if-changed=data/score_fit.json");
    let text = std::fs::read_to_string("data/score_fit.json").expect("data/score_fit.json");
    // a flat file of "key": number pairs inside "weights" and "bands"; no JSON crate needed
    let section = |name: &str| -> Vec<(String, f64)> {
        let Some(at) = text.find(&format!("\"{name}\"")) else {
            return Vec::new();
        };
        let body = &text[at..];
        let (Some(open), Some(close)) = (body.find('{'), body.find('}')) else {
            return Vec::new();
        };
        body[open + 1..close]
            .split(',')
            .filter_map(|kv| {
                let (k, v) = kv.split_once(':')?;
                Some((
                    k.trim().trim_matches('"').to_string(),
                    v.trim().parse().ok()?,
                ))
            })
            .collect()
    };
    let mut code = String::from("/// Generated by build.rs from data/score_fit.json.\npub const FITTED_WEIGHTS: &[(&str, f64)] = &[\n");
    for (k, v) in section("weights") {
        code.push_str(&format!("    ({k:?}, {v:?}),\n"));
    }
    code.push_str("];\npub const FITTED_BANDS: &[(&str, f64)] = &[\n");
    for (k, v) in section("bands") {
        code.push_str(&format!("    ({k:?}, {v:?}),\n"));
    }
    code.push_str("];\n");
    std::fs::write(format!("{out}/score_fit.rs"), code).expect("OUT_DIR is writable");
}

/// A feature line with its weights rounded and pruned (None when none is left); the classes
/// and bias lines as they are.
fn intent_line(l: &str) -> Option<String> {
    let (key, rest) = l.split_once('\t')?;
    if key == "classes" || key == "bias" {
        return Some(l.to_string());
    }
    let pairs: Vec<String> = rest
        .split(' ')
        .filter_map(|p| {
            let (i, w) = p.split_once(':')?;
            let w: f64 = w.parse().ok()?;
            let r = (w * 10.0).round() / 10.0;
            (w.abs() >= INTENT_PRUNE && r != 0.0).then(|| format!("{i}:{r:.1}"))
        })
        .collect();
    (!pairs.is_empty()).then(|| format!("{key}\t{}", pairs.join(" ")))
}
