//! A promise of ours past due: a date we gave, in a reply of ours in this ticket or in the
//! subject of an earlier ticket on the same problem, gone by with the matter still open (the
//! customer writes again after it). Seed 002: a promise broken is answered with ownership, not
//! a new promise. It is read from our own words, not the customer's: after "the seals will
//! ship on Wednesday 18 November", a message on the 20th asking "can you tell me what
//! happened?" is a promise broken however calmly it asks.
//!
//! A sentence (or a clause after a colon) promises when it says will, 'll, shall, should,
//! promise(d), guarantee, expect(ed) or going (to), and is no question ("Would Tuesday suit
//! you?"), condition ("If it has not come by Friday, …") or hedge ("might", "hoping", "I can't
//! promise"); a ticket subject ("adviser to call back Mon 16 Nov") may also say call,
//! callback, confirm or back.
//! Its deadline is the first date it names (the first step promised and missed: "ship on Friday
//! 13 and reach you by Tuesday 17" is broken on the 14th, "fixed by Friday, so you'll be fine
//! for the 8th" on Saturday): a weekday (the next one after the day it was
//! said), a day and a month ("17 November", "Nov 17th", "the 17th of November"), a day alone
//! ("by the 20th": this month's, or next month's once gone by), today, tonight, tomorrow, this
//! or next week, or N minutes, hours, days, working days or weeks ("within 48h", "in 3-5
//! working days", "in a couple of days"; N in figures or in words up to ten). A date already past
//! when it was said is about something else ("since Monday") and is not read.

use super::{points, Reason, SignalId, Span};
use crate::ticket::{Author, Ticket};
use crate::time::{civil_from_days, days_from_civil, format_date, parse_iso, MS_PER_DAY};
use crate::util::{clip, utf16_len};

/// A promise's deadline (epoch ms, inclusive) and the byte range of the sentence that makes it.
pub type Due = (i64, usize, usize);

/// The deadline of the promise `text` makes when said at `said`, and the sentence that makes
/// it; `subject` reads a ticket subject's looser words.
#[inline(never)]
pub fn due(text: &str, said: i64, subject: bool) -> Option<Due> {
    let low = text.to_ascii_lowercase();
    let b = low.as_bytes();
    let mut best: Option<Due> = None;
    let mut start = 0;
    while start < b.len() {
        let end = b[start..]
            .iter()
            .enumerate()
            // (a full stop between digits is a decimal point: "EUR 312.40 within 7 days")
            .position(|(k, c)| {
                matches!(c, b'!' | b'?' | b'\n' | b':' | b';')
                    || (*c == b'.' && !b.get(start + k + 1).is_some_and(u8::is_ascii_digit))
            })
            .map_or(b.len(), |k| start + k);
        // a question makes no promise; the sentence is quoted without its spaces
        if b.get(end) != Some(&b'?') {
            let said_it = low[start..end].trim_ascii();
            if let Some(d) = sentence_due(said_it, said, subject) {
                if best.is_none_or(|x| d < x.0) {
                    let at = said_it.as_ptr() as usize - low.as_ptr() as usize;
                    best = Some((d, at, at + said_it.len()));
                }
            }
        }
        start = end + 1;
    }
    best
}

fn sentence_due(s: &str, said: i64, subject: bool) -> Option<i64> {
    let w: Vec<(&str, u8)> = s
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|x| !x.is_empty())
        .map(|x| (x, kind(x)))
        .collect();
    if !w
        .iter()
        .any(|x| x.1 == PROMISE || (subject && x.1 == SUBJECT))
    {
        return None;
    }
    // a condition ("If it hasn't come by Friday, let us know") or a hedge ("they might look at it
    // before Friday", "I can't promise Friday") is no promise
    if w.first().is_some_and(|x| x.1 == CONDITION)
        || w.iter().any(|x| x.1 == HEDGE)
        || w.windows(2).any(|p| p[0].0 == "can" && p[1].0 == "t")
    {
        return None;
    }
    let today = said.div_euclid(MS_PER_DAY);
    // Monday 0
    let weekday = crate::time::weekday(today);
    let end_of = |day: i64| (day + 1) * MS_PER_DAY - 1;
    let mut due: Option<i64> = None;
    let at = |i: usize| w.get(i).copied().unwrap_or(("", 0));
    for (i, &(x, k)) in w.iter().enumerate() {
        let (next, after) = (at(i + 1), at(i + 2));
        let prev = if i > 0 { w[i - 1] } else { ("", 0) };
        let (day_next, day_prev) = (day_of_month(next.0), day_of_month(prev.0));
        let t = match k {
            // a weekday: the next one after the day said ("sat", "sun" only before a date)
            10..=18 if k < 17 || day_next.is_some() => {
                let ahead = (k as i64 - 10 - 2 * (k as i64 / 17)).saturating_sub(weekday);
                Some(end_of(today + (ahead - 1).rem_euclid(7) + 1))
            }
            // "17 November", "Nov 17th", "the 17th of November"
            21..=32 => day_next
                .or(day_prev)
                .or_else(|| {
                    if prev.1 == OF {
                        day_of_month(at(i.wrapping_sub(2)).0)
                    } else {
                        None
                    }
                })
                .map(|d| {
                    let (y, _, _) = civil_from_days(today);
                    let m = (k - 20) as u32;
                    // a date a month or more before the day said is next year's
                    let day = days_from_civil(y, m, d);
                    end_of(if day < today - 31 {
                        days_from_civil(y + 1, m, d)
                    } else {
                        day
                    })
                }),
            40 => Some(end_of(today)),
            41 => Some(end_of(today + 1)),
            // next week ends the Sunday after this one; this (or the) week this Sunday
            WEEK if prev.1 == 43 => Some(end_of(today + 13 - weekday)),
            WEEK if prev.1 == 44 => Some(end_of(today + 6 - weekday)),
            // "by the 20th": this month's, or next month's once it has gone by
            _ if prev.1 == 44
                && digits(x).is_some_and(|d| !d.1.is_empty())
                && next.1 != OF
                && !(21..=32).contains(&next.1) =>
            {
                day_of_month(x).map(|d| {
                    let (y, m, dd) = civil_from_days(today);
                    let (y, m) = match (d < dd, m) {
                        (false, _) => (y, m),
                        (true, 12) => (y + 1, 1),
                        (true, m) => (y, m + 1),
                    };
                    end_of(days_from_civil(y, m, d))
                })
            }
            _ => number(x, k).and_then(|(n, joined)| {
                let unit = if joined.is_empty() {
                    next
                } else {
                    (joined, kind(joined))
                };
                // "a couple of days"
                let unit = if unit.1 == OF { after } else { unit };
                // "30 minutes before they arrive" counts from something else
                let then = if joined.is_empty() { after } else { next };
                if then.1 == RELATIVE {
                    return None;
                }
                let (unit, working) = if unit.1 == 72 {
                    (after, true)
                } else {
                    (unit, false)
                };
                match unit.1 {
                    70 => Some(said + n * 3_600_000),
                    74 => Some(said + n * 60_000),
                    71 if working => Some(end_of(working_days(today, n))),
                    71 => Some(end_of(today + n)),
                    WEEK => Some(end_of(today + 7 * n)),
                    _ => None,
                }
            }),
        };
        if let Some(t) = t.filter(|t| *t >= said) {
            due = Some(due.map_or(t, |d| d.min(t)));
        }
    }
    due
}

/// The kinds of word read: `PROMISE`, `SUBJECT` (a subject's promise), `CONDITION` (first in
/// its sentence), `HEDGE`, `RELATIVE` (before, after); weekdays 10 (Monday) to 16, and 17, 18
/// for "sat", "sun" (weekdays only before a date); months 21 to 32; 40 today, 41 tomorrow,
/// `WEEK`, 43 next, 44 this or the, `OF`; numbers 51 to 60 in words ("couple" 2); 70 hours,
/// 71 days, 72 working, 74 minutes. One sorted table of fixed-width records, searched out of
/// line (a `match` on strings compares each in turn at every use, and cost the .wasm more).
const PROMISE: u8 = 1;
const SUBJECT: u8 = 2;
const CONDITION: u8 = 3;
const HEDGE: u8 = 4;
const RELATIVE: u8 = 5;
const WEEK: u8 = 42;
const OF: u8 = 45;
const WORDS: &[u8] = concat!(
    "a        \x33after    \x05an       \x33apr      \x18april    \x18aug      \x1c",
    "august   \x1cback     \x02before   \x05business \x48call     \x02callback \x02",
    "cannot   \x04confirm  \x02couple   \x34day      \x47days     \x47dec      \x20",
    "december \x20eight    \x3aexpect   \x01expected \x01feb      \x16february \x16",
    "five     \x37four     \x36fri      \x0efriday   \x0egoing    \x01guarantee\x01",
    "h        \x46hope     \x04hopefully\x04hoping   \x04hour     \x46hours    \x46",
    "hr       \x46hrs      \x46if       \x03ill      \x01jan      \x15january  \x15",
    "jul      \x1bjuly     \x1bjun      \x1ajune     \x1all       \x01mar      \x17",
    "march    \x17may      \x19maybe    \x04might    \x04min      \x4amins     \x4a",
    "minutes  \x4amon      \x0amonday   \x0anext     \x2bnine     \x3bnov      \x1f",
    "november \x1foct      \x1eoctober  \x1eof       \x2done      \x33perhaps  \x04",
    "promise  \x01promised \x01sat      \x11saturday \x0fsep      \x1dseptember\x1d",
    "seven    \x39shall    \x01should   \x01six      \x38sun      \x12sunday   \x10",
    "ten      \x3cthe      \x2cthis     \x2cthree    \x35thu      \x0dthurs    \x0d",
    "thursday \x0dtmr      \x29tmrw     \x29today    \x28tomorow  \x29tomorrow \x29",
    "tonight  \x28tue      \x0btues     \x0btuesday  \x0btwo      \x34unless   \x03",
    "wed      \x0cwednesday\x0cweek     \x2aweeks    \x2awill     \x01working  \x48",
)
.as_bytes();

/// Bytes of a record of `WORDS`: the word padded with spaces, then its kind.
const RECORD: usize = 10;

#[inline(never)]
fn kind(x: &str) -> u8 {
    let (mut lo, mut hi) = (0, WORDS.len() / RECORD);
    while lo < hi {
        let mid = (lo + hi) / 2;
        let r = &WORDS[mid * RECORD..(mid + 1) * RECORD];
        let w = &r[..r[..RECORD - 1]
            .iter()
            .position(|b| *b == b' ')
            .unwrap_or(RECORD - 1)];
        match w.cmp(x.as_bytes()) {
            std::cmp::Ordering::Less => lo = mid + 1,
            std::cmp::Ordering::Greater => hi = mid,
            std::cmp::Ordering::Equal => return r[RECORD - 1],
        }
    }
    0
}

/// Leading digits as a number, and the letters after them ("17th", "48h"; at most 9 digits).
fn digits(x: &str) -> Option<(i64, &str)> {
    let n = x.bytes().take_while(u8::is_ascii_digit).count();
    (n > 0 && n < 10).then(|| {
        let v = x
            .bytes()
            .take(n)
            .fold(0i64, |a, b| a * 10 + (b - b'0') as i64);
        (v, &x[n..])
    })
}

/// "17", "17th", "1st" as a day of the month.
fn day_of_month(x: &str) -> Option<u32> {
    let (d, suffix) = digits(x)?;
    ((1..=31).contains(&d) && matches!(suffix, "" | "st" | "nd" | "rd" | "th")).then_some(d as u32)
}

/// A number (in figures, or a word of kind 51 to 60) and any unit joined on ("48h").
fn number(x: &str, k: u8) -> Option<(i64, &str)> {
    let (n, joined) = match k {
        51..=60 => ((k - 50) as i64, ""),
        _ => digits(x)?,
    };
    (1..=400).contains(&n).then_some((n, joined))
}

/// The day `n` working days (Monday to Friday) after `today`.
fn working_days(today: i64, n: i64) -> i64 {
    let mut day = today;
    let mut left = n;
    while left > 0 {
        day += 1;
        if (day + 3).rem_euclid(7) < 5 {
            left -= 1;
        }
    }
    day
}

/// A promise in a reply of ours in `t` that a later message of the customer's came after
/// (with no reply of ours between them): the message index and the byte range of the promise
/// in it, and its deadline. A reply without a promise replaces the one before it, and a
/// message after the date that `thanks` reads as a thank-you says it was kept.
pub fn broken_in_thread(
    t: &Ticket,
    thanks: &dyn Fn(Option<&str>) -> bool,
) -> Option<(usize, usize, usize, i64)> {
    // our latest reply, and its promise once a later message needs it (most threads end with
    // the customer's message, and an early reply is read only if one came after it)
    let mut ours: Option<(usize, Option<Option<Due>>)> = None;
    for (i, m) in t.messages.iter().enumerate() {
        match m.from {
            Author::Agent => ours = Some((i, None)),
            Author::Customer => {
                if let (Some((a, read)), Some(at)) = (ours.as_mut(), m.at) {
                    let reply = &t.messages[*a];
                    let p = read
                        .get_or_insert_with(|| reply.at.and_then(|s| due(&reply.text, s, false)));
                    if let Some((d, s, e)) = *p {
                        if at > d {
                            return (!thanks(Some(&m.text))).then_some((*a, s, e, d));
                        }
                    }
                }
            }
            Author::Note => {}
        }
    }
    None
}

/// The reason for a promise of ours past due at `now`: one in this ticket's thread, else one
/// in the subject of an earlier ticket on the same problem (`same_topic`, newest first), unless
/// `thanks` reads the customer's message after the date as a thank-you (for an earlier
/// ticket's promise, `None`: the thread's words as a whole).
#[inline(never)]
pub fn reason(
    t: &Ticket,
    same_topic: &[crate::history::facts::PastTicket],
    now: i64,
    w: &dyn Fn(&str) -> f64,
    thanks: &dyn Fn(Option<&str>) -> bool,
) -> Option<Reason> {
    let (said, quote, d, spans, source) = match broken_in_thread(t, thanks) {
        Some((i, s, e, d)) => {
            let text = &t.messages[i].text;
            let span = Span {
                message: t.first_index + i,
                start: utf16_len(&text[..s]),
                end: utf16_len(&text[..e]),
            };
            ("our reply".to_string(), &text[s..e], d, vec![span], None)
        }
        None if !thanks(None) => {
            let (p, subject, d) = same_topic.iter().find_map(|p| {
                let subject = p.subject.as_deref()?;
                let (d, _, _) = due(subject, parse_iso(&p.created_at).ok()?, true)?;
                (d < now).then_some((p, subject, d))
            })?;
            let id = format!("ticket {}", p.id);
            (id.clone(), subject, d, vec![], Some(id))
        }
        None => return None,
    };
    Some(Reason {
        signal: SignalId::HistoryBrokenPromise,
        label: "A promise of ours is past due".into(),
        points: points(w, SignalId::HistoryBrokenPromise, 1.0),
        evidence: format!("{said}: \"{}\", due {}", clip(quote, 160), format_date(d)),
        spans,
        source,
    })
}

#[cfg(test)]
#[path = "promise_tests.rs"]
mod tests;
