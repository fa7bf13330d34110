//! The key-for-token exchange at `POST /v1/auth/token`, built from the
//! documented `create-token` operation by the same code as every request.

use explorer_core::Docs;
use explorer_core::json_text as json;
use explorer_core::request::{Credential, Draft, HttpRequest, Secret, body_from_fields, build};
use explorer_core::token::decode_jwt;
use leptos::prelude::*;
use serde_json::Value;

use super::Token;
use crate::client::{self, InFlight, SendError};

/// The token exchange, built from the documented `create-token` operation
/// by the same code as every other request.
pub(super) async fn exchange(
    docs: &Docs,
    base: &str,
    version: &str,
    key: &str,
    lifetime: u32,
    scopes: &str,
) -> Result<Token, String> {
    let op = docs.operation("create-token").ok_or("the docs define no create-token operation")?;
    let mut fields = vec![("expires_in".to_owned(), lifetime.to_string())];
    if !scopes.is_empty() {
        fields.push(("scope".to_owned(), scopes.to_owned()));
    }
    let draft = Draft { body: Some(body_from_fields(op, &fields)), ..Draft::default() };
    let request: HttpRequest =
        build(op, &draft, base, &Credential::ApiKey(key.to_owned()), (!version.is_empty()).then_some(version))?;
    let _ = Secret::Placeholder; // the exchange is never shown as a snippet
    let exchange = client::send(&request, &InFlight::new()).await.map_err(|e| match e {
        SendError::Refused(message) => message,
        SendError::Failed(failure) => {
            let page = window().location().href().unwrap_or_default();
            explorer_core::response::explain(failure, &page, &request.url).detail
        }
    })?;
    let body = json::parse(&exchange.body).ok();
    if exchange.status != 200 {
        let detail = body
            .as_ref()
            .and_then(|b| {
                b.get("detail")
                    .and_then(Value::as_str)
                    .map(|d| explorer_core::response::plain(&explorer_core::response::spans(d)))
            })
            .unwrap_or_else(|| format!("the server answered {}", exchange.status));
        return Err(format!("The key was not exchanged: {detail}"));
    }
    let value = body
        .as_ref()
        .and_then(|b| b.get("access_token").and_then(Value::as_str))
        .ok_or("the token response has no access_token")?
        .to_owned();
    let claims = decode_jwt(&value)?;
    Ok(Token { value, claims })
}
