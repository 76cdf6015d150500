//! Answers, entities and snapshots, and the one function that changes them.
//!
//! An [`Assessment`] is one legal entity's answers to one catalog. A
//! [`Workspace`] holds every assessment kept in one browser (group companies
//! answer per legal entity). All changes go through [`apply`], which is pure:
//! the caller passes the current time in the [`Action`], so the core never
//! reads a clock and every rule is testable natively.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Milliseconds since the Unix epoch (UTC).
pub type Millis = i64;

/// The answer to one control.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Answer {
    /// Id of the chosen [`crate::core::catalog::AnswerOption`].
    pub option: String,
    /// Reason given for "not applicable" (required by such options).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reason: String,
    /// Free note.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// Evidence references: document names or URLs, as plain text.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<String>,
    /// When any part of this answer last changed.
    pub changed: Millis,
}

/// One entity's assessment against one catalog.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Assessment {
    /// Unique id within the browser (never derived from the device).
    pub id: String,
    /// Entity name; empty means anonymous.
    #[serde(default)]
    pub name: String,
    /// Catalog the answers belong to.
    pub catalog_id: String,
    /// Catalog version the answers were made against.
    pub catalog_version: String,
    /// Target level (levelled catalogs), e.g. `Lv2`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_level: Option<String>,
    /// Per-control target overrides (maturity catalogs).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub targets: BTreeMap<String, u8>,
    /// Answers by control id.
    #[serde(default)]
    pub answers: BTreeMap<String, Answer>,
    /// Answers removed by clearing, kept as tombstones (change time) so that
    /// a merge with another tab does not bring a cleared answer back.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub cleared: BTreeMap<String, Millis>,
    /// Frozen copies of the answers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub snapshots: Vec<Snapshot>,
    /// Creation time.
    pub created: Millis,
    /// Last change time.
    pub updated: Millis,
}

/// A frozen copy of an assessment's answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Snapshot {
    /// Unique id within the assessment.
    pub id: String,
    /// User's label, e.g. "FY2026 audit".
    pub label: String,
    /// When it was taken.
    pub taken: Millis,
    /// Catalog version at the time.
    pub catalog_version: String,
    /// Target level at the time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_level: Option<String>,
    /// Target overrides at the time.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub targets: BTreeMap<String, u8>,
    /// The answers.
    pub answers: BTreeMap<String, Answer>,
}

/// Every assessment kept in one browser, and which one is open.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Workspace {
    /// The assessments, in creation order.
    pub entities: Vec<Assessment>,
    /// Id of the open assessment.
    #[serde(default)]
    pub active: String,
}

impl Assessment {
    /// A new, empty, anonymous assessment.
    pub fn new(
        id: impl Into<String>,
        catalog_id: &str,
        catalog_version: &str,
        now: Millis,
    ) -> Self {
        Assessment {
            id: id.into(),
            name: String::new(),
            catalog_id: catalog_id.to_string(),
            catalog_version: catalog_version.to_string(),
            target_level: None,
            targets: BTreeMap::new(),
            answers: BTreeMap::new(),
            cleared: BTreeMap::new(),
            snapshots: Vec::new(),
            created: now,
            updated: now,
        }
    }
}

/// A change to an assessment. Every variant carries the time it happened.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Choose an option for a control (keeps note and evidence).
    Answer {
        /// Control id.
        control: String,
        /// Option id.
        option: String,
        /// Time of the change.
        now: Millis,
    },
    /// Remove the answer to a control.
    Clear {
        /// Control id.
        control: String,
        /// Time of the change.
        now: Millis,
    },
}

/// Applies an action, returning the new assessment. Pure: no I/O, no clock.
pub fn apply(a: &Assessment, action: Action) -> Assessment {
    let mut next = a.clone();
    match action {
        Action::Answer {
            control,
            option,
            now,
        } => {
            let entry = next.answers.entry(control.clone()).or_insert(Answer {
                option: String::new(),
                reason: String::new(),
                note: String::new(),
                evidence: Vec::new(),
                changed: now,
            });
            entry.option = option;
            entry.changed = now;
            next.cleared.remove(&control);
            next.updated = now;
        }
        Action::Clear { control, now } => {
            if next.answers.remove(&control).is_some() {
                next.cleared.insert(control, now);
                next.updated = now;
            }
        }
    }
    next
}

#[cfg(test)]
mod test {
    use super::*;

    #[test]
    fn answer_then_clear() {
        let a = Assessment::new("e1", "mini", "1", 0);
        let a = apply(
            &a,
            Action::Answer {
                control: "1".into(),
                option: "achieved".into(),
                now: 5,
            },
        );
        assert_eq!(a.answers["1"].option, "achieved");
        assert_eq!(a.updated, 5);
        let a = apply(
            &a,
            Action::Clear {
                control: "1".into(),
                now: 6,
            },
        );
        assert!(a.answers.is_empty());
        assert_eq!(a.cleared["1"], 6);
    }
}
