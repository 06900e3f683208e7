//! The columns of a centre's resource spreadsheet, found by their header whatever order
//! and wording the centre used, and the names of districts as centres write them.

use super::resources::{Activity, ResourceInput};
use super::text::normalize_for_search;

/// (field of `ResourceInput`, the header shown in help and problems, other headers taken).
pub const COLUMNS: &[(&str, &str, &[&str])] = &[
    ("name", "名称", &["資源名", "名前", "活動名", "団体名", "事業名", "サロン名"]),
    ("kana", "ふりがな", &["よみがな", "かな", "読み"]),
    ("category", "分類", &["種別", "カテゴリ", "カテゴリー", "区分"]),
    ("district", "地区", &["地区名", "生活応援センター", "センター", "担当地区"]),
    ("organiser_text", "主催", &["主催者", "運営", "運営団体", "実施主体", "団体"]),
    ("description", "内容", &["活動内容", "概要", "事業内容"]),
    ("audience", "対象", &["対象者"]),
    ("schedule", "日時", &["開催日時", "開催日", "活動日", "曜日・時間", "日程"]),
    ("place", "場所", &["会場", "開催場所", "活動場所"]),
    ("address", "住所", &["所在地"]),
    ("latitude", "緯度", &[]),
    ("longitude", "経度", &[]),
    ("cost", "費用", &["参加費", "利用料", "料金"]),
    ("how_to_join", "参加方法", &["申込方法", "申し込み方法", "利用方法"]),
    ("public_contact", "問い合わせ先", &["連絡先", "問合せ先", "問合わせ先", "問い合わせ"]),
    ("staff_contact", "専門職向け連絡先", &["専門職向けの連絡先", "担当者連絡先"]),
    ("source", "情報の出どころ", &["出典", "収集元", "情報源"]),
    ("collected_on", "収集日", &["調査日"]),
    ("activity", "状況", &["活動状況"]),
];

/// Columns a file must have.
pub const REQUIRED: [&str; 2] = ["name", "category"];

/// The field a header names (spaces, width and katakana/hiragana do not matter).
pub fn field_of(header: &str) -> Option<&'static str> {
    let h = normalize_for_search(header);
    if h.is_empty() {
        return None;
    }
    COLUMNS.iter().find(|(_, main, others)| std::iter::once(main).chain(others.iter()).any(|n| normalize_for_search(n) == h)).map(|(f, _, _)| *f)
}

/// The header a field is shown under.
pub fn header_of(field: &str) -> &'static str {
    COLUMNS.iter().find(|(f, _, _)| *f == field).map(|(_, h, _)| *h).unwrap_or("")
}

/// A district's name as centres write it, reduced to the name: 「鵜住居地区生活応援センター」
/// and 「鵜住居地区」 are 鵜住居.
pub fn district_key(s: &str) -> String {
    let mut k = normalize_for_search(s);
    for suffix in ["生活応援センター", "センター", "地区"] {
        if let Some(rest) = k.strip_suffix(normalize_for_search(suffix).as_str()) {
            k = rest.to_string();
        }
    }
    k
}

/// 活動中 / 休止中 / 終了 as written (empty: running; the import leaves a blank cell blank).
pub fn parse_activity(s: &str) -> Option<Activity> {
    let s = normalize_for_search(s);
    match s.as_str() {
        "" | "活動中" | "実施中" | "開催中" => Some(Activity::Active),
        "休止中" | "休止" | "休会中" => Some(Activity::Paused),
        "終了" | "廃止" | "解散" => Some(Activity::Ended),
        _ => None,
    }
}

/// The text field of a resource an import column fills.
pub fn field_mut<'a>(input: &'a mut ResourceInput, field: &str) -> Option<&'a mut String> {
    Some(match field {
        "name" => &mut input.name,
        "kana" => &mut input.kana,
        "category" => &mut input.category,
        "district" => &mut input.district,
        "organiser_text" => &mut input.organiser_text,
        "description" => &mut input.description,
        "audience" => &mut input.audience,
        "schedule" => &mut input.schedule,
        "place" => &mut input.place,
        "address" => &mut input.address,
        "latitude" => &mut input.latitude,
        "longitude" => &mut input.longitude,
        "cost" => &mut input.cost,
        "how_to_join" => &mut input.how_to_join,
        "public_contact" => &mut input.public_contact,
        "staff_contact" => &mut input.staff_contact,
        "source" => &mut input.source,
        "collected_on" => &mut input.collected_on,
        "activity" => &mut input.activity,
        _ => return None,
    })
}

/// An existing record with what a row says laid over it: a blank cell keeps what is
/// recorded. Returns the merged record and the headers of the columns that change it.
pub fn merge(existing: &ResourceInput, row: &ResourceInput) -> (ResourceInput, Vec<&'static str>) {
    let mut merged = existing.clone();
    let mut row = row.clone();
    let mut changed = Vec::new();
    for (field, header, _) in COLUMNS {
        let (Some(new), Some(old)) = (field_mut(&mut row, field).map(|v| v.trim().to_string()), field_mut(&mut merged, field)) else { continue };
        // The organiser text of a record bound to an organisation of the directory stays bound.
        if new.is_empty() || *old == new || (*field == "organiser_text" && !existing.organiser.is_empty()) {
            continue;
        }
        *old = new;
        changed.push(*header);
    }
    (merged, changed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_found_in_the_centres_wordings() {
        assert_eq!(field_of("名称"), Some("name"));
        assert_eq!(field_of(" 活動名 "), Some("name"));
        assert_eq!(field_of("フリガナ"), Some("kana"), "katakana heading");
        assert_eq!(field_of("問合せ先"), Some("public_contact"));
        assert_eq!(field_of("ＮＯ"), None);
        assert_eq!(field_of(""), None);
        assert_eq!(header_of("collected_on"), "収集日");
        // Every field is named once.
        let mut fields: Vec<_> = COLUMNS.iter().map(|c| c.0).collect();
        fields.dedup();
        assert_eq!(fields.len(), COLUMNS.len());
    }

    #[test]
    fn districts_and_states_as_written() {
        assert_eq!(district_key("鵜住居地区生活応援センター"), "鵜住居");
        assert_eq!(district_key("鵜住居 地区"), "鵜住居");
        assert_eq!(district_key("唐丹"), "唐丹");
        assert_eq!(parse_activity("休止中"), Some(Activity::Paused));
        assert_eq!(parse_activity(""), Some(Activity::Active));
        assert_eq!(parse_activity("たぶん"), None);
    }

    #[test]
    fn a_merge_keeps_what_a_blank_cell_does_not_say() {
        let existing = ResourceInput { name: "つながるカフェ".into(), schedule: "毎週火曜".into(), cost: "100円".into(), organiser: "7".into(), organiser_text: String::new(), ..Default::default() };
        let row = ResourceInput { name: "つながるカフェ".into(), schedule: "毎週木曜".into(), cost: String::new(), organiser_text: "町内会".into(), ..Default::default() };
        let (merged, changed) = merge(&existing, &row);
        assert_eq!((merged.schedule.as_str(), merged.cost.as_str(), merged.organiser.as_str(), merged.organiser_text.as_str()), ("毎週木曜", "100円", "7", ""));
        assert_eq!(changed, vec!["日時"]);
        // A blank 状況 keeps a paused entry paused.
        let paused = ResourceInput { activity: "paused".into(), ..existing.clone() };
        assert_eq!(merge(&paused, &ResourceInput { activity: String::new(), ..row.clone() }).0.activity, "paused");
        // Every column has a field to fill.
        let mut input = ResourceInput::default();
        assert!(COLUMNS.iter().all(|(f, _, _)| field_mut(&mut input, f).is_some()));
    }
}
