//! Components import downwards only: no import circle among `src/components`.
//!
//! Reads every file under `src/components/` (and `src/components.rs`), takes
//! each `crate::components::NAME` path it mentions (in `use` lines or inline),
//! and fails on a cycle in that graph, naming it. Native, no parser crate:
//! the paths are plain text.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

/// Module name -> the sibling components it refers to.
fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/components");
    let mut g = BTreeMap::new();
    let mut stack = vec![dir.clone()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).expect("src/components is readable") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().and_then(|e| e.to_str()) != Some("rs") {
                continue;
            }
            // A file `components/a/b.rs` belongs to the top module `a`.
            let rel = path.strip_prefix(&dir).expect("under components");
            let top = rel
                .components()
                .next()
                .and_then(|c| c.as_os_str().to_str())
                .map(|s| s.trim_end_matches(".rs").to_string())
                .expect("a name");
            let text = fs::read_to_string(&path).expect("readable");
            let deps: &mut BTreeSet<String> = g.entry(top.clone()).or_default();
            for refs in referenced(&text) {
                if refs != top {
                    deps.insert(refs);
                }
            }
        }
    }
    g
}

/// Top-level component modules named in `text` (`crate::components::x`,
/// `crate::components::{x, y::Z}` and `super::x` from a top-level file).
fn referenced(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let needle = "crate::components::";
    let mut rest = text;
    while let Some(i) = rest.find(needle) {
        rest = &rest[i + needle.len()..];
        if let Some(inner) = rest.strip_prefix('{') {
            let end = inner.find('}').unwrap_or(inner.len());
            for part in inner[..end].split(',') {
                let name: String = part
                    .trim()
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if !name.is_empty() {
                    out.push(name);
                }
            }
        } else {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                out.push(name);
            }
        }
    }
    out
}

/// A cycle in `g`, as the list of modules along it, if there is one.
fn find_cycle(g: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        n: &str,
        g: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(pos) = path.iter().position(|p| p == n) {
            let mut c = path[pos..].to_vec();
            c.push(n.to_string());
            return Some(c);
        }
        if done.contains(n) {
            return None;
        }
        path.push(n.to_string());
        for d in g.get(n).into_iter().flatten() {
            if let Some(c) = visit(d, g, path, done) {
                return Some(c);
            }
        }
        path.pop();
        done.insert(n.to_string());
        None
    }
    let mut done = BTreeSet::new();
    for n in g.keys() {
        if let Some(c) = visit(n, g, &mut Vec::new(), &mut done) {
            return Some(c);
        }
    }
    None
}

#[test]
fn no_import_circle_among_components() {
    let g = graph();
    assert!(g.len() > 5, "components found: {:?}", g.keys());
    if let Some(c) = find_cycle(&g) {
        panic!("import circle among components: {}", c.join(" -> "));
    }
}

#[test]
fn the_check_finds_a_circle_and_reads_every_path_form() {
    let text =
        "use crate::components::{item::Item, field};\nlet x = crate::components::blocks::list;";
    assert_eq!(referenced(text), vec!["item", "field", "blocks"]);
    let mut g = BTreeMap::new();
    g.insert("a".to_string(), BTreeSet::from(["b".to_string()]));
    g.insert("b".to_string(), BTreeSet::from(["c".to_string()]));
    g.insert("c".to_string(), BTreeSet::from(["a".to_string()]));
    assert_eq!(
        find_cycle(&g),
        Some(vec!["a".into(), "b".into(), "c".into(), "a".into()])
    );
    g.insert("c".to_string(), BTreeSet::new());
    assert_eq!(find_cycle(&g), None);
}
