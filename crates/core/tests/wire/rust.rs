//! The Rust snippets of a batch as one binary of a cargo project of its own,
//! `target/snippet-rust`, outside the workspace: its dependencies (what the
//! snippet uses: reqwest and tokio) are built once, so each later run only
//! compiles the snippets. Each snippet becomes a module whose `main` is
//! called in turn.

use std::path::{Path, PathBuf};

use explorer_core::request::{Lang, Secret, snippet};

use super::batch::{MARK, Program, compile};
use super::cases::Item;
use super::server::command;
use super::toolchain::workspace_target;

/// Exactly what the snippet needs, without TLS (the capture server speaks
/// plain HTTP) so nothing links OpenSSL. The empty `[workspace]` keeps it out
/// of the explorer's workspace.
const MANIFEST: &str = r#"[package]
name = "snippet-rust"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
reqwest = { version = "0.12", default-features = false }
tokio = { version = "1", features = ["macros", "rt-multi-thread"] }

[workspace]
"#;

pub fn code(item: &Item) -> String {
    snippet(Lang::Rust, &item.request, item.case.secret)
}

/// The shared project, created or updated without touching what is current
/// (a rewritten manifest would make cargo resolve again).
pub fn project() -> PathBuf {
    let dir = workspace_target().join("snippet-rust");
    std::fs::create_dir_all(dir.join("src/bin")).expect("the snippet-rust folder");
    let write_if_changed = |path: &Path, text: &str| {
        if std::fs::read_to_string(path).ok().as_deref() != Some(text) {
            std::fs::write(path, text).expect("write to snippet-rust");
        }
    };
    write_if_changed(&dir.join("Cargo.toml"), MANIFEST);
    write_if_changed(&dir.join("src/main.rs"), "fn main() {}\n");
    dir
}

/// Writes the batch as the binary `name` of `project` (one name per test
/// process, so two runs at once do not overwrite each other) and builds it.
pub fn build(project: &Path, name: &str, items: &[Item]) -> PathBuf {
    let mut program = Program::new();
    for (i, item) in items.iter().enumerate() {
        let code = code(item);
        assert!(code.contains("\nasync fn main()"), "a Rust snippet has an async main:\n{code}");
        program.case(&format!(
            "mod wire_case_{i} {{\n{}}}\n\n",
            code.replacen("\nasync fn main()", "\npub async fn main()", 1)
        ));
    }
    let arms: String = (0..items.len()).map(|i| format!("            \"{i}\" => wire_case_{i}::main(),\n")).collect();
    program.text.push_str(&format!(
        "fn main() {{\n    for arg in std::env::args().skip(1) {{\n        eprintln!(\"{MARK}{{arg}}\");\n        \
         let result = match arg.as_str() {{\n{arms}            _ => panic!(\"no case {{arg}}\"),\n        }};\n        \
         if let Err(error) = result {{\n            eprintln!(\"error: {{error}}\");\n            std::process::exit(1);\n        \
         }}\n    }}\n}}\n"
    ));
    let source = format!("src/bin/{name}.rs");
    std::fs::write(project.join(&source), &program.text).expect("write the Rust program");
    let mut cargo = command("cargo", Secret::Reveal);
    cargo.current_dir(project).args(["build", "--quiet", "--bin", name]);
    // Offline once the lock file says the dependencies were fetched.
    if project.join("Cargo.lock").exists() {
        cargo.arg("--offline");
    }
    // Its own target folder and flags: the outer `cargo test` holds the
    // workspace's, and its jobserver and RUSTFLAGS are not this build's.
    cargo.env("CARGO_TARGET_DIR", project.join("target"));
    for var in ["RUSTFLAGS", "CARGO_ENCODED_RUSTFLAGS", "CARGO_MAKEFLAGS", "CARGO_BUILD_TARGET"] {
        cargo.env_remove(var);
    }
    compile("Rust", cargo, &program, &source, items, &code);
    project.join("target/debug").join(name)
}

/// Removes the binary's source and build products: each process has its own.
pub fn clean(project: &Path, name: &str) {
    let _ = std::fs::remove_file(project.join(format!("src/bin/{name}.rs")));
    let debug = project.join("target/debug");
    let _ = std::fs::remove_file(debug.join(name));
    let _ = std::fs::remove_file(debug.join(format!("{name}.d")));
    for sub in ["deps", "incremental", ".fingerprint"] {
        let prefix = format!("{name}-");
        for entry in std::fs::read_dir(debug.join(sub)).into_iter().flatten().flatten() {
            if entry.file_name().to_string_lossy().starts_with(&prefix) {
                let path = entry.path();
                let _ = if path.is_dir() { std::fs::remove_dir_all(&path) } else { std::fs::remove_file(&path) };
            }
        }
    }
}
