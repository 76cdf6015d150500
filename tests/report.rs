//! Export, import, CSV, stored-data and catalog migrations, seen from outside the crate.
//!
//! The catalog used is `tests/fixtures/mini_catalog.json`; the stored-data
//! fixtures are `tests/fixtures/stored_v*.json`, one per schema version.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use selfcheck::core::assessment::{Answer, Assessment, Snapshot, Workspace};
use selfcheck::core::catalog::{self, Catalog};
use selfcheck::core::migrate::{migrate_catalog, CatalogChanges, V1_ENTITY_ID};
use selfcheck::core::report::*;
use selfcheck::core::stored::{decode_stored, encode_stored, Stored, StoredError, STORED_SCHEMA};
use std::collections::BTreeMap;
use std::path::PathBuf;

const MINI: &str = include_str!("fixtures/mini_catalog.json");

fn mini() -> Catalog {
    catalog::parse(MINI).expect("fixture catalog is valid")
}

fn fixture(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn answer(option: &str, changed: i64) -> Answer {
    Answer {
        option: option.into(),
        reason: String::new(),
        note: String::new(),
        evidence: Vec::new(),
        changed,
        fp: String::new(),
    }
}

fn sample() -> Assessment {
    let mut a = Assessment::new("k3v9q2", "mini", "2", 1_000);
    a.name = "株式会社サンプル".into();
    a.target_level = Some("Lv1".into());
    a.answers.insert("c1".into(), answer("achieved", 2_000));
    let mut na = answer("na", 3_000);
    na.reason = "対象外, \"理由\"".into();
    na.note = "1行目\n2行目".into();
    na.evidence = vec!["規程.pdf".into(), "=HYPERLINK(\"http://x\")".into()];
    a.answers.insert("c3".into(), na);
    a.cleared.insert("c2".into(), 2_500);
    a.updated = 3_000;
    a
}

// ---------------------------------------------------------------- stored data

#[test]
fn every_earlier_stored_version_has_a_fixture_and_decodes() {
    for v in 1..=STORED_SCHEMA {
        let text = fixture(&format!("stored_v{v}.json"));
        let stored = decode_stored(&text).unwrap_or_else(|e| panic!("stored_v{v}: {e}"));
        assert_eq!(stored.schema, STORED_SCHEMA, "stored_v{v}");
        assert!(
            !stored.workspace.entities.is_empty(),
            "stored_v{v} lost its entities"
        );
        // Re-encoding and decoding is stable.
        let again = decode_stored(&encode_stored(&stored).unwrap()).unwrap();
        assert_eq!(again, stored, "stored_v{v}");
    }
}

#[test]
fn v1_answers_are_all_carried_over() {
    let text = fixture("stored_v1.json");
    let raw: serde_json::Value = serde_json::from_str(&text).unwrap();
    let stored = decode_stored(&text).unwrap();
    let a = &stored.workspace.entities[0];
    assert_eq!(a.id, V1_ENTITY_ID);
    assert_eq!(stored.workspace.active, V1_ENTITY_ID);
    assert_eq!(a.catalog_id, raw["catalog"]);
    let raw_answers = raw["answers"].as_object().unwrap();
    assert_eq!(a.answers.len(), raw_answers.len());
    for (control, option) in raw_answers {
        assert_eq!(&a.answers[control].option, option.as_str().unwrap());
        assert_eq!(a.answers[control].changed, raw["saved"].as_i64().unwrap());
    }
    // v1 did not record the catalog version: migrating lists the answer to a
    // control that no longer exists, and keeps it.
    let (m, changes) = migrate_catalog(a, None, &mini()).unwrap();
    assert_eq!(changes.orphaned_answers, ["gone"]);
    assert_eq!(changes.removed, ["gone"]);
    assert!(m.answers.contains_key("gone"));
    assert_eq!(m.catalog_version, "2");
}

#[test]
fn v2_fixture_keeps_hostile_text_verbatim() {
    let stored = decode_stored(&fixture("stored_v2.json")).unwrap();
    let a = &stored.workspace.entities[0];
    assert_eq!(a.answers["c1"].note, "規程 第3条 <script>alert(1)</script>");
    assert_eq!(a.answers["c1"].evidence[1], "javascript:alert(1)");
    assert_eq!(a.cleared["c3"], 1_759_000_002_000);
    assert_eq!(stored.workspace.entities.len(), 2);
}

#[test]
fn v3_fixture_keeps_fingerprints_exports_and_seen_items() {
    let stored = decode_stored(&fixture("stored_v3.json")).unwrap();
    let ws = &stored.workspace;
    let a = &ws.entities[0];
    assert_eq!(a.answers["c1"].fp, "1f2e3d4c");
    assert_eq!(a.answers["c2"].fp, "?", "answered against a text not known");
    assert_eq!(a.exported, Some(1_759_500_000_000));
    assert_eq!(ws.seen["mini"], ["c1", "c2", "c3"]);
    assert!(ws.told);
}

#[test]
fn future_stored_version_is_refused_not_downgraded() {
    let text = fixture("stored_v2.json").replacen("\"schema\": 2", "\"schema\": 4", 1);
    assert_eq!(
        decode_stored(&text),
        Err(StoredError::FutureVersion {
            found: 4,
            supported: STORED_SCHEMA
        })
    );
    let err = decode_stored(r#"{"version": 7, "catalog": "mini", "answers": {}}"#).unwrap_err();
    assert!(err.to_string().contains("newer"), "{err}");
}

#[test]
fn damaged_stored_values_are_located_errors() {
    let text = fixture("stored_v2.json");
    let truncated = &text[..text.len() / 2];
    assert!(matches!(decode_stored(truncated), Err(StoredError::Corrupt { line, .. }) if line > 1));
    let wrong = text.replacen(
        "\"changed\": 1759000000000",
        "\"changed\": \"yesterday\"",
        1,
    );
    match decode_stored(&wrong) {
        Err(StoredError::Corrupt { path, .. }) => {
            assert_eq!(path, "workspace.entities[0].answers.c1.changed")
        }
        other => panic!("unexpected {other:?}"),
    }
    assert_eq!(decode_stored("{}"), Err(StoredError::NoVersion));
    assert!(decode_stored("").is_err());
    assert!(decode_stored("null").is_err());
}

#[test]
fn stored_envelope_round_trips_a_workspace() {
    let ws = Workspace {
        entities: vec![sample()],
        active: "k3v9q2".into(),
        ..Workspace::default()
    };
    let s = Stored::new(ws.clone(), 42);
    let back = decode_stored(&encode_stored(&s).unwrap()).unwrap();
    assert_eq!(back.workspace, ws);
    assert_eq!(back.saved, 42);
}

// ---------------------------------------------------------------- export

#[test]
fn export_carries_catalog_identity_and_no_device_data() {
    let c = mini();
    let doc = export_doc(&c, &sample(), 9_000).unwrap();
    assert_eq!(doc.format, "selfcheck-export");
    assert_eq!(doc.version, 2);
    assert_eq!(doc.catalog.id, "mini");
    assert_eq!(doc.catalog.version, "2");
    assert_eq!(doc.catalog.content_hash.len(), 64);
    assert!(doc
        .catalog
        .content_hash
        .chars()
        .all(|c| c.is_ascii_hexdigit()));
    assert_eq!(doc.entity.name.as_deref(), Some("株式会社サンプル"));
    let json = to_json(&doc).unwrap();
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    let keys: Vec<_> = value.as_object().unwrap().keys().cloned().collect();
    for k in &keys {
        assert!(
            [
                "format",
                "version",
                "exported",
                "catalog",
                "entity",
                "answers",
                "cleared",
                "snapshots",
                "summary"
            ]
            .contains(&k.as_str()),
            "unexpected top-level field {k}"
        );
    }
    for word in ["device", "user_agent", "userAgent", "fingerprint", "ip"] {
        assert!(!json.contains(&format!("\"{word}\"")), "{word} in export");
    }
}

#[test]
fn content_hash_follows_the_catalog_content() {
    let c = mini();
    assert_eq!(content_hash(&c), content_hash(&mini()));
    let mut edited = c.clone();
    edited.controls[0].statements[1].text.push('。');
    assert_ne!(content_hash(&c), content_hash(&edited));
}

#[test]
fn export_refuses_another_catalog_version() {
    let mut a = sample();
    a.catalog_version = "1".into();
    assert!(matches!(
        export_doc(&mini(), &a, 0),
        Err(ExportError::CatalogMismatch { .. })
    ));
}

#[test]
fn summary_counts_in_scope_controls_and_lists_gaps() {
    let c = mini();
    let mut a = sample(); // target Lv1: c1 achieved, c3 N/A, c2 (Lv2) out of scope
    let s = summarize(&c, &a);
    assert_eq!(
        (
            s.total,
            s.answered,
            s.not_applicable,
            s.applicable,
            s.achieved
        ),
        (2, 2, 1, 1, 1)
    );
    assert!(s.gaps.is_empty());
    a.target_level = Some("Lv2".into());
    let s = summarize(&c, &a);
    assert_eq!((s.total, s.applicable, s.achieved), (3, 2, 1));
    assert_eq!(s.gaps, ["c2"]);
    assert!(s.needs_reason.is_empty());
    let g1 = &s.groups[0];
    assert_eq!((g1.group.as_str(), g1.total, g1.achieved), ("g1", 2, 1));
    // An answer to a control the catalog no longer lists is not counted.
    a.answers.insert("gone".into(), answer("achieved", 1));
    assert_eq!(summarize(&c, &a).achieved, 1);
}

#[test]
fn not_applicable_without_a_reason_is_marked_in_the_export() {
    let c = mini();
    let mut a = sample(); // target Lv1: c1 achieved, c3 N/A with a reason
    a.answers.get_mut("c3").unwrap().reason = " ".into();
    let s = summarize(&c, &a);
    // c3 stays in the denominator: 1 achieved of 2, not 1 of 1.
    assert_eq!(
        (s.total, s.not_applicable, s.applicable, s.achieved),
        (2, 0, 2, 1)
    );
    assert_eq!(s.answered, 1);
    assert_eq!(s.achievement, Some(0.5));
    assert_eq!(s.needs_reason, ["c3"]);
    assert_eq!(s.gaps, ["c3"]);
    // The file says so, and the CSV marks the answer.
    let text = to_json(&export_doc(&c, &a, 0).unwrap()).unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["summary"]["needs_reason"], serde_json::json!(["c3"]));
    let csv = to_csv(&c, &a, "ja");
    assert!(csv.contains("該当なし (理由未記入)"), "{csv}");
    assert!(to_csv(&c, &a, "en").contains("Not applicable (no reason given)"));
    // With the reason given, nothing is marked.
    assert!(!to_csv(&c, &sample(), "ja").contains("理由未記入"));
}

#[test]
fn an_export_names_controls_by_id_and_copies_no_catalog_text() {
    // The JAMA/JAPIA catalog, 15 answers (the case in issue 15: 90.8 KB
    // when the gap list carried headlines and criteria).
    let c = catalog::parse(include_str!("../catalogs/jama-japia-v2.2.json")).unwrap();
    let mut a = Assessment::new("k3v9q2", &c.id, &c.version, 1_000);
    a.target_level = Some("Lv3".into());
    for (i, ctl) in c.controls.iter().take(15).enumerate() {
        let option = ["achieved", "partial", "not_achieved"][i % 3];
        a.answers.insert(ctl.id.clone(), answer(option, 2_000));
    }
    let text = to_json(&export_doc(&c, &a, 9_000).unwrap()).unwrap();
    let doc = parse_import(&text, MAX_IMPORT_BYTES).unwrap();
    let s = doc.summary.expect("the export has its summary");
    assert_eq!(s.gaps.len(), c.controls.len() - 5);
    // No statement or criterion of the catalog is in the file.
    for ctl in &c.controls {
        let headline = Catalog::headline(ctl);
        assert!(!text.contains(headline), "{} copied into the file", ctl.id);
    }
    eprintln!("export of 15 JAMA/JAPIA answers: {} bytes", text.len());
    assert!(text.len() < 12_000, "{} bytes", text.len());
}

#[test]
fn file_name_has_entity_and_date() {
    let c = mini();
    let a = sample();
    let name = export_file_name(&a.name, &c.id, &date_ymd(1_767_225_600_000), "json");
    assert_eq!(name, "selfcheck-株式会社サンプル-mini-2026-01-01.json");
    assert_eq!(
        export_file_name("", &c.id, "2026-01-01", "csv"),
        "selfcheck-mini-2026-01-01.csv"
    );
}

// ---------------------------------------------------------------- import

fn exported_text() -> String {
    to_json(&export_doc(&mini(), &sample(), 9_000).unwrap()).unwrap()
}

#[test]
fn import_refuses_foreign_files_with_clear_messages() {
    // A catalog file given to the import.
    let err = parse_import(MINI, MAX_IMPORT_BYTES).unwrap_err();
    assert_eq!(err, ImportError::ForeignFile { found: None });
    assert!(err.to_string().contains("not a selfcheck export"));
    let other = exported_text().replace("selfcheck-export", "other-tool");
    assert_eq!(
        parse_import(&other, MAX_IMPORT_BYTES),
        Err(ImportError::ForeignFile {
            found: Some("other-tool".into())
        })
    );
    assert_eq!(
        parse_import("[1, 2]", MAX_IMPORT_BYTES),
        Err(ImportError::ForeignFile { found: None })
    );
    assert!(matches!(
        parse_import("PK\u{3}\u{4}binary", MAX_IMPORT_BYTES),
        Err(ImportError::NotJson { line: 1, .. })
    ));
}

#[test]
fn import_checks_versions() {
    let text = exported_text();
    let future = text.replacen("\"version\": 2,", "\"version\": 3,", 1);
    assert_eq!(
        parse_import(&future, MAX_IMPORT_BYTES),
        Err(ImportError::FutureVersion { found: 3 })
    );
    // A version-1 file (no fingerprints) still imports.
    let v1 = text.replacen("\"version\": 2,", "\"version\": 1,", 1);
    assert!(
        parse_import(&v1, MAX_IMPORT_BYTES).is_ok(),
        "version 1 is read"
    );
    for bad in ["0", "-1", "1.5", "\"1\"", "null"] {
        let t = text.replacen("\"version\": 2,", &format!("\"version\": {bad},"), 1);
        assert!(
            matches!(
                parse_import(&t, MAX_IMPORT_BYTES),
                Err(ImportError::UnknownVersion { .. })
            ),
            "version {bad}"
        );
    }
}

#[test]
fn import_errors_are_located() {
    let text = exported_text().replacen("\"changed\": 2000", "\"changed\": \"2000\"", 1);
    let err = parse_import(&text, MAX_IMPORT_BYTES).unwrap_err();
    assert_eq!(err.path(), "answers.c1.changed");
    let text = exported_text().replacen("\"exported\"", "\"exportd\"", 1);
    assert!(matches!(
        parse_import(&text, MAX_IMPORT_BYTES),
        Err(ImportError::Format(_))
    ));
}

#[test]
fn import_enforces_size_and_text_limits() {
    let text = exported_text();
    assert!(matches!(
        parse_import(&text, text.len() - 1),
        Err(ImportError::TooLarge { .. })
    ));
    assert!(parse_import(&text, text.len()).is_ok());

    let mut doc = export_doc(&mini(), &sample(), 0).unwrap();
    doc.answers.get_mut("c1").unwrap().note = "あ".repeat(MAX_TEXT_CHARS);
    assert!(parse_import(&to_json(&doc).unwrap(), MAX_IMPORT_BYTES).is_ok());
    doc.answers.get_mut("c1").unwrap().note.push('い');
    let err = parse_import(&to_json(&doc).unwrap(), MAX_IMPORT_BYTES).unwrap_err();
    assert_eq!(err.path(), "answers.c1.note");

    let mut doc = export_doc(&mini(), &sample(), 0).unwrap();
    doc.answers.get_mut("c1").unwrap().evidence = vec!["x".into(); MAX_EVIDENCE_ITEMS + 1];
    let err = parse_import(&to_json(&doc).unwrap(), MAX_IMPORT_BYTES).unwrap_err();
    assert_eq!(
        err,
        ImportError::Invalid {
            path: "answers.c1.evidence".into(),
            problem: ImportProblem::TooMany {
                count: MAX_EVIDENCE_ITEMS + 1,
                limit: MAX_EVIDENCE_ITEMS
            }
        }
    );
}

#[test]
fn a_summary_of_another_shape_does_not_block_the_import() {
    let mut v: serde_json::Value = serde_json::from_str(&exported_text()).unwrap();
    // The docs say `summary` is ignored on import: whatever it holds (another
    // build's shape, the gap objects of earlier files, a wrong type, deep
    // nesting), the file is read and the answers come back.
    let mut deep = serde_json::json!(1);
    for _ in 0..100 {
        deep = serde_json::json!([deep]);
    }
    for summary in [
        serde_json::json!({"score": 0.5, "radar": [1, 2]}),
        serde_json::json!({"total": "many", "gaps": [{"control": "c2", "headline": "…", "criteria": []}]}),
        serde_json::json!("summary"),
        serde_json::json!(123),
        serde_json::json!(null),
        serde_json::json!([{"device_id": "x"}]),
        serde_json::json!({"total": 1, "groups": [], "gaps": [], "unknown": deep}),
    ] {
        v["summary"] = summary.clone();
        let doc = parse_import(&v.to_string(), MAX_IMPORT_BYTES)
            .unwrap_or_else(|e| panic!("summary {summary}: {e}"));
        assert_eq!(doc.summary, None, "{summary}");
        assert_eq!(doc.to_assessment(), sample());
    }
}

#[test]
fn import_accepts_a_bom() {
    let text = format!("\u{FEFF}{}", exported_text());
    assert!(parse_import(&text, MAX_IMPORT_BYTES).is_ok());
}

#[test]
fn import_is_checked_against_the_catalog() {
    let c = mini();
    let mut doc = export_doc(&c, &sample(), 0).unwrap();
    doc.answers.get_mut("c1").unwrap().option = "excellent".into();
    let err = validate_import(&doc, &c).unwrap_err();
    assert_eq!(err.path(), "answers.c1.option");
    assert!(err.to_string().contains("excellent"));
    // The widget checks what its format module took from the file: the same
    // refusal, at the same place in the file.
    assert_eq!(
        plan_import(&Workspace::default(), &doc.incoming(), &c).unwrap_err(),
        err
    );

    let mut doc = export_doc(&c, &sample(), 0).unwrap();
    doc.catalog.id = "nisc".into();
    assert!(matches!(
        plan_import(&Workspace::default(), &doc.incoming(), &c),
        Err(ImportError::WrongCatalog { .. })
    ));

    let mut doc = export_doc(&c, &sample(), 0).unwrap();
    doc.entity.target_level = Some("Lv9".into());
    assert_eq!(
        validate_import(&doc, &c).unwrap_err().path(),
        "entity.target_level"
    );
    assert_eq!(
        plan_import(&Workspace::default(), &doc.incoming(), &c)
            .unwrap_err()
            .path(),
        "entity.target_level"
    );
}

#[test]
fn plan_shows_new_entity_or_differing_answers() {
    let c = mini();
    let doc = export_doc(&c, &sample(), 0).unwrap();
    let plan = plan_import(&Workspace::default(), &doc.incoming(), &c).unwrap();
    assert!(plan.existing.is_none());
    assert_eq!(plan.incoming_answers, 2);
    assert!(!plan.is_noop());

    let mut here = sample();
    here.answers.insert("c1".into(), answer("partial", 5_000));
    here.answers.insert("c2".into(), answer("achieved", 5_000));
    let ws = Workspace {
        entities: vec![here],
        active: "k3v9q2".into(),
        ..Workspace::default()
    };
    let plan = plan_import(&ws, &doc.incoming(), &c).unwrap();
    let e = plan.existing.as_ref().unwrap();
    let diffs: Vec<_> = e
        .answers
        .iter()
        .map(|d| {
            (
                d.control.as_str(),
                d.current.as_ref().map(|a| a.option.as_str()),
                d.incoming.as_ref().map(|a| a.option.as_str()),
            )
        })
        .collect();
    assert_eq!(
        diffs,
        [
            ("c1", Some("partial"), Some("achieved")),
            ("c2", Some("achieved"), None)
        ]
    );
    assert!(!plan.is_noop());

    let same = Workspace {
        entities: vec![sample()],
        active: "k3v9q2".into(),
        ..Workspace::default()
    };
    assert!(plan_import(&same, &doc.incoming(), &c).unwrap().is_noop());
}

#[test]
fn plan_notes_catalog_version_and_content_changes() {
    let c = mini();
    let mut doc = export_doc(&c, &sample(), 0).unwrap();
    doc.catalog.version = "1".into();
    let plan = plan_import(&Workspace::default(), &doc.incoming(), &c).unwrap();
    assert_eq!(plan.catalog_version_change, Some(("1".into(), "2".into())));
    assert!(!plan.catalog_content_differs);
    let mut doc = export_doc(&c, &sample(), 0).unwrap();
    doc.catalog.content_hash = "0".repeat(64);
    assert!(
        plan_import(&Workspace::default(), &doc.incoming(), &c)
            .unwrap()
            .catalog_content_differs
    );
}

#[test]
fn apply_import_replaces_merges_or_adds_only_as_chosen() {
    let c = mini();
    let doc = export_doc(&c, &sample(), 0).unwrap();
    let mut here = sample();
    here.answers.insert("c1".into(), answer("partial", 5_000)); // newer than the file's
    here.answers.insert("c2".into(), answer("achieved", 1_000)); // older than the file's tombstone
    let other = Assessment::new("zz", "mini", "2", 0);
    let ws = Workspace {
        entities: vec![other.clone(), here.clone()],
        active: "zz".into(),
        ..Workspace::default()
    };

    let replaced = apply_import(&ws, &doc.incoming(), ImportChoice::Replace, "unused").unwrap();
    assert_eq!(replaced.entities, vec![other.clone(), sample()]);
    assert_eq!(replaced.active, "k3v9q2");

    let merged = apply_import(&ws, &doc.incoming(), ImportChoice::Merge, "unused").unwrap();
    let m = &merged.entities[1];
    assert_eq!(m.answers["c1"].option, "partial", "newer local answer kept");
    assert!(!m.answers.contains_key("c2"), "file's newer clear applies");
    assert_eq!(m.answers["c3"].option, "na");

    let added = apply_import(&ws, &doc.incoming(), ImportChoice::AsNew, "new1").unwrap();
    assert_eq!(added.entities.len(), 3);
    assert_eq!(added.entities[1], here, "existing entity untouched");
    assert_eq!(added.entities[2].id, "new1");
    assert_eq!(added.active, "new1");
    assert_eq!(
        apply_import(&ws, &doc.incoming(), ImportChoice::AsNew, "zz"),
        Err(ImportError::IdInUse("zz".into()))
    );
}

// Generated assessments for the round-trip property.

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "(?s).{0,40}",
        Just("<script>alert('x')</script>".to_string()),
        Just("javascript:alert(1)".to_string()),
        Just("株式会社テスト\r\n本社".to_string()),
    ]
}

fn gen_answer() -> impl Strategy<Value = Answer> {
    (
        prop::sample::select(vec!["achieved", "partial", "not_achieved", "na"]),
        text(),
        text(),
        prop::collection::vec(text(), 0..4),
        any::<i64>(),
        prop::sample::select(vec!["", "?", "0a1b2c3d"]),
    )
        .prop_map(|(option, reason, note, evidence, changed, fp)| Answer {
            option: option.into(),
            reason,
            note,
            evidence,
            changed,
            fp: fp.into(),
        })
}

fn answers() -> impl Strategy<Value = BTreeMap<String, Answer>> {
    prop::collection::btree_map(
        prop::sample::select(vec!["c1", "c2", "c3", "gone", "日本語の項目"]).prop_map(String::from),
        gen_answer(),
        0..5,
    )
}

fn snapshots() -> impl Strategy<Value = Vec<Snapshot>> {
    prop::collection::btree_map(
        "[a-z0-9]{1,8}",
        (
            text(),
            any::<i64>(),
            prop::option::of(Just("Lv1".to_string())),
            answers(),
        ),
        0..3,
    )
    .prop_map(|m| {
        m.into_iter()
            .map(|(id, (label, taken, target_level, answers))| Snapshot {
                id,
                label,
                taken,
                catalog_version: "2".into(),
                target_level,
                targets: BTreeMap::new(),
                answers,
            })
            .collect()
    })
}

fn assessment() -> impl Strategy<Value = Assessment> {
    (
        "[A-Za-z0-9]{1,12}",
        text(),
        prop::option::of(prop::sample::select(vec!["Lv1", "Lv2"]).prop_map(String::from)),
        prop::collection::btree_map("c[0-9]", 0u8..5, 0..3),
        answers(),
        prop::collection::btree_map("c[0-9]|gone", any::<i64>(), 0..3),
        snapshots(),
        (any::<i64>(), any::<i64>()),
    )
        .prop_map(
            |(id, name, target_level, targets, answers, cleared, snapshots, (created, updated))| {
                Assessment {
                    id,
                    name,
                    catalog_id: "mini".into(),
                    catalog_version: "2".into(),
                    target_level,
                    targets,
                    answers,
                    cleared,
                    snapshots,
                    created,
                    updated,
                    exported: None,
                    source_file: None,
                }
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    /// Export then import restores exactly the same assessment.
    #[test]
    fn export_then_import_restores_the_same_assessment(a in assessment(), exported in any::<i64>()) {
        let c = mini();
        let doc = export_doc(&c, &a, exported).unwrap();
        let text = to_json(&doc).unwrap();
        let back = parse_import(&text, MAX_IMPORT_BYTES).unwrap();
        validate_import(&back, &c).unwrap();
        prop_assert_eq!(&back, &doc);
        prop_assert_eq!(back.to_assessment(), a.clone());
        // Imported into an empty browser, the entity is exactly the one exported.
        let ws = apply_import(&Workspace::default(), &back.incoming(), ImportChoice::Replace, "").unwrap();
        prop_assert_eq!(&ws.entities, &vec![a.clone()]);
        // Importing it again changes nothing.
        prop_assert!(plan_import(&ws, &back.incoming(), &c).unwrap().is_noop());
    }

    /// What is saved to storage reads back unchanged.
    #[test]
    fn stored_workspace_round_trips(
        entities in prop::collection::vec(assessment(), 0..3),
        saved in any::<i64>(),
        exported in prop::option::of(any::<i64>()),
        seen in prop::collection::btree_map("[a-z]{1,8}", prop::collection::vec("[0-9a-z-]{1,6}", 0..4), 0..3),
        told in any::<bool>(),
    ) {
        let active = entities.first().map(|e| e.id.clone()).unwrap_or_default();
        let entities = entities.into_iter().map(|mut e| { e.exported = exported; e }).collect();
        let s = Stored::new(Workspace { entities, active, seen, told }, saved);
        prop_assert_eq!(decode_stored(&encode_stored(&s).unwrap()).unwrap(), s);
    }

    /// A catalog migration never drops or alters an answer, a tombstone or a snapshot.
    #[test]
    fn catalog_migration_keeps_everything(mut a in assessment()) {
        a.catalog_version = "1".into();
        let (m, changes) = migrate_catalog(&a, Some(&old_catalog()), &mini()).unwrap();
        prop_assert_eq!(&m.answers, &a.answers);
        prop_assert_eq!(&m.cleared, &a.cleared);
        prop_assert_eq!(&m.snapshots, &a.snapshots);
        prop_assert_eq!(m.catalog_version.as_str(), "2");
        for id in &changes.orphaned_answers {
            prop_assert!(m.answers.contains_key(id) && mini().control(id).is_none());
        }
    }
}

// ---------------------------------------------------------------- CSV

#[test]
fn csv_opens_in_excel_ja() {
    let c = mini();
    let csv = to_csv(&c, &sample(), "ja");
    assert!(csv.starts_with('\u{FEFF}'), "BOM first");
    let body = &csv['\u{FEFF}'.len_utf8()..];
    assert!(body.ends_with("\r\n"));
    let records: Vec<&str> = body.split("\r\n").collect();
    assert_eq!(
        records[0],
        "ID,グループ,レベル,項目,回答,該当なしの理由,メモ,エビデンス"
    );
    assert_eq!(records[1], "c1,1 方針,レベル1,方針を策定している,達成,,,");
    assert_eq!(
        records[2],
        "c2,1 方針,レベル2,\"方針を定期的に見直している, \"\"年1回\"\"\",,,,"
    );
    assert_eq!(
        records[3],
        "c3,2 体制,レベル1,責任者を任命している,該当なし,\"対象外, \"\"理由\"\"\",\"1行目\n2行目\",\"規程.pdf\n=HYPERLINK(\"\"http://x\"\")\""
    );
    assert_eq!(records.len(), 5, "header + 3 controls + empty tail");
}

#[test]
fn csv_neutralises_formulas_and_speaks_english() {
    let c = mini();
    let mut a = sample();
    a.answers.get_mut("c1").unwrap().note = "=cmd|' /C calc'!A0".into();
    let csv = to_csv(&c, &a, "en");
    assert!(csv.starts_with("\u{FEFF}ID,Group,Level,Control,Answer,N/A reason,Note,Evidence\r\n"));
    assert!(csv.contains(",1 Policy,Level 1,"));
    assert!(csv.contains(",Achieved,,'=cmd|' /C calc'!A0,"));
    assert!(!csv.contains(",=cmd"));
}

// ---------------------------------------------------------------- catalog migration

fn old_catalog() -> Catalog {
    let old = MINI
        .replace("\"version\": \"2\"", "\"version\": \"1\"")
        .replace("方針を定期的に見直している", "方針を見直している")
        .replace(
            r#"{"id": "c3", "group": "g2""#,
            r#"{"id": "c0", "group": "g2", "level": "Lv1", "statements": [{"kind": "condition", "text": "廃止された項目"}]},
    {"id": "c3", "group": "g2""#,
        )
        .replace(
            r#"{"id": "c1", "group": "g1", "level": "Lv1",
      "statements": [{"kind": "purpose", "text": "目的の文"}, {"kind": "condition", "text": "方針を策定している"}]},"#,
            "",
        );
    catalog::parse(&old).expect("old fixture catalog is valid")
}

#[test]
fn catalog_migration_lists_changes_and_keeps_every_answer() {
    let old = old_catalog();
    let new = mini();
    let mut a = Assessment::new("e", "mini", "1", 0);
    a.answers.insert("c0".into(), answer("achieved", 1));
    a.answers.insert("c2".into(), answer("partial", 2));
    a.cleared.insert("c3".into(), 3);
    let (m, changes) = migrate_catalog(&a, Some(&old), &new).unwrap();
    assert_eq!(
        changes,
        CatalogChanges {
            catalog_id: "mini".into(),
            from_version: "1".into(),
            to_version: "2".into(),
            old_catalog_known: true,
            added: vec!["c1".into()],
            removed: vec!["c0".into()],
            changed: vec!["c2".into()],
            orphaned_answers: vec!["c0".into()],
        }
    );
    assert_eq!(m.catalog_version, "2");
    assert_eq!(m.answers, a.answers, "no answer dropped or altered");
    assert_eq!(m.cleared, a.cleared);
    // The kept answer is not counted by the new catalog.
    assert_eq!(summarize(&new, &m).answered, 1);
    // Migrating back brings the kept answer into the count again.
    let (back, _) = migrate_catalog(&m, Some(&new), &old).unwrap();
    assert_eq!(summarize(&old, &back).answered, 2);
}

#[test]
fn catalog_migration_refuses_wrong_catalogs() {
    let a = Assessment::new("e", "nisc", "1", 0);
    assert!(migrate_catalog(&a, None, &mini()).is_err());
    let a = Assessment::new("e", "mini", "0.9", 0);
    assert!(migrate_catalog(&a, Some(&old_catalog()), &mini()).is_err());
    let same = Assessment::new("e", "mini", "2", 0);
    let (m, changes) = migrate_catalog(&same, None, &mini()).unwrap();
    assert_eq!(m, same);
    assert!(changes.is_empty());
}

// ---------------------------------------------------------------- JSON Schema

/// The checked-in schema must match the Rust types. To regenerate:
/// `UPDATE_SCHEMAS=1 cargo test -p selfcheck --test report export_schema`.
#[test]
fn export_schema_is_up_to_date() {
    let schema = schemars::schema_for!(ExportDoc);
    let text = serde_json::to_string_pretty(&schema).unwrap() + "\n";
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("schemas/export.schema.json");
    if std::env::var_os("UPDATE_SCHEMAS").is_some() {
        std::fs::write(&path, &text).unwrap();
    }
    let current = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        current == text,
        "schemas/export.schema.json is out of date; regenerate with \
         `UPDATE_SCHEMAS=1 cargo test -p selfcheck --test report export_schema`"
    );
    // The schema names the marker and requires the identifying fields.
    assert!(text.contains("\"const\": \"selfcheck-export\""));
    for field in ["format", "version", "catalog", "entity", "content_hash"] {
        assert!(text.contains(&format!("\"{field}\"")), "{field}");
    }
}
