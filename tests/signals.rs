//! One case per signal: the case produces the signal's reason with points, and an engine whose
//! weight for that signal is 0 scores the same ticket lower by exactly those points. Remove a
//! signal from the engine and its case fails.

use rapport::score::{Band, Doubt};
use rapport::signals::SignalId;
use rapport::signals::SIGNALS;
use rapport::time::parse_iso;
use rapport::Engine;
use serde_json::{json, Value};

const NOW: &str = "2026-11-23T12:00:00Z";

fn ticket(texts: &[&str]) -> Value {
    let messages: Vec<Value> = texts
        .iter()
        .map(|t| json!({"from": "customer", "text": t}))
        .collect();
    json!({"id": "t", "customer": {"id": "c1"}, "createdAt": "2026-11-23T08:00:00Z", "messages": messages})
}

fn plain_customer() -> Value {
    json!({"customers": [{"id": "c1", "name": "Sam"}]})
}

/// A one-customer engine with no past (`plain_customer`) and its assessment of one message.
fn assessed_plain(text: &str) -> (Engine, rapport::engine::Assessment) {
    let mut e = Engine::new(None).unwrap();
    e.load_history(&plain_customer()).unwrap();
    let a = e.assess(&ticket(&[text]), parse_iso(NOW).unwrap()).unwrap();
    (e, a)
}

/// The matches of one signal (`cue.loss`, `emotion.distress`) in an assessment.
fn matches_of<'a>(
    a: &'a rapport::engine::Assessment,
    signal: &str,
) -> Vec<&'a rapport::text::Match> {
    a.matches.iter().filter(|m| m.signal == signal).collect()
}

/// (signal, ticket, history) — the history gives a known customer unless the case is about history.
fn case(signal: &str) -> (Value, Value) {
    let t = |x: &str| ticket(&[x]);
    let neutral = "Hello, a question about my order.";
    match signal {
        "intent.relational" => (
            t("I want to file a complaint about your service"),
            plain_customer(),
        ),
        "intent.transactional" => (t("How do I reset my password?"), plain_customer()),
        "sentiment.negative" => (t("This is awful and horrible."), plain_customer()),
        "sentiment.positive" => (
            t("Wonderful news, I am so happy, what a lovely and great day!"),
            plain_customer(),
        ),
        "emotion.frustration" => (t("I'm so frustrated, this is ridiculous"), plain_customer()),
        "emotion.distress" => (
            t("I'm really worried and anxious about my order"),
            plain_customer(),
        ),
        "emotion.confusion" => (t("I'm confused, the bill makes no sense"), plain_customer()),
        "emotion.urgency" => (t("I need this urgently, asap please"), plain_customer()),
        "emotion.gratitude" => (t("Thank you, I'm grateful for the help"), plain_customer()),
        "cue.mistake" => (t("You charged me twice for one order"), plain_customer()),
        "cue.churn" => (
            t("I'm cancelling my subscription and switching to a competitor"),
            plain_customer(),
        ),
        "cue.effort" => (
            t("This is the third time I write about my order"),
            plain_customer(),
        ),
        "cue.praise" => (
            t("Amazing service, I recommend you to everyone"),
            plain_customer(),
        ),
        "cue.loyalty" => (
            t("I'm a loyal customer and I have a question about my order"),
            plain_customer(),
        ),
        "cue.life_event" => (
            t("The order is a gift for my daughter's wedding"),
            plain_customer(),
        ),
        "thread.unanswered" => (
            ticket(&[neutral, "Hello?", "Anyone there?"]),
            plain_customer(),
        ),
        "ticket.time_open" => {
            let mut x = t(neutral);
            x["createdAt"] = json!("2026-11-17T08:00:00Z");
            (x, plain_customer())
        }
        "history.tenure" => (
            t(neutral),
            json!({"customers": [{"id": "c1", "since": "2020-01-01"}]}),
        ),
        "history.value" => (
            t(neutral),
            json!({"customers": [{"id": "c1", "lifetimeValue": 3000}]}),
        ),
        "history.orders" => {
            let orders: Vec<Value> = (0..8)
                .map(|i| json!({"id": format!("o{i}"), "customerId": "c1", "at": "2026-01-01"}))
                .collect();
            (
                t(neutral),
                json!({"customers": [{"id": "c1"}], "orders": orders}),
            )
        }
        "history.tier" => (
            t(neutral),
            json!({"customers": [{"id": "c1", "tier": "Gold"}]}),
        ),
        "history.csat_low" => (
            t(neutral),
            json!({"customers": [{"id": "c1"}], "tickets": [{"id": "p", "customerId": "c1", "createdAt": "2026-05-01", "csat": 1}]}),
        ),
        "history.nps_detractor" => (
            t(neutral),
            json!({"customers": [{"id": "c1"}], "surveys": [{"customerId": "c1", "at": "2026-05-01", "kind": "nps", "score": 2}]}),
        ),
        "history.nps_promoter" => (
            t(neutral),
            json!({"customers": [{"id": "c1"}], "surveys": [{"customerId": "c1", "at": "2026-05-01", "kind": "nps", "score": 10}]}),
        ),
        "history.nps_drop" => (
            t(neutral),
            json!({"customers": [{"id": "c1"}], "surveys": [{"customerId": "c1", "at": "2026-01-01", "kind": "nps", "score": 10}, {"customerId": "c1", "at": "2026-05-01", "kind": "nps", "score": 7}]}),
        ),
        "history.recent_contacts" => (
            t(neutral),
            json!({"customers": [{"id": "c1"}], "tickets": [{"id": "p", "customerId": "c1", "createdAt": "2026-11-20", "subject": "Gift card"}]}),
        ),
        "history.repeat_topic" => (
            t("My parcel has not arrived"),
            json!({"customers": [{"id": "c1"}], "tickets": [{"id": "p", "customerId": "c1", "createdAt": "2026-08-01", "subject": "Late delivery"}]}),
        ),
        "history.broken_promise" => (
            // a callback promised for Friday 20 November, asked after on Monday the 23rd
            t("Any news on my delayed order?"),
            json!({"customers": [{"id": "c1"}], "tickets": [{"id": "p", "customerId": "c1", "createdAt": "2026-11-16", "subject": "Order delayed: we will call back by Fri 20 Nov"}]}),
        ),
        "moment.birthday" => (
            t(neutral),
            json!({"customers": [{"id": "c1", "birthday": "1990-11-25"}]}),
        ),
        "moment.anniversary" => (
            t(neutral),
            json!({"customers": [{"id": "c1", "since": "2023-11-26"}]}),
        ),
        "moment.milestone_order" => {
            let orders: Vec<Value> = (0..10).map(|i| json!({"id": format!("o{i}"), "customerId": "c1", "at": if i == 9 { "2026-11-20" } else { "2025-01-01" }})).collect();
            (
                t(neutral),
                json!({"customers": [{"id": "c1"}], "orders": orders}),
            )
        }
        "combo.mistake_valued" => (
            t("You charged me twice for one order"),
            json!({"customers": [{"id": "c1", "tier": "gold"}]}),
        ),
        "combo.churn_valued" => (
            // no more than this: "…, I am moving to another provider." also read as
            // frustration scores 98 to 100, at the clamp where removing a signal removes less
            t("Please close my account."),
            json!({"customers": [{"id": "c1", "tier": "gold"}]}),
        ),
        "customer.unknown" => (t(neutral), json!({})),
        other => panic!("no test case for signal {other}: add one"),
    }
}

#[test]
fn every_signal_has_a_case_that_fires_it_and_counts() {
    let now = parse_iso(NOW).unwrap();
    for s in SIGNALS {
        let (mut ticket, history) = case(s.id.id());
        if rapport::signals::AMPLIFIERS.contains(&s.id) && !s.id.id().starts_with("combo.") {
            // customer weight counts only with a moment to amplify: give it one (a combo's
            // case carries its own). A lone "You sent me the wrong item." after "a question
            // about my order" is vetoed by the learned model (a known limit, README "Judgement
            // card"); "charged me twice" is a strong pattern it does not overrule. One moment,
            // not two: the fitted milestone weight (42) beside two would clamp at 100.
            let m = &mut ticket["messages"][0]["text"];
            *m = json!(format!("{} You charged me twice.", m.as_str().unwrap()));
        }
        let mut on = Engine::new(None).unwrap();
        on.load_history(&history).unwrap();
        let a = on.assess(&ticket, now).unwrap();
        let r = a
            .reasons
            .iter()
            .find(|r| r.signal == s.id)
            .unwrap_or_else(|| panic!("{}: no reason in {:#?}", s.id, a.reasons));
        assert!(
            !r.label.is_empty() && !r.evidence.is_empty(),
            "{}: label and evidence",
            s.id
        );
        // the points in force: the fitted defaults (data/score_fit.json) over SIGNALS; a signal
        // the fit set to 0 is shown at 0 points
        if rapport::config::Config::default().weight(s.id.id()) == 0.0 {
            assert_eq!(r.points, 0, "{}", s.id);
            continue;
        }
        assert!(r.points > 0, "{}: {} points", s.id, r.points);
        let mut off = Engine::new(Some(&json!({"weights": {s.id.id(): 0}}))).unwrap();
        off.load_history(&history).unwrap();
        let b = off.assess(&ticket, now).unwrap();
        assert!(a.score < 100, "{}: case must not be clamped", s.id);
        assert_eq!(
            a.score - b.score,
            r.points,
            "{}: removing the signal removes its points",
            s.id
        );
    }
}

#[test]
fn text_spans_point_at_the_quoted_words() {
    let now = parse_iso(NOW).unwrap();
    let e = Engine::new(None).unwrap();
    let texts = ["Hi 👋", "Ça suffit: you charged me twice and I'm furious!"];
    let a = e.assess(&ticket(&texts), now).unwrap();
    for r in a.reasons.iter().filter(|r| !r.spans.is_empty()) {
        for sp in &r.spans {
            let u: Vec<u16> = texts[sp.message].encode_utf16().collect();
            let quoted = String::from_utf16(&u[sp.start..sp.end]).unwrap();
            assert!(
                r.evidence.contains(&quoted) || r.signal == "sentiment.negative",
                "{}: {quoted} vs {}",
                r.signal,
                r.evidence
            );
        }
    }
    assert!(a
        .reasons
        .iter()
        .any(|r| r.signal == "cue.mistake" && r.spans[0].message == 1));
}

#[test]
fn customer_weight_alone_adds_nothing_to_a_routine_request() {
    let now = parse_iso(NOW).unwrap();
    for id in rapport::signals::AMPLIFIERS {
        let (_, history) = case(id.id());
        let mut e = Engine::new(None).unwrap();
        e.load_history(&history).unwrap();
        let a = e
            .assess(&ticket(&["Can you send me a copy of my invoice?"]), now)
            .unwrap();
        for r in a.reasons.iter().filter(|r| r.signal == *id) {
            assert_eq!(r.points, 0, "{id} alone: {r:?}");
            assert!(
                r.label.contains("no moment to amplify"),
                "{id}: {}",
                r.label
            );
        }
        assert_eq!(
            a.band,
            rapport::score::Band::Transactional,
            "{id}: {:?}",
            a.reasons
        );
    }
}

#[test]
fn a_thank_you_for_a_fix_is_not_a_repeat_problem_but_a_new_complaint_is() {
    let now = parse_iso(NOW).unwrap();
    let history = json!({"customers": [{"id": "c1"}], "tickets": [
        {"id": "p", "customerId": "c1", "createdAt": "2026-11-10", "subject": "Late delivery"}]});
    let mut e = Engine::new(None).unwrap();
    e.load_history(&history).unwrap();
    let points = |text: &str| {
        let a = e.assess(&ticket(&[text]), now).unwrap();
        let r = a
            .reasons
            .iter()
            .find(|r| r.signal == "history.repeat_topic");
        (r.map(|r| r.points), r.map(|r| r.label.clone()), a.score)
    };
    let (thanks, label, _) = points(
        "I just wanted to say a huge thank you to Priyanka, she sorted out my delivery \
         brilliantly and went above and beyond. Wonderful service!",
    );
    assert_eq!(thanks, Some(0), "the thanks are for the earlier ticket");
    assert!(label.unwrap().contains("the thanks are for it"));
    let (again, _, _) = points("My delivery is late again and nobody has told me anything.");
    assert!(
        again.unwrap() > 0,
        "a new complaint on the topic is a repeat"
    );
}

/// PRODUCT.md: "a second contact on one issue" is relational, "the third contact on one issue"
/// critical, whoever writes and however calmly. The same polite chase, from a customer of no
/// weight: one earlier ticket on the refund keeps it short of critical, two make it critical
/// on their own. Before session 23 a third contact was worth 24 points, as a second was 14
/// (both relational), and reached critical only with enough value and tenure beside it.
#[test]
fn a_calm_third_contact_on_one_problem_is_critical_and_a_second_is_not() {
    let now = parse_iso(NOW).unwrap();
    let earlier = |n: usize| {
        let tickets: Vec<Value> = (0..n)
            .map(|i| json!({"id": format!("p{i}"), "customerId": "c1",
                "createdAt": format!("2026-11-{:02}", 10 + 3 * i), "subject": "Refund not received"}))
            .collect();
        json!({"customers": [{"id": "c1"}], "tickets": tickets})
    };
    let band = |n: usize| {
        let mut e = Engine::new(None).unwrap();
        e.load_history(&earlier(n)).unwrap();
        let a = e
            .assess(
                &ticket(&["Hi, just checking on my refund. Any idea when it will show? Thanks"]),
                now,
            )
            .unwrap();
        let points: i32 = a.reasons.iter().map(|r| r.points).sum();
        assert_eq!(
            points, a.score as i32,
            "the score is the sum of its reasons"
        );
        (a.band, a.score)
    };
    let (first, _) = band(0);
    let (second, s2) = band(1);
    let (third, s3) = band(2);
    assert_eq!(first, Band::Transactional);
    assert_ne!(second, Band::Critical, "a second contact scores {s2}");
    assert_eq!(third, Band::Critical, "a third contact scores {s3}");
}

/// An invoice copy asked for each month is no third contact on one issue: the earlier requests
/// were solved and rated well, and nothing in the words is wrong (with the third contact worth
/// 72 points it scored critical 100 until `signals::recurring`). Saying it came back again
/// makes it a repeat whatever the cues read.
#[test]
fn a_routine_request_made_each_month_is_no_repeat_problem() {
    let now = parse_iso("2026-11-02T10:00:00Z").unwrap();
    let history = json!({"customers": [{"id": "c1", "since": "2021-01-10", "lifetimeValue": 3000}],
        "tickets": [
            {"id": "p1", "customerId": "c1", "createdAt": "2026-09-02T09:00:00Z",
             "solvedAt": "2026-09-02T10:00:00Z", "subject": "Invoice copy for August", "csat": 5},
            {"id": "p2", "customerId": "c1", "createdAt": "2026-10-02T09:00:00Z",
             "solvedAt": "2026-10-02T10:00:00Z", "subject": "Invoice copy for September"}]});
    let mut e = Engine::new(None).unwrap();
    e.load_history(&history).unwrap();
    let assess = |text: &str| {
        let t = json!({"id": "t", "subject": "Invoice copy for October", "customer": {"id": "c1"},
            "createdAt": "2026-11-02T09:00:00Z", "messages": [{"from": "customer", "text": text}]});
        let a = e.assess(&t, now).unwrap();
        let repeat = a
            .reasons
            .iter()
            .find(|r| r.signal == "history.repeat_topic")
            .map(|r| (r.points, r.label.clone()));
        (a.band, a.score, repeat)
    };
    let (band, score, repeat) =
        assess("Hi, could you send me the invoice copy for October please? Thanks, Ann");
    assert_eq!(band, Band::Transactional, "scored {score}: {repeat:?}");
    let (points, label) = repeat.expect("the earlier requests stay as context");
    assert_eq!(points, 0);
    assert!(label.contains("a recurring request"), "{label}");
    let (band, score, repeat) = assess(
        "Hi, the invoice for October has the wrong company name again. Could you send a new copy?",
    );
    assert_eq!(band, Band::Critical, "scored {score}: {repeat:?}");
    assert!(repeat.is_some_and(|(p, _)| p > 0));
}

/// A team's own patterns are never overruled by the learned model: cue patterns (labelled by
/// the cue's name) and emotion patterns (labelled `emotion.<name>`) alike. The emotion's text
/// is a polite question where the model reads no frustration: it vetoed the team's weak hit
/// until the check compared the label `emotion.frustration` with the head's name.
#[test]
fn configured_cue_and_emotion_patterns_are_not_overruled() {
    let config = rapport::config::Config::from_json(&serde_json::json!({
        "lexicons": {
            "cues": {"churn": ["zorblat quimby @0.5"]},
            "emotions": {"frustration": ["florptang wibbix @0.5"]}
        }
    }))
    .unwrap();
    let a = config.analyzer();
    let s = a.analyze("zorblat quimby");
    assert!(
        s.cues.churn > 0.0,
        "the configured churn pattern was overruled: {:?}",
        s.cues
    );
    // a polite routine question around the words: the model reads no frustration in it
    let s = a.analyze("florptang wibbix, could you tell me your opening hours please? thanks");
    assert!(
        s.emotions.frustration > 0.0,
        "the configured frustration pattern was overruled: {:?}",
        s.emotions
    );
    // without the configuration, nothing fires on these words
    let plain = rapport::text::TextAnalyzer::builtin().analyze("florptang wibbix zorblat quimby");
    assert_eq!((plain.cues.churn, plain.emotions.frustration), (0.0, 0.0));
}

#[test]
fn look_alikes_said_outright_are_no_cue_and_the_real_thing_still_is() {
    // `not.X` sections of data/cues.txt; each of the first three fired its cue before them
    let a = rapport::text::TextAnalyzer::builtin();
    let get = |c: &rapport::text::Cues, cue: &str| match cue {
        "churn" => c.churn,
        "mistake" => c.mistake,
        "effort" => c.effort,
        _ => c.praise,
    };
    for (text, cue) in [
        (
            "Not cancelling, just curious: what's the notice period on my membership?",
            "churn",
        ),
        (
            "My bad, I ordered the wrong size. Can I swap the 8 for a 10 before it ships?",
            "mistake",
        ),
        (
            "Thanks in advance for sending a copy of the invoice, it would be a great help.",
            "praise",
        ),
        (
            "Can you cancel this month's box? We're away, not the whole subscription.",
            "churn",
        ),
        // a third party's failure, named as not ours (session 23; "ruined" alone fired it)
        (
            "rang the network people and they said it was a cable fault on THEIR side, nothing \
             to do with you lot apparently. fridge and freezer full of food, all ruined",
            "mistake",
        ),
        // the customer's own slip and a third party's goods (session 24; both fired it)
        (
            "We gave you the wrong meter reading yesterday, the right one is 41234, can you \
             update the bill?",
            "mistake",
        ),
        (
            "Bought a blender from a third-party seller on your site and it arrived with the lid \
             missing. Who do I contact?",
            "mistake",
        ),
        // a lockout after the customer's own wrong tries is no effort of ours (session 24)
        (
            "I put my PIN in wrong too many times and the app locked me, how long until I can \
             try again?",
            "effort",
        ),
    ] {
        let s = a.analyze(text);
        assert_eq!(get(&s.cues, cue), 0.0, "{text}: {:?}", s.cues);
        assert!(
            s.matches.iter().all(|m| !m.signal.starts_with("cue.not.")),
            "a look-alike is not shown as a cue: {:?}",
            s.matches
        );
    }
    for (text, cue) in [
        ("Please cancel my membership, I'm done with you.", "churn"),
        (
            "You sent me the wrong size, and I'd ordered the right one.",
            "mistake",
        ),
        (
            "You billed me for 48234 but the meter reading I sent was 41234, the bill is wrong",
            "mistake",
        ),
        (
            "The blender I bought from you arrived with the lid missing. Who do I contact?",
            "mistake",
        ),
    ] {
        let s = a.analyze(text);
        assert!(get(&s.cues, cue) > 0.0, "{text}: {:?}", s.cues);
    }
}

#[test]
fn help_that_helped_is_praise_and_a_person_who_passed_is_a_loss() {
    // issue 19: "helped" was no praise; "passed" was a loss only as "passed away"
    let a = rapport::text::TextAnalyzer::builtin();
    let s = a.analyze("you really helped me a lot yesterday, thanks");
    assert!(s.cues.praise >= 0.4, "{:?}", s.cues);
    assert!(s.emotions.frustration == 0.0, "{:?}", s.emotions);
    for text in [
        "My nan passed last week and I'd like to close her account.",
        "I've ordered from you every week since my wife passed.",
    ] {
        let s = a.analyze(text);
        assert!(s.cues.loss >= 0.4, "{text}: {:?}", s.cues);
    }
    // a test that was passed is no loss
    let s = a.analyze("My daughter passed her driving test, can she go on my policy?");
    assert_eq!(s.cues.loss, 0.0, "{:?}", s.cues);
    // help wished for is no praise
    let s = a.analyze("It would be really helpful if you could send the invoice again.");
    assert_eq!(s.cues.praise, 0.0, "{:?}", s.cues);
    // a letter written to thank or commend someone is praise; appreciation asked for is not
    for text in [
        "Writing to thank your driver Pete for carrying the washing machine up four flights.",
        "I appreciate the care Joanne took over my mother's account.",
    ] {
        let s = a.analyze(text);
        assert!(s.cues.praise > 0.0, "{text}: {:?}", s.cues);
    }
    let s = a.analyze("I would really appreciate it if you could send the invoice again.");
    assert_eq!(s.cues.praise, 0.0, "{:?}", s.cues);
}

#[test]
fn praise_in_everyday_words_is_praise_and_ease_asked_for_is_not() {
    // the praise lines knew the review vocabulary ("excellent service"), not how people say it
    let a = rapport::text::TextAnalyzer::builtin();
    for text in [
        "The new invoice screen is spot on, it saves me ten minutes every morning.",
        "Moving the broadband over to you was completely painless.",
        "Huge thanks to Marta on the night shift for sorting the boiler cover.",
        "Honestly the clearest explanation of a pension I have ever had.",
        "Booking the ferry for the whole family was so easy this year.",
    ] {
        let s = a.analyze(text);
        assert!(s.cues.praise > 0.0, "{text}: {:?}", s.cues);
    }
    for text in [
        "It should be so easy to cancel but your website makes it impossible.",
        "Please be very clear about the fees this time.",
    ] {
        let s = a.analyze(text);
        assert_eq!(s.cues.praise, 0.0, "{text}: {:?}", s.cues);
    }
}

#[test]
fn charged_after_a_cancellation_is_our_mistake_not_churn() {
    // issue 19: "a customer charged after cancelling gets a churn save"; the relationship ended
    // before, what is wrong now is the charge
    let a = rapport::text::TextAnalyzer::builtin();
    for text in [
        "I cancelled my broadband in September and got the confirmation letter, but you have taken 34 pounds again this month.",
        "I cancelled my magazine subscription on 3 May (confirmation MG-2231) and I am still being billed every month.",
    ] {
        let s = a.analyze(text);
        assert!(s.cues.mistake > 0.0, "{text}: {:?}", s.cues);
        assert_eq!(s.cues.churn, 0.0, "{text}: {:?}", s.cues);
    }
    let s = a.analyze("Please cancel my broadband, I am moving to another provider.");
    assert!(s.cues.churn > 0.0, "{:?}", s.cues);
}

#[test]
fn a_cancellation_made_long_ago_is_no_churn() {
    // the customer left before; what is wrong now came after (data/cues.txt, not.churn)
    let a = rapport::text::TextAnalyzer::builtin();
    for text in [
        "I canceled the premium plan 3 weeks ago, why is it still on my invoice?",
        "In October we cancelled the cleaning contract, so why has a new invoice for November arrived?",
        "Last year I cancelled my membership but the reminders keep coming",
    ] {
        let s = a.analyze(text);
        assert_eq!(s.cues.churn, 0.0, "{text}: {:?}", s.cues);
    }
    // a cancellation made now, with a time to come, stays churn
    let s =
        a.analyze("I have cancelled my membership, effective next month. You are too expensive.");
    assert!(s.cues.churn > 0.0, "{:?}", s.cues);
}

#[test]
fn a_product_named_for_an_occasion_and_flattery_in_a_request_are_no_moment() {
    let a = rapport::text::TextAnalyzer::builtin();
    let s = a.analyze("Do you still sell the wedding guest range in size 8?");
    assert_eq!(s.cues.celebration, 0.0, "{:?}", s.cues);
    let s = a.analyze("It's my wedding on Saturday and the dress still hasn't arrived");
    assert!(s.cues.celebration > 0.0, "{:?}", s.cues);
    let s = a.analyze("you'd be a legend if you could send the replacement today");
    assert_eq!(s.cues.praise, 0.0, "{:?}", s.cues);
    let s = a.analyze("Thank you Priya, you're a legend, the refund came through this morning");
    assert!(s.cues.praise > 0.0, "{:?}", s.cues);
}

#[test]
fn a_slip_the_customer_owns_is_no_mistake_of_ours() {
    let a = rapport::text::TextAnalyzer::builtin();
    let s = a.analyze("Left the freezer door open all weekend and the food defrosted, lesson learned. Can I claim on the contents cover?");
    assert_eq!(s.cues.mistake, 0.0, "{:?}", s.cues);
}

/// A thank-you letter that tells what went wrong on the way is thanks, not a relationship at
/// risk: from a valuable customer with an earlier ticket on it, the mistake it tells is settled
/// (0 points, "the thanks are for it") and the ticket is relational, not critical
/// (PRODUCT.md: praise is relational; value turns our mistake critical, not praise). The same
/// customer cancelling over the same mistake keeps its points.
#[test]
fn a_thank_you_letter_settles_the_mistake_it_tells_but_a_cancellation_does_not() {
    let now = parse_iso(NOW).unwrap();
    let history = json!({"customers": [{"id": "c1", "since": "2014-01-01", "tier": "gold",
            "lifetimeValue": 9000}],
        "tickets": [{"id": "p", "customerId": "c1", "createdAt": "2026-11-10",
            "subject": "Order arrived damaged"}],
        "orders": [{"id": "o1", "customerId": "c1", "at": "2026-11-01", "total": 400}]});
    let mut e = Engine::new(None).unwrap();
    e.load_history(&history).unwrap();
    let assess = |text: &str| e.assess(&ticket(&[text]), now).unwrap();
    let letter = assess(
        "Thank you so much. My order arrived damaged and I was charged twice, but Marcus \
         sorted both out the same day. Brilliant service, please pass on my thanks to him.",
    );
    let mistake = letter
        .reasons
        .iter()
        .find(|r| r.signal == "cue.mistake")
        .expect("the letter tells of a mistake");
    assert_eq!(mistake.points, 0, "{:?}", letter.reasons);
    assert!(mistake.label.contains("the thanks are for it"));
    assert_eq!(letter.band, rapport::score::Band::Relational, "{letter:?}");
    // a letter whose intent the model is unsure of, a thank-you among its guesses
    for text in [
        "Writing to thank your driver Pete: the first delivery came with a broken leg on the \
         table, and he brought the new one up four flights himself.",
        "Hats off to Priya: our router was faulty twice and she had an engineer out the same \
         afternoon.",
    ] {
        let letter = assess(text);
        assert!(
            letter
                .reasons
                .iter()
                .any(|r| r.signal == "cue.praise" && r.points > 0),
            "{text}: {:?}",
            letter.reasons
        );
        assert!(
            letter
                .reasons
                .iter()
                .all(|r| r.signal != "cue.mistake" || r.points == 0),
            "{text}: {:?}",
            letter.reasons
        );
        assert_eq!(letter.band, rapport::score::Band::Relational, "{text}");
    }
    // thanks beside a promise still not kept settle nothing: the first is a hostile helper's
    // case (the intent, unsure, had a thank-you as a 9% guess), the second a sure letter
    for text in [
        "I appreciate the way you handled this, but I'm still waiting for the engineer who was \
         supposed to come on Monday.",
        "Sam in your billing team was brilliant and so patient with me, please pass on my \
         thanks. He promised the engineer would come on Monday to fix the boiler. Nobody came.",
    ] {
        let a = assess(text);
        assert!(
            a.reasons
                .iter()
                .all(|r| !r.label.contains("the thanks are for it")),
            "{text}: {:?}",
            a.reasons
        );
        assert_ne!(a.band, rapport::score::Band::Transactional, "{text}");
    }
    let leaving = assess(
        "Thank you Marcus for trying, but my order arrived damaged again and I was charged \
         twice. I want to cancel my account.",
    );
    assert!(leaving
        .reasons
        .iter()
        .any(|r| r.signal == "cue.mistake" && r.points > 0));
    assert_ne!(leaving.band, rapport::score::Band::Transactional);
}

/// A ticket solved and rated well closed its matter: a new question on a nearby topic is not a
/// repeat of it. The same earlier ticket rated badly, or a message naming the same order, is.
#[test]
fn a_ticket_solved_to_the_customers_liking_is_not_repeated_by_a_new_question() {
    let now = parse_iso(NOW).unwrap();
    let repeat = |csat: u8, text: &str| {
        let history = json!({"customers": [{"id": "c1"}], "tickets": [{"id": "p",
            "customerId": "c1", "createdAt": "2026-11-03T09:40:00Z",
            "solvedAt": "2026-11-03T10:20:00Z", "subject": "Blender motor failed - RT-40555",
            "csat": csat, "tags": ["faulty", "replacement"]}]});
        let mut e = Engine::new(None).unwrap();
        e.load_history(&history).unwrap();
        let a = e.assess(&ticket(&[text]), now).unwrap();
        a.reasons
            .iter()
            .find(|r| r.signal == "history.repeat_topic")
            .map_or(0, |r| r.points)
    };
    let question =
        "Hi, what's the warranty period on the Ninja air fryers? Thinking of buying one.";
    assert_eq!(repeat(5, question), 0, "a happy, solved ticket is closed");
    assert!(
        repeat(2, question) > 0,
        "an unhappy one is still open to a repeat"
    );
    assert!(
        repeat(
            5,
            "The replacement for RT-40555 has failed too, the motor again."
        ) > 0,
        "the same reference reopens it"
    );
}

/// A chat gives its reference in a later line: the first message alone says nothing of the
/// earlier booking, the third names it (session 43, from a spent blind scenario).
#[test]
fn a_reference_given_in_a_later_chat_line_names_the_same_matter() {
    let now = parse_iso(NOW).unwrap();
    let history = json!({"customers": [{"id": "c1"}], "tickets": [{"id": "p",
        "customerId": "c1", "createdAt": "2026-11-20T08:40:00Z",
        "solvedAt": "2026-11-20T08:55:00Z", "subject": "Passenger name correction - QK7P2M",
        "csat": 4}]});
    let mut e = Engine::new(None).unwrap();
    e.load_history(&history).unwrap();
    let repeat = |texts: &[&str]| {
        e.assess(&ticket(texts), now)
            .unwrap()
            .reasons
            .iter()
            .any(|r| r.signal == "history.repeat_topic")
    };
    let first = "hi, the name on my booking is wrong";
    assert!(
        !repeat(&[first, "flight is on the 9th"]),
        "no reference: a new matter"
    );
    assert!(
        repeat(&[first, "flight is on the 9th", "booking ref QK7P2M"]),
        "the same reference in the third line"
    );
}

/// A cancellation of the relationship that nothing in the words confirms (no churn cue) is the
/// intent model's guess: it is reported unsure and the learned kind stands. A cancellation the
/// words confirm keeps its intent and kind, however unsure the intent model is.
#[test]
fn a_cancellation_the_words_do_not_confirm_is_an_unsure_guess() {
    use rapport::text::Kind;
    let a = rapport::text::TextAnalyzer::builtin();
    let s = a.analyze(
        "yeah so I'm going travelling for two months from June, so can I freeze the \
         membership while I'm away rather than paying for nothing?",
    );
    assert_eq!(s.cues.churn, 0.0, "{:?}", s.cues);
    assert!(s.intent.unsure, "{:?}", s.intent);
    assert_eq!(s.intent.kind, Kind::Transactional, "{:?}", s.intent);
    // the customer says the relationship stays: one thing is cancelled, however sure the
    // intent model is that the account goes
    let s = a.analyze("Please close the savings pot but not the whole account, I am staying");
    assert!(s.intent.unsure, "{:?}", s.intent);
    assert_eq!(s.intent.kind, Kind::Transactional, "{:?}", s.intent);
    for text in [
        "please cancel my home insurance policy, it has got far too expensive",
        "hi, so, um, I've signed up with another provider, so I'll be leaving you at the end of \
         the month, what do I need to do?",
        "we're switching to a different supplier from January so this is our notice really, who \
         do I send it to",
    ] {
        let s = a.analyze(text);
        assert!(s.cues.churn > 0.0, "{text}: {:?}", s.cues);
        assert_eq!(s.intent.id, "cancel_relationship", "{text}");
        assert!(!s.intent.unsure, "{text}: {:?}", s.intent);
        assert_eq!(s.intent.kind, Kind::Relational, "{text}");
    }
}

/// A document asked for is no mistake (the model alone read "the invoice" and "statement" as
/// one), and a mistake said beside the request still is.
#[test]
fn a_document_asked_for_is_no_mistake_unless_one_is_said() {
    let a = rapport::text::TextAnalyzer::builtin();
    for text in [
        "Could you send me a copy of the invoice for order EL-88213 with our VAT number on it?",
        "could you send me a tuition fee statement for the 2025/26 year? HR needs an official statement on letterhead",
    ] {
        let s = a.analyze(text);
        assert_eq!(s.cues.mistake, 0.0, "{text}: {:?}", s.cues);
    }
    for text in [
        "Please send me a corrected invoice, the one you sent charged us twice",
        "Can you send me a copy of the invoice? You billed us the wrong amount",
    ] {
        let s = a.analyze(text);
        assert!(s.cues.mistake > 0.0, "{text}: {:?}", s.cues);
    }
}

/// A look-alike said outright speaks for the whole thread; a plain request only for its message.
#[test]
fn whose_failure_it_was_said_in_a_later_message_counts_for_the_thread() {
    let a = rapport::text::TextAnalyzer::builtin();
    let first = "the hotel just told us our room was given away after we confirmed twice";
    let s = a.analyze_thread(&[
        (0, first),
        (1, "we booked them directly, so not your problem lol"),
    ]);
    assert_eq!(s.cues.mistake, 0.0, "{:?}", s.cues);
    let s = a.analyze_thread(&[(0, first), (1, "can I move my return flight to the 11th?")]);
    assert!(s.cues.mistake > 0.0, "{:?}", s.cues);
    let s = a.analyze_thread(&[
        (0, "you charged me twice for the same order"),
        (1, "and could you send me a copy of the invoice please"),
    ]);
    assert!(s.cues.mistake > 0.0, "{:?}", s.cues);
}

/// Fear told by the body or the end of one's tether is distress (PRODUCT.md: fear, grief, panic).
#[test]
fn fear_told_by_the_body_is_distress() {
    let a = rapport::text::TextAnalyzer::builtin();
    for text in [
        "someone has moved my number to another network and I'm shaking, please stop it",
        "I'm at my wits' end, the heating has failed and my baby is ill",
        // a medical emergency the failure lands in, told without a word of fear
        "your network keeps dropping my calls, my mother is in intensive care and the doctors can't reach me",
        "there was satay sauce in my son's noodles, we're in A&E now",
        "I haven't slept since the letter came",
        // danger in the home, medicine running out, a child alone: what is happening, no feeling
        "there's a strong smell of gas since your fitter left, the kids are asleep upstairs",
        "water is pouring through the ceiling onto the fuse box after your plumber's visit",
        "the pharmacy box hasn't come and his insulin has run out",
        "we're on the hard shoulder of the M6 with two children and the hire car is dead",
        "dad is on oxygen and you have cut the power without warning",
    ] {
        let s = a.analyze(text);
        assert!(s.emotions.distress > 0.0, "{text}: {:?}", s.emotions);
    }
    // the same words with no emergency in them
    for text in [
        "your network keeps dropping my calls, my mother can't reach me",
        "there was satay sauce in my son's noodles, we're at home now",
        "what is the number for reporting a gas smell? I'd like to save it",
        "I'm afraid I gave you the wrong meter reading yesterday, please correct it",
        "can I get my insulin pens delivered on a Saturday instead?",
        "my mother-in-law uses an oxygen concentrator: how does the priority register work?",
    ] {
        let s = a.analyze(text);
        assert_eq!(s.emotions.distress, 0.0, "{text}: {:?}", s.emotions);
    }
}

#[test]
fn thanks_for_what_went_wrong_is_our_mistake_not_praise() {
    // sarcasm (the first a hostile helper wrote) read as praise, with no mistake, and got the
    // referral snippet; a real thank-you for a fix, or a real "love how", stays praise
    let a = rapport::text::TextAnalyzer::builtin();
    for text in [
        "Thanks a lot for losing my parcel, great job as always",
        "great work on losing my order again, thanks guys",
        "Brilliant, thank you for ignoring my last three emails.",
        "OH GREAT, THE COAT IS 'DELAYED' AGAIN. THANKS SO MUCH, REALLY HELPFUL.",
        "love how the new update deletes my drafts. great job",
    ] {
        let s = a.analyze(text);
        assert_eq!(s.cues.praise, 0.0, "{text}: {:?}", s.cues);
        assert!(
            s.cues.mistake > 0.0 || !text.contains("losing"),
            "{text}: {:?}",
            s.cues
        );
    }
    for text in [
        "Thank you so much for finding my lost parcel, brilliant service!",
        "I love how easy your app is now, great job",
        "Oh great, it finally arrived and it's lovely, thank you so much to your team!",
    ] {
        let s = a.analyze(text);
        assert!(s.cues.praise > 0.0, "{text}: {:?}", s.cues);
    }
}

#[test]
fn turning_off_auto_renewal_is_churn_unless_the_rest_stays() {
    // indirect cancellations a hostile helper wrote were read as routine; an add-on's renewal
    // with the main plan kept, or a request to keep renewing, is not churn
    cue_fires_as_said(
        "churn",
        &[
            ("please turn off auto-renew on my plan", true),
            ("pls dont auto renew us in feb", true),
            ("how do i stop autorenew??", true),
            ("Please do not auto-renew my home insurance policy.", true),
            (
                "please don't turn off auto-renew, I want it to keep going",
                false,
            ),
            (
                "how do I turn off auto-renew on the battle pass but keep my Nova Pass sub going?",
                false,
            ),
        ],
    );
}

#[test]
fn a_reason_the_model_alone_found_says_so_in_its_evidence() {
    // the model quotes the words that weighed most, which need not be a phrase about the cue
    // (the first text is a look-alike it trips on: "attached", "letter"): the agent is told it
    // is the model's reading; a phrase pattern's quote stays as it is
    let now = parse_iso(NOW).unwrap();
    let e = Engine::new(None).unwrap();
    let an = rapport::text::TextAnalyzer::builtin();
    for (text, by_model) in [
        (
            "Letterhead please, they were fussy last time. Their address is in the attached letter.",
            true,
        ),
        ("You sent me the wrong size, and I'd ordered the right one.", false),
    ] {
        let ms: Vec<_> = an
            .analyze(text)
            .matches
            .into_iter()
            .filter(|m| m.signal == "cue.mistake")
            .collect();
        assert!(!ms.is_empty(), "{text}");
        assert_eq!(ms.iter().all(|m| m.learned), by_model, "{text}: {ms:?}");
        let a = e.assess(&ticket(&[text]), now).unwrap();
        let r = a.reasons.iter().find(|r| r.signal == "cue.mistake").unwrap();
        assert_eq!(r.evidence.starts_with("the model's reading, from “"), by_model, "{}", r.evidence);
        assert!(r.evidence.contains(&format!("“{}”", ms[0].text)), "{}", r.evidence);
    }
}

#[test]
fn damage_done_by_our_people_is_our_mistake() {
    // the patterns knew a no-show engineer, not one who damaged the home
    let a = rapport::text::TextAnalyzer::builtin();
    for text in [
        "your engineer drilled through a pipe in the kitchen",
        "the delivery guys scratched the new floor carrying the fridge in",
    ] {
        let s = a.analyze(text);
        assert!(
            s.matches
                .iter()
                .any(|m| m.signal == "cue.mistake" && !m.learned),
            "{text}: {:?}",
            s.matches
        );
    }
}

#[test]
fn a_home_move_that_takes_the_account_along_is_not_churn() {
    // "close the account at the old address and open one at the new" read as a cancellation of
    // the relationship: critical for a valuable customer (`not.churn`, a home move)
    cue_fires_as_said(
        "churn",
        &[
        ("Moving house on 12 December. Please close the account at 22 Elm Row and open one at 4 Larch Way from the same day.", false),
        ("Hello, I move to another city in June. Please change the address in my account.", false),
        ("we're moving on the 3rd, please move my broadband over to the new address", false),
        ("I'm moving everything over to another bank this month, please close my account.", true),
        ("Please close my account, I've found a cheaper supplier.", true),
        ],
    );
}

#[test]
fn what_would_happen_if_i_closed_is_a_question_not_churn() {
    cue_fires_as_said(
        "churn",
        &[
        ("Hello, if one day I close my savings account, do I lose the interest for this year?", false),
        ("Could you tell me how cancellation works on the annual plan? I've no intention of cancelling.", false),
        ("what's the exit fee if I leave my fixed tariff early? I've found a better deal elsewhere", true),
        ("If you can't fix this by Friday I will cancel my account.", true),
        ],
    );
}

#[test]
fn years_of_a_thing_or_a_job_are_not_loyalty_and_an_add_on_is_not_the_plan() {
    cue_fires_as_said(
        "loyalty",
        &[
        ("I HAVE HAD THIS SOFA FOR 12 YEARS AND THE CUSHIONS HAVE GONE FLAT. DO YOU SELL REPLACEMENT FOAM?", false),
        ("retiring friday after 35 yrs on the buses, whats the settlement figure on my loan", false),
        ("I've had my car insured with you for twenty-five years, can I add my grandson?", true),
        ],
    );
    cue_fires_as_said(
        "churn",
        &[
            (
                "could you turn off the auto-renew on the custom domain add-on only?",
                false,
            ),
            (
                "please cancel the breakdown cover, the rest of the policy stays as it is",
                false,
            ),
        ],
    );
}

#[test]
fn years_with_us_said_the_common_ways_are_loyalty() {
    // "with you" was in none of the loyalty lines, and "customer since" wanted "years": these
    // two had no loyalty at all (the model alone missed them)
    cue_fires_as_said(
        "loyalty",
        &[
            ("kept the same mobile number with u since 1999 and your shop moved it to a new sim and lost it. i need it back", true),
            ("client since 2019 - can you resend the contract pdf", true),
        ],
    );
    // minutes with us, or years with someone else, match none of the loyalty lines (the
    // model alone may still read "been … with you" as loyalty: README, known limits)
    let a = rapport::text::TextAnalyzer::builtin();
    for text in [
        "I've been on hold with you for forty minutes now",
        "I've been with my partner for nine years, can she join my plan?",
        "we've been with another bank since 2009 but want to move to you",
    ] {
        let hits = a.patterns.find(&rapport::text::tokens::tokenize(text));
        let said: Vec<&str> = hits
            .iter()
            .map(|h| a.patterns.labels[h.label].as_str())
            .collect();
        assert!(
            !said.contains(&"loyalty"),
            "loyalty lines matched {text}: {said:?}"
        );
    }
}

#[test]
fn a_payment_collected_twice_is_our_mistake() {
    // "collected" was not among the double charge's verbs: no mistake at all before
    cue_fires_as_said(
        "mistake",
        &[(
            "the gym membership fee was collected twice this month, £45 and £45",
            true,
        )],
    );
}

#[test]
fn a_charge_another_business_made_is_not_our_mistake() {
    // a bank or card desk hears of other shops' double charges: anger at a third party stays
    // routine (PRODUCT.md), while the same words about us are our mistake
    cue_fires_as_said(
        "mistake",
        &[
        ("A SHOP CHARGED ME TWICE FOR THE SAME TRAINERS AND WON'T REFUND. CAN YOU GET IT BACK FOR ME?", false),
        ("my energy company took their direct debit twice this month, can you stop the second one?", false),
        ("A restaurant overcharged me by £40, how do I raise a chargeback?", false),
        ("You charged me twice for the same trainers, please refund one.", true),
        ],
    );
}

#[test]
fn a_failure_the_customer_says_is_not_ours_is_not_our_mistake() {
    // "not you", "not your fault": the customer names whose failure it is not (data/cues.txt
    // `not.mistake`; right on every train and dev row it fires on, `pattern-precision`)
    cue_fires_as_said(
        "mistake",
        &[
            ("The travel agent I booked through (not you) charged me twice for the hotel. Can you confirm there is only one booking?", false),
            ("Our office wifi has been down since nine, the provider's fault not yours, so the sync failed twice. Will it catch up by itself?", false),
            ("You charged me twice for the hotel, please refund one.", true),
        ],
    );
}

/// Each text fires `cue` (the built-in analyzer, patterns and model) or not, as its case says.
fn cue_fires_as_said(cue: &str, cases: &[(&str, bool)]) {
    let a = rapport::text::TextAnalyzer::builtin();
    for &(text, fires) in cases {
        let c = a.analyze(text).cues;
        let v = match cue {
            "churn" => c.churn,
            "mistake" => c.mistake,
            "loyalty" => c.loyalty,
            _ => unreachable!("a cue these tests read"),
        };
        assert_eq!(v > 0.0, fires, "{cue} in {text}: {c:?}");
    }
}

#[test]
fn a_cue_the_model_alone_reads_in_a_follow_up_needs_it_to_be_sure() {
    // the model was trained on opening messages: alone, this follow-up reads as a mistake
    // ("attached", "letter"; see the test above) at 0.87, under the 0.95 a follow-up needs.
    // A cue the model alone finds in the opening message stands after a short reply, and one it
    // is sure of in a follow-up counts however many messages come after it
    let a = rapport::text::TextAnalyzer::builtin();
    let follow_up =
        "Letterhead please, they were fussy last time. Their address is in the attached letter.";
    assert!(a.analyze(follow_up).cues.mistake > 0.0);
    let opening = "Hello, I need a statement of my account for the last six months for my visa application. Can you send one?";
    let c = a.analyze_thread(&[(0, opening), (2, follow_up)]).cues;
    assert_eq!(c.mistake, 0.0, "{c:?}");
    // found by the model alone, not by a phrase pattern (checked first)
    let moving = "After nine years we're taking the team's licences to another vendor at renewal, it's been decided above me.";
    let alone = a.analyze(moving);
    assert!(alone.cues.churn > 0.0, "{:?}", alone.cues);
    assert!(alone
        .matches
        .iter()
        .filter(|m| m.signal == "cue.churn")
        .all(|m| m.learned));
    let c = a
        .analyze_thread(&[
            (0, moving),
            (2, "Thanks. The invoices can go to me as before."),
        ])
        .cues;
    assert!(c.churn > 0.0, "{c:?}");
    let wrong =
        "It came this morning but it's the 60cm white one, not the 70cm steel one we paid for.";
    let alone = a.analyze(wrong);
    assert!(alone
        .matches
        .iter()
        .filter(|m| m.signal == "cue.mistake")
        .all(|m| m.learned));
    let mut thread = vec![(0, "Hi, when will order 4471 be dispatched?"), (2, wrong)];
    for i in 0..20 {
        thread.push((4 + i, "Any news?"));
    }
    let c = a.analyze_thread(&thread).cues;
    assert!(c.mistake > 0.0, "{c:?}");
}

#[test]
fn thanks_that_close_a_request_are_no_praise_and_pac_codes_are_churn() {
    // "thank you so much", "thanks a lot" close requests more often than they praise (on the
    // train split the line that read them as praise was right on 30% of its rows); praise
    // said in other words beside them still is. Asking for the codes that take the numbers to
    // another network is leaving, however many codes
    let a = rapport::text::TextAnalyzer::builtin();
    for (text, praise) in [
        (
            "Could you tell me if the walnut bookcase comes flat-packed? Thank you so much!",
            false,
        ),
        (
            "Hi, what time does the Leeds store close on Sundays? Thanks a lot",
            false,
        ),
        (
            "Thank you so much, Dimitri sorted my refund in five minutes, brilliant service",
            true,
        ),
    ] {
        let c = a.analyze(text).cues;
        assert_eq!(c.praise > 0.0, praise, "{text}: {c:?}");
    }
    cue_fires_as_said(
        "churn",
        &[
            ("We're moving our three phones to Vireo when the deal ends in March. Can I get the PAC codes please?", true),
            ("Can I get a new PIN code for my voicemail please?", false),
        ],
    );
}

#[test]
fn our_mistake_or_a_cancellation_faintly_worded_is_still_amplified_near_in_full() {
    use rapport::signals::{amplify, Reason, SignalId, MISTAKE_OR_CHURN_SHARE};
    let r = |signal, points| Reason {
        signal,
        label: "x".into(),
        points,
        evidence: "x".into(),
        spans: vec![],
        source: None,
    };
    let value_after = |moment: SignalId| {
        let mut rs = vec![r(moment, 10), r(SignalId::HistoryValue, 28)];
        amplify(&mut rs, 45.0, 0.0);
        rs[1].points
    };
    let near_full = (28.0 * MISTAKE_OR_CHURN_SHARE).round() as i32;
    assert!(near_full >= 20);
    // a mistake or a cancellation read at a third of its weight: value still counts near full
    assert_eq!(value_after(SignalId::CueMistake), near_full);
    assert_eq!(value_after(SignalId::CueChurn), near_full);
    // other moments stay in proportion: 10 of 45 points scale value to 6
    assert_eq!(value_after(SignalId::CueEffort), 6);
    // frustration alone is a tone, no moment: anger at a third party does not bring value in
    assert_eq!(value_after(SignalId::EmotionFrustration), 0);
    let mut rs = vec![
        r(SignalId::CueEffort, 10),
        r(SignalId::EmotionFrustration, 20),
        r(SignalId::HistoryValue, 28),
    ];
    amplify(&mut rs, 45.0, 0.0);
    assert_eq!((rs[1].points, rs[2].points), (20, 6));
    // a mistake the fit or a team set to 0 points is no moment to amplify
    let mut rs = vec![r(SignalId::CueMistake, 0), r(SignalId::HistoryValue, 28)];
    amplify(&mut rs, 45.0, 0.0);
    assert_eq!(rs[1].points, 0);
    // in words the model takes for a simple request, a faint mistake is amplified in proportion
    let mut rs = vec![r(SignalId::CueMistake, 10), r(SignalId::HistoryValue, 28)];
    amplify(&mut rs, 45.0, rapport::signals::SIMPLE_REQUEST);
    assert_eq!(rs[1].points, 6);
}

/// A call that rests on the learned model's reading alone is not a sure one: "the documents
/// you sent have the wrong car on them" read critical on a distress and a frustration the
/// model found in "have the", "shows" and "you sent" (session 44); without them it is a
/// relational mistake. The same mistake said with a phrase the patterns know, and no guess
/// beside it, is as sure as its margin.
#[test]
fn a_call_resting_on_the_models_guess_is_less_sure() {
    use rapport::score::Confidence;
    let now = parse_iso(NOW).unwrap();
    let mut e = Engine::new(None).unwrap();
    e.load_history(&plain_customer()).unwrap();
    let a = e
        .assess(
            &ticket(&[
                "the documents you sent have the wrong car on them, it still shows my \
                       old Corsa, not the Golf I changed to on 2 June",
            ]),
            now,
        )
        .unwrap();
    let guessed: Vec<_> = a
        .reasons
        .iter()
        .filter(|r| r.evidence.starts_with("the model's reading"))
        .collect();
    assert!(!guessed.is_empty(), "{:?}", a.reasons);
    // the sum before the clamp, without the model's findings
    let without = a
        .reasons
        .iter()
        .filter(|r| r.signal != "clamp")
        .map(|r| r.points)
        .sum::<i32>()
        - guessed.iter().map(|r| r.points).sum::<i32>();
    let edges = |s: i32| (s >= 16) as u8 + (s >= 75) as u8;
    assert_ne!(
        edges(without),
        edges(a.score),
        "the guess makes the band: {:?}",
        a.reasons
    );
    // far from an edge (high), an unsure intent (medium), and the guess: low
    assert!(
        a.score >= 85 && a.intent.unsure,
        "{} {:?}",
        a.score,
        a.intent
    );
    assert_eq!(a.confidence, Confidence::Low, "{:?}", a.reasons);
    // and says why, a doubt per step: the intent, and the band the phrases alone give
    let Some(Doubt::ModelAlone { signals, band }) = a.doubts.last() else {
        panic!("{:?}", a.doubts)
    };
    assert_eq!(*band, Band::Relational);
    for r in &guessed {
        assert!(signals.contains(&r.signal), "{:?} {:?}", r.signal, a.doubts);
    }
    assert_eq!(a.doubts[0], Doubt::IntentUnsure);
    assert_eq!(a.doubts.len(), 2);
    // the same without any guess: a pattern's mistake, far from either edge
    let b = e
        .assess(
            &ticket(&["You charged me twice for order 48213, please refund one payment"]),
            now,
        )
        .unwrap();
    assert!(
        b.reasons
            .iter()
            .all(|r| !r.evidence.starts_with("the model's reading")),
        "{:?}",
        b.reasons
    );
    let margin = (b.score - 16).abs().min((b.score - 75).abs());
    assert!(
        margin >= 10 && !b.intent.unsure,
        "{} {:?}",
        b.score,
        b.intent
    );
    assert_eq!(b.confidence, Confidence::High, "{:?}", b.reasons);
    assert_eq!(b.doubts, vec![]);
}

/// The history a guessed cue amplifies rests on the guess too: a gold customer of ten years
/// whose box "has my old address on it" reads as our mistake only to the model, and the
/// tenure, tier and mistake-on-a-valued-customer points come with it. Without the guess the
/// request is routine (helper-108's case, session 44).
#[test]
fn history_amplified_by_a_guess_rests_on_the_guess() {
    use rapport::score::Confidence;
    let now = parse_iso(NOW).unwrap();
    let mut e = Engine::new(None).unwrap();
    e.load_history(
        &json!({"customers": [{"id": "c1", "name": "Sam", "tier": "gold",
        "since": "2016-01-01"}]}),
    )
    .unwrap();
    let a = e
        .assess(
            &ticket(&[
                "the parcel came today but the box has my old address on it, can you \
                       update my address?",
            ]),
            now,
        )
        .unwrap();
    let points = |id: &str| {
        a.reasons
            .iter()
            .filter(|r| r.signal == id)
            .map(|r| r.points)
            .sum::<i32>()
    };
    let mistake = a.reasons.iter().find(|r| r.signal == "cue.mistake");
    assert!(
        mistake.is_some_and(|r| r.evidence.starts_with("the model's reading")),
        "{:?}",
        a.reasons
    );
    // the words the patterns know alone leave nothing relational
    let besides = a.score - points("cue.mistake");
    assert!(besides >= 16, "the rest alone looks relational: {besides}");
    assert_eq!(a.band, Band::Relational);
    assert!(!a.intent.unsure, "{:?}", a.intent);
    assert!((a.score - 16).min(75 - a.score) >= 10, "{}", a.score);
    assert_eq!(a.confidence, Confidence::Medium, "{:?}", a.reasons);
    assert_eq!(
        a.doubts,
        vec![Doubt::ModelAlone {
            signals: vec![SignalId::CueMistake],
            band: Band::Transactional
        }]
    );
}

/// What the model raised goes too, not only what it found alone: a distress the phrase
/// patterns read in "decided to end things" that the model's self-harm head raised to
/// critical strength (on "wont" and "here") is, without the model, relational, and the call
/// says so.
#[test]
fn a_distress_the_model_raised_rests_on_the_model() {
    use rapport::score::Confidence;
    let (_, a) =
        assessed_plain("tell the landlord i wont be here after friday. ive decided to end things.");
    let distress = matches_of(&a, "emotion.distress");
    assert!(
        distress.iter().any(|m| m.learned) && distress.iter().any(|m| !m.learned),
        "the patterns and the model both: {distress:?}"
    );
    assert_eq!(a.band, Band::Critical, "{:?}", a.reasons);
    assert!(
        a.doubts
            .iter()
            .any(|d| matches!(d, Doubt::ModelAlone { signals, band }
            if signals.contains(&SignalId::EmotionDistress) && *band != Band::Critical)),
        "{:?} {:?}",
        a.doubts,
        a.reasons
    );
    assert_ne!(a.confidence, Confidence::High);
}

/// Each cue and emotion goes back to what the phrase patterns read: a cue the model found
/// alone to 0, one it raised to the patterns' strength, one it vetoed stays vetoed; a
/// celebration the patterns found stays beside a loss only the model read (helper-108's mixed
/// cases, session 44).
#[test]
fn without_the_model_each_strength_is_the_phrases_own() {
    let an = rapport::text::TextAnalyzer::builtin();
    let mut s = an.analyze("hello");
    s.phrases.0.celebration = 0.3;
    s.phrases.0.life_event = 0.3;
    s.phrases.0.mistake = 0.5;
    s.phrases.1.distress = 0.6;
    (s.cues.celebration, s.cues.loss, s.cues.life_event) = (0.3, 0.9, 0.9);
    (s.cues.mistake, s.cues.churn) = (0.0, 0.8);
    s.emotions.distress = 0.95;
    let lowered = rapport::signals::text::drop_model_findings(&mut s);
    assert_eq!(
        lowered,
        vec![
            SignalId::CueChurn,
            SignalId::CueLifeEvent,
            SignalId::EmotionDistress
        ]
    );
    let c = &s.cues;
    assert_eq!(
        [c.celebration, c.loss, c.life_event, c.mistake, c.churn],
        [0.3, 0.0, 0.3, 0.0, 0.0]
    );
    assert_eq!(s.emotions.distress, 0.6);
    // nothing the model added: nothing lowered
    let mut plain = an.analyze("I was charged twice for order 48213, please refund one");
    let before = plain.clone();
    assert!(rapport::signals::text::drop_model_findings(&mut plain).is_empty());
    assert_eq!(plain, before);
}

/// A cancellation set aside for a death only the model read counts again without the model:
/// "please close his membership" after "He passed two weeks ago" (a loss the patterns miss;
/// "He died two weeks ago" was one until session 57's "he died" line) is
/// relational either way, so the call is as sure as its margin. And a doubt names only the
/// findings whose points moved: loyalty the model read, an amplifier at 0 points here, is not
/// named beside the praise (helper-109's cases, session 45).
#[test]
fn a_doubt_names_what_moved_and_a_death_the_model_read_keeps_the_cancellation() {
    use rapport::score::Confidence;
    let (e, a) = assessed_plain(
        "Good morning. My father had a membership of your travel club. He passed two weeks ago. \
         Please close his membership and tell me if some refund is possible. Regards, Kenji \
         Watanabe",
    );
    let loss = matches_of(&a, "cue.loss");
    assert!(
        !loss.is_empty() && loss.iter().all(|m| m.learned),
        "{:?}",
        a.matches
    );
    assert_eq!(a.cues.churn, 0.0, "a death's account closed is no churn");
    assert_eq!(a.band, Band::Relational);
    assert_eq!((a.confidence, a.doubts.clone()), (Confidence::High, vec![]));

    let b = e
        .assess(
            &ticket(&[
                "4 years on this app and the new stretching routines are the best thing \
                 you've added. my back thanks you",
            ]),
            parse_iso(NOW).unwrap(),
        )
        .unwrap();
    let loyalty = b.reasons.iter().find(|r| r.signal == "cue.loyalty");
    assert!(loyalty.is_some_and(|r| r.points == 0), "{:?}", b.reasons);
    assert_eq!(
        b.doubts,
        vec![Doubt::ModelAlone {
            signals: vec![SignalId::CuePraise],
            band: Band::Transactional
        }]
    );
}
