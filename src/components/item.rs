//! One control: its number and level, its texts verbatim, its criteria as
//! lists, its answer choices as a radio group, and the official commentary.
//! Props compare cheaply (shared catalog by identity, the answer by value) so
//! answering one item re-renders only that item.

use crate::components::blocks::{blocks, list, references};
use crate::core::assessment::Answer;
use crate::core::catalog::{Catalog, StatementKind};
use crate::i18n::{t, Key, Lang};
use crate::state::Shared;
use yew::prelude::*;

/// Properties of [`Item`].
#[derive(Properties, PartialEq)]
pub struct ItemProps {
    /// The catalog.
    pub catalog: Shared<Catalog>,
    /// Index of the control in `catalog.controls`.
    pub index: usize,
    /// The current answer, if any.
    pub answer: Option<Answer>,
    /// UI language.
    pub lang: Lang,
    /// Called with (control id, option id) when the user picks an option.
    pub on_answer: Callback<(String, String)>,
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

/// One control.
#[component]
pub fn Item(props: &ItemProps) -> Html {
    let lang = props.lang;
    let catalog = &props.catalog;
    let Some(ctl) = catalog.controls.get(props.index) else {
        return html! {};
    };
    let head_id = format!("sc-h-{}", ctl.id);
    let selected = props.answer.as_ref().map(|a| a.option.as_str());
    let headline = Catalog::headline(ctl);
    let level_class = ctl
        .level
        .as_deref()
        .map(|l| format!("sc-level sc-level-{}", l.to_ascii_lowercase()))
        .unwrap_or_default();
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
    html! {
        <article class={classes!("sc-item", selected.map(|o| format!("sc-ans-{o}")))}
            data-control={ctl.id.clone()} aria-labelledby={head_id.clone()}>
            <div class="sc-item-meta">
                if let Some(n) = &ctl.number {
                    <span class="sc-no">{ t(lang, Key::Number) }{ " " }{ n.clone() }</span>
                }
                if let Some(l) = &ctl.level {
                    <span class={level_class}>{ l.clone() }</span>
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
            <div class="sc-choices" role="radiogroup" aria-labelledby={head_id.clone()}>
                { for catalog.scale.options.iter().map(|o| {
                    let input_id = format!("sc-{}-{}", ctl.id, o.id);
                    let on_answer = props.on_answer.clone();
                    let pick = (ctl.id.clone(), o.id.clone());
                    let onchange = Callback::from(move |_: Event| on_answer.emit(pick.clone()));
                    html! {
                        <label class={classes!("sc-choice", format!("sc-choice-{}", o.id))} for={input_id.clone()}>
                            <input type="radio" id={input_id} name={format!("ans-{}", ctl.id)}
                                value={o.id.clone()} checked={selected == Some(o.id.as_str())} {onchange} />
                            <span>{ o.label.get(lang.tag()).to_string() }</span>
                        </label>
                    }
                }) }
            </div>
            if !ctl.commentary.is_empty() {
                <details class="sc-commentary">
                    <summary>{ t(lang, Key::Commentary) }{ format!(" ({})", ctl.commentary.len()) }</summary>
                    { for ctl.commentary.iter().map(|c| html! {
                        <section class="sc-qa">
                            <h4>
                                if let Some(s) = &c.section { <span class="sc-tag">{ s.clone() }</span>{ " " } }
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
