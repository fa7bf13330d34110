//! Credentials: API keys (`X-API-Key` or `Authorization: Bearer sk_live_…`) and
//! bearer JWTs, as axum extractors.
//!
//! `Auth<S>` rejects with 401 (no or bad credential), 429 (over the key's rate
//! limit; every authenticated request counts, the rejected ones too) or 403
//! (scope `S` missing), in that order. `MaybeAuth` verifies a credential only
//! if one was sent.

use std::marker::PhantomData;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderName, header};

use crate::api_headers::RateSlot;
use crate::error::{Code, Problem};
use crate::keys::{ApiKey, KEY_PREFIX, mask};
use crate::rate_limit::Quota;
use crate::scopes::{Scope, Scopes};
use crate::state::AppState;
use crate::tokens::TokenError;

pub static X_API_KEY: HeaderName = HeaderName::from_static("x-api-key");
const REALM: &str = "cloud-api";

/// How the caller proved who it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Via {
    ApiKey,
    Token,
}

/// An authenticated caller.
#[derive(Clone, Debug)]
pub struct Principal {
    /// The key (for a token: the key it was minted from). Also the workspace.
    pub key_id: String,
    pub scopes: Scopes,
    pub via: Via,
    pub rate_limit: Option<u32>,
}

impl Principal {
    /// Each key's data is isolated from every other's.
    pub fn workspace(&self) -> &str {
        &self.key_id
    }

    pub fn require(&self, scope: Scope) -> Result<(), Problem> {
        if self.scopes.contains(scope) {
            Ok(())
        } else {
            Err(insufficient_scope(
                scope.as_str(),
                &format!(
                    "This credential lacks the `{}` scope (it has: {}).",
                    scope.as_str(),
                    if self.scopes.is_empty() { "none".to_owned() } else { self.scopes.to_string() }
                ),
            ))
        }
    }
}

pub fn missing_credentials() -> Problem {
    Problem::new(
        Code::MissingCredentials,
        "Send an API key in `X-API-Key` (or `Authorization: Bearer sk_live_…`), or a token from POST /v1/auth/token in `Authorization: Bearer <token>`.",
    )
    .header(header::WWW_AUTHENTICATE, format!("Bearer realm=\"{REALM}\""))
}

fn challenge(description: &str) -> String {
    format!("Bearer realm=\"{REALM}\", error=\"invalid_token\", error_description=\"{description}\"")
}

pub fn invalid_credentials(param: &str, description: &str) -> Problem {
    Problem::new(Code::InvalidCredentials, format!("{description}."))
        .param(param)
        .header(header::WWW_AUTHENTICATE, challenge(description))
}

fn token_expired() -> Problem {
    let description = "The token has expired; exchange your API key for a new one at POST /v1/auth/token";
    Problem::new(Code::TokenExpired, format!("{description}."))
        .param("Authorization")
        .header(header::WWW_AUTHENTICATE, challenge("The token has expired"))
}

pub fn insufficient_scope(scope: &str, detail: &str) -> Problem {
    Problem::new(Code::InsufficientScope, detail)
        .header(header::WWW_AUTHENTICATE, format!("Bearer error=\"insufficient_scope\", scope=\"{scope}\""))
}

pub fn rate_limited(quota: &Quota) -> Problem {
    Problem::new(
        Code::RateLimited,
        format!(
            "This key may make {} requests per 60-second window; the window resets in {} s.",
            quota.limit, quota.reset_secs
        ),
    )
    .header(header::RETRY_AFTER, quota.reset_secs.to_string())
}

/// A credential as sent, before it is checked.
enum Sent {
    Key { secret: String, param: &'static str },
    Token(String),
}

fn single<'a>(headers: &'a HeaderMap, name: &HeaderName, param: &str) -> Result<Option<&'a str>, Problem> {
    let mut values = headers.get_all(name).iter();
    let Some(first) = values.next() else {
        return Ok(None);
    };
    if values.next().is_some() {
        return Err(invalid_credentials(param, &format!("Send `{param}` once")));
    }
    first
        .to_str()
        .map(|v| Some(v.trim()))
        .map_err(|_| invalid_credentials(param, &format!("`{param}` is not a valid credential")))
}

fn sent_credential(headers: &HeaderMap) -> Result<Option<Sent>, Problem> {
    let key = single(headers, &X_API_KEY, "X-API-Key")?
        .map(|secret| Sent::Key { secret: secret.to_owned(), param: "X-API-Key" });
    let bearer = match single(headers, &header::AUTHORIZATION, "Authorization")? {
        None => None,
        Some(value) => {
            let (scheme, rest) = value.split_once(' ').unwrap_or((value, ""));
            if !scheme.eq_ignore_ascii_case("bearer") {
                return Err(invalid_credentials(
                    "Authorization",
                    "`Authorization` must use the Bearer scheme: `Authorization: Bearer <token or API key>`",
                ));
            }
            let credential = rest.trim();
            if credential.starts_with(KEY_PREFIX) {
                Some(Sent::Key { secret: credential.to_owned(), param: "Authorization" })
            } else {
                Some(Sent::Token(credential.to_owned()))
            }
        }
    };
    match (key, bearer) {
        (Some(Sent::Key { secret: a, param }), Some(Sent::Key { secret: b, .. })) if a == b => {
            Ok(Some(Sent::Key { secret: a, param }))
        }
        (Some(_), Some(_)) => Err(invalid_credentials(
            "Authorization",
            "`X-API-Key` and `Authorization` carry different credentials; send one",
        )),
        (key, bearer) => Ok(key.or(bearer)),
    }
}

/// Checks an API key.
pub fn check_key<'s>(state: &'s AppState, secret: &str, param: &str) -> Result<&'s ApiKey, Problem> {
    state.key_by_secret(secret).ok_or_else(|| {
        tracing::info!(credential = %mask(secret), "unknown API key");
        invalid_credentials(param, "The API key is not valid")
    })
}

fn check_token(state: &AppState, token: &str) -> Result<Principal, Problem> {
    let claims = state.signer().verify(token, state.clock().now_secs()).map_err(|e| match e {
        TokenError::Expired => token_expired(),
        TokenError::Invalid(why) => {
            tracing::info!(credential = %mask(token), why, "rejected token");
            invalid_credentials("Authorization", "The bearer token is not valid")
        }
    })?;
    let key = state
        .key_by_id(&claims.sub)
        .ok_or_else(|| invalid_credentials("Authorization", "The bearer token names an unknown key"))?;
    let scopes = Scopes::parse(&claims.scope)
        .filter(|s| s.is_subset_of(key.scopes))
        .ok_or_else(|| invalid_credentials("Authorization", "The bearer token claims scopes its key does not have"))?;
    Ok(Principal { key_id: key.id.clone(), scopes, via: Via::Token, rate_limit: key.rate_limit })
}

pub fn principal_of_key(key: &ApiKey) -> Principal {
    Principal { key_id: key.id.clone(), scopes: key.scopes, via: Via::ApiKey, rate_limit: key.rate_limit }
}

/// The caller named by the request's headers, if any; 401 for a bad one.
pub fn authenticate(state: &AppState, headers: &HeaderMap) -> Result<Option<Principal>, Problem> {
    match sent_credential(headers)? {
        None => Ok(None),
        Some(Sent::Key { secret, param }) => check_key(state, &secret, param).map(|k| Some(principal_of_key(k))),
        Some(Sent::Token(token)) => check_token(state, &token).map(Some),
    }
}

/// Counts the request against the principal's key and records the quota for
/// the response headers; 429 when over the limit.
pub async fn count(state: &AppState, slot: Option<&RateSlot>, principal: &Principal) -> Result<(), Problem> {
    tracing::Span::current().record("key", principal.key_id.as_str());
    let Some(limit) = principal.rate_limit else {
        return Ok(());
    };
    // Several instances on one database count in it; one counts in memory.
    let now_ms = state.clock().now_millis();
    let shared = state.store().rate_hit(&principal.key_id, limit, now_ms).await.map_err(|error| {
        tracing::error!(%error, "could not count the request");
        Problem::internal()
    })?;
    let quota = match shared {
        Some((start_ms, used)) => crate::rate_limit::Quota::of_window(limit, start_ms, used, now_ms),
        None => state.limiter().hit(state.clock(), &principal.key_id, limit),
    };
    if let Some(slot) = slot {
        slot.set(quota);
    }
    if quota.allowed { Ok(()) } else { Err(rate_limited(&quota)) }
}

/// A scope an operation requires, as a type.
pub trait RequiredScope: Send + Sync + 'static {
    const SCOPE: Scope;
}

pub struct ResourcesRead;
pub struct ResourcesWrite;
pub struct ProjectsRead;

impl RequiredScope for ResourcesRead {
    const SCOPE: Scope = Scope::ResourcesRead;
}
impl RequiredScope for ResourcesWrite {
    const SCOPE: Scope = Scope::ResourcesWrite;
}
impl RequiredScope for ProjectsRead {
    const SCOPE: Scope = Scope::ProjectsRead;
}

/// An authenticated, rate-limited caller holding scope `S`.
pub struct Auth<S: RequiredScope> {
    pub principal: Principal,
    _scope: PhantomData<S>,
}

impl<S: RequiredScope> FromRequestParts<AppState> for Auth<S> {
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Problem> {
        let principal = authenticate(state, &parts.headers)?.ok_or_else(missing_credentials)?;
        count(state, parts.extensions.get::<RateSlot>(), &principal).await?;
        principal.require(S::SCOPE)?;
        Ok(Auth { principal, _scope: PhantomData })
    }
}

/// A caller who may be anonymous; a credential that is sent must be valid.
pub struct MaybeAuth(pub Option<Principal>);

impl FromRequestParts<AppState> for MaybeAuth {
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Problem> {
        let principal = authenticate(state, &parts.headers)?;
        if let Some(p) = &principal {
            count(state, parts.extensions.get::<RateSlot>(), p).await?;
        }
        Ok(MaybeAuth(principal))
    }
}
