//! Why to contact one customer today: each reason a `Reason` with points and the record it
//! stands on, as in an assessment. Everything is read at `now`: records dated after it do not
//! exist yet, so the same `now` gives the same reasons.

use crate::history::records::{SurveyKind, TicketRecord};
use crate::history::store::{CustomerHistory, Store};
use crate::seen::{Assessed, Seen};
use crate::signals::{points, Reason, SignalId};
use crate::time::{days_until_yearly, format_date, MS_PER_DAY};
use crate::util::{num, owned};

/// How far back a low score still calls for a call (older ones have been overtaken).
pub const SCORE_DAYS: i64 = 90;
/// How long after a complaint or critical ticket is closed a check-in is still worth making.
pub const CLOSED_DAYS: i64 = 30;
/// How recently a repeat problem must have been solved to ask whether the fix held, and how
/// far apart its two tickets may be.
pub const FIX_DAYS: i64 = 14;
pub const REPEAT_WINDOW_DAYS: i64 = 60;
/// How long an advised follow-up stays on the list once due.
pub const FOLLOW_UP_DAYS: i64 = 30;
/// A ticket without `solvedAt` is taken as open only if opened this recently: an export with
/// no solved dates must not hide every customer who ever wrote.
pub const OPEN_DAYS: i64 = 30;
/// A ticket assessed this recently, not closed since, is in the queue.
pub const QUEUE_DAYS: i64 = 14;
/// Going dark: days since the last order at least this many times the usual gap, and at least
/// `DARK_MIN_DAYS`; the usual gap is the median of the last `DARK_GAPS` gaps.
pub const DARK_RATIO: f64 = 3.0;
pub const DARK_MIN_DAYS: i64 = 30;
pub const DARK_GAPS: usize = 12;
/// Order counts worth a thank-you (as `history::facts`).
const MILESTONES: &[usize] = &[10, 25, 50, 100, 250, 500, 1000];

/// What the reasons need besides the customer's records.
pub struct Cx<'a> {
    pub now: i64,
    /// Days ahead for birthdays and anniversaries, and back for a milestone order.
    pub within: i64,
    pub weights: &'a dyn Fn(&str) -> f64,
    pub value_high: f64,
    pub tier_share: &'a dyn Fn(&str) -> Option<f64>,
    pub seen: &'a Seen,
    /// Whose a ticket assessed here is (`Store::may_be`).
    pub store: &'a Store,
    /// A past ticket's topics as bits (cached on the record).
    pub topics: &'a dyn Fn(&TicketRecord) -> u32,
}

/// What the engine's own record says of one customer.
#[derive(Default, Clone, Copy)]
pub struct Journal<'a> {
    /// The latest contact it saw: an assessment of one of their tickets, or an outreach sent.
    pub contact: Option<i64>,
    /// One of their tickets was assessed lately and is not closed: they are in the queue.
    pub open: bool,
    /// The latest follow-up advised for them that is due by `now`.
    pub follow_up: Option<&'a Assessed>,
}

/// Kept out of line, the label copied here: inlined at each of the ten reasons, the string
/// copies cost a kilobyte and a half of .wasm.
#[inline(never)]
fn reason(id: SignalId, label: &str, pts: i32, evidence: String, source: Option<String>) -> Reason {
    Reason {
        signal: id,
        label: label.into(),
        points: pts,
        evidence,
        spans: vec![],
        source,
    }
}

fn days(ms: i64) -> i64 {
    ms.div_euclid(MS_PER_DAY)
}

fn ticket_label(t: &TicketRecord) -> String {
    match t.subject() {
        Some(s) => format!("ticket {} “{}”", t.id(), crate::util::clip(s, 60)),
        None => format!("ticket {}", t.id()),
    }
}

/// The follow-up reason alone (also for customers the history does not hold).
pub fn follow_up(a: &Assessed, cx: &Cx) -> Reason {
    let due = a.due().unwrap_or(a.at);
    let f = a.follow_up.as_ref().map_or("", |f| f.reason.as_str());
    let when = match days(cx.now) - days(due) {
        0 => owned("due today"),
        1 => owned("due yesterday"),
        n => format!("due {n} days ago"),
    };
    reason(
        SignalId::OutreachFollowUpDue,
        "Follow-up due",
        points(cx.weights, SignalId::OutreachFollowUpDue, 1.0),
        format!(
            "ticket {} was assessed {} on {}: {f}; {when}, no contact since",
            a.ticket_id,
            a.band.as_str(),
            format_date(a.at)
        ),
        Some(format!("ticket {}", a.ticket_id)),
    )
}

/// The reasons to contact `h` (the store's customer `i`) at `cx.now`, or `None` when they
/// have an open ticket (they are in the queue already) or nothing calls for it.
pub fn reasons(i: usize, h: &CustomerHistory, j: Journal, cx: &Cx) -> Option<Vec<Reason>> {
    let now = cx.now;
    let w = cx.weights;
    let mut contact = j.contact;
    for t in h.tickets.iter().filter(|t| t.created_at <= now) {
        let solved = t.solved_at.get().filter(|s| *s <= now);
        if solved.is_none() && now - t.created_at <= OPEN_DAYS * MS_PER_DAY {
            return None;
        }
        contact = contact.max(Some(t.created_at));
    }
    if j.open {
        return None;
    }
    // nothing from us (or them) after `at`
    let quiet_since = |at: i64| contact.is_none_or(|c| c <= at);
    let mut out = Vec::new();

    if let Some(a) = j.follow_up {
        if quiet_since(a.at) {
            out.push(follow_up(a, cx));
        }
    }

    // the latest NPS answer, if a detractor's and recent
    let nps = h
        .surveys
        .iter()
        .filter(|s| s.kind == SurveyKind::Nps && s.at <= now)
        .max_by_key(|s| s.at);
    if let Some(s) = nps {
        if s.score <= 6.0 && now - s.at <= SCORE_DAYS * MS_PER_DAY && quiet_since(s.at) {
            out.push(reason(
                SignalId::OutreachDetractor,
                "Detractor, not called back",
                points(w, SignalId::OutreachDetractor, 1.0 - s.score / 12.0),
                format!(
                    "NPS {} of 10 on {}, no contact since",
                    num(s.score, 1),
                    format_date(s.at)
                ),
                Some(owned("NPS survey")),
            ));
        }
    }

    // the latest CSAT, from a rated ticket (dated when solved) or a CSAT survey
    let mut csat: Option<(i64, f64, String)> = None;
    for t in &h.tickets {
        if let Some(c) = t.csat.get() {
            let at = t.solved_at.get().unwrap_or(t.created_at);
            if at <= now && csat.as_ref().is_none_or(|x| at > x.0) {
                csat = Some((at, c, format!("ticket {}", t.id())));
            }
        }
    }
    for s in h.surveys.iter().filter(|s| s.kind == SurveyKind::Csat) {
        if s.at <= now && csat.as_ref().is_none_or(|x| s.at > x.0) {
            csat = Some((s.at, s.score, owned("CSAT survey")));
        }
    }
    if let Some((at, c, src)) = csat {
        if c <= 2.0 && now - at <= SCORE_DAYS * MS_PER_DAY && quiet_since(at) {
            out.push(reason(
                SignalId::OutreachLowCsat,
                "Unhappy, not called back",
                points(
                    w,
                    SignalId::OutreachLowCsat,
                    if c <= 1.0 { 1.0 } else { 0.7 },
                ),
                format!(
                    "CSAT {} of 5 on {} ({src}), no contact since",
                    num(c, 1),
                    format_date(at)
                ),
                Some(src),
            ));
        }
    }

    // tickets solved in the window, latest first
    let solved_within = |t: &TicketRecord, max_days: i64| {
        t.solved_at
            .get()
            .filter(|s| *s <= now - MS_PER_DAY && now - *s <= max_days * MS_PER_DAY)
    };
    let latest = |pred: &dyn Fn(&TicketRecord) -> bool, max_days: i64| {
        h.tickets
            .iter()
            .filter(|t| pred(t) && solved_within(t, max_days).is_some())
            .max_by(|a, b| {
                a.solved_at
                    .get()
                    .cmp(&b.solved_at.get())
                    .then(b.id().cmp(a.id()))
            })
    };

    // a complaint (tagged so, or assessed so) or a ticket assessed critical, closed without a
    // check-in since
    let serious = |t: &TicketRecord| -> Option<&'static str> {
        let mine = |a: &Assessed| a.at <= cx.now && cx.store.may_be(i, &a.customer);
        if let Some(a) = cx.seen.get(t.id(), mine) {
            if a.band == crate::score::Band::Critical {
                return Some("assessed critical");
            }
            if a.intent == "complaint" {
                return Some("assessed a complaint");
            }
        }
        t.tags()
            .any(|g| g.trim().eq_ignore_ascii_case("complaint"))
            .then_some("tagged complaint")
    };
    if let Some(t) = latest(&|t| serious(t).is_some(), CLOSED_DAYS) {
        let solved = t.solved_at.get().unwrap_or(t.created_at);
        if quiet_since(solved) {
            out.push(reason(
                SignalId::OutreachUncheckedClose,
                "Closed without a check-in",
                points(w, SignalId::OutreachUncheckedClose, 1.0),
                format!(
                    "{} ({}) solved on {}, no contact since",
                    ticket_label(t),
                    serious(t).unwrap_or(""),
                    format_date(solved)
                ),
                Some(format!("ticket {}", t.id())),
            ));
        }
    }

    // a repeat problem solved lately: the latest solved ticket shares a topic with an earlier
    // one opened at most REPEAT_WINDOW_DAYS before it
    if let Some(t) = latest(&|_| true, FIX_DAYS) {
        let mask = (cx.topics)(t);
        let earlier = h
            .tickets
            .iter()
            .filter(|u| {
                u.id() != t.id()
                    && u.created_at <= t.created_at
                    && t.created_at - u.created_at <= REPEAT_WINDOW_DAYS * MS_PER_DAY
                    && mask & (cx.topics)(u) != 0
            })
            .max_by_key(|u| u.created_at);
        let solved = t.solved_at.get().unwrap_or(t.created_at);
        if let Some(u) = earlier {
            if quiet_since(solved) {
                out.push(reason(
                    SignalId::OutreachFixCheck,
                    "Repeat problem fixed: did it hold?",
                    points(w, SignalId::OutreachFixCheck, 1.0),
                    format!(
                        "{} solved on {} repeats ticket {} of {}",
                        ticket_label(t),
                        format_date(solved),
                        u.id(),
                        format_date(u.created_at)
                    ),
                    Some(format!("ticket {}", t.id())),
                ));
            }
        }
    }

    let p = &h.profile;
    let orders_total: f64 = h
        .orders
        .iter()
        .filter(|o| o.at <= now)
        .filter_map(|o| o.total)
        .sum();
    let value = p
        .lifetime_value
        .or((orders_total > 0.0).then_some(orders_total));
    let valued = value.is_some_and(|v| v >= cx.value_high / 4.0)
        || p.tier
            .as_deref()
            .and_then(|t| (cx.tier_share)(t))
            .is_some_and(|s| s > 0.0);

    // the last DARK_GAPS + 1 order dates, oldest first (a bounded insertion: a customer may
    // have thousands of orders, and only the recent habit matters)
    let mut recent: Vec<(i64, &str)> = Vec::with_capacity(DARK_GAPS + 2);
    let mut count = 0;
    for o in h.orders.iter().filter(|o| o.at <= now) {
        count += 1;
        let k = recent.partition_point(|x| (x.0, x.1) <= (o.at, o.id.as_str()));
        recent.insert(k, (o.at, &o.id));
        if recent.len() > DARK_GAPS + 1 {
            recent.remove(0);
        }
    }
    if valued && recent.len() >= 4 {
        let mut gaps: Vec<i64> = recent.windows(2).map(|x| x[1].0 - x[0].0).collect();
        crate::util::sort_by(&mut gaps, |a, b| a.cmp(b));
        let usual = days(gaps[gaps.len() / 2]).max(1);
        let (last_at, last_id) = recent[recent.len() - 1];
        let since = days(now - last_at);
        if since as f64 >= DARK_RATIO * usual as f64 && since >= DARK_MIN_DAYS {
            out.push(reason(
                SignalId::OutreachGoingDark,
                "Going quiet",
                points(
                    w,
                    SignalId::OutreachGoingDark,
                    since as f64 / (2.0 * DARK_RATIO * usual as f64),
                ),
                format!(
                    "last order {last_id} on {}, {since} days ago; they usually order every {usual} days (median of their last {} gaps)",
                    format_date(last_at),
                    gaps.len()
                ),
                Some(format!("order {last_id}")),
            ));
        }
    }

    if let Some(b) = p.birthday {
        let d = days_until_yearly(b, now);
        if d <= cx.within {
            out.push(reason(
                SignalId::OutreachBirthday,
                "Birthday coming",
                points(w, SignalId::OutreachBirthday, 1.0),
                in_days("birthday", d),
                Some(customer_source(h)),
            ));
        }
    }
    let first_order = h.orders.iter().filter(|o| o.at <= now).map(|o| o.at).min();
    if let Some(s) = p.since.filter(|s| *s <= now).or(first_order) {
        let d = days_until_yearly(s, now);
        // as history::facts counts the years
        let years = (now + d * MS_PER_DAY - s) / (365 * MS_PER_DAY + MS_PER_DAY / 4);
        if years >= 1 && d <= cx.within {
            out.push(reason(
                SignalId::OutreachAnniversary,
                &format!("{years}-year anniversary coming"),
                points(w, SignalId::OutreachAnniversary, 1.0),
                in_days(&format!("{years}-year customer anniversary"), d),
                Some(customer_source(h)),
            ));
        }
    }
    if let Some(&(at, id)) = recent.last() {
        if MILESTONES.contains(&count) && now - at <= cx.within * MS_PER_DAY {
            out.push(reason(
                SignalId::OutreachMilestoneOrder,
                &format!("{count}th order"),
                points(w, SignalId::OutreachMilestoneOrder, 1.0),
                format!("order {id} on {} is their {count}th", format_date(at)),
                Some(format!("order {id}")),
            ));
        }
    }

    if out.is_empty() {
        return None;
    }
    // customer weight ranks a valued customer's reason higher; alone it is no reason
    if let Some(v) = value.filter(|v| *v >= cx.value_high / 4.0) {
        out.push(reason(
            SignalId::OutreachValue,
            "Valued customer",
            points(w, SignalId::OutreachValue, v / cx.value_high),
            format!("lifetime value {}", num(v, 0)),
            Some(customer_source(h)),
        ));
    }
    Some(out)
}

fn customer_source(h: &CustomerHistory) -> String {
    match (&h.profile.id, &h.profile.email) {
        (Some(id), _) => format!("customer {id}"),
        (None, Some(e)) => format!("customer {e}"),
        _ => owned("customer"),
    }
}

fn in_days(what: &str, d: i64) -> String {
    match d {
        0 => format!("{what} today"),
        1 => format!("{what} tomorrow"),
        _ => format!("{what} in {d} days"),
    }
}
