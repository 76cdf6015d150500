//! Where a catalog comes from and why loading it failed: plain data the top
//! component and the data view exchange, and the error the widget shows
//! instead of a blank page.

use crate::core::catalog::{CatalogError, Text};
use crate::core::origin::OriginError;

/// Where another catalog comes from.
#[derive(Debug, Clone, PartialEq)]
pub enum CatalogSource {
    /// A URL (relative to the widget's files, or absolute).
    Url(String),
    /// The text of a local file, with its name.
    File {
        /// File name, for messages.
        name: String,
        /// File content.
        text: String,
    },
}

/// Why the catalog could not be loaded.
#[derive(Debug, Clone, PartialEq)]
pub enum LoadError {
    /// The request failed (network, blocked, CSP).
    Fetch {
        /// The URL.
        url: String,
        /// The browser's message.
        detail: String,
    },
    /// The server answered with an error status.
    Http {
        /// The URL.
        url: String,
        /// HTTP status.
        status: u16,
    },
    /// A link named a catalog on another origin ([`crate::core::origin::check_link_catalog`]).
    Refused {
        /// The URL as given.
        url: String,
        /// Why it was refused.
        error: OriginError,
    },
    /// The file is not a valid catalog.
    Invalid {
        /// The URL (or file name).
        url: String,
        /// The located parse error.
        error: CatalogError,
    },
    /// The file is in a format that is converted first (OSCAL), and the
    /// conversion refused it; the format module gives the message in both
    /// UI languages.
    Converted {
        /// The URL (or file name).
        url: String,
        /// Where in the file.
        path: String,
        /// What is wrong.
        message: Text,
    },
}

/// Resolves a catalog URL against the widget's base URL: absolute URLs and
/// root-relative paths are kept, others are relative to `base`.
pub fn catalog_url(base: &str, c: &str) -> String {
    if c.starts_with("http://") || c.starts_with("https://") || c.starts_with('/') {
        c.to_string()
    } else {
        format!("{base}{c}")
    }
}

#[cfg(test)]
mod test {
    use super::*;

    #[test]
    fn catalog_urls_resolve_against_the_base() {
        for (base, c, want) in [
            ("", "catalogs/a.json", "catalogs/a.json"),
            (
                "/selfcheck/",
                "catalogs/a.json",
                "/selfcheck/catalogs/a.json",
            ),
            ("/selfcheck/", "/x/a.json", "/x/a.json"),
            (
                "/selfcheck/",
                "https://x.example/a.json",
                "https://x.example/a.json",
            ),
            (
                "/selfcheck/",
                "http://x.example/a.json",
                "http://x.example/a.json",
            ),
        ] {
            assert_eq!(catalog_url(base, c), want, "{base} + {c}");
        }
    }
}
