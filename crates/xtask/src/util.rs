//! Running commands and finding the workspace.

use std::path::PathBuf;
use std::process::{Command, Stdio};

/// The workspace root (two levels above this crate).
pub fn root() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().and_then(|p| p.parent()).expect("crates/xtask sits two levels down").to_path_buf()
}

/// Where cargo puts what it builds: `CARGO_TARGET_DIR` when set (several
/// work trees may share one, so dependencies are built once), else
/// `target/` in the workspace.
pub fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) if !dir.is_empty() => root().join(dir),
        _ => root().join("target"),
    }
}

/// PATH with the project's npm tools first, so the build finds npm's
/// wasm-opt (binaryen 132) rather than a system one.
pub fn tool_path() -> String {
    let tools = root().join("tools/node_modules/.bin");
    let cargo_bin = home_cargo_bin();
    let current = std::env::var("PATH").unwrap_or_default();
    format!("{}:{}:{current}", tools.display(), cargo_bin.display())
}

pub fn home_cargo_bin() -> PathBuf {
    std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(std::env::var_os("HOME").unwrap_or_default()).join(".cargo"))
        .join("bin")
}

/// A command run from the workspace root with the tool PATH.
pub fn cmd(program: &str, args: &[&str]) -> Command {
    let mut command = Command::new(program);
    command.args(args).current_dir(root()).env("PATH", tool_path());
    command
}

/// Runs a command, echoing it, and fails with its name if it fails.
pub fn exec(mut command: Command) -> Result<(), String> {
    let shown = describe(&command);
    eprintln!("\n$ {shown}");
    let status = command.status().map_err(|e| format!("cannot start `{shown}`: {e}"))?;
    if status.success() { Ok(()) } else { Err(format!("`{shown}` failed ({status})")) }
}

/// Whether a command runs and succeeds, quietly.
pub fn succeeds(program: &str, args: &[&str]) -> bool {
    Command::new(program)
        .args(args)
        .env("PATH", tool_path())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// The trimmed standard output of a command, if it succeeds.
pub fn output(program: &str, args: &[&str]) -> Option<String> {
    let out = Command::new(program).args(args).env("PATH", tool_path()).stderr(Stdio::null()).output().ok()?;
    out.status.success().then(|| String::from_utf8_lossy(&out.stdout).trim().to_owned())
}

fn describe(command: &Command) -> String {
    let mut parts = vec![command.get_program().to_string_lossy().into_owned()];
    parts.extend(command.get_args().map(|a| a.to_string_lossy().into_owned()));
    parts.join(" ")
}
