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
    eprintln!("{} probes sent; {pairs} documented (operation, status) pairs provoked", answers.len());
    assert!(sections.is_empty(), "the docs and the running sandbox disagree:\n{}\n", sections.join("\n\n"));
}

#[tokio::test]
async fn an_undocumented_method_on_a_documented_path_is_405_with_the_documented_allow() {
    let (problems, sent) = methods::undocumented_methods(&load_docs()).await;
    eprintln!("{sent} requests with undocumented methods");
    assert!(sent > 0, "no path has an undocumented method to try");
    assert!(problems.is_empty(), "405 and the docs disagree:\n{}\n", problems.join("\n"));
}
