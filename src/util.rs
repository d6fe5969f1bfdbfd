//! Small helpers shared by the core.

/// At most `n` characters of `s`, with an ellipsis when cut (for error messages and evidence).
pub fn clip(s: &str, n: usize) -> String {
    let mut out: String = s.chars().take(n).collect();
    if s.chars().nth(n).is_some() {
        out.push('…');
    }
    out
}

/// The larger of two finite numbers. `f64::max` is a call to libm's `fmax` in WASM (it must
/// treat NaN the IEEE way); this is one compare, for loops that run per snippet per ticket.
#[inline]
pub fn larger(a: f64, b: f64) -> f64 {
    if b > a {
        b
    } else {
        a
    }
}

/// The smaller of two finite numbers (see `larger`).
#[inline]
pub fn smaller(a: f64, b: f64) -> f64 {
    if b < a {
        b
    } else {
        a
    }
}

/// Rounds to two decimals so outputs are stable and readable.
pub fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// The length of `s` in UTF-16 code units, as JavaScript indexes strings. Eight bytes at a
/// time: one unit per byte that starts a character, one more per four-byte character.
pub fn utf16_len(s: &str) -> usize {
    const HI: u64 = 0x8080_8080_8080_8080;
    let b = s.as_bytes();
    // bit 7 of each byte: continuation bytes are 10xxxxxx, four-byte leads 11110xxx
    let tally = |w: u64| {
        let cont = w & !(w << 1) & HI;
        let four = w & (w << 1) & (w << 2) & (w << 3) & HI;
        (cont.count_ones() as usize, four.count_ones() as usize)
    };
    let (mut cont, mut four) = (0, 0);
    let mut chunks = b.chunks_exact(8);
    let mut last = [0u8; 8];
    last[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
    for w in (&mut chunks)
        .map(|c| u64::from_le_bytes(c.try_into().unwrap_or([0; 8])))
        .chain([u64::from_le_bytes(last)])
    {
        let (c, f) = tally(w);
        cont += c;
        four += f;
    }
    b.len() - cont + four
}

/// The maps of the lexicons, models and the history's indexes: rustc-hash's FxHash (the scheme
/// rustc uses). Keys here are our own words and the records' ids, not attacker-chosen table
/// sizes, and SipHash was 12% of the text analysis (callgrind).
pub type FastMap<K, V> = std::collections::HashMap<K, V, rustc_hash::FxBuildHasher>;

/// A one-sided set of 64-bit hashes: `may_contain` is false for every hash never inserted
/// bar one in about sixteen, and true for every one inserted. The models look up every
/// word and word pair of every message, and most are not among their features: this bitset
/// (2^18 bits, 32 KB a model) answers those without probing the map.
/// The default, empty filter answers "maybe" to everything.
#[derive(Debug, Clone, Default)]
pub struct HashFilter(Vec<u64>);

impl HashFilter {
    const BITS: u32 = 18;

    /// An empty filter of full size (`Default` is one that answers "maybe").
    pub fn new() -> Self {
        HashFilter(vec![0; 1 << (Self::BITS - 6)])
    }

    pub fn insert(&mut self, h: u64) {
        let b = Self::bit(h);
        if let Some(w) = self.0.get_mut(b >> 6) {
            *w |= 1 << (b & 63);
        }
    }

    fn bit(h: u64) -> usize {
        ((h ^ (h >> 29) ^ (h >> 47)) & ((1 << Self::BITS) - 1)) as usize
    }

    pub fn may_contain(&self, h: u64) -> bool {
        let b = Self::bit(h);
        self.0.get(b >> 6).is_none_or(|w| w & (1 << (b & 63)) != 0)
    }
}

/// Shares the many copies of a short, often repeated value (a currency, a channel, a tier, a
/// product name): a million history records hold a few hundred distinct ones, and a shared
/// `Rc<str>` is 8 bytes where a `String` of its own is 12 plus its heap block. Past
/// `MAX_SHARED` distinct values (a field that is not repetitive after all) new ones are no
/// longer remembered.
// (a `String` → index map like the store's own indexes, so no new hash-map code is compiled
// in: the .wasm has no room to spare)
#[derive(Debug, Clone, Default)]
pub struct Interner {
    index: FastMap<String, usize>,
    shared: Vec<std::rc::Rc<str>>,
}

impl Interner {
    const MAX_SHARED: usize = 1 << 16;

    pub fn share(&mut self, s: &str) -> std::rc::Rc<str> {
        if let Some(&i) = self.index.get(s) {
            return self.shared[i].clone();
        }
        let k: std::rc::Rc<str> = s.into();
        if self.shared.len() < Self::MAX_SHARED {
            self.index.insert(s.to_string(), self.shared.len());
            self.shared.push(k.clone());
        }
        k
    }
}

/// A plain decimal (`-1.25`, `3`, `.5`) as f64, for the embedded data tables: far cheaper than
/// `str::parse` on a cold start (the engine reads ~25k of them when it is created). Exact
/// to the last bit for up to 15 significant digits, which is all the tables hold; `None` for
/// anything else.
pub fn parse_decimal(s: &str) -> Option<f64> {
    let (neg, digits) = match s.as_bytes() {
        [b'-', rest @ ..] => (true, rest),
        [b'+', rest @ ..] => (false, rest),
        b => (false, b),
    };
    let (mut n, mut scale, mut seen, mut dot) = (0u64, 1u64, 0usize, false);
    for &c in digits {
        match c {
            b'.' if !dot => dot = true,
            b'0'..=b'9' if seen < 15 => {
                n = n * 10 + (c - b'0') as u64;
                seen += 1;
                if dot {
                    scale *= 10;
                }
            }
            _ => return None,
        }
    }
    if seen == 0 {
        return None;
    }
    let v = n as f64 / scale as f64;
    Some(if neg { -v } else { v })
}

/// Eight bytes (a little-endian `u64`) compared with `c` at once: the high bit of each byte
/// equal to `c` is set. A borrow can also set it in a byte above a true match, never below one,
/// so the lowest set bit is exact and a zero result means no byte matched.
#[inline]
pub fn word_eq(w: u64, c: u8) -> u64 {
    const LO: u64 = 0x0101_0101_0101_0101;
    let x = w ^ (LO * c as u64);
    x.wrapping_sub(LO) & !x & (LO << 7)
}

/// The eight bytes of `b` at `i`, if there are eight, as a little-endian `u64` (one load).
#[inline]
pub fn word_at(b: &[u8], i: usize) -> Option<u64> {
    b.get(i..i + 8)
        .and_then(|w| <[u8; 8]>::try_from(w).ok())
        .map(u64::from_le_bytes)
}

/// FNV-1a over bytes, continued from `h` (start with `FNV_START`): hashes a feature such as
/// "a_b" from its parts without building the string.
pub const FNV_START: u64 = 0xcbf2_9ce4_8422_2325;
pub fn fnv(h: u64, bytes: &[u8]) -> u64 {
    bytes
        .iter()
        .fold(h, |h, &b| (h ^ b as u64).wrapping_mul(0x100_0000_01b3))
}

/// Stable insertion sort, for the short lists sorted per assessment (reasons, snippets):
/// each standard-library sort instantiation costs about 5 KB of WebAssembly; this a few
/// hundred bytes. Lists that can be long (one customer's tickets) take `sort_long_by`.
pub fn sort_by<T>(v: &mut [T], mut cmp: impl FnMut(&T, &T) -> std::cmp::Ordering) {
    for i in 1..v.len() {
        let mut j = i;
        while j > 0 && cmp(&v[j - 1], &v[j]) == std::cmp::Ordering::Greater {
            v.swap(j - 1, j);
            j -= 1;
        }
    }
}

/// Stable sort in O(n log n): a merge sort of indices (compiled once for every element
/// type), then the elements moved into place. The standard library's stable sort measured
/// 1 KB more of the .wasm gzipped. A sorted prefix is kept as it is and only the rest sorted,
/// then merged in: a customer's tickets with a few new ones at the end (an import putting
/// them back in order) cost O(n) and not O(n log n). Before moving anything it calls
/// `before_moving(v, order)`: the element at position i comes from `order[i]`. Returns the
/// first position whose element changed (`v.len()` when none did).
pub fn sort_long_by<T>(
    v: &mut [T],
    mut cmp: impl FnMut(&T, &T) -> std::cmp::Ordering,
    before_moving: impl FnOnce(&[T], &[u32]),
) -> usize {
    let n = v.len();
    let mut order = long_order(n, &mut |a, b| cmp(&v[a], &v[b]));
    before_moving(v, &order);
    let first = (0..n).find(|&i| order[i] as usize != i).unwrap_or(n);
    // v[i] takes what was at order[i], one cycle of the permutation at a time
    for i in first..n {
        let mut j = i;
        let mut k = order[j] as usize;
        while k != i {
            v.swap(j, k);
            order[j] = j as u32;
            j = k;
            k = order[j] as usize;
        }
        order[j] = j as u32;
    }
    first
}

/// `sort_long_by`'s order, compiled once: the sorted prefix as it is, the rest sorted and
/// merged in (the prefix's element first unless the other is smaller: stable).
fn long_order(n: usize, cmp: &mut dyn FnMut(usize, usize) -> std::cmp::Ordering) -> Vec<u32> {
    use std::cmp::Ordering::Greater;
    let p = (1..n).find(|&i| cmp(i - 1, i) == Greater).unwrap_or(n);
    let tail = sorted_order(n - p, &mut |a, b| cmp(p + a, p + b));
    let mut order = Vec::with_capacity(n);
    let (mut l, mut r) = (0, 0);
    while l < p || r < tail.len() {
        let right = p + tail.get(r).copied().unwrap_or(0) as usize;
        if r >= tail.len() || (l < p && cmp(l, right) != Greater) {
            order.push(l as u32);
            l += 1;
        } else {
            order.push(right as u32);
            r += 1;
        }
    }
    order
}

/// The indices 0..n in the stable order of `cmp` (a bottom-up merge sort).
fn sorted_order(n: usize, cmp: &mut dyn FnMut(usize, usize) -> std::cmp::Ordering) -> Vec<u32> {
    let mut a: Vec<u32> = (0..n as u32).collect();
    let mut b = a.clone();
    let mut width = 1;
    while width < n {
        for start in (0..n).step_by(2 * width) {
            let mid = (start + width).min(n);
            let end = (start + 2 * width).min(n);
            let (mut l, mut r) = (start, mid);
            for slot in &mut b[start..end] {
                // the left run's element first unless the right one is smaller: stable
                let take_left = r >= end
                    || (l < mid && cmp(a[r] as usize, a[l] as usize) != std::cmp::Ordering::Less);
                *slot = if take_left { a[l] } else { a[r] };
                if take_left {
                    l += 1;
                } else {
                    r += 1;
                }
            }
        }
        std::mem::swap(&mut a, &mut b);
        width *= 2;
    }
    a
}

/// A number as people write it: at most `decimals` decimals, trailing zeros dropped
/// ("4", "4.5", "-0.72"). Integer arithmetic, so the float formatter of `std` (about 20 KB of
/// WebAssembly) is not needed.
pub fn num(x: f64, decimals: u32) -> String {
    if x.is_nan() {
        return "NaN".into();
    }
    let scale = 10i64.pow(decimals.min(6));
    let scaled = (x * scale as f64).round();
    if !(scaled.abs() < 9.0e15) {
        // as JavaScript writes it: a whole number in digits ("9780201379624", a barcode pasted
        // as a total), a larger one as "1e+308", infinity in words (an i64 said
        // 9223372036854775807 for all three)
        let s = match (x.is_finite(), x.abs() < 1e19 && x.fract() == 0.0) {
            (true, true) => itoa::Buffer::new().format(x.abs() as u64).to_string(),
            (true, false) => return zmij::Buffer::new().format_finite(x).to_string(),
            (false, _) => "infinity".to_string(),
        };
        return if x < 0.0 { format!("-{s}") } else { s };
    }
    // digits by hand: this runs for every number in every filled snippet and assessment,
    // and `format!` costs several times as much
    let scaled = scaled as i64;
    let abs = scaled.unsigned_abs();
    let (int, mut frac) = (abs / scale as u64, abs % scale as u64);
    let mut out = String::with_capacity(24);
    if scaled < 0 {
        out.push('-');
    }
    push_digits(&mut out, int, 1);
    if frac != 0 {
        let mut width = decimals.min(6) as usize;
        while frac % 10 == 0 {
            frac /= 10;
            width -= 1;
        }
        out.push('.');
        push_digits(&mut out, frac, width);
    }
    out
}

/// `s` as an owned String, out of line: `to_string()` on a literal is inlined as an
/// allocation and a copy at each use.
#[inline(never)]
pub fn owned(s: &str) -> String {
    s.to_string()
}

/// `n` in decimal, zero-padded to at least `width` digits.
pub fn push_digits(out: &mut String, mut n: u64, width: usize) {
    let mut buf = [b'0'; 20];
    let mut i = buf.len();
    while n > 0 || buf.len() - i < width {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
    }
    out.extend(buf[i..].iter().map(|&b| b as char));
}

/// The text with its first letter in upper case ("gold" → "Gold"; the template filter
/// `capitalize` and the tier in a reason's label).
pub fn capitalise(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut c = s.chars();
    if let Some(f) = c.next() {
        push_mapped(&mut out, f, UPPER_RUNS, UPPER_MULTI);
    }
    out.push_str(c.as_str());
    out
}

/// The text in upper case, as `str::to_uppercase` gives it (which maps each char the same
/// way), char by char through the tables build.rs makes of the standard library's mappings:
/// linking core's own case tables cost the .wasm 6.2 KB gzipped for upper case (measured
/// 2026-12-02 with both functions reduced to ASCII; the table costs 1.3 KB), and for lower
/// case 9.3 KB net (`build.rs`, `case_tables`). `util_tests.rs` checks every char against the
/// standard library.
pub fn upper(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        push_mapped(&mut out, c, UPPER_RUNS, UPPER_MULTI);
    }
    out
}

/// The text in lower case, as `str::to_lowercase` gives it, but for one rule: a capital sigma
/// ends a word (ς, else σ) when a letter with case precedes it and none follows, skipping
/// apostrophes, periods, colons and combining accents between (the standard library skips
/// every "case-ignorable" char, a table of its own).
pub fn lower(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (i, c) in s.char_indices() {
        if c == 'Σ' {
            let cased = |c: &char| c.is_lowercase() || c.is_uppercase();
            let skip = |c: &char| matches!(c, '\'' | '’' | '.' | ':' | '·' | '\u{300}'..='\u{36f}');
            let before = s[..i].chars().rev().find(|c| !skip(c));
            let after = s[i + 2..].chars().find(|c| !skip(c));
            let end = before.as_ref().is_some_and(cased) && !after.as_ref().is_some_and(cased);
            out.push(if end { 'ς' } else { 'σ' });
        } else {
            push_lower(&mut out, c);
        }
    }
    out
}

/// Appends `c` in lower case, as `char::to_lowercase` gives it.
pub fn push_lower(out: &mut String, c: char) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
    } else {
        push_mapped(out, c, LOWER_RUNS, LOWER_MULTI);
    }
}

include!(concat!(env!("OUT_DIR"), "/case_tables.rs"));

/// Appends `c` mapped: its run in `runs`, else its line in `multi`, else `c` itself.
fn push_mapped(out: &mut String, c: char, runs: &[u64], multi: &str) {
    let n = c as u32;
    let i = runs.partition_point(|r| (r >> 40) as u32 <= n);
    if let Some(&r) = i.checked_sub(1).and_then(|i| runs.get(i)) {
        let k = n - (r >> 40) as u32;
        let stride = ((r >> 29) & 1) as u32 + 1;
        if k % stride == 0 && k / stride <= ((r >> 30) & 0x3ff) as u32 {
            let delta = (r & ((1 << 29) - 1)) as i64 - (1 << 28);
            if let Some(u) = char::from_u32((n as i64 + delta) as u32) {
                out.push(u);
                return;
            }
        }
    }
    for l in multi.split('\n') {
        let mut chars = l.chars();
        if chars.next() == Some(c) {
            out.push_str(chars.as_str());
            return;
        }
    }
    out.push(c);
}

#[cfg(test)]
#[path = "util_tests.rs"]
mod tests;
