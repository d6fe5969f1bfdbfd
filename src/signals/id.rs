//! Every signal id, once. Code that produces or compares a signal names it here
//! (`SignalId::CueMistake`), not by a string, so a misspelt id is a compile error; the string
//! (`"cue.mistake"`) is only what goes out on the wire and what `config.weights` keys are.
//!
//! The families (the part before the dot):
//! - `intent.*`: what kind of request the words make (relational or routine).
//! - `sentiment.*`: the thread's tone, negative or warm.
//! - `emotion.*`: an emotion in the customer's words (frustration, distress, confusion…).
//! - `cue.*`: a phrase that says something happened (our mistake, a churn threat, a life event…).
//! - `thread.*`: the shape of the thread (messages left without an answer).
//! - `ticket.*`: the ticket itself (how long it has been open).
//! - `history.*`: a fact from the customer's history (tenure, value, a low rating, a repeat…).
//! - `moment.*`: a date worth marking (birthday, anniversary, a milestone order).
//! - `combo.*`: a cue in the words meeting a fact in the history (our mistake hit a valued customer).
//! - `customer.*`: what is known of the customer at all (no history).
//! - `outreach.*`: a reason to contact a customer unprompted (the outreach queue).
//! - `clamp`: not a signal but the reason that keeps the score within 0..100.
//!
//! The model is `crate::text::Cue`: the enum's discriminant indexes a table of names (`IDS`),
//! which costs the .wasm less than a `match` per method.

use serde::{Serialize, Serializer};

/// The id strings, in the order of `SignalId`'s variants.
const IDS: [&str; 45] = [
    "intent.relational",
    "intent.transactional",
    "sentiment.negative",
    "sentiment.positive",
    "emotion.frustration",
    "emotion.distress",
    "emotion.confusion",
    "emotion.urgency",
    "emotion.gratitude",
    "cue.mistake",
    "cue.churn",
    "cue.effort",
    "cue.praise",
    "cue.loyalty",
    "cue.life_event",
    "thread.unanswered",
    "ticket.time_open",
    "history.tenure",
    "history.value",
    "history.orders",
    "history.tier",
    "history.csat_low",
    "history.nps_detractor",
    "history.nps_promoter",
    "history.nps_drop",
    "history.recent_contacts",
    "history.repeat_topic",
    "history.broken_promise",
    "moment.birthday",
    "moment.anniversary",
    "moment.milestone_order",
    "combo.mistake_valued",
    "combo.churn_valued",
    "customer.unknown",
    "outreach.follow_up_due",
    "outreach.detractor",
    "outreach.low_csat",
    "outreach.unchecked_close",
    "outreach.fix_check",
    "outreach.going_dark",
    "outreach.birthday",
    "outreach.anniversary",
    "outreach.milestone_order",
    "outreach.value",
    "clamp",
];

/// A signal's id: what a `Reason` carries and `config.weights` sets. Its string is `id()`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(u8)]
pub enum SignalId {
    IntentRelational,
    IntentTransactional,
    SentimentNegative,
    SentimentPositive,
    EmotionFrustration,
    EmotionDistress,
    EmotionConfusion,
    EmotionUrgency,
    EmotionGratitude,
    CueMistake,
    CueChurn,
    CueEffort,
    CuePraise,
    CueLoyalty,
    CueLifeEvent,
    ThreadUnanswered,
    TicketTimeOpen,
    HistoryTenure,
    HistoryValue,
    HistoryOrders,
    HistoryTier,
    HistoryCsatLow,
    HistoryNpsDetractor,
    HistoryNpsPromoter,
    HistoryNpsDrop,
    HistoryRecentContacts,
    HistoryRepeatTopic,
    HistoryBrokenPromise,
    MomentBirthday,
    MomentAnniversary,
    MomentMilestoneOrder,
    ComboMistakeValued,
    ComboChurnValued,
    CustomerUnknown,
    OutreachFollowUpDue,
    OutreachDetractor,
    OutreachLowCsat,
    OutreachUncheckedClose,
    OutreachFixCheck,
    OutreachGoingDark,
    OutreachBirthday,
    OutreachAnniversary,
    OutreachMilestoneOrder,
    OutreachValue,
    Clamp,
}

impl SignalId {
    /// Every id, in declaration order (`ALL[i] as usize == i`).
    pub const ALL: [SignalId; 45] = {
        use SignalId::*;
        [
            IntentRelational,
            IntentTransactional,
            SentimentNegative,
            SentimentPositive,
            EmotionFrustration,
            EmotionDistress,
            EmotionConfusion,
            EmotionUrgency,
            EmotionGratitude,
            CueMistake,
            CueChurn,
            CueEffort,
            CuePraise,
            CueLoyalty,
            CueLifeEvent,
            ThreadUnanswered,
            TicketTimeOpen,
            HistoryTenure,
            HistoryValue,
            HistoryOrders,
            HistoryTier,
            HistoryCsatLow,
            HistoryNpsDetractor,
            HistoryNpsPromoter,
            HistoryNpsDrop,
            HistoryRecentContacts,
            HistoryRepeatTopic,
            HistoryBrokenPromise,
            MomentBirthday,
            MomentAnniversary,
            MomentMilestoneOrder,
            ComboMistakeValued,
            ComboChurnValued,
            CustomerUnknown,
            OutreachFollowUpDue,
            OutreachDetractor,
            OutreachLowCsat,
            OutreachUncheckedClose,
            OutreachFixCheck,
            OutreachGoingDark,
            OutreachBirthday,
            OutreachAnniversary,
            OutreachMilestoneOrder,
            OutreachValue,
            Clamp,
        ]
    };

    /// The id as written on the wire and in `config.weights` (`"cue.mistake"`).
    pub const fn id(self) -> &'static str {
        IDS[self as usize]
    }

    /// The signal of an id string; `None` for an id no signal has.
    pub fn from_id(id: &str) -> Option<SignalId> {
        IDS.iter().position(|s| *s == id).map(|i| Self::ALL[i])
    }
}

impl std::fmt::Display for SignalId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id())
    }
}

/// Written as its id string: the wire format is the same as when ids were strings.
impl Serialize for SignalId {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.id())
    }
}

impl PartialEq<str> for SignalId {
    fn eq(&self, other: &str) -> bool {
        self.id() == other
    }
}

impl PartialEq<&str> for SignalId {
    fn eq(&self, other: &&str) -> bool {
        self.id() == *other
    }
}

impl PartialEq<SignalId> for &str {
    fn eq(&self, other: &SignalId) -> bool {
        *self == other.id()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_and_are_unique() {
        for (i, s) in SignalId::ALL.iter().enumerate() {
            assert_eq!(*s as usize, i, "ALL is in declaration order");
            assert_eq!(SignalId::from_id(s.id()), Some(*s), "{s}");
        }
        let mut ids: Vec<&str> = SignalId::ALL.iter().map(|s| s.id()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), SignalId::ALL.len(), "ids are unique");
        assert_eq!(SignalId::from_id("cue.nope"), None);
        assert_eq!(SignalId::from_id("cue.mistake "), None);
    }

    /// The quoted strings of the d.ts union `export type <name> = … ;`.
    fn dts_union(src: &str, name: &str) -> Vec<String> {
        let start = src
            .find(&format!("export type {name} ="))
            .unwrap_or_else(|| panic!("the d.ts declares {name}"));
        let body = &src[start..];
        let body = &body[..body.find(';').expect("the union ends with ;")];
        // comments (`// (30) …`) end each line of the outreach list: only what precedes them
        body.lines()
            .map(|l| l.split("//").next().unwrap_or(""))
            .flat_map(|l| l.split('"').skip(1).step_by(2).map(str::to_string))
            .collect()
    }

    #[test]
    fn the_dts_lists_the_same_ids() {
        let types = include_str!("../bindings/types.rs");
        let outreach = include_str!("../bindings/outreach_types.rs");
        let mut dts = dts_union(types, "SignalId");
        dts.extend(dts_union(outreach, "OutreachSignalId"));
        // `Reason.signal` and `OutreachReason.signal` are `… | "clamp"`
        assert!(types.contains(r#"signal: SignalId | "clamp";"#));
        assert!(outreach.contains(r#"signal: OutreachSignalId | "clamp";"#));
        dts.push("clamp".into());
        let mut ours: Vec<String> = SignalId::ALL.iter().map(|s| s.id().to_string()).collect();
        dts.sort();
        ours.sort();
        assert_eq!(dts, ours);
    }

    #[test]
    fn serialises_as_its_id() {
        assert_eq!(
            serde_json::to_string(&SignalId::HistoryRepeatTopic).unwrap(),
            "\"history.repeat_topic\""
        );
    }

    #[test]
    fn every_signal_has_its_default_points_and_no_other_does() {
        // the weights table (`SIGNALS` and the outreach ones) lists every signal but the clamp
        let defs: Vec<SignalId> = super::super::SIGNALS
            .iter()
            .chain(super::super::outreach::SIGNALS)
            .map(|d| d.id)
            .collect();
        let mut want: Vec<SignalId> = SignalId::ALL
            .into_iter()
            .filter(|s| *s != SignalId::Clamp)
            .collect();
        let mut got = defs.clone();
        want.sort();
        got.sort();
        assert_eq!(got, want);
    }
}
