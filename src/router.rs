//! Client-side navigation on the History API.
//!
//! A full router (leptos_router) costs about 50 KB of the gzip budget; the
//! explorer needs only "which page, which anchor": every route is a page of
//! the docs, found by `Docs::page_at`. Plain `<a href>` links work as links
//! (open in a new tab, copy address) and are intercepted here for same-tab
//! navigation without a reload.

use crate::hooks::use_event_listener;
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{HtmlAnchorElement, ScrollBehavior, ScrollIntoViewOptions, ScrollLogicalPosition};

/// The current path. Fragments are not state: they only scroll.
#[derive(Clone, Copy)]
pub struct Route {
    pub path: ReadSignal<String>,
    set_path: WriteSignal<String>,
}

fn decode_fragment(hash: &str) -> String {
    let raw = hash.trim_start_matches('#');
    js_sys::decode_uri_component(raw).map(String::from).unwrap_or_else(|_| raw.to_owned())
}

impl Route {
    /// Reads the browser's location into the signal.
    fn sync(self) {
        self.set_path.set(window().location().pathname().unwrap_or_else(|_| "/".to_owned()));
    }

    /// Goes to `path#anchor` as a new history entry.
    pub fn navigate(self, path: &str, anchor: &str) {
        let url = if anchor.is_empty() { path.to_owned() } else { format!("{path}#{anchor}") };
        if let Ok(history) = window().history() {
            let _ = history.push_state_with_url(&JsValue::NULL, "", Some(&url));
        }
        let same_page = self.path.get_untracked() == path;
        self.set_path.set(path.to_owned());
        if same_page || anchor.is_empty() {
            scroll_to(anchor);
        }
    }
}

/// Brings `#anchor` into view, or the top of the page when there is none.
pub fn scroll_to(anchor: &str) {
    let anchor = anchor.to_owned();
    // After the frame, so a page that has just been rendered is in the DOM.
    request_animation_frame(move || {
        let target = if anchor.is_empty() { None } else { document().get_element_by_id(&anchor) };
        match target {
            Some(element) => {
                let options = ScrollIntoViewOptions::new();
                options.set_behavior(ScrollBehavior::Instant);
                options.set_block(ScrollLogicalPosition::Start);
                element.scroll_into_view_with_scroll_into_view_options(&options);
            }
            None => window().scroll_to_with_x_and_y(0.0, 0.0),
        }
    });
}

/// Installs the route signals and the link and back/forward listeners.
pub fn provide_route() -> Route {
    let (path, set_path) = signal(String::new());
    let route = Route { path, set_path };
    route.sync();
    provide_context(route);

    use_event_listener(&window(), "popstate", move |_: web_sys::Event| route.sync());
    use_event_listener(&document(), "click", move |event: web_sys::MouseEvent| {
        if let Some((path, anchor)) = internal_link(&event) {
            event.prevent_default();
            route.navigate(&path, &anchor);
        }
    });
    // A page loaded with a fragment scrolls to it once rendered.
    let initial_anchor = decode_fragment(&window().location().hash().unwrap_or_default());
    if !initial_anchor.is_empty() {
        scroll_to(&initial_anchor);
    }
    route
}

/// The same-origin link a plain left click landed on, if the explorer
/// should handle it rather than the browser.
fn internal_link(event: &web_sys::MouseEvent) -> Option<(String, String)> {
    if event.default_prevented()
        || event.button() != 0
        || event.meta_key()
        || event.ctrl_key()
        || event.shift_key()
        || event.alt_key()
    {
        return None;
    }
    let element: web_sys::Element = event.target()?.dyn_into().ok()?;
    let link: HtmlAnchorElement = element.closest("a[href]").ok()??.dyn_into().ok()?;
    if !link.target().is_empty() || link.has_attribute("download") {
        return None;
    }
    if link.origin() != window().location().origin().ok()? {
        return None;
    }
    Some((link.pathname(), decode_fragment(&link.hash())))
}
