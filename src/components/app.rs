//! Top component: picks the language, fetches and parses the catalog, and
//! shows either the loading state, a clear error, or the assessment session.

use crate::components::catalog_error::CatalogError as CatalogErrorView;
use crate::components::session::Session;
use crate::core::outline::{self, IndexedCatalog};
use crate::core::source::{catalog_url, CatalogSource, LoadError};
use crate::i18n::{t, Key, Lang};
use crate::options::Options;
use crate::state::Shared;
use crate::web::fetch::fetch_text;
use crate::web::storage::open_store;
use yew::prelude::*;

/// Properties of [`App`].
#[derive(Properties, PartialEq, Clone)]
pub struct AppProps {
    /// The widget's options.
    pub options: Options,
}

#[derive(Clone, PartialEq)]
enum Load {
    Loading,
    Failed(LoadError),
    Ready(Shared<IndexedCatalog>),
}

/// The browser's preferred UI language (Japanese unless it prefers English).
fn browser_lang() -> Lang {
    web_sys::window()
        .and_then(|w| w.navigator().language())
        .and_then(|l| Lang::from_tag(&l))
        .unwrap_or_default()
}

/// Fetches and parses a catalog, or parses a local file's text.
async fn load_catalog(source: CatalogSource) -> Load {
    let (url, text) = match source {
        CatalogSource::Url(url) => match fetch_text(&url).await {
            Ok(text) => (url, text),
            Err(e) => return Load::Failed(e),
        },
        CatalogSource::File { name, text } => (name, text),
    };
    match outline::parse(&text) {
        Ok(c) => Load::Ready(Shared::new(c)),
        Err(error) => Load::Failed(LoadError::Invalid { url, error }),
    }
}

/// The widget.
#[component]
pub fn App(props: &AppProps) -> Html {
    let prefs = use_memo(props.options.namespace.clone(), |ns| open_store(ns.clone()));
    let lang = {
        let prefs = prefs.clone();
        let from_option = props.options.lang;
        use_state(move || {
            from_option
                .or_else(|| prefs.pref("lang").and_then(|l| Lang::from_tag(&l)))
                .unwrap_or_else(browser_lang)
        })
    };
    let load = use_state(|| Load::Loading);
    let source = {
        let url = catalog_url(&props.options.base, &props.options.catalog);
        use_state(move || CatalogSource::Url(url))
    };
    {
        let load = load.clone();
        use_effect_with((*source).clone(), move |source| {
            let source = source.clone();
            load.set(Load::Loading);
            wasm_bindgen_futures::spawn_local(async move {
                load.set(load_catalog(source).await);
            });
        });
    }
    let on_lang = {
        let lang = lang.clone();
        let prefs = prefs.clone();
        Callback::from(move |l: Lang| {
            prefs.set_pref("lang", l.tag());
            lang.set(l);
        })
    };
    let on_catalog = {
        let source = source.clone();
        let base = props.options.base.clone();
        Callback::from(move |s: CatalogSource| {
            let s = match s {
                CatalogSource::Url(u) => CatalogSource::Url(catalog_url(&base, &u)),
                other => other,
            };
            source.set(s);
        })
    };
    let lang = *lang;
    let body = match &*load {
        Load::Loading => html! {
            <p class="sc-loading" role="status">{ t(lang, Key::Loading) }</p>
        },
        Load::Failed(err) => html! { <CatalogErrorView error={err.clone()} {lang} /> },
        Load::Ready(catalog) => html! {
            <Session key={catalog.id.clone()} catalog={catalog.clone()} options={props.options.clone()} {lang} {on_lang} {on_catalog} store={Shared(prefs.clone())} />
        },
    };
    html! {
        <div class="sc-app" lang={lang.tag()}>{ body }</div>
    }
}
