//! UTF-8 text arriving in pieces of bytes cut anywhere (a file's stream): each piece's text,
//! read as a browser's `TextDecoder` reads the whole: a code point split between pieces is
//! joined, bytes that are not UTF-8 become U+FFFD (maximal subparts, as the Encoding Standard
//! and `String::from_utf8_lossy` both do), and a byte order mark at the very start is dropped.
//! The imports take bytes so that a large file never becomes JS strings in the page or the
//! worker (decoded, a 191 MB export left 80-130 MB of strings for the collector, most of the
//! renderer's memory beyond the engine's).

/// The UTF-8 byte order mark.
const BOM: &[u8] = b"\xEF\xBB\xBF";

#[derive(Debug, Clone, Default)]
pub struct Utf8Pieces {
    /// The end of the last piece that may begin a code point the next one ends (at most 3
    /// bytes), or the first bytes of the text while they may still be a BOM.
    pending: Vec<u8>,
    /// Whether the text's first bytes were seen (and a BOM dropped).
    started: bool,
}

/// How many bytes at the end of `b` begin a code point that is not complete yet: from the
/// last byte that is not a continuation byte (10xxxxxx), when its sequence needs more bytes
/// than follow it. Cutting before such a byte never changes the decoding: a decoder starts
/// afresh at every byte that is not a continuation.
fn unfinished(b: &[u8]) -> usize {
    for back in 1..=b.len().min(3) {
        let x = b[b.len() - back];
        if x & 0xC0 != 0x80 {
            let needs = match x {
                0xC0..=0xDF => 2,
                0xE0..=0xEF => 3,
                0xF0..=0xF7 => 4,
                _ => 1,
            };
            return if back < needs { back } else { 0 };
        }
    }
    0
}

impl Utf8Pieces {
    /// The text of the next piece, given to `f` (empty while a code point or the BOM waits).
    pub fn push<R>(&mut self, piece: &[u8], f: impl FnOnce(&str) -> R) -> R {
        let joined;
        let mut b = if self.pending.is_empty() {
            piece
        } else {
            let mut j = std::mem::take(&mut self.pending);
            j.extend_from_slice(piece);
            joined = j;
            &joined[..]
        };
        if !self.started {
            if b.len() < BOM.len() && BOM.starts_with(b) {
                self.pending = b.to_vec(); // may still be a BOM
                return f("");
            }
            self.started = true;
            b = b.strip_prefix(BOM).unwrap_or(b);
        }
        let (now, later) = b.split_at(b.len() - unfinished(b));
        self.pending = later.to_vec();
        f(&String::from_utf8_lossy(now))
    }

    /// What waits, as text: an unfinished code point as U+FFFD (the start of a BOM that never
    /// came whole, as text). Empty when nothing waits. At the end of the text, or before text
    /// that arrives as a string; the text has started either way (no BOM is dropped after it).
    pub fn flush(&mut self) -> String {
        self.started = true;
        String::from_utf8_lossy(&std::mem::take(&mut self.pending)).into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn decode(pieces: &[&[u8]]) -> String {
        let mut d = Utf8Pieces::default();
        let mut out = String::new();
        for p in pieces {
            d.push(p, |s| out.push_str(s));
        }
        out + &d.flush()
    }

    #[test]
    fn a_code_point_cut_between_pieces_is_joined() {
        let s = "café 😀 ✓".as_bytes();
        for cut in 0..=s.len() {
            assert_eq!(decode(&[&s[..cut], &s[cut..]]), "café 😀 ✓", "cut at {cut}");
        }
        // one byte at a time
        let bytes: Vec<&[u8]> = s.chunks(1).collect();
        assert_eq!(decode(&bytes), "café 😀 ✓");
    }

    #[test]
    fn a_bom_at_the_start_is_dropped_even_when_cut_and_only_there() {
        assert_eq!(decode(&[b"\xEF", b"\xBB", b"\xBFid,name"]), "id,name");
        assert_eq!(decode(&[b"\xEF\xBB\xBFa", b"\xEF\xBB\xBFb"]), "a\u{FEFF}b");
        assert_eq!(
            decode(&[b"\xEF\xBB"]),
            "\u{FFFD}",
            "a BOM cut short is not text"
        );
        assert_eq!(decode(&[b"ab"]), "ab");
        // text given between (flushed) has started it: a BOM after is text
        let mut d = Utf8Pieces::default();
        assert_eq!(d.flush(), "");
        assert_eq!(d.push(b"\xEF\xBB\xBFx", str::to_string), "\u{FEFF}x");
    }

    #[test]
    fn bytes_that_are_not_utf8_are_replaced_as_a_text_decoder_does() {
        // an unfinished code point at the very end, a stray continuation byte, an invalid lead
        assert_eq!(decode(&[b"ok\xE2\x9C"]), "ok\u{FFFD}");
        assert_eq!(decode(&[b"a\x80", b"b"]), "a\u{FFFD}b");
        assert_eq!(decode(&[b"a\xF0\x28", b"\x8C\x28"]), "a\u{FFFD}(\u{FFFD}(");
    }

    proptest! {
        /// Any bytes cut anywhere read as the whole read at once (without its BOM).
        #[test]
        fn pieces_read_as_the_whole(
            parts in prop::collection::vec(prop_oneof![
                any::<String>().prop_map(String::into_bytes),
                prop::collection::vec(any::<u8>(), 0..6),
                Just(BOM.to_vec()),
            ], 0..8),
            cuts in prop::collection::vec(any::<prop::sample::Index>(), 0..6),
        ) {
            let whole: Vec<u8> = parts.concat();
            let mut at: Vec<usize> = cuts.iter().map(|c| c.index(whole.len() + 1)).collect();
            at.sort_unstable();
            let mut pieces = Vec::new();
            let mut from = 0;
            for &c in &at {
                pieces.push(&whole[from..c]);
                from = c;
            }
            pieces.push(&whole[from..]);
            let want = String::from_utf8_lossy(whole.strip_prefix(BOM).unwrap_or(&whole)).into_owned();
            prop_assert_eq!(decode(&pieces), want);
        }
    }
}
