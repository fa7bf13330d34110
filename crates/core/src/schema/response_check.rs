//! A whole response against its operation's docs: the status, the media
//! type, the headers said to be always sent, then the body (a resumable
//! [`Check`]). Try-it runs this on every response; the docs tests run it on
//! every example.

use serde_json::Value;

use super::check::{Check, Difference, DifferenceKind, DocRef, Expect, check_value};
use super::object::ObjectDef;
use crate::operation::{Example, Location, Operation, Param, Response};
use crate::routes::operation_route;
use crate::search::response_anchor;

/// What the client saw of a response, besides its body.
#[derive(Debug, Clone, Default)]
pub struct ResponseFacts {
    pub status: u16,
    /// The `Content-Type` header, when there is one.
    pub media_type: Option<String>,
    /// Names of the headers the client could read, in any case.
    pub header_names: Vec<String>,
    /// A browser reads a cross-origin response's headers only when the
    /// server lists them in `Access-Control-Expose-Headers`.
    pub cross_origin: bool,
    pub body_is_empty: bool,
}

/// The comparison of one response: `head` is complete at once; `body` runs
/// in slices (see [`Check::run`]) over the parsed body.
#[derive(Debug)]
pub struct ResponseCheck {
    pub head: Vec<Difference>,
    pub body: Option<Check>,
}

/// The media type a documented response is sent with, if it has a body.
pub fn expected_media_type<'a>(objects: &'a [ObjectDef], op: &Operation, response: &Response) -> Option<&'a str> {
    let body = response.body.as_deref()?;
    if op.streaming && (200..300).contains(&response.status) {
        return Some("text/event-stream");
    }
    objects.iter().find(|o| o.name == body).map(|o| o.media_type.as_str())
}

/// `application/json` out of `Application/JSON; charset=utf-8`.
fn essence(media_type: &str) -> String {
    media_type.split(';').next().unwrap_or_default().trim().to_ascii_lowercase()
}

impl ResponseCheck {
    pub fn start(objects: &[ObjectDef], op: &Operation, facts: &ResponseFacts) -> ResponseCheck {
        let route = operation_route(&op.id);
        let status_doc = |status: u16| DocRef {
            label: format!("{} {status}", op.id),
            link: format!("{route}#{}", response_anchor(status)),
        };
        let Some(response) = op.response(facts.status) else {
            let listed: Vec<String> = op.responses.iter().map(|r| r.status.to_string()).collect();
            let head = vec![Difference {
                path: "status".to_owned(),
                kind: DifferenceKind::UndocumentedStatus,
                message: format!(
                    "{} is not a documented status of {}; the docs list {}",
                    facts.status,
                    op.id,
                    listed.join(", ")
                ),
                doc: Some(DocRef { label: format!("{} responses", op.id), link: format!("{route}#responses") }),
            }];
            return ResponseCheck { head, body: None };
        };
        let mut head = Vec::new();
        let expected = expected_media_type(objects, op, response);
        let actual = facts.media_type.as_deref().map(essence);
        match (expected, &actual) {
            (Some(expected), Some(actual)) if *actual != essence(expected) => head.push(Difference {
                path: "Content-Type".to_owned(),
                kind: DifferenceKind::MediaType,
                message: format!("the body is sent as {actual}; the docs say {expected}"),
                doc: Some(status_doc(response.status)),
            }),
            (Some(expected), None) if !facts.body_is_empty => head.push(Difference {
                path: "Content-Type".to_owned(),
                kind: DifferenceKind::MediaType,
                message: format!("the response has no Content-Type; the docs say {expected}"),
                doc: Some(status_doc(response.status)),
            }),
            (None, _) if !facts.body_is_empty => head.push(Difference {
                path: "$".to_owned(),
                kind: DifferenceKind::Unreadable,
                message: format!("the docs say a {} has no body, but one was sent", response.status),
                doc: Some(status_doc(response.status)),
            }),
            _ => {}
        }
        for header in response.headers.iter().filter(|h| !h.optional) {
            if !facts.header_names.iter().any(|n| n.eq_ignore_ascii_case(&header.name)) {
                let why = if facts.cross_origin {
                    " (or the server does not list it in Access-Control-Expose-Headers, so the browser hides it)"
                } else {
                    ""
                };
                head.push(Difference {
                    path: header.name.clone(),
                    kind: DifferenceKind::MissingHeader,
                    message: format!(
                        "the header {} is documented for {} but missing{why}",
                        header.name, response.status
                    ),
                    doc: Some(status_doc(response.status)),
                });
            }
        }
        let json_body = expected.is_some_and(|m| essence(m).ends_with("json"))
            && actual.as_deref().is_none_or(|a| a.ends_with("json"));
        let body = match &response.body {
            Some(object) if json_body => Some(Check::new(Expect::Object(object.clone()))),
            _ => None,
        };
        ResponseCheck { head, body }
    }
}

/// The request body's fields as an object, named after the operation.
pub fn request_body_object(op: &Operation) -> Option<ObjectDef> {
    op.has_body().then(|| ObjectDef {
        name: format!("the {} body", op.id),
        media_type: op.body_type.clone().unwrap_or_default(),
        fields: op.params_in(Location::Body).cloned().collect::<Vec<Param>>(),
        file: op.file.clone(),
        // No table of its own to link to: the operation's body section is.
        route: String::new(),
        line: op.line,
    })
}

/// A JSON example against its schema: the request body when `status` is
/// `None`, otherwise that response's object. Examples that are not JSON,
/// and responses without a named body, have nothing to check.
pub fn check_example(
    objects: &[ObjectDef],
    op: &Operation,
    status: Option<u16>,
    example: &Example,
) -> Result<Vec<Difference>, String> {
    if example.lang == "sse" {
        return check_stream_example(objects, op, status, &example.body);
    }
    if example.lang != "json" {
        return Ok(Vec::new());
    }
    let value: Value = crate::json_text::parse(&example.body).map_err(|e| e.to_string())?;
    let expect = match status {
        None => match request_body_object(op) {
            Some(object) => Expect::Body(object),
            None => return Ok(Vec::new()),
        },
        Some(status) => match op.response(status).and_then(|r| r.body.clone()) {
            Some(object) => Expect::Object(object),
            None => return Ok(Vec::new()),
        },
    };
    Ok(check_value(objects, expect, &value))
}

/// A stream example: each event's `data` against the response's object.
fn check_stream_example(
    objects: &[ObjectDef],
    op: &Operation,
    status: Option<u16>,
    text: &str,
) -> Result<Vec<Difference>, String> {
    let Some(object) = status.and_then(|s| op.response(s)).and_then(|r| r.body.clone()) else {
        return Ok(Vec::new());
    };
    let mut differences = Vec::new();
    for (index, event) in text.split("\n\n").filter(|e| !e.trim().is_empty()).enumerate() {
        let data: Vec<&str> = event.lines().filter_map(|l| l.strip_prefix("data:")).map(str::trim_start).collect();
        if data.is_empty() {
            continue;
        }
        let value = crate::json_text::parse(&data.join("\n"))
            .map_err(|e| format!("the data of event {} is not JSON: {e}", index + 1))?;
        differences.extend(check_value(objects, Expect::Object(object.clone()), &value).into_iter().map(|mut d| {
            d.path = format!("event {}: {}", index + 1, d.path);
            d
        }));
    }
    Ok(differences)
}
