//! Which customer an address finds after customers change addresses: the first customer whose
//! current record gives it, never one whose record has left it while another's still gives it
//! (a ticket from that address would show the wrong customer's name and orders). Written by a
//! hostile helper session (session 50) against the first version of address claims.
use rapport::Engine;
use serde_json::{json, Value};

fn who(e: &Engine, email: &str) -> Option<String> {
    let now = rapport::time::parse_iso("2026-11-23T12:00:00Z").unwrap();
    let t = json!({"id": "T", "customer": {"email": email},
        "messages": [{"from": "customer", "text": "Where is my order?"}]});
    let a = e.assess(&t, now).unwrap();
    a.customer.customer_id.clone()
}

fn load(e: &mut Engine, v: Value) -> Vec<String> {
    e.load_history(&v).unwrap().conflicts
}

#[test]
fn three_on_one_inbox_the_last_claimant_leaves_then_the_first() {
    let mut e = Engine::new(None).unwrap();
    load(
        &mut e,
        json!({"customers": [
        {"id": "ann", "email": "desk@shop.example", "name": "Ann"},
        {"id": "bob", "email": "desk@shop.example", "name": "Bob"},
        {"id": "carol", "email": "desk@shop.example", "name": "Carol"}],
        "orders": [{"id": "A-1", "customerId": "ann", "at": "2026-11-01", "items": ["Ann's glasses"]}]}),
    );
    load(
        &mut e,
        json!({"customers": [{"id": "carol", "email": "carol@own.example"}]}),
    );
    load(
        &mut e,
        json!({"customers": [{"id": "ann", "email": "ann@own.example"}]}),
    );
    // only bob's current record gives desk@
    assert_eq!(who(&e, "desk@shop.example").as_deref(), Some("bob"));
}

#[test]
fn three_on_one_inbox_the_first_leaves_then_the_last() {
    let mut e = Engine::new(None).unwrap();
    load(
        &mut e,
        json!({"customers": [
        {"id": "ann", "email": "desk@shop.example"},
        {"id": "bob", "email": "desk@shop.example"},
        {"id": "carol", "email": "desk@shop.example"}]}),
    );
    load(
        &mut e,
        json!({"customers": [{"id": "ann", "email": "ann@own.example"}]}),
    );
    load(
        &mut e,
        json!({"customers": [{"id": "carol", "email": "carol@own.example"}]}),
    );
    assert_eq!(who(&e, "desk@shop.example").as_deref(), Some("bob"));
}

#[test]
fn first_moves_to_an_address_that_is_taken() {
    let mut e = Engine::new(None).unwrap();
    load(
        &mut e,
        json!({"customers": [
        {"id": "ann", "email": "desk@shop.example"},
        {"id": "bob", "email": "desk@shop.example"},
        {"id": "carol", "email": "carol@x.example"}]}),
    );
    // ann now gives carol@ (a shared address of another kind): she no longer gives desk@
    load(
        &mut e,
        json!({"customers": [{"id": "ann", "email": "carol@x.example"}]}),
    );
    assert_eq!(who(&e, "desk@shop.example").as_deref(), Some("bob"));
}

#[test]
fn existing_customer_takes_an_address_another_changed_from() {
    let mut e = Engine::new(None).unwrap();
    load(
        &mut e,
        json!({"customers": [
        {"id": "ann", "email": "a@x.example", "name": "Ann"},
        {"id": "bob", "email": "b@x.example", "name": "Bob"}]}),
    );
    load(
        &mut e,
        json!({"customers": [{"id": "ann", "email": "a2@x.example"}]}),
    );
    // bob (already known) now gives ann's old address: a new customer doing so gets it
    load(
        &mut e,
        json!({"customers": [{"id": "bob", "email": "a@x.example"}]}),
    );
    assert_eq!(who(&e, "a@x.example").as_deref(), Some("bob"));
}

#[test]
fn customer_returns_to_an_old_address_then_another_claims_the_one_she_left() {
    let mut e = Engine::new(None).unwrap();
    load(
        &mut e,
        json!({"customers": [{"id": "ann", "email": "a@x.example"}]}),
    );
    load(
        &mut e,
        json!({"customers": [{"id": "ann", "email": "a2@x.example"}]}),
    );
    load(
        &mut e,
        json!({"customers": [{"id": "ann", "email": "a@x.example"}]}),
    );
    // ann's current record gives a@; bob's gives a2@
    load(
        &mut e,
        json!({"customers": [{"id": "bob", "email": "a2@x.example"}]}),
    );
    assert_eq!(who(&e, "a2@x.example").as_deref(), Some("bob"));
}

#[test]
fn customer_returns_to_an_old_address_and_keeps_it_against_a_later_customer() {
    let mut e = Engine::new(None).unwrap();
    load(
        &mut e,
        json!({"customers": [{"id": "ann", "email": "a@x.example"}]}),
    );
    load(
        &mut e,
        json!({"customers": [{"id": "ann", "email": "a2@x.example"}]}),
    );
    load(
        &mut e,
        json!({"customers": [{"id": "ann", "email": "a@x.example"}]}),
    );
    // both current records give a@: "stays with the first" (README)
    let c = load(
        &mut e,
        json!({"customers": [{"id": "bob", "email": "a@x.example"}]}),
    );
    assert_eq!(who(&e, "a@x.example").as_deref(), Some("ann"), "{c:?}");
}

#[test]
fn the_change_line_names_the_address_left() {
    let mut e = Engine::new(None).unwrap();
    load(
        &mut e,
        json!({"customers": [{"id": "ann", "email": "a@x.example"}]}),
    );
    load(
        &mut e,
        json!({"customers": [{"id": "ann", "email": "a2@x.example"}]}),
    );
    load(
        &mut e,
        json!({"customers": [{"id": "ann", "email": "a@x.example"}]}),
    );
    let c = load(
        &mut e,
        json!({"customers": [{"id": "ann", "email": "a3@x.example"}]}),
    );
    assert_eq!(
        c,
        ["customer ann: email changed from a@x.example to a3@x.example; both find them"]
    );
}
