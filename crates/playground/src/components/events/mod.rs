//! A live log for the event stream: connect, watch events arrive, and
//! disconnect; reconnecting resumes after the last event id received.

use explorer_core::operation::{Location, Operation};
use explorer_core::sse::Parser;
use leptos::prelude::*;

use crate::client::{self, Exchange, InFlight, SendError};
use crate::form_request::current_request;
use crate::outcome::{Outcome, Received};
use crate::state::{Form, state};

/// Events kept on screen.
const KEEP: usize = 500;

#[derive(Clone, Debug, PartialEq)]
struct Logged {
    id: Option<String>,
    event: String,
    data: String,
}

#[component]
pub fn EventLog(op: &'static Operation, form: Form) -> impl IntoView {
    let s = state();
    let events = RwSignal::new(Vec::<Logged>::new());
    let connected = RwSignal::new(false);
    let note = RwSignal::new(None::<String>);
    let flight = StoredValue::new_local(None::<InFlight>);
    let connect = move |_| {
        if connected.get_untracked() {
            return;
        }
        let inflight = InFlight::new();
        flight.set_value(Some(inflight.clone()));
        connected.set(true);
        note.set(Some("Connecting…".to_owned()));
        leptos::task::spawn_local(async move {
            s.auth.fresh(s.docs).await;
            let request = match untrack(|| current_request(op, form)) {
                Ok(r) => r,
                Err(message) => {
                    note.set(Some(message));
                    connected.set(false);
                    return;
                }
            };
            let started = js_sys::Date::now();
            match client::stream(&request, &inflight).await {
                Err(SendError::Refused(message)) => note.set(Some(message)),
                Err(SendError::Failed(failure)) => {
                    let page = window().location().href().unwrap_or_default();
                    note.set(Some(explorer_core::response::explain(failure, &page, &request.url).detail));
                }
                Ok(stream) if stream.status != 200 => {
                    let (status, headers) = (stream.status, stream.headers.clone());
                    let body = stream.text().await;
                    let exchange = Exchange {
                        status,
                        status_text: String::new(),
                        headers,
                        size: body.len(),
                        body,
                        duration_ms: js_sys::Date::now() - started,
                    };
                    form.outcome.set(Some(Outcome::Response(Box::new(Received::new(request, exchange)))));
                    note.set(Some(format!("The server refused the stream ({status}); see the response below.")));
                }
                Ok(mut stream) => {
                    form.outcome.set(None);
                    note.set(Some(
                        "Connected: waiting for events. Create, update or delete a resource to see one.".to_owned(),
                    ));
                    let mut parser = Parser::default();
                    while let Some(chunk) = stream.next().await {
                        let fresh = parser.push(&chunk);
                        if fresh.is_empty() {
                            continue;
                        }
                        events.update(|list| {
                            for e in fresh {
                                let data = e.readable_data();
                                list.insert(0, Logged { id: e.id, event: e.event, data });
                            }
                            list.truncate(KEEP);
                        });
                        if let Some(id) = parser.last_id.clone() {
                            // Reconnecting resumes after this event.
                            form.set_value(Location::Header, "Last-Event-ID", id);
                        }
                    }
                    note.set(Some("Disconnected.".to_owned()));
                }
            }
            connected.set(false);
        });
    };
    let disconnect = move |_| {
        if let Some(inflight) = flight.get_value() {
            inflight.cancel();
        }
    };
    view! {
        <section class="event-log" data-testid="event-log">
            <div class="event-actions">
                <Show
                    when=move || connected.get()
                    fallback=move || view! { <button class="button-primary" data-testid="connect" on:click=connect>"Connect"</button> }
                >
                    <button class="button" data-testid="disconnect" on:click=disconnect>"Disconnect"</button>
                </Show>
                <span class="muted" data-testid="stream-status">{move || note.get()}</span>
                <button class="link-button" on:click=move |_| events.set(Vec::new())>"Clear"</button>
            </div>
            <ol class="events" data-testid="events">
                <For each=move || events.get() key=|e| (e.id.clone(), e.event.clone(), e.data.len()) let:e>
                    <li class="event">
                        <span class="badge">{e.event.clone()}</span>
                        {e.id.clone().map(|id| view! { <span class="muted">" #" {id}</span> })}
                        <pre class="event-data" tabindex="0">{e.data.clone()}</pre>
                    </li>
                </For>
            </ol>
        </section>
    }
}
