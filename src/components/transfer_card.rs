//! The export and import card: JSON, Excel (XLSX), CSV, OSCAL and print; import of an export
//! file with a preview of what it would change, applied only when the user
//! confirms (the session applies it: [`Msg::Import`]).

use crate::components::file_button::file_button;
use crate::components::problem::problem;
use crate::core::assessment::{Action, Answer, Assessment, Workspace};
use crate::core::outline::IndexedCatalog;
use crate::core::report::{
    plan_import, ImportChoice, ImportError, ImportPlan, Incoming, MAX_IMPORT_BYTES,
};
use crate::core::session::{Fresh, Msg, Outcome};
use crate::i18n::{answer_label, entity_name, import_error, t, Explained, Key, Lang};
use crate::state::Shared;
use crate::web::clock::now;
use crate::web::download::export_json;
use crate::web::files::{read_file, ReadError};
use crate::web::formats::{read_import, AssessmentFile, FormatError};
use crate::web::ids::new_id;
use std::rc::Rc;
use yew::prelude::*;

/// Properties of [`TransferCard`].
#[derive(Properties, PartialEq)]
pub struct TransferCardProps {
    /// The catalog.
    pub catalog: Shared<IndexedCatalog>,
    /// Every assessment (an import is planned against them).
    pub workspace: Workspace,
    /// The open assessment (what is exported).
    pub assessment: Assessment,
    /// UI language.
    pub lang: Lang,
    /// Sends a message to the session.
    pub on_msg: Callback<Msg>,
    /// What the last import did.
    pub outcome: Option<Outcome>,
}

/// A chosen file, read and checked: what it would change.
#[derive(Clone, PartialEq)]
struct Pending {
    incoming: Rc<Incoming>,
    plan: ImportPlan,
    /// The picked file's name.
    file: String,
}

/// What the card says about the last import.
#[derive(Clone, PartialEq)]
enum Said {
    /// Nothing.
    Nothing,
    /// The chosen file cannot be imported (its name, and why).
    Refused(String, Explained),
    /// The confirmed import: the session's outcome.
    Outcome,
    /// A file could not be written (the format module did not load, or refused).
    ExportFailed(String),
}

/// Reads and checks a chosen file against the workspace and the catalog. The
/// file is read by the format module (loaded on the first import: its reader
/// is not in the first download); what it holds is checked here.
async fn check(
    file: String,
    text: Result<String, ReadError>,
    ws: &Workspace,
    catalog: &IndexedCatalog,
    lang: Lang,
) -> Result<Pending, Explained> {
    let fail = |e: ImportError| import_error(lang, &e);
    let text = text.map_err(|e| match e {
        ReadError::TooLarge(size) => fail(ImportError::TooLarge {
            size,
            limit: MAX_IMPORT_BYTES,
        }),
        ReadError::Unreadable(detail) => Explained {
            text: t(lang, Key::FileUnreadable).to_string(),
            detail: Some(detail),
        },
    })?;
    let incoming = read_import(&text).await.map_err(|e| match e {
        FormatError::Refused {
            message, detail, ..
        } => Explained {
            text: message.get(lang.tag()).to_string(),
            detail: detail.map(|d| d.get(lang.tag()).to_string()),
        },
        FormatError::Unavailable(why) => Explained {
            text: t(lang, Key::FormatModuleFailed).to_string(),
            detail: Some(why),
        },
    })?;
    let plan = plan_import(ws, &incoming, catalog).map_err(fail)?;
    Ok(Pending {
        incoming: Rc::new(incoming),
        plan,
        file,
    })
}

/// The export and import card.
#[component]
pub fn TransferCard(props: &TransferCardProps) -> Html {
    let lang = props.lang;
    let catalog = &props.catalog;
    let said = use_state(|| Said::Nothing);
    let pending = use_state(|| None::<Pending>);
    let on_export_json = {
        let (catalog, active, on_msg) = (
            catalog.clone(),
            props.assessment.clone(),
            props.on_msg.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            if let Some(now) = export_json(&catalog, &active) {
                on_msg.emit(Msg::Apply(Action::Exported { now }));
            }
        })
    };
    // CSV, OSCAL and XLSX are written by the format module, loaded on first use.
    let on_export_error = {
        let said = said.clone();
        Callback::from(move |why: String| said.set(Said::ExportFailed(why)))
    };
    let file_button = |file: AssessmentFile| {
        file_button(catalog, &props.assessment, lang, file, &on_export_error)
    };
    let on_print = Callback::from(|_: MouseEvent| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    });
    let on_import = {
        let (catalog, ws) = (catalog.clone(), props.workspace.clone());
        let (said, pending) = (said.clone(), pending.clone());
        Callback::from(move |e: Event| {
            let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() else {
                return;
            };
            let (catalog, ws, said, pending) =
                (catalog.clone(), ws.clone(), said.clone(), pending.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let Some((name, text)) = read_file(input, MAX_IMPORT_BYTES).await else {
                    return;
                };
                match check(name.clone(), text, &ws, &catalog, lang).await {
                    Ok(p) => {
                        said.set(Said::Nothing);
                        pending.set(Some(p));
                    }
                    Err(why) => {
                        pending.set(None);
                        said.set(Said::Refused(name, why));
                    }
                }
            });
        })
    };
    let message = match (&*said, &props.outcome) {
        (Said::ExportFailed(why), _) => Some(html! {
            <div class="sc-field-error" role="alert" data-export="message">{ why.clone() }</div>
        }),
        (Said::Refused(name, why), _) => Some(html! {
            <div class="sc-field-error" role="alert" data-import="message">
                <strong>{ t(lang, Key::ImportFailed) }{ ": " }</strong>
                { problem(lang, Some(name), why) }
            </div>
        }),
        (Said::Outcome, Some(Outcome::Imported)) => Some(html! {
            <p class="sc-ok-msg" role="status" data-import="message">{ t(lang, Key::ImportDone) }</p>
        }),
        (Said::Outcome, Some(Outcome::ImportFailed(e))) => Some(html! {
            <div class="sc-field-error" role="alert" data-import="message">
                <strong>{ t(lang, Key::ImportFailed) }{ ": " }</strong>
                { problem(lang, None, &import_error(lang, e)) }
            </div>
        }),
        _ => None,
    };
    let preview = (*pending).clone().map(|p| {
        let apply = |choice: ImportChoice| {
            let (on_msg, incoming, file, pending, said) =
                (props.on_msg.clone(), p.incoming.clone(), p.file.clone(), pending.clone(), said.clone());
            Callback::from(move |_: MouseEvent| {
                on_msg.emit(Msg::Import { incoming: incoming.clone(), choice, fresh: Fresh { id: new_id(), now: now() }, file: file.clone() });
                said.set(Said::Outcome);
                pending.set(None);
            })
        };
        let cancel = {
            let pending = pending.clone();
            Callback::from(move |_: MouseEvent| pending.set(None))
        };
        let plan = &p.plan;
        let label = |a: &Option<Answer>| answer_label(lang, catalog, a.as_ref().map(|a| a.option.as_str()));
        html! {
            <div class="sc-import-preview" role="region" aria-labelledby="sc-imp-h" data-import="preview">
                <h3 id="sc-imp-h">{ t(lang, Key::ImportPreview) }</h3>
                <p>{ format!("{} — {} {}", entity_name(lang, &plan.incoming_name), plan.incoming_answers, t(lang, Key::ProgressItems)) }</p>
                if let Some(ex) = &plan.existing {
                    <p data-import="differs">{ format!("{} {}", ex.answers.len(), t(lang, Key::ImportDiffers)) }</p>
                    if !ex.answers.is_empty() {
                        <ul class="sc-diff">
                            { for ex.answers.iter().take(50).map(|d| html! {
                                <li>{ format!("{}: {} → {}", catalog.label(&d.control), label(&d.current), label(&d.incoming)) }</li>
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
    html! {
        <section class="sc-card" aria-labelledby="sc-exp-h">
            <h2 id="sc-exp-h">{ t(lang, Key::ExportImport) }</h2>
            <p class="sc-help">{ t(lang, Key::ExportHelp) }</p>
            <div class="sc-row">
                <button type="button" class="sc-btn sc-btn-primary" data-action="export-json-data" onclick={on_export_json}>{ t(lang, Key::ExportJson) }</button>
                { file_button(AssessmentFile::Xlsx) }
                { file_button(AssessmentFile::Csv) }
                { file_button(AssessmentFile::OscalResults) }
                <button type="button" class="sc-btn" data-action="print" onclick={on_print}>{ t(lang, Key::Print) }</button>
            </div>
            <div class="sc-row">
                <label class="sc-file">
                    <span>{ t(lang, Key::Import) }</span>
                    <input type="file" accept=".json,application/json" data-field="import" onchange={on_import} />
                </label>
            </div>
            { message.unwrap_or_default() }
            { preview.unwrap_or_default() }
        </section>
    }
}
