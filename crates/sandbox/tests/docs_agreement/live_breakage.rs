//! The live checks can fail: the docs are broken on purpose and the
//! answers of one real round of probes must then disagree with them, each
//! message naming the operation, the status and the code.

use explorer_core::Docs;
use explorer_core::operation::{Auth, Location, Operation};

use crate::breakage::expect_caught;
use crate::contract::load_docs;
use crate::live;

fn all(docs: &Docs, answers: &[crate::probes::Answer]) -> Vec<String> {
    let mut found = live::undocumented(docs, answers);
    found.extend(live::unprovoked(docs, answers).0);
    found.extend(live::rules(docs, answers));
    found
}

#[tokio::test]
async fn broken_docs_are_caught_by_the_running_sandbox() {
    let docs = load_docs();
    let answers = live::run(&docs).await;
    let baseline = all(&docs, &answers);
    type Break = fn(&mut Operation);
    let cases: Vec<(&str, &str, Break, &[&str])> = vec![
        (
            "a code left out",
            "list-resources",
            |op| {
                for r in op.responses.iter_mut().filter(|r| r.status == 400) {
                    r.description = r.description.replace("(`invalid_cursor`)", "");
                }
            },
            &[
                "GET /v1/resources (list-resources, content/reference/list-resources.md:",
                "probe `undecodable cursor` got 400 `invalid_cursor`, a code the docs do not name under response 400",
            ],
        ),
        (
            "a status the sandbox never answers",
            "get-resource",
            |op| {
                let mut extra = op.responses[0].clone();
                extra.status = 409;
                extra.description = "In flight (`idempotency_in_flight`).".to_owned();
                op.responses.push(extra);
            },
            &[
                "(get-resource, content/reference/get-resource.md:",
                "response 409 `idempotency_in_flight` is documented",
            ],
        ),
        (
            "an optional credential documented as required",
            "ping",
            |op| op.auth = Auth::Bearer,
            &[
                "GET /v2/ping (ping",
                "requires a credential (401 `missing_credentials` without), but probe `no credential` got 200",
            ],
        ),
        (
            "a token accepted where only keys are",
            "create-token",
            |op| op.auth = Auth::Bearer,
            &["`auth: bearer` accepts a bearer token, but probe `valid token` got 401 `invalid_credentials`"],
        ),
        (
            "a credential documented as not read",
            "ping-v1",
            |op| op.auth = Auth::None,
            &["`auth: none` reads no credential, but probe `unknown key` got 401 `invalid_credentials`"],
        ),
        (
            "an optional body documented as required",
            "create-token",
            |op| op.params.retain(|p| !(p.location == Location::Body && p.name == "api_key")),
            &["the body is required (400 without), but probe `empty body` got 200"],
        ),
        (
            "idempotency not documented",
            "update-resource",
            |op| op.idempotent = false,
            &["(update-resource", "an `Idempotency-Key` must not replay, but probe `replay` got 200"],
        ),
        (
            "idempotency documented where there is none",
            "list-projects",
            |op| op.idempotent = true,
            &[
                "(list-projects",
                "the same key and request replay (`Idempotent-Replayed: true`), but probe `replay` got 200",
            ],
        ),
    ];
    for (case, id, break_it, expected) in cases {
        let mut broken = docs.clone();
        let op = broken.pages.iter_mut().find_map(|p| p.operation.as_mut().filter(|o| o.id == id));
        break_it(op.unwrap_or_else(|| panic!("test setup: no operation {id}")));
        let found: Vec<String> = all(&broken, &answers).into_iter().filter(|m| !baseline.contains(m)).collect();
        expect_caught(case, &found, expected);
    }
}

#[tokio::test]
async fn an_undocumented_method_is_caught() {
    let mut docs = load_docs();
    for page in &mut docs.pages {
        if page.operation.as_ref().is_some_and(|o| o.id == "delete-resource") {
            page.operation = None;
        }
    }
    let (found, _) = crate::methods::undocumented_methods(&docs).await;
    expect_caught(
        "DELETE left out of the docs",
        &found,
        &[
            "DELETE /v1/resources/{id}: not documented, so 405 `method_not_allowed`, but got 404 `not_found`",
            "PUT /v1/resources/{id}: 405 `Allow` is",
        ],
    );
}
