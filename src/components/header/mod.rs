//! The top bar: the product name, the menu button on small screens, search,
//! the support tools (paste a cURL, history), the connection and the theme.

use leptos::prelude::*;

use crate::components::theme_toggle::ThemeToggle;
use crate::context::{NavDrawer, PaletteOpen};
use crate::hooks::Theme;
use crate::playground::{Module, Playground, Status};
use playground::bridge::Slot;

#[component]
pub fn Header(theme: Signal<Theme>) -> impl IntoView {
    let NavDrawer(open) = expect_context();
    let PaletteOpen(palette) = expect_context();
    let playground: Playground = expect_context();
    view! {
        <header class="topbar">
            <button
                class="icon-button menu-button"
                aria-label="Open navigation"
                aria-expanded=move || open.get().to_string()
                on:click=move |_| open.update(|o| *o = !*o)
            >
                <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
                    <path stroke="currentColor" stroke-width="2" stroke-linecap="round" d="M4 7h16M4 12h16M4 17h16"></path>
                </svg>
            </button>
            <a class="brand" href="/">
                <svg viewBox="0 0 32 32" width="24" height="24" aria-hidden="true">
                    <rect width="32" height="32" rx="7" fill="var(--accent)"></rect>
                    <path d="M9 21.5a5 5 0 0 1 .6-9.97A7 7 0 0 1 23 12.5a4.5 4.5 0 0 1 0 9z" fill="#fff"></path>
                </svg>
                <span class="brand-name">"Cloud API"</span>
                <span class="brand-sub">"Explorer"</span>
            </a>
            <span class="version-badge" title="API reference version">"v2.4"</span>
            <button class="search-button" data-testid="search-button" on:click=move |_| palette.set(true)>
                <svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true">
                    <circle cx="11" cy="11" r="7" stroke="currentColor" stroke-width="2" fill="none"></circle>
                    <path d="M20 20l-4-4" stroke="currentColor" stroke-width="2" stroke-linecap="round"></path>
                </svg>
                <span class="search-label">"Search"</span>
                <kbd>"Ctrl K"</kbd>
            </button>
            <div class="topbar-spacer"></div>
            // On a phone only the icons show; the label stays for screen readers.
            <button class="tool-button" data-testid="paste-curl-button" title="Paste a cURL command" aria-label="Paste cURL" on:click=move |_| playground.with_module(Module::open_paste)>
                <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true">
                    <path d="M9 4h6v3H9zM7 5H5v15h14V5h-2" stroke="currentColor" stroke-width="2" fill="none" stroke-linejoin="round"></path>
                </svg>
                <span class="tool-label">"Paste cURL"</span>
            </button>
            <button class="tool-button" data-testid="history-button" title="Request history" aria-label="History" on:click=move |_| playground.with_module(Module::open_history)>
                <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true">
                    <circle cx="12" cy="12" r="8" stroke="currentColor" stroke-width="2" fill="none"></circle>
                    <path d="M12 8v4l3 2" stroke="currentColor" stroke-width="2" fill="none" stroke-linecap="round"></path>
                </svg>
                <span class="tool-label">"History"</span>
            </button>
            // The playground replaces this button with its connection chip.
            <div class="connection-slot" id=Slot::Connection.id()>
                <button
                    class="connect-button"
                    data-testid="connect-button"
                    disabled=move || playground.status.get() == Status::Loading
                    on:click=move |_| playground.with_module(Module::open_connection)
                >
                    "Connect"
                </button>
            </div>
            <ThemeToggle theme />
        </header>
    }
}
