//! Reasons from the ticket's words and thread: intent, sentiment, emotions, cues, an
//! unanswered run of messages, time open.

use super::{points, Reason, SignalId, Span};
use crate::text::{Cue, Kind, Match, TextSignals};
use crate::util::num;

fn quotes(matches: &[&Match]) -> String {
    let mut seen: Vec<String> = Vec::new();
    for m in matches {
        // pushed, not `format!` (whose machinery was 0.7% of `bench-assess`; pushed, -0.5%)
        let mut q = String::with_capacity(m.text.len().min(240) + 9);
        q.push('“');
        q.push_str(&crate::util::clip(m.text.trim(), 60));
        q.push('”');
        if !seen.contains(&q) {
            seen.push(q);
        }
    }
    seen.truncate(4);
    // words the learned model weighed are not a phrase the customer said about it: the agent
    // is told so, and weighs them accordingly ("hotel", "hours" once carried our mistake)
    if matches.iter().all(|m| m.learned) {
        format!("the model's reading, from {}", seen.join(", "))
    } else {
        seen.join(", ")
    }
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

/// `customer_messages` 0: the text read was the subject (nothing from the customer yet), whose
/// words have no place in `ticket.messages`, so the reasons give no spans (they were once given
/// as message 0's, which may be an agent's).
pub fn reasons(s: &TextSignals, w: &dyn Fn(&str) -> f64, customer_messages: usize) -> Vec<Reason> {
    let mut out = Vec::new();
    let mut push =
        |signal: SignalId, label: String, strength: f64, evidence: String, mut spans: Vec<Span>| {
            if customer_messages == 0 {
                spans.clear();
            }
            out.push(Reason {
                signal,
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
        Kind::Relational => (SignalId::IntentRelational, "Relational request"),
        Kind::Transactional => (SignalId::IntentTransactional, "Routine request"),
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

    let over = if customer_messages > 1 {
        format!(" over {customer_messages} customer messages")
    } else {
        String::new()
    };
    if s.sentiment.compound <= -0.05 {
        let m = matches_of(s, SignalId::EmotionFrustration);
        push(
            SignalId::SentimentNegative,
            "Negative tone".into(),
            -s.sentiment.compound,
            format!("sentiment {} (−1..1){over}", num(s.sentiment.compound, 2)),
            spans(&m),
        );
    } else if s.sentiment.compound >= 0.5 {
        push(
            SignalId::SentimentPositive,
            "Warm, positive tone".into(),
            (s.sentiment.compound - 0.5) * 2.0,
            format!("sentiment {} (−1..1){over}", num(s.sentiment.compound, 2)),
            vec![],
        );
    }

    let emotions = [
        (
            SignalId::EmotionFrustration,
            "Frustration or anger",
            s.emotions.frustration,
        ),
        (
            SignalId::EmotionDistress,
            "Anxiety or distress",
            s.emotions.distress,
        ),
        (
            SignalId::EmotionConfusion,
            "Confusion",
            s.emotions.confusion,
        ),
        (SignalId::EmotionUrgency, "Urgency", s.emotions.urgency),
        (
            SignalId::EmotionGratitude,
            "Gratitude or delight",
            s.emotions.gratitude,
        ),
    ];
    for (signal, label, strength) in emotions {
        let m = matches_of(s, signal);
        if strength >= 0.2 && !m.is_empty() {
            push(signal, label.into(), strength, quotes(&m), spans(&m));
        }
    }

    let cues = [
        (SignalId::CueMistake, "Our mistake", s.cues.mistake),
        (SignalId::CueChurn, "Churn threat", s.cues.churn),
        (SignalId::CueEffort, "Repeated effort", s.cues.effort),
        (SignalId::CuePraise, "Praise or advocacy", s.cues.praise),
        (
            SignalId::CueLoyalty,
            "Speaks of their loyalty",
            s.cues.loyalty,
        ),
        (
            SignalId::CueLifeEvent,
            if s.cues.loss > s.cues.celebration {
                "Life event: a loss"
            } else {
                "Life event: a celebration"
            },
            s.cues.life_event,
        ),
    ];
    for (signal, label, strength) in cues {
        let m = matches_of(s, signal);
        if strength > 0.0 && !m.is_empty() {
            push(signal, label.into(), strength, quotes(&m), spans(&m));
        }
    }
    out
}

/// The matches a cue's or an emotion's reason quotes: for the life event, those of either kind
/// and of the kindless one.
fn matches_of(s: &TextSignals, signal: SignalId) -> Vec<&Match> {
    let kinds = [Cue::LifeEvent, Cue::Celebration, Cue::Loss].map(Cue::signal);
    s.matches
        .iter()
        .filter(|m| {
            if signal == SignalId::CueLifeEvent {
                kinds.contains(&m.signal.as_str())
            } else {
                m.signal == signal.id()
            }
        })
        .collect()
}

/// Takes out of the reading what the learned model found alone or raised: each cue and
/// emotion goes back to the strength the phrase patterns gave it (`TextSignals::phrases`), or
/// stays lower where the model vetoed a pattern's hit. A cue the model alone found goes to 0 (its
/// words may stay: a reason needs strength); a distress the model raised to thoughts of self-harm
/// goes back to the patterns' distress; a celebration the patterns found beside a loss the model
/// alone read stays, without the loss; a cancellation set aside for a death only the model read
/// counts again, with its words (`TextSignals::churn_set_aside`). What the call is on the
/// phrases the customer said (`score::confidence`); returns the signals it lowered, and the
/// caller puts the strengths and the matches back.
pub fn drop_model_findings(s: &mut TextSignals) -> Vec<SignalId> {
    use SignalId as S;
    let (pc, pe) = s.phrases;
    let (c, e) = (&mut s.cues, &mut s.emotions);
    let read = [
        (S::CueMistake, &mut c.mistake, pc.mistake),
        (S::CueChurn, &mut c.churn, pc.churn),
        (S::CueEffort, &mut c.effort, pc.effort),
        (S::CuePraise, &mut c.praise, pc.praise),
        (S::CueLoyalty, &mut c.loyalty, pc.loyalty),
        (S::CueLifeEvent, &mut c.celebration, pc.celebration),
        (S::CueLifeEvent, &mut c.loss, pc.loss),
        (S::CueLifeEvent, &mut c.life_event, pc.life_event),
        (S::EmotionFrustration, &mut e.frustration, pe.frustration),
        (S::EmotionDistress, &mut e.distress, pe.distress),
    ];
    let mut lowered = Vec::new();
    for (id, strength, phrases) in read {
        if *strength > phrases {
            *strength = phrases;
            if lowered.last() != Some(&id) {
                lowered.push(id);
            }
        }
    }
    // only when the model's loss is what goes (it always is: the set-aside needs a loss the
    // phrases did not read), so that the caller finds nothing else to put back
    if !s.churn_set_aside.is_empty() && lowered.contains(&S::CueLifeEvent) {
        s.cues.churn = pc.churn;
        s.matches.extend(s.churn_set_aside.iter().cloned());
    }
    lowered
}

/// The customer wrote `run` times in a row at the end of the thread with no answer (pieces of
/// one message typed in a burst count once: `Ticket::unanswered_run`).
pub fn unanswered(run: usize, w: &dyn Fn(&str) -> f64) -> Option<Reason> {
    (run >= 2).then(|| Reason {
        signal: SignalId::ThreadUnanswered,
        label: "Waiting without an answer".into(),
        points: points(w, SignalId::ThreadUnanswered, (run - 1) as f64 / 2.0),
        evidence: format!("wrote {run} times in a row with no reply"),
        spans: vec![],
        source: None,
    })
}

/// The ticket has been open `hours` (more than two days counts).
pub fn time_open(hours: f64, w: &dyn Fn(&str) -> f64) -> Option<Reason> {
    (hours > 48.0).then(|| Reason {
        signal: SignalId::TicketTimeOpen,
        label: "Open for days".into(),
        points: points(
            w,
            SignalId::TicketTimeOpen,
            0.5 + 0.5 * ((hours - 48.0) / 120.0).min(1.0),
        ),
        evidence: format!("open {} days", (hours / 24.0).floor() as i64),
        spans: vec![],
        source: None,
    })
}
