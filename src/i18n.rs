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
    CatalogWhat => "内容", "Problem";
    CatalogRetryHint => "ページを再読み込みするか、サイトの管理者にお問い合わせください。保存済みの回答は失われていません。",
        "Reload the page or contact the site's administrator. Answers already saved are not lost.";
    Progress => "回答済み", "Answered";
    ProgressOf => "件中", "of";
    ProgressItems => "件", "items";
    ExportJson => "JSONで書き出す", "Export JSON";
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
    StorageUnavailable => "このブラウザでは保存できません。回答はこの画面を閉じると失われます。終了前にJSONで書き出してください。",
        "This browser does not allow saving. Answers are lost when you close this page: export them as JSON before leaving.";
    PrivacyFooter => "回答はこのブラウザ内(localStorage)にのみ保存され、どこにも送信されません。",
        "Answers are stored only in this browser (localStorage) and are never sent anywhere.";
    Saved => "保存しました", "Saved";
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
    fn language_tags() {
        assert_eq!(Lang::from_tag("en-US"), Some(Lang::En));
        assert_eq!(Lang::from_tag("ja_JP"), Some(Lang::Ja));
        assert_eq!(Lang::from_tag("fr"), None);
    }
}
