//! The playground: everything interactive beyond reading. It is a library
//! of the shell (`src/`), whose calls into it are the `async` functions
//! below. Each is a split point (`wasm_split`): the build moves the code
//! reachable only from them into a wasm chunk of its own, fetched at the
//! first call, while the runtime both use (Leptos, core, serde) stays in
//! the shell's module and is downloaded once. See DEVELOPERS.md for sizes.
//!
//! The shell calls `start` with its decoded docs, then mounts views into
//! slots it owns (named in `explorer_web::bridge`): the try-it panel of the
//! endpoint page being read and the header's connection chip. The dialogs
//! live in their own elements at the end of `<body>`.

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
use leptos::mount::{mount_to, mount_to_body};
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_split_helpers::{SplitLoaderError, wasm_split};
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

/// Why a call into the playground did nothing, in words for the page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failure(pub String);

impl From<SplitLoaderError> for Failure {
    fn from(_: SplitLoaderError) -> Self {
        Failure("the download failed; check the connection and try again".to_owned())
    }
}

impl From<JsValue> for Failure {
    fn from(error: JsValue) -> Self {
        Failure(error.as_string().unwrap_or_else(|| format!("{error:?}")))
    }
}

/// Prepares the shared state on the shell's docs (decoded once, by the
/// shell) and mounts the dialogs; later calls do nothing. `preload` fetches
/// the playground's chunk without calling anything.
#[wasm_split(playground, fallible, preload(#[doc = "Fetches the playground's chunk without calling anything."] preload))]
pub fn start(docs: &'static Docs) -> Result<(), Failure> {
    if state::is_ready() {
        return Ok(());
    }
    // Effects created before the first mount need the executor too.
    let _ = any_spawner::Executor::init_wasm_bindgen();
    state::init(docs);
    // Mounted once, for the page's lifetime.
    mount_to_body(|| view! { <ConnectionDialog /> <PasteDialog /> <HistoryDialog /> <CheckBodyDialog /> });
    Ok(())
}

/// Shows the try-it panel of `operation_id` in `slot`, replacing the panel
/// of the previous page.
#[wasm_split(playground, fallible)]
pub fn mount_try_it(slot: HtmlElement, operation_id: String) -> Result<(), Failure> {
    let op = state().docs.operation(&operation_id).ok_or_else(|| Failure(format!("no operation `{operation_id}`")))?;
    TRY_IT.with(|t| t.borrow_mut().take());
    slot.set_text_content(None);
    let handle = mount_to(slot, move || view! { <TryIt op /> });
    TRY_IT.with(|t| *t.borrow_mut() = Some(Box::new(handle)));
    Ok(())
}

/// Shows the generic request panel in `slot`.
#[wasm_split(playground, fallible)]
pub fn mount_generic(slot: HtmlElement) -> Result<(), Failure> {
    TRY_IT.with(|t| t.borrow_mut().take());
    slot.set_text_content(None);
    let handle = mount_to(slot, GenericRequest);
    TRY_IT.with(|t| *t.borrow_mut() = Some(Box::new(handle)));
    Ok(())
}

/// Restores a share link's request (the part after `#share=`) into its
/// panel; returns the route of that panel, or why the link is unusable.
#[wasm_split(playground, fallible)]
pub fn restore_share(code: String) -> Result<String, Failure> {
    let shared = explorer_core::share::decode(&code).map_err(Failure)?;
    sharing::apply(shared, Vec::new()).map_err(Failure)
}

#[wasm_split(playground, fallible)]
pub fn open_paste() -> Result<(), Failure> {
    state().dialog.set(Some(Dialog::Paste));
    Ok(())
}

#[wasm_split(playground, fallible)]
pub fn open_history() -> Result<(), Failure> {
    state().dialog.set(Some(Dialog::History));
    Ok(())
}

#[wasm_split(playground, fallible)]
pub fn open_check_body() -> Result<(), Failure> {
    state().dialog.set(Some(Dialog::CheckBody));
    Ok(())
}

/// Downloads the OpenAPI 3.1 document generated from the docs.
#[wasm_split(playground, fallible)]
pub fn download_openapi() -> Result<(), Failure> {
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
#[wasm_split(playground, fallible)]
pub fn mount_header(slot: HtmlElement) -> Result<(), Failure> {
    slot.set_text_content(None);
    std::mem::forget(mount_to(slot, ConnectionChip));
    Ok(())
}

/// Opens the connection dialog.
#[wasm_split(playground, fallible)]
pub fn open_connection() -> Result<(), Failure> {
    state().dialog.set(Some(Dialog::Connection));
    Ok(())
}
