//! Hooks: one per file, `use_x` returning signals (leptos-use style).

mod use_copy_buttons;
mod use_theme;

pub use explorer_web::use_event_listener;
pub use use_copy_buttons::use_copy_buttons;
pub use use_theme::{Theme, use_theme};
