//! Scrolls to the first occurrence of a search's words in a section of the
//! rendered page and marks it, so a search result lands on the match
//! rather than only on its heading.

use leptos::prelude::document;
use wasm_bindgen::JsCast;
use web_sys::{Element, Node, ScrollBehavior, ScrollIntoViewOptions, ScrollLogicalPosition};

/// Marks the first text under the heading `anchor` (or anywhere in `root`)
/// that contains `word`, case-insensitively, and scrolls it into view.
pub fn mark_first(root: &Element, anchor: Option<&str>, word: &str) -> bool {
    let word = word.to_lowercase();
    if word.is_empty() {
        return false;
    }
    let start: Node = match anchor.and_then(|a| document().get_element_by_id(a)) {
        Some(heading) => heading.into(),
        None => root.clone().into(),
    };
    // Walk text nodes in document order from the section's heading.
    let Ok(walker) = document().create_tree_walker_with_what_to_show(root, 4) else { return false };
    walker.set_current_node(&start);
    while let Ok(Some(node)) = walker.next_node() {
        let Some(text) = node.text_content() else { continue };
        let lower = text.to_lowercase();
        let Some(at) = lower.find(&word) else { continue };
        // Byte offsets from the lowered text map back only when lowering kept
        // lengths; otherwise mark the whole text node.
        let (from, to) = if lower.len() == text.len() { (at, at + word.len()) } else { (0, text.len()) };
        let utf16 = |byte: usize| text[..byte].encode_utf16().count() as u32;
        let Ok(text_node) = node.clone().dyn_into::<web_sys::Text>() else { continue };
        let Ok(rest) = text_node.split_text(utf16(from)) else { return false };
        let _ = rest.split_text(utf16(to) - utf16(from));
        let Ok(mark) = document().create_element("mark") else { return false };
        mark.set_class_name("search-hit");
        if let Some(parent) = rest.parent_node() {
            let _ = parent.replace_child(&mark, &rest);
            let _ = mark.append_child(&rest);
        }
        let options = ScrollIntoViewOptions::new();
        options.set_behavior(ScrollBehavior::Instant);
        options.set_block(ScrollLogicalPosition::Center);
        mark.scroll_into_view_with_scroll_into_view_options(&options);
        return true;
    }
    false
}
