//! An association's check sheet in the 7-column layout (ラベル, 目的, 要求事項,
//! No., レベル, 達成条件, 達成基準), as tab- or comma-separated text, -> catalog.
//!
//! - The first non-empty record is the header; columns are found by their
//!   heading (any order; `No` is accepted for `No.`); other columns (answers,
//!   remarks) are ignored.
//! - Fields may be quoted (`"…"`, with `""` for a quote) and then contain the
//!   delimiter and line breaks, as spreadsheet programs export them.
//! - Empty ラベル / 目的 / 要求事項 cells repeat the row above (merged cells
//!   export as empty cells below the first).
//! - Each row becomes a control through [`crate::jama::row::parse_row`], the
//!   same code that reads the JAMA/JAPIA commentary; levels and answer scale
//!   are the JAMA/JAPIA ones.
//! - Errors name the row (1-based record number in the file, header = 1) and
//!   the column.

use crate::jama::{self, row};
use selfcheck::core::catalog::{self, Catalog, Group, SourceDocument, Text, CATALOG_FORMAT};
use serde::Deserialize;

/// Why a sheet could not be converted.
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
    /// The sheet has no item rows.
    #[error("the sheet has a header but no item rows")]
    NoRows,
    /// The result does not validate.
    #[error("the converted catalog is invalid: {0}")]
    Invalid(String),
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

/// Splits delimited text into records of fields, honouring quotes.
/// Returns each record with its 1-based record number.
pub fn records(text: &str, delim: char) -> Result<Vec<(usize, Vec<String>)>, SheetError> {
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

fn heading_matches(cell: &str, column: row::Column) -> bool {
    let c = cell.trim();
    c == column.heading() || (column == row::Column::Number && (c == "No" || c == "NO."))
}

/// Converts a sheet to a catalog. `file` names the sheet in the catalog's source.
pub fn convert(text: &str, meta: Meta, file: &str) -> Result<Catalog, SheetError> {
    let recs = records(text, detect_delimiter(text))?;
    let mut recs = recs
        .into_iter()
        .filter(|(_, r)| r.iter().any(|c| !c.trim().is_empty()));
    let (header_row, header) = recs.next().ok_or(SheetError::Empty)?;
    let mut index = [0usize; 7];
    for (k, column) in row::Column::ALL.into_iter().enumerate() {
        index[k] = header
            .iter()
            .position(|h| heading_matches(h, column))
            .ok_or(SheetError::MissingColumn {
                row: header_row,
                column,
            })?;
    }
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
        let parsed = row::parse_row(&row::Row::from_cells(cells), &jama::LEVEL_IDS)
            .map_err(|error| SheetError::Cell { row: number, error })?;
        if let Some((_, first)) = seen.iter().find(|(n, _)| *n == parsed.control.id) {
            return Err(SheetError::DuplicateNumber {
                row: number,
                number: parsed.control.id,
                first: *first,
            });
        }
        seen.push((parsed.control.id.clone(), number));
        let gid = row::group_id(&parsed.group_number);
        match groups.iter().find(|g| g.id == gid) {
            Some(g) if g.title.ja != parsed.group_name => {
                return Err(SheetError::LabelName {
                    row: number,
                    number: parsed.group_number,
                    name: parsed.group_name,
                    first: g.title.ja.clone(),
                })
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
        levels: jama::levels(),
        scale: jama::status_scale(),
        groups,
        controls,
        guidance: Vec::new(),
        repairs: Vec::new(),
    };
    catalog::validate(&catalog).map_err(|e| SheetError::Invalid(e.to_string()))?;
    Ok(catalog)
}

/// Reads a META file.
pub fn read_meta(json: &str) -> Result<Meta, SheetError> {
    serde_json::from_str(json).map_err(|e| SheetError::Meta(e.to_string()))
}

/// `catgen sheet IN META OUT`.
pub fn run(input: &str, meta: &str, out: &str) -> Result<(), String> {
    let text = std::fs::read_to_string(input).map_err(|e| format!("{input}: {e}"))?;
    let meta_text = std::fs::read_to_string(meta).map_err(|e| format!("{meta}: {e}"))?;
    let meta = read_meta(&meta_text).map_err(|e| format!("{meta}: {e}"))?;
    let file = std::path::Path::new(input)
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_else(|| input.to_string());
    let catalog = convert(&text, meta, &file).map_err(|e| format!("{input}: {e}"))?;
    std::fs::write(out, jama::to_json(&catalog)?).map_err(|e| format!("{out}: {e}"))
}
