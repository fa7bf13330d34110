//! A whole page: title, operation header, content and "On this page".

use explorer_core::markdown::Page;
use web_sys::Element;

use super::dom::{attr, child, clear, link, text_child};
use super::markdown::blocks;
use super::operation::operation_header;

/// Replaces the contents of `container` with `page`.
pub fn page(container: &Element, page: &Page) {
    clear(container);
    let grid = child(container, "div", "page-grid");
    let article = child(&grid, "article", "page");
    attr(&article, "data-testid", "page");
    attr(&article, "data-route", &page.route);
    text_child(&article, "h1", "page-title", &page.title);
    if let Some(op) = &page.operation {
        operation_header(&article, op);
    }
    blocks(&child(&article, "div", "prose"), &page.blocks, page.operation.as_ref());

    let outline: Vec<_> = page.headings.iter().filter(|h| h.level <= 3).collect();
    if !outline.is_empty() {
        let nav = child(&grid, "nav", "outline");
        attr(&nav, "aria-label", "On this page");
        text_child(&nav, "p", "outline-title", "On this page");
        let list = child(&nav, "ul", "");
        for heading in outline {
            let item = child(&list, "li", &format!("outline-level-{}", heading.level));
            link(&item, &format!("#{}", heading.anchor), "").set_text_content(Some(&heading.text));
        }
    }
}

/// The message for an address that is not a page.
pub fn not_found(container: &Element, path: &str) {
    clear(container);
    let article = child(container, "article", "page not-found");
    attr(&article, "data-testid", "not-found");
    text_child(&article, "h1", "page-title", "Page not found");
    let p = text_child(&article, "p", "", "Nothing in the reference lives at ");
    text_child(&p, "code", "", path);
    super::dom::text(&p, ".");
    let p = text_child(&article, "p", "", "Start from the ");
    link(&p, "/", "").set_text_content(Some("overview"));
    super::dom::text(&p, ", or pick a page in the navigation.");
}
