//! The function words: boosters and dampeners (VADER's lists), negations and the words of
//! idioms, in one table looked up once per word.

use super::{B_DECR, B_INCR};
use crate::util::FastMap;
use std::sync::OnceLock;

const INCR: &[&str] = &[
    "absolutely",
    "amazingly",
    "awfully",
    "completely",
    "considerable",
    "considerably",
    "decidedly",
    "deeply",
    "effing",
    "enormous",
    "enormously",
    "entirely",
    "especially",
    "exceptional",
    "exceptionally",
    "extreme",
    "extremely",
    "fabulously",
    "flipping",
    "flippin",
    "frackin",
    "fracking",
    "fricking",
    "frickin",
    "frigging",
    "friggin",
    "fully",
    "fuckin",
    "fucking",
    "fuggin",
    "fugging",
    "greatly",
    "hella",
    "highly",
    "hugely",
    "incredible",
    "incredibly",
    "intensely",
    "major",
    "majorly",
    "more",
    "most",
    "particularly",
    "purely",
    "quite",
    "really",
    "remarkably",
    "so",
    "substantially",
    "thoroughly",
    "total",
    "totally",
    "tremendous",
    "tremendously",
    "uber",
    "unbelievably",
    "unusually",
    "utter",
    "utterly",
    "very",
];
const DECR: &[&str] = &[
    "almost",
    "barely",
    "hardly",
    "just enough",
    "kind of",
    "kinda",
    "kindof",
    "kind-of",
    "less",
    "little",
    "marginal",
    "marginally",
    "occasional",
    "occasionally",
    "partly",
    "scarce",
    "scarcely",
    "slight",
    "slightly",
    "somewhat",
    "sort of",
    "sorta",
    "sortof",
    "sort-of",
];
const NEGATE_WORDS: &[&str] = &[
    "aint",
    "arent",
    "cannot",
    "cant",
    "couldnt",
    "darent",
    "didnt",
    "doesnt",
    "ain't",
    "aren't",
    "can't",
    "couldn't",
    "daren't",
    "didn't",
    "doesn't",
    "dont",
    "hadnt",
    "hasnt",
    "havent",
    "isnt",
    "mightnt",
    "mustnt",
    "neither",
    "don't",
    "hadn't",
    "hasn't",
    "haven't",
    "isn't",
    "mightn't",
    "mustn't",
    "neednt",
    "needn't",
    "never",
    "none",
    "nope",
    "nor",
    "not",
    "nothing",
    "nowhere",
    "oughtnt",
    "shant",
    "shouldnt",
    "uhuh",
    "wasnt",
    "werent",
    "oughtn't",
    "shan't",
    "shouldn't",
    "uh-uh",
    "wasn't",
    "weren't",
    "without",
    "wont",
    "wouldnt",
    "won't",
    "wouldn't",
    "rarely",
    "seldom",
    "despite",
];

fn booster_list(w: &str) -> Option<f64> {
    if INCR.contains(&w) {
        Some(B_INCR)
    } else if DECR.contains(&w) {
        Some(B_DECR)
    } else {
        None
    }
}

fn negated_list(w: &str) -> bool {
    NEGATE_WORDS.contains(&w) || w.contains("n't")
}

/// What a function word does: boost or damp the next sentiment word, negate it, or take part
/// in an idiom. One table lookup per word instead of scanning the lists (callgrind: the scans
/// were 5% of the text analysis).
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct FunctionWord {
    pub(super) boost: Option<f64>,
    pub(super) negate: bool,
    pub(super) idiom: bool,
}

const IDIOM_WORDS: &[&str] = &[
    "the", "shit", "bomb", "bad", "ass", "badass", "bus", "stop", "yeah", "right", "kiss", "of",
    "death", "to", "die", "for", "beating", "heart", "cut", "mustard", "hand", "mouth", "back",
    "handed", "blow", "blowing", "smoke", "upper", "break", "a", "leg", "cooking", "with", "gas",
    "in", "black", "red", "on", "ball", "under", "weather", "kind", "sort", "just", "enough",
];

pub(super) fn function_words() -> &'static FastMap<&'static str, FunctionWord> {
    static TABLE: OnceLock<FastMap<&'static str, FunctionWord>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t: FastMap<&'static str, FunctionWord> = FastMap::default();
        for w in INCR
            .iter()
            .chain(DECR)
            .chain(NEGATE_WORDS)
            .chain(IDIOM_WORDS)
        {
            t.insert(
                w,
                FunctionWord {
                    boost: booster_list(w),
                    negate: negated_list(w),
                    idiom: IDIOM_WORDS.contains(w),
                },
            );
        }
        t
    })
}

#[inline(always)]
pub(super) fn booster(w: &str) -> Option<f64> {
    function_words().get(w).and_then(|f| f.boost)
}
