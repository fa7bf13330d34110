//! The docs and the sandbox describe one API (issues 3 and 6): every
//! operation, parameter, response status, error code, credential rule, body
//! rule and idempotency flag in the reference pages (`content/`, parsed by
//! explorer-core) agrees with the sandbox's `/openapi.json` and, in
//! `live.rs`, with what the running sandbox answers, both ways. The docs' own
//! OpenAPI export (issue 5) must agree with `/openapi.json` too.
//!
//! Both sides are reduced to one contract (`contract.rs`) and compared field
//! by field (`compare.rs`), so a failure lists every difference at once, each
//! naming the operation, the parameter or status, and what each side says.
//! `breakage.rs` breaks each side on purpose to show every kind of difference
//! is caught.

mod breakage;
mod compare;
mod contract;
mod examples;
mod live;
mod live_breakage;
mod methods;
mod probes;
mod response_schemas;

use serde_json::Value;

use compare::{assert_none, compare};
use contract::{Aspect, DOCS, EXPORT, SANDBOX, from_docs, from_openapi, load_docs, served};

// ---- the docs and the sandbox ------------------------------------------------------

#[test]
fn every_documented_operation_is_served_and_every_served_one_documented() {
    let differences = compare(DOCS, &from_docs(&load_docs()), SANDBOX, &from_openapi(&served()));
    assert_none(
        "operations (method + path, id, deprecation, credentials, body, idempotency)",
        differences,
        &[Aspect::Operations],
    );
}

#[test]
fn parameters_agree_both_ways_on_location_name_required_type_enum_and_limits() {
    let differences = compare(DOCS, &from_docs(&load_docs()), SANDBOX, &from_openapi(&served()));
    assert_none("parameters", differences, &[Aspect::Parameters]);
}

#[test]
fn response_statuses_agree_both_ways() {
    let differences = compare(DOCS, &from_docs(&load_docs()), SANDBOX, &from_openapi(&served()));
    assert_none("response statuses, documented response headers and error codes", differences, &[Aspect::Statuses]);
}

// ---- the docs' export and the sandbox ------------------------------------------------

#[test]
fn the_export_agrees_with_the_sandbox_on_paths_methods_parameters_and_statuses() {
    let docs = load_docs();
    let text = explorer_core::openapi::export(&docs, "http://127.0.0.1:8080");
    let export: Value = serde_json::from_str(&text).expect("the export is JSON");
    let exported = from_openapi(&export);
    assert_eq!(exported.len(), docs.operations().count(), "the export has every documented operation once");
    let differences = compare(EXPORT, &exported, SANDBOX, &from_openapi(&served()));
    assert_none(
        "the export against /openapi.json",
        differences,
        &[Aspect::Operations, Aspect::Parameters, Aspect::Statuses],
    );
    // The export is the docs, nothing lost on the way.
    let differences = compare(DOCS, &from_docs(&docs), EXPORT, &exported);
    assert_none(
        "the docs against their export",
        differences,
        &[Aspect::Operations, Aspect::Parameters, Aspect::Statuses],
    );
}

// ---- response bodies ----------------------------------------------------------------

/// Field names, types, required, nullable and enums of every documented
/// response body, from the docs' export and from `/openapi.json`, both ways.
#[test]
fn response_bodies_agree_field_by_field_both_ways() {
    let docs = load_docs();
    let export: Value =
        serde_json::from_str(&explorer_core::openapi::export(&docs, "http://127.0.0.1:8080")).expect("JSON");
    let served = served();
    let mut problems = Vec::new();
    let mut compared = 0;
    for op in docs.operations() {
        let method = op.method.as_str().to_ascii_lowercase();
        for response in &op.responses {
            let status = response.status.to_string();
            let place = format!("{} {} {status} ({})", op.method, op.path, op.id);
            let ours = response_schemas::response_schema(&export, &op.path, &method, &status);
            let theirs = response_schemas::response_schema(&served, &op.path, &method, &status);
            match (ours, theirs) {
                (None, None) => {}
                (Some(_), None) => problems.push(format!("{place}: the docs name a body, /openapi.json none")),
                (None, Some(_)) => problems.push(format!("{place}: /openapi.json has a body the docs do not name")),
                (Some((our_media, ours)), Some((their_media, theirs))) => {
                    compared += 1;
                    if our_media != their_media {
                        problems.push(format!("{place}: the docs say {our_media}, /openapi.json {their_media}"));
                    }
                    let ours = response_schemas::shape(&export, ours);
                    let theirs = response_schemas::shape(&served, theirs);
                    assert!(!ours.is_empty(), "{place}: the docs' body has no fields");
                    problems.extend(response_schemas::differences(&place, DOCS, &ours, SANDBOX, &theirs));
                }
            }
        }
    }
    eprintln!("{compared} response bodies compared");
    assert!(compared >= 40, "only {compared} bodies compared");
    assert!(problems.is_empty(), "response bodies differ:\n{}\n", problems.join("\n"));
}

// ---- the running sandbox -----------------------------------------------------------

/// Sandbox → docs and docs → sandbox on statuses and problem codes, and the
/// docs' credential, body and idempotency rules, all from one round of probes
/// (a frozen clock and an exhausted rate limit make the rounds order-bound).
#[tokio::test]
async fn the_running_sandbox_answers_what_the_docs_say_both_ways() {
    let docs = load_docs();
    let answers = live::run(&docs).await;
    let mut sections = Vec::new();
    let mut section = |title: &str, problems: Vec<String>| {
        if !problems.is_empty() {
            let list: Vec<String> = problems.iter().enumerate().map(|(i, p)| format!("{:>3}. {p}", i + 1)).collect();
            sections.push(format!("{title}:\n{}", list.join("\n")));
        }
    };
    section("answered but not documented", live::undocumented(&docs, &answers));
    let (unprovoked, pairs) = live::unprovoked(&docs, &answers);
    section("documented but not provoked", unprovoked);
    section("credential, body and idempotency rules", live::rules(&docs, &answers));
    let drift: Vec<String> = answers
        .iter()
        .flat_map(|a| a.differences.iter().map(move |d| format!("{} ({}, {}): {d}", a.op, a.probe, a.status)))
        .collect();
    section("answers that differ from their documented status, headers or body", drift);
    eprintln!("{} probes sent; {pairs} documented (operation, status) pairs provoked", answers.len());
    let bodies = answers.iter().filter(|a| a.values_checked > 0).count();
    let values: usize = answers.iter().map(|a| a.values_checked).sum();
    eprintln!("{bodies} bodies ({values} values) compared with their documented objects");
    assert!(bodies * 10 >= answers.len() * 8, "only {bodies} of {} answers had their body compared", answers.len());
    assert!(sections.is_empty(), "the docs and the running sandbox disagree:\n{}\n", sections.join("\n\n"));
}

#[tokio::test]
async fn an_undocumented_method_on_a_documented_path_is_405_with_the_documented_allow() {
    let (problems, sent) = methods::undocumented_methods(&load_docs()).await;
    eprintln!("{sent} requests with undocumented methods");
    assert!(sent > 0, "no path has an undocumented method to try");
    assert!(problems.is_empty(), "405 and the docs disagree:\n{}\n", problems.join("\n"));
}

/// Each kind of body difference is caught: a field gone, a type, a required
/// flag, nullability and an enum changed on the sandbox's side.
#[test]
fn a_broken_response_body_is_caught() {
    let docs = load_docs();
    let export: Value =
        serde_json::from_str(&explorer_core::openapi::export(&docs, "http://127.0.0.1:8080")).expect("JSON");
    let mut broken = served();
    let resource = broken.pointer_mut("/components/schemas/Resource").expect("Resource");
    resource["properties"].as_object_mut().expect("properties").shift_remove("region");
    resource["properties"]["name"]["type"] = "integer".into();
    resource["properties"]["status"] = serde_json::json!({"type": ["string", "null"], "enum": ["active"]});
    resource["required"].as_array_mut().expect("required").retain(|r| r != "updated_at");
    resource["properties"]["extra"] = serde_json::json!({"type": "string"});
    let ours = response_schemas::shape(
        &export,
        response_schemas::response_schema(&export, "/v1/resources/{id}", "get", "200").unwrap().1,
    );
    let theirs = response_schemas::shape(
        &broken,
        response_schemas::response_schema(&broken, "/v1/resources/{id}", "get", "200").unwrap().1,
    );
    let found = response_schemas::differences("get", DOCS, &ours, SANDBOX, &theirs);
    let expected = [
        "get: `name` type: string in the docs, integer in /openapi.json",
        "get: `region` is in the docs but not in /openapi.json",
        "get: `status` nullable: false in the docs, true in /openapi.json",
        "get: `status` enum: {\"active\", \"archived\"} in the docs, {\"active\"} in /openapi.json",
        "get: `updated_at` required: true in the docs, false in /openapi.json",
        "get: `extra` is in /openapi.json but not in the docs",
    ];
    assert_eq!(found, expected);
}
