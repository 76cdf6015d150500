//! The session and its persistence: the reducer, started from what the
//! store holds, and the shell that runs its effects (debounced save, delete
//! all, asking for persistent storage) and reports each write back as
//! [`Msg::Saved`] and what the browser granted as [`Msg::Persistence`].

use crate::core::outline::IndexedCatalog;
use crate::core::session::{Effect, Fresh, Msg, SessionState, Shared};
use crate::core::store::StoreStatus;
use crate::state::{RunEffects, State};
use crate::web::clock::now;
use crate::web::dom::commit_focused_field;
use crate::web::ids::new_id;
use crate::web::persist::{persist, persisted};
use crate::web::storage::{BrowserStore, LocalKv, Saver};
use std::cell::RefCell;
use std::rc::{Rc, Weak};
use yew::prelude::*;

/// Runs the session's effects in the browser.
pub struct Shell {
    /// The debounced writer.
    pub saver: RefCell<Saver>,
    on_saved: RefCell<Option<Callback<Msg>>>,
    me: Weak<Shell>,
}

impl Shell {
    fn new(store: BrowserStore) -> Rc<Shell> {
        Rc::new_cyclic(|me| Shell {
            saver: RefCell::new(Saver::new(store)),
            on_saved: RefCell::new(None),
            me: me.clone(),
        })
    }

    /// Writes the pending workspace now, if any, and reports the result.
    pub fn flush(&self) {
        let result = self.saver.borrow_mut().flush(now());
        if let Some((status, merged)) = result {
            let saver = self.saver.borrow();
            let msg = if saver.store.deleted_elsewhere() {
                deleted_elsewhere()
            } else {
                Msg::Saved {
                    status,
                    blocked: saver.store.blocked(),
                    merged,
                }
            };
            drop(saver);
            let cb = self.on_saved.borrow().clone();
            if let Some(cb) = cb {
                cb.emit(msg);
            }
        }
    }

    /// Opens the store again on `kv` (storage the browser has just granted);
    /// `false`, keeping the old store, when that storage cannot be written
    /// either. The next save writes what is on screen there.
    pub fn reopen(&self, kv: LocalKv) -> bool {
        let ns = self.saver.borrow().store.namespace().clone();
        let store = BrowserStore::open(ns, Some(kv));
        let usable = store.status() == StoreStatus::Available;
        if usable {
            self.saver.borrow_mut().store = store;
        }
        usable
    }

    /// Writes now (page hidden or closing), after recording a field still
    /// being typed in: the reducer applies that change in a microtask, so a
    /// second write follows it there.
    pub fn flush_now(&self) {
        if commit_focused_field() {
            let me = self.me.clone();
            wasm_bindgen_futures::spawn_local(async move {
                if let Some(me) = me.upgrade() {
                    me.flush();
                }
            });
        }
        self.flush();
    }
}

impl Shell {
    /// Reads (or, with `ask`, asks for) persistent storage and reports what
    /// the browser granted as [`Msg::Persistence`].
    fn report_persistence(&self, ask: bool) {
        let me = self.me.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let p = if ask {
                persist().await
            } else {
                persisted().await
            };
            let cb = me.upgrade().and_then(|me| me.on_saved.borrow().clone());
            if let Some(cb) = cb {
                cb.emit(Msg::Persistence(p));
            }
        });
    }
}

impl RunEffects for Shell {
    fn run(&self, effect: &Effect, state: &SessionState) {
        match effect {
            Effect::Save => {
                let me = self.me.clone();
                self.saver
                    .borrow_mut()
                    .schedule(state.workspace.clone(), move || {
                        if let Some(me) = me.upgrade() {
                            me.flush();
                        }
                    });
            }
            Effect::ClearStorage => {
                self.saver.borrow_mut().clear_all();
            }
            Effect::Forget => self.saver.borrow_mut().forget(),
            Effect::AskPersist => self.report_persistence(true),
        }
    }
}

/// [`Msg::DeletedElsewhere`] with a fresh id and the current time.
pub fn deleted_elsewhere() -> Msg {
    Msg::DeletedElsewhere {
        fresh: Fresh {
            id: new_id(),
            now: now(),
        },
    }
}

/// The session of `catalog`: the reducer (started from `store`, with the
/// embedding's initial `target`) and its shell.
#[hook]
pub fn use_session(
    catalog: Shared<IndexedCatalog>,
    store: Shared<BrowserStore>,
    target: Option<String>,
) -> (UseReducerHandle<State>, Rc<Shell>) {
    let shell = (*use_memo((), move |_| Shell::new((*store).clone()))).clone();
    // What start asks for runs after the first render, like every later effect.
    let start_effects = use_mut_ref(Vec::new);
    let state = {
        let (shell, start_effects) = (shell.clone(), start_effects.clone());
        use_reducer(move || {
            let mut saver = shell.saver.borrow_mut();
            let loaded = saver.store.load(now());
            let (status, blocked) = (saver.store.status(), saver.store.blocked());
            drop(saver);
            let fresh = Fresh {
                id: new_id(),
                now: now(),
            };
            let (session, effects) =
                SessionState::start(catalog, &loaded, target.as_deref(), status, blocked, fresh);
            *start_effects.borrow_mut() = effects;
            State::new(session, shell)
        })
    };
    {
        let (shell, state) = (shell.clone(), state.clone());
        use_effect_with((), move |_| {
            for e in start_effects.borrow_mut().drain(..) {
                shell.run(&e, &state);
            }
        });
    }
    if shell.on_saved.borrow().is_none() {
        let dispatch = state.dispatcher();
        *shell.on_saved.borrow_mut() = Some(Callback::from(move |m| dispatch.dispatch(m)));
    }
    {
        // What the browser granted so far, shown in the data view.
        let shell = shell.clone();
        use_effect_with((), move |_| shell.report_persistence(false));
    }
    (state, shell)
}
