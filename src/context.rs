//! Typed context values shared across the component tree.

use leptos::prelude::{Callback, RwSignal};

/// Whether the phone-sized navigation drawer is open.
#[derive(Clone, Copy)]
pub struct NavDrawer(pub RwSignal<bool>);

/// Whether the command palette is open.
#[derive(Clone, Copy)]
pub struct PaletteOpen(pub RwSignal<bool>);

/// Switches between the light and dark themes (and remembers the choice).
#[derive(Clone, Copy)]
pub struct ThemeToggleCallback(pub Callback<()>);
