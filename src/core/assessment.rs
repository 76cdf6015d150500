//! Answers, entities and snapshots, and the one function that changes them.
//!
//! An [`Assessment`] is one legal entity's answers to one catalog. A
//! [`Workspace`] holds every assessment kept in one browser (group companies
//! answer per legal entity). All changes go through [`apply`], which is pure:
//! the caller passes the current time in the [`Action`], so the core never
//! reads a clock and every rule is testable natively. Ids (of entities and
//! snapshots) are passed in by the caller for the same reason.
//!
//! Rules kept here:
//! - Every change to an answer's option, reason, note or evidence sets that
//!   answer's `changed` and the assessment's `updated`. An action that changes
//!   nothing (same option, same note…) leaves the assessment untouched, so
//!   timestamps mean "last real change".
//! - An answer may carry a note, reason or evidence before an option is
//!   chosen: its `option` is then empty and it counts as unanswered. When an
//!   answer ends up with no option and no text at all it is removed and a
//!   tombstone is kept in `cleared`, as for [`Action::Clear`].
//! - Reason and note are stored as typed (not trimmed); the UI sends them
//!   when the field is committed (`change`: the field loses focus, or the
//!   page is hidden or closed). [`answer_problem`] treats a blank reason as
//!   missing. Evidence is trimmed and empty entries are dropped.
//! - Changing the option keeps the reason, note and evidence; a reason only
//!   matters while the chosen option requires one.

use crate::core::catalog::{AnswerOption, Catalog};
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
    /// Fingerprint of the item's text (statements, criteria, level) the
    /// option was chosen against ([`crate::core::review::fingerprint`]);
    /// [`crate::core::review::UNKNOWN_TEXT`] when that text is not known
    /// (an answer carried over from another catalog version without one);
    /// empty until an option is chosen.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub fp: String,
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
    /// When this assessment was last exported as JSON (a copy the user can
    /// import again); `None` when never.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exported: Option<Millis>,
    /// Name of the file this assessment was last imported from (as the
    /// browser gave it, without a path), shown in the entity list to tell
    /// same-name entities apart. Kept in this browser only: never exported.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_file: Option<String>,
}

impl Answer {
    /// An answer with no option chosen yet and no text.
    pub fn empty(now: Millis) -> Self {
        Answer {
            option: String::new(),
            reason: String::new(),
            note: String::new(),
            evidence: Vec::new(),
            changed: now,
            fp: String::new(),
        }
    }

    /// Whether an option has been chosen (an answer may hold only a note).
    pub fn is_chosen(&self) -> bool {
        !self.option.is_empty()
    }

    /// Whether `option` (the chosen one) requires a reason and this answer
    /// gives none (blank counts as none): such an answer is incomplete.
    pub fn lacks_reason(&self, option: &AnswerOption) -> bool {
        option.requires_reason && self.reason.trim().is_empty()
    }

    /// True when the answer holds nothing worth keeping.
    fn is_blank(&self) -> bool {
        self.option.is_empty()
            && self.reason.is_empty()
            && self.note.is_empty()
            && self.evidence.is_empty()
    }
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
    /// Item ids of each catalog (by catalog id) as last seen, so that items
    /// added since the last visit can be listed.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub seen: BTreeMap<String, Vec<String>>,
    /// The user has been told (and acknowledged) that answers live only in
    /// this browser and how to keep a copy.
    #[serde(default, skip_serializing_if = "is_false")]
    pub told: bool,
}

fn is_false(b: &bool) -> bool {
    !*b
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
            exported: None,
            source_file: None,
        }
    }
}

/// A change to an assessment. Every variant carries the time it happened.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Choose an option for a control (keeps reason, note and evidence).
    Answer {
        /// Control id.
        control: String,
        /// Option id.
        option: String,
        /// Time of the change.
        now: Millis,
    },
    /// Keep the answer to a control whose text changed since it was given
    /// (the user reviewed it): stamps `changed`; the session records the
    /// text's new fingerprint. Ignored when there is no answer.
    Confirm {
        /// Control id.
        control: String,
        /// Time of the change.
        now: Millis,
    },
    /// Record that the assessment was exported as JSON now (not a change
    /// of the answers: `updated` stays).
    Exported {
        /// Time of the export.
        now: Millis,
    },
    /// Remove the answer to a control, with its reason, note and evidence.
    Clear {
        /// Control id.
        control: String,
        /// Time of the change.
        now: Millis,
    },
    /// Set the "not applicable" reason of a control's answer (stored as typed).
    SetReason {
        /// Control id.
        control: String,
        /// The reason.
        reason: String,
        /// Time of the change.
        now: Millis,
    },
    /// Set the free note of a control's answer (stored as typed).
    SetNote {
        /// Control id.
        control: String,
        /// The note.
        note: String,
        /// Time of the change.
        now: Millis,
    },
    /// Replace the evidence references of a control's answer (each trimmed,
    /// empty ones dropped).
    SetEvidence {
        /// Control id.
        control: String,
        /// Document names or URLs.
        evidence: Vec<String>,
        /// Time of the change.
        now: Millis,
    },
    /// Set or remove the target level (levelled catalogs).
    SetTargetLevel {
        /// Level id, e.g. `Lv2`; `None` puts every control in scope.
        level: Option<String>,
        /// Time of the change.
        now: Millis,
    },
    /// Override (or, with `None`, restore) a control's target maturity.
    SetTarget {
        /// Control id.
        control: String,
        /// Target value; `None` falls back to the catalog's target.
        value: Option<u8>,
        /// Time of the change.
        now: Millis,
    },
    /// Rename the entity (empty means anonymous).
    Rename {
        /// New name, stored trimmed.
        name: String,
        /// Time of the change.
        now: Millis,
    },
    /// Freeze the current answers and targets. Ignored when `id` is taken.
    TakeSnapshot {
        /// Snapshot id chosen by the caller, unique within the assessment.
        id: String,
        /// User's label.
        label: String,
        /// Time taken.
        now: Millis,
    },
    /// Delete a snapshot.
    DeleteSnapshot {
        /// Snapshot id.
        id: String,
        /// Time of the change.
        now: Millis,
    },
    /// Change a snapshot's label.
    RenameSnapshot {
        /// Snapshot id.
        id: String,
        /// New label, stored trimmed.
        label: String,
        /// Time of the change.
        now: Millis,
    },
}

/// Applies an action, returning the new assessment. Pure: no I/O, no clock.
///
/// An action that would change nothing returns an identical assessment
/// (same `updated`).
pub fn apply(a: &Assessment, action: Action) -> Assessment {
    let mut next = a.clone();
    match action {
        Action::Answer {
            control,
            option,
            now,
        } => edit_answer(&mut next, &control, now, |ans| ans.option = option),
        Action::Confirm { control, now } => {
            if let Some(ans) = next.answers.get_mut(&control) {
                ans.changed = now;
                next.updated = now;
            }
        }
        Action::Exported { now } => next.exported = Some(now),
        Action::Clear { control, now } => {
            if next.answers.remove(&control).is_some() {
                next.cleared.insert(control, now);
                next.updated = now;
            }
        }
        Action::SetReason {
            control,
            reason,
            now,
        } => edit_answer(&mut next, &control, now, |ans| ans.reason = reason),
        Action::SetNote { control, note, now } => {
            edit_answer(&mut next, &control, now, |ans| ans.note = note)
        }
        Action::SetEvidence {
            control,
            evidence,
            now,
        } => {
            let evidence = clean_evidence(evidence);
            edit_answer(&mut next, &control, now, |ans| ans.evidence = evidence)
        }
        Action::SetTargetLevel { level, now } => {
            if next.target_level != level {
                next.target_level = level;
                next.updated = now;
            }
        }
        Action::SetTarget {
            control,
            value,
            now,
        } => {
            let old = match value {
                Some(v) => next.targets.insert(control, v),
                None => next.targets.remove(&control),
            };
            if old != value {
                next.updated = now;
            }
        }
        Action::Rename { name, now } => {
            let name = name.trim().to_string();
            if next.name != name {
                next.name = name;
                next.updated = now;
            }
        }
        Action::TakeSnapshot { id, label, now } => {
            if !next.snapshots.iter().any(|s| s.id == id) {
                let snap = Snapshot {
                    id,
                    label: label.trim().to_string(),
                    taken: now,
                    catalog_version: next.catalog_version.clone(),
                    target_level: next.target_level.clone(),
                    targets: next.targets.clone(),
                    answers: next.answers.clone(),
                };
                next.snapshots.push(snap);
                next.updated = now;
            }
        }
        Action::DeleteSnapshot { id, now } => {
            let before = next.snapshots.len();
            next.snapshots.retain(|s| s.id != id);
            if next.snapshots.len() != before {
                next.updated = now;
            }
        }
        Action::RenameSnapshot { id, label, now } => {
            let label = label.trim().to_string();
            if let Some(s) = next.snapshots.iter_mut().find(|s| s.id == id) {
                if s.label != label {
                    s.label = label;
                    next.updated = now;
                }
            }
        }
    }
    next
}

/// Trims evidence references and drops empty ones.
fn clean_evidence(evidence: Vec<String>) -> Vec<String> {
    evidence
        .into_iter()
        .map(|e| e.trim().to_string())
        .filter(|e| !e.is_empty())
        .collect()
}

/// Changes one control's answer (creating an empty one if needed), stamping
/// `changed`/`updated` only when something really changed, and removing the
/// answer (with a tombstone) when it ends up blank.
fn edit_answer(a: &mut Assessment, control: &str, now: Millis, f: impl FnOnce(&mut Answer)) {
    let old = a.answers.get(control).cloned();
    let mut ans = old.clone().unwrap_or_else(|| Answer::empty(now));
    f(&mut ans);
    if ans.is_blank() {
        if old.is_some() {
            a.answers.remove(control);
            a.cleared.insert(control.to_string(), now);
            a.updated = now;
        }
        return;
    }
    let same = old.as_ref().is_some_and(|o| {
        o.option == ans.option
            && o.reason == ans.reason
            && o.note == ans.note
            && o.evidence == ans.evidence
    });
    if same {
        return;
    }
    ans.changed = now;
    a.answers.insert(control.to_string(), ans);
    a.cleared.remove(control);
    a.updated = now;
}

/// Something wrong with one stored answer, to show next to the control.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AnswerProblem {
    /// The answer is for a control the catalog does not have (e.g. after a
    /// catalog update).
    #[error("the catalog has no control `{0}`")]
    UnknownControl(String),
    /// The chosen option is not on the catalog's scale.
    #[error("unknown answer option `{0}`")]
    UnknownOption(String),
    /// The option requires a reason (e.g. not applicable) and none is given.
    #[error("a reason is required for this answer")]
    MissingReason,
}

/// Checks one answer against the catalog; `None` when it is fine.
///
/// An answer with no option chosen yet (only a note or evidence) is fine: it
/// simply counts as unanswered.
pub fn answer_problem(catalog: &Catalog, control: &str, answer: &Answer) -> Option<AnswerProblem> {
    if catalog.control(control).is_none() {
        return Some(AnswerProblem::UnknownControl(control.to_string()));
    }
    if !answer.is_chosen() {
        return None;
    }
    match catalog.option(&answer.option) {
        None => Some(AnswerProblem::UnknownOption(answer.option.clone())),
        Some(o) if answer.lacks_reason(o) => Some(AnswerProblem::MissingReason),
        Some(_) => None,
    }
}

/// Every problem in an assessment's answers, by control id (in id order).
pub fn answer_problems(catalog: &Catalog, a: &Assessment) -> Vec<(String, AnswerProblem)> {
    a.answers
        .iter()
        .filter_map(|(id, ans)| answer_problem(catalog, id, ans).map(|p| (id.clone(), p)))
        .collect()
}

impl Workspace {
    /// The open assessment, if any.
    pub fn active(&self) -> Option<&Assessment> {
        self.get(&self.active)
    }

    /// The assessment with this id.
    pub fn get(&self, id: &str) -> Option<&Assessment> {
        self.entities.iter().find(|e| e.id == id)
    }

    /// The open assessment, to change it.
    pub fn active_mut(&mut self) -> Option<&mut Assessment> {
        let id = self.active.clone();
        self.entities.iter_mut().find(|e| e.id == id)
    }
}

/// A change to the set of entities kept in the browser.
///
/// Ids and times come from the caller. Confirmation of a deletion is the UI's
/// job; the core just deletes.
#[derive(Debug, Clone, PartialEq)]
pub enum WorkspaceAction {
    /// Add an empty assessment and open it. Ignored when `id` is taken.
    Create {
        /// New entity id.
        id: String,
        /// Entity name (trimmed; empty = anonymous).
        name: String,
        /// Catalog to answer.
        catalog_id: String,
        /// Version of that catalog.
        catalog_version: String,
        /// Creation time.
        now: Millis,
    },
    /// Rename an entity.
    Rename {
        /// Entity id.
        id: String,
        /// New name (trimmed; empty = anonymous).
        name: String,
        /// Time of the change.
        now: Millis,
    },
    /// Copy an entity's catalog, targets and answers into a new entity and
    /// open it. Snapshots and tombstones are not copied: they are the
    /// source's history. Ignored when `source` is unknown or `id` is taken.
    Duplicate {
        /// Entity to copy.
        source: String,
        /// New entity id.
        id: String,
        /// Name of the copy, chosen by the UI (e.g. "… (copy)").
        name: String,
        /// Creation time.
        now: Millis,
    },
    /// Delete an entity. If it was open, the next one (else the previous
    /// one) is opened; with none left, `active` becomes empty.
    Delete {
        /// Entity id.
        id: String,
    },
    /// Open an entity. Ignored when the id is unknown.
    SetActive {
        /// Entity id.
        id: String,
    },
    /// Apply an [`Action`] to one entity.
    Update {
        /// Entity id.
        id: String,
        /// The change.
        action: Action,
    },
}

/// Applies a workspace action, returning the new workspace. Pure.
pub fn apply_workspace(w: &Workspace, action: WorkspaceAction) -> Workspace {
    let mut next = w.clone();
    let taken = |id: &str| w.entities.iter().any(|e| e.id == id);
    match action {
        WorkspaceAction::Create {
            id,
            name,
            catalog_id,
            catalog_version,
            now,
        } => {
            if !taken(&id) {
                let mut a = Assessment::new(id.clone(), &catalog_id, &catalog_version, now);
                a.name = name.trim().to_string();
                next.entities.push(a);
                next.active = id;
            }
        }
        WorkspaceAction::Rename { id, name, now } => {
            if let Some(e) = next.entities.iter_mut().find(|e| e.id == id) {
                *e = apply(e, Action::Rename { name, now });
            }
        }
        WorkspaceAction::Duplicate {
            source,
            id,
            name,
            now,
        } => {
            if let (Some(src), false) = (w.get(&source), taken(&id)) {
                let mut a = Assessment::new(id.clone(), &src.catalog_id, &src.catalog_version, now);
                a.name = name.trim().to_string();
                a.target_level = src.target_level.clone();
                a.targets = src.targets.clone();
                a.answers = src.answers.clone();
                next.entities.push(a);
                next.active = id;
            }
        }
        WorkspaceAction::Delete { id } => {
            if let Some(pos) = next.entities.iter().position(|e| e.id == id) {
                next.entities.remove(pos);
                if next.active == id {
                    let pick = next
                        .entities
                        .get(pos)
                        .or_else(|| next.entities.last())
                        .map(|e| e.id.clone());
                    next.active = pick.unwrap_or_default();
                }
            }
        }
        WorkspaceAction::SetActive { id } => {
            if taken(&id) {
                next.active = id;
            }
        }
        WorkspaceAction::Update { id, action } => {
            if let Some(e) = next.entities.iter_mut().find(|e| e.id == id) {
                *e = apply(e, action);
            }
        }
    }
    next
}

#[cfg(test)]
mod test {
    use super::*;

    fn answer(a: &Assessment, control: &str, option: &str, now: Millis) -> Assessment {
        apply(
            a,
            Action::Answer {
                control: control.into(),
                option: option.into(),
                now,
            },
        )
    }

    #[test]
    fn answer_then_clear() {
        let a = Assessment::new("e1", "mini", "1", 0);
        let a = answer(&a, "1", "achieved", 5);
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

    #[test]
    fn every_answer_change_stamps_changed() {
        let a = answer(&Assessment::new("e1", "mini", "1", 0), "1", "na", 1);
        let a = apply(
            &a,
            Action::SetReason {
                control: "1".into(),
                reason: "no plant".into(),
                now: 2,
            },
        );
        assert_eq!((a.answers["1"].changed, a.updated), (2, 2));
        let a = apply(
            &a,
            Action::SetNote {
                control: "1".into(),
                note: "ask IT".into(),
                now: 3,
            },
        );
        assert_eq!(a.answers["1"].changed, 3);
        let a = apply(
            &a,
            Action::SetEvidence {
                control: "1".into(),
                evidence: vec!["  policy.pdf ".into(), "   ".into(), "https://x".into()],
                now: 4,
            },
        );
        assert_eq!(a.answers["1"].evidence, vec!["policy.pdf", "https://x"]);
        assert_eq!(a.answers["1"].changed, 4);
        // Same option again: nothing changes, no new stamp.
        let same = answer(&a, "1", "na", 9);
        assert_eq!(same, a);
        // Option change keeps the texts.
        let b = answer(&a, "1", "achieved", 10);
        assert_eq!(b.answers["1"].note, "ask IT");
        assert_eq!(b.answers["1"].changed, 10);
    }

    #[test]
    fn note_before_option_then_blank_removes() {
        let a = Assessment::new("e1", "mini", "1", 0);
        let a = apply(
            &a,
            Action::SetNote {
                control: "1".into(),
                note: "todo".into(),
                now: 1,
            },
        );
        assert!(!a.answers["1"].is_chosen());
        let a = apply(
            &a,
            Action::SetNote {
                control: "1".into(),
                note: String::new(),
                now: 2,
            },
        );
        assert!(a.answers.is_empty());
        assert_eq!(a.cleared["1"], 2);
    }

    #[test]
    fn snapshots_freeze_answers() {
        let a = answer(&Assessment::new("e1", "mini", "1", 0), "1", "achieved", 1);
        let a = apply(
            &a,
            Action::SetTargetLevel {
                level: Some("Lv2".into()),
                now: 2,
            },
        );
        let a = apply(
            &a,
            Action::TakeSnapshot {
                id: "s1".into(),
                label: " FY2026 ".into(),
                now: 3,
            },
        );
        let a = answer(&a, "1", "not_achieved", 4);
        let s = &a.snapshots[0];
        assert_eq!(s.label, "FY2026");
        assert_eq!(s.taken, 3);
        assert_eq!(s.target_level.as_deref(), Some("Lv2"));
        assert_eq!(s.answers["1"].option, "achieved");
        // A second snapshot with the same id is refused.
        let dup = apply(
            &a,
            Action::TakeSnapshot {
                id: "s1".into(),
                label: "again".into(),
                now: 5,
            },
        );
        assert_eq!(dup.snapshots.len(), 1);
        let a = apply(
            &a,
            Action::RenameSnapshot {
                id: "s1".into(),
                label: "audit".into(),
                now: 6,
            },
        );
        assert_eq!(a.snapshots[0].label, "audit");
        let a = apply(
            &a,
            Action::DeleteSnapshot {
                id: "s1".into(),
                now: 7,
            },
        );
        assert!(a.snapshots.is_empty());
        assert_eq!(a.updated, 7);
    }

    #[test]
    fn targets_override_and_restore() {
        let a = Assessment::new("e1", "nisc", "1", 0);
        let a = apply(
            &a,
            Action::SetTarget {
                control: "m1".into(),
                value: Some(2),
                now: 1,
            },
        );
        assert_eq!(a.targets["m1"], 2);
        let a = apply(
            &a,
            Action::SetTarget {
                control: "m1".into(),
                value: None,
                now: 2,
            },
        );
        assert!(a.targets.is_empty());
        assert_eq!(a.updated, 2);
    }

    fn create(w: &Workspace, id: &str, name: &str) -> Workspace {
        apply_workspace(
            w,
            WorkspaceAction::Create {
                id: id.into(),
                name: name.into(),
                catalog_id: "mini".into(),
                catalog_version: "1".into(),
                now: 1,
            },
        )
    }

    #[test]
    fn workspace_create_duplicate_delete() {
        let w = create(&Workspace::default(), "a", "");
        let w = apply_workspace(
            &w,
            WorkspaceAction::Update {
                id: "a".into(),
                action: Action::Answer {
                    control: "1".into(),
                    option: "achieved".into(),
                    now: 2,
                },
            },
        );
        let w = apply_workspace(
            &w,
            WorkspaceAction::Update {
                id: "a".into(),
                action: Action::TakeSnapshot {
                    id: "s".into(),
                    label: "x".into(),
                    now: 3,
                },
            },
        );
        let w = apply_workspace(
            &w,
            WorkspaceAction::Duplicate {
                source: "a".into(),
                id: "b".into(),
                name: "Sub (copy)".into(),
                now: 4,
            },
        );
        assert_eq!(w.active, "b");
        let b = w.get("b").unwrap();
        assert_eq!(b.answers["1"].option, "achieved");
        assert!(b.snapshots.is_empty());
        assert_eq!(b.name, "Sub (copy)");
        let w = create(&w, "c", "C");
        // Taken id: ignored.
        assert_eq!(create(&w, "c", "other"), w);
        // Delete the open middle one: the next is opened.
        let w = apply_workspace(&w, WorkspaceAction::SetActive { id: "b".into() });
        let w = apply_workspace(&w, WorkspaceAction::Delete { id: "b".into() });
        assert_eq!(w.active, "c");
        // Delete the last: the previous is opened.
        let w = apply_workspace(&w, WorkspaceAction::Delete { id: "c".into() });
        assert_eq!(w.active, "a");
        let w = apply_workspace(&w, WorkspaceAction::Delete { id: "a".into() });
        assert!(w.entities.is_empty());
        assert_eq!(w.active, "");
        assert!(w.active().is_none());
    }

    #[test]
    fn workspace_rename_and_unknown_active() {
        let w = create(&Workspace::default(), "a", "  Parent Co ");
        assert_eq!(w.get("a").unwrap().name, "Parent Co");
        let w = apply_workspace(
            &w,
            WorkspaceAction::Rename {
                id: "a".into(),
                name: "Plant".into(),
                now: 5,
            },
        );
        assert_eq!(w.get("a").unwrap().name, "Plant");
        let w2 = apply_workspace(&w, WorkspaceAction::SetActive { id: "zz".into() });
        assert_eq!(w2.active, "a");
    }
}
