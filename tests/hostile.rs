//! Malformed and hostile input against every parser of outside data:
//! the catalog loader (`catalog::parse`), the import (`report::parse_import`)
//! and the stored-data decoder (`stored::decode_stored`).
//!
//! Each input either gives an error with a non-empty message, or parses into
//! data in which the hostile text is kept verbatim as plain text (never
//! stripped, never interpreted). Nothing may panic. The inputs are generated
//! here by loops over mutation kinds of a valid catalog and a valid export;
//! then both parsers are fuzzed with proptest (arbitrary strings, and random
//! edits of the valid documents). Run with `-- --nocapture` to see the figures
//! (`PROPTEST_CASES` changes the number of fuzz cases; default 2000 per fuzz test).
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use selfcheck::core::assessment::{Answer, Assessment};
use selfcheck::core::catalog::{self, Catalog};
use selfcheck::core::report::{export_doc, parse_import, to_json, ExportDoc, MAX_IMPORT_BYTES};
use selfcheck::core::stored::decode_stored;
use serde_json::{json, Value};
use std::panic::{catch_unwind, AssertUnwindSafe};

const MINI: &str = include_str!("fixtures/mini_catalog.json");

/// Texts that would do harm if a renderer interpreted them.
const HOSTILE_TEXTS: &[&str] = &[
    "<script>alert(document.cookie)</script>",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "<img src=x onerror=alert(1)>",
    "\"><svg onload=alert(1)>",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "{{constructor.constructor('alert(1)')()}}",
    "=HYPERLINK(\"http://evil.example\",\"x\")",
    "\u{202E}gnp.exe",
    "\u{0000}\u{0007}\u{001B}[31m",
    "</textarea><script>x</script>",
    "&lt;b&gt; &amp; &#x3C;",
];

fn valid_export() -> String {
    let c = catalog::parse(MINI).expect("fixture catalog");
    let mut a = Assessment::new("e1", "mini", "2", 1);
    a.name = "株式会社テスト".into();
    a.answers.insert(
        "c1".into(),
        Answer {
            option: "achieved".into(),
            reason: String::new(),
            note: "メモ".into(),
            evidence: vec!["規程.pdf".into()],
            changed: 2,
            fp: String::new(),
        },
    );
    to_json(&export_doc(&c, &a, 3).expect("export")).expect("json")
}

/// What a case must give.
enum Expect {
    /// An error from the parser the input targets.
    Error,
    /// Error or success; only "no panic, non-empty message" is checked.
    Either,
    /// A parsed catalog in which the check holds.
    Catalog(Box<dyn Fn(&Catalog) -> bool>),
    /// A parsed export in which the check holds.
    Export(Box<dyn Fn(&ExportDoc) -> bool>),
}

/// Which parser an input is aimed at (it is fed to all three).
#[derive(Clone, Copy, PartialEq, Debug)]
enum Target {
    Catalog,
    Import,
    Any,
}

struct Case {
    name: String,
    text: String,
    target: Target,
    expect: Expect,
}

fn case(name: impl Into<String>, text: impl Into<String>, target: Target, expect: Expect) -> Case {
    Case {
        name: name.into(),
        text: text.into(),
        target,
        expect,
    }
}

/// Every JSON pointer in a value (the root included).
fn pointers(v: &Value, at: String, out: &mut Vec<String>) {
    out.push(at.clone());
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                pointers(
                    x,
                    format!("{at}/{}", k.replace('~', "~0").replace('/', "~1")),
                    out,
                );
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                pointers(x, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

/// `base` with the value at `pointer` replaced, or added when its parent is
/// an object without that key; as JSON text.
fn with(base: &Value, pointer: &str, new: Value) -> String {
    let mut v = base.clone();
    let (parent, key) = pointer.rsplit_once('/').unwrap_or(("", pointer));
    match v.pointer_mut(parent) {
        Some(Value::Object(m)) => {
            m.insert(key.replace("~1", "/").replace("~0", "~"), new);
        }
        Some(Value::Array(a)) => {
            if let Some(slot) = key.parse::<usize>().ok().and_then(|i| a.get_mut(i)) {
                *slot = new;
            }
        }
        _ => {}
    }
    v.to_string()
}

/// A text field of a parsed document, for checking it is kept verbatim.
type Field<T> = (&'static str, fn(&T) -> &str);

fn nested(depth: usize) -> String {
    "[".repeat(depth) + &"]".repeat(depth)
}

fn cases() -> Vec<Case> {
    let catalog_v: Value = serde_json::from_str(MINI).expect("fixture");
    let export_text = valid_export();
    let export_v: Value = serde_json::from_str(&export_text).expect("export");
    let mut out = Vec::new();

    // 1. Broken JSON: fixed samples, fed to every parser.
    let broken = [
        "",
        " ",
        "\u{FEFF}",
        "{",
        "}",
        "[",
        "]",
        "null",
        "true",
        "0",
        "-0",
        "\"text\"",
        "{\"a\":}",
        "{\"a\" 1}",
        "{'format': 1}",
        "{\"format\": 1,}",
        "[1,]",
        "{\"a\":1}}",
        "NaN",
        "Infinity",
        "{\"a\": NaN}",
        "// comment\n{}",
        "/* c */ {}",
        "{\"a\":\"\\ud800\"}",
        "{\"a\":\"\u{0001}\"}",
        "{\"a\":\"\\x41\"}",
        "{\"a\": 01}",
        "{\"a\": 1e99999}",
        "{\"a\": .5}",
        "\u{0000}",
        "{\"a\":\"unterminated}",
        "<html><body>404</body></html>",
        "<?xml version=\"1.0\"?><x/>",
        "format=1&id=x",
        "PK\u{3}\u{4}\u{14}\u{0}",
    ];
    for (i, b) in broken.iter().enumerate() {
        out.push(case(
            format!("broken json #{i}"),
            *b,
            Target::Any,
            Expect::Error,
        ));
    }

    // 2. Truncations of both valid documents.
    for (base, target, label) in [
        (MINI.to_string(), Target::Catalog, "catalog"),
        (export_text.clone(), Target::Import, "export"),
    ] {
        let chars: Vec<char> = base.chars().collect();
        for k in 0..20 {
            let cut = chars.len() * k / 20;
            let text: String = chars[..cut].iter().collect();
            out.push(case(
                format!("{label} truncated at {cut}"),
                text,
                target,
                Expect::Error,
            ));
        }
    }

    // 3. Wrong types at every position of both documents.
    let replacements = [
        json!(null),
        json!(-1),
        json!(1.5e300),
        json!("x"),
        json!([]),
        json!({}),
        json!(true),
        json!(18_446_744_073_709_551_615u64),
    ];
    for (base, target, label) in [
        (&catalog_v, Target::Catalog, "catalog"),
        (&export_v, Target::Import, "export"),
    ] {
        let mut ptrs = Vec::new();
        pointers(base, String::new(), &mut ptrs);
        for p in ptrs.iter().skip(1) {
            for r in &replacements {
                out.push(case(
                    format!("{label} {p} = {r}"),
                    with(base, p, r.clone()),
                    target,
                    Expect::Either,
                ));
            }
        }
    }

    // 4. Unknown versions.
    for v in [
        json!(0),
        json!(3),
        json!(999),
        json!(-1),
        json!(1.5),
        json!("1"),
        json!(null),
        json!(u64::MAX),
    ] {
        out.push(case(
            format!("catalog format {v}"),
            with(&catalog_v, "/format", v.clone()),
            Target::Catalog,
            Expect::Error,
        ));
        out.push(case(
            format!("export version {v}"),
            with(&export_v, "/version", v.clone()),
            Target::Import,
            Expect::Error,
        ));
    }
    for f in [
        json!("selfcheck-export-2"),
        json!(""),
        json!(null),
        json!(1),
        json!("SELFCHECK-EXPORT"),
    ] {
        out.push(case(
            format!("export format {f}"),
            with(&export_v, "/format", f),
            Target::Import,
            Expect::Error,
        ));
    }

    // 5. Huge strings.
    let mb20 = "あ".repeat(7 * 1024 * 1024); // 21 MB of UTF-8
    out.push(case(
        "catalog with a 20 MB statement",
        with(&catalog_v, "/controls/0/statements/1/text", json!(mb20)),
        Target::Catalog,
        Expect::Error,
    ));
    out.push(case(
        "export with a 20 MB note",
        with(&export_v, "/answers/c1/note", json!(mb20)),
        Target::Import,
        Expect::Error,
    ));
    out.push(case(
        "20 MB of spaces",
        " ".repeat(20 * 1024 * 1024),
        Target::Any,
        Expect::Error,
    ));
    let mb1 = "x".repeat(1024 * 1024);
    out.push(case(
        "export with a 1 MB note (over the text limit)",
        with(&export_v, "/answers/c1/note", json!(mb1)),
        Target::Import,
        Expect::Error,
    ));
    out.push(case(
        "export with a 1 MB evidence item",
        with(&export_v, "/answers/c1/evidence/0", json!(mb1)),
        Target::Import,
        Expect::Error,
    ));
    out.push(case(
        "export with a 1 MB entity id",
        with(&export_v, "/entity/id", json!(mb1)),
        Target::Import,
        Expect::Error,
    ));
    // Catalog texts have length limits (core::catalog_limits): a statement
    // at the limit is kept, one character more is refused, and so is a
    // 9 MB statement (under the file size limit).
    let at_limit = "長".repeat(selfcheck::core::catalog_limits::MAX_BODY_CHARS);
    let kept = at_limit.clone();
    out.push(case(
        "catalog with a statement at the text limit (kept)",
        with(&catalog_v, "/controls/0/statements/1/text", json!(at_limit)),
        Target::Catalog,
        Expect::Catalog(Box::new(move |c| c.controls[0].statements[1].text == kept)),
    ));
    out.push(case(
        "catalog with a 9 MB statement (over the text limit)",
        with(
            &catalog_v,
            "/controls/0/statements/1/text",
            json!("長".repeat(3 * 1024 * 1024)),
        ),
        Target::Catalog,
        Expect::Error,
    ));
    out.push(case(
        "catalog with a 100,000-character title",
        with(&catalog_v, "/title/ja", json!("長".repeat(100_000))),
        Target::Catalog,
        Expect::Error,
    ));
    let evidence: Vec<String> = (0..51).map(|i| format!("doc{i}")).collect();
    out.push(case(
        "export with 51 evidence items",
        with(&export_v, "/answers/c1/evidence", json!(evidence)),
        Target::Import,
        Expect::Error,
    ));
    let many: serde_json::Map<String, Value> = (0..10_001)
        .map(|i| (format!("k{i}"), json!({"option": "achieved", "changed": 1})))
        .collect();
    out.push(case(
        "export with 10001 answers",
        with(&export_v, "/answers", Value::Object(many)),
        Target::Import,
        Expect::Error,
    ));

    // 6. Deep nesting, alone and inside a valid document.
    out.push(case(
        "100k [",
        "[".repeat(100_000),
        Target::Any,
        Expect::Error,
    ));
    out.push(case(
        "100k [ and ]",
        nested(100_000),
        Target::Any,
        Expect::Error,
    ));
    out.push(case(
        "100k {\"a\":",
        "{\"a\":".repeat(100_000),
        Target::Any,
        Expect::Error,
    ));
    let deep_obj = "{\"a\":".repeat(100_000) + "1" + &"}".repeat(100_000);
    out.push(case(
        "100k nested objects",
        deep_obj,
        Target::Any,
        Expect::Error,
    ));
    for (depth, label) in [(129, "129"), (1000, "1000"), (100_000, "100k")] {
        let inner = nested(depth);
        let cat = MINI.replacen(
            "\"source\": {\"title\": \"test fixture\"}",
            &format!("\"source\": {inner}"),
            1,
        );
        out.push(case(
            format!("catalog source nested {label}"),
            cat,
            Target::Catalog,
            Expect::Error,
        ));
        let exp = export_text.replacen("\"note\": \"メモ\"", &format!("\"note\": {inner}"), 1);
        out.push(case(
            format!("export note nested {label}"),
            exp,
            Target::Import,
            Expect::Error,
        ));
    }

    // 7. Out-of-range numbers and duplicate keys.
    let compact = export_v.to_string();
    for (field, n) in [
        ("\"changed\":2", "1e400"),
        ("\"changed\":2", "9223372036854775808"),
        ("\"exported\":3", "-9223372036854775809"),
        ("\"created\":1", "1.0"),
        ("\"created\":1", "-"),
    ] {
        assert!(compact.contains(field), "fixture has {field}");
        let key = &field[..field.len() - 1];
        let text = compact.replacen(field, &format!("{key}{n}"), 1);
        out.push(case(
            format!("export {key}{n}"),
            text,
            Target::Import,
            Expect::Error,
        ));
    }
    out.push(case(
        "catalog duplicate key",
        MINI.replacen(
            "\"id\": \"mini\",",
            "\"id\": \"mini\", \"id\": \"other\",",
            1,
        ),
        Target::Catalog,
        Expect::Error,
    ));
    out.push(case(
        "export duplicate key",
        export_text.replacen("\"exported\": 3,", "\"exported\": 3, \"exported\": 4,", 1),
        Target::Import,
        Expect::Error,
    ));
    out.push(case(
        "catalog unknown field",
        MINI.replacen("\"issued\"", "\"onload\": \"alert(1)\", \"issued\"", 1),
        Target::Catalog,
        Expect::Error,
    ));
    out.push(case(
        "export unknown field",
        export_text.replacen(
            "\"exported\"",
            "\"__proto__\": {\"admin\": true}, \"exported\"",
            1,
        ),
        Target::Import,
        Expect::Error,
    ));

    // 8. Hostile text in every text field: kept verbatim.
    for (i, h) in HOSTILE_TEXTS.iter().enumerate() {
        let h = h.to_string();
        let catalog_fields: [Field<Catalog>; 5] = [
            ("/title/ja", |c| c.title.ja.as_str()),
            ("/controls/0/statements/1/text", |c| {
                c.controls[0].statements[1].text.as_str()
            }),
            ("/groups/0/title/ja", |c| c.groups[0].title.ja.as_str()),
            ("/scale/options/0/label/ja", |c| {
                c.scale.options[0].label.ja.as_str()
            }),
            ("/source/title", |c| c.source.title.as_str()),
        ];
        for (p, get) in catalog_fields {
            let want = h.clone();
            out.push(case(
                format!("catalog {p} hostile #{i}"),
                with(&catalog_v, p, json!(h)),
                Target::Catalog,
                Expect::Catalog(Box::new(move |c| get(c) == want)),
            ));
        }
        let export_fields: [Field<ExportDoc>; 4] = [
            ("/answers/c1/note", |d| d.answers["c1"].note.as_str()),
            ("/answers/c1/evidence/0", |d| {
                d.answers["c1"].evidence[0].as_str()
            }),
            ("/answers/c1/reason", |d| d.answers["c1"].reason.as_str()),
            ("/entity/name", |d| d.entity.name.as_deref().unwrap_or("")),
        ];
        for (p, get) in export_fields {
            let want = h.clone();
            out.push(case(
                format!("export {p} hostile #{i}"),
                with(&export_v, p, json!(h)),
                Target::Import,
                Expect::Export(Box::new(move |d| get(d) == want)),
            ));
        }
    }
    let url = "javascript:alert(1)".to_string();
    out.push(case(
        "catalog reference with javascript: url",
        with(&catalog_v, "/source/url", json!(url)),
        Target::Catalog,
        Expect::Catalog(Box::new(move |c| {
            c.source.url.as_deref() == Some(url.as_str())
        })),
    ));
    out
}

/// Runs one input through one parser; `Ok(true)` parsed, `Ok(false)` refused
/// with a message, `Err` describes a failure of the rules.
fn run<T, E: std::fmt::Display>(
    name: &str,
    parser: &str,
    f: impl FnOnce() -> Result<T, E>,
) -> Result<Option<T>, String> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Err(_) => Err(format!("{name}: {parser} panicked")),
        Ok(Err(e)) if e.to_string().trim().is_empty() => {
            Err(format!("{name}: {parser} gave an empty error message"))
        }
        Ok(Err(_)) => Ok(None),
        Ok(Ok(v)) => Ok(Some(v)),
    }
}

#[test]
fn hostile_inputs_give_clear_errors_or_inert_text() {
    let cases = cases();
    let mut failures = Vec::new();
    let (mut refused, mut parsed, mut runs) = (0usize, 0usize, 0usize);
    for c in &cases {
        let cat = run(&c.name, "catalog::parse", || catalog::parse(&c.text));
        let imp = run(&c.name, "parse_import", || {
            parse_import(&c.text, MAX_IMPORT_BYTES)
        });
        let sto = run(&c.name, "decode_stored", || decode_stored(&c.text));
        runs += 3;
        for r in [
            cat.as_ref().map(Option::is_some),
            imp.as_ref().map(Option::is_some),
            sto.as_ref().map(Option::is_some),
        ] {
            match r {
                Ok(true) => parsed += 1,
                Ok(false) => refused += 1,
                Err(e) => failures.push(e.clone()),
            }
        }
        let targeted_ok = match c.target {
            Target::Catalog => matches!(cat, Ok(Some(_))),
            Target::Import => matches!(imp, Ok(Some(_))),
            Target::Any => {
                matches!(cat, Ok(Some(_)))
                    || matches!(imp, Ok(Some(_)))
                    || matches!(sto, Ok(Some(_)))
            }
        };
        match &c.expect {
            Expect::Error if targeted_ok => {
                failures.push(format!("{}: accepted, expected an error", c.name))
            }
            Expect::Catalog(check) => match &cat {
                Ok(Some(parsed)) if check(parsed) => {}
                Ok(Some(_)) => failures.push(format!("{}: hostile text not kept verbatim", c.name)),
                _ => failures.push(format!("{}: refused, expected the text kept", c.name)),
            },
            Expect::Export(check) => match &imp {
                Ok(Some(parsed)) if check(parsed) => {}
                Ok(Some(_)) => failures.push(format!("{}: hostile text not kept verbatim", c.name)),
                _ => failures.push(format!("{}: refused, expected the text kept", c.name)),
            },
            _ => {}
        }
    }
    println!(
        "hostile inputs: {} inputs x 3 parsers = {runs} runs; {refused} refused with a message, {parsed} parsed; {} rule failures",
        cases.len(),
        failures.len()
    );
    assert!(cases.len() >= 100, "only {} hostile inputs", cases.len());
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn serde_json_recursion_limit_guards_deep_nesting() {
    // Where a parser reads arbitrary JSON (the import's first look at the
    // file, the stored-data decoder), serde_json's limit of 128 levels stops
    // deep nesting with that reason instead of a stack overflow.
    for depth in [129, 100_000] {
        let err = parse_import(&nested(depth), MAX_IMPORT_BYTES).unwrap_err();
        assert!(
            err.to_string().contains("recursion limit exceeded"),
            "{depth}: {err}"
        );
        let inside = valid_export().replacen(
            "\"note\": \"メモ\"",
            &format!("\"note\": {}", nested(depth)),
            1,
        );
        // Inside a document, the typed reader stops at the first value of the
        // wrong type (serde_json skips unknown values without recursion).
        let err = parse_import(&inside, MAX_IMPORT_BYTES).unwrap_err();
        assert_eq!(err.path(), "answers.c1.note", "{depth}: {err}");
        let err = decode_stored(&nested(depth)).unwrap_err();
        assert!(
            err.to_string().contains("recursion limit exceeded"),
            "{depth}: {err}"
        );
        // The typed catalog reader stops likewise, and says where.
        let text = MINI.replacen(
            "\"source\": {\"title\": \"test fixture\"}",
            &format!("\"source\": {}", nested(depth)),
            1,
        );
        let err = catalog::parse(&text).unwrap_err();
        assert_eq!(err.path(), "source[0]", "{depth}: {err}");
    }
    // Below the limit, nesting is just not an export.
    let err = parse_import(&nested(100), MAX_IMPORT_BYTES).unwrap_err();
    assert!(!err.to_string().contains("recursion"), "{err}");
}

// ---------------------------------------------------------------- fuzzing

fn fuzz_cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2000)
}

/// Runs `check` on `cases` generated inputs and returns how many ran.
fn fuzz<S: Strategy>(
    label: &str,
    strategy: S,
    check: impl Fn(&S::Value) -> Result<(), TestCaseError>,
) -> u32
where
    S::Value: std::fmt::Debug,
{
    let cases = fuzz_cases();
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    });
    let count = std::cell::Cell::new(0u32);
    let result = runner.run(&strategy, |input| {
        count.set(count.get() + 1);
        check(&input)
    });
    if let Err(e) = result {
        panic!("{label}: {e}");
    }
    println!(
        "fuzz {label}: {} cases, no panic, every error with a message",
        count.get()
    );
    assert!(
        count.get() >= cases,
        "{label}: only {} cases ran",
        count.get()
    );
    count.get()
}

/// Both parsers (and the stored decoder) on one input: no panic, no empty message.
fn all_parsers(text: &str) -> Result<(), TestCaseError> {
    for outcome in [
        run("fuzz", "catalog::parse", || catalog::parse(text)).map(|_| ()),
        run("fuzz", "parse_import", || {
            parse_import(text, MAX_IMPORT_BYTES)
        })
        .map(|_| ()),
        run("fuzz", "decode_stored", || decode_stored(text)).map(|_| ()),
    ] {
        outcome.map_err(TestCaseError::fail)?;
    }
    Ok(())
}

/// One random edit of a text, on character boundaries.
#[derive(Debug, Clone)]
enum Edit {
    Delete(usize, usize),
    Insert(usize, String),
    Replace(usize, char),
    Duplicate(usize, usize),
    Swap(usize, usize),
}

fn apply_edits(base: &str, edits: &[Edit]) -> String {
    let mut chars: Vec<char> = base.chars().collect();
    for e in edits {
        let n = chars.len().max(1);
        match e {
            Edit::Delete(at, len) => {
                let at = at % n;
                let end = (at + len).min(chars.len());
                chars.drain(at.min(chars.len())..end);
            }
            Edit::Insert(at, s) => {
                let at = (at % n).min(chars.len());
                chars.splice(at..at, s.chars());
            }
            Edit::Replace(at, c) => {
                if let Some(x) = chars.get_mut(at % n) {
                    *x = *c;
                }
            }
            Edit::Duplicate(at, len) => {
                let at = (at % n).min(chars.len());
                let end = (at + len).min(chars.len());
                let copy: Vec<char> = chars[at..end].to_vec();
                chars.splice(at..at, copy);
            }
            Edit::Swap(a, b) => {
                if !chars.is_empty() {
                    let len = chars.len();
                    chars.swap(a % len, b % len);
                }
            }
        }
    }
    chars.into_iter().collect()
}

fn edit() -> impl Strategy<Value = Edit> {
    let token = prop_oneof![
        Just("{".to_string()),
        Just("}".to_string()),
        Just("[".to_string()),
        Just("]".to_string()),
        Just(",".to_string()),
        Just(":".to_string()),
        Just("\"".to_string()),
        Just("null".to_string()),
        Just("-1e999".to_string()),
        Just("\\u0000".to_string()),
        Just("<script>".to_string()),
        ".{0,8}",
    ];
    prop_oneof![
        (any::<usize>(), 0usize..40).prop_map(|(a, l)| Edit::Delete(a, l)),
        (any::<usize>(), token).prop_map(|(a, s)| Edit::Insert(a, s)),
        (any::<usize>(), any::<char>()).prop_map(|(a, c)| Edit::Replace(a, c)),
        (any::<usize>(), 0usize..200).prop_map(|(a, l)| Edit::Duplicate(a, l)),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Edit::Swap(a, b)),
    ]
}

#[test]
fn fuzz_arbitrary_strings() {
    fuzz("arbitrary strings", any::<String>(), |s| all_parsers(s));
    fuzz(
        "arbitrary JSON-like strings",
        "[\\[\\]{}\":,0-9a-z \\\\.eE+-]{0,200}",
        |s| all_parsers(s),
    );
}

#[test]
fn fuzz_mutated_catalog() {
    fuzz(
        "mutations of a valid catalog",
        prop::collection::vec(edit(), 1..6),
        |edits| all_parsers(&apply_edits(MINI, edits)),
    );
}

#[test]
fn fuzz_mutated_export() {
    let base = valid_export();
    fuzz(
        "mutations of a valid export",
        prop::collection::vec(edit(), 1..6),
        |edits| {
            let text = apply_edits(&base, edits);
            all_parsers(&text)?;
            // Whatever parses is a faithful reading: re-exported and re-imported, it is unchanged.
            if let Ok(doc) = parse_import(&text, MAX_IMPORT_BYTES) {
                let again = to_json(&doc).map_err(|e| TestCaseError::fail(e.to_string()))?;
                prop_assert_eq!(parse_import(&again, MAX_IMPORT_BYTES).ok(), Some(doc));
            }
            Ok(())
        },
    );
}
