//! The Yew reducer: one `State`, one `Msg`, a thin `impl Reducible` over the core.
//!
//! The reducer does no I/O: saving is one effect in the top component that
//! watches the workspace.

use crate::core::assessment::{apply, Action, Assessment, Workspace};
use crate::core::catalog::Catalog;
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
}

/// A message to the reducer.
#[derive(Debug, Clone, PartialEq)]
pub enum Msg {
    /// Apply a core action to the active assessment.
    Apply(Action),
}

impl State {
    /// Builds the state from what storage held, making sure an assessment of
    /// this catalog is active (creating an anonymous one with `new_id` if none).
    pub fn new(
        catalog: Shared<Catalog>,
        mut workspace: Workspace,
        new_id: String,
        now: i64,
    ) -> Self {
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
                    workspace.entities.push(Assessment::new(
                        new_id.clone(),
                        &catalog.id,
                        &catalog.version,
                        now,
                    ));
                    workspace.active = new_id;
                }
            }
        }
        State { catalog, workspace }
    }

    /// The open assessment.
    pub fn active(&self) -> Option<&Assessment> {
        self.workspace
            .entities
            .iter()
            .find(|e| e.id == self.workspace.active)
    }
}

impl Reducible for State {
    type Action = Msg;

    fn reduce(self: Rc<Self>, msg: Msg) -> Rc<Self> {
        match msg {
            Msg::Apply(action) => {
                let mut next = (*self).clone();
                let active = next.workspace.active.clone();
                if let Some(e) = next.workspace.entities.iter_mut().find(|e| e.id == active) {
                    *e = apply(e, action);
                }
                Rc::new(next)
            }
        }
    }
}
