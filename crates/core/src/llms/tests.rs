//! Golden files for one guide and one operation, and the structure of
//! `llms.txt`. `UPDATE_GOLDEN=1 cargo test -p explorer-core llms` rewrites
//! the golden files after a deliberate change; review the diff.

use super::*;

fn docs() -> Docs {
    Docs::load(explorer_content::FILES).expect("the docs load")
}

fn golden(name: &str, actual: &str) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden").join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).expect("the golden folder is writable");
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    if expected != actual {
        let first = expected.lines().zip(actual.lines()).position(|(a, b)| a != b).unwrap_or(0);
        panic!(
            "{name} differs from its golden file from line {}:\n  golden: {:?}\n  now:    {:?}\n(UPDATE_GOLDEN=1 rewrites it)",
            first + 1,
            expected.lines().nth(first),
            actual.lines().nth(first)
        );
    }
}

#[test]
fn a_guide_as_markdown() {
    let docs = docs();
    golden("errors.md", &page_markdown(&docs, docs.page_at("/errors").unwrap(), ""));
}

#[test]
fn an_operation_as_markdown() {
    let docs = docs();
    let text = page_markdown(&docs, docs.page_at("/reference/create-resource").unwrap(), "");
    assert!(!text.contains("```operation"), "the definition block is never shown raw");
    assert!(text.contains("`POST /v1/resources`"));
    assert!(text.contains("curl"), "an example cURL");
    golden("create-resource.md", &text);
}

#[test]
fn every_page_listed_in_llms_txt_resolves() {
    let docs = docs();
    let files = files(&docs);
    let index = llms_txt(&docs);
    assert!(index.starts_with("# Cloud API"), "{index}");
    assert!(index.lines().nth(2).is_some_and(|l| l.starts_with("> ")), "a one-paragraph summary");
    let mut listed = 0;
    for line in index.lines().filter(|l| l.starts_with("- [")) {
        let target = line.split("](").nth(1).and_then(|rest| rest.split(')').next()).expect("a link");
        let description = line.split("): ").nth(1).unwrap_or_default();
        assert!(!description.is_empty(), "{line}: a one-line description");
        assert!(files.iter().any(|(path, _)| format!("/{path}") == target), "{target} is not generated");
        listed += 1;
    }
    assert_eq!(listed, docs.pages.len(), "every page is listed once");
    let full = llms_full(&docs);
    assert!(full.starts_with("# Cloud API\n"), "llms-full.txt has one title");
    assert!(!full.contains("\n# Authentication"), "page titles are one level down");
    assert!(full.contains("\n# Replace $TOKEN"), "a comment in a code block is left as it is");
    for page in &docs.pages {
        assert!(full.contains(&format!("## {}\n", page.title)), "{} is in llms-full.txt", page.title);
    }
}

#[test]
fn links_lead_to_markdown_pages() {
    let docs = docs();
    let text = page_markdown(&docs, docs.page_at("/reference/list-resources").unwrap(), "https://docs.example");
    assert!(text.contains("](<https://docs.example/reference/get-resource.md#the-resource-object>)"), "{text}");
    assert!(text.contains("[Resource](<https://docs.example/reference/get-resource.md#object-resource>)"), "{text}");
    // …and that anchor exists in the linked markdown.
    let target = page_markdown(&docs, docs.page_at("/reference/get-resource").unwrap(), "");
    assert!(target.contains("<a id=\"object-resource\"></a>"), "{target}");
}
