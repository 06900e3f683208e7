//! The search box (`/search?q=`): how text is normalised for matching, how a query splits
//! into terms, the kinds of records it finds, and the excerpt shown around a match. Stored
//! text and typed terms go through the same `normalize`, so 「ヤッキョク」, 「やっきょく」 and
//! 「ﾔｯｷｮｸ」 find each other, as do 「ＡＢＣ」 and "abc".

/// The longest query accepted (characters); a longer one is refused with a message.
pub const MAX_QUERY_CHARS: usize = 200;
/// Terms used of a query; more are ignored.
pub const MAX_TERMS: usize = 5;
/// Characters used of a term.
pub const MAX_TERM_CHARS: usize = 50;
/// Characters of a term from which the full-text index can serve it (trigrams).
pub const INDEXED_TERM_CHARS: usize = 3;

use crate::domain::text::{hiragana, narrow_ascii};

/// Half-width katakana and punctuation U+FF61..U+FF9F, as their full-width forms.
const HALF_WIDTH_KANA: &str = "。「」、・ヲァィゥェォャュョッーアイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン゛゜";

/// Full-width ASCII to ASCII and half-width katakana to full-width, one character at a time.
fn widen(c: char) -> char {
    match c {
        '\u{FF61}'..='\u{FF9F}' => HALF_WIDTH_KANA.chars().nth((c as u32 - 0xFF61) as usize).unwrap_or(c),
        _ => narrow_ascii(c),
    }
}

/// The katakana with a voiced sound mark (゛) added, if it takes one.
fn voiced(c: char) -> Option<char> {
    match c {
        'カ' | 'キ' | 'ク' | 'ケ' | 'コ' | 'サ' | 'シ' | 'ス' | 'セ' | 'ソ' | 'タ' | 'チ' | 'ツ' | 'テ' | 'ト' | 'ハ' | 'ヒ' | 'フ' | 'ヘ' | 'ホ' => {
            char::from_u32(c as u32 + 1)
        }
        'ウ' => Some('ヴ'),
        _ => None,
    }
}

/// The katakana with a semi-voiced sound mark (゜) added, if it takes one.
fn semi_voiced(c: char) -> Option<char> {
    match c {
        'ハ' | 'ヒ' | 'フ' | 'ヘ' | 'ホ' => char::from_u32(c as u32 + 2),
        _ => None,
    }
}

/// Katakana to hiragana, then lower case.
fn fold(c: char, out: &mut String) {
    out.extend(hiragana(c).to_lowercase());
}

/// Spaces, tabs, line ends, 全角スペース and control characters all separate words.
fn is_separator(c: char) -> bool {
    c.is_whitespace() || c.is_control()
}

/// Text as the search matches it: widths folded (full-width ASCII to ASCII, half-width
/// katakana to full-width, with ﾞ and ﾟ joined to their kana), katakana to hiragana, lower
/// case, and every run of spaces (also 全角, line ends and control characters) one space.
pub fn normalize(s: &str) -> String {
    let mut wide: Vec<char> = Vec::with_capacity(s.len());
    for c in s.chars() {
        let w = widen(c);
        let joined = match (c, wide.last()) {
            ('\u{FF9E}', Some(&prev)) => voiced(prev),
            ('\u{FF9F}', Some(&prev)) => semi_voiced(prev),
            _ => None,
        };
        match joined {
            Some(j) => *wide.last_mut().expect("a previous character") = j,
            None => wide.push(w),
        }
    }
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in wide {
        if is_separator(c) {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        fold(c, &mut out);
    }
    out
}

/// The terms of a query: normalised, split at spaces, at most `MAX_TERMS` of at most
/// `MAX_TERM_CHARS` characters each, repeats left out. A record matches when its text holds
/// every term.
pub fn terms(q: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for t in normalize(q).split(' ').filter(|t| !t.is_empty()) {
        let t: String = t.chars().take(MAX_TERM_CHARS).collect();
        if !out.contains(&t) {
            out.push(t);
        }
        if out.len() == MAX_TERMS {
            break;
        }
    }
    out
}

/// A term as an FTS5 string: in double quotes, inner quotes doubled, so that nothing in it
/// is read as query syntax.
pub fn fts_phrase(term: &str) -> String {
    format!("\"{}\"", term.replace('"', "\"\""))
}

/// The FTS5 query for the terms long enough for the trigram index (all must match), or
/// None when no term is.
pub fn fts_query(terms: &[String]) -> Option<String> {
    let phrases: Vec<String> = terms.iter().filter(|t| t.chars().count() >= INDEXED_TERM_CHARS).map(|t| fts_phrase(t)).collect();
    (!phrases.is_empty()).then(|| phrases.join(" "))
}

/// The kinds of records the search box finds, in the order the results show them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    Meeting,
    Organisation,
    Person,
    Training,
    Consultation,
    Issue,
}

impl Kind {
    pub const ALL: [Kind; 6] = [Kind::Meeting, Kind::Organisation, Kind::Person, Kind::Training, Kind::Consultation, Kind::Issue];

    /// Stored in the index; the same word the audit trail uses for the record.
    pub fn code(self) -> &'static str {
        match self {
            Kind::Meeting => "meeting",
            Kind::Organisation => "organisation",
            Kind::Person => "person",
            Kind::Training => "training",
            Kind::Consultation => "consultation",
            Kind::Issue => "issue",
        }
    }

    pub fn from_code(code: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The results' heading.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Meeting => "会議",
            Kind::Organisation => "機関・団体",
            Kind::Person => "人",
            Kind::Training => "研修",
            Kind::Consultation => "相談",
            Kind::Issue => "課題（閲覧できるもののみ）",
        }
    }

    /// The record's page.
    pub fn href(self, id: i32) -> String {
        match self {
            Kind::Meeting => format!("/meetings/{id}"),
            Kind::Organisation => format!("/directory/organisations/{id}"),
            Kind::Person => format!("/directory/people/{id}"),
            Kind::Training => format!("/trainings/{id}"),
            Kind::Consultation => format!("/consultations/{id}"),
            Kind::Issue => format!("/issues/{id}"),
        }
    }
}

/// Up to `max` characters of `text` around the first place a term occurs (matched as the
/// search matches, shown as written), on one line, with "…" where it is cut. The start of
/// the text when no term occurs in it (the match was in the title).
pub fn snippet(text: &str, terms: &[String], max: usize) -> String {
    let chars: Vec<char> = text.chars().collect();
    // Each character folded on its own, remembering which written character it came from.
    let mut folded: Vec<char> = Vec::with_capacity(chars.len());
    let mut origin: Vec<usize> = Vec::with_capacity(chars.len());
    let mut buf = String::new();
    for (i, c) in chars.iter().enumerate() {
        let w = widen(*c);
        if is_separator(w) {
            folded.push(' ');
            origin.push(i);
            continue;
        }
        buf.clear();
        fold(w, &mut buf);
        for f in buf.chars() {
            folded.push(f);
            origin.push(i);
        }
    }
    let first = terms
        .iter()
        .filter_map(|t| {
            let t: Vec<char> = t.chars().collect();
            if t.is_empty() || t.len() > folded.len() {
                return None;
            }
            folded.windows(t.len()).position(|w| w == t.as_slice())
        })
        .min()
        .map(|at| origin[at]);
    let start = first.map_or(0, |at| at.saturating_sub(max / 3));
    let end = (start + max).min(chars.len());
    // Near the end, show a full-length excerpt rather than a short one.
    let start = if end - start < max { end.saturating_sub(max) } else { start };
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    let mut space = false;
    for c in &chars[start..end] {
        if is_separator(*c) {
            space = true;
            continue;
        }
        if space && !out.is_empty() && out != "…" {
            out.push(' ');
        }
        space = false;
        out.push(*c);
    }
    if end < chars.len() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn katakana_hiragana_and_half_width_kana_normalise_alike() {
        assert_eq!(normalize("ヤッキョク"), normalize("やっきょく"));
        assert_eq!(normalize("ヤッキョク"), "やっきょく");
        assert_eq!(normalize("ﾔｯｷｮｸ"), "やっきょく");
        // Voiced and semi-voiced marks join their kana.
        assert_eq!(normalize("ｶﾞｲﾄﾞﾍﾟｰｼﾞ"), normalize("ガイドページ"));
        assert_eq!(normalize("ｳﾞ"), "ゔ");
        // A mark with nothing to join stays.
        assert_eq!(normalize("ﾞ"), "゛");
    }

    #[test]
    fn widths_case_and_spaces_fold() {
        assert_eq!(normalize("ＡＢＣ"), "abc");
        assert_eq!(normalize("ＡＢＣ薬局"), "abc薬局");
        assert_eq!(normalize("  釜石市\u{3000}\u{3000}医師会\n\t連携 "), "釜石市 医師会 連携");
        assert_eq!(normalize("Care　MANAGER"), "care manager");
        // Control characters separate words; they never reach the database.
        assert_eq!(normalize("a\u{0}b\u{1b}c"), "a b c");
        assert_eq!(normalize(""), "");
    }

    #[test]
    fn a_query_splits_into_at_most_five_bounded_terms() {
        assert_eq!(terms("  ヤッキョク　連携  "), ["やっきょく", "連携"]);
        assert_eq!(terms("a b c d e f g"), ["a", "b", "c", "d", "e"]);
        assert_eq!(terms(&"あ".repeat(80))[0].chars().count(), MAX_TERM_CHARS);
        assert_eq!(terms("薬局 ヤッキョク やっきょく"), ["薬局", "やっきょく"], "repeats once");
        assert!(terms(" \u{3000}\n").is_empty());
    }

    #[test]
    fn terms_are_quoted_for_the_full_text_index_and_short_ones_left_to_like() {
        assert_eq!(fts_phrase("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(fts_query(&terms("やっきょく 連携 会議室")), Some("\"やっきょく\" \"会議室\"".to_string()));
        assert_eq!(fts_query(&terms("連携 a")), None);
        // Query syntax is only text inside the quotes.
        assert_eq!(fts_query(&terms("NOT* or^ \"x")), Some("\"not*\" \"or^\"".to_string()));
    }

    #[test]
    fn kinds_round_trip_and_link_to_their_pages() {
        for k in Kind::ALL {
            assert_eq!(Kind::from_code(k.code()), Some(k));
        }
        assert_eq!(Kind::from_code("referral"), None);
        assert_eq!(Kind::Organisation.href(3), "/directory/organisations/3");
        assert_eq!(Kind::Issue.href(7), "/issues/7");
    }

    #[test]
    fn the_snippet_shows_the_written_text_around_the_first_match() {
        let minutes = format!("{}。ヤッキョク連携について協議した。{}", "前置き".repeat(30), "後書き".repeat(30));
        let s = snippet(&minutes, &terms("やっきょく"), 30);
        assert!(s.contains("ヤッキョク連携"), "{s}");
        assert!(s.starts_with('…') && s.ends_with('…'), "{s}");
        assert_eq!(s.chars().filter(|c| *c != '…').count(), 30);
        // Line ends read as one space.
        assert_eq!(snippet("一行目\n\n二行目", &terms("二行"), 40), "一行目 二行目");
        // No match in the text (it was in the title): the start.
        assert_eq!(snippet("あいうえおかきくけこ", &terms("さしす"), 5), "あいうえお…");
        assert_eq!(snippet("", &terms("x"), 5), "");
        // Width and case as written.
        assert!(snippet("会場はＡＢＣホール", &terms("abc"), 20).contains("ＡＢＣ"));
    }
}
