//! The stored-data envelope: what the widget keeps in `localStorage`, and how
//! its keys are named.
//!
//! Rules kept here:
//! - Every stored value carries its schema version ([`Stored::schema`]). This
//!   build writes [`STORED_SCHEMA`] and reads every earlier version by
//!   migrating it step by step ([`crate::core::migrate::migrate_stored`]);
//!   each earlier version has a fixture under `tests/fixtures/stored_v*.json`.
//! - A value written by a *newer* build (schema above [`STORED_SCHEMA`]) is
//!   refused with [`StoredError::FutureVersion`], never silently downgraded:
//!   the storage layer must then leave that value alone (not overwrite it) and
//!   work in memory.
//! - Decoding never panics. A value that cannot be read gives a
//!   [`StoredError`] naming where and what; the storage layer keeps the raw
//!   value under [`Namespace::backup_key`] and offers it for download.
//! - Keys are namespaced per embedding (`{namespace}:v{layout}:{name}`, the
//!   layout being [`KEY_LAYOUT`], 2 since schema 2), so two
//!   widgets on one origin do not share or clobber data. [`Namespace::read_keys`]
//!   lists where earlier versions may have left a value, newest first.
//!
//! Any change to how [`Workspace`] serialises that an earlier build could not
//! read, or that this build could not read from an earlier one, needs a new
//! schema version, a migration step and a fixture.
//!
//! ## Version history
//! - **v1** (the first slice): one anonymous assessment as a flat map of
//!   option ids, `{"version": 1, "catalog": "<catalog id>", "answers":
//!   {"<control id>": "<option id>"}, "saved": <millis, optional>}`, stored
//!   under `{namespace}:v1:answers`.
//! - **v2**: `{"schema": 2, "saved": <millis>, "workspace":
//!   <Workspace>}` under `{namespace}:v2:workspace`: several entities with
//!   notes, evidence, change times, tombstones and snapshots.
//! - **v3** (current): as v2, under the same key, and answers
//!   may carry `fp` (the fingerprint of the item text they were given
//!   against), assessments `exported` (last JSON export), the workspace
//!   `seen` (item ids per catalog) and `told` (the "answers live only in
//!   this browser" notice was acknowledged). An older build refuses v3 as
//!   newer data instead of reading it as damaged.

use crate::core::assessment::{Millis, Workspace};
use crate::core::migrate;
use serde::{Deserialize, Serialize};

/// The stored-data schema version this build writes.
pub const STORED_SCHEMA: u32 = 3;

/// The version in this build's key names (`{namespace}:v2:workspace`): the
/// key layout of schema 2, kept by later schemas. The schema of a value is
/// inside it, so an older build that finds a newer value under the same key
/// refuses it as newer data ([`StoredError::FutureVersion`]) instead of
/// reading a stale copy under an older key.
pub const KEY_LAYOUT: u32 = 2;

/// The oldest stored-data schema version this build still reads.
pub const OLDEST_STORED_SCHEMA: u32 = 1;

/// Longest namespace accepted by [`Namespace::new`].
pub const MAX_NAMESPACE_LEN: usize = 64;

/// Namespace used when the embedding names none.
pub const DEFAULT_NAMESPACE: &str = "selfcheck";

/// Name (within a namespace) of the key holding the [`Stored`] workspace.
pub const WORKSPACE_KEY: &str = "workspace";

/// Name under which schema v1 kept its flat answer map.
pub const V1_KEY: &str = "answers";

/// The value kept in storage: the workspace and its schema version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stored {
    /// Schema version of this value; [`STORED_SCHEMA`] once decoded.
    pub schema: u32,
    /// When the value was last saved (0 when unknown, e.g. migrated from v1
    /// without a save time).
    #[serde(default)]
    pub saved: Millis,
    /// Every assessment kept in the browser.
    pub workspace: Workspace,
}

impl Stored {
    /// A current-version envelope around a workspace.
    pub fn new(workspace: Workspace, saved: Millis) -> Self {
        Stored {
            schema: STORED_SCHEMA,
            saved,
            workspace,
        }
    }
}

/// Why a stored value could not be read.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum StoredError {
    /// Not JSON, or JSON that does not have the shape of its version.
    #[error("stored data is damaged at {path} (line {line}, column {column}): {message}")]
    Corrupt {
        /// Path in the JSON, e.g. `workspace.entities[0].answers`; `.` for the whole value.
        path: String,
        /// Line (1-based; 0 when not known).
        line: usize,
        /// Column (1-based; 0 when not known).
        column: usize,
        /// What was expected.
        message: String,
    },
    /// The value names no schema version (`schema`, or `version` for v1).
    #[error("stored data has no schema version")]
    NoVersion,
    /// Written by a newer build; refused so that it is never downgraded.
    #[error("stored data has schema version {found}, newer than this version of the widget reads ({supported}); it is left untouched")]
    FutureVersion {
        /// Version found.
        found: u64,
        /// Newest version this build reads.
        supported: u32,
    },
    /// A version older than any this build knows (e.g. 0).
    #[error("stored data has unknown schema version {found} (this build reads {OLDEST_STORED_SCHEMA} to {STORED_SCHEMA})")]
    UnknownVersion {
        /// Version found.
        found: u64,
    },
    /// The workspace could not be turned into JSON (should not happen).
    #[error("could not encode the workspace: {0}")]
    Encode(String),
}

/// Reads a stored value of any supported version, migrating it to the current one.
///
/// Never panics; on error the caller keeps the raw text (see [`Namespace::backup_key`]).
pub fn decode_stored(text: &str) -> Result<Stored, StoredError> {
    let value = parse_value(text)?;
    let value = migrate::migrate_stored(value)?;
    from_value_located(value)
}

/// Writes the current-version value to store.
pub fn encode_stored(stored: &Stored) -> Result<String, StoredError> {
    let current = Stored {
        schema: STORED_SCHEMA,
        ..stored.clone()
    };
    serde_json::to_string(&current).map_err(|e| StoredError::Encode(e.to_string()))
}

/// Parses JSON text into a value, locating syntax errors.
pub(crate) fn parse_value(text: &str) -> Result<serde_json::Value, StoredError> {
    serde_json::from_str(text).map_err(|e| StoredError::Corrupt {
        path: ".".into(),
        line: e.line(),
        column: e.column(),
        message: e.to_string(),
    })
}

/// Turns a JSON value into a typed value with a located error.
pub(crate) fn from_value_located<T: serde::de::DeserializeOwned>(
    value: serde_json::Value,
) -> Result<T, StoredError> {
    crate::core::located::from_value(value).map_err(|e| StoredError::Corrupt {
        path: e.path,
        line: e.line,
        column: e.column,
        message: e.message,
    })
}

/// A validated storage namespace (one per embedding).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Namespace(String);

/// Why a namespace was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NamespaceError {
    /// The namespace is empty.
    #[error("the storage namespace must not be empty")]
    Empty,
    /// Longer than [`MAX_NAMESPACE_LEN`].
    #[error("the storage namespace is {0} characters long (at most {MAX_NAMESPACE_LEN})")]
    TooLong(usize),
    /// A character other than ASCII letters, digits, `_` and `-`.
    #[error("the storage namespace may contain only A-Z, a-z, 0-9, `_` and `-`; found {0:?}")]
    BadChar(char),
}

impl Namespace {
    /// Checks a namespace: non-empty, at most [`MAX_NAMESPACE_LEN`] characters of `[A-Za-z0-9_-]`.
    pub fn new(ns: &str) -> Result<Self, NamespaceError> {
        if ns.is_empty() {
            return Err(NamespaceError::Empty);
        }
        if let Some(c) = ns
            .chars()
            .find(|c| !(c.is_ascii_alphanumeric() || *c == '_' || *c == '-'))
        {
            return Err(NamespaceError::BadChar(c));
        }
        if ns.len() > MAX_NAMESPACE_LEN {
            return Err(NamespaceError::TooLong(ns.len()));
        }
        Ok(Namespace(ns.to_string()))
    }

    /// The namespace text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The key of `name` for this build: `{namespace}:v{KEY_LAYOUT}:{name}`.
    pub fn key(&self, name: &str) -> String {
        self.key_for(KEY_LAYOUT, name)
    }

    /// The key of `name` as schema version `schema` named it.
    pub fn key_for(&self, schema: u32, name: &str) -> String {
        format!("{}:v{schema}:{name}", self.0)
    }

    /// Key for the workspace in the current schema.
    pub fn workspace_key(&self) -> String {
        self.key(WORKSPACE_KEY)
    }

    /// Keys where a workspace may be stored, newest schema first: read the
    /// first that holds a value, decode it with [`decode_stored`], and save
    /// under [`Namespace::workspace_key`].
    pub fn read_keys(&self) -> Vec<String> {
        (OLDEST_STORED_SCHEMA..=KEY_LAYOUT)
            .rev()
            .map(|v| {
                if v == 1 {
                    self.key_for(1, V1_KEY)
                } else {
                    self.key_for(v, WORKSPACE_KEY)
                }
            })
            .collect()
    }

    /// Key under which an unreadable value found at `when` is kept for download.
    pub fn backup_key(&self, when: Millis) -> String {
        self.key(&format!("corrupt-{when}"))
    }

    /// Whether `key` is one of this namespace's backup keys.
    pub fn is_backup_key(&self, key: &str) -> bool {
        key.strip_prefix(&self.key("corrupt-")).is_some_and(|rest| {
            !rest.is_empty() && rest.chars().all(|c| c.is_ascii_digit() || c == '-')
        })
    }
}

/// The key of `name` in `namespace` for the current schema, validating the namespace.
pub fn key(namespace: &str, name: &str) -> Result<String, NamespaceError> {
    Ok(Namespace::new(namespace)?.key(name))
}

#[cfg(test)]
mod test {
    use super::*;

    #[test]
    fn keys_are_namespaced_and_versioned() {
        assert_eq!(key("acme", "workspace").unwrap(), "acme:v2:workspace");
        let ns = Namespace::new("a-b_C9").unwrap();
        assert_eq!(
            ns.read_keys(),
            vec!["a-b_C9:v2:workspace", "a-b_C9:v1:answers"]
        );
        assert!(ns.is_backup_key(&ns.backup_key(1700)));
        assert!(!ns.is_backup_key(&ns.workspace_key()));
    }

    #[test]
    fn bad_namespaces_are_refused() {
        assert_eq!(Namespace::new(""), Err(NamespaceError::Empty));
        assert_eq!(Namespace::new("a:b"), Err(NamespaceError::BadChar(':')));
        assert_eq!(Namespace::new("日本"), Err(NamespaceError::BadChar('日')));
        assert_eq!(
            Namespace::new(&"x".repeat(65)),
            Err(NamespaceError::TooLong(65))
        );
        assert!(Namespace::new(&"x".repeat(64)).is_ok());
    }

    #[test]
    fn current_round_trips() {
        let mut ws = Workspace::default();
        ws.entities.push(crate::core::assessment::Assessment::new(
            "e1", "mini", "1", 5,
        ));
        ws.active = "e1".into();
        let s = Stored::new(ws, 9);
        let text = encode_stored(&s).unwrap();
        assert_eq!(decode_stored(&text).unwrap(), s);
    }

    #[test]
    fn trailing_garbage_is_corrupt() {
        let text = r#"{"schema":2,"workspace":{"entities":[]}} x"#;
        assert!(matches!(
            decode_stored(text),
            Err(StoredError::Corrupt { .. })
        ));
    }
}
