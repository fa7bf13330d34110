//! The request body: JSON text (what is sent), and one input per documented
//! body field that edits the same JSON, typed by the field's definition.

use explorer_core::operation::{Location, Operation, Param};
use explorer_core::request::{Issue, body_from_fields, fields_from_body};
use leptos::prelude::*;

use super::field::Field;
use crate::components::tabs::Tabs;

use crate::state::Form;

#[derive(Clone, Copy, PartialEq, Eq)]
enum View {
    Fields,
    Json,
}

#[component]
pub fn BodyEditor(op: &'static Operation, form: Form, issues: Memo<Vec<Issue>>) -> impl IntoView {
    let view_mode =
        RwSignal::new(if op.params_in(Location::Body).next().is_some() { View::Fields } else { View::Json });
    let fields = Memo::new(move |_| {
        form.body.with(|b| if b.trim().is_empty() { Some(Vec::new()) } else { fields_from_body(op, b) })
    });
    let body_errors = move || {
        issues.with(|i| {
            i.iter()
                .filter(|i| i.location == Location::Body && i.name.is_none())
                .map(|i| i.message.clone())
                .collect::<Vec<_>>()
        })
    };
    let content_type = op.body_type.clone().unwrap_or_default();
    view! {
        <section class="form-section" data-testid="form-body">
            <div class="form-section-title with-tabs">
                <h3>"Body " <code class="muted">{content_type}</code></h3>
                <Tabs
                    selected=view_mode
                    small=true
                    tabs=vec![
                        (View::Fields, "Fields".into(), "body-fields-tab".into()),
                        (View::Json, "JSON".into(), "body-json-tab".into()),
                    ]
                />
            </div>
            <Show
                when=move || view_mode.get() == View::Json
                fallback=move || {
                    view! {
                        <Show
                            when=move || fields.with(Option::is_some)
                            fallback=|| {
                                view! {
                                    <p class="field-warning">
                                        "The JSON is not an object the fields can show; fix it in the JSON tab."
                                    </p>
                                }
                            }
                        >
                            {op
                                .params_in(Location::Body)
                                .map(|param| view! { <BodyField op form param fields issues /> })
                                .collect_view()}
                        </Show>
                    }
                }
            >
                <textarea
                    class="input code"
                    rows=move || form.body.with(|b| b.lines().count().clamp(4, 18)).to_string()
                    spellcheck="false"
                    aria-label="Request body (JSON)"
                    data-testid="body-json"
                    prop:value=move || form.body.get()
                    on:input=move |ev| form.body.set(event_target_value(&ev))
                ></textarea>
            </Show>
            {move || body_errors().into_iter().map(|e| view! { <p class="field-error" data-testid="body-error">{e}</p> }).collect_view()}
        </section>
    }
}

#[component]
fn BodyField(
    op: &'static Operation,
    form: Form,
    param: &'static Param,
    fields: Memo<Option<Vec<(String, String)>>>,
    issues: Memo<Vec<Issue>>,
) -> impl IntoView {
    let name = param.name.as_str();
    let value = move || {
        fields
            .with(|f| f.as_ref().and_then(|f| f.iter().find(|(n, _)| n == name)).map(|(_, v)| v.clone()))
            .unwrap_or_default()
    };
    let set = move |text: String| {
        let mut current = fields.get_untracked().unwrap_or_default();
        match current.iter_mut().find(|(n, _)| n == name) {
            Some(entry) => entry.1 = text,
            None => current.push((name.to_owned(), text)),
        }
        form.body.set(body_from_fields(op, &current));
    };
    let errors = move || {
        issues.with(|i| {
            i.iter()
                .filter(|i| i.location == Location::Body && i.name.as_deref() == Some(name))
                .map(|i| i.message.clone())
                .collect::<Vec<_>>()
        })
    };
    let id = format!("body-{}-{name}", op.id);
    let placeholder = param.default.clone().or_else(|| param.example.clone()).unwrap_or_default();
    let input = if param.constraints.enum_values.is_empty() {
        view! {
            <input
                class="input"
                class:code=param.ty.is_structured()
                id=id.clone()
                spellcheck="false"
                autocomplete="off"
                placeholder=placeholder
                data-testid=format!("body-{name}")
                class:invalid=move || !errors().is_empty()
                prop:value=value
                on:input=move |ev| set(event_target_value(&ev))
            />
        }
        .into_any()
    } else {
        view! {
            <select
                class="input"
                id=id.clone()
                data-testid=format!("body-{name}")
                prop:value=value
                on:change=move |ev| set(event_target_value(&ev))
            >
                <option value="">"Not sent"</option>
                {param.constraints.enum_values.iter().map(|o| view! { <option value=o.clone()>{o.clone()}</option> }).collect_view()}
            </select>
        }
        .into_any()
    };
    view! {
        <Field param id errors=Signal::derive(errors)>
                {input}
        </Field>
    }
}
