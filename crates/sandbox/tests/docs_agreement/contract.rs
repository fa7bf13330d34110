//! Both sides reduced to one [`Contract`]: the docs (explorer-core's model of
//! `content/reference/*.md`) and an OpenAPI document (the sandbox's
//! `/openapi.json` or the docs' own export).

use std::collections::{BTreeMap, BTreeSet};

use explorer_core::Docs;
use explorer_core::operation::{Auth, Location, Operation, Param, Response};
use sandbox::error::Code;
use serde_json::Value;

pub const DOCS: &str = "the docs";
pub const SANDBOX: &str = "/openapi.json";
pub const EXPORT: &str = "the docs' OpenAPI export";

/// What a difference is about; each test checks its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Aspect {
    /// Operations (method + path), their id, deprecation, credentials, body
    /// and idempotency.
    Operations,
    Parameters,
    /// Response statuses, the response headers the docs declare and the
    /// error codes named under each status.
    Statuses,
}

#[derive(Debug)]
pub struct Difference {
    pub aspect: Aspect,
    pub message: String,
}

/// Everything both sides must agree on, by (METHOD, path template).
pub type Contract = BTreeMap<(String, String), Op>;

#[derive(Debug, Clone, Default)]
pub struct Op {
    pub id: String,
    /// Where it is defined, for messages: `content/reference/x.md:7`.
    pub origin: Option<String>,
    pub deprecated: bool,
    /// Whether a credential is `required`, `optional` or `none` (not read).
    pub credential: &'static str,
    /// Whether an `Idempotency-Key` is honoured.
    pub idempotent: bool,
    /// Credential schemes accepted (`api_key`, `bearer`) and scopes needed.
    pub schemes: BTreeSet<String>,
    pub scopes: BTreeSet<String>,
    /// The request body's content types.
    pub body: BTreeSet<String>,
    /// Whether a body must be sent; `None` when there is no body.
    pub body_required: Option<bool>,
    /// By (location, name); header names lowercased (they are case-insensitive).
    pub params: BTreeMap<(String, String), Par>,
    /// Status → declared response headers (lowercased name → name as written).
    pub statuses: BTreeMap<String, BTreeMap<String, String>>,
    /// Status → the error codes its description names (`(`not_found`)`).
    pub codes: BTreeMap<String, BTreeSet<String>>,
}

#[derive(Debug, Clone, Default)]
pub struct Par {
    pub name: String,
    pub required: bool,
    pub ty: String,
    /// Constraint keyword (OpenAPI spelling) → its value as text.
    pub facets: BTreeMap<&'static str, String>,
}

// ---- the docs side ---------------------------------------------------------

/// The docs, loaded once for the probes that compare every answer with them.
pub fn docs() -> &'static Docs {
    static DOCS: std::sync::OnceLock<Docs> = std::sync::OnceLock::new();
    DOCS.get_or_init(load_docs)
}

pub fn load_docs() -> Docs {
    Docs::load(explorer_content::FILES).unwrap_or_else(|errors| {
        let list: Vec<String> = errors.iter().map(ToString::to_string).collect();
        panic!("the docs do not load:\n{}", list.join("\n"))
    })
}

pub fn key_of(location: &str, name: &str) -> (String, String) {
    let name = if location == "header" { name.to_ascii_lowercase() } else { name.to_owned() };
    (location.to_owned(), name)
}

/// A number as text, the same whether it was written `1`, `1.0` or `1e0`.
pub fn number_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 { format!("{}", n as i64) } else { n.to_string() }
}

/// A JSON value as text: strings bare, numbers normalized, the rest compact.
pub fn value_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.as_f64().map(number_text).unwrap_or_else(|| n.to_string()),
        other => other.to_string(),
    }
}

pub fn docs_param(p: &Param) -> Par {
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

pub fn docs_statuses(responses: &[Response]) -> BTreeMap<String, BTreeMap<String, String>> {
    responses
        .iter()
        .map(|r| {
            let headers = r.headers.iter().map(|h| (h.name.to_ascii_lowercase(), h.name.clone())).collect();
            (r.status.to_string(), headers)
        })
        .collect()
}

/// The body field that can carry the API key instead of a header (the token
/// exchange). OpenAPI security describes headers only, so such an operation
/// lists an empty requirement too, and its body is optional (the header can
/// carry the key instead); the live tests check both.
pub const BODY_CREDENTIAL: &str = "api_key";

/// The error codes a description names in backticks, such as
/// "Missing or invalid credential (`missing_credentials`, `invalid_credentials`)":
/// only the sandbox's codes count, so a backticked `limit` is not one.
pub fn codes_in(text: &str) -> BTreeSet<String> {
    text.split('`')
        .skip(1)
        .step_by(2)
        .filter(|word| Code::ALL.iter().any(|c| c.as_str() == *word))
        .map(str::to_owned)
        .collect()
}

/// `none`, `optional` or `required`, as the docs' `auth` says.
pub fn docs_credential(auth: Auth) -> &'static str {
    match auth {
        Auth::None => "none",
        Auth::Optional => "optional",
        Auth::Bearer | Auth::ApiKey => "required",
    }
}

/// The docs have no body-required flag: a documented body is required unless
/// it carries the credential, which a header can carry instead.
pub fn docs_body_required(op: &Operation) -> Option<bool> {
    op.body_type.as_ref()?;
    Some(op.param(Location::Body, BODY_CREDENTIAL).is_none())
}

pub fn docs_op(op: &Operation) -> Op {
    let schemes: &[&str] = match op.auth {
        Auth::None => &[],
        Auth::Optional | Auth::Bearer => &["api_key", "bearer"],
        Auth::ApiKey => &["api_key"],
    };
    Op {
        id: op.id.clone(),
        origin: Some(format!("content/{}:{}", op.file, op.line)),
        deprecated: op.deprecated,
        credential: docs_credential(op.auth),
        idempotent: op.idempotent,
        schemes: schemes.iter().map(|s| s.to_string()).collect(),
        scopes: op.scope.iter().cloned().collect(),
        body: op.body_type.iter().cloned().collect(),
        body_required: docs_body_required(op),
        params: op.params.iter().map(|p| (key_of(p.location.as_str(), &p.name), docs_param(p))).collect(),
        statuses: docs_statuses(&op.responses),
        codes: op.responses.iter().map(|r| (r.status.to_string(), codes_in(&r.description))).collect(),
    }
}

pub fn from_docs(docs: &Docs) -> Contract {
    docs.operations().map(|op| ((op.method.as_str().to_owned(), op.path.clone()), docs_op(op))).collect()
}

// ---- the OpenAPI side --------------------------------------------------------

/// Follows local `$ref`s (`#/components/...`).
pub fn resolve<'a>(doc: &'a Value, mut value: &'a Value) -> &'a Value {
    for _ in 0..16 {
        let Some(pointer) = value.get("$ref").and_then(Value::as_str).and_then(|r| r.strip_prefix('#')) else {
            break;
        };
        value = doc.pointer(pointer).unwrap_or(&Value::Null);
    }
    value
}

pub fn schema_param(doc: &Value, name: &str, required: bool, schema: &Value) -> Par {
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

pub fn openapi_op(doc: &Value, item: &Value, op: &Value) -> Op {
    let mut out = Op {
        id: op.get("operationId").and_then(Value::as_str).unwrap_or_default().to_owned(),
        deprecated: op.get("deprecated") == Some(&Value::Bool(true)),
        ..Op::default()
    };
    let security = op.get("security").or_else(|| doc.get("security"));
    let requirements: Vec<&Value> = security.and_then(Value::as_array).into_iter().flatten().collect();
    // An empty requirement (`{}`) means "no credential needed": alone it is
    // `none`, beside a scheme `optional`.
    let empty = requirements.iter().any(|r| r.as_object().is_some_and(|o| o.is_empty()));
    let schemed = requirements.iter().any(|r| r.as_object().is_some_and(|o| !o.is_empty()));
    out.credential = match (schemed, empty) {
        (false, _) => "none",
        (true, true) => "optional",
        (true, false) => "required",
    };
    for requirement in requirements {
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
        // See BODY_CREDENTIAL: here `{}` stands for the key in the body.
        if out.credential == "optional" && out.params.contains_key(&key_of("body", BODY_CREDENTIAL)) {
            out.credential = "required";
        }
    }
    out.idempotent = out.params.contains_key(&key_of("header", "Idempotency-Key"));
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
        let description = response.get("description").and_then(Value::as_str).unwrap_or_default();
        out.codes.insert(status.clone(), codes_in(description));
    }
    out
}

pub const METHODS: [&str; 8] = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

pub fn from_openapi(doc: &Value) -> Contract {
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
pub fn served() -> Value {
    serde_json::from_slice(sandbox::openapi::json_bytes()).expect("/openapi.json is JSON")
}
