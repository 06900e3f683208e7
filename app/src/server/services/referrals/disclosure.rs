//! The file an administrator hands a person who asks what is kept about them (開示): the
//! slip and its replies as label–value rows. Opening a slip for it is audited as an export.

use super::access::ReferralAccess;
use super::slips::{self, Opening};
use crate::domain::report::Grid;
use crate::dto::referrals::ReferralView;
use crate::error::AppError;
use crate::server::seal::Keyring;
use crate::server::services::audit::Actor;
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::ConnectionTrait;

mod t {
    pub const CAPTION: &str = "連絡票の記録（ご本人への開示用）";
    pub const HEAD: [&str; 2] = ["項目", "内容"];
    pub const NO: &str = "連絡票番号";
    pub const SENT_ON: &str = "送付日";
    pub const PATHWAY: &str = "経路";
    pub const CHANNEL: &str = "送付方法";
    pub const SENDER: &str = "送付元";
    pub const RECEIVER: &str = "送付先";
    pub const STATE: &str = "状況";
    pub const RECEIVED_ON: &str = "受付日";
    pub const SHARE_CONSENT: &str = "情報共有の同意";
    pub const REPORT_BACK: &str = "送付元への報告の同意";
    pub const YES: &str = "あり";
    pub const NO_CONSENT: &str = "なし";
    pub const TOPICS: &str = "相談の内容（◎が最も困っていること）";
    pub const NAME: &str = "氏名";
    pub const KANA: &str = "ふりがな";
    pub const BIRTH: &str = "生年月日";
    pub const PHONE: &str = "電話番号";
    pub const ADDRESS: &str = "住所";
    pub const NOTICED: &str = "気づいたこと・伝えたいこと";
    pub const SEX: &str = "性別";
    pub const AGE: &str = "年代";
    pub const DISTRICT: &str = "地区";
    pub const HOUSEHOLD: &str = "世帯";
    pub const NOT_KEPT: &str = "（個人を特定する情報は保存されていません）";
    pub const ERASED: &str = "（消去済み）";
    pub const WITHHELD: &str = "（2段階認証を使うアカウントで書き出してください）";
    pub const REPLY: &str = "返信";
    pub const BY: &str = "記入者";
    pub const NOW: &str = "関わっている機関（■）";
    pub const PLANNED: &str = "予定の機関（●）";
    pub const CONNECTIONS: &str = "つながり（開始時 → 現在）";
    pub const CARE: &str = "介護保険の申請";
    pub const VISIT: &str = "受診";
    pub const RESOURCES: &str = "つながった地域の資源";
    pub const SUPPORT: &str = "主な支援と今後";
}

/// The rows of one slip as the caller may see it.
pub fn grid(r: &ReferralView) -> Grid {
    let s = &r.summary;
    let mut g = Grid::new(t::CAPTION, &t::HEAD, 2);
    let mut row = |label: &str, value: String| g.rows.push(vec![label.to_string(), value]);
    row(t::NO, s.id.to_string());
    row(t::SENT_ON, s.sent_on.clone());
    row(t::PATHWAY, s.pathway.clone());
    row(t::CHANNEL, r.channel.clone());
    row(t::SENDER, [Some(s.sender.clone()), r.sender_person.clone()].into_iter().flatten().collect::<Vec<_>>().join(" "));
    row(t::RECEIVER, s.receiver.clone());
    row(t::STATE, s.state.label().to_string());
    row(t::RECEIVED_ON, r.received_on.clone().unwrap_or_default());
    row(t::SHARE_CONSENT, r.share_consent.clone());
    row(t::REPORT_BACK, (if r.report_back { t::YES } else { t::NO_CONSENT }).to_string());
    let topics = s.topics.iter().enumerate().map(|(i, x)| if i == 0 && s.main_topic.is_some() { format!("◎{x}") } else { x.clone() });
    row(t::TOPICS, topics.collect::<Vec<_>>().join("、"));
    let absent = if r.erased {
        t::ERASED
    } else if r.personal_withheld {
        t::WITHHELD
    } else {
        t::NOT_KEPT
    };
    let p = r.person.clone();
    for (label, value) in [
        (t::NAME, p.as_ref().map(|p| p.name.clone())),
        (t::KANA, p.as_ref().map(|p| p.kana.clone())),
        (t::BIRTH, p.as_ref().map(|p| p.birth_date.clone())),
        (t::PHONE, p.as_ref().map(|p| p.phone.clone())),
        (t::ADDRESS, p.as_ref().map(|p| p.address.clone())),
        (t::NOTICED, p.as_ref().map(|p| p.noticed.clone())),
    ] {
        row(label, value.unwrap_or_else(|| absent.to_string()));
    }
    row(t::SEX, r.sex.clone());
    row(t::AGE, r.age_band.clone());
    row(t::DISTRICT, r.district.clone());
    row(t::HOUSEHOLD, r.household.clone());
    let count = |n: Option<i32>| n.map(|n| n.to_string()).unwrap_or_else(|| "—".into());
    for (i, reply) in r.replies.iter().enumerate() {
        let head = |label: &str| format!("{}{} {label}", t::REPLY, i + 1);
        row(&head(t::SENT_ON), reply.replied_on.clone());
        row(&head(t::BY), reply.by_name.clone());
        row(&head(t::STATE), reply.state.label().to_string());
        row(&head(t::NOW), reply.agencies_now.join("、"));
        row(&head(t::PLANNED), reply.agencies_planned.join("、"));
        row(&head(t::CONNECTIONS), format!("{} → {}", count(reply.connections_before), count(reply.connections_now)));
        row(&head(t::CARE), reply.care_application.clone());
        row(&head(t::VISIT), reply.visit.clone());
        row(&head(t::RESOURCES), reply.resources.join("、"));
        row(&head(t::SUPPORT), if reply.support_withheld { t::WITHHELD.to_string() } else { reply.support.clone() });
    }
    g
}

/// Opens the slip for the disclosure file (audited as an export) and returns its rows.
#[allow(clippy::too_many_arguments)]
pub async fn export(db: &impl ConnectionTrait, keyring: &Keyring, access: &ReferralAccess, actor: &Actor, id: i32, today: NaiveDate, now: DateTime<Utc>) -> Result<Grid, AppError> {
    Ok(grid(&slips::open(db, keyring, access, actor, Opening::Disclosure, id, today, now).await?))
}
