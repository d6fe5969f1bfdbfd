//! Where a ticket or an order sits, by its id: (customer, position in that customer's list).
//!
//! An open-addressing table (linear probing, at most 3/4 full) of positions only: the ids are
//! not stored a second time, and neither is their hash. A slot's place in the table comes
//! from a hash of the id (FNV-1a, the same on every target) and a one-byte tag of the same
//! hash sits beside it, so that a probe reads the record (to compare its id) about once in
//! 255 misses. Measured with `node benches/store-memory.mjs 500000` (the .wasm, tickets over
//! 5,000 customers), bytes a ticket in all: a `HashMap<String, (usize, usize)>` holding a copy
//! of each id 274; a map keyed by a 32-bit hash (13 bytes a bucket, colliding ids in a side
//! map) 193, 173 with the ticket's strings in one allocation (`records.rs`); this table (9
//! bytes a slot) 155.
//!
//! Moving records (`relocate`) finds each slot by the record's old position, which is unique,
//! before writing any new one: the records themselves may be mid-move then.

use crate::util::{fnv, FNV_START};

#[derive(Debug, Clone, Default)]
pub struct RecordIndex {
    /// (customer, position) per slot; meaningful where `tags` is not 0.
    slots: Vec<(u32, u32)>,
    /// 0 for an empty slot, else 1..=255 from the hash of the slot's id.
    tags: Vec<u8>,
    len: usize,
}

fn hash(id: &str) -> u32 {
    let h = fnv(FNV_START, id.as_bytes());
    (h ^ (h >> 32)) as u32 & HASH_MASK
}

/// The library's own unit tests cut the hash to 4 bits, so that every store unit test runs
/// with ids colliding all the time (the integration tests use the whole hash).
const HASH_MASK: u32 = if cfg!(test) { 0xF } else { u32::MAX };

fn tag(h: u32) -> u8 {
    (h >> 24) as u8 | ((h >> 24) == 0) as u8
}

fn pos((c, k): (usize, usize)) -> (u32, u32) {
    (c as u32, k as u32)
}

impl RecordIndex {
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The slots `id` may sit in, in probing order, with its tag: from its hash's slot on.
    fn probe(&self, id: &str) -> (impl Iterator<Item = usize>, u8) {
        let h = hash(id);
        let mask = self.slots.len().wrapping_sub(1);
        let start = h as usize;
        (
            (0..self.slots.len()).map(move |i| (start + i) & mask),
            tag(h),
        )
    }

    /// The position of `id`; `id_at` reads the id of the record at a position (None when there
    /// is none), to tell it from another id in the same slots.
    pub fn get<'a>(
        &self,
        id: &str,
        id_at: impl Fn(usize, usize) -> Option<&'a str>,
    ) -> Option<(usize, usize)> {
        let (slots, t) = self.probe(id);
        for i in slots {
            match self.tags[i] {
                0 => return None,
                x if x == t => {
                    let (c, k) = self.slots[i];
                    let (c, k) = (c as usize, k as usize);
                    if id_at(c, k) == Some(id) {
                        return Some((c, k));
                    }
                }
                _ => {}
            }
        }
        None
    }

    /// Adds an id that `get` did not find. `id_at` reads the ids already indexed (each where
    /// the index says), to place them again when the table grows.
    pub fn insert_new<'a>(
        &mut self,
        id: &str,
        at: (usize, usize),
        id_at: impl Fn(usize, usize) -> Option<&'a str>,
    ) {
        if (self.len + 1) * 4 > self.slots.len() * 3 {
            let old = std::mem::take(&mut self.slots);
            let old_tags = std::mem::take(&mut self.tags);
            let size = (old.len() * 2).max(16);
            self.slots = vec![(0, 0); size];
            self.tags = vec![0; size];
            for (&(c, k), _) in old.iter().zip(&old_tags).filter(|x| *x.1 != 0) {
                // every indexed record is where the index says (`relocate` keeps it so)
                if let Some(moved) = id_at(c as usize, k as usize) {
                    self.place(moved, (c, k));
                }
            }
        }
        self.place(id, pos(at));
        self.len += 1;
    }

    fn place(&mut self, id: &str, at: (u32, u32)) {
        let (mut slots, t) = self.probe(id);
        // at most 3/4 full: an empty slot is always found
        if let Some(i) = slots.find(|&i| self.tags[i] == 0) {
            self.tags[i] = t;
            self.slots[i] = at;
        }
    }

    /// Moves indexed records: each `(id, from, to)` is at `from` in the index and goes to `to`.
    /// The records may be anywhere meanwhile: a slot is found by its old position, and every
    /// slot is found before any is written (a written one could look like another's old place).
    pub fn relocate<'a>(
        &mut self,
        moves: impl Iterator<Item = (&'a str, (usize, usize), (usize, usize))>,
    ) {
        let found: Vec<(usize, (u32, u32))> = moves
            .filter_map(|(id, from, to)| {
                let (mut slots, t) = self.probe(id);
                let from = pos(from);
                let i = slots
                    .find(|&i| self.tags[i] == 0 || (self.tags[i] == t && self.slots[i] == from));
                let found = i.filter(|&i| self.tags[i] != 0);
                debug_assert!(
                    found.is_some(),
                    "relocate: {id} is not in the index at {from:?}"
                );
                found.map(|i| (i, pos(to)))
            })
            .collect();
        for (i, to) in found {
            self.slots[i] = to;
        }
    }
}

#[cfg(test)]
#[path = "record_index_tests.rs"]
mod tests;
