//! The content hashes compiled into `core::origin::SHIPPED` are those of the
//! catalogs in `catalogs/` (listed by `catalogs/index.json`): a catalog that is
//! regenerated without updating the table would otherwise be treated as an
//! imitation of itself.
#![cfg(not(target_arch = "wasm32"))]

use selfcheck::core::catalog::{self, parse_index};
use selfcheck::core::origin::{content_hash, identify, Provenance, SHIPPED};
use std::path::PathBuf;

fn read(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("catalogs")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn the_shipped_table_matches_the_catalog_files() {
    let index = parse_index(&read("index.json")).expect("index parses");
    let mut found: Vec<(String, String)> = Vec::new();
    let mut parsed = Vec::new();
    for e in &index.catalogs {
        let c = catalog::parse(&read(&e.file)).expect("shipped catalog parses");
        assert_eq!(c.id, e.id, "{}: id as in the index", e.file);
        found.push((c.id.clone(), content_hash(&c)));
        parsed.push((e.file.clone(), c));
    }
    let table: Vec<(String, String)> = SHIPPED
        .iter()
        .map(|(i, h)| (i.to_string(), h.to_string()))
        .collect();
    assert_eq!(
        table, found,
        "update core::origin::SHIPPED to these (id, content hash) pairs"
    );
    // So each shipped file is recognised as shipped.
    for (file, c) in parsed {
        assert_eq!(identify(c, &file).1, Provenance::Shipped, "{file}");
    }
}
