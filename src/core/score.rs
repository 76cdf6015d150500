//! Scores, progress and the gap list (action plan) of one set of answers.
//!
//! Everything here is a pure function of a [`Catalog`] and an [`AnswerSet`]
//! (the answers and targets of an assessment or of a snapshot).
//!
//! Rules kept here (NISC guideline §4: self-evaluation, gap analysis,
//! prioritisation):
//! - **Scope.** In a levelled catalog a control is in scope when its level
//!   rank is at or below the target level's rank; with no target (or a target
//!   the catalog does not know) every control is in scope. Controls above the
//!   target stay answerable and are tallied separately (`out_of_scope`).
//! - **Status.** The chosen option decides: an option that requires a reason
//!   (対象外) chosen without one (blank) gives [`Status::NeedsReason`];
//!   `not_applicable` options give [`Status::NotApplicable`], `achieved` ones [`Status::Achieved`], others
//!   with a credit above 0 [`Status::Partial`], the rest
//!   [`Status::NotAchieved`]. No option, or an option the catalog does not
//!   know, is [`Status::Unanswered`]. In a maturity catalog a control with a
//!   target is achieved when its value reaches the target, else not achieved.
//! - **Achievement** = achieved / applicable, where applicable = total −
//!   not applicable. Unanswered controls stay in the denominator: they are
//!   never treated as achieved. So does "not applicable" without its reason
//!   ([`Status::NeedsReason`]): a customer reading the figures must not see a
//!   smaller denominator that nobody justified. Such a control is incomplete
//!   (not counted as answered), not achieved, and listed in the gap list. With no applicable control the score is
//!   `None` (neither 0 nor 1).
//! - **Credit** (shown separately) = sum of option credits / applicable; an
//!   achieved control always counts 1, a not-applicable one is excluded.
//! - **Groups** aggregate their own controls and those of all sub-groups.
//! - **Maturity** (per group and overall, in-scope controls with a target):
//!   the mean current value, counting unanswered controls as 0, against the
//!   mean target, where a control's target is the assessment's override, else
//!   the control's own target, else the scale's default.

use crate::core::assessment::{Answer, Assessment, Snapshot};
use crate::core::catalog::{AnswerOption, Catalog, Control, ScaleKind};
use std::collections::{BTreeMap, HashMap};

/// The answers and targets to score: those of an assessment or a snapshot.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AnswerSet<'a> {
    /// Answers by control id.
    pub answers: &'a BTreeMap<String, Answer>,
    /// Target level (levelled catalogs).
    pub target_level: Option<&'a str>,
    /// Per-control target overrides (maturity catalogs).
    pub targets: &'a BTreeMap<String, u8>,
}

impl<'a> From<&'a Assessment> for AnswerSet<'a> {
    fn from(a: &'a Assessment) -> Self {
        AnswerSet {
            answers: &a.answers,
            target_level: a.target_level.as_deref(),
            targets: &a.targets,
        }
    }
}

impl<'a> From<&'a Snapshot> for AnswerSet<'a> {
    fn from(s: &'a Snapshot) -> Self {
        AnswerSet {
            answers: &s.answers,
            target_level: s.target_level.as_deref(),
            targets: &s.targets,
        }
    }
}

/// Whether a control counts toward the chosen target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scope {
    /// At or below the target level (or there is no target).
    InScope,
    /// Above the target level: answerable, reported separately.
    AboveTarget,
}

/// Where one control stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Status {
    /// No option chosen (or one the catalog does not know).
    Unanswered,
    /// Achieved (maturity: at or above the target).
    Achieved,
    /// Partially achieved (an option with partial credit).
    Partial,
    /// Not achieved (maturity: below the target).
    NotAchieved,
    /// Not applicable: excluded from the denominator.
    NotApplicable,
    /// An option that requires a reason (not applicable) chosen without one:
    /// incomplete, kept in the denominator, not achieved.
    NeedsReason,
}

/// Rank of the effective target level; `None` when every control is in scope.
pub fn target_rank(catalog: &Catalog, set: &AnswerSet) -> Option<usize> {
    set.target_level.and_then(|l| catalog.level_rank(l))
}

/// The scope of a control given the set's target level.
pub fn scope(catalog: &Catalog, set: &AnswerSet, control: &Control) -> Scope {
    scope_at(catalog, target_rank(catalog, set), control)
}

/// The scope of a control for a known target rank.
fn scope_at(catalog: &Catalog, target: Option<usize>, control: &Control) -> Scope {
    let rank = control.level.as_deref().and_then(|l| catalog.level_rank(l));
    match (target, rank) {
        (Some(t), Some(r)) if r > t => Scope::AboveTarget,
        _ => Scope::InScope,
    }
}

/// The chosen option of a control, if it is one the catalog knows.
pub fn chosen<'c>(
    catalog: &'c Catalog,
    set: &AnswerSet,
    control: &Control,
) -> Option<&'c AnswerOption> {
    set.answers
        .get(&control.id)
        .filter(|a| a.is_chosen())
        .and_then(|a| catalog.option(&a.option))
}

/// A control's target maturity: the override, else the control's, else the scale default.
pub fn target_value(catalog: &Catalog, set: &AnswerSet, control: &Control) -> Option<u8> {
    set.targets
        .get(&control.id)
        .copied()
        .or(control.target)
        .or(catalog.scale.default_target)
}

/// A control's current maturity value (`None` when unanswered or not applicable).
pub fn current_value(catalog: &Catalog, set: &AnswerSet, control: &Control) -> Option<u8> {
    chosen(catalog, set, control)
        .filter(|o| !o.not_applicable)
        .and_then(|o| o.value)
}

/// Where a control stands (see the module rules).
pub fn status(catalog: &Catalog, set: &AnswerSet, control: &Control) -> Status {
    let Some(o) = chosen(catalog, set, control) else {
        return Status::Unanswered;
    };
    if set
        .answers
        .get(&control.id)
        .is_none_or(|a| a.lacks_reason(o))
    {
        return Status::NeedsReason;
    }
    if o.not_applicable {
        return Status::NotApplicable;
    }
    if catalog.scale.kind == ScaleKind::Maturity {
        if let (Some(t), Some(v)) = (target_value(catalog, set, control), o.value) {
            return if v >= t {
                Status::Achieved
            } else {
                Status::NotAchieved
            };
        }
    }
    if o.achieved {
        Status::Achieved
    } else if o.credit > 0.0 {
        Status::Partial
    } else {
        Status::NotAchieved
    }
}

/// Credit of one control: 1 when achieved, the option's credit (clamped to
/// 0..=1) otherwise, 0 when unanswered or not applicable.
fn credit(catalog: &Catalog, set: &AnswerSet, control: &Control, st: Status) -> f64 {
    match st {
        Status::Achieved => 1.0,
        Status::Unanswered | Status::NotApplicable | Status::NeedsReason => 0.0,
        Status::Partial | Status::NotAchieved => chosen(catalog, set, control)
            .map(|o| {
                if o.credit.is_nan() {
                    0.0
                } else {
                    o.credit.clamp(0.0, 1.0)
                }
            })
            .unwrap_or(0.0),
    }
}

/// Counts of controls by status, and the partial credit.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Tally {
    /// Controls counted.
    pub total: usize,
    /// Controls answered completely (an option chosen, and its reason when
    /// the option requires one): any status but unanswered and needs-reason.
    pub answered: usize,
    /// Achieved.
    pub achieved: usize,
    /// Partially achieved.
    pub partial: usize,
    /// Not achieved.
    pub not_achieved: usize,
    /// Not applicable.
    pub not_applicable: usize,
    /// Unanswered.
    pub unanswered: usize,
    /// Not applicable chosen without the required reason (in the denominator).
    pub needs_reason: usize,
    /// Sum of credits (achieved = 1).
    pub credit_sum: f64,
}

impl Tally {
    /// Counts one control.
    pub fn add(&mut self, st: Status, credit: f64) {
        self.total += 1;
        match st {
            Status::Unanswered => self.unanswered += 1,
            Status::Achieved => self.achieved += 1,
            Status::Partial => self.partial += 1,
            Status::NotAchieved => self.not_achieved += 1,
            Status::NotApplicable => self.not_applicable += 1,
            Status::NeedsReason => self.needs_reason += 1,
        }
        if !matches!(st, Status::Unanswered | Status::NeedsReason) {
            self.answered += 1;
        }
        self.credit_sum += credit;
    }

    /// Adds another tally into this one.
    pub fn merge(&mut self, o: &Tally) {
        self.total += o.total;
        self.answered += o.answered;
        self.achieved += o.achieved;
        self.partial += o.partial;
        self.not_achieved += o.not_achieved;
        self.not_applicable += o.not_applicable;
        self.unanswered += o.unanswered;
        self.needs_reason += o.needs_reason;
        self.credit_sum += o.credit_sum;
    }

    /// The denominator: total − not applicable.
    pub fn applicable(&self) -> usize {
        self.total - self.not_applicable
    }

    /// achieved / applicable; `None` when nothing is applicable.
    pub fn achievement(&self) -> Option<f64> {
        let d = self.applicable();
        (d > 0).then(|| self.achieved as f64 / d as f64)
    }

    /// credit / applicable (partial credit included); `None` when nothing is applicable.
    pub fn credit(&self) -> Option<f64> {
        let d = self.applicable();
        (d > 0).then(|| (self.credit_sum / d as f64).clamp(0.0, 1.0))
    }
}

/// Current vs target maturity over a set of controls.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Maturity {
    /// Applicable controls with a target (the means' denominator).
    pub counted: usize,
    /// Of those, answered.
    pub answered: usize,
    /// Of those, unanswered (counted as 0 in the current mean).
    pub unanswered: usize,
    /// Of those, answered with a value below the target.
    pub below_target: usize,
    /// Sum of current values.
    pub current_sum: u32,
    /// Sum of targets.
    pub target_sum: u32,
}

impl Maturity {
    /// Mean current value (unanswered = 0); `None` when nothing is counted.
    pub fn mean_current(&self) -> Option<f64> {
        (self.counted > 0).then(|| f64::from(self.current_sum) / self.counted as f64)
    }

    /// Mean target value; `None` when nothing is counted.
    pub fn mean_target(&self) -> Option<f64> {
        (self.counted > 0).then(|| f64::from(self.target_sum) / self.counted as f64)
    }

    fn merge(&mut self, o: &Maturity) {
        self.counted += o.counted;
        self.answered += o.answered;
        self.unanswered += o.unanswered;
        self.below_target += o.below_target;
        self.current_sum += o.current_sum;
        self.target_sum += o.target_sum;
    }
}

/// Scores of one level.
#[derive(Debug, Clone, PartialEq)]
pub struct LevelScore {
    /// Level id.
    pub level: String,
    /// Whether the level is within the target.
    pub in_scope: bool,
    /// Its controls.
    pub tally: Tally,
}

/// Scores of one group, including all its sub-groups.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupScore {
    /// Group id.
    pub group: String,
    /// Enclosing group.
    pub parent: Option<String>,
    /// 0 for top-level groups.
    pub depth: usize,
    /// In-scope controls.
    pub in_scope: Tally,
    /// Controls above the target.
    pub out_of_scope: Tally,
    /// Maturity of in-scope controls (maturity catalogs only).
    pub maturity: Option<Maturity>,
}

/// How far the answering has come.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Progress {
    /// In-scope controls answered.
    pub in_scope_answered: usize,
    /// In-scope controls.
    pub in_scope_total: usize,
    /// All controls answered.
    pub all_answered: usize,
    /// All controls.
    pub all_total: usize,
}

impl Progress {
    /// In-scope answered / in-scope total (0 when there is nothing in scope).
    pub fn in_scope_ratio(&self) -> f64 {
        ratio(self.in_scope_answered, self.in_scope_total)
    }

    /// All answered / all total.
    pub fn all_ratio(&self) -> f64 {
        ratio(self.all_answered, self.all_total)
    }
}

fn ratio(n: usize, d: usize) -> f64 {
    if d == 0 {
        0.0
    } else {
        n as f64 / d as f64
    }
}

/// Every figure of the results view.
#[derive(Debug, Clone, PartialEq)]
pub struct Scores {
    /// The target level in effect (`None`: all controls in scope).
    pub target_level: Option<String>,
    /// In-scope controls of the whole catalog.
    pub in_scope: Tally,
    /// Controls above the target.
    pub out_of_scope: Tally,
    /// Per level, in catalog order (empty for catalogs without levels).
    pub levels: Vec<LevelScore>,
    /// Per group, in catalog order; parents include their sub-groups.
    pub groups: Vec<GroupScore>,
    /// Maturity of in-scope controls (maturity catalogs only).
    pub maturity: Option<Maturity>,
    /// Answering progress.
    pub progress: Progress,
}

impl Scores {
    /// The score of one group.
    pub fn group(&self, id: &str) -> Option<&GroupScore> {
        self.groups.iter().find(|g| g.group == id)
    }

    /// The score of one level.
    pub fn level(&self, id: &str) -> Option<&LevelScore> {
        self.levels.iter().find(|l| l.level == id)
    }

    /// In-scope and out-of-scope controls together.
    pub fn all(&self) -> Tally {
        let mut t = self.in_scope;
        t.merge(&self.out_of_scope);
        t
    }
}

/// Indices (into `catalog.groups`) of a group and its ancestors, innermost
/// first. Unknown groups give an empty list; a cycle is cut, never looped.
pub fn group_chain(catalog: &Catalog, group: &str) -> Vec<usize> {
    let index: HashMap<&str, usize> = group_index(catalog);
    chain_with(catalog, &index, group)
}

/// Group id → position in `catalog.groups`.
pub(crate) fn group_index(catalog: &Catalog) -> HashMap<&str, usize> {
    catalog
        .groups
        .iter()
        .enumerate()
        .map(|(i, g)| (g.id.as_str(), i))
        .collect()
}

/// [`group_chain`] with a prebuilt index.
pub(crate) fn chain_with(
    catalog: &Catalog,
    index: &HashMap<&str, usize>,
    group: &str,
) -> Vec<usize> {
    let mut chain = Vec::new();
    let mut cur = index.get(group).copied();
    while let Some(i) = cur {
        if chain.contains(&i) {
            break;
        }
        chain.push(i);
        cur = catalog.groups[i]
            .parent
            .as_deref()
            .and_then(|p| index.get(p).copied());
    }
    chain
}

/// Computes every score of an answer set.
pub fn scores(catalog: &Catalog, set: &AnswerSet) -> Scores {
    scores_from(catalog, set, &statuses(catalog, set))
}

/// Each control's [`status`], in catalog order.
pub fn statuses(catalog: &Catalog, set: &AnswerSet) -> Vec<Status> {
    catalog
        .controls
        .iter()
        .map(|c| status(catalog, set, c))
        .collect()
}

/// [`scores`] from the statuses already computed ([`statuses`]): a caller
/// that needs both (the collector, for thousands of files) computes them once.
pub fn scores_from(catalog: &Catalog, set: &AnswerSet, statuses: &[Status]) -> Scores {
    debug_assert_eq!(statuses.len(), catalog.controls.len());
    let target = target_rank(catalog, set);
    let maturity_scale = catalog.scale.kind == ScaleKind::Maturity;
    let index = group_index(catalog);
    let mut groups: Vec<GroupScore> = catalog
        .groups
        .iter()
        .map(|g| GroupScore {
            group: g.id.clone(),
            parent: g.parent.clone(),
            depth: chain_with(catalog, &index, &g.id).len().saturating_sub(1),
            in_scope: Tally::default(),
            out_of_scope: Tally::default(),
            maturity: maturity_scale.then(Maturity::default),
        })
        .collect();
    let mut levels: Vec<LevelScore> = catalog
        .levels
        .iter()
        .enumerate()
        .map(|(r, l)| LevelScore {
            level: l.id.clone(),
            in_scope: target.is_none_or(|t| r <= t),
            tally: Tally::default(),
        })
        .collect();
    let mut in_scope = Tally::default();
    let mut out_of_scope = Tally::default();
    let mut maturity = maturity_scale.then(Maturity::default);

    for (ctl, &st) in catalog.controls.iter().zip(statuses) {
        let cr = credit(catalog, set, ctl, st);
        let inside = scope_at(catalog, target, ctl) == Scope::InScope;
        let m = if maturity_scale && inside {
            control_maturity(catalog, set, ctl, st)
        } else {
            None
        };
        if inside {
            in_scope.add(st, cr);
        } else {
            out_of_scope.add(st, cr);
        }
        if let (Some(total), Some(m)) = (maturity.as_mut(), m.as_ref()) {
            total.merge(m);
        }
        if let Some(r) = ctl.level.as_deref().and_then(|l| catalog.level_rank(l)) {
            levels[r].tally.add(st, cr);
        }
        for gi in chain_with(catalog, &index, &ctl.group) {
            let g = &mut groups[gi];
            if inside {
                g.in_scope.add(st, cr);
            } else {
                g.out_of_scope.add(st, cr);
            }
            if let (Some(gm), Some(m)) = (g.maturity.as_mut(), m.as_ref()) {
                gm.merge(m);
            }
        }
    }
    let progress = Progress {
        in_scope_answered: in_scope.answered,
        in_scope_total: in_scope.total,
        all_answered: in_scope.answered + out_of_scope.answered,
        all_total: in_scope.total + out_of_scope.total,
    };
    Scores {
        target_level: target.map(|t| catalog.levels[t].id.clone()),
        in_scope,
        out_of_scope,
        levels,
        groups,
        maturity,
        progress,
    }
}

/// Maturity contribution of one control (`None` when not applicable or without target).
fn control_maturity(
    catalog: &Catalog,
    set: &AnswerSet,
    ctl: &Control,
    st: Status,
) -> Option<Maturity> {
    if st == Status::NotApplicable {
        return None;
    }
    let target = target_value(catalog, set, ctl)?;
    let current = current_value(catalog, set, ctl);
    Some(Maturity {
        counted: 1,
        answered: usize::from(current.is_some()),
        unanswered: usize::from(current.is_none()),
        below_target: usize::from(current.is_some_and(|c| c < target)),
        current_sum: u32::from(current.unwrap_or(0)),
        target_sum: u32::from(target),
    })
}

/// One entry of the action plan.
#[derive(Debug, Clone, PartialEq)]
pub struct Gap {
    /// Control id.
    pub control: String,
    /// Its group id.
    pub group: String,
    /// Its level id.
    pub level: Option<String>,
    /// Not achieved, partial, unanswered or needs a reason.
    pub status: Status,
    /// The control's main statement (see [`Catalog::headline`]).
    pub headline: String,
    /// Maturity catalogs: the current value (`None` when unanswered).
    pub current: Option<u8>,
    /// Maturity catalogs: the target value.
    pub target: Option<u8>,
}

/// The action plan: in-scope controls that are not achieved.
///
/// Status catalogs: not achieved, partial, unanswered and needs-reason controls, ordered by
/// level rank (Lv1 first), then group order, then control order. Maturity
/// catalogs: controls below their target (unanswered ones counting as 0),
/// the largest gap first, then group order, then control order.
pub fn gaps(catalog: &Catalog, set: &AnswerSet) -> Vec<Gap> {
    let target = target_rank(catalog, set);
    let index = group_index(catalog);
    let maturity_scale = catalog.scale.kind == ScaleKind::Maturity;
    // (primary key, group position, control position, gap)
    let mut out: Vec<(i64, usize, usize, Gap)> = Vec::new();
    for (ci, ctl) in catalog.controls.iter().enumerate() {
        if scope_at(catalog, target, ctl) != Scope::InScope {
            continue;
        }
        let st = status(catalog, set, ctl);
        if !matches!(
            st,
            Status::NotAchieved | Status::Partial | Status::Unanswered | Status::NeedsReason
        ) {
            continue;
        }
        let current = current_value(catalog, set, ctl);
        let tv = target_value(catalog, set, ctl);
        let key = if maturity_scale {
            match tv {
                Some(t) if current.unwrap_or(0) < t => -i64::from(t - current.unwrap_or(0)),
                _ => continue,
            }
        } else {
            ctl.level
                .as_deref()
                .and_then(|l| catalog.level_rank(l))
                .map_or(i64::MAX, |r| r as i64)
        };
        let gi = index.get(ctl.group.as_str()).copied().unwrap_or(usize::MAX);
        out.push((
            key,
            gi,
            ci,
            Gap {
                control: ctl.id.clone(),
                group: ctl.group.clone(),
                level: ctl.level.clone(),
                status: st,
                headline: Catalog::headline(ctl).to_string(),
                current: if maturity_scale { current } else { None },
                target: if maturity_scale { tv } else { None },
            },
        ));
    }
    out.sort_by_key(|(k, g, c, _)| (*k, *g, *c));
    out.into_iter().map(|(_, _, _, gap)| gap).collect()
}

/// The first unanswered control in catalog order (in scope only, or any),
/// for the "jump to the first unanswered item" link.
pub fn first_unanswered<'c>(
    catalog: &'c Catalog,
    set: &AnswerSet,
    in_scope_only: bool,
) -> Option<&'c Control> {
    let target = target_rank(catalog, set);
    catalog.controls.iter().find(|c| {
        (!in_scope_only || scope_at(catalog, target, c) == Scope::InScope)
            && status(catalog, set, c) == Status::Unanswered
    })
}

#[cfg(test)]
mod test {
    use super::*;

    const LEVELS: &str = include_str!("../../tests/fixtures/engine_levels.json");

    #[test]
    fn group_chain_never_loops_on_a_cycle() {
        // An unvalidated catalog whose groups point at each other.
        let json = LEVELS.replace(
            r#"{"id": "g1", "title": {"ja": "方針"}}"#,
            r#"{"id": "g1", "title": {"ja": "方針"}, "parent": "g1a"}"#,
        );
        let cat: Catalog = serde_json::from_str(&json).expect("fixture deserializes");
        assert_eq!(group_chain(&cat, "g1a"), vec![1, 0]);
        assert!(group_chain(&cat, "nope").is_empty());
        // Scoring still ends, each control counted once per group.
        let a = Assessment::new("e", "engine-levels", "1", 0);
        let s = scores(&cat, &(&a).into());
        assert_eq!(s.group("g1").map(|g| g.in_scope.total), Some(4));
    }

    #[test]
    fn partial_credit_is_clamped_and_achieved_counts_full() {
        let mut cat: Catalog = serde_json::from_str(LEVELS).expect("fixture deserializes");
        // A catalog giving its achieved option no credit still counts it 1.
        cat.scale.options[0].credit = 0.0;
        let mut a = Assessment::new("e", "engine-levels", "1", 0);
        let mut ans = Answer::empty(0);
        ans.option = "achieved".into();
        a.answers.insert("c1".into(), ans);
        let s = scores(&cat, &(&a).into());
        // 1 credit over 6 applicable controls.
        assert_eq!(s.in_scope.credit(), Some(1.0 / 6.0));
    }
}
