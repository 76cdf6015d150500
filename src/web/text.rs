//! Text the browser already knows how to handle: Unicode lower case (the
//! search folds with it; see `core::filter::Lower`), so the widget's wasm
//! carries no case table of its own.

/// `s` in lower case, by the browser's `String.prototype.toLowerCase`.
pub fn lower(s: &str) -> String {
    js_sys::JsString::from(s).to_lower_case().into()
}
