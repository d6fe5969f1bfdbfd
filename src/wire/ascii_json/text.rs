//! The bytes of JSON text: strings escaped to ASCII eight bytes at a time, keys, integers
//! and floats.

const HEX: &[u8; 16] = b"0123456789abcdef";
const LO: u64 = 0x0101_0101_0101_0101;
const HI: u64 = 0x8080_8080_8080_8080;

/// The bytes of `w` (little-endian) that are a quote, a backslash, a control character or
/// not ASCII, as their high bits. A borrow can also mark a byte above a true match, never
/// below one, so the lowest mark is exact.
#[inline]
fn escape_mask(w: u64) -> u64 {
    use crate::util::word_eq;
    let control = w.wrapping_sub(LO * 0x20) & !w & HI;
    (w & HI) | control | word_eq(w, b'"') | word_eq(w, b'\\')
}

/// Writes `s` as a JSON string, quotes included. Eight bytes are checked at a time (the last
/// few with the bytes before them, or padded with a plain letter in a string shorter than
/// eight), and clean runs are copied whole.
pub(super) fn write_str(out: &mut Vec<u8>, s: &str) {
    let b = s.as_bytes();
    out.reserve(b.len() + 2);
    out.push(b'"');
    let (mut start, mut i) = (0, 0);
    while i < b.len() {
        // a whole word is one load; the tail is put together a byte at a time (a
        // variable-length copy is a `memory.copy`, which V8 runs as a call)
        let (n, w) = match crate::util::word_at(b, i) {
            Some(w) => (8, w),
            None if b.len() >= 8 => {
                // the last eight bytes, shifted so that the n left come first; the bytes
                // shifted in are made plain letters
                let n = b.len() - i;
                let shift = 8 * (8 - n) as u32;
                let last = crate::util::word_at(b, b.len() - 8).unwrap_or(0);
                (n, last >> shift | (LO * b'a' as u64) & !(u64::MAX >> shift))
            }
            None => {
                let mut w = LO * b'a' as u64;
                for (k, &c) in b[i..].iter().enumerate() {
                    w = w & !(0xff << (8 * k)) | (c as u64) << (8 * k);
                }
                (b.len() - i, w)
            }
        };
        let mask = escape_mask(w);
        if mask == 0 {
            i += n;
            continue;
        }
        i += (mask.trailing_zeros() / 8) as usize;
        let c = b[i];
        let short: &[u8] = match c {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            b'\n' => b"\\n",
            b'\r' => b"\\r",
            b'\t' => b"\\t",
            0x08 => b"\\b",
            0x0c => b"\\f",
            _ => b"",
        };
        out.extend_from_slice(&b[start..i]);
        if !short.is_empty() {
            out.extend_from_slice(short);
            i += 1;
        } else if c < 0x20 {
            out.extend_from_slice(&[
                b'\\',
                b'u',
                b'0',
                b'0',
                HEX[(c >> 4) as usize],
                HEX[(c & 15) as usize],
            ]);
            i += 1;
        } else {
            // not ASCII: `i` is at a character boundary, as only whole characters are skipped
            let ch = s[i..].chars().next().unwrap_or('\u{fffd}');
            for u in ch.encode_utf16(&mut [0; 2]) {
                let u = *u as usize;
                out.extend_from_slice(&[
                    b'\\',
                    b'u',
                    HEX[u >> 12],
                    HEX[(u >> 8) & 15],
                    HEX[(u >> 4) & 15],
                    HEX[u & 15],
                ]);
            }
            i += ch.len_utf8();
        }
        start = i;
    }
    out.extend_from_slice(&b[start..]);
    out.push(b'"');
}

/// A struct field's name and its colon. serde's derive passes the Rust name or its rename:
/// letters, digits and `_` need no escaping, and a byte-at-a-time look at a short name is
/// cheaper than `write_str`'s eight-byte check (an assessment has about 150 of them).
pub(super) fn write_key(out: &mut Vec<u8>, key: &str) {
    if key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
        out.reserve(key.len() + 3);
        out.push(b'"');
        out.extend_from_slice(key.as_bytes());
        out.extend_from_slice(b"\":");
    } else {
        write_str(out, key);
        out.push(b':');
    }
}

pub(super) fn write_int(out: &mut Vec<u8>, v: impl Int) {
    v.write(out);
}

/// An integer written as a 64-bit one (the same digits): one out-of-line digit writer for
/// every integer field instead of one inlined at each: -0.35 KB gzipped .wasm (2026-12-04)
pub(super) trait Int: Copy {
    fn write(self, out: &mut Vec<u8>);
}

macro_rules! widened {
    ($($t:ty => $w:ty),*) => {$(
        impl Int for $t {
            #[inline]
            fn write(self, out: &mut Vec<u8>) {
                digits::<$w>(out, self as $w);
            }
        }
    )*};
}

widened!(i8 => i64, i16 => i64, i32 => i64, i64 => i64, i128 => i128,
    u8 => u64, u16 => u64, u32 => u64, u64 => u64, u128 => u128);

#[inline(never)]
fn digits<T: itoa::Integer>(out: &mut Vec<u8>, v: T) {
    out.extend_from_slice(itoa::Buffer::new().format(v).as_bytes());
}

/// Like serde_json: the shortest text that reads back as the same number; NaN and infinities
/// as `null`, which JSON has no other word for. (zmij, not core's `Display`: measured with
/// twiggy, core's float printing would add ~20 KB of code to the .wasm, zmij ~7 KB.)
pub(super) fn write_float(out: &mut Vec<u8>, v: impl zmij::Float + Copy, finite: bool) {
    if finite {
        out.extend_from_slice(zmij::Buffer::new().format_finite(v).as_bytes());
    } else {
        out.extend_from_slice(b"null");
    }
}
