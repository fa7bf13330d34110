//! Parses the ```` ```operation ```` block of a reference page.
//!
//! The format is line-oriented so that every mistake can be reported with
//! the exact line it is on (see `content/README.md` for the full grammar):
//!
//! ```text
//! id: list-resources
//! method: GET
//! path: /v1/resources
//! query limit: integer, default 20, min 1, max 100, example 20
//!   How many resources one page holds.
//! response 200: A page of resources.
//!   header X-RateLimit-Remaining: Requests left in the window.
//! ```

use super::model::*;
use super::names::{is_header_name, path_placeholders};
use crate::error::ContentError;
use crate::json_text as json;

/// Parses a definition whose first line is line `first_line` of `file`.
/// `expected_id` is the page's file stem, which the `id` must equal.
pub fn parse_definition(
    text: &str,
    file: &str,
    first_line: usize,
    expected_id: &str,
) -> Result<Operation, Vec<ContentError>> {
    let mut parser = Parser {
        file,
        errors: Vec::new(),
        header: Header::default(),
        params: Vec::new(),
        responses: Vec::new(),
        last: Last::Nothing,
    };
    for (offset, raw) in text.lines().enumerate() {
        parser.line(first_line + offset, raw);
    }
    parser.finish(first_line, expected_id)
}

#[derive(Default)]
struct Header {
    id: Option<(String, usize)>,
    method: Option<Method>,
    path: Option<(String, usize)>,
    summary: Option<String>,
    group: Option<String>,
    auth: Option<Auth>,
    scope: Option<String>,
    paginated: bool,
    streaming: bool,
    idempotent: bool,
    deprecated: bool,
    sunset: Option<String>,
    successor: Option<String>,
    body_type: Option<(String, usize)>,
    seen: Vec<String>,
}

/// What an indented continuation line belongs to.
enum Last {
    Nothing,
    Param,
    Response,
}

struct Parser<'a> {
    file: &'a str,
    errors: Vec<ContentError>,
    header: Header,
    params: Vec<Param>,
    responses: Vec<Response>,
    last: Last,
}

const LOCATIONS: &str = "path, query, header or body";

impl Parser<'_> {
    fn error(&mut self, line: usize, message: impl Into<String>) {
        self.errors.push(ContentError::new(self.file, line, message));
    }

    fn line(&mut self, number: usize, raw: &str) {
        if raw.trim().is_empty() {
            return;
        }
        if raw.starts_with([' ', '\t']) {
            self.continuation(number, raw.trim());
            return;
        }
        let Some((head, value)) = raw.split_once(':') else {
            self.error(number, format!("expected `key: value`, a parameter or a response, found {:?}", raw.trim()));
            return;
        };
        let (head, value) = (head.trim(), value.trim());
        let mut words = head.split_whitespace();
        let first = words.next().unwrap_or_default();
        let rest: Vec<&str> = words.collect();
        match (first, rest.as_slice()) {
            ("response", [status]) => self.response(number, status, None, value),
            ("response", [status, body]) => self.response(number, status, Some(body), value),
            ("path" | "query" | "header" | "body", [name]) => self.param(number, first, name, value),
            (key, []) => {
                self.last = Last::Nothing;
                self.key(number, key, value);
            }
            _ => self.error(
                number,
                format!("cannot read {head:?}: expected a key, `<{LOCATIONS}> <name>` or `response <status>`"),
            ),
        }
    }

    fn continuation(&mut self, number: usize, text: &str) {
        match self.last {
            Last::Nothing => self.error(number, "an indented line must follow a parameter or a response"),
            Last::Param => {
                let param = self.params.last_mut().expect("Last::Param is set after a push");
                append_sentence(&mut param.description, text);
            }
            Last::Response => {
                let (optional, header) = match text.strip_prefix("optional ") {
                    Some(rest) => (true, rest),
                    None => (false, text),
                };
                if let Some(rest) = header.strip_prefix("header ") {
                    match rest.split_once(':') {
                        Some((name, description)) if is_header_name(name.trim()) => {
                            let response = self.responses.last_mut().expect("Last::Response is set after a push");
                            response.headers.push(ResponseHeader {
                                name: name.trim().to_owned(),
                                optional,
                                description: description.trim().to_owned(),
                                rendered: Vec::new(),
                            });
                        }
                        _ => self.error(
                            number,
                            "a response header is written `header <Name>: <description>` \
                             (or `optional header …` when it is not always sent)",
                        ),
                    }
                } else {
                    let response = self.responses.last_mut().expect("Last::Response is set after a push");
                    append_sentence(&mut response.description, text);
                }
            }
        }
    }

    fn key(&mut self, number: usize, key: &str, value: &str) {
        if self.header.seen.iter().any(|k| k == key) {
            self.error(number, format!("`{key}` is given twice"));
            return;
        }
        self.header.seen.push(key.to_owned());
        if value.is_empty() {
            self.error(number, format!("`{key}` needs a value"));
            return;
        }
        let flag = |parser: &mut Self| -> bool {
            match value {
                "true" => true,
                "false" => false,
                _ => {
                    parser.error(number, format!("`{key}` is `true` or `false`, not {value:?}"));
                    false
                }
            }
        };
        match key {
            "id" => {
                if is_kebab(value) {
                    self.header.id = Some((value.to_owned(), number));
                } else {
                    self.error(number, format!("the id {value:?} must be lowercase words joined by `-`"));
                }
            }
            "method" => match Method::parse(value).filter(|m| m.as_str() == value) {
                Some(method) => self.header.method = Some(method),
                None => self.error(number, format!("unknown method {value:?}: use GET, POST, PUT, PATCH or DELETE")),
            },
            "path" => self.header.path = Some((value.to_owned(), number)),
            "summary" => self.header.summary = Some(value.to_owned()),
            "group" => self.header.group = Some(value.to_owned()),
            "auth" => {
                self.header.auth = match value {
                    "none" => Some(Auth::None),
                    "optional" => Some(Auth::Optional),
                    "bearer" => Some(Auth::Bearer),
                    "api-key" => Some(Auth::ApiKey),
                    _ => {
                        self.error(number, format!("unknown auth {value:?}: use none, optional, bearer or api-key"));
                        None
                    }
                }
            }
            "scope" => {
                if value.contains(char::is_whitespace) {
                    self.error(number, "`scope` names one scope, e.g. `resources:read`");
                } else {
                    self.header.scope = Some(value.to_owned());
                }
            }
            "pagination" => {
                if value == "cursor" {
                    self.header.paginated = true;
                } else {
                    self.error(number, format!("unknown pagination {value:?}: only `cursor` is supported"));
                }
            }
            "streaming" => {
                if value == "sse" {
                    self.header.streaming = true;
                } else {
                    self.error(number, format!("unknown streaming {value:?}: only `sse` is supported"));
                }
            }
            "idempotent" => self.header.idempotent = flag(self),
            "deprecated" => self.header.deprecated = flag(self),
            "sunset" => {
                if is_date(value) {
                    self.header.sunset = Some(value.to_owned());
                } else {
                    self.error(number, format!("`sunset` is a date like 2026-12-31, not {value:?}"));
                }
            }
            "successor" => self.header.successor = Some(value.to_owned()),
            "body" => {
                if value.contains('/') {
                    self.header.body_type = Some((value.to_owned(), number));
                } else {
                    self.error(number, format!("`body` is a content type such as application/json, not {value:?}"));
                }
            }
            _ => self.error(
                number,
                format!(
                    "unknown key `{key}`; known keys are id, method, path, summary, group, auth, scope, \
                     pagination, streaming, idempotent, deprecated, sunset, successor, body"
                ),
            ),
        }
    }

    fn response(&mut self, number: usize, status: &str, body: Option<&str>, description: &str) {
        self.last = Last::Nothing;
        if let Some(body) = body
            && !is_object_name(body)
        {
            self.error(
                number,
                format!(
                    "{body:?} is not an object name: write `response <status> <Object>:`, e.g. `response 200 Resource:`"
                ),
            );
            return;
        }
        let Some(status) = status.parse::<u16>().ok().filter(|s| (100..600).contains(s)) else {
            self.error(number, format!("{status:?} is not an HTTP status between 100 and 599"));
            return;
        };
        if self.responses.iter().any(|r| r.status == status) {
            self.error(number, format!("response {status} is declared twice"));
            return;
        }
        if description.is_empty() {
            self.error(number, format!("response {status} needs a description after the colon"));
        }
        self.responses.push(Response {
            status,
            body: body.map(str::to_owned),
            description: description.to_owned(),
            rendered: Vec::new(),
            headers: Vec::new(),
            example: None,
            line: number,
        });
        self.last = Last::Response;
    }

    fn param(&mut self, number: usize, location: &str, name: &str, spec: &str) {
        self.last = Last::Nothing;
        let location = match location {
            "path" => Location::Path,
            "query" => Location::Query,
            "header" => Location::Header,
            _ => Location::Body,
        };
        let name_ok = match location {
            Location::Header => is_header_name(name),
            _ => name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == '.'),
        };
        if !name_ok {
            self.error(number, format!("{name:?} is not a valid {} parameter name", location.as_str()));
            return;
        }
        let duplicate = self.params.iter().any(|p| {
            p.location == location
                && if location == Location::Header { p.name.eq_ignore_ascii_case(name) } else { p.name == name }
        });
        if duplicate {
            self.error(number, format!("the {} parameter `{name}` is declared twice", location.as_str()));
            return;
        }
        match parse_param_spec(location, name, spec, number) {
            Ok(param) => {
                self.params.push(param);
                self.last = Last::Param;
            }
            Err(message) => self.error(number, message),
        }
    }

    fn finish(mut self, first_line: usize, expected_id: &str) -> Result<Operation, Vec<ContentError>> {
        let fence = first_line.saturating_sub(1).max(1);
        let h = std::mem::take(&mut self.header);
        let mut missing = |key: &str, present: bool| {
            // A key that was written but rejected has its own error already.
            if !present && !h.seen.iter().any(|k| k == key) {
                self.errors.push(ContentError::new(self.file, fence, format!("the definition has no `{key}:`")));
            }
        };
        missing("id", h.id.is_some());
        missing("method", h.method.is_some());
        missing("path", h.path.is_some());
        missing("summary", h.summary.is_some());
        missing("group", h.group.is_some());
        missing("auth", h.auth.is_some());
        if self.responses.is_empty() {
            self.error(fence, "the definition declares no `response <status>:`");
        }
        if let Some((id, line)) = &h.id
            && id != expected_id
        {
            self.error(*line, format!("the id `{id}` must equal the file name `{expected_id}`"));
        }
        if let Some((path, line)) = &h.path {
            self.check_path(path, *line);
        }
        let has_body_params = self.params.iter().any(|p| p.location == Location::Body);
        if let Some(param) = self.params.iter().find(|p| p.location == Location::Body)
            && h.body_type.is_none()
        {
            let line = param.line;
            self.error(line, "body parameters need `body: application/json` in the definition");
        }
        if let (Some((_, line)), Some(Method::Get | Method::Delete)) = (&h.body_type, h.method)
            && has_body_params
        {
            self.error(*line, "GET and DELETE operations do not take a body");
        }
        if !self.errors.is_empty() {
            return Err(self.errors);
        }
        let (Some((id, _)), Some(method), Some((path, _)), Some(summary), Some(group), Some(auth)) =
            (h.id, h.method, h.path, h.summary, h.group, h.auth)
        else {
            unreachable!("missing keys were reported above")
        };
        Ok(Operation {
            id,
            method,
            path,
            summary,
            group,
            auth,
            scope: h.scope,
            paginated: h.paginated,
            streaming: h.streaming,
            idempotent: h.idempotent,
            deprecated: h.deprecated,
            sunset: h.sunset,
            successor: h.successor,
            body_type: h.body_type.map(|(t, _)| t),
            params: self.params,
            responses: self.responses,
            request_example: None,
            file: self.file.to_owned(),
            line: fence,
        })
    }

    /// Every `{name}` in the template has a `path` parameter, and the reverse.
    fn check_path(&mut self, path: &str, line: usize) {
        if !path.starts_with('/') {
            self.error(line, format!("the path {path:?} must start with `/`"));
            return;
        }
        let placeholders = match path_placeholders(path) {
            Ok(names) => names,
            Err(message) => {
                self.error(line, message);
                return;
            }
        };
        for name in &placeholders {
            if self.params.iter().all(|p| p.location != Location::Path || p.name != *name) {
                self.error(line, format!("the path uses `{{{name}}}` but no `path {name}:` parameter declares it"));
            }
        }
        let orphans: Vec<(usize, String)> = self
            .params
            .iter()
            .filter(|p| p.location == Location::Path && !placeholders.contains(&p.name.as_str()))
            .map(|p| (p.line, p.name.clone()))
            .collect();
        for (param_line, name) in orphans {
            self.error(param_line, format!("the path parameter `{name}` does not appear in the path as `{{{name}}}`"));
        }
    }
}

/// Reads `<type>[, <attr>]*`: a field of an object (`crate::schema`) or a
/// parameter of an operation, in one language.
pub(crate) fn parse_param_spec(location: Location, name: &str, spec: &str, line: usize) -> Result<Param, String> {
    let (ty_text, mut rest) = match spec.split_once(',') {
        Some((ty, rest)) => (ty.trim(), rest.trim()),
        None => (spec.trim(), ""),
    };
    let named = is_object_name(ty_text).then(|| ty_text.to_owned());
    if named.is_some() && location != Location::Body {
        return Err(format!("`{name}` is a {} parameter, which cannot be an object", location.as_str()));
    }
    let ty_text = if named.is_some() { "object" } else { ty_text };
    let ty = ParamType::ALL.into_iter().find(|t| t.as_str() == ty_text).ok_or_else(|| {
        if ty_text.is_empty() {
            format!("`{name}` needs a type: string, integer, number, boolean, object or array")
        } else {
            format!("unknown type {ty_text:?} for `{name}`: use string, integer, number, boolean, object or array")
        }
    })?;
    let mut param = Param {
        location,
        name: name.to_owned(),
        ty,
        required: location == Location::Path,
        nullable: false,
        default: None,
        example: None,
        constraints: Constraints::default(),
        object: named,
        description: String::new(),
        rendered: Vec::new(),
        line,
    };
    let mut seen: Vec<&str> = Vec::new();
    while !rest.is_empty() {
        let (attr, value, remaining) = next_attr(rest);
        rest = remaining;
        if seen.contains(&attr) {
            return Err(format!("the attribute `{attr}` is given twice for `{name}`"));
        }
        seen.push(attr);
        apply_attr(&mut param, attr, value)?;
    }
    check_value_against(&param, param.default.as_deref(), "default")?;
    check_value_against(&param, param.example.as_deref(), "example")?;
    Ok(param)
}

/// Splits `name value, rest…`; `example` takes the whole rest of the line,
/// and a `pattern` keeps the commas of its `{m,n}`, `[…]` and `(…)`.
fn next_attr(text: &str) -> (&str, &str, &str) {
    let text = text.trim_start();
    let name_end = text.find([' ', ',']).unwrap_or(text.len());
    let attr = &text[..name_end];
    let after = &text[name_end..];
    if attr == "example" {
        return (attr, after.trim(), "");
    }
    let end = if attr == "pattern" { pattern_end(after) } else { after.find(',') };
    let (value, remaining) = match end {
        Some(comma) => (&after[..comma], &after[comma + 1..]),
        None => (after, ""),
    };
    (attr, value.trim(), remaining.trim())
}

/// The first comma of `text` outside a regex's braces, brackets and
/// parentheses (and not escaped): where a `pattern` value ends.
fn pattern_end(text: &str) -> Option<usize> {
    let (mut depth, mut in_class, mut escaped) = (0usize, false, false);
    for (i, c) in text.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            ']' if in_class => in_class = false,
            _ if in_class => {}
            '[' => in_class = true,
            '{' | '(' => depth += 1,
            '}' | ')' => depth = depth.saturating_sub(1),
            ',' if depth == 0 => return Some(i),
            _ => {}
        }
    }
    None
}

fn apply_attr(param: &mut Param, attr: &str, value: &str) -> Result<(), String> {
    let name = &param.name;
    let ty = param.ty;
    let needs_value = |value: &str| -> Result<(), String> {
        if value.is_empty() { Err(format!("`{attr}` of `{name}` needs a value")) } else { Ok(()) }
    };
    let only_for = |allowed: &[ParamType]| -> Result<(), String> {
        if allowed.contains(&ty) {
            Ok(())
        } else {
            let names: Vec<&str> = allowed.iter().map(|t| t.as_str()).collect();
            Err(format!("`{attr}` applies to {} parameters, and `{name}` is {}", names.join(" or "), ty.as_str()))
        }
    };
    let number = |value: &str| -> Result<f64, String> {
        value
            .parse::<f64>()
            .ok()
            .filter(|n| n.is_finite())
            .ok_or_else(|| format!("`{attr}` of `{name}` must be a number, not {value:?}"))
    };
    let count = |value: &str| -> Result<usize, String> {
        value.parse::<usize>().map_err(|_| format!("`{attr}` of `{name}` must be a whole number, not {value:?}"))
    };
    let c = &mut param.constraints;
    match attr {
        "required" | "nullable" => {
            if !value.is_empty() {
                return Err(format!("`{attr}` takes no value (found {value:?}); separate attributes with commas"));
            }
            if attr == "required" {
                param.required = true;
            } else {
                param.nullable = true;
            }
        }
        "default" => {
            needs_value(value)?;
            param.default = Some(value.to_owned());
        }
        "example" => {
            needs_value(value)?;
            param.example = Some(value.to_owned());
        }
        "min" | "max" => {
            only_for(&[ParamType::Integer, ParamType::Number])?;
            let n = number(value)?;
            if ty == ParamType::Integer && n.fract() != 0.0 {
                return Err(format!("`{attr}` of the integer `{name}` must be a whole number"));
            }
            if attr == "min" { c.minimum = Some(n) } else { c.maximum = Some(n) }
        }
        "min-length" | "max-length" => {
            only_for(&[ParamType::String])?;
            let n = count(value)?;
            if attr == "min-length" { c.min_length = Some(n) } else { c.max_length = Some(n) }
        }
        "max-properties" => {
            only_for(&[ParamType::Object])?;
            c.max_properties = Some(count(value)?);
        }
        "enum" => {
            only_for(&[ParamType::String, ParamType::Integer])?;
            needs_value(value)?;
            let values: Vec<String> = value.split('|').map(|v| v.trim().to_owned()).collect();
            if values.iter().any(String::is_empty) {
                return Err(format!("`enum` of `{name}` has an empty value; write values as a|b|c"));
            }
            c.enum_values = values;
        }
        "format" => {
            only_for(&[ParamType::String])?;
            c.format = Some(
                Format::ALL
                    .into_iter()
                    .find(|f| f.as_str() == value)
                    .ok_or_else(|| format!("unknown format {value:?} for `{name}`: use uuid, date-time or uri"))?,
            );
        }
        "pattern" => {
            only_for(&[ParamType::String])?;
            needs_value(value)?;
            c.pattern = Some(value.to_owned());
        }
        "values" if is_object_name(value) => {
            only_for(&[ParamType::Object, ParamType::Array])?;
            if param.object.is_some() {
                return Err(format!("`{name}` is already the object {}; drop `values`", value));
            }
            c.values = Some(ParamType::Object);
            param.object = Some(value.to_owned());
        }
        "values" => {
            only_for(&[ParamType::Object, ParamType::Array])?;
            c.values = Some(
                ParamType::ALL
                    .into_iter()
                    .find(|t| t.as_str() == value)
                    .ok_or_else(|| format!("`values` of `{name}` must be a type, not {value:?}"))?,
            );
        }
        "" => return Err(format!("an empty attribute in `{name}`: remove the extra comma")),
        _ => {
            return Err(format!(
                "unknown attribute `{attr}` for `{name}`; known: required, nullable, default, example, min, max, \
                 min-length, max-length, max-properties, enum, format, pattern, values"
            ));
        }
    }
    if let (Some(min), Some(max)) = (c.minimum, c.maximum)
        && min > max
    {
        return Err(format!("`min` of `{name}` is above its `max`"));
    }
    if let (Some(min), Some(max)) = (c.min_length, c.max_length)
        && min > max
    {
        return Err(format!("`min-length` of `{name}` is above its `max-length`"));
    }
    Ok(())
}

/// A type that names an object: `Resource`, `ProjectStatus`.
pub(crate) fn is_object_name(text: &str) -> bool {
    text.starts_with(|c: char| c.is_ascii_uppercase()) && text.chars().all(|c| c.is_ascii_alphanumeric())
}

/// A default or example must itself be a valid value of the parameter.
fn check_value_against(param: &Param, value: Option<&str>, what: &str) -> Result<(), String> {
    let Some(value) = value else { return Ok(()) };
    let name = &param.name;
    let c = &param.constraints;
    match param.ty {
        ParamType::String => {
            let len = value.chars().count();
            if c.min_length.is_some_and(|min| len < min) || c.max_length.is_some_and(|max| len > max) {
                return Err(format!("the {what} of `{name}` breaks its length limits"));
            }
        }
        ParamType::Integer | ParamType::Number => {
            let n: f64 =
                value.parse().map_err(|_| format!("the {what} of `{name}` must be a number, not {value:?}"))?;
            if param.ty == ParamType::Integer && value.parse::<i64>().is_err() {
                return Err(format!("the {what} of `{name}` must be a whole number, not {value:?}"));
            }
            if c.minimum.is_some_and(|min| n < min) || c.maximum.is_some_and(|max| n > max) {
                return Err(format!("the {what} of `{name}` is outside its min/max"));
            }
        }
        ParamType::Boolean => {
            if value != "true" && value != "false" {
                return Err(format!("the {what} of `{name}` must be true or false, not {value:?}"));
            }
        }
        ParamType::Object | ParamType::Array => {
            let parsed = json::parse(value).map_err(|e| format!("the {what} of `{name}` is not valid JSON: {e}"))?;
            if json::kind(&parsed) != param.ty.as_str() {
                return Err(format!(
                    "the {what} of `{name}` must be a JSON {}, not {}",
                    param.ty.as_str(),
                    json::kind(&parsed)
                ));
            }
        }
    }
    if !c.enum_values.is_empty() && !c.enum_values.iter().any(|v| v == value) {
        return Err(format!("the {what} of `{name}` is not one of its enum values"));
    }
    Ok(())
}

fn append_sentence(target: &mut String, text: &str) {
    if !target.is_empty() {
        target.push(' ');
    }
    target.push_str(text);
}

fn is_kebab(text: &str) -> bool {
    !text.is_empty()
        && !text.starts_with('-')
        && !text.ends_with('-')
        && text.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

fn is_date(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "\
id: get-thing
method: GET
path: /v1/things/{id}
summary: Get a thing
group: Things
auth: bearer
scope: things:read

path id: string, example th_1
  The thing's id.
  Opaque.
query limit: integer, default 20, min 1, max 100
query status: string, enum active|archived
header X-Request-Id: string, format uuid
response 200: The thing.
  header X-RateLimit-Remaining: Requests left.
response 404: No such thing.
";

    fn errors(text: &str) -> Vec<String> {
        match parse_definition(text, "reference/get-thing.md", 10, "get-thing") {
            Ok(_) => Vec::new(),
            Err(errors) => errors.iter().map(ToString::to_string).collect(),
        }
    }

    #[test]
    fn parses_a_whole_definition() {
        let op = parse_definition(GOOD, "reference/get-thing.md", 10, "get-thing").unwrap();
        assert_eq!(op.method, Method::Get);
        assert_eq!(op.path, "/v1/things/{id}");
        assert_eq!(op.auth, Auth::Bearer);
        assert_eq!(op.scope.as_deref(), Some("things:read"));
        assert_eq!(op.line, 9);
        let id = op.param(Location::Path, "id").unwrap();
        assert!(id.required, "path parameters are always required");
        assert_eq!(id.description, "The thing's id. Opaque.");
        assert_eq!(id.example.as_deref(), Some("th_1"));
        assert_eq!(id.line, 18);
        let limit = op.param(Location::Query, "limit").unwrap();
        assert_eq!((limit.constraints.minimum, limit.constraints.maximum), (Some(1.0), Some(100.0)));
        assert_eq!(limit.default.as_deref(), Some("20"));
        let status = op.param(Location::Query, "status").unwrap();
        assert_eq!(status.constraints.enum_values, ["active", "archived"]);
        assert!(op.param(Location::Header, "x-request-id").is_some(), "header lookup ignores case");
        assert_eq!(op.response(200).unwrap().headers[0].name, "X-RateLimit-Remaining");
        assert_eq!(op.responses.len(), 2);
    }

    #[test]
    fn example_takes_the_rest_of_the_line() {
        let text = GOOD.replace(
            "header X-Request-Id: string, format uuid",
            "body metadata: object, values string, example {\"a\": \"1\", \"b\": \"2\"}",
        ) + "body: application/json\n";
        let text = text.replace("method: GET", "method: POST");
        let op = parse_definition(&text, "f.md", 1, "get-thing").unwrap();
        let metadata = op.param(Location::Body, "metadata").unwrap();
        assert_eq!(metadata.example.as_deref(), Some("{\"a\": \"1\", \"b\": \"2\"}"));
        assert_eq!(metadata.constraints.values, Some(ParamType::String));
    }

    #[test]
    fn a_pattern_keeps_its_commas_and_spaces() {
        let text = GOOD.replace(
            "query status: string, enum active|archived",
            "query status: string, pattern ^[a,b]{1,18}(x|y,z)?( [0-9])*\\,$, min-length 1, example a1",
        );
        let op = parse_definition(&text, "f.md", 1, "get-thing").unwrap();
        let status = op.param(Location::Query, "status").unwrap();
        assert_eq!(status.constraints.pattern.as_deref(), Some("^[a,b]{1,18}(x|y,z)?( [0-9])*\\,$"));
        assert_eq!(status.constraints.min_length, Some(1));
        assert_eq!(status.example.as_deref(), Some("a1"));
        let text =
            GOOD.replace("query status: string, enum active|archived", "query status: string, pattern ^[0-9]{1,18}$");
        let op = parse_definition(&text, "f.md", 1, "get-thing").unwrap();
        assert_eq!(op.param(Location::Query, "status").unwrap().constraints.pattern.as_deref(), Some("^[0-9]{1,18}$"));
    }

    #[test]
    fn errors_carry_file_and_line() {
        let text = GOOD.replace("query limit: integer, default 20", "query limit: integr, default 20");
        assert_eq!(
            errors(&text),
            [
                "content/reference/get-thing.md:21: unknown type \"integr\" for `limit`: use string, integer, number, boolean, object or array"
            ]
        );
    }

    #[test]
    fn reports_every_kind_of_mistake() {
        let cases: &[(&str, &str, &str)] = &[
            ("method: GET", "method: FETCH", ":11: unknown method \"FETCH\""),
            ("method: GET", "method: get", ":11: unknown method"),
            ("auth: bearer", "auth: magic", ":15: unknown auth"),
            ("group: Things", "group: Things\ncolour: blue", ":15: unknown key `colour`"),
            ("group: Things", "group: Things\ngroup: Again", ":15: `group` is given twice"),
            ("id: get-thing", "id: other-thing", ":10: the id `other-thing` must equal the file name"),
            ("id: get-thing", "id: Get_Thing", ":10: the id \"Get_Thing\" must be lowercase"),
            ("path: /v1/things/{id}", "path: /v1/things/{thing}", ":12: the path uses `{thing}`"),
            ("path: /v1/things/{id}", "path: v1/things/{id}", ":12: the path \"v1/things/{id}\" must start with `/`"),
            (
                "path: /v1/things/{id}",
                "path: /v1/things/{id",
                ":12: the path \"/v1/things/{id\" has a `{` that is never closed",
            ),
            ("default 20, min 1", "default 200, min 1", ":21: the default of `limit` is outside its min/max"),
            ("min 1, max 100", "min 1, max 100, min-length 3", ":21: `min-length` applies to string parameters"),
            ("min 1, max 100", "min 1, max 100, shiny", ":21: unknown attribute `shiny`"),
            ("min 1, max 100", "min 1, max 100, min 2", ":21: the attribute `min` is given twice"),
            ("min 1, max 100", "min 101, max 100", ":21: `min` of `limit` is above its `max`"),
            ("enum active|archived", "enum active||archived", ":22: `enum` of `status` has an empty value"),
            ("format uuid", "format guid", ":23: unknown format \"guid\""),
            (
                "response 404: No such thing.",
                "response 404: No such thing.\nresponse 404: Again.",
                ":27: response 404 is declared twice",
            ),
            ("response 404: No such thing.", "response 999: Nope.", ":26: \"999\" is not an HTTP status"),
            ("response 404: No such thing.", "response 404:", ":26: response 404 needs a description"),
            ("query status: string", "query status string", ":22: expected `key: value`"),
            ("query status: string", "cookie status: string", ":22: cannot read \"cookie status\""),
            ("  header X-RateLimit-Remaining: Requests left.", "  header Nope", ":25: a response header is written"),
            ("id: get-thing", "  stray\nid: get-thing", ":10: an indented line must follow"),
            (
                "header X-Request-Id: string, format uuid",
                "header X Request: string",
                ":23: cannot read \"header X Request\"",
            ),
            (
                "header X-Request-Id: string, format uuid",
                "body name: string, required",
                ":23: body parameters need `body: application/json`",
            ),
            (
                "query limit: integer, default 20",
                "query limit: integer, required x, default 20",
                ":21: `required` takes no value",
            ),
            (
                "query limit: integer, default 20",
                "query limit: integer, default 2.5",
                ":21: the default of `limit` must be a whole number",
            ),
        ];
        for (from, to, expected) in cases {
            assert!(GOOD.contains(from), "test setup: {from:?} not in GOOD");
            let found = errors(&GOOD.replacen(from, to, 1));
            assert!(
                found.iter().any(|e| e.contains(expected)),
                "replacing {from:?} with {to:?}: expected {expected:?}, got {found:#?}"
            );
        }
    }

    #[test]
    fn missing_keys_and_responses_point_at_the_fence() {
        let found = errors("path id: string\n");
        for key in ["id", "method", "path", "summary", "group", "auth"] {
            assert!(
                found.iter().any(|e| e.ends_with(&format!(":9: the definition has no `{key}:`"))),
                "{key}: {found:#?}"
            );
        }
        assert!(found.iter().any(|e| e.contains("declares no `response")));
    }

    #[test]
    fn orphan_path_parameters_are_errors() {
        let text = GOOD.replace("path: /v1/things/{id}", "path: /v1/things");
        assert!(errors(&text).iter().any(|e| e.contains(":18: the path parameter `id` does not appear")));
    }

    #[test]
    fn structured_examples_must_be_json_of_the_right_kind() {
        let base = GOOD.replace("method: GET", "method: POST") + "body: application/json\n";
        let bad = base.replace("header X-Request-Id: string, format uuid", "body tags: array, example {\"a\": 1}");
        assert!(errors(&bad).iter().any(|e| e.contains("must be a JSON array, not object")));
        let broken = base.replace("header X-Request-Id: string, format uuid", "body tags: array, example [1,");
        assert!(errors(&broken).iter().any(|e| e.contains("is not valid JSON")));
    }
}
