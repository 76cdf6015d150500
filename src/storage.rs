//! The only module that touches `localStorage`.
//!
//! Why not `gloo_storage::LocalStorage`: its accessor panics when storage is
//! unavailable (disabled cookies, sandboxed or third-party iframes throw a
//! `SecurityError` on access), which is exactly the case the widget must
//! survive. So this module asks `web_sys` directly and turns every failure
//! into a [`StoreStatus`] the UI can explain; the widget then works in memory.

use crate::core::assessment::Workspace;

/// Whether answers can be kept in this browser.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StoreStatus {
    /// localStorage works.
    Available,
    /// localStorage is missing or access throws (private mode, sandbox, blocked).
    Unavailable,
    /// The last write was refused because the quota is exhausted.
    QuotaExceeded,
}

/// What was found under the workspace key.
#[derive(Debug, Clone, PartialEq)]
pub enum Loaded {
    /// Nothing stored yet (or storage unavailable).
    Empty,
    /// A workspace.
    Found(Workspace),
    /// A value that could not be read; the raw text is kept under the backup key.
    Corrupt {
        /// The raw stored text.
        raw: String,
        /// Why it could not be read.
        reason: String,
    },
}

/// Handle to the widget's namespace in localStorage.
#[derive(Debug, Clone, PartialEq)]
pub struct Store {
    namespace: String,
    status: StoreStatus,
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

impl Store {
    /// Opens the namespace, probing whether storage can be written.
    pub fn open(namespace: &str) -> Store {
        let probe_key = format!("{namespace}:probe");
        let status = match local_storage() {
            Some(s) => match s.set_item(&probe_key, "1") {
                Ok(()) => {
                    let _ = s.remove_item(&probe_key);
                    StoreStatus::Available
                }
                Err(_) => StoreStatus::Unavailable,
            },
            None => StoreStatus::Unavailable,
        };
        Store {
            namespace: namespace.to_string(),
            status,
        }
    }

    /// Current status.
    pub fn status(&self) -> StoreStatus {
        self.status
    }

    /// The full key for `name` in this namespace (`ns:v2:name`).
    pub fn key(&self, name: &str) -> String {
        format!("{}:v2:{name}", self.namespace)
    }

    /// Reads the workspace.
    pub fn load(&self) -> Loaded {
        let Some(s) = local_storage() else {
            return Loaded::Empty;
        };
        match s.get_item(&self.key("workspace")) {
            Ok(Some(raw)) => match serde_json::from_str::<Workspace>(&raw) {
                Ok(ws) => Loaded::Found(ws),
                Err(e) => {
                    let _ = s.set_item(&self.key("backup"), &raw);
                    Loaded::Corrupt {
                        raw,
                        reason: e.to_string(),
                    }
                }
            },
            _ => Loaded::Empty,
        }
    }

    /// Writes the workspace; updates and returns the status.
    pub fn save(&mut self, ws: &Workspace) -> StoreStatus {
        let Some(s) = local_storage() else {
            self.status = StoreStatus::Unavailable;
            return self.status;
        };
        let Ok(text) = serde_json::to_string(ws) else {
            return self.status;
        };
        self.status = match s.set_item(&self.key("workspace"), &text) {
            Ok(()) => StoreStatus::Available,
            Err(_) if self.status == StoreStatus::Unavailable => StoreStatus::Unavailable,
            Err(_) => StoreStatus::QuotaExceeded,
        };
        self.status
    }
}
