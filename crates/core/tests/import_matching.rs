//! Matching imported requests to the real docs: one difference at a time.

use explorer_core::Docs;
use explorer_core::import::{Finding, Match, Severity, match_request, parse_curl, to_http_request};
use explorer_core::request::Credential;
use std::sync::OnceLock;

fn docs() -> &'static Docs {
    static DOCS: OnceLock<Docs> = OnceLock::new();
    DOCS.get_or_init(|| Docs::load(explorer_content::FILES).expect("the content loads"))
}

const KEY: &str = "sk_live_freedemo000000000000000000000000";
const JWT: &str = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJrZXlfZnJlZSJ9.c2lnbmF0dXJl";

fn matched(command: &str) -> Match {
    let parsed = parse_curl(command).unwrap_or_else(|e| panic!("{command}: {e}"));
    let request = to_http_request(&parsed).unwrap_or_else(|e| panic!("{command}: {e}"));
    match_request(docs(), &request, &["api.cloudplatform.dev", "127.0.0.1:8080"])
}

fn messages(m: &Match) -> Vec<(Severity, &str)> {
    m.findings.iter().map(|Finding { severity, message }| (*severity, message.as_str())).collect()
}

fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
    items.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

proptest::proptest! {
    /// Whatever request comes in, matching never panics and never puts a
    /// credential header in the draft.
    #[test]
    fn any_request_is_matched_or_left_generic(
        method in proptest::sample::select(explorer_core::operation::Method::ALL.to_vec()),
        url in proptest::prop_oneof![
            "https?://[a-z0-9.:@\\[\\]]{0,20}(/[a-z0-9{}%._~-]{0,10}){0,5}(\\?[a-z0-9=&%+_]{0,20})?",
            "\\PC{0,40}",
        ],
        headers in proptest::collection::vec(("[A-Za-z-]{1,15}", "\\PC{0,30}"), 0..5),
        body in proptest::option::of("\\PC{0,40}"),
    ) {
        let request = explorer_core::request::HttpRequest { method, url, headers, body };
        let m = match_request(docs(), &request, &["api.cloudplatform.dev"]);
        for (name, _) in &m.draft.headers {
            proptest::prop_assert!(!["authorization", "x-api-key", "cookie"].contains(&name.to_ascii_lowercase().as_str()));
        }
    }
}

fn check(command: &str, operation: Option<&str>, expected: &[(Severity, &str)]) -> Match {
    let m = matched(command);
    assert_eq!(m.operation.as_deref(), operation, "{command}");
    assert_eq!(messages(&m), expected, "{command}");
    m
}

use Severity::{Error, Info, Warning};

#[test]
fn deprecated_operations_name_their_successor() {
    check(
        &format!("curl https://api.cloudplatform.dev/v1/ping -H 'X-API-Key: {KEY}'"),
        Some("ping-v1"),
        &[(Warning, "GET /v1/ping is deprecated and stops working after 2026-12-31; use ping (GET /v2/ping) instead")],
    );
}

#[test]
fn credential_styles_the_api_does_not_accept() {
    let m = check(
        &format!("curl https://api.cloudplatform.dev/v1/resources -H 'X-API-Key: {JWT}'"),
        Some("list-resources"),
        &[(Error, "a bearer token was sent in X-API-Key, which takes API keys only: send it as Authorization: Bearer")],
    );
    assert_eq!(m.credential, Some(Credential::Bearer(JWT.to_owned())));
    check(
        &format!(
            "curl https://api.cloudplatform.dev/v1/resources -H 'X-API-Key: {KEY}' -H 'Authorization: Bearer {JWT}'"
        ),
        Some("list-resources"),
        &[(
            Error,
            "X-API-Key and Authorization: Bearer carry different credentials: the API answers 401 invalid_credentials; the one in X-API-Key was kept",
        )],
    );
    check(
        &format!("curl -X POST https://api.cloudplatform.dev/v1/auth/token -H 'Authorization: Bearer {JWT}'"),
        Some("create-token"),
        &[(Error, "create-token takes an API key, not a bearer token: a token cannot mint a token")],
    );
    let m = check(
        &format!("curl https://api.cloudplatform.dev/v1/projects -H 'X-Auth-Token: {KEY}' -b 'token={JWT}'"),
        Some("list-projects"),
        &[
            (
                Error,
                "X-Auth-Token carries a credential, but the API reads credentials only from X-API-Key or Authorization: Bearer",
            ),
            (
                Error,
                "a credential is sent in a cookie: the API reads credentials only from the X-API-Key or Authorization header",
            ),
            (
                Warning,
                "X-Auth-Token and the Cookie header carry different credentials; the one in X-Auth-Token was kept for the auth panel",
            ),
        ],
    );
    assert_eq!((m.credential, m.draft.headers), (Some(Credential::ApiKey(KEY.to_owned())), vec![]));
    check(
        &format!("curl https://api.cloudplatform.dev/v1/resources -H 'Authorization: {KEY}'"),
        Some("list-resources"),
        &[(
            Error,
            "the Authorization with no scheme is not accepted: send Authorization: Bearer <API key or token>, or the key as X-API-Key",
        )],
    );
    check(
        "curl https://api.cloudplatform.dev/v1/resources -H 'X-API-Key: sk_live_short'",
        Some("list-resources"),
        &[(
            Warning,
            "the key in X-API-Key does not have the shape of an API key (sk_live_ and 32 lowercase letters or digits): the API answers 401 invalid_credentials",
        )],
    );
    let m = check(
        "curl https://api.cloudplatform.dev/v1/resources -H 'X-API-Key: sk_live_...'",
        Some("list-resources"),
        &[(Info, "the credential in X-API-Key is a placeholder, sk_live_...: choose a key or token in the auth panel")],
    );
    assert_eq!(m.credential, None);
    check(
        "curl https://api.cloudplatform.dev/v1/resources -H 'Authorization: Bearer' -H 'Proxy-Authorization: Basic eDp5'",
        Some("list-resources"),
        &[
            (Error, "Authorization: Bearer is empty: the API answers 401 missing_credentials"),
            (Info, "Proxy-Authorization is for a proxy, not the API; it was left out"),
        ],
    );
}

#[test]
fn query_parameters() {
    let m = check(
        &format!("curl 'https://api.cloudplatform.dev/v1/resources?limt=5&limit=500&limit=3' -H 'X-API-Key: {KEY}'"),
        Some("list-resources"),
        &[
            (
                Error,
                "unknown query parameter limt: the API answers 400 invalid_parameter; list-resources takes limit, cursor and status",
            ),
            (Error, "limit is given twice: the API answers 400 invalid_parameter"),
            (Error, "limit must be between 1 and 100; it is 500"),
        ],
    );
    assert_eq!(m.draft.query, pairs(&[("limt", "5"), ("limit", "500"), ("limit", "3")]));
    let m = check(
        "curl 'https://api.cloudplatform.dev/v1/resources?status=archived+or%20not' -H 'X-API-Key: $KEY'",
        Some("list-resources"),
        &[
            (Error, "status must be active or archived; \"archived or not\" is not"),
            (Info, "the credential in X-API-Key is a placeholder, $KEY: choose a key or token in the auth panel"),
        ],
    );
    assert_eq!(m.draft.query, pairs(&[("status", "archived or not")]));
}

#[test]
fn content_types_and_bodies() {
    let m = check(
        &format!(
            "curl https://api.cloudplatform.dev/v1/resources -H 'X-API-Key: {KEY}' -H 'Content-Type: text/plain' -d '{{\"name\":\"a\"}}'"
        ),
        Some("create-resource"),
        &[(
            Error,
            "Content-Type is \"text/plain\", but create-resource takes application/json: the API answers 415 unsupported_media_type",
        )],
    );
    // Kept, so that sending reproduces the 415.
    assert_eq!(m.draft.headers, pairs(&[("Content-Type", "text/plain")]));
    let m = check(
        &format!(
            "curl https://api.cloudplatform.dev/v1/resources/res%2F1%20x -X PATCH -H 'X-API-Key: {KEY}' -H 'Content-Type: application/merge-patch+json; charset=utf-8' -d '{{\"status\":\"gone\"}}'"
        ),
        Some("update-resource"),
        &[
            (Error, "id must match the pattern ^res_[a-z0-9]{1,32}$; \"res/1 x\" does not"),
            (Error, "status must be active or archived; \"gone\" is not"),
        ],
    );
    assert_eq!(m.draft.path, pairs(&[("id", "res/1 x")]));
    let m = check(
        "curl -X GET https://api.cloudplatform.dev/v2/ping -d '{}' -H 'Accept: text/html'",
        Some("ping"),
        &[
            (Warning, "GET requests carry no body; the body was left out"),
            (Info, "Accept \"text/html\" is kept as sent; the API answers application/json"),
        ],
    );
    assert_eq!((m.draft.body, m.draft.headers), (None, pairs(&[("Accept", "text/html")])));
}

#[test]
fn headers_of_streaming_and_unknown_ones() {
    check(
        &format!(
            "curl -N https://api.cloudplatform.dev/v1/events -H 'X-API-Key: {KEY}' -H 'Accept: application/json' -H 'X-Trace: 1'"
        ),
        Some("stream-events"),
        &[
            (Warning, "Accept is \"application/json\": stream-events streams only with Accept: text/event-stream"),
            (
                Warning,
                "unknown header X-Trace: stream-events does not read it (it reads Last-Event-ID and X-Request-Id); the API ignores it",
            ),
        ],
    );
}

#[test]
fn hosts_prefixes_and_slashes() {
    let m = check(
        &format!("curl https://gw.corp.example/cloud/v1/resources/res_1/ -H 'X-API-Key: {KEY}'"),
        Some("get-resource"),
        &[
            (
                Warning,
                "gw.corp.example is neither the sandbox nor production (api.cloudplatform.dev, 127.0.0.1:8080); check where it should go",
            ),
            (Info, "the trailing `/` of the path was dropped; the documented path has none"),
        ],
    );
    assert_eq!(m.base_url, "https://gw.corp.example/cloud");
    check(
        &format!(
            "curl http://api.cloudplatform.dev/sandbox/keys -H 'X-API-Key: {KEY}' -H 'Content-Type: application/json'"
        ),
        Some("list-demo-keys"),
        &[
            (Warning, "production is served over https: use https://api.cloudplatform.dev"),
            (Info, "Content-Type was sent without a body; it was left out"),
            (Info, "list-demo-keys reads no credential; the one sent is not needed"),
        ],
    );
    let m = check(
        "curl 'http://127.0.0.1:8080/?x=1'",
        None,
        &[(Warning, "no documented operation is GET /; the request opens in a generic request panel")],
    );
    assert_eq!((m.base_url.as_str(), m.draft.query), ("http://127.0.0.1:8080/", pairs(&[("x", "1")])));
}
