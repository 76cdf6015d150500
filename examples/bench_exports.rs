//! Writes N generated export files (`selfcheck-export` v1) for the collector
//! scale benchmark (issue 11 part 6, `bench/collect.mjs`).
//!
//! ```sh
//! cargo run --release --example bench_exports -- catalogs/jama-japia-v2.2.json 4000 OUTDIR
//! ```
//!
//! Each file is what the widget's own export would write
//! ([`export_doc`] + [`to_json`]: the same fields, summary and content
//! hash): one entity per file, named or anonymous, with a target level,
//! answers to most controls spread over the whole scale, a reason for every
//! "not applicable", notes (Japanese, 20 to 200 characters) on about a third
//! of the answers, evidence on some, and a snapshot in every tenth file.
//! Deterministic: the same N gives the same files.

use selfcheck::core::assessment::{Answer, Assessment, Snapshot};
use selfcheck::core::catalog;
use selfcheck::core::report::{export_doc, to_json};
use std::collections::BTreeMap;
use std::process::ExitCode;

/// A small deterministic generator (xorshift64*): no dependency for noise.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    /// A number in `0..n`.
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const NOTE_PARTS: &[&str] = &[
    "情報セキュリティ規程 第3条に定め、年1回見直している。",
    "担当者は総務部の情報システム担当（兼任）。",
    "2025年度中に対応予定。予算申請済み。",
    "取引先からの要請により対策を前倒しした。",
    "外部委託先（保守ベンダー）に運用を依頼している。",
    "工場のネットワークは事務所と分離済み、一部の装置は未対応。",
    "手順書はあるが、訓練は未実施。",
    "EDR を全PCに導入済み（サーバーは次期更改時）。",
    "バックアップは週1回、外部媒体に取得し、復旧テストは半年ごと。",
    "規程類は社内ポータルで全従業員に公開している。",
];

const EVIDENCE: &[&str] = &[
    "情報セキュリティ方針.pdf",
    "規程集_2025.docx",
    "https://intra.example.co.jp/policy/security",
    "教育受講記録_2025.xlsx",
    "ネットワーク構成図_v3.pdf",
];

fn note(rng: &mut Rng) -> String {
    let n = 1 + rng.below(4);
    (0..n)
        .map(|_| NOTE_PARTS[rng.below(NOTE_PARTS.len())])
        .collect()
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [path, count, out] = args.as_slice() else {
        eprintln!("usage: bench_exports CATALOG.json N OUTDIR");
        return ExitCode::from(2);
    };
    let (Ok(text), Ok(count)) = (std::fs::read_to_string(path), count.parse::<usize>()) else {
        eprintln!("bench_exports: cannot read {path} or N is not a number");
        return ExitCode::from(2);
    };
    let cat = match catalog::parse(&text) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("bench_exports: {path}: {e}");
            return ExitCode::from(1);
        }
    };
    if let Err(e) = std::fs::create_dir_all(out) {
        eprintln!("bench_exports: {out}: {e}");
        return ExitCode::from(1);
    }
    let levels: Vec<String> = cat.levels.iter().map(|l| l.id.clone()).collect();
    let options = &cat.scale.options;
    let base: i64 = 1_760_000_000_000;
    let mut bytes = 0usize;
    for k in 0..count {
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15 ^ (k as u64 + 1).wrapping_mul(0x1000_0000_01b3));
        let created = base + (k as i64) * 60_000;
        let mut a = Assessment::new(
            format!("e{k:05}x{}", rng.below(1 << 20)),
            &cat.id,
            &cat.version,
            created,
        );
        if k % 9 != 0 {
            a.name = format!("株式会社サンプル部品{k:04}");
        }
        if !levels.is_empty() && k % 5 != 0 {
            a.target_level = Some(levels[rng.below(levels.len())].clone());
        }
        // Each respondent has a "maturity": the share of controls achieved.
        let maturity = 30 + rng.below(65);
        let mut answers = BTreeMap::new();
        for (i, c) in cat.controls.iter().enumerate() {
            if rng.below(100) < 6 {
                continue; // unanswered
            }
            let roll = rng.below(100);
            let pick = |pred: &dyn Fn(&selfcheck::core::catalog::AnswerOption) -> bool| {
                options.iter().find(|o| pred(o)).or_else(|| options.first())
            };
            let option = if roll < 4 {
                pick(&|o| o.not_applicable)
            } else if roll < maturity {
                pick(&|o| o.achieved)
            } else if roll < maturity + (100 - maturity) / 2 {
                pick(&|o| !o.achieved && !o.not_applicable && o.credit > 0.0)
            } else {
                pick(&|o| !o.achieved && !o.not_applicable && o.credit == 0.0)
            };
            let Some(option) = option else { continue };
            let changed = created + 1_000 * (i as i64 + 1);
            let mut ans = Answer::empty(changed);
            ans.option = option.id.clone();
            if option.requires_reason {
                ans.reason = "該当するシステム・業務がないため".into();
            }
            if rng.below(3) == 0 {
                ans.note = note(&mut rng);
            }
            if rng.below(6) == 0 {
                ans.evidence = (0..1 + rng.below(2))
                    .map(|_| EVIDENCE[rng.below(EVIDENCE.len())].to_string())
                    .collect();
            }
            answers.insert(c.id.clone(), ans);
        }
        a.updated = created + 1_000 * (cat.controls.len() as i64 + 1);
        if k % 10 == 0 {
            a.snapshots.push(Snapshot {
                id: "s1".into(),
                label: "2024年度".into(),
                taken: a.updated - 1,
                catalog_version: cat.version.clone(),
                target_level: a.target_level.clone(),
                targets: BTreeMap::new(),
                answers: answers.clone(),
            });
        }
        a.answers = answers;
        let json = match export_doc(&cat, &a, a.updated + 5_000).and_then(|d| to_json(&d)) {
            Ok(j) => j,
            Err(e) => {
                eprintln!("bench_exports: {e}");
                return ExitCode::from(1);
            }
        };
        bytes += json.len();
        let file = std::path::Path::new(out).join(format!("export-{k:05}.json"));
        if let Err(e) = std::fs::write(&file, json) {
            eprintln!("bench_exports: {}: {e}", file.display());
            return ExitCode::from(1);
        }
    }
    println!(
        "bench_exports: {count} files of {} in {out} ({:.1} MB)",
        cat.id,
        bytes as f64 / 1e6
    );
    ExitCode::SUCCESS
}
