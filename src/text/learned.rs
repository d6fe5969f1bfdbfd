//! The learned model's word on a thread, beside the phrase patterns: a cue the patterns missed
//! is found when the model is sure enough (and the words that carried it are quoted); a
//! pattern's hit is overruled when the model is sure it is a look-alike (a fee question, not a
//! wrong fee); the intent's kind comes from the model, and an intent whose own model is unsure
//! or disagrees with that kind is reported as unsure.

use super::judge::{self, Score};
use super::{
    round2, Cue, Cues, Emotions, Intent, Kind, Match, MessageView, TextAnalyzer, CUES, EMOTIONS,
};
use crate::signals::SignalId;

/// How sure the model alone must be of a cancellation in a message the praise patterns find
/// praise in (session 56). Keeping it out of such messages altogether lost the everyday ones a
/// hostile helper wrote beside thanks ("I've found a cheaper provider, thanks for everything over
/// the years", 0.96): 8 of its 18 found against 13 with no bar, 10 at this one (its
/// probabilities were seen before the bar was set, so that set is no independent figure).
/// praise-120: 10 -> 9 churn fires on its praise rows; praise-blind-121: 5 of 7 found as with no
/// bar (4 with none allowed); train and dev churn F1 .902 / .834 -> .900 / .833, scenarios and
/// hard negatives the same within a row.
const PRAISED_CHURN: f32 = 0.9;

impl TextAnalyzer {
    /// Updates cues, matches and intent from the learned model; returns the probability that
    /// the words are routine (0 without a model).
    pub(super) fn learned(
        &self,
        views: &[MessageView],
        cues: &mut Cues,
        emotions: &mut Emotions,
        matches: &mut Vec<Match>,
        intent: &mut Intent,
    ) -> f64 {
        let m = &self.judge;
        if m.heads.is_empty() || views.is_empty() {
            return 0.0;
        }
        // one label per hit, as the trainer counts them (tools/src/bin/train_judgement.rs)
        let features: Vec<Vec<judge::Feature>> = views
            .iter()
            .map(|v| {
                let labels: Vec<&str> = v
                    .hits
                    .iter()
                    .map(|h| self.patterns.labels[h.label].as_str())
                    .collect();
                judge::features_with(&v.tokens, &labels)
            })
            .collect();
        let scores: Vec<Vec<Score>> = features.iter().map(|f| m.score(f)).collect();
        // quotes the words that carried head `h`'s finding in message `vi`
        let quote = |vi: usize, h: usize, signal: &str, matches: &mut Vec<Match>| {
            cite(&views[vi], &m.carried_by(&features[vi], h), signal, matches)
        };
        // (session 49: holding back the model's own finding of our mistake too where the
        // routine head reads a plain request, at 0.5, 0.7 or 0.85, cost BANKING77 mistake recall
        // 91.7 -> 86.6% at every bar, for the spent sets +0.3 band and one two-off fewer; dev
        // the same at 0.85. Not kept.)
        // the routine head: the probability that every message is a plain request. When the
        // model reads the words as one, it does not also find frustration or distress in them
        // on its own ("can you send me a copy of my invoice?" once read as frustrated). It no
        // longer holds back the cues: their thresholds are picked by the trainer without that
        // rule, and with it every cue's dev F1 was lower (2026-12-01, `evaluate`: mistake .764
        // -> .773, churn .818 -> .832, praise .742 -> .765, loyalty .716 -> .788; hard-negative
        // precision 40.7% -> 39.6%)
        let (routine, plain_request) = m
            .head("routine")
            .map(|h| {
                let p = scores.iter().map(|s| s[h].probability).fold(1.0, f32::min);
                (p, p >= m.heads[h].threshold)
            })
            .unwrap_or((0.0, false));
        // each slot's label index in the cue lexicon is fixed by `TextAnalyzer::builtin`, which
        // registers the cues, then the emotions, before anything else (checked in its tests)
        let cue = |c: Cue| (c.name(), c.signal(), c as usize);
        let feeling = |i: usize| (EMOTIONS[i], CUES.len() + i);
        let loss_told = cues.loss > 0.0;
        // a message the praise patterns find praise in ("the engineer came the same day, truly
        // outstanding service"): the model does not find our mistake in it on its own, from
        // words that a failure is usually told in ("engineer", "came"); a mistake told in it in
        // so many words is the patterns' to find ("lovely driver, but the vase was cracked").
        // Session 52, on the model before its new mistake head: dev mistake F1 .783 -> .782,
        // hard negatives 46.9 -> 47.2%, the seven message check sets 269 right / 63 false
        // fires -> 268 / 54 (with session 52's two plain lines, 268 / 53); zk's 160 train and dev rows
        // 13 / 36 -> 12 / 30. The praise head read as praise too (0.40) took true mistakes
        // (a frozen business account read 0.56 praise): patterns only. Churn the model alone
        // reads there needs PRAISED_CHURN (session 56): a thank-you letter for a named agent ("I
        // have been with you for years and after this I will be a customer for life") read as a
        // churn threat at 0.75, from "years", "I will" and "twice", critical at 83.
        let praised = |i: usize| {
            views[i]
                .hits
                .iter()
                .any(|x| x.label == Cue::Praise as usize)
        };
        let slots: [((&str, &str, usize), &mut f64); 9] = [
            (cue(Cue::Mistake), &mut cues.mistake),
            (cue(Cue::Churn), &mut cues.churn),
            (cue(Cue::Effort), &mut cues.effort),
            (cue(Cue::Praise), &mut cues.praise),
            (cue(Cue::Loyalty), &mut cues.loyalty),
            (cue(Cue::Celebration), &mut cues.celebration),
            (cue(Cue::Loss), &mut cues.loss),
            (
                (feeling(1).0, SignalId::EmotionDistress.id(), feeling(1).1),
                &mut emotions.distress,
            ),
            (
                (
                    feeling(0).0,
                    SignalId::EmotionFrustration.id(),
                    feeling(0).1,
                ),
                &mut emotions.frustration,
            ),
        ];
        for ((name, signal, label), slot) in slots {
            let Some(h) = m.head(name) else { continue };
            let head = &m.heads[h];
            // a message that says outright it is a look-alike of this cue (`not.X` patterns)
            // gets no model-only hit of it either
            // how sure the model is in the message where it is surest: among the messages
            // free to find the cue, and among all of them (a `plain.X` or `not.X` line keeps the
            // model from finding X alone, not from vetoing a weak hit of X's patterns: "charged
            // a three pound fee… is that normal?" lost its veto to a `plain.mistake` line)
            let surest = |free: bool| {
                scores
                    .iter()
                    .enumerate()
                    .filter(|&(i, _)| !free || !views[i].blocks(label))
                    .map(|(_, s)| s[h].probability)
                    .fold(0.0, f32::max)
            };
            let p = surest(true);
            if p >= head.threshold {
                let emotion = matches!(name, "distress" | "frustration");
                // where the model alone finds the cue: the surest message over its bar
                let found = || {
                    scores
                        .iter()
                        .enumerate()
                        .filter(|&(i, s)| {
                            !views[i].blocks(label)
                                && s[h].probability >= bar(i, head)
                                && !(name == "mistake" && praised(i))
                                && !(name == "churn"
                                    && praised(i)
                                    && s[h].probability < PRAISED_CHURN)
                        })
                        .map(|(i, s)| (i, &s[h]))
                        .fold(None::<(usize, &Score)>, |a, (i, s)| match a {
                            Some((_, b)) if b.probability >= s.probability => a,
                            _ => Some((i, s)),
                        })
                };
                // a loss told in words: the model's distress alone is capped (`GRIEF_ALONE`)
                let grief_alone = name == "distress" && loss_told;
                if let Some((vi, best)) = (*slot == 0.0 && !(emotion && plain_request))
                    .then(found)
                    .flatten()
                {
                    *slot = round2(best.probability as f64);
                    if grief_alone {
                        *slot = slot.min(GRIEF_ALONE);
                    }
                    quote(vi, h, signal, matches);
                }
            } else if *slot > 0.0
                && *slot < STRONG_PATTERN
                && surest(false) < head.veto
                && !self
                    .configured_cues
                    .iter()
                    .any(|c| c == name || c == signal)
            {
                *slot = 0.0;
                matches.retain(|x| x.signal != signal);
            }
        }
        // thoughts of ending one's life the phrase patterns missed: their own head, whose
        // finding is critical on its own (`SELF_HARM_STRENGTH`); not in a message whose
        // distress a `not.emotion.distress` or `plain.emotion.distress` line blocks (a denial).
        // Its bar holds in follow-ups too (not `FOLLOW_UP_SURE`): a disclosure is often the
        // second thing said ("whatever. it was meant to be my last meal anyway")
        if let Some(h) = m.head("self_harm") {
            let found = scores
                .iter()
                .enumerate()
                .filter(|&(i, s)| {
                    !views[i].blocks(feeling(1).1) && s[h].probability >= m.heads[h].threshold
                })
                .max_by(|a, b| a.1[h].probability.total_cmp(&b.1[h].probability));
            if let Some((vi, _)) = found {
                if emotions.distress < SELF_HARM_STRENGTH {
                    emotions.distress = SELF_HARM_STRENGTH;
                    quote(vi, h, SignalId::EmotionDistress.id(), matches);
                }
            }
        }
        // the kind, from the whole thread: the surest message decides
        if let Some(h) = m.head("relational") {
            let p = scores.iter().map(|s| s[h].probability).fold(0.0, f32::max);
            let kind = if p >= m.heads[h].threshold {
                Kind::Relational
            } else {
                Kind::Transactional
            };
            // a team's own intent patterns are trusted as they are, and so is an intent model
            // that is sure (it reads the intent whole; the head only relational or not)
            let from_pattern = intent.confidence == 0.9 && intent.alternatives.is_empty();
            // a cancellation of the relationship stands or falls with the words: one that
            // neither the churn patterns nor the model find in them is a guess, however sure the
            // intent model is ("freeze my membership while I'm away"), and the head's kind
            // stands; one the churn cue confirms is relational, however unsure the intent model
            // is ("I've found cheaper cover, so I don't want the home insurance to renew").
            // `evaluate`, intent kind on the corpus's dev part: 89.1 -> 89.8% with the first,
            // 90.3% with both (phone rows 90.3 -> 91.4 -> 92.1%; train 94.7 -> 95.4 -> 95.3%);
            // Bitext 98.81 -> 98.71%. Praise and complaints read the same way gained 0.1 more
            // on dev and cost Bitext 0.3
            // a customer who says outright the relationship stays ("only the SMS module, not
            // the whole account": a `not.churn` line; a `plain.churn` one would too, were there
            // any) cancels one thing, however sure the intent
            // model is (dev intent kind 90.4 -> 90.7%, phone rows 92.2 -> 92.5%; Bitext same)
            let leaving = intent.id == "cancel_relationship";
            let churn_denied = leaving && views.iter().any(|v| v.blocks(Cue::Churn as usize));
            // the same for one item cancelled ("cancel pls", "CANCEL SATURDAY'S DELIVERY ONLY")
            // where no churn words are found, and a thank-you the praise cue confirms: each
            // stands with its own kind, however unsure the intent model (session 35, `evaluate`
            // intent kind train / dev, all rows 94.7 / 91.0% -> 94.7 / 91.2% with the first,
            // 91.5% with both; phone 95.5 / 93.0 -> 95.5 / 93.5%, chat 96.4 / 93.1 -> 96.5 /
            // 93.3%; Bitext 98.60% and the scenarios unchanged. The praise bar, alone: > 0,
            // > 0.5 and > 0.7 tied on dev at 91.3%; train 94.5 / 94.6 / 94.6%, phone rows
            // 95.3 / 95.3 / 95.4%, so 0.7). Since session 48 the bar is the praise head's own
            // threshold: its averaged head reads a praise letter at 0.45 where the old one read
            // 0.72 ("Been using @Ledgerly_app since uni…"), and bars of 0.4, 0.5 and 0.7 tied
            // on dev again (intent kind 91.9%; train 95.0 / 95.1 / 95.1%)
            let one_item = intent.id == "cancel_item"
                && cues.churn == 0.0
                && intent.confidence >= UNSURE_BELOW;
            let praise_bar = m
                .head("praise")
                .map_or(0.7, |h| m.heads[h].threshold as f64);
            let praised = intent.id == "feedback_praise" && cues.praise > praise_bar;
            let guess = if leaving {
                cues.churn == 0.0 && !churn_denied
            } else if one_item || praised {
                false
            } else {
                intent.confidence < SURE_INTENT
            };
            if !from_pattern && guess {
                intent.unsure = intent.confidence < UNSURE_BELOW || intent.kind != kind;
                intent.kind = kind;
            } else if !from_pattern && churn_denied {
                intent.unsure = true;
                intent.kind = Kind::Transactional;
            }
        }
        // routine only if every message is
        round2(routine as f64)
    }
}

/// Quotes the words that carried the model's finding of `signal` in message `v` (`carried`:
/// `JudgeModel::carried_by`), one match per n-gram, unless a match of the signal already
/// starts there.
fn cite(
    v: &MessageView,
    carried: &[(judge::Feature, f32)],
    signal: &str,
    matches: &mut Vec<Match>,
) {
    let (us, ue) = super::utf16_bounds(v.text, &v.tokens);
    for (f, _) in carried.iter().filter(|(f, w)| f.len > 0 && *w > 0.0) {
        let (a, b) = (f.token as usize, f.token as usize + f.len as usize - 1);
        let (Some(ta), Some(tb)) = (v.tokens.get(a), v.tokens.get(b)) else {
            continue;
        };
        // a lone short word ("your", "are") explains nothing to an agent
        if a == b && ta.text.chars().count() < 4 {
            continue;
        }
        if matches
            .iter()
            .any(|x| x.signal == signal && x.message == v.index && x.start == us[a])
        {
            continue;
        }
        matches.push(Match {
            signal: signal.to_string(),
            text: v.text[ta.start..tb.end].to_string(),
            message: v.index,
            start: us[a],
            end: ue[b],
            learned: true,
        });
    }
}

/// The distress a thread gets where the self-harm head finds thoughts of ending one's life
/// the phrase patterns missed: critical on its own (86 points at the committed weights; the
/// critical edge is 75), as every such disclosure is labelled. The head is trained by
/// `train-judgement` on `data/judgement/checks/self-harm-probes.tsv` against every corpus,
/// Bitext and BANKING77 row, on the embedded model's own features, and added to it by
/// `transplant-heads` (the other heads untouched; 0.8 KB gzipped). Session 36, fitted on the
/// first four probe sets and read on the fifth (`helper-5`: 100 disclosures told mostly
/// half-said, 100 look-alikes), which no line or fit had seen: the phrase patterns alone found
/// 23 disclosures at critical strength and 1 look-alike; with a first head (its own features,
/// 2.3 KB), from its bar 0.65 (picked first, on the older sets held out in turn) 36 and 1 at
/// weight 1 per probe, 44 and 4 at weight 5, from 0.8 34 and 1. That read printed every bar,
/// so the weight and bar kept (1 and 0.8) were chosen on the corpus: fitted on all five sets,
/// weight 5 at 0.65 made 40 train and dev messages critical ("overdraft?"), weight 1 at 0.8 4,
/// none labelled distress. On the embedded model's features alone (the .wasm's budget), read
/// the same way: 32 and 1, the patterns then 24 and 1; on the corpus 3 more critical, band
/// agreement on train and dev unchanged, spent set 1 one scenario worse. Its known look-alikes:
/// "I won't be here tomorrow, I'm visiting my mum", "I've decided to do it myself"
pub const SELF_HARM_STRENGTH: f64 = 0.9;

/// The probability a message needs for a cue (or distress, frustration) the model alone finds
/// there: its head's threshold in the customer's first message, at least `FOLLOW_UP_SURE` in a
/// later one. The model was trained on opening messages, and a short follow-up gives it few
/// words to be wrong with ("Their address is in the attached letter" reads as a mistake at
/// 0.87). Measured with `evaluate`, scenarios train / dev band agreement (2026-12-03, the bar
/// chosen on train): before any follow-up rule and this session's praise line, 82.9 / 85.2%;
/// 0.80: 82.1 / 85.2%; 0.85 and 0.90: 82.9 / 85.9%;
/// 0.95: 83.3 / 85.9%, snippet kind 87.1 / 90.6%; no follow-up hit at all: 83.1 / 85.2%. The
/// thread read whole instead (a follow-up's hit had to hold in the sum of every message's
/// words: 83.7 / 86.6%) was dropped: the sum grows with the thread's length, so twenty "any
/// news?" can make any cue, and a routine opening drowned a real cue told in a follow-up.
/// A follow-up the model alone reads as a mistake at 0.94 ("Update: it came today but it's the
/// blue one, I ordered green") is now missed when no phrase pattern finds it
fn bar(message: usize, head: &judge::Head) -> f32 {
    if message == 0 {
        head.threshold
    } else {
        head.threshold.max(FOLLOW_UP_SURE)
    }
}

pub const FOLLOW_UP_SURE: f32 = 0.95;

/// The most distress the model alone may find in a thread whose words tell a loss (a `loss`
/// phrase hit): a death told plainly beside a practical request is a life event, relational
/// with a condolence (LABELS.md, session 34), and the model, trained on messages whose writers
/// labelled half their bereavements distressed (109 of 223), read nearly every one critical
/// ("My mum died in the summer and I need to close her mobile contract": distress 0.99). Grief
/// told in words ("I can't think straight") is a phrase hit and is not capped. Measured with
/// `evaluate`, scenarios train / dev band (2026-12-05, session 35): no cap 89.5 / 89.4%; 0.75
/// 89.5 / 89.4%; 0.6 and 0.4 89.7 / 89.4%, snippet kind and must-cite unchanged; no model-only
/// distress at all beside a loss 90.1 / 88.1%, must-cite 94.9 / 94.8%, the six spent blind sets
/// −1 to −4 scenarios each (three of them label every bereavement critical). 0.6 (52 points)
/// left the plain closures above critical with the negative sentiment a death brings (a
/// customer with no history: 52 + 21 for the loss + 10); at 0.4 (34 points) they are
/// relational, and a valued customer's history still makes them critical as the corpus's
/// writers label them. Spent set 5 lost one scenario at 0.4, the others unchanged.
/// Session 50: the model's distress alone capped in every thread, not only beside a loss (a
/// missed engineer visit read at 0.95 on "seven seven one four zero" and "sorry"): at 0.6 and
/// 0.75 no scenario moved (train, dev, spent sets 1-6); at 0.45 train band 89.5 -> 89.3%,
/// spent snippet kind 77.8 -> 78.1; at 0.3 spent band 79.8 -> 79.5. Not kept
pub const GRIEF_ALONE: f64 = 0.4;

/// A pattern hit this strong (a phrase weighted 1.2 or more, or several phrases) is kept
/// whatever the model says: the veto is for the weak, generic hits look-alikes trip.
pub const STRONG_PATTERN: f64 = 0.6;

/// From this probability of its best intent on, the intent's own kind stands (checked on the
/// corpus's dev part: intent kind 86.8% → 89.3% over 0.4, 0.5, 0.6, 0.7, 0.8). Session 34,
/// dev intent kind all / phone / chat rows: 0.7 90.8 / 92.7 / 92.8%, 0.8 90.8 / 92.5 / 93.1%,
/// 0.9 90.8 / 92.5 / 93.3%, 0.95 91.0 / 93.0 / 93.1%, 0.99 90.8 / 93.0 / 92.8%; Bitext
/// held-out kind 98.71% at 0.8, 98.60% at 0.7 to 0.95, 98.49% at 0.99; scenarios unchanged
/// at each. Train rises with the bar (94.1 -> 94.9% at 0.99: the head was fitted there)
pub const SURE_INTENT: f64 = 0.95;

/// Below this probability of its best intent, the intent model is unsure.
pub const UNSURE_BELOW: f64 = 0.5;
