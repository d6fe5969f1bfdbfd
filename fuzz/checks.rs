//! What each fuzz target checks, on any input: no panic, no stack overflow, and where there are
//! two ways to the same result (a whole load and a chunked one), the same result. Shared by the
//! fuzz targets (fuzz_targets/*.rs, nightly) and the stable regression test
//! (tests/fuzz_regressions.rs), which runs every kept crash input and seed through them.

// each user of this file calls some of the checks
#![allow(dead_code)]

use rapport::engine::AssessOptions;
use rapport::history::csv_import::{self, CsvImport};
use rapport::history::json_import::JsonImport;
use rapport::history::store::Store;
use rapport::snippets::macros::{export, import, Format};
use rapport::snippets::template::{render, Template, Value};
use rapport::Engine;
use serde_json::json;

const NOW: i64 = 1_795_000_000_000;

/// Split points (char boundaries) drawn from the input itself, so a crash replays exactly.
fn cuts(text: &str, seed: &[u8]) -> Vec<usize> {
    let mut out: Vec<usize> = seed
        .iter()
        .take(4)
        .map(|b| {
            let mut at = (*b as usize * text.len()) / 255;
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            at
        })
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

fn pieces<'a>(text: &'a str, cuts: &[usize]) -> Vec<&'a str> {
    let mut out = Vec::new();
    let mut start = 0;
    for &c in cuts {
        out.push(&text[start..c]);
        start = c;
    }
    out.push(&text[start..]);
    out
}

/// The template language: parse anything; what parses renders with every fact present, with
/// none, and with odd values.
pub fn template(data: &[u8]) {
    let src = String::from_utf8_lossy(data);
    let Ok(t) = Template::parse(&src) else { return };
    let _ = t.paths();
    let text = |_: &str| Some(Value::Text("Ana Lúcia 🙂".into()));
    let number = |p: &str| Some(Value::Number(if p.len() % 2 == 0 { -1.5e300 } else { 3.0 }));
    let date = |_: &str| Some(Value::Date(i64::MIN / 2));
    let list = |_: &str| Some(Value::List(vec![String::new(), "x".into()].into()));
    let none = |_: &str| None;
    for lookup in [
        &text as &dyn Fn(&str) -> Option<Value>,
        &number,
        &date,
        &list,
        &none,
    ] {
        let _ = render(&t, lookup);
    }
}

/// Each desk's macro syntax (the first byte picks it): imported, the result parsed as ours,
/// and exported back.
pub fn macros(data: &[u8]) {
    let Some((&pick, body)) = data.split_first() else {
        return;
    };
    let formats = [
        Format::Zendesk,
        Format::HelpScout,
        Format::Zammad,
        Format::OsTicket,
        Format::Chatwoot,
    ];
    let f = formats[pick as usize % formats.len()];
    let c = import(f, &String::from_utf8_lossy(body));
    if Template::parse(&c.template).is_ok() {
        let _ = export(f, &c.template);
    }
    // and as a library snippet, the way the engine stores an imported macro
    let _ = rapport::snippets::snippet(&json!({"id": "m", "body": c.template}), "macros[0]");
}

/// What the store holds, by kind (the reports, compared too, list every record rejected).
fn store_state(s: &Store) -> String {
    format!("{:?}", s.counts())
}

/// The JSON history loader: the whole text and the same text in chunks (cut where the first
/// bytes say) give the same report and the same store.
pub fn json_history(data: &[u8]) {
    let (seed, rest) = data.split_at(data.len().min(4));
    let text = String::from_utf8_lossy(rest);
    // the store the engine loads into (`Engine::load_history_text` and `load_history_chunk`
    // call these): an engine per input would spend the run building lexicons
    let mut whole = Store::default();
    let a = whole.load_json_text(&text);
    let mut chunked = Store::default();
    let mut imp = JsonImport::default();
    let mut b = Ok(());
    for p in pieces(&text, &cuts(&text, seed)) {
        b = imp.push(&mut chunked, p);
        if b.is_err() {
            break;
        }
    }
    let b = b.and_then(|_| imp.finish(&mut chunked, false));
    match (&a, &b) {
        (Ok(x), Ok(y)) => {
            assert_eq!(
                serde_json::to_value(x).unwrap(),
                serde_json::to_value(y).unwrap(),
                "whole and chunked JSON loads report differently"
            );
            assert_eq!(store_state(&whole), store_state(&chunked));
        }
        (Err(_), Err(_)) => {}
        _ => panic!("whole and chunked JSON loads disagree: {a:?} vs {b:?}"),
    }
}

/// The CSV importer (the first byte picks the kind): whole and chunked agree.
pub fn csv_history(data: &[u8]) {
    let Some((&pick, data)) = data.split_first() else {
        return;
    };
    let kind = ["customers", "tickets", "orders", "surveys"][pick as usize % 4];
    let (seed, rest) = data.split_at(data.len().min(4));
    let text = String::from_utf8_lossy(rest);
    let mut whole = Store::default();
    let a = csv_import::import(&mut whole, kind, &text, None);
    let mut chunked = Store::default();
    let mut b = CsvImport::new(kind, None);
    if let Ok(imp) = b.as_mut() {
        for p in pieces(&text, &cuts(&text, seed)) {
            if let Err(e) = imp.push(&mut chunked, p, false) {
                b = Err(e);
                break;
            }
        }
    }
    let b = b.and_then(|imp| imp.finish(&mut chunked));
    match (&a, &b) {
        (Ok(x), Ok(y)) => {
            assert_eq!(
                serde_json::to_value(x).unwrap(),
                serde_json::to_value(y).unwrap(),
                "whole and chunked CSV imports report differently"
            );
            assert_eq!(store_state(&whole), store_state(&chunked));
        }
        (Err(_), Err(_)) => {}
        _ => panic!("whole and chunked CSV imports disagree: {a:?} vs {b:?}"),
    }
}

thread_local! {
    static ENGINE: Engine = {
        let mut e = Engine::new(None).expect("default engine");
        e.load_history(&json!({
            "customers": [{"id": "c1", "name": "Ana Silva", "email": "ana@example.com", "since": "2019-03-02", "tier": "gold", "lifetimeValue": 5400, "birthday": "1990-12-01"}],
            "tickets": [{"id": "p1", "customerId": "c1", "createdAt": "2026-11-01T10:00:00Z", "subject": "Charged twice", "csat": 1}],
            "orders": [{"id": "o1", "customerId": "c1", "at": "2026-10-30T10:00:00Z", "total": 389, "items": ["Espresso machine"]}],
        }))
        .expect("fixture history");
        e
    };
}

/// `assess` on anything: the input as a JSON ticket if it is JSON, else as a customer's text.
pub fn assess(data: &[u8]) {
    let ticket = match serde_json::from_slice::<serde_json::Value>(data) {
        Ok(v) => v,
        Err(_) => json!({"id": "T1", "customer": {"id": "c1"}, "channel": "email",
                         "messages": [{"from": "customer", "text": String::from_utf8_lossy(data)}]}),
    };
    ENGINE.with(|e| {
        let o = AssessOptions {
            snippets: 5,
            ..AssessOptions::at(NOW)
        };
        let _ = e.assess_with(&ticket, &o);
        let _ = e.assess_queue_with(&json!([ticket.clone(), {"id": "T2", "customer": {}}]), &o);
    });
}
