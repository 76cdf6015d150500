//! The browser's `localStorage` behind [`KeyValue`], and debounced saving.
//!
//! Availability is probed once through `web_sys` ([`LocalKv::open`]):
//! disabled site data, sandboxed or third-party iframes throw a
//! `SecurityError` on access, and `gloo-storage`'s accessor panics then, so
//! it is reached only after the probe succeeded. The storage rules
//! (backups, read-only, merge before write, quota) are
//! [`crate::core::store`], tested natively; this file only talks to the
//! browser.

use crate::core::assessment::{Millis, Workspace};
use crate::core::store::{KeyValue, Store, StoreStatus, WriteError};
use gloo::storage::{LocalStorage, Storage};
use gloo::timers::callback::Timeout;
use wasm_bindgen::JsCast;

/// Delay between the last change and the write, in milliseconds.
pub const SAVE_DELAY_MS: u32 = 250;

/// `localStorage`, known to be reachable.
#[derive(Debug, Clone)]
pub struct LocalKv(web_sys::Storage);

/// The widget's store in this browser.
pub type BrowserStore = Store<LocalKv>;

impl LocalKv {
    /// `localStorage` if this page may use it (`None` when access throws or
    /// there is none); gloo's accessor is used only then.
    pub fn open() -> Option<LocalKv> {
        let reachable = web_sys::window()?.local_storage().ok().flatten().is_some();
        reachable.then(|| LocalKv(LocalStorage::raw()))
    }

    /// A storage object given by the browser (a storage-access handle's).
    pub fn from_storage(storage: web_sys::Storage) -> LocalKv {
        LocalKv(storage)
    }
}

/// What a refused write means: the quota is exhausted, or storage is not usable.
fn write_failure(e: &wasm_bindgen::JsValue) -> WriteError {
    let quota = e
        .dyn_ref::<web_sys::DomException>()
        .is_some_and(|d| d.name() == "QuotaExceededError" || d.code() == 22);
    if quota {
        WriteError::Quota
    } else {
        WriteError::Unavailable
    }
}

impl KeyValue for LocalKv {
    fn get(&self, key: &str) -> Option<String> {
        self.0.get_item(key).ok().flatten()
    }
    fn set(&self, key: &str, value: &str) -> Result<(), WriteError> {
        // Values are stored as given (gloo's typed `set` would JSON-quote them).
        self.0.set_item(key, value).map_err(|e| write_failure(&e))
    }
    fn remove(&self, key: &str) {
        // This storage object's, which need not be the window's `localStorage`.
        let _ = self.0.remove_item(key);
    }
    fn keys(&self) -> Vec<String> {
        let n = self.0.length().unwrap_or(0);
        (0..n)
            .filter_map(|i| self.0.key(i).ok().flatten())
            .collect()
    }
}

/// Opens the widget's namespace in this browser's storage.
pub fn open_store(ns: crate::core::stored::Namespace) -> BrowserStore {
    Store::open(ns, LocalKv::open())
}

/// Debounced saving: [`Saver::schedule`] after every change, [`Saver::flush`]
/// when the timer fires or the page is hidden or closed.
pub struct Saver {
    /// The store written to.
    pub store: BrowserStore,
    pending: Option<Workspace>,
    timer: Option<Timeout>,
}

impl Saver {
    /// A saver over `store`.
    pub fn new(store: BrowserStore) -> Self {
        Saver {
            store,
            pending: None,
            timer: None,
        }
    }

    /// Remembers `ws` as the value to write and (re)starts the timer; `fire`
    /// is called when the delay has passed (it should call [`Saver::flush`]).
    pub fn schedule(&mut self, ws: Workspace, fire: impl FnOnce() + 'static) {
        self.pending = Some(ws);
        self.timer = Some(Timeout::new(SAVE_DELAY_MS, fire));
    }

    /// Deletes every key of the namespace and drops any pending write.
    pub fn clear_all(&mut self) -> usize {
        self.pending = None;
        self.timer = None;
        self.store.clear_all()
    }

    /// Drops any pending write and forgets the stored data (deleted by another tab).
    pub fn forget(&mut self) {
        self.pending = None;
        self.timer = None;
        self.store.forget();
    }

    /// Whether a write is waiting.
    pub fn is_pending(&self) -> bool {
        self.pending.is_some()
    }

    /// Writes the pending value now, if any. Returns the status and a merged
    /// workspace when another tab's answers were merged in.
    pub fn flush(&mut self, now: Millis) -> Option<(StoreStatus, Option<Workspace>)> {
        self.timer = None;
        let ws = self.pending.take()?;
        Some(self.store.save(&ws, now))
    }
}
