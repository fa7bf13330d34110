//! Credentials for the whole app. An API key is exchanged for a short-lived
//! bearer token at `POST /v1/auth/token`, then forgotten unless the user
//! consents to keeping it in memory (never in storage) so that the token can
//! be renewed before it expires and once after a 401. The token lives in
//! memory; the user may opt in to keeping it in sessionStorage for the tab.
//! "API key" mode sends the key itself, as a server would.
//!
//! A credential is bound to the base URL it was obtained for (the token
//! exchange's, the environment a key was typed for, a pasted command's): it
//! goes to another origin only once the user confirms that origin, and a
//! renewal always goes back to where the token came from.

use explorer_core::request::{Credential, Draft, HttpRequest, Secret, body_from_fields, build};
use explorer_core::target::{CredentialGate, credential_gate};
use explorer_core::token::{Claims, decode_jwt};
use explorer_core::{Docs, json};
use js_sys::Promise;
use leptos::prelude::*;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::{JsFuture, future_to_promise};

use crate::client::{self, InFlight, SendError};
use crate::env::{Environment, base_url};
use explorer_web as storage;

const TOKEN_KEY: &str = "explorer.token";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Exchange the key for a bearer token and send the token.
    Token,
    /// Send the key itself as `X-API-Key`.
    ApiKey,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    pub value: String,
    pub claims: Claims,
}

#[derive(Clone, Copy)]
pub struct Credentials {
    pub mode: RwSignal<Mode>,
    pub token: RwSignal<Option<Token>>,
    /// The key of "API key" mode: memory only.
    pub key: RwSignal<Option<String>>,
    /// Consent to keep the exchanged key in memory to renew the token.
    pub keep_key: RwSignal<bool>,
    kept_key: StoredValue<Option<String>, LocalStorage>,
    /// Opt-in: keep the token in sessionStorage for this tab.
    pub keep_token: RwSignal<bool>,
    /// Lifetime to ask for, in seconds (60–3600).
    pub lifetime: RwSignal<u32>,
    /// Scopes to ask for; empty asks for all of the key's.
    pub scopes: RwSignal<Vec<String>>,
    pub error: RwSignal<Option<String>>,
    pub busy: RwSignal<bool>,
    /// The token expired (or was refused) and no key is kept: ask for one.
    pub needs_key: RwSignal<bool>,
    /// The base URL the credential was obtained for.
    pub bound: RwSignal<Option<String>>,
    /// Other origins the user confirmed for this credential.
    pub confirmed: RwSignal<Vec<String>>,
    refresh: StoredValue<Option<Promise>, LocalStorage>,
}

impl Credentials {
    pub fn new() -> Self {
        // Kept as "<base URL> <token>": a token is restored with its binding.
        let restored = storage::get_session(TOKEN_KEY)
            .and_then(|kept| {
                let (base, value) = kept.split_once(' ')?;
                let claims = decode_jwt(value).ok()?;
                Some((base.to_owned(), Token { value: value.to_owned(), claims }))
            })
            .filter(|(_, t)| t.claims.expires_at > now());
        let keep_token = restored.is_some();
        let (bound, restored) = restored.map_or((None, None), |(base, token)| (Some(base), Some(token)));
        let credentials = Self {
            mode: RwSignal::new(Mode::Token),
            token: RwSignal::new(restored),
            key: RwSignal::new(None),
            keep_key: RwSignal::new(false),
            kept_key: StoredValue::new_local(None),
            keep_token: RwSignal::new(keep_token),
            lifetime: RwSignal::new(3600),
            scopes: RwSignal::new(Vec::new()),
            error: RwSignal::new(None),
            busy: RwSignal::new(false),
            needs_key: RwSignal::new(false),
            bound: RwSignal::new(bound),
            confirmed: RwSignal::new(Vec::new()),
            refresh: StoredValue::new_local(None),
        };
        // The token reaches sessionStorage only while the user opts in.
        Effect::new(move || {
            let value = if credentials.keep_token.get() {
                let base = credentials.bound.get().unwrap_or_default();
                credentials.token.with(|t| t.as_ref().map(|t| format!("{base} {}", t.value)))
            } else {
                None
            };
            storage::set_session(TOKEN_KEY, value.as_deref());
        });
        // Without consent, a key that was kept is dropped at once.
        Effect::new(move || {
            if !credentials.keep_key.get() {
                credentials.kept_key.set_value(None);
            }
        });
        credentials
    }

    /// What requests carry now.
    pub fn credential(self) -> Credential {
        match self.mode.get() {
            Mode::Token => {
                self.token.with(|t| t.as_ref().map_or(Credential::None, |t| Credential::Bearer(t.value.clone())))
            }
            Mode::ApiKey => self.key.with(|k| k.clone().map_or(Credential::None, Credential::ApiKey)),
        }
    }

    /// Whether the credential may go with a request to `url`.
    pub fn gate(self, url: &str) -> CredentialGate {
        let held = !matches!(self.credential(), Credential::None);
        self.bound.with(|bound| self.confirmed.with(|c| credential_gate(bound.as_deref().filter(|_| held), url, c)))
    }

    /// The credential for a request to `url`: none when it belongs to
    /// another origin the user has not confirmed.
    pub fn credential_for(self, url: &str) -> Credential {
        if self.gate(url).attaches() { self.credential() } else { Credential::None }
    }

    /// The user allows the credential to go to `origin` too.
    pub fn confirm(self, origin: String) {
        self.confirmed.update(|list| {
            if !list.contains(&origin) {
                list.push(origin);
            }
        });
    }

    /// Binds the credential about to be set to `base`; confirmations made
    /// for an earlier credential do not carry over.
    fn bind(self, base: String) {
        self.confirmed.set(Vec::new());
        self.bound.set(Some(base));
    }

    /// Sends `key` itself, bound to `base`.
    pub fn use_key(self, key: String, base: String) {
        self.bind(base);
        self.mode.set(Mode::ApiKey);
        self.key.set(Some(key));
        self.needs_key.set(false);
    }

    /// Sends `token` (obtained elsewhere, such as a pasted command), bound to `base`.
    pub fn use_token(self, token: Token, base: String) {
        self.bind(base);
        self.mode.set(Mode::Token);
        self.token.set(Some(token));
        self.needs_key.set(false);
    }

    pub fn has_kept_key(self) -> bool {
        self.kept_key.with_value(Option::is_some)
    }

    /// Exchanges `key` for a token at the environment; keeps the key only
    /// with consent.
    pub async fn get_token(self, docs: &'static Docs, env: Environment, key: String) {
        let base = base_url(&env.target.get_untracked());
        let version = env.version.get_untracked();
        self.exchange_at(docs, base, version, key).await;
    }

    async fn exchange_at(self, docs: &'static Docs, base: String, version: String, key: String) {
        self.busy.set(true);
        self.error.set(None);
        let lifetime = self.lifetime.get_untracked();
        let scopes = self.scopes.get_untracked().join(" ");
        match exchange(docs, &base, &version, &key, lifetime, &scopes).await {
            Ok(token) => {
                if self.bound.get_untracked().as_deref() != Some(base.as_str()) {
                    self.bind(base);
                }
                self.token.set(Some(token));
                self.mode.set(Mode::Token);
                self.needs_key.set(false);
                if self.keep_key.get_untracked() {
                    self.kept_key.set_value(Some(key));
                }
            }
            Err(message) => self.error.set(Some(message)),
        }
        self.busy.set(false);
    }

    /// Renews the token with the kept key, at the base URL the token came
    /// from. Concurrent callers share one exchange; `false` when there is no
    /// kept key or the exchange failed.
    pub async fn refresh(self, docs: &'static Docs, env: Environment) -> bool {
        let Some(key) = self.kept_key.get_value() else { return false };
        let Some(base) = self.bound.get_untracked() else { return false };
        let version = env.version.get_untracked();
        let pending = match self.refresh.get_value() {
            Some(promise) => promise,
            None => {
                let promise = future_to_promise(async move {
                    self.exchange_at(docs, base, version, key).await;
                    Ok(JsValue::UNDEFINED)
                });
                self.refresh.set_value(Some(promise.clone()));
                promise
            }
        };
        let _ = JsFuture::from(pending).await;
        self.refresh.set_value(None);
        self.error.get_untracked().is_none() && self.token.with_untracked(Option::is_some)
    }

    /// The credential to send, renewing the token first when it is about
    /// to expire and a key is kept for that.
    pub async fn fresh(self, docs: &'static Docs, env: Environment) -> Credential {
        let due = self.token.with_untracked(|t| t.as_ref().is_some_and(|t| t.claims.refresh_in(now()) == 0));
        if self.mode.get_untracked() == Mode::Token && due && !self.refresh(docs, env).await {
            self.needs_key.set(self.token.with_untracked(|t| t.as_ref().is_none_or(|t| t.claims.expires_at <= now())));
        }
        self.credential_untracked()
    }

    fn credential_untracked(self) -> Credential {
        untrack(|| self.credential())
    }

    /// After a 401 with a token: renew once if a key is kept (the caller then
    /// resends), otherwise ask the user for a key.
    pub async fn after_unauthorized(self, docs: &'static Docs, env: Environment) -> bool {
        if self.mode.get_untracked() != Mode::Token || self.token.with_untracked(Option::is_none) {
            return false;
        }
        if self.refresh(docs, env).await {
            return true;
        }
        self.needs_key.set(true);
        false
    }

    pub fn forget(self) {
        self.token.set(None);
        self.key.set(None);
        self.kept_key.set_value(None);
        self.needs_key.set(false);
        self.error.set(None);
        self.bound.set(None);
        self.confirmed.set(Vec::new());
    }
}

/// Seconds since the Unix epoch, from the browser's clock.
pub fn now() -> i64 {
    (js_sys::Date::now() / 1000.0) as i64
}

/// The token exchange, built from the documented `create-token` operation
/// by the same code as every other request.
async fn exchange(
    docs: &Docs,
    base: &str,
    version: &str,
    key: &str,
    lifetime: u32,
    scopes: &str,
) -> Result<Token, String> {
    let op = docs.operation("create-token").ok_or("the docs define no create-token operation")?;
    let mut fields = vec![("expires_in".to_owned(), lifetime.to_string())];
    if !scopes.is_empty() {
        fields.push(("scope".to_owned(), scopes.to_owned()));
    }
    let draft = Draft { body: Some(body_from_fields(op, &fields)), ..Draft::default() };
    let request: HttpRequest =
        build(op, &draft, base, &Credential::ApiKey(key.to_owned()), (!version.is_empty()).then_some(version))?;
    let _ = Secret::Placeholder; // the exchange is never shown as a snippet
    let exchange = client::send(&request, &InFlight::new()).await.map_err(|e| match e {
        SendError::Refused(message) => message,
        SendError::Failed(failure) => {
            let page = window().location().href().unwrap_or_default();
            explorer_core::response::explain(failure, &page, &request.url).detail
        }
    })?;
    let body = json::parse(&exchange.body).ok();
    if exchange.status != 200 {
        let detail = body
            .as_ref()
            .and_then(|b| {
                b.get("detail")
                    .and_then(json::Value::as_str)
                    .map(|d| explorer_core::response::plain(&explorer_core::response::spans(d)))
            })
            .unwrap_or_else(|| format!("the server answered {}", exchange.status));
        return Err(format!("The key was not exchanged: {detail}"));
    }
    let value = body
        .as_ref()
        .and_then(|b| b.get("access_token").and_then(json::Value::as_str))
        .ok_or("the token response has no access_token")?
        .to_owned();
    let claims = decode_jwt(&value)?;
    Ok(Token { value, claims })
}
