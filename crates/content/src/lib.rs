//! The Cloud API reference, compiled into the binary from the workspace's
//! `content/` folder. `content/SUMMARY.md` orders the pages.

include!(concat!(env!("OUT_DIR"), "/files.rs"));

/// The docs as `explorer_core::Docs::from_embedded` reads them: parsed at
/// build time, so the browser bundle needs no markdown parser.
pub static DOCS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/docs.bin"));

/// The text of one content file, by its path relative to `content/`.
pub fn file(path: &str) -> Option<&'static str> {
    FILES.iter().find(|(p, _)| *p == path).map(|(_, text)| *text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_is_embedded() {
        assert!(file("SUMMARY.md").is_some_and(|t| t.contains("# Summary")));
    }

    #[test]
    fn paths_are_relative_and_sorted() {
        let paths: Vec<&str> = FILES.iter().map(|(p, _)| *p).collect();
        let mut sorted = paths.clone();
        sorted.sort_unstable();
        assert_eq!(paths, sorted);
        assert!(paths.iter().all(|p| !p.starts_with('/') && p.ends_with(".md")));
    }

    #[test]
    fn embedded_docs_match_the_markdown() {
        let embedded = explorer_core::Docs::from_embedded(DOCS).expect("decodes");
        let parsed = explorer_core::Docs::load(FILES).expect("parses");
        assert_eq!(embedded, parsed);
    }
}
