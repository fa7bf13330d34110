//! The try-it panel of one operation, generated from its definition: the
//! form, the problems found before sending, the request as cURL and code,
//! and the response. Nothing here is written for a particular endpoint.

mod body;
mod field;
mod fields;
mod send;

use explorer_core::import::Severity;
use explorer_core::operation::{Location, Operation};
use explorer_core::request::{HttpRequest, validate};
use explorer_core::target::CredentialGate;
use leptos::prelude::*;

use crate::auth::Mode;
use crate::client::InFlight;
use crate::components::destination::{DestinationNotice, panel_base};
use crate::components::events::EventLog;
use crate::components::findings::ImportFindings;
use crate::components::response::ResponseView;
use crate::components::share::ShareButton;
use crate::components::snippets::Snippets;
use crate::outcome::Outcome;
use crate::sharing;
use crate::state::{Dialog, state};
use body::BodyEditor;
use fields::{ParamSection, SECTIONS};

#[component]
pub fn TryIt(op: &'static Operation) -> impl IntoView {
    let s = state();
    let form = s.form(op);
    let draft = Memo::new(move |_| form.draft(op));
    let issues = Memo::new(move |_| draft.with(|d| validate(op, d)));
    // Built from the draft above, so a keystroke reads the form once.
    let request = Memo::new(move |_| draft.with(|d| crate::form_request::request_for(op, form, d)));
    let flight = StoredValue::new_local(None::<InFlight>);
    let sending = RwSignal::new(false);
    let panel = NodeRef::<leptos::html::Div>::new();
    // A new outcome is brought into view: on a laptop the response is drawn
    // far below the Send button, inside the scrolling panel.
    Effect::new(move |previous: Option<Option<u32>>| {
        let seq = form.outcome.with(|o| o.as_ref().map(Outcome::seq));
        if previous.is_some_and(|p| p != seq)
            && let Some(panel) = panel.get_untracked()
        {
            request_animation_frame(move || {
                // The response view, or the card of a failure or refusal.
                if let Ok(Some(result)) = panel.query_selector(".response-view,.result-card") {
                    let options = web_sys::ScrollIntoViewOptions::new();
                    options.set_block(web_sys::ScrollLogicalPosition::Nearest);
                    result.scroll_into_view_with_scroll_into_view_options(&options);
                }
            });
        }
        seq
    });
    let status_beside_send = move || form.outcome.with(|o| o.as_ref().map(Outcome::headline));

    let dispatch = move |same: Option<HttpRequest>| {
        if sending.get_untracked() {
            return;
        }
        let inflight = InFlight::new();
        flight.set_value(Some(inflight.clone()));
        sending.set(true);
        leptos::task::spawn_local(async move {
            send::send(op, form, inflight, same).await;
            sending.set(false);
        });
    };
    let next_page = Callback::new(move |cursor: String| {
        form.set_value(Location::Query, "cursor", cursor);
        dispatch(None);
    });
    let resend = Callback::new(move |()| {
        let previous = form.outcome.with_untracked(|o| match o {
            Some(crate::outcome::Outcome::Response(r)) => Some(r.request.clone()),
            _ => None,
        });
        dispatch(previous);
    });
    let cancel = move |_| {
        if let Some(inflight) = flight.get_value() {
            inflight.cancel();
        }
    };
    let credential_line = move || {
        let auth = s.auth;
        if matches!(
            auth.gate(&panel_base(form.destination)),
            CredentialGate::Confirm { .. } | CredentialGate::Withheld { .. }
        ) {
            return "Credential held back from this origin (see below)".to_owned();
        }
        match auth.mode.get() {
            Mode::Token if auth.token.with(|t| t.as_ref().is_some_and(|t| t.claims.expires_at <= s.now.get())) => {
                "Token expired: reconnect".to_owned()
            }
            Mode::Token if auth.token.with(Option::is_some) => "Bearer token".to_owned(),
            Mode::ApiKey if auth.key.with(Option::is_some) => "API key".to_owned(),
            _ if op.auth.requires_credential() => "No credential: the API will answer 401".to_owned(),
            _ => "No credential needed".to_owned(),
        }
    };
    // What the paste dialog found counts until the user fixes or dismisses it.
    let carried = move || form.findings.with(|f| f.iter().filter(|f| f.severity != Severity::Info).count());
    let issue_count = move || issues.with(Vec::len) + carried();
    // A history replay sends as soon as the panel is shown.
    if s.autosend.get_untracked().as_deref() == Some(op.id.as_str()) {
        s.autosend.set(None);
        dispatch(None);
    }

    view! {
        <div
            node_ref=panel
            class="try-it"
            data-testid="try-it"
            data-operation=op.id.clone()
            on:keydown=move |ev| {
                if ev.key() == "Enter" && (ev.ctrl_key() || ev.meta_key()) {
                    ev.prevent_default();
                    dispatch(None);
                }
            }
        >
            <header class="try-it-head">
                <h2 class="try-it-heading">"Try it"</h2>
                <p class="request-line" data-testid="request-line">
                    <span class=format!("method method-{}", op.method.as_str().to_ascii_lowercase())>{op.method.as_str()}</span>
                    <code class="request-url">
                        {move || request.with(|r| r.as_ref().map(|r| r.url.clone()).unwrap_or_else(|_| op.path.clone()))}
                    </code>
                </p>
                <p class="credential-line">
                    <span data-testid="credential-line">{credential_line}</span>
                    " · "
                    <span data-testid="panel-target">{move || form.destination.get().map_or_else(|| s.env.target.get(), |d| d.target).label()}</span>
                    " "
                    <button class="link-button" data-testid="open-connection" on:click=move |_| s.dialog.set(Some(Dialog::Connection))>
                        "Change"
                    </button>
                </p>
            </header>
            {SECTIONS
                .iter()
                .map(|(location, title)| view! { <ParamSection op form location=*location title=*title issues /> })
                .collect_view()}
            {op.has_body().then(|| view! { <BodyEditor op form issues /> })}
            <ImportFindings findings=form.findings />
            <DestinationNotice destination=form.destination url=Signal::derive(move || panel_base(form.destination)) />
            <div class="send-bar">
                {if op.streaming {
                    ().into_any()
                } else {
                    view! {
                        <Show
                            when=move || sending.get()
                            fallback=move || {
                                view! {
                                    <button class="button-primary send" data-testid="send" title="Ctrl+Enter" on:click=move |_| dispatch(None)>
                                        "Send"
                                    </button>
                                }
                            }
                        >
                            <button class="button send" data-testid="cancel" on:click=cancel>
                                <span class="spinner" aria-hidden="true"></span>
                                "Cancel"
                            </button>
                        </Show>
                    }
                    .into_any()
                }}
                <button class="button" data-testid="fill-example" on:click=move |_| form.reset(op)>
                    "Fill example"
                </button>
                <button
                    class="button"
                    data-testid="clear-form"
                    on:click=move |_| {
                        form.fields.update(|f| f.iter_mut().for_each(|e| e.2.clear()));
                        form.body.set(String::new());
                    }
                >
                    "Clear"
                </button>
                <ShareButton route=explorer_core::routes::operation_route(&op.id) request=Callback::new(move |()| sharing::from_form(op, form)) />
                <span class="send-status" role="status" data-testid="send-status">
                    {move || status_beside_send().map(|(text, class)| view! { <span class=format!("status-pill {class}")>{text}</span> })}
                </span>
                <span class="issue-count" class:has-issues=move || issues.with(|i| !i.is_empty()) data-testid="issue-count">
                    {move || match issue_count() {
                        0 => "Looks valid".to_owned(),
                        1 => "1 problem: the API will likely refuse it".to_owned(),
                        n => format!("{n} problems: the API will likely refuse it"),
                    }}
                </span>
            </div>
            <Snippets request />
            {if op.streaming {
                view! { <EventLog op form /> }.into_any()
            } else {
                ().into_any()
            }}
            <ResponseView op=Some(op) outcome=form.outcome next_page resend />
        </div>
    }
}
