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
    /// Whether the headers are known at all: a pasted body comes without.
    pub headers_known: bool,
    /// A browser reads a cross-origin response's headers only when the
    /// server lists them in `Access-Control-Expose-Headers`.
    pub cross_origin: bool,
    pub body_is_empty: bool,
    /// Whether the body parsed as JSON.
    pub body_is_json: bool,
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

/// Whether a body sent with this `Content-Type` is read as JSON: a JSON
/// media type (`application/json`, `application/problem+json`), or none at
/// all (then the docs check judges it against what the docs say).
pub fn reads_as_json(content_type: Option<&str>) -> bool {
    content_type.is_none_or(|t| essence(t).ends_with("json"))
}

/// `application/json` out of `Application/JSON; charset=utf-8`.
fn essence(media_type: &str) -> String {
    media_type.split(';').next().unwrap_or_default().trim().to_ascii_lowercase()
}

impl ResponseCheck {
    pub fn start(objects: &[ObjectDef], op: &Operation, facts: &ResponseFacts) -> ResponseCheck {
        let route = operation_route(&op.id);
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
        let doc = || {
            Some(DocRef {
                label: format!("{} {}", op.id, response.status),
                link: format!("{route}#{}", response_anchor(response.status)),
            })
        };
        let difference =
            |path: &str, kind, message: String| Difference { path: path.to_owned(), kind, message, doc: doc() };
        let mut head = Vec::new();
        let expected = expected_media_type(objects, op, response);
        let actual = facts.media_type.as_deref().map(essence);
        if facts.headers_known {
            match (expected, &actual) {
                (Some(expected), Some(actual)) if *actual != essence(expected) => head.push(difference(
                    "Content-Type",
                    DifferenceKind::MediaType,
                    format!("the body is sent as {actual}; the docs say {expected}"),
                )),
                (Some(expected), None) if !facts.body_is_empty => head.push(difference(
                    "Content-Type",
                    DifferenceKind::MediaType,
                    format!("the response has no Content-Type; the docs say {expected}"),
                )),
                _ => {}
            }
            for header in response.headers.iter().filter(|h| !h.optional) {
                if !facts.header_names.iter().any(|n| n.eq_ignore_ascii_case(&header.name)) {
                    let why = if facts.cross_origin {
                        " (or the server does not list it in Access-Control-Expose-Headers, so the browser hides it)"
                    } else {
                        ""
                    };
                    let message = format!("{} is documented for {} but missing{why}", header.name, response.status);
                    head.push(difference(&header.name, DifferenceKind::MissingHeader, message));
                }
            }
        }
        let json_body = expected.is_some_and(|m| essence(m).ends_with("json"))
            && actual.as_deref().is_none_or(|a| a.ends_with("json"));
        let body = match (&response.body, expected) {
            (None, _) if !facts.body_is_empty => {
                let message = format!("the docs say a {} has no body, but one was sent", response.status);
                head.push(difference("$", DifferenceKind::Unreadable, message));
                None
            }
            (Some(object), Some(_)) if json_body && facts.body_is_empty => {
                let message = format!("the docs describe a {object} body, but the response has none");
                head.push(difference("$", DifferenceKind::Unreadable, message));
                None
            }
            (Some(object), Some(_)) if json_body && !facts.body_is_json => {
                let message = format!("the body is not valid JSON, so it cannot be a {object}");
                head.push(difference("$", DifferenceKind::Unreadable, message));
                None
            }
            (Some(object), Some(_)) if json_body => Some(Check::new(Expect::Object(object.clone()))),
            _ => None,
        };
        ResponseCheck { head, body }
    }

    /// A body pasted without its headers (support: "the customer sent us
    /// this"), for `op` answering `status`. Text that is not JSON is one
    /// difference, worded with its line and column.
    pub fn pasted(objects: &[ObjectDef], op: &Operation, status: u16, text: &str) -> (ResponseCheck, Option<Value>) {
        let parsed = crate::json_text::parse(text);
        let facts = ResponseFacts {
            status,
            body_is_empty: text.trim().is_empty(),
            body_is_json: parsed.is_ok(),
            ..ResponseFacts::default()
        };
        let mut check = ResponseCheck::start(objects, op, &facts);
        let expected = op.response(status).and_then(|r| expected_media_type(objects, op, r));
        match expected {
            // Only JSON bodies can be compared; say so rather than "matches".
            Some(media) if !essence(media).ends_with("json") && !facts.body_is_empty => {
                check.head.push(Difference {
                    path: "$".to_owned(),
                    kind: DifferenceKind::Unreadable,
                    message: format!(
                        "the docs describe this {status} as {media}, which this check cannot compare; pick a status with a JSON body"
                    ),
                    doc: None,
                });
            }
            Some(_) => {
                if let Err(error) = &parsed
                    && let Some(first) = check.head.iter_mut().find(|d| d.kind == DifferenceKind::Unreadable)
                {
                    first.message = format!("the body is not valid JSON: {error}");
                }
            }
            None => {}
        }
        (check, parsed.ok())
    }
}

/// A status typed by a person: a number from 100 to 599.
pub fn parse_status(text: &str) -> Result<u16, String> {
    let text = text.trim();
    match text.parse::<u16>() {
        Ok(status) if (100..600).contains(&status) => Ok(status),
        _ if text.is_empty() => Err("Enter the response's status, for example 200.".to_owned()),
        _ => Err(format!("{text:?} is not an HTTP status: use a number from 100 to 599.")),
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

#[cfg(all(test, feature = "markdown"))]
mod tests {
    use super::*;
    use crate::Docs;

    fn docs() -> Docs {
        Docs::load(explorer_content::FILES).expect("the docs load")
    }

    fn facts(status: u16, media: Option<&str>, headers: &[&str]) -> ResponseFacts {
        ResponseFacts {
            status,
            media_type: media.map(str::to_owned),
            header_names: headers.iter().map(|h| (*h).to_owned()).collect(),
            headers_known: true,
            cross_origin: false,
            body_is_empty: false,
            body_is_json: true,
        }
    }

    fn head(docs: &Docs, op: &str, facts: &ResponseFacts) -> Vec<(String, DifferenceKind, String)> {
        let check = ResponseCheck::start(&docs.objects, docs.operation(op).unwrap(), facts);
        check.head.into_iter().map(|d| (d.path, d.kind, d.message)).collect()
    }

    const RATE: [&str; 3] = ["X-RateLimit-Limit", "x-ratelimit-remaining", "X-RateLimit-Reset"];

    #[test]
    fn status_media_type_and_headers() {
        let docs = docs();
        let created = [&["Location"][..], &RATE].concat();
        assert_eq!(head(&docs, "create-resource", &facts(201, Some("application/json; charset=utf-8"), &created)), []);
        let found = head(&docs, "create-resource", &facts(418, Some("application/json"), &[]));
        assert_eq!(found[0].1, DifferenceKind::UndocumentedStatus);
        assert_eq!(
            found[0].2,
            "418 is not a documented status of create-resource; the docs list 201, 400, 401, 403, 409, 413, 415, 422, 429"
        );
        let found = head(&docs, "create-resource", &facts(201, Some("text/html"), &RATE));
        assert_eq!(
            found,
            [
                (
                    "Content-Type".into(),
                    DifferenceKind::MediaType,
                    "the body is sent as text/html; the docs say application/json".into()
                ),
                ("Location".into(), DifferenceKind::MissingHeader, "Location is documented for 201 but missing".into()),
            ]
        );
        let mut cross = facts(400, Some("application/problem+json"), &[]);
        cross.cross_origin = true;
        assert_eq!(head(&docs, "create-resource", &cross), []);
        cross.status = 429;
        assert!(head(&docs, "create-resource", &cross)[0].2.ends_with("so the browser hides it)"));
    }

    #[test]
    fn bodies_where_none_is_documented_and_none_where_one_is() {
        let docs = docs();
        let deleted = facts(204, None, &RATE);
        assert_eq!(head(&docs, "delete-resource", &ResponseFacts { body_is_empty: true, ..deleted.clone() }), []);
        assert_eq!(head(&docs, "delete-resource", &deleted)[0].2, "the docs say a 204 has no body, but one was sent");
        let mut empty = facts(200, Some("application/json"), &RATE);
        empty.body_is_empty = true;
        assert_eq!(
            head(&docs, "get-resource", &empty)[0].2,
            "the docs describe a Resource body, but the response has none"
        );
        empty.body_is_empty = false;
        empty.body_is_json = false;
        assert_eq!(head(&docs, "get-resource", &empty)[0].2, "the body is not valid JSON, so it cannot be a Resource");
    }

    #[test]
    fn pasted_bodies_the_check_cannot_read_say_so() {
        let docs = docs();
        let stream = docs.operation("stream-events").unwrap();
        let (check, _) = ResponseCheck::pasted(&docs.objects, stream, 200, "id: 1\ndata: {}\n");
        assert!(
            check.head[0].message.contains("text/event-stream, which this check cannot compare"),
            "{:?}",
            check.head
        );
        let deleted = docs.operation("delete-resource").unwrap();
        let (check, _) = ResponseCheck::pasted(&docs.objects, deleted, 204, "hello");
        assert_eq!(check.head[0].message, "the docs say a 204 has no body, but one was sent");
        assert!(reads_as_json(None) && reads_as_json(Some("application/problem+json; charset=utf-8")));
        assert!(!reads_as_json(Some("text/html")));
    }

    #[test]
    fn statuses_typed_by_people() {
        assert_eq!(parse_status(" 404 "), Ok(404));
        assert_eq!(parse_status(""), Err("Enter the response's status, for example 200.".to_owned()));
        assert_eq!(parse_status("99"), Err("\"99\" is not an HTTP status: use a number from 100 to 599.".to_owned()));
        assert!(parse_status("2OO").is_err());
    }

    #[test]
    fn a_pasted_body_is_checked_without_headers() {
        let docs = docs();
        let op = docs.operation("get-resource").unwrap();
        let (check, value) =
            ResponseCheck::pasted(&docs.objects, op, 200, r#"{"id": "res_1", "name": "x", "status": "gone"}"#);
        assert!(check.head.is_empty());
        let differences = check_value(&docs.objects, Expect::Object("Resource".into()), &value.unwrap());
        let paths: Vec<&str> = differences.iter().map(|d| d.path.as_str()).collect();
        assert_eq!(paths, ["$.region", "$.metadata", "$.created_at", "$.updated_at", "$.status"]);
        assert_eq!(differences[4].doc.as_ref().unwrap().link, "/reference/get-resource#object-resource-status");
        let (check, value) = ResponseCheck::pasted(&docs.objects, op, 200, "{\"id\": }");
        assert!(value.is_none() && check.body.is_none());
        assert!(
            check.head[0].message.starts_with("the body is not valid JSON: line 1, column 8"),
            "{}",
            check.head[0].message
        );
    }
}
