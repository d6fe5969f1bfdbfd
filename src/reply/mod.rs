//! The first reply: what kind of answer a good agent sends first for this assessment
//! (apologise and make good, take ownership, try to keep the customer, thank them…). Snippets
//! declare the kind they are (`"reply"` in the library) and the ones of the advised kind
//! rank first, so the snippets follow the judgement instead of matching words on their own.
//!
//! The order below is the seeds' (`data/judgement/LABELS.md`, "snippet_kind"): a person in
//! grief or distress is answered as a person first; someone made to chase us, or hit again by
//! a mistake we had been told of, or by a promise of ours not kept, gets one owner before
//! anything else (not a new promise); our mistake gets an
//! apology with a make-good even when the customer also threatens to leave (the mistake is why); a churn threat gets a save; a complaint an
//! acknowledgement; praise thanks; a happy event congratulations; the rest a plain answer.
//! History alone (a repeat of the topic) asks for ownership only when the ticket is not
//! routine: a VIP's invoice copy still gets the invoice. A run of unanswered messages or a low
//! last rating alone does not decide the kind (the labelled scenarios answer those with a plain
//! answer as often as with ownership). The order was checked against the train and dev
//! scenarios (`RJ_ALL=1 evaluate --verbose` lists every one).
//!
//! The rules are the first word, and on a clear signal the last: a model fitted on the
//! labelled scenarios' train split and the routine messages (`learned.rs`) weighs a pick made
//! on faint evidence against the band, the moment reasons' points and the text's cues,
//! emotions and intent, choosing among the kinds the assessment shows any evidence for
//! (`eligible`): a faint "twice" in a routine request gets its plain answer.

use crate::score::Band;
use crate::signals::{Reason, SignalId};
use crate::text::{Cues, Emotions, Intent, TextSignals, BEREAVEMENT, BROKEN_PROMISE, SERIOUS_LOSS};
use serde::Serialize;

pub mod learned;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Reply {
    PlainAnswer,
    ApologyMakegood,
    Ownership,
    ChurnSave,
    ThanksPraise,
    Celebration,
    Condolence,
    ReassureDistress,
    ComplaintAcknowledge,
    HumanHandoff,
}

/// Every kind, in the order of `Reply`, by the name the library and the wire use.
pub const REPLIES: [(&str, Reply); 10] = [
    ("plain_answer", Reply::PlainAnswer),
    ("apology_makegood", Reply::ApologyMakegood),
    ("ownership", Reply::Ownership),
    ("churn_save", Reply::ChurnSave),
    ("thanks_praise", Reply::ThanksPraise),
    ("celebration", Reply::Celebration),
    ("condolence", Reply::Condolence),
    ("reassure_distress", Reply::ReassureDistress),
    ("complaint_acknowledge", Reply::ComplaintAcknowledge),
    ("human_handoff", Reply::HumanHandoff),
];

impl Reply {
    pub fn as_str(self) -> &'static str {
        REPLIES[self as usize].0
    }

    pub fn parse(name: &str) -> Option<Reply> {
        REPLIES.iter().find(|r| r.0 == name).map(|r| r.1)
    }
}

/// A cue or emotion counts for the reply when the customer clearly voiced it.
const CLEAR: f64 = 0.4;

/// What the first reply is chosen from: the assessment's band, its reasons and the text's
/// cues, emotions and intent.
#[derive(Clone, Copy)]
pub struct Inputs<'a> {
    pub band: Band,
    pub cues: &'a Cues,
    pub emotions: &'a Emotions,
    pub intent: &'a Intent,
    pub reasons: &'a [Reason],
    /// What exactly happened, as the words say (`TextSignals::situations`).
    pub situations: u8,
}

impl<'a> Inputs<'a> {
    pub fn new(band: Band, signals: &'a TextSignals, reasons: &'a [Reason]) -> Self {
        Inputs {
            band,
            cues: &signals.cues,
            emotions: &signals.emotions,
            intent: &signals.intent,
            reasons,
            situations: signals.situations,
        }
    }

    /// Whether the words say this happened (a bit of `text::SITUATIONS`).
    pub fn said(&self, situation: u8) -> bool {
        self.situations & situation != 0
    }

    /// Whether the reason `id` is listed with points (what the agent sees).
    pub fn has(&self, id: SignalId) -> bool {
        self.reasons.iter().any(|r| r.signal == id && r.points > 0)
    }
}

/// The first reply for a ticket: the rules' pick (`rules`), weighed by the fitted model
/// (`learned.rs`) against what else the assessment shows. Measured and not kept (session 45):
/// the reply picked from the reading without what the learned model alone found
/// (`signals::text::drop_model_findings`), the band as it is: when that reading is in another
/// band, expected snippet kind first train / dev 90.1 / 90.0 → 86.9 / 86.2%, the spent blind
/// sets 1–6 +3 of 960; whenever the model found anything alone, 85.9 / 86.2%, spent sets −1.
pub fn first_reply(band: Band, signals: &TextSignals, reasons: &[Reason]) -> Reply {
    let x = Inputs::new(band, signals, reasons);
    learned::pick(&x, rules(&x))
}

/// Whether the rules' pick stands whatever the fitted weights say: the seeds' call on a clear
/// signal (the cue that decides it at `SURE` or more, or a sure intent for a hand-off or a
/// complaint), and a mistake the customer clearly had to chase us about, which gets one owner.
/// The fitted model refines the calls made on faint evidence and the plain answers.
pub fn binding(x: &Inputs, rule: Reply) -> bool {
    let (c, e, i) = (x.cues, x.emotions, x.intent);
    let has = |id: SignalId| x.has(id);
    // the cue at SURE, or listed among the reasons with points at a phrase line's strength
    let clear_or_shown = |v: f64, id: SignalId| v >= SURE || (v >= SHOWN && has(id));
    match rule {
        Reply::Ownership => {
            (c.mistake >= 0.6
                && c.effort >= 0.8
                && has(SignalId::CueMistake)
                && has(SignalId::CueEffort))
                || x.said(BROKEN_PROMISE)
                // a date of ours gone by (signals::promise): the seeds' clear call
                || has(SignalId::HistoryBrokenPromise)
        }
        // our mistake shown to the agent with points, told at a phrase line's strength (0.55)
        // or more: an apology first in every band, as the issue asks, and as the top snippet
        // already was (the advised kind said "plain answer" above "sorry we sent the wrong
        // shoes"). Session 56: train / dev snippet kind first 89.5 / 90.0 -> 89.5 / 89.4%, the
        // spent blind sets 1-6 +0.7 points on average.
        Reply::ApologyMakegood => clear_or_shown(c.mistake, SignalId::CueMistake),
        // likewise a happy event shown with points (session 56: train / dev snippet kind first
        // 89.5 / 89.4 -> 89.9 / 89.4%, the spent sets 1-6 +0.1 points). A churn threat so
        // (moved nothing in train, dev or the spent sets) was undone after a hostile read: one
        // phrase line, "pac code" or "give notice", then advised a save to a customer joining us
        // or moving a direct debit date. Praise so was measured and not kept: train 89.9 ->
        // 89.3%, the spent sets -0.3 (a courteous thanks beside a request).
        Reply::ChurnSave => c.churn >= SURE,
        Reply::ThanksPraise => c.praise >= SURE,
        Reply::Celebration => clear_or_shown(c.celebration, SignalId::CueLifeEvent),
        // a death said outright, and a frightening loss that is not one, are clear calls too
        Reply::Condolence => c.loss >= SURE || (c.loss >= CLEAR && x.said(BEREAVEMENT)),
        Reply::ReassureDistress => {
            e.distress >= SURE || (c.loss >= CLEAR && frightened(x) && !x.said(BEREAVEMENT))
        }
        Reply::HumanHandoff | Reply::ComplaintAcknowledge => !i.unsure,
        Reply::PlainAnswer => false,
    }
}

/// Whether the assessment shows anything a reply of kind `k` answers: the fitted model picks
/// only among these (and the rules' pick), never a condolence where nobody lost anyone.
pub fn eligible(x: &Inputs, k: Reply) -> bool {
    let (c, e) = (x.cues, x.emotions);
    // a moment of the history that asks for an owner
    let chased = || {
        [
            SignalId::HistoryRepeatTopic,
            SignalId::HistoryRecentContacts,
            SignalId::HistoryCsatLow,
            SignalId::ThreadUnanswered,
            SignalId::TicketTimeOpen,
        ]
        .iter()
        .any(|s| x.has(*s))
    };
    // the evidence for each kind: a cue or emotion, or the intent
    let (strength, intent) = match k {
        Reply::PlainAnswer => return true,
        Reply::ApologyMakegood => (c.mistake, ""),
        // (chased: the intent always matches itself)
        Reply::Ownership => (
            if x.said(BROKEN_PROMISE) {
                c.effort.max(c.mistake)
            } else {
                c.effort
            },
            if chased() { x.intent.id.as_str() } else { "" },
        ),
        Reply::ChurnSave => (c.churn, "cancel_relationship"),
        Reply::ThanksPraise => (c.praise, "feedback_praise"),
        Reply::Celebration => (c.celebration, ""),
        Reply::Condolence => (c.loss, ""),
        Reply::ReassureDistress => (e.distress, ""),
        Reply::ComplaintAcknowledge => (e.frustration, "complaint"),
        Reply::HumanHandoff => (c.effort, "human_agent"),
    };
    strength > 0.0 || x.intent.id == intent
}

/// The customer voices fear or distress clearly, with points (a reason the agent sees).
fn frightened(x: &Inputs) -> bool {
    x.emotions.distress >= CLEAR + 0.1 && x.has(SignalId::EmotionDistress)
}

/// A cue this strong is the customer's clear word.
const SURE: f64 = 0.6;
/// A cue this strong and listed among the reasons with points is what the agent is shown as the
/// moment: one phrase line reads 0.55 (`analyzer::strength`).
const SHOWN: f64 = 0.5;

/// The rules' first reply, from what the assessment shows: the reasons that carry points
/// (what the agent sees) and the text's cues for what the reasons merge (a life event is a
/// celebration or a loss).
pub fn rules(x: &Inputs) -> Reply {
    let band = x.band;
    let has = |id: SignalId| x.has(id);
    let (c, i) = (x.cues, x.intent);
    let sure_intent = |id: &str| !i.unsure && i.id == id;
    // someone made to chase us, or let down by a promise of ours: one owner first
    let owed = (c.effort >= CLEAR && has(SignalId::CueEffort))
        || has(SignalId::HistoryBrokenPromise)
        || x.said(BROKEN_PROMISE)
        || (has(SignalId::CueMistake) && has(SignalId::HistoryRepeatTopic));
    // a death is met with condolence; another loss the customer is frightened by (an accident,
    // an illness, a lost job) with reassurance first: what happens next (LABELS.md's scenarios).
    // An illness or an injury beside a promise we broke is answered with ownership ("my mum
    // comes out of hospital tomorrow and the chair never came": sc-j-113), unless the writer is
    // clearly distressed (0.4 or more, with points): a person first (LABELS.md).
    let frightened = frightened(x)
        || (c.loss >= CLEAR
            && owed
            && x.emotions.distress >= CLEAR
            && has(SignalId::EmotionDistress)
            && !x.said(BEREAVEMENT));
    // (a loss beside a cancellation, "too expensive now I've lost my job", is met as the
    // cancellation: "sorry for your loss" fits a death, not a lost job; an illness, an injury or
    // a divorce told in words is met with sympathy first, session 57: "diagnosed with cancer, so
    // please cancel my gym membership" was offered a save)
    if c.loss >= CLEAR
        && has(SignalId::CueLifeEvent)
        && (x.said(BEREAVEMENT)
            || (!frightened && !owed && (!has(SignalId::CueChurn) || x.said(SERIOUS_LOSS))))
    {
        Reply::Condolence
    } else if frightened {
        Reply::ReassureDistress
    } else if sure_intent("human_agent") && !has(SignalId::CueMistake) {
        Reply::HumanHandoff
    } else if owed {
        Reply::Ownership
    } else if has(SignalId::CuePraise) && sure_intent("feedback_praise") {
        // a thank-you letter that tells what went wrong on the way ("the airline lost it, but
        // Marcus chased them"): the thanks are the message (LABELS.md, fourth pass)
        Reply::ThanksPraise
    } else if has(SignalId::CueMistake) {
        Reply::ApologyMakegood
    } else if has(SignalId::CueChurn) {
        Reply::ChurnSave
    } else if sure_intent("complaint") {
        Reply::ComplaintAcknowledge
    } else if has(SignalId::CuePraise) {
        Reply::ThanksPraise
    } else if band != Band::Transactional && has(SignalId::HistoryRepeatTopic) {
        Reply::Ownership
    } else if c.celebration >= CLEAR && has(SignalId::CueLifeEvent) {
        Reply::Celebration
    } else {
        Reply::PlainAnswer
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::TextAnalyzer;

    fn reason(id: SignalId, points: i32) -> Reason {
        Reason {
            signal: id,
            label: id.id().into(),
            points,
            evidence: String::new(),
            spans: Vec::new(),
            source: None,
        }
    }

    fn reply(text: &str, band: Band, reasons: &[(SignalId, i32)]) -> Reply {
        let s = TextAnalyzer::builtin().analyze(text);
        let r: Vec<Reason> = reasons.iter().map(|(id, p)| reason(*id, *p)).collect();
        rules(&Inputs::new(band, &s, &r))
    }

    #[test]
    fn the_model_may_pick_only_kinds_with_evidence_and_clear_calls_stand() {
        let s = TextAnalyzer::builtin().analyze("where is my parcel?");
        let r = [reason(SignalId::HistoryRepeatTopic, 14)];
        let x = Inputs::new(Band::Relational, &s, &r);
        assert!(eligible(&x, Reply::PlainAnswer));
        assert!(eligible(&x, Reply::Ownership), "a repeat asks for an owner");
        for k in [Reply::Condolence, Reply::Celebration, Reply::ThanksPraise] {
            assert!(!eligible(&x, k), "{k:?} with nothing to answer");
        }
        let x = Inputs::new(Band::Relational, &s, &[]);
        assert!(!eligible(&x, Reply::Ownership));
        // a clear churn threat keeps its save; a plain answer is always the model's to weigh
        let s = TextAnalyzer::builtin()
            .analyze("Cancel my subscription today, I'm moving to a competitor.");
        let r = [reason(SignalId::CueChurn, 30)];
        let x = Inputs::new(Band::Relational, &s, &r);
        assert!(s.cues.churn >= SURE, "{:?}", s.cues);
        assert!(binding(&x, Reply::ChurnSave));
        assert!(!binding(&x, Reply::PlainAnswer));
    }

    #[test]
    fn names_round_trip() {
        for (name, r) in REPLIES {
            assert_eq!(r.as_str(), name);
            assert_eq!(Reply::parse(name), Some(r));
        }
        assert_eq!(Reply::parse("apology"), None);
    }

    #[test]
    fn effort_takes_ownership_before_the_apology() {
        let r = [(SignalId::CueMistake, 30), (SignalId::CueEffort, 20)];
        let chased = "This is the third time I'm writing about the wrong charge, still not fixed.";
        assert_eq!(reply(chased, Band::Critical, &r), Reply::Ownership);
        // a faint effort cue (a lone "again") does not turn the apology into ownership
        assert_eq!(reply("x", Band::Critical, &r), Reply::ApologyMakegood);
        let r = [(SignalId::CueMistake, 30), (SignalId::CueChurn, 30)];
        assert_eq!(reply("x", Band::Critical, &r), Reply::ApologyMakegood);
        let r = [(SignalId::CueChurn, 30)];
        assert_eq!(reply("x", Band::Relational, &r), Reply::ChurnSave);
    }

    #[test]
    fn a_mistake_we_were_told_of_before_takes_ownership() {
        let r = [
            (SignalId::CueMistake, 30),
            (SignalId::HistoryRepeatTopic, 20),
        ];
        assert_eq!(reply("x", Band::Critical, &r), Reply::Ownership);
        // an unanswered run alone does not decide: the mistake does
        let r = [(SignalId::CueMistake, 30), (SignalId::ThreadUnanswered, 12)];
        assert_eq!(reply("x", Band::Relational, &r), Reply::ApologyMakegood);
    }

    #[test]
    fn reasons_at_zero_points_do_not_count() {
        // a cue scaled away (or a weight of 0 in the team's config) is not the moment
        let r = [(SignalId::CueMistake, 0), (SignalId::HistoryValue, 0)];
        assert_eq!(reply("x", Band::Transactional, &r), Reply::PlainAnswer);
    }

    #[test]
    fn history_alone_asks_for_ownership_only_off_the_routine_band() {
        let r = [(SignalId::HistoryRepeatTopic, 20)];
        assert_eq!(reply("x", Band::Relational, &r), Reply::Ownership);
        assert_eq!(reply("x", Band::Transactional, &r), Reply::PlainAnswer);
    }

    #[test]
    fn a_life_event_is_a_loss_or_a_celebration() {
        let r = [(SignalId::CueLifeEvent, 30)];
        let loss = "My father passed away last week and I need to close his account.";
        assert_eq!(reply(loss, Band::Relational, &r), Reply::Condolence);
        let joy = "We just got married and I'd love to change the name on my account!";
        assert_eq!(reply(joy, Band::Relational, &r), Reply::Celebration);
        // the cue must also be a reason with points, not only a word in the text
        assert_eq!(reply(joy, Band::Relational, &[]), Reply::PlainAnswer);
    }

    #[test]
    fn an_illness_beside_a_promise_we_broke_gets_an_owner_a_death_condolence() {
        let r = [(SignalId::CueLifeEvent, 17), (SignalId::CueMistake, 20)];
        let ill =
            "My mum has been moved into a hospice and the bed you promised for Monday never came.";
        let s = TextAnalyzer::builtin().analyze(ill);
        assert!(s.cues.loss >= CLEAR, "{:?}", s.cues);
        assert!(s.situations & BROKEN_PROMISE != 0);
        assert_eq!(reply(ill, Band::Critical, &r), Reply::Ownership);
        // a promise told without "would" ("u said … coming fri. didnt come") is one too
        let told =
            "gran in hospital, u said the boiler guy coming fri. didnt come. can somebody sort it";
        assert_eq!(reply(told, Band::Relational, &r), Reply::Ownership);
        // without a promise of ours the illness is met as before
        let alone = "My mum has been moved into a hospice, please put her broadband in my name.";
        assert_eq!(reply(alone, Band::Relational, &r[..1]), Reply::Condolence);
        let died = "My mum died on Sunday and the bed you promised for Monday never came.";
        assert_eq!(reply(died, Band::Critical, &r), Reply::Condolence);
        // frightened by it, with the promise broken: a person first
        let scared = "My mum has been moved into a hospice and I'm terrified, I can't cope. The bed you promised for Monday never came.";
        let s = TextAnalyzer::builtin().analyze(scared);
        assert!(s.emotions.distress >= CLEAR, "{:?}", s.emotions);
        let mut with_fear = r.to_vec();
        with_fear.push((SignalId::EmotionDistress, 30));
        assert_eq!(
            reply(scared, Band::Critical, &with_fear),
            Reply::ReassureDistress
        );
    }
}
