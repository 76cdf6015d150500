//! Fetching the widget's own files (catalogs, the catalog list): same-origin
//! or CORS-allowed GETs, nothing else.

use crate::core::source::LoadError;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Fetches a text file; a failed request or an error status is a [`LoadError`].
pub async fn fetch_text(url: &str) -> Result<String, LoadError> {
    let fetch_err = |detail: String| LoadError::Fetch {
        url: url.to_string(),
        detail,
    };
    let window = web_sys::window().ok_or_else(|| fetch_err("no window".into()))?;
    let resp = JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(|e| fetch_err(js_error_text(&e)))?;
    let resp: web_sys::Response = resp
        .dyn_into()
        .map_err(|_| fetch_err("not a response".into()))?;
    if !resp.ok() {
        return Err(LoadError::Http {
            url: url.to_string(),
            status: resp.status(),
        });
    }
    let text = resp.text().map_err(|e| fetch_err(js_error_text(&e)))?;
    JsFuture::from(text)
        .await
        .map_err(|e| fetch_err(js_error_text(&e)))?
        .as_string()
        .ok_or_else(|| fetch_err("not text".into()))
}

/// The origin `url` resolves to against the page, and the page's own origin
/// (the browser's URL parser decides, so `//host`, `/\host` and the like
/// resolve as they would be fetched). `None` without a window or for a URL
/// the browser cannot parse.
pub fn origins(url: &str) -> Option<(String, String)> {
    let location = web_sys::window()?.location();
    let href = location.href().ok()?;
    let page = location.origin().ok()?;
    let resolved = web_sys::Url::new_with_base(url, &href).ok()?;
    Some((resolved.origin(), page))
}

/// A JavaScript error (or thrown value) as text.
pub fn js_error_text(e: &wasm_bindgen::JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "unknown error".to_string())
}
