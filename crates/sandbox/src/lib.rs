//! The Cloud API sandbox: a real, stateful implementation of the documented
//! API, and the explorer's default try-it target.
//!
//! ```no_run
//! # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
//! // In-process on a random port (what the integration tests do):
//! let server = sandbox::spawn(sandbox::Config::in_memory(), "127.0.0.1:0".parse()?).await?;
//! let keys = server.state.seeded_keys();
//! println!("{} {}", server.url(), keys.free);
//! server.stop().await;
//!
//! // Or just the router, to serve yourself:
//! let state = sandbox::AppState::new(sandbox::Config::in_memory())?;
//! let router: axum::Router = sandbox::app(state);
//! # let _ = router; Ok(()) }
//! ```

pub mod api_headers;
pub mod auth;
pub mod body;
pub mod clock;
pub mod config;
pub mod connections;
pub mod cors;
pub mod error;
pub mod idempotency;
pub mod ids;
pub mod input;
pub mod keys;
pub mod mcp;
pub mod model;
pub mod openapi;
pub mod page_headers;
pub mod query;
pub mod rate_limit;
pub mod request_id;
pub mod routes;
pub mod scopes;
pub mod server;
pub mod shutdown;
pub mod state;
pub mod static_files;
pub mod store;
pub mod tokens;

use axum::Router;
use axum::middleware::{from_fn, from_fn_with_state, map_response};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use tower_http::catch_panic::CatchPanicLayer;

pub use clock::Clock;
pub use config::{Config, DbLocation};
pub use keys::SeededKeys;
pub use server::{RunningServer, banner, spawn};
pub use state::{AppState, StartError};

/// The whole service: API, OpenAPI document, explorer files, and the MCP
/// server at `/mcp`, which sends `call_operation` to the rest in process.
pub fn app(state: AppState) -> Router {
    let hosts = state.config().mcp_hosts.clone();
    let api = api(state.clone());
    let mcp = mcp::service(api.clone(), &hosts);
    // Its own layers: a request id, the deadline, a panic catcher and the
    // security headers; not CORS (no page of another origin may call it) nor
    // the API's version and rate-limit headers.
    let mcp = Router::new()
        .route_service("/mcp", mcp)
        .layer(from_fn_with_state(state.clone(), connections::deadline))
        .layer(CatchPanicLayer::custom(panic_response))
        .layer(from_fn_with_state(state.clone(), page_headers::middleware))
        .layer(from_fn_with_state(state.clone(), request_id::middleware))
        .with_state(state);
    api.merge(mcp)
}

/// Everything but `/mcp`.
///
/// Layers, outermost first: request id (and problem rendering), CORS, panic
/// catcher, API headers (version, rate limit), then the routes.
#[allow(deprecated)] // `routes::ping::v1` is marked deprecated for the OpenAPI document.
fn api(state: AppState) -> Router {
    use routes::{events, ping, projects, resources, sandbox_keys};
    // Every response of the deprecated route is marked, its 405 included, so
    // it gets its own method fallback inside the layer.
    let deprecated = Router::new()
        .route("/v1/ping", get(ping::v1))
        .method_not_allowed_fallback(routes::method_not_allowed)
        .layer(map_response(ping::deprecation_headers));
    Router::new()
        .route("/v2/ping", get(ping::v2))
        .merge(deprecated)
        .route("/v1/auth/token", post(routes::auth::token))
        .route("/v1/resources", get(resources::list).post(resources::create))
        .route("/v1/resources/{id}", get(resources::retrieve).patch(resources::update).delete(resources::delete))
        .route("/v1/projects", get(projects::list))
        .route("/v2/projects/{id}/status", get(projects::status))
        .route("/v1/events", get(events::stream))
        .route("/sandbox/keys", get(sandbox_keys::list))
        .route("/openapi.json", get(openapi::serve))
        .route("/readyz", get(readiness))
        .method_not_allowed_fallback(routes::method_not_allowed)
        .fallback(static_files::fallback)
        .layer(from_fn_with_state(state.clone(), connections::deadline))
        .layer(from_fn(api_headers::middleware))
        .layer(CatchPanicLayer::custom(panic_response))
        .layer(cors::layer())
        .layer(from_fn(cors::same_origin_only))
        .layer(from_fn_with_state(state.clone(), page_headers::middleware))
        .layer(from_fn_with_state(state.clone(), request_id::middleware))
        .with_state(state)
}

/// `GET /readyz`: 200 when the database answers, 503 saying why when it
/// does not (for load balancers; not part of the documented API).
async fn readiness(axum::extract::State(state): axum::extract::State<AppState>) -> Response {
    match state.store().ping().await {
        Ok(()) => "ready\n".into_response(),
        Err(error) => {
            // The cause goes to the log, not to whoever asks.
            tracing::warn!(%error, "not ready: the database does not answer");
            (axum::http::StatusCode::SERVICE_UNAVAILABLE, "not ready: the database does not answer\n").into_response()
        }
    }
}

fn panic_response(_panic: Box<dyn std::any::Any + Send + 'static>) -> Response {
    tracing::error!("a handler panicked");
    error::Problem::internal().into_response()
}
