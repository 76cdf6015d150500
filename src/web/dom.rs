//! DOM helpers: form values, scrolling and focus, CSS escaping, committing a
//! field the user is still typing in. The widget lives in a shadow root, so
//! lookups start from an element of the widget, never from `document`.

use wasm_bindgen::JsCast;

/// The value of the `<input>`, `<textarea>` or `<select>` that fired `e`
/// (empty for any other target).
pub fn event_value(e: &web_sys::Event) -> String {
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

/// Escapes an id for use in a CSS `#id` selector.
pub fn css_escape(id: &str) -> String {
    id.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c.to_string()
            } else {
                format!("\\{:x} ", c as u32)
            }
        })
        .collect()
}

/// The closest ancestor of the event's target matching `selector`.
pub fn closest(e: &web_sys::Event, selector: &str) -> Option<web_sys::Element> {
    e.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|el| el.closest(selector).ok().flatten())
}

/// The item of control `id` inside `root` (`#sc-item-{id}`).
pub fn item_element(root: &web_sys::Element, id: &str) -> Option<web_sys::Element> {
    root.query_selector(&format!("#sc-item-{}", css_escape(id)))
        .ok()
        .flatten()
}

/// Scrolls to an item inside `root` and focuses its first answer choice.
pub fn focus_item(root: &web_sys::Element, id: &str) {
    if let Some(el) = item_element(root, id) {
        el.scroll_into_view();
        if let Ok(Some(input)) = el.query_selector("input[type=radio]") {
            if let Ok(h) = input.dyn_into::<web_sys::HtmlElement>() {
                let _ = h.focus();
            }
        }
    }
}

/// Brings `el`'s top back into sight when the page was scrolled past it.
pub fn reveal_top(el: &web_sys::Element) {
    if el.get_bounding_client_rect().top() < 0.0 {
        el.scroll_into_view();
    }
}

/// The height taken by the first `n` elements matching `selector` inside
/// `root` (with whatever lies between them): from the first one's top to the
/// next one's.
pub fn height_of_first(root: &web_sys::Element, selector: &str, n: usize) -> f64 {
    let Ok(items) = root.query_selector_all(selector) else {
        return 0.0;
    };
    let top = |i: u32| {
        items
            .item(i)
            .and_then(|e| e.dyn_into::<web_sys::Element>().ok())
            .map(|e| e.get_bounding_client_rect())
    };
    match (top(0), top(n as u32)) {
        (Some(a), Some(b)) => (b.top() - a.top()).max(0.0),
        _ => 0.0,
    }
}

/// Records a text field the user is still typing in. Notes, reasons and
/// names are committed on `change` (when the field loses focus), which a
/// closing or hidden page never fires: this fires it on the focused field
/// (through open shadow roots), without moving the focus. Radios and other
/// inputs are left alone. Returns whether a field was committed.
pub fn commit_focused_field() -> bool {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return false;
    };
    let mut el = doc.active_element();
    while let Some(inner) = el
        .as_ref()
        .and_then(|e| e.shadow_root())
        .and_then(|r| r.active_element())
    {
        el = Some(inner);
    }
    let Some(el) = el.filter(|e| {
        let tag = e.tag_name().to_ascii_lowercase();
        tag == "textarea" || (tag == "input" && e.get_attribute("type").as_deref() == Some("text"))
    }) else {
        return false;
    };
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    web_sys::Event::new_with_event_init_dict("change", &init)
        .and_then(|ev| el.dispatch_event(&ev))
        .is_ok()
}
