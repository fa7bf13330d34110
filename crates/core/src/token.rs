//! Credentials as the explorer sees them: API keys, bearer tokens (JWTs)
//! and how long a token has left. The clock is an argument, so expiry and
//! refresh decisions are tested without waiting.

use crate::json_text as json;
use serde_json::Value;

/// What a token's payload says about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claims {
    pub subject: String,
    pub scopes: Vec<String>,
    /// Issued at, seconds since the Unix epoch.
    pub issued_at: i64,
    /// Expires at, seconds since the Unix epoch.
    pub expires_at: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenStatus {
    Valid {
        seconds_left: i64,
    },
    /// Less than the refresh margin is left.
    ExpiringSoon {
        seconds_left: i64,
    },
    Expired,
}

/// Seconds before expiry at which a kept key re-exchanges the token, at
/// most: short-lived tokens renew when a quarter of their life is left.
pub const REFRESH_MARGIN: i64 = 60;

/// Reads a JWT's payload. The signature is not checked: the browser has no
/// secret to check it with, and the server checks every request anyway.
pub fn decode_jwt(token: &str) -> Result<Claims, String> {
    let mut parts = token.split('.');
    let (Some(_header), Some(payload), Some(_signature), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err("a bearer token has three dot-separated parts".to_owned());
    };
    let bytes = base64url_decode(payload).ok_or("the token's payload is not base64url")?;
    let text = String::from_utf8(bytes).map_err(|_| "the token's payload is not UTF-8".to_owned())?;
    let value = json::parse(&text).map_err(|e| format!("the token's payload is not JSON: {e}"))?;
    let number = |key: &str| value.get(key).and_then(Value::as_i64).ok_or(format!("the token has no `{key}` claim"));
    Ok(Claims {
        subject: value.get("sub").and_then(Value::as_str).unwrap_or_default().to_owned(),
        scopes: value
            .get("scope")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .split_whitespace()
            .map(str::to_owned)
            .collect(),
        issued_at: number("iat")?,
        expires_at: number("exp")?,
    })
}

impl Claims {
    /// How long before expiry this token should be renewed.
    pub fn margin(&self) -> i64 {
        REFRESH_MARGIN.min(self.lifetime() / 4).max(1)
    }

    /// Where the token stands at `now`. The time left never exceeds the
    /// lifetime: a clock read a moment before the server issued the token,
    /// or one that runs behind the server's, must not show a longer life.
    pub fn status(&self, now: i64) -> TokenStatus {
        let left = (self.expires_at - now).min(self.lifetime());
        if left <= 0 {
            TokenStatus::Expired
        } else if left <= self.margin() {
            TokenStatus::ExpiringSoon { seconds_left: left }
        } else {
            TokenStatus::Valid { seconds_left: left }
        }
    }

    /// Seconds from `now` until a kept key should re-exchange the token.
    pub fn refresh_in(&self, now: i64) -> i64 {
        (self.expires_at - self.margin() - now).max(0)
    }

    /// How long the token lived when issued, in seconds.
    pub fn lifetime(&self) -> i64 {
        self.expires_at - self.issued_at
    }
}

/// `m:ss`, or `h:mm:ss` from an hour up; never negative.
pub fn countdown(seconds: i64) -> String {
    let s = seconds.max(0);
    if s >= 3600 {
        format!("{}:{:02}:{:02}", s / 3600, s % 3600 / 60, s % 60)
    } else {
        format!("{}:{:02}", s / 60, s % 60)
    }
}

/// Whether text has the shape of a Cloud API key: `sk_live_` and 32
/// lowercase letters or digits.
pub fn looks_like_api_key(text: &str) -> bool {
    text.strip_prefix("sk_live_")
        .is_some_and(|rest| rest.len() == 32 && rest.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()))
}

/// Why a pasted key will not work, before it is sent anywhere.
pub fn check_api_key(text: &str) -> Result<(), String> {
    let text = text.trim();
    if text.is_empty() {
        Err("Paste an API key first.".to_owned())
    } else if text.starts_with("ey") && text.matches('.').count() == 2 {
        Err("This is a bearer token, not an API key; use it as a token instead.".to_owned())
    } else if !text.starts_with("sk_live_") {
        Err("API keys start with sk_live_.".to_owned())
    } else if !looks_like_api_key(text) {
        Err(format!(
            "An API key is sk_live_ followed by 32 lowercase letters or digits; this one has {} characters after the prefix.",
            text.len() - 8
        ))
    } else {
        Ok(())
    }
}

/// The start of a secret, enough to recognise it and no more.
pub fn mask(secret: &str) -> String {
    let visible: String = secret.chars().take(12).collect();
    if visible.len() < secret.len() { format!("{visible}…") } else { "…".to_owned() }
}

/// Decodes base64url, with or without padding.
pub fn base64url_decode(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let mut buffer = 0u32;
    let mut bits = 0;
    for b in text.trim_end_matches('=').bytes() {
        let value = match b {
            b'A'..=b'Z' => b - b'A',
            b'a'..=b'z' => b - b'a' + 26,
            b'0'..=b'9' => b - b'0' + 52,
            b'-' | b'+' => 62,
            b'_' | b'/' => 63,
            _ => return None,
        };
        buffer = (buffer << 6) | u32::from(value);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((buffer >> bits) as u8);
        }
    }
    Some(out)
}

/// Encodes base64url without padding.
pub fn base64url_encode(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |acc, (i, b)| acc | u32::from(*b) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
        }
    }
    out
}

/// A UUID v4 from 16 random bytes (the caller brings the randomness).
pub fn uuid_v4(mut bytes: [u8; 16]) -> String {
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!("{}-{}-{}-{}-{}", &hex[0..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..32])
}

/// A credential found in a pasted command, as the connection will hold it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pasted {
    /// A JWT sent as a bearer token: kept as a token, with its claims.
    Token { value: String, claims: Claims },
    /// An API key, whether sent as `X-API-Key` or (wrongly, but the API
    /// accepts it) as a bearer token.
    ApiKey(String),
}

/// How a pasted credential is held: a bearer value that does not decode as
/// a JWT is an API key sent in the wrong header.
pub fn pasted(credential: crate::request::Credential) -> Option<Pasted> {
    use crate::request::Credential;
    match credential {
        Credential::Bearer(value) => Some(match decode_jwt(&value) {
            Ok(claims) => Pasted::Token { value, claims },
            Err(_) => Pasted::ApiKey(value),
        }),
        Credential::ApiKey(key) => Some(Pasted::ApiKey(key)),
        Credential::None => None,
    }
}

/// Ticks (`on`) or unticks `scope` among the scopes a token is asked for.
/// An empty list stands for all of `all` (the key's every scope), so
/// ticking the last one empties it again.
pub fn toggle_scope(chosen: &mut Vec<String>, all: &[&str], scope: &str, on: bool) {
    if chosen.is_empty() {
        *chosen = all.iter().map(|s| (*s).to_owned()).collect();
    }
    chosen.retain(|s| s != scope);
    if on {
        chosen.push(scope.to_owned());
    }
    if all.iter().all(|s| chosen.iter().any(|c| c == s)) {
        chosen.clear();
    }
}

/// Whether `scope` is asked for: an empty list asks for all.
pub fn scope_chosen(chosen: &[String], scope: &str) -> bool {
    chosen.is_empty() || chosen.iter().any(|s| s == scope)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pasted_credentials_are_told_apart() {
        use crate::request::Credential;
        let value = jwt(r#"{"sub":"key_free","scope":"resources:read","iat":1000,"exp":4600,"jti":"x"}"#);
        assert!(
            matches!(pasted(Credential::Bearer(value)), Some(Pasted::Token { claims, .. }) if claims.expires_at == 4600)
        );
        assert_eq!(pasted(Credential::Bearer("sk_live_x".into())), Some(Pasted::ApiKey("sk_live_x".into())));
        assert_eq!(pasted(Credential::ApiKey("sk_live_y".into())), Some(Pasted::ApiKey("sk_live_y".into())));
        assert_eq!(pasted(Credential::None), None);
    }

    #[test]
    fn scopes_toggle_with_empty_meaning_all() {
        let all = ["resources:read", "resources:write", "projects:read"];
        let mut chosen = Vec::new();
        assert!(scope_chosen(&chosen, "projects:read"));
        toggle_scope(&mut chosen, &all, "resources:write", false);
        assert_eq!(chosen, ["resources:read", "projects:read"]);
        assert!(!scope_chosen(&chosen, "resources:write"));
        toggle_scope(&mut chosen, &all, "resources:write", true);
        assert!(chosen.is_empty(), "all ticked again is the empty list");
    }

    fn jwt(payload: &str) -> String {
        format!("eyJhbGciOiJIUzI1NiJ9.{}.c2ln", base64url_encode(payload.as_bytes()))
    }

    #[test]
    fn decodes_claims() {
        let token = jwt(r#"{"sub":"key_free","scope":"resources:read projects:read","iat":1000,"exp":4600,"jti":"x"}"#);
        let claims = decode_jwt(&token).unwrap();
        assert_eq!(claims.subject, "key_free");
        assert_eq!(claims.scopes, ["resources:read", "projects:read"]);
        assert_eq!(claims.lifetime(), 3600);
        assert_eq!(claims.status(1000), TokenStatus::Valid { seconds_left: 3600 });
        assert_eq!(claims.status(4550), TokenStatus::ExpiringSoon { seconds_left: 50 });
        assert_eq!(claims.status(4600), TokenStatus::Expired);
        assert_eq!(claims.status(999), TokenStatus::Valid { seconds_left: 3600 }, "a clock a second behind the issuer");
        assert_eq!(claims.status(400), TokenStatus::Valid { seconds_left: 3600 }, "a clock ten minutes behind");
        assert_eq!(claims.refresh_in(1000), 3540);
        assert_eq!(claims.refresh_in(5000), 0);
    }

    #[test]
    fn short_tokens_renew_at_a_quarter_of_their_life() {
        let claims = decode_jwt(&jwt(r#"{"sub":"k","iat":1000,"exp":1060}"#)).unwrap();
        assert_eq!(claims.margin(), 15);
        assert_eq!(claims.refresh_in(1000), 45);
        assert_eq!(claims.status(1044), TokenStatus::Valid { seconds_left: 16 });
        assert_eq!(claims.status(1046), TokenStatus::ExpiringSoon { seconds_left: 14 });
    }

    #[test]
    fn rejects_what_is_not_a_jwt() {
        assert!(decode_jwt("sk_live_abc").unwrap_err().contains("three"));
        assert!(decode_jwt("a.!!!.c").unwrap_err().contains("base64url"));
        assert!(decode_jwt(&jwt("not json")).unwrap_err().contains("not JSON"));
        assert!(decode_jwt(&jwt(r#"{"sub":"k","iat":1}"#)).unwrap_err().contains("`exp`"));
    }

    #[test]
    fn base64url_round_trips() {
        for text in ["", "f", "fo", "foo", "foob", "fooba", "foobar", "é€😀"] {
            assert_eq!(base64url_decode(&base64url_encode(text.as_bytes())).unwrap(), text.as_bytes());
        }
        assert_eq!(base64url_encode(b"\xfb\xff"), "-_8");
        assert_eq!(base64url_decode("Zm9vYg==").unwrap(), b"foob");
    }

    #[test]
    fn countdowns() {
        assert_eq!(countdown(59), "0:59");
        assert_eq!(countdown(3599), "59:59");
        assert_eq!(countdown(3600), "1:00:00");
        assert_eq!(countdown(-5), "0:00");
    }

    #[test]
    fn api_keys() {
        let key = format!("sk_live_{}", "a1".repeat(16));
        assert!(looks_like_api_key(&key));
        assert!(check_api_key(&key).is_ok());
        assert!(check_api_key("").unwrap_err().contains("Paste"));
        assert!(check_api_key("pk_test_1").unwrap_err().contains("start with sk_live_"));
        assert!(check_api_key("sk_live_short").unwrap_err().contains("has 5 characters"));
        assert!(check_api_key("eyJa.eyJb.c").unwrap_err().contains("bearer token"));
        assert_eq!(mask(&key), "sk_live_a1a1…");
        assert_eq!(mask("short"), "…");
    }

    #[test]
    fn uuids_are_version_4() {
        let id = uuid_v4([0xff; 16]);
        assert_eq!(id, "ffffffff-ffff-4fff-bfff-ffffffffffff");
        assert_eq!(uuid_v4([0; 16]), "00000000-0000-4000-8000-000000000000");
    }
}
