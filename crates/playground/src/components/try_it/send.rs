//! Sending: builds the request with a fresh credential, sends it through
//! the client, renews the token once after a 401 when a key is kept, and
//! records the outcome on the form.

use explorer_core::operation::Operation;
use explorer_core::request::{HttpRequest, created_id, remember_id};
use explorer_core::response::explain;
use leptos::prelude::*;

use crate::client::{self, InFlight, SendError};
use crate::form_request::current_request;
use crate::outcome::{Outcome, Received};
use crate::sharing;
use crate::state::{Form, state};

/// Sends `op`'s form; `same` resends the previous request unchanged (for
/// showing an idempotent replay).
pub async fn send(op: &'static Operation, form: Form, flight: InFlight, same: Option<HttpRequest>) {
    let s = state();
    let mut request = match same {
        // The same request, with the credential the gate allows now.
        Some(request) => s.auth.with_current_credential(request),
        None => {
            // Renew an expiring token first; the build then picks it up.
            s.auth.fresh(s.docs).await;
            match untrack(|| current_request(op, form)) {
                Ok(request) => request,
                Err(message) => {
                    form.outcome.set(Some(Outcome::refused(message)));
                    return;
                }
            }
        }
    };
    let shared = untrack(|| sharing::from_form(op, form));
    let mut retried = false;
    loop {
        match client::send(&request, &flight).await {
            Ok(exchange) => {
                // Only a 401 to a request that carried the token says it
                // expired; a foreign origin's 401 to a request sent without it
                // says nothing about the token.
                if exchange.status == 401
                    && s.auth.sent_token(&request)
                    && !retried
                    && s.auth.after_unauthorized(s.docs).await
                {
                    // Renewed: send once more with the new token.
                    retried = true;
                    if let Ok(renewed) = untrack(|| current_request(op, form)) {
                        request = renewed;
                        continue;
                    }
                }
                sharing::record(shared, Some(exchange.status), exchange.duration_ms);
                let received = Received::new(request, exchange);
                if let Some(id) = created_id(received.exchange.status, received.json.as_deref()) {
                    s.recent_ids.update(|recent| remember_id(recent, id));
                }
                form.outcome.set(Some(Outcome::Response(Box::new(received))));
            }
            Err(SendError::Refused(message)) => form.outcome.set(Some(Outcome::refused(message))),
            Err(SendError::Failed(failure)) => {
                let page = window().location().href().unwrap_or_default();
                let explanation = explain(failure, &page, &request.url);
                if failure != explorer_core::response::Failure::Cancelled {
                    sharing::record(shared, None, 0.0);
                }
                form.outcome.set(Some(Outcome::failed(request.url.clone(), explanation)));
            }
        }
        return;
    }
}
