//! One listener serves every "Copy" button of rendered code blocks: it
//! copies the text of the button's code block and says so for a moment.

use crate::hooks::use_event_listener;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::Element;

pub fn use_copy_buttons() {
    use_event_listener(&document(), "click", |event: web_sys::MouseEvent| {
        let Some(button) = event
            .target()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .and_then(|el| el.closest(".copy-button").ok().flatten())
        else {
            return;
        };
        let Some(code) = button.closest("figure").ok().flatten().and_then(|f| f.query_selector("pre").ok().flatten())
        else {
            return;
        };
        let text = code.text_content().unwrap_or_default();
        let _ = window().navigator().clipboard().write_text(&text);
        button.set_text_content(Some("Copied"));
        set_timeout(move || button.set_text_content(Some("Copy")), std::time::Duration::from_millis(1500));
    });
}
