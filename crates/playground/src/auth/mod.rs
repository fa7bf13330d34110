//! Credentials for the whole app. An API key is exchanged for a short-lived
//! bearer token at `POST /v1/auth/token`, then forgotten unless the user
//! consents to keeping it in memory (never in storage) so that the token can
//! be renewed before it expires and once after a 401. The token lives in
//! memory; the user may opt in to keeping it in sessionStorage for the tab.
//! "API key" mode sends the key itself, as a server would.
//!
//! Each credential carries its own [`Binding`]: the base URL it was obtained
//! for (the token exchange's, the environment a key was typed for, a pasted
//! command's) and the other origins the user confirmed for it. It goes
//! nowhere else, whichever mode is chosen later, and a renewal goes back to
//! where the token came from with the key kept for that very place.

mod exchange;

use explorer_core::Docs;
use explorer_core::request::{Credential, HttpRequest, add_credential, validate_base_url};
use explorer_core::target::{CredentialGate, credential_gate};
use explorer_core::token::{Claims, decode_jwt};
use js_sys::Promise;
use leptos::prelude::*;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::{JsFuture, future_to_promise};

use crate::env::{Environment, base_url};
use exchange::exchange;
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

/// Where one credential may go.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Binding {
    /// The base URL it was obtained for.
    pub base: String,
    /// Other origins the user confirmed for it.
    pub confirmed: Vec<String>,
}

impl Binding {
    fn new(base: String) -> Self {
        Self { base, confirmed: Vec::new() }
    }
}

/// A key kept (with consent) to renew the token obtained with it.
#[derive(Clone)]
struct KeptKey {
    key: String,
    /// Where the token was obtained: the only place the key goes again.
    base: String,
    /// The version pin of that exchange.
    version: String,
}

#[derive(Clone, Copy)]
pub struct Credentials {
    pub mode: RwSignal<Mode>,
    pub token: RwSignal<Option<Token>>,
    token_binding: RwSignal<Option<Binding>>,
    /// The key of "API key" mode: memory only.
    pub key: RwSignal<Option<String>>,
    key_binding: RwSignal<Option<Binding>>,
    /// Consent to keep the exchanged key in memory to renew the token.
    pub keep_key: RwSignal<bool>,
    kept_key: StoredValue<Option<KeptKey>, LocalStorage>,
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
    /// Counts "Forget" and new credentials, so that an exchange finishing
    /// after one of them is dropped instead of bringing a token back.
    generation: StoredValue<u64, LocalStorage>,
    refresh: StoredValue<Option<Promise>, LocalStorage>,
}

impl Credentials {
    pub fn new() -> Self {
        // Kept as "<base URL> <token>": a token is restored with its own
        // binding, and only when that base is one the dialog would accept.
        let restored = storage::get_session(TOKEN_KEY)
            .and_then(|kept| {
                let (base, value) = kept.split_once(' ')?;
                let base = validate_base_url(base).ok()?;
                let claims = decode_jwt(value).ok()?;
                Some((base, Token { value: value.to_owned(), claims }))
            })
            .filter(|(_, t)| t.claims.expires_at > now());
        let keep_token = restored.is_some();
        let (binding, restored) =
            restored.map_or((None, None), |(base, token)| (Some(Binding::new(base)), Some(token)));
        let credentials = Self {
            mode: RwSignal::new(Mode::Token),
            token: RwSignal::new(restored),
            token_binding: RwSignal::new(binding),
            key: RwSignal::new(None),
            key_binding: RwSignal::new(None),
            keep_key: RwSignal::new(false),
            kept_key: StoredValue::new_local(None),
            keep_token: RwSignal::new(keep_token),
            lifetime: RwSignal::new(3600),
            scopes: RwSignal::new(Vec::new()),
            error: RwSignal::new(None),
            busy: RwSignal::new(false),
            needs_key: RwSignal::new(false),
            generation: StoredValue::new_local(0),
            refresh: StoredValue::new_local(None),
        };
        // The token reaches sessionStorage only while the user opts in.
        Effect::new(move || {
            let value = if credentials.keep_token.get() {
                let base = credentials.token_binding.with(|b| b.as_ref().map(|b| b.base.clone()));
                credentials.token.with(|t| t.as_ref().zip(base).map(|(t, base)| format!("{base} {}", t.value)))
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

    /// What requests carry now, wherever they go (see [`Self::credential_for`]).
    pub fn credential(self) -> Credential {
        match self.mode.get() {
            Mode::Token => {
                self.token.with(|t| t.as_ref().map_or(Credential::None, |t| Credential::Bearer(t.value.clone())))
            }
            Mode::ApiKey => self.key.with(|k| k.clone().map_or(Credential::None, Credential::ApiKey)),
        }
    }

    /// The binding of the credential the mode selects.
    fn binding(self) -> RwSignal<Option<Binding>> {
        match self.mode.get() {
            Mode::Token => self.token_binding,
            Mode::ApiKey => self.key_binding,
        }
    }

    /// Whether the selected credential may go with a request to `url`.
    pub fn gate(self, url: &str) -> CredentialGate {
        if matches!(self.credential(), Credential::None) {
            return CredentialGate::NoCredential;
        }
        // A credential without a binding goes nowhere.
        let binding = self.binding().get().unwrap_or_else(|| Binding::new(String::new()));
        credential_gate(Some(&binding.base), url, &binding.confirmed)
    }

    /// The credential for a request to `url`: none when it belongs to
    /// another origin the user has not confirmed.
    pub fn credential_for(self, url: &str) -> Credential {
        if self.gate(url).attaches() { self.credential() } else { Credential::None }
    }

    /// The user allows the selected credential to go to `origin` too.
    pub fn confirm(self, origin: String) {
        self.binding().update(|binding| {
            if let Some(binding) = binding
                && !binding.confirmed.contains(&origin)
            {
                binding.confirmed.push(origin);
            }
        });
    }

    /// A new credential: earlier exchanges still running are dropped.
    fn next_generation(self) -> u64 {
        self.generation.update_value(|g| *g += 1);
        self.generation.get_value()
    }

    /// Sends `key` itself, bound to `base`. The token, if any, keeps its own
    /// binding.
    pub fn use_key(self, key: String, base: String) {
        self.next_generation();
        self.key_binding.set(Some(Binding::new(base)));
        self.key.set(Some(key));
        self.mode.set(Mode::ApiKey);
        self.needs_key.set(false);
    }

    /// Sends `token` (obtained elsewhere, such as a pasted command), bound
    /// to `base`. A kept key belonged to the token this one replaces, so it
    /// is dropped: it never goes to the new token's origin.
    pub fn use_token(self, token: Token, base: String) {
        self.next_generation();
        self.kept_key.set_value(None);
        self.token_binding.set(Some(Binding::new(base)));
        self.token.set(Some(token));
        self.mode.set(Mode::Token);
        self.needs_key.set(false);
    }

    pub fn has_kept_key(self) -> bool {
        self.kept_key.with_value(Option::is_some)
    }

    /// Exchanges `key` for a token at the environment, the user's own act:
    /// the new token starts with no confirmed origins. The key is kept only
    /// with consent.
    pub async fn get_token(self, docs: &'static Docs, env: Environment, key: String) {
        let base = base_url(&env.target.get_untracked());
        let version = env.version.get_untracked();
        let generation = self.next_generation();
        self.busy.set(true);
        self.error.set(None);
        let result = self.exchange(docs, &base, &version, &key).await;
        self.busy.set(false);
        if self.generation.get_value() != generation {
            return;
        }
        match result {
            Ok(token) => {
                self.token_binding.set(Some(Binding::new(base.clone())));
                self.token.set(Some(token));
                self.mode.set(Mode::Token);
                self.needs_key.set(false);
                let kept = self.keep_key.get_untracked().then_some(KeptKey { key, base, version });
                self.kept_key.set_value(kept);
            }
            Err(message) => self.error.set(Some(message)),
        }
    }

    async fn exchange(self, docs: &'static Docs, base: &str, version: &str, key: &str) -> Result<Token, String> {
        exchange(docs, base, version, key, self.lifetime.get_untracked(), &self.scopes.get_untracked().join(" ")).await
    }

    /// Renews the token with the key kept for it, at the base URL the token
    /// came from; the token's confirmed origins stay. Concurrent callers
    /// share one exchange; `false` when there is nothing to renew with or
    /// the exchange failed.
    pub async fn refresh(self, docs: &'static Docs) -> bool {
        let Some(kept) = self.kept_key.get_value() else { return false };
        let same_place = self.token_binding.with_untracked(|b| b.as_ref().is_some_and(|b| b.base == kept.base));
        if self.mode.get_untracked() != Mode::Token || !same_place {
            return false;
        }
        let pending = match self.refresh.get_value() {
            Some(promise) => promise,
            None => {
                let generation = self.generation.get_value();
                let promise = future_to_promise(async move {
                    self.busy.set(true);
                    self.error.set(None);
                    let result = self.exchange(docs, &kept.base, &kept.version, &kept.key).await;
                    self.busy.set(false);
                    if self.generation.get_value() == generation {
                        match result {
                            Ok(token) => {
                                self.token.set(Some(token));
                                self.needs_key.set(false);
                            }
                            Err(message) => self.error.set(Some(message)),
                        }
                    }
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

    /// Renews the token first when it is about to expire and a key is kept
    /// for it; otherwise says that a key is needed once it has expired.
    pub async fn fresh(self, docs: &'static Docs) {
        let due = self.token.with_untracked(|t| t.as_ref().is_some_and(|t| t.claims.refresh_in(now()) == 0));
        if self.mode.get_untracked() == Mode::Token && due && !self.refresh(docs).await {
            self.needs_key.set(self.token.with_untracked(|t| t.as_ref().is_none_or(|t| t.claims.expires_at <= now())));
        }
    }

    /// After a 401 to a request that carried the token: renew once if a key
    /// is kept (the caller then resends), otherwise ask the user for a key.
    pub async fn after_unauthorized(self, docs: &'static Docs) -> bool {
        if self.mode.get_untracked() != Mode::Token || self.token.with_untracked(Option::is_none) {
            return false;
        }
        if self.refresh(docs).await {
            return true;
        }
        self.needs_key.set(true);
        false
    }

    /// Every header one of the held credentials would add, to tell them
    /// from headers typed by hand.
    fn held_headers(self) -> Vec<(&'static str, String)> {
        let token = self.token.with_untracked(|t| t.as_ref().map(|t| Credential::Bearer(t.value.clone())));
        let key = self.key.with_untracked(|k| k.clone().map(Credential::ApiKey));
        token.into_iter().chain(key).filter_map(|c| c.header()).collect()
    }

    /// `request` again with the credential the gate allows now: one the
    /// app added earlier is removed (it may have been forgotten or rebound
    /// since), headers typed by hand stay.
    pub fn with_current_credential(self, mut request: HttpRequest) -> HttpRequest {
        let held = self.held_headers();
        request.headers.retain(|(name, value)| !held.iter().any(|(n, v)| n.eq_ignore_ascii_case(name) && v == value));
        add_credential(&mut request.headers, &untrack(|| self.credential_for(&request.url)));
        request
    }

    /// Whether `request` carried the held token (so its 401 speaks of it).
    pub fn sent_token(self, request: &HttpRequest) -> bool {
        let header =
            self.token.with_untracked(|t| t.as_ref().and_then(|t| Credential::Bearer(t.value.clone()).header()));
        header.is_some_and(|(name, value)| request.header(name) == Some(value.as_str()))
    }

    pub fn forget(self) {
        self.next_generation();
        self.token.set(None);
        self.token_binding.set(None);
        self.key.set(None);
        self.key_binding.set(None);
        self.kept_key.set_value(None);
        self.needs_key.set(false);
        self.error.set(None);
    }
}

/// Seconds since the Unix epoch, from the browser's clock.
pub fn now() -> i64 {
    (js_sys::Date::now() / 1000.0) as i64
}
