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

use crate::core::assessment::{
    apply_workspace, Action, Assessment, Millis, Workspace, WorkspaceAction,
};
use crate::core::merge::merge_workspaces;
use crate::core::migrate::migrate_catalog;
use crate::core::outline::IndexedCatalog;
use crate::core::report::{apply_import, ExportDoc, ImportChoice, ImportError};
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
    /// Answers were carried over to a new catalog version; the ids of
    /// answered controls the new version no longer has.
    CatalogChanged(Vec<String>),
    /// Another tab deleted all data of this namespace; this tab let go of it.
    DeletedElsewhere,
    /// The browser granted storage access after the user asked: the
    /// answers on screen are being saved from now on.
    StorageGranted,
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
        /// The parsed file.
        doc: Rc<ExportDoc>,
        /// Merge into the entity with the file's id, or add as new.
        choice: ImportChoice,
        /// The id of a new entity, and the time.
        fresh: Fresh,
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
    /// Hide the notice.
    Dismiss,
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
            if e.catalog_id == catalog.id && e.catalog_version != catalog.version {
                if let Ok((next, changes)) = migrate_catalog(e, None, &catalog) {
                    *e = next;
                    orphans.extend(changes.orphaned_answers);
                    migrated = true;
                }
            }
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
        let notice = match loaded {
            Loaded::Corrupt { raw, .. } => Some(Notice::Corrupt(Rc::new(raw.clone()))),
            Loaded::Future(_) => Some(Notice::Future),
            _ if migrated => Some(Notice::CatalogChanged(orphans)),
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
            Some(apply_workspace(
                &state.workspace,
                WorkspaceAction::Update { id, action },
            ))
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
        Msg::Import { doc, choice, fresh } => {
            match apply_import(&state.workspace, &doc, choice, &fresh.id) {
                Ok(ws) => {
                    next.outcome = Some(Outcome::Imported);
                    Some(ensure_active(&state.catalog, ws, fresh))
                }
                Err(e) => {
                    next.outcome = Some(Outcome::ImportFailed(e));
                    None
                }
            }
        }
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
            None
        }
    };
    if let Some(ws) = workspace {
        let ws = reopen(&state.catalog, ws);
        if ws != state.workspace {
            next.workspace = ws;
            next.revision += 1;
            effects.push(Effect::Save);
        }
    }
    (next, effects)
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
    use crate::core::report::export_doc;
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
                Some(Notice::CatalogChanged(vec!["gone".into()])),
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
    fn a_confirmed_import_is_applied_and_opened() {
        let s = started(vec![entity("a", "mini", "2")], "a");
        let (answered, _) = reduce(&s, answer("c1", "achieved", 50));
        let doc =
            Rc::new(export_doc(&s.catalog, answered.active().expect("open"), 60).expect("exports"));
        // (choice, ids after, open after)
        let cases = [
            (ImportChoice::Merge, vec!["a"], "a"),
            (ImportChoice::AsNew, vec!["a", "imp"], "imp"),
        ];
        for (choice, want_ids, want_open) in cases {
            let msg = Msg::Import {
                doc: doc.clone(),
                choice,
                fresh: fresh("imp"),
            };
            let (s1, effects) = reduce(&s, msg);
            assert_eq!(ids(&s1), want_ids, "{choice:?}");
            assert_eq!(s1.workspace.active, want_open);
            assert_eq!(s1.active().map(|a| a.answers.len()), Some(1));
            assert_eq!(s1.outcome, Some(Outcome::Imported));
            assert_eq!(effects, vec![Effect::Save]);
        }
    }

    #[test]
    fn an_import_that_cannot_be_applied_changes_nothing_and_says_why() {
        let s = started(vec![entity("a", "mini", "2")], "a");
        let doc = Rc::new(export_doc(&s.catalog, s.active().expect("open"), 60).expect("exports"));
        // "a" is taken: a new entity cannot use it.
        let msg = Msg::Import {
            doc,
            choice: ImportChoice::AsNew,
            fresh: fresh("a"),
        };
        let (s1, effects) = reduce(&s, msg);
        assert_eq!(s1.workspace, s.workspace);
        assert_eq!(
            s1.outcome,
            Some(Outcome::ImportFailed(ImportError::IdInUse("a".into())))
        );
        assert!(effects.is_empty());
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
