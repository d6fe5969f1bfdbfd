//! A death beside words of celebration is met as a death, and family words in a routine request
//! make no life event (session 57, from a hostile read's probes): a late husband's birthday was
//! congratulated, a cancellation after a lost pregnancy was met with a save, "my baby was up all
//! night" was a celebration, lost property and a fee question abroad were our mistake.

use rapport::time::parse_iso;
use rapport::Engine;
use serde_json::json;

fn assess_one(e: &Engine, text: &str) -> rapport::Assessment {
    let t = json!({"id": "T1", "channel": "email", "customer": {"id": "n1"},
                   "messages": [{"from": "customer", "text": text}]});
    e.assess(&t, parse_iso("2026-11-23T12:00:00Z").unwrap())
        .unwrap()
}

fn cited(a: &rapport::Assessment, signal: &str) -> bool {
    a.reasons
        .iter()
        .any(|r| r.signal.id() == signal && r.points > 0)
}

#[test]
fn a_late_relatives_birthday_or_a_lost_pregnancy_gets_condolence_not_congratulations() {
    let e = Engine::new(None).unwrap();
    for text in [
        "It's my late husband's birthday tomorrow and I keep getting your 'celebrate his \
         birthday' emails addressed to him. Please make them stop.",
        "Please cancel my pregnancy app subscription. I lost the baby last week.",
    ] {
        let a = assess_one(&e, text);
        assert_eq!(a.reply.as_str(), "condolence", "{text}: {:?}", a.reasons);
        assert!(a.cues.loss > 0.0, "{text}");
        assert_eq!(a.cues.celebration, 0.0, "{text}");
        // no congratulations among the snippets offered (the library's celebration kind)
        assert!(
            a.snippets.iter().all(|s| !matches!(
                &*s.id,
                "birthday-wishes" | "anniversary-thanks" | "milestone-order" | "life-event-gift"
            )),
            "{text}: {:?}",
            a.snippets.iter().map(|s| s.id.to_string()).collect::<Vec<_>>()
        );
    }
    // a birthday of the living is still one
    let a = assess_one(&e, "it's my husband's 60th birthday on Saturday, can you gift wrap it?");
    assert!(a.cues.celebration > 0.0);
}

#[test]
fn family_words_lost_property_and_a_fee_question_make_no_moment() {
    let e = Engine::new(None).unwrap();
    for text in [
        "My baby was up all night and I slept through the delivery slot. Can I rebook it for \
         tomorrow?",
        "I left my umbrella on the train this morning, coach 4, seat 22, the 08:15 to Leeds. \
         Has anyone handed it in?",
        "Are cash withdrawals abroad charged a fee? Off to Greece next week.",
    ] {
        let a = assess_one(&e, text);
        assert!(
            !cited(&a, "cue.mistake") && !cited(&a, "cue.life_event"),
            "{text}: {:?}",
            a.reasons
        );
        assert_eq!(
            (a.band.as_str(), a.reply.as_str()),
            ("transactional", "plain_answer"),
            "{text}"
        );
    }
    // and the same words with our mistake or the family's news still are one
    let a = assess_one(&e, "our baby arrived on Tuesday! can I add her to the family plan?");
    assert!(a.cues.celebration > 0.0);
    let a = assess_one(&e, "you charged me a fee twice for one cash withdrawal abroad");
    assert!(cited(&a, "cue.mistake"), "{:?}", a.reasons);
}
