//! A problem explained for a person ([`Explained`]): the message in the
//! user's language, and the technical detail (the parser's English words,
//! the full place, the address) folded in a `<details>` for the site's
//! administrator. A plain function: it has no state.

use crate::i18n::{short_name, t, Explained, Key, Lang};
use yew::prelude::*;

/// The message, with the file it is about (a name, not a long path) in front,
/// and the folded detail.
pub fn problem(lang: Lang, file: Option<&str>, e: &Explained) -> Html {
    html! {
        <>
            <span class="sc-problem-text" data-problem="text">
                if let Some(f) = file { <b>{ short_name(f) }</b>{ ": " } }
                { e.text.clone() }
            </span>
            if let Some(d) = &e.detail {
                <details class="sc-tech" data-problem="detail">
                    <summary>{ t(lang, Key::TechDetail) }</summary>
                    if let Some(f) = file { <code>{ f.to_string() }</code><br /> }
                    <code>{ d.clone() }</code>
                </details>
            }
        </>
    }
}
