//! Locating a JSON error: which path (`controls[3].level`), line and column.
//!
//! `serde_json` reports the line and column of an error but not the path in
//! the document. Rather than wrap every deserializer (as
//! `serde_path_to_error` does, which roughly doubles the deserialization code
//! in the wasm bundle), the document is deserialized directly, and only when
//! that fails is the text scanned up to the error position to name the path.
//! The scan is a small tokenizer that tracks object keys and array indices;
//! it never allocates more than the path itself.
//!
//! The error is also classified ([`JsonProblem`]: empty file, an HTML page,
//! cut off, nested too deeply, an unknown or missing field, a wrong type…)
//! so that the UI can say what is wrong in the user's language and keep
//! serde_json's English text as the technical detail.

use serde::de::DeserializeOwned;

/// What kind of problem a JSON text has, read from serde_json's error and
/// the text itself: what the user is told (the raw message is the detail).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JsonProblem {
    /// Nothing but white space.
    Empty,
    /// Not JSON: it starts like an HTML (or XML) page (`<`).
    LooksLikeHtml,
    /// Not JSON: a syntax error.
    Syntax,
    /// The text ends before the JSON is complete (cut off).
    EndsEarly,
    /// Nested deeper than the reader allows.
    TooDeep,
    /// A field the format does not have (its name).
    UnknownField(String),
    /// A required field is absent (its name).
    MissingField(String),
    /// A value of the wrong kind: what was found and what the format expects
    /// (serde_json's words, e.g. `integer`, `struct Text`).
    WrongType {
        /// What the file holds (`integer`, `string`, `map`, `sequence`…).
        found: String,
        /// What the format expects.
        expected: String,
    },
    /// A value outside what the format allows (e.g. an unknown variant).
    BadValue(String),
    /// Anything else.
    Other,
}

impl JsonProblem {
    /// Classifies a serde_json error on `text`.
    pub fn classify(text: &str, e: &serde_json::Error) -> JsonProblem {
        use serde_json::error::Category;
        let trimmed = text.trim_start_matches('\u{FEFF}').trim_start();
        let message = e.to_string();
        // serde_json appends " at line L column C".
        let message = message
            .rfind(" at line ")
            .map_or(message.as_str(), |i| &message[..i]);
        let quoted = |s: &str| {
            s.split('`')
                .nth(1)
                .map(|x| x.chars().take(100).collect::<String>())
                .unwrap_or_default()
        };
        match e.classify() {
            Category::Eof if trimmed.is_empty() => JsonProblem::Empty,
            _ if trimmed.starts_with('<') => JsonProblem::LooksLikeHtml,
            _ if message.starts_with("recursion limit exceeded") => JsonProblem::TooDeep,
            Category::Eof => JsonProblem::EndsEarly,
            Category::Syntax => JsonProblem::Syntax,
            Category::Data => {
                if let Some(rest) = message.strip_prefix("unknown field ") {
                    JsonProblem::UnknownField(quoted(rest))
                } else if let Some(rest) = message.strip_prefix("missing field ") {
                    JsonProblem::MissingField(quoted(rest))
                } else if let Some(rest) = message.strip_prefix("invalid type: ") {
                    let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
                    let found = found.split([' ', '`', '"']).next().unwrap_or("");
                    JsonProblem::WrongType {
                        found: found.to_string(),
                        expected: expected.chars().take(100).collect(),
                    }
                } else if let Some(rest) = message
                    .strip_prefix("unknown variant ")
                    .or_else(|| message.strip_prefix("invalid value: "))
                {
                    JsonProblem::BadValue(
                        rest.split(", expected")
                            .next()
                            .unwrap_or("")
                            .chars()
                            .take(100)
                            .collect(),
                    )
                } else {
                    JsonProblem::Other
                }
            }
            Category::Io => JsonProblem::Other,
        }
    }
}

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
    /// What kind of problem it is.
    pub problem: JsonProblem,
}

/// Deserializes `text`, locating any error.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, Located> {
    serde_json::from_str(text).map_err(|e| Located {
        path: path_at(text, e.line(), e.column()),
        line: e.line(),
        column: e.column(),
        message: e.to_string(),
        problem: JsonProblem::classify(text, &e),
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

/// One level of the tokenizer's stack: an object (its current key) or an
/// array (its current index).
pub(crate) enum Frame {
    /// An object; `key` is the key of the value being read.
    Object {
        /// The current key.
        key: Option<String>,
        /// The next string is a key.
        want_key: bool,
    },
    /// An array; `index` is the position of the value being read.
    Array {
        /// The current index.
        index: usize,
    },
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
    path_of(&scan(text, end, |_, _| false))
}

/// Tokenizes `text` up to byte `end`, tracking object keys and array
/// indices, and calls `on_string(stack, raw)` for every string *value* (not
/// key), `raw` being its text between the quotes, escapes undecoded. Stops
/// early when `on_string` returns true. Returns the stack where it stopped.
pub(crate) fn scan(
    text: &str,
    end: usize,
    mut on_string: impl FnMut(&[Frame], &str) -> bool,
) -> Vec<Frame> {
    let bytes = text.as_bytes();
    let end = end.min(bytes.len());
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
                let raw = text.get(start..i.min(bytes.len())).unwrap_or("");
                match stack.last_mut() {
                    Some(Frame::Object { key, want_key }) if *want_key => {
                        *key = Some(decode(raw).unwrap_or_else(|| raw.to_string()));
                        *want_key = false;
                    }
                    _ => {
                        if on_string(&stack, raw) {
                            return stack;
                        }
                    }
                }
            }
            _ => {}
        }
        i += 1;
    }
    stack
}

/// A string's raw text (between its quotes) decoded.
pub(crate) fn decode(raw: &str) -> Option<String> {
    serde_json::from_str::<String>(&format!("\"{raw}\"")).ok()
}

/// The path a stack stands for (`controls[3].level`; `.` at the top).
pub(crate) fn path_of(stack: &[Frame]) -> String {
    let mut path = String::new();
    for f in stack {
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

    fn problem_of(text: &str) -> JsonProblem {
        from_str::<Doc>(text).unwrap_err().problem
    }

    #[test]
    fn problems_are_classified() {
        for (text, want) in [
            ("", JsonProblem::Empty),
            ("  \n ", JsonProblem::Empty),
            ("<!DOCTYPE html><html>", JsonProblem::LooksLikeHtml),
            ("\u{FEFF}\n<html>", JsonProblem::LooksLikeHtml),
            ("{\"items\": [", JsonProblem::EndsEarly),
            ("{\"items\": [}", JsonProblem::Syntax),
            (
                "{\"items\": [], \"device_id\": 1}",
                JsonProblem::UnknownField("device_id".into()),
            ),
            ("{}", JsonProblem::MissingField("items".into())),
            (
                "{\"items\": [{\"name\": 123, \"level\": 1}]}",
                JsonProblem::WrongType {
                    found: "integer".into(),
                    expected: "a string".into(),
                },
            ),
            (
                "{\"items\": [{\"name\": \"a\", \"level\": -1}]}",
                JsonProblem::BadValue("integer `-1`".into()),
            ),
        ] {
            assert_eq!(problem_of(text), want, "{text:?}");
        }
        let deep = format!("{{\"items\": {}", "[".repeat(10_000));
        let e = from_str::<serde_json::Value>(&deep).unwrap_err();
        assert_eq!(e.problem, JsonProblem::TooDeep);
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
