//! The answer view: the filter form and the items that pass it, grouped
//! under their top-level group headings (sub-group headings between them).
//! Long catalogs render a window of items ([`use_list_window`]); printing
//! uses the separate report (print_view.rs), not this list.

use crate::components::blocks::blocks;
use crate::components::filters::{filters, FiltersProps};
use crate::components::item::Item;
use crate::core::assessment::{Action, Assessment};
use crate::core::catalog::Block;
use crate::core::filter::{filter, Filter, SearchIndex, StatusFilter};
use crate::core::outline::IndexedCatalog;
use crate::core::review::to_review;
use crate::core::score::{scope, AnswerSet, Scope};
use crate::core::session::Msg;
use crate::hooks::list_window::use_list_window;
use crate::i18n::{fixed, t, Key, Lang};
use crate::state::Shared;
use crate::web::dom::focus_item;
use crate::web::text::lower;
use yew::prelude::*;

/// Properties of [`AnswerView`].
#[derive(Properties, PartialEq)]
pub struct AnswerViewProps {
    /// The catalog.
    pub catalog: Shared<IndexedCatalog>,
    /// The open assessment.
    pub assessment: Assessment,
    /// UI language.
    pub lang: Lang,
    /// Sends a message to the session.
    pub on_msg: Callback<Msg>,
    /// An item to scroll to and focus (from the results view).
    pub jump_to: Option<String>,
    /// Called once the jump is done.
    pub on_jumped: Callback<()>,
}

/// A group's context text, folded (it can be long).
fn intro(lang: Lang, text: &[Block]) -> Html {
    if text.is_empty() {
        return html! {};
    }
    html! {
        <details class="sc-group-intro">
            <summary>{ t(lang, Key::Context) }</summary>
            { blocks(text) }
        </details>
    }
}

/// The answer view.
#[component]
pub fn AnswerView(props: &AnswerViewProps) -> Html {
    let lang = props.lang;
    let catalog = &props.catalog;
    let f = use_state(Filter::default);
    let filters_open = use_state(|| false);
    let index = use_mut_ref(|| None::<SearchIndex>);
    let list = use_list_window((*f).clone());
    let on_action = {
        let on_msg = props.on_msg.clone();
        use_callback((), move |action: Action, _| on_msg.emit(Msg::Apply(action)))
    };
    // Jump: clear filters so the item is shown, then scroll and focus it.
    {
        let (f, on_jumped, list, catalog) = (
            f.clone(),
            props.on_jumped.clone(),
            list.clone(),
            catalog.clone(),
        );
        use_effect_with(props.jump_to.clone(), move |jump| {
            if let Some(id) = jump {
                if *f != Filter::default() {
                    f.set(Filter::default());
                }
                if let Some(pos) = catalog.position(id) {
                    list.show(pos);
                }
                let id = id.clone();
                gloo::timers::callback::Timeout::new(0, move || {
                    if let Some(root) = list.root.cast::<web_sys::Element>() {
                        focus_item(&root, &id);
                    }
                    on_jumped.emit(());
                })
                .forget();
            }
        });
    }
    let set = AnswerSet::from(&props.assessment);
    let review = to_review(catalog, &props.assessment);
    // The search index (a folded copy of every text) is built on the first
    // search only: most sessions never search, and long catalogs stay light.
    if !f.query.trim().is_empty() && index.borrow().is_none() {
        *index.borrow_mut() = Some(SearchIndex::new(catalog, lower));
    }
    let empty = SearchIndex::empty(lower);
    let index_ref = index.borrow();
    let shown = filter(catalog, index_ref.as_ref().unwrap_or(&empty), &set, &f);
    list.set_total(shown.len());
    let win = list.win();
    // Shown controls by top-level group, in catalog order, then only the
    // window of them (positions in display order).
    let mut buckets: Vec<Vec<usize>> = vec![Vec::new(); catalog.groups.len()];
    for c in &shown {
        let pos = catalog.position(&c.id);
        let top = pos.and_then(|i| catalog.place(i)).and_then(|p| p.top);
        if let (Some(i), Some(b)) = (pos, top.and_then(|t| buckets.get_mut(t))) {
            b.push(i);
        }
    }
    let mut k = 0usize;
    for b in buckets.iter_mut() {
        b.retain(|_| {
            let keep = win.contains(k);
            k += 1;
            keep
        });
    }
    let remaining = shown.len().saturating_sub(win.end);
    let earlier = win.start.min(shown.len());
    let spacer = list.spacer();
    let on_filter = {
        let f = f.clone();
        Callback::from(move |next: Filter| f.set(next))
    };
    let on_show_review = {
        let f = f.clone();
        Callback::from(move |_: MouseEvent| {
            f.set(Filter {
                status: Some(StatusFilter::NeedsReview),
                ..Filter::default()
            })
        })
    };
    let on_toggle = {
        let open = filters_open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    let open = *filters_open;
    let showing_review = f.status == Some(StatusFilter::NeedsReview);
    html! {
        <div class="sc-answer-view" ref={list.root.clone()}>
            if !review.is_empty() {
                <p class="sc-review-tally" data-review-tally={review.len().to_string()}>
                    { format!("{} ", review.len()) }{ t(lang, Key::ReviewTally) }
                    if !showing_review {
                        { " " }<button type="button" class="sc-btn sc-btn-quiet" data-action="show-review" onclick={on_show_review}>{ t(lang, Key::ReviewShow) }</button>
                    }
                </p>
            }
            { filters(FiltersProps { catalog, filter: &f, shown: shown.len(), lang, on_filter, open, on_toggle }) }
            if shown.is_empty() {
                <p class="sc-empty">{ t(lang, Key::NoMatch) }</p>
            }
            if spacer > 0.0 {
                <svg class="sc-spacer" width="1" height={fixed(spacer, 0, false)} aria-hidden="true" focusable="false"></svg>
            }
            if earlier > 0 {
                <p class="sc-more">
                    <button type="button" class="sc-btn" data-action="show-earlier" onclick={list.on_step(false)}>
                        { format!("{} ({earlier})", t(lang, Key::ShowEarlier)) }
                    </button>
                </p>
            }
            { for catalog.groups.iter().enumerate().filter(|(_, g)| g.parent.is_none()).filter_map(|(gi, g)| {
                let members: Vec<usize> = buckets[gi].clone();
                if members.is_empty() { return None; }
                let mut last_sub: Option<&str> = None;
                Some(html! {
                    <section class="sc-group" aria-labelledby={format!("sc-g-{}", g.id)} data-group={g.id.clone()}>
                        <h2 id={format!("sc-g-{}", g.id)}>
                            if let Some(n) = &g.number { <span class="sc-group-no">{ n.clone() }</span>{ " " } }
                            { g.title.get(lang.tag()).to_string() }
                        </h2>
                        { intro(lang, &g.intro) }
                        { for members.into_iter().map(|i| {
                            let c = &catalog.controls[i];
                            let sub = (c.group != g.id).then_some(c.group.as_str());
                            let heading = if sub.is_some() && sub != last_sub {
                                last_sub = sub;
                                catalog.group(&c.group).map(|sg| html! {
                                    <>
                                        <h3 class="sc-subgroup">{ catalog.group_label(&sg.id, lang.tag()) }</h3>
                                        { intro(lang, &sg.intro) }
                                    </>
                                })
                            } else { None };
                            let above = scope(catalog, &set, c) == Scope::AboveTarget;
                            html! {
                                <>
                                    { heading.unwrap_or_default() }
                                    <Item key={c.id.clone()} catalog={catalog.clone()} index={i}
                                        answer={props.assessment.answers.get(&c.id).cloned()}
                                        target_override={props.assessment.targets.get(&c.id).copied()}
                                        review={review.contains(&c.id)}
                                        {above} {lang} on_action={on_action.clone()} />
                                </>
                            }
                        }) }
                    </section>
                })
            }) }
            <div ref={list.sentinel.clone()} class="sc-sentinel" aria-hidden="true"></div>
            if remaining > 0 {
                <p class="sc-more">
                    <button type="button" class="sc-btn" data-action="show-more" onclick={list.on_step(true)}>
                        { format!("{} ({remaining})", t(lang, Key::ShowMore)) }
                    </button>
                </p>
            }
        </div>
    }
}
