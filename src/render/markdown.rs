//! The docs model as DOM: blocks, inlines, tables, callouts and code.

use explorer_core::Docs;
use explorer_core::highlight::{Token, highlight};
use explorer_core::markdown::{Align, Block, CodeBlock, CodeRole, Inline, LinkTarget};
use explorer_core::operation::{Operation, reason_phrase, status_class};
use web_sys::Node;

use super::dom::{attr, child, link, text, text_child};
use super::object::object_definition;
use super::operation::operation_details;

/// What blocks need besides themselves: the docs, for objects, and the
/// page's operation, for its definition.
#[derive(Clone, Copy)]
pub struct PageContext<'a> {
    pub docs: &'a Docs,
    pub operation: Option<&'a Operation>,
}

pub fn blocks(parent: &Node, blocks: &[Block], page: PageContext) {
    for block in blocks {
        render_block(parent, block, page);
    }
}

fn render_block(parent: &Node, block: &Block, page: PageContext) {
    match block {
        Block::Heading { level, anchor, content } => {
            let tag = match level {
                2 => "h2",
                3 => "h3",
                _ => "h4",
            };
            let heading = child(parent, tag, "");
            attr(&heading, "id", anchor);
            inlines(&heading, content);
            let a = text_child(&heading, "a", "anchor", "#");
            attr(&a, "href", &format!("#{anchor}"));
            attr(&a, "aria-label", "Link to this section");
        }
        Block::Paragraph(content) => inlines(&child(parent, "p", ""), content),
        Block::Code(code) => code_block(parent, code),
        Block::List { start, items } => {
            let list = child(parent, if start.is_some() { "ol" } else { "ul" }, "");
            if let Some(start) = start.filter(|s| *s != 1) {
                attr(&list, "start", &start.to_string());
            }
            for item in items {
                let li = child(&list, "li", if item.checked.is_some() { "task" } else { "" });
                if let Some(done) = item.checked {
                    let checkbox = child(&li, "input", "");
                    attr(&checkbox, "type", "checkbox");
                    attr(&checkbox, "disabled", "");
                    if done {
                        attr(&checkbox, "checked", "");
                    }
                }
                blocks(&li, &item.blocks, page);
            }
        }
        Block::Quote(inner) => blocks(&child(parent, "blockquote", ""), inner, page),
        Block::Callout { kind, blocks: inner } => {
            let aside = child(parent, "aside", &format!("callout callout-{}", kind.class()));
            attr(&aside, "role", "note");
            text_child(&aside, "p", "callout-label", kind.label());
            blocks(&aside, inner, page);
        }
        Block::Table { align, head, rows } => {
            let table = child(&child(parent, "div", "table-wrap"), "table", "");
            let cell = |row: &Node, tag: &str, i: usize, content: &[Inline]| {
                // A class, not a style attribute: the page's
                // Content-Security-Policy allows no inline style.
                let class = match align.get(i) {
                    Some(Align::Center) => "align-center",
                    Some(Align::Right) => "align-right",
                    _ => "",
                };
                let cell = child(row, tag, class);
                inlines(&cell, content);
            };
            let head_row = child(&child(&table, "thead", ""), "tr", "");
            for (i, content) in head.iter().enumerate() {
                cell(&head_row, "th", i, content);
            }
            let body = child(&table, "tbody", "");
            for row in rows {
                let tr = child(&body, "tr", "");
                for (i, content) in row.iter().enumerate() {
                    cell(&tr, "td", i, content);
                }
            }
        }
        Block::Rule => {
            child(parent, "hr", "");
        }
        Block::OperationDefinition => {
            if let Some(op) = page.operation {
                operation_details(parent, page.docs, op);
            }
        }
        Block::Object(name) => {
            if let Some(object) = page.docs.object(name) {
                object_definition(parent, page.docs, object);
            }
        }
    }
}

pub fn inlines(parent: &Node, items: &[Inline]) {
    for item in items {
        match item {
            Inline::Text(t) => text(parent, t),
            Inline::Code(c) => {
                text_child(parent, "code", "", c);
            }
            Inline::Emphasis(c) => inlines(&child(parent, "em", ""), c),
            Inline::Strong(c) => inlines(&child(parent, "strong", ""), c),
            Inline::Strikethrough(c) => inlines(&child(parent, "del", ""), c),
            Inline::SoftBreak => text(parent, " "),
            Inline::HardBreak => {
                child(parent, "br", "");
            }
            Inline::Link { target, content } => {
                let href = match target {
                    LinkTarget::Internal { route, anchor: Some(anchor) } => format!("{route}#{anchor}"),
                    LinkTarget::Internal { route, anchor: None } => route.clone(),
                    LinkTarget::Anchor(anchor) => format!("#{anchor}"),
                    LinkTarget::External(url) => url.clone(),
                };
                let external = matches!(target, LinkTarget::External(_));
                inlines(&link(parent, &href, if external { "external" } else { "" }), content);
            }
        }
    }
}

fn code_block(parent: &Node, block: &CodeBlock) {
    let (label, class) = match block.role {
        CodeRole::Plain => (language_label(&block.lang).to_owned(), ""),
        CodeRole::RequestExample => ("Example request body".to_owned(), ""),
        CodeRole::ObjectExample => ("Example".to_owned(), ""),
        CodeRole::ResponseExample(status) => {
            (format!("Response {status} {}", reason_phrase(status)), status_class(status))
        }
    };
    code(parent, &block.lang, &block.code, &label, class);
}

/// A captioned, highlighted code block; its Copy button is handled by one
/// listener for the whole page (see `copy_buttons`).
pub fn code(parent: &Node, lang: &str, code: &str, label: &str, label_class: &str) {
    let figure = child(parent, "figure", "code-block");
    let caption = child(&figure, "figcaption", "code-header");
    text_child(&caption, "span", &format!("code-label {label_class}"), label);
    let button = text_child(&caption, "button", "copy-button", "Copy");
    attr(&button, "type", "button");
    attr(&button, "aria-label", "Copy code");
    let pre = child(&figure, "pre", "");
    // A block wider than the page scrolls sideways: keyboard users reach it too.
    attr(&pre, "tabindex", "0");
    let code_el = child(&pre, "code", "");
    for (token, run) in highlight(lang, code.trim_end()) {
        match token {
            Token::Plain => text(&code_el, run),
            token => {
                text_child(&code_el, "span", token.class(), run);
            }
        }
    }
}

fn language_label(lang: &str) -> &str {
    match lang {
        "bash" | "sh" | "shell" | "console" => "Shell",
        "json" => "JSON",
        "http" => "HTTP",
        "js" | "javascript" => "JavaScript",
        "python" | "py" => "Python",
        "go" => "Go",
        "ruby" | "rb" => "Ruby",
        "rust" | "rs" => "Rust",
        "sse" => "Event stream",
        "" | "text" => "Text",
        other => other,
    }
}
