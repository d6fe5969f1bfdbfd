//! The advised first reply follows what the agent is shown (session 56): our mistake listed
//! with points gets an apology whatever the band, and a thank-you letter is no churn threat
//! because a word model read "years" and "I will" in it. Both read otherwise before.

use rapport::time::parse_iso;
use rapport::Engine;
use serde_json::json;

fn assess_one(e: &Engine, text: &str) -> rapport::Assessment {
    let t = json!({"id": "T1", "channel": "email", "customer": {"id": "n1"},
                   "messages": [{"from": "customer", "text": text}]});
    e.assess(&t, parse_iso("2026-11-23T12:00:00Z").unwrap())
        .unwrap()
}

fn points(a: &rapport::Assessment, signal: &str) -> i64 {
    a.reasons
        .iter()
        .filter(|r| r.signal.id() == signal)
        .map(|r| r.points as i64)
        .sum()
}

#[test]
fn our_mistake_shown_with_points_is_answered_with_an_apology_first() {
    let e = Engine::new(None).unwrap();
    for text in [
        "the box had the wrong shoes in it, not the model or size I ordered",
        "wrong item in the parcel, what now?",
        "the exchange rate on my purchase was wrong",
        "there is an unexplained small fee on my statement",
    ] {
        let a = assess_one(&e, text);
        assert!(points(&a, "cue.mistake") > 0, "{text}: {:?}", a.reasons);
        assert_eq!(a.reply.as_str(), "apology_makegood", "{text}");
        // and the top snippet is of the kind advised
        let top = a.snippets.first().map(|s| s.id.to_string());
        assert!(
            top.as_deref().is_some_and(|id| id.starts_with("apology-")),
            "{text}: {top:?}"
        );
    }
    // a routine question with no mistake keeps its plain answer
    let a = assess_one(&e, "is there a charge for exchanging money?");
    assert_eq!(
        (a.band.as_str(), a.reply.as_str()),
        ("transactional", "plain_answer")
    );
}

#[test]
fn a_thank_you_letter_is_no_churn_threat_but_a_cancellation_beside_praise_is() {
    let e = Engine::new(None).unwrap();
    let letter = "I just wanted to write and say how grateful I am to Priya in your support \
        team. She went above and beyond to sort out my account, called me back twice and \
        explained everything so patiently. I have been with you for years and after this I \
        will be a customer for life. Thank you all.";
    let a = assess_one(&e, letter);
    assert_eq!(points(&a, "cue.churn"), 0, "{:?}", a.reasons);
    assert!(points(&a, "cue.praise") > 0, "{:?}", a.reasons);
    assert_eq!(
        (a.band.as_str(), a.reply.as_str()),
        ("relational", "thanks_praise")
    );
    let a = assess_one(
        &e,
        "Thank you for years of great service. Sadly I have decided to end my membership at the end of the month.",
    );
    assert!(points(&a, "cue.churn") > 0, "{:?}", a.reasons);
}

#[test]
fn a_happy_event_shown_with_points_is_congratulated_first_and_gets_no_apology() {
    let e = Engine::new(None).unwrap();
    let a = assess_one(
        &e,
        "I'd like to order a birthday gift for my sister, can you gift wrap it?",
    );
    assert!(points(&a, "cue.life_event") > 0, "{:?}", a.reasons);
    assert_eq!(a.reply.as_str(), "celebration");
    // and nobody is offered an apology for a mistake they never told of
    let ids: Vec<String> = a.snippets.iter().map(|s| s.id.to_string()).collect();
    let first_apology = ids.iter().position(|i| i.starts_with("apology-"));
    assert!(first_apology.is_none_or(|at| at >= 3), "{ids:?}");
}

/// From a hostile read of the first version (helper-142): one phrase line of churn is not enough
/// to advise a save, and thanks beside a cancellation the model reads surely do not hide it.
#[test]
fn one_faint_churn_line_advises_no_save_and_thanks_do_not_hide_a_sure_cancellation() {
    let e = Engine::new(None).unwrap();
    for text in [
        "Do I need to give notice if I want to change my direct debit date to the 15th?",
        "I'm joining you from Vodafone next week - do I need to get a PAC code from them first?",
    ] {
        assert_ne!(assess_one(&e, text).reply.as_str(), "churn_save", "{text}");
    }
    let a = assess_one(
        &e,
        "I've found a cheaper provider, thanks for everything over the years, your staff have \
         always been lovely. What do I need to do to switch over?",
    );
    assert!(points(&a, "cue.churn") > 0, "{:?}", a.reasons);
    assert_eq!(a.reply.as_str(), "churn_save");
}
