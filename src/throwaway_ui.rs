//! THROWAWAY: a minimal UI implementing the e2e DOM contract, only to exercise
//! the build, e2e and bench pipeline before the real UI lands. Reverted.
use crate::core::catalog::{parse, Catalog};
use std::collections::BTreeMap;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::prelude::*;

const KEY: &str = "selfcheck:v1:answers";

async fn fetch_text(url: &str) -> Result<String, String> {
    let win = web_sys::window().ok_or("no window")?;
    let resp = wasm_bindgen_futures::JsFuture::from(win.fetch_with_str(url))
        .await
        .map_err(|e| format!("{e:?}"))?;
    let resp: web_sys::Response = resp.dyn_into().map_err(|_| "not a response")?;
    if !resp.ok() {
        return Err(format!("HTTP {}", resp.status()));
    }
    let t = wasm_bindgen_futures::JsFuture::from(resp.text().map_err(|e| format!("{e:?}"))?)
        .await
        .map_err(|e| format!("{e:?}"))?;
    t.as_string().ok_or_else(|| "not text".into())
}

fn load_answers() -> BTreeMap<String, String> {
    use gloo::storage::{LocalStorage, Storage};
    LocalStorage::get(KEY).unwrap_or_default()
}

#[component]
fn App() -> Html {
    let catalog = use_state(|| None::<Result<Rc<Catalog>, String>>);
    let answers = use_state(load_answers);
    {
        let catalog = catalog.clone();
        use_effect_with((), move |_| {
            let search = web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default();
            let url = web_sys::UrlSearchParams::new_with_str(&search)
                .ok()
                .and_then(|p| p.get("catalog"))
                .unwrap_or_else(|| "catalogs/jama-japia-v2.2.json".into());
            wasm_bindgen_futures::spawn_local(async move {
                let r = match fetch_text(&url).await {
                    Ok(t) => parse(&t).map(Rc::new).map_err(|e| format!("{url}: {e}")),
                    Err(e) => Err(format!("{url}: {e}")),
                };
                catalog.set(Some(r));
            });
        });
    }
    {
        use_effect_with((*answers).clone(), move |a| {
            use gloo::storage::{LocalStorage, Storage};
            let _ = LocalStorage::set(KEY, a);
        });
    }
    let Some(cat) = (*catalog).clone() else {
        return html! { <div class="sc-root"><p>{"loading"}</p></div> };
    };
    let cat = match cat {
        Ok(c) => c,
        Err(e) => return html! { <div class="sc-root"><p role="alert" class="sc-error">{e}</p></div> },
    };
    let total = cat.controls.len();
    let done = answers.keys().filter(|k| cat.control(k).is_some()).count();
    let export = {
        let answers = answers.clone();
        let cat = cat.clone();
        Callback::from(move |_| {
            let mut m = serde_json::Map::new();
            for (k, v) in answers.iter() {
                m.insert(k.clone(), serde_json::json!({ "option": v }));
            }
            let doc = serde_json::json!({"catalog": {"id": cat.id, "version": cat.version}, "answers": m});
            let arr = js_sys::Array::of1(&JsValue::from_str(&doc.to_string()));
            let blob = web_sys::Blob::new_with_str_sequence(&arr).unwrap();
            let url = web_sys::Url::create_object_url_with_blob(&blob).unwrap();
            let d = web_sys::window().unwrap().document().unwrap();
            let a: web_sys::HtmlAnchorElement = d.create_element("a").unwrap().dyn_into().unwrap();
            a.set_href(&url);
            a.set_download("selfcheck-export.json");
            a.click();
        })
    };
    html! {
        <div class="sc-root">
            <div role="progressbar" aria-valuenow={done.to_string()} aria-valuemin="0" aria-valuemax={total.to_string()} aria-label="progress">{format!("{done}/{total}")}</div>
            <button data-action="export-json" onclick={export}>{"Export"}</button>
            { for cat.controls.iter().map(|c| {
                let id = c.id.clone();
                html! {
                    <article class="sc-item" data-control={id.clone()}>
                        <h3>{format!("No.{}", c.number.clone().unwrap_or_default())}</h3>
                        <p>{Catalog::headline(c)}</p>
                        <div role="radiogroup" aria-label={format!("answer {id}")}>
                        { for cat.scale.options.iter().map(|o| {
                            let answers = answers.clone();
                            let id2 = id.clone();
                            let oid = o.id.clone();
                            let checked = answers.get(&id).map(|v| v == &o.id).unwrap_or(false);
                            let onchange = Callback::from(move |_| {
                                let mut m = (*answers).clone();
                                m.insert(id2.clone(), oid.clone());
                                answers.set(m);
                            });
                            html! { <label><input type="radio" name={format!("ans-{id}")} value={o.id.clone()} {checked} {onchange} />{o.label.ja.clone()}</label> }
                        }) }
                        </div>
                    </article>
                }
            }) }
        </div>
    }
}

/// Starts the standalone app on the `#app` element.
#[wasm_bindgen]
pub fn start() {
    let root = web_sys::window().unwrap().document().unwrap().get_element_by_id("app").unwrap();
    yew::Renderer::<App>::with_root(root).render();
}
