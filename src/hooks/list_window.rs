//! The rendered window of a long list ([`crate::paging::Win`]) as a hook:
//! the first chunk at once, more as the user scrolls near the end (an
//! `IntersectionObserver` on a sentinel after the last item) or asks, and
//! earlier chunks back on request. Items dropped from the top leave a spacer
//! of their height, so the page does not jump.

use crate::paging::Win;
use crate::web::dom::height_of_first;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Selector of one rendered item (their heights make the spacer).
const ITEM: &str = ".sc-item";

/// The list window of a view.
#[derive(Clone)]
pub struct ListWindow {
    /// The view's root element (items are measured inside it).
    pub root: NodeRef,
    /// The sentinel after the last rendered item.
    pub sentinel: NodeRef,
    limit: Rc<RefCell<Win>>,
    total: Rc<RefCell<usize>>,
    dropped: Rc<RefCell<Vec<f64>>>,
    rerender: UseForceUpdateHandle,
}

impl ListWindow {
    /// The positions shown now.
    pub fn win(&self) -> Win {
        *self.limit.borrow()
    }

    /// Tells the window how many items pass the filter (it never grows past them).
    pub fn set_total(&self, n: usize) {
        *self.total.borrow_mut() = n;
    }

    /// Height of the items dropped from the top, in px.
    pub fn spacer(&self) -> f64 {
        self.dropped.borrow().iter().sum()
    }

    /// Starts again at the top (a new filter).
    pub fn reset(&self) {
        *self.limit.borrow_mut() = Win::first();
        self.dropped.borrow_mut().clear();
    }

    /// Makes position `pos` part of the window (a jump to an item).
    pub fn show(&self, pos: usize) {
        let mut l = self.limit.borrow_mut();
        if !l.contains(pos) {
            *l = Win::around(pos);
            drop(l);
            self.rerender.force_update();
        }
    }

    /// Moves the window one chunk down; items dropped from the top are
    /// measured now, before they go, for the spacer.
    fn advance(&self) {
        let mut l = self.limit.borrow_mut();
        let before = l.start;
        l.grow_down();
        let gone = l.start - before;
        if gone > 0 {
            let h = self
                .root
                .cast::<web_sys::Element>()
                .map_or(0.0, |r| height_of_first(&r, ITEM, gone));
            self.dropped.borrow_mut().push(h);
        }
    }

    /// Moves the window one chunk up, giving back that chunk's spacer height.
    fn retreat(&self) {
        let mut l = self.limit.borrow_mut();
        let before = l.start;
        l.grow_up();
        if l.start < before {
            self.dropped.borrow_mut().pop();
        }
    }

    /// "Show more" (`down`) or "show earlier".
    pub fn on_step(&self, down: bool) -> Callback<MouseEvent> {
        let me = self.clone();
        Callback::from(move |_: MouseEvent| {
            if down {
                me.advance();
            } else {
                me.retreat();
            }
            me.rerender.force_update();
        })
    }
}

/// The window of a list, reset whenever `filter` changes.
#[hook]
pub fn use_list_window<F: PartialEq + Clone + 'static>(filter: F) -> ListWindow {
    let w = ListWindow {
        root: use_node_ref(),
        sentinel: use_node_ref(),
        limit: use_mut_ref(Win::first),
        total: use_mut_ref(|| 0usize),
        dropped: use_mut_ref(Vec::<f64>::new),
        rerender: use_force_update(),
    };
    {
        let w = w.clone();
        use_effect_with(filter, move |_| w.reset());
    }
    let observer = use_mut_ref(|| None::<More>);
    {
        let w = w.clone();
        use_effect_with(w.win(), move |_| {
            let mut slot = observer.borrow_mut();
            if slot.is_none() {
                *slot = More::new(w.clone());
            }
            if let Some(more) = slot.as_ref() {
                // Observe afresh: a sentinel still in view after a chunk was
                // added reports again, so chunks keep coming until it is not.
                // Only the end grows by itself; earlier items come back on
                // request ("show earlier"), so the window cannot oscillate.
                if let Some(el) = w.sentinel.cast::<web_sys::Element>() {
                    more.observer.unobserve(&el);
                    more.observer.observe(&el);
                }
            }
        });
    }
    w
}

/// Watches the sentinel and adds a chunk when it comes within 1,500 px of
/// the viewport.
struct More {
    observer: web_sys::IntersectionObserver,
    _callback: wasm_bindgen::closure::Closure<dyn FnMut(js_sys::Array)>,
}

impl More {
    fn new(w: ListWindow) -> Option<More> {
        let callback = wasm_bindgen::closure::Closure::<dyn FnMut(js_sys::Array)>::new(
            move |entries: js_sys::Array| {
                let visible = entries.iter().any(|e| {
                    e.dyn_into::<web_sys::IntersectionObserverEntry>()
                        .is_ok_and(|e| e.is_intersecting())
                });
                let more = w.win().end < *w.total.borrow();
                if visible && more {
                    w.advance();
                    w.rerender.force_update();
                }
            },
        );
        let init = web_sys::IntersectionObserverInit::new();
        init.set_root_margin("1500px 0px");
        let observer = web_sys::IntersectionObserver::new_with_options(
            callback.as_ref().unchecked_ref(),
            &init,
        )
        .ok()?;
        Some(More {
            observer,
            _callback: callback,
        })
    }
}

impl Drop for More {
    fn drop(&mut self) {
        // No callback may reach the closure once it is dropped with the view.
        self.observer.disconnect();
    }
}
