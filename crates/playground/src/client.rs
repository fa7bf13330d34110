//! The one HTTP client: every request of the playground goes through
//! `send` (or `stream` for server-sent events), built with gloo-net's
//! `RequestBuilder`. It sends exactly the `HttpRequest` the snippets are
//! written from, can be cancelled with an AbortController, gives up after a
//! timeout, and turns browser failures into `Failure`s that
//! `explorer_core::response::explain` can word.

use std::cell::Cell;
use std::rc::Rc;

use explorer_core::operation::Method;
use explorer_core::request::HttpRequest;
use explorer_core::response::Failure;
use gloo_net::http::{Headers, RequestBuilder, Response};
use js_sys::{Reflect, Uint8Array};
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, ReadableStreamDefaultReader, RequestMode, RequestRedirect, ResponseType};

/// Seconds before a request is abandoned.
pub const TIMEOUT_SECONDS: u32 = 30;

/// A response, read whole.
#[derive(Clone, Debug, PartialEq)]
pub struct Exchange {
    pub status: u16,
    pub status_text: String,
    pub headers: Vec<(String, String)>,
    pub body: String,
    /// Milliseconds from sending to the last byte.
    pub duration_ms: f64,
    /// Bytes of the body as received (after any content decoding).
    pub size: usize,
}

impl Exchange {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

/// Why a request produced no response.
#[derive(Clone, Debug, PartialEq)]
pub enum SendError {
    /// The browser refused the request before sending (e.g. a header value).
    Refused(String),
    Failed(Failure),
}

/// A request in flight, which `cancel` stops.
#[derive(Clone)]
pub struct InFlight {
    controller: AbortController,
    timed_out: Rc<Cell<bool>>,
}

impl InFlight {
    pub fn new() -> Self {
        Self {
            controller: AbortController::new().expect("AbortController exists"),
            timed_out: Rc::new(Cell::new(false)),
        }
    }

    pub fn cancel(&self) {
        self.controller.abort();
    }
}

fn now_ms() -> f64 {
    window().performance().map_or(0.0, |p| p.now())
}

fn message_of(error: &JsValue) -> String {
    Reflect::get(error, &"message".into()).ok().and_then(|m| m.as_string()).unwrap_or_else(|| format!("{error:?}"))
}

fn method(method: Method) -> gloo_net::http::Method {
    use gloo_net::http::Method as M;
    match method {
        Method::Get => M::GET,
        Method::Post => M::POST,
        Method::Put => M::PUT,
        Method::Patch => M::PATCH,
        Method::Delete => M::DELETE,
    }
}

/// The request as the browser will send it: method, headers and body
/// exactly as given, CORS mode, and no redirect followed with a credential.
fn builder(request: &HttpRequest, flight: &InFlight) -> Result<RequestBuilder, SendError> {
    // Appended here rather than with gloo's `header`, which throws (ending
    // the module) on a value the browser refuses; this says which header.
    let headers = web_sys::Headers::new().map_err(|e| SendError::Refused(message_of(&e)))?;
    for (name, value) in &request.headers {
        headers.append(name, value).map_err(|e| {
            SendError::Refused(format!("the browser will not send the header {name}: {}", message_of(&e)))
        })?;
    }
    // gloo-net passes the URL through the browser's URL parser, as fetch
    // does anyway, so the same bytes go out; the one exception is an empty
    // query: `https://host/path?` is sent without its `?`.
    let builder = RequestBuilder::new(&request.url)
        .method(method(request.method))
        .headers(Headers::from_raw(headers))
        .mode(RequestMode::Cors)
        .abort_signal(Some(&flight.controller.signal()));
    // A redirect would carry X-API-Key (fetch drops only Authorization) to
    // an origin the user never confirmed: with a credential, none is followed.
    Ok(if request.carries_credential() { builder.redirect(RequestRedirect::Manual) } else { builder })
}

/// Starts the fetch; resolves when the response head arrives.
async fn start(request: &HttpRequest, flight: &InFlight, timeout: u32) -> Result<Response, SendError> {
    let builder = builder(request, flight)?;
    let timed_out = flight.timed_out.clone();
    let controller = flight.controller.clone();
    let timer = set_timeout_with_handle(
        move || {
            timed_out.set(true);
            controller.abort();
        },
        std::time::Duration::from_secs(u64::from(timeout)),
    )
    .ok();
    // What the browser refuses while building the request (a body on a GET,
    // a URL it cannot parse) is the TypeError fetch itself rejects with, so
    // both are classified alike.
    let built = match &request.body {
        Some(body) => builder.body(JsValue::from_str(body)),
        None => builder.build(),
    };
    let result = match built {
        Ok(built) => built.send().await,
        Err(error) => Err(error),
    };
    if result.is_err()
        && let Some(timer) = timer
    {
        timer.clear();
    }
    match result {
        Ok(response) => {
            if response.type_() == ResponseType::Opaqueredirect {
                return Err(SendError::Refused(
                    "The server answered with a redirect, which was not followed: your credential stays with the origin it was obtained for. Send the request to the new address yourself.".to_owned(),
                ));
            }
            Ok(response)
        }
        Err(error) => Err(classify(&error, flight, timeout, &request.url).await),
    }
}

async fn classify(error: &gloo_net::Error, flight: &InFlight, timeout: u32, url: &str) -> SendError {
    if matches!(error, gloo_net::Error::JsError(e) if e.name == "AbortError") {
        return SendError::Failed(if flight.timed_out.get() {
            Failure::Timeout { seconds: timeout }
        } else {
            Failure::Cancelled
        });
    }
    SendError::Failed(Failure::Network { reachable: Some(probe(url).await) })
}

/// Whether anything answers at `url` when CORS is not asked for: if so, the
/// failed request was refused by CORS rather than unreachable.
async fn probe(url: &str) -> bool {
    RequestBuilder::new(url).mode(RequestMode::NoCors).send().await.is_ok()
}

fn read_headers(response: &Response) -> Vec<(String, String)> {
    response.headers().entries().collect()
}

/// Sends `request` and reads the whole response.
pub async fn send(request: &HttpRequest, flight: &InFlight) -> Result<Exchange, SendError> {
    let started = now_ms();
    let response = start(request, flight, TIMEOUT_SECONDS).await?;
    let headers = read_headers(&response);
    let bytes = match response.binary().await {
        Ok(bytes) => bytes,
        Err(error) => return Err(classify(&error, flight, TIMEOUT_SECONDS, &request.url).await),
    };
    Ok(Exchange {
        status: response.status(),
        status_text: response.status_text(),
        headers,
        size: bytes.len(),
        body: String::from_utf8_lossy(&bytes).into_owned(),
        duration_ms: now_ms() - started,
    })
}

/// The head of a streaming response, and its body as it arrives.
pub struct Stream {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    /// gloo-net reads a body only whole (`text`, `binary`); its `Response`
    /// hands out the body as web-sys's `ReadableStream`, so the chunks of an
    /// endless event stream are read with web-sys's reader.
    reader: Option<ReadableStreamDefaultReader>,
    response: Response,
}

impl Stream {
    /// The next chunk; `None` when the stream ends.
    pub async fn next(&mut self) -> Option<Vec<u8>> {
        let reader = self.reader.as_ref()?;
        let result = JsFuture::from(reader.read()).await.ok()?;
        let done = Reflect::get(&result, &"done".into()).ok().and_then(|d| d.as_bool()).unwrap_or(true);
        if done {
            return None;
        }
        let value = Reflect::get(&result, &"value".into()).ok()?;
        Some(value.unchecked_into::<Uint8Array>().to_vec())
    }

    /// The whole body, for a stream that answered with an error instead.
    pub async fn text(self) -> String {
        self.response.text().await.unwrap_or_default()
    }
}

/// Opens a streaming request (no timeout: it lasts until cancelled).
pub async fn stream(request: &HttpRequest, flight: &InFlight) -> Result<Stream, SendError> {
    // A day: the timer only guards a connection that never answers at all.
    let response = start(request, flight, 86_400).await?;
    let headers = read_headers(&response);
    let reader = if response.ok() {
        response.body().map(|body| body.get_reader().unchecked_into::<ReadableStreamDefaultReader>())
    } else {
        None
    };
    Ok(Stream { status: response.status(), headers, reader, response })
}
