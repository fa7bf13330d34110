//! The result of sending a request, as the response view shows it.

use explorer_core::json_text as json;
use explorer_core::request::HttpRequest;
use explorer_core::response::{Explanation, Problem, problem};
use std::sync::Arc;

use serde_json::Value;

use crate::client::Exchange;

thread_local! {
    static SEQ: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    Response(Box<Received>),
    /// No response: a network failure, a timeout or a cancellation.
    Failed {
        seq: u32,
        url: String,
        explanation: Explanation,
    },
    /// The browser would not send it (e.g. a header value it forbids).
    Refused {
        seq: u32,
        message: String,
    },
}

impl Outcome {
    pub fn failed(url: String, explanation: Explanation) -> Self {
        Outcome::Failed { seq: next_seq(), url, explanation }
    }

    pub fn refused(message: String) -> Self {
        Outcome::Refused { seq: next_seq(), message }
    }

    /// Tells two outcomes apart, even when alike.
    pub fn seq(&self) -> u32 {
        match self {
            Outcome::Response(r) => r.seq,
            Outcome::Failed { seq, .. } | Outcome::Refused { seq, .. } => *seq,
        }
    }

    /// The short line shown beside Send, and its status class.
    pub fn headline(&self) -> (String, &'static str) {
        match self {
            Outcome::Response(r) => {
                let e = &r.exchange;
                (explorer_core::operation::status_line(e.status, &e.status_text, e.duration_ms), status_class(e.status))
            }
            Outcome::Failed { .. } => ("No response".to_owned(), "status-server-error"),
            Outcome::Refused { .. } => ("Not sent".to_owned(), "status-client-error"),
        }
    }
}

pub use explorer_core::operation::status_class;

/// Counts outcomes in this page, so that two alike are told apart.
fn next_seq() -> u32 {
    SEQ.with(|n| {
        n.set(n.get() + 1);
        n.get()
    })
}

#[derive(Clone, Debug, PartialEq)]
pub struct Received {
    pub seq: u32,
    /// The request as sent, for "resend with the same key".
    pub request: HttpRequest,
    pub exchange: Exchange,
    /// The body parsed, when it is JSON; shared, because views and the
    /// docs check keep it while the outcome is cloned.
    pub json: Option<Arc<Value>>,
    pub problem: Option<Problem>,
}

impl Received {
    pub fn new(request: HttpRequest, exchange: Exchange) -> Self {
        let is_json =
            explorer_core::schema::reads_as_json(exchange.header("content-type")) && !exchange.body.is_empty();
        let json = if is_json { json::parse(&exchange.body).ok().map(Arc::new) } else { None };
        let problem = problem(&exchange.headers, &exchange.body);
        Self { seq: next_seq(), request, exchange, json, problem }
    }
}
