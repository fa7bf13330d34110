//! Builds the explorer's wasm into Trunk's staging folder. Trunk runs this
//! as a post-build hook (see Trunk.toml), so `trunk build` stays the one
//! build command; Trunk's own Rust step is not used, because the module is
//! split between linking and `wasm-bindgen`:
//!
//! 1. the shell (`explorer`, with the playground as a library) is linked
//!    keeping its relocations (`--emit-relocs`);
//! 2. `wasm_split_cli_support` moves the code reachable only from the
//!    playground's split points into a chunk, and writes the small JS that
//!    fetches it at the first call;
//! 3. `wasm-bindgen` makes the main module's JS, and `wasm-opt -Oz` shrinks
//!    both modules (release builds).
//!
//! Output: `explorer-<hash>.js`, `explorer-<hash>_bg.wasm` and
//! `explorer-<hash>-split.js` at the root (the first load), and
//! `playground/playground-<hash>.{wasm,css}` (fetched when idle or at the
//! first use); index.html gets the script that starts the module and the
//! stylesheet's name. Then the markdown pages for machines (`llms.txt`,
//! each page as `.md`), and in a release build the precompressed copies.

use std::hash::{DefaultHasher, Hasher};
use std::path::{Path, PathBuf};

use crate::util::{cmd, exec, root, target_dir};

const META: &str = "explorer-playground";
/// Where the boot script goes: before `</head>`.
const HEAD_END: &str = "</head>";

pub fn build() -> Result<(), String> {
    let staging = std::env::var_os("TRUNK_STAGING_DIR")
        .map(PathBuf::from)
        .ok_or("run through `trunk build` (TRUNK_STAGING_DIR is not set)")?;
    let release = std::env::var("TRUNK_PROFILE").is_ok_and(|p| p == "release");
    let (profile, profile_dir) = if release { ("wasm-release", "wasm-release") } else { ("dev", "debug") };

    // `cargo rustc` passes the flag to the final link only, so the
    // dependencies stay as other wasm builds left them.
    exec(cmd(
        "cargo",
        &[
            "rustc",
            "--package",
            "explorer",
            "--bin",
            "explorer",
            "--target",
            "wasm32-unknown-unknown",
            "--profile",
            profile,
            "--",
            "-C",
            "link-args=--emit-relocs",
        ],
    ))?;
    let linked = read(&target_dir().join(format!("wasm32-unknown-unknown/{profile_dir}/explorer.wasm")))?;
    let hash = {
        let mut hasher = DefaultHasher::new();
        hasher.write(&linked);
        format!("{:016x}", hasher.finish())
    };
    let main_js = format!("explorer-{hash}.js");
    let split_js = format!("explorer-{hash}-split.js");

    let work = target_dir().join(format!("wasm-split/{profile_dir}"));
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work).map_err(|e| format!("creating {}: {e}", work.display()))?;
    let main_wasm = work.join("main.wasm");
    let link_name = format!("./{split_js}");
    let main_module = format!("./{main_js}");
    let split = wasm_split_cli_support::transform({
        let mut options = wasm_split_cli_support::Options::new(&linked);
        options.output_dir = &work;
        options.main_out_path = &main_wasm;
        options.link_name = &link_name;
        options.main_module = &main_module;
        options
    })
    .map_err(|e| format!("splitting the wasm: {e:#}"))?;

    exec(cmd(
        "wasm-bindgen",
        &[
            "--target",
            "web",
            "--no-typescript",
            "--keep-lld-exports",
            "--out-name",
            &format!("explorer-{hash}"),
            "--out-dir",
            &staging.display().to_string(),
            &main_wasm.display().to_string(),
        ],
    ))?;
    let main_bg = staging.join(format!("explorer-{hash}_bg.wasm"));
    if release {
        optimize(&main_bg)?;
    }

    // Each chunk goes to playground/ under a name with its own hash, and
    // the split JS is pointed at it.
    let out = staging.join("playground");
    std::fs::create_dir_all(&out).map_err(|e| format!("creating {}: {e}", out.display()))?;
    let mut loader = String::from_utf8(read(&work.join(&split_js))?).map_err(|_| "the split JS is not UTF-8")?;
    if split.split_modules.is_empty() {
        return Err("the wasm has no split point: the playground's entry points were not found".to_owned());
    }
    for chunk in &split.split_modules {
        if release {
            optimize(chunk)?;
        }
        let bytes = read(chunk)?;
        let stem = chunk.file_stem().and_then(|s| s.to_str()).ok_or("a chunk without a name")?;
        let name = format!("{}-{}.wasm", stem.trim_start_matches("split_"), content_hash(&bytes));
        write(&out.join(&name), &bytes)?;
        loader = point_at(&loader, &format!("./{stem}.wasm"), &format!("./playground/{name}"))?;
    }
    write(&staging.join(&split_js), loader.as_bytes())?;

    let css = stylesheets()?;
    let css_name = format!("playground-{}.css", content_hash(css.as_bytes()));
    write(&out.join(&css_name), css.as_bytes())?;

    let index = staging.join("index.html");
    let html = String::from_utf8(read(&index)?).map_err(|_| "index.html is not UTF-8".to_owned())?;
    let meta = format!("<meta name=\"{META}\" content=\"\" data-css=\"/playground/{css_name}\">");
    let html = fill_meta(&html, &meta)?;
    write(&index, with_boot(&html, &main_js, &format!("explorer-{hash}_bg.wasm"))?.as_bytes())?;
    eprintln!("wasm: {main_js} and {} chunk(s) in playground/", split.split_modules.len());

    let pages = markdown_pages(&staging)?;
    eprintln!("markdown for machines: llms.txt, llms-full.txt and {pages} pages");
    // Last, so the copies are made from the final files of the bundle.
    if release {
        let count = crate::precompress::all(&staging)?;
        eprintln!("precompressed {count} files (.br and .gz)");
    }
    Ok(())
}

fn optimize(wasm: &Path) -> Result<(), String> {
    let target = wasm.display().to_string();
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
    ))
}

fn content_hash(bytes: &[u8]) -> String {
    let mut hasher = DefaultHasher::new();
    hasher.write(bytes);
    format!("{:016x}", hasher.finish())
}

/// `js` with its one mention of the chunk `from` replaced by `to`.
fn point_at(js: &str, from: &str, to: &str) -> Result<String, String> {
    let quoted = format!("\"{from}\"");
    match js.matches(&quoted).count() {
        1 => Ok(js.replace(&quoted, &format!("\"{to}\""))),
        n => Err(format!("the split JS names {from} {n} times, expected once")),
    }
}

/// `html` with the module's preloads and the script that starts it, before
/// `</head>` (the sandbox allows this inline script by its hash).
fn with_boot(html: &str, main_js: &str, main_wasm: &str) -> Result<String, String> {
    let at = html.find(HEAD_END).ok_or("index.html has no </head>")?;
    let boot = format!(
        "<link rel=\"modulepreload\" href=\"/{main_js}\">\
         <link rel=\"preload\" href=\"/{main_wasm}\" as=\"fetch\" type=\"application/wasm\" crossorigin>\
         <script type=\"module\">import init from \"/{main_js}\";init({{module_or_path:\"/{main_wasm}\"}});</script>"
    );
    Ok(format!("{}{boot}{}", &html[..at], &html[at..]))
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

    #[test]
    fn points_the_split_js_at_the_hashed_chunk_once() {
        let js = "fetch(new URL(\"./split_playground.wasm\", import.meta.url))";
        assert_eq!(
            point_at(js, "./split_playground.wasm", "./playground/playground-1.wasm").unwrap(),
            "fetch(new URL(\"./playground/playground-1.wasm\", import.meta.url))"
        );
        assert!(point_at("nothing here", "./split_playground.wasm", "x").is_err());
        assert!(point_at(&format!("{js}{js}"), "./split_playground.wasm", "x").is_err());
    }

    #[test]
    fn the_boot_script_goes_before_the_end_of_head() {
        let html = with_boot("<head><title>t</title></head><body></body>", "e.js", "e_bg.wasm").unwrap();
        assert!(html.starts_with("<head><title>t</title><link rel=\"modulepreload\" href=\"/e.js\">"));
        assert!(html.contains("<script type=\"module\">import init from \"/e.js\";init({module_or_path:\"/e_bg.wasm\"});</script></head><body>"));
        assert!(with_boot("<body></body>", "e.js", "e_bg.wasm").is_err());
    }
}
