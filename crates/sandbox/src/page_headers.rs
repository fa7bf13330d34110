//! Security headers on every answer, and the Content-Security-Policy the
//! explorer's pages run under.
//!
//! The policy allows what the app needs and nothing more: its own scripts,
//! compiling WebAssembly (`'wasm-unsafe-eval'`), the two small inline
//! scripts of the built `index.html` (the theme script and the one that
//! starts the wasm, by their SHA-256, read from the served file, so a
//! rebuild needs no configuration), and requests to any
//! http(s) origin, since a user may point try-it at any base URL. Frames,
//! plugins, `<base>` and form posts are refused.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::SystemTime;

use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;
use base64::Engine;
use sha2::{Digest, Sha256};

use crate::state::AppState;

/// Where scripts may come from, before the inline scripts' hashes.
const SCRIPT_SRC: &str = "script-src 'self' 'wasm-unsafe-eval'";
/// Every other directive of the policy.
const OTHER_DIRECTIVES: &str = "style-src 'self'; img-src 'self' data:; font-src 'self'; \
    connect-src 'self' http: https:; object-src 'none'; base-uri 'none'; form-action 'none'; \
    frame-ancestors 'none'";
/// The policy, allowing the inline scripts whose `'sha256-…'` sources are
/// given.
fn policy(script_hashes: &[String]) -> String {
    let hashes: String = script_hashes.iter().map(|hash| format!(" {hash}")).collect();
    format!("default-src 'self'; {SCRIPT_SRC}{hashes}; {OTHER_DIRECTIVES}")
}

pub async fn middleware(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|t| t.to_str().ok())
        .is_some_and(|t| t.starts_with("text/html"));
    let headers = response.headers_mut();
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    if is_html {
        set_policy(headers, state.config().static_dir.as_deref());
    }
    response
}

fn set_policy(headers: &mut HeaderMap, static_dir: Option<&Path>) {
    let text = static_dir.map_or_else(|| policy(&[]), |dir| policy_for(&dir.join("index.html")));
    if let Ok(value) = HeaderValue::from_str(&text) {
        headers.insert(header::CONTENT_SECURITY_POLICY, value);
    }
}

/// The policy for the app page at `index`, cached until the file changes.
fn policy_for(index: &Path) -> String {
    type Cached = Option<(PathBuf, Option<SystemTime>, String)>;
    static CACHE: Mutex<Cached> = Mutex::new(None);
    let modified = std::fs::metadata(index).and_then(|m| m.modified()).ok();
    if let Ok(cache) = CACHE.lock()
        && let Some((path, when, cached)) = cache.as_ref()
        && path == index
        && *when == modified
    {
        return cached.clone();
    }
    let html = std::fs::read_to_string(index).unwrap_or_default();
    let fresh = with_inline_scripts(&html);
    if let Ok(mut cache) = CACHE.lock() {
        *cache = Some((index.to_owned(), modified, fresh.clone()));
    }
    fresh
}

/// The policy for a page `html`: each of its inline `<script>`s allowed by
/// its hash.
pub fn with_inline_scripts(html: &str) -> String {
    let hashes: Vec<String> = inline_scripts(html)
        .map(|body| format!("'sha256-{}'", base64::engine::general_purpose::STANDARD.encode(Sha256::digest(body))))
        .collect();
    policy(&hashes)
}

/// The bodies of the `<script>` elements without a `src`.
fn inline_scripts(html: &str) -> impl Iterator<Item = &str> {
    html.split("<script").skip(1).filter_map(|rest| {
        let (attributes, after) = rest.split_once('>')?;
        if attributes.contains("src=") {
            return None;
        }
        let (body, _) = after.split_once("</script>")?;
        Some(body)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_scripts_are_hashed_and_external_ones_are_not() {
        let html = "<head><script>a()</script><script type=\"module\">\nimport x from '/x.js';\n</script>\
                    <script src=\"/y.js\"></script></head>";
        let policy = with_inline_scripts(html);
        let hash = |s: &str| base64::engine::general_purpose::STANDARD.encode(Sha256::digest(s));
        assert!(policy.contains(&format!("'sha256-{}'", hash("a()"))), "{policy}");
        assert!(policy.contains(&format!("'sha256-{}'", hash("\nimport x from '/x.js';\n"))), "{policy}");
        assert_eq!(policy.matches("'sha256-").count(), 2);
        assert!(policy.contains("frame-ancestors 'none'") && policy.contains("connect-src 'self' http: https:"));
        assert_eq!(
            with_inline_scripts("<p>no scripts</p>"),
            "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; \
             font-src 'self'; connect-src 'self' http: https:; object-src 'none'; base-uri 'none'; \
             form-action 'none'; frame-ancestors 'none'"
        );
    }
}
