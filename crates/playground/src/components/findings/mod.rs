//! What the paste dialog found in a command: its list items, and the list
//! carried into the panel it opened, so that "unknown query parameter" does
//! not vanish on opening.

use explorer_core::import::{Finding, Severity};
use leptos::prelude::*;

#[component]
pub fn ImportFindings(findings: RwSignal<Vec<Finding>>) -> impl IntoView {
    view! {
        <Show when=move || findings.with(|f| !f.is_empty())>
            <section class="form-section imported" data-testid="import-findings">
                <h3 class="form-section-title">"From the pasted command"</h3>
                <ul class="findings">
                    {move || findings.get().into_iter().map(finding_item).collect_view()}
                </ul>
                <button class="link-button" data-testid="dismiss-findings" on:click=move |_| findings.set(Vec::new())>"Dismiss"</button>
            </section>
        </Show>
    }
}

/// One finding as a list item, labelled by its severity.
pub fn finding_item(f: Finding) -> impl IntoView {
    let (class, label) = match f.severity {
        Severity::Error => ("finding error", "Error"),
        Severity::Warning => ("finding warning", "Check"),
        Severity::Info => ("finding info", "Note"),
    };
    view! {
        <li class=class data-testid="finding">
            <span class="finding-label">{label}</span>
            {f.message}
        </li>
    }
}
