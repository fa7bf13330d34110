//! Ranking, titles and typos on a tiny made-up reference; what the index
//! holds on the real one.

use super::*;

fn docs() -> &'static Docs {
    static DOCS: std::sync::OnceLock<Docs> = std::sync::OnceLock::new();
    DOCS.get_or_init(|| Docs::load(explorer_content::FILES).expect("the content loads"))
}

fn tiny() -> SearchIndex {
    let files = [
        (
            "SUMMARY.md",
            "# Summary\n\n[Overview](overview.md)\n\n# Guides\n\n- [Other](guides/other.md)\n- [Limitations](guides/limitations.md)\n- [Limits](guides/limits.md)\n- [Quotes](guides/quotes.md)\n",
        ),
        ("overview.md", "# Overview\n\nWelcome.\n"),
        ("guides/other.md", "# Other\n\nSome limits apply here.\n\n## Quotas\n\nPer key limit, see `X-Quota`.\n"),
        ("guides/limitations.md", "# Limitations\n\nWhat is missing.\n"),
        ("guides/limits.md", "# Limits\n\nHow many, per quota.\n"),
        ("guides/quotes.md", "# Quotes\n\nWhat people said.\n"),
    ];
    SearchIndex::build(&Docs::load(&files).expect("loads"))
}

fn names(index: &SearchIndex, query: &str) -> Vec<String> {
    index.search(query, 10).into_iter().map(|h| h.name).collect()
}

fn titles(index: &SearchIndex, query: &str) -> Vec<String> {
    index.search(query, 10).into_iter().map(|h| h.title).collect()
}

#[test]
fn ranking() {
    let index = tiny();
    // Title above text; whole word (or plural) above prefix.
    assert_eq!(names(&index, "limit"), ["Limits", "Limitations", "Other", "Quotas"]);
    // (After them, what "limits" may be a typo of: "limit", "limitations".)
    assert_eq!(names(&index, "limits"), ["Limits", "Other", "Limitations", "Quotas"]);
    assert_eq!(names(&index, "limitation"), ["Limitations"]);
    // Every word, anywhere in the entry; the page title counts for its sections.
    assert_eq!(names(&index, "quota key"), ["Quotas"]);
    assert_eq!(names(&index, "other quotas"), ["Quotas"]);
    assert_eq!(names(&index, "x-quota"), ["Quotas"]);
    let hit = &index.search("apply", 1)[0];
    assert_eq!((hit.excerpt.as_str(), hit.excerpt_matches.as_slice()), ("Some limits apply here.", &[(12, 17)][..]));
}

#[test]
fn sections_are_titled_with_their_page() {
    let index = tiny();
    assert_eq!(titles(&index, "limit"), ["Limits", "Limitations", "Other", "Quotas — Other"]);
    let hit = &index.search("quotas", 1)[0];
    assert_eq!((hit.name.as_str(), hit.context.as_str()), ("Quotas", "Other"));
}

#[test]
fn typos_are_forgiven_below_exact_matches() {
    let index = tiny();
    assert_eq!(names(&index, "limts"), ["Limits", "Other"]);
    assert_eq!(names(&index, "limitatoins"), ["Limitations"]);
    // Prefix while typing, with a typo.
    assert_eq!(names(&index, "limitatoi"), ["Limitations"]);
    // "Quotes" scores more as a title than "quota" in Limits' text, but
    // a hit with fewer typos always comes first.
    let hits = index.search("quota", 10);
    let ranked: Vec<(&str, u32)> = hits.iter().map(|h| (h.name.as_str(), h.typos)).collect();
    assert_eq!(ranked, [("Quotas", 0), ("Limits", 0), ("Quotes", 1)]);
    assert!(hits[2].score > hits[1].score);
    // The correction is highlighted.
    let hit = &index.search("limts", 1)[0];
    assert_eq!((hit.excerpt.as_str(), hit.excerpt_matches.as_slice()), ("How many, per quota.", &[][..]));
    let other = &index.search("limts", 2)[1];
    assert_eq!(&other.excerpt[other.excerpt_matches[0].0..other.excerpt_matches[0].1], "limits");
    // Short words are taken as typed.
    assert!(index.search("limt", 10).is_empty());
}

#[test]
fn anchors() {
    assert_eq!(param_anchor(Location::Header, "Idempotency-Key"), "param-header-idempotency-key");
    assert_eq!(response_anchor(429), "response-429");
}

#[test]
fn indexes_every_kind() {
    let index = SearchIndex::build(docs());
    assert!(index.len() > 100, "{}", index.len());
    for kind in [HitKind::Page, HitKind::Section, HitKind::Operation, HitKind::Parameter, HitKind::Response] {
        assert!(index.entries.iter().any(|e| e.kind == kind), "{kind:?}");
    }
    assert!(index.search("", 10).is_empty());
    assert!(index.search("zzzqqq", 10).is_empty());
}
