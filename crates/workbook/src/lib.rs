//! The workbook module: a third wasm module, loaded by the widget with a
//! dynamic import only when the user asks for the Excel file or opens a check
//! sheet (`src/web/formats.rs`). It is separate from the format module
//! (`crates/formats`) because the XLSX writer and reader (rust_xlsxwriter,
//! calamine, their ZIP, deflate, XML and encoding code) are larger than every
//! other format together: the peer comparison, the CSV and OSCAL do not wait
//! for them. It reuses the widget's core (`selfcheck` without its `app`
//! feature); this file is only the JavaScript boundary, with the same
//! conventions as the format module's (an error is thrown as `[path, ja, en]`).

pub mod sheet;
#[cfg(target_arch = "wasm32")]
mod sheet_view;
pub mod xlsx;

#[cfg(target_arch = "wasm32")]
mod boundary {
    use selfcheck::core::outline::IndexedCatalog;
    use selfcheck::core::report::ExportDoc;
    use selfcheck::i18n::{catalog_error, Lang};
    use wasm_bindgen::prelude::*;

    /// `[path, ja, en]` with one message for both languages.
    fn thrown(path: &str, ja: &str, en: &str) -> JsValue {
        js_sys::Array::of3(
            &JsValue::from_str(path),
            &JsValue::from_str(ja),
            &JsValue::from_str(en),
        )
        .into()
    }

    /// The XLSX workbook of an assessment (`crate::xlsx`), headings in
    /// `lang`, times `offset_minutes` east of UTC. The catalog JSON and the
    /// export JSON are the widget's own (a failure to read them is a bug).
    #[wasm_bindgen]
    pub fn xlsx(
        catalog_json: &str,
        export_json: &str,
        lang: &str,
        offset_minutes: i32,
    ) -> Result<Vec<u8>, JsValue> {
        let catalog = selfcheck::core::catalog::parse(catalog_json).map_err(|e| {
            thrown(
                e.path(),
                &catalog_error(Lang::Ja, &e).text,
                &catalog_error(Lang::En, &e).text,
            )
        })?;
        let doc: ExportDoc = serde_json::from_str(export_json).map_err(|e| {
            let m = format!("export: {e}");
            thrown(".", &m, &m)
        })?;
        let catalog = IndexedCatalog::new(catalog);
        let lang = Lang::from_tag(lang).unwrap_or(Lang::Ja);
        crate::xlsx::workbook(&catalog, &doc, lang, i64::from(offset_minutes)).map_err(|e| {
            let m = format!("xlsx: {e}");
            thrown(".", &m, &m)
        })
    }

    /// An association's check sheet (XLSX, CSV or TSV bytes) named `file`,
    /// previewed in `lang`: `[preview element, catalog JSON, catalog id]`
    /// (the last two `undefined` when no catalog could be made); `issued` is
    /// the catalog's date (the file's own).
    #[wasm_bindgen]
    pub fn sheet_preview(
        bytes: &[u8],
        file: &str,
        issued: &str,
        lang: &str,
    ) -> Result<js_sys::Array, JsValue> {
        let p = crate::sheet::preview(bytes, file, issued);
        let view = crate::sheet_view::render(&p, Lang::from_tag(lang).unwrap_or_default())?;
        let opt = |s: &Option<String>| s.as_deref().map_or(JsValue::UNDEFINED, JsValue::from_str);
        Ok(js_sys::Array::of3(
            &view,
            &opt(&p.catalog),
            &opt(&p.catalog_id),
        ))
    }
}
