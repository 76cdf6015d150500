//! The benchmark file against its JSON Schema, on the shipped catalogs: the
//! checked-in schema matches the Rust types, and a benchmark made from many
//! generated exports of the JAMA/JAPIA and NISC catalogs satisfies it.

#![cfg(not(target_arch = "wasm32"))]

use selfcheck::core::aggregate::{benchmark, Benchmark, Collector};
use selfcheck::core::assessment::{Answer, Assessment};
use selfcheck::core::catalog::{self, Catalog};
use selfcheck::core::report::{export_doc, to_json};
use serde_json::Value;
use std::path::PathBuf;

fn shipped(file: &str) -> Catalog {
    let text = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("catalogs")
            .join(file),
    )
    .expect("shipped catalog");
    catalog::parse(&text).expect("shipped catalog parses")
}

/// `n` exports answering every control with the scale's options in turn.
fn exports(cat: &Catalog, n: usize) -> Vec<String> {
    (0..n)
        .map(|k| {
            let mut a = Assessment::new(format!("e{k}"), &cat.id, &cat.version, 1);
            a.target_level = cat.levels.first().map(|l| l.id.clone());
            for (i, c) in cat.controls.iter().enumerate() {
                let o = &cat.scale.options[(i + k) % cat.scale.options.len()];
                let mut ans = Answer::empty(2);
                ans.option = o.id.clone();
                if o.requires_reason {
                    ans.reason = "対象システムなし".into();
                }
                a.answers.insert(c.id.clone(), ans);
            }
            to_json(&export_doc(cat, &a, 3).expect("export")).expect("json")
        })
        .collect()
}

/// `UPDATE_SCHEMAS=1 cargo test -p selfcheck --test aggregate` regenerates it.
#[test]
fn benchmark_schema_is_up_to_date() {
    let schema = schemars::schema_for!(Benchmark);
    let text = serde_json::to_string_pretty(&schema).unwrap() + "\n";
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("schemas/benchmark.schema.json");
    if std::env::var_os("UPDATE_SCHEMAS").is_some() {
        std::fs::write(&path, &text).unwrap();
    }
    let current = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        current == text,
        "schemas/benchmark.schema.json is out of date; regenerate with \
         `UPDATE_SCHEMAS=1 cargo test -p selfcheck --test aggregate`"
    );
    assert!(text.contains("\"const\": \"selfcheck-benchmark\""));
}

#[test]
fn benchmarks_of_the_shipped_catalogs_satisfy_the_schema() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("schemas/benchmark.schema.json");
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("valid schema");
    for file in ["jama-japia-v2.2.json", "nisc-2023.json"] {
        let cat = shipped(file);
        let mut c = Collector::new(vec![cat.clone()]);
        for (i, text) in exports(&cat, 6).iter().enumerate() {
            c.add(&format!("{i}.json"), text.as_bytes());
        }
        assert!(c.refused.is_empty(), "{file}: {:?}", c.refused);
        let b = benchmark(&cat, &c.sets[0], &[0, 1, 2, 3, 4, 5], 5, 0).expect("benchmark");
        assert_eq!(b.items.len(), cat.controls.len());
        let value = serde_json::to_value(&b).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&value)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{file}: {errors:?}");
        // A broken copy is refused by the schema.
        let mut broken = value.clone();
        broken["items"][0]["counts"]["achieved"] = Value::String("many".into());
        assert!(!validator.is_valid(&broken), "{file}: broken copy accepted");
    }
}
