//! Mounting the widget: options from data-attributes or query parameters, a
//! shadow root so the host page's CSS cannot reach the widget, and the two
//! entry points exported to JavaScript (`start` for the standalone page,
//! `mount` for embedding). The standalone page may hold the build's static
//! first screen in its shadow root; the app then renders detached and takes
//! over once ready ([`crate::web::first_screen`]).

use crate::components::app::{App, AppProps};
use crate::options::Options;
use crate::web::first_screen::{self, FirstScreen};
use wasm_bindgen::prelude::*;
use web_sys::{Element, ShadowRootInit, ShadowRootMode};

fn attach(host: &Element, props: AppProps, css: &str) -> Result<(), JsValue> {
    let doc = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| JsValue::from_str("no document"))?;
    let shadow = match host.shadow_root() {
        Some(s) => s,
        None => host.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))?,
    };
    // The build's static first screen (index.html) brings its stylesheet and
    // stays shown until the app has rendered the catalog (web::first_screen).
    let has_static = first_screen::present(&shadow);
    if !has_static {
        let link = doc.create_element("link")?;
        link.set_attribute("rel", "stylesheet")?;
        link.set_attribute("href", css)?;
        shadow.append_child(&link)?;
    }
    let root = doc.create_element("div")?;
    root.set_class_name("sc-root");
    // Beside a static first screen the app renders detached, so the page
    // never holds two copies of the same controls; the takeover attaches it.
    if !has_static {
        shadow.append_child(&root)?;
    }
    let props = AppProps {
        first_screen: has_static.then(|| FirstScreen::new(shadow.clone(), root.clone())),
        ..props
    };
    yew::Renderer::<App>::with_root_and_props(root, props).render();
    Ok(())
}

fn show_error(host: &Element, message: &str) {
    // Text only: the message may echo a host-supplied value.
    host.set_text_content(Some(&format!("selfcheck: {message}")));
    let _ = host.set_attribute("role", "alert");
}

/// Mounts a widget on `element`. `options` is a plain object of strings
/// (`catalog`, `lang`, `namespace`, `target`, `theme`, `base`), typically the
/// element's `dataset`; keys that are not strings are ignored. Bad options
/// are shown as an error in the element.
///
/// The object is walked with `js_sys` rather than read with
/// serde-wasm-bindgen: that costs 6.7 KB of wasm (2.9 KB gzip, measured on
/// the release build) for six strings.
#[wasm_bindgen]
pub fn mount(element: Element, options: JsValue) -> Result<(), JsValue> {
    let mut pairs: Vec<(String, String)> = Vec::new();
    if let Ok(entries) = js_sys::Object::entries(&options.unchecked_into::<js_sys::Object>())
        .dyn_into::<js_sys::Array>()
    {
        for e in entries.iter() {
            let kv: js_sys::Array = e.unchecked_into();
            if let (Some(k), Some(v)) = (kv.get(0).as_string(), kv.get(1).as_string()) {
                pairs.push((k, v));
            }
        }
    }
    let base = pairs
        .iter()
        .find(|(k, _)| k == "base")
        .map(|(_, v)| v.clone())
        .unwrap_or_default();
    let css = format!("{base}selfcheck.css");
    match Options::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.clone())), base) {
        Ok(options) => attach(
            &element,
            AppProps {
                options,
                first_screen: None,
            },
            &css,
        ),
        Err(e) => {
            show_error(&element, &e.to_string());
            Ok(())
        }
    }
}

/// Starts the standalone page: mounts on `#selfcheck` with options from the
/// query string (`?catalog=…&lang=…&namespace=…&target=…&theme=…&benchmark=…`).
#[wasm_bindgen]
pub fn start() -> Result<(), JsValue> {
    let window = web_sys::window().ok_or_else(|| JsValue::from_str("no window"))?;
    let doc = window
        .document()
        .ok_or_else(|| JsValue::from_str("no document"))?;
    let host = doc
        .get_element_by_id("selfcheck")
        .ok_or_else(|| JsValue::from_str("no #selfcheck element"))?;
    let search = window.location().search().unwrap_or_default();
    let params = web_sys::UrlSearchParams::new_with_str(&search)?;
    let mut pairs = Vec::new();
    for key in [
        "catalog",
        "lang",
        "namespace",
        "target",
        "theme",
        "benchmark",
    ] {
        if let Some(v) = params.get(key) {
            pairs.push((key, v));
        }
    }
    match Options::from_pairs(pairs, String::new()) {
        Ok(options) => {
            // Anyone can mail a link: what it names must be this site's.
            let options = Options {
                by_link: true,
                ..options
            };
            attach(
                &host,
                AppProps {
                    options,
                    first_screen: None,
                },
                "selfcheck.css",
            )
        }
        Err(e) => {
            show_error(&host, &e.to_string());
            Ok(())
        }
    }
}
