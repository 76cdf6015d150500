//! Fixture-driven tests of the assessment engine: scores, gap list, filters,
//! comparison, entities and snapshots, plus property tests of the scoring
//! rules over generated catalogs.
//!
//! The expected figures are computed by hand in the comments next to them.
#![cfg(not(target_arch = "wasm32"))]

use selfcheck::core::assessment::{
    answer_problem, answer_problems, apply, apply_workspace, Action, AnswerProblem, Assessment,
    Workspace, WorkspaceAction,
};
use selfcheck::core::catalog::{parse, Catalog};
use selfcheck::core::compare::compare;
use selfcheck::core::filter::{filter, Filter, SearchIndex, StatusFilter};
use selfcheck::core::score::{
    first_unanswered, gaps, scope, scores, status, AnswerSet, Scope, Status,
};

fn levels_catalog() -> Catalog {
    parse(include_str!("fixtures/engine_levels.json")).expect("fixture parses")
}

fn maturity_catalog() -> Catalog {
    parse(include_str!("fixtures/engine_maturity.json")).expect("fixture parses")
}

fn answer(a: &Assessment, control: &str, option: &str) -> Assessment {
    apply(
        a,
        Action::Answer {
            control: control.into(),
            option: option.into(),
            now: 10,
        },
    )
}

/// Answers "not applicable" with a reason.
fn na(a: &Assessment, control: &str, reason: &str) -> Assessment {
    apply(
        &answer(a, control, "na"),
        Action::SetReason {
            control: control.into(),
            reason: reason.into(),
            now: 11,
        },
    )
}

/// Asserts two optional ratios are equal to within rounding.
fn close(got: Option<f64>, want: Option<f64>) {
    match (got, want) {
        (Some(g), Some(w)) => assert!((g - w).abs() < 1e-9, "got {g}, want {w}"),
        _ => assert_eq!(got, want),
    }
}

/// The 6-control fixture answered as:
///
/// | control | group | level | answer        |
/// |---------|-------|-------|---------------|
/// | c1      | g1    | Lv1   | achieved      |
/// | c2      | g1    | Lv3   | achieved      |
/// | c3      | g1a   | Lv1   | partial (0.5) |
/// | c4      | g1a   | Lv2   | n/a (reason)  |
/// | c5      | g2    | Lv2   | not achieved  |
/// | c6      | g2    | Lv1   | (unanswered)  |
///
/// g1a is a sub-group of g1. Target Lv2.
fn mixed() -> Assessment {
    let a = Assessment::new("e1", "engine-levels", "1", 0);
    let a = apply(
        &a,
        Action::SetTargetLevel {
            level: Some("Lv2".into()),
            now: 1,
        },
    );
    let a = answer(&a, "c1", "achieved");
    let a = answer(&a, "c2", "achieved");
    let a = answer(&a, "c3", "partial");
    let a = na(&a, "c4", "従業員がいない");
    answer(&a, "c5", "not_achieved")
}

#[test]
fn target_lv2_overall_scores() {
    let cat = levels_catalog();
    let a = mixed();
    let s = scores(&cat, &(&a).into());
    assert_eq!(s.target_level.as_deref(), Some("Lv2"));
    // In scope (Lv1, Lv2): c1 c3 c4 c5 c6 = 5 controls.
    // achieved c1, partial c3, n/a c4, not achieved c5, unanswered c6.
    let t = s.in_scope;
    assert_eq!(
        (t.total, t.answered, t.achieved, t.partial, t.not_achieved),
        (5, 4, 1, 1, 1)
    );
    assert_eq!((t.not_applicable, t.unanswered, t.applicable()), (1, 1, 4));
    // achievement = 1 / (5 - 1) = 0.25; the unanswered c6 stays in the denominator.
    close(t.achievement(), Some(0.25));
    // credit = (1 + 0.5 + 0 + 0) / 4 = 0.375.
    close(t.credit(), Some(0.375));
    // Above target: c2 (Lv3) achieved: 1/1, reported separately.
    assert_eq!((s.out_of_scope.total, s.out_of_scope.achieved), (1, 1));
    close(s.out_of_scope.achievement(), Some(1.0));
    // Progress: in scope 4/5 answered, all 5/6.
    let p = s.progress;
    assert_eq!(
        (
            p.in_scope_answered,
            p.in_scope_total,
            p.all_answered,
            p.all_total
        ),
        (4, 5, 5, 6)
    );
    assert!((p.in_scope_ratio() - 0.8).abs() < 1e-9);
}

#[test]
fn target_lv2_per_level_and_group() {
    let cat = levels_catalog();
    let a = mixed();
    let s = scores(&cat, &(&a).into());
    // Lv1: c1 achieved, c3 partial, c6 unanswered -> 1/3.
    let lv1 = s.level("Lv1").unwrap();
    assert!(lv1.in_scope);
    assert_eq!((lv1.tally.total, lv1.tally.unanswered), (3, 1));
    close(lv1.tally.achievement(), Some(1.0 / 3.0));
    // Lv2: c4 n/a, c5 not achieved -> 0/1.
    close(s.level("Lv2").unwrap().tally.achievement(), Some(0.0));
    // Lv3: c2 achieved, out of scope -> 1/1.
    let lv3 = s.level("Lv3").unwrap();
    assert!(!lv3.in_scope);
    close(lv3.tally.achievement(), Some(1.0));

    // g1a: c3 partial, c4 n/a -> 0/1, credit 0.5/1.
    let g1a = s.group("g1a").unwrap();
    assert_eq!((g1a.depth, g1a.parent.as_deref()), (1, Some("g1")));
    close(g1a.in_scope.achievement(), Some(0.0));
    close(g1a.in_scope.credit(), Some(0.5));
    // g1 includes g1a: in scope c1 achieved, c3 partial, c4 n/a -> 1/2;
    // credit (1 + 0.5) / 2 = 0.75; out of scope c2.
    let g1 = s.group("g1").unwrap();
    assert_eq!((g1.in_scope.total, g1.out_of_scope.total), (3, 1));
    close(g1.in_scope.achievement(), Some(0.5));
    close(g1.in_scope.credit(), Some(0.75));
    // g2: c5 not achieved, c6 unanswered -> 0/2.
    let g2 = s.group("g2").unwrap();
    assert_eq!((g2.in_scope.applicable(), g2.in_scope.unanswered), (2, 1));
    close(g2.in_scope.achievement(), Some(0.0));
}

#[test]
fn other_targets_change_scope() {
    let cat = levels_catalog();
    let a = mixed();
    // No target: all 6 in scope; achieved c1 c2 = 2, applicable 6 - 1 = 5 -> 0.4.
    let none = apply(
        &a,
        Action::SetTargetLevel {
            level: None,
            now: 20,
        },
    );
    let s = scores(&cat, &(&none).into());
    assert_eq!((s.in_scope.total, s.out_of_scope.total), (6, 0));
    close(s.in_scope.achievement(), Some(0.4));
    // Target Lv1: c1 c3 c6 in scope -> 1/3; c2 c4 c5 above.
    let lv1 = apply(
        &a,
        Action::SetTargetLevel {
            level: Some("Lv1".into()),
            now: 20,
        },
    );
    let set: AnswerSet = (&lv1).into();
    assert_eq!(
        scope(&cat, &set, cat.control("c5").unwrap()),
        Scope::AboveTarget
    );
    let s = scores(&cat, &set);
    close(s.in_scope.achievement(), Some(1.0 / 3.0));
    assert_eq!(s.out_of_scope.total, 3);
    // A target the catalog does not know puts everything in scope.
    let odd = apply(
        &a,
        Action::SetTargetLevel {
            level: Some("Lv9".into()),
            now: 20,
        },
    );
    assert_eq!(scores(&cat, &(&odd).into()).in_scope.total, 6);
}

#[test]
fn no_applicable_control_gives_no_score() {
    let cat = levels_catalog();
    // g2 entirely not applicable: 0/0 is no score, not 0 % and not 100 %.
    let a = na(&na(&mixed(), "c5", "外部委託"), "c6", "対象者なし");
    let s = scores(&cat, &(&a).into());
    let g2 = s.group("g2").unwrap();
    assert_eq!(g2.in_scope.applicable(), 0);
    assert_eq!(g2.in_scope.achievement(), None);
    assert_eq!(g2.in_scope.credit(), None);
    // An empty assessment: everything unanswered scores 0, never 1.
    let empty = Assessment::new("e2", "engine-levels", "1", 0);
    let s = scores(&cat, &(&empty).into());
    close(s.in_scope.achievement(), Some(0.0));
    assert_eq!(s.in_scope.unanswered, 6);
}

#[test]
fn not_applicable_without_a_reason_stays_in_the_denominator() {
    let cat = levels_catalog();
    // c6 (Lv1, g2) "not applicable" with no reason, c5 with a blank one.
    let a = answer(&mixed(), "c6", "na");
    let a = apply(
        &answer(&a, "c5", "na"),
        Action::SetReason {
            control: "c5".into(),
            reason: "  ".into(),
            now: 12,
        },
    );
    let set: AnswerSet = (&a).into();
    assert_eq!(
        status(&cat, &set, cat.control("c6").unwrap()),
        Status::NeedsReason
    );
    let t = scores(&cat, &set).in_scope;
    // In scope c1 c3 c4 c5 c6: only c4 (with its reason) leaves the
    // denominator; c5 and c6 are incomplete, counted, not achieved.
    assert_eq!((t.total, t.not_applicable, t.applicable()), (5, 1, 4));
    assert_eq!((t.needs_reason, t.answered, t.unanswered), (2, 3, 0));
    close(t.achievement(), Some(0.25));
    // Both are in the action plan, marked as needing a reason.
    let g = gaps(&cat, &set);
    let needing: Vec<&str> = g
        .iter()
        .filter(|g| g.status == Status::NeedsReason)
        .map(|g| g.control.as_str())
        .collect();
    assert_eq!(needing, ["c6", "c5"]);
    // Giving the reason takes c6 out of the denominator.
    let fixed = na(&a, "c6", "対象者なし");
    let t = scores(&cat, &(&fixed).into()).in_scope;
    assert_eq!(
        (t.not_applicable, t.applicable(), t.needs_reason),
        (2, 3, 1)
    );
}

#[test]
fn gap_list_is_ordered_by_level_then_group() {
    let cat = levels_catalog();
    let g = gaps(&cat, &(&mixed()).into());
    // In scope and not achieved: c3 partial (Lv1, g1a), c6 unanswered
    // (Lv1, g2), c5 not achieved (Lv2, g2). Lv1 first, then group order.
    let ids: Vec<(&str, Status)> = g.iter().map(|g| (g.control.as_str(), g.status)).collect();
    assert_eq!(
        ids,
        vec![
            ("c3", Status::Partial),
            ("c6", Status::Unanswered),
            ("c5", Status::NotAchieved)
        ]
    );
    assert_eq!(g[0].headline, "社内規程を整備している");
    assert_eq!(
        (g[0].group.as_str(), g[0].level.as_deref()),
        ("g1a", Some("Lv1"))
    );
    // The first unanswered control, for the "jump" link.
    assert_eq!(
        first_unanswered(&cat, &(&mixed()).into(), true).map(|c| c.id.as_str()),
        Some("c6")
    );
}

#[test]
fn maturity_means_and_gaps() {
    let cat = maturity_catalog();
    // p1 (s1, default target 2) = m1; p2 (s1, target 3) = m3;
    // p3 (s2) = n/a; p4 (s2) unanswered with target overridden to 3.
    let a = Assessment::new("n1", "engine-maturity", "1", 0);
    let a = na(
        &answer(&answer(&a, "p1", "m1"), "p2", "m3"),
        "p3",
        "該当なし",
    );
    let a = apply(
        &a,
        Action::SetTarget {
            control: "p4".into(),
            value: Some(3),
            now: 12,
        },
    );
    let set: AnswerSet = (&a).into();
    let s = scores(&cat, &set);
    // s1: current 1 + 3 = 4 over 2 -> 2.0; target 2 + 3 = 5 over 2 -> 2.5; p1 below.
    let s1 = s.group("s1").unwrap().maturity.unwrap();
    close(s1.mean_current(), Some(2.0));
    close(s1.mean_target(), Some(2.5));
    assert_eq!(s1.below_target, 1);
    // s2: p3 excluded; p4 unanswered counts 0 against target 3.
    let s2 = s.group("s2").unwrap().maturity.unwrap();
    assert_eq!((s2.counted, s2.unanswered), (1, 1));
    close(s2.mean_current(), Some(0.0));
    close(s2.mean_target(), Some(3.0));
    // Overall: current 4/3, target (2 + 3 + 3)/3 = 8/3.
    let all = s.maturity.unwrap();
    close(all.mean_current(), Some(4.0 / 3.0));
    close(all.mean_target(), Some(8.0 / 3.0));
    // Statuses: p1 below target, p2 at target; achievement 1 of 3 applicable.
    assert_eq!(
        status(&cat, &set, cat.control("p1").unwrap()),
        Status::NotAchieved
    );
    close(s.in_scope.achievement(), Some(1.0 / 3.0));
    // Gaps: p4 (gap 3) before p1 (gap 1) although s2 comes after s1.
    let g = gaps(&cat, &set);
    let ids: Vec<(&str, Option<u8>, Option<u8>)> = g
        .iter()
        .map(|g| (g.control.as_str(), g.current, g.target))
        .collect();
    assert_eq!(ids, vec![("p4", None, Some(3)), ("p1", Some(1), Some(2))]);
}

#[test]
fn answer_problems_are_reported() {
    let cat = levels_catalog();
    let a = answer(&mixed(), "c6", "na");
    let a = answer(&a, "c1", "bogus");
    let a = answer(&a, "zz", "achieved");
    let problems = answer_problems(&cat, &a);
    assert_eq!(
        problems,
        vec![
            (
                "c1".to_string(),
                AnswerProblem::UnknownOption("bogus".into())
            ),
            ("c6".to_string(), AnswerProblem::MissingReason),
            ("zz".to_string(), AnswerProblem::UnknownControl("zz".into())),
        ]
    );
    // A blank reason is still missing; c4 has one and is fine.
    let blank = apply(
        &a,
        Action::SetReason {
            control: "c6".into(),
            reason: "   ".into(),
            now: 30,
        },
    );
    assert_eq!(
        answer_problem(&cat, "c6", &blank.answers["c6"]),
        Some(AnswerProblem::MissingReason)
    );
    assert_eq!(answer_problem(&cat, "c4", &a.answers["c4"]), None);
    // An unknown option is scored as unanswered, never as achieved.
    let s = scores(&cat, &(&a).into());
    assert_eq!(s.in_scope.achieved, 0);
}

fn ids(controls: Vec<&selfcheck::core::catalog::Control>) -> Vec<&str> {
    controls.into_iter().map(|c| c.id.as_str()).collect()
}

#[test]
fn filters_by_group_level_status() {
    let cat = levels_catalog();
    let index = SearchIndex::new(&cat, str::to_lowercase);
    let a = mixed();
    let set: AnswerSet = (&a).into();
    let run = |f: Filter| ids(filter(&cat, &index, &set, &f));
    assert_eq!(run(Filter::default()).len(), 6);
    // g1 includes its sub-group g1a.
    let g1 = Filter {
        group: Some("g1".into()),
        ..Filter::default()
    };
    assert_eq!(run(g1), vec!["c1", "c2", "c3", "c4"]);
    let lv1 = Filter {
        level: Some("Lv1".into()),
        ..Filter::default()
    };
    assert_eq!(run(lv1), vec!["c1", "c3", "c6"]);
    let by_status = |s| {
        run(Filter {
            status: Some(s),
            ..Filter::default()
        })
    };
    assert_eq!(by_status(StatusFilter::Unanswered), vec!["c6"]);
    assert_eq!(by_status(StatusFilter::NotAchieved), vec!["c3", "c5"]);
    assert_eq!(by_status(StatusFilter::NotApplicable), vec!["c4"]);
    assert_eq!(
        by_status(StatusFilter::Answered),
        vec!["c1", "c2", "c3", "c4", "c5"]
    );
    let above = Filter {
        scope: Some(Scope::AboveTarget),
        ..Filter::default()
    };
    assert_eq!(run(above), vec!["c2"]);
    let unknown_group = Filter {
        group: Some("nope".into()),
        ..Filter::default()
    };
    assert!(run(unknown_group).is_empty());
}

#[test]
fn search_is_substring_width_and_case_folded() {
    let cat = levels_catalog();
    let index = SearchIndex::new(&cat, str::to_lowercase);
    let a = apply(
        &mixed(),
        Action::SetNote {
            control: "c6".into(),
            note: "訓練は外部委託".into(),
            now: 40,
        },
    );
    let set: AnswerSet = (&a).into();
    let q = |query: &str| {
        ids(filter(
            &cat,
            &index,
            &set,
            &Filter {
                query: query.into(),
                ..Filter::default()
            },
        ))
    };
    // A substring in the middle of a Japanese word.
    assert_eq!(q("セキュリティ方"), vec!["c1"]);
    // Commentary answer written in full-width "ＵＳＢ", searched in ASCII lower case.
    assert_eq!(q("usb"), vec!["c5"]);
    // Criteria list text "VPN機器", searched in full-width lower case; nested item too.
    assert_eq!(q("ｖｐｎ"), vec!["c3"]);
    assert_eq!(q("ファームウェア"), vec!["c3"]);
    // Applicability notes and commentary questions are searched.
    assert_eq!(q("クラウド"), vec!["c2"]);
    assert_eq!(q("外部記憶"), vec!["c5"]);
    // Terms separated by an ideographic space are ANDed.
    assert_eq!(q("規程　整備"), vec!["c3"]);
    assert_eq!(q("規程"), vec!["c3", "c4"]);
    assert!(q("規程 教育").is_empty());
    // The user's note is searched, and may supply one term of several.
    assert_eq!(q("委託"), vec!["c6"]);
    assert_eq!(q("標的型 委託"), vec!["c6"]);
    // Search combines with the other filters.
    let f = Filter {
        query: "実施".into(),
        status: Some(StatusFilter::Unanswered),
        ..Filter::default()
    };
    assert_eq!(ids(filter(&cat, &index, &set, &f)), vec!["c6"]);
}

#[test]
fn snapshot_then_compare() {
    let cat = levels_catalog();
    let a = apply(
        &mixed(),
        Action::TakeSnapshot {
            id: "s1".into(),
            label: "2026年度".into(),
            now: 50,
        },
    );
    // After the snapshot: c5 achieved, c6 achieved, note added to c1.
    let b = answer(&answer(&a, "c5", "achieved"), "c6", "achieved");
    let b = apply(
        &b,
        Action::SetNote {
            control: "c1".into(),
            note: "監査済み".into(),
            now: 51,
        },
    );
    let snap = &b.snapshots[0];
    let cmp = compare(&cat, &snap.into(), &(&b).into());
    // Overall in scope: before 1/4 = 0.25; after c1 c5 c6 = 3/4 = 0.75.
    close(cmp.overall.before, Some(0.25));
    close(cmp.overall.after, Some(0.75));
    close(cmp.overall.change(), Some(0.5));
    // g2: 0/2 -> 2/2; g1 unchanged at 1/2.
    let g = |id: &str| cmp.groups.iter().find(|g| g.group == id).unwrap().delta;
    close(g("g2").change(), Some(1.0));
    close(g("g1").change(), Some(0.0));
    // Changed controls in catalog order: c1 (note only), c5, c6.
    let ch: Vec<(&str, Option<&str>, Option<&str>, bool)> = cmp
        .changed
        .iter()
        .map(|c| {
            (
                c.control.as_str(),
                c.before.as_deref(),
                c.after.as_deref(),
                c.option_changed,
            )
        })
        .collect();
    assert_eq!(
        ch,
        vec![
            ("c1", Some("achieved"), Some("achieved"), false),
            ("c5", Some("not_achieved"), Some("achieved"), true),
            ("c6", None, Some("achieved"), true),
        ]
    );
    assert_eq!(cmp.changed[2].before_status, Status::Unanswered);
    // A set compared with itself has no change.
    let same = compare(&cat, &(&b).into(), &(&b).into());
    assert!(same.changed.is_empty());
    assert!(same
        .groups
        .iter()
        .all(|g| g.delta.change().unwrap_or(0.0) == 0.0));
}

#[test]
fn two_entities_compared_each_on_its_own_target() {
    let cat = levels_catalog();
    let w = Workspace::default();
    let w = apply_workspace(
        &w,
        WorkspaceAction::Create {
            id: "parent".into(),
            name: String::new(),
            catalog_id: cat.id.clone(),
            catalog_version: cat.version.clone(),
            now: 1,
        },
    );
    let w = apply_workspace(
        &w,
        WorkspaceAction::Update {
            id: "parent".into(),
            action: Action::Answer {
                control: "c1".into(),
                option: "achieved".into(),
                now: 2,
            },
        },
    );
    let w = apply_workspace(
        &w,
        WorkspaceAction::Duplicate {
            source: "parent".into(),
            id: "sub".into(),
            name: "子会社".into(),
            now: 3,
        },
    );
    let w = apply_workspace(
        &w,
        WorkspaceAction::Update {
            id: "sub".into(),
            action: Action::SetTargetLevel {
                level: Some("Lv1".into()),
                now: 4,
            },
        },
    );
    assert_eq!(w.active().map(|e| e.name.as_str()), Some("子会社"));
    let (p, s) = (w.get("parent").unwrap(), w.get("sub").unwrap());
    let cmp = compare(&cat, &p.into(), &s.into());
    // parent: no target, 1 achieved of 6 -> 1/6; sub: Lv1 (c1 c3 c6), 1/3.
    close(cmp.overall.before, Some(1.0 / 6.0));
    close(cmp.overall.after, Some(1.0 / 3.0));
    assert!(cmp.changed.is_empty());
}

/// Property tests over generated catalogs and answers.
mod props {
    use super::*;
    use proptest::prelude::*;
    use selfcheck::core::assessment::Answer;
    use selfcheck::core::catalog::{
        validate, AnswerOption, AnswerScale, Control, Group, Level, ScaleKind, SourceDocument,
        Statement, StatementKind, Text, CATALOG_FORMAT,
    };
    use selfcheck::core::score::{group_chain, Scores, Tally};

    /// Options of the generated status scale; `partial` has the given credit.
    fn status_options(partial_credit: f64) -> Vec<AnswerOption> {
        let opt = |id: &str, achieved, credit, na| AnswerOption {
            id: id.into(),
            label: Text::ja(id),
            description: None,
            achieved,
            credit,
            not_applicable: na,
            requires_reason: na,
            value: None,
        };
        vec![
            opt("achieved", true, 1.0, false),
            opt("partial", false, partial_credit, false),
            opt("not_achieved", false, 0.0, false),
            opt("na", false, 0.0, true),
        ]
    }

    /// A generated catalog and an assessment of it.
    #[derive(Debug, Clone)]
    struct Case {
        catalog: Catalog,
        assessment: Assessment,
    }

    /// Answer choice per control: unanswered, one of the 4 options, or an unknown id.
    const CHOICES: [Option<&str>; 6] = [
        None,
        Some("achieved"),
        Some("partial"),
        Some("not_achieved"),
        Some("na"),
        Some("bogus"),
    ];

    fn case() -> impl Strategy<Value = Case> {
        (0usize..=3, 1usize..=5, 0.05f64..0.95).prop_flat_map(|(n_levels, n_groups, credit)| {
            // Each group's parent is an earlier group or none: no cycles.
            let parents: Vec<_> = (0..n_groups)
                .map(|i| prop::option::of(0..i.max(1)).prop_map(move |p| p.filter(|_| i > 0)))
                .collect();
            let controls = prop::collection::vec(
                (
                    0..n_groups,
                    0..n_levels.max(1),
                    0..CHOICES.len(),
                    "[a-zA-Zア-ン方針 ]{1,12}",
                ),
                1..=18,
            );
            let target = prop::option::of(0..n_levels + 1);
            (parents, controls, target).prop_map(move |(parents, controls, target)| {
                build(n_levels, &parents, &controls, target, credit)
            })
        })
    }

    fn build(
        n_levels: usize,
        parents: &[Option<usize>],
        controls: &[(usize, usize, usize, String)],
        target: Option<usize>,
        credit: f64,
    ) -> Case {
        let catalog = Catalog {
            format: CATALOG_FORMAT,
            id: "gen".into(),
            version: "1".into(),
            title: Text::ja("生成"),
            publisher: Text::ja("p"),
            issued: "2024-01-01".into(),
            language: "ja".into(),
            source: SourceDocument::default(),
            coverage: None,
            levels: (0..n_levels)
                .map(|i| Level {
                    id: format!("Lv{}", i + 1),
                    name: Text::ja(format!("Lv{}", i + 1)),
                    description: None,
                })
                .collect(),
            scale: AnswerScale {
                kind: ScaleKind::Status,
                options: status_options(credit),
                default_target: None,
            },
            groups: parents
                .iter()
                .enumerate()
                .map(|(i, p)| Group {
                    id: format!("g{i}"),
                    number: None,
                    title: Text::ja(format!("g{i}")),
                    parent: p.map(|p| format!("g{p}")),
                    intro: vec![],
                })
                .collect(),
            controls: controls
                .iter()
                .enumerate()
                .map(|(i, (g, l, _, text))| Control {
                    id: format!("c{i}"),
                    group: format!("g{g}"),
                    number: None,
                    level: (n_levels > 0).then(|| format!("Lv{}", l + 1)),
                    priority: None,
                    statements: vec![Statement {
                        kind: StatementKind::Condition,
                        text: text.clone(),
                        en: None,
                        items: vec![],
                    }],
                    criteria: vec![],
                    notes: vec![],
                    cross_refs: vec![],
                    commentary: vec![],
                    references: vec![],
                    target: None,
                })
                .collect(),
            guidance: vec![],
            repairs: vec![],
        };
        validate(&catalog).expect("generated catalog is valid");
        let mut assessment = Assessment::new("e", "gen", "1", 0);
        // target == n_levels means a level the catalog does not have.
        assessment.target_level = target.map(|t| format!("Lv{}", t + 1));
        for (i, (_, _, choice, _)) in controls.iter().enumerate() {
            if let Some(opt) = CHOICES[*choice] {
                let mut a = Answer::empty(0);
                a.option = opt.into();
                a.reason = "r".into();
                assessment.answers.insert(format!("c{i}"), a);
            }
        }
        Case {
            catalog,
            assessment,
        }
    }

    /// Turns a generated case into a maturity catalog (values 0–3, n/a) with
    /// a default target, some per-control targets and random answers.
    fn maturity_case() -> impl Strategy<Value = Case> {
        (case(), 0u8..=3).prop_flat_map(|(c, default)| {
            let n = c.catalog.controls.len();
            let targets = prop::collection::vec(prop::option::of(0u8..=3), n);
            let answers = prop::collection::vec(prop::option::of(0usize..5), n);
            (Just(c), Just(default), targets, answers).prop_map(
                |(mut c, default, targets, answers)| {
                    let opt = |i: u8| AnswerOption {
                        id: format!("m{i}"),
                        label: Text::ja(format!("{i}")),
                        description: None,
                        achieved: i == 3,
                        credit: f64::from(i) / 3.0,
                        not_applicable: false,
                        requires_reason: false,
                        value: Some(i),
                    };
                    let mut options: Vec<AnswerOption> = (0..=3).map(opt).collect();
                    let mut na = opt(0);
                    na.id = "na".into();
                    na.not_applicable = true;
                    na.value = None;
                    na.credit = 0.0;
                    options.push(na);
                    c.catalog.scale = AnswerScale {
                        kind: ScaleKind::Maturity,
                        options,
                        default_target: Some(default),
                    };
                    c.catalog.levels.clear();
                    for ctl in &mut c.catalog.controls {
                        ctl.level = None;
                    }
                    c.assessment.target_level = None;
                    c.assessment.answers.clear();
                    for (i, (t, a)) in targets.iter().zip(&answers).enumerate() {
                        c.catalog.controls[i].target = *t;
                        if let Some(a) = a {
                            let mut ans = Answer::empty(0);
                            ans.option = if *a == 4 {
                                "na".into()
                            } else {
                                format!("m{a}")
                            };
                            c.assessment.answers.insert(format!("c{i}"), ans);
                        }
                    }
                    validate(&c.catalog).expect("generated maturity catalog is valid");
                    c
                },
            )
        })
    }

    /// Every tally of a result, each with a name to tell them apart.
    fn tallies(s: &Scores) -> Vec<(String, Tally)> {
        let mut v = vec![
            ("in".to_string(), s.in_scope),
            ("out".to_string(), s.out_of_scope),
            ("all".to_string(), s.all()),
        ];
        for l in &s.levels {
            v.push((format!("level {}", l.level), l.tally));
        }
        for g in &s.groups {
            v.push((format!("group {} in", g.group), g.in_scope));
            v.push((format!("group {} out", g.group), g.out_of_scope));
        }
        v
    }

    fn set_option(a: &Assessment, control: &str, option: &str) -> Assessment {
        apply(
            a,
            Action::Answer {
                control: control.into(),
                option: option.into(),
                now: 99,
            },
        )
    }

    proptest! {
        #[test]
        fn scores_within_0_and_1(c in case()) {
            let s = scores(&c.catalog, &(&c.assessment).into());
            for (name, t) in tallies(&s) {
                for v in [t.achievement(), t.credit()].into_iter().flatten() {
                    prop_assert!((0.0..=1.0).contains(&v), "{name}: {v}");
                }
                // Credit counts achieved fully, so it is never below achievement.
                if let (Some(a), Some(cr)) = (t.achievement(), t.credit()) {
                    prop_assert!(cr + 1e-9 >= a, "{name}");
                }
                prop_assert_eq!(t.total, t.answered + t.unanswered + t.needs_reason);
                prop_assert_eq!(t.answered, t.achieved + t.partial + t.not_achieved + t.not_applicable);
            }
            prop_assert!((0.0..=1.0).contains(&s.progress.in_scope_ratio()));
            prop_assert!((0.0..=1.0).contains(&s.progress.all_ratio()));
        }

        #[test]
        fn marking_achieved_never_lowers_a_score(c in case(), pick in any::<prop::sample::Index>()) {
            let ctl = &c.catalog.controls[pick.index(c.catalog.controls.len())];
            let before = scores(&c.catalog, &(&c.assessment).into());
            let marked = set_option(&c.assessment, &ctl.id, "achieved");
            let after = scores(&c.catalog, &(&marked).into());
            for ((name, b), (_, a)) in tallies(&before).into_iter().zip(tallies(&after)) {
                if let Some(bv) = b.achievement() {
                    let av = a.achievement();
                    prop_assert!(av.is_some_and(|av| av + 1e-9 >= bv), "{name}: {bv} -> {av:?}");
                }
                if let Some(bv) = b.credit() {
                    let av = a.credit();
                    prop_assert!(av.is_some_and(|av| av + 1e-9 >= bv), "{name}: credit {bv} -> {av:?}");
                }
            }
            // The action plan never grows either.
            prop_assert!(gaps(&c.catalog, &(&marked).into()).len() <= gaps(&c.catalog, &(&c.assessment).into()).len());
        }

        #[test]
        fn not_applicable_leaves_other_groups_alone(c in case(), pick in any::<prop::sample::Index>()) {
            let ctl = &c.catalog.controls[pick.index(c.catalog.controls.len())];
            let chain: Vec<String> = group_chain(&c.catalog, &ctl.group)
                .into_iter()
                .map(|i| c.catalog.groups[i].id.clone())
                .collect();
            let before = scores(&c.catalog, &(&c.assessment).into());
            let na = set_option(&c.assessment, &ctl.id, "na");
            let after = scores(&c.catalog, &(&na).into());
            for (b, a) in before.groups.iter().zip(&after.groups) {
                if !chain.contains(&b.group) {
                    prop_assert_eq!(b.in_scope.applicable(), a.in_scope.applicable(), "group {}", &b.group);
                    prop_assert_eq!(b.out_of_scope.applicable(), a.out_of_scope.applicable());
                    prop_assert_eq!(b.in_scope.achievement(), a.in_scope.achievement());
                }
            }
        }

        #[test]
        fn whole_is_the_sum_of_its_parts(c in case()) {
            let s = scores(&c.catalog, &(&c.assessment).into());
            for outside in [false, true] {
                let whole = if outside { s.out_of_scope } else { s.in_scope };
                let roots: Vec<Tally> = s.groups.iter()
                    .filter(|g| g.parent.is_none())
                    .map(|g| if outside { g.out_of_scope } else { g.in_scope })
                    .collect();
                let achieved: usize = roots.iter().map(|t| t.achieved).sum();
                let applicable: usize = roots.iter().map(|t| t.applicable()).sum();
                let total: usize = roots.iter().map(|t| t.total).sum();
                prop_assert_eq!(whole.achieved, achieved);
                prop_assert_eq!(whole.applicable(), applicable);
                prop_assert_eq!(whole.total, total);
                let weighted = (applicable > 0).then(|| achieved as f64 / applicable as f64);
                prop_assert_eq!(whole.achievement(), weighted);
                // Each parent = its own controls + its direct sub-groups.
                for g in &s.groups {
                    let own = c.catalog.controls_in(&g.group).count();
                    let own_in_scope = c.catalog.controls_in(&g.group)
                        .filter(|ctl| scope(&c.catalog, &(&c.assessment).into(), ctl) == Scope::InScope)
                        .count();
                    let children: usize = s.groups.iter()
                        .filter(|k| k.parent.as_deref() == Some(g.group.as_str()))
                        .map(|k| k.in_scope.total + k.out_of_scope.total)
                        .sum();
                    prop_assert_eq!(g.in_scope.total + g.out_of_scope.total, own + children);
                    prop_assert!(g.in_scope.total >= own_in_scope);
                }
            }
            // Levels partition the catalog when it has levels.
            if !c.catalog.levels.is_empty() {
                let all = s.all();
                let by_level: usize = s.levels.iter().map(|l| l.tally.achieved).sum();
                prop_assert_eq!(by_level, all.achieved);
                let in_levels: usize = s.levels.iter().filter(|l| l.in_scope).map(|l| l.tally.total).sum();
                prop_assert_eq!(in_levels, s.in_scope.total);
            }
        }

        #[test]
        fn search_finds_any_piece_of_a_statement_in_full_width(
            c in case(),
            pick in any::<prop::sample::Index>(),
            from in any::<prop::sample::Index>(),
            len in 1usize..6,
        ) {
            let ctl = &c.catalog.controls[pick.index(c.catalog.controls.len())];
            let chars: Vec<char> = ctl.statements[0].text.chars().collect();
            let start = from.index(chars.len());
            let piece: String = chars[start..(start + len).min(chars.len())].iter().collect();
            // Upper-case, full-width version of the piece.
            let query: String = piece
                .chars()
                .map(|ch| match ch {
                    '!'..='~' => char::from_u32(ch.to_ascii_uppercase() as u32 + 0xFEE0).unwrap_or(ch),
                    ' ' => '\u{3000}',
                    ch => ch,
                })
                .collect();
            let index = SearchIndex::new(&c.catalog, str::to_lowercase);
            let f = Filter { query, ..Filter::default() };
            let found = filter(&c.catalog, &index, &(&c.assessment).into(), &f);
            prop_assert!(found.iter().any(|x| x.id == ctl.id));
        }

        #[test]
        fn comparing_a_set_with_itself_shows_no_change(c in case()) {
            let set: AnswerSet = (&c.assessment).into();
            let cmp = compare(&c.catalog, &set, &set);
            prop_assert!(cmp.changed.is_empty());
            prop_assert_eq!(cmp.overall.before, cmp.overall.after);
        }

        #[test]
        fn maturity_means_stay_on_the_scale_and_rise_with_answers(
            c in maturity_case(),
            pick in any::<prop::sample::Index>(),
        ) {
            let set: AnswerSet = (&c.assessment).into();
            let s = scores(&c.catalog, &set);
            let mut all = vec![s.maturity.unwrap_or_default()];
            all.extend(s.groups.iter().filter_map(|g| g.maturity));
            for m in &all {
                for v in [m.mean_current(), m.mean_target()].into_iter().flatten() {
                    prop_assert!((0.0..=3.0).contains(&v));
                }
                prop_assert_eq!(m.counted, m.answered + m.unanswered);
                prop_assert!(m.below_target <= m.answered);
            }
            for (_, t) in tallies(&s) {
                for v in [t.achievement(), t.credit()].into_iter().flatten() {
                    prop_assert!((0.0..=1.0).contains(&v));
                }
            }
            // Raising one control to the top of the scale never lowers any
            // group's mean, and never lengthens the action plan.
            let ctl = &c.catalog.controls[pick.index(c.catalog.controls.len())];
            let top = set_option(&c.assessment, &ctl.id, "m3");
            let after = scores(&c.catalog, &(&top).into());
            for (b, a) in s.groups.iter().zip(&after.groups) {
                let (b, a) = (b.maturity.unwrap_or_default(), a.maturity.unwrap_or_default());
                if let Some(bv) = b.mean_current() {
                    prop_assert!(a.mean_current().is_some_and(|av| av + 1e-9 >= bv));
                }
            }
            prop_assert!(gaps(&c.catalog, &(&top).into()).len() <= gaps(&c.catalog, &set).len());
            // Gaps come largest first.
            let sizes: Vec<i32> = gaps(&c.catalog, &set)
                .iter()
                .map(|g| i32::from(g.target.unwrap_or(0)) - i32::from(g.current.unwrap_or(0)))
                .collect();
            prop_assert!(sizes.windows(2).all(|w| w[0] >= w[1]));
            prop_assert!(sizes.iter().all(|&d| d > 0));
        }
    }
}
