//! Share links and the request history: a whole try-it request in a few
//! hundred characters, and never a credential.
//!
//! A link carries the request in the URL fragment, which browsers never send
//! to a server. The request is written in the crate's compact binary form
//! ([`crate::codec`]), deflated and base64url-encoded behind a version prefix, so a
//! 64 KB JSON body still makes a link of reasonable size. Both links and
//! the history go through [`scrub`] first: credentials stay in the browser
//! that typed them.

mod history;
mod secrets;

pub use history::{
    Removed, Replay, RowText, remove_all, remove_entry, replay_place, replay_plan, row_text, undo_remove,
};

pub(crate) use secrets::{holds_secret, is_api_key, is_credential_name, is_jwt};

use crate::codec;
use crate::json_text as json;
use crate::operation::Method;
use crate::request::Draft;
use secrets::{redact, scrub_json};

/// The version prefix of share links. A future format takes another one,
/// and links made with this one keep opening.
pub const LINK_PREFIX: &str = "r1.";
/// The version prefix of the stored history.
pub const HISTORY_PREFIX: &str = "h1.";
/// How many requests the history keeps.
pub const HISTORY_LIMIT: usize = 100;
/// Inflated data larger than this is refused: a link cannot make the
/// browser allocate without bound (a 64 KB body inflates to far less).
const MAX_INFLATED: usize = codec::MAX_BYTES;
/// A link or stored history longer than this is refused before it is
/// decoded: base64 of the deflated form of at most [`MAX_INFLATED`] bytes
/// of real requests stays well under it.
const MAX_PACKED_CHARS: usize = 2 * codec::MAX_BYTES;

pub use crate::target::Target;

/// Everything the try-it panel needs to show a request again, exactly:
/// which operation, every field, the body and the environment. Never a
/// credential: the auth panel stays as the opener has it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SharedRequest {
    /// The operation id; `None` for a request the docs do not describe,
    /// shown in the generic request panel.
    pub operation: Option<String>,
    pub method: Method,
    /// For an operation, the base URL it went to (for the record; `target`
    /// decides where it goes). Otherwise the absolute URL without its
    /// query, which is in `draft.query`.
    pub url: String,
    pub target: Target,
    /// The `X-API-Version` pin, if any.
    pub api_version: Option<String>,
    pub draft: Draft,
}

/// Removes every credential from `request`: credential headers (by name,
/// or by a value that holds an API key or a JWT), credential query
/// parameters, body fields such as `api_key`, user info in URLs. Returns
/// what was removed, for a notice ("the X-API-Key header was not shared").
pub fn scrub(request: &mut SharedRequest) -> Vec<String> {
    let mut removed = Vec::new();
    let draft = &mut request.draft;
    draft.headers.retain(|(name, value)| {
        let secret = is_credential_name(name) || holds_secret(value);
        if secret {
            removed.push(format!("the {name} header"));
        }
        !secret
    });
    draft.query.retain(|(name, value)| {
        let secret = is_credential_name(name) || holds_secret(name) || holds_secret(value);
        if secret {
            removed.push(format!("the query parameter {name}"));
        }
        !secret
    });
    for (name, value) in &mut draft.path {
        if holds_secret(value) {
            removed.push(format!("the path parameter {name}"));
            *value = redact(value);
        }
    }
    if let Some(body) = &mut draft.body
        && holds_secret_or_named(body)
    {
        // Rewritten only when something goes: the body stays byte for byte.
        match json::parse(body) {
            Ok(mut value) => {
                let mut fields = Vec::new();
                scrub_json(&mut value, "", &mut fields);
                if !fields.is_empty() {
                    *body = if body.contains('\n') { json::pretty(&value) } else { json::compact(&value) };
                    removed.extend(fields.into_iter().map(|f| match f.as_str() {
                        "" => "a credential in the body".to_owned(),
                        _ => format!("the body field {f}"),
                    }));
                }
            }
            Err(_) if holds_secret(body) => {
                *body = redact(body);
                removed.push("a credential in the body".to_owned());
            }
            Err(_) => {}
        }
    }
    scrub_url(&mut request.url, "the URL", &mut removed);
    if let Target::Custom(url) = &mut request.target {
        scrub_url(url, "the base URL", &mut removed);
    }
    if request.api_version.as_deref().is_some_and(holds_secret) {
        request.api_version = None;
        removed.push("the API version".to_owned());
    }
    if request.operation.as_deref().is_some_and(holds_secret) {
        request.operation = None;
        removed.push("the operation".to_owned());
    }
    removed.dedup();
    removed
}

/// A body worth parsing for credentials: one holding a secret, or a JSON
/// field with a credential name (`"password": "hunter2"`).
fn holds_secret_or_named(body: &str) -> bool {
    if holds_secret(body) {
        return true;
    }
    let lower = body.to_ascii_lowercase();
    ["token", "secret", "password", "passwd", "key", "auth", "jwt", "bearer", "cookie", "session", "credential"]
        .iter()
        .any(|w| lower.contains(w))
}

/// Drops user info, credential query parameters and secrets from a URL.
fn scrub_url(url: &mut String, what: &str, removed: &mut Vec<String>) {
    let start = url.find("://").map_or(0, |i| i + 3);
    let authority_end = url[start..].find(['/', '?', '#']).map_or(url.len(), |i| start + i);
    if let Some(at) = url[start..authority_end].rfind('@') {
        url.replace_range(start..=start + at, "");
        removed.push(format!("the user and password in {what}"));
    }
    if let Some(q) = url.find('?') {
        let query: Vec<&str> = url[q + 1..].split('&').collect();
        let kept: Vec<&str> = query
            .iter()
            .copied()
            .filter(|pair| {
                let name = pair.split('=').next().unwrap_or_default();
                !(is_credential_name(name) || holds_secret(pair))
            })
            .collect();
        if kept.len() < query.len() {
            removed.push(format!("a credential in the query of {what}"));
            let rebuilt = if kept.is_empty() { String::new() } else { format!("?{}", kept.join("&")) };
            url.replace_range(q.., &rebuilt);
        }
    }
    if holds_secret(url) {
        *url = redact(url);
        removed.push(format!("a credential in {what}"));
    }
}

/// The share fragment for `request`, credentials removed: `r1.` and the
/// deflated binary form in base64url.
pub fn encode(request: &SharedRequest) -> String {
    let mut request = request.clone();
    scrub(&mut request);
    format!("{LINK_PREFIX}{}", pack(&codec::to_bytes(&request)))
}

/// The request in a share fragment (with or without a leading `#`), or why
/// it cannot be read.
pub fn decode(text: &str) -> Result<SharedRequest, String> {
    let text = text.trim().trim_start_matches('#');
    let Some(payload) = text.strip_prefix(LINK_PREFIX) else {
        return Err(match text.split_once('.') {
            Some((version, _)) if version.starts_with('r') && version.len() <= 4 => {
                "this link was made by another version of the explorer, which this one cannot read".to_owned()
            }
            _ => "this is not a shared request link".to_owned(),
        });
    };
    let bytes = unpack(payload).map_err(|why| format!("the shared request is damaged: {why}"))?;
    let mut request: SharedRequest =
        codec::from_bytes(&bytes).map_err(|why| format!("the shared request is damaged: {why}"))?;
    check_places(&mut request).map_err(|why| format!("the shared request cannot be opened: {why}"))?;
    Ok(request)
}

/// A link or a stored entry names places to send to: they are checked as
/// if typed in the connection dialog, never trusted.
fn check_places(request: &mut SharedRequest) -> Result<(), String> {
    request.target = request.target.clone().checked()?;
    if let Some(version) = &request.api_version
        && !crate::target::API_VERSIONS.contains(&version.as_str())
    {
        let known = crate::target::API_VERSIONS.join(" or ");
        return Err(format!("the API version {version:?} is not one the API serves ({known})"));
    }
    if request.operation.is_none() {
        // The generic panel's URL: an absolute http(s) URL without a query.
        let (origin, _) = crate::import::split_origin(&request.url);
        crate::request::validate_base_url(origin)?;
    }
    Ok(())
}

fn pack(bytes: &[u8]) -> String {
    crate::token::base64url_encode(&miniz_oxide::deflate::compress_to_vec(bytes, 9))
}

fn unpack(text: &str) -> Result<Vec<u8>, &'static str> {
    if text.len() > MAX_PACKED_CHARS {
        return Err("it is longer than any request this explorer makes");
    }
    let deflated = crate::token::base64url_decode(text).ok_or("it is not base64url")?;
    miniz_oxide::inflate::decompress_to_vec_with_limit(&deflated, MAX_INFLATED).map_err(|e| match e.status {
        miniz_oxide::inflate::TINFLStatus::HasMoreOutput => "it inflates to more than 1 MB",
        _ => "it does not inflate",
    })
}

/// One request sent from this browser.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct HistoryEntry {
    pub request: SharedRequest,
    /// The response status; `None` when no response came (network error).
    pub status: Option<u16>,
    /// When it was sent, in milliseconds since the Unix epoch.
    pub at_ms: i64,
    pub duration_ms: u32,
}

/// Adds `entry` as the newest (first) one, credentials removed, keeping
/// the newest [`HISTORY_LIMIT`].
pub fn push_history(list: &mut Vec<HistoryEntry>, mut entry: HistoryEntry) {
    scrub(&mut entry.request);
    list.insert(0, entry);
    list.truncate(HISTORY_LIMIT);
}

/// The history for localStorage, credentials removed.
pub fn encode_history(entries: &[HistoryEntry]) -> String {
    let scrubbed: Vec<HistoryEntry> = entries
        .iter()
        .map(|entry| {
            let mut entry = entry.clone();
            scrub(&mut entry.request);
            entry
        })
        .collect();
    let mut bytes = codec::to_bytes(&scrubbed);
    if bytes.len() > codec::MAX_BYTES {
        // What does not fit the reading cap would be unreadable, and the
        // whole history lost with it: the newest entries that fit are kept.
        // A list is its length (at most 10 bytes) then its entries, so each
        // entry is measured once.
        let mut size = 10;
        let kept = scrubbed
            .iter()
            .take_while(|entry| {
                size += codec::to_bytes(*entry).len();
                size <= codec::MAX_BYTES
            })
            .count();
        bytes = codec::to_bytes(&scrubbed[..kept]);
    }
    format!("{HISTORY_PREFIX}{}", pack(&bytes))
}

/// The stored history; a missing, corrupt or foreign store is an empty one,
/// so that a bad store never breaks the explorer.
pub fn decode_history(text: &str) -> Vec<HistoryEntry> {
    let read = || -> Option<Vec<HistoryEntry>> {
        let bytes = unpack(text.trim().strip_prefix(HISTORY_PREFIX)?).ok()?;
        codec::from_bytes(&bytes).ok()
    };
    let mut entries = read().unwrap_or_default();
    // An entry naming a place that would not be accepted if typed is dropped.
    entries.retain_mut(|entry| check_places(&mut entry.request).is_ok());
    entries.truncate(HISTORY_LIMIT);
    entries
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
        items.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    fn request() -> SharedRequest {
        SharedRequest {
            operation: Some("create-resource".into()),
            method: Method::Post,
            url: "http://127.0.0.1:8080".into(),
            target: Target::Sandbox,
            api_version: Some("2025-06-01".into()),
            draft: Draft {
                path: vec![],
                query: vec![],
                headers: pairs(&[("Idempotency-Key", "k-1")]),
                body: Some("{\n  \"name\": \"A\"\n}".into()),
            },
        }
    }

    /// A link and a history made by the explorer before its codec became
    /// serde and postcard: both still open, field for field.
    #[test]
    fn links_and_history_from_before_the_serde_codec_still_open() {
        let link = "r1.FYyxCsIwFAB5lS5dioN7zZ42KVRLN0fxIyQkDw0mTUhTNIj_bsptx3FQy4AiIg24uDVIhMMzRj91He_PLcvwaWQjK46bXrJ_5PotUosfYb3BVjrbSeNWBVXP-oGyE2UcCq3KvLxzKI22OsIA9VWh9S7iLBO9Ydq9KIf9t2oaMguLZGrIhVS_Pw";
        let expected = SharedRequest {
            target: Target::Custom("https://gateway.example.com/cloud".into()),
            draft: Draft { path: pairs(&[("id", "res_1")]), query: pairs(&[("limit", "5")]), ..request().draft },
            ..request()
        };
        assert_eq!(decode(link), Ok(expected.clone()));
        let history = "h1.FYwxCsIwFED5lS5dioN7zSikTQrV0s1RPISE9KvFpilpigYRPIIH8SJewWt4AVPe9ng8gFgaFBapwUGPRiIsztb2VZbxfJMyD69KVrJgOenB-5Ovr8KleBOqbzGVWmWy1WMNUc7ygrI1ZRyCpg798sAhbBvVWCgg3tWoem2xk47u0c0ulMP8HiUJ6YRCUiVkS6IHfOD5ev--x9Uf";
        let entries = decode_history(history);
        assert_eq!(
            entries,
            vec![HistoryEntry { request: expected, status: Some(201), at_ms: 1_764_547_200_000, duration_ms: 42 }]
        );
    }

    #[test]
    fn a_history_too_big_to_read_back_drops_its_oldest_entries_instead() {
        let entry = |n: usize| HistoryEntry {
            request: SharedRequest {
                draft: Draft {
                    body: Some(format!("{{\"n\": {n}, \"pad\": \"{}\"}}", "x".repeat(20_000))),
                    ..request().draft
                },
                ..request()
            },
            status: Some(201),
            at_ms: n as i64,
            duration_ms: 1,
        };
        let entries: Vec<HistoryEntry> = (0..HISTORY_LIMIT).map(entry).collect();
        let stored = encode_history(&entries);
        let back = decode_history(&stored);
        assert!(!back.is_empty() && back.len() < entries.len(), "{} kept", back.len());
        assert_eq!(back[..], entries[..back.len()], "the newest are kept, in order");
    }

    #[test]
    fn oversized_and_damaged_links_are_refused_with_the_reason() {
        let long = format!("{LINK_PREFIX}{}", "A".repeat(MAX_PACKED_CHARS + 1));
        assert!(decode(&long).unwrap_err().contains("longer than any request"));
        // Damaged bytes inside a well-formed envelope name what is wrong.
        let garbage = format!("{LINK_PREFIX}{}", pack(&[7, 1, 2]));
        let why = decode(&garbage).unwrap_err();
        assert!(why.starts_with("the shared request is damaged: "), "{why}");
        assert!(decode_history(&format!("{HISTORY_PREFIX}{}", pack(&[200, 200]))).is_empty());
    }

    #[test]
    fn round_trip() {
        let r = request();
        let link = encode(&r);
        assert!(link.starts_with("r1."), "{link}");
        assert_eq!(decode(&link), Ok(r.clone()));
        assert_eq!(decode(&format!("#{link}")), Ok(r));
    }

    #[test]
    fn scrubs_credentials() {
        let mut r = request();
        r.url = "https://me:pw@x.dev/v1/things?api_key=sk_live_1&a=1".into();
        r.draft.headers.push(("X-API-Key".into(), "sk_live_abc".into()));
        r.draft.headers.push(("X-Custom".into(), "Bearer eyJhbGciOiJIUzI1NiJ9.e30.c2ln".into()));
        r.draft.query = pairs(&[("limit", "5"), ("access_token", "x"), ("q", "sk_live_x")]);
        r.draft.body = Some("{\"api_key\": \"sk_live_zz\", \"expires_in\": 900}".into());
        let removed = scrub(&mut r);
        assert_eq!(
            removed,
            [
                "the X-API-Key header",
                "the X-Custom header",
                "the query parameter access_token",
                "the query parameter q",
                "the body field api_key",
                "the user and password in the URL",
                "a credential in the query of the URL",
            ]
        );
        assert_eq!(r.url, "https://x.dev/v1/things?a=1");
        assert_eq!(r.draft.headers, pairs(&[("Idempotency-Key", "k-1")]));
        assert_eq!(r.draft.query, pairs(&[("limit", "5")]));
        assert_eq!(r.draft.body.as_deref(), Some("{\"expires_in\":900}"));
        assert_eq!(scrub(&mut r), Vec::<String>::new());
    }

    #[test]
    fn corrupt_links_say_so() {
        assert_eq!(decode("hello").unwrap_err(), "this is not a shared request link");
        assert!(decode("r9.abc").unwrap_err().contains("another version"));
        assert!(decode("r1.!!!").unwrap_err().contains("not base64url"));
        assert!(decode("r1.AAAA").unwrap_err().contains("damaged"));
        let link = encode(&request());
        assert!(decode(&link[..link.len() - 3]).is_err());
    }

    #[test]
    fn history_keeps_the_newest_hundred() {
        let mut list = Vec::new();
        for i in 0..105 {
            let mut r = request();
            r.draft.headers.push(("Authorization".into(), format!("Bearer t{i}")));
            push_history(&mut list, HistoryEntry { request: r, status: Some(201), at_ms: i, duration_ms: 12 });
        }
        assert_eq!(list.len(), 100);
        assert_eq!(list[0].at_ms, 104);
        assert!(list.iter().all(|e| e.request.draft.headers.len() == 1));
        let stored = encode_history(&list);
        assert_eq!(decode_history(&stored), list);
        assert_eq!(decode_history(""), vec![]);
        assert_eq!(decode_history("h1.garbage"), vec![]);
        assert_eq!(decode_history(&stored[..stored.len() / 2]), vec![]);
    }
}
