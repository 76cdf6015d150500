//! One row of the 7-column check sheet (ラベル, 目的, 要求事項, No., レベル,
//! 達成条件, 達成基準) -> one catalog control.
//!
//! Used by both the JAMA/JAPIA commentary generator and the sheet converter,
//! so an association's own sheet is read by exactly the same rules.

use crate::core::catalog::{
    Block, Control, CriteriaPart, CrossRef, ListItem, Statement, StatementKind,
};

use super::criteria;
use super::text::strip_bold;

/// The seven columns, in sheet order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    /// ラベル: group number and name, e.g. `2 機密情報を扱うルール`.
    Label,
    /// 目的.
    Purpose,
    /// 要求事項.
    Requirement,
    /// No.: the item number, which becomes the control id.
    Number,
    /// レベル: `Lv1`…
    Level,
    /// 達成条件.
    Condition,
    /// 達成基準.
    Criteria,
}

impl Column {
    /// All columns in sheet order.
    pub const ALL: [Column; 7] = [
        Column::Label,
        Column::Purpose,
        Column::Requirement,
        Column::Number,
        Column::Level,
        Column::Condition,
        Column::Criteria,
    ];

    /// The column heading as printed on the sheet.
    pub fn heading(self) -> &'static str {
        match self {
            Column::Label => "ラベル",
            Column::Purpose => "目的",
            Column::Requirement => "要求事項",
            Column::Number => "No.",
            Column::Level => "レベル",
            Column::Condition => "達成条件",
            Column::Criteria => "達成基準",
        }
    }
}

impl std::fmt::Display for Column {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.heading())
    }
}

/// What is wrong with a cell.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum CellProblem {
    /// The cell is empty but must not be.
    #[error("is empty")]
    Empty,
    /// The label does not start with its number.
    #[error("`{0}` does not start with a label number (e.g. `2 機密情報を扱うルール`)")]
    LabelWithoutNumber(String),
    /// The item number is not a number.
    #[error("`{0}` is not an item number (digits expected)")]
    BadNumber(String),
    /// The level is not one the catalog declares.
    #[error("`{found}` is not a level (expected one of {expected})")]
    BadLevel {
        /// What the cell says.
        found: String,
        /// The accepted levels.
        expected: String,
    },
}

/// A problem in one cell of a row.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("column {column}: {problem}")]
pub struct RowError {
    /// The column.
    pub column: Column,
    /// What is wrong.
    pub problem: CellProblem,
}

/// The seven cells of one row, as text.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Row {
    /// ラベル.
    pub label: String,
    /// 目的.
    pub purpose: String,
    /// 要求事項.
    pub requirement: String,
    /// No.
    pub number: String,
    /// レベル.
    pub level: String,
    /// 達成条件.
    pub condition: String,
    /// 達成基準.
    pub criteria: String,
}

impl Row {
    /// The row from exactly seven cells in sheet order.
    pub fn from_cells(cells: [String; 7]) -> Row {
        let [label, purpose, requirement, number, level, condition, criteria] = cells;
        Row {
            label,
            purpose,
            requirement,
            number,
            level,
            condition,
            criteria,
        }
    }
}

/// Counts of markup removed from a row (reported as repairs).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct RowCleanup {
    /// `<b>…</b>` spans removed.
    pub bold: usize,
    /// HTML structure tags turned into structure.
    pub html_tags: usize,
    /// HTML entities decoded.
    pub entities: usize,
}

/// A parsed row: its group and its control (without cross-references, which
/// need the whole catalog: see [`link_cross_refs`]).
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedRow {
    /// Label number as printed, e.g. `2`.
    pub group_number: String,
    /// Label name, e.g. `機密情報を扱うルール`.
    pub group_name: String,
    /// The control.
    pub control: Control,
    /// Markup removed.
    pub cleanup: RowCleanup,
}

/// Group id of a label number.
pub fn group_id(number: &str) -> String {
    format!("label-{number}")
}

/// Splits `2 機密情報を扱うルール` (or `4体制`) into number and name.
pub fn split_label(label: &str) -> Option<(String, String)> {
    let label = label.trim();
    let digits: String = label.chars().take_while(char::is_ascii_digit).collect();
    if digits.is_empty() {
        return None;
    }
    let name = label[digits.len()..].trim();
    (!name.is_empty()).then(|| (digits, name.to_string()))
}

/// Parses one row into a control. `levels` are the accepted level ids.
pub fn parse_row(row: &Row, levels: &[&str]) -> Result<ParsedRow, RowError> {
    let err = |column, problem| RowError { column, problem };
    let mut cleanup = RowCleanup::default();
    let mut clean = |s: &str| {
        let (t, n) = strip_bold(s);
        cleanup.bold += n;
        t.trim().to_string()
    };
    let label = clean(&row.label);
    let purpose = clean(&row.purpose);
    let requirement = clean(&row.requirement);
    let number = clean(&row.number);
    let level = clean(&row.level);
    let condition = clean(&row.condition);
    let criteria_text = clean(&row.criteria);

    if label.is_empty() {
        return Err(err(Column::Label, CellProblem::Empty));
    }
    let (group_number, group_name) = split_label(&label).ok_or_else(|| {
        err(
            Column::Label,
            CellProblem::LabelWithoutNumber(label.clone()),
        )
    })?;
    if number.is_empty() {
        return Err(err(Column::Number, CellProblem::Empty));
    }
    if !number.chars().all(|c| c.is_ascii_digit()) {
        return Err(err(Column::Number, CellProblem::BadNumber(number)));
    }
    if !levels.contains(&level.as_str()) {
        return Err(err(
            Column::Level,
            CellProblem::BadLevel {
                found: level,
                expected: levels.join(", "),
            },
        ));
    }
    if condition.is_empty() {
        return Err(err(Column::Condition, CellProblem::Empty));
    }
    let mut statements = Vec::new();
    for (kind, text) in [
        (StatementKind::Purpose, purpose),
        (StatementKind::Requirement, requirement),
        (StatementKind::Condition, condition),
    ] {
        if !text.is_empty() {
            statements.push(Statement {
                kind,
                text,
                en: None,
                items: Vec::new(),
            });
        }
    }
    let (criteria, c) = criteria::parse(&criteria_text);
    cleanup.html_tags += c.html_tags;
    cleanup.entities += c.entities;
    Ok(ParsedRow {
        group_number: group_number.clone(),
        group_name,
        control: Control {
            id: number.clone(),
            group: group_id(&group_number),
            number: Some(number),
            level: Some(level),
            priority: None,
            statements,
            criteria,
            notes: Vec::new(),
            cross_refs: Vec::new(),
            commentary: Vec::new(),
            references: Vec::new(),
            target: None,
        },
        cleanup,
    })
}

/// Item numbers referred to in `text` (`No. 98`, `No.145`, `No49`), in order.
pub fn item_refs(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let b = text.as_bytes();
    let mut i = 0;
    while let Some(p) = text[i..].find("No") {
        let start = i + p;
        i = start + 2;
        if start > 0 && b[start - 1].is_ascii_alphanumeric() {
            continue;
        }
        let mut j = start + 2;
        if b.get(j) == Some(&b'.') {
            j += 1;
        }
        while b.get(j) == Some(&b' ') {
            j += 1;
        }
        let d0 = j;
        while b.get(j).is_some_and(u8::is_ascii_digit) {
            j += 1;
        }
        if j > d0 {
            out.push(text[d0..j].to_string());
            i = j;
        }
    }
    out
}

fn list_texts<'a>(items: &'a [ListItem], out: &mut Vec<&'a str>) {
    for i in items {
        out.push(&i.text);
        list_texts(&i.items, out);
    }
}

fn block_texts<'a>(blocks: &'a [Block], out: &mut Vec<&'a str>) {
    for b in blocks {
        match b {
            Block::Paragraph { text } | Block::Heading { text } | Block::Note { text } => {
                out.push(text)
            }
            Block::List { items } => list_texts(items, out),
        }
    }
}

/// Every text a control takes from its source: statements, criteria,
/// commentary (not the notes the generator adds).
pub fn control_texts(c: &Control) -> Vec<&str> {
    let mut out = Vec::new();
    for s in &c.statements {
        out.push(s.text.as_str());
        list_texts(&s.items, &mut out);
    }
    for CriteriaPart { blocks, .. } in &c.criteria {
        block_texts(blocks, &mut out);
    }
    for q in &c.commentary {
        out.push(&q.question);
        block_texts(&q.answer, &mut out);
        for r in &q.references {
            out.push(&r.title);
        }
    }
    out
}

/// Fills `cross_refs` of every control from the item numbers its texts
/// mention. A reference links (`control: Some`) only when that item is in the
/// catalog; otherwise it stays a plain reference. Self-references are skipped.
pub fn link_cross_refs(controls: &mut [Control]) {
    let ids: Vec<String> = controls.iter().map(|c| c.id.clone()).collect();
    for c in controls.iter_mut() {
        let mut refs: Vec<String> = Vec::new();
        for t in control_texts(c) {
            for r in item_refs(t) {
                if r != c.id && !refs.contains(&r) {
                    refs.push(r);
                }
            }
        }
        c.cross_refs = refs
            .into_iter()
            .map(|target| CrossRef {
                control: ids.contains(&target).then(|| target.clone()),
                target,
            })
            .collect();
    }
}

#[cfg(test)]
mod test {
    use super::*;

    fn row(level: &str) -> Row {
        Row {
            label: "2 機密情報を扱うルール".into(),
            purpose: "目的".into(),
            requirement: "要求".into(),
            number: "4".into(),
            level: level.into(),
            condition: "条件".into(),
            criteria: "【規則】 ・a".into(),
        }
    }

    #[test]
    fn row_becomes_control() {
        let p = parse_row(&row("Lv1"), &["Lv1", "Lv2"]).unwrap();
        assert_eq!(p.group_number, "2");
        assert_eq!(p.control.group, "label-2");
        assert_eq!(p.control.statements.len(), 3);
    }

    #[test]
    fn unknown_level_names_the_column() {
        let e = parse_row(&row("Lvl1"), &["Lv1"]).unwrap_err();
        assert_eq!(e.column, Column::Level);
        assert!(e.to_string().contains("レベル"));
    }

    #[test]
    fn finds_item_numbers() {
        assert_eq!(
            item_refs("No. 98 と No.145、No49 に定義。Now 5"),
            vec!["98", "145", "49"]
        );
    }
}
