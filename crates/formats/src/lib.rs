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
//! so the widget shows it in the user's language without parsing anything
//! (an import file's refusal adds the parser's detail in both languages).

pub mod peers;

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

    /// Reads an export file the user picked to import, with the import's
    /// rules (`selfcheck::core::report::parse_import`: size, foreign files,
    /// versions, located format errors, text limits), and returns what the
    /// widget takes of it as `[assessment JSON, catalog content hash]`; the
    /// widget checks that against its catalog and asks the user before
    /// anything changes. A refusal is thrown as `[path, ja, en, ja detail |
    /// null, en detail | null]`, the words the widget would have shown.
    #[wasm_bindgen]
    pub fn read_import(text: &str) -> Result<js_sys::Array, JsValue> {
        use selfcheck::core::report::{parse_import, ImportError, MAX_IMPORT_BYTES};
        use selfcheck::i18n::import_error;
        let refused = |e: ImportError| -> JsValue {
            let (ja, en) = (import_error(Lang::Ja, &e), import_error(Lang::En, &e));
            let detail = |d: Option<String>| d.map_or(JsValue::NULL, |d| JsValue::from_str(&d));
            let a = js_sys::Array::of3(
                &JsValue::from_str(&e.path()),
                &JsValue::from_str(&ja.text),
                &JsValue::from_str(&en.text),
            );
            a.push(&detail(ja.detail));
            a.push(&detail(en.detail));
            a.into()
        };
        let incoming = parse_import(text, MAX_IMPORT_BYTES)
            .map_err(refused)?
            .incoming();
        let assessment =
            serde_json::to_string(&incoming.assessment).map_err(|e| internal("assessment", e))?;
        Ok(js_sys::Array::of2(
            &JsValue::from_str(&assessment),
            &JsValue::from_str(&incoming.content_hash),
        ))
    }

    /// `[path, ja, en]` for a benchmark file that cannot be used.
    fn benchmark_thrown(e: &selfcheck::core::aggregate::BenchmarkError) -> JsValue {
        use selfcheck::i18n::benchmark_error;
        js_sys::Array::of3(
            &JsValue::from_str(""),
            &JsValue::from_str(&benchmark_error(Lang::Ja, e).text),
            &JsValue::from_str(&benchmark_error(Lang::En, e).text),
        )
        .into()
    }

    /// Where the respondent (export JSON) stands against a benchmark file,
    /// laid out in `lang` (`peers::view`), as plain arrays of text the widget
    /// shows as they are: `[meta, columns, rows, closed_words, closed]`; a
    /// row is `[kind, cells, withheld | null, [min, q1, median, q3, max] |
    /// null, mine | null]` (plot positions on `0..=120`), a closed gap
    /// `[control id, label, share]`.
    #[wasm_bindgen]
    pub fn benchmark_position(
        catalog_json: &str,
        export_json: &str,
        benchmark: &str,
        lang: &str,
    ) -> Result<JsValue, JsValue> {
        let (catalog, doc) = inputs(catalog_json, export_json)?;
        let lang = Lang::from_tag(lang).unwrap_or_default();
        let v =
            crate::peers::view(catalog, &doc, benchmark, lang).map_err(|e| benchmark_thrown(&e))?;
        let strs = |xs: &[&str]| {
            xs.iter()
                .map(|x| JsValue::from_str(x))
                .collect::<js_sys::Array>()
        };
        let num = |v: Option<f64>| v.map_or(JsValue::NULL, JsValue::from_f64);
        let rows: js_sys::Array = v
            .rows
            .iter()
            .map(|r| {
                let cells: Vec<&str> = r.cells.iter().map(String::as_str).collect();
                let a = js_sys::Array::of3(
                    &JsValue::from_str(r.kind),
                    &strs(&cells),
                    &r.withheld.map_or(JsValue::NULL, JsValue::from_str),
                );
                a.push(&r.plot.0.map_or(JsValue::NULL, |p| {
                    p.iter()
                        .map(|x| JsValue::from_f64(*x))
                        .collect::<js_sys::Array>()
                        .into()
                }));
                a.push(&num(r.plot.1));
                JsValue::from(a)
            })
            .collect();
        let closed: js_sys::Array = v
            .closed
            .iter()
            .map(|c| JsValue::from(strs(&[&c.control, &c.label, &c.share])))
            .collect();
        let out = js_sys::Array::of3(&JsValue::from_str(&v.meta), &strs(&v.columns), &rows);
        out.push(&strs(&v.closed_words));
        out.push(&closed);
        Ok(out.into())
    }
}
