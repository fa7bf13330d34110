//! A few DOM-building helpers for static content.
//!
//! The docs never change once rendered, so they are built straight into the
//! DOM instead of through reactive views: the same pages cost about a third
//! of the bytes this way. Text always goes in as text nodes; nothing is ever
//! parsed as HTML.

use leptos::prelude::document;
use web_sys::{Element, Node};

/// A new element, appended to `parent`.
pub fn child(parent: &Node, tag: &str, class: &str) -> Element {
    let element = document().create_element(tag).expect("valid tag name");
    if !class.is_empty() {
        element.set_class_name(class);
    }
    parent.append_child(&element).expect("appending to an element");
    element
}

/// A new text node, appended to `parent`.
pub fn text(parent: &Node, content: &str) {
    let node = document().create_text_node(content);
    parent.append_child(&node).expect("appending to an element");
}

/// An element holding just `content` as text.
pub fn text_child(parent: &Node, tag: &str, class: &str, content: &str) -> Element {
    let element = child(parent, tag, class);
    element.set_text_content(Some(content));
    element
}

pub fn attr(element: &Element, name: &str, value: &str) {
    element.set_attribute(name, value).expect("valid attribute name");
}

/// A link; external ones open in a new tab without access to this page.
pub fn link(parent: &Node, href: &str, class: &str) -> Element {
    let a = child(parent, "a", class);
    attr(&a, "href", href);
    if href.starts_with("http://") || href.starts_with("https://") {
        attr(&a, "target", "_blank");
        attr(&a, "rel", "noopener noreferrer");
    }
    a
}

/// Removes every child of `element`.
pub fn clear(element: &Element) {
    element.set_text_content(None);
}
