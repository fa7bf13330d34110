//! Embeds the workspace's `content/` folder, in two forms:
//!
//! - `FILES`: every markdown file as written, for the host-side tools and
//!   tests (the sandbox's docs-agreement test, the OpenAPI export checks);
//! - `DOCS`: the same pages parsed with pulldown-cmark by `explorer-core`,
//!   in its compact binary form. The browser bundle uses only this one, so
//!   it carries neither the parser nor its tables.
//!
//! A page that does not parse stops the build with every `file:line` error.
//! The list is generated rather than written by hand so that a new page can
//! never be forgotten: adding a file to `content/` is enough.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets this"));
    let root = manifest.join("../../content");
    let root = root.canonicalize().expect("the content/ folder exists beside crates/");
    println!("cargo:rerun-if-changed={}", root.display());

    let mut files = Vec::new();
    collect(&root, &root, &mut files);
    files.sort();

    let mut listing = String::from(
        "/// Every content file: (path relative to `content/`, text).\npub static FILES: &[(&str, &str)] = &[\n",
    );
    let mut texts = Vec::new();
    for (relative, absolute) in &files {
        println!("cargo:rerun-if-changed={}", absolute.display());
        writeln!(listing, "    ({relative:?}, include_str!({:?})),", absolute.display().to_string())
            .expect("writing to a String cannot fail");
        let text = std::fs::read_to_string(absolute).unwrap_or_else(|e| panic!("reading {}: {e}", absolute.display()));
        texts.push((relative.clone(), text));
    }
    listing.push_str("];\n");

    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets this"));
    std::fs::write(out.join("files.rs"), listing).expect("OUT_DIR is writable");

    let pairs: Vec<(&str, &str)> = texts.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
    match explorer_core::Docs::load(&pairs) {
        Ok(docs) => std::fs::write(out.join("docs.bin"), docs.to_embedded()).expect("OUT_DIR is writable"),
        Err(errors) => panic!("\n\nthe docs in content/ do not parse:\n{}\n", explorer_core::error::report(&errors)),
    }
}

fn collect(root: &Path, dir: &Path, files: &mut Vec<(String, PathBuf)>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("reading {}: {e}", dir.display()));
    for entry in entries {
        let path = entry.expect("directory entry").path();
        if path.is_dir() {
            println!("cargo:rerun-if-changed={}", path.display());
            collect(root, &path, files);
        } else if path.extension().is_some_and(|ext| ext == "md") {
            let relative = path.strip_prefix(root).expect("inside root").to_string_lossy().replace('\\', "/");
            files.push((relative, path));
        }
    }
}
