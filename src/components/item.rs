//! One control: its number and level, its texts verbatim, its criteria as
//! lists, its answer choices as a radio group, the N/A reason, note and
//! evidence, and the official commentary. Props compare cheaply (the shared
//! catalog by identity, the answer by value) so answering one item
//! re-renders only that item.

use crate::components::blocks::{blocks, list, references};
use crate::core::assessment::{Action, Answer};
use crate::core::catalog::{Catalog, Priority, ScaleKind, StatementKind};
use crate::core::outline::{number_label, IndexedCatalog};
use crate::i18n::{t, Key, Lang};
use crate::state::Shared;
use crate::web::clock::now;
use crate::web::dom::{closest, item_element};
use yew::prelude::*;

/// Properties of [`Item`].
#[derive(Properties, PartialEq)]
pub struct ItemProps {
    /// The catalog.
    pub catalog: Shared<IndexedCatalog>,
    /// Index of the control in `catalog.controls`.
    pub index: usize,
    /// The current answer, if any.
    pub answer: Option<Answer>,
    /// The assessment's target override for this control (maturity catalogs).
    #[prop_or_default]
    pub target_override: Option<u8>,
    /// The control is above the chosen target level.
    #[prop_or_default]
    pub above: bool,
    /// The answer was given against a text that has changed since.
    #[prop_or_default]
    pub review: bool,
    /// UI language.
    pub lang: Lang,
    /// Called with the change the user made (the time is filled in here).
    pub on_action: Callback<Action>,
}

fn statement_key(kind: StatementKind) -> Key {
    match kind {
        StatementKind::Purpose => Key::Purpose,
        StatementKind::Requirement => Key::Requirement,
        StatementKind::Condition => Key::Condition,
        StatementKind::Measure => Key::Measure,
        StatementKind::Context => Key::Context,
    }
}

/// Keeps a `<details>` element's open state in `state`.
fn toggle(state: UseStateHandle<bool>) -> Callback<Event> {
    Callback::from(move |e: Event| {
        if let Some(d) = e.target_dyn_into::<web_sys::HtmlDetailsElement>() {
            if d.open() != *state {
                state.set(d.open());
            }
        }
    })
}

/// One control.
#[component]
pub fn Item(props: &ItemProps) -> Html {
    let lang = props.lang;
    let catalog = &props.catalog;
    let commentary_open = use_state(|| false);
    let extra_toggled = use_state(|| false);
    let Some(ctl) = catalog.controls.get(props.index) else {
        return html! {};
    };
    let id = ctl.id.clone();
    let head_id = format!("sc-h-{id}");
    let answer = props.answer.as_ref();
    let selected = answer.map(|a| a.option.as_str()).filter(|o| !o.is_empty());
    let chosen = selected.and_then(|o| catalog.option(o));
    let needs_reason = chosen.is_some_and(|o| o.requires_reason);
    // Chosen without its reason: incomplete, and still in the denominator.
    let lacks_reason = chosen.zip(answer).is_some_and(|(o, a)| a.lacks_reason(o));
    let no_id = format!("sc-n-{id}");
    // The number first: items whose headlines are the same (4 and 5, 13 and
    // 14…) still have different accessible names.
    let labelled_by = format!("{no_id} {head_id}");
    let reason = answer.map(|a| a.reason.clone()).unwrap_or_default();
    let note = answer.map(|a| a.note.clone()).unwrap_or_default();
    let evidence = answer.map(|a| a.evidence.join("\n")).unwrap_or_default();
    let headline = Catalog::headline(ctl);
    let place = catalog.place(props.index);
    let level_class = place.map(|p| p.level_class.clone()).unwrap_or_default();
    let others = ctl
        .statements
        .iter()
        .filter(|s| s.text != headline)
        .map(|s| {
            html! {
                <div class="sc-stmt">
                    <dt>{ t(lang, statement_key(s.kind)) }</dt>
                    <dd>{ s.text.clone() }
                        if !s.items.is_empty() { { list(&s.items) } }
                    </dd>
                </div>
            }
        });
    let headline_items = ctl
        .statements
        .iter()
        .find(|s| s.text == headline)
        .map(|s| list(&s.items))
        .unwrap_or_default();
    let emit = |make: fn(String, String, i64) -> Action| {
        let cb = props.on_action.clone();
        let id = id.clone();
        Callback::from(move |e: Event| {
            cb.emit(make(id.clone(), crate::components::field::value(&e), now()))
        })
    };
    let on_reason = emit(|control, reason, now| Action::SetReason {
        control,
        reason,
        now,
    });
    let on_note = emit(|control, note, now| Action::SetNote { control, note, now });
    let on_evidence = emit(|control, text, now| Action::SetEvidence {
        control,
        evidence: text.lines().map(str::to_string).collect(),
        now,
    });
    let on_clear = {
        let cb = props.on_action.clone();
        let id = id.clone();
        Callback::from(move |_: MouseEvent| {
            cb.emit(Action::Clear {
                control: id.clone(),
                now: now(),
            })
        })
    };
    let on_confirm = {
        let cb = props.on_action.clone();
        let id = id.clone();
        Callback::from(move |_: MouseEvent| {
            cb.emit(Action::Confirm {
                control: id.clone(),
                now: now(),
            })
        })
    };
    let maturity = catalog.scale.kind == ScaleKind::Maturity;
    let target = props
        .target_override
        .or(ctl.target)
        .or(catalog.scale.default_target);
    let has_extra = !note.is_empty() || !evidence.is_empty();
    // Folded parts are rendered only when opened: long catalogs stay light.
    let extra_open = *extra_toggled || has_extra;
    let on_extra_toggle = toggle(extra_toggled.clone());
    let on_commentary_toggle = toggle(commentary_open.clone());
    let field_id = |what: &str| format!("sc-{what}-{id}");
    html! {
        <article id={format!("sc-item-{id}")} class={classes!("sc-item", selected.map(|o| format!("sc-ans-{o}")), props.above.then_some("sc-above"), lacks_reason.then_some("sc-lacks-reason"), props.review.then_some("sc-review"))}
            data-control={id.clone()} aria-labelledby={labelled_by.clone()}>
            <div class="sc-item-meta">
                if let (Some(_), Some(p)) = (&ctl.number, place) {
                    <span class="sc-no" id={no_id.clone()}>{ p.label.clone() }</span>
                } else {
                    <span class="sc-no" id={no_id.clone()}>{ id.clone() }</span>
                }
                if let Some(l) = &ctl.level {
                    <span class={level_class}>{ l.clone() }</span>
                }
                if let Some(p) = ctl.priority {
                    <span class={classes!("sc-prio", (p == Priority::Recommended).then_some("sc-prio-rec"))}>
                        { t(lang, if p == Priority::Recommended { Key::Recommended } else { Key::Baseline }) }
                    </span>
                }
                if maturity {
                    if let Some(tv) = target {
                        <span class="sc-target">{ format!("{} {tv}", t(lang, Key::TargetMaturity)) }</span>
                    }
                }
                if props.above {
                    <span class="sc-above-tag">{ t(lang, Key::AboveTarget) }</span>
                }
                if lacks_reason {
                    <span class="sc-reason-tag" data-tag="needs-reason">{ t(lang, Key::ReasonMissingTag) }</span>
                }
                if props.review {
                    <span class="sc-review-tag" data-tag="review">{ t(lang, Key::ReviewTag) }</span>
                }
            </div>
            <h3 class="sc-headline" id={head_id.clone()}>{ headline.to_string() }</h3>
            { headline_items }
            <dl class="sc-stmts">{ for others }</dl>
            if !ctl.criteria.is_empty() {
                <div class="sc-criteria">
                    <h4>{ t(lang, Key::Criteria) }</h4>
                    { for ctl.criteria.iter().map(|p| html! {
                        <div class="sc-crit-part">
                            if let Some(tag) = &p.tag { <span class="sc-tag">{ format!("【{tag}】") }</span> }
                            { blocks(&p.blocks) }
                        </div>
                    }) }
                </div>
            }
            if !ctl.notes.is_empty() {
                <div class="sc-notes">
                    { for ctl.notes.iter().map(|n| html! { <p class="sc-note" data-note={n.kind.clone()}>{ n.text.clone() }</p> }) }
                </div>
            }
            if !ctl.cross_refs.is_empty() {
                <p class="sc-xrefs">
                    <span class="sc-xrefs-label">{ t(lang, Key::SeeAlso) }{ ": " }</span>
                    { for ctl.cross_refs.iter().map(|x| match &x.control {
                        Some(target) => {
                            let target = target.clone();
                            let onclick = Callback::from(move |e: MouseEvent| scroll_to_item(&e, &target));
                            html! { <><button type="button" class="sc-xref" {onclick}>{ number_label(&x.target) }</button>{ " " }</> }
                        }
                        None => html! { <><span class="sc-xref-absent">{ format!("{} {}", number_label(&x.target), t(lang, Key::NotInCatalog)) }</span>{ " " }</> },
                    }) }
                </p>
            }
            { references(&ctl.references) }
            <div class="sc-choices" role="radiogroup" aria-labelledby={labelled_by}>
                { for catalog.scale.options.iter().map(|o| {
                    let input_id = format!("sc-{}-{}", id, o.id);
                    let on_action = props.on_action.clone();
                    let (control, option) = (id.clone(), o.id.clone());
                    let onchange = Callback::from(move |_: Event| on_action.emit(Action::Answer {
                        control: control.clone(), option: option.clone(), now: now(),
                    }));
                    let hint = o.description.as_ref().map(|d| d.get(lang.tag()).to_string());
                    html! {
                        <label class={classes!("sc-choice", format!("sc-choice-{}", o.id))} for={input_id.clone()} title={hint}>
                            <input type="radio" id={input_id} name={format!("ans-{}", id)}
                                value={o.id.clone()} checked={selected == Some(o.id.as_str())} {onchange} />
                            <span>{ o.label.get(lang.tag()).to_string() }</span>
                        </label>
                    }
                }) }
                if selected.is_some() {
                    <button type="button" class="sc-btn sc-btn-quiet sc-clear" data-action="clear" onclick={on_clear}>{ t(lang, Key::ClearAnswer) }</button>
                }
            </div>
            if props.review {
                <div class="sc-review-box" data-review={id.clone()}>
                    <p id={field_id("review")}>{ t(lang, Key::ReviewHelp) }</p>
                    <button type="button" class="sc-btn" data-action="confirm-review"
                        aria-describedby={field_id("review")} onclick={on_confirm}>{ t(lang, Key::ReviewConfirm) }</button>
                </div>
            }
            if needs_reason {
                <div class="sc-reason">
                    <label for={field_id("reason")}>{ t(lang, Key::Reason) }</label>
                    <input type="text" id={field_id("reason")} data-field="reason" maxlength="2000"
                        value={reason.clone()} onchange={on_reason}
                        aria-invalid={reason.trim().is_empty().to_string()}
                        aria-describedby={field_id("reason-help")} />
                    if reason.trim().is_empty() {
                        <p class="sc-field-error" id={field_id("reason-help")}>{ t(lang, Key::ReasonRequired) }</p>
                    }
                </div>
            }
            <details class="sc-extra" open={extra_open} ontoggle={on_extra_toggle}>
                <summary>{ t(lang, Key::NotesAndEvidence) }
                    if has_extra { <span class="sc-dot" aria-hidden="true">{ " ●" }</span> }
                </summary>
                if extra_open {
                    <label for={field_id("note")}>{ t(lang, Key::Note) }</label>
                    <textarea id={field_id("note")} data-field="note" rows="2" maxlength="10000" value={note} onchange={on_note} />
                    <label for={field_id("evidence")}>{ t(lang, Key::Evidence) }</label>
                    <textarea id={field_id("evidence")} data-field="evidence" rows="2" maxlength="10000" value={evidence} onchange={on_evidence} />
                }
            </details>
            if !ctl.commentary.is_empty() {
                <details class="sc-commentary" open={*commentary_open} ontoggle={on_commentary_toggle}>
                    <summary>{ t(lang, Key::Commentary) }{ format!(" ({})", ctl.commentary.len()) }</summary>
                    { for ctl.commentary.iter().filter(|_| *commentary_open).map(|c| html! {
                        <section class="sc-qa">
                            <h4>
                                if let Some(s) = &c.section { <span class="sc-tag">{ format!("■ {s}") }</span>{ " " } }
                                { circled(c.number) }{ " " }{ c.question.clone() }
                            </h4>
                            { blocks(&c.answer) }
                            { references(&c.references) }
                        </section>
                    }) }
                </details>
            }
        </article>
    }
}

/// ① for 1, ② for 2 … up to ⑳, then `(n)`.
pub fn circled(n: u32) -> String {
    match n {
        1..=20 => char::from_u32(0x2460 + n - 1)
            .map(String::from)
            .unwrap_or_default(),
        _ => format!("({n})"),
    }
}

/// Scrolls to another item of the same view (ids live in the widget's shadow
/// root, so a `#fragment` link would not reach them).
fn scroll_to_item(e: &MouseEvent, control: &str) {
    if let Some(item) = closest(e, ".sc-answer-view").and_then(|v| item_element(&v, control)) {
        item.scroll_into_view();
    }
}
