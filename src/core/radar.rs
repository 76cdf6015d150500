//! The groups a radar chart shows, and its axes: one implementation for the
//! results view's SVG radar and the XLSX workbook's native Excel chart.
//!
//! Rules kept here:
//! - The radar shows the groups of one depth: the shallowest depth with 5 to
//!   30 groups, else the top level (NISC's sections, JAMA's labels), and of
//!   those only the groups that hold controls (in or out of scope).
//! - An axis is labelled with the group's printed number (its id without
//!   one) and its name (the SVG radar shortens it to fit, `radar_layout`,
//!   and keeps the full name as the label's title).
//! - Status catalogs: current = achievement rate, target = 1 where anything
//!   is applicable. Maturity catalogs: the mean current and mean target
//!   values divided by the scale's highest value, so both read on 0..=1.

use crate::core::catalog::ScaleKind;
use crate::core::outline::IndexedCatalog;
use crate::core::score::{GroupScore, Scores};

/// One axis of the radar.
#[derive(Debug, Clone, PartialEq)]
pub struct Axis {
    /// Group number (or id), shown before the short name.
    pub number: String,
    /// The group's full name in the UI language (the label's `<title>`).
    pub name: String,
    /// Current value in 0..=1 (`None`: nothing applicable).
    pub current: Option<f64>,
    /// Target value in 0..=1.
    pub target: Option<f64>,
}

/// Depth of the groups the radar shows (see the module rules).
pub fn depth(catalog: &IndexedCatalog) -> usize {
    let depths: Vec<usize> = (0..catalog.groups.len())
        .map(|i| catalog.group_place(i).map_or(0, |g| g.depth))
        .collect();
    let max = depths.iter().copied().max().unwrap_or(0);
    (0..=max)
        .find(|d| {
            let n = depths.iter().filter(|x| *x == d).count();
            (5..=30).contains(&n)
        })
        .unwrap_or(0)
}

/// The group scores the radar shows, in catalog order.
pub fn groups<'s>(catalog: &IndexedCatalog, sc: &'s Scores) -> Vec<&'s GroupScore> {
    let depth = depth(catalog);
    sc.groups
        .iter()
        .filter(|g| g.depth == depth && (g.in_scope.total + g.out_of_scope.total) > 0)
        .collect()
}

/// The highest value of the catalog's scale (at least 1): the outer ring of a maturity radar.
pub fn max_value(catalog: &IndexedCatalog) -> u8 {
    catalog.scale_top() as u8
}

/// A group's number as printed (its id without one): the axis label.
pub fn label(catalog: &IndexedCatalog, group: &str) -> String {
    catalog
        .group(group)
        .and_then(|x| x.number.clone())
        .unwrap_or_else(|| group.to_string())
}

/// The axes for `groups` (from [`groups`]), names in `lang`.
pub fn axes(catalog: &IndexedCatalog, groups: &[&GroupScore], lang: &str) -> Vec<Axis> {
    let maturity = catalog.scale.kind == ScaleKind::Maturity;
    let max = f64::from(max_value(catalog));
    groups
        .iter()
        .map(|g| {
            let number = label(catalog, &g.group);
            let name = catalog
                .group(&g.group)
                .map(|x| x.title.get(lang).to_string())
                .unwrap_or_default();
            match (maturity, &g.maturity) {
                (true, Some(m)) => Axis {
                    number,
                    name,
                    current: m.mean_current().map(|v| v / max),
                    target: m.mean_target().map(|v| v / max),
                },
                _ => Axis {
                    number,
                    name,
                    current: g.in_scope.achievement(),
                    target: (g.in_scope.applicable() > 0).then_some(1.0),
                },
            }
        })
        .collect()
}

#[cfg(test)]
mod test {
    use super::*;
    use crate::core::assessment::Answer;
    use crate::core::score::{scores, AnswerSet};
    use std::collections::BTreeMap;

    fn catalog(groups: &str, controls: &str, scale: &str) -> IndexedCatalog {
        let json = format!(
            r#"{{"format": 1, "id": "t", "version": "1", "title": {{"ja": "t"}},
            "publisher": {{"ja": "p"}}, "issued": "2024-01-01", "source": {{"title": "s"}},
            "scale": {scale}, "groups": [{groups}], "controls": [{controls}]}}"#
        );
        crate::core::outline::parse(&json).expect("fixture parses")
    }

    const STATUS: &str = r#"{"kind": "status", "options": [
        {"id": "ok", "label": {"ja": "達成"}, "achieved": true, "credit": 1},
        {"id": "ng", "label": {"ja": "未達成"}}]}"#;

    #[test]
    fn the_shallowest_depth_with_five_to_thirty_groups_is_shown() {
        // Two top groups, each with three sub-groups: depth 1 has six.
        let mut groups = vec![
            r#"{"id": "a", "number": "A", "title": {"ja": "a"}}"#.to_string(),
            r#"{"id": "b", "title": {"ja": "b"}}"#.to_string(),
        ];
        let mut controls = Vec::new();
        for (p, n) in [("a", 1), ("a", 2), ("a", 3), ("b", 4), ("b", 5), ("b", 6)] {
            groups.push(format!(
                r#"{{"id": "{p}{n}", "number": "{p}.{n}", "title": {{"ja": "x"}}, "parent": "{p}"}}"#
            ));
            controls.push(format!(
                r#"{{"id": "c{n}", "group": "{p}{n}", "statements": [{{"kind": "condition", "text": "t"}}]}}"#
            ));
        }
        let c = catalog(&groups.join(","), &controls.join(","), STATUS);
        assert_eq!(depth(&c), 1);
        let (empty, targets) = (BTreeMap::new(), empty_targets());
        let set = AnswerSet {
            answers: &empty,
            target_level: None,
            targets: &targets,
        };
        let sc = scores(&c, &set);
        let shown: Vec<_> = groups_of(&c, &sc);
        assert_eq!(shown, vec!["a.1", "a.2", "a.3", "b.4", "b.5", "b.6"]);
    }

    fn empty_targets() -> BTreeMap<String, u8> {
        BTreeMap::new()
    }

    fn groups_of(c: &IndexedCatalog, sc: &Scores) -> Vec<String> {
        groups(c, sc).iter().map(|g| label(c, &g.group)).collect()
    }

    #[test]
    fn status_axes_are_rates_against_one_and_empty_groups_are_left_out() {
        let c = catalog(
            r#"{"id": "g1", "number": "1", "title": {"ja": "一"}},
               {"id": "g2", "title": {"ja": "二"}},
               {"id": "g3", "title": {"ja": "三"}}"#,
            r#"{"id": "c1", "group": "g1", "statements": [{"kind": "condition", "text": "a"}]},
               {"id": "c2", "group": "g1", "statements": [{"kind": "condition", "text": "b"}]},
               {"id": "c3", "group": "g2", "statements": [{"kind": "condition", "text": "c"}]}"#,
            STATUS,
        );
        let mut answers = BTreeMap::new();
        answers.insert("c1".to_string(), answer("ok"));
        answers.insert("c2".to_string(), answer("ng"));
        let targets = empty_targets();
        let set = AnswerSet {
            answers: &answers,
            target_level: None,
            targets: &targets,
        };
        let sc = scores(&c, &set);
        let shown = groups(&c, &sc);
        // g3 holds no control: no axis. g2 has no number: its id is the label.
        assert_eq!(
            axes(&c, &shown, "ja"),
            vec![
                Axis {
                    number: "1".into(),
                    name: "一".into(),
                    current: Some(0.5),
                    target: Some(1.0)
                },
                Axis {
                    number: "g2".into(),
                    name: "二".into(),
                    current: Some(0.0),
                    target: Some(1.0)
                },
            ]
        );
    }

    #[test]
    fn maturity_axes_are_means_over_the_highest_value() {
        let scale = r#"{"kind": "maturity", "default_target": 3, "options": [
            {"id": "m0", "label": {"ja": "0"}, "value": 0},
            {"id": "m2", "label": {"ja": "2"}, "value": 2},
            {"id": "m4", "label": {"ja": "4"}, "value": 4, "achieved": true}]}"#;
        let c = catalog(
            r#"{"id": "g1", "number": "1", "title": {"ja": "一"}}"#,
            r#"{"id": "c1", "group": "g1", "statements": [{"kind": "measure", "text": "a"}]},
               {"id": "c2", "group": "g1", "target": 1, "statements": [{"kind": "measure", "text": "b"}]}"#,
            scale,
        );
        assert_eq!(max_value(&c), 4);
        let mut answers = BTreeMap::new();
        answers.insert("c1".to_string(), answer("m2"));
        answers.insert("c2".to_string(), answer("m4"));
        let targets = empty_targets();
        let set = AnswerSet {
            answers: &answers,
            target_level: None,
            targets: &targets,
        };
        let sc = scores(&c, &set);
        let a = axes(&c, &groups(&c, &sc), "ja");
        // Current (2 + 4) / 2 = 3 of 4; target (3 + 1) / 2 = 2 of 4.
        assert_eq!(a[0].current, Some(0.75));
        assert_eq!(a[0].target, Some(0.5));
    }

    fn answer(option: &str) -> Answer {
        Answer {
            option: option.into(),
            reason: String::new(),
            note: String::new(),
            evidence: Vec::new(),
            changed: 0,
            fp: String::new(),
        }
    }
}
