//! Within one reply kind, the snippet must say what happened: "the second charge should never
//! have happened" only for a double charge, "your order is late" only for a late delivery,
//! and a customer whose promised replacement never came gets ownership, not the same promise
//! again (issue 19). The specific snippets name a situation (`data/situations.txt`) in
//! `fits.topics`; without it the general apology fits.

use rapport::time::parse_iso;
use rapport::Engine;
use serde_json::json;

/// One email from a customer with no history, assessed on a fixed day.
fn assess_one(e: &Engine, text: &str) -> rapport::Assessment {
    let t = json!({"id": "T1", "channel": "email", "customer": {},
                   "messages": [{"from": "customer", "text": text}]});
    e.assess(&t, parse_iso("2026-11-23T12:00:00Z").unwrap())
        .unwrap()
}

/// Each text, alone, lands in `band` with `reply` (when given) as its first reply kind.
fn each_reads_as(e: &Engine, texts: &[&str], band: &str, reply: Option<&str>) {
    for text in texts {
        let a = assess_one(e, text);
        assert_eq!(a.band.as_str(), band, "{text}");
        if let Some(reply) = reply {
            assert_eq!(a.reply.as_str(), reply, "{text}");
        }
    }
}

fn ids(text: &str) -> (String, Vec<String>, Vec<String>) {
    let a = assess_one(&Engine::new(None).unwrap(), text);
    (
        a.reply.as_str().to_string(),
        a.snippets.iter().map(|s| s.id.to_string()).collect(),
        a.snippets.iter().map(|s| s.text.to_string()).collect(),
    )
}

/// The first snippet whose id starts with `apology-`.
fn first_apology(ids: &[String]) -> Option<&str> {
    ids.iter()
        .map(|s| s.as_str())
        .find(|s| s.starts_with("apology-"))
}

#[test]
fn each_specific_apology_is_for_its_own_mistake() {
    for (text, want) in [
        (
            "You charged me twice for order 5521, 40 pounds each time. I want one back.",
            "apology-charged-twice",
        ),
        (
            "wrong item in the parcel, what now?",
            "apology-wrong-item",
        ),
        (
            "the box had the wrong shoes in it, not the model or size I ordered",
            "apology-wrong-item",
        ),
        (
            "My vase arrived smashed, the box was crushed. Really disappointed.",
            "apology-damaged-item",
        ),
        // details on a document are corrected papers, not a parcel swapped (session 46)
        (
            "the insurance documents you sent have the wrong car on them, please correct them",
            "apology-wrong-details",
        ),
        (
            "You put the wrong name on our tickets, it is Keaveney not Keaveny. Please fix it.",
            "apology-wrong-details",
        ),
        (
            "you sent me the wrong size, I ordered a 10 and got a 14",
            "apology-wrong-item",
        ),
        (
            "My order 7781 is a week late and nobody has told me anything. Annoyed.",
            "apology-late-delivery",
        ),
        (
            "the exchange rate on my purchase was wrong, I was charged far more than the rate shown",
            "apology-make-good",
        ),
    ] {
        let (_, ids, _) = ids(text);
        assert_eq!(first_apology(&ids), Some(want), "{text:?}: {ids:?}");
    }
}

#[test]
fn a_snippet_about_another_mistake_ranks_below_the_general_apology() {
    for (text, not) in [
        // a wrong rate is billing, but nobody was charged twice
        (
            "the exchange rate on my purchase was wrong, I was charged far more than the rate shown",
            "apology-charged-twice",
        ),
        // a parcel is mentioned, but nothing is late
        ("wrong item in the parcel, what now?", "apology-late-delivery"),
        // software that is "broken" did not arrive damaged
        (
            "EXPORT TO CSV IS BROKEN SINCE YOUR UPDATE. ALL COLUMNS SHIFTED BY ONE. FIX IT.",
            "apology-damaged-item",
        ),
        // a refund that has not come is not a late order
        (
            "thanks for getting back so fast. unfortunately the refund you mentioned still hasn't shown up, it's been 10 days now",
            "apology-late-delivery",
        ),
    ] {
        let (_, ids, _) = ids(text);
        let at = |id: &str| ids.iter().position(|i| i == id).unwrap_or(usize::MAX);
        assert!(at(not) > at("apology-make-good"), "{text:?}: {ids:?}");
    }
}

#[test]
fn a_broken_promise_gets_ownership_not_the_same_promise_again() {
    for text in [
        "you promised a replacement last week and it never came",
        "I was told on the phone that you'd refund the forty two pounds by Friday. It hasn't come.",
        "the engineer was supposed to come between 8 and 12 today, I waited all morning and nobody showed up",
    ] {
        let (reply, ids, texts) = ids(text);
        assert_eq!(reply, "ownership", "{text:?}: {ids:?}");
        assert_eq!(ids[0], "ownership-broken-promise", "{text:?}: {ids:?}");
        assert!(
            !texts[0].contains("within one working day"),
            "{text:?}: {}",
            texts[0]
        );
    }
}

#[test]
fn a_death_gets_condolence_and_a_frightening_loss_reassurance() {
    for (text, want) in [
        (
            "My husband died last Tuesday. I'm sorry, I can't think straight. I'm so scared, I don't know what to do about his account, please help me.",
            "condolence",
        ),
        (
            "I've just been in a car accident on the A40. I'm okay but really shaken and terrified, the car can't be driven. I don't know what to do. Please help.",
            "reassure_distress",
        ),
        (
            "I lost my job last week and I'm really scared I won't make the loan payment on the 1st. I don't know what to do, please help.",
            "reassure_distress",
        ),
        // a death told without "passed away" or "funeral"; a pet put to sleep
        (
            "Hello, my dad, Peter Lowe, died on the 2nd. Could you close his account and stop the paper? Thank you.",
            "condolence",
        ),
        (
            "Our old dog Max was put to sleep on Monday. Please cancel his insurance policy.",
            "condolence",
        ),
        // a lost job that makes a subscription too dear is met as the cancellation
        (
            "Please cancel my wine club membership, it is too dear for us now that I lost my work in May.",
            "churn_save",
        ),
    ] {
        let (reply, ids, _) = ids(text);
        assert_eq!(reply, want, "{text:?}: {ids:?}");
    }
}

#[test]
fn a_thank_you_letter_that_tells_what_went_wrong_is_thanked() {
    let text = "Hi, I just wanted to say thank you to Sophie on your chat. The parcel came a week late and the box was dented, but she kept me updated every day and sorted a voucher without me asking. Really impressed with how she handled it, thank you so much.";
    let (reply, ids, _) = ids(text);
    assert_eq!(reply, "thanks_praise", "{ids:?}");
}

#[test]
fn a_promise_broken_after_a_fault_is_not_made_again() {
    // the fault names the damaged-item snippet, which promises a replacement "within one
    // working day": the very promise that was broken
    let text = "The blender arrived with a cracked jug. Your agent said a replacement would be with me within one working day. That was two weeks ago.";
    let (reply, ids, texts) = ids(text);
    assert_eq!(reply, "ownership", "{ids:?}");
    assert_eq!(ids[0], "ownership-broken-promise", "{ids:?}");
    assert!(!texts[0].contains("within one working day"), "{}", texts[0]);
}

#[test]
fn a_question_about_a_double_charge_gets_no_apology_for_one() {
    let text = "If I pay the invoice by card today and the direct debit also goes out, will I be charged twice?";
    let (reply, ids, _) = ids(text);
    assert_ne!(reply, "apology_makegood", "{ids:?}");
    assert_ne!(ids[0], "apology-charged-twice", "{ids:?}");
}

#[test]
fn a_thanked_fix_gets_a_thank_you_snippet_first() {
    let text = "Hi, I just wanted to say thank you to Jonas. We were charged twice for the annual plan, and he refunded the duplicate the same afternoon and explained everything so kindly. Brilliant service, thank you.";
    let (reply, ids, _) = ids(text);
    assert_eq!(reply, "thanks_praise", "{ids:?}");
    assert!(ids[0].starts_with("praise-"), "{ids:?}");
}

/// Thoughts of ending one's life, beside whatever the ticket asks ("I just need to withdraw"),
/// are a safeguarding moment: critical with reassurance first, with no history to lift them
/// (a student's message in the sixth blind set read as a loss with a condolence). The words
/// said of something else stay out of it.
#[test]
fn thoughts_of_ending_a_life_are_critical_with_reassurance_first() {
    let e = Engine::new(None).unwrap();
    let assess = |text: &str| assess_one(&e, text);
    let disclosures = [
        "hi. I've failed two modules and I can't face the resits. I haven't left my room in a week and I keep thinking everyone would be better off if I just wasn't here. sorry. I just need to withdraw or something.",
        "please close my account. honestly I don't want to be alive anymore",
        "cancel everything. there's no point in going on, I've been thinking of ending my life",
        "sorry if this is a weird place to say it but i am having thoughts of hurting myself",
        "I can't stop thinking about killing myself since the repossession letter",
        "My son is suicidal and I can't get to the bank, can I add a power of attorney?",
        "nobody would even notice if I ended it all",
        "I was in hospital after an overdose so I missed the deadline for resubmission",
        "Please close my current account. I won't be needing it, I'm planning to end my life this weekend.",
        "I've been stockpiling my pills. Can you just cancel the direct debit so my wife isn't charged.",
        "i might just kill myself if this loan keeps going up",
        // half said, or a method named (session 35, worded here, not copied from the probes)
        "Put the energy bill on hold please, I won't be around much longer anyway",
        "Honestly I've lost the will to live since the business went under. Can you close the card?",
        "been self harming again since the redundancy letter, can you pause the repayments",
        "I keep thinking about stepping in front of a train on the way to work. I can't pay this.",
        "i wish i could go to sleep and not wake up. cancel the phone contract",
        "I'm so tired of living. Just cancel the subscription",
        "I've been googling how many tablets it would take. Please stop the court letters.",
        "since my overdose in the spring I've not been able to work, can I pause the loan?",
    ];
    each_reads_as(&e, &disclosures, "critical", Some("reassure_distress"));
    // the same words said of something else, or denied (a hostile read, session 34)
    for text in [
        "I'd never hurt myself on it, but the blade guard on the mower came loose",
        "Suicide Squad attempt number three crashed on load, PS5, please refund",
        "I could kill myself for forgetting the password again, can you reset it?",
        "lol I'm killing myself laughing at the new loading screen",
        "the kids are better off if I wasn't working Saturdays, can I change my shift pattern?",
        "Honestly the team is better off without me on the admin role, please move it to Sarah",
        "I don't want to be here anymore, this gym is filthy. Can I transfer to the other branch?",
        "There's no point to live streaming on this connection",
        "Can I get the reading list for the module on suicidal ideation in adolescents?",
        "I'm not suicidal or anything, just fed up with being on hold for 2 hours",
        "Please end my life insurance policy from next month",
        "Go on, take my life savings, you've taken everything else",
        "Ha! Take my life, take my money, whatever. Just fix the login.",
        "Please cancel, I'm taking my life in a different direction and moving abroad",
        "Thinking of ending my life insurance, what's the cancellation fee?",
        "my character keeps trying to kill myself when I press jump, bug?",
        "Am I going to hurt myself financially by paying the mortgage off early?",
        "Don't panic, I don't want to kill myself, I just want this sorted",
        "I cut myself on the packaging opening the knife block, can you send a plaster? joking, but the box is sharp",
        "My husband's diagnosis came last week and I'm still trying to take it in. What does the policy cover?",
        "I'd be better off without me paying for sports channels I never watch",
        "She's better off without me managing the account, please make her the owner",
        "No reason to live in zone 6 if your trains never run",
        "I won't be around next week, please deliver on the 14th instead",
        "tried to kill myself when I pressed the respawn button, game bug?",
        "we want to stock overdose prevention kits for our charity, do you supply them?",
    ] {
        assert_eq!(assess(text).emotions.distress, 0.0, "{text}");
    }
}

/// Distress told in one message lasts through the plain follow-ups after it: a frightened
/// parent who then adds a username is no calmer (the emotions fade with a message's age; before
/// session 34 distress did too, and this thread read relational).
#[test]
fn distress_in_an_earlier_message_is_not_faded_by_a_plain_follow_up() {
    let e = Engine::new(None).unwrap();
    let first = "Please help. A man in the game chat has been messaging my 10 year old for days and tonight asked her to send photos of herself and keep it secret. I'm shaking. How do I block and report him?";
    for follow_ups in [
        &[][..],
        &["his name in the game is Wolfie_77"][..],
        &["his name in the game is Wolfie_77", "please answer"][..],
    ] {
        let mut messages = vec![json!({"from": "customer", "text": first})];
        messages.extend(
            follow_ups
                .iter()
                .map(|t| json!({"from": "customer", "text": t})),
        );
        let t = json!({"id": "T1", "channel": "chat", "customer": {}, "messages": messages});
        let a = e
            .assess(&t, parse_iso("2026-11-23T12:00:00Z").unwrap())
            .unwrap();
        assert_eq!(a.band.as_str(), "critical", "{follow_ups:?}: {}", a.score);
        assert_eq!(a.reply.as_str(), "reassure_distress", "{follow_ups:?}");
    }
}

/// A death told plainly beside a practical request is a life event (relational, condolence
/// first); grief told in words that overwhelm is distress (critical, condolence first). The
/// learned model read both critical (session 35: its distress beside a loss told in words is
/// capped, `GRIEF_ALONE` in src/text/learned.rs).
#[test]
fn a_death_told_plainly_is_relational_and_grief_that_overwhelms_is_critical() {
    let e = Engine::new(None).unwrap();
    let plain = [
        "My mum died in the summer and I need to close her mobile contract. I have the death certificate.",
        "My father passed away on 2 November. I'm living in his house now and need to move the electricity account into my name. What do you need from me?",
        "Our son passed away in June. We'd like to close his mobile contract but keep the number for a few months. Is that possible?",
    ];
    each_reads_as(&e, &plain, "relational", Some("condolence"));
    let overwhelmed = [
        "My wife died last Tuesday. I'm sorry, I can't think straight. She had a life policy with you and I don't know what happens now.",
        "My husband died on Friday and I can't cope. The bank has frozen everything and I have no money for food.",
    ];
    each_reads_as(&e, &overwhelmed, "critical", None);
}

/// A death said the way banks, estates and families say it ("the account holder is deceased",
/// "no longer with us", "we lost him in the spring") is a loss met with condolence, not a
/// cancellation to save; its look-alikes are not (session 37: the first three read as churn,
/// a save offered first, and "deceased" was in none of the corpus's 9,720 messages).
#[test]
fn a_death_said_without_the_word_died_gets_condolence_not_a_save() {
    let e = Engine::new(None).unwrap();
    let deaths = [
        "The account holder is deceased. Please close the account and send the closing balance to the solicitor.",
        "Please close my dad's account, he's no longer with us.",
        "Hi, I am executor of my late uncle's estate and need his broadband contract ended.",
        "We lost mum in the spring. Can you stop her weekly veg box please?",
        "my grandad is at peace now, pls cancel his paper",
    ];
    each_reads_as(&e, &deaths, "relational", Some("condolence"));
    for text in [
        "Our old office manager is no longer with us, please make me the account owner instead.",
        "Your records list me as deceased and my card has been stopped. I am very much alive!",
        "my phone is dead and I can't get the code, can you text it to my other number?",
    ] {
        let a = assess_one(&e, text);
        assert_ne!(a.reply.as_str(), "condolence", "{text}");
        assert!(
            !a.reasons.iter().any(|r| r.signal.id() == "cue.life_event"),
            "{text}: {:?}",
            a.reasons
        );
    }
}
