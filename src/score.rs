//! Σ reasons → score, band and route; follow-up and channel advice.

use crate::history::CustomerFacts;
use crate::signals::{Reason, SignalId};
use crate::text::TextSignals;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Band {
    Transactional,
    Relational,
    Critical,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Route {
    /// Short, exact, no flourishes.
    ResolveFast,
    /// Name, past interactions, thanks, follow-up.
    PersonalTouch,
    /// Take it to a relationship owner now.
    Steward,
}

impl Band {
    /// The name serde writes (lowercase).
    pub fn as_str(self) -> &'static str {
        match self {
            Band::Transactional => "transactional",
            Band::Relational => "relational",
            Band::Critical => "critical",
        }
    }

    pub fn route(self) -> Route {
        match self {
            Band::Transactional => Route::ResolveFast,
            Band::Relational => Route::PersonalTouch,
            Band::Critical => Route::Steward,
        }
    }
}

/// The score: the sum of the reasons, kept in 0..=100. When the sum falls outside, a `clamp`
/// reason takes up the difference, so the score is always exactly the sum of what is shown.
pub fn total(reasons: &mut Vec<Reason>) -> i32 {
    let sum = unclamped(reasons);
    let score = sum.clamp(0, 100);
    if score != sum {
        reasons.push(Reason {
            signal: SignalId::Clamp,
            label: if sum > 100 {
                "Capped at 100".into()
            } else {
                "Floored at 0".into()
            },
            points: score - sum,
            evidence: format!("the reasons add up to {sum}; the score stays within 0..100"),
            spans: vec![],
            source: None,
        });
    }
    score
}

pub use crate::confidence::{confidence, Confidence, Doubt};

/// The sum of the reasons before the clamp to 0..=100 (a `clamp` reason not counted).
pub fn unclamped(reasons: &[Reason]) -> i32 {
    reasons
        .iter()
        .filter(|r| r.signal != SignalId::Clamp)
        .map(|r| r.points)
        .sum()
}

pub fn band(score: i32, relational_from: f64, critical_from: f64) -> Band {
    let s = score as f64;
    if s >= critical_from {
        Band::Critical
    } else if s >= relational_from {
        Band::Relational
    } else {
        Band::Transactional
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FollowUp {
    pub in_days: u32,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChannelAdvice {
    pub channel: String,
    pub reason: String,
}

/// When to check back (seed 000: proactive check-ins and follow-ups). Routine requests get
/// none unless something went wrong.
pub fn follow_up(band: Band, s: &TextSignals) -> Option<FollowUp> {
    let f = |in_days, reason: &str| {
        Some(FollowUp {
            in_days,
            reason: reason.into(),
        })
    };
    match band {
        Band::Critical => f(
            1,
            "check tomorrow that the fix held and the customer feels looked after",
        ),
        Band::Relational if s.cues.mistake > 0.0 || s.cues.effort > 0.0 => {
            f(2, "confirm the problem is really solved this time")
        }
        Band::Relational if s.cues.churn > 0.0 => f(
            2,
            "check whether the customer is staying, while it can still change",
        ),
        Band::Relational if s.cues.praise > 0.0 || s.emotions.gratitude >= 0.5 => f(
            7,
            "thank them again and ask for a review or referral once the glow is fresh",
        ),
        Band::Relational => f(3, "check in that everything is fine"),
        Band::Transactional if s.cues.mistake > 0.0 => f(3, "make sure the correction arrived"),
        Band::Transactional => None,
    }
}

/// Which channel to answer on (seed 001): the one the customer uses most and rates best, with
/// longer sessions read as engagement; without history, the channel they wrote on. A critical
/// ticket whose best channel has left them unhappy (average CSAT ≤ 2) goes to a call from the
/// relationship owner instead (seed 003: steward it in-house).
pub fn channel(facts: &CustomerFacts, ticket_channel: Option<&str>, band: Band) -> ChannelAdvice {
    let total: usize = facts.channels.iter().map(|c| c.contacts).sum();
    let max_dur = facts
        .channels
        .iter()
        .filter_map(|c| c.mean_duration_seconds)
        .fold(0.0, f64::max);
    let scored = facts.channels.iter().map(|c| {
        let share = c.contacts as f64 / total.max(1) as f64;
        let sat = c.mean_csat.map_or(0.5, |x| (x - 1.0) / 4.0);
        let dur =
            c.mean_duration_seconds
                .map_or(0.0, |d| if max_dur > 0.0 { d / max_dur } else { 0.0 });
        (0.5 * share + 0.35 * sat + 0.15 * dur, c)
    });
    let best = scored.fold(
        None::<(f64, &crate::history::facts::ChannelStat)>,
        |a, (s, c)| match a {
            Some((bs, _)) if bs >= s => a,
            _ => Some((s, c)),
        },
    );
    match best {
        Some((_, c)) if band == Band::Critical && c.mean_csat.is_some_and(|x| x <= 2.0) && c.channel != "phone" => ChannelAdvice {
            channel: "phone".into(),
            reason: format!(
                "{} has not worked for them (average CSAT {} over {} contacts): a call from the relationship owner",
                c.channel,
                crate::util::num(c.mean_csat.unwrap_or(0.0), 2),
                c.contacts
            ),
        },
        Some((_, c)) if total >= 2 => {
            let sat = c
                .mean_csat
                .map(|x| format!(", average CSAT {}", crate::util::num(x, 2)))
                .unwrap_or_default();
            let dur = c
                .mean_duration_seconds
                .map(|d| format!(", sessions about {} min", (d / 60.0).round() as i64))
                .unwrap_or_default();
            ChannelAdvice {
                channel: c.channel.clone(),
                reason: format!("{} of their {total} past contacts{sat}{dur}", c.contacts),
            }
        }
        _ => match ticket_channel {
            Some(ch) => ChannelAdvice {
                channel: ch.to_string(),
                reason: "the channel they wrote on; not enough history to prefer another".into(),
            },
            None => ChannelAdvice {
                channel: "email".into(),
                reason: "no channel history; email by default".into(),
            },
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(points: i32) -> Reason {
        Reason {
            signal: SignalId::CueMistake,
            label: "x".into(),
            points,
            evidence: String::new(),
            spans: vec![],
            source: None,
        }
    }

    #[test]
    fn clamping_is_shown_and_sums_hold() {
        let mut v = vec![r(70), r(50)];
        assert_eq!(total(&mut v), 100);
        assert_eq!(v.iter().map(|x| x.points).sum::<i32>(), 100);
        assert_eq!(v.last().unwrap().signal, SignalId::Clamp);
        let mut v = vec![r(-20), r(5)];
        assert_eq!(total(&mut v), 0);
        assert_eq!(v.iter().map(|x| x.points).sum::<i32>(), 0);
        let mut v = vec![r(40)];
        assert_eq!(total(&mut v), 40);
        assert_eq!(v.len(), 1);
    }

    #[test]
    fn the_sum_before_the_clamp_leaves_the_clamp_out() {
        let mut v = vec![r(60), r(40), r(35)];
        assert_eq!(total(&mut v), 100);
        assert_eq!(unclamped(&v), 135);
        let mut v = vec![r(-20), r(5)];
        assert_eq!(total(&mut v), 0);
        assert_eq!(unclamped(&v), -15);
    }

    #[test]
    fn phone_advice_rounds_the_average_csat() {
        let facts = crate::history::facts::CustomerFacts {
            channels: vec![crate::history::facts::ChannelStat {
                channel: "email".into(),
                contacts: 3,
                mean_csat: Some(5.0 / 3.0),
                mean_duration_seconds: None,
            }],
            ..Default::default()
        };
        let advice = channel(&facts, Some("email"), Band::Critical);
        assert_eq!(advice.channel, "phone");
        assert!(
            advice
                .reason
                .contains("(average CSAT 1.67 over 3 contacts)"),
            "{}",
            advice.reason
        );
    }

    #[test]
    fn band_names_are_the_serialised_ones() {
        for b in [Band::Transactional, Band::Relational, Band::Critical] {
            assert_eq!(serde_json::to_value(b).unwrap(), b.as_str());
        }
    }

    #[test]
    fn bands_and_routes() {
        assert_eq!(band(10, 35.0, 65.0).route(), Route::ResolveFast);
        assert_eq!(band(35, 35.0, 65.0).route(), Route::PersonalTouch);
        assert_eq!(band(65, 35.0, 65.0).route(), Route::Steward);
    }
}
