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
