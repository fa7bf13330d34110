//! The running sandbox against the docs, both ways (issue 6): every probe of
//! `probes.rs` is sent to every documented operation, then
//! - every answer (status and problem `code`) must be documented for that
//!   operation (sandbox → docs);
//! - every documented `response <status>` and each code its line names must
//!   have been answered by some probe, or be listed in [`UNPROVOKED`] with
//!   the reason (docs → sandbox);
//! - the credential (`auth`), body and idempotency rules of the docs must be
//!   what the sandbox does.

use std::collections::BTreeSet;
use std::time::Duration;

use explorer_core::Docs;
use explorer_core::operation::{Auth, Location, Operation};
use reqwest::Method;
use serde_json::{Value, json};

use crate::contract::{codes_in, docs_body_required};
use crate::probes::{Answer, Change, Live, answer, has_path_id, too_large_body, varied_body};

/// Documented (status, code) pairs no request of a test can provoke, and why.
/// The errors guide documents them for every operation; no reference page
/// lists them, so they are not counted as "documented but unprovoked".
pub const UNPROVOKED: &[(u16, &str, &str)] = &[(
    500,
    "internal_error",
    "an unexpected failure (a broken database, a bug): no well- or ill-formed request causes one",
)];

/// A well-formed key that no workspace has.
const UNKNOWN_KEY: &str = "sk_live_00000000000000000000000000000000";

fn key(name: &'static str, value: &str) -> Option<Option<(&'static str, String)>> {
    Some(Some((name, value.to_owned())))
}

/// Bearer tokens of the pro key: one with every scope (it expires during
/// the run) and, for each scope, one with another scope only (the seeded
/// keys all hold `resources:read`, so only a token can lack it).
struct Tokens {
    all: String,
    resources_read: String,
    projects_read: String,
}

/// The probes that need nothing but the operation, keyed by their name.
fn plain(live: &Live, op: &Operation, tokens: &Tokens) -> Vec<(&'static str, Change)> {
    let id = has_path_id(op);
    let token = tokens.all.as_str();
    let narrow =
        if op.scope.as_deref() == Some("projects:read") { &tokens.resources_read } else { &tokens.projects_read };
    let mut probes = vec![
        ("example", Change { existing_id: id, ..Change::default() }),
        ("no credential", Change { existing_id: id, credential: Some(None), ..Change::default() }),
        ("unknown key", Change { existing_id: id, credential: key("X-API-Key", UNKNOWN_KEY), ..Change::default() }),
        ("valid token", Change { existing_id: id, credential: key("Authorization", token), ..Change::default() }),
        (
            "read-only key",
            Change { existing_id: id, credential: key("X-API-Key", &live.keys.read_only), ..Change::default() },
        ),
        (
            "unsupported version",
            Change { existing_id: id, headers: header("X-API-Version", "1999-01-01"), ..Default::default() },
        ),
        (
            "unknown query parameter",
            Change { existing_id: id, query: header("undocumented", "1"), ..Default::default() },
        ),
        (
            "malformed idempotency key",
            Change { existing_id: id, headers: header("Idempotency-Key", "a b"), ..Default::default() },
        ),
        (
            "token without the scope",
            Change { existing_id: id, credential: key("Authorization", narrow), ..Default::default() },
        ),
    ];
    if op.param(Location::Query, "cursor").is_some() {
        probes.push(("undecodable cursor", Change { query: header("cursor", "!"), ..Change::default() }));
    }
    // Any other documented header with a pattern, such as `Last-Event-ID`.
    let patterned =
        op.params_in(Location::Header).find(|p| p.name != "Idempotency-Key" && p.constraints.pattern.is_some());
    if let Some(p) = patterned {
        probes.push((
            "malformed header",
            Change { existing_id: id, headers: header(&p.name, "a b"), ..Default::default() },
        ));
    }
    if let Some(example) = op.param(Location::Path, "id").and_then(|p| p.example.as_deref()) {
        // The example's prefix (`res_`, `proj_`) with an id nobody has.
        let prefix = example.split('_').next().unwrap_or_default();
        probes.push(("unknown id", Change { path_id: Some(format!("{prefix}_unknown0")), ..Change::default() }));
        probes.push(("malformed id", Change { path_id: Some("x".to_owned()), ..Change::default() }));
    }
    if op.has_body() {
        let body = |text: &str| Some(Some(text.to_owned()));
        let json = header("Content-Type", "application/json");
        probes.extend([
            (
                "malformed JSON",
                Change { existing_id: id, body: body("{"), headers: json.clone(), ..Default::default() },
            ),
            (
                "not JSON",
                Change {
                    existing_id: id,
                    body: body("name=x"),
                    headers: header("Content-Type", "text/plain"),
                    ..Default::default()
                },
            ),
            (
                "too large",
                Change {
                    existing_id: id,
                    body: Some(Some(too_large_body())),
                    headers: json.clone(),
                    ..Default::default()
                },
            ),
            ("empty body", Change { existing_id: id, body: Some(None), ..Change::default() }),
            (
                "unknown field",
                Change {
                    existing_id: id,
                    body: body(r#"{"undocumented": true}"#),
                    headers: json,
                    ..Default::default()
                },
            ),
        ]);
    }
    probes
}

fn header(name: &str, value: &str) -> Vec<(String, String)> {
    vec![(name.to_owned(), value.to_owned())]
}

/// An idempotency key sent twice: the same request (`replay`) and a
/// different one (`reused key`). Returns the answers to the second sending.
async fn idempotency(live: &Live, op: &Operation) -> Vec<Answer> {
    let mut out = Vec::new();
    let id = if has_path_id(op) { Some(live.existing(op).await) } else { None };
    let with = |key: &str, path_id: Option<String>, body: Option<Option<String>>| Change {
        path_id,
        headers: header("Idempotency-Key", key),
        body,
        ..Change::default()
    };
    let k = live.fresh_key();
    live.probe(op, "replay (first)", &with(&k, id.clone(), None)).await;
    out.push(live.probe(op, "replay", &with(&k, id.clone(), None)).await);

    let k = live.fresh_key();
    let other = if let Some(body) = varied_body(op) {
        Some(with(&k, id.clone(), Some(Some(body))))
    } else if id.is_some() {
        Some(with(&k, Some(live.existing(op).await), None))
    } else {
        None
    };
    if let Some(other) = other {
        live.probe(op, "reused key (first)", &with(&k, id, None)).await;
        out.push(live.probe(op, "reused key", &other).await);
    }
    out
}

/// A second request while the first with the same key cannot finish: the
/// database is held, as in tests/api/idempotency.rs.
async fn in_flight(live: &Live, op: &Operation) -> Answer {
    let id = if has_path_id(op) { Some(live.existing(op).await) } else { None };
    let change = Change { path_id: id, headers: header("Idempotency-Key", &live.fresh_key()), ..Change::default() };
    let (release, hold) = std::sync::mpsc::channel::<()>();
    let (held, is_held) = std::sync::mpsc::channel::<()>();
    let store = live.server.state.store().clone();
    let holder = std::thread::spawn(move || {
        store
            .write_now(|_tx| {
                let _ = held.send(());
                let _ = hold.recv();
                Ok(())
            })
            .expect("held");
    });
    is_held.recv().expect("the database is held");
    let first = tokio::spawn(live.request(op, &change).await.send());
    tokio::time::sleep(Duration::from_millis(300)).await;
    let second = live.request(op, &change).await.send().await.expect("answered");
    let second = answer(op, "in flight", second).await;
    release.send(()).expect("release");
    holder.join().expect("holder");
    let _ = first.await;
    second
}

async fn mint(live: &Live, expires_in: u32, scope: Option<&str>) -> String {
    let headers = [("X-API-Key", live.keys.pro.as_str()), ("Content-Type", "application/json")];
    let mut body = json!({ "expires_in": expires_in });
    if let Some(scope) = scope {
        body["scope"] = json!(scope);
    }
    let body = body.to_string();
    let response = live.send_raw(Method::POST, "/v1/auth/token", &headers, Some(body)).await;
    let value: Value = response.json().await.expect("token JSON");
    value["access_token"].as_str().unwrap_or_else(|| panic!("test setup: no token in {value}")).to_owned()
}

/// Each POST sent until a workspace with room for two resources is full:
/// what a create answers once the quota is reached.
async fn full_workspace(docs: &Docs) -> Vec<Answer> {
    let retention = sandbox::config::Retention { resources_per_workspace: 2, ..Default::default() };
    let live = Live::start_with(sandbox::Config::in_memory().with_retention(retention)).await;
    let mut answers = Vec::new();
    for op in docs.operations().filter(|op| op.method == explorer_core::operation::Method::Post && !has_path_id(op)) {
        let change = Change { credential: key("X-API-Key", &live.keys.pro), ..Change::default() };
        for _ in 0..2 {
            live.probe(op, "filling the workspace", &change).await;
        }
        answers.push(live.probe(op, "workspace full", &change).await);
    }
    live.server.stop().await;
    answers
}

/// A stream opened beyond the key's cap, with the cap's streams held open
/// (the read-only key, whose streams no other probe holds).
async fn too_many_streams(live: &Live, op: &Operation) -> Answer {
    let change = || Change { credential: key("X-API-Key", &live.keys.read_only), ..Change::default() };
    let mut held = Vec::new();
    for _ in 0..=live.server.state.config().streams.per_key {
        let response = live.request(op, &change()).await.send().await.expect("answered");
        if response.status() != reqwest::StatusCode::OK {
            return answer(op, "too many streams", response).await;
        }
        held.push(response);
    }
    panic!("{}: no stream was refused beyond the cap", op.id)
}

/// Every probe of every operation, in an order where each leaves the next
/// possible: expiry and the exhausted rate limit come last.
pub async fn run(docs: &Docs) -> Vec<Answer> {
    let live = Live::start().await;
    let tokens = Tokens {
        all: mint(&live, 60, None).await,
        resources_read: mint(&live, 3600, Some("resources:read")).await,
        projects_read: mint(&live, 3600, Some("projects:read")).await,
    };
    let token = tokens.all.clone();
    let mut answers = Vec::new();
    for op in docs.operations() {
        for (name, change) in plain(&live, op, &tokens) {
            answers.push(live.probe(op, name, &change).await);
        }
        answers.extend(idempotency(&live, op).await);
        if op.idempotent {
            answers.push(in_flight(&live, op).await);
        }
        if op.streaming {
            answers.push(too_many_streams(&live, op).await);
        }
    }
    live.clock.advance(Duration::from_secs(120));
    for op in docs.operations() {
        let change =
            Change { existing_id: has_path_id(op), credential: key("Authorization", &token), ..Change::default() };
        answers.push(live.probe(op, "expired token", &change).await);
    }
    // The free key allows 60 requests a window and the clock is frozen.
    let free = live.keys.free.clone();
    for _ in 0..=60 {
        live.send_raw(Method::GET, "/v2/ping", &[("X-API-Key", free.as_str())], None).await;
    }
    for op in docs.operations() {
        let change = Change { existing_id: has_path_id(op), credential: key("X-API-Key", &free), ..Change::default() };
        answers.push(live.probe(op, "free key, limit used up", &change).await);
    }
    live.server.stop().await;
    answers.extend(full_workspace(docs).await);
    answers
}

fn op_name(op: &Operation) -> String {
    format!("{} {} ({}, content/{}:{})", op.method, op.path, op.id, op.file, op.line)
}

/// Sandbox → docs: each answer is documented for its operation.
pub fn undocumented(docs: &Docs, answers: &[Answer]) -> Vec<String> {
    let mut out = Vec::new();
    for a in answers {
        let Some(op) = docs.operations().find(|o| o.id == a.op) else { continue };
        let Some(response) = op.response(a.status) else {
            out.push(format!("{}: probe `{}` got {}, a status the docs do not list", op_name(op), a.probe, a.text()));
            continue;
        };
        let codes = codes_in(&response.description);
        if let Some(code) = &a.code
            && !codes.contains(code)
        {
            let listed = codes.into_iter().collect::<Vec<_>>().join(", ");
            out.push(format!(
                "{}: probe `{}` got {}, a code the docs do not name under response {} (they name: {listed})",
                op_name(op),
                a.probe,
                a.text(),
                a.status
            ));
        }
    }
    out
}

/// Docs → sandbox: each documented status, and each code its line names,
/// was answered by some probe. Returns the problems and the number of
/// (operation, status) pairs provoked.
pub fn unprovoked(docs: &Docs, answers: &[Answer]) -> (Vec<String>, usize) {
    let mut out = Vec::new();
    let mut pairs = 0;
    for op in docs.operations() {
        let got: Vec<&Answer> = answers.iter().filter(|a| a.op == op.id).collect();
        for response in &op.responses {
            let status = response.status;
            let codes = codes_in(&response.description);
            let seen: BTreeSet<&str> =
                got.iter().filter(|a| a.status == status).filter_map(|a| a.code.as_deref()).collect();
            if got.iter().any(|a| a.status == status) {
                pairs += 1;
            }
            let missing: Vec<&String> = if codes.is_empty() {
                if got.iter().any(|a| a.status == status) { vec![] } else { vec![&response.description] }
            } else {
                codes.iter().filter(|c| !seen.contains(c.as_str())).collect()
            };
            for code in missing {
                if UNPROVOKED.iter().any(|(s, c, _)| *s == status && c == code) {
                    continue;
                }
                let what = if codes.is_empty() { String::new() } else { format!(" `{code}`") };
                out.push(format!("{}: response {status}{what} is documented, but no probe provoked it", op_name(op)));
            }
        }
        if op.responses.iter().any(|r| r.status >= 400 && codes_in(&r.description).is_empty()) {
            let bare: Vec<String> = op
                .responses
                .iter()
                .filter(|r| r.status >= 400 && codes_in(&r.description).is_empty())
                .map(|r| r.status.to_string())
                .collect();
            out.push(format!("{}: response {} names no error code", op_name(op), bare.join(", ")));
        }
    }
    // The list of the unprovokable stays honest.
    for a in
        answers.iter().filter(|a| UNPROVOKED.iter().any(|(s, c, _)| *s == a.status && a.code.as_deref() == Some(*c)))
    {
        out.push(format!("{}: probe `{}` got {}, listed in UNPROVOKED as impossible", a.op, a.probe, a.text()));
    }
    (out, pairs)
}

fn find<'a>(answers: &'a [Answer], op: &str, probe: &str) -> Option<&'a Answer> {
    answers.iter().find(|a| a.op == op && a.probe == probe)
}

/// The docs' `auth`, body and `idempotent` rules, as the sandbox behaves.
pub fn rules(docs: &Docs, answers: &[Answer]) -> Vec<String> {
    let mut out = Vec::new();
    let mut expect =
        |op: &Operation, probe: &str, why: &str, ok: &dyn Fn(&Answer) -> bool| match find(answers, &op.id, probe) {
            Some(a) if ok(a) => {}
            Some(a) => out.push(format!("{}: {why}, but probe `{probe}` got {}", op_name(op), a.text())),
            None => out.push(format!("{}: {why}, but probe `{probe}` was not sent", op_name(op))),
        };
    let is = |status: u16, code: &'static str| move |a: &Answer| a.status == status && a.code.as_deref() == Some(code);
    let not_401 = |a: &Answer| a.status != 401;
    for op in docs.operations() {
        let auth = op.auth.as_str();
        match op.auth {
            Auth::Bearer | Auth::ApiKey => {
                let why = format!("`auth: {auth}` requires a credential (401 `missing_credentials` without)");
                expect(op, "no credential", &why, &is(401, "missing_credentials"));
            }
            Auth::None | Auth::Optional => {
                expect(op, "no credential", &format!("`auth: {auth}` needs no credential"), &not_401)
            }
        }
        if op.auth == Auth::None {
            expect(op, "unknown key", "`auth: none` reads no credential", &not_401);
        } else {
            let why = format!("`auth: {auth}` verifies a credential sent (401 `invalid_credentials`)");
            expect(op, "unknown key", &why, &is(401, "invalid_credentials"));
        }
        if op.auth == Auth::ApiKey {
            expect(
                op,
                "valid token",
                "`auth: api-key` refuses a token (401 `invalid_credentials`)",
                &is(401, "invalid_credentials"),
            );
        } else {
            expect(op, "valid token", &format!("`auth: {auth}` accepts a bearer token"), &not_401);
        }
        match docs_body_required(op) {
            Some(true) => expect(op, "empty body", "the body is required (400 without)", &|a| a.status == 400),
            Some(false) => expect(op, "empty body", "the body is optional", &|a| (200..300).contains(&a.status)),
            None => {}
        }
        let why = if op.idempotent {
            "`idempotent: true`: the same key and request replay (`Idempotent-Replayed: true`)"
        } else {
            "not documented as idempotent: an `Idempotency-Key` must not replay"
        };
        let idempotent = op.idempotent;
        expect(op, "replay", why, &move |a| a.replayed == idempotent);
    }
    out
}
