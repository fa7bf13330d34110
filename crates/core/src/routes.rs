//! Where each page lives in the explorer, and how a URL path finds it.
//!
//! Routes are derived from file names, so a permalink stays valid as long
//! as its file keeps its name: `overview.md` is `/`, a reference page
//! `reference/<id>.md` is `/reference/<id>`, any other page `<dir>/<stem>.md`
//! is `/<stem>`.

/// First path segments that belong to the API, never to a docs page: the
/// sandbox serves the explorer and the API on one origin.
pub const API_SEGMENTS: [&str; 4] = ["v1", "v2", "sandbox", "openapi.json"];

/// The page of the operation `id`: `/reference/<id>`.
pub fn operation_route(id: &str) -> String {
    format!("/reference/{id}")
}

/// The generic request panel: a request no documented operation matches.
pub const GENERIC: &str = "/request";

/// Whether `path` shows the generic request panel.
pub fn is_generic(path: &str) -> bool {
    normalize_path(path) == GENERIC
}

/// Whether the explorer has something at `path`: a docs page or the
/// generic panel. Anything else is its not-found page, served as a 404.
pub fn is_known_route(docs: &crate::Docs, path: &str) -> bool {
    is_generic(path) || docs.page_at(path).is_some()
}

/// Whether a browser path is an API address rather than a page.
pub fn is_api_path(path: &str) -> bool {
    let first = path.trim_start_matches('/').split(['/', '?', '#']).next().unwrap_or_default();
    API_SEGMENTS.contains(&first)
}

/// The explorer route of a content file.
pub fn route_for_file(file: &str) -> String {
    let stem = file.rsplit('/').next().unwrap_or(file).trim_end_matches(".md");
    if file == "overview.md" {
        "/".to_owned()
    } else if file.starts_with("reference/") {
        operation_route(stem)
    } else {
        format!("/{stem}")
    }
}

/// Resolves `target` (a relative link written in `from`) to a path relative
/// to `content/`. `None` if it climbs out of the folder.
pub fn resolve_relative(from: &str, target: &str) -> Option<String> {
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for segment in target.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

/// Turns a browser path into the route a page is stored under: no trailing
/// slash, no query or fragment, repeated slashes folded. Paths that cannot
/// be a route (no leading slash) become `/`.
pub fn normalize_path(path: &str) -> String {
    let path = path.split(['?', '#']).next().unwrap_or_default();
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    format!("/{}", segments.join("/"))
}

/// The page route a person or a tool means by `text`: a route, a file
/// stem, a markdown address or a whole URL (`errors`, `/errors.md`,
/// `http://host/errors.md#x` are all `/errors`; `/index.md` is `/`).
pub fn route_of_address(text: &str) -> String {
    let mut route = text.trim();
    if let Some((_, rest)) = route.split_once("://") {
        route = rest.find('/').map_or("/", |at| &rest[at..]);
    }
    let route = route.split(['#', '?']).next().unwrap_or_default().trim_end_matches(".md");
    let route = normalize_path(route);
    if route == "/index" { "/".to_owned() } else { route }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_name_their_route() {
        for text in ["/errors", "errors", "/errors.md", "http://127.0.0.1:8080/errors.md#not_found", " /errors?x=1 "] {
            assert_eq!(route_of_address(text), "/errors", "{text}");
        }
        assert_eq!(route_of_address("/index.md"), "/");
        assert_eq!(route_of_address("https://h"), "/");
        assert_eq!(route_of_address("reference//ping.md"), "/reference/ping");
    }

    #[test]
    fn routes_for_files() {
        assert_eq!(route_for_file("overview.md"), "/");
        assert_eq!(route_for_file("guides/quick-start.md"), "/quick-start");
        assert_eq!(route_for_file("reference/list-resources.md"), "/reference/list-resources");
    }

    #[test]
    fn relative_links() {
        assert_eq!(resolve_relative("guides/a.md", "b.md").as_deref(), Some("guides/b.md"));
        assert_eq!(resolve_relative("guides/a.md", "../reference/c.md").as_deref(), Some("reference/c.md"));
        assert_eq!(resolve_relative("overview.md", "./guides/a.md").as_deref(), Some("guides/a.md"));
        assert_eq!(resolve_relative("overview.md", "../x.md"), None);
    }

    #[test]
    fn operation_routes_are_reference_pages() {
        assert_eq!(operation_route("list-resources"), route_for_file("reference/list-resources.md"));
    }

    #[test]
    fn generic_route() {
        assert!(is_generic("/request"));
        assert!(is_generic("/request/"));
        assert!(is_generic("//request?x#y"));
        assert!(!is_generic("/requests"));
    }

    #[test]
    fn api_paths() {
        assert!(is_api_path("/v1/resources"));
        assert!(is_api_path("/sandbox"));
        assert!(is_api_path("/openapi.json"));
        assert!(!is_api_path("/sandbox-server"));
        assert!(!is_api_path("/reference/ping"));
        assert!(!is_api_path("/"));
    }

    #[test]
    fn normalizes_browser_paths() {
        assert_eq!(normalize_path("/reference/list-resources/"), "/reference/list-resources");
        assert_eq!(normalize_path("//errors?x=1#rate_limited"), "/errors");
        assert_eq!(normalize_path(""), "/");
        assert_eq!(normalize_path("/"), "/");
    }
}
