//! Criterion benches of the core at 10k, 100k and 1M history records, natively, so the WASM
//! overhead measured in Chromium (benches/history.mjs) shows as a ratio. Reads the data the
//! generator wrote to out/bench/h<customers>/ (`make bench-history` writes it first).
use criterion::{criterion_group, criterion_main, BatchSize, BenchmarkId, Criterion};
use rapport::engine::AssessOptions;
use rapport::Engine;
use std::time::Duration;

const SIZES: [(usize, &str); 3] = [(1_000, "10k"), (10_000, "100k"), (100_000, "1M")];

fn dir(n: usize) -> String {
    format!("{}/../../out/bench/h{n}", env!("CARGO_MANIFEST_DIR"))
}

fn read(n: usize, f: &str) -> String {
    std::fs::read_to_string(format!("{}/{f}", dir(n)))
        .unwrap_or_else(|e| panic!("{}/{f}: {e} (run make bench-history)", dir(n)))
}

fn loaded(n: usize) -> Engine {
    let mut e = Engine::new(None).expect("engine");
    e.load_history_text(&read(n, "history.json"))
        .expect("history loads");
    e
}

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("load");
    g.sample_size(10)
        .measurement_time(Duration::from_secs(8))
        .warm_up_time(Duration::from_secs(1));
    for (n, label) in SIZES {
        let json = read(n, "history.json");
        g.bench_with_input(BenchmarkId::new("json", label), &json, |b, json| {
            b.iter_batched(
                || Engine::new(None).expect("engine"),
                // the engine is returned so that dropping it is not timed
                |mut e| {
                    e.load_history_text(json).expect("loads");
                    e
                },
                BatchSize::LargeInput,
            )
        });
        let csv: Vec<(&str, String)> = ["customers", "tickets", "orders", "surveys"]
            .iter()
            .map(|k| (*k, read(n, &format!("{k}.csv"))))
            .collect();
        g.bench_with_input(BenchmarkId::new("csv", label), &csv, |b, csv| {
            b.iter_batched(
                || Engine::new(None).expect("engine"),
                |mut e| {
                    for (k, text) in csv {
                        e.import_csv(k, text, None).expect("imports");
                    }
                    e
                },
                BatchSize::LargeInput,
            )
        });
    }
    g.finish();

    let mut g = c.benchmark_group("assess_queue_10k");
    g.sample_size(10)
        .measurement_time(Duration::from_secs(8))
        .warm_up_time(Duration::from_secs(1));
    let now = rapport::time::parse_iso("2026-11-23T12:00:00Z").expect("date");
    for (n, label) in SIZES {
        let e = loaded(n);
        let open: serde_json::Value =
            serde_json::from_str(&read(n, "open.json")).expect("open tickets");
        for snippets in [0, 5] {
            let o = AssessOptions {
                now,
                agent: None,
                snippets,
                html: false,
            };
            g.bench_with_input(
                BenchmarkId::new(format!("snippets{snippets}"), label),
                &open,
                |b, open| b.iter(|| e.assess_queue_with(open, &o).expect("assesses")),
            );
        }
    }
    g.finish();

    // outreach and insights over the whole store, after the 10,000 open tickets were assessed
    // (the engine's record then holds 10,000 assessments, as in the Chromium bench)
    let mut g = c.benchmark_group("plan");
    g.sample_size(10)
        .measurement_time(Duration::from_secs(5))
        .warm_up_time(Duration::from_secs(1));
    for (n, label) in SIZES {
        let e = loaded(n);
        let open: serde_json::Value =
            serde_json::from_str(&read(n, "open.json")).expect("open tickets");
        e.assess_queue_with(&open, &AssessOptions::at(now))
            .expect("assesses");
        let o = serde_json::json!({"now": "2026-11-23T12:00:00Z", "limit": 20});
        g.bench_with_input(BenchmarkId::new("outreach", label), &o, |b, o| {
            b.iter(|| e.outreach(o).expect("outreach"))
        });
        let o = serde_json::json!({"from": "2026-10-24T12:00:00Z", "to": "2026-11-24T12:00:00Z", "now": "2026-11-23T12:00:00Z"});
        g.bench_with_input(BenchmarkId::new("insights", label), &o, |b, o| {
            b.iter(|| e.insights(o).expect("insights"))
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
