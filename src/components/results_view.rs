//! The results view: where the entity stands (overall, per level, per group,
//! radar with a table equivalent), how far it is from its target, and what to
//! do first (the gap list).

use crate::components::benchmark_panel::BenchmarkPanel;
use crate::components::file_button::file_button;
use crate::components::progress::bar;
use crate::components::radar::{radar, RadarProps};
use crate::core::assessment::Assessment;
use crate::core::catalog::ScaleKind;
use crate::core::outline::{level_class, IndexedCatalog};
use crate::core::radar;
use crate::core::score::{first_unanswered, gaps, scores, AnswerSet, Tally};
use crate::i18n::{fixed, pct, status_key, t, Key, Lang};
use crate::state::Shared;
use crate::web::formats::AssessmentFile;
use yew::prelude::*;

/// Properties of [`ResultsView`].
#[derive(Properties, PartialEq)]
pub struct ResultsViewProps {
    /// The catalog.
    pub catalog: Shared<IndexedCatalog>,
    /// The open assessment.
    pub assessment: Assessment,
    /// UI language.
    pub lang: Lang,
    /// Jump to an item in the answer view.
    pub on_jump: Callback<String>,
    /// A benchmark file to compare with (option `benchmark`), resolved.
    #[prop_or_default]
    pub benchmark: Option<AttrValue>,
    /// The benchmark was named by a link (it must be of this site).
    #[prop_or_default]
    pub benchmark_by_link: bool,
}

fn tally_counts(lang: Lang, tl: &Tally) -> Html {
    html! {
        <ul class="sc-counts">
            <li class="sc-c-ok"><span>{ t(lang, Key::StAchieved) }</span><b data-count="achieved">{ tl.achieved }</b></li>
            <li class="sc-c-partial"><span>{ t(lang, Key::StPartial) }</span><b data-count="partial">{ tl.partial }</b></li>
            <li class="sc-c-ng"><span>{ t(lang, Key::StNotAchieved) }</span><b data-count="not_achieved">{ tl.not_achieved }</b></li>
            <li class="sc-c-na"><span>{ t(lang, Key::StNotApplicable) }</span><b data-count="not_applicable">{ tl.not_applicable }</b></li>
            <li class="sc-c-un"><span>{ t(lang, Key::StUnanswered) }</span><b data-count="unanswered">{ tl.unanswered }</b></li>
            if tl.needs_reason > 0 {
                <li class="sc-c-ng"><span>{ t(lang, Key::StNeedsReason) }</span><b data-count="needs_reason">{ tl.needs_reason }</b></li>
            }
        </ul>
    }
}

/// The results view.
#[component]
pub fn ResultsView(props: &ResultsViewProps) -> Html {
    let lang = props.lang;
    let catalog = &props.catalog;
    let set = AnswerSet::from(&props.assessment);
    let sc = scores(catalog, &set);
    let gap_list = gaps(catalog, &set);
    let maturity = catalog.scale.kind == ScaleKind::Maturity;
    let first =
        first_unanswered(catalog, &set, true).or_else(|| first_unanswered(catalog, &set, false));
    let radar_groups = radar::groups(catalog, &sc);
    let axes = radar::axes(catalog, &radar_groups, lang.tag());
    let group_name = |id: &str| catalog.group_label(id, lang.tag());
    let jump_first = first.map(|c| {
        let cb = props.on_jump.clone();
        let id = c.id.clone();
        Callback::from(move |_: MouseEvent| cb.emit(id.clone()))
    });
    let in_scope = sc.in_scope;
    let all = sc.all();
    // The jump goes to an in-scope item while there is one: count those (as the tally above does).
    let jump_count = if in_scope.unanswered > 0 {
        in_scope.unanswered
    } else {
        all.unanswered
    };
    let export_error = use_state(|| None::<String>);
    let on_export_error = {
        let export_error = export_error.clone();
        Callback::from(move |why: String| export_error.set(Some(why)))
    };
    let fmt_mean = |v: Option<f64>| v.map(|v| fixed(v, 1, false)).unwrap_or_else(|| "—".into());
    html! {
        <div class="sc-results">
            <section class="sc-card sc-summary" aria-labelledby="sc-sum-h">
                <h2 id="sc-sum-h">{ t(lang, if maturity { Key::MaturityOverall } else if sc.target_level.is_some() { Key::Overall } else { Key::OverallAll }) }</h2>
                if maturity {
                    <p class="sc-big" data-figure="maturity">
                        { format!("{} {} / {} {}", t(lang, Key::Current), fmt_mean(sc.maturity.and_then(|m| m.mean_current())),
                            t(lang, Key::Target), fmt_mean(sc.maturity.and_then(|m| m.mean_target()))) }
                    </p>
                } else {
                    <p class="sc-big" data-figure="overall">{ pct(in_scope.achievement()) }</p>
                    { bar(in_scope.achievement().unwrap_or(0.0) * 100.0, "sc-bar-ok") }
                    <p class="sc-sub">{ format!("{} {} / {}", t(lang, Key::StAchieved), in_scope.achieved, in_scope.applicable()) }
                        { " · " }{ format!("{} {}", t(lang, Key::CreditRate), pct(in_scope.credit())) }</p>
                }
                { tally_counts(lang, &in_scope) }
                <p class="sc-help">{ t(lang, if maturity { Key::MaturityHelp } else { Key::AchievementHelp }) }</p>
                if in_scope.needs_reason > 0 {
                    <p class="sc-field-error" data-help="needs-reason">{ t(lang, Key::NeedsReasonHelp) }</p>
                }
                if in_scope.unanswered + sc.out_of_scope.unanswered > 0 {
                    if let Some(cb) = jump_first {
                        <button type="button" class="sc-btn" data-action="jump-unanswered" onclick={cb}>
                            { format!("{} ({} {})", t(lang, Key::JumpUnanswered), jump_count, t(lang, Key::StUnanswered)) }
                        </button>
                    }
                }
                <div class="sc-row">
                    { file_button(catalog, &props.assessment, lang, AssessmentFile::Xlsx, &on_export_error) }
                </div>
                if let Some(why) = &*export_error {
                    <div class="sc-field-error" role="alert" data-export="message">{ why.clone() }</div>
                }
            </section>

            if !sc.levels.is_empty() {
                <section class="sc-card" aria-labelledby="sc-lv-h">
                    <h2 id="sc-lv-h">{ t(lang, Key::ByLevel) }</h2>
                    <div class="sc-scroll" tabindex="0" role="region" aria-labelledby="sc-lv-h">
                    <table class="sc-table" data-table="levels">
                        <thead><tr><th scope="col">{ t(lang, Key::Level) }</th><th scope="col">{ t(lang, Key::Rate) }</th>
                            <th scope="col">{ t(lang, Key::StAchieved) }</th><th scope="col">{ t(lang, Key::StPartial) }</th>
                            <th scope="col">{ t(lang, Key::StNotAchieved) }</th>
                            <th scope="col">{ t(lang, Key::StNotApplicable) }</th><th scope="col">{ t(lang, Key::StUnanswered) }</th></tr></thead>
                        <tbody>
                            { for sc.levels.iter().map(|l| html! {
                                <tr class={classes!((!l.in_scope).then_some("sc-out"))} data-level={l.level.clone()}>
                                    <th scope="row">{ l.level.clone() }{ if l.in_scope { "" } else { " *" } }</th>
                                    <td class="sc-rate"><span data-rate="">{ pct(l.tally.achievement()) }</span>{ bar(l.tally.achievement().unwrap_or(0.0) * 100.0, "sc-bar-ok") }</td>
                                    <td>{ format!("{}/{}", l.tally.achieved, l.tally.applicable()) }</td>
                                    <td>{ l.tally.partial }</td>
                                    // N/A without a reason counts as not achieved (it stays in the denominator).
                                    <td data-col="not_achieved">{ l.tally.not_achieved + l.tally.needs_reason }</td>
                                    <td>{ l.tally.not_applicable }</td>
                                    <td>{ l.tally.unanswered }</td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                    </div>
                    if sc.levels.iter().any(|l| !l.in_scope) {
                        <p class="sc-help">{ "* " }{ t(lang, Key::OutOfScopeNote) }</p>
                    }
                </section>
            }

            <section class="sc-card sc-radar-card" aria-labelledby="sc-radar-h">
                <h2 id="sc-radar-h">{ t(lang, Key::Radar) }</h2>
                <div class="sc-radar-wrap">
                    { radar(&RadarProps { axes, title: t(lang, Key::Radar).to_string(), current_label: t(lang, Key::Current), target_label: t(lang, Key::Target) }) }
                    <table class="sc-table sc-table-compact" data-table="groups">
                        <caption>{ t(lang, Key::RadarTable) }</caption>
                        <thead><tr><th scope="col">{ t(lang, Key::Group) }</th>
                            if maturity {
                                <th scope="col">{ t(lang, Key::Current) }</th><th scope="col">{ t(lang, Key::Target) }</th>
                            } else {
                                <th scope="col">{ t(lang, Key::Rate) }</th><th scope="col">{ t(lang, Key::StAchieved) }</th>
                            }
                        </tr></thead>
                        <tbody>
                            { for radar_groups.iter().map(|g| html! {
                                <tr data-group={g.group.clone()}>
                                    <th scope="row">{ group_name(&g.group) }</th>
                                    if maturity {
                                        <td>{ fmt_mean(g.maturity.and_then(|m| m.mean_current())) }</td>
                                        <td>{ fmt_mean(g.maturity.and_then(|m| m.mean_target())) }</td>
                                    } else {
                                        <td data-rate="">{ pct(g.in_scope.achievement()) }</td>
                                        <td>{ format!("{}/{}", g.in_scope.achieved, g.in_scope.applicable()) }</td>
                                    }
                                </tr>
                            }) }
                        </tbody>
                    </table>
                </div>
            </section>

            if let Some(url) = &props.benchmark {
                <BenchmarkPanel catalog={catalog.clone()} assessment={props.assessment.clone()} {lang}
                    url={url.clone()} by_link={props.benchmark_by_link} on_jump={props.on_jump.clone()} />
            }

            <section class="sc-card" aria-labelledby="sc-gap-h">
                <h2 id="sc-gap-h">{ t(lang, Key::Gaps) }{ format!(" ({})", gap_list.len()) }</h2>
                <p class="sc-help">{ t(lang, Key::GapsHelp) }</p>
                if gap_list.is_empty() {
                    <p>{ t(lang, Key::NoGaps) }</p>
                } else {
                    <ol class="sc-gaps" data-list="gaps">
                        { for gap_list.iter().map(|g| {
                            let cb = props.on_jump.clone();
                            let id = g.control.clone();
                            let onclick = Callback::from(move |_: MouseEvent| cb.emit(id.clone()));
                            html! {
                                <li data-control={g.control.clone()} class={classes!("sc-gap", format!("sc-gap-{:?}", g.status).to_ascii_lowercase())}>
                                    <div class="sc-gap-meta">
                                        <button type="button" class="sc-linkbtn" {onclick}>{ catalog.label(&g.control) }</button>
                                        if let Some(l) = &g.level { <span class={level_class(l)}>{ l.clone() }</span> }
                                        <span class="sc-gap-status">{ t(lang, status_key(g.status)) }</span>
                                        if let (Some(c), Some(tv)) = (g.current, g.target) { <span>{ format!("{c} → {tv}") }</span> }
                                        else if let Some(tv) = g.target { <span>{ format!("— → {tv}") }</span> }
                                        <span class="sc-gap-group">{ group_name(&g.group) }</span>
                                    </div>
                                    <p class="sc-gap-text">{ g.headline.clone() }</p>
                                </li>
                            }
                        }) }
                    </ol>
                }
            </section>
        </div>
    }
}
