//! Native counterpart of benches/one-customer.mjs (issue 15): one customer with 20,000 tickets,
//! 20,000 orders and 5,000 surveys, then `assess` of tickets from that customer, the core
//! timed apart from writing the assessment as JSON (what crosses the WASM boundary).
//!   cargo run --release -p rapport-tools --bin bench-one-customer [calls]
use rapport::engine::AssessOptions;
use rapport::Engine;
use serde_json::json;
use std::time::Instant;

const DAY: i64 = 86_400_000;
const NOW: i64 = 1_795_435_200_000; // 2026-11-23T12:00:00Z

fn iso(ms: i64) -> String {
    format!(
        "{}T{:02}:00:00Z",
        rapport::time::format_date(ms),
        ms.rem_euclid(DAY) / 3_600_000
    )
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(|a, b| a.total_cmp(b));
    xs[xs.len() / 2]
}

fn main() {
    let calls: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(200);
    let channels = ["email", "chat", "phone", "web"];
    let subjects = [
        "Invoice question",
        "Delivery late",
        "Refund for order",
        "Password reset",
        "Damaged item",
    ];
    let tickets: Vec<_> = (0..20_000i64)
        .map(|i| {
            let day = i * 1095 / 20_000;
            let mut t = json!({"id": format!("T{i}"), "customerId": "acme",
                "createdAt": iso(NOW - day * DAY - (i % 7) * 3_600_000),
                "solvedAt": iso(NOW - day * DAY + 7_200_000), "channel": channels[(i % 4) as usize],
                "subject": subjects[(i % 5) as usize]});
            if i % 3 == 0 {
                t["csat"] = json!(1 + i % 5);
            }
            t
        })
        .collect();
    let orders: Vec<_> = (0..20_000i64)
        .map(|i| json!({"id": format!("O{i}"), "customerId": "acme", "at": iso(NOW - ((i * 7919) % 1095) * DAY),
            "total": 10 + i % 90, "currency": "EUR", "items": ["Widget"]}))
        .collect();
    let surveys: Vec<_> = (0..5_000i64)
        .map(|i| {
            let (kind, score) = if i % 2 == 1 { ("nps", i % 11) } else { ("csat", 1 + i % 5) };
            json!({"customerId": "acme", "at": iso(NOW - i * 5 * 3_600_000), "kind": kind, "score": score})
        })
        .collect();
    let text = json!({"customers": [{"id": "acme", "email": "desk@acme.example", "name": "Acme Ltd", "since": "2015-01-01"}],
        "tickets": tickets, "orders": orders, "surveys": surveys})
    .to_string();
    let mut e = Engine::new(None).expect("default config");
    let t0 = Instant::now();
    e.load_history_text(&text).expect("history loads");
    println!("load: {:.1} ms", t0.elapsed().as_secs_f64() * 1e3);
    let o = AssessOptions::at(NOW);
    let (mut core, mut write, mut bytes) = (vec![], vec![], 0);
    for i in 0..calls {
        let t = json!({"id": format!("open-{i}"), "subject": subjects[i % 5], "channel": "email",
            "customer": {"id": "acme"},
            "messages": [{"from": "customer", "text": "The invoice for my last order is wrong again, please fix it."}]});
        let t0 = Instant::now();
        let a = e.assess_with(&t, &o).expect("assesses");
        core.push(t0.elapsed().as_secs_f64() * 1e3);
        let t0 = Instant::now();
        let s = rapport::wire::ascii_json::to_string(&a).expect("writes");
        write.push(t0.elapsed().as_secs_f64() * 1e3);
        bytes = s.len();
    }
    println!(
        "assess (core) median {:.3} ms; JSON of the assessment {:.3} ms, {} bytes",
        median(core),
        median(write),
        bytes
    );
}
