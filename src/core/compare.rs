//! Side-by-side comparison of two answer sets on the same catalog: two
//! snapshots, an assessment and one of its snapshots, or two entities.
//!
//! Each side is scored under its own target (the figure its user saw), so
//! an entity that only needs Lv1 is compared on what it must reach. The
//! figure compared is the in-scope achievement for status catalogs and the
//! mean current maturity for maturity catalogs. Answers to controls the
//! catalog no longer has are ignored.

use crate::core::assessment::Answer;
use crate::core::catalog::{Catalog, ScaleKind};
use crate::core::score::{scores, status, AnswerSet, GroupScore, Maturity, Scores, Status, Tally};

/// One figure before and after.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Delta {
    /// The figure of the first set (`None`: nothing applicable).
    pub before: Option<f64>,
    /// The figure of the second set.
    pub after: Option<f64>,
}

impl Delta {
    /// after − before, when both exist.
    pub fn change(&self) -> Option<f64> {
        Some(self.after? - self.before?)
    }
}

/// The change of one group.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupDelta {
    /// Group id.
    pub group: String,
    /// 0 for top-level groups.
    pub depth: usize,
    /// Achievement (or mean maturity) before and after.
    pub delta: Delta,
}

/// What changed in one control's answer.
#[derive(Debug, Clone, PartialEq)]
pub struct ChangedControl {
    /// Control id.
    pub control: String,
    /// Its group id.
    pub group: String,
    /// Option chosen before (`None`: unanswered).
    pub before: Option<String>,
    /// Option chosen after.
    pub after: Option<String>,
    /// Status before.
    pub before_status: Status,
    /// Status after.
    pub after_status: Status,
    /// False when only the reason, note or evidence changed.
    pub option_changed: bool,
}

/// The whole comparison.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    /// All scores of the first set.
    pub before: Scores,
    /// All scores of the second set.
    pub after: Scores,
    /// The whole catalog's figure (in scope).
    pub overall: Delta,
    /// Per group, in catalog order.
    pub groups: Vec<GroupDelta>,
    /// Controls whose answer differs, in catalog order.
    pub changed: Vec<ChangedControl>,
}

/// The figure compared for a tally (and maturity, in maturity catalogs).
fn figure(kind: ScaleKind, tally: &Tally, maturity: Option<&Maturity>) -> Option<f64> {
    match (kind, maturity) {
        (ScaleKind::Maturity, Some(m)) => m.mean_current(),
        _ => tally.achievement(),
    }
}

fn group_figure(kind: ScaleKind, g: Option<&GroupScore>) -> Option<f64> {
    g.and_then(|g| figure(kind, &g.in_scope, g.maturity.as_ref()))
}

/// Compares two answer sets on one catalog.
pub fn compare(catalog: &Catalog, before: &AnswerSet, after: &AnswerSet) -> Comparison {
    let kind = catalog.scale.kind;
    let sb = scores(catalog, before);
    let sa = scores(catalog, after);
    let overall = Delta {
        before: figure(kind, &sb.in_scope, sb.maturity.as_ref()),
        after: figure(kind, &sa.in_scope, sa.maturity.as_ref()),
    };
    let groups = sa
        .groups
        .iter()
        .map(|g| GroupDelta {
            group: g.group.clone(),
            depth: g.depth,
            delta: Delta {
                before: group_figure(kind, sb.group(&g.group)),
                after: group_figure(kind, Some(g)),
            },
        })
        .collect();
    let chosen = |a: Option<&Answer>| a.filter(|a| a.is_chosen()).map(|a| a.option.clone());
    let changed = catalog
        .controls
        .iter()
        .filter_map(|c| {
            let (a, b) = (before.answers.get(&c.id), after.answers.get(&c.id));
            let (oa, ob) = (chosen(a), chosen(b));
            let option_changed = oa != ob;
            let details_changed = match (a, b) {
                (Some(a), Some(b)) => {
                    a.reason != b.reason || a.note != b.note || a.evidence != b.evidence
                }
                (None, None) => false,
                _ => true,
            };
            (option_changed || details_changed).then(|| ChangedControl {
                control: c.id.clone(),
                group: c.group.clone(),
                before: oa,
                after: ob,
                before_status: status(catalog, before, c),
                after_status: status(catalog, after, c),
                option_changed,
            })
        })
        .collect();
    Comparison {
        before: sb,
        after: sa,
        overall,
        groups,
        changed,
    }
}
