//! Where a ticket or an order sits, by its id: (customer, position in that customer's list).
//!
//! An open-addressing table (linear probing, at most 3/4 full) of the ids' hashes and the
//! records' positions: the ids are not stored a second time. A slot's place comes from a
//! 32-bit hash of the id (FNV-1a, the same on every target); a hit on the hash is checked
//! against the record it points to, so two ids with one hash are both kept. The table grows
//! from the hashes it holds, without reading a record: with a one-byte tag in their place (9
//! bytes a slot), growing read every record's id again, and the import of a million tickets
//! stalled for 592 ms at the table's growth at 786k (`node benches/import-stalls.mjs 1000000
//! pkg`; 413 ms was the worst call of the build before, 226 ms of this one). Measured with `node
//! benches/store-memory.mjs 500000` (the .wasm, tickets over 5,000 customers), bytes a
//! ticket in all: a `HashMap<String, (usize, usize)>` holding a copy of each id 274; a map
//! keyed by a 32-bit hash (13 bytes a bucket, colliding ids in a side map) 193, 173 with the
//! ticket's strings in one allocation (`records.rs`); the tagged table 155; this one (12
//! bytes a slot) 165.
//!
//! Moving records (`relocate`) finds each slot by the record's old position, which is unique,
//! before writing any new one: the records themselves may be mid-move then.

use crate::util::{fnv, FNV_START};

#[derive(Debug, Clone, Default)]
pub struct RecordIndex {
    slots: Vec<Slot>,
    len: usize,
}

/// An id's hash and its record's (customer, position); `k == EMPTY` for a free slot.
#[derive(Debug, Clone, Copy)]
struct Slot {
    hash: u32,
    c: u32,
    k: u32,
}

/// No list holds 2^32 - 1 records (the .wasm's memory is 4 GB).
const EMPTY: u32 = u32::MAX;

const FREE: Slot = Slot {
    hash: 0,
    c: 0,
    k: EMPTY,
};

fn hash(id: &str) -> u32 {
    let h = fnv(FNV_START, id.as_bytes());
    (h ^ (h >> 32)) as u32 & HASH_MASK
}

/// The library's own unit tests cut the hash to 4 bits, so that every store unit test runs
/// with ids colliding all the time (the integration tests use the whole hash).
const HASH_MASK: u32 = if cfg!(test) { 0xF } else { u32::MAX };

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

    /// The slots a hash may sit in, in probing order: from its own slot on.
    fn probe(&self, h: u32) -> impl Iterator<Item = usize> {
        let mask = self.slots.len().wrapping_sub(1);
        let start = h as usize;
        (0..self.slots.len()).map(move |i| (start + i) & mask)
    }

    /// The position of `id`; `id_at` reads the id of the record at a position (None when there
    /// is none), to tell it from another id with the same hash.
    pub fn get<'a>(
        &self,
        id: &str,
        id_at: impl Fn(usize, usize) -> Option<&'a str>,
    ) -> Option<(usize, usize)> {
        let h = hash(id);
        for i in self.probe(h) {
            let s = self.slots[i];
            if s.k == EMPTY {
                return None;
            }
            if s.hash == h && id_at(s.c as usize, s.k as usize) == Some(id) {
                return Some((s.c as usize, s.k as usize));
            }
        }
        None
    }

    /// Adds an id that `get` did not find.
    pub fn insert_new(&mut self, id: &str, at: (usize, usize)) {
        if (self.len + 1) * 4 > self.slots.len() * 3 {
            let old = std::mem::take(&mut self.slots);
            self.slots = vec![FREE; (old.len() * 2).max(16)];
            for s in old.into_iter().filter(|s| s.k != EMPTY) {
                self.place(s);
            }
        }
        let (c, k) = pos(at);
        self.place(Slot {
            hash: hash(id),
            c,
            k,
        });
        self.len += 1;
    }

    fn place(&mut self, s: Slot) {
        // at most 3/4 full: a free slot is always found
        if let Some(i) = self.probe(s.hash).find(|&i| self.slots[i].k == EMPTY) {
            self.slots[i] = s;
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
                let h = hash(id);
                let from = pos(from);
                let i = self.probe(h).find(|&i| {
                    let s = self.slots[i];
                    s.k == EMPTY || (s.hash == h && (s.c, s.k) == from)
                });
                let found = i.filter(|&i| self.slots[i].k != EMPTY);
                debug_assert!(
                    found.is_some(),
                    "relocate: {id} is not in the index at {from:?}"
                );
                found.map(|i| (i, pos(to)))
            })
            .collect();
        for (i, (c, k)) in found {
            self.slots[i].c = c;
            self.slots[i].k = k;
        }
    }
}

#[cfg(test)]
#[path = "record_index_tests.rs"]
mod tests;
