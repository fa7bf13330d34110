//! The bridge to the playground module, which is loaded on demand: the
//! first "Try it" click (or any later endpoint page once it is loaded)
//! fetches it, hands it the embedded docs and mounts its panel into the
//! page's slot.

use crate::router::Route;
use js_sys::{Function, Promise, Reflect};
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen(inline_js = r#"
let loading;
export function load_playground(docs) {
  if (!loading) {
    const meta = document.querySelector('meta[name="explorer-playground"]');
    if (!meta || !meta.content) return Promise.reject(new Error("this build has no playground module"));
    if (meta.dataset.css) {
      const link = document.createElement("link");
      link.rel = "stylesheet";
      link.href = meta.dataset.css;
      document.head.append(link);
    }
    loading = import(meta.content).then(async (module) => {
      await module.default({ module_or_path: meta.dataset.wasm });
      module.start(docs);
      return module;
    });
    loading.catch(() => { loading = undefined; });
  }
  return loading;
}
"#)]
extern "C" {
    fn load_playground(docs: &[u8]) -> Promise;
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
    module: StoredValue<Option<JsValue>, LocalStorage>,
}

impl Playground {
    pub fn new() -> Self {
        Self { status: RwSignal::new(Status::NotLoaded), module: StoredValue::new_local(None) }
    }

    /// Loads the module (once) and runs `then` with it.
    pub fn with_module(self, then: impl FnOnce(JsValue) + 'static) {
        if let Some(module) = self.module.get_value() {
            then(module);
            return;
        }
        self.status.set(Status::Loading);
        wasm_bindgen_futures::spawn_local(async move {
            match JsFuture::from(load_playground(explorer_content::DOCS)).await {
                Ok(module) => {
                    self.module.set_value(Some(module.clone()));
                    self.status.set(Status::Ready);
                    // The header's connection chip comes with the module.
                    if let Ok(Some(slot)) = document().query_selector("[data-testid=connection-slot]") {
                        let _ = call(&module, "mount_header", &[slot.into()]);
                    }
                    then(module);
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

    /// Opens the connection dialog (environment and credentials).
    pub fn open_connection(self) {
        self.call("open_connection");
    }

    /// Loads the module if needed and runs one of its argument-less exports
    /// (`open_paste`, `open_history`, `download_openapi`, …).
    pub fn call(self, name: &'static str) {
        self.with_module(move |module| {
            let _ = call(&module, name, &[]);
        });
    }

    /// Fills the current page's slot, if it has one: the try-it panel of an
    /// endpoint page, or the generic request panel.
    pub fn mount_current(self) {
        let Some(module) = self.module.get_value() else { return };
        if let Ok(Some(slot)) = document().query_selector(".try-it-slot[data-operation]") {
            let operation = slot.get_attribute("data-operation").unwrap_or_default();
            call(&module, "mount_try_it", &[slot.into(), operation.into()]);
        } else if let Ok(Some(slot)) = document().query_selector("[data-testid=generic-slot]") {
            call(&module, "mount_generic", &[slot.into()]);
        }
    }

    /// Opens a share link: restores its request, then shows its panel
    /// (moving to the panel's page first if the link names another one).
    pub fn restore(self, code: String, route: Route, notice: RwSignal<Option<String>>) {
        self.with_module(move |module| match call(&module, "restore_share", &[code.into()]) {
            Some(target) => {
                let target = target.as_string().unwrap_or_default();
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

/// Calls an exported function of the module; `None` (and a console note)
/// when it is missing or throws.
fn call(module: &JsValue, name: &str, args: &[JsValue]) -> Option<JsValue> {
    let Ok(function) = Reflect::get(module, &name.into()).and_then(|f| f.dyn_into::<Function>()) else {
        leptos::logging::error!("the playground module has no `{name}`");
        return None;
    };
    let args: js_sys::Array = args.iter().collect();
    match function.apply(module, &args) {
        Ok(value) => Some(value),
        Err(error) => {
            leptos::logging::warn!("playground `{name}` failed: {error:?}");
            None
        }
    }
}
