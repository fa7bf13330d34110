//! Checks a draft against its operation before it is sent. The issues are
//! advice shown next to each field: the request can still be sent, to see
//! how the server answers a mistake.
//!
//! Every constraint the definition carries is checked (required, type,
//! range, length, enum, format, pattern, keys and item types), and the body
//! as a whole the way this API's server reads it: a JSON object, no unknown
//! or repeated fields, and at least one field in a `PATCH`. What the server
//! would refuse is never reported as valid.

#[cfg(test)]
mod doc_examples;
mod formats;
pub(crate) mod pattern;
#[cfg(test)]
mod tests;

use super::build::{header_name_problem, header_value_problem};
use super::draft::Draft;
use crate::json_text as json;
use crate::operation::{Format, Location, Method, Operation, Param, ParamType};
use formats::{is_date_time, is_uri, is_uuid};
use pattern::Pattern;
use serde_json::Value;

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
                // Reported below, as the one thing that matters about it.
                Some((_, value)) if location == Location::Path && (value == "." || value == "..") => {}
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
    // A PATCH changes only the fields it sends, so one that sends none
    // would change nothing: the server refuses it (with no body, too).
    let names: Vec<&str> = fields.iter().map(|p| p.name.as_str()).collect();
    let needs_a_field = op.method == Method::Patch && !fields.is_empty();
    let at_least_one = || format!("send at least one of {}: an empty PATCH changes nothing", list(&names));
    let Some(text) = body else {
        for p in fields.iter().filter(|p| p.required) {
            push(Location::Body, Some(&p.name), format!("{} is required", p.name));
        }
        if needs_a_field {
            push(Location::Body, None, at_least_one());
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
    if needs_a_field && members.is_empty() {
        push(Location::Body, None, at_least_one());
    }
    for p in &fields {
        match members.get(&p.name) {
            None if p.required => push(Location::Body, Some(&p.name), format!("{} is required", p.name)),
            None => {}
            Some(value) => {
                if let Some(message) = check_json(p, value) {
                    push(Location::Body, Some(&p.name), message);
                }
            }
        }
    }
    // Every operation of this API rejects fields it does not define with a
    // 400 (see the contract), so an unknown one is worth a warning.
    // serde_json keeps the last of a repeated key, so repeats are found in
    // the text's own key list.
    let keys = json::top_level_keys(text).unwrap_or_default();
    for (i, key) in keys.iter().enumerate() {
        if keys[..i].contains(key) {
            push(Location::Body, Some(key), format!("{key:?} is given twice; the server reads only one of them"));
        } else if !names.contains(&key.as_str()) {
            let message = format!("unknown field {key:?}: the fields are {}", list(&names));
            push(Location::Body, Some(key), message);
        }
    }
}

/// A value typed as text (path, query, header) against its parameter.
/// Why `raw` breaks one of `param`'s documented constraints, if it does.
pub fn value_problem(param: &Param, raw: &str) -> Option<String> {
    check_text(param, raw)
}

fn check_text(param: &Param, raw: &str) -> Option<String> {
    let name = &param.name;
    let shown = if raw.is_empty() { "it is empty".to_owned() } else { format!("{raw:?} is not") };
    match param.ty {
        ParamType::String => check_string(param, raw),
        ParamType::Integer | ParamType::Number => match json::parse(raw) {
            // Compared with the text itself: JSON allows spaces around it, a URL does not.
            Ok(Value::Number(n)) if n.as_str() == raw => check_number(param, raw, false),
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
        (ParamType::Integer | ParamType::Number, Value::Number(n)) => check_number(param, n.as_str(), true),
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
    if let Some(problem) = check_string_limits(param, s) {
        return Some(problem);
    }
    // A pattern outside the matcher's subset cannot be judged here; the docs
    // test that every pattern they use compiles.
    let pattern = Pattern::new(param.constraints.pattern.as_deref()?).ok()?;
    (!pattern.is_match(s)).then(|| pattern_problem(param, s))
}

/// What a string that fails its parameter's pattern is told.
pub(crate) fn pattern_problem(param: &Param, s: &str) -> String {
    let source = param.constraints.pattern.as_deref().unwrap_or_default();
    format!("{} must match the pattern {source}; {} does not", param.name, quoted(s))
}

/// Every rule of a string but its pattern: length, enum and format.
pub(crate) fn check_string_limits(param: &Param, s: &str) -> Option<String> {
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
    if let Some(format) = c.format {
        let (ok, like) = match format {
            Format::Uuid => (is_uuid(s), "a UUID, like 72d6e4e6-259d-4d4e-9b70-d6765f24e72e"),
            Format::DateTime => (is_date_time(s), "a date and time (RFC 3339), like 2026-04-28T10:02:11Z"),
            Format::Uri => (is_uri(s), "an absolute URI, like https://example.com/hook"),
        };
        if !ok {
            return Some(format!("{name} must be {like}"));
        }
    }
    None
}

/// `text` in quotes, shortened past 40 characters.
fn quoted(text: &str) -> String {
    let short: String = text.chars().take(40).collect();
    if short.len() < text.len() { format!("{short:?}…") } else { format!("{text:?}") }
}

/// `text` is already known to be a JSON number. In a JSON body an integer
/// may be written with a zero fraction (`60.0`), as JSON Schema and the
/// server allow; in a URL or header it must be plain digits.
pub(crate) fn check_number(param: &Param, text: &str, json: bool) -> Option<String> {
    let name = &param.name;
    let c = &param.constraints;
    let whole = if json { is_whole(text) } else { text.parse::<i64>().is_ok() };
    // A JSON body's integer may be as large as JSON Schema allows; a form
    // field, a URL or a header must fit the server's integers.
    let whole = whole || json && text.parse::<f64>().is_ok_and(|n| n.is_finite() && n.fract() == 0.0);
    if param.ty == ParamType::Integer && !whole {
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

pub(crate) fn is_type(ty: ParamType, value: &Value) -> bool {
    match (ty, value) {
        (ParamType::Integer, Value::Number(n)) => is_whole(n.as_str()),
        _ => ty.as_str() == json::kind(value) || (ty == ParamType::Number && matches!(value, Value::Number(_))),
    }
}

/// A JSON number that is an integer: `3`, `3.0`, `3e2`, within the range a
/// double holds exactly.
fn is_whole(number: &str) -> bool {
    number.parse::<i64>().is_ok() || number.parse::<f64>().is_ok_and(|n| n.fract() == 0.0 && n.abs() < 9.0e15)
}

pub(crate) fn a_type(ty: ParamType) -> &'static str {
    match ty {
        ParamType::String => "a string",
        ParamType::Integer => "a whole number",
        ParamType::Number => "a number",
        ParamType::Boolean => "true or false",
        ParamType::Object => "a JSON object",
        ParamType::Array => "a JSON array",
    }
}

pub(crate) fn a_kind(value: &Value) -> &'static str {
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
