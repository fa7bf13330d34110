//! Where a request goes, and which credential may go with it.
//!
//! The environment (sandbox, production or a custom base URL) is the user's
//! saved choice, and only the user changes it. A request that arrives from
//! elsewhere (a pasted command, a share link, a history entry) keeps its own
//! [`Destination`] in its panel, which says so when it differs. A credential
//! is bound to the origin it was obtained for: [`credential_gate`] decides
//! whether it may go with a request, and asks for the user's confirmation
//! before it crosses to another origin.

use crate::request::validate_base_url;

/// The API revisions a request may pin with `X-API-Version`, newest first
/// (see the versioning guide).
pub const API_VERSIONS: [&str; 2] = ["2026-01-01", "2025-06-01"];

/// The production base URL.
pub const PRODUCTION: &str = "https://api.cloudplatform.dev";

/// Where a request is sent.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Target {
    /// The sandbox serving the explorer, whatever its origin: a link made
    /// on one sandbox opens against the sandbox of whoever opens it.
    Sandbox,
    Production,
    /// Another base URL, such as `https://gateway.corp/cloud`, normalised by
    /// [`validate_base_url`].
    Custom(String),
}

impl Target {
    /// A custom target, checked and normalised.
    pub fn custom(base_url: &str) -> Result<Target, String> {
        validate_base_url(base_url).map(Target::Custom)
    }

    /// The same target with a custom base URL checked again: what arrives
    /// from a link, a paste or storage is never trusted as it is.
    pub fn checked(self) -> Result<Target, String> {
        match self {
            Target::Custom(url) => Target::custom(&url),
            other => Ok(other),
        }
    }

    /// The base URL requests go to; the sandbox is the page's own origin.
    pub fn base_url(&self, page_origin: &str) -> String {
        match self {
            Target::Sandbox => page_origin.trim_end_matches('/').to_owned(),
            Target::Production => PRODUCTION.to_owned(),
            Target::Custom(url) => url.clone(),
        }
    }

    /// A short name for chips and notices.
    pub fn label(&self) -> String {
        match self {
            Target::Sandbox => "Sandbox".to_owned(),
            Target::Production => "Production".to_owned(),
            Target::Custom(url) => url.trim_start_matches("https://").trim_start_matches("http://").to_owned(),
        }
    }

    /// The target as kept in storage.
    pub fn stored(&self) -> String {
        match self {
            Target::Sandbox => "sandbox".to_owned(),
            Target::Production => "production".to_owned(),
            Target::Custom(url) => format!("custom:{url}"),
        }
    }

    /// The stored target; a damaged or invalid one is an error, so that the
    /// caller falls back to the sandbox instead of sending anywhere odd.
    pub fn from_stored(text: &str) -> Result<Target, String> {
        match text {
            "sandbox" => Ok(Target::Sandbox),
            "production" => Ok(Target::Production),
            other => match other.strip_prefix("custom:") {
                Some(url) => Target::custom(url),
                None => Err(format!("{other:?} is not a saved environment")),
            },
        }
    }

    /// The environment a base URL belongs to: the page's own origin is the
    /// sandbox, the production URL is production, anything else is custom.
    pub fn of_base_url(base_url: &str, page_origin: &str) -> Result<Target, String> {
        // Normalised (default ports dropped), so that
        // `https://api.cloudplatform.dev:443` is production.
        let base = validate_base_url(base_url)?;
        let page = validate_base_url(page_origin).ok();
        Ok(if Some(&base) == page.as_ref() {
            Target::Sandbox
        } else if base == PRODUCTION {
            Target::Production
        } else {
            Target::Custom(base)
        })
    }
}

/// The target and version pin a request came with, kept in its panel
/// instead of changing the saved environment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Destination {
    pub target: Target,
    /// The `X-API-Version` pin; `None` for the API's default revision.
    pub api_version: Option<String>,
}

impl Destination {
    /// The destination a request keeps, or `None` when it is the current
    /// environment anyway (then the panel simply follows the environment).
    pub fn unless_current(self, env: &Destination) -> Option<Destination> {
        (self != *env).then_some(self)
    }

    /// What the panel says about this destination, against the current
    /// environment; `None` when they are the same.
    pub fn notice(&self, env: &Destination, page_origin: &str) -> Option<String> {
        if self == env {
            return None;
        }
        let place = |d: &Destination| d.target.base_url(page_origin);
        let pin = |d: &Destination| d.api_version.clone().unwrap_or_else(|| "the default revision".to_owned());
        Some(if self.target != env.target {
            let mut text = format!(
                "This request goes to {} ({}), not to your environment, {} ({}).",
                self.target.label(),
                place(self),
                env.target.label(),
                place(env)
            );
            if self.api_version != env.api_version {
                text.push_str(&format!(" It asks for API version {}, not {}.", pin(self), pin(env)));
            }
            text
        } else {
            format!("This request asks for API version {}; your environment uses {}.", pin(self), pin(env))
        })
    }
}

/// `scheme://host[:port]` of an absolute http(s) URL, lower case, without
/// the scheme's default port; `None` for anything else.
///
/// Strict on purpose, since a credential follows the answer: a URL with
/// user info, a backslash (browsers read it as `/`), whitespace or a control
/// character anywhere, or a host the base-URL check refuses has no origin
/// here, so no credential goes with it.
pub fn origin_of(url: &str) -> Option<String> {
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return None;
    }
    let (scheme, rest) = url.split_once("://")?;
    let authority = &rest[..rest.find(['/', '?', '#', '\\']).unwrap_or(rest.len())];
    if authority.contains('@') {
        return None;
    }
    validate_base_url(&format!("{scheme}://{authority}")).ok()
}

/// Whether a browser hides part of the response to `url` from a page at
/// `page_origin`: a cross-origin response shows only the headers its server
/// exposes (`Access-Control-Expose-Headers`). A URL with no origin counts
/// as cross-origin.
pub fn is_cross_origin(url: &str, page_origin: &str) -> bool {
    origin_of(url).is_none_or(|origin| origin != page_origin.trim_end_matches('/'))
}

/// Whether the current credential goes with a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CredentialGate {
    /// There is no credential to send.
    NoCredential,
    /// The credential was obtained for the request's origin, or the user
    /// confirmed this origin: it is sent.
    Attach,
    /// The credential was obtained for `bound`; it is not sent to `to`
    /// unless the user confirms that origin.
    Confirm { bound: String, to: String },
    /// The request's URL has no origin a credential could be bound to (see
    /// [`origin_of`]): the credential is never sent with it.
    Withheld { bound: String },
}

impl CredentialGate {
    pub fn attaches(&self) -> bool {
        *self == CredentialGate::Attach
    }

    /// The plain-words notice for a held-back credential.
    pub fn notice(&self) -> Option<String> {
        match self {
            CredentialGate::Confirm { bound, to } => Some(format!(
                "Your credential was obtained for {bound}, so it is not sent to {to}. Confirm to send it there as well."
            )),
            CredentialGate::Withheld { bound } => Some(format!(
                "Your credential was obtained for {bound}; it is never sent to this URL, whose host cannot be read plainly (user info, a backslash or spaces)."
            )),
            _ => None,
        }
    }
}

/// Decides whether a credential obtained for `bound` (a base URL or an
/// origin; `None` when there is no credential) may go with a request to
/// `url`. `confirmed` holds the origins the user allowed for this
/// credential. A URL with no readable origin never receives it.
pub fn credential_gate(bound: Option<&str>, url: &str, confirmed: &[String]) -> CredentialGate {
    let Some(bound) = bound else { return CredentialGate::NoCredential };
    let bound = origin_of(bound).unwrap_or_else(|| bound.to_owned());
    match origin_of(url) {
        Some(to) if to == bound || confirmed.contains(&to) => CredentialGate::Attach,
        Some(to) => CredentialGate::Confirm { bound, to },
        None => CredentialGate::Withheld { bound },
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn cross_origin_is_judged_by_origin() {
        assert!(!is_cross_origin("http://127.0.0.1:8080/v2/ping", "http://127.0.0.1:8080"));
        assert!(is_cross_origin("http://127.0.0.1:80801/v2/ping", "http://127.0.0.1:8080"));
        assert!(is_cross_origin("https://api.cloudplatform.dev/v2/ping", "http://127.0.0.1:8080"));
        assert!(is_cross_origin("not a url", "http://127.0.0.1:8080"));
    }

    use super::*;

    const PAGE: &str = "http://127.0.0.1:8080";

    fn dest(target: Target, version: Option<&str>) -> Destination {
        Destination { target, api_version: version.map(str::to_owned) }
    }

    #[test]
    fn stored_targets_are_validated() {
        assert_eq!(Target::from_stored("sandbox"), Ok(Target::Sandbox));
        assert_eq!(Target::from_stored("production"), Ok(Target::Production));
        assert_eq!(
            Target::from_stored("custom:HTTPS://GW.corp/cloud/"),
            Ok(Target::Custom("https://gw.corp/cloud".into()))
        );
        // A whole request URL saved by mistake is still a base URL, but a
        // query, a user name or another scheme is refused.
        assert!(Target::from_stored("custom:http://x.dev/v1/resources?limit=2").is_err());
        assert!(Target::from_stored("custom:https://user:pw@x.dev").is_err());
        assert!(Target::from_stored("custom:javascript:alert(1)").is_err());
        assert!(Target::from_stored("elsewhere").is_err());
        let round = Target::custom("https://gw.corp/cloud").unwrap();
        assert_eq!(Target::from_stored(&round.stored()), Ok(round));
    }

    #[test]
    fn checked_validates_only_custom_targets() {
        assert_eq!(Target::Production.checked(), Ok(Target::Production));
        assert!(Target::Custom("ftp://x.dev".into()).checked().is_err());
        assert_eq!(Target::Custom("https://X.dev/".into()).checked(), Ok(Target::Custom("https://x.dev".into())));
    }

    #[test]
    fn base_urls_are_classified() {
        assert_eq!(Target::of_base_url("http://127.0.0.1:8080/", PAGE), Ok(Target::Sandbox));
        assert_eq!(Target::of_base_url("https://api.cloudplatform.dev", PAGE), Ok(Target::Production));
        assert_eq!(
            Target::of_base_url("http://127.0.0.1:9090", PAGE),
            Ok(Target::Custom("http://127.0.0.1:9090".into()))
        );
        assert!(Target::of_base_url("not a url", PAGE).is_err());
        assert_eq!(Target::Sandbox.base_url("http://127.0.0.1:8080/"), PAGE);
    }

    #[test]
    fn a_destination_is_kept_only_when_it_differs() {
        let env = dest(Target::Sandbox, None);
        assert_eq!(dest(Target::Sandbox, None).unless_current(&env), None);
        assert_eq!(dest(Target::Production, None).unless_current(&env), Some(dest(Target::Production, None)));
        assert!(dest(Target::Sandbox, Some("2025-06-01")).unless_current(&env).is_some());
    }

    #[test]
    fn notices_name_both_places() {
        let env = dest(Target::Sandbox, None);
        assert_eq!(env.notice(&env, PAGE), None);
        assert_eq!(
            dest(Target::Production, None).notice(&env, PAGE).unwrap(),
            "This request goes to Production (https://api.cloudplatform.dev), not to your environment, Sandbox (http://127.0.0.1:8080)."
        );
        assert_eq!(
            dest(Target::Sandbox, Some("2025-06-01")).notice(&env, PAGE).unwrap(),
            "This request asks for API version 2025-06-01; your environment uses the default revision."
        );
        assert!(
            dest(Target::Production, Some("2025-06-01"))
                .notice(&env, PAGE)
                .unwrap()
                .ends_with(" It asks for API version 2025-06-01, not the default revision.")
        );
    }

    #[test]
    fn origins_drop_paths_and_default_ports() {
        assert_eq!(origin_of("HTTPS://Api.X.dev:443/v1/a?b#c").as_deref(), Some("https://api.x.dev"));
        assert_eq!(origin_of("http://127.0.0.1:8080").as_deref(), Some("http://127.0.0.1:8080"));
        assert_eq!(origin_of("http://x.dev:80/a").as_deref(), Some("http://x.dev"));
        assert_eq!(origin_of("http://[::1]:8080/a").as_deref(), Some("http://[::1]:8080"));
        assert_eq!(origin_of("ftp://x.dev"), None);
        assert_eq!(origin_of("/relative"), None);
        assert_eq!(origin_of("http:///nohost"), None);
    }

    /// URLs that browsers read differently from a naive split: no origin,
    /// so no credential goes with them.
    #[test]
    fn ambiguous_urls_have_no_origin() {
        // A backslash ends the host, as in browsers: the origin is what
        // fetch would reach.
        assert_eq!(
            origin_of("http://evil.example\\@127.0.0.1:8080/v1/resources").as_deref(),
            Some("http://evil.example")
        );
        assert!(
            !credential_gate(Some("http://127.0.0.1:8080"), "http://evil.example\\@127.0.0.1:8080/", &[]).attaches()
        );
        assert_eq!(origin_of("http://127.0.0.1:8080\\@evil.example/").as_deref(), Some("http://127.0.0.1:8080"));
        for url in [
            "http://u:p@x.dev/a",
            "http://127.0.0.1:8080@evil.example/",
            "http://127.0.0.1:8080\t/a",
            "http://127.0.0.1:8080/a\nb",
            " http://127.0.0.1:8080/",
            "http://x:/",
            "http://x.dev:99999/",
        ] {
            assert_eq!(origin_of(url), None, "{url:?}");
            assert!(!credential_gate(Some("http://127.0.0.1:8080"), url, &[]).attaches(), "{url:?}");
        }
    }

    #[test]
    fn default_ports_do_not_make_another_environment() {
        assert_eq!(Target::of_base_url("https://api.cloudplatform.dev:443", PAGE), Ok(Target::Production));
        assert_eq!(Target::custom("http://gw.corp:80/cloud"), Ok(Target::Custom("http://gw.corp/cloud".into())));
        assert!(credential_gate(Some("https://gw.corp:443/x"), "https://gw.corp/y", &[]).attaches());
    }

    #[test]
    fn a_credential_stays_with_its_origin_unless_confirmed() {
        assert_eq!(credential_gate(None, "https://x.dev/v1", &[]), CredentialGate::NoCredential);
        let bound = Some("http://127.0.0.1:8080");
        assert!(credential_gate(bound, "http://127.0.0.1:8080/v1/resources", &[]).attaches());
        // Another port is another origin.
        let gate = credential_gate(bound, "http://127.0.0.1:9999/v1/resources", &[]);
        assert_eq!(
            gate,
            CredentialGate::Confirm { bound: "http://127.0.0.1:8080".into(), to: "http://127.0.0.1:9999".into() }
        );
        assert!(gate.notice().unwrap().contains("not sent to http://127.0.0.1:9999"));
        assert!(credential_gate(bound, "http://127.0.0.1:9999/x", &["http://127.0.0.1:9999".into()]).attaches());
        // A base URL with a path binds its origin.
        assert!(credential_gate(Some("https://gw.corp/cloud"), "https://gw.corp/other", &[]).attaches());
        // Lookalikes are other origins.
        assert!(!credential_gate(bound, "http://127.0.0.1:8080.evil.dev/", &[]).attaches());
        assert!(!credential_gate(bound, "http://127.0.0.1:8080@evil.dev/", &[]).attaches());
        assert_eq!(
            credential_gate(bound, "garbage", &[]),
            CredentialGate::Withheld { bound: "http://127.0.0.1:8080".into() }
        );
    }
}
