//! The comparison view: two answer sets side by side (snapshots of the open
//! entity, or the current answers of two entities): per-group deltas and the
//! items whose answer changed.

use crate::core::assessment::Workspace;
use crate::core::catalog::{Catalog, ScaleKind};
use crate::core::compare::compare;
use crate::core::outline::IndexedCatalog;
use crate::core::score::AnswerSet;
use crate::i18n::{answer_label, entity_name, fixed, pct, status_key, t, Key, Lang};
use crate::state::Shared;
use crate::web::clock::local_date;
use yew::prelude::*;

/// Properties of [`CompareView`].
#[derive(Properties, PartialEq)]
pub struct CompareViewProps {
    /// The catalog.
    pub catalog: Shared<IndexedCatalog>,
    /// Every assessment.
    pub workspace: Workspace,
    /// UI language.
    pub lang: Lang,
}

/// A choosable answer set: `e:{entity}` (current answers) or `s:{entity}:{snapshot}`.
fn sets<'a>(
    ws: &'a Workspace,
    catalog: &Catalog,
    lang: Lang,
) -> Vec<(String, String, AnswerSet<'a>)> {
    let mut out = Vec::new();
    for e in ws.entities.iter().filter(|e| e.catalog_id == catalog.id) {
        let name = entity_name(lang, &e.name);
        out.push((
            format!("e:{}", e.id),
            format!("{name} — {}", t(lang, Key::CurrentAnswers)),
            AnswerSet::from(e),
        ));
        for s in &e.snapshots {
            out.push((
                format!("s:{}:{}", e.id, s.id),
                format!("{name} — {} ({})", s.label, local_date(s.taken)),
                AnswerSet::from(s),
            ));
        }
    }
    out
}

/// The comparison view.
#[component]
pub fn CompareView(props: &CompareViewProps) -> Html {
    let lang = props.lang;
    let catalog = &props.catalog;
    let all = sets(&props.workspace, catalog, lang);
    let active_key = format!("e:{}", props.workspace.active);
    // Default: before = newest snapshot of the open entity (else another set), after = current answers.
    let default_before = props
        .workspace
        .active()
        .and_then(|a| a.snapshots.iter().max_by_key(|s| s.taken))
        .map(|s| format!("s:{}:{}", props.workspace.active, s.id))
        .or_else(|| {
            all.iter()
                .map(|(k, _, _)| k.clone())
                .find(|k| *k != active_key)
        });
    let before = use_state(|| default_before.clone());
    let after = use_state(|| Some(active_key.clone()));
    if all.len() < 2 {
        return html! { <section class="sc-card"><p>{ t(lang, Key::NeedTwo) }</p></section> };
    }
    let find = |k: &Option<String>| {
        k.as_ref()
            .and_then(|k| all.iter().find(|(key, _, _)| key == k))
    };
    let b = find(&before).or_else(|| find(&default_before));
    let a = find(&after).or_else(|| all.iter().find(|(k, _, _)| *k == active_key));
    let picker = |state: UseStateHandle<Option<String>>,
                  current: Option<&String>,
                  field: &'static str,
                  label: Key| {
        let onchange = Callback::from(move |e: Event| {
            state.set(Some(crate::components::field::value(&e)));
        });
        html! {
            <label class="sc-field sc-field-grow">
                <span>{ t(lang, label) }</span>
                <select data-field={field} {onchange}>
                    { for all.iter().map(|(k, name, _)| html! {
                        <option value={k.clone()} selected={Some(k) == current}>{ name.clone() }</option>
                    }) }
                </select>
            </label>
        }
    };
    let maturity = catalog.scale.kind == ScaleKind::Maturity;
    let fig = |v: Option<f64>| {
        if maturity {
            v.map(|v| fixed(v, 1, false)).unwrap_or_else(|| "—".into())
        } else {
            pct(v)
        }
    };
    let delta = |d: Option<f64>| match d {
        Some(d) if maturity => fixed(d, 1, true),
        Some(d) => format!("{} pt", fixed(d * 100.0, 1, true)),
        None => "—".into(),
    };
    let body = match (b, a) {
        (Some((_, _, bs)), Some((_, _, as_))) => {
            let c = compare(catalog, bs, as_);
            let group_name = |id: &str| catalog.group_label(id, lang.tag());
            let option_label = |o: &Option<String>| answer_label(lang, catalog, o.as_deref());
            html! {
                <>
                    <section class="sc-card" aria-labelledby="sc-cmp-g">
                        <h2 id="sc-cmp-g">{ t(lang, Key::ByGroup) }</h2>
                        <table class="sc-table" data-table="compare">
                            <thead><tr><th scope="col">{ t(lang, Key::Group) }</th><th scope="col">{ t(lang, Key::CompareBefore) }</th>
                                <th scope="col">{ t(lang, Key::CompareAfter) }</th><th scope="col">{ t(lang, Key::Change) }</th></tr></thead>
                            <tbody>
                                <tr class="sc-total" data-group="">
                                    <th scope="row">{ t(lang, if maturity { Key::Maturity } else { Key::Whole }) }</th>
                                    <td>{ fig(c.overall.before) }</td><td>{ fig(c.overall.after) }</td>
                                    <td data-delta="">{ delta(c.overall.change()) }</td>
                                </tr>
                                { for c.groups.iter().map(|g| html! {
                                    <tr data-group={g.group.clone()} class={classes!((g.depth > 0).then_some("sc-sub-row"))}>
                                        <th scope="row">{ group_name(&g.group) }</th>
                                        <td>{ fig(g.delta.before) }</td><td>{ fig(g.delta.after) }</td>
                                        <td data-delta="" class={classes!(g.delta.change().map(|d| if d > 0.0 { "sc-up" } else if d < 0.0 { "sc-down" } else { "" }))}>{ delta(g.delta.change()) }</td>
                                    </tr>
                                }) }
                            </tbody>
                        </table>
                    </section>
                    <section class="sc-card" aria-labelledby="sc-cmp-c">
                        <h2 id="sc-cmp-c">{ t(lang, Key::ChangedItems) }{ format!(" ({})", c.changed.len()) }</h2>
                        if c.changed.is_empty() {
                            <p>{ t(lang, Key::NoChanges) }</p>
                        } else {
                            <ul class="sc-changes" data-list="changed">
                                { for c.changed.iter().map(|ch| {
                                    html! {
                                        <li data-control={ch.control.clone()}>
                                            <b>{ catalog.label(&ch.control) }</b>{ " " }
                                            { format!("{} → {}", option_label(&ch.before), option_label(&ch.after)) }
                                            if !ch.option_changed { { format!(" ({})", t(lang, Key::NotesAndEvidence)) } }
                                            <span class="sc-sr">{ format!(" {} → {}", t(lang, status_key(ch.before_status)), t(lang, status_key(ch.after_status))) }</span>
                                        </li>
                                    }
                                }) }
                            </ul>
                        }
                    </section>
                </>
            }
        }
        _ => html! {},
    };
    html! {
        <div class="sc-compare">
            <section class="sc-card">
                <p class="sc-help">{ t(lang, Key::CompareHelp) }</p>
                <div class="sc-row">
                    { picker(before.clone(), b.map(|(k, _, _)| k), "compare-before", Key::CompareBefore) }
                    { picker(after.clone(), a.map(|(k, _, _)| k), "compare-after", Key::CompareAfter) }
                </div>
            </section>
            { body }
        </div>
    }
}
