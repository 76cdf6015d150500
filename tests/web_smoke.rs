//! In-browser smoke test of the web platform the glue relies on.
//!
//! Runs only on `wasm32` in headless Chromium (`scripts/test.sh`, suite "web").
//! It checks that localStorage, through the same `gloo` storage API that
//! `src/storage.rs` uses, keeps a typed value, overwrites it, reports a missing
//! key as missing and reports a value of the wrong shape as an error instead of
//! panicking.
#![cfg(target_arch = "wasm32")]

use gloo::storage::{errors::StorageError, LocalStorage, Storage};
use serde::{Deserialize, Serialize};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

/// A value shaped like a stored answer.
#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Saved {
    option: String,
    note: Option<String>,
}

#[wasm_bindgen_test]
fn local_storage_round_trip_keeps_japanese_text() {
    let key = "selfcheck-smoke:v1:round-trip";
    LocalStorage::delete(key);
    let value = Saved {
        option: "not_applicable".into(),
        note: Some("当社は該当する設備を保有していない".into()),
    };
    LocalStorage::set(key, &value).expect("localStorage accepts a small value");
    let back: Saved = LocalStorage::get(key).expect("the value just written is readable");
    assert_eq!(back, value);

    let newer = Saved {
        option: "achieved".into(),
        note: None,
    };
    LocalStorage::set(key, &newer).expect("overwrite");
    assert_eq!(LocalStorage::get::<Saved>(key).ok(), Some(newer));

    LocalStorage::delete(key);
    assert!(matches!(
        LocalStorage::get::<Saved>(key),
        Err(StorageError::KeyNotFound(_))
    ));
}

#[wasm_bindgen_test]
fn wrong_shape_in_storage_is_an_error_not_a_panic() {
    let key = "selfcheck-smoke:v1:wrong-shape";
    LocalStorage::set(key, "just a string").expect("write a string");
    assert!(matches!(
        LocalStorage::get::<Saved>(key),
        Err(StorageError::SerdeError(_))
    ));
    LocalStorage::delete(key);
}
