//! One panel for where requests go and what credential they carry: the
//! environment switcher, the `X-API-Version` pin, the key-for-token
//! exchange and the "API key" mode. The header chip opens it and shows the
//! token's scopes and remaining time.

use explorer_core::json_text as json;
use explorer_core::request::{Credential, Draft, build, validate_base_url};
use explorer_core::token::{TokenStatus, check_api_key, countdown, mask, scope_chosen, toggle_scope};
use leptos::prelude::*;
use serde_json::Value;

use crate::auth::Mode;
use crate::client::{self, InFlight};
use crate::components::modal::Modal;
use crate::env::{PRODUCTION, Target, VERSIONS, base_url};
use crate::state::{Dialog, state};

/// The header's summary of the connection; opens the panel.
#[component]
pub fn ConnectionChip() -> impl IntoView {
    let s = state();
    let auth = s.auth;
    let status = move || match auth.mode.get() {
        Mode::ApiKey => match auth.key.get() {
            Some(key) => format!("API key {}", mask(&key)),
            None => "No credential".to_owned(),
        },
        Mode::Token => auth.token.with(|t| match t {
            Some(t) => match t.claims.status(s.now.get()) {
                TokenStatus::Expired => "Token expired".to_owned(),
                TokenStatus::Valid { seconds_left } | TokenStatus::ExpiringSoon { seconds_left } => {
                    format!("Token · {}", countdown(seconds_left))
                }
            },
            None => "Connect".to_owned(),
        }),
    };
    // Expired or about to: the chip says so until the token is renewed.
    let warn = move || {
        auth.needs_key.get()
            || auth.token.with(|t| {
                t.as_ref().is_some_and(|t| !matches!(t.claims.status(s.now.get()), TokenStatus::Valid { .. }))
            })
    };
    view! {
        <button
            class="connection-chip"
            class:warn=warn
            data-testid="connection-chip"
            title="Environment and credentials"
            on:click=move |_| s.dialog.set(Some(Dialog::Connection))
        >
            <span class="chip-env">{move || s.env.target.get().label()}</span>
            <span class="chip-auth" data-testid="chip-auth">{status}</span>
        </button>
    }
}

#[component]
pub fn ConnectionDialog() -> impl IntoView {
    view! {
        <Modal which=Dialog::Connection title="Connection" testid="connection-dialog">
            <EnvironmentSection />
            <CredentialSection />
        </Modal>
    }
}

#[component]
fn EnvironmentSection() -> impl IntoView {
    let env = state().env;
    let custom = RwSignal::new(match env.target.get_untracked() {
        Target::Custom(url) => url,
        _ => String::new(),
    });
    let custom_error = RwSignal::new(None::<String>);
    let choice = move || match env.target.get() {
        Target::Sandbox => "sandbox",
        Target::Production => "production",
        Target::Custom(_) => "custom",
    };
    let apply_custom = move || match validate_base_url(&custom.get_untracked()) {
        Ok(url) => {
            custom_error.set(None);
            env.set_target(Target::Custom(url));
        }
        Err(message) => custom_error.set(Some(message)),
    };
    let mixed = move || {
        let page_https = window().location().protocol().is_ok_and(|p| p == "https:");
        page_https && base_url(&env.target.get()).starts_with("http://")
    };
    view! {
        <fieldset class="dialog-section">
            <legend>"Environment"</legend>
            <div class="segmented" role="radiogroup" aria-label="Environment">
                <Choice name="environment" testid="env-sandbox" label="Sandbox" checked=Signal::derive(move || choice() == "sandbox") select=Callback::new(move |()| env.set_target(Target::Sandbox)) />
                <Choice name="environment" testid="env-production" label="Production" checked=Signal::derive(move || choice() == "production") select=Callback::new(move |()| env.set_target(Target::Production)) />
                <Choice name="environment" testid="env-custom" label="Custom" checked=Signal::derive(move || choice() == "custom") select=Callback::new(move |()| apply_custom()) />
            </div>
            <p class="hint">
                {move || match env.target.get() {
                    Target::Sandbox => "Requests go to the sandbox that serves this page.".to_owned(),
                    Target::Production => format!("Requests go to {PRODUCTION}."),
                    Target::Custom(url) => format!("Requests go to {url}."),
                }}
            </p>
            <div class="field-row">
                <input
                    class="input"
                    type="url"
                    placeholder="https://api.example.internal"
                    aria-label="Custom base URL"
                    data-testid="env-custom-url"
                    prop:value=move || custom.get()
                    on:input=move |ev| custom.set(event_target_value(&ev))
                    on:keydown=move |ev| {
                        if ev.key() == "Enter" {
                            apply_custom();
                        }
                    }
                />
                <button class="button" data-testid="env-custom-apply" on:click=move |_| apply_custom()>
                    "Use"
                </button>
            </div>
            {move || custom_error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
            <Show when=mixed>
                <p class="field-warning">
                    "This page is served over HTTPS, so the browser will block plain-HTTP requests (mixed content)."
                </p>
            </Show>
            <label class="field-label">
                "API version pin ("
                <code>"X-API-Version"</code>
                ")"
                <select
                    class="input"
                    data-testid="api-version"
                    on:change=move |ev| env.set_version(event_target_value(&ev))
                    prop:value=move || env.version.get()
                >
                    <option value="">"None (the API's default)"</option>
                    {VERSIONS.iter().map(|v| view! { <option value=*v>{*v}</option> }).collect_view()}
                </select>
            </label>
        </fieldset>
    }
}

#[component]
fn CredentialSection() -> impl IntoView {
    let s = state();
    let auth = s.auth;
    let key_input = RwSignal::new(String::new());
    let key_error = RwSignal::new(None::<String>);
    let demo_keys = RwSignal::new(None::<Result<Vec<(String, String, String)>, String>>);
    let submit = move || {
        let key = key_input.get_untracked().trim().to_owned();
        if let Err(message) = check_api_key(&key) {
            key_error.set(Some(message));
            return;
        }
        key_error.set(None);
        // The field is cleared at once: the key is not kept in the form.
        key_input.set(String::new());
        match auth.mode.get_untracked() {
            Mode::ApiKey => auth.use_key(key, base_url(&s.env.target.get_untracked())),
            Mode::Token => {
                leptos::task::spawn_local(auth.get_token(s.docs, s.env, key));
            }
        }
    };
    // In the sandbox the demo keys are one click away: fetched as the
    // panel opens, offered as buttons that connect with that key.
    Effect::new(move || {
        if s.env.is_sandbox() {
            demo_keys.set(None);
            leptos::task::spawn_local(async move { demo_keys.set(Some(fetch_demo_keys().await)) });
        }
    });
    view! {
        <fieldset class="dialog-section">
            <legend>"Credentials"</legend>
            <div class="segmented" role="radiogroup" aria-label="Credential">
                <Choice name="auth-mode" testid="mode-token" label="Bearer token" checked=Signal::derive(move || auth.mode.get() == Mode::Token) select=Callback::new(move |()| auth.mode.set(Mode::Token)) />
                <Choice name="auth-mode" testid="mode-key" label="API key" checked=Signal::derive(move || auth.mode.get() == Mode::ApiKey) select=Callback::new(move |()| auth.mode.set(Mode::ApiKey)) />
            </div>
            <p class="hint">
                {move || match auth.mode.get() {
                    Mode::Token => "Your key is exchanged for a short-lived token at POST /v1/auth/token and then forgotten. Requests carry Authorization: Bearer <token>.",
                    Mode::ApiKey => "Requests carry the key itself as X-API-Key, as a server would. It stays in this tab's memory only.",
                }}
            </p>
            <Show when=move || auth.needs_key.get()>
                <p class="field-warning" role="alert" data-testid="needs-key">
                    "The token has expired or was refused. Paste the key again to get a new one."
                </p>
            </Show>
            <TokenStatusView />
            <Show when=move || auth.mode.get() == Mode::ApiKey && auth.key.with(Option::is_some)>
                <p class="token-card">
                    "Sending the key " <code>{move || auth.key.get().map(|k| mask(&k))}</code>
                    <button class="link-button" on:click=move |_| auth.forget()>
                        "Forget"
                    </button>
                </p>
            </Show>
            <label class="field-label">
                "API key"
                <div class="field-row">
                    <input
                        class="input"
                        type="password"
                        autocomplete="off"
                        spellcheck="false"
                        placeholder="sk_live_…"
                        data-testid="api-key-input"
                        prop:value=move || key_input.get()
                        on:input=move |ev| key_input.set(event_target_value(&ev))
                        on:keydown=move |ev| {
                            if ev.key() == "Enter" {
                                submit();
                            }
                        }
                    />
                    <button
                        class="button-primary"
                        data-testid="get-token"
                        disabled=move || auth.busy.get()
                        on:click=move |_| submit()
                    >
                        {move || match (auth.mode.get(), auth.busy.get()) {
                            (_, true) => "Exchanging…",
                            (Mode::Token, false) => "Get token",
                            (Mode::ApiKey, false) => "Use key",
                        }}
                    </button>
                </div>
            </label>
            {move || key_error.get().or_else(|| auth.error.get()).map(|e| view! { <p class="field-error" role="alert" data-testid="auth-error">{e}</p> })}
            <Show when=move || s.env.is_sandbox()>
                <div class="demo-keys" data-testid="demo-keys">
                    <span class="muted">"Demo keys:"</span>
                    {move || match demo_keys.get() {
                        None => view! { <span class="muted">"loading…"</span> }.into_any(),
                        Some(Err(e)) => view! { <p class="field-error">{e}</p> }.into_any(),
                        Some(Ok(keys)) => keys
                            .into_iter()
                            .map(|(name, key, about)| {
                                let testid = format!("demo-key-{name}");
                                view! {
                                    <button
                                        class="button demo-key"
                                        data-testid=testid
                                        title=about
                                        on:click=move |_| {
                                            // One click: the key is used at once, as if typed and submitted.
                                            key_input.set(key.clone());
                                            submit();
                                        }
                                    >
                                        {name}
                                    </button>
                                }
                            })
                            .collect_view()
                            .into_any(),
                    }}
                </div>
            </Show>
            <Show when=move || auth.mode.get() == Mode::Token>
                <div class="token-options">
                    <label class="field-label inline">
                        "Lifetime (seconds)"
                        <input
                            class="input narrow"
                            type="number"
                            min="60"
                            max="3600"
                            data-testid="token-lifetime"
                            prop:value=move || auth.lifetime.get().to_string()
                            on:change=move |ev| {
                                let value = event_target_value(&ev).parse::<u32>().unwrap_or(3600).clamp(60, 3600);
                                auth.lifetime.set(value);
                            }
                        />
                    </label>
                    <div class="scopes" role="group" aria-label="Scopes to ask for">
                        {s.docs.scopes()
                            .into_iter()
                            .map(|scope| {
                                let checked = move || auth.scopes.with(|chosen| scope_chosen(chosen, scope));
                                view! {
                                    <label class="check">
                                        <input
                                            type="checkbox"
                                            prop:checked=checked
                                            on:change=move |ev| {
                                                let on = event_target_checked(&ev);
                                                auth.scopes.update(|list| toggle_scope(list, &s.docs.scopes(), scope, on));
                                            }
                                        />
                                        <code>{scope}</code>
                                    </label>
                                }
                            })
                            .collect_view()}
                    </div>
                    <label class="check">
                        <input
                            type="checkbox"
                            data-testid="keep-key"
                            prop:checked=move || auth.keep_key.get()
                            on:change=move |ev| auth.keep_key.set(event_target_checked(&ev))
                        />
                        "Keep my key in this tab's memory to renew the token before it expires (and once after a 401)"
                    </label>
                    <label class="check">
                        <input
                            type="checkbox"
                            data-testid="keep-token"
                            prop:checked=move || auth.keep_token.get()
                            on:change=move |ev| auth.keep_token.set(event_target_checked(&ev))
                        />
                        "Keep the token for this tab (sessionStorage), so a reload stays signed in"
                    </label>
                </div>
            </Show>
        </fieldset>
    }
}

#[component]
fn TokenStatusView() -> impl IntoView {
    let s = state();
    let auth = s.auth;
    move || {
        let token = auth.token.get().filter(|_| auth.mode.get() == Mode::Token)?;
        let claims = token.claims.clone();
        let status = {
            let claims = claims.clone();
            Memo::new(move |_| claims.status(s.now.get()))
        };
        Some(view! {
            <div class="token-card" data-testid="token-status">
                <div class="token-line">
                    <span class="token-label">"Token for "</span>
                    <code>{claims.subject.clone()}</code>
                    <span class="token-countdown" class:expired=move || status.get() == TokenStatus::Expired data-testid="token-countdown">
                        {move || match status.get() {
                            TokenStatus::Expired => "expired".to_owned(),
                            TokenStatus::Valid { seconds_left } | TokenStatus::ExpiringSoon { seconds_left } => {
                                format!("expires in {}", countdown(seconds_left))
                            }
                        }}
                    </span>
                </div>
                <div class="token-scopes" data-testid="token-scopes">
                    {claims.scopes.iter().map(|scope| view! { <span class="badge">{scope.clone()}</span> }).collect_view()}
                </div>
                <div class="token-actions">
                    <span class="hint">
                        {move || if auth.has_kept_key() { "Renews itself before expiry." } else { "Without a kept key you will be asked again when it expires." }}
                    </span>
                    <button class="link-button" data-testid="forget-token" on:click=move |_| auth.forget()>
                        "Forget token"
                    </button>
                </div>
            </div>
        })
    }
}

/// The sandbox's seeded keys: `(name, key, description)`.
async fn fetch_demo_keys() -> Result<Vec<(String, String, String)>, String> {
    let s = state();
    let op = s.docs.operation("list-demo-keys").ok_or("the docs define no list-demo-keys operation")?;
    let request = build(op, &Draft::default(), &base_url(&s.env.target.get_untracked()), &Credential::None, None)?;
    let exchange =
        client::send(&request, &InFlight::new()).await.map_err(|_| "The sandbox did not answer.".to_owned())?;
    let body =
        json::parse(&exchange.body).map_err(|_| format!("The sandbox answered {} without JSON.", exchange.status))?;
    let keys = match body.get("keys") {
        Some(Value::Array(keys)) => keys,
        _ => return Err("The answer lists no keys.".to_owned()),
    };
    Ok(keys
        .iter()
        .filter_map(|k| {
            let text = |field: &str| k.get(field).and_then(Value::as_str).map(str::to_owned);
            let limit =
                k.get("rate_limit").and_then(Value::as_i64).map(|n| format!("{n} requests/min")).unwrap_or_default();
            let scopes = match k.get("scopes") {
                Some(Value::Array(s)) => s.iter().filter_map(Value::as_str).collect::<Vec<_>>().join(" "),
                _ => String::new(),
            };
            Some((text("name")?, text("key")?, format!("{limit} · {scopes}")))
        })
        .collect())
}

/// One option of a segmented radio group.
#[component]
fn Choice(
    name: &'static str,
    testid: &'static str,
    label: &'static str,
    checked: Signal<bool>,
    select: Callback<()>,
) -> impl IntoView {
    view! {
        <label>
            <input type="radio" name=name data-testid=testid prop:checked=checked on:change=move |_| select.run(()) />
            {label}
        </label>
    }
}
