//! The last 100 requests sent from this browser: replay, share or delete
//! each one, or clear them all. Entries never hold a credential.

use explorer_core::share::HistoryEntry;
use leptos::prelude::*;

use crate::components::modal::Modal;
use crate::hooks::use_clipboard;
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
        Some(id) => format!("/reference/{id}"),
        None => GENERIC_ROUTE.to_owned(),
    }
}

#[component]
pub fn HistoryDialog() -> impl IntoView {
    let s = state();
    let (copied, copy) = use_clipboard();
    let replay = move |entry: HistoryEntry| {
        let route = route_of(&entry);
        if apply(entry.request).is_ok() {
            s.autosend.set(Some(entry_id(&route)));
            s.dialog.set(None);
            navigate(&route);
        }
    };
    view! {
        <Modal
            which=Dialog::History
            title="Request history"
            testid="history-dialog"
            wide=true
            actions=move || {
                view! { <button class="link-button" data-testid="history-clear" on:click=move |_| s.history.set(Vec::new())>"Clear all"</button> }
            }
        >
            <p class="hint dialog-hint">
                {move || if copied.get() { "Link copied.".to_owned() } else { format!("{} of the last 100 requests from this browser. Credentials are never kept.", s.history.with(Vec::len)) }}
            </p>
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
                            let path = r.draft.path.iter().fold(
                                r.operation.as_deref().and_then(|id| s.docs.operation(id)).map_or(r.url.clone(), |op| op.path.clone()),
                                |path, (name, value)| path.replace(&format!("{{{name}}}"), value),
                            );
                            let status = entry.status.map_or("—".to_owned(), |s| s.to_string());
                            let family = match entry.status {
                                Some(200..=299) => "status-ok",
                                Some(400..=499) => "status-client-error",
                                Some(_) => "status-server-error",
                                None => "muted",
                            };
                            let for_replay = entry.clone();
                            let for_share = entry.clone();
                            view! {
                                <li class="history-item" data-testid="history-item">
                                    <span class=format!("method method-{}", r.method.as_str().to_ascii_lowercase())>{r.method.as_str()}</span>
                                    <code class="history-path">{path}</code>
                                    <span class=format!("history-status {family}")>{status}</span>
                                    <span class="muted history-meta">{format!("{} · {} ms", ago(now, entry.at_ms), entry.duration_ms)}</span>
                                    <span class="history-actions">
                                        <button class="link-button" data-testid="history-replay" on:click=move |_| replay(for_replay.clone())>"Replay"</button>
                                        <button class="link-button" data-testid="history-share" on:click=move |_| {
                                            let (url, _) = link(&route_of(&for_share), for_share.request.clone());
                                            copy.run(url);
                                        }>"Share"</button>
                                        <button class="link-button" data-testid="history-delete" on:click=move |_| s.history.update(|h| { h.remove(i); })>"Delete"</button>
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

/// The autosend key of a route: the operation id, or "" for the generic panel.
fn entry_id(route: &str) -> String {
    route.strip_prefix("/reference/").unwrap_or_default().to_owned()
}
