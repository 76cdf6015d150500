//! Reading form fields in event handlers: one place for the value of the
//! input, textarea or select an event came from.

use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The value of the `<input>`, `<textarea>` or `<select>` that fired `e`
/// (empty for any other target).
pub fn value(e: &Event) -> String {
    let Some(t) = e.target() else {
        return String::new();
    };
    if let Some(i) = t.dyn_ref::<web_sys::HtmlInputElement>() {
        i.value()
    } else if let Some(a) = t.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        a.value()
    } else if let Some(s) = t.dyn_ref::<web_sys::HtmlSelectElement>() {
        s.value()
    } else {
        String::new()
    }
}

/// Keeps a text field's value in `state` as the user types.
pub fn bind(state: &UseStateHandle<String>) -> Callback<InputEvent> {
    let state = state.clone();
    Callback::from(move |e: InputEvent| state.set(value(&e)))
}
