//! Migrations: stored-data schema versions, and catalog versions.
//!
//! Two kinds of change can leave saved answers behind the code:
//! - **Stored-data schema** ([`migrate_stored`]): the shape of what is kept in
//!   `localStorage` changed. Each version has one step to the next (v1 -> v2,
//!   ...), applied in order, so a value from any earlier version reaches the
//!   current one. A value from a *newer* version is refused, never downgraded.
//! - **Catalog version** ([`migrate_catalog`]): the catalog itself was revised
//!   (e.g. JAMA/JAPIA 2.1 -> 2.2). Answers are keyed by control id, so they are
//!   carried over as they are; the user is shown which controls were added,
//!   removed or changed. Answers to removed controls are **kept** in the
//!   assessment (scores ignore them because the catalog no longer lists them),
//!   never deleted: a later catalog may bring the control back, and an export
//!   still contains them.

use crate::core::assessment::{Answer, Assessment, Millis, Workspace};
use crate::core::catalog::Catalog;
use crate::core::review::text_differs;
use crate::core::stored::{
    from_value_located, Stored, StoredError, OLDEST_STORED_SCHEMA, STORED_SCHEMA,
};
use serde::Deserialize;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// One migration step: a value of version `n` in, a value of version `n + 1` out.
type Step = fn(Value) -> Result<Value, StoredError>;

/// The steps, index 0 being v1 -> v2. Its length must be `STORED_SCHEMA - OLDEST_STORED_SCHEMA`.
const STEPS: [Step; (STORED_SCHEMA - OLDEST_STORED_SCHEMA) as usize] = [v1_to_v2, v2_to_v3];

/// Id given to the single entity migrated from a v1 value.
pub const V1_ENTITY_ID: &str = "migrated-v1";

/// Reads the schema version of a stored value: `schema` (v2 on), or `version` (v1).
pub fn stored_version(value: &Value) -> Result<u64, StoredError> {
    let Value::Object(map) = value else {
        return Err(StoredError::Corrupt {
            path: ".".into(),
            line: 0,
            column: 0,
            message: "expected a JSON object".into(),
        });
    };
    let (field, v) = match (map.get("schema"), map.get("version")) {
        (Some(v), _) => ("schema", v),
        (None, Some(v)) => ("version", v),
        (None, None) => return Err(StoredError::NoVersion),
    };
    v.as_u64().ok_or_else(|| StoredError::Corrupt {
        path: field.into(),
        line: 0,
        column: 0,
        message: format!("expected a whole number, found {v}"),
    })
}

/// Brings a stored value of any supported version to [`STORED_SCHEMA`], step by step.
///
/// Refuses versions newer than [`STORED_SCHEMA`] ([`StoredError::FutureVersion`])
/// and older than [`OLDEST_STORED_SCHEMA`] ([`StoredError::UnknownVersion`]).
pub fn migrate_stored(mut value: Value) -> Result<Value, StoredError> {
    let mut version = stored_version(&value)?;
    if version > u64::from(STORED_SCHEMA) {
        return Err(StoredError::FutureVersion {
            found: version,
            supported: STORED_SCHEMA,
        });
    }
    if version < u64::from(OLDEST_STORED_SCHEMA) {
        return Err(StoredError::UnknownVersion { found: version });
    }
    while version < u64::from(STORED_SCHEMA) {
        let index = (version - u64::from(OLDEST_STORED_SCHEMA)) as usize;
        let step = STEPS
            .get(index)
            .ok_or(StoredError::UnknownVersion { found: version })?;
        value = step(value)?;
        version += 1;
    }
    Ok(value)
}

/// Schema v1: the first slice's flat map of option ids for one anonymous assessment.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct StoredV1 {
    /// Always 1.
    #[allow(dead_code)]
    version: u32,
    /// Catalog id.
    catalog: String,
    /// Option id by control id.
    answers: BTreeMap<String, String>,
    /// Save time, when the build recorded one.
    #[serde(default)]
    saved: Option<Millis>,
}

/// v1 -> v2: the flat map becomes one entity ([`V1_ENTITY_ID`]) of a workspace.
///
/// v1 recorded neither the catalog version nor per-answer times: the catalog
/// version becomes empty (unknown: the caller runs [`migrate_catalog`] with no
/// old catalog, which lists answers to controls that no longer exist) and every
/// answer's change time is the save time (0 when none was recorded).
fn v1_to_v2(value: Value) -> Result<Value, StoredError> {
    let v1: StoredV1 = from_value_located(value)?;
    let saved = v1.saved.unwrap_or(0);
    let mut a = Assessment::new(V1_ENTITY_ID, &v1.catalog, "", saved);
    a.answers = v1
        .answers
        .into_iter()
        .map(|(control, option)| {
            (
                control,
                Answer {
                    option,
                    reason: String::new(),
                    note: String::new(),
                    evidence: Vec::new(),
                    changed: saved,
                    fp: String::new(),
                },
            )
        })
        .collect();
    let workspace = Workspace {
        entities: vec![a],
        active: V1_ENTITY_ID.into(),
        ..Workspace::default()
    };
    let v2 = Stored {
        schema: 2,
        saved,
        workspace,
    };
    // Through text, not `to_value`: the widget already writes and reads
    // stored values as text, so this adds no second (Value) serialiser to it.
    serde_json::to_string(&v2)
        .and_then(|text| serde_json::from_str(&text))
        .map_err(|e| StoredError::Encode(e.to_string()))
}

/// v2 -> v3: answers may carry the fingerprint of the text they were given
/// against, assessments their last export time, and the workspace the item
/// ids seen per catalog and whether the user was told where answers live.
/// All are optional, so the value is unchanged but for its version: answers
/// without a fingerprint are stamped when a catalog is loaded
/// ([`crate::core::review::stamp_unrecorded`]: the current text when the
/// assessment was made against the same catalog version, else "unknown",
/// which asks the user to review them).
fn v2_to_v3(mut value: Value) -> Result<Value, StoredError> {
    if let Value::Object(map) = &mut value {
        map.insert("schema".into(), Value::from(3));
    }
    Ok(value)
}

/// What changed between the catalog version an assessment was made against and the current one.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CatalogChanges {
    /// Catalog id.
    pub catalog_id: String,
    /// Version the answers were made against (empty when unknown).
    pub from_version: String,
    /// Version they now belong to.
    pub to_version: String,
    /// Whether the old catalog was available; without it `added` and
    /// `changed` cannot be known and are empty, and `removed` lists only
    /// answered controls.
    pub old_catalog_known: bool,
    /// Controls in the new version that the old one did not have.
    pub added: Vec<String>,
    /// Controls of the old version that the new one no longer has.
    pub removed: Vec<String>,
    /// Controls in both whose statements, criteria or level differ.
    pub changed: Vec<String>,
    /// Answered controls that the new version does not list: their answers
    /// are kept in the assessment but no longer count in scores.
    pub orphaned_answers: Vec<String>,
}

impl CatalogChanges {
    /// True when nothing needs to be shown to the user.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty()
            && self.removed.is_empty()
            && self.changed.is_empty()
            && self.orphaned_answers.is_empty()
    }
}

/// Why a catalog migration could not be done.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MigrateError {
    /// The new catalog is another catalog altogether.
    #[error("the assessment belongs to catalog `{assessment}`, not `{catalog}`")]
    CatalogMismatch {
        /// Catalog id of the assessment.
        assessment: String,
        /// Catalog id given.
        catalog: String,
    },
    /// The old catalog given is not the one the answers were made against.
    #[error("the answers were made against version `{expected}`, but the old catalog given is `{found}`")]
    OldCatalogMismatch {
        /// Id and version the assessment records.
        expected: String,
        /// Id and version of the catalog given.
        found: String,
    },
}

/// Moves an assessment to `new`'s version, carrying every answer over by control id.
///
/// `old` is the catalog version the answers were made against, when the
/// caller still has it (it lets added and changed controls be listed). No
/// answer, tombstone or snapshot is dropped or altered; only
/// [`Assessment::catalog_version`] changes. When the versions are already
/// equal the assessment is returned unchanged with empty changes.
pub fn migrate_catalog(
    a: &Assessment,
    old: Option<&Catalog>,
    new: &Catalog,
) -> Result<(Assessment, CatalogChanges), MigrateError> {
    if a.catalog_id != new.id {
        return Err(MigrateError::CatalogMismatch {
            assessment: a.catalog_id.clone(),
            catalog: new.id.clone(),
        });
    }
    let mut changes = CatalogChanges {
        catalog_id: new.id.clone(),
        from_version: a.catalog_version.clone(),
        to_version: new.version.clone(),
        ..CatalogChanges::default()
    };
    if a.catalog_version == new.version {
        return Ok((a.clone(), changes));
    }
    let new_ids: BTreeSet<&str> = new.controls.iter().map(|c| c.id.as_str()).collect();
    if let Some(old) = old {
        if old.id != a.catalog_id || old.version != a.catalog_version {
            return Err(MigrateError::OldCatalogMismatch {
                expected: format!("{} {}", a.catalog_id, a.catalog_version),
                found: format!("{} {}", old.id, old.version),
            });
        }
        changes.old_catalog_known = true;
        let old_ids: BTreeSet<&str> = old.controls.iter().map(|c| c.id.as_str()).collect();
        changes.added = new
            .controls
            .iter()
            .filter(|c| !old_ids.contains(c.id.as_str()))
            .map(|c| c.id.clone())
            .collect();
        changes.removed = old
            .controls
            .iter()
            .filter(|c| !new_ids.contains(c.id.as_str()))
            .map(|c| c.id.clone())
            .collect();
        changes.changed = new
            .controls
            .iter()
            .filter_map(|n| old.control(&n.id).map(|o| (o, n)))
            .filter(|(o, n)| text_differs(o, n))
            .map(|(_, n)| n.id.clone())
            .collect();
    }
    changes.orphaned_answers = a
        .answers
        .keys()
        .filter(|id| !new_ids.contains(id.as_str()))
        .cloned()
        .collect();
    if !changes.old_catalog_known {
        changes.removed = changes.orphaned_answers.clone();
    }
    let mut next = a.clone();
    next.catalog_version = new.version.clone();
    Ok((next, changes))
}

#[cfg(test)]
mod test {
    use super::*;

    #[test]
    fn v1_becomes_one_entity() {
        let v1 = serde_json::json!({"version": 1, "catalog": "mini", "answers": {"1": "achieved"}, "saved": 7});
        let v2 = migrate_stored(v1).unwrap();
        let s: Stored = from_value_located(v2).unwrap();
        assert_eq!(s.schema, STORED_SCHEMA);
        let a = &s.workspace.entities[0];
        assert_eq!(a.answers["1"].option, "achieved");
        assert_eq!(a.answers["1"].changed, 7);
        assert_eq!(s.workspace.active, a.id);
    }

    #[test]
    fn versions_are_checked() {
        assert_eq!(
            migrate_stored(serde_json::json!({"schema": 4})),
            Err(StoredError::FutureVersion {
                found: 4,
                supported: STORED_SCHEMA
            })
        );
        assert_eq!(
            migrate_stored(serde_json::json!({"version": 0})),
            Err(StoredError::UnknownVersion { found: 0 })
        );
        assert_eq!(
            migrate_stored(serde_json::json!({"answers": {}})),
            Err(StoredError::NoVersion)
        );
        assert!(matches!(
            migrate_stored(serde_json::json!({"schema": "2"})),
            Err(StoredError::Corrupt { path, .. }) if path == "schema"
        ));
    }
}
