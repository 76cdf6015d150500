//! The banners above the views: why answers are not being kept (storage
//! blocked or full, with a button to ask the browser for storage access
//! where it can be asked), and the session's notice (damaged or newer data,
//! another tab's changes, a new catalog version) with its dismiss button,
//! and where a catalog that is not the shipped one came from.
//! Plain functions, not components: they have no state of their own, and a
//! component type costs code size for every one.

use crate::core::origin::Provenance;
use crate::core::outline::number_label;
use crate::core::session::Notice;
use crate::core::store::StoreStatus;
use crate::i18n::{t, Key, Lang};
use crate::web::clock::today;
use crate::web::download::download;
use yew::prelude::*;

/// Asking the browser for storage access, where it can be asked (a frame
/// on another site, in a browser with the Storage Access API).
pub struct Access {
    /// Asks the browser (on the user's click: it requires one).
    pub on_ask: Callback<MouseEvent>,
    /// What the last request came to, if it did not give storage back.
    pub said: Option<Key>,
}

/// The storage warning: why answers are not being kept, if they are not,
/// with the way to ask for storage access when there is one. It stays in
/// view while answering (the header puts it in its sticky bar).
pub fn banner(not_saving: Option<StoreStatus>, lang: Lang, access: Option<Access>) -> Html {
    match not_saving {
        Some(StoreStatus::QuotaExceeded) => html! {
            <div class="sc-banner sc-banner-warn" role="alert" data-banner="quota">{ t(lang, Key::QuotaExceeded) }</div>
        },
        Some(StoreStatus::Unavailable) | Some(StoreStatus::ReadOnly) => html! {
            <div class="sc-banner sc-banner-warn" role="alert" data-banner="unavailable">
                <span>{ t(lang, Key::StorageUnavailable) }</span>
                if let Some(a) = access {
                    <button type="button" class="sc-btn" data-action="ask-storage" onclick={a.on_ask}>{ t(lang, Key::AskStorageAccess) }</button>
                    if let Some(k) = a.said {
                        <span role="status" data-said="storage-access">{ t(lang, k) }</span>
                    }
                }
            </div>
        },
        Some(StoreStatus::Available) | None => html! {},
    }
}

/// The session's notice, if any, with a button that hides it.
pub fn notice_banner(
    notice: Option<&Notice>,
    lang: Lang,
    on_dismiss: Callback<MouseEvent>,
) -> Html {
    let Some(n) = notice else {
        return html! {};
    };
    let (text, extra, role) = match n {
        Notice::Corrupt(raw) => {
            let raw = raw.clone();
            let dl = Callback::from(move |_: MouseEvent| {
                let _ = download(
                    &format!("selfcheck-backup-{}.json", today()),
                    "application/json",
                    &raw,
                );
            });
            (
                t(lang, Key::CorruptFound),
                html! {
                    <button type="button" class="sc-btn" data-action="download-backup" onclick={dl}>{ t(lang, Key::DownloadBackup) }</button>
                },
                "alert",
            )
        }
        Notice::Future => (t(lang, Key::FutureData), html! {}, "alert"),
        Notice::Merged => (t(lang, Key::MergedFromOtherTab), html! {}, "status"),
        Notice::DeletedElsewhere => (t(lang, Key::DeletedElsewhere), html! {}, "alert"),
        Notice::CatalogChanged(news) => {
            let list = |key: Key, ids: &[String], what: &'static str| {
                (!ids.is_empty()).then(|| {
                    let labels: Vec<String> = ids.iter().map(|id| number_label(id)).collect();
                    html! { <span data-news={what}>{ format!("{}: {}", t(lang, key), labels.join(", ")) }</span> }
                })
            };
            (
                t(
                    lang,
                    if news.version_changed {
                        Key::CatalogChanged
                    } else {
                        Key::CatalogUpdated
                    },
                ),
                html! {
                    <>
                        { list(Key::AddedItems, &news.added, "added").unwrap_or_default() }
                        { list(Key::TextChangedItems, &news.changed, "changed").unwrap_or_default() }
                        { list(Key::Removed, &news.removed, "removed").unwrap_or_default() }
                    </>
                },
                "status",
            )
        }
        Notice::StorageGranted => (t(lang, Key::StorageGranted), html! {}, "status"),
    };
    html! {
        <div class="sc-banner sc-banner-info" role={role} data-banner="notice">
            <span>{ text }</span>{ extra }
            <button type="button" class="sc-btn sc-btn-quiet" onclick={on_dismiss}>{ t(lang, Key::Dismiss) }</button>
        </div>
    }
}

/// Where the open catalog came from, unless it is a shipped one: a warning
/// for a catalog that claims a shipped id with other content, a plain line
/// for another catalog. Never dismissed: it describes the catalog being answered.
pub fn provenance_banner(provenance: &Provenance, lang: Lang) -> Html {
    match provenance {
        Provenance::Shipped => html! {},
        Provenance::Other { source } => html! {
            <p class="sc-provenance" data-provenance="other">
                { t(lang, Key::ProvenanceOther) }{ " " }
                { t(lang, Key::LoadedFrom) }{ ": " }<code>{ source.clone() }</code>
            </p>
        },
        Provenance::Imitation { claimed, source } => html! {
            <div class="sc-banner sc-banner-warn" role="alert" data-provenance="imitation">
                <span>{ t(lang, Key::ProvenanceImitation) }</span>
                <span>{ t(lang, Key::ClaimedId) }{ ": " }<code>{ claimed.clone() }</code></span>
                <span>{ t(lang, Key::LoadedFrom) }{ ": " }<code>{ source.clone() }</code></span>
            </div>
        },
    }
}
