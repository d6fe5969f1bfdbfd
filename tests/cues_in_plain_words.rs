//! Cues told the way customers tell them, without the words "wrong", "mistake", "died" or
//! "congratulations": a failure of ours described as the customer sees it, damage that came
//! with the item, a job lost the British way, a birth mentioned beside a routine ask. Each of
//! these was missed before session 21 (the first blind scenario set, once read, showed them).

use rapport::text::TextAnalyzer;

fn cues(text: &str) -> rapport::text::Cues {
    TextAnalyzer::builtin().analyze(text).cues
}

fn distress(text: &str) -> f64 {
    TextAnalyzer::builtin().analyze(text).emotions.distress
}

/// `read` is above 0 on each of `fire` and exactly 0 on each of `quiet`.
fn fires_on(read: impl Fn(&str) -> f64, fire: &[&str], quiet: &[&str]) {
    for text in fire {
        assert!(read(text) > 0.0, "{text}");
    }
    for text in quiet {
        assert_eq!(read(text), 0.0, "{text}");
    }
}

#[test]
fn a_failure_of_ours_told_as_the_customer_sees_it_is_our_mistake() {
    fires_on(
        |t| cues(t).mistake,
        &[
            "Since 9am every request to your orders endpoint is returning 503s and our checkout is down. Please look now.",
            "Your status page shows everything green but none of our webhooks have fired for two hours.",
            "The rucksack came today and the zip is torn along one side, it clearly came like that.",
            "There's a £12 late payment fee on my card statement but the card has not been late once.",
            "Nobody in our team upgraded the plan, yet this month's invoice is for Enterprise.",
            "Since the hotfix on Tuesday half of my saved presets have vanished.",
        ],
        // the same words about something that is not ours stay quiet
        &[
            "How do I read the error log when an import fails?",
            "Is there a fee if I pay my card late?",
        ],
    );
}

#[test]
fn a_lost_job_and_a_birth_beside_a_routine_ask_are_life_events() {
    let c = cues("I was made redundant last month, can I move to a cheaper plan for a while?");
    assert!(c.loss > 0.0, "{c:?}");
    // the model alone does not see a celebration in a pause request; the phrase is sure enough
    // to stand against it
    let c = cues(
        "hi can I pause my membership for two months rather than cancel? our son was born on friday so no time for the gym lol",
    );
    assert!(c.celebration > 0.0 && c.churn == 0.0, "{c:?}");
    let c = cues("We love it very much, the kids ask for the Thursday box every week. One idea: let us swap a single recipe.");
    assert!(c.praise > 0.0, "{c:?}");
}

#[test]
fn panic_said_plainly_is_distress() {
    let a = TextAnalyzer::builtin();
    for text in [
        "The pipe burst and the kitchen is under water, I can't think straight, what do I do about the claim?",
        "Since the letter came I cannot sleep, is the house going to be repossessed?",
    ] {
        assert!(a.analyze(text).emotions.distress > 0.0, "{text}");
    }
    assert_eq!(
        a.analyze("Can't think of the name of the plan we had, can you check?")
            .emotions
            .distress,
        0.0
    );
}

/// Real harm or a vulnerable person left without what they need is distress told without a
/// word of fear (LABELS.md), and strong enough to stand against the cue model; a passing worry
/// ("afraid of breaking the machine") is weak, and the model's doubt silences it.
#[test]
fn harm_told_plainly_is_distress_and_a_passing_worry_is_not() {
    let a = TextAnalyzer::builtin();
    for text in [
        "the prepay meter's run out and the emergency credit too, I've got a three-week-old baby and the heating's off and it's really cold in here",
        "the landline's been dead since tuesday, no dial tone, and she's got the pendant alarm that goes through it, she's eighty-four",
        "flight cancelled, we are stuck in the airport with two kids and nowhere to sleep",
        "there are 3 payments on my account I didn't make, £480 each",
        "someone got into my account and bought loads of stuff on my mum's card",
        "my card got blocked while im abroad, I have no money for food or the hotel tonight and my phone is at 5%",
        "My rent is due tomorrow and landlord say he will put me out. Please what happen?",
        "My house was flooded on Saturday. The ground floor is ruined and we are staying with my sister.",
        // danger or hardship told as facts, without a word of fear
        "the bank froze my account and the rent bounced, I have nowhere else to go with my two kids",
        "Please tell me where we sleep tonight, the hotel you booked has no reservation for us",
        "the hotel is holding my passport until the bill is paid and both my cards are declined",
        "he was choking on the clip from the toy, he went blue before I got it out",
        "I left an abusive relationship and you sent my new address to his email",
        "the charger caught fire in the night and the kids were treated for smoke inhalation",
        "I've only got two days of tablets left and the prescription delivery hasn't come",
        "a man in the game chat keeps asking my son to send pictures of himself",
    ] {
        let d = a.analyze(text).emotions.distress;
        // 0.6: a hit this strong is kept whatever the cue model says (text/learned.rs)
        assert!(d >= 0.6, "{d} {text}");
    }
    // grief too heavy to bear, at the weight of a plain feeling word
    let text = "I can't bear to see his name on the letters any more";
    assert!(a.analyze(text).emotions.distress > 0.0, "{text}");
    for text in [
        "I do not understand the descaling instructions in the manual. I am afraid of breaking the machine.",
        "Does a care alarm pendant work with your digital landline, or does it need the old copper line?",
        // a vulnerable person or a hard word beside no deprivation at all
        "Do you sell baby clothes for cold weather?",
        "My kids love your freezing cold ice lollies!",
        "We were stuck at the airport for an hour because of the strike, anyway can I add a bag?",
        "Someone from your team got into contact with me about the upgrade.",
        "Is there no money back for food I did not like?",
        "Does the home insurance cover a flooded basement from a burst pipe?",
        "the import script choked on our CSV",
        "is this toy a choking hazard for a 2 year old?",
        "where do we sleep on the overnight ferry, is a cabin included?",
        "how many doses are left in a pen?",
        "My daughter wants to send photos of herself to the club, is the upload private?",
    ] {
        assert_eq!(a.analyze(text).emotions.distress, 0.0, "{text}");
    }
}

#[test]
fn cancelling_an_add_on_or_one_order_is_no_churn_and_leaving_is() {
    fires_on(
        |t| cues(t).churn,
        &[
            "Please cancel my home insurance, it has got far too expensive.",
            "Please cancel my gym membership, I won't be able to use it anymore.",
        ],
        &[
            "Hi, can you cancel the travel insurance add-on on my booking? I already have cover through my bank.",
            "Please cancel the roadside assistance cover on my car policy, keep everything else.",
            "hey can u cancel order for the season pass? bought it twice by mistake lol",
            "Hi, please cancel the Analytics add-on from our plan from next month. Everything else stays the same.",
        ],
    );
}

#[test]
fn a_charge_after_cancelling_in_few_words_is_our_mistake() {
    for text in [
        "i cancel membership in october but you still take 29 euro this month. why??",
        "Hello, i have cancel my subscription last month but still you take money from my bank account 12.99.",
    ] {
        assert!(cues(text).mistake > 0.0, "{text}");
    }
    assert_eq!(
        cues("Please cancel the sports channel from next month; we'll still take the broadband.")
            .mistake,
        0.0
    );
}

#[test]
fn our_service_down_for_hours_or_the_right_item_asked_for_is_our_mistake() {
    fires_on(
        |t| cues(t).mistake,
        &[
            "your website has been down since 8am and I can't pay my bill",
            "the batteries weren't in the bags when the shopping came",
            "you sent me a blue one, can you send the right one please?",
        ],
        &[
            // someone else's service, our own slip, a question about planned work
            "my internet provider has been down all day, will I lose my streak?",
            "I ordered the wrong size by mistake, can I exchange it for the right one?",
            "is the site down for maintenance tonight?",
        ],
    );
}

#[test]
fn a_loss_told_plainly_is_a_loss_and_an_idiom_is_not() {
    fires_on(
        |t| cues(t).loss,
        &[
            "my dad had a heart attack last night, can I move my flight?",
            "My sister, Ann Reid, died on Friday. Please close her account.",
            "my wife was diagnosed with motor neurone disease and we must cancel the cruise",
            "Our cat was put to sleep last week, please stop the food deliveries.",
        ],
        &[
            "I nearly had a heart attack when I opened the bill, it's almost double",
            "my phone died halfway through the call with your team",
        ],
    );
}

#[test]
fn words_of_harm_in_ordinary_use_are_no_distress_or_loss() {
    // a hostile read of the plain-words lines (session 31): each fired before they were narrowed
    fires_on(
        distress,
        &[],
        &[
            "The import was choking on my CSV",
            "Reception took my passport to photocopy it",
            "our dog grooming business needs a second login",
            "Your courier asked them to send photos of the damaged box",
            "only got two tablets left on the family plan, can I add a third?",
        ],
    );
    fires_on(
        |t| cues(t).loss,
        &[],
        &[
            "Please deliver to my work, I'm a nurse at the hospital",
            "I lost my work when the editor crashed, is there an autosave?",
            "A 50 pound deposit was put down at booking",
            "Had a stroke of genius and renamed all the files",
        ],
    );
}

#[test]
fn a_night_without_a_bed_a_fire_or_an_ex_at_the_door_is_distress() {
    fires_on(
        distress,
        &[
            "we're sitting in the car tonight with the kids, we have nowhere to go",
            "we slept in the car last night, the hotel cancelled our booking",
            "the charger burst into flames on the kitchen table",
            "my ex keeps turning up outside my flat since he got my new address from your letter",
        ],
        // the same words where nobody is in danger
        &[
            "is there nowhere to go in the app to change this?",
            "the project has nowhere to go without the API",
            "where can I sleep in the car on the ferry?",
            "my ex's name still shows up on the bill, please remove it",
        ],
    );
}

#[test]
fn a_driver_late_or_rude_a_bill_against_the_quote_or_a_meter_read_wrong_is_our_mistake() {
    fires_on(
        |t| cues(t).mistake,
        &[
            "The driver was 90 minutes late and we paid for a taxi ourselves.",
            "your engineer swore at my mother when she asked him to take his boots off",
            "The direct debit took £84 this month, but my quote and schedule say £48.",
            "I think your man read the meter wrong, we were away all of August",
        ],
        // the customer's own slip, or a question, stays quiet
        &[
            "if the driver is late, can I get a refund?",
            "I shouted at the driver yesterday, sorry about that",
            "I read the meter wrong last month, can I send a new reading?",
        ],
    );
}

#[test]
fn treatment_about_to_run_out_or_a_stranger_who_knows_a_childs_school_is_distress() {
    fires_on(
        distress,
        &[
            "the dialysis fluid didn't come. we have enough for two more sessions after tonight",
            "a player keeps messaging my son that he knows his school and will find him",
            "he knows where we live now, the letter had our new address on it",
        ],
        &[
            "we have enough for two more days of coffee, when does the order come?",
            "the courier knows his address, it's on the label",
            "he knows his address, can he update it himself?",
            "my daughter forgot her password, she knows her school login but not the one for your app",
        ],
    );
    // the words that made that look-alike quiet do not silence a threat beside them
    fires_on(
        distress,
        &["A stranger keeps messaging my daughter on her school email and knows where she lives. I am so scared"],
        &[],
    );
}

#[test]
fn money_out_twice_a_failed_sync_or_a_substitution_made_for_them_is_our_mistake() {
    fires_on(
        |t| cues(t).mistake,
        &[
            "hi, this month's gym fee has come out of my account twice, can you refund one",
            "the rent went out twice this month, both on the same day",
            "our nightly sync failed again and the dashboard is empty",
            "you substituted my gluten free bread with normal bread, I'm coeliac",
            "the curry came 50 min late and it was cold food by then",
            "It's come out twice this month",
            "the pizza arrived cold and the chips were soggy",
        ],
        &[
            "will the payment come out twice if I pay early?",
            "if the export fails, how do I retry it?",
            "can I swap the bread for a different one in my next order?",
            // a hostile read's look-alikes (session 33): not ours, or not wrong
            "My fitness results came out double what I expected this month, amazing app!",
            "My bank's api was down yesterday so I couldn't pay",
            "Our own payroll server was down all weekend, can you extend the deadline?",
            "Is the pizza ok to eat as cold pizza next day?",
            "They swapped the venue for a bigger one, can you update the address on my ticket?",
        ],
    );
}

#[test]
fn an_owned_slip_or_a_statement_asked_for_is_no_mistake_of_ours() {
    fires_on(
        |t| cues(t).mistake,
        &[],
        &[
            "my fault, I typed the wrong bank details on the form, can you update them",
            "could you send me the March statement now, and the annual statement once the year closes?",
            "please resend the receipt for my last order",
        ],
    );
    // a mistake said beside one still is
    assert!(
        cues("please resend the invoice, you charged us twice for the same seats").mistake > 0.0
    );
    // and "not my fault" owns nothing, nor does blaming us with the words
    assert!(cues("not my fault, you sent the wrong size").mistake > 0.0);
    assert!(cues("this is NOT my fault, you charged me twice").mistake > 0.0);
    assert!(
        cues("my fault?? no, YOUR fault. The driver left it in the rain and the box is ruined")
            .mistake
            > 0.0
    );
}

#[test]
fn kindly_said_in_a_complaint_keeps_its_effort() {
    // a line that read "kindly …" as mere politeness silenced this (a hostile read, session 33)
    let c = cues("Kindly let me know when someone will actually reply, I have sent 4 emails.");
    assert!(c.effort > 0.0, "{c:?}");
}

#[test]
fn a_document_asked_for_keeps_the_model_from_finding_a_mistake_not_from_vetoing_one() {
    // the model vetoes the weak "charged a … fee" hit in a fee asked about; the `plain.mistake`
    // request for a statement beside it once silenced the veto, and the hit stood
    let asked = "Yeah, hi, er, I've been charged a, a three pound fee for using my card in Spain last week. Is that, is that normal on my account?";
    assert_eq!(cues(asked).mistake, 0.0);
    let with_request = format!("{asked} And can you send me a copy of the statement?");
    assert_eq!(cues(&with_request).mistake, 0.0, "{with_request}");
    // and a mistake said beside the request is still one
    assert!(cues("you charged me twice, can you send me a copy of the statement?").mistake > 0.0);
}

#[test]
fn a_size_sent_beside_the_size_ordered_and_a_birth_or_an_exam_passed_are_read() {
    // the spent sixth blind set, session 34
    fires_on(
        |t| cues(t).mistake,
        &["Opened it up and it's a size 16. I ordered a 10. The label on the bag even says 10."],
        &["Is it a size 12 if I ordered a 10 in the old range?"],
    );
    fires_on(
        |t| cues(t).celebration,
        &[
            "Bit of news, our little girl arrived on Sunday (3.4kg, all well). Can I pause the box?",
            "Just got the email, I PASSED Strategic Business Leader!!! Fourth attempt, finally.",
        ],
        &[
            "she passed last week, the course of treatment didn't work",
            "I passed the payment deadline by a day, can the late fee be waived? first attempt at paying online",
        ],
    );
}

/// The (label, text) of each row of a probe file (`source<TAB>label<TAB>text`, `#` lines skipped).
fn probe_rows(file: &str) -> impl Iterator<Item = (&str, &str)> {
    file.lines().filter(|l| !l.starts_with('#')).map(|line| {
        let mut cols = line.splitn(3, '\t').skip(1);
        (cols.next().unwrap(), cols.next().unwrap())
    })
}

/// Counts of a probe file's rows at critical distress (0.9): (disclosures, caught, shown,
/// look-alikes, look-alikes at critical strength).
fn probe_counts(file: &str) -> (usize, usize, usize, usize, usize) {
    let an = TextAnalyzer::builtin();
    let mut c = (0, 0, 0, 0, 0);
    for (label, text) in probe_rows(file) {
        let d = an.analyze(text).emotions.distress;
        if label == "F" {
            c.0 += 1;
            c.1 += usize::from(d >= 0.9);
            c.2 += usize::from(d > 0.0);
        } else {
            c.3 += 1;
            c.4 += usize::from(d >= 0.9);
        }
    }
    c
}

/// The 1,271 probes seven helper sessions wrote for thoughts of ending one's life (sessions 34
/// to 37, `data/judgement/checks/self-harm-probes.tsv`; every set was read, lines written from
/// the misses of four and the self-harm head trained on the first five; the last two, read
/// once on session 37's build, are the newest independent figure), and the 625 a hostile
/// helper wrote against session 36's first version (`self-harm-hostile.tsv`, lines written
/// from its misses, never trained on). Floors against regressions, not measures of recall:
/// the disclosures read at critical strength (0.9) stay at least as many as when the last
/// lines landed, and the look-alikes read so stay as few ("end it all - the broadband",
/// "this gym is filthy", a film's title, "I want to kill myself lol this printer").
#[test]
fn disclosures_of_ending_a_life_stay_caught_and_look_alikes_stay_out() {
    let (disclosures, caught, shown, look_alikes, false_alarms) = probe_counts(include_str!(
        "../data/judgement/checks/self-harm-probes.tsv"
    ));
    assert_eq!((disclosures, look_alikes), (646, 625));
    assert!(
        caught >= 492,
        "{caught} of 646 disclosures at critical strength"
    );
    assert!(shown >= 533, "{shown} of 646 disclosures read as distress");
    assert!(
        false_alarms <= 20,
        "{false_alarms} of 625 look-alikes at critical strength"
    );
    let (disclosures, caught, _, look_alikes, false_alarms) = probe_counts(include_str!(
        "../data/judgement/checks/self-harm-hostile.tsv"
    ));
    assert_eq!((disclosures, look_alikes), (355, 270));
    assert!(
        caught >= 221,
        "{caught} of 355 hostile disclosures at critical strength"
    );
    assert!(
        false_alarms <= 82,
        "{false_alarms} of 270 hostile look-alikes at critical strength"
    );
}

/// Half-said disclosures no phrase line holds (written for this test, in no probe file) are
/// found by the learned self-harm head alone, at critical strength, with the words it read
/// quoted; plain look-alikes (going away, a dying battery) are not.
#[test]
fn a_disclosure_no_phrase_line_holds_is_found_by_the_self_harm_head() {
    let an = TextAnalyzer::builtin();
    for text in [
        "I've given the cat to my sister and sorted my papers, so you can close the account after Friday. I won't need it.",
        "so tired of everything, I just want it all to stop forever. can you pause my loan",
    ] {
        let s = an.analyze(text);
        assert!(s.emotions.distress >= 0.9, "{text}: {:?}", s.emotions);
        let quoted: Vec<_> = s
            .matches
            .iter()
            .filter(|m| m.signal == "emotion.distress")
            .collect();
        assert!(!quoted.is_empty(), "{text}: no words quoted");
        assert!(quoted.iter().all(|m| m.learned), "{text}: {quoted:?}");
    }
    for text in [
        "Cancel my order please, I'll be away on holiday so I won't need it after Friday.",
        "my phone battery is dying, quick question: when does my plan renew?",
    ] {
        assert_eq!(an.analyze(text).emotions.distress, 0.0, "{text}");
    }
}

/// An intent whose own words confirm it keeps its kind, however unsure the intent model: one
/// item cancelled with no churn words is transactional, a thank-you the praise cue confirms is
/// relational (session 35; before, the learned kind head decided both below 0.95 and read
/// these the other way round). A cancellation with churn words stays relational.
#[test]
fn an_intent_its_own_words_confirm_keeps_its_kind() {
    use rapport::text::Kind;
    let an = TextAnalyzer::builtin();
    let kind = |text: &str| an.analyze(text).intent.kind;
    for text in [
        "cancel pls",
        "CANCEL SATURDAY'S DELIVERY ONLY. NOT THE WHOLE THING. JUST SATURDAY.",
    ] {
        assert_eq!(kind(text), Kind::Transactional, "{text}");
    }
    for text in [
        "Been using @Ledgerly_app since uni and now I run my own agency on it. 8 years. Still the best invoicing tool out there ❤️",
        "cancel my subscription, I've found a cheaper provider",
    ] {
        assert_eq!(kind(text), Kind::Relational, "{text}");
    }
}

/// The 300 messages two helper sessions wrote for deaths told mostly without "died", "death",
/// "passed away" or "funeral", and look-alikes with no death (session 37,
/// `data/judgement/checks/bereavement-probes.tsv`; lines were written from the first set's
/// misses, the second was read held out: 43 -> 60 of its 90 deaths found, its look-alikes 12 ->
/// 15 of 70, most of them an illness, which is a loss too; 14 after a `not.loss` line for a
/// "deceased marker" on a living customer). Floors against regressions, not
/// measures of recall: the deaths read as a loss and answered with condolence first (a
/// customer with no history) stay at least as many, the look-alikes read as a loss as few.
#[test]
fn deaths_told_in_other_words_stay_found_and_answered_with_condolence() {
    let (an, e) = (TextAnalyzer::builtin(), rapport::Engine::new(None).unwrap());
    let now = rapport::time::parse_iso("2026-12-05T12:00:00Z").unwrap();
    let (mut deaths, mut found, mut condoled, mut others, mut false_losses) = (0, 0, 0, 0, 0);
    let file = include_str!("../data/judgement/checks/bereavement-probes.tsv");
    for (label, text) in probe_rows(file) {
        let t = serde_json::json!({"id": "T1", "channel": "email", "customer": {},
                                   "messages": [{"from": "customer", "text": text}]});
        let a = e.assess(&t, now).unwrap();
        let loss = an.analyze(text).cues.loss > 0.0;
        if label == "D" {
            deaths += 1;
            found += usize::from(loss);
            condoled += usize::from(a.reply.as_str() == "condolence");
        } else {
            others += 1;
            false_losses += usize::from(loss);
        }
    }
    assert_eq!((deaths, others), (170, 130));
    assert!(found >= 126, "{found} of 170 deaths read as a loss");
    assert!(
        condoled >= 113,
        "{condoled} of 170 deaths answered with condolence first"
    );
    // (25 before session 57's lines for a divorce and an accident, 26 after: three divorces and
    // a brother in a coma after an accident read now, "no death" in this file but a loss by
    // LABELS.md, whose corpus labels every divorce a loss, 22 of 22 in train)
    assert!(
        false_losses <= 26,
        "{false_losses} of 130 look-alikes read as a loss"
    );
}

#[test]
fn words_written_with_a_hyphen_slash_or_asterisk_are_read_as_the_text_splits_them() {
    // the lines once spelled these "k*ll", "colou*r", "10/10", "unauthori*ed": words no text
    // could hold (a text's "k*ll" is "k" and "ll"), so they never matched
    assert!(distress("i want to k*ll myself") >= 0.9);
    fires_on(
        |t| cues(t).mistake,
        &[
            "we got the wrong colour again",
            "an unauthorised charge on my card",
        ],
        &[],
    );
    fires_on(|t| cues(t).praise, &["10/10 service from Maya"], &[]);
}

#[test]
fn the_wrong_one_sent_a_booked_visit_missed_or_a_paid_extra_not_there_is_our_mistake() {
    // session 43: phrasings the spent blind sets 1-6 and train's misses had and no line knew
    fires_on(
        |t| cues(t).mistake,
        &[
            "My headphones came today but it's the wrong one, the box says the wired model.",
            "The cleaner didn't turn up this morning and nobody rang to say why.",
            "We picked up the van and the roof rack I paid extra for wasn't there.",
            "I bought the winter pass on Friday and it still isn't unlocked in the app.",
            "My reward points from last week's order haven't been added yet.",
            "Your birthday discount code says invalid at checkout.",
            "The no-claims bonus has vanished from my renewal.",
            "The new laptop has a dead pixel right in the middle of the screen.",
        ],
        // a slip of the customer's own, or a question before anything went wrong
        &[
            "I think I ordered the wrong one, can I swap it for the larger size?",
            "Can I book a cleaner for Saturday morning?",
            "How many reward points do I get for a £50 order?",
        ],
    );
}

#[test]
fn a_parent_stranded_with_children_at_night_is_distress_and_a_question_about_the_last_train_is_not()
{
    fires_on(
        distress,
        &[
            "Our flight was cancelled and we're stuck at the airport with the kids, it's past midnight and the desk is shut.",
            "The car broke down, we're on the verge with the children in the back and it's pitch dark.",
            "Nobody is at the desk, my daughter sleeps on the floor and I have nowhere to stay.",
        ],
        &[
            "Can the kids travel on the last train on a child ticket?",
            "The kids spilled juice on the floor of the hire car, is there a cleaning fee?",
            "We have no hotel booked yet for the children's school trip, can you suggest one?",
        ],
    );
}

#[test]
fn our_people_doing_their_job_well_is_no_mistake_and_a_visit_missed_is() {
    // the words a missed visit is told in ("engineer", "came"), told of one that went well;
    // the model alone read the second and third as our mistake before session 52
    fires_on(
        |t| cues(t).mistake,
        &[
            "The engineer never came and nobody called to say why.",
            "I waited in all day and the engineer did not turn up.",
            "The technician came but left without fixing anything.",
            "Lovely driver, but the box was soaked and the vase inside cracked.",
        ],
        &[
            "The engineer came the same day, truly outstanding service.",
            "engineer came yesterday, all sorted now, cheers",
            "The engineer came on time and fixed the boiler, thank you",
        ],
    );
}

#[test]
fn a_real_mistake_asked_about_or_corrected_stays_our_mistake() {
    // session 58: look-alike lines for "is that normal?" and "oh wait", right on every train
    // row they fired on, dropped these in a hostile read (helper-148) and were not kept
    fires_on(
        |t| cues(t).mistake,
        &[
            "You charged me twice for November, is that normal??",
            "Oh wait, you charged me twice as well, for the same order.",
        ],
        &[],
    );
}

#[test]
fn a_pet_that_died_beside_a_dead_battery_is_a_loss_and_a_console_handed_down_is_not() {
    fires_on(
        |t| cues(t).loss,
        &["Our dog Max died on Sunday. His GPS collar's battery is dead anyway, please cancel his tracker subscription"],
        &["Uncle Pete passed his old console down to me but it won't turn on, do you repair them?"],
    );
}
