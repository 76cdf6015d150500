//! The page's window listeners: write before the page is hidden or closed,
//! merge what another tab wrote, and know when the page prints.

use crate::core::session::Msg;
use crate::core::store::StoreStatus;
use crate::hooks::persistence::{deleted_elsewhere, Shell};
use gloo::events::EventListener;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Flushes on `pagehide` and when the page is hidden, asks before leaving
/// only if answers could not be kept (`beforeunload`), and turns another
/// tab's write (`storage`) into [`Msg::Merge`], its "delete all" into
/// [`Msg::DeletedElsewhere`].
#[hook]
pub fn use_page_listeners(shell: Rc<Shell>, on_msg: Callback<Msg>) {
    use_effect_with((), move |_| {
        let mut listeners: Vec<EventListener> = Vec::new();
        if let Some(w) = web_sys::window() {
            let s = shell.clone();
            listeners.push(EventListener::new(&w, "pagehide", move |_| s.flush_now()));
            if let Some(doc) = w.document() {
                let (s, d) = (shell.clone(), doc.clone());
                listeners.push(EventListener::new(&doc, "visibilitychange", move |_| {
                    if d.visibility_state() == web_sys::VisibilityState::Hidden {
                        s.flush_now()
                    }
                }));
            }
            let s = shell.clone();
            listeners.push(EventListener::new(&w, "storage", move |e| {
                let Some(e) = e.dyn_ref::<web_sys::StorageEvent>() else {
                    return;
                };
                let (key, value) = (e.key(), e.new_value());
                let (deleted, remote) = {
                    let saver = s.saver.borrow();
                    (
                        saver.store.remote_deleted(key.as_deref(), value.as_deref()),
                        saver
                            .store
                            .remote_workspace(key.as_deref(), value.as_deref()),
                    )
                };
                if deleted {
                    on_msg.emit(deleted_elsewhere());
                } else if let Some(ws) = remote {
                    on_msg.emit(Msg::Merge(ws));
                }
            }));
            let s = shell.clone();
            listeners.push(EventListener::new(&w, "beforeunload", move |e| {
                // Write now (a field still being typed in included); ask
                // before leaving only if the answers could not be kept.
                s.flush_now();
                let saver = s.saver.borrow();
                if saver.is_pending() || saver.store.status() != StoreStatus::Available {
                    if let Some(e) = e.dyn_ref::<web_sys::BeforeUnloadEvent>() {
                        e.prevent_default();
                        e.set_return_value("unsaved");
                    }
                }
            }));
        }
        move || drop(listeners)
    });
}

/// Whether the page is printing (between `beforeprint` and `afterprint`).
#[hook]
pub fn use_printing() -> bool {
    let printing = use_state(|| false);
    {
        let printing = printing.clone();
        use_effect_with((), move |_| {
            let mut listeners = Vec::new();
            if let Some(w) = web_sys::window() {
                for (event, on) in [("beforeprint", true), ("afterprint", false)] {
                    let printing = printing.clone();
                    listeners.push(EventListener::new(&w, event, move |_| printing.set(on)));
                }
            }
            move || drop(listeners)
        });
    }
    *printing
}
