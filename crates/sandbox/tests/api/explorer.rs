//! Serving the built explorer: files, SPA deep links, wasm, compression.

use reqwest::{Method, StatusCode};

use crate::common::{Sandbox, header, problem};

const INDEX: &str =
    "<!doctype html><title>Cloud API Explorer</title><script type=module src=/explorer-1a2b3c.js></script>";

async fn with_dist() -> (Sandbox, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("index.html"), INDEX).expect("write");
    std::fs::write(dir.path().join("explorer-1a2b3c.js"), "export default 1;\n".repeat(500)).expect("write");
    std::fs::write(dir.path().join("explorer-1a2b3c_bg.wasm"), b"\0asm\x01\0\0\0").expect("write");
    let config = sandbox::Config::in_memory().with_static_dir(dir.path());
    (Sandbox::start_with(config).await, dir)
}

#[tokio::test]
async fn index_assets_and_deep_links() {
    let (s, _dir) = with_dist().await;
    for path in ["/", "/quick-start", "/reference/list-resources", "/errors", "/request"] {
        let r = s.request(Method::GET, path).send().await.expect("answered");
        assert_eq!(r.status(), StatusCode::OK, "{path}");
        assert!(header(&r, "content-type").unwrap_or_default().starts_with("text/html"), "{path}");
        assert_eq!(r.text().await.expect("text"), INDEX, "{path}");
    }
    let r = s.request(Method::GET, "/explorer-1a2b3c_bg.wasm").send().await.expect("answered");
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(header(&r, "content-type"), Some("application/wasm"));
    let r = s.request(Method::GET, "/explorer-1a2b3c.js").send().await.expect("answered");
    assert!(header(&r, "content-type").unwrap_or_default().contains("javascript"));

    // An unknown route is the app (which shows its not-found page) with a 404.
    for path in ["/nope", "/reference/nope", "/reference/list-resources/extra"] {
        let r = s.request(Method::GET, path).send().await.expect("answered");
        assert_eq!(r.status(), StatusCode::NOT_FOUND, "{path}");
        assert_eq!(r.text().await.expect("text"), INDEX, "{path}");
    }

    // A missing file is a 404, not the app.
    let r = s.request(Method::GET, "/explorer-ffffff.js").send().await.expect("answered");
    problem(r, 404, "not_found").await;
    // API prefixes never fall back to the app.
    for path in ["/v1/nope", "/v2/reference", "/sandbox/nope"] {
        let r = s.request(Method::GET, path).send().await.expect("answered");
        problem(r, 404, "not_found").await;
    }
    let r = s.request(Method::POST, "/quick-start").send().await.expect("answered");
    problem(r, 405, "method_not_allowed").await;
}

/// The markdown for machines the build writes beside the app is served as
/// UTF-8 text, and a missing page is a 404, never the app.
#[tokio::test]
async fn markdown_pages_and_llms_txt_are_served_as_text() {
    let (s, dir) = with_dist().await;
    std::fs::create_dir_all(dir.path().join("reference")).expect("mkdir");
    std::fs::write(dir.path().join("llms.txt"), "# Cloud API\n").expect("write");
    std::fs::write(dir.path().join("reference/ping.md"), "# Ping – v2\n").expect("write");
    let r = s.request(Method::GET, "/llms.txt").send().await.expect("answered");
    assert_eq!(header(&r, "content-type"), Some("text/plain; charset=utf-8"));
    let r = s.request(Method::GET, "/reference/ping.md").send().await.expect("answered");
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(header(&r, "content-type"), Some("text/markdown; charset=utf-8"));
    assert_eq!(r.text().await.expect("text"), "# Ping – v2\n");
    let r = s.request(Method::GET, "/reference/nope.md").send().await.expect("answered");
    problem(r, 404, "not_found").await;
}

#[tokio::test]
async fn assets_are_compressed_when_asked() {
    let (s, _dir) = with_dist().await;
    // reqwest here has no decompression, so the raw encoding is visible.
    let r =
        s.request(Method::GET, "/explorer-1a2b3c.js").header("Accept-Encoding", "gzip").send().await.expect("answered");
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(header(&r, "content-encoding"), Some("gzip"));
    let body = r.bytes().await.expect("body");
    assert!(body.len() < 500, "compressed: {} bytes", body.len());
}

#[tokio::test]
async fn without_a_dist_the_root_says_where_things_are() {
    let s = Sandbox::start().await;
    let r = s.request(Method::GET, "/").send().await.expect("answered");
    assert_eq!(r.status(), StatusCode::OK);
    let page = r.text().await.expect("text");
    // How to get the explorer served, and where the API starts.
    for said in ["--static-dir", "/openapi.json", "/sandbox/keys", "/v2/ping"] {
        assert!(page.contains(said), "the landing page names {said}: {page}");
    }
    // A docs route without an explorer: the problem names the path and the routes list.
    let r = s.request(Method::GET, "/reference/list-resources").send().await.expect("answered");
    let p = problem(r, 404, "not_found").await;
    let detail = p["detail"].as_str().unwrap_or_default();
    assert!(detail.contains("/reference/list-resources") && detail.contains("/openapi.json"), "{detail}");
}

#[tokio::test]
async fn repeated_slashes_are_collapsed_and_redirects_stay_on_this_origin() {
    let (s, dir) = with_dist().await;
    std::fs::create_dir(dir.path().join("playground")).expect("mkdir");
    std::fs::write(dir.path().join("playground/playground-1.js"), "1").expect("write");
    let client = reqwest::Client::builder().no_proxy().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    for (path, to) in [
        ("//playground", "/playground"),
        ("//playground/", "/playground/"),
        ("///evil.example/x?y=1", "/evil.example/x?y=1"),
        ("/a//b", "/a/b"),
    ] {
        let r = client.get(s.url(path)).send().await.expect("answered");
        assert_eq!(r.status(), StatusCode::PERMANENT_REDIRECT, "{path}");
        assert_eq!(header(&r, "location"), Some(to), "{path}");
    }
    // The file server's own redirect (a folder without its slash) is a path.
    let r = client.get(s.url("/playground")).send().await.expect("answered");
    assert!(r.status().is_redirection(), "{}", r.status());
    assert_eq!(header(&r, "location"), Some("/playground/"));
    // A path browsers would read as another host is refused, not redirected
    // (sent raw: URL parsers turn `\\` into `/` before it leaves).
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let addr = s.url("").trim_start_matches("http://").trim_end_matches('/').to_owned();
    let mut stream = tokio::net::TcpStream::connect(&addr).await.expect("connect");
    stream.write_all(b"GET //\\evil.example HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").await.expect("write");
    let mut answer = String::new();
    stream.read_to_string(&mut answer).await.expect("read");
    assert!(answer.starts_with("HTTP/1.1 404"), "{answer}");
    assert!(!answer.to_ascii_lowercase().contains("location:"), "{answer}");
}

#[tokio::test]
async fn pages_carry_a_policy_that_allows_exactly_their_inline_scripts() {
    let dir = tempfile::tempdir().expect("temp dir");
    let index = "<!doctype html><script>var t = 1;</script><script type=module src=/app.js></script>";
    std::fs::write(dir.path().join("index.html"), index).expect("write");
    let s = Sandbox::start_with(sandbox::Config::in_memory().with_static_dir(dir.path())).await;
    let r = s.request(Method::GET, "/reference/list-resources").send().await.expect("answered");
    let csp = header(&r, "content-security-policy").unwrap_or_default().to_owned();
    assert_eq!(csp, sandbox::page_headers::with_inline_scripts(index));
    assert_eq!(csp.matches("'sha256-").count(), 1, "{csp}");
    assert!(csp.contains("'wasm-unsafe-eval'") && csp.contains("frame-ancestors 'none'"), "{csp}");
    assert_eq!(header(&r, "x-frame-options"), Some("DENY"));
    // API answers get the plain headers but no page policy.
    let r = s.request(Method::GET, "/v2/ping").send().await.expect("answered");
    assert_eq!(header(&r, "x-content-type-options"), Some("nosniff"));
    assert_eq!(header(&r, "referrer-policy"), Some("no-referrer"));
    assert_eq!(header(&r, "content-security-policy"), None);
}
