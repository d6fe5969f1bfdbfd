use super::lexicon::vader;
use super::*;
use crate::util::parse_decimal;

fn c(t: &str) -> f64 {
    polarity(t, &SentimentLexicon::builtin()).compound
}

#[test]
fn the_front_coded_lexicon_is_the_tsv_word_for_word() {
    // the source, read as it was before build.rs compacted it: a later line wins
    let mut want = std::collections::BTreeMap::new();
    for l in include_str!("../../../data/vader_lexicon.tsv").lines() {
        let (w, v) = l.split_once('\t').unwrap();
        want.insert(w, parse_decimal(v).unwrap());
    }
    let (words, ends) = vader();
    let mut start = 0;
    let mut got = std::collections::BTreeMap::new();
    for &(end, v) in ends {
        got.insert(&words[start..end], v);
        start = end;
    }
    assert_eq!(got.len(), ends.len(), "each word once");
    assert_eq!(got, want);
    let lex = SentimentLexicon::builtin();
    for (w, v) in &want {
        assert_eq!(lex.valence(w), Some(*v), "{w}");
    }
}

#[test]
fn polarity_and_neutral() {
    assert!(c("The service was great") > 0.5);
    assert!(c("The service was terrible") < -0.4);
    assert_eq!(c("Where is my order 12345?"), 0.0);
    let s = polarity("great", &SentimentLexicon::builtin());
    assert!((s.pos + s.neg + s.neu - 1.0).abs() < 1e-9);
}

#[test]
fn negation_flips() {
    assert!(c("The service was good") > 0.0);
    assert!(c("The service was not good") < 0.0);
    assert!(c("The service wasn't good") < 0.0);
}

#[test]
fn intensifiers_and_dampeners() {
    assert!(c("The service was extremely good") > c("The service was good"));
    assert!(c("The service was slightly good") < c("The service was good"));
}

#[test]
fn but_shifts_weight_to_the_second_clause() {
    assert!(c("The food is good, but the service is horrible") < 0.0);
}

#[test]
fn caps_and_exclamations_amplify() {
    assert!(
        c("this is bad, REALLY BAD and the app is slow")
            < c("this is bad, really bad and the app is slow")
    );
    assert!(c("This is terrible!!!") < c("This is terrible"));
    assert!(c("I am very HAPPY with it") > c("I am very happy with it"));
}

#[test]
fn emoji_are_read() {
    assert!(c("my parcel arrived 😠") < 0.0);
    assert!(c("my parcel arrived 😍") > 0.0);
}

#[test]
fn elongation_reads_as_emphasis() {
    assert!(c("this is sooo bad") < c("this is bad"));
    assert!(c("baaaad") < 0.0);
}
