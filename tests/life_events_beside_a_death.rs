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
            a.snippets
                .iter()
                .map(|s| s.id.to_string())
                .collect::<Vec<_>>()
        );
    }
    // a birthday of the living is still one
    let a = assess_one(
        &e,
        "it's my husband's 60th birthday on Saturday, can you gift wrap it?",
    );
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
    let a = assess_one(
        &e,
        "our baby arrived on Tuesday! can I add her to the family plan?",
    );
    assert!(a.cues.celebration > 0.0);
    let a = assess_one(
        &e,
        "you charged me a fee twice for one cash withdrawal abroad",
    );
    assert!(cited(&a, "cue.mistake"), "{:?}", a.reasons);
}

#[test]
fn a_birthday_in_a_message_that_tells_the_death_is_no_celebration() {
    let e = Engine::new(None).unwrap();
    let a = assess_one(
        &e,
        "Your reminders keep telling me it's Mum's birthday on Friday and to send her \
         flowers. Mum died in March. Please turn them off.",
    );
    assert_eq!(a.cues.celebration, 0.0, "{:?}", a.reasons);
    assert!(a.cues.loss > 0.0);
    assert_eq!(a.reply.as_str(), "condolence");
    // a death in one message and a birthday in another of the thread are two things told
    let t = json!({"id": "T1", "channel": "chat", "customer": {"id": "n1"},
                   "messages": [
                       {"from": "customer", "text": "my dad passed away last month, please close his account"},
                       {"from": "customer", "text": "also it's my daughter's 18th birthday on Saturday, can you gift wrap the necklace?"}]});
    let a = e
        .assess(&t, parse_iso("2026-11-23T12:00:00Z").unwrap())
        .unwrap();
    assert!(
        a.cues.celebration > 0.0 && a.cues.loss > 0.0,
        "{:?}",
        a.cues
    );
}

#[test]
fn an_illness_or_a_divorce_behind_a_cancellation_gets_sympathy_a_lost_job_a_save() {
    let e = Engine::new(None).unwrap();
    for text in [
        "I've been diagnosed with MS and won't be able to ride any more, so please cancel my \
         cycling club membership.",
        "we're divorcing and I need to take my husband off the joint account",
        // session 58: what a crash took, told without an injury's word
        "After the crash I'm not allowed to drive anymore so please cancel the car insurance",
    ] {
        let a = assess_one(&e, text);
        assert_eq!(a.reply.as_str(), "condolence", "{text}: {:?}", a.reasons);
        // sympathy, not "sorry for your loss", which is for a death
        let top = a.snippets.first().map(|s| s.id.to_string());
        assert_eq!(top.as_deref(), Some("life-event-sympathy"), "{text}");
        assert!(!a.snippets[0].text.contains("your loss"), "{text}");
    }
    let a = assess_one(
        &e,
        "My mum passed away last week. What do I need to do to close her account?",
    );
    assert_eq!(a.snippets[0].id.as_ref(), "life-event-condolence");
    assert!(a.snippets[0].text.contains("sorry for your loss"));
    let a = assess_one(
        &e,
        "I was made redundant in October, so please cancel my membership from next month.",
    );
    assert_eq!(a.reply.as_str(), "churn_save", "{:?}", a.reasons);
    // a device that died is no death
    let a = assess_one(
        &e,
        "my phone died halfway through paying, did the order go through?",
    );
    assert_eq!(a.cues.loss, 0.0);
}

#[test]
fn happy_news_beside_an_errand_stays_found_and_a_hundredth_order_is_no_life_event() {
    let e = Engine::new(None).unwrap();
    for text in [
        // the word model read these as no event and vetoed the phrase before session 57
        "Hello, we got the keys to our first place on Friday (still can't quite believe it). \
         Could you update my address on both my current account and my credit card to 7 \
         Larch Close?",
        // and these had no line at all
        "she said YES 💍 need a cake for a little do on Sunday, about 20 of us",
        "hubby and I renewed our vows last weekend after 30 years, can I move £2,000 to my \
         current account to pay the caterers?",
    ] {
        let a = assess_one(&e, text);
        assert!(a.cues.celebration > 0.0, "{text}: {:?}", a.cues);
    }
    let a = assess_one(
        &e,
        "Ha, just placed my 100th order with you! Can I switch it to click & collect?",
    );
    assert_eq!(a.cues.celebration, 0.0, "{:?}", a.reasons);
}

/// From a hostile read of the first version (helper-146, session 57): a baby who died was
/// congratulated, "sorry for your loss" came second for a divorce, a wedding anniversary beside
/// a death in the family was apologised for, and "we're expecting a delivery" was good news.
#[test]
fn a_baby_who_died_a_death_said_with_passed_and_errands_that_sound_like_news() {
    let e = Engine::new(None).unwrap();
    for text in [
        "Our baby was born on Friday but she only lived for two hours. Please cancel the \
         newborn photo shoot booked for the 30th.",
        "My baby was born sleeping on the 2nd. I need to return the unused nappies.",
        "hey it's our 10th wedding anniversary on sat but honestly it's been rough since my \
         husband's mum passed last week. can I change the delivery address?",
        "Today is the anniversary of my wife's death and your app sent me a 'Happy \
         Anniversary!' notification.",
    ] {
        let a = assess_one(&e, text);
        assert_eq!(a.reply.as_str(), "condolence", "{text}: {:?}", a.reasons);
        assert!(a.cues.loss > 0.0, "{text}");
    }
    let a = assess_one(
        &e,
        "we're divorcing and I need to take my husband off the joint account",
    );
    assert!(
        a.snippets.iter().all(|s| !s.text.contains("your loss")),
        "{:?}",
        a.snippets
            .iter()
            .map(|s| s.id.to_string())
            .collect::<Vec<_>>()
    );
    for text in [
        "We're expecting a delivery between 8 and 12 but nobody's shown up.",
        "Our baby monitor app keeps logging me out, any fix?",
        "My ex got married last week and she's still an authorised user on my account.",
    ] {
        assert_eq!(assess_one(&e, text).cues.celebration, 0.0, "{text}");
    }
    let a = assess_one(
        &e,
        "Are there fees for cash withdrawals in the US with the Gold card?",
    );
    assert_eq!(a.cues.mistake, 0.0, "{:?}", a.reasons);
}

#[test]
fn a_death_beside_a_device_that_died_stays_a_death() {
    // session 58: a dead phone dropped the grandad's death too, and the reply was the plain
    // answer; a device alone, or a device in a relative's words, is still no death
    let e = Engine::new(None).unwrap();
    let a = assess_one(
        &e,
        "hi my grandad died last month and now my phone has died too, can you send a \
         replacement handset",
    );
    assert_eq!(a.reply.as_str(), "condolence", "{:?}", a.reasons);
    assert!(a.cues.loss > 0.0);
    // nor does a dead phone in a later message take an earlier message's death
    let t = json!({"id": "T2", "channel": "chat", "customer": {"id": "n1"}, "messages": [
        {"from": "customer", "text": "My dad died last week and I need to close his account."},
        {"from": "customer", "text": "Also my phone has died so I can't get the code you sent."}]});
    let a = e
        .assess(&t, parse_iso("2026-11-23T12:00:00Z").unwrap())
        .unwrap();
    assert_eq!(a.reply.as_str(), "condolence", "{:?}", a.reasons);
    for text in [
        "my phone died, can you send a replacement",
        "my mum said the boiler died again last night, can an engineer come",
    ] {
        let a = assess_one(&e, text);
        assert_eq!(a.cues.loss, 0.0, "{text}: {:?}", a.reasons);
        assert_ne!(a.reply.as_str(), "condolence", "{text}");
    }
}
