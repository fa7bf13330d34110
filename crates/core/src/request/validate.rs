//! Checks a draft against its operation before it is sent. The issues are
//! advice shown next to each field: the request can still be sent, to see
//! how the server answers a mistake.

use super::build::{header_name_problem, header_value_problem};
use super::draft::Draft;
use crate::json::{self, Value};
use crate::operation::{Format, Location, Operation, Param, ParamType};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    pub location: Location,
    /// The parameter or body field; `None` for the body as a whole.
    pub name: Option<String>,
    pub message: String,
}

/// Every problem of `draft`, in form order: path, query, headers, body.
pub fn validate(op: &Operation, draft: &Draft) -> Vec<Issue> {
    let mut issues = Vec::new();
    let mut push = |location: Location, name: Option<&str>, message: String| {
        issues.push(Issue { location, name: name.map(str::to_owned), message });
    };
    for (location, entries) in
        [(Location::Path, &draft.path), (Location::Query, &draft.query), (Location::Header, &draft.headers)]
    {
        for param in op.params_in(location) {
            let given = entries.iter().find(|(n, _)| op.param(location, n).is_some_and(|p| p.name == param.name));
            match given {
                None => {
                    if param.required {
                        push(location, Some(&param.name), format!("{} is required", param.name));
                    }
                }
                Some((_, value)) if value.is_empty() && param.required => {
                    push(location, Some(&param.name), format!("{} is required", param.name));
                }
                Some((_, value)) => {
                    let value = if location == Location::Header { value.trim_matches([' ', '\t']) } else { value };
                    if let Some(message) = check_text(param, value) {
                        push(location, Some(&param.name), message);
                    }
                }
            }
        }
        for (i, (name, value)) in entries.iter().enumerate() {
            let name = name.as_str();
            let problem = match location {
                Location::Path if value == "." || value == ".." => Some(format!("{name} cannot be {value:?}")),
                Location::Query if name.is_empty() => Some("this query parameter needs a name".to_owned()),
                Location::Header => header_name_problem(name)
                    .or_else(|| header_value_problem(value.trim_matches([' ', '\t'])).map(|p| format!("{name} {p}")))
                    .or_else(|| {
                        let twice = entries[..i].iter().any(|(n, _)| n.eq_ignore_ascii_case(name));
                        twice.then(|| format!("{name} is given twice; send it once"))
                    }),
                _ => None,
            };
            if let Some(message) = problem {
                push(location, Some(name), message);
            }
        }
    }
    validate_body(op, draft.body.as_deref().filter(|b| !b.trim().is_empty()), &mut push);
    issues
}

fn validate_body(op: &Operation, body: Option<&str>, push: &mut impl FnMut(Location, Option<&str>, String)) {
    let fields: Vec<&Param> = op.params_in(Location::Body).collect();
    let Some(text) = body else {
        for p in fields.iter().filter(|p| p.required) {
            push(Location::Body, Some(&p.name), format!("{} is required", p.name));
        }
        return;
    };
    if !op.method.has_body() {
        push(Location::Body, None, format!("{} requests carry no body", op.method));
        return;
    }
    let members = match json::parse(text) {
        Err(error) => return push(Location::Body, None, error.to_string()),
        Ok(_) if fields.is_empty() => return,
        Ok(Value::Object(members)) => members,
        Ok(other) => {
            let message = format!("the body must be a JSON object, {{…}}, not {}", a_kind(&other));
            return push(Location::Body, None, message);
        }
    };
    for p in &fields {
        match members.iter().find(|(k, _)| *k == p.name) {
            None if p.required => push(Location::Body, Some(&p.name), format!("{} is required", p.name)),
            None => {}
            Some((_, value)) => {
                if let Some(message) = check_json(p, value) {
                    push(Location::Body, Some(&p.name), message);
                }
            }
        }
    }
    // Every operation of this API rejects fields it does not define with a
    // 400 (see the contract), so an unknown one is worth a warning.
    let known: Vec<&str> = fields.iter().map(|p| p.name.as_str()).collect();
    for (i, (key, _)) in members.iter().enumerate() {
        if members[..i].iter().any(|(k, _)| k == key) {
            push(Location::Body, Some(key), format!("{key:?} is given twice; the server reads only one of them"));
        } else if !known.contains(&key.as_str()) {
            let message = format!("unknown field {key:?}: the fields are {}", list(&known));
            push(Location::Body, Some(key), message);
        }
    }
}

/// A value typed as text (path, query, header) against its parameter.
fn check_text(param: &Param, raw: &str) -> Option<String> {
    let name = &param.name;
    let shown = if raw.is_empty() { "it is empty".to_owned() } else { format!("{raw:?} is not") };
    match param.ty {
        ParamType::String => check_string(param, raw),
        ParamType::Integer | ParamType::Number => match json::parse(raw) {
            // Compared with the text itself: JSON allows spaces around it, a URL does not.
            Ok(Value::Number(n)) if n == raw => check_number(param, raw),
            _ if param.ty == ParamType::Integer => Some(format!("{name} must be a whole number, like 20; {shown}")),
            _ => Some(format!("{name} must be a number, like 1.5; {shown}")),
        },
        ParamType::Boolean => {
            (raw != "true" && raw != "false").then(|| format!("{name} must be true or false; {shown}"))
        }
        ParamType::Object | ParamType::Array => match json::parse(raw) {
            Ok(value) => check_json(param, &value),
            Err(error) => Some(format!("{name} is not valid JSON: {error}")),
        },
    }
}

/// A JSON value against its parameter.
fn check_json(param: &Param, value: &Value) -> Option<String> {
    let name = &param.name;
    let c = &param.constraints;
    match (param.ty, value) {
        (_, Value::Null) => (!param.nullable).then(|| format!("{name} cannot be null")),
        (ParamType::String, Value::String(s)) => check_string(param, s),
        (ParamType::Integer | ParamType::Number, Value::Number(n)) => check_number(param, n),
        (ParamType::Boolean, Value::Bool(_)) => None,
        (ParamType::Object, Value::Object(members)) => {
            if let Some(max) = c.max_properties.filter(|&max| members.len() > max) {
                return Some(format!("{name} can have at most {max} keys; it has {}", members.len()));
            }
            let ty = c.values?;
            let (key, bad) = members.iter().find(|(_, v)| !is_type(ty, v))?;
            Some(format!("{name} values must be {}s; {key:?} is {}", ty.as_str(), a_kind(bad)))
        }
        (ParamType::Array, Value::Array(items)) => {
            let ty = c.values?;
            let (i, bad) = items.iter().enumerate().find(|(_, v)| !is_type(ty, v))?;
            Some(format!("{name} items must be {}s; item {} is {}", ty.as_str(), i + 1, a_kind(bad)))
        }
        (ty, other) => {
            let mut message = format!("{name} must be {}, not {}", a_type(ty), a_kind(other));
            // The most common slip: a number or boolean written in quotes.
            if let Value::String(s) = other
                && json::parse(s).is_ok_and(|v| is_type(ty, &v))
            {
                message.push_str(&format!("; remove the quotes around {s}"));
            }
            Some(message)
        }
    }
}

fn check_string(param: &Param, s: &str) -> Option<String> {
    let name = &param.name;
    let c = &param.constraints;
    // Characters, not bytes: "é" is one character, as a reader counts.
    let len = s.chars().count();
    let too_short = c.min_length.is_some_and(|min| len < min);
    let too_long = c.max_length.is_some_and(|max| len > max);
    if too_short || too_long {
        let limit = match (c.min_length, c.max_length) {
            (Some(min), Some(max)) => format!("{min}–{max} characters"),
            (Some(1), None) => return Some(format!("{name} cannot be empty")),
            (Some(min), None) => format!("at least {min} characters"),
            (_, Some(max)) => format!("at most {max} characters"),
            (None, None) => unreachable!("a limit was broken"),
        };
        return Some(format!("{name} must be {limit}; it has {len}"));
    }
    if !c.enum_values.is_empty() && !c.enum_values.iter().any(|v| v == s) {
        return Some(format!("{name} must be {}; {s:?} is not", either(&c.enum_values)));
    }
    let format = c.format?;
    let (ok, like) = match format {
        Format::Uuid => (is_uuid(s), "a UUID, like 72d6e4e6-259d-4d4e-9b70-d6765f24e72e"),
        Format::DateTime => (is_date_time(s), "a date and time (RFC 3339), like 2026-04-28T10:02:11Z"),
        Format::Uri => (is_uri(s), "an absolute URI, like https://example.com/hook"),
    };
    (!ok).then(|| format!("{name} must be {like}"))
}

/// `text` is already known to be a JSON number.
fn check_number(param: &Param, text: &str) -> Option<String> {
    let name = &param.name;
    let c = &param.constraints;
    if param.ty == ParamType::Integer && text.parse::<i64>().is_err() {
        return Some(format!("{name} must be a whole number; {text} is not"));
    }
    let n: f64 = text.parse().ok()?;
    let out_of_range = c.minimum.is_some_and(|min| n < min) || c.maximum.is_some_and(|max| n > max);
    if out_of_range {
        let range = match (c.minimum, c.maximum) {
            (Some(min), Some(max)) => format!("between {} and {}", num(min), num(max)),
            (Some(min), None) => format!("at least {}", num(min)),
            (_, Some(max)) => format!("at most {}", num(max)),
            (None, None) => unreachable!("a limit was broken"),
        };
        return Some(format!("{name} must be {range}; it is {text}"));
    }
    if !c.enum_values.is_empty() && !c.enum_values.iter().any(|v| v == text) {
        return Some(format!("{name} must be {}; {text} is not", either(&c.enum_values)));
    }
    None
}

fn is_type(ty: ParamType, value: &Value) -> bool {
    match (ty, value) {
        (ParamType::Integer, Value::Number(n)) => n.parse::<i64>().is_ok(),
        _ => ty.as_str() == value.kind() || (ty == ParamType::Number && matches!(value, Value::Number(_))),
    }
}

fn a_type(ty: ParamType) -> &'static str {
    match ty {
        ParamType::String => "a string",
        ParamType::Integer => "a whole number",
        ParamType::Number => "a number",
        ParamType::Boolean => "true or false",
        ParamType::Object => "a JSON object",
        ParamType::Array => "a JSON array",
    }
}

fn a_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// `a, b and c`.
fn list(items: &[&str]) -> String {
    join(items, "and")
}

/// `a or b`, `one of a, b or c`.
fn either(items: &[String]) -> String {
    let items: Vec<&str> = items.iter().map(String::as_str).collect();
    let joined = join(&items, "or");
    if items.len() > 2 { format!("one of {joined}") } else { joined }
}

fn join(items: &[&str], word: &str) -> String {
    match items.split_last() {
        None => "none".to_owned(),
        Some((last, [])) => (*last).to_owned(),
        Some((last, rest)) => format!("{} {word} {last}", rest.join(", ")),
    }
}

/// A limit without a trailing `.0`.
fn num(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 { format!("{}", n as i64) } else { n.to_string() }
}

fn is_uuid(s: &str) -> bool {
    s.len() == 36
        && s.bytes()
            .enumerate()
            .all(|(i, b)| if [8, 13, 18, 23].contains(&i) { b == b'-' } else { b.is_ascii_hexdigit() })
}

/// RFC 3339: `2026-04-28T10:02:11Z`, with optional fraction and an offset.
fn is_date_time(s: &str) -> bool {
    let b = s.as_bytes();
    let digits = |range: std::ops::Range<usize>| b.get(range.clone()).is_some_and(|d| d.iter().all(u8::is_ascii_digit));
    let value = |range: std::ops::Range<usize>| s[range].parse::<u32>().unwrap_or(99);
    let shape = b.len() >= 20
        && digits(0..4)
        && b[4] == b'-'
        && digits(5..7)
        && b[7] == b'-'
        && digits(8..10)
        && matches!(b[10], b'T' | b't')
        && digits(11..13)
        && b[13] == b':'
        && digits(14..16)
        && b[16] == b':'
        && digits(17..19);
    if !shape
        || !(1..=12).contains(&value(5..7))
        || !(1..=31).contains(&value(8..10))
        || value(11..13) > 23
        || value(14..16) > 59
        || value(17..19) > 60
    {
        return false;
    }
    let mut rest = &s[19..];
    if let Some(fraction) = rest.strip_prefix('.') {
        let end = fraction.find(|c: char| !c.is_ascii_digit()).unwrap_or(fraction.len());
        if end == 0 {
            return false;
        }
        rest = &fraction[end..];
    }
    let o = rest.as_bytes();
    matches!(rest, "Z" | "z")
        || (o.len() == 6
            && matches!(o[0], b'+' | b'-')
            && o[1..3].iter().all(u8::is_ascii_digit)
            && o[3] == b':'
            && o[4..6].iter().all(u8::is_ascii_digit))
}

/// An absolute URI: a scheme, a colon, and something after it.
fn is_uri(s: &str) -> bool {
    let Some((scheme, rest)) = s.split_once(':') else { return false };
    let mut chars = scheme.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        && !rest.is_empty()
        && !s.chars().any(|c| c.is_whitespace() || c.is_control())
}

#[cfg(test)]
mod tests {
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
        assert_eq!(
            messages("list-resources", &query(&[("limit", "500")])),
            ["limit must be between 1 and 100; it is 500"]
        );
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
        assert_eq!(
            messages("list-resources", &query(&[("limit", "2.5")])),
            ["limit must be a whole number; 2.5 is not"]
        );
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
            messages("update-resource", &Draft { path: pairs(&[("id", "r")]), ..body("{\"status\": \"gone\"}") }),
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
        for ok in ["2026-04-28T10:02:11Z", "2026-04-28t10:02:11.123+02:00", "2026-12-31T23:59:60z"] {
            assert_eq!(check(&param, Format::DateTime, ok), None, "{ok}");
        }
        for bad in [
            "2026-04-28",
            "2026-13-28T10:02:11Z",
            "2026-04-28T10:02:11",
            "2026-04-28T10:02:11.Z",
            "2026-04-28T25:00:00Z",
        ] {
            assert!(check(&param, Format::DateTime, bad).unwrap().contains("RFC 3339"), "{bad}");
        }
        assert_eq!(check(&param, Format::Uri, "https://example.com/a?b"), None);
        assert_eq!(check(&param, Format::Uri, "urn:isbn:1"), None);
        for bad in ["example.com", "https://a b", "1http://x", "http:"] {
            assert!(check(&param, Format::Uri, bad).unwrap().contains("absolute URI"), "{bad}");
        }
    }
}
