//! The widget's state machine: `reduce(state, msg) -> (state, effects)`.
//!
//! [`SessionState`] is everything one loaded catalog's session shows: the
//! catalog, every assessment kept in the browser, the store's status and the
//! notice above the views. [`reduce`] is pure: ids and times come in the
//! messages ([`Fresh`]), and what must happen outside (write the workspace,
//! delete the stored data) comes out as [`Effect`] values that the browser
//! shell (`state.rs`) runs.
//!
//! Rules kept here:
//! - An assessment of the loaded catalog is always open: the stored active
//!   one if it fits, else the first of this catalog, else a fresh anonymous
//!   one ([`Fresh`]). Deleting the last one, importing, or deleting
//!   everything keeps this true.
//! - The embedding's initial target level applies once, at start, to an open
//!   assessment that has none, and only when the catalog knows the level.
//! - Assessments made against another version of the catalog are carried
//!   over at start, in memory; the notice lists answers to removed controls.
//!   Nothing is written at start then: the stored assessment keeps its
//!   version until the user, with the notice in front of them, changes
//!   something (loading a catalog never rewrites what is stored by itself).
//! - Every change of the workspace asks for one [`Effect::Save`];
//!   [`Msg::DeleteAll`] asks for [`Effect::ClearStorage`] instead, so nothing
//!   is written until the user answers again.
//! - Merging another tab's workspace keeps this tab's open assessment.
//! - When another tab deleted everything ([`Msg::DeletedElsewhere`]), this
//!   tab lets go of the deleted data too: a fresh assessment, the pending
//!   write dropped ([`Effect::Forget`]), nothing written back, and a notice.
//! - A store that turned read-only because another tab wrote newer data says
//!   so ([`Notice::Future`]); a damaged value that could not be backed up is
//!   explained by the banner instead ([`SessionState::not_saving`]).
//! - Choosing an option or confirming an answer records the fingerprint of
//!   the item's text ([`crate::core::review`]); answers without one are
//!   stamped at start and on import (current text when made against the
//!   same catalog text, else "unknown", which asks for a review).
//! - Items added since the last visit are listed in the notice; the item
//!   ids are recorded as seen with the user's next change or dismissal
//!   (or at once on a first visit), so a reload before that lists them again.
//! - Persistent storage is asked for once per visit, after the first save
//!   that holds an answer ([`Effect::AskPersist`]), or when the user asks.
//! - The export reminder is decided once, at start ([`reminder_due`]), so it
//!   never interrupts answering; dismissing or exporting hides it.

use crate::core::assessment::{
    apply_workspace, Action, Assessment, Millis, Workspace, WorkspaceAction,
};
use crate::core::keep::{reminder_due, Unexported};
use crate::core::merge::merge_workspaces;
use crate::core::migrate::migrate_catalog;
use crate::core::outline::IndexedCatalog;
use crate::core::report::{apply_import, content_hash, ImportChoice, ImportError, Incoming};
use crate::core::review::{added_since, item_ids, stamp, stamp_unrecorded, to_review};
use crate::core::store::{Loaded, StoreStatus};
use std::ops::Deref;
use std::rc::Rc;

/// An `Rc` whose equality is identity: cheap props for big shared data.
#[derive(Debug)]
pub struct Shared<T>(pub Rc<T>);

impl<T> Shared<T> {
    /// Shares `value`.
    pub fn new(value: T) -> Self {
        Shared(Rc::new(value))
    }
}

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(Rc::clone(&self.0))
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

/// A fresh id and the current time, for a message that may open a new assessment.
#[derive(Debug, Clone, PartialEq)]
pub struct Fresh {
    /// A random id nobody uses yet.
    pub id: String,
    /// The current time.
    pub now: Millis,
}

/// A notice shown above the views until dismissed.
#[derive(Debug, Clone, PartialEq)]
pub enum Notice {
    /// Stored data was damaged; the raw value (kept under a backup key, or
    /// left in place when no copy could be written), for download.
    Corrupt(Rc<String>),
    /// Stored data is from a newer version.
    Future,
    /// Another tab's changes were merged in.
    Merged,
    /// The catalog changed since the last visit: a new version, items
    /// added, or answered items whose text changed.
    CatalogChanged(CatalogNews),
    /// Another tab deleted all data of this namespace; this tab let go of it.
    DeletedElsewhere,
    /// The browser granted storage access after the user asked: the
    /// answers on screen are being saved from now on.
    StorageGranted,
}

/// What changed in the catalog since the last visit, for the notice.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CatalogNews {
    /// Answers were carried over to a new catalog version (by item id).
    pub version_changed: bool,
    /// Ids of answered items the catalog no longer lists (answers kept).
    pub removed: Vec<String>,
    /// Ids of items added since the last visit.
    pub added: Vec<String>,
    /// Ids of the open assessment's answered items whose text changed since
    /// they were answered.
    pub changed: Vec<String>,
}

/// What the browser said about persistent storage (`navigator.storage`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Persistence {
    /// Not known yet.
    #[default]
    Unknown,
    /// The browser will not evict this site's storage under pressure.
    Persisted,
    /// The storage may be evicted (the browser did not grant persistence).
    NotPersisted,
    /// The browser has no storage manager (persistence cannot be asked for).
    Unsupported,
}

/// What the last import or delete-all did, for the data view to say.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// The confirmed import was applied.
    Imported,
    /// The confirmed import could not be applied.
    ImportFailed(ImportError),
    /// Every stored key of the namespace was deleted.
    DeletedAll,
}

/// The session of one loaded catalog.
#[derive(Debug, Clone, PartialEq)]
pub struct SessionState {
    /// The catalog being answered, with its index.
    pub catalog: Shared<IndexedCatalog>,
    /// Every assessment kept in this browser (of any catalog).
    pub workspace: Workspace,
    /// Counts changes of `workspace`.
    pub revision: u64,
    /// Whether answers can be kept (mirrors the store).
    pub storage: StoreStatus,
    /// Why a readable store is read-only (a damaged value could not be copied).
    pub blocked: Option<StoreStatus>,
    /// The notice above the views.
    pub notice: Option<Notice>,
    /// What the last import or delete-all did.
    pub outcome: Option<Outcome>,
    /// What the browser says about persistent storage.
    pub persistence: Persistence,
    /// Persistent storage was asked for in this visit.
    pub asked_persist: bool,
    /// The export reminder of this visit (changes not yet exported), until
    /// dismissed or exported.
    pub reminder: Option<Unexported>,
}

/// A message to the reducer.
#[derive(Debug, Clone, PartialEq)]
pub enum Msg {
    /// Apply an action to the open assessment.
    Apply(Action),
    /// Create, rename, duplicate or open an entity, or update one.
    Workspace(WorkspaceAction),
    /// Delete an entity (confirmed by the user); when it was the last of
    /// this catalog, a fresh anonymous assessment is opened.
    DeleteEntity {
        /// Entity id.
        id: String,
        /// For the assessment opened if none is left.
        fresh: Fresh,
    },
    /// Merge a workspace another tab saved (per answer, newest wins).
    Merge(Workspace),
    /// Apply an import the user confirmed.
    Import {
        /// What the file holds, read and checked.
        incoming: Rc<Incoming>,
        /// Merge into the entity with the file's id, or add as new.
        choice: ImportChoice,
        /// The id of a new entity, and the time.
        fresh: Fresh,
        /// Name of the file the user picked (kept with the entity to tell
        /// same-name entities apart; see [`source_file_name`]).
        file: String,
    },
    /// Delete everything stored (confirmed by the user) and start afresh.
    DeleteAll {
        /// For the fresh anonymous assessment.
        fresh: Fresh,
    },
    /// Another tab deleted every stored key of the namespace (its storage
    /// event, or a save that found the data gone): drop what this tab shows
    /// and would write, and start afresh.
    DeletedElsewhere {
        /// For the fresh anonymous assessment.
        fresh: Fresh,
    },
    /// What a write to the store reported.
    Saved {
        /// The store's status after the write.
        status: StoreStatus,
        /// Why a readable store is read-only, if it is.
        blocked: Option<StoreStatus>,
        /// The workspace with another tab's answers merged in, if they were.
        merged: Option<Workspace>,
    },
    /// The browser granted storage access (a frame on another site asked on
    /// the user's click) and the shell reopened the store on it: write what
    /// is on screen (merged with what that storage already holds).
    StorageGranted,
    /// Hide the notice (the items listed in it count as seen).
    Dismiss,
    /// What the browser says about persistent storage.
    Persistence(Persistence),
    /// The user asks for persistent storage.
    AskPersist,
    /// The user acknowledged that answers live only in this browser.
    DismissTell,
    /// Hide the export reminder for this visit.
    DismissReminder,
}

/// Something the shell must do after a message.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Write the (new) workspace, debounced.
    Save,
    /// Delete every key of the namespace and drop any pending write.
    ClearStorage,
    /// Drop any pending write and forget the stored data (deleted elsewhere).
    Forget,
    /// Ask the browser for persistent storage; answer with [`Msg::Persistence`].
    AskPersist,
}

impl SessionState {
    /// The session at start: what the store held (migrated to this catalog's
    /// version), an open assessment of this catalog, the initial target
    /// level, and the notice about what was found. Asks for one save, so that
    /// what was made is kept (a second tab opens the same assessment) and a
    /// damaged value, once backed up, is replaced; but none when an
    /// assessment was carried over to this catalog version (see the module rules).
    pub fn start(
        catalog: Shared<IndexedCatalog>,
        loaded: &Loaded,
        target: Option<&str>,
        storage: StoreStatus,
        blocked: Option<StoreStatus>,
        fresh: Fresh,
    ) -> (SessionState, Vec<Effect>) {
        let ws = match loaded {
            Loaded::Found(ws) => ws.clone(),
            _ => Workspace::default(),
        };
        let now = fresh.now;
        let mut workspace = ensure_active(&catalog, ws, fresh);
        let mut orphans = Vec::new();
        let mut migrated = false;
        for e in workspace.entities.iter_mut() {
            if e.catalog_id != catalog.id {
                continue;
            }
            // Answers stored before fingerprints: the current text only when
            // they were made against this version.
            let same_version = e.catalog_version == catalog.version;
            stamp_unrecorded(e, &catalog, same_version);
            if !same_version {
                if let Ok((next, changes)) = migrate_catalog(e, None, &catalog) {
                    *e = next;
                    orphans.extend(changes.orphaned_answers);
                    migrated = true;
                }
            }
        }
        let added = added_since(&catalog, workspace.seen.get(&catalog.id));
        if !workspace.seen.contains_key(&catalog.id) {
            workspace
                .seen
                .insert(catalog.id.clone(), item_ids(&catalog));
        }
        if let (Some(t), Some(a)) = (target, workspace.active()) {
            if a.target_level.is_none() && catalog.level_rank(t).is_some() {
                let id = a.id.clone();
                let action = Action::SetTargetLevel {
                    level: Some(t.to_string()),
                    now,
                };
                workspace = apply_workspace(&workspace, WorkspaceAction::Update { id, action });
            }
        }
        let changed = workspace
            .active()
            .map(|a| to_review(&catalog, a))
            .unwrap_or_default();
        let reminder = workspace.active().and_then(|a| reminder_due(a, now));
        let notice = match loaded {
            Loaded::Corrupt { raw, .. } => Some(Notice::Corrupt(Rc::new(raw.clone()))),
            Loaded::Future(_) => Some(Notice::Future),
            _ if migrated || !added.is_empty() => Some(Notice::CatalogChanged(CatalogNews {
                version_changed: migrated,
                removed: orphans,
                added,
                changed,
            })),
            _ => None,
        };
        let state = SessionState {
            catalog,
            workspace,
            revision: 0,
            storage,
            blocked,
            notice,
            outcome: None,
            persistence: Persistence::Unknown,
            asked_persist: false,
            reminder,
        };
        let effects = if migrated { vec![] } else { vec![Effect::Save] };
        (state, effects)
    }

    /// The open assessment.
    pub fn active(&self) -> Option<&Assessment> {
        self.workspace.active()
    }

    /// Assessments of the loaded catalog, in creation order.
    pub fn entities(&self) -> impl Iterator<Item = &Assessment> {
        self.workspace
            .entities
            .iter()
            .filter(|e| e.catalog_id == self.catalog.id)
    }

    /// Why answers are not being kept, if they are not: the store's status,
    /// or for a read-only store the reason a damaged value could not be
    /// copied (newer data is explained by its notice instead).
    pub fn not_saving(&self) -> Option<StoreStatus> {
        match self.storage {
            StoreStatus::Available => None,
            StoreStatus::ReadOnly => self.blocked,
            s => Some(s),
        }
    }
}

/// Opens an assessment of `catalog`: the active one if it fits, else the
/// first of this catalog, else a fresh anonymous one.
fn ensure_active(catalog: &IndexedCatalog, mut workspace: Workspace, fresh: Fresh) -> Workspace {
    let fits = workspace
        .active()
        .is_some_and(|e| e.catalog_id == catalog.id);
    if fits {
        return workspace;
    }
    match workspace
        .entities
        .iter()
        .find(|e| e.catalog_id == catalog.id)
    {
        Some(e) => {
            workspace.active = e.id.clone();
            workspace
        }
        None => apply_workspace(
            &workspace,
            WorkspaceAction::Create {
                id: fresh.id,
                name: String::new(),
                catalog_id: catalog.id.clone(),
                catalog_version: catalog.version.clone(),
                now: fresh.now,
            },
        ),
    }
}

/// After a deletion the open entity may belong to another catalog (or be
/// none): open the first entity of this catalog instead, if there is one.
fn reopen(catalog: &IndexedCatalog, mut workspace: Workspace) -> Workspace {
    let fits = workspace
        .active()
        .is_some_and(|e| e.catalog_id == catalog.id);
    if !fits {
        if let Some(e) = workspace
            .entities
            .iter()
            .find(|e| e.catalog_id == catalog.id)
        {
            workspace.active = e.id.clone();
        }
    }
    workspace
}

/// Handles one message: the next state and what the shell must do.
pub fn reduce(state: &SessionState, msg: Msg) -> (SessionState, Vec<Effect>) {
    let mut next = state.clone();
    let mut effects = Vec::new();
    let workspace = match msg {
        Msg::Apply(action) => {
            let id = state.workspace.active.clone();
            // Choosing an option or confirming records the text answered.
            let answered = match &action {
                Action::Answer { control, .. } | Action::Confirm { control, .. } => {
                    Some(control.clone())
                }
                _ => None,
            };
            let exported = matches!(action, Action::Exported { .. });
            let mut ws = apply_workspace(&state.workspace, WorkspaceAction::Update { id, action });
            if let (Some(control), Some(a)) = (answered, ws.active_mut()) {
                stamp(a, &state.catalog, &control);
            }
            if exported {
                // A copy exists now, and the user knows how to make one.
                next.reminder = None;
                ws.told = true;
            }
            Some(ws)
        }
        Msg::Workspace(action) => Some(apply_workspace(&state.workspace, action)),
        Msg::DeleteEntity { id, fresh } => {
            let ws = apply_workspace(&state.workspace, WorkspaceAction::Delete { id });
            Some(ensure_active(&state.catalog, ws, fresh))
        }
        Msg::Merge(remote) => {
            next.notice = Some(Notice::Merged);
            Some(merge_keeping_active(&state.workspace, &remote))
        }
        Msg::Import {
            incoming,
            choice,
            fresh,
            file,
        } => match apply_import(&state.workspace, &incoming, choice, &fresh.id) {
            Ok(mut ws) => {
                next.outcome = Some(Outcome::Imported);
                if let Some(e) = ws.active_mut() {
                    e.source_file = source_file_name(&file);
                    imported_to_catalog(e, &incoming, &state.catalog);
                }
                Some(ensure_active(&state.catalog, ws, fresh))
            }
            Err(e) => {
                next.outcome = Some(Outcome::ImportFailed(e));
                None
            }
        },
        Msg::DeleteAll { fresh } => {
            effects.push(Effect::ClearStorage);
            next.outcome = Some(Outcome::DeletedAll);
            // Deleting lifts a read-only store (nothing newer is left to protect).
            if next.storage == StoreStatus::ReadOnly {
                next.storage = StoreStatus::Available;
                next.blocked = None;
            }
            next.workspace = ensure_active(&state.catalog, Workspace::default(), fresh);
            next.revision += 1;
            None
        }
        Msg::DeletedElsewhere { fresh } => {
            effects.push(Effect::Forget);
            next.notice = Some(Notice::DeletedElsewhere);
            next.outcome = None;
            next.workspace = ensure_active(&state.catalog, Workspace::default(), fresh);
            next.revision += 1;
            None
        }
        Msg::Saved {
            status,
            blocked,
            merged,
        } => {
            next.storage = status;
            next.blocked = blocked;
            // The first answer kept: a sensible moment to ask the browser to keep it.
            let has_answer = state
                .active()
                .is_some_and(|a| a.answers.values().any(|x| x.is_chosen()));
            let may_ask = !matches!(
                state.persistence,
                Persistence::Persisted | Persistence::Unsupported
            );
            if status == StoreStatus::Available && has_answer && may_ask && !state.asked_persist {
                next.asked_persist = true;
                effects.push(Effect::AskPersist);
            }
            // Another tab wrote data of a newer build: say why nothing is saved.
            if status == StoreStatus::ReadOnly && blocked.is_none() {
                next.notice = Some(Notice::Future);
            }
            merged.map(|m| {
                next.notice = Some(Notice::Merged);
                merge_keeping_active(&state.workspace, &m)
            })
        }
        Msg::StorageGranted => {
            effects.push(Effect::Save);
            next.notice = Some(Notice::StorageGranted);
            None
        }
        Msg::Dismiss => {
            next.notice = None;
            let mut ws = state.workspace.clone();
            record_seen(&mut ws, &state.catalog);
            Some(ws)
        }
        Msg::Persistence(p) => {
            next.persistence = p;
            None
        }
        Msg::AskPersist => {
            next.asked_persist = true;
            effects.push(Effect::AskPersist);
            None
        }
        Msg::DismissTell => {
            let mut ws = state.workspace.clone();
            ws.told = true;
            Some(ws)
        }
        Msg::DismissReminder => {
            next.reminder = None;
            None
        }
    };
    if let Some(ws) = workspace {
        let mut ws = reopen(&state.catalog, ws);
        if ws != state.workspace {
            // Changed with the catalog in front of the user: its items are seen.
            record_seen(&mut ws, &state.catalog);
        }
        // Compared after recording: a merge that only reordered seen items writes nothing.
        if ws != state.workspace {
            next.workspace = ws;
            next.revision += 1;
            effects.push(Effect::Save);
        }
    }
    (next, effects)
}

/// Records the catalog's item ids as seen (items added since are listed next time).
fn record_seen(ws: &mut Workspace, catalog: &IndexedCatalog) {
    let ids = item_ids(catalog);
    if ws.seen.get(&catalog.id) != Some(&ids) {
        ws.seen.insert(catalog.id.clone(), ids);
    }
}

/// Longest file name kept with an imported entity, in characters.
pub const MAX_SOURCE_FILE_CHARS: usize = 120;

/// The name kept for an imported entity's file: without any folder part,
/// trimmed, cut to [`MAX_SOURCE_FILE_CHARS`]; `None` when nothing is left.
pub fn source_file_name(file: &str) -> Option<String> {
    let base = file.rsplit(['/', '\\']).next().unwrap_or("").trim();
    let mut chars: Vec<char> = base.chars().filter(|c| !c.is_control()).collect();
    if chars.len() > MAX_SOURCE_FILE_CHARS {
        chars.truncate(MAX_SOURCE_FILE_CHARS - 1);
        chars.push('…');
    }
    (!chars.is_empty()).then(|| chars.into_iter().collect())
}

/// An imported assessment of the loaded catalog, brought to its version:
/// answers from a file without fingerprints (format 1) are stamped with the
/// current text only when the file names the same catalog text (version and
/// content hash), else marked for review; then it is carried over to the
/// catalog's version (the user confirmed the import).
fn imported_to_catalog(e: &mut Assessment, file: &Incoming, catalog: &IndexedCatalog) {
    if e.catalog_id != catalog.id {
        return;
    }
    let same_text = file.assessment.catalog_version == catalog.version
        && file.content_hash == content_hash(catalog);
    stamp_unrecorded(e, catalog, same_text);
    if let Ok((next, _)) = migrate_catalog(e, None, catalog) {
        *e = next;
    }
}

/// Merges `remote` into `ours`, keeping our open assessment when it still exists.
fn merge_keeping_active(ours: &Workspace, remote: &Workspace) -> Workspace {
    let mut m = merge_workspaces(ours, remote);
    // The open entity is this tab's choice, not the other tab's.
    if m.entities.iter().any(|e| e.id == ours.active) {
        m.active = ours.active.clone();
    }
    m
}

#[cfg(test)]
mod test {
    use super::*;
    use crate::core::report::{export_doc, ExportDoc};
    use crate::core::review::to_review;
    use crate::core::stored::StoredError;

    const CAT: &str = r#"{
      "format": 1, "id": "mini", "version": "2", "title": {"ja": "ミニ"},
      "publisher": {"ja": "p"}, "issued": "2024-01-01", "source": {"title": "s"},
      "levels": [{"id": "Lv1", "name": {"ja": "Lv1"}}, {"id": "Lv2", "name": {"ja": "Lv2"}}],
      "scale": {"kind": "status", "options": [
        {"id": "achieved", "label": {"ja": "達成"}, "achieved": true, "credit": 1},
        {"id": "not_achieved", "label": {"ja": "未達成"}}]},
      "groups": [{"id": "g1", "number": "1", "title": {"ja": "方針"}}],
      "controls": [
        {"id": "c1", "group": "g1", "level": "Lv1", "statements": [{"kind": "condition", "text": "a"}]},
        {"id": "c2", "group": "g1", "level": "Lv2", "statements": [{"kind": "condition", "text": "b"}]}
      ]}"#;

    fn catalog() -> Shared<IndexedCatalog> {
        Shared::new(crate::core::outline::parse(CAT).expect("fixture parses"))
    }

    fn fresh(id: &str) -> Fresh {
        Fresh {
            id: id.into(),
            now: 100,
        }
    }

    fn entity(id: &str, catalog_id: &str, version: &str) -> Assessment {
        Assessment::new(id, catalog_id, version, 1)
    }

    fn ws(entities: Vec<Assessment>, active: &str) -> Workspace {
        Workspace {
            entities,
            active: active.into(),
            ..Workspace::default()
        }
    }

    fn start_with(loaded: Loaded, target: Option<&str>) -> SessionState {
        start_effects(loaded, target).0
    }

    fn start_effects(loaded: Loaded, target: Option<&str>) -> (SessionState, Vec<Effect>) {
        SessionState::start(
            catalog(),
            &loaded,
            target,
            StoreStatus::Available,
            None,
            fresh("new"),
        )
    }

    fn started(entities: Vec<Assessment>, active: &str) -> SessionState {
        start_with(Loaded::Found(ws(entities, active)), None)
    }

    fn ids(s: &SessionState) -> Vec<&str> {
        s.workspace.entities.iter().map(|e| e.id.as_str()).collect()
    }

    fn answer(control: &str, option: &str, now: Millis) -> Msg {
        Msg::Apply(Action::Answer {
            control: control.into(),
            option: option.into(),
            now,
        })
    }

    // ------------------------------------------------------------ start

    #[test]
    fn start_opens_an_assessment_of_this_catalog() {
        // (stored entities, stored active, open after start, entity ids)
        let cases: Vec<(Vec<Assessment>, &str, &str, Vec<&str>)> = vec![
            (vec![], "", "new", vec!["new"]),
            (vec![entity("a", "mini", "2")], "a", "a", vec!["a"]),
            (
                vec![entity("a", "mini", "2"), entity("b", "mini", "2")],
                "b",
                "b",
                vec!["a", "b"],
            ),
            (
                vec![entity("x", "other", "1"), entity("a", "mini", "2")],
                "x",
                "a",
                vec!["x", "a"],
            ),
            (vec![entity("a", "mini", "2")], "gone", "a", vec!["a"]),
            (
                vec![entity("x", "other", "1")],
                "x",
                "new",
                vec!["x", "new"],
            ),
        ];
        for (entities, active, open, want) in cases {
            let s = started(entities, active);
            assert_eq!(s.workspace.active, open, "stored active {active}");
            assert_eq!(ids(&s), want);
            assert_eq!(s.notice, None);
        }
    }

    #[test]
    fn start_asks_for_one_save() {
        for loaded in [
            Loaded::Empty,
            Loaded::Found(ws(vec![entity("a", "mini", "2")], "a")),
        ] {
            assert_eq!(start_effects(loaded, None).1, vec![Effect::Save]);
        }
    }

    #[test]
    fn start_writes_nothing_when_it_carried_answers_over_to_a_new_version() {
        let (s, effects) =
            start_effects(Loaded::Found(ws(vec![entity("a", "mini", "1")], "a")), None);
        assert_eq!(
            effects,
            vec![],
            "the stored version is not rewritten at start"
        );
        assert!(matches!(s.notice, Some(Notice::CatalogChanged(_))));
        // The user's next change is saved, with the notice in front of them.
        let (_, e) = reduce(&s, answer("c1", "achieved", 5));
        assert_eq!(e, vec![Effect::Save]);
    }

    #[test]
    fn start_applies_the_initial_target_once() {
        let mut with_target = entity("a", "mini", "2");
        with_target.target_level = Some("Lv1".into());
        // (stored target, option, target after start)
        let cases = [
            (None, Some("Lv2"), Some("Lv2")),
            (None, Some("Lv9"), None),
            (None, None, None),
            (Some(with_target.clone()), Some("Lv2"), Some("Lv1")),
        ];
        for (stored, option, want) in cases {
            let e = stored.unwrap_or_else(|| entity("a", "mini", "2"));
            let s = start_with(Loaded::Found(ws(vec![e], "a")), option);
            let got = s.active().and_then(|a| a.target_level.clone());
            assert_eq!(got.as_deref(), want, "option {option:?}");
        }
        // A fresh assessment gets it too.
        let s = start_with(Loaded::Empty, Some("Lv2"));
        assert_eq!(
            s.active().and_then(|a| a.target_level.as_deref()),
            Some("Lv2")
        );
    }

    #[test]
    fn start_says_what_it_found() {
        let damaged = Loaded::Corrupt {
            backup_key: Some("k".into()),
            raw: "oops".into(),
            error: StoredError::NoVersion,
        };
        let future = Loaded::Future(StoredError::FutureVersion {
            found: 9,
            supported: 2,
        });
        let mut old = entity("a", "mini", "1");
        old.answers.insert(
            "gone".into(),
            crate::core::assessment::Answer {
                option: "achieved".into(),
                ..crate::core::assessment::Answer::empty(1)
            },
        );
        let cases = [
            (Loaded::Empty, None),
            (damaged, Some(Notice::Corrupt(Rc::new("oops".into())))),
            (future, Some(Notice::Future)),
            (
                Loaded::Found(ws(vec![old], "a")),
                Some(Notice::CatalogChanged(CatalogNews {
                    version_changed: true,
                    removed: vec!["gone".into()],
                    ..CatalogNews::default()
                })),
            ),
        ];
        for (loaded, want) in cases {
            let s = start_with(loaded.clone(), None);
            assert_eq!(s.notice, want, "{loaded:?}");
        }
        let s = started(vec![entity("a", "mini", "1")], "a");
        assert_eq!(
            s.active().map(|a| a.catalog_version.as_str()),
            Some("2"),
            "migrated"
        );
    }

    // ------------------------------------------------------------ answers and entities

    #[test]
    fn a_change_asks_for_one_save_and_no_change_for_none() {
        let s = started(vec![entity("a", "mini", "2")], "a");
        let (s1, e1) = reduce(&s, answer("c1", "achieved", 5));
        assert_eq!(e1, vec![Effect::Save]);
        assert_eq!(s1.revision, s.revision + 1);
        assert_eq!(s1.active().map(|a| a.answers.len()), Some(1));
        // The same answer again changes nothing.
        let (s2, e2) = reduce(&s1, answer("c1", "achieved", 6));
        assert_eq!((e2, s2.revision), (vec![], s1.revision));
        // Opening an unknown entity changes nothing either.
        let (_, e3) = reduce(
            &s1,
            Msg::Workspace(WorkspaceAction::SetActive { id: "nope".into() }),
        );
        assert!(e3.is_empty());
    }

    #[test]
    fn workspace_actions_keep_an_assessment_of_this_catalog_open() {
        let s = started(
            vec![entity("a", "mini", "2"), entity("x", "other", "1")],
            "a",
        );
        // Opening another catalog's entity does not leave this catalog.
        let (s1, _) = reduce(
            &s,
            Msg::Workspace(WorkspaceAction::SetActive { id: "x".into() }),
        );
        assert_eq!(s1.workspace.active, "a");
        let create = WorkspaceAction::Create {
            id: "b".into(),
            name: " B社 ".into(),
            catalog_id: "mini".into(),
            catalog_version: "2".into(),
            now: 3,
        };
        let (s2, e2) = reduce(&s, Msg::Workspace(create));
        assert_eq!(
            (s2.workspace.active.as_str(), e2),
            ("b", vec![Effect::Save])
        );
        assert_eq!(s2.active().map(|a| a.name.as_str()), Some("B社"));
    }

    #[test]
    fn deleting_an_entity_opens_another_or_a_fresh_one() {
        /// (entities, open, deleted, open after, ids after)
        type Case<'a> = (Vec<Assessment>, &'a str, &'a str, &'a str, Vec<&'a str>);
        let cases: Vec<Case> = vec![
            (
                vec![entity("a", "mini", "2"), entity("b", "mini", "2")],
                "a",
                "a",
                "b",
                vec!["b"],
            ),
            (
                vec![entity("a", "mini", "2"), entity("b", "mini", "2")],
                "a",
                "b",
                "a",
                vec!["a"],
            ),
            (
                vec![entity("a", "mini", "2")],
                "a",
                "a",
                "new2",
                vec!["new2"],
            ),
            (
                vec![entity("a", "mini", "2"), entity("x", "other", "1")],
                "a",
                "a",
                "new2",
                vec!["x", "new2"],
            ),
            (
                vec![
                    entity("x", "other", "1"),
                    entity("a", "mini", "2"),
                    entity("b", "mini", "2"),
                ],
                "b",
                "b",
                "a",
                vec!["x", "a"],
            ),
        ];
        for (entities, open, deleted, want_open, want_ids) in cases {
            let s = started(entities, open);
            let (s1, effects) = reduce(
                &s,
                Msg::DeleteEntity {
                    id: deleted.into(),
                    fresh: fresh("new2"),
                },
            );
            assert_eq!(s1.workspace.active, want_open, "deleting {deleted}");
            assert_eq!(ids(&s1), want_ids);
            assert_eq!(effects, vec![Effect::Save]);
        }
    }

    // ------------------------------------------------------------ other tabs

    #[test]
    fn merging_another_tab_keeps_our_open_entity_and_says_so() {
        let s = started(
            vec![entity("a", "mini", "2"), entity("b", "mini", "2")],
            "a",
        );
        let (theirs, _) = reduce(&s, answer("c1", "achieved", 50));
        let mut remote = theirs.workspace.clone();
        remote.active = "b".into();
        let (s1, effects) = reduce(&s, Msg::Merge(remote));
        assert_eq!(s1.workspace.active, "a");
        assert_eq!(s1.active().map(|a| a.answers.len()), Some(1));
        assert_eq!(s1.notice, Some(Notice::Merged));
        assert_eq!(effects, vec![Effect::Save]);
    }

    #[test]
    fn a_save_report_updates_status_notice_and_answers() {
        let s = started(vec![entity("a", "mini", "2")], "a");
        let (theirs, _) = reduce(&s, answer("c2", "achieved", 50));
        // (status, blocked, merged, notice, answers after)
        let cases = [
            (StoreStatus::Available, None, None, None, 0),
            (StoreStatus::QuotaExceeded, None, None, None, 0),
            (StoreStatus::ReadOnly, None, None, Some(Notice::Future), 0),
            (
                StoreStatus::ReadOnly,
                Some(StoreStatus::QuotaExceeded),
                None,
                None,
                0,
            ),
            (
                StoreStatus::Available,
                None,
                Some(theirs.workspace.clone()),
                Some(Notice::Merged),
                1,
            ),
        ];
        for (status, blocked, merged, notice, answers) in cases {
            let (s1, _) = reduce(
                &s,
                Msg::Saved {
                    status,
                    blocked,
                    merged,
                },
            );
            assert_eq!((s1.storage, s1.blocked), (status, blocked));
            assert_eq!(s1.notice, notice, "{status:?} {blocked:?}");
            assert_eq!(s1.active().map(|a| a.answers.len()), Some(answers));
        }
    }

    #[test]
    fn not_saving_explains_the_banner() {
        let s = started(vec![], "");
        // (status, blocked, banner)
        let cases = [
            (StoreStatus::Available, None, None),
            (
                StoreStatus::Unavailable,
                None,
                Some(StoreStatus::Unavailable),
            ),
            (
                StoreStatus::QuotaExceeded,
                None,
                Some(StoreStatus::QuotaExceeded),
            ),
            (StoreStatus::ReadOnly, None, None),
            (
                StoreStatus::ReadOnly,
                Some(StoreStatus::QuotaExceeded),
                Some(StoreStatus::QuotaExceeded),
            ),
        ];
        for (storage, blocked, want) in cases {
            let s = SessionState {
                storage,
                blocked,
                ..s.clone()
            };
            assert_eq!(s.not_saving(), want);
        }
    }

    #[test]
    fn granted_storage_saves_what_is_on_screen() {
        let s = SessionState {
            storage: StoreStatus::Unavailable,
            ..started(vec![], "")
        };
        let (answered, _) = reduce(&s, answer("c1", "achieved", 50));
        let (next, effects) = reduce(&answered, Msg::StorageGranted);
        assert_eq!(
            effects,
            vec![Effect::Save],
            "one write of the answers shown"
        );
        assert_eq!(
            next.workspace, answered.workspace,
            "nothing on screen changes"
        );
        assert_eq!(next.notice, Some(Notice::StorageGranted));
        // The banner goes once that write reports success.
        let (saved, _) = reduce(
            &next,
            Msg::Saved {
                status: StoreStatus::Available,
                blocked: None,
                merged: None,
            },
        );
        assert_eq!(saved.not_saving(), None);
    }

    // ------------------------------------------------------------ import

    #[test]
    fn the_kept_file_name_has_no_folders_and_a_bounded_length() {
        let long = "あ".repeat(200);
        let cases: [(&str, Option<String>); 5] = [
            ("a/b/c.json", Some("c.json".into())),
            ("  c.json ", Some("c.json".into())),
            ("dir/", None),
            ("", None),
            (
                &long,
                Some(format!("{}…", "あ".repeat(MAX_SOURCE_FILE_CHARS - 1))),
            ),
        ];
        for (file, want) in cases {
            assert_eq!(source_file_name(file), want, "{file}");
        }
    }

    #[test]
    fn a_confirmed_import_is_applied_and_opened() {
        let s = started(vec![entity("a", "mini", "2")], "a");
        let (answered, _) = reduce(&s, answer("c1", "achieved", 50));
        let doc = Rc::new(
            export_doc(&s.catalog, answered.active().expect("open"), 60)
                .expect("exports")
                .incoming(),
        );
        // (choice, ids after, open after)
        let cases = [
            (ImportChoice::Merge, vec!["a"], "a"),
            (ImportChoice::AsNew, vec!["a", "imp"], "imp"),
        ];
        for (choice, want_ids, want_open) in cases {
            let msg = Msg::Import {
                incoming: doc.clone(),
                choice,
                fresh: fresh("imp"),
                file: "C:\\Users\\me\\Downloads\\selfcheck-mini-2026-12-01.json".into(),
            };
            let (s1, effects) = reduce(&s, msg);
            assert_eq!(ids(&s1), want_ids, "{choice:?}");
            assert_eq!(s1.workspace.active, want_open);
            assert_eq!(s1.active().map(|a| a.answers.len()), Some(1));
            // The entity says which file it came from (name only, no folders).
            assert_eq!(
                s1.active().and_then(|a| a.source_file.as_deref()),
                Some("selfcheck-mini-2026-12-01.json"),
                "{choice:?}"
            );
            assert_eq!(s1.outcome, Some(Outcome::Imported));
            assert_eq!(effects, vec![Effect::Save]);
        }
    }

    #[test]
    fn an_import_that_cannot_be_applied_changes_nothing_and_says_why() {
        let s = started(vec![entity("a", "mini", "2")], "a");
        let doc = Rc::new(
            export_doc(&s.catalog, s.active().expect("open"), 60)
                .expect("exports")
                .incoming(),
        );
        // "a" is taken: a new entity cannot use it.
        let msg = Msg::Import {
            incoming: doc,
            choice: ImportChoice::AsNew,
            fresh: fresh("a"),
            file: "a.json".into(),
        };
        let (s1, effects) = reduce(&s, msg);
        assert_eq!(s1.workspace, s.workspace);
        assert_eq!(
            s1.outcome,
            Some(Outcome::ImportFailed(ImportError::IdInUse("a".into())))
        );
        assert!(effects.is_empty());
    }

    // ------------------------------------------------------------ catalog updates under answers

    /// The fixture catalog as version 3: c1's condition reworded, c3 added.
    fn updated_catalog() -> Shared<IndexedCatalog> {
        let text = CAT
            .replace(r#""version": "2""#, r#""version": "3""#)
            .replace(r#""text": "a"}"#, r#""text": "a (revised)"}"#)
            .replace(
                r#"{"id": "c2","#,
                r#"{"id": "c3", "group": "g1", "level": "Lv1", "statements": [{"kind": "condition", "text": "new"}]},
        {"id": "c2","#,
            );
        Shared::new(crate::core::outline::parse(&text).expect("updated fixture parses"))
    }

    fn start_on(catalog: Shared<IndexedCatalog>, ws: Workspace, now: Millis) -> SessionState {
        let fresh = Fresh {
            id: "new".into(),
            now,
        };
        SessionState::start(
            catalog,
            &Loaded::Found(ws),
            None,
            StoreStatus::Available,
            None,
            fresh,
        )
        .0
    }

    #[test]
    fn an_item_reworded_under_an_answer_is_marked_and_added_items_listed() {
        let s = started(vec![entity("a", "mini", "2")], "a");
        let (s, _) = reduce(&s, answer("c1", "achieved", 5));
        let (s, _) = reduce(&s, answer("c2", "not_achieved", 6));
        let stored = s.workspace.clone();
        let s2 = start_on(updated_catalog(), stored.clone(), 10);
        let news = match &s2.notice {
            Some(Notice::CatalogChanged(n)) => n.clone(),
            other => panic!("expected the catalog notice, got {other:?}"),
        };
        assert_eq!(news.added, vec!["c3".to_string()]);
        assert_eq!(news.changed, vec!["c1".to_string()]);
        assert!(news.version_changed);
        let a = s2.active().expect("open");
        assert_eq!(to_review(&s2.catalog, a), vec!["c1".to_string()]);
        assert_eq!(a.answers["c1"].option, "achieved", "the answer is kept");
        assert_eq!(a.answers["c2"].option, "not_achieved");
        // Confirming keeps the answer and clears the mark; it is saved.
        let (s3, e) = reduce(
            &s2,
            Msg::Apply(Action::Confirm {
                control: "c1".into(),
                now: 11,
            }),
        );
        assert_eq!(e, vec![Effect::Save]);
        let a = s3.active().expect("open");
        assert!(to_review(&s3.catalog, a).is_empty());
        assert_eq!(a.answers["c1"].option, "achieved");
        // The change recorded the items as seen: the next visit lists nothing as added.
        let s4 = start_on(updated_catalog(), s3.workspace.clone(), 12);
        assert_eq!(s4.notice, None);
        // Without a change, a reload lists the added item again; a dismissal records it.
        let again = start_on(updated_catalog(), stored.clone(), 13);
        assert!(matches!(&again.notice, Some(Notice::CatalogChanged(n)) if n.added == ["c3"]));
        let (dismissed, e) = reduce(&again, Msg::Dismiss);
        assert_eq!(e, vec![Effect::Save]);
        let s5 = start_on(updated_catalog(), dismissed.workspace.clone(), 14);
        assert!(!matches!(&s5.notice, Some(Notice::CatalogChanged(n)) if !n.added.is_empty()));
        // Still to review: dismissing the notice is not a review.
        assert_eq!(
            to_review(&s5.catalog, s5.active().expect("open")),
            vec!["c1".to_string()]
        );
    }

    #[test]
    fn answers_stored_before_fingerprints_are_current_only_for_the_same_version() {
        let mut same = entity("a", "mini", "2");
        let mut older = entity("b", "other-copy", "1");
        for e in [&mut same, &mut older] {
            e.answers.insert(
                "c1".into(),
                crate::core::assessment::Answer {
                    option: "achieved".into(),
                    ..crate::core::assessment::Answer::empty(1)
                },
            );
        }
        older.catalog_id = "mini".into();
        for (e, want) in [(same, 0), (older, 1)] {
            let id = e.id.clone();
            let s = start_on(catalog(), ws(vec![e], &id), 10);
            let a = s.active().expect("open");
            assert_eq!(to_review(&s.catalog, a).len(), want, "{id}");
            assert_eq!(a.answers["c1"].option, "achieved");
        }
    }

    #[test]
    fn an_import_made_against_another_version_is_marked_for_review() {
        let s = started(vec![entity("a", "mini", "2")], "a");
        let (answered, _) = reduce(&s, answer("c1", "achieved", 50));
        let mut doc =
            export_doc(&s.catalog, answered.active().expect("open"), 60).expect("exports");
        // A format-1 file (no fingerprints) of the same version: current.
        for a in doc.answers.values_mut() {
            a.fp.clear();
        }
        let import = |doc: &ExportDoc, on: &SessionState| {
            let msg = Msg::Import {
                incoming: Rc::new(doc.incoming()),
                choice: ImportChoice::AsNew,
                fresh: fresh("imp"),
                file: "imp.json".into(),
            };
            reduce(on, msg).0
        };
        let s1 = import(&doc, &s);
        assert!(to_review(&s1.catalog, s1.active().expect("open")).is_empty());
        // The same file opened with version 3 (c1 reworded): marked, and carried over to version 3.
        let on_v3 = start_on(
            updated_catalog(),
            ws(vec![entity("x", "mini", "3")], "x"),
            10,
        );
        let s2 = import(&doc, &on_v3);
        let a = s2.active().expect("open");
        assert_eq!(a.catalog_version, "3");
        assert_eq!(to_review(&s2.catalog, a), vec!["c1".to_string()]);
        // A format-2 file carries its fingerprints: only the reworded item is marked.
        let (both, _) = reduce(&answered, answer("c2", "achieved", 55));
        let doc2 = export_doc(&s.catalog, both.active().expect("open"), 60).expect("exports");
        let s3 = import(&doc2, &on_v3);
        assert_eq!(
            to_review(&s3.catalog, s3.active().expect("open")),
            vec!["c1".to_string()]
        );
    }

    #[test]
    fn another_tab_on_another_catalog_converges_without_more_writes() {
        // Two tabs of one namespace on two catalogs: each records its own
        // catalog's items; merging each other's writes settles (no write loop).
        let a = started(vec![entity("a", "mini", "2")], "a");
        let other = {
            let text = CAT.replace(r#""id": "mini""#, r#""id": "other""#);
            Shared::new(crate::core::outline::parse(&text).expect("parses"))
        };
        let b = start_on(other, a.workspace.clone(), 10);
        let (a1, e) = reduce(&a, Msg::Merge(b.workspace.clone()));
        assert_eq!(e, vec![Effect::Save], "b's seen items are new to a");
        let (b1, e) = reduce(&b, Msg::Merge(a1.workspace.clone()));
        assert_eq!(e, vec![], "nothing new for b");
        let (_, e) = reduce(&a1, Msg::Merge(b1.workspace.clone()));
        assert_eq!(e, vec![], "nothing new for a: no write loop");
    }

    // ------------------------------------------------------------ keeping a copy

    #[test]
    fn persistent_storage_is_asked_for_once_after_the_first_answer_is_saved() {
        let saved = Msg::Saved {
            status: StoreStatus::Available,
            blocked: None,
            merged: None,
        };
        let s = started(vec![entity("a", "mini", "2")], "a");
        // Nothing answered yet: not asked.
        let (s, e) = reduce(&s, saved.clone());
        assert_eq!(e, vec![]);
        let (s, _) = reduce(&s, answer("c1", "achieved", 5));
        let (s, e) = reduce(&s, saved.clone());
        assert_eq!(e, vec![Effect::AskPersist]);
        let (s, _) = reduce(&s, Msg::Persistence(Persistence::NotPersisted));
        let (s, _) = reduce(&s, answer("c2", "achieved", 6));
        let (s, e) = reduce(&s, saved.clone());
        assert_eq!(e, vec![], "once per visit");
        assert_eq!(s.persistence, Persistence::NotPersisted);
        // The user may ask again.
        let (_, e) = reduce(&s, Msg::AskPersist);
        assert_eq!(e, vec![Effect::AskPersist]);
        // Already persisted: never asked.
        let p = started(vec![entity("a", "mini", "2")], "a");
        let (p, _) = reduce(&p, Msg::Persistence(Persistence::Persisted));
        let (p, _) = reduce(&p, answer("c1", "achieved", 5));
        assert_eq!(reduce(&p, saved).1, vec![]);
    }

    #[test]
    fn the_export_reminder_is_decided_at_start_and_hidden_by_an_export() {
        const DAY: Millis = 24 * 60 * 60 * 1000;
        let s = started(vec![entity("a", "mini", "2")], "a");
        let (s, _) = reduce(&s, answer("c1", "achieved", DAY));
        assert_eq!(s.reminder, None, "never while answering");
        let later = start_on(catalog(), s.workspace.clone(), 5 * DAY);
        assert_eq!(later.reminder.map(|u| u.count), Some(1));
        assert!(!later.workspace.told);
        let (dismissed, e) = reduce(&later, Msg::DismissReminder);
        assert_eq!((dismissed.reminder, e), (None, vec![]));
        let (exported, e) = reduce(&later, Msg::Apply(Action::Exported { now: 5 * DAY }));
        assert_eq!(e, vec![Effect::Save]);
        assert_eq!(exported.reminder, None);
        assert!(
            exported.workspace.told,
            "exporting is knowing how to keep a copy"
        );
        let next_visit = start_on(catalog(), exported.workspace.clone(), 9 * DAY);
        assert_eq!(
            next_visit.reminder, None,
            "nothing changed since the export"
        );
        let (told, e) = reduce(&later, Msg::DismissTell);
        assert!(told.workspace.told);
        assert_eq!(e, vec![Effect::Save]);
    }

    // ------------------------------------------------------------ delete all, dismiss

    #[test]
    fn delete_all_clears_storage_and_saves_nothing() {
        let s = started(
            vec![entity("a", "mini", "2"), entity("x", "other", "1")],
            "a",
        );
        let s = SessionState {
            storage: StoreStatus::ReadOnly,
            ..s
        };
        let (s1, effects) = reduce(&s, Msg::DeleteAll { fresh: fresh("z") });
        assert_eq!(
            effects,
            vec![Effect::ClearStorage],
            "no save until the user answers again"
        );
        assert_eq!(ids(&s1), vec!["z"]);
        assert_eq!(s1.outcome, Some(Outcome::DeletedAll));
        assert_eq!(s1.storage, StoreStatus::Available);
        // The next answer is saved as usual.
        let (_, e2) = reduce(&s1, answer("c1", "achieved", 200));
        assert_eq!(e2, vec![Effect::Save]);
    }

    #[test]
    fn data_deleted_in_another_tab_is_let_go_and_not_saved() {
        let s = started(vec![entity("a", "mini", "2")], "a");
        let (s, _) = reduce(&s, answer("c1", "achieved", 5));
        let (s1, effects) = reduce(&s, Msg::DeletedElsewhere { fresh: fresh("z") });
        assert_eq!(effects, vec![Effect::Forget], "nothing written back");
        assert_eq!(ids(&s1), vec!["z"]);
        assert_eq!(s1.active().map(|a| a.answers.len()), Some(0));
        assert_eq!(s1.notice, Some(Notice::DeletedElsewhere));
        let (_, e2) = reduce(&s1, answer("c2", "achieved", 200));
        assert_eq!(e2, vec![Effect::Save], "new answers are saved again");
    }

    #[test]
    fn dismiss_hides_the_notice_only() {
        let mut s = started(vec![entity("a", "mini", "2")], "a");
        s.notice = Some(Notice::Merged);
        let (s1, effects) = reduce(&s, Msg::Dismiss);
        assert_eq!((s1.notice, effects), (None, vec![]));
        assert_eq!(s1.workspace, s.workspace);
    }
}
