//! XLSX export of an assessment: a workbook in the check sheet's own layout,
//! written with `rust_xlsxwriter` into a buffer (no file system, so it runs
//! in the browser).
//!
//! Three sheets, their headings in the UI language:
//! 1. **Check sheet**: one row per control, in catalog order, with the
//!    columns of the JAMA/JAPIA check sheet (ラベル, 目的, 要求事項, No.,
//!    レベル, 達成条件, 達成基準 — the criteria as text with their 【規則】
//!    【基準】… tags, `・` items and `-` sub-items, as the sheet prints them),
//!    then the answer, the N/A reason, the note, the evidence (one item per
//!    line) and when the answer changed. A column the catalog has no text for
//!    is left out, so a NISC (maturity) catalog gets 分類, No., 区分, 対策 and
//!    its current and target values instead of the JAMA columns.
//! 2. **Results**: the overall figures, per level, per group (the groups of
//!    the results view's radar, [`selfcheck::core::radar`]) with a native
//!    Excel radar chart of those rows, and the gap list in the results
//!    view's order.
//! 3. **Entity**: the entity, the catalog it answers (id, version, content
//!    hash), per-control targets and every snapshot with its figures.
//!
//! Rules kept here:
//! - The figures are [`selfcheck::core::score`]'s, computed from the export
//!   document's answers; they are written as numbers (rates as fractions in
//!   a percent format), never as text, so the reader can compute with them.
//! - Every text is written as a string cell: a note that starts with `=` is
//!   text, never a formula. A text longer than Excel's cell limit
//!   ([`MAX_CELL_CHARS`]) is cut and ends with `…` (the JSON export keeps
//!   all of it).
//! - Times are local times of the user (`offset_minutes` east of UTC, from
//!   the browser), written as Excel dates.
//! - Print setup: A4 landscape, one page wide, the header row repeated on
//!   every page, page numbers in the footer; the header row is frozen and
//!   has a filter.
//! - The same export gives the same bytes: the workbook's creation time is
//!   the export time, not the clock.

use rust_xlsxwriter::{
    Chart, ChartType, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook,
    Worksheet, XlsxError,
};
use selfcheck::core::assessment::{Answer, Millis};
use selfcheck::core::catalog::{
    Block, Catalog, Control, CriteriaPart, ListItem, Priority, ScaleKind, StatementKind,
};
use selfcheck::core::outline::IndexedCatalog;
use selfcheck::core::radar;
use selfcheck::core::report::ExportDoc;
use selfcheck::core::score::{self, gaps, scores, AnswerSet, Scores, Tally};
use selfcheck::i18n::{status_key, t, Key, Lang};

/// Most characters Excel keeps in one cell.
pub const MAX_CELL_CHARS: usize = 32_767;

/// A4 in the paper-size codes of the XLSX page setup.
const PAPER_A4: u8 = 9;

/// Words of the workbook that the widget itself does not show (so they are
/// not in its first download's string table).
#[derive(Debug, Clone, Copy)]
enum W {
    SheetItems,
    SheetResults,
    SheetEntity,
    Label,
    Purpose,
    Requirement,
    Condition,
    Measure,
    Context,
    Criteria,
    Priority,
    Answer,
    Value,
    TargetValue,
    Reason,
    ChangedAt,
    Overall,
    InTarget,
    Applicable,
    Total,
    Answered,
    Item,
    Name,
    EntityId,
    Catalog,
    CatalogId,
    Version,
    ContentHash,
    Created,
    Updated,
    Exported,
    Taken,
    Answers,
    Targets,
    Yes,
    No,
    NoName,
    NoReason,
}

fn w(lang: Lang, word: W) -> &'static str {
    let (ja, en) = match word {
        W::SheetItems => ("チェックシート", "Check sheet"),
        W::SheetResults => ("結果", "Results"),
        W::SheetEntity => ("評価対象", "Entity"),
        W::Label => ("ラベル", "Label"),
        W::Purpose => ("目的", "Purpose"),
        W::Requirement => ("要求事項", "Requirement"),
        W::Condition => ("達成条件", "Condition"),
        W::Measure => ("対策", "Measure"),
        W::Context => ("前提", "Context"),
        W::Criteria => ("達成基準", "Criteria"),
        W::Priority => ("区分", "Priority"),
        W::Answer => ("回答", "Answer"),
        W::Value => ("現状値", "Current value"),
        W::TargetValue => ("目標値", "Target value"),
        W::Reason => ("対象外の理由", "N/A reason"),
        W::ChangedAt => ("変更日時", "Changed"),
        W::Overall => ("全体", "Overall"),
        W::InTarget => ("目標範囲", "In target"),
        W::Applicable => ("対象項目", "Applicable"),
        W::Total => ("項目数", "Items"),
        W::Answered => ("回答済み", "Answered"),
        W::Item => ("項目", "Item"),
        W::Name => ("名称", "Name"),
        W::EntityId => ("評価対象ID", "Entity id"),
        W::Catalog => ("チェックリスト", "Checklist"),
        W::CatalogId => ("チェックリストID", "Checklist id"),
        W::Version => ("版", "Version"),
        W::ContentHash => ("内容のハッシュ(SHA-256)", "Content hash (SHA-256)"),
        W::Created => ("作成日時", "Created"),
        W::Updated => ("更新日時", "Updated"),
        W::Exported => ("書き出し日時", "Exported"),
        W::Taken => ("保存日時", "Taken"),
        W::Answers => ("回答数", "Answers"),
        W::Targets => ("項目ごとの目標値", "Targets per item"),
        W::Yes => ("○", "yes"),
        W::No => ("", "no"),
        W::NoName => ("(名称なし)", "(no name)"),
        W::NoReason => ("理由未記入", "no reason given"),
    };
    if lang == Lang::En {
        en
    } else {
        ja
    }
}

/// A column of the check sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Col {
    Label,
    Purpose,
    Requirement,
    Number,
    Level,
    Priority,
    Condition,
    Measure,
    Context,
    Criteria,
    Answer,
    Value,
    Target,
    Reason,
    Note,
    Evidence,
    Changed,
}

impl Col {
    /// Width in characters.
    fn width(self) -> f64 {
        match self {
            Col::Label => 18.0,
            Col::Purpose | Col::Requirement | Col::Context => 30.0,
            Col::Number => 8.0,
            Col::Level => 13.0,
            Col::Priority | Col::Value | Col::Target => 9.0,
            Col::Condition => 40.0,
            Col::Measure | Col::Criteria => 50.0,
            Col::Answer => 14.0,
            Col::Reason | Col::Note | Col::Evidence => 28.0,
            Col::Changed => 17.0,
        }
    }

    fn heading(self, lang: Lang, jama: bool) -> &'static str {
        match self {
            Col::Label if jama => w(lang, W::Label),
            Col::Label => t(lang, Key::Group),
            Col::Purpose => w(lang, W::Purpose),
            Col::Requirement => w(lang, W::Requirement),
            Col::Number => "No.",
            Col::Level => t(lang, Key::Level),
            Col::Priority => w(lang, W::Priority),
            Col::Condition => w(lang, W::Condition),
            Col::Measure => w(lang, W::Measure),
            Col::Context => w(lang, W::Context),
            Col::Criteria => w(lang, W::Criteria),
            Col::Answer => w(lang, W::Answer),
            Col::Value => w(lang, W::Value),
            Col::Target => w(lang, W::TargetValue),
            Col::Reason => w(lang, W::Reason),
            Col::Note => t(lang, Key::Note),
            Col::Evidence => t(lang, Key::EvidenceShort),
            Col::Changed => w(lang, W::ChangedAt),
        }
    }
}

/// The columns this catalog fills, in sheet order.
fn columns(catalog: &Catalog) -> Vec<Col> {
    let has = |k: StatementKind| {
        catalog
            .controls
            .iter()
            .any(|c| c.statements.iter().any(|s| s.kind == k))
    };
    let mut cols = vec![Col::Label];
    for (kind, col) in [
        (StatementKind::Purpose, Col::Purpose),
        (StatementKind::Requirement, Col::Requirement),
    ] {
        if has(kind) {
            cols.push(col);
        }
    }
    cols.push(Col::Number);
    if !catalog.levels.is_empty() {
        cols.push(Col::Level);
    }
    if catalog.controls.iter().any(|c| c.priority.is_some()) {
        cols.push(Col::Priority);
    }
    for (kind, col) in [
        (StatementKind::Condition, Col::Condition),
        (StatementKind::Measure, Col::Measure),
        (StatementKind::Context, Col::Context),
    ] {
        if has(kind) {
            cols.push(col);
        }
    }
    if catalog.controls.iter().any(|c| !c.criteria.is_empty()) {
        cols.push(Col::Criteria);
    }
    cols.push(Col::Answer);
    if catalog.scale.kind == ScaleKind::Maturity {
        cols.extend([Col::Value, Col::Target]);
    }
    cols.extend([Col::Reason, Col::Note, Col::Evidence, Col::Changed]);
    cols
}

fn push_items(items: &[ListItem], depth: usize, out: &mut Vec<String>) {
    for it in items {
        let bullet = if depth == 0 {
            "・".to_string()
        } else {
            format!("{}-", "  ".repeat(depth - 1))
        };
        out.push(format!("{bullet}{}", it.text));
        push_items(&it.items, depth + 1, out);
    }
}

fn push_blocks(blocks: &[Block], out: &mut Vec<String>) {
    for b in blocks {
        match b {
            Block::Paragraph { text } | Block::Heading { text } | Block::Note { text } => {
                out.push(text.clone())
            }
            Block::List { items } => push_items(items, 0, out),
        }
    }
}

/// The criteria as the check sheet prints them: each part's `【tag】` on its
/// own line, then its paragraphs, `・` items and `-` sub-items.
pub fn criteria_text(parts: &[CriteriaPart]) -> String {
    let mut out = Vec::new();
    for p in parts {
        if let Some(tag) = &p.tag {
            out.push(format!("【{tag}】"));
        }
        push_blocks(&p.blocks, &mut out);
    }
    out.join("\n")
}

/// The texts of a control's statements of one kind, with their items.
fn statement_text(c: &Control, kind: StatementKind) -> String {
    let texts: Vec<String> = c
        .statements
        .iter()
        .filter(|s| s.kind == kind)
        .map(|s| {
            let mut lines = vec![s.text.clone()];
            push_items(&s.items, 0, &mut lines);
            lines.join("\n")
        })
        .collect();
    texts.join("\n\n")
}

/// `s` cut to [`MAX_CELL_CHARS`] (ending with `…` when cut).
fn cell_text(s: &str) -> String {
    if s.len() <= MAX_CELL_CHARS || s.chars().count() <= MAX_CELL_CHARS {
        return s.to_string();
    }
    let mut cut: String = s.chars().take(MAX_CELL_CHARS - 1).collect();
    cut.push('…');
    cut
}

/// Points per line of the default 11 pt font (Japanese fonts set lines
/// wider apart than Latin ones).
const LINE_POINTS: f64 = 17.0;

/// Excel's tallest row, in points.
const MAX_ROW_POINTS: f64 = 409.0;

/// Lines `text` takes in a wrapped column `width` characters wide (a
/// full-width character is about one and a half of them). Spreadsheet programs do not all grow
/// rows to wrapped text on opening (LibreOffice keeps them one line high),
/// so the heights are written.
fn wrapped_lines(text: &str, width: f64) -> usize {
    let per_line = (width - 1.0).max(1.0);
    text.lines()
        .map(|l| {
            let w: f64 = l
                .chars()
                .map(|c| if c.is_ascii() { 1.0 } else { 1.6 })
                .sum();
            ((w / per_line).ceil() as usize).max(1)
        })
        .sum::<usize>()
        .max(1)
}

/// The height of a row whose cells are `cells` in columns `widths` wide.
fn row_height(cells: &[Cell], widths: &[f64]) -> f64 {
    let lines = cells
        .iter()
        .zip(widths)
        .map(|(c, w)| match c {
            Cell::Text(s) => wrapped_lines(s, *w),
            _ => 1,
        })
        .max()
        .unwrap_or(1);
    (lines as f64 * LINE_POINTS).min(MAX_ROW_POINTS)
}

/// One cell's content.
enum Cell {
    Text(String),
    Int(f64),
    Date(Millis),
    Empty,
}

/// The formats of the workbook.
struct Formats {
    header: Format,
    text: Format,
    number: Format,
    date: Format,
    percent: Format,
    mean: Format,
    title: Format,
    bold: Format,
}

impl Formats {
    fn new() -> Self {
        let cell = Format::new()
            .set_align(FormatAlign::Top)
            .set_border(FormatBorder::Thin)
            .set_border_color("#B0B0B0");
        Formats {
            header: cell
                .clone()
                .set_bold()
                .set_text_wrap()
                .set_background_color("#E8EEF4"),
            text: cell.clone().set_text_wrap(),
            number: cell.clone().set_align(FormatAlign::Center),
            date: cell.clone().set_num_format("yyyy-mm-dd hh:mm"),
            percent: cell.clone().set_num_format("0.0%"),
            mean: cell.set_num_format("0.0"),
            title: Format::new().set_bold().set_font_size(14),
            bold: Format::new().set_bold(),
        }
    }
}

/// Writes one cell.
fn write_cell(
    ws: &mut Worksheet,
    f: &Formats,
    (row, col): (u32, u16),
    cell: Cell,
    offset_minutes: i64,
) -> Result<(), XlsxError> {
    match cell {
        Cell::Text(s) => ws.write_string_with_format(row, col, cell_text(&s), &f.text)?,
        Cell::Int(n) => ws.write_number_with_format(row, col, n, &f.number)?,
        Cell::Date(t) => match local_time(t, offset_minutes) {
            Some(d) => ws.write_datetime_with_format(row, col, d, &f.date)?,
            None => ws.write_blank(row, col, &f.text)?,
        },
        Cell::Empty => ws.write_blank(row, col, &f.text)?,
    };
    Ok(())
}

/// Writes `cells` from column 0 of `row`.
fn write_row(
    ws: &mut Worksheet,
    f: &Formats,
    row: u32,
    cells: Vec<Cell>,
    offset_minutes: i64,
) -> Result<(), XlsxError> {
    for (i, cell) in cells.into_iter().enumerate() {
        let col = u16::try_from(i).unwrap_or(u16::MAX);
        write_cell(ws, f, (row, col), cell, offset_minutes)?;
    }
    Ok(())
}

/// `t` as an Excel date in the user's time zone (`None` outside Excel's years).
fn local_time(t: Millis, offset_minutes: i64) -> Option<ExcelDateTime> {
    let local = t.saturating_add(offset_minutes.saturating_mul(60_000));
    ExcelDateTime::from_timestamp(local.div_euclid(1000)).ok()
}

/// A4 landscape, one page wide, the first `header_rows` repeated, page numbers below.
fn print_setup(ws: &mut Worksheet, header_row: Option<u32>) -> Result<(), XlsxError> {
    ws.set_paper_size(PAPER_A4);
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);
    ws.set_footer("&C&P / &N");
    if let Some(r) = header_row {
        ws.set_repeat_rows(r, r)?;
    }
    Ok(())
}

/// The answer's label in `lang`, marked when a required reason is missing.
fn answer_text(catalog: &Catalog, a: &Answer, lang: Lang) -> String {
    match catalog.option(&a.option) {
        Some(o) if a.lacks_reason(o) => {
            format!("{} ({})", o.label.get(lang.tag()), w(lang, W::NoReason))
        }
        Some(o) => o.label.get(lang.tag()).to_string(),
        None => a.option.clone(),
    }
}

/// An item number as a number when it is one (so the filter sorts 2 before 10).
fn number_cell(s: &str) -> Cell {
    match s.parse::<u32>() {
        Ok(n) if !s.starts_with('0') || s == "0" => Cell::Int(f64::from(n)),
        _ => Cell::Text(s.to_string()),
    }
}

fn level_name(catalog: &Catalog, level: &str, lang: Lang) -> String {
    catalog
        .levels
        .iter()
        .find(|l| l.id == level)
        .map_or_else(|| level.to_string(), |l| l.name.get(lang.tag()).to_string())
}

/// Sheet 1: one row per control.
fn items_sheet(
    ws: &mut Worksheet,
    f: &Formats,
    catalog: &IndexedCatalog,
    doc: &ExportDoc,
    lang: Lang,
    offset_minutes: i64,
) -> Result<(), XlsxError> {
    let cols = columns(catalog);
    let jama = cols.contains(&Col::Purpose) || cols.contains(&Col::Requirement);
    for (i, c) in cols.iter().enumerate() {
        let col = u16::try_from(i).unwrap_or(u16::MAX);
        ws.set_column_width(col, c.width())?;
        ws.write_string_with_format(0, col, c.heading(lang, jama), &f.header)?;
    }
    let a = doc.to_assessment();
    let set = AnswerSet::from(&a);
    for (r, ctl) in catalog.controls.iter().enumerate() {
        let answer = doc.answers.get(&ctl.id);
        let text = |s: String| {
            if s.is_empty() {
                Cell::Empty
            } else {
                Cell::Text(s)
            }
        };
        let cells = cols
            .iter()
            .map(|col| match col {
                Col::Label => Cell::Text(catalog.group_label(&ctl.group, lang.tag())),
                Col::Purpose => text(statement_text(ctl, StatementKind::Purpose)),
                Col::Requirement => text(statement_text(ctl, StatementKind::Requirement)),
                Col::Number => number_cell(ctl.number.as_deref().unwrap_or(&ctl.id)),
                Col::Level => text(
                    ctl.level
                        .as_deref()
                        .map(|l| level_name(catalog, l, lang))
                        .unwrap_or_default(),
                ),
                Col::Priority => text(
                    match ctl.priority {
                        Some(Priority::Baseline) => t(lang, Key::Baseline),
                        Some(Priority::Recommended) => t(lang, Key::Recommended),
                        None => "",
                    }
                    .to_string(),
                ),
                Col::Condition => text(statement_text(ctl, StatementKind::Condition)),
                Col::Measure => text(statement_text(ctl, StatementKind::Measure)),
                Col::Context => text(statement_text(ctl, StatementKind::Context)),
                Col::Criteria => text(criteria_text(&ctl.criteria)),
                Col::Answer => text(
                    answer
                        .filter(|x| x.is_chosen())
                        .map(|x| answer_text(catalog, x, lang))
                        .unwrap_or_default(),
                ),
                Col::Value => score::current_value(catalog, &set, ctl)
                    .map_or(Cell::Empty, |v| Cell::Int(f64::from(v))),
                Col::Target => score::target_value(catalog, &set, ctl)
                    .map_or(Cell::Empty, |v| Cell::Int(f64::from(v))),
                Col::Reason => text(answer.map(|x| x.reason.clone()).unwrap_or_default()),
                Col::Note => text(answer.map(|x| x.note.clone()).unwrap_or_default()),
                Col::Evidence => text(answer.map(|x| x.evidence.join("\n")).unwrap_or_default()),
                Col::Changed => answer.map_or(Cell::Empty, |x| Cell::Date(x.changed)),
            })
            .collect::<Vec<Cell>>();
        let widths: Vec<f64> = cols.iter().map(|c| c.width()).collect();
        ws.set_row_height(r as u32 + 1, row_height(&cells, &widths))?;
        write_row(ws, f, r as u32 + 1, cells, offset_minutes)?;
    }
    let last_row = catalog.controls.len() as u32;
    let last_col = u16::try_from(cols.len().saturating_sub(1)).unwrap_or(u16::MAX);
    ws.set_freeze_panes(1, 0)?;
    ws.autofilter(0, 0, last_row, last_col)?;
    print_setup(ws, Some(0))
}

/// The counts of a tally, in the order of the results view.
fn tally_cells(tl: &Tally) -> Vec<Cell> {
    [
        tl.achieved,
        tl.partial,
        tl.not_achieved,
        tl.not_applicable,
        tl.unanswered,
        tl.needs_reason,
        tl.applicable(),
        tl.total,
    ]
    .into_iter()
    .map(|n| Cell::Int(n as f64))
    .collect()
}

fn rate(
    ws: &mut Worksheet,
    f: &Formats,
    row: u32,
    col: u16,
    v: Option<f64>,
) -> Result<(), XlsxError> {
    match v {
        Some(v) => ws.write_number_with_format(row, col, v, &f.percent)?,
        None => ws.write_string_with_format(row, col, "—", &f.number)?,
    };
    Ok(())
}

fn mean(
    ws: &mut Worksheet,
    f: &Formats,
    row: u32,
    col: u16,
    v: Option<f64>,
) -> Result<(), XlsxError> {
    match v {
        Some(v) => ws.write_number_with_format(row, col, v, &f.mean)?,
        None => ws.write_string_with_format(row, col, "—", &f.number)?,
    };
    Ok(())
}

fn header_row(ws: &mut Worksheet, f: &Formats, row: u32, titles: &[&str]) -> Result<(), XlsxError> {
    for (i, h) in titles.iter().enumerate() {
        ws.write_string_with_format(row, i as u16, *h, &f.header)?;
    }
    Ok(())
}

/// Sheet 2: figures, per level, per group with the radar chart, and the gap list.
fn results_sheet(
    ws: &mut Worksheet,
    sheet_name: &str,
    f: &Formats,
    catalog: &IndexedCatalog,
    doc: &ExportDoc,
    lang: Lang,
) -> Result<(), XlsxError> {
    let a = doc.to_assessment();
    let set = AnswerSet::from(&a);
    let sc: Scores = scores(catalog, &set);
    let maturity = catalog.scale.kind == ScaleKind::Maturity;
    const WIDTHS: [f64; 8] = [14.0, 44.0, 12.0, 12.0, 12.0, 12.0, 12.0, 30.0];
    for (col, width) in WIDTHS.into_iter().enumerate() {
        ws.set_column_width(col as u16, width)?;
    }
    ws.write_string_with_format(0, 0, catalog.title.get(lang.tag()), &f.title)?;
    let name = if a.name.is_empty() {
        w(lang, W::NoName).to_string()
    } else {
        a.name.clone()
    };
    ws.write_string_with_format(1, 0, t(lang, Key::Entity), &f.bold)?;
    ws.write_string(1, 1, cell_text(&name))?;
    ws.write_string_with_format(2, 0, t(lang, Key::TargetLevel), &f.bold)?;
    let target = sc
        .target_level
        .as_deref()
        .map(|l| level_name(catalog, l, lang))
        .unwrap_or_else(|| t(lang, Key::TargetNone).to_string());
    ws.write_string(2, 1, target)?;
    ws.write_string_with_format(3, 0, w(lang, W::Overall), &f.bold)?;
    if maturity {
        ws.write_string(3, 1, t(lang, Key::Current))?;
        mean(ws, f, 3, 2, sc.maturity.and_then(|m| m.mean_current()))?;
        ws.write_string(3, 3, t(lang, Key::Target))?;
        mean(ws, f, 3, 4, sc.maturity.and_then(|m| m.mean_target()))?;
    } else {
        ws.write_string(3, 1, t(lang, Key::Rate))?;
        rate(ws, f, 3, 2, sc.in_scope.achievement())?;
        ws.write_string(3, 3, t(lang, Key::CreditRate))?;
        rate(ws, f, 3, 4, sc.in_scope.credit())?;
    }
    let counts = [
        t(lang, Key::StAchieved),
        t(lang, Key::StPartial),
        t(lang, Key::StNotAchieved),
        t(lang, Key::StNotApplicable),
        t(lang, Key::StUnanswered),
        t(lang, Key::StNeedsReason),
        w(lang, W::Applicable),
        w(lang, W::Total),
    ];
    header_row(ws, f, 4, &counts)?;
    write_row(ws, f, 5, tally_cells(&sc.in_scope), 0)?;
    let mut row = 7;
    if !sc.levels.is_empty() {
        ws.write_string_with_format(row, 0, t(lang, Key::ByLevel), &f.bold)?;
        row += 1;
        header_row(
            ws,
            f,
            row,
            &[
                t(lang, Key::Level),
                w(lang, W::InTarget),
                t(lang, Key::Rate),
                t(lang, Key::StAchieved),
                w(lang, W::Applicable),
                t(lang, Key::StPartial),
                t(lang, Key::StNotApplicable),
                t(lang, Key::StUnanswered),
            ],
        )?;
        for l in &sc.levels {
            row += 1;
            let tl = &l.tally;
            write_row(
                ws,
                f,
                row,
                vec![
                    Cell::Text(level_name(catalog, &l.level, lang)),
                    Cell::Text(w(lang, if l.in_scope { W::Yes } else { W::No }).to_string()),
                    Cell::Empty,
                    Cell::Int(tl.achieved as f64),
                    Cell::Int(tl.applicable() as f64),
                    Cell::Int(tl.partial as f64),
                    Cell::Int(tl.not_applicable as f64),
                    Cell::Int(tl.unanswered as f64),
                ],
                0,
            )?;
            rate(ws, f, row, 2, tl.achievement())?;
        }
        row += 2;
    }
    // Per group: the radar's groups; the chart draws columns C and D of these rows.
    let groups = radar::groups(catalog, &sc);
    ws.write_string_with_format(row, 0, t(lang, Key::ByGroup), &f.bold)?;
    row += 1;
    let group_header = row;
    // The last two columns: answered of all (maturity), else achieved of applicable.
    let (fifth, sixth) = if maturity {
        (w(lang, W::Answered), w(lang, W::Total))
    } else {
        (t(lang, Key::StAchieved), w(lang, W::Applicable))
    };
    header_row(
        ws,
        f,
        row,
        &[
            "No.",
            t(lang, Key::Group),
            t(lang, Key::Current),
            t(lang, Key::Target),
            fifth,
            sixth,
        ],
    )?;
    for g in &groups {
        row += 1;
        let name = catalog
            .group(&g.group)
            .map_or_else(|| g.group.clone(), |x| x.title.get(lang.tag()).to_string());
        write_row(
            ws,
            f,
            row,
            vec![
                Cell::Text(radar::label(catalog, &g.group)),
                Cell::Text(name),
            ],
            0,
        )?;
        match (maturity, g.maturity) {
            (true, m) => {
                mean(ws, f, row, 2, m.and_then(|m| m.mean_current()))?;
                mean(ws, f, row, 3, m.and_then(|m| m.mean_target()))?;
                ws.write_number_with_format(row, 4, g.in_scope.answered as f64, &f.number)?;
                ws.write_number_with_format(row, 5, g.in_scope.total as f64, &f.number)?;
            }
            (false, _) => {
                rate(ws, f, row, 2, g.in_scope.achievement())?;
                rate(ws, f, row, 3, (g.in_scope.applicable() > 0).then_some(1.0))?;
                ws.write_number_with_format(row, 4, g.in_scope.achieved as f64, &f.number)?;
                ws.write_number_with_format(row, 5, g.in_scope.applicable() as f64, &f.number)?;
            }
        }
    }
    if groups.len() >= 3 {
        let (first, last) = (group_header + 1, row);
        let mut chart = Chart::new(ChartType::RadarWithMarkers);
        for col in [2u16, 3] {
            chart
                .add_series()
                .set_categories((sheet_name, first, 0, last, 0))
                .set_values((sheet_name, first, col, last, col))
                .set_name((sheet_name, group_header, col));
        }
        chart.title().set_name(t(lang, Key::Radar));
        if maturity {
            chart.y_axis().set_min(0).set_max(radar::max_value(catalog));
        } else {
            chart.y_axis().set_min(0).set_max(1).set_num_format("0%");
        }
        chart.set_width(520).set_height(420);
        ws.insert_chart(0, 9, &chart)?;
    }
    row += 2;
    let plan = gaps(catalog, &set);
    ws.write_string_with_format(
        row,
        0,
        format!("{} ({})", t(lang, Key::Gaps), plan.len()),
        &f.bold,
    )?;
    row += 1;
    header_row(
        ws,
        f,
        row,
        &[
            "#",
            w(lang, W::Item),
            "No.",
            t(lang, Key::Level),
            w(lang, W::Answer),
            t(lang, Key::Current),
            t(lang, Key::Target),
            t(lang, Key::Group),
        ],
    )?;
    for (i, g) in plan.iter().enumerate() {
        row += 1;
        let number = catalog
            .control(&g.control)
            .and_then(|c| c.number.clone())
            .unwrap_or_else(|| g.control.clone());
        let value = |v: Option<u8>| v.map_or(Cell::Empty, |v| Cell::Int(f64::from(v)));
        let cells = vec![
            Cell::Int((i + 1) as f64),
            Cell::Text(g.headline.clone()),
            number_cell(&number),
            g.level
                .as_deref()
                .map_or(Cell::Empty, |l| Cell::Text(level_name(catalog, l, lang))),
            Cell::Text(t(lang, status_key(g.status)).to_string()),
            value(g.current),
            value(g.target),
            Cell::Text(catalog.group_label(&g.group, lang.tag())),
        ];
        ws.set_row_height(row, row_height(&cells, &WIDTHS))?;
        write_row(ws, f, row, cells, 0)?;
    }
    print_setup(ws, None)
}

/// Sheet 3: the entity, its targets and its snapshots.
fn entity_sheet(
    ws: &mut Worksheet,
    f: &Formats,
    catalog: &IndexedCatalog,
    doc: &ExportDoc,
    lang: Lang,
    offset_minutes: i64,
) -> Result<(), XlsxError> {
    for (col, width) in [24.0, 70.0, 16.0, 12.0, 10.0, 12.0, 12.0, 12.0]
        .into_iter()
        .enumerate()
    {
        ws.set_column_width(col as u16, width)?;
    }
    let e = &doc.entity;
    let level = |l: &Option<String>| {
        l.as_deref()
            .map(|l| level_name(catalog, l, lang))
            .unwrap_or_else(|| t(lang, Key::TargetNone).to_string())
    };
    let facts = [
        (
            w(lang, W::Name),
            Cell::Text(
                e.name
                    .clone()
                    .unwrap_or_else(|| w(lang, W::NoName).to_string()),
            ),
        ),
        (w(lang, W::EntityId), Cell::Text(e.id.clone())),
        (
            w(lang, W::Catalog),
            Cell::Text(catalog.title.get(lang.tag()).to_string()),
        ),
        (w(lang, W::CatalogId), Cell::Text(doc.catalog.id.clone())),
        (w(lang, W::Version), Cell::Text(doc.catalog.version.clone())),
        (
            w(lang, W::ContentHash),
            Cell::Text(doc.catalog.content_hash.clone()),
        ),
        (
            t(lang, Key::TargetLevel),
            Cell::Text(level(&e.target_level)),
        ),
        (w(lang, W::Created), Cell::Date(e.created)),
        (w(lang, W::Updated), Cell::Date(e.updated)),
        (w(lang, W::Exported), Cell::Date(doc.exported)),
    ];
    let mut row = 0;
    for (k, v) in facts {
        ws.write_string_with_format(row, 0, k, &f.header)?;
        write_cell(ws, f, (row, 1), v, offset_minutes)?;
        row += 1;
    }
    row += 1;
    let maturity = catalog.scale.kind == ScaleKind::Maturity;
    ws.write_string_with_format(row, 0, t(lang, Key::Snapshots), &f.bold)?;
    row += 1;
    header_row(
        ws,
        f,
        row,
        &[
            t(lang, Key::SnapshotLabel),
            w(lang, W::Taken),
            w(lang, W::Version),
            t(lang, Key::TargetLevel),
            w(lang, W::Answers),
            if maturity {
                t(lang, Key::Current)
            } else {
                t(lang, Key::Rate)
            },
            if maturity {
                t(lang, Key::Target)
            } else {
                t(lang, Key::StAchieved)
            },
            w(lang, W::Applicable),
        ],
    )?;
    for s in &doc.snapshots {
        row += 1;
        let sc = scores(catalog, &AnswerSet::from(s));
        write_row(
            ws,
            f,
            row,
            vec![
                Cell::Text(s.label.clone()),
                Cell::Date(s.taken),
                Cell::Text(s.catalog_version.clone()),
                Cell::Text(level(&s.target_level)),
                Cell::Int(s.answers.values().filter(|a| a.is_chosen()).count() as f64),
                Cell::Empty,
                Cell::Int(sc.in_scope.achieved as f64),
                Cell::Int(sc.in_scope.applicable() as f64),
            ],
            offset_minutes,
        )?;
        if maturity {
            mean(ws, f, row, 5, sc.maturity.and_then(|m| m.mean_current()))?;
            mean(ws, f, row, 6, sc.maturity.and_then(|m| m.mean_target()))?;
        } else {
            rate(ws, f, row, 5, sc.in_scope.achievement())?;
        }
    }
    if !e.targets.is_empty() {
        row += 2;
        ws.write_string_with_format(row, 0, w(lang, W::Targets), &f.bold)?;
        row += 1;
        header_row(ws, f, row, &["No.", w(lang, W::TargetValue)])?;
        for (id, v) in &e.targets {
            row += 1;
            let number = catalog
                .control(id)
                .and_then(|c| c.number.clone())
                .unwrap_or_else(|| id.clone());
            write_row(
                ws,
                f,
                row,
                vec![number_cell(&number), Cell::Int(f64::from(*v))],
                0,
            )?;
        }
    }
    print_setup(ws, None)
}

/// The workbook of an assessment (`doc`, the widget's export document)
/// against its catalog, headings in `lang`, times `offset_minutes` east of
/// UTC. Fails only where `rust_xlsxwriter` refuses (never on user text).
pub fn workbook(
    catalog: &IndexedCatalog,
    doc: &ExportDoc,
    lang: Lang,
    offset_minutes: i64,
) -> Result<Vec<u8>, XlsxError> {
    let f = Formats::new();
    let mut wb = Workbook::new();
    let mut props = DocProperties::new().set_title(catalog.title.get(lang.tag()));
    if let Some(d) = local_time(doc.exported, 0) {
        props = props.set_creation_datetime(&d);
    }
    wb.set_properties(&props);
    let results_name = w(lang, W::SheetResults);
    items_sheet(
        wb.add_worksheet().set_name(w(lang, W::SheetItems))?,
        &f,
        catalog,
        doc,
        lang,
        offset_minutes,
    )?;
    results_sheet(
        wb.add_worksheet().set_name(results_name)?,
        results_name,
        &f,
        catalog,
        doc,
        lang,
    )?;
    entity_sheet(
        wb.add_worksheet().set_name(w(lang, W::SheetEntity))?,
        &f,
        catalog,
        doc,
        lang,
        offset_minutes,
    )?;
    wb.save_to_buffer()
}

#[cfg(test)]
mod test {
    use super::*;
    use selfcheck::core::catalog::Block;

    #[test]
    fn criteria_read_as_the_sheet_prints_them() {
        let item = |t: &str, sub: &[&str]| ListItem {
            text: t.into(),
            items: sub
                .iter()
                .map(|s| ListItem {
                    text: s.to_string(),
                    items: vec![],
                })
                .collect(),
        };
        let parts = vec![
            CriteriaPart {
                tag: None,
                blocks: vec![Block::Paragraph {
                    text: "前文".into(),
                }],
            },
            CriteriaPart {
                tag: Some("規則".into()),
                blocks: vec![
                    Block::List {
                        items: vec![
                            item("文書化すること", &[]),
                            item("対象", &["PC", "サーバー"]),
                        ],
                    },
                    Block::Note {
                        text: "※注記".into(),
                    },
                ],
            },
            CriteriaPart {
                tag: Some("頻度".into()),
                blocks: vec![
                    Block::Heading {
                        text: "[周知]".into(),
                    },
                    Block::Paragraph {
                        text: "1回/年".into(),
                    },
                ],
            },
        ];
        assert_eq!(
            criteria_text(&parts),
            "前文\n【規則】\n・文書化すること\n・対象\n-PC\n-サーバー\n※注記\n【頻度】\n[周知]\n1回/年"
        );
    }

    #[test]
    fn long_texts_are_cut_to_the_cell_limit() {
        let s = "あ".repeat(MAX_CELL_CHARS + 5);
        let c = cell_text(&s);
        assert_eq!(c.chars().count(), MAX_CELL_CHARS);
        assert!(c.ends_with('…'));
        assert_eq!(cell_text("短い"), "短い");
    }

    #[test]
    fn item_numbers_are_numbers_when_they_are_whole() {
        assert!(matches!(number_cell("12"), Cell::Int(n) if n == 12.0));
        assert!(matches!(number_cell("3.1.1-1"), Cell::Text(_)));
        assert!(matches!(number_cell("007"), Cell::Text(_)));
    }
}
