//! 【解説】 text of one item -> numbered questions with their answers.
//!
//! The text conversion wrote the same structure many ways (`## 【解説】`,
//! `**【解説】**`; `### ・ 達成条件`, `■ 達成基準`; `#### ① …`, `- ① …`, `① …`).
//! Each line is classified after its markdown decoration (`#`, `**`, a leading
//! `- `) is removed:
//! - `【解説】` opens the commentary; `・ 達成条件` / `■ 達成基準` set the section;
//! - a line starting with a circled number (①…) is a question;
//! - `・ …` / `- …` lines are list items (one list while the bullet style stays
//!   the same; blank lines do not end a list), `1. …` lines a numbered list
//!   (the number is kept: the answers refer to it);
//! - `<…>`, `＜…＞`, `【…】` lines are sub-headings, `※…` lines notes;
//! - `参考…` lines and URL lines are references (title as printed, else the URL);
//! - anything else is a paragraph.

use selfcheck::core::catalog::{Block, Commentary, ListItem, Reference};

use super::text::{circled, unescape_markdown};

/// Why a commentary could not be read.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum CommentaryError {
    /// Answer text before the first question.
    #[error("line {line}: text before the first question: {text}")]
    TextBeforeQuestion {
        /// Line in the seed (1-based).
        line: usize,
        /// The text.
        text: String,
    },
    /// A question number out of sequence.
    #[error("line {line}: question {found} where {expected} was expected")]
    OutOfSequence {
        /// Line in the seed (1-based).
        line: usize,
        /// The number expected.
        expected: u32,
        /// The number printed.
        found: u32,
    },
}

/// Counts of markup removed while reading (reported as repairs).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Cleanup {
    /// Lines whose markdown heading/bold/bullet markers were removed.
    pub markdown_lines: usize,
    /// URLs written as markdown links with backslash escapes.
    pub markdown_links: usize,
}

/// How a list item was marked; a change of style starts a new list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Bullet {
    /// `・ …` (possibly under a markdown `- `).
    Dot,
    /// A bare markdown `- …`.
    Dash,
    /// `1. …` (the number is kept in the text).
    Numbered,
}

#[derive(Debug, Clone, PartialEq)]
enum Line {
    Blank,
    Open,
    Section(String),
    Question(u32, String),
    Item {
        style: Bullet,
        text: String,
    },
    Heading(String),
    Note(String),
    Url(String),
    /// `参考…` with an optional URL on the same line.
    Reference {
        title: String,
        url: Option<String>,
    },
    Paragraph(String),
}

/// A URL written `<u>`, `[u](u)` or bare; returns the URL and whether it was a markdown link.
fn url_of(t: &str) -> Option<(String, bool)> {
    let t = t.trim();
    if let Some(inner) = t.strip_prefix('<').and_then(|r| r.strip_suffix('>')) {
        if inner.starts_with("http://") || inner.starts_with("https://") {
            return Some((inner.to_string(), false));
        }
    }
    if t.starts_with("[http") {
        if let Some(open) = t.find("](") {
            let target = t[open + 2..].strip_suffix(')')?;
            return Some((unescape_markdown(target), true));
        }
    }
    if (t.starts_with("http://") || t.starts_with("https://")) && !t.contains(' ') {
        return Some((t.to_string(), false));
    }
    None
}

fn classify(raw: &str, cleanup: &mut Cleanup) -> Line {
    let original = raw.trim();
    if original.is_empty() {
        return Line::Blank;
    }
    let mut t = original.trim_start_matches('#').trim_start();
    let mut md_bullet = false;
    if let Some(r) = t.strip_prefix("- ") {
        t = r.trim_start();
        md_bullet = true;
    }
    let owned = t.replace("**", "");
    let t = owned.trim();
    if t != original {
        cleanup.markdown_lines += 1;
    }
    if t == "【解説】" {
        return Line::Open;
    }
    for lead in ["・", "■"] {
        if let Some(r) = t.strip_prefix(lead) {
            let r = r.trim();
            if r == "達成条件" || r == "達成基準" {
                return Line::Section(r.to_string());
            }
        }
    }
    // A question is a circled number followed by a space (`①で解説のとおり` is text).
    let mut cs = t.chars();
    if let (Some(n), Some(' ' | '\u{3000}')) = (cs.next().and_then(circled), cs.next()) {
        return Line::Question(n, cs.as_str().trim().to_string());
    }
    if let Some((url, md)) = url_of(t) {
        if md {
            cleanup.markdown_links += 1;
        }
        return Line::Url(url);
    }
    if let Some(r) = t.strip_prefix("参考") {
        // `参考(※1) : <url>`, `参考：<url>`, `参考：title`
        let split = r.find(['：', ':']);
        let (label, after) = match split {
            Some(i) => {
                let sep_len = r[i..].chars().next().map_or(1, char::len_utf8);
                (&r[..i], r[i + sep_len..].trim())
            }
            None => (r, ""),
        };
        let label = format!("参考{}", label.trim_end());
        if let Some((url, md)) = url_of(after) {
            if md {
                cleanup.markdown_links += 1;
            }
            let title = if label == "参考" {
                url.clone()
            } else {
                label
            };
            return Line::Reference {
                title,
                url: Some(url),
            };
        }
        if !after.is_empty() {
            return Line::Reference {
                title: after.to_string(),
                url: None,
            };
        }
    }
    if let Some(r) = t.strip_prefix('・') {
        return Line::Item {
            style: Bullet::Dot,
            text: r.trim().to_string(),
        };
    }
    if md_bullet {
        return Line::Item {
            style: Bullet::Dash,
            text: t.to_string(),
        };
    }
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && t[digits..].starts_with(". ") {
        return Line::Item {
            style: Bullet::Numbered,
            text: t.to_string(),
        };
    }
    let bracketed = |o: char, c: char| t.starts_with(o) && t.ends_with(c);
    if bracketed('<', '>') || bracketed('＜', '＞') || bracketed('【', '】') {
        return Line::Heading(t.to_string());
    }
    if t.starts_with('※') {
        return Line::Note(t.to_string());
    }
    Line::Paragraph(t.to_string())
}

/// Reads the commentary from numbered lines `(line number, text)`. With
/// `open`, questions are expected without a `【解説】` line (the common Q&A).
pub fn parse(
    lines: &[(usize, &str)],
    open: bool,
    cleanup: &mut Cleanup,
) -> Result<Vec<Commentary>, CommentaryError> {
    let mut out: Vec<Commentary> = Vec::new();
    let mut section: Option<String> = None;
    let mut opened = open;
    // Bullet style of the list being built (None: no open list).
    let mut list_style: Option<Bullet> = None;
    let mut pending_ref: Option<String> = None;
    for &(no, raw) in lines {
        let line = classify(raw, cleanup);
        if line == Line::Blank {
            continue;
        }
        // A reference title waits for its URL on the next line.
        if let Some(title) = pending_ref.take() {
            if let Some(c) = out.last_mut() {
                match &line {
                    Line::Url(u) => {
                        c.references.push(Reference {
                            title,
                            url: Some(u.clone()),
                        });
                        continue;
                    }
                    _ => c.references.push(Reference { title, url: None }),
                }
            }
        }
        match line {
            Line::Blank => {}
            Line::Open => opened = true,
            Line::Section(s) if opened => {
                section = Some(s);
                list_style = None;
            }
            Line::Question(n, q) if opened => {
                let expected = out.len() as u32 + 1;
                if n != expected {
                    return Err(CommentaryError::OutOfSequence {
                        line: no,
                        expected,
                        found: n,
                    });
                }
                out.push(Commentary {
                    number: n,
                    section: section.clone(),
                    question: q,
                    answer: Vec::new(),
                    references: Vec::new(),
                });
                list_style = None;
            }
            other => {
                let Some(c) = out.last_mut() else {
                    return Err(CommentaryError::TextBeforeQuestion {
                        line: no,
                        text: raw.trim().to_string(),
                    });
                };
                match other {
                    Line::Item { style, text } => {
                        // One list while the bullet style stays the same.
                        let continues = list_style == Some(style)
                            && matches!(c.answer.last(), Some(Block::List { .. }));
                        if !continues {
                            c.answer.push(Block::List { items: Vec::new() });
                        }
                        if let Some(Block::List { items }) = c.answer.last_mut() {
                            items.push(ListItem {
                                text,
                                items: Vec::new(),
                            });
                        }
                        list_style = Some(style);
                        continue;
                    }
                    Line::Heading(t) => c.answer.push(Block::Heading { text: t }),
                    Line::Note(t) => c.answer.push(Block::Note { text: t }),
                    Line::Paragraph(t) => c.answer.push(Block::Paragraph { text: t }),
                    Line::Url(u) => c.references.push(Reference {
                        title: u.clone(),
                        url: Some(u),
                    }),
                    Line::Reference { title, url: None } => pending_ref = Some(title),
                    Line::Reference { title, url } => c.references.push(Reference { title, url }),
                    // Section/question/open lines before `【解説】`: plain text.
                    Line::Section(s) => c.answer.push(Block::Paragraph { text: s }),
                    Line::Question(_, q) => c.answer.push(Block::Paragraph { text: q }),
                    Line::Open | Line::Blank => {}
                }
                list_style = None;
            }
        }
    }
    if let (Some(title), Some(c)) = (pending_ref, out.last_mut()) {
        c.references.push(Reference { title, url: None });
    }
    Ok(out)
}

#[cfg(test)]
mod test {
    use super::*;

    fn run(text: &str) -> Vec<Commentary> {
        let lines: Vec<(usize, &str)> = text.lines().enumerate().map(|(i, l)| (i + 1, l)).collect();
        parse(&lines, false, &mut Cleanup::default()).unwrap()
    }

    #[test]
    fn sections_questions_lists_and_references() {
        let c = run("## 【解説】\n\n### ・ 達成条件\n\n#### ① 何か？\n\n答え。\n\n- ・ a\n\n- ・ b\n\n参考：ハンドブック（経済産業省）\n\n<https://example.org/a.pdf>\n\n■ 達成基準\n\n② 次？\n\n参考(※1) : <https://example.org/b>");
        assert_eq!(c.len(), 2);
        assert_eq!(c[0].section.as_deref(), Some("達成条件"));
        assert_eq!(c[0].question, "何か？");
        assert_eq!(c[0].answer.len(), 2);
        let Block::List { items } = &c[0].answer[1] else {
            panic!()
        };
        assert_eq!(items.len(), 2);
        assert_eq!(c[0].references[0].title, "ハンドブック（経済産業省）");
        assert_eq!(c[1].section.as_deref(), Some("達成基準"));
        assert_eq!(c[1].references[0].title, "参考(※1)");
    }

    #[test]
    fn bullet_style_change_starts_a_new_list() {
        let c = run("【解説】\n① q\n- ・ a\n\n- b");
        assert_eq!(c[0].answer.len(), 2);
    }

    #[test]
    fn markdown_link_is_unescaped() {
        let c = run("【解説】\n① q\n参考：[https://x.jp/a\\_b](https://x.jp/a_b)");
        assert_eq!(c[0].references[0].url.as_deref(), Some("https://x.jp/a_b"));
    }

    #[test]
    fn out_of_sequence_is_an_error() {
        let lines = [(1, "【解説】"), (2, "② q")];
        assert!(parse(&lines, false, &mut Cleanup::default()).is_err());
    }
}
