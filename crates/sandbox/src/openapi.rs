//! `GET /openapi.json`: an OpenAPI 3.1 document generated from the handlers'
//! `#[utoipa::path]` annotations and the types they return.
//!
//! What every operation shares — the `X-API-Version`/`X-Request-Id` headers,
//! idempotency, the auth and rate-limit errors and response headers — is added
//! here in one place, from the same constants the middleware uses, instead of
//! being repeated on every handler.

use std::sync::OnceLock;

use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use serde_json::json;
use utoipa::openapi::path::{HttpMethod, Operation, Parameter, ParameterBuilder, ParameterIn};
use utoipa::openapi::response::{Response as ApiResponse, ResponseBuilder};
use utoipa::openapi::schema::{ObjectBuilder, Schema, SchemaType, Type};
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::server::ServerBuilder;
use utoipa::openapi::{ContentBuilder, Header, OpenApi as Document, Ref, RefOr, Required};
use utoipa::{Modify, OpenApi};

use crate::api_headers::VERSIONS;
use crate::error::{PROBLEM_JSON, ProblemBody};
use crate::idempotency::KEY_PATTERN;
use crate::keys::{DemoKey, DemoKeys};
use crate::model::{
    EventPayload, EventType, Health, Ping, Project, ProjectPage, ProjectStatus, Resource, ResourcePage, ResourceStatus,
    ServerSentEvent, TokenResponse,
};
use crate::routes;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Cloud API",
        version = "2026-01-01",
        description = "The Cloud API, as implemented by the sandbox. Every path carries its major version; \
the optional `X-API-Version` request header (`2025-06-01` or `2026-01-01`, the default) pins a dated \
revision inside it on every operation, and every response echoes it; an unknown value gets 400 \
`unsupported_version`. Errors are `application/problem+json` (RFC 9457); an unexpected failure is a \
500 `internal_error`. `X-RateLimit-Reset` and `Retry-After` are in seconds."
    ),
    paths(
        routes::ping::v2,
        routes::ping::v1,
        routes::auth::token,
        routes::resources::list,
        routes::resources::create,
        routes::resources::retrieve,
        routes::resources::update,
        routes::resources::delete,
        routes::projects::list,
        routes::projects::status,
        routes::events::stream,
        routes::sandbox_keys::list,
    ),
    components(schemas(
        ProblemBody, Resource, ResourceStatus, ResourcePage, Project, ProjectPage, ProjectStatus, Health,
        Ping, TokenResponse, EventPayload, EventType, ServerSentEvent, DemoKey, DemoKeys,
        crate::input::CreateResource, crate::input::UpdateResource, crate::input::TokenRequestBody,
    )),
    modifiers(&Shared),
    tags(
        (name = "Health", description = "Is the API up, and is my credential valid?"),
        (name = "Authentication", description = "Exchange an API key for a short-lived bearer token."),
        (name = "Resources", description = "Create, list, read, update and delete resources."),
        (name = "Projects", description = "Projects and their health."),
        (name = "Events", description = "Resource changes as server-sent events."),
        (name = "Sandbox", description = "Sandbox-only helpers; not part of production."),
    )
)]
struct ApiDoc;

struct Shared;

fn string() -> ObjectBuilder {
    ObjectBuilder::new().schema_type(SchemaType::new(Type::String))
}

fn integer() -> ObjectBuilder {
    ObjectBuilder::new().schema_type(SchemaType::new(Type::Integer))
}

fn header_param(name: &str, schema: ObjectBuilder, description: &str) -> Parameter {
    ParameterBuilder::new()
        .name(name)
        .parameter_in(ParameterIn::Header)
        .required(Required::False)
        .schema(Some(schema))
        .description(Some(description))
        .build()
}

fn header(schema: ObjectBuilder, description: &str) -> Header {
    let mut header = Header::new(schema);
    header.description = Some(description.to_owned());
    header
}

fn problem_response(description: &str) -> ApiResponse {
    ResponseBuilder::new()
        .description(description)
        .content(
            PROBLEM_JSON,
            ContentBuilder::new().schema(Some(RefOr::<Schema>::Ref(Ref::from_schema_name("Problem")))).build(),
        )
        .build()
}

/// What an operation's security says about credentials.
fn auth_kind(op: &Operation) -> (bool, bool, bool) {
    let Some(requirements) = &op.security else {
        return (false, false, false);
    };
    let value = serde_json::to_value(requirements).unwrap_or_default();
    let list = value.as_array().cloned().unwrap_or_default();
    let optional = list.iter().any(|r| r.as_object().is_some_and(|o| o.is_empty()));
    let accepts = list.iter().any(|r| r.as_object().is_some_and(|o| !o.is_empty()));
    let scoped = list
        .iter()
        .any(|r| r.as_object().is_some_and(|o| o.values().any(|v| v.as_array().is_some_and(|a| !a.is_empty()))));
    (accepts, optional, scoped)
}

fn ensure(op: &mut Operation, status: &str, description: &str) {
    op.responses.responses.entry(status.to_owned()).or_insert_with(|| RefOr::T(problem_response(description)));
}

/// utoipa's `params(...)` has no `default`: the page size's is set here, from
/// the constant the handlers use.
fn set_limit_default(op: &mut Operation) {
    for param in op.parameters.iter_mut().flatten() {
        if param.name == "limit"
            && matches!(param.parameter_in, ParameterIn::Query)
            && let Some(RefOr::T(Schema::Object(schema))) = param.schema.as_mut()
        {
            schema.default = Some(json!(routes::resources::LIMIT_DEFAULT));
        }
    }
}

fn shared_headers_for(op: &mut Operation, path: &str, idempotent: bool) {
    // `X-API-Version` applies to every operation alike, so it is described
    // once, in the document's description, as the docs do, not per operation.
    let params = op.parameters.get_or_insert_with(Vec::new);
    params.push(header_param(
        "X-Request-Id",
        string(),
        "Tracing id, echoed in the response if it is 1–200 visible ASCII characters (otherwise a UUID v4 is made). \
On POST, PATCH and DELETE it also serves as the idempotency key when `Idempotency-Key` is absent.",
    ));
    if path == "/v1/events" {
        params.push(header_param(
            "Last-Event-ID",
            string().pattern(Some(routes::events::LAST_EVENT_ID_PATTERN)),
            "Resume after this event id (the `id:` of the last event received): later stored events are replayed first.",
        ));
    }
    if idempotent {
        params.push(header_param(
            "Idempotency-Key",
            string().min_length(Some(1)).max_length(Some(255)).pattern(Some(KEY_PATTERN)),
            "Makes the request safe to retry for 24 hours: the same key with the same request replays the stored \
response (with `Idempotent-Replayed: true`); with a different request it gets 422; while the first is still \
running, 409.",
        ));
    }
}

fn add_response_headers(op: &mut Operation, idempotent: bool, rate_limited: bool) {
    for (status, response) in op.responses.responses.iter_mut() {
        let RefOr::T(response) = response else {
            continue;
        };
        let mut add = |name: &str, h: Header| {
            response.headers.insert(name.to_owned(), h);
        };
        add("X-Request-Id", header(string(), "The request's id: the client's `X-Request-Id` or a new UUID v4."));
        add("X-API-Version", header(string().enum_values(Some(VERSIONS)), "The API revision that answered."));
        if rate_limited {
            add(
                "X-RateLimit-Limit",
                header(integer().minimum(Some(1)), "Requests allowed per 60-second window for this key."),
            );
            add("X-RateLimit-Remaining", header(integer().minimum(Some(0)), "Requests left in the current window."));
            add(
                "X-RateLimit-Reset",
                header(
                    integer().minimum(Some(1)).maximum(Some(60)),
                    "Seconds until the current window resets (a delta, not a timestamp).",
                ),
            );
        }
        if idempotent && status != "409" {
            add(
                "Idempotent-Replayed",
                header(
                    string().enum_values(Some(["true"])),
                    "`true` when this is the stored response of an earlier request with the same idempotency key.",
                ),
            );
        }
        match status.as_str() {
            "401" | "403" => add(
                "WWW-Authenticate",
                header(string(), "The Bearer challenge (`error=\"invalid_token\"` or `error=\"insufficient_scope\"`)."),
            ),
            "429" => add("Retry-After", header(integer().minimum(Some(1)), "Seconds to wait before retrying.")),
            _ => {}
        }
    }
}

impl Modify for Shared {
    fn modify(&self, doc: &mut Document) {
        doc.servers = Some(vec![
            ServerBuilder::new().url("/").description(Some("This sandbox")).build(),
            ServerBuilder::new().url("https://api.cloudplatform.dev").description(Some("Production")).build(),
        ]);
        let components = doc.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "api_key",
            SecurityScheme::ApiKey(ApiKey::Header(ApiKeyValue::with_description(
                "X-API-Key",
                "An API key, `sk_live_…`. Also accepted as `Authorization: Bearer sk_live_…`.",
            ))),
        );
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .description(Some("A JWT from POST /v1/auth/token, or an API key."))
                    .build(),
            ),
        );
        for (path, item) in doc.paths.paths.iter_mut() {
            let ops = [
                (HttpMethod::Get, &mut item.get),
                (HttpMethod::Post, &mut item.post),
                (HttpMethod::Patch, &mut item.patch),
                (HttpMethod::Delete, &mut item.delete),
            ];
            for (method, op) in ops {
                let Some(op) = op.as_mut() else { continue };
                let writes = !matches!(method, HttpMethod::Get);
                let idempotent = writes;
                let has_body = matches!(method, HttpMethod::Post | HttpMethod::Patch);
                set_limit_default(op);
                shared_headers_for(op, path, idempotent);
                if path == "/v1/auth/token" {
                    // The key may come in a header instead, so the body is optional.
                    if let Some(body) = op.request_body.as_mut() {
                        body.required = Some(Required::False);
                    }
                }
                let (accepts, optional, scoped) = auth_kind(op);
                // `/sandbox/*` is unversioned and takes no parameters: it has no 400.
                if !path.starts_with("/sandbox/") {
                    ensure(
                        op,
                        "400",
                        "A query parameter or header is invalid (`invalid_parameter`, `unsupported_version`).",
                    );
                }
                if accepts {
                    ensure(
                        op,
                        "401",
                        if optional {
                            "The credential sent is invalid (`invalid_credentials`) or expired (`token_expired`)."
                        } else {
                            "The credential is missing (`missing_credentials`), invalid (`invalid_credentials`) or expired (`token_expired`)."
                        },
                    );
                    if scoped {
                        ensure(op, "403", "The credential lacks the required scope (`insufficient_scope`).");
                    }
                    ensure(
                        op,
                        "429",
                        "The key's rate limit is used up for this window (`rate_limited`); see `Retry-After`.",
                    );
                }
                if has_body {
                    ensure(op, "413", "The body is larger than 1 MiB (`payload_too_large`).");
                    ensure(op, "415", "The body is not sent as `application/json` (`unsupported_media_type`).");
                }
                if idempotent {
                    ensure(
                        op,
                        "409",
                        "A request with the same idempotency key is still running (`idempotency_in_flight`).",
                    );
                    ensure(op, "422", "The idempotency key was used for a different request (`idempotency_mismatch`).");
                }
                add_response_headers(op, idempotent, accepts);
            }
        }
    }
}

/// Which declared response headers are always sent. utoipa's `Header` has no
/// `required` field, so it is set on the rendered document.
fn always_sent(header: &str, status: &str) -> bool {
    match header {
        "X-Request-Id" | "Location" | "Deprecation" | "Sunset" | "Link" => true,
        // A 400 for a bad `X-API-Version` cannot echo one.
        "X-API-Version" => status != "400",
        "WWW-Authenticate" => status == "401" || status == "403",
        "Retry-After" => status == "429",
        _ => false,
    }
}

fn mark_required_headers(doc: &mut serde_json::Value) {
    let Some(paths) = doc.get_mut("paths").and_then(|p| p.as_object_mut()) else {
        return;
    };
    for item in paths.values_mut().filter_map(|i| i.as_object_mut()) {
        for op in item.values_mut() {
            let Some(responses) = op.get_mut("responses").and_then(|r| r.as_object_mut()) else {
                continue;
            };
            for (status, response) in responses.iter_mut() {
                let Some(headers) = response.get_mut("headers").and_then(|h| h.as_object_mut()) else {
                    continue;
                };
                for (name, header) in headers.iter_mut() {
                    if always_sent(name, status)
                        && let Some(h) = header.as_object_mut()
                    {
                        h.insert("required".to_owned(), json!(true));
                    }
                }
            }
        }
    }
}

/// The document as a JSON value (what `/openapi.json` serves).
pub fn document() -> serde_json::Value {
    let mut value = serde_json::to_value(ApiDoc::openapi()).unwrap_or_default();
    mark_required_headers(&mut value);
    // Fields whose Rust type is a string but whose values are a fixed set.
    let listed = crate::keys::SEEDS.iter().filter(|s| s.listed);
    let mut tiers: Vec<&str> = listed.clone().map(|s| s.tier).collect();
    tiers.sort_unstable();
    tiers.dedup();
    restrict(&mut value, "Ping", "status", &[crate::routes::ping::STATUS]);
    restrict(&mut value, "Ping", "version", &crate::routes::ping::VERSIONS);
    restrict(&mut value, "TokenResponse", "token_type", &[crate::routes::auth::TOKEN_TYPE]);
    restrict(&mut value, "DemoKey", "name", &listed.map(|s| s.name).collect::<Vec<_>>());
    restrict(&mut value, "DemoKey", "tier", &tiers);
    value
}

/// Lists the only values a string field takes.
fn restrict(doc: &mut serde_json::Value, schema: &str, field: &str, values: &[&str]) {
    let pointer = format!("/components/schemas/{schema}/properties/{field}");
    let property = doc.pointer_mut(&pointer).and_then(serde_json::Value::as_object_mut);
    let property = property.unwrap_or_else(|| panic!("{pointer} is in the document"));
    property.insert("enum".to_owned(), json!(values));
}

/// The document as served, rendered once.
pub fn json_bytes() -> &'static [u8] {
    static JSON: OnceLock<Vec<u8>> = OnceLock::new();
    JSON.get_or_init(|| serde_json::to_vec_pretty(&document()).unwrap_or_default())
}

pub async fn serve() -> Response {
    let mut response = json_bytes().into_response();
    response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    response
}
