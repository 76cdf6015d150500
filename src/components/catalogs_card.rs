//! The catalogs card: the catalogs this deployment offers
//! (`catalogs/index.json`), one by URL or from a local file, and what the
//! open catalog covers and which repairs were made to its source.

use crate::components::field::bind;
use crate::components::problem::problem;
use crate::core::catalog::{parse_index, CatalogError, CatalogIndex, MAX_CATALOG_BYTES};
use crate::core::outline::IndexedCatalog;
use crate::core::source::CatalogSource;
use crate::i18n::{catalog_error, repair_change, t, Explained, Key, Lang};
use crate::state::Shared;
use crate::web::fetch::fetch_text;
use crate::web::files::{read_file, ReadError};
use yew::prelude::*;

/// Properties of [`CatalogsCard`].
#[derive(Properties, PartialEq)]
pub struct CatalogsCardProps {
    /// The open catalog.
    pub catalog: Shared<IndexedCatalog>,
    /// UI language.
    pub lang: Lang,
    /// Loads another catalog.
    pub on_catalog: Callback<CatalogSource>,
    /// Base URL of the widget's files (where `catalogs/index.json` is).
    pub base: String,
}

/// The catalogs card.
#[component]
pub fn CatalogsCard(props: &CatalogsCardProps) -> Html {
    let lang = props.lang;
    let catalog = &props.catalog;
    let url = use_state(String::new);
    let message = use_state(|| None::<(String, Explained)>);
    let index = use_state(|| None::<CatalogIndex>);
    {
        let index = index.clone();
        use_effect_with(props.base.clone(), move |base| {
            let url = format!("{base}catalogs/index.json");
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(text) = fetch_text(&url).await {
                    index.set(parse_index(&text).ok());
                }
            });
        });
    }
    let on_url = {
        let (cb, url) = (props.on_catalog.clone(), url.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if !url.trim().is_empty() {
                cb.emit(CatalogSource::Url(url.trim().to_string()));
            }
        })
    };
    let on_file = {
        let (cb, message) = (props.on_catalog.clone(), message.clone());
        Callback::from(move |e: Event| {
            let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() else {
                return;
            };
            let (cb, message) = (cb.clone(), message.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match read_file(input, MAX_CATALOG_BYTES).await {
                    Some((name, Ok(text))) => {
                        message.set(None);
                        cb.emit(CatalogSource::File { name, text });
                    }
                    Some((name, Err(ReadError::TooLarge(size)))) => {
                        let e = CatalogError::TooLarge {
                            size,
                            limit: MAX_CATALOG_BYTES,
                        };
                        message.set(Some((name, catalog_error(lang, &e))));
                    }
                    Some((name, Err(ReadError::Unreadable(detail)))) => {
                        let why = Explained {
                            text: t(lang, Key::FileUnreadable).to_string(),
                            detail: Some(detail),
                        };
                        message.set(Some((name, why)));
                    }
                    None => {}
                }
            });
        })
    };
    let shipped = index
        .as_ref()
        .map(|i| i.catalogs.clone())
        .unwrap_or_default();
    html! {
        <section class="sc-card" aria-labelledby="sc-cat-h">
            <h2 id="sc-cat-h">{ t(lang, Key::Catalogs) }</h2>
            <p class="sc-help">{ t(lang, Key::CatalogsHelp) }</p>
            <ul class="sc-catalogs">
                { for shipped.iter().map(|e| {
                    let url = format!("catalogs/{}", e.file);
                    let onclick = props.on_catalog.reform(move |_: MouseEvent| CatalogSource::Url(url.clone()));
                    html! {
                        <li>
                            <span>{ e.title.get(lang.tag()).to_string() }</span>
                            if e.id == catalog.id { <span class="sc-badge">{ t(lang, Key::Opened) }</span> }
                            else { <button type="button" class="sc-btn" data-action="load-catalog" data-catalog={e.id.clone()}
                                {onclick}>{ t(lang, Key::Open) }</button> }
                        </li>
                    }
                }) }
            </ul>
            <form class="sc-row" onsubmit={on_url}>
                <label class="sc-field sc-field-grow">
                    <span>{ t(lang, Key::CatalogUrl) }</span>
                    <input type="url" data-field="catalog-url" value={(*url).clone()} oninput={bind(&url)} />
                </label>
                <button type="submit" class="sc-btn">{ t(lang, Key::LoadCatalog) }</button>
            </form>
            <label class="sc-file">
                <span>{ t(lang, Key::CatalogFromFile) }</span>
                <input type="file" accept=".json,application/json" data-field="catalog-file" onchange={on_file} />
            </label>
            if let Some((name, why)) = &*message {
                <div class="sc-field-error" role="alert" data-catalog="message">
                    <strong>{ t(lang, Key::CatalogLoadFailed) }{ ": " }</strong>{ problem(lang, Some(name), why) }
                </div>
            }
            <dl class="sc-about">
                <dt>{ t(lang, Key::Source) }</dt><dd>{ catalog.source.title.clone() }</dd>
                if let Some(c) = &catalog.coverage {
                    <dt>{ t(lang, Key::Coverage) }</dt><dd>{ c.get(lang.tag()).to_string() }</dd>
                }
            </dl>
            if !catalog.repairs.is_empty() {
                <details class="sc-repairs">
                    <summary>{ format!("{} ({})", t(lang, Key::Repairs), catalog.repairs.len()) }</summary>
                    <p class="sc-help" data-help="repairs">{ t(lang, Key::RepairsInEnglish) }</p>
                    <ul>
                        { for catalog.repairs.iter().map(|r| html! {
                            <li data-repair={r.id.clone()}>
                                <b>{ r.id.clone() }</b>{ r.target.as_ref().map(|t| format!(" [{t}]")).unwrap_or_default() }{ ": " }
                                <span class="sc-repair-change">{ repair_change(lang, &r.before, &r.after) }</span>
                                <br /><span lang="en">{ r.reason.clone() }</span>
                            </li>
                        }) }
                    </ul>
                </details>
            }
        </section>
    }
}
