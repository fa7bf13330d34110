//! Where requests go: the sandbox (this page's own origin), production, or
//! a custom base URL; and the optional `X-API-Version` pin. Both are
//! remembered by the browser.

use explorer_core::request::validate_base_url;
use leptos::prelude::*;

use explorer_web as storage;

pub const PRODUCTION: &str = "https://api.cloudplatform.dev";
/// Revisions the API serves (see the versioning guide).
pub const VERSIONS: [&str; 2] = ["2026-01-01", "2025-06-01"];

const ENV_KEY: &str = "explorer.environment";
const VERSION_KEY: &str = "explorer.api_version";

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    Sandbox,
    Production,
    /// Already validated by `validate_base_url`.
    Custom(String),
}

impl Target {
    pub fn base_url(&self) -> String {
        match self {
            Target::Sandbox => window().location().origin().unwrap_or_default(),
            Target::Production => PRODUCTION.to_owned(),
            Target::Custom(url) => url.clone(),
        }
    }

    pub fn label(&self) -> String {
        match self {
            Target::Sandbox => "Sandbox".to_owned(),
            Target::Production => "Production".to_owned(),
            Target::Custom(url) => url.trim_start_matches("https://").trim_start_matches("http://").to_owned(),
        }
    }

    fn stored(&self) -> String {
        match self {
            Target::Sandbox => "sandbox".to_owned(),
            Target::Production => "production".to_owned(),
            Target::Custom(url) => format!("custom:{url}"),
        }
    }

    fn from_stored(text: &str) -> Target {
        match text {
            "production" => Target::Production,
            custom => custom
                .strip_prefix("custom:")
                .and_then(|url| validate_base_url(url).ok())
                .map_or(Target::Sandbox, Target::Custom),
        }
    }
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
        let target = RwSignal::new(storage::get(ENV_KEY).map_or(Target::Sandbox, |s| Target::from_stored(&s)));
        let version = RwSignal::new(storage::get(VERSION_KEY).unwrap_or_default());
        Self { target, version }
    }

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
}
