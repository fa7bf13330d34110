//! The documented API as an OpenAPI 3.1 document, generated from the
//! markdown model alone, so that readers can import it into other tools.
//!
//! Everything comes from the operation definitions and their pages: ids,
//! summaries, the page's first paragraph as the description, parameters with
//! their constraints, the body fields as one JSON object schema, responses
//! with their headers and examples, and security from `auth` and `scope`.
//! Documented objects become `components/schemas`, and each response's
//! body refers to its object.
//!
//! JSON is written with serde_json built with `preserve_order`, so the
//! output reads in the docs' own order.

use serde_json::{Map, Value};

use crate::docs::Docs;
use crate::json_text as json;
use crate::markdown::write::Links;
use crate::markdown::{Block, Inline};
use crate::operation::{Auth, Example, Location, Method, Operation, Param, Response};
use crate::schema::{expected_media_type, field_schema, object_schema, schema_name};

/// The OpenAPI version written.
pub const OPENAPI_VERSION: &str = "3.1.0";
/// The API release the docs describe (`info.version`).
pub const API_VERSION: &str = "2.4";
/// The API's production base URL, always listed as a server.
pub const PRODUCTION_URL: &str = "https://api.cloudplatform.dev";
/// `info.title`.
pub const TITLE: &str = "Cloud API";
/// Names of the security schemes (the same as the sandbox's).
pub const API_KEY_SCHEME: &str = "api_key";
pub const BEARER_SCHEME: &str = "bearer";

/// The OpenAPI 3.1 document of `docs`, pretty-printed. `server_url` (for
/// example the sandbox the explorer talks to) is listed first, then production.
pub fn export(docs: &Docs, server_url: &str) -> String {
    let mut text = json::pretty(&document(docs, server_url));
    text.push('\n');
    text
}

/// The document as a JSON value.
pub fn document(docs: &Docs, server_url: &str) -> Value {
    let mut info = Obj::new().str("title", TITLE).str("version", API_VERSION);
    if let Some(intro) = docs.page_at("/").and_then(|p| first_paragraph(&p.blocks)) {
        info = info.str("description", &intro);
    }
    Obj::new()
        .str("openapi", OPENAPI_VERSION)
        .set("info", info.build())
        .set("servers", servers(server_url))
        .set("tags", tags(docs))
        .set("paths", paths(docs))
        .set("components", Obj::new().set("schemas", schemas(docs)).set("securitySchemes", security_schemes()).build())
        .build()
}

/// A JSON object under construction, in insertion order.
struct Obj(Map<String, Value>);

impl Obj {
    fn new() -> Obj {
        Obj(Map::new())
    }

    fn set(mut self, key: &str, value: Value) -> Obj {
        self.0.insert(key.to_owned(), value);
        self
    }

    fn str(self, key: &str, value: &str) -> Obj {
        self.set(key, string(value))
    }

    fn opt(self, key: &str, value: Option<Value>) -> Obj {
        match value {
            Some(value) => self.set(key, value),
            None => self,
        }
    }

    fn build(self) -> Value {
        Value::Object(self.0)
    }
}

fn string(text: &str) -> Value {
    Value::String(text.to_owned())
}

fn array(items: impl IntoIterator<Item = Value>) -> Value {
    Value::Array(items.into_iter().collect())
}

/// The first paragraph of a page, as a description.
fn first_paragraph(blocks: &[Block]) -> Option<String> {
    blocks.iter().find_map(|b| match b {
        Block::Paragraph(inlines) => Some(commonmark(inlines).trim().to_owned()).filter(|t| !t.is_empty()),
        _ => None,
    })
}

/// A description from its parsed inlines; the source when nothing was parsed.
fn text_of(rendered: &[Inline], source: &str) -> String {
    if rendered.is_empty() { source.to_owned() } else { commonmark(rendered).trim().to_owned() }
}

/// Inline content back as CommonMark, which OpenAPI descriptions are. Links
/// between the docs' own pages keep only their text: their targets are
/// explorer routes, meaningless in another tool.
fn commonmark(inlines: &[Inline]) -> String {
    crate::markdown::write::inlines(inlines, Links::TextOnly)
}

/// A field's description as the export writes it.
fn describe(p: &Param) -> String {
    text_of(&p.rendered, &p.description)
}

/// Every documented object, under its own name.
fn schemas(docs: &Docs) -> Value {
    Value::Object(docs.objects.iter().map(|o| (o.name.clone(), o.json_schema(&describe))).collect())
}

fn servers(server_url: &str) -> Value {
    let given = server_url.trim().trim_end_matches('/');
    let mut list = Vec::new();
    if !given.is_empty() && given != PRODUCTION_URL {
        list.push(Obj::new().str("url", given).str("description", "Try-it target (the sandbox by default)").build());
    }
    list.push(Obj::new().str("url", PRODUCTION_URL).str("description", "Production").build());
    array(list)
}

fn tags(docs: &Docs) -> Value {
    let mut groups: Vec<&str> = Vec::new();
    for op in docs.operations() {
        if !groups.contains(&op.group.as_str()) {
            groups.push(&op.group);
        }
    }
    array(groups.into_iter().map(|g| Obj::new().str("name", g).build()))
}

fn security_schemes() -> Value {
    Obj::new()
        .set(
            API_KEY_SCHEME,
            Obj::new()
                .str("type", "apiKey")
                .str("in", "header")
                .str("name", "X-API-Key")
                .str("description", "An API key, `sk_live_…`. Also accepted as `Authorization: Bearer sk_live_…`.")
                .build(),
        )
        .set(
            BEARER_SCHEME,
            Obj::new()
                .str("type", "http")
                .str("scheme", "bearer")
                .str("bearerFormat", "JWT")
                .str("description", "A bearer token (JWT) from `POST /v1/auth/token`, or an API key.")
                .build(),
        )
        .build()
}

fn paths(docs: &Docs) -> Value {
    let mut paths = Map::new();
    for page in &docs.pages {
        let Some(op) = &page.operation else { continue };
        let methods = paths.entry(op.path.clone()).or_insert_with(|| Value::Object(Map::new()));
        if let Value::Object(methods) = methods {
            methods.insert(op.method.as_str().to_ascii_lowercase(), operation(docs, op, &page.blocks));
        }
    }
    Value::Object(paths)
}

fn operation(docs: &Docs, op: &Operation, blocks: &[Block]) -> Value {
    let description = first_paragraph(blocks).unwrap_or_else(|| op.summary.clone());
    let parameters: Vec<Value> = [Location::Path, Location::Query, Location::Header]
        .into_iter()
        .flat_map(|location| op.params_in(location))
        .map(parameter)
        .collect();
    let mut out = Obj::new()
        .set("tags", array([string(&op.group)]))
        .str("summary", &op.summary)
        .str("description", &description)
        .str("operationId", &op.id);
    if op.deprecated {
        out = out.set("deprecated", Value::Bool(true));
    }
    if !parameters.is_empty() {
        out = out.set("parameters", array(parameters));
    }
    out = out
        .opt("requestBody", request_body(op))
        .set(
            "responses",
            Value::Object(op.responses.iter().map(|r| (r.status.to_string(), response(docs, op, r))).collect()),
        )
        .set("security", security(op));
    out.opt("x-sunset", op.sunset.as_deref().map(string))
        .opt("x-successor", op.successor.as_deref().map(string))
        .build()
}

fn parameter(p: &Param) -> Value {
    let mut out = Obj::new().str("name", &p.name).str("in", p.location.as_str());
    let description = text_of(&p.rendered, &p.description);
    if !description.is_empty() {
        out = out.str("description", &description);
    }
    out.set("required", Value::Bool(p.required)).set("schema", field_schema(p)).build()
}

fn request_body(op: &Operation) -> Option<Value> {
    let content_type = op.body_type.as_deref()?;
    let fields: Vec<&Param> = op.params_in(Location::Body).collect();
    let schema = if content_type.contains("json") {
        object_schema(&fields, &describe)
    } else {
        Obj::new().str("type", "string").build()
    };
    let media = Obj::new().set("schema", schema).opt("example", op.request_example.as_ref().map(example_value));
    Some(
        Obj::new()
            // The definitions have no "body required" flag: a body is
            // required when one of its fields is, and a PATCH's body is the
            // change itself.
            .set("required", Value::Bool(op.method == Method::Patch || fields.iter().any(|p| p.required)))
            .set("content", Obj::new().set(content_type, media.build()).build())
            .build(),
    )
}

/// An example as a value: JSON parsed (so it is real JSON, not a string),
/// anything else as text.
fn example_value(example: &Example) -> Value {
    if example.lang == "json" {
        json::parse(&example.body).unwrap_or_else(|_| string(&example.body))
    } else {
        string(&example.body)
    }
}

/// The media type a response example is served as.
fn media_type(op: &Operation, status: u16, example: &Example) -> Option<&'static str> {
    match example.lang.as_str() {
        "sse" => Some("text/event-stream"),
        "json" if status >= 400 => Some("application/problem+json"),
        "json" => Some("application/json"),
        // An empty example (a 204) means an empty body.
        _ if example.body.trim().is_empty() => None,
        _ if op.streaming && status < 300 => Some("text/event-stream"),
        _ => Some("text/plain"),
    }
}

fn response(docs: &Docs, op: &Operation, r: &Response) -> Value {
    let mut out = Obj::new().str("description", &text_of(&r.rendered, &r.description));
    if !r.headers.is_empty() {
        let headers = r.headers.iter().map(|h| {
            let header = Obj::new()
                .str("description", &text_of(&h.rendered, &h.description))
                .set("required", Value::Bool(!h.optional))
                .set("schema", Obj::new().str("type", "string").build());
            (h.name.clone(), header.build())
        });
        out = out.set("headers", Value::Object(headers.collect()));
    }
    let example = r.example.as_ref();
    let media = match expected_media_type(&docs.objects, op, r) {
        Some(media) => Some(media),
        None => example.and_then(|e| media_type(op, r.status, e)),
    };
    if let Some(media) = media {
        let schema = match (&r.body, media.ends_with("json")) {
            (Some(object), true) => Obj::new().str("$ref", &schema_name(object)).build(),
            // One event, as its fields (the OpenAPI 3.2 `itemSchema`
            // reading): `data` is the object, as JSON text.
            (Some(object), false) => {
                let text = || Obj::new().str("type", "string");
                let data = text()
                    .str("contentMediaType", "application/json")
                    .set("contentSchema", Obj::new().str("$ref", &schema_name(object)).build());
                Obj::new()
                    .str("type", "object")
                    .set("required", array([string("data")]))
                    .set(
                        "properties",
                        Obj::new()
                            .set("id", text().build())
                            .set("event", text().build())
                            .set("data", data.build())
                            .build(),
                    )
                    .build()
            }
            (None, _) => Obj::new().str("type", "string").build(),
        };
        let content = Obj::new().set("schema", schema).opt("example", example.map(example_value));
        out = out.set("content", Obj::new().set(media, content.build()).build());
    }
    out.build()
}

/// Alternatives of credentials, from `auth` and `scope`. API keys are
/// accepted as `X-API-Key` and as `Authorization: Bearer`, so `bearer`
/// operations list both schemes.
fn security(op: &Operation) -> Value {
    let scopes = || array(op.scope.iter().map(|s| string(s)));
    let requirement = |scheme: &str| Obj::new().set(scheme, scopes()).build();
    match op.auth {
        Auth::None => array([]),
        Auth::Optional => array([Obj::new().build(), requirement(API_KEY_SCHEME), requirement(BEARER_SCHEME)]),
        Auth::Bearer => array([requirement(API_KEY_SCHEME), requirement(BEARER_SCHEME)]),
        Auth::ApiKey => array([requirement(API_KEY_SCHEME)]),
    }
}

#[cfg(all(test, feature = "markdown"))]
mod tests {
    use super::*;
    use crate::markdown::LinkTarget;

    fn real() -> Value {
        let docs = Docs::load(explorer_content::FILES).expect("the docs load");
        json::parse(&export(&docs, "http://127.0.0.1:8080")).expect("the export is JSON")
    }

    /// `doc` at a path of keys (array members by index).
    fn at<'a>(doc: &'a Value, path: &[&str]) -> &'a Value {
        path.iter().fold(doc, |v, key| match v {
            Value::Array(items) => key.parse::<usize>().ok().and_then(|i| items.get(i)).unwrap_or(&Value::Null),
            _ => v.get(key).unwrap_or(&Value::Null),
        })
    }

    fn compact(v: &Value) -> String {
        json::compact(v)
    }

    fn param<'a>(doc: &'a Value, path: &str, method: &str, name: &str) -> &'a Value {
        match at(doc, &["paths", path, method, "parameters"]) {
            Value::Array(items) => items.iter().find(|p| p.get("name").and_then(Value::as_str) == Some(name)),
            _ => None,
        }
        .unwrap_or(&Value::Null)
    }

    const MINI_SUMMARY: &str = "# Summary\n\n[Overview](overview.md)\n\n# API reference\n\n- Things\n  - [Get](reference/get-thing.md)\n  - [Put](reference/put-thing.md)\n";
    const MINI_GET: &str = "# Get a thing\n\nReturns **one** thing, by [id](https://example.com/ids).\n\n```operation\nid: get-thing\nmethod: GET\npath: /v1/things/{id}\nsummary: Get a thing\ngroup: Things\nauth: none\n\npath id: string, pattern ^th_[a-z]{1,8}$, example th_a\n  The id.\nquery flag: boolean, nullable, default false\nquery n: number, min 0.5, max 2.5\nquery k: integer, enum 1|2\nresponse 200: The thing.\n```\n\n```text response 200\nplain words\n```\n";
    const MINI_PUT: &str = "# Put a thing\n\nStores a thing.\n\n```operation\nid: put-thing\nmethod: PUT\npath: /v1/things/{id}\nsummary: Put a thing\ngroup: Things\nauth: api-key\nscope: things:write\nbody: application/json\n\npath id: string\nbody tags: array, values string, example [\"a\", \"b\"]\nbody size: integer, min 1\nresponse 204: Stored.\n```\n";

    fn mini(server: &str) -> Value {
        let files = [
            ("SUMMARY.md", MINI_SUMMARY),
            ("overview.md", "# Things API\n\nAll about things.\n"),
            ("reference/get-thing.md", MINI_GET),
            ("reference/put-thing.md", MINI_PUT),
        ];
        let docs = Docs::load(&files).expect("the mini docs load");
        json::parse(&export(&docs, server)).expect("JSON")
    }

    #[test]
    fn header_servers_tags_and_schemes() {
        let doc = real();
        assert_eq!(at(&doc, &["openapi"]).as_str(), Some("3.1.0"));
        assert_eq!(at(&doc, &["info", "title"]).as_str(), Some("Cloud API"));
        assert_eq!(at(&doc, &["info", "version"]).as_str(), Some("2.4"));
        assert!(at(&doc, &["info", "description"]).as_str().is_some_and(|d| d.starts_with("The Cloud API gives")));
        assert_eq!(
            compact(at(&doc, &["servers"])),
            r#"[{"url":"http://127.0.0.1:8080","description":"Try-it target (the sandbox by default)"},{"url":"https://api.cloudplatform.dev","description":"Production"}]"#
        );
        let tags: Vec<&str> = match at(&doc, &["tags"]) {
            Value::Array(t) => t.iter().filter_map(|t| t.get("name").and_then(Value::as_str)).collect(),
            _ => Vec::new(),
        };
        assert_eq!(tags, ["Health", "Authentication", "Projects", "Resources", "Events", "Sandbox"], "SUMMARY order");
        assert_eq!(
            compact(at(&doc, &["components", "securitySchemes", "api_key"])),
            r#"{"type":"apiKey","in":"header","name":"X-API-Key","description":"An API key, `sk_live_…`. Also accepted as `Authorization: Bearer sk_live_…`."}"#
        );
        assert_eq!(at(&doc, &["components", "securitySchemes", "bearer", "bearerFormat"]).as_str(), Some("JWT"));
        // Production is listed once, whatever the given URL looks like.
        assert_eq!(
            compact(at(&mini("https://api.cloudplatform.dev/"), &["servers", "0", "url"])),
            r#""https://api.cloudplatform.dev""#
        );
        assert_eq!(at(&mini(""), &["servers", "1"]), &Value::Null);
    }

    #[test]
    fn every_operation_once_under_its_path_and_method() {
        let docs = Docs::load(explorer_content::FILES).expect("the docs load");
        let doc = real();
        let mut count = 0;
        if let Value::Object(paths) = at(&doc, &["paths"]) {
            for (_, item) in paths {
                if let Value::Object(methods) = item {
                    count += methods.len();
                }
            }
        }
        assert_eq!(count, docs.operations().count());
        for op in docs.operations() {
            let exported = at(&doc, &["paths", &op.path, &op.method.as_str().to_ascii_lowercase()]);
            assert_eq!(exported.get("operationId").and_then(Value::as_str), Some(op.id.as_str()));
            assert_eq!(exported.get("summary").and_then(Value::as_str), Some(op.summary.as_str()));
            assert_eq!(
                compact(&exported.get("tags").cloned().unwrap_or(Value::Null)),
                format!("[{}]", json::quote(&op.group))
            );
            assert_eq!(exported.get("deprecated").is_some(), op.deprecated, "{}", op.id);
        }
        let ping_v1 = at(&doc, &["paths", "/v1/ping", "get"]);
        assert_eq!(ping_v1.get("deprecated"), Some(&Value::Bool(true)));
        assert_eq!(ping_v1.get("x-sunset").and_then(Value::as_str), Some("2026-12-31"));
        assert_eq!(ping_v1.get("x-successor").and_then(Value::as_str), Some("ping"));
        // The page's first paragraph, as CommonMark without the docs' own links.
        assert_eq!(
            at(&doc, &["paths", "/v1/resources", "get", "description"]).as_str(),
            Some(
                "Returns a page of the resources in your workspace, ordered by creation date, most recent first. \
                 Follow `next_cursor` to walk the whole list. See Pagination."
            )
        );
    }

    #[test]
    fn parameters_carry_type_constraints_defaults_and_examples() {
        let doc = real();
        assert_eq!(
            compact(param(&doc, "/v1/resources", "get", "limit")),
            r#"{"name":"limit","in":"query","description":"How many resources one page holds.","required":false,"schema":{"type":"integer","minimum":1,"maximum":100,"default":20,"example":20}}"#
        );
        assert_eq!(
            compact(at(param(&doc, "/v1/resources", "get", "status"), &["schema", "enum"])),
            r#"["active","archived"]"#
        );
        let last = param(&doc, "/v1/events", "get", "Last-Event-ID");
        assert_eq!(compact(at(last, &["schema"])), r#"{"type":"string","pattern":"^[0-9]{1,18}$","example":"41"}"#);
        assert_eq!(at(last, &["in"]).as_str(), Some("header"));
        let id = param(&doc, "/v1/resources/{id}", "get", "id");
        assert_eq!(at(id, &["required"]), &Value::Bool(true));
        assert_eq!(at(id, &["schema", "pattern"]).as_str(), Some("^res_[a-z0-9]{1,32}$"));
        // Path parameters first, then query, then headers.
        let names: Vec<&str> = match at(&doc, &["paths", "/v1/resources/{id}", "patch", "parameters"]) {
            Value::Array(ps) => ps.iter().filter_map(|p| p.get("in").and_then(Value::as_str)).collect(),
            _ => Vec::new(),
        };
        assert_eq!(names, ["path", "header", "header"]);

        let doc = mini("http://localhost:9");
        let flag = param(&doc, "/v1/things/{id}", "get", "flag");
        assert_eq!(compact(at(flag, &["schema"])), r#"{"type":["boolean","null"],"default":false}"#);
        let n = param(&doc, "/v1/things/{id}", "get", "n");
        assert_eq!(compact(at(n, &["schema"])), r#"{"type":"number","minimum":0.5,"maximum":2.5}"#);
        let k = param(&doc, "/v1/things/{id}", "get", "k");
        assert_eq!(compact(at(k, &["schema"])), r#"{"type":"integer","enum":[1,2]}"#);
        assert_eq!(at(param(&doc, "/v1/things/{id}", "get", "id"), &["description"]).as_str(), Some("The id."));
    }

    #[test]
    fn the_body_is_one_object_schema() {
        let doc = real();
        let body = at(&doc, &["paths", "/v1/resources", "post", "requestBody"]);
        assert_eq!(at(body, &["required"]), &Value::Bool(true));
        let schema = at(body, &["content", "application/json", "schema"]);
        assert_eq!(compact(at(schema, &["required"])), r#"["name"]"#);
        assert_eq!(
            compact(at(schema, &["properties", "metadata"])),
            r#"{"type":"object","description":"Your own key/value pairs: at most 50 keys of 1–40 characters, and every value is a string of at most 500 characters.","maxProperties":50,"additionalProperties":{"type":"string"},"example":{"team":"data"}}"#
        );
        assert_eq!(
            compact(at(schema, &["properties", "region"])),
            r#"{"type":"string","description":"Where the resource lives: lowercase letters, digits and `-`.","minLength":1,"maxLength":32,"pattern":"^[a-z0-9-]{1,32}$","default":"us-east","example":"eu-west"}"#
        );
        assert_eq!(
            compact(at(body, &["content", "application/json", "example"])),
            r#"{"name":"Analytics","region":"eu-west"}"#
        );
        // A PATCH's body is the change: required, though each field is optional.
        assert_eq!(at(&doc, &["paths", "/v1/resources/{id}", "patch", "requestBody", "required"]), &Value::Bool(true));
        // The token exchange's body is optional: none of its fields is required.
        let token = at(&doc, &["paths", "/v1/auth/token", "post", "requestBody"]);
        assert_eq!(at(token, &["required"]), &Value::Bool(false));
        assert_eq!(at(token, &["content", "application/json", "schema", "required"]), &Value::Null);
        assert_eq!(at(&doc, &["paths", "/v1/resources", "get", "requestBody"]), &Value::Null);

        let doc = mini("");
        let schema =
            at(&doc, &["paths", "/v1/things/{id}", "put", "requestBody", "content", "application/json", "schema"]);
        assert_eq!(
            compact(at(schema, &["properties", "tags"])),
            r#"{"type":"array","items":{"type":"string"},"example":["a","b"]}"#
        );
        assert_eq!(compact(at(schema, &["properties", "size"])), r#"{"type":"integer","minimum":1}"#);
    }

    #[test]
    fn responses_with_headers_and_real_json_examples() {
        let doc = real();
        let created = at(&doc, &["paths", "/v1/resources", "post", "responses", "201"]);
        assert_eq!(at(created, &["description"]).as_str(), Some("The resource was created."));
        assert!(
            at(created, &["headers", "Location", "description"]).as_str().is_some_and(|d| d.contains("/v1/resources/"))
        );
        let example = at(created, &["content", "application/json", "example"]);
        assert_eq!(example.get("name").and_then(Value::as_str), Some("Analytics"), "an object, not a string");
        let problem = at(
            &doc,
            &["paths", "/v1/resources", "post", "responses", "400", "content", "application/problem+json", "example"],
        );
        assert_eq!(problem.get("status").and_then(Value::as_i64), Some(400));
        let statuses: Vec<&str> = match at(&doc, &["paths", "/v1/resources", "post", "responses"]) {
            Value::Object(r) => r.iter().map(|(s, _)| s.as_str()).collect(),
            _ => Vec::new(),
        };
        assert_eq!(statuses, ["201", "400", "401", "403", "409", "413", "415", "422", "429"]);
        // Every response with a body refers to its object, example or not.
        let conflict = at(&doc, &["paths", "/v1/resources", "post", "responses", "409", "content"]);
        assert_eq!(
            compact(conflict),
            r##"{"application/problem+json":{"schema":{"$ref":"#/components/schemas/Problem"}}}"##
        );
        assert_eq!(
            compact(at(created, &["content", "application/json", "schema"])),
            r##"{"$ref":"#/components/schemas/Resource"}"##
        );
        assert_eq!(at(created, &["headers", "Location", "required"]), &Value::Bool(true));
        assert_eq!(at(created, &["headers", "Idempotent-Replayed", "required"]), &Value::Bool(false));
        let resource = at(&doc, &["components", "schemas", "Resource"]);
        assert_eq!(at(resource, &["additionalProperties"]), &Value::Bool(false));
        assert_eq!(at(resource, &["properties", "status", "enum"]), &serde_json::json!(["active", "archived"]));
        // An empty 204 has no content.
        let deleted = at(&doc, &["paths", "/v1/resources/{id}", "delete", "responses", "204"]);
        assert_eq!(deleted.get("content"), None);
        // The stream's example is text.
        let stream = at(&doc, &["paths", "/v1/events", "get", "responses", "200", "content", "text/event-stream"]);
        assert!(at(stream, &["example"]).as_str().is_some_and(|s| s.starts_with("id: 41\nevent: resource.created")));
        assert_eq!(
            compact(at(stream, &["schema", "properties", "data", "contentSchema"])),
            r##"{"$ref":"#/components/schemas/Event"}"##
        );

        let doc = mini("");
        let plain =
            at(&doc, &["paths", "/v1/things/{id}", "get", "responses", "200", "content", "text/plain", "example"]);
        assert_eq!(plain.as_str(), Some("plain words\n"));
    }

    #[test]
    fn security_follows_auth_and_scope() {
        let doc = real();
        let security = |path: &str, method: &str| compact(at(&doc, &["paths", path, method, "security"]));
        assert_eq!(
            security("/v1/resources", "get"),
            r#"[{"api_key":["resources:read"]},{"bearer":["resources:read"]}]"#
        );
        assert_eq!(security("/v2/ping", "get"), r#"[{},{"api_key":[]},{"bearer":[]}]"#);
        assert_eq!(security("/v1/auth/token", "post"), r#"[{"api_key":[]}]"#);
        assert_eq!(security("/sandbox/keys", "get"), "[]");
        let doc = mini("");
        assert_eq!(
            compact(at(&doc, &["paths", "/v1/things/{id}", "put", "security"])),
            r#"[{"api_key":["things:write"]}]"#
        );
        assert_eq!(
            at(&doc, &["paths", "/v1/things/{id}", "get", "description"]).as_str(),
            Some("Returns **one** thing, by [id](<https://example.com/ids>).")
        );
    }

    #[test]
    fn descriptions_are_commonmark() {
        let text = |s: &str| Inline::Text(s.to_owned());
        let inlines = [
            text("Use "),
            Inline::Code("a`b".into()),
            text(" or "),
            Inline::Emphasis(vec![text("*not*")]),
            text(", sk_live_x and _y [z] \\ <b>"),
            Inline::SoftBreak,
            Inline::Link {
                target: LinkTarget::Internal { route: "/errors".into(), anchor: None },
                content: vec![text("errors")],
            },
            text("."),
        ];
        assert_eq!(commonmark(&inlines), "Use ``a`b`` or *\\*not\\**, sk_live_x and \\_y \\[z\\] \\\\ \\<b> errors.");
        assert_eq!(commonmark(&[Inline::Code("`x".into())]), "`` `x ``");
    }
}
