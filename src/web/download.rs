//! Files the user downloads: a Blob URL clicked in place; nothing leaves the browser.

use crate::core::assessment::{Assessment, Millis};
use crate::core::catalog::Catalog;
use crate::core::report::{export_doc, export_file_name, to_json};
use crate::web::clock::{now, today};
use wasm_bindgen::{JsCast, JsValue};

/// Offers `text` as a file named `name` of type `mime`.
pub fn download(name: &str, mime: &str, text: &str) -> Result<(), JsValue> {
    download_parts(name, mime, &js_sys::Array::of1(&JsValue::from_str(text)))
}

/// Offers the Blob parts `parts` (strings, byte arrays) as a file named `name` of type `mime`.
pub fn download_parts(name: &str, mime: &str, parts: &js_sys::Array) -> Result<(), JsValue> {
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(parts, &opts)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let doc = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| JsValue::from_str("no document"))?;
    let a: web_sys::HtmlAnchorElement = doc.create_element("a")?.dyn_into()?;
    a.set_href(&url);
    a.set_download(name);
    a.click();
    // Revoke later: revoking at once can cancel the download in some browsers.
    gloo::timers::callback::Timeout::new(10_000, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    })
    .forget();
    Ok(())
}

/// Downloads the export document of an assessment as JSON, named after the
/// entity, the catalog and today's local date. Returns the export time when
/// the file was handed to the browser.
pub fn export_json(catalog: &Catalog, a: &Assessment) -> Option<Millis> {
    let at = now();
    let text = export_doc(catalog, a, at).and_then(|d| to_json(&d)).ok()?;
    download(
        &export_file_name(&a.name, &catalog.id, &today(), "json"),
        "application/json",
        &text,
    )
    .ok()?;
    Some(at)
}
