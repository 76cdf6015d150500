//! The snapshots card: the open entity's frozen answer sets, dated in local
//! time, with a label; take one, delete one.

use crate::components::field::bind;
use crate::core::assessment::{Action, Assessment};
use crate::core::session::Msg;
use crate::i18n::{entity_name, t, Key, Lang};
use crate::web::clock::{local_date, now, today};
use crate::web::confirm::confirm;
use crate::web::ids::new_id;
use yew::prelude::*;

/// Properties of [`SnapshotsCard`].
#[derive(Properties, PartialEq)]
pub struct SnapshotsCardProps {
    /// The open assessment.
    pub assessment: Assessment,
    /// UI language.
    pub lang: Lang,
    /// Sends a message to the session.
    pub on_msg: Callback<Msg>,
}

/// The snapshots card.
#[component]
pub fn SnapshotsCard(props: &SnapshotsCardProps) -> Html {
    let lang = props.lang;
    let active = &props.assessment;
    let label = use_state(String::new);
    let on_snapshot = {
        let (on_msg, label) = (props.on_msg.clone(), label.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let text = if label.trim().is_empty() {
                today()
            } else {
                (*label).clone()
            };
            on_msg.emit(Msg::Apply(Action::TakeSnapshot {
                id: new_id(),
                label: text,
                now: now(),
            }));
            label.set(String::new());
        })
    };
    let rows = active.snapshots.iter().rev().map(|s| {
        let (id, on_msg) = (s.id.clone(), props.on_msg.clone());
        let on_delete = Callback::from(move |_: MouseEvent| {
            if confirm(t(lang, Key::ConfirmDeleteSnapshot)) {
                on_msg.emit(Msg::Apply(Action::DeleteSnapshot { id: id.clone(), now: now() }));
            }
        });
        let answered = s.answers.values().filter(|a| a.is_chosen()).count();
        html! {
            <li class="sc-snapshot" data-snapshot={s.id.clone()}>
                <span class="sc-snap-label">{ s.label.clone() }</span>
                <span class="sc-snap-date">{ local_date(s.taken) }</span>
                <span class="sc-entity-count">{ format!("{answered} {}", t(lang, Key::ProgressItems)) }</span>
                <button type="button" class="sc-btn sc-btn-danger" data-action="delete-snapshot" onclick={on_delete}>{ t(lang, Key::Delete) }</button>
            </li>
        }
    });
    html! {
        <section class="sc-card" aria-labelledby="sc-snap-h">
            <h2 id="sc-snap-h">{ t(lang, Key::Snapshots) }{ format!(" — {}", entity_name(lang, &active.name)) }</h2>
            <p class="sc-help">{ t(lang, Key::SnapshotsHelp) }</p>
            if active.snapshots.is_empty() {
                <p>{ t(lang, Key::NoSnapshots) }</p>
            } else {
                <ul class="sc-snapshots">{ for rows }</ul>
            }
            <form class="sc-row" onsubmit={on_snapshot}>
                <label class="sc-field sc-field-grow">
                    <span>{ t(lang, Key::SnapshotLabel) }</span>
                    <input type="text" data-field="snapshot-label" maxlength="200" value={(*label).clone()} placeholder={today()}
                        oninput={bind(&label)} />
                </label>
                <button type="submit" class="sc-btn" data-action="take-snapshot">{ t(lang, Key::TakeSnapshot) }</button>
            </form>
        </section>
    }
}
