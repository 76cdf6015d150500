//! A progress bar: answered / total, with an accessible name and values.

use crate::i18n::{t, Key, Lang};
use yew::prelude::*;

/// Properties of [`progress`].
pub struct ProgressProps {
    /// Answered controls.
    pub answered: usize,
    /// All controls counted.
    pub total: usize,
    /// What is counted (accessible name and visible label).
    pub label: &'static str,
    /// UI language.
    pub lang: Lang,
    /// `data-testid` of the bar.
    pub testid: &'static str,
}

/// A labelled progress bar (SVG fill: no inline styles, so it works under a strict CSP).
pub fn progress(props: &ProgressProps) -> Html {
    let pct = if props.total == 0 {
        0.0
    } else {
        props.answered as f64 * 100.0 / props.total as f64
    };
    let text = format!(
        "{} {} / {} {}",
        props.label,
        props.answered,
        props.total,
        t(props.lang, Key::ProgressItems)
    );
    html! {
        <div class="sc-progress">
            <div class="sc-progress-bar" role="progressbar" data-testid={props.testid}
                aria-label={props.label}
                aria-valuemin="0" aria-valuenow={props.answered.to_string()}
                aria-valuemax={props.total.to_string()} aria-valuetext={text.clone()}>
                { bar(pct, "sc-bar-fill") }
            </div>
            <span class="sc-progress-label" aria-hidden="true">{ text }</span>
        </div>
    }
}

/// A horizontal bar filled to `pct` percent (0–100), drawn in SVG.
pub fn bar(pct: f64, fill_class: &'static str) -> Html {
    let w = if pct.is_finite() {
        pct.clamp(0.0, 100.0)
    } else {
        0.0
    };
    html! {
        <svg class="sc-bar" viewBox="0 0 100 4" preserveAspectRatio="none" aria-hidden="true" focusable="false">
            <rect class="sc-bar-track" x="0" y="0" width="100" height="4" />
            <rect class={fill_class} x="0" y="0" width={crate::i18n::fixed(w, 2, false)} height="4" />
        </svg>
    }
}
