//! The application shell: decodes the embedded docs, installs the shared
//! context and lays out header, navigation and the current page.

use explorer_core::Docs;
use leptos::html;
use leptos::prelude::*;

use crate::components::header::Header;
use crate::context::NavDrawer;
use crate::hooks::use_copy_buttons;
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
    let route = provide_route();
    use_copy_buttons();

    let nav_ref = NodeRef::<html::Nav>::new();
    let main_ref = NodeRef::<html::Main>::new();
    nav_ref.on_load(move |nav| render::sidebar(&nav, docs));
    Effect::new(move || {
        let path = route.path.get();
        let (Some(main), Some(nav)) = (main_ref.get(), nav_ref.get()) else { return };
        match docs.page_at(&path) {
            Some(page) => {
                render::page(&main, page);
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

    view! {
        <a class="skip-link" href="#main">"Skip to content"</a>
        <Header />
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
