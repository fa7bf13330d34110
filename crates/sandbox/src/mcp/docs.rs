//! What the MCP tools and resources say about the docs: search hits, pages
//! as markdown, operations and their schemas, all from the embedded docs
//! model and explorer-core's own search, markdown and OpenAPI writers.

use std::sync::OnceLock;

use explorer_core::Docs;
use explorer_core::markdown::write::markdown_path;
use explorer_core::search::SearchIndex;
use serde_json::{Map, Value, json};

/// Resource addresses: `docs://cloud-api/reference/ping.md`.
const SCHEME: &str = "docs://cloud-api";

pub fn model() -> &'static Docs {
    static DOCS: OnceLock<Docs> = OnceLock::new();
    DOCS.get_or_init(|| Docs::from_embedded(explorer_content::DOCS).expect("the build embeds valid docs"))
}

/// The docs' OpenAPI export, made once: every `get_operation` reads from it.
fn openapi() -> &'static Value {
    static DOCUMENT: OnceLock<Value> = OnceLock::new();
    DOCUMENT.get_or_init(|| explorer_core::openapi::document(model(), explorer_core::openapi::PRODUCTION_URL))
}

fn index() -> &'static SearchIndex {
    static INDEX: OnceLock<SearchIndex> = OnceLock::new();
    INDEX.get_or_init(|| SearchIndex::build(model()))
}

pub fn search(query: &str, limit: usize) -> Result<String, String> {
    if query.trim().is_empty() {
        return Err("Give some words to search for, e.g. \"idempotency key\".".to_owned());
    }
    let hits: Vec<Value> = index()
        .search(query, limit)
        .into_iter()
        .map(|hit| {
            let anchor = hit.anchor.as_deref().map(|a| format!("#{a}")).unwrap_or_default();
            json!({
                "title": hit.title,
                "kind": format!("{:?}", hit.kind).to_lowercase(),
                "route": format!("{}{anchor}", hit.route),
                "markdown": markdown_path(&hit.route),
                "excerpt": hit.excerpt,
            })
        })
        .collect();
    Ok(pretty(&json!({ "query": query, "hits": hits })))
}

pub fn page(route: &str) -> Result<String, String> {
    let docs = model();
    let wanted = explorer_core::routes::route_of_address(route);
    match docs.page_at(&wanted) {
        Some(page) => Ok(explorer_core::llms::page_markdown(docs, page, "")),
        None => {
            let routes: Vec<&str> = docs.pages.iter().map(|p| p.route.as_str()).collect();
            Err(format!("No page is at {wanted:?}. The pages are: {}.", routes.join(", ")))
        }
    }
}

pub fn operations() -> String {
    let list: Vec<Value> = model()
        .operations()
        .map(|op| {
            json!({
                "id": op.id,
                "method": op.method.as_str(),
                "path": op.path,
                "summary": op.summary,
                "credential": explorer_core::operation::auth_summary(op),
                "scope": op.scope,
                "deprecated": op.deprecated,
            })
        })
        .collect();
    pretty(&Value::Array(list))
}

/// The operation as the OpenAPI export writes it, with the schemas its
/// bodies refer to.
pub fn operation(id: &str) -> Result<String, String> {
    let docs = model();
    let op = docs.operation(id).ok_or_else(|| unknown_operation(id))?;
    let document = openapi();
    let method = op.method.as_str().to_ascii_lowercase();
    let definition = document["paths"][&op.path][&method].clone();
    let all = document["components"]["schemas"].as_object().cloned().unwrap_or_default();
    // The schemas the operation refers to, and those they refer to.
    let mut wanted: Vec<String> = references(&definition);
    let mut schemas = Map::new();
    while let Some(name) = wanted.pop() {
        if schemas.contains_key(&name) {
            continue;
        }
        if let Some(schema) = all.get(&name) {
            wanted.extend(references(schema));
            schemas.insert(name, schema.clone());
        }
    }
    Ok(pretty(&json!({
        "id": op.id,
        "method": op.method.as_str(),
        "path": op.path,
        "page": markdown_path(&explorer_core::routes::operation_route(&op.id)),
        "operation": definition,
        "components": { "schemas": schemas },
    })))
}

/// The component names `$ref`s inside `value` point at.
fn references(value: &Value) -> Vec<String> {
    match value {
        Value::Object(members) => members
            .iter()
            .flat_map(|(key, v)| match (key.as_str(), v) {
                ("$ref", Value::String(r)) => {
                    r.strip_prefix("#/components/schemas/").map(str::to_owned).into_iter().collect()
                }
                _ => references(v),
            })
            .collect(),
        Value::Array(items) => items.iter().flat_map(references).collect(),
        _ => Vec::new(),
    }
}

pub fn unknown_operation(id: &str) -> String {
    let ids: Vec<&str> = model().operations().map(|op| op.id.as_str()).collect();
    let wanted = id.trim();
    let near =
        ids.iter().find(|candidate| !wanted.is_empty() && (candidate.contains(wanted) || wanted.contains(**candidate)));
    let hint = near.map(|n| format!(" Did you mean `{n}`?")).unwrap_or_default();
    format!("There is no operation `{id}`.{hint} The operations are: {}.", ids.join(", "))
}

/// Every page: (uri, title, one-line description).
pub fn resources() -> Vec<(String, String, String)> {
    model()
        .pages
        .iter()
        .map(|page| {
            (
                format!("{SCHEME}{}", markdown_path(&page.route)),
                page.title.clone(),
                explorer_core::llms::description(page),
            )
        })
        .collect()
}

pub fn resource(uri: &str) -> Result<String, String> {
    let path = uri.strip_prefix(SCHEME).ok_or_else(|| format!("{uri} is not a page of these docs ({SCHEME}/…)"))?;
    page(path)
}

fn pretty(value: &Value) -> String {
    serde_json::to_string_pretty(value).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_things_say_what_exists() {
        assert!(page("/nope").unwrap_err().starts_with("No page is at \"/nope\". The pages are: /, "));
        let message = unknown_operation("create-resources");
        assert!(
            message.starts_with("There is no operation `create-resources`. Did you mean `create-resource`?"),
            "{message}"
        );
        assert!(!unknown_operation("").contains("Did you mean"), "an empty id suggests nothing");
        assert!(resource("file:///etc/passwd").is_err());
        assert!(resource("docs://cloud-api/reference/ping.md").unwrap().starts_with("# Ping"));
        let listed: Value = serde_json::from_str(&operation("list-resources").unwrap()).unwrap();
        let names: Vec<&str> =
            listed["components"]["schemas"].as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(names.len(), 3, "ResourcePage, Resource and Problem only: {names:?}");
    }
}
