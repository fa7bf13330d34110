//! `GET /sandbox/keys`: the demo keys, so the explorer can offer "use a demo key".

use axum::Json;
use axum::extract::State;

use crate::keys::{DemoKey, DemoKeys};
use crate::state::AppState;

/// List demo keys
///
/// Sandbox only, no credential needed: the seeded free, pro and read-only
/// keys. (The bench-only unlimited key is not listed.)
#[utoipa::path(
    get,
    path = "/sandbox/keys",
    operation_id = "list-demo-keys",
    tag = "Sandbox",
    responses(
        (status = 200, description = "The demo keys.", body = DemoKeys),
    ),
    security(())
)]
pub async fn list(State(state): State<AppState>) -> Json<DemoKeys> {
    // A helper with nothing to configure: the query string is ignored.
    let keys = state.keys().iter().filter(|k| k.listed).filter_map(DemoKey::from_key).collect();
    Json(DemoKeys { keys })
}
