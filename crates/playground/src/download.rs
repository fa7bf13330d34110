//! Saving text the playground made (the OpenAPI document) as a file.

use leptos::prelude::document;
use wasm_bindgen::{JsCast, JsValue};

/// Offers `text` to the browser as a download named `file_name`.
pub fn save(file_name: &str, media_type: &str, text: &str) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(media_type);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let link: web_sys::HtmlAnchorElement =
        document().create_element("a")?.dyn_into().map_err(|_| JsValue::from_str("unexpected element"))?;
    link.set_href(&url);
    link.set_download(file_name);
    link.click();
    web_sys::Url::revoke_object_url(&url)
}
