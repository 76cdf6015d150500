//! Answers given against a text that has changed since: fingerprints of
//! item texts, the review list, and items added since the last visit.
//!
//! Answers are carried across catalog versions by item id, so an item whose
//! statements (requirement, condition…), criteria or level changed would
//! otherwise silently keep an answer to a text the user never read.
//!
//! Rules kept here:
//! - Each answer records the [`fingerprint`] of the item's text when its
//!   option was chosen or the user confirmed it ([`stamp`]); editing a note,
//!   reason or evidence does not re-record it (that is not an answer to the
//!   new text).
//! - An answer *needs review* ([`needs_review`]) when an option is chosen
//!   and its fingerprint is not the loaded catalog's fingerprint of that
//!   item. The answer itself is never changed or dropped: it keeps counting
//!   in scores, and the user confirms it or changes it.
//! - Answers without a fingerprint (stored before fingerprints existed, or
//!   imported from a file that has none) are stamped once
//!   ([`stamp_unrecorded`]): with the current fingerprint when they were made
//!   against the same catalog text (same version, or for an import the same
//!   content hash), else with [`UNKNOWN_TEXT`], which never matches, so
//!   they are shown for review instead of being silently taken as current.
//! - Items added since the last visit are the catalog's ids that the
//!   workspace's seen list for that catalog lacks ([`added_since`]); with no
//!   seen list (a first visit) nothing is "added".

use crate::core::assessment::{Answer, Assessment};
use crate::core::catalog::{Control, CriteriaPart, Statement};
use crate::core::outline::IndexedCatalog;
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::HashSet;

/// Fingerprint of an answer whose text is not known (never equals a real one).
pub const UNKNOWN_TEXT: &str = "?";

/// Hex characters kept of the SHA-256 (32 bits: small to store, and a
/// changed text that keeps its fingerprint is a one in four billion chance).
pub const FINGERPRINT_CHARS: usize = 8;

/// The parts of an item an answer is given against.
#[derive(Serialize, PartialEq)]
struct ItemText<'a> {
    statements: &'a [Statement],
    criteria: &'a [CriteriaPart],
    level: &'a Option<String>,
}

impl<'a> From<&'a Control> for ItemText<'a> {
    fn from(c: &'a Control) -> Self {
        ItemText {
            statements: &c.statements,
            criteria: &c.criteria,
            level: &c.level,
        }
    }
}

/// Whether the text an answer is given against differs between two
/// versions of an item (statements, criteria or level).
pub fn text_differs(old: &Control, new: &Control) -> bool {
    ItemText::from(old) != ItemText::from(new)
}

/// The fingerprint of an item's text: the first [`FINGERPRINT_CHARS`] hex
/// characters of the SHA-256 of its statements, criteria and level as JSON.
pub fn fingerprint(c: &Control) -> String {
    let bytes = serde_json::to_vec(&ItemText::from(c)).unwrap_or_default();
    Sha256::digest(&bytes)
        .iter()
        .take(FINGERPRINT_CHARS / 2)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Whether the answer to `control` was given against another text than the
/// catalog's (see the module rules). Unknown controls and answers without an
/// option need none.
pub fn needs_review(catalog: &IndexedCatalog, a: &Assessment, control: &str) -> bool {
    let (Some(ans), Some(now)) = (a.answers.get(control), catalog.fingerprint(control)) else {
        return false;
    };
    is_stale(ans, now)
}

/// Whether an answer was given against another text than the one whose
/// fingerprint is `current` (an option chosen, a fingerprint recorded, and
/// not that one).
pub fn is_stale(ans: &Answer, current: &str) -> bool {
    ans.is_chosen() && !ans.fp.is_empty() && ans.fp != current
}

/// Ids of the answered items that need review, in catalog order.
pub fn to_review(catalog: &IndexedCatalog, a: &Assessment) -> Vec<String> {
    catalog
        .controls
        .iter()
        .filter(|c| needs_review(catalog, a, &c.id))
        .map(|c| c.id.clone())
        .collect()
}

/// Records the catalog's fingerprint of `control` on its answer (the option
/// was chosen, or the user confirmed the answer). Nothing when there is no
/// answer with an option, or the catalog has no such item.
pub fn stamp(a: &mut Assessment, catalog: &IndexedCatalog, control: &str) {
    if let (Some(ans), Some(fp)) = (a.answers.get_mut(control), catalog.fingerprint(control)) {
        if ans.is_chosen() {
            ans.fp = fp.to_string();
        }
    }
}

/// Stamps every chosen answer that has no fingerprint yet: with the current
/// one when `same_text` (made against this very catalog text), else with
/// [`UNKNOWN_TEXT`]. Answers to items the catalog does not have are left as
/// they are. Returns how many were stamped.
pub fn stamp_unrecorded(a: &mut Assessment, catalog: &IndexedCatalog, same_text: bool) -> usize {
    let mut n = 0;
    for (id, ans) in a.answers.iter_mut() {
        if !ans.is_chosen() || !ans.fp.is_empty() {
            continue;
        }
        if let Some(fp) = catalog.fingerprint(id) {
            ans.fp = if same_text { fp } else { UNKNOWN_TEXT }.to_string();
            n += 1;
        }
    }
    n
}

/// Ids of the catalog's items that `seen` (the ids seen last time) lacks,
/// in catalog order; empty when nothing was seen before.
pub fn added_since(catalog: &IndexedCatalog, seen: Option<&Vec<String>>) -> Vec<String> {
    let Some(seen) = seen else {
        return Vec::new();
    };
    let seen: HashSet<&str> = seen.iter().map(String::as_str).collect();
    catalog
        .controls
        .iter()
        .filter(|c| !seen.contains(c.id.as_str()))
        .map(|c| c.id.clone())
        .collect()
}

/// The catalog's item ids, as recorded in the seen list.
pub fn item_ids(catalog: &IndexedCatalog) -> Vec<String> {
    catalog.controls.iter().map(|c| c.id.clone()).collect()
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod test {
    use super::*;
    use crate::core::assessment::{apply, Action};
    use crate::core::outline::parse;
    use proptest::prelude::*;
    use serde_json::json;

    /// One item of a generated catalog: id, condition text, criteria text, level.
    type Spec = (String, String, String, &'static str);

    /// A catalog of `items`, version `version`.
    fn catalog(version: &str, items: &[Spec]) -> IndexedCatalog {
        let controls: Vec<_> = items
            .iter()
            .map(|(id, cond, crit, level)| {
                json!({"id": id, "group": "g1", "level": level,
                    "statements": [{"kind": "condition", "text": cond}],
                    "criteria": [{"blocks": [{"type": "paragraph", "text": crit}]}]})
            })
            .collect();
        let doc = json!({
            "format": 1, "id": "gen", "version": version, "title": {"ja": "生成"},
            "publisher": {"ja": "p"}, "issued": "2024-01-01", "source": {"title": "s"},
            "levels": [{"id": "Lv1", "name": {"ja": "Lv1"}}, {"id": "Lv2", "name": {"ja": "Lv2"}}],
            "scale": {"kind": "status", "options": [
                {"id": "achieved", "label": {"ja": "達成"}, "achieved": true, "credit": 1},
                {"id": "not_achieved", "label": {"ja": "未達成"}}]},
            "groups": [{"id": "g1", "number": "1", "title": {"ja": "方針"}}],
            "controls": controls,
        });
        parse(&doc.to_string()).expect("generated catalog parses")
    }

    /// Answers `ids` under `c` as the session does: choose, then stamp.
    fn answered(c: &IndexedCatalog, ids: &[String]) -> Assessment {
        let mut a = Assessment::new("e", &c.id, &c.version, 0);
        for (i, id) in ids.iter().enumerate() {
            a = apply(
                &a,
                Action::Answer {
                    control: id.clone(),
                    option: "achieved".into(),
                    now: i as i64 + 1,
                },
            );
            stamp(&mut a, c, id);
        }
        a
    }

    /// What a catalog update does to one item of version 1.
    #[derive(Debug, Clone, Copy)]
    enum Edit {
        Keep,
        Condition,
        Criteria,
        Level,
        Remove,
    }

    fn edit() -> impl Strategy<Value = Edit> {
        prop_oneof![
            3 => Just(Edit::Keep),
            1 => Just(Edit::Condition),
            1 => Just(Edit::Criteria),
            1 => Just(Edit::Level),
            1 => Just(Edit::Remove),
        ]
    }

    /// Version 1 (items `c0`..), the edits making version 2 (plus `added`
    /// new items), and which version-1 items were answered.
    fn update() -> impl Strategy<Value = (Vec<Spec>, Vec<Spec>, Vec<String>)> {
        (1usize..8, 0usize..3)
            .prop_flat_map(|(n, added)| {
                (
                    prop::collection::vec(("[a-zあ-ん]{0,6}", "[a-z ]{0,6}"), n),
                    prop::collection::vec(edit(), n),
                    prop::collection::vec(any::<bool>(), n),
                    Just(added),
                )
            })
            .prop_map(|(texts, edits, answered, added)| {
                let v1: Vec<Spec> = texts
                    .into_iter()
                    .enumerate()
                    .map(|(i, (cond, crit))| (format!("c{i}"), cond, crit, "Lv1"))
                    .collect();
                // An item every version keeps (a catalog has at least one).
                let base: Spec = ("base".into(), "基本".into(), String::new(), "Lv1");
                let mut v2: Vec<Spec> = vec![base.clone()];
                for (item, e) in v1.iter().zip(&edits) {
                    let (id, cond, crit, level) = item.clone();
                    match e {
                        Edit::Keep => v2.push((id, cond, crit, level)),
                        Edit::Condition => v2.push((id, format!("{cond}(改)"), crit, level)),
                        Edit::Criteria => v2.push((id, cond, format!("{crit} more"), level)),
                        Edit::Level => v2.push((id, cond, crit, "Lv2")),
                        Edit::Remove => {}
                    }
                }
                for k in 0..added {
                    v2.push((format!("new{k}"), "追加".into(), String::new(), "Lv1"));
                }
                let ids = v1
                    .iter()
                    .zip(answered)
                    .filter(|(_, a)| *a)
                    .map(|(s, _)| s.0.clone())
                    .collect();
                let mut with_base = vec![base];
                with_base.extend(v1);
                (with_base, v2, ids)
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        /// After an update, exactly the answered items whose text changed
        /// need review; no answer is lost or altered; confirming or
        /// choosing again clears the mark and keeps the answer.
        #[test]
        fn changed_items_and_only_those_need_review((v1, v2, ids) in update()) {
            let (c1, c2) = (catalog("1", &v1), catalog("2", &v2));
            let a = answered(&c1, &ids);
            prop_assert!(to_review(&c1, &a).is_empty(), "nothing to review against the text answered");
            let want: Vec<String> = c2
                .controls
                .iter()
                .filter(|n| ids.contains(&n.id))
                .filter(|n| c1.control(&n.id).is_some_and(|o| text_differs(o, n)))
                .map(|n| n.id.clone())
                .collect();
            let got = to_review(&c2, &a);
            prop_assert_eq!(&got, &want);
            for id in &got {
                // Confirming keeps the option and clears the mark.
                let mut b = apply(&a, Action::Confirm { control: id.clone(), now: 100 });
                stamp(&mut b, &c2, id);
                prop_assert!(!needs_review(&c2, &b, id));
                prop_assert_eq!(&b.answers[id].option, &a.answers[id].option);
                // So does choosing an option again.
                let mut b = apply(&a, Action::Answer { control: id.clone(), option: "not_achieved".into(), now: 100 });
                stamp(&mut b, &c2, id);
                prop_assert!(!needs_review(&c2, &b, id));
            }
            // Items added: exactly those version 1 lacked.
            let seen = item_ids(&c1);
            let added: Vec<String> = c2.controls.iter().filter(|c| !seen.contains(&c.id)).map(|c| c.id.clone()).collect();
            prop_assert_eq!(added_since(&c2, Some(&seen)), added);
            prop_assert!(added_since(&c2, None).is_empty(), "a first visit lists nothing as added");
        }

        /// Answers without a fingerprint: taken as current only for the
        /// same text, else every answered item of the catalog needs review.
        #[test]
        fn unrecorded_answers_are_current_only_for_the_same_text((v1, _v2, ids) in update(), same in any::<bool>()) {
            let c = catalog("1", &v1);
            let mut a = answered(&c, &ids);
            for ans in a.answers.values_mut() {
                ans.fp.clear();
            }
            let before: Vec<(String, String)> = a.answers.iter().map(|(k, v)| (k.clone(), v.option.clone())).collect();
            prop_assert_eq!(stamp_unrecorded(&mut a, &c, same), ids.len());
            let after: Vec<(String, String)> = a.answers.iter().map(|(k, v)| (k.clone(), v.option.clone())).collect();
            prop_assert_eq!(before, after, "no answer lost or altered");
            let want = if same { Vec::new() } else { ids.clone() };
            let mut got = to_review(&c, &a);
            got.sort();
            let mut want = want;
            want.sort();
            prop_assert_eq!(got, want);
            // Stamping again changes nothing.
            prop_assert_eq!(stamp_unrecorded(&mut a, &c, !same), 0);
        }
    }

    #[test]
    fn fingerprints_are_short_and_follow_the_text_only() {
        let items = |cond: &str, note: &str| {
            let c = catalog("1", &[("c0".into(), cond.into(), "x".into(), "Lv1")]);
            let mut ctl = c.controls[0].clone();
            ctl.notes = vec![crate::core::catalog::Note {
                kind: "note".into(),
                text: note.into(),
            }];
            fingerprint(&ctl)
        };
        let fp = items("a", "n1");
        assert_eq!(fp.len(), FINGERPRINT_CHARS);
        assert!(fp.chars().all(|c| c.is_ascii_hexdigit()));
        assert_eq!(
            fp,
            items("a", "another note"),
            "notes are not what is answered"
        );
        assert_ne!(fp, items("b", "n1"));
        // An answer with a note only (no option) is never up for review.
        let c = catalog("1", &[("c0".into(), "a".into(), "x".into(), "Lv1")]);
        let mut a = Assessment::new("e", "gen", "1", 0);
        a.answers.insert(
            "c0".into(),
            Answer {
                note: "memo".into(),
                fp: UNKNOWN_TEXT.into(),
                ..Answer::empty(1)
            },
        );
        assert!(!needs_review(&c, &a, "c0"));
    }
}
