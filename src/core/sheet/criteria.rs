//! Achievement criteria (達成基準) cell -> tagged parts with paragraphs, lists,
//! notes and sub-headings.
//!
//! One cell comes in three shapes, all handled by the same code:
//! - the commentary's plain rows, where the sheet's line breaks became spaces:
//!   `【規則】 ・ a ・ b [対象] -x -y 【頻度】 ・ 1回/年`;
//! - the commentary's HTML rows: `<p>【規則】</p> <ul> <li>a</li> </ul>`;
//! - an association's own sheet, with real line breaks.
//!
//! Rules (kept deliberately small, documented in `catalogs/README-jama.md`):
//! - `【…】` starts a part with that tag; text before the first tag is an
//!   untagged part.
//! - `・` (or `•`, or an HTML `<li>`) is a list item; `-` is a list item too,
//!   nested under the previous `・` item when it directly follows one (the
//!   sheet's sub-items), top-level after a sub-heading.
//! - `[…]`, `(…)` before a list, and `○…` are sub-headings; a `○…` line or a
//!   standalone `<…>` marker (`<追記>`) opens a new untagged part, because it
//!   introduces what follows.
//! - `※…` is a note. Markers count only at the start of a line or after a space,
//!   so `教育・周知` stays one word.

use crate::core::catalog::{Block, CriteriaPart, ListItem};

use super::text::decode_entities;

/// What the cell parser counted while cleaning (reported as repairs).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Cleanup {
    /// HTML structure tags (`<p>`, `<ul>`, `<li>`) turned into structure.
    pub html_tags: usize,
    /// HTML entities decoded.
    pub entities: usize,
}

/// A piece of the cell before blocks are built.
#[derive(Debug, Clone, PartialEq)]
enum Unit {
    Tag(String),
    Bullet {
        depth: usize,
        dash: bool,
        text: String,
    },
    Heading(String),
    /// A heading that opens a new untagged part (`○…`, `<追記>`).
    Opener(String),
    Note(String),
    Text(String),
}

/// A segment of the cell after the HTML pass.
enum Seg {
    Loose(String),
    Li { depth: usize, text: String },
}

/// Parses one criteria cell. `bold` emphasis must already be removed.
pub fn parse(cell: &str) -> (Vec<CriteriaPart>, Cleanup) {
    let mut cleanup = Cleanup::default();
    let segs = html_segments(cell, &mut cleanup);
    let mut units = Vec::new();
    for seg in segs {
        match seg {
            Seg::Loose(s) => {
                let (s, n) = decode_entities(&s);
                cleanup.entities += n;
                for line in s.lines() {
                    plain_units(line, &mut units);
                }
            }
            Seg::Li { depth, text } => {
                let (s, n) = decode_entities(&text);
                cleanup.entities += n;
                let t = strip_bullet(s.trim());
                if !t.is_empty() {
                    units.push(Unit::Bullet {
                        depth,
                        dash: false,
                        text: t.to_string(),
                    });
                }
            }
        }
    }
    (build(split_parenthesised(units)), cleanup)
}

fn strip_bullet(s: &str) -> &str {
    for b in ["・", "•", "-"] {
        if let Some(rest) = s.strip_prefix(b) {
            return rest.trim_start();
        }
    }
    s
}

/// Splits the cell at HTML `<p>`, `<ul>`, `<li>` tags (and line breaks outside
/// list items). Unknown `<…>` are kept as text.
fn html_segments(cell: &str, cleanup: &mut Cleanup) -> Vec<Seg> {
    let mut segs = Vec::new();
    let mut buf = String::new();
    let mut depth = 0usize; // open <ul> count
    let mut in_li = false;
    let mut li_depth = 0usize;
    let flush = |buf: &mut String, in_li: &mut bool, li_depth: usize, segs: &mut Vec<Seg>| {
        if buf.trim().is_empty() {
            buf.clear();
            return;
        }
        let text = std::mem::take(buf);
        if *in_li {
            segs.push(Seg::Li {
                depth: li_depth,
                text,
            });
            *in_li = false;
        } else {
            segs.push(Seg::Loose(text));
        }
    };
    let mut rest = cell;
    while let Some(pos) = rest.find('<') {
        buf.push_str(&rest[..pos]);
        let tail = &rest[pos..];
        let Some(end) = tail.find('>') else {
            buf.push_str(tail);
            rest = "";
            break;
        };
        let inner = tail[1..end].trim().to_ascii_lowercase();
        let name = inner.split_whitespace().next().unwrap_or("").to_string();
        match name.as_str() {
            "ul" | "ol" => {
                flush(&mut buf, &mut in_li, li_depth, &mut segs);
                depth += 1;
            }
            "/ul" | "/ol" => {
                flush(&mut buf, &mut in_li, li_depth, &mut segs);
                depth = depth.saturating_sub(1);
            }
            "li" => {
                flush(&mut buf, &mut in_li, li_depth, &mut segs);
                in_li = true;
                li_depth = depth.saturating_sub(1);
            }
            "/li" | "p" | "/p" | "br" | "br/" => {
                flush(&mut buf, &mut in_li, li_depth, &mut segs);
            }
            _ => {
                buf.push_str(&tail[..=end]);
                rest = &tail[end + 1..];
                continue;
            }
        }
        cleanup.html_tags += 1;
        rest = &tail[end + 1..];
    }
    buf.push_str(rest);
    flush(&mut buf, &mut in_li, li_depth, &mut segs);
    segs
}

/// Splits a plain line at markers that follow a space (or start the line).
fn plain_units(line: &str, units: &mut Vec<Unit>) {
    let chars: Vec<char> = line.chars().collect();
    let mut i = 0;
    let mut cur: Option<Unit> = None;
    let mut text = String::new();
    let mut at_boundary = true;
    let finish = |cur: &mut Option<Unit>, text: &mut String, units: &mut Vec<Unit>| {
        let t = text.trim().to_string();
        text.clear();
        match cur.take() {
            Some(Unit::Bullet { depth, dash, .. }) => units.push(Unit::Bullet {
                depth,
                dash,
                text: t,
            }),
            Some(Unit::Note(_)) => units.push(Unit::Note(t)),
            Some(Unit::Opener(_)) => units.push(Unit::Opener(t)),
            _ if !t.is_empty() => units.push(Unit::Text(t)),
            _ => {}
        }
    };
    while i < chars.len() {
        let c = chars[i];
        let boundary = at_boundary || (i > 0 && chars[i - 1].is_whitespace());
        if boundary {
            let closing = |open: char, close: char| -> Option<usize> {
                (c == open)
                    .then(|| {
                        chars[i + 1..]
                            .iter()
                            .take(40)
                            .position(|&x| x == close)
                            .map(|p| i + 1 + p)
                    })
                    .flatten()
                    .filter(|&end| !chars[i + 1..end].iter().any(|x| x.is_whitespace()))
            };
            if let Some(end) = closing('【', '】') {
                finish(&mut cur, &mut text, units);
                units.push(Unit::Tag(chars[i + 1..end].iter().collect()));
                i = end + 1;
                at_boundary = true;
                continue;
            }
            if let Some(end) = closing('[', ']') {
                finish(&mut cur, &mut text, units);
                units.push(Unit::Heading(chars[i..=end].iter().collect()));
                i = end + 1;
                at_boundary = true;
                continue;
            }
            if let Some(end) = closing('<', '>') {
                // Only a whole-unit marker such as `<追記>`.
                let after = chars.get(end + 1);
                if after.is_none_or(|x| x.is_whitespace()) {
                    finish(&mut cur, &mut text, units);
                    units.push(Unit::Opener(chars[i..=end].iter().collect()));
                    i = end + 1;
                    at_boundary = true;
                    continue;
                }
            }
            let started = match c {
                '・' | '•' => Some(Unit::Bullet {
                    depth: 0,
                    dash: false,
                    text: String::new(),
                }),
                '-' => Some(Unit::Bullet {
                    depth: 0,
                    dash: true,
                    text: String::new(),
                }),
                '※' => Some(Unit::Note(String::new())),
                '○' => Some(Unit::Opener(String::new())),
                _ => None,
            };
            if let Some(u) = started {
                finish(&mut cur, &mut text, units);
                let keep_char = matches!(u, Unit::Note(_) | Unit::Opener(_));
                cur = Some(u);
                if keep_char {
                    text.push(c);
                }
                i += 1;
                at_boundary = false;
                continue;
            }
        }
        at_boundary = false;
        text.push(c);
        i += 1;
    }
    finish(&mut cur, &mut text, units);
}

/// The sheet's `(教育) ・… (周知) ・…`: a short parenthesised label before a
/// list is a sub-heading, whether it stands alone or ends the previous item.
fn split_parenthesised(units: Vec<Unit>) -> Vec<Unit> {
    fn label(s: &str) -> bool {
        let inner = s.strip_prefix('(').and_then(|r| r.strip_suffix(')'));
        inner.is_some_and(|t| {
            let n = t.chars().count();
            (1..=10).contains(&n) && !t.contains(|c: char| c.is_whitespace() || c == '、')
        })
    }
    let mut res: Vec<Unit> = Vec::with_capacity(units.len());
    for (i, unit) in units.iter().enumerate() {
        let next_is_bullet = matches!(units.get(i + 1), Some(Unit::Bullet { .. }));
        match unit {
            Unit::Text(t) if next_is_bullet && label(t) => res.push(Unit::Heading(t.clone())),
            Unit::Bullet { depth, dash, text } if next_is_bullet => match text.rsplit_once(' ') {
                Some((head, tail)) if label(tail) => {
                    res.push(Unit::Bullet {
                        depth: *depth,
                        dash: *dash,
                        text: head.trim_end().to_string(),
                    });
                    res.push(Unit::Heading(tail.to_string()));
                }
                _ => res.push(unit.clone()),
            },
            u => res.push(u.clone()),
        }
    }
    res
}

fn build(units: Vec<Unit>) -> Vec<CriteriaPart> {
    let mut parts: Vec<CriteriaPart> = Vec::new();
    // Whether the last list item came from a `・` bullet (so a `-` nests under it).
    let mut last_dot = false;
    fn current(parts: &mut Vec<CriteriaPart>) -> &mut CriteriaPart {
        if parts.is_empty() {
            parts.push(CriteriaPart {
                tag: None,
                blocks: Vec::new(),
            });
        }
        let last = parts.len() - 1;
        &mut parts[last]
    }
    for u in units {
        match u {
            Unit::Tag(t) => {
                parts.push(CriteriaPart {
                    tag: Some(t),
                    blocks: Vec::new(),
                });
                last_dot = false;
            }
            Unit::Opener(t) => {
                parts.push(CriteriaPart {
                    tag: None,
                    blocks: vec![Block::Heading { text: t }],
                });
                last_dot = false;
            }
            Unit::Heading(t) => {
                current(&mut parts).blocks.push(Block::Heading { text: t });
                last_dot = false;
            }
            Unit::Note(t) => {
                current(&mut parts).blocks.push(Block::Note { text: t });
                last_dot = false;
            }
            Unit::Text(t) => {
                current(&mut parts)
                    .blocks
                    .push(Block::Paragraph { text: t });
                last_dot = false;
            }
            Unit::Bullet { depth, dash, text } => {
                let depth = if dash && last_dot && depth == 0 {
                    1
                } else {
                    depth
                };
                let blocks = &mut current(&mut parts).blocks;
                if !matches!(blocks.last(), Some(Block::List { .. })) {
                    blocks.push(Block::List { items: Vec::new() });
                }
                if let Some(Block::List { items }) = blocks.last_mut() {
                    push_item(items, depth, text);
                }
                if depth == 0 {
                    last_dot = !dash;
                }
            }
        }
    }
    parts
}

/// Adds an item at `depth` under the last item of each shallower level.
fn push_item(items: &mut Vec<ListItem>, depth: usize, text: String) {
    let mut level = items;
    for _ in 0..depth {
        if level.is_empty() {
            break;
        }
        let last = level.len() - 1;
        level = &mut level[last].items;
    }
    level.push(ListItem {
        text,
        items: Vec::new(),
    });
}

#[cfg(test)]
mod test {
    use super::*;

    fn item(t: &str) -> ListItem {
        ListItem {
            text: t.into(),
            items: vec![],
        }
    }

    #[test]
    fn plain_tags_and_bullets() {
        let (p, _) = parse("【規則】 ・ 自社の守秘義務を策定し、文書化すること ・ 教育・周知すること  【対象】 ・ 役員");
        assert_eq!(p.len(), 2);
        assert_eq!(p[0].tag.as_deref(), Some("規則"));
        assert_eq!(
            p[0].blocks,
            vec![Block::List {
                items: vec![
                    item("自社の守秘義務を策定し、文書化すること"),
                    item("教育・周知すること")
                ]
            }]
        );
    }

    #[test]
    fn html_nested_list() {
        let (p, c) = parse("<p>【観点】</p> <ul> <li>外部の脅威</li> <li>自社の脆弱性 <ul> <li>※必要に応じて</li> </ul> </li> <li>情報資産の価値</li> </ul>");
        assert!(c.html_tags > 0);
        let Block::List { items } = &p[0].blocks[0] else {
            panic!("{p:?}")
        };
        assert_eq!(items.len(), 3);
        assert_eq!(items[1].items, vec![item("※必要に応じて")]);
    }

    #[test]
    fn dash_items_nest_under_dot_item_but_not_after_heading() {
        let (p, _) = parse("【対象】 ・パソコン等 -会社支給のPC -サーバー [回収物] -情報 -鍵");
        let b = &p[0].blocks;
        let Block::List { items } = &b[0] else {
            panic!()
        };
        assert_eq!(items[0].items.len(), 2);
        assert_eq!(
            b[1],
            Block::Heading {
                text: "[回収物]".into()
            }
        );
        let Block::List { items } = &b[2] else {
            panic!()
        };
        assert_eq!(items.len(), 2);
    }

    #[test]
    fn parenthesised_labels_become_headings() {
        let (p, _) = parse("【頻度】 (教育) ・新規受け入れ時、かつ、1回/年 (周知) ・定常的に");
        let b = &p[0].blocks;
        assert_eq!(
            b[0],
            Block::Heading {
                text: "(教育)".into()
            }
        );
        assert_eq!(
            b[2],
            Block::Heading {
                text: "(周知)".into()
            }
        );
    }

    #[test]
    fn notes_and_openers() {
        let (p, c) = parse("【基準】 ・a -b &lt;追記&gt; 【基準】 ・c ※注記");
        assert_eq!(c.entities, 2);
        assert_eq!(p.len(), 3);
        assert_eq!(p[1].tag, None);
        assert_eq!(
            p[2].blocks[1],
            Block::Note {
                text: "※注記".into()
            }
        );
    }

    #[test]
    fn sheet_line_breaks_are_boundaries() {
        let (p, _) = parse("【規則】\n・a\n・b\n【頻度】\n1回/年");
        assert_eq!(
            p[1].blocks,
            vec![Block::Paragraph {
                text: "1回/年".into()
            }]
        );
    }
}
