//! Request bodies: their validation and their OpenAPI schemas, side by side
//! and built from the same constants, so the document says exactly what the
//! server enforces.
//!
//! Bodies are parsed as `serde_json::Value` and checked field by field (not
//! derived with serde), so every error names its field (`param`) and says
//! what was wrong in words.

use std::borrow::Cow;
use std::collections::BTreeMap;

use serde_json::{Map, Value, json};
use utoipa::openapi::schema::{AdditionalProperties, ObjectBuilder, Schema, Type};
use utoipa::openapi::{RefOr, schema::SchemaType};
use utoipa::{PartialSchema, ToSchema};

use crate::error::{Code, Problem};
use crate::keys;
use crate::model::ResourceStatus;
use crate::scopes::{Scope, Scopes};
use crate::store::resources::{Changes, NewResource};
use crate::tokens::{MAX_TTL, MIN_TTL};

pub const NAME_MAX_CHARS: usize = 80;
pub const REGION_MAX_CHARS: usize = 32;
pub const REGION_PATTERN: &str = "^[a-z0-9-]{1,32}$";
pub const DEFAULT_REGION: &str = "us-east";
pub const METADATA_MAX_KEYS: usize = 50;
pub const METADATA_KEY_MAX_CHARS: usize = 40;
pub const METADATA_VALUE_MAX_CHARS: usize = 500;
/// One or more known scopes separated by single spaces.
pub const SCOPE_PATTERN: &str =
    "^(resources:read|resources:write|projects:read)( (resources:read|resources:write|projects:read))*$";

fn invalid(param: impl Into<String>, detail: impl Into<String>) -> Problem {
    Problem::new(Code::ValidationFailed, detail).param(param)
}

/// Keeps a user-supplied name short enough to quote.
fn shown(text: &str) -> String {
    let short: String = text.chars().take(40).collect();
    if short.len() < text.len() { format!("{short}…") } else { short }
}

fn json_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn object(body: Option<Value>, fields: &[&str]) -> Result<Map<String, Value>, Problem> {
    let value = body.ok_or_else(|| Problem::new(Code::ValidationFailed, "A JSON object body is required."))?;
    let Value::Object(map) = value else {
        return Err(Problem::new(
            Code::ValidationFailed,
            format!("The body must be a JSON object, not {}.", json_type(&value)),
        ));
    };
    if let Some(unknown) = map.keys().find(|k| !fields.contains(&k.as_str())) {
        return Err(invalid(
            shown(unknown),
            format!(
                "Unknown field `{}`; this operation accepts {}.",
                shown(unknown),
                fields.iter().map(|f| format!("`{f}`")).collect::<Vec<_>>().join(", ")
            ),
        ));
    }
    Ok(map)
}

fn name(value: &Value) -> Result<String, Problem> {
    match value {
        Value::String(s) if (1..=NAME_MAX_CHARS).contains(&s.chars().count()) => Ok(s.clone()),
        Value::String(_) => Err(invalid("name", format!("`name` must be 1 to {NAME_MAX_CHARS} characters long."))),
        other => Err(invalid("name", format!("`name` must be a string, not {}.", json_type(other)))),
    }
}

fn region(value: &Value) -> Result<String, Problem> {
    match value {
        Value::String(s)
            if (1..=REGION_MAX_CHARS).contains(&s.len())
                && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-') =>
        {
            Ok(s.clone())
        }
        _ => Err(invalid(
            "region",
            format!("`region` must be 1 to {REGION_MAX_CHARS} characters of a-z, 0-9 and `-`, e.g. `eu-west`."),
        )),
    }
}

fn metadata(value: &Value) -> Result<BTreeMap<String, String>, Problem> {
    let Value::Object(map) = value else {
        return Err(invalid(
            "metadata",
            format!("`metadata` must be an object of string values, not {}.", json_type(value)),
        ));
    };
    if map.len() > METADATA_MAX_KEYS {
        return Err(invalid(
            "metadata",
            format!("`metadata` may hold at most {METADATA_MAX_KEYS} keys; it has {}.", map.len()),
        ));
    }
    let mut out = BTreeMap::new();
    for (key, value) in map {
        let count = key.chars().count();
        if count == 0 || count > METADATA_KEY_MAX_CHARS {
            return Err(invalid(
                "metadata",
                format!(
                    "`metadata` keys must be 1 to {METADATA_KEY_MAX_CHARS} characters long; `{}` is not.",
                    shown(key)
                ),
            ));
        }
        let param = format!("metadata.{key}");
        match value {
            Value::String(s) if s.chars().count() <= METADATA_VALUE_MAX_CHARS => {
                out.insert(key.clone(), s.clone());
            }
            Value::String(_) => {
                return Err(invalid(
                    param,
                    format!("`metadata.{key}` must be at most {METADATA_VALUE_MAX_CHARS} characters long."),
                ));
            }
            other => {
                return Err(invalid(param, format!("`metadata.{key}` must be a string, not {}.", json_type(other))));
            }
        }
    }
    Ok(out)
}

fn status(value: &Value) -> Result<ResourceStatus, Problem> {
    value
        .as_str()
        .and_then(ResourceStatus::parse)
        .ok_or_else(|| invalid("status", "`status` must be `active` or `archived`."))
}

/// `POST /v1/resources`.
pub fn create(body: Option<Value>) -> Result<NewResource, Problem> {
    let map = object(body, &["name", "region", "metadata"])?;
    let name = match map.get("name") {
        Some(v) => name(v)?,
        None => return Err(invalid("name", "`name` is required.")),
    };
    let region = map.get("region").map(region).transpose()?.unwrap_or_else(|| DEFAULT_REGION.to_owned());
    let metadata = map.get("metadata").map(metadata).transpose()?.unwrap_or_default();
    Ok(NewResource { name, region, metadata })
}

/// `PATCH /v1/resources/{id}`.
pub fn changes(body: Option<Value>) -> Result<Changes, Problem> {
    let map = object(body, &["name", "status", "metadata"])?;
    if map.is_empty() {
        return Err(Problem::new(Code::ValidationFailed, "Send at least one of `name`, `status` and `metadata`."));
    }
    Ok(Changes {
        name: map.get("name").map(name).transpose()?,
        status: map.get("status").map(status).transpose()?,
        metadata: map.get("metadata").map(metadata).transpose()?,
    })
}

/// `POST /v1/auth/token`, after validation.
#[derive(Debug, Default, PartialEq)]
pub struct TokenRequest {
    pub api_key: Option<String>,
    pub expires_in: i64,
    pub scope: Option<Scopes>,
}

/// A JSON integer, also written as a float with no fraction (`3600.0`), as
/// JSON Schema's `integer` allows.
fn integer(value: &Value) -> Option<i64> {
    value.as_i64().or_else(|| value.as_f64().filter(|f| f.fract() == 0.0 && f.abs() < 9.0e15).map(|f| f as i64))
}

fn strict_scopes(text: &str) -> Option<Scopes> {
    let mut scopes = Vec::new();
    for part in text.split(' ') {
        scopes.push(Scope::parse(part)?);
    }
    Some(scopes.into_iter().collect())
}

pub fn token(body: Option<Value>) -> Result<TokenRequest, Problem> {
    let Some(body) = body else {
        return Ok(TokenRequest { expires_in: MAX_TTL, ..TokenRequest::default() });
    };
    let map = object(Some(body), &["api_key", "expires_in", "scope"])?;
    let api_key = match map.get("api_key") {
        None => None,
        Some(Value::String(s)) if keys::is_well_formed(s) => Some(s.clone()),
        Some(_) => {
            return Err(invalid(
                "api_key",
                "`api_key` must be an API key: `sk_live_` followed by 32 lowercase letters and digits.",
            ));
        }
    };
    let expires_in = match map.get("expires_in") {
        None => MAX_TTL,
        Some(v) => integer(v).filter(|n| (MIN_TTL..=MAX_TTL).contains(n)).ok_or_else(|| {
            invalid(
                "expires_in",
                format!("`expires_in` must be an integer number of seconds from {MIN_TTL} to {MAX_TTL}."),
            )
        })?,
    };
    let scope = match map.get("scope") {
        None => None,
        Some(v) => Some(v.as_str().and_then(strict_scopes).ok_or_else(|| {
            invalid(
                "scope",
                "`scope` must list scopes separated by single spaces, from `resources:read`, `resources:write` and `projects:read`.",
            )
        })?),
    };
    Ok(TokenRequest { api_key, expires_in, scope })
}

// ---- OpenAPI schemas of the bodies ------------------------------------------------

fn string() -> ObjectBuilder {
    ObjectBuilder::new().schema_type(SchemaType::new(Type::String))
}

fn name_schema() -> ObjectBuilder {
    string()
        .min_length(Some(1))
        .max_length(Some(NAME_MAX_CHARS))
        .description(Some("Display name, 1–80 characters."))
        .examples([json!("Analytics")])
}

fn metadata_schema() -> ObjectBuilder {
    ObjectBuilder::new()
        .schema_type(SchemaType::new(Type::Object))
        .max_properties(Some(METADATA_MAX_KEYS))
        .property_names(Some(string().min_length(Some(1)).max_length(Some(METADATA_KEY_MAX_CHARS)).build()))
        .additional_properties(Some(string().max_length(Some(METADATA_VALUE_MAX_CHARS))))
        .description(Some("Up to 50 string key/value pairs; keys 1–40 characters, values up to 500 characters."))
        .examples([json!({"team": "data"})])
}

fn closed_object() -> ObjectBuilder {
    ObjectBuilder::new()
        .schema_type(SchemaType::new(Type::Object))
        .additional_properties(Some(AdditionalProperties::<Schema>::FreeForm(false)))
}

/// Body of `POST /v1/resources`.
pub struct CreateResource;

impl PartialSchema for CreateResource {
    fn schema() -> RefOr<Schema> {
        closed_object()
            .property("name", name_schema())
            .required("name")
            .property(
                "region",
                string()
                    .min_length(Some(1))
                    .max_length(Some(REGION_MAX_CHARS))
                    .pattern(Some(REGION_PATTERN))
                    .default(Some(json!(DEFAULT_REGION)))
                    .description(Some("Region slug: 1–32 characters of a-z, 0-9 and `-`."))
                    .examples([json!("eu-west")]),
            )
            .property("metadata", metadata_schema())
            .examples([json!({"name": "Analytics", "region": "eu-west"})])
            .into()
    }
}

impl ToSchema for CreateResource {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed("CreateResource")
    }
}

/// Body of `PATCH /v1/resources/{id}`.
pub struct UpdateResource;

impl PartialSchema for UpdateResource {
    fn schema() -> RefOr<Schema> {
        closed_object()
            .min_properties(Some(1))
            .property("name", name_schema())
            .property(
                "status",
                string()
                    .enum_values(Some(["active", "archived"]))
                    .description(Some("`archived` hides nothing; it is a label you can filter on.")),
            )
            .property("metadata", metadata_schema().description(Some("Replaces the whole metadata object.")))
            .examples([json!({"status": "archived"})])
            .into()
    }
}

impl ToSchema for UpdateResource {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed("UpdateResource")
    }
}

/// Body of `POST /v1/auth/token`.
pub struct TokenRequestBody;

impl PartialSchema for TokenRequestBody {
    fn schema() -> RefOr<Schema> {
        closed_object()
            .property(
                "api_key",
                string()
                    .pattern(Some(keys::KEY_PATTERN))
                    .description(Some("The API key to exchange, if not sent in `X-API-Key`.")),
            )
            .property(
                "expires_in",
                ObjectBuilder::new()
                    .schema_type(SchemaType::new(Type::Integer))
                    .minimum(Some(MIN_TTL as f64))
                    .maximum(Some(MAX_TTL as f64))
                    .default(Some(json!(MAX_TTL)))
                    .description(Some("Token lifetime in seconds.")),
            )
            .property(
                "scope",
                string()
                    .pattern(Some(SCOPE_PATTERN))
                    .description(Some("Space-separated subset of the key's scopes; default: all of them.")),
            )
            .examples([json!({"expires_in": 600, "scope": "resources:read"})])
            .into()
    }
}

impl ToSchema for TokenRequestBody {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed("TokenRequest")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code_param(r: Result<impl std::fmt::Debug, Problem>) -> (Code, Option<String>) {
        match r {
            Err(p) => (p.code, p.param),
            Ok(v) => panic!("expected an error, got {v:?}"),
        }
    }

    #[test]
    fn create_validation() {
        let ok = create(Some(json!({"name": "é".repeat(80), "metadata": {"k": "v"}})));
        assert!(ok.as_ref().map(|n| n.region == "us-east" && n.metadata.len() == 1).unwrap_or(false));
        assert_eq!(code_param(create(Some(json!({"name": "x".repeat(81)})))).1.as_deref(), Some("name"));
        assert_eq!(code_param(create(Some(json!({"name": ""})))).1.as_deref(), Some("name"));
        assert_eq!(code_param(create(Some(json!({})))).1.as_deref(), Some("name"));
        assert_eq!(code_param(create(Some(json!({"name": "a", "colour": 1})))).1.as_deref(), Some("colour"));
        assert_eq!(code_param(create(Some(json!({"name": "a", "region": "EU"})))).1.as_deref(), Some("region"));
        assert_eq!(code_param(create(Some(json!({"name": "a", "region": null})))).1.as_deref(), Some("region"));
        assert_eq!(
            code_param(create(Some(json!({"name": "a", "metadata": {"k": 1}})))).1.as_deref(),
            Some("metadata.k")
        );
        assert_eq!(code_param(create(Some(json!([1])))), (Code::ValidationFailed, None));
        assert_eq!(code_param(create(None)), (Code::ValidationFailed, None));
        let many: Map<String, Value> = (0..51).map(|i| (format!("k{i}"), json!("v"))).collect();
        assert_eq!(code_param(create(Some(json!({"name": "a", "metadata": many})))).1.as_deref(), Some("metadata"));
    }

    #[test]
    fn patch_validation() {
        assert_eq!(code_param(changes(Some(json!({})))), (Code::ValidationFailed, None));
        assert_eq!(code_param(changes(Some(json!({"status": "gone"})))).1.as_deref(), Some("status"));
        assert_eq!(code_param(changes(Some(json!({"region": "eu"})))).1.as_deref(), Some("region"));
        let c = changes(Some(json!({"status": "archived"}))).ok();
        assert_eq!(c.and_then(|c| c.status), Some(ResourceStatus::Archived));
    }

    #[test]
    fn token_validation() {
        let t = token(None).ok();
        assert_eq!(t.map(|t| t.expires_in), Some(3600));
        let t = token(Some(json!({"expires_in": 60.0, "scope": "resources:read"}))).ok();
        assert_eq!(t.as_ref().map(|t| t.expires_in), Some(60));
        assert_eq!(t.and_then(|t| t.scope).map(|s| s.to_string()).as_deref(), Some("resources:read"));
        assert_eq!(code_param(token(Some(json!({"expires_in": 59})))).1.as_deref(), Some("expires_in"));
        assert_eq!(code_param(token(Some(json!({"expires_in": 3601})))).1.as_deref(), Some("expires_in"));
        assert_eq!(code_param(token(Some(json!({"expires_in": 60.5})))).1.as_deref(), Some("expires_in"));
        assert_eq!(
            code_param(token(Some(json!({"scope": "resources:read  projects:read"})))).1.as_deref(),
            Some("scope")
        );
        assert_eq!(code_param(token(Some(json!({"scope": "admin"})))).1.as_deref(), Some("scope"));
        assert_eq!(code_param(token(Some(json!({"api_key": "nope"})))).1.as_deref(), Some("api_key"));
    }
}
