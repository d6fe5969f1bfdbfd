//! The outreach reasons' weights: always built, so a config written for the full build (with
//! `outreach.*` weights) is valid in the lean one too; the list itself is `crate::outreach`
//! (cargo feature "outreach").

use crate::signals::{SignalDef, SignalId};

/// The outreach reasons: ids that `config.weights` may set, default points, meaning. Why these
/// points: a relationship at risk first (a follow-up we owe, a detractor, a poor rating), then
/// the check-ins that keep it (after a complaint, after a repeat fix, a valued customer going
/// quiet), then the moments to celebrate; customer weight adds to whichever fires.
pub const SIGNALS: &[SignalDef] = &[
    // a follow-up an assessment advised is due, with no contact since
    SignalDef {
        id: SignalId::OutreachFollowUpDue,
        points: 30.0,
    },
    // an NPS detractor (0-6) in the last 90 days, with no contact since
    SignalDef {
        id: SignalId::OutreachDetractor,
        points: 30.0,
    },
    // a CSAT of 1-2 in the last 90 days, with no contact since
    SignalDef {
        id: SignalId::OutreachLowCsat,
        points: 25.0,
    },
    // a complaint or critical ticket closed in the last 30 days without a check-in
    SignalDef {
        id: SignalId::OutreachUncheckedClose,
        points: 20.0,
    },
    // a repeat problem solved in the last 14 days: check that the fix held
    SignalDef {
        id: SignalId::OutreachFixCheck,
        points: 15.0,
    },
    // a valued customer's last order far longer ago than their usual gap
    SignalDef {
        id: SignalId::OutreachGoingDark,
        points: 20.0,
    },
    // a birthday within the coming days
    SignalDef {
        id: SignalId::OutreachBirthday,
        points: 10.0,
    },
    // a customer anniversary within the coming days
    SignalDef {
        id: SignalId::OutreachAnniversary,
        points: 10.0,
    },
    // a milestone order (10th, 25th, 50th...) in the last days
    SignalDef {
        id: SignalId::OutreachMilestoneOrder,
        points: 10.0,
    },
    // lifetime value: ranks a valued customer's reasons higher (never a reason alone)
    SignalDef {
        id: SignalId::OutreachValue,
        points: 10.0,
    },
];

pub fn default_points(id: &str) -> Option<f64> {
    crate::signals::points_in(SIGNALS, id)
}
