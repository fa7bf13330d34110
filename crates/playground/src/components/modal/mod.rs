//! The frame every dialog shares: a dimmed overlay, a titled box with a close
//! button, and Escape to close. Which dialog is open is one signal in the
//! state, so opening one closes any other. Focus moves into the dialog
//! when it opens and back to the control that opened it when it closes.

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

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
    let frame = NodeRef::<html::Section>::new();
    // The control that had the focus when the dialog opened.
    let opener = StoredValue::new_local(None::<web_sys::HtmlElement>);
    Effect::new(move |was_open: Option<bool>| {
        let open = s.dialog.get() == Some(which);
        if open && was_open != Some(true) {
            let active = document().active_element().and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
            opener.set_value(active);
        }
        if !open && was_open == Some(true) {
            if let Some(control) = opener.get_value().filter(|c| c.is_connected()) {
                let _ = control.focus();
            }
            opener.set_value(None);
        }
        open
    });
    // Into the dialog, unless a field inside already took the focus.
    // (An effect, not `on_load`: the frame is mounted again at every opening.)
    Effect::new(move || {
        if let Some(section) = frame.get() {
            let inside = document().active_element().is_some_and(|a| section.contains(Some(&a)));
            if !inside {
                let _ = section.focus();
            }
        }
    });
    // Escape closes it wherever the focus is.
    use_event_listener(&document(), "keydown", move |ev: web_sys::KeyboardEvent| {
        if ev.key() == "Escape" && s.dialog.get_untracked() == Some(which) {
            close();
        }
    });
    view! {
        <Show when=move || s.dialog.get() == Some(which)>
            <div class="overlay" on:click=move |_| close()></div>
            <section node_ref=frame tabindex="-1" class="dialog" class:wide=wide role="dialog" aria-modal="true" aria-label=title data-testid=testid>
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
