//! The progress bar: answered / total, with an accessible name and values.

use crate::i18n::{t, Key, Lang};
use yew::prelude::*;

/// Properties of [`Progress`].
#[derive(Properties, PartialEq)]
pub struct ProgressProps {
    /// Answered controls.
    pub answered: usize,
    /// All controls counted.
    pub total: usize,
    /// UI language.
    pub lang: Lang,
}

/// A labelled progress bar.
#[component]
pub fn Progress(props: &ProgressProps) -> Html {
    let lang = props.lang;
    let pct = if props.total == 0 {
        0.0
    } else {
        props.answered as f64 * 100.0 / props.total as f64
    };
    let label = match lang {
        Lang::Ja => format!(
            "{} {} / {} {}",
            t(lang, Key::Progress),
            props.answered,
            props.total,
            t(lang, Key::ProgressItems)
        ),
        Lang::En => format!(
            "{} {} {} {} {}",
            t(lang, Key::Progress),
            props.answered,
            t(lang, Key::ProgressOf),
            props.total,
            t(lang, Key::ProgressItems)
        ),
    };
    html! {
        <div class="sc-progress">
            <div class="sc-progress-bar" role="progressbar" data-testid="progress"
                aria-label={t(lang, Key::Progress)}
                aria-valuemin="0" aria-valuenow={props.answered.to_string()}
                aria-valuemax={props.total.to_string()} aria-valuetext={label.clone()}>
                <svg class="sc-bar" viewBox="0 0 100 4" preserveAspectRatio="none" aria-hidden="true" focusable="false">
                    <rect class="sc-bar-track" x="0" y="0" width="100" height="4" />
                    <rect class="sc-bar-fill" x="0" y="0" width={format!("{pct:.2}")} height="4" />
                </svg>
            </div>
            <span class="sc-progress-label">{ label }</span>
        </div>
    }
}
