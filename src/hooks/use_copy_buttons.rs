//! One listener serves every "Copy" button of rendered pages: a code
//! block's button copies its text, and "Copy page as Markdown" copies the
//! page's markdown (the `.md` file the build writes beside the app, so it is
//! byte for byte what "Open as markdown" shows). Each says so for a moment.

use std::time::Duration;

use crate::hooks::use_event_listener;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::Element;

pub fn use_copy_buttons() {
    use_event_listener(&document(), "click", |event: web_sys::MouseEvent| {
        let Some(element) = event.target().and_then(|t| t.dyn_into::<Element>().ok()) else { return };
        if let Some(button) = element.closest(".copy-page").ok().flatten() {
            copy_page(button);
            return;
        }
        let Some(button) = element.closest(".copy-button").ok().flatten() else { return };
        let Some(code) = button.closest("figure").ok().flatten().and_then(|f| f.query_selector("pre").ok().flatten())
        else {
            return;
        };
        let text = code.text_content().unwrap_or_default();
        let _ = window().navigator().clipboard().write_text(&text);
        say(button, "Copied", "Copy");
    });
}

/// Shows `now` on the button, then `after`.
fn say(button: Element, now: &str, after: &'static str) {
    button.set_text_content(Some(now));
    set_timeout(move || button.set_text_content(Some(after)), Duration::from_millis(1500));
}

fn copy_page(button: Element) {
    let Some(source) = button.get_attribute("data-src") else { return };
    const LABEL: &str = "Copy page as Markdown";
    button.set_text_content(Some("Copying…"));
    wasm_bindgen_futures::spawn_local(async move {
        match fetch_text(&source).await {
            Ok(text) => match JsFuture::from(window().navigator().clipboard().write_text(&text)).await {
                Ok(_) => say(button, "Copied as Markdown", LABEL),
                Err(_) => say(button, "The browser refused the clipboard", LABEL),
            },
            Err(why) => say(button, &format!("Not copied: {why}"), LABEL),
        }
    });
}

async fn fetch_text(url: &str) -> Result<String, String> {
    let response =
        JsFuture::from(window().fetch_with_str(url)).await.map_err(|_| "the page is unreachable".to_owned())?;
    let response: web_sys::Response = response.dyn_into().map_err(|_| "no response".to_owned())?;
    if !response.ok() {
        return Err(format!("{url} answered {}", response.status()));
    }
    let text = response.text().map_err(|_| "no body".to_owned())?;
    let text = JsFuture::from(text).await.map_err(|_| "the body did not arrive".to_owned())?;
    text.as_string().ok_or_else(|| "the body is not text".to_owned())
}
