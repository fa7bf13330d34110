//! Typed context values shared across the component tree.

/// Whether the phone-sized navigation drawer is open.
#[derive(Clone, Copy)]
pub struct NavDrawer(pub leptos::prelude::RwSignal<bool>);
