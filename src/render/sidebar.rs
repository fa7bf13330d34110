//! The navigation from SUMMARY.md, with method badges beside endpoints.

use explorer_core::Docs;
use explorer_core::docs::NavEntry;
use explorer_core::markdown::Page;
use web_sys::{Element, Node};

use super::dom::{attr, child, link, text_child};
use super::operation::method_badge;

/// Fills `nav` with every section, group and page.
pub fn sidebar(nav: &Element, docs: &Docs) {
    for section in &docs.nav {
        let block = child(nav, "section", "nav-section");
        if let Some(title) = &section.title {
            text_child(&block, "h2", "nav-section-title", title);
        }
        let list = child(&block, "ul", "");
        for entry in &section.entries {
            match entry {
                NavEntry::Page { index, title } => nav_link(&list, &docs.pages[*index], title),
                NavEntry::Group { title, pages } => {
                    let group = child(&list, "li", "nav-group");
                    text_child(&group, "span", "nav-group-title", title);
                    let inner = child(&group, "ul", "");
                    for (index, title) in pages {
                        nav_link(&inner, &docs.pages[*index], title);
                    }
                }
            }
        }
    }
}

fn nav_link(list: &Node, page: &Page, title: &str) {
    let a = link(&child(list, "li", ""), &page.route, "nav-link");
    attr(&a, "data-route", &page.route);
    if let Some(op) = &page.operation {
        method_badge(&a, op.method);
    }
    text_child(&a, "span", "nav-link-title", title);
    if page.operation.as_ref().is_some_and(|op| op.deprecated) {
        let tag = text_child(&a, "span", "nav-deprecated", "old");
        attr(&tag, "title", "Deprecated");
    }
}

/// Marks the link of `route` as the current page.
pub fn mark_active(nav: &Element, route: &str) {
    if let Ok(Some(previous)) = nav.query_selector(".nav-link.active") {
        previous.set_class_name("nav-link");
        let _ = previous.remove_attribute("aria-current");
    }
    if let Ok(Some(current)) = nav.query_selector(&format!(".nav-link[data-route=\"{route}\"]")) {
        current.set_class_name("nav-link active");
        attr(&current, "aria-current", "page");
    }
}
