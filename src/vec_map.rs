//! A map from strings kept as a sorted `Vec`: the order, lookups and `Debug` text of a
//! `BTreeMap<String, V>`, for the small maps of the configuration (weights, tiers) and the
//! learned tallies. Each B-tree value type linked its own insert, entry and drop code into the
//! .wasm; these are a binary search and a `Vec` insert.
//! -4.52 KB gzipped .wasm (2026-12-04)

use std::fmt;

#[derive(Clone, PartialEq)]
pub struct VecMap<V>(Vec<(String, V)>);

impl<V> Default for VecMap<V> {
    fn default() -> Self {
        VecMap(Vec::new())
    }
}

impl<V> VecMap<V> {
    pub fn new() -> Self {
        Self::default()
    }

    /// Where `k` is, or where it would go (keys in `str` order, as a `BTreeMap`'s).
    fn find(&self, k: &str) -> Result<usize, usize> {
        self.0.binary_search_by(|(x, _)| x.as_str().cmp(k))
    }

    pub fn get(&self, k: &str) -> Option<&V> {
        self.find(k).ok().map(|i| &self.0[i].1)
    }

    /// As `BTreeMap::insert`: the value `k` had before, if any.
    pub fn insert(&mut self, k: String, v: V) -> Option<V> {
        match self.find(&k) {
            Ok(i) => Some(std::mem::replace(&mut self.0[i].1, v)),
            Err(i) => {
                self.0.insert(i, (k, v));
                None
            }
        }
    }

    /// As `entry(k).or_default()`; the key is copied only when it is new.
    pub fn get_or_default(&mut self, k: &str) -> &mut V
    where
        V: Default,
    {
        let i = match self.find(k) {
            Ok(i) => i,
            Err(i) => {
                self.0.insert(i, (k.to_string(), V::default()));
                i
            }
        };
        &mut self.0[i].1
    }

    pub fn clear(&mut self) {
        self.0.clear();
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// In key order.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &V)> {
        self.0.iter().map(|(k, v)| (k, v))
    }

    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.0.iter().map(|(k, _)| k)
    }
}

impl<V> Extend<(String, V)> for VecMap<V> {
    fn extend<I: IntoIterator<Item = (String, V)>>(&mut self, items: I) {
        for (k, v) in items {
            self.insert(k, v);
        }
    }
}

/// The text a `BTreeMap` prints: `{"a": 1.0, "b": 2.0}`.
impl<V: fmt::Debug> fmt::Debug for VecMap<V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::VecMap;
    use std::collections::BTreeMap;

    #[test]
    fn as_a_btree_map() {
        let mut m = VecMap::new();
        let mut b = BTreeMap::new();
        for (i, k) in ["b", "a", "é", "B", "a", "", "ab", "b"].iter().enumerate() {
            assert_eq!(m.insert(k.to_string(), i), b.insert(k.to_string(), i));
        }
        *m.get_or_default("zz") += 5;
        *b.entry("zz".to_string()).or_default() += 5;
        *m.get_or_default("a") += 1;
        *b.entry("a".to_string()).or_default() += 1;
        assert!(m.iter().eq(b.iter()));
        assert_eq!(format!("{m:?}"), format!("{b:?}"));
        assert_eq!(
            (m.get("ab"), m.get("x"), m.len()),
            (b.get("ab"), None, b.len())
        );
    }
}
