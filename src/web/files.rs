//! Reading a file the user chose in a file input, as text, with a size limit.

use crate::web::fetch::js_error_text;
use wasm_bindgen_futures::JsFuture;

/// Why a chosen file could not be read.
#[derive(Debug, Clone, PartialEq)]
pub enum ReadError {
    /// Larger than the limit (its size in bytes); not read at all.
    TooLarge(usize),
    /// The browser could not read it as text (its message).
    Unreadable(String),
}

/// Reads the first file of a file input as text, refusing files over `limit`
/// bytes unread, and clears the input (choosing the same file again reads it
/// again). `None` when no file was chosen.
pub async fn read_file(
    input: web_sys::HtmlInputElement,
    limit: usize,
) -> Option<(String, Result<String, ReadError>)> {
    let file = input.files()?.get(0)?;
    let name = file.name();
    input.set_value("");
    if file.size() > limit as f64 {
        return Some((name, Err(ReadError::TooLarge(file.size() as usize))));
    }
    let text = JsFuture::from(file.text())
        .await
        .map_err(|e| ReadError::Unreadable(js_error_text(&e)))
        .and_then(|v| {
            v.as_string()
                .ok_or_else(|| ReadError::Unreadable("not text".to_string()))
        });
    Some((name, text))
}

/// A chosen file read as bytes (a workbook, a check sheet).
#[derive(Debug, Clone, PartialEq)]
pub struct ChosenBytes {
    /// File name.
    pub name: String,
    /// The day it was last changed, `YYYY-MM-DD` (UTC).
    pub modified: String,
    /// Its bytes, or why they were not read.
    pub bytes: Result<Vec<u8>, ReadError>,
}

/// Reads the first file of a file input as bytes, refusing files over
/// `limit` bytes unread, and clears the input. `None` when no file was chosen.
pub async fn read_file_bytes(
    input: web_sys::HtmlInputElement,
    limit: usize,
) -> Option<ChosenBytes> {
    let file = input.files()?.get(0)?;
    input.set_value("");
    let day = js_sys::Date::new(&file.last_modified().into()).to_iso_string();
    let modified = String::from(day).chars().take(10).collect();
    let bytes = if file.size() > limit as f64 {
        Err(ReadError::TooLarge(file.size() as usize))
    } else {
        JsFuture::from(file.array_buffer())
            .await
            .map(|b| js_sys::Uint8Array::new(&b).to_vec())
            .map_err(|e| ReadError::Unreadable(js_error_text(&e)))
    };
    Some(ChosenBytes {
        name: file.name(),
        modified,
        bytes,
    })
}
