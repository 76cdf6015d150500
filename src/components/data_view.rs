//! The data view: one card per job — entities (one per legal entity),
//! snapshots, export and import, other catalogs, a catalog made from an
//! association's check sheet, and privacy ("delete all my data").

use crate::components::catalogs_card::CatalogsCard;
use crate::components::entities_card::EntitiesCard;
use crate::components::privacy_card::PrivacyCard;
use crate::components::sheet_card::SheetCard;
use crate::components::snapshots_card::SnapshotsCard;
use crate::components::transfer_card::TransferCard;
use crate::core::assessment::Workspace;
use crate::core::outline::IndexedCatalog;
use crate::core::session::{Msg, Outcome, Persistence};
use crate::core::source::CatalogSource;
use crate::core::stored::Namespace;
use crate::i18n::Lang;
use crate::state::Shared;
use yew::prelude::*;

/// Properties of [`data_view`].
pub struct DataViewProps {
    /// The catalog.
    pub catalog: Shared<IndexedCatalog>,
    /// Every assessment.
    pub workspace: Workspace,
    /// UI language.
    pub lang: Lang,
    /// Sends a message to the session.
    pub on_msg: Callback<Msg>,
    /// What the last import or delete-all did.
    pub outcome: Option<Outcome>,
    /// The storage namespace (shown to the user).
    pub namespace: Namespace,
    /// Loads another catalog.
    pub on_catalog: Callback<CatalogSource>,
    /// Base URL of the widget's files (where `catalogs/index.json` is).
    pub base: String,
    /// What the browser says about persistent storage.
    pub persistence: Persistence,
}

/// The data view.
pub fn data_view(props: &DataViewProps) -> Html {
    let lang = props.lang;
    let catalog = &props.catalog;
    let ws = &props.workspace;
    let Some(active) = ws.active().cloned() else {
        return html! {};
    };
    let active_for_privacy = active.clone();
    let entities: Vec<_> = ws
        .entities
        .iter()
        .filter(|e| e.catalog_id == catalog.id)
        .cloned()
        .collect();
    html! {
        <div class="sc-data">
            <EntitiesCard catalog={catalog.clone()} {entities} active={active.id.clone()} {lang} on_msg={props.on_msg.clone()} />
            <SnapshotsCard assessment={active.clone()} {lang} on_msg={props.on_msg.clone()} />
            <TransferCard catalog={catalog.clone()} workspace={ws.clone()} assessment={active} {lang}
                on_msg={props.on_msg.clone()} outcome={props.outcome.clone()} />
            <CatalogsCard catalog={catalog.clone()} {lang} on_catalog={props.on_catalog.clone()} base={props.base.clone()} />
            <SheetCard {lang} on_catalog={props.on_catalog.clone()} />
            <PrivacyCard namespace={props.namespace.clone()} {lang} on_msg={props.on_msg.clone()}
                persistence={props.persistence} assessment={active_for_privacy}
                deleted={props.outcome == Some(Outcome::DeletedAll)} />
        </div>
    }
}
