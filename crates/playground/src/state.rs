//! The playground's shared state. It outlives every mounted view: the shell
//! mounts a new try-it panel on each endpoint page, and the environment,
//! credentials, each operation's form and its last response carry over.

use std::cell::OnceCell;
use std::collections::HashMap;

use explorer_core::Docs;
use explorer_core::import::Finding;
use explorer_core::operation::{Location, Method, Operation};
use explorer_core::request::{Draft, Row, draft_from_rows, initial_rows, rows_from_draft};
use explorer_core::share::{HistoryEntry, decode_history, encode_history};
use explorer_core::target::Destination;
use leptos::prelude::*;

use crate::auth::{Credentials, now};
use crate::env::Environment;
use crate::outcome::Outcome;
use explorer_web as storage;

/// Which overlay is open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dialog {
    Connection,
    Paste,
    History,
    CheckBody,
}

const HISTORY_KEY: &str = "explorer.history";

#[derive(Clone, Copy)]
pub struct State {
    pub docs: &'static Docs,
    pub env: Environment,
    pub auth: Credentials,
    /// Unix seconds, ticking once a second: countdowns read it.
    pub now: RwSignal<i64>,
    pub dialog: RwSignal<Option<Dialog>>,
    /// The snippet language chosen in any panel.
    pub lang: RwSignal<usize>,
    /// Sent requests, newest first, credentials removed (kept in localStorage).
    pub history: RwSignal<Vec<HistoryEntry>>,
    /// The panel for requests the docs do not describe.
    pub generic: Generic,
    /// A panel to send as soon as it is shown (a history replay): the
    /// operation id, or `""` for the generic panel.
    pub autosend: RwSignal<Option<String>>,
    /// Ids created in this tab, newest first, offered in id fields.
    pub recent_ids: RwSignal<Vec<String>>,
    forms: StoredValue<HashMap<String, Form>, LocalStorage>,
}

/// A request outside the docs: method, URL, headers and body as typed.
#[derive(Clone, Copy)]
pub struct Generic {
    pub method: RwSignal<Method>,
    /// Absolute, query included.
    pub url: RwSignal<String>,
    pub headers: RwSignal<Vec<(String, String)>>,
    pub body: RwSignal<String>,
    pub outcome: RwSignal<Option<Outcome>>,
    /// What the paste dialog found, shown until the request is edited away.
    pub findings: RwSignal<Vec<Finding>>,
}

/// One operation's form and last result, kept while the page is open.
#[derive(Clone, Copy)]
pub struct Form {
    /// `(location, name, text)` for every path, query and header entry,
    /// declared ones first; blank entries are not sent.
    pub fields: RwSignal<Vec<Row>>,
    /// The body as JSON text.
    pub body: RwSignal<String>,
    pub outcome: RwSignal<Option<Outcome>>,
    /// Where this request goes when it came from a paste, a link or the
    /// history and differs from the environment; `None` follows the
    /// environment.
    pub destination: RwSignal<Option<Destination>>,
    /// What the paste dialog found, kept beside the form.
    pub findings: RwSignal<Vec<Finding>>,
}

thread_local! {
    static STATE: OnceCell<State> = const { OnceCell::new() };
    /// Owns everything that outlives a mounted view; never disposed.
    static ROOT: Owner = Owner::new_root(None);
}

/// Runs `f` under the page-long root owner.
pub fn in_root<T>(f: impl FnOnce() -> T) -> T {
    ROOT.with(|root| root.with(f))
}

/// Creates the state once; `false` when it already existed.
pub fn init(docs: &'static Docs) -> bool {
    STATE.with(|cell| {
        if cell.get().is_some() {
            return false;
        }
        let state = in_root(|| {
            let now_signal = RwSignal::new(now());
            set_interval(move || now_signal.set(now()), std::time::Duration::from_secs(1));
            State {
                docs,
                env: Environment::restore(),
                auth: Credentials::new(),
                now: now_signal,
                dialog: RwSignal::new(None),
                lang: RwSignal::new(0),
                history: RwSignal::new(storage::get(HISTORY_KEY).map(|t| decode_history(&t)).unwrap_or_default()),
                generic: Generic {
                    method: RwSignal::new(Method::Get),
                    url: RwSignal::new(String::new()),
                    headers: RwSignal::new(Vec::new()),
                    body: RwSignal::new(String::new()),
                    outcome: RwSignal::new(None),
                    findings: RwSignal::new(Vec::new()),
                },
                autosend: RwSignal::new(None),
                recent_ids: RwSignal::new(Vec::new()),
                forms: StoredValue::new_local(HashMap::new()),
            }
        });
        let _ = cell.set(state);
        in_root(|| {
            renew_before_expiry(state);
            // The history is saved whenever it changes; it never holds a credential.
            Effect::new(move || storage::set(HISTORY_KEY, &state.history.with(|h| encode_history(h))));
        });
        true
    })
}

/// With a kept key, renews the token when its margin is reached, without
/// waiting for the next request.
fn renew_before_expiry(state: State) {
    Effect::new(move || {
        let now = state.now.get();
        let due = state.auth.token.with(|t| t.as_ref().is_some_and(|t| t.claims.refresh_in(now) == 0));
        // A failed renewal is not retried every second: the error is shown instead.
        if due
            && state.auth.has_kept_key()
            && !state.auth.busy.get_untracked()
            && state.auth.error.get_untracked().is_none()
        {
            leptos::task::spawn_local(async move {
                state.auth.refresh(state.docs).await;
            });
        }
    });
}

pub fn state() -> State {
    STATE.with(|cell| *cell.get().expect("init() runs in start()"))
}

impl State {
    /// The form of `op`, created on first use from the operation's examples.
    pub fn form(self, op: &Operation) -> Form {
        if let Some(form) = self.forms.with_value(|forms| forms.get(&op.id).copied()) {
            return form;
        }
        let form = in_root(|| Form::new(op));
        self.forms.update_value(|forms| {
            forms.insert(op.id.clone(), form);
        });
        form
    }
}

impl Form {
    fn new(op: &Operation) -> Form {
        let (fields, body) = initial_rows(op);
        Form {
            fields: RwSignal::new(fields),
            body: RwSignal::new(body),
            outcome: RwSignal::new(None),
            destination: RwSignal::new(None),
            findings: RwSignal::new(Vec::new()),
        }
    }

    /// Shows `draft` in the form: declared fields first, in their order,
    /// then any others the draft carries.
    pub fn load(self, op: &Operation, draft: &Draft) {
        self.fields.set(rows_from_draft(op, draft));
        self.body.set(draft.body.clone().unwrap_or_default());
    }

    /// Back to the operation's examples.
    pub fn reset(self, op: &Operation) {
        let (fields, body) = initial_rows(op);
        self.fields.set(fields);
        self.body.set(body);
        self.findings.set(Vec::new());
    }

    /// The draft the fields describe.
    pub fn draft(self, op: &Operation) -> Draft {
        self.fields.with(|rows| self.body.with(|body| draft_from_rows(op, rows, body)))
    }

    /// The text of one field.
    pub fn value(self, location: Location, name: &str) -> String {
        self.fields
            .with(|f| f.iter().find(|(l, n, _)| *l == location && n == name).map(|(_, _, v)| v.clone()))
            .unwrap_or_default()
    }

    pub fn set_value(self, location: Location, name: &str, value: String) {
        self.fields.update(|fields| match fields.iter_mut().find(|(l, n, _)| *l == location && n == name) {
            Some(entry) => entry.2 = value,
            None => fields.push((location, name.to_owned(), value)),
        });
    }
}
