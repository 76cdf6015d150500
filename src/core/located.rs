//! Locating a JSON error: which path (`controls[3].level`), line and column.
//!
//! `serde_json` reports the line and column of an error but not the path in
//! the document. Rather than wrap every deserializer (as
//! `serde_path_to_error` does, which roughly doubles the deserialization code
//! in the wasm bundle), the document is deserialized directly, and only when
//! that fails is the text scanned up to the error position to name the path.
//! The scan is a small tokenizer that tracks object keys and array indices;
//! it never allocates more than the path itself.

use serde::de::DeserializeOwned;

/// A JSON error with its place in the document.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("at {path} (line {line}, column {column}): {message}")]
pub struct Located {
    /// Path in the document, e.g. `controls[3].level`; `.` for the top level.
    pub path: String,
    /// Line (1-based; 0 when unknown).
    pub line: usize,
    /// Column (1-based; 0 when unknown).
    pub column: usize,
    /// What serde_json said.
    pub message: String,
}

/// Deserializes `text`, locating any error.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, Located> {
    serde_json::from_str(text).map_err(|e| Located {
        path: path_at(text, e.line(), e.column()),
        line: e.line(),
        column: e.column(),
        message: e.to_string(),
    })
}

/// Deserializes a JSON value, locating any error by path (line and column
/// are 0: the value has no text of its own).
pub fn from_value<T: DeserializeOwned>(value: serde_json::Value) -> Result<T, Located> {
    let text = value.to_string();
    from_str(&text).map_err(|l| Located {
        line: 0,
        column: 0,
        ..l
    })
}

enum Frame {
    Object { key: Option<String>, want_key: bool },
    Array { index: usize },
}

/// The path of the innermost value being read at `line`:`column` of `text`
/// (serde_json's 1-based line and byte column).
pub fn path_at(text: &str, line: usize, column: usize) -> String {
    let bytes = text.as_bytes();
    // Byte offset of the position.
    let mut offset = 0usize;
    let mut cur_line = 1usize;
    while cur_line < line && offset < bytes.len() {
        if bytes[offset] == b'\n' {
            cur_line += 1;
        }
        offset += 1;
    }
    let end = (offset + column).min(bytes.len());
    let mut stack: Vec<Frame> = Vec::new();
    let mut i = 0;
    while i < end {
        match bytes[i] {
            b'{' => stack.push(Frame::Object {
                key: None,
                want_key: true,
            }),
            b'[' => stack.push(Frame::Array { index: 0 }),
            b'}' | b']' => {
                stack.pop();
            }
            b',' => match stack.last_mut() {
                Some(Frame::Array { index }) => *index += 1,
                Some(Frame::Object { want_key, .. }) => *want_key = true,
                None => {}
            },
            b'"' => {
                let start = i + 1;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    if bytes[i] == b'\\' {
                        i += 1;
                    }
                    i += 1;
                }
                if let Some(Frame::Object { key, want_key }) = stack.last_mut() {
                    if *want_key {
                        let raw = text.get(start..i.min(bytes.len())).unwrap_or("");
                        *key = Some(
                            serde_json::from_str::<String>(&format!("\"{raw}\""))
                                .unwrap_or_else(|_| raw.to_string()),
                        );
                        *want_key = false;
                    }
                }
            }
            _ => {}
        }
        i += 1;
    }
    let mut path = String::new();
    for f in &stack {
        match f {
            Frame::Object { key: Some(k), .. } => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(k);
            }
            Frame::Object { key: None, .. } => {}
            Frame::Array { index } => path.push_str(&format!("[{index}]")),
        }
    }
    if path.is_empty() {
        ".".to_string()
    } else {
        path
    }
}

#[cfg(test)]
mod test {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Doc {
        items: Vec<Item>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Item {
        name: String,
        level: u8,
    }

    fn path_of(text: &str) -> String {
        from_str::<Doc>(text).unwrap_err().path
    }

    #[test]
    fn wrong_type_is_located_in_arrays() {
        let t =
            "{\"items\": [{\"name\": \"a\", \"level\": 1}, {\"name\": \"b\", \"level\": \"x\"}]}";
        assert_eq!(path_of(t), "items[1].level");
    }

    #[test]
    fn missing_field_names_the_object() {
        assert_eq!(path_of("{\"items\": [{\"name\": \"a\"}]}"), "items[0]");
    }

    #[test]
    fn unknown_field_names_the_key() {
        assert_eq!(path_of("{\"items\": [], \"itms\": 1}"), "itms");
    }

    #[test]
    fn keys_with_escapes_and_multiline_text() {
        let t = "{\n  \"items\": [\n    {\"name\": \"say \\\"hi\\\" [,{\", \"level\": -1}\n  ]\n}";
        let e = from_str::<Doc>(t).unwrap_err();
        assert_eq!(e.path, "items[0].level");
        assert_eq!(e.line, 3);
    }

    #[test]
    fn syntax_error_at_top() {
        assert_eq!(path_of("nope"), ".");
    }

    #[test]
    fn value_errors_have_paths_without_positions() {
        let v: serde_json::Value = serde_json::json!({"items": [{"name": 1, "level": 1}]});
        let e = from_value::<Doc>(v).unwrap_err();
        assert_eq!((e.path.as_str(), e.line), ("items[0].name", 0));
    }
}
