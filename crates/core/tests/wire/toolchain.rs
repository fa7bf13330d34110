//! The programs that run the snippets: each must be installed, and a
//! missing one fails its test with the command that installs it.

use std::path::PathBuf;
use std::process::{Command, Stdio};

/// Fails the test unless `program args` runs successfully here. The message
/// is the panic itself, so it shows in the test summary, not only on stderr.
pub fn require(lang: &str, program: &str, args: &[&str], install: &str) {
    let runs = Command::new(program).args(args).stdout(Stdio::null()).stderr(Stdio::null()).status();
    if !runs.is_ok_and(|s| s.success()) {
        panic!(
            "the {lang} snippets cannot be run: `{program} {}` fails on this machine. \
             Install it with `{install}`, or run `cargo xtask setup`.",
            args.join(" ")
        );
    }
}

/// The workspace's target folder: `CARGO_TARGET_DIR` when set (relative to
/// the workspace, as cargo reads it there), else `target/` beside the root.
pub fn workspace_target() -> PathBuf {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) => root.join(dir),
        None => root.join("target"),
    }
}
