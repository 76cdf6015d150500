//! Widget options, from data-attributes (embedding) or query parameters
//! (standalone page). Pure: parsed and validated without the browser.

use crate::core::stored::{Namespace, NamespaceError, DEFAULT_NAMESPACE};
use crate::i18n::Lang;

/// Catalog loaded when no option names one.
pub const DEFAULT_CATALOG: &str = "catalogs/jama-japia-v2.2.json";

/// Options of one widget instance.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    /// Catalog URL (relative to `base`).
    pub catalog: String,
    /// UI language; `None` follows the browser.
    pub lang: Option<Lang>,
    /// localStorage namespace.
    pub namespace: Namespace,
    /// Initial target level (used when the assessment has none yet).
    pub target: Option<String>,
    /// Colour theme.
    pub theme: Theme,
    /// Base URL of the widget's files (stylesheet, catalogs).
    pub base: String,
    /// URL (relative to `base`) of a benchmark file (`selfcheck-benchmark`,
    /// made by the collector) shown beside the results; `None`: no comparison.
    pub benchmark: Option<String>,
    /// The options come from a link (the standalone page's query string), not
    /// from the embedding page's markup: the files they name must be shipped
    /// or same-origin ([`crate::core::origin::check_link_catalog`]).
    pub by_link: bool,
}

/// Colour theme of the widget (colours can also be set with CSS custom properties).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Theme {
    /// Light background (default).
    Light,
    /// Dark background.
    Dark,
}

impl Theme {
    /// CSS class applied to the widget root.
    pub fn class(self) -> &'static str {
        match self {
            Theme::Light => "sc-theme-light",
            Theme::Dark => "sc-theme-dark",
        }
    }
}

/// Why options were refused.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum OptionError {
    /// The namespace is empty, too long or has characters outside `A-Z a-z 0-9 _ -`.
    #[error("data-namespace `{0}` is not usable: {1}")]
    BadNamespace(String, NamespaceError),
    /// The theme is not `light` or `dark`.
    #[error("data-theme must be `light` or `dark` (got `{0}`)")]
    BadTheme(String),
    /// The language is not `ja` or `en`.
    #[error("data-lang must be `ja` or `en` (got `{0}`)")]
    BadLang(String),
}

impl Options {
    /// Builds options from key/value pairs (data-attributes or query parameters).
    pub fn from_pairs<'a>(
        pairs: impl IntoIterator<Item = (&'a str, String)>,
        base: String,
    ) -> Result<Options, OptionError> {
        let mut o = Options {
            catalog: DEFAULT_CATALOG.to_string(),
            lang: None,
            namespace: Namespace::new(DEFAULT_NAMESPACE)
                .map_err(|e| OptionError::BadNamespace(DEFAULT_NAMESPACE.into(), e))?,
            target: None,
            theme: Theme::Light,
            base,
            benchmark: None,
            by_link: false,
        };
        for (k, v) in pairs {
            let v = v.trim().to_string();
            match k {
                "catalog" if !v.is_empty() => {
                    o.catalog = if v.contains('/') || v.ends_with(".json") {
                        v
                    } else {
                        format!("catalogs/{v}.json")
                    }
                }
                "lang" if !v.is_empty() => {
                    o.lang = Some(Lang::from_tag(&v).ok_or(OptionError::BadLang(v))?)
                }
                "namespace" if !v.is_empty() => {
                    o.namespace =
                        Namespace::new(&v).map_err(|e| OptionError::BadNamespace(v, e))?;
                }
                "target" if !v.is_empty() => o.target = Some(v),
                "benchmark" if !v.is_empty() => o.benchmark = Some(v),
                "theme" if !v.is_empty() => {
                    o.theme = match v.as_str() {
                        "light" => Theme::Light,
                        "dark" => Theme::Dark,
                        _ => return Err(OptionError::BadTheme(v)),
                    }
                }
                _ => {}
            }
        }
        Ok(o)
    }
}

#[cfg(test)]
mod test {
    use super::*;

    fn parse(pairs: &[(&'static str, &str)]) -> Result<Options, OptionError> {
        Options::from_pairs(
            pairs.iter().map(|(k, v)| (*k, v.to_string())),
            String::new(),
        )
    }

    #[test]
    fn defaults_to_jama_catalog() {
        let o = parse(&[]).unwrap();
        assert_eq!(o.catalog, DEFAULT_CATALOG);
        assert_eq!(o.namespace.as_str(), "selfcheck");
    }

    #[test]
    fn catalog_id_maps_to_shipped_file() {
        assert_eq!(
            parse(&[("catalog", "nisc-2023")]).unwrap().catalog,
            "catalogs/nisc-2023.json"
        );
        assert_eq!(
            parse(&[("catalog", "https://x.example/c.json")])
                .unwrap()
                .catalog,
            "https://x.example/c.json"
        );
    }

    #[test]
    fn bad_namespace_is_refused_with_its_value() {
        let e = parse(&[("namespace", "a b<script>")]).unwrap_err();
        assert!(e.to_string().contains("a b<script>"));
    }

    #[test]
    fn bad_lang_is_refused() {
        assert_eq!(
            parse(&[("lang", "fr")]),
            Err(OptionError::BadLang("fr".into()))
        );
        assert_eq!(parse(&[("lang", "en")]).unwrap().lang, Some(Lang::En));
    }
}
