//! The docs and the sandbox describe one API (issue 3): every operation,
//! parameter and response status in the reference pages (`content/`, parsed
//! by explorer-core) is in the sandbox's `/openapi.json`, and the reverse.
//! The docs' own OpenAPI export (issue 5) must agree with `/openapi.json` too.
//!
//! Both sides are reduced to one [`Contract`] and compared field by field, so
//! a failure lists every difference at once, each naming the operation, the
//! parameter or status, and what each side says. The last tests break each
//! side on purpose to show that every kind of difference is caught.

use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

use explorer_core::Docs;
use explorer_core::operation::{Auth, Location, Operation, Param, Response};
use explorer_core::request::{Credential, build, example_draft};
use serde_json::{Value, json};

const DOCS: &str = "the docs";
const SANDBOX: &str = "/openapi.json";
const EXPORT: &str = "the docs' OpenAPI export";

/// What a difference is about; each test checks its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Aspect {
    /// Operations (method + path), their id, deprecation, credentials and body.
    Operations,
    Parameters,
    /// Response statuses and the response headers the docs declare.
    Statuses,
}

#[derive(Debug)]
struct Difference {
    aspect: Aspect,
    message: String,
}

/// Everything both sides must agree on, by (METHOD, path template).
type Contract = BTreeMap<(String, String), Op>;

#[derive(Debug, Clone, Default)]
struct Op {
    id: String,
    /// Where it is defined, for messages: `content/reference/x.md:7`.
    origin: Option<String>,
    deprecated: bool,
    /// Credential schemes accepted (`api_key`, `bearer`) and scopes needed.
    schemes: BTreeSet<String>,
    scopes: BTreeSet<String>,
    /// The request body's content types.
    body: BTreeSet<String>,
    /// Whether a body must be sent; `None` where a side cannot say (the
    /// docs' definitions have no such flag).
    body_required: Option<bool>,
    /// By (location, name); header names lowercased (they are case-insensitive).
    params: BTreeMap<(String, String), Par>,
    /// Status → declared response headers (lowercased name → name as written).
    statuses: BTreeMap<String, BTreeMap<String, String>>,
}

#[derive(Debug, Clone, Default)]
struct Par {
    name: String,
    required: bool,
    ty: String,
    /// Constraint keyword (OpenAPI spelling) → its value as text.
    facets: BTreeMap<&'static str, String>,
}

// ---- the docs side ---------------------------------------------------------

fn load_docs() -> Docs {
    Docs::load(explorer_content::FILES).unwrap_or_else(|errors| {
        let list: Vec<String> = errors.iter().map(ToString::to_string).collect();
        panic!("the docs do not load:\n{}", list.join("\n"))
    })
}

fn key_of(location: &str, name: &str) -> (String, String) {
    let name = if location == "header" { name.to_ascii_lowercase() } else { name.to_owned() };
    (location.to_owned(), name)
}

/// A number as text, the same whether it was written `1`, `1.0` or `1e0`.
fn number_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 { format!("{}", n as i64) } else { n.to_string() }
}

/// A JSON value as text: strings bare, numbers normalized, the rest compact.
fn value_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.as_f64().map(number_text).unwrap_or_else(|| n.to_string()),
        other => other.to_string(),
    }
}

fn docs_param(p: &Param) -> Par {
    let c = &p.constraints;
    let mut facets = BTreeMap::new();
    let typed = |text: &str| -> String {
        if p.ty.is_numeric() {
            text.parse::<f64>().map(number_text).unwrap_or_else(|_| text.to_owned())
        } else if p.ty.is_structured() {
            serde_json::from_str::<Value>(text).map(|v| v.to_string()).unwrap_or_else(|_| text.to_owned())
        } else {
            text.to_owned()
        }
    };
    if !c.enum_values.is_empty() {
        facets.insert("enum", c.enum_values.iter().map(|v| typed(v)).collect::<Vec<_>>().join("|"));
    }
    let mut put = |key: &'static str, value: Option<String>| {
        if let Some(value) = value {
            facets.insert(key, value);
        }
    };
    put("minimum", c.minimum.map(number_text));
    put("maximum", c.maximum.map(number_text));
    put("minLength", c.min_length.map(|n| n.to_string()));
    put("maxLength", c.max_length.map(|n| n.to_string()));
    put("maxProperties", c.max_properties.map(|n| n.to_string()));
    put("pattern", c.pattern.clone());
    put("format", c.format.map(|f| f.as_str().to_owned()));
    put("default", p.default.as_deref().map(typed));
    put("values", c.values.map(|t| t.as_str().to_owned()));
    put("nullable", p.nullable.then(|| "true".to_owned()));
    Par { name: p.name.clone(), required: p.required, ty: p.ty.as_str().to_owned(), facets }
}

fn docs_statuses(responses: &[Response]) -> BTreeMap<String, BTreeMap<String, String>> {
    responses
        .iter()
        .map(|r| {
            let headers = r.headers.iter().map(|h| (h.name.to_ascii_lowercase(), h.name.clone())).collect();
            (r.status.to_string(), headers)
        })
        .collect()
}

fn docs_op(op: &Operation) -> Op {
    let schemes: &[&str] = match op.auth {
        Auth::None => &[],
        Auth::Optional | Auth::Bearer => &["api_key", "bearer"],
        Auth::ApiKey => &["api_key"],
    };
    Op {
        id: op.id.clone(),
        origin: Some(format!("content/{}:{}", op.file, op.line)),
        deprecated: op.deprecated,
        schemes: schemes.iter().map(|s| s.to_string()).collect(),
        scopes: op.scope.iter().cloned().collect(),
        body: op.body_type.iter().cloned().collect(),
        body_required: None,
        params: op.params.iter().map(|p| (key_of(p.location.as_str(), &p.name), docs_param(p))).collect(),
        statuses: docs_statuses(&op.responses),
    }
}

fn from_docs(docs: &Docs) -> Contract {
    docs.operations().map(|op| ((op.method.as_str().to_owned(), op.path.clone()), docs_op(op))).collect()
}

// ---- the OpenAPI side --------------------------------------------------------

/// Follows local `$ref`s (`#/components/...`).
fn resolve<'a>(doc: &'a Value, mut value: &'a Value) -> &'a Value {
    for _ in 0..16 {
        let Some(pointer) = value.get("$ref").and_then(Value::as_str).and_then(|r| r.strip_prefix('#')) else {
            break;
        };
        value = doc.pointer(pointer).unwrap_or(&Value::Null);
    }
    value
}

fn schema_param(doc: &Value, name: &str, required: bool, schema: &Value) -> Par {
    let schema = resolve(doc, schema);
    let (ty, nullable) = match schema.get("type") {
        Some(Value::String(t)) => (t.clone(), schema.get("nullable") == Some(&Value::Bool(true))),
        Some(Value::Array(types)) => {
            let ty = types.iter().filter_map(Value::as_str).find(|t| *t != "null").unwrap_or("");
            (ty.to_owned(), types.iter().any(|t| t == "null"))
        }
        _ => (String::new(), false),
    };
    let mut facets = BTreeMap::new();
    if let Some(Value::Array(values)) = schema.get("enum") {
        let values: Vec<String> = values.iter().filter(|v| !v.is_null()).map(value_text).collect();
        facets.insert("enum", values.join("|"));
    }
    for key in ["minimum", "maximum", "minLength", "maxLength", "maxProperties", "pattern", "default"] {
        if let Some(value) = schema.get(key) {
            facets.insert(key, value_text(value));
        }
    }
    // `int64` and the like say how a number is stored, not which are valid.
    if let Some(format) = schema.get("format").and_then(Value::as_str)
        && ty == "string"
    {
        facets.insert("format", format.to_owned());
    }
    let inner = match ty.as_str() {
        "object" => schema.get("additionalProperties"),
        "array" => schema.get("items"),
        _ => None,
    };
    if let Some(values) = inner.map(|v| resolve(doc, v)).and_then(|v| v.get("type")).and_then(Value::as_str) {
        facets.insert("values", values.to_owned());
    }
    if nullable {
        facets.insert("nullable", "true".to_owned());
    }
    Par { name: name.to_owned(), required, ty, facets }
}

fn openapi_op(doc: &Value, item: &Value, op: &Value) -> Op {
    let mut out = Op {
        id: op.get("operationId").and_then(Value::as_str).unwrap_or_default().to_owned(),
        deprecated: op.get("deprecated") == Some(&Value::Bool(true)),
        ..Op::default()
    };
    let security = op.get("security").or_else(|| doc.get("security"));
    for requirement in security.and_then(Value::as_array).into_iter().flatten() {
        for (scheme, scopes) in requirement.as_object().into_iter().flatten() {
            out.schemes.insert(scheme.clone());
            out.scopes.extend(scopes.as_array().into_iter().flatten().filter_map(Value::as_str).map(str::to_owned));
        }
    }
    let params = [item.get("parameters"), op.get("parameters")];
    for p in params.into_iter().flatten().filter_map(Value::as_array).flatten() {
        let p = resolve(doc, p);
        let location = p.get("in").and_then(Value::as_str).unwrap_or_default();
        let name = p.get("name").and_then(Value::as_str).unwrap_or_default();
        let required = p.get("required") == Some(&Value::Bool(true));
        let par = schema_param(doc, name, required, p.get("schema").unwrap_or(&Value::Null));
        out.params.insert(key_of(location, name), par);
    }
    if let Some(body) = op.get("requestBody").map(|b| resolve(doc, b)) {
        out.body_required = Some(body.get("required") == Some(&Value::Bool(true)));
        for (content_type, media) in body.get("content").and_then(Value::as_object).into_iter().flatten() {
            out.body.insert(content_type.clone());
            let schema = resolve(doc, media.get("schema").unwrap_or(&Value::Null));
            let required: Vec<&str> = schema
                .get("required")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .collect();
            for (name, property) in schema.get("properties").and_then(Value::as_object).into_iter().flatten() {
                let par = schema_param(doc, name, required.contains(&name.as_str()), property);
                out.params.insert(key_of("body", name), par);
            }
        }
    }
    for (status, response) in op.get("responses").and_then(Value::as_object).into_iter().flatten() {
        let response = resolve(doc, response);
        let headers = response
            .get("headers")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
            .map(|(name, _)| (name.to_ascii_lowercase(), name.clone()))
            .collect();
        out.statuses.insert(status.clone(), headers);
    }
    out
}

const METHODS: [&str; 8] = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

fn from_openapi(doc: &Value) -> Contract {
    let mut contract = Contract::new();
    for (path, item) in doc.get("paths").and_then(Value::as_object).into_iter().flatten() {
        for method in METHODS {
            if let Some(op) = item.get(method) {
                contract.insert((method.to_ascii_uppercase(), path.clone()), openapi_op(doc, item, op));
            }
        }
    }
    contract
}

/// What `GET /openapi.json` serves (the very bytes).
fn served() -> Value {
    serde_json::from_slice(sandbox::openapi::json_bytes()).expect("/openapi.json is JSON")
}

// ---- the comparison -----------------------------------------------------------

fn shown(value: Option<&String>) -> String {
    value.map_or_else(|| "nothing".to_owned(), |v| format!("`{v}`"))
}

fn yes_no(required: bool) -> &'static str {
    if required { "required" } else { "optional" }
}

fn set_text(set: &BTreeSet<String>) -> String {
    if set.is_empty() { "none".to_owned() } else { set.iter().cloned().collect::<Vec<_>>().join(", ") }
}

/// Records a difference when the two sides' values are not the same.
struct Sides<'a> {
    left: &'a str,
    right: &'a str,
    out: Vec<Difference>,
}

impl Sides<'_> {
    fn push(&mut self, aspect: Aspect, message: String) {
        self.out.push(Difference { aspect, message });
    }

    fn differs(&mut self, aspect: Aspect, op: &str, what: &str, l: String, r: String) {
        if l != r {
            let message = format!("{op}: {what} differs: in {} {l}, in {} {r}", self.left, self.right);
            self.push(aspect, message);
        }
    }
}

/// Every difference between two contracts. Response headers are checked one
/// way only: those `left` declares must be declared by `right` too (the
/// sandbox declares more, such as `X-Request-Id` on every response).
fn compare(left_name: &str, left: &Contract, right_name: &str, right: &Contract) -> Vec<Difference> {
    let mut s = Sides { left: left_name, right: right_name, out: Vec::new() };
    for ((method, path), l) in left {
        let origin = l.origin.as_deref().map(|o| format!(", {o}")).unwrap_or_default();
        let op = format!("{method} {path} ({}{origin})", l.id);
        let Some(r) = right.get(&(method.clone(), path.clone())) else {
            s.push(Aspect::Operations, format!("{op} is in {left_name} but not in {right_name}"));
            continue;
        };
        let ops = Aspect::Operations;
        s.differs(ops, &op, "operationId", format!("`{}`", l.id), format!("`{}`", r.id));
        s.differs(ops, &op, "deprecated", l.deprecated.to_string(), r.deprecated.to_string());
        s.differs(ops, &op, "credential schemes", set_text(&l.schemes), set_text(&r.schemes));
        s.differs(ops, &op, "scopes", set_text(&l.scopes), set_text(&r.scopes));
        s.differs(ops, &op, "request body content type", set_text(&l.body), set_text(&r.body));
        if let (Some(lr), Some(rr)) = (l.body_required, r.body_required) {
            s.differs(ops, &op, "request body", yes_no(lr).into(), yes_no(rr).into());
        }

        let params = Aspect::Parameters;
        for (key, lp) in &l.params {
            let location = &key.0;
            let Some(rp) = r.params.get(key) else {
                let message =
                    format!("{op}: {location} parameter `{}` is in {left_name} but not in {right_name}", lp.name);
                s.push(params, message);
                continue;
            };
            let what = |facet: &str| format!("{location} parameter `{}`: {facet}", lp.name);
            s.differs(params, &op, &what("required"), yes_no(lp.required).into(), yes_no(rp.required).into());
            s.differs(params, &op, &what("type"), format!("`{}`", lp.ty), format!("`{}`", rp.ty));
            let facets: BTreeSet<&str> = lp.facets.keys().chain(rp.facets.keys()).copied().collect();
            for facet in facets {
                let label = if facet == "enum" { "enum values" } else { facet };
                s.differs(params, &op, &what(label), shown(lp.facets.get(facet)), shown(rp.facets.get(facet)));
            }
        }
        for (key, rp) in &r.params {
            if !l.params.contains_key(key) {
                let message =
                    format!("{op}: {} parameter `{}` is in {right_name} but not in {left_name}", key.0, rp.name);
                s.push(params, message);
            }
        }

        for (status, headers) in &l.statuses {
            let Some(theirs) = r.statuses.get(status) else {
                s.push(Aspect::Statuses, format!("{op}: response {status} is in {left_name} but not in {right_name}"));
                continue;
            };
            for (lower, name) in headers {
                if !theirs.contains_key(lower) {
                    let message = format!(
                        "{op}: response {status} header `{name}` is declared in {left_name} but not in {right_name}"
                    );
                    s.push(Aspect::Statuses, message);
                }
            }
        }
        for status in r.statuses.keys().filter(|status| !l.statuses.contains_key(*status)) {
            s.push(Aspect::Statuses, format!("{op}: response {status} is in {right_name} but not in {left_name}"));
        }
    }
    for ((method, path), r) in right {
        if !left.contains_key(&(method.clone(), path.clone())) {
            let message = format!("{method} {path} ({}) is in {right_name} but not in {left_name}", r.id);
            s.push(Aspect::Operations, message);
        }
    }
    s.out
}

fn assert_none(what: &str, differences: Vec<Difference>, aspects: &[Aspect]) {
    let found: Vec<String> = differences
        .into_iter()
        .filter(|d| aspects.contains(&d.aspect))
        .enumerate()
        .map(|(i, d)| format!("{:>3}. {}", i + 1, d.message))
        .collect();
    assert!(found.is_empty(), "{what}: {} difference(s):\n{}\n", found.len(), found.join("\n"));
}

// ---- the docs and the sandbox ------------------------------------------------------

#[test]
fn every_documented_operation_is_served_and_every_served_one_documented() {
    let differences = compare(DOCS, &from_docs(&load_docs()), SANDBOX, &from_openapi(&served()));
    assert_none("operations (method + path, id, deprecation, credentials, body)", differences, &[Aspect::Operations]);
}

#[test]
fn parameters_agree_both_ways_on_location_name_required_type_enum_and_limits() {
    let differences = compare(DOCS, &from_docs(&load_docs()), SANDBOX, &from_openapi(&served()));
    assert_none("parameters", differences, &[Aspect::Parameters]);
}

#[test]
fn response_statuses_agree_both_ways() {
    let differences = compare(DOCS, &from_docs(&load_docs()), SANDBOX, &from_openapi(&served()));
    assert_none("response statuses and documented response headers", differences, &[Aspect::Statuses]);
}

// ---- the docs' export and the sandbox ------------------------------------------------

#[test]
fn the_export_agrees_with_the_sandbox_on_paths_methods_parameters_and_statuses() {
    let docs = load_docs();
    let text = explorer_core::openapi::export(&docs, "http://127.0.0.1:8080");
    let export: Value = serde_json::from_str(&text).expect("the export is JSON");
    let exported = from_openapi(&export);
    assert_eq!(exported.len(), docs.operations().count(), "the export has every documented operation once");
    let differences = compare(EXPORT, &exported, SANDBOX, &from_openapi(&served()));
    assert_none(
        "the export against /openapi.json",
        differences,
        &[Aspect::Operations, Aspect::Parameters, Aspect::Statuses],
    );
    // The export is the docs, nothing lost on the way.
    let differences = compare(DOCS, &from_docs(&docs), EXPORT, &exported);
    assert_none(
        "the docs against their export",
        differences,
        &[Aspect::Operations, Aspect::Parameters, Aspect::Statuses],
    );
}

// ---- every assertion can fail ----------------------------------------------------------

/// Removes `key` from the object `value`.
fn remove_key(value: &mut Value, key: &str) {
    let object = value.as_object_mut().unwrap_or_else(|| panic!("test setup: no object to remove `{key}` from"));
    assert!(object.remove(key).is_some(), "test setup: `{key}` is not there to remove");
}

fn new_differences(left: &Contract, right: &Contract, baseline: &[String]) -> Vec<String> {
    compare(DOCS, left, SANDBOX, right).into_iter().map(|d| d.message).filter(|m| !baseline.contains(m)).collect()
}

fn expect_caught(case: &str, found: &[String], expected: &[&str]) {
    for wanted in expected {
        assert!(
            found.iter().any(|m| m.contains(wanted)),
            "{case}: expected a difference containing {wanted:?}, got {found:#?}"
        );
    }
}

#[test]
fn a_broken_sandbox_document_is_caught() {
    let docs = from_docs(&load_docs());
    let doc = served();
    let baseline: Vec<String> =
        compare(DOCS, &docs, SANDBOX, &from_openapi(&doc)).into_iter().map(|d| d.message).collect();
    type Break = fn(&mut Value);
    let cases: Vec<(&str, Break, &[&str])> = vec![
        (
            "an operation removed",
            |d| remove_key(&mut d["paths"]["/v1/projects"], "get"),
            &[
                "GET /v1/projects (list-projects, content/reference/list-projects.md:",
                "is in the docs but not in /openapi.json",
            ],
        ),
        (
            "an operation added",
            |d| {
                d["paths"]["/v1/widgets"] =
                    json!({"get": {"operationId": "list-widgets", "responses": {"200": {"description": "Widgets."}}}})
            },
            &["GET /v1/widgets (list-widgets) is in /openapi.json but not in the docs"],
        ),
        (
            "an operation id changed",
            |d| d["paths"]["/v2/ping"]["get"]["operationId"] = json!("ping-v2"),
            &[
                "GET /v2/ping (ping, content/reference/ping.md:",
                "operationId differs: in the docs `ping`, in /openapi.json `ping-v2`",
            ],
        ),
        (
            "deprecation dropped",
            |d| remove_key(&mut d["paths"]["/v1/ping"]["get"], "deprecated"),
            &["GET /v1/ping (ping-v1", "deprecated differs: in the docs true, in /openapi.json false"],
        ),
        (
            "a scope changed",
            |d| {
                d["paths"]["/v1/projects"]["get"]["security"] =
                    json!([{"api_key": ["resources:read"]}, {"bearer": ["resources:read"]}])
            },
            &[
                "GET /v1/projects (list-projects",
                "scopes differs: in the docs projects:read, in /openapi.json resources:read",
            ],
        ),
        (
            "a parameter renamed",
            |d| d["paths"]["/v1/resources"]["get"]["parameters"][0]["name"] = json!("page_size"),
            &[
                "GET /v1/resources (list-resources, content/reference/list-resources.md:",
                "query parameter `limit` is in the docs but not in /openapi.json",
                "query parameter `page_size` is in /openapi.json but not in the docs",
            ],
        ),
        (
            "a header made required",
            |d| {
                for p in d["paths"]["/v1/events"]["get"]["parameters"].as_array_mut().into_iter().flatten() {
                    if p["name"] == "Last-Event-ID" {
                        p["required"] = json!(true);
                    }
                }
            },
            &["header parameter `Last-Event-ID`: required differs: in the docs optional, in /openapi.json required"],
        ),
        (
            "a type changed",
            |d| d["paths"]["/v1/resources"]["get"]["parameters"][0]["schema"]["type"] = json!("string"),
            &["query parameter `limit`: type differs: in the docs `integer`, in /openapi.json `string`"],
        ),
        (
            "an enum value dropped (behind a $ref)",
            |d| d["components"]["schemas"]["ResourceStatus"]["enum"] = json!(["active"]),
            &[
                "query parameter `status`: enum values differs: in the docs `active|archived`, in /openapi.json `active`",
            ],
        ),
        (
            "a limit changed",
            |d| d["components"]["schemas"]["CreateResource"]["properties"]["name"]["maxLength"] = json!(81),
            &[
                "POST /v1/resources (create-resource",
                "body parameter `name`: maxLength differs: in the docs `80`, in /openapi.json `81`",
            ],
        ),
        (
            "a pattern changed",
            |d| {
                d["paths"]["/v1/resources/{id}"]["get"]["parameters"][0]["schema"]["pattern"] =
                    json!("^res_[a-z0-9]{16}$")
            },
            &[
                "path parameter `id`: pattern differs: in the docs `^res_[a-z0-9]{1,32}$`, in /openapi.json `^res_[a-z0-9]{16}$`",
            ],
        ),
        (
            "a default dropped",
            |d| remove_key(&mut d["components"]["schemas"]["TokenRequest"]["properties"]["expires_in"], "default"),
            &["body parameter `expires_in`: default differs: in the docs `3600`, in /openapi.json nothing"],
        ),
        (
            "a body field made optional",
            |d| d["components"]["schemas"]["CreateResource"]["required"] = json!([]),
            &["body parameter `name`: required differs: in the docs required, in /openapi.json optional"],
        ),
        (
            "a status removed and one added",
            |d| {
                let responses = &mut d["paths"]["/v1/resources"]["post"]["responses"];
                remove_key(responses, "413");
                responses["418"] = json!({"description": "A teapot."});
            },
            &[
                "POST /v1/resources (create-resource, content/reference/create-resource.md:",
                "response 413 is in the docs but not in /openapi.json",
                "response 418 is in /openapi.json but not in the docs",
            ],
        ),
        (
            "a documented response header removed",
            |d| remove_key(&mut d["paths"]["/v1/resources"]["post"]["responses"]["201"]["headers"], "Location"),
            &["response 201 header `Location` is declared in the docs but not in /openapi.json"],
        ),
    ];
    for (case, break_it, expected) in cases {
        let mut broken = doc.clone();
        break_it(&mut broken);
        let found = new_differences(&docs, &from_openapi(&broken), &baseline);
        expect_caught(case, &found, expected);
    }
}

#[test]
fn broken_docs_are_caught() {
    let docs = load_docs();
    let doc = from_openapi(&served());
    let baseline: Vec<String> =
        compare(DOCS, &from_docs(&docs), SANDBOX, &doc).into_iter().map(|d| d.message).collect();
    type Break = fn(&mut Operation);
    let cases: Vec<(&str, &str, Break, &[&str])> = vec![
        (
            "a parameter left out",
            "list-resources",
            |op| op.params.retain(|p| p.name != "cursor"),
            &["query parameter `cursor` is in /openapi.json but not in the docs"],
        ),
        (
            "a header with another type",
            "stream-events",
            |op| {
                if let Some(p) =
                    op.params.iter_mut().find(|p| p.location == Location::Header && p.name == "Last-Event-ID")
                {
                    p.ty = explorer_core::operation::ParamType::Integer;
                    p.constraints.pattern = None;
                }
            },
            &[
                "header parameter `Last-Event-ID`: type differs: in the docs `integer`, in /openapi.json `string`",
                "header parameter `Last-Event-ID`: pattern differs: in the docs nothing, in /openapi.json `^[0-9]{1,18}$`",
            ],
        ),
        (
            "a status left out",
            "update-resource",
            |op| op.responses.retain(|r| r.status != 413),
            &["PATCH /v1/resources/{id} (update-resource", "response 413 is in /openapi.json but not in the docs"],
        ),
        (
            "an operation moved",
            "get-project-status",
            |op| op.path = "/v1/projects/{id}/status".to_owned(),
            &[
                "GET /v1/projects/{id}/status (get-project-status, content/reference/get-project-status.md:",
                "is in the docs but not in /openapi.json",
                "GET /v2/projects/{id}/status (get-project-status) is in /openapi.json but not in the docs",
            ],
        ),
    ];
    for (case, id, break_it, expected) in cases {
        let mut broken = docs.clone();
        let op = broken.pages.iter_mut().find_map(|p| p.operation.as_mut().filter(|o| o.id == id));
        break_it(op.unwrap_or_else(|| panic!("test setup: no operation {id}")));
        let found = new_differences(&from_docs(&broken), &doc, &baseline);
        expect_caught(case, &found, expected);
    }
}

#[test]
fn a_broken_export_or_sandbox_is_caught_by_the_export_comparison() {
    let text = explorer_core::openapi::export(&load_docs(), "http://127.0.0.1:8080");
    let export: Value = serde_json::from_str(&text).expect("the export is JSON");
    let sandbox = served();
    let messages = |export: &Value, sandbox: &Value| -> Vec<String> {
        compare(EXPORT, &from_openapi(export), SANDBOX, &from_openapi(sandbox)).into_iter().map(|d| d.message).collect()
    };
    let baseline = messages(&export, &sandbox);

    let mut broken = sandbox.clone();
    broken["paths"]["/v1/auth/token"]["post"]["requestBody"]["required"] = json!(true);
    let found: Vec<String> = messages(&export, &broken).into_iter().filter(|m| !baseline.contains(m)).collect();
    expect_caught(
        "the token body made required",
        &found,
        &[
            "POST /v1/auth/token (create-token): request body differs: in the docs' OpenAPI export optional, in /openapi.json required",
        ],
    );

    let mut broken = export.clone();
    if let Some(params) = broken["paths"]["/v1/events"]["get"]["parameters"].as_array_mut() {
        params.retain(|p| p["name"] != "Last-Event-ID");
    }
    remove_key(&mut broken["paths"]["/v2/ping"]["get"]["responses"], "429");
    let found: Vec<String> = messages(&broken, &sandbox).into_iter().filter(|m| !baseline.contains(m)).collect();
    expect_caught(
        "a header and a status lost in the export",
        &found,
        &[
            "GET /v1/events (stream-events): header parameter `Last-Event-ID` is in /openapi.json but not in the docs' OpenAPI export",
            "GET /v2/ping (ping): response 429 is in /openapi.json but not in the docs' OpenAPI export",
        ],
    );
}

// ---- try-it's example fill, sent to a real sandbox -------------------------------------

/// What try-it sends when the reader clicks "example" (explorer-core's
/// `example_draft`, with the pro demo key) gets a status the docs list for
/// that operation. In particular the docs' shortened resource ids
/// (`res_8f2a`) are well-formed: get, update and delete answer 404, not 400.
#[tokio::test]
async fn every_operation_filled_with_its_examples_gets_a_documented_status() {
    let docs = load_docs();
    let server = sandbox::spawn(sandbox::Config::in_memory(), "127.0.0.1:0".parse().expect("address"))
        .await
        .expect("the sandbox starts");
    let key = server.state.seeded_keys().pro;
    let client = reqwest::Client::builder().no_proxy().timeout(Duration::from_secs(30)).build().expect("client");
    let mut problems = Vec::new();
    for op in docs.operations() {
        let draft = example_draft(op);
        let request = build(op, &draft, &server.url(), &Credential::ApiKey(key.clone()), None)
            .unwrap_or_else(|e| panic!("{}: the example fill cannot be sent: {e}", op.id));
        let method = reqwest::Method::from_bytes(request.method.as_str().as_bytes()).expect("method");
        let mut builder = client.request(method, &request.url);
        for (name, value) in &request.headers {
            builder = builder.header(name, value);
        }
        if let Some(body) = &request.body {
            builder = builder.body(body.clone());
        }
        let response = builder.send().await.unwrap_or_else(|e| panic!("{}: {e}", op.id));
        let status = response.status().as_u16();
        let streaming = op.streaming;
        let body: Value = if streaming { Value::Null } else { response.json().await.unwrap_or(Value::Null) };
        let line = format!("{} {} ({}): {status} {body}", op.method, request.url, op.id);
        if op.response(status).is_none() {
            problems.push(format!("{line}: the docs do not list {status}"));
        }
        let path_params: Vec<&str> = op.params_in(Location::Path).map(|p| p.name.as_str()).collect();
        if status == 400 && body["param"].as_str().is_some_and(|p| path_params.contains(&p)) {
            let param = body["param"].as_str().unwrap_or_default();
            problems.push(format!("{line}: the documented example of `{param}` is refused as malformed"));
        }
        if ["get-resource", "update-resource", "delete-resource"].contains(&op.id.as_str()) && status != 404 {
            problems.push(format!("{line}: an unknown but well-formed id must get 404"));
        }
    }
    server.stop().await;
    assert!(problems.is_empty(), "the example fill:\n{}", problems.join("\n"));
}
