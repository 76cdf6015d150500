//! Merging two copies of the same data, e.g. two browser tabs on one assessment.
//!
//! When another tab saves, the storage layer receives its workspace (the
//! `storage` event) and merges it with its own. The merge must keep every
//! answer either tab made, so it decides **per answer**, by change time:
//! - the newer of the two answers to a control wins;
//! - a tombstone in [`Assessment::cleared`] beats an *older* answer (a clear
//!   is not undone by the other tab's stale copy); an answer newer than the
//!   tombstone wins over it; on equal times the answer wins (losing an answer
//!   is worse than showing one the user just cleared);
//! - snapshots are united by id;
//! - the entity's name, targets and catalog version come from the copy with
//!   the newer [`Assessment::updated`] (they carry no time of their own);
//!   the last export time is the later of the two;
//! - per workspace, the item ids seen are united per catalog, and "told
//!   where answers live" holds when either copy says so.
//!
//! Equal times with different content are settled by a fixed order on the
//! content, so `merge(a, b)` and `merge(b, a)` give the same result, merging
//! twice changes nothing, and three tabs merge the same in any order.

use crate::core::assessment::{Answer, Assessment, Millis, Snapshot, Workspace};
use serde::Serialize;
use std::cmp::Ordering;
use std::collections::{BTreeMap, HashSet};

/// The last thing that happened to one control on one side.
#[derive(Debug, Clone, Copy)]
enum Event<'a> {
    /// Answered at `changed`.
    Answered(&'a Answer),
    /// Cleared at the given time.
    Cleared(Millis),
}

impl Event<'_> {
    fn time(&self) -> Millis {
        match self {
            Event::Answered(a) => a.changed,
            Event::Cleared(t) => *t,
        }
    }
}

/// Total order on events: later time first; on equal times an answer beats a
/// clear; two answers at the same time are ordered by content.
fn cmp_events(x: &Event, y: &Event) -> Ordering {
    x.time().cmp(&y.time()).then_with(|| match (x, y) {
        (Event::Answered(a), Event::Answered(b)) => content_order(*a, *b),
        (Event::Answered(_), Event::Cleared(_)) => Ordering::Greater,
        (Event::Cleared(_), Event::Answered(_)) => Ordering::Less,
        (Event::Cleared(_), Event::Cleared(_)) => Ordering::Equal,
    })
}

/// A fixed order on two values of the same type, by their JSON text; used
/// only to break ties between different contents deterministically.
fn content_order<T: Serialize + PartialEq>(a: &T, b: &T) -> Ordering {
    if a == b {
        return Ordering::Equal;
    }
    let text = |v: &T| serde_json::to_string(v).unwrap_or_default();
    text(a).cmp(&text(b))
}

/// Merges two copies of the same assessment (same [`Assessment::id`]); see the module rules.
///
/// The result's id is `local`'s; `created` is the earlier and `updated` the
/// later of the two. Snapshots are ordered by time taken, then id.
pub fn merge(local: &Assessment, remote: &Assessment) -> Assessment {
    // Per control, the newest event over both sides.
    let mut newest: BTreeMap<&str, Event> = BTreeMap::new();
    for side in [local, remote] {
        let events = side
            .answers
            .iter()
            .map(|(c, a)| (c.as_str(), Event::Answered(a)))
            .chain(
                side.cleared
                    .iter()
                    .map(|(c, t)| (c.as_str(), Event::Cleared(*t))),
            );
        for (control, event) in events {
            newest
                .entry(control)
                .and_modify(|cur| {
                    if cmp_events(&event, cur) == Ordering::Greater {
                        *cur = event;
                    }
                })
                .or_insert(event);
        }
    }
    let mut answers = BTreeMap::new();
    let mut cleared = BTreeMap::new();
    for (control, event) in newest {
        match event {
            Event::Answered(a) => {
                answers.insert(control.to_string(), a.clone());
            }
            Event::Cleared(t) => {
                cleared.insert(control.to_string(), t);
            }
        }
    }

    // Snapshots: union by id.
    let mut snaps: BTreeMap<&str, &Snapshot> = BTreeMap::new();
    for s in local.snapshots.iter().chain(&remote.snapshots) {
        snaps
            .entry(s.id.as_str())
            .and_modify(|cur| {
                let order = s.taken.cmp(&cur.taken).then_with(|| content_order(s, *cur));
                if order == Ordering::Greater {
                    *cur = s;
                }
            })
            .or_insert(s);
    }
    let mut snapshots: Vec<Snapshot> = snaps.into_values().cloned().collect();
    snapshots.sort_by(|a, b| a.taken.cmp(&b.taken).then_with(|| a.id.cmp(&b.id)));

    // Entity metadata: from the copy changed last.
    let meta = |a: &Assessment| {
        (
            a.name.clone(),
            a.catalog_version.clone(),
            a.target_level.clone(),
            a.targets.clone(),
        )
    };
    let (lm, rm) = (meta(local), meta(remote));
    let remote_meta_wins = remote
        .updated
        .cmp(&local.updated)
        .then_with(|| content_order(&rm, &lm))
        == Ordering::Greater;
    let (name, catalog_version, target_level, targets) = if remote_meta_wins { rm } else { lm };

    Assessment {
        id: local.id.clone(),
        name,
        catalog_id: local.catalog_id.clone(),
        catalog_version,
        target_level,
        targets,
        answers,
        cleared,
        snapshots,
        created: local.created.min(remote.created),
        updated: local.updated.max(remote.updated),
        exported: local.exported.max(remote.exported),
        source_file: local
            .source_file
            .clone()
            .or_else(|| remote.source_file.clone()),
    }
}

/// Merges two workspaces: entities are united by id, and an entity present
/// in both is [`merge`]d.
///
/// Order: `local`'s entities first, in their order, then those only `remote`
/// has. The open entity stays `local`'s (each tab keeps its own view), unless
/// it does not exist, in which case `remote`'s, else the first.
pub fn merge_workspaces(local: &Workspace, remote: &Workspace) -> Workspace {
    let mut entities: Vec<Assessment> = Vec::new();
    for e in local.entities.iter().chain(&remote.entities) {
        match entities.iter_mut().find(|x| x.id == e.id) {
            Some(existing) => *existing = merge(existing, e),
            None => entities.push(e.clone()),
        }
    }
    let has = |id: &str| entities.iter().any(|e| e.id == id);
    let active = if has(&local.active) {
        local.active.clone()
    } else if has(&remote.active) {
        remote.active.clone()
    } else {
        entities.first().map(|e| e.id.clone()).unwrap_or_default()
    };
    // Item ids seen, per catalog: the union (an item either tab showed was
    // seen), in local's order then remote's, so merging again changes nothing.
    let mut seen = local.seen.clone();
    for (catalog, ids) in &remote.seen {
        let mine = seen.entry(catalog.clone()).or_default();
        let known: HashSet<String> = mine.iter().cloned().collect();
        mine.extend(ids.iter().filter(|id| !known.contains(*id)).cloned());
    }
    Workspace {
        entities,
        active,
        seen,
        told: local.told || remote.told,
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod test {
    use super::*;
    use proptest::prelude::*;
    use std::collections::BTreeSet;

    fn answer(option: &str, changed: Millis) -> Answer {
        Answer {
            option: option.into(),
            reason: String::new(),
            note: String::new(),
            evidence: Vec::new(),
            changed,
            fp: String::new(),
        }
    }

    #[test]
    fn newer_answer_wins_each_control_separately() {
        let mut a = Assessment::new("e", "mini", "1", 0);
        let mut b = a.clone();
        a.answers.insert("1".into(), answer("achieved", 10));
        a.answers.insert("2".into(), answer("not_achieved", 3));
        b.answers.insert("1".into(), answer("not_achieved", 5));
        b.answers.insert("2".into(), answer("achieved", 8));
        let m = merge(&a, &b);
        assert_eq!(m.answers["1"].option, "achieved");
        assert_eq!(m.answers["2"].option, "achieved");
    }

    #[test]
    fn tombstone_beats_older_answer_only() {
        let mut a = Assessment::new("e", "mini", "1", 0);
        let mut b = a.clone();
        a.answers.insert("1".into(), answer("achieved", 4));
        a.answers.insert("2".into(), answer("achieved", 9));
        b.cleared.insert("1".into(), 6);
        b.cleared.insert("2".into(), 6);
        let m = merge(&a, &b);
        assert!(!m.answers.contains_key("1"));
        assert_eq!(m.cleared["1"], 6);
        assert_eq!(m.answers["2"].changed, 9);
        assert!(!m.cleared.contains_key("2"));
    }

    #[test]
    fn name_from_newer_copy_and_snapshots_united() {
        let mut a = Assessment::new("e", "mini", "1", 0);
        let mut b = a.clone();
        a.name = "古い".into();
        a.updated = 1;
        b.name = "新しい".into();
        b.updated = 2;
        let snap = |id: &str, taken| Snapshot {
            id: id.into(),
            label: id.into(),
            taken,
            catalog_version: "1".into(),
            target_level: None,
            targets: BTreeMap::new(),
            answers: BTreeMap::new(),
        };
        a.snapshots.push(snap("s2", 20));
        b.snapshots.push(snap("s1", 10));
        b.snapshots.push(snap("s2", 20));
        let m = merge(&a, &b);
        assert_eq!(m.name, "新しい");
        let ids: Vec<_> = m.snapshots.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, ["s1", "s2"]);
    }

    #[test]
    fn workspaces_unite_entities() {
        let e1 = Assessment::new("e1", "mini", "1", 0);
        let e2 = Assessment::new("e2", "mini", "1", 0);
        let mut e1b = e1.clone();
        e1b.answers.insert("1".into(), answer("achieved", 3));
        let local = Workspace {
            entities: vec![e1.clone()],
            active: "e1".into(),
            ..Workspace::default()
        };
        let remote = Workspace {
            entities: vec![e2.clone(), e1b],
            active: "e2".into(),
            ..Workspace::default()
        };
        let m = merge_workspaces(&local, &remote);
        assert_eq!(m.active, "e1");
        assert_eq!(m.entities.len(), 2);
        assert_eq!(m.entities[0].answers["1"].option, "achieved");
        assert_eq!(m.entities[1].id, "e2");
    }

    /// What one side knows about a control.
    #[derive(Debug, Clone)]
    enum Slot {
        Answered(Answer),
        Cleared(Millis),
    }

    fn slot() -> impl Strategy<Value = Option<Slot>> {
        let ans = (
            prop::sample::select(vec!["achieved", "partial", "not_achieved", "na"]),
            prop::sample::select(vec!["", "メモ", "<script>x</script>"]),
            prop::collection::vec(prop::sample::select(vec!["doc.pdf", "規程"]), 0..2),
            0i64..20,
        )
            .prop_map(|(o, n, ev, t)| {
                let mut a = answer(o, t);
                a.note = n.to_string();
                a.evidence = ev.into_iter().map(String::from).collect();
                Slot::Answered(a)
            });
        prop_oneof![
            Just(None),
            ans.prop_map(Some),
            (0i64..20).prop_map(|t| Some(Slot::Cleared(t)))
        ]
    }

    fn snapshot() -> impl Strategy<Value = Snapshot> {
        (
            0usize..4,
            0i64..30,
            prop::sample::select(vec!["FY25", "FY26"]),
        )
            .prop_map(|(i, taken, label)| Snapshot {
                id: format!("s{i}"),
                label: label.into(),
                taken,
                catalog_version: "1".into(),
                target_level: None,
                targets: BTreeMap::new(),
                answers: BTreeMap::new(),
            })
    }

    /// A well-formed copy of entity `e`: at most one of answer / tombstone per
    /// control, snapshots with unique ids in order.
    fn assessment() -> impl Strategy<Value = Assessment> {
        (
            prop::collection::vec(slot(), 6),
            prop::sample::select(vec!["", "A社", "B社"]),
            prop::option::of(prop::sample::select(vec!["Lv1", "Lv2"])),
            prop::collection::vec(snapshot(), 0..4),
            0i64..25,
            0i64..5,
        )
            .prop_map(|(slots, name, level, snaps, extra, created)| {
                let mut a = Assessment::new("e", "mini", "1", created);
                a.name = name.into();
                a.target_level = level.map(String::from);
                for (i, s) in slots.into_iter().enumerate() {
                    match s {
                        Some(Slot::Answered(ans)) => {
                            a.answers.insert(format!("c{i}"), ans);
                        }
                        Some(Slot::Cleared(t)) => {
                            a.cleared.insert(format!("c{i}"), t);
                        }
                        None => {}
                    }
                }
                let mut by_id = BTreeMap::new();
                for s in snaps {
                    by_id.insert(s.id.clone(), s);
                }
                a.snapshots = by_id.into_values().collect();
                a.snapshots
                    .sort_by(|x, y| x.taken.cmp(&y.taken).then_with(|| x.id.cmp(&y.id)));
                a.updated = extra.max(created);
                a
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(500))]

        #[test]
        fn merge_is_commutative(a in assessment(), b in assessment()) {
            prop_assert_eq!(merge(&a, &b), merge(&b, &a));
        }

        #[test]
        fn merge_is_idempotent(a in assessment(), b in assessment()) {
            prop_assert_eq!(merge(&a, &a), a.clone());
            let m = merge(&a, &b);
            prop_assert_eq!(merge(&m, &b), m.clone());
            prop_assert_eq!(merge(&m, &m), m);
        }

        #[test]
        fn merge_is_associative(a in assessment(), b in assessment(), c in assessment()) {
            prop_assert_eq!(merge(&merge(&a, &b), &c), merge(&a, &merge(&b, &c)));
        }

        #[test]
        fn merge_never_loses_the_newest_answer(a in assessment(), b in assessment()) {
            let m = merge(&a, &b);
            for side in [&a, &b] {
                for (control, ans) in &side.answers {
                    // Kept unless something at least as new happened to the control.
                    match (m.answers.get(control), m.cleared.get(control)) {
                        (Some(kept), _) => prop_assert!(kept.changed >= ans.changed),
                        (None, Some(t)) => prop_assert!(*t > ans.changed),
                        (None, None) => prop_assert!(false, "answer to {} vanished", control),
                    }
                }
            }
            for s in a.snapshots.iter().chain(&b.snapshots) {
                prop_assert!(m.snapshots.iter().any(|x| x.id == s.id));
            }
        }

        #[test]
        fn seen_items_merge_to_the_union_and_merging_again_changes_nothing(
            x in prop::collection::vec(prop::sample::select(vec!["1", "4", "10", "2"]), 0..4),
            y in prop::collection::vec(prop::sample::select(vec!["1", "4", "10", "2"]), 0..4),
            tx in any::<bool>(),
            ty in any::<bool>(),
        ) {
            let dedup = |v: Vec<&str>| { let mut out: Vec<String> = Vec::new(); for i in v { if !out.iter().any(|o| o == i) { out.push(i.into()); } } out };
            let (x, y) = (dedup(x), dedup(y));
            let a = Workspace { seen: BTreeMap::from([("c".to_string(), x.clone())]), told: tx, ..Workspace::default() };
            let b = Workspace { seen: BTreeMap::from([("c".to_string(), y.clone())]), told: ty, ..Workspace::default() };
            let m = merge_workspaces(&a, &b);
            let union: BTreeSet<&String> = x.iter().chain(&y).collect();
            prop_assert_eq!(m.seen["c"].iter().collect::<BTreeSet<_>>(), union);
            prop_assert_eq!(m.told, tx || ty);
            prop_assert_eq!(merge_workspaces(&m, &b), m.clone());
            prop_assert_eq!(merge_workspaces(&m, &a), m.clone());
        }

        #[test]
        fn workspace_merge_keeps_every_entity(a in assessment(), b in assessment()) {
            let mut b2 = b.clone();
            b2.id = "other".into();
            let local = Workspace { entities: vec![a.clone()], active: "e".into(), ..Workspace::default() };
            let remote = Workspace { entities: vec![b2.clone(), b.clone()], active: "other".into(), ..Workspace::default() };
            let m1 = merge_workspaces(&local, &remote);
            let m2 = merge_workspaces(&remote, &local);
            let sorted = |w: &Workspace| {
                let mut v = w.entities.clone();
                v.sort_by(|x, y| x.id.cmp(&y.id));
                v
            };
            prop_assert_eq!(sorted(&m1), sorted(&m2));
            prop_assert_eq!(m1.entities.len(), 2);
            prop_assert_eq!(&m1.active, "e");
            prop_assert_eq!(&m2.active, "other");
        }
    }
}
