//! Documented objects as field tables: where an object is defined (rows
//! carry the anchors that search hits and live-check differences link to),
//! and under each response of an operation, collapsed, with nested objects
//! expanding inside their row.

use explorer_core::Docs;
use explorer_core::markdown::rebase_anchors;
use explorer_core::operation::{Param, Response, constraint_notes, type_label_parts};
use explorer_core::schema::{ObjectDef, field_anchor, object_anchor};
use web_sys::Node;

use super::dom::{attr, child, link, text, text_child};
use super::markdown::inlines;

/// Deeper objects are left as links: the docs' objects nest two levels at most.
const MAX_DEPTH: usize = 3;

/// The table where `object` is defined.
pub fn object_definition(parent: &Node, docs: &Docs, object: &ObjectDef) {
    let section = child(parent, "div", "object");
    attr(&section, "id", &object_anchor(&object.name));
    attr(&section, "data-testid", &format!("object-{}", object.name));
    let title = child(&section, "p", "object-title");
    text_child(&title, "code", "", &object.name);
    text(&title, " object");
    if object.media_type != "application/json" {
        text(&title, ", sent as ");
        text_child(&title, "code", "", &object.media_type);
    }
    fields_table(&section, docs, object, 0, true);
}

/// Under one response: what its body holds, folded so that a long list of
/// statuses stays readable.
pub fn response_body(parent: &Node, docs: &Docs, response: &Response) {
    let Some(object) = response.body.as_deref().and_then(|name| docs.object(name)) else { return };
    let details = child(parent, "details", "response-body");
    attr(&details, "data-testid", &format!("response-body-{}", response.status));
    let summary = text_child(&details, "summary", "", "Body: ");
    text_child(&summary, "code", "", &object.name);
    fields_table(&details, docs, object, 0, false);
}

/// One row per field. Only the defining table gives rows ids, so that an
/// object shown again under a response never repeats an anchor.
fn fields_table(parent: &Node, docs: &Docs, object: &ObjectDef, depth: usize, defining: bool) {
    let table = child(&child(parent, "div", "table-wrap"), "table", "params-table object-fields");
    let head = child(&child(&table, "thead", ""), "tr", "");
    for label in ["Field", "Type", "Description"] {
        text_child(&head, "th", "", label);
    }
    let body = child(&table, "tbody", "");
    for field in &object.fields {
        field_row(&body, docs, object, field, depth, defining);
    }
}

fn field_row(body: &Node, docs: &Docs, object: &ObjectDef, field: &Param, depth: usize, defining: bool) {
    let row = child(body, "tr", "");
    let name = child(&row, "td", "param-name");
    if defining {
        attr(&row, "id", &field_anchor(&object.name, &field.name));
        text_child(&name, "code", "", &field.name);
    } else {
        // Elsewhere the name leads to the row where the field is defined.
        text_child(&link(&name, &object.field_link(&field.name), ""), "code", "", &field.name);
    }
    let (label, mark) = if field.required { ("required", "required") } else { ("optional", "optional") };
    text_child(&name, "span", mark, label);
    if field.nullable {
        text_child(&name, "span", "optional", "nullable");
    }
    let ty = child(&row, "td", "param-type");
    let type_line = child(&ty, "span", "type");
    let (words, named) = type_label_parts(field);
    text(&type_line, &words);
    let nested = named.and_then(|name| docs.object(name));
    match nested {
        Some(nested) => text(&link(&type_line, &nested.link(), ""), &nested.name),
        None => text(&type_line, named.unwrap_or_default()),
    }
    for note in constraint_notes(field) {
        text_child(&ty, "span", "constraint", &note);
    }
    let desc = child(&row, "td", "param-description");
    if defining {
        inlines(&desc, &field.rendered);
    } else {
        // Shown on another page: its `#anchor` links lead to the object's page.
        inlines(&desc, &rebase_anchors(&field.rendered, &object.route));
    }
    if let Some(example) = &field.example {
        let line = text_child(&desc, "div", "param-example", "Example: ");
        text_child(&line, "code", "", example);
    }
    if let Some(nested) = nested.filter(|n| depth < MAX_DEPTH && n.name != object.name) {
        let details = child(&desc, "details", "nested-object");
        let summary = text_child(&details, "summary", "", "Fields of ");
        text_child(&summary, "code", "", &nested.name);
        fields_table(&details, docs, nested, depth + 1, false);
    }
}
