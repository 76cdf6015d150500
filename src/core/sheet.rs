//! An association's check sheet in the 7-column layout (ラベル, 目的, 要求事項,
//! No., レベル, 達成条件, 達成基準) -> catalog. One implementation for
//! `catgen sheet` (native, strict: the first bad row stops it) and the
//! widget's format module (in the browser, lenient: bad rows are listed and
//! left out, so the preview shows every one of them).
//!
//! The input is a list of [`Record`]s: a 1-based row number and its cells.
//! Delimited text (CSV, TSV) becomes records with [`text_records`]; the
//! format module makes them from an XLSX worksheet the same way (cells from
//! column A, so a cell's index is its column letter).
//!
//! - The header is the first record with all seven headings (rows above
//!   it, such as a title, are skipped); columns are found by their heading
//!   (any order; `No` is accepted for `No.`); other columns (answers,
//!   remarks) are ignored.
//! - Fields may be quoted (`"…"`, with `""` for a quote) and then contain the
//!   delimiter and line breaks, as spreadsheet programs export them.
//! - Empty ラベル / 目的 / 要求事項 cells repeat the row above (merged cells
//!   export as empty cells below the first).
//! - Each row becomes a control through [`row::parse_row`], the same code
//!   that reads the JAMA/JAPIA commentary; levels and answer scale are the
//!   JAMA/JAPIA ones ([`levels`], [`crate::core::catalog::status_scale`]).
//! - An item number used twice, or a label number given two names, refuses
//!   the later row.
//! - Errors name the row (the record number, header = 1 in a file that starts
//!   with it) and the column.

pub mod criteria;
pub mod row;
pub mod text;

use crate::core::catalog::{
    self, status_scale, Catalog, Group, Level, SourceDocument, Text, CATALOG_FORMAT,
};
use serde::Deserialize;

/// The largest sheet file read, in bytes (a 7-column sheet of a few
/// hundred items is well under 1 MB, as XLSX or CSV).
pub const MAX_SHEET_BYTES: usize = 8 * 1024 * 1024;

/// Level ids of the JAMA/JAPIA sheet, lowest first.
pub const LEVEL_IDS: [&str; 3] = ["Lv1", "Lv2", "Lv3"];

/// The three JAMA/JAPIA levels with who they are for.
pub fn levels() -> Vec<Level> {
    let l = |id: &str, ja: &str, en: &str, dja: &str, den: &str| Level {
        id: id.into(),
        name: Text::both(ja, en),
        description: Some(Text::both(dja, den)),
    };
    vec![
        l(
            "Lv1",
            "Lv1（最低限）",
            "Lv1 (minimum)",
            "業界の全ての企業が最低限実装すべき対策。",
            "The minimum every company in the industry should implement.",
        ),
        l(
            "Lv2",
            "Lv2（標準）",
            "Lv2 (standard)",
            "取引先の機密情報を扱う企業、または一定以上の規模の企業が標準として実装すべき対策。",
            "The standard for companies that hold customers' confidential information or are of significant size.",
        ),
        l(
            "Lv3",
            "Lv3（先進）",
            "Lv3 (advanced)",
            "業界をリードする企業が目指すべき先進的な対策。",
            "The advanced level for companies leading the industry.",
        ),
    ]
}

/// Why a sheet, or one of its rows, could not be converted.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SheetError {
    /// A quoted field is not closed.
    #[error("row {row}: a quoted field is not closed")]
    Unclosed {
        /// Record where the field starts.
        row: usize,
    },
    /// The sheet has no header row.
    #[error("the sheet is empty (no header row)")]
    Empty,
    /// A column is missing from the header.
    #[error("row {row}: column {column} is missing from the header")]
    MissingColumn {
        /// Header row.
        row: usize,
        /// The column.
        column: row::Column,
    },
    /// A cell is wrong.
    #[error("row {row}, {error}")]
    Cell {
        /// Record number.
        row: usize,
        /// Index of the cell in its record (0 = column A).
        index: usize,
        /// Column and problem.
        error: row::RowError,
    },
    /// An item number used twice.
    #[error("row {row}, column No.: item {number} already appears in row {first}")]
    DuplicateNumber {
        /// Record number.
        row: usize,
        /// The number.
        number: String,
        /// Where it first appears.
        first: usize,
    },
    /// Two rows give the same label number different names.
    #[error("row {row}, column ラベル: label {number} is `{name}` here but `{first}` earlier")]
    LabelName {
        /// Record number.
        row: usize,
        /// Label number.
        number: String,
        /// This row's name.
        name: String,
        /// The first name seen.
        first: String,
    },
    /// The META file is not valid.
    #[error("meta: {0}")]
    Meta(String),
    /// The sheet has no item rows (or none that could be read).
    #[error("the sheet has a header but no item rows")]
    NoRows,
    /// The result does not validate.
    #[error("the converted catalog is invalid: {0}")]
    Invalid(String),
    /// The file looks like (or is named as) an XLSX workbook but cannot be read as one.
    #[error("the file is not a readable XLSX workbook: {0}")]
    NotWorkbook(String),
    /// The file is neither an XLSX workbook nor UTF-8 text.
    #[error("the file is neither an XLSX workbook nor UTF-8 text (CSV, TSV)")]
    NotText,
}

impl SheetError {
    /// The row this error is about, for a row-level problem (the sheet is
    /// still converted without that row).
    pub fn row(&self) -> Option<usize> {
        match self {
            SheetError::Cell { row, .. }
            | SheetError::DuplicateNumber { row, .. }
            | SheetError::LabelName { row, .. } => Some(*row),
            _ => None,
        }
    }
}

/// A text given either as a plain string (Japanese) or as `{ja, en}`.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum MetaText {
    /// Japanese only.
    Plain(String),
    /// Japanese and English.
    Full(Text),
}

impl MetaText {
    fn text(self) -> Text {
        match self {
            MetaText::Plain(s) => Text::ja(s),
            MetaText::Full(t) => t,
        }
    }
}

/// The small META file: what the sheet itself cannot say.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    /// Catalog id.
    pub id: String,
    /// Catalog version.
    pub version: String,
    /// Title.
    pub title: MetaText,
    /// Publisher.
    pub publisher: MetaText,
    /// Issue date `YYYY-MM-DD`.
    pub issued: String,
    /// Language of the texts (default `ja`).
    #[serde(default)]
    pub language: Option<String>,
    /// Source document (default: the sheet's file name).
    #[serde(default)]
    pub source: Option<SourceDocument>,
    /// What the catalog covers.
    #[serde(default)]
    pub coverage: Option<MetaText>,
}

impl Meta {
    /// What a sheet chosen in the browser says about itself, which is only
    /// its file name and date: id `sheet-<file name>` (so the same file
    /// converted again is the same catalog and finds its answers), title the
    /// file name without extension, version 1.
    pub fn for_file(file: &str, issued: &str) -> Meta {
        let stem = file.rsplit_once('.').map_or(file, |(s, _)| s).trim();
        let mut slug = String::new();
        for c in stem.chars() {
            if c.is_ascii_alphanumeric() {
                slug.push(c.to_ascii_lowercase());
            } else if !slug.ends_with('-') && !slug.is_empty() {
                slug.push('-');
            }
        }
        let slug = slug.trim_end_matches('-');
        let id = if slug.is_empty() {
            // A name without ASCII letters (e.g. Japanese only): its hash.
            use sha2::{Digest, Sha256};
            let h: String = Sha256::digest(stem.as_bytes())[..6]
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect();
            format!("sheet-{h}")
        } else {
            format!("sheet-{slug}")
        };
        let title = if stem.is_empty() { file } else { stem };
        Meta {
            id,
            version: "1".into(),
            title: MetaText::Plain(title.to_string()),
            publisher: MetaText::Full(Text::both(
                format!("チェックシート {file} から変換"),
                format!("Converted from the check sheet {file}"),
            )),
            issued: issued.to_string(),
            language: None,
            source: None,
            coverage: None,
        }
    }
}

/// Reads a META file.
pub fn read_meta(json: &str) -> Result<Meta, SheetError> {
    serde_json::from_str(json).map_err(|e| SheetError::Meta(e.to_string()))
}

/// One row of a sheet: its 1-based row number and its cells.
pub type Record = (usize, Vec<String>);

/// Splits delimited text into records of fields, honouring quotes.
/// Returns each record with its 1-based record number.
pub fn records(text: &str, delim: char) -> Result<Vec<Record>, SheetError> {
    let mut out = Vec::new();
    let mut rec: Vec<String> = Vec::new();
    let mut field = String::new();
    let mut chars = text.trim_start_matches('\u{feff}').chars().peekable();
    let mut number = 1;
    let mut quoted = false;
    let mut quote_start = 1;
    while let Some(c) = chars.next() {
        if quoted {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    field.push('"');
                    chars.next();
                } else {
                    quoted = false;
                }
            } else {
                field.push(c);
            }
            continue;
        }
        match c {
            '"' if field.is_empty() => {
                quoted = true;
                quote_start = number;
            }
            '\r' => {}
            '\n' => {
                rec.push(std::mem::take(&mut field));
                out.push((number, std::mem::take(&mut rec)));
                number += 1;
            }
            c if c == delim => rec.push(std::mem::take(&mut field)),
            c => field.push(c),
        }
    }
    if quoted {
        return Err(SheetError::Unclosed { row: quote_start });
    }
    if !field.is_empty() || !rec.is_empty() {
        rec.push(field);
        out.push((number, rec));
    }
    Ok(out)
}

/// Tab if the header line has a tab, else comma.
pub fn detect_delimiter(text: &str) -> char {
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    if first.contains('\t') {
        '\t'
    } else {
        ','
    }
}

/// The records of a CSV or TSV text (delimiter from the header line).
pub fn text_records(text: &str) -> Result<Vec<Record>, SheetError> {
    records(text, detect_delimiter(text))
}

fn heading_matches(cell: &str, column: row::Column) -> bool {
    let c = cell.trim();
    c == column.heading() || (column == row::Column::Number && (c == "No" || c == "NO."))
}

/// A sheet read leniently: the catalog of the rows that could be read (or
/// why there is none), and every row left out with its problem, in order.
#[derive(Debug, Clone, PartialEq)]
pub struct Read {
    /// The catalog, or why the sheet as a whole could not be converted.
    pub catalog: Result<Catalog, SheetError>,
    /// The rows left out ([`SheetError::row`] is `Some` for each).
    pub skipped: Vec<SheetError>,
}

/// Converts records leniently: every bad row is listed in
/// [`Read::skipped`] and left out. A missing header or column refuses the
/// whole sheet. `file` names the sheet in the catalog's source.
pub fn read(recs: Vec<Record>, meta: Meta, file: &str) -> Read {
    let mut skipped = Vec::new();
    let catalog = read_into(recs, meta, file, &mut skipped);
    Read { catalog, skipped }
}

fn read_into(
    recs: Vec<Record>,
    meta: Meta,
    file: &str,
    skipped: &mut Vec<SheetError>,
) -> Result<Catalog, SheetError> {
    let recs: Vec<Record> = recs
        .into_iter()
        .filter(|(_, r)| r.iter().any(|c| !c.trim().is_empty()))
        .collect();
    let columns = |header: &[String]| -> Result<[usize; 7], row::Column> {
        let mut index = [0usize; 7];
        for (k, column) in row::Column::ALL.into_iter().enumerate() {
            index[k] = header
                .iter()
                .position(|h| heading_matches(h, column))
                .ok_or(column)?;
        }
        Ok(index)
    };
    // The header is the first record with all seven headings (a title or a
    // note may stand above it); without one, the first record is the header
    // that lacks a column.
    let found = recs
        .iter()
        .enumerate()
        .find_map(|(at, (_, r))| columns(r).ok().map(|index| (at, index)));
    let (at, index) = match found {
        Some(x) => x,
        None => {
            let (row, header) = recs.first().ok_or(SheetError::Empty)?;
            let column = columns(header).err().unwrap_or(row::Column::Label);
            return Err(SheetError::MissingColumn { row: *row, column });
        }
    };
    let recs = recs.into_iter().skip(at + 1);
    let mut controls = Vec::new();
    let mut groups: Vec<Group> = Vec::new();
    let mut seen: Vec<(String, usize)> = Vec::new();
    let mut carry = [String::new(), String::new(), String::new()];
    for (number, rec) in recs {
        let mut cells: [String; 7] = Default::default();
        for (k, cell) in cells.iter_mut().enumerate() {
            *cell = rec.get(index[k]).cloned().unwrap_or_default();
        }
        // Merged ラベル/目的/要求事項 cells: repeat the row above.
        for k in 0..3 {
            if cells[k].trim().is_empty() {
                cells[k] = carry[k].clone();
            } else {
                carry[k] = cells[k].clone();
            }
        }
        let parsed = match row::parse_row(&row::Row::from_cells(cells), &LEVEL_IDS) {
            Ok(p) => p,
            Err(error) => {
                let at = row::Column::ALL.iter().position(|c| *c == error.column);
                skipped.push(SheetError::Cell {
                    row: number,
                    index: at.map_or(0, |k| index[k]),
                    error,
                });
                continue;
            }
        };
        if let Some((_, first)) = seen.iter().find(|(n, _)| *n == parsed.control.id) {
            skipped.push(SheetError::DuplicateNumber {
                row: number,
                number: parsed.control.id,
                first: *first,
            });
            continue;
        }
        let gid = row::group_id(&parsed.group_number);
        match groups.iter().find(|g| g.id == gid) {
            Some(g) if g.title.ja != parsed.group_name => {
                skipped.push(SheetError::LabelName {
                    row: number,
                    number: parsed.group_number,
                    name: parsed.group_name,
                    first: g.title.ja.clone(),
                });
                continue;
            }
            Some(_) => {}
            None => groups.push(Group {
                id: gid,
                number: Some(parsed.group_number.clone()),
                title: Text::ja(parsed.group_name.clone()),
                parent: None,
                intro: Vec::new(),
            }),
        }
        seen.push((parsed.control.id.clone(), number));
        controls.push(parsed.control);
    }
    if controls.is_empty() {
        return Err(SheetError::NoRows);
    }
    row::link_cross_refs(&mut controls);
    let catalog = Catalog {
        format: CATALOG_FORMAT,
        id: meta.id,
        version: meta.version,
        title: meta.title.text(),
        publisher: meta.publisher.text(),
        issued: meta.issued,
        language: meta.language.unwrap_or_else(|| "ja".into()),
        source: meta.source.unwrap_or_else(|| SourceDocument {
            title: file.to_string(),
            url: None,
            file: Some(file.to_string()),
        }),
        coverage: meta.coverage.map(MetaText::text),
        levels: levels(),
        scale: status_scale(),
        groups,
        controls,
        guidance: Vec::new(),
        repairs: Vec::new(),
    };
    catalog::validate(&catalog).map_err(|e| SheetError::Invalid(e.to_string()))?;
    Ok(catalog)
}

/// Converts a CSV/TSV sheet strictly (`catgen sheet`): the first bad row
/// is the error. `file` names the sheet in the catalog's source.
pub fn convert(text: &str, meta: Meta, file: &str) -> Result<Catalog, SheetError> {
    let r = read(text_records(text)?, meta, file);
    match r.skipped.into_iter().next() {
        Some(first) => Err(first),
        None => r.catalog,
    }
}

/// The column letter of a cell index (0 = `A`, 26 = `AA`).
pub fn column_letter(index: usize) -> String {
    let mut n = index + 1;
    let mut out = Vec::new();
    while n > 0 {
        let r = (n - 1) % 26;
        out.push(b'A' + r as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// A count of items under a heading (a level, a group).
#[derive(Debug, Clone, PartialEq)]
pub struct Count {
    /// The level's name, or the group's number and title.
    pub label: Text,
    /// Items.
    pub count: usize,
}

/// One of the first items, as the preview lists them.
#[derive(Debug, Clone, PartialEq)]
pub struct FirstItem {
    /// No.
    pub number: String,
    /// レベル (the level id).
    pub level: String,
    /// ラベル (group number and title).
    pub label: String,
    /// 達成条件.
    pub condition: String,
}

/// A row left out, with what is wrong in both UI languages.
#[derive(Debug, Clone, PartialEq)]
pub struct Skipped {
    /// Row number in the sheet.
    pub row: usize,
    /// What is wrong, and where.
    pub message: Text,
}

/// How many first items a preview lists.
pub const PREVIEW_ITEMS: usize = 5;

/// What the user sees before using a converted sheet: the numbers, the
/// first items, every row left out; and the catalog JSON to use or download.
/// Made and shown by the format module; the widget gets the shown preview
/// and the catalog JSON.
#[derive(Debug, Clone, PartialEq)]
pub struct Preview {
    /// The file as chosen.
    pub file: String,
    /// The worksheet read (XLSX only).
    pub worksheet: Option<String>,
    /// The catalog as pretty JSON (the form `catgen` writes), if there is one.
    pub catalog: Option<String>,
    /// The catalog's id, if there is one.
    pub catalog_id: Option<String>,
    /// Why there is no catalog.
    pub refused: Option<Text>,
    /// Items converted.
    pub items: usize,
    /// Items per level, in the levels' order.
    pub levels: Vec<Count>,
    /// Items per group, in the groups' order.
    pub groups: Vec<Count>,
    /// The first [`PREVIEW_ITEMS`] items.
    pub first: Vec<FirstItem>,
    /// Every row left out, in sheet order.
    pub skipped: Vec<Skipped>,
}

impl Preview {
    /// The preview of `read` (from `file`, worksheet `worksheet`); `explain`
    /// words an error in both UI languages.
    pub fn new(
        file: &str,
        worksheet: Option<String>,
        read: &Read,
        explain: impl Fn(&SheetError) -> Text,
    ) -> Preview {
        let skipped = read
            .skipped
            .iter()
            .map(|e| Skipped {
                row: e.row().unwrap_or(0),
                message: explain(e),
            })
            .collect();
        let mut p = Preview {
            file: file.to_string(),
            worksheet,
            catalog: None,
            catalog_id: None,
            refused: None,
            items: 0,
            levels: Vec::new(),
            groups: Vec::new(),
            first: Vec::new(),
            skipped,
        };
        let c = match &read.catalog {
            Ok(c) => c,
            Err(e) => {
                p.refused = Some(explain(e));
                return p;
            }
        };
        let count = |f: &dyn Fn(&crate::core::catalog::Control) -> bool| {
            c.controls.iter().filter(|x| f(x)).count()
        };
        p.items = c.controls.len();
        p.levels = c
            .levels
            .iter()
            .map(|l| Count {
                label: l.name.clone(),
                count: count(&|x| x.level.as_deref() == Some(l.id.as_str())),
            })
            .collect();
        let group_label = |g: &Group| match &g.number {
            Some(n) => format!("{n} {}", g.title.ja),
            None => g.title.ja.clone(),
        };
        p.groups = c
            .groups
            .iter()
            .map(|g| Count {
                label: Text::ja(group_label(g)),
                count: count(&|x| x.group == g.id),
            })
            .collect();
        p.first = c
            .controls
            .iter()
            .take(PREVIEW_ITEMS)
            .map(|x| FirstItem {
                number: x.number.clone().unwrap_or_else(|| x.id.clone()),
                level: x.level.clone().unwrap_or_default(),
                label: c
                    .groups
                    .iter()
                    .find(|g| g.id == x.group)
                    .map(group_label)
                    .unwrap_or_default(),
                condition: x
                    .statements
                    .iter()
                    .find(|s| s.kind == crate::core::catalog::StatementKind::Condition)
                    .map(|s| s.text.clone())
                    .unwrap_or_default(),
            })
            .collect();
        match serde_json::to_string_pretty(c) {
            Ok(json) => {
                p.catalog = Some(json + "\n");
                p.catalog_id = Some(c.id.clone());
            }
            Err(e) => p.refused = Some(explain(&SheetError::Invalid(e.to_string()))),
        }
        p
    }
}

#[cfg(test)]
mod test {
    use super::*;

    const HEADER: &str = "ラベル,目的,要求事項,No.,レベル,達成条件,達成基準";

    fn meta() -> Meta {
        Meta::for_file("会員チェックシート 2024.csv", "2024-04-01")
    }

    fn sheet(rows: &[&str]) -> Read {
        let text = std::iter::once(HEADER)
            .chain(rows.iter().copied())
            .collect::<Vec<_>>()
            .join("\n");
        read(text_records(&text).expect("records"), meta(), "x.csv")
    }

    /// (row, column heading) of every row left out.
    fn skipped(r: &Read) -> Vec<(usize, String)> {
        r.skipped
            .iter()
            .map(|e| {
                let col = match e {
                    SheetError::Cell { error, .. } => error.column.heading().to_string(),
                    SheetError::DuplicateNumber { .. } => "No.".into(),
                    SheetError::LabelName { .. } => "ラベル".into(),
                    other => format!("{other}"),
                };
                (e.row().unwrap_or(0), col)
            })
            .collect()
    }

    #[test]
    fn good_rows_become_items_in_their_groups_and_levels() {
        let r = sheet(&[
            "1 方針,目的A,要求A,1,Lv1,条件1,【規則】 ・a",
            "1 方針,目的A,要求A,2,Lv2,条件2,・b",
            "2 体制,目的B,要求B,3,Lv3,条件3,・c",
        ]);
        let c = r.catalog.expect("catalog");
        assert!(r.skipped.is_empty());
        let ids: Vec<_> = c.controls.iter().map(|x| x.id.as_str()).collect();
        assert_eq!(ids, ["1", "2", "3"]);
        let levels: Vec<_> = c.controls.iter().map(|x| x.level.as_deref()).collect();
        assert_eq!(levels, [Some("Lv1"), Some("Lv2"), Some("Lv3")]);
        let groups: Vec<_> = c.groups.iter().map(|g| g.title.ja.as_str()).collect();
        assert_eq!(groups, ["方針", "体制"]);
        assert_eq!(c.controls[2].group, "label-2");
    }

    #[test]
    fn merged_cells_repeat_the_row_above() {
        // Rows 3 and 4 leave ラベル, 目的, 要求事項 empty (merged in the workbook).
        let r = sheet(&[
            "1 方針,目的A,要求A,1,Lv1,条件1,・a",
            ",,,2,Lv1,条件2,・b",
            ",,要求C,3,Lv2,条件3,・c",
        ]);
        let c = r.catalog.expect("catalog");
        assert_eq!(c.groups.len(), 1);
        let two = c.control("2").expect("2");
        assert_eq!(two.group, "label-1");
        assert_eq!(two.statements[0].text, "目的A");
        assert_eq!(two.statements[1].text, "要求A");
        assert_eq!(c.control("3").expect("3").statements[1].text, "要求C");
    }

    #[test]
    fn every_bad_row_is_listed_with_row_and_column_and_the_rest_is_kept() {
        let r = sheet(&[
            "1 方針,目的,要求,1,Lv1,条件,・a",     // row 2 ok
            "1 方針,目的,要求,2,レベル2,条件,・b", // row 3 bad level
            "1 方針,目的,要求,,Lv1,条件,・c",      // row 4 no number
            "方針,目的,要求,4,Lv1,条件,・d",       // row 5 label without number
            "1 方針,目的,要求,5,Lv1,,・e",         // row 6 no condition
            "1 方針,目的,要求,1,Lv2,条件,・f",     // row 7 number twice
            "1 基本方針,目的,要求,7,Lv1,条件,・g", // row 8 label renamed
            "1 方針,目的,要求,x8,Lv1,条件,・h",    // row 9 not a number
            "1 方針,目的,要求,9,Lv3,条件,・i",     // row 10 ok
        ]);
        assert_eq!(
            skipped(&r),
            [
                (3, "レベル".to_string()),
                (4, "No.".into()),
                (5, "ラベル".into()),
                (6, "達成条件".into()),
                (7, "No.".into()),
                (8, "ラベル".into()),
                (9, "No.".into()),
            ]
        );
        let c = r.catalog.expect("the good rows make a catalog");
        let ids: Vec<_> = c.controls.iter().map(|x| x.id.as_str()).collect();
        assert_eq!(ids, ["1", "9"]);
        // The cell index is the column's place in the record: レベル is the 5th (E).
        match &r.skipped[0] {
            SheetError::Cell { index, .. } => assert_eq!(column_letter(*index), "E"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn columns_are_found_by_heading_in_any_order_and_extra_columns_ignored() {
        let text = "回答,No,レベル,ラベル,目的,要求事項,達成条件,達成基準,備考\n\
                    済,1,Lv1,1 方針,目的,要求,条件,・a,メモ\n";
        let r = read(text_records(text).unwrap(), meta(), "x.csv");
        let c = r.catalog.expect("catalog");
        assert_eq!(c.controls[0].id, "1");
        assert_eq!(c.controls[0].statements[2].text, "条件");
        // A problem names the letter of the column where it is in this sheet.
        let r = read(
            text_records("回答,No,レベル,ラベル,目的,要求事項,達成条件,達成基準\n済,1,Lv9,1 方針,a,b,c,・d\n")
                .unwrap(),
            meta(),
            "x.csv",
        );
        match &r.skipped[0] {
            SheetError::Cell { index, row, .. } => {
                assert_eq!((*row, column_letter(*index).as_str()), (2, "C"))
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn rows_above_the_header_are_skipped() {
        let text = format!("会員向けチェックシート,,\n\n{HEADER}\n1 方針,a,b,1,Lv1,c,・d\n1 方針,a,b,2,Lv9,c,・d\n");
        let r = read(text_records(&text).unwrap(), meta(), "x.csv");
        assert_eq!(r.catalog.expect("catalog").controls.len(), 1);
        assert_eq!(
            r.skipped[0].row(),
            Some(5),
            "rows keep their numbers in the file"
        );
    }

    #[test]
    fn sheets_without_items_are_refused_as_a_whole() {
        for (text, want) in [
            ("", SheetError::Empty),
            ("\n , ,\n", SheetError::Empty),
            (
                "ラベル,目的,要求事項,No.,レベル,達成条件\n1 方針,a,b,1,Lv1,c\n",
                SheetError::MissingColumn {
                    row: 1,
                    column: row::Column::Criteria,
                },
            ),
            (HEADER, SheetError::NoRows),
            (
                &format!("{HEADER}\n1 方針,a,b,1,Lv7,c,・d"),
                SheetError::NoRows,
            ),
        ] {
            let r = read(text_records(text).unwrap(), meta(), "x.csv");
            assert_eq!(r.catalog, Err(want), "{text:?}");
        }
        assert_eq!(
            text_records("a,\"b\n"),
            Err(SheetError::Unclosed { row: 1 })
        );
    }

    #[test]
    fn strict_convert_stops_at_the_first_bad_row() {
        let text = format!(
            "{HEADER}\n1 方針,a,b,1,Lv1,c,・d\n1 方針,a,b,2,Lv9,c,・d\n1 方針,a,b,,Lv1,c,・d\n"
        );
        match convert(&text, meta(), "x.csv") {
            Err(SheetError::Cell { row: 3, .. }) => {}
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_file_gives_a_stable_id_and_its_name_as_title() {
        for (file, id, title) in [
            (
                "Assoc Sheet 2024.xlsx",
                "sheet-assoc-sheet-2024",
                "Assoc Sheet 2024",
            ),
            ("a_b.c.csv", "sheet-a-b-c", "a_b.c"),
            ("noext", "sheet-noext", "noext"),
        ] {
            let m = Meta::for_file(file, "2024-01-01");
            assert_eq!(m.id, id, "{file}");
            assert_eq!(m.title.text().ja, title, "{file}");
        }
        // Without ASCII letters: a hash of the name, the same every time, another for another name.
        let a = Meta::for_file("会員チェックシート.xlsx", "d").id;
        assert_eq!(a, Meta::for_file("会員チェックシート.xlsx", "e").id);
        assert_ne!(a, Meta::for_file("別のシート.xlsx", "d").id);
        assert!(
            a.starts_with("sheet-") && a.len() == "sheet-".len() + 12,
            "{a}"
        );
    }

    #[test]
    fn column_letters() {
        for (i, want) in [
            (0, "A"),
            (4, "E"),
            (25, "Z"),
            (26, "AA"),
            (27, "AB"),
            (701, "ZZ"),
            (702, "AAA"),
        ] {
            assert_eq!(column_letter(i), want);
        }
    }

    #[test]
    fn the_preview_counts_per_level_and_group_and_lists_the_first_items() {
        let r = sheet(&[
            "1 方針,目的,要求,1,Lv1,条件1,・a",
            "1 方針,目的,要求,2,Lv2,条件2,・b",
            "2 体制,目的,要求,3,Lv1,条件3,・c",
            "2 体制,目的,要求,4,Lvx,条件4,・d",
        ]);
        let p = Preview::new("x.csv", None, &r, |e| Text::ja(e.to_string()));
        assert_eq!(p.items, 3);
        let levels: Vec<_> = p.levels.iter().map(|c| c.count).collect();
        assert_eq!(levels, [2, 1, 0]);
        let groups: Vec<_> = p
            .groups
            .iter()
            .map(|c| (c.label.ja.as_str(), c.count))
            .collect();
        assert_eq!(groups, [("1 方針", 2), ("2 体制", 1)]);
        assert_eq!(p.first[2].condition, "条件3");
        assert_eq!(p.first[2].label, "2 体制");
        assert_eq!(p.skipped.len(), 1);
        assert_eq!(p.skipped[0].row, 5);
        let c = crate::core::catalog::parse(p.catalog.as_deref().expect("json")).expect("parses");
        assert_eq!(c.id, p.catalog_id.clone().unwrap());
    }
}
