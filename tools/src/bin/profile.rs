//! Runs the text analysis over the VADER tweets (or a JSON array of texts) many times, for
//! profilers:  valgrind --tool=callgrind target/release/profile [rounds] [sentiment|full] [texts.json]
#[path = "../eval_data.rs"]
mod rapport_eval;

fn main() {
    let rounds: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(3);
    let only_sentiment = std::env::args().nth(2).as_deref() == Some("sentiment");
    let an = rapport::text::TextAnalyzer::builtin();
    let tweets: Vec<(f64, String)> = match std::env::args().nth(3) {
        Some(f) => serde_json::from_str::<Vec<String>>(&rapport_eval::read(&f))
            .expect("a JSON array of strings")
            .into_iter()
            .map(|t| (0.0, t))
            .collect(),
        None => rapport_eval::tweets(&rapport_eval::tweets_path()),
    };
    let t0 = std::time::Instant::now();
    let mut acc = 0.0;
    for _ in 0..rounds {
        for (_, t) in &tweets {
            acc += if only_sentiment {
                rapport::text::sentiment::polarity(t, &an.lexicon).compound
            } else {
                an.analyze(t).sentiment.compound
            };
        }
    }
    let n = rounds * tweets.len();
    let el = t0.elapsed().as_secs_f64();
    println!(
        "{n} texts in {el:.3} s: {:.0} texts/s, {:.2} µs/text (checksum {acc:.3})",
        n as f64 / el,
        el * 1e6 / n as f64
    );
}
