//! "Matches the docs", or each difference between a response and its
//! documentation: the JSON path, what differs, and a link to the row of the
//! docs it breaks. Shown under every response of an operation's panel, and
//! in the dialog that checks a pasted body.

use std::sync::Arc;

use explorer_core::operation::Operation;
use explorer_core::schema::{Difference, ResponseCheck, ResponseFacts, differences_heading, more_note};
use leptos::prelude::*;
use serde_json::Value;

use crate::env::page_origin;
use crate::hooks::{CheckProgress, UseDocsCheckReturn, use_docs_check};
use crate::outcome::Received;
use crate::state::state;

/// The live check of one response of `op`.
#[component]
pub fn DocsCheck(op: &'static Operation, received: Received) -> impl IntoView {
    let s = state();
    let exchange = &received.exchange;
    let cross_origin = explorer_core::target::is_cross_origin(&received.request.url, &page_origin());
    let facts = ResponseFacts {
        status: exchange.status,
        media_type: exchange.header("content-type").map(str::to_owned),
        header_names: exchange.headers.iter().map(|(name, _)| name.clone()).collect(),
        headers_known: true,
        cross_origin,
        body_is_empty: exchange.body.is_empty(),
        body_is_json: received.json.is_some(),
    };
    let check = ResponseCheck::start(&s.docs.objects, op, &facts);
    let UseDocsCheckReturn { progress } = use_docs_check(check, received.json.clone());
    view! { <CheckResult progress /> }
}

/// The check of a pasted body (see `check_body`).
#[component]
pub fn PastedCheck(check: ResponseCheck, value: Option<Arc<Value>>) -> impl IntoView {
    let UseDocsCheckReturn { progress } = use_docs_check(check, value);
    view! { <CheckResult progress /> }
}

#[component]
fn CheckResult(progress: ReadSignal<CheckProgress>) -> impl IntoView {
    move || match progress.get() {
        CheckProgress::Running { values } => view! {
            <p class="docs-check running" data-testid="docs-check" data-state="running" role="status">
                {format!("Comparing with the docs… {values} values so far")}
            </p>
        }
        .into_any(),
        CheckProgress::Done { differences, .. } if differences.is_empty() => view! {
            <p class="docs-check match" data-testid="docs-check" data-state="match" role="status">
                "✓ Matches the docs"
            </p>
        }
        .into_any(),
        CheckProgress::Done { differences, total } => {
            let more = more_note(total, differences.len());
            let heading = differences_heading(total);
            view! {
                <div class="docs-check differ" data-testid="docs-check" data-state="differ" role="status">
                    <p class="docs-check-title">{heading}</p>
                    <ul class="docs-check-list">
                        {differences.into_iter().map(difference_item).collect_view()}
                    </ul>
                    {more.map(|note| view! { <p class="muted">{note}</p> })}
                </div>
            }
            .into_any()
        }
    }
}

fn difference_item(d: Difference) -> impl IntoView {
    view! {
        <li class="docs-difference" data-testid="docs-difference" data-kind=d.kind.label()>
            <code class="docs-difference-path" data-testid="docs-difference-path">{d.path}</code>
            <span class="docs-difference-kind">{d.kind.label()}</span>
            <span class="docs-difference-message">{d.message}</span>
            {d.doc.map(|doc| view! { <a class="docs-difference-link" href=doc.link>{doc.label}</a> })}
        </li>
    }
}
