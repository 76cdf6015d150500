//! A catalog with its index: where every control and group sits, built once
//! when the catalog is parsed.
//!
//! The views need, per control, its position, its top-level group, the depth
//! of its group, the "No. x" label and the CSS class of its level; per group,
//! its depth and its top-level group; per control, the fingerprint of its
//! text that answers record. [`IndexedCatalog`] computes them once
//! (in [`parse`]) and derefs to the [`Catalog`], so code that only needs the
//! catalog does not notice it.
//!
//! Invariants: `controls[i]` of the index describes `catalog.controls[i]`;
//! a group whose parent chain loops or names an unknown group stops there
//! (its top is the last group reached), so building never loops.

use crate::core::catalog::{self, Catalog, CatalogError};
use crate::core::review::fingerprint;
use std::collections::HashMap;
use std::ops::Deref;

/// Where one control sits.
#[derive(Debug, Clone, PartialEq)]
pub struct ControlPlace {
    /// Position of its top-level group in `catalog.groups`; `None` when its
    /// group is unknown (an unvalidated catalog).
    pub top: Option<usize>,
    /// Depth of its own group (0 = top level).
    pub depth: usize,
    /// What the user reads as its number: `No. 1-2`, or `No. {id}` without one.
    pub label: String,
    /// CSS classes of its level badge (`sc-level sc-level-lv1`), empty without a level.
    pub level_class: String,
}

/// Where one group sits.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupPlace {
    /// Position of its top-level group (itself at the top level).
    pub top: usize,
    /// Depth (0 = top level).
    pub depth: usize,
}

/// A parsed catalog and its index.
#[derive(Debug, Clone, PartialEq)]
pub struct IndexedCatalog {
    catalog: Catalog,
    positions: HashMap<String, usize>,
    controls: Vec<ControlPlace>,
    groups: Vec<GroupPlace>,
    /// [`crate::core::review::fingerprint`] of each control, same positions.
    fingerprints: Vec<String>,
}

/// Parses, validates and indexes a catalog.
pub fn parse(json: &str) -> Result<IndexedCatalog, CatalogError> {
    catalog::parse(json).map(IndexedCatalog::new)
}

/// "No. x" for a control number or id (`12`, `3.1.1-1`); a number that
/// carries its own family prefix (letters and a dash: OSCAL's `AC-1`,
/// `AC-2(1)`) is shown as printed.
pub fn number_label(number: &str) -> String {
    let letters = number.chars().take_while(char::is_ascii_alphabetic).count();
    if letters > 0 && number[letters..].starts_with('-') {
        number.to_string()
    } else {
        format!("No. {number}")
    }
}

/// The CSS classes of a level badge.
pub fn level_class(level: &str) -> String {
    format!("sc-level sc-level-{}", level.to_ascii_lowercase())
}

impl IndexedCatalog {
    /// Indexes a catalog.
    pub fn new(catalog: Catalog) -> Self {
        let gpos: HashMap<&str, usize> = catalog
            .groups
            .iter()
            .enumerate()
            .map(|(i, g)| (g.id.as_str(), i))
            .collect();
        let groups: Vec<GroupPlace> = (0..catalog.groups.len())
            .map(|start| {
                let (mut i, mut depth) = (start, 0);
                while let Some(&p) = catalog.groups[i]
                    .parent
                    .as_deref()
                    .and_then(|p| gpos.get(p))
                {
                    if depth >= catalog.groups.len() || p == start {
                        break;
                    }
                    i = p;
                    depth += 1;
                }
                GroupPlace { top: i, depth }
            })
            .collect();
        let controls = catalog
            .controls
            .iter()
            .map(|c| {
                let g = gpos.get(c.group.as_str()).map(|&g| &groups[g]);
                ControlPlace {
                    top: g.map(|g| g.top),
                    depth: g.map_or(0, |g| g.depth),
                    label: number_label(c.number.as_deref().unwrap_or(&c.id)),
                    level_class: c.level.as_deref().map(level_class).unwrap_or_default(),
                }
            })
            .collect();
        let positions = catalog
            .controls
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.clone(), i))
            .collect();
        let fingerprints = catalog.controls.iter().map(fingerprint).collect();
        IndexedCatalog {
            catalog,
            positions,
            controls,
            groups,
            fingerprints,
        }
    }

    /// The fingerprint of the text of control `id` (what an answer to it
    /// records), `None` when the catalog has no such control.
    pub fn fingerprint(&self, id: &str) -> Option<&str> {
        let pos = *self.positions.get(id)?;
        self.fingerprints.get(pos).map(String::as_str)
    }

    /// The catalog.
    pub fn catalog(&self) -> &Catalog {
        &self.catalog
    }

    /// Position of a control in `controls`, by id.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.positions.get(id).copied()
    }

    /// Where the control at position `i` sits.
    pub fn place(&self, i: usize) -> Option<&ControlPlace> {
        self.controls.get(i)
    }

    /// Where the group at position `i` sits.
    pub fn group_place(&self, i: usize) -> Option<&GroupPlace> {
        self.groups.get(i)
    }

    /// The "No. x" label of a control by id (`No. {id}` for an unknown id,
    /// so a label never disappears).
    pub fn label(&self, id: &str) -> String {
        self.position(id)
            .and_then(|i| self.place(i))
            .map(|p| p.label.clone())
            .unwrap_or_else(|| number_label(id))
    }

    /// Positions of the controls of a top-level group (itself or any
    /// sub-group), in catalog order.
    pub fn controls_under(&self, top: usize) -> impl Iterator<Item = usize> + '_ {
        self.controls
            .iter()
            .enumerate()
            .filter(move |(_, p)| p.top == Some(top))
            .map(|(i, _)| i)
    }
}

impl Deref for IndexedCatalog {
    type Target = Catalog;
    fn deref(&self) -> &Catalog {
        &self.catalog
    }
}

#[cfg(test)]
mod test {
    use super::*;

    const CAT: &str = r#"{
      "format": 1, "id": "t", "version": "1", "title": {"ja": "t"},
      "publisher": {"ja": "p"}, "issued": "2024-01-01", "source": {"title": "s"},
      "levels": [{"id": "Lv1", "name": {"ja": "Lv1"}}, {"id": "LV2", "name": {"ja": "Lv2"}}],
      "scale": {"kind": "status", "options": [
        {"id": "achieved", "label": {"ja": "達成"}, "achieved": true, "credit": 1}]},
      "groups": [
        {"id": "g1", "title": {"ja": "一"}, "number": "1"},
        {"id": "g1a", "title": {"ja": "一の一"}, "parent": "g1"},
        {"id": "g1a1", "title": {"ja": "一の一の一"}, "parent": "g1a"},
        {"id": "g2", "title": {"ja": "二"}}
      ],
      "controls": [
        {"id": "c1", "group": "g1", "number": "1-1", "level": "Lv1",
         "statements": [{"kind": "condition", "text": "a"}]},
        {"id": "c2", "group": "g1a1", "level": "LV2", "statements": [{"kind": "condition", "text": "b"}]},
        {"id": "c3", "group": "g2", "number": "2-1", "level": "Lv1", "statements": [{"kind": "condition", "text": "c"}]}
      ]}"#;

    fn cat() -> IndexedCatalog {
        parse(CAT).expect("fixture parses")
    }

    #[test]
    fn numbers_get_no_unless_they_carry_their_own_prefix() {
        for (n, want) in [
            ("12", "No. 12"),
            ("3.1.1-1", "No. 3.1.1-1"),
            ("AC-1", "AC-1"),
            ("AC-2(1)", "AC-2(1)"),
        ] {
            assert_eq!(number_label(n), want);
        }
    }

    #[test]
    fn controls_know_their_place() {
        let c = cat();
        // (id, position, top group, depth, label, level class)
        for (id, pos, top, depth, label, class) in [
            ("c1", 0, Some(0), 0, "No. 1-1", "sc-level sc-level-lv1"),
            ("c2", 1, Some(0), 2, "No. c2", "sc-level sc-level-lv2"),
            ("c3", 2, Some(3), 0, "No. 2-1", "sc-level sc-level-lv1"),
        ] {
            assert_eq!(c.position(id), Some(pos), "{id}");
            let p = c.place(pos).expect("placed");
            assert_eq!(p.top, top, "{id} top");
            assert_eq!(p.depth, depth, "{id} depth");
            assert_eq!(p.label, label, "{id} label");
            assert_eq!(p.level_class, class, "{id} class");
        }
        assert_eq!(c.position("nope"), None);
        assert_eq!(c.label("nope"), "No. nope");
        assert_eq!(c.label("c3"), "No. 2-1");
    }

    #[test]
    fn groups_know_their_top_and_depth() {
        let c = cat();
        let places: Vec<(usize, usize)> = (0..4)
            .map(|i| c.group_place(i).map(|g| (g.top, g.depth)).expect("group"))
            .collect();
        assert_eq!(places, vec![(0, 0), (0, 1), (0, 2), (3, 0)]);
        assert_eq!(c.controls_under(0).collect::<Vec<_>>(), vec![0, 1]);
        assert_eq!(c.controls_under(3).collect::<Vec<_>>(), vec![2]);
    }

    #[test]
    fn a_parent_cycle_ends() {
        // Unvalidated: g1 names g1a as parent, g1a names g1.
        let mut raw: Catalog = serde_json::from_str(CAT).expect("deserializes");
        raw.groups[0].parent = Some("g1a".into());
        let c = IndexedCatalog::new(raw);
        assert!(c.group_place(0).is_some_and(|g| g.depth <= 4));
        assert!(c.place(0).is_some());
    }

    #[test]
    fn derefs_to_the_catalog() {
        let c = cat();
        assert_eq!(c.id, "t");
        assert_eq!(c.controls.len(), 3);
    }
}
