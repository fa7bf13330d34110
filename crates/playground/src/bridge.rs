//! Where the shell and the playground meet, in one module: every call the
//! shell makes into the playground, and every slot of the page the
//! playground fills. Each call is a `wasm_split` split point: `async`, it
//! fetches the playground's chunk first (once; a failed fetch is tried
//! again at the next call), and the compiler checks both sides of it.

use std::cell::RefCell;

use explorer_core::Docs;
use leptos::mount::{mount_to, mount_to_body};
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_split_helpers::{SplitLoaderError, wasm_split};
use web_sys::{Element, HtmlElement};

use crate::components::check_body::CheckBodyDialog;
use crate::components::connection::{ConnectionChip, ConnectionDialog};
use crate::components::generic::GenericRequest;
use crate::components::history::HistoryDialog;
use crate::components::paste::PasteDialog;
use crate::components::try_it::TryIt;
use crate::state::{self, Dialog, state};

/// An element of the shell's page that the playground fills. The shell's
/// renderer marks it with [`Slot::id`] and finds it again by that id.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Slot {
    /// The header's place for the connection chip.
    Connection,
    /// An endpoint page's try-it panel; carries `data-operation`.
    TryIt,
    /// The generic request page's panel.
    Generic,
}

impl Slot {
    pub const ALL: [Slot; 3] = [Slot::Connection, Slot::TryIt, Slot::Generic];

    pub const fn id(self) -> &'static str {
        match self {
            Slot::Connection => "playground-connection",
            Slot::TryIt => "playground-try-it",
            Slot::Generic => "playground-generic",
        }
    }

    /// This slot in the current page, if the page has it.
    pub fn find(self) -> Option<Element> {
        document().get_element_by_id(self.id())
    }

    /// Makes `element` this slot.
    pub fn mark(self, element: &Element) {
        element.set_id(self.id());
    }
}

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
    // Effects created before the first mount need the executor too.
    let _ = any_spawner::Executor::init_wasm_bindgen();
    if !state::init(docs) {
        return Ok(());
    }
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
    crate::sharing::apply(shared, Vec::new()).map_err(Failure)
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
    Ok(crate::download::save("cloud-api.openapi.json", "application/json", &document)?)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slot_ids_are_distinct() {
        let ids = Slot::ALL.map(Slot::id);
        assert!(ids.iter().enumerate().all(|(i, id)| !ids[..i].contains(id)));
    }
}
