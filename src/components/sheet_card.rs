//! The check-sheet card: an association's sheet (XLSX, CSV or TSV in the
//! 7-column layout) chosen here is converted by the workbook module (loaded
//! only now) and previewed: items per level and per label, the first items,
//! every row that could not be read with its row and column. Then "use this
//! checklist" loads it like a catalog file, and "download" saves the
//! catalog JSON for the association to ship. The preview itself is built by
//! the workbook module (as DOM, texts as text nodes), so this card, which is
//! in the first download, is only the file input, the container and the two
//! buttons. A change of language previews the same file again.

use crate::components::problem::problem;
use crate::core::catalog::CatalogError;
use crate::core::sheet::MAX_SHEET_BYTES;
use crate::core::source::CatalogSource;
use crate::i18n::{catalog_error, t, Explained, Key, Lang};
use crate::web::download::download;
use crate::web::files::{read_file_bytes, ReadError};
use crate::web::formats::{sheet_preview, FormatError, SheetPreview};
use std::rc::Rc;
use yew::prelude::*;

/// Properties of [`SheetCard`].
#[derive(Properties, PartialEq)]
pub struct SheetCardProps {
    /// UI language.
    pub lang: Lang,
    /// Loads the converted catalog.
    pub on_catalog: Callback<CatalogSource>,
}

#[derive(Clone, PartialEq)]
enum Shown {
    Nothing,
    Reading,
    Failed(String, Explained),
    Ready(SheetPreview),
}

/// The file chosen last: name, date, bytes (kept to preview it again in another language).
type Chosen = Rc<(String, String, Vec<u8>)>;

/// Why the file was not converted, as the user is told.
fn failure(lang: Lang, e: ReadOrFormat) -> Explained {
    match e {
        ReadOrFormat::Read(ReadError::TooLarge(size)) => catalog_error(
            lang,
            &CatalogError::TooLarge {
                size,
                limit: MAX_SHEET_BYTES,
            },
        ),
        ReadOrFormat::Read(ReadError::Unreadable(d))
        | ReadOrFormat::Format(FormatError::Unavailable(d)) => Explained {
            text: t(lang, Key::FileUnreadable).to_string(),
            detail: Some(d),
        },
        ReadOrFormat::Format(FormatError::Refused { message, .. }) => Explained {
            text: message.get(lang.tag()).to_string(),
            detail: None,
        },
    }
}

enum ReadOrFormat {
    Read(ReadError),
    Format(FormatError),
}

/// Previews `file` in `lang` and shows the outcome.
async fn convert(file: Chosen, lang: Lang, shown: UseStateHandle<Shown>) {
    shown.set(Shown::Reading);
    let (name, modified, bytes) = &*file;
    shown.set(
        match sheet_preview(bytes, name, modified, lang.tag()).await {
            Ok(p) => Shown::Ready(p),
            Err(e) => Shown::Failed(name.clone(), failure(lang, ReadOrFormat::Format(e))),
        },
    );
}

/// The check-sheet card.
#[component]
pub fn SheetCard(props: &SheetCardProps) -> Html {
    let lang = props.lang;
    let shown = use_state(|| Shown::Nothing);
    let chosen = use_state(|| None::<Chosen>);
    {
        let shown = shown.clone();
        use_effect_with((lang, (*chosen).clone()), move |(lang, chosen)| {
            if let Some(file) = chosen.clone() {
                wasm_bindgen_futures::spawn_local(convert(file, *lang, shown));
            }
        });
    }
    let on_file = {
        let (shown, chosen) = (shown.clone(), chosen.clone());
        Callback::from(move |e: Event| {
            let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() else {
                return;
            };
            let (shown, chosen) = (shown.clone(), chosen.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let Some(file) = read_file_bytes(input, MAX_SHEET_BYTES).await else {
                    return;
                };
                match file.bytes {
                    Ok(bytes) => chosen.set(Some(Rc::new((file.name, file.modified, bytes)))),
                    Err(e) => {
                        chosen.set(None);
                        shown.set(Shown::Failed(
                            file.name,
                            failure(lang, ReadOrFormat::Read(e)),
                        ));
                    }
                }
            });
        })
    };
    let body = match &*shown {
        Shown::Nothing => html! {},
        Shown::Reading => html! { <p role="status">{ t(lang, Key::SheetReading) }</p> },
        Shown::Failed(name, why) => html! {
            <div class="sc-field-error" role="alert" data-sheet="message">
                <strong>{ t(lang, Key::SheetRefused) }{ ": " }</strong>{ problem(lang, Some(name), why) }
            </div>
        },
        Shown::Ready(p) => {
            let view = Html::VRef(p.view.clone().into());
            let buttons = p.catalog.clone().map(|(json, id)| {
                let name = chosen.as_ref().map(|c| c.0.clone()).unwrap_or_default();
                let on_use = {
                    let (cb, json) = (props.on_catalog.clone(), json.clone());
                    Callback::from(move |_: MouseEvent| {
                        cb.emit(CatalogSource::File {
                            name: name.clone(),
                            text: json.clone(),
                        })
                    })
                };
                let on_download = Callback::from(move |_: MouseEvent| {
                    let _ = download(&format!("{id}.json"), "application/json", &json);
                });
                html! {
                    <div class="sc-row">
                        <button type="button" class="sc-btn sc-btn-primary" data-action="sheet-use" onclick={on_use}>{ t(lang, Key::SheetUse) }</button>
                        <button type="button" class="sc-btn" data-action="sheet-download" onclick={on_download}>{ t(lang, Key::SheetDownload) }</button>
                    </div>
                }
            });
            html! { <>{ view }{ for buttons }</> }
        }
    };
    html! {
        <section class="sc-card" aria-labelledby="sc-sheet-h">
            <h2 id="sc-sheet-h">{ t(lang, Key::Sheet) }</h2>
            <p class="sc-help">{ t(lang, Key::SheetHelp) }</p>
            <label class="sc-file">
                <span>{ t(lang, Key::SheetFile) }</span>
                <input type="file" data-field="sheet-file" onchange={on_file}
                    accept=".xlsx,.csv,.tsv,.txt,text/csv,text/tab-separated-values,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" />
            </label>
            { body }
        </section>
    }
}
