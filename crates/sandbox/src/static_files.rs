//! Everything that is not an API route: the built explorer (Trunk's output),
//! with SPA deep links, and a 404 problem for unknown API paths.

use std::path::Path;
use std::sync::OnceLock;

use explorer_core::Docs;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use tower::{Layer, ServiceExt};
use tower_http::compression::CompressionLayer;
use tower_http::services::{ServeDir, ServeFile};

use crate::error::{Code, Problem};
use crate::state::AppState;

/// Paths that belong to the API and are never answered by the explorer.
const API_PREFIXES: [&str; 3] = ["/v1", "/v2", "/sandbox"];

pub fn is_api_path(path: &str) -> bool {
    path == "/openapi.json"
        || API_PREFIXES.iter().any(|p| path == *p || path.strip_prefix(p).is_some_and(|rest| rest.starts_with('/')))
}

/// The docs the explorer is built from, for telling its routes apart.
fn docs() -> Option<&'static Docs> {
    static DOCS: OnceLock<Option<Docs>> = OnceLock::new();
    DOCS.get_or_init(|| Docs::from_embedded(explorer_content::DOCS).ok()).as_ref()
}

/// Whether the explorer shows a page at `path`; without readable docs every
/// route is assumed to exist, as before.
fn is_known_route(path: &str) -> bool {
    docs().is_none_or(|docs| explorer_core::routes::is_known_route(docs, path))
}

/// A path whose last segment has no dot is an explorer route (`/reference/list-resources`),
/// not a file.
fn is_app_route(path: &str) -> bool {
    !path.rsplit('/').next().unwrap_or("").contains('.')
}

fn not_found(method: &Method, path: &str) -> Response {
    let shown: String = path.chars().take(200).collect();
    Problem::new(
        Code::NotFound,
        format!("Nothing is served at {method} {shown}; the API's routes are listed in /openapi.json."),
    )
    .into_response()
}

pub async fn fallback(State(state): State<AppState>, request: Request) -> Response {
    let path = request.uri().path().to_owned();
    let method = request.method().clone();
    if is_api_path(&path) {
        return not_found(&method, &path);
    }
    if method != Method::GET && method != Method::HEAD {
        let mut response = Problem::new(
            Code::MethodNotAllowed,
            format!("{method} is not supported here; the explorer's pages accept GET and HEAD."),
        )
        .into_response();
        response.headers_mut().insert(header::ALLOW, HeaderValue::from_static("GET,HEAD"));
        return response;
    }
    if path.contains("//") {
        return collapse_slashes(&request);
    }
    match &state.config().static_dir {
        Some(dir) => serve_explorer(dir, request).await,
        None if path == "/" => landing_page(),
        None => not_found(&method, &path),
    }
}

/// `//playground` is sent to `/playground`: left as it is, the file server
/// would redirect it to `//playground/`, which a browser reads as the host
/// `playground`.
fn collapse_slashes(request: &Request) -> Response {
    let mut path = String::with_capacity(request.uri().path().len());
    for c in request.uri().path().chars() {
        if !(c == '/' && path.ends_with('/')) {
            path.push(c);
        }
    }
    if let Some(query) = request.uri().query() {
        path = format!("{path}?{query}");
    }
    // `/\host` is read by browsers as `//host`: never send a client there.
    match HeaderValue::from_str(&path) {
        Ok(location) if is_local_path(location.as_bytes()) => {
            (StatusCode::PERMANENT_REDIRECT, [(header::LOCATION, location)]).into_response()
        }
        _ => not_found(request.method(), request.uri().path()),
    }
}

/// Whether a redirect target stays on this origin: a path (one `/`, then
/// not a `/` or `\`, which browsers read as `/`).
fn is_local_path(target: &[u8]) -> bool {
    target.first() == Some(&b'/') && !matches!(target.get(1), Some(b'/' | b'\\'))
}

/// A redirect of the file server stays on this origin.
fn stays_on_origin(response: &Response) -> bool {
    response.headers().get(header::LOCATION).is_none_or(|location| is_local_path(location.as_bytes()))
}

async fn serve_explorer(dir: &Path, request: Request) -> Response {
    let path = request.uri().path().to_owned();
    let method = request.method().clone();
    // Keep a copy of the request line and headers for the index.html retry.
    let mut retry = Request::new(Body::empty());
    *retry.method_mut() = method.clone();
    *retry.uri_mut() = request.uri().clone();
    *retry.headers_mut() = request.headers().clone();

    let files = CompressionLayer::new().layer(ServeDir::new(dir).precompressed_br().precompressed_gzip());
    let response = match files.oneshot(request).await {
        Ok(response) => response.map(Body::new),
        Err(never) => match never {},
    };
    if !stays_on_origin(&response) {
        return not_found(&method, &path);
    }
    if response.status() != StatusCode::NOT_FOUND {
        return with_text_charset(response, &path);
    }
    if !is_app_route(&path) {
        return not_found(&method, &path);
    }
    let index = CompressionLayer::new().layer(ServeFile::new(dir.join("index.html")));
    let mut response = match index.oneshot(retry).await {
        Ok(response) => response.map(Body::new),
        Err(never) => match never {},
    };
    if response.status() == StatusCode::NOT_FOUND {
        return not_found(&method, &path);
    }
    // The page must be revalidated so a new build's hashed assets are picked up.
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    // An unknown route still gets the app, which shows its not-found page,
    // but with the status a crawler or a link checker needs.
    if response.status() == StatusCode::OK && !is_known_route(&path) {
        *response.status_mut() = StatusCode::NOT_FOUND;
    }
    response
}

/// The markdown pages for machines and `llms.txt` are UTF-8 text; the file
/// server's guess names no charset, so a reader could decode `–` wrongly.
fn with_text_charset(mut response: Response, path: &str) -> Response {
    let media = if path.ends_with(".md") {
        "text/markdown; charset=utf-8"
    } else if path.ends_with(".txt") {
        "text/plain; charset=utf-8"
    } else {
        return response;
    };
    if response.status().is_success() {
        response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(media));
    }
    response
}

/// What `/` shows when no explorer build is configured.
fn landing_page() -> Response {
    Html(concat!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Cloud API sandbox</title>",
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"></head>",
        // No inline style: the page runs under the same policy as the app
        // (see page_headers.rs), which allows no inline styles.
        "<body>",
        "<h1>Cloud API sandbox</h1>",
        "<p>The API is running. The explorer is not being served: start the sandbox with ",
        "<code>--static-dir &lt;trunk dist dir&gt;</code> to serve it here.</p>",
        "<ul><li><a href=\"/v2/ping\">/v2/ping</a></li>",
        "<li><a href=\"/openapi.json\">/openapi.json</a></li>",
        "<li><a href=\"/sandbox/keys\">/sandbox/keys</a> (demo API keys)</li></ul>",
        "</body></html>"
    ))
    .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn api_paths_and_app_routes() {
        for p in ["/v1", "/v1/", "/v1/nope", "/v2/ping", "/sandbox/keys", "/openapi.json"] {
            assert!(is_api_path(p), "{p}");
        }
        for p in ["/", "/v1x", "/v10/a", "/reference/list-resources", "/sandboxes", "/openapi.jsonx"] {
            assert!(!is_api_path(p), "{p}");
        }
        assert!(is_app_route("/reference/list-resources"));
        assert!(is_app_route("/"));
        assert!(!is_app_route("/explorer-1a2b.wasm"));
    }

    #[test]
    fn only_same_origin_redirects_pass() {
        let with_location = |location: &str| {
            let mut response = StatusCode::TEMPORARY_REDIRECT.into_response();
            response.headers_mut().insert(header::LOCATION, HeaderValue::from_str(location).unwrap());
            response
        };
        for ok in ["/playground/", "/a/b?c=d"] {
            assert!(stays_on_origin(&with_location(ok)), "{ok}");
        }
        for bad in ["//evil.example/", "/\\evil.example", "https://evil.example/", "evil"] {
            assert!(!stays_on_origin(&with_location(bad)), "{bad}");
        }
        assert!(stays_on_origin(&StatusCode::OK.into_response()));
    }

    #[test]
    fn known_routes_come_from_the_docs() {
        for p in ["/", "/reference/list-resources", "/reference/list-resources/", "/errors", "/request"] {
            assert!(is_known_route(p), "{p}");
        }
        for p in ["/nope", "/reference/nope", "/reference", "/requests"] {
            assert!(!is_known_route(p), "{p}");
        }
    }
}
