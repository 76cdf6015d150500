//! The Yew reducer: one `State`, one `Msg`, a thin `impl Reducible` over the core.
//!
//! The reducer does no I/O: saving is one effect in the top component that
//! watches the workspace.

use crate::core::assessment::{
    apply_workspace, Action, Assessment, Millis, Workspace, WorkspaceAction,
};
use crate::core::catalog::Catalog;
use crate::core::merge::merge_workspaces;
use crate::core::migrate::{migrate_catalog, CatalogChanges};
use std::ops::Deref;
use std::rc::Rc;
use yew::Reducible;

/// An `Rc` whose equality is identity: cheap props for big shared data.
#[derive(Debug)]
pub struct Shared<T>(pub Rc<T>);

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

/// The widget's state for one loaded catalog.
#[derive(Debug, Clone, PartialEq)]
pub struct State {
    /// The catalog being answered.
    pub catalog: Shared<Catalog>,
    /// Every assessment kept in this browser.
    pub workspace: Workspace,
    /// Counts changes of `workspace`: effects that must run when it changes
    /// depend on this number instead of copying and comparing the workspace.
    pub revision: u64,
}

/// A message to the reducer.
#[derive(Debug, Clone, PartialEq)]
pub enum Msg {
    /// Apply a core action to the active assessment.
    Apply(Action),
    /// Apply a workspace action (entities).
    Workspace(WorkspaceAction),
    /// Merge a workspace saved by another tab (per answer, newest wins).
    Merge(Workspace),
    /// Replace the workspace (after an import the user confirmed, or after
    /// deleting all data); `new_id` and `now` serve to open an assessment of
    /// this catalog if the new workspace has none.
    Replace {
        /// The new workspace.
        workspace: Workspace,
        /// Id for a fresh assessment if needed.
        new_id: String,
        /// Current time.
        now: Millis,
    },
}

impl State {
    /// Builds the state from what storage held, making sure an assessment of
    /// this catalog is active (creating an anonymous one with `new_id` if none).
    pub fn new(
        catalog: Shared<Catalog>,
        workspace: Workspace,
        new_id: String,
        now: Millis,
    ) -> Self {
        let workspace = ensure_active(&catalog, workspace, new_id, now);
        State {
            catalog,
            workspace,
            revision: 0,
        }
    }

    /// Moves every assessment of this catalog that was made against another
    /// version of it to the loaded version, carrying answers over by control
    /// id (answers to removed controls are kept). Returns what changed, for
    /// the user, one entry per migrated assessment.
    pub fn migrate_versions(&mut self) -> Vec<CatalogChanges> {
        let mut out = Vec::new();
        for e in self.workspace.entities.iter_mut() {
            if e.catalog_id == self.catalog.id && e.catalog_version != self.catalog.version {
                if let Ok((next, changes)) = migrate_catalog(e, None, &self.catalog) {
                    *e = next;
                    out.push(changes);
                }
            }
        }
        out
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
}

/// Opens an assessment of `catalog`: the active one if it fits, else the
/// first of this catalog, else a new anonymous one with `new_id`.
fn ensure_active(
    catalog: &Catalog,
    mut workspace: Workspace,
    new_id: String,
    now: Millis,
) -> Workspace {
    let active_ok = workspace
        .entities
        .iter()
        .any(|e| e.id == workspace.active && e.catalog_id == catalog.id);
    if !active_ok {
        match workspace
            .entities
            .iter()
            .find(|e| e.catalog_id == catalog.id)
        {
            Some(e) => workspace.active = e.id.clone(),
            None => {
                workspace = apply_workspace(
                    &workspace,
                    WorkspaceAction::Create {
                        id: new_id,
                        name: String::new(),
                        catalog_id: catalog.id.clone(),
                        catalog_version: catalog.version.clone(),
                        now,
                    },
                );
            }
        }
    }
    workspace
}

/// After a deletion the open entity may belong to another catalog: open the
/// first entity of this catalog instead, if there is one.
fn reopen_catalog_entity(catalog: &Catalog, mut workspace: Workspace) -> Workspace {
    let ok = workspace
        .active()
        .is_some_and(|e| e.catalog_id == catalog.id);
    if !ok {
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

impl Reducible for State {
    type Action = Msg;

    fn reduce(self: Rc<Self>, msg: Msg) -> Rc<Self> {
        let workspace = match msg {
            Msg::Apply(action) => {
                let id = self.workspace.active.clone();
                apply_workspace(&self.workspace, WorkspaceAction::Update { id, action })
            }
            Msg::Workspace(action) => apply_workspace(&self.workspace, action),
            Msg::Merge(remote) => {
                let mut m = merge_workspaces(&self.workspace, &remote);
                // The open entity is this tab's choice, not the other tab's.
                if m.entities.iter().any(|e| e.id == self.workspace.active) {
                    m.active = self.workspace.active.clone();
                }
                m
            }
            Msg::Replace {
                workspace,
                new_id,
                now,
            } => ensure_active(&self.catalog, workspace, new_id, now),
        };
        let workspace = reopen_catalog_entity(&self.catalog, workspace);
        if workspace == self.workspace {
            return self;
        }
        Rc::new(State {
            catalog: self.catalog.clone(),
            workspace,
            revision: self.revision + 1,
        })
    }
}
