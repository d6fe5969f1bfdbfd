//! Results as compact, ASCII-only JSON: what the bindings hand to `JSON.parse`.
//!
//! The same text serde_json writes, except that every character outside ASCII is escaped as
//! `\uXXXX` (UTF-16): one curly quote made a whole result a two-byte string in JS, and
//! decoding and parsing it took a fifth longer. It is its own serializer rather than a
//! serde_json formatter because serde_json checks strings for escapes a byte at a time,
//! keys included; strings are most of an assessment's bytes (a filled snippet's text above
//! all), and this checks eight bytes at a time.
//!
//! Measured against `serde_json::to_writer` in its place (2026-12-01, same machine, same run):
//! - a page's side, the queue of 2,000 support-corpus tickets with 5 snippets (27,630
//!   characters outside ASCII in 8.0 MB): decode + `JSON.parse` 104–131 ms against 130–162 ms,
//!   serde_json's text 1.24–1.26× slower (`bench-assess … --write-json out/bench`, then
//!   `node benches/ascii-json.mjs out/bench`, three runs);
//! - writing it natively: 30.5–43.1 ms against 33.8–55.0 ms (`bench-assess`, median of 8);
//! - `assess` end to end in Node, one build with each: p50 0.96×, p95 0.97× of serde_json's
//!   (`node benches/assess-ab.mjs`);
//! - the .wasm: 712,749 bytes (303,051 gzipped) against 716,404 (303,630): serde_json's
//!   serializer for these types is the larger. So it stays.

use serde::ser::{self, Serialize};
use std::fmt;

/// `v` as ASCII JSON text.
pub fn to_string<T: Serialize + ?Sized>(v: &T) -> Result<String, Error> {
    let mut out = Vec::with_capacity(4096);
    append(&mut out, v)?;
    // only ASCII was written; the check is a word-at-a-time pass
    String::from_utf8(out).map_err(|_| Error("the text is not ASCII".into()))
}

/// Appends `v` as ASCII JSON text to `out` (a list written piece by piece).
pub fn append<T: Serialize + ?Sized>(out: &mut Vec<u8>, v: &T) -> Result<(), Error> {
    let mut w = Writer {
        out: std::mem::take(out),
    };
    let r = v.serialize(&mut w);
    *out = w.out;
    r
}

/// Why a value could not be written (a map key that is not a string or a number, or a
/// `Serialize` implementation's own error).
#[derive(Debug, Clone, PartialEq)]
pub struct Error(String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error(msg.to_string())
    }
}

struct Writer {
    out: Vec<u8>,
}

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
fn write_str(out: &mut Vec<u8>, s: &str) {
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
fn write_key(out: &mut Vec<u8>, key: &str) {
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

/// The ten integer methods of a `Serializer`, each `$write(self, v)`.
macro_rules! integers {
    ($write:expr) => {
        integers!($write; serialize_i8: i8, serialize_i16: i16, serialize_i32: i32,
            serialize_i64: i64, serialize_i128: i128, serialize_u8: u8, serialize_u16: u16,
            serialize_u32: u32, serialize_u64: u64, serialize_u128: u128);
    };
    ($write:expr; $($name:ident: $t:ty),*) => {
        $(fn $name(self, v: $t) -> Result<(), Error> {
            ($write)(self, v)
        })*
    };
}

fn write_int(out: &mut Vec<u8>, v: impl itoa::Integer) {
    out.extend_from_slice(itoa::Buffer::new().format(v).as_bytes());
}

/// Like serde_json: the shortest text that reads back as the same number; NaN and infinities
/// as `null`, which JSON has no other word for. (zmij, not core's `Display`: measured with
/// twiggy, core's float printing would add ~20 KB of code to the .wasm, zmij ~7 KB.)
fn write_float(out: &mut Vec<u8>, v: impl zmij::Float + Copy, finite: bool) {
    if finite {
        out.extend_from_slice(zmij::Buffer::new().format_finite(v).as_bytes());
    } else {
        out.extend_from_slice(b"null");
    }
}

/// A sequence or map being written: whether a comma goes before the next element.
pub struct Compound<'a> {
    w: &'a mut Writer,
    first: bool,
}

impl Compound<'_> {
    fn comma(&mut self) {
        if !std::mem::replace(&mut self.first, false) {
            self.w.out.push(b',');
        }
    }
}

impl<'a> ser::Serializer for &'a mut Writer {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Compound<'a>;
    type SerializeTuple = Compound<'a>;
    type SerializeTupleStruct = Compound<'a>;
    type SerializeTupleVariant = Compound<'a>;
    type SerializeMap = Compound<'a>;
    type SerializeStruct = Compound<'a>;
    type SerializeStructVariant = Compound<'a>;

    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        self.out
            .extend_from_slice(if v { b"true" } else { b"false" });
        Ok(())
    }
    integers!(|w: &mut Writer, v| {
        write_int(&mut w.out, v);
        Ok(())
    });
    fn serialize_f32(self, v: f32) -> Result<(), Error> {
        write_float(&mut self.out, v, v.is_finite());
        Ok(())
    }
    fn serialize_f64(self, v: f64) -> Result<(), Error> {
        write_float(&mut self.out, v, v.is_finite());
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result<(), Error> {
        write_str(&mut self.out, v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result<(), Error> {
        write_str(&mut self.out, v);
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<(), Error> {
        use ser::SerializeSeq;
        let mut seq = self.serialize_seq(Some(v.len()))?;
        for b in v {
            seq.serialize_element(b)?;
        }
        seq.end()
    }
    fn serialize_none(self) -> Result<(), Error> {
        self.serialize_unit()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, v: &T) -> Result<(), Error> {
        v.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Error> {
        self.out.extend_from_slice(b"null");
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Error> {
        self.serialize_unit()
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), Error> {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        v: &T,
    ) -> Result<(), Error> {
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        v: &T,
    ) -> Result<(), Error> {
        self.out.push(b'{');
        write_str(&mut self.out, variant);
        self.out.push(b':');
        v.serialize(&mut *self)?;
        self.out.push(b'}');
        Ok(())
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Compound<'a>, Error> {
        self.out.push(b'[');
        Ok(Compound {
            w: self,
            first: true,
        })
    }
    fn serialize_tuple(self, len: usize) -> Result<Compound<'a>, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<Compound<'a>, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Compound<'a>, Error> {
        self.out.push(b'{');
        write_str(&mut self.out, variant);
        self.out.extend_from_slice(b":[");
        Ok(Compound {
            w: self,
            first: true,
        })
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Compound<'a>, Error> {
        self.out.push(b'{');
        Ok(Compound {
            w: self,
            first: true,
        })
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Compound<'a>, Error> {
        self.serialize_map(None)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Compound<'a>, Error> {
        self.out.push(b'{');
        write_str(&mut self.out, variant);
        self.out.extend_from_slice(b":{");
        Ok(Compound {
            w: self,
            first: true,
        })
    }
}

impl ser::SerializeSeq for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Error> {
        self.comma();
        v.serialize(&mut *self.w)
    }
    fn end(self) -> Result<(), Error> {
        self.w.out.push(b']');
        Ok(())
    }
}

impl ser::SerializeTuple for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Error> {
        ser::SerializeSeq::serialize_element(self, v)
    }
    fn end(self) -> Result<(), Error> {
        ser::SerializeSeq::end(self)
    }
}

impl ser::SerializeTupleStruct for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Error> {
        ser::SerializeSeq::serialize_element(self, v)
    }
    fn end(self) -> Result<(), Error> {
        ser::SerializeSeq::end(self)
    }
}

impl ser::SerializeTupleVariant for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Error> {
        ser::SerializeSeq::serialize_element(self, v)
    }
    fn end(self) -> Result<(), Error> {
        self.w.out.extend_from_slice(b"]}");
        Ok(())
    }
}

impl ser::SerializeMap for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        self.comma();
        key.serialize(KeyWriter(&mut *self.w))?;
        self.w.out.push(b':');
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Error> {
        v.serialize(&mut *self.w)
    }
    fn end(self) -> Result<(), Error> {
        self.w.out.push(b'}');
        Ok(())
    }
}

impl ser::SerializeStruct for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        v: &T,
    ) -> Result<(), Error> {
        self.comma();
        write_key(&mut self.w.out, key);
        v.serialize(&mut *self.w)
    }
    fn end(self) -> Result<(), Error> {
        ser::SerializeMap::end(self)
    }
}

impl ser::SerializeStructVariant for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        v: &T,
    ) -> Result<(), Error> {
        ser::SerializeStruct::serialize_field(self, key, v)
    }
    fn end(self) -> Result<(), Error> {
        self.w.out.extend_from_slice(b"}}");
        Ok(())
    }
}

/// A map key: JSON keys are strings, so numbers and booleans are quoted (as serde_json does)
/// and anything else is an error.
struct KeyWriter<'a>(&'a mut Writer);

impl KeyWriter<'_> {
    fn quoted(self, f: impl FnOnce(&mut Vec<u8>)) -> Result<(), Error> {
        self.0.out.push(b'"');
        f(&mut self.0.out);
        self.0.out.push(b'"');
        Ok(())
    }
}

fn not_a_key<T>() -> Result<T, Error> {
    Err(Error("a map key must be a string or a number".into()))
}

impl ser::Serializer for KeyWriter<'_> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = ser::Impossible<(), Error>;
    type SerializeTuple = ser::Impossible<(), Error>;
    type SerializeTupleStruct = ser::Impossible<(), Error>;
    type SerializeTupleVariant = ser::Impossible<(), Error>;
    type SerializeMap = ser::Impossible<(), Error>;
    type SerializeStruct = ser::Impossible<(), Error>;
    type SerializeStructVariant = ser::Impossible<(), Error>;

    fn serialize_str(self, v: &str) -> Result<(), Error> {
        write_str(&mut self.0.out, v);
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result<(), Error> {
        write_str(&mut self.0.out, v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), Error> {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        v: &T,
    ) -> Result<(), Error> {
        v.serialize(self)
    }
    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        self.quoted(|o| o.extend_from_slice(if v { b"true" } else { b"false" }))
    }
    integers!(|k: KeyWriter, v| k.quoted(|o| write_int(o, v)));
    fn serialize_f32(self, _: f32) -> Result<(), Error> {
        not_a_key()
    }
    fn serialize_f64(self, _: f64) -> Result<(), Error> {
        not_a_key()
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<(), Error> {
        not_a_key()
    }
    fn serialize_none(self) -> Result<(), Error> {
        not_a_key()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, _: &T) -> Result<(), Error> {
        not_a_key()
    }
    fn serialize_unit(self) -> Result<(), Error> {
        not_a_key()
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Error> {
        not_a_key()
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), Error> {
        not_a_key()
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Error> {
        not_a_key()
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Error> {
        not_a_key()
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, Error> {
        not_a_key()
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        not_a_key()
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Error> {
        not_a_key()
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct, Error> {
        not_a_key()
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        not_a_key()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// serde_json's text with every non-ASCII character escaped: what this writer must give.
    fn oracle(v: &serde_json::Value) -> String {
        let mut s = String::new();
        for c in serde_json::to_string(v)
            .expect("a Value serialises")
            .chars()
        {
            if c.is_ascii() {
                s.push(c);
            } else {
                for u in c.encode_utf16(&mut [0; 2]) {
                    s.push_str(&format!("\\u{:04x}", u));
                }
            }
        }
        s
    }

    #[test]
    fn the_same_text_as_serde_json_but_ascii() {
        let v = json!({
            "text": "Hi Zoë,\n\n\"Sorry\" — it's on us \\ 😀\u{1}\t\u{8}\u{c}\r\u{7f}",
            "n": [0, -1, 1.5, 1e300, -0.0, 3.0, 18446744073709551615u64],
            "nested": {"a": [], "b": {}, "c": null, "d": true, "e": false},
            "long": "abcdefgh\"ijklmnop\\qrstuvwxyz0123456789€€€€€€€€ plain ASCII tail of more than eight bytes",
        });
        let got = to_string(&v).expect("writes");
        assert_eq!(got, oracle(&v));
        assert!(got.is_ascii());
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&got).expect("reads back"),
            v
        );
    }

    #[test]
    fn enums_options_and_keys_as_serde_json_writes_them() {
        #[derive(serde::Serialize)]
        enum E {
            Unit,
            New(u8),
            Tuple(u8, &'static str),
            Struct { a: Option<u8>, b: Option<u8> },
        }
        let mut m = std::collections::BTreeMap::new();
        m.insert(7u32, "seven");
        m.insert(11u32, "eleven");
        let v = (
            E::Unit,
            E::New(1),
            E::Tuple(2, "x"),
            E::Struct {
                a: Some(3),
                b: None,
            },
            m,
            f64::NAN,
            'é',
        );
        assert_eq!(to_string(&v).expect("writes"), {
            let s = serde_json::to_string(&v).expect("serialises");
            s.replace('é', "\\u00e9")
        });
        let floats: std::collections::BTreeMap<String, f64> = [("x".to_string(), 1.0)].into();
        assert_eq!(to_string(&floats).expect("writes"), r#"{"x":1.0}"#);
        let bad: std::collections::BTreeMap<(u8, u8), u8> = [((1, 2), 3)].into();
        assert!(to_string(&bad).is_err(), "a tuple is not a JSON key");
        // a struct field name that is not a plain identifier is escaped like any string
        struct Odd;
        impl Serialize for Odd {
            fn serialize<S: ser::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                use ser::SerializeStruct;
                let mut st = s.serialize_struct("Odd", 2)?;
                st.serialize_field("plain_key1", &1)?;
                st.serialize_field("a \"quoted\" é key", &2)?;
                st.end()
            }
        }
        assert_eq!(
            to_string(&Odd).expect("writes"),
            r#"{"plain_key1":1,"a \"quoted\" \u00e9 key":2}"#
        );
    }

    #[test]
    fn words_with_something_to_escape_at_every_position() {
        // the eight-byte check must never let a quote, backslash, control character or
        // non-ASCII byte through, wherever it sits in the word
        for special in ["\"", "\\", "\n", "\u{1f}", "é", "€", "😀"] {
            for at in 0..17 {
                let s = format!("{}{special}{}", "a".repeat(at), "b".repeat(17 - at));
                let v = serde_json::Value::String(s);
                assert_eq!(
                    to_string(&v).expect("writes"),
                    oracle(&v),
                    "{special:?} at {at}"
                );
            }
        }
    }

    #[cfg(not(target_arch = "wasm32"))]
    mod props {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn any_float_reads_back_as_itself(x in any::<f64>()) {
                let got = to_string(&x).expect("writes");
                if x.is_finite() {
                    prop_assert_eq!(got.parse::<f64>().expect("a number"), x);
                    // (JSON, though serde_json's own fast reader may round the last digit)
                    let v: serde_json::Value = serde_json::from_str(&got).expect("JSON");
                    prop_assert!(v.is_number());
                } else {
                    prop_assert_eq!(got, "null");
                }
            }

            #[test]
            fn any_string_as_serde_json_writes_it_ascii(s in any::<String>(), t in "[ -~\u{0}-\u{1f}éü€😀\"\\\\]{0,40}") {
                for x in [s, t] {
                    let v = serde_json::Value::String(x);
                    let got = to_string(&v).expect("writes");
                    prop_assert!(got.is_ascii());
                    prop_assert_eq!(&got, &oracle(&v));
                    prop_assert_eq!(serde_json::from_str::<serde_json::Value>(&got).expect("reads back"), v);
                }
            }
        }
    }
}
