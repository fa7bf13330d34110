//! Words for the reference tables: status reasons, constraint notes and
//! credential requirements, phrased once here for every view that shows them.

use super::model::*;

/// The one line shown beside Send once a response arrives, so that a
/// response drawn far down the panel is never missed: "201 Created · 34 ms".
/// `reason` is the server's own phrase, when it sent one.
pub fn status_line(status: u16, reason: &str, duration_ms: f64) -> String {
    let reason = if reason.trim().is_empty() { reason_phrase(status) } else { reason.trim() };
    let ms = if duration_ms.is_finite() { duration_ms.max(0.0).round() } else { 0.0 };
    format!("{status} {reason} · {ms} ms")
}

/// The family of a status, as the class the views colour it with.
pub fn status_class(status: u16) -> &'static str {
    match status {
        200..=299 => "status-ok",
        300..=399 => "status-redirect",
        400..=499 => "status-client-error",
        _ => "status-server-error",
    }
}

/// The standard reason phrase of an HTTP status.
pub fn reason_phrase(status: u16) -> &'static str {
    match status {
        200 => "OK",
        201 => "Created",
        202 => "Accepted",
        204 => "No Content",
        301 => "Moved Permanently",
        302 => "Found",
        304 => "Not Modified",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        409 => "Conflict",
        410 => "Gone",
        413 => "Content Too Large",
        415 => "Unsupported Media Type",
        422 => "Unprocessable Content",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => match status / 100 {
            1 => "Informational",
            2 => "Success",
            3 => "Redirection",
            4 => "Client Error",
            _ => "Server Error",
        },
    }
}

/// Formats a limit without a trailing `.0` for whole numbers.
fn number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 { format!("{}", n as i64) } else { n.to_string() }
}

/// Short notes on a parameter's limits, in the order a reader needs them:
/// `["1–100", "default 20"]`, `["one of: active, archived"]`.
pub fn constraint_notes(param: &Param) -> Vec<String> {
    let c = &param.constraints;
    let mut notes = Vec::new();
    match (c.minimum, c.maximum) {
        (Some(min), Some(max)) => notes.push(format!("{}–{}", number(min), number(max))),
        (Some(min), None) => notes.push(format!("≥ {}", number(min))),
        (None, Some(max)) => notes.push(format!("≤ {}", number(max))),
        (None, None) => {}
    }
    match (c.min_length, c.max_length) {
        (Some(min), Some(max)) => notes.push(format!("{min}–{max} characters")),
        (Some(1), None) => notes.push("not empty".to_owned()),
        (Some(min), None) => notes.push(format!("at least {min} characters")),
        (None, Some(max)) => notes.push(format!("at most {max} characters")),
        (None, None) => {}
    }
    if let Some(max) = c.max_properties {
        notes.push(format!("at most {max} keys"));
    }
    if !c.enum_values.is_empty() {
        notes.push(format!("one of: {}", c.enum_values.join(", ")));
    }
    if let Some(format) = c.format {
        notes.push(format.as_str().to_owned());
    }
    if let Some(pattern) = &c.pattern {
        notes.push(format!("pattern {pattern}"));
    }
    if let Some(default) = &param.default {
        notes.push(format!("default {default}"));
    }
    if param.nullable {
        notes.push("nullable".to_owned());
    }
    notes
}

/// The type as the tables show it: `string`, `object of string`.
pub fn type_label(param: &Param) -> String {
    let (words, object) = type_label_parts(param);
    words + object.unwrap_or_default()
}

/// The type label split before a named object, so that a view can make the
/// name a link: `("array of ", Some("Resource"))`, `("", Some("Resource"))`,
/// `("object of string", None)`.
pub fn type_label_parts(param: &Param) -> (String, Option<&str>) {
    if let Some(object) = param.is_object() {
        return (String::new(), Some(object));
    }
    let of = if param.ty == ParamType::Object { "object of " } else { "array of " };
    match (param.constraints.values, param.items_object()) {
        (Some(_), Some(object)) => (of.to_owned(), Some(object)),
        (Some(values), None) => (format!("{of}{}", values.as_str()), None),
        (None, _) => (param.ty.as_str().to_owned(), None),
    }
}

/// What credential the operation needs, in one sentence.
pub fn auth_summary(op: &Operation) -> String {
    let who = match op.auth {
        Auth::None => return "No credential needed.".to_owned(),
        Auth::Optional => "No credential needed; one that is sent is verified",
        Auth::Bearer => "API key or bearer token",
        Auth::ApiKey => "API key only",
    };
    match &op.scope {
        Some(scope) => format!("{who} · scope {scope}"),
        None => who.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_labels_name_their_objects() {
        let mut p = param(ParamType::Array, Constraints { values: Some(ParamType::Object), ..Constraints::default() });
        p.object = Some("Resource".into());
        assert_eq!(type_label_parts(&p), ("array of ".to_owned(), Some("Resource")));
        assert_eq!(type_label(&p), "array of Resource");
        let mut p = param(ParamType::Object, Constraints::default());
        p.object = Some("Resource".into());
        assert_eq!(type_label(&p), "Resource");
        let p = param(ParamType::Object, Constraints { values: Some(ParamType::String), ..Constraints::default() });
        assert_eq!(type_label_parts(&p), ("object of string".to_owned(), None));
        assert_eq!(type_label(&param(ParamType::Integer, Constraints::default())), "integer");
    }

    #[test]
    fn status_families() {
        assert_eq!(
            [200, 204, 302, 404, 429, 500, 100].map(status_class),
            [
                "status-ok",
                "status-ok",
                "status-redirect",
                "status-client-error",
                "status-client-error",
                "status-server-error",
                "status-server-error",
            ]
        );
    }

    #[test]
    fn status_lines() {
        assert_eq!(status_line(201, "", 33.6), "201 Created · 34 ms");
        assert_eq!(status_line(404, "Nope", 2.0), "404 Nope · 2 ms");
        assert_eq!(status_line(299, " ", f64::NAN), "299 Success · 0 ms");
    }

    fn param(ty: ParamType, constraints: Constraints) -> Param {
        Param {
            location: Location::Query,
            name: "x".into(),
            ty,
            required: false,
            nullable: false,
            default: None,
            example: None,
            constraints,
            object: None,
            description: String::new(),
            rendered: Vec::new(),
            line: 1,
        }
    }

    #[test]
    fn notes_read_naturally() {
        let mut limit =
            param(ParamType::Integer, Constraints { minimum: Some(1.0), maximum: Some(100.0), ..Default::default() });
        limit.default = Some("20".into());
        assert_eq!(constraint_notes(&limit), ["1–100", "default 20"]);
        let name =
            param(ParamType::String, Constraints { min_length: Some(1), max_length: Some(80), ..Default::default() });
        assert_eq!(constraint_notes(&name), ["1–80 characters"]);
        let status = param(
            ParamType::String,
            Constraints { enum_values: vec!["active".into(), "archived".into()], ..Default::default() },
        );
        assert_eq!(constraint_notes(&status), ["one of: active, archived"]);
        let ratio = param(ParamType::Number, Constraints { minimum: Some(0.5), ..Default::default() });
        assert_eq!(constraint_notes(&ratio), ["≥ 0.5"]);
        let metadata = param(
            ParamType::Object,
            Constraints { values: Some(ParamType::String), max_properties: Some(50), ..Default::default() },
        );
        assert_eq!(type_label(&metadata), "object of string");
        assert_eq!(constraint_notes(&metadata), ["at most 50 keys"]);
    }

    #[test]
    fn reasons() {
        assert_eq!(reason_phrase(204), "No Content");
        assert_eq!(reason_phrase(429), "Too Many Requests");
        assert_eq!(reason_phrase(418), "Client Error");
        assert_eq!(reason_phrase(599), "Server Error");
    }
}
