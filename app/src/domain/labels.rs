//! Japanese names of record types, actions and fields, as shown in the audit trail.

pub const ENTITY_TYPES: &[(&str, &str)] = &[
    ("user", "ユーザー"),
    ("profession", "職種"),
    ("organisation", "機関・団体"),
    ("person", "人"),
    ("meeting", "会議"),
    ("meeting_kind", "会議の種類"),
    ("follow_up", "フォローアップ"),
    ("issue", "連携の課題"),
    ("attachment", "添付ファイル"),
    ("issue_register", "課題リスト"),
    ("consultation", "相談記録"),
    ("consultation_category", "相談の分類"),
    ("consultation_import", "相談記録の取込"),
    ("training", "研修"),
    ("training_task", "研修のタスク"),
    ("resource", "地域の資源"),
    ("resource_import", "地域の資源の取込"),
    ("organisation_import", "機関・団体の取込"),
    ("person_import", "人の取込"),
    ("meeting_import", "過去の会議の取込"),
    ("resource_category", "資源の分類"),
    ("resource_district", "資源の地区"),
    ("referral", "つながるパス（連絡票）"),
    ("initiative", "連携の取組"),
    ("scene_plan", "4つの場面の計画"),
    ("newsletter", "地域連携だより"),
    ("newsletter_article", "地域連携だよりの記事"),
    ("referral_pathway", "つながるパスの経路"),
    ("referral_issue_link", "連絡票と課題の結びつけ"),
    ("setting", "設定"),
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
        "view" => "閲覧",
        "print" => "印刷",
        other => other,
    }
}

/// The Japanese name of a field of a record type (in the audit trail and conflict messages).
pub fn field_label<'a>(entity_type: &str, field: &'a str) -> &'a str {
    if matches!(entity_type, "meeting" | "follow_up") {
        let label = match field {
            "held_on" => Some("開催日"),
            "start_time" => Some("開始時刻"),
            "end_time" => Some("終了時刻"),
            "level" => Some("連携の段階"),
            "kind" => Some("種類"),
            "title" => Some("件名"),
            "place" => Some("場所"),
            "online" => Some("オンライン開催"),
            "organisations" => Some("機関・団体"),
            "people" => Some("出席者"),
            "guests" => Some("名簿にない出席者"),
            "coordinators" => Some("コーディネーター"),
            "purpose" => Some("目的"),
            "minutes" => Some("議事録"),
            "decisions" => Some("決定事項"),
            "work_items" => Some("事業項目"),
            "level_reason" => Some("段階についての理由"),
            "scenes" => Some("4つの場面"),
            "initiatives" => Some("取組"),
            "meeting" => Some("会議"),
            "action" => Some("対応内容"),
            "owner" => Some("担当"),
            "due_on" => Some("期限"),
            "done" => Some("完了"),
            _ => None,
        };
        if let Some(l) = label {
            return l;
        }
    }
    if entity_type == "issue" {
        let label = match field {
            "code" => Some("記号"),
            "title" => Some("課題"),
            "description" => Some("内容・背景"),
            "layer" => Some("層"),
            "status" => Some("状況"),
            "source" => Some("抽出元"),
            "source_meeting" => Some("抽出した会議"),
            "source_note" => Some("抽出元の補足"),
            "extracted_on" => Some("抽出日"),
            "fiscal_year" => Some("抽出年度"),
            "scenes" => Some("4つの場面"),
            "action" => Some("取組"),
            _ => None,
        };
        if let Some(l) = label {
            return l;
        }
    }
    if entity_type == "consultation" {
        let label = match field {
            "received_on" => Some("受付日"),
            "requester" => Some("相談者"),
            "organisation_text" => Some("所属（名簿にない場合）"),
            "region" => Some("圏域"),
            "method" => Some("方法"),
            "category" => Some("分類"),
            "wanted" => Some("欲しい相談"),
            "content" => Some("内容"),
            "response" => Some("対応"),
            "status" => Some("状況"),
            "solved_fy" => Some("解決策を実施した年度"),
            "meeting" => Some("関連する会議"),
            "issue" => Some("関連する課題"),
            _ => None,
        };
        if let Some(l) = label {
            return l;
        }
    }
    if matches!(entity_type, "training" | "training_task") {
        let label = match field {
            "title" => Some(if entity_type == "training" { "研修名" } else { "タスク" }),
            "theme" => Some("テーマ"),
            "organiser" => Some("主催"),
            "hosting" => Some("開催形態"),
            "level" => Some("連携の段階"),
            "professions" => Some("対象の職種"),
            "held_on" => Some("開催日"),
            "start_time" => Some("開始時刻"),
            "end_time" => Some("終了時刻"),
            "venue" => Some("会場"),
            "format" => Some("開催方法"),
            "capacity" => Some("定員"),
            "status" => Some("状況"),
            "work_items" => Some("事業項目"),
            "level_reason" => Some("段階についての理由"),
            "scenes" => Some("4つの場面"),
            "initiatives" => Some("取組"),
            "support" => Some("役割分担"),
            "participants" => Some("参加者（職種別）"),
            "respondents" => Some("アンケート回答数"),
            "satisfaction" => Some("満足度"),
            "comments" => Some("自由記述"),
            "lessons" => Some("振り返り・次回への学び"),
            "meetings" => Some("関連する会議"),
            "issues" => Some("取り組む課題"),
            "training" => Some("研修"),
            "owner" => Some("担当"),
            "due_on" => Some("期限"),
            "done" => Some("完了"),
            _ => None,
        };
        if let Some(l) = label {
            return l;
        }
    }
    if entity_type == "resource" {
        let label = match field {
            "name" => Some("名称"),
            "category" => Some("分類"),
            "district" => Some("地区"),
            "organiser" => Some("主催・運営"),
            "description" => Some("内容"),
            "audience" => Some("対象"),
            "schedule" => Some("日時"),
            "place" => Some("場所"),
            "latitude" => Some("緯度"),
            "longitude" => Some("経度"),
            "cost" => Some("費用"),
            "how_to_join" => Some("参加方法"),
            "public_contact" => Some("問い合わせ先（公開）"),
            "staff_contact" => Some("専門職向けの連絡先"),
            "known_by" => Some("顔の見える関係"),
            "source" => Some("情報源"),
            "collected_on" => Some("収集日"),
            "screening" => Some("精査"),
            "screening_reason" => Some("非掲載の理由"),
            "consent" => Some("掲載の同意"),
            "consent_on" => Some("同意日"),
            "consent_by" => Some("同意した人"),
            "confirmed_on" => Some("確認日"),
            "confirmed_by" => Some("確認した人"),
            "activity" => Some("活動状況"),
            "notice" => Some("お知らせ"),
            _ => None,
        };
        if let Some(l) = label {
            return l;
        }
    }
    if entity_type == "initiative" {
        let label = match field {
            "title" => Some("取組名"),
            "status" => Some("状況"),
            "scenes" => Some("4つの場面"),
            "partners" => Some("連携先"),
            "next_step" => Some("次の一歩"),
            "next_step_on" => Some("次の一歩の予定日"),
            "notes" => Some("メモ"),
            "meeting" => Some("結びつけた会議"),
            "training" => Some("結びつけた研修"),
            "step" => Some("軌跡のできごと"),
            "issue" => Some("結びつけた課題"),
            "consultation" => Some("結びつけた相談"),
            "referral" => Some("結びつけた連絡票"),
            _ => None,
        };
        if let Some(l) = label {
            return l;
        }
    }
    if entity_type == "newsletter" || entity_type == "newsletter_article" {
        let label = match field {
            "heading" => Some("見出し"),
            "body" => Some("本文"),
            "number" => Some("号"),
            "issued_on" => Some("発行日"),
            "title" => Some("表題"),
            "article" => Some("記事"),
            _ => None,
        };
        if let Some(l) = label {
            return l;
        }
    }
    if entity_type == "scene_plan" {
        let label = match field {
            "vision" => Some("目指す姿"),
            "targets" => Some("目標"),
            "actions" => Some("主な取組"),
            "evaluation" => Some("年度末評価"),
            "next_plan" => Some("次年度への計画"),
            "draft" => Some("下書き"),
            "indicator" => Some("指標"),
            _ => None,
        };
        if let Some(l) = label {
            return l;
        }
    }
    if entity_type == "meeting_kind" {
        let label = match field {
            "code" => Some("コード"),
            "name" => Some("種類の名前"),
            _ => None,
        };
        if let Some(l) = label {
            return l;
        }
    }
    if matches!(entity_type, "resource_category" | "resource_district" | "referral_pathway") {
        let label = match field {
            "name" => Some(match entity_type {
                "resource_category" => "分類名",
                "resource_district" => "地区名",
                _ => "経路名",
            }),
            "parent" => Some("大分類"),
            _ => None,
        };
        if let Some(l) = label {
            return l;
        }
    }
    match field {
        "issue_grants" => "課題リストの閲覧（職種）",
        "issue_link" => "課題への結びつけ（資源不足の根拠）",
        "pathway" => "経路",
        "sent_on" => "送付日",
        "sender" => "送付元",
        "receiver" => "送付先",
        "topics" => "相談の内容",
        "main_topic" => "いちばん困っていること（◎）",
        "share_consent" => "情報共有の同意",
        "report_back" => "送付元への報告の同意",
        "state" => "状況",
        "received_on" => "受付日",
        "facility_publication" => "医療・介護資源マップへの掲載",
        "two_factor" => "2段階認証",
        "recovery_codes" => "回復コード",
        "two_factor_required_roles" => "2段階認証が必要な役割",
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
        "receives_newsletter" => "地域連携だよりの送付",
        "organisation" => "所属",
        "profession" => "職種",
        "title" => "役職・役割",
        "key_person" => "キーパーソン",
        "posts" => "所属・役職の履歴",
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
        assert_eq!(field_label("organisation", "kana"), "ふりがな");
        assert_eq!(field_label("person", "title"), "役職・役割");
        assert_eq!(field_label("meeting", "title"), "件名");
        assert_eq!(field_label("meeting", "professions"), "職種");
        assert_eq!(field_label("meeting", "zzz"), "zzz");
        assert_eq!(field_label("issue", "title"), "課題");
        assert_eq!(field_label("consultation", "wanted"), "欲しい相談");
        assert_eq!(field_label("training", "title"), "研修名");
        assert_eq!(field_label("training_task", "title"), "タスク");
        assert_eq!(field_label("user", "issue_grants"), "課題リストの閲覧（職種）");
        assert_eq!(field_label("user", "two_factor"), "2段階認証");
        assert_eq!(field_label("setting", "two_factor_required_roles"), "2段階認証が必要な役割");
        assert_eq!(entity_type_label("setting"), "設定");
        assert_eq!(field_label("resource", "consent_on"), "同意日");
        assert_eq!(field_label("resource_district", "name"), "地区名");
        assert_eq!(entity_type_label("resource_category"), "資源の分類");
        assert_eq!(entity_type_label("meeting_kind"), "会議の種類");
        assert_eq!(field_label("meeting_kind", "name"), "種類の名前");
    }
}
