//! The columns of a spreadsheet of organisations or people, found by their header whatever
//! order and wording the file uses; organisation kinds and lists of professions as written;
//! and how a row is laid over a record already in the directory.

use super::directory::{OrganisationInput, PersonInput, ORGANISATION_KINDS};
use super::text::normalize_for_search;

/// (field, the header shown in help and problems, other headers taken).
pub type Column = (&'static str, &'static str, &'static [&'static str]);

/// The columns of a file of organisations (fields of `OrganisationInput`; `professions`
/// holds profession names until the import resolves them).
pub const ORGANISATION_COLUMNS: &[Column] = &[
    ("name", "名称", &["機関名", "団体名", "機関・団体名", "事業所名", "施設名", "医療機関名", "名前"]),
    ("kana", "ふりがな", &["よみがな", "かな", "読み", "よみ"]),
    ("kind", "種別", &["機関種別", "施設種別", "事業所種別", "種類", "区分"]),
    ("professions", "職種", &["代表する職種", "対応職種", "専門職"]),
    ("address", "住所", &["所在地"]),
    ("phone", "電話番号", &["電話", "TEL", "電話番号（代表）"]),
    ("email", "メール", &["メールアドレス", "Eメール", "E-mail", "email", "mail"]),
    ("website", "ウェブサイト", &["ホームページ", "URL", "HP", "Webサイト"]),
    ("notes", "メモ", &["備考"]),
];

/// Columns a file of organisations must have.
pub const ORGANISATION_REQUIRED: &[&str] = &["name", "kind"];

/// The columns of a file of people (`organisation` and `profession` are names, resolved by
/// the import).
pub const PERSON_COLUMNS: &[Column] = &[
    ("name", "氏名", &["名前", "お名前", "担当者名", "担当者"]),
    ("kana", "ふりがな", &["よみがな", "かな", "読み", "よみ", "氏名ふりがな"]),
    ("organisation", "所属", &["所属機関", "所属先", "機関名", "機関・団体名", "事業所名", "勤務先", "団体名"]),
    ("profession", "職種", &["資格", "専門職"]),
    ("title", "役職", &["役職・役割", "役割", "職名"]),
    ("phone", "電話番号", &["電話", "TEL", "連絡先電話"]),
    ("email", "メール", &["メールアドレス", "Eメール", "E-mail", "email", "mail"]),
    ("notes", "メモ", &["備考"]),
];

/// Columns a file of people must have.
pub const PERSON_REQUIRED: &[&str] = &["name"];

/// The field a header names among `columns` (spaces, width, case and katakana/hiragana do
/// not matter).
pub fn field_of(columns: &[Column], header: &str) -> Option<&'static str> {
    let h = normalize_for_search(header);
    if h.is_empty() {
        return None;
    }
    columns.iter().find(|(_, main, others)| std::iter::once(main).chain(others.iter()).any(|n| normalize_for_search(n) == h)).map(|(f, _, _)| *f)
}

/// The header a field is shown under.
pub fn header_of(columns: &[Column], field: &str) -> &'static str {
    columns.iter().find(|(f, _, _)| *f == field).map(|(_, h, _)| *h).unwrap_or("")
}

/// Short forms of the kinds that lists commonly use.
const KIND_ALIASES: &[(&str, &str)] = &[
    ("医院", "clinic"),
    ("クリニック", "clinic"),
    ("歯科", "dental_clinic"),
    ("歯科医院", "dental_clinic"),
    ("訪問看護", "home_nursing"),
    ("居宅介護支援事業所", "care_provider"),
    ("介護サービス事業所", "care_provider"),
    ("介護施設", "care_provider"),
    ("地域包括", "community_support_center"),
    ("包括", "community_support_center"),
    ("市役所", "government"),
    ("社協", "social_welfare_council"),
];

/// An organisation kind as written: its label (「薬局」), a common short form (「社協」) or
/// its code.
pub fn parse_kind(s: &str) -> Option<&'static str> {
    let k = normalize_for_search(s);
    if k.is_empty() {
        return None;
    }
    ORGANISATION_KINDS
        .iter()
        .find(|(code, label)| normalize_for_search(label) == k || *code == k)
        .map(|(code, _)| *code)
        .or_else(|| KIND_ALIASES.iter().find(|(alias, _)| normalize_for_search(alias) == k).map(|(_, code)| *code))
}

/// The kinds' labels, for a problem's message.
pub fn kind_labels() -> String {
    ORGANISATION_KINDS.iter().map(|(_, l)| *l).collect::<Vec<_>>().join("、")
}

/// The text fields of an organisation an import column fills.
pub fn organisation_text_mut<'a>(input: &'a mut OrganisationInput, field: &str) -> Option<&'a mut String> {
    Some(match field {
        "name" => &mut input.name,
        "kana" => &mut input.kana,
        "kind" => &mut input.kind,
        "address" => &mut input.address,
        "phone" => &mut input.phone,
        "email" => &mut input.email,
        "website" => &mut input.website,
        "notes" => &mut input.notes,
        _ => return None,
    })
}

/// The text fields of a person an import column fills.
pub fn person_text_mut<'a>(input: &'a mut PersonInput, field: &str) -> Option<&'a mut String> {
    Some(match field {
        "name" => &mut input.name,
        "kana" => &mut input.kana,
        "title" => &mut input.title,
        "phone" => &mut input.phone,
        "email" => &mut input.email,
        "notes" => &mut input.notes,
        _ => return None,
    })
}

/// Lays `new` over `old` unless blank or the same; true when it changed. Notes are kept
/// for years, so a file's note is added below them rather than replacing them.
fn lay_over(field: &str, old: &mut String, new: &str) -> bool {
    let new = new.trim();
    if new.is_empty() || old.trim() == new {
        return false;
    }
    if field == "notes" && !old.trim().is_empty() {
        if old.contains(new) {
            return false;
        }
        *old = format!("{}\n{new}", old.trim_end());
        return true;
    }
    *old = new.to_string();
    true
}

/// An organisation with what a row says laid over it: a blank cell keeps what is recorded,
/// professions are added to those recorded (a file never takes one away), and the name
/// stays as recorded (the row matched it). Returns the merged input and the headers of the
/// columns that change it.
pub fn merge_organisation(existing: &OrganisationInput, row: &OrganisationInput) -> (OrganisationInput, Vec<&'static str>) {
    let mut merged = existing.clone();
    let mut row = row.clone();
    let mut changed = Vec::new();
    for (field, header, _) in ORGANISATION_COLUMNS {
        if *field == "name" {
            continue;
        }
        if *field == "professions" {
            let before = merged.professions.len();
            for p in &row.professions {
                if !merged.professions.contains(p) {
                    merged.professions.push(*p);
                }
            }
            if merged.professions.len() > before {
                merged.professions.sort();
                changed.push(*header);
            }
            continue;
        }
        let (Some(new), Some(old)) = (organisation_text_mut(&mut row, field).cloned(), organisation_text_mut(&mut merged, field)) else { continue };
        if lay_over(field, old, &new) {
            changed.push(*header);
        }
    }
    (merged, changed)
}

/// A person with what a row says laid over them: a blank cell keeps what is recorded; the
/// name and organisation stay (the row matched them); a profession named replaces the one
/// recorded.
pub fn merge_person(existing: &PersonInput, row: &PersonInput) -> (PersonInput, Vec<&'static str>) {
    let mut merged = existing.clone();
    let mut row = row.clone();
    let mut changed = Vec::new();
    for (field, header, _) in PERSON_COLUMNS {
        match *field {
            "name" | "organisation" => {}
            "profession" => {
                if row.profession_id.is_some() && row.profession_id != merged.profession_id {
                    merged.profession_id = row.profession_id;
                    changed.push(*header);
                }
            }
            _ => {
                let (Some(new), Some(old)) = (person_text_mut(&mut row, field).cloned(), person_text_mut(&mut merged, field)) else { continue };
                if lay_over(field, old, &new) {
                    changed.push(*header);
                }
            }
        }
    }
    (merged, changed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_merged_note_is_added_below_the_recorded_one() {
        let existing = PersonInput { name: "釜石 太郎".into(), notes: "2019年から担当".into(), phone: "0193-1".into(), ..Default::default() };
        let row = PersonInput { name: "釜石 太郎".into(), notes: "夜間も連絡可".into(), ..Default::default() };
        let (merged, changed) = merge_person(&existing, &row);
        assert_eq!(merged.notes, "2019年から担当\n夜間も連絡可");
        assert_eq!(merged.phone, "0193-1");
        assert_eq!(changed.len(), 1);
        // The same file again adds nothing.
        let (again, changed) = merge_person(&merged, &row);
        assert_eq!(again.notes, merged.notes);
        assert!(changed.is_empty());
    }

    #[test]
    fn headers_are_found_in_the_files_wordings() {
        assert_eq!(field_of(ORGANISATION_COLUMNS, "機関名"), Some("name"));
        assert_eq!(field_of(ORGANISATION_COLUMNS, " 事業所名 "), Some("name"));
        assert_eq!(field_of(ORGANISATION_COLUMNS, "フリガナ"), Some("kana"), "katakana heading");
        assert_eq!(field_of(ORGANISATION_COLUMNS, "ＴＥＬ"), Some("phone"), "full width, any case");
        assert_eq!(field_of(ORGANISATION_COLUMNS, "所在地"), Some("address"));
        assert_eq!(field_of(ORGANISATION_COLUMNS, "備考"), Some("notes"));
        assert_eq!(field_of(ORGANISATION_COLUMNS, "FAX"), None, "no such field: ignored");
        assert_eq!(field_of(ORGANISATION_COLUMNS, ""), None);
        assert_eq!(field_of(PERSON_COLUMNS, "名前"), Some("name"));
        assert_eq!(field_of(PERSON_COLUMNS, "機関名"), Some("organisation"), "in a file of people, the organisation");
        assert_eq!(field_of(PERSON_COLUMNS, "役職"), Some("title"));
        assert_eq!(header_of(PERSON_COLUMNS, "organisation"), "所属");
        assert_eq!(header_of(ORGANISATION_COLUMNS, "nope"), "");
    }

    #[test]
    fn every_heading_names_one_field() {
        for columns in [ORGANISATION_COLUMNS, PERSON_COLUMNS] {
            let mut seen = std::collections::HashMap::new();
            for (field, main, others) in columns {
                for name in std::iter::once(main).chain(others.iter()) {
                    if let Some(other) = seen.insert(normalize_for_search(name), *field) {
                        assert_eq!(other, *field, "「{name}」 names two fields");
                    }
                }
            }
        }
        for f in ORGANISATION_REQUIRED {
            assert!(!header_of(ORGANISATION_COLUMNS, f).is_empty());
        }
        for f in PERSON_REQUIRED {
            assert!(!header_of(PERSON_COLUMNS, f).is_empty());
        }
        // Every text column has a field to fill.
        let mut o = OrganisationInput::default();
        assert!(ORGANISATION_COLUMNS.iter().filter(|(f, _, _)| *f != "professions").all(|(f, _, _)| organisation_text_mut(&mut o, f).is_some()));
        let mut p = PersonInput::default();
        assert!(PERSON_COLUMNS.iter().filter(|(f, _, _)| !matches!(*f, "organisation" | "profession")).all(|(f, _, _)| person_text_mut(&mut p, f).is_some()));
    }

    #[test]
    fn kinds_as_written() {
        assert_eq!(parse_kind("薬局"), Some("pharmacy"));
        assert_eq!(parse_kind(" 訪問看護ステーション "), Some("home_nursing"));
        assert_eq!(parse_kind("訪問看護"), Some("home_nursing"));
        assert_eq!(parse_kind("社協"), Some("social_welfare_council"));
        assert_eq!(parse_kind("pharmacy"), Some("pharmacy"));
        assert_eq!(parse_kind("宇宙船"), None);
        assert_eq!(parse_kind(""), None);
        assert!(kind_labels().starts_with("職能団体、病院"));
    }

    #[test]
    fn an_organisation_merge_keeps_what_a_blank_cell_does_not_say() {
        let existing = OrganisationInput { name: "釜石薬局".into(), kind: "pharmacy".into(), phone: "0193-22-1234".into(), address: "釜石市只越町1-1".into(), professions: vec![3], ..Default::default() };
        let row = OrganisationInput { name: "釜石 薬局".into(), kind: String::new(), phone: String::new(), address: "釜石市只越町2-2".into(), email: "a@example.jp".into(), professions: vec![3, 5], ..Default::default() };
        let (merged, changed) = merge_organisation(&existing, &row);
        assert_eq!(merged.name, "釜石薬局", "the recorded name stays");
        assert_eq!((merged.kind.as_str(), merged.phone.as_str()), ("pharmacy", "0193-22-1234"), "blank cells erase nothing");
        assert_eq!((merged.address.as_str(), merged.email.as_str()), ("釜石市只越町2-2", "a@example.jp"));
        assert_eq!(merged.professions, [3, 5]);
        assert_eq!(changed, ["職種", "住所", "メール"]);
        // The same row again changes nothing; professions are never taken away.
        assert!(merge_organisation(&merged, &row).1.is_empty());
        assert_eq!(merge_organisation(&merged, &OrganisationInput { professions: vec![], ..row.clone() }).0.professions, [3, 5]);
    }

    #[test]
    fn a_person_merge_keeps_what_a_blank_cell_does_not_say() {
        let existing = PersonInput { name: "山田 太郎".into(), organisation_id: Some(7), profession_id: Some(2), title: "室長".into(), phone: "090-1234-5678".into(), key_person: true, ..Default::default() };
        let row = PersonInput { name: "山田太郎".into(), organisation_id: Some(7), profession_id: None, title: "部長".into(), email: "y@example.jp".into(), ..Default::default() };
        let (merged, changed) = merge_person(&existing, &row);
        assert_eq!((merged.name.as_str(), merged.profession_id, merged.phone.as_str(), merged.key_person), ("山田 太郎", Some(2), "090-1234-5678", true));
        assert_eq!((merged.title.as_str(), merged.email.as_str()), ("部長", "y@example.jp"));
        assert_eq!(changed, ["役職", "メール"]);
        let (merged, changed) = merge_person(&existing, &PersonInput { profession_id: Some(4), ..Default::default() });
        assert_eq!((merged.profession_id, changed), (Some(4), vec!["職種"]));
    }
}
