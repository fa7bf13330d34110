//! The frame every dialog shares: a dimmed overlay, a titled box with a close
//! button, and Escape to close. Which dialog is open is one signal in the
//! state, so opening one closes any other.

use leptos::prelude::*;

use crate::hooks::use_event_listener;
use crate::state::{Dialog, state};

#[component]
pub fn Modal(
    /// The dialog this frame shows.
    which: Dialog,
    title: &'static str,
    testid: &'static str,
    /// Centred and wider, for lists and long text.
    #[prop(optional)]
    wide: bool,
    /// Buttons in the heading, before the close button.
    #[prop(optional, into)]
    actions: ViewFn,
    children: ChildrenFn,
) -> impl IntoView {
    let s = state();
    let close = move || s.dialog.set(None);
    // Escape closes it wherever the focus is.
    use_event_listener(&document(), "keydown", move |ev: web_sys::KeyboardEvent| {
        if ev.key() == "Escape" && s.dialog.get_untracked() == Some(which) {
            close();
        }
    });
    view! {
        <Show when=move || s.dialog.get() == Some(which)>
            <div class="overlay" on:click=move |_| close()></div>
            <section class="dialog" class:wide=wide role="dialog" aria-modal="true" aria-label=title data-testid=testid>
                <header class="dialog-head">
                    <h2>{title}</h2>
                    <div class="dialog-head-actions">
                        {actions.run()}
                        <button class="icon-button" aria-label="Close" on:click=move |_| close()>
                            "✕"
                        </button>
                    </div>
                </header>
                {children()}
            </section>
        </Show>
    }
}
