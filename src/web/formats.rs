//! The format modules (`crates/formats`, `crates/workbook`), loaded on first use.
//!
//! What the respondent's first screen does not need (OSCAL conversion, CSV,
//! check-sheet readers, the peer comparison, the reader of import files) is a second wasm module,
//! `pkg/selfcheck_formats.js` + `_bg.wasm`, and the XLSX writer, larger than
//! all of those together, a third, `pkg/selfcheck_workbook.js`; each is
//! fetched with a dynamic `import()` the first time one of its functions is
//! called, and kept for the rest of the page's life. It is a same-origin GET of the widget's own
//! files, like the catalog. The loader is a small JavaScript snippet that
//! wasm-bindgen places in `pkg/snippets/…/`, so the module's address is found
//! relative to the snippet itself (`../../`), wherever the widget is served.

use crate::core::assessment::{Assessment, Millis};
use crate::core::catalog::{Catalog, Text};
use crate::core::report::{export_doc, export_file_name, to_json, Incoming};
use crate::web::clock::{now, offset_minutes, today};
use crate::web::download::download_parts;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

// The loader and the call are JavaScript: an error comes back as
// `[path, ja, en]` (the module's refusal) or `[null, message]` (the module
// could not be loaded or failed), which keeps the glue in the first
// download to a few hundred bytes.
#[wasm_bindgen(inline_js = r#"
const loading = {};
function load(module) {
  if (!loading[module]) {
    const url = new URL(`../../${module}.js`, import.meta.url).href;
    loading[module] = import(url).then(async (m) => { await m.default(); return m; });
    loading[module].catch(() => { delete loading[module]; });
  }
  return loading[module];
}
export async function sc_format(module, name, args) {
  let m;
  try { m = await load(module); return m[name](...args); }
  catch (e) { throw Array.isArray(e) ? e : [null, String((e && e.message) || e)]; }
}
"#)]
extern "C" {
    #[wasm_bindgen(catch)]
    async fn sc_format(module: &str, name: &str, args: js_sys::Array) -> Result<JsValue, JsValue>;
}

/// Why a call into the format module failed.
#[derive(Debug, Clone, PartialEq)]
pub enum FormatError {
    /// The module could not be loaded (network, blocked) or failed: the browser's message.
    Unavailable(String),
    /// The input was refused: where, and what, in both UI languages.
    Refused {
        /// Where in the input (a path such as `catalog.groups[2].title`).
        path: String,
        /// What is wrong.
        message: Text,
        /// The technical detail, when the module gave one (the parser's words).
        detail: Option<Text>,
    },
}

/// The format module (`crates/formats`).
const FORMATS: &str = "selfcheck_formats";
/// The XLSX module (`crates/workbook`).
const WORKBOOK: &str = "selfcheck_workbook";

/// Calls the format module's export `name` with `args`.
async fn call(name: &str, args: js_sys::Array) -> Result<JsValue, FormatError> {
    call_in(FORMATS, name, args).await
}

/// Calls the export `name` of `module` (`pkg/{module}.js`) with `args`.
async fn call_in(module: &str, name: &str, args: js_sys::Array) -> Result<JsValue, FormatError> {
    sc_format(module, name, args).await.map_err(|e| {
        let a: js_sys::Array = e.unchecked_into();
        let s = |i| a.get(i).as_string().unwrap_or_default();
        match a.get(0).as_string() {
            Some(path) => FormatError::Refused {
                path,
                message: Text::both(s(1), s(2)),
                detail: a
                    .get(3)
                    .as_string()
                    .map(|ja| Text::both(ja, a.get(4).as_string().unwrap_or_default())),
            },
            None => FormatError::Unavailable(s(1)),
        }
    })
}

/// Reads an export file picked for import (the format module applies
/// `core::report::parse_import`) and returns what the widget takes of it.
/// The file's format (its reader and limit checks) is not in the first
/// download; what comes back is an assessment in the form the widget stores.
pub async fn read_import(text: &str) -> Result<Incoming, FormatError> {
    let out: js_sys::Array = call("read_import", js_sys::Array::of1(&JsValue::from_str(text)))
        .await?
        .unchecked_into();
    // Both parts or neither: a missing hash is no hash of "" (which would
    // report the catalog's text as changed), it is a module that misbehaved.
    let (Some(assessment), Some(content_hash)) = (out.get(0).as_string(), out.get(1).as_string())
    else {
        return Err(FormatError::Unavailable(
            "read_import: not [assessment, content hash]".into(),
        ));
    };
    let assessment =
        serde_json::from_str(&assessment).map_err(|e| FormatError::Unavailable(e.to_string()))?;
    Ok(Incoming {
        assessment,
        content_hash,
    })
}

/// Converts an OSCAL catalog (JSON text) loaded from `file` to catalog JSON.
pub async fn oscal_catalog(text: &str, file: &str) -> Result<String, FormatError> {
    let args = js_sys::Array::of2(&JsValue::from_str(text), &JsValue::from_str(file));
    let out = call("oscal_catalog", args).await?;
    Ok(out.as_string().unwrap_or_default())
}

/// A check sheet converted by the format module: its preview (built there,
/// as DOM) and the catalog JSON, if one could be made.
#[derive(Debug, Clone, PartialEq)]
pub struct SheetPreview {
    /// The preview, a detached element to show as it is.
    pub view: web_sys::Element,
    /// The catalog as pretty JSON, and its id.
    pub catalog: Option<(String, String)>,
}

/// The preview of an association's check sheet (XLSX, CSV or TSV bytes)
/// named `file`, last changed on `issued` (the converted catalog's date), in `lang`.
pub async fn sheet_preview(
    bytes: &[u8],
    file: &str,
    issued: &str,
    lang: &str,
) -> Result<SheetPreview, FormatError> {
    let args = js_sys::Array::of4(
        &js_sys::Uint8Array::from(bytes).into(),
        &JsValue::from_str(file),
        &JsValue::from_str(issued),
        &JsValue::from_str(lang),
    );
    let out: js_sys::Array = call_in(WORKBOOK, "sheet_preview", args)
        .await?
        .unchecked_into();
    let view = out
        .get(0)
        .dyn_into::<web_sys::Element>()
        .map_err(|_| FormatError::Unavailable("no preview".into()))?;
    let catalog = out.get(1).as_string().zip(out.get(2).as_string());
    Ok(SheetPreview { view, catalog })
}

/// A file made from an assessment by the format module.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AssessmentFile {
    /// CSV for Excel (`core::report::to_csv`).
    Csv,
    /// OSCAL assessment-results (`core::oscal_out`).
    OscalResults,
    /// The check sheet as an Excel workbook (`crates/workbook/src/xlsx.rs`).
    Xlsx,
}

impl AssessmentFile {
    /// (module, its export, MIME type, file name extension).
    fn parts(self) -> (&'static str, &'static str, &'static str, &'static str) {
        match self {
            AssessmentFile::Csv => (FORMATS, "csv", "text/csv;charset=utf-8", "csv"),
            AssessmentFile::OscalResults => {
                (FORMATS, "oscal_results", "application/json", "oscal.json")
            }
            AssessmentFile::Xlsx => (
                WORKBOOK,
                "xlsx",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "xlsx",
            ),
        }
    }
}

/// The arguments every assessment export of the module takes: catalog JSON,
/// the assessment's export JSON (so the figures are those of the JSON
/// export), then `rest`.
fn handover(
    catalog: &Catalog,
    a: &Assessment,
    at: Millis,
    rest: &[JsValue],
) -> Result<js_sys::Array, FormatError> {
    let fail = |e: String| FormatError::Unavailable(e);
    let doc = export_doc(catalog, a, at)
        .and_then(|d| to_json(&d))
        .map_err(|e| fail(e.to_string()))?;
    let cat = serde_json::to_string(catalog).map_err(|e| fail(e.to_string()))?;
    let args = js_sys::Array::of2(&JsValue::from_str(&cat), &JsValue::from_str(&doc));
    for r in rest {
        args.push(r);
    }
    Ok(args)
}

/// Makes `file` from the assessment `a` (through its export document, so
/// the figures are those of the JSON export) and offers it as a download
/// named after the entity, the catalog and today's date.
pub async fn download_assessment(
    file: AssessmentFile,
    catalog: &Catalog,
    a: &Assessment,
    lang: &str,
) -> Result<(), FormatError> {
    let fail = |e: String| FormatError::Unavailable(e);
    let at = now();
    let (module, export, mime, ext) = file.parts();
    // Every export takes (catalog, export, lang); the XLSX also the user's
    // time zone (a fourth argument the others ignore).
    let rest = [
        JsValue::from_str(lang),
        JsValue::from_f64(offset_minutes(at) as f64),
    ];
    let out = call_in(module, export, handover(catalog, a, at, &rest)?).await?;
    let name = export_file_name(&a.name, &catalog.id, &today(), ext);
    download_parts(&name, mime, &js_sys::Array::of1(&out))
        .map_err(|_| fail("the download could not start".into()))
}

/// One row of the peer comparison, as the format module laid it out.
#[derive(Debug, Clone, PartialEq)]
pub struct PeerRow {
    /// `overall`, `level` or `group`.
    pub kind: String,
    /// Area, you, median, middle 50%, lowest–highest, where you stand.
    pub cells: Vec<String>,
    /// The sentence shown instead of a figure the benchmark withheld.
    pub withheld: Option<String>,
    /// Box plot positions on `0..=120`: min, q1, median, q3, max.
    pub plot: Option<Vec<f64>>,
    /// The respondent's mark on the plot.
    pub mine: Option<f64>,
}

/// The peer comparison, laid out by the format module (`benchmark_position`)
/// in the UI language: the widget shows these texts as they are, so neither
/// the benchmark reader, the comparison nor their words are in its first
/// download.
#[derive(Debug, Clone, PartialEq)]
pub struct PeerPosition {
    /// "Respondents 8 · Made on …".
    pub meta: String,
    /// Column headings.
    pub columns: Vec<String>,
    /// Overall, per level, per group.
    pub rows: Vec<PeerRow>,
    /// Heading, help and empty-list sentence of the closed gaps.
    pub closed_words: Vec<String>,
    /// Gaps most peers closed: control id, label, share.
    pub closed: Vec<Vec<String>>,
}

/// The respondent's position against `benchmark` (the file's text).
pub async fn peer_position(
    catalog: &Catalog,
    a: &Assessment,
    benchmark: &str,
    lang: &str,
) -> Result<PeerPosition, FormatError> {
    let out: js_sys::Array = call(
        "benchmark_position",
        handover(
            catalog,
            a,
            now(),
            &[JsValue::from_str(benchmark), JsValue::from_str(lang)],
        )?,
    )
    .await?
    .unchecked_into();
    fn arr(v: JsValue) -> js_sys::Array {
        v.dyn_into().unwrap_or_default()
    }
    let text = |v: JsValue| v.as_string().unwrap_or_default();
    let texts = |v: JsValue| arr(v).iter().map(text).collect::<Vec<_>>();
    let rows = arr(out.get(2))
        .iter()
        .map(|r| {
            let r = arr(r);
            let plot = r.get(3);
            PeerRow {
                kind: text(r.get(0)),
                cells: texts(r.get(1)),
                withheld: r.get(2).as_string(),
                plot: (!plot.is_null())
                    .then(|| arr(plot).iter().filter_map(|x| x.as_f64()).collect()),
                mine: r.get(4).as_f64(),
            }
        })
        .collect();
    Ok(PeerPosition {
        meta: text(out.get(0)),
        columns: texts(out.get(1)),
        rows,
        closed_words: texts(out.get(3)),
        closed: arr(out.get(4)).iter().map(texts).collect(),
    })
}
