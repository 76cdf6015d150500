//! The shipped NISC 2023 catalog (`catalogs/nisc-2023.json`): regenerated in-process
//! from the seed text and the reviewed repairs, and held to the guideline's
//! structure, counts and wording.
//!
//! The seed is read from `../shared/seeds/` next to the repository, as the
//! generator does; the test fails (it does not skip) when the seed is missing.
#![cfg(not(target_arch = "wasm32"))]

use selfcheck::core::catalog::{parse, Catalog, Control, ListItem, Priority, ScaleKind};
use std::path::PathBuf;

const SEED_FILE: &str = "002_97d9446c2537c2e0.txt";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read(path: PathBuf) -> String {
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn seed() -> String {
    read(root().join("../shared/seeds").join(SEED_FILE))
}

fn checked_in() -> String {
    read(root().join("catalogs/nisc-2023.json"))
}

fn catalog() -> Catalog {
    parse(&checked_in()).unwrap_or_else(|e| panic!("catalogs/nisc-2023.json: {e}"))
}

fn ctl<'a>(c: &'a Catalog, id: &str) -> &'a Control {
    c.control(id)
        .unwrap_or_else(|| panic!("control {id} missing"))
}

fn text<'a>(c: &'a Catalog, id: &str) -> &'a str {
    &ctl(c, id).statements[0].text
}

/// The texts of a control's statement items (its `*` sub-bullets or listed items).
fn items<'a>(c: &'a Catalog, id: &str) -> Vec<&'a str> {
    item_texts(&ctl(c, id).statements[0].items)
}

fn item_texts(items: &[ListItem]) -> Vec<&str> {
    items.iter().map(|i| i.text.as_str()).collect()
}

/// Every text a user reads as the guideline's wording: statements and their items.
fn all_texts(c: &Catalog) -> Vec<(&str, &str)> {
    fn walk<'a>(id: &'a str, items: &'a [ListItem], out: &mut Vec<(&'a str, &'a str)>) {
        for i in items {
            out.push((id, &i.text));
            walk(id, &i.items, out);
        }
    }
    let mut out = Vec::new();
    for ctl in &c.controls {
        for s in &ctl.statements {
            out.push((ctl.id.as_str(), s.text.as_str()));
            walk(&ctl.id, &s.items, &mut out);
        }
    }
    out
}

fn in_section5(c: &Catalog) -> Vec<&Control> {
    c.controls
        .iter()
        .filter(|x| x.group.starts_with("5."))
        .collect()
}

#[test]
fn regenerating_from_the_seed_gives_the_checked_in_json() {
    let repairs = read(root().join("catalogs/repairs/nisc-2023.json"));
    let fresh = catgen::nisc::generate_json(&seed(), &repairs, SEED_FILE)
        .unwrap_or_else(|e| panic!("generator failed: {e}"));
    assert!(
        fresh == checked_in(),
        "catalogs/nisc-2023.json is stale; regenerate with \
         `cargo run -p catgen -- nisc ../shared/seeds/{SEED_FILE} catalogs/repairs/nisc-2023.json catalogs/nisc-2023.json`"
    );
}

#[test]
fn catalog_parses_and_describes_itself() {
    let c = catalog();
    assert_eq!(c.id, "nisc-2023");
    assert_eq!(c.version, "2023");
    assert_eq!(c.issued, "2023-07-04");
    assert_eq!(c.language, "ja");
    assert_eq!(
        c.title.ja,
        "重要インフラのサイバーセキュリティに係る安全基準等策定指針"
    );
    assert_eq!(
        c.title.en.as_deref(),
        Some("Guidelines for Establishing Safety Standards for Cybersecurity of Critical Infrastructure")
    );
    assert!(c
        .publisher
        .ja
        .starts_with("内閣サイバーセキュリティセンター"));
    assert!(c.publisher.en.is_some());
    assert_eq!(c.source.file.as_deref(), Some(SEED_FILE));
    assert!(c.levels.is_empty());
    let coverage = c.coverage.as_ref().expect("coverage");
    assert!(coverage.ja.contains("第1章") && coverage.ja.contains("第5章"));
}

#[test]
fn maturity_scale_runs_from_not_done_to_continuous_improvement() {
    let c = catalog();
    assert_eq!(c.scale.kind, ScaleKind::Maturity);
    assert_eq!(c.scale.default_target, Some(3));
    let ids: Vec<&str> = c.scale.options.iter().map(|o| o.id.as_str()).collect();
    assert_eq!(ids, ["m0", "m1", "m2", "m3", "m4", "na"]);
    for (v, o) in c.scale.options.iter().take(5).enumerate() {
        assert_eq!(o.value, Some(v as u8));
        assert_eq!(o.achieved, v >= 3, "{}", o.id);
        assert!((o.credit - v as f64 / 4.0).abs() < 1e-9);
    }
    assert!(c.option("m0").unwrap().label.ja.contains("未実施"));
    assert!(c.option("m4").unwrap().label.ja.contains("継続的改善"));
    let na = c.option("na").unwrap();
    assert!(na.not_applicable && na.requires_reason && na.value.is_none() && !na.achieved);
}

#[test]
fn section5_has_five_groups_and_all_69_measures_with_sub_bullets_as_children() {
    let c = catalog();
    let top: Vec<&str> = c
        .groups
        .iter()
        .filter(|g| g.parent.as_deref() == Some("5"))
        .map(|g| g.title.ja.as_str())
        .collect();
    assert_eq!(
        top,
        [
            "組織的対策",
            "人的対策",
            "物理的対策",
            "技術的対策",
            "動向を踏まえた対策"
        ]
    );
    // Independent count from the seed: `・` bullets and ` *` sub-bullets after the §5 heading.
    let seed = seed();
    let s5 = &seed[seed.find("\n5. 対策項目\n\n「4.3.1.").expect("§5 heading")..];
    let bullets = s5.lines().filter(|l| l.starts_with("- ・ ")).count();
    let subs = s5.lines().filter(|l| l.starts_with(" - * ")).count();
    let measures = in_section5(&c);
    let children: usize = measures.iter().map(|m| m.statements[0].items.len()).sum();
    assert_eq!((measures.len(), children), (bullets, subs));
    assert_eq!((measures.len(), children), (61, 8));
    assert_eq!(measures.len() + children, 69);
    // Sub-bullets are children of their measure, never measures of their own.
    assert_eq!(
        items(&c, "5.3.1-1"),
        [
            "物理的なセキュリティ境界を設定する。",
            "入退管理の仕組みを構築する。",
            "持ち込まれる物品の確認・制限を実施する。"
        ]
    );
    assert_eq!(ctl(&c, "5.4.1-1").statements[0].items.len(), 2);
    assert_eq!(
        items(&c, "5.4.2-1"),
        [
            "ログイン失敗回数を制限する。",
            "良質なパスワードを利用する。",
            "多要素認証を活用する。"
        ]
    );
    assert!(measures
        .iter()
        .all(|m| c.group(&m.group).is_some_and(|g| g.parent.is_some())));
    // Ids follow the section number and the position in it.
    let in_5111: Vec<&str> = c.controls_in("5.1.1.1").map(|x| x.id.as_str()).collect();
    assert_eq!(
        in_5111,
        ["5.1.1.1-1", "5.1.1.1-2", "5.1.1.1-3", "5.1.1.1-4"]
    );
}

#[test]
fn texts_are_verbatim_from_the_seed() {
    let c = catalog();
    let seed = seed();
    let spot = [
        ("5.1.1.1-1", "情報システム、ソフトウェア、情報等の資産を特定し、各資産の管理責任者や利用制限（利用が許される範囲）等を明確化した資産目録を作成・維持管理する。"),
        ("5.1.3.4-2", "ログが悪意を持った人物やマルウェア等によって故意に改ざん、消去されないよう管理する。例えば、ログの性質に応じた定期的な検査によって、ログに対する不正行為の有無を確認する。"),
        ("5.2.2-1", "委託先との契約書等に、委託先の従業員に関する要求事項²⁴や委託終了後も遵守すべき事項を盛り込む。"),
        ("5.5.1-3", "システムソフトウェア及びデータのバックアップを行い、バックアップから復旧可能なことを定期的を確認する。"),
        ("5.5.2-6", "クラウドサービスの利用終了時に、クラウドサービス上のデータの取扱いについて確認する。"),
        ("3.1.2-1", "組織方針を踏まえ、次が記載されたサイバーセキュリティ方針を策定する。"),
        ("3.4-2", "特に、サイバーセキュリティに関する責任者（CISO等）を任命すべきであり、その任命にあたっては、経営層の責任において実施する⁸。"),
        ("4.3.1-2", "セキュリティ対策の程度については、成熟度モデルを活用しつつ、自組織における評価基準等をもって優先順位付けする。"),
        ("4.8.2-1", "NISC 「重要インフラのサイバーセキュリティに係る行動計画」に基づく情報共有の手引書」及び「サイバー攻撃被害に係る情報の共有・公表ガイダンス」（令和5年3月8日サイバー攻撃被害に係る情報の共有・公表ガイダンス検討会）も踏まえ、組織内外と情報共有を実施する。"),
        ("4.6-3", "セキュリティ対策業務に従事する人材に対し、「情報処理安全確保支援士」等の資格取得、演習・訓練への参加等を推進することが望ましい。"),
    ];
    for (id, expected) in spot {
        assert_eq!(text(&c, id), expected, "{id}");
        assert!(seed.contains(expected), "{id} not in the seed");
    }
    assert_eq!(
        items(&c, "4.3.3-2"),
        [
            "目標とする将来像",
            "実施事項",
            "必要な資源",
            "責任者",
            "達成期限",
            "結果の評価方法"
        ]
    );
    // Texts joined across a page break: each part is in the seed, the join is recorded.
    let joined = [
        ("4.2-5", "適切にリスクアセ", "スメントを実施する¹⁶。"),
        (
            "4.10-1",
            "体制や取組の有効",
            "性を検証するため、実践的な演習・訓練を定期的を実施し",
        ),
        ("5.1.4-1", "信頼できる事業者", "の製品等を活用する。"),
        ("3.3-3", "また、", "自組織にとどまらず、ビジネスパートナー"),
    ];
    for (id, a, b) in joined {
        let t = text(&c, id);
        assert!(t.contains(&format!("{a}{b}")), "{id}: {t}");
        assert!(
            seed.contains(&format!("{a}\n")) && seed.contains(&format!("\n{b}")),
            "{id}"
        );
        assert!(
            c.repairs.iter().any(|r| r.target.as_deref() == Some(id)
                && r.after
                    .strip_prefix(a)
                    .map(|rest| format!("{a}\n{rest}"))
                    .as_ref()
                    == Some(&r.before)
                && t.contains(&r.after)),
            "{id}: join not recorded"
        );
    }
    // Every text, with its recorded joins undone, is made of lines of the seed.
    for (id, t) in all_texts(&c) {
        let mut undone = t.to_string();
        for r in c.repairs.iter().filter(|r| !r.after.is_empty()) {
            undone = undone.replace(&r.after, &r.before);
        }
        for part in undone.split('\n') {
            assert!(seed.contains(part), "{id}: not verbatim: {part}");
        }
    }
}

#[test]
fn priority_follows_nozomashii_and_the_adjective_stays_baseline() {
    let c = catalog();
    // 5.1.1.3: 「望ましいデータ管理を行う」 uses 望ましい as an adjective: a baseline measure.
    let m = ctl(&c, "5.1.1.3-1");
    assert!(m.statements[0].text.contains("望ましいデータ管理を行う。"));
    assert_eq!(m.priority, Some(Priority::Baseline));
    assert_eq!(m.target, None, "baseline measures use the default target");
    let cases = [
        ("5.5.1-9", Priority::Recommended), // 金銭の支払いは厳に慎むことが望ましい。
        ("5.5.1-8", Priority::Baseline),
        ("3.1.2-1", Priority::Baseline),
        ("3.1.1-2", Priority::Recommended),
        ("3.4-3", Priority::Recommended), // …位置付けられるべきであり、…任命されることが望ましい。
        ("3.7-1", Priority::Baseline),
        ("3.7-2", Priority::Recommended), // 次の情報を開示することが望ましい。
        ("4.6-1", Priority::Baseline),
        ("4.6-2", Priority::Recommended),
        ("4.8.1-2", Priority::Recommended),
    ];
    for (id, p) in cases {
        let x = ctl(&c, id);
        assert_eq!(x.priority, Some(p), "{id}");
        let expected_target = (p == Priority::Recommended).then_some(2);
        assert_eq!(x.target, expected_target, "{id}");
    }
    // In §5, only the ransom-payment measure is worded as a recommendation.
    let recommended: Vec<&str> = in_section5(&c)
        .into_iter()
        .filter(|m| m.priority == Some(Priority::Recommended))
        .map(|m| m.id.as_str())
        .collect();
    assert_eq!(recommended, ["5.5.1-9"]);
    assert!(c.controls.iter().all(|x| x.priority.is_some()));
}

#[test]
fn sections_3_and_4_give_practices_with_the_section_text_as_context() {
    let c = catalog();
    let practices: Vec<&Control> = c
        .controls
        .iter()
        .filter(|x| x.group.starts_with("3.") || x.group.starts_with("4."))
        .collect();
    assert_eq!(practices.len(), 72);
    // 4.4's list of threats is context, not a practice; its practices follow.
    let g = c.group("4.4").unwrap();
    assert!(serde_json::to_string(&g.intro)
        .unwrap()
        .contains("海外拠点、グループ組織、取引先等を経由したサイバー攻撃"));
    assert_eq!(
        text(&c, "4.4-1"),
        "自組織の重要システムや機能とサプライチェーンの依存関係の把握、供給者のセキュリティ対策の状況の把握を行う。"
    );
    // A sentence that introduces a list keeps the list as its items.
    assert_eq!(
        items(&c, "3.1.2-1"),
        [
            "セキュリティ対策の目的や方向性",
            "関係主体等からの要求事項への対応",
            "経営層によるコミットメント"
        ]
    );
    assert_eq!(ctl(&c, "3.7-2").statements[0].items.len(), 8);
    // Every practice's section shows the text the practice is taken from.
    for p in practices {
        let g = c.group(&p.group).unwrap();
        let intro = serde_json::to_string(&g.intro).unwrap();
        assert!(
            intro.contains(&p.statements[0].text),
            "{}: not in its section's text",
            p.id
        );
    }
    // Chapters 1 and 2 (for the authors of safety standards) are not included.
    assert!(c
        .groups
        .iter()
        .all(|g| !g.id.starts_with('1') && !g.id.starts_with('2')));
}

#[test]
fn no_page_header_footnote_or_markup_leaks_into_texts() {
    let c = catalog();
    let seed = seed();
    let headers = [
        "3. 組織統治におけるサイバーセキュリティ",
        "4. リスクマネジメントの活用と危機管理",
        "5. 対策項目",
    ];
    // Footnote bodies as printed in the seed (lines starting with a superscript number).
    let is_sup = |ch: char| "⁰¹²³⁴⁵⁶⁷⁸⁹".contains(ch);
    let footnotes: Vec<&str> = seed
        .lines()
        .filter(|l| l.chars().next().is_some_and(is_sup))
        .filter_map(|l| l.split_once(' ').map(|(_, t)| t))
        .collect();
    assert!(footnotes.len() >= 20);
    for (id, t) in all_texts(&c) {
        for h in headers {
            assert!(!t.contains(h), "{id}: page header in {t}");
        }
        for f in &footnotes {
            let head: String = f.chars().take(25).collect();
            assert!(!t.contains(&head), "{id}: footnote text `{head}` in {t}");
        }
        for bad in ["- ・", "・ ", " * ", "<", ">", "**", "#", "\t", "\n", "\\"] {
            assert!(!t.contains(bad), "{id}: `{bad}` in {t}");
        }
        assert!(t.trim() == t && !t.is_empty(), "{id}: {t:?}");
    }
    // Measures and practices are whole sentences.
    for x in &c.controls {
        assert!(x.statements[0].text.ends_with('。'), "{}", x.id);
    }
    // Every superscript marker left in a text is a reference to a footnote note of that control.
    for x in &c.controls {
        let mut texts = vec![x.statements[0].text.as_str()];
        texts.extend(item_texts(&x.statements[0].items));
        for t in texts {
            let mut marker = String::new();
            for ch in t.chars().chain(std::iter::once(' ')) {
                if is_sup(ch) {
                    marker.push(ch);
                } else if !marker.is_empty() {
                    let prefix = format!("{marker} ");
                    assert!(
                        x.notes
                            .iter()
                            .any(|n| n.kind == "footnote" && n.text.starts_with(&prefix)),
                        "{}: marker {marker} without its footnote",
                        x.id
                    );
                    marker.clear();
                }
            }
        }
    }
    let n = &ctl(&c, "4.7-1").notes[0];
    assert_eq!(n.kind, "footnote");
    assert!(n
        .text
        .starts_with("²¹ Computer Security Incident Response Team の略(シーサート)。"));
    // Footnote 8 runs over four paragraphs; all of them stay in the note.
    let n8 = &ctl(&c, "3.4-2").notes[0].text;
    assert!(n8.starts_with("⁸ 会社法第362条") && n8.ends_with("〔2020年3月2日〕）"));
    assert_eq!(n8.lines().count(), 4);
}

#[test]
fn every_repair_is_recorded_and_the_reviewed_file_is_copied() {
    let c = catalog();
    let reviewed: Vec<selfcheck::core::catalog::Repair> =
        serde_json::from_str(&read(root().join("catalogs/repairs/nisc-2023.json"))).unwrap();
    assert!(!reviewed.is_empty());
    for r in &reviewed {
        assert!(
            c.repairs.contains(r),
            "reviewed repair {} not in the catalog",
            r.id
        );
    }
    let mut ids: Vec<&str> = c.repairs.iter().map(|r| r.id.as_str()).collect();
    let n = ids.len();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), n, "repair ids are unique");
    for r in &c.repairs {
        assert!(!r.reason.trim().is_empty(), "{}", r.id);
        let t = r.target.as_deref().unwrap_or("");
        assert!(
            c.control(t).is_some() || c.group(t).is_some(),
            "{}: target {t}",
            r.id
        );
    }
    // One recorded removal per page header printed inside chapters 3-5.
    let seed = seed();
    let body = &seed[seed
        .find("\n3. 組織統治におけるサイバーセキュリティ\n\n重要")
        .unwrap()..];
    let printed_headers = body
        .lines()
        .filter(|l| {
            [
                "3. 組織統治におけるサイバーセキュリティ",
                "4. リスクマネジメントの活用と危機管理",
                "5. 対策項目",
            ]
            .contains(l)
        })
        .count()
        - 3; // the three chapter headings themselves
    let removed = c
        .repairs
        .iter()
        .filter(|r| r.id.starts_with('P') && r.after.is_empty())
        .count();
    assert_eq!(removed, printed_headers);
}
