//! The button that writes a file from the open assessment with the format
//! module (CSV, OSCAL, XLSX), loaded on the first click. What went wrong (the
//! module did not load, or refused) goes to `on_error` in the user's
//! language; the card that shows the button says it.

use crate::core::assessment::Assessment;
use crate::core::outline::IndexedCatalog;
use crate::i18n::{t, Key, Lang};
use crate::state::Shared;
use crate::web::formats::{download_assessment, AssessmentFile, FormatError};
use yew::prelude::*;

/// A format module failure as the user reads it.
fn format_error(lang: Lang, e: &FormatError) -> String {
    match e {
        FormatError::Unavailable(detail) => {
            format!("{}: {detail}", t(lang, Key::FormatModuleFailed))
        }
        FormatError::Refused { path, message, .. } => {
            format!("{path}: {}", message.get(lang.tag()))
        }
    }
}

/// The button for `file`, made from `assessment` against `catalog`. A plain
/// function, not a component: it holds no state, and a component of its own
/// would cost the first download about a kilobyte.
pub fn file_button(
    catalog: &Shared<IndexedCatalog>,
    assessment: &Assessment,
    lang: Lang,
    file: AssessmentFile,
    on_error: &Callback<String>,
) -> Html {
    let (action, key) = match file {
        AssessmentFile::Csv => ("export-csv", Key::ExportCsv),
        AssessmentFile::OscalResults => ("export-oscal", Key::ExportOscal),
        AssessmentFile::Xlsx => ("export-xlsx", Key::ExportXlsx),
    };
    let onclick = {
        let (catalog, active, on_error) = (catalog.clone(), assessment.clone(), on_error.clone());
        Callback::from(move |_: MouseEvent| {
            let (catalog, active, on_error) = (catalog.clone(), active.clone(), on_error.clone());
            wasm_bindgen_futures::spawn_local(async move {
                if let Err(e) = download_assessment(file, &catalog, &active, lang.tag()).await {
                    on_error.emit(format_error(lang, &e));
                }
            });
        })
    };
    html! {
        <button type="button" class="sc-btn" data-action={action} {onclick}>{ t(lang, key) }</button>
    }
}
