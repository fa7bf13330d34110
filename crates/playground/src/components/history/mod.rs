//! The last 100 requests sent from this browser: replay, share or delete
//! each one, or clear them all, with Undo. Entries never hold a credential.
//! A replay of a write asks first; one that lacks its credential opens the
//! request and says so instead of sending into a 401.

use explorer_core::routes::operation_route;
use explorer_core::share::{
    HistoryEntry, Removed, Replay, remove_all, remove_entry, replay_place, replay_plan, row_text, undo_remove,
};
use leptos::prelude::*;

use crate::components::modal::Modal;
use crate::env::page_origin;
use crate::hooks::use_clipboard;
use crate::outcome::Outcome;
use crate::sharing::{GENERIC_ROUTE, apply, link, navigate};
use crate::state::{Dialog, state};

/// "12 s ago", "3 min ago", "2 h ago", "5 days ago".
fn ago(now_ms: i64, at_ms: i64) -> String {
    let s = ((now_ms - at_ms) / 1000).max(0);
    match s {
        0..=59 => format!("{s} s ago"),
        60..=3599 => format!("{} min ago", s / 60),
        3600..=86_399 => format!("{} h ago", s / 3600),
        _ => format!("{} days ago", s / 86_400),
    }
}

fn route_of(entry: &HistoryEntry) -> String {
    match &entry.request.operation {
        Some(id) => operation_route(id),
        None => GENERIC_ROUTE.to_owned(),
    }
}

/// What Replay would do with `entry` now.
fn plan(entry: &HistoryEntry) -> Replay {
    let s = state();
    let (url, needs) = replay_place(s.docs, &entry.request, &page_origin());
    replay_plan(entry.request.method, needs, &untrack(|| s.auth.gate(&url)))
}

/// Opens `entry` in its panel; sends it at once when `send`, otherwise
/// shows `why` where the response would be.
fn open(entry: HistoryEntry, send: bool, why: Option<String>) {
    let s = state();
    let route = route_of(&entry);
    let id = entry.request.operation.clone();
    if apply(entry.request, Vec::new()).is_err() {
        return;
    }
    if send {
        s.autosend.set(Some(id.clone().unwrap_or_default()));
    } else if let Some(why) = why {
        let outcome = Some(Outcome::refused(why));
        match id.as_deref().and_then(|id| s.docs.operation(id)) {
            Some(op) => s.form(op).outcome.set(outcome),
            None => s.generic.outcome.set(outcome),
        }
    }
    s.dialog.set(None);
    navigate(&route);
}

#[component]
pub fn HistoryDialog() -> impl IntoView {
    let s = state();
    let (copied, copy) = use_clipboard();
    // A write waiting for "Send again?", with its question.
    let asking = RwSignal::new(None::<(HistoryEntry, String)>);
    // What Delete or Clear all took out, and when, for Undo.
    let removed = RwSignal::new(None::<(Removed, i64)>);
    let replay = move |entry: HistoryEntry| match plan(&entry) {
        Replay::Send => open(entry, true, None),
        Replay::Ask(question) => asking.set(Some((entry, question))),
        Replay::OpenOnly(why) => open(entry, false, Some(why)),
    };
    let take_out = move |take: &dyn Fn(&mut Vec<HistoryEntry>) -> Removed| {
        let mut out = Removed::default();
        s.history.update(|h| out = take(h));
        if !out.is_empty() {
            removed.set(Some((out, js_sys::Date::now() as i64)));
        }
    };
    let undo = move |_| {
        if let Some((out, at)) = removed.get_untracked() {
            s.history.update(|h| {
                let sent_since = h.iter().take_while(|e| e.at_ms > at).count();
                undo_remove(h, out, sent_since);
            });
            removed.set(None);
        }
    };
    view! {
        <Modal
            which=Dialog::History
            title="Request history"
            testid="history-dialog"
            wide=true
            actions=move || {
                view! { <button class="link-button" data-testid="history-clear" on:click=move |_| take_out(&remove_all)>"Clear all"</button> }
            }
        >
            <p class="hint dialog-hint" role="status">
                {move || if copied.get() { "Link copied.".to_owned() } else { format!("{} of the last 100 requests from this browser. Credentials are never kept.", s.history.with(Vec::len)) }}
            </p>
            {move || removed.with(|r| r.as_ref().map(|(out, _)| out.len())).map(|n| view! {
                <p class="undo-bar" role="status" data-testid="history-undo-bar">
                    {if n == 1 { "1 request removed.".to_owned() } else { format!("{n} requests removed.") }}
                    " "
                    <button class="link-button" data-testid="history-undo" on:click=undo>"Undo"</button>
                </p>
            })}
            {move || asking.get().map(|(entry, question)| {
                let again = entry.clone();
                view! {
                    <div class="replay-confirm" role="alertdialog" aria-label="Replay" data-testid="replay-confirm">
                        <p>{question}</p>
                        <div class="dialog-actions">
                            <button class="button-primary" data-testid="replay-send" on:click=move |_| { asking.set(None); open(again.clone(), true, None) }>"Send again"</button>
                            <button class="button" data-testid="replay-open" on:click=move |_| { asking.set(None); open(entry.clone(), false, None) }>"Open without sending"</button>
                            <button class="link-button" on:click=move |_| asking.set(None)>"Cancel"</button>
                        </div>
                    </div>
                }
            })}
            <ol class="history-list" data-testid="history-list">
                {move || {
                    let now = js_sys::Date::now() as i64;
                    let entries = s.history.get();
                    if entries.is_empty() {
                        return view! { <li class="muted empty">"Nothing sent yet."</li> }.into_any();
                    }
                    entries
                        .into_iter()
                        .enumerate()
                        .map(|(i, entry)| {
                            let r = &entry.request;
                            let row = row_text(s.docs, &entry);
                            let status = entry.status.map_or("—".to_owned(), |s| s.to_string());
                            let family = entry.status.map_or("muted", crate::outcome::status_class);
                            let for_replay = entry.clone();
                            let for_share = entry.clone();
                            view! {
                                <li class="history-item" data-testid="history-item">
                                    <span class=format!("method method-{}", r.method.as_str().to_ascii_lowercase())>{r.method.as_str()}</span>
                                    <code class="history-path" data-testid="history-path">{row.path}</code>
                                    <span class=format!("history-status {family}")>{status}</span>
                                    {(!row.body.is_empty()).then(|| view! { <code class="history-body muted" data-testid="history-body">{row.body}</code> })}
                                    <span class="muted history-meta">{format!("{} · {} ms", ago(now, entry.at_ms), entry.duration_ms)}</span>
                                    <span class="history-actions">
                                        <button class="link-button" data-testid="history-replay" on:click=move |_| replay(for_replay.clone())>"Replay"</button>
                                        <button class="link-button" data-testid="history-share" on:click=move |_| {
                                            let (url, _) = link(&route_of(&for_share), for_share.request.clone());
                                            copy.run(url);
                                        }>"Share"</button>
                                        <button class="link-button" data-testid="history-delete" on:click=move |_| take_out(&|h| remove_entry(h, i))>"Delete"</button>
                                    </span>
                                </li>
                            }
                        })
                        .collect_view()
                        .into_any()
                }}
            </ol>
        </Modal>
    }
}
