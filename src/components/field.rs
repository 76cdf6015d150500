//! Form fields in event handlers: the value an event came with, and a text
//! field bound to a state.

use crate::web::dom::event_value;
use yew::prelude::*;

/// The value of the `<input>`, `<textarea>` or `<select>` that fired `e`
/// (empty for any other target).
pub fn value(e: &Event) -> String {
    event_value(e)
}

/// Keeps a text field's value in `state` as the user types.
pub fn bind(state: &UseStateHandle<String>) -> Callback<InputEvent> {
    let state = state.clone();
    Callback::from(move |e: InputEvent| state.set(value(&e)))
}
