//! The Storage Access API: a widget in a frame of another site may find its
//! storage blocked (third-party storage blocked by the browser or the user).
//! Where the browser offers `document.requestStorageAccess`, the widget can
//! ask for access on a click (the browser requires that user gesture); a
//! grant gives storage back either as the handle's `localStorage` (Chromium,
//! which asks for it by type) or as the frame's own `localStorage` (browsers
//! that grant access to the frame as a whole). Reached through `js_sys`
//! reflection: no web-sys feature exists for the handle.

use crate::web::storage::LocalKv;
use js_sys::{Function, Object, Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};

/// What asking for storage access came to.
#[derive(Debug, Clone)]
pub enum Granted {
    /// The browser granted access and storage can be used now.
    Usable(LocalKv),
    /// The browser granted access, but storage still cannot be used.
    Unusable,
    /// The browser refused (or the user did).
    Refused,
}

/// `document.requestStorageAccess`, when this page is a frame in another
/// page and the browser has the function (otherwise asking cannot help).
fn request_fn() -> Option<(web_sys::Document, Function)> {
    let window = web_sys::window()?;
    let framed = window
        .parent()
        .ok()
        .flatten()
        .is_some_and(|p| !js_sys::Object::is(&p, &window));
    if !framed {
        return None;
    }
    let doc = window.document()?;
    let f = Reflect::get(&doc, &JsValue::from_str("requestStorageAccess")).ok()?;
    Some((doc, f.dyn_into::<Function>().ok()?))
}

/// Whether the widget can ask the browser for storage access here.
pub fn offered() -> bool {
    request_fn().is_some()
}

/// Asks the browser for storage access (call it from a click handler: the
/// browser refuses without a user gesture) and says what came of it.
pub async fn request() -> Granted {
    let Some((doc, f)) = request_fn() else {
        return Granted::Refused;
    };
    let types = Object::new();
    let _ = Reflect::set(&types, &JsValue::from_str("localStorage"), &JsValue::TRUE);
    let Ok(promise) = f.call1(&doc, &types).and_then(|p| p.dyn_into::<Promise>()) else {
        return Granted::Refused;
    };
    let Ok(handle) = wasm_bindgen_futures::JsFuture::from(promise).await else {
        return Granted::Refused;
    };
    // Chromium: the handle holds the storage asked for; elsewhere the frame's own.
    let from_handle = Reflect::get(&handle, &JsValue::from_str("localStorage"))
        .ok()
        .and_then(|s| s.dyn_into::<web_sys::Storage>().ok())
        .map(LocalKv::from_storage);
    match from_handle.or_else(LocalKv::open) {
        Some(kv) => Granted::Usable(kv),
        None => Granted::Unusable,
    }
}
