//! Hooks: one per file, `use_x` returning signals and callbacks.

mod use_clipboard;
mod use_docs_check;

pub use explorer_web::use_event_listener;
pub use use_clipboard::use_clipboard;
pub use use_docs_check::{CheckProgress, UseDocsCheckReturn, use_docs_check};
