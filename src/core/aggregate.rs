//! Many exports read together: the model of the collector (the receiving side).
//!
//! A customer, an association or a group headquarters receives one export file
//! (`selfcheck-export`) per legal entity. [`Collector`] reads them one by one
//! (so a worker can report progress), with the import's own rules, and sorts
//! them into [`RespondentSet`]s of one catalog id and version. [`figures`]
//! computes, for any subset of one set, one row per respondent, the
//! distribution of achievement across respondents per level and per group,
//! and the counts of answers per item; [`benchmark`] turns a subset into the
//! anonymous aggregate file (`selfcheck-benchmark`) that the respondent's
//! widget shows beside its own results ([`position`]).
//!
//! Rules (each tested below):
//! - A file the widget's import would refuse is refused here, with the same
//!   [`ImportError`]; so is a file that is not UTF-8 text, and one for a
//!   catalog the collector does not have. Refusals are kept, file by file.
//! - Files of one catalog id but another catalog version go into a set of
//!   their own, flagged [`RespondentSet::other_version`]; a file whose catalog
//!   content hash differs from the loaded catalog's is flagged
//!   [`Respondent::hash_differs`]. Nothing is mixed silently.
//! - Two files of the same entity id in one set: the newer one
//!   (`entity.updated`, then `exported`, then file name) is kept, the other is
//!   listed in [`Collector::replaced`] with the file that replaced it.
//! - Rates are achieved ÷ applicable, unanswered counting as not achieved (as
//!   in [`crate::core::score`]); for maturity catalogs the figure is the mean
//!   current maturity instead of a rate.
//! - Quantiles interpolate linearly between the closest ranks (numpy's
//!   default, Excel's `QUARTILE.INC`).
//! - The benchmark publishes no figure for fewer than `min_respondents`
//!   respondents (default [`DEFAULT_MIN_RESPONDENTS`]): the whole file is
//!   refused, and a level or group with fewer values than that has no
//!   distribution. It holds no name, id, note, reason or evidence.

use crate::core::assessment::{Assessment, Millis};
use crate::core::catalog::{Catalog, ScaleKind};
use crate::core::outline::IndexedCatalog;
use crate::core::report::{
    content_hash, parse_import, push_record, validate_import, CatalogRef, ExportDoc, ImportError,
    MAX_IMPORT_BYTES,
};
use crate::core::score::{self, AnswerSet, Scope, Status};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// Format marker of a benchmark file.
pub const BENCHMARK_FORMAT: &str = "selfcheck-benchmark";
/// Current benchmark format version.
pub const BENCHMARK_VERSION: u32 = 1;
/// Fewest respondents a benchmark publishes figures for, unless told otherwise.
pub const DEFAULT_MIN_RESPONDENTS: usize = 5;
/// Largest benchmark file the widget reads.
pub const MAX_BENCHMARK_BYTES: usize = 4 * 1024 * 1024;

/// Why a file was not taken into the collection.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum Refusal {
    /// The import's own rules refuse it (not JSON, foreign, future version, limits, options).
    #[error(transparent)]
    Import(ImportError),
    /// The bytes are not UTF-8 text (an image, a spreadsheet, a ZIP inside the ZIP).
    #[error("the file is not UTF-8 text")]
    NotText,
    /// An export for a catalog the collector has not loaded.
    #[error("the file holds answers to catalog `{0}`, which the collector does not have")]
    UnknownCatalog(String),
    /// An archive (or one of its entries) could not be read.
    #[error("the archive could not be read: {0}")]
    Archive(String),
}

/// One refused file.
#[derive(Debug, Clone, PartialEq)]
pub struct Refused {
    /// File name (path inside a folder or ZIP).
    pub file: String,
    /// Why.
    pub reason: Refusal,
}

/// One accepted file: one entity's answers.
#[derive(Debug, Clone, PartialEq)]
pub struct Respondent {
    /// File name (path inside a folder or ZIP).
    pub file: String,
    /// The export as read.
    pub doc: ExportDoc,
    /// The file's catalog content hash is not the loaded catalog's: the
    /// catalog text it was answered against differs from the one shown.
    pub hash_differs: bool,
    /// Its figures, computed once when the file is read (they do not depend
    /// on what the page asks to see).
    pub row: Row,
}

impl Respondent {
    /// The entity name, `None` when anonymous.
    pub fn name(&self) -> Option<&str> {
        self.doc
            .entity
            .name
            .as_deref()
            .filter(|n| !n.trim().is_empty())
    }

    /// The answers as an assessment (for scoring and drill-down).
    pub fn assessment(&self) -> Assessment {
        self.doc.to_assessment()
    }

    /// Newer-than order used for duplicates.
    fn recency(&self) -> (Millis, Millis, &str) {
        (
            self.doc.entity.updated,
            self.doc.exported,
            self.file.as_str(),
        )
    }
}

/// A file dropped because a newer file of the same entity was loaded.
#[derive(Debug, Clone, PartialEq)]
pub struct Replaced {
    /// The older file, not used.
    pub file: String,
    /// The entity id both files share.
    pub entity: String,
    /// The file kept instead.
    pub kept: String,
}

/// The respondents of one catalog id and version.
#[derive(Debug, Clone, PartialEq)]
pub struct RespondentSet {
    /// Catalog id.
    pub catalog_id: String,
    /// Catalog version the answers were made against.
    pub version: String,
    /// The version is not the loaded catalog's: the texts may differ.
    pub other_version: bool,
    /// Respondents in loading order (one per entity id).
    pub respondents: Vec<Respondent>,
    /// Index into `respondents` by entity id (duplicates are found in one
    /// lookup, not by a scan: a set holds thousands).
    by_entity: HashMap<String, usize>,
}

/// Reads export files one at a time and keeps the sets, refusals and replacements.
#[derive(Debug, Clone)]
pub struct Collector {
    /// Catalogs the files are read against (indexed: labels, top groups),
    /// with their content hashes.
    catalogs: Vec<(IndexedCatalog, String)>,
    /// Sets in order of first appearance.
    pub sets: Vec<RespondentSet>,
    /// Refused files in loading order.
    pub refused: Vec<Refused>,
    /// Files dropped for a newer one of the same entity.
    pub replaced: Vec<Replaced>,
}

impl Collector {
    /// A collector for these catalogs (content hashes computed once).
    pub fn new(catalogs: Vec<Catalog>) -> Self {
        let mut c = Collector {
            catalogs: Vec::new(),
            sets: Vec::new(),
            refused: Vec::new(),
            replaced: Vec::new(),
        };
        for catalog in catalogs {
            c.add_catalog(catalog);
        }
        c
    }

    /// Adds a catalog (replacing one of the same id); call it before the
    /// files: those already read keep the figures of the catalog they were read with.
    pub fn add_catalog(&mut self, catalog: Catalog) {
        let hash = content_hash(&catalog);
        self.catalogs.retain(|(c, _)| c.id != catalog.id);
        self.catalogs.push((IndexedCatalog::new(catalog), hash));
    }

    /// The catalog of a set.
    pub fn catalog(&self, id: &str) -> Option<&IndexedCatalog> {
        self.catalogs
            .iter()
            .find(|(c, _)| c.id == id)
            .map(|(c, _)| c)
    }

    /// Lists a file as refused for a reason found outside [`Collector::add`]
    /// (e.g. a broken archive).
    pub fn refuse(&mut self, file: &str, reason: Refusal) {
        self.refused.push(Refused {
            file: file.to_string(),
            reason,
        });
    }

    /// Files read so far (accepted, refused or replaced).
    pub fn files_read(&self) -> usize {
        self.sets.iter().map(|s| s.respondents.len()).sum::<usize>()
            + self.refused.len()
            + self.replaced.len()
    }

    /// Reads one file.
    pub fn add(&mut self, file: &str, bytes: &[u8]) {
        if let Err(reason) = self.accept(file, bytes) {
            self.refused.push(Refused {
                file: file.to_string(),
                reason,
            });
        }
    }

    fn accept(&mut self, file: &str, bytes: &[u8]) -> Result<(), Refusal> {
        if bytes.len() > MAX_IMPORT_BYTES {
            return Err(Refusal::Import(ImportError::TooLarge {
                size: bytes.len(),
                limit: MAX_IMPORT_BYTES,
            }));
        }
        let text = std::str::from_utf8(bytes).map_err(|_| Refusal::NotText)?;
        let doc = parse_import(text, MAX_IMPORT_BYTES).map_err(Refusal::Import)?;
        let (catalog, hash) = self
            .catalogs
            .iter()
            .find(|(c, _)| c.id == doc.catalog.id)
            .ok_or_else(|| Refusal::UnknownCatalog(doc.catalog.id.chars().take(100).collect()))?;
        validate_import(&doc, catalog).map_err(Refusal::Import)?;
        let other_version = doc.catalog.version != catalog.version;
        let hash_differs = doc.catalog.content_hash != *hash;
        let set = match self
            .sets
            .iter()
            .position(|s| s.catalog_id == doc.catalog.id && s.version == doc.catalog.version)
        {
            Some(i) => &mut self.sets[i],
            None => {
                self.sets.push(RespondentSet {
                    catalog_id: doc.catalog.id.clone(),
                    version: doc.catalog.version.clone(),
                    other_version,
                    respondents: Vec::new(),
                    by_entity: HashMap::new(),
                });
                let last = self.sets.len() - 1;
                &mut self.sets[last]
            }
        };
        let entity = doc.entity.id.clone();
        let existing = set.by_entity.get(&entity).copied();
        let respondent = Respondent {
            file: file.to_string(),
            row: row(catalog, existing.unwrap_or(set.respondents.len()), &doc),
            doc,
            hash_differs,
        };
        match existing {
            None => {
                set.by_entity.insert(entity.clone(), set.respondents.len());
                set.respondents.push(respondent);
            }
            Some(i) => {
                // Keep the newer of the two; list the other with the file kept.
                let old = if set.respondents[i].recency() >= respondent.recency() {
                    respondent
                } else {
                    std::mem::replace(&mut set.respondents[i], respondent)
                };
                self.replaced.push(Replaced {
                    file: old.file,
                    entity,
                    kept: set.respondents[i].file.clone(),
                });
            }
        }
        Ok(())
    }
}

/// Which respondents of a set to show.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filter {
    /// Only respondents with this target level (`None`: any).
    pub target_level: Option<String>,
    /// Only respondents whose name contains this (case-insensitive; empty: any).
    pub name: String,
}

impl Filter {
    /// Whether a respondent passes.
    pub fn matches(&self, r: &Respondent) -> bool {
        if let Some(l) = &self.target_level {
            if r.doc.entity.target_level.as_ref() != Some(l) {
                return false;
            }
        }
        let needle = self.name.trim().to_lowercase();
        needle.is_empty() || r.name().is_some_and(|n| n.to_lowercase().contains(&needle))
    }
}

/// Min, quartiles and max of a figure across respondents.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Distribution {
    /// Number of respondents with a value.
    pub n: usize,
    /// Smallest value.
    pub min: f64,
    /// First quartile.
    pub q1: f64,
    /// Median.
    pub median: f64,
    /// Third quartile.
    pub q3: f64,
    /// Largest value.
    pub max: f64,
}

/// The `p`-quantile (0..=1) of sorted values, linear between closest ranks.
fn quantile(sorted: &[f64], p: f64) -> f64 {
    let pos = p * (sorted.len() - 1) as f64;
    let lo = pos.floor() as usize;
    let hi = pos.ceil() as usize;
    sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo as f64)
}

impl Distribution {
    /// The distribution of some values (`None` for none; NaN values are skipped).
    pub fn of(values: impl IntoIterator<Item = f64>) -> Option<Self> {
        let mut v: Vec<f64> = values.into_iter().filter(|x| !x.is_nan()).collect();
        if v.is_empty() {
            return None;
        }
        v.sort_by(f64::total_cmp);
        Some(Distribution {
            n: v.len(),
            min: v[0],
            q1: quantile(&v, 0.25),
            median: quantile(&v, 0.5),
            q3: quantile(&v, 0.75),
            max: v[v.len() - 1],
        })
    }
}

/// What one respondent's figures are.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// Index into the set's respondents.
    pub index: usize,
    /// Target level.
    pub target_level: Option<String>,
    /// In-scope controls answered.
    pub answered: usize,
    /// In-scope controls.
    pub in_scope: usize,
    /// Overall figure (in scope): rate, or mean maturity.
    pub overall: Option<f64>,
    /// Per level (catalog order): rate of all the level's controls.
    pub levels: Vec<Option<f64>>,
    /// Per top-level group (catalog order): in-scope rate, or mean maturity.
    pub groups: Vec<Option<f64>>,
    /// Status of every control, catalog order.
    pub statuses: Vec<Status>,
    /// Whether each control is in scope for this respondent, catalog order.
    pub in_scope_controls: Vec<bool>,
}

/// Answers to one control, counted across respondents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Counts {
    /// Achieved (maturity: at or above the target).
    pub achieved: usize,
    /// Partially achieved.
    pub partial: usize,
    /// Not achieved (maturity: below the target), including "not
    /// applicable" without its required reason (it stays in the denominator).
    pub not_achieved: usize,
    /// Not applicable (with its reason).
    pub not_applicable: usize,
    /// Unanswered.
    pub unanswered: usize,
}

impl Counts {
    fn add(&mut self, st: Status) {
        match st {
            Status::Achieved => self.achieved += 1,
            Status::Partial => self.partial += 1,
            Status::NotAchieved | Status::NeedsReason => self.not_achieved += 1,
            Status::NotApplicable => self.not_applicable += 1,
            Status::Unanswered => self.unanswered += 1,
        }
    }

    /// Applicable but not achieved: not achieved, partial or unanswered.
    pub fn missed(&self) -> usize {
        self.not_achieved + self.partial + self.unanswered
    }

    /// Achieved ÷ applicable (`None` when every answer is N/A or there are none).
    pub fn achieved_share(&self) -> Option<f64> {
        let d = self.achieved + self.missed();
        (d > 0).then(|| self.achieved as f64 / d as f64)
    }
}

/// One control across respondents.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemFigures {
    /// Control id.
    pub control: String,
    /// Position in the catalog.
    pub position: usize,
    /// Counts over every respondent.
    pub counts: Counts,
    /// Respondents for whom the control is above their target.
    pub above_target: usize,
}

/// Everything the collector shows for a subset of one set.
#[derive(Debug, Clone, PartialEq)]
pub struct Figures {
    /// Whether the figures are mean maturity values rather than rates.
    pub maturity: bool,
    /// One row per respondent, in the subset's order.
    pub rows: Vec<Row>,
    /// Overall figure across respondents.
    pub overall: Option<Distribution>,
    /// Per level (id, distribution), catalog order.
    pub levels: Vec<(String, Option<Distribution>)>,
    /// Per top-level group (id, distribution), catalog order.
    pub groups: Vec<(String, Option<Distribution>)>,
    /// Per control, catalog order.
    pub items: Vec<ItemFigures>,
}

/// The top-level groups of a catalog, in order.
pub fn top_groups(catalog: &Catalog) -> Vec<&str> {
    catalog
        .groups
        .iter()
        .filter(|g| g.parent.is_none())
        .map(|g| g.id.as_str())
        .collect()
}

/// The figures of one export, at `index` in its set.
fn row(catalog: &Catalog, index: usize, doc: &ExportDoc) -> Row {
    let set = AnswerSet {
        answers: &doc.answers,
        target_level: doc.entity.target_level.as_deref(),
        targets: &doc.entity.targets,
    };
    let statuses = score::statuses(catalog, &set);
    let s = score::scores_from(catalog, &set, &statuses);
    let maturity = catalog.scale.kind == ScaleKind::Maturity;
    let figure = |t: &score::Tally, m: Option<&score::Maturity>| {
        if maturity {
            m.and_then(|m| m.mean_current())
        } else {
            t.achievement()
        }
    };
    Row {
        index,
        target_level: doc.entity.target_level.clone(),
        answered: s.progress.in_scope_answered,
        in_scope: s.progress.in_scope_total,
        overall: figure(&s.in_scope, s.maturity.as_ref()),
        levels: s.levels.iter().map(|l| l.tally.achievement()).collect(),
        groups: top_groups(catalog)
            .iter()
            .map(|g| {
                s.group(g)
                    .and_then(|g| figure(&g.in_scope, g.maturity.as_ref()))
            })
            .collect(),
        statuses,
        in_scope_controls: catalog
            .controls
            .iter()
            .map(|c| score::scope(catalog, &set, c) == Scope::InScope)
            .collect(),
    }
}

/// The figures of a subset (respondents given by index into `set`).
pub fn figures(catalog: &Catalog, set: &RespondentSet, members: &[usize]) -> Figures {
    let rows: Vec<Row> = members
        .iter()
        .filter_map(|&i| set.respondents.get(i).map(|r| r.row.clone()))
        .collect();
    figures_of_rows(catalog, rows)
}

fn figures_of_rows(catalog: &Catalog, rows: Vec<Row>) -> Figures {
    let levels = catalog
        .levels
        .iter()
        .enumerate()
        .map(|(i, l)| {
            (
                l.id.clone(),
                Distribution::of(rows.iter().filter_map(|r| r.levels[i])),
            )
        })
        .collect();
    let groups = top_groups(catalog)
        .iter()
        .enumerate()
        .map(|(i, g)| {
            (
                g.to_string(),
                Distribution::of(rows.iter().filter_map(|r| r.groups[i])),
            )
        })
        .collect();
    let items = catalog
        .controls
        .iter()
        .enumerate()
        .map(|(ci, c)| {
            let mut counts = Counts::default();
            let mut above_target = 0;
            for r in &rows {
                counts.add(r.statuses[ci]);
                above_target += usize::from(!r.in_scope_controls[ci]);
            }
            ItemFigures {
                control: c.id.clone(),
                position: ci,
                counts,
                above_target,
            }
        })
        .collect();
    Figures {
        maturity: catalog.scale.kind == ScaleKind::Maturity,
        overall: Distribution::of(rows.iter().filter_map(|r| r.overall)),
        rows,
        levels,
        groups,
        items,
    }
}

/// The `n` controls of a level most often missed (not achieved, partial or
/// unanswered), most missed first, then catalog order; controls nobody
/// missed are left out. `level = None` takes every control.
pub fn most_missed<'f>(
    catalog: &Catalog,
    figures: &'f Figures,
    level: Option<&str>,
    n: usize,
) -> Vec<&'f ItemFigures> {
    let mut v: Vec<&ItemFigures> = figures
        .items
        .iter()
        .filter(|it| {
            level.is_none()
                || catalog
                    .controls
                    .get(it.position)
                    .and_then(|c| c.level.as_deref())
                    == level
        })
        .filter(|it| it.counts.missed() > 0)
        .collect();
    v.sort_by_key(|it| (std::cmp::Reverse(it.counts.missed()), it.position));
    v.truncate(n);
    v
}

/// A status as a stable code for files (`achieved`, `partial`, ...).
pub fn status_code(st: Status) -> &'static str {
    match st {
        Status::Achieved => "achieved",
        Status::Partial => "partial",
        Status::NotAchieved => "not_achieved",
        Status::NotApplicable => "not_applicable",
        Status::Unanswered => "unanswered",
        Status::NeedsReason => "needs_reason",
    }
}

/// A rate or maturity as text for a CSV: percent with one decimal for rates,
/// two decimals for maturity values, empty when there is none.
fn figure_text(v: Option<f64>, maturity: bool) -> String {
    match v {
        None => String::new(),
        Some(x) if maturity => format!("{x:.2}"),
        Some(x) => format!("{:.1}", x * 100.0),
    }
}

/// The respondent table as CSV: one row per respondent (name, entity id,
/// target level, answered, overall, each level, each top group), then one
/// column per control with the answer's label. UTF-8 BOM, CRLF, RFC 4180,
/// formulas neutralised (as [`crate::core::report::to_csv`]).
pub fn wide_csv(catalog: &Catalog, set: &RespondentSet, figures: &Figures, lang: &str) -> String {
    let en = lang == "en";
    let pct = if figures.maturity { "" } else { " %" };
    let mut header: Vec<String> = vec![
        if en { "Respondent" } else { "回答者" }.into(),
        if en {
            "Entity id"
        } else {
            "エンティティID"
        }
        .into(),
        if en { "File" } else { "ファイル" }.into(),
        if en {
            "Target level"
        } else {
            "目標レベル"
        }
        .into(),
        if en { "Answered" } else { "回答済み" }.into(),
        if en { "In scope" } else { "対象項目数" }.into(),
        format!("{}{pct}", if en { "Overall" } else { "全体" }),
    ];
    header.extend(
        catalog
            .levels
            .iter()
            .map(|l| format!("{}{pct}", l.name.get(lang))),
    );
    header.extend(
        top_groups(catalog)
            .iter()
            .map(|g| format!("{}{pct}", catalog.group_label(g, lang))),
    );
    header.extend(catalog.controls.iter().map(|c| c.id.clone()));
    let mut out = String::from('\u{FEFF}');
    push_record(&mut out, header.into_iter());
    for row in &figures.rows {
        let Some(r) = set.respondents.get(row.index) else {
            continue;
        };
        let mut rec: Vec<String> = vec![
            r.name()
                .map_or_else(|| anonymous(lang).to_string(), str::to_string),
            r.doc.entity.id.clone(),
            r.file.clone(),
            row.target_level.clone().unwrap_or_default(),
            row.answered.to_string(),
            row.in_scope.to_string(),
            figure_text(row.overall, figures.maturity),
        ];
        rec.extend(row.levels.iter().map(|v| figure_text(*v, false)));
        rec.extend(row.groups.iter().map(|v| figure_text(*v, figures.maturity)));
        rec.extend(catalog.controls.iter().map(|c| {
            r.doc
                .answers
                .get(&c.id)
                .filter(|a| a.is_chosen())
                .map_or_else(String::new, |a| {
                    catalog
                        .option(&a.option)
                        .map_or_else(|| a.option.clone(), |o| o.label.get(lang).to_string())
                })
        }));
        push_record(&mut out, rec.into_iter());
    }
    out
}

/// The answers as a tidy long CSV, one record per respondent and control:
/// `respondent` (entity id), `name`, `control`, `level`, `group`, `option`
/// (option id, empty when unanswered), `status` ([`status_code`]),
/// `in_scope` (1/0), `reason`, `note`, `evidence` (one per line). Headers are
/// the same in every language (for pandas, DuckDB, pivot tables).
pub fn long_csv(catalog: &Catalog, set: &RespondentSet, figures: &Figures) -> String {
    let mut out = String::from('\u{FEFF}');
    push_record(
        &mut out,
        [
            "respondent",
            "name",
            "control",
            "level",
            "group",
            "option",
            "status",
            "in_scope",
            "reason",
            "note",
            "evidence",
        ]
        .iter()
        .map(|s| s.to_string()),
    );
    for row in &figures.rows {
        let Some(r) = set.respondents.get(row.index) else {
            continue;
        };
        for (ci, c) in catalog.controls.iter().enumerate() {
            let a = r.doc.answers.get(&c.id);
            let text =
                |f: fn(&crate::core::assessment::Answer) -> String| a.map(f).unwrap_or_default();
            push_record(
                &mut out,
                [
                    r.doc.entity.id.clone(),
                    r.name().unwrap_or_default().to_string(),
                    c.id.clone(),
                    c.level.clone().unwrap_or_default(),
                    c.group.clone(),
                    text(|a| a.option.clone()),
                    status_code(row.statuses[ci]).to_string(),
                    if row.in_scope_controls[ci] { "1" } else { "0" }.to_string(),
                    text(|a| a.reason.clone()),
                    text(|a| a.note.clone()),
                    text(|a| a.evidence.join("\n")),
                ]
                .into_iter(),
            );
        }
    }
    out
}

/// "Anonymous" in the UI language.
pub fn anonymous(lang: &str) -> &'static str {
    if lang == "en" {
        "anonymous"
    } else {
        "匿名"
    }
}

/// An anonymous aggregate of many assessments of one catalog version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Benchmark {
    /// Always [`BENCHMARK_FORMAT`].
    #[cfg_attr(feature = "schema", schemars(extend("const" = "selfcheck-benchmark")))]
    pub format: String,
    /// Format version, [`BENCHMARK_VERSION`].
    #[cfg_attr(feature = "schema", schemars(extend("const" = 1)))]
    pub version: u32,
    /// When it was made (ms since the Unix epoch, UTC).
    pub generated: Millis,
    /// The catalog, version and content hash every respondent answered.
    pub catalog: CatalogRef,
    /// Number of respondents aggregated.
    pub respondents: usize,
    /// The threshold it was made with: no figure over fewer respondents.
    pub min_respondents: usize,
    /// `rate` (achieved ÷ applicable, 0..1) or `maturity` (mean current value).
    pub measure: Measure,
    /// Overall figure (in scope of each respondent's target).
    pub overall: Option<Distribution>,
    /// Per level, catalog order: rate over all the level's controls.
    pub levels: Vec<LevelBenchmark>,
    /// Per top-level group, catalog order.
    pub groups: Vec<GroupBenchmark>,
    /// Per control, catalog order: answers counted.
    pub items: Vec<ItemBenchmark>,
}

/// What the distributions measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// Achieved ÷ applicable, 0 to 1.
    Rate,
    /// Mean current maturity value.
    Maturity,
}

/// One level of a benchmark.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct LevelBenchmark {
    /// Level id.
    pub level: String,
    /// Rates across respondents; absent below the threshold.
    pub distribution: Option<Distribution>,
}

/// One group of a benchmark.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct GroupBenchmark {
    /// Group id.
    pub group: String,
    /// Figures across respondents; absent below the threshold.
    pub distribution: Option<Distribution>,
    /// Answers to the group's controls (and its sub-groups'), summed.
    pub counts: Counts,
}

/// One control of a benchmark.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ItemBenchmark {
    /// Control id.
    pub control: String,
    /// Answers counted over every respondent.
    pub counts: Counts,
}

/// Why a benchmark cannot be made or read.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum BenchmarkError {
    /// Fewer respondents than the threshold.
    #[error("{found} respondents are fewer than the {min} a benchmark needs")]
    TooFew {
        /// Respondents in the subset.
        found: usize,
        /// The threshold.
        min: usize,
    },
    /// Respondents answered another catalog text (version or content hash).
    #[error("respondents answered another catalog version or text; a benchmark holds one")]
    Mixed,
    /// The file is larger than [`MAX_BENCHMARK_BYTES`].
    #[error("the benchmark file is too large: {0} bytes")]
    TooLarge(usize),
    /// Not a benchmark file, or a broken one.
    #[error("not a readable benchmark file: {0}")]
    Unreadable(String),
    /// A newer benchmark format.
    #[error("benchmark format version {0} is newer than this widget reads")]
    FutureVersion(u32),
    /// A benchmark of another catalog or version.
    #[error("the benchmark is for catalog {found}, not {expected}")]
    OtherCatalog {
        /// The catalog in use (id and version).
        expected: String,
        /// The benchmark's.
        found: String,
    },
}

/// The anonymous aggregate of a subset of one set.
///
/// Refused when the subset is smaller than `min_respondents` (at least 1) or
/// when it holds answers to another catalog text. Distributions over fewer
/// values than the threshold are left out.
pub fn benchmark(
    catalog: &Catalog,
    set: &RespondentSet,
    members: &[usize],
    min_respondents: usize,
    now: Millis,
) -> Result<Benchmark, BenchmarkError> {
    let min = min_respondents.max(1);
    let chosen: Vec<&Respondent> = members
        .iter()
        .filter_map(|&i| set.respondents.get(i))
        .collect();
    if chosen.len() < min {
        return Err(BenchmarkError::TooFew {
            found: chosen.len(),
            min,
        });
    }
    if set.other_version || set.catalog_id != catalog.id || chosen.iter().any(|r| r.hash_differs) {
        return Err(BenchmarkError::Mixed);
    }
    let f = figures(catalog, set, members);
    let keep = |d: Option<Distribution>| d.filter(|d| d.n >= min);
    let index = score::group_index(catalog);
    let groups = f
        .groups
        .iter()
        .map(|(g, d)| {
            let mut counts = Counts::default();
            for (ci, c) in catalog.controls.iter().enumerate() {
                if score::chain_with(catalog, &index, &c.group)
                    .iter()
                    .any(|&gi| catalog.groups[gi].id == *g)
                {
                    for r in &f.rows {
                        counts.add(r.statuses[ci]);
                    }
                }
            }
            GroupBenchmark {
                group: g.clone(),
                distribution: keep(*d),
                counts,
            }
        })
        .collect();
    Ok(Benchmark {
        format: BENCHMARK_FORMAT.into(),
        version: BENCHMARK_VERSION,
        generated: now,
        catalog: CatalogRef {
            id: catalog.id.clone(),
            version: catalog.version.clone(),
            content_hash: content_hash(catalog),
        },
        respondents: chosen.len(),
        min_respondents: min,
        measure: if f.maturity {
            Measure::Maturity
        } else {
            Measure::Rate
        },
        overall: keep(f.overall),
        levels: f
            .levels
            .iter()
            .map(|(l, d)| LevelBenchmark {
                level: l.clone(),
                distribution: keep(*d),
            })
            .collect(),
        groups,
        items: f
            .items
            .iter()
            .map(|it| ItemBenchmark {
                control: it.control.clone(),
                counts: it.counts,
            })
            .collect(),
    })
}

/// Reads a benchmark file for the catalog in use.
pub fn parse_benchmark(text: &str, catalog: &Catalog) -> Result<Benchmark, BenchmarkError> {
    if text.len() > MAX_BENCHMARK_BYTES {
        return Err(BenchmarkError::TooLarge(text.len()));
    }
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    #[derive(Deserialize)]
    struct Probe {
        format: Option<serde_json::Value>,
        version: Option<u32>,
    }
    let probe: Probe =
        serde_json::from_str(text).map_err(|e| BenchmarkError::Unreadable(e.to_string()))?;
    if probe.format.as_ref().and_then(|f| f.as_str()) != Some(BENCHMARK_FORMAT) {
        return Err(BenchmarkError::Unreadable(
            "no selfcheck-benchmark marker".into(),
        ));
    }
    match probe.version {
        Some(v) if v > BENCHMARK_VERSION => return Err(BenchmarkError::FutureVersion(v)),
        Some(v) if v >= 1 => {}
        _ => return Err(BenchmarkError::Unreadable("unknown version".into())),
    }
    let b: Benchmark =
        serde_json::from_str(text).map_err(|e| BenchmarkError::Unreadable(e.to_string()))?;
    if b.catalog.id != catalog.id || b.catalog.version != catalog.version {
        return Err(BenchmarkError::OtherCatalog {
            expected: format!("{} {}", catalog.id, catalog.version),
            found: format!("{} {}", b.catalog.id, b.catalog.version),
        });
    }
    Ok(b)
}

/// One figure of the respondent beside the benchmark's distribution.
#[derive(Debug, Clone, PartialEq)]
pub struct Standing {
    /// Level or group id.
    pub id: String,
    /// The respondent's own figure.
    pub mine: Option<f64>,
    /// The peers' distribution (absent when the benchmark withheld it).
    pub peers: Option<Distribution>,
}

/// A gap of the respondent that most peers have closed.
#[derive(Debug, Clone, PartialEq)]
pub struct ClosedByPeers {
    /// Control id.
    pub control: String,
    /// Share of peers (among those for whom it applies) who achieved it.
    pub share: f64,
}

/// Where a respondent stands against a benchmark.
#[derive(Debug, Clone, PartialEq)]
pub struct Position {
    /// Overall.
    pub overall: Standing,
    /// Per level (catalog order).
    pub levels: Vec<Standing>,
    /// Per top-level group (catalog order).
    pub groups: Vec<Standing>,
    /// The respondent's gaps (action-plan order) that more than half of the
    /// peers achieved, the most closed first (ties: action-plan order).
    pub closed_by_peers: Vec<ClosedByPeers>,
}

/// The respondent's position against a benchmark of the same catalog.
pub fn position(catalog: &Catalog, set: &AnswerSet, b: &Benchmark) -> Position {
    let s = score::scores(catalog, set);
    let maturity = b.measure == Measure::Maturity;
    let figure = |t: &score::Tally, m: Option<&score::Maturity>| {
        if maturity {
            m.and_then(|m| m.mean_current())
        } else {
            t.achievement()
        }
    };
    let levels = b
        .levels
        .iter()
        .map(|l| Standing {
            id: l.level.clone(),
            mine: s.level(&l.level).and_then(|x| x.tally.achievement()),
            peers: l.distribution,
        })
        .collect();
    let groups = b
        .groups
        .iter()
        .map(|g| Standing {
            id: g.group.clone(),
            mine: s
                .group(&g.group)
                .and_then(|x| figure(&x.in_scope, x.maturity.as_ref())),
            peers: g.distribution,
        })
        .collect();
    let peers: BTreeMap<&str, &Counts> = b
        .items
        .iter()
        .map(|i| (i.control.as_str(), &i.counts))
        .collect();
    let mut closed: Vec<(usize, ClosedByPeers)> = score::gaps(catalog, set)
        .into_iter()
        .enumerate()
        .filter_map(|(order, g)| {
            let share = peers.get(g.control.as_str())?.achieved_share()?;
            (share > 0.5).then_some((
                order,
                ClosedByPeers {
                    control: g.control,
                    share,
                },
            ))
        })
        .collect();
    closed.sort_by(|(oa, a), (ob, b)| b.share.total_cmp(&a.share).then(oa.cmp(ob)));
    Position {
        overall: Standing {
            id: String::new(),
            mine: figure(&s.in_scope, s.maturity.as_ref()),
            peers: b.overall,
        },
        levels,
        groups,
        closed_by_peers: closed.into_iter().map(|(_, c)| c).collect(),
    }
}

#[cfg(test)]
mod test {
    use super::*;
    use crate::core::assessment::Answer;
    use crate::core::report::export_doc;

    const MINI: &str = include_str!("../../tests/fixtures/mini-catalog.json");

    fn mini() -> Catalog {
        crate::core::catalog::parse(MINI).expect("mini catalog parses")
    }

    /// An export of entity `id` answering `answers` (control, option).
    fn export(
        cat: &Catalog,
        id: &str,
        name: &str,
        level: &str,
        answers: &[(&str, &str)],
        updated: Millis,
    ) -> String {
        let mut a = Assessment::new(id, &cat.id, &cat.version, 1);
        a.name = name.into();
        a.target_level = Some(level.into());
        a.updated = updated;
        for (c, o) in answers {
            let mut ans = Answer::empty(updated);
            ans.option = o.to_string();
            if o == &"not_applicable" {
                ans.reason = "no such systems".into();
            }
            a.answers.insert(c.to_string(), ans);
        }
        let doc = export_doc(cat, &a, updated + 1).expect("export");
        crate::core::report::to_json(&doc).expect("json")
    }

    fn collector_with(files: &[(&str, String)]) -> Collector {
        let mut c = Collector::new(vec![mini()]);
        for (name, text) in files {
            c.add(name, text.as_bytes());
        }
        c
    }

    #[test]
    fn quantiles_interpolate_between_closest_ranks() {
        // numpy.quantile([0, 0.25, 0.5, 1], [.25, .5, .75]) = 0.1875, 0.375, 0.625
        let d = Distribution::of([1.0, 0.0, 0.5, 0.25]).unwrap();
        assert_eq!((d.n, d.min, d.max), (4, 0.0, 1.0));
        assert_eq!((d.q1, d.median, d.q3), (0.1875, 0.375, 0.625));
        let one = Distribution::of([0.4]).unwrap();
        assert_eq!(
            (one.min, one.q1, one.median, one.q3, one.max),
            (0.4, 0.4, 0.4, 0.4, 0.4)
        );
        assert_eq!(Distribution::of([]), None);
        assert_eq!(Distribution::of([f64::NAN]), None);
    }

    #[test]
    fn refusals_are_kept_file_by_file_with_the_import_reason() {
        let cat = mini();
        let good = export(&cat, "e1", "A社", "Lv1", &[("1", "achieved")], 10);
        let other = good.replace(
            &format!("\"id\": \"{}\"", cat.id),
            "\"id\": \"someone-else\"",
        );
        assert_ne!(other, good, "the catalog id was replaced");
        let c = collector_with(&[
            ("ok.json", good),
            ("broken.json", "{ not json".into()),
            ("foreign.json", r#"{"format": "csaf", "version": 2}"#.into()),
            (
                "future.json",
                r#"{"format": "selfcheck-export", "version": 9}"#.into(),
            ),
            ("other.json", other),
        ]);
        let mut c = c;
        c.add("picture.png", &[0x89, b'P', b'N', b'G', 0xff, 0xfe]);
        c.add("huge.json", &vec![b' '; MAX_IMPORT_BYTES + 1]);
        let why: Vec<(&str, &Refusal)> = c
            .refused
            .iter()
            .map(|r| (r.file.as_str(), &r.reason))
            .collect();
        assert_eq!(c.sets.len(), 1);
        assert_eq!(c.sets[0].respondents.len(), 1);
        assert!(matches!(
            why[0],
            ("broken.json", Refusal::Import(ImportError::NotJson { .. }))
        ));
        assert!(matches!(
            why[1],
            (
                "foreign.json",
                Refusal::Import(ImportError::ForeignFile { .. })
            )
        ));
        assert!(matches!(
            why[2],
            (
                "future.json",
                Refusal::Import(ImportError::FutureVersion { found: 9 })
            )
        ));
        assert_eq!(
            why[3],
            (
                "other.json",
                &Refusal::UnknownCatalog("someone-else".into())
            )
        );
        assert_eq!(why[4], ("picture.png", &Refusal::NotText));
        assert!(matches!(
            why[5],
            ("huge.json", Refusal::Import(ImportError::TooLarge { .. }))
        ));
        assert_eq!(c.files_read(), 7);
    }

    #[test]
    fn an_unknown_option_is_refused_as_the_import_would() {
        let cat = mini();
        let bad = export(&cat, "e1", "", "Lv1", &[("1", "achieved")], 10)
            .replace("\"option\": \"achieved\"", "\"option\": \"perfect\"");
        let c = collector_with(&[("bad.json", bad)]);
        assert!(matches!(
            &c.refused[0].reason,
            Refusal::Import(ImportError::Invalid { path, .. }) if path == "answers.1.option"
        ));
    }

    #[test]
    fn duplicates_keep_the_newest_and_say_which_file_replaced_which() {
        let cat = mini();
        let old = export(&cat, "e1", "A社", "Lv1", &[("1", "not_achieved")], 10);
        let new = export(&cat, "e1", "A社", "Lv1", &[("1", "achieved")], 20);
        for order in [
            [("old.json", old.clone()), ("new.json", new.clone())],
            [("new.json", new.clone()), ("old.json", old.clone())],
        ] {
            let c = collector_with(&order);
            let set = &c.sets[0];
            assert_eq!(set.respondents.len(), 1);
            assert_eq!(set.respondents[0].file, "new.json");
            assert_eq!(set.respondents[0].doc.answers["1"].option, "achieved");
            assert_eq!(
                c.replaced,
                vec![Replaced {
                    file: "old.json".into(),
                    entity: "e1".into(),
                    kept: "new.json".into()
                }]
            );
        }
    }

    #[test]
    fn other_versions_and_other_texts_are_flagged_never_mixed() {
        let cat = mini();
        let same = export(&cat, "e1", "", "Lv1", &[], 10);
        let v_old = export(&cat, "e2", "", "Lv1", &[], 10).replace(
            &format!("\"version\": \"{}\"", cat.version),
            "\"version\": \"0.9\"",
        );
        let hash = content_hash(&cat);
        let edited = export(&cat, "e3", "", "Lv1", &[], 10).replace(&hash, &"0".repeat(64));
        let c = collector_with(&[("a.json", same), ("b.json", v_old), ("c.json", edited)]);
        assert_eq!(c.sets.len(), 2);
        let (current, old) = (&c.sets[0], &c.sets[1]);
        assert!(!current.other_version);
        assert_eq!(old.version, "0.9");
        assert!(old.other_version);
        let flags: Vec<bool> = current.respondents.iter().map(|r| r.hash_differs).collect();
        assert_eq!(flags, vec![false, true]);
        // Neither can go into a benchmark.
        assert_eq!(
            benchmark(&cat, current, &[0, 1], 1, 0),
            Err(BenchmarkError::Mixed)
        );
        assert_eq!(benchmark(&cat, old, &[0], 1, 0), Err(BenchmarkError::Mixed));
    }

    /// Five respondents: rates at Lv1 known by hand.
    fn five() -> (Catalog, Collector) {
        let cat = mini();
        let lv1: Vec<&str> = cat
            .controls
            .iter()
            .filter(|c| c.level.as_deref() == Some("Lv1"))
            .map(|c| c.id.as_str())
            .collect();
        assert!(lv1.len() >= 4, "the mini catalog has Lv1 items");
        let mut files = Vec::new();
        for k in 0..5 {
            // Respondent k achieves the first k Lv1 items; the rest are not achieved.
            let answers: Vec<(&str, &str)> = lv1
                .iter()
                .enumerate()
                .map(|(i, c)| (*c, if i < k { "achieved" } else { "not_achieved" }))
                .collect();
            files.push((
                format!("r{k}.json"),
                export(
                    &cat,
                    &format!("e{k}"),
                    &format!("社{k}"),
                    "Lv1",
                    &answers,
                    10,
                ),
            ));
        }
        let refs: Vec<(&str, String)> =
            files.iter().map(|(n, t)| (n.as_str(), t.clone())).collect();
        (cat.clone(), collector_with(&refs))
    }

    #[test]
    fn figures_per_level_and_item_count_what_the_files_say() {
        let (cat, c) = five();
        let set = &c.sets[0];
        let f = figures(&cat, set, &[0, 1, 2, 3, 4]);
        let n1 = cat
            .controls
            .iter()
            .filter(|c| c.level.as_deref() == Some("Lv1"))
            .count() as f64;
        let lv1 = f
            .levels
            .iter()
            .find(|(l, _)| l == "Lv1")
            .and_then(|(_, d)| *d)
            .unwrap();
        assert_eq!(
            (lv1.n, lv1.min, lv1.median, lv1.max),
            (5, 0.0, 2.0 / n1, 4.0 / n1)
        );
        assert_eq!(f.rows[3].overall, Some(3.0 / n1));
        // The first Lv1 item: achieved by respondents 1..4; missed by respondent 0.
        let first = cat
            .controls
            .iter()
            .find(|c| c.level.as_deref() == Some("Lv1"))
            .unwrap();
        let it = f.items.iter().find(|i| i.control == first.id).unwrap();
        assert_eq!(
            it.counts,
            Counts {
                achieved: 4,
                not_achieved: 1,
                ..Counts::default()
            }
        );
        // Most missed at Lv1: the last Lv1 items first, each missed by more respondents.
        let top = most_missed(&cat, &f, Some("Lv1"), 2);
        assert_eq!(top.len(), 2);
        assert!(top[0].counts.missed() >= top[1].counts.missed());
        assert!(top
            .iter()
            .all(|i| cat.controls[i.position].level.as_deref() == Some("Lv1")));
        // A subset: the same rules over two respondents.
        let sub = figures(&cat, set, &[0, 4]);
        assert_eq!(sub.rows.len(), 2);
        assert_eq!(sub.overall.map(|d| d.median), Some(2.0 / n1));
    }

    #[test]
    fn filter_by_level_and_name() {
        let (_, c) = five();
        let r = &c.sets[0].respondents;
        let f = Filter {
            target_level: Some("Lv1".into()),
            name: "社3".into(),
        };
        assert_eq!(r.iter().filter(|x| f.matches(x)).count(), 1);
        let f = Filter {
            target_level: Some("Lv2".into()),
            name: String::new(),
        };
        assert_eq!(r.iter().filter(|x| f.matches(x)).count(), 0);
        assert_eq!(r.iter().filter(|x| Filter::default().matches(x)).count(), 5);
    }

    #[test]
    fn the_benchmark_needs_enough_respondents_and_holds_no_names() {
        let (cat, c) = five();
        let set = &c.sets[0];
        assert_eq!(
            benchmark(&cat, set, &[0, 1, 2, 3], DEFAULT_MIN_RESPONDENTS, 0),
            Err(BenchmarkError::TooFew { found: 4, min: 5 })
        );
        let b = benchmark(&cat, set, &[0, 1, 2, 3, 4], DEFAULT_MIN_RESPONDENTS, 7).unwrap();
        assert_eq!(b.respondents, 5);
        let text = serde_json::to_string(&b).unwrap();
        for secret in ["社0", "社4", "e0", "r0.json", "no such systems"] {
            assert!(!text.contains(secret), "{secret} leaked into the benchmark");
        }
        // Per item counts add up to the respondents.
        assert!(b.items.iter().all(|i| {
            let k = i.counts;
            k.achieved + k.partial + k.not_achieved + k.not_applicable + k.unanswered == 5
        }));
        // A threshold of 6 refuses five.
        assert!(benchmark(&cat, set, &[0, 1, 2, 3, 4], 6, 0).is_err());
        // It reads back, and only for its own catalog version.
        let back = parse_benchmark(&text, &cat).unwrap();
        assert_eq!(back, b);
        let mut other = cat.clone();
        other.version = "9".into();
        assert!(matches!(
            parse_benchmark(&text, &other),
            Err(BenchmarkError::OtherCatalog { .. })
        ));
        assert!(matches!(
            parse_benchmark("<html>", &cat),
            Err(BenchmarkError::Unreadable(_))
        ));
        let future = text.replace("\"version\":1", "\"version\":2");
        assert_eq!(
            parse_benchmark(&future, &cat),
            Err(BenchmarkError::FutureVersion(2))
        );
    }

    #[test]
    fn position_shows_own_rate_beside_peers_and_gaps_peers_closed() {
        let (cat, c) = five();
        let set = &c.sets[0];
        let b = benchmark(&cat, set, &[0, 1, 2, 3, 4], 5, 0).unwrap();
        // Respondent 0 achieved nothing at Lv1; the first Lv1 item was closed by 4 of 5 peers.
        let a = set.respondents[0].assessment();
        let p = position(&cat, &AnswerSet::from(&a), &b);
        let lv1 = p.levels.iter().find(|s| s.id == "Lv1").unwrap();
        assert_eq!(lv1.mine, Some(0.0));
        assert!(lv1.peers.is_some());
        let first = cat
            .controls
            .iter()
            .find(|c| c.level.as_deref() == Some("Lv1"))
            .unwrap();
        assert_eq!(p.closed_by_peers[0].control, first.id);
        assert_eq!(p.closed_by_peers[0].share, 0.8);
        assert!(p.closed_by_peers.iter().all(|x| x.share > 0.5));
    }

    #[test]
    fn csvs_hold_one_row_per_respondent_and_one_record_per_answer() {
        let (cat, c) = five();
        let set = &c.sets[0];
        let f = figures(&cat, set, &[0, 1, 2, 3, 4]);
        let wide = wide_csv(&cat, set, &f, "ja");
        assert!(wide.starts_with('\u{FEFF}'));
        let lines: Vec<&str> = wide.trim_end().split("\r\n").collect();
        assert_eq!(lines.len(), 6);
        assert!(lines[1].starts_with("社0,e0,r0.json,Lv1,"));
        assert_eq!(lines[0].split(',').count(), lines[1].split(',').count());
        let long = long_csv(&cat, set, &f);
        assert_eq!(
            long.trim_end().split("\r\n").count(),
            1 + 5 * cat.controls.len()
        );
        assert!(long.contains(&format!("e4,社4,{},", cat.controls[0].id)));
    }
}
