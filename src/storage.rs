//! The only module that touches `localStorage`.
//!
//! Why not `gloo_storage::LocalStorage`: its accessor panics when storage is
//! unavailable (disabled site data, sandboxed or third-party iframes throw a
//! `SecurityError` on access), which is exactly the case the widget must
//! survive. So this module asks `web_sys` directly and turns every failure
//! into a [`StoreStatus`] the UI explains; the widget then works in memory.
//!
//! Rules:
//! - Keys are `{namespace}:v{schema}:{name}` ([`Namespace`]); values carry
//!   their schema version and are migrated on read ([`decode_stored`]).
//! - A value that cannot be read is copied, raw, to a backup key before
//!   anything else is written, and offered for download.
//! - A value written by a newer build is never overwritten: the widget works
//!   in memory ([`StoreStatus::ReadOnly`]).
//! - Saving is debounced ([`Saver`]) and flushed on `pagehide` /
//!   `visibilitychange`; before writing, a value written meanwhile by another
//!   tab is merged in ([`merge_workspaces`]) so no tab overwrites another's
//!   newer answers.

use crate::core::assessment::{Millis, Workspace};
use crate::core::merge::merge_workspaces;
use crate::core::stored::{decode_stored, encode_stored, Namespace, Stored, StoredError};
use gloo::timers::callback::Timeout;
use wasm_bindgen::JsCast;

/// Delay between the last change and the write, in milliseconds.
pub const SAVE_DELAY_MS: u32 = 250;

/// Whether answers can be kept in this browser.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StoreStatus {
    /// localStorage works.
    Available,
    /// localStorage is missing or access throws (private mode, sandbox, blocked).
    Unavailable,
    /// The last write was refused because the storage quota is exhausted.
    QuotaExceeded,
    /// Storage holds data from a newer version of the widget: left untouched.
    ReadOnly,
}

/// What was found in storage.
#[derive(Debug, Clone, PartialEq)]
pub enum Loaded {
    /// Nothing stored yet (or storage unavailable).
    Empty,
    /// A workspace (migrated to the current schema if it was older).
    Found(Workspace),
    /// A value that could not be read; the raw text is kept under
    /// `backup_key`, or, when no copy could be written, left in place (the
    /// store is then [`StoreStatus::ReadOnly`]).
    Corrupt {
        /// Where the raw value was copied; `None` when the copy failed.
        backup_key: Option<String>,
        /// The raw value, offered for download in any case.
        raw: String,
        /// Why it could not be read.
        error: StoredError,
    },
    /// A value from a newer version of the widget.
    Future(StoredError),
}

/// Handle to the widget's namespace in localStorage.
#[derive(Debug, Clone, PartialEq)]
pub struct Store {
    ns: Namespace,
    status: StoreStatus,
    /// The text last read or written under the workspace key, to notice
    /// writes by other tabs.
    last_text: Option<String>,
    /// Why the store is [`StoreStatus::ReadOnly`] when it is not newer data:
    /// the backup copy of a damaged value failed with this status.
    blocked: Option<StoreStatus>,
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// What a refused write means: the quota is exhausted, or storage is not usable.
fn write_failure(e: &wasm_bindgen::JsValue) -> StoreStatus {
    let quota = e
        .dyn_ref::<web_sys::DomException>()
        .is_some_and(|d| d.name() == "QuotaExceededError" || d.code() == 22);
    if quota {
        StoreStatus::QuotaExceeded
    } else {
        StoreStatus::Unavailable
    }
}

impl Store {
    /// Opens the namespace, probing whether storage can be written.
    pub fn open(ns: Namespace) -> Store {
        let probe_key = ns.key("probe");
        let status = match local_storage() {
            Some(s) => match s.set_item(&probe_key, "1") {
                Ok(()) => {
                    let _ = s.remove_item(&probe_key);
                    StoreStatus::Available
                }
                Err(e) => write_failure(&e),
            },
            None => StoreStatus::Unavailable,
        };
        Store {
            ns,
            status,
            last_text: None,
            blocked: None,
        }
    }

    /// Current status.
    pub fn status(&self) -> StoreStatus {
        self.status
    }

    /// Why answers are not being saved although storage can be read:
    /// `QuotaExceeded` or `Unavailable` when a damaged value could not be
    /// copied (it is then left in place, not overwritten); `None` otherwise.
    pub fn blocked(&self) -> Option<StoreStatus> {
        self.blocked
    }

    /// The namespace.
    pub fn namespace(&self) -> &Namespace {
        &self.ns
    }

    /// Reads the workspace, migrating older schemas.
    pub fn load(&mut self, now: Millis) -> Loaded {
        let Some(s) = local_storage() else {
            return Loaded::Empty;
        };
        for key in self.ns.read_keys() {
            let Ok(Some(raw)) = s.get_item(&key) else {
                continue;
            };
            return match decode_stored(&raw) {
                Ok(stored) => {
                    if key == self.ns.workspace_key() {
                        self.last_text = Some(raw);
                    }
                    Loaded::Found(stored.workspace)
                }
                Err(error @ StoredError::FutureVersion { .. }) => {
                    self.status = StoreStatus::ReadOnly;
                    Loaded::Future(error)
                }
                Err(error) => {
                    let backup_key = self.ns.backup_key(now);
                    let backup_key = match s.set_item(&backup_key, &raw) {
                        // Kept: the next save may replace it without another copy.
                        Ok(()) => {
                            self.last_text = Some(raw.clone());
                            Some(backup_key)
                        }
                        Err(e) => {
                            // Cannot keep a copy: do not overwrite the original either.
                            self.status = StoreStatus::ReadOnly;
                            self.blocked = Some(write_failure(&e));
                            None
                        }
                    };
                    Loaded::Corrupt {
                        backup_key,
                        raw,
                        error,
                    }
                }
            };
        }
        Loaded::Empty
    }

    /// Writes the workspace. If another tab wrote since our last read or
    /// write, its workspace is merged in first; the merged workspace is
    /// returned when it differs from `ws`, so the caller can show it.
    pub fn save(&mut self, ws: &Workspace, now: Millis) -> (StoreStatus, Option<Workspace>) {
        if self.status == StoreStatus::ReadOnly {
            return (self.status, None);
        }
        let Some(s) = local_storage() else {
            self.status = StoreStatus::Unavailable;
            return (self.status, None);
        };
        let key = self.ns.workspace_key();
        let mut to_write = ws.clone();
        let mut merged = None;
        if let Ok(Some(current)) = s.get_item(&key) {
            if self.last_text.as_deref() != Some(current.as_str()) {
                match decode_stored(&current) {
                    Ok(theirs) => {
                        let m = merge_workspaces(ws, &theirs.workspace);
                        if &m != ws {
                            merged = Some(m.clone());
                        }
                        to_write = m;
                    }
                    // Another tab runs a newer build: never downgrade its data.
                    Err(StoredError::FutureVersion { .. }) => {
                        self.status = StoreStatus::ReadOnly;
                        return (self.status, None);
                    }
                    // Written damaged meanwhile: keep a copy before replacing it.
                    Err(_) => {
                        if let Err(e) = s.set_item(&self.ns.backup_key(now), &current) {
                            self.status = StoreStatus::ReadOnly;
                            self.blocked = Some(write_failure(&e));
                            return (self.status, None);
                        }
                    }
                }
            }
        }
        let Ok(text) = encode_stored(&Stored::new(to_write, now)) else {
            return (self.status, merged);
        };
        self.status = match s.set_item(&key, &text) {
            Ok(()) => {
                self.last_text = Some(text);
                StoreStatus::Available
            }
            Err(e) => write_failure(&e),
        };
        (self.status, merged)
    }

    /// Decodes a value another tab wrote under our workspace key (from a
    /// `storage` event); `None` for other keys or unreadable values.
    pub fn remote_workspace(
        &self,
        key: Option<String>,
        value: Option<String>,
    ) -> Option<Workspace> {
        if key.as_deref() != Some(self.ns.workspace_key().as_str()) {
            return None;
        }
        let text = value?;
        let ws = decode_stored(&text).ok()?.workspace;
        Some(ws)
    }

    /// A preference value (e.g. the UI language).
    pub fn pref(&self, name: &str) -> Option<String> {
        local_storage()?
            .get_item(&self.ns.key(&format!("pref-{name}")))
            .ok()
            .flatten()
    }

    /// Stores a preference; failures are ignored (preferences are not answers).
    pub fn set_pref(&self, name: &str, value: &str) {
        if self.status == StoreStatus::Available {
            if let Some(s) = local_storage() {
                let _ = s.set_item(&self.ns.key(&format!("pref-{name}")), value);
            }
        }
    }

    /// Removes every key of this namespace (all versions, backups and
    /// preferences). Returns how many keys were removed.
    pub fn clear_all(&mut self) -> usize {
        let Some(s) = local_storage() else {
            return 0;
        };
        let prefix = format!("{}:", self.ns.as_str());
        let n = s.length().unwrap_or(0);
        let keys: Vec<String> = (0..n)
            .filter_map(|i| s.key(i).ok().flatten())
            .filter(|k| k.starts_with(&prefix))
            .collect();
        for k in &keys {
            let _ = s.remove_item(k);
        }
        self.last_text = None;
        if self.status == StoreStatus::ReadOnly {
            self.status = StoreStatus::Available;
            self.blocked = None;
        }
        keys.len()
    }
}

/// Debounced saving: [`Saver::schedule`] after every change, [`Saver::flush`]
/// when the page is hidden or closed.
pub struct Saver {
    /// The store written to.
    pub store: Store,
    pending: Option<Workspace>,
    timer: Option<Timeout>,
    skip_next: bool,
}

impl Saver {
    /// A saver over `store`.
    pub fn new(store: Store) -> Self {
        Saver {
            store,
            pending: None,
            timer: None,
            skip_next: false,
        }
    }

    /// Remembers `ws` as the value to write and (re)starts the timer; `fire`
    /// is called when the delay has passed (it should call [`Saver::flush`]).
    pub fn schedule(&mut self, ws: Workspace, fire: impl FnOnce() + 'static) {
        if std::mem::take(&mut self.skip_next) {
            return;
        }
        self.pending = Some(ws);
        self.timer = Some(Timeout::new(SAVE_DELAY_MS, fire));
    }

    /// Deletes every key of the namespace and drops any pending write; the
    /// next [`Saver::schedule`] (the reset workspace) is not written either,
    /// so storage stays empty until the user answers again.
    pub fn clear_all(&mut self) -> usize {
        self.pending = None;
        self.timer = None;
        self.skip_next = true;
        self.store.clear_all()
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
