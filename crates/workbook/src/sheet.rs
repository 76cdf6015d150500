//! An association's check sheet (XLSX, CSV or TSV in the 7-column layout)
//! -> the preview and catalog the widget shows before it is used.
//!
//! The bytes decide the format, not the name: a ZIP (`PK\x03\x04`) is read
//! as an XLSX workbook with `calamine`; anything else must be UTF-8 text and
//! is split by the core's reader (quotes, line breaks in cells). A file named
//! `.xlsx` that is not a ZIP is refused as a workbook, not read as text.
//! The rows then go through the core's sheet rules
//! ([`selfcheck::core::sheet::read`]), the same as `catgen sheet`, leniently:
//! every bad row is listed and left out.
//!
//! A workbook's first worksheet with the seven headings is used; if none has
//! them, the first worksheet's problem is reported.

use calamine::{Data, Range, Reader, Xlsx};
use selfcheck::core::catalog;
use selfcheck::core::sheet::{self, Meta, Preview, Read, Record, SheetError};
use selfcheck::i18n::{catalog_error, sheet_message, Lang};
use std::io::Cursor;

/// Whether `bytes` start like a ZIP archive (an XLSX workbook is one).
fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

/// The records of one worksheet: row numbers as Excel shows them, cells
/// from column A (so a cell's index is its column letter).
fn worksheet_records(range: &Range<Data>) -> Vec<Record> {
    let (row0, col0) = range.start().unwrap_or((0, 0));
    range
        .rows()
        .enumerate()
        .map(|(i, cells)| {
            let mut rec = vec![String::new(); col0 as usize];
            rec.extend(cells.iter().map(|c| c.to_string()));
            (row0 as usize + i + 1, rec)
        })
        .collect()
}

/// A worksheet's name (`None` for CSV/TSV) and records.
pub type Worksheet = (Option<String>, Vec<Record>);

/// The worksheets of a file.
pub fn worksheets(bytes: &[u8], file: &str) -> Result<Vec<Worksheet>, SheetError> {
    let named_xlsx = file.to_ascii_lowercase().ends_with(".xlsx");
    if is_zip(bytes) {
        let mut book =
            Xlsx::new(Cursor::new(bytes)).map_err(|e| SheetError::NotWorkbook(e.to_string()))?;
        let sheets = book.worksheets();
        if sheets.is_empty() {
            return Err(SheetError::Empty);
        }
        return Ok(sheets
            .into_iter()
            .map(|(name, range)| (Some(name), worksheet_records(&range)))
            .collect());
    }
    if named_xlsx {
        return Err(SheetError::NotWorkbook("not a ZIP archive".into()));
    }
    let text = std::str::from_utf8(bytes).map_err(|_| SheetError::NotText)?;
    if text.contains('\0') {
        return Err(SheetError::NotText);
    }
    Ok(vec![(None, sheet::text_records(text)?)])
}

/// Reads the sheet: the first worksheet with the seven headings (or the
/// first worksheet's problem), with the meta of a file chosen in the
/// browser ([`Meta::for_file`]).
pub fn read(bytes: &[u8], file: &str, issued: &str) -> Result<(Option<String>, Read), SheetError> {
    let mut first = None;
    for (name, recs) in worksheets(bytes, file)? {
        let r = sheet::read(recs, Meta::for_file(file, issued), file);
        let header_problem = matches!(
            r.catalog,
            Err(SheetError::Empty | SheetError::MissingColumn { .. })
        );
        if !header_problem {
            return Ok((name, r));
        }
        first.get_or_insert((name, r));
    }
    first.ok_or(SheetError::Empty)
}

/// The preview of a sheet file: figures, first items, rows left out and
/// the catalog JSON, or why there is none. The catalog is checked as the
/// widget checks any catalog it loads ([`catalog::parse`]: schema, text
/// limits), so what the preview offers is what will load.
pub fn preview(bytes: &[u8], file: &str, issued: &str) -> Preview {
    let (worksheet, r) = match read(bytes, file, issued) {
        Ok(x) => x,
        Err(e) => (
            None,
            Read {
                catalog: Err(e),
                skipped: Vec::new(),
            },
        ),
    };
    let mut p = Preview::new(file, worksheet, &r, sheet_message);
    if let Some(json) = &p.catalog {
        if let Err(e) = catalog::parse(json) {
            p.refused = Some(selfcheck::core::catalog::Text::both(
                catalog_error(Lang::Ja, &e).text,
                catalog_error(Lang::En, &e).text,
            ));
            p.catalog = None;
            p.catalog_id = None;
        }
    }
    p
}
