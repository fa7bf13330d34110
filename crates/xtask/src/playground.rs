//! Builds the playground module into Trunk's staging folder. Trunk runs this
//! as a post-build hook (see Trunk.toml), so `trunk build` stays the one
//! build command and the playground follows the same profile and tools.
//!
//! Output: `playground/playground-<hash>.{js,wasm,css}`, and the shell's
//! `<meta name="explorer-playground">` in index.html filled in with those
//! names, so the shell can load them when first needed; and the markdown
//! pages for machines (`llms.txt`, each page as `.md`). The build fails
//! when the module's exports differ from those the shell calls (see
//! `exports.rs`). A release build then gets its precompressed copies
//! (`precompress`).

use std::hash::{DefaultHasher, Hasher};
use std::path::{Path, PathBuf};

use crate::util::{cmd, exec, root, target_dir};

const META: &str = "explorer-playground";

pub fn build() -> Result<(), String> {
    let staging = std::env::var_os("TRUNK_STAGING_DIR")
        .map(PathBuf::from)
        .ok_or("run through `trunk build` (TRUNK_STAGING_DIR is not set)")?;
    let release = std::env::var("TRUNK_PROFILE").is_ok_and(|p| p == "release");
    let (profile, profile_dir) = if release { ("wasm-release", "wasm-release") } else { ("dev", "debug") };

    exec(cmd(
        "cargo",
        &["build", "--package", "playground", "--target", "wasm32-unknown-unknown", "--profile", profile],
    ))?;
    let wasm = target_dir().join(format!("wasm32-unknown-unknown/{profile_dir}/playground.wasm"));
    let out = staging.join("playground");
    std::fs::create_dir_all(&out).map_err(|e| format!("creating {}: {e}", out.display()))?;
    exec(cmd(
        "wasm-bindgen",
        &[
            "--target",
            "web",
            "--no-typescript",
            "--out-name",
            "playground",
            "--out-dir",
            &out.display().to_string(),
            &wasm.display().to_string(),
        ],
    ))?;
    let bindgen_wasm = out.join("playground_bg.wasm");
    if release {
        let target = bindgen_wasm.display().to_string();
        exec(cmd(
            "wasm-opt",
            &[
                "-Oz",
                "--enable-reference-types",
                "--enable-bulk-memory",
                "--enable-nontrapping-float-to-int",
                "--enable-sign-ext",
                "--enable-mutable-globals",
                "--enable-multivalue",
                "--strip-debug",
                "--strip-producers",
                &target,
                "-o",
                &target,
            ],
        ))?;
    }

    let wasm_bytes = read(&bindgen_wasm)?;
    let js = read(&out.join("playground.js"))?;
    crate::exports::check(&String::from_utf8_lossy(&js))?;
    let css = stylesheets()?;
    let hash = {
        let mut hasher = DefaultHasher::new();
        hasher.write(&wasm_bytes);
        hasher.write(&js);
        hasher.write(css.as_bytes());
        format!("{:016x}", hasher.finish())
    };
    let name = |ext: &str| format!("playground-{hash}{ext}");
    rename(&bindgen_wasm, &out.join(name("_bg.wasm")))?;
    rename(&out.join("playground.js"), &out.join(name(".js")))?;
    write(&out.join(name(".css")), css.as_bytes())?;

    let index = staging.join("index.html");
    let html = String::from_utf8(read(&index)?).map_err(|_| "index.html is not UTF-8".to_owned())?;
    let tag = format!(
        "<meta name=\"{META}\" content=\"/playground/{}\" data-wasm=\"/playground/{}\" data-css=\"/playground/{}\">",
        name(".js"),
        name("_bg.wasm"),
        name(".css")
    );
    write(&index, fill_meta(&html, &tag)?.as_bytes())?;
    eprintln!("playground: {}", out.join(name(".js")).display());
    let pages = markdown_pages(&staging)?;
    eprintln!("markdown for machines: llms.txt, llms-full.txt and {pages} pages");
    // Last, so the copies are made from the final files of the bundle.
    if release {
        let count = crate::precompress::all(&staging)?;
        eprintln!("precompressed {count} files (.br and .gz)");
    }
    Ok(())
}

/// `llms.txt`, `llms-full.txt` and every page as `<route>.md`, from the
/// docs model (`explorer_core::llms`), so a static host serves them too.
/// Returns how many pages were written.
fn markdown_pages(staging: &Path) -> Result<usize, String> {
    let docs = explorer_core::Docs::from_embedded(explorer_content::DOCS).map_err(|e| e.to_string())?;
    let files = explorer_core::llms::files(&docs);
    for (path, text) in &files {
        let target = staging.join(path);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("creating {}: {e}", parent.display()))?;
        }
        write(&target, text.as_bytes())?;
    }
    Ok(files.len() - 2)
}

/// Replaces the placeholder `<meta name="explorer-playground" …>` tag.
fn fill_meta(html: &str, tag: &str) -> Result<String, String> {
    let at = html.find(META).ok_or(format!("index.html has no <meta name=\"{META}\"> placeholder"))?;
    let start = html[..at].rfind('<').ok_or("malformed placeholder")?;
    let end = at + html[at..].find('>').ok_or("malformed placeholder")? + 1;
    Ok(format!("{}{tag}{}", &html[..start], &html[end..]))
}

/// Every stylesheet beside the playground's components, in path order.
fn stylesheets() -> Result<String, String> {
    let mut files = Vec::new();
    collect_css(&root().join("crates/playground/src"), &mut files)?;
    files.sort();
    let mut css = String::new();
    for file in files {
        css.push_str(&String::from_utf8_lossy(&read(&file)?));
        css.push('\n');
    }
    Ok(css)
}

fn collect_css(dir: &Path, files: &mut Vec<PathBuf>) -> Result<(), String> {
    for entry in std::fs::read_dir(dir).map_err(|e| format!("reading {}: {e}", dir.display()))? {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.is_dir() {
            collect_css(&path, files)?;
        } else if path.extension().is_some_and(|e| e == "css") {
            files.push(path);
        }
    }
    Ok(())
}

fn read(path: &Path) -> Result<Vec<u8>, String> {
    std::fs::read(path).map_err(|e| format!("reading {}: {e}", path.display()))
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), String> {
    std::fs::write(path, bytes).map_err(|e| format!("writing {}: {e}", path.display()))
}

fn rename(from: &Path, to: &Path) -> Result<(), String> {
    std::fs::rename(from, to).map_err(|e| format!("renaming {}: {e}", from.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_the_placeholder_minified_or_not() {
        let tag = "<meta name=\"explorer-playground\" content=\"/p.js\">";
        assert_eq!(
            fill_meta("<head><meta name=\"explorer-playground\" content=\"\"><title>", tag).unwrap(),
            format!("<head>{tag}<title>")
        );
        assert_eq!(fill_meta("<meta content= name=explorer-playground>x", tag).unwrap(), format!("{tag}x"));
        assert!(fill_meta("<head></head>", tag).is_err());
    }
}
