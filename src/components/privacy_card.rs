//! The privacy card: what is stored where, whether the browser keeps it
//! (persistent storage, with a button to ask again), the last export, and
//! "delete all my data".

use crate::components::keep_bar::export_status;
use crate::core::assessment::Assessment;
use crate::core::session::{Fresh, Msg, Persistence};
use crate::core::stored::Namespace;
use crate::i18n::{t, Key, Lang};
use crate::web::clock::now;
use crate::web::confirm::confirm;
use crate::web::ids::new_id;
use yew::prelude::*;

/// Properties of [`PrivacyCard`].
#[derive(Properties, PartialEq)]
pub struct PrivacyCardProps {
    /// The storage namespace (shown to the user).
    pub namespace: Namespace,
    /// UI language.
    pub lang: Lang,
    /// Sends a message to the session.
    pub on_msg: Callback<Msg>,
    /// The session's last outcome is "everything deleted".
    pub deleted: bool,
    /// What the browser says about persistent storage.
    pub persistence: Persistence,
    /// The open assessment (its last export is shown).
    pub assessment: Assessment,
}

/// The privacy card.
#[component]
pub fn PrivacyCard(props: &PrivacyCardProps) -> Html {
    let lang = props.lang;
    // Said only after this card asked (not when the view is opened again).
    let asked = use_state(|| false);
    let on_delete_all = {
        let (on_msg, asked) = (props.on_msg.clone(), asked.clone());
        Callback::from(move |_: MouseEvent| {
            if confirm(t(lang, Key::ConfirmDeleteAll)) {
                on_msg.emit(Msg::DeleteAll {
                    fresh: Fresh {
                        id: new_id(),
                        now: now(),
                    },
                });
                asked.set(true);
            }
        })
    };
    let persist_key = match props.persistence {
        Persistence::Persisted => Key::PersistGranted,
        Persistence::NotPersisted => Key::PersistNotGranted,
        Persistence::Unknown => Key::PersistUnknown,
        Persistence::Unsupported => Key::PersistUnsupported,
    };
    let on_persist = props.on_msg.reform(|_: MouseEvent| Msg::AskPersist);
    html! {
        <section class="sc-card" aria-labelledby="sc-priv-h">
            <h2 id="sc-priv-h">{ t(lang, Key::Privacy) }</h2>
            <p>{ t(lang, Key::PrivacyDetail) }</p>
            <details class="sc-tech" data-detail="storage-key">
                <summary>{ t(lang, Key::StorageKey) }</summary>
                <code>{ format!("localStorage: {}:*", props.namespace.as_str()) }</code>
            </details>
            <h3>{ t(lang, Key::Persistence) }</h3>
            <p data-persistence={format!("{:?}", props.persistence).to_ascii_lowercase()}>{ t(lang, persist_key) }</p>
            if props.persistence == Persistence::NotPersisted {
                <button type="button" class="sc-btn" data-action="persist" onclick={on_persist}>{ t(lang, Key::PersistAsk) }</button>
            }
            { export_status(&props.assessment, lang) }
            <button type="button" class="sc-btn sc-btn-danger" data-action="delete-all" onclick={on_delete_all}>{ t(lang, Key::DeleteAll) }</button>
            if *asked && props.deleted {
                <p role="status" class="sc-ok-msg">{ t(lang, Key::DeletedAll) }</p>
            }
        </section>
    }
}
