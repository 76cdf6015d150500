//! Keeping a copy: the bar at the bottom of the session that tells, once,
//! that answers live only in this browser and how to keep a copy, or
//! reminds (once per visit) to export changes not yet exported; and the
//! footer's "last exported" line. The bar sits at the end of the session
//! (sticky at the bottom of the viewport), so it never moves what the user
//! is reading or answering.

use crate::core::assessment::{Action, Assessment};
use crate::core::keep::{unexported, Unexported};
use crate::core::outline::IndexedCatalog;
use crate::core::session::Msg;
use crate::i18n::{t, Key, Lang};
use crate::state::Shared;
use crate::web::clock::local_date;
use crate::web::download::export_json;
use yew::prelude::*;

/// What the bar needs. (A plain function, not a component: no state.)
pub struct KeepBarProps<'a> {
    /// The catalog.
    pub catalog: &'a Shared<IndexedCatalog>,
    /// The open assessment.
    pub assessment: &'a Assessment,
    /// The user was told where answers live (and acknowledged it).
    pub told: bool,
    /// This visit's export reminder, if due and not dismissed.
    pub reminder: Option<Unexported>,
    /// UI language.
    pub lang: Lang,
    /// Sends a message to the session.
    pub on_msg: Callback<Msg>,
}

/// The bar, when there is something to say.
pub fn keep_bar(props: KeepBarProps) -> Html {
    let lang = props.lang;
    let a = props.assessment;
    let answered = a.answers.values().any(|x| x.is_chosen());
    let (text, dismiss, key, what) = if !props.told && answered {
        (
            t(lang, Key::TellLocal).to_string(),
            Msg::DismissTell,
            Key::TellOk,
            "tell",
        )
    } else if let Some(u) = props.reminder {
        (
            format!(
                "{}: {} ({}: {})",
                t(lang, Key::RemindExport),
                u.count,
                t(lang, Key::RemindOldest),
                local_date(u.oldest)
            ),
            Msg::DismissReminder,
            Key::RemindLater,
            "remind",
        )
    } else {
        return html! {};
    };
    let on_export = {
        let (catalog, a, on_msg) = (props.catalog.clone(), a.clone(), props.on_msg.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(now) = export_json(&catalog, &a) {
                on_msg.emit(Msg::Apply(Action::Exported { now }));
            }
        })
    };
    let on_dismiss = props.on_msg.reform(move |_: MouseEvent| dismiss.clone());
    html! {
        <div class="sc-keep" role="status" data-keep={what}>
            <p>{ text }</p>
            <div class="sc-row">
                <button type="button" class="sc-btn sc-btn-primary" data-action="keep-export" onclick={on_export}>{ t(lang, Key::ExportNow) }</button>
                <button type="button" class="sc-btn sc-btn-quiet" data-action="keep-dismiss" onclick={on_dismiss}>{ t(lang, key) }</button>
            </div>
        </div>
    }
}

/// "Last exported: date" (or "not exported yet"), and how many changes wait.
pub fn export_status(a: &Assessment, lang: Lang) -> Html {
    let when = match a.exported {
        Some(t_) => format!("{}: {}", t(lang, Key::LastExported), local_date(t_)),
        None => t(lang, Key::NeverExported).to_string(),
    };
    let waiting = unexported(a)
        .map(|u| format!(" · {}: {}", t(lang, Key::UnexportedChanges), u.count))
        .unwrap_or_default();
    html! { <p class="sc-exported" data-exported={a.exported.map(|x| x.to_string()).unwrap_or_default()}>{ when }{ waiting }</p> }
}
