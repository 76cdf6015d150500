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

use crate::core::aggregate::BenchmarkError;
mod sheet;
pub use sheet::{preview_text, sheet_error, sheet_message, PreviewText};

use crate::core::catalog::{CatalogError, Problem, CATALOG_FORMAT};
use crate::core::located::JsonProblem;
use crate::core::report::{ImportError, ImportProblem};
use crate::core::score::Status;

macro_rules! strings {
    ($($key:ident => $ja:expr, $en:expr;)*) => {
        /// Identifies one UI string.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        #[allow(missing_docs)]
        pub enum Key { $($key,)* }

        /// The UI string for `key` in `lang`. (A table, not a `match`: the
        /// match compiled to 7 KB of code in the first download.)
        pub fn t(lang: Lang, key: Key) -> &'static str {
            const TABLE: &[[&str; 2]] = &[$([$ja, $en],)*];
            TABLE[key as usize][lang as usize]
        }

        #[cfg(test)]
        const ALL_KEYS: &[Key] = &[$(Key::$key,)*];
    };
}

strings! {
    AppName => "セキュリティ自己診断", "Security self-assessment";
    Loading => "チェックリストを読み込んでいます…", "Loading the checklist…";
    CatalogLoadFailed => "チェックリストを読み込めませんでした", "The checklist could not be loaded";
    CatalogFetchFailed => "ファイルを取得できませんでした", "The file could not be fetched";
    CatalogHttpStatus => "サーバーの応答", "Server response";
    CatalogInvalid => "ファイルの形式に誤りがあります", "The file is not a valid checklist";
    CatalogRefused => "リンクで指定できるのは、同梱のチェックリストか、このサイトにあるファイルだけです。他のサイトのファイルは読み込みません(偽のチェックシートを防ぐため)。", "A link may name a shipped checklist or a file on this site only. Files from other sites are not loaded (this prevents fake check sheets).";
    CatalogOrigin => "指定されたファイルのサイト", "Site of the file named";
    ProvenanceImitation => "注意: このチェックリストは同梱版のIDを名乗っていますが、内容が同梱版と異なります。同梱版ではありません。回答は同梱版の回答とは別に保存されます。", "Caution: this checklist claims the id of a shipped checklist, but its content differs. It is not the shipped checklist. Its answers are kept apart from the shipped checklist's.";
    ProvenanceOther => "このチェックリストはこのウィジェットに同梱されたものではありません。", "This checklist is not one shipped with this widget.";
    LoadedFrom => "読み込み元", "Loaded from";
    ClaimedId => "名乗っているID", "Claimed id";
    FileUnreadable => "ファイルを読み込めませんでした。", "The file could not be read.";
    TechDetail => "技術的な詳細(サイト管理者向け)", "Technical detail (for the site's administrator)";
    CatalogRetryHint => "解決しない場合は、ページを再読み込みするか、サイトの管理者にお問い合わせください。",
        "If this does not help, reload the page or contact the site's administrator.";
    CatalogAnswersKept => "保存済みの回答は失われていません(チェックリストごとにこのブラウザに保存されています)。",
        "Answers already saved are not lost (they are kept in this browser, per checklist).";
    CatalogBack => "前のチェックリストに戻る", "Back to the previous checklist";
    CatalogShipped => "標準のチェックリストを開く", "Open the standard checklist";
    CatalogFetchHint => "アドレスが正しいか、ネットワークにつながっているかを確かめてください。", "Check the address and the network connection.";
    Progress => "回答済み", "Answered";
    ProgressInScope => "目標範囲の回答", "Answered in target";
    ProgressAll => "全項目", "All items";
    ProgressItems => "件", "items";
    ExportJson => "JSONで書き出す", "Export JSON";
    ExportCsv => "CSVで書き出す", "Export CSV";
    ExportOscal => "OSCAL(評価結果)で書き出す", "Export OSCAL assessment results";
    ExportXlsx => "Excel(XLSX)で書き出す", "Export Excel (XLSX)";
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
    PrivacyFooter => "回答はこのブラウザーの保存領域にのみ保存され、どこにも送信されません。Cookie・解析ツール・外部への通信は使用していません。",
        "Answers are kept only in this browser's storage and are never sent anywhere. No cookies, no analytics, no third-party requests.";
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
    Filters => "絞り込み", "Filter";
    FiltersOn => "適用中", "on";
    ShowMore => "さらに表示", "Show more";
    ShowEarlier => "前の項目を表示", "Show earlier items";
    StUnanswered => "未回答", "Unanswered";
    StAchieved => "達成", "Achieved";
    StPartial => "一部達成", "Partial";
    StNotAchieved => "未達成", "Not achieved";
    StNotApplicable => "対象外", "Not applicable";
    StAnswered => "回答済み", "Answered";
    StNeedsReason => "対象外(理由未記入)", "Not applicable (no reason given)";
    NeedsReasonHelp => "対象外の理由が未記入の項目は、対象外として扱わず分母に含めています(未達成と同じ扱い)。理由を記入すると分母から外れます。",
        "Items marked not applicable without a reason are not treated as not applicable: they stay in the denominator (like not achieved) until a reason is given.";
    ReasonMissingTag => "理由未記入", "Reason missing";
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
    Bench => "業界との比較", "Compared with peers";
    BenchHelp => "業界団体が会員企業の回答から作った匿名の集計(ベンチマーク)と、この回答を比べています。比較はこのブラウザーの中で行い、回答はどこにも送りません。", "Your answers beside an anonymous aggregate (benchmark) of member companies' answers, published by the association. The comparison is made in this browser; your answers are not sent anywhere.";
    BenchLoading => "業界比較のデータを読み込んでいます…", "Loading the peer comparison…";
    BenchFailed => "業界比較を表示できません", "The peer comparison cannot be shown";
    BenchOtherSite => "リンクで指定できる業界比較は、このサイトにあるファイルだけです。", "A link may name a peer comparison file on this site only.";
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
    EntityNameOpen => "表示中の評価対象の名称", "Name of the open entity";
    EntityNameOf => "評価対象の名称", "Entity name";
    NewEntityName => "新しい評価対象の名称(任意)", "Name of a new entity (optional)";
    Created => "作成", "Created";
    ImportedFrom => "読み込み元", "Imported from";
    Updated => "更新", "Changed";
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
    Sheet => "チェックシートから作る", "Make one from a check sheet";
    SheetHelp => "団体のチェックシート(ラベル・目的・要求事項・No.・レベル・達成条件・達成基準の7列、XLSX または CSV)を、このブラウザの中でチェックリストに変換します。ファイルはどこにも送信されません。", "Turns an association's check sheet (the seven columns ラベル, 目的, 要求事項, No., レベル, 達成条件, 達成基準; XLSX or CSV) into a checklist, here in this browser. The file is not sent anywhere.";
    SheetFile => "チェックシートのファイル(XLSX・CSV)", "Check sheet file (XLSX, CSV)";
    SheetReading => "チェックシートを読み込んでいます…", "Reading the check sheet…";
    SheetRefused => "このファイルからはチェックリストを作れません", "No checklist can be made from this file";
    SheetUse => "このチェックリストを使う", "Use this checklist";
    SheetDownload => "チェックリストのJSONをダウンロード", "Download the checklist JSON";
    Source => "出典", "Source";
    Repairs => "原文の修復記録", "Recorded repairs of the source text";
    RepairsInEnglish => "以下は、チェックリストの原文(PDF)から取り込む際に直した箇所の記録です。記録は英語のまま表示しています。", "Where the checklist's source text (PDF) was corrected when it was taken in.";
    RepairRemoved => "(削除)", "(removed)";
    StorageKey => "保存先のキー(サイト管理者向け)", "Storage keys (for the site's administrator)";
    Privacy => "プライバシー", "Privacy";
    PrivacyDetail => "回答・評価対象・スナップショット・表示言語は、このブラウザーの保存領域に、このウィジェット専用の名前で保存されます。サーバーへの送信、Cookie、解析ツール、外部サイトへの通信は一切ありません。",
        "Answers, entities, snapshots and the display language are kept in this browser's storage, under this widget's own names. Nothing is sent to a server; no cookies, no analytics, no third-party requests.";
    DeleteAll => "すべてのデータを削除", "Delete all my data";
    ConfirmDeleteAll => "このブラウザに保存された、このウィジェットのすべてのデータ(全評価対象・回答・スナップショット・設定)を削除しますか?取り消せません。先にJSONで書き出すことをおすすめします。",
        "Delete all of this widget's data kept in this browser (every entity, answer, snapshot and setting)? This cannot be undone. Export as JSON first.";
    DeletedAll => "すべてのデータを削除しました。", "All data deleted.";
    DeletedElsewhere => "別のタブで「すべてのデータを削除」が実行されたため、このタブでも削除済みのデータを表示・保存しません。新しく回答すると、その回答から保存されます。", "All data was deleted in another tab, so this tab no longer shows or saves it. New answers are saved from now on.";
    StorageUnavailable => "このブラウザでは保存できません(ストレージが無効またはブロックされています)。回答はこの画面を閉じると失われます。終了前にJSONで書き出してください。",
        "This browser does not allow saving (storage is disabled or blocked). Answers are lost when you close this page: export them as JSON before leaving.";
    AskStorageAccess => "このサイトでの保存を許可するようブラウザーに求める", "Ask the browser to allow saving here";
    AccessRefused => "ブラウザーが保存を許可しませんでした。回答はこの画面を閉じると失われます。JSONで書き出してください。",
        "The browser did not allow saving. Answers are lost when you close this page: export them as JSON.";
    AccessUnusable => "ブラウザーは許可しましたが、この画面ではまだ保存できません。JSONで書き出してください。",
        "The browser allowed it, but this page still cannot save. Export your answers as JSON.";
    StorageGranted => "ブラウザーが保存を許可しました。回答はこのブラウザーに保存されます。", "The browser allowed saving: answers are now kept in this browser.";
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
    CatalogUpdated => "前回の表示からチェックリストが更新されました。", "The checklist was updated since your last visit.";
    AddedItems => "追加された項目", "Items added";
    TextChangedItems => "回答後に内容が変わった項目(要確認)", "Items whose text changed since you answered (to review)";
    ReviewTag => "回答後に内容が変更", "Changed since you answered";
    ReviewHelp => "この項目の要求事項・条件・基準が、回答したときから変わっています。回答は残しています。内容を確認し、回答を変えるか、そのままでよければ確認してください。",
        "This item's requirement, condition or criteria changed since you answered. Your answer is kept. Read it again, then change the answer or confirm it.";
    ReviewConfirm => "確認済み(回答を維持)", "Reviewed: keep the answer";
    ReviewTally => "件の回答が、回答後に内容が変わった項目への回答です。", "answer(s) given to an item whose text has changed since.";
    ReviewShow => "要確認の項目を表示", "Show the items to review";
    StNeedsReview => "要確認(内容変更)", "To review (text changed)";
    TellLocal => "回答はこのブラウザの中だけに保存されます。ブラウザのデータ削除や、しばらく開かないこと(Safari では7日間)で消えることがあります。控えを残すには、JSONで書き出したファイルを保管してください(「データ管理」から読み込めます)。",
        "Answers are kept only in this browser. They may be lost when browsing data is cleared or the site is not visited for a while (7 days in Safari). To keep a copy, export as JSON and keep the file (it can be imported again under Data).";
    TellOk => "わかりました", "Got it";
    RemindExport => "書き出していない変更があります", "Changes not yet exported";
    RemindOldest => "最も古い変更", "oldest change";
    RemindLater => "あとで", "Later";
    ExportNow => "今すぐJSONで書き出す", "Export as JSON now";
    LastExported => "最終書き出し", "Last exported";
    NeverExported => "まだ書き出していません", "Not exported yet";
    UnexportedChanges => "書き出していない変更", "changes not exported";
    Persistence => "このブラウザでの保存", "Storage in this browser";
    PersistGranted => "永続保存が許可されています: ブラウザは容量が不足しても、このサイトのデータを自動では削除しません(ブラウザのデータ削除では消えます)。",
        "Persistent storage granted: the browser will not delete this site's data on its own when space runs low (clearing browsing data still deletes it).";
    PersistNotGranted => "永続保存は許可されていません: ブラウザは容量が不足したとき(Safari では7日間開かなかったときも)、このサイトのデータを削除することがあります。JSONで書き出して控えを残してください。",
        "Persistent storage not granted: the browser may delete this site's data when space runs low (Safari also after 7 days without a visit). Export as JSON to keep a copy.";
    PersistUnknown => "ブラウザがまだ答えていません。", "The browser has not answered yet.";
    PersistUnsupported => "このブラウザは永続保存の要求に対応していません。JSONで書き出して控えを残してください。", "This browser cannot be asked for persistent storage. Export as JSON to keep a copy.";
    PersistAsk => "永続保存をブラウザに求める", "Ask the browser for persistent storage";
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

/// A problem explained for a person: what the user reads, in their
/// language, and the technical detail (the parser's English words, the full
/// place) folded away for the site's administrator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explained {
    /// What is wrong and where, in the user's language.
    pub text: String,
    /// The technical detail, if there is more to say than `text`.
    pub detail: Option<String>,
}

impl Explained {
    fn plain(text: String) -> Self {
        Explained { text, detail: None }
    }
}

/// A JSON path short enough to read: at most 60 characters, the middle
/// replaced by `…` (a 10,000-deep nesting is `[0][0]…[0]`, not 50,000 characters).
pub fn short_path(path: &str) -> String {
    const HEAD: usize = 36;
    const TAIL: usize = 20;
    let n = path.chars().count();
    if n <= HEAD + TAIL + 4 {
        return path.to_string();
    }
    let head: String = path.chars().take(HEAD).collect();
    let tail: String = path.chars().skip(n - TAIL).collect();
    format!("{head}…{tail}")
}

/// The last part of a path or address (`https://x.example/a/b.json?x` →
/// `b.json`), cut to 60 characters: what a message names a file by.
pub fn short_name(path: &str) -> String {
    let base = path.split(['?', '#']).next().unwrap_or(path);
    let name = base
        .rsplit(['/', '\\'])
        .find(|s| !s.is_empty())
        .unwrap_or(base);
    let n = name.chars().count();
    if n > 60 {
        let head: String = name.chars().take(40).collect();
        let tail: String = name.chars().skip(n - 16).collect();
        format!("{head}…{tail}")
    } else {
        name.to_string()
    }
}

/// A serde_json kind word (`integer`, `struct Text`, `a sequence`…) as a reader would say it.
fn kind_word(lang: Lang, word: &str) -> &'static str {
    let w = word.trim_start_matches("a ").trim_start_matches("an ");
    let ja = lang == Lang::Ja;
    let is = |k: &[&str]| k.iter().any(|k| w.starts_with(k));
    if is(&[
        "integer", "floating", "u8", "u16", "u32", "u64", "i8", "i16", "i32", "i64", "f32", "f64",
    ]) {
        if ja {
            "数値"
        } else {
            "a number"
        }
    } else if is(&["string", "char", "borrowed str"]) {
        if ja {
            "文字列"
        } else {
            "text"
        }
    } else if is(&["sequence", "tuple"]) {
        if ja {
            "配列([…])"
        } else {
            "a list ([…])"
        }
    } else if is(&["map", "struct", "internally tagged", "adjacently tagged"]) {
        if ja {
            "オブジェクト({…})"
        } else {
            "an object ({…})"
        }
    } else if is(&["bool"]) {
        "true / false"
    } else if is(&["null", "unit", "option"]) {
        "null"
    } else if is(&["enum", "variant"]) {
        if ja {
            "決められた値"
        } else {
            "one of the allowed values"
        }
    } else if ja {
        "別の種類の値"
    } else {
        "another kind of value"
    }
}

/// What a JSON problem means, in the user's language (one sentence, no place).
pub fn json_problem(lang: Lang, p: &JsonProblem) -> String {
    let ja = lang == Lang::Ja;
    match p {
        JsonProblem::Empty => if ja { "ファイルが空です。" } else { "The file is empty." }.into(),
        JsonProblem::LooksLikeHtml => if ja {
            "JSONファイルではありません(HTMLページのようです)。アドレスやファイルを確かめてください。"
        } else {
            "This is not a JSON file (it looks like an HTML page). Check the address or the file."
        }
        .into(),
        JsonProblem::Syntax => if ja {
            "JSONとして読めません(書式に誤りがあります)。"
        } else {
            "This is not readable JSON (a syntax error)."
        }
        .into(),
        JsonProblem::EndsEarly => if ja {
            "ファイルが途中で終わっています(JSONが閉じていません)。"
        } else {
            "The file ends too early (the JSON is cut off)."
        }
        .into(),
        JsonProblem::TooDeep => if ja {
            "入れ子が深すぎて読めません。"
        } else {
            "The file is nested too deeply to read."
        }
        .into(),
        JsonProblem::UnknownField(f) => if ja {
            format!("「{f}」はこの形式にない項目です。")
        } else {
            format!("\u{201c}{f}\u{201d} is not a field of this format.")
        },
        JsonProblem::MissingField(f) => if ja {
            format!("必要な項目「{f}」がありません。")
        } else {
            format!("The required field \u{201c}{f}\u{201d} is missing.")
        },
        JsonProblem::WrongType { found, expected } => {
            let (f, e) = (kind_word(lang, found), kind_word(lang, expected));
            if ja {
                format!("値の種類が違います({e}が必要なところに{f}があります)。")
            } else {
                format!("Wrong kind of value: {f} where {e} is expected.")
            }
        }
        JsonProblem::BadValue(v) => if ja {
            format!("使えない値です({v})。")
        } else {
            format!("A value that is not allowed here ({v}).")
        },
        JsonProblem::Other => if ja {
            "内容が形式に合っていません。"
        } else {
            "The content does not fit the format."
        }
        .into(),
    }
}

/// Where in the file: the (shortened) path and the line and column, when known.
fn place(lang: Lang, path: &str, line: usize, column: usize) -> String {
    let ja = lang == Lang::Ja;
    let at = (path != "." && !path.is_empty()).then(|| short_path(path));
    match (at, line > 0) {
        (Some(p), true) if ja => format!("「{p}」({line} 行 {column} 列)"),
        (Some(p), true) => format!("At {p} (line {line}, column {column})"),
        (Some(p), false) if ja => format!("「{p}」"),
        (Some(p), false) => format!("At {p}"),
        (None, true) if ja => format!("{line} 行 {column} 列"),
        (None, true) => format!("Line {line}, column {column}"),
        (None, false) => String::new(),
    }
}

/// The technical detail of a parser error: the full place (capped) and its English words.
fn parser_detail(path: &str, message: &str) -> Option<String> {
    let path: String = path.chars().take(200).collect();
    Some(format!("{path}: {message}"))
}

/// A located JSON error explained (see [`Explained`]).
fn located(
    lang: Lang,
    problem: &JsonProblem,
    path: &str,
    line: usize,
    column: usize,
    message: &str,
) -> Explained {
    let what = json_problem(lang, problem);
    // A file that is empty, a web page or too deep has no useful place.
    let whole = matches!(
        problem,
        JsonProblem::Empty | JsonProblem::LooksLikeHtml | JsonProblem::TooDeep
    );
    let text = match (whole, place(lang, path, line, column)) {
        (false, p) if !p.is_empty() => {
            format!("{p}: {what}")
        }
        _ => what,
    };
    Explained {
        text,
        detail: parser_detail(path, message),
    }
}

/// A well-formed file's problem at `path`, explained.
fn at_path(lang: Lang, path: &str, what: String) -> Explained {
    let p = place(lang, path, 0, 0);
    let p = if p.is_empty() {
        if lang == Lang::Ja {
            "ファイル全体".to_string()
        } else {
            "In the whole file".to_string()
        }
    } else {
        p
    };
    let end = if lang == Lang::Ja { "。" } else { "." };
    Explained::plain(format!("{p}: {what}{end}"))
}

/// The words of the peer comparison (option `benchmark`) that only the
/// format module, which lays the comparison out, needs: kept out of [`t`] so
/// they are not in the widget's first download.
#[derive(Debug, Clone, Copy)]
pub struct PeerWords {
    /// "Respondents" (before the count).
    pub respondents: &'static str,
    /// "Made on" (before the date).
    pub made: &'static str,
    /// Column headings: area, you, median, middle 50%, lowest–highest, where you stand.
    pub columns: [&'static str; 6],
    /// The whole catalog's row.
    pub overall: &'static str,
    /// Top quarter, at or above the median, below the median, bottom quarter.
    pub standing: [&'static str; 4],
    /// A figure the benchmark did not publish.
    pub withheld: &'static str,
    /// Heading of the gaps most peers closed.
    pub closed: &'static str,
    /// What that list is.
    pub closed_help: &'static str,
    /// The list is empty.
    pub closed_none: &'static str,
    /// Before a share of peers.
    pub share: &'static str,
}

/// [`PeerWords`] in `lang`.
pub fn peer_words(lang: Lang) -> PeerWords {
    match lang {
        Lang::Ja => PeerWords {
            respondents: "回答企業数",
            made: "作成日",
            columns: ["区分", "自社", "業界の中央値", "業界の中間 50%", "最小–最大", "位置"],
            overall: "全体",
            standing: ["上位 25% 以内", "中央値以上", "中央値未満", "下位 25%"],
            withheld: "非公表(回答企業が少ないため)",
            closed: "同業の多くが達成済みの未達成項目",
            closed_help: "あなたが達成していない項目のうち、同業の過半が達成している項目。達成した割合の高い順(上位 10 件)。",
            closed_none: "該当する項目はありません。",
            share: "同業の達成率",
        },
        Lang::En => PeerWords {
            respondents: "Respondents",
            made: "Made on",
            columns: ["Area", "You", "Peers' median", "Middle 50% of peers", "Lowest–highest", "Where you stand"],
            overall: "Overall",
            standing: ["Top quarter", "At or above the median", "Below the median", "Bottom quarter"],
            withheld: "Not published (too few respondents)",
            closed: "Your gaps that most peers have closed",
            closed_help: "Items you have not achieved that more than half of your peers have, the most achieved first (top 10).",
            closed_none: "There are no such items.",
            share: "Achieved by peers",
        },
    }
}

/// Why a benchmark file (the `benchmark` option) cannot be shown beside the
/// results, in the user's language; the parser's words are the detail.
pub fn benchmark_error(lang: Lang, e: &BenchmarkError) -> Explained {
    let ja = lang == Lang::Ja;
    match e {
        BenchmarkError::TooLarge(size) => Explained::plain(if ja {
            format!("業界比較のファイルが大きすぎます({size} バイト)。")
        } else {
            format!("The benchmark file is too large ({size} bytes).")
        }),
        BenchmarkError::Unreadable(detail) => Explained {
            text: if ja {
                "業界比較のファイルとして読めません(selfcheck-benchmark の形式ではないか、壊れています)。"
                    .into()
            } else {
                "This is not a readable benchmark file (not the selfcheck-benchmark format, or damaged)."
                    .into()
            },
            detail: Some(detail.clone()),
        },
        BenchmarkError::FutureVersion(v) => Explained::plain(if ja {
            format!("業界比較のファイルが新しい形式(第 {v} 版)で、このウィジェットでは読めません。")
        } else {
            format!("The benchmark file uses a newer format (version {v}) than this widget reads.")
        }),
        BenchmarkError::OtherCatalog { expected, found } => Explained::plain(if ja {
            format!("業界比較は別のチェックシート({found})のものです。この回答は {expected} です。")
        } else {
            format!(
                "The benchmark is for another catalog ({found}); these answers are for {expected}."
            )
        }),
        BenchmarkError::TooFew { found, min } => {
            Explained::plain(if ja {
                format!("業界比較の回答者が {found} 件で、公表に必要な {min} 件に足りません。")
            } else {
                format!("The benchmark has {found} respondents, fewer than the {min} needed to publish it.")
            })
        }
        BenchmarkError::Mixed => Explained::plain(if ja {
            "業界比較に別の版のチェックシートへの回答が混ざっています。".into()
        } else {
            "The benchmark mixes answers to different catalog versions.".into()
        }),
    }
}

/// A catalog error in the user's language: what is wrong and where (JSON
/// path, line and column), with the parser's own words as the detail.
pub fn catalog_error(lang: Lang, e: &CatalogError) -> Explained {
    let ja = lang == Lang::Ja;
    match e {
        CatalogError::TooLarge { size, limit } => Explained::plain(if ja {
            format!("ファイルが大きすぎます({size} バイト、上限 {limit} バイト)。")
        } else {
            format!("The file is too large ({size} bytes, the limit is {limit}).")
        }),
        CatalogError::Format(l) => located(lang, &l.problem, &l.path, l.line, l.column, &l.message),
        CatalogError::Invalid { path, problem } if !ja => at_path(lang, path, problem.to_string()),
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
                Problem::TooLong { chars, limit } => {
                    format!("文字数が上限を超えています({chars} 文字、上限 {limit})")
                }
            };
            at_path(lang, path, what)
        }
    }
}

/// A repair's change in the catalog's own words: 「before」→「after」, each
/// cut to 40 characters (white space shown as one space).
pub fn repair_change(lang: Lang, before: &str, after: &str) -> String {
    let cut = |s: &str| {
        let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
        if s.chars().count() > 40 {
            format!("{}…", s.chars().take(39).collect::<String>())
        } else {
            s
        }
    };
    let after = if after.trim().is_empty() {
        t(lang, Key::RepairRemoved).to_string()
    } else {
        format!("「{}」", cut(after))
    };
    format!("「{}」→ {after}", cut(before))
}

/// The label of an answer status.
pub fn status_key(s: Status) -> Key {
    match s {
        Status::Unanswered => Key::StUnanswered,
        Status::Achieved => Key::StAchieved,
        Status::Partial => Key::StPartial,
        Status::NotAchieved => Key::StNotAchieved,
        Status::NotApplicable => Key::StNotApplicable,
        Status::NeedsReason => Key::StNeedsReason,
    }
}

/// An import error in the user's language (see [`Explained`]).
pub fn import_error(lang: Lang, e: &ImportError) -> Explained {
    let ja = lang == Lang::Ja;
    match e {
        ImportError::NotJson {
            line,
            column,
            message,
            problem,
        } => located(lang, problem, ".", *line, *column, message),
        ImportError::Format(l) => located(lang, &l.problem, &l.path, l.line, l.column, &l.message),
        ImportError::Invalid { path, problem } if !ja => at_path(lang, path, problem.to_string()),
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
            at_path(lang, path, what)
        }
        _ if !ja => Explained::plain(format!("{}{}", capitalized(&e.to_string()), ".")),
        ImportError::TooLarge { size, limit } => Explained::plain(format!(
            "ファイルが大きすぎます({size} バイト、上限 {limit} バイト)。"
        )),
        ImportError::ForeignFile { .. } => Explained::plain(
            "このウィジェットで書き出したファイルではありません。".to_string(),
        ),
        ImportError::FutureVersion { found } => Explained::plain(format!(
            "新しいバージョンのウィジェットで書き出されたファイルです(形式バージョン {found})。ウィジェットを更新してから読み込んでください。"
        )),
        ImportError::UnknownVersion { found } => {
            Explained::plain(format!("不明な形式バージョンです({found})。"))
        }
        ImportError::WrongCatalog { expected, found } => Explained::plain(format!(
            "別のチェックリスト「{found}」の回答です(現在のチェックリストは「{expected}」)。"
        )),
        ImportError::IdInUse(id) => {
            Explained::plain(format!("ID「{id}」の評価対象は既に存在します。"))
        }
    }
}

/// `s` with its first letter in upper case. The texts are the errors' own
/// English messages, which start with an ASCII letter; ASCII is enough, and
/// keeps Unicode's case tables out of the first download.
fn capitalized(s: &str) -> String {
    let mut s = s.to_string();
    if let Some(f) = s.get_mut(..1) {
        f.make_ascii_uppercase();
    }
    s
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
        assert!(ja.text.starts_with("「id」(1 行"), "{ja:?}");
        assert!(
            ja.text.contains("文字列が必要なところに数値があります"),
            "{ja:?}"
        );
        assert!(en.text.starts_with("At id (line 1"), "{en:?}");
        assert!(
            en.text.contains("a number where text is expected"),
            "{en:?}"
        );
        // The parser's own words are the folded detail, not the message.
        assert!(ja
            .detail
            .as_deref()
            .is_some_and(|d| d.contains("invalid type")));
        assert!(!ja.text.contains("invalid type") && !en.text.contains("invalid type"));
    }

    /// The cases of issue 15: what a Japanese user read before, and now.
    #[test]
    fn messages_are_in_the_users_language_with_the_detail_folded() {
        use crate::core::report::{parse_import, MAX_IMPORT_BYTES};
        let import = |text: &str| {
            let e = parse_import(text, MAX_IMPORT_BYTES).unwrap_err();
            (import_error(Lang::Ja, &e), import_error(Lang::En, &e))
        };
        let export = |extra: &str| {
            format!(
                "{{\"format\": \"selfcheck-export\", \"version\": 1, \"exported\": 1, \
                 \"catalog\": {{\"id\": \"c\", \"version\": \"1\", \"content_hash\": \"\"}}, \
                 \"entity\": {{\"id\": \"e\", \"created\": 1, \"updated\": 1}}{extra}}}"
            )
        };
        // "詳細: unknown field `device_id`, expected one of ..." before.
        let (ja, en) = import(&export(", \"device_id\": \"x\""));
        assert!(ja.text.starts_with("「device_id」(1 行 "), "{ja:?}");
        assert!(
            ja.text
                .ends_with("列): 「device_id」はこの形式にない項目です。"),
            "{ja:?}"
        );
        assert!(
            en.text
                .contains("\u{201c}device_id\u{201d} is not a field of this format"),
            "{en:?}"
        );
        assert!(ja
            .detail
            .as_deref()
            .is_some_and(|d| d.contains("expected one of")));
        // An HTML page: "ファイル全体 の内容が形式に合っていません" before.
        let (ja, en) = import("<!DOCTYPE html>\n<html><body>404</body></html>");
        assert!(ja.text.contains("HTMLページのようです"), "{ja:?}");
        assert!(en.text.contains("looks like an HTML page"), "{en:?}");
        // An empty file: "1 行 0 列" before.
        let (ja, en) = import("");
        assert_eq!(ja.text, "ファイルが空です。");
        assert_eq!(en.text, "The file is empty.");
        // 10,000-deep nesting: ~490 characters of [0][0]... before.
        let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
        let (ja, _) = import(&deep);
        assert_eq!(ja.text, "入れ子が深すぎて読めません。");
        // Nested list items in a catalog: the parser stops 128 levels down.
        let nested = format!(
            "{{\"format\": 1, \"controls\": [{{\"statements\": [{{\"items\": {}",
            "[{\"items\": ".repeat(10_000)
        );
        let e = crate::core::catalog::parse(&nested).unwrap_err();
        assert!(e.path().len() > 400, "{}", e.path().len());
        let ja = catalog_error(Lang::Ja, &e);
        assert!(ja.text.chars().count() < 40, "{ja:?}");
        assert!(ja
            .detail
            .as_deref()
            .is_some_and(|d| d.chars().count() < 300));
        // A wrong type inside an answer: Japanese words, a short place.
        let (ja, _) = import(&export(
            ", \"answers\": {\"c1\": {\"option\": \"a\", \"note\": 123, \"changed\": 1}}",
        ));
        assert!(ja.text.starts_with("「answers.c1.note」"), "{ja:?}");
        assert!(
            ja.text
                .ends_with("値の種類が違います(文字列が必要なところに数値があります)。"),
            "{ja:?}"
        );
        assert!(!ja.text.contains("invalid type"));
    }

    #[test]
    fn long_paths_are_shortened() {
        let p = "[0]".repeat(5_000);
        let s = short_path(&p);
        assert!(s.chars().count() <= 60 && s.contains('…'), "{s}");
        assert_eq!(short_path("answers.c1.note"), "answers.c1.note");
        assert_eq!(short_name("https://x.example/a/b.json?v=1"), "b.json");
        assert_eq!(short_name("C:\\Users\\me\\回答.json"), "回答.json");
        assert_eq!(short_name("catalogs/"), "catalogs");
        assert!(short_name(&"x".repeat(500)).chars().count() <= 60);
    }

    #[test]
    fn foreign_import_is_explained_in_japanese() {
        let e = crate::core::report::parse_import("{\"hello\": 1}", 1000).unwrap_err();
        assert_eq!(
            import_error(Lang::Ja, &e).text,
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
