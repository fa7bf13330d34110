//! Loading the playground module, which the shell needs only for the
//! interactive parts: it is fetched, compiled and started in the background
//! once the first page is shown and the browser is idle, or at the first
//! "Try it" before that. Handed the embedded docs, it mounts its views into
//! the page's slots. What it exports, and the slots, are named in
//! `explorer_web::bridge`.

use crate::router::Route;
use explorer_web::bridge::{Export, Module, Slot};
use js_sys::{Promise, Reflect};
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

// `load_playground` loads the module once (the preload and every use share
// its promise) and calls its `start`. It copies `docs` first: they are a view
// of the shell's memory, which may grow (and so move) before the module is
// ready to take them. `preload_playground` does nothing for a reader who
// asked the browser to save data: they download the module only when they
// use it. Comments stay out of the JS, which is part of the first load.
#[wasm_bindgen(inline_js = r#"
let loading;
export function load_playground(docs, start) {
  if (!loading) {
    const meta = document.querySelector('meta[name="explorer-playground"]');
    if (!meta || !meta.content) return Promise.reject(new Error("this build has no playground module"));
    if (meta.dataset.css) {
      const link = document.createElement("link");
      link.rel = "stylesheet";
      link.href = meta.dataset.css;
      document.head.append(link);
    }
    docs = docs.slice();
    loading = import(meta.content).then(async (module) => {
      await module.default({ module_or_path: meta.dataset.wasm });
      module[start](docs);
      return module;
    });
    loading.catch(() => { loading = undefined; });
  }
  return loading;
}
export function preload_playground(docs, start) {
  if (navigator.connection && navigator.connection.saveData) return;
  docs = docs.slice();
  const idle = window.requestIdleCallback || ((then) => setTimeout(then, 1000));
  const go = () => idle(() => load_playground(docs, start).catch(() => {}));
  if (document.readyState == "complete") go(); else addEventListener("load", go, { once: true });
}
"#)]
extern "C" {
    fn load_playground(docs: &[u8], start: &str) -> Promise;
    fn preload_playground(docs: &[u8], start: &str);
}

#[derive(Clone, Debug, PartialEq)]
pub enum Status {
    NotLoaded,
    Loading,
    Ready,
    Failed(String),
}

/// The module once loaded, and where its loading stands.
#[derive(Clone, Copy)]
pub struct Playground {
    pub status: RwSignal<Status>,
    module: StoredValue<Option<Module>, LocalStorage>,
}

impl Playground {
    pub fn new() -> Self {
        Self { status: RwSignal::new(Status::NotLoaded), module: StoredValue::new_local(None) }
    }

    /// Loads the module in the background after the page's load event, when
    /// the browser is idle, so that the first "Try it" answers at once. The
    /// page does not change: the module is only ready, and shows itself at
    /// the first use (`with_module`).
    pub fn preload(self) {
        preload_playground(explorer_content::DOCS, Export::Start.name());
    }

    /// Loads the module (once, or takes the preloaded one) and runs `then`
    /// with it.
    pub fn with_module(self, then: impl FnOnce(&Module) + 'static) {
        // Boxed, so that the loading below is compiled once, not per caller.
        self.with_module_boxed(Box::new(then));
    }

    fn with_module_boxed(self, then: Box<dyn FnOnce(&Module)>) {
        if let Some(module) = self.module.get_value() {
            then(&module);
            return;
        }
        self.status.set(Status::Loading);
        wasm_bindgen_futures::spawn_local(async move {
            match JsFuture::from(load_playground(explorer_content::DOCS, Export::Start.name())).await {
                Ok(module) => {
                    let module = Module::new(module);
                    self.module.set_value(Some(module.clone()));
                    self.status.set(Status::Ready);
                    // The header's connection chip comes with the module.
                    if let Some(slot) = Slot::Connection.find() {
                        module.mount_header(&slot);
                    }
                    then(&module);
                }
                Err(error) => {
                    let message = error
                        .as_string()
                        .or_else(|| Reflect::get(&error, &"message".into()).ok().and_then(|m| m.as_string()));
                    self.status.set(Status::Failed(message.unwrap_or_else(|| "unknown error".to_owned())));
                }
            }
        });
    }

    /// Starts loading the module (once); `mount_current` runs when ready.
    pub fn load(self) {
        self.with_module(|_| {});
    }

    /// Fills the current page's slot, if it has one: the try-it panel of an
    /// endpoint page, or the generic request panel.
    pub fn mount_current(self) {
        let Some(module) = self.module.get_value() else { return };
        if let Some(slot) = Slot::TryIt.find() {
            let operation = slot.get_attribute("data-operation").unwrap_or_default();
            module.mount_try_it(&slot, &operation);
        } else if let Some(slot) = Slot::Generic.find() {
            module.mount_generic(&slot);
        }
    }

    /// Opens a share link: restores its request, then shows its panel
    /// (moving to the panel's page first if the link names another one).
    pub fn restore(self, code: String, route: Route, notice: RwSignal<Option<String>>) {
        self.with_module(move |module| match module.restore_share(&code) {
            Some(target) => {
                if target != route.path.get_untracked() {
                    route.navigate(&target, "");
                } else {
                    self.mount_current();
                }
            }
            None => notice
                .set(Some("This share link is damaged or from another version; it could not be opened.".to_owned())),
        });
    }
}
