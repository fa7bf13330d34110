//! Light and dark themes. The system preference (`prefers-color-scheme`)
//! decides until the reader picks one with the toggle; that choice is kept
//! in localStorage (`explorer.theme`, read by index.html before start-up).

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Theme {
    Light,
    Dark,
}

impl Theme {
    pub fn as_str(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    fn other(self) -> Theme {
        match self {
            Theme::Light => Theme::Dark,
            Theme::Dark => Theme::Light,
        }
    }
}

pub const STORAGE_KEY: &str = "explorer.theme";

fn stored() -> Option<Theme> {
    match explorer_web::get(STORAGE_KEY)?.as_str() {
        "dark" => Some(Theme::Dark),
        "light" => Some(Theme::Light),
        _ => None,
    }
}

/// The theme in effect, and a callback that switches to the other one and
/// remembers the choice.
pub fn use_theme() -> (Signal<Theme>, Callback<()>) {
    let choice = RwSignal::new(stored());
    let query = window().match_media("(prefers-color-scheme: dark)").ok().flatten();
    let prefers_dark = RwSignal::new(query.as_ref().is_some_and(|q| q.matches()));
    if let Some(query) = query {
        let listener = Closure::<dyn Fn(web_sys::MediaQueryListEvent)>::new(move |e: web_sys::MediaQueryListEvent| {
            prefers_dark.set(e.matches())
        });
        let _ = query.add_event_listener_with_callback("change", listener.as_ref().unchecked_ref());
        // The listener lives as long as the page.
        listener.forget();
    }
    let theme =
        Signal::derive(move || choice.get().unwrap_or(if prefers_dark.get() { Theme::Dark } else { Theme::Light }));
    Effect::new(move || {
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("data-theme", theme.get().as_str());
        }
    });
    let toggle = Callback::new(move |()| {
        let next = theme.get_untracked().other();
        explorer_web::set(STORAGE_KEY, next.as_str());
        choice.set(Some(next));
    });
    (theme, toggle)
}
