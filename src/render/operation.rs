//! An operation's reference, generated from its definition: the header
//! (method, path, badges) and the parameter and response tables.

use explorer_core::Docs;
use explorer_core::operation::{
    Location, Method, Operation, Param, auth_summary, constraint_notes, reason_phrase, status_class, type_label,
};
use explorer_core::search::{param_anchor, response_anchor};
use web_sys::Node;

use super::dom::{attr, child, link, text, text_child};
use super::markdown::inlines;
use super::object::response_body;

pub fn method_badge(parent: &Node, method: Method) {
    text_child(parent, "span", &format!("method method-{}", method.as_str().to_ascii_lowercase()), method.as_str());
}

/// The path with its `{placeholders}` set apart.
fn path(parent: &Node, template: &str) {
    let code = child(parent, "code", "operation-path");
    for piece in template.split_inclusive(['{', '}']) {
        match piece.strip_suffix('}') {
            Some(name) => {
                text_child(&code, "span", "path-param", &format!("{{{name}}}"));
            }
            None => text(&code, piece.trim_end_matches('{')),
        }
    }
}

pub fn operation_header(parent: &Node, op: &Operation) {
    let header = child(parent, "div", "operation-header");
    attr(&header, "data-testid", "operation-header");
    let line = child(&header, "div", "operation-line");
    method_badge(&line, op.method);
    path(&line, &op.path);
    let badges = child(&header, "div", "operation-badges");
    text_child(&badges, "span", "badge", &auth_summary(op));
    let flags = [
        (op.paginated, "Cursor pagination"),
        (op.streaming, "Server-sent events"),
        (op.idempotent, "Idempotent retries"),
    ];
    for (_, label) in flags.iter().filter(|(on, _)| *on) {
        text_child(&badges, "span", "badge", label);
    }
    if op.deprecated {
        text_child(&badges, "span", "badge badge-warning", "Deprecated");
        let note = child(&header, "p", "deprecation-note");
        attr(&note, "role", "note");
        text(&note, "This operation is deprecated");
        if let Some(date) = &op.sunset {
            text(&note, &format!(" and stops working after {date}"));
        }
        text(&note, ".");
        if let Some(successor) = &op.successor {
            text(&note, " Use ");
            text_child(&link(&note, &explorer_core::routes::operation_route(successor), ""), "span", "", successor);
            text(&note, " instead.");
        }
    }
}

const SECTIONS: [(Location, &str); 4] = [
    (Location::Path, "Path parameters"),
    (Location::Query, "Query parameters"),
    (Location::Header, "Headers"),
    (Location::Body, "Body"),
];

pub fn operation_details(parent: &Node, docs: &Docs, op: &Operation) {
    let details = child(parent, "div", "operation-details");
    for (location, title) in SECTIONS {
        if op.params_in(location).next().is_none() {
            continue;
        }
        let section = child(&details, "section", "params");
        attr(&section, "data-testid", &format!("params-{}", location.as_str()));
        let heading = text_child(&section, "h3", "params-title", title);
        if let (Location::Body, Some(body_type)) = (location, &op.body_type) {
            text_child(&heading, "code", "params-type", body_type);
        }
        let table = child(&section, "table", "params-table");
        let head = child(&child(&table, "thead", ""), "tr", "");
        for label in ["Name", "Type", "Description"] {
            text_child(&head, "th", "", label);
        }
        let body = child(&table, "tbody", "");
        for param in op.params_in(location) {
            param_row(&body, param);
        }
    }
    let section = child(&details, "section", "responses");
    attr(&section, "data-testid", "responses");
    text_child(&section, "h3", "params-title", "Responses");
    let list = child(&section, "ul", "response-list");
    for response in &op.responses {
        let item = child(&list, "li", "response");
        attr(&item, "id", &response_anchor(response.status));
        text_child(&item, "span", &format!("status {}", status_class(response.status)), &response.status.to_string());
        let body = child(&item, "div", "response-text");
        text_child(&body, "span", "response-reason", reason_phrase(response.status));
        text(&body, " — ");
        inlines(&body, &response.rendered);
        if !response.headers.is_empty() {
            let headers = child(&body, "ul", "response-headers");
            for header in &response.headers {
                let li = child(&headers, "li", "");
                text_child(&li, "code", "", &header.name);
                text(&li, " ");
                inlines(&li, &header.rendered);
                if header.optional {
                    text_child(&li, "span", "optional-inline", " (not always sent)");
                }
            }
        }
        response_body(&body, docs, response);
    }
}

fn param_row(body: &Node, param: &Param) {
    let row = child(body, "tr", "");
    // Search results point at parameters by this id.
    attr(&row, "id", &param_anchor(param.location, &param.name));
    let name = child(&row, "td", "param-name");
    text_child(&name, "code", "", &param.name);
    if param.required {
        text_child(&name, "span", "required", "required");
    } else {
        text_child(&name, "span", "optional", "optional");
    }
    let ty = child(&row, "td", "param-type");
    text_child(&ty, "span", "type", &type_label(param));
    for note in constraint_notes(param) {
        text_child(&ty, "span", "constraint", &note);
    }
    let desc = child(&row, "td", "param-description");
    inlines(&desc, &param.rendered);
    if let Some(example) = &param.example {
        let line = text_child(&desc, "div", "param-example", "Example: ");
        text_child(&line, "code", "", example);
    }
}
