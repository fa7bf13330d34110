//! The checks of a draft, on the real operations of `content/reference`.

use super::*;
use crate::request::example_draft;
use crate::request::test_support::{all_operations, op};

fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
    items.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

fn messages(op_id: &str, draft: &Draft) -> Vec<String> {
    validate(&op(op_id), draft).into_iter().map(|i| i.message).collect()
}

fn body(text: &str) -> Draft {
    Draft { body: Some(text.to_owned()), ..Draft::default() }
}

#[test]
fn every_example_draft_is_valid() {
    let ops = all_operations();
    assert!(ops.len() >= 12, "{}", ops.len());
    for op in ops {
        let draft = example_draft(&op);
        assert_eq!(validate(&op, &draft), vec![], "{}: {draft:?}", op.id);
    }
}

#[test]
fn required_values() {
    let issues = validate(&op("get-resource"), &Draft::default());
    assert_eq!(
        issues,
        vec![Issue { location: Location::Path, name: Some("id".into()), message: "id is required".into() }]
    );
    let issues = validate(&op("create-resource"), &Draft::default());
    assert_eq!(issues[0].location, Location::Body);
    assert_eq!(issues[0].name.as_deref(), Some("name"));
    assert_eq!(messages("create-resource", &body("{\"region\": \"eu-west\"}")), ["name is required"]);
    assert_eq!(messages("create-token", &Draft::default()), Vec::<String>::new());
    let draft = Draft { path: pairs(&[("id", "")]), ..Draft::default() };
    assert_eq!(messages("delete-resource", &draft), ["id is required"]);
    let draft = Draft { path: pairs(&[("id", "..")]), ..Draft::default() };
    assert_eq!(messages("delete-resource", &draft), ["id cannot be \"..\""]);
}

#[test]
fn query_numbers_and_enums() {
    let query = |items: &[(&str, &str)]| Draft { query: pairs(items), ..Draft::default() };
    assert_eq!(messages("list-resources", &query(&[("limit", "500")])), ["limit must be between 1 and 100; it is 500"]);
    assert_eq!(messages("list-resources", &query(&[("limit", "0")])), ["limit must be between 1 and 100; it is 0"]);
    assert_eq!(messages("list-resources", &query(&[("limit", "1")])), Vec::<String>::new());
    assert_eq!(
        messages("list-resources", &query(&[("limit", "ten")])),
        ["limit must be a whole number, like 20; \"ten\" is not"]
    );
    assert_eq!(
        messages("list-resources", &query(&[("limit", " 5")])),
        ["limit must be a whole number, like 20; \" 5\" is not"]
    );
    assert_eq!(
        messages("list-resources", &query(&[("limit", "")])),
        ["limit must be a whole number, like 20; it is empty"]
    );
    assert_eq!(messages("list-resources", &query(&[("limit", "2.5")])), ["limit must be a whole number; 2.5 is not"]);
    assert_eq!(
        messages("list-resources", &query(&[("status", "deleted")])),
        ["status must be active or archived; \"deleted\" is not"]
    );
    let issues = validate(&op("list-resources"), &query(&[("", "x"), ("custom", "anything")]));
    assert_eq!(issues.len(), 1);
    assert_eq!(
        (issues[0].location, issues[0].message.as_str()),
        (Location::Query, "this query parameter needs a name")
    );
}

#[test]
fn header_rules() {
    let headers = |items: &[(&str, &str)]| Draft { headers: pairs(items), ..Draft::default() };
    let long = "x".repeat(256);
    assert_eq!(
        messages(
            "create-resource",
            &Draft { body: Some("{\"name\": \"n\"}".into()), ..headers(&[("idempotency-key", &long)]) }
        ),
        ["Idempotency-Key must be 1–255 characters; it has 256"]
    );
    assert_eq!(
        messages(
            "create-resource",
            &Draft { body: Some("{\"name\": \"n\"}".into()), ..headers(&[("Idempotency-Key", " ")]) }
        ),
        ["Idempotency-Key must be 1–255 characters; it has 0"]
    );
    // Any X-Request-Id is accepted (one the server cannot echo is replaced).
    assert_eq!(messages("ping", &headers(&[("X-Request-Id", &long)])), Vec::<String>::new());
    assert_eq!(
        messages("ping", &headers(&[("Bad Name", "1")]))[0],
        "\"Bad Name\" is not a header name: use letters, digits and `-`, without spaces or `:`"
    );
    assert_eq!(
        messages("ping", &headers(&[("X-A", "a\nb")])),
        ["X-A cannot contain a line break or another control character"]
    );
    assert_eq!(messages("ping", &headers(&[("X-A", "1"), ("x-a", "2")])), ["x-a is given twice; send it once"]);
    assert_eq!(
        messages("ping", &headers(&[("Content-Length", "1")])),
        ["Content-Length is set by the HTTP client itself"]
    );
}

#[test]
fn body_strings_count_characters() {
    let name = "é".repeat(80);
    assert_eq!(messages("create-resource", &body(&format!("{{\"name\": \"{name}\"}}"))), Vec::<String>::new());
    let name = "n".repeat(93);
    assert_eq!(
        messages("create-resource", &body(&format!("{{\"name\": \"{name}\"}}"))),
        ["name must be 1–80 characters; it has 93"]
    );
    assert_eq!(messages("create-resource", &body("{\"name\": \"\"}")), ["name must be 1–80 characters; it has 0"]);
    assert_eq!(
        messages("update-resource", &Draft { path: pairs(&[("id", "res_1")]), ..body("{\"status\": \"gone\"}") }),
        ["status must be active or archived; \"gone\" is not"]
    );
}

#[test]
fn body_types() {
    assert_eq!(
        messages("create-token", &body("{\"expires_in\": \"900\"}")),
        ["expires_in must be a whole number, not a string; remove the quotes around 900"]
    );
    assert_eq!(
        messages("create-token", &body("{\"expires_in\": 30}")),
        ["expires_in must be between 60 and 3600; it is 30"]
    );
    assert_eq!(
        messages("create-token", &body("{\"expires_in\": 90.5}")),
        ["expires_in must be a whole number; 90.5 is not"]
    );
    assert_eq!(messages("create-token", &body("{\"scope\": null}")), ["scope cannot be null"]);
    assert_eq!(
        messages("create-resource", &body("{\"name\": \"a\", \"metadata\": [\"x\"]}")),
        ["metadata must be a JSON object, not an array"]
    );
    assert_eq!(
        messages("create-resource", &body("{\"name\": \"a\", \"metadata\": {\"team\": \"data\", \"size\": 3}}")),
        ["metadata values must be strings; \"size\" is a number"]
    );
    let many: Vec<String> = (0..51).map(|i| format!("\"k{i}\": \"v\"")).collect();
    let text = format!("{{\"name\": \"a\", \"metadata\": {{{}}}}}", many.join(", "));
    assert_eq!(messages("create-resource", &body(&text)), ["metadata can have at most 50 keys; it has 51"]);
}

#[test]
fn body_shape_and_syntax() {
    assert_eq!(
        messages("create-resource", &body("{\n  \"name\": \"x\",\n}")),
        ["line 3, column 1: a trailing comma is not allowed before `}`"]
    );
    let issues = validate(&op("create-resource"), &body("[1]"));
    assert_eq!(
        issues,
        vec![Issue {
            location: Location::Body,
            name: None,
            message: "the body must be a JSON object, {…}, not an array".into()
        }]
    );
    assert_eq!(
        messages("create-resource", &body("{\"name\": \"a\", \"nmae\": \"b\"}")),
        ["unknown field \"nmae\": the fields are name, region and metadata"]
    );
    assert_eq!(
        messages("create-resource", &body("{\"name\": \"a\", \"name\": \"b\"}")),
        ["\"name\" is given twice; the server reads only one of them"]
    );
    assert_eq!(messages("ping", &body("{}")), ["GET requests carry no body"]);
    assert_eq!(messages("create-token", &body("  \n")), Vec::<String>::new());
}

/// Formats, on a made-up parameter: no real operation uses them yet.
#[test]
fn formats() {
    let mut param = op("create-resource").params.into_iter().find(|p| p.name == "name").unwrap();
    param.constraints = Default::default();
    let check = |param: &Param, format: Format, text: &str| {
        let mut p = param.clone();
        p.constraints.format = Some(format);
        check_string(&p, text)
    };
    assert_eq!(check(&param, Format::Uuid, "72d6e4e6-259d-4d4e-9b70-d6765f24e72e"), None);
    assert!(check(&param, Format::Uuid, "72d6e4e6-259d-4d4e-9b70-d6765f24e72").unwrap().contains("a UUID"));
    assert!(check(&param, Format::Uuid, "72d6e4e6x259d-4d4e-9b70-d6765f24e72e").is_some());
    for ok in ["2026-04-28T10:02:11Z", "2026-04-28t10:02:11.123+02:00", "2026-12-31T23:59:60z", "2024-02-29T00:00:00Z"]
    {
        assert_eq!(check(&param, Format::DateTime, ok), None, "{ok}");
    }
    for bad in [
        "2026-04-28",
        "2026-13-28T10:02:11Z",
        "2026-04-28T10:02:11",
        "2026-04-28T10:02:11.Z",
        "2026-04-28T25:00:00Z",
        "2026-02-29T00:00:00Z",
        "2100-02-29T00:00:00Z",
        "2026-04-31T00:00:00Z",
    ] {
        assert!(check(&param, Format::DateTime, bad).unwrap().contains("RFC 3339"), "{bad}");
    }
    assert_eq!(check(&param, Format::Uri, "https://example.com/a?b"), None);
    assert_eq!(check(&param, Format::Uri, "urn:isbn:1"), None);
    for bad in ["example.com", "https://a b", "1http://x", "http:"] {
        assert!(check(&param, Format::Uri, bad).unwrap().contains("absolute URI"), "{bad}");
    }
}

/// Each of these reads "Looks valid" without the pattern and body checks,
/// and the sandbox answers 400.
#[test]
fn what_the_server_refuses_is_never_valid() {
    let with_body = |text: &str, path: &[(&str, &str)]| Draft { path: pairs(path), ..body(text) };
    let cases: Vec<(&str, Draft, Location, Option<&str>, &str)> = vec![
        (
            "create-resource",
            body(r#"{"name": "a", "region": "EU_West"}"#),
            Location::Body,
            Some("region"),
            r#"region must match the pattern ^[a-z0-9-]{1,32}$; "EU_West" does not"#,
        ),
        (
            "get-resource",
            Draft { path: pairs(&[("id", "RES-bad")]), ..Draft::default() },
            Location::Path,
            Some("id"),
            r#"id must match the pattern ^res_[a-z0-9]{1,32}$; "RES-bad" does not"#,
        ),
        (
            "create-resource",
            Draft { headers: pairs(&[("Idempotency-Key", "my key")]), ..body(r#"{"name": "a"}"#) },
            Location::Header,
            Some("Idempotency-Key"),
            r#"Idempotency-Key must match the pattern ^[\x21-\x7E]{1,255}$; "my key" does not"#,
        ),
        (
            "list-resources",
            Draft { query: pairs(&[("cursor", "abc")]), ..Draft::default() },
            Location::Query,
            Some("cursor"),
            r#"cursor must match the pattern ^[A-Za-z0-9_-]{22}$; "abc" does not"#,
        ),
        (
            "create-token",
            body(r#"{"scope": "admin"}"#),
            Location::Body,
            Some("scope"),
            "scope must match the pattern ^(resources:read|resources:write|projects:read)\
             ( (resources:read|resources:write|projects:read))*$; \"admin\" does not",
        ),
        (
            "update-resource",
            with_body("{}", &[("id", "res_8f2a")]),
            Location::Body,
            None,
            "send at least one of name, status and metadata: an empty PATCH changes nothing",
        ),
        (
            "update-resource",
            Draft { path: pairs(&[("id", "res_8f2a")]), ..Draft::default() },
            Location::Body,
            None,
            "send at least one of name, status and metadata: an empty PATCH changes nothing",
        ),
    ];
    for (op_id, draft, location, name, message) in cases {
        let issues = validate(&op(op_id), &draft);
        let expected = Issue { location, name: name.map(str::to_owned), message: message.to_owned() };
        assert_eq!(issues, vec![expected], "{op_id}: {draft:?}");
    }
    // The fixed values pass.
    assert_eq!(messages("create-resource", &body(r#"{"name": "a", "region": "eu-west"}"#)), Vec::<String>::new());
    assert_eq!(messages("create-token", &body(r#"{"scope": "resources:read projects:read"}"#)), Vec::<String>::new());
    assert_eq!(
        messages("update-resource", &with_body(r#"{"name": "b"}"#, &[("id", "res_8f2a")])),
        Vec::<String>::new()
    );
    // A long value is shortened in the message.
    let long = format!("{} {}", "k".repeat(50), "k");
    let draft = Draft { headers: pairs(&[("Idempotency-Key", &long)]), ..body(r#"{"name": "a"}"#) };
    assert!(messages("create-resource", &draft)[0].ends_with(&format!("\"{}\"… does not", "k".repeat(40))));
}

/// In a JSON body an integer may carry a zero fraction, as the server reads
/// it; in a URL it may not.
#[test]
fn whole_numbers_in_json_and_in_text() {
    assert_eq!(messages("create-token", &body(r#"{"expires_in": 600.0}"#)), Vec::<String>::new());
    assert_eq!(messages("create-token", &body(r#"{"expires_in": 6e2}"#)), Vec::<String>::new());
    let query = Draft { query: pairs(&[("limit", "20.0")]), ..Draft::default() };
    assert_eq!(messages("list-resources", &query), ["limit must be a whole number; 20.0 is not"]);
}

/// Every kind of constraint of every parameter of every operation: a value
/// that breaks it, put into the operation's example draft, is reported
/// against that parameter.
#[test]
fn every_constraint_of_every_operation_is_checked() {
    let mut checked = 0;
    for op in all_operations() {
        for param in &op.params {
            let c = &param.constraints;
            let base = param.example.clone().or_else(|| param.default.clone()).unwrap_or_else(|| "x".to_owned());
            let mut bad: Vec<(&str, String)> = Vec::new();
            if let Some(min) = c.min_length.filter(|&m| m > 1) {
                bad.push(("min-length", "x".repeat(min - 1)));
            }
            if let Some(max) = c.max_length {
                bad.push(("max-length", "x".repeat(max + 1)));
            }
            if !c.enum_values.is_empty() {
                bad.push(("enum", "not-one-of-them".to_owned()));
            }
            if c.pattern.is_some() {
                // DEL is in none of the docs' classes.
                bad.push(("pattern", format!("{base}\u{7f}")));
            }
            if let Some(min) = c.minimum {
                bad.push(("min", num(min - 1.0)));
            }
            if let Some(max) = c.maximum {
                bad.push(("max", num(max + 1.0)));
            }
            if param.ty.is_numeric() {
                bad.push(("type", "\"seven\"".to_owned()));
            }
            for (kind, value) in bad {
                let mut draft = example_draft(&op);
                set(&op, &mut draft, param, &value);
                let issues = validate(&op, &draft);
                assert!(
                    issues.iter().any(|i| i.location == param.location && i.name.as_deref() == Some(&param.name)),
                    "{}: {} {} {kind} {value:?} gives {issues:?}",
                    op.id,
                    param.location.as_str(),
                    param.name
                );
                checked += 1;
            }
        }
    }
    assert!(checked >= 30, "{checked}");
}

/// Puts `raw` in the draft as `param`'s value: a text field, or a member of
/// the JSON body (as JSON when it parses, else as a string).
fn set(op: &crate::operation::Operation, draft: &mut Draft, param: &Param, raw: &str) {
    let entries = match param.location {
        Location::Path => &mut draft.path,
        Location::Query => &mut draft.query,
        Location::Header => &mut draft.headers,
        Location::Body => {
            let value = match json::parse(raw) {
                Ok(v) if param.ty != ParamType::String || matches!(v, Value::String(_)) => v,
                _ => Value::String(raw.trim_matches('"').to_owned()),
            };
            let text = draft.body.clone().unwrap_or_else(|| "{}".into());
            let Ok(Value::Object(mut members)) = json::parse(&text) else { panic!("{}: body {text}", op.id) };
            members.shift_remove(&param.name);
            members.insert(param.name.clone(), value);
            draft.body = Some(crate::json_text::pretty(&Value::Object(members)));
            return;
        }
    };
    entries.retain(|(n, _)| n != &param.name);
    entries.push((param.name.clone(), raw.to_owned()));
}
