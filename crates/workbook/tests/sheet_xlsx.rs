//! Check sheets read by the format module, from workbooks written by
//! openpyxl (a writer no one here wrote; `tests/sheet/make_xlsx.py` in the
//! `.venv` that `scripts/test.sh` makes, or `SELFCHECK_PYTHON`): a title
//! row and a cover sheet before the header, merged label cells, numbers
//! stored as numbers, bad rows named by row and column letter, hostile cell
//! text kept as text; the same sheet as CSV gives the same catalog; foreign
//! files get a clear refusal.
#![cfg(not(target_arch = "wasm32"))]

use selfcheck::core::catalog::parse;
use serde_json::{json, Value};
use std::path::PathBuf;
use std::process::Command;
use workbook::sheet::preview;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// An XLSX workbook written by openpyxl from `spec` (see make_xlsx.py).
fn xlsx(name: &str, spec: Value) -> Vec<u8> {
    let py = std::env::var("SELFCHECK_PYTHON")
        .map(PathBuf::from)
        .unwrap_or_else(|_| root().join(".venv/bin/python"));
    assert!(
        py.exists(),
        "{} is missing: scripts/test.sh makes the .venv with openpyxl",
        py.display()
    );
    let dir = std::env::temp_dir().join(format!("selfcheck-sheet-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (out, spec_path) = (dir.join(name), dir.join(format!("{name}.json")));
    std::fs::write(&spec_path, spec.to_string()).unwrap();
    let status = Command::new(&py)
        .arg(root().join("tests/sheet/make_xlsx.py"))
        .arg(&out)
        .arg(&spec_path)
        .status()
        .expect("python runs");
    assert!(status.success(), "make_xlsx.py failed");
    std::fs::read(&out).unwrap()
}

const HEADER: [&str; 8] = [
    "ラベル",
    "目的",
    "要求事項",
    "No.",
    "レベル",
    "達成条件",
    "達成基準",
    "回答",
];

/// The association's sheet: a title, the header in row 3 from column B,
/// ラベル/目的/要求事項 merged over rows 4-5, a bad level in F6, hostile
/// text in row 7, item 4 twice (E8).
fn rows() -> Vec<Value> {
    let mut header = vec![Value::Null];
    header.extend(HEADER.iter().map(|h| json!(h)));
    vec![
        json!(["会員向けチェックシート 2024"]),
        json!([]),
        Value::Array(header),
        json!([
            null,
            "1 方針",
            "目的1",
            "要求1",
            1,
            "Lv1",
            "条件1",
            "【規則】\n・規程を定める\n・周知する",
            "済"
        ]),
        json!([null, null, null, null, 2, "Lv2", "条件2", "・b"]),
        json!([
            null,
            "2 体制",
            "目的2",
            "要求2",
            3,
            "レベル3",
            "条件3",
            "・c"
        ]),
        json!([
            null,
            "2 体制",
            "<script>alert(1)</script>目的",
            "要求",
            4,
            "Lv3",
            "<img src=x onerror=alert(1)>",
            "・d"
        ]),
        json!([null, "2 体制", "目的", "要求", "4", "Lv1", "条件", "・e"]),
    ]
}

fn workbook() -> Vec<u8> {
    xlsx(
        "assoc.xlsx",
        json!({"sheets": [
            {"name": "表紙", "rows": [["会員向けチェックシート"], ["記入日"]]},
            {"name": "シート", "rows": rows(), "merge": ["B4:B5", "C4:C5", "D4:D5"]},
        ]}),
    )
}

#[test]
fn an_openpyxl_workbook_becomes_a_catalog_with_its_bad_rows_listed() {
    let p = preview(&workbook(), "assoc.xlsx", "2024-04-01");
    assert_eq!(p.refused, None);
    assert_eq!(
        p.worksheet.as_deref(),
        Some("シート"),
        "the cover sheet is passed over"
    );
    assert_eq!(p.items, 3);
    let levels: Vec<_> = p.levels.iter().map(|c| c.count).collect();
    assert_eq!(levels, [1, 1, 1]);
    let groups: Vec<_> = p
        .groups
        .iter()
        .map(|c| (c.label.ja.as_str(), c.count))
        .collect();
    assert_eq!(groups, [("1 方針", 2), ("2 体制", 1)]);
    let skipped: Vec<_> = p
        .skipped
        .iter()
        .map(|s| (s.row, s.message.ja.clone()))
        .collect();
    assert_eq!(skipped.len(), 2, "{skipped:?}");
    assert_eq!(skipped[0].0, 6);
    assert!(
        skipped[0]
            .1
            .starts_with("6 行目、F 列「レベル」: 「レベル3」"),
        "{}",
        skipped[0].1
    );
    assert_eq!(skipped[1].0, 8);
    assert!(
        skipped[1].1.contains("項目 4 は 7 行目にもあります"),
        "{}",
        skipped[1].1
    );
    assert!(
        p.skipped[0]
            .message
            .en
            .as_deref()
            .unwrap()
            .starts_with("Row 6, column “レベル” (cell F6)"),
        "{:?}",
        p.skipped[0].message.en
    );

    let c = parse(p.catalog.as_deref().expect("catalog json")).expect("the widget loads it");
    assert_eq!(c.id, "sheet-assoc");
    assert_eq!(p.catalog_id.as_deref(), Some("sheet-assoc"));
    assert_eq!(c.issued, "2024-04-01");
    let ids: Vec<_> = c.controls.iter().map(|x| x.id.as_str()).collect();
    assert_eq!(
        ids,
        ["1", "2", "4"],
        "numbers stored as numbers read as 1, 2, 4"
    );
    // Merged cells: item 2 has item 1's label, purpose and requirement.
    let two = c.control("2").unwrap();
    assert_eq!(two.group, "label-1");
    assert_eq!(two.statements[0].text, "目的1");
    // Line breaks in a cell are the criteria's structure.
    let one = c.control("1").unwrap();
    assert_eq!(one.criteria[0].tag.as_deref(), Some("規則"));
    // Hostile text is kept as text (the widget renders it as text).
    let four = c.control("4").unwrap();
    assert_eq!(four.statements[0].text, "<script>alert(1)</script>目的");
    assert_eq!(four.statements[2].text, "<img src=x onerror=alert(1)>");
    assert_eq!(p.first[2].condition, "<img src=x onerror=alert(1)>");
}

#[test]
fn the_same_sheet_as_csv_gives_the_same_catalog() {
    let csv_cell = |v: &Value| match v {
        Value::Null => String::new(),
        Value::String(s) => format!("\"{}\"", s.replace('"', "\"\"")),
        other => other.to_string(),
    };
    let csv: String = rows()
        .iter()
        .map(|r| {
            r.as_array()
                .unwrap()
                .iter()
                .map(csv_cell)
                .collect::<Vec<_>>()
                .join(",")
                + "\r\n"
        })
        .collect();
    let from_xlsx = preview(&workbook(), "assoc.xlsx", "2024-04-01");
    let from_csv = preview(csv.as_bytes(), "assoc.csv", "2024-04-01");
    let strip = |json: &str| {
        let mut c = parse(json).unwrap();
        c.source.title.clear();
        c.source.file = None;
        c.publisher = Default::default();
        c
    };
    assert_eq!(
        strip(from_xlsx.catalog.as_deref().unwrap()),
        strip(from_csv.catalog.as_deref().unwrap())
    );
    assert_eq!(
        from_xlsx.skipped, from_csv.skipped,
        "same rows, same problems"
    );
}

#[test]
fn foreign_files_are_refused_clearly() {
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01".to_vec();
    let zip_not_xlsx = {
        // A ZIP archive without a workbook in it (an .xlsx that is not one).
        let mut z = b"PK\x03\x04".to_vec();
        z.extend_from_slice(&[0; 40]);
        z
    };
    let shift_jis = b"\x83\x89\x83x\x83\x8b,\x96\xda\x93I\n".to_vec(); // ラベル,目的 in Shift_JIS
    for (bytes, file, ja) in [
        (&png, "sheet.xlsx", "XLSX ブックとして読めません"),
        (&zip_not_xlsx, "sheet.xlsx", "XLSX ブックとして読めません"),
        (&png, "sheet.csv", "UTF-8 の CSV・TSV でもありません"),
        (&shift_jis, "sheet.csv", "UTF-8 の CSV・TSV でもありません"),
    ] {
        let p = preview(bytes, file, "2024-01-01");
        assert!(p.catalog.is_none(), "{file}");
        let why = p.refused.expect("refused");
        assert!(why.ja.contains(ja), "{file}: {}", why.ja);
        assert!(why.en.is_some());
    }
    let no_header = xlsx(
        "plain.xlsx",
        json!({"sheets": [{"name": "S", "rows": [["ラベル", "目的", "要求事項", "No.", "レベル", "達成条件"], ["1 方針", "a", "b", 1, "Lv1", "c"]]}]}),
    );
    let p = preview(&no_header, "plain.xlsx", "2024-01-01");
    assert_eq!(
        p.refused.unwrap().ja,
        "1 行目の見出しに列「達成基準」がありません。見出しは ラベル, 目的, 要求事項, No., レベル, 達成条件, 達成基準 の7列です。"
    );
}
