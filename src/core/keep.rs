//! Keeping a copy: answers live only in this browser, which may delete them
//! (Safari after 7 days without a visit; any browser under disk pressure
//! unless the site holds persistent storage). This module says when to
//! remind the user to export.
//!
//! Rules kept here:
//! - A change not yet exported is an answer (or a cleared answer) changed
//!   after the assessment's last JSON export ([`unexported`]); every change
//!   counts before the first export.
//! - The reminder is due ([`reminder_due`]) when the oldest such change is
//!   at least [`REMIND_AFTER_MS`] old, or at least [`REMIND_AFTER_CHANGES`]
//!   changes are waiting. The session decides it once per visit (at start),
//!   so it never interrupts answering, and dismissing it hides it for the
//!   visit.

use crate::core::assessment::{Assessment, Millis};

/// Age of the oldest unexported change after which the reminder is due: three days.
pub const REMIND_AFTER_MS: Millis = 3 * 24 * 60 * 60 * 1000;

/// Number of unexported changes after which the reminder is due.
pub const REMIND_AFTER_CHANGES: usize = 20;

/// Changes not yet exported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unexported {
    /// How many answers (or clears) changed since the last export.
    pub count: usize,
    /// When the oldest of them changed.
    pub oldest: Millis,
}

/// The changes of `a` since its last export; `None` when there are none.
pub fn unexported(a: &Assessment) -> Option<Unexported> {
    let since = a.exported.unwrap_or(Millis::MIN);
    let times = a
        .answers
        .values()
        .map(|ans| ans.changed)
        .chain(a.cleared.values().copied())
        .filter(|t| *t > since);
    let (count, oldest) = times.fold((0usize, Millis::MAX), |(n, o), t| (n + 1, o.min(t)));
    (count > 0).then_some(Unexported { count, oldest })
}

/// Whether to remind the user to export `a` at `now` (see the module rules).
pub fn reminder_due(a: &Assessment, now: Millis) -> Option<Unexported> {
    unexported(a).filter(|u| {
        u.count >= REMIND_AFTER_CHANGES || now.saturating_sub(u.oldest) >= REMIND_AFTER_MS
    })
}

#[cfg(test)]
mod test {
    use super::*;
    use crate::core::assessment::{apply, Action};

    const DAY: Millis = 24 * 60 * 60 * 1000;

    fn answered(times: &[Millis]) -> Assessment {
        let mut a = Assessment::new("e", "mini", "1", 0);
        for (i, t) in times.iter().enumerate() {
            a = apply(
                &a,
                Action::Answer {
                    control: format!("c{i}"),
                    option: "achieved".into(),
                    now: *t,
                },
            );
        }
        a
    }

    #[test]
    fn reminder_after_three_days_or_twenty_changes_and_not_after_an_export() {
        /// (answer times, exported at, now, due count)
        type Case = (Vec<Millis>, Option<Millis>, Millis, Option<usize>);
        let many: Vec<Millis> = (1..=20).collect();
        let cases: Vec<Case> = vec![
            (vec![], None, 10 * DAY, None),
            (vec![DAY], None, DAY + 3 * DAY - 1, None),
            (vec![DAY], None, DAY + 3 * DAY, Some(1)),
            (many[..19].to_vec(), None, 100, None),
            (many.clone(), None, 100, Some(20)),
            // Exported after every change: nothing waits.
            (vec![DAY, 2 * DAY], Some(2 * DAY), 30 * DAY, None),
            // One change after the export, old enough.
            (vec![DAY, 5 * DAY], Some(2 * DAY), 8 * DAY, Some(1)),
            (vec![DAY, 5 * DAY], Some(2 * DAY), 7 * DAY, None),
        ];
        for (times, exported, now, want) in cases {
            let mut a = answered(&times);
            if let Some(t) = exported {
                a = apply(&a, Action::Exported { now: t });
            }
            assert_eq!(
                reminder_due(&a, now).map(|u| u.count),
                want,
                "{times:?} exported {exported:?} at {now}"
            );
        }
    }

    #[test]
    fn a_cleared_answer_is_a_change_and_exporting_is_not() {
        let a = answered(&[5]);
        let a = apply(&a, Action::Exported { now: 6 });
        assert_eq!(a.updated, 5, "an export is not a change of the answers");
        assert_eq!(unexported(&a), None);
        let a = apply(
            &a,
            Action::Clear {
                control: "c0".into(),
                now: 7,
            },
        );
        assert_eq!(
            unexported(&a),
            Some(Unexported {
                count: 1,
                oldest: 7
            })
        );
    }
}
