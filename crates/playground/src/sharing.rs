//! Between panels and shareable requests: share links, the history, a
//! pasted cURL command opened in a panel, and navigation of the shell.

use explorer_core::import::Finding;
use explorer_core::operation::Operation;
use explorer_core::request::Draft;
use explorer_core::share::{self, HistoryEntry, SharedRequest, push_history};
use explorer_core::target::Destination;
use leptos::prelude::*;
use wasm_bindgen::JsValue;

use crate::env::base_url;
use crate::state::{Form, state};

/// The shell's route of the generic request panel.
pub const GENERIC_ROUTE: &str = explorer_core::routes::GENERIC;

fn pinned_version() -> Option<String> {
    let version = state().env.version.get_untracked();
    (!version.is_empty()).then_some(version)
}

/// An operation's panel as a shareable request.
pub fn from_form(op: &Operation, form: Form) -> SharedRequest {
    let destination = untrack(|| form.destination.get().unwrap_or_else(|| state().env.current()));
    SharedRequest {
        operation: Some(op.id.clone()),
        method: op.method,
        url: base_url(&destination.target),
        target: destination.target,
        api_version: destination.api_version,
        draft: untrack(|| form.draft(op)),
    }
}

/// The generic panel as a shareable request.
pub fn from_generic() -> SharedRequest {
    let s = state();
    let g = s.generic;
    let full = g.url.get_untracked();
    let (url, query) = full.split_once('?').unwrap_or((&full, ""));
    let query = query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            (decode(name), decode(value))
        })
        .collect();
    let body = g.body.get_untracked();
    SharedRequest {
        operation: None,
        method: g.method.get_untracked(),
        url: url.to_owned(),
        target: s.env.target.get_untracked(),
        api_version: pinned_version(),
        draft: Draft {
            path: Vec::new(),
            query,
            headers: g.headers.get_untracked().into_iter().filter(|(n, _)| !n.trim().is_empty()).collect(),
            body: (!body.trim().is_empty()).then_some(body),
        },
    }
}

fn decode(text: &str) -> String {
    js_sys::decode_uri_component(&text.replace('+', " ")).map(String::from).unwrap_or_else(|_| text.to_owned())
}

/// Puts `shared` in its panel, with `findings` beside it, and returns the
/// route of that panel. The saved environment is never changed: a request
/// that goes elsewhere keeps its own destination, which the panel shows.
pub fn apply(shared: SharedRequest, findings: Vec<Finding>) -> Result<String, String> {
    let s = state();
    match shared.operation {
        Some(id) => {
            let op = s.docs.operation(&id).ok_or(format!("the link names an operation this reference lacks ({id})"))?;
            let target = shared.target.checked().map_err(|why| format!("the request's base URL is refused: {why}"))?;
            let destination = Destination { target, api_version: shared.api_version };
            let form = s.form(op);
            form.load(op, &shared.draft);
            form.destination.set(destination.unless_current(&untrack(|| s.env.current())));
            form.findings.set(findings);
            Ok(explorer_core::routes::operation_route(&id))
        }
        None => {
            let g = s.generic;
            let query: Vec<String> = shared
                .draft
                .query
                .iter()
                .map(|(n, v)| {
                    format!(
                        "{}={}",
                        explorer_core::request::percent_encode(n),
                        explorer_core::request::percent_encode(v)
                    )
                })
                .collect();
            g.method.set(shared.method);
            g.url.set(if query.is_empty() { shared.url } else { format!("{}?{}", shared.url, query.join("&")) });
            g.headers.set(shared.draft.headers);
            g.body.set(shared.draft.body.unwrap_or_default());
            g.findings.set(findings);
            g.outcome.set(None);
            Ok(GENERIC_ROUTE.to_owned())
        }
    }
}

/// The share link of `shared` (credentials removed by the encoding), and
/// what was left out.
pub fn link(route: &str, mut shared: SharedRequest) -> (String, Vec<String>) {
    let removed = share::scrub(&mut shared);
    let origin = window().location().origin().unwrap_or_default();
    (format!("{origin}{route}#share={}", share::encode(&shared)), removed)
}

/// Adds a sent request to the history.
pub fn record(shared: SharedRequest, status: Option<u16>, duration_ms: f64) {
    let entry = HistoryEntry {
        request: shared,
        status,
        at_ms: js_sys::Date::now() as i64,
        duration_ms: duration_ms.max(0.0) as u32,
    };
    state().history.update(|list| push_history(list, entry));
}

/// Moves the shell to `route` as if a link had been followed.
pub fn navigate(route: &str) {
    if let Ok(history) = window().history() {
        let _ = history.push_state_with_url(&JsValue::NULL, "", Some(route));
    }
    // The shell's router listens for popstate.
    if let Ok(event) = web_sys::Event::new("popstate") {
        let _ = window().dispatch_event(&event);
    }
}
