//! The cURL corpus (in `corpus/`): every command with its full expected
//! reading, the commands the explorer refuses as cURL does, and what some
//! of them match in the real docs. `curl_differential.rs` runs the same
//! commands with real curl.

mod corpus;

use corpus::{Case, FREE_KEY, REFUSED, case, cases};
use explorer_core::Docs;
use explorer_core::import::{
    Finding, ImportError, Match, ParsedCurl, Severity, match_request, parse_curl, to_http_request,
};
use explorer_core::request::{Credential, Draft};
use std::sync::OnceLock;

fn parse(case: &Case) -> ParsedCurl {
    parse_curl(case.command).unwrap_or_else(|e| panic!("{}: {e}", case.name))
}

#[test]
fn the_corpus_is_big_enough() {
    assert!(cases().count() >= 60, "{}", cases().count());
    let mut names: Vec<&str> = cases().map(|c| c.name).chain(REFUSED.iter().map(|r| r.name)).collect();
    names.sort_unstable();
    let count = names.len();
    names.dedup();
    assert_eq!(names.len(), count, "case names are unique");
}

#[test]
fn every_command_parses_as_expected() {
    let mut failures = Vec::new();
    for case in cases() {
        let parsed = parse(case);
        let expected = ParsedCurl {
            method: case.method.to_owned(),
            url: case.url.to_owned(),
            headers: case.headers.iter().map(|(n, v)| (n.to_string(), v.to_string())).collect(),
            body: case.body.map(str::to_owned),
            ignored: parsed.ignored.clone(),
            unsupported: case.unsupported.iter().map(|s| s.to_string()).collect(),
            notes: case.notes.iter().map(|s| s.to_string()).collect(),
        };
        let ignored: Vec<&str> = parsed.ignored.iter().map(|(flag, _)| flag.as_str()).collect();
        if parsed != expected || ignored != case.ignored {
            failures.push(format!(
                "{}:\n  got      {parsed:?}\n  expected {expected:?}\n  ignored  {ignored:?}",
                case.name
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn ignored_options_say_why() {
    for case in cases() {
        for (flag, why) in parse(case).ignored {
            assert!(why.len() > 20, "{}: {flag} has no reason", case.name);
        }
    }
}

#[test]
fn every_command_becomes_a_request_but_head() {
    for case in cases() {
        let parsed = parse(case);
        match to_http_request(&parsed) {
            // A lowercase method is sent in uppercase, as listed.
            Ok(request) => assert_eq!(request.method.as_str(), case.method.to_ascii_uppercase(), "{}", case.name),
            Err(e) => assert_eq!(
                (case.method, e.as_str()),
                ("HEAD", "the explorer cannot send HEAD requests; it sends GET, POST, PUT, PATCH, DELETE"),
                "{}",
                case.name
            ),
        }
    }
}

#[test]
fn errors_are_specific() {
    let cases = [
        ("", "paste a cURL command: the text is empty"),
        ("  \n\t", "paste a cURL command: the text is empty"),
        ("curl -s -H 'Accept: application/json'", "the command has no URL"),
        ("curl \\\n  -H 'a: b' \\\n  -d '{\"name\":\n  \"x\"}", "unterminated single quote at line 3, column 6"),
        ("curl \\\n  https://x.dev \\\n  -H \"X-A: 1", "unterminated double quote at line 3, column 6"),
        ("curl -d $'abc https://x.dev", "unterminated $'…' quote at line 1, column 9"),
        ("curl -H \"X: $(date\" x.dev", "unterminated command substitution $( at line 1, column 13"),
        ("$ curl \\\n> -H 'a: b' \\\n> -d 'x", "unterminated single quote at line 3, column 6"),
        ("wget https://x.dev", "only cURL commands can be read; this one runs `wget`"),
        ("http POST https://x.dev name=a", "only cURL commands can be read; this one runs `http`"),
    ];
    let refused = REFUSED.iter().map(|r| (r.command, r.error));
    for (command, message) in cases.into_iter().chain(refused) {
        let error: ImportError = parse_curl(command).map(|p| panic!("{command:?} parsed: {p:?}")).unwrap_err();
        assert_eq!(error.to_string(), message, "{command:?}");
    }
}

// Matching against the real docs ---------------------------------------------

fn docs() -> &'static Docs {
    static DOCS: OnceLock<Docs> = OnceLock::new();
    DOCS.get_or_init(|| Docs::load(explorer_content::FILES).expect("the content loads"))
}

const HOSTS: [&str; 3] = ["api.cloudplatform.dev", "127.0.0.1:8080", "localhost:8080"];

fn matched(name: &str) -> Match {
    let case = case(name);
    let request = to_http_request(&parse(case)).unwrap_or_else(|e| panic!("{name}: {e}"));
    match_request(docs(), &request, &HOSTS)
}

fn finding(severity: Severity, message: &str) -> Finding {
    Finding { severity, message: message.to_owned() }
}

fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
    items.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

#[test]
fn a_browser_copy_opens_create_resource_prefilled() {
    let m = matched("chrome-create-resource");
    assert_eq!(m.operation.as_deref(), Some("create-resource"));
    assert_eq!(m.base_url, "http://127.0.0.1:8080");
    assert_eq!(m.credential, Some(Credential::ApiKey(FREE_KEY.to_owned())));
    assert_eq!(
        m.draft,
        Draft {
            headers: pairs(&[("Idempotency-Key", "582200a3-baa7-4d80-830b-fdf6c20f6cd5")]),
            body: Some("{\n  \"name\": \"Analytics\",\n  \"region\": \"eu-west\"\n}".to_owned()),
            ..Draft::default()
        }
    );
    assert_eq!(
        m.findings,
        [
            finding(Severity::Info, "left out, as every HTTP client sets them itself: Connection, User-Agent"),
            finding(
                Severity::Info,
                "left out, as only a browser sends them: Accept-Language, Origin, Referer, Sec-Fetch-Dest, Sec-Fetch-Mode, Sec-Fetch-Site, sec-ch-ua, sec-ch-ua-mobile, sec-ch-ua-platform"
            ),
        ]
    );
}

#[test]
fn docs_examples_match_cleanly() {
    for (name, op) in [
        ("docs-token-exchange", "create-token"),
        ("docs-projects-bearer", "list-projects"),
        ("docs-idempotency", "create-resource"),
        ("docs-quick-start-list", "list-resources"),
        ("docs-events-resume", "stream-events"),
        ("docs-overview-status", "get-project-status"),
        ("history-ping-jq", "ping"),
        ("postman", "create-resource"),
        ("insomnia", "create-token"),
        ("windows-cmd-chrome", "create-resource"),
        ("json-flag", "create-resource"),
        ("get-with-data", "list-resources"),
    ] {
        let m = matched(name);
        assert_eq!(m.operation.as_deref(), Some(op), "{name}");
        let problems: Vec<&Finding> = m.findings.iter().filter(|f| f.severity != Severity::Info).collect();
        assert!(problems.is_empty(), "{name}: {problems:?}");
    }
    let m = matched("docs-projects-bearer");
    assert_eq!((m.api_version.as_deref(), m.credential), (Some("2026-01-01"), None));
    assert_eq!(
        m.findings,
        [finding(
            Severity::Info,
            "the credential in Authorization: Bearer is a placeholder, $TOKEN: choose a key or token in the auth panel"
        )]
    );
    let m = matched("docs-events-resume");
    assert_eq!(m.draft.headers, pairs(&[("Last-Event-ID", "42")]));
    let m = matched("get-with-data");
    assert_eq!(m.draft.query, pairs(&[("limit", "5"), ("status", "archived"), ("cursor", "AAAAAGmy8mVkzWwyWjQDyQ")]));
    assert_eq!(m.credential, Some(Credential::ApiKey(FREE_KEY.to_owned())));
}

/// A case's name, the operation it matches, and its findings.
type Expectation = (&'static str, Option<&'static str>, &'static [(Severity, &'static str)]);

#[test]
fn differences_are_items_to_act_on() {
    let expectations: &[Expectation] = &[
        (
            "stripe-style-basic",
            Some("create-resource"),
            &[
                (
                    Severity::Error,
                    "Basic authentication (cURL's -u, or a user and password in the URL) is not accepted: send the API key as X-API-Key or Authorization: Bearer; the key in it was taken for the auth panel",
                ),
                (
                    Severity::Error,
                    "the body is sent as application/x-www-form-urlencoded (what cURL sends for -d data without a Content-Type header); the API expects application/json and answers 415 unsupported_media_type: add -H 'Content-Type: application/json'",
                ),
                (
                    Severity::Error,
                    "the body is form data, not JSON: create-resource takes a JSON object; as JSON it reads {\"name\":\"Analytics\",\"region\":\"eu-west\"}",
                ),
            ],
        ),
        (
            "headers-removed",
            Some("create-token"),
            &[
                (
                    Severity::Error,
                    "the body is form data, not JSON: create-token takes a JSON object; as JSON it reads {\"expires_in\":\"600\"}",
                ),
                (
                    Severity::Error,
                    "the body is sent without a Content-Type: the API answers 415 unsupported_media_type; the panel sends application/json",
                ),
            ],
        ),
        (
            "key-in-query",
            Some("list-resources"),
            &[(
                Severity::Error,
                "a credential is sent in the query string (api_key=…): the API reads credentials only from the X-API-Key or Authorization header, and a URL ends up in logs",
            )],
        ),
        (
            "token-scheme",
            Some("get-resource"),
            &[(
                Severity::Error,
                "the Authorization scheme Token is not accepted: send Authorization: Bearer <API key or token>, or the key as X-API-Key",
            )],
        ),
        (
            "placeholder-host",
            Some("list-resources"),
            &[(
                Severity::Error,
                "api.example.com is a placeholder from older material, not a host: production is https://api.cloudplatform.dev",
            )],
        ),
        (
            "wrong-version-prefix",
            None,
            &[(
                Severity::Error,
                "/v2/resources does not exist: this endpoint lives at /v1 — List resources is GET /v1/resources (each endpoint exists at exactly one major version)",
            )],
        ),
        (
            "method-not-allowed",
            None,
            &[(
                Severity::Error,
                "/v1/resources/res_8f2a takes GET, PATCH and DELETE, not PUT: the API answers 405 method_not_allowed",
            )],
        ),
        (
            "bad-api-version",
            Some("ping"),
            &[(
                Severity::Error,
                "X-API-Version \"2024-01-01\" is not a supported revision (2026-01-01 or 2025-06-01): the API answers 400 unsupported_version",
            )],
        ),
        (
            "history-glued-short-options",
            Some("update-resource"),
            &[(
                Severity::Warning,
                "no credential is sent: the API answers 401 missing_credentials; choose a key or token in the auth panel",
            )],
        ),
        (
            "github-docs-style",
            None,
            &[
                (
                    Severity::Warning,
                    "api.github.com is neither the sandbox nor production (api.cloudplatform.dev, 127.0.0.1:8080, localhost:8080); check where it should go",
                ),
                (
                    Severity::Warning,
                    "no documented operation is GET /repos/OWNER/REPO/issues; the request opens in a generic request panel",
                ),
                (
                    Severity::Info,
                    "the credential in Authorization: Bearer is a placeholder, <YOUR-TOKEN>: choose a key or token in the auth panel",
                ),
            ],
        ),
    ];
    for (name, op, findings) in expectations {
        let m = matched(name);
        assert_eq!(m.operation.as_deref(), *op, "{name}");
        let expected: Vec<Finding> = findings.iter().map(|(s, msg)| finding(*s, msg)).collect();
        assert_eq!(m.findings, expected, "{name}");
    }
}

#[test]
fn unmatched_requests_keep_everything_for_a_generic_panel() {
    let m = matched("github-docs-style");
    assert_eq!(m.base_url, "https://api.github.com/repos/OWNER/REPO/issues");
    assert_eq!(m.credential, None);
    assert_eq!(
        m.draft.headers,
        pairs(&[("Accept", "application/vnd.github+json"), ("X-GitHub-Api-Version", "2022-11-28")])
    );
    let m = matched("method-not-allowed");
    assert_eq!(m.base_url, "https://api.cloudplatform.dev/v1/resources/res_8f2a");
    assert_eq!(m.draft.body.as_deref(), Some("{\"name\":\"x\"}"));
    assert_eq!(m.credential, Some(Credential::ApiKey(FREE_KEY.to_owned())));
}
