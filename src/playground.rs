//! The bridge to the playground module, which is loaded on demand: the
//! first "Try it" click (or any later endpoint page once it is loaded)
//! fetches it, hands it the embedded docs and mounts its panel into the
//! page's slot.

use js_sys::{Function, Promise, Reflect};
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::Element;

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
                        call(&module, "mount_header", &[slot.into()]);
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

    pub fn is_ready(self) -> bool {
        self.module.with_value(Option::is_some)
    }

    /// Opens the connection dialog (environment and credentials).
    pub fn open_connection(self) {
        self.with_module(|module| call(&module, "open_connection", &[]));
    }

    /// Mounts the try-it panel of `operation` into `slot`.
    pub fn mount_try_it(self, slot: Element, operation: String) {
        self.with_module(move |module| call(&module, "mount_try_it", &[slot.into(), operation.into()]));
    }
}

/// Calls an exported function of the module; failures are shown in place
/// by the module itself, so only a missing export lands here.
fn call(module: &JsValue, name: &str, args: &[JsValue]) {
    let Ok(function) = Reflect::get(module, &name.into()).and_then(|f| f.dyn_into::<Function>()) else {
        leptos::logging::error!("the playground module has no `{name}`");
        return;
    };
    let args: js_sys::Array = args.iter().collect();
    if let Err(error) = function.apply(module, &args) {
        leptos::logging::error!("playground `{name}` failed: {error:?}");
    }
}
