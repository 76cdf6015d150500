//! The printed report: who was assessed and when, the results (summary,
//! scores, radar, gap list) and every control with its answer, N/A reason,
//! note and evidence. Rendered only while the page prints (between
//! `beforeprint` and `afterprint`); the print stylesheet then hides the
//! interactive views, so the paper shows this report whatever tab is open.

use crate::components::results_view::ResultsView;
use crate::core::assessment::Assessment;
use crate::core::catalog::Catalog;
use crate::core::outline::IndexedCatalog;
use crate::i18n::{answer_label, entity_name, t, Key, Lang};
use crate::state::Shared;
use crate::web::clock::today;
use yew::prelude::*;

/// Properties of [`print_report`].
pub struct PrintReportProps {
    /// The catalog.
    pub catalog: Shared<IndexedCatalog>,
    /// The open assessment.
    pub assessment: Assessment,
    /// UI language.
    pub lang: Lang,
}

/// The printed report.
pub fn print_report(props: &PrintReportProps) -> Html {
    let lang = props.lang;
    let catalog = &props.catalog;
    let a = &props.assessment;
    let name = entity_name(lang, &a.name);
    let target = a
        .target_level
        .as_deref()
        .and_then(|l| catalog.levels.iter().find(|x| x.id == l))
        .map(|l| l.name.get(lang.tag()).to_string())
        .unwrap_or_else(|| t(lang, Key::TargetNone).to_string());
    let top_groups = catalog
        .groups
        .iter()
        .enumerate()
        .filter(|(_, g)| g.parent.is_none());
    let item = |i: usize| {
        let c = &catalog.controls[i];
        let answer = a.answers.get(&c.id).filter(|x| x.is_chosen());
        let label = answer_label(lang, catalog, answer.map(|x| x.option.as_str()));
        let status = answer.map_or("unanswered", |x| x.option.as_str());
        html! {
            <li class={classes!("sc-print-item", format!("sc-pa-{status}"))}>
                <p class="sc-print-meta">
                    <b>{ catalog.place(i).map(|p| p.label.clone()).unwrap_or_default() }</b>
                    if let Some(l) = &c.level { <span class="sc-print-level">{ l.clone() }</span> }
                    <span class="sc-print-answer">{ label }</span>
                </p>
                <p class="sc-print-text">{ Catalog::headline(c).to_string() }</p>
                if let Some(x) = answer {
                    if !x.reason.is_empty() {
                        <p class="sc-print-extra"><b>{ t(lang, Key::Reason) }{ ": " }</b>{ x.reason.clone() }</p>
                    }
                    if !x.note.is_empty() {
                        <p class="sc-print-extra"><b>{ t(lang, Key::Note) }{ ": " }</b>{ x.note.clone() }</p>
                    }
                    if !x.evidence.is_empty() {
                        <p class="sc-print-extra"><b>{ t(lang, Key::EvidenceShort) }{ ": " }</b>{ x.evidence.join("\n") }</p>
                    }
                }
            </li>
        }
    };
    html! {
        <div class="sc-print" data-print="report">
            <section class="sc-print-head">
                <h2>{ t(lang, Key::PrintTitle) }</h2>
                <dl>
                    <dt>{ t(lang, Key::Entity) }</dt><dd>{ name }</dd>
                    <dt>{ t(lang, Key::TargetLevel) }</dt><dd>{ target }</dd>
                    <dt>{ t(lang, Key::PrintedOn) }</dt><dd>{ today() }</dd>
                </dl>
            </section>
            <ResultsView catalog={catalog.clone()} assessment={a.clone()} {lang} on_jump={Callback::noop()} />
            <section class="sc-print-answers">
                <h2>{ t(lang, Key::AllAnswers) }</h2>
                { for top_groups.map(|(gi, g)| {
                    let members = catalog.controls_under(gi);
                    html! {
                        <section class="sc-print-group">
                            <h3>{ format!("{} {}", g.number.clone().unwrap_or_default(), g.title.get(lang.tag())) }</h3>
                            <ul class="sc-print-items">{ for members.map(item) }</ul>
                        </section>
                    }
                }) }
            </section>
        </div>
    }
}
