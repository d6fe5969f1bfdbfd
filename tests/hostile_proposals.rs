#![cfg(feature = "outreach")]
//! A hostile read of 0539c4d (session 55, a helper session): proposals kept per customer's
//! ticket of a number, the 16-per-number and 10,000 bounds. Two desks both at #1001: Ana
//! (desk A) and Bo (desk B). On 0539c4d these failed, and pass since the proposals moved to
//! `engine/proposals.rs`: p01, p02 (the update wrote the first matching proposal while assess
//! and feedback read the last: two identical assessments disagreed), p04 and p05 (a proposal
//! kept the reference of its first assessment), p17, p18 (the 10,000 bound forgot by first
//! assessment, and could take a number's proposal made three calls before), p03 (dismissals
//! made under two references the history then joins), p12 (`importLearning` kept the
//! dismissals), p22 (a ticket's dismissals had no bound). A read of 1696e60 (another helper)
//! added r1, r2 and r4; r2 (an insert took a dismissal back on one of her two proposals) and
//! r4 (a dismissal made again did not renew it) failed there. The helper's cost probes (p20, p21)
//! are in session 55's note, not here: timings are for benchmarks.
use rapport::engine::AssessOptions;
use rapport::Engine;
use serde_json::{json, Value};

#[path = "support/two_desks.rs"]
mod setup;
use setup::{ms, rows, ticket, top, SMASHED};

const NOW: &str = "2026-11-20T10:00:00Z";

/// The snippets offered on ticket `id` for `customer`, in order.
fn offered_on(e: &Engine, id: &str, customer: Value) -> Vec<String> {
    e.assess(&ticket(id, customer), ms(NOW))
        .unwrap()
        .snippets
        .iter()
        .map(|s| s.id.to_string())
        .collect()
}

fn offered(e: &Engine, customer: Value) -> Vec<String> {
    offered_on(e, "1001", customer)
}

fn top_on(e: &Engine, id: &str, customer: Value) -> String {
    offered_on(e, id, customer)[0].clone()
}

/// Whether `x` is set aside on `id` for `customer`: ranked last of the whole library (the
/// learned shift of a few dismissals moves it a little, never to the very end).
fn set_aside_on(e: &Engine, id: &str, customer: Value, x: &str) -> bool {
    let mut o = AssessOptions::at(ms(NOW));
    o.snippets = 50;
    let all: Vec<String> = e
        .assess_with(&ticket(id, customer), &o)
        .unwrap()
        .snippets
        .iter()
        .map(|s| s.id.to_string())
        .collect();
    all.last().map(String::as_str) == Some(x)
}

fn set_aside(e: &Engine, customer: Value, x: &str) -> bool {
    set_aside_on(e, "1001", customer, x)
}

fn dismiss_on(e: &mut Engine, id: &str, customer: Option<Value>, x: &str) {
    let mut f = json!({"ticketId": id, "snippetId": x, "action": "dismissed"});
    if let Some(c) = customer {
        f["customer"] = c;
    }
    e.feedback(&f).unwrap();
}

fn dismiss(e: &mut Engine, customer: Option<Value>, x: &str) {
    dismiss_on(e, "1001", customer, x)
}

fn learned(e: &Engine) -> Vec<Value> {
    rows(e)
        .into_iter()
        .filter(|r| r.get("record").is_none())
        .collect()
}

// ------------------------------------------------------------------ 1. which proposal is "hers"

/// #1001 assessed for {id: A} (desk A's page showed an id) and for {email: a@} (another page
/// showed the address): two proposals. X is dismissed naming the address. Then the page
/// shows both {id: A, email: a@} (a reference the crate's rule matches to BOTH proposals) and
/// the ticket is assessed twice in a row, nothing in between. The two assessments must agree.
/// `remember` updates the FIRST matching proposal (`position`) while `assess`/`feedback` read
/// the LAST (`rev().find`): the first assessment reads the email proposal (X aside) and writes
/// into the id one, moving it to the end, so the second reads that one and X comes back.
#[test]
fn p01_two_identical_assessments_agree_on_what_is_set_aside() {
    let mut e = Engine::new(None).unwrap();
    let x = top(&e, json!({"id": "A"}));
    assert_eq!(top(&e, json!({"email": "a@a.org"})), x);
    dismiss(&mut e, Some(json!({"email": "a@a.org"})), &x);
    let both = json!({"id": "A", "email": "a@a.org"});
    let first = offered(&e, both.clone());
    let second = offered(&e, both.clone());
    assert_eq!(
        first, second,
        "the same ticket assessed twice in a row offered different snippets (X = {x})"
    );
}

/// The same through the history: Ana assessed as {id: a1}, then (another page) as
/// {email: ana@x.org}, X dismissed naming the address; then the history says a1 is ana@x.org.
/// Ana's ticket assessed twice by her address: X set aside both times.
#[test]
fn p02_history_joining_her_names_then_two_assessments() {
    let mut e = Engine::new(None).unwrap();
    let x = top(&e, json!({"id": "a1"}));
    top(&e, json!({"email": "ana@x.org"}));
    dismiss(&mut e, Some(json!({"email": "ana@x.org"})), &x);
    e.load_history(&json!({"customers": [{"id": "a1", "email": "ana@x.org", "name": "Ana"}]}))
        .unwrap();
    let a = set_aside(&e, json!({"email": "ana@x.org"}), &x);
    let b = set_aside(&e, json!({"email": "ana@x.org"}), &x);
    assert!(
        a && b,
        "X set aside on Ana's 1st assessment after the join: {a}, on the 2nd: {b}"
    );
}

/// Ana's two proposals (by id, by address) each get a dismissal before the history joins
/// them; after the join her ticket sets both aside (it is one ticket of one customer).
#[test]
fn p03_dismissals_made_under_each_name_both_hold_after_the_join() {
    let mut e = Engine::new(None).unwrap();
    let o = offered(&e, json!({"id": "a1"}));
    let (x, y) = (o[0].clone(), o[1].clone());
    offered(&e, json!({"email": "ana@x.org"}));
    dismiss(&mut e, Some(json!({"id": "a1"})), &x);
    dismiss(&mut e, Some(json!({"email": "ana@x.org"})), &y);
    e.load_history(&json!({"customers": [{"id": "a1", "email": "ana@x.org"}]}))
        .unwrap();
    let now = offered(&e, json!({"id": "a1"}));
    // set aside: offered after every other one, so at most in the last two places of five
    let n = now.len();
    assert!(
        !now[..n - 2].contains(&x) && !now[..n - 2].contains(&y),
        "after the join, Ana's ticket offers {now:?} (X = {x}, Y = {y}: both dismissed)"
    );
}

/// Ana assessed as {email}; the page then shows {id: A1, email} (re-assessed: the engine is
/// told A1 and the address are Ana); the agent's next page names her by id only. The
/// dismissal must land on Ana's proposal (not be lost to "any"), and set Y aside.
/// (`remember` keeps the proposal's first reference: the id is never learned.)
#[test]
fn p04_reassessed_with_a_fuller_reference_then_named_by_id() {
    let mut e = Engine::new(None).unwrap();
    let o = offered(&e, json!({"email": "ana@a.org"}));
    let y = o[0].clone();
    top(&e, json!({"email": "bo@b.org"}));
    offered(&e, json!({"id": "A1", "email": "ana@a.org"}));
    dismiss(&mut e, Some(json!({"id": "A1"})), &y);
    let l = learned(&e);
    let in_any = l.iter().any(|r| r["situation"] == "any");
    let aside = set_aside(&e, json!({"id": "A1", "email": "ana@a.org"}), &y);
    assert!(
        !in_any && aside,
        "dismissal naming Ana by the id her last page showed (A1 with ana@a.org): learned in \
         'any': {in_any}; set aside on her ticket: {aside}"
    );
}

/// Variation of p04 with the stale reference doing harm: Ana's proposal is stored under the
/// address alone; then Ana's page shows {id: A1, email}. Another desk's customer A2 who shares
/// the address ({id: A2, email}: ids differ, so by `seen::same_customer` a different person)
/// gets Ana's dismissal, because the proposal never learned Ana's id. Debatable: shared
/// addresses across desks are rare.
#[test]
fn p05_stale_reference_gives_anas_dismissal_to_another_id() {
    let mut e = Engine::new(None).unwrap();
    let x = top(&e, json!({"email": "shared@a.org"}));
    offered(&e, json!({"id": "A1", "email": "shared@a.org"}));
    dismiss(
        &mut e,
        Some(json!({"id": "A1", "email": "shared@a.org"})),
        &x,
    );
    assert!(set_aside(
        &e,
        json!({"id": "A1", "email": "shared@a.org"}),
        &x
    ));
    assert!(
        !set_aside(&e, json!({"id": "A2", "email": "shared@a.org"}), &x),
        "customer A2 (a different id) got A1's dismissal"
    );
}

// ------------------------------------------------------------------ 2. plain cases that must hold

/// Ana, Bo, then Ana again: a feedback without customer is about Ana's (assessed last); Bo
/// keeps X; Ana's dismissal survives Bo being assessed again.
#[test]
fn p06_no_customer_feedback_after_reassessment_goes_to_the_last() {
    let mut e = Engine::new(None).unwrap();
    let x = top(&e, json!({"email": "ana@a.org"}));
    top(&e, json!({"email": "bo@b.org"}));
    top(&e, json!({"email": "ana@a.org"}));
    dismiss(&mut e, None, &x);
    assert_eq!(top(&e, json!({"email": "bo@b.org"})), x, "Bo got Ana's");
    assert!(
        set_aside(&e, json!({"email": "ana@a.org"}), &x),
        "Ana lost hers"
    );
}

/// A ticket whose page showed no sender (customer {}) and Ana's, same number. A dismissal
/// on each (no customer, each right after its assessment) stays on its own ticket.
#[test]
fn p07_a_ticket_with_no_customer_and_a_named_one() {
    let mut e = Engine::new(None).unwrap();
    let o = offered(&e, json!({}));
    let (x, y) = (o[0].clone(), o[1].clone());
    dismiss(&mut e, None, &x);
    assert_eq!(
        top(&e, json!({"email": "ana@a.org"})),
        x,
        "Ana got the no-sender's"
    );
    dismiss(&mut e, None, &y);
    assert!(
        set_aside(&e, json!({}), &x),
        "no-sender ticket lost its dismissal"
    );
    assert!(
        !set_aside(&e, json!({}), &y),
        "no-sender ticket got Ana's dismissal"
    );
    assert!(
        !set_aside(&e, json!({"email": "ana@a.org"}), &x),
        "Ana got the no-sender's"
    );
    assert!(
        set_aside(&e, json!({"email": "ana@a.org"}), &y),
        "Ana lost hers"
    );
    // no customer key at all on the ticket: refused (customer is required; {} for unknown)
    let t = json!({"id": "1001", "messages": [{"from": "customer", "text": SMASHED}]});
    assert!(e.assess(&t, ms(NOW)).is_err());
    // customer {} on the ticket and on the feedback, Ana assessed after: the dismissal naming
    // no one is Ana's (assessed last), as README says
    let mut e = Engine::new(None).unwrap();
    let x = top(&e, json!({}));
    top(&e, json!({"email": "ana@a.org"}));
    dismiss(&mut e, Some(json!({})), &x);
    assert!(set_aside(&e, json!({"email": "ana@a.org"}), &x));
    assert!(!set_aside(&e, json!({}), &x));
}

/// Ana and Bo both dismiss X; Ana (named) inserts it: Ana's ticket offers it again, Bo's still
/// sets it aside. An edit naming Bo takes back Bo's.
#[test]
fn p08_taking_back_a_dismissal_is_per_customer() {
    let mut e = Engine::new(None).unwrap();
    let x = top(&e, json!({"email": "ana@a.org"}));
    top(&e, json!({"email": "bo@b.org"}));
    dismiss(&mut e, Some(json!({"email": "ana@a.org"})), &x);
    dismiss(&mut e, Some(json!({"email": "bo@b.org"})), &x);
    e.feedback(
        &json!({"ticketId": "1001", "customer": {"email": "ana@a.org"},
        "snippetId": x, "action": "inserted"}),
    )
    .unwrap();
    assert_eq!(top(&e, json!({"email": "ana@a.org"})), x);
    assert!(set_aside(&e, json!({"email": "bo@b.org"}), &x));
    e.feedback(
        &json!({"ticketId": "1001", "customer": {"email": "bo@b.org"},
        "snippetId": x, "action": "edited", "text": "hello"}),
    )
    .unwrap();
    assert_eq!(top(&e, json!({"email": "bo@b.org"})), x);
}

/// History: a1 / ana@x.org. Assessed by id, feedback by address, re-assessed by address:
/// set aside; Bo's #1001 (assessed after) keeps X.
#[test]
fn p09_id_on_one_call_email_on_the_other_with_history() {
    let mut e = Engine::new(None).unwrap();
    e.load_history(&json!({"customers": [{"id": "a1", "email": "ana@x.org"}]}))
        .unwrap();
    let x = top(&e, json!({"id": "a1"}));
    top(&e, json!({"email": "bo@b.org"}));
    dismiss(&mut e, Some(json!({"email": "ANA@x.org"})), &x);
    assert!(set_aside(&e, json!({"email": "ana@x.org"}), &x));
    assert!(set_aside(&e, json!({"id": "a1"}), &x));
    assert_eq!(top(&e, json!({"email": "bo@b.org"})), x);
}

/// History loaded AFTER the assessment and before the feedback: assessed as {email}, the
/// history then says a1 is that address, the feedback names a1: hers.
#[test]
fn p10_history_arrives_between_assessment_and_feedback() {
    let mut e = Engine::new(None).unwrap();
    let x = top(&e, json!({"email": "ana@x.org"}));
    top(&e, json!({"email": "bo@b.org"}));
    e.load_history(&json!({"customers": [{"id": "a1", "email": "ana@x.org"}]}))
        .unwrap();
    dismiss(&mut e, Some(json!({"id": "a1"})), &x);
    assert!(set_aside(&e, json!({"id": "a1"}), &x));
    assert_eq!(top(&e, json!({"email": "bo@b.org"})), x);
}

// ------------------------------------------------------------------ 3. reset / import

/// resetLearning forgets every customer's dismissal on the number, not the last one only.
#[test]
fn p11_reset_learning_forgets_every_customers_dismissals() {
    let mut e = Engine::new(None).unwrap();
    let x = top(&e, json!({"email": "ana@a.org"}));
    top(&e, json!({"email": "bo@b.org"}));
    top(&e, json!({"email": "cy@c.org"}));
    for c in ["ana@a.org", "bo@b.org", "cy@c.org"] {
        dismiss(&mut e, Some(json!({"email": c})), &x);
    }
    e.reset_learning();
    for c in ["ana@a.org", "bo@b.org", "cy@c.org"] {
        assert_eq!(top(&e, json!({"email": c})), x, "{c} kept a dismissal");
    }
    // and dismissing still works after the reset
    dismiss(&mut e, Some(json!({"email": "bo@b.org"})), &x);
    assert!(set_aside(&e, json!({"email": "bo@b.org"}), &x));
    assert_eq!(top(&e, json!({"email": "ana@a.org"})), x);
}

/// importLearning "replaces what is learned" (an empty list empties it). resetLearning
/// clears the set-asides because "they were taught by feedback too"; import leaves them.
/// Debatable expectation: an import that replaces the learning replaces these too.
#[test]
fn p12_import_learning_replaces_the_set_asides_too() {
    let mut e = Engine::new(None).unwrap();
    let x = top(&e, json!({"email": "ana@a.org"}));
    dismiss(&mut e, Some(json!({"email": "ana@a.org"})), &x);
    let r = e.import_learning(&json!([])).unwrap();
    assert_eq!(r.imported, 0);
    assert!(learned(&e).is_empty());
    assert_eq!(
        top(&e, json!({"email": "ana@a.org"})),
        x,
        "after importLearning([]) (learning emptied) X is still set aside on Ana's ticket"
    );
}

// ------------------------------------------------------------------ 4. edits

/// Ana and Bo in the history with names (the filled texts differ). Ana assessed, Bo assessed
/// last; an edit naming Ana that sends her proposed text unchanged is measured against HER
/// text (edit share 0), not Bo's.
#[test]
fn p13_edit_measured_against_the_named_customers_text() {
    let mut e = Engine::new(None).unwrap();
    e.load_history(&json!({"customers": [
        {"id": "a1", "email": "ana@x.org", "name": "Anastasia Papadopoulou"},
        {"id": "b1", "email": "bo@y.org", "name": "Bo Li"}]}))
        .unwrap();
    let a = e
        .assess(&ticket("1001", json!({"id": "a1"})), ms(NOW))
        .unwrap();
    let b = e
        .assess(&ticket("1001", json!({"id": "b1"})), ms(NOW))
        .unwrap();
    // a snippet whose texts differ between the two
    let pick = a
        .snippets
        .iter()
        .find(|s| b.snippets.iter().any(|t| t.id == s.id && t.text != s.text))
        .expect("no snippet whose text differs between Ana and Bo");
    e.feedback(
        &json!({"ticketId": "1001", "customer": {"email": "ana@x.org"},
        "snippetId": &*pick.id, "action": "edited", "text": &*pick.text}),
    )
    .unwrap();
    let l = learned(&e);
    assert_eq!(l.len(), 1, "{l:?}");
    assert_eq!(l[0]["editShareSum"], json!(0.0), "{l:?}");
    // and without customer, against Bo's (assessed last)
    let bt = b.snippets.iter().find(|t| t.id == pick.id).unwrap();
    e.feedback(
        &json!({"ticketId": "1001", "snippetId": &*pick.id, "action": "edited",
        "text": &*bt.text}),
    )
    .unwrap();
    let l = learned(&e);
    let sum: f64 = l.iter().map(|r| r["editShareSum"].as_f64().unwrap()).sum();
    assert_eq!(sum, 0.0, "{l:?}");
}

/// An edit naming a customer whose ticket of this number was never assessed (Cy) is not
/// measured against Ana's or Bo's text, and not learned in their situation.
#[test]
fn p14_edit_naming_a_customer_with_no_proposal() {
    let mut e = Engine::new(None).unwrap();
    let a = e
        .assess(&ticket("1001", json!({"email": "ana@a.org"})), ms(NOW))
        .unwrap();
    let s = &a.snippets[0];
    e.feedback(
        &json!({"ticketId": "1001", "customer": {"email": "cy@c.org"},
        "snippetId": &*s.id, "action": "edited", "text": &*s.text}),
    )
    .unwrap();
    let l = learned(&e);
    assert_eq!(l[0]["situation"], "any", "{l:?}");
    assert_eq!(top(&e, json!({"email": "ana@a.org"})), s.id.to_string());
}

// ------------------------------------------------------------------ 5. bounds

/// The 16-per-number bound: 17 customers on #1001, each dismisses X: the first's goes, the
/// 16 others' stay (X's learned shift is small: "set aside" is "ranked last of all"). Re-assessing customer 1 before an 18th makes customer 2 the one to go.
#[test]
fn p15_sixteen_per_number() {
    let mut e = Engine::new(None).unwrap();
    let c = |k: usize| json!({"email": format!("c{k}@d.org")});
    let x = top(&e, c(0));
    dismiss(&mut e, Some(c(0)), &x);
    for k in 1..=16 {
        top(&e, c(k));
        dismiss(&mut e, Some(c(k)), &x);
    }
    // c0 forgotten: assessing c0 now is a new proposal (and pushes c1 out)
    assert!(!set_aside(&e, c(0), &x), "c0's dismissal kept beyond 16");
    // c1 went (the longest unassessed); c2.. keep theirs. Check c16 first, then c2:
    assert!(set_aside(&e, c(16), &x));
    // re-assess c2 (it keeps), then a new c17 pushes out the longest unassessed: c3
    assert!(set_aside(&e, c(2), &x));
    top(&e, c(17));
    assert!(set_aside(&e, c(2), &x), "c2, just assessed, forgotten");
    assert!(
        !set_aside(&e, c(3), &x),
        "c3 (longest unassessed) kept beyond 16"
    );
}

fn fill(e: &Engine, prefix: &str, n: usize, customer: Value) {
    let mut o = AssessOptions::at(ms(NOW));
    o.snippets = 1;
    for k in 0..n {
        e.assess_with(&ticket(&format!("{prefix}{k}"), customer.clone()), &o)
            .unwrap();
    }
}

/// The 10,000 bound, exactly: the first ticket's dismissal holds with 10,000 proposals, and
/// goes at the 10,001st.
#[test]
fn p16_ten_thousand_exactly() {
    let mut e = Engine::new(None).unwrap();
    let max = rapport::engine::MAX_PROPOSED;
    let x = top_on(&e, "first", json!({"email": "ana@a.org"}));
    dismiss_on(&mut e, "first", None, &x);
    fill(&e, "t", max - 1, json!({"email": "z@z.org"}));
    // (assessing "first" again would make it the latest: probe a copy instead)
    let mut probe = Engine::new(None).unwrap();
    let x2 = top_on(&probe, "first", json!({"email": "ana@a.org"}));
    dismiss_on(&mut probe, "first", None, &x2);
    fill(&probe, "t", max - 1, json!({"email": "z@z.org"}));
    assert!(
        set_aside_on(&probe, "first", json!({"email": "ana@a.org"}), &x2),
        "forgotten at exactly {max}"
    );
    fill(&e, "u", 1, json!({"email": "z@z.org"}));
    assert_eq!(
        top_on(&e, "first", json!({"email": "ana@a.org"})),
        x,
        "kept beyond {max}"
    );
}

/// README: "10,000 tickets in all, the longest unassessed going first". Ana's #1 is
/// assessed, X dismissed; 9,999 other tickets; Ana's #1 assessed again (just now); one new
/// ticket: the longest unassessed is t0, not Ana's #1. Ana's dismissal must hold.
#[test]
fn p17_the_longest_unassessed_goes_not_the_first_assessed() {
    let mut e = Engine::new(None).unwrap();
    let max = rapport::engine::MAX_PROPOSED;
    let x = top_on(&e, "1", json!({"email": "ana@a.org"}));
    dismiss_on(&mut e, "1", None, &x);
    fill(&e, "t", max - 1, json!({"email": "z@z.org"}));
    assert!(set_aside_on(&e, "1", json!({"email": "ana@a.org"}), &x));
    fill(&e, "u", 1, json!({"email": "z@z.org"}));
    assert!(
        set_aside_on(&e, "1", json!({"email": "ana@a.org"}), &x),
        "Ana's #1, assessed one call ago, forgotten before 9,999 tickets unassessed since"
    );
}

/// New with per-customer lists: Ana's #1001 assessed first; 9,998 other tickets; Bo's #1001
/// assessed and X dismissed on it; Ana's #1001 assessed again; one new ticket. Global
/// eviction pops #1001's (Ana's) place in the order but removes the number's
/// least-recently-assessed proposal: Bo's, assessed 3 calls ago, while 9,998 tickets assessed
/// before it stay.
#[test]
fn p18_bos_fresh_proposal_is_not_the_one_forgotten() {
    let mut e = Engine::new(None).unwrap();
    let max = rapport::engine::MAX_PROPOSED;
    let x = top(&e, json!({"email": "ana@a.org"}));
    fill(&e, "t", max - 2, json!({"email": "z@z.org"}));
    assert_eq!(top(&e, json!({"email": "bo@b.org"})), x);
    dismiss(&mut e, Some(json!({"email": "bo@b.org"})), &x);
    top(&e, json!({"email": "ana@a.org"}));
    fill(&e, "u", 1, json!({"email": "z@z.org"}));
    assert!(
        set_aside(&e, json!({"email": "bo@b.org"}), &x),
        "Bo's dismissal (his #1001 assessed 3 calls ago) forgotten by the 10,000 bound"
    );
}

/// Stress: many numbers shared by many customers, interleaved with feedback (named, unnamed,
/// naming no one), resets, history loads; beyond both bounds. No panic; and a final check
/// that a fresh customer's dismissal holds.
#[test]
fn p19_stress_both_bounds_no_panic() {
    let mut e = Engine::new(None).unwrap();
    let mut o = AssessOptions::at(ms(NOW));
    o.snippets = 2;
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut rnd = |n: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % n
    };
    for i in 0..30_000u64 {
        let num = if rnd(4) == 0 {
            format!("{}", rnd(3))
        } else {
            format!("n{}", rnd(6000))
        };
        let c = match rnd(5) {
            0 => json!({}),
            1 => json!({"id": format!("i{}", rnd(40))}),
            2 => json!({"email": format!("e{}@x.org", rnd(40))}),
            _ => json!({"id": format!("i{}", rnd(40)), "email": format!("e{}@x.org", rnd(40))}),
        };
        let a = e.assess_with(&ticket(&num, c.clone()), &o).unwrap();
        if rnd(3) == 0 {
            let action = ["dismissed", "inserted", "edited"][rnd(3) as usize];
            let mut f = json!({"ticketId": num, "snippetId": a.snippets[0].id.to_string(),
                "action": action, "text": "Hello there"});
            match rnd(3) {
                0 => f["customer"] = c,
                1 => f["customer"] = json!({"email": format!("e{}@x.org", rnd(40))}),
                _ => {}
            }
            e.feedback(&f).unwrap();
        }
        if i % 7_000 == 6_999 {
            e.reset_learning();
        }
        if i == 15_000 {
            let cs: Vec<Value> = (0..40)
                .map(
                    |k| json!({"id": format!("i{k}"), "email": format!("e{}@x.org", (k * 7) % 40)}),
                )
                .collect();
            e.load_history(&json!({"customers": cs})).unwrap();
        }
    }
    let x = top_on(&e, "0", json!({"email": "fresh@f.org"}));
    dismiss_on(&mut e, "0", Some(json!({"email": "fresh@f.org"})), &x);
    assert!(set_aside_on(&e, "0", json!({"email": "fresh@f.org"}), &x));
}

// ------------------------------------------------------------------ 6. bounds of a ticket

/// A page that dismisses made-up snippet ids on Ana's #1001 thousands of times: a ticket keeps
/// its last `MAX_DISMISSED` dismissals, so the list (scanned by each feedback and each
/// assessment) stays short; the real dismissal goes only once that many came after it.
#[test]
fn p22_a_tickets_dismissals_are_bounded() {
    let max = rapport::engine::MAX_DISMISSED;
    for (junk, kept) in [(max - 1, true), (max, false), (30 * max, false)] {
        let mut e = Engine::new(None).unwrap();
        let x = top(&e, json!({"email": "ana@a.org"}));
        dismiss(&mut e, Some(json!({"email": "ana@a.org"})), &x);
        for k in 0..junk {
            e.feedback(
                &json!({"ticketId": "1001", "customer": {"email": "ana@a.org"},
                "snippetId": format!("junk-{k}"), "action": "dismissed"}),
            )
            .unwrap();
        }
        assert_eq!(
            set_aside(&e, json!({"email": "ana@a.org"}), &x),
            kept,
            "X after {junk} later dismissals of made-up ids"
        );
    }
}

// ------------------------------------------------------------------ 7. a read of 1696e60

/// A shared inbox: A1 at shared@ known to the history, X dismissed on her #1001; another
/// desk's A2 at the same address, unknown yet, matches her through the address (the history
/// cannot tell them apart) and is assessed; then the history learns A2. A read of 1696e60's
/// code expected its proposal to take A2's id there and keep A1's dismissal for A2; run, it
/// read right on 1696e60 too, and stays as a guard: a proposal now only fills in a name it
/// lacks.
#[test]
fn r1_a_second_id_at_a_shared_address_does_not_take_her_ticket() {
    let mut e = Engine::new(None).unwrap();
    let a1 = json!({"id": "A1", "email": "shared@a.org"});
    let a2 = json!({"id": "A2", "email": "shared@a.org"});
    e.load_history(&json!({"customers": [{"id": "A1", "email": "shared@a.org"}]}))
        .unwrap();
    let x = top(&e, a1.clone());
    dismiss(&mut e, Some(a1.clone()), &x);
    top(&e, a2.clone());
    e.load_history(&json!({"customers": [{"id": "A2", "email": "shared@a.org"}]}))
        .unwrap();
    assert!(set_aside(&e, a1, &x), "A1's own dismissal lost");
    assert!(
        !set_aside(&e, a2, &x),
        "A1's dismissal shown on A2's ticket"
    );
}

/// Ana's #1001 assessed by id (S dismissed there) and by address before the history joins
/// them: an insert of S naming her takes the dismissal back on both proposals.
#[test]
fn r2_taking_back_a_dismissal_reaches_both_of_her_proposals() {
    let mut e = Engine::new(None).unwrap();
    let s = top(&e, json!({"id": "17"}));
    dismiss(&mut e, Some(json!({"id": "17"})), &s);
    top(&e, json!({"email": "ana@x.org"}));
    e.load_history(&json!({"customers": [{"id": "17", "email": "ana@x.org"}]}))
        .unwrap();
    e.feedback(
        &json!({"ticketId": "1001", "customer": {"id": "17"}, "snippetId": s,
        "action": "inserted"}),
    )
    .unwrap();
    assert!(!set_aside(&e, json!({"id": "17"}), &s), "S still set aside");
    // and her two proposals are one now: a new dismissal holds under either name
    let t = top(&e, json!({"email": "ana@x.org"}));
    dismiss(&mut e, Some(json!({"email": "ana@x.org"})), &t);
    assert!(set_aside(&e, json!({"id": "17"}), &t));
}

/// A snippet dismissed again is the ticket's latest dismissal: dismissed, then 63 others, then
/// again, it outlives the next one.
#[test]
fn r4_dismissing_again_renews_a_dismissal() {
    let max = rapport::engine::MAX_DISMISSED;
    let mut e = Engine::new(None).unwrap();
    let ana = json!({"email": "ana@a.org"});
    let x = top(&e, ana.clone());
    dismiss(&mut e, Some(ana.clone()), &x);
    for k in 0..max - 1 {
        dismiss(&mut e, Some(ana.clone()), &format!("junk-{k}"));
    }
    dismiss(&mut e, Some(ana.clone()), &x);
    dismiss(&mut e, Some(ana.clone()), "junk-last");
    assert!(set_aside(&e, ana, &x));
}
