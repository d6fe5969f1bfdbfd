//! Reasons from the ticket's words and thread: intent, sentiment, emotions, cues, an
//! unanswered run of messages, time open.

use super::{points, Reason, Span};
use crate::text::{Kind, Match, TextSignals};
use crate::util::num;

fn quotes(matches: &[&Match]) -> String {
    let mut seen: Vec<String> = Vec::new();
    for m in matches {
        let q = format!("“{}”", crate::util::clip(m.text.trim(), 60));
        if !seen.contains(&q) {
            seen.push(q);
        }
    }
    seen.truncate(4);
    seen.join(", ")
}

/// Where the words are; at most 50 per reason (a pasted log can repeat a phrase thousands of times).
fn spans(matches: &[&Match]) -> Vec<Span> {
    matches
        .iter()
        .take(50)
        .map(|m| Span {
            message: m.message,
            start: m.start,
            end: m.end,
        })
        .collect()
}

fn humanize(id: &str) -> String {
    id.replace('_', " ")
}

pub fn reasons(s: &TextSignals, w: &dyn Fn(&str) -> f64, customer_messages: usize) -> Vec<Reason> {
    let mut out = Vec::new();
    let mut push =
        |signal: &str, label: String, strength: f64, evidence: String, spans: Vec<Span>| {
            out.push(Reason {
                signal: signal.into(),
                label,
                points: points(w, signal, strength),
                evidence,
                spans,
                source: None,
            });
        };

    // an integer: f64's Display would bring the whole float formatter into the .wasm
    let pct = (s.intent.confidence * 100.0).round() as i64;
    let (signal, kind) = match s.intent.kind {
        Kind::Relational => ("intent.relational", "Relational request"),
        Kind::Transactional => ("intent.transactional", "Routine request"),
    };
    let intent = humanize(&s.intent.id);
    if s.intent.unsure {
        // no points for a guess: the panel says the intent is unsure instead
        push(
            signal,
            format!("{kind}; intent unsure"),
            0.0,
            format!("the words may be {intent} ({pct}% sure): not sure enough to count"),
            vec![],
        );
    } else {
        push(
            signal,
            format!("{kind}: {intent}"),
            s.intent.confidence,
            format!("the customer's words read as {intent} ({pct}% sure)"),
            vec![],
        );
    }

    let by =
        |signal: &str| -> Vec<&Match> { s.matches.iter().filter(|m| m.signal == signal).collect() };
    let over = if customer_messages > 1 {
        format!(" over {customer_messages} customer messages")
    } else {
        String::new()
    };
    if s.sentiment.compound <= -0.05 {
        let m = by("emotion.frustration");
        push(
            "sentiment.negative",
            "Negative tone".into(),
            -s.sentiment.compound,
            format!("sentiment {} (−1..1){over}", num(s.sentiment.compound, 2)),
            spans(&m),
        );
    } else if s.sentiment.compound >= 0.5 {
        push(
            "sentiment.positive",
            "Warm, positive tone".into(),
            (s.sentiment.compound - 0.5) * 2.0,
            format!("sentiment {} (−1..1){over}", num(s.sentiment.compound, 2)),
            vec![],
        );
    }

    let emotions = [
        (
            "emotion.frustration",
            "Frustration or anger",
            s.emotions.frustration,
        ),
        (
            "emotion.distress",
            "Anxiety or distress",
            s.emotions.distress,
        ),
        ("emotion.confusion", "Confusion", s.emotions.confusion),
        ("emotion.urgency", "Urgency", s.emotions.urgency),
        (
            "emotion.gratitude",
            "Gratitude or delight",
            s.emotions.gratitude,
        ),
    ];
    for (signal, label, strength) in emotions {
        let m = by(signal);
        if strength >= 0.2 && !m.is_empty() {
            push(signal, label.into(), strength, quotes(&m), spans(&m));
        }
    }

    let cues = [
        ("cue.mistake", "Our mistake", s.cues.mistake),
        ("cue.churn", "Churn threat", s.cues.churn),
        ("cue.effort", "Repeated effort", s.cues.effort),
        ("cue.praise", "Praise or advocacy", s.cues.praise),
        ("cue.loyalty", "Speaks of their loyalty", s.cues.loyalty),
        (
            "cue.life_event",
            if s.cues.loss > s.cues.celebration {
                "Life event: a loss"
            } else {
                "Life event: a celebration"
            },
            s.cues.life_event,
        ),
    ];
    for (signal, label, strength) in cues {
        let m = if signal == "cue.life_event" {
            let kinds = ["cue.life_event", "cue.celebration", "cue.loss"];
            s.matches
                .iter()
                .filter(|m| kinds.contains(&m.signal.as_str()))
                .collect()
        } else {
            by(signal)
        };
        if strength > 0.0 && !m.is_empty() {
            push(signal, label.into(), strength, quotes(&m), spans(&m));
        }
    }
    out
}

/// The customer wrote `run` messages in a row at the end of the thread with no answer.
pub fn unanswered(run: usize, w: &dyn Fn(&str) -> f64) -> Option<Reason> {
    (run >= 2).then(|| Reason {
        signal: "thread.unanswered".into(),
        label: "Waiting without an answer".into(),
        points: points(w, "thread.unanswered", (run - 1) as f64 / 2.0),
        evidence: format!("{run} customer messages in a row with no reply"),
        spans: vec![],
        source: None,
    })
}

/// The ticket has been open `hours` (more than two days counts).
pub fn time_open(hours: f64, w: &dyn Fn(&str) -> f64) -> Option<Reason> {
    (hours > 48.0).then(|| Reason {
        signal: "ticket.time_open".into(),
        label: "Open for days".into(),
        points: points(
            w,
            "ticket.time_open",
            0.5 + 0.5 * ((hours - 48.0) / 120.0).min(1.0),
        ),
        evidence: format!("open {} days", (hours / 24.0).floor() as i64),
        spans: vec![],
        source: None,
    })
}
