//! The playground: everything interactive beyond reading. The docs shell
//! (`src/`) loads this module on demand, so a first visit downloads only the
//! reference; see DEVELOPERS.md for the size budget.
//!
//! The shell calls `start` once with the embedded docs, then mounts views
//! into slots it owns: the try-it panel of the endpoint page being read and
//! the header's connection chip. The connection dialog lives in its own
//! element at the end of `<body>`. Every export is named in
//! `explorer_web::bridge`, which the shell calls them through.

mod auth;
mod client;
mod components;
mod env;
mod form_request;
mod hooks;
mod outcome;
mod random;
mod sharing;
mod state;

use std::cell::RefCell;

use explorer_core::Docs;
use explorer_web::bridge::Exports;
use leptos::mount::{mount_to, mount_to_body};
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use web_sys::HtmlElement;

use components::check_body::CheckBodyDialog;
use components::connection::{ConnectionChip, ConnectionDialog};
use components::generic::GenericRequest;
use components::history::HistoryDialog;
use components::paste::PasteDialog;
use components::try_it::TryIt;
use state::{Dialog, state};

thread_local! {
    /// The mounted try-it panel; replaced on each endpoint page.
    static TRY_IT: RefCell<Option<Box<dyn std::any::Any>>> = const { RefCell::new(None) };
}

// The exports as the bridge expects them: a changed signature fails here.
const _: Exports = Exports {
    start,
    mount_try_it,
    mount_generic,
    mount_header,
    restore_share,
    open_paste,
    open_history,
    open_connection,
    open_check_body,
    download_openapi,
};

/// Decodes the docs the shell passes (its embedded copy, so this module
/// carries none), prepares the shared state and mounts the dialog.
#[wasm_bindgen]
pub fn start(docs: &[u8]) -> Result<(), JsValue> {
    // Debug builds say why they panicked (release builds abort, smaller).
    #[cfg(debug_assertions)]
    std::panic::set_hook(Box::new(|info| web_sys::console::error_1(&info.to_string().into())));
    // Effects created before the first mount need the executor too.
    let _ = any_spawner::Executor::init_wasm_bindgen();
    let docs = Docs::from_embedded(docs).map_err(|e| JsValue::from_str(&e.to_string()))?;
    state::init(Box::leak(Box::new(docs)));
    // Mounted once, for the page's lifetime.
    mount_to_body(|| view! { <ConnectionDialog /> <PasteDialog /> <HistoryDialog /> <CheckBodyDialog /> });
    Ok(())
}

/// Shows the try-it panel of `operation_id` in `slot`, replacing the panel
/// of the previous page.
#[wasm_bindgen]
pub fn mount_try_it(slot: HtmlElement, operation_id: &str) -> Result<(), JsValue> {
    let op = state()
        .docs
        .operation(operation_id)
        .ok_or_else(|| JsValue::from_str(&format!("no operation `{operation_id}`")))?;
    TRY_IT.with(|t| t.borrow_mut().take());
    slot.set_text_content(None);
    let handle = mount_to(slot, move || view! { <TryIt op /> });
    TRY_IT.with(|t| *t.borrow_mut() = Some(Box::new(handle)));
    Ok(())
}

/// Shows the generic request panel in `slot`.
#[wasm_bindgen]
pub fn mount_generic(slot: HtmlElement) {
    TRY_IT.with(|t| t.borrow_mut().take());
    slot.set_text_content(None);
    let handle = mount_to(slot, GenericRequest);
    TRY_IT.with(|t| *t.borrow_mut() = Some(Box::new(handle)));
}

/// Restores a share link's request (the part after `#share=`) into its
/// panel; returns the route of that panel, or why the link is unusable.
#[wasm_bindgen]
pub fn restore_share(code: &str) -> Result<String, JsValue> {
    let shared = explorer_core::share::decode(code).map_err(|e| JsValue::from_str(&e))?;
    sharing::apply(shared, Vec::new()).map_err(|e| JsValue::from_str(&e))
}

#[wasm_bindgen]
pub fn open_paste() {
    state().dialog.set(Some(Dialog::Paste));
}

#[wasm_bindgen]
pub fn open_history() {
    state().dialog.set(Some(Dialog::History));
}

#[wasm_bindgen]
pub fn open_check_body() {
    state().dialog.set(Some(Dialog::CheckBody));
}

/// Downloads the OpenAPI 3.1 document generated from the docs.
#[wasm_bindgen]
pub fn download_openapi() -> Result<(), JsValue> {
    let s = state();
    let document = explorer_core::openapi::export(s.docs, &crate::env::base_url(&s.env.target.get_untracked()));
    let parts = js_sys::Array::of1(&JsValue::from_str(&document));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/json");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let link: web_sys::HtmlAnchorElement = document_element("a")?;
    link.set_href(&url);
    link.set_download("cloud-api.openapi.json");
    link.click();
    web_sys::Url::revoke_object_url(&url)?;
    Ok(())
}

fn document_element<T: JsCast>(tag: &str) -> Result<T, JsValue> {
    document().create_element(tag)?.dyn_into::<T>().map_err(|_| JsValue::from_str("unexpected element"))
}

/// Puts the connection chip (environment, credential, countdown) in `slot`.
#[wasm_bindgen]
pub fn mount_header(slot: HtmlElement) {
    slot.set_text_content(None);
    std::mem::forget(mount_to(slot, ConnectionChip));
}

/// Opens the connection dialog.
#[wasm_bindgen]
pub fn open_connection() {
    state().dialog.set(Some(Dialog::Connection));
}
