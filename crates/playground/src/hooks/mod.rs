//! Hooks: one per file, `use_x` returning signals and callbacks.

mod use_clipboard;

pub use explorer_web::use_event_listener;
pub use use_clipboard::use_clipboard;
