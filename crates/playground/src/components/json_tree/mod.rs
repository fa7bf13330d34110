//! A JSON value as a tree: coloured, collapsible, and lazy. Children are
//! built only when their parent is open, and long arrays and objects show
//! a hundred entries at a time, so a 5 MB response renders in an instant.

use std::sync::Arc;

use explorer_core::json_text::quote;
use leptos::prelude::*;
use serde_json::Value;

/// Entries shown per "show more".
const PAGE: usize = 100;
/// Levels open at first: the body, its fields, and the items of a list in it.
const OPEN_DEPTH: usize = 3;

pub enum Node {
    Leaf { class: &'static str, text: String },
    Array(Vec<Arc<Node>>),
    Object(Vec<(String, Arc<Node>)>),
}

impl Node {
    pub fn from_value(value: &Value) -> Arc<Node> {
        Arc::new(match value {
            Value::Null => Node::Leaf { class: "tok-lit", text: "null".to_owned() },
            Value::Bool(b) => Node::Leaf { class: "tok-lit", text: b.to_string() },
            Value::Number(n) => Node::Leaf { class: "tok-num", text: n.to_string() },
            Value::String(s) => Node::Leaf { class: "tok-str", text: quote(s) },
            Value::Array(items) => Node::Array(items.iter().map(Node::from_value).collect()),
            Value::Object(members) => {
                Node::Object(members.iter().map(|(k, v)| (k.clone(), Node::from_value(v))).collect())
            }
        })
    }

    fn len(&self) -> usize {
        match self {
            Node::Leaf { .. } => 0,
            Node::Array(items) => items.len(),
            Node::Object(members) => members.len(),
        }
    }
}

#[component]
pub fn JsonTree(root: Arc<Node>) -> impl IntoView {
    view! {
        <div class="json-tree" data-testid="json-tree" role="tree">
            {node(None, root, 0, true)}
        </div>
    }
}

fn node(key: Option<String>, value: Arc<Node>, depth: usize, last: bool) -> AnyView {
    let comma = if last { "" } else { "," };
    let key_view = key.map(|k| view! { <span class="tok-key">{quote(&k)}</span> ": " });
    match &*value {
        Node::Leaf { class, text } => view! {
            <div class="json-line" role="treeitem">
                {key_view}
                <span class=*class>{text.clone()}</span>
                {comma}
            </div>
        }
        .into_any(),
        Node::Array(_) | Node::Object(_) => {
            let (open_mark, close_mark) = if matches!(&*value, Node::Array(_)) { ("[", "]") } else { ("{", "}") };
            let len = value.len();
            let open = RwSignal::new(depth < OPEN_DEPTH && len > 0);
            let shown = RwSignal::new(PAGE);
            let summary = if matches!(&*value, Node::Array(_)) {
                format!("{len} item{}", if len == 1 { "" } else { "s" })
            } else {
                format!("{len} key{}", if len == 1 { "" } else { "s" })
            };
            let children = value.clone();
            view! {
                <div class="json-node" role="treeitem" aria-expanded=move || open.get().to_string()>
                    <div class="json-line">
                        <button
                            class="json-toggle"
                            aria-label=move || if open.get() { "Collapse" } else { "Expand" }
                            disabled=len == 0
                            on:click=move |_| open.update(|o| *o = !*o)
                        >
                            {move || if open.get() { "▾" } else { "▸" }}
                        </button>
                        {key_view}
                        <span class="tok-punct">{open_mark}</span>
                        <Show when=move || !open.get()>
                            <span class="json-summary">{format!(" {summary} ")}</span>
                            <span class="tok-punct">{close_mark}</span>
                            {comma}
                        </Show>
                    </div>
                    <Show when=move || open.get()>
                        <div class="json-children" role="group">
                            {
                                let children = children.clone();
                                move || {
                                    let limit = shown.get().min(len);
                                    let rows: Vec<AnyView> = match &*children {
                                        Node::Array(items) => items
                                            .iter()
                                            .take(limit)
                                            .enumerate()
                                            .map(|(i, item)| node(None, item.clone(), depth + 1, i + 1 == len))
                                            .collect(),
                                        Node::Object(members) => members
                                            .iter()
                                            .take(limit)
                                            .enumerate()
                                            .map(|(i, (k, v))| node(Some(k.clone()), v.clone(), depth + 1, i + 1 == len))
                                            .collect(),
                                        Node::Leaf { .. } => Vec::new(),
                                    };
                                    rows.collect_view()
                                }
                            }
                            <Show when=move || { shown.get() < len }>
                                <button class="link-button json-more" on:click=move |_| shown.update(|s| *s += PAGE)>
                                    {move || format!("Show {} more of {}", (len - shown.get()).min(PAGE), len - shown.get())}
                                </button>
                            </Show>
                        </div>
                        <div class="json-line">
                            <span class="tok-punct">{close_mark}</span>
                            {comma}
                        </div>
                    </Show>
                </div>
            }
            .into_any()
        }
    }
}
