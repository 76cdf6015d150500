//! The XLSX export read back by a reader no one here wrote: Python's
//! openpyxl (`tests/xlsx/check.py`) opens the workbook of a JAMA/JAPIA and
//! of a NISC assessment, in Japanese and in English, and finds every answer,
//! N/A reason, note, evidence item and change time in its row, the figures
//! of the export's summary on the results sheet (per level, per group, the
//! gap list in order), the radar chart, and the entity with its snapshots.
//!
//! The reader runs in the virtual environment `scripts/test.sh` makes
//! (`ensure_python_venv`: `.venv`, from `tests/requirements.txt`); set
//! `SELFCHECK_PYTHON` to use another interpreter. Without one the test fails
//! and says how to get it: it never skips.
#![cfg(not(target_arch = "wasm32"))]

use selfcheck::core::assessment::{apply, Action, Assessment};
use selfcheck::core::outline::{parse, IndexedCatalog};
use selfcheck::core::report::{export_doc, to_json, ExportDoc};
use selfcheck::i18n::Lang;
use std::path::{Path, PathBuf};
use std::process::Command;
use workbook::xlsx::workbook;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn catalog_path(id: &str) -> PathBuf {
    root().join(format!("catalogs/{id}.json"))
}

fn catalog(id: &str) -> IndexedCatalog {
    parse(&std::fs::read_to_string(catalog_path(id)).expect("catalog file")).expect("catalog")
}

/// An assessment with every kind of answer on the first 30 items (each
/// option in turn; not applicable with a reason, and once without), notes
/// with markup and a formula, evidence, a target, and a snapshot taken
/// half-way.
fn assessment(c: &IndexedCatalog) -> Assessment {
    let mut a = Assessment::new("e-xlsx", &c.id, &c.version, 1_700_000_000_000);
    a = apply(
        &a,
        Action::Rename {
            name: "株式会社テスト <b>工場</b>".into(),
            now: 1_700_000_000_001,
        },
    );
    if let Some(l) = c.levels.get(1) {
        a = apply(
            &a,
            Action::SetTargetLevel {
                level: Some(l.id.clone()),
                now: 1_700_000_000_002,
            },
        );
    }
    let opts: Vec<_> = c.scale.options.clone();
    let mut na_seen = 0;
    for (i, ctl) in c.controls.iter().take(30).enumerate() {
        let now = 1_700_000_100_000 + 3_600_000 * i as i64;
        let o = &opts[i % opts.len()];
        a = apply(
            &a,
            Action::Answer {
                control: ctl.id.clone(),
                option: o.id.clone(),
                now,
            },
        );
        if o.requires_reason {
            na_seen += 1;
            if na_seen > 1 {
                a = apply(
                    &a,
                    Action::SetReason {
                        control: ctl.id.clone(),
                        reason: format!("設備がない ({i})"),
                        now,
                    },
                );
            }
        }
        if i % 3 == 0 {
            a = apply(
                &a,
                Action::SetNote {
                    control: ctl.id.clone(),
                    note: format!("=SUM(A1:A9) <script>x</script>\n二行目 {i}"),
                    now,
                },
            );
            a = apply(
                &a,
                Action::SetEvidence {
                    control: ctl.id.clone(),
                    evidence: vec![
                        format!("規程 v{i}.pdf"),
                        "https://intra.example/policy?a=1&b=2".into(),
                    ],
                    now,
                },
            );
        }
        if i == 14 {
            a = apply(
                &a,
                Action::TakeSnapshot {
                    id: "s1".into(),
                    label: "2025年度 監査".into(),
                    now: now + 1,
                },
            );
        }
    }
    if c.scale.kind == selfcheck::core::catalog::ScaleKind::Maturity {
        a = apply(
            &a,
            Action::SetTarget {
                control: c.controls[1].id.clone(),
                value: Some(4),
                now: 1_700_500_000_000,
            },
        );
        a = apply(
            &a,
            Action::SetTarget {
                control: c.controls[40].id.clone(),
                value: Some(1),
                now: 1_700_500_000_001,
            },
        );
    }
    a
}

fn python() -> PathBuf {
    match std::env::var_os("SELFCHECK_PYTHON") {
        Some(p) => PathBuf::from(p),
        None => root().join(".venv/bin/python"),
    }
}

/// Writes the workbook and the export, runs the reader: (success, output).
fn read_back(
    name: &str,
    c: &IndexedCatalog,
    doc: &ExportDoc,
    lang: Lang,
    offset: i64,
) -> (bool, String) {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("xlsx-openpyxl");
    std::fs::create_dir_all(&dir).expect("temp dir");
    let xlsx = dir.join(format!("{name}.xlsx"));
    let json = dir.join(format!("{name}.json"));
    std::fs::write(&xlsx, workbook(c, doc, lang, offset).expect("workbook")).expect("write xlsx");
    std::fs::write(&json, to_json(doc).expect("json")).expect("write json");
    let py = python();
    assert!(
        py.exists(),
        "{} is missing: run scripts/test.sh native (it makes the .venv with openpyxl), or set SELFCHECK_PYTHON",
        py.display()
    );
    let out = Command::new(&py)
        .arg(root().join("tests/xlsx/check.py"))
        .arg(&xlsx)
        .arg(&json)
        .arg(catalog_path(&c.id))
        .arg(lang.tag())
        .arg(offset.to_string())
        .output()
        .unwrap_or_else(|e| panic!("{}: {e}", py.display()));
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    (out.status.success(), text)
}

#[test]
fn openpyxl_finds_every_answer_and_figure_of_jama_and_nisc() {
    for (id, lang, offset) in [
        ("jama-japia-v2.2", Lang::Ja, 540),
        ("jama-japia-v2.2", Lang::En, -300),
        ("nisc-2023", Lang::Ja, 540),
        ("nisc-2023", Lang::En, 0),
    ] {
        let c = catalog(id);
        let doc = export_doc(&c, &assessment(&c), 1_700_900_000_000).expect("export");
        let summary = doc.summary.as_ref().expect("summary");
        assert!(
            !summary.gaps.is_empty() && summary.achieved > 0,
            "{id}: the fixture has gaps and achievements"
        );
        let (ok, out) = read_back(&format!("{id}-{}", lang.tag()), &c, &doc, lang, offset);
        assert!(
            ok,
            "{id} ({}): openpyxl read back something else:\n{out}",
            lang.tag()
        );
        assert!(out.starts_with("ok "), "{out}");
    }
}

#[test]
fn the_reader_notices_a_wrong_answer() {
    // The check must be able to fail: the workbook of one assessment read
    // against the export of another (one answer changed) is refused.
    let c = catalog("jama-japia-v2.2");
    let a = assessment(&c);
    let doc = export_doc(&c, &a, 1_700_900_000_000).expect("export");
    let changed = apply(
        &a,
        Action::SetNote {
            control: c.controls[0].id.clone(),
            note: "別のメモ".into(),
            now: 1_700_800_000_000,
        },
    );
    let other = export_doc(&c, &changed, 1_700_900_000_000).expect("export");
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("xlsx-openpyxl");
    std::fs::create_dir_all(&dir).expect("temp dir");
    let (ok, _) = read_back("jama-good", &c, &doc, Lang::Ja, 540);
    assert!(ok);
    // Same workbook, other export.
    std::fs::write(dir.join("jama-wrong.json"), to_json(&other).expect("json")).expect("write");
    let out = Command::new(python())
        .arg(root().join("tests/xlsx/check.py"))
        .arg(dir.join("jama-good.xlsx"))
        .arg(dir.join("jama-wrong.json"))
        .arg(catalog_path(&c.id))
        .arg("ja")
        .arg("540")
        .output()
        .expect("python runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        !out.status.success(),
        "a changed note was not noticed:\n{text}"
    );
    assert!(text.contains("FAIL row 2: note"), "{text}");
}

#[test]
fn the_same_export_gives_the_same_bytes() {
    let c = catalog("nisc-2023");
    let doc = export_doc(&c, &assessment(&c), 1_700_900_000_000).expect("export");
    let one = workbook(&c, &doc, Lang::Ja, 540).expect("workbook");
    let two = workbook(&c, &doc, Lang::Ja, 540).expect("workbook");
    assert!(one.len() > 10_000, "a workbook of {} bytes", one.len());
    assert_eq!(one, two);
}
