use super::*;
use proptest::prelude::*;

fn find(ix: &RecordIndex, lists: &[Vec<&str>], id: &str) -> Option<(usize, usize)> {
    ix.get(id, |c, k| lists.get(c)?.get(k).copied())
}

/// A record's id, its old place and its new one.
type Move = (String, (usize, usize), (usize, usize));

#[test]
fn records_with_colliding_hashes_are_both_found() {
    let (a, b) = colliding();
    let (a, b) = (a.as_str(), b.as_str());
    let mut lists: Vec<Vec<&str>> = vec![vec![a, b], vec!["other"]];
    let mut ix = RecordIndex::default();
    ix.insert_new(a, (0, 0));
    ix.insert_new(b, (0, 1));
    assert_eq!(find(&ix, &lists, a), Some((0, 0)));
    assert_eq!(find(&ix, &lists, b), Some((0, 1)));
    assert_eq!(find(&ix, &lists, "other"), None, "not indexed");
    // b moves to the other customer; a's place is untouched
    lists[0].remove(1);
    lists[1].push(b);
    ix.relocate([(b, (0, 1), (1, 1))].into_iter());
    assert_eq!(find(&ix, &lists, b), Some((1, 1)));
    assert_eq!(find(&ix, &lists, a), Some((0, 0)));
    // a place that holds another id is never returned
    let wrong = vec![vec![a], vec!["other", "x"]];
    assert_eq!(find(&ix, &wrong, b), None);
    assert_eq!(ix.len(), 2);
}

/// Two ids with one hash (4 bits in unit tests: among 17 ids two always share one).
fn colliding() -> (String, String) {
    let ids: Vec<String> = (0..17).map(|n| format!("T-{n}")).collect();
    (0..17)
        .flat_map(|i| (i + 1..17).map(move |j| (i, j)))
        .find(|&(i, j)| hash(&ids[i]) == hash(&ids[j]))
        .map(|(i, j)| (ids[i].clone(), ids[j].clone()))
        .expect("a collision")
}

#[test]
fn moves_that_swap_places_land_each_record_where_it_went() {
    // a sort that swaps two records of one hash: the first one's new place is the second's
    // old one (found by its old place before anything is written)
    let (a, b) = colliding();
    let lists = [vec![a.as_str(), b.as_str()]];
    let mut ix = RecordIndex::default();
    for (k, id) in lists[0].iter().enumerate() {
        ix.insert_new(id, (0, k));
    }
    ix.relocate([(a.as_str(), (0, 0), (0, 1)), (b.as_str(), (0, 1), (0, 0))].into_iter());
    let sorted = vec![vec![b.as_str(), a.as_str()]];
    assert_eq!(find(&ix, &sorted, &b), Some((0, 0)));
    assert_eq!(find(&ix, &sorted, &a), Some((0, 1)));
}

#[test]
fn the_table_grows_and_keeps_every_record() {
    let ids: Vec<String> = (0..1000).map(|n| format!("id-{n}")).collect();
    let lists: Vec<Vec<&str>> = ids
        .chunks(7)
        .map(|c| c.iter().map(String::as_str).collect())
        .collect();
    let mut ix = RecordIndex::default();
    for (c, l) in lists.iter().enumerate() {
        for (k, id) in l.iter().enumerate() {
            ix.insert_new(id, (c, k));
        }
    }
    assert_eq!(ix.len(), 1000);
    assert!(ix.slots.len() >= 1000 * 4 / 3 && ix.slots.len() <= 4096);
    for (c, l) in lists.iter().enumerate() {
        for (k, id) in l.iter().enumerate() {
            assert_eq!(find(&ix, &lists, id), Some((c, k)));
        }
    }
    assert_eq!(find(&ix, &lists, "id-1000"), None);
}

proptest! {
    /// Records put and moved as the store does (appended to a customer's list; a record
    /// that changes customer leaves its list, whose later records move up; a customer's list
    /// put in another order): every id is found where it is, with the hash cut to 4 bits,
    /// so most ids collide.
    #[test]
    fn finds_every_record_where_it_is(ops in prop::collection::vec((0u8..60, 0usize..5), 1..300)) {
        let mut ix = RecordIndex::default();
        let mut lists: Vec<Vec<String>> = vec![Vec::new(); 4];
        for (n, owner) in ops {
            if owner == 4 {
                // reverse customer n % 4's list, as a sort may
                let c = n as usize % 4;
                let len = lists[c].len();
                let moves: Vec<(String, usize, usize)> = lists[c].iter().enumerate().map(|(k, id)| (id.clone(), k, len - 1 - k)).collect();
                ix.relocate(moves.iter().map(|(id, a, b)| (id.as_str(), (c, *a), (c, *b))));
                lists[c].reverse();
                continue;
            }
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
                    let mut moves: Vec<Move> = lists[c].iter().enumerate().skip(k).map(|(j, r)| (r.clone(), (c, j + 1), (c, j))).collect();
                    moves.push((id.clone(), (c, k), (owner, lists[owner].len())));
                    ix.relocate(moves.iter().map(|(id, a, b)| (id.as_str(), *a, *b)));
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
