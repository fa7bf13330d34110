//! Listens to a DOM event for as long as the calling component lives.

use leptos::prelude::on_cleanup;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::EventTarget;

pub fn use_event_listener<E: JsCast + 'static>(
    target: &EventTarget,
    event: &'static str,
    handler: impl Fn(E) + 'static,
) {
    let closure = Closure::<dyn Fn(web_sys::Event)>::new(move |e: web_sys::Event| handler(e.unchecked_into()));
    let _ = target.add_event_listener_with_callback(event, closure.as_ref().unchecked_ref());
    let target = target.clone();
    let closure = send_wrapper::SendWrapper::new(closure);
    on_cleanup(move || {
        let _ = target.remove_event_listener_with_callback(event, closure.as_ref().unchecked_ref());
    });
}
