//! What was proposed on each customer's ticket: the situation its snippets were offered in
//! (feedback is learned there), their texts (an edit is measured against them) and what the
//! agent dismissed on it (set aside when that ticket is assessed again).
//!
//! A ticket is its number and its customer: two desks can both have a #1001. A number holds its
//! customers' proposals, each stamped by its last assessment; almost always there is one. What is
//! kept is bounded, least recently assessed forgotten first: `MAX_PROPOSED` in all, with an
//! order of (number, stamp) places where a ticket assessed again takes a new place and its old
//! one goes stale (skipped when reached, swept when stale places outnumber live ones), so what
//! each `assess` spends here does not grow with the tickets held.

use crate::history::records::CustomerRef;
use crate::snippets::FilledSnippet;
use std::collections::VecDeque;
use std::rc::Rc;

/// Proposals remembered for feedback; the least recently assessed go first beyond this many.
pub const MAX_PROPOSED: usize = 10_000;
/// Customers' tickets kept per ticket number: beyond this many, the one assessed longest ago
/// goes (a bound on the scan each `assess` and `feedback` makes of a number's tickets).
pub const MAX_PROPOSED_PER_NUMBER: usize = 16;
/// Dismissals kept per ticket, the oldest forgotten first: a ticket offers five snippets at a
/// time, and an unbounded list let a script's 30,000 dismissals of made-up ids slow every later
/// assessment of that ticket 30-fold (a hostile read's measurement, session 55).
pub const MAX_DISMISSED: usize = 64;

/// Whether two references name one customer (`Engine::same_customer`).
pub(super) type Same<'a> = &'a dyn Fn(&CustomerRef, &CustomerRef) -> bool;

#[derive(Debug, Clone)]
pub(super) struct Proposed {
    /// Whose ticket it was: the first reference to them, filled in with a name it lacked
    /// (assessed by address, then by id and address: both name her now), never replaced.
    pub(super) customer: CustomerRef,
    pub(super) situation: String,
    /// The snippets' texts end to end. A copy, not the filled texts themselves: those are let
    /// go with the assessment, and a ticket assessed again writes over its own copy without
    /// allocating (holding the filled texts cost about 2 µs per `assess`, measured).
    texts: String,
    /// Each snippet's id and where its text ends in `texts`.
    ends: Vec<(Rc<str>, usize)>,
    /// Snippets an agent dismissed on this ticket: offered after every other one when the
    /// ticket is assessed again (the learned shift of one dismissal is small, by design, but
    /// "not this one" for this customer is meant at once).
    pub(super) dismissed: Vec<Rc<str>>,
    /// Its place in the order of forgetting.
    stamp: u64,
}

impl Proposed {
    pub(super) fn text_of(&self, id: &str) -> Option<&str> {
        let k = self.ends.iter().position(|(x, _)| &**x == id)?;
        let start = if k == 0 { 0 } else { self.ends[k - 1].1 };
        self.texts.get(start..self.ends[k].1)
    }

    /// Writes the texts of `filled` over the ones held (their room is reused).
    fn fill(&mut self, filled: &[FilledSnippet]) {
        self.texts.clear();
        self.ends.clear();
        for f in filled {
            self.texts.push_str(&f.text);
            self.ends.push((f.id.clone(), self.texts.len()));
        }
    }

    /// Sets `id` aside on this ticket, as its latest dismissal (the oldest going beyond
    /// `MAX_DISMISSED`).
    pub(super) fn dismiss(&mut self, id: &str) {
        self.dismissed.retain(|d| **d != *id);
        if self.dismissed.len() >= MAX_DISMISSED {
            self.dismissed.remove(0);
        }
        self.dismissed.push(id.into());
    }
}

#[derive(Debug, Default)]
pub(super) struct Proposals {
    by_number: crate::util::FastMap<Rc<str>, Vec<Proposed>>,
    /// Places in the order of forgetting, least recently assessed first; a place whose stamp
    /// its number no longer holds is stale.
    order: VecDeque<(Rc<str>, u64)>,
    next_stamp: u64,
    held: usize,
}

impl Proposals {
    /// This customer's ticket of this number, or (no customer named) the number's ticket
    /// assessed last. (Two references the history has since joined can have made two: the
    /// one assessed last, as `remember` updates it.)
    pub(super) fn find(
        &mut self,
        ticket: &str,
        customer: Option<&CustomerRef>,
        same: Same,
    ) -> Option<&mut Proposed> {
        let on_number = self.by_number.get_mut(ticket)?;
        let k = latest(on_number, customer, same)?;
        Some(&mut on_number[k])
    }

    /// What was dismissed on this customer's ticket of this number: on each of its proposals,
    /// when two references the history has since joined made two.
    pub(super) fn set_aside(
        &self,
        ticket: &str,
        customer: &CustomerRef,
        same: Same,
    ) -> Vec<Rc<str>> {
        let mut out: Vec<Rc<str>> = Vec::new();
        for p in self.by_number.get(ticket).into_iter().flatten() {
            if same(customer, &p.customer) {
                for d in &p.dismissed {
                    if !out.contains(d) {
                        out.push(d.clone());
                    }
                }
            }
        }
        out
    }

    /// Takes a dismissal of `id` back on each of this customer's proposals of this number.
    pub(super) fn take_back(&mut self, ticket: &str, customer: &CustomerRef, id: &str, same: Same) {
        for p in self.by_number.get_mut(ticket).into_iter().flatten() {
            if same(customer, &p.customer) {
                p.dismissed.retain(|d| **d != *id);
            }
        }
    }

    /// Records what was offered on this customer's ticket, now the one assessed last.
    pub(super) fn remember(
        &mut self,
        ticket: &str,
        customer: &CustomerRef,
        situation: String,
        filled: &[FilledSnippet],
        same: Same,
    ) {
        let stamp = self.next_stamp;
        self.next_stamp += 1;
        let key: Rc<str> = match self.by_number.get_key_value(ticket) {
            Some((k, _)) => k.clone(),
            None => ticket.into(),
        };
        self.order.push_back((key.clone(), stamp));
        let on_number = self.by_number.entry(key).or_default();
        match latest(on_number, Some(customer), same) {
            Some(k) => {
                // her older proposals (made under a reference the history has since joined
                // to this one) fold into this one: one ticket, one list of dismissals
                let mine = on_number[k].stamp;
                let mut older: Vec<Rc<str>> = Vec::new();
                let mut j = 0;
                while j < on_number.len() {
                    if on_number[j].stamp != mine && same(customer, &on_number[j].customer) {
                        older.append(&mut on_number.swap_remove(j).dismissed);
                        self.held -= 1;
                    } else {
                        j += 1;
                    }
                }
                let Some(p) = on_number.iter_mut().find(|p| p.stamp == mine) else {
                    return;
                };
                for d in older {
                    if !p.dismissed.contains(&d) {
                        p.dismiss(&d);
                    }
                }
                // a name it lacked filled in, never one it has replaced: a second id at a
                // shared address, matched through the history, must not take her ticket
                if p.customer.id.is_none() {
                    p.customer.id.clone_from(&customer.id);
                }
                if p.customer.email.is_none() {
                    p.customer.email.clone_from(&customer.email);
                }
                p.situation = situation;
                p.stamp = stamp;
                p.fill(filled);
            }
            None => {
                let mut p = Proposed {
                    customer: customer.clone(),
                    situation,
                    texts: String::new(),
                    ends: Vec::new(),
                    dismissed: Vec::new(),
                    stamp,
                };
                p.fill(filled);
                on_number.push(p);
                self.held += 1;
                if on_number.len() > MAX_PROPOSED_PER_NUMBER {
                    // the number's ticket assessed longest ago (its place goes stale)
                    let mut oldest = 0;
                    for k in 1..on_number.len() {
                        if on_number[k].stamp < on_number[oldest].stamp {
                            oldest = k;
                        }
                    }
                    on_number.swap_remove(oldest);
                    self.held -= 1;
                }
            }
        }
        while self.held > MAX_PROPOSED {
            let Some((number, stamp)) = self.order.pop_front() else {
                break;
            };
            self.forget(&number, stamp);
        }
        if self.order.len() > 2 * self.held + 64 {
            let by_number = &self.by_number;
            self.order.retain(|(n, s)| {
                by_number
                    .get(n)
                    .is_some_and(|v| v.iter().any(|p| p.stamp == *s))
            });
        }
    }

    /// Forgets the proposal with this stamp, if its number still holds it.
    fn forget(&mut self, number: &Rc<str>, stamp: u64) {
        let Some(on_number) = self.by_number.get_mut(number) else {
            return;
        };
        if let Some(k) = on_number.iter().position(|p| p.stamp == stamp) {
            on_number.swap_remove(k);
            self.held -= 1;
            if on_number.is_empty() {
                self.by_number.remove(number);
            }
        }
    }

    /// Forgets every dismissal (they were taught by feedback, as what is learned is).
    pub(super) fn clear_dismissals(&mut self) {
        for p in self.by_number.values_mut().flatten() {
            p.dismissed.clear();
        }
    }

    #[cfg(test)]
    pub(super) fn held(&self) -> (usize, usize, usize) {
        let live = self.by_number.values().map(Vec::len).sum();
        (live, self.held, self.order.len())
    }

    #[cfg(test)]
    pub(super) fn on_number(&self, ticket: &str) -> &[Proposed] {
        self.by_number.get(ticket).map_or(&[], |v| &v[..])
    }
}

/// Which of a number's proposals is this customer's (any customer's, when none is named)
/// assessed last.
fn latest(on_number: &[Proposed], customer: Option<&CustomerRef>, same: Same) -> Option<usize> {
    let mut best: Option<usize> = None;
    for (k, p) in on_number.iter().enumerate() {
        if customer.is_none_or(|c| same(c, &p.customer))
            && best.is_none_or(|b| on_number[b].stamp < p.stamp)
        {
            best = Some(k);
        }
    }
    best
}

#[cfg(test)]
#[path = "proposals_tests.rs"]
mod tests;
