//! Where a catalog may come from, and whether it is the one shipped under its id.
//!
//! Two rules keep a link from swapping the catalog under the user:
//! - **A link names a shipped catalog or a same-origin file.** The standalone
//!   page takes `?catalog=` from a URL anyone can send; it may name a shipped
//!   id or a file on the widget's own origin, nothing else
//!   ([`check_link_catalog`]). An embedding page that wants a catalog from
//!   another origin names it in its own markup (`data-catalog`), where the
//!   page's author decides; that path is not checked here.
//! - **A catalog is the shipped one only if its content is.** The content
//!   hashes ([`content_hash`]) of the catalogs shipped with this build are
//!   compiled in ([`SHIPPED`]; `tests/shipped_catalogs.rs` checks them against
//!   `catalogs/*.json`). A catalog that claims a shipped id with other content
//!   is given an identity of its own, `<id>~<first 8 hex digits of its hash>`
//!   ([`identify`]), so its answers are kept apart from the shipped catalog's
//!   assessments and its exports do not pass for the shipped catalog's; the
//!   widget then shows where it came from and that it is not the shipped one
//!   ([`Provenance`]).

use crate::core::catalog::Catalog;
pub use crate::core::report::content_hash;

/// Id and content hash ([`content_hash`]) of every catalog shipped in `catalogs/`.
pub const SHIPPED: &[(&str, &str)] = &[
    (
        "jama-japia-v2.2",
        "80022ce984b83e128c3d053faa462057f47ce3f715da17c3e8622331d07f2fc2",
    ),
    (
        "nisc-2023",
        "3ae969902ac1de481bdf119c41bb98bc068b60feee051c7b9b600202d98d8e6c",
    ),
];

/// Separates a claimed id from the hash prefix in an imitation's identity.
pub const IMITATION_MARK: char = '~';

/// Where the open catalog comes from, as the user is told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Provenance {
    /// A catalog shipped with this build, with exactly the shipped content.
    Shipped,
    /// A catalog this build does not ship (an association's own sheet).
    Other {
        /// Where it was loaded from (URL or file name).
        source: String,
    },
    /// Claims a shipped id but its content differs; renamed to an identity of its own.
    Imitation {
        /// The shipped id it claims.
        claimed: String,
        /// Where it was loaded from (URL or file name).
        source: String,
    },
}

/// The shipped content hash of `id`, if this build ships a catalog with that id.
pub fn shipped_hash(id: &str) -> Option<&'static str> {
    SHIPPED.iter().find(|(i, _)| *i == id).map(|(_, h)| *h)
}

/// Decides what `catalog` (loaded from `source`) is, renaming it when it
/// claims a shipped id with other content. The catalog is otherwise unchanged.
pub fn identify(mut catalog: Catalog, source: &str) -> (Catalog, Provenance) {
    let Some(shipped) = shipped_hash(&catalog.id) else {
        let source = source.to_string();
        return (catalog, Provenance::Other { source });
    };
    let hash = content_hash(&catalog);
    if hash == shipped {
        return (catalog, Provenance::Shipped);
    }
    let claimed = std::mem::take(&mut catalog.id);
    catalog.id = format!("{claimed}{IMITATION_MARK}{}", &hash[..8]);
    let source = source.to_string();
    (catalog, Provenance::Imitation { claimed, source })
}

/// Why a catalog named by a link was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OriginError {
    /// The URL resolves to another origin than the page's.
    #[error("a link may name a shipped catalog or a file of this site only, not `{url}` (from {origin})")]
    OtherOrigin {
        /// The URL as given.
        url: String,
        /// The origin it resolves to (`null` for `data:` and the like).
        origin: String,
    },
}

/// Checks a catalog named by a link (the standalone page's `?catalog=`):
/// `resolved_origin` is the origin the browser resolves the URL to (against
/// the page), `page_origin` the page's own. Same origin passes; anything else
/// (another host, port or scheme, `data:`, `blob:` or an opaque `null`) is refused.
pub fn check_link_catalog(
    url: &str,
    resolved_origin: &str,
    page_origin: &str,
) -> Result<(), OriginError> {
    if resolved_origin == page_origin && resolved_origin != "null" {
        Ok(())
    } else {
        Err(OriginError::OtherOrigin {
            url: url.to_string(),
            origin: resolved_origin.to_string(),
        })
    }
}

#[cfg(test)]
mod test {
    use super::*;
    use crate::core::catalog;

    const CAT: &str = r#"{
      "format": 1, "id": "nisc-2023", "version": "x", "title": {"ja": "偽"},
      "publisher": {"ja": "p"}, "issued": "2024-01-01", "source": {"title": "s"},
      "scale": {"kind": "status", "options": [
        {"id": "achieved", "label": {"ja": "達成"}, "achieved": true, "credit": 1}]},
      "groups": [{"id": "g1", "number": "1", "title": {"ja": "方針"}}],
      "controls": [{"id": "c1", "group": "g1", "statements": [{"kind": "condition", "text": "a"}]}]}"#;

    fn parsed(id: &str) -> Catalog {
        let mut c = catalog::parse(CAT).expect("fixture parses");
        c.id = id.into();
        c
    }

    #[test]
    fn a_catalog_is_shipped_only_with_the_shipped_content() {
        // A catalog of an id nobody ships keeps its id.
        let (c, p) = identify(parsed("acme-sheet"), "/acme.json");
        assert_eq!(c.id, "acme-sheet");
        assert_eq!(
            p,
            Provenance::Other {
                source: "/acme.json".into()
            }
        );
        // One that claims a shipped id with other content gets its own identity.
        let (c, p) = identify(parsed("nisc-2023"), "https://evil.example/x.json");
        let hash = content_hash(&parsed("nisc-2023"));
        assert_eq!(c.id, format!("nisc-2023~{}", &hash[..8]));
        assert_eq!(
            p,
            Provenance::Imitation {
                claimed: "nisc-2023".into(),
                source: "https://evil.example/x.json".into()
            }
        );
        // The same imitation always gets the same identity (its answers are found again).
        assert_eq!(identify(parsed("nisc-2023"), "y").0.id, c.id);
    }

    #[test]
    fn links_may_name_this_origin_only() {
        let page = "http://127.0.0.1:8080";
        // (url, origin the browser resolved it to, allowed)
        let cases = [
            ("catalogs/nisc-2023.json", "http://127.0.0.1:8080", true),
            ("/own/sheet.json", "http://127.0.0.1:8080", true),
            (
                "http://127.0.0.1:9090/c.json",
                "http://127.0.0.1:9090",
                false,
            ),
            (
                "http://localhost:8080/c.json",
                "http://localhost:8080",
                false,
            ),
            (
                "https://127.0.0.1:8080/c.json",
                "https://127.0.0.1:8080",
                false,
            ),
            ("//evil.example/c.json", "http://evil.example", false),
            ("data:application/json,{}", "null", false),
        ];
        for (url, resolved, ok) in cases {
            assert_eq!(check_link_catalog(url, resolved, page).is_ok(), ok, "{url}");
        }
        // An opaque page origin matches nothing, not even itself.
        assert!(check_link_catalog("x", "null", "null").is_err());
    }
}
