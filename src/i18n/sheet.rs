//! A check sheet's problems ([`crate::core::sheet::SheetError`]) in the
//! user's language: which row, which column (letter and heading), and what
//! is wrong, so the association can find the cell in its own file.

use super::Lang;
use crate::core::catalog::Text;
use crate::core::sheet::row::{CellProblem, Column};
use crate::core::sheet::{column_letter, SheetError};

fn cell_problem(lang: Lang, p: &CellProblem) -> String {
    let ja = lang == Lang::Ja;
    match p {
        CellProblem::Empty if ja => "空欄です".into(),
        CellProblem::Empty => "is empty".into(),
        CellProblem::LabelWithoutNumber(s) if ja => {
            format!("「{s}」がラベル番号で始まっていません(例:「2 機密情報を扱うルール」)")
        }
        CellProblem::LabelWithoutNumber(s) => {
            format!("“{s}” does not start with a label number (e.g. “2 機密情報を扱うルール”)")
        }
        CellProblem::BadNumber(s) if ja => {
            format!("「{s}」は項目番号ではありません(数字だけにしてください)")
        }
        CellProblem::BadNumber(s) => format!("“{s}” is not an item number (digits only)"),
        CellProblem::BadLevel { found, expected } if ja => {
            format!("「{found}」はレベルではありません({expected} のいずれか)")
        }
        CellProblem::BadLevel { found, expected } => {
            format!("“{found}” is not a level (one of {expected})")
        }
    }
}

fn column(lang: Lang, c: Column) -> String {
    if lang == Lang::Ja {
        format!("列「{c}」")
    } else {
        format!("column “{c}”")
    }
}

/// `e` in `lang`.
pub fn sheet_error(lang: Lang, e: &SheetError) -> String {
    let ja = lang == Lang::Ja;
    let headings = Column::ALL.map(Column::heading).join(", ");
    match e {
        SheetError::Unclosed { row } if ja => {
            format!("{row} 行目: 引用符(\")で始まる欄が閉じていません。")
        }
        SheetError::Unclosed { row } => {
            format!("Row {row}: a field that starts with a quote (\") is not closed.")
        }
        SheetError::Empty if ja => "シートが空です(見出し行がありません)。".into(),
        SheetError::Empty => "The sheet is empty (it has no header row).".into(),
        SheetError::MissingColumn { row, column: c } if ja => format!(
            "{row} 行目の見出しに{}がありません。見出しは {headings} の7列です。",
            column(lang, *c)
        ),
        SheetError::MissingColumn { row, column: c } => format!(
            "The header in row {row} has no {}. The seven headings are {headings}.",
            column(lang, *c)
        ),
        SheetError::Cell { row, index, error } if ja => format!(
            "{row} 行目、{} 列「{}」: {}。",
            column_letter(*index),
            error.column,
            cell_problem(lang, &error.problem)
        ),
        SheetError::Cell { row, index, error } => format!(
            "Row {row}, {} (cell {}{row}): {}.",
            column(lang, error.column),
            column_letter(*index),
            cell_problem(lang, &error.problem)
        ),
        SheetError::DuplicateNumber { row, number, first } if ja => format!(
            "{row} 行目、{}: 項目 {number} は {first} 行目にもあります。",
            column(lang, Column::Number)
        ),
        SheetError::DuplicateNumber { row, number, first } => format!(
            "Row {row}, {}: item {number} already appears in row {first}.",
            column(lang, Column::Number)
        ),
        SheetError::LabelName {
            row,
            number,
            name,
            first,
        } if ja => format!(
            "{row} 行目、{}: ラベル {number} は前の行では「{first}」、ここでは「{name}」です。",
            column(lang, Column::Label)
        ),
        SheetError::LabelName {
            row,
            number,
            name,
            first,
        } => format!(
            "Row {row}, {}: label {number} is “{first}” in an earlier row but “{name}” here.",
            column(lang, Column::Label)
        ),
        SheetError::Meta(s) => format!("META: {s}"),
        SheetError::NoRows if ja => "見出しの下に、読み込める項目の行がありません。".into(),
        SheetError::NoRows => "There is no item row under the header that could be read.".into(),
        SheetError::Invalid(s) if ja => format!("変換したチェックリストに誤りがあります: {s}"),
        SheetError::Invalid(s) => format!("The converted checklist is not valid: {s}"),
        SheetError::NotWorkbook(_) if ja => "このファイルは XLSX ブックとして読めません。Excel で .xlsx 形式か「CSV UTF-8」形式で保存し直してください。".into(),
        SheetError::NotWorkbook(_) => "This file cannot be read as an XLSX workbook. Save it again from Excel as .xlsx or as “CSV UTF-8”.".into(),
        SheetError::NotText if ja => "このファイルは XLSX ブックでも、UTF-8 の CSV・TSV でもありません。Excel で .xlsx 形式か「CSV UTF-8」形式で保存してください。".into(),
        SheetError::NotText => "This file is neither an XLSX workbook nor UTF-8 CSV or TSV text. Save it from Excel as .xlsx or as “CSV UTF-8”.".into(),
    }
}

/// A string of the check-sheet preview, which the format module builds: kept
/// out of the widget's string table ([`super::t`]), whose every string is in
/// the first download.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(missing_docs)]
pub enum PreviewText {
    Title,
    Worksheet,
    Items,
    PerLevel,
    PerGroup,
    First,
    Skipped,
    NoneSkipped,
    Refused,
    Number,
    Level,
    Label,
    Condition,
}

/// The preview string `k` in `lang`.
pub fn preview_text(lang: Lang, k: PreviewText) -> &'static str {
    use PreviewText::*;
    let (ja, en) = match k {
        Title => ("変換結果の確認", "Review the conversion"),
        Worksheet => ("シート", "Worksheet"),
        Items => ("項目数", "Items"),
        PerLevel => ("レベル別の項目数", "Items per level"),
        PerGroup => ("ラベル別の項目数", "Items per label"),
        First => ("最初の項目", "First items"),
        Skipped => ("読み込めなかった行", "Rows that could not be read"),
        NoneSkipped => ("すべての行を読み込みました。", "Every row was read."),
        Refused => (
            "このファイルからはチェックリストを作れません",
            "No checklist can be made from this file",
        ),
        Number => ("No.", "No."),
        Level => ("レベル", "Level"),
        Label => ("ラベル", "Label"),
        Condition => ("達成条件", "Condition"),
    };
    if lang == Lang::Ja {
        ja
    } else {
        en
    }
}

/// `e` in both UI languages.
pub fn sheet_message(e: &SheetError) -> Text {
    Text::both(sheet_error(Lang::Ja, e), sheet_error(Lang::En, e))
}

#[cfg(test)]
mod test {
    use super::*;
    use crate::core::sheet::row::RowError;

    #[test]
    fn a_bad_cell_is_named_by_row_column_letter_and_heading_in_both_languages() {
        let e = SheetError::Cell {
            row: 7,
            index: 4,
            error: RowError {
                column: Column::Level,
                problem: CellProblem::BadLevel {
                    found: "Lv9".into(),
                    expected: "Lv1, Lv2, Lv3".into(),
                },
            },
        };
        let m = sheet_message(&e);
        assert_eq!(
            m.ja,
            "7 行目、E 列「レベル」: 「Lv9」はレベルではありません(Lv1, Lv2, Lv3 のいずれか)。"
        );
        assert_eq!(
            m.en.as_deref(),
            Some("Row 7, column “レベル” (cell E7): “Lv9” is not a level (one of Lv1, Lv2, Lv3).")
        );
    }
}
