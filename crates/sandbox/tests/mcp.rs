//! The MCP server at /mcp, driven by a real MCP client: PyPI's `mcp`
//! package (installed by `cargo xtask setup` in `tools/python`), connecting
//! with the configuration the README gives, against this sandbox on a
//! random port. The script checks every tool, the page resources and a bad
//! input (`tests/mcp_client.py`).

use std::path::PathBuf;
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The README's MCP client configuration, as written.
fn readme_config() -> String {
    let readme = std::fs::read_to_string(root().join("README.md")).expect("README.md");
    let after = readme.split("<!-- mcp-config").nth(1).expect("the README marks its MCP configuration");
    let block = after.split("```json\n").nth(1).and_then(|b| b.split("\n```").next()).expect("a json block");
    block.to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_real_mcp_client_uses_every_tool_and_resource() {
    let python = root().join("tools/python/bin/python");
    assert!(python.exists(), "{} is missing: run `cargo xtask setup` (it installs PyPI's mcp there)", python.display());
    let server =
        sandbox::spawn(sandbox::Config::in_memory(), "127.0.0.1:0".parse().expect("address")).await.expect("starts");
    let key = server.state.seeded_keys().pro;
    let config = readme_config().replace("http://127.0.0.1:8080", &server.url()).replace("sk_live_YOUR_DEMO_KEY", &key);
    assert!(config.contains(&key), "the README's configuration has the key placeholder");
    let file = std::env::temp_dir().join(format!("mcp-config-{}.json", std::process::id()));
    std::fs::write(&file, &config).expect("temp file");
    let script = root().join("crates/sandbox/tests/mcp_client.py");
    let output = tokio::task::spawn_blocking(move || Command::new(python).arg(script).arg(&file).output())
        .await
        .expect("joined")
        .expect("python runs");
    server.stop().await;
    let stdout = String::from_utf8_lossy(&output.stdout);
    eprintln!("{stdout}");
    assert!(
        output.status.success() && stdout.contains("all MCP checks passed"),
        "the MCP client failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// `/mcp` answers loopback host names and pages of those hosts only: no
/// other site's page can drive it from a reader's browser (DNS rebinding,
/// cross-site requests).
#[tokio::test]
async fn other_hosts_and_other_sites_pages_are_refused() {
    let server =
        sandbox::spawn(sandbox::Config::in_memory(), "127.0.0.1:0".parse().expect("address")).await.expect("starts");
    let client = reqwest::Client::builder().no_proxy().build().expect("client");
    let initialize = r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}"#;
    let post = |origin: Option<&str>, host: Option<&str>| {
        let mut request = client
            .post(format!("{}/mcp", server.url()))
            .header("Content-Type", "application/json")
            .header("Accept", "application/json, text/event-stream")
            .body(initialize);
        if let Some(origin) = origin {
            request = request.header("Origin", origin);
        }
        if let Some(host) = host {
            request = request.header("Host", host);
        }
        request.send()
    };
    let ok = post(None, None).await.expect("answered");
    assert_eq!(ok.status(), 200, "an MCP client without Origin is served");
    assert!(ok.headers().contains_key("x-request-id"), "and /mcp has the request id like every answer");
    assert_eq!(post(Some("http://127.0.0.1:5173"), None).await.expect("answered").status(), 200);
    assert_eq!(post(Some("https://evil.example"), None).await.expect("answered").status(), 403);
    assert_eq!(post(None, Some("evil.example")).await.expect("answered").status(), 403);
    server.stop().await;
}
