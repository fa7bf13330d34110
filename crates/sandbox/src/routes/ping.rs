//! Health checks: `GET /v2/ping` and its deprecated predecessor `GET /v1/ping`.

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderName, HeaderValue, Uri, header};
use axum::response::Response;

use crate::auth::MaybeAuth;
use crate::clock::rfc3339;
use crate::error::Problem;
use crate::model::Ping;
use crate::query::Query;
use crate::state::AppState;

/// RFC 9745 form of 2026-01-01T00:00:00Z.
pub const DEPRECATION: &str = "@1767225600";
pub const SUNSET: &str = "Thu, 31 Dec 2026 23:59:59 GMT";
pub const SUCCESSOR_LINK: &str = "</v2/ping>; rel=\"successor-version\"";
/// The body's `status`: a ping that answers is always "ok".
pub const STATUS: &str = "ok";
/// The body's `version`: the major version of the route that answered.
pub const VERSIONS: [&str; 2] = ["v1", "v2"];

fn ping(state: &AppState, auth: MaybeAuth, uri: &Uri, version: &'static str) -> Result<Json<Ping>, Problem> {
    Query::parse(uri, &[])?;
    Ok(Json(Ping {
        status: STATUS,
        version,
        time: rfc3339(state.clock().now_secs()),
        authenticated: auth.0.is_some(),
        key_id: auth.0.as_ref().map(|p| p.key_id.clone()),
        scope: auth.0.as_ref().map(|p| p.scopes.to_string()),
    }))
}

/// Ping
///
/// Checks connectivity. No credential is needed; one that is sent is verified
/// (and counts against its key's rate limit).
#[utoipa::path(
    get,
    path = "/v2/ping",
    operation_id = "ping",
    tag = "Health",
    responses(
        (status = 200, description = "The API is up.", body = Ping),
    ),
    security((), ("api_key" = []), ("bearer" = []))
)]
pub async fn v2(State(state): State<AppState>, auth: MaybeAuth, uri: Uri) -> Result<Json<Ping>, Problem> {
    ping(&state, auth, &uri, VERSIONS[1])
}

/// Ping (v1, deprecated)
///
/// Same as `GET /v2/ping`, plus `Deprecation`, `Sunset` and a `Link` to the
/// successor. Removed after 2026-12-31.
#[utoipa::path(
    get,
    path = "/v1/ping",
    operation_id = "ping-v1",
    tag = "Health",
    responses(
        (status = 200, description = "The API is up.", body = Ping, headers(
            ("Deprecation" = String, description = "When this route was deprecated, RFC 9745: `@1767225600` (2026-01-01T00:00:00Z)."),
            ("Sunset" = String, description = "When this route goes away: `Thu, 31 Dec 2026 23:59:59 GMT`."),
            ("Link" = String, description = "The successor: `</v2/ping>; rel=\"successor-version\"`."),
        )),
    ),
    security((), ("api_key" = []), ("bearer" = []))
)]
#[deprecated(note = "v1 ping is deprecated in the API; this Rust item is not")]
pub async fn v1(State(state): State<AppState>, auth: MaybeAuth, uri: Uri) -> Result<Json<Ping>, Problem> {
    ping(&state, auth, &uri, VERSIONS[0])
}

/// Adds the deprecation headers to every response of the old route, errors included.
pub async fn deprecation_headers(mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers.insert(HeaderName::from_static("deprecation"), HeaderValue::from_static(DEPRECATION));
    headers.insert(HeaderName::from_static("sunset"), HeaderValue::from_static(SUNSET));
    headers.insert(header::LINK, HeaderValue::from_static(SUCCESSOR_LINK));
    response
}
