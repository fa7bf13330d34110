//! The light/dark switch in the header.

use leptos::prelude::*;

use crate::context::ThemeToggleCallback;
use crate::hooks::Theme;

#[component]
pub fn ThemeToggle(theme: Signal<Theme>) -> impl IntoView {
    let ThemeToggleCallback(toggle) = expect_context();
    let label = move || match theme.get() {
        Theme::Light => "Switch to dark theme",
        Theme::Dark => "Switch to light theme",
    };
    view! {
        <button
            class="icon-button theme-toggle"
            data-testid="theme-toggle"
            title=label
            aria-label=label
            on:click=move |_| toggle.run(())
        >
            <Show
                when=move || theme.get() == Theme::Dark
                fallback=|| {
                    view! {
                        <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true">
                            <path fill="currentColor" d="M21 12.8A9 9 0 1 1 11.2 3a7 7 0 0 0 9.8 9.8z"></path>
                        </svg>
                    }
                }
            >
                <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true">
                    <circle cx="12" cy="12" r="4.5" fill="currentColor"></circle>
                    <path
                        stroke="currentColor"
                        stroke-width="2"
                        stroke-linecap="round"
                        d="M12 2v2M12 20v2M2 12h2M20 12h2M4.9 4.9l1.4 1.4M17.7 17.7l1.4 1.4M4.9 19.1l1.4-1.4M17.7 6.3l1.4-1.4"
                    ></path>
                </svg>
            </Show>
        </button>
    }
}
