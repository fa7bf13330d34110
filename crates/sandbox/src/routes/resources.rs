//! `/v1/resources`: list, create, retrieve, update, delete.

use axum::Json;
use axum::extract::{Extension, Request, State};
use axum::http::{Method, Uri, header};
use axum::response::{IntoResponse, Response};

use super::{Checked, IdShape, internal, path_and_query};
use crate::auth::{Auth, ResourcesRead, ResourcesWrite};
use crate::error::{Problem, ProblemBody};
use crate::idempotency::{self, Begin, Ticket};
use crate::ids::{self, Position};
use crate::input::{self, CreateResource, UpdateResource};
use crate::model::{EventType, Resource, ResourcePage, ResourceStatus};
use crate::query::Query;
use crate::request_id::RequestId;
use crate::state::AppState;
use crate::store::idempotency::StoredResponse;
use crate::store::resources::{Changes, NewResource};
use crate::store::{Change, Refused};
use crate::{body, error::Code};

pub const LIMIT_MIN: i64 = 1;
pub const LIMIT_MAX: i64 = 100;
pub const LIMIT_DEFAULT: i64 = 20;

pub struct ResourceShape;

impl IdShape for ResourceShape {
    const WHAT: &'static str = "resource";
    const EXAMPLE: &'static str = "res_00064b2c1a9f3e27";
    fn accepts(id: &str) -> bool {
        ids::is_resource_id(id)
    }
}

type ResourceId = Checked<ResourceShape>;

fn cursor_param(query: &Query) -> Result<Option<Position>, Problem> {
    query
        .get("cursor")
        .map(|c| {
            Position::decode(c).ok_or_else(|| {
                Problem::new(
                    Code::InvalidCursor,
                    "`cursor` is not a cursor this API issued; pass back a `next_cursor` unchanged.",
                )
                .param("cursor")
            })
        })
        .transpose()
}

/// List resources
///
/// The workspace's resources, newest first (by `created_at`, then `id`).
/// Pages are keyset-paginated: resources created while you walk the pages
/// appear before the first page, never as duplicates or gaps in later ones.
#[utoipa::path(
    get,
    path = "/v1/resources",
    operation_id = "list-resources",
    tag = "Resources",
    params(
        ("limit" = Option<i64>, Query, minimum = 1, maximum = 100, description = "How many resources one page holds (1–100, default 20)."),
        ("cursor" = Option<String>, Query, pattern = "^[A-Za-z0-9_-]{22}$", description = "The `next_cursor` of the previous page. Opaque; pass it back unchanged."),
        ("status" = Option<ResourceStatus>, Query, description = "Only return resources in this state."),
    ),
    responses(
        (status = 200, description = "A page of resources, newest first.", body = ResourcePage),
        (status = 400, description = "`limit` out of range, unknown `status`, an invalid cursor, an unknown query parameter or a bad `X-API-Version`.", body = ProblemBody, content_type = "application/problem+json"),
    ),
    security(("api_key" = ["resources:read"]), ("bearer" = ["resources:read"]))
)]
pub async fn list(
    State(state): State<AppState>,
    auth: Auth<ResourcesRead>,
    uri: Uri,
) -> Result<Json<ResourcePage>, Problem> {
    let query = Query::parse(&uri, &["limit", "cursor", "status"])?;
    let limit = query.integer("limit", LIMIT_MIN, LIMIT_MAX, LIMIT_DEFAULT)? as u32;
    let after = cursor_param(&query)?;
    let status = query
        .get("status")
        .map(|s| {
            ResourceStatus::parse(s).ok_or_else(|| {
                Problem::new(Code::InvalidParameter, "`status` must be `active` or `archived`.").param("status")
            })
        })
        .transpose()?;
    let workspace = auth.principal.workspace().to_owned();
    let (items, has_more) = state.store().list_resources(&workspace, status, after, limit).await.map_err(internal)?;
    let next_cursor = if has_more { items.last().map(|s| s.position.encode()) } else { None };
    Ok(Json(ResourcePage { data: items.into_iter().map(|s| s.resource).collect(), next_cursor, has_more }))
}

/// Retrieve a resource
#[utoipa::path(
    get,
    path = "/v1/resources/{id}",
    operation_id = "get-resource",
    tag = "Resources",
    params(("id" = String, Path, pattern = "^res_[a-z0-9]{1,32}$", description = "The resource id: `res_` and 1–32 lowercase letters and digits (the API issues `res_` + 16 hex digits). A malformed id is a 400 naming `id`; a well-formed unknown one, 404.")),
    responses(
        (status = 200, description = "The resource.", body = Resource),
        (status = 400, description = "A malformed `id`, a query parameter or a bad `X-API-Version`.", body = ProblemBody, content_type = "application/problem+json"),
        (status = 404, description = "No resource with this id in the workspace.", body = ProblemBody, content_type = "application/problem+json"),
    ),
    security(("api_key" = ["resources:read"]), ("bearer" = ["resources:read"]))
)]
pub async fn retrieve(
    State(state): State<AppState>,
    auth: Auth<ResourcesRead>,
    ResourceId { 0: id, .. }: ResourceId,
    uri: Uri,
) -> Result<Json<Resource>, Problem> {
    Query::parse(&uri, &[])?;
    let workspace = auth.principal.workspace().to_owned();
    state
        .store()
        .get_resource(&workspace, &id)
        .await
        .map_err(internal)?
        .map(|s| Json(s.resource))
        .ok_or_else(|| Problem::not_found("resource"))
}

/// The parts of a write request every write handler needs.
struct Write {
    state: AppState,
    workspace: String,
    request_id: RequestId,
    ticket: Option<Ticket>,
    headers: axum::http::HeaderMap,
    bytes: axum::body::Bytes,
}

/// Reads the body and settles idempotency: `Err` is the response to send
/// (a replay or a problem).
async fn begin_write(
    state: AppState,
    workspace: &str,
    request_id: RequestId,
    method: &Method,
    request: Request,
) -> Result<Write, Response> {
    let (parts, body) = request.into_parts();
    Query::parse(&parts.uri, &[]).map_err(IntoResponse::into_response)?;
    let key = idempotency::key_of(&parts.headers).map_err(IntoResponse::into_response)?;
    let bytes = body::read(body).await.map_err(IntoResponse::into_response)?;
    let fingerprint = idempotency::fingerprint(method.as_str(), path_and_query(&parts.uri), &bytes);
    let ticket = match idempotency::begin(&state, workspace, key, fingerprint).await {
        Ok(Begin::Replay(response)) => return Err(response),
        Ok(Begin::Run(ticket)) => ticket,
        Err(problem) => return Err(problem.into_response()),
    };
    Ok(Write { state, workspace: workspace.to_owned(), request_id, ticket, headers: parts.headers, bytes })
}

fn json_response(status: u16, resource: &Resource, location: Option<String>) -> StoredResponse {
    StoredResponse {
        status,
        content_type: Some("application/json".to_owned()),
        headers: location.map(|l| vec![(header::LOCATION.as_str().to_owned(), l)]).unwrap_or_default(),
        body: serde_json::to_vec(resource).unwrap_or_default(),
    }
}

/// Makes `change` with its event and, for a keyed request, its stored
/// response, in one transaction; the ticket (and so the in-flight mark) is
/// released only after the commit.
async fn commit(write: Write, change: Change) -> Response {
    let Write { state, workspace, request_id, ticket, .. } = write;
    let keyed = ticket.as_ref().map(Ticket::keyed);
    match state.store().change_resource(&workspace, change, respond, keyed, ticket).await {
        Ok(Ok((response, _event))) => idempotency::respond(&response, false),
        Ok(Err((refused, ticket))) => {
            let problem = match refused {
                Refused::NotFound => Problem::not_found("resource"),
                Refused::QuotaFull(quota) => Problem::new(
                    Code::QuotaExceeded,
                    format!(
                        "This workspace already holds {quota} resources, the most it may; delete some before creating more."
                    ),
                ),
            };
            idempotency::fail(&state, ticket, &request_id, problem).await
        }
        Err(error) => internal(error).into_response(),
    }
}

/// The response a change answers with.
fn respond(event: EventType, resource: &Resource) -> StoredResponse {
    match event {
        EventType::Created => json_response(201, resource, Some(format!("/v1/resources/{}", resource.id))),
        EventType::Updated => json_response(200, resource, None),
        EventType::Deleted => StoredResponse { status: 204, content_type: None, headers: Vec::new(), body: Vec::new() },
    }
}

/// Create a resource
#[utoipa::path(
    post,
    path = "/v1/resources",
    operation_id = "create-resource",
    tag = "Resources",
    request_body(content = CreateResource, content_type = "application/json"),
    responses(
        (status = 201, description = "The resource was created.", body = Resource,
            headers(("Location" = String, description = "Path of the new resource: `/v1/resources/<id>`."))),
        (status = 400, description = "Malformed JSON (`malformed_json`) or a field breaking a constraint (`validation_failed`, `param` names it).", body = ProblemBody, content_type = "application/problem+json"),
        (status = 409, description = "A request with the same idempotency key is still running (`idempotency_in_flight`), or the workspace already holds its maximum of resources (`quota_exceeded`).", body = ProblemBody, content_type = "application/problem+json"),
    ),
    security(("api_key" = ["resources:write"]), ("bearer" = ["resources:write"]))
)]
pub async fn create(
    State(state): State<AppState>,
    auth: Auth<ResourcesWrite>,
    Extension(request_id): Extension<RequestId>,
    request: Request,
) -> Response {
    let write = match begin_write(state, auth.principal.workspace(), request_id, &Method::POST, request).await {
        Ok(write) => write,
        Err(response) => return response,
    };
    let new: NewResource = match body::json(&write.headers, &write.bytes).and_then(input::create) {
        Ok(new) => new,
        Err(problem) => {
            return idempotency::fail(&write.state, write.ticket, &write.request_id, problem).await;
        }
    };
    let quota = write.state.config().retention.resources_per_workspace;
    commit(write, Change::Create { new, quota }).await
}

/// Update a resource
///
/// Only the fields sent change; `updated_at` is set either way.
#[utoipa::path(
    patch,
    path = "/v1/resources/{id}",
    operation_id = "update-resource",
    tag = "Resources",
    params(("id" = String, Path, pattern = "^res_[a-z0-9]{1,32}$", description = "The resource id: `res_` and 1–32 lowercase letters and digits (the API issues `res_` + 16 hex digits). A malformed id is a 400 naming `id`; a well-formed unknown one, 404.")),
    request_body(content = UpdateResource, content_type = "application/json"),
    responses(
        (status = 200, description = "The updated resource.", body = Resource),
        (status = 400, description = "Malformed JSON, an empty object, a field breaking a constraint, or a malformed `id`.", body = ProblemBody, content_type = "application/problem+json"),
        (status = 404, description = "No resource with this id in the workspace.", body = ProblemBody, content_type = "application/problem+json"),
    ),
    security(("api_key" = ["resources:write"]), ("bearer" = ["resources:write"]))
)]
pub async fn update(
    State(state): State<AppState>,
    auth: Auth<ResourcesWrite>,
    ResourceId { 0: id, .. }: ResourceId,
    Extension(request_id): Extension<RequestId>,
    request: Request,
) -> Response {
    let write = match begin_write(state, auth.principal.workspace(), request_id, &Method::PATCH, request).await {
        Ok(write) => write,
        Err(response) => return response,
    };
    let changes: Changes = match body::json(&write.headers, &write.bytes).and_then(input::changes) {
        Ok(changes) => changes,
        Err(problem) => {
            return idempotency::fail(&write.state, write.ticket, &write.request_id, problem).await;
        }
    };
    commit(write, Change::Update { id, changes }).await
}

/// Delete a resource
///
/// Permanent. Answers 204 with an empty body.
#[utoipa::path(
    delete,
    path = "/v1/resources/{id}",
    operation_id = "delete-resource",
    tag = "Resources",
    params(("id" = String, Path, pattern = "^res_[a-z0-9]{1,32}$", description = "The resource id: `res_` and 1–32 lowercase letters and digits (the API issues `res_` + 16 hex digits). A malformed id is a 400 naming `id`; a well-formed unknown one, 404.")),
    responses(
        (status = 204, description = "Deleted; empty body."),
        (status = 400, description = "A malformed `id`, a query parameter or a bad `X-API-Version`.", body = ProblemBody, content_type = "application/problem+json"),
        (status = 404, description = "No resource with this id in the workspace.", body = ProblemBody, content_type = "application/problem+json"),
    ),
    security(("api_key" = ["resources:write"]), ("bearer" = ["resources:write"]))
)]
pub async fn delete(
    State(state): State<AppState>,
    auth: Auth<ResourcesWrite>,
    ResourceId { 0: id, .. }: ResourceId,
    Extension(request_id): Extension<RequestId>,
    request: Request,
) -> Response {
    let write = match begin_write(state, auth.principal.workspace(), request_id, &Method::DELETE, request).await {
        Ok(write) => write,
        Err(response) => return response,
    };
    commit(write, Change::Delete { id }).await
}
