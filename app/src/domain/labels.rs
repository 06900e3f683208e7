//! Japanese names of record types, actions and fields, as shown in the audit trail.

pub const ENTITY_TYPES: &[(&str, &str)] = &[
    ("user", "ユーザー"),
    ("profession", "職種"),
    ("organisation", "機関・団体"),
    ("person", "人"),
];

pub fn entity_type_label(code: &str) -> &str {
    ENTITY_TYPES.iter().find(|(c, _)| *c == code).map(|(_, l)| *l).unwrap_or(code)
}

pub fn action_label(code: &str) -> &str {
    match code {
        "create" => "作成",
        "update" => "更新",
        "archive" => "アーカイブ",
        "restore" => "復元",
        "delete" => "削除",
        "export" => "エクスポート",
        "password" => "パスワード変更",
        other => other,
    }
}

pub fn field_label(field: &str) -> &str {
    match field {
        "login_name" => "ログイン名",
        "display_name" => "表示名",
        "role" => "役割",
        "active" => "有効",
        "name" => "名称・氏名",
        "short_name" => "略称",
        "sort_order" => "並び順",
        "kana" => "ふりがな",
        "kind" => "種別",
        "professions" => "職種",
        "address" => "住所",
        "phone" => "電話番号",
        "email" => "メール",
        "website" => "ウェブサイト",
        "notes" => "メモ",
        "organisation" => "所属",
        "profession" => "職種",
        "title" => "役職・役割",
        "key_person" => "キーパーソン",
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_fall_back_to_codes() {
        assert_eq!(entity_type_label("organisation"), "機関・団体");
        assert_eq!(entity_type_label("x"), "x");
        assert_eq!(action_label("archive"), "アーカイブ");
        assert_eq!(field_label("kana"), "ふりがな");
        assert_eq!(field_label("zzz"), "zzz");
    }
}
