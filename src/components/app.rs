//! Top component: picks the language, fetches and parses the catalog, and
//! shows either the loading state, a clear error, or the assessment session.

use crate::components::catalog_error::{CatalogError as CatalogErrorView, LoadError};
use crate::components::session::Session;
use crate::core::catalog;
use crate::i18n::{t, Key, Lang};
use crate::options::Options;
use crate::state::Shared;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
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
    Ready(Shared<catalog::Catalog>),
}

/// Resolves the catalog URL against the widget's base URL.
fn catalog_url(o: &Options) -> String {
    let c = &o.catalog;
    if c.starts_with("http://") || c.starts_with("https://") || c.starts_with('/') {
        c.clone()
    } else {
        format!("{}{}", o.base, c)
    }
}

/// The browser's preferred UI language (Japanese unless it prefers English).
fn browser_lang() -> Lang {
    web_sys::window()
        .and_then(|w| w.navigator().language())
        .and_then(|l| Lang::from_tag(&l))
        .unwrap_or_default()
}

async fn fetch_text(url: &str) -> Result<String, LoadError> {
    let fetch_err = |detail: String| LoadError::Fetch {
        url: url.to_string(),
        detail,
    };
    let window = web_sys::window().ok_or_else(|| fetch_err("no window".into()))?;
    let resp = JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(|e| fetch_err(js_error_text(&e)))?;
    let resp: web_sys::Response = resp
        .dyn_into()
        .map_err(|_| fetch_err("not a response".into()))?;
    if !resp.ok() {
        return Err(LoadError::Http {
            url: url.to_string(),
            status: resp.status(),
        });
    }
    let text = resp.text().map_err(|e| fetch_err(js_error_text(&e)))?;
    JsFuture::from(text)
        .await
        .map_err(|e| fetch_err(js_error_text(&e)))?
        .as_string()
        .ok_or_else(|| fetch_err("not text".into()))
}

/// A JavaScript error as text.
pub fn js_error_text(e: &wasm_bindgen::JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "unknown error".to_string())
}

/// The widget.
#[component]
pub fn App(props: &AppProps) -> Html {
    let lang = props.options.lang.unwrap_or_else(browser_lang);
    let load = use_state(|| Load::Loading);
    {
        let load = load.clone();
        let url = catalog_url(&props.options);
        use_effect_with(url, move |url| {
            let url = url.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let result = match fetch_text(&url).await {
                    Ok(text) => catalog::parse(&text)
                        .map(|c| Load::Ready(Shared(std::rc::Rc::new(c))))
                        .unwrap_or_else(|error| Load::Failed(LoadError::Invalid { url, error })),
                    Err(e) => Load::Failed(e),
                };
                load.set(result);
            });
        });
    }
    let body = match &*load {
        Load::Loading => html! {
            <p class="sc-loading" role="status">{ t(lang, Key::Loading) }</p>
        },
        Load::Failed(err) => html! { <CatalogErrorView error={err.clone()} {lang} /> },
        Load::Ready(catalog) => html! {
            <Session catalog={catalog.clone()} options={props.options.clone()} {lang} />
        },
    };
    html! {
        <div class="sc-app" lang={lang.tag()}>{ body }</div>
    }
}
