//! The collector page's module: many selfcheck exports read and aggregated in
//! the browser, in a Web Worker (`www/collect-worker.js`), nothing uploaded.
//!
//! [`Desk`] is the whole model, plain Rust and tested natively: it takes
//! catalogs, files and ZIP archives, and answers queries with JSON that the
//! page renders (`www/collect.js`). The rules of reading and counting are
//! `selfcheck::core::aggregate`'s; this crate adds the ZIP reader (the `zip`
//! crate), the query, and the JSON shapes the page reads. On wasm32,
//! [`wasm::Session`] wraps a `Desk` for JavaScript.
//!
//! ZIP archives: directories, macOS metadata (`__MACOSX/`, `._*`) and hidden
//! files are skipped; each entry is read to at most one byte over the import
//! limit (a larger one is refused as too large without being inflated
//! further), and at most [`MAX_ZIP_ENTRIES`] entries are read.

use selfcheck::core::aggregate::{
    self, benchmark, figures, most_missed, status_code, BenchmarkError, Collector, Figures, Filter,
    Refusal, RespondentSet,
};
use selfcheck::core::catalog::{self, Catalog, ScaleKind};
use selfcheck::core::outline::IndexedCatalog;
use selfcheck::core::report::{ImportError, MAX_IMPORT_BYTES};
use selfcheck::core::score::Status;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::io::Read;

/// Most entries read from one ZIP archive.
pub const MAX_ZIP_ENTRIES: usize = 20_000;

/// What the page asks to see: one set, filtered, optionally a chosen subset.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Query {
    /// Index of the set (catalog id + version).
    #[serde(default)]
    pub set: usize,
    /// Only respondents with this target level.
    #[serde(default)]
    pub level: Option<String>,
    /// Only respondents whose name contains this.
    #[serde(default)]
    pub name: String,
    /// Only these respondents (indexes into the set), when given.
    #[serde(default)]
    pub members: Option<Vec<usize>>,
}

/// The collection and its catalogs.
#[derive(Debug, Clone)]
pub struct Desk {
    collector: Collector,
}

/// A refusal as the page shows it: a code it translates, and the details.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RefusalView {
    /// File name (inside an archive: `archive.zip/path`).
    pub file: String,
    /// `too_large`, `not_json`, `foreign`, `future_version`, `unknown_version`,
    /// `format`, `invalid`, `wrong_catalog`, `not_text`, `unknown_catalog`, `zip`.
    pub code: &'static str,
    /// Where in the file (JSON path; `.` for the whole file).
    pub path: String,
    /// The value involved (format marker, version, catalog id, limit), if any.
    pub found: String,
    /// The technical message, in English, for the administrator.
    pub detail: String,
}

fn refusal_view(file: &str, r: &Refusal) -> RefusalView {
    let (code, path, found) = match r {
        Refusal::NotText => ("not_text", ".".to_string(), String::new()),
        Refusal::UnknownCatalog(id) => ("unknown_catalog", "catalog.id".into(), id.clone()),
        Refusal::Archive(_) => ("zip", ".".to_string(), String::new()),
        Refusal::Import(e) => {
            let (code, found) = match e {
                ImportError::TooLarge { size, .. } => ("too_large", size.to_string()),
                ImportError::NotJson { line, column, .. } => {
                    ("not_json", format!("{line}:{column}"))
                }
                ImportError::ForeignFile { found } => {
                    ("foreign", found.clone().unwrap_or_default())
                }
                ImportError::FutureVersion { found } => ("future_version", found.to_string()),
                ImportError::UnknownVersion { found } => ("unknown_version", found.clone()),
                ImportError::Format(_) => ("format", String::new()),
                ImportError::Invalid { .. } => ("invalid", String::new()),
                ImportError::WrongCatalog { found, .. } => ("wrong_catalog", found.clone()),
                ImportError::IdInUse(id) => ("invalid", id.clone()),
            };
            (code, e.path().to_string(), found)
        }
    };
    RefusalView {
        file: file.to_string(),
        code,
        path: shorten(&path),
        found: found.chars().take(100).collect(),
        detail: shorten(&r.to_string()),
    }
}

/// At most 200 characters, with an ellipsis.
fn shorten(s: &str) -> String {
    if s.chars().count() <= 200 {
        s.to_string()
    } else {
        s.chars().take(199).collect::<String>() + "…"
    }
}

/// The sets, refusals and replacements: what the page lists after loading.
#[derive(Debug, Serialize)]
pub struct StateView {
    /// Files read (accepted, refused, replaced).
    pub files_read: usize,
    /// One entry per catalog id + version.
    pub sets: Vec<SetView>,
    /// Refused files.
    pub refused: Vec<RefusalView>,
    /// Older files of an entity replaced by a newer one.
    pub replaced: Vec<ReplacedView>,
}

/// One set in the list.
#[derive(Debug, Serialize)]
pub struct SetView {
    /// Catalog id.
    pub catalog_id: String,
    /// Catalog title (ja) of the loaded catalog.
    pub title_ja: String,
    /// Catalog title (en), falling back to ja.
    pub title_en: String,
    /// Version the answers were made against.
    pub version: String,
    /// Version of the loaded catalog.
    pub loaded_version: String,
    /// The versions differ.
    pub other_version: bool,
    /// Respondents.
    pub respondents: usize,
    /// Respondents whose file names another catalog text (content hash).
    pub hash_differs: usize,
}

/// One replaced file.
#[derive(Debug, Serialize)]
pub struct ReplacedView {
    /// The file not used.
    pub file: String,
    /// Its entity id.
    pub entity: String,
    /// The newer file used instead.
    pub kept: String,
}

/// Min, quartiles, max.
pub type Dist = Option<aggregate::Distribution>;

/// A level or group with its distribution.
#[derive(Debug, Serialize)]
pub struct Axis {
    /// Id.
    pub id: String,
    /// Label (ja).
    pub ja: String,
    /// Label (en).
    pub en: String,
    /// Short label for the box plot (group number, or level id).
    pub short: String,
    /// Across the respondents shown.
    pub dist: Dist,
}

/// One control.
#[derive(Debug, Serialize)]
pub struct ControlView {
    /// Id.
    pub id: String,
    /// What the user reads as its number ("No. 4"), as the widget shows it.
    pub label: String,
    /// Level id.
    pub level: Option<String>,
    /// Top group id.
    pub group: String,
    /// The control's main statement.
    pub headline: String,
    /// Counts over the respondents shown.
    pub counts: aggregate::Counts,
    /// Not achieved, partial or unanswered.
    pub missed: usize,
    /// Respondents for whom it is above their target.
    pub above_target: usize,
}

/// One respondent's row.
#[derive(Debug, Serialize)]
pub struct RowView {
    /// Index into the set (for drill-down and selection).
    pub index: usize,
    /// Name, `None` when anonymous.
    pub name: Option<String>,
    /// Entity id.
    pub entity: String,
    /// File.
    pub file: String,
    /// The file's catalog content hash differs from the loaded catalog's.
    pub hash_differs: bool,
    /// Target level.
    pub target_level: Option<String>,
    /// In-scope answered.
    pub answered: usize,
    /// In scope.
    pub in_scope: usize,
    /// Overall figure.
    pub overall: Option<f64>,
    /// Per level.
    pub levels: Vec<Option<f64>>,
    /// Per top group.
    pub groups: Vec<Option<f64>>,
    /// Last change (ms).
    pub updated: i64,
    /// One letter per control, catalog order: A achieved, P partial,
    /// N not achieved, X not applicable, U unanswered.
    pub statuses: String,
}

/// Everything shown for one query.
#[derive(Debug, Serialize)]
pub struct View {
    /// Figures are mean maturity values, not rates.
    pub maturity: bool,
    /// Largest figure possible: 1 for rates, the highest option value for maturity.
    pub scale_max: f64,
    /// Respondents in the set.
    pub set_size: usize,
    /// Rows shown.
    pub rows: Vec<RowView>,
    /// Overall distribution.
    pub overall: Dist,
    /// Levels.
    pub levels: Vec<Axis>,
    /// Top groups.
    pub groups: Vec<Axis>,
    /// Controls, catalog order.
    pub controls: Vec<ControlView>,
    /// Per level (and `*` for all): the ids of the ten controls most often missed.
    pub most_missed: Vec<(String, Vec<String>)>,
    /// Target levels present in the set (for the filter).
    pub target_levels: Vec<String>,
}

fn letter(st: Status) -> char {
    match st {
        Status::Achieved => 'A',
        Status::Partial => 'P',
        // N/A without a reason counts as not achieved (core::aggregate).
        Status::NotAchieved | Status::NeedsReason => 'N',
        Status::NotApplicable => 'X',
        Status::Unanswered => 'U',
    }
}

/// One answer in the drill-down.
#[derive(Debug, Serialize)]
pub struct AnswerView {
    /// Control id.
    pub control: String,
    /// What the user reads as its number ("No. 4").
    pub label: String,
    /// Level.
    pub level: Option<String>,
    /// Headline.
    pub headline: String,
    /// Status code ([`status_code`]).
    pub status: &'static str,
    /// Option label (ja), empty when unanswered.
    pub label_ja: String,
    /// Option label (en).
    pub label_en: String,
    /// N/A reason.
    pub reason: String,
    /// Note.
    pub note: String,
    /// Evidence.
    pub evidence: Vec<String>,
}

/// One respondent, read-only.
#[derive(Debug, Serialize)]
pub struct RespondentView {
    /// Name, `None` when anonymous.
    pub name: Option<String>,
    /// Entity id.
    pub entity: String,
    /// File.
    pub file: String,
    /// Target level.
    pub target_level: Option<String>,
    /// Exported (ms).
    pub exported: i64,
    /// Every control, catalog order.
    pub answers: Vec<AnswerView>,
}

impl Default for Desk {
    fn default() -> Self {
        Desk::new()
    }
}

impl Desk {
    /// An empty desk with no catalogs.
    pub fn new() -> Self {
        Desk {
            collector: Collector::new(Vec::new()),
        }
    }

    /// Adds a catalog (before any file). Errors are the catalog parser's.
    pub fn add_catalog(&mut self, json: &str) -> Result<(), String> {
        let c = catalog::parse(json).map_err(|e| e.to_string())?;
        self.collector.add_catalog(c);
        Ok(())
    }

    /// Reads one export file.
    pub fn add_file(&mut self, name: &str, bytes: &[u8]) {
        self.collector.add(name, bytes);
    }

    /// Lists a file as too large without reading it (the page checks the
    /// size first, so a 30 MB file is never read into memory).
    pub fn add_too_large(&mut self, name: &str, size: usize) {
        self.collector.refuse(
            name,
            Refusal::Import(ImportError::TooLarge {
                size,
                limit: MAX_IMPORT_BYTES,
            }),
        );
    }

    /// Reads every export in a ZIP archive; returns the entries read. A
    /// broken archive is listed as a refused file.
    pub fn add_zip(&mut self, name: &str, bytes: &[u8]) -> usize {
        let mut archive = match zip::ZipArchive::new(std::io::Cursor::new(bytes)) {
            Ok(a) => a,
            Err(e) => {
                self.collector.refuse(name, Refusal::Archive(e.to_string()));
                return 0;
            }
        };
        let mut read = 0;
        for i in 0..archive.len().min(MAX_ZIP_ENTRIES) {
            let mut entry = match archive.by_index(i) {
                Ok(e) => e,
                Err(e) => {
                    self.collector
                        .refuse(&format!("{name}#{i}"), Refusal::Archive(e.to_string()));
                    continue;
                }
            };
            let path = match entry.name() {
                Ok(n) => n.to_string(),
                Err(e) => {
                    self.collector
                        .refuse(&format!("{name}#{i}"), Refusal::Archive(e.to_string()));
                    continue;
                }
            };
            let base = path.rsplit('/').next().unwrap_or(&path);
            if entry.is_dir()
                || path.starts_with("__MACOSX/")
                || base.starts_with('.')
                || base.is_empty()
            {
                continue;
            }
            let label = format!("{name}/{path}");
            let mut buf = Vec::new();
            let limit = (MAX_IMPORT_BYTES + 1) as u64;
            if let Err(e) = (&mut entry).take(limit).read_to_end(&mut buf) {
                self.collector
                    .refuse(&label, Refusal::Archive(e.to_string()));
                continue;
            }
            self.collector.add(&label, &buf);
            read += 1;
        }
        if archive.len() > MAX_ZIP_ENTRIES {
            self.collector.refuse(
                name,
                Refusal::Archive(format!(
                    "only the first {MAX_ZIP_ENTRIES} of {} entries were read",
                    archive.len()
                )),
            );
        }
        read
    }

    /// The sets, refusals and replacements.
    pub fn state(&self) -> StateView {
        StateView {
            files_read: self.collector.files_read(),
            sets: self
                .collector
                .sets
                .iter()
                .map(|s| {
                    let c = self.collector.catalog(&s.catalog_id);
                    SetView {
                        catalog_id: s.catalog_id.clone(),
                        title_ja: c.map_or_else(String::new, |c| c.title.get("ja").to_string()),
                        title_en: c.map_or_else(String::new, |c| c.title.get("en").to_string()),
                        version: s.version.clone(),
                        loaded_version: c.map_or_else(String::new, |c| c.version.clone()),
                        other_version: s.other_version,
                        respondents: s.respondents.len(),
                        hash_differs: s.respondents.iter().filter(|r| r.hash_differs).count(),
                    }
                })
                .collect(),
            refused: self
                .collector
                .refused
                .iter()
                .map(|r| refusal_view(&r.file, &r.reason))
                .collect(),
            replaced: self
                .collector
                .replaced
                .iter()
                .map(|r| ReplacedView {
                    file: r.file.clone(),
                    entity: r.entity.clone(),
                    kept: r.kept.clone(),
                })
                .collect(),
        }
    }

    /// The set and catalog of a query.
    fn set_of(&self, q: &Query) -> Option<(&RespondentSet, &IndexedCatalog)> {
        let set = self.collector.sets.get(q.set)?;
        let cat = self.collector.catalog(&set.catalog_id)?;
        Some((set, cat))
    }

    /// Indexes of the respondents a query selects.
    pub fn members(&self, q: &Query) -> Vec<usize> {
        let Some((set, _)) = self.set_of(q) else {
            return Vec::new();
        };
        let filter = Filter {
            target_level: q.level.clone().filter(|l| !l.is_empty()),
            name: q.name.clone(),
        };
        let chosen: Option<HashSet<usize>> =
            q.members.as_ref().map(|m| m.iter().copied().collect());
        set.respondents
            .iter()
            .enumerate()
            .filter(|(i, r)| filter.matches(r) && chosen.as_ref().is_none_or(|m| m.contains(i)))
            .map(|(i, _)| i)
            .collect()
    }

    fn figures(&self, q: &Query) -> Option<(&RespondentSet, &IndexedCatalog, Figures)> {
        let (set, cat) = self.set_of(q)?;
        let f = figures(cat, set, &self.members(q));
        Some((set, cat, f))
    }

    /// Everything shown for a query (`None` for a set that does not exist).
    pub fn view(&self, q: &Query) -> Option<View> {
        let (set, cat, f) = self.figures(q)?;
        let tops = aggregate::top_groups(cat);
        // The catalog index knows each control's label and top group.
        let place = |i: usize| cat.place(i);
        let mut most: Vec<(String, Vec<String>)> = vec![(
            "*".into(),
            most_missed(cat, &f, None, 10)
                .iter()
                .map(|i| i.control.clone())
                .collect(),
        )];
        for l in &cat.levels {
            most.push((
                l.id.clone(),
                most_missed(cat, &f, Some(&l.id), 10)
                    .iter()
                    .map(|i| i.control.clone())
                    .collect(),
            ));
        }
        let mut target_levels: Vec<String> = set
            .respondents
            .iter()
            .filter_map(|r| r.doc.entity.target_level.clone())
            .collect();
        target_levels.sort_by_key(|l| cat.level_rank(l));
        target_levels.dedup();
        let maturity = cat.scale.kind == ScaleKind::Maturity;
        Some(View {
            maturity,
            scale_max: if maturity { cat.scale_top() } else { 1.0 },
            set_size: set.respondents.len(),
            overall: f.overall,
            levels: cat
                .levels
                .iter()
                .zip(&f.levels)
                .map(|(l, (_, d))| Axis {
                    id: l.id.clone(),
                    ja: l.name.get("ja").to_string(),
                    en: l.name.get("en").to_string(),
                    short: l.id.clone(),
                    dist: *d,
                })
                .collect(),
            groups: tops
                .iter()
                .zip(&f.groups)
                .map(|(g, (_, d))| {
                    let grp = cat.group(g);
                    Axis {
                        id: g.to_string(),
                        ja: cat.group_label(g, "ja"),
                        en: cat.group_label(g, "en"),
                        short: grp
                            .and_then(|x| x.number.clone())
                            .unwrap_or_else(|| g.to_string()),
                        dist: *d,
                    }
                })
                .collect(),
            controls: cat
                .controls
                .iter()
                .zip(&f.items)
                .enumerate()
                .map(|(i, (c, it))| ControlView {
                    id: c.id.clone(),
                    label: place(i).map_or_else(|| cat.label(&c.id), |p| p.label.clone()),
                    level: c.level.clone(),
                    group: place(i)
                        .and_then(|p| p.top)
                        .map_or_else(|| c.group.clone(), |t| cat.groups[t].id.clone()),
                    headline: Catalog::headline(c).to_string(),
                    counts: it.counts,
                    missed: it.counts.missed(),
                    above_target: it.above_target,
                })
                .collect(),
            most_missed: most,
            target_levels,
            rows: f
                .rows
                .iter()
                .filter_map(|row| {
                    let r = set.respondents.get(row.index)?;
                    Some(RowView {
                        index: row.index,
                        name: r.name().map(str::to_string),
                        entity: r.doc.entity.id.clone(),
                        file: r.file.clone(),
                        hash_differs: r.hash_differs,
                        target_level: row.target_level.clone(),
                        answered: row.answered,
                        in_scope: row.in_scope,
                        overall: row.overall,
                        levels: row.levels.clone(),
                        groups: row.groups.clone(),
                        updated: r.doc.entity.updated,
                        statuses: row.statuses.iter().map(|s| letter(*s)).collect(),
                    })
                })
                .collect(),
        })
    }

    /// One respondent's answers, read-only.
    pub fn respondent(&self, set: usize, index: usize) -> Option<RespondentView> {
        let s = self.collector.sets.get(set)?;
        let cat = self.collector.catalog(&s.catalog_id)?;
        let r = s.respondents.get(index)?;
        Some(RespondentView {
            name: r.name().map(str::to_string),
            entity: r.doc.entity.id.clone(),
            file: r.file.clone(),
            target_level: r.doc.entity.target_level.clone(),
            exported: r.doc.exported,
            answers: cat
                .controls
                .iter()
                .zip(&r.row.statuses)
                .map(|(c, st)| {
                    let a = r.doc.answers.get(&c.id);
                    let opt = a.and_then(|a| cat.option(&a.option));
                    AnswerView {
                        control: c.id.clone(),
                        label: cat.label(&c.id),
                        level: c.level.clone(),
                        headline: Catalog::headline(c).to_string(),
                        status: status_code(*st),
                        label_ja: opt.map_or_else(String::new, |o| o.label.get("ja").to_string()),
                        label_en: opt.map_or_else(String::new, |o| o.label.get("en").to_string()),
                        reason: a.map_or_else(String::new, |a| a.reason.clone()),
                        note: a.map_or_else(String::new, |a| a.note.clone()),
                        evidence: a.map_or_else(Vec::new, |a| a.evidence.clone()),
                    }
                })
                .collect(),
        })
    }

    /// The respondent table as CSV (one column per control).
    pub fn wide_csv(&self, q: &Query, lang: &str) -> String {
        self.figures(q)
            .map(|(set, cat, f)| aggregate::wide_csv(cat, set, &f, lang))
            .unwrap_or_default()
    }

    /// The answers as a long CSV (one record per respondent and control).
    pub fn long_csv(&self, q: &Query) -> String {
        self.figures(q)
            .map(|(set, cat, f)| aggregate::long_csv(cat, set, &f))
            .unwrap_or_default()
    }

    /// The benchmark file of a query, as JSON text. Respondents whose file
    /// names another catalog text (content hash) are left out.
    pub fn benchmark(&self, q: &Query, min: usize, now: i64) -> Result<String, BenchmarkError> {
        let Some((set, cat)) = self.set_of(q) else {
            return Err(BenchmarkError::TooFew { found: 0, min });
        };
        let members: Vec<usize> = self
            .members(q)
            .into_iter()
            .filter(|&i| !set.respondents[i].hash_differs)
            .collect();
        let b = benchmark(cat, set, &members, min, now)?;
        serde_json::to_string_pretty(&b)
            .map(|s| s + "\n")
            .map_err(|e| BenchmarkError::Unreadable(e.to_string()))
    }
}

/// A benchmark error as the page shows it: `{ "code": ..., "found": n, "min": n }`.
pub fn benchmark_error_json(e: &BenchmarkError) -> String {
    let (code, found, min) = match e {
        BenchmarkError::TooFew { found, min } => ("too_few", *found, *min),
        BenchmarkError::Mixed => ("mixed", 0, 0),
        _ => ("other", 0, 0),
    };
    serde_json::json!({ "code": code, "found": found, "min": min }).to_string()
}

#[cfg(target_arch = "wasm32")]
pub mod wasm {
    //! The [`Desk`] for JavaScript (the worker): JSON in and out.
    use super::*;
    use wasm_bindgen::prelude::*;

    fn query(json: &str) -> Query {
        serde_json::from_str(json).unwrap_or_default()
    }

    fn to_json<T: Serialize>(v: &T) -> String {
        serde_json::to_string(v).unwrap_or_else(|_| "null".into())
    }

    /// One collection, held by the worker.
    #[wasm_bindgen]
    pub struct Session(Desk);

    #[wasm_bindgen]
    impl Session {
        /// An empty collection.
        #[wasm_bindgen(constructor)]
        pub fn new() -> Session {
            Session(Desk::new())
        }

        /// Adds a catalog; returns an error message when it does not parse.
        pub fn add_catalog(&mut self, json: &str) -> Result<(), JsError> {
            self.0.add_catalog(json).map_err(|e| JsError::new(&e))
        }

        /// Reads one export file.
        pub fn add_file(&mut self, name: &str, bytes: &[u8]) {
            self.0.add_file(name, bytes);
        }

        /// Lists a file as too large without reading it.
        pub fn add_too_large(&mut self, name: &str, size: f64) {
            self.0.add_too_large(name, size as usize);
        }

        /// Reads a ZIP archive of exports; returns the entries read.
        pub fn add_zip(&mut self, name: &str, bytes: &[u8]) -> u32 {
            self.0.add_zip(name, bytes) as u32
        }

        /// Sets, refusals, replacements (JSON).
        pub fn state(&self) -> String {
            to_json(&self.0.state())
        }

        /// The view of a query (JSON; `null` for no such set).
        pub fn view(&self, q: &str) -> String {
            to_json(&self.0.view(&query(q)))
        }

        /// One respondent (JSON; `null` when unknown).
        pub fn respondent(&self, set: u32, index: u32) -> String {
            to_json(&self.0.respondent(set as usize, index as usize))
        }

        /// The wide CSV.
        pub fn wide_csv(&self, q: &str, lang: &str) -> String {
            self.0.wide_csv(&query(q), lang)
        }

        /// The long CSV.
        pub fn long_csv(&self, q: &str) -> String {
            self.0.long_csv(&query(q))
        }

        /// The benchmark: `{"ok": "<file text>"}` or `{"error": {...}}`.
        pub fn benchmark(&self, q: &str, min: u32, now: f64) -> String {
            match self.0.benchmark(&query(q), min as usize, now as i64) {
                Ok(text) => serde_json::json!({ "ok": text }).to_string(),
                Err(e) => format!("{{\"error\":{}}}", benchmark_error_json(&e)),
            }
        }
    }

    impl Default for Session {
        fn default() -> Self {
            Session::new()
        }
    }
}

#[cfg(test)]
mod test {
    use super::*;
    use selfcheck::core::assessment::{Answer, Assessment};
    use selfcheck::core::report::{export_doc, to_json};
    use std::io::Write;

    const MINI: &str = include_str!("../../../tests/fixtures/mini-catalog.json");

    fn export(id: &str, name: &str, option: &str) -> String {
        let cat = catalog::parse(MINI).unwrap();
        let mut a = Assessment::new(id, &cat.id, &cat.version, 1);
        a.name = name.into();
        a.target_level = Some("Lv1".into());
        for c in &cat.controls {
            let mut ans = Answer::empty(2);
            ans.option = option.into();
            ans.note = format!("{name} のメモ");
            a.answers.insert(c.id.clone(), ans);
        }
        to_json(&export_doc(&cat, &a, 3).unwrap()).unwrap()
    }

    fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        for (name, bytes) in entries {
            if name.ends_with('/') {
                w.add_directory(*name, opts).unwrap();
            } else {
                w.start_file(*name, opts).unwrap();
                w.write_all(bytes).unwrap();
            }
        }
        w.finish().unwrap().into_inner()
    }

    fn desk() -> Desk {
        let mut d = Desk::new();
        d.add_catalog(MINI).unwrap();
        d
    }

    #[test]
    fn a_zip_is_read_entry_by_entry_skipping_metadata_and_refusing_what_the_import_would() {
        let a = export("e1", "A社", "achieved");
        let b = export("e2", "B社", "not_achieved");
        let huge = vec![b' '; MAX_IMPORT_BYTES + 10];
        let z = zip_of(&[
            ("sheets/", b""),
            ("sheets/a.json", a.as_bytes()),
            ("sheets/b.json", b.as_bytes()),
            ("__MACOSX/sheets/._a.json", b"\x00\x05\x16\x07"),
            ("sheets/.DS_Store", b"\x00\x00"),
            ("sheets/broken.json", b"{\"format\": "),
            ("sheets/huge.json", &huge),
        ]);
        let mut d = desk();
        assert_eq!(d.add_zip("batch.zip", &z), 4);
        let s = d.state();
        assert_eq!(s.sets.len(), 1);
        assert_eq!(s.sets[0].respondents, 2);
        let codes: Vec<(&str, &str)> = s
            .refused
            .iter()
            .map(|r| (r.file.as_str(), r.code))
            .collect();
        assert_eq!(
            codes,
            vec![
                ("batch.zip/sheets/broken.json", "not_json"),
                ("batch.zip/sheets/huge.json", "too_large")
            ]
        );
        // Not a ZIP at all: one refusal, nothing else lost.
        d.add_zip("fake.zip", b"PK\x03\x04 not really");
        assert_eq!(d.state().refused.last().map(|r| r.code), Some("zip"));
        assert_eq!(d.state().sets[0].respondents, 2);
    }

    #[test]
    fn a_view_filters_and_counts_and_the_drill_down_shows_notes() {
        let mut d = desk();
        d.add_file("a.json", export("e1", "A社", "achieved").as_bytes());
        d.add_file("b.json", export("e2", "B社", "not_achieved").as_bytes());
        let v = d.view(&Query::default()).unwrap();
        assert_eq!(v.rows.len(), 2);
        assert_eq!(v.rows[0].statuses, "A".repeat(v.controls.len()));
        assert!(v
            .controls
            .iter()
            .all(|c| c.counts.achieved == 1 && c.missed == 1));
        assert_eq!(v.target_levels, vec!["Lv1".to_string()]);
        let only_b = Query {
            name: "b社".into(),
            ..Query::default()
        };
        assert_eq!(d.view(&only_b).unwrap().rows.len(), 1);
        let chosen = Query {
            members: Some(vec![0]),
            ..Query::default()
        };
        assert_eq!(
            d.view(&chosen).unwrap().rows[0].name.as_deref(),
            Some("A社")
        );
        let r = d.respondent(0, 1).unwrap();
        assert_eq!(r.answers[0].note, "B社 のメモ");
        assert_eq!(r.answers[0].status, "not_achieved");
        assert!(d
            .view(&Query {
                set: 7,
                ..Query::default()
            })
            .is_none());
    }

    #[test]
    fn the_benchmark_is_refused_below_the_threshold() {
        let mut d = desk();
        for k in 0..4 {
            d.add_file(
                &format!("{k}.json"),
                export(&format!("e{k}"), "", "achieved").as_bytes(),
            );
        }
        let e = d.benchmark(&Query::default(), 5, 0).unwrap_err();
        assert_eq!(
            benchmark_error_json(&e),
            r#"{"code":"too_few","found":4,"min":5}"#
        );
        assert!(d.benchmark(&Query::default(), 4, 0).is_ok());
    }
}
