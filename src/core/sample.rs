//! Small example workspaces for tests, native and in the browser
//! (`src/core/store.rs`, `tests/web_storage.rs`): one builder instead of a
//! copy per test file. Not used by the widget itself.

use crate::core::assessment::{apply_workspace, Action, Millis, Workspace, WorkspaceAction};

/// A workspace with one JAMA/JAPIA entity `e1` ("A社") answering `answers`
/// (control, option, time), applied in order through [`apply_workspace`].
pub fn workspace(answers: &[(&str, &str, Millis)]) -> Workspace {
    let created = apply_workspace(
        &Workspace::default(),
        WorkspaceAction::Create {
            id: "e1".into(),
            name: "A社".into(),
            catalog_id: "jama-japia-v2.2".into(),
            catalog_version: "2.2".into(),
            now: 1,
        },
    );
    answers.iter().fold(created, |ws, (control, option, now)| {
        apply_workspace(
            &ws,
            WorkspaceAction::Update {
                id: "e1".into(),
                action: Action::Answer {
                    control: control.to_string(),
                    option: option.to_string(),
                    now: *now,
                },
            },
        )
    })
}

/// The first entity's answers as (control, option) pairs, in control order.
pub fn options_of(ws: &Workspace) -> Vec<(String, String)> {
    ws.entities[0]
        .answers
        .iter()
        .map(|(k, a)| (k.clone(), a.option.clone()))
        .collect()
}
