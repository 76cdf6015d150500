//! The catalog JSON Schema and the Rust types stay in step, and every shipped
//! catalog satisfies both.
//!
//! - `catalogs/catalog.schema.json` equals the schema generated from the Rust
//!   types (regenerate with `cargo run -p catgen -- schema catalogs/catalog.schema.json`).
//! - Every catalog in `catalogs/` validates against the schema *and* parses
//!   with `selfcheck::core::catalog::parse`.
//! - Broken catalogs are refused by both (the two directions agree).
#![cfg(not(target_arch = "wasm32"))]

use serde_json::Value;
use std::path::Path;

fn schema() -> Value {
    let text = std::fs::read_to_string("catalogs/catalog.schema.json").expect("schema file");
    serde_json::from_str(&text).expect("schema is JSON")
}

fn shipped() -> Vec<(String, String)> {
    let index: Value = serde_json::from_str(
        &std::fs::read_to_string("catalogs/index.json").expect("catalogs/index.json"),
    )
    .expect("index is JSON");
    index["catalogs"]
        .as_array()
        .expect("catalogs array")
        .iter()
        .map(|c| {
            let file = c["file"].as_str().expect("file").to_string();
            let text =
                std::fs::read_to_string(Path::new("catalogs").join(&file)).expect("catalog file");
            (file, text)
        })
        .collect()
}

#[test]
fn checked_in_schema_matches_the_rust_types() {
    let generated =
        serde_json::to_value(schemars::schema_for!(selfcheck::core::catalog::Catalog)).unwrap();
    assert_eq!(
        generated,
        schema(),
        "catalogs/catalog.schema.json is stale: run `cargo run -p catgen -- schema catalogs/catalog.schema.json`"
    );
}

#[test]
fn every_shipped_catalog_satisfies_schema_and_parser() {
    let validator = jsonschema::validator_for(&schema()).expect("valid schema");
    let all = shipped();
    assert!(all.len() >= 2, "index lists the shipped catalogs");
    for (file, text) in all {
        let value: Value = serde_json::from_str(&text).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&value)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{file}: {errors:?}");
        let c = selfcheck::core::catalog::parse(&text).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert!(!c.controls.is_empty());
    }
}

#[test]
fn index_entries_match_the_catalog_files() {
    let index: Value =
        serde_json::from_str(&std::fs::read_to_string("catalogs/index.json").unwrap()).unwrap();
    for entry in index["catalogs"].as_array().unwrap() {
        let file = entry["file"].as_str().unwrap();
        let c = selfcheck::core::catalog::parse(
            &std::fs::read_to_string(Path::new("catalogs").join(file)).unwrap(),
        )
        .unwrap();
        assert_eq!(entry["id"].as_str(), Some(c.id.as_str()), "{file}");
        assert_eq!(
            entry["version"].as_str(),
            Some(c.version.as_str()),
            "{file}"
        );
        assert_eq!(
            entry["title"]["ja"].as_str(),
            Some(c.title.ja.as_str()),
            "{file}"
        );
    }
}

#[test]
fn schema_and_parser_agree_on_broken_catalogs() {
    let validator = jsonschema::validator_for(&schema()).unwrap();
    let (_, text) = shipped().into_iter().next().unwrap();
    let good: Value = serde_json::from_str(&text).unwrap();
    type Mutation = Box<dyn Fn(&mut Value)>;
    let mutations: Vec<(&str, Mutation)> = vec![
        (
            "missing id",
            Box::new(|v: &mut Value| {
                v.as_object_mut().unwrap().remove("id");
            }),
        ),
        (
            "title is a number",
            Box::new(|v: &mut Value| v["title"] = Value::from(3)),
        ),
        (
            "unknown field",
            Box::new(|v: &mut Value| {
                v.as_object_mut()
                    .unwrap()
                    .insert("isued".into(), Value::from("x"));
            }),
        ),
        (
            "bad scale kind",
            Box::new(|v: &mut Value| v["scale"]["kind"] = Value::from("stars")),
        ),
        (
            "control without statements",
            Box::new(|v: &mut Value| {
                v["controls"][0]
                    .as_object_mut()
                    .unwrap()
                    .remove("statements");
            }),
        ),
        (
            "block with unknown type",
            Box::new(|v: &mut Value| {
                v["controls"][0]["statements"] = serde_json::json!([{"kind": "poem", "text": "x"}])
            }),
        ),
    ];
    for (name, mutate) in mutations {
        let mut v = good.clone();
        mutate(&mut v);
        assert!(!validator.is_valid(&v), "schema accepted: {name}");
        assert!(
            selfcheck::core::catalog::parse(&v.to_string()).is_err(),
            "parser accepted: {name}"
        );
    }
}

#[test]
fn the_e2e_mini_catalog_satisfies_schema_and_parser() {
    // tests/fixtures/mini-catalog.json stands in for the real catalog in the
    // end-to-end tests that do not need all of it (tests/e2e/helpers.mjs).
    let validator = jsonschema::validator_for(&schema()).unwrap();
    let text = std::fs::read_to_string("tests/fixtures/mini-catalog.json").unwrap();
    let value: Value = serde_json::from_str(&text).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&value)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    let c = selfcheck::core::catalog::parse(&text).unwrap();
    let levels: std::collections::BTreeSet<_> =
        c.controls.iter().filter_map(|x| x.level.clone()).collect();
    assert!(levels.len() >= 3, "every level is represented: {levels:?}");
    assert!(c.groups.len() >= 3, "several groups");
}
