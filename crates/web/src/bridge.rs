//! The one place that names what the shell and the playground module say to
//! each other: the playground's exports (called by name across two wasm
//! modules, where no compiler sees both sides) and the slots of the page
//! where its views are mounted.
//!
//! Three checks keep the sides together: the shell calls exports only
//! through [`Module`]'s typed methods; the playground assigns its exported
//! functions to [`Exports`], so a changed signature fails its build; and the
//! build step that produces the playground's JS (`cargo xtask playground`)
//! fails naming any export of [`Export::ALL`] the JS lacks, so a rename
//! breaks the build rather than the page.

/// Declares the exports once: the enum, its list and each JS name.
macro_rules! exports {
    ($($(#[$doc:meta])* $variant:ident = $name:literal,)*) => {
        /// An export of the playground module, by its JS name.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Export {
            $($(#[$doc])* $variant,)*
        }

        impl Export {
            /// Every export, in declaration order.
            pub const ALL: &'static [Export] = &[$(Export::$variant,)*];

            /// The function's name in the module's JS.
            pub const fn name(self) -> &'static str {
                match self {
                    $(Export::$variant => $name,)*
                }
            }
        }
    };
}

exports! {
    /// `start(docs)`: decodes the docs, prepares the state and mounts the
    /// dialogs; the loader calls it once, right after instantiating.
    Start = "start",
    /// `mount_try_it(slot, operation_id)`: the try-it panel of an operation.
    MountTryIt = "mount_try_it",
    /// `mount_generic(slot)`: the panel for requests the docs do not describe.
    MountGeneric = "mount_generic",
    /// `mount_header(slot)`: the header's connection chip.
    MountHeader = "mount_header",
    /// `restore_share(code)`: a share link's request; returns its route.
    RestoreShare = "restore_share",
    /// `open_paste()`: the paste-a-cURL dialog.
    OpenPaste = "open_paste",
    /// `open_history()`: the history dialog.
    OpenHistory = "open_history",
    /// `open_connection()`: the connection dialog.
    OpenConnection = "open_connection",
    /// `open_check_body()`: the dialog that checks a pasted response body.
    OpenCheckBody = "open_check_body",
    /// `download_openapi()`: saves the OpenAPI document.
    DownloadOpenapi = "download_openapi",
}

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
    pub const fn id(self) -> &'static str {
        match self {
            Slot::Connection => "playground-connection",
            Slot::TryIt => "playground-try-it",
            Slot::Generic => "playground-generic",
        }
    }
}

#[cfg(feature = "browser")]
pub use browser::{Exports, Module};

#[cfg(feature = "browser")]
mod browser {
    use super::{Export, Slot};
    use js_sys::{Function, Reflect};
    use leptos::prelude::document;
    use wasm_bindgen::{JsCast, JsValue};
    use web_sys::{Element, HtmlElement};

    impl Slot {
        /// This slot in the current page, if the page has it.
        pub fn find(self) -> Option<Element> {
            document().get_element_by_id(self.id())
        }

        /// Makes `element` this slot.
        pub fn mark(self, element: &Element) {
            element.set_id(self.id());
        }
    }

    /// The playground's exported functions, as the playground defines them:
    /// it fills this struct with them, so their Rust signatures are the ones
    /// [`Module`]'s calls below are written for.
    pub struct Exports {
        pub start: fn(&[u8]) -> Result<(), JsValue>,
        pub mount_try_it: fn(HtmlElement, &str) -> Result<(), JsValue>,
        pub mount_generic: fn(HtmlElement),
        pub mount_header: fn(HtmlElement),
        pub restore_share: fn(&str) -> Result<String, JsValue>,
        pub open_paste: fn(),
        pub open_history: fn(),
        pub open_connection: fn(),
        pub open_check_body: fn(),
        pub download_openapi: fn() -> Result<(), JsValue>,
    }

    /// The loaded playground module (its JS namespace), called through typed
    /// methods only.
    #[derive(Clone)]
    pub struct Module(JsValue);

    impl Module {
        pub fn new(namespace: JsValue) -> Self {
            Self(namespace)
        }

        pub fn mount_try_it(&self, slot: &Element, operation_id: &str) {
            self.call(Export::MountTryIt, &[slot.into(), operation_id.into()]);
        }

        pub fn mount_generic(&self, slot: &Element) {
            self.call(Export::MountGeneric, &[slot.into()]);
        }

        pub fn mount_header(&self, slot: &Element) {
            self.call(Export::MountHeader, &[slot.into()]);
        }

        /// The route of the link's panel; `None` for a damaged link.
        pub fn restore_share(&self, code: &str) -> Option<String> {
            self.call(Export::RestoreShare, &[code.into()]).map(|route| route.as_string().unwrap_or_default())
        }

        pub fn open_paste(&self) {
            self.call(Export::OpenPaste, &[]);
        }

        pub fn open_history(&self) {
            self.call(Export::OpenHistory, &[]);
        }

        pub fn open_connection(&self) {
            self.call(Export::OpenConnection, &[]);
        }

        pub fn open_check_body(&self) {
            self.call(Export::OpenCheckBody, &[]);
        }

        pub fn download_openapi(&self) {
            self.call(Export::DownloadOpenapi, &[]);
        }

        /// `None` (and a console note) when the export is missing or throws.
        fn call(&self, export: Export, args: &[JsValue]) -> Option<JsValue> {
            let name = export.name();
            let Ok(function) = Reflect::get(&self.0, &name.into()).and_then(|f| f.dyn_into::<Function>()) else {
                leptos::logging::error!("the playground module has no `{name}`");
                return None;
            };
            let args: js_sys::Array = args.iter().collect();
            match function.apply(&self.0, &args) {
                Ok(value) => Some(value),
                Err(error) => {
                    leptos::logging::warn!("playground `{name}` failed: {error:?}");
                    None
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_ids_are_distinct() {
        let mut names: Vec<_> = Export::ALL.iter().map(|e| e.name()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), Export::ALL.len());
        let ids = [Slot::Connection.id(), Slot::TryIt.id(), Slot::Generic.id()];
        assert!(ids.iter().enumerate().all(|(i, id)| !ids[..i].contains(id)));
    }
}
