//! The generic request panel: for a request the docs do not describe (a
//! pasted command that matches no operation, or a share link of one). The
//! same client, snippets, response view, history and sharing as try-it.

use explorer_core::operation::Method;
use explorer_core::request::{HttpRequest, add_credential, header_value_problem};
use leptos::prelude::*;

use crate::client::{self, InFlight, SendError};
use crate::components::destination::DestinationNotice;
use crate::components::findings::ImportFindings;
use crate::components::response::ResponseView;
use crate::components::share::ShareButton;
use crate::components::snippets::Snippets;
use crate::outcome::{Outcome, Received};
use crate::sharing::{self, GENERIC_ROUTE};
use crate::state::{Dialog, state};

/// The request the panel describes, or why it cannot be sent.
fn request(with_credential: bool) -> Result<HttpRequest, String> {
    let s = state();
    let g = s.generic;
    let url = g.url.get().trim().to_owned();
    if !(url.starts_with("http://") || url.starts_with("https://")) {
        return Err("Enter an absolute http:// or https:// URL.".to_owned());
    }
    let method = g.method.get();
    let mut headers: Vec<(String, String)> =
        g.headers.get().into_iter().filter(|(n, _)| !n.trim().is_empty()).collect();
    for (name, value) in &headers {
        if let Some(problem) = header_value_problem(value) {
            return Err(format!("{name}: {problem}"));
        }
    }
    if with_credential {
        // Only to the origin the credential was obtained for, or one the
        // user confirmed in the notice above the Send button.
        add_credential(&mut headers, &s.auth.credential_for(&url));
    }
    let body = g.body.get();
    let body = (method.has_body() && !body.trim().is_empty()).then_some(body);
    Ok(HttpRequest { method, url, headers, body })
}

#[component]
pub fn GenericRequest() -> impl IntoView {
    let s = state();
    let g = s.generic;
    let with_credential = RwSignal::new(true);
    let built = Memo::new(move |_| request(with_credential.get()));
    let flight = StoredValue::new_local(None::<InFlight>);
    let sending = RwSignal::new(false);
    let dispatch = move || {
        let Ok(req) = built.get_untracked() else { return };
        if sending.get_untracked() {
            return;
        }
        let inflight = InFlight::new();
        flight.set_value(Some(inflight.clone()));
        sending.set(true);
        let shared = sharing::from_generic();
        leptos::task::spawn_local(async move {
            let outcome = match client::send(&req, &inflight).await {
                Ok(exchange) => {
                    sharing::record(shared, Some(exchange.status), exchange.duration_ms);
                    Outcome::Response(Box::new(Received::new(req, exchange)))
                }
                Err(SendError::Refused(message)) => Outcome::refused(message),
                Err(SendError::Failed(failure)) => {
                    let page = window().location().href().unwrap_or_default();
                    Outcome::failed(req.url.clone(), explorer_core::response::explain(failure, &page, &req.url))
                }
            };
            g.outcome.set(Some(outcome));
            sending.set(false);
        });
    };
    if s.autosend.get_untracked().as_deref() == Some("") {
        s.autosend.set(None);
        dispatch();
    }
    let resend = Callback::new(move |()| dispatch());
    let next_page = Callback::new(|_: String| {});
    view! {
        <div class="try-it generic" data-testid="generic-request">
            <header class="try-it-head">
                <h2 class="try-it-heading">"Request"</h2>
                <p class="hint">"A request outside the reference, sent as written. The connection's credential is added unless the headers carry one, and only to the origin it was obtained for."</p>
            </header>
            <div class="field-row">
                <select class="input method-select" aria-label="Method" data-testid="generic-method"
                    prop:value=move || g.method.get().as_str()
                    on:change=move |ev| if let Some(m) = Method::parse(&event_target_value(&ev)) { g.method.set(m) }>
                    {Method::ALL.iter().map(|m| view! { <option value=m.as_str()>{m.as_str()}</option> }).collect_view()}
                </select>
                <input class="input code" aria-label="URL" spellcheck="false" data-testid="generic-url"
                    prop:value=move || g.url.get() on:input=move |ev| g.url.set(event_target_value(&ev)) />
            </div>
            <section class="form-section">
                <h3 class="form-section-title">"Headers"</h3>
                <For each=move || 0..g.headers.with(Vec::len) key=|i| *i let:i>
                    <div class="field-row custom-field">
                        <input class="input name" aria-label="Name" spellcheck="false" prop:value=move || g.headers.with(|h| h.get(i).map(|e| e.0.clone()).unwrap_or_default())
                            on:input=move |ev| g.headers.update(|h| if let Some(e) = h.get_mut(i) { e.0 = event_target_value(&ev) }) />
                        <input class="input" aria-label="Value" spellcheck="false" prop:value=move || g.headers.with(|h| h.get(i).map(|e| e.1.clone()).unwrap_or_default())
                            on:input=move |ev| g.headers.update(|h| if let Some(e) = h.get_mut(i) { e.1 = event_target_value(&ev) }) />
                        <button class="icon-button" aria-label="Remove" on:click=move |_| g.headers.update(|h| { if i < h.len() { h.remove(i); } })>"✕"</button>
                    </div>
                </For>
                <button class="link-button add-row" on:click=move |_| g.headers.update(|h| h.push((String::new(), String::new())))>"+ Add header"</button>
            </section>
            <Show when=move || g.method.get().has_body()>
                <section class="form-section">
                    <h3 class="form-section-title">"Body"</h3>
                    <textarea class="input code" rows="8" spellcheck="false" aria-label="Body" data-testid="generic-body"
                        prop:value=move || g.body.get() on:input=move |ev| g.body.set(event_target_value(&ev))></textarea>
                </section>
            </Show>
            <ImportFindings findings=g.findings />
            <DestinationNotice url=Signal::derive(move || g.url.get()) />
            <label class="check">
                <input type="checkbox" prop:checked=move || with_credential.get() on:change=move |ev| with_credential.set(event_target_checked(&ev)) />
                "Add the connection's credential"
                <button class="link-button" on:click=move |_| s.dialog.set(Some(Dialog::Connection))>"Change"</button>
            </label>
            <div class="send-bar">
                <Show when=move || sending.get() fallback=move || view! {
                    <button class="button-primary send" data-testid="send" disabled=move || built.with(Result::is_err) on:click=move |_| dispatch()>"Send"</button>
                }>
                    <button class="button send" data-testid="cancel" on:click=move |_| if let Some(f) = flight.get_value() { f.cancel() }>
                        <span class="spinner" aria-hidden="true"></span>"Cancel"
                    </button>
                </Show>
                <ShareButton route=GENERIC_ROUTE.to_owned() request=Callback::new(move |()| sharing::from_generic()) />
            </div>
            <Snippets request=built />
            <ResponseView op=None outcome=g.outcome next_page resend />
        </div>
    }
}
