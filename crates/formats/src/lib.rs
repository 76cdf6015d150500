//! The format module: a second wasm module, loaded by the widget with a
//! dynamic import the first time the user needs a format it does not keep in
//! its first download (`src/web/formats.rs`). It reuses the widget's core
//! (`selfcheck` without its default `app` feature), so the rules live in one
//! place and are tested natively there; this file is only the JavaScript
//! boundary.
//!
//! Every export takes and returns plain strings (JSON texts) or bytes. An
//! error is thrown as a JavaScript array `[path, ja, en]`: where in the file
//! and what is wrong, in both UI languages (the strings of `selfcheck::i18n`),
//! so the widget shows it in the user's language without parsing anything.

pub mod xlsx;

#[cfg(target_arch = "wasm32")]
mod boundary {
    use selfcheck::core::catalog::CatalogError;
    use selfcheck::core::oscal;
    use selfcheck::core::oscal_out;
    use selfcheck::core::report::ExportDoc;
    use selfcheck::i18n::{catalog_error, Lang};
    use wasm_bindgen::prelude::*;

    /// `[path, ja, en]` for a catalog error.
    fn thrown(e: &CatalogError) -> JsValue {
        js_sys::Array::of3(
            &JsValue::from_str(e.path()),
            &JsValue::from_str(&catalog_error(Lang::Ja, e).text),
            &JsValue::from_str(&catalog_error(Lang::En, e).text),
        )
        .into()
    }

    /// Converts an OSCAL catalog document (JSON text) loaded from `file` to
    /// the widget's catalog JSON; throws `[path, ja, en]` when it cannot.
    #[wasm_bindgen]
    pub fn oscal_catalog(text: &str, file: &str) -> Result<String, JsValue> {
        let catalog = oscal::to_catalog(text, file).map_err(|e| thrown(&e))?;
        serde_json::to_string(&catalog).map_err(|e| JsValue::from_str(&e.to_string()))
    }

    /// `[path, ja, en]` for an input the widget itself produced but that does
    /// not read back (a bug, not a user error).
    fn internal(what: &str, e: impl std::fmt::Display) -> JsValue {
        let m = format!("{what}: {e}");
        js_sys::Array::of3(
            &JsValue::from_str("."),
            &JsValue::from_str(&m),
            &JsValue::from_str(&m),
        )
        .into()
    }

    /// Reads the catalog JSON and export JSON the widget hands over.
    fn inputs(
        catalog_json: &str,
        export_json: &str,
    ) -> Result<(selfcheck::core::catalog::Catalog, ExportDoc), JsValue> {
        let catalog = selfcheck::core::catalog::parse(catalog_json).map_err(|e| thrown(&e))?;
        let doc: ExportDoc =
            serde_json::from_str(export_json).map_err(|e| internal("export", e))?;
        Ok((catalog, doc))
    }

    /// An assessment (the widget's export JSON) against its catalog (catalog
    /// JSON) as an OSCAL assessment-results document; `lang` picks the
    /// answer labels.
    #[wasm_bindgen]
    pub fn oscal_results(
        catalog_json: &str,
        export_json: &str,
        lang: &str,
    ) -> Result<String, JsValue> {
        let (catalog, doc) = inputs(catalog_json, export_json)?;
        Ok(oscal_out::to_text(&oscal_out::assessment_results(
            &catalog, &doc, lang,
        )))
    }

    /// CSV of an assessment (`selfcheck::core::report::to_csv`).
    #[wasm_bindgen]
    pub fn csv(catalog_json: &str, export_json: &str, lang: &str) -> Result<String, JsValue> {
        let (catalog, doc) = inputs(catalog_json, export_json)?;
        Ok(selfcheck::core::report::to_csv(
            &catalog,
            &doc.to_assessment(),
            lang,
        ))
    }

    /// The XLSX workbook of an assessment (`crate::xlsx`), headings in
    /// `lang`, times `offset_minutes` east of UTC.
    #[wasm_bindgen]
    pub fn xlsx(
        catalog_json: &str,
        export_json: &str,
        lang: &str,
        offset_minutes: i32,
    ) -> Result<Vec<u8>, JsValue> {
        let (catalog, doc) = inputs(catalog_json, export_json)?;
        let catalog = selfcheck::core::outline::IndexedCatalog::new(catalog);
        let lang = Lang::from_tag(lang).unwrap_or(Lang::Ja);
        crate::xlsx::workbook(&catalog, &doc, lang, i64::from(offset_minutes))
            .map_err(|e| internal("xlsx", e))
    }
}
