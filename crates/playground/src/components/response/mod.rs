//! The response, readable: status, time and size; the request id with a
//! copy button; a rate-limit meter; a Retry-After countdown; deprecation
//! notices; a problem+json error as a card with advice from the docs; the
//! body as a JSON tree or raw text; and "Next page" for lists.

use std::sync::Arc;

use explorer_core::operation::{Operation, reason_phrase, undocumented_route_hint};
use explorer_core::request::resend_key;
use explorer_core::response::{Span, deprecation, format_size, hint, next_cursor, rate_limit, retry_after};
use leptos::prelude::*;

use crate::components::docs_check::DocsCheck;
use crate::components::json_tree::{JsonTree, Node};
use crate::components::tabs::Tabs;
use crate::hooks::use_clipboard;
use crate::outcome::{Outcome, Received};
use crate::state::state;

/// Characters of raw text shown per "show more": enough to read, small
/// enough that a 5 MB body never lands in the page at once.
const RAW_PAGE: usize = 100_000;

/// The outcome of `op`'s panel (`None`: the generic panel).
#[component]
pub fn ResponseView(
    op: Option<&'static Operation>,
    outcome: RwSignal<Option<Outcome>>,
    next_page: Callback<String>,
    resend: Callback<()>,
) -> impl IntoView {
    move || match outcome.get() {
        None => ().into_any(),
        Some(Outcome::Refused { seq, message }) => view! {
            <div class="result-card error" role="alert" data-testid="refused" data-seq=seq.to_string()>
                <h3>"Not sent"</h3>
                <p>{message}</p>
            </div>
        }
        .into_any(),
        Some(Outcome::Failed { seq, url, explanation }) => view! {
            <div class="result-card error" role="alert" data-testid="failure" data-seq=seq.to_string()>
                <h3>{explanation.title}</h3>
                <p>{explanation.detail}</p>
                <p class="muted"><code>{url}</code></p>
            </div>
        }
        .into_any(),
        Some(Outcome::Response(received)) => view! { <Received op received=*received next_page resend /> }.into_any(),
    }
}

#[component]
fn Received(
    op: Option<&'static Operation>,
    received: Received,
    next_page: Callback<String>,
    resend: Callback<()>,
) -> impl IntoView {
    let s = state();
    let received_at = s.now.get_untracked();
    let exchange = received.exchange.clone();
    let status = exchange.status;
    let reason =
        if exchange.status_text.is_empty() { reason_phrase(status).to_owned() } else { exchange.status_text.clone() };
    let family = crate::outcome::status_class(status);
    let replayed = exchange.header("idempotent-replayed").is_some_and(|v| v.eq_ignore_ascii_case("true"));
    let request_id = exchange.header("x-request-id").map(str::to_owned);
    let limit = rate_limit(&exchange.headers);
    let retry = retry_after(&exchange.headers).filter(|_| status == 429);
    let sunset = deprecation(&exchange.headers);
    let cursor = received.json.as_deref().filter(|_| op.is_some_and(|op| op.paginated)).and_then(next_cursor);
    let idempotency_key = resend_key(op, &received.request).map(str::to_owned);
    let elapsed = move || s.now.get() - received_at;
    let (copied, copy) = use_clipboard();
    let tab = RwSignal::new(0usize);
    let header_count = exchange.headers.len();
    let seq = received.seq;

    view! {
        <section class="response-view" data-testid="response" data-status=status.to_string() data-seq=seq.to_string()>
            <div class="response-summary">
                <span class=format!("status-pill {family}") data-testid="response-status">
                    {format!("{status} {reason}")}
                </span>
                <span class="muted" data-testid="response-time">{format!("{:.0} ms", exchange.duration_ms)}</span>
                <span class="muted" data-testid="response-size">{format_size(exchange.size)}</span>
                {replayed.then(|| view! { <span class="badge badge-replay" data-testid="replayed">"Replayed"</span> })}
            </div>
            {request_id.map(|id| {
                let copy_id = id.clone();
                view! {
                    <div class="request-id">
                        <span class="muted">"X-Request-Id "</span>
                        <code data-testid="request-id">{id}</code>
                        <button class="button small" on:click=move |_| copy.run(copy_id.clone())>
                            {move || if copied.get() { "Copied" } else { "Copy" }}
                        </button>
                    </div>
                }
            })}
            {limit.map(|limit| {
                let percent = (limit.fraction_left() * 100.0).round();
                let reset = move || (limit.reset_seconds as i64 - elapsed()).max(0);
                view! {
                    <div class="rate-meter" data-testid="rate-meter">
                        <div class="rate-label">
                            <span>"Rate limit"</span>
                            <span data-testid="rate-remaining">
                                {match limit.limit {
                                    Some(total) => format!("{} of {total} left", limit.remaining),
                                    None => format!("{} left", limit.remaining),
                                }}
                            </span>
                            <span class="muted">{move || format!("resets in {} s", reset())}</span>
                        </div>
                        <div class="meter" role="meter" aria-label="Requests left in this window" aria-valuemin="0" aria-valuemax="100" aria-valuenow=percent.to_string()>
                            <div class="meter-fill" class:low=percent < 20.0 style:width=format!("{percent}%")></div>
                        </div>
                    </div>
                }
            })}
            {retry.map(|seconds| {
                let left = move || (seconds as i64 - elapsed()).max(0);
                view! {
                    <p class="field-warning" data-testid="retry-after">
                        {move || if left() > 0 { format!("Rate limited: retry in {} s.", left()) } else { "You can retry now.".to_owned() }}
                    </p>
                }
            })}
            {sunset.map(|d| {
                view! {
                    <div class="result-card warning" data-testid="deprecation">
                        <h3>"Deprecated endpoint"</h3>
                        <p>
                            {d.deprecation.map(|v| format!("Deprecation: {v}. "))}
                            {d.sunset.map(|v| format!("Sunset: {v}. "))}
                            {d.successor.map(|v| format!("Use {v} instead."))}
                        </p>
                    </div>
                }
            })}
            {received.problem.clone().map(|problem| {
                // Outside the docs a 404 is most often a mistyped route.
                let undocumented = (op.is_none() && status == 404).then(|| {
                    let path = received.request.url.splitn(4, '/').nth(3).map_or("/".to_owned(), |p| format!("/{p}"));
                    undocumented_route_hint(s.docs, received.request.method, &path)
                });
                let advice = if undocumented.is_some() { None } else { hint(status, &problem.code) };
                view! {
                    <div class="result-card error" role="alert" data-testid="problem">
                        <h3>{if problem.title.is_empty() { reason.clone() } else { problem.title.clone() }}</h3>
                        <p>{rich_text(problem.detail_spans.clone())}</p>
                        <dl class="problem-fields">
                            {(!problem.code.is_empty()).then(|| view! { <dt>"code"</dt> <dd><code>{problem.code.clone()}</code></dd> })}
                            {problem.param.clone().map(|p| view! { <dt>"param"</dt> <dd><code>{p}</code></dd> })}
                        </dl>
                        {undocumented.map(|text| view! { <p class="problem-hint" data-testid="problem-hint">{text}</p> })}
                        {advice.map(|h| {
                            view! {
                                <p class="problem-hint" data-testid="problem-hint">
                                    {rich_text(h.advice_spans)} " "
                                    <a href=h.doc_route>"Read more in Errors"</a>
                                </p>
                            }
                        })}
                    </div>
                }
            })}
            {op.map(|op| view! { <DocsCheck op received=received.clone() /> })}
            <div class="response-actions">
                {cursor.map(|cursor| {
                    view! {
                        <button class="button" data-testid="next-page" on:click=move |_| next_page.run(cursor.clone())>
                            "Next page →"
                        </button>
                    }
                })}
                {idempotency_key.map(|key| {
                    view! {
                        <button class="button" data-testid="resend-same-key" title=format!("Sends the same request with key {key}") on:click=move |_| resend.run(())>
                            "Resend with the same key"
                        </button>
                    }
                })}
            </div>
            <Tabs
                selected=tab
                small=true
                tabs=vec![
                    (0, "Body".into(), "tab-body".into()),
                    (1, "Raw".into(), "tab-raw".into()),
                    (2, format!("Headers ({header_count})"), "tab-headers".into()),
                ]
            />
            {move || match tab.get() {
                0 => body_view(&received).into_any(),
                1 => view! { <RawText text=Arc::new(exchange.body.clone()) /> }.into_any(),
                _ => view! {
                    <table class="headers-table" data-testid="response-headers">
                        <tbody>
                            {exchange.headers.iter().map(|(n, v)| view! { <tr><th>{n.clone()}</th><td><code>{v.clone()}</code></td></tr> }).collect_view()}
                        </tbody>
                    </table>
                }
                .into_any(),
            }}
        </section>
    }
}

fn body_view(received: &Received) -> AnyView {
    match received.json.as_deref() {
        Some(value) => view! { <JsonTree root=Node::from_value(value) /> }.into_any(),
        None if received.exchange.body.is_empty() => {
            view! { <p class="muted" data-testid="empty-body">"No body."</p> }.into_any()
        }
        None => view! { <RawText text=Arc::new(received.exchange.body.clone()) /> }.into_any(),
    }
}

/// Plain text, shown a page at a time.
#[component]
fn RawText(text: Arc<String>) -> impl IntoView {
    let shown = RwSignal::new(RAW_PAGE);
    let total = text.len();
    let visible = {
        let text = text.clone();
        move || {
            let mut end = shown.get().min(total);
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            text[..end].to_owned()
        }
    };
    view! {
        <pre class="raw-body" tabindex="0" data-testid="raw-body">{visible}</pre>
        <Show when=move || { shown.get() < total }>
            <button class="link-button" on:click=move |_| shown.update(|s| *s += RAW_PAGE)>
                {move || format!("Show more ({} of {} shown)", format_size(shown.get().min(total)), format_size(total))}
            </button>
        </Show>
    }
}

/// Text for people with its code spans as `<code>`, never markdown backticks.
fn rich_text(spans: Vec<Span>) -> impl IntoView {
    spans
        .into_iter()
        .map(|span| match span {
            Span::Text(text) => text.into_any(),
            Span::Code(code) => view! { <code>{code}</code> }.into_any(),
        })
        .collect_view()
}
