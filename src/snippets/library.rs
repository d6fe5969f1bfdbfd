//! The snippet library: what a snippet is (tone, what it fits, the facts it requires, its
//! reply kind), reading one from JSON with every error naming its field, and the built-in
//! library.

use super::*;

/// `data/snippets.json` as build.rs embeds it: the same JSON without its indentation.
pub const BUILTIN_LIBRARY: &str = include_str!(concat!(env!("OUT_DIR"), "/snippets.json"));

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Tone {
    /// Transactional: short, exact, no flourishes.
    Concise,
    /// Relational: name, past interactions, thanks.
    Personal,
    /// Critical: ownership and make-good first.
    Ownership,
}

impl Tone {
    /// The name serde writes (lowercase).
    pub fn as_str(self) -> &'static str {
        match self {
            Tone::Concise => "concise",
            Tone::Personal => "personal",
            Tone::Ownership => "ownership",
        }
    }
}

/// The situations a snippet fits; an empty list means "any".
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Fits {
    /// Bit `band as u8`: the bands it is meant for.
    pub bands: u8,
    /// Intent ids as `name_hash`es: compared with the ticket's few likely intents for every
    /// snippet of every ticket.
    pub intents: Vec<u64>,
    /// Bit `kind as u8`: the intent kinds it is meant for.
    pub kinds: u8,
    /// Bit `i` stands for `text::CUES[i]` (names are checked on loading; fit runs for every
    /// snippet of every ticket, so it tests bits rather than compares strings).
    pub cues: u8,
    /// Bit `i`: `text::EMOTIONS[i]`.
    pub emotions: u8,
    /// Bit `i`: `MOMENTS[i]`.
    pub moments: u16,
    /// Ticket topics (`delivery`, `billing`, `refund`, `damage`…, see data/topics.txt) that make
    /// the snippet more specific: "charged twice" and "arrived damaged" are both our mistake.
    /// As `name_hash`es.
    pub topics: Vec<u64>,
    /// `hash_bits` of `intents` and of `topics`: most snippets share no intent or topic with a
    /// ticket, and one AND tells so without reading the lists.
    pub intent_bits: u64,
    pub topic_bits: u64,
}

/// One bit per hash (its low six bits), or-ed together: a filter with no false negatives.
pub fn hash_bits(hashes: impl IntoIterator<Item = u64>) -> u64 {
    hashes.into_iter().fold(0, |m, h| m | 1 << (h & 63))
}

/// A name (intent id, topic label) as a 64-bit hash, for comparing without strings.
pub fn name_hash(name: &str) -> u64 {
    crate::util::fnv(crate::util::FNV_START, name.as_bytes())
}

#[derive(Debug, Clone, PartialEq)]
pub struct Snippet {
    pub id: Rc<str>,
    pub category: Rc<str>,
    pub title: Rc<str>,
    pub tone: Tone,
    pub fits: Fits,
    /// Facts without which the snippet makes no sense (it is demoted and flagged without them).
    pub requires: Vec<String>,
    /// The kind of first reply it is (`crate::reply`): ranked first when the assessment
    /// advises that kind. None for a team snippet that does not say.
    pub reply: Option<Reply>,
    pub body: String,
    pub template: Template,
}

pub const MOMENTS: &[&str] = &[
    "birthday",
    "anniversary",
    "milestone_order",
    "repeat_topic",
    "unhappy_last_time",
    "long_tenure",
    "new_customer",
    "unknown_customer",
    "recent_contacts",
    "high_value",
    "promoter",
    "detractor",
];

/// The names as bits of their positions in `all` (names not in it were refused before).
pub(super) fn mask_of(names: &[String], all: &[&str]) -> u32 {
    names
        .iter()
        .filter_map(|n| all.iter().position(|a| a == n))
        .fold(0, |m, i| m | 1 << i)
}

const _: () = assert!(MOMENTS.len() <= 16, "moment masks are u16");

/// Bit `i` of a moment mask: `MOMENTS[i]`. Evaluated when compiling (every use is in a
/// constant), so a name missing from `MOMENTS` stops the build.
pub(super) const fn moment_bit(name: &str) -> u16 {
    let mut i = 0;
    while i < MOMENTS.len() {
        let (a, b) = (MOMENTS[i].as_bytes(), name.as_bytes());
        if a.len() == b.len() {
            let mut k = 0;
            while k < a.len() && a[k] == b[k] {
                k += 1;
            }
            if k == a.len() {
                return 1 << i;
            }
        }
        i += 1;
    }
    panic!("not a moment name")
}

pub(super) fn strings(
    o: &crate::input::Obj,
    key: &str,
    allowed: Option<&[&str]>,
) -> Result<Vec<String>> {
    let list = o.opt_strings(key)?;
    if let Some(allowed) = allowed {
        for (i, s) in list.iter().enumerate() {
            if !allowed.contains(&s.as_str()) {
                return err(
                    &format!("{}[{i}]", o.at(key)),
                    format!("\"{s}\" is not one of {}", allowed.join(", ")),
                );
            }
        }
    }
    Ok(list)
}

/// Reads one snippet; errors name the snippet's field and, for the body, line and column.
pub fn snippet(v: &Json, path: &str) -> Result<Snippet> {
    let o = object(v, path)?;
    o.only(&[
        "id", "category", "title", "tone", "reply", "fits", "requires", "body",
    ])?;
    let reply = match o.opt_str("reply")? {
        None => None,
        Some(name) => Some(Reply::parse(&name).ok_or_else(|| crate::input::InputError {
            path: o.at("reply"),
            message: format!(
                "expected one of {}, got \"{name}\"",
                REPLIES.map(|r| r.0).join(", ")
            ),
        })?),
    };
    let id: Rc<str> = o.req_id("id")?.into();
    let tone = match o.opt_str("tone")?.as_deref() {
        None | Some("personal") => Tone::Personal,
        Some("concise") => Tone::Concise,
        Some("ownership") => Tone::Ownership,
        Some(other) => {
            return err(
                &o.at("tone"),
                format!("expected \"concise\", \"personal\" or \"ownership\", got \"{other}\""),
            )
        }
    };
    let mut fits = Fits::default();
    if let Some(f) = o.get("fits") {
        let fo = object(f, &o.at("fits"))?;
        fo.only(&[
            "bands", "intents", "kinds", "cues", "emotions", "moments", "topics",
        ])?;
        fits.bands = strings(
            &fo,
            "bands",
            Some(&["transactional", "relational", "critical"]),
        )?
        .iter()
        .fold(0, |m, b| {
            m | band_bit(match b.as_str() {
                "critical" => Band::Critical,
                "relational" => Band::Relational,
                _ => Band::Transactional,
            })
        });
        fits.kinds = strings(&fo, "kinds", Some(&["transactional", "relational"]))?
            .iter()
            .filter_map(|k| Kind::parse(k))
            .fold(0, |m, k| m | kind_bit(k));
        fits.intents = strings(&fo, "intents", None)?
            .iter()
            .map(|n| name_hash(n))
            .collect();
        fits.cues = mask_of(
            &strings(&fo, "cues", Some(&crate::text::CUES))?,
            &crate::text::CUES,
        ) as u8;
        fits.emotions = mask_of(
            &strings(&fo, "emotions", Some(&crate::text::EMOTIONS))?,
            &crate::text::EMOTIONS,
        ) as u8;
        fits.moments = mask_of(&strings(&fo, "moments", Some(MOMENTS))?, MOMENTS) as u16;
        fits.topics = strings(&fo, "topics", None)?
            .iter()
            .map(|n| name_hash(n))
            .collect();
        fits.intent_bits = hash_bits(fits.intents.iter().copied());
        fits.topic_bits = hash_bits(fits.topics.iter().copied());
    }
    let body = o.req_str("body")?;
    let template = Template::parse(&body).map_err(|e| crate::input::InputError {
        path: o.at("body"),
        message: e.to_string(),
    })?;
    for p in template.paths() {
        if !is_known_fact(&p) {
            return err(
                &o.at("body"),
                format!("unknown fact `{p}`; facts: {}", FACTS.join(", ")),
            );
        }
    }
    let requires = strings(&o, "requires", Some(FACTS))?;
    Ok(Snippet {
        id,
        category: o
            .opt_str("category")?
            .as_deref()
            .unwrap_or("general")
            .into(),
        title: o.opt_str("title")?.unwrap_or_default().into(),
        tone,
        fits,
        requires,
        reply,
        body,
        template,
    })
}

/// A library from JSON: an array of snippets. Ids must be unique.
pub fn library(v: &Json, path: &str) -> Result<Vec<Snippet>> {
    let list = array(v, path)?;
    let mut out: Vec<Snippet> = Vec::with_capacity(list.len());
    for (i, item) in list.iter().enumerate() {
        let s = snippet(item, &format!("{path}[{i}]"))?;
        if out.iter().any(|x| x.id == s.id) {
            return err(
                &format!("{path}[{i}].id"),
                format!("\"{}\" is used twice", s.id),
            );
        }
        out.push(s);
    }
    Ok(out)
}

pub fn builtin_library() -> Vec<Snippet> {
    let v: Json = serde_json::from_str(BUILTIN_LIBRARY)
        .unwrap_or_else(|e| panic!("data/snippets.json is JSON: {e}"));
    library(&v, "snippets").unwrap_or_else(|e| panic!("the built-in library is valid: {e}"))
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_embedded_library_is_the_file_without_its_layout() {
        let file: super::Json =
            serde_json::from_str(include_str!("../../data/snippets.json")).unwrap();
        let embedded: super::Json = serde_json::from_str(super::BUILTIN_LIBRARY).unwrap();
        assert_eq!(file, embedded);
        assert!(super::BUILTIN_LIBRARY.len() < include_str!("../../data/snippets.json").len());
        assert!(!super::BUILTIN_LIBRARY.contains("\n "));
    }
}
