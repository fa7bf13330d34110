//! HTTP handlers, one file per area of the API.

pub mod auth;
pub mod events;
pub mod ping;
pub mod projects;
pub mod resources;
pub mod sandbox_keys;

use axum::extract::{FromRequestParts, Path};
use axum::http::request::Parts;
use axum::http::{Method, Uri};

use crate::error::{Code, Problem};
use crate::state::AppState;

/// What a kind of id looks like.
pub trait IdShape {
    const WHAT: &'static str;
    const EXAMPLE: &'static str;
    fn accepts(id: &str) -> bool;
}

/// A `{id}` path parameter, checked against its documented shape: a
/// malformed id is a 400 naming `id`, a well-formed unknown one a 404.
pub struct Checked<S: IdShape>(pub String, std::marker::PhantomData<S>);

impl<S: IdShape> FromRequestParts<AppState> for Checked<S> {
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Problem> {
        let bad = || {
            Problem::new(Code::InvalidParameter, format!("`id` must be a {} id like `{}`.", S::WHAT, S::EXAMPLE))
                .param("id")
        };
        let Path(id) = Path::<String>::from_request_parts(parts, state).await.map_err(|_| bad())?;
        if S::accepts(&id) { Ok(Checked(id, std::marker::PhantomData)) } else { Err(bad()) }
    }
}

/// Answers a known path with a method it does not support (axum adds `Allow`).
pub async fn method_not_allowed(method: Method, uri: Uri) -> Problem {
    Problem::new(
        Code::MethodNotAllowed,
        format!("{method} is not supported on {}; the `Allow` header lists the methods that are.", uri.path()),
    )
}

/// The path and query a request was made to (idempotency fingerprints).
pub fn path_and_query(uri: &Uri) -> &str {
    uri.path_and_query().map(|p| p.as_str()).unwrap_or_else(|| uri.path())
}

/// Logs a storage failure and answers 500.
pub fn internal(error: crate::store::StoreError) -> Problem {
    tracing::error!(%error, "storage failure");
    Problem::internal()
}
