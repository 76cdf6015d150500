//! The data view: entities (one per legal entity), snapshots, export (JSON,
//! CSV, print) and import with a preview, other catalogs, what is stored
//! where, and "delete all my data".

use crate::components::field::{bind, value};
use crate::components::session::{
    confirm, download, export_json, new_id, now, today, CatalogSource,
};
use crate::core::assessment::{Action, Workspace, WorkspaceAction};
use crate::core::catalog::{parse_index, Catalog, CatalogError, CatalogIndex, MAX_CATALOG_BYTES};
use crate::core::report::{
    apply_import, export_file_name, parse_import, plan_import, to_csv, ExportDoc, ImportChoice,
    ImportError, ImportPlan, MAX_IMPORT_BYTES,
};
use crate::core::stored::Namespace;
use crate::i18n::{answer_label, catalog_error, entity_name, import_error, t, Key, Lang};
use crate::state::{Msg, Shared, State};
use crate::storage::Saver;
use std::cell::RefCell;
use wasm_bindgen_futures::JsFuture;
use yew::prelude::*;

/// Properties of [`DataView`].
#[derive(Properties, PartialEq)]
pub struct DataViewProps {
    /// The catalog.
    pub catalog: Shared<Catalog>,
    /// Every assessment.
    pub workspace: Workspace,
    /// UI language.
    pub lang: Lang,
    /// The reducer.
    pub dispatch: UseReducerDispatcher<State>,
    /// The saver (for "delete all my data").
    pub saver: Shared<RefCell<Saver>>,
    /// The storage namespace (shown to the user).
    pub namespace: Namespace,
    /// Loads another catalog.
    pub on_catalog: Callback<CatalogSource>,
    /// Base URL of the widget's files (where `catalogs/index.json` is).
    pub base: String,
}

/// Why a chosen file could not be read.
enum ReadError {
    /// Larger than the limit (its size in bytes); not read at all.
    TooLarge(usize),
    /// The browser could not read it as text.
    Unreadable(String),
}

/// Reads the first file of a file input as text, refusing files over `limit` bytes unread.
async fn read_file(
    input: web_sys::HtmlInputElement,
    limit: usize,
) -> Option<(String, Result<String, ReadError>)> {
    let file = input.files()?.get(0)?;
    let name = file.name();
    input.set_value("");
    if file.size() > limit as f64 {
        return Some((name, Err(ReadError::TooLarge(file.size() as usize))));
    }
    let text = JsFuture::from(file.text())
        .await
        .map_err(|e| ReadError::Unreadable(crate::components::app::js_error_text(&e)))
        .and_then(|v| {
            v.as_string()
                .ok_or_else(|| ReadError::Unreadable("not text".to_string()))
        });
    Some((name, text))
}

/// A pending import: the parsed file and what it would change.
#[derive(Clone, PartialEq)]
struct Pending {
    doc: ExportDoc,
    plan: ImportPlan,
}

/// The data view.
#[component]
pub fn DataView(props: &DataViewProps) -> Html {
    let lang = props.lang;
    let catalog = &props.catalog;
    let ws = &props.workspace;
    let active = ws.active().cloned();
    let new_name = use_state(String::new);
    let snap_label = use_state(String::new);
    let import_msg = use_state(|| None::<(bool, String)>);
    let pending = use_state(|| None::<Pending>);
    let catalog_url = use_state(String::new);
    let catalog_msg = use_state(|| None::<String>);
    let deleted = use_state(|| false);
    // The catalogs this deployment offers, from catalogs/index.json.
    let index = use_state(|| None::<CatalogIndex>);
    {
        let index = index.clone();
        use_effect_with(props.base.clone(), move |base| {
            let url = format!("{base}catalogs/index.json");
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(text) = crate::components::app::fetch_text(&url).await {
                    index.set(parse_index(&text).ok());
                }
            });
        });
    }
    let Some(active) = active else {
        return html! {};
    };
    let entities: Vec<_> = ws
        .entities
        .iter()
        .filter(|e| e.catalog_id == catalog.id)
        .cloned()
        .collect();

    // Entities.
    let on_create = {
        let dispatch = props.dispatch.clone();
        let new_name = new_name.clone();
        let catalog = catalog.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            dispatch.dispatch(Msg::Workspace(WorkspaceAction::Create {
                id: new_id(),
                name: (*new_name).clone(),
                catalog_id: catalog.id.clone(),
                catalog_version: catalog.version.clone(),
                now: now(),
            }));
            new_name.set(String::new());
        })
    };
    let entity_rows = entities.iter().map(|e| {
        let is_active = e.id == active.id;
        let id = e.id.clone();
        let dispatch = props.dispatch.clone();
        let on_rename = Callback::from(move |ev: Event| {
            dispatch.dispatch(Msg::Workspace(WorkspaceAction::Rename { id: id.clone(), name: value(&ev), now: now() }))
        });
        let (id2, dispatch2) = (e.id.clone(), props.dispatch.clone());
        let on_open = Callback::from(move |_: MouseEvent| dispatch2.dispatch(Msg::Workspace(WorkspaceAction::SetActive { id: id2.clone() })));
        let (id3, dispatch3, name3) = (e.id.clone(), props.dispatch.clone(), e.name.clone());
        let on_dup = Callback::from(move |_: MouseEvent| {
            let base = entity_name(lang, &name3);
            dispatch3.dispatch(Msg::Workspace(WorkspaceAction::Duplicate {
                source: id3.clone(), id: new_id(), name: format!("{base} {}", t(lang, Key::CopySuffix)), now: now(),
            }))
        });
        let (id4, dispatch4, catalog4) = (e.id.clone(), props.dispatch.clone(), catalog.clone());
        let only_one = entities.len() == 1;
        let on_delete = Callback::from(move |_: MouseEvent| {
            if confirm(t(lang, Key::ConfirmDeleteEntity)) {
                dispatch4.dispatch(Msg::Workspace(WorkspaceAction::Delete { id: id4.clone() }));
                if only_one {
                    dispatch4.dispatch(Msg::Workspace(WorkspaceAction::Create {
                        id: new_id(), name: String::new(), catalog_id: catalog4.id.clone(),
                        catalog_version: catalog4.version.clone(), now: now(),
                    }));
                }
            }
        });
        let answered = e.answers.values().filter(|a| a.is_chosen()).count();
        let input_id = format!("sc-ent-{}", e.id);
        html! {
            <li class={classes!("sc-entity", is_active.then_some("sc-entity-on"))} data-entity={e.id.clone()}>
                <label class="sc-visually-hidden" for={input_id.clone()}>{ t(lang, Key::EntityName) }</label>
                <input type="text" id={input_id} data-field="entity-name" value={e.name.clone()} maxlength="200"
                    placeholder={t(lang, Key::Anonymous)} onchange={on_rename} />
                <span class="sc-entity-count">{ format!("{answered} / {} {}", catalog.controls.len(), t(lang, Key::ProgressItems)) }</span>
                if is_active {
                    <span class="sc-badge">{ t(lang, Key::Opened) }</span>
                } else {
                    <button type="button" class="sc-btn" data-action="open-entity" onclick={on_open}>{ t(lang, Key::Open) }</button>
                }
                <button type="button" class="sc-btn" data-action="duplicate-entity" onclick={on_dup}>{ t(lang, Key::Duplicate) }</button>
                <button type="button" class="sc-btn sc-btn-danger" data-action="delete-entity" onclick={on_delete}>{ t(lang, Key::Delete) }</button>
            </li>
        }
    });

    // Snapshots.
    let on_snapshot = {
        let dispatch = props.dispatch.clone();
        let snap_label = snap_label.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let label = if snap_label.trim().is_empty() {
                today()
            } else {
                (*snap_label).clone()
            };
            dispatch.dispatch(Msg::Apply(Action::TakeSnapshot {
                id: new_id(),
                label,
                now: now(),
            }));
            snap_label.set(String::new());
        })
    };
    let snapshot_rows = active.snapshots.iter().rev().map(|s| {
        let (id, dispatch) = (s.id.clone(), props.dispatch.clone());
        let on_delete = Callback::from(move |_: MouseEvent| {
            if confirm(t(lang, Key::ConfirmDeleteSnapshot)) {
                dispatch.dispatch(Msg::Apply(Action::DeleteSnapshot { id: id.clone(), now: now() }));
            }
        });
        let answered = s.answers.values().filter(|a| a.is_chosen()).count();
        html! {
            <li class="sc-snapshot" data-snapshot={s.id.clone()}>
                <span class="sc-snap-label">{ s.label.clone() }</span>
                <span class="sc-snap-date">{ crate::core::report::date_ymd(s.taken) }</span>
                <span class="sc-entity-count">{ format!("{answered} {}", t(lang, Key::ProgressItems)) }</span>
                <button type="button" class="sc-btn sc-btn-danger" data-action="delete-snapshot" onclick={on_delete}>{ t(lang, Key::Delete) }</button>
            </li>
        }
    });

    // Export.
    let on_export_json = {
        let (catalog, active) = (catalog.clone(), active.clone());
        Callback::from(move |_: MouseEvent| export_json(&catalog, &active))
    };
    let on_export_csv = {
        let (catalog, active) = (catalog.clone(), active.clone());
        Callback::from(move |_: MouseEvent| {
            let text = to_csv(&catalog, &active, lang.tag());
            let _ = download(
                &export_file_name(&active.name, &catalog.id, &today(), "csv"),
                "text/csv;charset=utf-8",
                &text,
            );
        })
    };
    let on_print = Callback::from(|_: MouseEvent| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    });

    // Import.
    let on_import = {
        let (catalog, ws) = (catalog.clone(), ws.clone());
        let (import_msg, pending) = (import_msg.clone(), pending.clone());
        Callback::from(move |e: Event| {
            let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() else {
                return;
            };
            let (catalog, ws, import_msg, pending) = (
                catalog.clone(),
                ws.clone(),
                import_msg.clone(),
                pending.clone(),
            );
            wasm_bindgen_futures::spawn_local(async move {
                let Some((name, text)) = read_file(input, MAX_IMPORT_BYTES).await else {
                    return;
                };
                let result = text
                    .map_err(|e| match e {
                        ReadError::TooLarge(size) => {
                            let e = ImportError::TooLarge {
                                size,
                                limit: MAX_IMPORT_BYTES,
                            };
                            format!("{name}: {}", import_error(lang, &e))
                        }
                        ReadError::Unreadable(detail) => format!("{name}: {detail}"),
                    })
                    .and_then(|text| {
                        let doc = parse_import(&text, MAX_IMPORT_BYTES)
                            .map_err(|e| format!("{name}: {}", import_error(lang, &e)))?;
                        let plan = plan_import(&ws, &doc, &catalog)
                            .map_err(|e| format!("{name}: {}", import_error(lang, &e)))?;
                        Ok(Pending { doc, plan })
                    });
                match result {
                    Ok(p) => {
                        import_msg.set(None);
                        pending.set(Some(p));
                    }
                    Err(msg) => {
                        pending.set(None);
                        import_msg.set(Some((false, msg)));
                    }
                }
            });
        })
    };
    let preview = (*pending).clone().map(|p| {
        let apply = |choice: ImportChoice| {
            let (dispatch, ws, doc, pending, import_msg) = (props.dispatch.clone(), ws.clone(), p.doc.clone(), pending.clone(), import_msg.clone());
            Callback::from(move |_: MouseEvent| {
                match apply_import(&ws, &doc, choice, &new_id()) {
                    Ok(next) => {
                        dispatch.dispatch(Msg::Replace { workspace: next, new_id: new_id(), now: now() });
                        import_msg.set(Some((true, t(lang, Key::ImportDone).to_string())));
                    }
                    Err(e) => import_msg.set(Some((false, import_error(lang, &e)))),
                }
                pending.set(None);
            })
        };
        let cancel = {
            let pending = pending.clone();
            Callback::from(move |_: MouseEvent| pending.set(None))
        };
        let plan = &p.plan;
        html! {
            <div class="sc-import-preview" role="region" aria-labelledby="sc-imp-h" data-import="preview">
                <h3 id="sc-imp-h">{ t(lang, Key::ImportPreview) }</h3>
                <p>{ format!("{} — {} {}", entity_name(lang, &plan.incoming_name), plan.incoming_answers, t(lang, Key::ProgressItems)) }</p>
                if let Some(ex) = &plan.existing {
                    <p data-import="differs">{ format!("{} {}", ex.answers.len(), t(lang, Key::ImportDiffers)) }</p>
                    if !ex.answers.is_empty() {
                        <ul class="sc-diff">
                            { for ex.answers.iter().take(50).map(|d| {
                                let label = |a: &Option<crate::core::assessment::Answer>| {
                                    answer_label(lang, catalog, a.as_ref().map(|a| a.option.as_str()))
                                };
                                html! { <li>{ format!("No. {}: {} → {}", d.control, label(&d.current), label(&d.incoming)) }</li> }
                            }) }
                        </ul>
                    }
                    <div class="sc-row">
                        <button type="button" class="sc-btn sc-btn-primary" data-action="import-merge" onclick={apply(ImportChoice::Merge)}>{ t(lang, Key::ImportConfirm) }</button>
                        <button type="button" class="sc-btn" data-action="import-new" onclick={apply(ImportChoice::AsNew)}>{ t(lang, Key::ImportNew) }</button>
                        <button type="button" class="sc-btn" data-action="import-cancel" onclick={cancel}>{ t(lang, Key::Cancel) }</button>
                    </div>
                } else {
                    <p>{ t(lang, Key::ImportNew) }</p>
                    <div class="sc-row">
                        <button type="button" class="sc-btn sc-btn-primary" data-action="import-confirm" onclick={apply(ImportChoice::AsNew)}>{ t(lang, Key::ImportConfirm) }</button>
                        <button type="button" class="sc-btn" data-action="import-cancel" onclick={cancel}>{ t(lang, Key::Cancel) }</button>
                    </div>
                }
            </div>
        }
    });

    // Catalogs.
    let on_catalog_url = {
        let (cb, url) = (props.on_catalog.clone(), catalog_url.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if !url.trim().is_empty() {
                cb.emit(CatalogSource::Url(url.trim().to_string()));
            }
        })
    };
    let on_catalog_file = {
        let (cb, catalog_msg) = (props.on_catalog.clone(), catalog_msg.clone());
        Callback::from(move |e: Event| {
            let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() else {
                return;
            };
            let (cb, catalog_msg) = (cb.clone(), catalog_msg.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match read_file(input, MAX_CATALOG_BYTES).await {
                    Some((name, Ok(text))) => {
                        catalog_msg.set(None);
                        cb.emit(CatalogSource::File { name, text });
                    }
                    Some((name, Err(ReadError::TooLarge(size)))) => {
                        let e = CatalogError::TooLarge {
                            size,
                            limit: MAX_CATALOG_BYTES,
                        };
                        catalog_msg.set(Some(format!("{name}: {}", catalog_error(lang, &e))));
                    }
                    Some((name, Err(ReadError::Unreadable(detail)))) => {
                        catalog_msg.set(Some(format!("{name}: {detail}")));
                    }
                    None => {}
                }
            });
        })
    };
    let shipped_list = index
        .as_ref()
        .map(|i| i.catalogs.clone())
        .unwrap_or_default();

    // Delete all.
    let on_delete_all = {
        let (saver, dispatch, deleted) =
            (props.saver.clone(), props.dispatch.clone(), deleted.clone());
        Callback::from(move |_: MouseEvent| {
            if confirm(t(lang, Key::ConfirmDeleteAll)) {
                saver.borrow_mut().clear_all();
                dispatch.dispatch(Msg::Replace {
                    workspace: Workspace::default(),
                    new_id: new_id(),
                    now: now(),
                });
                deleted.set(true);
            }
        })
    };

    html! {
        <div class="sc-data">
            <section class="sc-card" aria-labelledby="sc-ent-h">
                <h2 id="sc-ent-h">{ t(lang, Key::Entities) }</h2>
                <p class="sc-help">{ t(lang, Key::EntitiesHelp) }</p>
                <ul class="sc-entities">{ for entity_rows }</ul>
                <form class="sc-row" onsubmit={on_create}>
                    <label class="sc-field sc-field-grow">
                        <span>{ t(lang, Key::EntityName) }</span>
                        <input type="text" data-field="new-entity" maxlength="200" value={(*new_name).clone()}
                            oninput={bind(&new_name)} />
                    </label>
                    <button type="submit" class="sc-btn" data-action="create-entity">{ t(lang, Key::NewEntity) }</button>
                </form>
            </section>

            <section class="sc-card" aria-labelledby="sc-snap-h">
                <h2 id="sc-snap-h">{ t(lang, Key::Snapshots) }{ format!(" — {}", entity_name(lang, &active.name)) }</h2>
                <p class="sc-help">{ t(lang, Key::SnapshotsHelp) }</p>
                if active.snapshots.is_empty() {
                    <p>{ t(lang, Key::NoSnapshots) }</p>
                } else {
                    <ul class="sc-snapshots">{ for snapshot_rows }</ul>
                }
                <form class="sc-row" onsubmit={on_snapshot}>
                    <label class="sc-field sc-field-grow">
                        <span>{ t(lang, Key::SnapshotLabel) }</span>
                        <input type="text" data-field="snapshot-label" maxlength="200" value={(*snap_label).clone()} placeholder={today()}
                            oninput={bind(&snap_label)} />
                    </label>
                    <button type="submit" class="sc-btn" data-action="take-snapshot">{ t(lang, Key::TakeSnapshot) }</button>
                </form>
            </section>

            <section class="sc-card" aria-labelledby="sc-exp-h">
                <h2 id="sc-exp-h">{ t(lang, Key::ExportImport) }</h2>
                <p class="sc-help">{ t(lang, Key::ExportHelp) }</p>
                <div class="sc-row">
                    <button type="button" class="sc-btn sc-btn-primary" data-action="export-json-data" onclick={on_export_json}>{ t(lang, Key::ExportJson) }</button>
                    <button type="button" class="sc-btn" data-action="export-csv" onclick={on_export_csv}>{ t(lang, Key::ExportCsv) }</button>
                    <button type="button" class="sc-btn" data-action="print" onclick={on_print}>{ t(lang, Key::Print) }</button>
                </div>
                <div class="sc-row">
                    <label class="sc-file">
                        <span>{ t(lang, Key::Import) }</span>
                        <input type="file" accept=".json,application/json" data-field="import" onchange={on_import} />
                    </label>
                </div>
                if let Some((ok, msg)) = &*import_msg {
                    <p class={if *ok { "sc-ok-msg" } else { "sc-field-error" }} role={if *ok { "status" } else { "alert" }} data-import="message">
                        if !*ok { <strong>{ t(lang, Key::ImportFailed) }{ ": " }</strong> }
                        { msg.clone() }
                    </p>
                }
                { preview.unwrap_or_default() }
            </section>

            <section class="sc-card" aria-labelledby="sc-cat-h">
                <h2 id="sc-cat-h">{ t(lang, Key::Catalogs) }</h2>
                <p class="sc-help">{ t(lang, Key::CatalogsHelp) }</p>
                <ul class="sc-catalogs">
                    { for shipped_list.iter().map(|e| {
                        let cb = props.on_catalog.clone();
                        let url = format!("catalogs/{}", e.file);
                        let current = e.id == catalog.id;
                        html! {
                            <li>
                                <span>{ e.title.get(lang.tag()).to_string() }</span>
                                if current { <span class="sc-badge">{ t(lang, Key::Opened) }</span> }
                                else { <button type="button" class="sc-btn" data-action="load-catalog" data-catalog={e.id.clone()}
                                    onclick={Callback::from(move |_: MouseEvent| cb.emit(CatalogSource::Url(url.clone())))}>{ t(lang, Key::Open) }</button> }
                            </li>
                        }
                    }) }
                </ul>
                <form class="sc-row" onsubmit={on_catalog_url}>
                    <label class="sc-field sc-field-grow">
                        <span>{ t(lang, Key::CatalogUrl) }</span>
                        <input type="url" data-field="catalog-url" value={(*catalog_url).clone()}
                            oninput={bind(&catalog_url)} />
                    </label>
                    <button type="submit" class="sc-btn">{ t(lang, Key::LoadCatalog) }</button>
                </form>
                <label class="sc-file">
                    <span>{ t(lang, Key::CatalogFromFile) }</span>
                    <input type="file" accept=".json,application/json" data-field="catalog-file" onchange={on_catalog_file} />
                </label>
                if let Some(msg) = &*catalog_msg {
                    <p class="sc-field-error" role="alert" data-catalog="message">
                        <strong>{ t(lang, Key::CatalogLoadFailed) }{ ": " }</strong>{ msg.clone() }
                    </p>
                }
                <dl class="sc-about">
                    <dt>{ t(lang, Key::Source) }</dt><dd>{ catalog.source.title.clone() }</dd>
                    if let Some(c) = &catalog.coverage {
                        <dt>{ t(lang, Key::Coverage) }</dt><dd>{ c.get(lang.tag()).to_string() }</dd>
                    }
                </dl>
                if !catalog.repairs.is_empty() {
                    <details class="sc-repairs">
                        <summary>{ format!("{} ({})", t(lang, Key::Repairs), catalog.repairs.len()) }</summary>
                        <ul>
                            { for catalog.repairs.iter().map(|r| html! {
                                <li><b>{ r.id.clone() }</b>{ r.target.as_ref().map(|t| format!(" [{t}]")).unwrap_or_default() }{ ": " }{ r.reason.clone() }</li>
                            }) }
                        </ul>
                    </details>
                }
            </section>

            <section class="sc-card" aria-labelledby="sc-priv-h">
                <h2 id="sc-priv-h">{ t(lang, Key::Privacy) }</h2>
                <p>{ t(lang, Key::PrivacyDetail) }</p>
                <p class="sc-help"><code>{ format!("localStorage: {}:*", props.namespace.as_str()) }</code></p>
                <button type="button" class="sc-btn sc-btn-danger" data-action="delete-all" onclick={on_delete_all}>{ t(lang, Key::DeleteAll) }</button>
                if *deleted {
                    <p role="status" class="sc-ok-msg">{ t(lang, Key::DeletedAll) }</p>
                }
            </section>
        </div>
    }
}
