//! Credentials in an imported request: which value is a key, a token or a
//! placeholder, where the API reads each one, and what to say when it is
//! somewhere else.

use super::Matcher;
use crate::request::Credential;
use crate::share::{is_api_key, is_jwt};
use crate::token::looks_like_api_key;

/// What a credential-like value is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    ApiKey,
    Jwt,
    /// `$API_KEY`, `<YOUR-TOKEN>`, `{{apiKey}}`, `sk_live_...`: a value
    /// still to fill in.
    Placeholder,
    Other,
}

fn kind(value: &str) -> Kind {
    let value = value.trim();
    if is_placeholder(value) {
        Kind::Placeholder
    } else if is_api_key(value) {
        Kind::ApiKey
    } else if is_jwt(value) {
        Kind::Jwt
    } else {
        Kind::Other
    }
}

/// Docs write credentials as `$API_KEY`, `<YOUR-TOKEN>`, `{{apiKey}}`,
/// `YOUR_API_KEY` or `sk_live_...`; none of them is a credential.
fn is_placeholder(value: &str) -> bool {
    let wrapped = |open: &str, close: &str| value.starts_with(open) && value.ends_with(close);
    let upper = value.to_ascii_uppercase();
    let shouting = !value.is_empty()
        && value.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_' || b == b'-')
        && ["KEY", "TOKEN", "SECRET"].iter().any(|w| upper.contains(w));
    value.starts_with(['$', '`'])
        || wrapped("<", ">")
        || wrapped("{", "}")
        || shouting
        || (upper.contains("YOUR") && (upper.contains("KEY") || upper.contains("TOKEN")))
        || value.contains("...")
        || value.contains('…')
}

impl Matcher {
    fn found(&mut self, from: String, credential: Credential) {
        let read = from == "X-API-Key" || from == "Authorization: Bearer";
        self.credentials.push((from, credential, read));
    }

    /// The credential for the auth panel: the first one found where the API
    /// reads credentials, else the first one found. Two different ones are
    /// reported: the API refuses them when it reads both.
    pub(super) fn credential(&mut self) -> Option<Credential> {
        self.credentials.sort_by_key(|(_, _, read)| !read);
        let (first_from, first, first_read) = self.credentials.first()?.clone();
        if let Some((other_from, _, other_read)) = self.credentials.iter().find(|(_, c, _)| *c != first) {
            if first_read && *other_read {
                self.error(format!(
                    "{first_from} and {other_from} carry different credentials: the API answers 401 invalid_credentials; the one in {first_from} was kept"
                ));
            } else {
                self.warning(format!(
                    "{first_from} and {other_from} carry different credentials; the one in {first_from} was kept for the auth panel"
                ));
            }
        }
        Some(first)
    }

    /// A credential value whose place is fine (X-API-Key, Bearer).
    pub(super) fn take_credential(&mut self, from: &str, value: &str, bearer: bool) {
        let value = value.trim();
        match kind(value) {
            _ if value.is_empty() => {
                self.credential_noted = true;
                self.error(format!("{from} is empty: the API answers 401 missing_credentials"));
            }
            Kind::Placeholder => {
                self.credential_noted = true;
                self.info(format!(
                    "the credential in {from} is a placeholder, {value}: choose a key or token in the auth panel"
                ));
            }
            Kind::ApiKey => {
                if !looks_like_api_key(value) {
                    self.warning(format!(
                        "the key in {from} does not have the shape of an API key (sk_live_ and 32 lowercase letters or digits): the API answers 401 invalid_credentials"
                    ));
                }
                self.found(from.to_owned(), Credential::ApiKey(value.to_owned()));
            }
            Kind::Jwt if !bearer => {
                self.error(format!(
                    "a bearer token was sent in {from}, which takes API keys only: send it as Authorization: Bearer"
                ));
                self.found(from.to_owned(), Credential::Bearer(value.to_owned()));
            }
            Kind::Jwt => self.found(from.to_owned(), Credential::Bearer(value.to_owned())),
            Kind::Other if bearer => {
                self.warning(format!(
                    "{from} holds neither an API key (sk_live_…) nor a token from POST /v1/auth/token: the API answers 401 invalid_credentials"
                ));
                self.found(from.to_owned(), Credential::Bearer(value.to_owned()));
            }
            Kind::Other => {
                self.warning(format!(
                    "{from} does not look like an API key (sk_live_ and 32 lowercase letters or digits): the API answers 401 invalid_credentials"
                ));
                self.found(from.to_owned(), Credential::ApiKey(value.to_owned()));
            }
        }
    }

    /// A credential sent where the API never reads one; taken for the auth
    /// panel anyway, since that is what the sender meant.
    pub(super) fn misplaced_credential(&mut self, from: String, value: &str, token_name: bool) {
        let credential = match kind(value) {
            Kind::Jwt => Some(Credential::Bearer(value.to_owned())),
            Kind::ApiKey => Some(Credential::ApiKey(value.to_owned())),
            Kind::Placeholder => {
                self.credential_noted = true;
                None
            }
            Kind::Other if value.is_empty() => None,
            Kind::Other if token_name => Some(Credential::Bearer(value.to_owned())),
            Kind::Other => Some(Credential::ApiKey(value.to_owned())),
        };
        if let Some(credential) = credential {
            self.found(from, credential);
        }
    }

    pub(super) fn authorization(&mut self, value: &str) {
        let (scheme, rest) = value.split_once(' ').unwrap_or((value, ""));
        if scheme.eq_ignore_ascii_case("bearer") {
            return self.take_credential("Authorization: Bearer", rest, true);
        }
        if scheme.eq_ignore_ascii_case("basic") {
            let decoded =
                crate::token::base64url_decode(rest.trim()).and_then(|b| String::from_utf8(b).ok()).unwrap_or_default();
            let key = decoded.split(':').find(|part| kind(part) == Kind::ApiKey);
            let taken = if key.is_some() { "; the key in it was taken for the auth panel" } else { "" };
            self.error(format!(
                "Basic authentication (cURL's -u, or a user and password in the URL) is not accepted: send the API key as X-API-Key or Authorization: Bearer{taken}"
            ));
            if let Some(key) = key {
                self.found("Basic authentication".to_owned(), Credential::ApiKey(key.to_owned()));
            }
            return;
        }
        let (scheme, credential) = if rest.trim().is_empty() { ("", value) } else { (scheme, rest) };
        let shown = if scheme.is_empty() { "with no scheme".to_owned() } else { format!("scheme {scheme}") };
        self.error(format!(
            "the Authorization {shown} is not accepted: send Authorization: Bearer <API key or token>, or the key as X-API-Key"
        ));
        self.misplaced_credential("Authorization".to_owned(), credential.trim(), true);
    }
}
