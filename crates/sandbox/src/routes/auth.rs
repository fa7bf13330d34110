//! `POST /v1/auth/token`: exchange an API key for a short-lived JWT.

use axum::extract::{Extension, Request, State};
use axum::response::{IntoResponse, Response};

use super::{internal, path_and_query};
use crate::api_headers::RateSlot;
use crate::auth::{self as credentials, Principal, Via, invalid_credentials, missing_credentials};
use crate::body;
use crate::error::{Code, Problem, ProblemBody};
use crate::idempotency::{self, Begin};
use crate::input::{self, TokenRequest, TokenRequestBody};
use crate::model::TokenResponse;
use crate::query::Query;
use crate::request_id::RequestId;
use crate::state::AppState;
use crate::store::idempotency::StoredResponse;
use crate::tokens::Claims;

/// The `token_type` of every token response (RFC 6750).
pub const TOKEN_TYPE: &str = "Bearer";

/// Exchange an API key for a token
///
/// Send the key in `X-API-Key` (or `Authorization: Bearer sk_live_…`) or in
/// the body as `api_key`. A token cannot be exchanged for another token. The
/// exchange counts against the key's rate limit, and is idempotent like every
/// POST: a replay returns the token first issued.
#[utoipa::path(
    post,
    path = "/v1/auth/token",
    operation_id = "create-token",
    tag = "Authentication",
    request_body(content = TokenRequestBody, content_type = "application/json", description = "Optional: the key may be sent in a header instead."),
    responses(
        (status = 200, description = "A bearer token.", body = TokenResponse),
        (status = 400, description = "Malformed JSON, or a field breaking its constraint: `expires_in` out of range, a `scope` the key does not have, a malformed `api_key`, an unknown field.", body = ProblemBody, content_type = "application/problem+json"),
    ),
    security(("api_key" = []), ())
)]
pub async fn token(
    State(state): State<AppState>,
    Extension(request_id): Extension<RequestId>,
    request: Request,
) -> Response {
    let (parts, body) = request.into_parts();
    let slot = parts.extensions.get::<RateSlot>().cloned();
    let prepared = async {
        // A credential in the headers is checked (and counted) before the body
        // is read, as on every other route.
        let from_header = credentials::authenticate(&state, &parts.headers)?;
        if let Some(principal) = &from_header {
            if principal.via == Via::Token {
                return Err(invalid_credentials(
                    "Authorization",
                    "A bearer token cannot be exchanged for another token; send an API key",
                ));
            }
            credentials::count(&state, slot.as_ref(), principal).await?;
        }
        Query::parse(&parts.uri, &[])?;
        let idem_key = idempotency::key_of(&parts.headers)?;
        let bytes = body::read(body).await?;
        Ok((from_header, idem_key, bytes))
    };
    let (from_header, idem_key, bytes) = match prepared.await {
        Ok(prepared) => prepared,
        Err(problem) => return problem.into_response(),
    };
    let parsed = body::json(&parts.headers, &bytes).and_then(input::token);
    // The workspace the request belongs to (and so its idempotency scope):
    // the header's key, or else the body's, counted once it is known.
    let body_key = parsed.as_ref().ok().and_then(|r| r.api_key.as_deref()).and_then(|k| state.key_by_secret(k));
    let principal = match (&from_header, body_key) {
        (Some(p), _) => Some(p.clone()),
        (None, Some(key)) => {
            let p = credentials::principal_of_key(key);
            if let Err(problem) = credentials::count(&state, slot.as_ref(), &p).await {
                return problem.into_response();
            }
            Some(p)
        }
        (None, None) => None,
    };
    let ticket = match &principal {
        Some(p) => {
            let fingerprint = idempotency::fingerprint("POST", path_and_query(&parts.uri), &bytes);
            match idempotency::begin(&state, p.workspace(), idem_key, fingerprint).await {
                Ok(Begin::Replay(response)) => return response,
                Ok(Begin::Run(ticket)) => ticket,
                Err(problem) => return problem.into_response(),
            }
        }
        None => None,
    };
    // Read before minting: the token's `exp` is at least this plus its
    // lifetime, so its replay record never outlives it.
    let issued_at = state.clock().now_secs();
    match parsed.and_then(|request| mint(&state, from_header, request)) {
        Ok(token) => {
            let stored = StoredResponse {
                status: 200,
                content_type: Some("application/json".to_owned()),
                headers: Vec::new(),
                body: serde_json::to_vec(&token).unwrap_or_default(),
            };
            if let Some(ticket) = ticket {
                // The replay record goes when the token does.
                let expires_us = (issued_at + token.expires_in) * 1_000_000;
                let saved = ticket.save(&state, stored.clone(), Some(expires_us)).await;
                if let Err(error) = saved {
                    return internal(error).into_response();
                }
            }
            idempotency::respond(&stored, false)
        }
        Err(problem) => idempotency::fail(&state, ticket, &request_id, problem).await,
    }
}

/// Checks the credentials and the requested scope, and signs the token.
fn mint(state: &AppState, from_header: Option<Principal>, request: TokenRequest) -> Result<TokenResponse, Problem> {
    let principal = match (from_header, request.api_key.as_deref()) {
        (Some(principal), None) => principal,
        (Some(principal), Some(body_key)) => {
            let key = credentials::check_key(state, body_key, "api_key")?;
            if key.id != principal.key_id {
                return Err(invalid_credentials(
                    "api_key",
                    "The body's `api_key` and the header credential are different keys; send one",
                ));
            }
            principal
        }
        (None, Some(body_key)) => credentials::principal_of_key(credentials::check_key(state, body_key, "api_key")?),
        (None, None) => return Err(missing_credentials()),
    };
    let scopes = match request.scope {
        None => principal.scopes,
        Some(wanted) => {
            if let Some(missing) = wanted.iter().find(|s| !principal.scopes.contains(*s)) {
                return Err(Problem::new(
                    Code::ValidationFailed,
                    format!(
                        "`scope` asks for `{}`, which this key does not have; it has: {}.",
                        missing.as_str(),
                        principal.scopes
                    ),
                )
                .param("scope"));
            }
            wanted
        }
    };
    let now = state.clock().now_secs();
    let claims = Claims {
        sub: principal.key_id.clone(),
        scope: scopes.to_string(),
        iat: now,
        exp: now + request.expires_in,
        jti: uuid::Uuid::new_v4().to_string(),
    };
    tracing::debug!(key = %principal.key_id, expires_in = request.expires_in, "token minted");
    Ok(TokenResponse {
        access_token: state.signer().sign(&claims),
        token_type: TOKEN_TYPE,
        expires_in: request.expires_in,
        scope: claims.scope,
    })
}
