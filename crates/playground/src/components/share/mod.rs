//! "Share": the whole request in a link. It travels in the URL fragment,
//! which never reaches a server, and never carries a credential.

use explorer_core::share::SharedRequest;
use leptos::prelude::*;

use crate::hooks::use_clipboard;
use crate::sharing::link;

#[component]
pub fn ShareButton(route: String, request: Callback<(), SharedRequest>) -> impl IntoView {
    let shown = RwSignal::new(None::<(String, Vec<String>)>);
    let (copied, copy) = use_clipboard();
    let share = move |_| {
        let (url, removed) = link(&route, request.run(()));
        copy.run(url.clone());
        shown.set(Some((url, removed)));
    };
    view! {
        <button class="button" data-testid="share" title="Copy a link that opens this request" on:click=share>
            {move || if copied.get() { "Link copied" } else { "Share" }}
        </button>
        {move || {
            shown.get().map(|(url, removed)| {
                view! {
                    <div class="share-box" data-testid="share-box">
                        <input class="input code" readonly aria-label="Share link" data-testid="share-link" prop:value=url />
                        <p class="hint">
                            {format!("{} characters, in the fragment: it never reaches a server.", shown.with_untracked(|s| s.as_ref().map_or(0, |(u, _)| u.len())))}
                            {(!removed.is_empty()).then(|| format!(" Left out: {}.", removed.join(", ")))}
                        </p>
                    </div>
                }
            })
        }}
    }
}
