//! Loading the playground, which the shell needs only for the interactive
//! parts. Its code is a chunk split from this module at build time (see
//! `crates/playground`): fetched in the background once the first page is
//! shown and the browser is idle, or at the first "Try it" before that.
//! Every call into it goes through `playground::bridge`, which also names
//! the page's slots that its views are mounted in.

use std::future::Future;

use crate::router::Route;
use explorer_core::Docs;
use explorer_core::load::{Ask, Load};
use leptos::prelude::*;
use playground::bridge::{self, Failure, Slot};
use wasm_bindgen::prelude::*;
use web_sys::{Element, HtmlElement};

// `when_idle` runs `then` after the page's load event, when the browser is
// idle, unless the reader asked the browser to save data: they download the
// playground only when they use it. Comments stay out of the JS, which is
// part of the first load.
#[wasm_bindgen(inline_js = r#"
export function when_idle(then) {
  if (navigator.connection && navigator.connection.saveData) return;
  const idle = window.requestIdleCallback || ((f) => setTimeout(f, 1000));
  const go = () => idle(() => then());
  if (document.readyState == "complete") go(); else addEventListener("load", go, { once: true });
}
"#)]
extern "C" {
    fn when_idle(then: JsValue);
}

/// Where loading the playground stands (`explorer_core::load` decides).
pub use explorer_core::load::LoadStatus as Status;

/// Where loading the playground stands, and who waits for it.
#[derive(Clone, Copy)]
pub struct Playground {
    /// The status, for views to follow; a copy of `load`'s.
    pub status: RwSignal<Status>,
    docs: &'static Docs,
    load: StoredValue<Load<UseOfModule>, LocalStorage>,
}

/// What a caller does with the playground once it has started.
type UseOfModule = Box<dyn FnOnce(&Module)>;

/// The started playground: its commands, each run in the background (the
/// calls are `async`, since a split point may have to fetch its chunk).
#[derive(Clone, Copy)]
pub struct Module(());

impl Module {
    pub fn open_paste(&self) {
        spawn("open the paste dialog", bridge::open_paste());
    }

    pub fn open_history(&self) {
        spawn("open the history", bridge::open_history());
    }

    pub fn open_connection(&self) {
        spawn("open the connection dialog", bridge::open_connection());
    }

    pub fn open_check_body(&self) {
        spawn("open the body check", bridge::open_check_body());
    }

    pub fn download_openapi(&self) {
        spawn("download the OpenAPI document", bridge::download_openapi());
    }

    fn mount_header(&self, slot: HtmlElement) {
        spawn("show the connection", bridge::mount_header(slot));
    }
}

/// Runs a call into the playground; a failure goes to the console, since
/// the page has nothing to show for it.
fn spawn(what: &'static str, call: impl Future<Output = Result<(), Failure>> + 'static) {
    wasm_bindgen_futures::spawn_local(async move {
        if let Err(Failure(why)) = call.await {
            leptos::logging::warn!("could not {what}: {why}");
        }
    });
}

impl Playground {
    pub fn new(docs: &'static Docs) -> Self {
        Self { status: RwSignal::new(Status::NotLoaded), docs, load: StoredValue::new_local(Load::default()) }
    }

    /// Fetches the playground's chunk in the background after the page's
    /// load event, when the browser is idle, so that the first "Try it"
    /// answers at once. The page does not change: the chunk is only ready,
    /// and the playground starts at the first use (`with_module`).
    pub fn preload(self) {
        when_idle(Closure::once_into_js(|| {
            wasm_bindgen_futures::spawn_local(async {
                // A failure shows at the first use, which tries again.
                if bridge::preload().await.is_ok() {
                    add_stylesheet();
                }
            });
        }));
    }

    /// Starts the playground (once) and runs `then` with it.
    pub fn with_module(self, then: impl FnOnce(&Module) + 'static) {
        // Boxed, so that the loading below is compiled once, not per caller.
        self.with_module_boxed(Box::new(then));
    }

    fn with_module_boxed(self, then: UseOfModule) {
        // At every use, so that a stylesheet that failed (and removed
        // itself) is fetched again even when the chunk did load.
        add_stylesheet();
        let Some(ask) = self.load.try_update_value(|load| load.ask(then)) else { return };
        match ask {
            Ask::Now(then) => return then(&Module(())),
            Ask::Wait => return,
            Ask::Start => self.status.set(Status::Loading),
        }
        wasm_bindgen_futures::spawn_local(async move {
            let started = bridge::start(self.docs).await.map_err(|Failure(why)| why);
            let ready = started.is_ok();
            let Some((waiting, status)) = self.load.try_update_value(|load| {
                let waiting = load.finish(started);
                (waiting, load.status().clone())
            }) else {
                return;
            };
            self.status.set(status);
            if ready {
                let module = Module(());
                // The header's connection chip comes with the playground.
                if let Some(slot) = Slot::Connection.find().and_then(html_element) {
                    module.mount_header(slot);
                }
                for then in waiting {
                    then(&module);
                }
            }
        });
    }

    /// Starts the playground (once); `mount_current` runs when ready.
    pub fn load(self) {
        self.with_module(|_| {});
    }

    /// Fills the current page's slot, if it has one and the playground has
    /// started: the try-it panel of an endpoint page, or the generic
    /// request panel.
    pub fn mount_current(self) {
        if self.status.get_untracked() != Status::Ready {
            return;
        }
        if let Some(slot) = Slot::TryIt.find() {
            let operation = slot.get_attribute("data-operation").unwrap_or_default();
            if let Some(slot) = html_element(slot) {
                spawn("show the try-it panel", bridge::mount_try_it(slot, operation));
            }
        } else if let Some(slot) = Slot::Generic.find().and_then(html_element) {
            spawn("show the request panel", bridge::mount_generic(slot));
        }
    }

    /// Opens a share link: restores its request, then shows its panel
    /// (moving to the panel's page first if the link names another one).
    pub fn restore(self, code: String, route: Route, notice: RwSignal<Option<String>>) {
        self.with_module(move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                match bridge::restore_share(code).await {
                    Ok(target) if target != route.path.get_untracked() => route.navigate(&target, ""),
                    Ok(_) => self.mount_current(),
                    Err(_) => notice.set(Some(
                        "This share link is damaged or from another version; it could not be opened.".to_owned(),
                    )),
                }
            });
        });
    }
}

fn html_element(element: Element) -> Option<HtmlElement> {
    element.dyn_into().ok()
}

/// The playground's stylesheet, named by the build in
/// `<meta name="explorer-playground" data-css>`, added once. A stylesheet
/// that fails to load removes itself, so that the next call adds it again.
fn add_stylesheet() {
    let document = document();
    let Ok(Some(meta)) = document.query_selector("meta[name=\"explorer-playground\"]") else { return };
    let Some(href) = meta.get_attribute("data-css").filter(|h| !h.is_empty()) else { return };
    if document.query_selector(&format!("link[href=\"{href}\"]")).ok().flatten().is_some() {
        return;
    }
    let Ok(link) = document.create_element("link") else { return };
    let _ = link.set_attribute("rel", "stylesheet");
    let _ = link.set_attribute("href", &href);
    let failed = link.clone();
    let remove = Closure::once_into_js(move || failed.remove());
    let _ = link.add_event_listener_with_callback("error", remove.unchecked_ref());
    if let Ok(Some(head)) = document.query_selector("head") {
        let _ = head.append_child(&link);
    }
}
