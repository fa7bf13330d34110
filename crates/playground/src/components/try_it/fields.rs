//! Inputs generated from an operation's path, query and header parameters:
//! selects for enums and booleans, typed text for the rest, a "Generate"
//! button for UUID headers, and free rows for extra query parameters and
//! headers. Problems show beside the field they concern.

use explorer_core::operation::{Format, Location, Operation, Param, ParamType};
use explorer_core::request::{Issue, id_suggestions};
use leptos::prelude::*;

use super::field::Field;

use crate::random::uuid;
use crate::state::{Form, state};

pub const SECTIONS: [(Location, &str); 3] =
    [(Location::Path, "Path"), (Location::Query, "Query"), (Location::Header, "Headers")];

/// Messages of the issues about one field.
fn messages(issues: &[Issue], location: Location, name: &str) -> Vec<String> {
    issues
        .iter()
        .filter(|i| i.location == location && i.name.as_deref().is_some_and(|n| n.eq_ignore_ascii_case(name)))
        .map(|i| i.message.clone())
        .collect()
}

#[component]
pub fn ParamSection(
    op: &'static Operation,
    form: Form,
    location: Location,
    title: &'static str,
    issues: Memo<Vec<Issue>>,
) -> impl IntoView {
    let declared: Vec<&'static Param> = op.params_in(location).collect();
    let custom_allowed = location != Location::Path;
    let custom_rows = move || {
        form.fields.with(|fields| {
            fields
                .iter()
                .enumerate()
                .filter(|(_, (l, name, _))| *l == location && op.param(location, name).is_none_or(|p| p.name != *name))
                .map(|(index, _)| index)
                .collect::<Vec<_>>()
        })
    };
    if declared.is_empty() && !custom_allowed {
        return ().into_any();
    }
    let add_label = if location == Location::Query { "Add query parameter" } else { "Add header" };
    view! {
        <section class="form-section" data-testid=format!("form-{}", location.as_str())>
            <h3 class="form-section-title">{title}</h3>
            {declared.into_iter().map(|param| view! { <ParamInput op form param issues /> }).collect_view()}
            <For each=custom_rows key=|index| *index let:index>
                <CustomRow form index location issues />
            </For>
            {custom_allowed.then(|| {
                view! {
                    <button
                        class="link-button add-row"
                        data-testid=format!("add-{}", location.as_str())
                        on:click=move |_| form.fields.update(|f| f.push((location, String::new(), String::new())))
                    >
                        "+ "
                        {add_label}
                    </button>
                }
            })}
        </section>
    }
    .into_any()
}

#[component]
fn ParamInput(op: &'static Operation, form: Form, param: &'static Param, issues: Memo<Vec<Issue>>) -> impl IntoView {
    let location = param.location;
    let name = param.name.as_str();
    let id = format!("field-{}-{}-{}", op.id, location.as_str(), name);
    let value = move || form.value(location, name);
    let set = move |text: String| form.set_value(location, name, text);
    let errors = move || issues.with(|i| messages(i, location, name));
    let placeholder = param.default.clone().or_else(|| param.example.clone()).unwrap_or_default();
    let input = if !param.constraints.enum_values.is_empty() || param.ty == ParamType::Boolean {
        let options: Vec<String> = if param.ty == ParamType::Boolean {
            vec!["true".to_owned(), "false".to_owned()]
        } else {
            param.constraints.enum_values.clone()
        };
        view! {
            <select
                class="input"
                id=id.clone()
                data-testid=format!("input-{name}")
                prop:value=value
                on:change=move |ev| set(event_target_value(&ev))
            >
                <option value="">{if param.required { "Choose…" } else { "Not sent" }}</option>
                {options.into_iter().map(|o| view! { <option value=o.clone()>{o.clone()}</option> }).collect_view()}
            </select>
        }
        .into_any()
    } else {
        let numeric = param.ty.is_numeric();
        view! {
            <input
                class="input"
                id=id.clone()
                type="text"
                inputmode=if numeric { "numeric" } else { "text" }
                spellcheck="false"
                autocomplete="off"
                placeholder=placeholder
                data-testid=format!("input-{name}")
                class:invalid=move || !errors().is_empty()
                prop:value=value
                on:input=move |ev| set(event_target_value(&ev))
            />
        }
        .into_any()
    };
    let generate = (param.constraints.format == Some(Format::Uuid)
        || name.eq_ignore_ascii_case("Idempotency-Key")
        || name.eq_ignore_ascii_case("X-Request-Id"))
    .then(|| {
        view! {
            <button
                class="button small"
                title="A new random UUID v4"
                data-testid=format!("generate-{name}")
                on:click=move |_| set(uuid())
            >
                "Generate"
            </button>
        }
    });
    // Ids created in this tab, offered instead of the docs' example id.
    let recent = state().recent_ids;
    let suggestions = move || {
        let current = value();
        recent.with(|r| id_suggestions(param, r, &current).into_iter().map(str::to_owned).collect::<Vec<_>>())
    };
    view! {
        <Field param id errors=Signal::derive(errors)>
                <div class="field-row">{input} {generate}</div>
                {move || {
                    let ids = suggestions();
                    (!ids.is_empty()).then(|| view! {
                        <p class="field-suggestions" data-testid=format!("suggest-{name}")>
                            <span class="muted">"Created here: "</span>
                            {ids.into_iter().map(|id| {
                                let chosen = id.clone();
                                view! { <button class="button small" on:click=move |_| set(chosen.clone())>{id}</button> }
                            }).collect_view()}
                        </p>
                    })
                }}
        </Field>
    }
}

#[component]
fn CustomRow(form: Form, index: usize, location: Location, issues: Memo<Vec<Issue>>) -> impl IntoView {
    let entry = move || form.fields.with(|f| f.get(index).cloned().unwrap_or((location, String::new(), String::new())));
    let errors = move || {
        let (_, name, _) = entry();
        if name.is_empty() { Vec::new() } else { issues.with(|i| messages(i, location, &name)) }
    };
    view! {
        <div class="field custom-field">
            <div class="field-row">
                <input
                    class="input name"
                    placeholder="Name"
                    aria-label="Name"
                    spellcheck="false"
                    prop:value=move || entry().1
                    on:input=move |ev| form.fields.update(|f| f[index].1 = event_target_value(&ev))
                />
                <input
                    class="input"
                    placeholder="Value"
                    aria-label="Value"
                    spellcheck="false"
                    prop:value=move || entry().2
                    on:input=move |ev| form.fields.update(|f| f[index].2 = event_target_value(&ev))
                />
                <button
                    class="icon-button"
                    aria-label="Remove"
                    on:click=move |_| {
                        form.fields.update(|f| {
                            f.remove(index);
                        })
                    }
                >
                    "✕"
                </button>
            </div>
            {move || errors().into_iter().map(|e| view! { <p class="field-error">{e}</p> }).collect_view()}
        </div>
    }
}
