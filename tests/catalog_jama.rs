//! The shipped JAMA/JAPIA V2.2 catalog: regenerated in-process from the seed
//! text and the reviewed repairs, it must equal the checked-in file; its counts
//! are checked against the seed counted independently; long texts are checked
//! word for word against the seed; no conversion markup may remain.
//!
//! The seed lives outside the repository (`../shared/seeds/`, see issue 3).
#![cfg(not(target_arch = "wasm32"))]

use catgen::jama;

use selfcheck::core::catalog::{self, Block, Catalog, Control, ListItem};
use std::path::PathBuf;

const SEED_FILE: &str = "003_e464f1e0b2cd2411.txt";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn seed() -> String {
    let path = root().join("../shared/seeds").join(SEED_FILE);
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("the seed {} is needed: {e}", path.display()))
}

fn repairs() -> Vec<selfcheck::core::catalog::Repair> {
    let text = std::fs::read_to_string(root().join("catalogs/repairs/jama-japia-v2.2.json"))
        .expect("repairs file");
    jama::read_repairs(&text).expect("repairs parse")
}

fn checked_in_text() -> String {
    std::fs::read_to_string(root().join("catalogs/jama-japia-v2.2.json")).expect("catalog file")
}

fn shipped() -> Catalog {
    catalog::parse(&checked_in_text()).expect("the shipped catalog parses")
}

fn ctl<'a>(c: &'a Catalog, id: &str) -> &'a Control {
    c.control(id).unwrap_or_else(|| panic!("item {id} missing"))
}

fn list_has(items: &[ListItem], text: &str) -> bool {
    items
        .iter()
        .any(|i| i.text == text || list_has(&i.items, text))
}

fn blocks_have(blocks: &[Block], text: &str) -> bool {
    blocks.iter().any(|b| match b {
        Block::List { items } => list_has(items, text),
        Block::Paragraph { text: t } | Block::Heading { text: t } | Block::Note { text: t } => {
            t == text
        }
    })
}

/// The list items (top level) of the criteria part tagged `tag`.
fn criteria_items<'a>(c: &'a Control, tag: &str) -> Vec<&'a ListItem> {
    c.criteria
        .iter()
        .filter(|p| p.tag.as_deref() == Some(tag))
        .flat_map(|p| p.blocks.iter())
        .flat_map(|b| match b {
            Block::List { items } => items.iter().collect(),
            _ => Vec::new(),
        })
        .collect()
}

#[test]
fn regenerating_gives_the_checked_in_catalog() {
    let generated = jama::generate(&seed(), SEED_FILE, &repairs()).expect("generator runs");
    let json = jama::to_json(&generated).expect("serialises");
    assert!(
        json == checked_in_text(),
        "catalogs/jama-japia-v2.2.json is stale: run `cargo run -p catgen -- jama ../shared/seeds/{SEED_FILE} catalogs/repairs/jama-japia-v2.2.json catalogs/jama-japia-v2.2.json`"
    );
}

/// Commentary questions counted straight from the seed: lines of section 4
/// (after the common Q&A) that start, under their markdown decoration, with a
/// circled number and a space.
fn questions_in_seed(seed: &str) -> usize {
    let lines: Vec<&str> = seed.lines().collect();
    let sec4 = lines
        .iter()
        .position(|l| l.trim() == "## 4. 解説書")
        .expect("section 4");
    let first_row = lines[sec4..]
        .iter()
        .position(|l| l.starts_with("ラベル\t"))
        .expect("rows")
        + sec4;
    lines[first_row..]
        .iter()
        .filter(|l| {
            let t = l.trim_start_matches(['#', ' ', '-', '*']);
            let mut cs = t.chars();
            matches!(cs.next(), Some('\u{2460}'..='\u{2473}')) && cs.next() == Some(' ')
        })
        .count()
}

#[test]
fn counts_match_the_source() {
    let c = shipped();
    let seed = seed();
    assert_eq!(c.controls.len(), 90);
    let level = |l: &str| {
        c.controls
            .iter()
            .filter(|x| x.level.as_deref() == Some(l))
            .count()
    };
    assert_eq!((level("Lv1"), level("Lv2"), level("Lv3")), (30, 45, 15));
    assert_eq!(c.groups.len(), 22);
    let numbers: Vec<&str> = c
        .groups
        .iter()
        .filter_map(|g| g.number.as_deref())
        .collect();
    assert!(!numbers.contains(&"10") && !numbers.contains(&"20"));
    // Rows in the seed: one per item, the section-3 sample (with <sup>) excluded.
    let rows = seed
        .lines()
        .filter(|l| {
            let cells: Vec<&str> = l.split('\t').collect();
            cells.len() == 7 && cells[3].trim().parse::<u32>().is_ok()
        })
        .count();
    assert_eq!(rows, c.controls.len());
    let questions: usize = c.controls.iter().map(|x| x.commentary.len()).sum();
    assert_eq!(questions, questions_in_seed(&seed));
    assert_eq!(c.guidance.len(), 1);
    assert!(c.guidance[0].question.starts_with("グループ企業の場合"));
    // Questions are numbered 1..n across both sections of each item.
    for x in &c.controls {
        for (k, q) in x.commentary.iter().enumerate() {
            assert_eq!(q.number as usize, k + 1, "item {}", x.id);
            assert!(
                matches!(q.section.as_deref(), Some("達成条件" | "達成基準")),
                "item {} question {}",
                x.id,
                q.number
            );
        }
    }
}

#[test]
fn long_texts_are_verbatim() {
    let c = shipped();
    // The seed with only its HTML emphasis tags taken out (the catalog keeps no emphasis).
    let seed = seed().replace("<b>", "").replace("</b>", "");
    // (item, criteria tag, list item text): each must be in the seed and in the item.
    let criteria = [
        ("8", "規則", "情報機器(PC、サーバー、通信機器、記憶媒体、スマートデバイス等)の利用ルールを策定し、このルールには利用開始時、利用終了時の手続き、利用中の遵守・禁止事項、紛失時の手続きを含むこと"),
        ("10", "規則", "個人情報保護法、GDPR、不正競争防止法等の情報セキュリティに関する法令・規則の情報収集を行うこと"),
        ("66", "方法", "各観点の評価規則、およびそれらを考慮したリスクレベルの規則を定めること"),
        ("143", "規則", "エンドポイント(パソコン、サーバー)の操作ログ(6ヶ月) 取得項目：日時、ホスト名、ユーザーID、IPアドレス、操作内容"),
        ("124", "対象", "インターネットとの境界に設置されているネットワーク機器のOS、ファームウェア"),
        ("126", "診断頻度", "本番稼働後：2 回/年およびシステムの大きな変更時"),
        ("88", "入退場ルールの内容", "入退場時の身分証明方法(社員証、入場許可証の着用など)"),
    ];
    for (id, tag, text) in criteria {
        assert!(seed.contains(text), "not in the seed: {text}");
        let x = ctl(&c, id);
        let found = c_part_has(x, tag, text);
        assert!(found, "item {id} 【{tag}】 lacks: {text}");
    }
    // Commentary answers.
    let answers = [
        ("48", 2, "保管方法については、例えば、一般従業員の誰でもアクセスできる場所に保管している場合、他社から機密情報の漏洩に関する訴訟を受けた際に、自社からは機密情報が漏洩していないことを立証することが困難になる。そのため、他社の訴訟に対する予防対策として、自社情報と分離して保管しておくことが望ましい。また、秘密保持契約等の契約において、機密情報は契約満了などで不要になった時点で回収・破棄することが求められることから、自社情報とは分離して保管することが望ましい。具体的な保管方法としては、自社の情報とは分離した保管場所に保管し、施錠管理やアクセス管理を行うとともに、機密情報の持ち出しやデータ参照に対する貸出記録やアクセス記録を徹底する必要がある。"),
        ("4", 2, "秘密保持契約等に、機密情報漏洩が発生した時に、調査協力や損害賠償・法的措置を取ることを記載する"),
        ("136", 1, "本項目の達成条件としては、EPPのみで十分である。EPPとはパターンマッチング技術により「既知」のマルウェアに対して感染する前に防御することを目的として製品である。一方、EDRとはサイバー攻撃者の動き(ふるまい)や、「既知」・「未知」に関わらずマルウェアによる攻撃の動き(ふるまい)を検知し、アラートを上げる仕組みである。"),
        ("120", 2, "接続制限 (IP アドレス、セキュリティトークンなど)"),
    ];
    for (id, n, text) in answers {
        assert!(seed.contains(text), "not in the seed: {text}");
        let q = &ctl(&c, id).commentary[n - 1];
        assert!(blocks_have(&q.answer, text), "item {id} ② lacks: {text}");
    }
    // Statements.
    let x = ctl(&c, "17");
    assert!(x
        .statements
        .iter()
        .any(|s| s.text == "サイバー攻撃や予兆を監視・分析をする体制を整備している"));
    // A page-break repair joins the split word (R: 文 / 書化).
    let q = &ctl(&c, "21").commentary[0];
    assert!(q.answer.iter().any(|b| matches!(b, Block::Paragraph { text } if text.contains("調整するために文書化した戦略的な計画である。"))));
}

fn c_part_has(x: &Control, tag: &str, text: &str) -> bool {
    x.criteria
        .iter()
        .filter(|p| p.tag.as_deref() == Some(tag))
        .any(|p| blocks_have(&p.blocks, text))
}

#[test]
fn criteria_keep_their_lists() {
    let c = shipped();
    // 【規則】 of item 4: three bullets, not one flattened line.
    assert_eq!(criteria_items(ctl(&c, "4"), "規則").len(), 3);
    // Item 66 【観点】: the note under 自社の脆弱性 stays nested.
    let view = criteria_items(ctl(&c, "66"), "観点");
    assert_eq!(view.len(), 3);
    assert_eq!(view[1].items.len(), 1);
    // Item 7: the [回収物] sub-list follows its sub-heading.
    let x = ctl(&c, "7");
    let blocks = &x.criteria[0].blocks;
    let heading = blocks
        .iter()
        .position(|b| matches!(b, Block::Heading { text } if text == "[回収物]"))
        .expect("sub-heading");
    assert!(matches!(&blocks[heading + 1], Block::List { items } if items.len() == 3));
}

/// Every string of the catalog except the repair records (which quote the
/// source on purpose).
fn strings(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Array(a) => a.iter().for_each(|x| strings(x, out)),
        serde_json::Value::Object(o) => o
            .iter()
            .filter(|(k, _)| k.as_str() != "repairs")
            .for_each(|(_, x)| strings(x, out)),
        _ => {}
    }
}

#[test]
fn no_conversion_markup_is_left() {
    let v: serde_json::Value = serde_json::from_str(&checked_in_text()).expect("json");
    let mut all = Vec::new();
    strings(&v, &mut all);
    assert!(all.len() > 1000);
    let forbidden = [
        "<b>", "</b>", "<sup>", "<p>", "</p>", "<li>", "<ul", "<br", "**", "\n#", "&lt;", "&gt;",
        "&amp;", "\\_", "](http", "\t",
    ];
    for s in &all {
        for f in forbidden {
            assert!(!s.contains(f), "`{f}` left in: {s}");
        }
        assert!(
            !s.starts_with('#') && !s.starts_with("- "),
            "markdown left: {s}"
        );
        assert_eq!(s.trim(), s, "untrimmed text: {s:?}");
    }
}

#[test]
fn source_defects_are_handled_and_recorded() {
    let c = shipped();
    let repairs = repairs();
    // Every reviewed repair is copied into the catalog.
    for r in &repairs {
        assert!(c.repairs.contains(r), "repair {} not recorded", r.id);
    }
    // Items printed under label 16 that belong to label 17, with a note.
    for id in ["100", "101", "105"] {
        let x = ctl(&c, id);
        assert_eq!(x.group, "label-17", "item {id}");
        assert!(x
            .notes
            .iter()
            .any(|n| n.kind == "source" && n.text.contains("16 物理セキュリティ")));
        assert!(c.repairs.iter().any(|r| r.target.as_deref() == Some(id)));
    }
    assert_eq!(ctl(&c, "49").level.as_deref(), Some("Lv1"));
    // Labels written several ways come out once, normalised.
    let title = |id: &str| c.group(id).map(|g| g.title.ja.clone());
    assert_eq!(title("label-3").as_deref(), Some("法令順守"));
    assert_eq!(title("label-4").as_deref(), Some("体制(平時)"));
    assert_eq!(
        title("label-24").as_deref(),
        Some("バックアップ・復元(リストア)")
    );
    // The section-3 sample is not an item.
    assert!(c
        .controls
        .iter()
        .all(|x| x.commentary.iter().all(|q| !q.question.contains("・・・"))));
}

#[test]
fn cross_references_link_only_to_present_items() {
    let c = shipped();
    let r64 = &ctl(&c, "64").cross_refs;
    assert!(r64.iter().any(|r| r.target == "98" && r.control.is_none()));
    let r17 = &ctl(&c, "17").cross_refs;
    assert!(r17
        .iter()
        .any(|r| r.target == "145" && r.control.as_deref() == Some("145")));
    for x in &c.controls {
        for r in &x.cross_refs {
            assert_eq!(r.control.is_some(), c.control(&r.target).is_some());
            assert_ne!(r.target, x.id);
        }
    }
}

#[test]
fn a_stale_repair_stops_the_generator() {
    let mut reps = repairs();
    reps[0].before = "この文言は解説書にない".into();
    let err = jama::generate(&seed(), SEED_FILE, &reps).unwrap_err();
    assert!(err.to_string().contains(&reps[0].id));
    // Without the level repair, item 49's `Lvl1` is refused, naming the column.
    let reps: Vec<_> = repairs()
        .into_iter()
        .filter(|r| r.before != "\tLvl1\t")
        .collect();
    let err = jama::generate(&seed(), SEED_FILE, &reps).unwrap_err();
    assert!(err.to_string().contains("Lvl1") && err.to_string().contains("レベル"));
}

#[test]
fn metadata_and_scale() {
    let c = shipped();
    assert_eq!(c.id, "jama-japia-v2.2");
    assert_eq!(c.issued, "2024-08-01");
    assert_eq!(c.source.file.as_deref(), Some(SEED_FILE));
    let cov = c.coverage.as_ref().expect("coverage");
    assert!(cov.ja.contains("90項目") && cov.ja.contains("ラベル10・20"));
    assert_eq!(c.levels.len(), 3);
    assert!(c
        .levels
        .iter()
        .all(|l| l.description.as_ref().is_some_and(|d| d.en.is_some())));
    let na = c.option("not_applicable").expect("対象外");
    assert!(na.not_applicable && na.requires_reason);
    assert_eq!(c.option("partial").map(|o| o.credit), Some(0.5));
    assert_eq!(c.option("achieved").map(|o| o.achieved), Some(true));
}
