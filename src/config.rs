//! Configuration as JSON: weights per signal, band thresholds, what counts as high value, the
//! intent taxonomy, and lexicon additions. Every field is validated; an error names it.

use crate::input::{err, object, Obj, Result};
use crate::signals::{default_points, SIGNALS};
use crate::text::patterns::Pattern;
use crate::text::{default_taxonomy, IntentDef, Kind, TextAnalyzer, CUES, EMOTIONS};
use crate::vec_map::VecMap;
use serde_json::Value;

#[derive(Debug, Clone)]
pub struct Config {
    /// Points per signal at full strength (defaults from `signals::SIGNALS`).
    pub weights: VecMap<f64>,
    /// Score from which a ticket is `relational`, and `critical`.
    pub relational_from: f64,
    pub critical_from: f64,
    /// The points of moments (reasons from the words, and history that is itself a moment)
    /// at which customer weight (value, tenure, tier, orders, milestones) counts in full; below,
    /// in proportion; with no moment, not at all.
    pub amplify_at: f64,
    /// Lifetime value that earns the value signal's full points.
    pub value_high: f64,
    /// Tier (lower case) → share of the tier signal's points.
    pub tiers: VecMap<f64>,
    pub taxonomy: Vec<IntentDef>,
    /// Extra intents found by patterns: (intent id, pattern).
    pub intent_patterns: Vec<(String, Pattern)>,
    pub sentiment_words: Vec<(String, f64)>,
    /// (section label, pattern) additions to the cue/emotion lexicon.
    pub cue_patterns: Vec<(String, Pattern)>,
    pub topic_patterns: Vec<(String, Pattern)>,
}

// The weights and band edges fitted on the train split of the labelled scenarios by
// `tools/src/bin/fit_score.rs` (data/score_fit.json, turned into constants by build.rs). A
// signal the fit does not name keeps its points from `signals::SIGNALS`.
include!(concat!(env!("OUT_DIR"), "/score_fit.rs"));

fn fitted() -> (Vec<(String, f64)>, [f64; 4]) {
    let weights = FITTED_WEIGHTS
        .iter()
        .filter(|(k, _)| default_points(k).is_some())
        .map(|(k, v)| (k.to_string(), *v))
        .collect();
    let band = |name: &str, d: f64| FITTED_BANDS.iter().find(|b| b.0 == name).map_or(d, |b| b.1);
    (
        weights,
        [
            band("relational", 35.0),
            band("critical", 65.0),
            band("amplifyAt", 35.0),
            // the lifetime value from which a customer counts in full (`config.value.high`)
            band("valueHigh", 2000.0),
        ],
    )
}

impl Default for Config {
    fn default() -> Self {
        let (fit, [relational_from, critical_from, amplify_at, value_high]) = fitted();
        // the outreach reasons are weighted like the signals (`outreach::SIGNALS`). The maps are
        // filled by `extend`, not `collect` (collecting into a map would link a stable sort)
        let mut weights = VecMap::new();
        weights.extend(
            SIGNALS
                .iter()
                .chain(crate::signals::outreach::SIGNALS)
                .map(|s| (s.id.to_string(), s.points)),
        );
        weights.extend(fit);
        let mut tiers = VecMap::new();
        tiers.extend(
            [
                ("platinum", 1.0),
                ("diamond", 1.0),
                ("vip", 1.0),
                ("gold", 1.0),
                ("premium", 0.8),
                ("plus", 0.5),
                ("silver", 0.5),
            ]
            .map(|(k, v)| (k.to_string(), v)),
        );
        Config {
            weights,
            relational_from,
            critical_from,
            amplify_at,
            value_high,
            tiers,
            taxonomy: default_taxonomy(),
            intent_patterns: Vec::new(),
            sentiment_words: Vec::new(),
            cue_patterns: Vec::new(),
            topic_patterns: Vec::new(),
        }
    }
}

fn patterns_of(v: &Value, path: &str) -> Result<Vec<Pattern>> {
    let list = crate::input::array(v, path)?;
    // a loop, not a `collect` into a `Result` (as `Obj::opt_strings`; with the same in
    // `Engine::assess_each`: -0.10 KB gzipped .wasm, 2026-12-04)
    let mut out = Vec::with_capacity(list.len());
    for (i, p) in list.iter().enumerate() {
        let here = format!("{path}[{i}]");
        out.push(match p {
            Value::String(s) => Pattern::parse(s).or_else(|m| err(&here, m))?,
            other => err(
                &here,
                format!(
                    "expected a pattern string, got {}",
                    crate::input::describe(other)
                ),
            )?,
        });
    }
    Ok(out)
}

fn number(o: &Obj, key: &str, min: f64, max: f64) -> Result<Option<f64>> {
    // a null is refused ("expected a number, got null"), not read as absent: NaN and
    // Infinity arrive as null, and a weight of NaN used to turn its signal off without a word
    match o.map.get(key) {
        None => Ok(None),
        Some(Value::Number(n)) => {
            let x = n.as_f64().unwrap_or(f64::NAN);
            if x.is_finite() && x >= min && x <= max {
                Ok(Some(x))
            } else {
                err(
                    &o.at(key),
                    format!(
                        "{} is outside {}..{}",
                        crate::util::num(x, 3),
                        crate::util::num(min, 3),
                        crate::util::num(max, 3)
                    ),
                )
            }
        }
        Some(other) => err(
            &o.at(key),
            format!("expected a number, got {}", crate::input::describe(other)),
        ),
    }
}

impl Config {
    /// Reads a configuration; absent fields keep their defaults.
    pub fn from_json(v: &Value) -> Result<Config> {
        let o = object(v, "config")?;
        o.only(&["weights", "bands", "value", "intents", "lexicons"])?;
        let mut c = Config::default();

        if let Some(w) = o.get("weights") {
            let wo = object(w, "config.weights")?;
            for (k, _) in wo.map.iter() {
                if default_points(k).is_none()
                    && crate::signals::outreach::default_points(k).is_none()
                {
                    return err(
                        &wo.at(k),
                        format!(
                            "unknown signal; known signals: {}",
                            SIGNALS
                                .iter()
                                .chain(crate::signals::outreach::SIGNALS)
                                .map(|s| s.id.id())
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    );
                }
                let x = number(&wo, k, -100.0, 100.0)?.unwrap_or(0.0);
                c.weights.insert(k.clone(), x);
            }
        }
        if let Some(b) = o.get("bands") {
            let bo = object(b, "config.bands")?;
            bo.only(&["relational", "critical", "amplifyAt"])?;
            if let Some(x) = number(&bo, "relational", 1.0, 100.0)? {
                c.relational_from = x;
            }
            if let Some(x) = number(&bo, "critical", 1.0, 100.0)? {
                c.critical_from = x;
            }
            if let Some(x) = number(&bo, "amplifyAt", 1.0, 100.0)? {
                c.amplify_at = x;
            }
            if c.relational_from >= c.critical_from {
                return err(
                    "config.bands",
                    format!(
                        "relational ({}) must be below critical ({})",
                        crate::util::num(c.relational_from, 2),
                        crate::util::num(c.critical_from, 2)
                    ),
                );
            }
        }
        if let Some(v) = o.get("value") {
            let vo = object(v, "config.value")?;
            vo.only(&["high", "tiers"])?;
            if let Some(x) = number(&vo, "high", 1.0, 1e9)? {
                c.value_high = x;
            }
            if let Some(t) = vo.get("tiers") {
                let to = object(t, "config.value.tiers")?;
                c.tiers.clear();
                for k in to.map.keys() {
                    let share = number(&to, k, 0.0, 1.0)?.unwrap_or(0.0);
                    c.tiers.insert(crate::util::lower(k.trim()), share);
                }
            }
        }
        if let Some(list) = o.get("intents") {
            let items = crate::input::array(list, "config.intents")?;
            for (i, item) in items.iter().enumerate() {
                let io = object(item, &format!("config.intents[{i}]"))?;
                io.only(&["id", "kind", "patterns"])?;
                let id = io.req_id("id")?;
                let kind_s = io.req_str("kind")?;
                let kind = Kind::parse(&kind_s).map_or_else(
                    || {
                        err(
                            &io.at("kind"),
                            format!(
                                "expected \"transactional\" or \"relational\", got \"{kind_s}\""
                            ),
                        )
                    },
                    Ok,
                )?;
                let known = c.taxonomy.iter().any(|d| d.id == id);
                match c.taxonomy.iter_mut().find(|d| d.id == id) {
                    Some(d) => d.kind = kind,
                    None => c.taxonomy.push(IntentDef {
                        id: id.clone(),
                        kind,
                    }),
                }
                match io.get("patterns") {
                    Some(p) => {
                        for pat in patterns_of(p, &io.at("patterns"))? {
                            c.intent_patterns.push((id.clone(), pat));
                        }
                    }
                    None if !known => {
                        return err(
                            &io.at("patterns"),
                            "a new intent needs patterns to be recognised by",
                        )
                    }
                    None => {}
                }
            }
        }
        if let Some(l) = o.get("lexicons") {
            let lo = object(l, "config.lexicons")?;
            lo.only(&["sentiment", "cues", "emotions", "topics"])?;
            if let Some(s) = lo.get("sentiment") {
                let so = object(s, "config.lexicons.sentiment")?;
                for k in so.map.keys() {
                    if k.trim().is_empty() || k.contains(char::is_whitespace) {
                        return err(&so.at(k), "a sentiment entry is one word or emoticon");
                    }
                    let x = number(&so, k, -4.0, 4.0)?.unwrap_or(0.0);
                    c.sentiment_words.push((k.clone(), x));
                }
            }
            for (key, sections, prefix) in [
                ("cues", &CUES[..], ""),
                ("emotions", &EMOTIONS[..], "emotion."),
            ] {
                if let Some(s) = lo.get(key) {
                    let so = object(s, &format!("config.lexicons.{key}"))?;
                    for (name, v) in so.map.iter() {
                        // `not.X`: the team's own look-alikes of X; `plain.X`: its plain
                        // requests the learned model misreads as X (src/text/patterns.rs)
                        let base = name
                            .strip_prefix("not.")
                            .or(name.strip_prefix("plain."))
                            .unwrap_or(name);
                        if !sections.contains(&base) {
                            return err(
                                &so.at(name),
                                format!(
                                    "unknown field; expected one of {}, or not.<one of them>, or plain.<one of them>",
                                    sections.join(", ")
                                ),
                            );
                        }
                        let label = [&name[..name.len() - base.len()], prefix, base].concat();
                        for p in patterns_of(v, &so.at(name))? {
                            c.cue_patterns.push((label.clone(), p));
                        }
                    }
                }
            }
            if let Some(s) = lo.get("topics") {
                let so = object(s, "config.lexicons.topics")?;
                for (name, v) in so.map.iter() {
                    for p in patterns_of(v, &so.at(name))? {
                        c.topic_patterns.push((name.clone(), p));
                    }
                }
            }
        }
        Ok(c)
    }

    pub fn weight(&self, id: &str) -> f64 {
        self.weights.get(id).copied().unwrap_or(0.0)
    }

    /// The text analyzer this configuration asks for: built-in data plus the additions.
    pub fn analyzer(&self) -> TextAnalyzer {
        let mut a = TextAnalyzer::builtin();
        a.taxonomy = self.taxonomy.clone();
        for (w, v) in &self.sentiment_words {
            a.lexicon.set_valence(&crate::util::lower(w), *v);
        }
        for (label, p) in &self.cue_patterns {
            a.patterns.add(label, p.clone());
            // the team's own patterns for a cue are never overruled by the learned model
            if !a.configured_cues.contains(label) {
                a.configured_cues.push(label.clone());
            }
        }
        for (label, p) in &self.intent_patterns {
            a.intent_patterns.add(label, p.clone());
        }
        for (label, p) in &self.topic_patterns {
            a.topics.add(label, p.clone());
        }
        a
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn e(v: Value) -> String {
        Config::from_json(&v).unwrap_err().to_string()
    }

    #[test]
    fn the_types_give_the_fitted_band_edges() {
        // rapport.d.ts once said 35 and 65 long after a fit had moved them
        let c = Config::default();
        let doc = include_str!("bindings/types.rs");
        let said = format!(
            "relational from {}, critical from {}); `amplifyAt`",
            c.relational_from, c.critical_from
        );
        assert!(doc.contains(&said), "types.rs should say: {said}");
        assert!(doc.contains(&format!("in full (fitted: {})", c.amplify_at)));
        assert!(doc.contains(&format!("full points (fitted: {})", c.value_high)));
    }

    #[test]
    fn bad_configs_name_the_field() {
        assert!(e(json!({"bands": "nonsense"})).starts_with("config.bands: expected an object"));
        assert!(e(json!({"weights": 42})).starts_with("config.weights:"));
        assert!(e(json!({"weights": {"cue.nope": 3}}))
            .starts_with("config.weights.cue.nope: unknown signal"));
        assert!(e(json!({"weights": {"cue.churn": "high"}}))
            .starts_with("config.weights.cue.churn: expected a number"));
        // NaN and Infinity reach the core as null: refused, not read as 0 or as absent
        assert!(e(json!({"weights": {"cue.mistake": null}}))
            .starts_with("config.weights.cue.mistake: expected a number, got null"));
        assert!(e(json!({"bands": {"critical": null}}))
            .starts_with("config.bands.critical: expected a number, got null"));
        assert!(e(json!({"bands": {"relational": 70, "critical": 60}})).contains("must be below"));
        assert!(e(json!({"intents": [{"id": "x", "kind": "maybe"}]}))
            .starts_with("config.intents[0].kind"));
        assert!(
            e(json!({"intents": [{"id": "warranty", "kind": "relational"}]}))
                .contains("needs patterns")
        );
        assert!(
            e(json!({"lexicons": {"cues": {"mistake": ["ok", "bad ~x"]}}}))
                .starts_with("config.lexicons.cues.mistake[1]")
        );
        assert!(e(json!({"lexicons": {"cues": {"typo": []}}})).contains("unknown field"));
        assert!(e(json!({"lexicons": {"cues": {"not.typo": []}}})).contains("unknown field"));
        assert!(e(json!({"wieghts": {}})).starts_with("config.wieghts: unknown field"));
        assert!(e(json!([1])).starts_with("config: expected an object"));
    }

    #[test]
    fn good_config_applies() {
        let c = Config::from_json(&json!({
            "weights": {"cue.churn": 40},
            "bands": {"critical": 80},
            "intents": [{"id": "warranty_claim", "kind": "relational", "patterns": ["warranty ~3 claim|repair"]},
                        {"id": "order_status", "kind": "relational"}],
            "lexicons": {"sentiment": {"meh": -1.5}, "cues": {"mistake": ["forgot ~2 my ~1 gift"]}}
        }))
        .unwrap();
        // what the configuration names changes; the rest keeps the fitted defaults
        assert_eq!(
            (c.weight("cue.churn"), c.critical_from, c.relational_from),
            (40.0, 80.0, Config::default().relational_from)
        );
        let a = c.analyzer();
        assert_eq!(a.kind_of("order_status"), Kind::Relational);
        assert_eq!(
            a.analyze("I want to make a warranty claim for my kettle")
                .intent
                .id,
            "warranty_claim"
        );
        assert!(a.analyze("you forgot my gift wrap").cues.mistake > 0.0);
        assert!(crate::text::sentiment::polarity("meh", &a.lexicon).compound < 0.0);
        assert_eq!(a.lexicon.valence("meh"), Some(-1.5));
    }

    #[test]
    fn a_team_can_name_its_own_look_alikes() {
        // a telecom's "cancel the insurance on my phone" is one add-on, not the relationship
        let text = "Please cancel the insurance on my phone, I have cover through my bank now.";
        let before = Config::default().analyzer().analyze(text);
        assert!(before.cues.churn > 0.0, "{:?}", before.cues);
        let c = Config::from_json(&json!({"lexicons": {
            "cues": {"not.churn": ["insurance ~2 on ~2 my ~1 phone|handset"]},
            "emotions": {"not.distress": ["panic ~1 button"]}
        }}))
        .unwrap();
        let a = c.analyzer();
        let after = a.analyze(text);
        assert_eq!(after.cues.churn, 0.0, "{:?}", after.matches);
        assert!(a.analyze("Please cancel my phone contract.").cues.churn > 0.0);
        // and its own plain requests, which keep the model from reading the cue alone
        let text = "Their address is in the attached letter.";
        assert!(Config::default().analyzer().analyze(text).cues.mistake > 0.0);
        let c = Config::from_json(&json!({"lexicons": {
            "cues": {"plain.mistake": ["attached ~1 letter"]}
        }}))
        .unwrap();
        assert_eq!(c.analyzer().analyze(text).cues.mistake, 0.0);
        assert!(a
            .patterns
            .labels
            .iter()
            .any(|l| l == "not.emotion.distress"));
        // an intent may be named "not.…": it is no look-alike of another intent
        let c = Config::from_json(&json!({"intents": [
            {"id": "not.urgent", "kind": "transactional", "patterns": ["warranty ~3 claim"]}
        ]}))
        .unwrap();
        let intent = c
            .analyzer()
            .analyze("I want to make a warranty claim")
            .intent;
        assert_eq!(intent.id, "not.urgent");
    }
}
