//! The frame every generated input sits in: the parameter's name, whether
//! it is required, its type, its limits and the problems found in it.

use explorer_core::markdown::plain_text;
use explorer_core::operation::{Param, constraint_notes, type_label};
use leptos::prelude::*;

#[component]
pub fn Field(
    param: &'static Param,
    /// The id of the input, for the label.
    id: String,
    /// Problems found in the value.
    errors: Signal<Vec<String>>,
    children: Children,
) -> impl IntoView {
    let notes = constraint_notes(param).join(" · ");
    view! {
        <div class="field" title=plain_text(&param.rendered)>
            <label class="field-name" for=id>
                <code>{param.name.as_str()}</code>
                {param.required.then(|| view! { <span class="required" aria-label="required">"*"</span> })}
                <span class="field-type">{type_label(param)}</span>
            </label>
            {children()}
            {(!notes.is_empty()).then(|| view! { <p class="field-notes">{notes}</p> })}
            {move || errors.get().into_iter().map(|e| view! { <p class="field-error">{e}</p> }).collect_view()}
        </div>
    }
}
