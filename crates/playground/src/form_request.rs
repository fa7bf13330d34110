//! The request an operation's form describes, as every panel that sends it
//! (try-it, the event log) builds it: to the form's destination, with the
//! credential only where it may go.

use explorer_core::operation::Operation;
use explorer_core::request::{Draft, HttpRequest, build};
use leptos::prelude::*;

use crate::env::base_url;
use crate::state::{Form, state};

/// The request the form describes with the current credential, or why it
/// cannot be built.
pub fn current_request(op: &Operation, form: Form) -> Result<HttpRequest, String> {
    request_for(op, form, &form.draft(op))
}

/// The request `draft` describes, sent to the form's destination (the
/// environment unless the request brought its own), with the credential
/// only where it may go.
pub fn request_for(op: &Operation, form: Form, draft: &Draft) -> Result<HttpRequest, String> {
    let s = state();
    let destination = form.destination.get().unwrap_or_else(|| s.env.current());
    let base = base_url(&destination.target);
    build(op, draft, &base, &s.auth.credential_for(&base), destination.api_version.as_deref())
}
