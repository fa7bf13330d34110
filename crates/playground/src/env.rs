//! Where requests go: the sandbox (this page's own origin), production, or
//! a custom base URL; and the optional `X-API-Version` pin. Both are
//! remembered by the browser, and only the connection dialog changes them:
//! a pasted command, a link or a history entry keeps its own destination in
//! its panel (see `explorer_core::target`).

use explorer_core::target::Destination;
pub use explorer_core::target::{PRODUCTION, Target};
use leptos::prelude::*;

use explorer_web as storage;

pub use explorer_core::target::API_VERSIONS as VERSIONS;

const ENV_KEY: &str = "explorer.environment";
const VERSION_KEY: &str = "explorer.api_version";

/// This page's origin: the sandbox's base URL.
pub fn page_origin() -> String {
    window().location().origin().unwrap_or_default()
}

/// Where `target` sends requests from this page.
pub fn base_url(target: &Target) -> String {
    target.base_url(&page_origin())
}

/// The environment switcher's state.
#[derive(Clone, Copy)]
pub struct Environment {
    pub target: RwSignal<Target>,
    /// Empty: no pin, the API's default revision.
    pub version: RwSignal<String>,
}

impl Environment {
    pub fn restore() -> Self {
        // A stored target is checked like a typed one; a bad one is dropped.
        let stored = storage::get(ENV_KEY).and_then(|s| Target::from_stored(&s).ok());
        let target = RwSignal::new(stored.unwrap_or(Target::Sandbox));
        let version = storage::get(VERSION_KEY).filter(|v| VERSIONS.contains(&v.as_str())).unwrap_or_default();
        Self { target, version: RwSignal::new(version) }
    }

    /// Only the user's own choice in the connection dialog (or an explicit
    /// "switch environment" in a panel) calls this.
    pub fn set_target(self, target: Target) {
        storage::set(ENV_KEY, &target.stored());
        self.target.set(target);
    }

    pub fn set_version(self, version: String) {
        storage::set(VERSION_KEY, &version);
        self.version.set(version);
    }

    pub fn is_sandbox(self) -> bool {
        self.target.with(|t| *t == Target::Sandbox)
    }

    /// The environment as a destination, for comparing a request's own.
    pub fn current(self) -> Destination {
        let version = self.version.get();
        Destination { target: self.target.get(), api_version: (!version.is_empty()).then_some(version) }
    }

    /// Makes `destination` the saved environment: an explicit user action.
    pub fn switch_to(self, destination: Destination) {
        self.set_target(destination.target);
        self.set_version(destination.api_version.unwrap_or_default());
    }
}
