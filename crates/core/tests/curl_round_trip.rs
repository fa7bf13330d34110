//! Generate, then parse: for arbitrary requests, the cURL command the
//! explorer writes reads back as the very same request, plus what cURL
//! adds by itself: a body sent without a Content-Type goes as a form.

use explorer_core::import::{parse_curl, to_http_request};
use explorer_core::operation::Method;
use explorer_core::request::{HttpRequest, Secret, curl, percent_encode};
use proptest::prelude::*;

fn method() -> impl Strategy<Value = Method> {
    prop::sample::select(Method::ALL.to_vec())
}

/// Text with everything a shell treats specially, and some Unicode.
fn nasty_text(max: usize) -> impl Strategy<Value = String> {
    let special = prop::sample::select(vec![
        '\'', '"', '$', '!', '\\', '`', '\n', '\r', '\t', ' ', '&', '|', ';', '#', '*', '?', '~', '{', '}', '[', ']',
        '(', ')', '<', '>', '^', '%', '=', ',', '\u{7f}', '\u{85}', 'é', '日', '😀', '\u{200b}',
    ]);
    prop::collection::vec(prop_oneof![3 => any::<char>(), 2 => special, 4 => prop::char::range('a', 'z')], 0..max)
        .prop_map(|chars| chars.into_iter().filter(|c| *c != '\0').collect())
}

fn url() -> impl Strategy<Value = String> {
    let base =
        prop::sample::select(vec!["http://127.0.0.1:8080", "https://api.cloudplatform.dev", "http://[::1]:8080"]);
    // `.` and `..` segments are left out: cURL resolves them before sending
    // (without --path-as-is, which the generated command does not write),
    // so such a URL cannot read back as written.
    let segment = prop_oneof![nasty_text(8).prop_map(|s| percent_encode(&s)), "[A-Za-z0-9._~!$&'()*+,;=:@-]{0,8}"]
        .prop_filter("a dot segment", |s| s != "." && s != "..");
    let pair =
        (nasty_text(6), nasty_text(10)).prop_map(|(k, v)| format!("{}={}", percent_encode(&k), percent_encode(&v)));
    (base, prop::collection::vec(segment, 0..4), prop::collection::vec(pair, 0..4)).prop_map(|(base, path, query)| {
        let mut url = format!("{base}/{}", path.join("/"));
        if !query.is_empty() {
            url.push('?');
            url.push_str(&query.join("&"));
        }
        url
    })
}

/// Header values as a request carries them: visible ASCII, spaces and tabs,
/// nothing around them (surrounding whitespace is never part of a value).
fn header() -> impl Strategy<Value = (String, String)> {
    ("[A-Za-z0-9!#$%&'*+.^_`|~-]{1,16}", "[ -~\t]{0,24}")
        .prop_map(|(name, value)| (name, value.trim_matches([' ', '\t']).to_owned()))
}

fn request() -> impl Strategy<Value = HttpRequest> {
    (method(), url(), prop::collection::vec(header(), 0..5), prop::option::of(nasty_text(60)))
        .prop_map(|(method, url, headers, body)| HttpRequest { method, url, headers, body })
}

/// The request cURL sends for the generated command: with a body and no
/// Content-Type, cURL adds `application/x-www-form-urlencoded`.
fn as_curl_sends(mut request: HttpRequest) -> HttpRequest {
    if request.body.is_some() && request.header("content-type").is_none() {
        request.headers.push(("Content-Type".to_owned(), "application/x-www-form-urlencoded".to_owned()));
    }
    request
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn generate_then_parse(request in request()) {
        let command = curl(&request, Secret::Reveal);
        let parsed = parse_curl(&command).map_err(|e| TestCaseError::fail(format!("{e}\n{command}")))?;
        let sent = as_curl_sends(request);
        prop_assert_eq!(&parsed.method, sent.method.as_str(), "{}", command);
        prop_assert_eq!(&parsed.url, &sent.url, "{}", command);
        prop_assert_eq!(&parsed.headers, &sent.headers, "{}", command);
        prop_assert_eq!(&parsed.body, &sent.body, "{}", command);
        prop_assert!(parsed.unsupported.is_empty(), "{:?}\n{}", parsed.unsupported, command);
        prop_assert_eq!(to_http_request(&parsed), Ok(sent));
    }

    /// Whatever is pasted, reading it never panics.
    #[test]
    fn any_text_is_read_or_refused(text in nasty_text(80)) {
        let _ = parse_curl(&text).map(|p| to_http_request(&p));
        let _ = parse_curl(&format!("curl {text}"));
    }
}
