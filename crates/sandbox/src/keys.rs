//! API keys: the four seeded keys, their tiers, and how a key is shown in logs.

use rand::Rng;
use rand::distr::Alphanumeric;
use serde::Serialize;
use utoipa::ToSchema;

use crate::scopes::{Scope, Scopes};

pub const KEY_PREFIX: &str = "sk_live_";
/// Length of the random part of a key.
pub const KEY_RANDOM_LEN: usize = 32;
/// OpenAPI pattern of a well-formed key.
pub const KEY_PATTERN: &str = "^sk_live_[a-z0-9]{32}$";

/// One API key as the server knows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiKey {
    /// Stable id (`key_free`, …): the JWT `sub`, the workspace id.
    pub id: String,
    /// Short name (`free`, `pro`, `read-only`, `unlimited`).
    pub name: String,
    /// The secret, `sk_live_` + 32 lowercase alphanumerics.
    pub secret: String,
    pub tier: String,
    /// Requests per 60-second window; `None` is unlimited.
    pub rate_limit: Option<u32>,
    pub scopes: Scopes,
    /// Listed by `GET /sandbox/keys` (the bench key is not).
    pub listed: bool,
}

/// What a first start seeds. The order is the listing order.
pub(crate) struct SeedSpec {
    pub id: &'static str,
    pub name: &'static str,
    pub tier: &'static str,
    pub rate_limit: Option<u32>,
    pub scopes: &'static [Scope],
    pub listed: bool,
}

pub(crate) const SEEDS: [SeedSpec; 4] = [
    SeedSpec { id: "key_free", name: "free", tier: "free", rate_limit: Some(60), scopes: &Scope::ALL, listed: true },
    SeedSpec { id: "key_pro", name: "pro", tier: "pro", rate_limit: Some(1000), scopes: &Scope::ALL, listed: true },
    SeedSpec {
        id: "key_read_only",
        name: "read-only",
        tier: "free",
        rate_limit: Some(60),
        scopes: &[Scope::ResourcesRead],
        listed: true,
    },
    // For benchmarks and schemathesis: no rate limit, so it is kept out of the
    // demo listing (a browser must not be handed a key that can flood the box).
    SeedSpec {
        id: "key_unlimited",
        name: "unlimited",
        tier: "unlimited",
        rate_limit: None,
        scopes: &Scope::ALL,
        listed: false,
    },
];

impl SeedSpec {
    pub fn generate(&self) -> ApiKey {
        ApiKey {
            id: self.id.to_owned(),
            name: self.name.to_owned(),
            secret: generate_secret(),
            tier: self.tier.to_owned(),
            rate_limit: self.rate_limit,
            scopes: self.scopes.iter().copied().collect(),
            listed: self.listed,
        }
    }
}

/// `sk_live_` + 32 random lowercase alphanumerics.
pub fn generate_secret() -> String {
    let random: String = rand::rng()
        .sample_iter(&Alphanumeric)
        .take(KEY_RANDOM_LEN)
        .map(|b| char::from(b).to_ascii_lowercase())
        .collect();
    format!("{KEY_PREFIX}{random}")
}

/// Whether `text` has the shape of an API key (not whether it exists).
pub fn is_well_formed(text: &str) -> bool {
    text.strip_prefix(KEY_PREFIX).is_some_and(|rest| {
        rest.len() == KEY_RANDOM_LEN && rest.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    })
}

/// A credential as it may appear in a log line: its first 12 characters and
/// an ellipsis (`sk_live_abcd…`), never the whole secret.
pub fn mask(secret: &str) -> String {
    let shown: String = secret.chars().take(12).collect();
    format!("{shown}…")
}

/// The seeded keys of one instance, for tests, benches and the console banner.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SeededKeys {
    pub free: String,
    pub pro: String,
    pub read_only: String,
    /// Bench-only, unlimited, not listed by `GET /sandbox/keys`.
    pub unlimited: String,
}

/// One entry of `GET /sandbox/keys`.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "id": "key_free",
    "name": "free",
    "key": "sk_live_4f9c2a7e1b8d3f6a0c5e9b2d7a1f4c8e",
    "tier": "free",
    "rate_limit": 60,
    "scopes": ["resources:read", "resources:write", "projects:read"]
}))]
pub struct DemoKey {
    /// Key id: the `sub` of tokens minted from it and the workspace id.
    #[schema(example = "key_free")]
    pub id: String,
    /// `free`, `pro` or `read-only`.
    pub name: String,
    /// The API key itself.
    #[schema(pattern = "^sk_live_[a-z0-9]{32}$")]
    pub key: String,
    /// Rate-limit tier.
    pub tier: String,
    /// Requests allowed per 60-second window.
    pub rate_limit: u32,
    /// Scopes the key grants.
    pub scopes: Vec<String>,
}

/// Body of `GET /sandbox/keys`.
#[derive(Debug, Serialize, ToSchema)]
pub struct DemoKeys {
    pub keys: Vec<DemoKey>,
}

impl DemoKey {
    pub fn from_key(key: &ApiKey) -> Option<DemoKey> {
        Some(DemoKey {
            id: key.id.clone(),
            name: key.name.clone(),
            key: key.secret.clone(),
            tier: key.tier.clone(),
            rate_limit: key.rate_limit?,
            scopes: key.scopes.names().into_iter().map(str::to_owned).collect(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_secrets_are_well_formed_and_distinct() {
        let a = generate_secret();
        let b = generate_secret();
        assert!(is_well_formed(&a), "{a}");
        assert_ne!(a, b);
        assert!(!is_well_formed("sk_live_short"));
        assert!(!is_well_formed(&a.to_uppercase()));
    }

    #[test]
    fn mask_never_shows_the_whole_secret() {
        let secret = generate_secret();
        let masked = mask(&secret);
        assert!(!masked.contains(&secret));
        assert!(masked.starts_with("sk_live_"));
        assert_eq!(masked.chars().count(), 13);
    }
}
