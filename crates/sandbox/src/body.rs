//! Request bodies: a size cap, the content type, and JSON syntax — each with
//! its own problem, before any field is looked at.

use axum::body::{Body, Bytes};
use axum::http::{HeaderMap, header};
use serde_json::Value;

use crate::error::{Code, Problem};

/// Largest accepted body. The biggest valid body (50 metadata entries of 500
/// characters, every character escaped) is well under this.
pub const MAX_BODY_BYTES: usize = 1 << 20;

pub async fn read(body: Body) -> Result<Bytes, Problem> {
    axum::body::to_bytes(body, MAX_BODY_BYTES).await.map_err(|_| {
        Problem::new(Code::PayloadTooLarge, format!("The request body exceeds {} KiB.", MAX_BODY_BYTES / 1024))
    })
}

/// `application/json`, or any `…+json` type (e.g. `application/merge-patch+json`),
/// with any parameters.
fn is_json(content_type: &str) -> bool {
    let essence = content_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    let Some((kind, subtype)) = essence.split_once('/') else {
        return false;
    };
    kind == "application" && (subtype == "json" || subtype.ends_with("+json"))
}

/// The body as JSON; `None` when there is no body at all.
pub fn json(headers: &HeaderMap, bytes: &[u8]) -> Result<Option<Value>, Problem> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(None);
    }
    let content_type = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    if !is_json(content_type) {
        let sent = if content_type.is_empty() {
            "no Content-Type".to_owned()
        } else {
            format!("Content-Type `{}`", content_type.chars().take(80).collect::<String>())
        };
        return Err(Problem::new(
            Code::UnsupportedMediaType,
            format!("The body must be JSON sent with `Content-Type: application/json`; this request has {sent}."),
        )
        .param("Content-Type"));
    }
    serde_json::from_slice(bytes)
        .map(Some)
        .map_err(|e| Problem::new(Code::MalformedJson, format!("The body is not valid JSON: {e}.")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(ct: &'static str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(header::CONTENT_TYPE, HeaderValue::from_static(ct));
        h
    }

    #[test]
    fn content_types() {
        assert!(is_json("application/json"));
        assert!(is_json("Application/JSON; charset=utf-8"));
        assert!(is_json("application/merge-patch+json"));
        assert!(!is_json("text/plain"));
        assert!(!is_json("application/jsonx"));
        assert!(!is_json(""));
    }

    #[test]
    fn body_outcomes() {
        assert!(matches!(json(&HeaderMap::new(), b"  "), Ok(None)));
        let e = json(&headers("text/plain"), b"{}").err().map(|p| p.code);
        assert_eq!(e, Some(Code::UnsupportedMediaType));
        let e = json(&headers("application/json"), b"{\"a\":").err();
        assert_eq!(e.as_ref().map(|p| p.code), Some(Code::MalformedJson));
        assert!(e.map(|p| p.detail.contains("line 1")).unwrap_or(false));
        assert!(matches!(json(&headers("application/json"), b"[1]"), Ok(Some(Value::Array(_)))));
    }
}
