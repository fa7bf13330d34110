//! The notices above a request's Send button: where the request goes when
//! it brought its own destination (a paste, a link, a history entry), and
//! a credential held back because it belongs to another origin. Changing
//! the environment or sending the credential elsewhere is always a button
//! the user presses here, never a side effect.

use explorer_core::target::{CredentialGate, Destination};
use leptos::prelude::*;

use crate::env::{base_url, page_origin};
use crate::state::state;

/// `destination`: the panel's own destination, if it can have one; `url`:
/// where the request goes now (its base URL or whole URL).
#[component]
pub fn DestinationNotice(
    #[prop(optional)] destination: Option<RwSignal<Option<Destination>>>,
    #[prop(into)] url: Signal<String>,
) -> impl IntoView {
    let s = state();
    let notice = move || {
        let own = destination?.get()?;
        let env = s.env.current();
        let text = own.notice(&env, &page_origin())?;
        Some((own, env, text))
    };
    let gate = Memo::new(move |_| url.with(|u| s.auth.gate(u)));
    view! {
        {move || notice().map(|(own, env, text)| {
            let to = own.target.label();
            let back = env.target.label();
            view! {
                <div class="panel-notice panel-notice-warning" role="status" data-testid="destination-notice">
                    <p>{text}</p>
                    <p class="panel-notice-actions">
                        <button class="button" data-testid="use-environment" on:click=move |_| {
                            if let Some(d) = destination { d.set(None) }
                        }>{format!("Send to {back} instead")}</button>
                        <button class="link-button" data-testid="switch-environment" on:click=move |_| {
                            if let Some(d) = destination {
                                s.env.switch_to(own.clone());
                                d.set(None);
                            }
                        }>{format!("Make {to} my environment")}</button>
                    </p>
                </div>
            }
        })}
        {move || match gate.get() {
            CredentialGate::Confirm { to, .. } => {
                let text = gate.with(CredentialGate::notice).unwrap_or_default();
                let origin = to.clone();
                Some(view! {
                    <div class="panel-notice panel-notice-warning" role="status" data-testid="credential-notice">
                        <p>{text}</p>
                        <p class="panel-notice-actions">
                            <button class="button" data-testid="confirm-origin" on:click=move |_| s.auth.confirm(origin.clone())>
                                {format!("Send my credential to {to}")}
                            </button>
                        </p>
                    </div>
                }.into_any())
            }
            CredentialGate::Withheld { .. } => {
                let text = gate.with(CredentialGate::notice).unwrap_or_default();
                Some(view! {
                    <div class="panel-notice panel-notice-warning" role="status" data-testid="credential-notice">
                        <p>{text}</p>
                    </div>
                }.into_any())
            }
            _ => None,
        }}
    }
}

/// The base URL a try-it panel sends to now.
pub fn panel_base(destination: RwSignal<Option<Destination>>) -> String {
    destination.get().map_or_else(|| base_url(&state().env.target.get()), |d| base_url(&d.target))
}
