//! The OSCAL documents this project writes, checked by a tool no one here
//! wrote: compliance-trestle 5.2.0 (PyPI), whose pydantic models
//! `trestle.oscal.catalog.Catalog` and
//! `trestle.oscal.assessment_results.AssessmentResults` must accept the
//! shipped OSCAL catalogs (`catalogs/oscal/`), the SP 800-53 catalog after a
//! round trip through the widget's model, and assessment-results documents
//! of assessments on each of them, and must reject deliberately broken
//! copies.
//!
//! The validator runs in the virtual environment `scripts/test.sh` makes
//! (`ensure_python_venv`: `.venv`, from `tests/requirements.txt`); set
//! `SELFCHECK_PYTHON` to use another interpreter. Without one the test fails
//! and says how to get it: it never skips.
#![cfg(not(target_arch = "wasm32"))]

use selfcheck::core::assessment::{apply, Action, Assessment};
use selfcheck::core::catalog::{parse, Catalog};
use selfcheck::core::oscal::to_catalog;
use selfcheck::core::oscal_out::{assessment_results, catalog_to_oscal, to_text};
use selfcheck::core::report::export_doc;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn shipped(id: &str) -> Catalog {
    parse(&read(&root().join(format!("catalogs/{id}.json")))).unwrap()
}

fn sp800_53() -> Catalog {
    let p = root().join(
        "tests/fixtures/oscal/NIST_SP-800-53_rev5_LOW-baseline-resolved-profile_catalog-min.json",
    );
    to_catalog(&read(&p), "low.json").unwrap()
}

/// An assessment with every kind of answer: achieved, partial (or a
/// maturity value), not applicable with a reason, a note with markup, and
/// evidence (a name and an address); the rest unanswered.
fn assessment(c: &Catalog) -> Assessment {
    let mut a = Assessment::new("e-trestle", &c.id, &c.version, 1_700_000_000_000);
    let opts: Vec<String> = c.scale.options.iter().map(|o| o.id.clone()).collect();
    for (i, ctl) in c.controls.iter().take(12).enumerate() {
        let option = opts[i % opts.len()].clone();
        let now = 1_700_000_100_000 + i as i64;
        a = apply(
            &a,
            Action::Answer {
                control: ctl.id.clone(),
                option: option.clone(),
                now,
            },
        );
        if c.option(&option).is_some_and(|o| o.requires_reason) {
            a = apply(
                &a,
                Action::SetReason {
                    control: ctl.id.clone(),
                    reason: "対象となる設備がない".into(),
                    now,
                },
            );
        }
    }
    let first = c.controls[0].id.clone();
    a = apply(
        &a,
        Action::SetNote {
            control: first.clone(),
            note: "<b>note</b> & \"quotes\"".into(),
            now: 1_700_000_200_000,
        },
    );
    apply(
        &a,
        Action::SetEvidence {
            control: first,
            evidence: vec!["規程 v2.pdf".into(), "https://intra.example/policy".into()],
            now: 1_700_000_300_000,
        },
    )
}

fn python() -> PathBuf {
    match std::env::var_os("SELFCHECK_PYTHON") {
        Some(p) => PathBuf::from(p),
        None => root().join(".venv/bin/python"),
    }
}

/// Runs the validator on `files`: (exit success, output lines).
fn trestle(files: &[PathBuf]) -> (bool, String) {
    let py = python();
    assert!(
        py.exists(),
        "{} is missing: run scripts/test.sh native (it makes the .venv with compliance-trestle), or set SELFCHECK_PYTHON",
        py.display()
    );
    let out = Command::new(&py)
        .arg(root().join("tests/oscal/validate.py"))
        .args(files)
        .output()
        .unwrap_or_else(|e| panic!("{}: {e}", py.display()));
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    (out.status.success(), text)
}

fn write(dir: &Path, name: &str, doc: &Value) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, to_text(doc)).unwrap();
    p
}

#[test]
fn the_checked_in_oscal_catalogs_are_what_catgen_writes() {
    for id in ["jama-japia-v2.2", "nisc-2023"] {
        let want = to_text(&catalog_to_oscal(&shipped(id)));
        let have = read(&root().join(format!("catalogs/oscal/{id}.json")));
        assert!(
            have == want,
            "catalogs/oscal/{id}.json is stale: run `cargo run -p catgen -- oscal catalogs/{id}.json catalogs/oscal/{id}.json`"
        );
    }
}

#[test]
fn trestle_accepts_our_documents_and_rejects_broken_ones() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("oscal-trestle");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let mut good = vec![
        root().join("catalogs/oscal/jama-japia-v2.2.json"),
        root().join("catalogs/oscal/nisc-2023.json"),
    ];
    let low = sp800_53();
    good.push(write(
        &dir,
        "sp800-53-low-roundtrip.json",
        &catalog_to_oscal(&low),
    ));
    let mut results = Vec::new();
    for (name, c) in [
        ("jama", shipped("jama-japia-v2.2")),
        ("nisc", shipped("nisc-2023")),
        ("sp800-53", low),
    ] {
        let doc = export_doc(&c, &assessment(&c), 1_700_000_400_000).unwrap();
        let ar = assessment_results(&c, &doc, "ja");
        assert!(ar["assessment-results"]["results"][0]["findings"]
            .as_array()
            .is_some_and(|f| !f.is_empty()));
        good.push(write(&dir, &format!("{name}-results.json"), &ar));
        results.push(ar);
    }
    let (ok, out) = trestle(&good);
    assert!(ok, "trestle refused a document we wrote:\n{out}");
    assert_eq!(
        out.lines().filter(|l| l.starts_with("ok ")).count(),
        good.len(),
        "{out}"
    );

    // Broken copies: each must be rejected.
    let mut catalog: Value = serde_json::from_str(&read(&good[0])).unwrap();
    let ctl = &mut catalog["catalog"]["groups"][0]["controls"][0];
    ctl.as_object_mut().unwrap().remove("title");
    let mut bad_state = results[0].clone();
    bad_state["assessment-results"]["results"][0]["findings"][0]["target"]["status"]["state"] =
        "maybe".into();
    let mut bad_uuid = results[1].clone();
    bad_uuid["assessment-results"]["results"][0]["uuid"] = "not-a-uuid".into();
    let mut no_results = results[2].clone();
    no_results["assessment-results"]
        .as_object_mut()
        .unwrap()
        .remove("results");
    let broken = [
        write(&dir, "broken-catalog-no-title.json", &catalog),
        write(&dir, "broken-results-state.json", &bad_state),
        write(&dir, "broken-results-uuid.json", &bad_uuid),
        write(&dir, "broken-results-none.json", &no_results),
    ];
    let (ok, out) = trestle(&broken);
    assert!(!ok, "trestle accepted a broken document:\n{out}");
    for b in &broken {
        let line = format!("rejected {}", b.display());
        assert!(
            out.contains(&line),
            "{} was not rejected:\n{out}",
            b.display()
        );
    }
}
