//! One page of the docs as markdown for machines: its prose as written, and
//! in place of the internal definition block a readable account of the
//! operation (method and path, credential, parameter and body tables, each
//! response with its fields) with an example cURL; object blocks become
//! their field tables.

use std::collections::BTreeSet;

use crate::Docs;
use crate::markdown::write::{self, Links, cell, push_fence};
use crate::markdown::{Block, Inline, Page, rebase_anchors};
use crate::openapi::PRODUCTION_URL;
use crate::operation::{Location, Operation, Param, auth_summary, constraint_notes, reason_phrase, type_label};
use crate::request::{Credential, Lang, Secret, build, example_draft, snippet};
use crate::schema::ObjectDef;

/// `page` as markdown. Links to other pages point at their markdown under
/// `base` (empty for links from the site's root).
pub fn page_markdown(docs: &Docs, page: &Page, base: &str) -> String {
    let links = Links::Markdown(base);
    let mut out = format!("# {}\n\n", page.title);
    // Each object's fields are listed once per page; later mentions refer back.
    let mut shown: BTreeSet<String> = BTreeSet::new();
    let mut special = |out: &mut String, block: &Block| -> bool {
        match block {
            Block::OperationDefinition => {
                if let Some(op) = &page.operation {
                    operation(out, docs, op, links, &mut shown);
                }
                true
            }
            Block::Object(name) => {
                if let Some(object) = docs.object(name) {
                    // The anchor the explorer gives the table, so links to
                    // `#object-<name>` land here in the markdown too.
                    let anchor = crate::schema::object_anchor(&object.name);
                    out.push_str(&format!("<a id=\"{anchor}\"></a>The `{}` object:\n\n", object.name));
                    fields_table(out, docs, object, links);
                    shown.insert(object.name.clone());
                }
                true
            }
            _ => false,
        }
    };
    write::blocks(&mut out, &page.blocks, links, &mut special);
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

fn text(rendered: &[Inline], source: &str, links: Links) -> String {
    if rendered.is_empty() { source.to_owned() } else { write::inlines(rendered, links) }
}

fn operation(out: &mut String, docs: &Docs, op: &Operation, links: Links, shown: &mut BTreeSet<String>) {
    out.push_str(&format!("`{} {}`\n\n", op.method, op.path));
    let mut facts = vec![format!("**Credential:** {}", auth_summary(op))];
    if op.paginated {
        facts.push("**Pagination:** cursor (`limit`, `cursor`, `next_cursor`)".to_owned());
    }
    if op.streaming {
        facts.push("**Response:** a stream of server-sent events".to_owned());
    }
    if op.idempotent {
        facts.push("**Idempotent retries:** send an `Idempotency-Key`".to_owned());
    }
    if op.deprecated {
        let sunset = op.sunset.as_deref().map(|d| format!(", stops working after {d}")).unwrap_or_default();
        let successor = op.successor.as_deref().map(|s| format!("; use `{s}` instead")).unwrap_or_default();
        facts.push(format!("**Deprecated**{sunset}{successor}"));
    }
    for fact in facts {
        out.push_str(&format!("- {fact}\n"));
    }
    out.push('\n');
    for (location, title) in [
        (Location::Path, "Path parameters"),
        (Location::Query, "Query parameters"),
        (Location::Header, "Headers"),
        (Location::Body, "Body"),
    ] {
        let params: Vec<&Param> = op.params_in(location).collect();
        if params.is_empty() {
            continue;
        }
        let media = op.body_type.as_deref().filter(|_| location == Location::Body);
        let media = media.map(|m| format!(" (`{m}`)")).unwrap_or_default();
        out.push_str(&format!("### {title}{media}\n\n"));
        params_table(out, &params, links);
    }
    out.push_str("### Responses\n\n");
    for response in &op.responses {
        let body = response.body.as_deref().map(|b| format!(" — `{b}`")).unwrap_or_default();
        out.push_str(&format!("#### {} {}{body}\n\n", response.status, reason_phrase(response.status)));
        out.push_str(&format!("{}\n\n", text(&response.rendered, &response.description, links)));
        for header in &response.headers {
            let sometimes = if header.optional { " (not always sent)" } else { "" };
            let description = text(&header.rendered, &header.description, links);
            out.push_str(&format!("- Header `{}`{sometimes}: {description}\n", header.name));
        }
        if !response.headers.is_empty() {
            out.push('\n');
        }
        if let Some(object) = response.body.as_deref().and_then(|name| docs.object(name)) {
            if shown.insert(object.name.clone()) {
                fields_table(out, docs, object, links);
            } else {
                out.push_str(&format!("The body is a `{}`, whose fields are listed above.\n\n", object.name));
            }
        }
    }
    if let Ok(request) = build(op, &example_draft(op), PRODUCTION_URL, &example_credential(op), None) {
        out.push_str("### Example request\n\n");
        push_fence(out, "bash", &snippet(Lang::Curl, &request, Secret::Placeholder));
    }
}

/// A credential of the kind the operation takes; snippets show it as
/// `$API_KEY` or `$TOKEN`, never a value.
fn example_credential(op: &Operation) -> Credential {
    match op.auth {
        crate::operation::Auth::None | crate::operation::Auth::Optional => Credential::None,
        _ => Credential::ApiKey("sk_live_example".to_owned()),
    }
}

fn params_table(out: &mut String, params: &[&Param], links: Links) {
    out.push_str("| Name | Type | Required | Description |\n| --- | --- | --- | --- |\n");
    for p in params {
        out.push_str(&row(p, &type_label(p), links));
    }
    out.push('\n');
}

fn fields_table(out: &mut String, docs: &Docs, object: &ObjectDef, links: Links) {
    out.push_str("| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n");
    for field in &object.fields {
        // Written for the object's own page: its `#anchor` links lead there.
        let field = &Param { rendered: rebase_anchors(&field.rendered, &object.route), ..field.clone() };
        // A field that names an object links to that object's table.
        let ty = match (field.object.as_deref().and_then(|o| docs.object(o)), links) {
            (Some(named), Links::Markdown(base)) => {
                let label = type_label(field);
                let path = format!(
                    "{base}{}#{}",
                    write::markdown_path(&named.route),
                    crate::schema::object_anchor(&named.name)
                );
                label.replace(&named.name, &format!("[{}](<{path}>)", named.name))
            }
            _ => type_label(field),
        };
        out.push_str(&row(field, &ty, links));
    }
    out.push('\n');
}

fn row(p: &Param, ty: &str, links: Links) -> String {
    let mut notes = constraint_notes(p);
    if let Some(example) = &p.example {
        notes.push(format!("example `{example}`"));
    }
    let mut description = text(&p.rendered, &p.description, links);
    if !notes.is_empty() {
        if !description.is_empty() {
            description.push(' ');
        }
        description.push_str(&format!("({})", notes.join("; ")));
    }
    let required = if p.required { "yes" } else { "no" };
    format!("| `{}` | {} | {required} | {} |\n", p.name, cell(ty), cell(&description))
}
