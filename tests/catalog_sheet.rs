//! The 7-column sheet converter (`catgen sheet`): an association's own check
//! sheet becomes a catalog by the same row rules as the JAMA/JAPIA commentary,
//! and a bad cell is reported by row and column.
#![cfg(not(target_arch = "wasm32"))]

use catgen::jama;
use catgen::sheet;

use selfcheck::core::catalog::{self, Block};
use std::path::PathBuf;

fn fixture(name: &str) -> String {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn meta() -> sheet::Meta {
    sheet::read_meta(&fixture("jama-sheet.meta.json")).expect("meta")
}

const HEADER: &str = "ラベル\t目的\t要求事項\tNo.\tレベル\t達成条件\t達成基準\n";

#[test]
fn sample_csv_becomes_a_catalog() {
    let c = sheet::convert(&fixture("jama-sheet.csv"), meta(), "jama-sheet.csv").expect("converts");
    // The result is a catalog the widget accepts.
    let json = jama::to_json(&c).expect("json");
    let c = catalog::parse(&json).expect("parses");
    assert_eq!(c.id, "sample-association-sheet");
    assert_eq!(
        c.title.en.as_deref(),
        Some("Sample association check sheet")
    );
    assert_eq!(c.controls.len(), 3);
    assert_eq!(c.groups.len(), 2);
    // Row 3 left ラベル/目的/要求事項 empty (merged cells): they repeat row 2.
    let two = c.control("2").expect("item 2");
    assert_eq!(two.group, "label-1");
    assert_eq!(two.statements.len(), 3);
    // Quoted multi-line 達成基準 keeps its tagged parts and lists.
    let tags: Vec<_> = two.criteria.iter().map(|p| p.tag.as_deref()).collect();
    assert_eq!(tags, [Some("規則"), Some("対象"), Some("頻度")]);
    assert_eq!(
        two.criteria[2].blocks[0],
        Block::Heading {
            text: "(周知)".into()
        }
    );
    let seven = c.control("7").expect("item 7");
    assert!(matches!(&seven.criteria[0].blocks[2], Block::List { items } if items.len() == 2));
    // "No.1" in a note links to item 1, which is in the sheet.
    assert_eq!(seven.cross_refs[0].control.as_deref(), Some("1"));
}

#[test]
fn a_commentary_row_read_as_a_sheet_gives_the_same_control() {
    // Item 66's row, copied from the seed, converted as a one-row tab-separated sheet.
    let seed_path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds/003_e464f1e0b2cd2411.txt");
    let seed = std::fs::read_to_string(&seed_path).expect("seed");
    let row = seed
        .lines()
        .find(|l| l.split('\t').nth(3) == Some("66"))
        .expect("row 66");
    let c = sheet::convert(&format!("{HEADER}{row}\n"), meta(), "x.tsv").expect("converts");
    let shipped = catalog::parse(
        &std::fs::read_to_string(
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("catalogs/jama-japia-v2.2.json"),
        )
        .expect("catalog"),
    )
    .expect("parses");
    let ours = &c.controls[0];
    let theirs = shipped.control("66").expect("66");
    assert_eq!(ours.criteria, theirs.criteria);
    assert_eq!(ours.statements, theirs.statements);
}

#[test]
fn errors_name_row_and_column() {
    let bad_level = format!(
        "{HEADER}1 方針\t目的\t要求\t1\tLv1\t条件\t・a\n1 方針\t\t\t2\tレベル2\t条件\t・b\n"
    );
    let e = sheet::convert(&bad_level, meta(), "x.tsv")
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("row 3") && e.contains("レベル") && e.contains("レベル2"),
        "{e}"
    );

    let no_number = format!("{HEADER}1 方針\t目的\t要求\t\tLv1\t条件\t・a\n");
    let e = sheet::convert(&no_number, meta(), "x.tsv")
        .unwrap_err()
        .to_string();
    assert!(e.contains("row 2") && e.contains("No."), "{e}");

    let no_label_number = format!("{HEADER}方針\t目的\t要求\t1\tLv1\t条件\t・a\n");
    let e = sheet::convert(&no_label_number, meta(), "x.tsv")
        .unwrap_err()
        .to_string();
    assert!(e.contains("row 2") && e.contains("ラベル"), "{e}");

    let missing = "ラベル,目的,要求事項,No.,レベル,達成条件\n1 方針,a,b,1,Lv1,c\n";
    let e = sheet::convert(missing, meta(), "x.csv")
        .unwrap_err()
        .to_string();
    assert!(e.contains("row 1") && e.contains("達成基準"), "{e}");

    let unclosed = "ラベル,目的,要求事項,No.,レベル,達成条件,達成基準\n1 方針,a,b,1,Lv1,c,\"・x\n";
    let e = sheet::convert(unclosed, meta(), "x.csv")
        .unwrap_err()
        .to_string();
    assert!(e.contains("row 2") && e.contains("quoted"), "{e}");

    let twice = format!("{HEADER}1 方針\ta\tb\t1\tLv1\tc\t・x\n1 方針\ta\tb\t1\tLv2\tc\t・y\n");
    let e = sheet::convert(&twice, meta(), "x.tsv")
        .unwrap_err()
        .to_string();
    assert!(e.contains("row 3") && e.contains("row 2"), "{e}");

    let renamed =
        format!("{HEADER}1 方針\ta\tb\t1\tLv1\tc\t・x\n1 基本方針\ta\tb\t2\tLv1\tc\t・y\n");
    let e = sheet::convert(&renamed, meta(), "x.tsv")
        .unwrap_err()
        .to_string();
    assert!(e.contains("row 3") && e.contains("基本方針"), "{e}");
}

#[test]
fn meta_with_a_typo_is_refused() {
    let e = sheet::read_meta(
        r#"{"id":"x","version":"1","title":"t","publisher":"p","isued":"2024-01-01"}"#,
    )
    .unwrap_err();
    assert!(e.to_string().contains("isued"), "{e}");
}
