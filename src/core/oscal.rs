//! OSCAL in: an OSCAL 1.1 catalog (JSON) -> the widget's [`Catalog`].
//!
//! Any OSCAL catalog can be answered like a shipped one. The mapping
//! (documented for users in `docs/oscal.md`):
//!
//! - `catalog.uuid` gives the catalog id `oscal-<uuid>` (answers are stored
//!   per catalog id, so a reloaded catalog finds its answers again);
//!   `metadata.version` the version, `metadata.title` the title.
//! - Groups and nested groups become groups (a nested group names its parent);
//!   controls directly under the catalog go to one group `oscal-controls`.
//! - Every control and every enhancement (a control inside a control) becomes
//!   an item, in document order, enhancements right after their control and in
//!   its group, with a note naming the control they enhance. Withdrawn
//!   controls (`props` `status` = `withdrawn`) are left out.
//! - The item's texts: the `statement` part is the main question (its prose,
//!   or the control title when the statement only has sub-items), its `item`
//!   sub-parts the list under it, with their labels (`a.`, `1.`); the title is
//!   the requirement; an `overview` part the purpose; the `guidance` part (and
//!   its sub-parts) the commentary. Assessment objectives and methods are not
//!   shown (they are how an assessor checks, not what the company does).
//! - Parameters are shown the way NIST prints them: `{{ insert: param, id }}`
//!   becomes the parameter's value if it has one, else
//!   `[Selection (one or more): a; b]` for a choice, else
//!   `[Assignment: label]`.
//! - `links` with `rel` = `reference` to back-matter resources become the
//!   item's references (title or citation, first `rlinks` address).
//! - The answer scale is the status scale ([`catalog::status_scale`]); OSCAL
//!   catalogs have no levels.
//!
//! Errors are [`CatalogError`]s located in the *OSCAL* document
//! (`catalog.groups[2].controls[0].title`), so a user can find the place in
//! the file they loaded; the converted catalog is then checked by
//! [`catalog::validate`] like any other.

use crate::core::catalog::{
    self, Block, Catalog, CatalogError, Commentary, Control, Group, ListItem, Note, Problem,
    Reference, SourceDocument, Statement, StatementKind, Text, CATALOG_FORMAT, MAX_CATALOG_BYTES,
};
use serde::Deserialize;
use std::collections::{HashMap, HashSet};

/// Group id used for controls that sit directly under the catalog.
pub const TOP_GROUP: &str = "oscal-controls";

/// Prefix of the catalog id made from the OSCAL catalog's uuid.
pub const ID_PREFIX: &str = "oscal-";

/// Deepest nesting of parameters inside parameter choices that is expanded.
const MAX_PARAM_DEPTH: usize = 4;

/// Whether a JSON text is an OSCAL catalog document (`{"catalog": {…}}`,
/// possibly after a `"$schema"` member): a cheap look at the first keys, so
/// that the widget knows to convert it before parsing.
pub fn is_oscal_catalog(text: &str) -> bool {
    let mut s = text.trim_start_matches('\u{feff}').trim_start();
    let Some(rest) = s.strip_prefix('{') else {
        return false;
    };
    s = rest;
    for _ in 0..2 {
        s = s.trim_start();
        let Some(rest) = s.strip_prefix('"') else {
            return false;
        };
        let Some(end) = rest.find('"') else {
            return false;
        };
        let key = &rest[..end];
        let after = rest[end + 1..].trim_start();
        let Some(value) = after.strip_prefix(':') else {
            return false;
        };
        let value = value.trim_start();
        match key {
            "catalog" => return value.starts_with('{'),
            "$schema" => {
                // Skip the schema string and the comma after it.
                let Some(v) = value.strip_prefix('"') else {
                    return false;
                };
                let Some(vend) = v.find('"') else {
                    return false;
                };
                let Some(next) = v[vend + 1..].trim_start().strip_prefix(',') else {
                    return false;
                };
                s = next;
            }
            _ => return false,
        }
    }
    false
}

#[derive(Deserialize)]
struct Doc {
    catalog: OCatalog,
}

#[derive(Deserialize)]
struct OCatalog {
    uuid: String,
    metadata: Metadata,
    #[serde(default)]
    params: Vec<Param>,
    #[serde(default)]
    controls: Vec<OControl>,
    #[serde(default)]
    groups: Vec<OGroup>,
    #[serde(default, rename = "back-matter")]
    back_matter: Option<BackMatter>,
}

#[derive(Deserialize)]
struct Metadata {
    title: String,
    #[serde(default)]
    published: Option<String>,
    #[serde(rename = "last-modified")]
    last_modified: String,
    version: String,
    #[serde(rename = "oscal-version")]
    oscal_version: String,
    #[serde(default)]
    parties: Vec<Party>,
}

#[derive(Deserialize)]
struct Party {
    #[serde(default)]
    name: Option<String>,
}

#[derive(Deserialize)]
struct OGroup {
    #[serde(default)]
    id: Option<String>,
    title: String,
    #[serde(default)]
    props: Vec<Prop>,
    #[serde(default)]
    params: Vec<Param>,
    #[serde(default)]
    parts: Vec<Part>,
    #[serde(default)]
    groups: Vec<OGroup>,
    #[serde(default)]
    controls: Vec<OControl>,
}

#[derive(Deserialize)]
struct OControl {
    id: String,
    title: String,
    #[serde(default)]
    params: Vec<Param>,
    #[serde(default)]
    props: Vec<Prop>,
    #[serde(default)]
    links: Vec<Link>,
    #[serde(default)]
    parts: Vec<Part>,
    #[serde(default)]
    controls: Vec<OControl>,
}

#[derive(Deserialize)]
struct Param {
    id: String,
    #[serde(default)]
    label: Option<String>,
    #[serde(default)]
    values: Vec<String>,
    #[serde(default)]
    select: Option<Select>,
}

#[derive(Deserialize)]
struct Select {
    #[serde(default, rename = "how-many")]
    how_many: Option<String>,
    #[serde(default)]
    choice: Vec<String>,
}

#[derive(Deserialize)]
struct Part {
    name: String,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    props: Vec<Prop>,
    #[serde(default)]
    prose: Option<String>,
    #[serde(default)]
    parts: Vec<Part>,
}

#[derive(Deserialize)]
struct Prop {
    name: String,
    value: String,
    #[serde(default)]
    class: Option<String>,
}

#[derive(Deserialize)]
struct Link {
    href: String,
    #[serde(default)]
    rel: Option<String>,
}

#[derive(Deserialize)]
struct BackMatter {
    #[serde(default)]
    resources: Vec<Resource>,
}

#[derive(Deserialize)]
struct Resource {
    uuid: String,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    citation: Option<Citation>,
    #[serde(default)]
    rlinks: Vec<RLink>,
}

#[derive(Deserialize)]
struct Citation {
    text: String,
}

#[derive(Deserialize)]
struct RLink {
    href: String,
}

fn invalid(path: impl Into<String>, problem: Problem) -> CatalogError {
    CatalogError::Invalid {
        path: path.into(),
        problem,
    }
}

/// The `label` prop a document prints: the one without a class, else the first.
fn label(props: &[Prop]) -> Option<String> {
    let labels = || props.iter().filter(|p| p.name == "label");
    labels()
        .find(|p| p.class.is_none())
        .or_else(|| labels().next())
        .map(|p| p.value.clone())
}

fn withdrawn(props: &[Prop]) -> bool {
    props
        .iter()
        .any(|p| p.name == "status" && p.value == "withdrawn")
}

/// Converts an OSCAL catalog document to a catalog. `file` names the file or
/// URL it was loaded from (kept as the catalog's source).
pub fn to_catalog(text: &str, file: &str) -> Result<Catalog, CatalogError> {
    if text.len() > MAX_CATALOG_BYTES {
        return Err(CatalogError::TooLarge {
            size: text.len(),
            limit: MAX_CATALOG_BYTES,
        });
    }
    let doc: Doc = crate::core::located::from_str(text).map_err(CatalogError::Format)?;
    let cat = doc.catalog;
    if cat.uuid.trim().is_empty() {
        return Err(invalid("catalog.uuid", Problem::Empty));
    }
    if cat.metadata.title.trim().is_empty() {
        return Err(invalid("catalog.metadata.title", Problem::Empty));
    }
    let mut conv = Converter {
        params: HashMap::new(),
        resources: HashMap::new(),
        groups: Vec::new(),
        controls: Vec::new(),
        control_paths: HashSet::new(),
        group_ids: HashSet::new(),
        enhancements: 0,
    };
    for r in cat.back_matter.iter().flat_map(|b| &b.resources) {
        let title = r
            .title
            .clone()
            .or_else(|| r.citation.as_ref().map(|c| c.text.clone()))
            .unwrap_or_else(|| r.uuid.clone());
        let url = r.rlinks.first().map(|l| l.href.clone());
        conv.resources
            .insert(r.uuid.clone(), Reference { title, url });
    }
    conv.collect_params(&cat.params, &cat.groups, &cat.controls);
    if !cat.controls.is_empty() {
        conv.add_group(
            TOP_GROUP,
            None,
            Text::both("管理策", "Controls"),
            None,
            Vec::new(),
            "catalog",
        )?;
        for (i, c) in cat.controls.iter().enumerate() {
            conv.add_control(c, TOP_GROUP, None, &format!("catalog.controls[{i}]"))?;
        }
    }
    for (i, g) in cat.groups.iter().enumerate() {
        conv.walk_group(g, None, &format!("catalog.groups[{i}]"))?;
    }
    if conv.controls.is_empty() {
        return Err(invalid("catalog", Problem::NoControls));
    }
    let meta = &cat.metadata;
    let issued = meta
        .published
        .as_deref()
        .unwrap_or(&meta.last_modified)
        .chars()
        .take(10)
        .collect::<String>();
    let publisher = meta
        .parties
        .iter()
        .find_map(|p| p.name.clone())
        .unwrap_or_default();
    let (n, e, g) = (conv.controls.len(), conv.enhancements, conv.groups.len());
    let coverage = Text::both(
        format!(
            "OSCAL {v} のカタログから変換: {n} 項目(うち拡張 {e})、{g} 分類。ステートメントとガイダンスを表示し、評価目的・評価方法は省いています。",
            v = meta.oscal_version
        ),
        format!(
            "Converted from an OSCAL {v} catalog: {n} items ({e} of them enhancements) in {g} groups. Statements and guidance are shown; assessment objectives and methods are left out.",
            v = meta.oscal_version
        ),
    );
    let catalog = Catalog {
        format: CATALOG_FORMAT,
        id: format!("{ID_PREFIX}{}", cat.uuid.trim()),
        version: meta.version.clone(),
        title: Text::ja(meta.title.clone()),
        publisher: Text::ja(publisher),
        issued,
        language: "en".to_string(),
        source: SourceDocument {
            title: meta.title.clone(),
            url: None,
            file: Some(file.to_string()),
        },
        coverage: Some(coverage),
        levels: Vec::new(),
        scale: catalog::status_scale(),
        groups: conv.groups,
        controls: conv.controls,
        guidance: Vec::new(),
        repairs: Vec::new(),
    };
    catalog::validate(&catalog)?;
    Ok(catalog)
}

struct Converter<'a> {
    params: HashMap<&'a str, &'a Param>,
    resources: HashMap<String, Reference>,
    groups: Vec<Group>,
    controls: Vec<Control>,
    /// Control ids seen so far.
    control_paths: HashSet<String>,
    group_ids: HashSet<String>,
    enhancements: usize,
}

impl<'a> Converter<'a> {
    fn collect_params(
        &mut self,
        params: &'a [Param],
        groups: &'a [OGroup],
        controls: &'a [OControl],
    ) {
        for p in params {
            self.params.insert(p.id.as_str(), p);
        }
        for g in groups {
            self.collect_params(&g.params, &g.groups, &g.controls);
        }
        for c in controls {
            self.collect_params(&c.params, &[], &c.controls);
        }
    }

    fn add_group(
        &mut self,
        id: &str,
        number: Option<String>,
        title: Text,
        parent: Option<&str>,
        intro: Vec<Block>,
        path: &str,
    ) -> Result<(), CatalogError> {
        if !self.group_ids.insert(id.to_string()) {
            return Err(invalid(
                format!("{path}.id"),
                Problem::DuplicateId(id.to_string()),
            ));
        }
        self.groups.push(Group {
            id: id.to_string(),
            number,
            title,
            parent: parent.map(str::to_string),
            intro,
        });
        Ok(())
    }

    fn walk_group(
        &mut self,
        g: &'a OGroup,
        parent: Option<&str>,
        path: &str,
    ) -> Result<(), CatalogError> {
        let id = match g.id.as_deref().map(str::trim) {
            Some(id) if !id.is_empty() => id.to_string(),
            _ => format!("oscal-group-{}", self.groups.len() + 1),
        };
        if g.title.trim().is_empty() {
            return Err(invalid(format!("{path}.title"), Problem::Empty));
        }
        let intro = g.parts.iter().flat_map(|p| self.part_blocks(p)).collect();
        self.add_group(
            &id,
            label(&g.props),
            Text::ja(g.title.clone()),
            parent,
            intro,
            path,
        )?;
        for (i, c) in g.controls.iter().enumerate() {
            self.add_control(c, &id, None, &format!("{path}.controls[{i}]"))?;
        }
        for (i, sub) in g.groups.iter().enumerate() {
            self.walk_group(sub, Some(&id), &format!("{path}.groups[{i}]"))?;
        }
        Ok(())
    }

    fn add_control(
        &mut self,
        c: &'a OControl,
        group: &str,
        parent: Option<(&str, &str)>,
        path: &str,
    ) -> Result<(), CatalogError> {
        let id = c.id.trim();
        if id.is_empty() {
            return Err(invalid(format!("{path}.id"), Problem::Empty));
        }
        if c.title.trim().is_empty() {
            return Err(invalid(format!("{path}.title"), Problem::Empty));
        }
        if !self.control_paths.insert(id.to_string()) {
            return Err(invalid(
                format!("{path}.id"),
                Problem::DuplicateId(id.to_string()),
            ));
        }
        let number = label(&c.props);
        let shown = number.clone().unwrap_or_else(|| id.to_string());
        if !withdrawn(&c.props) {
            let control = self.control(c, id, number, group, parent);
            self.controls.push(control);
            if parent.is_some() {
                self.enhancements += 1;
            }
        }
        for (i, e) in c.controls.iter().enumerate() {
            self.add_control(
                e,
                group,
                Some((&shown, &c.title)),
                &format!("{path}.controls[{i}]"),
            )?;
        }
        Ok(())
    }

    fn control(
        &self,
        c: &OControl,
        id: &str,
        number: Option<String>,
        group: &str,
        parent: Option<(&str, &str)>,
    ) -> Control {
        let title = self.prose(&c.title);
        let mut statements = Vec::new();
        for p in c.parts.iter().filter(|p| p.name == "overview") {
            if let Some(text) = p.prose.as_deref() {
                statements.push(stmt(StatementKind::Purpose, self.prose(text), Vec::new()));
            }
        }
        let main = c.parts.iter().find(|p| p.name == "statement");
        let prose = main
            .and_then(|p| p.prose.as_deref())
            .map(|t| self.prose(t))
            .filter(|t| !t.trim().is_empty());
        let items = main.map(|p| self.items(&p.parts)).unwrap_or_default();
        match prose {
            Some(text) => {
                statements.push(stmt(StatementKind::Requirement, title, Vec::new()));
                statements.push(stmt(StatementKind::Condition, text, items));
            }
            None => statements.push(stmt(StatementKind::Condition, title, items)),
        }
        let commentary = c
            .parts
            .iter()
            .filter(|p| p.name == "guidance")
            .enumerate()
            .map(|(i, p)| Commentary {
                number: u32::try_from(i + 1).unwrap_or(u32::MAX),
                section: None,
                question: p.title.clone().unwrap_or_else(|| "Guidance".to_string()),
                answer: self.part_blocks(p),
                references: Vec::new(),
            })
            .filter(|c| !c.answer.is_empty())
            .collect();
        let references = c
            .links
            .iter()
            .filter(|l| l.rel.as_deref() == Some("reference"))
            .filter_map(|l| self.resources.get(l.href.trim_start_matches('#')).cloned())
            .collect();
        let notes = parent
            .map(|(label, title)| Note {
                kind: "source".to_string(),
                text: format!("Enhancement of {label} {title}"),
            })
            .into_iter()
            .collect();
        Control {
            id: id.to_string(),
            group: group.to_string(),
            number,
            level: None,
            priority: None,
            statements,
            criteria: Vec::new(),
            notes,
            cross_refs: Vec::new(),
            commentary,
            references,
            target: None,
        }
    }

    /// Sub-parts as list items, each with its label (`a.`) before its prose.
    fn items(&self, parts: &[Part]) -> Vec<ListItem> {
        parts
            .iter()
            .filter(|p| p.name == "item" || p.prose.is_some())
            .map(|p| {
                let prose = p
                    .prose
                    .as_deref()
                    .map(|t| self.prose(t))
                    .unwrap_or_default();
                let text = match label(&p.props) {
                    Some(l) => format!("{l} {}", prose.trim()),
                    None => prose.trim().to_string(),
                };
                ListItem {
                    text,
                    items: self.items(&p.parts),
                }
            })
            .collect()
    }

    /// A part's prose as paragraphs (blank-line separated), then its sub-parts
    /// (a heading for a titled one).
    fn part_blocks(&self, p: &Part) -> Vec<Block> {
        let mut out = Vec::new();
        if let Some(text) = p.prose.as_deref() {
            for para in self.prose(text).split("\n\n") {
                let para = para.trim();
                if !para.is_empty() {
                    out.push(Block::Paragraph {
                        text: para.to_string(),
                    });
                }
            }
        }
        for sub in &p.parts {
            if let Some(t) = &sub.title {
                out.push(Block::Heading { text: t.clone() });
            }
            out.extend(self.part_blocks(sub));
        }
        out
    }

    /// Prose with every `{{ insert: param, id }}` replaced by the parameter's text.
    fn prose(&self, text: &str) -> String {
        self.prose_at(text, 0)
    }

    fn prose_at(&self, text: &str, depth: usize) -> String {
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(start) = rest.find("{{") {
            let Some(len) = rest[start..].find("}}") else {
                break;
            };
            out.push_str(&rest[..start]);
            let inner = &rest[start + 2..start + len];
            match insert_param(inner).and_then(|id| self.params.get(id)) {
                Some(p) if depth < MAX_PARAM_DEPTH => out.push_str(&self.param_text(p, depth)),
                _ => out.push_str(&rest[start..start + len + 2]),
            }
            rest = &rest[start + len + 2..];
        }
        out.push_str(rest);
        out
    }

    fn param_text(&self, p: &Param, depth: usize) -> String {
        if !p.values.is_empty() {
            return p.values.join(", ");
        }
        if let Some(sel) = &p.select {
            let choices: Vec<String> = sel
                .choice
                .iter()
                .map(|c| self.prose_at(c, depth + 1))
                .collect();
            let how = match sel.how_many.as_deref() {
                Some("one-or-more") => "Selection (one or more)",
                _ => "Selection",
            };
            return format!("[{how}: {}]", choices.join("; "));
        }
        match p.label.as_deref() {
            Some(l) if !l.trim().is_empty() => format!("[Assignment: {}]", l.trim()),
            _ => format!("[Assignment: {}]", p.id),
        }
    }
}

fn stmt(kind: StatementKind, text: String, items: Vec<ListItem>) -> Statement {
    Statement {
        kind,
        text,
        en: None,
        items,
    }
}

/// The parameter id of an `insert: param, ID` instruction.
fn insert_param(inner: &str) -> Option<&str> {
    let rest = inner.trim().strip_prefix("insert:")?.trim_start();
    let id = rest
        .strip_prefix("param")?
        .trim_start()
        .strip_prefix(',')?
        .trim();
    (!id.is_empty()).then_some(id)
}

#[cfg(test)]
mod test {
    use super::*;

    const SP800_53_LOW: &str = include_str!(
        "../../tests/fixtures/oscal/NIST_SP-800-53_rev5_LOW-baseline-resolved-profile_catalog-min.json"
    );
    const BASIC: &str = include_str!("../../tests/fixtures/oscal/basic-catalog.json");

    /// A small OSCAL catalog: one group with a nested group, a control with
    /// an enhancement, a parameter with a label and one with a choice.
    const SMALL: &str = r##"{
      "catalog": {
        "uuid": "11111111-2222-4333-8444-555555555555",
        "metadata": {"title": "Small", "last-modified": "2024-02-01T00:00:00Z",
                     "version": "1.0", "oscal-version": "1.1.2"},
        "groups": [{"id": "g", "title": "Group", "props": [{"name": "label", "value": "1"}],
          "groups": [{"id": "g.1", "title": "Sub",
            "controls": [{"id": "c-1", "title": "Thing",
              "params": [{"id": "p1", "label": "a frequency"},
                         {"id": "p2", "select": {"how-many": "one-or-more", "choice": ["daily", "every {{ insert: param, p1 }}"]}}],
              "props": [{"name": "label", "value": "C-01", "class": "zero-padded"}, {"name": "label", "value": "C-1"}],
              "parts": [
                {"name": "statement", "prose": "Review logs {{ insert: param, p1 }}; keep {{ insert: param, p2 }}.",
                 "parts": [{"name": "item", "props": [{"name": "label", "value": "a."}], "prose": "first"}]},
                {"name": "guidance", "prose": "Why.\n\nMore."}],
              "controls": [{"id": "c-1.1", "title": "Automated", "props": [{"name": "label", "value": "C-1(1)"}],
                "parts": [{"name": "statement", "parts": [{"name": "item", "props": [{"name": "label", "value": "(a)"}], "prose": "do it"}]}]},
                {"id": "c-1.2", "title": "Gone", "props": [{"name": "status", "value": "withdrawn"}]}]
            }]
          }]
        }]
      }
    }"##;

    #[test]
    fn detects_oscal_catalogs_by_their_first_key() {
        for (text, want) in [
            (r#"{"catalog": {"uuid": "x"}}"#, true),
            ("\u{feff} {\n \"catalog\" :{", true),
            (
                r#"{"$schema": "https://x/oscal.json", "catalog": {}}"#,
                true,
            ),
            (r#"{"format": 1, "id": "jama"}"#, false),
            (
                r#"{"format": "selfcheck-export", "catalog": {"id": "x"}}"#,
                false,
            ),
            (r#"{"catalogs": []}"#, false),
            (r#"{"catalog": 5}"#, false),
            ("not json", false),
            ("", false),
        ] {
            assert_eq!(is_oscal_catalog(text), want, "{text}");
        }
        assert!(is_oscal_catalog(SP800_53_LOW));
        assert!(is_oscal_catalog(BASIC));
    }

    #[test]
    fn a_small_catalog_maps_groups_controls_enhancements_and_params() {
        let c = to_catalog(SMALL, "small.json").unwrap();
        assert_eq!(c.id, "oscal-11111111-2222-4333-8444-555555555555");
        assert_eq!(c.version, "1.0");
        assert_eq!(c.issued, "2024-02-01");
        let ids: Vec<_> = c
            .groups
            .iter()
            .map(|g| (g.id.as_str(), g.parent.as_deref()))
            .collect();
        assert_eq!(ids, [("g", None), ("g.1", Some("g"))]);
        assert_eq!(c.groups[0].number.as_deref(), Some("1"));
        // The withdrawn enhancement is left out; the other follows its control.
        let ctl: Vec<_> = c
            .controls
            .iter()
            .map(|x| (x.id.as_str(), x.group.as_str(), x.number.as_deref()))
            .collect();
        assert_eq!(
            ctl,
            [
                ("c-1", "g.1", Some("C-1")),
                ("c-1.1", "g.1", Some("C-1(1)"))
            ]
        );
        let first = &c.controls[0];
        assert_eq!(
            Catalog::headline(first),
            "Review logs [Assignment: a frequency]; keep [Selection (one or more): daily; every [Assignment: a frequency]]."
        );
        assert_eq!(first.statements[0].kind, StatementKind::Requirement);
        assert_eq!(first.statements[0].text, "Thing");
        assert_eq!(first.statements[1].items[0].text, "a. first");
        assert_eq!(first.commentary[0].answer.len(), 2);
        // An enhancement whose statement has only items: the title is the question.
        let enh = &c.controls[1];
        assert_eq!(Catalog::headline(enh), "Automated");
        assert_eq!(enh.statements[0].items[0].text, "(a) do it");
        assert_eq!(enh.notes[0].text, "Enhancement of C-1 Thing");
        assert_eq!(c.scale.options.len(), 4);
    }

    #[test]
    fn the_sp800_53_low_baseline_converts() {
        let c = to_catalog(SP800_53_LOW, "low.json").unwrap();
        assert_eq!(c.controls.len(), 149, "131 controls and 18 enhancements");
        assert_eq!(c.groups.len(), 18);
        assert_eq!(c.version, "5.1.1+u4");
        let ac1 = c.control("ac-1").unwrap();
        assert_eq!(ac1.number.as_deref(), Some("AC-1"));
        assert_eq!(Catalog::headline(ac1), "Policy and Procedures");
        assert!(ac1.statements[0].items[0]
            .text
            .starts_with("a. Develop, document, and disseminate to [Assignment: organization-defined personnel or roles]:"));
        assert!(ac1.statements[0].items[0].items[0].text.contains("[Selection (one or more): organization-level; mission/business process-level; system-level]"));
        assert!(!ac1.references.is_empty());
        assert!(matches!(&ac1.commentary[0].answer[0],
            Block::Paragraph { text } if text.starts_with("Access control policy and procedures address")));
        // No parameter left unexpanded anywhere.
        let json = serde_json::to_string(&c).unwrap();
        assert!(!json.contains("{{"), "unexpanded insert");
        let enh = c.control("ac-2.1");
        assert!(enh.is_none_or(|e| e.group == "ac"));
    }

    #[test]
    fn the_basic_example_catalog_converts_with_nested_groups() {
        let c = to_catalog(BASIC, "basic.json").unwrap();
        assert!(c.groups.iter().any(|g| g.parent.is_some()));
        assert!(!c.controls.is_empty());
        let json = serde_json::to_string(&c).unwrap();
        assert!(!json.contains("{{ insert"), "unexpanded insert");
    }

    #[test]
    fn malformed_oscal_is_located_in_the_oscal_document() {
        let cases = [
            (
                SMALL.replace(r#""title": "Thing","#, r#""title": 7,"#),
                "catalog.groups[0].groups[0].controls[0].title",
            ),
            (
                SMALL.replace(r#""id": "c-1.1""#, r#""id": "c-1""#),
                "catalog.groups[0].groups[0].controls[0].controls[0].id",
            ),
            (
                SMALL.replace(r#""title": "Sub""#, r#""title": " ""#),
                "catalog.groups[0].groups[0].title",
            ),
            (
                SMALL.replace(r#""version": "1.0", "#, ""),
                "catalog.metadata",
            ),
        ];
        for (text, path) in cases {
            let err = to_catalog(&text, "x.json").unwrap_err();
            assert_eq!(err.path(), path, "{err}");
        }
        let empty = r#"{"catalog": {"uuid": "u", "metadata": {"title": "T", "last-modified": "2024-01-01T00:00:00Z", "version": "1", "oscal-version": "1.1.2"}}}"#;
        assert_eq!(
            to_catalog(empty, "e.json").unwrap_err(),
            invalid("catalog", Problem::NoControls)
        );
        assert!(matches!(
            to_catalog("{\"catalog\": {", "t.json"),
            Err(CatalogError::Format(_))
        ));
    }
}
