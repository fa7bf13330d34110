//! The playground: everything interactive beyond reading. The docs shell
//! (`src/`) loads this module on demand, so a first visit downloads only the
//! reference; see DEVELOPERS.md for the size budget.
//!
//! The shell calls `start` once with the embedded docs, then mounts views
//! into slots it owns: the try-it panel of the endpoint page being read,
//! the header's environment and credential controls.

use std::cell::RefCell;

use explorer_core::Docs;
use leptos::mount::mount_to;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use web_sys::HtmlElement;

thread_local! {
    static DOCS: RefCell<Option<&'static Docs>> = const { RefCell::new(None) };
    static TRY_IT: RefCell<Option<Box<dyn std::any::Any>>> = RefCell::new(None);
}

/// Decodes the docs the shell passes (its embedded copy, so this module
/// carries none) and prepares the shared state.
#[wasm_bindgen]
pub fn start(docs: &[u8]) -> Result<(), JsValue> {
    let docs = Docs::from_embedded(docs).map_err(|e| JsValue::from_str(&e.to_string()))?;
    DOCS.with(|d| *d.borrow_mut() = Some(Box::leak(Box::new(docs))));
    Ok(())
}

fn docs() -> &'static Docs {
    DOCS.with(|d| d.borrow().expect("start() runs before any mount"))
}

/// Shows the try-it panel of `operation_id` in `slot`, replacing the panel
/// of the previous page.
#[wasm_bindgen]
pub fn mount_try_it(slot: HtmlElement, operation_id: &str) -> Result<(), JsValue> {
    let op =
        docs().operation(operation_id).ok_or_else(|| JsValue::from_str(&format!("no operation `{operation_id}`")))?;
    slot.set_text_content(None);
    let handle = mount_to(slot, move || view! { <p class="try-it-hello">"Try " {op.summary.as_str()}</p> });
    TRY_IT.with(|t| *t.borrow_mut() = Some(Box::new(handle)));
    Ok(())
}
