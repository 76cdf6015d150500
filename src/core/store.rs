//! The storage rules, over any key-value store.
//!
//! [`KeyValue`] is the seam: the browser's `localStorage` implements it in
//! `web::storage`, [`Memory`] here, so every rule below runs in native tests.
//!
//! Rules:
//! - Keys are `{namespace}:v{schema}:{name}` ([`Namespace`]); values carry
//!   their schema version and are migrated on read ([`decode_stored`]).
//! - A value that cannot be read is copied, raw, to a backup key before
//!   anything else is written, and offered for download; one copy per value
//!   (an identical backup is reused, and the first save replaces the value
//!   without copying it again). When no copy can be
//!   written the original is left in place and nothing is written
//!   ([`StoreStatus::ReadOnly`], with the reason in [`Store::blocked`]).
//! - A value written by a newer build is never overwritten: the widget works
//!   in memory ([`StoreStatus::ReadOnly`]).
//! - Before writing, a value written meanwhile by another tab is merged in
//!   ([`merge_workspaces`]) so no tab overwrites another's newer answers.
//! - A refused write is [`StoreStatus::QuotaExceeded`] when the quota is
//!   exhausted, else [`StoreStatus::Unavailable`]; the next write tries again.
//! - Deleted data is not written back: when the workspace key this store
//!   last read or wrote is gone, another tab deleted everything (only
//!   "delete all" removes it), so the write is dropped and reported
//!   ([`Store::deleted_elsewhere`]) instead of resurrecting the deleted
//!   answers; a `storage` event of that deletion says the same
//!   ([`Store::remote_deleted`]).

use crate::core::assessment::{Millis, Workspace};
use crate::core::merge::merge_workspaces;
use crate::core::stored::{decode_stored, encode_stored, Namespace, Stored, StoredError};
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

/// Why a write was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WriteError {
    /// The storage quota is exhausted.
    Quota,
    /// Storage refused for another reason (blocked, gone).
    Unavailable,
}

/// A string key-value store (`localStorage`, or memory in tests).
pub trait KeyValue {
    /// The value under `key`.
    fn get(&self, key: &str) -> Option<String>;
    /// Writes `value` under `key`.
    fn set(&self, key: &str, value: &str) -> Result<(), WriteError>;
    /// Deletes `key` (nothing when absent).
    fn remove(&self, key: &str);
    /// Every key.
    fn keys(&self) -> Vec<String>;
}

/// An in-memory [`KeyValue`]; clones share the same map (two "tabs" of one
/// browser). `quota` limits the total length of keys and values.
#[derive(Debug, Clone, Default)]
pub struct Memory {
    map: Rc<RefCell<BTreeMap<String, String>>>,
    quota: Rc<RefCell<Option<usize>>>,
}

impl Memory {
    /// An empty store without a quota.
    pub fn new() -> Self {
        Self::default()
    }

    /// Limits the total size of keys and values to `bytes` (`None`: no limit).
    pub fn set_quota(&self, bytes: Option<usize>) {
        *self.quota.borrow_mut() = bytes;
    }

    fn used_without(&self, key: &str) -> usize {
        self.map
            .borrow()
            .iter()
            .filter(|(k, _)| k.as_str() != key)
            .map(|(k, v)| k.len() + v.len())
            .sum()
    }
}

impl KeyValue for Memory {
    fn get(&self, key: &str) -> Option<String> {
        self.map.borrow().get(key).cloned()
    }
    fn set(&self, key: &str, value: &str) -> Result<(), WriteError> {
        if let Some(q) = *self.quota.borrow() {
            if self.used_without(key) + key.len() + value.len() > q {
                return Err(WriteError::Quota);
            }
        }
        self.map.borrow_mut().insert(key.into(), value.into());
        Ok(())
    }
    fn remove(&self, key: &str) {
        self.map.borrow_mut().remove(key);
    }
    fn keys(&self) -> Vec<String> {
        self.map.borrow().keys().cloned().collect()
    }
}

/// Whether answers can be kept in this browser.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StoreStatus {
    /// Storage works.
    Available,
    /// Storage is missing or access throws (private mode, sandbox, blocked).
    Unavailable,
    /// The last write was refused because the storage quota is exhausted.
    QuotaExceeded,
    /// Storage holds data from a newer version, or a damaged value that
    /// could not be backed up: left untouched.
    ReadOnly,
}

impl From<WriteError> for StoreStatus {
    fn from(e: WriteError) -> Self {
        match e {
            WriteError::Quota => StoreStatus::QuotaExceeded,
            WriteError::Unavailable => StoreStatus::Unavailable,
        }
    }
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

/// The widget's namespace in a key-value store.
#[derive(Debug, Clone)]
pub struct Store<K> {
    kv: Option<K>,
    ns: Namespace,
    status: StoreStatus,
    /// The text last read or written under the workspace key, to notice
    /// writes by other tabs.
    last_text: Option<String>,
    /// Why the store is [`StoreStatus::ReadOnly`] when it is not newer data:
    /// the backup copy of a damaged value failed with this status.
    blocked: Option<StoreStatus>,
    /// The last save found our workspace key deleted by another tab.
    deleted: bool,
}

impl<K: KeyValue + Clone> Store<K> {
    /// Opens the namespace in `kv` (`None`: storage is not usable at all),
    /// probing whether it can be written.
    pub fn open(ns: Namespace, kv: Option<K>) -> Self {
        let status = match &kv {
            Some(s) => {
                let probe = ns.key("probe");
                match s.set(&probe, "1") {
                    Ok(()) => {
                        s.remove(&probe);
                        StoreStatus::Available
                    }
                    Err(e) => e.into(),
                }
            }
            None => StoreStatus::Unavailable,
        };
        Store {
            kv,
            ns,
            status,
            last_text: None,
            blocked: None,
            deleted: false,
        }
    }

    /// Whether the last [`Store::save`] found that another tab had deleted
    /// everything since this store last read or wrote (nothing was written).
    pub fn deleted_elsewhere(&self) -> bool {
        self.deleted
    }

    /// Forgets what this store last read or wrote (after the session let go
    /// of data deleted elsewhere): the next save writes as on an empty store.
    pub fn forget(&mut self) {
        self.last_text = None;
        self.deleted = false;
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

    fn block(&mut self, e: WriteError) {
        self.status = StoreStatus::ReadOnly;
        self.blocked = Some(e.into());
    }

    /// Reads the workspace, migrating older schemas.
    pub fn load(&mut self, now: Millis) -> Loaded {
        let Some(s) = self.kv.as_ref() else {
            return Loaded::Empty;
        };
        for key in self.ns.read_keys() {
            let Some(raw) = s.get(&key) else {
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
                    // One copy per value: a backup holding the same text is reused.
                    let kept = s.keys().into_iter().find(|k| {
                        self.ns.is_backup_key(k) && s.get(k).as_deref() == Some(raw.as_str())
                    });
                    let copied = match kept {
                        Some(k) => Ok(k),
                        None => {
                            let k = self.ns.backup_key(now);
                            s.set(&k, &raw).map(|()| k)
                        }
                    };
                    let backup_key = match copied {
                        Ok(k) => {
                            // Copied: the first save may replace it without another copy.
                            if key == self.ns.workspace_key() {
                                self.last_text = Some(raw.clone());
                            }
                            Some(k)
                        }
                        Err(e) => {
                            // Cannot keep a copy: do not overwrite the original either.
                            self.block(e);
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
        let Some(s) = self.kv.clone() else {
            self.status = StoreStatus::Unavailable;
            return (self.status, None);
        };
        let key = self.ns.workspace_key();
        let mut to_write = ws.clone();
        let mut merged = None;
        let current = s.get(&key);
        self.deleted = current.is_none() && self.last_text.is_some();
        if self.deleted {
            // Deleted by another tab since we last saw it: do not write it back.
            self.last_text = None;
            return (self.status, None);
        }
        if let Some(current) = current {
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
                        if let Err(e) = s.set(&self.ns.backup_key(now), &current) {
                            self.block(e);
                            return (self.status, None);
                        }
                    }
                }
            }
        }
        let Ok(text) = encode_stored(&Stored::new(to_write, now)) else {
            return (self.status, merged);
        };
        self.status = match s.set(&key, &text) {
            Ok(()) => {
                self.last_text = Some(text);
                StoreStatus::Available
            }
            Err(e) => e.into(),
        };
        (self.status, merged)
    }

    /// Decodes a value another tab wrote under our workspace key (from a
    /// `storage` event); `None` for other keys or unreadable values.
    pub fn remote_workspace(&self, key: Option<&str>, value: Option<&str>) -> Option<Workspace> {
        if key != Some(self.ns.workspace_key().as_str()) {
            return None;
        }
        Some(decode_stored(value?).ok()?.workspace)
    }

    /// Whether a `storage` event says another tab deleted our workspace key
    /// (removed, or the whole storage cleared) while this store had it.
    pub fn remote_deleted(&self, key: Option<&str>, value: Option<&str>) -> bool {
        let ours = match key {
            None => true,
            Some(k) => k == self.ns.workspace_key() && value.is_none(),
        };
        ours && self.last_text.is_some()
    }

    /// A preference value (e.g. the UI language).
    pub fn pref(&self, name: &str) -> Option<String> {
        self.kv.as_ref()?.get(&self.ns.key(&format!("pref-{name}")))
    }

    /// Stores a preference; failures are ignored (preferences are not answers).
    pub fn set_pref(&self, name: &str, value: &str) {
        if self.status == StoreStatus::Available {
            if let Some(s) = &self.kv {
                let _ = s.set(&self.ns.key(&format!("pref-{name}")), value);
            }
        }
    }

    /// Removes every key of this namespace (all versions, backups and
    /// preferences), and nothing else. Returns how many keys were removed.
    pub fn clear_all(&mut self) -> usize {
        let Some(s) = &self.kv else {
            return 0;
        };
        let prefix = format!("{}:", self.ns.as_str());
        let keys: Vec<String> = s
            .keys()
            .into_iter()
            .filter(|k| k.starts_with(&prefix))
            .collect();
        for k in &keys {
            s.remove(k);
        }
        self.last_text = None;
        if self.status == StoreStatus::ReadOnly {
            self.status = StoreStatus::Available;
            self.blocked = None;
        }
        keys.len()
    }
}

#[cfg(test)]
mod test {
    use super::*;
    use crate::core::sample::{options_of as options, workspace};

    fn ns() -> Namespace {
        Namespace::new("t").expect("namespace")
    }

    /// A store that refuses every write with `e` (reads work).
    #[derive(Clone, Default)]
    struct Refusing(Memory, Option<WriteError>);

    impl KeyValue for Refusing {
        fn get(&self, key: &str) -> Option<String> {
            self.0.get(key)
        }
        fn set(&self, key: &str, value: &str) -> Result<(), WriteError> {
            match self.1 {
                Some(e) => Err(e),
                None => self.0.set(key, value),
            }
        }
        fn remove(&self, key: &str) {
            self.0.remove(key)
        }
        fn keys(&self) -> Vec<String> {
            self.0.keys()
        }
    }

    // ------------------------------------------------------------ opening

    #[test]
    fn opening_probes_the_store() {
        let m = Memory::new();
        for (kv, want) in [
            (Some(Refusing(m.clone(), None)), StoreStatus::Available),
            (
                Some(Refusing(m.clone(), Some(WriteError::Quota))),
                StoreStatus::QuotaExceeded,
            ),
            (
                Some(Refusing(m.clone(), Some(WriteError::Unavailable))),
                StoreStatus::Unavailable,
            ),
            (None, StoreStatus::Unavailable),
        ] {
            assert_eq!(Store::open(ns(), kv).status(), want);
        }
        assert!(m.keys().is_empty(), "the probe key is removed");
    }

    // ------------------------------------------------------------ round trip and migration

    #[test]
    fn saved_answers_are_there_after_reopening() {
        let m = Memory::new();
        let ws = workspace(&[("1", "achieved", 10), ("4", "not_applicable", 11)]);
        let mut s = Store::open(ns(), Some(m.clone()));
        assert_eq!(s.save(&ws, 20), (StoreStatus::Available, None));
        assert_eq!(Store::open(ns(), Some(m)).load(30), Loaded::Found(ws));
    }

    #[test]
    fn an_older_schema_is_migrated_on_load() {
        let m = Memory::new();
        m.set(
            &ns().key_for(1, "answers"),
            r#"{"version":1,"catalog":"jama-japia-v2.2","answers":{"1":"achieved"}}"#,
        )
        .expect("set");
        let Loaded::Found(ws) = Store::open(ns(), Some(m)).load(1) else {
            panic!("v1 value not read");
        };
        assert_eq!(ws.entities.len(), 1);
    }

    // ------------------------------------------------------------ damaged values

    #[test]
    fn a_damaged_value_is_backed_up_then_replaced() {
        let m = Memory::new();
        let raw = "{\"schema\": 2, \"workspace\": [oops";
        m.set(&ns().workspace_key(), raw).expect("set");
        let mut s = Store::open(ns(), Some(m.clone()));
        let Loaded::Corrupt {
            backup_key: Some(key),
            raw: got,
            ..
        } = s.load(1234)
        else {
            panic!("damaged value not reported, or not backed up");
        };
        assert_eq!(got, raw);
        assert_eq!(m.get(&key).as_deref(), Some(raw));
        let backups = m.keys().iter().filter(|k| ns().is_backup_key(k)).count();
        assert_eq!(backups, 1, "exactly one backup copy");
        // Opened again before anything was saved: still one copy.
        let again = Store::open(ns(), Some(m.clone())).load(1300);
        assert!(matches!(again, Loaded::Corrupt { backup_key: Some(k), .. } if k == key));
        let ws = workspace(&[("1", "achieved", 10)]);
        assert_eq!(s.save(&ws, 20).0, StoreStatus::Available);
        let backups = m.keys().iter().filter(|k| ns().is_backup_key(k)).count();
        assert_eq!(
            backups, 1,
            "saving over the damaged value copies it no second time"
        );
        assert_eq!(Store::open(ns(), Some(m)).load(30), Loaded::Found(ws));
    }

    #[test]
    fn a_damaged_value_that_cannot_be_copied_is_left_in_place() {
        // (write refusal, why the banner says answers are not kept)
        for (refusal, why) in [
            (WriteError::Quota, StoreStatus::QuotaExceeded),
            (WriteError::Unavailable, StoreStatus::Unavailable),
        ] {
            let m = Memory::new();
            m.set(&ns().workspace_key(), "garbage").expect("set");
            let mut s = Store::open(ns(), Some(Refusing(m.clone(), None)));
            s.kv = Some(Refusing(m.clone(), Some(refusal)));
            assert!(matches!(
                s.load(1),
                Loaded::Corrupt {
                    backup_key: None,
                    ..
                }
            ));
            assert_eq!(
                (s.status(), s.blocked()),
                (StoreStatus::ReadOnly, Some(why))
            );
            s.save(&workspace(&[]), 2);
            assert_eq!(m.get(&ns().workspace_key()).as_deref(), Some("garbage"));
        }
    }

    #[test]
    fn a_value_damaged_by_another_tab_is_backed_up_before_writing() {
        let m = Memory::new();
        let mut s = Store::open(ns(), Some(m.clone()));
        s.save(&workspace(&[("1", "achieved", 10)]), 20);
        m.set(&ns().workspace_key(), "broken by another tab")
            .expect("set");
        assert_eq!(
            s.save(&workspace(&[("2", "achieved", 30)]), 40).0,
            StoreStatus::Available
        );
        let backup = m.keys().into_iter().find(|k| ns().is_backup_key(k));
        assert_eq!(
            backup.and_then(|k| m.get(&k)).as_deref(),
            Some("broken by another tab")
        );
    }

    // ------------------------------------------------------------ read-only

    #[test]
    fn data_from_a_newer_version_is_never_overwritten() {
        let newer = "{\"schema\": 99, \"workspace\": {\"entities\": [], \"active\": \"\"}}";
        // Found at load, or written by another tab before our next save.
        for at_load in [true, false] {
            let m = Memory::new();
            let mut s = Store::open(ns(), Some(m.clone()));
            if at_load {
                m.set(&ns().workspace_key(), newer).expect("set");
                assert!(matches!(s.load(1), Loaded::Future(_)));
            } else {
                s.save(&workspace(&[]), 1);
                m.set(&ns().workspace_key(), newer).expect("set");
            }
            let (status, merged) = s.save(&workspace(&[("1", "achieved", 10)]), 20);
            assert_eq!(
                (status, merged),
                (StoreStatus::ReadOnly, None),
                "at load: {at_load}"
            );
            assert_eq!(m.get(&ns().workspace_key()).as_deref(), Some(newer));
        }
    }

    // ------------------------------------------------------------ merge before write

    #[test]
    fn another_tabs_answers_are_merged_before_writing() {
        let m = Memory::new();
        let mut a = Store::open(ns(), Some(m.clone()));
        let mut b = Store::open(ns(), Some(m.clone()));
        assert_eq!(a.load(0), Loaded::Empty);
        assert_eq!(b.load(0), Loaded::Empty);
        a.save(&workspace(&[("1", "achieved", 10)]), 11);
        let (status, merged) = b.save(&workspace(&[("2", "not_achieved", 12)]), 13);
        assert_eq!(status, StoreStatus::Available);
        let merged = merged.expect("b learns about a's answer");
        let want = vec![
            ("1".to_string(), "achieved".to_string()),
            ("2".into(), "not_achieved".into()),
        ];
        assert_eq!(options(&merged), want);
        let Loaded::Found(stored) = Store::open(ns(), Some(m)).load(14) else {
            panic!("nothing stored");
        };
        assert_eq!(options(&stored), want, "both tabs' answers are stored");
    }

    #[test]
    fn our_own_last_write_is_not_merged_again() {
        let m = Memory::new();
        let mut s = Store::open(ns(), Some(m));
        s.save(&workspace(&[("1", "achieved", 10)]), 11);
        assert_eq!(s.save(&workspace(&[("1", "not_achieved", 12)]), 13).1, None);
    }

    #[test]
    fn storage_events_of_other_keys_are_ignored() {
        let s = Store::open(ns(), Some(Memory::new()));
        let text =
            encode_stored(&Stored::new(workspace(&[("1", "achieved", 1)]), 2)).expect("encodes");
        let key = ns().workspace_key();
        assert!(s.remote_workspace(Some(&key), Some(&text)).is_some());
        assert_eq!(
            s.remote_workspace(Some("other:v2:workspace"), Some(&text)),
            None
        );
        assert_eq!(s.remote_workspace(Some(&key), Some("garbage")), None);
        assert_eq!(s.remote_workspace(Some(&key), None), None);
        assert_eq!(s.remote_workspace(None, Some(&text)), None);
    }

    #[test]
    fn data_deleted_by_another_tab_is_not_written_back() {
        let m = Memory::new();
        let mut a = Store::open(ns(), Some(m.clone()));
        let mut b = Store::open(ns(), Some(m.clone()));
        b.save(&workspace(&[("1", "achieved", 10)]), 11);
        assert_eq!(
            a.load(12),
            Loaded::Found(workspace(&[("1", "achieved", 10)]))
        );
        let key = ns().workspace_key();
        // Tab b deletes everything; its storage event reaches tab a...
        b.clear_all();
        assert!(a.remote_deleted(Some(&key), None));
        assert!(a.remote_deleted(None, None), "storage.clear()");
        assert!(!a.remote_deleted(Some("other:v2:workspace"), None));
        assert!(!a.remote_deleted(Some(&key), Some("{}")));
        // ... or tab a saves before the event: nothing is written back.
        let (status, merged) = a.save(
            &workspace(&[("1", "achieved", 10), ("4", "partial", 13)]),
            14,
        );
        assert_eq!((status, merged), (StoreStatus::Available, None));
        assert!(a.deleted_elsewhere());
        assert_eq!(m.get(&key), None, "deleted data resurrected");
        // Once the session has let go, new answers are saved as usual.
        a.forget();
        assert!(!a.remote_deleted(Some(&key), None));
        a.save(&workspace(&[("5", "achieved", 20)]), 21);
        assert!(!a.deleted_elsewhere());
        assert!(m.get(&key).is_some());
        // A fresh tab that never saw stored data writes as usual.
        let mut c = Store::open(ns(), Some(Memory::new()));
        c.save(&workspace(&[("1", "achieved", 1)]), 2);
        assert!(!c.deleted_elsewhere());
    }

    // ------------------------------------------------------------ quota

    #[test]
    fn a_full_store_says_so_and_recovers_when_space_is_freed() {
        let m = Memory::new();
        let mut s = Store::open(ns(), Some(m.clone()));
        m.set_quota(Some(40));
        let ws = workspace(&[("1", "achieved", 10)]);
        assert_eq!(s.save(&ws, 11).0, StoreStatus::QuotaExceeded);
        assert_eq!(m.get(&ns().workspace_key()), None);
        m.set_quota(None);
        assert_eq!(s.save(&ws, 12).0, StoreStatus::Available);
    }

    // ------------------------------------------------------------ preferences and delete all

    #[test]
    fn preferences_are_kept_only_when_storage_works() {
        let m = Memory::new();
        let s = Store::open(ns(), Some(m.clone()));
        s.set_pref("lang", "en");
        assert_eq!(s.pref("lang").as_deref(), Some("en"));
        assert_eq!(
            m.get("t:v2:pref-lang").as_deref(),
            Some("en"),
            "stored as typed"
        );
        let none: Store<Memory> = Store::open(ns(), None);
        none.set_pref("lang", "en");
        assert_eq!(none.pref("lang"), None);
    }

    #[test]
    fn delete_all_removes_this_namespace_only() {
        let m = Memory::new();
        m.set("other:v2:workspace", "theirs").expect("set");
        m.set("t-x:v2:workspace", "not ours either").expect("set");
        let mut s = Store::open(ns(), Some(m.clone()));
        s.save(&workspace(&[("1", "achieved", 1)]), 2);
        s.set_pref("lang", "ja");
        m.set(&ns().key_for(1, "answers"), "old").expect("set");
        assert_eq!(s.clear_all(), 3);
        assert_eq!(
            m.keys(),
            vec!["other:v2:workspace".to_string(), "t-x:v2:workspace".into()]
        );
    }

    #[test]
    fn delete_all_lifts_read_only() {
        let m = Memory::new();
        m.set(&ns().workspace_key(), "{\"schema\": 99, \"workspace\": {}}")
            .expect("set");
        let mut s = Store::open(ns(), Some(m.clone()));
        assert!(matches!(s.load(1), Loaded::Future(_)));
        s.clear_all();
        assert_eq!(s.status(), StoreStatus::Available);
        assert_eq!(s.save(&workspace(&[]), 2).0, StoreStatus::Available);
    }
}
