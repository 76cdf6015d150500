//! The entities card: one assessment per legal entity — rename, open,
//! duplicate, delete, and create a new one.

use crate::components::field::{bind, value};
use crate::core::assessment::{Assessment, WorkspaceAction};
use crate::core::outline::IndexedCatalog;
use crate::core::session::{Fresh, Msg};
use crate::i18n::{entity_name, t, Key, Lang};
use crate::state::Shared;
use crate::web::clock::{local_date_time, now};
use crate::web::confirm::confirm;
use crate::web::ids::new_id;
use yew::prelude::*;

/// Properties of [`EntitiesCard`].
#[derive(Properties, PartialEq)]
pub struct EntitiesCardProps {
    /// The catalog.
    pub catalog: Shared<IndexedCatalog>,
    /// The assessments of this catalog.
    pub entities: Vec<Assessment>,
    /// Id of the open one.
    pub active: String,
    /// UI language.
    pub lang: Lang,
    /// Sends a message to the session.
    pub on_msg: Callback<Msg>,
}

/// The entities card.
#[component]
pub fn EntitiesCard(props: &EntitiesCardProps) -> Html {
    let lang = props.lang;
    let catalog = &props.catalog;
    let new_name = use_state(String::new);
    let on_create = {
        let (on_msg, new_name, catalog) = (props.on_msg.clone(), new_name.clone(), catalog.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            on_msg.emit(Msg::Workspace(WorkspaceAction::Create {
                id: new_id(),
                name: (*new_name).clone(),
                catalog_id: catalog.id.clone(),
                catalog_version: catalog.version.clone(),
                now: now(),
            }));
            new_name.set(String::new());
        })
    };
    let rows = props.entities.iter().map(|e| {
        let is_active = e.id == props.active;
        let id = e.id.clone();
        let on_rename = props.on_msg.reform(move |ev: Event| {
            Msg::Workspace(WorkspaceAction::Rename { id: id.clone(), name: value(&ev), now: now() })
        });
        let id = e.id.clone();
        let on_open = props.on_msg.reform(move |_: MouseEvent| Msg::Workspace(WorkspaceAction::SetActive { id: id.clone() }));
        let (id, name) = (e.id.clone(), e.name.clone());
        let on_dup = props.on_msg.reform(move |_: MouseEvent| {
            let base = entity_name(lang, &name);
            Msg::Workspace(WorkspaceAction::Duplicate {
                source: id.clone(), id: new_id(), name: format!("{base} {}", t(lang, Key::CopySuffix)), now: now(),
            })
        });
        let (id, on_msg) = (e.id.clone(), props.on_msg.clone());
        let on_delete = Callback::from(move |_: MouseEvent| {
            if confirm(t(lang, Key::ConfirmDeleteEntity)) {
                on_msg.emit(Msg::DeleteEntity { id: id.clone(), fresh: Fresh { id: new_id(), now: now() } });
            }
        });
        let answered = e.answers.values().filter(|a| a.is_chosen()).count();
        let input_id = format!("sc-ent-{}", e.id);
        let about_id = format!("sc-ent-about-{}", e.id);
        // What tells two entities of the same name apart: when each was made
        // and last changed, how far each is answered, and the file an
        // imported one came from. An imported copy keeps its file's dates:
        // the id's end still differs.
        let tail: String = e.id.chars().rev().take(6).collect::<Vec<_>>().into_iter().rev().collect();
        let from = e.source_file.as_ref()
            .map(|file| format!(" · {} {file}", t(lang, Key::ImportedFrom)))
            .unwrap_or_default();
        let about = format!(
            "{} {answered} / {} {} · {} {} · {} {}{from} · ID …{tail}",
            t(lang, Key::Progress), catalog.controls.len(), t(lang, Key::ProgressItems),
            t(lang, Key::Created), local_date_time(e.created),
            t(lang, Key::Updated), local_date_time(e.updated),
        );
        html! {
            <li class={classes!("sc-entity", is_active.then_some("sc-entity-on"))} data-entity={e.id.clone()}>
                <div class="sc-entity-name">
                    <label for={input_id.clone()}>{ t(lang, if is_active { Key::EntityNameOpen } else { Key::EntityNameOf }) }</label>
                    <input type="text" id={input_id} data-field="entity-name" value={e.name.clone()} maxlength="200"
                        placeholder={t(lang, Key::Anonymous)} aria-describedby={about_id.clone()} onchange={on_rename} />
                    <span class="sc-entity-count" id={about_id} data-about="">{ about }</span>
                </div>
                if is_active {
                    <span class="sc-badge">{ t(lang, Key::Opened) }</span>
                } else {
                    <button type="button" class="sc-btn" data-action="open-entity" onclick={on_open}>{ t(lang, Key::Open) }</button>
                }
                <button type="button" class="sc-btn" data-action="duplicate-entity" onclick={on_dup}>{ t(lang, Key::Duplicate) }</button>
                <button type="button" class="sc-btn sc-btn-danger" data-action="delete-entity" onclick={on_delete}>{ t(lang, Key::Delete) }</button>
            </li>
        }
    });
    html! {
        <section class="sc-card" aria-labelledby="sc-ent-h">
            <h2 id="sc-ent-h">{ t(lang, Key::Entities) }</h2>
            <p class="sc-help">{ t(lang, Key::EntitiesHelp) }</p>
            <ul class="sc-entities">{ for rows }</ul>
            <form class="sc-row" onsubmit={on_create}>
                <label class="sc-field sc-field-grow">
                    <span>{ t(lang, Key::NewEntityName) }</span>
                    <input type="text" data-field="new-entity" maxlength="200" value={(*new_name).clone()}
                        oninput={bind(&new_name)} />
                </label>
                <button type="submit" class="sc-btn" data-action="create-entity">{ t(lang, Key::NewEntity) }</button>
            </form>
        </section>
    }
}
