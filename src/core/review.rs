//! Answers given against a text that has changed since: fingerprints of
//! item texts, the review list, and items added since the last visit.
//!
//! Answers are carried across catalog versions by item id, so an item whose
//! statements (requirement, condition…), criteria or level changed would
//! otherwise silently keep an answer to a text the user never read.
//!
//! Rules kept here:
//! - Each answer records the [`fingerprint`] of the item's text when its
//!   option was chosen or the user confirmed it ([`stamp`]); editing a note,
//!   reason or evidence does not re-record it (that is not an answer to the
//!   new text).
//! - An answer *needs review* ([`needs_review`]) when an option is chosen
//!   and its fingerprint is not the loaded catalog's fingerprint of that
//!   item. The answer itself is never changed or dropped: it keeps counting
//!   in scores, and the user confirms it or changes it.
//! - Answers without a fingerprint (stored before fingerprints existed, or
//!   imported from a file that has none) are stamped once
//!   ([`stamp_unrecorded`]): with the current fingerprint when they were made
//!   against the same catalog text (same version, or for an import the same
//!   content hash), else with [`UNKNOWN_TEXT`], which never matches, so
//!   they are shown for review instead of being silently taken as current.
//! - Items added since the last visit are the catalog's ids that the
//!   workspace's seen list for that catalog lacks ([`added_since`]); with no
//!   seen list (a first visit) nothing is "added".

use crate::core::assessment::Assessment;
use crate::core::catalog::{Control, CriteriaPart, Statement};
use crate::core::outline::IndexedCatalog;
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::BTreeSet;

/// Fingerprint of an answer whose text is not known (never equals a real one).
pub const UNKNOWN_TEXT: &str = "?";

/// Hex characters kept of the SHA-256 (32 bits: small to store, and a
/// changed text that keeps its fingerprint is a one in four billion chance).
pub const FINGERPRINT_CHARS: usize = 8;

/// The parts of an item an answer is given against.
#[derive(Serialize, PartialEq)]
struct ItemText<'a> {
    statements: &'a [Statement],
    criteria: &'a [CriteriaPart],
    level: &'a Option<String>,
}

impl<'a> From<&'a Control> for ItemText<'a> {
    fn from(c: &'a Control) -> Self {
        ItemText {
            statements: &c.statements,
            criteria: &c.criteria,
            level: &c.level,
        }
    }
}

/// Whether the text an answer is given against differs between two
/// versions of an item (statements, criteria or level).
pub fn text_differs(old: &Control, new: &Control) -> bool {
    ItemText::from(old) != ItemText::from(new)
}

/// The fingerprint of an item's text: the first [`FINGERPRINT_CHARS`] hex
/// characters of the SHA-256 of its statements, criteria and level as JSON.
pub fn fingerprint(c: &Control) -> String {
    let bytes = serde_json::to_vec(&ItemText::from(c)).unwrap_or_default();
    Sha256::digest(&bytes)
        .iter()
        .take(FINGERPRINT_CHARS / 2)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Whether the answer to `control` was given against another text than the
/// catalog's (see the module rules). Unknown controls and answers without an
/// option need none.
pub fn needs_review(catalog: &IndexedCatalog, a: &Assessment, control: &str) -> bool {
    let (Some(ans), Some(now)) = (a.answers.get(control), catalog.fingerprint(control)) else {
        return false;
    };
    ans.is_chosen() && !ans.fp.is_empty() && ans.fp != now
}

/// Ids of the answered items that need review, in catalog order.
pub fn to_review(catalog: &IndexedCatalog, a: &Assessment) -> Vec<String> {
    catalog
        .controls
        .iter()
        .filter(|c| needs_review(catalog, a, &c.id))
        .map(|c| c.id.clone())
        .collect()
}

/// Records the catalog's fingerprint of `control` on its answer (the option
/// was chosen, or the user confirmed the answer). Nothing when there is no
/// answer with an option, or the catalog has no such item.
pub fn stamp(a: &mut Assessment, catalog: &IndexedCatalog, control: &str) {
    if let (Some(ans), Some(fp)) = (a.answers.get_mut(control), catalog.fingerprint(control)) {
        if ans.is_chosen() {
            ans.fp = fp.to_string();
        }
    }
}

/// Stamps every chosen answer that has no fingerprint yet: with the current
/// one when `same_text` (made against this very catalog text), else with
/// [`UNKNOWN_TEXT`]. Answers to items the catalog does not have are left as
/// they are. Returns how many were stamped.
pub fn stamp_unrecorded(a: &mut Assessment, catalog: &IndexedCatalog, same_text: bool) -> usize {
    let mut n = 0;
    for (id, ans) in a.answers.iter_mut() {
        if !ans.is_chosen() || !ans.fp.is_empty() {
            continue;
        }
        if let Some(fp) = catalog.fingerprint(id) {
            ans.fp = if same_text { fp } else { UNKNOWN_TEXT }.to_string();
            n += 1;
        }
    }
    n
}

/// Ids of the catalog's items that `seen` (the ids seen last time) lacks,
/// in catalog order; empty when nothing was seen before.
pub fn added_since(catalog: &IndexedCatalog, seen: Option<&Vec<String>>) -> Vec<String> {
    let Some(seen) = seen else {
        return Vec::new();
    };
    let seen: BTreeSet<&str> = seen.iter().map(String::as_str).collect();
    catalog
        .controls
        .iter()
        .filter(|c| !seen.contains(c.id.as_str()))
        .map(|c| c.id.clone())
        .collect()
}

/// The catalog's item ids, as recorded in the seen list.
pub fn item_ids(catalog: &IndexedCatalog) -> Vec<String> {
    catalog.controls.iter().map(|c| c.id.clone()).collect()
}
