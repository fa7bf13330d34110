//! The application shell: decodes the embedded docs, installs the shared
//! context and lays out header, navigation and the current page.

use explorer_core::Docs;
use leptos::html;
use leptos::prelude::*;

use crate::components::header::Header;
use crate::components::palette::Palette;
use crate::context::{NavDrawer, PaletteOpen, ThemeToggleCallback};
use crate::hooks::{use_copy_buttons, use_event_listener, use_theme};
use crate::playground::{Playground, Status};
use crate::render;
use crate::router::provide_route;

const PRODUCT: &str = "Cloud API Explorer";

#[component]
pub fn App() -> impl IntoView {
    let docs = match Docs::from_embedded(explorer_content::DOCS) {
        // Leaked on purpose: the docs live as long as the page, and every
        // view can then borrow from them without reference counting.
        Ok(docs) => &*Box::leak(Box::new(docs)),
        Err(error) => {
            return view! {
                <main class="fatal" role="alert">
                    <h1>"The reference could not be loaded"</h1>
                    <p>{error.to_string()}</p>
                </main>
            }
            .into_any();
        }
    };
    let drawer = RwSignal::new(false);
    provide_context(NavDrawer(drawer));
    provide_context(PaletteOpen(RwSignal::new(false)));
    let (theme, toggle_theme) = use_theme();
    provide_context(ThemeToggleCallback(toggle_theme));
    let route = provide_route();
    use_copy_buttons();
    let playground = Playground::new(docs);
    provide_context(playground);
    use_try_it_buttons(playground);
    let notice = RwSignal::new(None::<String>);
    if let Some(code) = window().location().hash().ok().and_then(|h| h.strip_prefix("#share=").map(str::to_owned)) {
        playground.restore(code, route, notice);
    }

    let nav_ref = NodeRef::<html::Nav>::new();
    let main_ref = NodeRef::<html::Main>::new();
    nav_ref.on_load(move |nav| render::sidebar(&nav, docs));
    Effect::new(move || {
        let path = route.path.get();
        let (Some(main), Some(nav)) = (main_ref.get(), nav_ref.get()) else { return };
        if explorer_core::routes::is_generic(&path) {
            render::generic(&main);
            render::mark_active(&nav, "");
            document().set_title(&format!("Request · {PRODUCT}"));
            playground.load();
            playground.mount_current();
            return;
        }
        match docs.page_at(&path) {
            Some(page) => {
                render::page(&main, docs, page);
                // Once the playground is loaded, every endpoint page gets its panel.
                playground.mount_current();
                render::mark_active(&nav, &page.route);
                document().set_title(&if page.route == "/" {
                    PRODUCT.to_owned()
                } else {
                    format!("{} · {PRODUCT}", page.title)
                });
            }
            None => {
                render::not_found(&main, &path);
                render::mark_active(&nav, "");
                document().set_title(&format!("Page not found · {PRODUCT}"));
            }
        }
    });

    // Created after the effect above, so it runs after the first page is
    // rendered; the chunk is then fetched after the load event, when idle.
    Effect::new(move || playground.preload());

    view! {
        <a class="skip-link" href="#main">"Skip to content"</a>
        <Header theme />
        <Palette docs route main=main_ref />
        {move || {
            notice.get().map(|text| {
                view! {
                    <div class="notice" role="alert" data-testid="notice">
                        <span>{text}</span>
                        <button class="icon-button" aria-label="Dismiss" on:click=move |_| notice.set(None)>"✕"</button>
                    </div>
                }
            })
        }}
        <div class="shell">
            <div class="sidebar-backdrop" class:open=move || drawer.get() on:click=move |_| drawer.set(false)></div>
            <nav
                node_ref=nav_ref
                class="sidebar"
                class:open=move || drawer.get()
                aria-label="Documentation"
                data-testid="sidebar"
                on:click=move |_| drawer.set(false)
            ></nav>
            <main node_ref=main_ref id="main" class="content" tabindex="-1"></main>
        </div>
    }
    .into_any()
}

/// "Open the playground" buttons start the playground and mount the panel; the
/// button says what is happening while it loads, and why if it fails.
fn use_try_it_buttons(playground: Playground) {
    use wasm_bindgen::JsCast;
    use_event_listener(&document(), "click", move |event: web_sys::MouseEvent| {
        let Some(button) = event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.closest(".try-it-open").ok().flatten())
        else {
            return;
        };
        button.set_text_content(Some("Loading the playground…"));
        let _ = button.set_attribute("disabled", "");
        playground.load();
    });
    // The page's slot is filled as soon as the playground is ready.
    Effect::new(move || {
        if playground.status.get() == Status::Ready {
            playground.mount_current();
        }
    });
    Effect::new(move || {
        if let Status::Failed(message) = playground.status.get() {
            let Ok(Some(button)) = document().query_selector(".try-it-open") else { return };
            button.set_text_content(Some("Try again"));
            let _ = button.remove_attribute("disabled");
            if let Some(intro) = button.parent_element() {
                // One note, saying why the latest attempt failed.
                let note = match intro.query_selector(".try-it-error") {
                    Ok(Some(note)) => note,
                    _ => {
                        let note = document().create_element("p").expect("p is a valid tag");
                        note.set_class_name("try-it-error");
                        let _ = intro.append_child(&note);
                        note
                    }
                };
                note.set_text_content(Some(&format!("The playground could not be loaded: {message}")));
            }
        }
    });
}
