//! What counts as a credential, by name and by shape. Shared by the cURL
//! importer (which takes credentials out of a pasted request) and by share
//! links and history (which must never hold one).

use crate::token::looks_like_api_key;
use serde_json::Value;

/// Three base64url parts, the first a JSON object (`eyJ`): a JWT.
pub(crate) fn is_jwt(value: &str) -> bool {
    let mut parts = value.split('.');
    let (Some(a), Some(b), Some(c), None) = (parts.next(), parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    let b64 = |p: &str| p.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    a.starts_with("eyJ") && !b.is_empty() && b64(a) && b64(b) && b64(c)
}

/// An API key, well-formed or not (`sk_live_` and anything after it).
pub(crate) fn is_api_key(value: &str) -> bool {
    value.starts_with("sk_live_") || looks_like_api_key(value)
}

/// Whether `text` holds an API key or a JWT anywhere in it.
pub(crate) fn holds_secret(text: &str) -> bool {
    text.contains("sk_live_") || words(text).any(is_jwt)
}

fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_ascii_alphanumeric() || "-_.".contains(c)))
}

/// `text` with every API key and JWT in it replaced by `REDACTED`.
pub(crate) fn redact(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while !rest.is_empty() {
        let end = rest.find(|c: char| !(c.is_ascii_alphanumeric() || "-_.".contains(c))).unwrap_or(rest.len());
        let (word, tail) = rest.split_at(end);
        if let Some(at) = word.find("sk_live_") {
            out.push_str(&word[..at]);
            out.push_str("REDACTED");
        } else if is_jwt(word) {
            out.push_str("REDACTED");
        } else {
            out.push_str(word);
        }
        let sep = tail.chars().next().map_or(0, char::len_utf8);
        out.push_str(&tail[..sep]);
        rest = &tail[sep..];
    }
    out
}

/// Header, query and body-field names that carry credentials by
/// convention: `Authorization`, `X-API-Key`, `api_key`, `access_token`,
/// `X-Auth-Token`, `password`… but not `Idempotency-Key` or `author`.
pub(crate) fn is_credential_name(name: &str) -> bool {
    let n = name.to_ascii_lowercase().replace('-', "_");
    const EXACT: [&str; 12] = [
        "key",
        "auth",
        "authorization",
        "proxy_authorization",
        "jwt",
        "bearer",
        "cookie",
        "session",
        "sessionid",
        "session_id",
        "credential",
        "credentials",
    ];
    EXACT.contains(&n.as_str())
        || ["token", "secret", "password", "passwd", "apikey", "api_key"].iter().any(|w| n.contains(w))
}

/// Removes credential members (by name or by value) from a JSON value, at
/// any depth, and redacts secrets inside other strings. Pushes a label for
/// each: the member's name, `name[]` for an item of an array, or nothing
/// (empty) for the value as a whole.
pub(crate) fn scrub_json(value: &mut Value, label: &str, removed: &mut Vec<String>) {
    match value {
        Value::Object(members) => {
            members.retain(|name, v| {
                let secret = is_credential_name(name) || matches!(v, Value::String(s) if holds_secret(s));
                if secret {
                    removed.push(name.clone());
                }
                !secret
            });
            for (name, v) in members.iter_mut() {
                scrub_json(v, name, removed);
            }
        }
        Value::Array(items) => {
            let item = if label.is_empty() { String::new() } else { format!("{label}[]") };
            for v in items {
                scrub_json(v, &item, removed);
            }
        }
        Value::String(s) if holds_secret(s) => {
            removed.push(label.to_owned());
            *s = redact(s);
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        assert!(is_jwt("eyJhbGciOiJIUzI1NiJ9.e30.c2ln"));
        assert!(is_jwt("eyJhbGciOiJub25lIn0.e30."));
        assert!(!is_jwt("eyJ.x"));
        assert!(!is_jwt("a.b.c"));
        assert!(holds_secret("Token sk_live_abc"));
        assert!(holds_secret("a=eyJhbGciOiJIUzI1NiJ9.e30.c2ln; b=1"));
        assert!(!holds_secret("res_8f2a"));
    }

    #[test]
    fn names() {
        for name in ["api_key", "X-API-Key", "X-Auth-Token", "key", "access_token", "Authorization", "client_secret"] {
            assert!(is_credential_name(name), "{name}");
        }
        for name in ["Idempotency-Key", "X-Request-Id", "author", "limit", "keys", "name"] {
            assert!(!is_credential_name(name), "{name}");
        }
    }

    #[test]
    fn redaction() {
        assert_eq!(redact("/keys/sk_live_abc/x?t=eyJa.e30.sig"), "/keys/REDACTED/x?t=REDACTED");
        assert_eq!(redact("é sk_live_1é"), "é REDACTED".to_owned() + "é");
    }
}
