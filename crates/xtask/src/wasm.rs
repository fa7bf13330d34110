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
//! Output: `wasm-<hash>/` with `explorer.js`, `explorer_bg.wasm`,
//! `explorer-split.js` and wasm-bindgen's snippets (the first load; the
//! hash covers every file in it), and `playground/playground-<hash>.{wasm,
//! css}` (fetched when idle or at the first use); index.html gets the
//! script that starts the module and the stylesheet's name. Then the markdown pages for machines (`llms.txt`,
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
    check_rustflags()?;

    // `cargo rustc` passes the flag to the final link only, so the
    // dependencies stay as other wasm builds left them. Offline, as Trunk is.
    exec(cmd(
        "cargo",
        &[
            "rustc",
            "--offline",
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

    // Split and bind under fixed names in a scratch folder; the main
    // module's files then move to `wasm-<hash>/`, named by what is served.
    // One scratch folder per checkout, since checkouts may share a target.
    let checkout = content_hash(root().to_string_lossy().as_bytes());
    let work = target_dir().join(format!("wasm-split/{profile_dir}-{checkout}"));
    let _ = std::fs::remove_dir_all(&work);
    let bound = work.join("bound");
    std::fs::create_dir_all(&bound).map_err(|e| format!("creating {}: {e}", bound.display()))?;
    let main_wasm = work.join("main.wasm");
    let split = wasm_split_cli_support::transform({
        let mut options = wasm_split_cli_support::Options::new(&linked);
        options.output_dir = &work;
        options.main_out_path = &main_wasm;
        options.link_name = "./explorer-split.js";
        options.main_module = "./explorer.js";
        options
    })
    .map_err(|e| format!("splitting the wasm: {e:#}"))?;
    if split.split_modules.is_empty() {
        return Err("the wasm has no split point: the playground's entry points were not found".to_owned());
    }
    exec(cmd(
        "wasm-bindgen",
        &[
            "--target",
            "web",
            "--no-typescript",
            "--keep-lld-exports",
            "--out-name",
            "explorer",
            "--out-dir",
            &bound.display().to_string(),
            &main_wasm.display().to_string(),
        ],
    ))?;
    if release {
        optimize(&bound.join("explorer_bg.wasm"))?;
    }

    // Each chunk goes to playground/ under a name with its own hash, and
    // the split JS is pointed at it.
    let out = staging.join("playground");
    std::fs::create_dir_all(&out).map_err(|e| format!("creating {}: {e}", out.display()))?;
    let mut loader =
        String::from_utf8(read(&work.join("explorer-split.js"))?).map_err(|_| "the split JS is not UTF-8")?;
    for chunk in &split.split_modules {
        if release {
            optimize(chunk)?;
        }
        let bytes = read(chunk)?;
        let stem = chunk.file_stem().and_then(|s| s.to_str()).ok_or("a chunk without a name")?;
        let name = format!("{}-{}.wasm", stem.trim_start_matches("split_"), content_hash(&bytes));
        write(&out.join(&name), &bytes)?;
        loader = point_at(&loader, &format!("./{stem}.wasm"), &format!("../playground/{name}"))?;
    }
    write(&bound.join("explorer-split.js"), loader.as_bytes())?;
    let dir = format!("wasm-{}", tree_hash(&bound)?);
    copy_tree(&bound, &staging.join(&dir))?;

    let css = stylesheets()?;
    let css_name = format!("playground-{}.css", content_hash(css.as_bytes()));
    write(&out.join(&css_name), css.as_bytes())?;

    let index = staging.join("index.html");
    let html = String::from_utf8(read(&index)?).map_err(|_| "index.html is not UTF-8".to_owned())?;
    let meta = format!("<meta name=\"{META}\" content=\"\" data-css=\"/playground/{css_name}\">");
    let html = without_skipped_rust_link(&fill_meta(&html, &meta)?);
    write(&index, with_boot(&html, &dir)?.as_bytes())?;
    eprintln!("wasm: {dir}/ and {} chunk(s) in playground/", split.split_modules.len());

    let pages = markdown_pages(&staging)?;
    eprintln!("markdown for machines: llms.txt, llms-full.txt and {pages} pages");
    // Last, so the copies are made from the final files of the bundle.
    if release {
        let count = crate::precompress::all(&staging)?;
        eprintln!("precompressed {count} files (.br and .gz)");
    }
    Ok(())
}

/// `RUSTFLAGS` (or its encoded form) replaces the rustflags of
/// `.cargo/config.toml`, and with them `--cfg erase_components`, which the
/// size budget counts on: say so rather than build a larger bundle.
fn check_rustflags() -> Result<(), String> {
    rustflags_problem(|name| std::env::var_os(name))
}

/// The check of `check_rustflags`, on variables read through `var`.
fn rustflags_problem(var: impl Fn(&str) -> Option<std::ffi::OsString>) -> Result<(), String> {
    for name in ["RUSTFLAGS", "CARGO_ENCODED_RUSTFLAGS"] {
        // Set but empty replaces them too.
        if let Some(flags) = var(name)
            && !flags.to_string_lossy().contains("erase_components")
        {
            return Err(format!(
                "{name} is set, which replaces the `--cfg erase_components` of .cargo/config.toml; add `--cfg erase_components` to it or unset it"
            ));
        }
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
fn with_boot(html: &str, dir: &str) -> Result<String, String> {
    let at = html.find(HEAD_END).ok_or("index.html has no </head>")?;
    let boot = format!(
        "<link rel=\"modulepreload\" href=\"/{dir}/explorer.js\">\
         <link rel=\"modulepreload\" href=\"/{dir}/explorer-split.js\">\
         <link rel=\"preload\" href=\"/{dir}/explorer_bg.wasm\" as=\"fetch\" type=\"application/wasm\" crossorigin>\
         <script type=\"module\">import init from \"/{dir}/explorer.js\";init({{module_or_path:\"/{dir}/explorer_bg.wasm\"}});</script>"
    );
    Ok(format!("{}{boot}{}", &html[..at], &html[at..]))
}

/// `html` without the `<link data-trunk rel="rust" data-trunk-skip>` that
/// only tells Trunk to leave the Rust build to this hook.
fn without_skipped_rust_link(html: &str) -> String {
    let Some(at) = html.find("data-trunk-skip") else { return html.to_owned() };
    let (Some(start), Some(end)) = (html[..at].rfind('<'), html[at..].find('>')) else { return html.to_owned() };
    let end = at + end + 1;
    // The line it stood on goes too, when it stood alone.
    let line_start = html[..start].rfind('\n').filter(|&n| html[n + 1..start].trim().is_empty()).unwrap_or(start);
    format!("{}{}", &html[..line_start], &html[end..])
}

/// A hash of every file under `dir`: relative paths and bytes, in order.
fn tree_hash(dir: &Path) -> Result<String, String> {
    let mut files = Vec::new();
    collect_files(dir, &mut files)?;
    files.sort();
    let mut hasher = DefaultHasher::new();
    for file in &files {
        hasher.write(file.strip_prefix(dir).unwrap_or(file).to_string_lossy().as_bytes());
        hasher.write(&read(file)?);
    }
    Ok(format!("{:016x}", hasher.finish()))
}

fn copy_tree(from: &Path, to: &Path) -> Result<(), String> {
    let mut files = Vec::new();
    collect_files(from, &mut files)?;
    for file in files {
        let target = to.join(file.strip_prefix(from).unwrap_or(&file));
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("creating {}: {e}", parent.display()))?;
        }
        write(&target, &read(&file)?)?;
    }
    Ok(())
}

fn collect_files(dir: &Path, files: &mut Vec<PathBuf>) -> Result<(), String> {
    for entry in std::fs::read_dir(dir).map_err(|e| format!("reading {}: {e}", dir.display()))? {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.is_dir() {
            collect_files(&path, files)?;
        } else {
            files.push(path);
        }
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
    collect_files(&root().join("crates/playground/src"), &mut files)?;
    files.retain(|f| f.extension().is_some_and(|e| e == "css"));
    files.sort();
    let mut css = String::new();
    for file in files {
        css.push_str(&String::from_utf8_lossy(&read(&file)?));
        css.push('\n');
    }
    Ok(css)
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
        let html = with_boot("<head><title>t</title></head><body></body>", "wasm-1").unwrap();
        assert!(html.starts_with("<head><title>t</title><link rel=\"modulepreload\" href=\"/wasm-1/explorer.js\">"));
        assert!(html.contains("<link rel=\"modulepreload\" href=\"/wasm-1/explorer-split.js\">"));
        assert!(html.contains(
            "<script type=\"module\">import init from \"/wasm-1/explorer.js\";init({module_or_path:\"/wasm-1/explorer_bg.wasm\"});</script></head><body>"
        ));
        assert!(with_boot("<body></body>", "wasm-1").is_err());
    }

    #[test]
    fn a_rustflags_variable_without_erase_components_stops_the_build() {
        let only = |name: &'static str, value: &'static str| {
            move |n: &str| (n == name).then(|| std::ffi::OsString::from(value))
        };
        assert!(rustflags_problem(|_| None).is_ok());
        assert!(rustflags_problem(only("RUSTFLAGS", "--cfg erase_components -C debuginfo=1")).is_ok());
        let error = rustflags_problem(only("RUSTFLAGS", "-C debuginfo=1")).unwrap_err();
        assert!(error.starts_with("RUSTFLAGS is set"), "{error}");
        assert!(rustflags_problem(only("RUSTFLAGS", "")).is_err(), "set but empty replaces them too");
        assert!(rustflags_problem(only("CARGO_ENCODED_RUSTFLAGS", "-Cdebuginfo=1")).is_err());
    }

    #[test]
    fn drops_the_skipped_rust_link_and_its_line() {
        let html = "<head>\n    <title>t</title>\n    <link data-trunk rel=\"rust\" data-trunk-skip data-trunk-id=\"0\" />\n  </head>";
        assert_eq!(without_skipped_rust_link(html), "<head>\n    <title>t</title>\n  </head>");
        assert_eq!(without_skipped_rust_link("<head></head>"), "<head></head>");
    }

    #[test]
    fn the_tree_hash_follows_names_and_bytes() {
        let dir = std::env::temp_dir().join(format!("xtask-tree-hash-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("snippets")).unwrap();
        std::fs::write(dir.join("a.js"), "a").unwrap();
        std::fs::write(dir.join("snippets/b.js"), "b").unwrap();
        let first = tree_hash(&dir).unwrap();
        assert_eq!(tree_hash(&dir).unwrap(), first);
        std::fs::write(dir.join("snippets/b.js"), "c").unwrap();
        let changed = tree_hash(&dir).unwrap();
        assert_ne!(changed, first);
        std::fs::rename(dir.join("a.js"), dir.join("z.js")).unwrap();
        assert_ne!(tree_hash(&dir).unwrap(), changed);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
