//! Share links and history: round trips, credentials never kept, and bad
//! input refused with a message, never a panic.

use explorer_core::operation::Method;
use explorer_core::request::Draft;
use explorer_core::share::{
    HISTORY_LIMIT, HistoryEntry, SharedRequest, Target, decode, decode_history, encode, encode_history, push_history,
    scrub,
};
use explorer_core::token::base64url_encode;
use proptest::prelude::*;

const KEY: &str = "sk_live_freedemo000000000000000000000000";
const JWT: &str = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJrZXlfZnJlZSJ9.c2lnbmF0dXJl";

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => "\\PC{0,20}",
        1 => any::<String>(),
        1 => Just(KEY.to_owned()),
        1 => Just(format!("Bearer {JWT}")),
        1 => Just("{\"api_key\": \"sk_live_x\", \"expires_in\": 900}".to_owned()),
    ]
}

fn name() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[A-Za-z0-9_-]{1,12}",
        1 => prop::sample::select(vec!["Authorization", "X-API-Key", "api_key", "token", "Cookie", "Idempotency-Key"])
            .prop_map(str::to_owned),
    ]
}

fn pairs() -> impl Strategy<Value = Vec<(String, String)>> {
    prop::collection::vec((name(), text()), 0..4)
}

fn target() -> impl Strategy<Value = Target> {
    prop_oneof![
        Just(Target::Sandbox),
        Just(Target::Production),
        "https://[a-z]{1,8}\\.dev(/[a-z]{1,5})?".prop_map(Target::Custom)
    ]
}

fn shared() -> impl Strategy<Value = SharedRequest> {
    let draft = (pairs(), pairs(), pairs(), prop::option::of(text())).prop_map(|(path, query, headers, body)| Draft {
        path,
        query,
        headers,
        body,
    });
    (
        prop::option::of("[a-z-]{1,20}"),
        prop::sample::select(Method::ALL.to_vec()),
        // Links with other URLs are refused (see `places_are_checked`).
        "https?://[a-z0-9.]{1,12}(:[1-9][0-9]{1,3})?(/[a-z0-9._~-]{0,8}){0,3}",
        target(),
        prop::option::of(prop::sample::select(explorer_core::target::API_VERSIONS.to_vec()).prop_map(str::to_owned)),
        draft,
    )
        .prop_map(|(operation, method, url, target, api_version, draft)| SharedRequest {
            operation,
            method,
            url,
            target,
            api_version,
            draft,
        })
}

fn request() -> SharedRequest {
    SharedRequest {
        operation: Some("create-resource".to_owned()),
        method: Method::Post,
        url: "https://api.cloudplatform.dev".to_owned(),
        target: Target::Production,
        api_version: Some("2025-06-01".to_owned()),
        draft: Draft {
            headers: vec![("Idempotency-Key".to_owned(), "582200a3-baa7-4d80-830b-fdf6c20f6cd5".to_owned())],
            body: Some("{\n  \"name\": \"Analytics\"\n}".to_owned()),
            ..Draft::default()
        },
    }
}

fn holds_no_secret(r: &SharedRequest) -> bool {
    let d = &r.draft;
    let mut all: Vec<&str> = vec![r.url.as_str()];
    all.extend(d.path.iter().chain(&d.query).chain(&d.headers).flat_map(|(n, v)| [n.as_str(), v.as_str()]));
    all.extend(d.body.as_deref());
    all.iter().all(|t| !t.contains("sk_live_") && !t.contains(JWT))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    /// What `encode` writes is the request scrubbed; decoding gives it back
    /// exactly, and nothing in it is a credential.
    #[test]
    fn round_trip_without_credentials(request in shared()) {
        let mut scrubbed = request.clone();
        scrub(&mut scrubbed);
        prop_assert!(holds_no_secret(&scrubbed), "{:?}", scrubbed);
        let link = encode(&request);
        prop_assert!(link.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b)), "{}", link);
        prop_assert_eq!(decode(&link), Ok(scrubbed.clone()));
        // Scrubbing again removes nothing more.
        let mut again = scrubbed.clone();
        prop_assert_eq!(scrub(&mut again), Vec::<String>::new());
        prop_assert_eq!(again, scrubbed);
    }

    #[test]
    fn history_round_trip(requests in prop::collection::vec(shared(), 0..6), statuses in prop::collection::vec(prop::option::of(100u16..600), 6)) {
        let mut list = Vec::new();
        for (i, request) in requests.into_iter().enumerate() {
            let entry = HistoryEntry { request, status: statuses[i], at_ms: 1_777_000_000_000 - i as i64 * 977, duration_ms: i as u32 * 31 };
            push_history(&mut list, entry);
        }
        prop_assert!(list.iter().all(|e| holds_no_secret(&e.request)));
        prop_assert_eq!(decode_history(&encode_history(&list)), list);
    }

    /// Text that is not a link of ours is refused with one of the three
    /// messages a person can act on; a bad store reads as an empty history.
    #[test]
    fn arbitrary_text_is_refused_with_a_message(text in any::<String>()) {
        let message = decode(&text).expect_err("random text is never a link");
        prop_assert!(
            message == "this is not a shared request link"
                || message == "this link was made by another version of the explorer, which this one cannot read"
                || message.starts_with("the shared request is damaged: ")
                || message.starts_with("the shared request cannot be opened: "),
            "{}", message
        );
        prop_assert_eq!(decode_history(&text), vec![]);
    }

    #[test]
    fn arbitrary_payloads_are_refused_with_a_message(payload in "[A-Za-z0-9_-]{0,200}") {
        let link = format!("r1.{payload}");
        let stored = format!("h1.{payload}");
        let message = decode(&link).expect_err("random base64url is never a request");
        prop_assert!(message.starts_with("the shared request is damaged: "), "{}", message);
        prop_assert_eq!(decode_history(&stored), vec![]);
    }

    /// Well-compressed garbage reaches the binary reader, which must refuse
    /// it (or read a request, when the bytes happen to form one) without
    /// panicking or allocating for a forged length.
    #[test]
    fn arbitrary_bytes_are_refused_with_a_message_or_read(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        let link = format!("r1.{}", base64url_encode(&miniz_oxide::deflate::compress_to_vec(&bytes, 6)));
        if let Err(message) = decode(&link) {
            prop_assert!(message.starts_with("the shared request is damaged: "), "{}", message);
        }
        let stored = format!("h1.{}", base64url_encode(&miniz_oxide::deflate::compress_to_vec(&bytes, 6)));
        let _ = decode_history(&stored);
    }

    /// Any single flipped character of a real link: refused with a message,
    /// or still a request (the flip may land where it changes nothing).
    #[test]
    fn damaged_links_are_refused_with_a_message_or_read(at in 3usize..200, with in prop::sample::select(b"AZaz09-_".to_vec())) {
        let link = encode(&request());
        let mut bytes = link.into_bytes();
        let at = at % bytes.len();
        bytes[at.max(3)] = with;
        if let Err(message) = decode(&String::from_utf8(bytes).unwrap()) {
            prop_assert!(message.starts_with("the shared request"), "{}", message);
        }
    }
}

#[test]
fn forged_lengths_are_refused() {
    // A header count of 2^60 in a tiny payload.
    let bytes = [0u8, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x0f];
    let link = format!("r1.{}", base64url_encode(&miniz_oxide::deflate::compress_to_vec(&bytes, 6)));
    // Postcard checks the count against the bytes left, before reserving.
    assert_eq!(decode(&link).unwrap_err(), "the shared request is damaged: the data ends too early");
}

#[test]
fn a_decompression_bomb_is_refused() {
    let bomb = vec![0u8; 64 << 20];
    let link = format!("r1.{}", base64url_encode(&miniz_oxide::deflate::compress_to_vec(&bomb, 9)));
    assert!(link.len() < 200_000, "{}", link.len());
    assert_eq!(decode(&link).unwrap_err(), "the shared request is damaged: it inflates to more than 1 MB");
}

#[test]
fn messages_for_links_that_are_not_ours() {
    assert_eq!(decode("").unwrap_err(), "this is not a shared request link");
    assert_eq!(decode("#share=abc").unwrap_err(), "this is not a shared request link");
    assert_eq!(
        decode("r2.eJwDAAAAAAE").unwrap_err(),
        "this link was made by another version of the explorer, which this one cannot read"
    );
    assert_eq!(decode("r1.*").unwrap_err(), "the shared request is damaged: it is not base64url");
}

#[test]
fn scrub_reports_what_it_removed() {
    let mut r = request();
    r.target = Target::Custom("https://gw.corp.dev/cloud".to_owned());
    r.url = format!("https://user:{KEY}@gw.corp.dev/cloud?token=abc&limit=2");
    r.draft.headers.push(("Authorization".to_owned(), format!("Bearer {JWT}")));
    r.draft.headers.push(("X-Debug".to_owned(), format!("key={KEY}")));
    r.draft.query.push(("access_token".to_owned(), "opaque".to_owned()));
    r.draft.path.push(("id".to_owned(), KEY.to_owned()));
    r.draft.body =
        Some(format!("{{\n  \"name\": \"a\",\n  \"tags\": [\"{JWT}\"],\n  \"auth\": {{\"password\": \"p\"}}\n}}"));
    assert_eq!(
        scrub(&mut r),
        [
            "the Authorization header",
            "the X-Debug header",
            "the query parameter access_token",
            "the path parameter id",
            "the body field auth",
            "the body field tags[]",
            "the user and password in the URL",
            "a credential in the query of the URL",
        ]
    );
    assert_eq!(r.url, "https://gw.corp.dev/cloud?limit=2");
    assert_eq!(r.draft.path, [("id".to_owned(), "REDACTED".to_owned())]);
    assert_eq!(r.draft.body.as_deref(), Some("{\n  \"name\": \"a\",\n  \"tags\": [\n    \"REDACTED\"\n  ]\n}"));
    // A body without credentials is left byte for byte, even with "key" in it.
    let mut r = request();
    r.draft.body = Some("{\"monkey\":   1, \"keys\": [\"a\"]}".to_owned());
    assert_eq!(scrub(&mut r), Vec::<String>::new());
    assert_eq!(r.draft.body.as_deref(), Some("{\"monkey\":   1, \"keys\": [\"a\"]}"));
}

/// The budget: a 64 KB JSON body must fit in a link.
#[test]
fn a_64_kb_body_fits_in_a_link() {
    let body = realistic_json(64 * 1024);
    assert!(body.len() >= 64 * 1024);
    let mut r = request();
    r.draft.body = Some(body.clone());
    let link = encode(&r);
    println!(
        "a {} byte JSON body makes a {} character link ({}%)",
        body.len(),
        link.len(),
        link.len() * 100 / body.len()
    );
    assert!(link.len() < 24 * 1024, "{}", link.len());
    assert_eq!(decode(&link).unwrap().draft.body.as_deref(), Some(body.as_str()));

    // Even incompressible text stays within 4/3 of its size, plus a little.
    let mut seed = 7u64;
    let noise: String = (0..64 * 1024)
        .map(|_| {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            char::from(b'!' + (seed >> 33) as u8 % 94)
        })
        .collect();
    r.draft.body = Some(noise);
    let link = encode(&r);
    println!("64 KB of random printable ASCII makes a {} character link", link.len());
    assert!(link.len() < 80 * 1024, "{}", link.len());
}

/// A list of resources, as the API returns them, with varied ids, names
/// and times: JSON people actually paste.
fn realistic_json(at_least: usize) -> String {
    let words = ["analytics", "billing", "staging", "eu", "batch", "primary", "replica", "cache", "logs", "search"];
    let regions = ["us-east", "eu-west", "ap-south", "us-west-2"];
    let mut seed = 42u64;
    let mut next = || {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (seed >> 33) as usize
    };
    let mut items = Vec::new();
    let mut len = 0;
    while len < at_least {
        let id: String = (0..16).map(|_| char::from(b"abcdefghijklmnopqrstuvwxyz0123456789"[next() % 36])).collect();
        let item = format!(
            "    {{\n      \"id\": \"res_{id}\",\n      \"name\": \"{} {} {}\",\n      \"region\": \"{}\",\n      \"status\": \"{}\",\n      \"metadata\": {{\"team\": \"{}\", \"cost_center\": \"{}\"}},\n      \"created_at\": \"2026-0{}-{:02}T{:02}:{:02}:{:02}Z\",\n      \"updated_at\": \"2026-04-28T10:02:11Z\"\n    }}",
            words[next() % 10],
            words[next() % 10],
            next() % 1000,
            regions[next() % 4],
            if next() % 3 == 0 { "archived" } else { "active" },
            words[next() % 10],
            next() % 100_000,
            1 + next() % 9,
            1 + next() % 28,
            next() % 24,
            next() % 60,
            next() % 60,
        );
        len += item.len() + 2;
        items.push(item);
    }
    format!("{{\n  \"data\": [\n{}\n  ],\n  \"next_cursor\": null,\n  \"has_more\": false\n}}", items.join(",\n"))
}

#[test]
fn history_keeps_the_newest_and_survives_a_corrupt_store() {
    let mut list = Vec::new();
    for i in 0..(HISTORY_LIMIT as i64 + 20) {
        push_history(&mut list, HistoryEntry { request: request(), status: Some(201), at_ms: i, duration_ms: 80 });
    }
    assert_eq!(list.len(), HISTORY_LIMIT);
    assert_eq!((list[0].at_ms, list[HISTORY_LIMIT - 1].at_ms), (119, 20));
    let stored = encode_history(&list);
    println!("100 history entries store as {} characters", stored.len());
    assert!(stored.starts_with("h1."));
    assert_eq!(decode_history(&stored), list);
    for corrupt in ["", "null", "[]", "h1.", "h1.AAAA", &stored[..stored.len() - 1], &stored.replace('A', "B")] {
        assert_eq!(decode_history(corrupt), vec![], "{corrupt:.20}");
    }
}

/// A link or a stored entry cannot name a place that the connection dialog
/// would refuse: the request would carry the user's credential there.
#[test]
fn places_are_checked() {
    for bad in ["javascript:alert(1)", "http://x.dev/v1/resources?limit=1", "ftp://x.dev", "x.dev"] {
        let mut custom = request();
        custom.target = Target::Custom(bad.to_owned());
        let message = decode(&encode(&custom)).unwrap_err();
        assert!(message.starts_with("the shared request cannot be opened: "), "{bad}: {message}");
        let entry = |request| HistoryEntry { request, status: Some(200), at_ms: 1, duration_ms: 1 };
        let list = vec![entry(custom), entry(request())];
        assert_eq!(decode_history(&encode_history(&list)), vec![entry(request())], "{bad}");
    }
    for bad in ["javascript:alert(1)", "ftp://x.dev/a", "/v1/resources", "http://"] {
        let mut generic = request();
        generic.operation = None;
        generic.url = bad.to_owned();
        assert!(decode(&encode(&generic)).is_err(), "{bad}");
    }
    let mut pinned = request();
    pinned.api_version = Some("1999-01-01".to_owned());
    assert!(decode(&encode(&pinned)).unwrap_err().contains("\"1999-01-01\" is not one the API serves"));
    let mut fine = request();
    fine.target = Target::Custom("HTTPS://GW.corp/cloud/".to_owned());
    assert_eq!(decode(&encode(&fine)).unwrap().target, Target::Custom("https://gw.corp/cloud".to_owned()));
}

/// A history row names the filled-in path, the query and the body, so that
/// two requests to one endpoint can be told apart.
#[test]
fn history_rows_tell_requests_apart() {
    let docs = explorer_core::Docs::load(explorer_content::FILES).expect("the content loads");
    let mut get = request();
    get.operation = Some("get-resource".to_owned());
    get.method = Method::Get;
    get.draft = Draft {
        path: vec![("id".to_owned(), "res_8f2a".to_owned())],
        query: vec![("expand".to_owned(), "project".to_owned())],
        ..Draft::default()
    };
    let entry = |request| HistoryEntry { request, status: Some(200), at_ms: 1, duration_ms: 1 };
    let row = explorer_core::share::row_text(&docs, &entry(get));
    assert_eq!(row.path, "/v1/resources/res_8f2a?expand=project");
    assert_eq!(row.body, "");
    let row = explorer_core::share::row_text(&docs, &entry(request()));
    assert_eq!(row.path, "/v1/resources");
    assert_eq!(row.body, "{ \"name\": \"Analytics\" }");
}

/// A replay goes where the entry went: an operation to its target's base
/// URL, a request outside the docs to its own URL.
#[test]
fn replays_go_where_the_entry_went() {
    let docs = explorer_core::Docs::load(explorer_content::FILES).expect("the content loads");
    let page = "http://127.0.0.1:8080";
    let mut entry = request();
    assert_eq!(
        explorer_core::share::replay_place(&docs, &entry, page),
        ("https://api.cloudplatform.dev".to_owned(), true)
    );
    entry.target = Target::Sandbox;
    entry.operation = Some("ping".to_owned());
    assert_eq!(explorer_core::share::replay_place(&docs, &entry, page), (page.to_owned(), false));
    entry.operation = None;
    entry.url = "https://gw.corp/other".to_owned();
    assert_eq!(explorer_core::share::replay_place(&docs, &entry, page), ("https://gw.corp/other".to_owned(), true));
}
