//! The requests the snippets are checked with: hand-picked ones, and
//! generated ones full of characters that break quoting in some language.

use std::collections::HashSet;

use explorer_core::operation::Operation;
use explorer_core::request::{Credential, Draft, HttpRequest, Secret, build};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, TestCaseError, TestRunner};

use super::server::{CaptureServer, SECRET_KEY, SECRET_TOKEN};

fn operations() -> Vec<Operation> {
    let docs = explorer_core::Docs::load(explorer_content::FILES).expect("the content loads");
    docs.operations().cloned().collect()
}

/// Mostly characters and sequences that break quoting in some language,
/// some plain letters, and some characters of any kind.
fn nasty_piece() -> impl Strategy<Value = String> {
    let specials: Vec<String> = [
        "\"", "'", "$", "!", "\\", "`", "\n", "\t", "\r", " ", "{", "}", "[", "]", "(", ")", "&", "=", "?", "#", "%",
        "+", "~", "*", ";", "|", "<", ">", "^", "@", ":", "/", ".", "é", "ß", "😀", "\u{2028}", "\u{1b}", "\u{7f}",
        "\u{85}", "\u{feff}", "\u{202e}", "\u{2067}", "\u{7}", "${x}", "#{x}", "$(id)", "!!", "'\\''", "\\n",
        "\\u0041", "%20", "{{}}", "\r\n", "*/", "\"\"\"", "r#\"", "\"#",
    ]
    .map(str::to_owned)
    .to_vec();
    prop_oneof![
        3 => proptest::sample::select(specials),
        2 => proptest::char::range('a', 'z').prop_map(String::from),
        1 => any::<char>().prop_map(String::from),
    ]
}

fn nasty_text(len: std::ops::Range<usize>) -> impl Strategy<Value = String> {
    proptest::collection::vec(nasty_piece(), len).prop_map(|pieces| pieces.concat())
}

/// A JSON body with nasty strings inside, pretty or compact, or any text at
/// all: the playground sends invalid JSON too, on purpose.
fn body_text() -> impl Strategy<Value = String> {
    let json = (nasty_text(0..10), nasty_text(1..8), any::<bool>()).prop_map(|(name, key, pretty)| {
        let q = explorer_core::json_text::quote;
        let text = format!("{{\"name\": {}, \"metadata\": {{{}: {}}}, \"n\": -1.5e3}}", q(&name), q(&key), q(&name));
        let value = explorer_core::json_text::parse(&text).expect("valid JSON");
        if pretty { explorer_core::json_text::pretty(&value) } else { explorer_core::json_text::compact(&value) }
    });
    prop_oneof![json, nasty_text(1..24)]
        .prop_map(|text| text.replace('\0', "0"))
        .prop_filter("a blank body is no body", |t| !t.trim().is_empty())
}

/// Visible ASCII, spaces and tabs: all a header value may hold.
fn header_value() -> impl Strategy<Value = String> {
    let chars = proptest::collection::vec(prop_oneof![proptest::char::range(' ', '~'), Just('\t')], 0..16);
    chars.prop_map(|c| String::from_iter(c).trim_matches([' ', '\t']).to_owned())
}

fn header_name() -> impl Strategy<Value = String> {
    let token = proptest::sample::select("abcXYZ019!#$%&'*+-.^_`|~".chars().collect::<Vec<_>>());
    proptest::collection::vec(token, 1..8).prop_map(|c| format!("X-T-{}", String::from_iter(c)))
}

#[derive(Debug, Clone)]
pub struct Case {
    pub op: usize,
    pub draft: Draft,
    pub credential: Credential,
    pub api_version: Option<String>,
    pub ipv6: bool,
    pub secret: Secret,
}

fn case(ops: &[Operation]) -> impl Strategy<Value = Case> + use<> {
    let with_body: Vec<bool> = ops.iter().map(|o| o.method.has_body()).collect();
    let body_ops: Vec<usize> = (0..ops.len()).filter(|&i| with_body[i]).collect();
    let path_names: Vec<Vec<String>> = ops
        .iter()
        .map(|o| o.params_in(explorer_core::operation::Location::Path).map(|p| p.name.clone()).collect())
        .collect();
    let credential = prop_oneof![
        Just(Credential::None),
        Just(Credential::Bearer(SECRET_TOKEN.to_owned())),
        Just(Credential::ApiKey(SECRET_KEY.to_owned())),
    ];
    let path_value = nasty_text(1..10).prop_filter("dot segments cannot be sent", |v| v != "." && v != "..");
    (
        // Half the cases on an operation that takes a body.
        prop_oneof![proptest::sample::select(body_ops), 0..ops.len()],
        path_value,
        proptest::collection::vec((nasty_text(1..6), nasty_text(0..10)), 0..4),
        proptest::collection::vec((header_name(), header_value()), 0..4),
        proptest::option::weighted(0.8, body_text()),
        credential,
        proptest::option::of(Just("2025-06-01".to_owned())),
        any::<bool>(),
        prop_oneof![Just(Secret::Reveal), Just(Secret::Placeholder)],
    )
        .prop_map(move |(op, path_value, query, headers, body, credential, api_version, ipv6, secret)| {
            let mut unique = HashSet::new();
            let headers = headers.into_iter().filter(|(n, _)| unique.insert(n.to_ascii_lowercase())).collect();
            let path = path_names[op].iter().map(|n| (n.clone(), path_value.clone())).collect();
            let body = body.filter(|_| with_body[op]);
            Case { op, draft: Draft { path, query, headers, body }, credential, api_version, ipv6, secret }
        })
}

/// Hand-picked inputs that each language must survive, whatever the random
/// cases happen to cover.
fn fixed_cases(ops: &[Operation]) -> Vec<Case> {
    let index = |id: &str| ops.iter().position(|o| o.id == id).expect("a real operation");
    let pairs = |items: &[(&str, &str)]| -> Vec<(String, String)> {
        items.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    };
    let nasty = "it's \"${x}\" #{x} $(id) `id` !! \\ \\n é😀\u{2028}\u{1b}\u{7f}\r\n\ttab";
    let pretty = explorer_core::json_text::pretty(
        &explorer_core::json_text::parse(&format!("{{\"name\": {}}}", explorer_core::json_text::quote(nasty)))
            .expect("valid JSON"),
    );
    let case = |id: &str, draft: Draft, secret: Secret, ipv6: bool| Case {
        op: index(id),
        draft,
        credential: Credential::Bearer(SECRET_TOKEN.to_owned()),
        api_version: Some("2026-01-01".to_owned()),
        ipv6,
        secret,
    };
    vec![
        case("create-resource", Draft { body: Some(pretty.clone()), ..Draft::default() }, Secret::Placeholder, false),
        case("create-resource", Draft { body: Some(nasty.to_owned()), ..Draft::default() }, Secret::Reveal, true),
        case(
            "stream-events",
            Draft { headers: pairs(&[("Last-Event-ID", "41")]), ..Draft::default() },
            Secret::Placeholder,
            false,
        ),
        case(
            "update-resource",
            Draft {
                path: pairs(&[("id", nasty)]),
                headers: pairs(&[("X-Q", "it's \"$x\" !! `id` \\ =@:;"), ("X-E", "")]),
                body: Some(pretty),
                ..Draft::default()
            },
            Secret::Placeholder,
            true,
        ),
        case(
            "list-resources",
            Draft { query: pairs(&[(nasty, nasty), ("limit", "")]), ..Draft::default() },
            Secret::Reveal,
            false,
        ),
    ]
}

/// Builds a request for each fixed and then each generated case, and hands
/// it to `client`.
pub fn for_each_case(
    name: &str,
    cases: u32,
    client: impl Fn(&CaptureServer, &HttpRequest, &str, Secret) -> Result<(), TestCaseError>,
) {
    let ops = operations();
    let server = CaptureServer::start();
    if server.v6.is_none() {
        eprintln!("note: no IPv6 loopback here, so `--globoff` URLs are not exercised");
    }
    let try_case = |case: Case| {
        let (request, base) = request_for(&ops, &server, &case).map_err(TestCaseError::fail)?;
        client(&server, &request, &base, case.secret)
    };
    for fixed in fixed_cases(&ops) {
        if let Err(error) = try_case(fixed.clone()) {
            panic!("{name}: {error}\nfor the fixed case {fixed:#?}");
        }
    }
    let config = Config {
        cases,
        max_shrink_iters: 256,
        max_shrink_time: 120_000,
        source_file: Some(file!()),
        ..Config::default()
    };
    if let Err(error) = TestRunner::new(config).run(&case(&ops), try_case) {
        panic!("{name}: {error}");
    }
}

/// The request `case` builds, and the base URL it starts with.
fn request_for(ops: &[Operation], server: &CaptureServer, case: &Case) -> Result<(HttpRequest, String), String> {
    let base = server.base_url(case.ipv6);
    let request = build(&ops[case.op], &case.draft, &base, &case.credential, case.api_version.as_deref())
        .map_err(|e| format!("build failed: {e}"))?;
    Ok((request, base))
}

/// One request of a batch: for languages whose every run costs a compile,
/// many requests go into one program, so nothing is shrunk; a failure
/// shows the whole case instead.
#[derive(Debug)]
pub struct Item {
    pub case: Case,
    pub request: HttpRequest,
    pub base: String,
}

/// The fixed cases, then `cases` generated ones, built against `server`.
pub fn batch(server: &CaptureServer, cases: u32) -> Vec<Item> {
    let ops = operations();
    let strategy = case(&ops);
    let mut runner = TestRunner::new(Config { cases, ..Config::default() });
    let generated = (0..cases).map(|_| strategy.new_tree(&mut runner).expect("a generated case").current());
    fixed_cases(&ops)
        .into_iter()
        .chain(generated)
        .map(|case| {
            let (request, base) = request_for(&ops, server, &case).unwrap_or_else(|e| panic!("{e} for {case:#?}"));
            Item { case, request, base }
        })
        .collect()
}
