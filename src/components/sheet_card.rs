//! The check-sheet card: an association's sheet (XLSX, CSV or TSV in the
//! 7-column layout) chosen here is converted by the format module (loaded
//! only now) and previewed: items per level and per label, the first items,
//! every row that could not be read with its row and column. Then "use this
//! checklist" loads it like a catalog file, and "download" saves the
//! catalog JSON for the association to ship.

use crate::components::problem::problem;
use crate::core::catalog::{CatalogError, Text};
use crate::core::sheet::{Count, Preview, MAX_SHEET_BYTES};
use crate::core::source::CatalogSource;
use crate::i18n::{catalog_error, t, Explained, Key, Lang};
use crate::web::download::download;
use crate::web::files::{read_file_bytes, ReadError};
use crate::web::formats::{sheet_preview, FormatError};
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
    Ready(Box<Preview>),
}

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

fn counts(lang: Lang, caption: Key, rows: &[Count], data: &'static str) -> Html {
    html! {
        <table class="sc-table sc-sheet-counts" data-sheet={data}>
            <caption>{ t(lang, caption) }</caption>
            <tbody>
                { for rows.iter().map(|c| html! {
                    <tr><th scope="row">{ c.label.get(lang.tag()).to_string() }</th><td>{ c.count }</td></tr>
                }) }
            </tbody>
        </table>
    }
}

fn preview_view(
    lang: Lang,
    p: &Preview,
    on_use: Callback<MouseEvent>,
    on_download: Callback<MouseEvent>,
) -> Html {
    let text = |x: &Text| x.get(lang.tag()).to_string();
    html! {
        <div class="sc-import-preview" role="region" aria-labelledby="sc-sheet-pv" data-sheet="preview">
            <h3 id="sc-sheet-pv">{ t(lang, Key::SheetPreview) }</h3>
            <p><b>{ p.file.clone() }</b>
                if let Some(w) = &p.worksheet { { format!(" ({}: {w})", t(lang, Key::SheetWorksheet)) } }
            </p>
            if let Some(why) = &p.refused {
                <p class="sc-field-error" role="alert" data-sheet="refused">
                    <strong>{ t(lang, Key::SheetRefused) }{ ": " }</strong>{ text(why) }
                </p>
            } else {
                <p data-sheet="items">{ format!("{}: {}", t(lang, Key::SheetItems), p.items) }</p>
                <div class="sc-sheet-tables">
                    { counts(lang, Key::SheetPerLevel, &p.levels, "levels") }
                    { counts(lang, Key::SheetPerGroup, &p.groups, "groups") }
                </div>
                <div class="sc-sheet-scroll">
                    <table class="sc-table" data-sheet="first">
                        <caption>{ t(lang, Key::SheetFirst) }</caption>
                        <thead><tr>
                            <th scope="col">{ t(lang, Key::ColNumber) }</th>
                            <th scope="col">{ t(lang, Key::ColLevel) }</th>
                            <th scope="col">{ t(lang, Key::ColLabel) }</th>
                            <th scope="col">{ t(lang, Key::ColCondition) }</th>
                        </tr></thead>
                        <tbody>
                            { for p.first.iter().map(|r| html! {
                                <tr><td>{ r.number.clone() }</td><td>{ r.level.clone() }</td>
                                    <td class="sc-wrap">{ r.label.clone() }</td><td class="sc-wrap">{ r.condition.clone() }</td></tr>
                            }) }
                        </tbody>
                    </table>
                </div>
            }
            <h4>{ format!("{} ({})", t(lang, Key::SheetSkipped), p.skipped.len()) }</h4>
            if p.skipped.is_empty() {
                <p data-sheet="none-skipped">{ t(lang, Key::SheetNoneSkipped) }</p>
            } else {
                <ul class="sc-sheet-skipped" data-sheet="skipped">
                    { for p.skipped.iter().map(|s| html! {
                        <li data-row={s.row.to_string()}>{ text(&s.message) }</li>
                    }) }
                </ul>
            }
            if p.catalog.is_some() {
                <div class="sc-row">
                    <button type="button" class="sc-btn sc-btn-primary" data-action="sheet-use" onclick={on_use}>{ t(lang, Key::SheetUse) }</button>
                    <button type="button" class="sc-btn" data-action="sheet-download" onclick={on_download}>{ t(lang, Key::SheetDownload) }</button>
                </div>
            }
        </div>
    }
}

/// The check-sheet card.
#[component]
pub fn SheetCard(props: &SheetCardProps) -> Html {
    let lang = props.lang;
    let shown = use_state(|| Shown::Nothing);
    let on_file = {
        let shown = shown.clone();
        Callback::from(move |e: Event| {
            let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() else {
                return;
            };
            let shown = shown.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let Some(file) = read_file_bytes(input, MAX_SHEET_BYTES).await else {
                    return;
                };
                shown.set(Shown::Reading);
                let result = match file.bytes {
                    Err(e) => Err(ReadOrFormat::Read(e)),
                    Ok(bytes) => sheet_preview(&bytes, &file.name, &file.modified)
                        .await
                        .map_err(ReadOrFormat::Format),
                };
                shown.set(match result {
                    Ok(p) => Shown::Ready(Box::new(p)),
                    Err(e) => Shown::Failed(file.name, failure(lang, e)),
                });
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
            let json = p.catalog.clone().unwrap_or_default();
            let on_use = {
                let (cb, name, json) = (props.on_catalog.clone(), p.file.clone(), json.clone());
                Callback::from(move |_: MouseEvent| {
                    cb.emit(CatalogSource::File {
                        name: name.clone(),
                        text: json.clone(),
                    })
                })
            };
            let file = format!("{}.json", p.catalog_id.clone().unwrap_or_default());
            let on_download = Callback::from(move |_: MouseEvent| {
                let _ = download(&file, "application/json", &json);
            });
            preview_view(lang, p, on_use, on_download)
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
