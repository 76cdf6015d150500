//! OSCAL out: a catalog as an OSCAL 1.1.2 catalog, and an assessment as an
//! OSCAL 1.1.2 assessment-results document, for GRC tools that read OSCAL.
//!
//! The mapping is documented in `docs/oscal.md`; in short:
//!
//! - Ids become OSCAL tokens: an id that already is one (`ac-1`, `label-2`)
//!   is kept, so the results of a catalog loaded from OSCAL name the
//!   original control ids; any other (`1`, `3.1.1-1`) gets a prefix
//!   (`item-1`, `group-3.1.1`), and the original id is kept in a `props`
//!   entry `selfcheck-id`.
//! - Our own facts (levels, maturity values, answers) are `props` in the
//!   namespace [`NS`].
//! - UUIDs are derived from the content (SHA-256 of a name, written as a
//!   version-5 name-based UUID, the form OSCAL's pattern accepts), so the
//!   same catalog or the same export gives the same document.
//! - Assessment results: one result; a finding per applicable in-scope
//!   control with `satisfied` (achieved) or `not-satisfied` (partial, not
//!   achieved, unanswered); an observation per answer (the answer, its N/A
//!   reason, note and evidence); not-applicable controls are left out of the
//!   reviewed controls (`exclude-controls`) and keep their observation; the
//!   catalog the answers belong to is a back-matter resource.

use crate::core::assessment::{Answer, Millis};
use crate::core::catalog::{Block, Catalog, Control, ListItem, ScaleKind, StatementKind};
use crate::core::report::{date_ymd, ExportDoc};
use crate::core::score::{self, AnswerSet, Scope, Status};
use serde_json::{json, Map, Value};
use sha2::{Digest, Sha256};

/// The OSCAL version written.
pub const OSCAL_VERSION: &str = "1.1.2";

/// Namespace of the `props` this widget defines (a reserved `.invalid`
/// domain: the names are documented in `docs/oscal.md`, not at an address).
pub const NS: &str = "https://selfcheck.invalid/ns/oscal";

/// A UUID derived from `parts` (SHA-256, formatted as a version-5 UUID).
pub fn name_uuid(parts: &[&str]) -> String {
    let mut h = Sha256::new();
    for p in parts {
        h.update(p.as_bytes());
        h.update([0]);
    }
    let mut b: [u8; 16] = [0; 16];
    b.copy_from_slice(&h.finalize()[..16]);
    b[6] = (b[6] & 0x0f) | 0x50;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

/// Whether `s` is an OSCAL token (a letter or `_`, then letters, digits, `.`, `-`, `_`).
pub fn is_token(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_alphabetic() || c == '_')
        && chars.all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '_'))
}

/// `id` as an OSCAL token: kept when it is one, else `prefix` + `id` with
/// any other character replaced by `_`.
pub fn token(prefix: &str, id: &str) -> String {
    if is_token(id) {
        return id.to_string();
    }
    let body: String = id
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!("{prefix}{body}")
}

/// The OSCAL id of a control.
pub fn control_token(id: &str) -> String {
    token("item-", id)
}

/// A time as an OSCAL `date-time-with-timezone` (UTC, milliseconds).
pub fn iso_datetime(t: Millis) -> String {
    let ms = t.rem_euclid(86_400_000);
    let (h, m, s, frac) = (ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, ms % 1000);
    format!("{}T{h:02}:{m:02}:{s:02}.{frac:03}Z", date_ymd(t))
}

fn prop(name: &str, value: impl Into<String>) -> Value {
    json!({ "name": name, "ns": NS, "value": value.into() })
}

fn label_prop(value: &str) -> Value {
    json!({ "name": "label", "value": value })
}

/// `YYYY-MM-DD` (or anything) as a date-time at midnight UTC when it is a date.
fn date_as_datetime(date: &str) -> Option<String> {
    let ok = date.len() == 10
        && date.char_indices().all(|(i, c)| {
            if i == 4 || i == 7 {
                c == '-'
            } else {
                c.is_ascii_digit()
            }
        });
    ok.then(|| format!("{date}T00:00:00Z"))
}

fn list_text(items: &[ListItem], depth: usize, out: &mut Vec<String>) {
    for it in items {
        out.push(format!("{}- {}", "  ".repeat(depth), it.text));
        list_text(&it.items, depth + 1, out);
    }
}

/// Structured text as plain prose: paragraphs, lists as `- ` lines.
pub fn blocks_text(blocks: &[Block]) -> String {
    let mut out = Vec::new();
    for b in blocks {
        match b {
            Block::Paragraph { text } | Block::Heading { text } | Block::Note { text } => {
                out.push(text.clone())
            }
            Block::List { items } => list_text(items, 0, &mut out),
        }
    }
    out.join("\n")
}

/// The control's title in OSCAL: its requirement, else its main statement.
fn control_title(c: &Control) -> String {
    c.statements
        .iter()
        .find(|s| s.kind == StatementKind::Requirement)
        .map(|s| s.text.clone())
        .unwrap_or_else(|| Catalog::headline(c).to_string())
}

fn control_oscal(catalog: &Catalog, c: &Control) -> Value {
    let id = control_token(&c.id);
    let mut props = vec![label_prop(c.number.as_deref().unwrap_or(&c.id))];
    if id != c.id {
        props.push(prop("selfcheck-id", c.id.clone()));
    }
    if let Some(l) = &c.level {
        props.push(prop("level", l.clone()));
    }
    if let Some(p) = c.priority {
        let v = match p {
            crate::core::catalog::Priority::Baseline => "baseline",
            crate::core::catalog::Priority::Recommended => "recommended",
        };
        props.push(prop("priority", v));
    }
    if catalog.scale.kind == ScaleKind::Maturity {
        if let Some(t) = c.target.or(catalog.scale.default_target) {
            props.push(prop("target-maturity", t.to_string()));
        }
    }
    let mut parts = Vec::new();
    let headline = Catalog::headline(c);
    for (i, s) in c.statements.iter().enumerate() {
        let mut text = s.text.clone();
        let mut lines = Vec::new();
        list_text(&s.items, 0, &mut lines);
        if !lines.is_empty() {
            text = format!("{text}\n\n{}", lines.join("\n"));
        }
        let name = match s.kind {
            StatementKind::Condition | StatementKind::Measure if s.text == headline => "statement",
            StatementKind::Purpose => "overview",
            StatementKind::Requirement => "requirement",
            StatementKind::Context => "context",
            StatementKind::Condition | StatementKind::Measure => "item",
        };
        parts.push(
            json!({ "id": format!("{id}_{name}{i}"), "name": name, "ns": NS, "prose": text }),
        );
    }
    for (i, p) in c.criteria.iter().enumerate() {
        let mut part = json!({
            "id": format!("{id}_obj{}", i + 1),
            "name": "assessment-objective",
            "prose": blocks_text(&p.blocks),
        });
        if let Some(tag) = &p.tag {
            part["title"] = json!(tag);
        }
        parts.push(part);
    }
    for n in &c.notes {
        parts.push(json!({ "name": "note", "ns": NS, "class": n.kind, "prose": n.text }));
    }
    for q in &c.commentary {
        parts.push(json!({
            "name": "guidance",
            "title": q.question,
            "prose": blocks_text(&q.answer),
        }));
    }
    // Parts without prose are not allowed to be empty strings: drop them.
    let parts: Vec<Value> = parts
        .into_iter()
        .filter(|p| p["prose"].as_str().is_some_and(|t| !t.trim().is_empty()))
        .collect();
    let mut out = json!({
        "id": id,
        "class": "selfcheck",
        "title": control_title(c),
        "props": props,
    });
    if !parts.is_empty() {
        out["parts"] = Value::Array(parts);
    }
    let links: Vec<Value> = c
        .references
        .iter()
        .filter(|r| r.url.as_deref().is_some_and(is_web_address))
        .map(|r| json!({ "href": r.url, "rel": "reference", "text": r.title }))
        .collect();
    if !links.is_empty() {
        out["links"] = Value::Array(links);
    }
    out
}

fn is_web_address(u: &str) -> bool {
    (u.starts_with("https://") || u.starts_with("http://")) && !u.contains(char::is_whitespace)
}

fn group_oscal(catalog: &Catalog, gi: usize) -> Value {
    let g = &catalog.groups[gi];
    let mut out = json!({ "id": token("group-", &g.id), "title": g.title.ja });
    let mut props = Vec::new();
    if let Some(n) = &g.number {
        props.push(label_prop(n));
    }
    if token("group-", &g.id) != g.id {
        props.push(prop("selfcheck-id", g.id.clone()));
    }
    if !props.is_empty() {
        out["props"] = Value::Array(props);
    }
    let intro = blocks_text(&g.intro);
    if !intro.trim().is_empty() {
        out["parts"] = json!([{ "name": "overview", "prose": intro }]);
    }
    let subs: Vec<Value> = catalog
        .groups
        .iter()
        .enumerate()
        .filter(|(_, s)| s.parent.as_deref() == Some(g.id.as_str()))
        .map(|(i, _)| group_oscal(catalog, i))
        .collect();
    let controls: Vec<Value> = catalog
        .controls_in(&g.id)
        .map(|c| control_oscal(catalog, c))
        .collect();
    if !controls.is_empty() {
        out["controls"] = Value::Array(controls);
    }
    if !subs.is_empty() {
        out["groups"] = Value::Array(subs);
    }
    out
}

fn source_resource(catalog: &Catalog, uuid: &str) -> Value {
    let mut r = json!({
        "uuid": uuid,
        "title": catalog.source.title,
        "props": [prop("role", "source-document")],
    });
    if let Some(u) = catalog.source.url.as_deref().filter(|u| is_web_address(u)) {
        r["rlinks"] = json!([{ "href": u }]);
    }
    r
}

/// A catalog as an OSCAL 1.1.2 catalog document (`{"catalog": …}`).
pub fn catalog_to_oscal(catalog: &Catalog) -> Value {
    let uuid = name_uuid(&["catalog", &catalog.id, &catalog.version]);
    let published = date_as_datetime(&catalog.issued);
    let mut metadata = json!({
        "title": catalog.title.ja,
        "last-modified": published.clone().unwrap_or_else(|| "1970-01-01T00:00:00Z".into()),
        "version": catalog.version,
        "oscal-version": OSCAL_VERSION,
        "props": [
            prop("selfcheck-catalog-id", catalog.id.clone()),
            prop("language", catalog.language.clone()),
            prop("scale", match catalog.scale.kind { ScaleKind::Status => "status", ScaleKind::Maturity => "maturity" }),
        ],
    });
    if let Some(p) = published {
        metadata["published"] = json!(p);
    }
    if !catalog.publisher.ja.trim().is_empty() {
        let party = name_uuid(&["party", &catalog.publisher.ja]);
        metadata["roles"] = json!([{ "id": "creator", "title": "Document Creator" }]);
        metadata["parties"] =
            json!([{ "uuid": party, "type": "organization", "name": catalog.publisher.ja }]);
        metadata["responsible-parties"] = json!([{ "role-id": "creator", "party-uuids": [party] }]);
    }
    if let Some(c) = &catalog.coverage {
        metadata["remarks"] = json!(c.ja);
    }
    for l in &catalog.levels {
        if let Some(arr) = metadata["props"].as_array_mut() {
            arr.push(json!({ "name": "level", "ns": NS, "value": l.id, "remarks": l.name.ja }));
        }
    }
    let groups: Vec<Value> = catalog
        .groups
        .iter()
        .enumerate()
        .filter(|(_, g)| g.parent.is_none())
        .map(|(i, _)| group_oscal(catalog, i))
        .collect();
    let source = name_uuid(&["source", &catalog.id, &catalog.source.title]);
    json!({
        "catalog": {
            "uuid": uuid,
            "metadata": metadata,
            "groups": groups,
            "back-matter": { "resources": [source_resource(catalog, &source)] },
        }
    })
}

fn status_word(s: Status) -> &'static str {
    match s {
        Status::Unanswered => "unanswered",
        Status::Achieved => "achieved",
        Status::Partial => "partial",
        Status::NotAchieved => "not_achieved",
        Status::NotApplicable => "not_applicable",
        Status::NeedsReason => "needs_reason",
    }
}

fn observation(
    catalog: &Catalog,
    doc: &ExportDoc,
    c: &Control,
    a: &Answer,
    set: &AnswerSet,
    lang: &str,
) -> Value {
    let option = catalog.option(&a.option);
    let label = option
        .map(|o| o.label.get(lang).to_string())
        .unwrap_or_else(|| a.option.clone());
    let number = c.number.as_deref().unwrap_or(&c.id);
    let mut description = label.clone();
    if !a.reason.is_empty() {
        description = format!("{description}: {}", a.reason);
    }
    let mut props = vec![
        prop("answer", a.option.clone()),
        prop("status", status_word(score::status(catalog, set, c))),
    ];
    if !a.reason.is_empty() {
        props.push(prop("not-applicable-reason", a.reason.clone()));
    }
    if catalog.scale.kind == ScaleKind::Maturity {
        if let Some(v) = score::current_value(catalog, set, c) {
            props.push(prop("maturity", v.to_string()));
        }
        if let Some(t) = score::target_value(catalog, set, c) {
            props.push(prop("target-maturity", t.to_string()));
        }
    }
    let mut o = json!({
        "uuid": name_uuid(&["observation", &doc.entity.id, &c.id, &a.changed.to_string()]),
        "title": format!("{number}: {label}"),
        "description": description,
        "props": props,
        "methods": ["INTERVIEW"],
        "types": ["control-objective"],
        "collected": iso_datetime(a.changed),
    });
    let evidence: Vec<Value> = a
        .evidence
        .iter()
        .filter(|e| !e.trim().is_empty())
        .map(|e| {
            if is_web_address(e.trim()) {
                json!({ "href": e.trim(), "description": e })
            } else {
                json!({ "description": e })
            }
        })
        .collect();
    if !evidence.is_empty() {
        o["relevant-evidence"] = Value::Array(evidence);
    }
    if !a.note.is_empty() {
        o["remarks"] = json!(a.note);
    }
    o
}

/// An assessment (its export document) as an OSCAL 1.1.2 assessment-results
/// document (`{"assessment-results": …}`); `lang` picks the answer labels.
pub fn assessment_results(catalog: &Catalog, doc: &ExportDoc, lang: &str) -> Value {
    let a = doc.to_assessment();
    let set = AnswerSet::from(&a);
    let exported = doc.exported.to_string();
    let who = doc.entity.name.clone().unwrap_or_else(|| {
        if lang == "en" {
            "anonymous".into()
        } else {
            "匿名".into()
        }
    });
    let catalog_uuid = name_uuid(&["catalog-ref", &catalog.id, &catalog.version]);
    let plan_uuid = name_uuid(&["plan", &doc.entity.id, &exported]);
    let mut observations = Vec::new();
    let mut findings = Vec::new();
    let mut include = Vec::new();
    let mut exclude = Vec::new();
    for c in &catalog.controls {
        let st = score::status(catalog, &set, c);
        let obs = a.answers.get(&c.id).filter(|x| x.is_chosen()).map(|x| {
            let o = observation(catalog, doc, c, x, &set, lang);
            let id = o["uuid"].clone();
            observations.push(o);
            id
        });
        if score::scope(catalog, &set, c) != Scope::InScope {
            continue;
        }
        let cid = control_token(&c.id);
        if st == Status::NotApplicable {
            exclude.push(json!({ "control-id": cid }));
            continue;
        }
        include.push(json!({ "control-id": cid.clone() }));
        let number = c.number.as_deref().unwrap_or(&c.id);
        let state = if st == Status::Achieved {
            "satisfied"
        } else {
            "not-satisfied"
        };
        let mut f = json!({
            "uuid": name_uuid(&["finding", &doc.entity.id, &exported, &c.id]),
            "title": format!("{number} {}", control_title(c)),
            "description": Catalog::headline(c),
            "props": [prop("status", status_word(st))],
            "target": {
                "type": "objective-id",
                "target-id": cid,
                "status": { "state": state },
            },
        });
        if let Some(l) = &c.level {
            if let Some(p) = f["props"].as_array_mut() {
                p.push(prop("level", l.clone()));
            }
        }
        if let Some(id) = obs {
            f["related-observations"] = json!([{ "observation-uuid": id }]);
        }
        findings.push(f);
    }
    let mut selection = Map::new();
    if include.is_empty() {
        selection.insert("include-all".into(), json!({}));
    } else {
        selection.insert("include-controls".into(), Value::Array(include));
    }
    if !exclude.is_empty() {
        selection.insert("exclude-controls".into(), Value::Array(exclude));
    }
    let mut result_props = Vec::new();
    if let Some(l) = &doc.entity.target_level {
        result_props.push(prop("target-level", l.clone()));
    }
    if let Some(s) = &doc.summary {
        result_props.push(prop("in-scope", s.total.to_string()));
        result_props.push(prop("applicable", s.applicable.to_string()));
        result_props.push(prop("achieved", s.achieved.to_string()));
        result_props.push(prop("partial", s.partial.to_string()));
        result_props.push(prop("unanswered", s.unanswered.to_string()));
        if let Some(r) = s.achievement {
            result_props.push(prop("achievement", format!("{r:.4}")));
        }
    }
    let mut result = json!({
        "uuid": name_uuid(&["result", &doc.entity.id, &exported]),
        "title": format!("Self-assessment: {who}"),
        "description": format!("Self-assessment of {who} against {} {}, answered in the selfcheck widget.", catalog.title.ja, catalog.version),
        "start": iso_datetime(doc.entity.created),
        "end": iso_datetime(doc.exported.max(doc.entity.created)),
        "reviewed-controls": { "control-selections": [Value::Object(selection)] },
    });
    if !result_props.is_empty() {
        result["props"] = Value::Array(result_props);
    }
    if !observations.is_empty() {
        result["observations"] = Value::Array(observations);
    }
    if !findings.is_empty() {
        result["findings"] = Value::Array(findings);
    }
    let mut catalog_props = vec![
        prop("selfcheck-catalog-id", catalog.id.clone()),
        prop("catalog-version", catalog.version.clone()),
        prop("content-hash", doc.catalog.content_hash.clone()),
    ];
    if let Some(uuid) = catalog.id.strip_prefix(crate::core::oscal::ID_PREFIX) {
        catalog_props.push(prop("oscal-catalog-uuid", uuid.to_string()));
    }
    json!({
        "assessment-results": {
            "uuid": name_uuid(&["assessment-results", &doc.entity.id, &exported]),
            "metadata": {
                "title": format!("Self-assessment results: {who} — {}", catalog.title.ja),
                "last-modified": iso_datetime(doc.exported),
                "version": exported,
                "oscal-version": OSCAL_VERSION,
                "props": [prop("tool", "selfcheck")],
            },
            "import-ap": { "href": format!("#{plan_uuid}") },
            "results": [result],
            "back-matter": { "resources": [
                {
                    "uuid": catalog_uuid,
                    "title": catalog.title.ja,
                    "description": format!("The catalog answered: {} (id {}, version {}).", catalog.title.ja, catalog.id, catalog.version),
                    "props": catalog_props,
                },
                {
                    "uuid": plan_uuid,
                    "title": "Self-assessment plan",
                    "description": "There is no separate assessment plan: the respondent answered every control of the catalog (back-matter) in scope of the target level.",
                    "props": [prop("role", "assessment-plan")],
                },
            ] },
        }
    })
}

/// Pretty-printed JSON text of an OSCAL document, with a final newline.
pub fn to_text(doc: &Value) -> String {
    serde_json::to_string_pretty(doc).unwrap_or_default() + "\n"
}

#[cfg(test)]
mod test {
    use super::*;
    use crate::core::assessment::{apply, Action, Assessment};
    use crate::core::report::export_doc;

    const JAMA: &str = include_str!("../../catalogs/jama-japia-v2.2.json");
    const NISC: &str = include_str!("../../catalogs/nisc-2023.json");

    #[test]
    fn ids_become_tokens_and_uuids_have_the_oscal_form() {
        for (id, want) in [
            ("ac-1", "ac-1"),
            ("1", "item-1"),
            ("3.1.1-1", "item-3.1.1-1"),
            ("a b", "item-a_b"),
            ("_x", "_x"),
        ] {
            assert_eq!(control_token(id), want);
        }
        let u = name_uuid(&["x"]);
        assert_eq!(u.len(), 36);
        assert_eq!(&u[14..15], "5");
        assert!(matches!(&u[19..20], "8" | "9" | "a" | "b"), "{u}");
        assert_eq!(u, name_uuid(&["x"]), "stable");
        assert_ne!(u, name_uuid(&["y"]));
        assert_eq!(iso_datetime(0), "1970-01-01T00:00:00.000Z");
        assert_eq!(iso_datetime(1_717_243_506_789), "2024-06-01T12:05:06.789Z");
    }

    #[test]
    fn shipped_catalogs_become_oscal_catalogs_with_every_control() {
        for text in [JAMA, NISC] {
            let c = crate::core::catalog::parse(text).unwrap();
            let o = catalog_to_oscal(&c);
            let out = to_text(&o);
            let mut ids = Vec::new();
            fn walk(v: &Value, ids: &mut Vec<String>) {
                for g in v["groups"].as_array().into_iter().flatten() {
                    for c in g["controls"].as_array().into_iter().flatten() {
                        ids.push(c["id"].as_str().unwrap_or("").to_string());
                    }
                    walk(g, ids);
                }
            }
            walk(&o["catalog"], &mut ids);
            assert_eq!(ids.len(), c.controls.len(), "{}", c.id);
            assert!(ids.iter().all(|i| is_token(i)));
            assert!(out.contains("\"oscal-version\": \"1.1.2\""));
            // And it reads back through OSCAL in with the same items and texts.
            let back = crate::core::oscal::to_catalog(&out, "x.json").unwrap();
            assert_eq!(back.controls.len(), c.controls.len());
            assert_eq!(
                back.controls[0].number,
                c.controls[0]
                    .number
                    .clone()
                    .or(Some(c.controls[0].id.clone()))
            );
        }
    }

    #[test]
    fn an_assessment_becomes_results_with_findings_and_observations() {
        let c = crate::core::catalog::parse(JAMA).unwrap();
        let mut a = Assessment::new("e1", &c.id, &c.version, 1_000);
        a.target_level = Some("Lv1".into());
        let lv1: Vec<_> = c
            .controls
            .iter()
            .filter(|x| x.level.as_deref() == Some("Lv1"))
            .collect();
        let set = |a: &Assessment, id: &str, option: &str| {
            apply(
                a,
                Action::Answer {
                    control: id.into(),
                    option: option.into(),
                    now: 2_000,
                },
            )
        };
        a = set(&a, &lv1[0].id, "achieved");
        a = set(&a, &lv1[1].id, "partial");
        a = set(&a, &lv1[2].id, "not_applicable");
        a = apply(
            &a,
            Action::SetReason {
                control: lv1[2].id.clone(),
                reason: "工場なし".into(),
                now: 2_100,
            },
        );
        a = apply(
            &a,
            Action::SetNote {
                control: lv1[0].id.clone(),
                note: "<script>x</script>".into(),
                now: 2_200,
            },
        );
        a = apply(
            &a,
            Action::SetEvidence {
                control: lv1[0].id.clone(),
                evidence: vec!["規程.pdf".into(), "https://example.com/p".into()],
                now: 2_300,
            },
        );
        let doc = export_doc(&c, &a, 5_000).unwrap();
        let r = assessment_results(&c, &doc, "ja");
        let res = &r["assessment-results"]["results"][0];
        let findings = res["findings"].as_array().unwrap();
        assert_eq!(
            findings.len(),
            lv1.len() - 1,
            "every applicable in-scope control"
        );
        let state = |id: &str| {
            findings
                .iter()
                .find(|f| f["target"]["target-id"] == control_token(id))
                .map(|f| f["target"]["status"]["state"].as_str().unwrap().to_string())
        };
        assert_eq!(state(&lv1[0].id).as_deref(), Some("satisfied"));
        assert_eq!(state(&lv1[1].id).as_deref(), Some("not-satisfied"));
        assert_eq!(
            state(&lv1[3].id).as_deref(),
            Some("not-satisfied"),
            "unanswered"
        );
        assert_eq!(state(&lv1[2].id), None, "not applicable: excluded");
        let excluded =
            &res["reviewed-controls"]["control-selections"][0]["exclude-controls"][0]["control-id"];
        assert_eq!(excluded, &json!(control_token(&lv1[2].id)));
        let obs = res["observations"].as_array().unwrap();
        assert_eq!(obs.len(), 3);
        let first = obs
            .iter()
            .find(|o| o["remarks"] == "<script>x</script>")
            .unwrap();
        assert_eq!(
            first["relevant-evidence"][1]["href"],
            "https://example.com/p"
        );
        assert_eq!(first["relevant-evidence"][0]["description"], "規程.pdf");
        let na = obs
            .iter()
            .find(|o| o["description"] == "対象外: 工場なし")
            .unwrap();
        assert!(na["props"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["name"] == "not-applicable-reason" && p["value"] == "工場なし"));
        let back = &r["assessment-results"]["back-matter"]["resources"][0];
        assert!(back["props"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["value"] == "jama-japia-v2.2"));
        assert!(res["props"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["name"] == "target-level" && p["value"] == "Lv1"));
        // The same export gives the same document.
        assert_eq!(to_text(&r), to_text(&assessment_results(&c, &doc, "ja")));
    }

    #[test]
    fn maturity_values_and_targets_are_props() {
        let c = crate::core::catalog::parse(NISC).unwrap();
        let mut a = Assessment::new("e2", &c.id, &c.version, 1_000);
        a = apply(
            &a,
            Action::Answer {
                control: c.controls[0].id.clone(),
                option: "m2".into(),
                now: 2_000,
            },
        );
        let doc = export_doc(&c, &a, 5_000).unwrap();
        let r = assessment_results(&c, &doc, "en");
        let o = &r["assessment-results"]["results"][0]["observations"][0];
        let props = o["props"].as_array().unwrap();
        assert!(props
            .iter()
            .any(|p| p["name"] == "maturity" && p["value"] == "2"));
        assert!(props
            .iter()
            .any(|p| p["name"] == "target-maturity" && p["value"] == "3"));
        let f = &r["assessment-results"]["results"][0]["findings"][0];
        assert_eq!(f["target"]["target-id"], control_token(&c.controls[0].id));
        assert_eq!(f["target"]["status"]["state"], "not-satisfied");
    }
}
