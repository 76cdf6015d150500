//! Persistent storage: asks the browser (`navigator.storage.persist()`) not
//! to evict this site's storage under disk pressure, and reads what it
//! granted (`persisted()`). Neither is a network request. A browser without
//! a storage manager answers [`Persistence::Unsupported`].

use crate::core::session::Persistence;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

/// The storage manager, when the browser has one.
fn manager() -> Option<web_sys::StorageManager> {
    let nav = web_sys::window()?.navigator();
    let has = js_sys::Reflect::has(&nav, &JsValue::from_str("storage")).unwrap_or(false);
    has.then(|| nav.storage())
}

/// Awaits a promise of a boolean: persisted or not.
async fn answer(promise: Result<js_sys::Promise, JsValue>) -> Persistence {
    let Ok(promise) = promise else {
        return Persistence::Unsupported;
    };
    match JsFuture::from(promise).await.map(|v| v.as_bool()) {
        Ok(Some(true)) => Persistence::Persisted,
        Ok(Some(false)) => Persistence::NotPersisted,
        _ => Persistence::Unsupported,
    }
}

/// What the browser has granted so far (never prompts).
pub async fn persisted() -> Persistence {
    match manager() {
        Some(m) => answer(m.persisted()).await,
        None => Persistence::Unsupported,
    }
}

/// Asks for persistent storage (a browser may ask the user, or decide by
/// itself) and returns what it granted.
pub async fn persist() -> Persistence {
    match manager() {
        Some(m) => answer(m.persist()).await,
        None => Persistence::Unsupported,
    }
}
