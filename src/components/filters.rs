//! The answer view's filter form: search, group, level, status, the count
//! of items shown and "clear filters". On phones the fields are folded
//! behind a disclosure button until asked for (the first item comes first);
//! wider screens always show them (the button is not shown there).

use crate::components::field::value;
use crate::core::filter::{Filter, StatusFilter};
use crate::core::outline::IndexedCatalog;
use crate::i18n::{t, Key, Lang};
use crate::state::Shared;
use yew::prelude::*;

/// What the filter form shows and whom it tells. (A plain function, not a
/// component: it has no state of its own.)
pub struct FiltersProps<'a> {
    /// The catalog.
    pub catalog: &'a Shared<IndexedCatalog>,
    /// The filter now.
    pub filter: &'a Filter,
    /// How many items pass it.
    pub shown: usize,
    /// UI language.
    pub lang: Lang,
    /// Sets a new filter.
    pub on_filter: Callback<Filter>,
    /// The fields are unfolded (phones; wider screens always show them).
    pub open: bool,
    /// Folds or unfolds the fields.
    pub on_toggle: Callback<MouseEvent>,
}

/// The value of a status option.
fn status_value(s: Option<StatusFilter>) -> &'static str {
    match s {
        None => "",
        Some(StatusFilter::Unanswered) => "unanswered",
        Some(StatusFilter::NotAchieved) => "not_achieved",
        Some(StatusFilter::NotApplicable) => "not_applicable",
        Some(StatusFilter::Answered) => "answered",
        Some(StatusFilter::NeedsReview) => "review",
    }
}

/// The status choices, in the order shown.
const STATUSES: [(Option<StatusFilter>, Key); 6] = [
    (None, Key::FilterAll),
    (Some(StatusFilter::Unanswered), Key::StUnanswered),
    (Some(StatusFilter::NotAchieved), Key::StNotAchieved),
    (Some(StatusFilter::NotApplicable), Key::StNotApplicable),
    (Some(StatusFilter::Answered), Key::StAnswered),
    (Some(StatusFilter::NeedsReview), Key::StNeedsReview),
];

/// The filter form.
pub fn filters(props: FiltersProps) -> Html {
    let lang = props.lang;
    let catalog = props.catalog;
    let f = props.filter;
    // A change of one field keeps the others.
    let set = |change: fn(&mut Filter, String)| {
        let (f, cb) = (f.clone(), props.on_filter.clone());
        move |v: String| {
            let mut next = f.clone();
            change(&mut next, v);
            cb.emit(next);
        }
    };
    let on_group = {
        let set = set(|f, v| f.group = (!v.is_empty()).then_some(v));
        Callback::from(move |e: Event| set(value(&e)))
    };
    let on_level = {
        let set = set(|f, v| f.level = (!v.is_empty()).then_some(v));
        Callback::from(move |e: Event| set(value(&e)))
    };
    let on_status = {
        let set = set(|f, v| {
            f.status = STATUSES
                .iter()
                .map(|(s, _)| *s)
                .find(|s| s.is_some() && status_value(*s) == v)
                .flatten()
        });
        Callback::from(move |e: Event| set(value(&e)))
    };
    let on_query = {
        let set = set(|f, v| f.query = v);
        Callback::from(move |e: InputEvent| set(value(&e)))
    };
    let on_clear = props.on_filter.reform(|_: MouseEvent| Filter::default());
    let filtered = *f != Filter::default();
    html! {
        <form class={classes!("sc-filters", props.open.then_some("sc-filters-open"))} role="search"
            aria-label={t(lang, Key::Filters)} onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
            <button type="button" class="sc-btn sc-filter-toggle" data-action="toggle-filters"
                aria-expanded={props.open.to_string()} aria-controls="sc-filter-fields" onclick={props.on_toggle.clone()}>
                { t(lang, Key::Filters) }
                if filtered { <span class="sc-badge">{ t(lang, Key::FiltersOn) }</span> }
            </button>
            <div class="sc-filter-fields" id="sc-filter-fields">
            <label class="sc-field sc-field-grow">
                <span>{ t(lang, Key::Search) }</span>
                <input type="search" data-field="search" placeholder={t(lang, Key::SearchPlaceholder)}
                    value={f.query.clone()} oninput={on_query} />
            </label>
            <label class="sc-field">
                <span>{ t(lang, Key::FilterGroup) }</span>
                <select data-field="group" onchange={on_group}>
                    <option value="" selected={f.group.is_none()}>{ t(lang, Key::FilterAll) }</option>
                    { for catalog.groups.iter().enumerate().map(|(i, g)| {
                        let depth = catalog.group_place(i).map_or(0, |p| p.depth);
                        let indent = "\u{3000}".repeat(depth);
                        html! {
                            <option value={g.id.clone()} selected={f.group.as_deref() == Some(g.id.as_str())}>
                                { format!("{indent}{}", catalog.group_label(&g.id, lang.tag())) }
                            </option>
                        }
                    }) }
                </select>
            </label>
            if !catalog.levels.is_empty() {
                <label class="sc-field">
                    <span>{ t(lang, Key::FilterLevel) }</span>
                    <select data-field="level" onchange={on_level}>
                        <option value="" selected={f.level.is_none()}>{ t(lang, Key::FilterAll) }</option>
                        { for catalog.levels.iter().map(|l| html! {
                            <option value={l.id.clone()} selected={f.level.as_deref() == Some(l.id.as_str())}>{ l.name.get(lang.tag()).to_string() }</option>
                        }) }
                    </select>
                </label>
            }
            <label class="sc-field">
                <span>{ t(lang, Key::FilterStatus) }</span>
                <select data-field="status" onchange={on_status}>
                    { for STATUSES.into_iter().map(|(v, k)| html! {
                        <option value={status_value(v)} selected={f.status == v}>{ t(lang, k) }</option>
                    }) }
                </select>
            </label>
            </div>
            <p class="sc-count" role="status" aria-live="polite">
                { format!("{} / {} {}", props.shown, catalog.controls.len(), t(lang, Key::Showing)) }
                if filtered {
                    { " " }<button type="button" class="sc-btn sc-btn-quiet" data-action="clear-filters" onclick={on_clear}>{ t(lang, Key::ClearFilters) }</button>
                }
            </p>
        </form>
    }
}
