//! The cURL command of a request, for bash.

use super::build::HttpRequest;
use super::shell::{quote_with_var, shell_quote};
use super::{Secret, masked};
use crate::operation::Method;

/// A multi-line cURL command that sends exactly `request`.
///
/// `-X` only when cURL would pick another method by itself (GET, or POST
/// with data); `--globoff` when the URL holds `[]{}`, which cURL would read
/// as a glob; the body with `--data-raw`, which, unlike `-d`, never reads
/// `@file`; and no `--json`, whose implicit headers would differ from the
/// request's.
pub fn curl(request: &HttpRequest, secret: Secret) -> String {
    let mut first = vec!["curl".to_owned()];
    if request.url.contains(['[', ']', '{', '}']) {
        first.push("--globoff".to_owned());
    }
    let implied = if request.body.is_some() { Method::Post } else { Method::Get };
    if request.method != implied {
        first.push(format!("-X {}", request.method));
    }
    if super::snippets::streams(request) {
        // Print each event as it arrives instead of buffering.
        first.push("-N".to_owned());
    }
    first.push(shell_quote(&request.url));

    let mut lines = vec![first.join(" ")];
    for (name, value) in &request.headers {
        let word = match masked(name, value) {
            Some(m) if secret == Secret::Placeholder => quote_with_var(&format!("{name}: {}", m.prefix), m.var),
            // `Name:` with nothing after it would make cURL drop the header.
            _ if value.is_empty() => shell_quote(&format!("{name};")),
            _ => shell_quote(&format!("{name}: {value}")),
        };
        lines.push(format!("-H {word}"));
    }
    if let Some(body) = &request.body {
        lines.push(format!("--data-raw {}", shell_quote(body)));
    }
    lines.join(" \\\n  ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(method: Method, url: &str, headers: &[(&str, &str)], body: Option<&str>) -> HttpRequest {
        HttpRequest {
            method,
            url: url.to_owned(),
            headers: headers.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(),
            body: body.map(str::to_owned),
        }
    }

    #[test]
    fn a_get_with_a_placeholder_token() {
        let r = request(
            Method::Get,
            "https://api.cloudplatform.dev/v1/resources?limit=20&status=active",
            &[("Authorization", "Bearer eyJ.secret"), ("Accept", "application/json")],
            None,
        );
        assert_eq!(
            curl(&r, Secret::Placeholder),
            "curl 'https://api.cloudplatform.dev/v1/resources?limit=20&status=active' \\\n  \
             -H \"Authorization: Bearer $TOKEN\" \\\n  \
             -H 'Accept: application/json'"
        );
        assert!(curl(&r, Secret::Reveal).contains("-H 'Authorization: Bearer eyJ.secret'"));
        assert!(!curl(&r, Secret::Placeholder).contains("secret"));
    }

    #[test]
    fn methods_and_bodies() {
        let post = request(
            Method::Post,
            "http://x.dev/v1/resources",
            &[("X-API-Key", "sk_live_1")],
            Some("{\n  \"name\": \"it's $HOME!\"\n}"),
        );
        assert_eq!(
            curl(&post, Secret::Placeholder),
            "curl http://x.dev/v1/resources \\\n  -H \"X-API-Key: $API_KEY\" \\\n  --data-raw '{\n  \"name\": \"it'\\''s $HOME!\"\n}'"
        );
        assert_eq!(
            curl(&request(Method::Post, "http://x.dev/t", &[], None), Secret::Reveal),
            "curl -X POST http://x.dev/t"
        );
        assert_eq!(
            curl(&request(Method::Delete, "http://x.dev/r/1", &[], None), Secret::Reveal),
            "curl -X DELETE http://x.dev/r/1"
        );
        assert_eq!(
            curl(&request(Method::Patch, "http://x.dev/r/1", &[], Some("{}")), Secret::Reveal),
            "curl -X PATCH http://x.dev/r/1 \\\n  --data-raw '{}'"
        );
    }

    #[test]
    fn globoff_and_odd_headers() {
        let r = request(Method::Get, "http://[::1]:8080/v2/ping", &[("X-Empty", ""), ("X-Tab", "a\tb")], None);
        assert_eq!(
            curl(&r, Secret::Reveal),
            "curl --globoff 'http://[::1]:8080/v2/ping' \\\n  -H 'X-Empty;' \\\n  -H $'X-Tab: a\\tb'"
        );
    }

    #[test]
    fn an_authorization_without_a_scheme_is_masked_whole() {
        let r = request(Method::Get, "http://x.dev/", &[("authorization", "opaque")], None);
        assert_eq!(curl(&r, Secret::Placeholder), "curl http://x.dev/ \\\n  -H \"authorization: $TOKEN\"");
    }
}
