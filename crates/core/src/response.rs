//! Reading a response the way a person would: problem details, what to do
//! about an error, rate-limit and deprecation headers, the next page, and
//! plain words for failures that never produced a response.
//!
//! Text for people never shows markdown: the API's problem details and the
//! advice here mark code with backticks (`` `param` ``), which come out as
//! [`Span`]s, text and code, for the view to render code as `<code>`; the
//! plain `String` fields keep the same text without the backticks.

use crate::json_text as json;
use serde_json::Value;

/// A piece of text for people: words, or code to render as `<code>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Span {
    Text(String),
    Code(String),
}

/// `text` with its markdown code spans split out: a run of backticks opens
/// one and the next run of the same length closes it (CommonMark); a run
/// that is never closed stays as text.
pub fn spans(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut words = String::new();
    let mut rest = text;
    while let Some(open) = rest.find('`') {
        let run = rest[open..].bytes().take_while(|&b| b == b'`').count();
        let after = &rest[open + run..];
        let Some(close) = closing_run(after, run) else {
            words.push_str(&rest[..open + run]);
            rest = after;
            continue;
        };
        words.push_str(&rest[..open]);
        if !words.is_empty() {
            out.push(Span::Text(std::mem::take(&mut words)));
        }
        let code = &after[..close];
        // One space each side is padding (`` ` `x` ` `` shows `x`), unless all is space.
        let padded = code.len() > 2 && code.starts_with(' ') && code.ends_with(' ') && code.trim() != "";
        out.push(Span::Code(if padded { &code[1..code.len() - 1] } else { code }.to_owned()));
        rest = &after[close + run..];
    }
    words.push_str(rest);
    if !words.is_empty() {
        out.push(Span::Text(words));
    }
    out
}

/// Where a run of exactly `run` backticks starts in `text`.
fn closing_run(text: &str, run: usize) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = text[from..].find('`') {
        let at = from + i;
        let len = text[at..].bytes().take_while(|&b| b == b'`').count();
        if len == run {
            return Some(at);
        }
        from = at + len;
    }
    None
}

/// The spans as one plain string, code without its backticks.
pub fn plain(spans: &[Span]) -> String {
    spans
        .iter()
        .map(|s| match s {
            Span::Text(t) | Span::Code(t) => t.as_str(),
        })
        .collect()
}

/// An `application/problem+json` body (RFC 9457) with the API's extensions.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Problem {
    pub kind: String,
    pub title: String,
    pub status: Option<u16>,
    /// The detail as plain text, without the backticks the API marks code with.
    pub detail: String,
    /// The detail with its code marked, to render as `<code>`.
    pub detail_spans: Vec<Span>,
    pub code: String,
    pub param: Option<String>,
    pub request_id: Option<String>,
    pub doc_url: Option<String>,
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.trim())
}

/// A problem document, when the response is one.
pub fn problem(headers: &[(String, String)], body: &str) -> Option<Problem> {
    let content_type = header(headers, "content-type").unwrap_or_default();
    if !content_type.starts_with("application/problem+json") {
        return None;
    }
    let value = json::parse(body).ok()?;
    let text = |key: &str| value.get(key).and_then(Value::as_str).map(str::to_owned);
    let detail_spans = spans(&text("detail").unwrap_or_default());
    Some(Problem {
        kind: text("type").unwrap_or_default(),
        title: text("title").unwrap_or_default(),
        status: value.get("status").and_then(Value::as_i64).and_then(|s| u16::try_from(s).ok()),
        detail: plain(&detail_spans),
        detail_spans,
        code: text("code").unwrap_or_default(),
        param: text("param"),
        request_id: text("request_id"),
        doc_url: text("doc_url"),
    })
}

/// What to do about an error, and where the docs explain it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hint {
    /// The advice as plain text, without backticks.
    pub advice: String,
    /// The advice with its header names and fields marked as code.
    pub advice_spans: Vec<Span>,
    /// An explorer route with anchor, e.g. `/errors#rate_limited`.
    pub doc_route: String,
}

/// Advice for a status and problem code, in the words of the errors guide.
pub fn hint(status: u16, code: &str) -> Option<Hint> {
    let advice = match (status, code) {
        (401, "token_expired") => {
            "The bearer token has expired. Get a new token from your API key (or let the explorer refresh it) and send again."
        }
        (401, "missing_credentials") => {
            "No credential was sent. Send `Authorization: Bearer <token>` or `X-API-Key: <key>`; connect in the explorer's auth panel."
        }
        (401, _) => {
            "The credential was not accepted. Check the Authorization or X-API-Key header, and refresh the token if it is old."
        }
        (403, _) => {
            "The credential is valid but lacks the scope this operation needs. Use a key (or ask for a token) with that scope."
        }
        (404, _) => {
            "Nothing exists at this address for your workspace: check the id, and that it belongs to the same key."
        }
        (405, _) => "This path exists, but not with this method; the Allow header lists the methods it takes.",
        (409, _) => {
            "A request with the same idempotency key is still being processed. Wait for it, then retry with the same key."
        }
        (415, _) => "Send the body as JSON with `Content-Type: application/json`.",
        (422, _) => "This idempotency key was already used with a different request. Use a new key for a new request.",
        (429, _) => {
            "The key's rate limit is used up. Wait for the window to reset (Retry-After says how long), then retry."
        }
        (400, "unsupported_version") => {
            "X-API-Version names a revision the API does not serve; leave it out or pick a supported one."
        }
        (400, "invalid_cursor") => "Pass `next_cursor` back exactly as received, with the same filters.",
        (400, _) => "The request is malformed: check the field or parameter named in `param`.",
        (500..=599, _) => "A server error. Retrying is safe for GET, and for writes that carry an idempotency key.",
        _ => return None,
    };
    let anchor = if code.is_empty() { status_anchor(status) } else { code.to_owned() };
    let advice_spans = spans(advice);
    Some(Hint { advice: plain(&advice_spans), advice_spans, doc_route: format!("/errors#{anchor}") })
}

/// The errors guide's anchor for a status without a code.
fn status_anchor(status: u16) -> String {
    match status {
        401 => "invalid_credentials",
        403 => "insufficient_scope",
        404 => "not_found",
        405 => "method_not_allowed",
        409 => "idempotency_in_flight",
        415 => "unsupported_media_type",
        422 => "idempotency_mismatch",
        429 => "rate_limited",
        500..=599 => "internal_error",
        _ => "invalid_parameter",
    }
    .to_owned()
}

/// The `X-RateLimit-*` headers of a response.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimit {
    pub limit: Option<u64>,
    pub remaining: u64,
    /// Seconds until the window resets.
    pub reset_seconds: u64,
}

impl RateLimit {
    /// Share of the window's requests still available, 0.0 to 1.0.
    pub fn fraction_left(&self) -> f64 {
        match self.limit {
            Some(limit) if limit > 0 => self.remaining as f64 / limit as f64,
            _ => 1.0,
        }
    }
}

pub fn rate_limit(headers: &[(String, String)]) -> Option<RateLimit> {
    let number = |name: &str| header(headers, name).and_then(|v| v.parse::<u64>().ok());
    Some(RateLimit {
        limit: number("x-ratelimit-limit"),
        remaining: number("x-ratelimit-remaining")?,
        reset_seconds: number("x-ratelimit-reset").unwrap_or(0),
    })
}

/// `Retry-After` in seconds (the delta form; dates are not used by this API).
pub fn retry_after(headers: &[(String, String)]) -> Option<u64> {
    header(headers, "retry-after")?.parse().ok()
}

/// What a deprecated route announces about its end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deprecation {
    pub deprecation: Option<String>,
    pub sunset: Option<String>,
    /// The `rel="successor-version"` link target, if given.
    pub successor: Option<String>,
}

pub fn deprecation(headers: &[(String, String)]) -> Option<Deprecation> {
    let deprecation = header(headers, "deprecation").map(str::to_owned);
    let sunset = header(headers, "sunset").map(str::to_owned);
    if deprecation.is_none() && sunset.is_none() {
        return None;
    }
    let successor = header(headers, "link").and_then(|link| {
        link.split(',').find(|part| part.contains("successor-version")).and_then(|part| {
            part.split_once('<').and_then(|(_, rest)| rest.split_once('>')).map(|(url, _)| url.to_owned())
        })
    });
    Some(Deprecation { deprecation, sunset, successor })
}

/// The cursor of the next page of a list response, when there is one.
pub fn next_cursor(body: &Value) -> Option<String> {
    let more = body.get("has_more").and_then(Value::as_bool).unwrap_or(true);
    let cursor = body.get("next_cursor")?.as_str()?;
    (more && !cursor.is_empty()).then(|| cursor.to_owned())
}

/// How a request failed without a response.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    /// Our own time limit ran out.
    Timeout { seconds: u32 },
    /// The user cancelled.
    Cancelled,
    /// The browser reported a network error. `reachable` is the result of a
    /// follow-up probe that does not need CORS: `Some(true)` means the server
    /// answered, so the browser refused the response (CORS).
    Network { reachable: Option<bool> },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explanation {
    pub title: String,
    pub detail: String,
}

/// Plain words for a failure, given the page's own URL and the target's.
pub fn explain(failure: Failure, page_url: &str, target_url: &str) -> Explanation {
    let origin = |url: &str| url.split('/').take(3).collect::<Vec<_>>().join("/");
    let target = origin(target_url);
    let (title, detail) = match failure {
        Failure::Timeout { seconds } => (
            "The request timed out".to_owned(),
            format!(
                "{target} sent no response within {seconds} seconds. The server may be overloaded or unreachable; try again, or raise the timeout."
            ),
        ),
        Failure::Cancelled => {
            ("Request cancelled".to_owned(), "You stopped the request before a response arrived.".to_owned())
        }
        Failure::Network { .. } if page_url.starts_with("https://") && target_url.starts_with("http://") => (
            "Blocked as mixed content".to_owned(),
            format!(
                "This page was loaded over HTTPS, so the browser refuses to call {target} over plain HTTP. Use an https:// base URL, or open the explorer over http."
            ),
        ),
        Failure::Network { reachable: Some(true) } => (
            "Blocked by CORS".to_owned(),
            format!(
                "{target} answered, but did not allow this page's origin ({}) to read the response. The server must send Access-Control-Allow-Origin for it, or use the sandbox.",
                origin(page_url)
            ),
        ),
        Failure::Network { .. } => (
            "Could not reach the server".to_owned(),
            format!(
                "Nothing answered at {target}: check the base URL, that the server is running, and your connection. A server that refuses this page's origin (CORS) looks the same to the browser."
            ),
        ),
    };
    Explanation { title, detail }
}

/// A byte count for people: `512 B`, `1.5 KB`, `5.2 MB`.
pub fn format_size(bytes: usize) -> String {
    if bytes < 1024 {
        format!("{bytes} B")
    } else if bytes < 1024 * 1024 {
        format!("{:.1} KB", bytes as f64 / 1024.0)
    } else {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn reads_problem_documents() {
        let h = headers(&[("Content-Type", "application/problem+json")]);
        let body = r#"{"type":"https://api.cloudplatform.dev/problems/validation_failed","title":"Validation failed","status":400,"detail":"name is empty","code":"validation_failed","param":"name","request_id":"r1","doc_url":"http://x/errors#validation_failed"}"#;
        let p = problem(&h, body).unwrap();
        assert_eq!((p.status, p.code.as_str(), p.param.as_deref()), (Some(400), "validation_failed", Some("name")));
        assert!(problem(&headers(&[("content-type", "application/json")]), body).is_none());
        assert!(problem(&h, "not json").is_none());
    }

    #[test]
    fn code_spans() {
        let code = |t: &str| Span::Code(t.to_owned());
        let text = |t: &str| Span::Text(t.to_owned());
        let s = spans("Unknown field `colour`; this operation accepts `name`, `region`.");
        assert_eq!(
            s,
            [
                text("Unknown field "),
                code("colour"),
                text("; this operation accepts "),
                code("name"),
                text(", "),
                code("region"),
                text(".")
            ]
        );
        assert_eq!(plain(&s), "Unknown field colour; this operation accepts name, region.");
        assert_eq!(spans("``a ` b`` and ` x `"), [code("a ` b"), text(" and "), code("x")]);
        assert_eq!(spans("`` `tick` ``"), [code("`tick`")]);
        assert_eq!(spans("a `lone tick"), [text("a `lone tick")]);
        assert_eq!(spans("``x` y"), [text("``x` y")]);
        assert_eq!(spans("`a``b`"), [code("a``b")]);
        assert_eq!(spans(""), []);
    }

    #[test]
    fn no_backticks_reach_people() {
        let h = headers(&[("Content-Type", "application/problem+json")]);
        let body = r#"{"status":400,"code":"validation_failed","detail":"`name` must be 1 to 80 characters long."}"#;
        let p = problem(&h, body).unwrap();
        assert_eq!(p.detail, "name must be 1 to 80 characters long.");
        assert_eq!(p.detail_spans[0], Span::Code("name".into()));
        let codes =
            ["", "token_expired", "missing_credentials", "unsupported_version", "invalid_cursor", "rate_limited"];
        for status in 100..600 {
            for code in codes {
                if let Some(h) = hint(status, code) {
                    assert!(!h.advice.contains('`'), "{status} {code}: {}", h.advice);
                    assert_eq!(plain(&h.advice_spans), h.advice);
                }
            }
        }
        let h = hint(415, "").unwrap();
        assert_eq!(
            h.advice_spans,
            [
                Span::Text("Send the body as JSON with ".into()),
                Span::Code("Content-Type: application/json".into()),
                Span::Text(".".into())
            ]
        );
        for failure in [
            Failure::Timeout { seconds: 5 },
            Failure::Cancelled,
            Failure::Network { reachable: None },
            Failure::Network { reachable: Some(true) },
        ] {
            let e = explain(failure, "https://a/", "http://b/");
            assert!(!e.title.contains('`') && !e.detail.contains('`'), "{e:?}");
        }
    }

    #[test]
    fn hints_link_to_the_errors_guide() {
        assert_eq!(hint(429, "rate_limited").unwrap().doc_route, "/errors#rate_limited");
        assert!(hint(401, "token_expired").unwrap().advice.contains("expired"));
        assert!(hint(403, "").unwrap().advice.contains("scope"));
        assert_eq!(hint(403, "").unwrap().doc_route, "/errors#insufficient_scope");
        assert!(hint(200, "").is_none());
    }

    #[test]
    fn rate_limits_and_retry() {
        let h = headers(&[
            ("X-RateLimit-Limit", "60"),
            ("x-ratelimit-remaining", "15"),
            ("X-RateLimit-Reset", "42"),
            ("Retry-After", "42"),
        ]);
        let rl = rate_limit(&h).unwrap();
        assert_eq!(rl, RateLimit { limit: Some(60), remaining: 15, reset_seconds: 42 });
        assert_eq!(rl.fraction_left(), 0.25);
        assert_eq!(retry_after(&h), Some(42));
        assert!(rate_limit(&headers(&[])).is_none());
    }

    #[test]
    fn deprecation_headers() {
        let h = headers(&[
            ("Deprecation", "@1767225600"),
            ("Sunset", "Thu, 31 Dec 2026 23:59:59 GMT"),
            ("Link", "</v2/ping>; rel=\"successor-version\""),
        ]);
        let d = deprecation(&h).unwrap();
        assert_eq!(d.successor.as_deref(), Some("/v2/ping"));
        assert_eq!(d.sunset.as_deref(), Some("Thu, 31 Dec 2026 23:59:59 GMT"));
        assert!(deprecation(&headers(&[("Link", "</x>")])).is_none());
    }

    #[test]
    fn next_pages() {
        let more = json::parse(r#"{"data":[],"next_cursor":"abc","has_more":true}"#).unwrap();
        assert_eq!(next_cursor(&more).as_deref(), Some("abc"));
        let last = json::parse(r#"{"data":[],"next_cursor":null,"has_more":false}"#).unwrap();
        assert_eq!(next_cursor(&last), None);
    }

    #[test]
    fn failures_in_plain_words() {
        let mixed =
            explain(Failure::Network { reachable: None }, "https://docs.x/", "http://127.0.0.1:8080/v1/resources");
        assert_eq!(mixed.title, "Blocked as mixed content");
        let cors = explain(
            Failure::Network { reachable: Some(true) },
            "http://127.0.0.1:8080/x",
            "https://api.cloudplatform.dev/v1/resources",
        );
        assert_eq!(cors.title, "Blocked by CORS");
        assert!(cors.detail.contains("http://127.0.0.1:8080"));
        let down = explain(Failure::Network { reachable: Some(false) }, "http://a/", "http://localhost:9/v1");
        assert!(down.detail.contains("http://localhost:9"));
        assert!(explain(Failure::Timeout { seconds: 30 }, "", "http://a/b").detail.contains("30 seconds"));
    }

    #[test]
    fn sizes() {
        assert_eq!(format_size(512), "512 B");
        assert_eq!(format_size(1536), "1.5 KB");
        assert_eq!(format_size(5 * 1024 * 1024), "5.0 MB");
    }
}
