//! Local learning from feedback: per situation (band and main cue or intent) and snippet,
//! counts of inserted, edited and dismissed, and how much edits changed the text. The ranking
//! adjustment is bounded and shrunk toward zero while evidence is thin, so one agent's odd
//! choice cannot swamp the built-in judgement.

use crate::input::{err, object, Result};
use crate::vec_map::VecMap;
use serde::Serialize;

/// What an agent did with a proposed snippet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FeedbackAction {
    Inserted,
    Edited,
    Dismissed,
}

#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Tally {
    pub inserted: u32,
    pub edited: u32,
    pub dismissed: u32,
    /// Sum over edits of the share of the text the agent changed (0..1 each).
    pub edit_share_sum: f64,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Learning {
    /// situation key → snippet id → tally
    pub tallies: VecMap<VecMap<Tally>>,
}

/// The most a learned adjustment moves a relevance (0..1 scale).
pub const MAX_SHIFT: f64 = 0.25;
/// Evidence needed before the shift approaches its bound: n / (n + PRIOR).
pub const PRIOR: f64 = 4.0;

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LearnedRow {
    pub situation: String,
    pub snippet_id: String,
    pub inserted: u32,
    pub edited: u32,
    pub dismissed: u32,
    pub edit_share_sum: f64,
}

impl Learning {
    pub fn record(
        &mut self,
        situation: &str,
        snippet: &str,
        action: FeedbackAction,
        edit_share: Option<f64>,
    ) {
        let t = self
            .tallies
            .get_or_default(situation)
            .get_or_default(snippet);
        match action {
            FeedbackAction::Inserted => t.inserted += 1,
            FeedbackAction::Dismissed => t.dismissed += 1,
            FeedbackAction::Edited => {
                t.edited += 1;
                t.edit_share_sum += edit_share.unwrap_or(0.5).clamp(0.0, 1.0);
            }
        }
    }

    /// Shift of a snippet's relevance in a situation: positive when agents use it, negative
    /// when they dismiss it; an edit counts as a use discounted by how much was changed.
    pub fn adjustment(&self, situation: &str, snippet: &str) -> f64 {
        self.in_situation(situation).adjustment(snippet)
    }

    /// What was learned in one situation: ranking a library looks the situation up once.
    pub fn in_situation(&self, situation: &str) -> Situational<'_> {
        Situational(self.tallies.get(situation))
    }

    pub fn export(&self) -> Vec<LearnedRow> {
        self.tallies
            .iter()
            .flat_map(|(s, m)| {
                m.iter().map(move |(id, t)| LearnedRow {
                    situation: s.clone(),
                    snippet_id: id.clone(),
                    inserted: t.inserted,
                    edited: t.edited,
                    dismissed: t.dismissed,
                    edit_share_sum: t.edit_share_sum,
                })
            })
            .collect()
    }

    /// Reads an export back; the rows replace what is learned. A bad row is left out and
    /// returned with its index and error (which names the row and field); the others are read.
    #[cfg(test)]
    pub fn import(
        v: &serde_json::Value,
    ) -> Result<(Learning, Vec<(usize, Box<crate::input::InputError>)>)> {
        let mut rows = Vec::new();
        let mut bad = Vec::new();
        for (i, row) in crate::input::array(v, "learning")?.iter().enumerate() {
            match Self::row(row, i) {
                Ok(Some(r)) => rows.push(r),
                Ok(None) => {}
                Err(e) => bad.push((i, e)),
            }
        }
        Ok((Self::from_rows(rows), bad))
    }

    /// The learning of an export's ranking rows (`row`'s).
    pub(crate) fn from_rows(mut rows: Vec<(String, String, Tally)>) -> Learning {
        // in key order (stable: of two rows with the same keys the later wins, as before), so
        // that each row lands at the end of its map: rows inserted as they come cost O(n) each
        // in a `VecMap` (50,000 in reverse order took 1.4 s natively)
        crate::util::sort_long_by(&mut rows, |a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)), |_, _| {});
        let mut l = Learning::default();
        for (situation, snippet, t) in rows {
            l.tallies.get_or_default(&situation).insert(snippet, t);
        }
        l
    }

    /// One row of an export: a ranking tally, or `None` for a row of what the engine saw.
    pub(crate) fn row(
        row: &serde_json::Value,
        i: usize,
    ) -> Result<Option<(String, String, Tally)>> {
        let o = object(row, &format!("learning[{i}]"))?;
        if o.get("record").is_some() {
            return Ok(None); // what the engine saw (`crate::seen`), not a ranking tally
        }
        o.only(&[
            "situation",
            "snippetId",
            "inserted",
            "edited",
            "dismissed",
            "editShareSum",
        ])?;
        let count = |k: &str| -> Result<u32> { Ok(o.opt_num(k, 0.0, 1e9)?.unwrap_or(0.0) as u32) };
        let t = Tally {
            inserted: count("inserted")?,
            edited: count("edited")?,
            dismissed: count("dismissed")?,
            edit_share_sum: o.opt_num("editShareSum", 0.0, 1e9)?.unwrap_or(0.0),
        };
        if t.edit_share_sum > t.edited as f64 {
            return err(&o.at("editShareSum"), "is larger than the number of edits");
        }
        Ok(Some((o.req_str("situation")?, o.req_id("snippetId")?, t)))
    }
}

/// Share of the words changed between what we proposed and what the agent sent (0..1), by
/// word-level edit distance over the longer text.
pub fn edit_share(proposed: &str, sent: &str) -> f64 {
    let a: Vec<&str> = proposed.split_whitespace().collect();
    let b: Vec<&str> = sent.split_whitespace().collect();
    if a.is_empty() && b.is_empty() {
        return 0.0;
    }
    let (a, b) = (&a[..a.len().min(2000)], &b[..b.len().min(2000)]);
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        cur[0] = i;
        for j in 1..=b.len() {
            let sub = prev[j - 1] + usize::from(a[i - 1] != b[j - 1]);
            cur[j] = sub.min(prev[j] + 1).min(cur[j - 1] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()] as f64 / a.len().max(b.len()) as f64
}

/// The tallies of one situation (`Learning::in_situation`).
pub struct Situational<'a>(Option<&'a VecMap<Tally>>);

impl Situational<'_> {
    /// As `Learning::adjustment`, in this situation.
    pub fn adjustment(&self, snippet: &str) -> f64 {
        let Some(t) = self.0.and_then(|m| m.get(snippet)) else {
            return 0.0;
        };
        let n = (t.inserted + t.edited + t.dismissed) as f64;
        if n == 0.0 {
            return 0.0;
        }
        let kept_of_edits = t.edited as f64 - t.edit_share_sum;
        let net = t.inserted as f64 + kept_of_edits - t.dismissed as f64;
        MAX_SHIFT * (net / n) * (n / (n + PRIOR))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use FeedbackAction::*;

    #[test]
    fn an_import_in_any_order_keeps_key_order_and_the_later_of_two_rows() {
        let row = |s: &str, id: &str, n: u32| serde_json::json!({"situation": s, "snippetId": id, "inserted": n});
        let v = serde_json::json!([
            row("b", "x", 1),
            row("a", "z", 2),
            row("b", "w", 3),
            row("b", "x", 5)
        ]);
        let l = Learning::import(&v).unwrap().0;
        let keys: Vec<_> = l
            .tallies
            .iter()
            .flat_map(|(s, m)| {
                m.iter()
                    .map(move |(id, t)| (s.as_str(), id.as_str(), t.inserted))
            })
            .collect();
        assert_eq!(keys, [("a", "z", 2), ("b", "w", 3), ("b", "x", 5)]);
    }

    #[test]
    fn bounded_and_shrunk() {
        let mut l = Learning::default();
        l.record("k", "s", Dismissed, None);
        let one = l.adjustment("k", "s");
        assert!(
            one < 0.0 && one > -0.06,
            "one dismissal moves little: {one}"
        );
        for _ in 0..50 {
            l.record("k", "s", Dismissed, None);
        }
        let many = l.adjustment("k", "s");
        assert!((-MAX_SHIFT..-0.2).contains(&many), "{many}");
        assert_eq!(l.adjustment("other", "s"), 0.0);
    }

    #[test]
    fn edits_count_by_how_much_was_kept() {
        let mut a = Learning::default();
        a.record("k", "s", Edited, Some(0.1));
        let mut b = Learning::default();
        b.record("k", "s", Edited, Some(0.9));
        assert!(a.adjustment("k", "s") > b.adjustment("k", "s"));
        assert_eq!(edit_share("a b c d", "a b c d"), 0.0);
        assert_eq!(edit_share("a b c d", "a x c d"), 0.25);
    }

    #[test]
    fn export_import_round_trip() {
        let mut l = Learning::default();
        l.record("critical:mistake", "apology", Inserted, None);
        l.record("critical:mistake", "apology", Edited, Some(0.2));
        let v = serde_json::to_value(l.export()).unwrap();
        assert_eq!(Learning::import(&v).unwrap(), (l, vec![]));
        // a bad row is left out and named; the good row after it is read
        let (read, left_out) = Learning::import(&serde_json::json!([{"situation": "x", "snippetId": "y", "edited": 1, "editShareSum": 3}, {"situation": "x", "snippetId": "z", "inserted": 2}])).unwrap();
        assert_eq!(read.export().len(), 1);
        assert_eq!(
            (left_out[0].0, left_out[0].1.path.as_str()),
            (0, "learning[0].editShareSum")
        );
        assert!(Learning::import(&serde_json::json!("rows")).is_err());
    }
}
