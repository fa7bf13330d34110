//! Typed context values shared across the component tree.

use explorer_core::Docs;

/// The whole reference, decoded once at start-up and never changed, so
/// every view can borrow from it for the life of the page.
#[derive(Clone, Copy)]
pub struct DocsContext(pub &'static Docs);

/// Whether the phone-sized navigation drawer is open.
#[derive(Clone, Copy)]
pub struct NavDrawer(pub leptos::prelude::RwSignal<bool>);
