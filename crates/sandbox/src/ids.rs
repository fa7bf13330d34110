//! Ids and cursors.
//!
//! Ids are `res_`/`evt_` + 16 lowercase hex digits: a 64-bit number whose high
//! 52 bits are the creation time in microseconds and whose low 12 bits are
//! random, made strictly increasing by the single writer. So "created_at desc,
//! then id desc" is also creation order, even within one second, and an id
//! created during a pagination walk always sorts before every existing one.
//! On PostgreSQL (`store/pg.rs`) the number comes from a sequence shared by
//! every instance instead, and `created_at` never goes below the
//! workspace's newest, which keeps the same order.
//!
//! A cursor is base64url (no padding) of 16 bytes: the position's `created_at`
//! (i64, Unix seconds) and id number (u64), big-endian. Every 22-character
//! base64url string decodes to *some* position, so the cursor's OpenAPI
//! pattern describes exactly the cursors the server accepts.

use base64::Engine;
use base64::alphabet::URL_SAFE;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use rand::Rng;

/// Hex digits after the prefix of the ids we issue.
pub const ID_HEX_LEN: usize = 16;
/// Most characters after `res_` a well-formed path id may have.
pub const RESOURCE_ID_MAX_CHARS: usize = 32;
/// OpenAPI pattern of a resource id in a path: exactly what `is_resource_id`
/// accepts. Wider than the ids we issue, so that the docs' shortened example
/// ids (`res_8f2a`) are well-formed and get 404, not 400.
pub const RESOURCE_ID_PATTERN: &str = "^res_[a-z0-9]{1,32}$";
/// OpenAPI pattern of a cursor.
pub const CURSOR_PATTERN: &str = "^[A-Za-z0-9_-]{22}$";
const CURSOR_LEN: usize = 22;

/// Lenient on the last character's unused bits, strict on the alphabet and the
/// absence of padding: see the module comment.
const CURSOR_ENGINE: GeneralPurpose = GeneralPurpose::new(
    &URL_SAFE,
    GeneralPurposeConfig::new()
        .with_encode_padding(false)
        .with_decode_padding_mode(DecodePaddingMode::RequireNone)
        .with_decode_allow_trailing_bits(true),
);

/// Hands out strictly increasing id numbers. Lives inside the store's writer,
/// so ids increase in commit order.
#[derive(Debug, Default)]
pub struct IdGen {
    last: u64,
}

impl IdGen {
    pub fn starting_after(last: u64) -> Self {
        Self { last }
    }

    pub fn next(&mut self, now_micros: i64) -> u64 {
        let micros = u64::try_from(now_micros.max(0)).unwrap_or(0);
        let random: u64 = rand::rng().random_range(0..4096);
        let candidate = (micros << 12) | random;
        self.last = candidate.max(self.last.saturating_add(1));
        self.last
    }
}

pub fn format_id(prefix: &str, number: u64) -> String {
    format!("{prefix}{number:016x}")
}

/// The number of an id we issued (`res_` + 16 hex); `None` for anything else,
/// which then cannot exist.
pub fn parse_id(prefix: &str, id: &str) -> Option<u64> {
    let hex = id.strip_prefix(prefix)?;
    if hex.len() != ID_HEX_LEN || !hex.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)) {
        return None;
    }
    u64::from_str_radix(hex, 16).ok()
}

/// Whether a path id has the documented shape `res_` + 1–32 lowercase
/// alphanumerics (`RESOURCE_ID_PATTERN`). Ids we issue are a subset.
pub fn is_resource_id(id: &str) -> bool {
    id.strip_prefix("res_").is_some_and(|rest| {
        (1..=RESOURCE_ID_MAX_CHARS).contains(&rest.len())
            && rest.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    })
}

/// A position in a list ordered by (created_at desc, id desc).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Position {
    pub created_at: i64,
    pub id: u64,
}

impl Position {
    pub fn encode(self) -> String {
        let mut bytes = [0u8; 16];
        bytes[..8].copy_from_slice(&self.created_at.to_be_bytes());
        bytes[8..].copy_from_slice(&self.id.to_be_bytes());
        CURSOR_ENGINE.encode(bytes)
    }

    pub fn decode(cursor: &str) -> Option<Position> {
        if cursor.len() != CURSOR_LEN {
            return None;
        }
        let bytes = CURSOR_ENGINE.decode(cursor).ok()?;
        let created_at = i64::from_be_bytes(bytes.get(..8)?.try_into().ok()?);
        let id = u64::from_be_bytes(bytes.get(8..16)?.try_into().ok()?);
        Some(Position { created_at, id })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_strictly_increase_even_when_time_stands_still_or_goes_back() {
        let mut ids = IdGen::default();
        let a = ids.next(1_000_000);
        let b = ids.next(1_000_000);
        let c = ids.next(10);
        assert!(a < b && b < c);
        assert!(format_id("res_", a) < format_id("res_", b));
    }

    #[test]
    fn id_round_trip_and_shape() {
        let id = format_id("res_", 0x0006_353a_1b2c_4f1e);
        assert_eq!(id, "res_0006353a1b2c4f1e");
        assert!(is_resource_id(&id));
        assert_eq!(parse_id("res_", &id), Some(0x0006_353a_1b2c_4f1e));
        assert_eq!(parse_id("res_", "res_zzzzzzzzzzzzzzzz"), None);
        assert!(is_resource_id("res_zzzzzzzzzzzzzzzz"));
        assert!(!is_resource_id("res_ABCDEFGHIJKLMNOP"));
        // The docs' shortened examples are well-formed (and unknown: 404).
        assert!(is_resource_id("res_8f2a"));
        assert!(is_resource_id("res_1"));
        assert_eq!(parse_id("res_", "res_8f2a"), None);
        assert!(is_resource_id(&format!("res_{}", "a".repeat(32))));
        assert!(!is_resource_id(&format!("res_{}", "a".repeat(33))));
        for bad in ["res_", "res", "42", "proj_8f2a", "res_8f2A", "res_8f-2a", "res_8f2a ", "RES_8f2a", "res_é"] {
            assert!(!is_resource_id(bad), "{bad}");
        }
    }

    #[test]
    fn cursor_round_trip() {
        let pos = Position { created_at: 1_767_225_600, id: u64::MAX - 7 };
        let cursor = pos.encode();
        assert_eq!(cursor.len(), 22);
        assert_eq!(Position::decode(&cursor), Some(pos));
    }

    #[test]
    fn every_string_matching_the_pattern_decodes_and_nothing_else_does() {
        assert!(Position::decode("AAAAAAAAAAAAAAAAAAAAA_").is_some());
        assert!(Position::decode("zzzzzzzzzzzzzzzzzzzzzz").is_some());
        assert!(Position::decode("").is_none());
        assert!(Position::decode("AAAAAAAAAAAAAAAAAAAAAA==").is_none());
        assert!(Position::decode("AAAAAAAAAAAAAAAAAAAA+/").is_none());
        assert!(Position::decode("not a cursor at all!!!").is_none());
    }
}
