//! Length limits of a catalog's texts, with the place of the first one broken.
//!
//! A catalog is data from outside (an association's file, a URL): a
//! 100,000-character title would make the sticky header tens of thousands
//! of pixels tall and bury the items. The limits are far above anything the
//! shipped catalogs hold (their longest name is under 100 characters, their
//! longest body text under 1,000) and are checked once, when the catalog is
//! parsed, like the import's note limit.
//!
//! Three kinds of text, told apart by the field that holds them:
//! - **ids and numbers** (`id`, `group`, `level`, `number`, `tag`, `control`,
//!   `target`, `kind`, `issued`, `version`, `language`): [`MAX_CATALOG_ID_CHARS`];
//! - **names** shown in the header, the filters, the choices and tables
//!   (`title`, `publisher`, level `name`, option `label`, with their `ja` /
//!   `en`): [`MAX_NAME_CHARS`];
//! - **body texts** (statements, criteria, notes, commentary, descriptions,
//!   coverage, repairs, addresses): [`MAX_BODY_CHARS`].
//!
//! The check scans the catalog's JSON text with the tokenizer that locates
//! parse errors ([`crate::core::located`]), so that every field of every
//! type is covered by the same rule without a line per field, and without a
//! second copy of the catalog in memory (a JSON value of a 6 MB catalog,
//! and its serializer, cost time at start and 13 KB of wasm).

use crate::core::catalog::{CatalogError, Problem};
use crate::core::located::{decode, path_of, scan, Frame};

/// Longest id or number in a catalog, in characters.
pub const MAX_CATALOG_ID_CHARS: usize = 200;

/// Longest name (title, publisher, level name, answer label), in characters.
pub const MAX_NAME_CHARS: usize = 300;

/// Longest body text (a statement, a paragraph, a commentary answer), in characters.
pub const MAX_BODY_CHARS: usize = 20_000;

/// Fields whose text is an id or a number.
const ID_FIELDS: &[&str] = &[
    "id", "group", "level", "number", "tag", "control", "target", "kind", "issued", "version",
    "language", "parent", "section", "file", "type",
];

/// Fields whose text (or `ja` / `en` inside them) is a short name.
const NAME_FIELDS: &[&str] = &["title", "publisher", "name", "label"];

/// The limit for a text at `key`, inside the field `parent` (for `ja` / `en`).
fn limit(key: &str, parent: &str) -> usize {
    let field = if key == "ja" || key == "en" {
        parent
    } else {
        key
    };
    if ID_FIELDS.contains(&field) {
        MAX_CATALOG_ID_CHARS
    } else if NAME_FIELDS.contains(&field) {
        MAX_NAME_CHARS
    } else {
        MAX_BODY_CHARS
    }
}

/// The field a string value belongs to and the field around that one
/// (for `title.ja`: `ja` and `title`); list items belong to the list's field.
fn fields(stack: &[Frame]) -> (&str, &str) {
    let mut keys = stack.iter().rev().filter_map(|f| match f {
        Frame::Object { key, .. } => Some(key.as_deref().unwrap_or("")),
        Frame::Array { .. } => None,
    });
    (keys.next().unwrap_or(""), keys.next().unwrap_or(""))
}

/// Checks every text of a catalog's JSON against its limit; the error names
/// the first text too long (JSON path, its length and the limit). Call it
/// on a text that parsed as a catalog.
pub fn check(json: &str) -> Result<(), CatalogError> {
    let mut found = None;
    scan(json, json.len(), |stack, raw| {
        let (key, parent) = fields(stack);
        let limit = limit(key, parent);
        // Raw bytes bound characters from above: decode only when it could matter.
        if raw.len() <= limit {
            return false;
        }
        let chars = decode(raw).map_or(0, |s| s.chars().count());
        if chars > limit {
            found = Some(CatalogError::Invalid {
                path: path_of(stack),
                problem: Problem::TooLong { chars, limit },
            });
        }
        found.is_some()
    });
    found.map_or(Ok(()), Err)
}

#[cfg(test)]
mod test {
    use super::*;
    use crate::core::catalog::{parse, Catalog};

    fn check_catalog(c: &Catalog) -> Result<(), CatalogError> {
        check(&serde_json::to_string(c).unwrap())
    }

    const JAMA: &str = include_str!("../../catalogs/jama-japia-v2.2.json");
    const NISC: &str = include_str!("../../catalogs/nisc-2023.json");

    fn too_long(json: &str) -> (String, Problem) {
        match parse(json) {
            Err(CatalogError::Invalid { path, problem }) => (path, problem),
            other => panic!("expected a limit error, got {other:?}"),
        }
    }

    #[test]
    fn the_shipped_catalogs_are_within_the_limits() {
        for text in [JAMA, NISC] {
            assert_eq!(check(text), Ok(()));
        }
    }

    #[test]
    fn a_long_title_is_refused_with_its_place() {
        let title = "長".repeat(100_000);
        let json = JAMA.replacen(
            "\"title\": {\n    \"ja\": \"",
            &format!("\"title\": {{\n    \"ja\": \"{title}"),
            1,
        );
        assert_ne!(json, JAMA, "the replacement found the title");
        let (path, problem) = too_long(&json);
        assert_eq!(path, "title.ja");
        assert!(
            matches!(problem, Problem::TooLong { limit: MAX_NAME_CHARS, chars } if chars > 100_000)
        );
    }

    #[test]
    fn each_kind_of_text_has_its_limit() {
        let mut c = parse(JAMA).unwrap();
        // A statement may be long (a body text), up to its limit.
        c.controls[3].statements[0].text = "あ".repeat(MAX_BODY_CHARS);
        assert_eq!(check_catalog(&c), Ok(()));
        c.controls[3].statements[0].text.push('あ');
        let err = check_catalog(&c).unwrap_err();
        assert_eq!(err.path(), "controls[3].statements[0].text");
        // An answer label is a name.
        let mut c = parse(JAMA).unwrap();
        c.scale.options[1].label.en = Some("x".repeat(MAX_NAME_CHARS + 1));
        assert_eq!(
            check_catalog(&c).unwrap_err().path(),
            "scale.options[1].label.en"
        );
        // A group number is an id.
        let mut c = parse(JAMA).unwrap();
        c.groups[2].number = Some("9".repeat(MAX_CATALOG_ID_CHARS + 1));
        assert_eq!(check_catalog(&c).unwrap_err().path(), "groups[2].number");
    }
}
