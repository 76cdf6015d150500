//! The Yew reducer: a thin `impl Reducible` over [`crate::core::session`].
//!
//! It holds the core's [`SessionState`] and the shell that runs effects;
//! `reduce` asks the core for the next state and hands each requested
//! [`Effect`] to the shell (`hooks::persistence`: debounced save, delete
//! all). It has no rules of its own.

use crate::core::session::{reduce, Effect, SessionState};
pub use crate::core::session::{Msg, Shared};
use std::ops::Deref;
use std::rc::Rc;
use yew::Reducible;

/// Runs the effects the core asks for.
pub trait RunEffects {
    /// Runs `effect`, asked for by the message that led to `state`.
    fn run(&self, effect: &Effect, state: &SessionState);
}

/// The reducer's state: the core's session and the shell running its effects.
#[derive(Clone)]
pub struct State {
    session: SessionState,
    shell: Rc<dyn RunEffects>,
}

impl State {
    /// The state at start, with the shell that will run the effects of
    /// every message (the effects of [`SessionState::start`] are the
    /// caller's to run, after the first render).
    pub fn new(session: SessionState, shell: Rc<dyn RunEffects>) -> Self {
        State { session, shell }
    }
}

impl PartialEq for State {
    fn eq(&self, other: &Self) -> bool {
        self.session == other.session
    }
}

impl Deref for State {
    type Target = SessionState;
    fn deref(&self) -> &SessionState {
        &self.session
    }
}

impl Reducible for State {
    type Action = Msg;

    fn reduce(self: Rc<Self>, msg: Msg) -> Rc<Self> {
        let (session, effects) = reduce(&self.session, msg);
        for e in &effects {
            self.shell.run(e, &session);
        }
        if session == self.session {
            return self;
        }
        Rc::new(State {
            session,
            shell: self.shell.clone(),
        })
    }
}
