//! Text rules for Japanese input: search normalisation and format checks.

/// The longest search term used; what is typed beyond it is ignored. No record is found by
/// a longer phrase, and an unbounded pattern costs the database (SQLite refuses LIKE
/// patterns over 50,000 bytes).
pub const MAX_SEARCH_CHARS: usize = 100;

/// Full-width ASCII (！ to ～) as ASCII: the width folding every match and check shares.
pub fn narrow_ascii(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

/// Katakana ァ..ヶ as hiragana ぁ..ゖ, so that a name is found however its reading is typed.
pub fn hiragana(c: char) -> char {
    match c {
        '\u{30A1}'..='\u{30F6}' => char::from_u32(c as u32 - 0x60).unwrap_or(c),
        _ => c,
    }
}

/// A search term as typed into a filter, normalised like the stored text and bounded.
pub fn search_term(s: &str) -> String {
    normalize_for_search(s).chars().take(MAX_SEARCH_CHARS).collect()
}

/// A form of text for partial-match search: full-width ASCII to half-width, katakana to
/// hiragana, lower case, all whitespace (including 全角スペース) removed. Searching "やまだ",
/// "ヤマダ" or "山田" then finds 山田 (やまだ) through its name or its kana.
pub fn normalize_for_search(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| hiragana(narrow_ascii(c)))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Text folded for the type-ahead of the form pickers (in the browser): katakana to
/// hiragana, full-width ASCII to half-width, ASCII lower case, spaces (also 全角) dropped.
/// Like `normalize_for_search` but without Unicode case tables, which the browser bundle
/// would otherwise carry for nothing: names are Japanese.
pub fn fold_for_filter(s: &str) -> String {
    s.chars()
        .filter(|c| !matches!(c, ' ' | '\u{3000}' | '\t'))
        .map(|c| hiragana(narrow_ascii(c)).to_ascii_lowercase())
        .collect()
}

/// Whether what was typed into a picker's filter occurs in one of `texts` (a name, its
/// reading), both sides folded: 「ヤマ」 finds やまだ, 「ｙａｍａ」 finds Yamada. Nothing typed
/// matches everything.
pub fn filter_matches(texts: &[&str], typed: &str) -> bool {
    let typed = fold_for_filter(typed);
    typed.is_empty() || texts.iter().any(|t| fold_for_filter(t).contains(&typed))
}

/// The names in a cell of several (「薬剤師、歯科医師」「医師/薬剤師」「医師・薬剤師」), as
/// written. 「・」 also occurs inside names (「消防・救急」), so a part is split at 「・」
/// only where the whole part is no known name, and then the longest known runs are kept
/// together. Unknown names come back as they are, for the caller to report.
pub fn split_name_list(cell: &str, known: impl Fn(&str) -> bool) -> Vec<String> {
    let mut out = Vec::new();
    for piece in cell.split(['、', ',', '，', '､', '/', '／', ';', '；', '\n']).map(str::trim).filter(|p| !p.is_empty()) {
        if known(piece) || !piece.contains(['・', '･']) {
            out.push(piece.to_string());
            continue;
        }
        let parts: Vec<&str> = piece.split(['・', '･']).map(str::trim).collect();
        let mut i = 0;
        while i < parts.len() {
            let run = (i + 1..=parts.len()).rev().find(|&j| known(parts[i..j].join("・").as_str()));
            match run {
                Some(j) => {
                    out.push(parts[i..j].join("・"));
                    i = j;
                }
                None => {
                    if !parts[i].is_empty() {
                        out.push(parts[i].to_string());
                    }
                    i += 1;
                }
            }
        }
    }
    out
}

/// Number of characters as a person counts them (not bytes).
/// The first line of a text, cut to `max` characters with "…", for one-line listings.
pub fn first_line(s: &str, max: usize) -> String {
    let line = s.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or("");
    match line.char_indices().nth(max) {
        Some((at, _)) => format!("{}…", &line[..at]),
        None => line.to_string(),
    }
}

pub fn char_len(s: &str) -> usize {
    s.chars().count()
}

/// A plausible e-mail address: one @, something before it, a dotted domain after it, no spaces.
pub fn is_valid_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else { return false };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
        && s.chars().all(|c| c.is_ascii_graphic())
}

/// A Japanese phone number as people write it: digits with optional hyphens, spaces or
/// parentheses (also full-width), 10 or 11 digits (e.g. 0193-22-1234, 090-1234-5678), or an
/// extension written as 内線.
pub fn is_valid_phone(s: &str) -> bool {
    let main = s.split("内線").next().unwrap_or(s);
    let mut digits = 0;
    for c in normalize_width(main).chars() {
        match c {
            '0'..='9' => digits += 1,
            '-' | ' ' | '(' | ')' | '‐' | '−' | 'ー' => {}
            _ => return false,
        }
    }
    (10..=11).contains(&digits) && normalize_width(main).trim_start().starts_with(['0', '('])
}

/// Full-width digits and ASCII to half-width.
pub fn normalize_width(s: &str) -> String {
    s.chars()
        .map(|c| if c == '\u{3000}' { ' ' } else { narrow_ascii(c) })
        .collect()
}

/// Kana reading: hiragana, katakana, long vowel mark, spaces and a few separators.
pub fn is_kana(s: &str) -> bool {
    s.chars().all(|c| {
        matches!(c, '\u{3041}'..='\u{3096}' | '\u{30A1}'..='\u{30FA}' | 'ー' | '・' | '\u{3000}' | ' ' | '゛' | '゜' | 'ゝ' | 'ゞ' | 'ヽ' | 'ヾ')
    })
}

/// A cell as a spreadsheet may open it: text that Excel would read as a formula (starting
/// with = + - @, TAB or CR, or their full-width forms) gets a leading `'`, as OWASP
/// recommends for CSV. Plain numbers, negative ones included, stay numbers.
pub fn spreadsheet_cell(s: &str) -> std::borrow::Cow<'_, str> {
    const TRIGGERS: [char; 10] = ['=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠'];
    match s.chars().next() {
        Some(c) if TRIGGERS.contains(&c) && !is_plain_number(s) => format!("'{s}").into(),
        _ => s.into(),
    }
}

/// `-12`, `+3`, `-0.5`: a sign, digits and at most one decimal point.
fn is_plain_number(s: &str) -> bool {
    let digits = s.strip_prefix(['-', '+']).unwrap_or(s);
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, "0"));
    !whole.is_empty()
        && !fraction.is_empty()
        && whole.bytes().all(|b| b.is_ascii_digit())
        && fraction.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_of_names_are_split_where_they_are_lists() {
        let names = ["医師", "薬剤師", "歯科医師", "介護支援専門員", "消防・救急", "行政（介護認定・生活保護ほか）"];
        let known = |s: &str| names.contains(&s);
        assert_eq!(split_name_list("薬剤師、歯科医師", known), ["薬剤師", "歯科医師"]);
        assert_eq!(split_name_list("医師/薬剤師,介護支援専門員", known), ["医師", "薬剤師", "介護支援専門員"]);
        assert_eq!(split_name_list("薬剤師,歯科医師 / 消防・救急", known), ["薬剤師", "歯科医師", "消防・救急"]);
        assert_eq!(split_name_list("消防・救急", known), ["消防・救急"], "one name with ・");
        assert_eq!(split_name_list("薬剤師・歯科医師", known), ["薬剤師", "歯科医師"]);
        assert_eq!(split_name_list("消防・救急・薬剤師", known), ["消防・救急", "薬剤師"]);
        assert_eq!(split_name_list("行政（介護認定・生活保護ほか）", known), ["行政（介護認定・生活保護ほか）"]);
        assert_eq!(split_name_list("薬剤師・占い師", known), ["薬剤師", "占い師"], "the unknown name is kept to be reported");
        assert_eq!(split_name_list(" 、 ", known), Vec::<String>::new());
        assert_eq!(split_name_list("", known), Vec::<String>::new());
    }

    #[test]
    fn the_picker_filter_folds_kana_and_width_on_both_sides() {
        assert_eq!(fold_for_filter("ヤマダ　タロウ"), "やまだたろう");
        assert_eq!(fold_for_filter("ＡＢＣ 薬局"), "abc薬局");
        assert_eq!(fold_for_filter("ケアマネ"), "けあまね");
        // Typed in katakana, stored in hiragana, and the other way round.
        assert!(filter_matches(&["山田 花子", "やまだ はなこ"], "ヤマダ"));
        assert!(filter_matches(&["港薬局", "ミナトヤッキョク"], "やっきょく"));
        // Kanji, full-width and case.
        assert!(filter_matches(&["山田 花子", ""], "田花"));
        assert!(filter_matches(&["ABCクリニック", ""], "ａｂｃ"));
        assert!(filter_matches(&["abcクリニック", ""], "ABC"));
        // No match, and a match only across the name and the reading is none.
        assert!(!filter_matches(&["山田 花子", "やまだ はなこ"], "すずき"));
        assert!(!filter_matches(&["山田", "やまだ"], "田や"));
        // Nothing typed (or only spaces) shows everything.
        assert!(filter_matches(&["山田", ""], ""));
        assert!(filter_matches(&[], "　 "));
    }

    #[test]
    fn first_line_skips_blank_lines_and_cuts_long_ones() {
        assert_eq!(first_line("\n  服薬管理の相談\n詳細", 20), "服薬管理の相談");
        assert_eq!(first_line("あいうえおかきくけこ", 5), "あいうえお…");
        assert_eq!(first_line("あいうえお", 5), "あいうえお");
        assert_eq!(first_line("", 5), "");
    }

    #[test]
    fn spreadsheet_cells_are_never_formulas() {
        for formula in ["=HYPERLINK(\"http://x.example\",\"y\")", "+1+2", "-1+2", "@SUM(A1)", "\tx", "\rx", "＝1+1", "-", "+", "-.5", "1-"] {
            let cell = spreadsheet_cell(formula);
            let safe = cell.starts_with('\'') || !formula.starts_with(['=', '+', '-', '@', '\t', '\r', '＝']);
            assert!(safe, "{formula:?} → {cell:?}");
        }
        assert_eq!(spreadsheet_cell("=1+1"), "'=1+1");
        assert_eq!(spreadsheet_cell("-12"), "-12");
        assert_eq!(spreadsheet_cell("-0.5"), "-0.5");
        assert_eq!(spreadsheet_cell("+3"), "+3");
        assert_eq!(spreadsheet_cell("12"), "12");
        assert_eq!(spreadsheet_cell("定例会"), "定例会");
        assert_eq!(spreadsheet_cell("a=b"), "a=b");
        assert_eq!(spreadsheet_cell(""), "");
    }

    #[test]
    fn search_terms_are_bounded() {
        assert_eq!(search_term(" ヤマダ "), "やまだ");
        assert_eq!(search_term(&"あ".repeat(1_000_000)).chars().count(), MAX_SEARCH_CHARS);
    }

    #[test]
    fn search_normalisation() {
        assert_eq!(normalize_for_search("ヤマダ タロウ"), "やまだたろう");
        assert_eq!(normalize_for_search("やまだ　たろう"), "やまだたろう");
        assert_eq!(normalize_for_search("ＡＢＣ薬局"), "abc薬局");
        assert_eq!(normalize_for_search("釜石市 医師会"), "釜石市医師会");
        assert!(normalize_for_search("かまいしやっきょく").contains(&normalize_for_search("ヤッキョク")));
    }

    #[test]
    fn emails() {
        for ok in ["a@b.jp", "taro.yamada@kamaishi.example.jp", "x+y@z.co"] {
            assert!(is_valid_email(ok), "{ok}");
        }
        for bad in ["", "a", "a@b", "@b.jp", "a@.jp", "a@b.jp.", "a b@c.jp", "a@b@c.jp", "山田@b.jp", "a@b..jp"] {
            assert!(!is_valid_email(bad), "{bad}");
        }
    }

    #[test]
    fn phones() {
        for ok in ["0193-22-1234", "090-1234-5678", "0193221234", "(0193) 22-1234", "０１９３－２２－１２３４", "0193-22-1234 内線 215"] {
            assert!(is_valid_phone(ok), "{ok}");
        }
        for bad in ["", "1234", "0193-22-12345678", "abc", "193-22-1234x", "+81"] {
            assert!(!is_valid_phone(bad), "{bad}");
        }
    }

    #[test]
    fn kana() {
        assert!(is_kana("かまいしいしかい"));
        assert!(is_kana("カマイシ ヤッキョク"));
        assert!(is_kana("ケアマネージャー"));
        assert!(!is_kana("釜石"));
        assert!(!is_kana("kamaishi"));
    }

    #[test]
    fn lengths_count_characters() {
        assert_eq!(char_len("釜石市"), 3);
    }
}
