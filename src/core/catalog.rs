//! Catalog model, parsing and validation.
//!
//! A catalog is the control set a company answers: the JAMA/JAPIA check sheet,
//! the NISC guideline, or an association's own sheet. It is *data*: every text
//! in it is rendered as text, never as HTML.
//!
//! Rules kept here:
//! - Parsing never panics. A catalog that is not valid JSON, that breaks the
//!   format, or that is internally inconsistent (duplicate ids, a control in a
//!   group that does not exist, a level that is not declared…) gives a
//!   [`CatalogError`] that names *where* (a JSON path such as
//!   `controls[3].level`) and *what* was expected.
//! - The format is versioned by [`Catalog::format`]; the only version is
//!   [`CATALOG_FORMAT`]. Unknown fields are refused so that a typo in an
//!   association's file is reported rather than silently ignored.
//! - Texts have length limits ([`crate::core::catalog_limits`]): a huge
//!   title is refused with its place instead of burying the items.
//! - Body texts (statements, criteria, commentary) are in the catalog's
//!   [`Catalog::language`]; names that the UI shows in its own language
//!   (titles, level names, answer labels) are [`Text`] with optional English.

use crate::core::located::Located;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// The catalog format version this build reads and writes.
pub const CATALOG_FORMAT: u32 = 1;

/// Largest catalog file accepted, in bytes (a 2,000-control catalog with long
/// commentary is about 6 MB; anything far beyond is not a catalog).
pub const MAX_CATALOG_BYTES: usize = 16 * 1024 * 1024;

/// A short text in Japanese with an optional English rendering.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Text {
    /// Japanese text (the catalog's original wording).
    pub ja: String,
    /// English text, where the catalog provides one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
}

impl Text {
    /// A Japanese-only text.
    pub fn ja(s: impl Into<String>) -> Self {
        Text {
            ja: s.into(),
            en: None,
        }
    }

    /// Japanese and English.
    pub fn both(ja: impl Into<String>, en: impl Into<String>) -> Self {
        Text {
            ja: ja.into(),
            en: Some(en.into()),
        }
    }

    /// The text for `lang` ("en" gives English where present), falling back to Japanese.
    pub fn get(&self, lang: &str) -> &str {
        match (lang, &self.en) {
            ("en", Some(en)) if !en.is_empty() => en,
            _ => &self.ja,
        }
    }
}

/// A whole catalog: metadata, hierarchy, scale and controls.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Catalog {
    /// Catalog format version; must equal [`CATALOG_FORMAT`].
    pub format: u32,
    /// Stable identifier, e.g. `jama-japia-v2.2`. Answers are stored per catalog id.
    pub id: String,
    /// The catalog's own version, e.g. `2.2`.
    pub version: String,
    /// Title shown to the user.
    pub title: Text,
    /// Who publishes the catalog.
    pub publisher: Text,
    /// Issue date of the source document, `YYYY-MM-DD`.
    pub issued: String,
    /// Language of the body texts (`ja` or `en`).
    #[serde(default = "default_language")]
    pub language: String,
    /// The document the catalog is taken from.
    pub source: SourceDocument,
    /// What the catalog covers and what it leaves out (shown to the user).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coverage: Option<Text>,
    /// Levels controls are classed by (JAMA/JAPIA Lv1–Lv3); empty when the catalog has none.
    #[serde(default)]
    pub levels: Vec<Level>,
    /// How each control is answered.
    pub scale: AnswerScale,
    /// Groups in display order; a group may name a parent group.
    pub groups: Vec<Group>,
    /// Controls in display order.
    pub controls: Vec<Control>,
    /// Catalog-wide questions and answers (e.g. "group companies answer per legal entity").
    #[serde(default)]
    pub guidance: Vec<Commentary>,
    /// Every repair made to the source text while building the catalog.
    #[serde(default)]
    pub repairs: Vec<Repair>,
}

fn default_language() -> String {
    "ja".to_string()
}

/// The published document a catalog reproduces.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SourceDocument {
    /// Document title as published.
    pub title: String,
    /// Where the document is published, if public.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The text file the catalog was generated from, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
}

/// One level of a levelled catalog (e.g. `Lv1`), lowest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Level {
    /// Identifier used by controls, e.g. `Lv1`.
    pub id: String,
    /// Display name.
    pub name: Text,
    /// Who the level is for (helps the user choose a target).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
}

/// Kind of answer scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ScaleKind {
    /// Achieved / partially / not achieved / not applicable; targets are levels.
    Status,
    /// A maturity value per control (e.g. 0–4) with a target value per control.
    Maturity,
}

/// How a control is answered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct AnswerScale {
    /// Status or maturity.
    pub kind: ScaleKind,
    /// The choices, in display order.
    pub options: Vec<AnswerOption>,
    /// For maturity scales: the target value of a control that names none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_target: Option<u8>,
}

/// One answer choice.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct AnswerOption {
    /// Stored identifier, e.g. `achieved`, `m2`.
    pub id: String,
    /// Label on the choice.
    pub label: Text,
    /// Longer explanation (shown as a hint).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
    /// Counts as achieved in scores.
    #[serde(default)]
    pub achieved: bool,
    /// Partial credit in 0..=1 (achieved = 1); shown separately from "achieved".
    #[serde(default)]
    pub credit: f64,
    /// Excludes the control from the denominator.
    #[serde(default)]
    pub not_applicable: bool,
    /// The user must give a short reason when choosing this option.
    #[serde(default)]
    pub requires_reason: bool,
    /// For maturity scales: the value of this option.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<u8>,
}

/// A group of controls (JAMA/JAPIA label, NISC section).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Group {
    /// Stable identifier, e.g. `label-2`, `5.1.1`.
    pub id: String,
    /// Number as printed, e.g. `2`, `5.1.1`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    /// Group name.
    pub title: Text,
    /// Enclosing group, for sub-groups.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// Introductory or context text of the group (catalog language).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub intro: Vec<Block>,
}

/// Whether a measure is part of the baseline or only recommended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Priority {
    /// Expected of every operator.
    Baseline,
    /// The text says 「望ましい」/「望まれる」.
    Recommended,
}

/// One control (check-sheet item, measure, practice).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Control {
    /// Stable identifier, unique in the catalog; answers are keyed by it.
    pub id: String,
    /// Group the control belongs to.
    pub group: String,
    /// Number as printed (JAMA/JAPIA `No.`), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    /// Level id, for levelled catalogs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<String>,
    /// Baseline or recommended, for catalogs that make the distinction.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<Priority>,
    /// The control's texts (目的, 要求事項, 達成条件, measure text…), in order.
    pub statements: Vec<Statement>,
    /// Structured achievement criteria (達成基準), split by tag.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub criteria: Vec<CriteriaPart>,
    /// Applicability notes and footnotes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Note>,
    /// References to other controls, by number or id as printed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cross_refs: Vec<CrossRef>,
    /// Official commentary (解説) questions and answers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub commentary: Vec<Commentary>,
    /// Reference documents.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub references: Vec<Reference>,
    /// For maturity scales: this control's target value (else the scale default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<u8>,
}

/// Role of a statement text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum StatementKind {
    /// 目的: why the control exists.
    Purpose,
    /// 要求事項: the requirement.
    Requirement,
    /// 達成条件: the condition to meet (the main question).
    Condition,
    /// A measure or practice text (NISC).
    Measure,
    /// Context text quoted from the surrounding section.
    Context,
}

/// One statement of a control.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Statement {
    /// What the statement is.
    pub kind: StatementKind,
    /// The text, verbatim, in the catalog language.
    pub text: String,
    /// English rendering, where the catalog provides one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
    /// Sub-items of the statement (NISC `*` sub-bullets), verbatim.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<ListItem>,
}

/// A tagged part of the achievement criteria (【規則】, 【基準】, 【対象】, 【頻度】…).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CriteriaPart {
    /// The tag without brackets, e.g. `規則`; `None` for untagged criteria.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tag: Option<String>,
    /// The content: paragraphs and lists.
    pub blocks: Vec<Block>,
}

/// A piece of structured text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Block {
    /// A paragraph.
    Paragraph {
        /// The text.
        text: String,
    },
    /// A sub-heading (e.g. `< 社外要員に対する守秘義務の例 >`).
    Heading {
        /// The text.
        text: String,
    },
    /// A list, its items kept as items.
    List {
        /// The items.
        items: Vec<ListItem>,
    },
    /// A note (※…).
    Note {
        /// The text.
        text: String,
    },
}

/// A list item, with nested items.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ListItem {
    /// The item text, without its bullet.
    pub text: String,
    /// Nested items.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<ListItem>,
}

/// A note attached to a control.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Note {
    /// `applicability`, `footnote`, `source` (e.g. "printed under label 16").
    pub kind: String,
    /// The note text.
    pub text: String,
}

/// A reference from one control to another.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CrossRef {
    /// The number or id as printed, e.g. `98`.
    pub target: String,
    /// Id of the referenced control when it is in this catalog; `None` keeps it a plain reference.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub control: Option<String>,
}

/// A commentary question and its answer (解説).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Commentary {
    /// Number as printed (① = 1), numbered across the item's sections.
    pub number: u32,
    /// Section explained (`達成条件`, `達成基準`), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
    /// The question.
    pub question: String,
    /// The answer: paragraphs, lists, notes.
    pub answer: Vec<Block>,
    /// Reference links given with the answer.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub references: Vec<Reference>,
}

/// A reference document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Reference {
    /// Title or label as printed.
    pub title: String,
    /// Address, shown as text (and a link only for http/https).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// A recorded repair of conversion damage in the source text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Repair {
    /// Stable id of the repair (e.g. `R01`).
    pub id: String,
    /// Control or group id concerned, if one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    /// What the source said.
    pub before: String,
    /// What the catalog says.
    pub after: String,
    /// Why.
    pub reason: String,
}

/// Why a catalog could not be used. Every variant says where and what.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum CatalogError {
    /// The file is larger than [`MAX_CATALOG_BYTES`].
    #[error("catalog is too large: {size} bytes (limit {limit})")]
    TooLarge {
        /// Size in bytes.
        size: usize,
        /// The limit.
        limit: usize,
    },
    /// Not JSON, or JSON that does not fit the format: where (path in the
    /// JSON, line, column) and what was expected.
    #[error(transparent)]
    Format(Located),
    /// Valid format, inconsistent content.
    #[error("at {path}: {problem}")]
    Invalid {
        /// Path in the JSON.
        path: String,
        /// What is wrong.
        problem: Problem,
    },
}

/// A consistency problem inside a well-formed catalog.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum Problem {
    /// `format` is not a version this build reads.
    #[error("unsupported catalog format {0} (this version reads {CATALOG_FORMAT})")]
    UnsupportedFormat(u32),
    /// A required text is empty.
    #[error("must not be empty")]
    Empty,
    /// An id is used twice.
    #[error("duplicate id `{0}`")]
    DuplicateId(String),
    /// A reference names a group that does not exist.
    #[error("unknown group `{0}`")]
    UnknownGroup(String),
    /// A control names a level the catalog does not declare.
    #[error("unknown level `{0}`")]
    UnknownLevel(String),
    /// A levelled catalog has a control without a level.
    #[error("a level is required because the catalog declares levels")]
    MissingLevel,
    /// The scale has no options, or no option counts as achieved.
    #[error("the answer scale needs at least one option that counts as achieved")]
    NoAchievedOption,
    /// A credit outside 0..=1.
    #[error("credit must be between 0 and 1, found {0}")]
    BadCredit(f64),
    /// A maturity scale option without a value, or a target outside the scale.
    #[error("maturity value missing or outside the scale")]
    BadMaturity,
    /// The catalog has no controls.
    #[error("the catalog has no controls")]
    NoControls,
    /// Groups form a cycle through `parent`.
    #[error("group parent chain forms a cycle")]
    GroupCycle,
    /// A text longer than its limit ([`crate::core::catalog_limits`]).
    #[error("text of {chars} characters is longer than the limit of {limit}")]
    TooLong {
        /// Length in characters.
        chars: usize,
        /// The limit.
        limit: usize,
    },
}

impl CatalogError {
    /// Path in the JSON where the problem is.
    pub fn path(&self) -> &str {
        match self {
            CatalogError::TooLarge { .. } => ".",
            CatalogError::Format(l) => &l.path,
            CatalogError::Invalid { path, .. } => path,
        }
    }
}

fn invalid(path: impl Into<String>, problem: Problem) -> CatalogError {
    CatalogError::Invalid {
        path: path.into(),
        problem,
    }
}

/// Parses and validates a catalog from JSON text.
pub fn parse(json: &str) -> Result<Catalog, CatalogError> {
    if json.len() > MAX_CATALOG_BYTES {
        return Err(CatalogError::TooLarge {
            size: json.len(),
            limit: MAX_CATALOG_BYTES,
        });
    }
    let catalog: Catalog = crate::core::located::from_str(json).map_err(CatalogError::Format)?;
    validate(&catalog)?;
    crate::core::catalog_limits::check(json)?;
    Ok(catalog)
}

/// Checks a parsed catalog for consistency (ids, references, scale).
pub fn validate(c: &Catalog) -> Result<(), CatalogError> {
    if c.format != CATALOG_FORMAT {
        return Err(invalid("format", Problem::UnsupportedFormat(c.format)));
    }
    if c.id.trim().is_empty() {
        return Err(invalid("id", Problem::Empty));
    }
    if c.title.ja.trim().is_empty() {
        return Err(invalid("title.ja", Problem::Empty));
    }
    // Scale.
    if !c.scale.options.iter().any(|o| o.achieved) {
        return Err(invalid("scale.options", Problem::NoAchievedOption));
    }
    let mut ids = HashSet::new();
    for (i, o) in c.scale.options.iter().enumerate() {
        if !ids.insert(o.id.as_str()) {
            return Err(invalid(
                format!("scale.options[{i}].id"),
                Problem::DuplicateId(o.id.clone()),
            ));
        }
        if !(0.0..=1.0).contains(&o.credit) || o.credit.is_nan() {
            return Err(invalid(
                format!("scale.options[{i}].credit"),
                Problem::BadCredit(o.credit),
            ));
        }
        if c.scale.kind == ScaleKind::Maturity && o.value.is_none() && !o.not_applicable {
            return Err(invalid(
                format!("scale.options[{i}].value"),
                Problem::BadMaturity,
            ));
        }
    }
    let max_value = c.scale.options.iter().filter_map(|o| o.value).max();
    let in_scale = |t: u8| max_value.is_some_and(|m| t <= m);
    if let Some(t) = c.scale.default_target {
        if !in_scale(t) {
            return Err(invalid("scale.default_target", Problem::BadMaturity));
        }
    }
    // Levels.
    let mut level_ids = HashSet::new();
    for (i, l) in c.levels.iter().enumerate() {
        if !level_ids.insert(l.id.as_str()) {
            return Err(invalid(
                format!("levels[{i}].id"),
                Problem::DuplicateId(l.id.clone()),
            ));
        }
    }
    // Groups.
    let mut group_ids = HashSet::new();
    for (i, g) in c.groups.iter().enumerate() {
        if g.id.trim().is_empty() {
            return Err(invalid(format!("groups[{i}].id"), Problem::Empty));
        }
        if !group_ids.insert(g.id.as_str()) {
            return Err(invalid(
                format!("groups[{i}].id"),
                Problem::DuplicateId(g.id.clone()),
            ));
        }
    }
    for (i, g) in c.groups.iter().enumerate() {
        if let Some(p) = &g.parent {
            if !group_ids.contains(p.as_str()) {
                return Err(invalid(
                    format!("groups[{i}].parent"),
                    Problem::UnknownGroup(p.clone()),
                ));
            }
            // Walk up: a chain longer than the number of groups is a cycle.
            let mut cur = Some(p.as_str());
            let mut steps = 0;
            while let Some(id) = cur {
                steps += 1;
                if steps > c.groups.len() {
                    return Err(invalid(format!("groups[{i}].parent"), Problem::GroupCycle));
                }
                cur = c
                    .groups
                    .iter()
                    .find(|g| g.id == id)
                    .and_then(|g| g.parent.as_deref());
            }
        }
    }
    // Controls.
    if c.controls.is_empty() {
        return Err(invalid("controls", Problem::NoControls));
    }
    let mut control_ids = HashSet::new();
    for (i, ctl) in c.controls.iter().enumerate() {
        if ctl.id.trim().is_empty() {
            return Err(invalid(format!("controls[{i}].id"), Problem::Empty));
        }
        if !control_ids.insert(ctl.id.as_str()) {
            return Err(invalid(
                format!("controls[{i}].id"),
                Problem::DuplicateId(ctl.id.clone()),
            ));
        }
        if !group_ids.contains(ctl.group.as_str()) {
            return Err(invalid(
                format!("controls[{i}].group"),
                Problem::UnknownGroup(ctl.group.clone()),
            ));
        }
        match (&ctl.level, c.levels.is_empty()) {
            (Some(l), _) if !level_ids.contains(l.as_str()) => {
                return Err(invalid(
                    format!("controls[{i}].level"),
                    Problem::UnknownLevel(l.clone()),
                ))
            }
            (None, false) => {
                return Err(invalid(
                    format!("controls[{i}].level"),
                    Problem::MissingLevel,
                ))
            }
            _ => {}
        }
        if let Some(t) = ctl.target {
            if !in_scale(t) {
                return Err(invalid(
                    format!("controls[{i}].target"),
                    Problem::BadMaturity,
                ));
            }
        }
        if ctl.statements.is_empty() {
            return Err(invalid(format!("controls[{i}].statements"), Problem::Empty));
        }
    }
    Ok(())
}

impl Catalog {
    /// The highest value of the answer scale (maturity catalogs), at least 1:
    /// the top of a maturity chart's axis.
    pub fn scale_top(&self) -> f64 {
        self.scale
            .options
            .iter()
            .filter_map(|o| o.value)
            .max()
            .unwrap_or(1)
            .max(1) as f64
    }

    /// The control with this id.
    pub fn control(&self, id: &str) -> Option<&Control> {
        self.controls.iter().find(|c| c.id == id)
    }

    /// The group with this id.
    pub fn group(&self, id: &str) -> Option<&Group> {
        self.groups.iter().find(|g| g.id == id)
    }

    /// A group's number and title for display (`"2 機密情報を扱うルール"`),
    /// in `lang` where the catalog gives it; the id when the group is unknown.
    pub fn group_label(&self, id: &str, lang: &str) -> String {
        match self.group(id) {
            Some(g) => match &g.number {
                Some(n) => format!("{n} {}", g.title.get(lang)),
                None => g.title.get(lang).to_string(),
            },
            None => id.to_string(),
        }
    }

    /// The answer option with this id.
    pub fn option(&self, id: &str) -> Option<&AnswerOption> {
        self.scale.options.iter().find(|o| o.id == id)
    }

    /// Position of a level id in [`Catalog::levels`] (0 = lowest).
    pub fn level_rank(&self, id: &str) -> Option<usize> {
        self.levels.iter().position(|l| l.id == id)
    }

    /// Controls of one group, in order.
    pub fn controls_in<'a>(&'a self, group: &'a str) -> impl Iterator<Item = &'a Control> + 'a {
        self.controls.iter().filter(move |c| c.group == group)
    }

    /// The main statement of a control: its condition, else its measure, else the first.
    pub fn headline(ctl: &Control) -> &str {
        ctl.statements
            .iter()
            .find(|s| matches!(s.kind, StatementKind::Condition | StatementKind::Measure))
            .or(ctl.statements.first())
            .map(|s| s.text.as_str())
            .unwrap_or("")
    }
}

/// The status scale every status catalog uses (JAMA/JAPIA, an association's
/// sheet, a converted OSCAL catalog): 達成 / 一部達成 (half credit) / 未達成 /
/// 対象外 (with a reason).
pub fn status_scale() -> AnswerScale {
    let o = |id: &str, ja: &str, en: &str| AnswerOption {
        id: id.into(),
        label: Text::both(ja, en),
        description: None,
        achieved: false,
        credit: 0.0,
        not_applicable: false,
        requires_reason: false,
        value: None,
    };
    AnswerScale {
        kind: ScaleKind::Status,
        options: vec![
            AnswerOption {
                achieved: true,
                credit: 1.0,
                ..o("achieved", "達成", "Achieved")
            },
            AnswerOption {
                credit: 0.5,
                ..o("partial", "一部達成", "Partially achieved")
            },
            o("not_achieved", "未達成", "Not achieved"),
            AnswerOption {
                not_applicable: true,
                requires_reason: true,
                ..o("not_applicable", "対象外", "Not applicable")
            },
        ],
        default_target: None,
    }
}

/// The list of catalogs a deployment offers (`catalogs/index.json`): an
/// association adds its own sheet here and it appears in the widget.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CatalogIndex {
    /// Index format version (1).
    pub format: u32,
    /// The catalogs, in display order.
    pub catalogs: Vec<IndexEntry>,
}

/// One offered catalog.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndexEntry {
    /// The catalog's id (as in the file).
    pub id: String,
    /// The catalog's version.
    pub version: String,
    /// File name, relative to the index.
    pub file: String,
    /// Title to show.
    pub title: Text,
    /// The catalog loaded when none is named.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub default: bool,
}

/// Parses a catalog index; entries whose file name could leave the index's
/// folder (`/`, `\`, `..`) are refused with their position.
pub fn parse_index(json: &str) -> Result<CatalogIndex, CatalogError> {
    let index: CatalogIndex = crate::core::located::from_str(json).map_err(CatalogError::Format)?;
    for (i, e) in index.catalogs.iter().enumerate() {
        if e.file.is_empty() || e.file.contains(['/', '\\']) || e.file.contains("..") {
            return Err(invalid(format!("catalogs[{i}].file"), Problem::Empty));
        }
    }
    Ok(index)
}

#[cfg(test)]
mod test {
    use super::*;

    /// A minimal valid catalog in JSON, used by the tests below.
    pub(crate) const MINI: &str = r#"{
      "format": 1, "id": "mini", "version": "1", "title": {"ja": "ミニ"},
      "publisher": {"ja": "テスト"}, "issued": "2024-01-01",
      "source": {"title": "test"},
      "levels": [{"id": "Lv1", "name": {"ja": "Lv1"}}],
      "scale": {"kind": "status", "options": [
        {"id": "achieved", "label": {"ja": "達成"}, "achieved": true, "credit": 1.0},
        {"id": "not_achieved", "label": {"ja": "未達成"}}
      ]},
      "groups": [{"id": "g1", "title": {"ja": "方針"}}],
      "controls": [{"id": "1", "group": "g1", "level": "Lv1",
        "statements": [{"kind": "condition", "text": "方針を策定している"}]}]
    }"#;

    #[test]
    fn the_shipped_index_parses_and_refuses_paths() {
        let text = include_str!("../../catalogs/index.json");
        let index = parse_index(text).unwrap();
        assert!(index
            .catalogs
            .iter()
            .any(|e| e.id == "jama-japia-v2.2" && e.default));
        let bad = text.replace("nisc-2023.json", "../secret.json");
        assert_eq!(parse_index(&bad).unwrap_err().path(), "catalogs[1].file");
    }

    #[test]
    fn parses_minimal_catalog() {
        let c = parse(MINI).unwrap();
        assert_eq!(c.controls.len(), 1);
        assert_eq!(Catalog::headline(&c.controls[0]), "方針を策定している");
    }

    #[test]
    fn wrong_type_is_located() {
        let bad = MINI.replace(r#""level": "Lv1""#, r#""level": 3"#);
        let err = parse(&bad).unwrap_err();
        assert_eq!(err.path(), "controls[0].level");
    }

    #[test]
    fn unknown_level_is_reported() {
        let bad = MINI.replace(r#""level": "Lv1""#, r#""level": "Lv9""#);
        let err = parse(&bad).unwrap_err();
        assert_eq!(
            err,
            invalid("controls[0].level", Problem::UnknownLevel("Lv9".into()))
        );
    }

    #[test]
    fn unknown_group_is_reported() {
        let bad = MINI.replace(r#""group": "g1""#, r#""group": "nope""#);
        assert_eq!(parse(&bad).unwrap_err().path(), "controls[0].group");
    }

    #[test]
    fn typo_field_is_refused() {
        let bad = MINI.replace(r#""issued""#, r#""isued""#);
        assert!(matches!(parse(&bad), Err(CatalogError::Format(_))));
    }

    #[test]
    fn not_json_gives_line() {
        match parse("{\n  \"format\": 1,\n  oops") {
            Err(CatalogError::Format(l)) => assert_eq!(l.line, 3),
            other => panic!("unexpected {other:?}"),
        }
    }
}
