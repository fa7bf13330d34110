//! Hooks: one per file, `use_x` returning signals and callbacks.

mod use_clipboard;
mod use_event_listener;

pub use use_clipboard::use_clipboard;
pub use use_event_listener::use_event_listener;
