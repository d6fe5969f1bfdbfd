//! Native timing of `assess_queue` with and without snippets (the core without the WASM
//! boundary), median of 8 runs:  cargo run --release -p rapport-tools --bin bench-assess
//! Then the queue's results written by `wire::ascii_json` and by `serde_json` (what it
//! replaced), each timed; with `--write-json DIR` both texts are saved for
//! `benches/ascii-json.mjs`, which times what a page then does with them.
use rapport::engine::AssessOptions;
use rapport::Engine;
use serde_json::json;

fn main() {
    let t0 = std::time::Instant::now();
    let lib = rapport::snippets::builtin_library();
    let t_lib = t0.elapsed();
    let t0 = std::time::Instant::now();
    let mut e = Engine::new(None).expect("default config");
    println!(
        "Engine::new: {:.1} ms (of which the snippet library {:.1} ms, {} snippets)",
        t0.elapsed().as_secs_f64() * 1000.0,
        t_lib.as_secs_f64() * 1000.0,
        lib.len()
    );
    let mut customers = vec![];
    let mut tickets = vec![];
    let mut orders = vec![];
    const TIERS: [&str; 3] = ["gold", "silver", "basic"];
    const SUBJECTS: [&str; 4] = [
        "Late delivery",
        "Charged twice",
        "Password reset",
        "Invoice copy",
    ];
    const ITEMS: [&str; 4] = ["Espresso machine", "Coffee beans", "Mug", "Grinder"];
    for i in 0..500 {
        let (tier, ltv) = (TIERS[i % 3], (i * 37) % 6000);
        customers.push(json!({"id": format!("c{i}"), "name": format!("Customer {i} Smith"), "since": "2019-03-01", "tier": tier, "lifetimeValue": ltv}));
        for k in 0..4 {
            let (subject, item, csat) = (SUBJECTS[k], ITEMS[k], 1 + (i + k) % 5);
            tickets.push(json!({"id": format!("h{i}_{k}"), "customerId": format!("c{i}"), "createdAt": format!("2026-{:02}-15", 1 + (i + k) % 11), "subject": subject, "csat": csat, "channel": "email"}));
            orders.push(json!({"id": format!("o{i}_{k}"), "customerId": format!("c{i}"), "at": format!("2026-0{}-01", 1 + k), "total": 20 + k * 30, "items": [item]}));
        }
    }
    e.load_history(&json!({"customers": customers, "tickets": tickets, "orders": orders}))
        .expect("history loads");
    // `bench-assess [corpus.json [snippets]]`: with the generator's support corpus, threads of
    // three customer messages and an agent reply, as benches/snippets.mjs builds them; with a
    // snippet count, one configuration only, for callgrind.
    let args: Vec<String> = std::env::args().collect();
    let queue: Vec<_> = match args.get(1) {
        Some(path) => {
            let texts: Vec<String> = serde_json::from_str(
                &std::fs::read_to_string(path).expect("the corpus file reads"),
            )
            .expect("a JSON array of texts");
            let t = |k: usize| texts[k % texts.len()].clone();
            (0..2000)
                .map(|i| json!({"id": format!("t{i}"), "channel": "email", "createdAt": "2026-11-22T09:00:00Z", "customer": {"id": format!("c{}", i % 500)}, "messages": [
                    {"from": "customer", "text": t(3 * i)},
                    {"from": "agent", "text": "Thanks for reaching out, I am looking into it."},
                    {"from": "customer", "text": t(3 * i + 1)},
                    {"from": "customer", "text": t(3 * i + 2)}]}))
                .collect()
        }
        None => {
            let texts = [
                "Where is my order? It was supposed to arrive last week.",
                "You charged me twice for my last order!!! Third time I write.",
                "Thank you so much, amazing service, I recommend you to everyone.",
                "I forgot my password, please send me a reset link.",
                "I'm closing my account and switching to a competitor.",
                "Can I get a copy of my invoice?",
            ];
            (0..2000)
                .map(|i| {
                    let text = texts[i % texts.len()];
                    json!({"id": format!("t{i}"), "channel": "email", "createdAt": "2026-11-22T09:00:00Z", "customer": {"id": format!("c{}", i % 500)}, "messages": [{"from": "customer", "text": text}]})
                })
                .collect()
        }
    };
    let queue = serde_json::Value::Array(queue);
    let now = rapport::time::parse_iso("2026-11-23T12:00:00Z").expect("date");
    // one queue assessed with `n` snippets, written as the bindings write it when asked (JSON,
    // and the snippets on a tape)
    let run = |n: usize, json_out: bool| {
        let o = AssessOptions {
            now,
            agent: None,
            snippets: n,
            html: false,
        };
        if json_out {
            // as the bindings' assessQueue: JSON and the snippet tape written ticket by ticket
            let mut tape = rapport::wire::tape::Tape::default();
            let mut json = b"[".to_vec();
            e.assess_each(&queue, &o, |mut a| {
                if json.len() > 1 {
                    json.push(b',');
                }
                tape.take_from(&mut a, e.library());
                rapport::wire::ascii_json::append(&mut json, &a).expect("serialises");
            })
            .expect("valid queue");
            json.push(b']');
            std::hint::black_box((tape, json));
        } else {
            std::hint::black_box(e.assess_queue_with(&queue, &o).expect("valid queue"));
        }
    };
    let time = |n: usize, json_out: bool| {
        let mut ts = vec![];
        for _ in 0..8 {
            let t0 = std::time::Instant::now();
            run(n, json_out);
            ts.push(t0.elapsed().as_secs_f64() * 1000.0);
        }
        ts.sort_by(f64::total_cmp);
        ts[4]
    };
    if let Some(n) = args.get(2).and_then(|s| s.parse::<usize>().ok()) {
        run(n, true);
        return;
    }
    writers(
        &e,
        &queue,
        now,
        args.iter()
            .position(|a| a == "--write-json")
            .and_then(|i| args.get(i + 1)),
    );
    for json_out in [false, true] {
        let (a, b) = (time(0, json_out), time(5, json_out));
        println!(
            "{}: snippets 0: {a:.1} ms, snippets 5: {b:.1} ms (+{:.0}%)",
            if json_out {
                "with JSON output"
            } else {
                "core only"
            },
            (b / a - 1.0) * 100.0
        );
    }
}

/// The queue's assessments (5 snippets, their text on the tape as the bindings send them)
/// written as JSON by `wire::ascii_json` and by `serde_json::to_writer`: median of 8 each, the
/// bytes, and how many characters are outside ASCII (each one makes serde_json's whole text a
/// two-byte string in JavaScript).
fn writers(e: &Engine, queue: &serde_json::Value, now: i64, dir: Option<&String>) {
    let o = AssessOptions {
        now,
        agent: None,
        snippets: 5,
        html: false,
    };
    let mut tape = rapport::wire::tape::Tape::default();
    let mut all = vec![];
    e.assess_each(queue, &o, |mut a| {
        tape.take_from(&mut a, e.library());
        all.push(a);
    })
    .expect("valid queue");
    let median = |f: &dyn Fn() -> Vec<u8>| {
        let mut ts = vec![];
        let mut out = vec![];
        for _ in 0..8 {
            let t0 = std::time::Instant::now();
            out = f();
            ts.push(t0.elapsed().as_secs_f64() * 1000.0);
        }
        ts.sort_by(f64::total_cmp);
        (ts[4], out)
    };
    let (ascii_ms, ascii) = median(&|| {
        let mut json = b"[".to_vec();
        for (i, a) in all.iter().enumerate() {
            if i > 0 {
                json.push(b',');
            }
            rapport::wire::ascii_json::append(&mut json, a).expect("serialises");
        }
        json.push(b']');
        json
    });
    let (serde_ms, serde) = median(&|| serde_json::to_vec(&all).expect("serialises"));
    let text = String::from_utf8(serde.clone()).expect("UTF-8");
    println!(
        "JSON of {} assessments: ascii_json {ascii_ms:.1} ms, {} bytes; serde_json {serde_ms:.1} ms, {} bytes, {} characters outside ASCII",
        all.len(),
        ascii.len(),
        serde.len(),
        text.chars().filter(|c| !c.is_ascii()).count()
    );
    // the same values: the two texts parse to one JSON value
    let a: serde_json::Value = serde_json::from_slice(&ascii).expect("ascii_json parses");
    let b: serde_json::Value = serde_json::from_slice(&serde).expect("serde_json parses");
    assert_eq!(a, b, "ascii_json and serde_json wrote different values");
    if let Some(dir) = dir {
        std::fs::create_dir_all(dir).expect("the folder");
        std::fs::write(format!("{dir}/queue-ascii.json"), &ascii).expect("written");
        std::fs::write(format!("{dir}/queue-serde.json"), &serde).expect("written");
    }
}
