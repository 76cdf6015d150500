//! The format module (`crates/formats`), loaded on first use.
//!
//! What the respondent's first screen does not need (OSCAL conversion, the
//! XLSX writer, check-sheet readers) is a second wasm module,
//! `pkg/selfcheck_formats.js` + `_bg.wasm`, fetched with a dynamic
//! `import()` the first time one of these functions is called, and kept for
//! the rest of the page's life. It is a same-origin GET of the widget's own
//! files, like the catalog. The loader is a small JavaScript snippet that
//! wasm-bindgen places in `pkg/snippets/…/`, so the module's address is found
//! relative to the snippet itself (`../../`), wherever the widget is served.

use crate::core::assessment::Assessment;
use crate::core::catalog::{Catalog, Text};
use crate::core::report::{export_doc, export_file_name, to_json};
use crate::web::clock::{now, offset_minutes, today};
use crate::web::download::download_parts;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

// The loader and the call are JavaScript: an error comes back as
// `[path, ja, en]` (the module's refusal) or `[null, message]` (the module
// could not be loaded or failed), which keeps the glue in the first
// download to a few hundred bytes.
#[wasm_bindgen(inline_js = r#"
let loading;
function load() {
  if (!loading) {
    const url = new URL('../../selfcheck_formats.js', import.meta.url).href;
    loading = import(url).then(async (m) => { await m.default(); return m; });
    loading.catch(() => { loading = undefined; });
  }
  return loading;
}
export async function sc_format(name, args) {
  let m;
  try { m = await load(); return m[name](...args); }
  catch (e) { throw Array.isArray(e) ? e : [null, String((e && e.message) || e)]; }
}
"#)]
extern "C" {
    #[wasm_bindgen(catch)]
    async fn sc_format(name: &str, args: js_sys::Array) -> Result<JsValue, JsValue>;
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
    },
}

/// Calls the format module's export `name` with `args`.
async fn call(name: &str, args: js_sys::Array) -> Result<JsValue, FormatError> {
    sc_format(name, args).await.map_err(|e| {
        let a: js_sys::Array = e.unchecked_into();
        let s = |i| a.get(i).as_string().unwrap_or_default();
        match a.get(0).as_string() {
            Some(path) => FormatError::Refused {
                path,
                message: Text::both(s(1), s(2)),
            },
            None => FormatError::Unavailable(s(1)),
        }
    })
}

/// Converts an OSCAL catalog (JSON text) loaded from `file` to catalog JSON.
pub async fn oscal_catalog(text: &str, file: &str) -> Result<String, FormatError> {
    let args = js_sys::Array::of2(&JsValue::from_str(text), &JsValue::from_str(file));
    let out = call("oscal_catalog", args).await?;
    Ok(out.as_string().unwrap_or_default())
}

/// A file made from an assessment by the format module.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AssessmentFile {
    /// CSV for Excel (`core::report::to_csv`).
    Csv,
    /// OSCAL assessment-results (`core::oscal_out`).
    OscalResults,
    /// The check sheet as an Excel workbook (`crates/formats/src/xlsx.rs`).
    Xlsx,
}

impl AssessmentFile {
    /// (export of the format module, MIME type, file name extension).
    fn parts(self) -> (&'static str, &'static str, &'static str) {
        match self {
            AssessmentFile::Csv => ("csv", "text/csv;charset=utf-8", "csv"),
            AssessmentFile::OscalResults => ("oscal_results", "application/json", "oscal.json"),
            AssessmentFile::Xlsx => (
                "xlsx",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "xlsx",
            ),
        }
    }
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
    let doc = export_doc(catalog, a, at)
        .and_then(|d| to_json(&d))
        .map_err(|e| fail(e.to_string()))?;
    let cat = serde_json::to_string(catalog).map_err(|e| fail(e.to_string()))?;
    let (export, mime, ext) = file.parts();
    // Every export takes (catalog, export, lang); the XLSX also the user's
    // time zone (a fourth argument the others ignore).
    let args = js_sys::Array::of4(
        &JsValue::from_str(&cat),
        &JsValue::from_str(&doc),
        &JsValue::from_str(lang),
        &JsValue::from_f64(offset_minutes(at) as f64),
    );
    let out = call(export, args).await?;
    let name = export_file_name(&a.name, &catalog.id, &today(), ext);
    download_parts(&name, mime, &js_sys::Array::of1(&out))
        .map_err(|_| fail("the download could not start".into()))
}
