//! In-browser tests of the storage glue (`src/storage.rs`) and the embed
//! entry (`src/embed.rs`): what a user would notice if they broke — answers
//! not kept, a damaged value lost instead of backed up, newer data
//! overwritten, another tab's answers dropped, another widget's data deleted,
//! a bad embed option leaving a blank box.
#![cfg(target_arch = "wasm32")]

use selfcheck::core::assessment::{apply_workspace, Action, Workspace, WorkspaceAction};
use selfcheck::core::stored::Namespace;
use selfcheck::storage::{Loaded, Store, StoreStatus};
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

/// A workspace with one entity answering `answers` (control, option, time).
fn workspace(answers: &[(&str, &str, i64)]) -> Workspace {
    let mut ws = apply_workspace(
        &Workspace::default(),
        WorkspaceAction::Create {
            id: "e1".into(),
            name: "A社".into(),
            catalog_id: "jama-japia-v2.2".into(),
            catalog_version: "2.2".into(),
            now: 1,
        },
    );
    for (control, option, now) in answers {
        ws = apply_workspace(
            &ws,
            WorkspaceAction::Update {
                id: "e1".into(),
                action: Action::Answer {
                    control: control.to_string(),
                    option: option.to_string(),
                    now: *now,
                },
            },
        );
    }
    ws
}

fn options_of(ws: &Workspace) -> Vec<(String, String)> {
    ws.entities[0]
        .answers
        .iter()
        .map(|(k, a)| (k.clone(), a.option.clone()))
        .collect()
}

#[wasm_bindgen_test]
fn saved_answers_are_there_after_reopening() {
    let n = ns("wt-roundtrip");
    let ws = workspace(&[("1", "achieved", 10), ("4", "not_applicable", 11)]);
    let mut store = Store::open(n.clone());
    assert_eq!(store.status(), StoreStatus::Available);
    assert_eq!(store.save(&ws, 20).0, StoreStatus::Available);
    let mut again = Store::open(n);
    assert_eq!(again.load(30), Loaded::Found(ws));
}

#[wasm_bindgen_test]
fn a_damaged_value_is_backed_up_not_lost() {
    let n = ns("wt-corrupt");
    ls().set_item(&n.workspace_key(), "{\"schema\": 2, \"workspace\": [oops")
        .unwrap();
    let mut store = Store::open(n.clone());
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
    let backups = || {
        let s = ls();
        (0..s.length().unwrap())
            .filter_map(|i| s.key(i).unwrap())
            .filter(|k| n.is_backup_key(k))
            .count()
    };
    assert_eq!(backups(), 1, "exactly one backup copy");
    // The widget goes on: new answers save, over the value already backed up
    // (not copied a second time).
    let ws = workspace(&[("1", "achieved", 10)]);
    assert_eq!(store.save(&ws, 20).0, StoreStatus::Available);
    assert_eq!(backups(), 1, "still one backup copy after the first save");
    assert_eq!(Store::open(n).load(30), Loaded::Found(ws));
}

#[wasm_bindgen_test]
fn data_from_a_newer_version_is_never_overwritten() {
    let n = ns("wt-future");
    let newer = "{\"schema\": 99, \"workspace\": {\"entities\": [], \"active\": \"\"}}";
    ls().set_item(&n.workspace_key(), newer).unwrap();
    let mut store = Store::open(n.clone());
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
    let Loaded::Found(ws) = Store::open(n).load(1) else {
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
    let mut tab1 = Store::open(n.clone());
    let mut tab2 = Store::open(n.clone());
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
    let Loaded::Found(stored) = Store::open(n).load(20) else {
        panic!("nothing stored");
    };
    assert_eq!(options_of(&stored), options_of(&merged));
}

#[wasm_bindgen_test]
fn delete_all_removes_only_this_namespace() {
    let n = ns("wt-delete");
    clear_ns("wt-other");
    ls().set_item("wt-other:v2:workspace", "keep me").unwrap();
    let mut store = Store::open(n.clone());
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
