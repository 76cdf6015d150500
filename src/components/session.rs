//! The assessment view for one loaded catalog: header, progress, groups of
//! items, export, and the privacy footer. Owns the reducer and the one effect
//! that saves the workspace.

use crate::components::item::Item;
use crate::components::progress::Progress;
use crate::core::assessment::Action;
use crate::core::catalog::Catalog;
use crate::i18n::{t, Key, Lang};
use crate::options::Options;
use crate::state::{Msg, Shared, State};
use crate::storage::{Loaded, Store, StoreStatus};
use serde::Serialize;
use std::collections::BTreeMap;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Properties of [`Session`].
#[derive(Properties, PartialEq)]
pub struct SessionProps {
    /// The parsed catalog.
    pub catalog: Shared<Catalog>,
    /// Widget options.
    pub options: Options,
    /// UI language.
    pub lang: Lang,
}

fn now() -> i64 {
    js_sys::Date::now() as i64
}

/// A random id for a new assessment (not derived from the device).
pub fn new_id() -> String {
    let mut bytes = [0u8; 8];
    let crypto = web_sys::window().and_then(|w| w.crypto().ok());
    if let Some(c) = crypto {
        let _ = c.get_random_values_with_u8_array(&mut bytes);
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[derive(Serialize)]
struct ExportCatalog<'a> {
    id: &'a str,
    version: &'a str,
}

#[derive(Serialize)]
struct ExportDoc<'a> {
    format: &'static str,
    version: u32,
    exported: i64,
    catalog: ExportCatalog<'a>,
    answers: &'a BTreeMap<String, crate::core::assessment::Answer>,
}

/// Offers `text` as a file download.
pub fn download(name: &str, mime: &str, text: &str) -> Result<(), wasm_bindgen::JsValue> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let doc = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| wasm_bindgen::JsValue::from_str("no document"))?;
    let a: web_sys::HtmlAnchorElement = doc.create_element("a")?.dyn_into()?;
    a.set_href(&url);
    a.set_download(name);
    a.click();
    web_sys::Url::revoke_object_url(&url)?;
    Ok(())
}

/// The assessment session.
#[component]
pub fn Session(props: &SessionProps) -> Html {
    let lang = props.lang;
    let store = use_mut_ref(|| Store::open(&props.options.namespace));
    let status = use_state(|| store.borrow().status());
    let state = {
        let catalog = props.catalog.clone();
        let store = store.clone();
        use_reducer(move || {
            let ws = match store.borrow().load() {
                Loaded::Found(ws) => ws,
                _ => Default::default(),
            };
            State::new(catalog, ws, new_id(), now())
        })
    };
    {
        let store = store.clone();
        let status = status.clone();
        use_effect_with(state.workspace.clone(), move |ws| {
            let s = store.borrow_mut().save(ws);
            if *status != s {
                status.set(s);
            }
        });
    }
    let on_answer = {
        let dispatch = state.dispatcher();
        use_callback((), move |(control, option): (String, String), _| {
            dispatch.dispatch(Msg::Apply(Action::Answer {
                control,
                option,
                now: now(),
            }))
        })
    };
    let catalog = &props.catalog;
    let active = state.active();
    let answers = active.map(|a| &a.answers);
    let answered = catalog
        .controls
        .iter()
        .filter(|c| answers.is_some_and(|a| a.contains_key(&c.id)))
        .count();
    let on_export = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| {
            let Some(a) = state.active() else { return };
            let doc = ExportDoc {
                format: "selfcheck-export",
                version: 1,
                exported: now(),
                catalog: ExportCatalog {
                    id: &state.catalog.id,
                    version: &state.catalog.version,
                },
                answers: &a.answers,
            };
            if let Ok(text) = serde_json::to_string_pretty(&doc) {
                let date = js_sys::Date::new_0()
                    .to_iso_string()
                    .as_string()
                    .unwrap_or_default();
                let name = format!(
                    "selfcheck-{}-{}.json",
                    state.catalog.id,
                    date.get(..10).unwrap_or("")
                );
                let _ = download(&name, "application/json", &text);
            }
        })
    };
    html! {
        <>
            <header class="sc-header">
                <div class="sc-title">
                    <p class="sc-eyebrow">{ t(lang, Key::AppName) }</p>
                    <h1>{ catalog.title.get(lang.tag()).to_string() }</h1>
                    <p class="sc-meta">{ format!("{} · v{} · {}", catalog.publisher.get(lang.tag()), catalog.version, catalog.issued) }</p>
                </div>
                <div class="sc-toolbar">
                    <Progress answered={answered} total={catalog.controls.len()} {lang} />
                    <button type="button" class="sc-btn sc-btn-primary" data-action="export-json" onclick={on_export}>
                        { t(lang, Key::ExportJson) }
                    </button>
                </div>
            </header>
            if *status != StoreStatus::Available {
                <div class="sc-banner sc-banner-warn" role="alert">{ t(lang, Key::StorageUnavailable) }</div>
            }
            <main class="sc-main">
                { for catalog.groups.iter().filter(|g| catalog.controls_in(&g.id).next().is_some()).map(|g| html! {
                    <section class="sc-group" aria-labelledby={format!("sc-g-{}", g.id)}>
                        <h2 id={format!("sc-g-{}", g.id)}>
                            if let Some(n) = &g.number { <span class="sc-group-no">{ n.clone() }</span>{ " " } }
                            { g.title.get(lang.tag()).to_string() }
                        </h2>
                        { for catalog.controls.iter().enumerate().filter(|(_, c)| c.group == g.id).map(|(i, c)| html! {
                            <Item key={c.id.clone()} catalog={catalog.clone()} index={i}
                                answer={answers.and_then(|a| a.get(&c.id)).cloned()}
                                {lang} on_answer={on_answer.clone()} />
                        }) }
                    </section>
                }) }
            </main>
            <footer class="sc-footer"><p>{ t(lang, Key::PrivacyFooter) }</p></footer>
        </>
    }
}
