//! Search over the real docs: the queries support staff type.

use explorer_core::Docs;
use explorer_core::operation::Method;
use explorer_core::search::{Hit, HitKind, SearchIndex};
use std::sync::OnceLock;

fn index() -> &'static SearchIndex {
    static INDEX: OnceLock<SearchIndex> = OnceLock::new();
    INDEX.get_or_init(|| SearchIndex::build(&Docs::load(explorer_content::FILES).expect("the content loads")))
}

fn search(query: &str) -> Vec<Hit> {
    index().search(query, 10)
}

fn place(hits: &[Hit], route: &str, anchor: Option<&str>) -> Option<usize> {
    hits.iter().position(|h| h.route == route && h.anchor.as_deref() == anchor)
}

#[test]
fn rate_limit_finds_the_guide_first() {
    let hits = search("rate limit");
    assert_eq!(
        (hits[0].kind, hits[0].route.as_str(), hits[0].title.as_str()),
        (HitKind::Page, "/rate-limits", "Rate limits")
    );
    assert!(place(&hits, "/rate-limits", Some("rate-limit-headers")).is_some());
    assert_eq!(search("RATE   Limit"), hits, "case and spacing do not matter");
}

#[test]
fn method_and_path_find_the_operation_first() {
    let hits = search("POST /v1/resources");
    assert_eq!(hits[0].route, "/reference/create-resource");
    assert_eq!((hits[0].kind, hits[0].method), (HitKind::Operation, Some(Method::Post)));
    let hits = search("resources/{id}");
    let top: Vec<&str> = hits[..3].iter().map(|h| h.route.as_str()).collect();
    assert_eq!(top, ["/reference/get-resource", "/reference/update-resource", "/reference/delete-resource"]);
    let hits = search("GET /v1/res");
    assert_eq!(hits[0].route, "/reference/list-resources");
    assert!(hits[..2].iter().any(|h| h.route == "/reference/get-resource"), "{hits:#?}");
}

#[test]
fn idempotency_finds_the_guide_and_the_header() {
    let hits = search("idempotency");
    assert_eq!((hits[0].kind, hits[0].route.as_str()), (HitKind::Page, "/idempotency"));
    let param =
        hits.iter().find(|h| h.kind == HitKind::Parameter).unwrap_or_else(|| panic!("no parameter in {hits:#?}"));
    assert_eq!(
        (param.name.as_str(), param.anchor.as_deref()),
        ("Idempotency-Key", Some("param-header-idempotency-key"))
    );
    assert!(param.route.starts_with("/reference/"));
}

#[test]
fn status_codes_and_error_codes_find_the_errors_guide() {
    let hits = search("401");
    assert_eq!((hits[0].route.as_str(), hits[0].anchor.as_deref()), ("/errors", Some("401-unauthorized")));
    assert!(hits.iter().any(|h| h.kind == HitKind::Response && h.anchor.as_deref() == Some("response-401")));
    let hits = search("429");
    assert_eq!((hits[0].route.as_str(), hits[0].anchor.as_deref()), ("/errors", Some("429-too-many-requests")));
    let hits = search("rate_limited");
    assert_eq!((hits[0].route.as_str(), hits[0].anchor.as_deref()), ("/errors", Some("rate_limited")));
}

#[test]
fn header_names_find_their_parameters() {
    let hits = search("X-Request-Id");
    assert_eq!((hits[0].kind, hits[0].name.as_str()), (HitKind::Parameter, "X-Request-Id"));
    assert_eq!(hits[0].anchor.as_deref(), Some("param-header-x-request-id"));
    assert!(!hits[0].context.is_empty());
}

#[test]
fn every_word_must_match() {
    assert!(search("rate zzzqqq").is_empty());
    let hits = search("cursor invalid");
    assert!(!hits.is_empty());
    assert_eq!(hits[0].anchor.as_deref(), Some("invalid_cursor"));
}

#[test]
fn body_text_is_searched_and_highlighted() {
    // Only in running text, not in a title.
    let hits = search("uuidgen");
    assert_eq!(hits[0].route, "/quick-start");
    for query in ["uuidgen", "rate limit", "POST /v1/resources", "retry-after", "éé", "a", "é"] {
        for hit in index().search(query, 50) {
            let lower = hit.excerpt.to_ascii_lowercase();
            for &(start, end) in &hit.excerpt_matches {
                assert!(start < end && end <= hit.excerpt.len(), "{query}: {hit:?}");
                assert!(hit.excerpt.is_char_boundary(start) && hit.excerpt.is_char_boundary(end));
                let words: Vec<String> = query.split_whitespace().map(str::to_ascii_lowercase).collect();
                assert!(words.iter().any(|w| lower[start..end].starts_with(w.as_str())), "{query}: {hit:?}");
            }
        }
    }
    let hits = search("uuidgen");
    let (start, end) = hits[0].excerpt_matches[0];
    assert_eq!(&hits[0].excerpt[start..end], "uuidgen");
}

#[test]
fn limits_are_respected() {
    assert_eq!(index().search("the", 3).len(), 3);
    assert!(index().search("the", 0).is_empty());
    assert!(index().search("   ", 10).is_empty());
}

#[test]
fn a_typo_still_finds_the_page() {
    for query in ["pagnation", "paginaiton", "pagnat"] {
        let hits = search(query);
        assert_eq!((hits[0].kind, hits[0].route.as_str()), (HitKind::Page, "/pagination"), "{query}: {hits:#?}");
        assert!(hits[0].typos == 1, "{query}");
        let (start, end) = hits[0].excerpt_matches[0];
        assert_eq!(hits[0].excerpt[start..end].to_ascii_lowercase(), "pagination", "{query}");
    }
    assert_eq!(search("rate limts")[0].route, "/rate-limits");
    // Spelled right, nothing corrected comes before what matches as typed.
    let hits = index().search("pagination", 50);
    let first_typo = hits.iter().position(|h| h.typos > 0).unwrap_or(hits.len());
    assert!(hits[first_typo..].iter().all(|h| h.typos > 0), "{hits:#?}");
    assert!(first_typo >= 3, "{hits:#?}");
}

/// A parameter documented on every endpoint is one hit per endpoint, each
/// titled with its endpoint's page, so no two titles are the same.
#[test]
fn parameters_are_listed_once_per_endpoint_and_name_it() {
    let docs = Docs::load(explorer_content::FILES).expect("the content loads");
    for query in ["X-Request-Id", "Idempotency-Key", "cursor", "limit", "401", "id"] {
        let hits = index().search(query, 200);
        let mut titles: Vec<&str> = hits.iter().map(|h| h.title.as_str()).collect();
        titles.sort_unstable();
        let before = titles.len();
        titles.dedup();
        assert_eq!(titles.len(), before, "{query}: a title twice in {hits:#?}");
        let mut places: Vec<(&str, Option<&str>)> =
            hits.iter().map(|h| (h.route.as_str(), h.anchor.as_deref())).collect();
        places.sort_unstable();
        places.dedup();
        assert_eq!(places.len(), before, "{query}: a place twice");
        for hit in hits.iter().filter(|h| matches!(h.kind, HitKind::Parameter | HitKind::Response | HitKind::Section)) {
            let page = docs.pages.iter().find(|p| p.route == hit.route).expect("a page");
            assert_eq!(hit.context, page.title, "{query}: {hit:?}");
            assert_eq!(hit.title, format!("{} — {}", hit.name, page.title), "{query}");
        }
    }
    let endpoints = index().search("X-Request-Id", 200).into_iter().filter(|h| h.kind == HitKind::Parameter).count();
    assert_eq!(endpoints, Docs::load(explorer_content::FILES).unwrap().operations().count());
}
