//! In-browser smoke tests of the real storage (`src/web/storage.rs`: the
//! storage rules themselves run natively in `src/core/store.rs`) and of the
//! embed entry (`src/embed.rs`): what a user would notice if they broke — answers
//! not kept, a damaged value lost instead of backed up, newer data
//! overwritten, another tab's answers dropped, another widget's data deleted,
//! a bad embed option leaving a blank box.
#![cfg(target_arch = "wasm32")]

use selfcheck::core::sample::{options_of, workspace};
use selfcheck::core::store::{Loaded, StoreStatus};
use selfcheck::core::stored::Namespace;
use selfcheck::web::storage::open_store;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

fn ls() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

fn clear_ns(ns: &str) {
    let s = ls();
    let keys: Vec<String> = (0..s.length().unwrap())
        .filter_map(|i| s.key(i).unwrap())
        .filter(|k| k.starts_with(&format!("{ns}:")))
        .collect();
    for k in keys {
        s.remove_item(&k).unwrap();
    }
}

fn ns(name: &str) -> Namespace {
    clear_ns(name);
    Namespace::new(name).unwrap()
}

#[wasm_bindgen_test]
fn saved_answers_are_there_after_reopening() {
    let n = ns("wt-roundtrip");
    let ws = workspace(&[("1", "achieved", 10), ("4", "not_applicable", 11)]);
    let mut store = open_store(n.clone());
    assert_eq!(store.status(), StoreStatus::Available);
    assert_eq!(store.save(&ws, 20).0, StoreStatus::Available);
    let mut again = open_store(n);
    assert_eq!(again.load(30), Loaded::Found(ws));
}

#[wasm_bindgen_test]
fn a_damaged_value_is_backed_up_not_lost() {
    let n = ns("wt-corrupt");
    ls().set_item(&n.workspace_key(), "{\"schema\": 2, \"workspace\": [oops")
        .unwrap();
    let mut store = open_store(n.clone());
    let Loaded::Corrupt {
        backup_key: Some(backup_key),
        raw,
        ..
    } = store.load(1234)
    else {
        panic!("damaged value not reported, or not backed up");
    };
    assert_eq!(raw, "{\"schema\": 2, \"workspace\": [oops");
    assert_eq!(
        ls().get_item(&backup_key).unwrap().as_deref(),
        Some("{\"schema\": 2, \"workspace\": [oops"),
        "the raw value is kept for download"
    );
    let s = ls();
    let backups = (0..s.length().unwrap())
        .filter_map(|i| s.key(i).unwrap())
        .filter(|k| n.is_backup_key(k))
        .count();
    assert_eq!(backups, 1, "exactly one backup copy");
    // The widget goes on: new answers save.
    let ws = workspace(&[("1", "achieved", 10)]);
    assert_eq!(store.save(&ws, 20).0, StoreStatus::Available);
    assert_eq!(open_store(n).load(30), Loaded::Found(ws));
}

#[wasm_bindgen_test]
fn data_from_a_newer_version_is_never_overwritten() {
    let n = ns("wt-future");
    let newer = "{\"schema\": 99, \"workspace\": {\"entities\": [], \"active\": \"\"}}";
    ls().set_item(&n.workspace_key(), newer).unwrap();
    let mut store = open_store(n.clone());
    assert!(matches!(store.load(1), Loaded::Future(_)));
    assert_eq!(store.status(), StoreStatus::ReadOnly);
    store.save(&workspace(&[("1", "achieved", 10)]), 20);
    assert_eq!(
        ls().get_item(&n.workspace_key()).unwrap().as_deref(),
        Some(newer)
    );
}

#[wasm_bindgen_test]
fn an_older_schema_is_migrated_on_load() {
    let n = ns("wt-v1");
    ls().set_item(
        &n.key_for(1, "answers"),
        r#"{"version":1,"catalog":"jama-japia-v2.2","answers":{"1":"achieved","4":"not_achieved"}}"#,
    )
    .unwrap();
    let Loaded::Found(ws) = open_store(n).load(1) else {
        panic!("v1 value not read");
    };
    assert_eq!(
        options_of(&ws),
        vec![
            ("1".into(), "achieved".into()),
            ("4".into(), "not_achieved".into())
        ]
    );
}

#[wasm_bindgen_test]
fn another_tabs_newer_answers_survive_our_save() {
    let n = ns("wt-tabs");
    let mut tab1 = open_store(n.clone());
    let mut tab2 = open_store(n.clone());
    tab1.load(0);
    tab2.load(0);
    // Tab 1 answers item 1; tab 2, which has not seen that, answers item 4.
    tab1.save(&workspace(&[("1", "achieved", 10)]), 11);
    let (_, merged) = tab2.save(&workspace(&[("4", "partial", 12)]), 13);
    let merged = merged.expect("tab 2 learns of tab 1's answer");
    assert_eq!(
        options_of(&merged),
        vec![
            ("1".into(), "achieved".into()),
            ("4".into(), "partial".into())
        ]
    );
    let Loaded::Found(stored) = open_store(n).load(20) else {
        panic!("nothing stored");
    };
    assert_eq!(options_of(&stored), options_of(&merged));
}

#[wasm_bindgen_test]
fn delete_all_removes_only_this_namespace() {
    let n = ns("wt-delete");
    clear_ns("wt-other");
    ls().set_item("wt-other:v2:workspace", "keep me").unwrap();
    let mut store = open_store(n.clone());
    store.save(&workspace(&[("1", "achieved", 10)]), 11);
    store.set_pref("lang", "en");
    assert!(store.clear_all() >= 2);
    let s = ls();
    let left: Vec<String> = (0..s.length().unwrap())
        .filter_map(|i| s.key(i).unwrap())
        .filter(|k| k.starts_with("wt-delete:"))
        .collect();
    assert!(left.is_empty(), "left: {left:?}");
    assert_eq!(
        s.get_item("wt-other:v2:workspace").unwrap().as_deref(),
        Some("keep me")
    );
}

fn host() -> web_sys::Element {
    let doc = web_sys::window().unwrap().document().unwrap();
    let el = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&el).unwrap();
    el
}

fn options(pairs: &[(&str, &str)]) -> wasm_bindgen::JsValue {
    let o = js_sys::Object::new();
    for (k, v) in pairs {
        js_sys::Reflect::set(&o, &(*k).into(), &(*v).into()).unwrap();
    }
    o.into()
}

#[wasm_bindgen_test]
fn a_bad_embed_option_is_explained_in_the_container() {
    let el = host();
    selfcheck::embed::mount(el.clone(), options(&[("namespace", "a b<script>")])).unwrap();
    assert_eq!(el.get_attribute("role").as_deref(), Some("alert"));
    let text = el.text_content().unwrap_or_default();
    assert!(
        text.contains("namespace") && text.contains("a b<script>"),
        "{text}"
    );
    assert!(
        el.query_selector("script").unwrap().is_none(),
        "the value is shown as text"
    );
}

#[wasm_bindgen_test]
async fn mount_renders_inside_a_shadow_root() {
    let el = host();
    selfcheck::embed::mount(
        el.clone(),
        options(&[("namespace", "wt-mount"), ("catalog", "/missing.json")]),
    )
    .unwrap();
    yew::scheduler::flush().await;
    let shadow = el.shadow_root().expect("shadow root attached");
    let root = shadow
        .query_selector(".sc-root")
        .unwrap()
        .expect("widget root inside the shadow root");
    assert!(root.dyn_ref::<web_sys::HtmlElement>().is_some());
    assert!(
        root.query_selector(".sc-app").unwrap().is_some(),
        "the widget rendered into its root"
    );
    assert!(
        el.query_selector(".sc-root").unwrap().is_none(),
        "nothing rendered into the host page's DOM"
    );
}
