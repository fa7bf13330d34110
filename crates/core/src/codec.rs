//! The compact binary form of the docs model, share links and the history:
//! serde types written with postcard.
//!
//! The markdown is parsed once, at build time, and the browser receives the
//! result in this form; parsing in the browser would ship pulldown-cmark
//! and its HTML entity table too (about 50 KB of the 200 KB budget). Share
//! links and the stored history use the same form behind their own version
//! prefix (see `share`). Postcard is the wire format the hand codec used
//! before it (LEB128 lengths and integers, zigzag for signed ones, a tag
//! per enum variant), so links made before the switch still open.
//!
//! Hostile input is an error, never a panic or a huge allocation: callers
//! bound the size first ([`MAX_BYTES`]), postcard checks every length
//! against what is left, and serde preallocates at most a cautious amount.

use serde::Serialize;
use serde::de::DeserializeOwned;

/// No encoded value is read beyond this size: the embedded docs are about
/// 200 KB, a share link or the history at most a few hundred.
pub const MAX_BYTES: usize = 1 << 20;

/// Why bytes could not be decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError(pub String);

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for DecodeError {}

/// Encodes a value into a fresh buffer.
pub fn to_bytes<T: Serialize + ?Sized>(value: &T) -> Vec<u8> {
    // Serialising our own types into a Vec cannot fail: no map has an
    // unknown length and no type refuses to serialise.
    postcard::to_allocvec(value).unwrap_or_default()
}

/// Decodes a value that must use all of `bytes`, at most [`MAX_BYTES`].
pub fn from_bytes<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, DecodeError> {
    if bytes.len() > MAX_BYTES {
        return Err(DecodeError(format!("{} bytes is more than the {MAX_BYTES} this reads", bytes.len())));
    }
    let (value, rest) = postcard::take_from_bytes(bytes).map_err(|why| DecodeError(explain(why)))?;
    if rest.is_empty() { Ok(value) } else { Err(DecodeError("bytes are left over after the end".to_owned())) }
}

/// Postcard's errors, in words a notice can show.
fn explain(error: postcard::Error) -> String {
    use postcard::Error as E;
    match error {
        E::DeserializeUnexpectedEnd => "the data ends too early".to_owned(),
        E::DeserializeBadVarint => "a number is malformed or out of range".to_owned(),
        // Serde's own complaint (an unknown variant index, a number too
        // big for its field) reaches postcard without its words.
        E::DeserializeBadBool | E::DeserializeBadOption | E::DeserializeBadEnum | E::SerdeDeCustom => {
            "a tag names no known choice, or a number is out of range".to_owned()
        }
        E::DeserializeBadUtf8 | E::DeserializeBadChar => "a text is not valid UTF-8".to_owned(),
        other => format!("the data is malformed ({other})"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::Block;

    #[test]
    fn scalars_round_trip() {
        for n in [0i64, -1, 1, i64::MIN, i64::MAX, 1_764_547_200_000] {
            assert_eq!(from_bytes::<i64>(&to_bytes(&n)), Ok(n));
        }
        let value = (vec![0u64, 127, 128, u64::MAX], (Some(-1.5f64), (String::from("é\u{0}"), None::<bool>)));
        type Nested = (Vec<u64>, (Option<f64>, (String, Option<bool>)));
        let back: Nested = from_bytes(&to_bytes(&value)).unwrap();
        assert_eq!(back, value);
    }

    #[test]
    fn hostile_bytes_are_errors_with_reasons() {
        // A list claiming 2^34 items in five bytes: refused, nothing reserved.
        let huge = from_bytes::<Vec<String>>(&[0xff, 0xff, 0xff, 0xff, 0x7f]).unwrap_err();
        assert!(huge.0.contains("ends too early") || huge.0.contains("malformed"), "{huge}");
        let tag = "a tag names no known choice, or a number is out of range";
        assert_eq!(from_bytes::<Block>(&[42]).unwrap_err().0, tag);
        assert_eq!(from_bytes::<String>(&[2, 0xc3, 0x28]).unwrap_err().0, "a text is not valid UTF-8");
        assert_eq!(from_bytes::<bool>(&[1, 0]).unwrap_err().0, "bytes are left over after the end");
        assert_eq!(from_bytes::<String>(&[5, b'a']).unwrap_err().0, "the data ends too early");
        let too_big = vec![0u8; MAX_BYTES + 1];
        assert!(from_bytes::<Vec<u8>>(&too_big).unwrap_err().0.contains("more than"));
    }
}

#[cfg(all(test, feature = "markdown"))]
mod docs_tests {
    use super::*;
    use crate::Docs;

    #[test]
    fn the_real_docs_survive_a_round_trip() {
        let docs = Docs::load(explorer_content::FILES).expect("content loads");
        let bytes = to_bytes(&docs);
        let back: Docs = from_bytes(&bytes).unwrap();
        assert_eq!(back, docs);
    }

    #[test]
    fn every_truncation_of_the_docs_is_an_error_not_a_panic() {
        let docs = Docs::load(explorer_content::FILES).expect("content loads");
        let bytes = to_bytes(&docs);
        for cut in (0..bytes.len()).step_by(97).chain([bytes.len() - 1]) {
            assert!(from_bytes::<Docs>(&bytes[..cut]).is_err(), "cut at {cut}");
        }
        // Flipping any byte gives a value or an error, never a panic.
        for at in (0..bytes.len()).step_by(131) {
            let mut flipped = bytes.clone();
            flipped[at] ^= 0xa5;
            let _ = from_bytes::<Docs>(&flipped);
        }
    }
}
