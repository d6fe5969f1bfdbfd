//! A routine request the customer makes again and again (an invoice copy each month, a meter
//! reading each quarter) is not "the third contact on one issue": each earlier one was solved,
//! none was rated badly, and nothing in the words is wrong. PRODUCT.md's third contact is about
//! one issue that keeps coming back; with a third contact worth 72 points (session 23) a third
//! monthly invoice request from a five-year customer scored critical 100.

use super::{Reason, SignalId};
use crate::history::facts::PastTicket;
use crate::text::{Kind, TextSignals, BROKEN_PROMISE};

/// Sets the repeat of the earlier tickets on the same topic to 0 points, "solved each time",
/// when this ticket is a plain routine request and every earlier one listed was solved and not
/// rated 3 or lower. The reason stays, as context for the agent. A customer who says "again"
/// or "still" tells us the matter came back ("this month's bag is the decaf again"), whatever
/// the cues caught. `evaluate`, scenarios band train / dev: 84.9 / 88.6% without this; with it
/// and no "again", 84.7 / 88.6% (the decaf sent again, a first mistake the cues miss, lost its
/// repeat); with "again" and "still", 85.1 / 88.6% (snippet kind 87.6 -> 87.8% on train).
pub fn settle_recurring_request(
    reasons: &mut [Reason],
    text: &TextSignals,
    words: &[(usize, &str)],
    same: &[PastTicket],
) {
    let (c, e) = (&text.cues, &text.emotions);
    let again = words.iter().any(|(_, t)| {
        t.split(|ch: char| !ch.is_alphanumeric())
            .any(|w| w.eq_ignore_ascii_case("again") || w.eq_ignore_ascii_case("still"))
    });
    let plain = !again
        && text.intent.kind == Kind::Transactional
        && c.mistake == 0.0
        && c.churn == 0.0
        && c.effort == 0.0
        && e.frustration < 0.2
        && e.distress < 0.2
        && text.sentiment.compound > -0.05
        && text.situations & BROKEN_PROMISE == 0;
    let settled = !same.is_empty()
        && same
            .iter()
            .all(|t| t.solved_at.is_some() && t.csat.is_none_or(|c| c > 3.0));
    if !(plain && settled) {
        return;
    }
    for r in reasons
        .iter_mut()
        .filter(|r| r.signal == SignalId::HistoryRepeatTopic && r.points > 0)
    {
        r.points = 0;
        r.label = format!("{} (solved each time: a recurring request)", r.label);
    }
}
