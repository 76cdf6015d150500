//! The peer comparison laid out for the widget (option `benchmark`): where
//! the respondent stands against a benchmark file
//! (`selfcheck::core::aggregate::position`), as rows of ready-to-show text in
//! the user's language and the positions of a small box plot. The widget
//! renders these strings as text and computes nothing, so the benchmark
//! reader, the comparison and their words stay out of its first download.

use selfcheck::core::aggregate::{parse_benchmark, position, BenchmarkError, Measure, Standing};
use selfcheck::core::catalog::Catalog;
use selfcheck::core::outline::IndexedCatalog;
use selfcheck::core::report::{date_ymd, ExportDoc};
use selfcheck::core::score::AnswerSet;
use selfcheck::i18n::{fixed, pct, peer_words, Lang};

/// Width of the box plot's scale, in SVG user units.
pub const PLOT_WIDTH: f64 = 120.0;

/// One row: a figure of the respondent beside the peers'.
#[derive(Debug, Clone, PartialEq)]
pub struct PeerRow {
    /// `overall`, `level` or `group`.
    pub kind: &'static str,
    /// Cells: area, you, median, middle 50%, lowest–highest, where you stand
    /// (the last four empty when the benchmark withheld the figure).
    pub cells: [String; 6],
    /// Withheld: the sentence that says so (the four peer cells are empty).
    pub withheld: Option<&'static str>,
    /// Box plot on `0..=PLOT_WIDTH`: `[min, q1, median, q3, max]` of the
    /// peers (when published) and the respondent's mark.
    pub plot: (Option<[f64; 5]>, Option<f64>),
}

/// A gap of the respondent that most peers have closed.
#[derive(Debug, Clone, PartialEq)]
pub struct PeerGap {
    /// Control id (for the jump to the item).
    pub control: String,
    /// Number and headline.
    pub label: String,
    /// "Achieved by peers 80%".
    pub share: String,
}

/// The comparison, ready to show.
#[derive(Debug, Clone, PartialEq)]
pub struct PeerView {
    /// "Respondents 8 · Made on 2026-12-02".
    pub meta: String,
    /// Column headings.
    pub columns: [&'static str; 6],
    /// Overall, then per level, then per top-level group.
    pub rows: Vec<PeerRow>,
    /// Heading, help and empty-list sentence of the gaps most peers closed.
    pub closed_words: [&'static str; 3],
    /// The respondent's gaps most peers closed, most closed first, at most 10.
    pub closed: Vec<PeerGap>,
}

/// Where `mine` falls among the peers: an index into `PeerWords::standing`.
fn standing(mine: f64, q1: f64, median: f64, q3: f64) -> usize {
    if mine >= q3 && q3 > median {
        0
    } else if mine >= median {
        1
    } else if mine < q1 {
        3
    } else {
        2
    }
}

/// The respondent (`doc`, an export of `catalog`) against the benchmark file
/// `text`, in `lang`.
pub fn view(
    catalog: Catalog,
    doc: &ExportDoc,
    text: &str,
    lang: Lang,
) -> Result<PeerView, BenchmarkError> {
    let b = parse_benchmark(text, &catalog)?;
    let w = peer_words(lang);
    let tag = lang.tag();
    let maturity = b.measure == Measure::Maturity;
    let top = if maturity { catalog.scale_top() } else { 1.0 };
    let a = doc.to_assessment();
    let p = position(&catalog, &AnswerSet::from(&a), &b);
    let index = IndexedCatalog::new(catalog);
    let cat = index.catalog();
    let value = |v: f64| {
        if maturity {
            fixed(v, 1, false)
        } else {
            pct(Some(v))
        }
    };
    let x = |v: f64| (v / top).clamp(0.0, 1.0) * PLOT_WIDTH;
    let row = |kind: &'static str, label: String, s: &Standing| {
        let mine = s.mine.map_or_else(|| "—".to_string(), value);
        match &s.peers {
            Some(d) => PeerRow {
                kind,
                cells: [
                    label,
                    mine,
                    value(d.median),
                    format!("{}–{}", value(d.q1), value(d.q3)),
                    format!("{}–{}", value(d.min), value(d.max)),
                    s.mine
                        .map_or("—", |m| w.standing[standing(m, d.q1, d.median, d.q3)])
                        .to_string(),
                ],
                withheld: None,
                plot: (
                    Some([x(d.min), x(d.q1), x(d.median), x(d.q3), x(d.max)]),
                    s.mine.map(x),
                ),
            },
            None => PeerRow {
                kind,
                cells: [
                    label,
                    mine,
                    String::new(),
                    String::new(),
                    String::new(),
                    String::new(),
                ],
                withheld: Some(w.withheld),
                plot: (None, s.mine.map(x)),
            },
        }
    };
    let mut rows = vec![row("overall", w.overall.to_string(), &p.overall)];
    for s in &p.levels {
        let name = cat
            .levels
            .iter()
            .find(|l| l.id == s.id)
            .map_or_else(|| s.id.clone(), |l| l.name.get(tag).to_string());
        rows.push(row("level", name, s));
    }
    for s in &p.groups {
        let name = cat.groups.iter().find(|g| g.id == s.id).map_or_else(
            || s.id.clone(),
            |g| match &g.number {
                Some(n) => format!("{n}. {}", g.title.get(tag)),
                None => g.title.get(tag).to_string(),
            },
        );
        rows.push(row("group", name, s));
    }
    let closed = p
        .closed_by_peers
        .iter()
        .take(10)
        .map(|c| PeerGap {
            control: c.control.clone(),
            label: format!(
                "{} {}",
                index.label(&c.control),
                index
                    .position(&c.control)
                    .map_or("", |i| Catalog::headline(&cat.controls[i]))
            ),
            share: format!("{} {}", w.share, pct(Some(c.share))),
        })
        .collect();
    Ok(PeerView {
        meta: format!(
            "{} {} · {} {}",
            w.respondents,
            b.respondents,
            w.made,
            date_ymd(b.generated)
        ),
        columns: w.columns,
        rows,
        closed_words: [w.closed, w.closed_help, w.closed_none],
        closed,
    })
}

#[cfg(test)]
mod test {
    use super::*;
    use selfcheck::core::aggregate::Collector;

    const JAMA: &str = include_str!("../../../catalogs/jama-japia-v2.2.json");

    #[test]
    fn standing_follows_the_quartiles() {
        for (mine, want) in [
            (0.9, 0),
            (0.75, 0),
            (0.6, 1),
            (0.5, 1),
            (0.4, 2),
            (0.25, 2),
            (0.1, 3),
        ] {
            assert_eq!(standing(mine, 0.25, 0.5, 0.75), want, "{mine}");
        }
        // Everyone at 100%: the respondent at 100% is at the median, not "top quarter".
        assert_eq!(standing(1.0, 1.0, 1.0, 1.0), 1);
    }

    /// Five exports of the JAMA/JAPIA catalog, respondent k achieving the
    /// first k items, collected; the benchmark text of all five.
    fn five() -> (Catalog, Vec<ExportDoc>, String) {
        use selfcheck::core::assessment::{Answer, Assessment};
        use selfcheck::core::report::{export_doc, to_json};
        let cat = selfcheck::core::catalog::parse(JAMA).expect("shipped catalog");
        let mut c = Collector::new(vec![cat.clone()]);
        let mut docs = Vec::new();
        for k in 0..5 {
            let mut a = Assessment::new(format!("e{k}"), &cat.id, &cat.version, 1);
            a.target_level = Some("Lv3".into());
            for ctl in &cat.controls[..k * 3] {
                let mut ans = Answer::empty(1);
                ans.option = "achieved".into();
                a.answers.insert(ctl.id.clone(), ans);
            }
            let doc = export_doc(&cat, &a, 1).expect("export");
            c.add(
                &format!("e{k}.json"),
                to_json(&doc).expect("json").as_bytes(),
            );
            docs.push(doc);
        }
        let set = &c.sets[0];
        let b = selfcheck::core::aggregate::benchmark(&cat, set, &[0, 1, 2, 3, 4], 5, 0)
            .expect("benchmark");
        (
            cat,
            docs,
            serde_json::to_string(&b).expect("benchmark json"),
        )
    }

    #[test]
    fn rows_show_the_respondent_beside_the_published_figures() {
        let (cat, docs, text) = five();
        let b: serde_json::Value = serde_json::from_str(&text).unwrap();
        let v = view(cat.clone(), &docs[0], &text, Lang::Ja).expect("view");
        assert_eq!(v.meta, "回答企業数 5 · 作成日 1970-01-01");
        assert_eq!(
            v.rows.len(),
            1 + cat.levels.len() + b["groups"].as_array().unwrap().len()
        );
        let overall = &v.rows[0];
        assert_eq!(overall.cells[0], "全体");
        assert_eq!(overall.cells[1], "0%");
        let median = b["overall"]["median"].as_f64().unwrap();
        assert_eq!(overall.cells[2], pct(Some(median)));
        assert_eq!(overall.cells[5], "下位 25%");
        // Respondent 0 achieved nothing: the first items, achieved by 4 of 5 peers, lead the list.
        assert_eq!(v.closed[0].control, cat.controls[0].id);
        assert_eq!(v.closed[0].share, "同業の達成率 80%");
        assert!(v.closed.len() <= 10);
        // The best respondent is not below the median anywhere it has a figure.
        let best = view(cat, &docs[4], &text, Lang::En).expect("view");
        assert_eq!(best.rows[0].cells[0], "Overall");
        assert_eq!(best.rows[0].cells[5], "Top quarter");
    }

    #[test]
    fn a_benchmark_of_another_catalog_is_refused() {
        let cat = selfcheck::core::catalog::parse(JAMA).expect("shipped catalog");
        let mut other = cat.clone();
        // Not the same version: the benchmark is not shown against it.
        other.version = "9.9".into();
        let doc = selfcheck::core::report::export_doc(
            &cat,
            &selfcheck::core::assessment::Assessment::new("e", &cat.id, &cat.version, 1),
            1,
        )
        .expect("export");
        let (_, _, bench) = five();
        assert!(matches!(
            view(other, &doc, &bench, Lang::Ja),
            Err(BenchmarkError::OtherCatalog { .. })
        ));
    }
}
