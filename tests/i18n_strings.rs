//! Every UI string lives in `src/i18n.rs`, in Japanese and English (issue 6):
//! a Japanese string literal in a component would show Japanese to an English
//! user. This test reads the widget's UI source files and fails on any string
//! or char literal (comments excluded) that holds Japanese text. Catalog text
//! comes from the catalog at run time, never from a literal.

use std::fs;
use std::path::{Path, PathBuf};

/// Hiragana, katakana (full and half width), kanji and the Japanese
/// punctuation that only Japanese sentences use (、。「」『』).
fn is_japanese(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30FF}'
        | '\u{31F0}'..='\u{31FF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{FF66}'..='\u{FF9F}'
        | '、' | '。' | '「' | '」' | '『' | '』')
}

/// The string and char literals of a Rust source (comments skipped), with
/// their line numbers. A small lexer: enough for this crate's sources
/// (line and nested block comments, escapes, raw strings, lifetimes).
fn literals(src: &str) -> Vec<(usize, String)> {
    let chars: Vec<char> = src.chars().collect();
    let mut out = Vec::new();
    let mut line = 1;
    let mut i = 0;
    let at = |i: usize| chars.get(i).copied().unwrap_or('\0');
    while i < chars.len() {
        let c = chars[i];
        if c == '\n' {
            line += 1;
            i += 1;
        } else if c == '/' && at(i + 1) == '/' {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && at(i + 1) == '*' {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && at(i + 1) == '*' {
                    depth += 1;
                    i += 2;
                } else if chars[i] == '*' && at(i + 1) == '/' {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    if chars[i] == '\n' {
                        line += 1;
                    }
                    i += 1;
                }
            }
        } else if c == 'r'
            && (at(i + 1) == '"' || (at(i + 1) == '#' && !at(i.wrapping_sub(1)).is_alphanumeric()))
        {
            // Raw string r"…" / r#"…"#.
            let mut j = i + 1;
            let mut hashes = 0;
            while at(j) == '#' {
                hashes += 1;
                j += 1;
            }
            if at(j) != '"' {
                i += 1;
                continue;
            }
            let start_line = line;
            let mut text = String::new();
            j += 1;
            while j < chars.len() {
                if chars[j] == '"' && (1..=hashes).all(|k| at(j + k) == '#') {
                    j += 1 + hashes;
                    break;
                }
                if chars[j] == '\n' {
                    line += 1;
                }
                text.push(chars[j]);
                j += 1;
            }
            out.push((start_line, text));
            i = j;
        } else if c == '"' {
            let start_line = line;
            let mut text = String::new();
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' {
                    text.push(chars[i]);
                    i += 1;
                }
                if at(i) == '\n' {
                    line += 1;
                }
                text.push(at(i));
                i += 1;
            }
            i += 1;
            out.push((start_line, text));
        } else if c == '\'' {
            // A char literal ('x', '\n', '\u{..}') or a lifetime ('a).
            if at(i + 1) == '\\' {
                let mut j = i + 2;
                while j < chars.len() && chars[j] != '\'' {
                    j += 1;
                }
                out.push((line, chars[i + 1..j].iter().collect()));
                i = j + 1;
            } else if at(i + 2) == '\'' {
                out.push((line, at(i + 1).to_string()));
                i += 3;
            } else {
                i += 1;
            }
        } else {
            i += 1;
        }
    }
    out
}

/// The UI side of the widget: components and the browser glue (not the
/// string table itself, not `src/core`, whose literals are test data).
fn ui_sources() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files: Vec<PathBuf> = Vec::new();
    for dir in [root.clone(), root.join("components")] {
        for entry in fs::read_dir(&dir).expect("src/ is readable").flatten() {
            let p = entry.path();
            if p.extension().is_some_and(|e| e == "rs") && !p.ends_with("i18n.rs") {
                files.push(p);
            }
        }
    }
    files.sort();
    files
}

#[test]
fn no_japanese_string_literal_outside_the_string_table() {
    let files = ui_sources();
    assert!(
        files.iter().any(|f| f.ends_with("components/item.rs")),
        "the components were found: {files:?}"
    );
    let mut found = Vec::new();
    for f in &files {
        let src = fs::read_to_string(f).expect("source is readable");
        for (line, lit) in literals(&src) {
            if lit.chars().any(is_japanese) {
                found.push(format!("{}:{line}: {lit:?}", f.display()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "UI strings belong in src/i18n.rs (t(lang, Key::…)), found:\n  {}",
        found.join("\n  ")
    );
}

#[test]
fn the_scanner_finds_literals_and_skips_comments() {
    let src = r####"
        // 日本語のコメント
        /* ブロック /* 入れ子 */ コメント */
        let a = "English";
        let b = "回答"; // trailing 注
        let c = r#"raw "達成""#;
        let d = '済';
        fn f<'a>(x: &'a str) -> &'a str { x }
        let e = "escaped \" 未回答";
        let g = "【{tag}】";
    "####;
    let lits = literals(src);
    let jp: Vec<(usize, String)> = lits
        .into_iter()
        .filter(|(_, l)| l.chars().any(is_japanese))
        .collect();
    assert_eq!(
        jp,
        vec![
            (5, "回答".to_string()),
            (6, "raw \"達成\"".to_string()),
            (7, "済".to_string()),
            (9, "escaped \\\" 未回答".to_string()),
        ]
    );
}
