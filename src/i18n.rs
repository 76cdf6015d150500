//! UI strings in Japanese and English: the one table every component reads.
//!
//! Catalog text is not here: it comes from the catalog, in the catalog's own
//! language (with English where the catalog provides it). Components never
//! hold literal UI strings; they ask [`t`] for a [`Key`].

/// A UI language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// Japanese (the default).
    #[default]
    Ja,
    /// English.
    En,
}

impl Lang {
    /// Parses a language tag such as `ja`, `en`, `en-US`; anything else is `None`.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.split(['-', '_']).next()?.trim().to_ascii_lowercase();
        match primary.as_str() {
            "ja" => Some(Lang::Ja),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The BCP 47 tag (`ja` / `en`).
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Ja => "ja",
            Lang::En => "en",
        }
    }
}

use crate::core::catalog::{CatalogError, Problem, CATALOG_FORMAT};
use crate::core::located::Located;
use crate::core::report::{ImportError, ImportProblem};
use crate::core::score::Status;

macro_rules! strings {
    ($($key:ident => $ja:expr, $en:expr;)*) => {
        /// Identifies one UI string.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        #[allow(missing_docs)]
        pub enum Key { $($key,)* }

        /// The UI string for `key` in `lang`.
        pub fn t(lang: Lang, key: Key) -> &'static str {
            match (key, lang) {
                $((Key::$key, Lang::Ja) => $ja, (Key::$key, Lang::En) => $en,)*
            }
        }

        #[cfg(test)]
        const ALL_KEYS: &[Key] = &[$(Key::$key,)*];
    };
}

strings! {
    AppName => "セキュリティ自己診断", "Security self-assessment";
    Loading => "チェックリストを読み込んでいます…", "Loading the checklist…";
    CatalogLoadFailed => "チェックリストを読み込めませんでした", "The checklist could not be loaded";
    CatalogFile => "ファイル", "File";
    CatalogFetchFailed => "ファイルを取得できませんでした", "The file could not be fetched";
    CatalogHttpStatus => "サーバーの応答", "Server response";
    CatalogInvalid => "ファイルの形式に誤りがあります", "The file is not a valid checklist";
    CatalogWhere => "場所", "Location";
    CatalogRefused => "リンクで指定できるのは、同梱のチェックリストか、このサイトにあるファイルだけです。他のサイトのファイルは読み込みません(偽のチェックシートを防ぐため)。", "A link may name a shipped checklist or a file on this site only. Files from other sites are not loaded (this prevents fake check sheets).";
    CatalogOrigin => "指定されたファイルのサイト", "Site of the file named";
    ProvenanceImitation => "注意: このチェックリストは同梱版のIDを名乗っていますが、内容が同梱版と異なります。同梱版ではありません。回答は同梱版の回答とは別に保存されます。", "Caution: this checklist claims the id of a shipped checklist, but its content differs. It is not the shipped checklist. Its answers are kept apart from the shipped checklist's.";
    ProvenanceOther => "このチェックリストはこのウィジェットに同梱されたものではありません。", "This checklist is not one shipped with this widget.";
    LoadedFrom => "読み込み元", "Loaded from";
    ClaimedId => "名乗っているID", "Claimed id";
    CatalogWhat => "内容", "Problem";
    CatalogRetryHint => "ページを再読み込みするか、サイトの管理者にお問い合わせください。保存済みの回答は失われていません。",
        "Reload the page or contact the site's administrator. Answers already saved are not lost.";
    Progress => "回答済み", "Answered";
    ProgressInScope => "目標範囲の回答", "Answered in target";
    ProgressAll => "全項目", "All items";
    ProgressItems => "件", "items";
    ExportJson => "JSONで書き出す", "Export JSON";
    ExportCsv => "CSVで書き出す", "Export CSV";
    ExportOscal => "OSCAL(評価結果)で書き出す", "Export OSCAL assessment results";
    FormatModuleFailed => "書き出し・変換の機能を読み込めませんでした", "The export and conversion module could not be loaded";
    Print => "印刷 / PDF", "Print / PDF";
    PrintTitle => "セキュリティ自己診断 報告書", "Security self-assessment report";
    PrintedOn => "印刷日", "Printed on";
    AllAnswers => "全項目の回答", "All items and answers";
    EvidenceShort => "証跡", "Evidence";
    Level => "レベル", "Level";
    Number => "No.", "No.";
    Purpose => "目的", "Purpose";
    Requirement => "要求事項", "Requirement";
    Condition => "達成条件", "Achievement condition";
    Criteria => "達成基準", "Achievement criteria";
    Measure => "対策", "Measure";
    Context => "背景", "Context";
    Answer => "回答", "Answer";
    Commentary => "解説", "Commentary";
    Notes => "注記", "Notes";
    SeeAlso => "関連項目", "See also";
    NotInCatalog => "(この一覧には含まれていません)", "(not in this checklist)";
    Recommended => "推奨", "Recommended";
    Baseline => "基本", "Baseline";
    TargetMaturity => "目標", "Target";
    PrivacyFooter => "回答はこのブラウザ内(localStorage)にのみ保存され、どこにも送信されません。Cookie・解析ツール・外部への通信は使用していません。",
        "Answers are stored only in this browser (localStorage) and are never sent anywhere. No cookies, no analytics, no third-party requests.";
    TabAnswer => "回答", "Answer";
    TabResults => "結果", "Results";
    TabCompare => "比較", "Compare";
    TabData => "データ管理", "Data";
    Views => "表示の切り替え", "Views";
    TargetLevel => "目標レベル", "Target level";
    TargetNone => "目標なし(全項目)", "No target (all items)";
    Entity => "評価対象", "Assessed entity";
    Anonymous => "名称未設定", "Unnamed";
    LangSwitch => "English", "日本語";
    LangSwitchLabel => "Switch to English", "日本語に切り替える";
    FilterGroup => "分類", "Group";
    FilterLevel => "レベル", "Level";
    FilterStatus => "状態", "Status";
    FilterAll => "すべて", "All";
    Search => "検索", "Search";
    SearchPlaceholder => "項目・解説を検索", "Search items and commentary";
    Showing => "件を表示", "shown";
    NoMatch => "条件に合う項目はありません。", "No item matches these filters.";
    ClearFilters => "絞り込みを解除", "Clear filters";
    ShowMore => "さらに表示", "Show more";
    ShowEarlier => "前の項目を表示", "Show earlier items";
    StUnanswered => "未回答", "Unanswered";
    StAchieved => "達成", "Achieved";
    StPartial => "一部達成", "Partial";
    StNotAchieved => "未達成", "Not achieved";
    StNotApplicable => "対象外", "Not applicable";
    StAnswered => "回答済み", "Answered";
    Reason => "対象外とする理由", "Reason it does not apply";
    ReasonRequired => "対象外を選んだ場合は理由を入力してください。", "Please give a reason why this item does not apply.";
    Note => "メモ", "Note";
    Evidence => "証跡(文書名やURL、1行に1件)", "Evidence (document names or URLs, one per line)";
    NotesAndEvidence => "メモ・証跡", "Note and evidence";
    ClearAnswer => "回答を取り消す", "Clear answer";
    AboveTarget => "目標レベル外", "Above target";
    Overall => "達成率(目標範囲)", "Achievement (in target)";
    MaturityOverall => "成熟度(現状と目標の平均)", "Maturity (mean current vs target)";
    Whole => "全体", "Overall";
    OverallAll => "達成率(全項目)", "Achievement (all items)";
    AchievementHelp => "達成率 = 達成 ÷ (対象項目 − 対象外)。未回答は未達成として分母に含みます。一部達成は別に表示します。",
        "Achievement = achieved ÷ (items − not applicable). Unanswered items stay in the denominator; partial answers are shown separately.";
    CreditRate => "部分点を含む達成度", "Achievement with partial credit";
    MaturityHelp => "成熟度 = 各対策の現状値(未回答は0)の平均と、目標値の平均。目標値に達した対策を「達成」と数えます。対象外は除きます。",
        "Maturity = the mean current value of the measures (unanswered count as 0) against the mean target. A measure at or above its target counts as achieved; not applicable ones are left out.";
    ByLevel => "レベル別", "By level";
    ByGroup => "分類別", "By group";
    OutOfScopeNote => "目標レベルを超える項目(参考)", "Items above the target level (for reference)";
    Gaps => "対策が必要な項目(ギャップ)", "Items that need action (gaps)";
    GapsHelp => "目標範囲内で達成していない項目。レベルの低い順、分類順に並べています。", "In-target items not achieved, lowest level first, then by group.";
    NoGaps => "目標範囲内の項目はすべて達成しています。", "Every item in the target is achieved.";
    JumpUnanswered => "最初の未回答項目へ", "Go to the first unanswered item";
    Radar => "分類別の達成状況", "Achievement by group";
    RadarTable => "分類別の数値", "Figures by group";
    Current => "現状", "Current";
    Target => "目標", "Target";
    Maturity => "成熟度", "Maturity";
    Group => "分類", "Group";
    Count => "件数", "Count";
    Rate => "達成率", "Rate";
    Change => "変化", "Change";
    CompareHelp => "2つのスナップショット、または評価対象同士を比べます。", "Compare two snapshots, or two assessed entities.";
    CompareBefore => "比較元", "Before";
    CompareAfter => "比較先", "After";
    CurrentAnswers => "現在の回答", "Current answers";
    ChangedItems => "回答が変わった項目", "Items whose answer changed";
    NoChanges => "違いはありません。", "No differences.";
    NeedTwo => "比較するには、スナップショットを保存するか、評価対象を追加してください。", "To compare, take a snapshot or add another entity.";
    Entities => "評価対象(法人ごと)", "Assessed entities (one per legal entity)";
    EntitiesHelp => "グループ企業は、連結ではなく法人(各社)ごとに回答します。", "Group companies answer per legal entity, not consolidated.";
    EntityName => "名称(任意)", "Name (optional)";
    NewEntity => "新規作成", "New";
    Rename => "名前を保存", "Save name";
    Duplicate => "複製", "Duplicate";
    Delete => "削除", "Delete";
    Open => "開く", "Open";
    Opened => "表示中", "Open";
    CopySuffix => "(コピー)", "(copy)";
    ConfirmDeleteEntity => "この評価対象と、その回答・スナップショットをすべて削除しますか?この操作は取り消せません。", "Delete this entity with all its answers and snapshots? This cannot be undone.";
    Snapshots => "スナップショット", "Snapshots";
    SnapshotsHelp => "現在の回答を日付とラベル付きで保存し、あとで比較できます。", "Freeze the current answers with a date and label, to compare later.";
    SnapshotLabel => "ラベル", "Label";
    TakeSnapshot => "スナップショットを保存", "Take snapshot";
    NoSnapshots => "スナップショットはまだありません。", "No snapshots yet.";
    ConfirmDeleteSnapshot => "このスナップショットを削除しますか?", "Delete this snapshot?";
    ExportImport => "書き出し・読み込み", "Export and import";
    ExportHelp => "回答はこのブラウザにのみ保存されています。定期的にJSONで書き出して保管してください。", "Answers live only in this browser. Export them as JSON regularly and keep the file.";
    Import => "JSONを読み込む", "Import JSON";
    ImportFailed => "読み込めませんでした", "Could not import";
    ImportPreview => "読み込み内容の確認", "Review the import";
    ImportNew => "新しい評価対象として追加されます。", "It will be added as a new entity.";
    ImportDiffers => "件の回答が現在の内容と異なります。", "answers differ from the current ones.";
    ImportConfirm => "読み込む", "Import";
    ImportDone => "読み込みました。", "Imported.";
    Cancel => "キャンセル", "Cancel";
    Catalogs => "チェックリスト", "Checklist";
    CatalogsHelp => "提供されているチェックリスト、またはURLやファイルから別のチェックリストを読み込めます。", "Load a shipped checklist, or another one from a URL or a file.";
    LoadCatalog => "読み込む", "Load";
    CatalogUrl => "チェックリストのURL", "Checklist URL";
    CatalogFromFile => "ファイルから読み込む", "Load from a file";
    Coverage => "収録範囲", "Coverage";
    Source => "出典", "Source";
    Repairs => "原文の修復記録", "Recorded repairs of the source text";
    Privacy => "プライバシー", "Privacy";
    PrivacyDetail => "回答・評価対象・スナップショット・表示言語は、このブラウザの localStorage に、名前空間ごとのキーで保存されます。サーバーへの送信、Cookie、解析ツール、外部サイトへの通信は一切ありません。",
        "Answers, entities, snapshots and the display language are kept in this browser's localStorage, under keys of this widget's namespace. Nothing is sent to a server; no cookies, no analytics, no third-party requests.";
    DeleteAll => "すべてのデータを削除", "Delete all my data";
    ConfirmDeleteAll => "このブラウザに保存された、このウィジェットのすべてのデータ(全評価対象・回答・スナップショット・設定)を削除しますか?取り消せません。先にJSONで書き出すことをおすすめします。",
        "Delete all of this widget's data kept in this browser (every entity, answer, snapshot and setting)? This cannot be undone. Export as JSON first.";
    DeletedAll => "すべてのデータを削除しました。", "All data deleted.";
    DeletedElsewhere => "別のタブで「すべてのデータを削除」が実行されたため、このタブでも削除済みのデータを表示・保存しません。新しく回答すると、その回答から保存されます。", "All data was deleted in another tab, so this tab no longer shows or saves it. New answers are saved from now on.";
    StorageUnavailable => "このブラウザでは保存できません(ストレージが無効またはブロックされています)。回答はこの画面を閉じると失われます。終了前にJSONで書き出してください。",
        "This browser does not allow saving (storage is disabled or blocked). Answers are lost when you close this page: export them as JSON before leaving.";
    QuotaExceeded => "保存容量がいっぱいのため、最新の回答を保存できませんでした。回答は画面上に残っています。JSONで書き出してください。",
        "Storage is full, so the latest answers could not be saved. They are still here on screen: export them as JSON.";
    CorruptFound => "保存されていたデータが破損していたため、新しく開始しました。元のデータはバックアップとして保存しています。",
        "The saved data was damaged, so the widget started afresh. The original data was kept as a backup.";
    DownloadBackup => "バックアップをダウンロード", "Download the backup";
    FutureData => "このブラウザには新しいバージョンのウィジェットで保存されたデータがあります。上書きしないよう、今回の回答は保存されません。",
        "This browser holds data saved by a newer version of the widget. To avoid overwriting it, answers made now are not saved.";
    MergedFromOtherTab => "別のタブでの変更を取り込みました。", "Changes made in another tab were merged in.";
    LeaveUnsaved => "回答が保存されていません。書き出してから閉じてください。", "Answers are not saved. Export them before leaving.";
    Dismiss => "閉じる", "Dismiss";
    CatalogChanged => "チェックリストの版が変わりました。回答は項目IDで引き継いでいます。", "The checklist version changed. Answers were carried over by item id.";
    Added => "追加", "Added";
    Removed => "削除(回答は保持)", "Removed (answers kept)";
    Changed => "変更", "Changed";
}

/// `v` with `decimals` digits after the point (`fixed(62.45, 1, false)` =
/// `"62.5"`), `+` in front of positive values when `sign`. Integer
/// arithmetic: the widget needs no float formatting machinery in its wasm.
pub fn fixed(v: f64, decimals: u32, sign: bool) -> String {
    if !v.is_finite() {
        return "—".to_string();
    }
    let scale = 10u64.pow(decimals);
    let n = (v * scale as f64).round() as i64;
    let a = n.unsigned_abs();
    let mut s = String::new();
    if n < 0 {
        s.push('-');
    } else if sign {
        s.push('+');
    }
    s.push_str(&(a / scale).to_string());
    if decimals > 0 {
        let frac = (a % scale).to_string();
        s.push('.');
        for _ in frac.len()..decimals as usize {
            s.push('0');
        }
        s.push_str(&frac);
    }
    s
}

/// A ratio as a percentage: `0.625` → `62.5%`, `0.5` → `50%`; `None` → `—`.
pub fn pct(v: Option<f64>) -> String {
    match v {
        Some(v) if v.is_finite() => {
            let tenths = (v * 1000.0).round() as i64;
            if tenths % 10 == 0 {
                format!("{}%", tenths / 10)
            } else {
                format!("{}%", fixed(v * 100.0, 1, false))
            }
        }
        _ => "—".to_string(),
    }
}

/// An entity's name for display: the name, or 「名称未設定」 / "Unnamed".
pub fn entity_name(lang: Lang, name: &str) -> String {
    if name.is_empty() {
        t(lang, Key::Anonymous).to_string()
    } else {
        name.to_string()
    }
}

/// The label of an answer option in `lang`, or 「未回答」 / "Unanswered"
/// when there is no option (or the catalog does not know it).
pub fn answer_label(
    lang: Lang,
    catalog: &crate::core::catalog::Catalog,
    option: Option<&str>,
) -> String {
    option
        .and_then(|o| catalog.option(o))
        .map(|o| o.label.get(lang.tag()).to_string())
        .unwrap_or_else(|| t(lang, Key::StUnanswered).to_string())
}

/// A catalog error in the user's language: what is wrong and where (JSON
/// path, line and column), with the parser's own detail kept for experts.
pub fn catalog_error(lang: Lang, e: &CatalogError) -> String {
    if lang == Lang::En {
        return e.to_string();
    }
    match e {
        CatalogError::TooLarge { size, limit } => {
            format!("ファイルが大きすぎます({size} バイト、上限 {limit} バイト)。")
        }
        CatalogError::Format(l) => located_ja(l),
        CatalogError::Invalid { path, problem } => {
            let what = match problem {
                Problem::UnsupportedFormat(v) => {
                    format!(
                        "このバージョンでは読めない形式です(format {v}、対応は {CATALOG_FORMAT})"
                    )
                }
                Problem::Empty => "空にできません".to_string(),
                Problem::DuplicateId(id) => format!("ID「{id}」が重複しています"),
                Problem::UnknownGroup(g) => format!("存在しない分類「{g}」を参照しています"),
                Problem::UnknownLevel(l) => format!("定義されていないレベル「{l}」です"),
                Problem::MissingLevel => {
                    "レベルを定義したチェックリストでは、各項目にレベルが必要です".to_string()
                }
                Problem::NoAchievedOption => {
                    "回答の選択肢に「達成」に当たるものが必要です".to_string()
                }
                Problem::BadCredit(c) => format!("部分点は 0〜1 の範囲で指定してください({c})"),
                Problem::BadMaturity => "成熟度の値がないか、尺度の範囲外です".to_string(),
                Problem::NoControls => "項目が1つもありません".to_string(),
                Problem::GroupCycle => "分類の親子関係が循環しています".to_string(),
            };
            format!("{}: {what}。", place(path))
        }
    }
}

/// The label of an answer status.
pub fn status_key(s: Status) -> Key {
    match s {
        Status::Unanswered => Key::StUnanswered,
        Status::Achieved => Key::StAchieved,
        Status::Partial => Key::StPartial,
        Status::NotAchieved => Key::StNotAchieved,
        Status::NotApplicable => Key::StNotApplicable,
    }
}

/// An import error in the user's language.
pub fn import_error(lang: Lang, e: &ImportError) -> String {
    if lang == Lang::En {
        return e.to_string();
    }
    match e {
        ImportError::TooLarge { size, limit } => {
            format!("ファイルが大きすぎます({size} バイト、上限 {limit} バイト)。")
        }
        ImportError::NotJson {
            line,
            column,
            message,
        } => format!("JSONとして読めません({line} 行 {column} 列)。詳細: {message}"),
        ImportError::ForeignFile { .. } => {
            "このウィジェットで書き出したファイルではありません。".to_string()
        }
        ImportError::FutureVersion { found } => format!(
            "新しいバージョンのウィジェットで書き出されたファイルです(形式バージョン {found})。ウィジェットを更新してから読み込んでください。"
        ),
        ImportError::UnknownVersion { found } => {
            format!("不明な形式バージョンです({found})。")
        }
        ImportError::Format(l) => located_ja(l),
        ImportError::Invalid { path, problem } => {
            let what = match problem {
                ImportProblem::TooLong { chars, limit } => {
                    format!("文字数が上限を超えています({chars} 文字、上限 {limit})")
                }
                ImportProblem::TooMany { count, limit } => {
                    format!("件数が上限を超えています({count} 件、上限 {limit})")
                }
                ImportProblem::Empty => "空にできません".to_string(),
                ImportProblem::UnknownOption(o) => {
                    format!("回答「{o}」はこのチェックリストの選択肢にありません")
                }
                ImportProblem::UnknownLevel(l) => format!("レベル「{l}」はこのチェックリストにありません"),
                ImportProblem::DuplicateId(id) => format!("スナップショットID「{id}」が重複しています"),
            };
            format!("{}: {what}。", place(path))
        }
        ImportError::WrongCatalog { expected, found } => format!(
            "別のチェックリスト「{found}」の回答です(現在のチェックリストは「{expected}」)。"
        ),
        ImportError::IdInUse(id) => format!("ID「{id}」の評価対象は既に存在します。"),
    }
}

/// A located JSON error in Japanese (the parser's own detail kept for experts).
fn located_ja(l: &Located) -> String {
    format!(
        "{} の内容が形式に合っていません({} 行 {} 列)。詳細: {}",
        place(&l.path),
        l.line,
        l.column,
        l.message
    )
}

/// "場所 `path`" for Japanese messages.
fn place(path: &str) -> String {
    if path == "." || path.is_empty() {
        "ファイル全体".to_string()
    } else {
        format!("「{path}」")
    }
}

#[cfg(test)]
mod test {
    use super::*;

    #[test]
    fn every_key_has_both_languages() {
        for &k in ALL_KEYS {
            assert!(!t(Lang::Ja, k).is_empty(), "{k:?} ja");
            assert!(!t(Lang::En, k).is_empty(), "{k:?} en");
        }
    }

    #[test]
    fn catalog_errors_are_located_in_both_languages() {
        let e = crate::core::catalog::parse("{\"format\": 1, \"id\": 5}").unwrap_err();
        let ja = catalog_error(Lang::Ja, &e);
        let en = catalog_error(Lang::En, &e);
        assert!(ja.contains("「id」") && ja.contains("形式"), "{ja}");
        assert!(en.starts_with("at id"), "{en}");
    }

    #[test]
    fn foreign_import_is_explained_in_japanese() {
        let e = crate::core::report::parse_import("{\"hello\": 1}", 1000).unwrap_err();
        assert_eq!(
            import_error(Lang::Ja, &e),
            "このウィジェットで書き出したファイルではありません。"
        );
    }

    #[test]
    fn numbers_are_formatted_without_float_machinery() {
        assert_eq!(fixed(62.45, 1, false), "62.5");
        assert_eq!(fixed(-0.04, 1, true), "+0.0");
        assert_eq!(fixed(-1.25, 1, true), "-1.3");
        assert_eq!(fixed(25.0, 1, true), "+25.0");
        assert_eq!(fixed(12.345_6, 2, false), "12.35");
        assert_eq!(fixed(0.05, 2, false), "0.05");
        assert_eq!(pct(Some(0.625)), "62.5%");
        assert_eq!(pct(Some(0.5)), "50%");
        assert_eq!(pct(Some(2.0 / 3.0)), "66.7%");
        assert_eq!(pct(None), "—");
    }

    #[test]
    fn language_tags() {
        assert_eq!(Lang::from_tag("en-US"), Some(Lang::En));
        assert_eq!(Lang::from_tag("ja_JP"), Some(Lang::Ja));
        assert_eq!(Lang::from_tag("fr"), None);
    }
}
