//! The benchmark's synthetic catalog (bench/gen-catalog.mjs) must stay a valid
//! catalog as the model evolves: otherwise the benchmark would measure an
//! error message instead of 2,000 items. Generates it with node and parses it
//! with the real parser.
#![cfg(not(target_arch = "wasm32"))]

use selfcheck::core::catalog::{parse, Catalog, MAX_CATALOG_BYTES};
use std::process::Command;

fn generate(n: usize) -> String {
    let root = env!("CARGO_MANIFEST_DIR");
    let out = Command::new("node")
        .arg(format!("{root}/bench/gen-catalog.mjs"))
        .args(["--controls", &n.to_string(), "--out", "-"])
        .output()
        .expect("node is installed (scripts/test.sh installs it)");
    assert!(
        out.status.success(),
        "gen-catalog failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("generator writes UTF-8")
}

#[test]
fn synthetic_catalog_of_2000_controls_parses() {
    let json = generate(2000);
    assert!(json.len() < MAX_CATALOG_BYTES, "{} bytes", json.len());
    let catalog = parse(&json).unwrap_or_else(|e| panic!("synthetic catalog is invalid: {e}"));
    assert_eq!(catalog.id, "synthetic-2000");
    assert_eq!(catalog.controls.len(), 2000);
    // Long Japanese texts, as the benchmark promises.
    let headline = Catalog::headline(&catalog.controls[1999]);
    assert!(headline.chars().count() >= 40, "short headline: {headline}");
    assert!(headline
        .chars()
        .any(|c| ('\u{3040}'..='\u{30ff}').contains(&c)));
}

#[test]
fn generator_is_deterministic_and_sized_by_argument() {
    let a = generate(30);
    assert_eq!(a, generate(30));
    assert_eq!(parse(&a).map(|c| c.controls.len()), Ok(30));
}
