//! Whose failure our own replies say it is (`src/text/agent_words.rs`): a reply that owns a
//! fault makes our mistake with the reply's words as evidence; one that places it elsewhere
//! takes away a mistake only the learned model read; the customer's own words still count.

use rapport::engine::Assessment;
use rapport::time::parse_iso;
use rapport::Engine;
use serde_json::{json, Value};

const NOW: &str = "2026-11-23T12:00:00Z";

/// (author, text) in order.
fn ticket(messages: &[(&str, &str)]) -> Value {
    let messages: Vec<Value> = messages
        .iter()
        .map(|(from, text)| json!({"from": from, "text": text}))
        .collect();
    json!({"id": "t", "customer": {"id": "c1"}, "createdAt": "2026-11-23T08:00:00Z", "messages": messages})
}

fn assess(messages: &[(&str, &str)]) -> Assessment {
    let mut e = Engine::new(None).unwrap();
    e.load_history(&json!({"customers": [{"id": "c1", "name": "Sam"}]}))
        .unwrap();
    e.assess(&ticket(messages), parse_iso(NOW).unwrap())
        .unwrap()
}

fn mistake_points(a: &Assessment) -> i32 {
    a.reasons
        .iter()
        .filter(|r| r.signal.id() == "cue.mistake")
        .map(|r| r.points)
        .sum()
}

const DASHBOARDS: &str = "hi, our dashboards haven't refreshed since last night";
const ETA: &str = "our dispatch team plans the morning runs off the live board. any eta?";
// "ë" is two bytes and one UTF-16 unit: the span is in JavaScript's units
const OWNED: &str =
    "Hi Zoë, sorry about that. I can see a few accounts affected after the 02:00 maintenance.";

#[test]
fn a_reply_that_owns_the_fault_makes_our_mistake_with_its_words() {
    let without = assess(&[("customer", DASHBOARDS), ("customer", ETA)]);
    assert_eq!(mistake_points(&without), 0, "{:?}", without.reasons);

    let with = assess(&[
        ("customer", DASHBOARDS),
        ("agent", OWNED),
        ("customer", ETA),
    ]);
    assert!(mistake_points(&with) > 0, "{:?}", with.reasons);
    let m: Vec<_> = with
        .matches
        .iter()
        .filter(|m| m.signal == "cue.mistake")
        .collect();
    assert_eq!(m.len(), 1, "{m:?}");
    assert_eq!(m[0].message, 1, "the reply's place in the thread");
    let evidence = &with
        .reasons
        .iter()
        .find(|r| r.signal.id() == "cue.mistake")
        .unwrap()
        .evidence;
    assert_eq!(
        evidence,
        "our reply: “affected after the 02:00 maintenance”"
    );
    assert!(!m[0].learned, "a phrase of ours, not the model's reading");
    let units: Vec<u16> = OWNED.encode_utf16().collect();
    assert_eq!(
        String::from_utf16(&units[m[0].start..m[0].end]).unwrap(),
        "affected after the 02:00 maintenance"
    );
    // it is read from words, not guessed: no doubt says the model alone found it
    assert!(
        !with.doubts.iter().any(|d| matches!(
            d,
            rapport::score::Doubt::ModelAlone { signals, .. } if signals.iter().any(|s| s.id() == "cue.mistake")
        )),
        "{:?}",
        with.doubts
    );
}

#[test]
fn an_internal_note_or_a_denial_owns_nothing() {
    for (from, text) in [
        ("note", "Could be our error, checking the maintenance log."),
        (
            "agent",
            "This was not our mistake: the courier's depot was closed.",
        ),
    ] {
        let a = assess(&[("customer", DASHBOARDS), (from, text), ("customer", ETA)]);
        assert_eq!(mistake_points(&a), 0, "{from}: {text}: {:?}", a.reasons);
    }
}

const CODE: &str = "bought the season 6 pass code from the PS store an hour ago and it won't \
    redeem, says 'service unavailable'. sony servers are a joke. does my code expire if I can't use it tonight??";

#[test]
fn a_reply_placing_the_failure_elsewhere_takes_away_the_models_guess() {
    // the learned model alone reads our mistake in the customer's words
    let alone = assess(&[("customer", CODE)]);
    assert!(mistake_points(&alone) > 0, "{:?}", alone.reasons);
    assert!(alone
        .matches
        .iter()
        .filter(|m| m.signal == "cue.mistake")
        .all(|m| m.learned));

    let placed = assess(&[
        ("customer", CODE),
        ("agent", "Hey Luca! PlayStation Network is having an outage right now, so codes can't be redeemed until it's back."),
        ("customer", "ok cool. and the bonus skin, do I lose that if I redeem tomorrow instead?"),
    ]);
    assert_eq!(mistake_points(&placed), 0, "{:?}", placed.reasons);
    assert!(!placed.matches.iter().any(|m| m.signal == "cue.mistake"));
}

#[test]
fn the_customers_own_words_and_an_owned_fault_outweigh_elsewhere() {
    // said outright by the customer: the reply does not unsay it
    let said = assess(&[
        ("customer", "you charged me twice for the same order"),
        (
            "agent",
            "The refund left us on Monday; it is now with your bank to process.",
        ),
        ("customer", "ok"),
    ]);
    assert!(mistake_points(&said) > 0, "{:?}", said.reasons);

    // a reply that both places and owns: ours wins
    let both = assess(&[
        ("customer", CODE),
        (
            "agent",
            "The store is having an outage, and we're seeing errors on our side too.",
        ),
    ]);
    assert!(mistake_points(&both) > 0, "{:?}", both.reasons);
}

/// (label, reply) rows of a check set of replies (data/judgement/checks/README.md).
fn replies(file: &str) -> Vec<(String, String)> {
    let path = format!(
        "{}/data/judgement/checks/{file}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{path}: {e}"))
        .lines()
        .skip(1)
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            assert_eq!(f.len(), 4, "{path}: {l}");
            (f[2].to_string(), f[3].to_string())
        })
        .collect()
}

#[test]
fn the_lines_fire_only_where_the_check_sets_say_so() {
    use rapport::text::agent_words::{builtin_set, read};
    let set = builtin_set();
    // (file, ours right, elsewhere right) as measured on 2026-12-06; each fire is checked.
    // The lines were partly written from these sets (data/judgement/checks/README.md), so this
    // holds them to what they read, not to how they read replies nobody wrote them from
    for (file, ours_at_least, elsewhere_at_least) in [
        ("agent-replies-a.tsv", 18, 24),
        ("agent-replies-b.tsv", 3, 6),
        ("agent-replies-hostile.tsv", 0, 0),
    ] {
        let (mut ours, mut elsewhere) = (0, 0);
        for (label, reply) in replies(file) {
            let said = read(&set, &[(0, reply.as_str())]);
            let got = match (&said.ours, said.elsewhere) {
                (Some(_), _) => "ours",
                (None, Some(_)) => "elsewhere",
                (None, None) => "neither",
            };
            // a fire is always right: a wrong `ours` makes a mistake, a wrong `elsewhere`
            // takes one away; a miss leaves the customer's words to decide
            assert!(
                got == "neither" || got == label,
                "{file}: {label} read as {got}: {reply}"
            );
            ours += (got == "ours") as usize;
            elsewhere += (got == "elsewhere") as usize;
        }
        assert!(ours >= ours_at_least, "{file}: ours {ours}");
        assert!(
            elsewhere >= elsewhere_at_least,
            "{file}: elsewhere {elsewhere}"
        );
    }
}

/// One reply read alone: "ours", "elsewhere" or "neither".
fn reads(reply: &str) -> &'static str {
    use rapport::text::agent_words::{builtin_set, read};
    let said = read(&builtin_set(), &[(0, reply)]);
    match (said.ours, said.elsewhere) {
        (Some(_), _) => "ours",
        (None, Some(_)) => "elsewhere",
        (None, None) => "neither",
    }
}

#[test]
fn a_question_a_conditional_a_denial_or_a_quote_owns_and_places_nothing() {
    // each pair: the plain sentence fires, the same words asked, supposed, denied or quoted do not
    for (plain, not_said) in [
        ("That was our mistake.", "Could this be our mistake?"),
        (
            "The fee was added in error.",
            "If the £12.99 fee was added in error, we'll refund it.",
        ),
        (
            "There is a fault on our side.",
            "I couldn't find any fault on our side.",
        ),
        (
            "There is a fault on our side.",
            "The line test says this isn't\na fault on our side.",
        ),
        (
            "That was our mistake.",
            "You wrote: \"that was our mistake\", but the charge is for your add-on.",
        ),
        (
            "That was our mistake.",
            "Thanks, noted.\n\nOn Monday, Sam wrote:\n> That was our mistake, admit it.",
        ),
        (
            "PlayStation Network is having an outage.",
            "Our website is having technical difficulties.",
        ),
        (
            "Your card has no blocks on it.",
            "Your card has no blocks on it, but we sent the payment to the wrong account.",
        ),
    ] {
        assert_ne!(reads(plain), "neither", "{plain}");
        assert_eq!(reads(not_said), "neither", "{not_said}");
    }
    // a refund's usual timing places nothing
    assert_eq!(
        reads("Sorry about that, I've refunded it: depending on your bank it can take 3-5 days."),
        "neither"
    );
}

#[test]
fn the_latest_reply_decides_and_a_later_dispute_is_read() {
    use rapport::text::agent_words::{builtin_set, read};
    let set = builtin_set();
    let owned = "I can see the payment was duplicated by a processing fault on our side.";
    let placed = "Update: that charge is from Amazon, not from us.";
    let said = read(&set, &[(1, owned), (3, placed)]);
    assert_eq!((said.ours.is_some(), said.elsewhere), (false, Some(3)));
    let said = read(&set, &[(1, placed), (3, owned)]);
    assert_eq!(
        (said.ours.map(|m| m.message), said.elsewhere),
        (Some(3), None)
    );

    // what the model read before the placing reply goes; a later message it reads stays
    let before = assess(&[("customer", CODE), ("agent", PLACED_PSN)]);
    assert_eq!(mistake_points(&before), 0, "{:?}", before.reasons);
    let after = assess(&[("agent", PLACED_PSN), ("customer", CODE)]);
    assert!(mistake_points(&after) > 0, "{:?}", after.reasons);
}

const PLACED_PSN: &str =
    "Hey Luca! PlayStation Network is having an outage right now, so codes can't be redeemed until it's back.";
