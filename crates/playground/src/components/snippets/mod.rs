//! The request as cURL and as code, updated as the form changes. What is
//! shown and copied by default names the credential `$TOKEN` / `$API_KEY`;
//! "Copy with secret" is a separate, explicit action.

use explorer_core::request::{HttpRequest, Lang, Secret, snippet};
use leptos::prelude::*;

use crate::components::code::highlighted;
use crate::components::tabs::Tabs;
use crate::hooks::use_clipboard;
use crate::state::state;

#[component]
pub fn Snippets(request: Memo<Result<HttpRequest, String>>) -> impl IntoView {
    let chosen = state().lang;
    let lang = move || Lang::ALL[chosen.get().min(Lang::ALL.len() - 1)];
    let code = move |secret| request.with(|r| r.as_ref().ok().map(|r| snippet(lang(), r, secret)));
    let (copied, copy) = use_clipboard();
    let (copied_secret, copy_secret) = use_clipboard();
    let has_secret = move || request.with(|r| r.as_ref().is_ok_and(HttpRequest::carries_credential));
    view! {
        <section class="snippets" data-testid="snippets">
            <Tabs
                selected=chosen
                label="Request as code"
                tabs=Lang::ALL
                    .iter()
                    .enumerate()
                    .map(|(i, l)| (i, l.label().to_owned(), format!("lang-{}", l.label().to_ascii_lowercase())))
                    .collect()
            />
            {move || match request.get() {
                Err(message) => view! { <p class="field-error" data-testid="snippet-error">{message}</p> }.into_any(),
                Ok(_) => {
                    let text = code(Secret::Placeholder).unwrap_or_default();
                    view! {
                        <pre class="snippet" tabindex="0" data-testid="snippet">
                            <code>{highlighted(lang().highlight(), &text)}</code>
                        </pre>
                    }
                    .into_any()
                }
            }}
            <div class="snippet-actions">
                <button
                    class="button small"
                    data-testid="copy-snippet"
                    on:click=move |_| copy.run(code(Secret::Placeholder).unwrap_or_default())
                >
                    {move || if copied.get() { "Copied" } else { "Copy" }}
                </button>
                <Show when=has_secret>
                    <button
                        class="button small danger-outline"
                        data-testid="copy-with-secret"
                        title="Copies the real token or key: do not paste it anywhere public"
                        on:click=move |_| copy_secret.run(code(Secret::Reveal).unwrap_or_default())
                    >
                        {move || if copied_secret.get() { "Copied with secret" } else { "Copy with secret" }}
                    </button>
                </Show>
            </div>
        </section>
    }
}
