//! The assessment session for one loaded catalog: owns the reducer, the
//! debounced saver and the page listeners (pagehide, visibilitychange,
//! storage, beforeunload), and lays out the header, the view tabs and the
//! privacy footer.

use crate::components::answer_view::AnswerView;
use crate::components::compare_view::CompareView;
use crate::components::data_view::DataView;
use crate::components::results_view::ResultsView;
use crate::core::assessment::{Action, Millis, WorkspaceAction};
use crate::core::catalog::Catalog;
use crate::core::score::{scores, AnswerSet};
use crate::i18n::{entity_name, t, Key, Lang};
use crate::options::Options;
use crate::state::{Msg, Shared, State};
use crate::storage::{Loaded, Saver, Store, StoreStatus};
use gloo::events::EventListener;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Properties of [`Session`].
#[derive(Properties, PartialEq)]
pub struct SessionProps {
    /// The parsed catalog.
    pub catalog: Shared<Catalog>,
    /// Widget options.
    pub options: Options,
    /// UI language.
    pub lang: Lang,
    /// Switches the UI language.
    pub on_lang: Callback<Lang>,
    /// Loads another catalog (URL or `file:` text).
    pub on_catalog: Callback<CatalogSource>,
    /// The widget's store, opened (and probed) once by the app.
    pub store: Shared<Store>,
}

/// Where another catalog comes from.
#[derive(Debug, Clone, PartialEq)]
pub enum CatalogSource {
    /// A URL (relative to the widget's files, or absolute).
    Url(String),
    /// The text of a local file, with its name.
    File {
        /// File name, for messages.
        name: String,
        /// File content.
        text: String,
    },
}

/// The current time in milliseconds.
pub fn now() -> Millis {
    js_sys::Date::now() as Millis
}

/// A random id for a new assessment or snapshot (not derived from the device).
pub fn new_id() -> String {
    let mut bytes = [0u8; 8];
    let crypto = web_sys::window().and_then(|w| w.crypto().ok());
    if let Some(c) = crypto {
        let _ = c.get_random_values_with_u8_array(&mut bytes);
    }
    if bytes == [0u8; 8] {
        let n = (js_sys::Math::random() * 1e15) as u64 ^ now() as u64;
        bytes = n.to_le_bytes();
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Today's date as `YYYY-MM-DD` (local time).
pub fn today() -> String {
    let d = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date()
    )
}

/// Offers `text` as a file download (a Blob URL; nothing leaves the browser).
pub fn download(name: &str, mime: &str, text: &str) -> Result<(), wasm_bindgen::JsValue> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let doc = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| wasm_bindgen::JsValue::from_str("no document"))?;
    let a: web_sys::HtmlAnchorElement = doc.create_element("a")?.dyn_into()?;
    a.set_href(&url);
    a.set_download(name);
    a.click();
    // Revoke later: revoking at once can cancel the download in some browsers.
    gloo::timers::callback::Timeout::new(10_000, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    })
    .forget();
    Ok(())
}

/// Downloads the export document of an assessment as JSON.
pub fn export_json(catalog: &Catalog, a: &crate::core::assessment::Assessment) {
    use crate::core::report::{export_doc, export_file_name, to_json};
    if let Ok(text) = export_doc(catalog, a, now()).and_then(|d| to_json(&d)) {
        let _ = download(
            &export_file_name(&a.name, &catalog.id, &today(), "json"),
            "application/json",
            &text,
        );
    }
}

/// Asks the user to confirm (a native dialog: keyboard and screen-reader friendly).
pub fn confirm(message: &str) -> bool {
    web_sys::window()
        .and_then(|w| w.confirm_with_message(message).ok())
        .unwrap_or(false)
}

/// Records a text field the user is still typing in. Notes, reasons and
/// names are committed on `change` (when the field loses focus), which a
/// closing or hidden page never fires: this fires it on the focused field
/// (through open shadow roots), without moving the focus. Radios and other
/// inputs are left alone. Returns whether a field was committed.
fn commit_focused_field() -> bool {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return false;
    };
    let mut el = doc.active_element();
    while let Some(inner) = el
        .as_ref()
        .and_then(|e| e.shadow_root())
        .and_then(|r| r.active_element())
    {
        el = Some(inner);
    }
    let Some(el) = el.filter(|e| {
        let tag = e.tag_name().to_ascii_lowercase();
        tag == "textarea" || (tag == "input" && e.get_attribute("type").as_deref() == Some("text"))
    }) else {
        return false;
    };
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    web_sys::Event::new_with_event_init_dict("change", &init)
        .and_then(|ev| el.dispatch_event(&ev))
        .is_ok()
}

/// Writes now (page hidden or closing), after recording a field still being
/// typed in: the reducer applies that change in a microtask, so a second
/// write follows it there.
fn flush_now(flush: &Rc<dyn Fn()>) {
    if commit_focused_field() {
        let f = flush.clone();
        wasm_bindgen_futures::spawn_local(async move { f() });
    }
    flush();
}

/// After a view switch, brings the top of the widget back into sight when the
/// page was scrolled past it (a new view should start at its beginning, not
/// where the previous, longer one was left).
fn scroll_to_top(e: &MouseEvent) {
    let session = e
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|el| el.closest(".sc-session").ok().flatten());
    if let Some(s) = session {
        if s.get_bounding_client_rect().top() < 0.0 {
            s.scroll_into_view();
        }
    }
}

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

/// A notice about storage shown above the views.
#[derive(Debug, Clone, PartialEq)]
pub enum Notice {
    /// Stored data was damaged; the raw value (kept under a backup key, or
    /// left in place when no copy could be written), for download.
    Corrupt(Rc<String>),
    /// Stored data is from a newer version.
    Future,
    /// Another tab's changes were merged in.
    Merged,
    /// Answers were carried over to a new catalog version.
    CatalogChanged(Vec<String>),
}

/// Callback handed to views to jump to an item in the answer view.
pub type OnJump = Callback<String>;

/// The assessment session.
#[component]
pub fn Session(props: &SessionProps) -> Html {
    let lang = props.lang;
    let saver = use_mut_ref(|| Saver::new((*props.store).clone()));
    let initial = use_mut_ref(|| saver.borrow_mut().store.load(now()));
    // Mirrors the store's status so that a change re-renders the banner.
    let status = use_state_eq(|| saver.borrow().store.status());
    let notice = use_state(|| None::<Notice>);
    let migrated = use_mut_ref(Vec::new);
    let view = use_state(|| View::Answer);
    let jump_to = use_state(|| None::<String>);
    let printing = use_state(|| false);
    let state = {
        let catalog = props.catalog.clone();
        let initial = initial.clone();
        let target = props.options.target.clone();
        let migrated = migrated.clone();
        use_reducer(move || {
            let ws = match &*initial.borrow() {
                Loaded::Found(ws) => ws.clone(),
                _ => Default::default(),
            };
            let mut s = State::new(catalog.clone(), ws, new_id(), now());
            *migrated.borrow_mut() = s.migrate_versions();
            // The embedding's initial target applies to an assessment that has none.
            if let (Some(t), Some(a)) = (target, s.active()) {
                if a.target_level.is_none() && catalog.level_rank(&t).is_some() {
                    let id = a.id.clone();
                    s.workspace = crate::core::assessment::apply_workspace(
                        &s.workspace,
                        WorkspaceAction::Update {
                            id,
                            action: Action::SetTargetLevel {
                                level: Some(t),
                                now: now(),
                            },
                        },
                    );
                }
            }
            s
        })
    };

    // What the initial load found, shown once.
    {
        let notice = notice.clone();
        let initial = initial.clone();
        let migrated = migrated.clone();
        use_effect_with((), move |_| {
            let found = match &*initial.borrow() {
                Loaded::Corrupt { raw, .. } => Some(Notice::Corrupt(Rc::new(raw.clone()))),
                Loaded::Future(_) => Some(Notice::Future),
                _ => None,
            };
            let orphans: Vec<String> = migrated
                .borrow()
                .iter()
                .flat_map(|c| c.orphaned_answers.iter().cloned())
                .collect();
            let changed = !migrated.borrow().is_empty();
            if let Some(n) = found {
                notice.set(Some(n));
            } else if changed {
                notice.set(Some(Notice::CatalogChanged(orphans)));
            }
        });
    }

    // Flushing: on the timer, on pagehide and when the page is hidden.
    let flush: Rc<dyn Fn()> = {
        let saver = saver.clone();
        let status = status.clone();
        let notice = notice.clone();
        let dispatch = state.dispatcher();
        Rc::new(move || {
            let result = saver.borrow_mut().flush(now());
            if let Some((s, merged)) = result {
                status.set(s);
                // Another tab wrote data of a newer build: say why nothing is saved.
                if s == StoreStatus::ReadOnly && saver.borrow().store.blocked().is_none() {
                    notice.set(Some(Notice::Future));
                }
                if let Some(ws) = merged {
                    dispatch.dispatch(Msg::Merge(ws));
                    notice.set(Some(Notice::Merged));
                }
            }
        })
    };
    {
        let saver = saver.clone();
        let flush = flush.clone();
        let state = state.clone();
        use_effect_with(state.revision, move |_| {
            let fire = flush.clone();
            saver
                .borrow_mut()
                .schedule(state.workspace.clone(), move || fire());
        });
    }
    {
        let saver = saver.clone();
        let flush = flush.clone();
        let dispatch = state.dispatcher();
        let notice = notice.clone();
        let printing = printing.clone();
        use_effect_with((), move |_| {
            let window = web_sys::window();
            let mut listeners: Vec<EventListener> = Vec::new();
            if let Some(w) = window {
                let f = flush.clone();
                listeners.push(EventListener::new(&w, "pagehide", move |_| flush_now(&f)));
                if let Some(doc) = w.document() {
                    let f = flush.clone();
                    let d2 = doc.clone();
                    listeners.push(EventListener::new(&doc, "visibilitychange", move |_| {
                        if d2.visibility_state() == web_sys::VisibilityState::Hidden {
                            flush_now(&f)
                        }
                    }));
                }
                let saver2 = saver.clone();
                listeners.push(EventListener::new(&w, "storage", move |e| {
                    let Some(e) = e.dyn_ref::<web_sys::StorageEvent>() else {
                        return;
                    };
                    let remote = saver2
                        .borrow()
                        .store
                        .remote_workspace(e.key(), e.new_value());
                    if let Some(ws) = remote {
                        dispatch.dispatch(Msg::Merge(ws));
                        notice.set(Some(Notice::Merged));
                    }
                }));
                // The printed report exists only while the page prints.
                for (event, on) in [("beforeprint", true), ("afterprint", false)] {
                    let printing = printing.clone();
                    listeners.push(EventListener::new(&w, event, move |_| printing.set(on)));
                }
                let saver3 = saver.clone();
                let f = flush.clone();
                listeners.push(EventListener::new(&w, "beforeunload", move |e| {
                    // Write now (a field still being typed in included); ask
                    // before leaving only if the answers could not be kept.
                    flush_now(&f);
                    let saver = saver3.borrow();
                    if saver.is_pending() || saver.store.status() != StoreStatus::Available {
                        if let Some(e) = e.dyn_ref::<web_sys::BeforeUnloadEvent>() {
                            e.prevent_default();
                            e.set_return_value("unsaved");
                        }
                    }
                }));
            }
            let _keep = RefCell::new(listeners);
            move || drop(_keep)
        });
    }

    let catalog = &props.catalog;
    let Some(active) = state.active().cloned() else {
        return html! {};
    };
    let set = AnswerSet::from(&active);
    let sc = scores(catalog, &set);
    let p = sc.progress;

    let on_target = {
        let dispatch = state.dispatcher();
        Callback::from(move |e: Event| {
            let v = crate::components::field::value(&e);
            let level = (!v.is_empty()).then_some(v);
            dispatch.dispatch(Msg::Apply(Action::SetTargetLevel { level, now: now() }));
        })
    };
    let on_entity = {
        let dispatch = state.dispatcher();
        Callback::from(move |e: Event| {
            let id = crate::components::field::value(&e);
            dispatch.dispatch(Msg::Workspace(WorkspaceAction::SetActive { id }));
        })
    };
    let on_jump = {
        let view = view.clone();
        let jump_to = jump_to.clone();
        Callback::from(move |id: String| {
            view.set(View::Answer);
            jump_to.set(Some(id));
        })
    };
    let on_jumped = {
        let jump_to = jump_to.clone();
        Callback::from(move |_: ()| jump_to.set(None))
    };
    let on_export = {
        let (catalog, active) = (catalog.clone(), active.clone());
        Callback::from(move |_: MouseEvent| export_json(&catalog, &active))
    };
    let on_lang = {
        let cb = props.on_lang.clone();
        let next = if lang == Lang::Ja { Lang::En } else { Lang::Ja };
        Callback::from(move |_: MouseEvent| cb.emit(next))
    };
    let tab = |v: View, key: Key| {
        let view_h = view.clone();
        let selected = *view == v;
        html! {
            <button type="button" role="tab" class={classes!("sc-tab", selected.then_some("sc-tab-on"))}
                aria-selected={selected.to_string()} data-view={format!("{v:?}").to_lowercase()}
                onclick={Callback::from(move |e: MouseEvent| { view_h.set(v); scroll_to_top(&e); })}>{ t(lang, key) }</button>
        }
    };
    let store_status = *status;
    let namespace = props.options.namespace.clone();
    // Why answers are not being kept, if they are not: the store's status,
    // or for a read-only store the reason a damaged value could not be copied
    // (newer data is explained by its notice instead).
    let not_saving = match store_status {
        StoreStatus::ReadOnly => saver.borrow().store.blocked(),
        s => Some(s),
    };
    let banner = match not_saving {
        Some(StoreStatus::QuotaExceeded) => {
            html! { <div class="sc-banner sc-banner-warn" role="alert" data-banner="quota">{ t(lang, Key::QuotaExceeded) }</div> }
        }
        Some(StoreStatus::Unavailable) | Some(StoreStatus::ReadOnly) => {
            html! { <div class="sc-banner sc-banner-warn" role="alert" data-banner="unavailable">{ t(lang, Key::StorageUnavailable) }</div> }
        }
        Some(StoreStatus::Available) | None => html! {},
    };
    let notice_html = match &*notice {
        None => html! {},
        Some(n) => {
            let dismiss = {
                let notice = notice.clone();
                Callback::from(move |_: MouseEvent| notice.set(None))
            };
            let (text, extra, role) = match n {
                Notice::Corrupt(raw) => {
                    let raw = raw.clone();
                    let dl = Callback::from(move |_: MouseEvent| {
                        let _ = download(
                            &format!("selfcheck-backup-{}.json", today()),
                            "application/json",
                            &raw,
                        );
                    });
                    (
                        t(lang, Key::CorruptFound),
                        html! {
                            <button type="button" class="sc-btn" data-action="download-backup" onclick={dl}>{ t(lang, Key::DownloadBackup) }</button>
                        },
                        "alert",
                    )
                }
                Notice::Future => (t(lang, Key::FutureData), html! {}, "alert"),
                Notice::Merged => (t(lang, Key::MergedFromOtherTab), html! {}, "status"),
                Notice::CatalogChanged(orphans) => (
                    t(lang, Key::CatalogChanged),
                    if orphans.is_empty() {
                        html! {}
                    } else {
                        html! { <span>{ format!("{}: {}", t(lang, Key::Removed), orphans.join(", ")) }</span> }
                    },
                    "status",
                ),
            };
            html! {
                <div class="sc-banner sc-banner-info" role={role} data-banner="notice">
                    <span>{ text }</span>{ extra }
                    <button type="button" class="sc-btn sc-btn-quiet" onclick={dismiss}>{ t(lang, Key::Dismiss) }</button>
                </div>
            }
        }
    };
    // Names only: the entities themselves (answers, snapshots) are not copied.
    let entities: Vec<&crate::core::assessment::Assessment> = state.entities().collect();

    html! {
        <div class={classes!("sc-session", props.options.theme.class())}>
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
                            { for entities.iter().map(|e| html! {
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
                    <button type="button" class="sc-btn sc-btn-quiet" lang={if lang == Lang::Ja { "en" } else { "ja" }}
                        aria-label={t(lang, Key::LangSwitchLabel)} data-action="lang" onclick={on_lang}>{ t(lang, Key::LangSwitch) }</button>
                </div>
                <div class="sc-progress-wrap">
                    <crate::components::progress::Progress answered={p.in_scope_answered} total={p.in_scope_total}
                        label={if active.target_level.is_some() { t(lang, Key::ProgressInScope) } else { t(lang, Key::Progress) }} {lang} testid="progress" />
                    if active.target_level.is_some() {
                        <crate::components::progress::Progress answered={p.all_answered} total={p.all_total}
                            label={t(lang, Key::ProgressAll)} {lang} testid="progress-all" />
                    }
                </div>
                <nav class="sc-tabs" role="tablist" aria-label={t(lang, Key::Views)}>
                    { tab(View::Answer, Key::TabAnswer) }
                    { tab(View::Results, Key::TabResults) }
                    { tab(View::Compare, Key::TabCompare) }
                    { tab(View::Data, Key::TabData) }
                </nav>
            </header>
            { banner }
            { notice_html }
            if *printing {
                <crate::components::print_view::PrintReport catalog={catalog.clone()} assessment={active.clone()} {lang} />
            }
            <main class="sc-main" role="tabpanel">
                { match *view {
                    View::Answer => html! {
                        <AnswerView catalog={catalog.clone()} assessment={active.clone()}
                            {lang} dispatch={state.dispatcher()} jump_to={(*jump_to).clone()} on_jumped={on_jumped} />
                    },
                    View::Results => html! {
                        <ResultsView catalog={catalog.clone()} assessment={active.clone()} {lang} on_jump={on_jump.clone()} />
                    },
                    View::Compare => html! {
                        <CompareView catalog={catalog.clone()} workspace={state.workspace.clone()} {lang} />
                    },
                    View::Data => html! {
                        <DataView catalog={catalog.clone()} workspace={state.workspace.clone()} {lang}
                            dispatch={state.dispatcher()} saver={Shared(saver.clone())} {namespace}
                            on_catalog={props.on_catalog.clone()} base={props.options.base.clone()} />
                    },
                } }
            </main>
            <footer class="sc-footer"><p>{ t(lang, Key::PrivacyFooter) }</p></footer>
        </div>
    }
}
