//! Top component: picks the language, fetches and parses the catalog, and
//! shows either the loading state, a clear error with a way back (the last
//! catalog that worked, or the shipped one), or the assessment session
//! (which takes over the build's static first screen, if any).

use crate::components::catalog_error::{catalog_error, CatalogErrorProps};
use crate::components::session::Session;
use crate::core::catalog;
use crate::core::origin::{check_link_catalog, identify, Provenance};
use crate::core::oscal::is_oscal_catalog;
use crate::core::outline::IndexedCatalog;
use crate::core::source::{catalog_url, CatalogSource, LoadError};
use crate::i18n::{t, Key, Lang};
use crate::options::{Options, DEFAULT_CATALOG};
use crate::state::Shared;
use crate::web::fetch::{fetch_text, origins};
use crate::web::first_screen::FirstScreen;
use crate::web::formats::{oscal_catalog, FormatError};
use crate::web::storage::open_store;
use yew::prelude::*;

/// Properties of [`App`].
#[derive(Properties, PartialEq, Clone)]
pub struct AppProps {
    /// The widget's options.
    pub options: Options,
    /// The build's static first screen, to take over once the catalog is
    /// shown (standalone page only).
    #[prop_or_default]
    pub first_screen: Option<FirstScreen>,
}

#[derive(Clone, PartialEq)]
enum Load {
    Loading,
    Failed(LoadError),
    Ready(Shared<IndexedCatalog>, Provenance),
}

/// The browser's preferred UI language (Japanese unless it prefers English).
fn browser_lang() -> Lang {
    web_sys::window()
        .and_then(|w| w.navigator().language())
        .and_then(|l| Lang::from_tag(&l))
        .unwrap_or_default()
}

/// Fetches and parses a catalog, or parses a local file's text (an OSCAL
/// catalog is converted first), and tells whether it is the shipped one
/// ([`identify`]).
async fn load_catalog(source: CatalogSource) -> Load {
    let (url, text) = match source {
        CatalogSource::Url(url) => match fetch_text(&url).await {
            Ok(text) => (url, text),
            Err(e) => return Load::Failed(e),
        },
        CatalogSource::File { name, text } => (name, text),
    };
    // An OSCAL catalog is converted by the format module, loaded only now.
    let text = if is_oscal_catalog(&text) {
        match oscal_catalog(&text, &url).await {
            Ok(json) => json,
            Err(FormatError::Refused { path, message, .. }) => {
                return Load::Failed(LoadError::Converted { url, path, message })
            }
            Err(FormatError::Unavailable(detail)) => {
                return Load::Failed(LoadError::Fetch { url, detail })
            }
        }
    } else {
        text
    };
    match catalog::parse(&text) {
        Ok(c) => {
            let (c, provenance) = identify(c, &url);
            Load::Ready(Shared::new(IndexedCatalog::new(c)), provenance)
        }
        Err(error) => Load::Failed(LoadError::Invalid { url, error }),
    }
}

/// The first catalog: the one the options name, refused before any request
/// when a link names another origin's file.
fn first_source(options: &Options) -> Result<CatalogSource, LoadError> {
    let url = catalog_url(&options.base, &options.catalog);
    if options.by_link {
        let (resolved, page) = origins(&url).unwrap_or_else(|| ("null".into(), String::new()));
        check_link_catalog(&options.catalog, &resolved, &page).map_err(|error| {
            LoadError::Refused {
                url: options.catalog.clone(),
                error,
            }
        })?;
    }
    Ok(CatalogSource::Url(url))
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
    let first = use_memo((), |_| first_source(&props.options));
    let load = {
        let first = first.clone();
        use_state(move || match &*first {
            Ok(_) => Load::Loading,
            Err(e) => Load::Failed(e.clone()),
        })
    };
    let source = {
        let first = first.clone();
        use_state(move || (*first).clone().ok())
    };
    // The last source that loaded: where "back" goes after a bad catalog.
    let last_good = use_mut_ref(|| None::<CatalogSource>);
    {
        let (load, last_good) = (load.clone(), last_good.clone());
        use_effect_with((*source).clone(), move |source| {
            let Some(source) = source.clone() else {
                return;
            };
            load.set(Load::Loading);
            wasm_bindgen_futures::spawn_local(async move {
                let loaded = load_catalog(source.clone()).await;
                if matches!(loaded, Load::Ready(..)) {
                    *last_good.borrow_mut() = Some(source);
                }
                load.set(loaded);
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
            source.set(Some(s));
        })
    };
    // A catalog that cannot be shown replaces the static first screen with
    // its error (a shown catalog is taken over by the session, which applies
    // the answers given meanwhile).
    {
        let failed = matches!(*load, Load::Failed(_));
        let first_screen = props.first_screen.clone();
        use_effect_with(failed, move |failed| {
            if let (true, Some(s)) = (*failed, first_screen) {
                s.take_over();
            }
        });
    }
    let lang = *lang;
    let body = match &*load {
        Load::Loading => html! {
            <p class="sc-loading" role="status">{ t(lang, Key::Loading) }</p>
        },
        Load::Failed(err) => {
            let current = (*source).clone();
            let back = last_good
                .borrow()
                .clone()
                .filter(|s| Some(s) != current.as_ref());
            let on_back = back.map(|s| {
                let source = source.clone();
                Callback::from(move |_: MouseEvent| source.set(Some(s.clone())))
            });
            let shipped = CatalogSource::Url(catalog_url(&props.options.base, DEFAULT_CATALOG));
            let on_shipped = (Some(&shipped) != current.as_ref()
                && Some(&shipped) != last_good.borrow().as_ref())
            .then(|| {
                let source = source.clone();
                Callback::from(move |_: MouseEvent| source.set(Some(shipped.clone())))
            });
            catalog_error(&CatalogErrorProps {
                error: err.clone(),
                lang,
                on_back,
                on_shipped,
            })
        }
        Load::Ready(catalog, provenance) => html! {
            <Session key={catalog.id.clone()} catalog={catalog.clone()} provenance={provenance.clone()}
                options={props.options.clone()} {lang} {on_lang} {on_catalog} store={Shared(prefs.clone())}
                first_screen={props.first_screen.clone()} />
        },
    };
    html! {
        <div class="sc-app" lang={lang.tag()}>{ body }</div>
    }
}
