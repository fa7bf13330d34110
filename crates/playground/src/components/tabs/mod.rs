//! A row of tabs bound to one signal: the request body's Fields/JSON, the
//! snippet languages and the response's Body/Raw/Headers all use it.

use leptos::prelude::*;

/// One tab: the value it selects, its label and its `data-testid`.
pub type Tab<T> = (T, String, String);

#[component]
pub fn Tabs<T>(
    selected: RwSignal<T>,
    tabs: Vec<Tab<T>>,
    /// The compact style used inside a section heading.
    #[prop(optional)]
    small: bool,
    /// What the tabs choose between, for screen readers.
    #[prop(optional)]
    label: Option<&'static str>,
) -> impl IntoView
where
    T: Copy + PartialEq + Send + Sync + 'static,
{
    view! {
        <div class="tabs" class:small=small role="tablist" aria-label=label>
            {tabs
                .into_iter()
                .map(|(value, text, testid)| {
                    let active = move || selected.get() == value;
                    view! {
                        <button
                            role="tab"
                            class:active=active
                            aria-selected=move || active().to_string()
                            data-testid=testid
                            on:click=move |_| selected.set(value)
                        >
                            {text}
                        </button>
                    }
                })
                .collect_view()}
        </div>
    }
}
