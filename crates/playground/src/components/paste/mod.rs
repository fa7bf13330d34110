//! Paste a cURL command: it is read as bash would, matched to the
//! documented operation, and what differs from the docs is listed as items
//! to act on. "Open" puts it in that operation's try-it panel (or the
//! generic panel when nothing matches). Flags the explorer does not apply
//! are listed, never dropped silently; a credential in the command is kept
//! out of the form.

use explorer_core::import::{Match, ParsedCurl, match_request, parse_curl, to_http_request};
use explorer_core::share::SharedRequest;
use explorer_core::token::{Pasted, pasted};
use leptos::html;
use leptos::prelude::*;

use crate::components::findings::finding_item;
use crate::components::modal::Modal;
use crate::env::{PRODUCTION, Target, page_origin};
use crate::sharing::{apply, navigate};
use crate::state::{Dialog, state};

#[derive(Clone, PartialEq)]
struct Reading {
    parsed: ParsedCurl,
    matched: Match,
}

fn read(text: &str) -> Result<Reading, String> {
    let parsed = parse_curl(text).map_err(|e| match e.position {
        Some((line, column)) => format!("line {line}, column {column}: {}", e.message),
        None => e.message,
    })?;
    let request = to_http_request(&parsed)?;
    let origin = window().location().host().unwrap_or_default();
    let production = PRODUCTION.trim_start_matches("https://");
    let matched = match_request(state().docs, &request, &[origin.as_str(), production]);
    Ok(Reading { parsed, matched })
}

#[component]
pub fn PasteDialog() -> impl IntoView {
    let s = state();
    let text = RwSignal::new(String::new());
    let reading = Memo::new(move |_| text.with(|t| (!t.trim().is_empty()).then(|| read(t))));
    let area = NodeRef::<html::Textarea>::new();
    // Why "Open" did nothing, shown instead of failing silently.
    let failure = RwSignal::new(None::<String>);
    Effect::new(move || {
        if s.dialog.get() == Some(Dialog::Paste)
            && let Some(area) = area.get()
        {
            let _ = area.focus();
        }
    });
    let open = move |use_credential: bool| {
        let Some(Ok(reading)) = reading.get_untracked() else { return };
        let m = reading.matched;
        // The environment is never changed: a matched request keeps the
        // place it was sent to as its own destination, and an unmatched one
        // opens in the generic panel with its whole URL.
        let target = match &m.operation {
            Some(_) => match Target::of_base_url(&m.base_url, &page_origin()) {
                Ok(target) => target,
                Err(why) => {
                    failure.set(Some(format!("The command's URL cannot be used: {why}")));
                    return;
                }
            },
            None => untrack(|| s.env.target.get()),
        };
        if use_credential && let Some(credential) = m.credential.clone() {
            // Kept in this tab's memory only, like a key typed in the panel,
            // and bound to the origin the command was sent to.
            let base = m.base_url.clone();
            match pasted(credential) {
                Some(Pasted::Token { value, claims }) => s.auth.use_token(crate::auth::Token { value, claims }, base),
                Some(Pasted::ApiKey(key)) => s.auth.use_key(key, base),
                None => {}
            }
        }
        let shared = SharedRequest {
            operation: m.operation.clone(),
            method: m.method,
            url: m.base_url.clone(),
            target,
            api_version: m.api_version.clone(),
            draft: m.draft.clone(),
        };
        match apply(shared, m.findings.clone()) {
            Ok(route) => {
                s.dialog.set(None);
                text.set(String::new());
                failure.set(None);
                navigate(&route);
            }
            Err(message) => failure.set(Some(message)),
        }
    };
    view! {
        <Modal which=Dialog::Paste title="Paste a cURL command" testid="paste-dialog" wide=true>
            <div class="dialog-section">
                <textarea
                    node_ref=area
                    class="input code"
                    rows="8"
                    spellcheck="false"
                    placeholder="curl https://api.cloudplatform.dev/v1/resources -H 'Authorization: Bearer …'"
                    aria-label="cURL command"
                    data-testid="paste-input"
                    prop:value=move || text.get()
                    on:input=move |ev| text.set(event_target_value(&ev))
                ></textarea>
                <p class="hint">
                    "Browsers' “Copy as cURL”, multi-line commands with \\ and $'…' quoting are understood. Nothing is sent until you open it and press Send."
                </p>
                {move || match reading.get() {
                    None => ().into_any(),
                    Some(Err(message)) => view! { <p class="field-error" role="alert" data-testid="paste-error">{message}</p> }.into_any(),
                    Some(Ok(reading)) => view! { <ReadingView reading open /> }.into_any(),
                }}
                {move || failure.get().map(|message| view! { <p class="field-error" role="alert" data-testid="paste-open-error">{message}</p> })}
            </div>
        </Modal>
    }
}

#[component]
fn ReadingView(reading: Reading, open: impl Fn(bool) + Copy + Send + Sync + 'static) -> impl IntoView {
    let docs = state().docs;
    let m = reading.matched.clone();
    let p = reading.parsed;
    let operation = m.operation.as_deref().and_then(|id| docs.operation(id));
    let has_credential = m.credential.is_some();
    view! {
        <div class="paste-result" data-testid="paste-result">
            <p class="paste-match" data-testid="paste-match">
                {match operation {
                    Some(op) => view! {
                        "Matches "
                        <span class=format!("method method-{}", op.method.as_str().to_ascii_lowercase())>{op.method.as_str()}</span>
                        " "
                        <code>{op.path.clone()}</code>
                        " — "
                        <a href=explorer_core::routes::operation_route(&op.id)>{op.summary.clone()}</a>
                    }
                    .into_any(),
                    None => view! { "No documented operation matches " <code>{format!("{} {}", m.method, m.base_url)}</code> "." }.into_any(),
                }}
            </p>
            <ul class="findings" data-testid="findings">
                {m.findings.iter().cloned().map(finding_item).collect_view()}
                {p.unsupported
                    .iter()
                    .map(|flag| view! { <li class="finding warning" data-testid="unsupported"><code>{flag.clone()}</code> " is not supported and was not applied."</li> })
                    .collect_view()}
                {p.ignored
                    .iter()
                    .map(|(flag, why)| view! { <li class="finding info"><code>{flag.clone()}</code> " ignored: " {*why}</li> })
                    .collect_view()}
                {p.notes.iter().map(|n| view! { <li class="finding info">{n.clone()}</li> }).collect_view()}
            </ul>
            <div class="dialog-actions">
                <button class="button-primary" data-testid="paste-open" on:click=move |_| open(false)>
                    {if operation.is_some() { "Open in try it" } else { "Open in the request panel" }}
                </button>
                {has_credential.then(|| view! {
                    <button class="button" data-testid="paste-open-with-credential" title="Kept in this tab's memory only" on:click=move |_| open(true)>
                        "Open, and use its credential"
                    </button>
                })}
            </div>
        </div>
    }
}
