//! How long `import_learning` takes on 40,000 assessment rows written latest first (the
//! eviction sorts the record by time). Usage: cargo run --release -p rapport-tools --example
//! seen_import_desc
fn main() {
    let n = 40_000;
    let rows: Vec<serde_json::Value> = (0..n)
        .map(|i| {
            let s = 1_790_000_000 + (n - i) as i64 * 60;
            serde_json::json!({"record": "assessment", "ticketId": format!("t{i}"),
                "customerId": format!("c{}", i % 5000), "at": rapport::seen::iso(s * 1000),
                "score": 10, "band": "transactional", "intent": "x", "intentKind": "transactional"})
        })
        .collect();
    let v = serde_json::Value::Array(rows);
    let mut e = rapport::Engine::new(None).unwrap();
    let t = std::time::Instant::now();
    let r = e.import_learning(&v).unwrap();
    println!(
        "{} rows imported ({} rejected) in {:?}",
        r.imported,
        r.rejected.len(),
        t.elapsed()
    );
}
