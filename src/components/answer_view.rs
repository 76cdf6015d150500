//! The answer view: filters (group, level, status, search) and the items
//! that pass them, grouped under their group headings.

use crate::components::field::value;
use crate::components::item::Item;
use crate::core::assessment::{Action, Assessment};
use crate::core::catalog::Catalog;
use crate::core::filter::{filter, Filter, SearchIndex, StatusFilter};
use crate::core::score::{scope, AnswerSet, Scope};
use crate::i18n::{t, Key, Lang};
use crate::paging::Win;
use crate::state::{Msg, Shared, State};
use std::cell::RefCell;
use std::collections::HashMap;
use yew::prelude::*;

/// Properties of [`AnswerView`].
#[derive(Properties, PartialEq)]
pub struct AnswerViewProps {
    /// The catalog.
    pub catalog: Shared<Catalog>,
    /// The open assessment.
    pub assessment: Assessment,
    /// UI language.
    pub lang: Lang,
    /// The reducer.
    pub dispatch: UseReducerDispatcher<State>,
    /// An item to scroll to and focus (from the results view).
    pub jump_to: Option<String>,
    /// Called once the jump is done.
    pub on_jumped: Callback<()>,
}

fn status_value(s: Option<StatusFilter>) -> &'static str {
    match s {
        None => "",
        Some(StatusFilter::Unanswered) => "unanswered",
        Some(StatusFilter::NotAchieved) => "not_achieved",
        Some(StatusFilter::NotApplicable) => "not_applicable",
        Some(StatusFilter::Answered) => "answered",
    }
}

/// The answer view.
#[component]
pub fn AnswerView(props: &AnswerViewProps) -> Html {
    let lang = props.lang;
    let catalog = &props.catalog;
    let f = use_state(Filter::default);
    let root = use_node_ref();
    let sentinel = use_node_ref();
    let index = use_mut_ref(|| None::<SearchIndex>);
    let layout = use_memo(catalog.clone(), |c| Layout::new(c));
    // Long catalogs render a window of items: the first chunk at once, more
    // as the user scrolls near the end (or asks); printing uses the separate
    // report (print_view.rs), not this list. Items far
    // from the window are not kept in the page, so memory stays bounded.
    let limit = use_mut_ref(Win::first);
    // How many items pass the filter (the observer must not grow past it).
    let total = use_mut_ref(|| 0usize);
    // Heights of the chunks dropped from the top, kept as a spacer so the
    // page does not jump when the window moves.
    let dropped = use_mut_ref(Vec::<f64>::new);
    let rerender = use_force_update();
    let on_action = {
        let dispatch = props.dispatch.clone();
        use_callback((), move |action: Action, _| {
            dispatch.dispatch(Msg::Apply(action))
        })
    };
    // Jump: clear filters so the item is shown, then scroll and focus it.
    {
        let jump = props.jump_to.clone();
        let f = f.clone();
        let on_jumped = props.on_jumped.clone();
        let root = root.clone();
        let (layout_j, limit_j, rerender_j) = (layout.clone(), limit.clone(), rerender.clone());
        use_effect_with(jump, move |jump| {
            if let Some(id) = jump {
                if *f != Filter::default() {
                    f.set(Filter::default());
                }
                if let Some(&pos) = layout_j.index.get(id.as_str()) {
                    let mut l = limit_j.borrow_mut();
                    if !l.contains(pos) {
                        *l = Win::around(pos);
                        rerender_j.force_update();
                    }
                }
                let id = id.clone();
                gloo::timers::callback::Timeout::new(0, move || {
                    focus_item(&root, &id);
                    on_jumped.emit(());
                })
                .forget();
            }
        });
    }
    {
        let limit = limit.clone();
        let dropped = dropped.clone();
        use_effect_with((*f).clone(), move |_| {
            *limit.borrow_mut() = Win::first();
            dropped.borrow_mut().clear();
        });
    }
    let observer = use_mut_ref(|| None::<More>);
    {
        let total = total.clone();
        let (observer, limit, rerender, sentinel, dropped, root) = (
            observer.clone(),
            limit.clone(),
            rerender.clone(),
            sentinel.clone(),
            dropped.clone(),
            root.clone(),
        );
        let current = *limit.borrow();
        use_effect_with(current, move |_| {
            let mut slot = observer.borrow_mut();
            if slot.is_none() {
                *slot = More::new(limit, total, dropped, root, rerender);
            }
            if let Some(more) = slot.as_ref() {
                // Observe afresh: a sentinel still in view after a chunk was
                // added reports again, so chunks keep coming until it is not.
                // Only the end grows by itself; earlier items come back on
                // request ("show earlier"), so the window cannot oscillate.
                if let Some(el) = sentinel.cast::<web_sys::Element>() {
                    more.observer.unobserve(&el);
                    more.observer.observe(&el);
                }
            }
        });
    }
    let set = AnswerSet::from(&props.assessment);
    // The search index (a folded copy of every text) is built on the first
    // search only: most sessions never search, and long catalogs stay light.
    if !f.query.trim().is_empty() && index.borrow().is_none() {
        *index.borrow_mut() = Some(SearchIndex::new(catalog));
    }
    let empty = SearchIndex::default();
    let index_ref = index.borrow();
    let shown = filter(catalog, index_ref.as_ref().unwrap_or(&empty), &set, &f);
    *total.borrow_mut() = shown.len();
    let win = *limit.borrow();
    // Shown controls by top-level group, in catalog order.
    let mut buckets: Vec<Vec<usize>> = vec![Vec::new(); catalog.groups.len()];
    for c in &shown {
        if let Some(&i) = layout.index.get(c.id.as_str()) {
            if let Some(b) = buckets.get_mut(layout.top[i]) {
                b.push(i);
            }
        }
    }
    // Keep only the window (positions in display order).
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
    let spacer: f64 = dropped.borrow().iter().sum();
    let step = |down: bool| {
        let (limit, rerender, dropped, root) = (
            limit.clone(),
            rerender.clone(),
            dropped.clone(),
            root.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            if down {
                advance(&root, &limit, &dropped);
            } else {
                retreat(&limit, &dropped);
            }
            rerender.force_update();
        })
    };
    let on_more = step(true);
    let on_earlier = step(false);
    let on_group = {
        let f = f.clone();
        Callback::from(move |e: Event| {
            let v = value(&e);
            f.set(Filter {
                group: (!v.is_empty()).then_some(v),
                ..(*f).clone()
            });
        })
    };
    let on_level = {
        let f = f.clone();
        Callback::from(move |e: Event| {
            let v = value(&e);
            f.set(Filter {
                level: (!v.is_empty()).then_some(v),
                ..(*f).clone()
            });
        })
    };
    let on_status = {
        let f = f.clone();
        Callback::from(move |e: Event| {
            let status = match value(&e).as_str() {
                "unanswered" => Some(StatusFilter::Unanswered),
                "not_achieved" => Some(StatusFilter::NotAchieved),
                "not_applicable" => Some(StatusFilter::NotApplicable),
                "answered" => Some(StatusFilter::Answered),
                _ => None,
            };
            f.set(Filter {
                status,
                ..(*f).clone()
            });
        })
    };
    let on_query = {
        let f = f.clone();
        Callback::from(move |e: InputEvent| {
            let q = value(&e);
            f.set(Filter {
                query: q,
                ..(*f).clone()
            });
        })
    };
    let on_clear = {
        let f = f.clone();
        Callback::from(move |_: MouseEvent| f.set(Filter::default()))
    };
    let filtered = *f != Filter::default();
    html! {
        <div class="sc-answer-view" ref={root}>
            <form class="sc-filters" role="search" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                <label class="sc-field sc-field-grow">
                    <span>{ t(lang, Key::Search) }</span>
                    <input type="search" data-field="search" placeholder={t(lang, Key::SearchPlaceholder)}
                        value={f.query.clone()} oninput={on_query} />
                </label>
                <label class="sc-field">
                    <span>{ t(lang, Key::FilterGroup) }</span>
                    <select data-field="group" onchange={on_group}>
                        <option value="" selected={f.group.is_none()}>{ t(lang, Key::FilterAll) }</option>
                        { for catalog.groups.iter().map(|g| {
                            let depth = crate::core::score::group_chain(catalog, &g.id).len().saturating_sub(1);
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
                        { for [(None, Key::FilterAll), (Some(StatusFilter::Unanswered), Key::StUnanswered),
                               (Some(StatusFilter::NotAchieved), Key::StNotAchieved), (Some(StatusFilter::NotApplicable), Key::StNotApplicable),
                               (Some(StatusFilter::Answered), Key::StAnswered)].into_iter().map(|(v, k)| html! {
                            <option value={status_value(v)} selected={f.status == v}>{ t(lang, k) }</option>
                        }) }
                    </select>
                </label>
                <p class="sc-count" role="status" aria-live="polite">
                    { format!("{} / {} {}", shown.len(), catalog.controls.len(), t(lang, Key::Showing)) }
                    if filtered {
                        { " " }<button type="button" class="sc-btn sc-btn-quiet" data-action="clear-filters" onclick={on_clear}>{ t(lang, Key::ClearFilters) }</button>
                    }
                </p>
            </form>
            if shown.is_empty() {
                <p class="sc-empty">{ t(lang, Key::NoMatch) }</p>
            }
            if spacer > 0.0 {
                <svg class="sc-spacer" width="1" height={crate::i18n::fixed(spacer, 0, false)} aria-hidden="true" focusable="false"></svg>
            }
            if earlier > 0 {
                <p class="sc-more">
                    <button type="button" class="sc-btn" data-action="show-earlier" onclick={on_earlier}>
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
                                        {above} {lang} on_action={on_action.clone()} />
                                </>
                            }
                        }) }
                    </section>
                })
            }) }
            <div ref={sentinel} class="sc-sentinel" aria-hidden="true"></div>
            if remaining > 0 {
                <p class="sc-more">
                    <button type="button" class="sc-btn" data-action="show-more" onclick={on_more}>
                        { format!("{} ({remaining})", t(lang, Key::ShowMore)) }
                    </button>
                </p>
            }
        </div>
    }
}

/// Where each control sits: its position by id and its top-level group.
struct Layout {
    /// Control id -> position in `catalog.controls`.
    index: HashMap<String, usize>,
    /// Position of each control's top-level group in `catalog.groups`.
    top: Vec<usize>,
}

impl Layout {
    fn new(c: &Catalog) -> Self {
        let gpos: HashMap<&str, usize> = c
            .groups
            .iter()
            .enumerate()
            .map(|(i, g)| (g.id.as_str(), i))
            .collect();
        let top_of = |mut i: usize| {
            let mut steps = 0;
            while let Some(p) = c.groups[i].parent.as_deref().and_then(|p| gpos.get(p)) {
                i = *p;
                steps += 1;
                if steps > c.groups.len() {
                    break;
                }
            }
            i
        };
        Layout {
            index: c
                .controls
                .iter()
                .enumerate()
                .map(|(i, x)| (x.id.clone(), i))
                .collect(),
            top: c
                .controls
                .iter()
                .map(|x| {
                    gpos.get(x.group.as_str())
                        .map_or(usize::MAX, |&g| top_of(g))
                })
                .collect(),
        }
    }
}

/// Watches the sentinel after the last rendered item and adds a chunk when
/// it comes within 1,500 px of the viewport.
/// Moves the window one chunk down. When that drops items from the top,
/// their height (measured now, before they go) is kept as a spacer.
fn advance(root: &NodeRef, limit: &RefCell<Win>, dropped: &RefCell<Vec<f64>>) {
    let mut l = limit.borrow_mut();
    let before = l.start;
    l.grow_down();
    let gone = l.start - before;
    if gone > 0 {
        dropped.borrow_mut().push(height_of_first(root, gone));
    }
}

/// Moves the window one chunk up, giving back that chunk's spacer height.
fn retreat(limit: &RefCell<Win>, dropped: &RefCell<Vec<f64>>) {
    let mut l = limit.borrow_mut();
    let before = l.start;
    l.grow_up();
    if l.start < before {
        dropped.borrow_mut().pop();
    }
}

/// The height taken by the first `n` rendered items of the view (with the
/// headings between them): from the first item's top to the next one's.
fn height_of_first(root: &NodeRef, n: usize) -> f64 {
    use wasm_bindgen::JsCast;
    let items = root
        .cast::<web_sys::Element>()
        .and_then(|r| r.query_selector_all(".sc-item").ok());
    let Some(items) = items else {
        return 0.0;
    };
    let top = |i: u32| {
        items
            .item(i)
            .and_then(|e| e.dyn_into::<web_sys::Element>().ok())
            .map(|e| e.get_bounding_client_rect())
    };
    match (top(0), top(n as u32)) {
        (Some(a), Some(b)) => (b.top() - a.top()).max(0.0),
        _ => 0.0,
    }
}

struct More {
    observer: web_sys::IntersectionObserver,
    _callback: wasm_bindgen::closure::Closure<dyn FnMut(js_sys::Array)>,
}

impl More {
    fn new(
        limit: std::rc::Rc<std::cell::RefCell<Win>>,
        total: std::rc::Rc<std::cell::RefCell<usize>>,
        dropped: std::rc::Rc<std::cell::RefCell<Vec<f64>>>,
        root: NodeRef,
        rerender: UseForceUpdateHandle,
    ) -> Option<More> {
        use wasm_bindgen::JsCast;
        let callback = wasm_bindgen::closure::Closure::<dyn FnMut(js_sys::Array)>::new(
            move |entries: js_sys::Array| {
                let visible = entries.iter().any(|e| {
                    e.dyn_into::<web_sys::IntersectionObserverEntry>()
                        .is_ok_and(|e| e.is_intersecting())
                });
                let more = limit.borrow().end < *total.borrow();
                if visible && more {
                    advance(&root, &limit, &dropped);
                    rerender.force_update();
                }
            },
        );
        let init = web_sys::IntersectionObserverInit::new();
        init.set_root_margin("1500px 0px");
        let observer = web_sys::IntersectionObserver::new_with_options(
            callback.as_ref().unchecked_ref(),
            &init,
        )
        .ok()?;
        Some(More {
            observer,
            _callback: callback,
        })
    }
}

impl Drop for More {
    fn drop(&mut self) {
        // No callback may reach the closure once it is dropped with the view.
        self.observer.disconnect();
    }
}

/// A group's context text, folded (it can be long).
fn intro(lang: Lang, blocks: &[crate::core::catalog::Block]) -> Html {
    if blocks.is_empty() {
        return html! {};
    }
    html! {
        <details class="sc-group-intro">
            <summary>{ t(lang, Key::Context) }</summary>
            { crate::components::blocks::blocks(blocks) }
        </details>
    }
}

/// Scrolls to an item (inside this view) and focuses its first answer choice.
fn focus_item(root: &NodeRef, id: &str) {
    use wasm_bindgen::JsCast;
    let Some(root) = root.cast::<web_sys::Element>() else {
        return;
    };
    let sel = format!("#sc-item-{}", css_escape(id));
    if let Ok(Some(el)) = root.query_selector(&sel) {
        el.scroll_into_view();
        if let Ok(Some(input)) = el.query_selector("input[type=radio]") {
            if let Ok(h) = input.dyn_into::<web_sys::HtmlElement>() {
                let _ = h.focus();
            }
        }
    }
}

/// Escapes an id for use in a CSS `#id` selector.
pub fn css_escape(id: &str) -> String {
    id.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c.to_string()
            } else {
                format!("\\{:x} ", c as u32)
            }
        })
        .collect()
}
