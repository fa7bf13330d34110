//! Installs what a fresh machine (with only the Rust toolchain) lacks.
//! Every step checks first, so a second run takes a second.

use std::path::Path;

use crate::util::{cmd, exec, output, root, succeeds};

/// Versions the build depends on exactly (see DEVELOPERS.md).
const TRUNK: &str = "0.21.14";
const WASM_BINDGEN: &str = "0.2.130";
/// Debian packages the tests use.
const APT_PACKAGES: [(&str, &str); 7] = [
    // The sandbox's second engine, started by the test command.
    ("postgresql", "/usr/lib/postgresql"),
    ("chromium", "/usr/bin/chromium"),
    ("chromium-driver", "/usr/bin/chromedriver"),
    ("wrk", "/usr/bin/wrk"),
    ("curl", "/usr/bin/curl"),
    // Run the Ruby and Go snippets in explorer-core's on-the-wire test,
    // which fails (never skips) when one is missing.
    ("ruby", "/usr/bin/ruby"),
    ("golang-go", "/usr/bin/go"),
];
/// Python packages the tests use: requests runs the Python snippets on the
/// wire and httpie (the `http` command) the HTTPie ones; openapi-spec-validator
/// checks the OpenAPI export.
/// (module, package). jsonschema with its date-time and uri checkers is the
/// other side of the schema differential test (crates/core/tests/schema_differential.rs).
const PIP_PACKAGES: [(&str, &str); 6] = [
    ("requests", "requests"),
    ("httpie", "httpie"),
    ("openapi_spec_validator", "openapi-spec-validator"),
    ("jsonschema", "jsonschema"),
    ("rfc3339_validator", "rfc3339-validator"),
    ("rfc3987", "rfc3987"),
];

pub fn all() -> Result<(), String> {
    wasm_target()?;
    cargo_tool("trunk", &["--version"], TRUNK, &["install", "trunk", "--version", TRUNK, "--locked"])?;
    // Without --locked: the registry here lacks one of its locked dependencies.
    cargo_tool(
        "wasm-bindgen",
        &["--version"],
        WASM_BINDGEN,
        &["install", "wasm-bindgen-cli", "--version", &format!("={WASM_BINDGEN}")],
    )?;
    debian_packages()?;
    python_packages()?;
    mcp_client()?;
    npm_folder("tools")?;
    npm_folder("e2e")?;
    // Every crate of every target, so the offline wasm build (Trunk and its
    // hook run with --offline) finds them on a machine that never built.
    exec(cmd("cargo", &["fetch", "--quiet"]))
}

fn wasm_target() -> Result<(), String> {
    let installed = output("rustup", &["target", "list", "--installed"]).unwrap_or_default();
    if installed.lines().any(|l| l.trim() == "wasm32-unknown-unknown") {
        return Ok(());
    }
    exec(cmd("rustup", &["target", "add", "wasm32-unknown-unknown"]))
}

fn cargo_tool(binary: &str, version_args: &[&str], version: &str, install: &[&str]) -> Result<(), String> {
    if output(binary, version_args).is_some_and(|v| v.contains(version)) {
        return Ok(());
    }
    eprintln!("installing {binary} {version} (this compiles it; trunk takes 10-17 minutes)");
    exec(cmd("cargo", install))
}

fn debian_packages() -> Result<(), String> {
    let mut missing: Vec<&str> =
        APT_PACKAGES.iter().filter(|(_, path)| !Path::new(path).exists()).map(|(name, _)| *name).collect();
    if !succeeds("node", &["--version"]) || !succeeds("npm", &["--version"]) {
        missing.extend(["nodejs", "npm"]);
    }
    if missing.is_empty() {
        return Ok(());
    }
    let root_user = output("id", &["-u"]).is_some_and(|id| id == "0");
    let (program, prefix): (&str, &[&str]) = if root_user { ("apt-get", &[]) } else { ("sudo", &["apt-get"]) };
    let mut update = cmd(program, &[prefix, &["update", "-q"]].concat());
    update.env("DEBIAN_FRONTEND", "noninteractive");
    exec(update)?;
    let mut install = cmd(program, &[prefix, &["install", "-y", "-q"], &missing].concat());
    install.env("DEBIAN_FRONTEND", "noninteractive");
    exec(install)
}

fn python_packages() -> Result<(), String> {
    let missing: Vec<&str> = PIP_PACKAGES
        .iter()
        .filter(|(module, _)| !succeeds("python3", &["-c", &format!("import {module}")]))
        .map(|(_, package)| *package)
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    exec(cmd("python3", &[&["-m", "pip", "install", "--quiet"], &missing[..]].concat()))
}

/// The MCP client of the sandbox's MCP test (`crates/sandbox/tests/mcp.rs`):
/// PyPI's `mcp`, in its own virtual environment under `tools/python`, so
/// that its dependencies never move the ones schemathesis runs on.
pub const MCP_PYTHON: &str = "tools/python/bin/python";
const MCP_PACKAGE: &str = "mcp==2.3.0";

fn mcp_client() -> Result<(), String> {
    let python = root().join(MCP_PYTHON);
    let python = python.to_string_lossy();
    if succeeds(&python, &["-c", "import mcp, httpx2"]) {
        return Ok(());
    }
    let venv = root().join("tools/python");
    exec(cmd("python3", &["-m", "venv", &venv.to_string_lossy()]))?;
    exec(cmd(&python, &["-m", "pip", "install", "--quiet", MCP_PACKAGE]))
}

/// `npm ci` in a folder whose node_modules is missing or older than its lock.
fn npm_folder(folder: &str) -> Result<(), String> {
    let dir = root().join(folder);
    let lock = dir.join("package-lock.json");
    let stamp = dir.join("node_modules/.package-lock.json");
    let fresh = match (lock.metadata().and_then(|m| m.modified()), stamp.metadata().and_then(|m| m.modified())) {
        (Ok(lock), Ok(stamp)) => stamp >= lock,
        _ => false,
    };
    if fresh {
        return Ok(());
    }
    let mut npm = cmd("npm", &["ci", "--no-audit", "--no-fund"]);
    npm.current_dir(&dir);
    exec(npm)
}
