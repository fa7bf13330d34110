//! A whole page: title, operation header, content and "On this page".

use explorer_core::Docs;
use explorer_core::markdown::Page;
use explorer_core::markdown::write::markdown_path;
use playground::bridge::Slot;
use web_sys::Element;

use super::dom::{attr, child, clear, link, text_child};
use super::markdown::{PageContext, blocks};
use super::operation::operation_header;

/// Replaces the contents of `container` with `page`. Endpoint pages get a
/// slot for the try-it panel; it is returned so the caller can fill it.
pub fn page(container: &Element, docs: &Docs, page: &Page) -> Option<Element> {
    clear(container);
    let grid = child(container, "article", if page.is_operation() { "page-grid has-try-it" } else { "page-grid" });
    attr(&grid, "data-testid", "page");
    attr(&grid, "data-route", &page.route);
    let head = child(&grid, "header", "page-head");
    let title_line = child(&head, "div", "page-title-line");
    text_child(&title_line, "h1", "page-title", &page.title);
    markdown_actions(&title_line, &page.route);
    let slot = page.operation.as_ref().map(|op| {
        operation_header(&head, op);
        try_it_slot(&grid, &op.id)
    });
    let context = PageContext { docs, operation: page.operation.as_ref() };
    blocks(&child(&grid, "div", "prose page-body"), &page.blocks, context);

    // Endpoint pages give the side column to the try-it panel.
    let outline: Vec<_> = page.headings.iter().filter(|h| h.level <= 3).collect();
    if !outline.is_empty() && !page.is_operation() {
        let nav = child(&grid, "nav", "outline");
        attr(&nav, "aria-label", "On this page");
        text_child(&nav, "p", "outline-title", "On this page");
        let list = child(&nav, "ul", "");
        for heading in outline {
            let item = child(&list, "li", &format!("outline-level-{}", heading.level));
            link(&item, &format!("#{}", heading.anchor), "").set_text_content(Some(&heading.text));
        }
    }
    slot
}

/// "Copy page as Markdown" (handled by `use_copy_buttons`) and a link to the
/// same markdown the build writes beside the app (`<route>.md`).
fn markdown_actions(parent: &Element, route: &str) {
    let source = markdown_path(route);
    let actions = child(parent, "div", "page-actions");
    let copy = text_child(&actions, "button", "page-action copy-page", "Copy page as Markdown");
    attr(&copy, "type", "button");
    attr(&copy, "data-src", &source);
    attr(&copy, "data-testid", "copy-page");
    let open = link(&actions, &source, "page-action");
    open.set_text_content(Some("Open as markdown"));
    attr(&open, "target", "_blank");
    attr(&open, "rel", "noopener");
    attr(&open, "data-testid", "open-markdown");
}

/// Where the playground mounts the try-it panel. Until it is loaded, the
/// slot offers to load it: a first visit downloads only the reference.
fn try_it_slot(grid: &Element, operation: &str) -> Element {
    let slot = child(grid, "aside", "try-it-slot");
    Slot::TryIt.mark(&slot);
    attr(&slot, "data-operation", operation);
    attr(&slot, "aria-label", "Try it");
    let intro = child(&slot, "div", "try-it-intro");
    text_child(&intro, "h2", "try-it-title", "Try it");
    text_child(
        &intro,
        "p",
        "",
        "Send this request to the sandbox or any base URL, with the exact cURL and code in six languages as you type.",
    );
    let button = text_child(&intro, "button", "try-it-open", "Open the playground");
    attr(&button, "type", "button");
    attr(&button, "data-testid", "try-it-open");
    slot
}

/// The message for an address that is not a page.
pub fn not_found(container: &Element, path: &str) {
    clear(container);
    let article = child(container, "article", "not-found");
    attr(&article, "data-testid", "not-found");
    text_child(&article, "h1", "page-title", "Page not found");
    let p = text_child(&article, "p", "", "Nothing in the reference lives at ");
    text_child(&p, "code", "", path);
    super::dom::text(&p, ".");
    let p = text_child(&article, "p", "", "Start from the ");
    link(&p, "/", "").set_text_content(Some("overview"));
    super::dom::text(&p, ", or pick a page in the navigation.");
}

/// The generic request page: a slot the playground fills with a request
/// panel for calls the reference does not describe.
pub fn generic(container: &Element) -> Element {
    clear(container);
    let article = child(container, "article", "page-grid generic-page");
    attr(&article, "data-testid", "page");
    attr(&article, "data-route", "/request");
    let head = child(&article, "header", "page-head");
    text_child(&head, "h1", "page-title", "Request");
    text_child(
        &head,
        "p",
        "",
        "A request that no documented operation matches, for example a pasted cURL command. It is sent as written.",
    );
    let slot = child(&article, "div", "generic-slot");
    Slot::Generic.mark(&slot);
    text_child(&slot, "p", "muted", "Loading the playground…");
    slot
}
