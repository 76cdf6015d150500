//! NISC 重要インフラのサイバーセキュリティに係る安全基準等策定指針 (2023-07-04) -> catalog `nisc-2023`.
//!
//! The seed is a plain-text conversion of the published PDF. The conversion
//! keeps the page layout: at each page break the chapter title is repeated as a
//! page header ("5. 対策項目"), the page's footnotes (`¹³ 例えば…`) are printed
//! in the middle of the body text, and a sentence that runs over the break is
//! split in two. The generator works in four steps:
//!
//! 1. [`layout`] reads the seed line by line, drops the front matter and the
//!    table of contents, removes the page headers (a chapter heading whose number
//!    is the *current* chapter is a header; the *next* number starts a chapter)
//!    and lifts the footnotes out of the body (a footnote runs from its marker
//!    line to the next heading or page header). Both are recorded as generated
//!    repairs (`P1`…, `F3`…).
//! 2. The reviewed repairs (`catalogs/repairs/nisc-2023.json`) are applied to
//!    the remaining body: each `before` must occur exactly once and is replaced
//!    by `after` (joins of sentences split by a page break, a stray figure
//!    caption). A repair whose `before` equals its `after` changes nothing: it
//!    acknowledges a defect of the source (a footnote whose text is missing, a
//!    truncated line) and becomes a `source` note of its target control.
//! 3. The body is cut into sections (numbered headings) holding paragraphs and
//!    lists (`- ・` items with their ` - *` sub-items).
//! 4. The catalog is built for chapters 3–5: every heading is a group; in §5
//!    every `・` item is a measure (its `*` sub-items kept as the statement's
//!    items); in §3 and §4 every sentence that states what the operator does is
//!    a practice, and the section's whole text is the group's intro. A control
//!    is `recommended` when its text says 「…ことが望ましい」 or 「…ことが望まれる」,
//!    else `baseline` (so 「望ましいデータ管理を行う」 is baseline).
//!
//! Nothing is paraphrased: every statement is a substring of the repaired body.
//! The output is deterministic (same seed and repairs, same bytes).

use selfcheck::core::catalog::{
    validate, AnswerOption, AnswerScale, Block, Catalog, Control, Group, ListItem, Note, Priority,
    Repair, ScaleKind, SourceDocument, Statement, StatementKind, Text, CATALOG_FORMAT,
};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

/// Id of the generated catalog.
pub const CATALOG_ID: &str = "nisc-2023";

/// Maturity value a baseline measure is expected to reach (the scale default).
pub const BASELINE_TARGET: u8 = 3;

/// Maturity value set as the target of a recommended measure.
pub const RECOMMENDED_TARGET: u8 = 2;

/// First and last chapter the catalog covers (§3 governance … §5 measures).
const CHAPTERS: std::ops::RangeInclusive<u32> = 3..=5;

/// Why the catalog could not be generated.
#[derive(Debug, Clone, PartialEq)]
pub enum NiscError {
    /// A file could not be read or written.
    Io {
        /// The file.
        path: String,
        /// The system's message.
        message: String,
    },
    /// The repairs file is not a JSON list of repairs.
    RepairsFile {
        /// What serde said.
        message: String,
    },
    /// A reviewed repair's `before` is not found exactly once in the body.
    RepairMismatch {
        /// The repair id.
        id: String,
        /// How many times `before` was found.
        found: usize,
    },
    /// A reviewed repair names a target that is not a control or group of the catalog.
    RepairTarget {
        /// The repair id.
        id: String,
        /// The target it names.
        target: String,
    },
    /// A seed line does not fit the expected layout.
    Layout {
        /// Line in the seed (1-based).
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// A section's content does not fit the expected structure.
    Structure {
        /// Section number.
        section: String,
        /// What is wrong.
        message: String,
    },
    /// A measure or practice does not end its sentence and no repair acknowledges it.
    Unfinished {
        /// The control id.
        id: String,
        /// Its text.
        text: String,
    },
    /// A footnote marker has no footnote text and no repair acknowledges it.
    MissingFootnote {
        /// The marker as printed, e.g. `²⁵`.
        marker: String,
        /// The control or group whose text carries it.
        target: String,
    },
    /// The generated catalog does not pass the catalog validation.
    Invalid {
        /// The validation message.
        message: String,
    },
}

impl fmt::Display for NiscError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NiscError::Io { path, message } => write!(f, "{path}: {message}"),
            NiscError::RepairsFile { message } => write!(f, "repairs file: {message}"),
            NiscError::RepairMismatch { id, found } => write!(
                f,
                "repair {id}: its `before` text occurs {found} times in the body (expected once)"
            ),
            NiscError::RepairTarget { id, target } => {
                write!(f, "repair {id}: target `{target}` is not in the catalog")
            }
            NiscError::Layout { line, message } => write!(f, "seed line {line}: {message}"),
            NiscError::Structure { section, message } => write!(f, "section {section}: {message}"),
            NiscError::Unfinished { id, text } => write!(
                f,
                "{id}: text does not end its sentence and no repair records it: {text}"
            ),
            NiscError::MissingFootnote { marker, target } => write!(
                f,
                "{target}: footnote {marker} has no text in the seed and no repair records it"
            ),
            NiscError::Invalid { message } => write!(f, "generated catalog is invalid: {message}"),
        }
    }
}

impl std::error::Error for NiscError {}

/// Reads the seed and the repairs file, writes the catalog JSON to `out`.
pub fn run(seed_path: &str, repairs_path: &str, out: &str) -> Result<(), NiscError> {
    let read = |p: &str| {
        std::fs::read_to_string(p).map_err(|e| NiscError::Io {
            path: p.to_string(),
            message: e.to_string(),
        })
    };
    let seed = read(seed_path)?;
    let repairs = read(repairs_path)?;
    let file = std::path::Path::new(seed_path)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| seed_path.to_string());
    let json = generate_json(&seed, &repairs, &file)?;
    std::fs::write(out, json).map_err(|e| NiscError::Io {
        path: out.to_string(),
        message: e.to_string(),
    })
}

/// The catalog as the JSON text that is checked in (pretty, with a final newline).
pub fn generate_json(
    seed: &str,
    repairs_json: &str,
    source_file: &str,
) -> Result<String, NiscError> {
    let catalog = generate(seed, repairs_json, source_file)?;
    serde_json::to_string_pretty(&catalog)
        .map(|s| s + "\n")
        .map_err(|e| NiscError::Invalid {
            message: e.to_string(),
        })
}

/// Builds the catalog from the seed text and the reviewed repairs (a JSON list of [`Repair`]).
pub fn generate(seed: &str, repairs_json: &str, source_file: &str) -> Result<Catalog, NiscError> {
    let reviewed: Vec<Repair> =
        serde_json::from_str(repairs_json).map_err(|e| NiscError::RepairsFile {
            message: e.to_string(),
        })?;
    let mut doc = layout(seed)?;
    apply_repairs(&mut doc.body, &reviewed)?;
    let sections = sections(&doc.body)?;
    let mut built = build(&sections, &doc.footnotes, &reviewed)?;

    let known: BTreeSet<&str> = built
        .groups
        .iter()
        .map(|g| g.id.as_str())
        .chain(built.controls.iter().map(|c| c.id.as_str()))
        .collect();
    for r in &reviewed {
        if let Some(t) = &r.target {
            if !known.contains(t.as_str()) {
                return Err(NiscError::RepairTarget {
                    id: r.id.clone(),
                    target: t.clone(),
                });
            }
        }
    }

    let mut repairs = reviewed;
    repairs.extend(header_repairs(&doc.headers));
    repairs.append(&mut built.footnote_repairs);

    let catalog = Catalog {
        format: CATALOG_FORMAT,
        id: CATALOG_ID.to_string(),
        version: "2023".to_string(),
        title: Text::both(
            doc.title.clone(),
            "Guidelines for Establishing Safety Standards for Cybersecurity of Critical Infrastructure",
        ),
        publisher: Text::both(
            "内閣サイバーセキュリティセンター（NISC）",
            "National center of Incident readiness and Strategy for Cybersecurity (NISC)",
        ),
        issued: doc.issued.clone(),
        language: "ja".to_string(),
        source: SourceDocument {
            title: doc.title,
            url: None,
            file: Some(source_file.to_string()),
        },
        coverage: Some(coverage()),
        levels: Vec::new(),
        scale: maturity_scale(),
        groups: built.groups,
        controls: built.controls,
        guidance: Vec::new(),
        repairs,
    };
    validate(&catalog).map_err(|e| NiscError::Invalid {
        message: e.to_string(),
    })?;
    Ok(catalog)
}

fn coverage() -> Text {
    Text::both(
        "第3章「組織統治におけるサイバーセキュリティ」及び第4章「リスクマネジメントの活用と危機管理」の各節で事業者が実施する取組（文ごと）と、第5章「対策項目」の全ての対策項目（・の項目。*の細目はその項目の内容として収録）を収録しています。各節の本文は節の説明として表示します。第1章「目的及び位置付け」と第2章「総則」は安全基準等の策定者向けの記述のため収録していません。脚注は関係する項目の注として収録しています。",
        "Includes the practices operators carry out in each section of chapter 3 (cybersecurity in organisational governance) and chapter 4 (risk management and crisis management), one per sentence, and every measure of chapter 5 (each ・ item, with its * sub-items kept as part of the measure). Each section's full text is shown as its introduction. Chapters 1 (purpose) and 2 (general provisions) address the authors of safety standards and are not included. Footnotes are kept as notes of the items they belong to.",
    )
}

/// The 0–4 maturity scale (the guideline asks for a maturity model in §4.3.1).
fn maturity_scale() -> AnswerScale {
    let level = |value: u8, ja: &str, en: &str, dja: &str, den: &str| AnswerOption {
        id: format!("m{value}"),
        label: Text::both(format!("{value} {ja}"), format!("{value} {en}")),
        description: Some(Text::both(dja, den)),
        achieved: value >= BASELINE_TARGET,
        credit: f64::from(value) / 4.0,
        not_applicable: false,
        requires_reason: false,
        value: Some(value),
    };
    AnswerScale {
        kind: ScaleKind::Maturity,
        options: vec![
            level(
                0,
                "未実施",
                "Not implemented",
                "取り組んでいない。",
                "Not done.",
            ),
            level(
                1,
                "部分的に実施",
                "Partially implemented",
                "一部の部署・システムで、個人の判断により実施している。",
                "Done in some departments or systems, on individual initiative.",
            ),
            level(
                2,
                "定義・文書化",
                "Defined and documented",
                "方針・手順・責任者が定められ、文書化されている。",
                "Policy, procedure and owner are defined and documented.",
            ),
            level(
                3,
                "全社で運用",
                "Operated organisation-wide",
                "文書化された取組が組織全体で継続して運用されている。",
                "The documented practice is operated across the whole organisation.",
            ),
            level(
                4,
                "継続的改善",
                "Continuously improved",
                "運用の結果を測定・評価し、継続的に改善している。",
                "Results are measured and reviewed, and the practice is continuously improved.",
            ),
            AnswerOption {
                id: "na".to_string(),
                label: Text::both("該当なし", "Not applicable"),
                description: Some(Text::both(
                    "自組織には当てはまらない（理由を記入）。",
                    "Does not apply to the organisation (give the reason).",
                )),
                achieved: false,
                credit: 0.0,
                not_applicable: true,
                requires_reason: true,
                value: None,
            },
        ],
        default_target: Some(BASELINE_TARGET),
    }
}

// ---------------------------------------------------------------------------
// Step 1: page layout.

/// A kept line of the body, with its seed line number.
#[derive(Debug, Clone, PartialEq)]
struct Line {
    no: usize,
    text: String,
}

/// A footnote as printed at the foot of its page.
#[derive(Debug, Clone, PartialEq)]
struct Footnote {
    /// The marker, e.g. `¹³`.
    marker: String,
    /// The text, paragraphs joined by newlines.
    text: String,
    /// Seed line of the marker line.
    line: usize,
}

/// The seed split into body, footnotes and removed page headers.
#[derive(Debug, Clone, PartialEq)]
struct Layout {
    title: String,
    issued: String,
    body: Vec<Line>,
    footnotes: BTreeMap<u32, Footnote>,
    /// Removed page headers: seed line, text, section the page break fell in.
    headers: Vec<(usize, String, String)>,
}

const SUPERSCRIPTS: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];

fn superscript_value(c: char) -> Option<u32> {
    SUPERSCRIPTS
        .iter()
        .position(|&s| s == c)
        .and_then(|p| u32::try_from(p).ok())
}

/// A heading `5.1.1. 資産の管理` as (number `5.1.1`, title); `None` for other lines.
fn heading(line: &str) -> Option<(String, String)> {
    let (num, title) = line.split_once(". ")?;
    let ok = !num.is_empty()
        && num
            .split('.')
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    let title = title.trim();
    (ok && !title.is_empty() && !title.contains('。') && !title.contains('\t'))
        .then(|| (num.to_string(), title.to_string()))
}

fn chapter_of(number: &str) -> u32 {
    number
        .split('.')
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

/// A footnote line `¹³ 例えば…` as (number, marker, text).
fn footnote_start(line: &str) -> Option<(u32, String, String)> {
    let marker: String = line
        .chars()
        .take_while(|c| superscript_value(*c).is_some())
        .collect();
    if marker.is_empty() {
        return None;
    }
    let rest = line[marker.len()..].strip_prefix(' ')?;
    let n = marker
        .chars()
        .filter_map(superscript_value)
        .fold(0u32, |acc, d| acc.saturating_mul(10).saturating_add(d));
    Some((n, marker, rest.trim().to_string()))
}

/// The date `2023年7月4日` as `2023-07-04`.
fn iso_date(line: &str) -> Option<String> {
    let (y, rest) = line.trim().split_once('年')?;
    let (m, rest) = rest.split_once('月')?;
    let d = rest.strip_suffix('日')?;
    let (y, m, d): (u32, u32, u32) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    Some(format!("{y:04}-{m:02}-{d:02}"))
}

fn layout(seed: &str) -> Result<Layout, NiscError> {
    let lines: Vec<&str> = seed.lines().collect();
    // Front matter: title lines, the date, then the table of contents (lines with a tab).
    let start = lines
        .iter()
        .position(|l| !l.contains('\t') && heading(l).is_some_and(|(n, _)| n == "1"))
        .ok_or(NiscError::Layout {
            line: 1,
            message: "no heading `1. …` after the table of contents".into(),
        })?;
    let front: Vec<&str> = lines[..start]
        .iter()
        .map(|l| l.trim())
        .filter(|l| !l.is_empty())
        .collect();
    let date_at = front
        .iter()
        .position(|l| iso_date(l).is_some())
        .ok_or(NiscError::Layout {
            line: 1,
            message: "no issue date (YYYY年M月D日) before the table of contents".into(),
        })?;
    let title = front[..date_at].concat();
    let issued = iso_date(front[date_at]).unwrap_or_default();

    let mut body = Vec::new();
    let mut footnotes: BTreeMap<u32, Footnote> = BTreeMap::new();
    let mut headers = Vec::new();
    let mut chapter = 0u32;
    let mut section = String::new();
    let mut in_footnote: Option<u32> = None;
    for (i, raw) in lines.iter().enumerate().skip(start) {
        let no = i + 1;
        if raw.trim().is_empty() {
            continue;
        }
        if let Some((number, _)) = heading(raw) {
            in_footnote = None;
            if !number.contains('.') {
                let n = chapter_of(&number);
                if n == chapter {
                    headers.push((no, raw.to_string(), section.clone()));
                    continue;
                }
                if n != chapter + 1 {
                    return Err(NiscError::Layout {
                        line: no,
                        message: format!("chapter {n} follows chapter {chapter}"),
                    });
                }
                chapter = n;
            }
            section = number;
            body.push(Line {
                no,
                text: raw.to_string(),
            });
            continue;
        }
        if let Some((n, marker, text)) = footnote_start(raw) {
            if footnotes.contains_key(&n) {
                return Err(NiscError::Layout {
                    line: no,
                    message: format!("footnote {marker} printed twice"),
                });
            }
            footnotes.insert(
                n,
                Footnote {
                    marker,
                    text,
                    line: no,
                },
            );
            in_footnote = Some(n);
            continue;
        }
        if let Some(n) = in_footnote {
            // A footnote's further paragraphs run until the next heading or page header.
            if let Some(f) = footnotes.get_mut(&n) {
                f.text.push('\n');
                f.text.push_str(raw.trim());
            }
            continue;
        }
        body.push(Line {
            no,
            text: raw.trim_end().to_string(),
        });
    }
    Ok(Layout {
        title,
        issued,
        body,
        footnotes,
        headers,
    })
}

fn header_repairs(headers: &[(usize, String, String)]) -> Vec<Repair> {
    headers
        .iter()
        .filter(|(_, _, section)| CHAPTERS.contains(&chapter_of(section)))
        .enumerate()
        .map(|(i, (line, text, section))| Repair {
            id: format!("P{}", i + 1),
            target: Some(section.clone()),
            before: text.clone(),
            after: String::new(),
            reason: format!(
                "page header repeated at the top of a page (seed line {line}); removed from the body"
            ),
        })
        .collect()
}

// ---------------------------------------------------------------------------
// Step 2: reviewed repairs.

/// Applies each repair whose `before` differs from its `after`; `before` must occur exactly once.
fn apply_repairs(body: &mut Vec<Line>, repairs: &[Repair]) -> Result<(), NiscError> {
    for r in repairs {
        let joined = body
            .iter()
            .map(|l| l.text.as_str())
            .collect::<Vec<_>>()
            .join("\n");
        let found = if r.before.is_empty() {
            0
        } else {
            joined.matches(r.before.as_str()).count()
        };
        if found != 1 {
            return Err(NiscError::RepairMismatch {
                id: r.id.clone(),
                found,
            });
        }
        if r.before == r.after {
            continue;
        }
        // Locate the lines the match spans and rewrite just those.
        let at = joined.find(r.before.as_str()).unwrap_or(0);
        let end = at + r.before.len();
        let mut offset = 0;
        let (mut first, mut last) = (0, 0);
        for (i, l) in body.iter().enumerate() {
            let line_end = offset + l.text.len();
            if offset <= at && at <= line_end {
                first = i;
            }
            if offset < end && end <= line_end + 1 {
                last = i;
                break;
            }
            offset = line_end + 1;
        }
        let span = body[first..=last]
            .iter()
            .map(|l| l.text.as_str())
            .collect::<Vec<_>>()
            .join("\n")
            .replacen(r.before.as_str(), r.after.as_str(), 1);
        let no = body[first].no;
        let replaced: Vec<Line> = span
            .split('\n')
            .map(|t| Line {
                no,
                text: t.to_string(),
            })
            .collect();
        body.splice(first..=last, replaced);
    }
    body.retain(|l| !l.text.trim().is_empty());
    Ok(())
}

// ---------------------------------------------------------------------------
// Step 3: sections.

/// A paragraph or a list inside a section.
#[derive(Debug, Clone, PartialEq)]
enum Chunk {
    Para(String),
    List(Vec<ListItem>),
}

/// A numbered section with its own text (not its sub-sections').
#[derive(Debug, Clone, PartialEq)]
struct Section {
    number: String,
    title: String,
    chunks: Vec<Chunk>,
}

fn sections(body: &[Line]) -> Result<Vec<Section>, NiscError> {
    let mut out: Vec<Section> = Vec::new();
    for line in body {
        if let Some((number, title)) = heading(&line.text) {
            out.push(Section {
                number,
                title,
                chunks: Vec::new(),
            });
            continue;
        }
        let Some(sec) = out.last_mut() else {
            return Err(NiscError::Layout {
                line: line.no,
                message: "text before the first heading".into(),
            });
        };
        let t = line.text.as_str();
        if let Some(item) = t.strip_prefix(" - * ") {
            let parent = match sec.chunks.last_mut() {
                Some(Chunk::List(items)) => items.last_mut(),
                _ => None,
            };
            let Some(parent) = parent else {
                return Err(NiscError::Layout {
                    line: line.no,
                    message: "`*` sub-item without a `・` item above it".into(),
                });
            };
            parent.items.push(ListItem {
                text: item.trim().to_string(),
                items: Vec::new(),
            });
        } else if let Some(item) = t.strip_prefix("- ") {
            let item = item.strip_prefix("・ ").unwrap_or(item).trim().to_string();
            let li = ListItem {
                text: item,
                items: Vec::new(),
            };
            match sec.chunks.last_mut() {
                Some(Chunk::List(items)) => items.push(li),
                _ => sec.chunks.push(Chunk::List(vec![li])),
            }
        } else {
            sec.chunks.push(Chunk::Para(t.trim().to_string()));
        }
    }
    Ok(out)
}

// ---------------------------------------------------------------------------
// Step 4: the catalog.

/// Splits a paragraph after each 「。」 outside brackets. The source has an
/// unbalanced closing bracket (4.8.2), so the depth never goes below zero.
pub fn sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut depth = 0usize;
    for c in text.chars() {
        cur.push(c);
        match c {
            '「' | '（' | '『' | '〔' | '【' | '(' => depth += 1,
            '」' | '）' | '』' | '〕' | '】' | ')' => depth = depth.saturating_sub(1),
            '。' if depth == 0 => out.push(std::mem::take(&mut cur)),
            _ => {}
        }
    }
    if !cur.trim().is_empty() {
        out.push(cur);
    }
    out
}

/// `Recommended` when the text says 「…ことが望ましい」 or 「…ことが望まれる」.
/// 「望ましい」 used as an adjective (「望ましいデータ管理を行う」) is not a recommendation.
pub fn priority(text: &str) -> Priority {
    if text.contains("ことが望ましい") || text.contains("ことが望まれる") {
        Priority::Recommended
    } else {
        Priority::Baseline
    }
}

/// Whether a §3/§4 sentence is a practice the operator can answer: it ends a
/// sentence and is not a statement of fact such as 「脅威は次のとおり。」.
pub fn is_practice(sentence: &str) -> bool {
    let s = sentence.trim_end();
    s.ends_with('。') && !s.ends_with("とおり。") && !s.ends_with("である。")
}

/// Footnote markers (runs of superscript digits) in a text, in order, as (number, marker).
pub fn markers(text: &str) -> Vec<(u32, String)> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut flush = |cur: &mut String| {
        if !cur.is_empty() {
            let n = cur
                .chars()
                .filter_map(superscript_value)
                .fold(0u32, |a, d| a.saturating_mul(10).saturating_add(d));
            out.push((n, std::mem::take(cur)));
        }
    };
    for c in text.chars() {
        if superscript_value(c).is_some() {
            cur.push(c);
        } else {
            flush(&mut cur);
        }
    }
    flush(&mut cur);
    out
}

fn item_texts<'a>(items: &'a [ListItem], out: &mut Vec<&'a str>) {
    for i in items {
        out.push(&i.text);
        item_texts(&i.items, out);
    }
}

fn block_texts(blocks: &[Block]) -> Vec<&str> {
    let mut out = Vec::new();
    for b in blocks {
        match b {
            Block::Paragraph { text } | Block::Heading { text } | Block::Note { text } => {
                out.push(text.as_str())
            }
            Block::List { items } => item_texts(items, &mut out),
        }
    }
    out
}

/// The groups, controls and footnote repairs built from the sections.
struct Built {
    groups: Vec<Group>,
    controls: Vec<Control>,
    footnote_repairs: Vec<Repair>,
}

/// Attaches footnotes to the controls and groups whose texts carry their markers.
struct Footnotes<'a> {
    all: &'a BTreeMap<u32, Footnote>,
    reviewed: &'a [Repair],
    /// Footnote number -> first control or group that carries it.
    used: BTreeMap<u32, String>,
}

impl Footnotes<'_> {
    /// The footnote texts (`¹³ 例えば…`) for the markers in `texts`, first appearance first.
    fn notes_for(&mut self, target: &str, texts: &[&str]) -> Result<Vec<String>, NiscError> {
        let mut seen = BTreeSet::new();
        let mut out = Vec::new();
        for t in texts {
            for (n, marker) in markers(t) {
                if !seen.insert(n) {
                    continue;
                }
                match self.all.get(&n) {
                    Some(f) => {
                        self.used.entry(n).or_insert_with(|| target.to_string());
                        out.push(format!("{} {}", f.marker, f.text));
                    }
                    None => {
                        let acknowledged = self.reviewed.iter().any(|r| {
                            r.target.as_deref() == Some(target) && r.before.contains(&marker)
                        });
                        if !acknowledged {
                            return Err(NiscError::MissingFootnote {
                                marker,
                                target: target.to_string(),
                            });
                        }
                    }
                }
            }
        }
        Ok(out)
    }

    fn repairs(&self) -> Vec<Repair> {
        self.used
            .iter()
            .filter_map(|(n, target)| {
                let f = self.all.get(n)?;
                let printed = format!("{} {}", f.marker, f.text);
                Some(Repair {
                    id: format!("F{n}"),
                    target: Some(target.clone()),
                    before: printed.clone(),
                    after: printed,
                    reason: format!(
                        "footnote printed at the foot of its page in the middle of the body text (seed line {}); lifted out of the body and kept as a footnote note of {target} (the marker stays in the text)",
                        f.line
                    ),
                })
            })
            .collect()
    }
}

fn parent_of(number: &str) -> Option<String> {
    number.rsplit_once('.').map(|(p, _)| p.to_string())
}

fn intro_blocks(chunks: &[Chunk]) -> Vec<Block> {
    chunks
        .iter()
        .map(|c| match c {
            Chunk::Para(text) => Block::Paragraph { text: text.clone() },
            Chunk::List(items) => Block::List {
                items: items.clone(),
            },
        })
        .collect()
}

/// A practice or measure before its id is given: text and sub-items.
type Item = (String, Vec<ListItem>);

/// The answerable practices of a §3/§4 section: each practice sentence of its
/// paragraphs; a list right after a sentence that says 「次…」 is that
/// sentence's items, any other list's items are practices of their own.
fn practices(sec: &Section) -> Result<Vec<Item>, NiscError> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < sec.chunks.len() {
        match &sec.chunks[i] {
            Chunk::Para(text) => {
                let ss = sentences(text);
                let next_list = match sec.chunks.get(i + 1) {
                    Some(Chunk::List(items)) => Some(items),
                    _ => None,
                };
                let mut consumed = false;
                for (k, s) in ss.iter().enumerate() {
                    let introduces = k + 1 == ss.len() && s.contains('次');
                    let items = match next_list {
                        Some(items) if introduces => {
                            consumed = true;
                            items.clone()
                        }
                        _ => Vec::new(),
                    };
                    if is_practice(s) || !s.trim_end().ends_with('。') {
                        out.push((s.clone(), items));
                    }
                }
                i += if consumed { 2 } else { 1 };
            }
            Chunk::List(items) => {
                for it in items {
                    if !is_practice(&it.text) {
                        return Err(NiscError::Structure {
                            section: sec.number.clone(),
                            message: format!(
                                "list item is neither a practice nor introduced by 「次…」: {}",
                                it.text
                            ),
                        });
                    }
                    out.push((it.text.clone(), it.items.clone()));
                }
                i += 1;
            }
        }
    }
    Ok(out)
}

/// The measures of a §5 section: each `・` item, its `*` sub-items as children.
fn measures(sec: &Section) -> Vec<Item> {
    sec.chunks
        .iter()
        .filter_map(|c| match c {
            Chunk::List(items) => Some(items),
            Chunk::Para(_) => None,
        })
        .flatten()
        .map(|it| (it.text.clone(), it.items.clone()))
        .collect()
}

fn build(
    sections: &[Section],
    footnotes: &BTreeMap<u32, Footnote>,
    reviewed: &[Repair],
) -> Result<Built, NiscError> {
    let mut fns = Footnotes {
        all: footnotes,
        reviewed,
        used: BTreeMap::new(),
    };
    let mut groups = Vec::new();
    let mut controls = Vec::new();
    for sec in sections
        .iter()
        .filter(|s| CHAPTERS.contains(&chapter_of(&s.number)))
    {
        let is_chapter = !sec.number.contains('.');
        let is_measures = chapter_of(&sec.number) == 5;
        let (mut intro, items) = if is_chapter {
            (intro_blocks(&sec.chunks), Vec::new())
        } else if is_measures {
            let paras: Vec<Chunk> = sec
                .chunks
                .iter()
                .filter(|c| matches!(c, Chunk::Para(_)))
                .cloned()
                .collect();
            (intro_blocks(&paras), measures(sec))
        } else {
            (intro_blocks(&sec.chunks), practices(sec)?)
        };
        // Controls first, so that a footnote is credited to the practice that carries it.
        for (k, (text, sub)) in items.into_iter().enumerate() {
            let id = format!("{}-{}", sec.number, k + 1);
            controls.push(control(&id, &sec.number, text, sub, &mut fns, reviewed)?);
        }
        let texts = block_texts(&intro);
        let notes = fns.notes_for(&sec.number, &texts)?;
        intro.extend(notes.into_iter().map(|text| Block::Note { text }));
        groups.push(Group {
            id: sec.number.clone(),
            number: Some(sec.number.clone()),
            title: Text::ja(sec.title.clone()),
            parent: parent_of(&sec.number),
            intro,
        });
    }
    Ok(Built {
        groups,
        controls,
        footnote_repairs: fns.repairs(),
    })
}

fn control(
    id: &str,
    group: &str,
    text: String,
    items: Vec<ListItem>,
    fns: &mut Footnotes<'_>,
    reviewed: &[Repair],
) -> Result<Control, NiscError> {
    let acknowledged: Vec<&Repair> = reviewed
        .iter()
        .filter(|r| r.target.as_deref() == Some(id) && r.before == r.after)
        .collect();
    if !text.trim_end().ends_with('。') && acknowledged.is_empty() {
        return Err(NiscError::Unfinished {
            id: id.to_string(),
            text,
        });
    }
    let mut texts = vec![text.as_str()];
    item_texts(&items, &mut texts);
    let mut notes: Vec<Note> = fns
        .notes_for(id, &texts)?
        .into_iter()
        .map(|text| Note {
            kind: "footnote".to_string(),
            text,
        })
        .collect();
    notes.extend(acknowledged.iter().map(|r| Note {
        kind: "source".to_string(),
        text: r.reason.clone(),
    }));
    let priority = priority(&text);
    Ok(Control {
        id: id.to_string(),
        group: group.to_string(),
        number: None,
        level: None,
        priority: Some(priority),
        statements: vec![Statement {
            kind: StatementKind::Measure,
            text,
            en: None,
            items,
        }],
        criteria: Vec::new(),
        notes,
        cross_refs: Vec::new(),
        commentary: Vec::new(),
        references: Vec::new(),
        target: (priority == Priority::Recommended).then_some(RECOMMENDED_TARGET),
    })
}

#[cfg(test)]
mod test {
    use super::*;

    /// A two-page miniature of the seed's layout: front matter, contents, a
    /// chapter whose sentence runs over a page break with a footnote and page
    /// header in between, then the next chapter.
    const MINI: &str = "\n表題の\n指針\n\n2023年7月4日\n\n目次\n\n1. 前文\t1\n3. 統治\t4\n\n1. 前文\n\n前文の本文。\n\n2. 総則\n\n総則の本文。\n\n3. 統治\n\n3.1. 方針\n\n方針を策定する¹。点検を実施することが望ましい。また、\n\n¹ 脚注の本文。\n\n続きの段落。\n\n3. 統治\n\n改善を行う。\n\n4. 危機管理\n\n4.1. 状況\n\n脅威は次のとおり。\n\n- ・ 不正機能\n- ・ 供給途絶\n\n5. 対策項目\n\n5.1. 組織的対策\n\n- ・ 領域を管理する。\n - * 境界を設定する。\n- ・ 望ましいデータ管理を行う。\n";

    fn join_repair() -> Repair {
        Repair {
            id: "R1".into(),
            target: Some("3.1-3".into()),
            before: "また、\n改善".into(),
            after: "また、改善".into(),
            reason: "page break".into(),
        }
    }

    #[test]
    fn page_header_and_footnote_leave_the_body() {
        let l = layout(MINI).unwrap();
        assert_eq!(l.title, "表題の指針");
        assert_eq!(l.issued, "2023-07-04");
        let texts: Vec<&str> = l.body.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts.iter().filter(|t| **t == "3. 統治").count(), 1);
        assert!(!texts.iter().any(|t| t.contains("脚注の本文")));
        // The footnote keeps its second paragraph (up to the page header).
        assert_eq!(l.footnotes[&1].text, "脚注の本文。\n続きの段落。");
        assert_eq!(l.headers.len(), 1);
        assert_eq!(l.headers[0].2, "3.1");
    }

    #[test]
    fn split_sentence_is_refused_until_a_repair_joins_it() {
        let err = generate(MINI, "[]", "mini.txt").unwrap_err();
        assert!(matches!(err, NiscError::Unfinished { ref id, .. } if id == "3.1-3"));
        let repairs = serde_json::to_string(&vec![join_repair()]).unwrap();
        let c = generate(MINI, &repairs, "mini.txt").unwrap();
        let ctl = c.control("3.1-3").unwrap();
        assert_eq!(ctl.statements[0].text, "また、改善を行う。");
    }

    #[test]
    fn repair_must_match_exactly_once() {
        let mut r = join_repair();
        r.before = "存在しない".into();
        let repairs = serde_json::to_string(&vec![r]).unwrap();
        assert_eq!(
            generate(MINI, &repairs, "mini.txt").unwrap_err(),
            NiscError::RepairMismatch {
                id: "R1".into(),
                found: 0
            }
        );
    }

    #[test]
    fn measures_practices_and_priorities() {
        let repairs = serde_json::to_string(&vec![join_repair()]).unwrap();
        let c = generate(MINI, &repairs, "mini.txt").unwrap();
        let ids: Vec<&str> = c.controls.iter().map(|c| c.id.as_str()).collect();
        // 4.1's 「次のとおり」 sentence and its list are context only.
        assert_eq!(ids, ["3.1-1", "3.1-2", "3.1-3", "5.1-1", "5.1-2"]);
        assert_eq!(
            c.control("3.1-2").unwrap().priority,
            Some(Priority::Recommended)
        );
        assert_eq!(c.control("3.1-2").unwrap().target, Some(RECOMMENDED_TARGET));
        assert_eq!(
            c.control("5.1-2").unwrap().priority,
            Some(Priority::Baseline)
        );
        assert_eq!(c.control("5.1-2").unwrap().target, None);
        let m = c.control("5.1-1").unwrap();
        assert_eq!(m.statements[0].items[0].text, "境界を設定する。");
        let f = &c.control("3.1-1").unwrap().notes[0];
        assert_eq!(
            (f.kind.as_str(), f.text.as_str()),
            ("footnote", "¹ 脚注の本文。\n続きの段落。")
        );
        assert!(c
            .repairs
            .iter()
            .any(|r| r.id == "P1" && r.before == "3. 統治"));
        assert!(c.repairs.iter().any(|r| r.id == "F1"));
    }

    #[test]
    fn sentence_split_ignores_brackets_and_survives_unbalanced_ones() {
        assert_eq!(
            sentences("「あ。い」を行う。次。"),
            ["「あ。い」を行う。", "次。"]
        );
        assert_eq!(
            sentences("手引書」及び「指針」を踏まえる。また行う。").len(),
            2
        );
    }

    #[test]
    fn nozomashii_as_adjective_is_baseline() {
        let adjective = "システムのリスクアセスメントに応じてデータの適切な保護や保管場所の考慮をはじめとした望ましいデータ管理を行う。";
        assert_eq!(priority(adjective), Priority::Baseline);
        assert_eq!(
            priority("金銭の支払いは厳に慎むことが望ましい。"),
            Priority::Recommended
        );
        assert_eq!(
            priority("次に掲げる項目を安全基準等に規定することが望まれる⁴。"),
            Priority::Recommended
        );
    }

    #[test]
    fn statements_of_fact_are_not_practices() {
        assert!(!is_practice("脅威は次のとおり。"));
        assert!(is_practice("体制を整備する。"));
        assert!(!is_practice("信頼できる事業者"));
    }

    #[test]
    fn markers_are_read_as_numbers() {
        assert_eq!(
            markers("CSIRT²¹として¹⁶。"),
            [(21, "²¹".to_string()), (16, "¹⁶".to_string())]
        );
    }
}
