//! `catgen sheet IN META OUT`: an association's 7-column check sheet (CSV or
//! TSV) and its META file -> catalog JSON. The rules are the core's
//! ([`selfcheck::core::sheet`]), which the widget also runs in the browser;
//! here the first bad row stops the conversion.

use crate::jama;
pub use selfcheck::core::sheet::{convert, read_meta, Meta, MetaText, SheetError};

/// `catgen sheet IN META OUT`.
pub fn run(input: &str, meta: &str, out: &str) -> Result<(), String> {
    let text = std::fs::read_to_string(input).map_err(|e| format!("{input}: {e}"))?;
    let meta_text = std::fs::read_to_string(meta).map_err(|e| format!("{meta}: {e}"))?;
    let meta = read_meta(&meta_text).map_err(|e| format!("{meta}: {e}"))?;
    let file = std::path::Path::new(input)
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_else(|| input.to_string());
    let catalog = convert(&text, meta, &file).map_err(|e| format!("{input}: {e}"))?;
    std::fs::write(out, jama::to_json(&catalog)?).map_err(|e| format!("{out}: {e}"))
}
