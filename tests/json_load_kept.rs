//! What a stopped JSON history load says it kept: the records of the file before the fault, not
//! the customers created for them, whatever ended it. Written by a hostile helper session
//! (session 50).
use rapport::Engine;

fn msg(e: &mut Engine, text: &str) -> String {
    e.load_history_text(text).unwrap_err().to_string()
}

/// One ticket of an unknown customer, then broken JSON: one record was read and kept, but the
/// customer it created is counted as a record too.
#[test]
fn a_record_that_creates_its_customer_is_one_record() {
    let mut e = Engine::new(None).unwrap();
    let m = msg(
        &mut e,
        r#"{"tickets": [{"id": "t1", "customerEmail": "new@x.example", "createdAt": "2026-11-01"}, {"id": "#,
    );
    assert!(m.contains("the record before it was kept"), "{m}");
}

#[test]
fn orders_of_new_customers_chunked() {
    let mut e = Engine::new(None).unwrap();
    e.load_history_chunk(
        r#"{"orders": [{"id": "o1", "customerEmail": "a@x.example", "at": "2026-11-01"},"#,
    )
    .unwrap();
    e.load_history_chunk(
        r#"{"id": "o2", "customerEmail": "b@x.example", "at": "2026-11-02"}, {"id": "#,
    )
    .unwrap();
    let m = e.finish_history(false).unwrap_err().to_string();
    assert!(m.contains("the 2 records before it were kept"), "{m}");
}

/// Records loaded before an unknown list name stay, but the error does not say so.
#[test]
fn an_unknown_list_after_records_says_what_was_kept() {
    let mut e = Engine::new(None).unwrap();
    let m = msg(
        &mut e,
        r#"{"customers": [{"id": "c1"}, {"id": "c2"}], "contacts": [{"id": "c3"}]}"#,
    );
    let r = e.load_history_text(r#"{"customers": []}"#).unwrap();
    assert_eq!(r.totals.customers, 2, "the two were kept");
    assert!(m.contains("kept"), "{m}");
}

#[test]
fn a_list_that_is_not_an_array_after_records_says_what_was_kept() {
    let mut e = Engine::new(None).unwrap();
    let m = msg(
        &mut e,
        r#"{"customers": [{"id": "c1"}, {"id": "c2"}], "tickets": {}}"#,
    );
    assert!(m.contains("kept"), "{m}");
}

/// Held: rejected records are not counted as kept, updates are.
#[test]
fn rejected_not_counted_updates_counted() {
    let mut e = Engine::new(None).unwrap();
    e.load_history_text(r#"{"customers": [{"id": "c1"}]}"#)
        .unwrap();
    let m = msg(
        &mut e,
        r#"{"customers": [{"id": "c1", "name": "X"}, {"name": "no id"}, {"id": "c2"}, {"id": "#,
    );
    assert!(m.contains("the 2 records before it were kept"), "{m}");
}
