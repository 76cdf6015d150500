//! Filtering the control list: by group, level, scope, status (or "to
//! review": answered against a text that changed since) and full text.
//!
//! Full-text search is a substring search, because Japanese has no word
//! boundaries. Text and query are both *folded* by [`fold`]: full-width ASCII
//! (`Ａ`, `０`, `！`… U+FF01–U+FF5E) becomes ASCII, the ideographic space
//! (U+3000) becomes a space, and everything is lower-cased. A query of
//! several terms separated by spaces (either width) matches a control only
//! if every term occurs in it (AND).
//!
//! The catalog text of each control is folded once into a [`SearchIndex`]
//! when the catalog is loaded, so filtering on each keystroke only scans
//! prepared strings. The user's own texts (reason, note, evidence) change
//! while answering and are folded at query time.

use crate::core::catalog::{Block, Catalog, Control, ListItem};
use crate::core::review::{fingerprint, is_stale};
use crate::core::score::{chain_with, group_index, scope, status, AnswerSet, Scope, Status};

/// Lower-cases text: the browser's `toLowerCase` in the widget,
/// `str::to_lowercase` natively. [`fold`] asks for it only for text with a
/// letter beyond ASCII and the caseless CJK ranges: std's own Unicode case
/// table would otherwise cost the widget's first download about 8 KB gzip,
/// for a table the browser already has.
pub type Lower = fn(&str) -> String;

/// Code points that certainly have no lower case of their own once
/// full-width ASCII is folded to ASCII: CJK symbols, kana, ideographs,
/// Hangul, half-width forms (a test checks every one).
const CASELESS: [std::ops::RangeInclusive<u32>; 4] = [
    0x3000..=0x9FFF,
    0xAC00..=0xD7AF,
    0xF900..=0xFAFF,
    0xFF00..=0xFFEF,
];

/// Whether `c` is in [`CASELESS`].
fn caseless(c: char) -> bool {
    CASELESS.iter().any(|r| r.contains(&(c as u32)))
}

/// Folds text for matching: full-width ASCII to ASCII, ideographic space to
/// space, then lower case (`lower` for text with letters beyond ASCII).
pub fn fold(s: &str, lower: Lower) -> String {
    let mut out = String::with_capacity(s.len());
    let mut cased = false;
    for c in s.chars() {
        let c = match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            c => c,
        };
        cased |= !c.is_ascii() && !caseless(c);
        out.push(c.to_ascii_lowercase());
    }
    if cased {
        lower(&out)
    } else {
        out
    }
}

/// Splits a query into folded terms (empty query = no terms = matches all).
pub fn terms(query: &str, lower: Lower) -> Vec<String> {
    fold(query, lower)
        .split_whitespace()
        .map(str::to_string)
        .collect()
}

/// Folded catalog text of every control, in catalog order.
#[derive(Debug, Clone)]
pub struct SearchIndex {
    /// One haystack per control, same positions as `catalog.controls`.
    haystacks: Vec<String>,
    /// How the index and every query against it are lower-cased.
    lower: Lower,
}

impl SearchIndex {
    /// Builds the index: number, statements (and their English and
    /// sub-items), criteria, notes, commentary questions, answers and
    /// references, and reference titles of each control.
    pub fn new(catalog: &Catalog, lower: Lower) -> Self {
        SearchIndex {
            haystacks: catalog
                .controls
                .iter()
                .map(|c| fold(&control_text(c), lower))
                .collect(),
            lower,
        }
    }

    /// An index of no text (queries then look at the user's texts only).
    pub fn empty(lower: Lower) -> Self {
        SearchIndex {
            haystacks: Vec::new(),
            lower,
        }
    }

    /// Whether the control at `pos` contains every term.
    /// A position outside the index has no text.
    pub fn matches(&self, pos: usize, terms: &[String]) -> bool {
        let hay = self.haystack(pos);
        terms.iter().all(|t| hay.contains(t.as_str()))
    }

    /// The folded text of the control at `pos` (empty outside the index).
    pub fn haystack(&self, pos: usize) -> &str {
        self.haystacks.get(pos).map(String::as_str).unwrap_or("")
    }

    /// Number of controls indexed.
    pub fn len(&self) -> usize {
        self.haystacks.len()
    }

    /// Whether the index is empty.
    pub fn is_empty(&self) -> bool {
        self.haystacks.is_empty()
    }
}

/// All searchable text of a control, separated by newlines (so a term never
/// matches across two texts).
fn control_text(c: &Control) -> String {
    let mut parts: Vec<&str> = Vec::new();
    if let Some(n) = &c.number {
        parts.push(n);
    }
    for s in &c.statements {
        parts.push(&s.text);
        if let Some(en) = &s.en {
            parts.push(en);
        }
        push_items(&mut parts, &s.items);
    }
    for cp in &c.criteria {
        if let Some(t) = &cp.tag {
            parts.push(t);
        }
        push_blocks(&mut parts, &cp.blocks);
    }
    for n in &c.notes {
        parts.push(&n.text);
    }
    for q in &c.commentary {
        parts.push(&q.question);
        push_blocks(&mut parts, &q.answer);
        for r in &q.references {
            parts.push(&r.title);
        }
    }
    for r in &c.references {
        parts.push(&r.title);
    }
    parts.join("\n")
}

fn push_blocks<'a>(parts: &mut Vec<&'a str>, blocks: &'a [Block]) {
    for b in blocks {
        match b {
            Block::Paragraph { text } | Block::Heading { text } | Block::Note { text } => {
                parts.push(text)
            }
            Block::List { items } => push_items(parts, items),
        }
    }
}

fn push_items<'a>(parts: &mut Vec<&'a str>, items: &'a [ListItem]) {
    for i in items {
        parts.push(&i.text);
        push_items(parts, &i.items);
    }
}

/// Status choices of the filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StatusFilter {
    /// No option chosen.
    Unanswered,
    /// Answered but not achieved (not achieved or partial; maturity: below target).
    NotAchieved,
    /// Not applicable (with or without its reason: the user chose it).
    NotApplicable,
    /// Any option chosen.
    Answered,
    /// Answered against an item text that has changed since
    /// ([`crate::core::review`]); decided by [`filter`] from the text, not
    /// from the status.
    NeedsReview,
}

impl StatusFilter {
    /// Whether a status passes.
    pub fn accepts(self, st: Status) -> bool {
        match self {
            StatusFilter::Unanswered => st == Status::Unanswered,
            StatusFilter::NotAchieved => matches!(st, Status::NotAchieved | Status::Partial),
            StatusFilter::NotApplicable => {
                matches!(st, Status::NotApplicable | Status::NeedsReason)
            }
            StatusFilter::Answered => st != Status::Unanswered,
            StatusFilter::NeedsReview => false,
        }
    }
}

/// What the user filters by; every field left empty lets all controls pass.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Filter {
    /// A group id: its controls and those of its sub-groups.
    pub group: Option<String>,
    /// A level id (exact level).
    pub level: Option<String>,
    /// Only in-scope or only above-target controls.
    pub scope: Option<Scope>,
    /// A status class.
    pub status: Option<StatusFilter>,
    /// Search text; terms separated by spaces are ANDed.
    pub query: String,
}

/// The controls passing the filter, in catalog order.
///
/// `index` must be built from the same catalog. The search also looks at the
/// answer's reason, note and evidence.
pub fn filter<'c>(
    catalog: &'c Catalog,
    index: &SearchIndex,
    set: &AnswerSet,
    f: &Filter,
) -> Vec<&'c Control> {
    let terms = terms(&f.query, index.lower);
    let gindex = group_index(catalog);
    let group_pos = f.group.as_deref().map(|g| gindex.get(g).copied());
    catalog
        .controls
        .iter()
        .enumerate()
        .filter(|(pos, c)| {
            if let Some(want) = group_pos {
                match want {
                    Some(g) if chain_with(catalog, &gindex, &c.group).contains(&g) => {}
                    _ => return false,
                }
            }
            if f.level.is_some() && c.level != f.level {
                return false;
            }
            if f.scope.is_some_and(|s| scope(catalog, set, c) != s) {
                return false;
            }
            let passes = |s: StatusFilter| match s {
                StatusFilter::NeedsReview => set
                    .answers
                    .get(&c.id)
                    .is_some_and(|a| is_stale(a, &fingerprint(c))),
                s => s.accepts(status(catalog, set, c)),
            };
            if f.status.is_some_and(|s| !passes(s)) {
                return false;
            }
            terms.is_empty() || matches_all(index, *pos, set, c, &terms)
        })
        .map(|(_, c)| c)
        .collect()
}

/// Whether every term occurs in the control's catalog text or in the
/// user's texts for it (each term may be in either).
fn matches_all(
    index: &SearchIndex,
    pos: usize,
    set: &AnswerSet,
    c: &Control,
    terms: &[String],
) -> bool {
    if index.matches(pos, terms) {
        return true;
    }
    let Some(a) = set.answers.get(&c.id) else {
        return false;
    };
    let mut own = fold(&a.reason, index.lower);
    own.push('\n');
    own.push_str(&fold(&a.note, index.lower));
    for e in &a.evidence {
        own.push('\n');
        own.push_str(&fold(e, index.lower));
    }
    let hay = index.haystack(pos);
    terms
        .iter()
        .all(|t| hay.contains(t.as_str()) || own.contains(t.as_str()))
}

#[cfg(test)]
mod test {
    use super::*;

    #[test]
    fn fold_widths_and_case() {
        let fold = |s| fold(s, str::to_lowercase);
        assert_eq!(fold("ＵＳＢ　メモリ０１"), "usb メモリ01");
        assert_eq!(fold("VPN機器"), "vpn機器");
        // Letters beyond ASCII are lower-cased too (by `lower`).
        assert_eq!(fold("ÉCOLE Ωμέγα Ｉｄ"), "école ωμέγα id");
        let terms = |s| terms(s, str::to_lowercase);
        assert_eq!(terms(" ＵＳＢ　媒体  Ｐｃ "), vec!["usb", "媒体", "pc"]);
        assert!(terms("　 ").is_empty());
    }

    #[test]
    fn text_within_ascii_and_cjk_is_folded_without_asking_lower() {
        let refuse: Lower = |s| panic!("lower asked for {s:?}");
        assert_eq!(
            fold("ＵＳＢメモリの持ち出し　Ｌｖ１ 〜 ｶﾀｶﾅ 한국어 豈", refuse),
            "usbメモリの持ち出し lv1 〜 ｶﾀｶﾅ 한국어 豈"
        );
        // Every character taken for caseless is: Unicode lower-cases none of
        // them, so folding without `lower` loses nothing (full-width ASCII,
        // which fold makes ASCII first, aside).
        let folded_first = |c: &char| ('\u{FF01}'..='\u{FF5E}').contains(c) || *c == '\u{3000}';
        let chars = CASELESS
            .iter()
            .cloned()
            .flatten()
            .filter_map(char::from_u32);
        for c in chars.filter(|c| !folded_first(c)) {
            assert_eq!(c.to_lowercase().collect::<String>(), c.to_string(), "{c:?}");
            assert_eq!(fold(&c.to_string(), refuse), c.to_string(), "{c:?}");
        }
    }
}
