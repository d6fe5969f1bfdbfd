//! The outreach reasons' weights: always built, so a config written for the full build (with
//! `outreach.*` weights) is valid in the lean one too; the list itself is `crate::outreach`
//! (cargo feature "outreach").

use crate::signals::{SignalDef, SignalId};

/// The outreach reasons: ids that `config.weights` may set, default points, meaning. Why these
/// points: a relationship at risk first (a follow-up we owe, a detractor, a poor rating), then
/// the check-ins that keep it (after a complaint, after a repeat fix, a valued customer going
/// quiet), then the moments to celebrate; customer weight adds to whichever fires.
pub const SIGNALS: &[SignalDef] = &[
    SignalDef {
        id: SignalId::OutreachFollowUpDue,
        points: 30.0,
        about: "a follow-up an assessment advised is due, with no contact since",
    },
    SignalDef {
        id: SignalId::OutreachDetractor,
        points: 30.0,
        about: "an NPS detractor (0-6) in the last 90 days, with no contact since",
    },
    SignalDef {
        id: SignalId::OutreachLowCsat,
        points: 25.0,
        about: "a CSAT of 1-2 in the last 90 days, with no contact since",
    },
    SignalDef {
        id: SignalId::OutreachUncheckedClose,
        points: 20.0,
        about: "a complaint or critical ticket closed in the last 30 days without a check-in",
    },
    SignalDef {
        id: SignalId::OutreachFixCheck,
        points: 15.0,
        about: "a repeat problem solved in the last 14 days: check that the fix held",
    },
    SignalDef {
        id: SignalId::OutreachGoingDark,
        points: 20.0,
        about: "a valued customer's last order far longer ago than their usual gap",
    },
    SignalDef {
        id: SignalId::OutreachBirthday,
        points: 10.0,
        about: "a birthday within the coming days",
    },
    SignalDef {
        id: SignalId::OutreachAnniversary,
        points: 10.0,
        about: "a customer anniversary within the coming days",
    },
    SignalDef {
        id: SignalId::OutreachMilestoneOrder,
        points: 10.0,
        about: "a milestone order (10th, 25th, 50th...) in the last days",
    },
    SignalDef {
        id: SignalId::OutreachValue,
        points: 10.0,
        about: "lifetime value: ranks a valued customer's reasons higher (never a reason alone)",
    },
];

pub fn default_points(id: &str) -> Option<f64> {
    crate::signals::points_in(SIGNALS, id)
}
