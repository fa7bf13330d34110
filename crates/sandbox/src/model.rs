//! The JSON objects the API returns (and their OpenAPI schemas).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::openapi::schema::{ObjectBuilder, Schema, SchemaType, Type};
use utoipa::openapi::{RefOr, extensions::Extensions};
use utoipa::{PartialSchema, ToSchema};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum ResourceStatus {
    Active,
    Archived,
}

impl ResourceStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ResourceStatus::Active => "active",
            ResourceStatus::Archived => "archived",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "active" => Some(ResourceStatus::Active),
            "archived" => Some(ResourceStatus::Archived),
            _ => None,
        }
    }
}

/// A resource owned by one workspace.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
#[schema(example = json!({
    "id": "res_00064b2c1a9f3e27",
    "name": "Analytics",
    "region": "eu-west",
    "status": "active",
    "metadata": {"team": "data"},
    "created_at": "2026-03-14T09:21:00Z",
    "updated_at": "2026-03-14T09:21:00Z"
}))]
pub struct Resource {
    /// `res_` + 16 lowercase alphanumerics.
    #[schema(pattern = "^res_[a-z0-9]{16}$")]
    pub id: String,
    #[schema(min_length = 1, max_length = 80)]
    pub name: String,
    #[schema(pattern = "^[a-z0-9-]{1,32}$")]
    pub region: String,
    pub status: ResourceStatus,
    /// String keys to string values.
    pub metadata: BTreeMap<String, String>,
    #[schema(format = DateTime)]
    pub created_at: String,
    #[schema(format = DateTime)]
    pub updated_at: String,
}

/// One page of resources, newest first.
#[derive(Debug, Serialize, ToSchema)]
pub struct ResourcePage {
    pub data: Vec<Resource>,
    /// Pass as `cursor` to get the next page; null on the last page.
    #[schema(required, nullable, pattern = "^[A-Za-z0-9_-]{22}$")]
    pub next_cursor: Option<String>,
    /// Whether a next page exists.
    pub has_more: bool,
}

/// A project, as listed.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Project {
    #[schema(example = "proj_8f2a")]
    pub id: String,
    #[schema(example = "production-api")]
    pub name: String,
    #[schema(example = "us-east-1")]
    pub region: String,
    #[schema(format = DateTime)]
    pub created_at: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ProjectPage {
    pub data: Vec<Project>,
    #[schema(required, nullable, pattern = "^[A-Za-z0-9_-]{22}$")]
    pub next_cursor: Option<String>,
    pub has_more: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Health {
    Healthy,
    Degraded,
    Down,
}

/// A project's current health.
#[derive(Clone, Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "id": "proj_8f2a",
    "name": "production-api",
    "status": "healthy",
    "region": "us-east-1",
    "uptime": 99.998,
    "updated_at": "2026-04-28T14:22:09Z"
}))]
pub struct ProjectStatus {
    pub id: String,
    pub name: String,
    pub status: Health,
    pub region: String,
    /// Uptime over the last 30 days, in percent.
    #[schema(minimum = 0, maximum = 100)]
    pub uptime: f64,
    #[schema(format = DateTime)]
    pub updated_at: String,
}

/// `GET /v2/ping`.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "status": "ok", "version": "v2", "time": "2026-04-28T14:22:09Z", "authenticated": true,
    "key_id": "key_free", "scope": "resources:read resources:write projects:read"
}))]
pub struct Ping {
    #[schema(example = "ok")]
    pub status: &'static str,
    /// The major version of the route answered (`v2`; `v1` on the deprecated ping).
    #[schema(example = "v2")]
    pub version: &'static str,
    /// Server time.
    #[schema(format = DateTime)]
    pub time: String,
    /// Whether a valid credential was sent.
    pub authenticated: bool,
    /// Id of the key the credential belongs to (only when authenticated).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(nullable = false)]
    pub key_id: Option<String>,
    /// Space-separated scopes of the credential (only when authenticated).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(nullable = false)]
    pub scope: Option<String>,
}

/// `POST /v1/auth/token`.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "access_token": "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJrZXlfZnJlZSJ9.c2lnbmF0dXJl",
    "token_type": "Bearer",
    "expires_in": 3600,
    "scope": "resources:read resources:write projects:read"
}))]
pub struct TokenResponse {
    /// An HS256 JWT; send it as `Authorization: Bearer <token>`.
    pub access_token: String,
    #[schema(example = "Bearer")]
    pub token_type: &'static str,
    /// Seconds until the token expires.
    #[schema(minimum = 60, maximum = 3600)]
    pub expires_in: i64,
    /// Space-separated scopes granted.
    pub scope: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub enum EventType {
    #[serde(rename = "resource.created")]
    Created,
    #[serde(rename = "resource.updated")]
    Updated,
    #[serde(rename = "resource.deleted")]
    Deleted,
}

impl EventType {
    pub fn as_str(self) -> &'static str {
        match self {
            EventType::Created => "resource.created",
            EventType::Updated => "resource.updated",
            EventType::Deleted => "resource.deleted",
        }
    }
}

/// The `data:` line of one server-sent event.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct EventPayload {
    /// `evt_` + 16 lowercase hex digits.
    pub id: String,
    #[serde(rename = "type")]
    pub type_: EventType,
    #[schema(format = DateTime)]
    pub created_at: String,
    /// The resource after the change (before it, for `resource.deleted`).
    pub data: Resource,
}

/// One server-sent event of `GET /v1/events`, as its fields (the OpenAPI 3.2
/// `itemSchema` reading, which tools apply to `schema` in 3.1): `data` is a
/// JSON-encoded [`EventPayload`].
pub struct ServerSentEvent;

impl PartialSchema for ServerSentEvent {
    fn schema() -> RefOr<Schema> {
        let string = || ObjectBuilder::new().schema_type(SchemaType::new(Type::String));
        // utoipa has no `contentSchema`; an extension map keeps the exact key.
        let content_schema: Extensions =
            [("contentSchema", json!({"$ref": "#/components/schemas/EventPayload"}))].into_iter().collect();
        ObjectBuilder::new()
            .schema_type(SchemaType::new(Type::Object))
            .property(
                "id",
                string()
                    .pattern(Some("^[0-9]+$"))
                    .description(Some("Integer event id; send the last one back as `Last-Event-ID`.")),
            )
            .required("id")
            .property(
                "event",
                string().enum_values(Some([
                    EventType::Created.as_str(),
                    EventType::Updated.as_str(),
                    EventType::Deleted.as_str(),
                ])),
            )
            .required("event")
            .property(
                "data",
                string()
                    .content_media_type("application/json")
                    .extensions(Some(content_schema))
                    .description(Some("The event as JSON: an `EventPayload`.")),
            )
            .required("data")
            .into()
    }
}

impl ToSchema for ServerSentEvent {
    fn name() -> std::borrow::Cow<'static, str> {
        std::borrow::Cow::Borrowed("ServerSentEvent")
    }
}
