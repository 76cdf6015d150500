//! Text hygiene shared by the JAMA/JAPIA parsers: removing the converter's
//! HTML emphasis, decoding entities, and small character tests.
//!
//! These functions only remove *markup* that the PDF-to-text conversion added
//! (`<b>…</b>`, `&lt;`); they never change a word. Each call reports how many
//! changes it made so that the generator can record them as repairs.

/// Characters that start a structural unit in a criteria cell (bullets, tags,
/// notes, sub-headings). Spaces next to them are never removed.
pub const MARKERS: &[char] = &['・', '•', '【', '】', '[', ']', '※', '○', '-', '<', '>'];

/// True for characters outside ASCII (Japanese text and full-width punctuation).
pub fn wide(c: char) -> bool {
    !c.is_ascii()
}

/// Whether a converter space between `a` and `b` should be dropped when the
/// emphasis around it is removed: both sides Japanese, neither a marker.
fn joins(a: char, b: char) -> bool {
    wide(a) && wide(b) && !MARKERS.contains(&a) && !MARKERS.contains(&b) && !a.is_whitespace()
}

/// Removes `<b>` and `</b>` and the spaces the converter put around the
/// emphasised words between Japanese characters. Returns the text and the
/// number of emphasised spans removed.
pub fn strip_bold(s: &str) -> (String, usize) {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    let mut count = 0;
    while let Some(pos) = rest.find('<') {
        out.push_str(&rest[..pos]);
        let tail = &rest[pos..];
        if let Some(after) = tail.strip_prefix("<b>") {
            count += 1;
            // Drop the spaces between a Japanese character and the emphasis.
            let trimmed = out.trim_end_matches(' ');
            if trimmed.len() < out.len() {
                if let (Some(a), Some(b)) = (trimmed.chars().last(), after.chars().next()) {
                    if joins(a, b) {
                        out.truncate(trimmed.len());
                    }
                }
            }
            rest = after;
        } else if let Some(after) = tail.strip_prefix("</b>") {
            let skipped = after.trim_start_matches(' ');
            rest = after;
            if skipped.len() < after.len() {
                if let (Some(a), Some(b)) = (out.chars().last(), skipped.chars().next()) {
                    if joins(a, b) {
                        rest = skipped;
                    }
                }
            }
        } else {
            out.push('<');
            rest = &tail[1..];
        }
    }
    out.push_str(rest);
    (out, count)
}

/// Decodes the HTML entities the converter left (`&lt;`, `&gt;`, `&amp;`,
/// `&quot;`, `&#39;`, `&nbsp;`). Returns the text and the number decoded.
pub fn decode_entities(s: &str) -> (String, usize) {
    const ENTITIES: &[(&str, &str)] = &[
        ("&lt;", "<"),
        ("&gt;", ">"),
        ("&quot;", "\""),
        ("&#39;", "'"),
        ("&nbsp;", " "),
        ("&amp;", "&"),
    ];
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    let mut count = 0;
    'outer: while let Some(pos) = rest.find('&') {
        out.push_str(&rest[..pos]);
        let tail = &rest[pos..];
        for (from, to) in ENTITIES {
            if let Some(after) = tail.strip_prefix(from) {
                out.push_str(to);
                count += 1;
                rest = after;
                continue 'outer;
            }
        }
        out.push('&');
        rest = &tail[1..];
    }
    out.push_str(rest);
    (out, count)
}

/// Removes markdown's backslash escapes (`\_`, `\*`…) from a URL.
pub fn unescape_markdown(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' {
            if let Some(&n) = chars.peek() {
                if n.is_ascii_punctuation() {
                    out.push(n);
                    chars.next();
                    continue;
                }
            }
        }
        out.push(c);
    }
    out
}

/// The value of a circled number (① = 1 … ⑳ = 20), if `c` is one.
pub fn circled(c: char) -> Option<u32> {
    let v = c as u32;
    (0x2460..=0x2473).contains(&v).then(|| v - 0x2460 + 1)
}

#[cfg(test)]
mod test {
    use super::*;

    #[test]
    fn bold_spaces_between_japanese_go() {
        let (s, n) = strip_bold("自社の <b>事業継続計画</b> 又は <b>緊急時対応計画</b> を作成");
        assert_eq!(s, "自社の事業継続計画又は緊急時対応計画を作成");
        assert_eq!(n, 2);
    }

    #[test]
    fn bold_tag_keeps_separating_space() {
        let (s, _) = strip_bold("文書化すること  <b>【対象】</b> ・ 役員");
        assert_eq!(s, "文書化すること  【対象】 ・ 役員");
    }

    #[test]
    fn entities_decode() {
        assert_eq!(decode_entities("&lt;追記&gt;").0, "<追記>");
    }

    #[test]
    fn circled_numbers() {
        assert_eq!(circled('①'), Some(1));
        assert_eq!(circled('⑳'), Some(20));
        assert_eq!(circled('1'), None);
    }
}
