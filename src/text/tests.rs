use super::*;

fn a() -> TextAnalyzer {
    TextAnalyzer::builtin()
}

#[test]
fn cue_and_emotion_labels_sit_where_the_learned_model_looks_for_them() {
    // learned.rs reads a look-alike's mask bit at these fixed indices
    let l = &a().patterns.labels;
    for (i, c) in super::CUES.iter().enumerate() {
        assert_eq!(l[i], *c);
    }
    for (i, e) in super::EMOTIONS.iter().enumerate() {
        assert_eq!(l[super::CUES.len() + i], format!("emotion.{e}"));
    }
}

#[test]
fn situations_are_the_sections_of_their_lexicon_and_read_every_message() {
    let an = a();
    // then the two halves of a broken promise told at length (`promise_unkept`)
    assert_eq!(
        an.situations.labels[..super::SITUATIONS.len()],
        super::SITUATIONS
    );
    assert_eq!(
        an.situations.labels[super::SITUATIONS.len()..],
        ["promise.made", "promise.unkept"]
    );
    assert_eq!(super::SITUATIONS[0], "broken_promise");
    assert_eq!(super::BROKEN_PROMISE, 1);
    let s = an.analyze_thread(&[
        (0, "Hi, my order 5521 came today."),
        (2, "You promised a replacement last week and it never came."),
    ]);
    assert_ne!(s.situations & super::BROKEN_PROMISE, 0);
    // a refund that has not come is not a late delivery; software "broken" is not damaged
    assert_eq!(an.analyze("the refund still hasn't shown up").situations, 0);
    assert_eq!(
        an.analyze("EXPORT IS BROKEN SINCE YOUR UPDATE").situations,
        0
    );
    assert_eq!(an.analyze("charged twice for one order").situations, 1 << 1);
}

/// A broken promise told at length, past the pattern language's 8-word gaps, is still one; a
/// promise kept, or one whose "never" comes long after, is not.
#[test]
fn a_broken_promise_told_at_length_is_read() {
    let an = a();
    let said = |t: &str| an.analyze(t).situations & super::BROKEN_PROMISE != 0;
    assert!(said(
        "You promised me on the phone last week that the engineer would come on Monday \
         between eight and twelve. Nobody came and my boiler is still broken."
    ));
    assert!(said(
        "I was told by your colleague Dan on the 3rd of November that my refund would be on my \
         card within five working days. It has been three weeks and nothing has arrived."
    ));
    assert!(!said(
        "You promised the replacement would come on Monday and it did, thank you. The old one \
         was damaged and I sent it back."
    ));
    // reported, or failed in the next sentence, in other words (a hostile helper's cases)
    assert!(said(
        "On the 3rd of November your colleague emailed me to say that the refund for the wrong \
         item would be back on my card by the 10th at the latest, and today is the 23rd and I'm \
         still waiting."
    ));
    assert!(said(
        "You promised a courier would collect the damaged table on Monday 17th. The courier did \
         not turn up."
    ));
    assert!(said(
        "I was told on Friday that someone from your billing department would definitely ring \
         me back about the two payments for one order, and nobody's called, so here I am again."
    ));
    // a delivery estimate is a late parcel, and a promise kept is none
    assert!(!said(
        "My parcel was meant to arrive Tuesday but it's now Thursday and the tracking hasn't \
         moved. Can you check where it is?"
    ));
    assert!(!said(
        "Your colleague promised a callback yesterday and she did call, thank you. I just want \
         to confirm the amount will be £49.99 after the double charge refund."
    ));
    let far = format!(
        "You promised a replacement for the damaged kettle. {} It never came.",
        "We have had a lovely week away in the hills with the children and the dog. ".repeat(4)
    );
    assert!(
        !said(&far),
        "a promise and a \"never\" 50 words apart are not one story"
    );
}

#[test]
fn mistake_cue_quotes_its_words() {
    let s = a().analyze("Hi, you charged me twice for the same order!");
    assert!(s.cues.mistake > 0.5);
    let m = s
        .matches
        .iter()
        .find(|m| m.signal == Cue::Mistake.signal())
        .unwrap();
    assert_eq!(m.text, "charged me twice");
    assert_eq!(
        a().analyze("Can you tell me your exchange rate for euros?")
            .cues
            .mistake,
        0.0
    );
}

#[test]
fn closing_the_account_of_someone_who_died_is_a_loss_not_churn() {
    let an = a();
    let s = an.analyze(
        "My father passed away last month. I am the executor and need to close his account.",
    );
    assert!(s.cues.loss > 0.0 && s.cues.churn == 0.0, "{:?}", s.cues);
    assert!(s.matches.iter().all(|m| m.signal != Cue::Churn.signal()));
    // the customer's own cancellation in another message stays churn
    let both = an.analyze_thread(&[
        (0, "I want to cancel my account."),
        (
            2,
            "Also, my father passed away last month. I am the executor and need to close his account.",
        ),
    ]);
    assert!(both.cues.churn > 0.0, "{:?}", both.cues);
    assert!(both
        .matches
        .iter()
        .any(|m| m.signal == Cue::Churn.signal() && m.message == 0));
    // cancelling one's own plan after a loss stays churn (and loss)
    let own = an.analyze("My husband died in May and I can't afford it now: please cancel my subscription, I'm leaving.");
    assert!(
        own.cues.churn > 0.0 && own.cues.loss > 0.0,
        "{:?}",
        own.cues
    );
}

#[test]
fn churn_cue() {
    assert!(
        a().analyze("I'm switching to a competitor and closing my account")
            .cues
            .churn
            > 0.5
    );
    assert_eq!(
        a().analyze("How do I update my account email?").cues.churn,
        0.0
    );
}

#[test]
fn effort_cue() {
    assert!(
        a().analyze("This is the third time I write and nobody answered")
            .cues
            .effort
            > 0.7
    );
    assert_eq!(
        a().analyze("Where can I download my invoice?").cues.effort,
        0.0
    );
}

#[test]
fn praise_and_loyalty_and_life_events() {
    let s = a().analyze("I've been a customer for 10 years and I love your service, I recommend you to all my friends");
    assert!(s.cues.praise > 0.5 && s.cues.loyalty > 0.3, "{:?}", s.cues);
    assert!(
        a().analyze("The dress is for my daughter's wedding next week")
            .cues
            .life_event
            > 0.3
    );
    assert_eq!(a().analyze("Please send the invoice").cues.praise, 0.0);
}

#[test]
fn emotions() {
    let an = a();
    assert!(
        an.analyze("This is ridiculous, I'm so frustrated and fed up")
            .emotions
            .frustration
            > 0.6
    );
    assert!(
        an.analyze("I'm really worried, I need this medication for my son")
            .emotions
            .distress
            > 0.4
    );
    assert!(
        an.analyze("I don't understand why my bill is different, it makes no sense")
            .emotions
            .confusion
            > 0.4
    );
    assert!(an.analyze("I need it today, it's urgent").emotions.urgency > 0.4);
    assert!(
        an.analyze("Thank you so much, you saved my day")
            .emotions
            .gratitude
            > 0.4
    );
    let calm = an.analyze("Please update the shipping address on order 123.");
    assert_eq!(
        (calm.emotions.frustration, calm.emotions.distress),
        (0.0, 0.0)
    );
}

#[test]
fn caps_raise_emotion() {
    let an = a();
    assert!(
        an.analyze("this is UNACCEPTABLE").emotions.frustration
            > an.analyze("this is unacceptable").emotions.frustration
    );
}

#[test]
fn later_messages_weigh_more() {
    let an = a();
    let t = an.analyze_thread(&[
        (0, "Thanks, great!"),
        (2, "Actually it broke again. Terrible, I'm furious."),
    ]);
    assert!(t.sentiment.compound < 0.0, "{:?}", t.sentiment);
    assert!(t.matches.iter().any(|m| m.message == 2));
}

#[test]
fn offsets_are_utf16() {
    let s = a().analyze("😀 you charged me twice");
    let m = s
        .matches
        .iter()
        .find(|m| m.signal == Cue::Mistake.signal())
        .unwrap();
    let u: Vec<u16> = "😀 you charged me twice".encode_utf16().collect();
    assert_eq!(
        String::from_utf16(&u[m.start..m.end]).unwrap(),
        "charged me twice"
    );
}

#[test]
fn intent_kind_from_taxonomy() {
    let an = a();
    assert_eq!(
        an.analyze("I forgot my password").intent.kind,
        Kind::Transactional
    );
    assert_eq!(
        an.analyze("I want to speak to a human, your bot is useless")
            .intent
            .kind,
        Kind::Relational
    );
}

proptest::proptest! {
    /// Pairing at most 64 of each says what checking every pair says, up to 64 hits of each.
    #[test]
    fn promise_unkept_agrees_with_every_pair(
        spans in proptest::collection::vec((0usize..2, 0usize..300, 0usize..4), 0..40)
    ) {
        let made = super::SITUATIONS.len();
        let hits: Vec<patterns::Hit> = spans
            .iter()
            .map(|&(kind, first, len)| patterns::Hit {
                label: made + kind,
                first,
                last: first + len,
                weight: 1.0,
            })
            .collect();
        let every_pair = hits.iter().filter(|m| m.label == made).any(|m| {
            hits.iter()
                .any(|u| u.label == made + 1 && u.first > m.last && u.first <= m.last + 40)
        });
        proptest::prop_assert_eq!(analyzer::promise_unkept(&hits), every_pair);
    }
}

#[test]
fn indexed_matching_finds_what_trying_every_pattern_everywhere_finds() {
    // the word index and the anchor words only skip patterns that cannot match: the hits and
    // the look-alike mask must be those of the plain search, on real phrasings and on shuffles
    // of their words
    let an = a();
    let plain = an.patterns.without_indexes();
    let texts = [
        "You charged me twice for the same order and I want my money back",
        "hi, I'd like to cancel one of my plans, not the whole account",
        "I'm not cancelling, just asking: is there a fee if I close my account?",
        "THANK YOU VERY MUCH FOR SENDING ME THE WRONG SIZE AGAIN",
        "my bad, I ordered the wrong size. Can I swap it?",
        "The parcel arrived damaged and the courier was rude to my mum",
        "third time I'm writing about this, still no refund, I'm done with you",
        "Thanks in advance! Loved the service for 10 years, customer for life",
        "my husband passed away last month and I need to close his account",
        "it's my birthday tomorrow, can you gift wrap the order please?",
        "love how the router reboots every time someone uses the microwave. top quality",
        "nothing to do with you lot, a cable fault on their side",
    ];
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let check = |text: &str| {
        let toks = tokens::tokenize(text);
        assert_eq!(
            an.patterns.find_with_look_alikes(&toks),
            plain.find_with_look_alikes(&toks),
            "{text}"
        );
    };
    for t in texts {
        check(t);
    }
    let words: Vec<&str> = texts.iter().flat_map(|t| t.split(' ')).collect();
    let mut fired = 0;
    for _ in 0..3000 {
        let n = 3 + (seed % 12) as usize;
        let mut s = Vec::new();
        for _ in 0..n {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            s.push(words[(seed >> 33) as usize % words.len()]);
        }
        let text = s.join(" ");
        fired += !plain.find(&tokens::tokenize(&text)).is_empty() as usize;
        check(&text);
    }
    assert!(fired > 300, "the shuffles should match something: {fired}");
}

#[test]
fn a_hash_filter_holds_every_hash_put_in_and_few_others() {
    let mut f = crate::util::HashFilter::new();
    let put: Vec<u64> = (0..2000u64)
        .map(|i| crate::util::fnv(crate::util::FNV_START, &i.to_le_bytes()))
        .collect();
    for &h in &put {
        f.insert(h);
    }
    assert!(put.iter().all(|&h| f.may_contain(h)));
    let others = (5000..25000u64)
        .map(|i| crate::util::fnv(crate::util::FNV_START, &i.to_le_bytes()))
        .filter(|&h| f.may_contain(h))
        .count();
    assert!(others < 20000 / 50, "{others} of 20,000 absent hashes pass");
    // the default filter knows nothing and so answers "maybe"
    assert!(crate::util::HashFilter::default().may_contain(42));
}

#[test]
fn praise_beside_an_irony_emoji_or_scare_quotes_on_a_failure_is_sarcasm() {
    let praise = |t: &str| a().analyze(t).cues.praise;
    // the same words with and without the marker
    let monday = "Love waking up to the app logging everyone out of every device. Great start to a Monday, thanks team";
    assert!(praise(monday) > 0.0);
    assert_eq!(praise(&format!("{monday} 🙃")), 0.0);
    let late = |q: &str| {
        format!("love that the {q}next day delivery{q} took 6 days, the parcel is still not here. great job")
    };
    assert!(praise(&late("")) > 0.0);
    assert_eq!(praise(&late("'")), 0.0);
    // a put-right word in scare quotes says it was not put right, beside a superlative
    // pushed up; its quotes alone are no marker (a status quoted is meant)
    assert_eq!(
        praise("so you 'fixed' matchmaking and now every game is 5v4. amazing work guys, truly amazing"),
        0.0
    );
    assert!(praise("you fixed matchmaking and now every game is fair. amazing work guys") > 0.0);
    assert!(
        praise("My ticket was marked \"Resolved\" within the hour. Great job, thank you!") > 0.0
    );
    assert_eq!(
        praise("so you “fixed” matchmaking and now every game is 5v4. amazing work guys, truly amazing"),
        0.0,
        "curly quotes too"
    );
    // a failure put right keeps its praise, whatever the emoji
    assert!(praise("They refunded me the same day, brilliant service, thank you 🙃") > 0.0);
    // quotes with no failure beside them are a name, not irony
    assert!(praise("Your 'Quick Start' guide was brilliant, thank you so much") > 0.0);
    // a superlative pushed up beside a failure is irony; with no failure it is meant
    assert_eq!(
        praise("The parcel arrived damaged again. Truly outstanding work."),
        0.0
    );
    assert!(praise("The engineer came the same day, truly outstanding service.") > 0.0);
    // "truly the best" too, and days without the service are a failure of ours
    let telco = |end: &str| {
        format!(
            "@TelcoHelp wow, amazing service as always 👏 third day without internet, love \
             paying for nothing. {end}"
        )
    };
    assert!(praise(&telco("the best.")) > 0.0);
    assert_eq!(praise(&telco("truly the best.")), 0.0);
    assert!(a().analyze(&telco("")).cues.mistake > 0.0);
    assert!(praise("You are truly the best, thank you for the flowers!") > 0.0);
    // "keep it up" beside a failure is irony, beside none it is meant
    assert_eq!(
        praise("Fantastic job guys. Internet dead again tonight. Really impressed. Keep it up."),
        0.0
    );
    assert!(praise("Fantastic job guys. Really impressed. Keep it up.") > 0.0);
    // "really" praises sincerely beside a failure told first
    assert!(
        praise(
            "The first box was damaged. Your driver Tom was really amazing, he waited while I \
             checked the second one."
        ) > 0.0
    );
}

#[test]
fn the_order_topics_are_delivery_and_order_change() {
    let t = a();
    let m = |s: &str| t.topic_mask(s).unwrap() & super::ORDER_TOPICS;
    assert_ne!(m("Where is my parcel?"), 0);
    assert_ne!(m("Please change the size on my order"), 0);
    assert_eq!(m("Please cancel the analytics add-on"), 0);
    assert_eq!(m("Our API is down and the webhook fails"), 0);
    // the two bits are these two topics and no other
    let bits: Vec<&str> = (0..32)
        .filter(|b| super::ORDER_TOPICS >> b & 1 == 1)
        .map(|b| t.topics.labels[b].as_str())
        .collect();
    assert_eq!(bits, ["delivery", "order_change"]);
}

#[test]
fn an_agent_told_it_is_not_to_blame_still_hears_our_mistake() {
    // "not blaming you" exonerates the person, and drops our mistake in its message, unless it
    // is conceded: what comes after the "but" is the customer's point (session 54's probes)
    let a = a();
    for t in [
        "I'm not blaming you personally, but your company charged me twice for the same order and I want it refunded.",
        "Not blaming you, but your courier smashed the parcel and the mug inside is broken.",
        "I know it's nobody's fault really, but you sent me the wrong size twice now.",
    ] {
        assert!(a.analyze(t).cues.mistake > 0.0, "{t}");
    }
    // a third party's failure told before the concession, or after it, stays no mistake of
    // ours (helper-137's probes: customers concede to tell someone else's failure)
    for t in [
        "Not your fault, but my bank has charged me twice for the same payment. Can you confirm you only took it once?",
        "It's nobody's fault but mine, I charged the wrong card twice when I was rushing.",
        "Not your fault, but can you help? My bank charged me twice for the same order.",
        "the customs broker held our shipment, not ur fault i know, but can u help chase them?",
        "@Vireo_Mobile the manufacturer's update bricked my handset, nothing to do with you I know, but can I get a loan phone while it's being repaired?",
    ] {
        assert_eq!(a.analyze(t).cues.mistake, 0.0, "{t}");
    }
}

#[test]
fn a_look_alike_speaks_for_what_was_told_before_it_not_after() {
    let a = a();
    let thread = |msgs: &[&str]| {
        let m: Vec<(usize, &str)> = msgs.iter().copied().enumerate().collect();
        a.analyze_thread(&m).cues
    };
    // told later, after a look-alike: a new event, read
    for t in [
        [
            "Not your fault, the storm knocked out the whole street's line last night. Any idea when it will be back?",
            "Update: the engineer you booked for today never turned up and nobody called. I took the day off for nothing.",
        ],
        [
            "my bad, I typed the wrong postcode, can you fix it?",
            "Your driver threw the parcel over the gate and the lamp inside is broken.",
        ],
        [
            "my bad, I typed the wrong postcode on order 5512, can you fix it before it ships?",
            "It arrived today and the box was crushed and the lamp inside is broken.",
        ],
    ] {
        assert!(thread(&t).mistake > 0.0, "{t:?}");
    }
    let c = thread(&[
        "Not cancelling, just asking what the notice period is.",
        "Actually, cancel my membership, you charged me twice again this month.",
    ]);
    assert!(c.churn > 0.0, "{c:?}");
    // told before it: the look-alike explains it
    let c = thread(&[
        "The hotel gave our room away when we arrived at midnight!",
        "Sorry, we booked the hotel directly with them, so not your problem. Can you move our transfer?",
    ]);
    assert_eq!(c.mistake, 0.0, "{c:?}");
}
