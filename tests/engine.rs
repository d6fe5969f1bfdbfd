//! End-to-end behaviour of the core Engine (native): history changes the band, routine requests
//! stay routine, reasons add up, bad input is named.

use rapport::score::Band;
use rapport::time::parse_iso;
use rapport::Engine;
use serde_json::{json, Value};

fn now() -> i64 {
    parse_iso("2026-11-23T12:00:00Z").unwrap()
}

fn ticket(id: &str, customer: Value, text: &str) -> Value {
    json!({"id": id, "subject": "Order", "channel": "email", "createdAt": "2026-11-23T09:00:00Z",
           "customer": customer, "messages": [{"from": "customer", "at": "2026-11-23T09:00:00Z", "text": text}]})
}

/// A customer of seven years, gold, whose last two tickets were about the same late delivery
/// and were rated CSAT 1, and who answered NPS 3.
fn unhappy_loyal_history() -> Value {
    json!({
        "customers": [{"id": "c1", "email": "ana@example.com", "name": "Ana Silva", "since": "2019-03-02", "tier": "gold", "lifetimeValue": 5400}],
        "tickets": [
            {"id": "h1", "customerId": "c1", "createdAt": "2026-11-02T10:00:00Z", "solvedAt": "2026-11-03T10:00:00Z", "channel": "email", "subject": "Late delivery", "csat": 1},
            {"id": "h2", "customerId": "c1", "createdAt": "2026-11-12T10:00:00Z", "solvedAt": "2026-11-14T10:00:00Z", "channel": "email", "subject": "Order still late", "csat": 1}
        ],
        "orders": [{"id": "o1", "customerId": "c1", "at": "2026-10-28T10:00:00Z", "total": 180, "items": ["Espresso machine"]}],
        "surveys": [{"customerId": "c1", "at": "2026-11-14T12:00:00Z", "kind": "nps", "score": 3}]
    })
}

fn sum(a: &rapport::Assessment) -> i32 {
    a.reasons.iter().map(|r| r.points).sum()
}

#[test]
fn same_words_different_customers_different_bands() {
    let mut e = Engine::new(None).unwrap();
    e.load_history(&unhappy_loyal_history()).unwrap();
    let text = "Hi, where is my order? It was supposed to arrive last week.";
    let loyal = e
        .assess(
            &ticket("t1", json!({"email": " ANA@example.com"}), text),
            now(),
        )
        .unwrap();
    let first = e
        .assess(
            &ticket(
                "t2",
                json!({"email": "new@example.org", "name": "New Person"}),
                text,
            ),
            now(),
        )
        .unwrap();
    assert_eq!(loyal.band, Band::Critical, "{loyal:#?}");
    assert_ne!(first.band, Band::Critical);
    assert!(
        loyal.score >= first.score + 30,
        "{} vs {}",
        loyal.score,
        first.score
    );
    let signals: Vec<_> = loyal.reasons.iter().map(|r| r.signal.id()).collect();
    for s in [
        "history.repeat_topic",
        "history.csat_low",
        "combo.mistake_valued",
        "cue.mistake",
    ] {
        assert!(signals.contains(&s), "missing {s} in {signals:?}");
    }
    assert!(first.reasons.iter().any(|r| r.signal == "customer.unknown"));
    // email left them unhappy twice: the steward calls
    assert_eq!(loyal.channel.channel, "phone", "{:?}", loyal.channel);
    assert_eq!(first.channel.channel, "email");
    assert!(!first.customer.known && loyal.customer.known);
    assert_eq!(sum(&loyal), loyal.score);
    assert_eq!(sum(&first), first.score);
}

#[test]
fn a_routine_request_stays_routine_despite_a_happy_history() {
    let mut e = Engine::new(None).unwrap();
    let orders: Vec<Value> = (0..30).map(|i| json!({"id": format!("o{i}"), "customerId": "v1", "at": "2025-06-01", "total": 200})).collect();
    e.load_history(&json!({
        "customers": [{"id": "v1", "name": "Vera", "since": "2018-01-01", "tier": "platinum", "lifetimeValue": 9000}],
        "tickets": [{"id": "p1", "customerId": "v1", "createdAt": "2026-06-01", "channel": "chat", "subject": "Gift wrap", "csat": 5}],
        "orders": orders,
        "surveys": [{"customerId": "v1", "at": "2026-06-02", "kind": "nps", "score": 10}]
    }))
    .unwrap();
    let a = e
        .assess(
            &ticket(
                "t9",
                json!({"id": "v1"}),
                "Hi, I forgot my password and can't log in. Can you send a reset link?",
            ),
            now(),
        )
        .unwrap();
    assert_eq!(a.intent.id, "account_access");
    assert_eq!(a.band, Band::Transactional, "{:#?}", a.reasons);
    // value is shown, at no points: there is no moment for it to amplify
    assert!(a
        .reasons
        .iter()
        .any(|r| r.signal == "history.value" && r.points == 0 && r.label.contains("no moment")));
    // and the same customer's complaint about our mistake is not routine
    let b = e
        .assess(
            &ticket(
                "t10",
                json!({"id": "v1"}),
                "You charged me twice for my last order and the parcel arrived damaged.",
            ),
            now(),
        )
        .unwrap();
    assert_ne!(b.band, Band::Transactional);
    assert!(b.score > a.score + 25);
    // a thank-you letter is warm, not at risk: relational, and her value is not added to it
    let c = e
        .assess(
            &ticket(
                "t11",
                json!({"id": "v1"}),
                "I just wanted to say thank you to Sam, who went above and beyond with my order \
                 for my daughter's wedding. Brilliant service, as always.",
            ),
            now(),
        )
        .unwrap();
    assert_eq!(c.band, Band::Relational, "{:#?}", c.reasons);
    assert!(c
        .reasons
        .iter()
        .any(|r| r.signal == "cue.praise" && r.points > 0));
    assert!(c
        .reasons
        .iter()
        .any(|r| r.signal == "history.value" && r.points == 0));
    assert_eq!(c.reply, rapport::reply::Reply::ThanksPraise);
}

#[test]
fn furious_third_contact_outranks_password_reset() {
    let e = Engine::new(None).unwrap();
    let angry = e.assess(&ticket("a", json!({}), "This is the THIRD time I write. Nobody answers. Terrible service!!! I'm done, cancel my account."), now()).unwrap();
    let reset = e
        .assess(
            &ticket("b", json!({}), "How do I reset my password?"),
            now(),
        )
        .unwrap();
    assert!(
        angry.score > reset.score + 30,
        "{} vs {}",
        angry.score,
        reset.score
    );
    assert_eq!(reset.band, Band::Transactional);
    assert_ne!(angry.band, Band::Transactional);
    let effort = angry
        .reasons
        .iter()
        .find(|r| r.signal == "cue.effort")
        .unwrap();
    assert!(
        effort.evidence.contains("THIRD time"),
        "{}",
        effort.evidence
    );
    let span = &effort.spans[0];
    let text: Vec<u16> = "This is the THIRD time I write. Nobody answers. Terrible service!!! I'm done, cancel my account.".encode_utf16().collect();
    assert!(String::from_utf16(&text[span.start..span.end])
        .unwrap()
        .contains("THIRD time"));
}

#[test]
fn deterministic_for_the_same_now() {
    let mut e = Engine::new(None).unwrap();
    e.load_history(&unhappy_loyal_history()).unwrap();
    let t = ticket(
        "t1",
        json!({"id": "c1"}),
        "Still waiting for my order, again.",
    );
    let a = serde_json::to_string(&e.assess(&t, now()).unwrap()).unwrap();
    let b = serde_json::to_string(&e.assess(&t, now()).unwrap()).unwrap();
    assert_eq!(a, b);
    // a later `now` changes what counts as recent
    let later = e.assess(&t, parse_iso("2027-06-01").unwrap()).unwrap();
    assert!(later.customer.contacts_30d.is_empty());
}

#[test]
fn queue_keeps_input_order_and_agrees_with_assess() {
    let e = Engine::new(None).unwrap();
    let ts = json!([
        ticket("x", json!({}), "Where is my invoice?"),
        ticket("y", json!({}), "You broke my laptop and I'm furious")
    ]);
    let q = e.assess_queue(&ts, now()).unwrap();
    assert_eq!(
        q.iter().map(|a| a.ticket_id.as_str()).collect::<Vec<_>>(),
        ["x", "y"]
    );
    assert_eq!(q[1], e.assess(&ts[1], now()).unwrap());
    let err = e
        .assess_queue(&json!([ticket("x", json!({}), "hi"), {"id": "bad"}]), now())
        .unwrap_err();
    assert!(err.to_string().starts_with("tickets[1].customer"), "{err}");
}

#[test]
fn moments_and_channel_preference() {
    let mut e = Engine::new(None).unwrap();
    e.load_history(&json!({
        "customers": [{"id": "m1", "name": "Mia", "since": "2021-11-25", "birthday": "1990-11-26"}],
        "tickets": [
            {"id": "k1", "customerId": "m1", "createdAt": "2026-01-01", "channel": "email", "csat": 2},
            {"id": "k2", "customerId": "m1", "createdAt": "2026-02-01", "channel": "chat", "csat": 5, "durationSeconds": 600},
            {"id": "k3", "customerId": "m1", "createdAt": "2026-03-01", "channel": "chat", "csat": 5, "durationSeconds": 900}
        ]
    }))
    .unwrap();
    let a = e
        .assess(
            &ticket(
                "t",
                json!({"id": "m1"}),
                "Can I change the delivery address?",
            ),
            now(),
        )
        .unwrap();
    let s: Vec<_> = a.reasons.iter().map(|r| r.signal.id()).collect();
    assert!(
        s.contains(&"moment.birthday") && s.contains(&"moment.anniversary"),
        "{s:?}"
    );
    assert_eq!(a.channel.channel, "chat", "{:?}", a.channel);
    assert_eq!(a.customer.anniversary_years, Some(5));
}

#[test]
fn internal_notes_are_not_scored() {
    let e = Engine::new(None).unwrap();
    let t = json!({"id": "n", "customer": {}, "messages": [
        {"from": "customer", "text": "Could you send me my invoice?"},
        {"from": "note", "text": "This customer is furious, charged twice, wants to cancel the account!!!"}]});
    let a = e.assess(&t, now()).unwrap();
    assert_eq!(a.band, Band::Transactional);
    assert!(a.matches.is_empty());
}

#[test]
fn config_changes_the_judgement() {
    let text = "I want to close my account.";
    let base = Engine::new(None)
        .unwrap()
        .assess(&ticket("c", json!({}), text), now())
        .unwrap();
    let heavy = Engine::new(Some(&json!({"weights": {"cue.churn": 100}})))
        .unwrap()
        .assess(&ticket("c", json!({}), text), now())
        .unwrap();
    assert!(heavy.score > base.score);
    assert_eq!(heavy.band, Band::Critical);
}

#[test]
fn feedback_is_validated_and_recorded() {
    let mut e = Engine::new(None).unwrap();
    assert_eq!(
        e.feedback(&json!({"ticketId": "t", "snippetId": "s", "action": "inserted"}))
            .unwrap()
            .recorded,
        1
    );
    let err = e
        .feedback(&json!({"ticketId": "t", "snippetId": "s", "action": "explode"}))
        .unwrap_err();
    assert!(err.to_string().starts_with("feedback.action: expected"));
    assert!(e
        .feedback(&json!({"snippetId": "s", "action": "edited"}))
        .unwrap_err()
        .to_string()
        .starts_with("feedback.ticketId"));
    assert_eq!(e.feedback_events().len(), 1);
}

/// Past tickets' topics are read once and kept on the record: assessing again, or another open
/// ticket of the same customer, gives the same repeat-topic answer; a configuration with more
/// topic labels than the cache holds (31) reads them without it, with the same result.
#[test]
fn repeat_topic_is_the_same_with_the_topic_cache_and_without() {
    let repeat = |e: &Engine, id: &str, text: &str| {
        e.assess(&ticket(id, json!({"id": "c1"}), text), now())
            .unwrap()
            .reasons
            .iter()
            .any(|r| r.signal == "history.repeat_topic")
    };
    let late = "My delivery is late again, where is my order?";
    let login = "I can't log in to my account.";
    let mut cached = Engine::new(None).unwrap();
    cached.load_history(&unhappy_loyal_history()).unwrap();
    let extra: serde_json::Map<String, Value> = (0..40)
        .map(|i| (format!("extra_topic_{i}"), json!([format!("zzword{i}")])))
        .collect();
    let mut uncached = Engine::new(Some(&json!({"lexicons": {"topics": extra}}))).unwrap();
    uncached.load_history(&unhappy_loyal_history()).unwrap();
    for e in [&cached, &uncached] {
        for round in 0..2 {
            assert!(repeat(e, "t1", late), "round {round}");
            assert!(!repeat(e, "t2", login), "round {round}");
        }
    }
}

#[test]
fn plain_questions_find_no_moment_in_the_learned_model() {
    // once read as our mistake and frustration ("hours", "opening"): the learned model must
    // not find a moment in words it reads as routine
    let e = Engine::new(None).unwrap();
    for text in [
        "What are the opening hours of your shop in Lisbon?",
        "Hello, a quick question about my account settings.",
        "Could you send me a copy of my invoice?",
    ] {
        let a = e.assess(&ticket("q", json!({}), text), now()).unwrap();
        assert_eq!(a.band, Band::Transactional, "{text}: {:?}", a.reasons);
        assert!(
            a.matches.iter().all(|m| !m.learned),
            "{text}: {:?}",
            a.matches
        );
    }
}

#[test]
fn the_fitted_first_reply_answers_a_routine_request_plainly_where_the_rules_would_not() {
    use rapport::reply::{self, Reply};
    let e = Engine::new(None).unwrap();
    // a train row of the corpus (msg-r-0114): "waiting for my order since Monday" reads as a
    // late order to the rules, which answer with ownership; the website's 3-5 days are not up
    // (the row that stood here, "third time worked", is now a look-alike in data/cues.txt)
    let text = "Hello, I am waiting for my order since Monday, the website says 3-5 days. Today is Thursday. I only want to know if it is already sent.";
    let a = e.assess(&ticket("T1", json!({}), text), now()).unwrap();
    let x = a.reply_inputs();
    assert_eq!(reply::rules(&x), Reply::Ownership, "{:#?}", a.reasons);
    assert_eq!(a.reply, Reply::PlainAnswer);
    assert_eq!(reply::learned::pick(&x, reply::rules(&x)), a.reply);
    // the top snippet follows the reply
    let top = &e.library()[e
        .library()
        .iter()
        .position(|s| s.id == a.snippets[0].id)
        .unwrap()];
    assert_eq!(top.reply, Some(Reply::PlainAnswer), "{}", a.snippets[0].id);
    // a mistake the customer clearly had to chase keeps its one owner whatever the weights say
    let chased = "You charged me twice!!! Third time I write, nobody answered. Terrible.";
    let b = e.assess(&ticket("T2", json!({}), chased), now()).unwrap();
    let y = b.reply_inputs();
    assert!(reply::binding(&y, reply::rules(&y)), "{:#?}", b.reasons);
    assert_eq!(b.reply, Reply::Ownership);
}

#[test]
fn a_subject_read_for_want_of_customer_words_gives_no_spans_into_the_messages() {
    // an outbound ticket: only the agent has written; the subject is what is read, and its
    // words have no place in `messages` (message 0 is the agent's)
    let e = Engine::new(None).unwrap();
    let t = json!({"id": "O-1", "subject": "You charged me twice for order 1182", "channel": "email",
        "customer": {"email": "x@example.com"},
        "messages": [{"from": "agent", "at": "2026-11-23T09:00:00Z", "text": "Hello, following up on your call."}]});
    let a = e.assess(&t, now()).unwrap();
    let mistake = a.reasons.iter().find(|r| r.signal.id() == "cue.mistake");
    assert!(
        mistake.is_some_and(|r| r.evidence.contains("twice")),
        "{:?}",
        a.reasons
    );
    assert!(
        a.reasons.iter().all(|r| r.spans.is_empty()),
        "{:?}",
        a.reasons
    );
    // nor do the matches (`Match` offsets are into `messages[message].text` too)
    assert!(a.matches.is_empty(), "{:?}", a.matches);
    // an empty customer message (an attachment alone) says nothing: the subject is still read
    let mut t2 = t.clone();
    t2["messages"] = json!([{"from": "customer", "text": "  "}]);
    let a = e.assess(&t2, now()).unwrap();
    assert!(
        a.reasons.iter().any(|r| r.signal.id() == "cue.mistake"),
        "{:?}",
        a.reasons
    );
    // the same words from the customer are placed in their message
    let mut t = t;
    t["messages"][0]["from"] = json!("customer");
    t["messages"][0]["text"] = json!("You charged me twice for order 1182");
    let a = e.assess(&t, now()).unwrap();
    let r = a
        .reasons
        .iter()
        .find(|r| r.signal.id() == "cue.mistake")
        .unwrap();
    assert_eq!((r.spans[0].message, r.spans.is_empty()), (0, false));
    assert!(!a.matches.is_empty());
}
