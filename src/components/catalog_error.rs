//! The message shown when a catalog cannot be used: which file, what is wrong,
//! and where in the file, in the user's language. Never a blank widget.

use crate::core::source::LoadError;
use crate::i18n::{t, Key, Lang};
use yew::prelude::*;

/// Properties of [`CatalogError`].
#[derive(Properties, PartialEq)]
pub struct CatalogErrorProps {
    /// The error.
    pub error: LoadError,
    /// UI language.
    pub lang: Lang,
}

/// Shows a catalog load error.
#[component]
pub fn CatalogError(props: &CatalogErrorProps) -> Html {
    let lang = props.lang;
    let (url, what, location, detail) = match &props.error {
        LoadError::Fetch { url, detail } => {
            (url, t(lang, Key::CatalogFetchFailed), None, detail.clone())
        }
        LoadError::Http { url, status } => (
            url,
            t(lang, Key::CatalogFetchFailed),
            None,
            format!("{} {status}", t(lang, Key::CatalogHttpStatus)),
        ),
        LoadError::Refused { url, error } => {
            let crate::core::origin::OriginError::OtherOrigin { origin, .. } = error;
            (
                url,
                t(lang, Key::CatalogRefused),
                None,
                format!("{}: {origin}", t(lang, Key::CatalogOrigin)),
            )
        }
        LoadError::Invalid { url, error } => (
            url,
            t(lang, Key::CatalogInvalid),
            Some(error.path().to_string()),
            crate::i18n::catalog_error(lang, error),
        ),
        LoadError::Converted { url, path, message } => (
            url,
            t(lang, Key::CatalogInvalid),
            Some(path.clone()),
            message.get(lang.tag()).to_string(),
        ),
    };
    html! {
        <div class="sc-error" role="alert">
            <h2>{ t(lang, Key::CatalogLoadFailed) }</h2>
            <p>{ what }</p>
            <dl>
                <dt>{ t(lang, Key::CatalogFile) }</dt><dd><code>{ url.clone() }</code></dd>
                if let Some(loc) = location {
                    <dt>{ t(lang, Key::CatalogWhere) }</dt><dd><code>{ loc }</code></dd>
                }
                <dt>{ t(lang, Key::CatalogWhat) }</dt><dd>{ detail }</dd>
            </dl>
            <p>{ t(lang, Key::CatalogRetryHint) }</p>
        </div>
    }
}
