//! The static first screen and the app taking it over.
//!
//! The build (`scripts/first-screen.mjs`) writes the app's own first render
//! (header and first items of the default catalog) into `index.html`, as a
//! declarative shadow root of `#selfcheck`, marked `data-sc-static`. Its
//! radios are plain HTML radios, so an item can be answered before the wasm
//! has arrived (`www/first-screen.js` keeps the rest of that markup honest
//! while it waits). The app renders meanwhile into a root not yet in the
//! page. When it has rendered the loaded catalog it takes over: it reads the
//! answers checked on the static screen and the element that had the focus,
//! removes the static markup and puts its own root in its place,
//! then applies those answers as ordinary messages (so they are saved) and
//! puts the focus back on the same element.

use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlInputElement, ShadowRoot};

/// The attribute that marks the build's static markup.
pub const STATIC_ATTR: &str = "data-sc-static";

/// Whether `shadow` holds the build's static markup.
pub fn present(shadow: &ShadowRoot) -> bool {
    shadow
        .query_selector(&format!("[{STATIC_ATTR}]"))
        .ok()
        .flatten()
        .is_some()
}

/// A static first screen waiting for the app, which renders meanwhile into
/// its own root, not yet in the page (so the page never holds two copies of
/// a control). Clones share the one takeover.
#[derive(Clone)]
pub struct FirstScreen {
    shadow: ShadowRoot,
    app_root: Element,
    done: Rc<Cell<bool>>,
}

impl PartialEq for FirstScreen {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.done, &other.done)
    }
}

impl std::fmt::Debug for FirstScreen {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FirstScreen")
            .field("done", &self.done.get())
            .finish()
    }
}

/// What the user did on the static screen before the app took over.
#[derive(Debug, Default, PartialEq)]
pub struct Early {
    /// `(control id, option id)` of every radio checked, in page order.
    pub answers: Vec<(String, String)>,
    /// The id of the element that had the focus, if any.
    pub focused: Option<String>,
}

impl FirstScreen {
    /// The static screen in `shadow`; the app renders into `app_root`
    /// (detached until [`FirstScreen::take_over`]).
    pub fn new(shadow: ShadowRoot, app_root: Element) -> Self {
        FirstScreen {
            shadow,
            app_root,
            done: Rc::new(Cell::new(false)),
        }
    }

    /// Reads what the user did, removes the static markup and puts the
    /// app's root in its place. Only the first call does anything (`None`
    /// afterwards).
    pub fn take_over(&self) -> Option<Early> {
        if self.done.replace(true) {
            return None;
        }
        let mut early = Early {
            focused: self
                .shadow
                .active_element()
                .map(|e| e.id())
                .filter(|id| !id.is_empty()),
            ..Early::default()
        };
        if let Ok(list) = self
            .shadow
            .query_selector_all(&format!("[{STATIC_ATTR}] input[type=radio]:checked"))
        {
            for i in 0..list.length() {
                let Some(input) = list
                    .item(i)
                    .and_then(|n| n.dyn_into::<HtmlInputElement>().ok())
                else {
                    continue;
                };
                if let Some(control) = input.name().strip_prefix("ans-") {
                    early.answers.push((control.to_string(), input.value()));
                }
            }
        }
        if let Ok(list) = self.shadow.query_selector_all(&format!("[{STATIC_ATTR}]")) {
            for i in 0..list.length() {
                if let Some(el) = list.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                    el.remove();
                }
            }
        }
        let _ = self.shadow.append_child(&self.app_root);
        Some(early)
    }

    /// Focuses the app's element of id `id` (the one focused on the static
    /// screen), without scrolling: it sits where the static one was.
    pub fn focus(&self, id: &str) {
        let el = self
            .shadow
            .get_element_by_id(id)
            .and_then(|e| e.dyn_into::<HtmlElement>().ok());
        if let Some(el) = el {
            let _ = el.focus();
        }
    }
}
