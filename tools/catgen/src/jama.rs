//! JAMA/JAPIA サイバーセキュリティガイドライン V2.2 解説書 (plain-text
//! conversion) -> catalog `jama-japia-v2.2`.
//!
//! The commentary reproduces 90 check-sheet rows (7 tab-separated cells on one
//! line, after a `ラベル\t目的…` header) each followed by its 【解説】. The
//! generator:
//! 1. applies the reviewed repairs (`catalogs/repairs/jama-japia-v2.2.json`):
//!    a repair whose target is an item number replaces `before` by `after` in
//!    that item's text (row and commentary) and must match exactly once; a
//!    repair whose target is `label-N` replaces a whole label cell equal to
//!    `before`. A repair that does not apply is an error, so the file cannot go
//!    stale silently;
//! 2. reads each row with [`row::parse_row`] (shared with the sheet converter)
//!    and its commentary with [`commentary::parse`];
//! 3. refuses labels written two ways without a repair, and checks the item
//!    numbers against the commentary's own list of items (section 2);
//! 4. records the markup it removed (HTML, markdown) as repairs `C01…` after the
//!    reviewed ones, so that nothing is changed silently.
//!
//! The output is deterministic: same seed and repairs, same bytes.

#[path = "jama_commentary.rs"]
pub mod commentary;
/// The row, criteria and text rules live in the core, shared with the
/// widget's in-browser sheet converter.
pub use selfcheck::core::sheet::{criteria, levels, row, text, LEVEL_IDS};

use selfcheck::core::catalog::{
    self, Catalog, Commentary, Group, Note, Repair, SourceDocument, Text, CATALOG_FORMAT,
};
use std::collections::{BTreeMap, BTreeSet};

/// Catalog id.
pub const ID: &str = "jama-japia-v2.2";
/// Title of the source document.
pub const SOURCE_TITLE: &str =
    "自工会/部工会・サイバーセキュリティガイドライン V2.2 解説書 第2.2版";

/// Why the catalog could not be generated.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum JamaError {
    /// A structural landmark of the commentary is missing.
    #[error("seed: {0} not found")]
    Missing(&'static str),
    /// The repairs file is not a JSON list of repairs.
    #[error("repairs file: {0}")]
    RepairsFile(String),
    /// A repair did not apply exactly as recorded.
    #[error("repair {id} ({target}): `{before}` {problem}")]
    RepairMismatch {
        /// Repair id.
        id: String,
        /// Its target.
        target: String,
        /// The text it looks for.
        before: String,
        /// What went wrong.
        problem: String,
    },
    /// A header line not followed by a 7-cell row.
    #[error("seed line {line}: expected a 7-column row after the header")]
    NotARow {
        /// Line (1-based).
        line: usize,
    },
    /// A row cell is wrong.
    #[error("seed line {line} (No. {number}): {error}")]
    Row {
        /// Line (1-based).
        line: usize,
        /// The item number cell.
        number: String,
        /// The cell problem.
        error: row::RowError,
    },
    /// The commentary of an item could not be read.
    #[error("No. {number}: {error}")]
    Commentary {
        /// The item.
        number: String,
        /// What went wrong.
        error: commentary::CommentaryError,
    },
    /// The same label number with different names and no repair.
    #[error("label {number} is written several ways ({names}); add a repair choosing one")]
    LabelVariants {
        /// The label number.
        number: String,
        /// The names found.
        names: String,
    },
    /// An item number appears twice.
    #[error("item No. {0} appears twice")]
    DuplicateItem(String),
    /// The items found differ from the commentary's own list.
    #[error("items differ from the list in section 2: missing {missing:?}, unlisted {unlisted:?}")]
    TocMismatch {
        /// Listed but not found.
        missing: Vec<String>,
        /// Found but not listed.
        unlisted: Vec<String>,
    },
    /// The generated catalog does not validate.
    #[error("generated catalog is invalid: {0}")]
    Invalid(String),
}

/// The JAMA/JAPIA answer scale (shared with every status catalog: [`selfcheck::core::catalog::status_scale`]).
pub use selfcheck::core::catalog::status_scale;

/// Reads the reviewed repairs file (a JSON list of repairs).
pub fn read_repairs(json: &str) -> Result<Vec<Repair>, JamaError> {
    serde_json::from_str(json).map_err(|e| JamaError::RepairsFile(e.to_string()))
}

fn is_header(line: &str) -> bool {
    line.starts_with("ラベル\t目的\t")
}

fn row_cells(line: &str) -> Option<[String; 7]> {
    let cells: Vec<&str> = line.split('\t').collect();
    if cells.len() != 7 || !cells[3].trim().chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let mut out: [String; 7] = Default::default();
    for (o, c) in out.iter_mut().zip(cells) {
        *o = c.to_string();
    }
    Some(out)
}

/// The item numbers listed in section 2 (解説対象), skipping the page-break
/// lines (`次頁へ続く`) and repeated table headers. Returns the numbers and how
/// many page-break lines were skipped.
fn toc_items(lines: &[&str]) -> Result<(BTreeSet<String>, usize), JamaError> {
    let start = lines
        .iter()
        .position(|l| l.trim() == "## 2. 解説対象")
        .ok_or(JamaError::Missing("section 2 (解説対象)"))?;
    let mut items = BTreeSet::new();
    let mut skipped = 0;
    let mut headers = 0;
    for l in &lines[start + 1..] {
        let t = l.trim();
        if t.starts_with("### 3.") || t.starts_with("## 3.") {
            break;
        }
        if t == "次頁へ続く" {
            skipped += 1;
        } else if t.starts_with("No.\t") {
            headers += 1;
            if headers > 1 {
                skipped += 1;
            }
        } else if let Some((n, _)) = l.split_once('\t') {
            let n = n.trim();
            if !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()) {
                items.insert(n.to_string());
            }
        }
    }
    Ok((items, skipped))
}

/// One item's text: the row line and its commentary lines.
struct Chunk {
    first_line: usize,
    number: String,
    text: String,
}

/// Where a repair applies.
enum Scope<'a> {
    Item(&'a str),
    Label,
}

fn scope_of(r: &Repair) -> Result<Scope<'_>, JamaError> {
    let mismatch = |problem: &str| JamaError::RepairMismatch {
        id: r.id.clone(),
        target: r.target.clone().unwrap_or_default(),
        before: r.before.clone(),
        problem: problem.into(),
    };
    match r.target.as_deref() {
        Some(t) if t.starts_with("label-") => Ok(Scope::Label),
        Some(t) if !t.is_empty() && t.chars().all(|c| c.is_ascii_digit()) => Ok(Scope::Item(t)),
        _ => Err(mismatch("needs a target: an item number or label-N")),
    }
}

fn items_list(items: &BTreeSet<u32>) -> String {
    items
        .iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// Cuts section 4 into items: each header line, its row, and the commentary
/// up to the next header (or the back matter at `footer`).
fn split_items(
    lines: &[&str],
    first_header: usize,
    footer: usize,
) -> Result<Vec<Chunk>, JamaError> {
    let mut chunks: Vec<Chunk> = Vec::new();
    let mut i = first_header;
    while i < footer {
        if !is_header(lines[i]) {
            i += 1;
            continue;
        }
        let row_at = i + 1;
        let cells = lines
            .get(row_at)
            .and_then(|l| row_cells(l))
            .ok_or(JamaError::NotARow { line: row_at + 1 })?;
        let end = (row_at + 1..footer)
            .find(|&j| is_header(lines[j]))
            .unwrap_or(footer);
        chunks.push(Chunk {
            first_line: row_at + 1,
            number: cells[3].trim().to_string(),
            text: lines[row_at..end].join("\n"),
        });
        i = end;
    }
    Ok(chunks)
}

/// An item moved to another label by a repair: (repair id, label as printed, label used).
type Moved = BTreeMap<String, (String, String, String)>;

/// Applies the repairs that target an item to that item's text; each must
/// match exactly once. Returns the items whose label cell changed.
fn apply_item_repairs<'r>(
    chunks: &mut [Chunk],
    repairs: &'r [Repair],
    applied: &mut BTreeMap<&'r str, usize>,
) -> Result<Moved, JamaError> {
    let mut moved = Moved::new();
    for r in repairs {
        let Scope::Item(no) = scope_of(r)? else {
            continue;
        };
        let mismatch = |problem: String| JamaError::RepairMismatch {
            id: r.id.clone(),
            target: no.to_string(),
            before: r.before.clone(),
            problem,
        };
        let chunk = chunks
            .iter_mut()
            .find(|c| c.number == no)
            .ok_or_else(|| mismatch("targets an item that is not in the seed".into()))?;
        let n = chunk.text.matches(r.before.as_str()).count();
        if n != 1 {
            return Err(mismatch(format!(
                "occurs {n} times in the item (expected once)"
            )));
        }
        let label = |t: &str| t.split('\t').next().unwrap_or("").to_string();
        let old_label = label(&chunk.text);
        chunk.text = chunk.text.replacen(&r.before, &r.after, 1);
        let new_label = label(&chunk.text);
        if old_label != new_label {
            moved.insert(no.to_string(), (r.id.clone(), old_label, new_label));
        }
        *applied.entry(r.id.as_str()).or_default() += 1;
    }
    Ok(moved)
}

/// Generates the catalog from the seed text and the reviewed repairs.
pub fn generate(seed: &str, seed_file: &str, repairs: &[Repair]) -> Result<Catalog, JamaError> {
    let lines: Vec<&str> = seed.lines().collect();
    let (toc, toc_skipped) = toc_items(&lines)?;
    let sec4 = lines
        .iter()
        .position(|l| l.trim() == "## 4. 解説書")
        .ok_or(JamaError::Missing("section 4 (解説書)"))?;
    let first_header = lines[sec4..]
        .iter()
        .position(|l| is_header(l))
        .map(|p| p + sec4)
        .ok_or(JamaError::Missing("item rows"))?;
    let footer = lines
        .iter()
        .rposition(|l| l.starts_with("連絡先:"))
        .filter(|&p| p > first_header)
        .unwrap_or(lines.len());

    let mut md = commentary::Cleanup::default();

    // The common Q&A before the first item.
    let guidance_lines: Vec<(usize, &str)> = (sec4 + 1..first_header)
        .map(|i| (i + 1, lines[i]))
        .filter(|(_, l)| {
            let t = l.trim().trim_start_matches("- ").trim();
            t != "・ 共通事項" && t != "共通事項"
        })
        .collect();
    let guidance: Vec<Commentary> =
        commentary::parse(&guidance_lines, true, &mut md).map_err(|error| {
            JamaError::Commentary {
                number: "共通事項".into(),
                error,
            }
        })?;

    let mut chunks = split_items(&lines, first_header, footer)?;

    // Item repairs.
    let mut applied: BTreeMap<&str, usize> = BTreeMap::new();
    let moved = apply_item_repairs(&mut chunks, repairs, &mut applied)?;

    // Rows and commentary.
    let mut controls = Vec::new();
    let mut names: BTreeMap<u32, (String, BTreeSet<String>)> = BTreeMap::new();
    let mut markup = Markup {
        toc_skipped,
        ..Markup::default()
    };
    for chunk in &chunks {
        let mut it = chunk.text.split('\n');
        let row_line = it.next().unwrap_or("");
        let mut cells = row_cells(row_line).ok_or(JamaError::NotARow {
            line: chunk.first_line,
        })?;
        for r in repairs {
            if let Scope::Label = scope_of(r)? {
                if cells[0].trim() == r.before {
                    cells[0] = r.after.clone();
                    *applied.entry(r.id.as_str()).or_default() += 1;
                    let group = row::split_label(&r.after).map(|(n, _)| row::group_id(&n));
                    if group.as_deref() != r.target.as_deref() {
                        return Err(JamaError::RepairMismatch {
                            id: r.id.clone(),
                            target: r.target.clone().unwrap_or_default(),
                            before: r.before.clone(),
                            problem: format!("gives {group:?}, not its target"),
                        });
                    }
                }
            }
        }
        let parsed = row::parse_row(&row::Row::from_cells(cells), &LEVEL_IDS).map_err(|error| {
            JamaError::Row {
                line: chunk.first_line,
                number: chunk.number.clone(),
                error,
            }
        })?;
        let no: u32 = chunk.number.parse().unwrap_or(0);
        for (count, (total, items)) in [
            (parsed.cleanup.bold, &mut markup.bold),
            (parsed.cleanup.html_tags, &mut markup.html),
            (parsed.cleanup.entities, &mut markup.entities),
        ] {
            if count > 0 {
                *total += count;
                items.insert(no);
            }
        }
        let gno: u32 = parsed.group_number.parse().unwrap_or(0);
        names
            .entry(gno)
            .or_insert_with(|| (parsed.group_number.clone(), BTreeSet::new()))
            .1
            .insert(parsed.group_name.clone());
        let mut control = parsed.control;
        let body: Vec<(usize, &str)> = it
            .enumerate()
            .map(|(k, l)| (chunk.first_line + 1 + k, l))
            .collect();
        control.commentary =
            commentary::parse(&body, false, &mut md).map_err(|error| JamaError::Commentary {
                number: chunk.number.clone(),
                error,
            })?;
        if let Some((id, from, to)) = moved.get(&chunk.number) {
            control.notes.push(Note {
                kind: "source".into(),
                text: format!(
                    "解説書ではラベル「{from}」の下に掲載されているが、要求事項に基づきラベル「{to}」に分類した（修正記録 {id}）。"
                ),
            });
        }
        if controls
            .iter()
            .any(|c: &selfcheck::core::catalog::Control| c.id == control.id)
        {
            return Err(JamaError::DuplicateItem(control.id));
        }
        controls.push(control);
    }
    for r in repairs {
        if !applied.contains_key(r.id.as_str()) {
            return Err(JamaError::RepairMismatch {
                id: r.id.clone(),
                target: r.target.clone().unwrap_or_default(),
                before: r.before.clone(),
                problem: "did not apply anywhere".into(),
            });
        }
    }
    for (id, text) in SOURCE_NOTES {
        if let Some(c) = controls.iter_mut().find(|c| c.id == *id) {
            c.notes.push(Note {
                kind: "source".into(),
                text: (*text).into(),
            });
        }
    }
    row::link_cross_refs(&mut controls);

    // Groups: one name per label number.
    let mut groups = Vec::new();
    for (number, variants) in names.values() {
        if variants.len() != 1 {
            return Err(JamaError::LabelVariants {
                number: number.clone(),
                names: variants.iter().cloned().collect::<Vec<_>>().join(" / "),
            });
        }
        let name = variants.iter().next().cloned().unwrap_or_default();
        groups.push(Group {
            id: row::group_id(number),
            number: Some(number.clone()),
            title: Text::ja(name),
            parent: None,
            intro: Vec::new(),
        });
    }

    // Coverage check against the commentary's own list.
    let found: BTreeSet<String> = controls.iter().map(|c| c.id.clone()).collect();
    if found != toc {
        return Err(JamaError::TocMismatch {
            missing: toc.difference(&found).cloned().collect(),
            unlisted: found.difference(&toc).cloned().collect(),
        });
    }

    let count = |l: &str| {
        controls
            .iter()
            .filter(|c| c.level.as_deref() == Some(l))
            .count()
    };
    let (n1, n2, n3) = (count("Lv1"), count("Lv2"), count("Lv3"));
    let max_label = names.keys().max().copied().unwrap_or(0);
    let absent: Vec<String> = (1..=max_label)
        .filter(|n| !names.contains_key(n))
        .map(|n| n.to_string())
        .collect();
    let questions: usize = controls.iter().map(|c| c.commentary.len()).sum();
    let coverage = Text::both(
        format!(
            "解説書（第2.2版）が転記している{}項目（Lv1 {n1}、Lv2 {n2}、Lv3 {n3}）と、その【解説】{questions}問を収録しています。チェックシートの全項目ではありません（ラベル{}の項目や多くの項番は含まれません）。参照先の項目が収録されていない場合は、参照番号のみを表示します。",
            controls.len(),
            absent.join("・"),
        ),
        format!(
            "The {} items the commentary (edition 2.2) reproduces (Lv1 {n1}, Lv2 {n2}, Lv3 {n3}) with its {questions} commentary questions. This is not the full check sheet: labels {} and many item numbers are absent. References to items that are not included are shown as numbers only.",
            controls.len(),
            absent.join(" and "),
        ),
    );

    if footer < lines.len() {
        let tail: Vec<&str> = lines[footer..]
            .iter()
            .map(|l| l.trim())
            .filter(|l| !l.is_empty())
            .collect();
        let last = chunks.last().map(|c| c.number.clone()).unwrap_or_default();
        markup.back_matter = Some((tail.join(" "), last));
    }
    markup.commentary = md;
    // Repairs: the reviewed ones, then the markup removed.
    let mut all_repairs: Vec<Repair> = repairs.to_vec();
    all_repairs.extend(markup_repairs(&markup));

    let catalog = Catalog {
        format: CATALOG_FORMAT,
        id: ID.into(),
        version: "2.2".into(),
        title: Text::both(
            "自工会/部工会・サイバーセキュリティガイドライン V2.2",
            "JAMA/JAPIA Cybersecurity Guidelines V2.2",
        ),
        publisher: Text::both(
            "一般社団法人 日本自動車工業会（JAMA）・一般社団法人 日本自動車部品工業会（JAPIA）",
            "Japan Automobile Manufacturers Association (JAMA) / Japan Auto Parts Industries Association (JAPIA)",
        ),
        issued: "2024-08-01".into(),
        language: "ja".into(),
        source: SourceDocument {
            title: SOURCE_TITLE.into(),
            url: None,
            file: Some(seed_file.into()),
        },
        coverage: Some(coverage),
        levels: levels(),
        scale: status_scale(),
        groups,
        controls,
        guidance,
        repairs: all_repairs,
    };
    catalog::validate(&catalog).map_err(|e| JamaError::Invalid(e.to_string()))?;
    Ok(catalog)
}

/// Markup removed while reading, for the repair records.
#[derive(Default)]
struct Markup {
    /// `<b>` spans: count and items.
    bold: (usize, BTreeSet<u32>),
    /// HTML structure tags: count and items.
    html: (usize, BTreeSet<u32>),
    /// HTML entities: count and items.
    entities: (usize, BTreeSet<u32>),
    /// Markdown in the commentary.
    commentary: commentary::Cleanup,
    /// Back-matter text left out, and the item it follows.
    back_matter: Option<(String, String)>,
    /// Page-break lines skipped in the list of items.
    toc_skipped: usize,
}

/// The repair records (`C01`…) for the markup removed.
fn markup_repairs(m: &Markup) -> Vec<Repair> {
    let mut out: Vec<Repair> = Vec::new();
    let mut cleanup = |before: &str, after: &str, reason: String| {
        let id = format!("C{:02}", out.len() + 1);
        out.push(Repair {
            id,
            target: None,
            before: before.into(),
            after: after.into(),
            reason,
        });
    };
    if m.bold.0 > 0 {
        cleanup(
            "自社の <b>事業継続計画</b> 又は <b>緊急時対応計画</b> を作成している",
            "自社の事業継続計画又は緊急時対応計画を作成している",
            format!(
                "The text conversion wrote the commentary's highlighted words as HTML bold with spaces around them: {} bold spans removed in the rows of items {}, and the spaces between Japanese characters around them dropped. The highlighting itself is not kept.",
                m.bold.0,
                items_list(&m.bold.1)
            ),
        );
    }
    if m.html.0 > 0 {
        cleanup(
            "<p>【規則】</p> <ul> <li>…</li> </ul>",
            "criteria part 【規則】 with its list items",
            format!(
                "{} HTML tags (<p>, <ul>, <li>) in the 達成基準 cells of items {} were read as structure: tagged parts, paragraphs and (nested) lists. List bullets written inside <li> (・, •, -) were dropped as bullets.",
                m.html.0,
                items_list(&m.html.1)
            ),
        );
    }
    if m.entities.0 > 0 {
        cleanup(
            "&lt;追記&gt;",
            "<追記>",
            format!(
                "{} HTML entities decoded in the rows of items {}.",
                m.entities.0,
                items_list(&m.entities.1)
            ),
        );
    }
    if m.commentary.markdown_lines > 0 {
        cleanup(
            "#### ① …？ / **【解説】** / - ・ …",
            "① …？ / 【解説】 / a list item",
            format!(
                "{} commentary lines carried markdown decoration from the conversion (heading #, bold **, list -); it was removed and read as structure (sections, questions, lists, headings).",
                m.commentary.markdown_lines
            ),
        );
    }
    if m.commentary.markdown_links > 0 {
        cleanup(
            "[https://www.soumu.go.jp/main\\\\_content/000752925.pdf](https://www.soumu.go.jp/main_content/000752925.pdf)",
            "https://www.soumu.go.jp/main_content/000752925.pdf",
            format!(
                "{} reference URLs were written as markdown links with escaped underscores; the link target is kept as the URL.",
                m.commentary.markdown_links
            ),
        );
    }
    if let Some((text, item)) = &m.back_matter {
        cleanup(
            text,
            "",
            format!(
                "The publisher's contact lines (back cover) follow item {item} in the text; they are not part of its commentary and are left out."
            ),
        );
    }
    if m.toc_skipped > 0 {
        cleanup(
            "次頁へ続く / No.\t解説ポイント\t頁",
            "",
            format!(
                "{} page-break lines (「次頁へ続く」 and repeated table headers) in section 2's list of items were skipped when that list is read to check that every listed item is in the catalog.",
                m.toc_skipped
            ),
        );
    }

    out
}

/// Source defects that are kept verbatim but pointed out to the reader.
const SOURCE_NOTES: &[(&str, &str)] = &[
    (
        "29",
        "解説②の回答「本項目ではそこまでの実施は求めている」は No.28 解説②（「そこまでの実施は求めていない」）を写したもので、続く文（「効果確認までは含まない」）と食い違う。解説書の文言のまま掲載している。",
    ),
    (
        "152",
        "解説②の質問と回答は No.87 解説②とほぼ同文（解説書のまま掲載）。",
    ),
];

/// The catalog as pretty JSON with a final newline (the checked-in form).
pub fn to_json(catalog: &Catalog) -> Result<String, String> {
    serde_json::to_string_pretty(catalog)
        .map(|s| s + "\n")
        .map_err(|e| e.to_string())
}

/// `catgen jama SEED REPAIRS OUT`.
pub fn run(seed: &str, repairs: &str, out: &str) -> Result<(), String> {
    let text = std::fs::read_to_string(seed).map_err(|e| format!("{seed}: {e}"))?;
    let rep = std::fs::read_to_string(repairs).map_err(|e| format!("{repairs}: {e}"))?;
    let file = std::path::Path::new(seed)
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_else(|| seed.to_string());
    let catalog = generate(
        &text,
        &file,
        &read_repairs(&rep).map_err(|e| e.to_string())?,
    )
    .map_err(|e| e.to_string())?;
    std::fs::write(out, to_json(&catalog)?).map_err(|e| format!("{out}: {e}"))
}
