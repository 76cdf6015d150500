//! Export and import of an assessment (versioned JSON), and CSV export.
//!
//! The export document ([`ExportDoc`]) is the user's backup and the way to
//! move an assessment between browsers. Its format is documented in
//! `docs/export-format.md`, and its JSON Schema (`schemas/export.schema.json`)
//! is generated from these types.
//!
//! Rules kept here:
//! - An export holds everything needed to restore the assessment exactly
//!   (export then import gives back the same [`Assessment`]) and nothing that
//!   identifies the device: the entity id is a random id made by the widget.
//! - Import never panics and never changes anything by itself:
//!   [`parse_import`] reads and checks a file (size limit, foreign files,
//!   versions, located format errors, text limits), [`validate_import`] checks
//!   it against the catalog, [`plan_import`] says what would change, and only
//!   [`apply_import`], called after the user confirmed, returns a new workspace.
//!   The widget has [`parse_import`] run in its lazily loaded format module
//!   and plans and applies what it hands back ([`Incoming`]); the collector
//!   calls it directly.
//! - The typed parse is the schema check: the types refuse unknown fields
//!   and wrong types exactly as the generated JSON Schema does, and
//!   [`validate_limits`] adds the limits a schema cannot say in words.
//! - All texts (notes, evidence, names) are data, kept verbatim and never
//!   interpreted: `<script>` stays those characters.
//! - CSV ([`to_csv`]) follows RFC 4180, starts with a UTF-8 BOM and uses CRLF
//!   so that Excel in Japanese opens it correctly.

use crate::core::assessment::{Answer, Assessment, Millis, Snapshot, Workspace};
use crate::core::catalog::Catalog;
use crate::core::located::Located;
use crate::core::merge::merge;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet};

/// Value of [`ExportDoc::format`]: marks a file as a selfcheck export.
pub const EXPORT_FORMAT: &str = "selfcheck-export";

/// The export format version this build writes and the newest it reads.
///
/// Version 2 added `fp` to answers (the fingerprint of the item text each
/// answer was given against); version 1 files are read as before, their
/// answers marked for review when made against another catalog text.
pub const EXPORT_VERSION: u32 = 2;

/// Default size limit of an import file, in bytes.
pub const MAX_IMPORT_BYTES: usize = 2 * 1024 * 1024;

/// Longest note, N/A reason, entity name or snapshot label, in characters.
/// The UI caps its inputs at the same figures so that every export imports.
pub const MAX_TEXT_CHARS: usize = 10_000;

/// Most evidence items per answer.
pub const MAX_EVIDENCE_ITEMS: usize = 50;

/// Longest evidence item (a document name or an address), in characters.
pub const MAX_EVIDENCE_CHARS: usize = 2_000;

/// Longest id (entity, control, option, level, catalog version), in characters.
pub const MAX_ID_CHARS: usize = 200;

/// Most answers (or tombstones) in one assessment or snapshot.
pub const MAX_ANSWERS: usize = 10_000;

/// Most snapshots in one assessment.
pub const MAX_SNAPSHOTS: usize = 1_000;

/// A versioned export of one assessment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ExportDoc {
    /// Always [`EXPORT_FORMAT`] (`selfcheck-export`); anything else is a foreign file.
    #[cfg_attr(feature = "schema", schemars(extend("const" = "selfcheck-export")))]
    pub format: String,
    /// Format version: [`EXPORT_VERSION`] (2) when written by this build; 1 is read too.
    #[cfg_attr(feature = "schema", schemars(extend("enum" = [1, 2])))]
    pub version: u32,
    /// When the file was exported (ms since the Unix epoch, UTC).
    pub exported: Millis,
    /// The catalog the answers belong to.
    pub catalog: CatalogRef,
    /// The assessed entity.
    pub entity: EntityInfo,
    /// Every answer by control id, with note, evidence, N/A reason and change time.
    #[serde(default)]
    pub answers: BTreeMap<String, Answer>,
    /// Cleared answers (control id -> time cleared), so that merging the
    /// import with a copy does not bring them back.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub cleared: BTreeMap<String, Millis>,
    /// Frozen copies of the answers.
    #[serde(default)]
    pub snapshots: Vec<Snapshot>,
    /// Figures computed at export time, for readers of the file; ignored on
    /// import. A summary that does not fit [`Summary`] (e.g. written by a
    /// build that counted differently) reads as `None`: it is never a reason
    /// to refuse a user's file.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient_summary"
    )]
    #[cfg_attr(feature = "schema", schemars(with = "Option<Summary>"))]
    pub summary: Option<Summary>,
}

/// Reads `summary` as any JSON value, keeping it only when it fits [`Summary`].
/// (Taken as raw text and read once: building a `serde_json::Value` tree of
/// it first cost an eighth of the collector's whole load of 4,000 files.)
fn lenient_summary<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Summary>, D::Error> {
    let raw = Box::<serde_json::value::RawValue>::deserialize(d)?;
    Ok(serde_json::from_str(raw.get()).ok())
}

/// Which catalog, which version, and a hash of its content.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CatalogRef {
    /// Catalog id, e.g. `jama-japia-v2.2`.
    pub id: String,
    /// Catalog version the answers were made against.
    pub version: String,
    /// Lower-case hex SHA-256 of the catalog's JSON as this build serialises it ([`content_hash`]).
    pub content_hash: String,
}

/// The assessed entity: its random id, name and targets.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct EntityInfo {
    /// Random id of the assessment (made by the widget, not derived from the device).
    pub id: String,
    /// Entity name; absent for an anonymous assessment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Target level, e.g. `Lv2`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_level: Option<String>,
    /// Per-control target overrides (maturity catalogs).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub targets: BTreeMap<String, u8>,
    /// When the assessment was created.
    pub created: Millis,
    /// When it last changed.
    pub updated: Millis,
}

/// Figures at export time, for readers of the file (the same figures the
/// results view shows, from [`crate::core::score`]). Informational:
/// recomputed, never trusted, on import.
///
/// A control is *in scope* when the assessment has no target level, or the
/// control's level is at or below it. Achievement = achieved ÷ applicable
/// (applicable = in scope − not applicable; unanswered controls stay in the
/// denominator, and so do controls answered "not applicable" without the
/// reason their option requires: they are listed in `needs_reason`). Answers
/// to controls the catalog no longer lists are not counted.
///
/// Controls are named by id only: the catalog's texts are not copied into an
/// answer file (the catalog is named by id, version and content hash).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Summary {
    /// Target level the figures are computed for (`None`: every control in scope).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_level: Option<String>,
    /// Controls in scope.
    pub total: u32,
    /// In-scope controls answered completely (an N/A without its reason is not).
    pub answered: u32,
    /// In-scope controls answered "not applicable" with a reason.
    pub not_applicable: u32,
    /// In-scope controls that count: `total - not_applicable`.
    pub applicable: u32,
    /// In-scope controls answered with an option that counts as achieved.
    pub achieved: u32,
    /// In-scope controls partially achieved.
    #[serde(default)]
    pub partial: u32,
    /// In-scope controls without an answer.
    #[serde(default)]
    pub unanswered: u32,
    /// `achieved / applicable` (absent when nothing is applicable).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub achievement: Option<f64>,
    /// Per level (levelled catalogs), lowest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub levels: Vec<LevelSummary>,
    /// Per group, in catalog order, each including its sub-groups (groups
    /// without in-scope controls are left out).
    pub groups: Vec<GroupSummary>,
    /// The action plan: ids of the in-scope controls not achieved
    /// (unanswered and needing a reason included), in the order the results
    /// view lists them (lowest level first, then group order; for maturity
    /// catalogs the largest gap first).
    pub gaps: Vec<String>,
    /// Ids of in-scope controls answered "not applicable" without the
    /// required reason: incomplete, kept in the denominator, not achieved.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub needs_reason: Vec<String>,
}

/// [`Summary`] counts of one level.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct LevelSummary {
    /// Level id.
    pub level: String,
    /// At or below the target level.
    pub in_scope: bool,
    /// Controls of this level.
    pub total: u32,
    /// Controls that count.
    pub applicable: u32,
    /// Achieved controls.
    pub achieved: u32,
}

/// [`Summary`] counts of one group, its sub-groups included.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct GroupSummary {
    /// Group id.
    pub group: String,
    /// Controls in scope.
    pub total: u32,
    /// In-scope controls with an answer.
    pub answered: u32,
    /// In-scope controls that count.
    pub applicable: u32,
    /// In-scope controls achieved.
    pub achieved: u32,
    /// Maturity catalogs: mean current value of the in-scope controls.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub maturity_current: Option<f64>,
    /// Maturity catalogs: mean target value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub maturity_target: Option<f64>,
}

/// Computes the [`Summary`] with [`crate::core::score`].
pub fn summarize(catalog: &Catalog, a: &Assessment) -> Summary {
    use crate::core::score::{gaps, scores, AnswerSet, Status};
    let set = AnswerSet::from(a);
    let plan = gaps(catalog, &set);
    let sc = scores(catalog, &set);
    let n = |x: usize| u32::try_from(x).unwrap_or(u32::MAX);
    let t = sc.in_scope;
    Summary {
        target_level: sc.target_level.clone(),
        total: n(t.total),
        answered: n(t.answered),
        not_applicable: n(t.not_applicable),
        applicable: n(t.applicable()),
        achieved: n(t.achieved),
        partial: n(t.partial),
        unanswered: n(t.unanswered),
        achievement: t.achievement(),
        levels: sc
            .levels
            .iter()
            .map(|l| LevelSummary {
                level: l.level.clone(),
                in_scope: l.in_scope,
                total: n(l.tally.total),
                applicable: n(l.tally.applicable()),
                achieved: n(l.tally.achieved),
            })
            .collect(),
        groups: sc
            .groups
            .iter()
            .filter(|g| g.in_scope.total > 0)
            .map(|g| GroupSummary {
                group: g.group.clone(),
                total: n(g.in_scope.total),
                answered: n(g.in_scope.answered),
                applicable: n(g.in_scope.applicable()),
                achieved: n(g.in_scope.achieved),
                maturity_current: g.maturity.and_then(|m| m.mean_current()),
                maturity_target: g.maturity.and_then(|m| m.mean_target()),
            })
            .collect(),
        needs_reason: plan
            .iter()
            .filter(|g| g.status == Status::NeedsReason)
            .map(|g| g.control.clone())
            .collect(),
        gaps: plan.into_iter().map(|g| g.control).collect(),
    }
}

/// Lower-case hex SHA-256 of the catalog's compact JSON (`serde_json::to_vec`).
///
/// Stable for a given catalog and build: the catalog types serialise fields
/// in declaration order and hold no hash maps.
pub fn content_hash(catalog: &Catalog) -> String {
    let bytes = serde_json::to_vec(catalog).unwrap_or_default();
    Sha256::digest(&bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Why an export could not be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExportError {
    /// The catalog given is not the one (id and version) the assessment was made against.
    #[error("the assessment belongs to catalog {assessment}, not {catalog}")]
    CatalogMismatch {
        /// Catalog id and version of the assessment.
        assessment: String,
        /// Catalog id and version given.
        catalog: String,
    },
    /// The document could not be turned into JSON (should not happen).
    #[error("could not encode the export: {0}")]
    Encode(String),
}

/// Builds the export document of an assessment, with its [`Summary`].
///
/// `catalog` must be the catalog and version the answers were made against
/// (migrate the assessment first with [`crate::core::migrate::migrate_catalog`]).
pub fn export_doc(
    catalog: &Catalog,
    a: &Assessment,
    exported: Millis,
) -> Result<ExportDoc, ExportError> {
    if catalog.id != a.catalog_id || catalog.version != a.catalog_version {
        return Err(ExportError::CatalogMismatch {
            assessment: format!("{} {}", a.catalog_id, a.catalog_version),
            catalog: format!("{} {}", catalog.id, catalog.version),
        });
    }
    Ok(ExportDoc {
        format: EXPORT_FORMAT.into(),
        version: EXPORT_VERSION,
        exported,
        catalog: CatalogRef {
            id: catalog.id.clone(),
            version: catalog.version.clone(),
            content_hash: content_hash(catalog),
        },
        entity: EntityInfo {
            id: a.id.clone(),
            name: (!a.name.is_empty()).then(|| a.name.clone()),
            target_level: a.target_level.clone(),
            targets: a.targets.clone(),
            created: a.created,
            updated: a.updated,
        },
        answers: a.answers.clone(),
        cleared: a.cleared.clone(),
        snapshots: a.snapshots.clone(),
        summary: Some(summarize(catalog, a)),
    })
}

/// The export document as pretty-printed JSON text (what goes in the file).
pub fn to_json(doc: &ExportDoc) -> Result<String, ExportError> {
    serde_json::to_string_pretty(doc)
        .map(|s| s + "\n")
        .map_err(|e| ExportError::Encode(e.to_string()))
}

/// What the widget keeps of an import file once it is read and checked
/// ([`parse_import`]): the assessment it holds and the content hash of the
/// catalog it names. The respondent's widget has the file read by its format
/// module (so the export format's reader is not in the first download) and
/// gets this back; the confirmation and the change are made here
/// ([`plan_import`], [`apply_import`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Incoming {
    /// The assessment in the file ([`ExportDoc::to_assessment`]).
    pub assessment: Assessment,
    /// The file's [`CatalogRef::content_hash`].
    pub content_hash: String,
}

impl ExportDoc {
    /// What an import takes of this document.
    pub fn incoming(&self) -> Incoming {
        Incoming {
            assessment: self.to_assessment(),
            content_hash: self.catalog.content_hash.clone(),
        }
    }

    /// The assessment this document holds (exactly the one exported).
    pub fn to_assessment(&self) -> Assessment {
        Assessment {
            id: self.entity.id.clone(),
            name: self.entity.name.clone().unwrap_or_default(),
            catalog_id: self.catalog.id.clone(),
            catalog_version: self.catalog.version.clone(),
            target_level: self.entity.target_level.clone(),
            targets: self.entity.targets.clone(),
            answers: self.answers.clone(),
            cleared: self.cleared.clone(),
            snapshots: self.snapshots.clone(),
            created: self.entity.created,
            updated: self.entity.updated,
            exported: None,
            source_file: None,
        }
    }
}

/// Why an import file was refused. Every variant says what, and where when it can.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ImportError {
    /// The file is larger than the limit.
    #[error("the file is too large: {size} bytes (limit {limit})")]
    TooLarge {
        /// Size in bytes.
        size: usize,
        /// The limit.
        limit: usize,
    },
    /// Not JSON (or nested too deeply to read).
    #[error("the file is not readable JSON (line {line}, column {column}): {message}")]
    NotJson {
        /// Line (1-based).
        line: usize,
        /// Column (1-based).
        column: usize,
        /// What went wrong (serde_json's words).
        message: String,
        /// What kind of problem it is (empty, an HTML page, cut off, too deep…).
        problem: crate::core::located::JsonProblem,
    },
    /// JSON, but not a selfcheck export (no or another `format` marker).
    #[error("this is not a selfcheck export file (format marker: {})", found.as_deref().unwrap_or("none"))]
    ForeignFile {
        /// The `format` value found, if it was a string.
        found: Option<String>,
    },
    /// Made by a newer version of the widget.
    #[error("the file has export format version {found}, newer than this version of the widget reads ({EXPORT_VERSION})")]
    FutureVersion {
        /// Version found.
        found: u64,
    },
    /// A version that never existed (0, negative, not a whole number, missing).
    #[error("the file has an unknown export format version: {found}")]
    UnknownVersion {
        /// The value found, as JSON text.
        found: String,
    },
    /// The file breaks the format: where (path, line, column) and what was expected.
    #[error(transparent)]
    Format(Located),
    /// Well-formed, but a value breaks a limit or does not fit the catalog.
    #[error("at {path}: {problem}")]
    Invalid {
        /// Path in the JSON.
        path: String,
        /// What is wrong.
        problem: ImportProblem,
    },
    /// The file belongs to another catalog.
    #[error("the file holds answers to catalog `{found}`, not `{expected}`")]
    WrongCatalog {
        /// Catalog id in use.
        expected: String,
        /// Catalog id in the file.
        found: String,
    },
    /// Importing as a new entity under an id that is already used.
    #[error("an assessment with id `{0}` already exists")]
    IdInUse(String),
}

/// A value in a well-formed import that cannot be accepted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportProblem {
    /// A text longer than its limit.
    #[error("text of {chars} characters is longer than the limit of {limit}")]
    TooLong {
        /// Length in characters.
        chars: usize,
        /// The limit.
        limit: usize,
    },
    /// More items than allowed.
    #[error("{count} items are more than the limit of {limit}")]
    TooMany {
        /// Number of items.
        count: usize,
        /// The limit.
        limit: usize,
    },
    /// An id that must not be empty is empty.
    #[error("must not be empty")]
    Empty,
    /// An answer names an option the catalog's scale does not have.
    #[error("answer option `{0}` is not in the catalog's answer scale")]
    UnknownOption(String),
    /// The target level is not one of the catalog's levels.
    #[error("level `{0}` is not one of the catalog's levels")]
    UnknownLevel(String),
    /// Two snapshots share an id.
    #[error("duplicate snapshot id `{0}`")]
    DuplicateId(String),
}

impl ImportError {
    /// Path in the JSON where the problem is (`.` for the whole file).
    pub fn path(&self) -> &str {
        match self {
            ImportError::Format(l) => &l.path,
            ImportError::Invalid { path, .. } => path,
            ImportError::ForeignFile { .. } => "format",
            ImportError::FutureVersion { .. } | ImportError::UnknownVersion { .. } => "version",
            ImportError::WrongCatalog { .. } => "catalog.id",
            _ => ".",
        }
    }
}

fn invalid(path: impl Into<String>, problem: ImportProblem) -> ImportError {
    ImportError::Invalid {
        path: path.into(),
        problem,
    }
}

/// The two fields read before anything else, to recognise the file.
#[derive(Deserialize)]
struct Probe {
    #[serde(default)]
    format: Option<serde_json::Value>,
    #[serde(default)]
    version: Option<serde_json::Value>,
}

/// Reads and checks an export file: size, format marker, version, shape and limits.
///
/// `max_bytes` is the size limit ([`MAX_IMPORT_BYTES`] by default). A leading
/// UTF-8 BOM is allowed. Does not check against a catalog: see [`validate_import`].
pub fn parse_import(text: &str, max_bytes: usize) -> Result<ExportDoc, ImportError> {
    if text.len() > max_bytes {
        return Err(ImportError::TooLarge {
            size: text.len(),
            limit: max_bytes,
        });
    }
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    // The common case, an export of this format and version, in one pass:
    // the typed read. The probe below (a second pass over the text) runs
    // only when the typed read fails or finds another format or version, so
    // the reason given is the same as if the probe had run first.
    let typed = match crate::core::located::from_str::<ExportDoc>(text) {
        Ok(doc) if doc.format == EXPORT_FORMAT && (1..=EXPORT_VERSION).contains(&doc.version) => {
            validate_limits(&doc)?;
            return Ok(doc);
        }
        other => other,
    };
    let probe: Probe = serde_json::from_str(text).map_err(|e| match e.classify() {
        serde_json::error::Category::Data => ImportError::ForeignFile { found: None },
        _ => ImportError::NotJson {
            line: e.line(),
            column: e.column(),
            message: e.to_string(),
            problem: crate::core::located::JsonProblem::classify(text, &e),
        },
    })?;
    match probe.format {
        Some(serde_json::Value::String(f)) if f == EXPORT_FORMAT => {}
        Some(serde_json::Value::String(f)) => {
            return Err(ImportError::ForeignFile {
                found: Some(f.chars().take(100).collect()),
            })
        }
        _ => return Err(ImportError::ForeignFile { found: None }),
    }
    match probe.version.as_ref().and_then(|v| v.as_u64()) {
        Some(v) if v > u64::from(EXPORT_VERSION) => {
            return Err(ImportError::FutureVersion { found: v })
        }
        Some(v) if v >= 1 => {}
        _ => {
            let found = probe
                .version
                .map_or_else(|| "none".to_string(), |v| v.to_string());
            return Err(ImportError::UnknownVersion {
                found: found.chars().take(100).collect(),
            });
        }
    }
    let doc: ExportDoc = typed.map_err(ImportError::Format)?;
    validate_limits(&doc)?;
    Ok(doc)
}

/// Checks text lengths, item counts and required ids of a document.
pub fn validate_limits(doc: &ExportDoc) -> Result<(), ImportError> {
    check_id("catalog.id", &doc.catalog.id, false)?;
    check_id("catalog.version", &doc.catalog.version, true)?;
    check_id("catalog.content_hash", &doc.catalog.content_hash, true)?;
    check_id("entity.id", &doc.entity.id, false)?;
    if let Some(name) = &doc.entity.name {
        check_text("entity.name", name, MAX_TEXT_CHARS)?;
    }
    if let Some(level) = &doc.entity.target_level {
        check_id("entity.target_level", level, false)?;
    }
    check_count("entity.targets", doc.entity.targets.len(), MAX_ANSWERS)?;
    for control in doc.entity.targets.keys() {
        check_id(&format!("entity.targets.{control}"), control, false)?;
    }
    check_answers("answers", &doc.answers)?;
    check_count("cleared", doc.cleared.len(), MAX_ANSWERS)?;
    for control in doc.cleared.keys() {
        check_id(&format!("cleared.{control}"), control, false)?;
    }
    check_count("snapshots", doc.snapshots.len(), MAX_SNAPSHOTS)?;
    let mut ids = BTreeSet::new();
    for (i, s) in doc.snapshots.iter().enumerate() {
        let at = format!("snapshots[{i}]");
        check_id(&format!("{at}.id"), &s.id, false)?;
        if !ids.insert(s.id.as_str()) {
            return Err(invalid(
                format!("{at}.id"),
                ImportProblem::DuplicateId(s.id.clone()),
            ));
        }
        check_text(&format!("{at}.label"), &s.label, MAX_TEXT_CHARS)?;
        check_id(&format!("{at}.catalog_version"), &s.catalog_version, true)?;
        if let Some(level) = &s.target_level {
            check_id(&format!("{at}.target_level"), level, false)?;
        }
        check_count(&format!("{at}.targets"), s.targets.len(), MAX_ANSWERS)?;
        check_answers(&format!("{at}.answers"), &s.answers)?;
    }
    Ok(())
}

fn check_answers(at: &str, answers: &BTreeMap<String, Answer>) -> Result<(), ImportError> {
    check_count(at, answers.len(), MAX_ANSWERS)?;
    for (control, a) in answers {
        // The path is written only for the answer that fails: thousands of
        // files with hundreds of answers each are checked on the collector.
        let fail = |field: &str, problem| invalid(format!("{at}.{control}{field}"), problem);
        let checks = [
            ("", id_problem(control, false)),
            (".option", id_problem(&a.option, false)),
            (".reason", text_problem(&a.reason, MAX_TEXT_CHARS)),
            (".note", text_problem(&a.note, MAX_TEXT_CHARS)),
            (
                ".evidence",
                count_problem(a.evidence.len(), MAX_EVIDENCE_ITEMS),
            ),
        ];
        if let Some((field, problem)) = checks.into_iter().find_map(|(f, p)| Some((f, p?))) {
            return Err(fail(field, problem));
        }
        for (j, e) in a.evidence.iter().enumerate() {
            if let Some(problem) = text_problem(e, MAX_EVIDENCE_CHARS) {
                return Err(fail(&format!(".evidence[{j}]"), problem));
            }
        }
    }
    Ok(())
}

/// Why a text is refused: longer than `limit` characters.
fn text_problem(text: &str, limit: usize) -> Option<ImportProblem> {
    // Bytes bound characters from above: count only when it could matter.
    if text.len() > limit {
        let chars = text.chars().count();
        if chars > limit {
            return Some(ImportProblem::TooLong { chars, limit });
        }
    }
    None
}

/// Why an id is refused: empty (unless it may be) or too long.
fn id_problem(id: &str, may_be_empty: bool) -> Option<ImportProblem> {
    if !may_be_empty && id.trim().is_empty() {
        return Some(ImportProblem::Empty);
    }
    text_problem(id, MAX_ID_CHARS)
}

/// Why a list is refused: more than `limit` entries.
fn count_problem(count: usize, limit: usize) -> Option<ImportProblem> {
    (count > limit).then_some(ImportProblem::TooMany { count, limit })
}

fn check_text(at: &str, text: &str, limit: usize) -> Result<(), ImportError> {
    text_problem(text, limit).map_or(Ok(()), |p| Err(invalid(at, p)))
}

fn check_id(at: &str, id: &str, may_be_empty: bool) -> Result<(), ImportError> {
    id_problem(id, may_be_empty).map_or(Ok(()), |p| Err(invalid(at, p)))
}

fn check_count(at: &str, count: usize, limit: usize) -> Result<(), ImportError> {
    count_problem(count, limit).map_or(Ok(()), |p| Err(invalid(at, p)))
}

/// Checks a parsed document against the catalog in use: same catalog id,
/// answer options in the scale, target level declared.
///
/// Answers to controls the catalog does not list are accepted (they are kept,
/// as after a catalog migration).
pub fn validate_import(doc: &ExportDoc, catalog: &Catalog) -> Result<(), ImportError> {
    check_fit(
        &doc.catalog.id,
        &doc.entity.target_level,
        &doc.answers,
        &doc.snapshots,
        catalog,
    )
}

/// [`validate_import`] of what an import took from its file (the same checks,
/// with the same paths).
pub fn validate_incoming(incoming: &Incoming, catalog: &Catalog) -> Result<(), ImportError> {
    let a = &incoming.assessment;
    check_fit(
        &a.catalog_id,
        &a.target_level,
        &a.answers,
        &a.snapshots,
        catalog,
    )
}

/// The checks of [`validate_import`], on the parts of a file they read.
fn check_fit(
    catalog_id: &str,
    target_level: &Option<String>,
    answers: &BTreeMap<String, Answer>,
    snapshots: &[Snapshot],
    catalog: &Catalog,
) -> Result<(), ImportError> {
    if catalog_id != catalog.id {
        return Err(ImportError::WrongCatalog {
            expected: catalog.id.clone(),
            found: catalog_id.to_string(),
        });
    }
    let check_level = |at: &str, level: &Option<String>| match level {
        Some(l) if catalog.level_rank(l).is_none() => {
            Err(invalid(at, ImportProblem::UnknownLevel(l.clone())))
        }
        _ => Ok(()),
    };
    let check_options = |at: &str, answers: &BTreeMap<String, Answer>| {
        for (control, a) in answers {
            if catalog.option(&a.option).is_none() {
                return Err(invalid(
                    format!("{at}.{control}.option"),
                    ImportProblem::UnknownOption(a.option.clone()),
                ));
            }
        }
        Ok(())
    };
    check_level("entity.target_level", target_level)?;
    check_options("answers", answers)?;
    for (i, s) in snapshots.iter().enumerate() {
        check_level(&format!("snapshots[{i}].target_level"), &s.target_level)?;
        check_options(&format!("snapshots[{i}].answers"), &s.answers)?;
    }
    Ok(())
}

/// One control whose answer differs between the workspace and the file.
#[derive(Debug, Clone, PartialEq)]
pub struct AnswerDiff {
    /// Control id.
    pub control: String,
    /// The answer kept in the browser now, if any.
    pub current: Option<Answer>,
    /// The answer in the file, if any.
    pub incoming: Option<Answer>,
}

/// What importing a file would change; shown to the user before anything is applied.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportPlan {
    /// Id of the entity in the file.
    pub entity_id: String,
    /// Name of the entity in the file (empty: anonymous).
    pub incoming_name: String,
    /// Number of answers in the file.
    pub incoming_answers: usize,
    /// The entity with the same id in the workspace, when there is one.
    pub existing: Option<ExistingEntity>,
    /// `(file's version, catalog in use)` when the answers were made against
    /// another version of the catalog (they are carried over by control id).
    pub catalog_version_change: Option<(String, String)>,
    /// The file names the same catalog version but its content hash differs
    /// from the catalog in use (the catalog file was edited without a new version).
    pub catalog_content_differs: bool,
}

/// How the file differs from an entity already in the workspace.
#[derive(Debug, Clone, PartialEq)]
pub struct ExistingEntity {
    /// Its current name.
    pub current_name: String,
    /// The name differs.
    pub name_differs: bool,
    /// Target level or targets differ.
    pub targets_differ: bool,
    /// Answers that differ, in control-id order.
    pub answers: Vec<AnswerDiff>,
    /// Ids of snapshots in the file that the entity does not have.
    pub new_snapshots: Vec<String>,
}

impl ImportPlan {
    /// True when the file would change nothing (same entity, same content).
    pub fn is_noop(&self) -> bool {
        self.existing.as_ref().is_some_and(|e| {
            !e.name_differs
                && !e.targets_differ
                && e.answers.is_empty()
                && e.new_snapshots.is_empty()
        })
    }
}

/// Checks what the file holds against the catalog ([`validate_incoming`]) and says what importing it would change.
pub fn plan_import(
    ws: &Workspace,
    file: &Incoming,
    catalog: &Catalog,
) -> Result<ImportPlan, ImportError> {
    validate_incoming(file, catalog)?;
    let incoming = &file.assessment;
    let version = &incoming.catalog_version;
    let existing = ws.entities.iter().find(|e| e.id == incoming.id).map(|cur| {
        let controls: BTreeSet<&String> =
            cur.answers.keys().chain(incoming.answers.keys()).collect();
        let answers = controls
            .into_iter()
            .filter_map(|c| {
                let (a, b) = (cur.answers.get(c), incoming.answers.get(c));
                (a != b).then(|| AnswerDiff {
                    control: c.clone(),
                    current: a.cloned(),
                    incoming: b.cloned(),
                })
            })
            .collect();
        ExistingEntity {
            current_name: cur.name.clone(),
            name_differs: cur.name != incoming.name,
            targets_differ: cur.target_level != incoming.target_level
                || cur.targets != incoming.targets,
            answers,
            new_snapshots: incoming
                .snapshots
                .iter()
                .filter(|s| !cur.snapshots.iter().any(|c| c.id == s.id))
                .map(|s| s.id.clone())
                .collect(),
        }
    });
    Ok(ImportPlan {
        entity_id: incoming.id.clone(),
        incoming_name: incoming.name.clone(),
        incoming_answers: incoming.answers.len(),
        existing,
        catalog_version_change: (*version != catalog.version)
            .then(|| (version.clone(), catalog.version.clone())),
        catalog_content_differs: *version == catalog.version
            && file.content_hash != content_hash(catalog),
    })
}

/// What the user chose to do with an import.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportChoice {
    /// The file replaces the entity with the same id (added when there is none).
    Replace,
    /// The file is merged into the entity with the same id, per answer by
    /// change time ([`crate::core::merge::merge`]); added when there is none.
    Merge,
    /// The file is added as a new entity under `new_id`, leaving any entity
    /// with the file's id untouched.
    AsNew,
}

/// Applies a confirmed import, returning the new workspace; the imported entity becomes the open one.
///
/// `new_id` is used only by [`ImportChoice::AsNew`] (a fresh random id from
/// the caller); it must not be in use. The answers keep the catalog version
/// they were made against; the caller migrates them with
/// [`crate::core::migrate::migrate_catalog`] as for stored data.
pub fn apply_import(
    ws: &Workspace,
    file: &Incoming,
    choice: ImportChoice,
    new_id: &str,
) -> Result<Workspace, ImportError> {
    let mut incoming = file.assessment.clone();
    let mut next = ws.clone();
    if choice == ImportChoice::AsNew {
        if new_id.trim().is_empty() {
            return Err(invalid("entity.id", ImportProblem::Empty));
        }
        if next.entities.iter().any(|e| e.id == new_id) {
            return Err(ImportError::IdInUse(new_id.to_string()));
        }
        incoming.id = new_id.to_string();
    }
    next.active = incoming.id.clone();
    match next.entities.iter_mut().find(|e| e.id == incoming.id) {
        Some(existing) if choice == ImportChoice::Merge => *existing = merge(existing, &incoming),
        Some(existing) => *existing = incoming,
        None => next.entities.push(incoming),
    }
    Ok(next)
}

/// File name for an export: `selfcheck-{entity}-{catalog}-{date}.{ext}`, or
/// `selfcheck-{catalog}-{date}.{ext}` for an anonymous entity.
///
/// Characters that file systems refuse (`/ \ : * ? " < > |`) and control
/// characters are dropped, white space becomes `_`, and each part is cut to
/// 60 characters; Japanese letters are kept. `date` is `YYYY-MM-DD` (see [`date_ymd`]).
pub fn export_file_name(entity_name: &str, catalog_id: &str, date: &str, ext: &str) -> String {
    let entity = sanitize(entity_name);
    let catalog = match sanitize(catalog_id) {
        c if c.is_empty() => "catalog".to_string(),
        c => c,
    };
    let date = sanitize(date);
    let ext = match sanitize(ext.trim_start_matches('.')) {
        e if e.is_empty() => "json".to_string(),
        e => e,
    };
    let mut parts = vec!["selfcheck".to_string()];
    if !entity.is_empty() {
        parts.push(entity);
    }
    parts.push(catalog);
    if !date.is_empty() {
        parts.push(date);
    }
    format!("{}.{ext}", parts.join("-"))
}

/// One part of a file name, made safe (see [`export_file_name`]).
fn sanitize(s: &str) -> String {
    let mut out = String::new();
    let mut space = false;
    for c in s.chars() {
        if matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') || c.is_control() {
            continue;
        }
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push('_');
        }
        space = false;
        out.push(c);
    }
    let cut: String = out.chars().take(60).collect();
    cut.trim_matches('.').to_string()
}

/// The date of `t` as `YYYY-MM-DD` in a time zone `offset_minutes` east of
/// UTC (Japan: `540`). What the user reads is the local date: the browser's
/// clock (`web::clock::local_date`) passes its own offset.
pub fn date_ymd_at(t: Millis, offset_minutes: i64) -> String {
    date_ymd(t.saturating_add(offset_minutes.saturating_mul(60_000)))
}

/// The date and time of `t` as `YYYY-MM-DD HH:MM` in a time zone
/// `offset_minutes` east of UTC (see [`date_ymd_at`]).
pub fn date_time_at(t: Millis, offset_minutes: i64) -> String {
    let local = t.saturating_add(offset_minutes.saturating_mul(60_000));
    let minutes = local.div_euclid(60_000).rem_euclid(24 * 60);
    format!(
        "{} {:02}:{:02}",
        date_ymd(local),
        minutes / 60,
        minutes % 60
    )
}

/// The UTC date `YYYY-MM-DD` of a time in milliseconds since the epoch.
pub fn date_ymd(t: Millis) -> String {
    let days = t.div_euclid(86_400_000);
    // Civil-from-days (H. Hinnant), valid for the whole i64 day range used here.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

/// CSV of an assessment: a header, then one row per control of the catalog, in order.
///
/// Columns: id, group, level, text (the control's main statement), answer
/// (option label; "not applicable" without its required reason is marked
/// `(理由未記入)` / `(no reason given)`), N/A reason, note, evidence (one item per line). `lang`
/// (`ja` or `en`) picks the header and the labels. RFC 4180: fields with a
/// comma, quote or line break are quoted, quotes doubled; CRLF between
/// records; a UTF-8 BOM first. A field that starts with `=`, `+`, `-`, `@`,
/// tab or CR gets a leading `'` so that spreadsheets show it as text rather
/// than run it as a formula. Answers to controls the catalog no longer lists
/// are not in the CSV (they stay in the JSON export).
pub fn to_csv(catalog: &Catalog, a: &Assessment, lang: &str) -> String {
    let header: [&str; 8] = if lang == "en" {
        [
            "ID",
            "Group",
            "Level",
            "Control",
            "Answer",
            "N/A reason",
            "Note",
            "Evidence",
        ]
    } else {
        [
            "ID",
            "グループ",
            "レベル",
            "項目",
            "回答",
            "該当なしの理由",
            "メモ",
            "エビデンス",
        ]
    };
    let no_reason = if lang == "en" {
        "no reason given"
    } else {
        "理由未記入"
    };
    let mut out = String::from('\u{FEFF}');
    push_record(&mut out, header.iter().map(|s| s.to_string()));
    for ctl in &catalog.controls {
        let group = catalog.group(&ctl.group).map_or_else(
            || ctl.group.clone(),
            |g| match &g.number {
                Some(n) => format!("{n} {}", g.title.get(lang)),
                None => g.title.get(lang).to_string(),
            },
        );
        let level = ctl.level.as_deref().map_or_else(String::new, |l| {
            catalog
                .levels
                .iter()
                .find(|x| x.id == l)
                .map_or_else(|| l.to_string(), |x| x.name.get(lang).to_string())
        });
        let answer = a.answers.get(&ctl.id);
        let label = answer.map_or_else(String::new, |ans| match catalog.option(&ans.option) {
            // Marked, so that a reader of the sheet sees it was not justified.
            Some(o) if ans.lacks_reason(o) => format!("{} ({})", o.label.get(lang), no_reason),
            Some(o) => o.label.get(lang).to_string(),
            None => ans.option.clone(),
        });
        let field = |f: fn(&Answer) -> String| answer.map(f).unwrap_or_default();
        push_record(
            &mut out,
            [
                ctl.id.clone(),
                group,
                level,
                Catalog::headline(ctl).to_string(),
                label,
                field(|a| a.reason.clone()),
                field(|a| a.note.clone()),
                field(|a| a.evidence.join("\n")),
            ]
            .into_iter(),
        );
    }
    out
}

/// Appends one CSV record and its CRLF.
pub(crate) fn push_record(out: &mut String, fields: impl Iterator<Item = String>) {
    for (i, f) in fields.enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&csv_field(&f));
    }
    out.push_str("\r\n");
}

/// One CSV field, neutralised against formulas and quoted when needed.
fn csv_field(f: &str) -> String {
    let f = if f.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{f}")
    } else {
        f.to_string()
    };
    if f.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", f.replace('"', "\"\""))
    } else {
        f
    }
}

#[cfg(test)]
mod test {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_per_rfc4180() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("two\nlines"), "\"two\nlines\"");
        assert_eq!(csv_field("=1+1"), "'=1+1");
        assert_eq!(csv_field("-x,y"), "\"'-x,y\"");
    }

    #[test]
    fn dates_are_utc_calendar_days() {
        assert_eq!(date_ymd(0), "1970-01-01");
        assert_eq!(date_ymd(951_782_400_000), "2000-02-29");
        assert_eq!(date_ymd(1_767_225_599_999), "2025-12-31");
        assert_eq!(date_ymd(-1), "1969-12-31");
    }

    #[test]
    fn local_date_times_follow_the_offset() {
        // 2025-12-31T23:30Z: 08:30 on 1 January in Japan, 18:30 in New York.
        let t = 1_767_223_800_000;
        for (offset, want) in [
            (0, "2025-12-31 23:30"),
            (540, "2026-01-01 08:30"),
            (-300, "2025-12-31 18:30"),
        ] {
            assert_eq!(date_time_at(t, offset), want, "offset {offset}");
        }
        assert_eq!(date_time_at(-60_000, 0), "1969-12-31 23:59");
    }

    #[test]
    fn local_dates_follow_the_offset() {
        // 2025-12-31T23:30Z: already 1 January in Japan, still 31 December in New York.
        let t = 1_767_223_800_000;
        for (offset, want) in [(0, "2025-12-31"), (540, "2026-01-01"), (-300, "2025-12-31")] {
            assert_eq!(date_ymd_at(t, offset), want, "offset {offset}");
        }
        // 08:00 in Japan (23:00Z the day before) is dated today there.
        assert_eq!(date_ymd_at(1_767_222_000_000, 540), "2026-01-01");
    }

    #[test]
    fn file_names_are_safe() {
        assert_eq!(
            export_file_name("株式会社 テスト/工場", "jama", "2026-01-02", "json"),
            "selfcheck-株式会社_テスト工場-jama-2026-01-02.json"
        );
        assert_eq!(
            export_file_name("", "jama-japia-v2.2", "2026-01-02", "csv"),
            "selfcheck-jama-japia-v2.2-2026-01-02.csv"
        );
        assert_eq!(
            export_file_name("a<b>:c*?\"|\u{7}", "x", "d", ".json"),
            "selfcheck-abc-x-d.json"
        );
        assert_eq!(
            export_file_name("..", "x", "d", "json"),
            "selfcheck-x-d.json"
        );
    }
}
