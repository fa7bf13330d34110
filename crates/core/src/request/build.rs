//! From a draft to the exact request on the wire.

use super::draft::Draft;
use super::url::{percent_encode, validate_base_url};
use crate::operation::{Auth, Method, Operation, is_header_name};

/// The credential chosen in the auth panel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Credential {
    None,
    /// Sent as `X-API-Key: <key>`.
    ApiKey(String),
    /// Sent as `Authorization: Bearer <token>`.
    Bearer(String),
}

impl Credential {
    /// The header that carries this credential, if there is one to send:
    /// `X-API-Key: <key>` or `Authorization: Bearer <token>`.
    pub fn header(&self) -> Option<(&'static str, String)> {
        match self {
            Credential::ApiKey(key) if !key.trim().is_empty() => Some(("X-API-Key", key.trim().to_owned())),
            Credential::Bearer(token) if !token.trim().is_empty() => {
                Some(("Authorization", format!("Bearer {}", token.trim())))
            }
            _ => None,
        }
    }
}

/// Adds `credential`'s header to `headers` unless they already carry a
/// credential (typed by hand, which wins): what the generic panel sends.
pub fn add_credential(headers: &mut Vec<(String, String)>, credential: &Credential) {
    if let Some((name, value)) = credential.header().filter(|_| !carries_credential(headers)) {
        headers.push((name.to_owned(), value));
    }
}

fn carries_credential(headers: &[(String, String)]) -> bool {
    headers.iter().any(|(n, _)| n.eq_ignore_ascii_case("authorization") || n.eq_ignore_ascii_case("x-api-key"))
}

/// One request, exactly as it goes on the wire. The explorer sends it and
/// every snippet is written from it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpRequest {
    pub method: Method,
    /// Absolute, already percent-encoded.
    pub url: String,
    pub headers: Vec<(String, String)>,
    pub body: Option<String>,
}

impl HttpRequest {
    /// The value of a header, whatever the letter case of its name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// Whether it carries a credential header (`Authorization` or `X-API-Key`).
    pub fn carries_credential(&self) -> bool {
        carries_credential(&self.headers)
    }
}

/// Headers that HTTP clients derive from the connection and the body: a
/// browser refuses to set them, and other clients would send them twice.
const CLIENT_HEADERS: [&str; 9] =
    ["host", "content-length", "connection", "transfer-encoding", "keep-alive", "upgrade", "te", "trailer", "expect"];

/// Why a header name cannot be sent, if it cannot.
pub(crate) fn header_name_problem(name: &str) -> Option<String> {
    if !is_header_name(name) {
        Some(format!("{name:?} is not a header name: use letters, digits and `-`, without spaces or `:`"))
    } else if CLIENT_HEADERS.iter().any(|h| h.eq_ignore_ascii_case(name)) {
        Some(format!("{name} is set by the HTTP client itself"))
    } else {
        None
    }
}

/// Why a header value cannot be sent, if it cannot. Values are kept to
/// visible ASCII, spaces and tabs: browsers refuse line breaks and anything
/// past U+00FF outright, and clients disagree on how to encode the rest
/// (Latin-1 or UTF-8), so no two of them would send the same bytes.
pub fn header_value_problem(value: &str) -> Option<String> {
    let bad = value.chars().find(|&c| !(c == '\t' || (' '..='~').contains(&c)))?;
    Some(if bad.is_control() {
        "cannot contain a line break or another control character".to_owned()
    } else {
        format!("cannot contain {bad:?}: header values are ASCII; send such text in the query or the body")
    })
}

/// The request for `draft`, against a base URL such as `https://api.cloudplatform.dev`.
///
/// Headers typed in the draft replace those the explorer would add (so a
/// wrong `Content-Type` can be sent on purpose); the credential is left out
/// for operations that read none. An `Err` is a request that no client could
/// send as written; everything merely invalid is sent, for the server to
/// answer (see [`super::validate`]).
pub fn build(
    op: &Operation,
    draft: &Draft,
    base_url: &str,
    credential: &Credential,
    api_version: Option<&str>,
) -> Result<HttpRequest, String> {
    let mut url = validate_base_url(base_url)?;
    url.push_str(&expand_path(&op.path, &draft.path)?);
    for (i, (name, value)) in draft.query.iter().enumerate() {
        if name.is_empty() {
            return Err(format!("the query parameter with the value {value:?} needs a name"));
        }
        url.push(if i == 0 { '?' } else { '&' });
        url.push_str(&percent_encode(name));
        url.push('=');
        url.push_str(&percent_encode(value));
    }

    let body = draft.body.as_ref().filter(|b| !b.trim().is_empty()).cloned();
    if body.is_some() && !op.method.has_body() {
        return Err(format!("{} requests carry no body; clear it to send", op.method));
    }
    if body.as_ref().is_some_and(|b| b.contains('\0')) {
        return Err("the body contains a NUL character, which cannot be sent as text; write it as \\u0000".to_owned());
    }

    let mut typed: Vec<(String, String)> = Vec::new();
    for (name, value) in &draft.headers {
        if let Some(problem) = header_name_problem(name) {
            return Err(problem);
        }
        if typed.iter().any(|(n, _)| n.eq_ignore_ascii_case(name)) {
            return Err(format!("the header {name} is given twice"));
        }
        // Surrounding whitespace is never part of a header value on the wire.
        let value = value.trim_matches([' ', '\t']);
        if let Some(problem) = header_value_problem(value) {
            return Err(format!("the header {name} {problem}"));
        }
        typed.push((name.clone(), value.to_owned()));
    }

    let mut headers = Vec::new();
    let mut add = |name: &str, value: String, what: &str| -> Result<(), String> {
        if let Some(problem) = header_value_problem(&value) {
            return Err(format!("{what} {problem}"));
        }
        if !typed.iter().any(|(n, _)| n.eq_ignore_ascii_case(name)) {
            headers.push((name.to_owned(), value));
        }
        Ok(())
    };
    if op.auth != Auth::None
        && let Some((name, value)) = credential.header()
    {
        let what = if name == "X-API-Key" { "the API key" } else { "the token" };
        add(name, value, what)?;
    }
    let accept = if op.streaming { "text/event-stream" } else { "application/json" };
    add("Accept", accept.to_owned(), "Accept")?;
    if body.is_some() {
        add("Content-Type", op.body_type.clone().unwrap_or_else(|| "application/json".to_owned()), "Content-Type")?;
    }
    if let Some(version) = api_version.map(str::trim).filter(|v| !v.is_empty()) {
        add("X-API-Version", version.to_owned(), "the API version")?;
    }
    headers.extend(typed);
    Ok(HttpRequest { method: op.method, url, headers, body })
}

/// Fills `{name}` placeholders with percent-encoded path segments.
fn expand_path(template: &str, values: &[(String, String)]) -> Result<String, String> {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let close = open + rest[open..].find('}').ok_or_else(|| format!("the path {template:?} is malformed"))?;
        let name = &rest[open + 1..close];
        let value = values.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str()).unwrap_or_default();
        if value.is_empty() {
            return Err(format!("fill in the path parameter {name}"));
        }
        // Clients and servers resolve these as "this folder" and "up one",
        // even percent-encoded, so no request could reach the intended path.
        if value == "." || value == ".." {
            return Err(format!("{name} cannot be {value:?}"));
        }
        out.push_str(&rest[..open]);
        out.push_str(&percent_encode(value));
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credential_headers_are_added_once() {
        let mut headers = vec![("Accept".to_owned(), "*/*".to_owned())];
        add_credential(&mut headers, &Credential::Bearer(" t ".to_owned()));
        assert_eq!(headers[1], ("Authorization".to_owned(), "Bearer t".to_owned()));
        // A credential typed by hand wins.
        let mut typed = vec![("x-api-key".to_owned(), "sk_live_mine".to_owned())];
        add_credential(&mut typed, &Credential::Bearer("t".to_owned()));
        assert_eq!(typed.len(), 1);
        let request = |headers: Vec<(String, String)>| HttpRequest {
            method: Method::Get,
            url: String::new(),
            headers,
            body: None,
        };
        assert!(request(headers.clone()).carries_credential());
        assert!(request(typed).carries_credential());
        let mut none = Vec::new();
        add_credential(&mut none, &Credential::ApiKey("  ".to_owned()));
        add_credential(&mut none, &Credential::None);
        assert!(none.is_empty());
        assert!(!request(none).carries_credential());
    }
    use crate::request::test_support::op;

    fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
        items.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    const BASE: &str = "https://api.cloudplatform.dev/";

    #[test]
    fn builds_a_create_request() {
        let draft = Draft {
            headers: pairs(&[("Idempotency-Key", "  k-1 ")]),
            body: Some("{\"name\": \"A\"}".to_owned()),
            ..Draft::default()
        };
        let token = Credential::Bearer("eyJ.x.y".to_owned());
        let request = build(&op("create-resource"), &draft, BASE, &token, Some("2025-06-01")).unwrap();
        assert_eq!(
            request,
            HttpRequest {
                method: Method::Post,
                url: "https://api.cloudplatform.dev/v1/resources".to_owned(),
                headers: pairs(&[
                    ("Authorization", "Bearer eyJ.x.y"),
                    ("Accept", "application/json"),
                    ("Content-Type", "application/json"),
                    ("X-API-Version", "2025-06-01"),
                    ("Idempotency-Key", "k-1"),
                ]),
                body: Some("{\"name\": \"A\"}".to_owned()),
            }
        );
        assert_eq!(request.header("content-type"), Some("application/json"));
    }

    #[test]
    fn encodes_path_and_query() {
        let draft = Draft { path: pairs(&[("id", "a/b c?é")]), ..Draft::default() };
        let key = Credential::ApiKey("sk_live_x".to_owned());
        let request = build(&op("get-resource"), &draft, BASE, &key, None).unwrap();
        assert_eq!(request.url, "https://api.cloudplatform.dev/v1/resources/a%2Fb%20c%3F%C3%A9");
        assert_eq!(request.headers, pairs(&[("X-API-Key", "sk_live_x"), ("Accept", "application/json")]));
        assert_eq!(request.body, None);

        let draft = Draft {
            query: pairs(&[("limit", "5"), ("status", "a&b=c"), ("x y", ""), ("é", "[]")]),
            ..Draft::default()
        };
        let request = build(&op("list-resources"), &draft, BASE, &Credential::None, None).unwrap();
        assert_eq!(
            request.url,
            "https://api.cloudplatform.dev/v1/resources?limit=5&status=a%26b%3Dc&x%20y=&%C3%A9=%5B%5D"
        );
    }

    #[test]
    fn accept_streams_and_credentials_only_where_read() {
        let token = Credential::Bearer("t".to_owned());
        let events = build(&op("stream-events"), &Draft::default(), BASE, &token, None).unwrap();
        assert_eq!(events.header("Accept"), Some("text/event-stream"));
        let keys = build(&op("list-demo-keys"), &Draft::default(), BASE, &token, None).unwrap();
        assert_eq!(keys.header("Authorization"), None);
        let ping =
            build(&op("ping"), &Draft::default(), BASE, &Credential::ApiKey("  ".to_owned()), Some(" ")).unwrap();
        assert_eq!(ping.headers, pairs(&[("Accept", "application/json")]));
    }

    #[test]
    fn typed_headers_replace_generated_ones() {
        let draft = Draft {
            headers: pairs(&[("content-type", "text/plain"), ("Authorization", "Basic abc")]),
            body: Some("x".to_owned()),
            ..Draft::default()
        };
        let request = build(&op("create-token"), &draft, BASE, &Credential::Bearer("t".to_owned()), None).unwrap();
        assert_eq!(
            request.headers,
            pairs(&[("Accept", "application/json"), ("content-type", "text/plain"), ("Authorization", "Basic abc")])
        );
    }

    #[test]
    fn blank_body_is_no_body() {
        let draft = Draft { body: Some(" \n ".to_owned()), ..Draft::default() };
        let request = build(&op("create-token"), &draft, BASE, &Credential::None, None).unwrap();
        assert_eq!((request.body.as_deref(), request.header("Content-Type")), (None, None));
    }

    #[test]
    fn refuses_what_no_client_can_send() {
        let err = |op_id: &str, draft: Draft| build(&op(op_id), &draft, BASE, &Credential::None, None).unwrap_err();
        assert_eq!(err("get-resource", Draft::default()), "fill in the path parameter id");
        assert_eq!(
            err("get-resource", Draft { path: pairs(&[("id", "..")]), ..Draft::default() }),
            "id cannot be \"..\""
        );
        let headers = |h: &[(&str, &str)]| Draft { headers: pairs(h), ..Draft::default() };
        assert!(err("ping", headers(&[("X A", "1")])).contains("not a header name"));
        assert!(err("ping", headers(&[("Host", "x")])).contains("set by the HTTP client"));
        assert!(err("ping", headers(&[("X-A", "1"), ("x-a", "2")])).contains("given twice"));
        assert!(err("ping", headers(&[("X-A", "a\r\nX-Evil: 1")])).contains("line break"));
        assert!(err("ping", headers(&[("X-A", "café")])).contains("'é'"));
        assert!(err("ping", Draft { query: pairs(&[("", "v")]), ..Draft::default() }).contains("needs a name"));
        assert!(
            err("ping", Draft { body: Some("{}".to_owned()), ..Draft::default() })
                .contains("GET requests carry no body")
        );
        assert!(err("create-token", Draft { body: Some("\0".to_owned()), ..Draft::default() }).contains("NUL"));
        assert!(build(&op("ping"), &Draft::default(), "ftp://x", &Credential::None, None).is_err());
        let bad_key = Credential::ApiKey("sk\nx".to_owned());
        assert!(build(&op("ping"), &Draft::default(), BASE, &bad_key, None).unwrap_err().starts_with("the API key"));
    }
}
