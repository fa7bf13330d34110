//! The command palette: Ctrl-K (or `/`) searches every page, section,
//! operation and parameter, and runs the playground's commands (paste a
//! cURL, history, connection, OpenAPI download). Keyboard only is enough:
//! arrows move, Enter opens, Escape closes.

use explorer_core::Docs;
use explorer_core::search::{Hit, HitKind, SearchIndex};
use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::context::{PaletteOpen, ThemeToggleCallback};
use crate::hooks::use_event_listener;
use crate::playground::Module;
use crate::playground::Playground;
use crate::render::mark_first;
use crate::router::Route;

const LIMIT: usize = 12;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Command {
    PasteCurl,
    CheckBody,
    History,
    Connection,
    OpenApi,
    Theme,
}

const COMMANDS: [(Command, &str, &str); 6] = [
    (Command::PasteCurl, "Paste a cURL command", "Match it to the docs, then replay it"),
    (
        Command::CheckBody,
        "Check a response body against the docs",
        "Paste what a customer received; see each difference",
    ),
    (Command::History, "Request history", "The last 100 requests sent from this browser"),
    (Command::Connection, "Connection", "Environment, API version and credentials"),
    (Command::OpenApi, "Download the OpenAPI 3.1 document", "Generated from these docs"),
    (Command::Theme, "Switch between light and dark", "Remembered by this browser"),
];

#[derive(Clone, PartialEq)]
enum Item {
    Command(usize),
    Hit(Hit),
}

/// Whether a key press is typing into a field (where `/` is just a slash).
fn typing(event: &web_sys::KeyboardEvent) -> bool {
    event.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()).is_some_and(|el| {
        matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT") || el.has_attribute("contenteditable")
    })
}

#[component]
pub fn Palette(docs: &'static Docs, route: Route, main: NodeRef<html::Main>) -> impl IntoView {
    let PaletteOpen(open) = expect_context();
    let ThemeToggleCallback(toggle_theme) = expect_context();
    let playground: Playground = expect_context();
    let query = RwSignal::new(String::new());
    let selected = RwSignal::new(0usize);
    // Built on first use: a visitor who never searches never pays for it.
    let index = StoredValue::new_local(None::<SearchIndex>);
    let input = NodeRef::<html::Input>::new();
    let results = NodeRef::<html::Ul>::new();

    use_event_listener(&document(), "keydown", move |event: web_sys::KeyboardEvent| {
        let shortcut = event.key().eq_ignore_ascii_case("k") && (event.ctrl_key() || event.meta_key());
        if shortcut || (event.key() == "/" && !typing(&event) && !open.get_untracked()) {
            event.prevent_default();
            open.set(true);
        }
    });
    Effect::new(move || {
        if open.get() {
            if index.with_value(Option::is_none) {
                index.set_value(Some(SearchIndex::build(docs)));
            }
            query.set(String::new());
            selected.set(0);
            if let Some(input) = input.get() {
                let _ = input.focus();
            }
        }
    });

    let items = Memo::new(move |_| {
        let q = query.get();
        let q_lower = q.trim().to_lowercase();
        let mut items: Vec<Item> = COMMANDS
            .iter()
            .enumerate()
            .filter(|(_, (_, label, _))| {
                !q_lower.is_empty() && label.to_lowercase().contains(&q_lower) || q_lower.is_empty()
            })
            .map(|(i, _)| Item::Command(i))
            .collect();
        if !q_lower.is_empty() {
            let hits = index.with_value(|i| i.as_ref().map(|i| i.search(&q, LIMIT)).unwrap_or_default());
            items.splice(0..0, hits.into_iter().map(Item::Hit));
        }
        items
    });

    let run = move |item: Item| {
        open.set(false);
        match item {
            Item::Hit(hit) => {
                let word = query.get_untracked().split_whitespace().last().unwrap_or_default().to_owned();
                route.navigate(&hit.route, hit.anchor.as_deref().unwrap_or_default());
                // After the page is in the DOM: land on the words themselves.
                request_animation_frame(move || {
                    if let Some(main) = main.get_untracked() {
                        mark_first(&main, hit.anchor.as_deref(), &word);
                    }
                });
            }
            Item::Command(i) => match COMMANDS[i].0 {
                Command::PasteCurl => playground.with_module(Module::open_paste),
                Command::CheckBody => playground.with_module(Module::open_check_body),
                Command::History => playground.with_module(Module::open_history),
                Command::Connection => playground.with_module(Module::open_connection),
                Command::OpenApi => playground.with_module(Module::download_openapi),
                Command::Theme => toggle_theme.run(()),
            },
        }
    };
    // The list is plain DOM, rebuilt per keystroke: a reactive view per
    // result cost more bytes than the whole search index.
    Effect::new(move || {
        let Some(list) = results.get() else { return };
        items.with(|items| render_items(&list, items, selected.get()));
    });
    let index_of = |event: &web_sys::MouseEvent| -> Option<usize> {
        let target = event.target()?.dyn_into::<web_sys::Element>().ok()?;
        target.closest("[data-index]").ok()??.get_attribute("data-index")?.parse().ok()
    };
    let on_click = move |event: web_sys::MouseEvent| {
        if let Some(item) = index_of(&event).and_then(|i| items.with_untracked(|items| items.get(i).cloned())) {
            run(item);
        }
    };
    let on_hover = move |event: web_sys::MouseEvent| {
        if let Some(i) = index_of(&event).filter(|i| *i != selected.get_untracked()) {
            selected.set(i);
        }
    };
    let on_key = move |event: web_sys::KeyboardEvent| {
        let count = items.with(Vec::len);
        match event.key().as_str() {
            "ArrowDown" => {
                event.prevent_default();
                selected.update(|s| *s = if count == 0 { 0 } else { (*s + 1) % count });
            }
            "ArrowUp" => {
                event.prevent_default();
                selected.update(|s| *s = if count == 0 { 0 } else { (*s + count - 1) % count });
            }
            "Enter" => {
                event.prevent_default();
                if let Some(item) = items.with(|i| i.get(selected.get_untracked()).cloned()) {
                    run(item);
                }
            }
            "Escape" => open.set(false),
            _ => {}
        }
    };

    view! {
        <Show when=move || open.get()>
            <div class="palette-backdrop" on:click=move |_| open.set(false)></div>
            <div class="palette" role="dialog" aria-modal="true" aria-label="Search and commands" data-testid="palette">
                <input
                    node_ref=input
                    class="palette-input"
                    type="search"
                    placeholder="Search the docs, or type a command…"
                    aria-label="Search"
                    aria-controls="palette-results"
                    aria-activedescendant=move || format!("palette-item-{}", selected.get())
                    autocomplete="off"
                    spellcheck="false"
                    data-testid="palette-input"
                    prop:value=move || query.get()
                    on:input=move |ev| {
                        query.set(event_target_value(&ev));
                        selected.set(0);
                    }
                    on:keydown=on_key
                />
                <ul node_ref=results class="palette-results" id="palette-results" role="listbox" aria-label="Search results" tabindex="0" data-testid="palette-results" on:click=on_click on:mousemove=on_hover></ul>
                <p class="palette-help">
                    <kbd>"↑"</kbd> <kbd>"↓"</kbd> " to move · " <kbd>"Enter"</kbd> " to open · " <kbd>"Esc"</kbd> " to close"
                </p>
            </div>
        </Show>
    }
}

fn kind_label(kind: HitKind) -> &'static str {
    match kind {
        HitKind::Page => "Page",
        HitKind::Section => "Section",
        HitKind::Operation => "Endpoint",
        HitKind::Parameter => "Parameter",
        HitKind::Field => "Field",
        HitKind::Response => "Response",
    }
}

/// Writes the result list; text goes in as text nodes only.
fn render_items(list: &web_sys::Element, items: &[Item], selected: usize) {
    use crate::render::dom::{attr, child, text, text_child};
    list.set_text_content(None);
    if items.is_empty() {
        text_child(list, "li", "palette-empty", "Nothing matches. Try fewer words.");
        return;
    }
    for (i, item) in items.iter().enumerate() {
        let li = child(list, "li", if i == selected { "palette-item selected" } else { "palette-item" });
        attr(&li, "id", &format!("palette-item-{i}"));
        attr(&li, "role", "option");
        attr(&li, "data-index", &i.to_string());
        attr(&li, "aria-selected", if i == selected { "true" } else { "false" });
        match item {
            Item::Command(c) => {
                let (_, label, detail) = COMMANDS[*c];
                text_child(&li, "span", "palette-kind", "Command");
                text_child(&li, "span", "palette-title", label);
                text_child(&li, "span", "palette-excerpt", detail);
            }
            Item::Hit(hit) => {
                text_child(&li, "span", "palette-kind", kind_label(hit.kind));
                let title = child(&li, "span", "palette-title");
                if let Some(m) = hit.method {
                    text_child(
                        &title,
                        "span",
                        &format!("method method-{}", m.as_str().to_ascii_lowercase()),
                        m.as_str(),
                    );
                }
                text(&title, &hit.title);
                let excerpt = child(&li, "span", "palette-excerpt");
                let mut at = 0;
                for &(start, end) in &hit.excerpt_matches {
                    let t = &hit.excerpt;
                    if start < at || end > t.len() || !t.is_char_boundary(start) || !t.is_char_boundary(end) {
                        continue;
                    }
                    text(&excerpt, &t[at..start]);
                    text_child(&excerpt, "mark", "", &t[start..end]);
                    at = end;
                }
                text(&excerpt, &hit.excerpt[at..]);
            }
        }
        if i == selected {
            let options = web_sys::ScrollIntoViewOptions::new();
            options.set_block(web_sys::ScrollLogicalPosition::Nearest);
            li.scroll_into_view_with_scroll_into_view_options(&options);
        }
    }
}
