//! Check a pasted response body against the docs (support: "the customer
//! sent us this JSON"): pick the operation and the status it came with,
//! paste the body, and see "matches the docs" or each difference with its
//! path and a link to the documentation row.

use std::sync::Arc;

use explorer_core::schema::{ResponseCheck, parse_status};
use leptos::html;
use leptos::prelude::*;

use crate::components::docs_check::PastedCheck;
use crate::components::modal::Modal;
use crate::state::{Dialog, state};

/// What was last submitted: (operation id, status, body).
type Submitted = (String, u16, String);

#[component]
pub fn CheckBodyDialog() -> impl IntoView {
    let s = state();
    let docs = s.docs;
    let first = docs.operations().next().map(|op| op.id.clone()).unwrap_or_default();
    let operation = RwSignal::new(first);
    let status = RwSignal::new(String::new());
    let body = RwSignal::new(String::new());
    let submitted = RwSignal::new(None::<Submitted>);
    let problem = RwSignal::new(None::<String>);
    let area = NodeRef::<html::Textarea>::new();
    // Opened on an endpoint page, the dialog starts from that operation.
    Effect::new(move || {
        if s.dialog.get() != Some(Dialog::CheckBody) {
            return;
        }
        let path = window().location().pathname().unwrap_or_default();
        if let Some(op) = docs.page_at(&path).and_then(|p| p.operation.as_ref()) {
            operation.set(op.id.clone());
            status.set(op.success().map(|r| r.status.to_string()).unwrap_or_default());
        }
        if let Some(area) = area.get() {
            let _ = area.focus();
        }
    });
    let statuses = move || {
        operation.with(|id| {
            docs.operation(id).map(|op| op.responses.iter().map(|r| r.status.to_string()).collect::<Vec<_>>())
        })
    };
    let check = move |_| match parse_status(&status.get_untracked()) {
        Ok(code) => {
            problem.set(None);
            submitted.set(Some((operation.get_untracked(), code, body.get_untracked())));
        }
        Err(message) => problem.set(Some(message)),
    };
    view! {
        <Modal which=Dialog::CheckBody title="Check a response body against the docs" testid="check-body-dialog" wide=true>
            <div class="dialog-section check-body">
                <div class="check-body-fields">
                    <label class="field">
                        <span>"Operation"</span>
                        <select
                            class="input"
                            data-testid="check-body-operation"
                            prop:value=move || operation.get()
                            on:change=move |ev| operation.set(event_target_value(&ev))
                        >
                            {docs
                                .operations()
                                .map(|op| {
                                    let id = op.id.clone();
                                    view! { <option value=id>{format!("{} {} — {}", op.method, op.path, op.summary)}</option> }
                                })
                                .collect_view()}
                        </select>
                    </label>
                    <label class="field">
                        <span>"Status"</span>
                        <input
                            class="input"
                            inputmode="numeric"
                            list="check-body-statuses"
                            data-testid="check-body-status"
                            prop:value=move || status.get()
                            on:input=move |ev| status.set(event_target_value(&ev))
                        />
                        <datalist id="check-body-statuses">
                            {move || statuses().unwrap_or_default().into_iter().map(|s| view! { <option value=s></option> }).collect_view()}
                        </datalist>
                    </label>
                </div>
                <textarea
                    node_ref=area
                    class="input code"
                    rows="10"
                    spellcheck="false"
                    placeholder="{ \"id\": \"res_8f2a\", … }"
                    aria-label="Response body"
                    data-testid="check-body-input"
                    prop:value=move || body.get()
                    on:input=move |ev| body.set(event_target_value(&ev))
                ></textarea>
                <p class="hint">"Nothing is sent anywhere: the body is compared with the documented object in this page."</p>
                <div class="dialog-actions">
                    <button class="button-primary" data-testid="check-body-run" on:click=check>"Check"</button>
                </div>
                {move || problem.get().map(|message| view! { <p class="field-error" role="alert" data-testid="check-body-error">{message}</p> })}
                {move || submitted.get().and_then(|(id, code, text)| {
                    let op = docs.operation(&id)?;
                    let (check, value) = ResponseCheck::pasted(&docs.objects, op, code, &text);
                    Some(view! { <PastedCheck check value=value.map(Arc::new) /> })
                })}
            </div>
        </Modal>
    }
}
