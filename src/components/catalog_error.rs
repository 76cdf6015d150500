//! The message shown when a catalog cannot be used: which file, what is
//! wrong and where, in the user's language, with the technical detail folded
//! away for the site's administrator, and a way back (the last catalog that
//! worked, or the shipped one) that loses nothing: answers are kept per
//! catalog in the browser, and going back opens them again.

use crate::components::problem::problem;
use crate::core::source::LoadError;
use crate::i18n::{t, Explained, Key, Lang};
use yew::prelude::*;

/// Properties of [`catalog_error`].
pub struct CatalogErrorProps {
    /// The error.
    pub error: LoadError,
    /// UI language.
    pub lang: Lang,
    /// Goes back to the last catalog that worked (`None`: there was none).
    pub on_back: Option<Callback<MouseEvent>>,
    /// Opens the shipped catalog (`None`: it is the one that failed).
    pub on_shipped: Option<Callback<MouseEvent>>,
}

/// Shows a catalog load error and the ways back.
pub fn catalog_error(props: &CatalogErrorProps) -> Html {
    let lang = props.lang;
    let (url, what, why) = match &props.error {
        LoadError::Fetch { url, detail } => (
            url,
            t(lang, Key::CatalogFetchFailed),
            Explained {
                text: t(lang, Key::CatalogFetchHint).to_string(),
                detail: Some(detail.clone()),
            },
        ),
        LoadError::Http { url, status } => (
            url,
            t(lang, Key::CatalogFetchFailed),
            Explained {
                text: format!("{} {status}", t(lang, Key::CatalogHttpStatus)),
                detail: None,
            },
        ),
        LoadError::Refused { url, error } => {
            let crate::core::origin::OriginError::OtherOrigin { origin, .. } = error;
            (
                url,
                t(lang, Key::CatalogRefused),
                Explained {
                    text: format!("{}: {origin}", t(lang, Key::CatalogOrigin)),
                    detail: None,
                },
            )
        }
        LoadError::Invalid { url, error } => (
            url,
            t(lang, Key::CatalogInvalid),
            crate::i18n::catalog_error(lang, error),
        ),
        LoadError::Converted { url, path, message } => (
            url,
            t(lang, Key::CatalogInvalid),
            Explained {
                text: format!("{} ({path})", message.get(lang.tag())),
                detail: None,
            },
        ),
    };
    html! {
        <div class="sc-error" role="alert" data-error="catalog">
            <h2>{ t(lang, Key::CatalogLoadFailed) }</h2>
            <p>{ what }</p>
            // The whole address: which site a checklist came from matters here.
            <p class="sc-url"><code>{ url.clone() }</code></p>
            <p class="sc-error-why">{ problem(lang, None, &why) }</p>
            <p>{ t(lang, Key::CatalogAnswersKept) }</p>
            <div class="sc-row">
                if let Some(cb) = &props.on_back {
                    <button type="button" class="sc-btn sc-btn-primary" data-action="catalog-back" onclick={cb.clone()}>
                        { t(lang, Key::CatalogBack) }
                    </button>
                }
                if let Some(cb) = &props.on_shipped {
                    <button type="button" class={classes!("sc-btn", props.on_back.is_none().then_some("sc-btn-primary"))}
                        data-action="catalog-shipped" onclick={cb.clone()}>
                        { t(lang, Key::CatalogShipped) }
                    </button>
                }
            </div>
            <p class="sc-help">{ t(lang, Key::CatalogRetryHint) }</p>
        </div>
    }
}
