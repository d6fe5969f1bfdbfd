//! Which customer an address finds after customers change addresses: the first customer whose
//! current record gives it, never one whose record has left it while another's still gives it
//! (a ticket from that address would show the wrong customer's name and orders). Written by a
//! hostile helper session (session 50) against the first version of address claims.
use rapport::Engine;
use serde_json::json;

/// The customer a ticket from `email` is assessed as.
fn who(e: &Engine, email: &str) -> Option<String> {
    let now = rapport::time::parse_iso("2026-11-23T12:00:00Z").unwrap();
    let t = json!({"id": "T", "customer": {"email": email},
        "messages": [{"from": "customer", "text": "Where is my order?"}]});
    let a = e.assess(&t, now).unwrap();
    a.customer.customer_id.clone()
}

/// Loads one record per (customer id, email), in order; returns the conflict lines.
fn gives(e: &mut Engine, records: &[(&str, &str)]) -> Vec<String> {
    let customers: Vec<_> = records
        .iter()
        .map(|(id, email)| json!({"id": id, "email": email}))
        .collect();
    e.load_history(&json!({ "customers": customers }))
        .unwrap()
        .conflicts
}

/// A fresh engine after these loads, each a list of records.
fn after(loads: &[&[(&str, &str)]]) -> (Engine, Vec<String>) {
    let mut e = Engine::new(None).unwrap();
    let mut last = vec![];
    for l in loads {
        last = gives(&mut e, l);
    }
    (e, last)
}

const DESK: &str = "desk@shop.example";

#[test]
fn three_on_one_inbox_the_last_claimant_leaves_then_the_first() {
    let three: &[_] = &[("ann", DESK), ("bob", DESK), ("carol", DESK)];
    let (e, _) = after(&[
        three,
        &[("carol", "carol@own.example")],
        &[("ann", "ann@own.example")],
    ]);
    // only bob's current record gives desk@
    assert_eq!(who(&e, DESK).as_deref(), Some("bob"));
}

#[test]
fn three_on_one_inbox_the_first_leaves_then_the_last() {
    let three: &[_] = &[("ann", DESK), ("bob", DESK), ("carol", DESK)];
    let (e, _) = after(&[
        three,
        &[("ann", "ann@own.example")],
        &[("carol", "carol@own.example")],
    ]);
    assert_eq!(who(&e, DESK).as_deref(), Some("bob"));
}

#[test]
fn first_moves_to_an_address_that_is_taken() {
    // ann now gives carol's address (shared too): she no longer gives desk@
    let first: &[_] = &[("ann", DESK), ("bob", DESK), ("carol", "carol@x.example")];
    let (e, _) = after(&[first, &[("ann", "carol@x.example")]]);
    assert_eq!(who(&e, DESK).as_deref(), Some("bob"));
    assert_eq!(who(&e, "carol@x.example").as_deref(), Some("carol"));
}

#[test]
fn existing_customer_takes_an_address_another_changed_from() {
    // bob (already known) now gives ann's old address: as a new customer would, he gets it
    let first: &[_] = &[("ann", "a@x.example"), ("bob", "b@x.example")];
    let (e, _) = after(&[first, &[("ann", "a2@x.example")], &[("bob", "a@x.example")]]);
    assert_eq!(who(&e, "a@x.example").as_deref(), Some("bob"));
}

#[test]
fn a_customer_back_at_an_old_address_leaves_the_one_between_and_keeps_the_old_one() {
    let back: [&[(&str, &str)]; 3] = [
        &[("ann", "a@x.example")],
        &[("ann", "a2@x.example")],
        &[("ann", "a@x.example")],
    ];
    // ann's current record gives a@; bob's gives a2@
    let (mut e, _) = after(&back);
    gives(&mut e, &[("bob", "a2@x.example")]);
    assert_eq!(who(&e, "a2@x.example").as_deref(), Some("bob"));
    // both current records give a@: it stays with the first (README)
    let (mut e, _) = after(&back);
    let c = gives(&mut e, &[("bob", "a@x.example")]);
    assert_eq!(who(&e, "a@x.example").as_deref(), Some("ann"), "{c:?}");
    // and the line of her next change names the address she left
    let (mut e, _) = after(&back);
    let c = gives(&mut e, &[("ann", "a3@x.example")]);
    assert_eq!(
        c,
        ["customer ann: email changed from a@x.example to a3@x.example; both find them"]
    );
}
