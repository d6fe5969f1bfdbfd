//! Where a ticket or an order sits, by its id: (customer, position in that customer's list).
//!
//! The ids are not stored a second time: the map's key is a 32-bit hash of the id (FNV-1a,
//! the same on every target), and a hit is checked against the record it points to. Two ids
//! with one hash are both kept: the second (and any later) goes to a small map keyed by the id
//! itself; about n²/2³³ ids land there (some 120 of a million). Measured with
//! `node benches/store-memory.mjs 500000` (the .wasm, tickets over 5,000 customers): a
//! `HashMap<String, (usize, usize)>` holding a copy of each id cost 274 bytes a ticket in all,
//! this index 247 (with a 64-bit key), with the lean `TicketRecord` (`records.rs`) 206, and
//! with this 32-bit key 193.
//!
//! Invariant: an id is in `spill` exactly when its hash's slot in `main` belongs to another
//! id. So moving a record (`set`) needs no look at the records, which may be mid-move then.

use crate::util::{fnv, FastMap, FNV_START};

#[derive(Debug, Clone, Default)]
pub struct RecordIndex {
    main: FastMap<u32, (u32, u32)>,
    spill: FastMap<Box<str>, (u32, u32)>,
}

fn hash(id: &str) -> u32 {
    let h = fnv(FNV_START, id.as_bytes());
    (h ^ (h >> 32)) as u32 & HASH_MASK
}

/// The library's own unit tests cut the hash to 4 bits, so that every store test runs with
/// ids colliding all the time (the integration tests use the whole hash).
const HASH_MASK: u32 = if cfg!(test) { 0xF } else { u32::MAX };

fn pos((c, k): (usize, usize)) -> (u32, u32) {
    (c as u32, k as u32)
}

impl RecordIndex {
    pub fn len(&self) -> usize {
        self.main.len() + self.spill.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The position of `id`; `id_at` reads the id of the record at a position (None when there
    /// is none), to tell a hit from another id with the same hash.
    pub fn get<'a>(
        &self,
        id: &str,
        id_at: impl Fn(usize, usize) -> Option<&'a str>,
    ) -> Option<(usize, usize)> {
        let &(c, k) = match self.spill.get(id) {
            Some(at) => at,
            None => self.main.get(&hash(id))?,
        };
        let (c, k) = (c as usize, k as usize);
        // checked for a spilled id too: a wrong place is never returned, whatever the index
        (id_at(c, k) == Some(id)).then_some((c, k))
    }

    /// Adds an id that `get` did not find.
    pub fn insert_new(&mut self, id: &str, at: (usize, usize)) {
        match self.main.entry(hash(id)) {
            std::collections::hash_map::Entry::Vacant(v) => {
                v.insert(pos(at));
            }
            std::collections::hash_map::Entry::Occupied(_) => {
                self.spill.insert(id.into(), pos(at));
            }
        }
    }

    /// Moves an id that is in the index to a new position (only an indexed id: another one
    /// would take the place of the id that holds its hash's slot).
    pub fn set(&mut self, id: &str, at: (usize, usize)) {
        if let Some(p) = self.spill.get_mut(id) {
            *p = pos(at);
        } else if let Some(p) = self.main.get_mut(&hash(id)) {
            *p = pos(at);
        } else {
            debug_assert!(false, "set: {id} is not in the index");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn records_with_colliding_hashes_are_both_found() {
        // two ids with one hash (4 bits in unit tests: among 17 ids two always share one)
        let ids: Vec<String> = (0..17).map(|n| format!("T-{n}")).collect();
        let (a, b) = (0..17)
            .flat_map(|i| (i + 1..17).map(move |j| (i, j)))
            .find(|&(i, j)| hash(&ids[i]) == hash(&ids[j]))
            .map(|(i, j)| (ids[i].as_str(), ids[j].as_str()))
            .expect("a collision");
        let mut lists: Vec<Vec<&str>> = vec![vec![a, b], vec!["other"]];
        let mut ix = RecordIndex::default();
        ix.insert_new(a, (0, 0));
        ix.insert_new(b, (0, 1));
        assert_eq!(ix.spill.len(), 1, "the second id of one hash is kept aside");
        let find = |ix: &RecordIndex, lists: &Vec<Vec<&str>>, id: &str| {
            ix.get(id, |c, k| lists.get(c)?.get(k).copied())
        };
        assert_eq!(find(&ix, &lists, a), Some((0, 0)));
        assert_eq!(find(&ix, &lists, b), Some((0, 1)));
        assert_eq!(find(&ix, &lists, "other"), None, "not indexed");
        // b moves to the other customer; a's place in main is untouched
        lists[0].remove(1);
        lists[1].push(b);
        ix.set(b, (1, 1));
        assert_eq!(find(&ix, &lists, b), Some((1, 1)));
        assert_eq!(find(&ix, &lists, a), Some((0, 0)));
        // a place that holds another id is never returned, for a spilled id too
        let wrong = vec![vec![a], vec!["other", "x"]];
        assert_eq!(find(&ix, &wrong, b), None);
        assert_eq!(ix.len(), 2);
    }

    proptest! {
        /// Records put and moved as the store does (appended to a customer's list; a record
        /// that changes customer leaves its list, whose later records move up): every id is
        /// found where it is, with the hash cut to 4 bits, so most ids collide.
        #[test]
        fn finds_every_record_where_it_is(ops in prop::collection::vec((0u8..60, 0usize..4), 1..300)) {
            let mut ix = RecordIndex::default();
            let mut lists: Vec<Vec<String>> = vec![Vec::new(); 4];
            for (n, owner) in ops {
                let id = format!("T-{n}");
                let found = {
                    let lists = &lists;
                    ix.get(&id, |c, k| lists.get(c)?.get(k).map(String::as_str))
                };
                let truth = lists.iter().enumerate().find_map(|(c, l)| l.iter().position(|x| *x == id).map(|k| (c, k)));
                prop_assert_eq!(found, truth);
                match found {
                    Some((c, _)) if c == owner => {}
                    Some((c, k)) => {
                        lists[c].remove(k);
                        for (k, r) in lists[c].iter().enumerate().skip(k) {
                            ix.set(r, (c, k));
                        }
                        ix.set(&id, (owner, lists[owner].len()));
                        lists[owner].push(id);
                    }
                    None => {
                        ix.insert_new(&id, (owner, lists[owner].len()));
                        lists[owner].push(id);
                    }
                }
            }
            for (c, l) in lists.iter().enumerate() {
                for (k, id) in l.iter().enumerate() {
                    prop_assert_eq!(ix.get(id, |c, k| lists.get(c)?.get(k).map(String::as_str)), Some((c, k)));
                }
            }
            prop_assert_eq!(ix.len(), lists.iter().map(Vec::len).sum::<usize>());
            prop_assert!(ix.get("T-none", |c, k| lists.get(c)?.get(k).map(String::as_str)).is_none());
        }
    }
}
