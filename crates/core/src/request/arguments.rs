//! A request given as named arguments, the way a tool caller (an MCP client,
//! a script) names them: `{"id": "res_8f2a", "limit": 5}` plus a JSON body.
//! Each name is placed in the path, the query or the headers by the
//! operation's definition, and the whole is checked before anything is
//! sent; every problem is worded for the caller.

use serde_json::{Map, Value};

use super::draft::Draft;
use super::validate::validate;
use crate::operation::{Location, Operation};

/// The draft for `params` and `body`, or every reason it cannot be sent.
pub fn draft_from_arguments(
    op: &Operation,
    params: &Map<String, Value>,
    body: Option<&Value>,
) -> Result<Draft, Vec<String>> {
    let mut draft = Draft::default();
    let mut problems = Vec::new();
    for (name, value) in params {
        let found = [Location::Path, Location::Query, Location::Header]
            .into_iter()
            .find_map(|location| op.param(location, name));
        let Some(param) = found else {
            problems.push(unknown(op, name));
            continue;
        };
        let text = match value {
            Value::String(s) => s.clone(),
            Value::Number(n) => n.to_string(),
            Value::Bool(b) => b.to_string(),
            Value::Null => continue,
            Value::Array(_) | Value::Object(_) => {
                problems.push(format!(
                    "`{name}` is a {} parameter: give it a string, a number or a boolean",
                    param.location.as_str()
                ));
                continue;
            }
        };
        let slot = match param.location {
            Location::Path => &mut draft.path,
            Location::Query => &mut draft.query,
            _ => &mut draft.headers,
        };
        slot.push((param.name.clone(), text));
    }
    match (body, op.has_body()) {
        (None | Some(Value::Null), _) => {}
        (Some(_), false) => problems.push(format!("{} takes no body; leave `body` out", op.id)),
        (Some(value), true) => draft.body = Some(serde_json::to_string_pretty(value).unwrap_or_default()),
    }
    problems.extend(validate(op, &draft).into_iter().map(|issue| match issue.name {
        Some(name) => format!("{} `{name}`: {}", issue.location.as_str(), issue.message),
        None => format!("{}: {}", issue.location.as_str(), issue.message),
    }));
    if problems.is_empty() { Ok(draft) } else { Err(problems) }
}

fn unknown(op: &Operation, name: &str) -> String {
    if op.param(Location::Body, name).is_some() {
        return format!("`{name}` is a field of the body: put it in `body`, e.g. {{\"{name}\": …}}");
    }
    let names: Vec<&str> = op.params.iter().filter(|p| p.location != Location::Body).map(|p| p.name.as_str()).collect();
    if names.is_empty() {
        format!("`{name}` is not a parameter of {}, which takes none", op.id)
    } else {
        format!("`{name}` is not a parameter of {}; its parameters are {}", op.id, names.join(", "))
    }
}

#[cfg(all(test, feature = "markdown"))]
mod tests {
    use super::*;
    use crate::request::test_support::op;
    use serde_json::json;

    fn args(value: Value) -> Map<String, Value> {
        value.as_object().cloned().unwrap_or_default()
    }

    #[test]
    fn names_find_their_place() {
        let draft =
            draft_from_arguments(&op("list-resources"), &args(json!({"limit": 5, "status": "active"})), None).unwrap();
        assert_eq!(draft.query, [("limit".to_owned(), "5".to_owned()), ("status".to_owned(), "active".to_owned())]);
        let draft =
            draft_from_arguments(&op("get-resource"), &args(json!({"id": "res_8f2a", "x-request-id": "abc"})), None)
                .unwrap();
        assert_eq!(draft.path, [("id".to_owned(), "res_8f2a".to_owned())]);
        assert_eq!(draft.headers, [("X-Request-Id".to_owned(), "abc".to_owned())]);
        let draft = draft_from_arguments(&op("create-resource"), &Map::new(), Some(&json!({"name": "A"}))).unwrap();
        assert_eq!(draft.body.as_deref(), Some("{\n  \"name\": \"A\"\n}"));
    }

    #[test]
    fn every_problem_is_worded() {
        let e = draft_from_arguments(&op("list-resources"), &args(json!({"limit": 500, "colour": "red"})), None)
            .unwrap_err();
        assert_eq!(
            e,
            [
                "`colour` is not a parameter of list-resources; its parameters are limit, cursor, status, X-Request-Id",
                "query `limit`: limit must be between 1 and 100; it is 500",
            ]
        );
        let e = draft_from_arguments(&op("create-resource"), &args(json!({"name": "A"})), None).unwrap_err();
        assert_eq!(e[0], "`name` is a field of the body: put it in `body`, e.g. {\"name\": …}");
        let e = draft_from_arguments(&op("get-resource"), &Map::new(), Some(&json!({}))).unwrap_err();
        assert_eq!(e[0], "get-resource takes no body; leave `body` out");
        let e = draft_from_arguments(&op("get-resource"), &args(json!({"id": ["x"]})), None).unwrap_err();
        assert_eq!(e[0], "`id` is a path parameter: give it a string, a number or a boolean");
        let e = draft_from_arguments(&op("create-resource"), &Map::new(), Some(&json!({"name": 5}))).unwrap_err();
        assert_eq!(e, ["body `name`: name must be a string, not a number"]);
    }
}
