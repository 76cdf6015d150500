//! The peer comparison on the results view (option `benchmark`): the
//! respondent's rate (or maturity) per level and per group beside the
//! benchmark's median and quartiles, and the respondent's gaps that most
//! peers have closed.
//!
//! The benchmark file is fetched like a catalog (a GET of a file of the
//! widget's site; a link may name this site's files only). The format module
//! reads it, compares and lays the comparison out as text in the user's
//! language (`web::formats::peer_position`); this component only shows those
//! texts, so the comparison costs the first download almost nothing.
//! Nothing about the respondent leaves the browser: the only request is the
//! GET of the benchmark file itself.

use crate::core::assessment::Assessment;
use crate::core::origin::check_link_catalog;
use crate::core::outline::IndexedCatalog;
use crate::i18n::{fixed, t, Key, Lang};
use crate::state::Shared;
use crate::web::fetch::{fetch_text, origins};
use crate::web::formats::{peer_position, FormatError, PeerPosition, PeerRow};
use std::rc::Rc;
use yew::prelude::*;

/// Properties of [`BenchmarkPanel`].
#[derive(Properties, PartialEq)]
pub struct BenchmarkPanelProps {
    /// The catalog.
    pub catalog: Shared<IndexedCatalog>,
    /// The open assessment.
    pub assessment: Assessment,
    /// UI language.
    pub lang: Lang,
    /// The benchmark file's URL (resolved against the widget's base).
    pub url: AttrValue,
    /// The URL came from a link: it must be of this site.
    pub by_link: bool,
    /// Jump to an item in the answer view.
    pub on_jump: Callback<String>,
}

/// What the panel has to show.
#[derive(Clone, PartialEq)]
enum Shown {
    Loading,
    /// Why there is no comparison, in the user's language.
    Failed(String),
    Ready(Rc<PeerPosition>),
}

/// A box plot (whiskers min–max, box q1–q3, a bar at the median) with the
/// respondent as a diamond. Decorative: the same figures are in the row.
fn plot(r: &PeerRow) -> Html {
    let f = |v: f64| fixed(v, 1, false);
    html! {
        <svg class="sc-bench-plot" viewBox="-6 0 132 16" width="132" height="16" aria-hidden="true" focusable="false">
            <line x1="0" y1="8" x2="120" y2="8" class="sc-bench-axis" />
            if let Some(&[min, q1, median, q3, max]) = r.plot.as_deref() {
                <line x1={f(min)} y1="8" x2={f(max)} y2="8" class="sc-bench-whisker" />
                <rect x={f(q1)} y="3" width={f(q3 - q1)} height="10" class="sc-bench-box" />
                <line x1={f(median)} y1="2" x2={f(median)} y2="14" class="sc-bench-median" />
            }
            if let Some(m) = r.mine {
                <path d={format!("M{} 2l5 6-5 6-5-6z", f(m))} class="sc-bench-mine" />
            }
        </svg>
    }
}

/// The comparison's table and the gaps most peers closed.
fn ready(p: &PeerPosition, on_jump: &Callback<String>) -> Html {
    const CELLS: [&str; 6] = ["area", "mine", "median", "quartiles", "range", "where"];
    let word = |i: usize| p.closed_words.get(i).cloned().unwrap_or_default();
    html! {
        <>
            <p class="sc-sub" data-bench="meta">{ p.meta.clone() }</p>
            <div class="sc-scroll" tabindex="0" role="region" aria-labelledby="sc-bench-h">
                <table class="sc-table sc-table-compact" data-table="benchmark">
                    <thead><tr>
                        { for p.columns.iter().map(|c| html! { <th scope="col">{ c.clone() }</th> }) }
                        <td></td>
                    </tr></thead>
                    <tbody>
                        { for p.rows.iter().map(|r| html! {
                            <tr data-bench-row={r.kind.clone()}>
                                <th scope="row">{ r.cells.first().cloned().unwrap_or_default() }</th>
                                <td data-bench="mine">{ r.cells.get(1).cloned().unwrap_or_default() }</td>
                                if let Some(w) = &r.withheld {
                                    <td colspan="4" data-bench="withheld">{ w.clone() }</td>
                                } else {
                                    { for (2..6).map(|i| html! {
                                        <td data-bench={CELLS[i]}>{ r.cells.get(i).cloned().unwrap_or_default() }</td>
                                    }) }
                                }
                                <td class="sc-bench-cell">{ plot(r) }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
            <h3>{ format!("{} ({})", word(0), p.closed.len()) }</h3>
            <p class="sc-help">{ word(1) }</p>
            if p.closed.is_empty() {
                <p>{ word(2) }</p>
            } else {
                <ol class="sc-gaps" data-list="closed-by-peers">
                    { for p.closed.iter().map(|c| {
                        let s = |i: usize| c.get(i).cloned().unwrap_or_default();
                        let (cb, id) = (on_jump.clone(), s(0));
                        let onclick = Callback::from(move |_: MouseEvent| cb.emit(id.clone()));
                        html! {
                            <li data-control={s(0)} class="sc-gap">
                                <button type="button" class="sc-linkbtn" {onclick}>{ s(1) }</button>
                                <span class="sc-gap-status" data-share="">{ format!(" {}", s(2)) }</span>
                            </li>
                        }
                    }) }
                </ol>
            }
        </>
    }
}

/// The peer comparison.
#[component]
pub fn BenchmarkPanel(props: &BenchmarkPanelProps) -> Html {
    let lang = props.lang;
    // The file, fetched once per URL (a language change does not fetch it
    // again); a failure is kept as what failed, worded at render time.
    let text = use_state(|| None::<Result<Rc<String>, Key>>);
    let shown = use_state(|| Shown::Loading);
    {
        let text = text.clone();
        let by_link = props.by_link;
        use_effect_with(props.url.clone(), move |url| {
            let url = url.to_string();
            let (resolved, page) = origins(&url).unwrap_or_else(|| ("null".into(), String::new()));
            if by_link && check_link_catalog(&url, &resolved, &page).is_err() {
                text.set(Some(Err(Key::BenchOtherSite)));
            } else {
                wasm_bindgen_futures::spawn_local(async move {
                    let got = fetch_text(&url).await;
                    text.set(Some(got.map(Rc::new).map_err(|_| Key::CatalogFetchFailed)));
                });
            }
        });
    }
    {
        let shown = shown.clone();
        let catalog = props.catalog.clone();
        let url = props.url.clone();
        let deps = ((*text).clone(), props.assessment.clone(), lang);
        use_effect_with(deps, move |(text, a, lang)| match text.clone() {
            None => shown.set(Shown::Loading),
            Some(Err(key)) => shown.set(Shown::Failed(format!("{} ({url})", t(*lang, key)))),
            Some(Ok(text)) => {
                let (a, lang) = (a.clone(), *lang);
                wasm_bindgen_futures::spawn_local(async move {
                    shown.set(
                        match peer_position(catalog.catalog(), &a, &text, lang.tag()).await {
                            Ok(p) => Shown::Ready(Rc::new(p)),
                            Err(FormatError::Refused { message, .. }) => {
                                Shown::Failed(message.get(lang.tag()).to_string())
                            }
                            Err(FormatError::Unavailable(m)) => Shown::Failed(m),
                        },
                    );
                });
            }
        });
    }
    html! {
        <section class="sc-card sc-bench" aria-labelledby="sc-bench-h" data-card="benchmark">
            <h2 id="sc-bench-h">{ t(lang, Key::Bench) }</h2>
            <p class="sc-help">{ t(lang, Key::BenchHelp) }</p>
            { match &*shown {
                Shown::Loading => html! { <p class="sc-help" role="status">{ t(lang, Key::BenchLoading) }</p> },
                Shown::Failed(m) => html! {
                    <div class="sc-problem" role="alert" data-bench="failed">
                        <p><strong>{ t(lang, Key::BenchFailed) }</strong></p>
                        <p>{ m.clone() }</p>
                    </div>
                },
                Shown::Ready(p) => ready(p, &props.on_jump),
            } }
        </section>
    }
}
