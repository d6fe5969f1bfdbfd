//! Praise said in irony: "love waking up to the app logging everyone out, thanks team 🙃",
//! "love how the 'next day' delivery took six days". The praise patterns and the model read
//! the praising words; a message is sarcastic when it praises beside an irony emoji, or beside
//! a word in scare quotes or a superlative pushed up ("truly outstanding work") and a failure it
//! reports (a mistake or effort phrase), with no word that the failure was put right ("fixed",
//! "refunded"). The pushed-up superlative (2026-12-04): with "really" among the pushers, train
//! praise F1 .925 -> .926, hard-negative precision 68.8 -> 68.9%, dev unchanged, but a mixed
//! letter lost its praise ("The first box was damaged. Your driver Tom was really amazing…"), so
//! "really" is not one: train and dev as without the rule. Clapping hands beside a failure were
//! tried too and lost two dev praises (a conductor thanked through a broken-down freight
//! train's delay: praise .847 -> .845, band 86.9 -> 86.2%). "Truly the best" counts as pushed
//! up too, with "days without internet" a mistake phrase ("…third day without internet, love
//! paying for nothing. truly the best." was praise, a referral asked; 2026-12-04): train praise
//! F1 .925 -> .926, hard-negative precision 69.1 -> 69.3%, dev and the blind sets unchanged.
//! "Keep it up" beside a failure too, with a service "down again" a mistake phrase ("Fantastic
//! job guys. Internet dead again tonight. Really impressed. Keep it up."): train hard-negative
//! precision 69.3 -> 69.2% ("Wifi dead again… the cat chewed through the cable"), the rest
//! unchanged.
//!
//! A failure the learned model alone reads in the message counts as one a phrase names, and
//! a put-right word in scare quotes ("they 'fixed' matchmaking") is a failure claimed when a
//! superlative is pushed up beside it (2026-12-05, written from train's sarcasm rows): train
//! praise F1 .926 -> .929 (false fires 66 -> 63, none lost), hard-negative precision 69.2 ->
//! 69.3%; dev, the scenarios and every blind scenario set unchanged; the held-out
//! `mistake-audit-a` praise false fires 7 -> 4. A hostile helper's 30 sincere thank-yous
//! (helper-101, read after): with "love how" / "love that" beside a failure as a marker too
//! ("I love that you sent a new charger when the first one arrived broken") and a quoted fix
//! as its own marker ("marked \"Resolved\"… Great job"), 15 of the 22 the build before
//! read as praise lost it; without both, 1 ("the \"24/7\" line really was 24/7" beside a
//! blocked card).
//!
//! Measured with `evaluate` (2026-12-03, train / dev): praise F1 .925 / .799 → .927 / .809,
//! hard-negative precision 65.8 / 45.6% → 66.2 / 46.0%, scenarios unchanged. Also calling
//! sarcastic every praise beside a reported failure with no "but", "however"…: praise F1 .893
//! / .776, band 85.1 / 88.6% → 84.7 / 87.9%; the praise it lost was meant (a driver who
//! carried the shopping up because the lift was broken, a cracked plate replaced fast).

use super::analyzer::MessageView;
use super::tokens::Token;
use super::{Cue, Cues, Match};

/// Emoji people put after praise they do not mean.
const IRONY: &[char] = &['🙃', '🫠', '🙄', '😒', '🤡', '😑', '🤦'];

/// Words that say a failure was put right: praise beside them is meant.
const PUT_RIGHT: &[&str] = &[
    "fixed",
    "sorted",
    "resolved",
    "restored",
    "refunded",
    "refund",
    "credited",
    "replaced",
    "replacement",
    "reversed",
    "lifted",
    "apologised",
    "apologized",
    "apology",
    "helped",
    "helpful",
    "quickly",
    "promptly",
    "recovered",
    "solved",
];

/// Praise found only in sarcastic messages is no praise: the cue and its evidence go.
pub(super) fn drop_sarcastic_praise(
    views: &[MessageView],
    cues: &mut Cues,
    matches: &mut Vec<Match>,
) {
    let failure = |l: usize| l == Cue::Mistake as usize || l == Cue::Effort as usize;
    // a failure the learned model alone read in the message counts as one a phrase names
    let (mistake, effort) = (Cue::Mistake.signal(), Cue::Effort.signal());
    let learned_failure = |i: usize| {
        matches
            .iter()
            .any(|m| m.message == i && (m.signal == mistake || m.signal == effort))
    };
    let ironic: Vec<usize> = views
        .iter()
        .filter(|v| {
            let failed = v.hits.iter().any(|h| failure(h.label)) || learned_failure(v.index);
            sarcastic(v.text, &v.tokens, failed)
        })
        .map(|v| v.index)
        .collect();
    let signal = Cue::Praise.signal();
    if matches
        .iter()
        .filter(|m| m.signal == signal)
        .all(|m| ironic.contains(&m.message))
    {
        cues.praise = 0.0;
        matches.retain(|m| m.signal != signal);
    }
}

/// Whether a message's praise is sarcasm. `failed`: whether it reports a failure (a mistake
/// or effort, found by a phrase or by the learned model); the scare quotes count only beside
/// one ("the 'unlimited' data drops to dial-up", not "your 'Quick Start' guide was great").
/// A word that the failure was put right counts unless it is itself in scare quotes ("they
/// 'fixed' matchmaking").
pub(super) fn sarcastic(text: &str, tokens: &[Token], failed: bool) -> bool {
    // a word that the failure was put right, as said or in scare quotes ("they 'fixed' it":
    // it was not)
    let (mut put_right, mut put_right_doubted) = (false, false);
    for t in tokens
        .iter()
        .filter(|t| PUT_RIGHT.contains(&t.text.as_str()))
    {
        if quoted(text, t) {
            put_right_doubted = true;
        } else {
            put_right = true;
        }
    }
    if put_right {
        return false;
    }
    if text.contains(IRONY) {
        return true;
    }
    let pushed = overdone(tokens)
        || tokens.windows(3).any(|w| {
            let w = [w[0].text.as_str(), w[1].text.as_str(), w[2].text.as_str()];
            w == ["keep", "it", "up"]
        });
    // scare quotes mark irony beside a failure, but not where the quoted word is a fix ("it
    // shows \"Restored\"" is meant)
    failed && !put_right_doubted && scare_quoted(text) || (failed || put_right_doubted) && pushed
}

/// A superlative pushed up by "truly", "absolutely", "simply" ("truly outstanding work"):
/// beside a reported failure, irony. Train: 6 rows with a failure and such a superlative (with
/// "really" too), none of them praise; the 2 praise rows with one report no failure. Not
/// "really": it praises sincerely beside a failure told first.
fn overdone(tokens: &[Token]) -> bool {
    (0..tokens.len()).any(|i| {
        // "truly outstanding", "truly the best"
        let word = |k: usize| tokens.get(k).map_or("", |t| t.text.as_str());
        let next = if word(i + 1) == "the" {
            word(i + 2)
        } else {
            word(i + 1)
        };
        matches!(word(i), "truly" | "absolutely" | "simply")
            && matches!(
                next,
                "best"
                    | "top"
                    | "outstanding"
                    | "brilliant"
                    | "wonderful"
                    | "amazing"
                    | "great"
                    | "fantastic"
                    | "excellent"
                    | "impressive"
                    | "stellar"
                    | "superb"
            )
    })
}

/// Whether token `t` stands alone between quotes ("'fixed'", "“resolved”"). By bytes: the
/// curly quotes are E2 80 98, 99, 9C and 9D (decoding chars here cost 0.4 KB of .wasm).
fn quoted(text: &str, t: &Token) -> bool {
    let b = text.as_bytes();
    let curly = |s: &[u8]| s[..2] == [0xE2, 0x80] && matches!(s[2], 0x98 | 0x99 | 0x9C | 0x9D);
    let before = matches!(t.start.checked_sub(1).map(|i| b[i]), Some(b'\'' | b'"'))
        || t.start >= 3 && curly(&b[t.start - 3..t.start]);
    let after =
        matches!(b.get(t.end), Some(b'\'' | b'"')) || b.get(t.end..t.end + 3).is_some_and(curly);
    before && after
}

/// A word or three in quotes inside a sentence ("the 'unlimited' data", "“fixed”"): an
/// opening quote after a space, its closing one before a space or punctuation, 25 bytes apart
/// at most. An apostrophe inside a word ("don't") opens nothing.
fn scare_quoted(text: &str) -> bool {
    let quote = |c: char| matches!(c, '\'' | '‘' | '’' | '"' | '“' | '”');
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        let opens = quote(c)
            && k > 0
            && chars[k - 1].1.is_whitespace()
            && chars.get(k + 1).is_some_and(|&(_, d)| d.is_alphanumeric());
        if !opens {
            continue;
        }
        for (m, &(j, d)) in chars.iter().enumerate().skip(k + 2) {
            if j - i > 25 || matches!(d, '.' | '!' | '?' | '\n') {
                break;
            }
            if quote(d)
                && chars[m - 1].1.is_alphanumeric()
                && chars.get(m + 1).is_none_or(|&(_, e)| !e.is_alphanumeric())
            {
                return true;
            }
        }
    }
    false
}
