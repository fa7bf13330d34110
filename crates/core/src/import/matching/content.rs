//! An imported request's Accept, Content-Type and other headers against
//! the operation's definition, and its body: form data where JSON is
//! expected, and cURL's own form Content-Type, the usual cause of a 415.

use super::route::form_decode;
use super::{FORM_TYPE, Matcher, join};
use crate::operation::{Location, Operation};
use crate::request::{Draft, HttpRequest};

impl Matcher {
    /// A header that is not a credential nor the client's, for an operation.
    pub(super) fn operation_header(
        &mut self,
        op: &Operation,
        request: &HttpRequest,
        name: &str,
        value: &str,
        draft: &mut Draft,
    ) {
        let lower = name.to_ascii_lowercase();
        let keep = |draft: &mut Draft| draft.headers.push((name.to_owned(), value.to_owned()));
        match lower.as_str() {
            "accept" => {
                let wanted = if op.streaming { "text/event-stream" } else { "application/json" };
                let essence = essence(value);
                if essence == wanted || value.trim() == "*/*" {
                    return;
                }
                keep(draft);
                if op.streaming && !essence.contains("text/event-stream") {
                    self.warning(format!("Accept is {value:?}: {} streams only with Accept: text/event-stream", op.id));
                } else {
                    self.info(format!("Accept {value:?} is kept as sent; the API answers {wanted}"));
                }
            }
            "content-type" => match (&op.body_type, &request.body) {
                (_, None) => self.info("Content-Type was sent without a body; it was left out"),
                (Some(wanted), Some(_)) => {
                    let essence = essence(value);
                    let json = wanted == "application/json" && essence.ends_with("+json");
                    if essence == FORM_TYPE {
                        // cURL's own choice for -d without a Content-Type, the
                        // most common reason for a 415: say so, and how to fix it.
                        keep(draft);
                        self.error(format!(
                            "the body is sent as {FORM_TYPE} (what cURL sends for -d data without a Content-Type header); the API expects {wanted} and answers 415 unsupported_media_type: add -H 'Content-Type: {wanted}'"
                        ));
                    } else if essence != *wanted && !json {
                        keep(draft);
                        self.error(format!(
                            "Content-Type is {value:?}, but {} takes {wanted}: the API answers 415 unsupported_media_type",
                            op.id
                        ));
                    }
                }
                (None, Some(_)) => {}
            },
            _ => {
                keep(draft);
                if op.param(Location::Header, name).is_none() {
                    let names: Vec<&str> = op.params_in(Location::Header).map(|p| p.name.as_str()).collect();
                    self.warning(format!(
                        "unknown header {name}: {} does not read it (it reads {}); the API ignores it",
                        op.id,
                        join(&names, "and")
                    ));
                }
            }
        }
    }

    pub(super) fn body(&mut self, op: Option<&Operation>, request: &HttpRequest, draft: &mut Draft) {
        let Some(body) = &request.body else { return };
        let Some(op) = op else {
            draft.body = Some(body.clone());
            return;
        };
        if !op.method.has_body() {
            self.warning(format!("{} requests carry no body; the body was left out", op.method));
            return;
        }
        let json_body = op.body_type.as_deref().is_some_and(|t| t == "application/json" || t.ends_with("+json"));
        if json_body && crate::json_text::parse(body).is_err() && is_form(body) {
            self.form_body = true;
            let members: serde_json::Map<String, serde_json::Value> = body
                .split('&')
                .filter_map(|p| p.split_once('='))
                .map(|(k, v)| (form_decode(k), serde_json::Value::String(form_decode(v))))
                .collect();
            self.error(format!(
                "the body is form data, not JSON: {} takes a JSON object; as JSON it reads {}",
                op.id,
                crate::json_text::compact(&serde_json::Value::Object(members))
            ));
        }
        if request.header("content-type").is_none() && op.has_body() {
            self.error(format!(
                "the body is sent without a Content-Type: the API answers 415 unsupported_media_type; the panel sends {}",
                op.body_type.as_deref().unwrap_or("application/json")
            ));
        }
        draft.body = Some(body.clone());
    }
}

/// `a=1&b=two`: what `-d a=1 -d b=two` sends.
fn is_form(body: &str) -> bool {
    !body.trim_start().starts_with(['{', '['])
        && body
            .split('&')
            .all(|pair| pair.split_once('=').is_some_and(|(k, _)| !k.is_empty() && !k.contains(char::is_whitespace)))
}

/// `application/json` of `Application/JSON; charset=utf-8`.
fn essence(content_type: &str) -> String {
    content_type.split(';').next().unwrap_or_default().trim().to_ascii_lowercase()
}
