//! The session header: the catalog's title, the entity and target-level
//! pickers, the export and language buttons (they scroll away), then the
//! compact bar that stays in view while scrolling: the view tabs, progress,
//! and the warning that answers are not being kept, when they are not.

use crate::components::field::value;
use crate::components::progress::{progress, ProgressProps};
use crate::core::assessment::{Action, Assessment, WorkspaceAction};
use crate::core::outline::IndexedCatalog;
use crate::core::score::{scores, AnswerSet};
use crate::core::session::Msg;
use crate::i18n::{entity_name, t, Key, Lang};
use crate::state::Shared;
use crate::web::clock::now;
use crate::web::dom::{closest, reveal_top};
use crate::web::download::export_json;
use yew::prelude::*;

/// Which view is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    /// The catalog, answered item by item.
    Answer,
    /// Scores, radar and gap list.
    Results,
    /// Two snapshots or entities side by side.
    Compare,
    /// Entities, snapshots, export/import, catalogs, privacy.
    Data,
}

/// What the header shows and whom it tells. (A plain function, not a
/// component: it has no state, and it changes with every answer anyway.)
pub struct HeaderProps<'a> {
    /// The catalog.
    pub catalog: &'a Shared<IndexedCatalog>,
    /// The open assessment.
    pub assessment: &'a Assessment,
    /// The assessments of this catalog.
    pub entities: Vec<&'a Assessment>,
    /// UI language.
    pub lang: Lang,
    /// The view shown.
    pub view: View,
    /// Shows another view.
    pub on_view: Callback<View>,
    /// Sends a message to the session.
    pub on_msg: Callback<Msg>,
    /// Switches the UI language.
    pub on_lang: Callback<Lang>,
    /// What must stay in view with the tabs (the storage warning), if any.
    pub alert: Html,
}

/// The session header.
pub fn header(props: HeaderProps) -> Html {
    let lang = props.lang;
    let catalog = props.catalog;
    let active = props.assessment;
    let p = scores(catalog, &AnswerSet::from(active)).progress;
    let on_target = props.on_msg.reform(|e: Event| {
        let v = value(&e);
        let level = (!v.is_empty()).then_some(v);
        Msg::Apply(Action::SetTargetLevel { level, now: now() })
    });
    let on_entity = props
        .on_msg
        .reform(|e: Event| Msg::Workspace(WorkspaceAction::SetActive { id: value(&e) }));
    let on_export = {
        let (catalog, active, on_msg) = (catalog.clone(), active.clone(), props.on_msg.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(now) = export_json(&catalog, &active) {
                on_msg.emit(Msg::Apply(Action::Exported { now }));
            }
        })
    };
    let on_lang = {
        let next = if lang == Lang::Ja { Lang::En } else { Lang::Ja };
        props.on_lang.reform(move |_: MouseEvent| next)
    };
    let tab = |v: View, key: Key| {
        let on_view = props.on_view.clone();
        let selected = props.view == v;
        let onclick = Callback::from(move |e: MouseEvent| {
            on_view.emit(v);
            // A new view starts at its beginning, not where the previous,
            // longer one was left.
            if let Some(s) = closest(&e, ".sc-session") {
                reveal_top(&s);
            }
        });
        html! {
            <button type="button" role="tab" class={classes!("sc-tab", selected.then_some("sc-tab-on"))}
                aria-selected={selected.to_string()} data-view={format!("{v:?}").to_ascii_lowercase()}
                {onclick}>{ t(lang, key) }</button>
        }
    };
    html! {
        <>
        <header class="sc-header">
            <div class="sc-title">
                <p class="sc-eyebrow">{ t(lang, Key::AppName) }</p>
                <h1>{ catalog.title.get(lang.tag()).to_string() }</h1>
                <p class="sc-meta">{ format!("{} · v{} · {}", catalog.publisher.get(lang.tag()), catalog.version, catalog.issued) }</p>
            </div>
            <div class="sc-toolbar">
                <label class="sc-field">
                    <span>{ t(lang, Key::Entity) }</span>
                    <select data-field="entity" onchange={on_entity}>
                        { for props.entities.iter().map(|e| html! {
                            <option value={e.id.clone()} selected={e.id == active.id}>{ entity_name(lang, &e.name) }</option>
                        }) }
                    </select>
                </label>
                if !catalog.levels.is_empty() {
                    <label class="sc-field">
                        <span>{ t(lang, Key::TargetLevel) }</span>
                        <select data-field="target" onchange={on_target}>
                            <option value="" selected={active.target_level.is_none()}>{ t(lang, Key::TargetNone) }</option>
                            { for catalog.levels.iter().map(|l| html! {
                                <option value={l.id.clone()} selected={active.target_level.as_deref() == Some(l.id.as_str())}>
                                    { l.name.get(lang.tag()).to_string() }
                                </option>
                            }) }
                        </select>
                    </label>
                }
                <button type="button" class="sc-btn sc-btn-primary" data-action="export-json" onclick={on_export}>{ t(lang, Key::ExportJson) }</button>
                <button type="button" class="sc-btn sc-btn-quiet sc-lang" lang={if lang == Lang::Ja { "en" } else { "ja" }}
                    aria-label={t(lang, Key::LangSwitchLabel)} data-action="lang" onclick={on_lang}>{ t(lang, Key::LangSwitch) }</button>
            </div>
        </header>
        <div class="sc-sticky" data-sticky="">
            <div class="sc-sticky-row">
                <nav class="sc-tabs" role="tablist" aria-label={t(lang, Key::Views)}>
                    { tab(View::Answer, Key::TabAnswer) }
                    { tab(View::Results, Key::TabResults) }
                    { tab(View::Compare, Key::TabCompare) }
                    { tab(View::Data, Key::TabData) }
                </nav>
                <div class="sc-progress-wrap">
                    { progress(&ProgressProps { answered: p.in_scope_answered, total: p.in_scope_total,
                        label: if active.target_level.is_some() { t(lang, Key::ProgressInScope) } else { t(lang, Key::Progress) }, lang, testid: "progress" }) }
                    if active.target_level.is_some() {
                        { progress(&ProgressProps { answered: p.all_answered, total: p.all_total,
                            label: t(lang, Key::ProgressAll), lang, testid: "progress-all" }) }
                    }
                </div>
            </div>
            { props.alert }
        </div>
        </>
    }
}
